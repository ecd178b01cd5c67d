/*
** test_layout.c: unit tests of layout analysis and the world twin-city
** network on a temporary database: country-string normalisation, city-name
** variants, city resolution (ambiguous names, districts, other scripts),
** twin imports (good, repeated and bad files: nothing half-written),
** country lists, the layout analysis and candidate ranking.
** The CSV rows below are synthetic test input (labelled so), built from
** real GeoNames places; they assert nothing about real twinnings.
*/
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "unitdb.h"
#include "store/db.h"
#include "store/refdata.h"
#include "store/lists.h"
#include "core/twins.h"
#include "core/twins_network.h"
#include "core/twins_import.h"
#include "core/twins_review.h"
#include "core/layout.h"
#include "core/countrylist.h"
#include "core/candidates.h"
#include "core/demo.h"
#include "core/city.h"
#include "text/country_norm.h"
#include "text/norm.h"

static TwinResolver *pRes;

#define JINAN 1805753
#define MINSK 625144
#define SACRAMENTO_US 5389489
#define SACRAMENTO_BR 3450759
#define SACRAMENTO_MX 3988301
#define BIRMINGHAM_GB 2655603
#define BIRMINGHAM_AL 4049979
#define BIRMINGHAM_MI 4986172
#define ATHENS_GR 264371
#define ATHENS_GA 4180386
#define ATHENS_AL 4830668
#define ALEXANDRIA_VA 4744091
#define MARIEHAMN_AX 3041732
#define CASABLANCA_MA 2553604


static int setup(void **st){
  (void)st;
  Err e;
  if( unitdb_open("layout") ) return -1;
  if( unitdb_demo(1) ) return -1;
  if( layout_stats_refresh(&c, &e) ) return -1;
  if( twin_resolver_open(&c, &pRes, &e) ) return -1;
  return 0;
}

static int teardown(void **st){
  (void)st;
  twin_resolver_close(pRes);
  unitdb_close();
  text_shutdown();
  return 0;
}

/* ---- pure string helpers ---------------------------------------------- */

static void test_country_parts(void **st){
  (void)st;
  char a[CN_MAX_PART][CN_NAME_MAX];
  int n = cn_country_parts("England, United Kingdom", a, CN_MAX_PART);
  assert_int_equal(n, 2);
  assert_string_equal(a[0], "England");
  assert_string_equal(a[1], "United Kingdom");
  n = cn_country_parts("Georgia (country)", a, CN_MAX_PART);
  assert_int_equal(n, 2);
  assert_string_equal(a[0], "Georgia (country)");
  assert_string_equal(a[1], "Georgia");
  n = cn_country_parts("in Italy", a, CN_MAX_PART);
  assert_int_equal(n, 1);
  assert_string_equal(a[0], "Italy");
  assert_int_equal(cn_country_parts("  ", a, CN_MAX_PART), 0);
}

static int has_variant(CnVariant *a, int n, const char *z, CnVariantKind k){
  for(int i=0; i<n; i++) if( strcmp(a[i].z, z)==0 && a[i].kind==k ) return 1;
  return 0;
}

static void test_city_variants(void **st){
  (void)st;
  CnVariant a[CN_MAX_VARIANT];
  int n = cn_city_variants("Jinan \xE2\x80\x93 Zhangqiu", a, CN_MAX_VARIANT);
  assert_true(has_variant(a, n, "Zhangqiu", CN_PART));
  assert_true(has_variant(a, n, "Jinan", CN_PARENT));
  n = cn_city_variants("Laiwu (Jinan)", a, CN_MAX_VARIANT);
  assert_true(has_variant(a, n, "Laiwu", CN_STRIPPED));
  assert_true(has_variant(a, n, "Jinan", CN_PARENT));
  n = cn_city_variants("Savyetski District (Minsk)", a, CN_MAX_VARIANT);
  assert_true(has_variant(a, n, "Minsk", CN_PARENT));
  assert_true(has_variant(a, n, "Savyetski", CN_STRIPPED));
  n = cn_city_variants("St. P\xC3\xB6lten", a, CN_MAX_VARIANT);
  assert_true(has_variant(a, n, "Sankt P\xC3\xB6lten", CN_STRIPPED));
  n = cn_city_variants("Budapest XI", a, CN_MAX_VARIANT);
  assert_true(has_variant(a, n, "Budapest", CN_STRIPPED));
  /* "Frankfurt (Oder)": generic-looking parenthesis is not a parent city */
  n = cn_city_variants("Halle (Saale)", a, CN_MAX_VARIANT);
  assert_string_equal(a[0].z, "Halle (Saale)");
}

static void test_similar(void **st){
  (void)st;
  char z[64];
  assert_true(cn_similar("nizhnynovgorod", "nizhniynovgorod"));
  assert_true(cn_similar("kotzting", "badkotzting"));
  assert_false(cn_similar("dulliken", "kolliken"));
  assert_false(cn_similar("paris", "parma"));
  cn_skeleton("grodno", z, sizeof z);
  char z2[64];
  cn_skeleton("hrodna", z2, sizeof z2);
  assert_string_equal(z, z2);
  cn_skeleton("mogilev", z, sizeof z);
  cn_skeleton("mahilyow", z2, sizeof z2);
  assert_string_equal(z, z2);
  double d = cn_haversine(36.66833, 116.99722, 53.9, 27.56667);   /* Jinan - Minsk */
  assert_true(d>6700 && d<6850);   /* about 6,765 km */
  char zL[32];
  cn_loose("saint-etienne", zL, sizeof zL);
  assert_string_equal(zL, "saintetienne");
  cn_loose("granada\xE2\x80\x8E", zL, sizeof zL);      /* a left-to-right mark left in the source */
  assert_string_equal(zL, "granada");
}

/* ---- resolution against the real GeoNames table ----------------------- */

static void test_country_resolve(void **st){
  (void)st;
  char z[3];
  const char *zHow;
  assert_true(twin_country(pRes, "England, United Kingdom", 0, 0, 0, z, &zHow));
  assert_string_equal(z, "GB");
  assert_true(twin_country(pRes, "Scotland", 0, 0, 0, z, &zHow));
  assert_string_equal(z, "GB");
  assert_true(twin_country(pRes, "Georgia (country)", 0, 0, 0, z, &zHow));
  assert_string_equal(z, "GE");
  /* "Georgia": the country or the US state, told by coordinates */
  assert_true(twin_country(pRes, "Georgia", 33.749, -84.388, 1, z, &zHow));   /* Atlanta */
  assert_string_equal(z, "US");
  assert_true(twin_country(pRes, "Georgia", 41.6941, 44.8337, 1, z, &zHow));  /* Tbilisi */
  assert_string_equal(z, "GE");
  assert_true(twin_country(pRes, "New York, United States", 0, 0, 0, z, &zHow));
  assert_string_equal(z, "US");
  assert_true(twin_country(pRes, "Brandenburg, Germany", 0, 0, 0, z, &zHow));
  assert_string_equal(z, "DE");
  assert_true(twin_country(pRes, "R\xC3\xA9union, France", 0, 0, 0, z, &zHow));
  assert_string_equal(z, "RE");
  assert_true(twin_country(pRes, "Turkey", 0, 0, 0, z, &zHow));
  assert_string_equal(z, "TR");
  assert_true(twin_country(pRes, "Republic of Ireland", 0, 0, 0, z, &zHow));
  assert_string_equal(z, "IE");
  assert_true(twin_country(pRes, "\xE5\xBE\xB7\xE5\x9B\xBD", 0, 0, 0, z, &zHow));   /* 德国 */
  assert_string_equal(z, "DE");
  assert_false(twin_country(pRes, "Atlantis", 0, 0, 0, z, &zHow));
  /* empty country, coordinates in Jinan: China */
  assert_true(twin_country(pRes, "", 36.67, 117.0, 1, z, &zHow));
  assert_string_equal(z, "CN");
}

static void resolve(const char *zName, const char *zCountry, double lat, double lng, int bCoords, TwinMatch *m){
  TwinPlace pl = {zName, zCountry, lat, lng, bCoords, 0};
  twin_resolve(pRes, &pl, m);
  /* every resolved side has a confidence in (0, 1]; others none */
  if( m->bResolved ) assert_true(m->conf>0 && m->conf<=1.0);
  else assert_true(m->conf==0);
}

static void test_resolve_ambiguous(void **st){
  (void)st;
  TwinMatch m;
  /* Sacramento: BR, MX and US. Coordinates decide. */
  resolve("Sacramento", 0, 38.58, -121.49, 1, &m);
  assert_true(m.bResolved);
  assert_int_equal(m.id, SACRAMENTO_US);
  assert_string_equal(m.zHow, "nearest");
  resolve("Sacramento", 0, -19.86, -47.44, 1, &m);
  assert_int_equal(m.id, SACRAMENTO_BR);
  resolve("Sacramento", 0, 27.0, -101.7, 1, &m);
  assert_int_equal(m.id, SACRAMENTO_MX);
  /* With a country, the country decides; GeoNames lists two in MX, of
  ** 2,297 and 647 people: population alone does not tell them apart. */
  resolve("Sacramento", "Mexico", 0, 0, 0, &m);
  assert_false(m.bResolved);
  assert_string_equal(m.zHow, "ambiguous");
  assert_int_equal(m.nCand, 2);
  assert_int_equal(m.aCand[0], SACRAMENTO_MX);
  /* Neither: the US one has 29 times the people of the next: population. */
  resolve("Sacramento", 0, 0, 0, 0, &m);
  assert_int_equal(m.id, SACRAMENTO_US);
  assert_string_equal(m.zHow, "population");
  /* A name shared by places of similar size stays ambiguous. */
  resolve("San Jos\xC3\xA9", 0, 0, 0, 0, &m);
  assert_false(m.bResolved);
  assert_string_equal(m.zHow, "ambiguous");
  assert_true(m.nCand>=2);
}

static void test_resolve_districts(void **st){
  (void)st;
  TwinMatch m;
  resolve("Jinan \xE2\x80\x93 Zhangqiu", "China", 36.67, 117.0, 1, &m);
  assert_true(m.bResolved);
  assert_int_equal(m.id, JINAN);
  assert_string_equal(m.zHow, "parent");
  resolve("Laiwu (Jinan)", "China", 36.2, 117.67, 1, &m);
  assert_true(m.bResolved);
  assert_string_equal(m.zHow, "variant");      /* Laiwu itself is a GeoNames city */
  resolve("Savyetski District (Minsk)", "Belarus", 53.92, 27.6, 1, &m);
  assert_int_equal(m.id, MINSK);
  assert_string_equal(m.zHow, "parent");
  resolve("Maui County", "United States", 20.8, -156.33, 1, &m);
  assert_false(m.bResolved);
  assert_string_equal(m.zHow, "area");
  resolve("Atlantis", "Narnia", 0, 0, 0, &m);
  assert_string_equal(m.zHow, "unknown_country");
}

static void test_resolve_scripts(void **st){
  (void)st;
  TwinMatch m;
  resolve("\xE6\xB5\x8E\xE5\x8D\x97", "China", 0, 0, 0, &m);        /* 济南 */
  assert_true(m.bResolved);
  assert_int_equal(m.id, JINAN);
  resolve("\xE6\xBF\x9F\xE5\x8D\x97", "\xE4\xB8\xAD\xE5\x9B\xBD", 0, 0, 0, &m);   /* 濟南, 中国 */
  assert_int_equal(m.id, JINAN);
  resolve("\xD0\x9C\xD0\xB8\xD0\xBD\xD1\x81\xD0\xBA", "Belarus", 0, 0, 0, &m);   /* Минск */
  assert_true(m.bResolved);
  assert_int_equal(m.id, MINSK);
  /* A known other name (the German label Wikidata gives): Moskau is Moscow */
  resolve("Moskau", 0, 0, 0, 0, &m);
  assert_true(m.bResolved);
  assert_string_equal(m.zHow, "alt_name");      /* a GeoNames alternate name */
  assert_string_equal(m.zIso2, "RU");
  /* Another transliteration (a GeoNames alternate name): Novopolotsk is Navapolatsk */
  resolve("Novopolotsk", "Belarus", 55.5318, 28.5987, 1, &m);
  assert_true(m.bResolved);
  assert_string_equal(m.zHow, "alt_name");
  assert_string_equal(m.zIso2, "BY");
  /* A spelling GeoNames does not list, next to the point: near_similar */
  resolve("Navapolatskk", "Belarus", 55.5318, 28.5987, 1, &m);
  assert_true(m.bResolved);
  assert_string_equal(m.zHow, "near_similar");
}

/* Resolvers share the gazetteer memory of the process while what it was
** loaded from is unchanged (twins_load.h): an office's own Chinese name of
** a city, set or removed, is seen by every resolver opened after it, never
** by one opened before. The name is synthetic (a test fixture). */
static void own_name(int64_t id, const char *zZh){
  Err e;
  assert_int_equal(db_begin(c.db, &e), YC_OK);
  assert_int_equal(city_set_name_zh(&c, id, zZh, &e), YC_OK);
  assert_int_equal(db_commit(c.db, &e), YC_OK);
}
static void resolve_with(TwinResolver *r, const char *zName, TwinMatch *m){
  TwinPlace pl = {zName, "Belarus", 0, 0, 0, 0};
  twin_resolve(r, &pl, m);
}
static void test_resolver_shared(void **st){
  (void)st;
  static const char zTest[] = "\xE6\xB5\x8B\xE8\xAF\x95\xE6\x98\x8E\xE5\x9F\x8E";   /* 测试明城 (synthetic) */
  Err e;
  TwinMatch m;
  TwinResolver *r1 = 0, *r2 = 0, *r3 = 0, *r4 = 0;
  assert_int_equal(twin_resolver_open(&c, &r1, &e), YC_OK);
  assert_ptr_equal(r1->pShared, pRes->pShared);     /* nothing changed: shared */
  assert_ptr_equal(r1->a, pRes->a);
  resolve_with(r1, zTest, &m);
  assert_false(m.bResolved);
  own_name(MINSK, zTest);
  assert_int_equal(twin_resolver_open(&c, &r2, &e), YC_OK);
  assert_ptr_not_equal(r2->pShared, pRes->pShared);  /* loaded again */
  resolve_with(r2, zTest, &m);
  assert_true(m.bResolved);
  assert_int_equal(m.id, MINSK);
  resolve_with(r1, zTest, &m);                       /* opened before: as it was */
  assert_false(m.bResolved);
  own_name(MINSK, 0);
  assert_int_equal(twin_resolver_open(&c, &r3, &e), YC_OK);
  assert_ptr_not_equal(r3->pShared, r2->pShared);
  resolve_with(r3, zTest, &m);
  assert_false(m.bResolved);
  assert_int_equal(twin_resolver_open(&c, &r4, &e), YC_OK);
  assert_ptr_equal(r4->pShared, r3->pShared);
  /* Closed in any order; the memories no longer current go with their last resolver. */
  twin_resolver_close(r2);
  twin_resolver_close(r1);
  twin_resolver_close(r4);
  twin_resolver_close(r3);
  resolve("Minsk", "Belarus", 0, 0, 0, &m);           /* the oldest resolver still works */
  assert_int_equal(m.id, MINSK);
}

/* Exonyms and historical names through the gazetteer's alternate names;
** a renamed capital by either name; a small place of the very name against
** a large one by another name: decided only by an overwhelming lead, else
** left for review. */
static void test_resolve_exonyms(void **st){
  (void)st;
  TwinMatch m, m2;
  resolve("Posen", 0, 0, 0, 0, &m);              /* Posen, Illinois (5,992) or Poznań */
  assert_true(m.bResolved);
  assert_int_equal(m.id, 3088171);
  assert_string_equal(m.zHow, "alt_name");
  assert_true(m.conf<TWIN_CONF_REVIEW);          /* over a place of that very name: for review */
  resolve("Thorn", 0, 0, 0, 0, &m);
  assert_int_equal(m.id, 3083271);               /* Toruń, not Thorn (NL) */
  resolve("Posen", "Poland", 0, 0, 0, &m);       /* in the stated country: the only one */
  assert_int_equal(m.id, 3088171);
  assert_true(m.conf>=TWIN_CONF_REVIEW);
  resolve("Kronstadt", 0, 0, 0, 0, &m);          /* Braşov (alternate) or Kronstadt, Russia: unsure */
  assert_false(m.bResolved);
  assert_string_equal(m.zHow, "ambiguous");
  resolve("Kronstadt", "Romania", 0, 0, 0, &m);  /* the country decides */
  assert_int_equal(m.id, 683844);
  resolve("Cologne", "Germany", 50.94, 6.96, 1, &m);
  assert_int_equal(m.id, 2886242);
  resolve("Nur-Sultan", "Kazakhstan", 51.16, 71.43, 1, &m);
  resolve("Astana", "Kazakhstan", 0, 0, 0, &m2);
  assert_true(m.bResolved && m2.bResolved);
  assert_int_equal(m.id, m2.id);
}

/* The stated country is the strongest evidence: coordinates only choose
** among same-name places within it, and only when they lie near one;
** otherwise the most populous of the country. Sources often geocode a
** US city onto its English or Greek namesake. */
static void test_resolve_country_first(void **st){
  (void)st;
  TwinMatch m;
  resolve("Birmingham", "United States", 52.48, -1.9025, 1, &m);      /* the point is in England */
  assert_true(m.bResolved);
  assert_int_equal(m.id, BIRMINGHAM_AL);
  assert_string_equal(m.zHow, "population");
  assert_string_equal(m.zIso2, "US");
  assert_true(m.conf>=TWIN_CONF_REVIEW);
  /* A lead of less than 10 times the next is not evidence enough: Athens,
  ** Georgia (127,315) and Athens, Alabama (25,044; Stonehaven's twin);
  ** Alexandria, Virginia (159,467) and Alexandria, Louisiana (47,889):
  ** left for review with their candidates. */
  resolve("Athens", "United States", 37.9842, 23.7281, 1, &m);        /* the point is in Greece */
  assert_false(m.bResolved);
  assert_string_equal(m.zHow, "ambiguous");
  assert_int_equal(m.aCand[0], ATHENS_GA);
  assert_int_equal(m.aCand[2], ATHENS_AL);       /* after Athens, Ohio (25,044) */
  resolve("Alexandria", "United States", 31.1975, 29.8925, 1, &m);    /* the point is in Egypt */
  assert_false(m.bResolved);
  assert_int_equal(m.aCand[0], ALEXANDRIA_VA);
  /* Near one of the country's namesakes: the coordinates choose it. */
  resolve("Birmingham", "United States", 42.5467, -83.2113, 1, &m);   /* Birmingham, Michigan */
  assert_int_equal(m.id, BIRMINGHAM_MI);
  assert_string_equal(m.zHow, "nearest");
  assert_true(m.conf>=0.9);
  /* The country named, not the point: England's Birmingham */
  resolve("Birmingham", "England", 33.52, -86.80, 1, &m);
  assert_int_equal(m.id, BIRMINGHAM_GB);
  /* No point at all: the same */
  resolve("Athens", "United States", 0, 0, 0, &m);
  assert_string_equal(m.zHow, "ambiguous");
  /* Near one of the country's namesakes the point still decides */
  resolve("Athens", "United States", 34.8026, -86.9717, 1, &m);       /* Athens, Alabama */
  assert_int_equal(m.id, ATHENS_AL);
  assert_string_equal(m.zHow, "nearest");
}

/* Never moved to another country because of coordinates; a dependent
** territory counts as its sovereign state. */
static void test_resolve_never_other_country(void **st){
  (void)st;
  TwinMatch m;
  /* No Casablanca in Chile among GeoNames places; the point is Casablanca, Morocco */
  resolve("Casablanca", "Chile", 33.59, -7.62, 1, &m);
  assert_false(m.bResolved);
  assert_string_equal(m.zHow, "wrong_country");
  assert_int_equal(m.aCand[0], CASABLANCA_MA);
  /* Mariehamn is filed under AX (Åland), part of Finland */
  resolve("Mariehamn", "Finland", 60.097, 19.934, 1, &m);
  assert_true(m.bResolved);
  assert_int_equal(m.id, MARIEHAMN_AX);
  /* Birmingham, England and Birmingham, United States are two cities */
  TwinMatch m2;
  resolve("Birmingham", "England", 52.48, -1.9025, 1, &m);
  resolve("Birmingham", "United States", 52.48, -1.9025, 1, &m2);
  assert_int_equal(m.id, BIRMINGHAM_GB);
  assert_int_equal(m2.id, BIRMINGHAM_AL);
  resolve("Athens", "Greece", 37.9842, 23.7281, 1, &m);
  assert_int_equal(m.id, ATHENS_GR);
}

/* ---- rules of issue 10 (right before complete): real GeoNames rows, the
** names and points as the public files give them -------------------------- */

static void test_area_qualifier(void **st){
  (void)st;
  char z[CN_NAME_MAX];
  assert_int_equal(cn_area_qualifier("G\xC5\x82og\xC3\xB3w County", z, sizeof z), CN_Q_AREA);
  assert_string_equal(z, "G\xC5\x82og\xC3\xB3w");
  assert_int_equal(cn_area_qualifier("County Kilkenny", z, sizeof z), CN_Q_AREA);
  assert_string_equal(z, "Kilkenny");
  assert_int_equal(cn_area_qualifier("Chiang Mai Province", z, sizeof z), CN_Q_AREA);
  assert_int_equal(cn_area_qualifier("Vilnius District Municipality", z, sizeof z), CN_Q_AREA);
  assert_string_equal(z, "Vilnius");
  assert_int_equal(cn_area_qualifier("Rheingau-Taunus (district)", z, sizeof z), CN_Q_AREA);
  assert_string_equal(z, "Rheingau-Taunus");
  assert_int_equal(cn_area_qualifier("D\xC4\x99" "bica (rural gmina)", z, sizeof z), CN_Q_AREA);
  assert_int_equal(cn_area_qualifier("Jelgava Municipality", z, sizeof z), CN_Q_MUNI);
  assert_string_equal(z, "Jelgava");
  assert_int_equal(cn_area_qualifier("Municipality of Bohinj", z, sizeof z), CN_Q_MUNI);
  assert_string_equal(z, "Bohinj");
  assert_int_equal(cn_area_qualifier("Gmina Go\xC5\x9B" "cino", z, sizeof z), CN_Q_MUNI);
  assert_int_equal(cn_area_qualifier("Kumla Kommun", z, sizeof z), CN_Q_MUNI);
  /* a district, with the city it belongs to in parentheses */
  assert_int_equal(cn_area_qualifier("Savyetski District (Minsk)", z, sizeof z), CN_Q_DISTRICT);
  assert_string_equal(z, "Savyetski");
  /* town names with such words, or made of one */
  assert_int_equal(cn_area_qualifier("Council Bluffs", z, sizeof z), CN_Q_NONE);
  assert_int_equal(cn_area_qualifier("Canton", z, sizeof z), CN_Q_NONE);
  assert_int_equal(cn_area_qualifier("Regina", z, sizeof z), CN_Q_NONE);
  assert_int_equal(cn_area_qualifier("Brooklyn (New York)", z, sizeof z), CN_Q_NONE);
  assert_int_equal(cn_area_qualifier("Podgora, Split-Dalmatia County", z, sizeof z), CN_Q_NONE);
}

/* A name that matches no place is not resolved to a differently named
** place near the point: that place is only a suggestion for review. */
static void test_rule_no_nearest_place(void **st){
  (void)st;
  TwinMatch m;
  resolve("Castile and Le\xC3\xB3n", "Spain", 41.645, -4.7425, 1, &m);   /* the point is in Valladolid */
  assert_false(m.bResolved);
  assert_string_equal(m.zHow, "not_found");
  assert_non_null(strstr(m.zDetail, "suggestion: Valladolid (GeoNames 3106672)"));
  resolve("Hobsons Bay", "Australia", -37.8547, 144.9358, 1, &m);          /* Port Melbourne */
  assert_false(m.bResolved);
  resolve("Torbay", "England, United Kingdom", 50.4522, -3.5569, 1, &m);   /* Cockington; a county */
  assert_false(m.bResolved);
  resolve("Runnymede", "United Kingdom", 51.444511, -0.565369, 1, &m);     /* Egham */
  assert_false(m.bResolved);
  /* a district written "City – District" whose parts GeoNames lacks: never
  ** Banqiao, the seat of New Taipei City at the point */
  resolve("New Taipei \xE2\x80\x93 Tamsui", "Taiwan", 25.0125, 121.465, 1, &m);
  assert_false(m.bResolved);
}

/* A name with an area word is the area, not its namesake town; a
** municipality is its town only when GeoNames puts the town in it. */
static void test_rule_area_words(void **st){
  (void)st;
  TwinMatch m;
  resolve("Chiang Mai Province", "Thailand", 18.6952, 98.4463, 1, &m);
  assert_false(m.bResolved);
  assert_string_equal(m.zHow, "area");
  resolve("G\xC5\x82og\xC3\xB3w County", "Poland", 51.6592, 16.0806, 1, &m);   /* the point is in Głogów */
  assert_string_equal(m.zHow, "area");
  resolve("Nassau County", "United States", 40.7353, -73.5616, 1, &m);
  assert_string_equal(m.zHow, "area");
  resolve("Vilnius District Municipality", "Lithuania", 54.7333, 25.5, 1, &m);
  assert_string_equal(m.zHow, "area");
  /* GeoNames: admin-1 "Jelgava Municipality" holds villages; the city of
  ** Jelgava is a unit of its own */
  resolve("Jelgava Municipality", "Latvia", 56.6525, 23.7228, 1, &m);
  assert_false(m.bResolved);
  assert_string_equal(m.zHow, "area");
  /* Kumla lies in "Kumla Kommun": the municipality's town */
  resolve("Kumla Municipality", "Sweden", 59.116667, 15.133333, 1, &m);
  assert_true(m.bResolved);
  assert_int_equal(m.id, 2698767);
  resolve("Vejle Kommune", 0, 0, 0, 0, &m);                                 /* Wikidata: no country */
  assert_int_equal(m.id, 2610613);
  assert_true(m.conf<0.85);                      /* below the town's own name */
  /* Sesimbra's concelho has no such name in GeoNames: the town */
  resolve("Sesimbra Municipality", "Portugal", 38.4437, -9.0996, 1, &m);
  assert_int_equal(m.id, 2262957);
  /* real town names with area words */
  resolve("Norfolk County", "Canada", 0, 0, 0, &m);
  assert_int_equal(m.id, 6089125);
  resolve("Council Bluffs", "United States", 0, 0, 0, &m);
  assert_int_equal(m.id, 4852832);
}

/* Among namesakes of the stated country: the spelling as written, ties of
** distance, and the point elsewhere in the country. */
static void test_rule_namesakes(void **st){
  (void)st;
  TwinMatch m;
  /* Munster (Örtze), not Münster (270,184), 15 times as populous; the
  ** source's point is in Ireland */
  resolve("Munster", "Germany", 52.25, -9, 1, &m);
  assert_int_equal(m.id, 2867542);
  resolve("M\xC3\xBCnster", "Germany", 0, 0, 0, &m);
  assert_int_equal(m.id, 2867543);
  /* Wuyishan: the point lies 34 and 35 km from the two; the city
  ** (137,133 people) and not the village (0) */
  resolve("Wuyishan", "China", 27.7167, 117.6833, 1, &m);
  assert_int_equal(m.id, 1922014);
  /* Os, Norway: the source's point is by Osøyro (Vestland); GeoNames's only
  ** Os is a village of 672 people in Innlandet, 397 km away */
  resolve("Os", "Norway", 60.2269, 5.4758, 1, &m);
  assert_false(m.bResolved);
  assert_int_equal(m.aCand[0], 3143303);        /* offered for review */
  /* Konak, Turkey: "konak" is another name of Nikfer (5,474), 209 km from
  ** the point (İzmir) */
  resolve("Konak", "Turkey", 38.4187, 27.1283, 1, &m);
  assert_false(m.bResolved);
  /* a town far from a point in its own country is still the town: Saint-
  ** Raphaël (Var), the point 499 km away in the Dordogne */
  resolve("Saint-Rapha\xC3\xABl", "France", 45.3043, 1.0747, 1, &m);
  assert_int_equal(m.id, 2977246);
}

/* Districts: the city the source names bounds the district's own entry. */
static void test_rule_district_forms(void **st){
  (void)st;
  TwinMatch m;
  /* not Mainz (a name inside the other), but the city named */
  resolve("Mainz-Kostheim (Wiesbaden)", "Germany", 50.0028, 8.3056, 1, &m);
  assert_int_equal(m.id, 2809346);
  assert_string_equal(m.zHow, "parent");
  /* the point is in Berlin (Mitte, Berlin): Hamburg is named */
  resolve("Mitte (Hamburg)", "Germany", 52.5167, 13.3667, 1, &m);
  assert_int_equal(m.id, 2911298);
  /* "dongxihu" is another name of Wujiashan: Wuhan is named */
  resolve("Dongxihu (Wuhan)", "China", 30.6208, 114.1308, 1, &m);
  assert_int_equal(m.id, 1791247);
  /* a province named after the comma: Stratford, Ontario is not in it */
  resolve("Stratford, Prince Edward Island", "Canada", 46.2167, -63.0893, 1, &m);
  assert_false(m.bResolved);
  /* a district's own GeoNames entry near its city stays */
  resolve("Laiwu (Jinan)", "China", 36.2, 117.67, 1, &m);
  assert_int_equal(m.id, 1804591);
  /* the tail names the place's area (Wellington Shire), not the town of
  ** Wellington, New South Wales */
  resolve("Stratford (Wellington)", "Australia", -37.8833, 146.9833, 1, &m);
  assert_int_equal(m.id, 2148120);
}

/* A similar name near the point: another spelling resolves, a name inside
** another is only a suggestion. */
static void test_rule_similar(void **st){
  (void)st;
  TwinMatch m;
  resolve("Gr\xC3\xBCndau", "Germany", 50.216667, 9.15, 1, &m);            /* Hain-Gründau, 3 km */
  assert_false(m.bResolved);
  assert_non_null(strstr(m.zDetail, "Hain-Gr\xC3\xBCndau"));
  resolve("Cannock Chase", "England", 52.746, -2.001, 1, &m);               /* Cannock, 6 km */
  assert_false(m.bResolved);
  resolve("Navapolatskk", "Belarus", 55.5318, 28.5987, 1, &m);              /* one letter more */
  assert_string_equal(m.zHow, "near_similar");
  /* the same consonants 20 km away: another village (Vreren) */
  resolve("Voeren", "Belgium", 50.75, 5.783333, 1, &m);
  assert_false(m.bResolved);
  /* the name with a locator, its town at the point */
  resolve("Frankenberg an der Eder", "Germany", 51.0486, 8.7997, 1, &m);
  assert_int_equal(m.id, 2925629);
  assert_string_equal(m.zHow, "variant");
  /* not English "upon": Richmond upon Thames is a London borough */
  resolve("Richmond upon Thames", "England", 51.4406, -0.3076, 1, &m);
  assert_false(m.bResolved);
  /* a spa word or a slash locator GeoNames leaves out */
  resolve("Bad K\xC3\xB6tzting", "Germany", 49.1769, 12.855, 1, &m);
  assert_true(m.bResolved);
  assert_string_equal(m.zHow, "variant");
  resolve("Dillingen/Saar", "Germany", 49.35, 6.7333, 1, &m);
  assert_true(m.bResolved);
}

/* A municipality GeoNames holds only as an area: its seat (data/
** municipal_admin.tsv), at lower confidence; not a county's town. */
static void test_rule_municipal_seat(void **st){
  (void)st;
  TwinMatch m;
  resolve("H\xC3\xA6gebostad", "Norway", 0, 0, 0, &m);
  assert_true(m.bResolved);
  assert_int_equal(m.id, 3134599);               /* Tingvatn */
  assert_string_equal(m.zHow, "seat");
  assert_true(m.conf<0.9);
  resolve("Trysil", "Norway", 0, 0, 0, &m);      /* GeoNames also lists "Trysil" as Innbygda's other name */
  assert_int_equal(m.id, 3133819);
  resolve("Bohinj", "Slovenia", 46.2739, 13.9506, 1, &m);                  /* admin-1 "Municipality of Bohinj" */
  assert_int_equal(m.id, 3203808);               /* Bohinjska Bistrica */
  resolve("Sal", "Cape Verde", 16.7205, -22.9387, 1, &m);                   /* admin-1 "Sal" */
  assert_int_equal(m.id, 8521418);               /* Espargos */
  /* without a country or a point: Sāl (Jordan) or Cape Verde's Sal */
  resolve("Sal", 0, 0, 0, 0, &m);
  assert_false(m.bResolved);
  assert_string_equal(m.zHow, "ambiguous");
  /* England's counties are not municipalities: Norfolk is not East Dereham */
  resolve("Norfolk", "England, United Kingdom", 52.6816, 0.9374, 1, &m);
  assert_false(m.bResolved);
}

/* ---- import -------------------------------------------------------------- */

/* Synthetic test input (not real twinnings): real GeoNames places. */
static const char zGood[] =
  "city1,country1,lat1,lng1,city2,country2,lat2,lng2\n"
  "Jinan,China,36.6683,116.9972,Sacramento,United States,38.5816,-121.4944\n"
  "Savyetski District (Minsk),Belarus,53.92,27.6,Jinan \xE2\x80\x93 Zhangqiu,China,36.67,117.0\n"
  "\"Laiwu (Jinan)\",China,36.2,117.67,Sacramento,\"Georgia (country)\",38.58,-121.49\n"
  "Kisbucsafalvaxyz,Hungary,46.9,16.9,Minsk,Belarus,53.9,27.56\n"
  "Birmingham,England,52.48,-1.9025,Birmingham,United States,52.48,-1.9025\n"
  "Minsk,Belarus,53.9,27.56,Jinan,China,36.6683,116.9972\n";

static int64_t n_pairs(void){ return count("SELECT count(*) FROM twin_pair"); }
static int64_t n_rows(void){ return count("SELECT count(*) FROM twin_row"); }
static int64_t n_imports(void){ return count("SELECT count(*) FROM twin_import"); }

static void exec(const char *zSql){
  DbStmt *p = db_stmt(c.db, zSql);
  assert_non_null(p);
  assert_int_equal(db_step(p), DB_DONE);
  db_reset(p);
}

/* The text the query answers (malloc'd). */
static char *text_of(const char *zSql){
  DbStmt *p = db_stmt(c.db, zSql);
  assert_non_null(p);
  assert_int_equal(db_step(p), DB_ROW);
  char *z = strdup(db_text(p, 0) ? db_text(p, 0) : "");
  db_reset(p);
  return z;
}

static void clear_twins_keep_fixes(void){
  exec("DELETE FROM twin_pair");
  exec("DELETE FROM twin_row");
  exec("DELETE FROM twin_import");
}

static void clear_twins(void){
  clear_twins_keep_fixes();
  exec("DELETE FROM twin_fix");
}

static int64_t rep_int(json_t *o, const char *zKey){ return json_integer_value(json_object_get(o, zKey)); }

/* The report adds up and matches what is stored. */
static void assert_report_sums(json_t *rep, int64_t pairsBefore){
  int64_t nRows = rep_int(rep, "rows"), nRes = rep_int(rep, "resolved"), nUn = rep_int(rep, "unresolved");
  assert_int_equal(nRows, nRes + nUn);
  int64_t nSum = 0;
  const char *zKey;
  json_t *v;
  json_object_foreach(json_object_get(rep, "unresolved_by"), zKey, v) nSum += json_integer_value(v);
  assert_int_equal(nSum, nUn);
  assert_int_equal(nRes, rep_int(rep, "pairs_new") + rep_int(rep, "pairs_known") + rep_int(rep, "duplicate_rows"));
  int64_t id = rep_int(rep, "import_id");
  char zSql[200];
  snprintf(zSql, sizeof zSql, "SELECT count(*) FROM twin_row WHERE import_id=%lld", (long long)id);
  assert_int_equal(count(zSql), nRows);
  snprintf(zSql, sizeof zSql, "SELECT count(*) FROM twin_row WHERE import_id=%lld AND status='pair'", (long long)id);
  assert_int_equal(count(zSql), nRes);
  json_object_foreach(json_object_get(rep, "unresolved_by"), zKey, v){
    snprintf(zSql, sizeof zSql, "SELECT count(*) FROM twin_row WHERE import_id=%lld AND status='%s'", (long long)id, zKey);
    assert_int_equal(count(zSql), json_integer_value(v));
  }
  json_t *net = json_object_get(rep, "network");
  assert_int_equal(rep_int(net, "pairs_before"), pairsBefore);
  assert_int_equal(rep_int(net, "pairs_after"), n_pairs());
  assert_int_equal(rep_int(net, "pairs_after"), pairsBefore + rep_int(net, "pairs_added") - rep_int(net, "pairs_removed"));
  /* every resolved side of the file has a confidence; low ones are listed for review */
  snprintf(zSql, sizeof zSql, "SELECT count(*) FROM twin_row WHERE import_id=%lld AND ((city1 IS NULL)<>(conf1 IS NULL)"
           " OR (city2 IS NULL)<>(conf2 IS NULL))", (long long)id);
  assert_int_equal(count(zSql), 0);
}

static void test_import_good_and_again(void **st){
  (void)st;
  Err e;
  json_t *rep = 0;
  clear_twins();
  int64_t p0 = n_pairs();
  assert_int_equal(twins_import(&c, "synthetic.csv", zGood, sizeof zGood - 1, 0, 0, TWIN_IMPORT, &rep, &e), YC_OK);
  assert_string_equal(json_string_value(json_object_get(rep, "format")), "wikipedia");
  assert_int_equal(rep_int(rep, "rows"), 6);
  assert_report_sums(rep, p0);
  /* Row 3: Sacramento under "Georgia (country)": Georgia has no
  ** Sacramento; never moved to the US by its coordinates.
  ** Row 4: a made-up village name -> not_found.
  ** Row 5: Birmingham, England - Birmingham, United States: two cities, a pair.
  ** Row 6: Minsk - Jinan again (row 2 gave it): a duplicate row. */
  json_t *un = json_object_get(rep, "unresolved_by");
  assert_int_equal(json_integer_value(json_object_get(un, "not_found")), 1);
  assert_int_equal(json_integer_value(json_object_get(un, "wrong_country")), 1);
  assert_int_equal(json_integer_value(json_object_get(un, "same_city")), 0);
  assert_int_equal(rep_int(rep, "resolved"), 4);
  assert_int_equal(rep_int(rep, "duplicate_rows"), 1);
  assert_int_equal(rep_int(rep, "pairs_new"), 3);
  assert_int_equal(count("SELECT count(*) FROM twin_pair WHERE city_a=2655603 AND city_b=4049979"), 1);
  assert_int_equal(n_pairs() - p0, rep_int(rep, "pairs_new"));
  json_decref(rep);
  /* Minsk - Jinan stored with the source's district names as labels */
  assert_int_equal(count("SELECT count(*) FROM twin_pair WHERE city_a=625144 AND city_b=1805753"
                         " AND label_a='Savyetski District (Minsk)' AND how_b='parent'"), 1);
  /* Again: nothing new */
  int64_t p1 = n_pairs(), r1 = n_rows(), i1 = n_imports();
  assert_int_equal(twins_import(&c, "synthetic.csv", zGood, sizeof zGood - 1, 0, 0, TWIN_IMPORT, &rep, &e), YC_OK);
  assert_true(json_is_true(json_object_get(rep, "already_imported")));
  assert_int_equal(rep_int(rep, "pairs_new"), 0);
  assert_int_equal(rep_int(rep, "pairs_known"), 3);
  assert_report_sums(rep, p1);
  json_decref(rep);
  assert_int_equal(n_pairs(), p1);
  assert_int_equal(n_rows(), r1);
  assert_int_equal(n_imports(), i1);
  /* Network counts of Sacramento: one twin in China (Jinan), in the home province */
  TwinCounts tc;
  network_counts(&c, SACRAMENTO_US, &tc);
  assert_true(tc.nTwin>=1);
  assert_true(tc.nChina>=1);
  assert_true(tc.bHomeCity);
  json_t *j = 0;
  assert_int_equal(network_city(&c, SACRAMENTO_US, &j, &e), YC_OK);
  assert_true(json_integer_value(json_object_get(json_object_get(j, "counts"), "twins"))>=1);
  json_decref(j);
  assert_int_equal(network_country(&c, "BY", "5", &j, &e), YC_OK);
  assert_true(json_array_size(json_object_get(j, "items"))>=1);
  json_decref(j);
  assert_int_equal(network_country(&c, "by", 0, &j, &e), YC_EINVALID);
  assert_int_equal(network_country(&c, "ZZ", 0, &j, &e), YC_ENOTFOUND);
}

/* Wikidata ids: the same id resolves to one city everywhere; two ids never
** to one city. Synthetic test input (made-up ids and pairs). */
static void test_import_wikidata(void **st){
  (void)st;
  static const char zWd[] =
    "city_a_qid,city_a_label,city_b_qid,city_b_label,stated_both_ways\n"
    "Q1,Sacramento,Q2,Minsk,yes\n"
    "Q3,Weimar,Q2,Minsk,no\n"
    "Q4,Sacramento,Q3,Weimar,yes\n";
  Err e;
  json_t *rep = 0;
  clear_twins();
  assert_int_equal(twins_import(&c, "wd.csv", zWd, sizeof zWd - 1, "wikidata", 0, TWIN_DRY_RUN, &rep, &e), YC_OK);
  assert_string_equal(json_string_value(json_object_get(rep, "format")), "wikidata");
  assert_true(json_is_true(json_object_get(rep, "dry_run")));
  json_decref(rep);
  assert_int_equal(n_imports(), 0);   /* dry run */
  assert_int_equal(twins_import(&c, "wd.csv", zWd, sizeof zWd - 1, 0, 0, TWIN_IMPORT, &rep, &e), YC_OK);
  assert_report_sums(rep, 0);
  /* Q1 and Q4 are both "Sacramento": neither is the better match, so
  ** neither takes the city (rows 1 and 3 for review); Q3 Weimar - Q2 Minsk
  ** resolves. */
  assert_int_equal(rep_int(rep, "resolved"), 1);
  assert_int_equal(json_integer_value(json_object_get(json_object_get(rep, "unresolved_by"), "qid_conflict")), 2);
  json_decref(rep);
  assert_int_equal(count("SELECT count(DISTINCT city1) FROM twin_row WHERE qid1='Q3' OR qid2='Q3'"), 1);
  /* A fix by id gives Q4 its city; then Q1 is the only other Sacramento
  ** and resolves too: both rows become pairs. */
  json_t *in = json_pack("{s:s, s:I}", "qid", "Q4", "city_id", (json_int_t)SACRAMENTO_MX), *out = 0;
  assert_int_equal(twins_fix(&c, in, &out, &e), YC_OK);
  json_decref(in);
  assert_int_equal(rep_int(out, "pairs_added"), 2);
  json_decref(out);
  assert_int_equal(count("SELECT count(*) FROM twin_row WHERE qid1='Q4' AND city1=3988301 AND how1='fixed' AND conf1=1.0"), 1);
  assert_int_equal(count("SELECT count(*) FROM twin_row WHERE qid1='Q1' AND city1=5389489 AND status='pair'"), 1);
}

/* Fixes survive a re-import and a re-resolution; not a city; review list. */
static void test_review_and_fix(void **st){
  (void)st;
  Err e;
  json_t *rep = 0, *out = 0, *in;
  clear_twins();
  assert_int_equal(twins_import(&c, "synthetic.csv", zGood, sizeof zGood - 1, 0, 0, TWIN_IMPORT, &rep, &e), YC_OK);
  json_decref(rep);
  /* the review list: the made-up village and Sacramento in Georgia */
  assert_int_equal(twins_review(&c, 0, 0, 0, 0, &out, &e), YC_OK);
  assert_true(rep_int(out, "total")>=2);
  json_decref(out);
  assert_int_equal(twins_review(&c, "wrong_country", "10", 0, 0, &out, &e), YC_OK);
  assert_int_equal(rep_int(out, "total"), 1);
  json_t *row = json_array_get(json_object_get(out, "items"), 0);
  assert_string_equal(json_string_value(json_object_get(row, "status")), "wrong_country");
  int64_t rowId = rep_int(row, "id");
  json_decref(out);
  assert_int_equal(twins_review(&c, "bogus", 0, 0, 0, &out, &e), YC_EINVALID);
  assert_string_equal(e.zField, "reason");
  /* fix side 2 of that row: Sacramento, California */
  int64_t p0 = n_pairs(), a0 = count("SELECT count(*) FROM audit WHERE entity='twin_fix'");
  in = json_pack("{s:I, s:i, s:I, s:s}", "row", (json_int_t)rowId, "side", 2, "city_id", (json_int_t)SACRAMENTO_US, "note", "synthetic");
  assert_int_equal(twins_fix(&c, in, &out, &e), YC_OK);
  json_decref(in);
  json_decref(out);
  assert_int_equal(n_pairs(), p0 + 1);
  assert_int_equal(count("SELECT count(*) FROM audit WHERE entity='twin_fix'"), a0 + 1);
  assert_int_equal(twins_review(&c, "wrong_country", 0, 0, 0, &out, &e), YC_OK);
  assert_int_equal(rep_int(out, "total"), 0);
  json_decref(out);
  /* not a city: the made-up village's row leaves the review list */
  in = json_pack("{s:s, s:s, s:b}", "name", "Kisbucsafalvaxyz", "country", "Hungary", "not_a_city", 1);
  assert_int_equal(twins_fix(&c, in, &out, &e), YC_OK);
  json_decref(in);
  json_decref(out);
  assert_int_equal(count("SELECT count(*) FROM twin_row WHERE status='not_a_city'"), 1);
  /* bad fixes: nothing written */
  int64_t nFix = count("SELECT count(*) FROM twin_fix");
  in = json_pack("{s:I, s:i, s:I}", "row", (json_int_t)rowId, "side", 2, "city_id", (json_int_t)999999999);
  assert_int_equal(twins_fix(&c, in, &out, &e), YC_EINVALID);
  assert_string_equal(e.zField, "city_id");
  json_decref(in);
  in = json_pack("{s:I, s:i}", "row", (json_int_t)rowId, "side", 2);
  assert_int_equal(twins_fix(&c, in, &out, &e), YC_EINVALID);
  json_decref(in);
  in = json_pack("{s:I, s:i, s:b}", "row", (json_int_t)99999999, "side", 1, "not_a_city", 1);
  assert_int_equal(twins_fix(&c, in, &out, &e), YC_ENOTFOUND);
  json_decref(in);
  assert_int_equal(count("SELECT count(*) FROM twin_fix"), nFix);
  /* The fixes survive a re-import (the rows are stored again) and a re-resolution */
  char *zPairs = text_of("SELECT group_concat(city_a||'-'||city_b) FROM (SELECT city_a, city_b FROM twin_pair ORDER BY 1, 2)");
  clear_twins_keep_fixes();
  assert_int_equal(twins_import(&c, "synthetic.csv", zGood, sizeof zGood - 1, 0, 0, TWIN_IMPORT, &rep, &e), YC_OK);
  json_decref(rep);
  assert_int_equal(twins_reresolve(&c, &out, &e), YC_OK);
  assert_int_equal(rep_int(out, "rows_changed"), 0);
  json_decref(out);
  char *zPairs2 = text_of("SELECT group_concat(city_a||'-'||city_b) FROM (SELECT city_a, city_b FROM twin_pair ORDER BY 1, 2)");
  assert_string_equal(zPairs, zPairs2);
  assert_int_equal(count("SELECT count(*) FROM twin_row WHERE status='not_a_city'"), 1);
  free(zPairs);
  free(zPairs2);
}

/* The pairs and the rows not resolved do not depend on the order of imports. */
static void test_order_independent(void **st){
  (void)st;
  static const char zWd[] =   /* synthetic test input: made-up ids and pairs */
    "city_a_qid,city_a_label,city_b_qid,city_b_label,stated_both_ways\n"
    "Q11,Jinan,Q12,Sacramento,yes\n"
    "Q13,Minsk,Q14,San Jos\xC3\xA9,yes\n"
    "Q15,Weimar,Q13,Minsk,yes\n";
  static const char zEu[] =   /* synthetic: the EU extract's columns, tab-separated */
    "origincityLabel\torigincountry\toriginlat\toriginlong\toriginpopulation\tsistercityLabel\tdestinationlat\tdestinationlong"
    "\tdestinationpopulation\tdestination_countryLabel\tdist\teu\n"
    "Weimar\tGermany\t50.98\t11.32\t65000\tMinsk\t53.9\t27.56\t\tBelarus\t1100\tNon-EU\n"
    "Weimar\tGermany\t50.98\t11.32\t65000\tSacramento\t38.58\t-121.49\t\tUnited States of America\t8000\tNon-EU\n";
  const char *azData[3] = {zGood, zWd, zEu};
  size_t anData[3] = {sizeof zGood - 1, sizeof zWd - 1, sizeof zEu - 1};
  const char *azName[3] = {"a.csv", "b.csv", "c.tsv"};
  static const int aOrder[2][3] = {{0, 1, 2}, {2, 1, 0}};
  char *azPairs[2], *azRows[2];
  for(int k=0; k<2; k++){
    clear_twins();
    for(int i=0; i<3; i++){
      Err e;
      json_t *rep = 0;
      int f = aOrder[k][i];
      int64_t p0 = n_pairs();
      assert_int_equal(twins_import(&c, azName[f], azData[f], anData[f], 0, 0, TWIN_IMPORT, &rep, &e), YC_OK);
      assert_report_sums(rep, p0);
      json_decref(rep);
    }
    azPairs[k] = text_of("SELECT group_concat(city_a||'-'||city_b) FROM (SELECT city_a, city_b FROM twin_pair ORDER BY 1, 2)");
    azRows[k] = text_of("SELECT group_concat(x, ' ') FROM (SELECT i.source||':'||u.line||':'||u.status||':'||coalesce(u.city1,'')||':'"
                        "||coalesce(u.city2,'')||':'||u.how1||':'||u.how2 AS x FROM twin_row u JOIN twin_import i ON i.id=u.import_id"
                        " ORDER BY i.source, u.line)");
  }
  assert_string_equal(azPairs[0], azPairs[1]);
  assert_string_equal(azRows[0], azRows[1]);
  assert_true(strlen(azPairs[0])>0);
  for(int k=0; k<2; k++){ free(azPairs[k]); free(azRows[k]); }
}

/* A file with other column names, imported with a column mapping. */
static void test_import_mapped(void **st){
  (void)st;
  static const char zOwn[] =   /* synthetic: a user's own file */
    "Town;x,Land,Partner,Partner land,note\n"
    "Minsk,Belarus,Sacramento,United States,synthetic\n"
    "Weimar,Germany,Jinan,China,synthetic\n";
  Err e;
  json_t *rep = 0;
  clear_twins();
  const char *zMap = "city1=Town;x,country1=Land,city2=Partner,country2=Partner land";
  assert_int_equal(twins_import(&c, "own.csv", zOwn, sizeof zOwn - 1, 0, zMap, TWIN_IMPORT, &rep, &e), YC_OK);
  assert_string_equal(json_string_value(json_object_get(rep, "format")), "mapped");
  assert_int_equal(rep_int(rep, "resolved"), 2);
  assert_report_sums(rep, 0);
  json_decref(rep);
  assert_int_equal(count("SELECT count(*) FROM twin_import WHERE format='mapped' AND mapping IS NOT NULL"), 1);
  /* the dump: every data row and side, 1-based */
  assert_int_equal(twins_import(&c, "own.csv", zOwn, sizeof zOwn - 1, "mapped", zMap, TWIN_DUMP, &rep, &e), YC_OK);
  json_t *sides = json_object_get(rep, "sides");
  assert_int_equal(json_array_size(sides), 4);
  json_t *s3 = json_array_get(sides, 3);
  assert_int_equal(rep_int(s3, "row"), 2);
  assert_int_equal(rep_int(s3, "side"), 2);
  assert_int_equal(rep_int(s3, "id"), JINAN);
  assert_true(json_real_value(json_object_get(s3, "confidence"))>=0.85);
  json_decref(rep);
}

/* A bad file: YC_EINVALID, an error with the code (and field), nothing written. */
static void bad_file_map(const char *zData, size_t n, const char *zFormat, const char *zMap, const char *zCode, const char *zField){
  Err e;
  memset(&e, 0, sizeof e);
  json_t *rep = 0;
  int64_t p = n_pairs(), u = n_rows(), i = n_imports(), a = count("SELECT count(*) FROM audit");
  assert_int_equal(twins_import(&c, "bad.csv", zData, n, zFormat, zMap, TWIN_IMPORT, &rep, &e), YC_EINVALID);
  assert_string_equal(e.zCode, zCode);
  if( zField ) assert_string_equal(e.zField, zField);
  if( rep ) assert_true(json_array_size(json_object_get(rep, "errors"))>=1);
  else assert_true(zFormat && !zMap);     /* refused before reading: the arguments */
  json_decref(rep);
  assert_int_equal(n_pairs(), p);
  assert_int_equal(n_rows(), u);
  assert_int_equal(n_imports(), i);
  assert_int_equal(count("SELECT count(*) FROM audit"), a);
}
static void bad_file(const char *zData, size_t n, const char *zFormat, const char *zCode){
  bad_file_map(zData, n, zFormat, 0, zCode, 0);
}

static void test_import_bad(void **st){
  (void)st;
  static const char zCols[] = "a,b,c\n1,2,3\n";
  bad_file(zCols, sizeof zCols - 1, 0, "wrong_columns");
  bad_file(zGood, sizeof zGood - 1, "wikidata", "wrong_columns");
  static const char zQuote[] = "city1,country1,lat1,lng1,city2,country2,lat2,lng2\n\"Jinan,China,1,2,X,Y,3,4\nA\"B,C\n";
  bad_file(zQuote, sizeof zQuote - 1, 0, "malformed_csv");
  static const char zUtf[] = "city1,country1,lat1,lng1,city2,country2,lat2,lng2\nJi\xFFnan,China,,,Minsk,Belarus,,\n";
  bad_file(zUtf, sizeof zUtf - 1, 0, "invalid_utf8");
  static const char zHead[] = "city1,country1,lat1,lng1,city2,country2,lat2,lng2\n";
  bad_file(zHead, sizeof zHead - 1, 0, "no_rows");
  bad_file("", 0, 0, "empty_file");
  static const char zFields[] = "city1,country1,lat1,lng1,city2,country2,lat2,lng2\nJinan,China,1,2\n";
  bad_file(zFields, sizeof zFields - 1, 0, "wrong_field_count");
  static const char zCoord[] = "city1,country1,lat1,lng1,city2,country2,lat2,lng2\nJinan,China,95,2,Minsk,Belarus,53.9,27.5\n";
  bad_file_map(zCoord, sizeof zCoord - 1, 0, 0, "invalid_value", "lat1");
  /* A good row followed by a bad one: nothing of the good one either */
  static const char zHalf[] = "city1,country1,lat1,lng1,city2,country2,lat2,lng2\n"
    "Minsk,Belarus,53.9,27.56,Laiwu,China,36.2,117.67\nJinan,China\n";
  bad_file(zHalf, sizeof zHalf - 1, 0, "wrong_field_count");
  /* Wikidata: a bad id names its column */
  static const char zQid[] = "city_a_qid,city_a_label,city_b_qid,city_b_label,stated_both_ways\nQ1,Minsk,X2,Jinan,yes\n";
  bad_file_map(zQid, sizeof zQid - 1, 0, 0, "invalid_value", "city_b_qid");
  /* The EU extract: an empty sister city names its column */
  static const char zEu[] = "origincityLabel\torigincountry\toriginlat\toriginlong\toriginpopulation\tsistercityLabel\tdestinationlat"
    "\tdestinationlong\tdestinationpopulation\tdestination_countryLabel\tdist\teu\n"
    "Weimar\tGermany\t50.98\t11.32\t\t\t53.9\t27.56\t\tBelarus\t1100\tNon-EU\n";
  bad_file_map(zEu, sizeof zEu - 1, 0, 0, "required", "sistercityLabel");
  /* Mappings: an unknown column, a missing city2, an unknown field, lat without lng */
  static const char zOwn[] = "Town,Partner\nMinsk,Jinan\n";
  bad_file_map(zOwn, sizeof zOwn - 1, 0, "city1=Town,city2=Nope", "unknown_column", "map");
  bad_file_map(zOwn, sizeof zOwn - 1, 0, "city1=Town", "required", "map");
  bad_file_map(zOwn, sizeof zOwn - 1, 0, "city1=Town,city2=Partner,town=Town", "invalid_value", "map");
  bad_file_map(zOwn, sizeof zOwn - 1, 0, "city1=Town,city2=Partner,lat1=Town", "invalid_value", "map");
  bad_file_map(zOwn, sizeof zOwn - 1, "mapped", 0, "required", "map");
  /* 10 MB of (deterministic, synthetic) junk bytes */
  size_t nJunk = 10u<<20;
  char *zJunk = malloc(nJunk);
  assert_non_null(zJunk);
  uint32_t x = 2463534242u;
  for(size_t i=0; i<nJunk; i++){ x ^= x<<13; x ^= x>>17; x ^= x<<5; zJunk[i] = (char)(x & 0xFF); }
  bad_file(zJunk, nJunk, 0, "invalid_utf8");
  /* 10 MB of printable junk: valid UTF-8, wrong columns */
  for(size_t i=0; i<nJunk; i++) zJunk[i] = (i % 61)==60 ? '\n' : (char)('a' + (zJunk[i] & 0x0F));
  bad_file(zJunk, nJunk, 0, "wrong_columns");
  free(zJunk);
  Err e;
  json_t *rep = 0;
  assert_int_equal(twins_import(&c, "x", zGood, sizeof zGood - 1, "excel", 0, TWIN_IMPORT, &rep, &e), YC_EINVALID);
  assert_string_equal(e.zField, "format");
  assert_null(rep);
}

/* ---- lists, layout, candidates ---------------------------------------- */

static void test_lists(void **st){
  (void)st;
  Err e;
  json_t *out = 0;
  json_t *in = json_pack("{s:s, s:s, s:s, s:[s, {s:s, s:s}]}", "key", "shandong_priority", "name_en", "Test priorities (synthetic)",
                         "name_zh", "测试重点（合成）", "members", "KR", "iso2", "JP", "note", "synthetic");
  assert_int_equal(clist_create(&c, in, &out, &e), YC_OK);
  assert_int_equal(json_integer_value(json_object_get(out, "members")), 2);
  json_decref(out);
  assert_int_equal(clist_create(&c, in, &out, &e), YC_ECONFLICT);
  json_decref(in);
  in = json_pack("{s:[s, s, s]}", "members", "KR", "JP", "XX");
  assert_int_equal(clist_update(&c, "shandong_priority", in, &out, &e), YC_EINVALID);
  assert_string_equal(e.zField, "members[2]");
  json_decref(in);
  in = json_pack("{s:[s, s]}", "members", "KR", "KR");
  assert_int_equal(clist_update(&c, "shandong_priority", in, &out, &e), YC_EINVALID);
  assert_string_equal(e.zCode, "duplicate");
  json_decref(in);
  in = json_pack("{s:[s, s, s]}", "members", "KR", "JP", "VN");
  assert_int_equal(clist_update(&c, "shandong_priority", in, &out, &e), YC_OK);
  assert_int_equal(json_integer_value(json_object_get(out, "members")), 3);
  json_decref(out);
  /* built-in lists are read-only */
  assert_int_equal(clist_update(&c, "bri", in, &out, &e), YC_EFORBIDDEN);
  assert_int_equal(clist_delete(&c, "bri", &e), YC_EFORBIDDEN);
  json_decref(in);
  in = json_pack("{s:s, s:s, s:s, s:i}", "key", "x1", "name_en", "a", "name_zh", "b", "color", 3);
  assert_int_equal(clist_create(&c, in, &out, &e), YC_EINVALID);
  assert_string_equal(e.zField, "color");
  json_decref(in);
  in = json_pack("{s:s, s:s, s:s}", "key", "Bad Key", "name_en", "a", "name_zh", "b");
  assert_int_equal(clist_create(&c, in, &out, &e), YC_EINVALID);
  assert_string_equal(e.zField, "key");
  json_decref(in);
  /* the layout counts the user list as a target */
  assert_int_equal(layout_analyse(&c, "shandong_priority", &out, &e), YC_OK);
  assert_int_equal(json_integer_value(json_object_get(json_object_get(out, "list"), "members")), 3);
  json_decref(out);
  assert_int_equal(clist_delete(&c, "shandong_priority", &e), YC_OK);
  assert_int_equal(clist_get(&c, "shandong_priority", &out, &e), YC_ENOTFOUND);
}

static void test_layout(void **st){
  (void)st;
  Err e;
  json_t *out = 0;
  assert_int_equal(layout_analyse(&c, 0, &out, &e), YC_OK);
  json_t *tot = json_object_get(out, "totals");
  assert_int_equal(json_integer_value(json_object_get(tot, "ties")), count("SELECT count(*) FROM tie"));
  /* major (US RU GB FR DE): the demo has ties in all five */
  json_t *x;
  size_t i;
  int bMajor = 0;
  json_array_foreach(json_object_get(out, "lists"), i, x){
    if( strcmp(json_string_value(json_object_get(x, "key")), "major")==0 ){
      bMajor = 1;
      assert_int_equal(json_integer_value(json_object_get(x, "members")), 5);
      assert_int_equal(json_integer_value(json_object_get(x, "covered")), 5);
    }
  }
  assert_true(bMajor);
  /* gaps sorted by priority, each with reasons */
  json_t *gaps = json_object_get(out, "gaps");
  assert_true(json_array_size(gaps)>10);
  for(i=1; i<json_array_size(gaps); i++){
    assert_true(json_integer_value(json_object_get(json_array_get(gaps, i-1), "priority"))
                >= json_integer_value(json_object_get(json_array_get(gaps, i), "priority")));
  }
  assert_int_equal(json_array_size(json_object_get(json_array_get(gaps, 0), "reasons")), 4);
  json_decref(out);
  assert_int_equal(layout_analyse(&c, "neighbours", &out, &e), YC_OK);
  assert_int_equal(json_integer_value(json_object_get(json_object_get(out, "list"), "members")), 20);
  json_decref(out);
  /* China (the home country) is no member of a list here: 54 - 1 */
  assert_int_equal(layout_analyse(&c, "wb_upper_middle", &out, &e), YC_OK);
  assert_int_equal(json_integer_value(json_object_get(json_object_get(out, "list"), "members")), 53);
  json_array_foreach(json_object_get(out, "gaps"), i, x) assert_string_not_equal(json_string_value(json_object_get(x, "iso2")), "CN");
  json_decref(out);
  assert_int_equal(layout_analyse(&c, "nosuchlist", &out, &e), YC_EINVALID);
  assert_string_equal(e.zField, "list");
  assert_int_equal(layout_analyse(&c, "Bad key!", &out, &e), YC_EINVALID);
}

static void test_candidates(void **st){
  (void)st;
  Err e;
  json_t *out = 0;
  assert_int_equal(candidates_rank(&c, "US", 0, "5", &out, &e), YC_OK);
  json_t *items = json_object_get(out, "items");
  assert_int_equal(json_array_size(items), 5);
  json_t *x;
  size_t i;
  json_array_foreach(items, i, x){
    assert_true(json_array_size(json_object_get(x, "reasons"))>=5);
    assert_string_equal(json_string_value(json_object_get(json_object_get(json_object_get(x, "city"), "country"), "iso2")), "US");
    /* no city the home city already has a tie with */
    char zSql[160];
    snprintf(zSql, sizeof zSql, "SELECT count(*) FROM tie WHERE partner_city_id=%lld",
             (long long)json_integer_value(json_object_get(json_object_get(x, "city"), "id")));
    assert_int_equal(count(zSql), 0);
  }
  json_decref(out);
  assert_int_equal(candidates_rank(&c, 0, "neighbours", "10", &out, &e), YC_OK);
  assert_int_equal(json_array_size(json_object_get(out, "items")), 10);
  json_decref(out);
  assert_int_equal(candidates_rank(&c, "US", "bri", 0, &out, &e), YC_EINVALID);
  assert_int_equal(candidates_rank(&c, 0, 0, 0, &out, &e), YC_EINVALID);
  assert_int_equal(candidates_rank(&c, "US", 0, "0", &out, &e), YC_EINVALID);
  assert_string_equal(e.zField, "limit");
  assert_int_equal(candidates_rank(&c, "QQ", 0, 0, &out, &e), YC_EINVALID);
  assert_int_equal(candidates_rank(&c, "CN", 0, 0, &out, &e), YC_EINVALID);   /* the home country */
  assert_string_equal(e.zCode, "home_country");
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_country_parts),
    cmocka_unit_test(test_city_variants),
    cmocka_unit_test(test_similar),
    cmocka_unit_test(test_country_resolve),
    cmocka_unit_test(test_resolve_ambiguous),
    cmocka_unit_test(test_resolve_districts),
    cmocka_unit_test(test_resolve_scripts),
    cmocka_unit_test(test_resolver_shared),
    cmocka_unit_test(test_resolve_exonyms),
    cmocka_unit_test(test_resolve_country_first),
    cmocka_unit_test(test_resolve_never_other_country),
    cmocka_unit_test(test_area_qualifier),
    cmocka_unit_test(test_rule_no_nearest_place),
    cmocka_unit_test(test_rule_area_words),
    cmocka_unit_test(test_rule_namesakes),
    cmocka_unit_test(test_rule_district_forms),
    cmocka_unit_test(test_rule_similar),
    cmocka_unit_test(test_rule_municipal_seat),
    cmocka_unit_test(test_import_good_and_again),
    cmocka_unit_test(test_import_wikidata),
    cmocka_unit_test(test_review_and_fix),
    cmocka_unit_test(test_order_independent),
    cmocka_unit_test(test_import_mapped),
    cmocka_unit_test(test_import_bad),
    cmocka_unit_test(test_lists),
    cmocka_unit_test(test_layout),
    cmocka_unit_test(test_candidates),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
