/*
** twins_network.h: views of the world twin-city network (the twin_pair
** table that twins_import fills, twins.h): the imports and what did not
** resolve, a city's twins, a country's most-connected cities, twin counts
** for the layout analysis. "Chinese cities" are GeoNames cities with
** country CN; the home province is the home city's country and
** first-level admin code (Jinan: CN 25, Shandong).
*/
#ifndef YC_TWINS_NETWORK_H
#define YC_TWINS_NETWORK_H
#include <jansson.h>
#include "core/ctx.h"

/* {"imports":[{id, source, format, mapping, rows, resolved, unresolved,
** low_confidence, actor, created_at}], "pairs":N, "cities":N,
** "review":{reason:n}} (reasons: azTwinReason, twins_review.h). */
YcStatus twins_summary(Ctx *c, json_t **ppOut, Err *e);

/* A city's twins: {"city":{...},"twins":[...],"counts":{"twins","china",
** "home_province","home_city"},"home_tie":id|null} */
YcStatus network_city(Ctx *c, int64_t id, json_t **ppOut, Err *e);

/* The most-connected cities of a country: {"country":{...},"items":[{city,
** twins, china, home_province, home_tie}],"total_cities","total_pairs"} */
YcStatus network_country(Ctx *c, const char *zIso2, const char *zLimit, json_t **ppOut, Err *e);

/* Twin counts of one city: all, with Chinese cities, with cities of the
** home province (the home city's country and admin code). */
typedef struct TwinCounts { int nTwin, nChina, nProvince, bHomeCity; } TwinCounts;
void network_counts(Ctx *c, int64_t cityId, TwinCounts *p);

/* 1 if the twin tables hold any pair. */
int twins_loaded(Ctx *c);

/* The countries with the most twin links (layout statistics): {iso2,
** name_en, name_zh, twin_cities, twin_links, links_china,
** links_home_province}, at most nLimit. */
YcStatus network_top_countries(Ctx *c, int nLimit, json_t **ppOut, Err *e);

#endif
