/*
** twins_load.h: the twin resolver: its interface (below, first; included
** by core/twins.h) and its memory (the cities with their name keys and
** grid, countries, aliases, areas, hand fixes), loaded by
** twin_resolver_open in twins_load.c. Resolution (twin_resolve,
** twin_country) is in twins.c; the memory part is for core/twins*.c only.
*/
#ifndef YC_TWINS_LOAD_H
#define YC_TWINS_LOAD_H
#include <stdint.h>
#include "core/ctx.h"
#include "base/arena.h"
#include "base/buf.h"

/* Resolved sides below this confidence are listed for review. */
#define TWIN_CONF_REVIEW 0.7

/* ---- resolution ----------------------------------------------------- */

typedef struct TwinResolver TwinResolver;

/* Load the cities, countries and aliases into memory (about 0.1 s). */
/* The gazetteer part (cities, their keys and grid, countries, areas,
** aliases, territories) is loaded once per process and shared by the
** resolvers opened after it, read-only, while what it was loaded from is
** unchanged: the gazetteer the database was initialised with (meta
** "gazetteer"), the city, alternate-name and country counts and every
** office's own Chinese city name (city_name_own). Hand fixes are loaded per
** open. Thread-safe. */
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

/* ---- the resolver's memory (core/twins*.c only) ---------------------- */


#define GRID_STEP 0.5
#define GRID_NLAT 360
#define GRID_NLNG 720
#define NEAR_KM 25.0           /* radius for similar spellings */
#define SKELETON_KM 10.0       /* radius for the same consonants in another transliteration */
#define PLACE_KM 2.0           /* a listed place this close is the same place */
#define COUNTRY_KM 30.0        /* radius to take a country from coordinates (no known country given) */
#define NEAR_KM_SAME 35.0      /* coordinates this close to a same-name place choose it */
#define POP_DOMINANCE 10       /* population lead that decides without country or coordinates */
#define ALT_DOMINANCE 10       /* lead of an alternate-name match over a primary-name one */
#define POP_DECIDES 10         /* population lead over the runner-up that decides among same-name places */
#define PLACE_NEAR_KM 5.0      /* a point this close to a namesake is on it */
#define TIE_KM 10.0            /* namesakes this much farther than the nearest tie with it */
#define FAR_KM 50.0            /* a point in the stated country this far from every namesake points elsewhere */
#define ALT_BIG_POP 50000      /* a city this large is known by its other names, whatever the point */
#define SMALL_POP 1000         /* a village: far from the point in its own country, not evidence enough */
#define PARENT_KM 100.0        /* a district's own entry lies this close to the city the source names */

typedef struct RCity {
  int64_t id;
  const char *zName, *zLoose;
  char zCc[3];
  char zFc[6];           /* GeoNames feature code (PPLA, PPLA2, ...) */
  int64_t pop;
  double lat, lng;
  int aArea[2];          /* its admin-1 and admin-2 area (index into aArea), -1 none */
} RCity;

/* An administrative area a city lies in (GeoNames admin-1 or admin-2
** name of a country), keyed by the loose key of its name without its area
** word ("Kumla Kommun" -> "kumla", kind CN_Q_MUNI). */
typedef struct RArea {
  const char *zName, *zKey;
  char zCc[3];
  uint8_t level, kind;   /* 1 or 2; CnQualKind of its name */
  int iSeat;             /* its seat (PPLA / PPLA2, the most populous if several), -1 none */
  int nPlace;
} RArea;

/* A key of an area (its stem, or the stem without a genitive s). */
typedef struct RAreaKey { uint64_t h; const char *z; int iArea; } RAreaKey;

/* A loose key of a city's name; bAlt: an alternate name (exonym,
** historical name), not the city's own. */
typedef struct RKey { uint64_t h; uint32_t i; uint32_t bAlt; const char *z; } RKey;

/* A hand fix: a side key and the city chosen (-1: not a city). */
typedef struct RFix { uint64_t h; const char *zKey; int64_t cityId; } RFix;

/* A dependent territory of a sovereign country (data/country_territories.tsv). */
typedef struct RTerr { char zCc[3], zSov[3]; } RTerr;

typedef struct CKey { uint64_t h; const char *z; char azCode[4][3]; int nCode; int bAlias; } CKey;

typedef struct CacheEnt { const char *zKey; uint64_t h; TwinMatch *m; } CacheEnt;

typedef struct CAlias { uint64_t h; const char *zKey, *zTarget; char zCc[3]; } CAlias;

struct TwinResolver {
  Arena arena;
  RCity *a;
  int n;
  RKey *aKey;
  int nKey;
  uint32_t *aCell;       /* GRID_NLAT*GRID_NLNG+1 start offsets into aCellIdx */
  uint32_t *aCellIdx;
  CKey *aCKey;
  int nCKey, nCKeyAlloc;
  CacheEnt *aCache;
  int nCache, nCacheAlloc;
  CAlias *aAlias;        /* city-name aliases (data/city_aliases.tsv), by hash */
  int nAlias, nAliasAlloc;
  int nKeyAlloc;
  int64_t *aIdHash;      /* open addressing: city id -> index + 1 */
  uint32_t *aIdIdx;
  int nIdHash;
  RFix *aFix;            /* hand fixes, by hash */
  int nFix;
  RTerr *aTerr;
  int nTerr, nTerrAlloc;
  int nAltNames;         /* alternate names loaded from city_alt */
  RArea *aArea;          /* administrative areas (admin-1, admin-2 names) */
  int nArea, nAreaAlloc;
  RAreaKey *aAreaKey;    /* by hash */
  int nAreaKey, nAreaKeyAlloc;
  char aMuniLevel[26*26]; /* per country (A-Z A-Z): the admin level of its municipalities, 0 unknown */
  /* A resolver opened from the process's shared gazetteer memory (see
  ** twin_resolver_open): every member above but the hand fixes, the cache
  ** and the arena belongs to pShared, read-only. */
  struct TwinShared *pShared;
};

/* FNV-1a hash of a string. */
uint64_t tw_hash(const char *z);
/* z folded without the slow transliteration (ASCII fast path); malloc'd. */
char *tw_fold_fast(const char *z);
/* The loose key of z ("saint-etienne" -> "saintetienne"), in pA. */
const char *tw_loose(Arena *pA, const char *z);
/* Index of GeoNames id in r->a, or -1. */
int tw_city_index(const TwinResolver *r, int64_t id);
/* Areas (admin-1/admin-2) of country zCc whose loose name is zL, into aOut. */
int tw_area_lookup(const TwinResolver *r, const char *zL, const char *zCc, int *aOut, int nMax);
/* The admin level (1, 2) of zCc's municipalities, 0 unknown. */
int tw_muni_level(const TwinResolver *r, const char *zCc);
/* The city-name alias of loose name zL in country zCc, or 0. */
const CAlias *tw_city_alias(TwinResolver *r, const char *zL, const char *zCc);
/* 1 if x lies in country zCc or one of its dependent territories. */
int tw_in_country(const TwinResolver *r, const RCity *x, const char *zCc);
/* The hand fix stored under zKey, or 0. */
const RFix *tw_fix_of(const TwinResolver *r, const char *zKey);

#endif
