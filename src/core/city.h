/*
** city.h: reference data queries: cities (GeoNames), countries and the
** ISIC industry classification.
*/
#ifndef YC_CITY_H
#define YC_CITY_H
#include <jansson.h>
#include "core/ctx.h"

int city_exists(Ctx *c, int64_t id);

/* Set the office's own Chinese name of a city (city_name_own: shown instead
** of GeoNames' and kept across gazetteer re-loads) and re-index it; zZh 0
** removes it and shows GeoNames' name again. Inside the caller's
** transaction, not audited (the caller audits). */
YcStatus city_set_name_zh(Ctx *c, int64_t id, const char *zZh, Err *e);

/* PUT /api/v1/cities/{id}: {"name_zh": "..."} sets the office's own Chinese
** name, {"name_zh": null} removes it; validated, audited; *ppOut is the city
** as city_get gives it. */
YcStatus city_name_put(Ctx *c, int64_t id, json_t *in, json_t **ppOut, Err *e);

/* Add label_en "Springfield, Illinois, US" and label_zh
** "斯普林菲尔德（美国，伊利诺伊州）" to j: the city's name with its admin-1
** name (Chinese where known; left out when it is the city's own name, as
** for Tokyo) and country. zName is required; the rest may be 0. */
void city_labels_add(json_t *j, const char *zName, const char *zZh, const char *zAdmin1,
                     const char *zAdmin1Zh, const char *zIso2, const char *zCountryZh);

/* A city as other records embed it: {id, name_en, name_zh, admin1,
** admin1_zh, country{iso2, name_en, name_zh}, label_en, label_zh}; any text
** may be 0. label_en is "Springfield, Illinois, US", label_zh
** "斯普林菲尔德（美国，Illinois）". */
json_t *city_ref_json(int64_t id, const char *zName, const char *zZh, const char *zAdmin1,
                      const char *zAdmin1Zh, const char *zIso2, const char *zCountryEn,
                      const char *zCountryZh);

/* One city as JSON, or YC_ENOTFOUND: names, admin-1/admin-2 names,
** label_en/label_zh (see city_ref_json), name_zh_source ("own", "geonames"
** or "none"), name_zh_own, alternates {zh:[...], latin:[...]}. */
YcStatus city_get(Ctx *c, int64_t id, json_t **ppOut, Err *e);

/* Name search over all cities: prefix-, script-, width- and case-tolerant,
** pinyin for Chinese names, any alternate name (exonyms such as Moskau,
** Traditional forms). zCountry (ISO2) optional. Exact matches first, then
** by population. {"items":[...]} */
YcStatus city_search(Ctx *c, const char *zQ, const char *zCountry,
                     const char *zLimit, json_t **ppOut, Err *e);

/* The city a user means by zName: a GeoNames id, or a name in any script
** or form (青岛, 濟南, qingdao, Moskau): its name, Chinese name or any
** alternate. The most populous place of that name when it has ten times the
** people of the next; else YC_EINVALID "ambiguous" with *ppCand the places
** (at most 10, as city_ref_json with population, most populous first), so
** that the user can give the id. YC_ENOTFOUND when nothing fits. */
YcStatus city_lookup(Ctx *c, const char *zName, int64_t *pId, json_t **ppCand, Err *e);

/* 1 if zName (a GeoNames id or a name) designates city id in the database
** as it is, of any schema version: its id, name, Chinese name or (schema 6
** on) an alternate name. For `init`, before it migrates anything. */
int city_is_named(Ctx *c, int64_t id, const char *zName);

/* Resolve a city by name (any script) and optional ISO2 country: the most
** populous exact match of its name or Chinese name, else of an alternate
** name. 0 if none. */
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
