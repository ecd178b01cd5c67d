/* fuzz/text_fold.c: the text folding of text/norm.c: UTF-8 check, pinyin
** annotations, fold (OpenCC t2s + ICU), t2s, pinyin, the search
** tokenizer and the FTS query builder, as search and matching call them. */
#include <stdlib.h>
#include <string.h>
#include "fuzzlib.h"
#include "text/norm.h"

static int on_token(void *pCtx, const char *zTok, int nTok, int iStart, int iEnd, int bCjk){
  size_t n = *(size_t*)pCtx;
  (void)bCjk;
  if( nTok<0 || iStart<0 || iEnd<iStart || (size_t)iEnd>n || zTok==0 ) abort();
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *a, size_t n){
  char *z = fz_str(a, n);
  free(text_strip_annotations(z, n));
  if( text_utf8_valid(z, n) && strlen(z)==n ){
    char *zFold = text_fold(z);
    if( zFold ){
      size_t nFold = strlen(zFold);
      if( !text_utf8_valid(zFold, nFold) ) abort();
      text_tokenize(zFold, (int)nFold, on_token, &nFold);
      free(zFold);
    }
    free(text_t2s(z));
    free(text_pinyin(z));
    free(text_fts_query(z));
  }else{
    free(text_fold_n(z, n));
  }
  free(z);
  return 0;
}
