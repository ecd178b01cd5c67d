/* fuzz/import_partners.c: the CSV import of partner ties (partner_import), as a dry run against the demo database
** (POST /api/v1/import/partners?dry_run=1 and the CLI call the same function). */
#include "fuzzlib.h"
#include "core/partner_import.h"

int LLVMFuzzerInitialize(int *pArgc, char ***pArgv){
  (void)pArgc; (void)pArgv;
  fz_ctx();
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *a, size_t n){
  return fz_import(partner_import, a, n);
}
