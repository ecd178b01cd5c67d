/* fuzz/import_exchanges.c: the CSV import of exchanges (exchange_import), as a dry run against the demo database
** (POST /api/v1/import/exchanges?dry_run=1 and the CLI call the same function). */
#include "fuzzlib.h"
#include "core/exchange.h"

int LLVMFuzzerInitialize(int *pArgc, char ***pArgv){
  (void)pArgc; (void)pArgv;
  fz_ctx();
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *a, size_t n){
  return fz_import(exchange_import, a, n);
}
