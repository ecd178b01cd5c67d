/*
** pg_rewrite.h: the PostgreSQL engine's translation of the core's SQL
** (written in SQLite's dialect) into PostgreSQL's: numbered parameters,
** INSERT OR IGNORE, rowid, null-safe IS, CAST AS INTEGER, bare columns as
** conditions, NULL order, upsert columns, full-text MATCH and bm25 (see
** doc/architecture.md, "Store interface"). Part of the engine: only
** db_pg.c uses it. Include store/db.h first.
*/
#ifndef YC_PG_REWRITE_H
#define YC_PG_REWRITE_H
#include <libpq-fe.h>

#define PG_MAX_PARAM 64

/* The schema as the rewriter needs it: the connection (catalogue
** lookups), its tables (sorted; abId[i]: table i has an id column) and
** its views with the tables they read ("view\ttable" pairs). */
typedef struct PgCatalog {
  PGconn *h;
  char **azTab;
  unsigned char *abId;
  int nTab;
  char **azView;
  int nView;
} PgCatalog;

/* A parameter PostgreSQL gets that the engine makes from another's value
** at each run: a MATCH with a column filter (iSrc as a tsquery limited to
** zWeights) or bm25's statistics for table zBm25. */
typedef struct FtsParam {
  int iSrc, iDst;
  char zWeights[5];
  char zBm25[64];
} FtsParam;

/* A statement rewritten, and what running it takes. */
typedef struct PgSql {
  char *zPg;            /* the SQL for PostgreSQL (malloc'd) */
  int nParam;           /* parameters, the extra ones included */
  int nUser;            /* parameters the caller binds */
  unsigned aFts[2];     /* bit i: parameter i+1 is a full-text query */
  unsigned aUsed[2];    /* bit i: parameter i+1 appears in the SQL */
  char azFtsTab[PG_MAX_PARAM][48];  /* a full-text parameter's table */
  FtsParam aExtra[4];
  int nExtra;
  int bReturnId;        /* an INSERT given RETURNING id */
  int bRead;            /* a SELECT (else: may write) */
  int bNoop;            /* an FTS5 command: nothing to run */
  DbTables read;        /* the tables it names (views expanded) */
} PgSql;

/* Rewrite zSql into *s (zeroed by the caller). 0 on success, 1 when the
** statement uses SQLite syntax the engine does not translate. */
int pg_rewrite(const PgCatalog *c, const char *zSql, PgSql *s);

/* The indexed columns (in order) of FTS table zTable, "c1 c2 ...",
** malloc'd (0 if none); the weight letters (A, B, C, then D) of those of
** them named in zCols, into zOut[5]. */
char *pg_fts_columns(const PgCatalog *c, const char *zTable, size_t nTable);
void pg_fts_weights(const PgCatalog *c, const char *zTable, size_t nTable, const char *zCols, char *zOut);

#endif
