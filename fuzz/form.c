/* fuzz/form.c: the form posts of the pages (application/x-www-form-urlencoded,
** decoded by libmicrohttpd's post processor in form_parse, web/ui.c). The
** first byte of the input picks one of the pages' POST routes ("{}" in its
** path is 1); the rest is the form after the session's CSRF field, sent
** signed in (an admin) through libmicrohttpd to the product's handler
** (fuzzlib.c), writes rolled back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzzlib.h"
#include "base/buf.h"

static const char *azMethod[256];
static char *azPath[256];
static int nRoute;

int LLVMFuzzerInitialize(int *pArgc, char ***pArgv){
  (void)pArgc; (void)pArgv;
  fz_cookie();
  nRoute = fz_routes("POST", 0, azMethod, azPath, 256);
  if( nRoute==0 ) abort();
  if( getenv("YC_FUZZ_DEBUG") ){
    for(int i=0; i<nRoute; i++) fprintf(stderr, "fuzz: route %d (byte %d mod %d): %s %s\n", i, i, nRoute, azMethod[i], azPath[i]);
  }
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *a, size_t n){
  if( n<1 ) return 0;
  int i = a[0] % nRoute;
  Buf b;
  memset(&b, 0, sizeof b);
  buf_append(&b, "csrf=", 5);
  buf_append(&b, fz_csrf(), strlen(fz_csrf()));
  buf_append(&b, "&", 1);
  buf_append(&b, (const char*)a + 1, n - 1);
  fz_request(azMethod[i], azPath[i], 1, "application/x-www-form-urlencoded", buf_str(&b), b.n);
  buf_free(&b);
  return 0;
}
