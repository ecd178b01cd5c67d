/*
** COMMAND: export
** COMMAND: import orgs
** COMMAND: import projects
** COMMAND: import events
** COMMAND: import people
** COMMAND: import delegations
** cmd_export.c: `youcheng export TYPE [--format csv|xlsx] [--out FILE]
** [filters...]` (core/export.h: the list's filters, every row) and the
** kinds of `youcheng import` whose only format is the export's.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "cli/cmd_export.h"
#include "core/export.h"
#include "base/json.h"

int cmd_export(int argc, char **argv){
  const char *zDb = cli_opt(&argc, argv, "db");
  const char *zFormat = cli_opt(&argc, argv, "format");
  const char *zOut = cli_opt(&argc, argv, "out");
  const ExportType *t = argc>1 ? export_type(argv[1]) : 0;
  if( !t ){
    fprintf(stderr, "youcheng export: TYPE must be one of");
    for(const ExportType *k = aExportType; k->zName; k++) fprintf(stderr, " %s", k->zName);
    fprintf(stderr, "\n");
    return 2;
  }
  if( zFormat && strcmp(zFormat, "csv")!=0 && strcmp(zFormat, "xlsx")!=0 ){
    fprintf(stderr, "youcheng export: --format must be csv or xlsx\n");
    return 2;
  }
  int bXlsx = zFormat && strcmp(zFormat, "xlsx")==0;
  /* The list's filters: --NAME VALUE (NAME as the API's query parameter,
  ** '_' or '-'). */
  const char *az[40];
  memset(az, 0, sizeof az);
  for(int i=0; t->azParam[i] && i<40; i++){
    char zDash[64];
    snprintf(zDash, sizeof zDash, "%s", t->azParam[i]);
    for(char *s = zDash; *s; s++) if( *s=='_' ) *s = '-';
    az[i] = cli_opt(&argc, argv, t->azParam[i]);
    if( !az[i] && strcmp(zDash, t->azParam[i])!=0 ) az[i] = cli_opt(&argc, argv, zDash);
  }
  int rc = cli_leftover(argc, argv, 1, "export");
  if( rc ) return rc;
  if( bXlsx && !zOut ){
    fprintf(stderr, "youcheng export: --format xlsx needs --out FILE\n");
    return 2;
  }
  Ctx c;
  if( (rc = cli_open(zDb, &c)) ) return rc;
  Err e;
  memset(&e, 0, sizeof e);
  Buf b = BUF_INIT;
  YcStatus st = export_write(&c, t, az, bXlsx, &b, &e);
  cli_close(&c);
  if( st ){ buf_free(&b); return cli_fail(&e); }
  FILE *f = zOut && strcmp(zOut, "-")!=0 ? fopen(zOut, "wb") : stdout;
  if( !f ){ perror(zOut); buf_free(&b); return 1; }
  size_t n = fwrite(b.z ? b.z : "", 1, b.n, f);
  int bFail = n!=b.n;
  if( f!=stdout ) bFail |= fclose(f)!=0;
  else bFail |= fflush(f)!=0;
  buf_free(&b);
  if( bFail ){ fprintf(stderr, "youcheng export: cannot write %s\n", zOut ? zOut : "standard output"); return 1; }
  return 0;
}

void export_print_report(const char *zFile, json_t *rep, int bDry){
  printf("%s: %lld row(s), %lld created, %lld updated, %lld unchanged, %zu error(s)%s\n", zFile,
         (long long)json_integer_value(json_object_get(rep, "rows")),
         (long long)json_integer_value(json_object_get(rep, "created")),
         (long long)json_integer_value(json_object_get(rep, "updated")),
         (long long)json_integer_value(json_object_get(rep, "unchanged")),
         json_array_size(json_object_get(rep, "errors")), bDry ? " [dry run: nothing written]" : "");
  json_t *x, *y;
  size_t i, k;
  json_array_foreach(json_object_get(rep, "changes"), i, x){
    printf("  row %lld: id %lld %s:", (long long)json_integer_value(json_object_get(x, "row")),
           (long long)json_integer_value(json_object_get(x, "id")), jstr0(x, "outcome"));
    json_array_foreach(json_object_get(x, "columns"), k, y) printf(" %s", json_string_value(y));
    printf("\n");
  }
  json_array_foreach(json_object_get(rep, "errors"), i, x){
    printf("  row %lld: %s: %s\n", (long long)json_integer_value(json_object_get(x, "row")),
           jstr0(x, "field"), jstr0(x, "message"));
  }
}

int export_import_cmd(const char *zKind, const char *zFile, const char *zDb, int bDry, int bJson){
  size_t n;
  char *zData = cli_read_file(zFile, 256u<<20, &n);
  if( !zData ) return 1;
  Ctx c;
  int rc;
  if( (rc = cli_open(zDb, &c)) ){ free(zData); return rc; }
  Err e;
  memset(&e, 0, sizeof e);
  json_t *rep = 0;
  c.xProgress = cli_import_progress;
  YcStatus st = export_import_any(&c, zKind, zData, n, bDry, &rep, &e);
  cli_close(&c);
  free(zData);
  if( rep ){
    if( bJson ) cli_print_json(rep);
    else export_print_report(zFile, rep, bDry);
    json_decref(rep);
  }
  if( st ) return cli_fail(&e);
  return 0;
}
