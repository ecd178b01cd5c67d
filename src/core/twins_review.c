/*
** twins_review.c: the rows of the world twin-city network that need a
** look, and hand fixes of a side; see twins_review.h.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/twins_review.h"
#include "core/twins_import.h"
#include "core/twins.h"
#include "core/audit.h"
#include "core/input.h"
#include "core/page.h"
#include "base/buf.h"
#include "base/date.h"
#include "store/rows.h"
#include "base/json.h"

const char *const azTwinReason[] = {"low_confidence", "same_city", "ambiguous", "unknown_country", "area", "not_found",
  "wrong_country", "qid_conflict", "not_a_city", 0};

static const PageOrder aReviewOrder[] = {{"twins_review:id", {{"u.id", PAGE_INT, 0}}}};

/* The rows a reason selects (?1 the reason or NULL, ?2 the threshold). */
#define REVIEW_WHERE \
  " WHERE ((?1 IS NULL AND (u.status NOT IN ('pair','not_a_city') OR (u.status='pair' AND (u.conf1<?2 OR u.conf2<?2))))" \
  " OR (?1='low_confidence' AND u.status='pair' AND (u.conf1<?2 OR u.conf2<?2))" \
  " OR u.status=?1)"

YcStatus twins_review(Ctx *c, const char *zReason, const char *zLimit,
                      const char *zCursor, int bPrev, json_t **ppOut, Err *e){
  *ppOut = 0;
  Page pg;
  YcStatus st = page_begin(&pg, &aReviewOrder[0], 0, zLimit, 50, 500, zCursor, e);
  if( st ) return st;
  int bKnown = !zReason;
  for(int i=0; azTwinReason[i] && !bKnown; i++) if( strcmp(zReason, azTwinReason[i])==0 ) bKnown = 1;
  DbStmt *p = 0;
  if( !bKnown ){
    st = err_set(e, YC_EINVALID, "invalid_value", "reason",
                 "reason must be low_confidence, same_city, ambiguous, unknown_country, area, not_found, wrong_country,"
                 " qid_conflict or not_a_city");
    goto end;
  }
  p = db_stmt(c->db, "SELECT count(*) FROM twin_row u" REVIEW_WHERE);
  if( !p ){ st = db_error(c->db, DB_ERROR, e); goto end; }
  db_bind_text(p, 1, zReason, -1);
  db_bind_double(p, 2, TWIN_CONF_REVIEW);
  int64_t nTotal = db_step(p)==DB_ROW ? db_col_int64(p, 0) : 0;
  db_reset(p);
  Buf sql = BUF_INIT;
  buf_puts(&sql, "SELECT u.id, u.import_id, i.source, i.format, u.line, u.status,"
    " u.name1, u.country1, u.qid1, u.lat1, u.lng1, u.city1, u.how1, u.conf1, u.reason1, c1.name, c1.name_zh, c1.country, c1.population,"
    " u.name2, u.country2, u.qid2, u.lat2, u.lng2, u.city2, u.how2, u.conf2, u.reason2, c2.name, c2.name_zh, c2.country, c2.population");
  page_sql_keys(&pg, &sql);   /* from column 32 */
  buf_puts(&sql, " FROM twin_row u JOIN twin_import i ON i.id=u.import_id LEFT JOIN city c1 ON c1.id=u.city1"
                 " LEFT JOIN city c2 ON c2.id=u.city2" REVIEW_WHERE);
  page_sql_tail(&pg, &sql, 3);
  p = db_stmt(c->db, buf_str(&sql));
  buf_free(&sql);
  if( !p ){ st = db_error(c->db, DB_ERROR, e); goto end; }
  db_bind_text(p, 1, zReason, -1);
  db_bind_double(p, 2, TWIN_CONF_REVIEW);
  page_bind(&pg, p, 3);
  json_t *items = json_array();
  while( db_step(p)==DB_ROW ){
    if( !page_row(&pg, p, 32) ) continue;
    json_t *sides = json_array();
    for(int k=0; k<2; k++){
      int o = 6 + 13*k;
      int bCity = db_col_type(p, o+5)!=DB_NULL;
      int bConf = db_col_type(p, o+7)!=DB_NULL;
      double conf = bConf ? db_col_double(p, o+7) : 0;
      json_t *city = bCity && db_col_type(p, o+9)!=DB_NULL
        ? json_pack("{s:I, s:o, s:o, s:o, s:I}", "id", (json_int_t)db_col_int64(p, o+5), "name_en", rows_text(p, o+9),
                    "name_zh", rows_text(p, o+10), "country", rows_text(p, o+11), "population", (json_int_t)db_col_int64(p, o+12))
        : json_null();
      json_array_append_new(sides, json_pack("{s:i, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:b}",
        "side", k + 1, "name", rows_text(p, o), "country", rows_text(p, o+1), "qid", rows_text(p, o+2),
        "lat", db_col_type(p, o+3)==DB_NULL ? json_null() : json_real(db_col_double(p, o+3)),
        "lng", db_col_type(p, o+4)==DB_NULL ? json_null() : json_real(db_col_double(p, o+4)),
        "city_id", bCity ? json_integer(db_col_int64(p, o+5)) : json_null(), "city", city,
        "how", rows_text(p, o+6), "confidence", bConf ? json_real(conf) : json_null(), "reason", rows_text(p, o+8),
        "review", !bCity || !bConf || conf<TWIN_CONF_REVIEW));
    }
    json_array_append_new(items, json_pack("{s:I, s:I, s:o, s:o, s:i, s:o, s:o}",
      "id", (json_int_t)db_col_int64(p, 0), "import_id", (json_int_t)db_col_int64(p, 1),
      "source", rows_text(p, 2), "format", rows_text(p, 3), "row", db_col_int(p, 4),
      "status", rows_text(p, 5), "cities", sides));
  }
  db_reset(p);
  *ppOut = page_answer(&pg, items, nTotal, bPrev);
  json_decref(items);
end:
  page_free(&pg);
  return st;
}

static json_t *fix_json(DbStmt *p){
  return json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
    "id", (json_int_t)db_col_int64(p, 0), "key", rows_text(p, 1), "name", rows_text(p, 2), "country", rows_text(p, 3),
    "qid", rows_text(p, 4), "city_id", db_col_type(p, 5)==DB_NULL ? json_null() : json_integer(db_col_int64(p, 5)),
    "note", rows_text(p, 6), "actor", rows_text(p, 7), "created_at", rows_text(p, 8), "updated_at", rows_text(p, 9));
}

#define FIX_COLS "id, key, name, country, qid, city_id, note, actor, created_at, updated_at"

static json_t *fix_get(Ctx *c, const char *zKey){
  DbStmt *p = db_stmt(c->db, "SELECT " FIX_COLS " FROM twin_fix WHERE key=?1");
  if( !p ) return 0;
  db_bind_text(p, 1, zKey, -1);
  json_t *j = db_step(p)==DB_ROW ? fix_json(p) : 0;
  db_reset(p);
  return j;
}

YcStatus twins_fixes(Ctx *c, json_t **ppOut, Err *e){
  *ppOut = 0;
  DbStmt *p = db_stmt(c->db, "SELECT " FIX_COLS " FROM twin_fix ORDER BY updated_at DESC, id DESC");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  json_t *items = json_array();
  while( db_step(p)==DB_ROW ) json_array_append_new(items, fix_json(p));
  db_reset(p);
  *ppOut = json_pack("{s:o}", "items", items);
  return YC_OK;
}

YcStatus twins_fix(Ctx *c, json_t *in, json_t **ppOut, Err *e){
  static const char *const azKnown[] = {"row", "side", "qid", "name", "country", "city_id", "not_a_city", "note", 0};
  *ppOut = 0;
  if( !json_is_object(in) ) return err_set(e, YC_EINVALID, "invalid_json", 0, "the body must be a JSON object");
  YcStatus st = in_known_fields(in, azKnown, e);
  int64_t rowId = 0, side = 0, cityId = 0;
  int bRow = 0, bSide = 0, bCity = 0, bNot = 0, bNotSet = 0, bQid = 0, bName = 0, bCountry = 0, bNote = 0;
  const char *zQid = 0, *zName = 0, *zCountry = 0, *zNote = 0;
  if( !st ) st = in_int(in, "row", 0, 1, INT64_MAX, &rowId, &bRow, e);
  if( !st ) st = in_int(in, "side", bRow, 1, 2, &side, &bSide, e);
  if( !st ) st = in_str(in, "qid", 0, 20, 0, &zQid, &bQid, e);
  if( !st ) st = in_str(in, "name", 0, 200, 0, &zName, &bName, e);
  if( !st ) st = in_str(in, "country", 0, 200, 0, &zCountry, &bCountry, e);
  if( !st ) st = in_int(in, "city_id", 0, 1, INT64_MAX, &cityId, &bCity, e);
  if( !st ) st = in_bool(in, "not_a_city", &bNot, &bNotSet, e);
  if( !st ) st = in_str(in, "note", 0, 500, 1, &zNote, &bNote, e);
  if( st ) return st;
  if( bSide && !bRow ) return err_set(e, YC_EINVALID, "required", "row", "side goes with row (the twin_row id)");
  if( bRow + (zQid!=0) + (zName!=0) != 1 )
    return err_set(e, YC_EINVALID, "required", "row", "give the side to fix as row and side, or as qid, or as name (and country)");
  if( zCountry && !zName ) return err_set(e, YC_EINVALID, "invalid_value", "country", "country goes with name");
  if( zQid ){
    int bOk = zQid[0]=='Q' && zQid[1]>='1' && zQid[1]<='9';
    for(const char *s = zQid + 1; bOk && *s; s++) if( *s<'0' || *s>'9' ) bOk = 0;
    if( !bOk ) return err_set(e, YC_EINVALID, "invalid_value", "qid", "qid must be a Wikidata id such as Q170247");
  }
  if( bCity==(bNot!=0) )
    return err_set(e, YC_EINVALID, "required", "city_id", "give city_id (the GeoNames id of the right city) or not_a_city: true");
  if( bCity ){
    DbStmt *p = db_stmt(c->db, "SELECT 1 FROM city WHERE id=?1");
    if( !p ) return db_error(c->db, DB_ERROR, e);
    db_bind_int64(p, 1, cityId);
    int bHit = db_step(p)==DB_ROW;
    db_reset(p);
    if( !bHit ) return err_set(e, YC_EINVALID, "unknown_reference", "city_id", "no city with GeoNames id %lld", (long long)cityId);
  }
  /* The side as the file gave it. */
  TwinPlace pl = {zName, zCountry, 0, 0, 0, zQid};
  char *azOwn[3] = {0, 0, 0};
  if( bRow ){
    DbStmt *p = db_stmt(c->db, side==1 ? "SELECT name1, country1, qid1, lat1, lng1 FROM twin_row WHERE id=?1"
                                       : "SELECT name2, country2, qid2, lat2, lng2 FROM twin_row WHERE id=?1");
    if( !p ) return db_error(c->db, DB_ERROR, e);
    db_bind_int64(p, 1, rowId);
    int bHit = db_step(p)==DB_ROW;
    if( bHit ){
      for(int k=0; k<3; k++) azOwn[k] = db_text(p, k) ? strdup(db_text(p, k)) : 0;
      pl.bCoords = db_col_type(p, 3)!=DB_NULL;
      pl.lat = db_col_double(p, 3);
      pl.lng = db_col_double(p, 4);
    }
    db_reset(p);
    if( !bHit ) return err_set(e, YC_ENOTFOUND, "not_found", "row", "no imported row %lld", (long long)rowId);
    pl.zName = azOwn[0];
    pl.zCountry = azOwn[1];
    pl.zQid = azOwn[2];
  }
  if( zQid && !zName ){
    /* the label the files give the id */
    DbStmt *p = db_stmt(c->db, "SELECT name1 FROM twin_row WHERE qid1=?1 UNION ALL SELECT name2 FROM twin_row WHERE qid2=?1 LIMIT 1");
    if( !p ) return db_error(c->db, DB_ERROR, e);
    db_bind_text(p, 1, zQid, -1);
    if( db_step(p)==DB_ROW ) azOwn[0] = strdup(db_text(p, 0));
    db_reset(p);
    pl.zName = azOwn[0] ? azOwn[0] : zQid;
  }
  TwinResolver *r = 0;
  Buf key = BUF_INIT;
  json_t *before = 0, *after = 0;
  int bTx = 0, nChanged = 0, nAdded = 0, nRemoved = 0;
  if( (st = db_begin(c->db, e)) ) goto end;
  bTx = 1;
  if( (st = twin_resolver_open(c, &r, e)) ) goto end;
  twin_place_key(r, &pl, &key);
  twin_resolver_close(r);
  r = 0;
  before = fix_get(c, buf_str(&key));
  char zNow[24];
  date_now(zNow);
  DbStmt *p = db_stmt(c->db,
    "INSERT INTO twin_fix(key,name,country,qid,city_id,note,actor,created_at,updated_at) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?8)"
    " ON CONFLICT(key) DO UPDATE SET city_id=excluded.city_id, note=excluded.note, actor=excluded.actor, updated_at=excluded.updated_at");
  if( !p ){ st = db_error(c->db, DB_ERROR, e); goto end; }
  db_bind_text(p, 1, buf_str(&key), -1);
  db_bind_text(p, 2, pl.zName, -1);
  db_bind_text(p, 3, pl.zCountry, -1);
  db_bind_text(p, 4, pl.zQid && *pl.zQid ? pl.zQid : 0, -1);
  if( bCity ) db_bind_int64(p, 5, cityId);
  db_bind_text(p, 6, zNote, -1);
  db_bind_text(p, 7, c->zActor, -1);
  db_bind_text(p, 8, zNow, -1);
  int rc = db_step(p);
  db_clear(p);
  if( rc!=DB_DONE ){ st = db_error(c->db, rc, e); goto end; }
  after = fix_get(c, buf_str(&key));
  if( !after ){ st = err_set(e, YC_EINTERNAL, 0, 0, "the fix was not stored"); goto end; }
  if( (st = twins_rederive(c, &nChanged, &nAdded, &nRemoved, e)) ) goto end;
  if( (st = audit_log(c, before ? "update" : "create", "twin_fix", jint(after, "id"), before, after, e)) ) goto end;
  if( (st = db_commit(c->db, e)) ) goto end;
  bTx = 0;
  *ppOut = json_pack("{s:O, s:i, s:i, s:i}", "fix", after, "rows_changed", nChanged, "pairs_added", nAdded,
                     "pairs_removed", nRemoved);
end:
  if( bTx ) db_rollback(c->db);
  twin_resolver_close(r);
  buf_free(&key);
  json_decref(before);
  json_decref(after);
  for(int k=0; k<3; k++) free(azOwn[k]);
  return st;
}
