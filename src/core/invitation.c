/* invitation.c: invitations to events and the participation matrix; see invitation.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/invitation.h"
#include "core/event.h"
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

const char *const azInvitationStatus[] = {"to_invite", "invited", "accepted", "declined", "attended", "no_show", 0};
const char *const azMatrixParam[] = {"series", "from", "to", "events", "limit", "cursor", 0};

const char *const azInvField[] = {"tie_id", "org_id", "person_id", "status", "invited_on", "answered_on",
  "size", "head", "head_person_id", "notes", "sources", 0};

/* ---------------------------------------------------------------------------
** Read
*/
#define INV_COLUMNS "i.id, i.event_id, i.tie_id, i.org_id, o.name_en, o.name_zh, i.person_id, pe.name_zh, pe.name_en," \
  " pe.name_native, i.status, i.invited_on, i.answered_on, i.size, i.head, i.head_person_id, i.notes, i.sources," \
  " i.created_at, i.updated_at"
#define INV_FROM " FROM invitation i LEFT JOIN org o ON o.id=i.org_id LEFT JOIN person pe ON pe.id=i.person_id"

/* One invitation row as JSON; its tie is added by the caller (tie refs in
** one statement). 0 for a person's invitation when not signed in. */
static json_t *inv_row_json(Ctx *c, DbStmt *p){
  int bIn = ctx_signed_in(c);
  if( db_col_type(p, 6)!=DB_NULL && !bIn ) return 0;
  json_t *org = json_null(), *person = json_null();
  if( db_col_type(p, 3)!=DB_NULL )
    org = json_pack("{s:I, s:o, s:o}", "id", (json_int_t)db_col_int64(p, 3), "name_en", rows_text(p, 4), "name_zh", rows_text(p, 5));
  if( db_col_type(p, 6)!=DB_NULL )
    person = json_pack("{s:I, s:o, s:o, s:o}", "id", (json_int_t)db_col_int64(p, 6), "name_zh", rows_text(p, 7),
                       "name_en", rows_text(p, 8), "name_native", rows_text(p, 9));
  json_t *j = json_pack("{s:I, s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
    "id", (json_int_t)db_col_int64(p, 0), "event_id", (json_int_t)db_col_int64(p, 1),
    "tie_id", rows_value(p, 2), "org", org, "person", person, "status", rows_text(p, 10),
    "invited_on", rows_text(p, 11), "answered_on", rows_text(p, 12), "size", rows_value(p, 13),
    "sources", rows_array(p, 17), "created_at", rows_text(p, 18), "updated_at", rows_text(p, 19));
  if( bIn ){
    json_object_set_new(j, "head", rows_text(p, 14));
    json_object_set_new(j, "head_person_id", rows_value(p, 15));
    json_object_set_new(j, "notes", rows_text(p, 16));
  }
  return j;
}

/* Replace "tie_id" of every item by "tie" (a tie ref or null), in one statement. */
static YcStatus inv_add_ties(Ctx *c, json_t *aItem, Err *e){
  char *zIds = page_ids(aItem, "tie_id");
  json_t *map = 0, *x;
  YcStatus st = zIds ? partner_refs(c, zIds, &map, e) : YC_OK;
  size_t i;
  json_array_foreach(aItem, i, x){
    json_t *t = json_object_get(x, "tie_id"), *r = 0;
    if( json_is_integer(t) ){
      char z[24];
      snprintf(z, sizeof z, "%lld", (long long)json_integer_value(t));
      r = json_object_get(map, z);
    }
    json_object_set(x, "tie", r ? r : json_null());
  }
  json_decref(map);
  free(zIds);
  return st;
}

YcStatus invitation_get(Ctx *c, int64_t id, json_t **ppOut, Err *e){
  *ppOut = 0;
  DbStmt *p = db_stmt(c->db, "SELECT " INV_COLUMNS INV_FROM " JOIN event ev ON ev.id=i.event_id"
                             " WHERE i.id=?1 AND (ev.public=1 OR ?2)");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, id);
  db_bind_int(p, 2, ctx_signed_in(c));
  int rc = db_step(p);
  json_t *j = rc==DB_ROW ? inv_row_json(c, p) : 0;
  db_reset(p);
  if( rc!=DB_ROW && rc!=DB_DONE ) return db_error(c->db, rc, e);
  if( !j ) return err_set(e, YC_ENOTFOUND, "not_found", "id", "no invitation with id %lld", (long long)id);
  json_t *a = json_pack("[O]", j);
  YcStatus st = inv_add_ties(c, a, e);
  json_decref(a);
  if( st ){ json_decref(j); return st; }
  *ppOut = j;
  return YC_OK;
}

YcStatus invitation_list(Ctx *c, int64_t eventId, json_t **ppOut, Err *e){
  *ppOut = 0;
  json_t *ev = 0;
  YcStatus st = event_get(c, eventId, &ev, e);     /* 404 for a private event when not signed in */
  json_decref(ev);
  if( st ) return st;
  DbStmt *p = db_stmt(c->db, "SELECT " INV_COLUMNS INV_FROM " LEFT JOIN tie t ON t.id=i.tie_id LEFT JOIN city ci ON ci.id=t.partner_city_id"
    " WHERE i.event_id=?1 ORDER BY i.tie_id IS NULL, i.org_id IS NULL, coalesce(ci.name, o.name_en, o.name_zh, pe.name_en, pe.name_zh), i.id");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, eventId);
  json_t *items = json_array(), *counts = json_object();
  for(int i=0; azInvitationStatus[i]; i++) json_object_set_new(counts, azInvitationStatus[i], json_integer(0));
  int rc;
  while( (rc = db_step(p))==DB_ROW ){
    json_t *j = inv_row_json(c, p);
    if( !j ) continue;
    json_t *n = json_object_get(counts, jstr0(j, "status"));
    if( n ) json_integer_set(n, json_integer_value(n) + 1);
    json_array_append_new(items, j);
  }
  db_reset(p);
  st = rc==DB_DONE ? inv_add_ties(c, items, e) : db_error(c->db, rc, e);
  if( st ){ json_decref(items); json_decref(counts); return st; }
  *ppOut = json_pack("{s:o, s:o}", "items", items, "counts", counts);
  return YC_OK;
}

/* ---------------------------------------------------------------------------
** Write
*/
typedef struct InvIn {
  int64_t tie, org, person, headPerson, size;
  int bSize;
  const char *zStatus, *zInvited, *zAnswered, *zHead, *zNotes;
  char *zSources;
} InvIn;

/* A day field: YYYY-MM-DD, not in the future. */
static YcStatus inv_day(json_t *in, const char *zKey, const char **pz, Err *e){
  json_t *v = json_object_get(in, zKey);
  *pz = 0;
  if( !v || json_is_null(v) ) return YC_OK;
  if( !json_is_string(v) ) return err_set(e, YC_EINVALID, "wrong_type", zKey, "%s must be a date YYYY-MM-DD", zKey);
  *pz = json_string_value(v);
  return in_day(zKey, *pz, 1, e);
}

static YcStatus inv_from_json(Ctx *c, int64_t eventId, json_t *in, InvIn *x, Err *e){
  YcStatus st;
  int bSet;
  memset(x, 0, sizeof *x);
  if( !json_is_object(in) ) return err_set(e, YC_EINVALID, "invalid_body", 0, "the body must be a JSON object");
  if( (st = in_known_fields(in, azInvField, e)) ) return st;
  if( (st = in_int(in, "tie_id", 0, 1, INT64_MAX, &x->tie, &bSet, e)) ) return st;
  if( (st = in_int(in, "org_id", 0, 1, INT64_MAX, &x->org, &bSet, e)) ) return st;
  if( (st = in_int(in, "person_id", 0, 1, INT64_MAX, &x->person, &bSet, e)) ) return st;
  if( (x->tie!=0) + (x->org!=0) + (x->person!=0) != 1 )
    return err_set(e, YC_EINVALID, "required", "tie_id", "invite exactly one of tie_id, org_id or person_id");
  if( x->tie && !partner_kind(c, x->tie) )
    return err_set(e, YC_EINVALID, "unknown_tie", "tie_id", "no partner tie with id %lld", (long long)x->tie);
  if( x->org && !org_exists(c, x->org) )
    return err_set(e, YC_EINVALID, "unknown_org", "org_id", "no organisation with id %lld", (long long)x->org);
  if( x->person && !stmt_exists(c->db, "SELECT 1 FROM person WHERE id=?1 AND erased_at IS NULL", x->person) )
    return err_set(e, YC_EINVALID, "unknown_person", "person_id", "no person with id %lld", (long long)x->person);
  if( (st = in_enum(in, "status", 0, azInvitationStatus, &x->zStatus, &bSet, e)) ) return st;
  if( !x->zStatus ) x->zStatus = "invited";
  if( (strcmp(x->zStatus, "attended")==0 || strcmp(x->zStatus, "no_show")==0) ){
    int s = event_status(c, eventId);
    if( s!=2 ) return err_set(e, YC_EINVALID, "event_not_held", "status",
                              "%s is only for a held event: this event is %s", x->zStatus, s>=0 ? azEventStatus[s] : "unknown");
  }
  if( (st = inv_day(in, "invited_on", &x->zInvited, e)) ) return st;
  if( (st = inv_day(in, "answered_on", &x->zAnswered, e)) ) return st;
  if( x->zInvited && x->zAnswered && strcmp(x->zAnswered, x->zInvited)<0 )
    return err_set(e, YC_EINVALID, "invalid_range", "answered_on", "answered_on (%s) is before invited_on (%s)", x->zAnswered, x->zInvited);
  if( (st = in_int(in, "size", 0, 0, 100000, &x->size, &x->bSize, e)) ) return st;
  if( x->bSize && json_is_null(json_object_get(in, "size")) ) x->bSize = 0;
  if( (st = in_str(in, "head", 0, 300, 0, &x->zHead, &bSet, e)) ) return st;
  if( (st = in_int(in, "head_person_id", 0, 1, INT64_MAX, &x->headPerson, &bSet, e)) ) return st;
  if( x->headPerson && !stmt_exists(c->db, "SELECT 1 FROM person WHERE id=?1 AND erased_at IS NULL", x->headPerson) )
    return err_set(e, YC_EINVALID, "unknown_person", "head_person_id", "no person with id %lld", (long long)x->headPerson);
  if( (st = in_str(in, "notes", 0, 20000, 1, &x->zNotes, &bSet, e)) ) return st;
  json_t *a;
  if( (st = in_str_array(in, "sources", 20, 2000, &a, &bSet, e)) ) return st;
  if( a && json_array_size(a) ) x->zSources = json_text(a, JSON_COMPACT);
  return YC_OK;
}

static YcStatus inv_write(Ctx *c, int64_t eventId, InvIn *x, int64_t *pId, Err *e){
  char zNow[24];
  date_now(zNow);
  DbStmt *p = db_stmt(c->db, *pId==0 ?
    "INSERT INTO invitation(event_id,tie_id,org_id,person_id,status,invited_on,answered_on,size,head,head_person_id,"
    "notes,sources,created_at,updated_at) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?13)" :
    "UPDATE invitation SET status=?5, invited_on=?6, answered_on=?7, size=?8, head=?9, head_person_id=?10, notes=?11,"
    " sources=?12, updated_at=?13 WHERE id=?14 AND event_id=?1 AND tie_id IS ?2 AND org_id IS ?3 AND person_id IS ?4");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, eventId);
  db_bind_id(p, 2, x->tie);
  db_bind_id(p, 3, x->org);
  db_bind_id(p, 4, x->person);
  db_bind_text(p, 5, x->zStatus, -1);
  db_bind_text(p, 6, x->zInvited, -1);
  db_bind_text(p, 7, x->zAnswered, -1);
  if( x->bSize ) db_bind_int64(p, 8, x->size); else db_bind_null(p, 8);
  db_bind_text(p, 9, x->zHead, -1);
  db_bind_id(p, 10, x->headPerson);
  db_bind_text(p, 11, x->zNotes, -1);
  db_bind_text(p, 12, x->zSources, -1);
  db_bind_text(p, 13, zNow, -1);
  if( *pId ) db_bind_int64(p, 14, *pId);
  int rc = db_step(p);
  db_reset(p);
  if( rc!=DB_DONE ) return db_error(c->db, rc, e);
  if( *pId==0 ) *pId = db_last_id(c->db);
  return YC_OK;
}

/* The audit form of an invitation: every column, personal ones included
** (the audit trail is for signed-in users). */
static json_t *inv_audit(Ctx *c, int64_t id){
  static const char *const az[] = {"id", "event_id", "tie_id", "org_id", "person_id", "status", "invited_on",
    "answered_on", "size", "head", "head_person_id", "notes", "sources", 0};
  DbStmt *p = db_stmt(c->db, "SELECT id, event_id, tie_id, org_id, person_id, status, invited_on, answered_on, size, head,"
                             " head_person_id, notes, sources FROM invitation WHERE id=?1");
  if( !p ) return 0;
  db_bind_int64(p, 1, id);
  json_t *j = db_step(p)==DB_ROW ? rows_object(p, az) : 0;
  db_reset(p);
  return j;
}

YcStatus invitation_create_tx(Ctx *c, int64_t eventId, json_t *in, int64_t *pId, Err *e){
  InvIn x;
  *pId = 0;
  if( event_status(c, eventId)<0 ) return err_set(e, YC_ENOTFOUND, "not_found", "id", "no event with id %lld", (long long)eventId);
  YcStatus st = inv_from_json(c, eventId, in, &x, e);
  if( !st ){
    DbStmt *p = db_stmt(c->db, "SELECT id FROM invitation WHERE event_id=?1 AND (tie_id=?2 OR org_id=?3 OR person_id=?4)");
    if( !p ) st = db_error(c->db, DB_ERROR, e);
    else{
      db_bind_int64(p, 1, eventId);
      db_bind_int64(p, 2, x.tie);
      db_bind_int64(p, 3, x.org);
      db_bind_int64(p, 4, x.person);
      int64_t other = db_step(p)==DB_ROW ? db_col_int64(p, 0) : 0;
      db_reset(p);
      if( other ) st = err_set(e, YC_ECONFLICT, "duplicate", x.tie ? "tie_id" : x.org ? "org_id" : "person_id",
                               "already invited to this event (invitation %lld)", (long long)other);
    }
  }
  if( !st ) st = inv_write(c, eventId, &x, pId, e);
  if( !st ){
    json_t *j = inv_audit(c, *pId);
    st = audit_log(c, "create", "invitation", *pId, 0, j, e);
    json_decref(j);
  }
  free(x.zSources);
  return st;
}

YcStatus invitation_create(Ctx *c, int64_t eventId, json_t *in, json_t **ppOut, Err *e){
  *ppOut = 0;
  int64_t id = 0;
  json_t *ev = 0;
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  YcStatus st = event_get(c, eventId, &ev, e);
  json_decref(ev);
  if( !st ) st = invitation_create_tx(c, eventId, in, &id, e);
  if( !st ) st = event_sync_exchange(c, eventId, e);
  if( !st ) st = db_commit(c->db, e);
  if( st ){ db_rollback(c->db); return st; }
  return invitation_get(c, id, ppOut, e);
}

YcStatus invitation_update(Ctx *c, int64_t id, json_t *in, json_t **ppOut, Err *e){
  *ppOut = 0;
  json_t *jBefore = 0, *merged = 0, *jAfter = 0;
  InvIn x;
  memset(&x, 0, sizeof x);
  int64_t eventId = 0;
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  YcStatus st = invitation_get(c, id, &jAfter, e);     /* visible to this user? */
  json_decref(jAfter);
  jAfter = 0;
  if( !st ){
    jBefore = inv_audit(c, id);
    if( !jBefore ) st = err_set(e, YC_ENOTFOUND, "not_found", "id", "no invitation with id %lld", (long long)id);
  }
  if( !st && !json_is_object(in) ) st = err_set(e, YC_EINVALID, "invalid_body", 0, "the body must be a JSON object");
  if( !st ) st = in_known_fields(in, azInvField, e);
  if( !st ){
    static const char *const azWho[] = {"tie_id", "org_id", "person_id", 0};
    for(int i=0; azWho[i] && !st; i++){
      json_t *v = json_object_get(in, azWho[i]);
      if( v && !json_equal(v, json_object_get(jBefore, azWho[i])) )
        st = err_set(e, YC_EINVALID, "read_only", azWho[i], "the invitee cannot change: delete the invitation and invite again");
    }
  }
  if( !st ){
    eventId = jint(jBefore, "event_id");
    merged = json_object();
    const char *zKey;
    json_t *v;
    json_object_foreach(jBefore, zKey, v){
      if( strcmp(zKey, "id")!=0 && strcmp(zKey, "event_id")!=0 && !json_is_null(v) ) json_object_set(merged, zKey, v);
    }
    if( json_is_string(json_object_get(merged, "sources")) ){
      json_t *a = json_loads(jstr0(merged, "sources"), 0, 0);
      json_object_set_new(merged, "sources", a ? a : json_array());
    }
    in_patch(merged, in, 0);
    st = inv_from_json(c, eventId, merged, &x, e);
  }
  if( !st ) st = inv_write(c, eventId, &x, &id, e);
  if( !st ){
    json_t *j = inv_audit(c, id);
    st = audit_log(c, "update", "invitation", id, jBefore, j, e);
    json_decref(j);
  }
  if( !st ) st = event_sync_exchange(c, eventId, e);
  if( !st ) st = db_commit(c->db, e);
  free(x.zSources);
  json_decref(merged);
  json_decref(jBefore);
  if( st ){ db_rollback(c->db); return st; }
  return invitation_get(c, id, ppOut, e);
}

YcStatus invitation_delete(Ctx *c, int64_t id, Err *e){
  json_t *j = 0, *jBefore = 0;
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  YcStatus st = invitation_get(c, id, &j, e);
  int64_t eventId = j ? jint(j, "event_id") : 0;
  json_decref(j);
  if( !st ) jBefore = inv_audit(c, id);
  int64_t a[1] = {id};
  if( !st ) st = stmt_run(c->db, "DELETE FROM invitation WHERE id=?1", a, 1, e);
  if( !st ) st = audit_log(c, "delete", "invitation", id, jBefore, 0, e);
  if( !st ) st = event_sync_exchange(c, eventId, e);
  if( !st ) st = db_commit(c->db, e);
  if( st ) db_rollback(c->db);
  json_decref(jBefore);
  return st;
}

YcStatus invitation_for_tie(Ctx *c, int64_t tieId, json_t **ppOut, Err *e){
  *ppOut = 0;
  static const char *const az[] = {"event_id", "title_zh", "title_en", "start", "start_precision", "event_status", "status", 0};
  DbStmt *p = db_stmt(c->db, "SELECT e.id, e.title_zh, e.title_en, e.start_date, e.start_precision, e.status, i.status"
    " FROM invitation i JOIN event e ON e.id=i.event_id WHERE i.tie_id=?1 AND (e.public=1 OR ?2)"
    " ORDER BY e.start_day0 DESC, e.id DESC");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, tieId);
  db_bind_int(p, 2, ctx_signed_in(c));
  json_t *a = rows_all(c->db, p, az, e);
  if( !a ) return YC_EINTERNAL;
  int nInv = 0, nAtt = 0;
  size_t i;
  json_t *x;
  json_array_foreach(a, i, x){
    const char *z = jstr0(x, "status");
    if( strcmp(z, "to_invite")!=0 ) nInv++;
    if( strcmp(z, "attended")==0 ) nAtt++;
  }
  *ppOut = json_pack("{s:o, s:i, s:i}", "items", a, "invited", nInv, "attended", nAtt);
  return YC_OK;
}

/* ---------------------------------------------------------------------------
** The participation matrix
*/
typedef struct TieTot { int64_t tie; int nInv, nAtt; } TieTot;

static int tietot_cmp(const void *a, const void *b){
  int64_t x = ((const TieTot*)a)->tie, y = ((const TieTot*)b)->tie;
  return x<y ? -1 : x>y;
}

static const TieTot *tietot_find(const TieTot *a, int n, int64_t tie){
  TieTot k = {tie, 0, 0};
  return n ? bsearch(&k, a, (size_t)n, sizeof k, tietot_cmp) : 0;
}

static const PageOrder aMatrixOrder[] = {
  {"participation:name", {{"ci.name", PAGE_TEXT, 0}, {"t.id", PAGE_INT, 0}}},
};

/* The scope: ?1 series (0 any), ?2 first day, ?3 last day, ?4 signed in. */
#define MX_SCOPE "(?1=0 OR e.series_id=?1) AND e.day_end>=?2 AND e.start_day0<=?3 AND (e.public=1 OR ?4)"

YcStatus invitation_matrix(Ctx *c, const MatrixQuery *q, json_t **ppOut, Err *e){
  *ppOut = 0;
  int64_t series = 0;
  long nEvents = 40;
  int fromDay = -1000000, toDay = 10000000, d0, dm, de;
  const char *zPrec;
  YcStatus st;
  if( q->zSeries && !in_parse_id(q->zSeries, &series) )
    return err_set(e, YC_EINVALID, "invalid_value", "series", "series must be a series id");
  if( q->zFrom ){
    if( (st = in_date_parse("from", q->zFrom, &zPrec, e)) ) return st;
    date_period(q->zFrom, &d0, &dm, &de);
    fromDay = d0;
  }
  if( q->zTo ){
    if( (st = in_date_parse("to", q->zTo, &zPrec, e)) ) return st;
    date_period(q->zTo, &d0, &dm, &de);
    if( de<fromDay ) return err_set(e, YC_EINVALID, "invalid_range", "to", "to is before from");
    toDay = de;
  }
  if( q->zEvents && (!page_uint(q->zEvents, 200, &nEvents) || nEvents<1) )
    return err_set(e, YC_EINVALID, "invalid_value", "events", "events must be an integer from 1 to 200");
  Page pg;
  if( (st = page_begin(&pg, &aMatrixOrder[0], 0, q->zLimit, 100, 500, q->zCursor, e)) ) return st;
  json_t *events = 0, *rows = 0, *colIndex = json_object(), *never = 0, *neverAtt = 0, *refs = 0;
  TieTot *aTot = 0;
  json_t *aKeys = 0;
  int nTot = 0, rc;
  int64_t nEvTotal = 0;
  Buf b = BUF_INIT;
  /* 1. The columns: the latest nEvents events of the scope, shown by date. */
  DbStmt *p = db_stmt(c->db, "SELECT count(*) FROM event e WHERE " MX_SCOPE);
  if( !p ){ st = db_error(c->db, DB_ERROR, e); goto end; }
  db_bind_int64(p, 1, series); db_bind_int(p, 2, fromDay); db_bind_int(p, 3, toDay); db_bind_int(p, 4, ctx_signed_in(c));
  if( db_step(p)==DB_ROW ) nEvTotal = db_col_int64(p, 0);
  db_reset(p);
  static const char *const azEv[] = {"id", "title_zh", "title_en", "start", "start_precision", "status", 0};
  p = db_stmt(c->db, "SELECT * FROM (SELECT e.id, e.title_zh, e.title_en, e.start_date, e.start_precision, e.status, e.start_day0"
                     " FROM event e WHERE " MX_SCOPE " ORDER BY e.start_day0 DESC, e.id DESC LIMIT ?5) ORDER BY 7, 1");
  if( !p ){ st = db_error(c->db, DB_ERROR, e); goto end; }
  db_bind_int64(p, 1, series); db_bind_int(p, 2, fromDay); db_bind_int(p, 3, toDay); db_bind_int(p, 4, ctx_signed_in(c));
  db_bind_int(p, 5, (int)nEvents);
  events = rows_all(c->db, p, azEv, e);
  if( !events ){ st = YC_EINTERNAL; goto end; }
  size_t i;
  json_t *x;
  json_array_foreach(events, i, x){
    char z[24];
    snprintf(z, sizeof z, "%lld", jint(x, "id"));
    json_object_set_new(colIndex, z, json_integer((json_int_t)i));
  }
  /* 2. Every home tie by name: the order of the rows and of the callouts,
  ** read once (the page is cut from it in C, step 4), with its counters
  ** in aTot (sorted by id). */
  p = db_stmt(c->db, "SELECT t.id, ci.name FROM tie t JOIN city ci ON ci.id=t.partner_city_id WHERE t.home_city_id=?1"
                     " ORDER BY ci.name, t.id");
  if( !p ){ st = db_error(c->db, DB_ERROR, e); goto end; }
  db_bind_int64(p, 1, c->homeCityId);
  aKeys = json_array();
  int nAlloc = 0;
  while( (rc = db_step(p))==DB_ROW ){
    if( nTot==nAlloc ){
      nAlloc = nAlloc ? 2*nAlloc : 1024;
      TieTot *a = realloc(aTot, sizeof(TieTot)*(size_t)nAlloc);
      if( !a ){ rc = DB_ERROR; break; }
      aTot = a;
    }
    int64_t t = db_col_int64(p, 0);
    aTot[nTot++] = (TieTot){t, 0, 0};
    json_array_append_new(aKeys, json_pack("[s?,I]", db_text(p, 1), (json_int_t)t));
  }
  db_reset(p);
  if( rc!=DB_DONE ){ st = db_error(c->db, rc, e); goto end; }
  if( nTot>1 ) qsort(aTot, (size_t)nTot, sizeof aTot[0], tietot_cmp);
  /* 3. The invitations of the scope's events (the covering index
  ** invitation_scope of 010_events.sql), counted per tie in one pass. */
  p = db_stmt(c->db, "SELECT i.tie_id, i.status FROM invitation i WHERE i.tie_id IS NOT NULL"
                     " AND i.event_id IN (SELECT e.id FROM event e WHERE " MX_SCOPE ")");
  if( !p ){ st = db_error(c->db, DB_ERROR, e); goto end; }
  db_bind_int64(p, 1, series); db_bind_int(p, 2, fromDay); db_bind_int(p, 3, toDay); db_bind_int(p, 4, ctx_signed_in(c));
  while( (rc = db_step(p))==DB_ROW ){
    TieTot *tt = (TieTot*)tietot_find(aTot, nTot, db_col_int64(p, 0));
    const char *z = db_text(p, 1);
    if( !tt || !z ) continue;
    if( strcmp(z, "to_invite")!=0 ) tt->nInv++;
    if( strcmp(z, "attended")==0 ) tt->nAtt++;
  }
  db_reset(p);
  if( rc!=DB_DONE ){ st = db_error(c->db, rc, e); goto end; }
  /* The callouts: never invited; invited, never attending. */
  int64_t nTies = nTot, nNever = 0, nNeverAtt = 0;
  Buf bNever = BUF_INIT, bNeverAtt = BUF_INIT;
  buf_putc(&bNever, '[');
  buf_putc(&bNeverAtt, '[');
  json_array_foreach(aKeys, i, x){
    int64_t t = json_integer_value(json_array_get(x, 1));
    const TieTot *tt = tietot_find(aTot, nTot, t);
    if( !tt || tt->nInv==0 ){
      if( nNever++<100 ) buf_printf(&bNever, "%s%lld", nNever>1 ? "," : "", (long long)t);
    }else if( tt->nAtt==0 ){
      if( nNeverAtt++<100 ) buf_printf(&bNeverAtt, "%s%lld", nNeverAtt>1 ? "," : "", (long long)t);
    }
  }
  buf_putc(&bNever, ']');
  buf_putc(&bNeverAtt, ']');
  /* 4. The page of ties, cut from the sorted list (keyset cursor, core/page.h). */
  rows = json_array();
  for(size_t k=0; k<json_array_size(aKeys) && !pg.bMore; k++){
    json_t *key = json_array_get(aKeys, pg.bBack ? json_array_size(aKeys) - 1 - k : k);
    if( !page_row_keys(&pg, key) ) continue;
    int64_t t = json_integer_value(json_array_get(key, 1));
    const TieTot *tt = tietot_find(aTot, nTot, t);
    json_t *cells = json_array();
    for(size_t j=0; j<json_array_size(events); j++) json_array_append_new(cells, json_null());
    json_array_append_new(rows, json_pack("{s:I, s:o, s:i, s:i}", "tie_id", (json_int_t)t, "cells", cells,
                                          "invited", tt ? tt->nInv : 0, "attended", tt ? tt->nAtt : 0));
  }
  page_done(&pg, rows);
  /* 5. The cells of the page: its ties' invitations to the columns' events. */
  char *zTies = page_ids(rows, "tie_id"), *zEvs = page_ids(events, "id");
  if( zTies && zEvs ){
    json_t *rowIndex = page_index(rows, "tie_id");
    p = db_stmt(c->db, "SELECT tie_id, event_id, status FROM invitation WHERE tie_id IN (SELECT CAST(value AS INTEGER) FROM json_each(?1))"
                       " AND event_id IN (SELECT CAST(value AS INTEGER) FROM json_each(?2))");
    if( !p ) st = db_error(c->db, DB_ERROR, e);
    else{
      db_bind_text(p, 1, zTies, -1);
      db_bind_text(p, 2, zEvs, -1);
      while( (rc = db_step(p))==DB_ROW ){
        json_t *row = page_item(rowIndex, db_col_int64(p, 0));
        json_t *col = json_object_get(colIndex, db_text(p, 1));
        if( row && col ) json_array_set_new(json_object_get(row, "cells"), (size_t)json_integer_value(col), rows_text(p, 2));
      }
      db_reset(p);
      if( rc!=DB_DONE ) st = db_error(c->db, rc, e);
    }
    json_decref(rowIndex);
  }
  free(zEvs);
  /* 6. Tie refs of the page and of the callouts, in one statement. */
  json_t *aN = json_loads(buf_str(&bNever), 0, 0), *aA = json_loads(buf_str(&bNeverAtt), 0, 0), *v;
  if( !st ){
    json_t *all = json_array();
    json_array_foreach(rows, i, x) json_array_append(all, json_object_get(x, "tie_id"));
    json_array_extend(all, aN);
    json_array_extend(all, aA);
    char *zAll = json_text(all, JSON_COMPACT);
    st = partner_refs(c, zAll, &refs, e);
    free(zAll);
    json_decref(all);
  }
  free(zTies);
  if( !st ){
    json_array_foreach(rows, i, x){
      char z[24];
      snprintf(z, sizeof z, "%lld", jint(x, "tie_id"));
      json_t *r = json_object_get(refs, z);
      json_object_set(x, "tie", r ? r : json_null());
    }
    never = json_array();
    neverAtt = json_array();
    json_array_foreach(aN, i, v){
      char z[24];
      snprintf(z, sizeof z, "%lld", (long long)json_integer_value(v));
      json_t *r = json_object_get(refs, z);
      if( r ) json_array_append(never, r);
    }
    json_array_foreach(aA, i, v){
      char z[24];
      snprintf(z, sizeof z, "%lld", (long long)json_integer_value(v));
      json_t *r = json_object_get(refs, z);
      if( r ) json_array_append(neverAtt, r);
    }
    *ppOut = json_pack("{s:O, s:I, s:O, s:I, s:o, s:{s:I, s:O}, s:{s:I, s:O}}",
      "events", events, "events_total", (json_int_t)nEvTotal, "rows", rows, "total", (json_int_t)nTies,
      "next_cursor", page_next(&pg), "never_invited", "total", (json_int_t)nNever, "items", never,
      "never_attended", "total", (json_int_t)nNeverAtt, "items", neverAtt);
  }
  json_decref(aN);
  json_decref(aA);
  buf_free(&bNever);
  buf_free(&bNeverAtt);
end:
  json_decref(events);
  json_decref(rows);
  json_decref(colIndex);
  json_decref(never);
  json_decref(neverAtt);
  json_decref(refs);
  free(aTot);
  json_decref(aKeys);
  buf_free(&b);
  page_free(&pg);
  return st;
}
