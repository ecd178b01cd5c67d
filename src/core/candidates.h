/*
** candidates.h: candidate partner cities for a target country, or across
** the gaps of a country list (and its covered countries when the list is
** marked expand: more ties wanted there, as the 2019 commentary asks of
** the major countries), ranked with their reasons. Factors (each a
** {factor, value, points, text}):
**   admin_fit    0..FIT_MAX: how likely a city of the candidate's kind
**                (feature-code class and population band) is twinned with
**                cities like the home city, learned from the world twin
**                network (core/cand_fit.h); without a network, fixed
**                points for population and administrative rank instead;
**   openness, china_ties   twins in the world network, Chinese ones;
**   industry_fit 0..15: industries of partner-side organisations located
**                in the city (or of industry profiles of ties to it) in
**                common with the home side's organisations, only where
**                such data exist;
**   home_province_twin (-10, flagged), public_twin_of_home (+5, flagged),
**   country_priority (list mode), distance (information only).
** Sub-city units (core/subcity.h) of a city that is assessed or tied are
** left out and listed under "excluded" with their evidence. City objects
** carry name, name_zh and, once the gazetteer has them (migration 006),
** admin1 and admin1_zh from the city table.
*/
#ifndef YC_CANDIDATES_H
#define YC_CANDIDATES_H
#include <jansson.h>
#include "core/ctx.h"

extern const char *const azCandidateParam[];   /* country, list, limit */

/* zCountry (ISO2) or zList (a list key), not both; zLimit 1..100 (20).
** {"country"|"list":..., "items":[{"rank","city":{...},"score","reasons":
** [...],"flags":{...},"twins":{...}}], "skipped":[{factor,text}],
** "countries":[...], "expand":[iso2...], "excluded":[{"city","part_of",
** "rule","km","radius_km","composed","admin2_code","text"}], "pool",
** "with_industry", "fit" (null without a network), "home_city"}
** (doc/api.md). Deterministic: ties broken by population, then id. */
YcStatus candidates_rank(Ctx *c, const char *zCountry, const char *zList,
                         const char *zLimit, json_t **ppOut, Err *e);

/* The notes and source text for proposing candidate city cityId as a
** candidate tie (reasons from a ranking); malloc'd. */
char *candidates_notes(json_t *candidate);

#endif
