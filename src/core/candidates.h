/*
** candidates.h: candidate partner cities for a target country, or across
** the gaps of a country list, ranked with their reasons. Factors (each a
** {factor, value, points, text}): population and administrative rank
** (GeoNames), openness (twins in the world twin-city network, most of all
** with Chinese cities), already twinned with another city of the home
** province (flagged, -10), listed as a twin of the home city in public
** data but not in the registry (flagged), country priority (list mode),
** distance from the home city (information only). Industry fit is skipped
** and said so: industry profiles exist only for cities already tied.
*/
#ifndef YC_CANDIDATES_H
#define YC_CANDIDATES_H
#include <jansson.h>
#include "core/ctx.h"

extern const char *const azCandidateParam[];   /* country, list, limit */

/* zCountry (ISO2) or zList (a list key), not both; zLimit 1..100 (20).
** {"country"|"list":..., "items":[{"rank","city":{...},"score","reasons":
** [...],"flags":{...},"twins":{...}}], "skipped":[{factor,text}],
** "countries":[...]} */
YcStatus candidates_rank(Ctx *c, const char *zCountry, const char *zList,
                         const char *zLimit, json_t **ppOut, Err *e);

/* The notes and source text for proposing candidate city cityId as a
** candidate tie (reasons from a ranking); malloc'd. */
char *candidates_notes(json_t *candidate);

#endif
