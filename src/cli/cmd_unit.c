/*
** COMMAND: unit
** cmd_unit.c: units of the home side (the foreign-affairs office,
** departments, districts and counties, development zones).
*/
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "core/unit.h"
#include "base/json.h"

static const CliField aUnitOpt[] = {
  {"name-zh", "name_zh", CLI_STR}, {"name-en", "name_en", CLI_STR}, {"kind", "kind", CLI_STR}, {0, 0, 0}};

static void print_units(json_t *out){
  size_t i;
  json_t *u;
  printf("%-5s %-11s %-6s %-30s %s\n", "ID", "KIND", "USERS", "NAME (ZH)", "NAME (EN)");
  json_array_foreach(json_object_get(out, "items"), i, u){
    printf("%-5lld %-11s %-6lld %-30s %s\n", jint(u, "id"), jstr0(u, "kind"), jint(u, "users"),
           jstr0(u, "name_zh"), jstr0(u, "name_en"));
  }
  cli_list_total(out, "unit", "");
}

int cmd_unit(int argc, char **argv){
  const char *zDb = cli_opt(&argc, argv, "db");
  int bJson = cli_flag(&argc, argv, "json");
  if( argc<2 ){ fprintf(stderr, "youcheng unit: give a subcommand (list, add, edit, delete)\n"); return 2; }
  const char *zSub = argv[1];
  Ctx c;
  Err e;
  memset(&e, 0, sizeof e);
  json_t *out = 0, *in = 0;
  YcStatus st;
  int64_t id = 0;
  int rc;
  if( strcmp(zSub, "list")==0 ){
    const char *zQ = cli_opt(&argc, argv, "q"), *zKind = cli_opt(&argc, argv, "kind");
    if( (rc = cli_leftover(argc, argv, 1, "unit list")) ) return rc;
    if( (rc = cli_open(zDb, &c)) ) return rc;
    st = unit_list(&c, zQ, zKind, &out, &e);
    return cli_finish(&c, st, &e, out, bJson, print_units);
  }
  if( strcmp(zSub, "add")==0 || strcmp(zSub, "edit")==0 ){
    int bEdit = zSub[0]=='e';
    if( (rc = cli_json_opts(&argc, argv, aUnitOpt, bEdit, bEdit ? "unit edit" : "unit add", &in)) ) return rc;
    if( (rc = cli_leftover(argc, argv, bEdit ? 2 : 1, bEdit ? "unit edit" : "unit add"))
     || (bEdit && (rc = cli_id(argv[2], "unit edit", "ID", &id))) ){ json_decref(in); return rc; }
    if( (rc = cli_open(zDb, &c)) ){ json_decref(in); return rc; }
    st = bEdit ? unit_update(&c, id, in, &out, &e) : unit_create(&c, in, &out, &e);
    cli_close(&c);
    json_decref(in);
    if( st ) return cli_fail(&e);
    if( bJson ) cli_print_json(out);
    else printf("unit %lld %s\n", jint(out, "id"), bEdit ? "saved" : "added");
    json_decref(out);
    return 0;
  }
  if( strcmp(zSub, "delete")==0 ){
    if( (rc = cli_leftover(argc, argv, 2, "unit delete")) || (rc = cli_id(argv[2], "unit delete", "ID", &id)) ) return rc;
    if( (rc = cli_open(zDb, &c)) ) return rc;
    st = unit_delete(&c, id, &e);
    cli_close(&c);
    if( st ) return cli_fail(&e);
    printf("unit %lld deleted\n", (long long)id);
    return 0;
  }
  fprintf(stderr, "youcheng unit: unknown subcommand '%s' (list, add, edit, delete)\n", zSub);
  return 2;
}
