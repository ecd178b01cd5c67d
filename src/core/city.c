/* city.c: cities, countries, industries; see city.h. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "core/page.h"
#include "core/city.h"
#include "core/input.h"
#include "text/norm.h"
#include "store/rows.h"

int city_exists(Ctx *c, int64_t id){
  DbStmt *p = db_stmt(c->db, "SELECT 1 FROM city WHERE id=?1");
  if( !p ) return 0;
  db_bind_int64(p, 1, id);
  int b = db_step(p)==DB_ROW;
  db_reset(p);
  return b;
}

static YcStatus step_done(Ctx *c, DbStmt *p, Err *e){
  int rc = db_step(p);
  db_reset(p);
  return rc==DB_DONE ? YC_OK : db_error(c->db, rc, e);
}

YcStatus city_set_name_zh(Ctx *c, int64_t id, const char *zZh, Err *e){
  DbStmt *p = db_stmt(c->db, "UPDATE city SET name_zh=?2 WHERE id=?1");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, id);
  db_bind_text(p, 2, zZh, -1);
  YcStatus st = step_done(c, p, e);
  if( st ) return st;
  char *zPy = text_pinyin(zZh);
  p = db_stmt(c->db, "UPDATE city_fts SET zh=?2, pinyin=?3 WHERE rowid=?1");
  if( !p ){ free(zPy); return db_error(c->db, DB_ERROR, e); }
  db_bind_int64(p, 1, id);
  db_bind_text(p, 2, zZh, -1);
  db_bind_text(p, 3, zPy, -1);
  st = step_done(c, p, e);
  free(zPy);
  return st;
}

#define CITY_COLUMNS "c.id, c.name, c.name_zh, c.alt_name, c.country, co.name_en, co.name_zh," \
  " c.admin_code, c.feature_code, c.population, c.lat, c.lng"

static json_t *city_row_json(DbStmt *p){
  return json_pack("{s:I, s:o, s:o, s:o, s:{s:o, s:o, s:o}, s:o, s:o, s:I, s:f, s:f}",
    "id", (json_int_t)db_col_int64(p, 0),
    "name_en", rows_text(p, 1), "name_zh", rows_text(p, 2), "alt_name", rows_text(p, 3),
    "country", "iso2", rows_text(p, 4), "name_en", rows_text(p, 5), "name_zh", rows_text(p, 6),
    "admin_code", rows_text(p, 7), "feature_code", rows_text(p, 8),
    "population", (json_int_t)db_col_int64(p, 9),
    "lat", db_col_double(p, 10), "lng", db_col_double(p, 11));
}

YcStatus city_get(Ctx *c, int64_t id, json_t **ppOut, Err *e){
  *ppOut = 0;
  DbStmt *p = db_stmt(c->db, "SELECT " CITY_COLUMNS
    " FROM city c JOIN country co ON co.iso2=c.country WHERE c.id=?1");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, id);
  if( db_step(p)==DB_ROW ) *ppOut = city_row_json(p);
  db_reset(p);
  if( !*ppOut ) return err_set(e, YC_ENOTFOUND, "not_found", "id", "no city with id %lld", (long long)id);
  return YC_OK;
}

YcStatus city_search(Ctx *c, const char *zQ, const char *zCountry,
                     const char *zLimit, json_t **ppOut, Err *e){
  *ppOut = 0;
  int nLimit;
  { YcStatus stLimit = page_limit(zLimit, 10, 100, &nLimit, e); if( stLimit ) return stLimit; }
  if( !zQ || !*zQ ) return err_set(e, YC_EINVALID, "required", "q", "q is required");
  if( strlen(zQ)>200 ) return err_set(e, YC_EINVALID, "too_long", "q", "q is too long (at most 200 bytes)");
  if( !text_utf8_valid(zQ, strlen(zQ)) ) return err_set(e, YC_EINVALID, "invalid_utf8", "q", "q is not valid UTF-8");
  if( zCountry && (strlen(zCountry)!=2 || zCountry[0]<'A' || zCountry[0]>'Z' || zCountry[1]<'A' || zCountry[1]>'Z') )
    return err_set(e, YC_EINVALID, "invalid_value", "country", "country must be an ISO 3166-1 alpha-2 code such as US");
  char *zFts = text_fts_query(zQ);
  char *zFold = text_fold(zQ);
  json_t *items = json_array();
  YcStatus st = YC_OK;
  if( zFts ){
    /* The best-ranked few thousand by population are enough to order. */
    DbStmt *p = db_stmt(c->db, "SELECT " CITY_COLUMNS
      " FROM city_fts f JOIN city c ON c.id=f.rowid JOIN country co ON co.iso2=c.country"
      " WHERE city_fts MATCH ?1 AND (?2 IS NULL OR c.country=?2)"
      " ORDER BY (c.name_fold=?3 OR f.zh=?4) DESC, c.population DESC LIMIT ?5");
    if( !p ){ st = db_error(c->db, DB_ERROR, e); goto end; }
    db_bind_text(p, 1, zFts, -1);
    db_bind_text(p, 2, zCountry, -1);
    db_bind_text(p, 3, zFold, -1);
    db_bind_text(p, 4, zQ, -1);
    db_bind_int(p, 5, (int)nLimit);
    int rc;
    while( (rc = db_step(p))==DB_ROW ) json_array_append_new(items, city_row_json(p));
    db_reset(p);
    if( rc!=DB_DONE ){ st = db_error(c->db, rc, e); goto end; }
  }
  *ppOut = json_pack("{s:O}", "items", items);
end:
  json_decref(items);
  free(zFts);
  free(zFold);
  return st;
}

int64_t city_resolve(Ctx *c, const char *zName, const char *zCountry){
  char *zFold = text_fold(zName);
  if( !zFold ) return 0;
  DbStmt *p = db_stmt(c->db,
    "SELECT id FROM city WHERE (name_fold=?1 OR name_zh=?2) AND (?3 IS NULL OR country=?3)"
    " ORDER BY population DESC LIMIT 1");
  int64_t id = 0;
  if( p ){
    db_bind_text(p, 1, zFold, -1);
    db_bind_text(p, 2, zName, -1);
    db_bind_text(p, 3, zCountry, -1);
    if( db_step(p)==DB_ROW ) id = db_col_int64(p, 0);
    db_reset(p);
  }
  free(zFold);
  return id;
}

YcStatus country_list(Ctx *c, json_t **ppOut, Err *e){
  *ppOut = 0;
  DbStmt *p = db_stmt(c->db,
    "SELECT iso2, iso3, name_en, name_zh, official_en, official_zh, region, subregion, continent, lat, lng,"
    " (SELECT group_concat(neighbour, char(31)) FROM country_border b WHERE b.iso2=country.iso2)"
    " FROM country ORDER BY name_en");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  json_t *items = json_array();
  while( db_step(p)==DB_ROW ){
    json_t *b = rows_list(p, 11);
    json_array_append_new(items, json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:f, s:f, s:o}",
      "iso2", rows_text(p, 0), "iso3", rows_text(p, 1), "name_en", rows_text(p, 2), "name_zh", rows_text(p, 3),
      "official_en", rows_text(p, 4), "official_zh", rows_text(p, 5), "region", rows_text(p, 6),
      "subregion", rows_text(p, 7), "continent", rows_text(p, 8),
      "lat", db_col_double(p, 9), "lng", db_col_double(p, 10), "borders", b));
  }
  db_reset(p);
  *ppOut = json_pack("{s:o}", "items", items);
  return YC_OK;
}

int country_resolve(Ctx *c, const char *zName, char zIso2[3]){
  DbStmt *p = db_stmt(c->db,
    "SELECT iso2 FROM country WHERE iso2=upper(?1) OR iso3=upper(?1) OR name_en=?1 COLLATE NOCASE"
    " OR official_en=?1 COLLATE NOCASE OR name_zh=?1 OR official_zh=?1 LIMIT 1");
  int b = 0;
  if( !p ) return 0;
  db_bind_text(p, 1, zName, -1);
  if( db_step(p)==DB_ROW ){
    memcpy(zIso2, db_text(p, 0), 2);
    zIso2[2] = 0;
    b = 1;
  }
  db_reset(p);
  return b;
}

YcStatus industry_list(Ctx *c, json_t **ppOut, Err *e){
  *ppOut = 0;
  DbStmt *p = db_stmt(c->db,
    "SELECT code, level, section, label_en, label_zh FROM industry"
    " ORDER BY section, level='division', code");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  json_t *items = json_array();
  while( db_step(p)==DB_ROW ){
    json_array_append_new(items, json_pack("{s:o, s:o, s:o, s:o, s:o}",
      "code", rows_text(p, 0), "level", rows_text(p, 1), "section", rows_text(p, 2),
      "label_en", rows_text(p, 3), "label_zh", rows_text(p, 4)));
  }
  db_reset(p);
  *ppOut = json_pack("{s:o}", "items", items);
  return YC_OK;
}

int industry_exists(Ctx *c, const char *zCode){
  DbStmt *p = db_stmt(c->db, "SELECT 1 FROM industry WHERE code=?1");
  if( !p ) return 0;
  db_bind_text(p, 1, zCode, -1);
  int b = db_step(p)==DB_ROW;
  db_reset(p);
  return b;
}

json_t *country_names(Ctx *c, const char *zIso2){
  static const char *const az[] = {"name_en", "name_zh", 0};
  DbStmt *p = db_stmt(c->db, "SELECT name_en, name_zh FROM country WHERE iso2=?1");
  if( !p || !zIso2 ) return 0;
  db_bind_text(p, 1, zIso2, -1);
  json_t *j = db_step(p)==DB_ROW ? rows_object(p, az) : 0;
  db_reset(p);
  return j;
}

int country_exists(Ctx *c, const char *zIso2){
  DbStmt *p = db_stmt(c->db, "SELECT 1 FROM country WHERE iso2=?1");
  if( !p ) return 0;
  db_bind_text(p, 1, zIso2, -1);
  int b = db_step(p)==DB_ROW;
  db_reset(p);
  return b;
}

YcStatus country_codes_parse(Ctx *c, const char *z, const char *zField, size_t nMax,
                            json_t **pa, Err *e){
  json_t *a = json_array();
  *pa = 0;
  while( z && *z ){
    while( *z==',' || *z==' ' ) z++;
    if( !*z ) break;
    const char *s = z;
    while( *z && *z!=',' && *z!=' ' ) z++;
    size_t n = (size_t)(z - s);
    char zIso[3];
    if( n!=2 || !isalpha((unsigned char)s[0]) || !isalpha((unsigned char)s[1]) ){
      json_decref(a);
      return err_set(e, YC_EINVALID, "invalid_value", zField,
                     "%s: '%.20s' is not an ISO 3166-1 alpha-2 code such as US", zField, s);
    }
    zIso[0] = (char)toupper((unsigned char)s[0]);
    zIso[1] = (char)toupper((unsigned char)s[1]);
    zIso[2] = 0;
    if( !country_exists(c, zIso) ){
      json_decref(a);
      return err_set(e, YC_EINVALID, "unknown_country", zField, "%s: no country %s", zField, zIso);
    }
    size_t i; json_t *x; int bDup = 0;
    json_array_foreach(a, i, x) if( strcmp(json_string_value(x), zIso)==0 ) bDup = 1;
    if( bDup ) continue;
    if( json_array_size(a)>=nMax ){
      json_decref(a);
      return err_set(e, YC_EINVALID, "too_many", zField, "%s: at most %zu countries", zField, nMax);
    }
    json_array_append_new(a, json_string(zIso));
  }
  *pa = a;
  return YC_OK;
}
