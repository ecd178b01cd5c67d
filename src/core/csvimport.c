/* csvimport.c: the CSV import driver; see csvimport.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <csv.h>
#include "core/csvimport.h"
#include "core/input.h"
#include "store/db.h"
#include "text/norm.h"

typedef struct Run { CsvImport *x; CsvImportFn xHeader, xRow; int bCounted; } Run;

void csvimp_error(CsvImport *x, const char *zField, const char *zCode, const char *zMsg){
  if( json_array_size(x->aErr)>=CSVIMP_MAX_ERRORS ) return;
  json_array_append_new(x->aErr, json_pack("{s:i, s:s, s:s, s:s}", "row", x->iRow,
    "field", zField ? zField : "", "code", zCode, "message", zMsg));
}

void csvimp_result(CsvImport *x, YcStatus st, const Err *e){
  if( st==YC_OK ) x->nCreated++;
  else if( st==YC_EINTERNAL && x->stFatal==YC_OK ){ x->stFatal = st; x->eFatal = *e; }
  else csvimp_error(x, e->zField, e->zCode, e->zMsg);
}

int csvimp_has_column(const CsvImport *x, const char *zName){
  for(int i=0; i<x->nCol; i++){
    if( x->aCol[i]>=0 && strcmp(x->azCol[x->aCol[i]], zName)==0 ) return 1;
  }
  return 0;
}

static void on_field(void *s, size_t n, void *p){
  CsvImport *x = ((Run*)p)->x;
  if( x->nField>=CSVIMP_MAX_COLS ){ x->bTooMany = 1; return; }
  char *z = malloc(n + 1);
  if( !z ) return;
  if( n ) memcpy(z, s, n);
  z[n] = 0;
  x->azField[x->nField++] = z;
}

static void clear_fields(CsvImport *x){
  for(int i=0; i<x->nField; i++) free(x->azField[i]);
  x->nField = 0;
  x->bTooMany = 0;
}

static void header(CsvImport *x){
  x->nCol = x->nField;
  for(int i=0; i<x->nField; i++){
    char *z = x->azField[i];
    if( i==0 && (unsigned char)z[0]==0xEF && (unsigned char)z[1]==0xBB && (unsigned char)z[2]==0xBF )
      memmove(z, z+3, strlen(z+3)+1);                 /* UTF-8 byte order mark */
    int k = in_enum_index(x->azCol, z);
    if( k<0 ){
      char zMsg[200];
      snprintf(zMsg, sizeof zMsg, "unknown column '%.60s'", text_utf8_valid(z, strlen(z)) ? z : "?");
      csvimp_error(x, z, "unknown_column", zMsg);
    }
    for(int j=0; j<i; j++) if( k>=0 && x->aCol[j]==k ) csvimp_error(x, z, "duplicate_column", "column appears twice");
    x->aCol[i] = k;
  }
}

static void on_row(int ch, void *p){
  Run *run = p;
  CsvImport *x = run->x;
  (void)ch;
  x->iRow++;
  /* A blank line gives one empty field; skip it. */
  if( x->nField==1 && x->azField[0][0]==0 ){ clear_fields(x); return; }
  if( x->iRow==1 ){
    header(x);
    if( run->xHeader ) run->xHeader(x);
  }else if( x->stFatal==YC_OK ){
    x->nRows++;
    if( x->bTooMany || x->nField!=x->nCol ){
      char zMsg[120];
      snprintf(zMsg, sizeof zMsg, "row has %d fields, the header has %d", x->nField, x->nCol);
      csvimp_error(x, "", "wrong_field_count", zMsg);
    }else{
      run->xRow(x);
    }
  }
  clear_fields(x);
}

YcStatus csvimp_run(Ctx *c, const char *zData, size_t nData, int bDryRun,
                    const char *const *azCol, CsvImportFn xHeader, CsvImportFn xRow,
                    CsvImportFn xFinish, void *pArg, json_t **ppReport, Err *e){
  return csvimp_run_ex(c, zData, nData, bDryRun, azCol, xHeader, xRow, xFinish, pArg, 0, ppReport, e);
}

int csvimp_stage(CsvImport *x, json_t *in){
  if( x->xCheck ){
    Err e;
    memset(&e, 0, sizeof e);
    YcStatus st = x->xCheck(x->c, in, &e);
    if( st ){
      if( st==YC_EINTERNAL || st==YC_EBUSY ){
        if( x->stFatal==YC_OK ){ x->stFatal = st; x->eFatal = e; }
      }else{
        csvimp_error(x, e.zField, e.zCode, e.zMsg);
      }
      json_decref(in);
      return 0;
    }
  }
  json_array_append_new(x->aStage, json_pack("[i, o]", x->iRow, in));
  return 1;
}

#define CSVIMP_PROGRESS_EVERY 500

static void progress(CsvImport *x, const char *zStage, int nDone, int nTotal){
  if( x->c->xProgress ) x->c->xProgress(x->c->pProgressArg, zStage, nDone, nTotal);
}

static void on_row_progress(int ch, void *p){
  Run *run = p;
  on_row(ch, p);
  CsvImport *x = run->x;
  if( x->nRows && x->nRows % CSVIMP_PROGRESS_EVERY==0 && x->nField==0 && run->bCounted!=x->nRows ){
    run->bCounted = x->nRows;
    progress(x, "resolved", x->nRows, 0);
  }
}

/* The one driver. xWrite 0: the rows write as they are read, inside the
** write transaction (csvimp_run_ex); else staged (csvimp_run_staged). */
static YcStatus run_import(Ctx *c, const char *zData, size_t nData, int bDryRun,
                           const char *const *azCol, CsvImportFn xHeader, CsvImportFn xRow,
                           CsvCheckFn xCheck, CsvImportFn xWrite, CsvImportFn xFinish,
                           void *pArg, int bIdForm, json_t **ppReport, Err *e){
  *ppReport = 0;
  CsvImport x;
  memset(&x, 0, sizeof x);
  x.c = c;
  x.pArg = pArg;
  x.azCol = azCol;
  x.aErr = json_array();
  x.aChange = json_array();
  x.aStage = json_array();
  x.xCheck = xCheck;
  Run run = {&x, xHeader, xRow, 0};
  struct csv_parser csv;
  if( csv_init(&csv, CSV_STRICT | CSV_STRICT_FINI)!=0 ){
    json_decref(x.aErr);
    json_decref(x.aChange);
    json_decref(x.aStage);
    return err_set(e, YC_EINTERNAL, 0, 0, "csv_init failed");
  }
  /* Staged: resolve in one read snapshot (none of our own when the caller
  ** is inside a transaction already, e.g. init), no write lock. */
  int bOwnRead = 0, bTxn = 0;
  YcStatus st = YC_OK;
  if( xWrite ){
    if( !db_in_txn(c->db) ){
      if( (st = db_read_begin(c->db, e)) ) goto fail_early;
      bOwnRead = 1;
    }
  }else{
    if( (st = db_begin(c->db, e)) ) goto fail_early;
    bTxn = 1;
  }
  if( csv_parse(&csv, zData, nData, on_field, xWrite ? on_row_progress : on_row, &run)!=nData
   || csv_fini(&csv, on_field, xWrite ? on_row_progress : on_row, &run)!=0 ){
    char zMsg[160];
    snprintf(zMsg, sizeof zMsg, "malformed CSV: %s", csv_strerror(csv_error(&csv)));
    x.iRow++;
    csvimp_error(&x, "", "malformed_csv", zMsg);
  }
  clear_fields(&x);
  csv_free(&csv);
  if( x.iRow==0 ) csvimp_error(&x, "", "empty_file", "the file has no header row");
  else if( x.nRows==0 && json_array_size(x.aErr)==0 ) csvimp_error(&x, "", "no_rows", "the file has a header but no data rows");
  if( bOwnRead ){ db_read_end(c->db); bOwnRead = 0; }
  if( xWrite ){
    int nStage = (int)json_array_size(x.aStage);
    if( x.nRows % CSVIMP_PROGRESS_EVERY ) progress(&x, "resolved", x.nRows, x.nRows);
    if( !x.stFatal && json_array_size(x.aErr)==0 ){
      if( bDryRun ){
        x.nCreated = nStage;            /* what the import would create */
      }else{
        /* The write lock, only to write. */
        if( (st = db_begin(c->db, e)) ){
          json_decref(x.aErr); json_decref(x.aChange); json_decref(x.aStage);
          return st;
        }
        bTxn = 1;
        x.bWriting = 1;
        size_t i;
        json_t *r;
        json_array_foreach(x.aStage, i, r){
          if( x.stFatal || json_array_size(x.aErr) ) break;
          x.iRow = (int)json_integer_value(json_array_get(r, 0));
          x.pIn = json_array_get(r, 1);
          xWrite(&x);
          x.pIn = 0;
          if( (i + 1) % CSVIMP_PROGRESS_EVERY==0 ) progress(&x, "written", (int)i + 1, nStage);
        }
        if( !x.stFatal && json_array_size(x.aErr)==0 && nStage % CSVIMP_PROGRESS_EVERY )
          progress(&x, "written", nStage, nStage);
      }
    }
  }
  if( xFinish && bTxn && !x.stFatal && json_array_size(x.aErr)==0 ) xFinish(&x);
  json_decref(x.aStage);
  x.aStage = 0;
  if( x.stFatal ){
    if( bTxn ) db_rollback(c->db);
    *e = x.eFatal;
    json_decref(x.aErr);
    json_decref(x.aChange);
    return x.stFatal;
  }
  int nErr = (int)json_array_size(x.aErr);
  if( bTxn ){
    if( nErr || bDryRun ) db_rollback(c->db);
    else if( (st = db_commit(c->db, e)) ){ db_rollback(c->db); json_decref(x.aErr); json_decref(x.aChange); return st; }
  }
  *ppReport = json_pack("{s:i, s:i, s:i, s:o, s:b}", "rows", x.nRows,
    "created", nErr ? 0 : x.nCreated, "skipped", x.nSkipped, "errors", x.aErr, "dry_run", bDryRun);
  if( bIdForm ){
    json_object_set_new(*ppReport, "updated", json_integer(nErr ? 0 : x.nUpdated));
    json_object_set_new(*ppReport, "unchanged", json_integer(x.nUnchanged));
    json_object_set_new(*ppReport, "changes", nErr ? json_array() : json_incref(x.aChange));
  }
  json_decref(x.aChange);
  if( nErr ){
    json_t *e0 = json_array_get(x.aErr, 0);
    return err_set(e, YC_EINVALID, "import_failed", json_string_value(json_object_get(e0, "field")),
                   "%d row error(s); nothing imported. First (row %d): %s", nErr,
                   (int)json_integer_value(json_object_get(e0, "row")),
                   json_string_value(json_object_get(e0, "message")));
  }
  return YC_OK;
fail_early:
  csv_free(&csv);
  json_decref(x.aErr);
  json_decref(x.aChange);
  json_decref(x.aStage);
  return st;
}

YcStatus csvimp_run_ex(Ctx *c, const char *zData, size_t nData, int bDryRun,
                       const char *const *azCol, CsvImportFn xHeader, CsvImportFn xRow,
                       CsvImportFn xFinish, void *pArg, int bIdForm, json_t **ppReport, Err *e){
  return run_import(c, zData, nData, bDryRun, azCol, xHeader, xRow, 0, 0, xFinish, pArg, bIdForm, ppReport, e);
}

YcStatus csvimp_run_staged(Ctx *c, const char *zData, size_t nData, int bDryRun,
                           const char *const *azCol, CsvImportFn xHeader, CsvImportFn xRow,
                           CsvCheckFn xCheck, CsvImportFn xWrite, CsvImportFn xFinish,
                           void *pArg, json_t **ppReport, Err *e){
  return run_import(c, zData, nData, bDryRun, azCol, xHeader, xRow, xCheck, xWrite, xFinish, pArg, 0, ppReport, e);
}
