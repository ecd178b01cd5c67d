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
#include "store/tsv.h"

typedef struct RefCounts {
  int nCountry, nBorder, nIndustry;
  int nCity, nCityZh, nCityAlt;      /* places (re)loaded, with a Chinese name, alternates */
  int nCityDeleted, nCityKept;       /* places of an earlier load gone, kept (referenced) */
} RefCounts;

YcStatus refdata_load(Db *db, RefCounts *pCounts, Err *e);

/* tsv_each(): store/tsv.h, included for the callers of this header */

/* Continent key for a world-countries region/subregion pair. */
const char *refdata_continent(const char *zRegion, const char *zSubregion);

#endif
