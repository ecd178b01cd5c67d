/* fuzz/import_twins.c: the twin-file formats (core/twins_import.c) as a
** dry run against the demo database. The first line of the input is
** "FORMAT" or "FORMAT MAP" (FORMAT: auto, wikipedia, wikidata,
** eu_wikidata, mapped; MAP: a column mapping); the rest is the file. */
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "fuzzlib.h"
#include "core/twins_import.h"

int LLVMFuzzerInitialize(int *pArgc, char ***pArgv){
  (void)pArgc; (void)pArgv;
  fz_ctx();
  fz_warm_twins();
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *a, size_t n){
  const uint8_t *pNl = memchr(a, '\n', n);
  if( !pNl || pNl - a > 400 ) return 0;
  char *zHead = fz_str(a, (size_t)(pNl - a));
  char *zMap = strchr(zHead, ' ');
  if( zMap ) *zMap++ = 0;
  const char *zFormat = strcmp(zHead, "auto")==0 ? 0 : zHead;
  Err e;
  json_t *rep = 0;
  fz_begin();
  YcStatus st = twins_import(fz_ctx(), "fuzz.csv", (const char*)pNl + 1, n - (size_t)(pNl - a) - 1,
               zFormat, zMap, TWIN_DRY_RUN, &rep, &e);
  fz_debug(st, &e, 0);
  json_decref(rep);
  fz_end();
  free(zHead);
  return 0;
}
