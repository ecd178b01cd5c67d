/* fuzz/multipart.c: the multipart/form-data uploads of the pages (the
** twin-file import form, POST /twins/import, and news attachments, POST
** /news/1/attachments), decoded by libmicrohttpd's post processor as the
** handlers do. Input: a first byte picking the route, the boundary up to
** the first newline, then the body, in which "@CSRF@" stands for the
** session's CSRF token; sent signed in (an admin), writes rolled back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzzlib.h"
#include "base/buf.h"

static const char *const azPath[] = {"/twins/import", "/news/1/attachments"};

int LLVMFuzzerInitialize(int *pArgc, char ***pArgv){
  (void)pArgc; (void)pArgv;
  fz_cookie();
  fz_warm_twins();
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *a, size_t n){
  if( n<2 ) return 0;
  const char *zPath = azPath[a[0] % 2];
  const uint8_t *pNl = memchr(a + 1, '\n', n - 1);
  if( !pNl || pNl - a > 72 ) return 0;
  char *zBound = fz_str(a + 1, (size_t)(pNl - a - 1));
  if( strlen(zBound)!=(size_t)(pNl - a - 1) || strpbrk(zBound, "\r") ){ free(zBound); return 0; }
  char zType[160];
  snprintf(zType, sizeof zType, "multipart/form-data; boundary=%s", zBound);
  Buf b;
  memset(&b, 0, sizeof b);
  const char *p = (const char*)pNl + 1, *pEnd = (const char*)a + n;
  while( p<pEnd ){
    const char *q = memmem(p, (size_t)(pEnd - p), "@CSRF@", 6);
    if( !q ){ buf_append(&b, p, (size_t)(pEnd - p)); break; }
    buf_append(&b, p, (size_t)(q - p));
    buf_append(&b, fz_csrf(), strlen(fz_csrf()));
    p = q + 6;
  }
  fz_request("POST", zPath, 1, zType, buf_str(&b), b.n);
  buf_free(&b);
  free(zBound);
  return 0;
}
