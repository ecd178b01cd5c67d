/*
** cand_fit.h: the fit of a candidate city with the home city, learned
** from the world twin network (twin_pair): which kinds of city are twinned
** with cities like the home city. A city's kind is its feature-code class
** (PPLC national capital, PPLA first-level seat, PPLA2 second-level seat,
** PPLA3 = seats of levels 3-5, PPL any other place) and its population band
** (1: < 100,000, 2: 100,000-499,999, 3: 500,000-999,999, 4: 1-5 M, 5:
** 5 M and more). Counts per kind are kept in city_kind_stat and
** twin_kind_stat (migration 008), refreshed by fit_stats_refresh.
**
** Cities like the home city ("peers") are the other cities of its kind;
** when they have fewer than FIT_MIN_LINKS twin links, all cities of its
** feature-code class, and failing that all cities. For a kind K:
**   share_fc   the share of the peers' twin links that go to cities of
**              K's feature-code class ("twinned with PPLA cities 54% of
**              the time");
**   share      the share that go to cities of kind K;
**   per_city   (links of peers with K + m * (f + g) / 2) / (cities of K + m):
**              the peers' twins per city of kind K, smoothed towards the
**              same figure for K's whole feature-code class (f) and for
**              its whole population band (g), with m = FIT_SMOOTH cities,
**              so that kinds with few cities do not swing (New York City
**              is the only PPL of 5 M people or more); this is how likely
**              one city of kind K is to be twinned with a peer;
**   points     FIT_MAX * (1 + log10(per_city / best) / 2), 0..FIT_MAX,
**              best being the largest per_city of any kind: the best kind
**              gets FIT_MAX, a kind a hundred times less likely 0.
** The home city's own twin links are left out (its twins that are peers
** do not count their link with it).
** Deterministic: computed from the stored network alone.
*/
#ifndef YC_CAND_FIT_H
#define YC_CAND_FIT_H
#include <jansson.h>
#include "core/ctx.h"

#define FIT_NFC 5
#define FIT_NBAND 5
#define FIT_MIN_LINKS 100
#define FIT_SMOOTH 5.0
#define FIT_MAX 40

/* SQL of a feature-code class and a population band; fit_fc_class and
** fit_band are the same in C (test_candidates checks they agree). */
#define FIT_FC_SQL(col) "(CASE WHEN " col "='PPLC' THEN 'PPLC' WHEN " col "='PPLA' THEN 'PPLA'" \
  " WHEN " col "='PPLA2' THEN 'PPLA2' WHEN " col " IN ('PPLA3','PPLA4','PPLA5') THEN 'PPLA3' ELSE 'PPL' END)"
#define FIT_BAND_SQL(col) "(CASE WHEN " col ">=5000000 THEN 5 WHEN " col ">=1000000 THEN 4" \
  " WHEN " col ">=500000 THEN 3 WHEN " col ">=100000 THEN 2 ELSE 1 END)"

extern const char *const azFitFc[];     /* "PPLC", "PPLA", "PPLA2", "PPLA3", "PPL", 0 */
extern const char *const azFitBand[];   /* band labels in English: "< 0.1 M", ... ("" for 0) */

int fit_fc_class(const char *zFeatureCode);   /* index into azFitFc */
int fit_band(long long nPop);                 /* 1..5 */

/* Recompute city_kind_stat and twin_kind_stat (inside the caller's
** transaction if one is open). */
YcStatus fit_stats_refresh(Ctx *c, Err *e);

/* What the network teaches about the home city's peers. */
typedef struct FitModel {
  int bLoaded;                 /* the network has links of the peers */
  int homeFc, homeBand;        /* the home city's kind */
  int scope;                   /* 0 same kind, 1 same feature-code class, 2 all cities */
  long long nPeers;            /* cities in the peer group (the home city left out) */
  long long nLinks;            /* their twin links */
  long long aLink[FIT_NFC][FIT_NBAND+1];   /* peers' links by the other side's kind */
  long long aCity[FIT_NFC][FIT_NBAND+1];   /* cities of each kind */
  double aRate[FIT_NFC][FIT_NBAND+1];      /* per_city */
  double best;
  int bestFc, bestBand;
  char zHome[120], zHomeZh[120];
} FitModel;

/* Load the model for c's home city. No network: bLoaded 0 (not an error). */
YcStatus fit_model_load(Ctx *c, FitModel *m, Err *e);

/* The fit of a city of feature code zFc and nPop people: points 0..FIT_MAX
** and the reason's value {"kind":{fc,band}, "home":{name,fc,band},
** "scope", "links", "share_fc", "share", "per_city", "best":{fc,band,
** per_city}} and English text (zText, nText bytes). */
int fit_score(const FitModel *m, const char *zFc, long long nPop, json_t **pValue, char *zText, size_t nText);

/* The same figures from given counts (for tests): per_city of a kind from
** its peers' links and city count, and those of its class and its band. */
double fit_per_city(long long nLinkKind, long long nCityKind, long long nLinkClass, long long nCityClass,
                    long long nLinkBand, long long nCityBand);
int fit_points(double perCity, double best);

#endif
