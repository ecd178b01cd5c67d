/* fuzz/import_export.c: the CSV import of each record type, and the import
** of an export (export_import_any: orgs, projects, events, people,
** delegations, and partners, exchanges, opportunities in export form), as
** a dry run against the demo database. The first line of the input names
** the type (POST /api/v1/import/{type}); the rest is the file. */
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "fuzzlib.h"
#include "core/export.h"

int LLVMFuzzerInitialize(int *pArgc, char ***pArgv){
  (void)pArgc; (void)pArgv;
  fz_ctx();
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *a, size_t n){
  const uint8_t *pNl = memchr(a, '\n', n);
  if( !pNl || pNl - a > 32 ) return 0;
  char *zType = fz_str(a, (size_t)(pNl - a));
  Err e;
  json_t *rep = 0;
  fz_begin();
  YcStatus st = export_import_any(fz_ctx(), zType, (const char*)pNl + 1, n - (size_t)(pNl - a) - 1, 1, &rep, &e);
  fz_debug(st, &e, 0);
  json_decref(rep);
  fz_end();
  free(zType);
  return 0;
}
