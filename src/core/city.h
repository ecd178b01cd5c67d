/*
** city.h: reference data queries: cities (GeoNames), countries and the
** ISIC industry classification.
*/
#ifndef YC_CITY_H
#define YC_CITY_H
#include <jansson.h>
#include "core/ctx.h"

int city_exists(Ctx *c, int64_t id);

/* Set the Chinese name of a city and re-index it. */
YcStatus city_set_name_zh(Ctx *c, int64_t id, const char *zZh, Err *e);

/* One city as JSON, or YC_ENOTFOUND. */
YcStatus city_get(Ctx *c, int64_t id, json_t **ppOut, Err *e);

/* Name search over all cities: prefix-, script-, width- and case-tolerant,
** pinyin for Chinese names. zCountry (ISO2) optional. Exact name matches
** first, then by population. {"items":[...]} */
YcStatus city_search(Ctx *c, const char *zQ, const char *zCountry,
                     const char *zLimit, json_t **ppOut, Err *e);

/* Resolve a city by name (any script) and optional ISO2 country: the most
** populous exact match. 0 if none. */
int64_t city_resolve(Ctx *c, const char *zName, const char *zCountry);

/* All countries {"items":[...]} with names, region, continent, borders. */
YcStatus country_list(Ctx *c, json_t **ppOut, Err *e);
/* ISO2 code for a country name or code in English or Chinese; 0 if none.
** Returns a pointer to a static-size buffer owned by the caller (z[3]). */
int country_resolve(Ctx *c, const char *zName, char zIso2[3]);

/* The ISIC Rev.4 sections and divisions {"items":[...]} */
YcStatus industry_list(Ctx *c, json_t **ppOut, Err *e);
int industry_exists(Ctx *c, const char *zCode);

/* {name_en, name_zh} of a country by ISO2 code; 0 if unknown. */
json_t *country_names(Ctx *c, const char *zIso2);
/* 1 if zIso2 is a country in the database. */
int country_exists(Ctx *c, const char *zIso2);
/* Parse "US,SE" (comma- or space-separated) into a new JSON array of
** ISO 3166-1 alpha-2 codes that exist in the country table (upper-cased,
** repeats dropped); at most nMax. Err names zField. */
YcStatus country_codes_parse(Ctx *c, const char *z, const char *zField, size_t nMax,
                             json_t **pa, Err *e);

#endif
