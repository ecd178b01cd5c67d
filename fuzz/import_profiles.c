/* fuzz/import_profiles.c: the CSV import of profile items (profile_import_csv), as a dry run against the demo database
** (POST /api/v1/import/profiles?dry_run=1 and the CLI call the same function). */
#include "fuzzlib.h"
#include "core/profile.h"

int LLVMFuzzerInitialize(int *pArgc, char ***pArgv){
  (void)pArgc; (void)pArgv;
  fz_ctx();
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *a, size_t n){
  return fz_import(profile_import_csv, a, n);
}
