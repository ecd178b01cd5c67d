/*
** csvimport.h: the one driver of the CSV imports (partners, opportunities,
** ...): RFC 4180 parsing with libcsv (strict), the header mapped to known
** column names (byte-order mark dropped; unknown and repeated columns are
** errors), rows checked against the header's width, every row error
** collected with its row number and field, and all of it in one
** transaction: any error, or a dry run, rolls everything back.
**
** The caller supplies the known columns and a row function that turns one
** row into a core call and records its outcome with csvimp_result().
**
** Staged imports (csvimp_run_staged) hold the write lock only to write
** (issue 14, item 2): the rows are parsed, checked and resolved first, with
** reads only (one read snapshot, no write lock); the row function hands
** each row's resolved input to csvimp_stage(), which checks it with the
** type's own validation. A dry run stops there and never takes the write
** lock. Otherwise one write transaction writes the staged rows with the
** write function (which re-checks cheaply what may have changed since,
** e.g. a duplicate) and commits: still all or nothing. Progress (rows
** resolved, rows written) goes to Ctx.xProgress when set.
*/
#ifndef YC_CSVIMPORT_H
#define YC_CSVIMPORT_H
#include <stddef.h>
#include <jansson.h>
#include "core/ctx.h"

#define CSVIMP_MAX_COLS 32
#define CSVIMP_MAX_ERRORS 100
#define CSVIMP_MAX_CHANGES 1000   /* rows listed in "changes" */

typedef struct CsvImport CsvImport;
struct CsvImport {
  Ctx *c;
  void *pArg;                      /* the caller's */
  const char *const *azCol;        /* known columns, 0-terminated */
  int aCol[CSVIMP_MAX_COLS];       /* file column -> index in azCol, -1 unknown */
  int nCol;                        /* columns in the header */
  char *azField[CSVIMP_MAX_COLS];  /* the current row */
  int nField;
  int bTooMany;
  int iRow;                        /* 1 = the header */
  int nRows, nCreated, nSkipped;
  int nUpdated, nUnchanged;        /* the import of an export (core/export.h) */
  json_t *aErr;
  json_t *aChange;                 /* [{row,id,outcome,columns}] of the rows created or updated */
  YcStatus stFatal;                /* a 500-class failure stops the import */
  Err eFatal;
  /* Staged imports: the rows to write, and the one being written. */
  YcStatus (*xCheck)(Ctx*, json_t*, Err*);
  json_t *aStage;                  /* [[row, input], ...] */
  json_t *pIn;                     /* in the write function: the row's input */
  int bWriting;                    /* 1 in the write phase */
};

/* Called once for the header after the generic checks (may add errors,
** e.g. a missing required column), then once per data row of the right
** width. In a row, x->azField[i] is the value of column azCol[x->aCol[i]]. */
typedef void (*CsvImportFn)(CsvImport *x);

/* Record an error of the current row. */
void csvimp_error(CsvImport *x, const char *zField, const char *zCode, const char *zMsg);
/* Record the outcome of the current row's core call (created or error). */
void csvimp_result(CsvImport *x, YcStatus st, const Err *e);
/* 1 if the header has column zName. */
int csvimp_has_column(const CsvImport *x, const char *zName);

/* Run an import. xHeader and xFinish may be 0; xFinish runs inside the
** transaction after the last row when no row failed (e.g. to re-index what
** the rows touched); it reports a failure through x->stFatal. *ppReport: {"rows","created","skipped","errors":[{row,
** field,code,message}],"dry_run"}. Returns YC_EINVALID (naming the first
** error) if any row failed — nothing is written — else YC_OK. */
YcStatus csvimp_run(Ctx *c, const char *zData, size_t nData, int bDryRun,
                    const char *const *azCol, CsvImportFn xHeader, CsvImportFn xRow,
                    CsvImportFn xFinish, void *pArg, json_t **ppReport, Err *e);
/* The same; with bIdForm (the import of an export) the report adds
** "updated", "unchanged" and "changes". */
YcStatus csvimp_run_ex(Ctx *c, const char *zData, size_t nData, int bDryRun,
                       const char *const *azCol, CsvImportFn xHeader, CsvImportFn xRow,
                       CsvImportFn xFinish, void *pArg, int bIdForm, json_t **ppReport, Err *e);

/* Staged: xRow resolves a row (reads only) and hands its input to
** csvimp_stage; xCheck (may be 0) validates an input without writing;
** xWrite writes x->pIn inside the import's write transaction and records
** the outcome (csvimp_result, or x->nSkipped++); xFinish (may be 0) runs
** in the write transaction after the last write. A dry run runs neither. */
typedef YcStatus (*CsvCheckFn)(Ctx *c, json_t *in, Err *e);
YcStatus csvimp_run_staged(Ctx *c, const char *zData, size_t nData, int bDryRun,
                           const char *const *azCol, CsvImportFn xHeader, CsvImportFn xRow,
                           CsvCheckFn xCheck, CsvImportFn xWrite, CsvImportFn xFinish,
                           void *pArg, json_t **ppReport, Err *e);
/* Stage the current row's input (takes the reference): checked now with
** the run's xCheck (an error is the row's), written in the write phase.
** 1 if staged, 0 if the check refused it. */
int csvimp_stage(CsvImport *x, json_t *in);

#endif
