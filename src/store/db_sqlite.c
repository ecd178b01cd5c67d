/*
** db_sqlite.c: the store interface (db.h) on SQLite: open and migrate, the
** statement cache, binding and columns, transactions. The only file above
** the FTS5 tokenizer (sqlite_fts.c) that calls sqlite3_* functions.
*/
#include <pthread.h>
#include <time.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdatomic.h>
#include <sqlite3.h>
#include "store/db.h"
#include "store/db_engine.h"
#include "store/sqlite_fts.h"
#include "base/asset.h"
#include "base/log.h"

/* The statement cache keeps at most DB_STMT_CACHE statements that are not
** in use; a statement handed out since the last sq_release() is never
** evicted (the cache grows past the limit while more are in use, and
** sq_release() trims it back). */
#define DB_STMT_CACHE 96

struct DbStmt {
  int eEngine;          /* DB_ENGINE_SQLITE (db_engine.h) */
  sqlite3_stmt *p;
  Db *db;               /* the owner (for its counters) */
  char *zSql;
  unsigned hash;
  int bInUse;           /* handed out by db_stmt since the last db_release */
  uint64_t lastUse;     /* for least-recently-used eviction */
  DbTables read, write; /* tables it reads and writes (when prepared) */
  int bWrite;           /* write is not empty */
};

struct Db {
  int eEngine;          /* DB_ENGINE_SQLITE (db_engine.h) */
  sqlite3 *h;
  char *zPath;
  int nCache, nAlloc;
  DbStmt **aCache;
  uint64_t useClock;
  int64_t nPrepared;
  int64_t nRun;         /* statements run: a first sq_step() after a reset */
  int nTxn;             /* db_begin depth: 1 the transaction, more savepoints */
  DbFk *aFk;            /* sq_foreign_keys(), read once */
  int nFk;
  char *zFkText;        /* the names aFk points into */
  /* Change tracking (db_reads, db_changes_take). */
  DbTables reads;       /* read since db_reads_start */
  DbTables prepRead, prepWrite;   /* filled by the authorizer in db_stmt */
  int bPrep;            /* db_stmt is preparing: the authorizer fills prep* */
  DbTables pending;     /* written in the open transaction */
  int bPending;         /* pending is not empty */
  DbTables changed;     /* committed, not taken yet */
  int bFlushing;        /* recording generations (no recursion) */
  int eGenTable;        /* table_gen exists: -1 unknown, 0 no, 1 yes */
  int64_t lastDataVersion;  /* -1 before the first look */
  int64_t hw;           /* highest table_gen.gen read by this connection */
  const char *azHookTab[8];   /* update hook: recent names ... */
  int aHookId[8][2];          /* ... their ids, and their FTS table's (or -1) */
  int iHook;
  int nBusyMs;          /* busy timeout (db_set_busy_timeout) */
  int bWriteLock;       /* holds writeLock (an open write transaction) */
};

static int on_authorize(void *pArg, int op, const char *z3, const char *z4,
                        const char *zDb, const char *zInner);
static void flush_autocommit(Db *db);
static void on_update(void *pArg, int op, const char *zDb, const char *zTab, sqlite3_int64 iRow);

/* ---- Busy database ------------------------------------------------------ */

static atomic_llong nBusyWaitAll, nBusyFailAll;

/* The busy handler: SQLite's own schedule of sleeps (1, 2, 5, 10, ... ms,
** then 100 ms) up to the connection's timeout, counting each wait. */
static int busy_wait(void *pArg, int nCount){
  static const int aDelay[] = {1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100};
  static const int aTotal[] = {0, 1, 3, 8, 18, 33, 53, 78, 103, 128, 178, 228};
  const int nDelay = (int)(sizeof aDelay/sizeof aDelay[0]);
  Db *db = pArg;
  int delay, prior;
  if( nCount<nDelay ){
    delay = aDelay[nCount];
    prior = aTotal[nCount];
  }else{
    delay = aDelay[nDelay-1];
    prior = aTotal[nDelay-1] + delay*(nCount - (nDelay-1));
  }
  if( prior + delay > db->nBusyMs ){
    delay = db->nBusyMs - prior;
    if( delay<=0 ) return 0;
  }
  atomic_fetch_add(&nBusyWaitAll, 1);
  sqlite3_sleep(delay);
  return 1;
}

static int is_busy(int rc){
  return (rc & 0xff)==SQLITE_BUSY || (rc & 0xff)==SQLITE_LOCKED;
}

static YcStatus busy_error(Err *e){
  atomic_fetch_add(&nBusyFailAll, 1);
  return err_set(e, YC_EBUSY, "busy", 0,
                 "the database is busy with another write; try again in a moment");
}

/* Writers of one process take turns on a mutex before BEGIN IMMEDIATE:
** a writer waits on the mutex, woken the moment the writer before it ends,
** instead of polling SQLite's lock with the busy handler's sleeps (which
** made a write under contention wait 5, 10, 25 ms for a lock held 0.5 ms
** and kept a server thread asleep meanwhile). Other processes are still
** met by the busy handler. The wait is bounded by the busy timeout too. */
static pthread_mutex_t writeLock = PTHREAD_MUTEX_INITIALIZER;

static YcStatus write_lock(Db *db, Err *e){
  if( db->bWriteLock ) return YC_OK;
  if( pthread_mutex_trylock(&writeLock)!=0 ){
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    t.tv_sec += db->nBusyMs/1000;
    t.tv_nsec += (long)(db->nBusyMs%1000)*1000000L;
    if( t.tv_nsec>=1000000000L ){ t.tv_sec++; t.tv_nsec -= 1000000000L; }
    atomic_fetch_add(&nBusyWaitAll, 1);
    if( pthread_mutex_timedlock(&writeLock, &t)!=0 ) return busy_error(e);
  }
  db->bWriteLock = 1;
  return YC_OK;
}

static void write_unlock(Db *db){
  if( db->bWriteLock ){
    db->bWriteLock = 0;
    pthread_mutex_unlock(&writeLock);
  }
}

void sq_set_busy_timeout(Db *db, int nMs){ db->nBusyMs = nMs<0 ? 0 : nMs; }

void sq_stats(DbStats *p){
  p->nBusyWait = atomic_load(&nBusyWaitAll);
  p->nBusyFail = atomic_load(&nBusyFailAll);
}

static unsigned sql_hash(const char *z){
  unsigned h = 2166136261u;
  while( *z ){ h ^= (unsigned char)*z++; h *= 16777619u; }
  return h;
}

YcStatus sq_open(const char *zPath, int bCreate, Db **ppDb, Err *e){
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
  db->eGenTable = -1;
  db->lastDataVersion = -1;
  sqlite3_set_authorizer(db->h, on_authorize, db);
  sqlite3_update_hook(db->h, on_update, db);
  db->nBusyMs = 5000;
  sqlite3_busy_handler(db->h, busy_wait, db);
  if( fts_register(db->h)!=SQLITE_OK
   || sq_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                  "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;"
                  /* Deleted content (an erased person) is overwritten in the
                  ** pages a change writes anyway: no extra I/O. */
                  "PRAGMA secure_delete=FAST;", e) ){
    err_set(e, YC_EINTERNAL, "db_open", "db", "cannot set up database %s: %s",
            zPath, sqlite3_errmsg(db->h));
    sq_close(db);
    return YC_EINTERNAL;
  }
  db->zPath = strdup(zPath);
  *ppDb = db;
  return YC_OK;
}

void sq_close(Db *db){
  if( !db ) return;
  if( db->nTxn>0 ) sq_rollback(db);
  if( db->bPending ) flush_autocommit(db);
  for(int i=0; i<db->nCache; i++){
    sqlite3_finalize(db->aCache[i]->p);
    free(db->aCache[i]->zSql);
    free(db->aCache[i]);
  }
  free(db->aCache);
  free(db->aFk);
  free(db->zFkText);
  sqlite3_close(db->h);
  free(db->zPath);
  free(db);
}

const char *sq_path(Db *db){ return db->zPath; }

int sq_schema_version(Db *db){
  DbStmt *p = sq_stmt(db, "PRAGMA user_version");
  int v = (p && sq_step(p)==DB_ROW) ? sq_col_int(p, 0) : -1;
  sq_reset(p);
  return v;
}

YcStatus sq_migrate(Db *db, int *pnApplied, Err *e){
  int nApplied = 0;
  free(db->aFk);                 /* the schema may change: read them again */
  free(db->zFkText);
  db->aFk = 0;
  db->zFkText = 0;
  db->nFk = 0;
  db->eGenTable = -1;
  int v = sq_schema_version(db);
  if( v<0 ) return sq_error(db, SQLITE_ERROR, e);
  /* Foreign keys off while migrating (a migration may rebuild a table that
  ** others refer to: dropping it must not cascade), checked before each
  ** commit, on again after. */
  if( !sqlite3_get_autocommit(db->h) )
    return err_set(e, YC_EINTERNAL, "migration", 0, "migrations run outside any transaction");
  if( sq_exec(db, "PRAGMA foreign_keys=OFF", e) ) return e ? e->st : YC_EINTERNAL;
  YcStatus st = YC_OK;
  for(const Asset *a = aAsset; a->zName && st==YC_OK; a++){
    if( strncmp(a->zName, "schema/", 7)!=0 ) continue;
    int n = atoi(a->zName + 7);
    if( n<=v ) continue;
    char *zSql = 0;
    if( sq_begin(db, e) ){ st = e ? e->st : YC_EINTERNAL; break; }
    char *zErr = 0;
    int rc = sqlite3_exec(db->h, (const char*)a->pStart, 0, 0, &zErr);
    if( rc==SQLITE_OK ){
      /* A new schema version: every connection, this one included, reads
      ** the schema again (a migration may edit table declarations in place,
      ** as 018 does; see there). */
      int sv = 0;
      DbStmt *q = sq_stmt(db, "PRAGMA schema_version");
      if( q && sq_step(q)==DB_ROW ) sv = sq_col_int(q, 0);
      sq_reset(q);
      zSql = sqlite3_mprintf("PRAGMA schema_version=%d", sv + 1);
      rc = sqlite3_exec(db->h, zSql, 0, 0, &zErr);
      sqlite3_free(zSql);
    }
    if( rc==SQLITE_OK ){
      zSql = sqlite3_mprintf("PRAGMA user_version=%d", n);
      rc = sqlite3_exec(db->h, zSql, 0, 0, &zErr);
      sqlite3_free(zSql);
    }
    if( rc==SQLITE_OK ){
      DbStmt *p = sq_stmt(db, "PRAGMA foreign_key_check");
      int bad = p ? sq_step(p)==DB_ROW : 1;
      sq_reset(p);
      if( bad ){
        rc = SQLITE_CONSTRAINT_FOREIGNKEY;
        zErr = sqlite3_mprintf("a foreign key does not hold after it");
      }
    }
    if( rc!=SQLITE_OK ){
      err_set(e, YC_EINTERNAL, "migration", 0, "migration %s failed: %s",
              a->zName, zErr ? zErr : sqlite3_errstr(rc));
      sqlite3_free(zErr);
      sq_rollback(db);
      st = YC_EINTERNAL;
      break;
    }
    if( sq_commit(db, e) ){ st = YC_EINTERNAL; break; }
    db->eGenTable = -1;          /* this migration may have made it */
    v = n;
    nApplied++;
  }
  Err e2;
  if( sq_exec(db, "PRAGMA foreign_keys=ON", &e2) && st==YC_OK ){
    if( e ) *e = e2;
    st = YC_EINTERNAL;
  }
  if( pnApplied ) *pnApplied = nApplied;
  return st;
}

DbStmt *sq_stmt(Db *db, const char *zSql){
  unsigned h = sql_hash(zSql);
  for(int i=0; i<db->nCache; i++){
    DbStmt *s = db->aCache[i];
    if( s->hash==h && strcmp(s->zSql, zSql)==0 ){
      sqlite3_reset(s->p);
      sqlite3_clear_bindings(s->p);
      s->bInUse = 1;
      s->lastUse = ++db->useClock;
      return s;
    }
  }
  sqlite3_stmt *p = 0;
  memset(&db->prepRead, 0, sizeof db->prepRead);
  memset(&db->prepWrite, 0, sizeof db->prepWrite);
  db->bPrep = 1;
  int rc = sqlite3_prepare_v3(db->h, zSql, -1, SQLITE_PREPARE_PERSISTENT, &p, 0);
  db->bPrep = 0;
  if( rc!=SQLITE_OK ){
    log_error("prepare failed: %s: %s", sqlite3_errmsg(db->h), zSql);
    return 0;
  }
  db->nPrepared++;
  /* Evict the least recently used statement that is not in use. */
  int nFree = 0, iOld = -1;
  for(int i=0; i<db->nCache; i++){
    if( db->aCache[i]->bInUse ) continue;
    nFree++;
    if( iOld<0 || db->aCache[i]->lastUse < db->aCache[iOld]->lastUse ) iOld = i;
  }
  if( nFree>=DB_STMT_CACHE && iOld>=0 ){
    DbStmt *o = db->aCache[iOld];
    sqlite3_finalize(o->p);
    free(o->zSql);
    free(o);
    db->aCache[iOld] = db->aCache[--db->nCache];
  }
  DbStmt *s = calloc(1, sizeof *s);
  char *zCopy = strdup(zSql);
  if( db->nCache==db->nAlloc ){
    int nNew = db->nAlloc ? db->nAlloc*2 : DB_STMT_CACHE + 8;
    DbStmt **a = realloc(db->aCache, sizeof(*a)*nNew);
    if( a ){ db->aCache = a; db->nAlloc = nNew; }
  }
  if( !s || !zCopy || db->nCache==db->nAlloc ){
    log_error("out of memory in the statement cache");
    sqlite3_finalize(p);
    free(s);
    free(zCopy);
    return 0;
  }
  s->p = p;
  s->db = db;
  s->read = db->prepRead;
  s->write = db->prepWrite;
  for(int i=0; i<DB_TABLES_MAX/64; i++) s->bWrite |= s->write.a[i]!=0;
  s->zSql = zCopy;
  s->hash = h;
  s->bInUse = 1;
  s->lastUse = ++db->useClock;
  db->aCache[db->nCache++] = s;
  return s;
}

int sq_step(DbStmt *p){
  Db *db = p->db;
  if( !sqlite3_stmt_busy(p->p) ){
    db->nRun++;
    set_or(&db->reads, &p->read);
    if( p->bWrite ){ set_or(&db->pending, &p->write); db->bPending = 1; }
  }
  return sqlite3_step(p->p);
}
void sq_reset(DbStmt *p){ if( p ) sqlite3_reset(p->p); }
void sq_clear(DbStmt *p){ if( p ){ sqlite3_reset(p->p); sqlite3_clear_bindings(p->p); } }

void sq_release(Db *db){
  if( db->bPending ) flush_autocommit(db);
  for(int i=0; i<db->nCache; i++) db->aCache[i]->bInUse = 0;
  /* Trim back to the cache size, least recently used first. */
  while( db->nCache>DB_STMT_CACHE ){
    int iOld = 0;
    for(int i=1; i<db->nCache; i++)
      if( db->aCache[i]->lastUse < db->aCache[iOld]->lastUse ) iOld = i;
    DbStmt *o = db->aCache[iOld];
    sqlite3_finalize(o->p);
    free(o->zSql);
    free(o);
    db->aCache[iOld] = db->aCache[--db->nCache];
  }
}

void sq_bind_int(DbStmt *p, int i, int v){ sqlite3_bind_int(p->p, i, v); }
void sq_bind_int64(DbStmt *p, int i, int64_t v){ sqlite3_bind_int64(p->p, i, v); }
void sq_bind_double(DbStmt *p, int i, double v){ sqlite3_bind_double(p->p, i, v); }
void sq_bind_text(DbStmt *p, int i, const char *z, int n){
  sqlite3_bind_text(p->p, i, z, n, SQLITE_STATIC);
}
void sq_bind_text_copy(DbStmt *p, int i, const char *z, int n){
  sqlite3_bind_text(p->p, i, z, n, SQLITE_TRANSIENT);
}
void sq_bind_blob(DbStmt *p, int i, const void *z, int n){
  sqlite3_bind_blob(p->p, i, z, n, SQLITE_STATIC);
}
void sq_bind_null(DbStmt *p, int i){ sqlite3_bind_null(p->p, i); }

int sq_col_type(DbStmt *p, int i){ return sqlite3_column_type(p->p, i); }
int sq_col_int(DbStmt *p, int i){ return sqlite3_column_int(p->p, i); }
int64_t sq_col_int64(DbStmt *p, int i){ return sqlite3_column_int64(p->p, i); }
double sq_col_double(DbStmt *p, int i){ return sqlite3_column_double(p->p, i); }
const char *sq_text(DbStmt *p, int i){ return (const char*)sqlite3_column_text(p->p, i); }
const void *sq_col_blob(DbStmt *p, int i){ return sqlite3_column_blob(p->p, i); }
int sq_col_count(DbStmt *p){ return sqlite3_column_count(p->p); }
const char *sq_col_name(DbStmt *p, int i){ return sqlite3_column_name(p->p, i); }

YcStatus sq_defer_foreign_keys(Db *db, Err *e){
  return sq_exec(db, "PRAGMA defer_foreign_keys=ON", e);
}

YcStatus sq_foreign_keys(Db *db, const DbFk **paFk, int *pnFk, Err *e){
  if( !db->aFk ){
    sqlite3_stmt *q = 0;
    int rc = sqlite3_prepare_v2(db->h,
      "SELECT m.name, f.\"from\", f.\"table\", coalesce(f.\"to\",'rowid'), f.on_delete"
      " FROM sqlite_schema m, pragma_foreign_key_list(m.name) f"
      " WHERE m.type='table' ORDER BY m.name, f.id, f.seq", -1, &q, 0);
    if( rc ) return sq_error(db, rc, e);
    size_t nText = 0, nAlloc = 0;
    int n = 0;
    DbFk *a = 0;
    char *zText = 0;
    /* Two passes: the sizes, then the copies (the names stay put). */
    for(int pass=0; pass<2; pass++){
      n = 0;
      nText = 0;
      while( (rc = sqlite3_step(q))==SQLITE_ROW ){
        const char *az[4];
        for(int i=0; i<4; i++) az[i] = (const char*)sqlite3_column_text(q, i);
        const char *zOn = (const char*)sqlite3_column_text(q, 4);
        if( pass==1 ){
          DbFk *f = &a[n];
          const char **apDst[4] = {&f->zChild, &f->zCol, &f->zParent, &f->zParentCol};
          for(int i=0; i<4; i++){
            size_t k = strlen(az[i] ? az[i] : "") + 1;
            memcpy(zText + nText, az[i] ? az[i] : "", k);
            *apDst[i] = zText + nText;
            nText += k;
          }
          f->eOnDelete = zOn && strcmp(zOn, "CASCADE")==0 ? DB_FK_CASCADE
                       : zOn && strcmp(zOn, "SET NULL")==0 ? DB_FK_SETNULL : DB_FK_NONE;
        }else{
          for(int i=0; i<4; i++) nText += strlen(az[i] ? az[i] : "") + 1;
        }
        n++;
      }
      if( rc!=SQLITE_DONE ){ sqlite3_finalize(q); free(a); free(zText); return sq_error(db, rc, e); }
      if( pass==0 ){
        nAlloc = nText;
        a = calloc((size_t)n + 1, sizeof *a);
        zText = malloc(nAlloc + 1);
        if( !a || !zText ){ sqlite3_finalize(q); free(a); free(zText); return err_set(e, YC_EINTERNAL, 0, 0, "out of memory"); }
        sqlite3_reset(q);
      }
    }
    sqlite3_finalize(q);
    db->aFk = a;
    db->nFk = n;
    db->zFkText = zText;
  }
  *paFk = db->aFk;
  *pnFk = db->nFk;
  return YC_OK;
}
int sq_col_bytes(DbStmt *p, int i){ return sqlite3_column_bytes(p->p, i); }

int64_t sq_last_id(Db *db){ return sqlite3_last_insert_rowid(db->h); }
int sq_changes(Db *db){ return sqlite3_changes(db->h); }
const char *sq_errmsg(Db *db){ return sqlite3_errmsg(db->h); }
int sq_in_txn(Db *db){ return !sqlite3_get_autocommit(db->h); }

int64_t sq_data_version(Db *db){
  DbStmt *p = sq_stmt(db, "PRAGMA data_version");
  if( !p ) return -1;
  int64_t v = sq_step(p)==DB_ROW ? sq_col_int64(p, 0) : -1;
  sq_reset(p);
  return v;
}

/* ---- Change tracking -------------------------------------------------- */

/* The generations' own table is bookkeeping, not data. */
static int is_gen_table(const char *z){ return strcmp(z, "table_gen")==0; }

/* An FTS5 table's shadow tables are NAME_data, NAME_idx, NAME_content,
** NAME_docsize and NAME_config: a write to one changes the table NAME that
** statements read. -1 if zTab is no such name. */
static int fts_owner(const char *zTab){
  static const char *const azSuffix[] = {"_data", "_idx", "_content", "_docsize", "_config"};
  size_t n = strlen(zTab);
  for(size_t i=0; i<sizeof azSuffix/sizeof azSuffix[0]; i++){
    size_t k = strlen(azSuffix[i]);
    if( n>k && strcmp(zTab + n - k, azSuffix[i])==0 ){
      char zOwner[128];
      if( n - k >= sizeof zOwner ) return 0;
      memcpy(zOwner, zTab, n - k);
      zOwner[n - k] = 0;
      return db_table_id(zOwner);
    }
  }
  return -1;
}

/* The authorizer, called while a statement is prepared (by db_stmt, by
** sqlite3_exec, or by a virtual table's own statements): the tables it
** reads and writes, triggers' and views' included. It allows everything. */
static int on_authorize(void *pArg, int op, const char *z3, const char *z4,
                        const char *zDb, const char *zInner){
  Db *db = pArg;
  (void)z4; (void)zInner;
  int bWrite;
  switch( op ){
    case SQLITE_READ: bWrite = 0; break;
    case SQLITE_INSERT: case SQLITE_UPDATE: case SQLITE_DELETE: bWrite = 1; break;
    default: return SQLITE_OK;
  }
  /* Not data: the generations, the schema (declared anew by each virtual
  ** table a connection opens), temporary tables. */
  if( !z3 || is_gen_table(z3) || strncmp(z3, "sqlite_", 7)==0
      || (zDb && strcmp(zDb, "main")!=0) ) return SQLITE_OK;
  int id = db_table_id(z3);
  if( bWrite ){
    int o = fts_owner(z3);
    DbTables *p = db->bPrep ? &db->prepWrite : &db->pending;
    set_add(p, id);
    if( o>=0 ) set_add(p, o);
    if( !db->bPrep ) db->bPending = 1;
  }else{
    set_add(db->bPrep ? &db->prepRead : &db->reads, id);
  }
  return SQLITE_OK;
}

/* Every row changed, by any statement, trigger or cascade. */
static void on_update(void *pArg, int op, const char *zDb, const char *zTab, sqlite3_int64 iRow){
  Db *db = pArg;
  (void)op; (void)iRow;
  int k = -1;
  for(int i=0; i<8; i++) if( db->azHookTab[i]==zTab ){ k = i; break; }
  if( k<0 ){
    if( is_gen_table(zTab) || (zDb && strcmp(zDb, "main")!=0) ) return;
    k = db->iHook = (db->iHook + 1) & 7;
    db->azHookTab[k] = zTab;
    db->aHookId[k][0] = db_table_id(zTab);
    db->aHookId[k][1] = fts_owner(zTab);
  }
  set_add(&db->pending, db->aHookId[k][0]);
  if( db->aHookId[k][1]>=0 ) set_add(&db->pending, db->aHookId[k][1]);
  db->bPending = 1;
}

void sq_reads_start(Db *db){ memset(&db->reads, 0, sizeof db->reads); }
void sq_reads(Db *db, DbTables *p){ *p = db->reads; }

static int gen_table(Db *db){
  if( db->eGenTable<0 ){
    DbStmt *p = sq_stmt(db, "SELECT 1 FROM sqlite_schema WHERE type='table' AND name='table_gen'");
    if( !p ) return 0;
    db->eGenTable = sq_step(p)==DB_ROW;
    sq_reset(p);
  }
  return db->eGenTable;
}

/* Inside the transaction about to commit (or just after an autocommit
** write): give every table written a new generation, one above any
** recorded. *pGen gets it (0 if none was recorded). */
static void gen_record(Db *db, int64_t *pGen){
  *pGen = 0;
  db->bFlushing = 1;
  /* The caller's sq_last_id() stays its own insert's. */
  sqlite3_int64 iLast = sqlite3_last_insert_rowid(db->h);
  if( gen_table(db) ){
    DbStmt *p = sq_stmt(db, "SELECT coalesce(max(gen),0)+1 FROM table_gen");
    int64_t g = p && sq_step(p)==DB_ROW ? sq_col_int64(p, 0) : 0;
    sq_reset(p);
    DbStmt *u = g ? sq_stmt(db, "INSERT INTO table_gen(name, gen) VALUES(?1, ?2)"
                               " ON CONFLICT(name) DO UPDATE SET gen=excluded.gen") : 0;
    int ok = u!=0;
    for(int w=0; w<DB_TABLES_MAX/64 && ok; w++){
      for(uint64_t m = db->pending.a[w]; m && ok; m &= m - 1){
        int i = w*64 + __builtin_ctzll(m);
        sq_bind_text(u, 1, db_table_name(i), -1);
        sq_bind_int64(u, 2, g);
        ok = sq_step(u)==DB_DONE;
        sq_reset(u);
      }
    }
    if( ok ) *pGen = g;
    else log_error("cannot record table generations: %s", sqlite3_errmsg(db->h));
  }
  sqlite3_set_last_insert_rowid(db->h, iLast);
  db->bFlushing = 0;
}

/* After a commit of pending with generation g: it is this process's. */
static void pending_publish(Db *db, int64_t g){
  for(int w=0; w<DB_TABLES_MAX/64 && g; w++){
    for(uint64_t m = db->pending.a[w]; m; m &= m - 1){
      int i = w*64 + __builtin_ctzll(m);
      db_seen_raise(i, g);
    }
  }
  set_or(&db->changed, &db->pending);
  memset(&db->pending, 0, sizeof db->pending);
  db->bPending = 0;
}

static void pending_drop(Db *db){
  memset(&db->pending, 0, sizeof db->pending);
  db->bPending = 0;
}

/* Writes outside any transaction committed on their own: their
** generations follow in a transaction of their own, recorded later (when
** the connection next looks for changes, begins a transaction, is released
** or closed) so that the writer's sq_changes() and sq_last_id() stay its
** own; an observer in between drops everything (see db_changes_take). */
static void flush_autocommit(Db *db){
  if( db->bFlushing || db->nTxn>0 || !sqlite3_get_autocommit(db->h) ) return;
  int64_t g = 0;
  db->bFlushing = 1;
  int rc = sqlite3_exec(db->h, "BEGIN IMMEDIATE", 0, 0, 0);
  if( rc==SQLITE_OK ){
    gen_record(db, &g);
    db->bFlushing = 1;
    if( sqlite3_exec(db->h, "COMMIT", 0, 0, 0)!=SQLITE_OK ){
      sqlite3_exec(db->h, "ROLLBACK", 0, 0, 0);
      g = 0;
    }
  }
  db->bFlushing = 0;
  if( g ){
    pending_publish(db, g);
  }else{
    /* Not recorded: this process still knows, others see a change
    ** without generations (and drop everything). */
    set_or(&db->changed, &db->pending);
    pending_drop(db);
  }
}

void sq_changes_take(Db *db, DbTables *p){
  if( db->bPending ) flush_autocommit(db);
  *p = db->changed;
  memset(&db->changed, 0, sizeof db->changed);
  if( sq_in_txn(db) ) return;
  int64_t v = sq_data_version(db);
  if( v<0 || v==db->lastDataVersion ) return;
  /* Another connection committed: which tables, read in one snapshot with
  ** the data version it belongs to. */
  int bFirst = db->lastDataVersion<0, nNew = 0;
  if( !gen_table(db) ){
    db->lastDataVersion = v;
    set_add(p, 0);
    return;
  }
  if( sqlite3_exec(db->h, "BEGIN", 0, 0, 0)!=SQLITE_OK ){ set_add(p, 0); return; }
  DbStmt *q = sq_stmt(db, "SELECT name, gen FROM table_gen WHERE gen>?1");
  int rc = DB_ERROR;
  int64_t hw = db->hw;
  if( q ){
    sq_bind_int64(q, 1, db->hw);
    while( (rc = sq_step(q))==DB_ROW ){
      const char *zName = sq_text(q, 0);
      int64_t g = sq_col_int64(q, 1);
      if( g>hw ) hw = g;
      nNew++;
      if( !zName ) continue;
      int i = db_table_id(zName);
      int64_t old = db_seen_raise(i, g);
      if( old<g ) set_add(p, i);
    }
    sq_reset(q);
  }
  int64_t v2 = rc==DB_DONE ? sq_data_version(db) : -1;
  sqlite3_exec(db->h, "COMMIT", 0, 0, 0);
  if( rc!=DB_DONE || v2<0 ){ set_add(p, 0); return; }
  db->hw = hw;
  /* A first look cannot tell what other processes wrote before it without
  ** recording generations; a change with none is such a writer's. */
  if( bFirst || nNew==0 ) set_add(p, 0);
  db->lastDataVersion = v2;
}

void sq_cache_stats(Db *db, int *pnHeld, int *pnInUse, int64_t *pnPrepared){
  int n = 0;
  for(int i=0; i<db->nCache; i++) n += db->aCache[i]->bInUse;
  if( pnHeld ) *pnHeld = db->nCache;
  if( pnInUse ) *pnInUse = n;
  if( pnPrepared ) *pnPrepared = db->nPrepared;
}

int64_t sq_stmt_runs(Db *db){ return db->nRun; }

YcStatus sq_exec(Db *db, const char *zSql, Err *e){
  char *zErr = 0;
  int rc = sqlite3_exec(db->h, zSql, 0, 0, &zErr);
  if( is_busy(rc) ){            /* counted, answered; not a fault to log */
    sqlite3_free(zErr);
    return busy_error(e);
  }
  if( rc!=SQLITE_OK ){
    log_error("exec failed: %s: %.200s", zErr ? zErr : sqlite3_errstr(rc), zSql);
    err_set(e, YC_EINTERNAL, "database", 0, "database error: %s",
            zErr ? zErr : sqlite3_errstr(rc));
    sqlite3_free(zErr);
    return YC_EINTERNAL;
  }
  return YC_OK;
}

/* Transactions nest: a db_begin inside one opens a savepoint, which its
** db_commit releases and its db_rollback undoes; the outermost commits or
** rolls back the whole (so `init` runs every step in one transaction). */
YcStatus sq_begin(Db *db, Err *e){
  if( db->nTxn>0 && !sq_in_txn(db) ){ db->nTxn = 0; pending_drop(db); write_unlock(db); }  /* the engine rolled back */
  if( db->nTxn==0 && db->bPending ) flush_autocommit(db);
  char zSql[40];
  if( db->nTxn==0 ){
    if( write_lock(db, e) ) return e ? e->st : YC_EBUSY;
    snprintf(zSql, sizeof zSql, "BEGIN IMMEDIATE");
  }else snprintf(zSql, sizeof zSql, "SAVEPOINT yc%d", db->nTxn);
  YcStatus st = sq_exec(db, zSql, e);
  if( st==YC_OK ) db->nTxn++;
  else if( db->nTxn==0 ) write_unlock(db);
  return st;
}
YcStatus sq_commit(Db *db, Err *e){
  if( db->nTxn<=1 ){
    /* The generations of what it wrote commit with it. */
    int64_t g = 0;
    if( db->bPending && sq_in_txn(db) ) gen_record(db, &g);
    db->bFlushing = 1;            /* db_exec: no flush of its own */
    YcStatus st = sq_exec(db, "COMMIT", e);
    db->bFlushing = 0;
    if( st==YC_OK ){
      db->nTxn = 0;
      if( db->bPending ){
        pending_publish(db, g);
      }
      write_unlock(db);
    }else if( !sq_in_txn(db) ){
      db->nTxn = 0;
      pending_drop(db);
      write_unlock(db);
    }
    return st;
  }
  char zSql[40];
  snprintf(zSql, sizeof zSql, "RELEASE yc%d", --db->nTxn);
  return sq_exec(db, zSql, e);
}
void sq_rollback(Db *db){
  if( db->nTxn>1 && sq_in_txn(db) ){
    char zSql[64];
    db->nTxn--;
    snprintf(zSql, sizeof zSql, "ROLLBACK TO yc%d; RELEASE yc%d", db->nTxn, db->nTxn);
    sqlite3_exec(db->h, zSql, 0, 0, 0);
    return;
  }
  db->nTxn = 0;
  if( sq_in_txn(db) ) sqlite3_exec(db->h, "ROLLBACK", 0, 0, 0);
  pending_drop(db);
  write_unlock(db);
}

YcStatus sq_error(Db *db, int rc, Err *e){
  if( (rc & 0xff)==SQLITE_CONSTRAINT ){
    if( rc==SQLITE_CONSTRAINT_UNIQUE || rc==SQLITE_CONSTRAINT_PRIMARYKEY )
      return err_set(e, YC_ECONFLICT, "duplicate", 0, "a record with these values exists already");
    if( rc==SQLITE_CONSTRAINT_FOREIGNKEY )
      return err_set(e, YC_EINVALID, "unknown_reference", 0, "a referenced record does not exist");
    return err_set(e, YC_EINVALID, "constraint", 0, "%s", sqlite3_errmsg(db->h));
  }
  if( is_busy(rc) ) return busy_error(e);
  log_error("database error %d: %s", rc, sqlite3_errmsg(db->h));
  return err_set(e, YC_EINTERNAL, "database", 0, "database error");
}



/* ---- Backups ---------------------------------------------------------- */

/* A read transaction: BEGIN, then a read so that the snapshot is taken now. */
YcStatus sq_read_begin(Db *db, Err *e){
  if( sq_in_txn(db) )
    return err_set(e, YC_EINTERNAL, "database", 0, "a read snapshot opens outside any transaction");
  if( sq_exec(db, "BEGIN", e) ) return YC_EINTERNAL;
  if( sq_exec(db, "SELECT count(*) FROM sqlite_schema", e) ){
    sqlite3_exec(db->h, "ROLLBACK", 0, 0, 0);
    return YC_EINTERNAL;
  }
  return YC_OK;
}
void sq_read_end(Db *db){
  if( db->nTxn==0 && sq_in_txn(db) ) sqlite3_exec(db->h, "COMMIT", 0, 0, 0);
}

/* The copy goes through the online backup API, DB_BACKUP_PAGES pages a
** step. The source's read transaction stays open across the steps (the
** caller's db_read_begin, or one opened here), so every step reads the same
** snapshot: in WAL mode a reader blocks no writer, and a write by another
** connection does not restart the copy. */
#define DB_BACKUP_PAGES 256
YcStatus sq_backup_to(Db *db, const char *zPath, int *pnPages, Err *e){
  if( pnPages ) *pnPages = 0;
  int bOwnRead = !sq_in_txn(db);
  if( bOwnRead && sq_read_begin(db, e) ) return YC_EINTERNAL;
  sqlite3 *hTo = 0;
  int rc = sqlite3_open_v2(zPath, &hTo, SQLITE_OPEN_READWRITE|SQLITE_OPEN_CREATE|SQLITE_OPEN_NOMUTEX, 0);
  YcStatus st = YC_OK;
  if( rc!=SQLITE_OK ){
    st = err_set(e, YC_EINTERNAL, "backup", 0, "cannot create %s: %s", zPath, sqlite3_errmsg(hTo));
  }else{
    sqlite3_busy_timeout(hTo, 5000);
    sqlite3_backup *b = sqlite3_backup_init(hTo, "main", db->h, "main");
    if( !b ){
      st = err_set(e, YC_EINTERNAL, "backup", 0, "cannot back up to %s: %s", zPath, sqlite3_errmsg(hTo));
    }else{
      do{
        rc = sqlite3_backup_step(b, DB_BACKUP_PAGES);
        if( rc==SQLITE_BUSY || rc==SQLITE_LOCKED ) sqlite3_sleep(5);
      }while( rc==SQLITE_OK || rc==SQLITE_BUSY || rc==SQLITE_LOCKED );
      if( pnPages ) *pnPages = sqlite3_backup_pagecount(b);
      sqlite3_backup_finish(b);
      if( rc!=SQLITE_DONE ){
        st = err_set(e, YC_EINTERNAL, "backup", 0, "backup to %s failed: %s", zPath, sqlite3_errstr(rc));
      }
    }
  }
  sqlite3_close(hTo);
  if( bOwnRead ) sq_read_end(db);
  return st;
}

/* Append zLine to the malloc'd list *pz (one problem a line). */
static void add_line(char **pz, size_t *pn, const char *zLine){
  size_t m = strlen(zLine);
  char *zNew = realloc(*pz, *pn + m + 2);
  if( !zNew ) return;
  *pz = zNew;
  if( *pn ) zNew[(*pn)++] = '\n';
  memcpy(zNew + *pn, zLine, m + 1);
  *pn += m;
}

/* The pages (PRAGMA integrity_check), then, with bFull and when they are
** sound, the foreign keys (PRAGMA foreign_key_check) and every FTS5 index
** against its rows ('integrity-check', run in a savepoint that is rolled
** back: it writes nothing, but FTS5 answers it as an INSERT). */
static char *integrity(Db *db, int bFull){
  DbStmt *p = sq_stmt(db, "PRAGMA integrity_check(20)");
  if( !p ) return strdup(sqlite3_errmsg(db->h));
  size_t n = 0;
  char *z = 0;
  int rc;
  while( (rc = sq_step(p))==DB_ROW ){
    const char *zLine = sq_text(p, 0);
    if( zLine ) add_line(&z, &n, zLine);
  }
  if( rc!=DB_DONE && rc!=DB_ROW ){
    free(z);
    z = strdup(sqlite3_errmsg(db->h));
  }
  sq_reset(p);
  if( !z || strcmp(z, "ok")!=0 || !bFull ) return z ? z : strdup("no answer");
  free(z);
  z = 0;
  n = 0;
  char zLine[300];
  p = sq_stmt(db, "PRAGMA foreign_key_check");
  if( !p ) return strdup(sqlite3_errmsg(db->h));
  while( (rc = sq_step(p))==DB_ROW && n<4000 ){
    char zRow[32] = "";
    if( sq_col_type(p, 1)!=DB_NULL ) snprintf(zRow, sizeof zRow, " (rowid %lld)", (long long)sq_col_int64(p, 1));
    snprintf(zLine, sizeof zLine, "foreign key: a row of %s%s refers to a missing %s",
             sq_text(p, 0) ? sq_text(p, 0) : "?", zRow, sq_text(p, 2) ? sq_text(p, 2) : "?");
    add_line(&z, &n, zLine);
  }
  if( rc!=DB_DONE && rc!=DB_ROW ) add_line(&z, &n, sqlite3_errmsg(db->h));
  sq_reset(p);
  p = sq_stmt(db, "SELECT name FROM sqlite_master WHERE type='table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%' ORDER BY name");
  if( !p ){ free(z); return strdup(sqlite3_errmsg(db->h)); }
  char **azFts = 0;
  int nFts = 0;
  while( sq_step(p)==DB_ROW ){
    char **azNew = realloc(azFts, (nFts+1)*sizeof *azFts);
    if( !azNew ) break;
    azFts = azNew;
    azFts[nFts++] = sqlite3_mprintf("%s", sq_text(p, 0));
  }
  sq_reset(p);
  for(int i=0; i<nFts; i++){
    char *zSql = sqlite3_mprintf("SAVEPOINT yc_fts_check; INSERT INTO \"%w\"(\"%w\") VALUES('integrity-check');",
                                 azFts[i], azFts[i]);
    char *zErr = 0;
    if( zSql && sqlite3_exec(db->h, zSql, 0, 0, &zErr)!=SQLITE_OK ){
      snprintf(zLine, sizeof zLine, "search index %s: %s", azFts[i], zErr ? zErr : "failed");
      add_line(&z, &n, zLine);
    }
    sqlite3_free(zErr);
    sqlite3_free(zSql);
    sqlite3_exec(db->h, "ROLLBACK TO yc_fts_check; RELEASE yc_fts_check;", 0, 0, 0);
    sqlite3_free(azFts[i]);
  }
  free(azFts);
  return z ? z : strdup("ok");
}
char *sq_integrity(Db *db){ return integrity(db, 0); }
char *sq_integrity_full(Db *db){ return integrity(db, 1); }

/* In WAL mode every open connection keeps a shared lock on the database
** file between its transactions; an exclusive lock is granted only when no
** other connection (of any process) has the file open. Busy timeout 0: the
** probe does not wait. */
YcStatus sq_probe_unused(const char *zPath, Err *e){
  sqlite3 *h = 0;
  int rc = sqlite3_open_v2(zPath, &h, SQLITE_OPEN_READWRITE|SQLITE_OPEN_NOMUTEX, 0);
  if( rc==SQLITE_OK ){
    sqlite3_busy_timeout(h, 0);
    rc = sqlite3_exec(h, "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;", 0, 0, 0);
  }
  YcStatus st = YC_OK;
  if( rc==SQLITE_BUSY || rc==SQLITE_LOCKED || (rc & 0xff)==SQLITE_BUSY ){
    st = err_set(e, YC_ECONFLICT, "in_use", "--db",
                 "%s is in use (a running `youcheng serve` or another process has it open); stop it first", zPath);
  }else if( rc!=SQLITE_OK ){
    st = err_set(e, YC_EINTERNAL, "database", "--db", "cannot lock %s: %s", zPath, sqlite3_errstr(rc));
  }
  sqlite3_close(h);
  return st;
}

/* ---- Copying a whole database (core/migrate.c) -------------------------- */

/* The names of the one-column answer of zSql (a statement with at most one
** parameter, ?1 = z1) appended to *paz. */
static YcStatus name_list(Db *db, const char *zSql, const char *z1, char ***paz, int *pn, Err *e){
  sqlite3_stmt *q = 0;
  int rc = sqlite3_prepare_v2(db->h, zSql, -1, &q, 0);
  if( rc!=SQLITE_OK ){
    err_set(e, YC_EINTERNAL, "database", 0, "database error: %s", sqlite3_errmsg(db->h));
    return YC_EINTERNAL;
  }
  if( z1 ) sqlite3_bind_text(q, 1, z1, -1, SQLITE_STATIC);
  while( (rc = sqlite3_step(q))==SQLITE_ROW ){
    if( db_list_add(paz, pn, (const char*)sqlite3_column_text(q, 0)) ){ rc = SQLITE_NOMEM; break; }
  }
  sqlite3_finalize(q);
  if( rc!=SQLITE_DONE ) return err_set(e, YC_EINTERNAL, "database", 0, "database error: %s", sqlite3_errstr(rc));
  return YC_OK;
}

/* 1 if zTable's rows are keyed by their rowid alone: an FTS5 (virtual)
** table, or a table without a primary key (city_alt; PostgreSQL's copy of
** it keeps the rowid as its id). */
static int rowid_keyed(Db *db, const char *zTable){
  sqlite3_stmt *q = 0;
  int b = 0;
  if( sqlite3_prepare_v2(db->h, "SELECT 1 FROM sqlite_schema WHERE type='table' AND name=?1"
                                " AND (sql LIKE 'CREATE VIRTUAL TABLE%'"
                                "   OR NOT EXISTS(SELECT 1 FROM pragma_table_info(?1) WHERE pk>0))", -1, &q, 0)==SQLITE_OK ){
    sqlite3_bind_text(q, 1, zTable, -1, SQLITE_STATIC);
    b = sqlite3_step(q)==SQLITE_ROW;
  }
  sqlite3_finalize(q);
  return b;
}

YcStatus sq_table_list(Db *db, char ***pazName, int *pn, Err *e){
  *pazName = 0;
  *pn = 0;
  YcStatus st = name_list(db,
    "SELECT s.name FROM sqlite_schema s WHERE s.type='table' AND s.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
    " AND s.name<>'table_gen'"
    " AND NOT EXISTS(SELECT 1 FROM sqlite_schema v WHERE v.type='table' AND v.sql LIKE 'CREATE VIRTUAL TABLE%'"
    "   AND s.name IN (v.name||'_data', v.name||'_idx', v.name||'_content', v.name||'_docsize', v.name||'_config'))"
    " ORDER BY s.name", 0, pazName, pn, e);
  const DbFk *aFk = 0;
  int nFk = 0;
  if( !st ) st = sq_foreign_keys(db, &aFk, &nFk, e);
  if( st ){ db_list_free(*pazName, *pn); *pazName = 0; *pn = 0; return st; }
  db_sort_parents_first(*pazName, *pn, aFk, nFk);
  return YC_OK;
}

YcStatus sq_column_list(Db *db, const char *zTable, char ***pazCol, int *pn, Err *e){
  *pazCol = 0;
  *pn = 0;
  if( rowid_keyed(db, zTable) && db_list_add(pazCol, pn, "rowid") )
    return err_set(e, YC_EINTERNAL, 0, 0, "out of memory");
  YcStatus st = name_list(db, "SELECT name FROM pragma_table_info(?1) ORDER BY cid", zTable, pazCol, pn, e);
  if( !st && *pn==0 ) st = err_set(e, YC_ENOTFOUND, "not_found", 0, "no table %s", zTable);
  if( st ){ db_list_free(*pazCol, *pn); *pazCol = 0; *pn = 0; }
  return st;
}

YcStatus sq_key_list(Db *db, const char *zTable, char ***pazCol, int *pn, Err *e){
  *pazCol = 0;
  *pn = 0;
  if( rowid_keyed(db, zTable) ){
    return db_list_add(pazCol, pn, "rowid") ? err_set(e, YC_EINTERNAL, 0, 0, "out of memory") : YC_OK;
  }
  return name_list(db, "SELECT name FROM pragma_table_info(?1) WHERE pk>0 ORDER BY pk", zTable, pazCol, pn, e);
}

/* Off: the CREATE TRIGGER statements are kept in a temporary table of the
** connection and the triggers dropped; on: made again from it. Both inside
** the caller's transaction (a rollback puts them back as they were). */
YcStatus sq_triggers(Db *db, int bOn, Err *e){
  if( !sq_in_txn(db) )
    return err_set(e, YC_EINTERNAL, "database", 0, "triggers are turned off and on inside a transaction");
  if( sq_exec(db, "CREATE TEMP TABLE IF NOT EXISTS yc_saved_trigger(name TEXT NOT NULL, sql TEXT NOT NULL)", e) )
    return YC_EINTERNAL;
  char **az = 0;
  int n = 0;
  YcStatus st;
  if( !bOn ){
    st = sq_exec(db, "INSERT INTO temp.yc_saved_trigger(name, sql)"
                     " SELECT name, sql FROM main.sqlite_schema WHERE type='trigger' ORDER BY name", e);
    if( !st ) st = name_list(db, "SELECT name FROM main.sqlite_schema WHERE type='trigger' ORDER BY name", 0, &az, &n, e);
    for(int i=0; i<n && !st; i++){
      char *zSql = sqlite3_mprintf("DROP TRIGGER main.\"%w\"", az[i]);
      st = zSql ? sq_exec(db, zSql, e) : err_set(e, YC_EINTERNAL, 0, 0, "out of memory");
      sqlite3_free(zSql);
    }
  }else{
    st = name_list(db, "SELECT sql FROM temp.yc_saved_trigger ORDER BY name", 0, &az, &n, e);
    for(int i=0; i<n && !st; i++) st = sq_exec(db, az[i], e);
    if( !st ) st = sq_exec(db, "DELETE FROM temp.yc_saved_trigger", e);
  }
  db_list_free(az, n);
  return st;
}

/* The table's one INTEGER key column (its rowid), or 0. */
static char *int_key(Db *db, const char *zTable){
  char **az = 0;
  int n = 0;
  Err e;
  char *z = 0;
  if( name_list(db, "SELECT name FROM pragma_table_info(?1) WHERE pk>0 AND upper(type)='INTEGER'"
                    " AND (SELECT count(*) FROM pragma_table_info(?1) WHERE pk>0)=1", zTable, &az, &n, &e)==YC_OK && n==1 ){
    z = az[0];
    az[0] = 0;
  }
  db_list_free(az, n);
  return z;
}

static int has_sequence(Db *db){
  sqlite3_stmt *q = 0;
  int b = sqlite3_prepare_v2(db->h, "SELECT 1 FROM sqlite_schema WHERE name='sqlite_sequence'", -1, &q, 0)==SQLITE_OK
          && sqlite3_step(q)==SQLITE_ROW;
  sqlite3_finalize(q);
  return b;
}

/* One integer answer of zSql (?1 = zTable). */
static YcStatus int_answer(Db *db, const char *zSql, const char *zTable, int64_t *pv, Err *e){
  sqlite3_stmt *q = 0;
  *pv = 0;
  int rc = sqlite3_prepare_v2(db->h, zSql, -1, &q, 0);
  if( rc==SQLITE_OK ){
    if( zTable ) sqlite3_bind_text(q, 1, zTable, -1, SQLITE_STATIC);
    rc = sqlite3_step(q);
    if( rc==SQLITE_ROW ){ *pv = sqlite3_column_int64(q, 0); rc = SQLITE_DONE; }
  }
  if( rc!=SQLITE_DONE ) err_set(e, YC_EINTERNAL, "database", 0, "database error: %s", sqlite3_errmsg(db->h));
  sqlite3_finalize(q);
  return rc==SQLITE_DONE ? YC_OK : YC_EINTERNAL;
}

YcStatus sq_ids_high(Db *db, const char *zTable, int64_t *pHigh, Err *e){
  *pHigh = 0;
  char *zKey = int_key(db, zTable);
  if( !zKey ) return YC_OK;
  char *zSql = sqlite3_mprintf("SELECT coalesce(max(\"%w\"), 0) FROM main.\"%w\"", zKey, zTable);
  free(zKey);
  if( !zSql ) return err_set(e, YC_EINTERNAL, 0, 0, "out of memory");
  int64_t nMax = 0, nSeq = 0;
  YcStatus st = int_answer(db, zSql, 0, &nMax, e);
  sqlite3_free(zSql);
  if( !st && has_sequence(db) )
    st = int_answer(db, "SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name=?1", zTable, &nSeq, e);
  *pHigh = nMax>nSeq ? nMax : nSeq;
  return st;
}

/* AUTOINCREMENT keeps its high-water mark in sqlite_sequence: set it to
** high (an insert with an explicit id raised it to that id only). A table
** without AUTOINCREMENT hands out max(rowid)+1 by itself. */
YcStatus sq_ids_sync(Db *db, const char *zTable, int64_t high, Err *e){
  int64_t bAuto = 0;
  YcStatus st = int_answer(db, "SELECT count(*) FROM sqlite_schema WHERE type='table' AND name=?1"
                               " AND sql LIKE '%AUTOINCREMENT%'", zTable, &bAuto, e);
  if( st || !bAuto || !has_sequence(db) ) return st;
  sqlite3_stmt *q = 0;
  int rc = sqlite3_prepare_v2(db->h, "UPDATE sqlite_sequence SET seq=?2 WHERE name=?1", -1, &q, 0);
  int64_t nChanged = 0;
  if( rc==SQLITE_OK ){
    sqlite3_bind_text(q, 1, zTable, -1, SQLITE_STATIC);
    /* The copy's mark, unless the rows copied go above it. */
    int64_t nRows = 0;
    char *zKey = int_key(db, zTable);
    char *zSql = zKey ? sqlite3_mprintf("SELECT coalesce(max(\"%w\"), 0) FROM main.\"%w\"", zKey, zTable) : 0;
    if( zSql ) int_answer(db, zSql, 0, &nRows, e);
    sqlite3_free(zSql);
    free(zKey);
    sqlite3_bind_int64(q, 2, high>nRows ? high : nRows);
    rc = sqlite3_step(q);
    nChanged = sqlite3_changes(db->h);
  }
  sqlite3_finalize(q);
  if( rc!=SQLITE_DONE ) return err_set(e, YC_EINTERNAL, "database", 0, "database error: %s", sqlite3_errmsg(db->h));
  if( nChanged==0 && high>0 ){
    rc = sqlite3_prepare_v2(db->h, "INSERT INTO sqlite_sequence(name, seq) VALUES(?1, ?2)", -1, &q, 0);
    if( rc==SQLITE_OK ){
      sqlite3_bind_text(q, 1, zTable, -1, SQLITE_STATIC);
      sqlite3_bind_int64(q, 2, high);
      rc = sqlite3_step(q);
    }
    sqlite3_finalize(q);
    if( rc!=SQLITE_DONE ) return err_set(e, YC_EINTERNAL, "database", 0, "database error: %s", sqlite3_errmsg(db->h));
  }
  return YC_OK;
}
