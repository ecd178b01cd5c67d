/*
** layout.h: layout analysis: how the home city's ties cover the world, by
** continent, subregion and country; how much of each target list they
** cover; and the gaps (target countries without a working tie) ranked by
** priority. Per-country figures from the world twin-city network and the
** GeoNames towns are kept in layout_country_stat (layout_stats_refresh).
*/
#ifndef YC_LAYOUT_H
#define YC_LAYOUT_H
#include <jansson.h>
#include "core/ctx.h"

/* The state of a country for the home city, best first:
**   covered        a sister or cooperation tie with status active (and,
**                  when the health table exists, not at level dormant)
**   dormant_only   such ties exist but every one is dormant (health)
**   candidate_only only candidate ties (not ended)
**   inactive_only  ties, but none active (proposed, negotiating,
**                  unverified, suspended or ended)
**   none           no tie at all
** A country is "covered" when covered or dormant_only (it has an active
** sister or cooperation tie); "working" when covered. Gaps are the target
** countries in the other states, dormant_only included (ties to revive).
** The home city's own country is left out of every list. */
extern const char *const azLayoutState[];

/* Analyse for list zList (a list key, or 0 for all target and user
** lists). *ppOut: {"home_city", "list" (the selected list or null),
** "health" (tie_health used), "totals":{ties, countries,
** covered_countries, working_countries, by_kind, by_status},
** "continents":[...], "subregions":[...], "countries":[{iso2, ccn3, names,
** ties, by_kind, by_status, state, lists, china_links}], "lists":[{key,
** names, kind, builtin, source, as_of, members, covered, working, share,
** states}], "gaps":[{iso2, names, state, priority, lists, population,
** china_links, reasons:[{factor, value, points, text}]}], "expand":[...],
** "priority_rule"}. "expand" holds, shaped as gaps, the covered members of
** the lists marked expand (list objects carry "expand" and "expand_by"):
** their reasons add {"factor":"expand","value":[keys],"points":5}.
** YC_EINVALID (field "list") for an unknown list. */
YcStatus layout_analyse(Ctx *c, const char *zList, json_t **ppOut, Err *e);

/* Recompute layout_country_stat (run by init and by each twin import,
** inside the caller's transaction if one is open). */
YcStatus layout_stats_refresh(Ctx *c, Err *e);

/* 1 if the tie_health table (ties' activity levels) exists. */
int layout_has_health(Ctx *c);

/* The priority rule as text (English), for pages and exports. */
extern const char zLayoutPriorityRule[];

#endif
