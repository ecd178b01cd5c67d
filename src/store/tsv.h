/*
** tsv.h: the embedded TSV assets (the data TSV files, with a '#' comment header and
** a column header line), line by line. Its own module so that the loaders
** of store/refdata.c and store/gazetteer.c (which refdata calls) share it
** without including each other.
*/
#ifndef YC_TSV_H
#define YC_TSV_H
#include <stddef.h>
#include "base/err.h"

/* Call xLine for each data line of an embedded TSV asset (skipping '#'
** comments and the header). azField points into a scratch copy. nWant: the
** number of fields every line must have (0: any). */
typedef YcStatus (*TsvLineFn)(void *pCtx, char **azField, int nField, int iLine, Err *e);
YcStatus tsv_each(const char *zAsset, int nWant, TsvLineFn xLine, void *pCtx, Err *e);
/* The same over the text z[0..n) (zName names it in errors). */
YcStatus tsv_each_text(const char *zName, const char *z, size_t n, int nWant, TsvLineFn xLine, void *pCtx, Err *e);

#endif
