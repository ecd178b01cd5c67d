/*
** db_engine.h: what the engines share behind the store interface (db.h).
** db.c implements db.h by calling the engine a Db or DbStmt belongs to:
** sq_* (db_sqlite.c) or pg_* (db_pg.c). Each engine's own struct Db /
** struct DbStmt starts with an int eEngine, the only field db.c reads.
** Nothing above src/store includes this header.
*/
#ifndef YC_DB_ENGINE_H
#define YC_DB_ENGINE_H
/* Include store/db.h first. */

enum { DB_ENGINE_SQLITE = 0, DB_ENGINE_PG = 1 };
typedef struct DbHead { int eEngine; } DbHead;

/* Process-wide: table i is known to this process up to generation g.
** Returns the generation known before (so old<g: news). */
int64_t db_seen_raise(int i, int64_t g);

static inline void set_add(DbTables *p, int i){ p->a[i>>6] |= (uint64_t)1<<(i&63); }
static inline void set_or(DbTables *p, const DbTables *q){
  for(int i=0; i<DB_TABLES_MAX/64; i++) p->a[i] |= q->a[i];
}

#define DB_ENGINE_DECLARE(P) \
  YcStatus P##_open(const char *zPath, int bCreate, Db **ppDb, Err *e); \
  void P##_close(Db *db); \
  const char *P##_path(Db *db); \
  YcStatus P##_migrate(Db *db, int *pnApplied, Err *e); \
  int P##_schema_version(Db *db); \
  DbStmt *P##_stmt(Db *db, const char *zSql); \
  int P##_step(DbStmt *p); \
  void P##_reset(DbStmt *p); \
  void P##_clear(DbStmt *p); \
  void P##_release(Db *db); \
  void P##_bind_int(DbStmt *p, int i, int v); \
  void P##_bind_int64(DbStmt *p, int i, int64_t v); \
  void P##_bind_double(DbStmt *p, int i, double v); \
  void P##_bind_text(DbStmt *p, int i, const char *z, int n); \
  void P##_bind_text_copy(DbStmt *p, int i, const char *z, int n); \
  void P##_bind_blob(DbStmt *p, int i, const void *z, int n); \
  void P##_bind_null(DbStmt *p, int i); \
  int P##_col_type(DbStmt *p, int i); \
  int P##_col_int(DbStmt *p, int i); \
  int64_t P##_col_int64(DbStmt *p, int i); \
  double P##_col_double(DbStmt *p, int i); \
  const char *P##_text(DbStmt *p, int i); \
  const void *P##_col_blob(DbStmt *p, int i); \
  int P##_col_bytes(DbStmt *p, int i); \
  int P##_col_count(DbStmt *p); \
  const char *P##_col_name(DbStmt *p, int i); \
  YcStatus P##_foreign_keys(Db *db, const DbFk **paFk, int *pnFk, Err *e); \
  YcStatus P##_defer_foreign_keys(Db *db, Err *e); \
  int64_t P##_last_id(Db *db); \
  int P##_changes(Db *db); \
  YcStatus P##_exec(Db *db, const char *zSql, Err *e); \
  YcStatus P##_begin(Db *db, Err *e); \
  YcStatus P##_commit(Db *db, Err *e); \
  void P##_rollback(Db *db); \
  int P##_in_txn(Db *db); \
  int64_t P##_data_version(Db *db); \
  void P##_reads_start(Db *db); \
  void P##_reads(Db *db, DbTables *p); \
  void P##_changes_take(Db *db, DbTables *p); \
  YcStatus P##_error(Db *db, int rc, Err *e); \
  const char *P##_errmsg(Db *db); \
  void P##_set_busy_timeout(Db *db, int nMs); \
  void P##_stats(DbStats *p); \
  void P##_cache_stats(Db *db, int *pnHeld, int *pnInUse, int64_t *pnPrepared); \
  int64_t P##_stmt_runs(Db *db); \
  YcStatus P##_read_begin(Db *db, Err *e); \
  void P##_read_end(Db *db); \
  YcStatus P##_backup_to(Db *db, const char *zPath, int *pnPages, Err *e); \
  char *P##_integrity(Db *db); \
  char *P##_integrity_full(Db *db); \
  YcStatus P##_probe_unused(const char *zPath, Err *e); \
  YcStatus P##_table_list(Db *db, char ***pazName, int *pn, Err *e); \
  YcStatus P##_column_list(Db *db, const char *zTable, char ***pazCol, int *pn, Err *e); \
  YcStatus P##_key_list(Db *db, const char *zTable, char ***pazCol, int *pn, Err *e); \
  YcStatus P##_triggers(Db *db, int bOn, Err *e); \
  YcStatus P##_ids_high(Db *db, const char *zTable, int64_t *pHigh, Err *e); \
  YcStatus P##_ids_sync(Db *db, const char *zTable, int64_t high, Err *e);

/* Order the table names az[0..n) parents first by the foreign keys aFk
** (a table after every table it refers to; cycles and ties by name). */
void db_sort_parents_first(char **az, int n, const DbFk *aFk, int nFk);
/* Append a strdup of z to the list *paz of *pn names; 1 if out of memory. */
int db_list_add(char ***paz, int *pn, const char *z);

DB_ENGINE_DECLARE(sq)
DB_ENGINE_DECLARE(pg)

#endif
