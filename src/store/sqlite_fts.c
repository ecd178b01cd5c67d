/* sqlite_fts.c: the SQLite engine's "yc" FTS5 tokenizer; see sqlite_fts.h. */
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "store/sqlite_fts.h"
#include "text/norm.h"

typedef struct TokCtx {
  void *pCtx;
  int (*xToken)(void*, int, const char*, int, int, int);
  int nText;
} TokCtx;

static int yc_create(void *pUnused, const char **azArg, int nArg, Fts5Tokenizer **ppOut){
  (void)pUnused; (void)azArg; (void)nArg;
  *ppOut = (Fts5Tokenizer*)sqlite3_malloc(1);
  return *ppOut ? SQLITE_OK : SQLITE_NOMEM;
}

static void yc_delete(Fts5Tokenizer *p){ sqlite3_free(p); }

static int emit(void *p, const char *zTok, int nTok, int iStart, int iEnd, int bCjk){
  TokCtx *t = p;
  (void)bCjk;
  if( iStart > t->nText ) iStart = t->nText;
  if( iEnd > t->nText ) iEnd = t->nText;
  return t->xToken(t->pCtx, 0, zTok, nTok, iStart, iEnd);
}

static int yc_tokenize(Fts5Tokenizer *pTok, void *pCtx, int flags,
                       const char *pText, int nText,
                       int (*xToken)(void*, int, const char*, int, int, int)){
  (void)pTok; (void)flags;
  char *zF = text_fold_n(pText, (size_t)nText);
  if( !zF ) return SQLITE_OK;   /* invalid UTF-8 indexes as nothing */
  TokCtx t = {pCtx, xToken, nText};
  int rc = text_tokenize(zF, (int)strlen(zF), emit, &t);
  free(zF);
  return rc;
}

int fts_register(sqlite3 *db){
  fts5_api *pApi = 0;
  sqlite3_stmt *pStmt = 0;
  int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &pStmt, 0);
  if( rc!=SQLITE_OK ) return rc;
  sqlite3_bind_pointer(pStmt, 1, (void*)&pApi, "fts5_api_ptr", 0);
  sqlite3_step(pStmt);
  rc = sqlite3_finalize(pStmt);
  if( rc!=SQLITE_OK || !pApi ) return rc ? rc : SQLITE_ERROR;
  static fts5_tokenizer tok = {yc_create, yc_delete, yc_tokenize};
  return pApi->xCreateTokenizer(pApi, "yc", 0, &tok, 0);
}
