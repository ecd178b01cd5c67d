/*
** COMMAND: partner
** COMMAND: import partners
** cmd_partner.c: the registry from the command line; the same core
** functions as GET /api/v1/partners and the partners page.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/export.h"
#include "cli/cmd_export.h"
#include "cli/cli.h"
#include "core/partner.h"
#include "core/partner_import.h"
#include "base/json.h"

static void print_table(json_t *list){
  json_t *items = json_object_get(list, "items"), *x;
  size_t i;
  printf("%-5s %-12s %-11s %-10s %-28s %-14s %s\n", "ID", "KIND", "STATUS", "SINCE", "CITY, ADMIN-1, COUNTRY", "CITY (ZH)", "COUNTRY");
  json_array_foreach(items, i, x){
    json_t *city = json_object_get(x, "city");
    json_t *est = json_object_get(x, "established");
    char zKind[24];
    snprintf(zKind, sizeof zKind, "%s%s", jstr0(x, "kind"), json_is_true(json_object_get(x, "kind_verified")) ? "" : "?");
    const char *zLabel = jstr0(x, "label");
    printf("%-5lld %-12s %-11s %-10s %-28s %-14s %s\n",
           (long long)json_integer_value(json_object_get(x, "id")), zKind, jstr0(x, "status"),
           est && !json_is_null(est) ? jstr0(est, "date") : "-",
           *zLabel ? zLabel : jstr0(city, "label_en"), jstr0(city, "name_zh"),
           jstr0(json_object_get(city, "country"), "iso2"));
  }
  cli_list_total(list, "tie", "; '?' = type unverified");
}

int cmd_partner(int argc, char **argv){
  const char *zDb = cli_opt(&argc, argv, "db");
  PartnerQuery q;
  memset(&q, 0, sizeof q);
  q.zKind = cli_opt(&argc, argv, "kind");
  q.zStatus = cli_opt(&argc, argv, "status");
  q.zCountry = cli_opt(&argc, argv, "country");
  q.zContinent = cli_opt(&argc, argv, "continent");
  q.zFrom = cli_opt(&argc, argv, "from");
  q.zTo = cli_opt(&argc, argv, "to");
  q.zQ = cli_opt(&argc, argv, "q");
  q.zSort = cli_opt(&argc, argv, "sort");
  q.zLimit = cli_opt(&argc, argv, "limit");
  q.zCursor = cli_opt(&argc, argv, "cursor");
  int bJson = cli_flag(&argc, argv, "json");
  if( argc<2 ){ fprintf(stderr, "youcheng partner: give a subcommand (list, show)\n"); return 2; }
  int bShow = strcmp(argv[1], "show")==0;
  if( !bShow && strcmp(argv[1], "list")!=0 ){
    fprintf(stderr, "youcheng partner: unknown subcommand '%s' (list, show)\n", argv[1]);
    return 2;
  }
  int rc = cli_leftover(argc, argv, bShow ? 2 : 1, "partner");
  if( rc ) return rc;
  if( !bShow && !q.zLimit ) q.zLimit = "500";
  Ctx c;
  if( (rc = cli_open(zDb, &c)) ) return rc;
  Err e;
  json_t *out = 0;
  YcStatus st;
  if( bShow ){
    char *zEnd;
    long long id = strtoll(argv[2], &zEnd, 10);
    if( *zEnd || id<1 ){ fprintf(stderr, "youcheng partner show: ID must be a number\n"); cli_close(&c); return 2; }
    st = partner_get(&c, id, &out, &e);
  }else{
    st = partner_list(&c, &q, &out, &e);
  }
  cli_close(&c);
  if( st ) return cli_fail(&e);
  if( bJson || bShow ){
    char *z = json_text(out, JSON_INDENT(2));
    printf("%s\n", z);
    free(z);
  }else{
    print_table(out);
  }
  json_decref(out);
  return 0;
}

int partner_import_cmd(const char *zFile, const char *zDb, int bDry, int bJson){
  int rc;
  size_t n;
  char *zData = cli_read_file(zFile, 64u<<20, &n);
  if( !zData ) return 1;
  Ctx c;
  if( (rc = cli_open(zDb, &c)) ){ free(zData); return rc; }
  Err e;
  memset(&e, 0, sizeof e);
  json_t *rep = 0;
  c.xProgress = cli_import_progress;
  YcStatus st = export_import_any(&c, "partners", zData, n, bDry, &rep, &e);
  cli_close(&c);
  free(zData);
  if( rep ){
    if( bJson ){
      char *z = json_text(rep, JSON_INDENT(2));
      printf("%s\n", z);
      free(z);
    }else if( json_object_get(rep, "unchanged") ){
      export_print_report(zFile, rep, bDry);
    }else{
      printf("%s: %lld row(s), %lld created, %lld skipped (already partners), %zu error(s)%s\n", zFile,
             (long long)json_integer_value(json_object_get(rep, "rows")),
             (long long)json_integer_value(json_object_get(rep, "created")),
             (long long)json_integer_value(json_object_get(rep, "skipped")),
             json_array_size(json_object_get(rep, "errors")),
             bDry ? " [dry run: nothing written]" : "");
      json_t *x;
      size_t i;
      json_array_foreach(json_object_get(rep, "errors"), i, x){
        printf("  row %lld: %s: %s\n", (long long)json_integer_value(json_object_get(x, "row")),
               json_string_value(json_object_get(x, "field")), json_string_value(json_object_get(x, "message")));
      }
    }
    json_decref(rep);
  }
  if( st ) return cli_fail(&e);
  return 0;
}
