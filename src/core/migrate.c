/*
** migrate.c: copy a whole youcheng database into another, of either engine,
** and verify the copy (see migrate.h).
**
** One transaction on the target for the whole copy: the old rows go, every
** table's rows come in (triggers off, foreign keys deferred where the
** engine can), the id high-water marks follow, the copy is read back and
** compared, the triggers come back, and only then the commit: a failure
** anywhere leaves the target as it was.
**
** The SQL here is made from the names of the tables and columns of the
** databases' own schema (db_table_list, db_column_list), checked to be
** plain identifiers and quoted; every value is bound.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sodium.h>
#include "core/migrate.h"
#include "base/buf.h"

#define MIGRATE_PAGE 2000     /* rows a keyset page reads */
#define DIGEST 32

static double now_s(void){
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec/1e9;
}

static int plain_ident(const char *z){
  if( !z || !*z ) return 0;
  for(const char *c = z; *c; c++){
    if( !((*c>='a' && *c<='z') || (*c>='A' && *c<='Z') || (*c>='0' && *c<='9') || *c=='_') ) return 0;
  }
  return 1;
}

/* A column name as SQL: SQLite's rowid as it is, any other quoted. */
static void put_ident(Buf *b, const char *z){
  if( strcmp(z, "rowid")==0 ) buf_puts(b, "rowid");
  else buf_printf(b, "\"%s\"", z);
}

/* The row id of a full-text table is rowid in SQLite, id in PostgreSQL. */
static int same_column(const char *a, const char *b){
  if( strcmp(a, b)==0 ) return 1;
  return (strcmp(a, "rowid")==0 && strcmp(b, "id")==0) || (strcmp(a, "id")==0 && strcmp(b, "rowid")==0);
}

/* One table as both sides name it. */
typedef struct MTable {
  char *zName;
  char **azSrc, **azDst;  /* columns */
  int nCol;
  char **azSrcKey, **azDstKey;
  int nSrcKey, nDstKey;
} MTable;

static void mtable_free(MTable *t){
  db_list_free(t->azSrc, t->nCol);
  db_list_free(t->azDst, t->nCol);
  db_list_free(t->azSrcKey, t->nSrcKey);
  db_list_free(t->azDstKey, t->nDstKey);
}

/* ---- Row digests ---------------------------------------------------------- */

typedef struct Digests { unsigned char *a; int64_t n, nAlloc; } Digests;

static int digest_row(Digests *d, DbStmt *p, int nCol){
  if( d->n==d->nAlloc ){
    int64_t nNew = d->nAlloc ? d->nAlloc*2 : 1024;
    unsigned char *a = realloc(d->a, (size_t)nNew*DIGEST);
    if( !a ) return 1;
    d->a = a;
    d->nAlloc = nNew;
  }
  crypto_hash_sha256_state h;
  crypto_hash_sha256_init(&h);
  char z[48];
  for(int i=0; i<nCol; i++){
    int n;
    switch( db_col_type(p, i) ){
      case DB_INTEGER:
        n = snprintf(z, sizeof z, "n%lld;", (long long)db_col_int64(p, i));
        crypto_hash_sha256_update(&h, (const unsigned char*)z, (unsigned long long)n);
        break;
      case DB_FLOAT:
        n = snprintf(z, sizeof z, "n%.17g;", db_col_double(p, i));
        crypto_hash_sha256_update(&h, (const unsigned char*)z, (unsigned long long)n);
        break;
      case DB_TEXT: case DB_BLOB: {
        const void *v = db_col_type(p, i)==DB_TEXT ? (const void*)db_text(p, i) : db_col_blob(p, i);
        int m = db_col_bytes(p, i);
        n = snprintf(z, sizeof z, "s%d:", m);
        crypto_hash_sha256_update(&h, (const unsigned char*)z, (unsigned long long)n);
        if( m>0 && v ) crypto_hash_sha256_update(&h, v, (unsigned long long)m);
        break;
      }
      default:
        crypto_hash_sha256_update(&h, (const unsigned char*)"z", 1);
    }
  }
  crypto_hash_sha256_final(&h, d->a + d->n*DIGEST);
  d->n++;
  return 0;
}

static int cmp_digest(const void *a, const void *b){ return memcmp(a, b, DIGEST); }

/* The table's checksum (hex) from its row digests; d is emptied. */
static void digest_final(Digests *d, char zHex[DIGEST*2 + 1]){
  if( d->n>1 ) qsort(d->a, (size_t)d->n, DIGEST, cmp_digest);
  unsigned char aOut[DIGEST];
  crypto_hash_sha256(aOut, d->a ? d->a : (const unsigned char*)"", (unsigned long long)d->n*DIGEST);
  sodium_bin2hex(zHex, DIGEST*2 + 1, aOut, DIGEST);
  d->n = 0;
}

/* ---- Reading a table in key order ---------------------------------------- */

/* A key value of the last row read (bound to the next page's statement). */
typedef struct KeyVal { int eType; int64_t i; double r; char *z; int n; } KeyVal;

static void keys_free(KeyVal *a, int n){
  for(int i=0; i<n; i++){ free(a[i].z); a[i].z = 0; a[i].eType = DB_NULL; }
}

static int key_take(KeyVal *k, DbStmt *p, int iCol){
  free(k->z);
  k->z = 0;
  k->eType = db_col_type(p, iCol);
  if( k->eType==DB_INTEGER ) k->i = db_col_int64(p, iCol);
  else if( k->eType==DB_FLOAT ) k->r = db_col_double(p, iCol);
  else if( k->eType==DB_TEXT || k->eType==DB_BLOB ){
    const void *v = k->eType==DB_TEXT ? (const void*)db_text(p, iCol) : db_col_blob(p, iCol);
    k->n = db_col_bytes(p, iCol);
    k->z = malloc((size_t)k->n + 1);
    if( !k->z ) return 1;
    if( k->n ) memcpy(k->z, v, (size_t)k->n);
    k->z[k->n] = 0;
  }
  return 0;
}

static void key_bind(DbStmt *q, int i, const KeyVal *k){
  switch( k->eType ){
    case DB_INTEGER: db_bind_int64(q, i, k->i); break;
    case DB_FLOAT: db_bind_double(q, i, k->r); break;
    case DB_TEXT: db_bind_text(q, i, k->z, k->n); break;
    case DB_BLOB: db_bind_blob(q, i, k->z, k->n); break;
    default: db_bind_null(q, i);
  }
}

/* Called for each row (columns 0..nCol-1 as listed); non-zero stops with
** that status (e set). */
typedef YcStatus (*RowFn)(void *pArg, DbStmt *p, Err *e);

/* Every row of table zTable, columns azCol, in the order of its key azKey:
** keyset pages of MIGRATE_PAGE rows (an engine that fetches a statement's
** answer whole, PostgreSQL's, holds one page at a time); a table without a
** key (or whose key is not among the columns) in one statement. */
static YcStatus scan_table(Db *db, const char *zTable, char **azCol, int nCol, char **azKey, int nKey,
                           RowFn xRow, void *pArg, Err *e){
  int aiKey[8];
  int bPaged = nKey>0 && nKey<=8;
  for(int k=0; k<nKey && bPaged; k++){
    aiKey[k] = -1;
    for(int c=0; c<nCol; c++) if( strcmp(azCol[c], azKey[k])==0 ) aiKey[k] = c;
    if( aiKey[k]<0 ) bPaged = 0;
  }
  Buf sel = BUF_INIT, ord = BUF_INIT;
  buf_puts(&sel, "SELECT ");
  for(int c=0; c<nCol; c++){ if( c ) buf_puts(&sel, ", "); put_ident(&sel, azCol[c]); }
  buf_printf(&sel, " FROM \"%s\"", zTable);
  if( nKey>0 ){
    buf_puts(&ord, " ORDER BY ");
    for(int k=0; k<nKey; k++){ if( k ) buf_puts(&ord, ", "); put_ident(&ord, azKey[k]); }
  }
  char *zFirst = 0, *zNext = 0;
  {
    Buf b = BUF_INIT;
    buf_printf(&b, "%s%s", buf_str(&sel), buf_str(&ord));
    if( bPaged ) buf_puts(&b, " LIMIT ?1");
    zFirst = buf_take(&b);
  }
  if( bPaged ){
    Buf b = BUF_INIT;
    buf_printf(&b, "%s WHERE ", buf_str(&sel));
    if( nKey>1 ) buf_putc(&b, '(');
    for(int k=0; k<nKey; k++){ if( k ) buf_puts(&b, ", "); put_ident(&b, azKey[k]); }
    if( nKey>1 ) buf_putc(&b, ')');
    buf_puts(&b, " > ");
    if( nKey>1 ) buf_putc(&b, '(');
    for(int k=0; k<nKey; k++) buf_printf(&b, "%s?%d", k ? ", " : "", k + 1);
    if( nKey>1 ) buf_putc(&b, ')');
    buf_printf(&b, "%s LIMIT ?%d", buf_str(&ord), nKey + 1);
    zNext = buf_take(&b);
  }
  buf_free(&sel);
  buf_free(&ord);
  YcStatus st = YC_OK;
  if( !zFirst || (bPaged && !zNext) ){
    st = err_set(e, YC_EINTERNAL, 0, 0, "out of memory");
    goto done;
  }
  KeyVal aLast[8], aBound[8];
  memset(aLast, 0, sizeof aLast);
  memset(aBound, 0, sizeof aBound);
  for(int bFirst = 1; ; bFirst = 0){
    DbStmt *q = db_stmt(db, bFirst ? zFirst : zNext);
    if( !q ){
      st = err_set(e, YC_EINTERNAL, "database", 0, "cannot read table %s: %s", zTable, db_errmsg(db));
      break;
    }
    if( bPaged ){
      if( bFirst ) db_bind_int(q, 1, MIGRATE_PAGE);
      else{
        /* The last row's key, kept apart from the next page's. */
        for(int k=0; k<nKey; k++){
          free(aBound[k].z);
          aBound[k] = aLast[k];
          aLast[k].z = 0;
          key_bind(q, k + 1, &aBound[k]);
        }
        db_bind_int(q, nKey + 1, MIGRATE_PAGE);
      }
    }
    int rc, nRow = 0;
    while( (rc = db_step(q))==DB_ROW ){
      nRow++;
      if( (st = xRow(pArg, q, e)) ) break;
      if( bPaged && nRow==MIGRATE_PAGE ){
        for(int k=0; k<nKey && !st; k++){
          if( key_take(&aLast[k], q, aiKey[k]) ) st = err_set(e, YC_EINTERNAL, 0, 0, "out of memory");
        }
        if( st ) break;
      }
    }
    if( !st && rc!=DB_DONE && rc!=DB_ROW ){
      Err e2;
      db_error(db, rc, &e2);
      st = err_set(e, YC_EINTERNAL, "database", 0, "cannot read table %s: %s", zTable, db_errmsg(db));
    }
    db_reset(q);
    if( st || !bPaged || nRow<MIGRATE_PAGE ) break;
  }
  keys_free(aLast, 8);
  keys_free(aBound, 8);
done:
  free(zFirst);
  free(zNext);
  return st;
}

/* ---- Copy and verify ------------------------------------------------------ */

typedef struct CopyCtx {
  Db *dst;
  DbStmt *ins;
  int nCol;
  const char *zTable;
  Digests d;
  int64_t nDone, nTotal;
  const MigrateOpts *o;
} CopyCtx;

static YcStatus copy_row(void *pArg, DbStmt *p, Err *e){
  CopyCtx *c = pArg;
  for(int i=0; i<c->nCol; i++){
    switch( db_col_type(p, i) ){
      case DB_INTEGER: db_bind_int64(c->ins, i + 1, db_col_int64(p, i)); break;
      case DB_FLOAT: db_bind_double(c->ins, i + 1, db_col_double(p, i)); break;
      case DB_TEXT: {
        const char *z = db_text(p, i);
        db_bind_text(c->ins, i + 1, z, db_col_bytes(p, i));
        break;
      }
      case DB_BLOB: {
        const void *v = db_col_blob(p, i);
        db_bind_blob(c->ins, i + 1, v, db_col_bytes(p, i));
        break;
      }
      default: db_bind_null(c->ins, i + 1);
    }
  }
  int rc = db_step(c->ins);
  db_reset(c->ins);
  if( rc!=DB_DONE ){
    Err e2;
    db_error(c->dst, rc, &e2);
    return err_set(e, e2.st ? e2.st : YC_EINTERNAL, "copy_failed", "--to", "cannot copy a row of table %s: %s (%s)",
                   c->zTable, e2.zMsg, db_errmsg(c->dst));
  }
  if( digest_row(&c->d, p, c->nCol) ) return err_set(e, YC_EINTERNAL, 0, 0, "out of memory");
  c->nDone++;
  if( c->o->xProgress && c->nDone % c->o->nProgress==0 )
    c->o->xProgress(c->o->pArg, c->zTable, c->nDone, c->nTotal);
  return YC_OK;
}

static YcStatus hash_row(void *pArg, DbStmt *p, Err *e){
  CopyCtx *c = pArg;
  if( digest_row(&c->d, p, c->nCol) ) return err_set(e, YC_EINTERNAL, 0, 0, "out of memory");
  return YC_OK;
}

static YcStatus count_rows(Db *db, const char *zTable, int64_t *pn, Err *e){
  char *zSql = buf_mprintf("SELECT count(*) FROM \"%s\"", zTable);
  DbStmt *q = zSql ? db_stmt(db, zSql) : 0;
  free(zSql);
  if( !q ) return err_set(e, YC_EINTERNAL, "database", 0, "cannot count table %s: %s", zTable, db_errmsg(db));
  int rc = db_step(q);
  *pn = rc==DB_ROW ? db_col_int64(q, 0) : 0;
  db_reset(q);
  return rc==DB_ROW ? YC_OK : err_set(e, YC_EINTERNAL, "database", 0, "cannot count table %s: %s", zTable, db_errmsg(db));
}

/* 1 if dst holds any row of the tables youcheng records live in. */
static int has_records(Db *dst, MTable *aT, int nT){
  static const char *const azRec[] = {"audit", "user", "tie", "org", "exchange", "person", "news", 0};
  for(int i=0; azRec[i]; i++){
    int bKnown = 0;
    for(int t=0; t<nT; t++) if( strcmp(aT[t].zName, azRec[i])==0 ) bKnown = 1;
    if( !bKnown ) continue;
    char *zSql = buf_mprintf("SELECT 1 FROM \"%s\" LIMIT 1", azRec[i]);
    DbStmt *q = zSql ? db_stmt(dst, zSql) : 0;
    free(zSql);
    if( !q ) return 1;
    int rc = db_step(q);
    db_reset(q);
    if( rc!=DB_DONE ) return 1;
  }
  return 0;
}

/* The tables of both sides, matched: the same names, the same columns. */
static YcStatus match_tables(Db *src, Db *dst, MTable **paT, int *pnT, Err *e){
  char **azS = 0, **azD = 0;
  int nS = 0, nD = 0;
  *paT = 0;
  *pnT = 0;
  YcStatus st = db_table_list(src, &azS, &nS, e);
  if( !st ) st = db_table_list(dst, &azD, &nD, e);
  MTable *aT = st ? 0 : calloc((size_t)nD + 1, sizeof *aT);
  if( !st && !aT ) st = err_set(e, YC_EINTERNAL, 0, 0, "out of memory");
  /* Every table of one is a table of the other. */
  for(int i=0; i<nS && !st; i++){
    int bIn = 0;
    for(int j=0; j<nD; j++) if( strcmp(azS[i], azD[j])==0 ) bIn = 1;
    if( !bIn ) st = err_set(e, YC_EINVALID, "schema_mismatch", "--to", "table %s of --from is not in --to", azS[i]);
  }
  for(int j=0; j<nD && !st; j++){
    int bIn = 0;
    for(int i=0; i<nS; i++) if( strcmp(azS[i], azD[j])==0 ) bIn = 1;
    if( !bIn ) st = err_set(e, YC_EINVALID, "schema_mismatch", "--to", "table %s of --to is not in --from", azD[j]);
  }
  /* In the target's order (its foreign keys are the ones checked). */
  for(int j=0; j<nD && !st; j++){
    MTable *t = &aT[j];
    *pnT = j + 1;
    t->zName = azD[j];
    azD[j] = 0;
    int nSrc = 0;
    if( !plain_ident(t->zName) ){ st = err_set(e, YC_EINVALID, "schema_mismatch", "--to", "table name %s is not a plain name", t->zName); break; }
    if( (st = db_column_list(src, t->zName, &t->azSrc, &nSrc, e)) ) break;
    if( (st = db_column_list(dst, t->zName, &t->azDst, &t->nCol, e)) ){ db_list_free(t->azSrc, nSrc); t->azSrc = 0; break; }
    if( nSrc!=t->nCol ){
      db_list_free(t->azSrc, nSrc);
      t->azSrc = 0;
      st = err_set(e, YC_EINVALID, "schema_mismatch", "--to", "table %s has %d columns in --from, %d in --to", t->zName, nSrc, t->nCol);
      break;
    }
    for(int c=0; c<t->nCol && !st; c++){
      if( !same_column(t->azSrc[c], t->azDst[c]) || !plain_ident(t->azSrc[c]) || !plain_ident(t->azDst[c]) )
        st = err_set(e, YC_EINVALID, "schema_mismatch", "--to", "table %s: column %d is %s in --from, %s in --to",
                     t->zName, c + 1, t->azSrc[c], t->azDst[c]);
    }
    if( !st ) st = db_key_list(src, t->zName, &t->azSrcKey, &t->nSrcKey, e);
    if( !st ) st = db_key_list(dst, t->zName, &t->azDstKey, &t->nDstKey, e);
  }
  db_list_free(azS, nS);
  db_list_free(azD, nD);
  if( st ){
    for(int i=0; i<*pnT; i++){ free(aT[i].zName); mtable_free(&aT[i]); }
    free(aT);
    *pnT = 0;
    return st;
  }
  *paT = aT;
  return YC_OK;
}

static const char *engine_name(Db *db){ return db_is_pg(db_path(db)) ? "postgresql" : "sqlite"; }

/* Copy every table into dst (inside its transaction), then read back and
** compare. aRep: the report's tables. */
static YcStatus copy_all(Db *src, Db *dst, MTable *aT, int nT, const MigrateOpts *o, json_t *aRep,
                         int64_t *pnRows, double *pCopy, double *pVerify, Err *e){
  YcStatus st = YC_OK;
  /* The old rows, children first. */
  for(int i=nT-1; i>=0 && !st; i--){
    char *zSql = buf_mprintf("DELETE FROM \"%s\"", aT[i].zName);
    st = zSql ? db_exec(dst, zSql, e) : err_set(e, YC_EINTERNAL, 0, 0, "out of memory");
    free(zSql);
  }
  char (*azSum)[DIGEST*2 + 1] = calloc((size_t)nT + 1, sizeof *azSum);
  int64_t *anRows = calloc((size_t)nT + 1, sizeof *anRows);
  double *aCopyS = calloc((size_t)nT + 1, sizeof *aCopyS);
  if( !st && (!azSum || !anRows || !aCopyS) ) st = err_set(e, YC_EINTERNAL, 0, 0, "out of memory");
  CopyCtx c;
  memset(&c, 0, sizeof c);
  c.dst = dst;
  c.o = o;
  double t0 = now_s();
  for(int i=0; i<nT && !st; i++){
    MTable *t = &aT[i];
    double ts = now_s();
    c.zTable = t->zName;
    c.nCol = t->nCol;
    c.nDone = 0;
    if( (st = count_rows(src, t->zName, &c.nTotal, e)) ) break;
    Buf b = BUF_INIT;
    buf_printf(&b, "INSERT INTO \"%s\"(", t->zName);
    for(int k=0; k<t->nCol; k++){ if( k ) buf_puts(&b, ", "); put_ident(&b, t->azDst[k]); }
    buf_puts(&b, ") VALUES(");
    for(int k=0; k<t->nCol; k++) buf_printf(&b, "%s?%d", k ? ", " : "", k + 1);
    buf_putc(&b, ')');
    char *zIns = buf_take(&b);
    c.ins = zIns ? db_stmt(dst, zIns) : 0;
    free(zIns);
    if( !c.ins ){ st = err_set(e, YC_EINTERNAL, "database", "--to", "cannot write table %s: %s", t->zName, db_errmsg(dst)); break; }
    st = scan_table(src, t->zName, t->azSrc, t->nCol, t->azSrcKey, t->nSrcKey, copy_row, &c, e);
    int64_t high = 0;
    if( !st ) st = db_ids_high(src, t->zName, &high, e);
    if( !st ) st = db_ids_sync(dst, t->zName, high, e);
    if( st ) break;
    if( o->xProgress && c.nDone>=o->nProgress && c.nDone % o->nProgress )
      o->xProgress(o->pArg, t->zName, c.nDone, c.nTotal);
    digest_final(&c.d, azSum[i]);
    anRows[i] = c.nDone;
    aCopyS[i] = now_s() - ts;
    *pnRows += c.nDone;
    db_release(src);
    db_release(dst);
  }
  *pCopy = now_s() - t0;
  /* Read back what the target holds now, and compare. */
  t0 = now_s();
  for(int i=0; i<nT && !st; i++){
    MTable *t = &aT[i];
    double ts = now_s();
    c.zTable = t->zName;
    c.nCol = t->nCol;
    st = scan_table(dst, t->zName, t->azDst, t->nCol, t->azDstKey, t->nDstKey, hash_row, &c, e);
    if( st ) break;
    int64_t nBack = c.d.n;
    char zBack[DIGEST*2 + 1];
    digest_final(&c.d, zBack);
    if( nBack!=anRows[i] || strcmp(zBack, azSum[i])!=0 ){
      st = err_set(e, YC_EINTERNAL, "verify_failed", "--to",
                   "verification failed for table %s: --from has %lld rows (checksum %.16s...), --to has %lld (checksum %.16s...)",
                   t->zName, (long long)anRows[i], azSum[i], (long long)nBack, zBack);
      break;
    }
    json_t *j = json_object();
    json_object_set_new(j, "table", json_string(t->zName));
    json_object_set_new(j, "rows", json_integer(anRows[i]));
    json_object_set_new(j, "checksum", json_string(azSum[i]));
    json_object_set_new(j, "copy_seconds", json_real(aCopyS[i]));
    json_object_set_new(j, "verify_seconds", json_real(now_s() - ts));
    json_array_append_new(aRep, j);
    db_release(dst);
  }
  *pVerify = now_s() - t0;
  free(c.d.a);
  free(azSum);
  free(anRows);
  free(aCopyS);
  return st;
}

YcStatus migrate_run(Db *src, Db *dst, const MigrateOpts *pOpts, json_t **ppReport, Err *e){
  *ppReport = 0;
  MigrateOpts o = *pOpts;
  if( o.nProgress<=0 ) o.nProgress = MIGRATE_PROGRESS_ROWS;
  double tStart = now_s();
  int vs = db_schema_version(src);
  if( vs<1 )
    return err_set(e, YC_EINVALID, "not_youcheng", "--from",
                   "--from is not a youcheng database (no schema); nothing to migrate");
  int vd = db_schema_version(dst);
  if( vd<1 ){
    /* No youcheng schema: an empty database gets it, anything else is not ours. */
    char **az = 0;
    int n = 0;
    YcStatus st = db_table_list(dst, &az, &n, e);
    db_list_free(az, n);
    if( st ) return st;
    if( n>0 )
      return err_set(e, YC_EINVALID, "not_youcheng", "--to",
                     "--to holds %d table(s) but is not a youcheng database; refusing to write into it", n);
    int nApplied = 0;
    if( (st = db_migrate(dst, &nApplied, e)) ) return st;
    vd = db_schema_version(dst);
  }
  if( vs!=vd )
    return err_set(e, YC_EINVALID, "schema_mismatch", "--to",
                   "--from is at schema version %d, --to at %d: both must be at the same version"
                   " (run `youcheng init --db` on the older one with this build first)", vs, vd);
  MTable *aT = 0;
  int nT = 0;
  YcStatus st = match_tables(src, dst, &aT, &nT, e);
  if( st ) return st;
  int bRecords = has_records(dst, aT, nT);
  if( bRecords && !o.bReplace ){
    st = err_set(e, YC_ECONFLICT, "not_empty", "--to",
                 "--to already holds youcheng records; give --replace to replace everything it holds with --from's rows");
  }
  json_t *aRep = json_array();
  int64_t nRows = 0;
  double tCopy = 0, tVerify = 0, tCommit = 0;
  int bRead = 0, bTxn = 0;
  if( !st && !(st = db_read_begin(src, e)) ) bRead = 1;
  if( !st && !(st = db_begin(dst, e)) ) bTxn = 1;
  if( !st ) st = db_defer_foreign_keys(dst, e);
  if( !st ) st = db_triggers(dst, 0, e);
  if( !st ) st = copy_all(src, dst, aT, nT, &o, aRep, &nRows, &tCopy, &tVerify, e);
  if( !st ) st = db_triggers(dst, 1, e);
  /* Every table changed, as the change tracking of a server on dst sees
  ** it: a write of no row still fires the schema's statement triggers that
  ** record table generations (PostgreSQL's were off during the copy). */
  for(int i=0; i<nT && !st; i++){
    char *zSql = buf_mprintf("DELETE FROM \"%s\" WHERE 1=0", aT[i].zName);
    st = zSql ? db_exec(dst, zSql, e) : err_set(e, YC_EINTERNAL, 0, 0, "out of memory");
    free(zSql);
  }
  if( !st ){
    double t = now_s();
    st = db_commit(dst, e);
    tCommit = now_s() - t;
    bTxn = 0;
  }
  if( bTxn ) db_rollback(dst);
  if( bRead ) db_read_end(src);
  for(int i=0; i<nT; i++){ free(aT[i].zName); mtable_free(&aT[i]); }
  free(aT);
  if( st ){ json_decref(aRep); return st; }
  double tAll = now_s() - tStart;
  json_t *r = json_object();
  json_object_set_new(r, "from", json_string(engine_name(src)));
  json_object_set_new(r, "to", json_string(engine_name(dst)));
  json_object_set_new(r, "schema_version", json_integer(vs));
  json_object_set_new(r, "replaced", json_boolean(bRecords));
  json_object_set_new(r, "tables_copied", json_integer((json_int_t)json_array_size(aRep)));
  json_object_set_new(r, "rows", json_integer(nRows));
  json_object_set_new(r, "copy_seconds", json_real(tCopy));
  json_object_set_new(r, "verify_seconds", json_real(tVerify));
  json_object_set_new(r, "commit_seconds", json_real(tCommit));
  json_object_set_new(r, "seconds", json_real(tAll));
  json_object_set_new(r, "rows_per_second", json_real(tCopy>0 ? (double)nRows/tCopy : 0));
  json_object_set_new(r, "verified", json_true());
  json_object_set_new(r, "tables", aRep);
  *ppReport = r;
  return YC_OK;
}
