/*
** unitdb.h: the temporary database a unit-test binary works on, written
** once for every test file that needs one: the file and the Ctx, opening
** and migrating it, the reference and demo data, counting rows, removing it.
** Include after cmocka.h; the functions are static (one copy per binary).
*/
#ifndef YC_UNITDB_H
#define YC_UNITDB_H
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "store/db.h"
#include "store/refdata.h"
#include "store/lists.h"
#include "core/ctx.h"
#include "core/demo.h"

static char zPath[64];
static Ctx c;

/* A new, migrated database /tmp/yc-unit-TAG-PID.db in c (actor "unit"). */
static int unitdb_open(const char *zTag){
  snprintf(zPath, sizeof zPath, "/tmp/yc-unit-%s-%d.db", zTag, (int)getpid());
  unlink(zPath);
  Err e;
  memset(&c, 0, sizeof c);
  c.zActor = "unit";
  if( db_open(zPath, 1, &c.db, &e) ) return -1;
  int n;
  return db_migrate(c.db, &n, &e) ? -1 : 0;
}

/* The reference data (and the country lists when bLists), Jinan as the home
** city and the demo data, as `init --demo` loads them. */
__attribute__((unused)) static int unitdb_demo(int bLists){
  Err e;
  RefCounts rf;
  int nList, nMember;
  DemoCounts dc;
  if( refdata_load(c.db, &rf, &e) ) return -1;
  if( bLists && lists_load(c.db, &nList, &nMember, &e) ) return -1;
  if( db_meta_set(c.db, "home_city_id", "1805753", &e) ) return -1;
  c.homeCityId = DEMO_HOME_CITY_ID;
  if( demo_load(&c, &dc, &e) ){ fprintf(stderr, "demo_load: %s\n", e.zMsg); return -1; }
  return 0;
}

/* The integer the query zSql answers (its first column). */
__attribute__((unused)) static int64_t count(const char *zSql){
  DbStmt *p = db_stmt(c.db, zSql);
  assert_non_null(p);
  assert_int_equal(db_step(p), DB_ROW);
  int64_t n = db_col_int64(p, 0);
  db_reset(p);
  return n;
}

/* Close the database and remove its files. */
static int unitdb_close(void){
  db_close(c.db);
  char z[80];
  unlink(zPath);
  snprintf(z, sizeof z, "%s-wal", zPath); unlink(z);
  snprintf(z, sizeof z, "%s-shm", zPath); unlink(z);
  return 0;
}
/* unitdb_close as a cmocka group teardown. */
__attribute__((unused)) static int unitdb_teardown(void **st){ (void)st; return unitdb_close(); }

#endif
