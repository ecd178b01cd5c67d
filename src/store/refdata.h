/*
** refdata.h: load the embedded reference data: countries and land borders
** (world-countries, ODbL), the GeoNames gazetteer of places of >= 500
** people (cities500, CC BY 4.0; store/gazetteer.h) and ISIC Rev.4 sections
** and divisions, in one transaction. Idempotent: a second run changes
** nothing.
*/
#ifndef YC_REFDATA_H
#define YC_REFDATA_H
#include "store/db.h"

typedef struct RefCounts {
  int nCountry, nBorder, nIndustry;
  int nCity, nCityZh, nCityAlt;      /* places (re)loaded, with a Chinese name, alternates */
  int nCityDeleted, nCityKept;       /* places of an earlier load gone, kept (referenced) */
} RefCounts;

YcStatus refdata_load(Db *db, RefCounts *pCounts, Err *e);

/* Call xLine for each data line of an embedded TSV asset (skipping '#'
** comments and the header). azField points into a scratch copy. */
typedef YcStatus (*TsvLineFn)(void *pCtx, char **azField, int nField, int iLine, Err *e);
YcStatus tsv_each(const char *zAsset, int nWant, TsvLineFn xLine, void *pCtx, Err *e);

/* Continent key for a world-countries region/subregion pair. */
const char *refdata_continent(const char *zRegion, const char *zSubregion);

#endif
