/*
** twins_network.c: views of the world twin-city network; see
** twins_network.h.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/page.h"
#include "core/twins_network.h"
#include "core/twins.h"
#include "core/twins_import.h"
#include "core/city.h"
#include "core/partner.h"
#include "store/rows.h"

/* The home city's country and admin code (static buffers of the caller). */
static void home_province(Ctx *c, char zCc[3], char zAdmin[24]){
  zCc[0] = 0;
  zAdmin[0] = 0;
  DbStmt *p = db_stmt(c->db, "SELECT country, coalesce(admin_code,'') FROM city WHERE id=?1");
  if( !p ) return;
  db_bind_int64(p, 1, c->homeCityId);
  if( db_step(p)==DB_ROW ){
    snprintf(zCc, 3, "%s", db_text(p, 0));
    snprintf(zAdmin, 24, "%s", db_text(p, 1));
  }
  db_reset(p);
}

int twins_loaded(Ctx *c){
  DbStmt *p = db_stmt(c->db, "SELECT 1 FROM twin_pair LIMIT 1");
  if( !p ) return 0;
  int b = db_step(p)==DB_ROW;
  db_reset(p);
  return b;
}

#define TWINS_OF(x) \
  "(SELECT city_b AS oid FROM twin_pair WHERE city_a=" x \
  " UNION ALL SELECT city_a FROM twin_pair WHERE city_b=" x ")"

void network_counts(Ctx *c, int64_t cityId, TwinCounts *pc){
  memset(pc, 0, sizeof *pc);
  char zCc[3], zAdmin[24];
  home_province(c, zCc, zAdmin);
  DbStmt *p = db_stmt(c->db,
    "SELECT count(*), coalesce(sum(o.country='CN'),0), coalesce(sum(o.country=?2 AND o.admin_code=?3 AND o.id<>?4),0),"
    " coalesce(max(o.id=?4),0) FROM " TWINS_OF("?1") " t JOIN city o ON o.id=t.oid");
  if( !p ) return;
  db_bind_int64(p, 1, cityId);
  db_bind_text(p, 2, zCc, -1);
  db_bind_text(p, 3, zAdmin, -1);
  db_bind_int64(p, 4, c->homeCityId);
  if( db_step(p)==DB_ROW ){
    pc->nTwin = db_col_int(p, 0);
    pc->nChina = db_col_int(p, 1);
    pc->nProvince = db_col_int(p, 2);
    pc->bHomeCity = db_col_int(p, 3);
  }
  db_reset(p);
}

YcStatus network_city(Ctx *c, int64_t id, json_t **ppOut, Err *e){
  *ppOut = 0;
  json_t *city = 0;
  YcStatus st = city_get(c, id, &city, e);
  if( st ) return st;
  char zCc[3], zAdmin[24];
  home_province(c, zCc, zAdmin);
  DbStmt *p = db_stmt(c->db,
    "SELECT o.id, o.name, o.name_zh, o.country, co.name_en, co.name_zh, o.population, o.lat, o.lng,"
    " t.label, t.how, o.country='CN', o.country=?2 AND o.admin_code=?3 AND o.id<>?4, o.id=?4,"
    " (SELECT id FROM tie WHERE home_city_id=?4 AND partner_city_id=o.id), o.admin1, o.admin1_zh"
    " FROM (SELECT city_b AS oid, label_b AS label, how_b AS how FROM twin_pair WHERE city_a=?1"
    "       UNION ALL SELECT city_a, label_a, how_a FROM twin_pair WHERE city_b=?1) t"
    " JOIN city o ON o.id=t.oid JOIN country co ON co.iso2=o.country"
    " ORDER BY co.name_en, o.name");
  if( !p ){ json_decref(city); return db_error(c->db, DB_ERROR, e); }
  db_bind_int64(p, 1, id);
  db_bind_text(p, 2, zCc, -1);
  db_bind_text(p, 3, zAdmin, -1);
  db_bind_int64(p, 4, c->homeCityId);
  json_t *twins = json_array();
  int nChina = 0, nProv = 0, bHome = 0;
  int rc;
  while( (rc = db_step(p))==DB_ROW ){
    nChina += db_col_int(p, 11);
    nProv += db_col_int(p, 12);
    bHome |= db_col_int(p, 13);
    json_array_append_new(twins, json_pack("{s:I, s:o, s:o, s:{s:o, s:o, s:o}, s:I, s:f, s:f, s:o, s:o, s:b, s:b, s:b, s:o}",
      "id", (json_int_t)db_col_int64(p, 0), "name_en", rows_text(p, 1), "name_zh", rows_text(p, 2),
      "country", "iso2", rows_text(p, 3), "name_en", rows_text(p, 4), "name_zh", rows_text(p, 5),
      "population", (json_int_t)db_col_int64(p, 6), "lat", db_col_double(p, 7),
      "lng", db_col_double(p, 8), "source_label", rows_text(p, 9), "resolved_by", rows_text(p, 10),
      "china", db_col_int(p, 11), "home_province", db_col_int(p, 12),
      "home_city", db_col_int(p, 13),
      "home_tie", db_col_type(p, 14)==DB_NULL ? json_null() : json_integer(db_col_int64(p, 14))));
    json_t *x = json_array_get(twins, json_array_size(twins) - 1);
    json_object_set_new(x, "admin1", rows_text(p, 15));
    json_object_set_new(x, "admin1_zh", rows_text(p, 16));
    city_labels_add(x, db_text(p, 1), db_text(p, 2), db_text(p, 15), db_text(p, 16), db_text(p, 3), db_text(p, 5));
  }
  db_reset(p);
  if( rc!=DB_DONE ){ json_decref(city); json_decref(twins); return db_error(c->db, rc, e); }
  int64_t tie = partner_find_by_city(c, id);
  *ppOut = json_pack("{s:o, s:{s:i, s:i, s:i, s:b}, s:o, s:o}",
    "city", city,
    "counts", "twins", (int)json_array_size(twins), "china", nChina, "home_province", nProv, "home_city", bHome,
    "home_tie", tie ? json_integer(tie) : json_null(),
    "twins", twins);
  return YC_OK;
}

static int valid_iso2(const char *z){
  return z && strlen(z)==2 && z[0]>='A' && z[0]<='Z' && z[1]>='A' && z[1]<='Z';
}

YcStatus network_country(Ctx *c, const char *zIso2, const char *zLimit, json_t **ppOut, Err *e){
  *ppOut = 0;
  int nLimit;
  YcStatus st = page_limit(zLimit, 20, 200, &nLimit, e);
  if( st ) return st;
  if( !valid_iso2(zIso2) )
    return err_set(e, YC_EINVALID, "invalid_value", "country", "country must be an ISO 3166-1 alpha-2 code such as DE");
  DbStmt *p = db_stmt(c->db, "SELECT iso2, name_en, name_zh, continent FROM country WHERE iso2=?1");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_text(p, 1, zIso2, -1);
  json_t *country = 0;
  if( db_step(p)==DB_ROW ){
    country = json_pack("{s:o, s:o, s:o, s:o}", "iso2", rows_text(p, 0), "name_en", rows_text(p, 1),
                        "name_zh", rows_text(p, 2), "continent", rows_text(p, 3));
  }
  db_reset(p);
  if( !country ) return err_set(e, YC_ENOTFOUND, "not_found", "country", "no country %s", zIso2);
  char zCc[3], zAdmin[24];
  home_province(c, zCc, zAdmin);
  p = db_stmt(c->db,
    "WITH cc AS (SELECT id FROM city WHERE country=?1),"
    " t AS (SELECT city_a AS cid, city_b AS oid FROM twin_pair WHERE city_a IN (SELECT id FROM cc)"
    "       UNION ALL SELECT city_b, city_a FROM twin_pair WHERE city_b IN (SELECT id FROM cc))"
    " SELECT x.id, x.name, x.name_zh, x.population, x.feature_code, x.lat, x.lng, count(*) AS n,"
    " sum(o.country='CN'), sum(o.country=?2 AND o.admin_code=?3 AND o.id<>?4), max(o.id=?4),"
    " (SELECT id FROM tie WHERE home_city_id=?4 AND partner_city_id=x.id), x.admin1, x.admin1_zh"
    " FROM t JOIN city x ON x.id=t.cid JOIN city o ON o.id=t.oid"
    " GROUP BY x.id ORDER BY n DESC, x.population DESC");
  if( !p ){ json_decref(country); return db_error(c->db, DB_ERROR, e); }
  db_bind_text(p, 1, zIso2, -1);
  db_bind_text(p, 2, zCc, -1);
  db_bind_text(p, 3, zAdmin, -1);
  db_bind_int64(p, 4, c->homeCityId);
  json_t *items = json_array();
  int nCities = 0, nLinks = 0, nChina = 0;
  int rc;
  while( (rc = db_step(p))==DB_ROW ){
    nCities++;
    nLinks += db_col_int(p, 7);
    nChina += db_col_int(p, 8);
    if( nCities>nLimit ) continue;
    json_array_append_new(items, json_pack("{s:I, s:o, s:o, s:I, s:o, s:f, s:f, s:i, s:i, s:i, s:b, s:o}",
      "id", (json_int_t)db_col_int64(p, 0), "name_en", rows_text(p, 1), "name_zh", rows_text(p, 2),
      "population", (json_int_t)db_col_int64(p, 3), "feature_code", rows_text(p, 4),
      "lat", db_col_double(p, 5), "lng", db_col_double(p, 6),
      "twins", db_col_int(p, 7), "china", db_col_int(p, 8),
      "home_province", db_col_int(p, 9), "home_city", db_col_int(p, 10),
      "home_tie", db_col_type(p, 11)==DB_NULL ? json_null() : json_integer(db_col_int64(p, 11))));
    json_t *x = json_array_get(items, json_array_size(items) - 1);
    json_object_set_new(x, "admin1", rows_text(p, 12));
    json_object_set_new(x, "admin1_zh", rows_text(p, 13));
    city_labels_add(x, db_text(p, 1), db_text(p, 2), db_text(p, 12), db_text(p, 13), zIso2,
                    json_string_value(json_object_get(country, "name_zh")));
  }
  db_reset(p);
  if( rc!=DB_DONE ){ json_decref(country); json_decref(items); return db_error(c->db, rc, e); }
  *ppOut = json_pack("{s:o, s:i, s:i, s:i, s:o}", "country", country, "cities_with_twins", nCities,
                     "twin_links", nLinks, "links_with_china", nChina, "items", items);
  return YC_OK;
}

YcStatus twins_summary(Ctx *c, json_t **ppOut, Err *e){
  *ppOut = 0;
  DbStmt *p = db_stmt(c->db,
    "SELECT i.id, i.source, i.format, i.mapping, i.rows, i.actor, i.created_at,"
    " coalesce(sum(u.status='pair'),0), coalesce(sum(u.status NOT IN ('pair','not_a_city')),0),"
    " coalesce(sum(u.status='pair' AND (u.conf1<?1 OR u.conf2<?1)),0)"
    " FROM twin_import i LEFT JOIN twin_row u ON u.import_id=i.id GROUP BY i.id ORDER BY i.id DESC");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_double(p, 1, TWIN_CONF_REVIEW);
  json_t *imports = json_array();
  while( db_step(p)==DB_ROW ){
    json_array_append_new(imports, json_pack("{s:I, s:o, s:o, s:o, s:i, s:o, s:o, s:i, s:i, s:i}",
      "id", (json_int_t)db_col_int64(p, 0), "source", rows_text(p, 1), "format", rows_text(p, 2),
      "mapping", rows_text(p, 3), "rows", db_col_int(p, 4), "actor", rows_text(p, 5), "created_at", rows_text(p, 6),
      "resolved", db_col_int(p, 7), "unresolved", db_col_int(p, 8), "low_confidence", db_col_int(p, 9)));
  }
  db_reset(p);
  int64_t nPairs = 0, nCities = 0, nLow = 0;
  p = db_stmt(c->db, "SELECT (SELECT count(*) FROM twin_pair),"
                     " (SELECT count(*) FROM (SELECT city_a FROM twin_pair UNION SELECT city_b FROM twin_pair)),"
                     " (SELECT count(*) FROM twin_row WHERE status='pair' AND (conf1<?1 OR conf2<?1))");
  if( p ){
    db_bind_double(p, 1, TWIN_CONF_REVIEW);
    if( db_step(p)==DB_ROW ){
      nPairs = db_col_int64(p, 0);
      nCities = db_col_int64(p, 1);
      nLow = db_col_int64(p, 2);
    }
    db_reset(p);
  }
  json_t *cats = json_object();
  json_object_set_new(cats, "low_confidence", json_integer(nLow));
  for(int i=0; azTwinCategory[i]; i++) json_object_set_new(cats, azTwinCategory[i], json_integer(0));
  p = db_stmt(c->db, "SELECT status, count(*) FROM twin_row WHERE status NOT IN ('pair','pending') GROUP BY status");
  while( p && db_step(p)==DB_ROW ) json_object_set_new(cats, db_text(p, 0), json_integer(db_col_int64(p, 1)));
  if( p ) db_reset(p);
  *ppOut = json_pack("{s:o, s:I, s:I, s:o}", "imports", imports, "pairs", (json_int_t)nPairs,
                     "cities", (json_int_t)nCities, "review", cats);
  return YC_OK;
}

YcStatus network_top_countries(Ctx *c, int nLimit, json_t **ppOut, Err *e){
  static const char *const az[] = {"iso2", "name_en", "name_zh", "twin_cities", "twin_links",
    "links_china", "links_home_province", 0};
  DbStmt *p = db_stmt(c->db,
    "SELECT co.iso2, co.name_en, co.name_zh, st.twin_cities, st.twin_links, st.links_china, st.links_home_province"
    " FROM layout_country_stat st JOIN country co ON co.iso2=st.iso2 WHERE st.twin_links>0"
    " ORDER BY st.twin_links DESC LIMIT ?1");
  if( p ) db_bind_int(p, 1, nLimit);
  *ppOut = rows_all(c->db, p, az, e);
  return *ppOut ? YC_OK : (e ? e->st : YC_EINTERNAL);
}
