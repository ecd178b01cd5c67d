/* buf.c: growable buffer with sticky error; see buf.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/buf.h"

int buf_reserve(Buf *p, size_t nMore){
  if( p->bErr ) return 0;
  if( nMore >= ((size_t)-1)/2 - p->n ){ p->bErr = 1; return 0; }   /* no wrap-around */
  if( p->n + nMore + 1 <= p->nAlloc ) return 1;
  size_t nNew = p->nAlloc ? p->nAlloc : 64;
  while( nNew < p->n + nMore + 1 ){
    if( nNew > ((size_t)-1)/2 ){ p->bErr = 1; return 0; }
    nNew *= 2;
  }
  char *z = realloc(p->z, nNew);
  if( !z ){ p->bErr = 1; return 0; }
  p->z = z;
  p->nAlloc = nNew;
  return 1;
}

void buf_append(Buf *p, const char *z, size_t n){
  if( !buf_reserve(p, n) ) return;
  if( n ) memcpy(p->z + p->n, z, n);
  p->n += n;
  p->z[p->n] = 0;
}

void buf_puts(Buf *p, const char *z){ if( z ) buf_append(p, z, strlen(z)); }
void buf_putc(Buf *p, char c){ buf_append(p, &c, 1); }

void buf_vprintf(Buf *p, const char *zFmt, va_list ap){
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(0, 0, zFmt, ap2);
  va_end(ap2);
  if( n<0 ){ p->bErr = 1; return; }
  if( !buf_reserve(p, (size_t)n) ) return;
  vsnprintf(p->z + p->n, (size_t)n + 1, zFmt, ap);
  p->n += (size_t)n;
}

void buf_printf(Buf *p, const char *zFmt, ...){
  va_list ap;
  va_start(ap, zFmt);
  buf_vprintf(p, zFmt, ap);
  va_end(ap);
}

void buf_html(Buf *p, const char *z){
  if( !z ) return;
  const char *zStart = z;
  for(; *z; z++){
    const char *zRep = 0;
    switch( *z ){
      case '&': zRep = "&amp;"; break;
      case '<': zRep = "&lt;"; break;
      case '>': zRep = "&gt;"; break;
      case '"': zRep = "&quot;"; break;
      case '\'': zRep = "&#39;"; break;
    }
    if( zRep ){
      buf_append(p, zStart, (size_t)(z - zStart));
      buf_puts(p, zRep);
      zStart = z + 1;
    }
  }
  buf_append(p, zStart, (size_t)(z - zStart));
}

void buf_url(Buf *p, const char *z){
  static const char hex[] = "0123456789ABCDEF";
  for(; z && *z; z++){
    unsigned char c = (unsigned char)*z;
    if( (c>='a'&&c<='z') || (c>='A'&&c<='Z') || (c>='0'&&c<='9')
     || c=='-' || c=='_' || c=='.' || c=='~' ){
      buf_putc(p, (char)c);
    }else{
      char a[3] = {'%', hex[c>>4], hex[c&15]};
      buf_append(p, a, 3);
    }
  }
}

const char *buf_str(const Buf *p){ return p->z ? p->z : ""; }
int buf_error(const Buf *p){ return p->bErr; }
void buf_reset(Buf *p){ p->n = 0; if( p->z ) p->z[0] = 0; p->bErr = 0; }
void buf_free(Buf *p){ free(p->z); memset(p, 0, sizeof(*p)); }

char *buf_take(Buf *p){
  char *z = p->z;
  if( !z ) z = calloc(1, 1);
  memset(p, 0, sizeof(*p));
  return z;
}

char *buf_mprintf(const char *zFmt, ...){
  Buf b = BUF_INIT;
  va_list ap;
  va_start(ap, zFmt);
  buf_vprintf(&b, zFmt, ap);
  va_end(ap);
  if( buf_error(&b) ){ buf_free(&b); return 0; }
  return buf_take(&b);
}
