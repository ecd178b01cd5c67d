/* fuzz/import_partners.c: the CSV import of partner ties (partner_import), as a dry run against the demo database
** (POST /api/v1/import/partners?dry_run=1 and the CLI call the same function). */
#include <stdlib.h>
#include <jansson.h>
#include "fuzzlib.h"
#include "core/partner_import.h"

int LLVMFuzzerInitialize(int *pArgc, char ***pArgv){
  (void)pArgc; (void)pArgv;
  fz_ctx();
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *a, size_t n){
  Err e;
  json_t *rep = 0;
  fz_begin();
  YcStatus st = partner_import(fz_ctx(), (const char*)a, n, 1, &rep, &e);
  fz_debug(st, &e, 0);
  json_decref(rep);
  fz_end();
  return 0;
}
