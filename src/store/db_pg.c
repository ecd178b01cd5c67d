/*
** db_pg.c: the store interface (db.h) on PostgreSQL through libpq. The
** only file that calls PQ* functions.
**
** The core writes SQL in one dialect (SQLite's, the embedded default); this
** engine rewrites each statement once, when it is first prepared (see
** pg_rewrite.c): numbered parameters, INSERT OR IGNORE, rowid, `IS` as
** null-safe equality, full-text MATCH and bm25(). SQLite functions with no
** PostgreSQL twin are shim functions of the same name, made by the schema
** (schema_pg/000_compat.sql).
**
** Values go as text of unknown type, so that PostgreSQL types each
** parameter from where it stands (as SQLite's affinity does); a statement
** PostgreSQL cannot type that way is prepared again with the bound types.
** Results are fetched whole at the first db_step().
**
** Writes: db_begin opens a transaction and takes one advisory lock that
** every write transaction of every server takes, so writers are serialised
** across processes and machines as SQLite's are within one (a reader never
** waits). Change tracking: statement triggers of the schema record each
** written table's generation in table_gen, and the row '*' counts every
** commit; db_changes_take reads them (one row per request when nothing
** changed). Full-text rows: the schema marks a changed row (tsv NULL); before
** each commit this engine folds its text with the same tokenizer as the
** SQLite index and writes its tsvector.
*/
#include <ctype.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libpq-fe.h>
#include "store/db.h"
#include "store/db_engine.h"
#include "store/pg_rewrite.h"
#include "base/asset.h"
#include "base/buf.h"
#include "base/log.h"
#include "text/norm.h"

#define PG_STMT_CACHE 128
#define PG_WRITE_LOCK 0x796f7563   /* the advisory lock of writers: "youc" */
#define PG_BM25_CACHE 12

/* Failure codes of pg_step (for pg_error): 1000 + a class. */
enum { PGE_OTHER = 1000, PGE_UNIQUE, PGE_FK, PGE_CHECK, PGE_CONFLICT, PGE_BUSY, PGE_TYPE };

typedef struct PgDb PgDb;
typedef struct PgStmt PgStmt;

struct PgStmt {
  int eEngine;
  PgDb *db;
  char *zSql;           /* as the core wrote it (the cache key) */
  PgSql q;              /* the statement rewritten, and what it takes */
  unsigned hash;
  char zName[24];       /* prepared statement name, "" until prepared */
  Oid aPrepType[PG_MAX_PARAM];
  /* Bindings. */
  const char *azVal[PG_MAX_PARAM];
  int anLen[PG_MAX_PARAM];
  int aFmt[PG_MAX_PARAM];
  Oid aType[PG_MAX_PARAM];
  char *azOwn[PG_MAX_PARAM];      /* copies this statement frees */
  char azNum[PG_MAX_PARAM][32];
  /* The result. */
  PGresult *res;
  int iRow, nRow;
  int bStarted;
  unsigned char *pBlob;           /* db_col_blob's unescaped cell */
  size_t nBlob;
  int bInUse;
  uint64_t lastUse;
};

struct PgDb {
  int eEngine;
  PGconn *h;
  char *zPath;
  PgStmt **aCache;
  int nCache, nAlloc;
  uint64_t useClock;
  int64_t nPrepared, nRun, nName;
  int nTxn;
  int bReadTxn;
  int64_t lastId;
  int nChanges;
  char *zErr;           /* the last failure's message */
  char zState[6];       /* and its SQLSTATE */
  DbFk *aFk;
  int nFk;
  char *zFkText;
  PgCatalog cat;        /* the schema's tables and views (pg_rewrite.h) */
  DbTables reads;
  int64_t star;         /* table_gen '*' as last seen (-1: never) */
  int64_t hw;
  int nBusyMs;
  int bAutoWrite;       /* a write ran outside a transaction since release */
  struct { char zTab[64]; int64_t star; double n, total; } aStat[PG_BM25_CACHE];  /* bm25_info */
  int64_t nStatNext;
};

static _Atomic int64_t nBusyWait, nBusyFail;

/* ---- Connection ------------------------------------------------------ */

static void set_err(PgDb *db, const char *zState, const char *zMsg){
  free(db->zErr);
  db->zErr = strdup(zMsg ? zMsg : "");
  snprintf(db->zState, sizeof db->zState, "%s", zState ? zState : "");
  size_t n = strlen(db->zErr);
  while( n && (db->zErr[n-1]=='\n' || db->zErr[n-1]==' ') ) db->zErr[--n] = 0;
}

static int code_of(const char *zState){
  if( !zState ) return PGE_OTHER;
  if( strcmp(zState, "23505")==0 ) return PGE_UNIQUE;
  if( strcmp(zState, "23503")==0 ) return PGE_FK;
  if( strncmp(zState, "23", 2)==0 ) return PGE_CHECK;
  if( strcmp(zState, "40001")==0 || strcmp(zState, "40P01")==0 ) return PGE_CONFLICT;
  if( strcmp(zState, "55P03")==0 || strcmp(zState, "57014")==0 ) return PGE_BUSY;
  if( strcmp(zState, "42P18")==0 || strcmp(zState, "42P08")==0 || strcmp(zState, "42725")==0 || strcmp(zState, "42883")==0
   || strcmp(zState, "42804")==0 ) return PGE_TYPE;
  return PGE_OTHER;
}

/* Run zSql (no parameters, maybe several statements); 0 or a PGE_ code. */
static int run(PgDb *db, const char *zSql){
  PGresult *r = PQexec(db->h, zSql);
  ExecStatusType s = PQresultStatus(r);
  int rc = 0;
  if( s!=PGRES_COMMAND_OK && s!=PGRES_TUPLES_OK ){
    const char *zState = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    set_err(db, zState, PQresultErrorMessage(r));
    rc = code_of(zState);
  }
  PQclear(r);
  return rc;
}

static int load_names(PgDb *db);

/* The session's settings: messages, UTC, and the schema's shims of SQLite
** functions (date(), json_each(), ...) before the built-ins of the same
** name (pg_catalog last). 0 on success. */
static int session_setup(PgDb *db){
  return run(db, "SET client_min_messages=warning; SET TIME ZONE 'UTC';"
                 " SET search_path=\"$user\", public, pg_catalog;"
                 " SET default_transaction_isolation='read committed'");
}

/* A connection lost (the server restarted, a failover): connect again
** outside a transaction, once per call; every statement is prepared anew
** and the response cache starts over (db_changes_take's first look). 0 if
** the connection is (again) usable. */
static int reconnect(PgDb *db){
  if( PQstatus(db->h)==CONNECTION_OK ) return 0;
  if( db->nTxn>0 ) return 1;          /* the transaction is lost: its caller fails */
  PQreset(db->h);
  if( PQstatus(db->h)!=CONNECTION_OK || session_setup(db) ) return 1;
  for(int i=0; i<db->nCache; i++) db->aCache[i]->zName[0] = 0;
  db->star = -1;
  log_info("postgres: connected again");
  return 0;
}

YcStatus pg_open(const char *zPath, int bCreate, Db **ppDb, Err *e){
  (void)bCreate;
  *ppDb = 0;
  PgDb *db = calloc(1, sizeof *db);
  if( !db ) return err_set(e, YC_EINTERNAL, 0, 0, "out of memory");
  db->eEngine = DB_ENGINE_PG;
  db->h = PQconnectdb(zPath);
  db->cat.h = db->h;
  if( PQstatus(db->h)!=CONNECTION_OK ){
    char *zMsg = strdup(PQerrorMessage(db->h));
    size_t n = zMsg ? strlen(zMsg) : 0;
    while( n && (zMsg[n-1]=='\n' || zMsg[n-1]==' ') ) zMsg[--n] = 0;
    err_set(e, YC_ENOTFOUND, "db_open", "db", "cannot connect to the PostgreSQL database: %s",
            zMsg ? zMsg : "out of memory");
    free(zMsg);
    PQfinish(db->h);
    free(db);
    return e ? e->st : YC_ENOTFOUND;
  }
  db->zPath = strdup(zPath);
  db->star = -1;
  db->nBusyMs = 5000;
  if( session_setup(db) ){
    err_set(e, YC_EINTERNAL, "db_open", "db", "cannot set up the database session: %s", db->zErr);
    pg_close((Db*)db);
    return YC_EINTERNAL;
  }
  load_names(db);
  *ppDb = (Db*)db;
  return YC_OK;
}

static void stmt_free_result(PgStmt *s){
  if( s->res ){ PQclear(s->res); s->res = 0; }
  free(s->pBlob);
  s->pBlob = 0;
  s->iRow = s->nRow = 0;
  s->bStarted = 0;
}

static void stmt_free_binds(PgStmt *s){
  for(int i=0; i<s->q.nParam; i++){
    free(s->azOwn[i]);
    s->azOwn[i] = 0;
    s->azVal[i] = 0;
    s->anLen[i] = 0;
    s->aFmt[i] = 0;
    s->aType[i] = 0;
  }
}

static void stmt_free(PgStmt *s){
  stmt_free_result(s);
  stmt_free_binds(s);
  free(s->zSql);
  free(s->q.zPg);
  free(s);
}

static void free_names(PgDb *db){
  for(int i=0; i<db->cat.nTab; i++) free(db->cat.azTab[i]);
  for(int i=0; i<db->cat.nView; i++) free(db->cat.azView[i]);
  free(db->cat.azTab);
  free(db->cat.abId);
  free(db->cat.azView);
  db->cat.azTab = 0; db->cat.abId = 0; db->cat.azView = 0;
  db->cat.nTab = db->cat.nView = 0;
}

void pg_close(Db *pDb){
  PgDb *db = (PgDb*)pDb;
  if( !db ) return;
  if( db->nTxn>0 ) pg_rollback(pDb);
  for(int i=0; i<db->nCache; i++) stmt_free(db->aCache[i]);
  free(db->aCache);
  free(db->aFk);
  free(db->zFkText);
  free_names(db);
  PQfinish(db->h);
  free(db->zPath);
  free(db->zErr);
  free(db);
}

const char *pg_path(Db *db){ return ((PgDb*)db)->zPath; }

/* The schema's tables and views (for INSERT ... RETURNING id and for the
** tables a statement reads). */
static int load_names(PgDb *db){
  free_names(db);
  PGresult *r = PQexec(db->h,
    "SELECT c.relname, c.relkind='v', EXISTS(SELECT 1 FROM pg_attribute a WHERE a.attrelid=c.oid"
    "   AND a.attname='id' AND a.attnum>0 AND NOT a.attisdropped)"
    " FROM pg_class c WHERE c.relnamespace=current_schema()::regnamespace AND c.relkind IN ('r','v','p')"
    " ORDER BY 1");
  if( PQresultStatus(r)!=PGRES_TUPLES_OK ){ PQclear(r); return 1; }
  int n = PQntuples(r);
  db->cat.azTab = calloc((size_t)n + 1, sizeof *db->cat.azTab);
  db->cat.abId = calloc((size_t)n + 1, 1);
  for(int i=0; i<n && db->cat.azTab; i++){
    db->cat.azTab[db->cat.nTab] = strdup(PQgetvalue(r, i, 0));
    db->cat.abId[db->cat.nTab] = PQgetvalue(r, i, 2)[0]=='t';
    db->cat.nTab++;
  }
  PQclear(r);
  r = PQexec(db->h,
    "WITH RECURSIVE base(v, t) AS ("
    "  SELECT DISTINCT v.relname, t.relname FROM pg_rewrite w JOIN pg_class v ON v.oid=w.ev_class"
    "   JOIN pg_depend d ON d.objid=w.oid JOIN pg_class t ON t.oid=d.refobjid"
    "   WHERE v.relkind='v' AND t.oid<>v.oid AND v.relnamespace=current_schema()::regnamespace),"
    " dep(v, t) AS (SELECT v, t FROM base UNION SELECT dep.v, base.t FROM dep JOIN base ON base.v=dep.t)"
    " SELECT v || chr(9) || t FROM dep ORDER BY 1");
  if( PQresultStatus(r)==PGRES_TUPLES_OK ){
    n = PQntuples(r);
    db->cat.azView = calloc((size_t)n + 1, sizeof *db->cat.azView);
    for(int i=0; i<n && db->cat.azView; i++) db->cat.azView[db->cat.nView++] = strdup(PQgetvalue(r, i, 0));
  }
  PQclear(r);
  return 0;
}

/* ---- Schema version and migrations ------------------------------------ */

int pg_schema_version(Db *pDb){
  PgDb *db = (PgDb*)pDb;
  PGresult *r = PQexec(db->h, "SELECT to_regclass('schema_version') IS NULL");
  int v = -2;
  if( PQresultStatus(r)==PGRES_TUPLES_OK && PQntuples(r)==1 ){
    if( PQgetvalue(r, 0, 0)[0]=='t' ) v = -1;
    else{
      PQclear(r);
      r = PQexec(db->h, "SELECT coalesce(max(version),-1) FROM schema_version");
      if( PQresultStatus(r)==PGRES_TUPLES_OK && PQntuples(r)==1 ) v = atoi(PQgetvalue(r, 0, 0));
    }
  }
  PQclear(r);
  return v;
}

YcStatus pg_migrate(Db *pDb, int *pnApplied, Err *e){
  PgDb *db = (PgDb*)pDb;
  int nApplied = 0;
  free(db->aFk);
  free(db->zFkText);
  db->aFk = 0; db->zFkText = 0; db->nFk = 0;
  if( db->nTxn ) return err_set(e, YC_EINTERNAL, "migration", 0, "migrations run outside any transaction");
  /* One migrator at a time (two servers starting at once). */
  if( run(db, "SELECT pg_advisory_lock(2037343587)") )
    return err_set(e, YC_EINTERNAL, "migration", 0, "cannot lock the schema: %s", db->zErr);
  int v = pg_schema_version(pDb);
  YcStatus st = v<-1 ? err_set(e, YC_EINTERNAL, "migration", 0, "cannot read the schema version: %s",
                               PQerrorMessage(db->h)) : YC_OK;
  /* Every pending file in one transaction (DDL is transactional here):
  ** the schema is all there or as it was. The baseline (019) makes table
  ** schema_version; each file after it sets it. */
  int bOpen = 0, vNew = v;
  for(const Asset *a = aAsset; a->zName && st==YC_OK; a++){
    if( strncmp(a->zName, "schema_pg/", 10)!=0 ) continue;
    int n = atoi(a->zName + 10);
    if( n<=v ) continue;
    size_t nSql = (size_t)(a->pEnd - a->pStart);
    char *zSql = malloc(nSql + 1);
    if( !zSql ){ st = err_set(e, YC_EINTERNAL, 0, 0, "out of memory"); break; }
    memcpy(zSql, a->pStart, nSql);
    zSql[nSql] = 0;
    int rc = bOpen ? 0 : run(db, "BEGIN");
    bOpen = 1;
    if( !rc ) rc = run(db, zSql);
    free(zSql);
    if( rc ){
      st = err_set(e, YC_EINTERNAL, "migration", 0, "migration %s failed: %s", a->zName, db->zErr);
      break;
    }
    vNew = n;
    nApplied++;
  }
  if( bOpen && st==YC_OK ){
    char zVer[120];
    snprintf(zVer, sizeof zVer, "UPDATE schema_version SET version=%d", vNew);
    if( run(db, zVer) || run(db, "COMMIT") )
      st = err_set(e, YC_EINTERNAL, "migration", 0, "cannot record schema version %d: %s", vNew, db->zErr);
  }
  if( bOpen && st!=YC_OK ){
    run(db, "ROLLBACK");
    nApplied = 0;
  }
  run(db, "SELECT pg_advisory_unlock(2037343587)");
  load_names(db);
  for(int i=0; i<db->nCache; i++) stmt_free(db->aCache[i]);   /* plans of the old schema */
  db->nCache = 0;
  if( pnApplied ) *pnApplied = nApplied;
  return st;
}

/* ---- Statements ------------------------------------------------------ */

static unsigned sql_hash(const char *z){
  unsigned h = 2166136261u;
  while( *z ){ h ^= (unsigned char)*z++; h *= 16777619u; }
  return h;
}

DbStmt *pg_stmt(Db *pDb, const char *zSql){
  PgDb *db = (PgDb*)pDb;
  unsigned h = sql_hash(zSql);
  for(int i=0; i<db->nCache; i++){
    PgStmt *s = db->aCache[i];
    if( s->hash==h && strcmp(s->zSql, zSql)==0 ){
      stmt_free_result(s);
      stmt_free_binds(s);
      s->bInUse = 1;
      s->lastUse = ++db->useClock;
      return (DbStmt*)s;
    }
  }
  PgStmt *s = calloc(1, sizeof *s);
  if( !s ) return 0;
  s->eEngine = DB_ENGINE_PG;
  s->db = db;
  s->zSql = strdup(zSql);
  if( !s->zSql || pg_rewrite(&db->cat, s->zSql, &s->q) ){
    log_error("cannot translate for PostgreSQL: %s", zSql);
    set_err(db, "", "statement not supported on PostgreSQL");
    free(s->zSql); free(s->q.zPg); free(s);
    return 0;
  }
  s->hash = h;
  /* Evict the least recently used statement not in use. */
  int nFree = 0, iOld = -1;
  for(int i=0; i<db->nCache; i++){
    if( db->aCache[i]->bInUse ) continue;
    nFree++;
    if( iOld<0 || db->aCache[i]->lastUse < db->aCache[iOld]->lastUse ) iOld = i;
  }
  if( nFree>=PG_STMT_CACHE && iOld>=0 ){
    PgStmt *o = db->aCache[iOld];
    if( o->zName[0] ){
      char zDe[40];
      snprintf(zDe, sizeof zDe, "DEALLOCATE %s", o->zName);
      run(db, zDe);
    }
    stmt_free(o);
    db->aCache[iOld] = db->aCache[--db->nCache];
  }
  if( db->nCache==db->nAlloc ){
    int nNew = db->nAlloc ? db->nAlloc*2 : PG_STMT_CACHE + 8;
    PgStmt **a = realloc(db->aCache, sizeof(*a)*nNew);
    if( !a ){ stmt_free(s); return 0; }
    db->aCache = a;
    db->nAlloc = nNew;
  }
  s->bInUse = 1;
  s->lastUse = ++db->useClock;
  db->aCache[db->nCache++] = s;
  return (DbStmt*)s;
}

static void bind_set(PgStmt *s, int i, const char *z, int n, int bCopy, Oid type, int fmt){
  if( i<1 || i>s->q.nUser ) return;
  i--;
  free(s->azOwn[i]);
  s->azOwn[i] = 0;
  if( z && (bCopy || (n>=0 && fmt==0)) ){
    if( n<0 ) n = (int)strlen(z);
    char *c = malloc((size_t)n + 1);
    if( c ){ memcpy(c, z, (size_t)n); c[n] = 0; }
    s->azOwn[i] = c;
    z = c;
  }
  s->azVal[i] = z;
  s->anLen[i] = z ? (n>=0 ? n : (int)strlen(z)) : 0;
  s->aFmt[i] = fmt;
  s->aType[i] = type;
}

void pg_bind_int(DbStmt *p, int i, int v){ pg_bind_int64(p, i, v); }
void pg_bind_int64(DbStmt *p, int i, int64_t v){
  PgStmt *s = (PgStmt*)p;
  if( i<1 || i>s->q.nUser ) return;
  snprintf(s->azNum[i-1], sizeof s->azNum[0], "%lld", (long long)v);
  bind_set(s, i, s->azNum[i-1], -1, 0, 20, 0);
}
void pg_bind_double(DbStmt *p, int i, double v){
  PgStmt *s = (PgStmt*)p;
  if( i<1 || i>s->q.nUser ) return;
  snprintf(s->azNum[i-1], sizeof s->azNum[0], "%.17g", v);
  bind_set(s, i, s->azNum[i-1], -1, 0, 701, 0);
}
void pg_bind_text(DbStmt *p, int i, const char *z, int n){ bind_set((PgStmt*)p, i, z, n, 0, 25, 0); }
void pg_bind_text_copy(DbStmt *p, int i, const char *z, int n){ bind_set((PgStmt*)p, i, z, n, 1, 25, 0); }
void pg_bind_blob(DbStmt *p, int i, const void *z, int n){
  bind_set((PgStmt*)p, i, z ? (const char*)z : "", n<0 ? 0 : n, 0, 17, 1);
}
void pg_bind_null(DbStmt *p, int i){ bind_set((PgStmt*)p, i, 0, 0, 0, 0, 0); }

/* An FTS5 query of text_fts_query() ("tok"* and "c1 c2" phrases, ANDed)
** as a tsquery; zW: weight letters every lexeme is limited to (or ""). */
static char *fts_to_tsquery_in(PgDb *db, const char *zTab, const char *zQ, const char *zW0);
static char *fts_to_tsquery(const char *zQ, const char *zW){ return fts_to_tsquery_in(0, 0, zQ, zW); }

static char *fts_to_tsquery_in(PgDb *db, const char *zTab, const char *zQ, const char *zW0){
  Buf b = BUF_INIT;
  const char *z = zQ;
  int nTerm = 0;
  char zColW[5] = "";      /* a column filter "col : ..." for the next phrase */
  while( *z ){
    while( *z==' ' ) z++;
    if( !*z ) break;
    const char *zW = zColW[0] ? zColW : zW0;
    if( *z!='"' ){            /* a bare word (not made by text_fts_query) */
      const char *e = z;
      while( *e && *e!=' ' ) e++;
      const char *c = e;
      while( *c==' ' ) c++;
      if( *c==':' && db && zTab ){       /* FTS5's column filter: col : "phrase" */
        char zCol[64];
        snprintf(zCol, sizeof zCol, "%.*s", (int)(e - z), z);
        pg_fts_weights(&db->cat, zTab, strlen(zTab), zCol, zColW);
        if( !zColW[0] ) snprintf(zColW, sizeof zColW, "D");    /* no such column: none matches */
        z = c + 1;
        continue;
      }
      if( nTerm++ ) buf_puts(&b, " & ");
      buf_putc(&b, '\'');
      for(const char *c = z; c<e; c++){ if( *c=='\'' || *c=='\\' ) buf_putc(&b, '\\'); buf_putc(&b, *c); }
      buf_printf(&b, "':%s", zW);
      z = e;
      continue;
    }
    z++;
    const char *e = z;
    while( *e && !(*e=='"' && e[1]!='"') ) e++;
    int bPrefix = *e=='"' && e[1]=='*';
    if( nTerm++ ) buf_puts(&b, " & ");
    buf_putc(&b, '(');
    /* Words of the phrase, adjacent. */
    int nW = 0;
    const char *w = z;
    while( w<e ){
      while( w<e && *w==' ' ) w++;
      if( w>=e ) break;
      const char *we = w;
      while( we<e && *we!=' ' ) we++;
      if( nW++ ) buf_puts(&b, " <-> ");
      buf_putc(&b, '\'');
      for(const char *c = w; c<we; c++){
        if( *c=='"' && c+1<we && c[1]=='"' ) c++;
        if( *c=='\'' || *c=='\\' ) buf_putc(&b, '\\');
        buf_putc(&b, *c);
      }
      buf_putc(&b, '\'');
      if( bPrefix && we==e ) buf_printf(&b, ":*%s", zW);
      else if( zW[0] ) buf_printf(&b, ":%s", zW);
      w = we;
    }
    if( nW==0 ) buf_puts(&b, "''");
    buf_putc(&b, ')');
    z = *e ? e + 1 : e;
    if( *z=='*' ) z++;
    zColW[0] = 0;
  }
  if( nTerm==0 ) buf_puts(&b, "''");
  return buf_take(&b);
}

/* What yc_bm25() needs besides the row, as FTS5's bm25 has it: the rows
** of table zTab, their mean length in tokens, and for each phrase of the
** FTS5 query zQ (a "..." unit) the rows holding it; then zQ itself. Fields
** separated by byte 1: "N\1avgdl\1h1,h2,...\1zQ". The table's figures are
** kept until the database changes (db->star moves). malloc'd, or 0. */
static char *bm25_info(PgDb *db, const char *zTab, const char *zQ){
  int k;
  for(k=0; k<PG_BM25_CACHE && !(db->aStat[k].zTab[0] && strcmp(db->aStat[k].zTab, zTab)==0); k++){}
  if( k==PG_BM25_CACHE || db->aStat[k].star!=db->star || db->star<0 ){
    if( k==PG_BM25_CACHE ) k = (int)(db->nStatNext++ % PG_BM25_CACHE);
    char zSql[256];
    snprintf(zSql, sizeof zSql, "SELECT count(*), coalesce(sum(yc_tsv_ntok(tsv)), 0) FROM \"%s\"", zTab);
    PGresult *r = PQexec(db->h, zSql);
    if( PQresultStatus(r)!=PGRES_TUPLES_OK || PQntuples(r)!=1 ){ PQclear(r); return 0; }
    snprintf(db->aStat[k].zTab, sizeof db->aStat[k].zTab, "%s", zTab);
    db->aStat[k].n = strtod(PQgetvalue(r, 0, 0), 0);
    db->aStat[k].total = strtod(PQgetvalue(r, 0, 1), 0);
    db->aStat[k].star = db->star;
    PQclear(r);
  }
  double n = db->aStat[k].n, avgdl = n>0 ? db->aStat[k].total/n : 0;
  Buf b = BUF_INIT;
  buf_printf(&b, "%.17g\001%.17g\001", n, avgdl);
  char zCount[256];
  snprintf(zCount, sizeof zCount, "SELECT count(*) FROM \"%s\" WHERE tsv @@ CAST($1 AS tsquery)", zTab);
  int nPh = 0;
  for(const char *z = zQ; *z; ){
    if( *z!='"' ){ z++; continue; }
    const char *e = z + 1;
    while( *e && !(*e=='"' && e[1]!='"') ){ if( *e=='"' ) e++; e++; }
    if( !*e ) break;
    e++;
    if( *e=='*' ) e++;
    char *zPh = malloc((size_t)(e - z) + 1);
    if( !zPh ) break;
    memcpy(zPh, z, (size_t)(e - z));
    zPh[e - z] = 0;
    char *zTs = fts_to_tsquery(zPh, "");
    free(zPh);
    const char *az[1] = {zTs ? zTs : "''"};
    PGresult *r = PQexecParams(db->h, zCount, 1, 0, az, 0, 0, 0);
    buf_printf(&b, "%s%s", nPh++ ? "," : "", PQresultStatus(r)==PGRES_TUPLES_OK ? PQgetvalue(r, 0, 0) : "0");
    PQclear(r);
    free(zTs);
    z = e;
  }
  buf_printf(&b, "\001%s", zQ);
  return buf_take(&b);
}

/* Prepare s with the types of its present bindings (0: let PostgreSQL
** decide from where the parameter stands). */
static int prepare(PgStmt *s, const Oid *aType){
  PgDb *db = s->db;
  if( s->zName[0] ){
    char zDe[40];
    snprintf(zDe, sizeof zDe, "DEALLOCATE %s", s->zName);
    run(db, zDe);
    s->zName[0] = 0;
  }
  char zName[24];
  snprintf(zName, sizeof zName, "y%lld", (long long)++db->nName);
  PGresult *r = PQprepare(db->h, zName, s->q.zPg, s->q.nParam, aType);
  int rc = 0;
  if( PQresultStatus(r)!=PGRES_COMMAND_OK ){
    const char *zState = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    set_err(db, zState, PQresultErrorMessage(r));
    rc = code_of(zState);
  }else{
    memcpy(s->zName, zName, sizeof zName);
    memcpy(s->aPrepType, aType, sizeof(Oid)*(size_t)s->q.nParam);
    db->nPrepared++;
  }
  PQclear(r);
  return rc;
}

static int execute(PgStmt *s){
  PgDb *db = s->db;
  if( reconnect(db) ){
    set_err(db, "08006", PQerrorMessage(db->h));
    return PGE_BUSY;               /* 503: try again (another server may answer) */
  }
  const char *azVal[PG_MAX_PARAM];
  int anLen[PG_MAX_PARAM], aFmt[PG_MAX_PARAM];
  Oid aType[PG_MAX_PARAM];
  char *azConv[PG_MAX_PARAM] = {0};
  for(int i=0; i<s->q.nParam; i++){
    if( i<s->q.nUser ){
      azVal[i] = s->azVal[i];
      anLen[i] = s->anLen[i];
      aFmt[i] = s->aFmt[i];
      aType[i] = aFmt[i] ? 17 : 0;
      if( (s->q.aFts[i/32]>>(i%32)) & 1 ){
        if( azVal[i] ) azVal[i] = azConv[i] = fts_to_tsquery_in(db, s->q.azFtsTab[i], azVal[i], "");
        aType[i] = 0;
      }
    }else{
      const FtsParam *f = &s->q.aExtra[i - s->q.nUser];
      const char *zSrc = s->azVal[f->iSrc - 1];
      if( f->zBm25[0] ) azVal[i] = zSrc ? (azConv[i] = bm25_info(db, f->zBm25, zSrc)) : 0;
      else azVal[i] = zSrc ? (azConv[i] = fts_to_tsquery(zSrc, f->zWeights)) : 0;
      anLen[i] = 0; aFmt[i] = 0; aType[i] = 0;
    }
  }
  /* Prepared once with unknown types; again with the bound ones when
  ** PostgreSQL cannot type a parameter from its place. */
  int rc = 0;
  if( !s->zName[0] ){
    /* A number the SQL skips (SQLite allows gaps) is typed text: nothing
    ** reads it. A failed prepare would abort the open transaction: each
    ** try runs in a savepoint (once per statement and connection). First
    ** every value is untyped: PostgreSQL types it from where it stands. */
    for(int i=0; i<s->q.nUser; i++) if( !((s->q.aUsed[i/32]>>(i%32)) & 1) ) aType[i] = 25;
    int bTxn = pg_in_txn((Db*)db);
    /* PostgreSQL names the parameter it cannot type: that one gets its
    ** bound value's type (text for NULL), and the prepare is tried again. */
    for(int iTry=0; iTry<=s->q.nUser; iTry++){
      if( bTxn ) run(db, "SAVEPOINT yc_prepare");
      rc = prepare(s, aType);
      if( bTxn ) run(db, rc ? "ROLLBACK TO SAVEPOINT yc_prepare" : "RELEASE SAVEPOINT yc_prepare");
      if( rc!=PGE_TYPE ) break;
      const char *zP = db->zErr ? strstr(db->zErr, "parameter $") : 0;
      int k = zP ? atoi(zP + 11) : 0;
      if( k<1 || k>s->q.nUser || aType[k-1] ){
        /* Not one parameter: every untyped one gets its bound type. */
        int bAny = 0;
        for(int i=0; i<s->q.nUser; i++) if( !aType[i] ){ aType[i] = s->aType[i] ? s->aType[i] : 25; bAny = 1; }
        if( !bAny ) break;
      }else{
        aType[k-1] = s->aType[k-1] ? s->aType[k-1] : 25;
      }
    }
  }
  if( !rc ){
    s->res = PQexecPrepared(db->h, s->zName, s->q.nParam, azVal, anLen, aFmt, 0);
    ExecStatusType st = PQresultStatus(s->res);
    if( st!=PGRES_TUPLES_OK && st!=PGRES_COMMAND_OK ){
      const char *zState = PQresultErrorField(s->res, PG_DIAG_SQLSTATE);
      set_err(db, zState, PQresultErrorMessage(s->res));
      rc = code_of(zState);
      PQclear(s->res);
      s->res = 0;
    }
  }
  for(int i=0; i<s->q.nParam; i++) free(azConv[i]);
  if( rc ){
    if( rc==PGE_BUSY ){ atomic_fetch_add(&nBusyFail, 1); }
    log_error("postgres: %s [%s]: %.300s", db->zErr, db->zState, s->q.zPg);
    return rc;
  }
  s->nRow = PQntuples(s->res);
  s->iRow = -1;
  const char *zN = PQcmdTuples(s->res);
  if( !s->q.bRead ){
    db->nChanges = zN && *zN ? atoi(zN) : 0;
    if( db->nTxn==0 ) db->bAutoWrite = 1;
  }
  if( s->q.bReturnId ){
    if( s->nRow>0 ) db->lastId = strtoll(PQgetvalue(s->res, s->nRow - 1, 0), 0, 10);
    s->nRow = 0;
  }
  return 0;
}

int pg_step(DbStmt *p){
  PgStmt *s = (PgStmt*)p;
  PgDb *db = s->db;
  if( s->q.bNoop ) return DB_DONE;
  if( !s->bStarted ){
    s->bStarted = 1;
    db->nRun++;
    set_or(&db->reads, &s->q.read);
    int rc = execute(s);
    if( rc ) return rc;
  }
  if( !s->res ) return DB_DONE;
  free(s->pBlob);
  s->pBlob = 0;
  if( s->iRow + 1 < s->nRow ){ s->iRow++; return DB_ROW; }
  s->iRow = s->nRow;
  return DB_DONE;
}

void pg_reset(DbStmt *p){ if( p ) stmt_free_result((PgStmt*)p); }
void pg_clear(DbStmt *p){ if( p ){ stmt_free_result((PgStmt*)p); stmt_free_binds((PgStmt*)p); } }

static int fts_flush(PgDb *db);

void pg_release(Db *pDb){
  PgDb *db = (PgDb*)pDb;
  /* Full-text rows a write outside any transaction changed. */
  if( db->bAutoWrite && db->nTxn==0 ){
    db->bAutoWrite = 0;
    if( fts_flush(db) ) log_error("postgres: cannot index search rows: %s", db->zErr);
  }
  for(int i=0; i<db->nCache; i++){
    db->aCache[i]->bInUse = 0;
    stmt_free_result(db->aCache[i]);
  }
}

/* ---- Columns ---------------------------------------------------------- */

static const char *cell(PgStmt *s, int i){
  if( !s->res || s->iRow<0 || s->iRow>=s->nRow || i<0 || i>=PQnfields(s->res) ) return 0;
  if( PQgetisnull(s->res, s->iRow, i) ) return 0;
  return PQgetvalue(s->res, s->iRow, i);
}

int pg_col_type(DbStmt *p, int i){
  PgStmt *s = (PgStmt*)p;
  const char *z = cell(s, i);
  if( !z ) return DB_NULL;
  switch( PQftype(s->res, i) ){
    case 16: case 20: case 21: case 23: return DB_INTEGER;
    case 700: case 701: return DB_FLOAT;
    case 1700: return strchr(z, '.') ? DB_FLOAT : DB_INTEGER;
    case 17: return DB_BLOB;
    default: return DB_TEXT;
  }
}
int64_t pg_col_int64(DbStmt *p, int i){
  PgStmt *s = (PgStmt*)p;
  const char *z = cell(s, i);
  if( !z ) return 0;
  if( PQftype(s->res, i)==16 ) return z[0]=='t';
  if( PQftype(s->res, i)==700 || PQftype(s->res, i)==701 || PQftype(s->res, i)==1700 ) return (int64_t)strtod(z, 0);
  return strtoll(z, 0, 10);
}
int pg_col_int(DbStmt *p, int i){ return (int)pg_col_int64(p, i); }
double pg_col_double(DbStmt *p, int i){
  PgStmt *s = (PgStmt*)p;
  const char *z = cell(s, i);
  if( !z ) return 0;
  if( PQftype(s->res, i)==16 ) return z[0]=='t';
  return strtod(z, 0);
}
const char *pg_text(DbStmt *p, int i){
  PgStmt *s = (PgStmt*)p;
  const char *z = cell(s, i);
  if( z && PQftype(s->res, i)==16 ) return z[0]=='t' ? "1" : "0";
  return z;
}
const void *pg_col_blob(DbStmt *p, int i){
  PgStmt *s = (PgStmt*)p;
  const char *z = cell(s, i);
  if( !z ) return 0;
  if( PQftype(s->res, i)!=17 ) return z;
  free(s->pBlob);
  s->pBlob = PQunescapeBytea((const unsigned char*)z, &s->nBlob);
  return s->pBlob;
}
int pg_col_bytes(DbStmt *p, int i){
  PgStmt *s = (PgStmt*)p;
  const char *z = cell(s, i);
  if( !z ) return 0;
  if( PQftype(s->res, i)!=17 ) return PQgetlength(s->res, s->iRow, i);
  if( !s->pBlob ) pg_col_blob(p, i);
  return (int)s->nBlob;
}
int pg_col_count(DbStmt *p){
  PgStmt *s = (PgStmt*)p;
  if( s->res ) return PQnfields(s->res);
  /* Not run yet: ask the server. */
  if( !s->zName[0] ){
    Oid aType[PG_MAX_PARAM] = {0};
    if( prepare(s, aType) ) return 0;
  }
  PGresult *r = PQdescribePrepared(s->db->h, s->zName);
  int n = PQresultStatus(r)==PGRES_COMMAND_OK ? PQnfields(r) : 0;
  PQclear(r);
  return n;
}
const char *pg_col_name(DbStmt *p, int i){
  PgStmt *s = (PgStmt*)p;
  return s->res && i>=0 && i<PQnfields(s->res) ? PQfname(s->res, i) : 0;
}

/* ---- Foreign keys ----------------------------------------------------- */

YcStatus pg_defer_foreign_keys(Db *pDb, Err *e){
  PgDb *db = (PgDb*)pDb;
  if( run(db, "SET CONSTRAINTS ALL DEFERRED") )
    return err_set(e, YC_EINTERNAL, "database", 0, "database error: %s", db->zErr);
  return YC_OK;
}

YcStatus pg_foreign_keys(Db *pDb, const DbFk **paFk, int *pnFk, Err *e){
  PgDb *db = (PgDb*)pDb;
  if( !db->aFk ){
    PGresult *r = PQexec(db->h,
      "SELECT cl.relname, a.attname, pc.relname, pa.attname, c.confdeltype"
      " FROM pg_constraint c JOIN pg_class cl ON cl.oid=c.conrelid JOIN pg_class pc ON pc.oid=c.confrelid"
      " JOIN pg_attribute a ON a.attrelid=c.conrelid AND a.attnum=c.conkey[1]"
      " JOIN pg_attribute pa ON pa.attrelid=c.confrelid AND pa.attnum=c.confkey[1]"
      " WHERE c.contype='f' AND cl.relnamespace=current_schema()::regnamespace"
      " ORDER BY cl.relname, c.conname");
    if( PQresultStatus(r)!=PGRES_TUPLES_OK ){
      set_err(db, PQresultErrorField(r, PG_DIAG_SQLSTATE), PQresultErrorMessage(r));
      PQclear(r);
      return err_set(e, YC_EINTERNAL, "database", 0, "database error: %s", db->zErr);
    }
    int n = PQntuples(r);
    size_t nText = 0;
    for(int i=0; i<n; i++) for(int j=0; j<4; j++) nText += strlen(PQgetvalue(r, i, j)) + 1;
    DbFk *a = calloc((size_t)n + 1, sizeof *a);
    char *zText = malloc(nText + 1);
    if( !a || !zText ){ free(a); free(zText); PQclear(r); return err_set(e, YC_EINTERNAL, 0, 0, "out of memory"); }
    size_t k = 0;
    for(int i=0; i<n; i++){
      const char **apDst[4] = {&a[i].zChild, &a[i].zCol, &a[i].zParent, &a[i].zParentCol};
      for(int j=0; j<4; j++){
        const char *z = PQgetvalue(r, i, j);
        size_t m = strlen(z) + 1;
        memcpy(zText + k, z, m);
        *apDst[j] = zText + k;
        k += m;
      }
      char c = PQgetvalue(r, i, 4)[0];
      a[i].eOnDelete = c=='c' ? DB_FK_CASCADE : c=='n' ? DB_FK_SETNULL : DB_FK_NONE;
    }
    PQclear(r);
    db->aFk = a;
    db->nFk = n;
    db->zFkText = zText;
  }
  *paFk = db->aFk;
  *pnFk = db->nFk;
  return YC_OK;
}

int64_t pg_last_id(Db *db){ return ((PgDb*)db)->lastId; }
int pg_changes(Db *db){ return ((PgDb*)db)->nChanges; }
const char *pg_errmsg(Db *db){ return ((PgDb*)db)->zErr ? ((PgDb*)db)->zErr : "not an error"; }
int pg_in_txn(Db *db){ return PQtransactionStatus(((PgDb*)db)->h)!=PQTRANS_IDLE; }

/* ---- Full-text rows ----------------------------------------------------- */

typedef struct TsvCtx { Buf *b; int iPos; char cW; int iMax; } TsvCtx;

static int tsv_tok(void *p, const char *zTok, int nTok, int iStart, int iEnd, int bCjk){
  TsvCtx *t = p;
  (void)iStart; (void)iEnd; (void)bCjk;
  if( nTok<=0 || nTok>2000 ) return 0;
  if( t->b->n ) buf_putc(t->b, ' ');
  buf_putc(t->b, '\'');
  for(int i=0; i<nTok; i++){
    if( zTok[i]=='\'' || zTok[i]=='\\' ) buf_putc(t->b, '\\');
    buf_putc(t->b, zTok[i]);
  }
  if( t->iPos<t->iMax ) t->iPos++;
  buf_printf(t->b, "':%d%c", t->iPos, t->cW);
  return 0;
}

/* Index the rows of the FTS tables marked changed (tsv NULL). */
static int fts_flush(PgDb *db){
  PGresult *r = PQexec(db->h, "SELECT yc_fts_pending()");
  if( PQresultStatus(r)!=PGRES_TUPLES_OK ){
    set_err(db, PQresultErrorField(r, PG_DIAG_SQLSTATE), PQresultErrorMessage(r));
    PQclear(r);
    return PGE_OTHER;
  }
  /* "table table ..." of the tables with such rows. */
  char *zDirty = PQntuples(r)==1 && !PQgetisnull(r, 0, 0) ? strdup(PQgetvalue(r, 0, 0)) : 0;
  PQclear(r);
  int rc = 0;
  for(char *zT = zDirty ? strtok(zDirty, " ") : 0; zT && !rc; zT = strtok(0, " ")){
    char *zCols = pg_fts_columns(&db->cat, zT, strlen(zT));
    if( !zCols ) continue;
    Buf q = BUF_INIT;
    int nCol = 0;
    buf_puts(&q, "SELECT id");
    for(const char *c = zCols; *c; ){
      const char *e = strchr(c, ' ');
      size_t m = e ? (size_t)(e - c) : strlen(c);
      buf_printf(&q, ", \"%.*s\"", (int)m, c);
      nCol++;
      c += m;
      while( *c==' ' ) c++;
    }
    buf_printf(&q, " FROM \"%s\" WHERE tsv IS NULL", zT);
    char *zQ = buf_take(&q);
    char zUp[200];
    snprintf(zUp, sizeof zUp, "UPDATE \"%s\" SET tsv=CAST($2 AS tsvector) WHERE id=$1", zT);
    r = zQ ? PQexec(db->h, zQ) : 0;
    free(zQ);
    if( PQresultStatus(r)!=PGRES_TUPLES_OK ){
      set_err(db, PQresultErrorField(r, PG_DIAG_SQLSTATE), PQresultErrorMessage(r));
      rc = PGE_OTHER;
    }
    for(int i=0; !rc && i<PQntuples(r); i++){
      Buf b = BUF_INIT;
      /* Column j's tokens at positions j*K+1 ... (j+1)*K: bm25 (yc_bm25)
      ** tells the column of each from its position. */
      TsvCtx t = {&b, 0, 'A', 0};
      int K = 16383/(nCol>0 ? nCol : 1);
      for(int j=1; j<=nCol; j++){
        t.cW = j<=3 ? (char)('A' + j - 1) : 'D';
        t.iPos = (j - 1)*K;
        t.iMax = j*K;
        if( PQgetisnull(r, i, j) ) continue;
        char *zF = text_fold_n(PQgetvalue(r, i, j), (size_t)PQgetlength(r, i, j));
        if( zF ){ text_tokenize(zF, (int)strlen(zF), tsv_tok, &t); free(zF); }
      }
      char *zTsv = buf_take(&b);
      const char *az[2] = {PQgetvalue(r, i, 0), zTsv ? zTsv : ""};
      PGresult *u = PQexecParams(db->h, zUp, 2, 0, az, 0, 0, 0);
      if( PQresultStatus(u)!=PGRES_COMMAND_OK ){
        set_err(db, PQresultErrorField(u, PG_DIAG_SQLSTATE), PQresultErrorMessage(u));
        rc = PGE_OTHER;
      }
      PQclear(u);
      free(zTsv);
    }
    PQclear(r);
    free(zCols);
  }
  free(zDirty);
  return rc;
}

/* ---- Transactions ------------------------------------------------------ */

YcStatus pg_exec(Db *pDb, const char *zSql, Err *e){
  PgDb *db = (PgDb*)pDb;
  /* SQLite's own settings mean nothing here. */
  if( strncasecmp(zSql, "PRAGMA", 6)==0 ) return YC_OK;
  int rc = run(db, zSql);
  if( rc==PGE_BUSY ) return err_set(e, YC_EBUSY, "busy", 0, "the database is busy; try again");
  if( rc ){
    log_error("exec failed: %s: %.200s", db->zErr, zSql);
    return err_set(e, YC_EINTERNAL, "database", 0, "database error: %s", db->zErr);
  }
  return YC_OK;
}

YcStatus pg_begin(Db *pDb, Err *e){
  PgDb *db = (PgDb*)pDb;
  if( db->nTxn>0 && !pg_in_txn(pDb) ) db->nTxn = 0;
  if( db->nTxn==0 && reconnect(db) )
    return err_set(e, YC_EBUSY, "busy", 0, "the database is not reachable; try again");
  if( db->nTxn==0 ){
    char zSql[200];
    snprintf(zSql, sizeof zSql, "BEGIN; SET LOCAL lock_timeout=%d; SELECT pg_advisory_xact_lock(%d);"
             " SET LOCAL lock_timeout=0", db->nBusyMs, PG_WRITE_LOCK);
    int rc = run(db, zSql);
    if( rc ){
      run(db, "ROLLBACK");
      if( rc==PGE_BUSY ){
        atomic_fetch_add(&nBusyFail, 1);
        return err_set(e, YC_EBUSY, "busy", 0, "the database is busy (another writer holds it); try again");
      }
      return err_set(e, YC_EINTERNAL, "database", 0, "database error: %s", db->zErr);
    }
  }else{
    char zSql[40];
    snprintf(zSql, sizeof zSql, "SAVEPOINT yc%d", db->nTxn);
    if( run(db, zSql) ) return err_set(e, YC_EINTERNAL, "database", 0, "database error: %s", db->zErr);
  }
  db->nTxn++;
  return YC_OK;
}

YcStatus pg_commit(Db *pDb, Err *e){
  PgDb *db = (PgDb*)pDb;
  if( db->nTxn<=1 ){
    int rc = pg_in_txn(pDb) ? fts_flush(db) : 0;
    if( !rc ) rc = run(db, "COMMIT");
    db->nTxn = 0;
    if( rc ){
      run(db, "ROLLBACK");
      return pg_error(pDb, rc, e);
    }
    return YC_OK;
  }
  char zSql[40];
  snprintf(zSql, sizeof zSql, "RELEASE yc%d", --db->nTxn);
  if( run(db, zSql) ) return err_set(e, YC_EINTERNAL, "database", 0, "database error: %s", db->zErr);
  return YC_OK;
}

void pg_rollback(Db *pDb){
  PgDb *db = (PgDb*)pDb;
  if( db->nTxn>1 && pg_in_txn(pDb) ){
    char zSql[64];
    db->nTxn--;
    snprintf(zSql, sizeof zSql, "ROLLBACK TO yc%d; RELEASE yc%d", db->nTxn, db->nTxn);
    run(db, zSql);
    return;
  }
  db->nTxn = 0;
  if( pg_in_txn(pDb) ) run(db, "ROLLBACK");
}

YcStatus pg_error(Db *pDb, int rc, Err *e){
  PgDb *db = (PgDb*)pDb;
  switch( rc ){
    case PGE_UNIQUE: return err_set(e, YC_ECONFLICT, "duplicate", 0, "a record with these values exists already");
    case PGE_FK: return err_set(e, YC_EINVALID, "unknown_reference", 0, "a referenced record does not exist");
    case PGE_CHECK: return err_set(e, YC_EINVALID, "constraint", 0, "%s", db->zErr ? db->zErr : "constraint failed");
    case PGE_CONFLICT: return err_set(e, YC_ECONFLICT, "conflict", 0, "a concurrent change conflicted with this one; read it again and retry");
    case PGE_BUSY: return err_set(e, YC_EBUSY, "busy", 0, "the database is busy; try again");
  }
  log_error("database error %d: %s", rc, db->zErr ? db->zErr : "?");
  return err_set(e, YC_EINTERNAL, "database", 0, "database error");
}

void pg_set_busy_timeout(Db *db, int nMs){ ((PgDb*)db)->nBusyMs = nMs<1 ? 1 : nMs; }
void pg_stats(DbStats *p){
  p->nBusyWait = atomic_load(&nBusyWait);
  p->nBusyFail = atomic_load(&nBusyFail);
}

void pg_cache_stats(Db *pDb, int *pnHeld, int *pnInUse, int64_t *pnPrepared){
  PgDb *db = (PgDb*)pDb;
  int n = 0;
  for(int i=0; i<db->nCache; i++) n += db->aCache[i]->bInUse;
  if( pnHeld ) *pnHeld = db->nCache;
  if( pnInUse ) *pnInUse = n;
  if( pnPrepared ) *pnPrepared = db->nPrepared;
}
int64_t pg_stmt_runs(Db *db){ return ((PgDb*)db)->nRun; }

/* ---- Change tracking ---------------------------------------------------- */

int64_t pg_data_version(Db *pDb){
  PgDb *db = (PgDb*)pDb;
  PGresult *r = PQexec(db->h, "SELECT gen FROM table_gen WHERE name='*'");
  int64_t v = PQresultStatus(r)==PGRES_TUPLES_OK ? (PQntuples(r) ? strtoll(PQgetvalue(r, 0, 0), 0, 10) : 0) : -1;
  PQclear(r);
  return v;
}

void pg_reads_start(Db *db){ memset(&((PgDb*)db)->reads, 0, sizeof(DbTables)); }
void pg_reads(Db *db, DbTables *p){ *p = ((PgDb*)db)->reads; }

void pg_changes_take(Db *pDb, DbTables *p){
  PgDb *db = (PgDb*)pDb;
  memset(p, 0, sizeof *p);
  if( pg_in_txn(pDb) ) return;
  int64_t v = pg_data_version(pDb);
  if( v<0 ){ set_add(p, 0); return; }
  if( v==db->star ) return;
  char zSql[120];
  snprintf(zSql, sizeof zSql, "SELECT name, gen FROM table_gen WHERE gen>%lld AND name<>'*'", (long long)db->hw);
  PGresult *r = PQexec(db->h, zSql);
  if( PQresultStatus(r)!=PGRES_TUPLES_OK ){ PQclear(r); set_add(p, 0); return; }
  int64_t hw = db->hw;
  for(int i=0; i<PQntuples(r); i++){
    int64_t g = strtoll(PQgetvalue(r, i, 1), 0, 10);
    if( g>hw ) hw = g;
    int t = db_table_id(PQgetvalue(r, i, 0));
    if( db_seen_raise(t, g)<g ) set_add(p, t);
  }
  PQclear(r);
  /* A first look drops nothing more: every write, by any program, records
  ** its tables here (statement triggers), and what this process has taken
  ** into account already is db_seen_raise's (so the first look of one
  ** more request thread does not empty the cache). */
  db->hw = hw;
  db->star = v;
}

/* ---- Reads, backups, checks --------------------------------------------- */

YcStatus pg_read_begin(Db *pDb, Err *e){
  PgDb *db = (PgDb*)pDb;
  if( pg_in_txn(pDb) )
    return err_set(e, YC_EINTERNAL, "database", 0, "a read snapshot opens outside any transaction");
  if( run(db, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT 1") )
    return err_set(e, YC_EINTERNAL, "database", 0, "database error: %s", db->zErr);
  db->bReadTxn = 1;
  return YC_OK;
}
void pg_read_end(Db *pDb){
  PgDb *db = (PgDb*)pDb;
  if( db->nTxn==0 && pg_in_txn(pDb) ) run(db, "COMMIT");
  db->bReadTxn = 0;
}

YcStatus pg_backup_to(Db *db, const char *zPath, int *pnPages, Err *e){
  (void)db; (void)zPath;
  if( pnPages ) *pnPages = 0;
  return err_set(e, YC_EINVALID, "engine", "db",
                 "`youcheng backup` copies an SQLite database; back up PostgreSQL with pg_dump or pg_basebackup (README, \"Production layout on PostgreSQL\")");
}

/* The checks PostgreSQL leaves to us: every full-text row indexed, and
** (full) the foreign keys (which PostgreSQL enforces itself: none can be
** broken short of a disabled trigger). */
static char *integrity(PgDb *db, int bFull){
  PGresult *r = PQexec(db->h, "SELECT 1");
  if( PQresultStatus(r)!=PGRES_TUPLES_OK ){
    char *z = strdup(PQerrorMessage(db->h));
    PQclear(r);
    return z;
  }
  PQclear(r);
  if( !bFull ) return strdup("ok");
  r = PQexec(db->h, "SELECT yc_fts_pending()");
  char *z = 0;
  if( PQresultStatus(r)!=PGRES_TUPLES_OK ) z = strdup(PQresultErrorMessage(r));
  else if( PQntuples(r)==1 && !PQgetisnull(r, 0, 0) && PQgetvalue(r, 0, 0)[0] ){
    size_t n = strlen(PQgetvalue(r, 0, 0)) + 64;
    z = malloc(n);
    if( z ) snprintf(z, n, "search index not up to date: %s", PQgetvalue(r, 0, 0));
  }
  PQclear(r);
  return z ? z : strdup("ok");
}
char *pg_integrity(Db *db){ return integrity((PgDb*)db, 0); }
char *pg_integrity_full(Db *db){ return integrity((PgDb*)db, 1); }

YcStatus pg_probe_unused(const char *zPath, Err *e){
  (void)zPath;
  return err_set(e, YC_EINVALID, "engine", "db",
                 "this operation replaces an SQLite database file; it does not apply to PostgreSQL");
}

/* ---- Copying a whole database (core/migrate.c) -------------------------- */

/* The first column of zSql's rows ($1 = z1, if given) appended to *paz. */
static YcStatus pg_name_list(PgDb *db, const char *zSql, const char *z1, char ***paz, int *pn, Err *e){
  const char *az[1] = {z1};
  PGresult *r = PQexecParams(db->h, zSql, z1 ? 1 : 0, 0, az, 0, 0, 0);
  if( PQresultStatus(r)!=PGRES_TUPLES_OK ){
    set_err(db, PQresultErrorField(r, PG_DIAG_SQLSTATE), PQresultErrorMessage(r));
    PQclear(r);
    return err_set(e, YC_EINTERNAL, "database", 0, "database error: %s", db->zErr);
  }
  for(int i=0; i<PQntuples(r); i++){
    if( db_list_add(paz, pn, PQgetvalue(r, i, 0)) ){
      PQclear(r);
      return err_set(e, YC_EINTERNAL, 0, 0, "out of memory");
    }
  }
  PQclear(r);
  return YC_OK;
}

YcStatus pg_table_list(Db *pDb, char ***pazName, int *pn, Err *e){
  PgDb *db = (PgDb*)pDb;
  *pazName = 0;
  *pn = 0;
  YcStatus st = pg_name_list(db,
    "SELECT relname FROM pg_class WHERE relnamespace=current_schema()::regnamespace AND relkind IN ('r','p')"
    " AND NOT relispartition AND relname NOT IN ('yc_schema','schema_version','table_gen') ORDER BY relname",
    0, pazName, pn, e);
  const DbFk *aFk = 0;
  int nFk = 0;
  if( !st ) st = pg_foreign_keys(pDb, &aFk, &nFk, e);
  if( st ){ db_list_free(*pazName, *pn); *pazName = 0; *pn = 0; return st; }
  db_sort_parents_first(*pazName, *pn, aFk, nFk);
  return YC_OK;
}

YcStatus pg_column_list(Db *pDb, const char *zTable, char ***pazCol, int *pn, Err *e){
  *pazCol = 0;
  *pn = 0;
  YcStatus st = pg_name_list((PgDb*)pDb,
    "SELECT attname FROM pg_attribute WHERE attrelid=to_regclass(quote_ident($1)) AND attnum>0"
    " AND NOT attisdropped AND atttypid<>'tsvector'::regtype ORDER BY attnum", zTable, pazCol, pn, e);
  if( !st && *pn==0 ) st = err_set(e, YC_ENOTFOUND, "not_found", 0, "no table %s", zTable);
  if( st ){ db_list_free(*pazCol, *pn); *pazCol = 0; *pn = 0; }
  return st;
}

YcStatus pg_key_list(Db *pDb, const char *zTable, char ***pazCol, int *pn, Err *e){
  *pazCol = 0;
  *pn = 0;
  return pg_name_list((PgDb*)pDb,
    "SELECT a.attname FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)"
    " JOIN pg_attribute a ON a.attrelid=i.indrelid AND a.attnum=k.attnum"
    " WHERE i.indrelid=to_regclass(quote_ident($1)) AND i.indisprimary ORDER BY k.n", zTable, pazCol, pn, e);
}

/* ALTER TABLE ... DISABLE/ENABLE TRIGGER USER on every data table (the
** foreign keys' own triggers stay). A full-text row copied meanwhile has
** tsv NULL (not copied), so the commit indexes it all the same. */
YcStatus pg_triggers(Db *pDb, int bOn, Err *e){
  PgDb *db = (PgDb*)pDb;
  if( !pg_in_txn(pDb) )
    return err_set(e, YC_EINTERNAL, "database", 0, "triggers are turned off and on inside a transaction");
  /* Deferred foreign-key checks are trigger events a table with pending
  ** ones cannot be altered under: run them now (a copy that breaks a
  ** reference fails here). */
  if( bOn && run(db, "SET CONSTRAINTS ALL IMMEDIATE") ) return pg_error(pDb, code_of(db->zState), e);
  char **az = 0;
  int n = 0;
  YcStatus st = pg_name_list(db,
    "SELECT DISTINCT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid=t.tgrelid"
    " WHERE NOT t.tgisinternal AND c.relnamespace=current_schema()::regnamespace ORDER BY 1", 0, &az, &n, e);
  for(int i=0; i<n && !st; i++){
    char *zId = PQescapeIdentifier(db->h, az[i], strlen(az[i]));
    if( !zId ){ st = err_set(e, YC_EINTERNAL, 0, 0, "out of memory"); break; }
    Buf b = BUF_INIT;
    buf_printf(&b, "ALTER TABLE %s %s TRIGGER USER", zId, bOn ? "ENABLE" : "DISABLE");
    PQfreemem(zId);
    char *zSql = buf_take(&b);
    if( !zSql || run(db, zSql) ) st = err_set(e, YC_EINTERNAL, "database", 0, "database error: %s", zSql ? db->zErr : "out of memory");
    free(zSql);
  }
  db_list_free(az, n);
  return st;
}

/* The identity sequence of zTable's id, malloc'd, or 0. */
static char *id_sequence(PgDb *db, const char *zTable){
  const char *az[1] = {zTable};
  PGresult *r = PQexecParams(db->h, "SELECT pg_get_serial_sequence(quote_ident($1), 'id')"
                                    " WHERE EXISTS(SELECT 1 FROM pg_attribute WHERE attrelid=to_regclass(quote_ident($1))"
                                    "   AND attname='id' AND attidentity<>'')", 1, 0, az, 0, 0, 0);
  char *z = 0;
  if( PQresultStatus(r)==PGRES_TUPLES_OK && PQntuples(r)==1 && !PQgetisnull(r, 0, 0) ) z = strdup(PQgetvalue(r, 0, 0));
  PQclear(r);
  return z;
}

/* max(id) of zTable and the last value its sequence handed out. */
static YcStatus id_high(PgDb *db, const char *zTable, const char *zSeq, int64_t *pMax, int64_t *pSeq, Err *e){
  char *zId = PQescapeIdentifier(db->h, zTable, strlen(zTable));
  if( !zId ) return err_set(e, YC_EINTERNAL, 0, 0, "out of memory");
  Buf b = BUF_INIT;
  buf_printf(&b, "SELECT coalesce(max(id), 0), coalesce(pg_sequence_last_value(CAST($1 AS regclass)), 0) FROM %s", zId);
  PQfreemem(zId);
  char *zSql = buf_take(&b);
  const char *az[1] = {zSeq};
  PGresult *r = zSql ? PQexecParams(db->h, zSql, 1, 0, az, 0, 0, 0) : 0;
  free(zSql);
  YcStatus st = YC_OK;
  if( PQresultStatus(r)!=PGRES_TUPLES_OK || PQntuples(r)!=1 ){
    set_err(db, PQresultErrorField(r, PG_DIAG_SQLSTATE), r ? PQresultErrorMessage(r) : "out of memory");
    st = err_set(e, YC_EINTERNAL, "database", 0, "database error: %s", db->zErr);
  }else{
    *pMax = strtoll(PQgetvalue(r, 0, 0), 0, 10);
    *pSeq = strtoll(PQgetvalue(r, 0, 1), 0, 10);
  }
  PQclear(r);
  return st;
}

YcStatus pg_ids_high(Db *pDb, const char *zTable, int64_t *pHigh, Err *e){
  PgDb *db = (PgDb*)pDb;
  *pHigh = 0;
  char *zSeq = id_sequence(db, zTable);
  if( !zSeq ) return YC_OK;
  int64_t nMax = 0, nSeq = 0;
  YcStatus st = id_high(db, zTable, zSeq, &nMax, &nSeq, e);
  free(zSeq);
  *pHigh = nMax>nSeq ? nMax : nSeq;
  return st;
}

/* setval: the next id is above high and above every id the table holds. */
YcStatus pg_ids_sync(Db *pDb, const char *zTable, int64_t high, Err *e){
  PgDb *db = (PgDb*)pDb;
  char *zSeq = id_sequence(db, zTable);
  if( !zSeq ) return YC_OK;
  int64_t nMax = 0, nSeq = 0;
  YcStatus st = id_high(db, zTable, zSeq, &nMax, &nSeq, e);
  if( nMax>high ) high = nMax;
  if( !st ){
    char zV[24];
    snprintf(zV, sizeof zV, "%lld", (long long)(high>0 ? high : 1));
    const char *az[2] = {zSeq, zV};
    PGresult *r = PQexecParams(db->h, high>0 ? "SELECT setval(CAST($1 AS regclass), CAST($2 AS bigint), true)"
                                             : "SELECT setval(CAST($1 AS regclass), CAST($2 AS bigint), false)",
                               2, 0, az, 0, 0, 0);
    if( PQresultStatus(r)!=PGRES_TUPLES_OK ){
      set_err(db, PQresultErrorField(r, PG_DIAG_SQLSTATE), PQresultErrorMessage(r));
      st = err_set(e, YC_EINTERNAL, "database", 0, "database error: %s", db->zErr);
    }
    PQclear(r);
  }
  free(zSeq);
  return st;
}
