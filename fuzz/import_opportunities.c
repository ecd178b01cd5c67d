/* fuzz/import_opportunities.c: the CSV import of opportunities (opp_import_csv), as a dry run against the demo database
** (POST /api/v1/import/opportunities?dry_run=1 and the CLI call the same function). */
#include "fuzzlib.h"
#include "core/opportunity.h"

int LLVMFuzzerInitialize(int *pArgc, char ***pArgv){
  (void)pArgc; (void)pArgv;
  fz_ctx();
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *a, size_t n){
  return fz_import(opp_import_csv, a, n);
}
