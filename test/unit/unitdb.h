/*
** unitdb.h: the temporary database a unit-test binary works on, written
** once for every test file that needs one: the file and the Ctx, opening
** and migrating it, the reference and demo data, counting rows, removing it.
** Include after cmocka.h; the functions are static (one copy per binary).
**
** The demo database (unitdb_demo) is a copy of a template: loading the
** 200k-place gazetteer takes seconds (a minute under ASan), and several
** binaries need the same data. The template of a build (B/libyc.a, found
** beside the binary's directory B/test) is made once per variant (with or
** without the country lists) by the first binary that needs it, with the
** same calls (unitdb_load), under a lock the others wait on, and copied by
** every binary after it. It lives in B/unit-template-KEY-L.db, KEY naming
** libyc.a (inode, size, mtime), this file's mtime and today's date; a
** binary whose libyc.a is not found loads the data itself. Tests of the
** loader itself (test_gazetteer) load for real: they do not call
** unitdb_demo. YC_UNIT_TEMPLATE_LIB=PATH/libyc.a uses the templates of
** another build instead (the ASan build uses the plain build's: the data is
** the same, and loading it under ASan takes a minute of CPU that `make
** test` has not to spare; `init --demo` still runs under ASan, for the
** ASan API suite's database).
*/
#ifndef YC_UNITDB_H
#define YC_UNITDB_H
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include "base/date.h"
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

/* Remove a database file and its WAL companions. */
static void unitdb_unlink(const char *zFile){
  char z[PATH_MAX+400];
  unlink(zFile);
  if( snprintf(z, sizeof z, "%s-wal", zFile)<(int)sizeof z ) unlink(z);
  if( snprintf(z, sizeof z, "%s-shm", zFile)<(int)sizeof z ) unlink(z);
}

/* The reference data (and the country lists when bLists), Jinan as the home
** city and the demo data into c.db, as `init --demo` loads them. */
__attribute__((unused)) static int unitdb_load(int bLists){
  Err e;
  RefCounts rf;
  int nList, nMember;
  DemoCounts dc;
  if( refdata_load(c.db, &rf, &e) ) return -1;
  if( bLists && lists_load(c.db, &nList, &nMember, &e) ) return -1;
  if( db_meta_set(c.db, "home_city_id", "1805753", &e) ) return -1;
  c.homeCityId = DEMO_HOME_CITY_ID;
  const char *zRole = c.zRole;
  c.zRole = "admin";            /* as `init` (the demo has people) */
  int rc = demo_load(&c, &dc, &e);
  c.zRole = zRole;
  if( rc ){ fprintf(stderr, "demo_load: %s\n", e.zMsg); return -1; }
  return 0;
}

/* The template's directory (B) and name for bLists into zDir and zName;
** -1 when libyc.a is not beside the binary's directory. */
__attribute__((unused)) static int unitdb_template_name(int bLists, char *zDir, char *zName, size_t nName){
  const char *zOther = getenv("YC_UNIT_TEMPLATE_LIB");
  if( zOther && zOther[0] ){          /* another build's libyc.a: its templates */
    if( strlen(zOther)>=PATH_MAX-16 ) return -1;
    strcpy(zDir, zOther);
    char *p = strrchr(zDir, '/');
    if( !p || p==zDir ) return -1;
    *p = 0;
  }else{
    ssize_t k = readlink("/proc/self/exe", zDir, PATH_MAX-16);
    if( k<=0 ) return -1;
    zDir[k] = 0;
    for(int i=0; i<2; i++){            /* B/test/test_X -> B */
      char *p = strrchr(zDir, '/');
      if( !p || p==zDir ) return -1;
      *p = 0;
    }
  }
  char zLib[PATH_MAX+16];
  struct stat sl, sh;
  snprintf(zLib, sizeof zLib, "%s/libyc.a", zDir);
  if( stat(zLib, &sl) ) return -1;
  if( stat(__FILE__, &sh) ) sh.st_mtime = 0;   /* run from elsewhere than the repository root */
  snprintf(zName, nName, "unit-template-%llu-%lld-%lld.%09ld-%lld-%d-%d.db",
           (unsigned long long)sl.st_ino, (long long)sl.st_size, (long long)sl.st_mtim.tv_sec,
           sl.st_mtim.tv_nsec, (long long)sh.st_mtime, date_today(), bLists);
  return 0;
}

/* Remove the templates (and their locks) of other builds, other days or an
** edited unitdb.h from zDir: those of the key in zName are kept. */
__attribute__((unused)) static void unitdb_template_prune(const char *zDir, const char *zName){
  size_t nKey = strrchr(zName, '-') - zName;   /* "unit-template-KEY" */
  DIR *d = opendir(zDir);
  if( !d ) return;
  struct dirent *x;
  while( (x = readdir(d))!=0 ){
    if( strncmp(x->d_name, "unit-template-", 14) || !strncmp(x->d_name, zName, nKey) ) continue;
    char z[PATH_MAX+300];
    snprintf(z, sizeof z, "%s/%s", zDir, x->d_name);
    unlink(z);
  }
  closedir(d);
}

/* Copy the file zFrom to the new file zTo. */
__attribute__((unused)) static int unitdb_copy(const char *zFrom, const char *zTo){
  int fi = open(zFrom, O_RDONLY);
  if( fi<0 ) return -1;
  int fo = open(zTo, O_WRONLY|O_CREAT|O_TRUNC, 0600);
  if( fo<0 ){ close(fi); return -1; }
  static char aBuf[1<<20];
  ssize_t n;
  int rc = 0;
  while( rc==0 && (n = read(fi, aBuf, sizeof aBuf))!=0 ){
    if( n<0 ){ if( errno!=EINTR ) rc = -1; continue; }
    for(ssize_t o=0; o<n; ){
      ssize_t w = write(fo, aBuf+o, n-o);
      if( w<0 ){ if( errno==EINTR ) continue; rc = -1; break; }
      o += w;
    }
  }
  close(fi);
  if( close(fo) ) rc = -1;
  return rc;
}

/* Make the template zT: a new database zT.PID.part, migrated and loaded by
** unitdb_load, closed (the last connection folds the WAL into the file) and
** renamed into place. c.db is the template's connection meanwhile. */
__attribute__((unused)) static int unitdb_template_make(const char *zT, int bLists){
  char zPart[PATH_MAX+350], z[PATH_MAX+360];
  struct stat st;
  Err e;
  int n, rc = -1;
  if( snprintf(zPart, sizeof zPart, "%s.%d.part", zT, (int)getpid())>=(int)sizeof zPart ) return -1;
  unitdb_unlink(zPart);
  if( db_open(zPart, 1, &c.db, &e) ) return -1;
  if( db_migrate(c.db, &n, &e)==YC_OK && unitdb_load(bLists)==0 ) rc = 0;
  db_close(c.db);
  c.db = 0;
  if( snprintf(z, sizeof z, "%s-wal", zPart)>=(int)sizeof z ) rc = -1;
  if( rc==0 && stat(z, &st)==0 && st.st_size>0 ){
    fprintf(stderr, "unitdb: the template %s keeps a non-empty WAL\n", zPart);
    rc = -1;
  }
  if( rc==0 && rename(zPart, zT) ) rc = -1;
  unitdb_unlink(zPart);
  return rc;
}

/* The reference data (and the country lists when bLists), Jinan as the home
** city and the demo data, as `init --demo` loads them: c.db (made by
** unitdb_open) becomes a copy of the template (see the header). */
__attribute__((unused)) static int unitdb_demo(int bLists){
  char zDir[PATH_MAX], zName[256], zT[PATH_MAX+300], zLock[PATH_MAX+310];
  if( unitdb_template_name(bLists, zDir, zName, sizeof zName) ) return unitdb_load(bLists);
  snprintf(zT, sizeof zT, "%s/%s", zDir, zName);
  snprintf(zLock, sizeof zLock, "%s.lock", zT);
  db_close(c.db);
  c.db = 0;
  unitdb_unlink(zPath);
  /* One binary makes it; the others wait on the lock (released when its
  ** holder exits, whatever the way). */
  int fd = open(zLock, O_RDWR|O_CREAT, 0600);
  if( fd<0 || flock(fd, LOCK_EX) ){ perror(zLock); if( fd>=0 ) close(fd); return -1; }
  int rc = 0;
  if( access(zT, F_OK)!=0 ){
    unitdb_template_prune(zDir, zName);
    rc = unitdb_template_make(zT, bLists);
    if( rc ) fprintf(stderr, "unitdb: cannot make the template %s\n", zT);
  }
  if( rc==0 && unitdb_copy(zT, zPath) ){ perror(zT); rc = -1; }
  close(fd);                          /* releases the lock */
  if( rc ) return -1;
  Err e;
  int n = -1;
  if( db_open(zPath, 1, &c.db, &e) || db_migrate(c.db, &n, &e) || n!=0 ) return -1;
  c.homeCityId = DEMO_HOME_CITY_ID;
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
  unitdb_unlink(zPath);
  return 0;
}
/* unitdb_close as a cmocka group teardown. */
__attribute__((unused)) static int unitdb_teardown(void **st){ (void)st; return unitdb_close(); }

#endif
