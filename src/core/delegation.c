/* delegation.c: delegations (visits) and their programme; see delegation.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/delegation.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/json.h"
#include "core/audit.h"
#include "core/unit.h"
#include "core/exchange.h"
#include "core/input.h"
#include "core/org.h"
#include "core/page.h"
#include "core/partner.h"
#include "core/person.h"
#include "store/rows.h"
#include "store/stmt.h"

const char *const azDelegationDirection[] = {"in", "out", 0};
const char *const azDelegationStatus[] = {"planned", "approved", "done", "cancelled", 0};
const char *const azDelegationParam[] = {"direction", "status", "tie", "when", "sort", "limit", "cursor", "unit", 0};
const char *const azDelegationWhen[] = {"upcoming", "past", 0};
const char *const azDelegationSort[] = {"-start", "start", 0};

const char *const azDgField[] = {"direction", "status", "title_zh", "title_en", "start", "end", "ties",
  "head", "head_person_id", "members", "size", "purpose", "fields", "event_id", "public", "programme", "notes",
  "sources", 0};

typedef struct DgMember { int64_t id; const char *zRole; } DgMember;
typedef struct DgItem { const char *zDate, *zTime, *zTitle, *zPlace; int64_t orgId; } DgItem;

typedef struct DgIn {
  const char *zDirection, *zStatus, *zTitleZh, *zTitleEn;
  const char *zHead, *zPurpose, *zNotes;
  InPeriod per;
  int64_t headId, eventId, size;
  int bSize, bPublic, fields;
  int64_t aTie[DG_MAX_TIES]; int nTie;
  DgMember aMember[DG_MAX_MEMBERS]; int nMember;
  DgItem aItem[DG_MAX_ITEMS]; int nItem;
  json_t *aFieldName;     /* borrowed from the input */
  char *zSources;         /* malloc'd */
} DgIn;

/* A date field of any precision: its text, precision and period. */
static YcStatus dg_members(Ctx *c, json_t *in, DgIn *x, Err *e){
  json_t *a = json_object_get(in, "members"), *m;
  size_t i;
  if( !a || json_is_null(a) ) return YC_OK;
  if( !json_is_array(a) ) return err_set(e, YC_EINVALID, "wrong_type", "members", "members must be an array of person ids");
  if( json_array_size(a)>DG_MAX_MEMBERS )
    return err_set(e, YC_EINVALID, "too_many", "members", "members has more than %d people", DG_MAX_MEMBERS);
  json_array_foreach(a, i, m){
    DgMember *d = &x->aMember[x->nMember];
    memset(d, 0, sizeof *d);
    json_t *jId = m;
    if( json_is_object(m) ){
      static const char *const azM[] = {"person_id", "role", 0};
      Err e2;
      int bSet;
      if( in_known_fields(m, azM, &e2) || in_str(m, "role", 0, 100, 0, &d->zRole, &bSet, &e2) )
        return err_set(e, YC_EINVALID, e2.zCode, "members", "members[%zu]: %s", i, e2.zMsg);
      jId = json_object_get(m, "person_id");
    }
    if( !json_is_integer(jId) || json_integer_value(jId)<1 )
      return err_set(e, YC_EINVALID, "wrong_type", "members", "members[%zu] must be a person id", i);
    d->id = json_integer_value(jId);
    if( !person_exists(c, d->id) )
      return err_set(e, YC_EINVALID, "unknown_person", "members", "no person with id %lld", (long long)d->id);
    for(int k=0; k<x->nMember; k++){
      if( x->aMember[k].id==d->id )
        return err_set(e, YC_EINVALID, "duplicate_item", "members", "members lists person %lld twice", (long long)d->id);
    }
    x->nMember++;
  }
  return YC_OK;
}

static YcStatus dg_programme(Ctx *c, json_t *in, DgIn *x, Err *e){
  json_t *a = json_object_get(in, "programme"), *m;
  size_t i;
  if( !a || json_is_null(a) ) return YC_OK;
  if( !json_is_array(a) ) return err_set(e, YC_EINVALID, "wrong_type", "programme", "programme must be an array of agenda items");
  if( json_array_size(a)>DG_MAX_ITEMS )
    return err_set(e, YC_EINVALID, "too_many", "programme", "programme has more than %d items", DG_MAX_ITEMS);
  json_array_foreach(a, i, m){
    static const char *const azIt[] = {"date", "time", "title", "place", "org_id", 0};
    DgItem *d = &x->aItem[x->nItem];
    memset(d, 0, sizeof *d);
    Err e2;
    int bSet;
    if( !json_is_object(m) ) return err_set(e, YC_EINVALID, "wrong_type", "programme", "programme[%zu] must be an object", i);
    if( in_known_fields(m, azIt, &e2) || in_str(m, "date", 1, 10, 0, &d->zDate, &bSet, &e2)
     || in_day("date", d->zDate, 0, &e2) || in_str(m, "time", 0, 5, 0, &d->zTime, &bSet, &e2)
     || in_str(m, "title", 1, 300, 0, &d->zTitle, &bSet, &e2) || in_str(m, "place", 0, 300, 0, &d->zPlace, &bSet, &e2)
     || in_int(m, "org_id", 0, 1, INT64_MAX, &d->orgId, &bSet, &e2) )
      return err_set(e, YC_EINVALID, e2.zCode, "programme", "programme[%zu]: %s", i, e2.zMsg);
    const char *t = d->zTime;
    if( t && (strlen(t)!=5 || t[2]!=':' || t[0]<'0' || t[0]>'2' || t[1]<'0' || t[1]>'9' || t[3]<'0' || t[3]>'5'
              || t[4]<'0' || t[4]>'9' || (t[0]=='2' && t[1]>'3')) )
      return err_set(e, YC_EINVALID, "invalid_time", "programme", "programme[%zu].time must be HH:MM (00:00 to 23:59)", i);
    int day = date_text_day(d->zDate);
    if( day<x->per.day0 || day>x->per.dayEnd )
      return err_set(e, YC_EINVALID, "out_of_range", "programme", "programme[%zu].date %s is not within the delegation's dates",
                     i, d->zDate);
    if( d->orgId && !org_exists(c, d->orgId) )
      return err_set(e, YC_EINVALID, "unknown_org", "programme", "programme[%zu]: no organisation with id %lld", i, (long long)d->orgId);
    x->nItem++;
  }
  return YC_OK;
}

static YcStatus dg_from_json(Ctx *c, json_t *in, DgIn *x, Err *e){
  YcStatus st;
  int bSet;
  memset(x, 0, sizeof *x);
  if( (st = in_known_fields(in, azDgField, e)) ) return st;
  if( (st = in_enum(in, "direction", 1, azDelegationDirection, &x->zDirection, &bSet, e)) ) return st;
  if( (st = in_enum(in, "status", 0, azDelegationStatus, &x->zStatus, &bSet, e)) ) return st;
  if( !x->zStatus ) x->zStatus = "planned";
  if( (st = in_str(in, "title_zh", 0, 300, 0, &x->zTitleZh, &bSet, e)) ) return st;
  if( (st = in_str(in, "title_en", 0, 300, 0, &x->zTitleEn, &bSet, e)) ) return st;
  if( !x->zTitleZh && !x->zTitleEn ) return err_set(e, YC_EINVALID, "required", "title_en", "a delegation needs a title: title_zh or title_en");
  if( (st = in_period(in, 1, &x->per, e)) ) return st;
  if( strcmp(x->zStatus, "done")==0 && x->per.day0>date_today() )
    return err_set(e, YC_EINVALID, "in_future", "status", "a delegation that starts %s cannot be done yet", x->per.zStart);
  if( (st = in_ids(in, "ties", x->aTie, DG_MAX_TIES, &x->nTie, &bSet, e)) ) return st;
  if( x->nTie==0 ) return err_set(e, YC_EINVALID, "required", "ties", "a delegation concerns at least one partner tie");
  for(int i=0; i<x->nTie; i++){
    if( !partner_exists(c, x->aTie[i]) )
      return err_set(e, YC_EINVALID, "unknown_tie", "ties", "no partner tie with id %lld", (long long)x->aTie[i]);
  }
  if( (st = in_str(in, "head", 0, 300, 0, &x->zHead, &bSet, e)) ) return st;
  if( (st = in_int(in, "head_person_id", 0, 1, INT64_MAX, &x->headId, &bSet, e)) ) return st;
  if( x->headId && !person_exists(c, x->headId) )
    return err_set(e, YC_EINVALID, "unknown_person", "head_person_id", "no person with id %lld", (long long)x->headId);
  if( (st = dg_members(c, in, x, e)) ) return st;
  if( (st = in_int(in, "size", 0, 0, 100000, &x->size, &x->bSize, e)) ) return st;
  if( json_is_null(json_object_get(in, "size")) ) x->bSize = 0;
  if( (st = in_str(in, "purpose", 0, 2000, 1, &x->zPurpose, &bSet, e)) ) return st;
  json_t *a, *v;
  size_t i;
  if( (st = in_str_array(in, "fields", 10, 30, &a, &bSet, e)) ) return st;
  json_array_foreach(a, i, v){
    int k = in_enum_index(azExchangeField, json_string_value(v));
    if( k<0 ) return err_set(e, YC_EINVALID, "invalid_value", "fields", "fields[%zu] '%s' is not a field of cooperation", i, json_string_value(v));
    x->fields |= 1<<k;
  }
  x->aFieldName = a;
  if( (st = in_int(in, "event_id", 0, 1, INT64_MAX, &x->eventId, &bSet, e)) ) return st;
  if( x->eventId && !stmt_exists(c->db, "SELECT 1 FROM event WHERE id=?1", x->eventId) )
    return err_set(e, YC_EINVALID, "unknown_event", "event_id", "no event with id %lld", (long long)x->eventId);
  x->bPublic = 1;
  if( (st = in_bool(in, "public", &x->bPublic, &bSet, e)) ) return st;
  if( !bSet ) x->bPublic = 1;
  if( (st = dg_programme(c, in, x, e)) ) return st;
  if( (st = in_str(in, "notes", 0, 20000, 1, &x->zNotes, &bSet, e)) ) return st;
  if( (st = in_str_array(in, "sources", 20, 2000, &a, &bSet, e)) ) return st;
  if( a && json_array_size(a) ) x->zSources = json_text(a, JSON_COMPACT);
  return YC_OK;
}

/* The owned exchange of a delegation as it stands in x: its fields when
** done, else 0 (none). */
static json_t *dg_exchange_input(const DgIn *x){
  if( strcmp(x->zStatus, "done")!=0 ) return 0;
  json_t *ties = json_array();
  for(int i=0; i<x->nTie; i++) json_array_append_new(ties, json_integer(x->aTie[i]));
  json_t *in = json_pack("{s:s, s:s, s:s, s:o, s:o}", "kind", strcmp(x->zDirection, "in")==0 ? "delegation_in" : "delegation_out",
    "date", x->per.zStart, "title", x->zTitleEn ? x->zTitleEn : x->zTitleZh, "ties", ties,
    "fields", exchange_fields_json(x->fields));
  if( x->bSize ) json_object_set_new(in, "participants", json_integer(x->size));
  if( x->zPurpose ) json_object_set_new(in, "description", json_string(x->zPurpose));
  if( x->zSources ){
    json_error_t je;
    json_t *s = json_loads(x->zSources, 0, &je);
    if( s ) json_object_set_new(in, "sources", s);
  }
  return in;
}

static YcStatus dg_write(Ctx *c, DgIn *x, int64_t *pId, Err *e){
  char zNow[24];
  date_now(zNow);
  int64_t id = *pId;
  DbStmt *p = db_stmt(c->db, id==0 ?
    "INSERT INTO delegation(direction,title_zh,title_en,status,start_date,start_precision,start_day0,end_date,"
    "end_precision,day_end,home_city_id,head,head_person_id,size,purpose,fields,event_id,public,notes,sources,"
    "created_at,updated_at) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?21)" :
    "UPDATE delegation SET direction=?1, title_zh=?2, title_en=?3, status=?4, start_date=?5, start_precision=?6,"
    " start_day0=?7, end_date=?8, end_precision=?9, day_end=?10, home_city_id=?11, head=?12, head_person_id=?13,"
    " size=?14, purpose=?15, fields=?16, event_id=?17, public=?18, notes=?19, sources=?20, updated_at=?21 WHERE id=?22");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_text(p, 1, x->zDirection, -1);
  db_bind_text(p, 2, x->zTitleZh, -1);
  db_bind_text(p, 3, x->zTitleEn, -1);
  db_bind_text(p, 4, x->zStatus, -1);
  db_bind_text(p, 5, x->per.zStart, -1);
  db_bind_text(p, 6, x->per.zStartPrec, -1);
  db_bind_int(p, 7, x->per.day0);
  db_bind_text(p, 8, x->per.zEnd, -1);
  db_bind_text(p, 9, x->per.zEndPrec, -1);
  db_bind_int(p, 10, x->per.dayEnd);
  db_bind_id(p, 11, c->homeCityId);
  db_bind_text(p, 12, x->zHead, -1);
  db_bind_id(p, 13, x->headId);
  if( x->bSize ) db_bind_int64(p, 14, x->size); else db_bind_null(p, 14);
  db_bind_text(p, 15, x->zPurpose, -1);
  db_bind_int(p, 16, x->fields);
  db_bind_id(p, 17, x->eventId);
  db_bind_int(p, 18, x->bPublic);
  db_bind_text(p, 19, x->zNotes, -1);
  db_bind_text(p, 20, x->zSources, -1);
  db_bind_text(p, 21, zNow, -1);
  if( id ) db_bind_int64(p, 22, id);
  int rc = db_step(p);
  db_reset(p);
  if( rc!=DB_DONE ) return db_error(c->db, rc, e);
  YcStatus st = YC_OK;
  if( id==0 ){
    id = *pId = db_last_id(c->db);
  }else{
    int64_t a[1] = {id};
    static const char *const azDel[] = {"DELETE FROM delegation_tie WHERE delegation_id=?1",
      "DELETE FROM delegation_member WHERE delegation_id=?1", "DELETE FROM delegation_item WHERE delegation_id=?1", 0};
    for(int i=0; azDel[i] && !st; i++) st = stmt_run(c->db, azDel[i], a, 1, e);
  }
  for(int i=0; i<x->nTie && !st; i++){
    int64_t a[2] = {id, x->aTie[i]};
    st = stmt_run(c->db, "INSERT INTO delegation_tie(delegation_id,tie_id) VALUES(?1,?2)", a, 2, e);
  }
  for(int i=0; i<x->nMember && !st; i++){
    p = db_stmt(c->db, "INSERT INTO delegation_member(delegation_id,person_id,role) VALUES(?1,?2,?3)");
    if( !p ) return db_error(c->db, DB_ERROR, e);
    db_bind_int64(p, 1, id);
    db_bind_int64(p, 2, x->aMember[i].id);
    db_bind_text(p, 3, x->aMember[i].zRole, -1);
    rc = db_step(p);
    db_reset(p);
    if( rc!=DB_DONE ) st = db_error(c->db, rc, e);
  }
  for(int i=0; i<x->nItem && !st; i++){
    const DgItem *d = &x->aItem[i];
    p = db_stmt(c->db, "INSERT INTO delegation_item(delegation_id,pos,date,time,title,place,org_id) VALUES(?1,?2,?3,?4,?5,?6,?7)");
    if( !p ) return db_error(c->db, DB_ERROR, e);
    db_bind_int64(p, 1, id);
    db_bind_int(p, 2, i);
    db_bind_text(p, 3, d->zDate, -1);
    db_bind_text(p, 4, d->zTime, -1);
    db_bind_text(p, 5, d->zTitle, -1);
    db_bind_text(p, 6, d->zPlace, -1);
    db_bind_id(p, 7, d->orgId);
    rc = db_step(p);
    db_reset(p);
    if( rc!=DB_DONE ) st = db_error(c->db, rc, e);
  }
  if( !st ){
    json_t *ex = dg_exchange_input(x);
    int64_t exId = 0;
    st = exchange_sync_owned(c, "delegation", id, ex, &exId, e);
    json_decref(ex);
  }
  return st;
}

#define DG_COLUMNS "d.id, d.direction, d.title_zh, d.title_en, d.status, d.start_date, d.start_precision, d.end_date," \
  " d.end_precision, d.head, d.head_person_id, d.size, d.purpose, d.fields, d.event_id, ev.title_zh, ev.title_en," \
  " d.public, d.notes, d.sources, d.created_at, d.updated_at, (SELECT x.id FROM exchange x WHERE x.delegation_id=d.id)," \
  " d.start_day0, d.day_end"
#define DG_NCOL 25
#define DG_FROM " FROM delegation d LEFT JOIN event ev ON ev.id=d.event_id"

/* The delegation in the current row of p (DG_COLUMNS), without ties,
** members and programme. Personal fields only for signed-in callers;
** bAudit: the head person and members as ids (the audit's form). */
static json_t *dg_row_json(Ctx *c, DbStmt *p, int bAudit){
  json_t *ev = json_null();
  if( db_col_type(p, 14)!=DB_NULL ){
    ev = json_pack("{s:I, s:o, s:o}", "id", (json_int_t)db_col_int64(p, 14), "title_zh", rows_text(p, 15), "title_en", rows_text(p, 16));
  }
  int today = date_today();
  json_t *j = json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:b, s:o, s:o, s:o, s:o, s:b}",
    "id", (json_int_t)db_col_int64(p, 0), "direction", rows_text(p, 1), "title_zh", rows_text(p, 2),
    "title_en", rows_text(p, 3), "status", rows_text(p, 4), "start", rows_text(p, 5), "start_precision", rows_text(p, 6),
    "end", rows_text(p, 7), "end_precision", rows_text(p, 8), "size", rows_value(p, 11), "purpose", rows_text(p, 12),
    "fields", exchange_fields_json(db_col_int(p, 13)), "event", ev, "public", db_col_int(p, 17),
    "sources", rows_array(p, 19), "created_at", rows_text(p, 20), "updated_at", rows_text(p, 21),
    "exchange_id", rows_value(p, 22), "upcoming", db_col_int(p, 24)>=today);
  if( ctx_signed_in(c) || bAudit ){
    json_object_set_new(j, "head", rows_text(p, 9));
    json_object_set_new(j, bAudit ? "head_person_id" : "head_person", rows_value(p, 10));
    json_object_set_new(j, "notes", rows_text(p, 18));
  }
  return j;
}

static YcStatus dg_read(Ctx *c, int64_t id, int bAudit, json_t **ppOut, Err *e){
  *ppOut = 0;
  DbStmt *p = db_stmt(c->db, "SELECT " DG_COLUMNS DG_FROM " WHERE d.id=?1 AND (d.public=1 OR ?2)");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, id);
  db_bind_int(p, 2, ctx_signed_in(c) || bAudit);
  int rc = db_step(p);
  json_t *j = rc==DB_ROW ? dg_row_json(c, p, bAudit) : 0;
  db_reset(p);
  if( rc==DB_DONE ) return err_set(e, YC_ENOTFOUND, "not_found", "id", "no delegation with id %lld", (long long)id);
  if( rc!=DB_ROW ) return db_error(c->db, rc, e);
  /* Ties. */
  json_t *a = json_array();
  p = db_stmt(c->db, "SELECT tie_id FROM delegation_tie WHERE delegation_id=?1 ORDER BY tie_id");
  if( p ){
    db_bind_int64(p, 1, id);
    while( db_step(p)==DB_ROW ){
      if( bAudit ){ json_array_append_new(a, json_integer(db_col_int64(p, 0))); continue; }
      json_t *t = partner_ref(c, db_col_int64(p, 0));
      if( t ) json_array_append_new(a, t);
    }
    db_reset(p);
  }
  json_object_set_new(j, "ties", a);
  unit_attach(c, "delegation", j);
  /* Programme. */
  a = json_array();
  p = db_stmt(c->db, "SELECT i.date, i.time, i.title, i.place, o.id, o.name_en, o.name_zh FROM delegation_item i"
                     " LEFT JOIN org o ON o.id=i.org_id WHERE i.delegation_id=?1 ORDER BY i.pos");
  if( p ){
    db_bind_int64(p, 1, id);
    while( db_step(p)==DB_ROW ){
      json_t *org = db_col_type(p, 4)==DB_NULL ? json_null() :
        json_pack("{s:I, s:o, s:o}", "id", (json_int_t)db_col_int64(p, 4), "name_en", rows_text(p, 5), "name_zh", rows_text(p, 6));
      json_array_append_new(a, json_pack("{s:o, s:o, s:o, s:o, s:o}", "date", rows_text(p, 0), "time", rows_text(p, 1),
                                         "title", rows_text(p, 2), "place", rows_text(p, 3), "org", org));
    }
    db_reset(p);
  }
  json_object_set_new(j, "programme", a);
  /* Members and the head person: personal. */
  if( ctx_signed_in(c) || bAudit ){
    a = json_array();
    p = db_stmt(c->db, "SELECT m.person_id, m.role, p.name_zh, p.name_en, p.name_native, p.erased_at IS NOT NULL"
                       " FROM delegation_member m JOIN person p ON p.id=m.person_id WHERE m.delegation_id=?1"
                       " ORDER BY coalesce(p.name_en, p.name_native, p.name_zh, ''), m.person_id");
    if( p ){
      db_bind_int64(p, 1, id);
      while( db_step(p)==DB_ROW ){
        if( bAudit ){
          json_array_append_new(a, json_pack("{s:I, s:o}", "person_id", (json_int_t)db_col_int64(p, 0), "role", rows_text(p, 1)));
        }else{
          json_array_append_new(a, json_pack("{s:I, s:o, s:o, s:o, s:o, s:b}", "id", (json_int_t)db_col_int64(p, 0),
            "role", rows_text(p, 1), "name_zh", rows_text(p, 2), "name_en", rows_text(p, 3), "name_native", rows_text(p, 4),
            "erased", db_col_int(p, 5)));
        }
      }
      db_reset(p);
    }
    json_object_set_new(j, "members", a);
    json_t *hp = json_object_get(j, "head_person");
    if( json_is_integer(hp) ){
      int64_t pid = json_integer_value(hp);
      p = db_stmt(c->db, "SELECT name_zh, name_en, name_native, erased_at IS NOT NULL FROM person WHERE id=?1");
      json_t *ref = json_null();
      if( p ){
        db_bind_int64(p, 1, pid);
        if( db_step(p)==DB_ROW ){
          ref = json_pack("{s:I, s:o, s:o, s:o, s:b}", "id", (json_int_t)pid, "name_zh", rows_text(p, 0),
                          "name_en", rows_text(p, 1), "name_native", rows_text(p, 2), "erased", db_col_int(p, 3));
        }
        db_reset(p);
      }
      json_object_set_new(j, "head_person", ref);
    }
  }
  *ppOut = j;
  return YC_OK;
}

YcStatus delegation_get(Ctx *c, int64_t id, json_t **ppOut, Err *e){
  return dg_read(c, id, 0, ppOut, e);
}

static const PageOrder aDgOrder[] = {
  {"delegations:-start", {{"d.start_day0", PAGE_INT, 1}, {"d.id", PAGE_INT, 1}}},
  {"delegations:start", {{"d.start_day0", PAGE_INT, 0}, {"d.id", PAGE_INT, 0}}},
};

/* Replace each item's "ties" (ids) by the ties as partner_refs gives them. */
static YcStatus dg_list_ties(Ctx *c, json_t *aItem, Err *e){
  static const char *const azName[] = {"id", 0};
  size_t i, k;
  json_t *x, *t;
  json_array_foreach(aItem, i, x) json_object_set_new(x, "ties", json_array());
  YcStatus st = page_attach(c, aItem, "ties", "SELECT delegation_id, tie_id FROM delegation_tie"
                            " WHERE delegation_id IN (SELECT CAST(value AS INTEGER) FROM json_each(?1)) ORDER BY delegation_id, tie_id", azName, e);
  if( st ) return st;
  json_t *ids = json_array(), *map = 0;
  json_array_foreach(aItem, i, x){
    json_array_foreach(json_object_get(x, "ties"), k, t) json_array_append(ids, json_object_get(t, "id"));
  }
  char *zIds = json_text(ids, JSON_COMPACT);
  json_decref(ids);
  st = partner_refs(c, zIds ? zIds : "[]", &map, e);
  free(zIds);
  if( !st ){
    json_array_foreach(aItem, i, x){
      json_t *a = json_array();
      json_array_foreach(json_object_get(x, "ties"), k, t){
        char z[24];
        snprintf(z, sizeof z, "%lld", (long long)jint(t, "id"));
        json_t *r = json_object_get(map, z);
        if( r ) json_array_append_new(a, json_deep_copy(r));
      }
      json_object_set_new(x, "ties", a);
    }
  }
  json_decref(map);
  return st;
}

YcStatus delegation_list(Ctx *c, const DelegationQuery *q, json_t **ppOut, Err *e){
  *ppOut = 0;
  int iSort = 0, iWhen = -1;
  int64_t tie = 0;
  if( q->zDirection && in_enum_index(azDelegationDirection, q->zDirection)<0 )
    return err_set(e, YC_EINVALID, "invalid_value", "direction", "direction must be in or out");
  if( q->zStatus && in_enum_index(azDelegationStatus, q->zStatus)<0 )
    return err_set(e, YC_EINVALID, "invalid_value", "status", "status must be planned, approved, done or cancelled");
  if( q->zWhen && (iWhen = in_enum_index(azDelegationWhen, q->zWhen))<0 )
    return err_set(e, YC_EINVALID, "invalid_value", "when", "when must be upcoming or past");
  if( q->zSort && (iSort = in_enum_index(azDelegationSort, q->zSort))<0 )
    return err_set(e, YC_EINVALID, "invalid_value", "sort", "sort must be -start or start");
  long long v;
  if( q->zTie ){
    if( in_parse_int(q->zTie, 1, INT64_MAX, &v) ) return err_set(e, YC_EINVALID, "invalid_value", "tie", "tie must be a partner tie id");
    tie = v;
  }
  int64_t unit = 0;
  if( q->zUnit ){
    if( in_parse_int(q->zUnit, 1, INT64_MAX, &v) ) return err_set(e, YC_EINVALID, "invalid_value", "unit", "unit must be a unit id");
    unit = v;
  }
  Page pg;
  YcStatus st = page_begin(&pg, &aDgOrder[iSort], 0, q->zLimit, 50, 500, q->zCursor, e);
  if( st ) return st;
  static const char zWhere[] = DG_FROM " WHERE (d.public=1 OR ?1) AND (?2 IS NULL OR d.direction=?2)"
    " AND (?3 IS NULL OR d.status=?3) AND (?4=0 OR d.id IN (SELECT delegation_id FROM delegation_tie WHERE tie_id=?4))"
    " AND (?5<0 OR (?5=0 AND d.day_end>=?6) OR (?5=1 AND d.day_end<?6)) AND (?7=0 OR d.unit_id=?7)";
  Buf sql = BUF_INIT;
  buf_printf(&sql, "SELECT count(*)%s", zWhere);
  int64_t nTotal = 0;
  json_t *items = json_array();
  int rc = DB_ERROR;
  for(int k=0; k<2; k++){
    DbStmt *p = db_stmt(c->db, buf_str(&sql));
    if( !p ){ rc = DB_ERROR; break; }
    db_bind_int(p, 1, ctx_signed_in(c));
    db_bind_text(p, 2, q->zDirection, -1);
    db_bind_text(p, 3, q->zStatus, -1);
    db_bind_int64(p, 4, tie);
    db_bind_int(p, 5, iWhen);
    db_bind_int(p, 6, date_today());
    db_bind_int64(p, 7, unit);
    if( k==1 ) page_bind(&pg, p, 8);
    while( (rc = db_step(p))==DB_ROW ){
      if( k==0 ) nTotal = db_col_int64(p, 0);
      else if( page_row(&pg, p, DG_NCOL) ) json_array_append_new(items, dg_row_json(c, p, 0));
    }
    db_reset(p);
    if( rc!=DB_DONE ) break;
    buf_reset(&sql);
    buf_puts(&sql, "SELECT " DG_COLUMNS);
    page_sql_keys(&pg, &sql);
    buf_puts(&sql, zWhere);
    page_sql_tail(&pg, &sql, 8);
  }
  buf_free(&sql);
  st = rc==DB_DONE ? YC_OK : db_error(c->db, rc, e);
  if( !st ) st = dg_list_ties(c, items, e);
  if( !st ){
    unit_attach_items(c, "delegation", items);
    *ppOut = page_answer(&pg, items, nTotal, q->bPrev);
  }
  json_decref(items);
  page_free(&pg);
  return st;
}

YcStatus delegation_create_tx(Ctx *c, json_t *in, int64_t *pId, Err *e){
  DgIn *x = malloc(sizeof *x);
  *pId = 0;
  if( !x ) return err_set(e, YC_EINTERNAL, 0, 0, "out of memory");
  memset(x, 0, sizeof *x);
  json_t *rest = 0;
  int64_t unitId = 0;
  int bUnit = 0;
  YcStatus st = unit_take(c, in, &rest, &unitId, &bUnit, e);
  if( !st ) st = dg_from_json(c, rest, x, e);
  if( !st ) st = dg_write(c, x, pId, e);
  if( !st ) st = unit_set(c, "delegation", *pId, unitId, bUnit, 1, e);
  if( !st ){
    json_t *j = 0;
    st = dg_read(c, *pId, 1, &j, e);
    if( !st ) st = audit_log(c, "create", "delegation", *pId, 0, j, e);
    json_decref(j);
  }
  free(x->zSources);
  free(x);
  json_decref(rest);
  return st;
}

YcStatus delegation_create(Ctx *c, json_t *in, json_t **ppOut, Err *e){
  *ppOut = 0;
  int64_t id;
  YcStatus st = ctx_create(c, in, delegation_create_tx, &id, e);
  return st ? st : delegation_get(c, id, ppOut, e);
}

/* The input form of a stored delegation (dg_read's audit form). */
static json_t *dg_as_input(json_t *j){
  json_t *in = json_object();
  static const char *const azCopy[] = {"direction", "status", "title_zh", "title_en", "start", "end", "ties", "head",
    "head_person_id", "size", "purpose", "fields", "public", "notes", "sources", "members", 0};
  for(int i=0; azCopy[i]; i++){
    json_t *v = json_object_get(j, azCopy[i]);
    if( v && !json_is_null(v) ) json_object_set(in, azCopy[i], v);
  }
  json_t *ev = json_object_get(j, "event");
  if( json_is_object(ev) ) json_object_set(in, "event_id", json_object_get(ev, "id"));
  json_t *a = json_array(), *x;
  size_t i;
  json_array_foreach(json_object_get(j, "programme"), i, x){
    json_t *m = json_object();
    static const char *const azIt[] = {"date", "time", "title", "place", 0};
    for(int k=0; azIt[k]; k++) if( jstr(x, azIt[k]) ) json_object_set(m, azIt[k], json_object_get(x, azIt[k]));
    if( json_is_object(json_object_get(x, "org")) ) json_object_set(m, "org_id", json_object_get(json_object_get(x, "org"), "id"));
    json_array_append_new(a, m);
  }
  json_object_set_new(in, "programme", a);
  return in;
}

/* Update id: `in` merged over the stored delegation (null clears), or, when
** xEdit is given, the stored input changed by xEdit. */
static YcStatus dg_change(Ctx *c, int64_t id, json_t *in, YcStatus (*xEdit)(json_t*, void*, Err*), void *pArg,
                          json_t **ppOut, Err *e){
  *ppOut = 0;
  json_t *jBefore = 0, *jAfter = 0, *merged = 0;
  DgIn *x = calloc(1, sizeof *x);
  if( !x ) return err_set(e, YC_EINTERNAL, 0, 0, "out of memory");
  if( db_begin(c->db, e) ){ free(x); return e ? e->st : YC_EINTERNAL; }
  YcStatus st = dg_read(c, id, 1, &jBefore, e);
  if( !st && !ctx_signed_in(c) && !json_is_true(json_object_get(jBefore, "public")) )
    st = err_set(e, YC_ENOTFOUND, "not_found", "id", "no delegation with id %lld", (long long)id);
  json_t *rest = 0;
  int64_t unitId = 0;
  int bUnit = 0;
  if( !st && in ) st = unit_take(c, in, &rest, &unitId, &bUnit, e);
  if( !st && in ) st = in_known_fields(rest, azDgField, e);
  if( !st ){
    merged = dg_as_input(jBefore);
    if( in ){
      static const char *const azKeep[] = {"direction", "status", 0};
      in_patch(merged, rest, azKeep);
      if( json_is_null(json_object_get(in, "status")) ) st = err_set(e, YC_EINVALID, "required", "status", "status cannot be null");
    }else{
      st = xEdit(merged, pArg, e);
    }
  }
  if( !st ) st = dg_from_json(c, merged, x, e);
  if( !st ) st = dg_write(c, x, &id, e);
  if( !st ) st = unit_set(c, "delegation", id, unitId, bUnit, 0, e);
  if( !st ) st = dg_read(c, id, 1, &jAfter, e);
  if( !st ) st = audit_log(c, "update", "delegation", id, jBefore, jAfter, e);
  if( !st ) st = db_commit(c->db, e);
  free(x->zSources);
  free(x);
  json_decref(rest);
  json_decref(merged);
  json_decref(jBefore);
  json_decref(jAfter);
  if( st ){ db_rollback(c->db); return st; }
  return delegation_get(c, id, ppOut, e);
}

YcStatus delegation_update(Ctx *c, int64_t id, json_t *in, json_t **ppOut, Err *e){
  return dg_change(c, id, in, 0, 0, ppOut, e);
}

static YcStatus edit_item(json_t *m, void *p, Err *e){
  (void)e;
  json_array_append(json_object_get(m, "programme"), (json_t*)p);
  return YC_OK;
}
YcStatus delegation_item_add(Ctx *c, int64_t id, json_t *item, json_t **ppOut, Err *e){
  return dg_change(c, id, 0, edit_item, item, ppOut, e);
}

static YcStatus edit_member(json_t *m, void *p, Err *e){
  (void)e;
  json_t *a = json_object_get(m, "members");
  if( !a ){ a = json_array(); json_object_set_new(m, "members", a); }
  json_array_append(a, (json_t*)p);
  return YC_OK;
}
YcStatus delegation_member_add(Ctx *c, int64_t id, int64_t personId, const char *zRole, json_t **ppOut, Err *e){
  json_t *m = json_pack("{s:I}", "person_id", (json_int_t)personId);
  if( zRole ) json_object_set_new(m, "role", json_string(zRole));
  YcStatus st = dg_change(c, id, 0, edit_member, m, ppOut, e);
  json_decref(m);
  return st;
}

YcStatus delegation_set_status(Ctx *c, int64_t id, const char *zStatus, json_t **ppOut, Err *e){
  json_t *in = json_pack("{s:s?}", "status", zStatus);
  if( !zStatus ) json_object_set_new(in, "status", json_null());
  YcStatus st = dg_change(c, id, in, 0, 0, ppOut, e);
  json_decref(in);
  return st;
}

YcStatus delegation_delete(Ctx *c, int64_t id, Err *e){
  json_t *jBefore = 0;
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  YcStatus st = dg_read(c, id, 1, &jBefore, e);
  if( !st && !ctx_signed_in(c) && !json_is_true(json_object_get(jBefore, "public")) )
    st = err_set(e, YC_ENOTFOUND, "not_found", "id", "no delegation with id %lld", (long long)id);
  int64_t exId = 0, a[1] = {id};
  if( !st ) st = exchange_sync_owned(c, "delegation", id, 0, &exId, e);
  if( !st ) st = stmt_run(c->db, "DELETE FROM delegation WHERE id=?1", a, 1, e);
  if( !st ) st = audit_log(c, "delete", "delegation", id, jBefore, 0, e);
  if( !st ) st = db_commit(c->db, e);
  if( st ) db_rollback(c->db);
  json_decref(jBefore);
  return st;
}

int64_t delegation_find(Ctx *c, const char *zTitleEn, const char *zTitleZh, const char *zStart){
  DbStmt *p = db_stmt(c->db, "SELECT id FROM delegation WHERE start_date=?3 AND"
                             " ((?1 IS NOT NULL AND title_en=?1) OR (?1 IS NULL AND title_zh=?2)) ORDER BY id LIMIT 1");
  if( !p ) return 0;
  db_bind_text(p, 1, zTitleEn && *zTitleEn ? zTitleEn : 0, -1);
  db_bind_text(p, 2, zTitleZh && *zTitleZh ? zTitleZh : 0, -1);
  db_bind_text(p, 3, zStart, -1);
  int64_t id = db_step(p)==DB_ROW ? db_col_int64(p, 0) : 0;
  db_reset(p);
  return id;
}
