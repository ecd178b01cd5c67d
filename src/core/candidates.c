/* candidates.c: ranked candidate partner cities; see candidates.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/page.h"
#include "core/candidates.h"
#include "core/city.h"
#include "core/twins_network.h"
#include "core/layout.h"
#include "core/countrylist.h"
#include "base/buf.h"
#include "text/country_norm.h"
#include "store/rows.h"

const char *const azCandidateParam[] = {"country", "list", "limit", 0};

#define POOL_PER_COUNTRY 300
#define LIST_COUNTRIES 12

static json_t *reason(const char *zFactor, json_t *value, int nPoints, const char *zText){
  return json_pack("{s:s, s:o, s:i, s:s}", "factor", zFactor, "value", value, "points", nPoints, "text", zText);
}

typedef struct Home { double lat, lng; char zCc[3], zAdmin[24]; const char *zName; char zNameBuf[120]; } Home;

static void home_load(Ctx *c, Home *h){
  memset(h, 0, sizeof *h);
  DbStmt *p = db_stmt(c->db, "SELECT lat, lng, country, coalesce(admin_code,''), name FROM city WHERE id=?1");
  if( !p ) return;
  db_bind_int64(p, 1, c->homeCityId);
  if( db_step(p)==DB_ROW ){
    h->lat = db_col_double(p, 0);
    h->lng = db_col_double(p, 1);
    snprintf(h->zCc, sizeof h->zCc, "%s", db_text(p, 2));
    snprintf(h->zAdmin, sizeof h->zAdmin, "%s", db_text(p, 3));
    snprintf(h->zNameBuf, sizeof h->zNameBuf, "%s", db_text(p, 4));
  }
  h->zName = h->zNameBuf;
  db_reset(p);
}

/* Names of the city's twins in the home province, comma-separated. */
static void province_twins(Ctx *c, const Home *h, int64_t id, Buf *b){
  DbStmt *p = db_stmt(c->db,
    "SELECT o.name FROM (SELECT city_b AS oid FROM twin_pair WHERE city_a=?1"
    " UNION ALL SELECT city_a FROM twin_pair WHERE city_b=?1) t JOIN city o ON o.id=t.oid"
    " WHERE o.country=?2 AND o.admin_code=?3 AND o.id<>?4 ORDER BY o.population DESC LIMIT 5");
  if( !p ) return;
  db_bind_int64(p, 1, id);
  db_bind_text(p, 2, h->zCc, -1);
  db_bind_text(p, 3, h->zAdmin, -1);
  db_bind_int64(p, 4, c->homeCityId);
  int n = 0;
  while( db_step(p)==DB_ROW ) buf_printf(b, "%s%s", n++ ? ", " : "", db_text(p, 0));
  db_reset(p);
}

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

/* Score one pool city (the current row of p) into a candidate object. */
static json_t *score_city(Ctx *c, const Home *h, DbStmt *p, int nCountryPts, const char *zCountryText){
  int64_t id = db_col_int64(p, 0), pop = db_col_int64(p, 3);
  const char *zFc = db_text(p, 4);
  double lat = db_col_double(p, 6), lng = db_col_double(p, 7);
  json_t *reasons = json_array();
  char z[300];
  int nScore = 0, n;
  n = pop_points(pop);
  snprintf(z, sizeof z, "%lld people (GeoNames)", (long long)pop);
  json_array_append_new(reasons, reason("population", json_integer(pop), n, z));
  nScore += n;
  const char *zRank;
  n = rank_points(zFc, &zRank);
  json_array_append_new(reasons, reason("admin_rank", zFc ? json_string(zFc) : json_null(), n, zRank));
  nScore += n;
  TwinCounts tc;
  network_counts(c, id, &tc);
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
  json_t *flags = json_object();
  if( tc.nProvince ){
    Buf b = BUF_INIT;
    province_twins(c, h, id, &b);
    snprintf(z, sizeof z, "already twinned with %d other city(ies) of the home province (%s): the province has a tie here",
             tc.nProvince, buf_str(&b));
    json_array_append_new(reasons, reason("home_province_twin", json_integer(tc.nProvince), -10, z));
    json_object_set_new(flags, "home_province_twin", json_string(buf_str(&b)));
    buf_free(&b);
    nScore -= 10;
  }
  if( tc.bHomeCity ){
    snprintf(z, sizeof z, "listed as a twin of %s in the public twin-town data but not in the registry: verify", h->zName);
    json_array_append_new(reasons, reason("public_twin_of_home", json_true(), 5, z));
    json_object_set_new(flags, "public_twin_of_home", json_true());
    nScore += 5;
  }
  if( zCountryText ){
    json_array_append_new(reasons, reason("country_priority", json_integer(nCountryPts*5), nCountryPts, zCountryText));
    nScore += nCountryPts;
  }
  double km = cn_haversine(h->lat, h->lng, lat, lng);
  snprintf(z, sizeof z, "%.0f km from %s (information only)", km, h->zName);
  json_array_append_new(reasons, reason("distance", json_integer((json_int_t)lround(km)), 0, z));
  json_t *city = json_pack("{s:I, s:o, s:o, s:{s:o, s:o, s:o}, s:I, s:o, s:o, s:f, s:f}",
    "id", (json_int_t)id, "name_en", rows_text(p, 1), "name_zh", rows_text(p, 2),
    "country", "iso2", rows_text(p, 8), "name_en", rows_text(p, 9), "name_zh", rows_text(p, 10),
    "population", (json_int_t)pop, "feature_code", rows_text(p, 4), "admin_code", rows_text(p, 5), "lat", lat, "lng", lng);
  json_object_set_new(city, "admin1", rows_text(p, 11));
  json_object_set_new(city, "admin1_zh", rows_text(p, 12));
  city_labels_add(city, db_text(p, 1), db_text(p, 2), db_text(p, 11), db_text(p, 12), db_text(p, 8), db_text(p, 10));
  return json_pack("{s:o, s:i, s:o, s:o, s:{s:i, s:i, s:i}}", "city", city, "score", nScore, "reasons", reasons,
                   "flags", flags, "twins", "total", tc.nTwin, "china", tc.nChina, "home_province", tc.nProvince);
}

static YcStatus pool_country(Ctx *c, const Home *h, const char *zIso2, int nPool, int nCountryPts,
                             const char *zCountryText, json_t *items, Err *e){
  DbStmt *p = db_stmt(c->db,
    "SELECT ci.id, ci.name, ci.name_zh, ci.population, ci.feature_code, ci.admin_code, ci.lat, ci.lng,"
    " co.iso2, co.name_en, co.name_zh, ci.admin1, ci.admin1_zh FROM city ci JOIN country co ON co.iso2=ci.country"
    " WHERE ci.country=?1 AND ci.id<>?2 AND (ci.population>=50000 OR ci.feature_code IN ('PPLC','PPLA','PPLA2'))"
    " AND NOT EXISTS(SELECT 1 FROM tie t WHERE t.home_city_id=?2 AND t.partner_city_id=ci.id)"
    " ORDER BY ci.population DESC LIMIT ?3");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_text(p, 1, zIso2, -1);
  db_bind_int64(p, 2, c->homeCityId);
  db_bind_int(p, 3, nPool);
  /* score_city runs other (cached) statements, never this one. */
  int rc;
  while( (rc = db_step(p))==DB_ROW ) json_array_append_new(items, score_city(c, h, p, nCountryPts, zCountryText));
  db_reset(p);
  return rc==DB_DONE ? YC_OK : db_error(c->db, rc, e);
}

static int cand_cmp(const void *a, const void *b){
  json_t *x = *(json_t*const*)a, *y = *(json_t*const*)b;
  json_int_t sx = json_integer_value(json_object_get(x, "score")), sy = json_integer_value(json_object_get(y, "score"));
  if( sx!=sy ) return sx>sy ? -1 : 1;
  json_int_t px = json_integer_value(json_object_get(json_object_get(x, "city"), "population"));
  json_int_t py = json_integer_value(json_object_get(json_object_get(y, "city"), "population"));
  return px>py ? -1 : px<py;
}

YcStatus candidates_rank(Ctx *c, const char *zCountry, const char *zList,
                         const char *zLimit, json_t **ppOut, Err *e){
  *ppOut = 0;
  int nLimit;
  { YcStatus stLimit = page_limit(zLimit, 20, 100, &nLimit, e); if( stLimit ) return stLimit; }
  if( zCountry && zList ) return err_set(e, YC_EINVALID, "invalid_combination", "list", "give country or list, not both");
  if( !zCountry && !zList ) return err_set(e, YC_EINVALID, "required", "country", "give a country (ISO2) or a list (key)");
  Home h;
  home_load(c, &h);
  json_t *items = json_array(), *countries = json_array(), *sel = json_null();
  YcStatus st = YC_OK;
  if( zCountry ){
    if( strlen(zCountry)!=2 || zCountry[0]<'A' || zCountry[0]>'Z' || zCountry[1]<'A' || zCountry[1]>'Z' ){
      st = err_set(e, YC_EINVALID, "invalid_value", "country", "country must be an ISO 3166-1 alpha-2 code such as US");
      goto end;
    }
    if( strcmp(zCountry, h.zCc)==0 ){
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
    st = pool_country(c, &h, zCountry, POOL_PER_COUNTRY, 0, 0, items, e);
  }else{
    json_t *lay = 0;
    if( (st = layout_analyse(c, zList, &lay, e)) ) goto end;
    json_decref(sel);
    sel = json_incref(json_object_get(lay, "list"));
    json_t *g;
    size_t i;
    json_array_foreach(json_object_get(lay, "gaps"), i, g){
      if( i>=LIST_COUNTRIES || st ) break;
      int nPrio = (int)json_integer_value(json_object_get(g, "priority"));
      char zText[200];
      snprintf(zText, sizeof zText, "gap country %s of list %s, priority %d (points = priority / 5)",
               json_string_value(json_object_get(g, "name_en")), zList, nPrio);
      json_array_append_new(countries, json_incref(json_object_get(g, "iso2")));
      st = pool_country(c, &h, json_string_value(json_object_get(g, "iso2")), 40, nPrio/5, zText, items, e);
    }
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
  json_t *skipped = json_pack("[{s:s, s:s}, {s:s, s:s}]",
    "factor", "industry_fit", "text", "industry profiles exist only for partner cities already tied, so candidates cannot be compared by industry",
    "factor", "flights", "text", "no direct-flight data in the database");
  *ppOut = json_pack("{s:o, s:o, s:o, s:o, s:I, s:o}", zCountry ? "country" : "list", sel,
                     "items", items, "countries", countries, "skipped", skipped,
                     "pool", (json_int_t)n, "home_city", json_pack("{s:I, s:s}", "id", (json_int_t)c->homeCityId, "name_en", h.zName));
  return YC_OK;
end:
  json_decref(items);
  json_decref(countries);
  json_decref(sel);
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
