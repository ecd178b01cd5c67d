/*
** test_event.c: unit tests of events, series and networks, invitations,
** the participation matrix and the exchanges events own, on a temporary
** database.
**
** Every country, city, tie, event and invitation here is SYNTHETIC: made up
** for the tests (country "XA", cities with ids from 9000001), not real facts.
*/
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "unitdb.h"
#include "store/db.h"
#include "base/date.h"
#include "base/json.h"
#include "core/exchange.h"
#include "core/health.h"
#include "core/event.h"
#include "core/series.h"
#include "core/invitation.h"
#include "core/demo.h"

static void exec(const char *zSql){
  Err e;
  memset(&e, 0, sizeof e);
  YcStatus st = db_exec(c.db, zSql, &e);
  if( st ) fprintf(stderr, "exec: %s\n", e.zMsg);
  assert_int_equal(st, YC_OK);
}

/* A synthetic sister-city tie with the synthetic partner city 9000000+n
** (established 2000: dormant without exchanges). */
static int64_t tie(int n){
  char zSql[600];
  snprintf(zSql, sizeof zSql,
    "INSERT INTO city(id,name,name_fold,country,population) VALUES(%d,'Synthetic City %d','synthetic city %d','XA',1000);"
    "INSERT INTO tie(home_city_id,partner_city_id,kind,status,est_date,est_precision,notes,created_at,updated_at)"
    " VALUES(9000001,%d,'sister','active','2000','year','synthetic test tie','2000-01-01T00:00:00Z','2000-01-01T00:00:00Z')",
    9000000+n, n, n, 9000000+n);
  exec(zSql);
  int64_t id = db_last_id(c.db);
  Err e;
  assert_int_equal(health_refresh_ties(&c, &id, 1, &e), YC_OK);
  return id;
}

static json_t *jparse(const char *z){
  json_error_t je;
  json_t *j = json_loads(z, 0, &je);
  if( !j ) fprintf(stderr, "bad JSON in test: %s\n", je.text);
  assert_non_null(j);
  return j;
}

/* The stored health score of a tie. */
static int stored_score(int64_t tieId){
  DbStmt *p = db_stmt(c.db, "SELECT score FROM tie_health WHERE tie_id=?1");
  assert_non_null(p);
  db_bind_int64(p, 1, tieId);
  int s = db_step(p)==DB_ROW ? db_col_int(p, 0) : -1;
  db_reset(p);
  return s;
}

static int64_t nrows(const char *zSql){
  DbStmt *p = db_stmt(c.db, zSql);
  assert_non_null(p);
  int64_t n = db_step(p)==DB_ROW ? db_col_int64(p, 0) : -1;
  db_reset(p);
  return n;
}

static int setup(void **st){
  (void)st;
  if( unitdb_open("event") ) return -1;
  if( db_exec(c.db, "INSERT INTO country(iso2,iso3,name_en,name_zh,continent) VALUES('XA','XAA','Synthetica','合成国','asia');"
                    "INSERT INTO city(id,name,name_fold,country,population) VALUES(9000001,'Synthetic Home','synthetic home','XA',1000);"
                    "INSERT INTO meta(key,value) VALUES('home_city_id','9000001')", 0) ) return -1;
  c.homeCityId = 9000001;
  return 0;
}

static int teardown(void **st){
  (void)st;
  return unitdb_close();
}

/* event-1: exchange_sync_owned creates, replaces and deletes the one
** exchange of an owner, refreshes the health of the ties before and after,
** and a hand change of the owned exchange is refused naming the owner. */
static void test_sync_owned(void **st){
  (void)st;
  int64_t t1 = tie(101), t2 = tie(102);
  exec("INSERT INTO event(id,title_en,kind,status,start_date,start_precision,start_day0,day_end,created_at,updated_at)"
       " VALUES(9001,'Synthetic conference','conference','held','2024-05-10','day',19853,19853,'2024-01-01','2024-01-01')");
  Err e;
  memset(&e, 0, sizeof e);
  /* Outside a transaction: refused. */
  int64_t id = 0;
  json_t *in = jparse("{\"kind\":\"event\",\"date\":\"2024-05-10\",\"title\":\"Synthetic conference\",\"ties\":[1]}");
  json_object_set_new(in, "ties", json_pack("[I]", (json_int_t)t1));
  assert_int_equal(exchange_sync_owned(&c, "event", 9001, in, &id, &e), YC_EINTERNAL);
  /* Create. */
  int s1 = stored_score(t1);
  assert_int_equal(db_begin(c.db, &e), YC_OK);
  assert_int_equal(exchange_sync_owned(&c, "event", 9001, in, &id, &e), YC_OK);
  assert_int_equal(db_commit(c.db, &e), YC_OK);
  assert_true(id>0);
  assert_true(stored_score(t1)>s1 || s1<0);
  json_t *x = 0;
  assert_int_equal(exchange_get(&c, id, &x, &e), YC_OK);
  assert_int_equal(jint(x, "event_id"), 9001);
  assert_true(json_is_null(json_object_get(x, "delegation_id")));
  json_decref(x);
  /* Replace: other ties, same exchange id. */
  json_object_set_new(in, "ties", json_pack("[I]", (json_int_t)t2));
  int64_t id2 = 0;
  assert_int_equal(db_begin(c.db, &e), YC_OK);
  assert_int_equal(exchange_sync_owned(&c, "event", 9001, in, &id2, &e), YC_OK);
  assert_int_equal(db_commit(c.db, &e), YC_OK);
  assert_int_equal(id2, id);
  assert_int_equal(nrows("SELECT count(*) FROM exchange WHERE event_id=9001"), 1);
  char zSql[200];
  snprintf(zSql, sizeof zSql, "SELECT count(*) FROM exchange_tie WHERE tie_id=%lld", (long long)t1);
  assert_int_equal(nrows(zSql), 0);
  snprintf(zSql, sizeof zSql, "SELECT count(*) FROM exchange_tie WHERE tie_id=%lld", (long long)t2);
  assert_int_equal(nrows(zSql), 1);
  /* Hand changes refused, naming the owner. */
  json_t *patch = jparse("{\"title\":\"changed by hand\"}"), *out = 0;
  assert_int_equal(exchange_update(&c, id, patch, &out, &e), YC_ECONFLICT);
  assert_string_equal(e.zField, "event_id");
  assert_non_null(strstr(e.zMsg, "event 9001"));
  json_decref(patch);
  assert_int_equal(exchange_delete(&c, id, &e), YC_ECONFLICT);
  /* A future date is refused, nothing changes. */
  json_t *fut = json_deep_copy(in);
  json_object_set_new(fut, "date", json_string("2999-01-01"));
  assert_int_equal(db_begin(c.db, &e), YC_OK);
  assert_int_equal(exchange_sync_owned(&c, "event", 9001, fut, &id2, &e), YC_EINVALID);
  assert_string_equal(e.zField, "date");
  db_rollback(c.db);
  json_decref(fut);
  /* Delete: NULL removes it; the health of t2 falls back. */
  int s2 = stored_score(t2);
  assert_int_equal(db_begin(c.db, &e), YC_OK);
  assert_int_equal(exchange_sync_owned(&c, "event", 9001, 0, &id2, &e), YC_OK);
  assert_int_equal(db_commit(c.db, &e), YC_OK);
  assert_int_equal(id2, 0);
  assert_int_equal(nrows("SELECT count(*) FROM exchange WHERE event_id=9001"), 0);
  assert_true(stored_score(t2)<s2);
  /* Deleting again is nothing to do. */
  assert_int_equal(db_begin(c.db, &e), YC_OK);
  assert_int_equal(exchange_sync_owned(&c, "event", 9001, 0, &id2, &e), YC_OK);
  assert_int_equal(db_commit(c.db, &e), YC_OK);
  json_decref(in);
}


/* Create from JSON text; the status and the error's field. */
static YcStatus try_event(const char *zJson, int64_t *pId, Err *e){
  json_t *in = jparse(zJson), *out = 0;
  memset(e, 0, sizeof *e);
  YcStatus st = event_create(&c, in, &out, e);
  if( pId ) *pId = st ? 0 : jint(out, "id");
  json_decref(in);
  json_decref(out);
  return st;
}

static YcStatus try_invite(int64_t ev, const char *zFmt, int64_t v, int64_t *pId, Err *e){
  char z[400];
  snprintf(z, sizeof z, zFmt, (long long)v);
  json_t *in = jparse(z), *out = 0;
  memset(e, 0, sizeof *e);
  YcStatus st = invitation_create(&c, ev, in, &out, e);
  if( pId ) *pId = st ? 0 : jint(out, "id");
  json_decref(in);
  json_decref(out);
  return st;
}

/* event-2: validation names each field, and nothing is stored. */
static void test_event_validation(void **st){
  (void)st;
  Err e;
  int64_t n0 = nrows("SELECT count(*) FROM event");
  assert_int_equal(try_event("{\"kind\":\"forum\",\"start\":\"2024-05\"}", 0, &e), YC_EINVALID);
  assert_string_equal(e.zField, "title_en");
  assert_int_equal(try_event("{\"title_en\":\"Synthetic forum\",\"start\":\"2024-05\"}", 0, &e), YC_EINVALID);
  assert_string_equal(e.zField, "kind");
  assert_int_equal(try_event("{\"title_en\":\"Synthetic forum\",\"kind\":\"party\",\"start\":\"2024-05\"}", 0, &e), YC_EINVALID);
  assert_string_equal(e.zField, "kind");
  assert_int_equal(try_event("{\"title_en\":\"Synthetic forum\",\"kind\":\"forum\"}", 0, &e), YC_EINVALID);
  assert_string_equal(e.zField, "start");
  assert_int_equal(try_event("{\"title_en\":\"Synthetic forum\",\"kind\":\"forum\",\"start\":\"2024-02-30\"}", 0, &e), YC_EINVALID);
  assert_string_equal(e.zField, "start");
  assert_int_equal(try_event("{\"title_en\":\"Synthetic forum\",\"kind\":\"forum\",\"start\":\"2024-05-10\",\"end\":\"2024-05-09\"}", 0, &e), YC_EINVALID);
  assert_string_equal(e.zField, "end");
  assert_int_equal(try_event("{\"title_en\":\"Synthetic forum\",\"kind\":\"forum\",\"start\":\"2999-05-10\",\"status\":\"held\"}", 0, &e), YC_EINVALID);
  assert_string_equal(e.zField, "status");
  assert_int_equal(try_event("{\"title_en\":\"Synthetic forum\",\"kind\":\"forum\",\"start\":\"2024\",\"series_id\":999}", 0, &e), YC_EINVALID);
  assert_string_equal(e.zField, "series_id");
  assert_int_equal(try_event("{\"title_en\":\"Synthetic forum\",\"kind\":\"forum\",\"start\":\"2024\",\"city_id\":1}", 0, &e), YC_EINVALID);
  assert_string_equal(e.zField, "city_id");
  assert_int_equal(try_event("{\"title_en\":\"Synthetic forum\",\"kind\":\"forum\",\"start\":\"2024\",\"colour\":\"red\"}", 0, &e), YC_EINVALID);
  assert_string_equal(e.zField, "colour");
  assert_int_equal(nrows("SELECT count(*) FROM event"), n0);
  /* A planned event in the future is fine, at month precision with an end in a later month. */
  int64_t id;
  assert_int_equal(try_event("{\"title_en\":\"Synthetic future forum\",\"kind\":\"forum\",\"start\":\"2999-05\",\"end\":\"2999-06-02\"}", &id, &e), YC_OK);
  json_t *j = 0;
  assert_int_equal(event_get(&c, id, &j, &e), YC_OK);
  assert_string_equal(jstr0(j, "status"), "planned");
  assert_string_equal(jstr0(j, "start_precision"), "month");
  json_decref(j);
}

/* event-3: an event held -> the exchange is made for the attending ties ->
** their health rises; the invitation rules; cancelled/deleted -> no exchange. */
static void test_held_makes_exchange(void **st){
  (void)st;
  Err e;
  int64_t t1 = tie(201), t2 = tie(202), t3 = tie(203);
  int64_t ev;
  assert_int_equal(try_event("{\"title_zh\":\"合成友城大会\",\"title_en\":\"Synthetic friendship conference\",\"kind\":\"conference\","
                             "\"start\":\"2025-06-10\",\"status\":\"confirmed\",\"fields\":[\"culture\",\"education\"]}", &ev, &e), YC_OK);
  int64_t i1, i2, i3;
  assert_int_equal(try_invite(ev, "{\"tie_id\":%lld}", t1, &i1, &e), YC_OK);
  assert_int_equal(try_invite(ev, "{\"tie_id\":%lld,\"status\":\"accepted\",\"size\":5}", t2, &i2, &e), YC_OK);
  /* Bad invitations: unknown tie, duplicate, attendance on an event not held, two invitees. */
  int64_t n0 = nrows("SELECT count(*) FROM invitation");
  assert_int_equal(try_invite(ev, "{\"tie_id\":%lld}", 987654, 0, &e), YC_EINVALID);
  assert_string_equal(e.zField, "tie_id");
  assert_int_equal(try_invite(ev, "{\"tie_id\":%lld}", t1, 0, &e), YC_ECONFLICT);
  assert_string_equal(e.zField, "tie_id");
  assert_int_equal(try_invite(ev, "{\"tie_id\":%lld,\"status\":\"attended\"}", t3, 0, &e), YC_EINVALID);
  assert_string_equal(e.zField, "status");
  assert_int_equal(try_invite(ev, "{\"person_id\":%lld}", 987654, 0, &e), YC_EINVALID);
  assert_string_equal(e.zField, "person_id");
  assert_int_equal(try_invite(ev, "{\"tie_id\":%lld,\"org_id\":1}", t3, 0, &e), YC_EINVALID);
  assert_int_equal(nrows("SELECT count(*) FROM invitation"), n0);
  /* Held: still no exchange until someone attended. */
  json_t *patch = jparse("{\"status\":\"held\"}"), *out = 0;
  assert_int_equal(event_update(&c, ev, patch, &out, &e), YC_OK);
  json_decref(patch); json_decref(out);
  char zSql[200];
  snprintf(zSql, sizeof zSql, "SELECT count(*) FROM exchange WHERE event_id=%lld", (long long)ev);
  assert_int_equal(nrows(zSql), 0);
  int h1 = stored_score(t1), h2 = stored_score(t2), h3 = stored_score(t3);
  patch = jparse("{\"status\":\"attended\"}");
  assert_int_equal(invitation_update(&c, i1, patch, &out, &e), YC_OK);
  json_decref(out);
  assert_int_equal(invitation_update(&c, i2, patch, &out, &e), YC_OK);
  json_decref(out); json_decref(patch);
  assert_int_equal(nrows(zSql), 1);
  assert_true(stored_score(t1)>h1);
  assert_true(stored_score(t2)>h2);
  assert_int_equal(stored_score(t3), h3);
  json_t *ex = 0;
  snprintf(zSql, sizeof zSql, "SELECT id FROM exchange WHERE event_id=%lld", (long long)ev);
  assert_int_equal(exchange_get(&c, nrows(zSql), &ex, &e), YC_OK);
  assert_string_equal(jstr0(ex, "kind"), "event");
  assert_string_equal(jstr0(ex, "date"), "2025-06-10");
  assert_string_equal(jstr0(ex, "title"), "合成友城大会 · Synthetic friendship conference");
  assert_int_equal(json_array_size(json_object_get(ex, "ties")), 2);
  assert_int_equal(json_array_size(json_object_get(ex, "fields")), 2);
  json_decref(ex);
  /* A held event cannot go back to planned; attendance keeps it held. */
  patch = jparse("{\"status\":\"planned\"}");
  assert_int_equal(event_update(&c, ev, patch, &out, &e), YC_EINVALID);
  assert_string_equal(e.zField, "status");
  json_decref(patch);
  /* One tie no longer attended: the exchange follows. */
  patch = jparse("{\"status\":\"no_show\"}");
  assert_int_equal(invitation_update(&c, i2, patch, &out, &e), YC_OK);
  json_decref(out); json_decref(patch);
  snprintf(zSql, sizeof zSql, "SELECT count(*) FROM exchange_tie WHERE tie_id=%lld", (long long)t2);
  assert_int_equal(nrows(zSql), 0);
  /* Editing the event's date moves the exchange. */
  patch = jparse("{\"start\":\"2025-06-11\"}");
  assert_int_equal(event_update(&c, ev, patch, &out, &e), YC_OK);
  json_decref(out); json_decref(patch);
  snprintf(zSql, sizeof zSql, "SELECT count(*) FROM exchange WHERE event_id=%lld AND date='2025-06-11'", (long long)ev);
  assert_int_equal(nrows(zSql), 1);
  /* Deleting the invitation of the last attending tie removes the exchange. */
  assert_int_equal(invitation_delete(&c, i1, &e), YC_OK);
  snprintf(zSql, sizeof zSql, "SELECT count(*) FROM exchange WHERE event_id=%lld", (long long)ev);
  assert_int_equal(nrows(zSql), 0);
  assert_int_equal(stored_score(t1), h1);
  /* Attendance again, then the event deleted: exchange and invitations go. */
  assert_int_equal(try_invite(ev, "{\"tie_id\":%lld,\"status\":\"attended\"}", t3, &i3, &e), YC_OK);
  assert_int_equal(nrows(zSql), 1);
  assert_int_equal(event_delete(&c, ev, &e), YC_OK);
  assert_int_equal(nrows(zSql), 0);
  assert_int_equal(stored_score(t3), h3);
  /* A cancelled event leaves no exchange. */
  int64_t ev2;
  assert_int_equal(try_event("{\"title_en\":\"Synthetic cancelled fair\",\"kind\":\"fair\",\"start\":\"2025-03\"}", &ev2, &e), YC_OK);
  assert_int_equal(try_invite(ev2, "{\"tie_id\":%lld,\"status\":\"accepted\"}", t1, 0, &e), YC_OK);
  patch = jparse("{\"status\":\"cancelled\"}");
  assert_int_equal(event_update(&c, ev2, patch, &out, &e), YC_OK);
  json_decref(out); json_decref(patch);
  snprintf(zSql, sizeof zSql, "SELECT count(*) FROM exchange WHERE event_id=%lld", (long long)ev2);
  assert_int_equal(nrows(zSql), 0);
  patch = jparse("{\"status\":\"held\"}");
  assert_int_equal(event_update(&c, ev2, patch, &out, &e), YC_EINVALID);
  assert_string_equal(e.zField, "status");
  json_decref(patch);
}

/* event-4: search in Chinese, pinyin and English; list filters; anonymous
** users see public events only and no notes or heads. */
static void test_event_search_private(void **st){
  (void)st;
  Err e;
  int64_t t = tie(301), ev, evp;
  assert_int_equal(try_event("{\"title_zh\":\"泉城合成论坛\",\"title_en\":\"Synthetic Spring Forum\",\"kind\":\"forum\","
                             "\"start\":\"2023-09\",\"status\":\"held\",\"notes\":\"internal synthetic note\"}", &ev, &e), YC_OK);
  assert_int_equal(try_event("{\"title_en\":\"Synthetic closed meeting\",\"kind\":\"other\",\"start\":\"2023-10\",\"public\":false}", &evp, &e), YC_OK);
  int64_t inv;
  assert_int_equal(try_invite(ev, "{\"tie_id\":%lld,\"status\":\"attended\",\"head\":\"Synthetic Head\"}", t, &inv, &e), YC_OK);
  const char *azQ[] = {"泉城", "quancheng", "spring forum", "論壇", 0};
  for(int i=0; azQ[i]; i++){
    EventQuery q;
    memset(&q, 0, sizeof q);
    q.zQ = azQ[i];
    json_t *l = 0;
    assert_int_equal(event_list(&c, &q, &l, &e), YC_OK);
    if( json_integer_value(json_object_get(l, "total"))!=1 ) fprintf(stderr, "q=%s\n", azQ[i]);
    assert_int_equal(json_integer_value(json_object_get(l, "total")), 1);
    assert_int_equal(jint(json_array_get(json_object_get(l, "items"), 0), "id"), ev);
    json_decref(l);
  }
  EventQuery q;
  memset(&q, 0, sizeof q);
  q.zKind = "party";
  json_t *l = 0;
  assert_int_equal(event_list(&c, &q, &l, &e), YC_EINVALID);
  assert_string_equal(e.zField, "kind");
  /* Signed in (the unit Ctx has no role: anonymous). */
  json_t *j = 0;
  assert_int_equal(event_get(&c, evp, &j, &e), YC_ENOTFOUND);
  assert_int_equal(event_get(&c, ev, &j, &e), YC_OK);
  assert_null(json_object_get(j, "notes"));
  json_decref(j);
  assert_int_equal(invitation_get(&c, inv, &j, &e), YC_OK);
  assert_null(json_object_get(j, "head"));
  json_decref(j);
  c.zRole = "admin";
  assert_int_equal(event_get(&c, evp, &j, &e), YC_OK);
  json_decref(j);
  assert_int_equal(invitation_get(&c, inv, &j, &e), YC_OK);
  assert_string_equal(jstr0(j, "head"), "Synthetic Head");
  json_decref(j);
  c.zRole = 0;
}

/* event-5: networks: members, the partner's networks, partners in no network. */
static void test_series(void **st){
  (void)st;
  Err e;
  int64_t t = tie(401);
  json_t *in = jparse("{\"kind\":\"network\",\"name_en\":\"Synthetic Alliance of Spring Cities\",\"website\":\"https://example.org/synthetic\"}"), *out = 0;
  assert_int_equal(series_create(&c, in, &out, &e), YC_OK);
  int64_t s = jint(out, "id");
  json_decref(in); json_decref(out);
  in = jparse("{\"kind\":\"club\",\"name_en\":\"x\"}");
  assert_int_equal(series_create(&c, in, &out, &e), YC_EINVALID);
  assert_string_equal(e.zField, "kind");
  json_decref(in);
  json_t *un = 0;
  assert_int_equal(series_unnetworked(&c, &un, &e), YC_OK);
  int64_t nBefore = jint(un, "total");
  json_decref(un);
  char z[200];
  snprintf(z, sizeof z, "{\"tie_id\":%lld,\"role\":\"founding member\",\"joined\":\"2019-10\"}", (long long)t);
  in = jparse(z);
  assert_int_equal(series_member_add(&c, s, in, &out, &e), YC_OK);
  assert_int_equal(json_array_size(json_object_get(out, "members")), 1);
  json_decref(out);
  assert_int_equal(series_member_add(&c, s, in, &out, &e), YC_ECONFLICT);
  assert_string_equal(e.zField, "tie_id");
  json_decref(in);
  in = jparse("{\"city_id\":1}");
  assert_int_equal(series_member_add(&c, s, in, &out, &e), YC_EINVALID);
  assert_string_equal(e.zField, "city_id");
  json_decref(in);
  assert_int_equal(series_unnetworked(&c, &un, &e), YC_OK);
  assert_int_equal(jint(un, "total"), nBefore - 1);
  json_decref(un);
  assert_int_equal(series_for_city(&c, 9000401, &out, &e), YC_OK);
  assert_int_equal(json_array_size(json_object_get(out, "items")), 1);
  assert_string_equal(jstr0(json_array_get(json_object_get(out, "items"), 0), "role"), "founding member");
  json_decref(out);
}

/* event-6: the participation matrix: cells, totals, the callouts. */
static void test_matrix(void **st){
  (void)st;
  Err e;
  int64_t a = tie(501), b = tie(502);
  (void)b;
  int64_t ev1, ev2;
  assert_int_equal(try_event("{\"title_en\":\"Synthetic matrix event 1\",\"kind\":\"forum\",\"start\":\"2020-05-01\",\"status\":\"held\"}", &ev1, &e), YC_OK);
  assert_int_equal(try_event("{\"title_en\":\"Synthetic matrix event 2\",\"kind\":\"forum\",\"start\":\"2020-09-01\",\"status\":\"held\"}", &ev2, &e), YC_OK);
  assert_int_equal(try_invite(ev1, "{\"tie_id\":%lld,\"status\":\"attended\"}", a, 0, &e), YC_OK);
  assert_int_equal(try_invite(ev2, "{\"tie_id\":%lld,\"status\":\"declined\"}", a, 0, &e), YC_OK);
  MatrixQuery q;
  memset(&q, 0, sizeof q);
  q.zFrom = "2020";
  q.zTo = "2020";
  json_t *m = 0;
  assert_int_equal(invitation_matrix(&c, &q, &m, &e), YC_OK);
  assert_int_equal(jint(m, "events_total"), 2);
  json_t *row = 0, *x;
  size_t i;
  json_array_foreach(json_object_get(m, "rows"), i, x) if( jint(x, "tie_id")==a ) row = x;
  assert_non_null(row);
  assert_int_equal(jint(row, "invited"), 2);
  assert_int_equal(jint(row, "attended"), 1);
  assert_string_equal(json_string_value(json_array_get(json_object_get(row, "cells"), 0)), "attended");
  assert_string_equal(json_string_value(json_array_get(json_object_get(row, "cells"), 1)), "declined");
  /* Every other tie was never invited in 2020. */
  assert_int_equal(jint(json_object_get(m, "never_invited"), "total"), jint(m, "total") - 1);
  json_decref(m);
  /* 2020-09 only: a was invited but did not attend. */
  q.zFrom = "2020-09";
  assert_int_equal(invitation_matrix(&c, &q, &m, &e), YC_OK);
  assert_int_equal(jint(json_object_get(m, "never_attended"), "total"), 1);
  assert_int_equal(jint(json_array_get(json_object_get(json_object_get(m, "never_attended"), "items"), 0), "id"), a);
  json_decref(m);
  q.zEvents = "0";
  assert_int_equal(invitation_matrix(&c, &q, &m, &e), YC_EINVALID);
  assert_string_equal(e.zField, "events");
}

/* The text of a synthetic fixture file of test/unit/data/demo_events
** (the tests run from the repository's root); malloc'd. */
static char *fixture(const char *zName){
  char zPath[300];
  snprintf(zPath, sizeof zPath, "test/unit/data/demo_events/%s", zName);
  FILE *f = fopen(zPath, "rb");
  if( !f ){ fprintf(stderr, "cannot open %s: run from the repository's root\n", zPath); return 0; }
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *z = malloc((size_t)n + 1);
  if( z && fread(z, 1, (size_t)n, f)!=(size_t)n ){ free(z); z = 0; }
  if( z ) z[n] = 0;
  fclose(f);
  return z;
}

/* event-7: the demo loader of series, members, events and invitations on
** synthetic files: the held event's attendance makes its exchange through
** the core path; loading twice adds nothing (not even audit rows). */
static void test_demo_loader(void **st){
  (void)st;
  Err e;
  int64_t t1 = tie(601), t2 = tie(602);
  (void)t2;
  char *az[4] = {fixture("jinan_series.tsv"), fixture("jinan_series_members.tsv"), fixture("jinan_events.tsv"),
                 fixture("jinan_invitations.tsv")};
  for(int i=0; i<4; i++) assert_non_null(az[i]);
  DemoCounts n;
  memset(&n, 0, sizeof n);
  int h1 = stored_score(t1);
  assert_int_equal(db_begin(c.db, &e), YC_OK);
  YcStatus rc = demo_events_load(&c, (const char *const*)az, &n, &e);
  if( rc ) fprintf(stderr, "demo_events_load: %s\n", e.zMsg);
  assert_int_equal(rc, YC_OK);
  assert_int_equal(db_commit(c.db, &e), YC_OK);
  assert_int_equal(n.nSeries, 2);
  assert_int_equal(n.nMember, 2);
  assert_int_equal(n.nEvent, 2);
  assert_int_equal(n.nInvitation, 3);
  int64_t ev = event_find(&c, "Synthetic Friendship Conference 2025", 0, "2025-10-15");
  assert_true(ev>0);
  json_t *j = 0;
  assert_int_equal(event_get(&c, ev, &j, &e), YC_OK);
  assert_int_equal(jint(j, "reported_people"), 886);
  assert_int_equal(jint(j, "edition"), 1);
  assert_int_equal(jint(j, "ties_attended"), 1);
  assert_true(json_is_integer(json_object_get(j, "exchange_id")));
  json_t *ex = 0;
  assert_int_equal(exchange_get(&c, jint(j, "exchange_id"), &ex, &e), YC_OK);
  assert_int_equal(json_array_size(json_object_get(ex, "ties")), 1);
  assert_int_equal(jint(json_array_get(json_object_get(ex, "ties"), 0), "id"), t1);
  assert_int_equal(jint(ex, "participants"), 5);
  json_decref(ex);
  json_decref(j);
  assert_true(stored_score(t1)>h1);
  /* Again: nothing new. */
  int64_t nAudit = nrows("SELECT count(*) FROM audit"), nEv = nrows("SELECT count(*) FROM event");
  int64_t nInv = nrows("SELECT count(*) FROM invitation"), nEx = nrows("SELECT count(*) FROM exchange");
  memset(&n, 0, sizeof n);
  assert_int_equal(db_begin(c.db, &e), YC_OK);
  assert_int_equal(demo_events_load(&c, (const char *const*)az, &n, &e), YC_OK);
  assert_int_equal(db_commit(c.db, &e), YC_OK);
  assert_int_equal(n.nSeries + n.nMember + n.nEvent + n.nInvitation + n.nEventExchange, 0);
  assert_int_equal(nrows("SELECT count(*) FROM audit"), nAudit);
  assert_int_equal(nrows("SELECT count(*) FROM event"), nEv);
  assert_int_equal(nrows("SELECT count(*) FROM invitation"), nInv);
  assert_int_equal(nrows("SELECT count(*) FROM exchange"), nEx);
  for(int i=0; i<4; i++) free(az[i]);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_sync_owned),
    cmocka_unit_test(test_event_validation),
    cmocka_unit_test(test_held_makes_exchange),
    cmocka_unit_test(test_event_search_private),
    cmocka_unit_test(test_series),
    cmocka_unit_test(test_matrix),
    cmocka_unit_test(test_demo_loader),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
