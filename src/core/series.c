/* series.c: event series and networks with their members; see series.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/series.h"
#include "base/date.h"
#include "base/buf.h"
#include "base/json.h"
#include "store/rows.h"
#include "store/stmt.h"
#include "core/input.h"
#include "core/audit.h"
#include "core/page.h"
#include "core/partner.h"
#include "core/org.h"
#include "core/city.h"

const char *const azSeriesKind[] = {"series", "network", 0};
const char *const azSeriesParam[] = {"kind", "city", "limit", "cursor", 0};

const char *const azSeriesField[] = {"kind", "name_zh", "name_en", "website", "description", "sources", 0};
static const char *const azMemberField[] = {"city_id", "tie_id", "org_id", "role", "joined", "sources", 0};

/* ---------------------------------------------------------------------------
** Read
*/
/* P: the parameter that is 1 for a signed-in user (private events count). */
#define SR_COLUMNS(P) "s.id, s.kind, s.name_zh, s.name_en, s.website, s.description, s.sources, s.created_at, s.updated_at," \
  " (SELECT count(*) FROM series_member m WHERE m.series_id=s.id)," \
  " (SELECT count(*) FROM event v WHERE v.series_id=s.id AND (v.public=1 OR " P "))"
#define SR_NCOLUMNS 11

static json_t *sr_row_json(DbStmt *p){
  return json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:I, s:I}",
    "id", (json_int_t)db_col_int64(p, 0), "kind", rows_text(p, 1), "name_zh", rows_text(p, 2),
    "name_en", rows_text(p, 3), "website", rows_text(p, 4), "description", rows_text(p, 5),
    "sources", rows_array(p, 6), "created_at", rows_text(p, 7), "updated_at", rows_text(p, 8),
    "members", (json_int_t)db_col_int64(p, 9), "editions", (json_int_t)db_col_int64(p, 10));
}

YcStatus series_get(Ctx *c, int64_t id, json_t **ppOut, Err *e){
  *ppOut = 0;
  DbStmt *p = db_stmt(c->db, "SELECT " SR_COLUMNS("?2") " FROM event_series s WHERE s.id=?1");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, id);
  db_bind_int(p, 2, ctx_signed_in(c));
  int rc = db_step(p);
  json_t *j = rc==DB_ROW ? sr_row_json(p) : 0;
  db_reset(p);
  if( rc==DB_DONE ) return err_set(e, YC_ENOTFOUND, "not_found", "id", "no series or network with id %lld", (long long)id);
  if( rc!=DB_ROW ) return db_error(c->db, rc, e);
  /* Members: cities (with the home tie when there is one), organisations. */
  json_t *aMember = json_array();
  p = db_stmt(c->db,
    "SELECT m.id, m.city_id, ci.name, ci.name_zh, ci.country, co.name_en, co.name_zh,"
    " (SELECT t.id FROM tie t WHERE t.partner_city_id=m.city_id AND t.home_city_id=?2),"
    " m.org_id, o.name_en, o.name_zh, m.role, m.joined, m.joined_precision, m.sources"
    " FROM series_member m LEFT JOIN city ci ON ci.id=m.city_id LEFT JOIN country co ON co.iso2=ci.country"
    " LEFT JOIN org o ON o.id=m.org_id WHERE m.series_id=?1"
    " ORDER BY m.org_id IS NOT NULL, coalesce(ci.name, o.name_en, o.name_zh), m.id");
  if( !p ){ json_decref(j); json_decref(aMember); return db_error(c->db, DB_ERROR, e); }
  db_bind_int64(p, 1, id);
  db_bind_int64(p, 2, c->homeCityId);
  while( (rc = db_step(p))==DB_ROW ){
    json_t *city = json_null(), *org = json_null();
    if( db_col_type(p, 1)!=DB_NULL ){
      city = city_ref_json(db_col_int64(p, 1), db_text(p, 2), db_text(p, 3), 0, 0, db_text(p, 4), db_text(p, 5), db_text(p, 6));
    }
    if( db_col_type(p, 8)!=DB_NULL ){
      org = json_pack("{s:I, s:o, s:o}", "id", (json_int_t)db_col_int64(p, 8), "name_en", rows_text(p, 9), "name_zh", rows_text(p, 10));
    }
    json_array_append_new(aMember, json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
      "id", (json_int_t)db_col_int64(p, 0), "city", city, "tie_id", rows_value(p, 7), "org", org,
      "role", rows_text(p, 11), "joined", rows_text(p, 12), "joined_precision", rows_text(p, 13),
      "sources", rows_array(p, 14)));
  }
  db_reset(p);
  if( rc!=DB_DONE ){ json_decref(j); json_decref(aMember); return db_error(c->db, rc, e); }
  json_object_set_new(j, "members", aMember);
  /* Editions: its events by date (public ones only for anonymous users). */
  static const char *const azEd[] = {"id", "edition", "title_zh", "title_en", "start", "start_precision", "status", "kind", 0};
  p = db_stmt(c->db, "SELECT id, edition, title_zh, title_en, start_date, start_precision, status, kind FROM event"
                     " WHERE series_id=?1 AND (public=1 OR ?2) ORDER BY start_day0, id");
  if( !p ){ json_decref(j); return db_error(c->db, DB_ERROR, e); }
  db_bind_int64(p, 1, id);
  db_bind_int(p, 2, ctx_signed_in(c));
  json_t *aEd = rows_all(c->db, p, azEd, e);
  if( !aEd ){ json_decref(j); return YC_EINTERNAL; }
  json_object_set_new(j, "editions", aEd);
  *ppOut = j;
  return YC_OK;
}

static const PageOrder aSeriesOrder[] = {
  {"series:name", {{"s.kind", PAGE_TEXT, 1}, {"lower(coalesce(s.name_en, s.name_zh))", PAGE_TEXT, 0}, {"s.id", PAGE_INT, 0}}},
};

YcStatus series_list(Ctx *c, const SeriesQuery *q, json_t **ppOut, Err *e){
  *ppOut = 0;
  int64_t city = 0;
  int iKind = -1;
  if( q->zKind && (iKind = in_enum_index(azSeriesKind, q->zKind))<0 )
    return err_set(e, YC_EINVALID, "invalid_value", "kind", "kind must be series or network");
  if( q->zCity && !in_parse_id(q->zCity, &city) )
    return err_set(e, YC_EINVALID, "invalid_value", "city", "city must be a GeoNames city id");
  Page pg;
  YcStatus st = page_begin(&pg, &aSeriesOrder[0], 0, q->zLimit, 100, 500, q->zCursor, e);
  if( st ) return st;
  static const char zWhere[] = " FROM event_series s WHERE (?1 IS NULL OR s.kind=?1)"
    " AND (?2=0 OR s.id IN (SELECT series_id FROM series_member WHERE city_id=?2))";
  DbStmt *p = db_stmt(c->db, "SELECT count(*) FROM event_series s WHERE (?1 IS NULL OR s.kind=?1)"
    " AND (?2=0 OR s.id IN (SELECT series_id FROM series_member WHERE city_id=?2))");
  int64_t nTotal = 0;
  if( !p ){ page_free(&pg); return db_error(c->db, DB_ERROR, e); }
  db_bind_text(p, 1, iKind>=0 ? azSeriesKind[iKind] : 0, -1);
  db_bind_int64(p, 2, city);
  if( db_step(p)==DB_ROW ) nTotal = db_col_int64(p, 0);
  db_reset(p);
  Buf sql = BUF_INIT;
  buf_puts(&sql, "SELECT " SR_COLUMNS("?3"));
  page_sql_keys(&pg, &sql);
  buf_puts(&sql, zWhere);
  page_sql_tail(&pg, &sql, 4);
  p = db_stmt(c->db, buf_str(&sql));
  buf_free(&sql);
  if( !p ){ page_free(&pg); return db_error(c->db, DB_ERROR, e); }
  db_bind_text(p, 1, iKind>=0 ? azSeriesKind[iKind] : 0, -1);
  db_bind_int64(p, 2, city);
  db_bind_int(p, 3, ctx_signed_in(c));
  page_bind(&pg, p, 4);
  json_t *items = json_array();
  int rc;
  while( (rc = db_step(p))==DB_ROW ){
    if( page_row(&pg, p, SR_NCOLUMNS) ) json_array_append_new(items, sr_row_json(p));
  }
  db_reset(p);
  if( rc!=DB_DONE ){ json_decref(items); page_free(&pg); return db_error(c->db, rc, e); }
  *ppOut = page_answer(&pg, items, nTotal, 0);
  json_decref(items);
  page_free(&pg);
  return YC_OK;
}

int64_t series_find_by_name(Ctx *c, const char *zNameEn, const char *zNameZh){
  DbStmt *p = db_stmt(c->db, "SELECT id FROM event_series WHERE (?1 IS NOT NULL AND name_en=?1)"
                             " OR (?1 IS NULL AND name_zh=?2) ORDER BY id LIMIT 1");
  if( !p ) return 0;
  db_bind_text(p, 1, zNameEn && *zNameEn ? zNameEn : 0, -1);
  db_bind_text(p, 2, zNameZh && *zNameZh ? zNameZh : 0, -1);
  int64_t id = db_step(p)==DB_ROW ? db_col_int64(p, 0) : 0;
  db_reset(p);
  return id;
}

/* ---------------------------------------------------------------------------
** Write
*/
typedef struct SrIn {
  const char *zKind, *zNameZh, *zNameEn, *zWebsite, *zDesc;
  char *zSources;
} SrIn;

static YcStatus sr_from_json(json_t *in, SrIn *x, Err *e){
  YcStatus st;
  int bSet;
  memset(x, 0, sizeof *x);
  if( !json_is_object(in) ) return err_set(e, YC_EINVALID, "invalid_body", 0, "the body must be a JSON object");
  if( (st = in_known_fields(in, azSeriesField, e)) ) return st;
  if( (st = in_enum(in, "kind", 1, azSeriesKind, &x->zKind, &bSet, e)) ) return st;
  if( (st = in_str(in, "name_zh", 0, 300, 0, &x->zNameZh, &bSet, e)) ) return st;
  if( (st = in_str(in, "name_en", 0, 300, 0, &x->zNameEn, &bSet, e)) ) return st;
  if( !x->zNameZh && !x->zNameEn ) return err_set(e, YC_EINVALID, "required", "name_en", "name_zh or name_en is required");
  if( (st = in_str(in, "website", 0, 2000, 0, &x->zWebsite, &bSet, e)) ) return st;
  if( x->zWebsite ){
    json_t *a = json_pack("[s]", x->zWebsite);
    st = in_urls(a, "website", e);
    json_decref(a);
    if( st ) return st;
  }
  if( (st = in_str(in, "description", 0, 20000, 1, &x->zDesc, &bSet, e)) ) return st;
  json_t *a;
  if( (st = in_str_array(in, "sources", 20, 2000, &a, &bSet, e)) ) return st;
  if( a && json_array_size(a) ) x->zSources = json_text(a, JSON_COMPACT);
  return YC_OK;
}

static YcStatus sr_write(Ctx *c, SrIn *x, int64_t *pId, Err *e){
  char zNow[24];
  date_now(zNow);
  DbStmt *p = db_stmt(c->db, *pId==0 ?
    "INSERT INTO event_series(kind,name_zh,name_en,website,description,sources,home_city_id,created_at,updated_at)"
    " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?8)" :
    "UPDATE event_series SET kind=?1, name_zh=?2, name_en=?3, website=?4, description=?5, sources=?6,"
    " home_city_id=coalesce(home_city_id, ?7), updated_at=?8 WHERE id=?9");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_text(p, 1, x->zKind, -1);
  db_bind_text(p, 2, x->zNameZh, -1);
  db_bind_text(p, 3, x->zNameEn, -1);
  db_bind_text(p, 4, x->zWebsite, -1);
  db_bind_text(p, 5, x->zDesc, -1);
  db_bind_text(p, 6, x->zSources, -1);
  db_bind_id(p, 7, c->homeCityId);
  db_bind_text(p, 8, zNow, -1);
  if( *pId ) db_bind_int64(p, 9, *pId);
  int rc = db_step(p);
  db_reset(p);
  if( rc!=DB_DONE ) return db_error(c->db, rc, e);
  if( *pId==0 ) *pId = db_last_id(c->db);
  return YC_OK;
}

YcStatus series_create_tx(Ctx *c, json_t *in, int64_t *pId, Err *e){
  SrIn x;
  *pId = 0;
  YcStatus st = sr_from_json(in, &x, e);
  if( !st ) st = sr_write(c, &x, pId, e);
  if( !st ){
    json_t *j = 0;
    st = series_get(c, *pId, &j, e);
    if( !st ) st = audit_log(c, "create", "series", *pId, 0, j, e);
    json_decref(j);
  }
  free(x.zSources);
  return st;
}

YcStatus series_create(Ctx *c, json_t *in, json_t **ppOut, Err *e){
  *ppOut = 0;
  int64_t id;
  YcStatus st = ctx_create(c, in, series_create_tx, &id, e);
  return st ? st : series_get(c, id, ppOut, e);
}

YcStatus series_update(Ctx *c, int64_t id, json_t *in, json_t **ppOut, Err *e){
  *ppOut = 0;
  json_t *jBefore = 0, *jAfter = 0, *merged = 0;
  SrIn x;
  memset(&x, 0, sizeof x);
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  YcStatus st = series_get(c, id, &jBefore, e);
  if( !st && !json_is_object(in) ) st = err_set(e, YC_EINVALID, "invalid_body", 0, "the body must be a JSON object");
  if( !st ) st = in_known_fields(in, azSeriesField, e);
  if( !st ){
    merged = json_object();
    for(int i=0; azSeriesField[i]; i++){
      json_t *v = json_object_get(jBefore, azSeriesField[i]);
      if( v && !json_is_null(v) ) json_object_set(merged, azSeriesField[i], v);
    }
    static const char *const azKeep[] = {"kind", 0};
    in_patch(merged, in, azKeep);
    st = sr_from_json(merged, &x, e);
  }
  if( !st ) st = sr_write(c, &x, &id, e);
  if( !st ) st = series_get(c, id, &jAfter, e);
  if( !st ) st = audit_log(c, "update", "series", id, jBefore, jAfter, e);
  if( !st ) st = db_commit(c->db, e);
  free(x.zSources);
  json_decref(merged);
  json_decref(jBefore);
  if( st ){ db_rollback(c->db); json_decref(jAfter); return st; }
  *ppOut = jAfter;
  return YC_OK;
}

YcStatus series_delete(Ctx *c, int64_t id, Err *e){
  json_t *jBefore = 0;
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  YcStatus st = series_get(c, id, &jBefore, e);
  int64_t a[1] = {id};
  if( !st ) st = stmt_run(c->db, "DELETE FROM event_series WHERE id=?1", a, 1, e);
  if( !st ) st = audit_log(c, "delete", "series", id, jBefore, 0, e);
  if( !st ) st = db_commit(c->db, e);
  if( st ) db_rollback(c->db);
  json_decref(jBefore);
  return st;
}

/* ---------------------------------------------------------------------------
** Members
*/
YcStatus series_member_add_tx(Ctx *c, int64_t seriesId, json_t *in, int64_t *pId, Err *e){
  YcStatus st;
  int bSet;
  int64_t city = 0, tie = 0, org = 0;
  const char *zRole = 0, *zJoined = 0, *zPrec = 0;
  *pId = 0;
  if( !json_is_object(in) ) return err_set(e, YC_EINVALID, "invalid_body", 0, "the body must be a JSON object");
  if( (st = in_known_fields(in, azMemberField, e)) ) return st;
  if( (st = in_int(in, "city_id", 0, 1, INT64_MAX, &city, &bSet, e)) ) return st;
  if( (st = in_int(in, "tie_id", 0, 1, INT64_MAX, &tie, &bSet, e)) ) return st;
  if( (st = in_int(in, "org_id", 0, 1, INT64_MAX, &org, &bSet, e)) ) return st;
  if( (city!=0) + (tie!=0) + (org!=0) != 1 )
    return err_set(e, YC_EINVALID, "required", "city_id", "give exactly one of city_id, tie_id or org_id");
  if( tie ){
    DbStmt *p = db_stmt(c->db, "SELECT partner_city_id FROM tie WHERE id=?1 AND home_city_id=?2");
    if( !p ) return db_error(c->db, DB_ERROR, e);
    db_bind_int64(p, 1, tie);
    db_bind_int64(p, 2, c->homeCityId);
    city = db_step(p)==DB_ROW ? db_col_int64(p, 0) : 0;
    db_reset(p);
    if( !city ) return err_set(e, YC_EINVALID, "unknown_tie", "tie_id", "no partner tie with id %lld", (long long)tie);
  }else if( city && !city_exists(c, city) ){
    return err_set(e, YC_EINVALID, "unknown_city", "city_id", "no city with GeoNames id %lld", (long long)city);
  }
  if( org && !org_exists(c, org) )
    return err_set(e, YC_EINVALID, "unknown_org", "org_id", "no organisation with id %lld", (long long)org);
  if( (st = in_str(in, "role", 0, 200, 0, &zRole, &bSet, e)) ) return st;
  json_t *v = json_object_get(in, "joined");
  if( v && !json_is_null(v) ){
    if( !json_is_string(v) ) return err_set(e, YC_EINVALID, "wrong_type", "joined", "joined must be a date string");
    zJoined = json_string_value(v);
    if( (st = in_date_parse("joined", zJoined, &zPrec, e)) ) return st;
    int d0, dm, de;
    date_period(zJoined, &d0, &dm, &de);
    if( d0>date_today() ) return err_set(e, YC_EINVALID, "future_date", "joined", "joined %s is in the future", zJoined);
  }
  json_t *a;
  char *zSources = 0;
  if( (st = in_str_array(in, "sources", 20, 2000, &a, &bSet, e)) ) return st;
  /* Duplicates: one membership per city or organisation. */
  DbStmt *p = db_stmt(c->db, "SELECT id FROM series_member WHERE series_id=?1 AND (city_id=?2 OR org_id=?3)");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, seriesId);
  db_bind_int64(p, 2, city);
  db_bind_int64(p, 3, org);
  int64_t other = db_step(p)==DB_ROW ? db_col_int64(p, 0) : 0;
  db_reset(p);
  if( other ) return err_set(e, YC_ECONFLICT, "duplicate", org ? "org_id" : (tie ? "tie_id" : "city_id"),
                             "already a member (member %lld)", (long long)other);
  if( a && json_array_size(a) ) zSources = json_text(a, JSON_COMPACT);
  p = db_stmt(c->db, "INSERT INTO series_member(series_id,city_id,org_id,role,joined,joined_precision,sources)"
                     " VALUES(?1,?2,?3,?4,?5,?6,?7)");
  if( !p ){ free(zSources); return db_error(c->db, DB_ERROR, e); }
  db_bind_int64(p, 1, seriesId);
  db_bind_id(p, 2, city);
  db_bind_id(p, 3, org);
  db_bind_text(p, 4, zRole, -1);
  db_bind_text(p, 5, zJoined, -1);
  db_bind_text(p, 6, zPrec, -1);
  db_bind_text(p, 7, zSources, -1);
  int rc = db_step(p);
  db_reset(p);
  free(zSources);
  if( rc!=DB_DONE ) return db_error(c->db, rc, e);
  *pId = db_last_id(c->db);
  json_t *jAfter = json_pack("{s:I, s:I}", "series_id", (json_int_t)seriesId, "member_id", (json_int_t)*pId);
  json_object_update(jAfter, in);
  st = audit_log(c, "member_add", "series", seriesId, 0, jAfter, e);
  json_decref(jAfter);
  return st;
}

YcStatus series_member_add(Ctx *c, int64_t seriesId, json_t *in, json_t **ppOut, Err *e){
  *ppOut = 0;
  json_t *j = 0;
  int64_t id;
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  YcStatus st = series_get(c, seriesId, &j, e);
  json_decref(j);
  if( !st ) st = series_member_add_tx(c, seriesId, in, &id, e);
  if( !st ) st = db_commit(c->db, e);
  if( st ){ db_rollback(c->db); return st; }
  return series_get(c, seriesId, ppOut, e);
}

YcStatus series_member_remove(Ctx *c, int64_t seriesId, int64_t memberId, Err *e){
  json_t *j = 0;
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  YcStatus st = series_get(c, seriesId, &j, e);
  json_decref(j);
  json_t *jBefore = 0;
  if( !st ){
    static const char *const az[] = {"member_id", "city_id", "org_id", "role", "joined", 0};
    DbStmt *p = db_stmt(c->db, "SELECT id, city_id, org_id, role, joined FROM series_member WHERE id=?1 AND series_id=?2");
    if( !p ) st = db_error(c->db, DB_ERROR, e);
    else{
      db_bind_int64(p, 1, memberId);
      db_bind_int64(p, 2, seriesId);
      if( db_step(p)==DB_ROW ) jBefore = rows_object(p, az);
      db_reset(p);
      if( !jBefore ) st = err_set(e, YC_ENOTFOUND, "not_found", "member_id", "series %lld has no member %lld",
                                  (long long)seriesId, (long long)memberId);
    }
  }
  int64_t a[1] = {memberId};
  if( !st ) st = stmt_run(c->db, "DELETE FROM series_member WHERE id=?1", a, 1, e);
  if( !st ) st = audit_log(c, "member_remove", "series", seriesId, jBefore, 0, e);
  if( !st ) st = db_commit(c->db, e);
  if( st ) db_rollback(c->db);
  json_decref(jBefore);
  return st;
}

YcStatus series_for_city(Ctx *c, int64_t cityId, json_t **ppOut, Err *e){
  *ppOut = 0;
  static const char *const az[] = {"id", "kind", "name_zh", "name_en", "role", "joined", "joined_precision", 0};
  DbStmt *p = db_stmt(c->db, "SELECT s.id, s.kind, s.name_zh, s.name_en, m.role, m.joined, m.joined_precision"
    " FROM series_member m JOIN event_series s ON s.id=m.series_id WHERE m.city_id=?1"
    " ORDER BY s.kind DESC, coalesce(s.name_en, s.name_zh), s.id");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, cityId);
  json_t *a = rows_all(c->db, p, az, e);
  if( !a ) return YC_EINTERNAL;
  *ppOut = json_pack("{s:o}", "items", a);
  return YC_OK;
}

YcStatus series_unnetworked(Ctx *c, json_t **ppOut, Err *e){
  *ppOut = 0;
  DbStmt *p = db_stmt(c->db,
    "SELECT t.id FROM tie t JOIN city ci ON ci.id=t.partner_city_id WHERE t.home_city_id=?1"
    " AND NOT EXISTS(SELECT 1 FROM series_member m JOIN event_series s ON s.id=m.series_id"
    "                WHERE m.city_id=t.partner_city_id AND s.kind='network')"
    " ORDER BY ci.name, t.id");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, c->homeCityId);
  Buf b = BUF_INIT;
  buf_putc(&b, '[');
  int rc, n = 0;
  while( (rc = db_step(p))==DB_ROW ) buf_printf(&b, "%s%lld", n++ ? "," : "", (long long)db_col_int64(p, 0));
  db_reset(p);
  buf_putc(&b, ']');
  if( rc!=DB_DONE ){ buf_free(&b); return db_error(c->db, rc, e); }
  json_t *map = 0;
  YcStatus st = partner_refs(c, buf_str(&b), &map, e);
  if( !st ){
    json_t *aId = json_loads(buf_str(&b), 0, 0), *v, *items = json_array();
    size_t i;
    json_array_foreach(aId, i, v){
      char z[24];
      snprintf(z, sizeof z, "%lld", (long long)json_integer_value(v));
      json_t *r = json_object_get(map, z);
      if( r ) json_array_append(items, r);
    }
    json_decref(aId);
    int64_t nTies = 0;
    p = db_stmt(c->db, "SELECT count(*) FROM tie WHERE home_city_id=?1");
    if( p ){
      db_bind_int64(p, 1, c->homeCityId);
      if( db_step(p)==DB_ROW ) nTies = db_col_int64(p, 0);
      db_reset(p);
    }
    *ppOut = json_pack("{s:o, s:I, s:I}", "items", items, "total", (json_int_t)n, "ties", (json_int_t)nTies);
  }
  json_decref(map);
  buf_free(&b);
  return st;
}
