/*
** tsv.h: the embedded TSV files of reference and demo data (data/NAME.tsv,
** a '#' comment block citing the source, a header line, tab-separated rows).
*/
#ifndef YC_TSV_H
#define YC_TSV_H
#include "base/err.h"

/* Call xLine for each data line of an embedded TSV asset (skipping '#'
** comments and the header). azField points into a scratch copy. */
typedef YcStatus (*TsvLineFn)(void *pCtx, char **azField, int nField, int iLine, Err *e);
YcStatus tsv_each(const char *zAsset, int nWant, TsvLineFn xLine, void *pCtx, Err *e);

#endif
