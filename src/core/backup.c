/*
** backup.c: online backups and restore (see backup.h). The copy itself is
** the store's db_backup_to (the engine's online backup API, in small steps
** of one read snapshot); here: the options, the file names, the checks of
** each copy and the rotation, and the restore through a temporary file.
*/
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "core/backup.h"
#include "store/db.h"
#include "base/date.h"

/* The main tables whose rows each copy counts (name, its count). */
static const struct { const char *zName, *zSql; } aCount[] = {
  {"tie",         "SELECT count(*) FROM tie"},
  {"org",         "SELECT count(*) FROM org"},
  {"exchange",    "SELECT count(*) FROM exchange"},
  {"project",     "SELECT count(*) FROM project"},
  {"event",       "SELECT count(*) FROM event"},
  {"delegation",  "SELECT count(*) FROM delegation"},
  {"person",      "SELECT count(*) FROM person"},
  {"opportunity", "SELECT count(*) FROM opportunity"},
  {"interest",    "SELECT count(*) FROM interest"},
  {"user",        "SELECT count(*) FROM user"},
  {"audit",       "SELECT count(*) FROM audit"},
};

static double now_s(void){
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec/1e9;
}

static int table_exists(Db *db, const char *zName){
  DbStmt *p = db_stmt(db, "SELECT 1 FROM sqlite_schema WHERE type='table' AND name=?1");
  if( !p ) return 0;
  db_bind_text(p, 1, zName, -1);
  int b = db_step(p)==DB_ROW;
  db_reset(p);
  return b;
}

/* Row counts of the main tables present ({table: n}); 0 on a failure. */
static json_t *row_counts(Db *db){
  json_t *o = json_object();
  for(size_t i=0; i<sizeof aCount/sizeof aCount[0]; i++){
    if( !table_exists(db, aCount[i].zName) ) continue;
    DbStmt *p = db_stmt(db, aCount[i].zSql);
    int ok = p && db_step(p)==DB_ROW;
    if( ok ) json_object_set_new(o, aCount[i].zName, json_integer(db_col_int64(p, 0)));
    db_reset(p);
    if( !ok ){ json_decref(o); return 0; }
  }
  return o;
}

/* The last audit entry: its time ("" if none) and id (0). */
static void last_audit(Db *db, char *zAt, size_t nAt, int64_t *pId){
  zAt[0] = 0;
  *pId = 0;
  if( !table_exists(db, "audit") ) return;
  DbStmt *p = db_stmt(db, "SELECT at, id FROM audit ORDER BY id DESC LIMIT 1");
  if( p && db_step(p)==DB_ROW ){
    snprintf(zAt, nAt, "%s", db_text(p, 0) ? db_text(p, 0) : "");
    *pId = db_col_int64(p, 1);
  }
  db_reset(p);
}

static long long file_size(const char *zPath){
  struct stat st;
  return stat(zPath, &st)==0 ? (long long)st.st_size : -1;
}

/* backup_verify, with the integrity check (which reads every page: most
** of the time of a verify) only when bIntegrity (2: also the foreign keys
** and the search indexes); else "integrity" is "not checked". */
static YcStatus verify_file(const char *zPath, const char *zOpt, int bIntegrity, json_t **pOut, Err *e){
  *pOut = 0;
  struct stat sb;
  if( stat(zPath, &sb)!=0 || !S_ISREG(sb.st_mode) )
    return err_set(e, YC_EINVALID, "not_found", zOpt, "%s: %s is not a file", zOpt, zPath);
  Db *db = 0;
  Err e2;
  if( db_open(zPath, 0, &db, &e2) )
    return err_set(e, YC_EINVALID, "not_a_database", zOpt, "%s: %s is not a SQLite database", zOpt, zPath);
  YcStatus st = YC_OK;
  char *zIntegrity = bIntegrity==2 ? db_integrity_full(db) : bIntegrity ? db_integrity(db) : strdup("ok");
  int v = db_schema_version(db);
  if( strcmp(zIntegrity, "ok")!=0 ){
    st = err_set(e, YC_EINVALID, "integrity", zOpt, "%s: %s fails the integrity check: %.160s",
                 zOpt, zPath, zIntegrity);
  }else if( v<=0 || !table_exists(db, "meta") || !table_exists(db, "audit") ){
    st = err_set(e, YC_EINVALID, "not_youcheng", zOpt, "%s: %s is not a youcheng database", zOpt, zPath);
  }else{
    json_t *counts = row_counts(db);
    char zAt[32];
    int64_t idAudit;
    last_audit(db, zAt, sizeof zAt, &idAudit);
    if( !counts ){
      st = err_set(e, YC_EINVALID, "not_youcheng", zOpt, "%s: cannot count the rows of %s", zOpt, zPath);
    }else{
      *pOut = json_pack("{s:s, s:I, s:s, s:i, s:o, s:s, s:I}", "path", zPath,
                        "size", (json_int_t)sb.st_size, "integrity", zIntegrity,
                        "schema_version", v, "counts", counts, "last_audit_at", zAt,
                        "last_audit_id", (json_int_t)idAudit);
    }
  }
  free(zIntegrity);
  db_close(db);
  if( st==YC_OK && !bIntegrity ) json_object_set_new(*pOut, "integrity", json_string("not checked"));
  return st;
}

YcStatus backup_verify(const char *zPath, const char *zOpt, json_t **pOut, Err *e){
  return verify_file(zPath, zOpt, 1, pOut, e);
}

YcStatus backup_check(const char *zPath, json_t **pOut, Err *e){
  return verify_file(zPath, "--db", 2, pOut, e);
}

/* ---- backup ---- */

/* A backup's file name: youcheng-YYYYMMDD-HHMMSS.db or
** youcheng-YYYYMMDD-HHMMSS-N.db (N>=2). 1 and *pN (1 for none), else 0. */
static int backup_name(const char *z, int *pN){
  if( strncmp(z, "youcheng-", 9)!=0 ) return 0;
  for(int i=9; i<24; i++){
    if( i==17 ? z[i]!='-' : (z[i]<'0' || z[i]>'9') ) return 0;
  }
  *pN = 1;
  const char *zTail = z + 24;
  if( zTail[0]=='-' ){
    char *zEnd;
    long n = strtol(zTail + 1, &zEnd, 10);
    if( zEnd==zTail + 1 || n<2 || n>9999 || zTail[1]=='0' ) return 0;
    *pN = (int)n;
    zTail = zEnd;
  }
  return strcmp(zTail, ".db")==0;
}

typedef struct BackupFile { char *zName; int n; } BackupFile;
/* Newest first: by the time in the name, then by the number after it. */
static int backup_cmp(const void *a, const void *b){
  const BackupFile *x = a, *y = b;
  int c = strncmp(y->zName, x->zName, 24);
  return c ? c : y->n - x->n;
}

/* Keep the newest nKeep backups of zDir; the names kept and deleted. */
static YcStatus rotate(const char *zDir, int nKeep, json_t *kept, json_t *deleted, Err *e){
  DIR *d = opendir(zDir);
  if( !d ) return err_set(e, YC_EINTERNAL, "io", "--to", "cannot list %s: %s", zDir, strerror(errno));
  BackupFile *a = 0;
  int nA = 0, nAlloc = 0;
  struct dirent *de;
  while( (de = readdir(d))!=0 ){
    int n;
    if( !backup_name(de->d_name, &n) ) continue;
    if( nA==nAlloc ){
      nAlloc = nAlloc ? 2*nAlloc : 16;
      BackupFile *aNew = realloc(a, nAlloc * sizeof *a);
      if( !aNew ) break;
      a = aNew;
    }
    a[nA].zName = strdup(de->d_name);
    a[nA++].n = n;
  }
  closedir(d);
  qsort(a, nA, sizeof *a, backup_cmp);
  YcStatus st = YC_OK;
  for(int i=0; i<nA; i++){
    if( i<nKeep ){
      json_array_append_new(kept, json_string(a[i].zName));
    }else{
      char zPath[4096];
      snprintf(zPath, sizeof zPath, "%s/%s", zDir, a[i].zName);
      if( unlink(zPath)==0 ) json_array_append_new(deleted, json_string(a[i].zName));
      else if( st==YC_OK ) st = err_set(e, YC_EINTERNAL, "io", "--to", "cannot delete %s: %s", zPath, strerror(errno));
    }
    free(a[i].zName);
  }
  free(a);
  return st;
}

/* The verified copy zTmp becomes DIR/youcheng-STAMP.db, or -N.db when that
** name is taken: link() fails on an existing name, so two backups in the
** same second never overwrite each other and nothing empty is left behind
** by a failed run. zPath gets the name. */
static YcStatus publish(const char *zTmp, const char *zDir, const char *zStamp, char *zPath, size_t nPath, Err *e){
  for(int n=1; n<10000; n++){
    if( n==1 ) snprintf(zPath, nPath, "%s/youcheng-%s.db", zDir, zStamp);
    else snprintf(zPath, nPath, "%s/youcheng-%s-%d.db", zDir, zStamp, n);
    if( link(zTmp, zPath)==0 ){ unlink(zTmp); return YC_OK; }
    if( errno==EPERM || errno==EOPNOTSUPP ){
      /* No hard links here (some file systems): create the name
      ** exclusively, then rename the copy over it. */
      int fd = open(zPath, O_WRONLY|O_CREAT|O_EXCL, 0600);
      if( fd<0 && errno==EEXIST ) continue;
      if( fd>=0 ){
        close(fd);
        if( rename(zTmp, zPath)==0 ) return YC_OK;
        unlink(zPath);
      }
      break;
    }
    if( errno!=EEXIST ) break;
  }
  return err_set(e, YC_EINTERNAL, "io", "--to", "cannot name the backup %s: %s", zPath, strerror(errno));
}

YcStatus backup_take(const char *zDb, const char *zDir, const char *zKeep, json_t **pOut, Err *e){
  *pOut = 0;
  if( !zDb || !*zDb ) return err_set(e, YC_EINVALID, "required", "--db", "--db FILE is required");
  if( !zDir || !*zDir ) return err_set(e, YC_EINVALID, "required", "--to", "--to DIR is required");
  int nKeep = BACKUP_KEEP_DEFAULT;
  if( zKeep ){
    char *zEnd;
    errno = 0;
    long n = strtol(zKeep, &zEnd, 10);
    if( !*zKeep || *zEnd || errno || n<1 || n>BACKUP_KEEP_MAX )
      return err_set(e, YC_EINVALID, "invalid_range", "--keep", "--keep must be an integer from 1 to %d",
                     BACKUP_KEEP_MAX);
    nKeep = (int)n;
  }
  struct stat sb;
  if( stat(zDir, &sb)!=0 || !S_ISDIR(sb.st_mode) )
    return err_set(e, YC_EINVALID, "not_a_directory", "--to", "--to: %s is not a directory", zDir);
  if( access(zDir, W_OK|X_OK)!=0 )
    return err_set(e, YC_EINVALID, "not_writable", "--to", "--to: the directory %s is not writable", zDir);
  if( stat(zDb, &sb)!=0 || !S_ISREG(sb.st_mode) )
    return err_set(e, YC_EINVALID, "not_found", "--db", "--db: %s does not exist", zDb);

  Db *db = 0;
  if( db_open(zDb, 0, &db, e) ) return e ? e->st : YC_EINTERNAL;
  if( db_schema_version(db)<=0 ){
    db_close(db);
    return err_set(e, YC_EINVALID, "not_youcheng", "--db", "--db: %s is not a youcheng database", zDb);
  }
  char zPath[4096], zTmp[4200], zStamp[24];
  time_t tStart = time(0);
  struct tm tm;
  gmtime_r(&tStart, &tm);
  strftime(zStamp, sizeof zStamp, "%Y%m%d-%H%M%S", &tm);
  snprintf(zTmp, sizeof zTmp, "%s/.youcheng-backup-%ld.tmp", zDir, (long)getpid());
  unlink(zTmp);

  double t0 = now_s();
  int nPages = 0;
  json_t *src = 0;
  YcStatus st = db_read_begin(db, e);
  if( st==YC_OK ){
    /* The source's counts and the copy come from the same snapshot. */
    src = row_counts(db);
    if( !src ) st = err_set(e, YC_EINTERNAL, "database", "--db", "cannot count the rows of %s", zDb);
    else st = db_backup_to(db, zTmp, &nPages, e);
    db_read_end(db);
  }
  db_close(db);
  double tCopy = now_s() - t0;
  json_t *copy = 0;
  if( st==YC_OK ) st = backup_verify(zTmp, "--to", &copy, e);
  if( st==YC_OK && !json_equal(src, json_object_get(copy, "counts")) ){
    st = err_set(e, YC_EINTERNAL, "verify", "--to", "the copy's row counts differ from the database's");
  }
  if( st==YC_OK ) st = publish(zTmp, zDir, zStamp, zPath, sizeof zPath, e);
  double tAll = now_s() - t0;
  if( st ){
    unlink(zTmp);
    json_decref(src);
    json_decref(copy);
    return st;
  }
  json_t *kept = json_array(), *deleted = json_array();
  st = rotate(zDir, nKeep, kept, deleted, e);
  json_object_set_new(copy, "path", json_string(zPath));
  json_object_set_new(copy, "size", json_integer(file_size(zPath)));
  json_object_set_new(copy, "seconds", json_real(tAll));
  json_object_set_new(copy, "copy_seconds", json_real(tCopy));
  json_object_set_new(copy, "pages", json_integer(nPages));
  json_object_set_new(copy, "source", json_string(zDb));
  json_object_set_new(copy, "keep", json_integer(nKeep));
  json_object_set_new(copy, "kept", kept);
  json_object_set_new(copy, "deleted", deleted);
  json_decref(src);
  *pOut = copy;
  return st;
}

/* ---- restore ---- */

/* The later of the file's and its WAL's modification times (0 if none). */
static time_t mod_time(const char *zPath){
  struct stat sb;
  time_t t = stat(zPath, &sb)==0 ? sb.st_mtime : 0;
  char zWal[4200];
  snprintf(zWal, sizeof zWal, "%s-wal", zPath);
  if( stat(zWal, &sb)==0 && sb.st_size>0 && sb.st_mtime>t ) t = sb.st_mtime;
  return t;
}

YcStatus backup_restore(const char *zFrom, const char *zDb, int bForce, json_t **pOut, Err *e){
  *pOut = 0;
  if( !zFrom || !*zFrom ) return err_set(e, YC_EINVALID, "required", "--from", "--from BACKUP.db is required");
  if( !zDb || !*zDb ) return err_set(e, YC_EINVALID, "required", "--db", "--db FILE is required");
  double t0 = now_s();
  time_t tFrom = mod_time(zFrom);
  json_t *from = 0;
  if( backup_verify(zFrom, "--from", &from, e) ) return e ? e->st : YC_EINVALID;

  struct stat sb;
  int bExists = stat(zDb, &sb)==0;
  if( bExists && !S_ISREG(sb.st_mode) ){
    json_decref(from);
    return err_set(e, YC_EINVALID, "not_a_file", "--db", "--db: %s is not a file", zDb);
  }
  struct stat sf;
  if( bExists && stat(zFrom, &sf)==0 && sf.st_dev==sb.st_dev && sf.st_ino==sb.st_ino ){
    json_decref(from);
    return err_set(e, YC_EINVALID, "same_file", "--db", "--db: %s is the backup itself", zDb);
  }
  YcStatus st = YC_OK;
  if( bExists ){
    time_t tDb = mod_time(zDb);     /* before any open touches it */
    st = db_probe_unused(zDb, e);
    json_t *cur = 0;
    if( st==YC_OK && !bForce ){
      Err e2;
      if( verify_file(zDb, "--db", 0, &cur, &e2)==YC_OK ){
        const char *zAtDb = json_string_value(json_object_get(cur, "last_audit_at"));
        const char *zAtFrom = json_string_value(json_object_get(from, "last_audit_at"));
        int c = strcmp(zAtDb, zAtFrom);
        json_int_t idDb = json_integer_value(json_object_get(cur, "last_audit_id"));
        json_int_t idFrom = json_integer_value(json_object_get(from, "last_audit_id"));
        if( c>0 || (c==0 && idDb>idFrom) ){
          st = err_set(e, YC_ECONFLICT, "newer", "--db",
                       "%s is newer than the backup (its last change %s, #%lld; the backup's %s, #%lld); "
                       "give --force to overwrite it", zDb, zAtDb, (long long)idDb,
                       *zAtFrom ? zAtFrom : "none", (long long)idFrom);
        }
      }
      if( st==YC_OK && tDb>tFrom ){
        char zA[24], zB[24];
        date_stamp((int64_t)tDb, 0, zA);
        date_stamp((int64_t)tFrom, 0, zB);
        st = err_set(e, YC_ECONFLICT, "newer", "--db",
                     "%s was modified after the backup was written (%s, the backup %s); "
                     "give --force to overwrite it", zDb, zA, zB);
      }
      json_decref(cur);
    }
  }
  char zTmp[4200];
  snprintf(zTmp, sizeof zTmp, "%s.restore-%ld.tmp", zDb, (long)getpid());
  if( st==YC_OK ){
    unlink(zTmp);
    Db *db = 0;
    st = db_open(zFrom, 0, &db, e);
    if( st==YC_OK ){
      st = db_backup_to(db, zTmp, 0, e);
      db_close(db);
    }
    if( st==YC_OK ){
      json_t *tmp = 0;
      Err e2;
      if( verify_file(zTmp, "--db", 0, &tmp, &e2)
       || !json_equal(json_object_get(tmp, "counts"), json_object_get(from, "counts")) ){
        st = err_set(e, YC_EINTERNAL, "verify", "--db", "the restored copy does not verify; %s is unchanged", zDb);
      }
      json_decref(tmp);
    }
    if( st==YC_OK && bExists && (st = db_probe_unused(zDb, e))==YC_OK ){
      /* No connection has it open: its WAL was checkpointed and removed by
      ** the last close; files left over would belong to the old database. */
      char zSide[4300];
      snprintf(zSide, sizeof zSide, "%s-wal", zDb);
      unlink(zSide);
      snprintf(zSide, sizeof zSide, "%s-shm", zDb);
      unlink(zSide);
    }
    if( st==YC_OK ){
      /* The restored file keeps the backup's time: restoring it again is
      ** not refused as "newer". */
      struct timespec aT[2] = {{0, UTIME_NOW}, {tFrom, 0}};
      utimensat(AT_FDCWD, zTmp, aT, 0);
      if( rename(zTmp, zDb)!=0 )
        st = err_set(e, YC_EINTERNAL, "io", "--db", "cannot rename %s to %s: %s", zTmp, zDb, strerror(errno));
    }
    if( st ) unlink(zTmp);
  }
  if( st ){ json_decref(from); return st; }
  json_object_set_new(from, "from", json_string(zFrom));
  json_object_set_new(from, "path", json_string(zDb));
  json_object_set_new(from, "size", json_integer(file_size(zDb)));
  json_object_set_new(from, "seconds", json_real(now_s() - t0));
  json_object_set_new(from, "replaced", json_boolean(bExists));
  json_object_set_new(from, "forced", json_boolean(bForce));
  *pOut = from;
  return YC_OK;
}
