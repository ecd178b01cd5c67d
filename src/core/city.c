/* city.c: cities, countries, industries; see city.h. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "core/page.h"
#include "core/city.h"
#include "core/input.h"
#include "core/audit.h"
#include "base/buf.h"
#include "base/date.h"
#include "text/norm.h"
#include "text/zhname.h"
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

/* city_fts's zh and pinyin of city id: its Chinese name shown. */
static YcStatus city_reindex_zh(Ctx *c, int64_t id, const char *zZh, Err *e){
  char *zPy = zZh ? text_pinyin(zZh) : 0;
  DbStmt *p = db_stmt(c->db, "UPDATE city_fts SET zh=?2, pinyin=?3 WHERE rowid=?1");
  if( !p ){ free(zPy); return db_error(c->db, DB_ERROR, e); }
  db_bind_int64(p, 1, id);
  db_bind_text(p, 2, zZh, -1);
  db_bind_text(p, 3, zPy, -1);
  YcStatus st = step_done(c, p, e);
  free(zPy);
  return st;
}

/* The Chinese name GeoNames gives city id (chosen among its Han-script
** alternates as the loader does); malloc'd, 0 if none. */
static char *city_geonames_zh(Ctx *c, int64_t id){
  DbStmt *p = db_stmt(c->db, "SELECT name, fold FROM city_alt WHERE city_id=?1 AND script='zh'");
  if( !p ) return 0;
  db_bind_int64(p, 1, id);
  char *az[64], *azF[64];
  int n = 0;
  while( n<64 && db_step(p)==DB_ROW ){
    az[n] = strdup(db_text(p, 0));
    azF[n] = strdup(db_text(p, 1));
    n++;
  }
  db_reset(p);
  char *z = zh_name_choose((const char *const*)az, (const char *const*)azF, n);
  for(int i=0; i<n; i++){ free(az[i]); free(azF[i]); }
  return z;
}

YcStatus city_set_name_zh(Ctx *c, int64_t id, const char *zZh, Err *e){
  YcStatus st;
  char *zGeo = 0;
  /* The same own name again (a second `init --demo`): nothing changes. */
  DbStmt *pSame = db_stmt(c->db, "SELECT 1 FROM city_name_own WHERE city_id=?1 AND name_zh IS ?2");
  if( !pSame ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(pSame, 1, id);
  db_bind_text(pSame, 2, zZh, -1);
  int bSame = db_step(pSame)==DB_ROW;
  db_reset(pSame);
  if( bSame ) return YC_OK;
  if( zZh ){
    char zNow[32];
    date_now(zNow);
    DbStmt *p = db_stmt(c->db,
      "INSERT INTO city_name_own(city_id,name_zh,actor,updated_at) VALUES(?1,?2,?3,?4)"
      " ON CONFLICT(city_id) DO UPDATE SET name_zh=excluded.name_zh, actor=excluded.actor,"
      " updated_at=excluded.updated_at");
    if( !p ) return db_error(c->db, DB_ERROR, e);
    db_bind_int64(p, 1, id);
    db_bind_text(p, 2, zZh, -1);
    db_bind_text(p, 3, c->zActor, -1);
    db_bind_text(p, 4, zNow, -1);
    if( (st = step_done(c, p, e)) ) return st;
  }else{
    DbStmt *p = db_stmt(c->db, "DELETE FROM city_name_own WHERE city_id=?1");
    if( !p ) return db_error(c->db, DB_ERROR, e);
    db_bind_int64(p, 1, id);
    if( (st = step_done(c, p, e)) ) return st;
    zZh = zGeo = city_geonames_zh(c, id);
  }
  DbStmt *p = db_stmt(c->db, "UPDATE city SET name_zh=?2 WHERE id=?1");
  if( !p ){ free(zGeo); return db_error(c->db, DB_ERROR, e); }
  db_bind_int64(p, 1, id);
  db_bind_text(p, 2, zZh, -1);
  st = step_done(c, p, e);
  if( st==YC_OK ) st = city_reindex_zh(c, id, zZh, e);
  free(zGeo);
  return st;
}

/* The office's own Chinese name of a city {name_zh, actor, updated_at}, or
** JSON null. */
static json_t *city_own_json(Ctx *c, int64_t id){
  static const char *const az[] = {"name_zh", "actor", "updated_at", 0};
  DbStmt *p = db_stmt(c->db, "SELECT name_zh, actor, updated_at FROM city_name_own WHERE city_id=?1");
  if( !p ) return json_null();
  db_bind_int64(p, 1, id);
  json_t *j = db_step(p)==DB_ROW ? rows_object(p, az) : json_null();
  db_reset(p);
  return j;
}

/* 1 if z has a Han character. */
static int has_han(const char *z){
  char *zPy = text_pinyin(z);
  int b = zPy && *zPy;
  free(zPy);
  return b;
}

void city_labels_add(json_t *j, const char *zName, const char *zZh, const char *zA1,
                     const char *zA1Zh, const char *zIso, const char *zCoZh){
  if( !j || !zName ) return;
  Buf b = BUF_INIT;
  buf_puts(&b, zName);
  int bA1 = zA1 && *zA1 && strcmp(zA1, zName)!=0;   /* not Tokyo, Tokyo */
  if( bA1 ) buf_printf(&b, ", %s", zA1);
  if( zIso ) buf_printf(&b, ", %s", zIso);
  json_object_set_new(j, "label_en", json_string(buf_str(&b)));
  buf_reset(&b);
  buf_puts(&b, zZh ? zZh : zName);
  const char *zA = zA1Zh ? zA1Zh : zA1;
  buf_puts(&b, "（");
  buf_puts(&b, zCoZh ? zCoZh : (zIso ? zIso : ""));
  if( bA1 && strcmp(zA, zZh ? zZh : zName)!=0 ) buf_printf(&b, "，%s", zA);
  buf_puts(&b, "）");
  json_object_set_new(j, "label_zh", json_string(buf_str(&b)));
  buf_free(&b);
}

static void city_labels(json_t *j){
  json_t *co = json_object_get(j, "country");
  city_labels_add(j, json_string_value(json_object_get(j, "name_en")),
    json_string_value(json_object_get(j, "name_zh")), json_string_value(json_object_get(j, "admin1")),
    json_string_value(json_object_get(j, "admin1_zh")), json_string_value(json_object_get(co, "iso2")),
    json_string_value(json_object_get(co, "name_zh")));
}

json_t *city_ref_json(int64_t id, const char *zName, const char *zZh, const char *zAdmin1,
                      const char *zAdmin1Zh, const char *zIso2, const char *zCountryEn,
                      const char *zCountryZh){
  json_t *j = json_pack("{s:I, s:s?, s:s?, s:s?, s:s?, s:{s:s?, s:s?, s:s?}}",
    "id", (json_int_t)id, "name_en", zName, "name_zh", zZh, "admin1", zAdmin1, "admin1_zh", zAdmin1Zh,
    "country", "iso2", zIso2, "name_en", zCountryEn, "name_zh", zCountryZh);
  if( j ) city_labels(j);
  return j;
}

#define CITY_COLUMNS "c.id, c.name, c.name_zh, c.alt_name, c.country, co.name_en, co.name_zh," \
  " c.admin_code, c.feature_code, c.population, c.lat, c.lng, c.ascii_name, c.admin1, c.admin1_zh," \
  " c.admin2, c.admin2_code, c.modified, EXISTS(SELECT 1 FROM city_name_own o WHERE o.city_id=c.id)"

static json_t *city_row_json(DbStmt *p){
  json_t *j = json_pack("{s:I, s:o, s:o, s:o, s:{s:o, s:o, s:o}, s:o, s:o, s:I, s:f, s:f,"
    " s:o, s:o, s:o, s:o, s:o, s:o, s:s}",
    "id", (json_int_t)db_col_int64(p, 0),
    "name_en", rows_text(p, 1), "name_zh", rows_text(p, 2), "alt_name", rows_text(p, 3),
    "country", "iso2", rows_text(p, 4), "name_en", rows_text(p, 5), "name_zh", rows_text(p, 6),
    "admin_code", rows_text(p, 7), "feature_code", rows_text(p, 8),
    "population", (json_int_t)db_col_int64(p, 9),
    "lat", db_col_double(p, 10), "lng", db_col_double(p, 11),
    "ascii_name", rows_text(p, 12), "admin1", rows_text(p, 13), "admin1_zh", rows_text(p, 14),
    "admin2", rows_text(p, 15), "admin2_code", rows_text(p, 16), "modified", rows_text(p, 17),
    "name_zh_source", db_col_int(p, 18) ? "own" : (db_col_type(p, 2)==DB_NULL ? "none" : "geonames"));
  if( j ) city_labels(j);
  return j;
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
  /* Its alternate names, Chinese then Latin, in GeoNames' order. */
  p = db_stmt(c->db, "SELECT name, script FROM city_alt WHERE city_id=?1 ORDER BY script DESC, rowid");
  json_t *alt = json_pack("{s:[], s:[]}", "zh", "latin");
  if( p ){
    db_bind_int64(p, 1, id);
    while( db_step(p)==DB_ROW ) json_array_append_new(json_object_get(alt, db_text(p, 1)), json_string(db_text(p, 0)));
    db_reset(p);
  }
  json_object_set_new(*ppOut, "alternates", alt);
  json_object_set_new(*ppOut, "name_zh_own", city_own_json(c, id));
  return YC_OK;
}

YcStatus city_name_put(Ctx *c, int64_t id, json_t *in, json_t **ppOut, Err *e){
  static const char *const azField[] = {"name_zh", 0};
  *ppOut = 0;
  YcStatus st;
  if( !json_is_object(in) ) return err_set(e, YC_EINVALID, "invalid_json", 0, "the body must be a JSON object");
  if( (st = in_known_fields(in, azField, e)) ) return st;
  const char *zZh = 0;
  int bSet = 0;
  if( (st = in_str(in, "name_zh", 0, 60, 0, &zZh, &bSet, e)) ) return st;
  if( !bSet ) return err_set(e, YC_EINVALID, "required", "name_zh", "name_zh is required (null to use GeoNames' name again)");
  if( zZh && !has_han(zZh) )
    return err_set(e, YC_EINVALID, "invalid_value", "name_zh", "name_zh must be written in Chinese characters");
  json_t *before = 0;
  if( (st = city_get(c, id, &before, e)) ) return st;
  if( (st = db_begin(c->db, e)) ){ json_decref(before); return st; }
  st = city_set_name_zh(c, id, zZh, e);
  json_t *after = 0;
  if( st==YC_OK ) st = city_get(c, id, &after, e);
  if( st==YC_OK ) st = audit_log(c, "update", "city", id, before, after, e);
  if( st==YC_OK ) st = db_commit(c->db, e);
  else db_rollback(c->db);
  json_decref(before);
  if( st ){ json_decref(after); return st; }
  *ppOut = after;
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
  if( zFts && zFold ){
    /* Matches of the name, ASCII name, Chinese name and its pinyin (FTS),
    ** and of any alternate name (Moskau, 濟南, Tsingtao) by the prefix of
    ** its fold; exact matches first, then by population. */
    size_t nFold = strlen(zFold);
    char *zHi = malloc(nFold + 1);
    if( !zHi ){ st = err_set(e, YC_EINTERNAL, 0, 0, "out of memory"); goto end; }
    memcpy(zHi, zFold, nFold + 1);
    if( nFold ) zHi[nFold-1]++;   /* UTF-8 never has 0xFF: the prefix's upper bound */
    DbStmt *p = db_stmt(c->db, "SELECT " CITY_COLUMNS
      " FROM city c JOIN country co ON co.iso2=c.country"
      " WHERE c.id IN (SELECT rowid FROM city_fts WHERE city_fts MATCH ?1"
      "   UNION SELECT city_id FROM city_alt WHERE fold>=?3 AND fold<?6)"
      " AND (?2 IS NULL OR c.country=?2)"
      " ORDER BY (c.name_fold=?3 OR c.name_zh=?4"
      "   OR EXISTS(SELECT 1 FROM city_alt a WHERE a.fold=?3 AND a.city_id=c.id)) DESC,"
      " c.population DESC, c.id LIMIT ?5");
    if( !p ){ free(zHi); st = db_error(c->db, DB_ERROR, e); goto end; }
    db_bind_text(p, 1, zFts, -1);
    db_bind_text(p, 2, zCountry, -1);
    db_bind_text(p, 3, zFold, -1);
    db_bind_text(p, 4, zQ, -1);
    db_bind_int(p, 5, (int)nLimit);
    db_bind_text(p, 6, zHi, -1);
    int rc;
    while( (rc = db_step(p))==DB_ROW ) json_array_append_new(items, city_row_json(p));
    db_reset(p);
    free(zHi);
    if( rc!=DB_DONE ){ st = db_error(c->db, rc, e); goto end; }
  }
  *ppOut = json_pack("{s:O}", "items", items);
end:
  json_decref(items);
  free(zFts);
  free(zFold);
  return st;
}

YcStatus city_lookup(Ctx *c, const char *zName, int64_t *pId, json_t **ppCand, Err *e){
  *pId = 0;
  *ppCand = 0;
  if( !zName || !*zName ) return err_set(e, YC_EINVALID, "required", "city", "a city name or GeoNames id is required");
  char *zEnd;
  long long v = strtoll(zName, &zEnd, 10);
  if( *zEnd==0 && v>0 ){
    if( !city_exists(c, v) ) return err_set(e, YC_ENOTFOUND, "not_found", "city", "no city with GeoNames id %lld", v);
    *pId = v;
    return YC_OK;
  }
  char *zFold = text_fold(zName);
  if( !zFold ) return err_set(e, YC_EINVALID, "invalid_utf8", "city", "the city name is not valid UTF-8");
  DbStmt *p = db_stmt(c->db,
    "SELECT c.id, c.name, c.name_zh, c.admin1, c.admin1_zh, c.country, co.name_en, co.name_zh, c.population"
    " FROM city c JOIN country co ON co.iso2=c.country WHERE c.id IN ("
    "  SELECT id FROM city WHERE name_fold=?1 OR name_zh=?2"
    "  UNION SELECT city_id FROM city_alt WHERE fold=?1)"
    " ORDER BY c.population DESC, c.id LIMIT 10");
  if( !p ){ free(zFold); return db_error(c->db, DB_ERROR, e); }
  db_bind_text(p, 1, zFold, -1);
  db_bind_text(p, 2, zName, -1);
  json_t *a = json_array();
  while( db_step(p)==DB_ROW ){
    json_t *j = city_ref_json(db_col_int64(p, 0), db_text(p, 1), db_text(p, 2), db_text(p, 3),
                              db_text(p, 4), db_text(p, 5), db_text(p, 6), db_text(p, 7));
    json_object_set_new(j, "population", json_integer(db_col_int64(p, 8)));
    json_array_append_new(a, j);
  }
  db_reset(p);
  free(zFold);
  size_t n = json_array_size(a);
  if( n==0 ){
    json_decref(a);
    return err_set(e, YC_ENOTFOUND, "not_found", "city", "no city named '%.100s' (give a name or a GeoNames id)", zName);
  }
  json_int_t p0 = json_integer_value(json_object_get(json_array_get(a, 0), "population"));
  json_int_t p1 = n>1 ? json_integer_value(json_object_get(json_array_get(a, 1), "population")) : 0;
  if( n==1 || p0 >= 10*p1 ){
    *pId = json_integer_value(json_object_get(json_array_get(a, 0), "id"));
    json_decref(a);
    return YC_OK;
  }
  *ppCand = a;
  return err_set(e, YC_EINVALID, "ambiguous", "city",
                 "%s%zu places are named '%.100s'; give the GeoNames id of the one you mean",
                 n>=10 ? "at least " : "", n, zName);
}

int city_is_named(Ctx *c, int64_t home, const char *zHome){
  Db *db = c->db;
  char *zEnd;
  long long v = strtoll(zHome, &zEnd, 10);
  if( *zEnd==0 && v>0 ) return v==home;
  char *zFold = text_fold(zHome);
  if( !zFold ) return 0;
  DbStmt *p = db_stmt(db, "SELECT 1 FROM city WHERE id=?1 AND (name_fold=?2 OR name_zh=?3)");
  int b = 0;
  if( p ){
    db_bind_int64(p, 1, home);
    db_bind_text(p, 2, zFold, -1);
    db_bind_text(p, 3, zHome, -1);
    b = db_step(p)==DB_ROW;
    db_reset(p);
  }
  if( !b && db_schema_version(db)>=6 ){
    p = db_stmt(db, "SELECT 1 FROM city_alt WHERE city_id=?1 AND fold=?2");
    if( p ){
      db_bind_int64(p, 1, home);
      db_bind_text(p, 2, zFold, -1);
      b = db_step(p)==DB_ROW;
      db_reset(p);
    }
  }
  free(zFold);
  return b;
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
  if( !id ){
    /* Else an alternate name: 濟南, Moskau. */
    p = db_stmt(c->db,
      "SELECT c.id FROM city_alt a JOIN city c ON c.id=a.city_id WHERE a.fold=?1 AND (?2 IS NULL OR c.country=?2)"
      " ORDER BY c.population DESC LIMIT 1");
    if( p ){
      db_bind_text(p, 1, zFold, -1);
      db_bind_text(p, 2, zCountry, -1);
      if( db_step(p)==DB_ROW ) id = db_col_int64(p, 0);
      db_reset(p);
    }
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
