/*
** db.c: the store interface (db.h) over its two engines: each call goes to
** the engine of its Db or DbStmt (SQLite, db_sqlite.c; PostgreSQL,
** db_pg.c), chosen when the database is opened by the form of its name.
** Also what is the same on both: the process-wide table registry of the
** change tracking, NULL ids, and the meta key/value table.
*/
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include "store/db.h"
#include "store/db_engine.h"

int db_is_pg(const char *z){
  if( !z ) return 0;
  if( strncmp(z, "postgres://", 11)==0 || strncmp(z, "postgresql://", 13)==0 ) return 1;
  /* A key=value connection string: its first word is a libpq keyword. */
  static const char *const azKey[] = {"host=", "hostaddr=", "dbname=", "user=", "port=", "service=", 0};
  for(int i=0; azKey[i]; i++) if( strncmp(z, azKey[i], strlen(azKey[i]))==0 ) return 1;
  return 0;
}

YcStatus db_open(const char *zPath, int bCreate, Db **ppDb, Err *e){
  return db_is_pg(zPath) ? pg_open(zPath, bCreate, ppDb, e) : sq_open(zPath, bCreate, ppDb, e);
}

void db_close(Db *db){
  if( ((const DbHead*)db)->eEngine==DB_ENGINE_PG ) pg_close(db);
  else sq_close(db);
}

const char * db_path(Db *db){
  return ((const DbHead*)db)->eEngine==DB_ENGINE_PG ? pg_path(db) : sq_path(db);
}

YcStatus db_migrate(Db *db, int *pnApplied, Err *e){
  return ((const DbHead*)db)->eEngine==DB_ENGINE_PG ? pg_migrate(db, pnApplied, e) : sq_migrate(db, pnApplied, e);
}

int db_schema_version(Db *db){
  return ((const DbHead*)db)->eEngine==DB_ENGINE_PG ? pg_schema_version(db) : sq_schema_version(db);
}

DbStmt * db_stmt(Db *db, const char *zSql){
  return ((const DbHead*)db)->eEngine==DB_ENGINE_PG ? pg_stmt(db, zSql) : sq_stmt(db, zSql);
}

int db_step(DbStmt *p){
  return ((const DbHead*)p)->eEngine==DB_ENGINE_PG ? pg_step(p) : sq_step(p);
}

void db_reset(DbStmt *p){
  if( ((const DbHead*)p)->eEngine==DB_ENGINE_PG ) pg_reset(p);
  else sq_reset(p);
}

void db_clear(DbStmt *p){
  if( ((const DbHead*)p)->eEngine==DB_ENGINE_PG ) pg_clear(p);
  else sq_clear(p);
}

void db_release(Db *db){
  if( ((const DbHead*)db)->eEngine==DB_ENGINE_PG ) pg_release(db);
  else sq_release(db);
}

void db_bind_int(DbStmt *p, int i, int v){
  if( ((const DbHead*)p)->eEngine==DB_ENGINE_PG ) pg_bind_int(p, i, v);
  else sq_bind_int(p, i, v);
}

void db_bind_int64(DbStmt *p, int i, int64_t v){
  if( ((const DbHead*)p)->eEngine==DB_ENGINE_PG ) pg_bind_int64(p, i, v);
  else sq_bind_int64(p, i, v);
}

void db_bind_double(DbStmt *p, int i, double v){
  if( ((const DbHead*)p)->eEngine==DB_ENGINE_PG ) pg_bind_double(p, i, v);
  else sq_bind_double(p, i, v);
}

void db_bind_text(DbStmt *p, int i, const char *z, int n){
  if( ((const DbHead*)p)->eEngine==DB_ENGINE_PG ) pg_bind_text(p, i, z, n);
  else sq_bind_text(p, i, z, n);
}

void db_bind_text_copy(DbStmt *p, int i, const char *z, int n){
  if( ((const DbHead*)p)->eEngine==DB_ENGINE_PG ) pg_bind_text_copy(p, i, z, n);
  else sq_bind_text_copy(p, i, z, n);
}

void db_bind_blob(DbStmt *p, int i, const void *z, int n){
  if( ((const DbHead*)p)->eEngine==DB_ENGINE_PG ) pg_bind_blob(p, i, z, n);
  else sq_bind_blob(p, i, z, n);
}

void db_bind_null(DbStmt *p, int i){
  if( ((const DbHead*)p)->eEngine==DB_ENGINE_PG ) pg_bind_null(p, i);
  else sq_bind_null(p, i);
}

int db_col_type(DbStmt *p, int i){
  return ((const DbHead*)p)->eEngine==DB_ENGINE_PG ? pg_col_type(p, i) : sq_col_type(p, i);
}

int db_col_int(DbStmt *p, int i){
  return ((const DbHead*)p)->eEngine==DB_ENGINE_PG ? pg_col_int(p, i) : sq_col_int(p, i);
}

int64_t db_col_int64(DbStmt *p, int i){
  return ((const DbHead*)p)->eEngine==DB_ENGINE_PG ? pg_col_int64(p, i) : sq_col_int64(p, i);
}

double db_col_double(DbStmt *p, int i){
  return ((const DbHead*)p)->eEngine==DB_ENGINE_PG ? pg_col_double(p, i) : sq_col_double(p, i);
}

const char * db_text(DbStmt *p, int i){
  return ((const DbHead*)p)->eEngine==DB_ENGINE_PG ? pg_text(p, i) : sq_text(p, i);
}

const void * db_col_blob(DbStmt *p, int i){
  return ((const DbHead*)p)->eEngine==DB_ENGINE_PG ? pg_col_blob(p, i) : sq_col_blob(p, i);
}

int db_col_bytes(DbStmt *p, int i){
  return ((const DbHead*)p)->eEngine==DB_ENGINE_PG ? pg_col_bytes(p, i) : sq_col_bytes(p, i);
}

int db_col_count(DbStmt *p){
  return ((const DbHead*)p)->eEngine==DB_ENGINE_PG ? pg_col_count(p) : sq_col_count(p);
}

const char * db_col_name(DbStmt *p, int i){
  return ((const DbHead*)p)->eEngine==DB_ENGINE_PG ? pg_col_name(p, i) : sq_col_name(p, i);
}

YcStatus db_foreign_keys(Db *db, const DbFk **paFk, int *pnFk, Err *e){
  return ((const DbHead*)db)->eEngine==DB_ENGINE_PG ? pg_foreign_keys(db, paFk, pnFk, e) : sq_foreign_keys(db, paFk, pnFk, e);
}

YcStatus db_defer_foreign_keys(Db *db, Err *e){
  return ((const DbHead*)db)->eEngine==DB_ENGINE_PG ? pg_defer_foreign_keys(db, e) : sq_defer_foreign_keys(db, e);
}

int64_t db_last_id(Db *db){
  return ((const DbHead*)db)->eEngine==DB_ENGINE_PG ? pg_last_id(db) : sq_last_id(db);
}

int db_changes(Db *db){
  return ((const DbHead*)db)->eEngine==DB_ENGINE_PG ? pg_changes(db) : sq_changes(db);
}

YcStatus db_exec(Db *db, const char *zSql, Err *e){
  return ((const DbHead*)db)->eEngine==DB_ENGINE_PG ? pg_exec(db, zSql, e) : sq_exec(db, zSql, e);
}

YcStatus db_begin(Db *db, Err *e){
  return ((const DbHead*)db)->eEngine==DB_ENGINE_PG ? pg_begin(db, e) : sq_begin(db, e);
}

YcStatus db_commit(Db *db, Err *e){
  return ((const DbHead*)db)->eEngine==DB_ENGINE_PG ? pg_commit(db, e) : sq_commit(db, e);
}

void db_rollback(Db *db){
  if( ((const DbHead*)db)->eEngine==DB_ENGINE_PG ) pg_rollback(db);
  else sq_rollback(db);
}

int db_in_txn(Db *db){
  return ((const DbHead*)db)->eEngine==DB_ENGINE_PG ? pg_in_txn(db) : sq_in_txn(db);
}

int64_t db_data_version(Db *db){
  return ((const DbHead*)db)->eEngine==DB_ENGINE_PG ? pg_data_version(db) : sq_data_version(db);
}

void db_reads_start(Db *db){
  if( ((const DbHead*)db)->eEngine==DB_ENGINE_PG ) pg_reads_start(db);
  else sq_reads_start(db);
}

void db_reads(Db *db, DbTables *p){
  if( ((const DbHead*)db)->eEngine==DB_ENGINE_PG ) pg_reads(db, p);
  else sq_reads(db, p);
}

void db_changes_take(Db *db, DbTables *p){
  if( ((const DbHead*)db)->eEngine==DB_ENGINE_PG ) pg_changes_take(db, p);
  else sq_changes_take(db, p);
}

YcStatus db_error(Db *db, int rc, Err *e){
  return ((const DbHead*)db)->eEngine==DB_ENGINE_PG ? pg_error(db, rc, e) : sq_error(db, rc, e);
}

const char * db_errmsg(Db *db){
  return ((const DbHead*)db)->eEngine==DB_ENGINE_PG ? pg_errmsg(db) : sq_errmsg(db);
}

void db_set_busy_timeout(Db *db, int nMs){
  if( ((const DbHead*)db)->eEngine==DB_ENGINE_PG ) pg_set_busy_timeout(db, nMs);
  else sq_set_busy_timeout(db, nMs);
}

void db_stats(DbStats *p){
  DbStats q;
  sq_stats(p);
  pg_stats(&q);
  p->nBusyWait += q.nBusyWait;
  p->nBusyFail += q.nBusyFail;
}

void db_cache_stats(Db *db, int *pnHeld, int *pnInUse, int64_t *pnPrepared){
  if( ((const DbHead*)db)->eEngine==DB_ENGINE_PG ) pg_cache_stats(db, pnHeld, pnInUse, pnPrepared);
  else sq_cache_stats(db, pnHeld, pnInUse, pnPrepared);
}

int64_t db_stmt_runs(Db *db){
  return ((const DbHead*)db)->eEngine==DB_ENGINE_PG ? pg_stmt_runs(db) : sq_stmt_runs(db);
}

YcStatus db_read_begin(Db *db, Err *e){
  return ((const DbHead*)db)->eEngine==DB_ENGINE_PG ? pg_read_begin(db, e) : sq_read_begin(db, e);
}

void db_read_end(Db *db){
  if( ((const DbHead*)db)->eEngine==DB_ENGINE_PG ) pg_read_end(db);
  else sq_read_end(db);
}

YcStatus db_backup_to(Db *db, const char *zPath, int *pnPages, Err *e){
  return ((const DbHead*)db)->eEngine==DB_ENGINE_PG ? pg_backup_to(db, zPath, pnPages, e) : sq_backup_to(db, zPath, pnPages, e);
}

char * db_integrity(Db *db){
  return ((const DbHead*)db)->eEngine==DB_ENGINE_PG ? pg_integrity(db) : sq_integrity(db);
}

char * db_integrity_full(Db *db){
  return ((const DbHead*)db)->eEngine==DB_ENGINE_PG ? pg_integrity_full(db) : sq_integrity_full(db);
}

YcStatus db_probe_unused(const char *zPath, Err *e){
  return db_is_pg(zPath) ? pg_probe_unused(zPath, e) : sq_probe_unused(zPath, e);
}

/* The process-wide table registry; 0 is "every table". aSeen[i] is the
** highest generation of table i that this process has taken into account
** (bumped in the response cache, or its own commit). */
static pthread_mutex_t tabMutex = PTHREAD_MUTEX_INITIALIZER;
static char *azTab[DB_TABLES_MAX] = {"*"};
static atomic_int nTab = 1;
static _Atomic int64_t aSeen[DB_TABLES_MAX];


int db_table_id(const char *zName){
  int n = atomic_load(&nTab);
  for(int i=1; i<n; i++) if( strcmp(azTab[i], zName)==0 ) return i;
  pthread_mutex_lock(&tabMutex);
  int id = 0;
  n = atomic_load(&nTab);
  for(int i=1; i<n && !id; i++) if( strcmp(azTab[i], zName)==0 ) id = i;
  if( !id && n<DB_TABLES_MAX ){
    char *z = strdup(zName);
    if( z ){
      azTab[n] = z;
      atomic_store(&nTab, n + 1);     /* published after the name */
      id = n;
    }
  }
  pthread_mutex_unlock(&tabMutex);
  return id;
}

const char *db_table_name(int id){
  return id>=0 && id<atomic_load(&nTab) ? azTab[id] : 0;
}


void db_bind_id(DbStmt *p, int i, int64_t v){
  if( v ) db_bind_int64(p, i, v); else db_bind_null(p, i);
}

int64_t db_seen_raise(int i, int64_t g){
  int64_t old = atomic_load(&aSeen[i]);
  while( old<g && !atomic_compare_exchange_weak(&aSeen[i], &old, g) ){}
  return old;
}

char *db_meta_get(Db *db, const char *zKey){
  DbStmt *p = db_stmt(db, "SELECT value FROM meta WHERE key=?1");
  if( !p ) return 0;
  db_bind_text(p, 1, zKey, -1);
  char *z = 0;
  if( db_step(p)==DB_ROW ) z = strdup(db_text(p, 0));
  db_reset(p);
  return z;
}

YcStatus db_meta_set(Db *db, const char *zKey, const char *zValue, Err *e){
  DbStmt *p = db_stmt(db, "INSERT INTO meta(key,value) VALUES(?1,?2)"
                                " ON CONFLICT(key) DO UPDATE SET value=excluded.value");
  if( !p ) return err_set(e, YC_EINTERNAL, "database", 0, "database error");
  db_bind_text(p, 1, zKey, -1);
  db_bind_text(p, 2, zValue, -1);
  int rc = db_step(p);
  db_reset(p);
  return rc==DB_DONE ? YC_OK : db_error(db, rc, e);
}

/* ---- Copying a whole database ------------------------------------------ */

YcStatus db_table_list(Db *db, char ***pazName, int *pn, Err *e){
  return ((const DbHead*)db)->eEngine==DB_ENGINE_PG ? pg_table_list(db, pazName, pn, e) : sq_table_list(db, pazName, pn, e);
}

YcStatus db_column_list(Db *db, const char *zTable, char ***pazCol, int *pn, Err *e){
  return ((const DbHead*)db)->eEngine==DB_ENGINE_PG ? pg_column_list(db, zTable, pazCol, pn, e) : sq_column_list(db, zTable, pazCol, pn, e);
}

YcStatus db_key_list(Db *db, const char *zTable, char ***pazCol, int *pn, Err *e){
  return ((const DbHead*)db)->eEngine==DB_ENGINE_PG ? pg_key_list(db, zTable, pazCol, pn, e) : sq_key_list(db, zTable, pazCol, pn, e);
}

YcStatus db_triggers(Db *db, int bOn, Err *e){
  return ((const DbHead*)db)->eEngine==DB_ENGINE_PG ? pg_triggers(db, bOn, e) : sq_triggers(db, bOn, e);
}

YcStatus db_ids_high(Db *db, const char *zTable, int64_t *pHigh, Err *e){
  return ((const DbHead*)db)->eEngine==DB_ENGINE_PG ? pg_ids_high(db, zTable, pHigh, e) : sq_ids_high(db, zTable, pHigh, e);
}

YcStatus db_ids_sync(Db *db, const char *zTable, int64_t high, Err *e){
  return ((const DbHead*)db)->eEngine==DB_ENGINE_PG ? pg_ids_sync(db, zTable, high, e) : sq_ids_sync(db, zTable, high, e);
}

void db_list_free(char **az, int n){
  for(int i=0; i<n; i++) free(az[i]);
  free(az);
}

int db_list_add(char ***paz, int *pn, const char *z){
  char **a = realloc(*paz, sizeof(char*)*(size_t)(*pn + 1));
  if( !a ) return 1;
  *paz = a;
  if( !(a[*pn] = strdup(z ? z : "")) ) return 1;
  (*pn)++;
  return 0;
}

static int cmp_name(const void *a, const void *b){
  return strcmp(*(char *const*)a, *(char *const*)b);
}

/* Kahn's order: repeatedly the first table (by name) whose parents are all
** placed; what is left in a cycle follows by name. */
void db_sort_parents_first(char **az, int n, const DbFk *aFk, int nFk){
  if( n<2 ) return;
  qsort(az, (size_t)n, sizeof *az, cmp_name);
  char **aOut = malloc(sizeof(char*)*(size_t)n);
  unsigned char *abDone = calloc((size_t)n, 1);
  if( !aOut || !abDone ){ free(aOut); free(abDone); return; }
  int nOut = 0;
  while( nOut<n ){
    int iPick = -1;
    for(int i=0; i<n && iPick<0; i++){
      if( abDone[i] ) continue;
      int bReady = 1;
      for(int k=0; k<nFk && bReady; k++){
        if( strcmp(aFk[k].zChild, az[i])!=0 || strcmp(aFk[k].zParent, az[i])==0 ) continue;
        for(int j=0; j<n; j++){
          if( !abDone[j] && j!=i && strcmp(az[j], aFk[k].zParent)==0 ){ bReady = 0; break; }
        }
      }
      if( bReady ) iPick = i;
    }
    if( iPick<0 ) for(int i=0; i<n && iPick<0; i++) if( !abDone[i] ) iPick = i;   /* a cycle */
    abDone[iPick] = 1;
    aOut[nOut++] = az[iPick];
  }
  memcpy(az, aOut, sizeof(char*)*(size_t)n);
  free(aOut);
  free(abDone);
}
