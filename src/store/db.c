/* db.c: database handle, migrations and statement cache; see db.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "store/db.h"
#include "base/asset.h"
#include "base/log.h"
#include "text/fts.h"

YcStatus db_open(const char *zPath, int bCreate, Db **ppDb, Err *e){
  *ppDb = 0;
  Db *db = calloc(1, sizeof *db);
  if( !db ) return err_set(e, YC_EINTERNAL, 0, 0, "out of memory");
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if( bCreate ) flags |= SQLITE_OPEN_CREATE;
  int rc = sqlite3_open_v2(zPath, &db->h, flags, 0);
  if( rc!=SQLITE_OK ){
    err_set(e, bCreate ? YC_EINTERNAL : YC_ENOTFOUND, "db_open", "db",
            "cannot open database %s: %s%s", zPath, sqlite3_errmsg(db->h),
            bCreate ? "" : " (run `youcheng init` first)");
    sqlite3_close(db->h);
    free(db);
    return e ? e->st : YC_EINTERNAL;
  }
  sqlite3_extended_result_codes(db->h, 1);
  sqlite3_busy_timeout(db->h, 5000);
  if( fts_register(db->h)!=SQLITE_OK
   || db_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                  "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;", e) ){
    err_set(e, YC_EINTERNAL, "db_open", "db", "cannot set up database %s: %s",
            zPath, sqlite3_errmsg(db->h));
    db_close(db);
    return YC_EINTERNAL;
  }
  *ppDb = db;
  return YC_OK;
}

void db_close(Db *db){
  if( !db ) return;
  for(int i=0; i<db->nCache; i++){
    sqlite3_finalize(db->aCache[i].p);
    free(db->aCache[i].zSql);
  }
  sqlite3_close(db->h);
  free(db);
}

int db_schema_version(Db *db){
  sqlite3_stmt *p = db_stmt(db, "PRAGMA user_version");
  int v = (p && sqlite3_step(p)==SQLITE_ROW) ? sqlite3_column_int(p, 0) : -1;
  if( p ) sqlite3_reset(p);
  return v;
}

YcStatus db_migrate(Db *db, int *pnApplied, Err *e){
  int nApplied = 0;
  int v = db_schema_version(db);
  if( v<0 ) return db_error(db, SQLITE_ERROR, e);
  for(const Asset *a = aAsset; a->zName; a++){
    if( strncmp(a->zName, "schema/", 7)!=0 ) continue;
    int n = atoi(a->zName + 7);
    if( n<=v ) continue;
    char *zSql = 0;
    if( db_begin(db, e) ) return e ? e->st : YC_EINTERNAL;
    char *zErr = 0;
    int rc = sqlite3_exec(db->h, (const char*)a->pStart, 0, 0, &zErr);
    if( rc==SQLITE_OK ){
      zSql = sqlite3_mprintf("PRAGMA user_version=%d", n);
      rc = sqlite3_exec(db->h, zSql, 0, 0, &zErr);
      sqlite3_free(zSql);
    }
    if( rc!=SQLITE_OK ){
      err_set(e, YC_EINTERNAL, "migration", 0, "migration %s failed: %s",
              a->zName, zErr ? zErr : sqlite3_errstr(rc));
      sqlite3_free(zErr);
      db_rollback(db);
      return YC_EINTERNAL;
    }
    if( db_commit(db, e) ) return YC_EINTERNAL;
    v = n;
    nApplied++;
  }
  if( pnApplied ) *pnApplied = nApplied;
  return YC_OK;
}

sqlite3_stmt *db_stmt(Db *db, const char *zSql){
  for(int i=0; i<db->nCache; i++){
    if( strcmp(db->aCache[i].zSql, zSql)==0 ){
      sqlite3_stmt *p = db->aCache[i].p;
      sqlite3_reset(p);
      sqlite3_clear_bindings(p);
      return p;
    }
  }
  sqlite3_stmt *p = 0;
  int rc = sqlite3_prepare_v3(db->h, zSql, -1, SQLITE_PREPARE_PERSISTENT, &p, 0);
  if( rc!=SQLITE_OK ){
    log_error("prepare failed: %s: %s", sqlite3_errmsg(db->h), zSql);
    return 0;
  }
  if( db->nCache==DB_STMT_CACHE ){
    /* Full: evict the oldest entry. */
    sqlite3_finalize(db->aCache[0].p);
    free(db->aCache[0].zSql);
    memmove(&db->aCache[0], &db->aCache[1], sizeof(db->aCache[0])*(DB_STMT_CACHE-1));
    db->nCache--;
  }
  db->aCache[db->nCache].zSql = strdup(zSql);
  db->aCache[db->nCache].p = p;
  db->nCache++;
  return p;
}

YcStatus db_exec(Db *db, const char *zSql, Err *e){
  char *zErr = 0;
  int rc = sqlite3_exec(db->h, zSql, 0, 0, &zErr);
  if( rc!=SQLITE_OK ){
    log_error("exec failed: %s: %.200s", zErr ? zErr : sqlite3_errstr(rc), zSql);
    err_set(e, YC_EINTERNAL, "database", 0, "database error: %s",
            zErr ? zErr : sqlite3_errstr(rc));
    sqlite3_free(zErr);
    return YC_EINTERNAL;
  }
  return YC_OK;
}

YcStatus db_begin(Db *db, Err *e){ return db_exec(db, "BEGIN IMMEDIATE", e); }
YcStatus db_commit(Db *db, Err *e){ return db_exec(db, "COMMIT", e); }
void db_rollback(Db *db){
  if( !sqlite3_get_autocommit(db->h) ) sqlite3_exec(db->h, "ROLLBACK", 0, 0, 0);
}

YcStatus db_error(Db *db, int rc, Err *e){
  if( (rc & 0xff)==SQLITE_CONSTRAINT ){
    if( rc==SQLITE_CONSTRAINT_UNIQUE || rc==SQLITE_CONSTRAINT_PRIMARYKEY )
      return err_set(e, YC_ECONFLICT, "duplicate", 0, "a record with these values exists already");
    if( rc==SQLITE_CONSTRAINT_FOREIGNKEY )
      return err_set(e, YC_EINVALID, "unknown_reference", 0, "a referenced record does not exist");
    return err_set(e, YC_EINVALID, "constraint", 0, "%s", sqlite3_errmsg(db->h));
  }
  log_error("database error %d: %s", rc, sqlite3_errmsg(db->h));
  return err_set(e, YC_EINTERNAL, "database", 0, "database error");
}

void db_now(char *z){
  time_t t = time(0);
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(z, 24, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

char *db_meta_get(Db *db, const char *zKey){
  sqlite3_stmt *p = db_stmt(db, "SELECT value FROM meta WHERE key=?1");
  if( !p ) return 0;
  sqlite3_bind_text(p, 1, zKey, -1, SQLITE_STATIC);
  char *z = 0;
  if( sqlite3_step(p)==SQLITE_ROW ) z = strdup((const char*)sqlite3_column_text(p, 0));
  sqlite3_reset(p);
  return z;
}

YcStatus db_meta_set(Db *db, const char *zKey, const char *zValue, Err *e){
  sqlite3_stmt *p = db_stmt(db, "INSERT INTO meta(key,value) VALUES(?1,?2)"
                                " ON CONFLICT(key) DO UPDATE SET value=excluded.value");
  if( !p ) return err_set(e, YC_EINTERNAL, "database", 0, "database error");
  sqlite3_bind_text(p, 1, zKey, -1, SQLITE_STATIC);
  sqlite3_bind_text(p, 2, zValue, -1, SQLITE_STATIC);
  int rc = sqlite3_step(p);
  sqlite3_reset(p);
  return rc==SQLITE_DONE ? YC_OK : db_error(db, rc, e);
}

const char *db_text(sqlite3_stmt *p, int i){
  return (const char*)sqlite3_column_text(p, i);
}
