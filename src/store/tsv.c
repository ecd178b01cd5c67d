/* tsv.c: reading the embedded TSV files; see tsv.h. */
#include <stdlib.h>
#include <string.h>
#include "store/tsv.h"
#include "base/asset.h"

YcStatus tsv_each(const char *zAsset, int nWant, TsvLineFn xLine, void *pCtx, Err *e){
  size_t n;
  const unsigned char *p = asset_find(zAsset, &n);
  if( !p ) return err_set(e, YC_EINTERNAL, "asset", 0, "embedded file %s missing", zAsset);
  return tsv_each_text(zAsset, (const char*)p, n, nWant, xLine, pCtx, e);
}

YcStatus tsv_each_text(const char *zAsset, const char *p, size_t n, int nWant, TsvLineFn xLine, void *pCtx, Err *e){
  char *z = malloc(n + 1);
  if( !z ) return err_set(e, YC_EINTERNAL, 0, 0, "out of memory");
  memcpy(z, p, n);
  z[n] = 0;
  YcStatus st = YC_OK;
  int iLine = 0, bHeader = 1;
  char *azField[32];
  for(char *zLine = z, *zNext; zLine && *zLine && st==YC_OK; zLine = zNext){
    zNext = strchr(zLine, '\n');
    if( zNext ) *zNext++ = 0;
    iLine++;
    if( zLine[0]=='#' || zLine[0]==0 ) continue;
    if( bHeader ){ bHeader = 0; continue; }
    int nField = 0;
    for(char *f = zLine; f && nField<32; ){
      azField[nField++] = f;
      f = strchr(f, '\t');
      if( f ) *f++ = 0;
    }
    if( nWant && nField!=nWant ){
      st = err_set(e, YC_EINTERNAL, "asset", 0, "%s:%d: %d fields, want %d",
                   zAsset, iLine, nField, nWant);
      break;
    }
    st = xLine(pCtx, azField, nField, iLine, e);
  }
  free(z);
  return st;
}
