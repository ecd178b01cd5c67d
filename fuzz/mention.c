/* fuzz/mention.c: the mention finder (core/mention.c) over the demo
** database's names, as a signed-in caller (people included) and as an
** anonymous one. */
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "fuzzlib.h"
#include "core/mention.h"

int LLVMFuzzerInitialize(int *pArgc, char ***pArgv){
  (void)pArgc; (void)pArgv;
  fz_ctx();
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *a, size_t n){
  char *z = fz_str(a, n);
  Ctx c = *fz_ctx();
  for(int i=0; i<2; i++){
    Err e;
    json_t *out = 0;
    c.zRole = i ? "editor" : 0;
    mention_find(&c, z, &out, &e);
    json_decref(out);
  }
  free(z);
  return 0;
}
