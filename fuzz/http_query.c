/* fuzz/http_query.c: query strings. The input is a request target
** ("/api/v1/partners?q=...&limit=3"), sent as a GET through
** libmicrohttpd to the product's routes (fuzzlib.c): its parameter
** decoding, http_check_params / http_query, and each list's filters and
** paging (core/page.h). A target starting with "!" is sent signed in. */
#include <stdlib.h>
#include <string.h>
#include "fuzzlib.h"

int LLVMFuzzerInitialize(int *pArgc, char ***pArgv){
  (void)pArgc; (void)pArgv;
  fz_cookie();
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *a, size_t n){
  if( n<1 || n>2048 ) return 0;
  int bAuth = a[0]=='!';
  char *z = fz_str(a + bAuth, n - (size_t)bAuth);
  /* The target only: no way out of the request line. */
  if( z[0]!='/' || strlen(z)!=n - (size_t)bAuth || strpbrk(z, " \r\n") ){ free(z); return 0; }
  fz_request("GET", z, bAuth, 0, 0, 0);
  free(z);
  return 0;
}
