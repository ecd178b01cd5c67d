/*
** test_migrate.c: the store calls a whole-database copy uses
** (db_table_list, db_column_list, db_key_list, db_triggers, db_ids_high,
** db_ids_sync, db_sort_parents_first) on SQLite, and core/migrate.c's
** migrate_run between two SQLite files: the copy, its refusals. Rows are
** synthetic.
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
#include "core/migrate.h"
#include "store/db_engine.h"
#include "base/json.h"

static int64_t count_of(Db *db, const char *zSql){
  DbStmt *p = db_stmt(db, zSql);
  int64_t n = (p && db_step(p)==DB_ROW) ? db_col_int64(p, 0) : -1;
  db_reset(p);
  return n;
}

static char *text_of(Db *db, const char *zSql){
  DbStmt *p = db_stmt(db, zSql);
  char *z = (p && db_step(p)==DB_ROW && db_text(p, 0)) ? strdup(db_text(p, 0)) : 0;
  db_reset(p);
  return z;
}

static int index_of(char **az, int n, const char *z){
  for(int i=0; i<n; i++) if( strcmp(az[i], z)==0 ) return i;
  return -1;
}

static void test_lists(void **st){
  (void)st;
  Err e;
  char **az = 0;
  int n = 0;
  assert_int_equal(db_table_list(c.db, &az, &n, &e), YC_OK);
  assert_true(index_of(az, n, "tie")>=0);
  assert_true(index_of(az, n, "city_alt")>=0);
  assert_true(index_of(az, n, "org_fts")>=0);
  assert_int_equal(index_of(az, n, "table_gen"), -1);
  assert_int_equal(index_of(az, n, "org_fts_data"), -1);
  assert_int_equal(index_of(az, n, "org_fts_content"), -1);
  assert_int_equal(index_of(az, n, "sqlite_sequence"), -1);
  /* Every foreign key: the parent comes first. */
  const DbFk *aFk = 0;
  int nFk = 0;
  assert_int_equal(db_foreign_keys(c.db, &aFk, &nFk, &e), YC_OK);
  assert_true(nFk>20);
  for(int k=0; k<nFk; k++){
    if( strcmp(aFk[k].zChild, aFk[k].zParent)==0 ) continue;
    int iC = index_of(az, n, aFk[k].zChild), iP = index_of(az, n, aFk[k].zParent);
    assert_true(iC>=0 && iP>=0);
    if( iP>iC ) fail_msg("%s listed before its parent %s", aFk[k].zChild, aFk[k].zParent);
  }
  db_list_free(az, n);

  /* Columns: a full-text table's rowid first. */
  assert_int_equal(db_column_list(c.db, "org_fts", &az, &n, &e), YC_OK);
  assert_true(n>=2);
  assert_string_equal(az[0], "rowid");
  db_list_free(az, n);
  assert_int_equal(db_column_list(c.db, "tie", &az, &n, &e), YC_OK);
  assert_string_equal(az[0], "id");
  db_list_free(az, n);
  assert_int_equal(db_column_list(c.db, "no_such_table", &az, &n, &e), YC_ENOTFOUND);

  /* Keys in key order; none for a table without one. */
  assert_int_equal(db_key_list(c.db, "exchange_tie", &az, &n, &e), YC_OK);
  assert_int_equal(n, 3);
  assert_string_equal(az[0], "tie_id");
  assert_string_equal(az[1], "day_mid");
  assert_string_equal(az[2], "exchange_id");
  db_list_free(az, n);
  assert_int_equal(db_key_list(c.db, "org_fts", &az, &n, &e), YC_OK);
  assert_int_equal(n, 1);
  assert_string_equal(az[0], "rowid");
  db_list_free(az, n);
  /* A table without a primary key: its rowid (PostgreSQL's id). */
  assert_int_equal(db_key_list(c.db, "city_alt", &az, &n, &e), YC_OK);
  assert_int_equal(n, 1);
  assert_string_equal(az[0], "rowid");
  db_list_free(az, n);
  assert_int_equal(db_column_list(c.db, "city_alt", &az, &n, &e), YC_OK);
  assert_int_equal(n, 5);
  assert_string_equal(az[0], "rowid");
  assert_string_equal(az[1], "city_id");
  db_list_free(az, n);
}

static void test_sort(void **st){
  (void)st;
  /* c -> b -> a (and a to itself); x <-> y a cycle; z alone. */
  DbFk a[] = {{"c", "b_id", "b", "id", 0}, {"b", "a_id", "a", "id", 0}, {"x", "y_id", "y", "id", 0},
              {"y", "x_id", "x", "id", 0}, {"a", "a_id", "a", "id", 0}};
  char *az[] = {"z", "y", "x", "c", "b", "a"};
  db_sort_parents_first(az, 6, a, 5);
  const char *azWant[] = {"a", "b", "c", "z", "x", "y"};   /* the cycle last, by name */
  for(int i=0; i<6; i++) assert_string_equal(az[i], azWant[i]);
}

static void test_triggers(void **st){
  (void)st;
  Err e;
  const char *zAll = "SELECT group_concat(name || ':' || sql, ';') FROM (SELECT name, sql FROM sqlite_schema WHERE type='trigger' ORDER BY name)";
  int64_t n0 = count_of(c.db, "SELECT count(*) FROM sqlite_schema WHERE type='trigger'");
  char *z0 = text_of(c.db, zAll);
  assert_true(n0>10);
  assert_non_null(z0);
  /* Outside a transaction: refused. */
  assert_int_equal(db_triggers(c.db, 0, &e), YC_EINTERNAL);
  /* Off and on again in one transaction: the same triggers. */
  assert_int_equal(db_begin(c.db, &e), YC_OK);
  assert_int_equal(db_triggers(c.db, 0, &e), YC_OK);
  assert_int_equal(count_of(c.db, "SELECT count(*) FROM sqlite_schema WHERE type='trigger'"), 0);
  assert_int_equal(db_triggers(c.db, 1, &e), YC_OK);
  assert_int_equal(db_commit(c.db, &e), YC_OK);
  char *z1 = text_of(c.db, zAll);
  assert_string_equal(z1, z0);
  free(z1);
  /* Off, then a rollback: they are back. */
  assert_int_equal(db_begin(c.db, &e), YC_OK);
  assert_int_equal(db_triggers(c.db, 0, &e), YC_OK);
  db_rollback(c.db);
  z1 = text_of(c.db, zAll);
  assert_string_equal(z1, z0);
  free(z1);
  free(z0);
}

static void test_ids(void **st){
  (void)st;
  Err e;
  int64_t h = -1;
  assert_int_equal(db_ids_high(c.db, "unit", &h, &e), YC_OK);
  assert_int_equal(h, 0);
  assert_int_equal(db_begin(c.db, &e), YC_OK);
  assert_int_equal(db_exec(c.db, "INSERT INTO unit(id, name_zh, kind, created_at, updated_at)"
                                 " VALUES(7, '合成单位', 'office', '2026-01-01', '2026-01-01')", &e), YC_OK);
  /* Rows came in with their ids; the source had handed out up to 500. */
  assert_int_equal(db_ids_sync(c.db, "unit", 500, &e), YC_OK);
  assert_int_equal(db_exec(c.db, "INSERT INTO unit(name_zh, kind, created_at, updated_at)"
                                 " VALUES('合成单位二', 'office', '2026-01-01', '2026-01-01')", &e), YC_OK);
  assert_int_equal(db_last_id(c.db), 501);
  assert_int_equal(db_commit(c.db, &e), YC_OK);
  assert_int_equal(db_ids_high(c.db, "unit", &h, &e), YC_OK);
  assert_int_equal(h, 501);
  /* A mark below the rows' ids is raised to them. */
  assert_int_equal(db_ids_sync(c.db, "unit", 3, &e), YC_OK);
  assert_int_equal(count_of(c.db, "SELECT seq FROM sqlite_sequence WHERE name='unit'"), 501);
  /* A table without generated ids (a composite key): 0, nothing to do. */
  assert_int_equal(db_ids_high(c.db, "exchange_tie", &h, &e), YC_OK);
  assert_int_equal(h, 0);
  assert_int_equal(db_ids_sync(c.db, "exchange_tie", 10, &e), YC_OK);
}

static void test_migrate_run(void **st){
  (void)st;
  Err e;
  memset(&e, 0, sizeof e);
  /* Records in the source: the units above and an audit row. */
  assert_int_equal(db_exec(c.db, "INSERT INTO audit(at, actor, action, entity, entity_id, after)"
                                 " VALUES('2026-01-01T00:00:00Z', 'unit', 'create', 'unit', 7, '{\"synthetic\":true}')", &e), YC_OK);
  char zTo[80];
  snprintf(zTo, sizeof zTo, "/tmp/yc-unit-migrate-to-%d.db", (int)getpid());
  unitdb_unlink(zTo);
  Db *dst = 0;
  assert_int_equal(db_open(zTo, 1, &dst, &e), YC_OK);
  MigrateOpts o;
  memset(&o, 0, sizeof o);
  json_t *r = 0;
  assert_int_equal(migrate_run(c.db, dst, &o, &r, &e), YC_OK);
  assert_true(json_is_true(json_object_get(r, "verified")));
  assert_int_equal(jint(r, "schema_version"), db_schema_version(c.db));
  json_t *aT = json_object_get(r, "tables");
  size_t i;
  json_t *t;
  int bUnit = 0;
  json_array_foreach(aT, i, t){
    if( strcmp(jstr(t, "table"), "unit")==0 ){
      bUnit = 1;
      assert_int_equal(jint(t, "rows"), 2);
      assert_int_equal(strlen(jstr(t, "checksum")), 64);
    }
  }
  assert_true(bUnit);
  assert_int_equal(count_of(dst, "SELECT seq FROM sqlite_sequence WHERE name='unit'"), 501);
  assert_int_equal(count_of(dst, "SELECT count(*) FROM sqlite_schema WHERE type='trigger'"),
                   count_of(c.db, "SELECT count(*) FROM sqlite_schema WHERE type='trigger'"));
  char *zSum = strdup(jstr(json_array_get(aT, json_array_size(aT) - 1), "checksum"));
  json_decref(r);

  /* Again: the target holds records now. */
  memset(&e, 0, sizeof e);
  assert_int_equal(migrate_run(c.db, dst, &o, &r, &e), YC_ECONFLICT);
  assert_string_equal(e.zCode, "not_empty");
  assert_string_equal(e.zField, "--to");
  o.bReplace = 1;
  assert_int_equal(migrate_run(c.db, dst, &o, &r, &e), YC_OK);
  assert_true(json_is_true(json_object_get(r, "replaced")));
  aT = json_object_get(r, "tables");
  assert_string_equal(jstr(json_array_get(aT, json_array_size(aT) - 1), "checksum"), zSum);
  free(zSum);
  json_decref(r);

  /* Another schema version. */
  assert_int_equal(db_exec(dst, "PRAGMA user_version=18", &e), YC_OK);
  memset(&e, 0, sizeof e);
  assert_int_equal(migrate_run(c.db, dst, &o, &r, &e), YC_EINVALID);
  assert_string_equal(e.zCode, "schema_mismatch");
  assert_null(r);
  db_close(dst);
  unitdb_unlink(zTo);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_lists),
    cmocka_unit_test(test_sort),
    cmocka_unit_test(test_triggers),
    cmocka_unit_test(test_ids),
    cmocka_unit_test(test_migrate_run),
  };
  if( unitdb_open("migrate") ) return 1;
  int rc = cmocka_run_group_tests(tests, 0, 0);
  unitdb_close();
  return rc;
}
