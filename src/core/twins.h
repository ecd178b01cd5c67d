/*
** twins.h: the world twin-city network. Public twin-town datasets are
** imported row by row (twins_import.c); each place is resolved to a
** GeoNames city by name (folded, with qualifiers and district parts tried,
** "St." written out, other scripts transliterated, alternate names and
** exonyms), within the stated country (country strings normalised with
** the country table and data/country_aliases.tsv), with coordinates
** choosing only among same-name places near them (twins.c). Every row is
** kept with how each side resolved and with what confidence; the pairs
** are derived from all rows, so the order of imports does not matter.
*/
#ifndef YC_TWINS_H
#define YC_TWINS_H
#include <stddef.h>
#include <jansson.h>
#include "core/ctx.h"
#include "base/buf.h"

/* Resolved sides below this confidence are listed for review. */
#define TWIN_CONF_REVIEW 0.7

/* ---- resolution ----------------------------------------------------- */

typedef struct TwinResolver TwinResolver;

/* Load the cities, countries and aliases into memory (about 0.1 s). */
YcStatus twin_resolver_open(Ctx *c, TwinResolver **pp, Err *e);
void twin_resolver_close(TwinResolver *r);

/* One place as a dataset names it. zCountry 0 = not stated (search all
** countries); bCoords says whether lat/lng are given; zQid its Wikidata
** id or 0 (a hand fix by id applies). */
typedef struct TwinPlace {
  const char *zName, *zCountry;
  double lat, lng;
  int bCoords;
  const char *zQid;
} TwinPlace;

/* How a place resolved. zHow is one of
**   resolved:  fixed (by hand), exact, nearest, variant, part, parent,
**              alt_name, alias, population, near_similar, seat
**   not:       ambiguous, unknown_country, area, not_found, wrong_country,
**              not_a_city (by hand)
** bResolved is set for the first group, with conf in (0, 1]. zDetail
** explains in English; a place not resolved may name a suggestion there
** ("suggestion: Valladolid (GeoNames 3106672)") for review, and aCand
** holds the candidates of an ambiguous one. */
typedef struct TwinMatch {
  int64_t id;
  int bResolved;
  double conf;
  const char *zHow;
  char zIso2[3];
  char zDetail[300];
  int64_t aCand[8];     /* the candidates of an ambiguous place */
  int nCand;
} TwinMatch;

void twin_resolve(TwinResolver *r, const TwinPlace *pPlace, TwinMatch *m);
/* The same, cached in the resolver (valid until it is closed); 0 on OOM. */
const TwinMatch *twin_resolve_ref(TwinResolver *r, const TwinPlace *pPlace);

/* Alternate names the resolver loaded from the gazetteer's city_alt. */
int twin_resolver_alt_names(const TwinResolver *r);

/* The key of a hand fix of a side into b: "qid:Q64" when zQid is given,
** else "name:" folded name, char(31), zIso2 (the stated country's code)
** or, when the country names no known country, the folded country text. */
void twin_fix_key(const char *zName, const char *zCountry, const char *zQid, const char *zIso2, Buf *b);
/* The same for a place (its stated country resolved with r). */
void twin_place_key(TwinResolver *r, const TwinPlace *pl, Buf *b);

/* ISO2 code of a country string ("England, United Kingdom" -> GB); when
** the string names several (Georgia), lat/lng pick one if bCoords. 0 if
** none. zHow gets "name", "alias", "coords" or 0. */
int twin_country(TwinResolver *r, const char *zCountry, double lat, double lng,
                 int bCoords, char zIso2[3], const char **pzHow);

#endif
