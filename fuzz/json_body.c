/* fuzz/json_body.c: JSON body validation. The first byte of the input
** picks one of the API's write routes with a JSON body (POST, PATCH, PUT;
** "{}" in its path is 1), the rest is the body, sent signed in (an admin)
** through libmicrohttpd to the product's handler (fuzzlib.c):
** http_body_json, then the record kit (web/record.c) and the core
** function's validation (core/input.c) and write, rolled back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzzlib.h"
#include "web/route.h"

static const char *azMethod[256];
static char *azPath[256];
static int nRoute;

int LLVMFuzzerInitialize(int *pArgc, char ***pArgv){
  (void)pArgc; (void)pArgv;
  fz_cookie();
  for(const Route *rt = aRoute; rt->zMethod && nRoute<256; rt++){
    const char *zBody = rt->pApi ? rt->pApi->zBody : 0;
    if( !zBody || strcmp(zBody, "csv")==0 || strcmp(zBody, "binary")==0 ) continue;
    azMethod[nRoute] = rt->zMethod;
    azPath[nRoute++] = fz_path(rt->zPattern);
  }
  if( nRoute==0 ) abort();
  if( getenv("YC_FUZZ_DEBUG") ){
    for(int i=0; i<nRoute; i++) fprintf(stderr, "fuzz: route %d (byte %d mod %d): %s %s\n", i, i, nRoute, azMethod[i], azPath[i]);
    for(const Route *rt = aRoute; rt->zMethod; rt++){
      for(int k=0; rt->pApi && rt->pApi->azBody && rt->pApi->azBody[k]; k++) fprintf(stderr, "fuzz: field %s\n", rt->pApi->azBody[k]);
    }
  }
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *a, size_t n){
  if( n<1 ) return 0;
  int i = a[0] % nRoute;
  fz_request(azMethod[i], azPath[i], 1, "application/json", (const char*)a + 1, n - 1);
  return 0;
}
