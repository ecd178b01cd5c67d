/* candidates.c: ranked candidate partner cities; see candidates.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/page.h"
#include "core/candidates.h"
#include "core/city.h"
#include "core/cand_fit.h"
#include "core/subcity.h"
#include "core/twins_network.h"
#include "core/layout.h"
#include "core/countrylist.h"
#include "base/arena.h"
#include "base/buf.h"
#include "text/country_norm.h"
#include "store/rows.h"

const char *const azCandidateParam[] = {"country", "list", "limit", 0};

#define POOL_PER_COUNTRY 300
#define POOL_PER_LIST_COUNTRY 40
#define LIST_COUNTRIES 12
#define CONTEXT_MIN_POP 10000     /* places read to find the parents of sub-city units */
#define POOL_MIN_POP 50000        /* a candidate has this many people or is a seat (PPLC, PPLA, PPLA2) */
#define INDUSTRY_SAME 6           /* points per industry shared with home organisations */
#define INDUSTRY_SECTION 2        /* points per section shared (no division in common) */
#define INDUSTRY_MAX 15

static json_t *reason(const char *zFactor, json_t *value, int nPoints, const char *zText){
  return json_pack("{s:s, s:o, s:i, s:s}", "factor", zFactor, "value", value, "points", nPoints, "text", zText);
}

/* One industry of a city: its code and section with their names, and who
** says so (an organisation, or "industry profile"). */
typedef struct Ind { int64_t cityId; const char *zCode, *zSec, *zLabelEn, *zLabelZh, *zSecEn, *zSecZh, *zWho; } Ind;

/* What one ranking needs: the home city, the fit model, the home side's
** industries; all strings in the arena. */
typedef struct Rank {
  Ctx *c;
  Arena arena;
  double lat, lng;
  char zCc[3], zAdmin[24], zName[120];
  FitModel fit;
  Ind *aHome;              /* the home side's industries */
  int nHome;
  int nWithIndustry;       /* scored candidates with organisations or a profile */
  json_t *excluded;
} Rank;

static void home_load(Rank *k){
  Ctx *c = k->c;
  DbStmt *p = db_stmt(c->db, "SELECT lat, lng, country, coalesce(admin_code,''), name FROM city WHERE id=?1");
  if( !p ) return;
  db_bind_int64(p, 1, c->homeCityId);
  if( db_step(p)==DB_ROW ){
    k->lat = db_col_double(p, 0);
    k->lng = db_col_double(p, 1);
    snprintf(k->zCc, sizeof k->zCc, "%s", db_text(p, 2));
    snprintf(k->zAdmin, sizeof k->zAdmin, "%s", db_text(p, 3));
    snprintf(k->zName, sizeof k->zName, "%s", db_text(p, 4));
  }
  db_reset(p);
}

#define IND_COLUMNS "x.cid, x.code, i.section, i.label_en, i.label_zh, s.label_en, s.label_zh, x.who"
#define IND_JOIN " JOIN industry i ON i.code=x.code LEFT JOIN industry s ON s.code=i.section"

/* Industry rows of statement p (IND_COLUMNS) into *pa, *pn. */
static YcStatus ind_read(Rank *k, DbStmt *p, Ind **pa, int *pn, Err *e){
  int nAlloc = 0, rc;
  *pa = 0;
  *pn = 0;
  while( (rc = db_step(p))==DB_ROW ){
    if( *pn>=nAlloc ){
      int nNew = nAlloc ? nAlloc*2 : 16;
      Ind *aNew = arena_alloc(&k->arena, sizeof(Ind)*(size_t)nNew);
      if( !aNew ){ db_reset(p); return err_set(e, YC_EINTERNAL, 0, 0, "out of memory"); }
      if( *pn ) memcpy(aNew, *pa, sizeof(Ind)*(size_t)*pn);
      *pa = aNew;
      nAlloc = nNew;
    }
    Ind *x = &(*pa)[(*pn)++];
    x->cityId = db_col_int64(p, 0);
    x->zCode = arena_strdup(&k->arena, db_text(p, 1));
    x->zSec = arena_strdup(&k->arena, db_text(p, 2));
    x->zLabelEn = arena_strdup(&k->arena, db_text(p, 3));
    x->zLabelZh = arena_strdup(&k->arena, db_text(p, 4));
    x->zSecEn = arena_strdup(&k->arena, db_text(p, 5));
    x->zSecZh = arena_strdup(&k->arena, db_text(p, 6));
    x->zWho = arena_strdup(&k->arena, db_text(p, 7));
  }
  db_reset(p);
  return rc==DB_DONE ? YC_OK : db_error(k->c->db, rc, e);
}

/* The industries of the home side's organisations. */
static YcStatus home_industries(Rank *k, Err *e){
  DbStmt *p = db_stmt(k->c->db,
    "SELECT " IND_COLUMNS " FROM (SELECT 0 AS cid, oi.code AS code, min(coalesce(o.name_en, o.name_zh)) AS who"
    " FROM org o JOIN org_industry oi ON oi.org_id=o.id WHERE o.side='home' GROUP BY oi.code) x" IND_JOIN
    " ORDER BY x.code");
  if( !p ) return db_error(k->c->db, DB_ERROR, e);
  return ind_read(k, p, &k->aHome, &k->nHome, e);
}

/* The industries of the cities of country zIso2: partner-side
** organisations located there, and industry profiles of ties to them. */
static YcStatus country_industries(Rank *k, const char *zIso2, Ind **pa, int *pn, Err *e){
  DbStmt *p = db_stmt(k->c->db,
    "SELECT " IND_COLUMNS " FROM ("
    " SELECT o.city_id AS cid, oi.code AS code, coalesce(o.name_en, o.name_zh) AS who FROM org o"
    "  JOIN org_industry oi ON oi.org_id=o.id JOIN city ci ON ci.id=o.city_id WHERE o.side='partner' AND ci.country=?1"
    " UNION SELECT t.partner_city_id, pi.code, 'industry profile' FROM profile_item pi JOIN tie t ON t.id=pi.tie_id"
    "  JOIN city ci ON ci.id=t.partner_city_id WHERE pi.kind='industry' AND ci.country=?1) x" IND_JOIN
    " ORDER BY x.cid, x.code, x.who");
  if( !p ) return db_error(k->c->db, DB_ERROR, e);
  db_bind_text(p, 1, zIso2, -1);
  return ind_read(k, p, pa, pn, e);
}

/* Industry fit of city id from the rows aInd (of its country): a reason, or
** 0 when nothing is known of its industries. */
static json_t *industry_reason(Rank *k, int64_t id, const Ind *aInd, int nInd, int *pnPts){
  *pnPts = 0;
  json_t *shared = json_array(), *secs = json_array(), *who = json_array(), *codes = json_array();
  Buf bShared = BUF_INIT, bSec = BUF_INIT, bWho = BUF_INIT, bCodes = BUF_INIT;
  int nShared = 0, nSec = 0, bAny = 0;
  for(int i=0; i<nInd; i++){
    const Ind *x = &aInd[i];
    if( x->cityId!=id ) continue;
    bAny = 1;
    int bSeen = 0;
    size_t j;
    json_t *v;
    json_array_foreach(who, j, v) if( strcmp(json_string_value(v), x->zWho)==0 ) bSeen = 1;
    if( !bSeen ){
      json_array_append_new(who, json_string(x->zWho));
      buf_printf(&bWho, "%s%s", bWho.n ? ", " : "", x->zWho);
    }
    bSeen = 0;
    json_array_foreach(codes, j, v) if( strcmp(json_string_value(v), x->zCode)==0 ) bSeen = 1;
    if( bSeen ) continue;
    json_array_append_new(codes, json_string(x->zCode));
    buf_printf(&bCodes, "%s%s %s", bCodes.n ? ", " : "", x->zCode, x->zLabelEn);
    int bSame = 0, bSecSame = 0;
    for(int h=0; h<k->nHome; h++){
      if( strcmp(k->aHome[h].zCode, x->zCode)==0 ) bSame = 1;
      else if( x->zSec && k->aHome[h].zSec && strcmp(k->aHome[h].zSec, x->zSec)==0 ) bSecSame = 1;
    }
    if( bSame ){
      nShared++;
      json_array_append_new(shared, json_pack("{s:s, s:s, s:s}", "code", x->zCode, "label_en", x->zLabelEn, "label_zh", x->zLabelZh));
      buf_printf(&bShared, "%s%s %s", bShared.n ? ", " : "", x->zCode, x->zLabelEn);
    }else if( bSecSame && x->zSec ){
      int bDup = 0;
      json_array_foreach(secs, j, v) if( strcmp(json_string_value(json_object_get(v, "code")), x->zSec)==0 ) bDup = 1;
      if( !bDup ){
        nSec++;
        json_array_append_new(secs, json_pack("{s:s, s:s, s:s}", "code", x->zSec, "label_en", x->zSecEn ? x->zSecEn : x->zSec,
                                              "label_zh", x->zSecZh ? x->zSecZh : x->zSec));
        buf_printf(&bSec, "%s%s %s", bSec.n ? ", " : "", x->zSec, x->zSecEn ? x->zSecEn : "");
      }
    }
  }
  json_t *r = 0;
  if( bAny ){
    int n = INDUSTRY_SAME*nShared + INDUSTRY_SECTION*nSec;
    if( n>INDUSTRY_MAX ) n = INDUSTRY_MAX;
    Buf t = BUF_INIT;
    buf_printf(&t, "organisations or profiles here (%s) work in %s", buf_str(&bWho), buf_str(&bCodes));
    if( nShared ) buf_printf(&t, "; in common with home organisations: %s", buf_str(&bShared));
    if( nSec ) buf_printf(&t, "; same section as home organisations: %s", buf_str(&bSec));
    if( !nShared && !nSec ) buf_printf(&t, "; nothing in common with home organisations");
    buf_printf(&t, " (%d points per industry in common, %d per section, at most %d)", INDUSTRY_SAME, INDUSTRY_SECTION, INDUSTRY_MAX);
    r = reason("industry_fit", json_pack("{s:O, s:O, s:O}", "shared", shared, "sections", secs, "sources", who), n, buf_str(&t));
    buf_free(&t);
    *pnPts = n;
  }
  json_decref(shared);
  json_decref(secs);
  json_decref(who);
  json_decref(codes);
  buf_free(&bShared);
  buf_free(&bSec);
  buf_free(&bWho);
  buf_free(&bCodes);
  return r;
}

/* Names of the city's twins in the home province, comma-separated. */
static void province_twins(Rank *k, int64_t id, Buf *b){
  DbStmt *p = db_stmt(k->c->db,
    "SELECT o.name FROM (SELECT city_b AS oid FROM twin_pair WHERE city_a=?1"
    " UNION ALL SELECT city_a FROM twin_pair WHERE city_b=?1) t JOIN city o ON o.id=t.oid"
    " WHERE o.country=?2 AND o.admin_code=?3 AND o.id<>?4 ORDER BY o.population DESC LIMIT 5");
  if( !p ) return;
  db_bind_int64(p, 1, id);
  db_bind_text(p, 2, k->zCc, -1);
  db_bind_text(p, 3, k->zAdmin, -1);
  db_bind_int64(p, 4, k->c->homeCityId);
  int n = 0;
  while( db_step(p)==DB_ROW ) buf_printf(b, "%s%s", n++ ? ", " : "", db_text(p, 0));
  db_reset(p);
}

/* Fixed points, used only when no twin network is loaded to learn from. */
static int pop_points(int64_t n){
  static const struct { int64_t n; int pts; } a[] = {{5000000, 30}, {2000000, 26}, {1000000, 22}, {500000, 18},
    {200000, 14}, {100000, 10}, {50000, 6}, {0, 2}};
  for(int i=0; ; i++) if( n>=a[i].n ) return a[i].pts;
}

static int rank_points(const char *zFc, const char **pzText){
  if( !zFc ) zFc = "";
  if( strcmp(zFc, "PPLC")==0 ){ *pzText = "national capital (GeoNames PPLC)"; return 20; }
  if( strcmp(zFc, "PPLA")==0 ){ *pzText = "seat of a first-level division: state or province capital (PPLA)"; return 15; }
  if( strcmp(zFc, "PPLA2")==0 ){ *pzText = "seat of a second-level division (PPLA2)"; return 8; }
  if( strcmp(zFc, "PPLA3")==0 || strcmp(zFc, "PPLA4")==0 ){ *pzText = "seat of a lower division (PPLA3/4)"; return 4; }
  *pzText = "no administrative seat (GeoNames populated place)";
  return 0;
}

/* A place of a country's pool context. */
typedef struct Place {
  int64_t id, pop;
  const char *zName, *zNameZh, *zFc, *zA1, *zA2, *zAdmin1, *zAdmin1Zh;
  double lat, lng;
  int bTied;               /* has a tie with the home city */
  int bPool;               /* among the candidates assessed */
} Place;

static json_t *place_json(const Place *x, const char *zIso2, const char *zCoEn, const char *zCoZh){
  json_t *j = json_pack("{s:I, s:s, s:o, s:o, s:o, s:{s:s, s:o, s:o}, s:I, s:o, s:o, s:f, s:f}",
    "id", (json_int_t)x->id, "name_en", x->zName, "name_zh", x->zNameZh ? json_string(x->zNameZh) : json_null(),
    "admin1", x->zAdmin1 ? json_string(x->zAdmin1) : json_null(),
    "admin1_zh", x->zAdmin1Zh ? json_string(x->zAdmin1Zh) : json_null(),
    "country", "iso2", zIso2, "name_en", zCoEn ? json_string(zCoEn) : json_null(), "name_zh", zCoZh ? json_string(zCoZh) : json_null(),
    "population", (json_int_t)x->pop, "feature_code", x->zFc ? json_string(x->zFc) : json_null(),
    "admin_code", x->zA1 ? json_string(x->zA1) : json_null(), "lat", x->lat, "lng", x->lng);
  city_labels_add(j, x->zName, x->zNameZh, x->zAdmin1, x->zAdmin1Zh, zIso2, zCoZh);
  return j;
}

/* Score one pool city into a candidate object. */
static json_t *score_city(Rank *k, const Place *x, json_t *city, int nCountryPts, const char *zCountryText,
                          const Ind *aInd, int nInd){
  Ctx *c = k->c;
  json_t *reasons = json_array();
  char z[600];
  int nScore = 0, n;
  if( k->fit.bLoaded ){
    snprintf(z, sizeof z, "%lld people (GeoNames); size counts in the fit with the home city", (long long)x->pop);
    json_array_append_new(reasons, reason("population", json_integer(x->pop), 0, z));
    json_t *v = 0;
    n = fit_score(&k->fit, x->zFc, x->pop, &v, z, sizeof z);
    json_array_append_new(reasons, reason("admin_fit", v, n, z));
    nScore += n;
  }else{
    n = pop_points(x->pop);
    snprintf(z, sizeof z, "%lld people (GeoNames; fixed points: no world twin network imported to learn from)", (long long)x->pop);
    json_array_append_new(reasons, reason("population", json_integer(x->pop), n, z));
    nScore += n;
    const char *zRank;
    n = rank_points(x->zFc, &zRank);
    json_array_append_new(reasons, reason("admin_rank", x->zFc ? json_string(x->zFc) : json_null(), n, zRank));
    nScore += n;
  }
  TwinCounts tc;
  network_counts(c, x->id, &tc);
  n = tc.nTwin<10 ? tc.nTwin : 10;
  snprintf(z, sizeof z, "%d twin town(s) in the world twin-city network: open to partnerships", tc.nTwin);
  if( tc.nTwin==0 ) snprintf(z, sizeof z, "no twin town in the world twin-city network");
  json_array_append_new(reasons, reason("openness", json_integer(tc.nTwin), n, z));
  nScore += n;
  n = tc.nChina ? 8 + (tc.nChina-1)*2 : 0;
  if( n>15 ) n = 15;
  snprintf(z, sizeof z, "twinned with %d Chinese city(ies)", tc.nChina);
  json_array_append_new(reasons, reason("china_ties", json_integer(tc.nChina), n, z));
  nScore += n;
  json_t *ri = industry_reason(k, x->id, aInd, nInd, &n);
  if( ri ){
    json_array_append_new(reasons, ri);
    nScore += n;
    k->nWithIndustry++;
  }
  json_t *flags = json_object();
  if( tc.nProvince ){
    Buf b = BUF_INIT;
    province_twins(k, x->id, &b);
    snprintf(z, sizeof z, "already twinned with %d other city(ies) of the home province (%s): the province has a tie here",
             tc.nProvince, buf_str(&b));
    json_array_append_new(reasons, reason("home_province_twin", json_integer(tc.nProvince), -10, z));
    json_object_set_new(flags, "home_province_twin", json_string(buf_str(&b)));
    buf_free(&b);
    nScore -= 10;
  }
  if( tc.bHomeCity ){
    snprintf(z, sizeof z, "listed as a twin of %s in the public twin-town data but not in the registry: verify", k->zName);
    json_array_append_new(reasons, reason("public_twin_of_home", json_true(), 5, z));
    json_object_set_new(flags, "public_twin_of_home", json_true());
    nScore += 5;
  }
  if( zCountryText ){
    json_array_append_new(reasons, reason("country_priority", json_integer(nCountryPts*5), nCountryPts, zCountryText));
    nScore += nCountryPts;
  }
  double km = cn_haversine(k->lat, k->lng, x->lat, x->lng);
  snprintf(z, sizeof z, "%.0f km from %s (information only)", km, k->zName);
  json_array_append_new(reasons, reason("distance", json_integer((json_int_t)lround(km)), 0, z));
  return json_pack("{s:o, s:i, s:o, s:o, s:{s:i, s:i, s:i}}", "city", city, "score", nScore, "reasons", reasons,
                   "flags", flags, "twins", "total", tc.nTwin, "china", tc.nChina, "home_province", tc.nProvince);
}

/* Why x is left out as a part of its parent y, in English. */
static void excluded_text(const Place *x, const Place *y, const SubPart *sp, char *z, size_t n){
  if( sp->eRule==SUBCITY_SECTION ){
    snprintf(z, n, "a section of a populated place (GeoNames PPLX) %.1f km from %s (%lld people; urban radius %.1f km):"
             " part of that city", sp->km, y->zName, (long long)y->pop, sp->radius);
  }else{
    snprintf(z, n, "in a second-level division (admin-2 code %s) %.1f km from %s (%lld people; urban radius %.1f km), which"
             " has no admin-2 code and is made of such divisions (their largest places hold %.0f%% of its people): part of that city",
             x->zA2, sp->km, y->zName, (long long)y->pop, sp->radius, 100.0*sp->composed);
  }
}

#define CONTEXT_WHERE " FROM city ci WHERE ci.country=?1 AND ci.id<>?2" \
  " AND (ci.population>=?3 OR ci.feature_code IN ('PPLC','PPLA','PPLA2')) ORDER BY ci.population DESC, ci.id"

/* Rank the cities of country zIso2 into items: the nPool most populous
** cities (>= POOL_MIN_POP people or a seat) without a tie, less the
** sub-city units of a city that is assessed or tied (into k->excluded). */
static YcStatus pool_country(Rank *k, const char *zIso2, int nPool, int nCountryPts,
                             const char *zCountryText, json_t *items, Err *e){
  Ctx *c = k->c;
  char zCoEn[200] = "", zCoZh[200] = "";
  DbStmt *p = db_stmt(c->db, "SELECT coalesce(name_en,''), coalesce(name_zh,'') FROM country WHERE iso2=?1");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_text(p, 1, zIso2, -1);
  if( db_step(p)==DB_ROW ){
    snprintf(zCoEn, sizeof zCoEn, "%s", db_text(p, 0));
    snprintf(zCoZh, sizeof zCoZh, "%s", db_text(p, 1));
  }
  db_reset(p);
  p = db_stmt(c->db,
    "SELECT ci.id, ci.name, ci.name_zh, ci.population, ci.feature_code, coalesce(ci.admin_code,''),"
    " coalesce(ci.admin2_code,''), ci.lat, ci.lng, ci.admin1, ci.admin1_zh,"
    " EXISTS(SELECT 1 FROM tie t WHERE t.home_city_id=?2 AND t.partner_city_id=ci.id)" CONTEXT_WHERE);
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_text(p, 1, zIso2, -1);
  db_bind_int64(p, 2, c->homeCityId);
  db_bind_int(p, 3, CONTEXT_MIN_POP);
  int n = 0, nAlloc = 0, rc;
  Place *a = 0;
  while( (rc = db_step(p))==DB_ROW ){
    if( n>=nAlloc ){
      int nNew = nAlloc ? nAlloc*2 : 256;
      Place *aNew = arena_alloc(&k->arena, sizeof(Place)*(size_t)nNew);
      if( !aNew ){ db_reset(p); return err_set(e, YC_EINTERNAL, 0, 0, "out of memory"); }
      if( n ) memcpy(aNew, a, sizeof(Place)*(size_t)n);
      a = aNew;
      nAlloc = nNew;
    }
    Place *x = &a[n++];
    x->id = db_col_int64(p, 0);
    x->zName = arena_strdup(&k->arena, db_text(p, 1));
    x->zNameZh = arena_strdup(&k->arena, db_text(p, 2));
    x->pop = db_col_int64(p, 3);
    x->zFc = arena_strdup(&k->arena, db_text(p, 4));
    x->zA1 = arena_strdup(&k->arena, db_text(p, 5));
    x->zA2 = arena_strdup(&k->arena, db_text(p, 6));
    x->lat = db_col_double(p, 7);
    x->lng = db_col_double(p, 8);
    x->zAdmin1 = arena_strdup(&k->arena, db_text(p, 9));
    x->zAdmin1Zh = arena_strdup(&k->arena, db_text(p, 10));
    x->bTied = db_col_int(p, 11);
  }
  db_reset(p);
  if( rc!=DB_DONE ) return db_error(c->db, rc, e);
  if( n==0 ) return YC_OK;
  SubPlace *aSub = arena_alloc(&k->arena, sizeof(SubPlace)*(size_t)n);
  SubPart *aPart = arena_alloc(&k->arena, sizeof(SubPart)*(size_t)n);
  if( !aSub || !aPart ) return err_set(e, YC_EINTERNAL, 0, 0, "out of memory");
  for(int i=0; i<n; i++){
    aSub[i] = (SubPlace){a[i].id, a[i].zFc, a[i].zA1, a[i].zA2, a[i].pop, a[i].lat, a[i].lng};
  }
  subcity_find(aSub, n, 1, aPart);
  Ind *aInd;
  int nInd;
  YcStatus st = country_industries(k, zIso2, &aInd, &nInd, e);
  if( st ) return st;
  int nTaken = 0;
  for(int i=0; i<n && nTaken<nPool; i++){      /* a is by population, most first */
    Place *x = &a[i];
    if( x->bTied ) continue;
    if( x->pop<POOL_MIN_POP && strcmp(x->zFc ? x->zFc : "", "PPLC")!=0 && strcmp(x->zFc ? x->zFc : "", "PPLA")!=0
        && strcmp(x->zFc ? x->zFc : "", "PPLA2")!=0 ) continue;
    nTaken++;
    x->bPool = 1;
    json_t *city = place_json(x, zIso2, zCoEn, zCoZh);
    int iY = aPart[i].iParent;
    if( iY>=0 && (a[iY].bPool || a[iY].bTied) ){
      char z[600];
      excluded_text(x, &a[iY], &aPart[i], z, sizeof z);
      json_array_append_new(k->excluded, json_pack("{s:o, s:{s:I, s:s, s:o, s:I, s:b}, s:s, s:f, s:f, s:f, s:s, s:s}",
        "city", city, "part_of", "id", (json_int_t)a[iY].id, "name_en", a[iY].zName,
        "name_zh", a[iY].zNameZh ? json_string(a[iY].zNameZh) : json_null(), "population", (json_int_t)a[iY].pop,
        "tied", a[iY].bTied, "rule", subcity_rule_name(aPart[i].eRule), "km", round(aPart[i].km*10)/10,
        "radius_km", round(aPart[i].radius*10)/10, "composed", round(aPart[i].composed*100)/100,
        "admin2_code", x->zA2 ? x->zA2 : "", "text", z));
      continue;
    }
    json_array_append_new(items, score_city(k, x, city, nCountryPts, zCountryText, aInd, nInd));
  }
  return YC_OK;
}

static int cand_cmp(const void *a, const void *b){
  json_t *x = *(json_t*const*)a, *y = *(json_t*const*)b;
  json_int_t sx = json_integer_value(json_object_get(x, "score")), sy = json_integer_value(json_object_get(y, "score"));
  if( sx!=sy ) return sx>sy ? -1 : 1;
  json_int_t px = json_integer_value(json_object_get(json_object_get(x, "city"), "population"));
  json_int_t py = json_integer_value(json_object_get(json_object_get(y, "city"), "population"));
  if( px!=py ) return px>py ? -1 : 1;
  json_int_t ix = json_integer_value(json_object_get(json_object_get(x, "city"), "id"));
  json_int_t iy = json_integer_value(json_object_get(json_object_get(y, "city"), "id"));
  return ix<iy ? -1 : ix>iy;
}

static int prio_cmp(const void *a, const void *b){
  json_t *x = *(json_t*const*)a, *y = *(json_t*const*)b;
  json_int_t px = json_integer_value(json_object_get(x, "priority")), py = json_integer_value(json_object_get(y, "priority"));
  if( px!=py ) return px>py ? -1 : 1;
  return strcmp(json_string_value(json_object_get(x, "iso2")), json_string_value(json_object_get(y, "iso2")));
}

/* The model's summary for the answer: null without a network. */
static json_t *fit_json(const FitModel *m){
  if( !m->bLoaded ) return json_null();
  return json_pack("{s:{s:s, s:s, s:s, s:i}, s:s, s:I, s:I, s:{s:s, s:i, s:f}, s:i, s:i}",
    "home", "name", m->zHome, "name_zh", m->zHomeZh, "fc", azFitFc[m->homeFc], "band", m->homeBand,
    "scope", m->scope==0 ? "kind" : m->scope==1 ? "class" : "all",
    "peers", (json_int_t)m->nPeers, "peer_links", (json_int_t)m->nLinks,
    "best", "fc", azFitFc[m->bestFc], "band", m->bestBand, "per_city", round(m->best*100)/100,
    "max_points", FIT_MAX, "min_links", FIT_MIN_LINKS);
}

YcStatus candidates_rank(Ctx *c, const char *zCountry, const char *zList,
                         const char *zLimit, json_t **ppOut, Err *e){
  *ppOut = 0;
  int nLimit;
  { YcStatus stLimit = page_limit(zLimit, 20, 100, &nLimit, e); if( stLimit ) return stLimit; }
  if( zCountry && zList ) return err_set(e, YC_EINVALID, "invalid_combination", "list", "give country or list, not both");
  if( !zCountry && !zList ) return err_set(e, YC_EINVALID, "required", "country", "give a country (ISO2) or a list (key)");
  Rank k;
  memset(&k, 0, sizeof k);
  k.c = c;
  home_load(&k);
  json_t *items = json_array(), *countries = json_array(), *expanded = json_array(), *sel = json_null();
  k.excluded = json_array();
  YcStatus st = fit_model_load(c, &k.fit, e);
  if( !st ) st = home_industries(&k, e);
  if( st ) goto end;
  if( zCountry ){
    if( strlen(zCountry)!=2 || zCountry[0]<'A' || zCountry[0]>'Z' || zCountry[1]<'A' || zCountry[1]>'Z' ){
      st = err_set(e, YC_EINVALID, "invalid_value", "country", "country must be an ISO 3166-1 alpha-2 code such as US");
      goto end;
    }
    if( strcmp(zCountry, k.zCc)==0 ){
      st = err_set(e, YC_EINVALID, "home_country", "country", "candidates are foreign cities; %s is the home city's country", zCountry);
      goto end;
    }
    DbStmt *p = db_stmt(c->db, "SELECT iso2, name_en, name_zh FROM country WHERE iso2=?1");
    if( !p ){ st = db_error(c->db, DB_ERROR, e); goto end; }
    db_bind_text(p, 1, zCountry, -1);
    if( db_step(p)==DB_ROW ){
      json_decref(sel);
      sel = json_pack("{s:o, s:o, s:o}", "iso2", rows_text(p, 0), "name_en", rows_text(p, 1), "name_zh", rows_text(p, 2));
    }
    db_reset(p);
    if( json_is_null(sel) ){ st = err_set(e, YC_EINVALID, "unknown_country", "country", "no country %s", zCountry); goto end; }
    json_array_append_new(countries, json_string(zCountry));
    st = pool_country(&k, zCountry, POOL_PER_COUNTRY, 0, 0, items, e);
  }else{
    json_t *lay = 0;
    if( (st = layout_analyse(c, zList, &lay, e)) ) goto end;
    json_decref(sel);
    sel = json_incref(json_object_get(lay, "list"));
    /* The gaps and the covered countries of lists marked expand, by priority. */
    json_t *g;
    size_t i, nG = 0;
    json_t *aAll[2] = {json_object_get(lay, "gaps"), json_object_get(lay, "expand")};
    for(int w=0; w<2; w++) nG += json_array_size(aAll[w]);
    json_t **ap = malloc(sizeof(json_t*)*(nG + 1));
    if( !ap ){ json_decref(lay); st = err_set(e, YC_EINTERNAL, 0, 0, "out of memory"); goto end; }
    nG = 0;
    for(int w=0; w<2; w++) json_array_foreach(aAll[w], i, g) ap[nG++] = g;
    qsort(ap, nG, sizeof ap[0], prio_cmp);
    for(i=0; i<nG && i<LIST_COUNTRIES && !st; i++){
      g = ap[i];
      int nPrio = (int)json_integer_value(json_object_get(g, "priority"));
      int bExpand = strcmp(json_string_value(json_object_get(g, "state")), "covered")==0;
      char zText[400];
      if( bExpand ){
        snprintf(zText, sizeof zText, "country %s of list %s, marked expand: more ties wanted though %lld tie(s) exist;"
                 " priority %d (points = priority / 5)", json_string_value(json_object_get(g, "name_en")), zList,
                 (long long)json_integer_value(json_object_get(g, "ties")), nPrio);
        json_array_append_new(expanded, json_incref(json_object_get(g, "iso2")));
      }else{
        snprintf(zText, sizeof zText, "gap country %s of list %s, priority %d (points = priority / 5)",
                 json_string_value(json_object_get(g, "name_en")), zList, nPrio);
      }
      json_array_append_new(countries, json_incref(json_object_get(g, "iso2")));
      st = pool_country(&k, json_string_value(json_object_get(g, "iso2")), POOL_PER_LIST_COUNTRY, nPrio/5, zText, items, e);
    }
    free(ap);
    json_decref(lay);
  }
  if( st ) goto end;
  size_t n = json_array_size(items);
  json_t **ap = malloc(sizeof(json_t*)*(n + 1));
  if( !ap ){ st = err_set(e, YC_EINTERNAL, 0, 0, "out of memory"); goto end; }
  for(size_t i=0; i<n; i++) ap[i] = json_incref(json_array_get(items, i));
  qsort(ap, n, sizeof ap[0], cand_cmp);
  json_array_clear(items);
  for(size_t i=0; i<n; i++){
    if( (long)i<nLimit ){
      json_object_set_new(ap[i], "rank", json_integer((json_int_t)i + 1));
      json_array_append(items, ap[i]);
    }
    json_decref(ap[i]);
  }
  free(ap);
  json_t *skipped = json_array();
  if( k.nWithIndustry==0 ){
    json_array_append_new(skipped, json_pack("{s:s, s:s}", "factor", "industry_fit", "text",
      "no city assessed has partner-side organisations located there or an industry profile in the database,"
      " so none is compared by industry with the home organisations"));
  }
  json_array_append_new(skipped, json_pack("{s:s, s:s}", "factor", "flights", "text", "no direct-flight data in the database"));
  *ppOut = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:I, s:I, s:o, s:o}", zCountry ? "country" : "list", sel,
                     "items", items, "countries", countries, "expand", expanded, "skipped", skipped, "excluded", k.excluded,
                     "pool", (json_int_t)n, "with_industry", (json_int_t)k.nWithIndustry,
                     "fit", fit_json(&k.fit),
                     "home_city", json_pack("{s:I, s:s, s:s}", "id", (json_int_t)c->homeCityId, "name_en", k.zName,
                                            "name_zh", k.fit.zHomeZh));
  arena_free(&k.arena);
  return YC_OK;
end:
  json_decref(items);
  json_decref(countries);
  json_decref(expanded);
  json_decref(sel);
  json_decref(k.excluded);
  arena_free(&k.arena);
  return st;
}

char *candidates_notes(json_t *cand){
  Buf b = BUF_INIT;
  json_t *city = json_object_get(cand, "city");
  buf_printf(&b, "Proposed from the youcheng candidate ranking (score %lld",
             (long long)json_integer_value(json_object_get(cand, "score")));
  if( json_object_get(cand, "rank") ) buf_printf(&b, ", rank %lld", (long long)json_integer_value(json_object_get(cand, "rank")));
  buf_printf(&b, ") for %s. Reasons:\n", json_string_value(json_object_get(city, "name_en")));
  json_t *r;
  size_t i;
  json_array_foreach(json_object_get(cand, "reasons"), i, r){
    buf_printf(&b, "- %s: %s (%+lld)\n", json_string_value(json_object_get(r, "factor")),
               json_string_value(json_object_get(r, "text")), (long long)json_integer_value(json_object_get(r, "points")));
  }
  if( buf_error(&b) ){ buf_free(&b); return 0; }
  char *z = buf_take(&b);
  size_t n = z ? strlen(z) : 0;
  while( n && (z[n-1]=='\n' || z[n-1]==' ') ) z[--n] = 0;    /* notes are trimmed */
  return z;
}
