/*
** twins.h: the world twin-city network. Public twin-town datasets are
** imported pair by pair; each city is resolved to a GeoNames city by name
** (folded, with qualifiers and district parts tried, "St." written out,
** other scripts transliterated), by country (country strings normalised
** with the country table and data/country_aliases.tsv) and by the nearest
** coordinates. Rows that do not resolve are kept in twin_unresolved with a
** category, never dropped. One import is one transaction.
*/
#ifndef YC_TWINS_H
#define YC_TWINS_H
#include <stddef.h>
#include <jansson.h>
#include "core/ctx.h"

/* ---- resolution ----------------------------------------------------- */

typedef struct TwinResolver TwinResolver;

/* Load the cities, countries and aliases into memory (about 0.1 s). */
YcStatus twin_resolver_open(Ctx *c, TwinResolver **pp, Err *e);
void twin_resolver_close(TwinResolver *r);

/* One place as a dataset names it. zCountry 0 = unknown (search all
** countries); bCoords says whether lat/lng are given. */
typedef struct TwinPlace {
  const char *zName, *zCountry;
  double lat, lng;
  int bCoords;
} TwinPlace;

/* How a place resolved. zHow is one of
**   resolved:  exact, nearest, variant, part, parent, near_similar,
**              alias, other_country, nearest_place, population, known_pair
**   not:       ambiguous, unknown_country, area, not_found
** bResolved is set for the first group. zDetail explains in English. */
typedef struct TwinMatch {
  int64_t id;
  int bResolved;
  const char *zHow;
  char zIso2[3];
  char zDetail[300];
  int64_t aCand[8];     /* the candidates of an ambiguous place */
  int nCand;
} TwinMatch;

void twin_resolve(TwinResolver *r, const TwinPlace *pPlace, TwinMatch *m);

/* ISO2 code of a country string ("England, United Kingdom" -> GB); when
** the string names several (Georgia), lat/lng pick one if bCoords. 0 if
** none. zHow gets "name", "alias", "coords" or 0. */
int twin_country(TwinResolver *r, const char *zCountry, double lat, double lng,
                 int bCoords, char zIso2[3], const char **pzHow);

/* ---- import --------------------------------------------------------- */

/* Import a twin-town file. zFormat: "wikipedia" (columns city1,country1,
** lat1,lng1,city2,country2,lat2,lng2), "wikidata" (city_a_qid,
** city_a_label,city_b_qid,city_b_label,stated_both_ways) or 0 to detect it
** from the header. zSource names the file in the import record.
** *ppReport: {"format","rows","resolved","ambiguous","failed","same_city",
** "rate","resolved_by":{how:n},"unresolved_by":{category:n},"pairs_new",
** "pairs_known","unresolved_new","newly_resolved","already_imported",
** "import_id","dry_run","seconds","seconds_resolve","cpu_seconds",
** "errors":[{"row","field","code",
** "message"}]}. A bad file (columns, quoting, UTF-8, no rows, bad values)
** answers YC_EINVALID with the report's errors and writes nothing. */
YcStatus twins_import(Ctx *c, const char *zSource, const char *zData, size_t nData,
                      const char *zFormat, int bDryRun, json_t **ppReport, Err *e);

/* The categories of unresolved rows: ambiguous, unknown_country, area,
** not_found, same_city. The views of the imported network are in
** twins_network.h. */
extern const char *const azTwinCategory[];

#endif
