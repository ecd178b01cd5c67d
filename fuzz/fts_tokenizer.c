/* fuzz/fts_tokenizer.c: the "yc" FTS5 tokenizer (store/sqlite_fts.c) as
** search uses it: the input's first line is indexed in a table like
** city_fts (tokenize='yc', prefix indexes), the rest is a user's query,
** turned into a MATCH expression by text_fts_query and run; the input is
** also run as a raw MATCH expression (the tokenizer sees whatever FTS5's
** query parser passes it). */
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "fuzzlib.h"
#include "text/norm.h"
#include "store/sqlite_fts.h"

static sqlite3 *db;
static sqlite3_stmt *pIns, *pMatch;

int LLVMFuzzerInitialize(int *pArgc, char ***pArgv){
  (void)pArgc; (void)pArgv;
  if( sqlite3_open(":memory:", &db) || fts_register(db)
      || sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(name, zh, tokenize='yc', prefix='1 2 3')", 0, 0, 0)
      || sqlite3_prepare_v2(db, "INSERT INTO t(name, zh) VALUES(?1, ?2)", -1, &pIns, 0)
      || sqlite3_prepare_v2(db, "SELECT rowid, highlight(t, 0, '[', ']') FROM t WHERE t MATCH ?1 ORDER BY rank", -1, &pMatch, 0) ){
    abort();
  }
  return 0;
}

static void run_match(const char *zExpr){
  sqlite3_bind_text(pMatch, 1, zExpr, -1, SQLITE_TRANSIENT);
  while( sqlite3_step(pMatch)==SQLITE_ROW ){}
  sqlite3_reset(pMatch);
}

int LLVMFuzzerTestOneInput(const uint8_t *a, size_t n){
  char *z = fz_str(a, n);
  char *zQuery = strchr(z, '\n');
  if( zQuery ) *zQuery++ = 0; else zQuery = z;
  sqlite3_exec(db, "BEGIN", 0, 0, 0);
  sqlite3_bind_text(pIns, 1, z, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(pIns, 2, zQuery, -1, SQLITE_TRANSIENT);
  sqlite3_step(pIns);
  sqlite3_reset(pIns);
  char *zExpr = text_fts_query(zQuery);
  if( zExpr ){ run_match(zExpr); free(zExpr); }
  run_match(zQuery);
  sqlite3_exec(db, "ROLLBACK", 0, 0, 0);
  free(z);
  return 0;
}
