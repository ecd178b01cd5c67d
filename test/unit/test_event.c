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
  return db_last_id(c.db);
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

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_sync_owned),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
