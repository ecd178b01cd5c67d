/*
** db.h: the database: open, migrate, cached prepared statements,
** transactions. One Db per thread; a Db is never shared between threads.
*/
#ifndef YC_DB_H
#define YC_DB_H
#include <sqlite3.h>
#include <stdint.h>
#include "base/err.h"

#define DB_STMT_CACHE 96

typedef struct Db {
  sqlite3 *h;
  int nCache;
  struct { char *zSql; sqlite3_stmt *p; } aCache[DB_STMT_CACHE];
} Db;

/* Open (creating if bCreate) the database file zPath with WAL, foreign keys
** and the "yc" tokenizer. On success *ppDb owns a new Db (db_close it). */
YcStatus db_open(const char *zPath, int bCreate, Db **ppDb, Err *e);
void db_close(Db *db);

/* Apply the embedded migrations (schema/NNN_*.sql) newer than
** PRAGMA user_version, each in its own transaction. *pnApplied gets the
** number applied. */
YcStatus db_migrate(Db *db, int *pnApplied, Err *e);
int db_schema_version(Db *db);

/* A prepared statement for zSql, cached per Db and reset with cleared
** bindings. The caller steps it and must not finalize it. 0 on error
** (logged). */
sqlite3_stmt *db_stmt(Db *db, const char *zSql);

/* Run SQL without results; YC_EINTERNAL (logged) on failure. */
YcStatus db_exec(Db *db, const char *zSql, Err *e);

YcStatus db_begin(Db *db, Err *e);     /* BEGIN IMMEDIATE */
YcStatus db_commit(Db *db, Err *e);
void db_rollback(Db *db);

/* Map an SQLite failure to an Err (constraint -> 409/400, else 500). */
YcStatus db_error(Db *db, int rc, Err *e);

/* Current UTC time as "YYYY-MM-DDTHH:MM:SSZ" into z (>= 24 bytes). */
void db_now(char *z);

/* Meta key/value; db_meta_get returns malloc'd text or 0. */
char *db_meta_get(Db *db, const char *zKey);
YcStatus db_meta_set(Db *db, const char *zKey, const char *zValue, Err *e);

/* Text column helper: column i of p as a C string or 0 for NULL. */
const char *db_text(sqlite3_stmt *p, int i);

#endif
