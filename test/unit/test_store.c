/*
** test_store.c: the store interface (store/db.h) on a temporary database
** without reference data: the statement cache (hits, eviction, statements
** held across eviction), binding and column types, transactions, errors,
** rows-to-JSON (store/rows.h), migrations that rebuild a referenced table,
** and change tracking (the tables read and changed, for the response cache).
*/
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <cmocka.h>
#include "store/db.h"
#include "store/rows.h"
#include "base/asset.h"

static char zPath[64];
static Db *db;

static int setup(void **st){
  (void)st;
  snprintf(zPath, sizeof zPath, "/tmp/yc-store-%d.db", (int)getpid());
  unlink(zPath);
  Err e;
  if( db_open(zPath, 1, &db, &e) ) return -1;
  return db_exec(db, "CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT UNIQUE, x REAL, b BLOB)", &e) ? -1 : 0;
}

static int teardown(void **st){
  (void)st;
  db_close(db);
  char z[80];
  unlink(zPath);
  snprintf(z, sizeof z, "%s-wal", zPath); unlink(z);
  snprintf(z, sizeof z, "%s-shm", zPath); unlink(z);
  return 0;
}

/* The same SQL text is prepared once. */
static void test_cache_hit(void **st){
  (void)st;
  int64_t n0, n1;
  db_cache_stats(db, 0, 0, &n0);
  for(int i=0; i<10; i++){
    DbStmt *p = db_stmt(db, "SELECT 1 + ?1");
    assert_non_null(p);
    db_bind_int(p, 1, i);
    assert_int_equal(db_step(p), DB_ROW);
    assert_int_equal(db_col_int(p, 0), i + 1);
    db_reset(p);
  }
  db_cache_stats(db, 0, 0, &n1);
  assert_int_equal(n1 - n0, 1);
  db_release(db);
}

/* A statement handed out stays valid while 300 other statements pass
** through the cache; after db_release the cache is back within bounds. */
static void test_cache_held_across_eviction(void **st){
  (void)st;
  DbStmt *pHeld = db_stmt(db, "SELECT ?1 || '-held'");
  assert_non_null(pHeld);
  db_bind_text(pHeld, 1, "kept", -1);
  char zSql[64];
  for(int i=0; i<300; i++){
    snprintf(zSql, sizeof zSql, "SELECT %d", i);
    DbStmt *p = db_stmt(db, zSql);
    assert_non_null(p);
    assert_int_equal(db_step(p), DB_ROW);
    assert_int_equal(db_col_int(p, 0), i);
    db_reset(p);
  }
  int nHeld, nInUse;
  db_cache_stats(db, &nHeld, &nInUse, 0);
  assert_true(nHeld >= 301);          /* nothing handed out was evicted */
  assert_int_equal(db_step(pHeld), DB_ROW);
  assert_string_equal(db_text(pHeld, 0), "kept-held");
  db_reset(pHeld);
  db_release(db);
  db_cache_stats(db, &nHeld, &nInUse, 0);
  assert_int_equal(nInUse, 0);
  assert_true(nHeld <= 96);
  /* Statements not held are evicted as new ones come in. */
  for(int i=300; i<500; i++){
    snprintf(zSql, sizeof zSql, "SELECT %d", i);
    DbStmt *p = db_stmt(db, zSql);
    assert_non_null(p);
    db_reset(p);
    db_release(db);
  }
  db_cache_stats(db, &nHeld, 0, 0);
  assert_true(nHeld <= 97);
}

/* Binding and reading every type; NULL; db_clear drops bindings. */
static void test_bind_and_columns(void **st){
  (void)st;
  Err e;
  assert_int_equal(db_begin(db, &e), YC_OK);
  assert_true(db_in_txn(db));
  DbStmt *p = db_stmt(db, "INSERT INTO t(name, x, b) VALUES(?1, ?2, ?3)");
  assert_non_null(p);
  char zName[8] = "alpha";
  db_bind_text_copy(p, 1, zName, -1);
  memcpy(zName, "XXXXX", 5);          /* the copy is what was bound */
  db_bind_double(p, 2, 42.5467);
  db_bind_blob(p, 3, "\0\1\2", 3);
  assert_int_equal(db_step(p), DB_DONE);
  int64_t id = db_last_id(db);
  assert_true(id > 0);
  assert_int_equal(db_changes(db), 1);
  db_clear(p);
  assert_int_equal(db_step(p), DB_DONE);   /* all NULL now */
  db_reset(p);
  assert_int_equal(db_commit(db, &e), YC_OK);
  assert_false(db_in_txn(db));

  p = db_stmt(db, "SELECT id, name, x, b FROM t WHERE id=?1");
  db_bind_int64(p, 1, id);
  assert_int_equal(db_step(p), DB_ROW);
  assert_int_equal(db_col_type(p, 0), DB_INTEGER);
  assert_int_equal(db_col_type(p, 1), DB_TEXT);
  assert_int_equal(db_col_type(p, 2), DB_FLOAT);
  assert_int_equal(db_col_type(p, 3), DB_BLOB);
  assert_string_equal(db_text(p, 1), "alpha");
  assert_true(db_col_double(p, 2)==42.5467);
  assert_int_equal(db_col_bytes(p, 3), 3);
  assert_memory_equal(db_col_blob(p, 3), "\0\1\2", 3);
  db_reset(p);

  p = db_stmt(db, "SELECT name FROM t WHERE name IS NULL");
  assert_int_equal(db_step(p), DB_ROW);
  assert_int_equal(db_col_type(p, 0), DB_NULL);
  assert_null(db_text(p, 0));
  db_reset(p);
  db_release(db);
}

/* A unique violation maps to a conflict; a rollback leaves nothing. */
static void test_errors_and_rollback(void **st){
  (void)st;
  Err e;
  assert_int_equal(db_begin(db, &e), YC_OK);
  DbStmt *p = db_stmt(db, "INSERT INTO t(name) VALUES(?1)");
  db_bind_text(p, 1, "alpha", -1);
  int rc = db_step(p);
  db_reset(p);
  assert_int_not_equal(rc, DB_DONE);
  assert_int_equal(db_error(db, rc, &e), YC_ECONFLICT);
  p = db_stmt(db, "INSERT INTO t(name) VALUES(?1)");
  db_bind_text(p, 1, "beta", -1);
  assert_int_equal(db_step(p), DB_DONE);
  db_reset(p);
  db_rollback(db);
  assert_false(db_in_txn(db));
  p = db_stmt(db, "SELECT count(*) FROM t WHERE name='beta'");
  assert_int_equal(db_step(p), DB_ROW);
  assert_int_equal(db_col_int(p, 0), 0);
  db_reset(p);
  assert_null(db_stmt(db, "SELECT * FROM no_such_table"));
  db_rollback(db);                      /* harmless outside a transaction */
  assert_true(db_data_version(db) >= 0);
  db_release(db);
}

/* Rows to JSON: types follow the values; an empty result is []. */
static void test_rows_json(void **st){
  (void)st;
  Err e;
  static const char *const az[] = {"id", "name", "x", "none", 0};
  DbStmt *p = db_stmt(db, "SELECT id, name, x, NULL FROM t WHERE name='alpha'");
  json_t *a = rows_all(db, p, az, &e);
  assert_non_null(a);
  assert_int_equal(json_array_size(a), 1);
  char *z = json_dumps(json_array_get(a, 0), JSON_COMPACT | JSON_PRESERVE_ORDER);
  assert_non_null(strstr(z, "\"name\":\"alpha\""));
  assert_non_null(strstr(z, "\"none\":null"));
  assert_true(json_is_real(json_object_get(json_array_get(a, 0), "x")));
  assert_true(json_is_integer(json_object_get(json_array_get(a, 0), "id")));
  free(z);
  json_decref(a);
  p = db_stmt(db, "SELECT id, name, x, NULL FROM t WHERE 0");
  a = rows_all(db, p, az, &e);
  assert_int_equal(json_array_size(a), 0);
  json_decref(a);
  assert_null(rows_all(db, 0, az, &e));
  db_release(db);
}

/* Meta values round-trip. */
static void test_meta(void **st){
  (void)st;
  Err e;
  assert_int_equal(db_exec(db, "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT)", &e), YC_OK);
  assert_null(db_meta_get(db, "k"));
  assert_int_equal(db_meta_set(db, "k", "v1", &e), YC_OK);
  assert_int_equal(db_meta_set(db, "k", "v2", &e), YC_OK);
  char *z = db_meta_get(db, "k");
  assert_string_equal(z, "v2");
  free(z);
  assert_string_equal(db_path(db), zPath);
  db_release(db);
}

static int64_t count_of(Db *d, const char *zSql){
  DbStmt *p = db_stmt(d, zSql);
  int64_t n = (p && db_step(p)==DB_ROW) ? db_col_int64(p, 0) : -1;
  db_reset(p);
  return n;
}

/* A database at schema 8 with ties that others refer to keeps every row
** through migration 009, which rebuilds the tie table: the migrations run
** with foreign keys off (no cascade), which are on again afterwards. A
** migration inside a transaction is refused. */
static void test_migrate_keeps_rows(void **st){
  (void)st;
  char zOld[64];
  snprintf(zOld, sizeof zOld, "/tmp/yc-store-m-%d.db", (int)getpid());
  unlink(zOld);
  Db *d = 0;
  Err e;
  assert_int_equal(db_open(zOld, 1, &d, &e), YC_OK);
  for(const Asset *a = aAsset; a->zName; a++){
    if( strncmp(a->zName, "schema/", 7)!=0 || atoi(a->zName + 7)>8 ) continue;
    assert_int_equal(db_exec(d, (const char*)a->pStart, &e), YC_OK);
  }
  assert_int_equal(db_exec(d, "PRAGMA user_version=8;"
    "INSERT INTO country(iso2, iso3, name_en) VALUES('CN','CHN','China'),('JP','JPN','Japan');"
    "INSERT INTO city(id, name, name_fold, country) VALUES(1,'Jinan','jinan','CN'),(2,'Wakayama','wakayama','JP');"
    "INSERT INTO tie(id, home_city_id, partner_city_id, kind, status, created_at, updated_at)"
    "  VALUES(7, 1, 2, 'sister', 'active', 'x', 'x');"
    "INSERT INTO org(id, name_en, type, side, created_at, updated_at) VALUES(3, 'O', 'park', 'home', 'x', 'x');"
    "INSERT INTO org_tie(org_id, tie_id) VALUES(3, 7);"
    "INSERT INTO tie_source(tie_id, pos, source) VALUES(7, 0, 's');"
    /* An organisation deleted before the migration, known by its audit entry. */
    "INSERT INTO audit(at, actor, action, entity, entity_id) VALUES('x', 't', 'delete', 'org', 50);", &e), YC_OK);
  /* Inside a transaction: refused, nothing applied. */
  int n = -1;
  assert_int_equal(db_begin(d, &e), YC_OK);
  assert_int_not_equal(db_migrate(d, &n, &e), YC_OK);
  db_rollback(d);
  assert_int_equal(db_schema_version(d), 8);
  assert_int_equal(db_migrate(d, &n, &e), YC_OK);
  assert_true(n>=1);
  assert_true(db_schema_version(d)>=9);
  assert_int_equal(count_of(d, "SELECT count(*) FROM org_tie WHERE tie_id=7"), 1);
  assert_int_equal(count_of(d, "SELECT count(*) FROM tie_source WHERE tie_id=7"), 1);
  assert_int_equal(count_of(d, "PRAGMA foreign_keys"), 1);
  /* Ids are never given again (018), on this very connection too: above
  ** the audit's deleted 50, and a deleted newest id is not reused. */
  const char *zOrg = "INSERT INTO org(name_en, type, side, created_at, updated_at) VALUES('P', 'park', 'home', 'x', 'x')";
  assert_int_equal(db_exec(d, zOrg, &e), YC_OK);
  int64_t id1 = db_last_id(d);
  assert_int_equal(id1, 51);
  assert_int_equal(db_exec(d, "DELETE FROM org WHERE id=51", &e), YC_OK);
  assert_int_equal(db_exec(d, zOrg, &e), YC_OK);
  assert_int_equal(db_last_id(d), 52);
  assert_int_equal(db_exec(d, "DELETE FROM org WHERE id=52", &e), YC_OK);
  char *zCheck = db_integrity(d);
  assert_string_equal(zCheck, "ok");
  free(zCheck);
  /* The new status is accepted; a tie's delete cascades again. */
  assert_int_equal(db_exec(d, "UPDATE tie SET status='unverified' WHERE id=7", &e), YC_OK);
  assert_int_equal(db_exec(d, "DELETE FROM tie WHERE id=7", &e), YC_OK);
  assert_int_equal(count_of(d, "SELECT count(*) FROM org_tie"), 0);
  db_close(d);
  char z[80];
  unlink(zOld);
  snprintf(z, sizeof z, "%s-wal", zOld); unlink(z);
  snprintf(z, sizeof z, "%s-shm", zOld); unlink(z);
}

static int has_table(const DbTables *p, const char *zName){
  int i = db_table_id(zName);
  return (p->a[i>>6]>>(i&63)) & 1;
}

static void exec_ok(Db *d, const char *zSql){
  Err e;
  assert_int_equal(db_exec(d, zSql, &e), YC_OK);
}

/* Reads through views and full-text tables; writes by triggers, at commit
** only; an autocommit write; changes by another process through table_gen. */
static void test_change_tracking(void **st){
  (void)st;
  char zT[64];
  snprintf(zT, sizeof zT, "/tmp/yc-track-%d.db", (int)getpid());
  unlink(zT);
  Db *d = 0;
  Err e;
  assert_int_equal(db_open(zT, 1, &d, &e), YC_OK);
  exec_ok(d, "CREATE TABLE table_gen(name TEXT PRIMARY KEY, gen INTEGER NOT NULL);"
             "CREATE TABLE ta(id INTEGER PRIMARY KEY, x TEXT);"
             "CREATE TABLE tb(id INTEGER PRIMARY KEY, y TEXT);"
             "CREATE TABLE tc(id INTEGER PRIMARY KEY, z TEXT);"
             "CREATE VIRTUAL TABLE tf USING fts5(t);"
             "CREATE VIEW va AS SELECT id, x FROM ta;"
             "CREATE TRIGGER ta_i AFTER INSERT ON ta BEGIN"
             "  INSERT INTO tc(z) VALUES(new.x); INSERT INTO tf(t) VALUES(new.x); END;");
  DbTables t;
  db_changes_take(d, &t);
  db_changes_take(d, &t);
  memset(&t, 0, sizeof t);
  /* Reads. */
  db_reads_start(d);
  DbStmt *p = db_stmt(d, "SELECT count(*) FROM va");
  assert_int_equal(db_step(p), DB_ROW);
  db_reset(p);
  p = db_stmt(d, "SELECT count(*) FROM tf WHERE tf MATCH 'robot'");
  assert_int_equal(db_step(p), DB_ROW);
  db_reset(p);
  db_reads(d, &t);
  assert_true(has_table(&t, "ta"));
  assert_true(has_table(&t, "tf"));
  assert_false(has_table(&t, "tb"));
  assert_false(has_table(&t, "tc"));
  /* A rolled-back write counts nothing. */
  assert_int_equal(db_begin(d, &e), YC_OK);
  exec_ok(d, "INSERT INTO tb(y) VALUES('no')");
  db_rollback(d);
  db_changes_take(d, &t);
  assert_false(has_table(&t, "tb"));
  /* A committed one counts its triggers' tables too, the FTS table's
  ** included; not before the commit. */
  assert_int_equal(db_begin(d, &e), YC_OK);
  p = db_stmt(d, "INSERT INTO ta(x) VALUES(?1)");
  db_bind_text(p, 1, "robot", -1);
  assert_int_equal(db_step(p), DB_DONE);
  db_reset(p);
  db_changes_take(d, &t);
  assert_false(has_table(&t, "ta"));
  assert_int_equal(db_commit(d, &e), YC_OK);
  db_changes_take(d, &t);
  assert_true(has_table(&t, "ta"));
  assert_true(has_table(&t, "tc"));
  assert_true(has_table(&t, "tf"));
  assert_false(has_table(&t, "tb"));
  assert_false(has_table(&t, "*"));
  /* An autocommit write, recorded in table_gen after it. */
  exec_ok(d, "INSERT INTO tb(y) VALUES('auto')");
  db_changes_take(d, &t);
  assert_true(has_table(&t, "tb"));
  assert_false(has_table(&t, "ta"));
  p = db_stmt(d, "SELECT (SELECT gen FROM table_gen WHERE name='tb') > (SELECT gen FROM table_gen WHERE name='ta')");
  assert_int_equal(db_step(p), DB_ROW);
  assert_int_equal(db_col_int(p, 0), 1);
  db_reset(p);
  db_release(d);
  /* Another process writes tb: this one learns tb, nothing else. */
  pid_t pid = fork();
  assert_true(pid>=0);
  if( pid==0 ){
    Db *c = 0;
    Err ec;
    int bad = db_open(zT, 0, &c, &ec) || db_begin(c, &ec)
           || db_exec(c, "UPDATE tb SET y='child'", &ec) || db_commit(c, &ec);
    db_close(c);
    _exit(bad ? 1 : 0);
  }
  int status = 0;
  assert_int_equal(waitpid(pid, &status, 0), pid);
  assert_int_equal(WEXITSTATUS(status), 0);
  db_changes_take(d, &t);
  assert_true(has_table(&t, "tb"));
  assert_false(has_table(&t, "ta"));
  assert_false(has_table(&t, "*"));
  db_changes_take(d, &t);
  assert_false(has_table(&t, "tb"));
  db_close(d);
  char z[80];
  unlink(zT);
  snprintf(z, sizeof z, "%s-wal", zT); unlink(z);
  snprintf(z, sizeof z, "%s-shm", zT); unlink(z);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_cache_hit),
    cmocka_unit_test(test_cache_held_across_eviction),
    cmocka_unit_test(test_bind_and_columns),
    cmocka_unit_test(test_errors_and_rollback),
    cmocka_unit_test(test_rows_json),
    cmocka_unit_test(test_meta),
    cmocka_unit_test(test_migrate_keeps_rows),
    cmocka_unit_test(test_change_tracking),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
