/* match_text.c: the text forms of the matching indexes; see match_text.h. */
#include <stdlib.h>
#include <string.h>
#include "core/match_text.h"
#include "base/buf.h"
#include "text/norm.h"

typedef struct NormCtx { Buf b; int iLastEnd, bLastCjk; } NormCtx;

static int norm_tok(void *p, const char *zTok, int nTok, int iStart, int iEnd, int bCjk){
  NormCtx *x = p;
  if( x->b.n && !(bCjk && x->bLastCjk && x->iLastEnd==iStart) ) buf_putc(&x->b, ' ');
  buf_append(&x->b, zTok, (size_t)nTok);
  x->iLastEnd = iEnd;
  x->bLastCjk = bCjk;
  return 0;
}

char *match_norm_tokens(const char *z){
  NormCtx x = {BUF_INIT, -1, 0};
  text_tokenize(z, (int)strlen(z), norm_tok, &x);
  if( buf_error(&x.b) ){ buf_free(&x.b); return 0; }
  if( !x.b.n ){ buf_free(&x.b); return strdup(""); }
  return buf_take(&x.b);
}

char *match_fold_norm(const char *z, size_t nMax){
  if( !z ) return 0;
  size_t n = strlen(z);
  if( n>nMax ){ n = nMax; while( n>0 && ((unsigned char)z[n] & 0xC0)==0x80 ) n--; }
  char *zF = text_fold_n(z, n);
  if( !zF ) return 0;
  char *zN = match_norm_tokens(zF);
  free(zF);
  return zN;
}

typedef struct BgCtx { Buf b; int iLastEnd; unsigned uLast; int bLast; } BgCtx;

static unsigned utf8_cp(const char *z, int n){
  const unsigned char *u = (const unsigned char*)z;
  if( n==1 ) return u[0];
  if( n==2 ) return ((u[0] & 0x1Fu)<<6) | (u[1] & 0x3Fu);
  if( n==3 ) return ((u[0] & 0x0Fu)<<12) | ((u[1] & 0x3Fu)<<6) | (u[2] & 0x3Fu);
  return ((u[0] & 0x07u)<<18) | ((u[1] & 0x3Fu)<<12) | ((u[2] & 0x3Fu)<<6) | (u[3] & 0x3Fu);
}

static int bg_tok(void *p, const char *zTok, int nTok, int iStart, int iEnd, int bCjk){
  BgCtx *x = p;
  if( !bCjk ){ x->bLast = 0; return 0; }
  unsigned u = utf8_cp(zTok, nTok);
  if( x->bLast && x->iLastEnd==iStart ) buf_printf(&x->b, "%sx%x%x", x->b.n ? " " : "", x->uLast, u);
  x->bLast = 1;
  x->uLast = u;
  x->iLastEnd = iEnd;
  return 0;
}

char *match_cjk_bigrams(const char *z){
  BgCtx x = {BUF_INIT, -1, 0, 0};
  text_tokenize(z, (int)strlen(z), bg_tok, &x);
  if( buf_error(&x.b) ){ buf_free(&x.b); return 0; }
  if( !x.b.n ){ buf_free(&x.b); return strdup(""); }
  return buf_take(&x.b);
}
