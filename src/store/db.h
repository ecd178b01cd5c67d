/*
** db.h: the store interface, engine-neutral. Everything above src/store
** reaches the database through these calls only; the one implementation
** today is SQLite (db_sqlite.c), and a second engine is a second file with
** the same functions (see doc/architecture.md, "Store interface").
**
** Rules for SQL handed to db_stmt():
**   - parameters are `?NNN` (numbered from 1) or `?`; every value is bound,
**     LIMIT and OFFSET included; no value is ever pasted into SQL text;
**   - dynamic SQL is built only from fixed fragments chosen by whitelists;
**   - statements are cached per Db. A statement handed out by db_stmt()
**     stays valid (is never evicted) until db_release(), which the owner of
**     the Db calls when no statement pointer is held any more (the server
**     after each request); so holding several at once, or one across a
**     loop of resets, is safe.
**
** One Db per thread; a Db is never shared between threads.
*/
#ifndef YC_DB_H
#define YC_DB_H
#include <stddef.h>
#include <stdint.h>
#include "base/err.h"

typedef struct Db Db;           /* an open database (engine's own struct) */
typedef struct DbStmt DbStmt;   /* a cached prepared statement */

/* Result codes of db_step() and engine errors passed to db_error(). */
enum { DB_OK = 0, DB_ERROR = 1, DB_ROW = 100, DB_DONE = 101 };
/* Column types of db_col_type(). */
enum { DB_INTEGER = 1, DB_FLOAT = 2, DB_TEXT = 3, DB_BLOB = 4, DB_NULL = 5 };

/* 1 if zTarget names a PostgreSQL database (a libpq connection URI
** postgres://... or postgresql://..., or a key=value connection string
** such as "host=... dbname=..."); else it is an SQLite file. */
int db_is_pg(const char *zTarget);

/* Open (creating if bCreate) the database zPath. On success *ppDb owns a
** new Db (db_close it). */
YcStatus db_open(const char *zPath, int bCreate, Db **ppDb, Err *e);
void db_close(Db *db);
/* The path the database was opened with (for opening a sibling handle). */
const char *db_path(Db *db);

/* Apply the embedded migrations (schema/NNN_*.sql) newer than the stored
** schema version, each in its own transaction; called outside any
** transaction. Foreign keys are off while a migration runs (it may rebuild
** a table others refer to) and checked before it commits. *pnApplied gets
** the number applied. */
YcStatus db_migrate(Db *db, int *pnApplied, Err *e);
int db_schema_version(Db *db);


/* A prepared statement for zSql, reset with cleared bindings, from the
** per-Db cache. The caller binds, steps, and calls db_reset() when done; it
** never finalizes it. 0 on error (logged). */
DbStmt *db_stmt(Db *db, const char *zSql);
int db_step(DbStmt *p);                 /* DB_ROW, DB_DONE or an error code */
void db_reset(DbStmt *p);               /* rewind, keep bindings; 0 allowed */
void db_clear(DbStmt *p);               /* rewind and clear the bindings */
/* No statement handed out so far is held any more: they may be evicted. */
void db_release(Db *db);

/* Binding, 1-based. Text and blobs are not copied: the caller keeps them
** alive until the statement is reset (db_bind_text_copy copies). n<0: up to
** the NUL. A null pointer binds NULL. */
void db_bind_int(DbStmt *p, int i, int v);
void db_bind_int64(DbStmt *p, int i, int64_t v);
void db_bind_double(DbStmt *p, int i, double v);
void db_bind_text(DbStmt *p, int i, const char *z, int n);
void db_bind_text_copy(DbStmt *p, int i, const char *z, int n);
void db_bind_blob(DbStmt *p, int i, const void *z, int n);
void db_bind_null(DbStmt *p, int i);
/* An id referring to another record, NULL when v is 0 (no such reference). */
void db_bind_id(DbStmt *p, int i, int64_t v);

/* Columns of the current row, 0-based. */
int db_col_type(DbStmt *p, int i);      /* DB_INTEGER … DB_NULL */
int db_col_int(DbStmt *p, int i);
int64_t db_col_int64(DbStmt *p, int i);
double db_col_double(DbStmt *p, int i);
const char *db_text(DbStmt *p, int i);  /* C string, or 0 for NULL */
const void *db_col_blob(DbStmt *p, int i);
int db_col_bytes(DbStmt *p, int i);

/* The id of the row last inserted, and rows changed by the last statement. */
int db_col_count(DbStmt *p);            /* columns of the result */
const char *db_col_name(DbStmt *p, int i);

/* A foreign key of the schema: zChild.zCol refers to zParent(zParentCol),
** with what a delete of the parent row does to the child. */
enum { DB_FK_NONE = 0, DB_FK_CASCADE, DB_FK_SETNULL };
typedef struct DbFk {
  const char *zChild, *zCol, *zParent, *zParentCol;
  int eOnDelete;
} DbFk;
/* Every foreign key of the schema's tables, read once per connection (the
** array lives as long as db). */
YcStatus db_foreign_keys(Db *db, const DbFk **paFk, int *pnFk, Err *e);

/* Inside a write transaction: check foreign keys at its commit, not at
** each statement (rows put back in any order). */
YcStatus db_defer_foreign_keys(Db *db, Err *e);

int64_t db_last_id(Db *db);
int db_changes(Db *db);

/* Run SQL without results (may hold several statements; no parameters);
** YC_EINTERNAL (logged) on failure. */
YcStatus db_exec(Db *db, const char *zSql, Err *e);

YcStatus db_begin(Db *db, Err *e);     /* a write transaction */
YcStatus db_commit(Db *db, Err *e);
void db_rollback(Db *db);               /* no-op outside a transaction */
/* Nested db_begin/db_commit/db_rollback are savepoints inside the
** outermost transaction (which alone commits). */
int db_in_txn(Db *db);                  /* 1 inside an open transaction */

/* A number that changes whenever another connection commits a change
** (response-cache invalidation across processes); -1 on error. */
int64_t db_data_version(Db *db);

/* Change tracking, for the response cache (web/cache.h): which tables a
** request read, and which tables changed since a connection last looked.
** Tables are small numbers, process-wide and stable while it runs; 0 stands
** for every table (a change the engine cannot attribute). Reads count
** every table a statement stepped on db reads: its own, through views, and
** a full-text index by its virtual table's name. Writes count every table
** a statement changes (triggers and cascades included), at the commit of
** their transaction (a rolled-back one counts nothing); each commit also
** records its tables' new generations in the database itself (table_gen,
** migration 019), so that changes by another process are attributed too. */
#define DB_TABLES_MAX 256
typedef struct DbTables { uint64_t a[DB_TABLES_MAX/64]; } DbTables;
/* The number of table zName (0 if the registry is full: every table). */
int db_table_id(const char *zName);
/* Its name ("*" for 0), or 0 if none has this number. */
const char *db_table_name(int id);
/* Start recording the tables read by statements stepped on db. */
void db_reads_start(Db *db);
/* The tables read since db_reads_start. */
void db_reads(Db *db, DbTables *p);
/* The tables changed since the last call on this process's connections:
** by commits on db, and (when the database changed under db) by other
** connections or processes, as far as this process has not taken them
** into account already. The first call of a connection, and a change by a
** writer that records no generations, answer table 0. */
void db_changes_take(Db *db, DbTables *p);

/* Map an engine failure code (from db_step) to an Err (constraint ->
** 409/400, else 500). */
YcStatus db_error(Db *db, int rc, Err *e);
/* The engine's message for the last failure on db. */
const char *db_errmsg(Db *db);

/* Busy database. Every connection waits for a write lock another holds up
** to its busy timeout (5 s unless set; the server sets a shorter one for
** its requests); past it the write fails with YC_EBUSY "busy" (503 with
** Retry-After on the web, a clear message and a non-zero exit in the CLI),
** never with YC_EINTERNAL. */
void db_set_busy_timeout(Db *db, int nMs);
/* Process-wide counters (atomic, all connections): busy waits (each time a
** connection found the lock taken and waited) and busy failures (waits that
** ran out: YC_EBUSY answers). */
typedef struct DbStats {
  int64_t nBusyWait;
  int64_t nBusyFail;
} DbStats;
void db_stats(DbStats *p);

/* Meta key/value; db_meta_get returns malloc'd text or 0. */
char *db_meta_get(Db *db, const char *zKey);
YcStatus db_meta_set(Db *db, const char *zKey, const char *zValue, Err *e);

/* Statement-cache figures (for tests): entries held, entries handed out
** and not yet reset, statements prepared since open. */
void db_cache_stats(Db *db, int *pnHeld, int *pnInUse, int64_t *pnPrepared);
/* Statements run on db since open: each first db_step() after a reset (or
** after a statement finished) counts one; the rows stepped after it do
** not. For tests that check a request costs a fixed number of statements. */
int64_t db_stmt_runs(Db *db);

/* Backups. db_read_begin opens a read transaction (outside any other) whose
** snapshot every read sees until db_read_end; writers of other connections
** go on meanwhile. */
YcStatus db_read_begin(Db *db, Err *e);
void db_read_end(Db *db);
/* A consistent copy of db into the new file zPath, taken online in small
** steps without blocking writers, of the snapshot of the caller's
** db_read_begin if one is open (else of one taken here). *pnPages (may be
** 0) gets the pages copied. */
YcStatus db_backup_to(Db *db, const char *zPath, int *pnPages, Err *e);
/* The engine's integrity check of the pages: malloc'd "ok", or the
** problems found (one a line). db_integrity_full: then, when the pages are
** sound, every foreign key and every search index against its rows. */
char *db_integrity(Db *db);
char *db_integrity_full(Db *db);
/* YC_OK when no other connection (of any process) has the database file
** zPath open, else YC_ECONFLICT "in_use" naming --db. */
YcStatus db_probe_unused(const char *zPath, Err *e);

/* ---- Copying a whole database (core/migrate.c) ---------------------------
** Names handed out are malloc'd lists: free them with db_list_free. */
/* The data tables: not views, not the engine's bookkeeping (SQLite's
** sqlite_* and FTS5 shadow tables, table_gen, PostgreSQL's yc_schema),
** full-text tables included; parents before children by the schema's
** foreign keys (then by name). */
YcStatus db_table_list(Db *db, char ***pazName, int *pn, Err *e);
/* The columns of table zTable in order: for a full-text table, and a table
** keyed by SQLite's rowid alone (no primary key: city_alt), its row id
** first (SQLite's `rowid`, PostgreSQL's `id`), then its columns
** (PostgreSQL's tsv is not one: the engine indexes the rows itself). */
YcStatus db_column_list(Db *db, const char *zTable, char ***pazCol, int *pn, Err *e);
/* The columns of its primary key in key order (a full-text table, and an
** SQLite table without a primary key: its rowid); none (*pn 0) for a table
** without one. */
YcStatus db_key_list(Db *db, const char *zTable, char ***pazCol, int *pn, Err *e);
void db_list_free(char **az, int n);
/* Inside a write transaction: turn the schema's triggers off (bOn 0) for a
** bulk copy of rows, and on again (bOn 1) before the commit. Full-text rows
** copied meanwhile are still indexed at the commit. */
YcStatus db_triggers(Db *db, int bOn, Err *e);
/* The highest id table zTable has ever handed out (its rows' ids and, for
** ids never given again, the engine's high-water mark: SQLite's
** sqlite_sequence, PostgreSQL's identity sequence); 0 for a table without
** generated ids. */
YcStatus db_ids_high(Db *db, const char *zTable, int64_t *pHigh, Err *e);
/* After rows came in with their ids: the next generated id of zTable is
** above high and above every id it holds. */
YcStatus db_ids_sync(Db *db, const char *zTable, int64_t high, Err *e);

#endif
