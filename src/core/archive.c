/* archive.c: see archive.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/archive.h"
#include "core/audit.h"
#include "core/page.h"
#include "core/partner.h"
#include "core/profile.h"
#include "core/offer.h"
#include "core/org.h"
#include "core/opportunity.h"
#include "core/event.h"
#include "core/person.h"
#include "core/health.h"
#include "core/exchange.h"
#include "core/project.h"
#include "core/series.h"
#include "core/invitation.h"
#include "core/delegation.h"
#include "core/unit.h"
#include "core/news.h"
#include "store/stmt.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/json.h"

/* The record types a delete archives, and their tables. */
static const struct {
  const char *zEntity, *zTable;
  YcStatus (*xGet)(Ctx*, int64_t, json_t**, Err*);
  YcStatus (*xDelete)(Ctx*, int64_t, Err*);
} aEntity[] = {
  {"tie", "tie", partner_get, partner_delete}, {"org", "org", org_get, org_delete},
  {"exchange", "exchange", exchange_get, exchange_delete}, {"project", "project", project_get, project_delete},
  {"opportunity", "opportunity", opp_get, opp_delete}, {"event", "event", event_get, event_delete},
  {"series", "event_series", series_get, series_delete},
  {"invitation", "invitation", invitation_get, invitation_delete}, {"person", "person", person_get, person_delete},
  {"delegation", "delegation", delegation_get, delegation_delete},
  {"unit", "unit", unit_get, unit_delete},
  {"news", "news", news_get, news_delete},
  {0, 0, 0, 0}
};

static const char *entity_table(const char *zEntity){
  for(int i=0; aEntity[i].zEntity; i++) if( strcmp(aEntity[i].zEntity, zEntity)==0 ) return aEntity[i].zTable;
  return 0;
}

static const char *table_entity(const char *zTable){
  for(int i=0; aEntity[i].zEntity; i++) if( strcmp(aEntity[i].zTable, zTable)==0 ) return aEntity[i].zEntity;
  return 0;
}

/* How a row that goes with a record is counted: a dependant of a kind
** (named in the refusal and on the delete page), or a detail of it (0:
** its sources, industries, programme...). zParent "*": any record. A
** table not listed counts under its own name (never silently). */
static const struct { const char *zParent, *zChild, *zKind; } aKind[] = {
  {"delegation", "delegation_member", 0}, {"delegation", "delegation_item", 0},
  {"delegation", "delegation_tie", 0}, {"event", "event_org", 0},
  {"news", "news_link", 0}, {"news", "news_attachment", 0},
  {"project", "project_tie", 0}, {"project", "project_org", 0}, {"exchange", "exchange_org", 0},
  {"exchange", "exchange_tie", 0},
  {"*", "tie_source", 0}, {"*", "org_source", 0}, {"*", "org_industry", 0}, {"*", "tie_health", 0},
  {"*", "opportunity_industry", 0}, {"*", "opportunity_country", 0}, {"*", "opportunity_city", 0},
  {"*", "project_industry", 0}, {"*", "project_milestone", 0}, {"*", "org_offer_industry", 0},
  {"*", "profile_item_industry", 0}, {"*", "country_list_member", 0},
  {"*", "exchange", "exchange"}, {"*", "exchange_org", "exchange_link"},
  {"*", "project", "project"},
  {"*", "project_tie", "project_link"}, {"*", "project_org", "project_link"},
  {"*", "delegation", "delegation"}, {"*", "delegation_member", "delegation_member"},
  {"*", "delegation_item", "delegation_link"}, {"*", "opportunity", "opportunity"},
  {"*", "interest", "interest"}, {"*", "invitation", "invitation"}, {"*", "event", "event"},
  {"*", "event_org", "event_link"}, {"*", "series_member", "network_member"},
  {"*", "org_tie", "org_link"}, {"*", "org_offer", "offer"}, {"*", "profile_item", "profile_item"},
  {"*", "person", "person"},
  {0, 0, 0}
};

const char *const azArchiveKind[] = {"exchange", "exchange_link", "exchange_shared", "project",
  "project_link", "delegation", "delegation_link", "delegation_member", "delegation_shared",
  "opportunity", "interest", "invitation", "event", "event_link", "network_member", "org_link",
  "offer", "profile_item", "person", 0};

/* English names of the kinds for messages: singular, plural. */
static const struct { const char *zKind, *zOne, *zMany; } aKindName[] = {
  {"exchange", "exchange", "exchanges"}, {"exchange_link", "exchange link", "exchange links"},
  {"exchange_shared", "exchange with other ties", "exchanges with other ties"},
  {"project", "project", "projects"},
  {"project_link", "project link", "project links"}, {"delegation", "delegation", "delegations"},
  {"delegation_link", "delegation programme item", "delegation programme items"},
  {"delegation_member", "delegation membership", "delegation memberships"},
  {"delegation_shared", "delegation with other ties", "delegations with other ties"},
  {"opportunity", "opportunity", "opportunities"}, {"interest", "expression of interest", "expressions of interest"},
  {"invitation", "invitation", "invitations"}, {"event", "event", "events"},
  {"event_link", "event organiser link", "event organiser links"},
  {"network_member", "network membership", "network memberships"},
  {"org_link", "organisation link", "organisation links"}, {"offer", "offer or need", "offers and needs"},
  {"profile_item", "profile item", "profile items"}, {"person", "person", "people"},
  {0, 0, 0}
};

static const char *kind_of(const char *zParent, const char *zChild){
  for(int i=0; aKind[i].zChild; i++){
    if( strcmp(aKind[i].zChild, zChild)!=0 ) continue;
    if( strcmp(aKind[i].zParent, "*")==0 || strcmp(aKind[i].zParent, zParent)==0 ) return aKind[i].zKind;
  }
  return zChild;
}

/* ---------------------------------------------------------------------------
** The plan: what goes with a record
*/
typedef struct Plan {
  Ctx *c;
  const char *zRoot;     /* the record's table */
  int64_t rootId;
  json_t *aRow;          /* [{"t", "r"}], parents first */
  json_t *aNull;         /* [{"t", "c", "id", "v"}] */
  json_t *aOrphan;       /* [{"t", "id"}]: records archive_take deletes itself */
  json_t *aEvent;        /* events whose invitations go (their exchange is synced after) */
  json_t *seen;          /* "table:id" and leaf row texts */
  json_t *counts, *details, *blockers;
  json_t *aQueue;        /* [{"t", "id", "d"}] */
} Plan;

static void plan_free(Plan *P){
  json_decref(P->aRow); json_decref(P->aNull); json_decref(P->aOrphan); json_decref(P->aEvent);
  json_decref(P->seen); json_decref(P->counts); json_decref(P->details); json_decref(P->blockers);
  json_decref(P->aQueue);
}

static void bump(json_t *o, const char *zKey){
  json_object_set_new(o, zKey, json_integer(json_integer_value(json_object_get(o, zKey)) + 1));
}

/* A row as {COLUMN: value}. */
static json_t *row_json(DbStmt *p){
  json_t *r = json_object();
  for(int i=0; i<db_col_count(p); i++){
    json_t *v;
    switch( db_col_type(p, i) ){
      case DB_INTEGER: v = json_integer(db_col_int64(p, i)); break;
      case DB_FLOAT:   v = json_real(db_col_double(p, i)); break;
      case DB_TEXT:    v = json_string(db_text(p, i)); break;
      default:         v = json_null(); break;   /* no table archived here holds blobs */
    }
    json_object_set_new(r, db_col_name(p, i), v ? v : json_null());
  }
  return r;
}

/* Rows of zTable whose zCol is v (table and column names come from the
** schema's foreign keys and the tables above, never from input). */
static YcStatus rows_where(Plan *P, const char *zTable, const char *zCol, int64_t v, json_t **ppOut, Err *e){
  char zSql[200];
  snprintf(zSql, sizeof zSql, "SELECT * FROM \"%s\" WHERE \"%s\"=?1", zTable, zCol);
  DbStmt *p = db_stmt(P->c->db, zSql);
  if( !p ) return db_error(P->c->db, DB_ERROR, e);
  db_bind_int64(p, 1, v);
  json_t *a = json_array();
  int rc;
  while( (rc = db_step(p))==DB_ROW ) json_array_append_new(a, row_json(p));
  db_reset(p);
  if( rc!=DB_DONE ){ json_decref(a); return db_error(P->c->db, rc, e); }
  *ppOut = a;
  return YC_OK;
}

static void add_row(Plan *P, const char *zTable, json_t *r){
  json_array_append_new(P->aRow, json_pack("{s:s, s:O}", "t", zTable, "r", r));
}

/* Take the record zTable id (and, through the queue, what goes with it). */
static YcStatus plan_record(Plan *P, const char *zTable, int64_t id, int depth, Err *e){
  char zKey[96];
  snprintf(zKey, sizeof zKey, "%s:%lld", zTable, (long long)id);
  if( json_object_get(P->seen, zKey) ) return YC_OK;
  json_t *a = 0;
  YcStatus st = rows_where(P, zTable, "id", id, &a, e);
  if( st ) return st;
  if( json_array_size(a)==1 ){
    json_object_set_new(P->seen, zKey, json_true());
    add_row(P, zTable, json_array_get(a, 0));
    json_array_append_new(P->aQueue, json_pack("{s:s, s:I, s:i}", "t", zTable, "id", (json_int_t)id, "d", depth));
  }
  json_decref(a);
  return YC_OK;
}

/* A row without an id of its own (a link, a detail): taken once. */
static void plan_leaf(Plan *P, const char *zTable, json_t *r){
  char *z = json_dumps(r, JSON_COMPACT|JSON_SORT_KEYS);
  if( !z ) return;
  Buf b = {0};
  buf_printf(&b, "%s:%s", zTable, z);
  free(z);
  if( !json_object_get(P->seen, buf_str(&b)) ){
    json_object_set_new(P->seen, buf_str(&b), json_true());
    add_row(P, zTable, r);
  }
  buf_free(&b);
}

static int64_t one_int(Ctx *c, const char *zSql, int64_t v){
  DbStmt *p = db_stmt(c->db, zSql);
  if( !p ) return -1;
  db_bind_int64(p, 1, v);
  int64_t n = db_step(p)==DB_ROW ? db_col_int64(p, 0) : -1;
  db_reset(p);
  return n;
}

/* An exchange or delegation that refers to the tie going: it goes too
** when the tie is its only one (it would be left without ties), else it
** blocks the delete (the tie is to be taken off it first). Owned exchanges
** follow their event or delegation. */
static YcStatus plan_tie_user(Plan *P, const char *zTable, int64_t id, int depth, Err *e){
  if( strcmp(zTable, "exchange")==0 ){
    if( one_int(P->c, "SELECT (event_id IS NOT NULL OR delegation_id IS NOT NULL) FROM exchange WHERE id=?1", id)==1 ) return YC_OK;
    int64_t n = one_int(P->c, "SELECT length(ties)-length(replace(ties, ',', ''))+1 FROM exchange WHERE id=?1", id);
    if( n>1 ){ if( depth==0 ) bump(P->blockers, "exchange_shared"); return YC_OK; }
  }else{
    int64_t n = one_int(P->c, "SELECT count(*) FROM delegation_tie WHERE delegation_id=?1", id);
    if( n>1 ){ if( depth==0 ) bump(P->blockers, "delegation_shared"); return YC_OK; }
  }
  char zKey[96];
  snprintf(zKey, sizeof zKey, "%s:%lld", zTable, (long long)id);
  if( json_object_get(P->seen, zKey) ) return YC_OK;
  if( depth==0 ) bump(P->counts, zTable);
  json_array_append_new(P->aOrphan, json_pack("{s:s, s:I}", "t", zTable, "id", (json_int_t)id));
  return plan_record(P, zTable, id, depth + 1, e);
}

/* What goes with the record zTable id (depth 0: the record deleted). */
static YcStatus plan_children(Plan *P, const char *zTable, int64_t id, int depth, Err *e){
  const DbFk *aFk;
  int nFk;
  YcStatus st = db_foreign_keys(P->c->db, &aFk, &nFk, e);
  for(int i=0; i<nFk && !st; i++){
    const DbFk *f = &aFk[i];
    if( strcmp(f->zParent, zTable)!=0 || strcmp(f->zParentCol, "id")!=0 || f->eOnDelete==DB_FK_NONE ) continue;
    json_t *a = 0, *r;
    size_t k;
    if( (st = rows_where(P, f->zChild, f->zCol, id, &a, e)) ) break;
    const char *zKind = kind_of(zTable, f->zChild);
    json_array_foreach(a, k, r){
      int64_t cid = json_integer_value(json_object_get(r, "id"));
      int bOwned = strcmp(f->zChild, "exchange")==0
                && (strcmp(f->zCol, "event_id")==0 || strcmp(f->zCol, "delegation_id")==0);
      if( bOwned ){
        /* The exchange of an event or delegation goes with it: its owner's
        ** delete removes it; an orphaned owner's, archive_take. */
        if( depth>0 ) json_array_append_new(P->aOrphan, json_pack("{s:s, s:I}", "t", "exchange", "id", (json_int_t)cid));
        st = plan_record(P, "exchange", cid, depth + 1, e);
      }else if( f->eOnDelete==DB_FK_SETNULL ){
        char zKey[96];
        snprintf(zKey, sizeof zKey, "%s:%lld", f->zChild, (long long)cid);
        if( json_object_get(P->seen, zKey) ) continue;
        if( depth==0 && zKind ) bump(P->counts, zKind);
        json_array_append_new(P->aNull, json_pack("{s:s, s:s, s:I, s:I}", "t", f->zChild, "c", f->zCol,
                                                  "id", (json_int_t)cid, "v", (json_int_t)id));
      }else if( strcmp(f->zChild, "exchange_tie")==0 ){
        /* The tie row of an event's exchange is the event's to remake
        ** (event_sync_exchange, after the delete and after a restore). */
        int64_t x = json_integer_value(json_object_get(r, "exchange_id"));
        if( one_int(P->c, "SELECT event_id IS NOT NULL FROM exchange WHERE id=?1", x)==1 ) continue;
        st = plan_tie_user(P, "exchange", x, depth, e);
        plan_leaf(P, f->zChild, r);
      }else if( strcmp(f->zChild, "delegation_tie")==0 && strcmp(zTable, "tie")==0 ){
        st = plan_tie_user(P, "delegation", json_integer_value(json_object_get(r, "delegation_id")), depth, e);
        plan_leaf(P, f->zChild, r);
      }else{
        if( depth==0 && zKind ) bump(P->counts, zKind);
        else if( depth==0 ) bump(P->details, f->zChild);
        if( strcmp(f->zChild, "invitation")==0 && strcmp(zTable, "event")!=0 ){
          json_int_t ev = json_integer_value(json_object_get(r, "event_id"));
          json_array_append_new(P->aEvent, json_integer(ev));
        }
        if( json_object_get(r, "id") ) st = plan_record(P, f->zChild, cid, depth + 1, e);
        else plan_leaf(P, f->zChild, r);
      }
      if( st ) break;
    }
    json_decref(a);
  }
  /* The tie rows of an exchange have no foreign key to it (exchange.ties
  ** lists them; see 003_exchanges.sql): taken by key. */
  if( !st && strcmp(zTable, "exchange")==0 ){
    DbStmt *p = db_stmt(P->c->db,
      "SELECT t.* FROM exchange x, json_each('[' || x.ties || ']') j, exchange_tie t"
      " WHERE x.id=?1 AND t.tie_id=CAST(j.value AS INTEGER) AND t.day_mid=x.day_mid AND t.exchange_id=x.id");
    if( !p ) return db_error(P->c->db, DB_ERROR, e);
    db_bind_int64(p, 1, id);
    while( db_step(p)==DB_ROW ){
      json_t *r = row_json(p);
      plan_leaf(P, "exchange_tie", r);
      json_decref(r);
    }
    db_reset(p);
  }
  return st;
}

static YcStatus plan_make(Ctx *c, const char *zTable, int64_t id, Plan *P, Err *e){
  memset(P, 0, sizeof *P);
  P->c = c;
  P->zRoot = zTable;
  P->rootId = id;
  P->aRow = json_array(); P->aNull = json_array(); P->aOrphan = json_array(); P->aEvent = json_array();
  P->seen = json_object(); P->counts = json_object(); P->details = json_object(); P->blockers = json_object();
  P->aQueue = json_array();
  YcStatus st = plan_record(P, zTable, id, 0, e);
  if( !st && json_array_size(P->aRow)==0 ) st = err_set(e, YC_ENOTFOUND, "not_found", "id", "no %s with id %lld", zTable, (long long)id);
  for(size_t i=0; !st && i<json_array_size(P->aQueue); i++){
    json_t *q = json_array_get(P->aQueue, i);
    st = plan_children(P, jstr0(q, "t"), jint(q, "id"), (int)jint(q, "d"), e);
  }
  return st;
}

/* "3 exchanges, 1 opportunity" from {kind: n}; the total. */
static long long kinds_text(json_t *o, Buf *b){
  long long nAll = 0;
  const char *zKey;
  json_t *v;
  int i = 0, n = (int)json_object_size(o);
  json_object_foreach(o, zKey, v){
    long long k = json_integer_value(v);
    const char *zOne = zKey, *zMany = zKey;
    for(int j=0; aKindName[j].zKind; j++)
      if( strcmp(aKindName[j].zKind, zKey)==0 ){ zOne = aKindName[j].zOne; zMany = aKindName[j].zMany; }
    buf_printf(b, "%s%lld %s", i==0 ? "" : i==n-1 ? " and " : ", ", k, k==1 ? zOne : zMany);
    nAll += k;
    i++;
  }
  return nAll;
}

/* ---------------------------------------------------------------------------
** Taking, listing, restoring
*/
static const char *name_of(const json_t *j, const char *zLang){
  if( !j ) return 0;
  char zKey[16];
  const char *az[] = {"name_", "title_", 0};
  for(int i=0; az[i]; i++){
    snprintf(zKey, sizeof zKey, "%s%s", az[i], zLang);
    const char *z = json_string_value(json_object_get(j, zKey));
    if( z ) return z;
  }
  json_t *city = json_object_get(j, "city");
  snprintf(zKey, sizeof zKey, "name_%s", zLang);
  if( city && json_string_value(json_object_get(city, zKey)) ) return json_string_value(json_object_get(city, zKey));
  const char *z = json_string_value(json_object_get(j, "label"));
  return z ? z : json_string_value(json_object_get(j, "name"));
}

static YcStatus archive_take(Ctx *c, const char *zEntity, int64_t id, const json_t *jBefore, json_t **paEvent, Err *e){
  const char *zTable = entity_table(zEntity);
  if( !zTable ) return err_set(e, YC_EINTERNAL, 0, 0, "archive_take: unknown record type %s", zEntity);
  if( !db_in_txn(c->db) ) return err_set(e, YC_EINTERNAL, 0, 0, "archive_take: no transaction");
  c->archiveId = 0;
  Plan P;
  YcStatus st = plan_make(c, zTable, id, &P, e);
  Buf b = {0};
  if( !st && json_object_size(P.blockers) ){
    long long n = kinds_text(P.blockers, &b);
    st = err_set(e, YC_ECONFLICT, "has_dependants", "id", "%s %s to this %s: take it off %s first",
                 buf_str(&b), n==1 ? "refers" : "refer", zEntity, n==1 ? "it" : "them");
  }else if( !st && json_object_size(P.counts) && !c->bWithDependants ){
    long long n = kinds_text(P.counts, &b);
    st = err_set(e, YC_ECONFLICT, "has_dependants", "id",
                 "%s %s to this %s: delete with dependants (archived, restorable)%s",
                 buf_str(&b), n==1 ? "refers" : "refer", zEntity, strcmp(zEntity, "tie")==0 ? ", or end the tie instead" : "");
  }
  if( !st ){
    DbStmt *p = db_stmt(c->db,
      "INSERT INTO archive(at,user_id,actor,entity,entity_id,name_en,name_zh,counts,rows,nulls)"
      " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)");
    char zNow[24];
    date_now(zNow);
    char *zCounts = json_dumps(P.counts, JSON_COMPACT), *zRows = json_dumps(P.aRow, JSON_COMPACT),
         *zNulls = json_dumps(P.aNull, JSON_COMPACT);
    if( !p || !zCounts || !zRows || !zNulls ) st = db_error(c->db, DB_ERROR, e);
    else{
      db_bind_text(p, 1, zNow, -1);
      db_bind_id(p, 2, c->userId);
      db_bind_text(p, 3, c->zActor ? c->zActor : "unknown", -1);
      db_bind_text(p, 4, zEntity, -1);
      db_bind_int64(p, 5, id);
      db_bind_text(p, 6, name_of(jBefore, "en"), -1);
      db_bind_text(p, 7, name_of(jBefore, "zh"), -1);
      db_bind_text(p, 8, zCounts, -1);
      db_bind_text(p, 9, zRows, -1);
      db_bind_text(p, 10, zNulls, -1);
      int rc = db_step(p);
      db_reset(p);
      if( rc!=DB_DONE ) st = db_error(c->db, rc, e);
      else c->archiveId = db_last_id(c->db);
    }
    free(zCounts); free(zRows); free(zNulls);
  }
  /* The orphans go now, each audited: exchanges (their tie rows first:
  ** no foreign key removes them) and delegations. */
  json_t *o;
  size_t i;
  json_array_foreach(P.aOrphan, i, o){
    if( st ) break;
    const char *zT = jstr0(o, "t");
    int64_t a[1] = {jint(o, "id")};
    json_t *r = 0, *x;
    size_t k;
    json_array_foreach(P.aRow, k, x)
      if( strcmp(jstr0(x, "t"), zT)==0 && jint(json_object_get(x, "r"), "id")==a[0] ) r = json_object_get(x, "r");
    if( strcmp(zT, "exchange")==0 ){
      st = stmt_run(c->db, "DELETE FROM exchange_tie WHERE exchange_id=?1 AND tie_id IN"
                           " (SELECT CAST(value AS INTEGER) FROM exchange, json_each('[' || ties || ']') WHERE exchange.id=?1)", a, 1, e);
      if( !st ) st = stmt_run(c->db, "DELETE FROM exchange WHERE id=?1", a, 1, e);
    }else{
      st = stmt_run(c->db, "DELETE FROM delegation WHERE id=?1", a, 1, e);
    }
    if( !st ) st = audit_log(c, "delete", table_entity(zT), a[0], r, 0, e);
  }
  /* Invitations of other events go now, and those events' exchanges
  ** follow what is left of their invitations. */
  json_array_foreach(P.aRow, i, o){
    if( st ) break;
    if( strcmp(jstr0(o, "t"), "invitation")!=0 || strcmp(zTable, "event")==0 || strcmp(zTable, "invitation")==0 ) continue;
    int64_t a[1] = {jint(json_object_get(o, "r"), "id")};
    st = stmt_run(c->db, "DELETE FROM invitation WHERE id=?1", a, 1, e);
  }
  if( !st ){ *paEvent = P.aEvent; P.aEvent = 0; }
  buf_free(&b);
  plan_free(&P);
  return st;
}

YcStatus archive_delete(Ctx *c, const char *zEntity, int64_t id, Err *e){
  int i;
  for(i=0; aEntity[i].zEntity && strcmp(aEntity[i].zEntity, zEntity)!=0; i++){}
  if( !aEntity[i].zEntity ) return err_set(e, YC_EINTERNAL, 0, 0, "archive_delete: unknown record type %s", zEntity);
  json_t *jBefore = 0, *aEvent = 0, *o;
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  YcStatus st = aEntity[i].xGet(c, id, &jBefore, e);
  if( !st ) st = archive_take(c, zEntity, id, jBefore, &aEvent, e);
  /* The type's own delete, inside this transaction: its side effects
  ** (search index, owned exchange, health) and its audit entry. */
  if( !st ) st = aEntity[i].xDelete(c, id, e);
  size_t k;
  json_array_foreach(aEvent, k, o){
    if( st ) break;
    int bDone = 0;
    for(size_t j=0; j<k; j++) if( json_integer_value(json_array_get(aEvent, j))==json_integer_value(o) ) bDone = 1;
    if( !bDone ) st = event_sync_exchange(c, json_integer_value(o), e);
  }
  if( !st ) st = db_commit(c->db, e);
  if( st ){ db_rollback(c->db); c->archiveId = 0; }
  json_decref(jBefore);
  json_decref(aEvent);
  return st;
}

YcStatus archive_dependants(Ctx *c, const char *zEntity, int64_t id, json_t **ppOut, Err *e){
  *ppOut = 0;
  const char *zTable = entity_table(zEntity);
  if( !zTable ) return err_set(e, YC_EINVALID, "invalid_value", "type", "no record type %s", zEntity);
  if( !ctx_signed_in(c) ) return err_set(e, YC_EAUTH, "unauthenticated", 0, "log in or send a bearer token");
  if( db_read_begin(c->db, e) ) return YC_EINTERNAL;
  Plan P;
  YcStatus st = plan_make(c, zTable, id, &P, e);
  db_read_end(c->db);
  if( !st ){
    int64_t n = 0;
    const char *zKey;
    json_t *v;
    json_object_foreach(P.counts, zKey, v) n += json_integer_value(v);
    Buf b = {0};
    kinds_text(json_object_size(P.blockers) ? P.blockers : P.counts, &b);
    *ppOut = json_pack("{s:O, s:O, s:O, s:I, s:b, s:s}", "dependants", P.counts, "blockers", P.blockers,
                       "details", P.details, "total", (json_int_t)n, "blocked", json_object_size(P.blockers)>0,
                       "text", buf_str(&b));
    buf_free(&b);
  }
  plan_free(&P);
  return st;
}

static YcStatus need_admin(Ctx *c, Err *e){
  if( !ctx_signed_in(c) ) return err_set(e, YC_EAUTH, "unauthenticated", 0, "log in or send a bearer token");
  if( strcmp(c->zRole, "admin")!=0 ) return err_set(e, YC_EFORBIDDEN, "forbidden", 0, "only admins see and restore deleted records");
  return YC_OK;
}

static const PageOrder aArchiveOrder[] = {{"archive:new", {{"a.id", PAGE_INT, 1}}}};

static json_t *entry_json(DbStmt *p){
  json_t *counts = json_loads(db_text(p, 8) ? db_text(p, 8) : "{}", 0, 0);
  return json_pack("{s:I, s:s, s:s, s:s, s:I, s:s?, s:s?, s:o, s:s?, s:s?}",
    "id", (json_int_t)db_col_int64(p, 0), "at", db_text(p, 1), "actor", db_text(p, 2),
    "entity", db_text(p, 3), "entity_id", (json_int_t)db_col_int64(p, 4),
    "name_en", db_text(p, 5), "name_zh", db_text(p, 6), "counts", counts ? counts : json_object(),
    "restored_at", db_text(p, 9), "restored_by", db_text(p, 10));
}

#define ENTRY_COLS_LIST "a.id, a.at, a.actor, a.entity, a.entity_id, a.name_en, a.name_zh, NULL, a.counts, a.restored_at, a.restored_by"
#define ENTRY_COLS "a.id, a.at, a.actor, a.entity, a.entity_id, a.name_en, a.name_zh, a.rows, a.counts, a.restored_at, a.restored_by"

YcStatus archive_list(Ctx *c, const char *zState, const char *zLimit, const char *zCursor, json_t **ppOut, Err *e){
  *ppOut = 0;
  YcStatus st = need_admin(c, e);
  if( st ) return st;
  static const char *const azState[] = {"deleted", "restored", "all", 0};
  int iState = 0;
  if( zState ){
    for(iState=0; azState[iState] && strcmp(azState[iState], zState)!=0; iState++){}
    if( !azState[iState] ) return err_set(e, YC_EINVALID, "invalid_value", "state", "state must be deleted, restored or all");
  }
  Page pg;
  if( (st = page_begin(&pg, aArchiveOrder, 0, zLimit, 50, 200, zCursor, e)) ) return st;
  const char *azWhere[] = {" WHERE a.restored_at IS NULL", " WHERE a.restored_at IS NOT NULL", " WHERE 1"};
  Buf b = {0};
  buf_printf(&b, "SELECT " ENTRY_COLS_LIST);
  page_sql_keys(&pg, &b);
  buf_printf(&b, " FROM archive a%s", azWhere[iState]);
  int iNext = page_sql_tail(&pg, &b, 1);
  (void)iNext;
  DbStmt *p = db_stmt(c->db, buf_str(&b));
  json_t *aItem = json_array();
  if( !p ) st = db_error(c->db, DB_ERROR, e);
  else{
    page_bind(&pg, p, 1);
    while( db_step(p)==DB_ROW ){
      if( !page_row(&pg, p, 11) ) break;
      json_array_append_new(aItem, entry_json(p));
    }
    db_reset(p);
  }
  buf_reset(&b);
  int64_t n = 0;
  if( !st ){
    buf_printf(&b, "SELECT count(*) FROM archive a%s", azWhere[iState]);
    DbStmt *q = db_stmt(c->db, buf_str(&b));
    if( q && db_step(q)==DB_ROW ) n = db_col_int64(q, 0);
    db_reset(q);
    *ppOut = page_answer(&pg, aItem, n, 1);
  }
  json_decref(aItem);
  buf_free(&b);
  page_free(&pg);
  return st;
}

/* The entry id's row in p (stepped; the caller resets), or an error. */
static YcStatus entry_read(Ctx *c, int64_t id, DbStmt **pp, Err *e){
  DbStmt *p = db_stmt(c->db, "SELECT " ENTRY_COLS ", a.nulls FROM archive a WHERE a.id=?1");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, id);
  if( db_step(p)!=DB_ROW ){
    db_reset(p);
    return err_set(e, YC_ENOTFOUND, "not_found", "id", "no archive entry with id %lld", (long long)id);
  }
  *pp = p;
  return YC_OK;
}

YcStatus archive_get(Ctx *c, int64_t id, json_t **ppOut, Err *e){
  *ppOut = 0;
  DbStmt *p = 0;
  YcStatus st = need_admin(c, e);
  if( !st ) st = entry_read(c, id, &p, e);
  if( st ) return st;
  json_t *j = entry_json(p);
  json_t *rows = json_loads(db_text(p, 7), 0, 0);
  json_object_set_new(j, "rows", rows ? rows : json_array());
  json_t *nulls = json_loads(db_text(p, 11), 0, 0);
  json_object_set_new(j, "nulls", nulls ? nulls : json_array());
  db_reset(p);
  *ppOut = j;
  return YC_OK;
}

/* Insert row r into zTable as it was. */
static YcStatus row_insert(Ctx *c, const char *zTable, json_t *r, Err *e){
  Buf b = {0};
  buf_printf(&b, "INSERT INTO \"%s\"(", zTable);
  const char *zKey;
  json_t *v;
  int i = 0;
  json_object_foreach(r, zKey, v){
    /* column names come from the stored row, which came from the schema:
    ** quoted, and refused if they are not plain names */
    for(const char *z = zKey; *z; z++)
      if( !((*z>='a' && *z<='z') || (*z>='0' && *z<='9') || *z=='_') ){
        buf_free(&b);
        return err_set(e, YC_EINTERNAL, 0, 0, "archive: bad column name in %s", zTable);
      }
    buf_printf(&b, "%s\"%s\"", i++ ? "," : "", zKey);
  }
  buf_printf(&b, ") VALUES(");
  for(int k=0; k<i; k++) buf_printf(&b, "%s?%d", k ? "," : "", k + 1);
  buf_printf(&b, ")");
  DbStmt *p = db_stmt(c->db, buf_str(&b));
  buf_free(&b);
  if( !p ) return db_error(c->db, DB_ERROR, e);
  i = 1;
  json_object_foreach(r, zKey, v){
    if( json_is_integer(v) ) db_bind_int64(p, i, json_integer_value(v));
    else if( json_is_real(v) ) db_bind_double(p, i, json_real_value(v));
    else if( json_is_string(v) ) db_bind_text(p, i, json_string_value(v), -1);
    else db_bind_null(p, i);
    i++;
  }
  int rc = db_step(p);
  YcStatus st = YC_OK;
  if( rc!=DB_DONE ){
    st = err_set(e, YC_ECONFLICT, "restore_conflict", zTable,
                 "a row of %s cannot go back: %.120s", zTable, db_errmsg(c->db));
  }
  db_reset(p);
  return st;
}

/* The search index and derived data of a restored record. */
static YcStatus reindex(Ctx *c, const char *zTable, json_t *r, Err *e){
  int64_t id = jint(r, "id");
  if( strcmp(zTable, "tie")==0 ){
    YcStatus st = partner_reindex(c, id, e);
    return st ? st : profile_reindex(c, id, e);
  }
  if( strcmp(zTable, "org")==0 ){
    YcStatus st = org_reindex(c, id, e);
    return st ? st : offer_reindex(c, id, e);
  }
  if( strcmp(zTable, "opportunity")==0 ) return opp_reindex(c, id, e);
  if( strcmp(zTable, "event")==0 ) return event_reindex(c, id, e);
  if( strcmp(zTable, "person")==0 ) return person_reindex(c, id, e);
  if( strcmp(zTable, "news")==0 ) return news_reindex(c, id, e);
  if( strcmp(zTable, "profile_item")==0 ) return profile_reindex(c, jint(r, "tie_id"), e);
  if( strcmp(zTable, "org_offer")==0 ) return offer_reindex(c, jint(r, "org_id"), e);
  return YC_OK;
}

YcStatus archive_restore(Ctx *c, int64_t id, json_t **ppOut, Err *e){
  *ppOut = 0;
  YcStatus st = need_admin(c, e);
  if( st ) return st;
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  DbStmt *p = 0;
  json_t *rows = 0, *nulls = 0, *restored = json_object(), *after = 0;
  char *zEntity = 0;
  int64_t entityId = 0;
  st = entry_read(c, id, &p, e);
  /* The rows go back parents first; the references among them are checked
  ** at the commit. */
  if( !st ) st = db_defer_foreign_keys(c->db, e);
  if( !st ){
    if( db_text(p, 9) ) st = err_set(e, YC_ECONFLICT, "already_restored", "id", "archive entry %lld was restored on %s",
                                     (long long)id, db_text(p, 9));
    zEntity = strdup(db_text(p, 3));
    entityId = db_col_int64(p, 4);
    rows = json_loads(db_text(p, 7), 0, 0);
    nulls = json_loads(db_text(p, 11), 0, 0);
    db_reset(p);
    if( !st && (!rows || !nulls || !zEntity) ) st = err_set(e, YC_EINTERNAL, 0, 0, "archive entry %lld is damaged", (long long)id);
  }
  json_t *x;
  size_t i;
  json_array_foreach(rows, i, x){
    if( st ) break;
    st = row_insert(c, jstr0(x, "t"), json_object_get(x, "r"), e);
    if( !st ) bump(restored, jstr0(x, "t"));
  }
  json_array_foreach(nulls, i, x){
    if( st ) break;
    char zSql[200];
    snprintf(zSql, sizeof zSql, "UPDATE \"%s\" SET \"%s\"=?2 WHERE id=?1 AND \"%s\" IS NULL",
             jstr0(x, "t"), jstr0(x, "c"), jstr0(x, "c"));
    int64_t a[2] = {jint(x, "id"), jint(x, "v")};
    st = stmt_run(c->db, zSql, a, 2, e);
  }
  /* Search indexes; the events whose invitations came back sync their
  ** exchange; the ties whose exchanges or projects came back, their health. */
  int64_t aTie[256];
  int nTie = 0;
  json_array_foreach(rows, i, x){
    if( st ) break;
    const char *zT = jstr0(x, "t");
    json_t *r = json_object_get(x, "r");
    st = reindex(c, zT, r, e);
    if( !st && strcmp(zT, "invitation")==0 && strcmp(zEntity, "event")!=0 )
      st = event_sync_exchange(c, jint(r, "event_id"), e);
    if( (strcmp(zT, "exchange_tie")==0 || strcmp(zT, "project_tie")==0) && nTie<256 ) aTie[nTie++] = jint(r, "tie_id");
  }
  if( !st ) st = health_refresh_ties(c, aTie, nTie, e);
  if( !st ){
    char zNow[24];
    date_now(zNow);
    DbStmt *q = db_stmt(c->db, "UPDATE archive SET restored_at=?2, restored_by=?3 WHERE id=?1");
    if( !q ) st = db_error(c->db, DB_ERROR, e);
    else{
      db_bind_int64(q, 1, id);
      db_bind_text(q, 2, zNow, -1);
      db_bind_text(q, 3, c->zActor ? c->zActor : "unknown", -1);
      int rc = db_step(q);
      db_reset(q);
      if( rc!=DB_DONE ) st = db_error(c->db, rc, e);
    }
  }
  if( !st ){
    after = json_pack("{s:I}", "archive_id", (json_int_t)id);
    st = audit_log(c, "restore", zEntity, entityId, 0, after, e);
  }
  if( !st ) st = db_commit(c->db, e);
  if( st ) db_rollback(c->db);
  else *ppOut = json_pack("{s:I, s:s, s:I, s:O}", "id", (json_int_t)id, "entity", zEntity,
                          "entity_id", (json_int_t)entityId, "restored", restored);
  json_decref(rows); json_decref(nulls); json_decref(restored); json_decref(after);
  free(zEntity);
  return st;
}

YcStatus archive_purge(Ctx *c, int64_t id, Err *e){
  YcStatus st = need_admin(c, e);
  if( st ) return st;
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  DbStmt *p = 0;
  st = entry_read(c, id, &p, e);
  char *zEntity = 0;
  int64_t entityId = 0;
  if( !st ){ zEntity = strdup(db_text(p, 3)); entityId = db_col_int64(p, 4); db_reset(p); }
  int64_t a[1] = {id};
  if( !st ) st = stmt_run(c->db, "DELETE FROM archive WHERE id=?1", a, 1, e);
  json_t *after = json_pack("{s:I}", "archive_id", (json_int_t)id);
  if( !st ) st = audit_log(c, "purge", zEntity ? zEntity : "archive", entityId, 0, after, e);
  if( !st ) st = db_commit(c->db, e);
  if( st ) db_rollback(c->db);
  json_decref(after);
  free(zEntity);
  return st;
}
