/* event.c: multilateral events and the exchange a held event makes; see event.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/search.h"
#include "core/event.h"
#include "base/date.h"
#include "base/buf.h"
#include "base/json.h"
#include "store/rows.h"
#include "store/stmt.h"
#include "text/norm.h"
#include "core/input.h"
#include "core/audit.h"
#include "core/unit.h"
#include "core/page.h"
#include "core/org.h"
#include "core/city.h"
#include "core/exchange.h"

const char *const azEventKind[] = {"conference", "forum", "festival", "fair", "sports", "youth_camp",
  "exhibition", "online", "other", 0};
const char *const azEventStatus[] = {"planned", "confirmed", "held", "cancelled", 0};
const char *const azEventParam[] = {"q", "series", "kind", "status", "from", "to", "tie", "upcoming",
  "sort", "limit", "cursor", "unit", 0};
const char *const azEventSort[] = {"-date", "date", 0};

enum { EV_PLANNED, EV_CONFIRMED, EV_HELD, EV_CANCELLED };
#define EV_MAX_ORGS 50

const char *const azEvField[] = {"title_zh", "title_en", "kind", "status", "start", "end", "series_id",
  "edition", "city_id", "place", "organisers", "organisations", "fields", "public", "reported_people",
  "reported_countries", "reported_delegations", "description", "notes", "sources", "links", 0};

/* ---------------------------------------------------------------------------
** Input
*/
typedef struct EvIn {
  const char *zTitleZh, *zTitleEn, *zKind, *zStatus;
  const char *zPlace, *zOrganisers, *zDesc, *zNotes;
  int iStatus;
  int64_t seriesId, edition, cityId;
  int64_t aOrg[EV_MAX_ORGS]; int nOrg;
  int fields;
  int bPublic;
  int64_t aRep[3]; int abRep[3];
  char *zSources, *zLinks;
  InPeriod per;
} EvIn;

static void ev_free(EvIn *x){
  free(x->zSources);
  free(x->zLinks);
  x->zSources = x->zLinks = 0;
}

static const char *const azRep[] = {"reported_people", "reported_countries", "reported_delegations"};

/* A date field: absent/null leaves *pz 0. */
/* Parse and check `in` (every field; what is absent is unset). */
static YcStatus ev_from_json(Ctx *c, json_t *in, EvIn *x, Err *e){
  YcStatus st;
  int bSet;
  memset(x, 0, sizeof *x);
  x->bPublic = 1;
  if( !json_is_object(in) ) return err_set(e, YC_EINVALID, "invalid_body", 0, "the body must be a JSON object");
  if( (st = in_known_fields(in, azEvField, e)) ) return st;
  if( (st = in_str(in, "title_zh", 0, 300, 0, &x->zTitleZh, &bSet, e)) ) return st;
  if( (st = in_str(in, "title_en", 0, 300, 0, &x->zTitleEn, &bSet, e)) ) return st;
  if( !x->zTitleZh && !x->zTitleEn ) return err_set(e, YC_EINVALID, "required", "title_en", "title_zh or title_en is required");
  if( (st = in_enum(in, "kind", 1, azEventKind, &x->zKind, &bSet, e)) ) return st;
  if( (st = in_enum(in, "status", 0, azEventStatus, &x->zStatus, &bSet, e)) ) return st;
  if( !x->zStatus ) x->zStatus = "planned";
  x->iStatus = in_enum_index(azEventStatus, x->zStatus);
  if( (st = in_period(in, 1, &x->per, e)) ) return st;
  if( x->iStatus==EV_HELD && x->per.day0>date_today() )
    return err_set(e, YC_EINVALID, "future_held", "status", "an event starting %s (in the future) cannot be held yet", x->per.zStart);
  if( (st = in_int(in, "series_id", 0, 1, INT64_MAX, &x->seriesId, &bSet, e)) ) return st;
  if( x->seriesId ){
    int64_t a = x->seriesId, n = 0;
    DbStmt *p = db_stmt(c->db, "SELECT count(*) FROM event_series WHERE id=?1");
    if( !p ) return db_error(c->db, DB_ERROR, e);
    db_bind_int64(p, 1, a);
    if( db_step(p)==DB_ROW ) n = db_col_int64(p, 0);
    db_reset(p);
    if( !n ) return err_set(e, YC_EINVALID, "unknown_series", "series_id", "no series or network with id %lld", (long long)a);
  }
  if( (st = in_int(in, "edition", 0, 1, 10000, &x->edition, &bSet, e)) ) return st;
  if( x->edition && !x->seriesId ) return err_set(e, YC_EINVALID, "required", "series_id", "an edition needs its series_id");
  if( (st = in_int(in, "city_id", 0, 1, INT64_MAX, &x->cityId, &bSet, e)) ) return st;
  if( x->cityId && !city_exists(c, x->cityId) )
    return err_set(e, YC_EINVALID, "unknown_city", "city_id", "no city with GeoNames id %lld", (long long)x->cityId);
  if( (st = in_str(in, "place", 0, 300, 0, &x->zPlace, &bSet, e)) ) return st;
  if( (st = in_str(in, "organisers", 0, 2000, 1, &x->zOrganisers, &bSet, e)) ) return st;
  if( (st = in_ids(in, "organisations", x->aOrg, EV_MAX_ORGS, &x->nOrg, &bSet, e)) ) return st;
  for(int i=0; i<x->nOrg; i++){
    if( !org_exists(c, x->aOrg[i]) )
      return err_set(e, YC_EINVALID, "unknown_org", "organisations", "no organisation with id %lld", (long long)x->aOrg[i]);
  }
  if( (st = exchange_fields_parse(in, &x->fields, &bSet, e)) ) return st;
  int b = 1;
  if( (st = in_bool(in, "public", &b, &bSet, e)) ) return st;
  if( bSet && json_is_boolean(json_object_get(in, "public")) ) x->bPublic = b;
  for(int i=0; i<3; i++){
    if( (st = in_int(in, azRep[i], 0, 0, 100000000, &x->aRep[i], &x->abRep[i], e)) ) return st;
    if( x->abRep[i] && json_is_null(json_object_get(in, azRep[i])) ) x->abRep[i] = 0;
  }
  if( (st = in_str(in, "description", 0, 20000, 1, &x->zDesc, &bSet, e)) ) return st;
  if( (st = in_str(in, "notes", 0, 20000, 1, &x->zNotes, &bSet, e)) ) return st;
  json_t *a;
  if( (st = in_str_array(in, "sources", 20, 2000, &a, &bSet, e)) ) return st;
  if( a && json_array_size(a) ) x->zSources = json_text(a, JSON_COMPACT);
  if( (st = in_str_array(in, "links", 20, 2000, &a, &bSet, e)) ) return st;
  if( a && (st = in_urls(a, "links", e)) ) return st;
  if( a && json_array_size(a) ) x->zLinks = json_text(a, JSON_COMPACT);
  return YC_OK;
}

/* ---------------------------------------------------------------------------
** Search entry
*/
YcStatus event_reindex(Ctx *c, int64_t id, Err *e){
  int64_t a[1] = {id};
  YcStatus st = stmt_run(c->db, "DELETE FROM event_fts WHERE rowid=?1", a, 1, e);
  if( st ) return st;
  DbStmt *p = db_stmt(c->db,
    "SELECT coalesce(e.title_en,''), coalesce(e.title_zh,''), coalesce(s.name_en,''), coalesce(s.name_zh,''),"
    " coalesce(e.place,'') || ' ' || coalesce(e.organisers,'') || ' ' || coalesce(e.description,''),"
    " coalesce(ci.name,'') || ' ' || coalesce(ci.name_zh,'')"
    " FROM event e LEFT JOIN event_series s ON s.id=e.series_id LEFT JOIN city ci ON ci.id=e.city_id WHERE e.id=?1");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, id);
  if( db_step(p)!=DB_ROW ){ db_reset(p); return YC_OK; }
  Buf names = BUF_INIT, zh = BUF_INIT, text = BUF_INIT;
  buf_printf(&names, "%s %s", db_text(p, 0), db_text(p, 2));
  buf_printf(&zh, "%s %s", db_text(p, 1), db_text(p, 3));
  buf_printf(&text, "%s %s", db_text(p, 4), db_text(p, 5));
  db_reset(p);
  char *zPy = text_pinyin(buf_str(&zh));
  st = search_entry_put(c, "event_fts", id, buf_str(&names), buf_str(&zh), zPy, buf_str(&text), e);
  buf_free(&names);
  buf_free(&zh);
  buf_free(&text);
  free(zPy);
  return st;
}

static YcStatus ev_get(Ctx *c, int64_t id, int bAll, json_t **ppOut, Err *e);

/* ---------------------------------------------------------------------------
** Write
*/
static YcStatus ev_write(Ctx *c, EvIn *x, int64_t *pId, Err *e){
  char zNow[24];
  date_now(zNow);
  int64_t id = *pId;
  DbStmt *p = db_stmt(c->db, id==0 ?
    "INSERT INTO event(series_id,edition,title_zh,title_en,kind,status,start_date,start_precision,start_day0,"
    "end_date,end_precision,day_end,home_city_id,city_id,place,organisers,fields,public,reported_people,"
    "reported_countries,reported_delegations,description,notes,sources,links,created_at,updated_at)"
    " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,?24,?25,?26,?26)" :
    "UPDATE event SET series_id=?1, edition=?2, title_zh=?3, title_en=?4, kind=?5, status=?6, start_date=?7,"
    " start_precision=?8, start_day0=?9, end_date=?10, end_precision=?11, day_end=?12,"
    " home_city_id=coalesce(home_city_id, ?13), city_id=?14, place=?15, organisers=?16, fields=?17, public=?18,"
    " reported_people=?19, reported_countries=?20, reported_delegations=?21, description=?22, notes=?23,"
    " sources=?24, links=?25, updated_at=?26 WHERE id=?27");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_id(p, 1, x->seriesId);
  if( x->edition ) db_bind_int64(p, 2, x->edition); else db_bind_null(p, 2);
  db_bind_text(p, 3, x->zTitleZh, -1);
  db_bind_text(p, 4, x->zTitleEn, -1);
  db_bind_text(p, 5, x->zKind, -1);
  db_bind_text(p, 6, x->zStatus, -1);
  db_bind_text(p, 7, x->per.zStart, -1);
  db_bind_text(p, 8, x->per.zStartPrec, -1);
  db_bind_int(p, 9, x->per.day0);
  db_bind_text(p, 10, x->per.zEnd, -1);
  db_bind_text(p, 11, x->per.zEndPrec, -1);
  db_bind_int(p, 12, x->per.dayEnd);
  db_bind_id(p, 13, c->homeCityId);
  db_bind_id(p, 14, x->cityId);
  db_bind_text(p, 15, x->zPlace, -1);
  db_bind_text(p, 16, x->zOrganisers, -1);
  db_bind_int(p, 17, x->fields);
  db_bind_int(p, 18, x->bPublic);
  for(int i=0; i<3; i++){
    if( x->abRep[i] ) db_bind_int64(p, 19+i, x->aRep[i]); else db_bind_null(p, 19+i);
  }
  db_bind_text(p, 22, x->zDesc, -1);
  db_bind_text(p, 23, x->zNotes, -1);
  db_bind_text(p, 24, x->zSources, -1);
  db_bind_text(p, 25, x->zLinks, -1);
  db_bind_text(p, 26, zNow, -1);
  if( id ) db_bind_int64(p, 27, id);
  int rc = db_step(p);
  db_reset(p);
  if( rc!=DB_DONE ) return db_error(c->db, rc, e);
  YcStatus st = YC_OK;
  if( id==0 ) id = *pId = db_last_id(c->db);
  else{
    int64_t a[1] = {id};
    st = stmt_run(c->db, "DELETE FROM event_org WHERE event_id=?1", a, 1, e);
  }
  for(int i=0; i<x->nOrg && !st; i++){
    int64_t a[2] = {id, x->aOrg[i]};
    st = stmt_run(c->db, "INSERT INTO event_org(event_id,org_id) VALUES(?1,?2)", a, 2, e);
  }
  if( !st ) st = event_reindex(c, id, e);
  return st;
}

int event_status(Ctx *c, int64_t id){
  DbStmt *p = db_stmt(c->db, "SELECT status FROM event WHERE id=?1");
  if( !p ) return -1;
  db_bind_int64(p, 1, id);
  int i = db_step(p)==DB_ROW ? in_enum_index(azEventStatus, db_text(p, 0)) : -1;
  db_reset(p);
  return i;
}

YcStatus event_sync_exchange(Ctx *c, int64_t id, Err *e){
  DbStmt *p = db_stmt(c->db, "SELECT status, start_date, start_day0, title_zh, title_en, fields, sources, description"
                             " FROM event WHERE id=?1");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, id);
  int rc = db_step(p);
  json_t *in = 0;
  int64_t exId = 0;
  if( rc==DB_ROW && strcmp(db_text(p, 0), "held")==0 && db_col_int(p, 2)<=date_today() ){
    /* The title as the log writes bilingual ones: "中文 · English". */
    const char *zZh = db_text(p, 3), *zEn = db_text(p, 4);
    char zTitle[700];
    if( zZh && zEn ) snprintf(zTitle, sizeof zTitle, "%s · %s", zZh, zEn);
    else snprintf(zTitle, sizeof zTitle, "%s", zZh ? zZh : zEn);
    size_t nChar = 0;
    for(const char *z = zTitle; *z; z++) nChar += ((unsigned char)*z & 0xC0)!=0x80;
    if( nChar>300 ) snprintf(zTitle, sizeof zTitle, "%s", zZh ? zZh : zEn);
    in = json_pack("{s:s, s:s, s:s, s:o, s:o}", "kind", "event", "date", db_text(p, 1),
                   "title", zTitle, "fields", exchange_fields_json(db_col_int(p, 5)),
                   "sources", rows_array(p, 6));
    if( db_text(p, 7) ) json_object_set_new(in, "description", json_string(db_text(p, 7)));
  }
  db_reset(p);
  if( rc!=DB_ROW && rc!=DB_DONE ){ json_decref(in); return db_error(c->db, rc, e); }
  if( in ){
    /* The attending ties, and the people they brought when every one says. */
    json_t *aTie = json_array();
    p = db_stmt(c->db, "SELECT tie_id, size FROM invitation WHERE event_id=?1 AND tie_id IS NOT NULL AND status='attended'"
                       " ORDER BY tie_id");
    if( !p ){ json_decref(in); json_decref(aTie); return db_error(c->db, DB_ERROR, e); }
    db_bind_int64(p, 1, id);
    int64_t nPeople = 0;
    int bAllSized = 1;
    while( (rc = db_step(p))==DB_ROW ){
      json_array_append_new(aTie, json_integer(db_col_int64(p, 0)));
      if( db_col_type(p, 1)==DB_NULL ) bAllSized = 0; else nPeople += db_col_int64(p, 1);
    }
    db_reset(p);
    if( rc!=DB_DONE ){ json_decref(in); json_decref(aTie); return db_error(c->db, rc, e); }
    if( json_array_size(aTie)==0 ){
      json_decref(aTie);
      json_decref(in);
      in = 0;
    }else{
      if( json_array_size(aTie)>EX_MAX_TIES ){
        json_decref(aTie);
        json_decref(in);
        return err_set(e, YC_EINVALID, "too_many", "status", "more than %d ties attended: the exchange log holds at most %d ties"
                       " per exchange", EX_MAX_TIES, EX_MAX_TIES);
      }
      json_object_set_new(in, "ties", aTie);
      if( bAllSized && nPeople>0 && nPeople<=1000000 ) json_object_set_new(in, "participants", json_integer(nPeople));
    }
  }
  YcStatus st = exchange_sync_owned(c, "event", id, in, &exId, e);
  json_decref(in);
  return st;
}

YcStatus event_create_tx(Ctx *c, json_t *in, int64_t *pId, Err *e){
  EvIn x;
  *pId = 0;
  memset(&x, 0, sizeof x);
  json_t *rest = 0;
  int64_t unitId = 0;
  int bUnit = 0;
  YcStatus st = unit_take(c, in, &rest, &unitId, &bUnit, e);
  if( !st ) st = ev_from_json(c, rest, &x, e);
  if( !st ) st = ev_write(c, &x, pId, e);
  if( !st ) st = unit_set(c, "event", *pId, unitId, bUnit, 1, e);
  if( !st ){
    json_t *j = 0;
    st = ev_get(c, *pId, 1, &j, e);
    if( !st ) st = audit_log(c, "create", "event", *pId, 0, j, e);
    json_decref(j);
  }
  ev_free(&x);
  json_decref(rest);
  return st;
}

YcStatus event_create(Ctx *c, json_t *in, json_t **ppOut, Err *e){
  *ppOut = 0;
  int64_t id;
  YcStatus st = ctx_create(c, in, event_create_tx, &id, e);
  return st ? st : ev_get(c, id, 1, ppOut, e);
}

/* The input form of a stored event, for merging a partial update. */
static json_t *ev_as_input(json_t *j){
  json_t *in = json_object();
  static const char *const azCopy[] = {"title_zh", "title_en", "kind", "status", "start", "end", "edition", "place",
    "organisers", "fields", "public", "reported_people", "reported_countries", "reported_delegations", "description",
    "notes", "sources", "links", 0};
  for(int i=0; azCopy[i]; i++){
    json_t *v = json_object_get(j, azCopy[i]);
    if( v && !json_is_null(v) ) json_object_set(in, azCopy[i], v);
  }
  json_t *s = json_object_get(j, "series");
  if( json_is_object(s) ) json_object_set(in, "series_id", json_object_get(s, "id"));
  s = json_object_get(j, "city");
  if( json_is_object(s) ) json_object_set(in, "city_id", json_object_get(s, "id"));
  json_t *a = json_array(), *x;
  size_t i;
  json_array_foreach(json_object_get(j, "organisations"), i, x) json_array_append(a, json_object_get(x, "id"));
  json_object_set_new(in, "organisations", a);
  return in;
}

YcStatus event_update(Ctx *c, int64_t id, json_t *in, json_t **ppOut, Err *e){
  *ppOut = 0;
  json_t *jBefore = 0, *jAfter = 0, *merged = 0;
  EvIn x;
  memset(&x, 0, sizeof x);
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  YcStatus st = ev_get(c, id, 1, &jBefore, e);
  if( !st && !ctx_signed_in(c) && !json_is_true(json_object_get(jBefore, "public")) )
    st = err_set(e, YC_ENOTFOUND, "not_found", "id", "no event with id %lld", (long long)id);
  if( !st && !json_is_object(in) ) st = err_set(e, YC_EINVALID, "invalid_body", 0, "the body must be a JSON object");
  json_t *rest = 0;
  int64_t unitId = 0;
  int bUnit = 0;
  if( !st ) st = unit_take(c, in, &rest, &unitId, &bUnit, e);
  if( !st ) st = in_known_fields(rest, azEvField, e);
  if( !st ){
    merged = ev_as_input(jBefore);
    static const char *const azKeep[] = {"kind", "start", "status", 0};
    in_patch(merged, rest, azKeep);
    st = ev_from_json(c, merged, &x, e);
  }
  if( !st ){
    int iOld = in_enum_index(azEventStatus, jstr0(jBefore, "status"));
    if( (iOld==EV_HELD && x.iStatus!=EV_HELD) || (iOld==EV_CANCELLED && (x.iStatus==EV_CONFIRMED || x.iStatus==EV_HELD)) ){
      st = err_set(e, YC_EINVALID, "invalid_transition", "status", "a %s event cannot become %s (planned -> confirmed -> held or cancelled;"
                   " a cancelled event can be planned again)", azEventStatus[iOld], x.zStatus);
    }
  }
  if( !st && x.iStatus!=EV_HELD ){
    /* Attendance is for held events only. */
    DbStmt *p = db_stmt(c->db, "SELECT count(*) FROM invitation WHERE event_id=?1 AND status IN ('attended','no_show')");
    int64_t n = 0;
    if( p ){
      db_bind_int64(p, 1, id);
      if( db_step(p)==DB_ROW ) n = db_col_int64(p, 0);
      db_reset(p);
    }
    if( n ) st = err_set(e, YC_EINVALID, "has_attendance", "status",
                         "%lld invitations say attended or no_show: only a held event has attendance", (long long)n);
  }
  if( !st ) st = ev_write(c, &x, &id, e);
  if( !st ) st = unit_set(c, "event", id, unitId, bUnit, 0, e);
  if( !st ) st = event_sync_exchange(c, id, e);
  if( !st ) st = ev_get(c, id, 1, &jAfter, e);
  if( !st ) st = audit_log(c, "update", "event", id, jBefore, jAfter, e);
  if( !st ) st = db_commit(c->db, e);
  ev_free(&x);
  json_decref(rest);
  json_decref(merged);
  json_decref(jBefore);
  if( st ){ db_rollback(c->db); json_decref(jAfter); return st; }
  if( !ctx_signed_in(c) ) json_object_del(jAfter, "notes");
  *ppOut = jAfter;
  return YC_OK;
}

YcStatus event_delete(Ctx *c, int64_t id, Err *e){
  json_t *jBefore = 0;
  int64_t exId = 0;
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  YcStatus st = ev_get(c, id, 1, &jBefore, e);
  if( !st && !ctx_signed_in(c) && !json_is_true(json_object_get(jBefore, "public")) )
    st = err_set(e, YC_ENOTFOUND, "not_found", "id", "no event with id %lld", (long long)id);
  if( !st ) st = exchange_sync_owned(c, "event", id, 0, &exId, e);
  int64_t a[1] = {id};
  if( !st ) st = stmt_run(c->db, "DELETE FROM event WHERE id=?1", a, 1, e);
  if( !st ) st = audit_log(c, "delete", "event", id, jBefore, 0, e);
  if( !st ) st = db_commit(c->db, e);
  if( st ) db_rollback(c->db);
  json_decref(jBefore);
  return st;
}

/* ---------------------------------------------------------------------------
** Read
*/
#define EV_COLUMNS \
  "e.id, e.series_id, s.name_zh, s.name_en, s.kind, e.edition, e.title_zh, e.title_en, e.kind, e.status," \
  " e.start_date, e.start_precision, e.end_date, e.end_precision, e.city_id, ci.name, ci.name_zh, ci.country," \
  " co.name_en, co.name_zh, e.place, e.organisers, e.fields, e.public, e.reported_people, e.reported_countries," \
  " e.reported_delegations, e.description, e.notes, e.sources, e.links, e.created_at, e.updated_at," \
  " (SELECT x.id FROM exchange x WHERE x.event_id=e.id)," \
  " (SELECT count(*) FROM invitation i WHERE i.event_id=e.id AND i.tie_id IS NOT NULL)," \
  " (SELECT count(*) FROM invitation i WHERE i.event_id=e.id AND i.tie_id IS NOT NULL AND i.status='attended')"
#define EV_NCOLUMNS 36
#define EV_FROM " FROM event e LEFT JOIN event_series s ON s.id=e.series_id LEFT JOIN city ci ON ci.id=e.city_id" \
  " LEFT JOIN country co ON co.iso2=ci.country"

/* bAll: with the internal notes (signed-in users, the audit trail). */
static json_t *ev_row_json(DbStmt *p, int bAll){
  json_t *series = json_null(), *city = json_null();
  if( db_col_type(p, 1)!=DB_NULL ){
    series = json_pack("{s:I, s:o, s:o, s:o}", "id", (json_int_t)db_col_int64(p, 1), "name_zh", rows_text(p, 2),
                       "name_en", rows_text(p, 3), "kind", rows_text(p, 4));
  }
  if( db_col_type(p, 14)!=DB_NULL ){
    city = city_ref_json(db_col_int64(p, 14), db_text(p, 15), db_text(p, 16), 0, 0, db_text(p, 17), db_text(p, 18), db_text(p, 19));
  }
  json_t *j = json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:b, s:o, s:o, s:o}",
    "id", (json_int_t)db_col_int64(p, 0), "title_zh", rows_text(p, 6), "title_en", rows_text(p, 7),
    "kind", rows_text(p, 8), "status", rows_text(p, 9), "start", rows_text(p, 10), "start_precision", rows_text(p, 11),
    "end", rows_text(p, 12), "end_precision", rows_text(p, 13), "series", series, "edition", rows_value(p, 5),
    "city", city, "place", rows_text(p, 20), "organisers", rows_text(p, 21), "public", db_col_int(p, 23),
    "fields", exchange_fields_json(db_col_int(p, 22)), "reported_people", rows_value(p, 24),
    "reported_countries", rows_value(p, 25));
  json_object_set_new(j, "reported_delegations", rows_value(p, 26));
  json_object_set_new(j, "description", rows_text(p, 27));
  if( bAll ) json_object_set_new(j, "notes", rows_text(p, 28));
  json_object_set_new(j, "sources", rows_array(p, 29));
  json_object_set_new(j, "links", rows_array(p, 30));
  json_object_set_new(j, "created_at", rows_text(p, 31));
  json_object_set_new(j, "updated_at", rows_text(p, 32));
  json_object_set_new(j, "exchange_id", rows_value(p, 33));
  json_object_set_new(j, "ties_invited", rows_value(p, 34));
  json_object_set_new(j, "ties_attended", rows_value(p, 35));
  return j;
}

/* Event id as event_get gives it; bAll: private events and notes too
** (signed-in users; the audit trail of any writer). */
static YcStatus ev_get(Ctx *c, int64_t id, int bAll, json_t **ppOut, Err *e){
  *ppOut = 0;
  DbStmt *p = db_stmt(c->db, "SELECT " EV_COLUMNS EV_FROM " WHERE e.id=?1 AND (e.public=1 OR ?2)");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, id);
  db_bind_int(p, 2, bAll);
  int rc = db_step(p);
  json_t *j = rc==DB_ROW ? ev_row_json(p, bAll) : 0;
  db_reset(p);
  if( rc==DB_DONE ) return err_set(e, YC_ENOTFOUND, "not_found", "id", "no event with id %lld", (long long)id);
  if( rc!=DB_ROW ) return db_error(c->db, rc, e);
  json_object_set_new(j, "organisations", org_refs_of(c, "SELECT org_id FROM event_org WHERE event_id=?1 ORDER BY org_id", id));
  unit_attach(c, "event", j);
  *ppOut = j;
  return YC_OK;
}

YcStatus event_get(Ctx *c, int64_t id, json_t **ppOut, Err *e){
  return ev_get(c, id, ctx_signed_in(c), ppOut, e);
}

int64_t event_find(Ctx *c, const char *zTitleEn, const char *zTitleZh, const char *zStart){
  DbStmt *p = db_stmt(c->db, "SELECT id FROM event WHERE start_date=?3 AND ((?1 IS NOT NULL AND title_en=?1)"
                             " OR (?1 IS NULL AND title_zh=?2)) ORDER BY id LIMIT 1");
  if( !p ) return 0;
  db_bind_text(p, 1, zTitleEn && *zTitleEn ? zTitleEn : 0, -1);
  db_bind_text(p, 2, zTitleZh && *zTitleZh ? zTitleZh : 0, -1);
  db_bind_text(p, 3, zStart, -1);
  int64_t id = db_step(p)==DB_ROW ? db_col_int64(p, 0) : 0;
  db_reset(p);
  return id;
}

/* The orders of azEventSort: latest first, earliest first. */
static const PageOrder aEventOrder[] = {
  {"events:-date", {{"e.start_day0", PAGE_INT, 1}, {"e.id", PAGE_INT, 1}}},
  {"events:date", {{"e.start_day0", PAGE_INT, 0}, {"e.id", PAGE_INT, 0}}},
};

YcStatus event_list(Ctx *c, const EventQuery *q, json_t **ppOut, Err *e){
  *ppOut = 0;
  int iSort = 0, bUpcoming = -1;
  if( q->zUpcoming ){
    const char *z = q->zUpcoming;
    bUpcoming = strcmp(z, "1")==0 || strcmp(z, "true")==0 ? 1 : strcmp(z, "0")==0 || strcmp(z, "false")==0 ? 0 : -2;
    if( bUpcoming==-2 ) return err_set(e, YC_EINVALID, "invalid_value", "upcoming", "upcoming must be 1, 0, true or false");
  }
  if( q->zSort ){
    if( (iSort = in_enum_index(azEventSort, q->zSort))<0 )
      return err_set(e, YC_EINVALID, "invalid_value", "sort", "sort must be date or -date");
  }else if( bUpcoming==1 ){
    iSort = 1;
  }
  Page pg;
  YcStatus st = page_begin(&pg, &aEventOrder[iSort], 0, q->zLimit, 50, 500, q->zCursor, e);
  if( st ) return st;
  Filters w;
  memset(&w, 0, sizeof w);
  char *zFts = 0;
  json_t *items = 0;
  int64_t v;
  const char *zPrec;
  int d0, dm, de, fromDay = 0, bFrom = 0, today = date_today();
  filter_int(&w, "(e.public=1 OR ?%d)", ctx_signed_in(c));
  if( q->zQ ){
    if( strlen(q->zQ)>200 ){ st = err_set(e, YC_EINVALID, "too_long", "q", "q is too long (at most 200 bytes)"); goto end; }
    if( !text_utf8_valid(q->zQ, strlen(q->zQ)) ){ st = err_set(e, YC_EINVALID, "invalid_utf8", "q", "q is not valid UTF-8"); goto end; }
    zFts = text_fts_query(q->zQ);
    if( zFts ) filter_text(&w, "e.id IN (SELECT rowid FROM event_fts WHERE event_fts MATCH ?%d)", zFts);
    else filter_int(&w, "?%d", 0);    /* nothing searchable: no match */
  }
  if( q->zSeries ){
    if( !in_parse_id(q->zSeries, &v) ){ st = err_set(e, YC_EINVALID, "invalid_value", "series", "series must be a series id"); goto end; }
    filter_int(&w, "e.series_id=?%d", v);
  }
  if( q->zKind ){
    int k = in_enum_index(azEventKind, q->zKind);
    if( k<0 ){ st = err_set(e, YC_EINVALID, "invalid_value", "kind", "kind must be one of conference, forum, festival, fair,"
                            " sports, youth_camp, exhibition, online, other"); goto end; }
    filter_text(&w, "e.kind=?%d", azEventKind[k]);
  }
  if( q->zStatus ){
    int k = in_enum_index(azEventStatus, q->zStatus);
    if( k<0 ){ st = err_set(e, YC_EINVALID, "invalid_value", "status", "status must be planned, confirmed, held or cancelled"); goto end; }
    filter_text(&w, "e.status=?%d", azEventStatus[k]);
  }
  if( q->zFrom ){
    if( (st = in_date_parse("from", q->zFrom, &zPrec, e)) ) goto end;
    date_period(q->zFrom, &d0, &dm, &de);
    fromDay = d0; bFrom = 1;
    filter_int(&w, "e.day_end>=?%d", d0);
  }
  if( q->zTo ){
    if( (st = in_date_parse("to", q->zTo, &zPrec, e)) ) goto end;
    date_period(q->zTo, &d0, &dm, &de);
    if( bFrom && de<fromDay ){ st = err_set(e, YC_EINVALID, "invalid_range", "to", "to is before from"); goto end; }
    filter_int(&w, "e.start_day0<=?%d", de);
  }
  if( q->zTie ){
    if( !in_parse_id(q->zTie, &v) ){ st = err_set(e, YC_EINVALID, "invalid_value", "tie", "tie must be a partner tie id"); goto end; }
    filter_int(&w, "e.id IN (SELECT event_id FROM invitation WHERE tie_id=?%d)", v);
  }
  if( q->zUnit ){
    if( !in_parse_id(q->zUnit, &v) ){ st = err_set(e, YC_EINVALID, "invalid_value", "unit", "unit must be a unit id"); goto end; }
    filter_int(&w, "e.unit_id=?%d", v);
  }
  if( bUpcoming==1 ) filter_int(&w, "e.day_end>=?%d AND e.status IN ('planned','confirmed')", today);
  if( bUpcoming==0 ) filter_int(&w, "(e.day_end<?%d OR e.status IN ('held','cancelled'))", today);
  Buf sql = BUF_INIT;
  buf_printf(&sql, "SELECT count(*) FROM event e WHERE 1%s", buf_str(&w.b));
  DbStmt *p = db_stmt(c->db, buf_str(&sql));
  if( !p ){ buf_free(&sql); st = db_error(c->db, DB_ERROR, e); goto end; }
  filter_bind(&w, p);
  int64_t nTotal = db_step(p)==DB_ROW ? db_col_int64(p, 0) : 0;
  db_reset(p);
  buf_reset(&sql);
  buf_puts(&sql, "SELECT " EV_COLUMNS);
  page_sql_keys(&pg, &sql);
  buf_printf(&sql, EV_FROM " WHERE 1%s", buf_str(&w.b));
  page_sql_tail(&pg, &sql, w.n + 1);
  p = db_stmt(c->db, buf_str(&sql));
  buf_free(&sql);
  if( !p ){ st = db_error(c->db, DB_ERROR, e); goto end; }
  filter_bind(&w, p);
  page_bind(&pg, p, w.n + 1);
  items = json_array();
  int rc;
  while( (rc = db_step(p))==DB_ROW ){
    if( page_row(&pg, p, EV_NCOLUMNS) ) json_array_append_new(items, ev_row_json(p, ctx_signed_in(c)));
  }
  db_reset(p);
  if( rc!=DB_DONE ){ st = db_error(c->db, rc, e); goto end; }
  unit_attach_items(c, "event", items);
  *ppOut = page_answer(&pg, items, nTotal, q->bPrev);
end:
  json_decref(items);
  free(zFts);
  buf_free(&w.b);
  page_free(&pg);
  return st;
}

YcStatus event_calendar(Ctx *c, int fromDay, int toDay, json_t **ppOut, Err *e){
  *ppOut = 0;
  static const char *const az[] = {"id", "title_zh", "title_en", "kind", "status", "start", "start_precision", "end",
    "end_precision", "start_day", "end_day", "place", "city_en", "city_zh", 0};
  DbStmt *p = db_stmt(c->db, "SELECT e.id, e.title_zh, e.title_en, e.kind, e.status, e.start_date, e.start_precision,"
    " e.end_date, e.end_precision, e.start_day0, e.day_end, e.place, ci.name, ci.name_zh FROM event e"
    " LEFT JOIN city ci ON ci.id=e.city_id WHERE e.day_end>=?1 AND e.start_day0<=?2 AND (e.public=1 OR ?3)"
    " ORDER BY e.start_day0, e.id");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int(p, 1, fromDay);
  db_bind_int(p, 2, toDay);
  db_bind_int(p, 3, ctx_signed_in(c));
  json_t *a = rows_all(c->db, p, az, e);
  if( !a ) return YC_EINTERNAL;
  *ppOut = a;
  return YC_OK;
}
