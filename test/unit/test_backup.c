/*
** test_backup.c: the store's backup calls (db_read_begin, db_backup_to,
** db_integrity, db_probe_unused) and core/backup.c (backup_take's names,
** checks and rotation, backup_verify, backup_restore's refusals) on a
** migrated database without reference data. Rows are synthetic.
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
#include "core/backup.h"
#include "core/audit.h"
#include "base/json.h"

static char zDir[80];

static int setup(void **st){
  (void)st;
  if( unitdb_open("backup") ) return -1;
  snprintf(zDir, sizeof zDir, "/tmp/yc-unit-backup-dir-%d", (int)getpid());
  mkdir(zDir, 0700);
  return 0;
}
static int teardown(void **st){
  (void)st;
  char z[400];
  DIR *d = opendir(zDir);
  struct dirent *de;
  while( d && (de = readdir(d))!=0 ){
    if( de->d_name[0]=='.' && (!de->d_name[1] || de->d_name[1]=='.') ) continue;
    snprintf(z, sizeof z, "%s/%s", zDir, de->d_name);
    unlink(z);
  }
  if( d ) closedir(d);
  rmdir(zDir);
  return unitdb_close();
}

static int64_t count_of(Db *db, const char *zSql){
  DbStmt *p = db_stmt(db, zSql);
  int64_t n = (p && db_step(p)==DB_ROW) ? db_col_int64(p, 0) : -1;
  db_reset(p);
  return n;
}

/* One synthetic organisation, written as every write is (with its audit). */
static void add_org(Db *db, const char *zName){
  Err e;
  Ctx cc = c;
  cc.db = db;
  assert_int_equal(db_begin(db, &e), YC_OK);
  DbStmt *p = db_stmt(db, "INSERT INTO org(name_en, type, side, created_at, updated_at)"
                          " VALUES(?1, 'enterprise', 'home', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')");
  assert_non_null(p);
  db_bind_text(p, 1, zName, -1);
  assert_int_equal(db_step(p), DB_DONE);
  db_reset(p);
  assert_int_equal(audit_log(&cc, "create", "org", db_last_id(db), 0, 0, &e), YC_OK);
  assert_int_equal(db_commit(db, &e), YC_OK);
}

/* The copy is the snapshot of the read transaction open when it started:
** a write committed by another connection meanwhile is not blocked, and is
** not in the copy. */
static void test_backup_snapshot(void **st){
  (void)st;
  Err e;
  add_org(c.db, "Synthetic org A");
  Db *w = 0;
  assert_int_equal(db_open(zPath, 0, &w, &e), YC_OK);
  assert_int_equal(db_read_begin(c.db, &e), YC_OK);
  int64_t n0 = count_of(c.db, "SELECT count(*) FROM org");
  add_org(w, "Synthetic org B");              /* another writer, not blocked */
  char zCopy[200];
  snprintf(zCopy, sizeof zCopy, "%s/snap.db", zDir);
  int nPages = 0;
  assert_int_equal(db_backup_to(c.db, zCopy, &nPages, &e), YC_OK);
  assert_int_equal(count_of(c.db, "SELECT count(*) FROM org"), n0);
  db_read_end(c.db);
  assert_true(nPages>0);
  assert_int_equal(count_of(c.db, "SELECT count(*) FROM org"), n0 + 1);

  Db *cp = 0;
  assert_int_equal(db_open(zCopy, 0, &cp, &e), YC_OK);
  assert_int_equal(count_of(cp, "SELECT count(*) FROM org"), n0);
  assert_int_equal(count_of(cp, "SELECT count(*) FROM audit"), count_of(c.db, "SELECT count(*) FROM audit") - 1);
  assert_int_equal(db_schema_version(cp), db_schema_version(c.db));
  char *z = db_integrity(cp);
  assert_string_equal(z, "ok");
  free(z);
  db_close(cp);

  /* Outside a read transaction it takes its own snapshot: all rows. */
  snprintf(zCopy, sizeof zCopy, "%s/now.db", zDir);
  assert_int_equal(db_backup_to(w, zCopy, 0, &e), YC_OK);
  assert_int_equal(db_open(zCopy, 0, &cp, &e), YC_OK);
  assert_int_equal(count_of(cp, "SELECT count(*) FROM org"), n0 + 1);
  db_close(cp);
  db_close(w);
  unitdb_unlink(zCopy);
}

/* A file another connection has open is in use; closed, it is not. */
static void test_probe(void **st){
  (void)st;
  Err e;
  memset(&e, 0, sizeof e);
  assert_int_equal(db_probe_unused(zPath, &e), YC_ECONFLICT);
  assert_string_equal(e.zField, "--db");
  assert_string_equal(e.zCode, "in_use");
  char zOther[200];
  snprintf(zOther, sizeof zOther, "%s/probe.db", zDir);
  assert_int_equal(db_backup_to(c.db, zOther, 0, &e), YC_OK);
  assert_int_equal(db_probe_unused(zOther, &e), YC_OK);
  Db *o = 0;
  assert_int_equal(db_open(zOther, 0, &o, &e), YC_OK);
  assert_true(count_of(o, "SELECT count(*) FROM org")>=0);
  assert_int_equal(db_probe_unused(zOther, &e), YC_ECONFLICT);
  db_close(o);
  assert_int_equal(db_probe_unused(zOther, &e), YC_OK);
  unitdb_unlink(zOther);
}

static int n_backups(void){
  int n = 0;
  DIR *d = opendir(zDir);
  struct dirent *de;
  while( (de = readdir(d))!=0 ) n += strncmp(de->d_name, "youcheng-", 9)==0;
  closedir(d);
  return n;
}

static void test_take_and_rotate(void **st){
  (void)st;
  Err e;
  json_t *out = 0;
  char zPaths[3][200];
  /* Three in the same second or not: distinct names, newest kept. */
  for(int i=0; i<3; i++){
    assert_int_equal(backup_take(zPath, zDir, "2", &out, &e), YC_OK);
    snprintf(zPaths[i], sizeof zPaths[i], "%s", jstr0(out, "path"));
    assert_string_equal(jstr0(out, "integrity"), "ok");
    assert_int_equal(json_integer_value(json_object_get(json_object_get(out, "counts"), "org")),
                     count_of(c.db, "SELECT count(*) FROM org"));
    assert_true(json_integer_value(json_object_get(out, "size"))>0);
    json_decref(out);
  }
  assert_string_not_equal(zPaths[0], zPaths[1]);
  assert_string_not_equal(zPaths[1], zPaths[2]);
  assert_int_equal(n_backups(), 2);
  assert_int_equal(access(zPaths[0], F_OK), -1);
  assert_int_equal(access(zPaths[1], F_OK), 0);
  assert_int_equal(access(zPaths[2], F_OK), 0);

  /* Other files are never deleted. */
  char zOther[200];
  snprintf(zOther, sizeof zOther, "%s/youcheng-notes.db", zDir);
  FILE *f = fopen(zOther, "w");
  fputs("x", f);
  fclose(f);
  assert_int_equal(backup_take(zPath, zDir, "1", &out, &e), YC_OK);
  json_decref(out);
  assert_int_equal(n_backups(), 2);            /* the new one and the notes */
  assert_int_equal(access(zOther, F_OK), 0);
  unlink(zOther);

  static const struct { const char *zDb, *zDir, *zKeep, *zField; } aBad[] = {
    {0, "/tmp", 0, "--db"},
    {"x", 0, 0, "--to"},
    {"x", "/nonexistent-dir-yc", 0, "--to"},
    {"x", "/tmp", "0", "--keep"},
    {"x", "/tmp", "1001", "--keep"},
    {"x", "/tmp", "2x", "--keep"},
    {"x", "/tmp", "", "--keep"},
    {"/nonexistent-yc.db", "/tmp", "3", "--db"},
  };
  for(size_t i=0; i<sizeof aBad/sizeof aBad[0]; i++){
    memset(&e, 0, sizeof e);
    out = 0;
    assert_int_equal(backup_take(aBad[i].zDb, aBad[i].zDir, aBad[i].zKeep, &out, &e), YC_EINVALID);
    assert_string_equal(e.zField, aBad[i].zField);
    assert_null(out);
  }
}

static void test_restore(void **st){
  (void)st;
  Err e;
  json_t *out = 0;
  assert_int_equal(backup_take(zPath, zDir, "5", &out, &e), YC_OK);
  char zBackup[200], zTarget[200];
  snprintf(zBackup, sizeof zBackup, "%s", jstr0(out, "path"));
  json_decref(out);
  int64_t nOrg = count_of(c.db, "SELECT count(*) FROM org");

  /* Into a new file. */
  snprintf(zTarget, sizeof zTarget, "%s/target.db", zDir);
  assert_int_equal(backup_restore(zBackup, zTarget, 0, &out, &e), YC_OK);
  assert_false(json_is_true(json_object_get(out, "replaced")));
  json_decref(out);
  Db *t = 0;
  assert_int_equal(db_open(zTarget, 0, &t, &e), YC_OK);
  assert_int_equal(count_of(t, "SELECT count(*) FROM org"), nOrg);
  /* A later change to the target: newer than the backup. */
  add_org(t, "Synthetic org C");
  memset(&e, 0, sizeof e);
  assert_int_equal(backup_restore(zBackup, zTarget, 1, &out, &e), YC_ECONFLICT);
  assert_string_equal(e.zCode, "in_use");   /* open here: in use, even forced */
  db_close(t);
  memset(&e, 0, sizeof e);
  assert_int_equal(backup_restore(zBackup, zTarget, 0, &out, &e), YC_ECONFLICT);
  assert_string_equal(e.zCode, "newer");
  assert_string_equal(e.zField, "--db");
  assert_int_equal(db_open(zTarget, 0, &t, &e), YC_OK);
  assert_int_equal(count_of(t, "SELECT count(*) FROM org"), nOrg + 1);   /* unchanged */
  db_close(t);
  assert_int_equal(backup_restore(zBackup, zTarget, 1, &out, &e), YC_OK);
  assert_true(json_is_true(json_object_get(out, "forced")));
  json_decref(out);
  assert_int_equal(db_open(zTarget, 0, &t, &e), YC_OK);
  assert_int_equal(count_of(t, "SELECT count(*) FROM org"), nOrg);
  db_close(t);

  /* The backup onto itself. */
  memset(&e, 0, sizeof e);
  assert_int_equal(backup_restore(zBackup, zBackup, 1, &out, &e), YC_EINVALID);
  assert_string_equal(e.zCode, "same_file");

  /* Not a database, not a youcheng database. */
  char zBad[200];
  snprintf(zBad, sizeof zBad, "%s/garbage.db", zDir);
  FILE *f = fopen(zBad, "w");
  for(int i=0; i<1000; i++) fputs("not a database ", f);
  fclose(f);
  memset(&e, 0, sizeof e);
  assert_int_equal(backup_restore(zBad, zTarget, 1, &out, &e), YC_EINVALID);
  assert_string_equal(e.zField, "--from");
  Db *o = 0;
  snprintf(zBad, sizeof zBad, "%s/other.db", zDir);
  assert_int_equal(db_open(zBad, 1, &o, &e), YC_OK);
  assert_int_equal(db_exec(o, "CREATE TABLE t(x)", &e), YC_OK);
  db_close(o);
  memset(&e, 0, sizeof e);
  assert_int_equal(backup_verify(zBad, "--from", &out, &e), YC_EINVALID);
  assert_string_equal(e.zCode, "not_youcheng");
  assert_int_equal(backup_restore(zBad, zTarget, 1, &out, &e), YC_EINVALID);
  unitdb_unlink(zBad);
  unitdb_unlink(zTarget);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_backup_snapshot),
    cmocka_unit_test(test_probe),
    cmocka_unit_test(test_take_and_rotate),
    cmocka_unit_test(test_restore),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
