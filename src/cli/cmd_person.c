/*
** COMMAND: person
** cmd_person.c: people (contacts, friends of the city) from the command
** line; the same core functions as the API and the pages (core/person.h).
** The operator who holds the database file is signed in as admin.
*/
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "cli/cmd_person.h"
#include "base/json.h"
#include "core/archive.h"
#include "core/person.h"

static const CliField aPersonOpt[] = {
  {"name-zh", "name_zh", CLI_STR}, {"name-en", "name_en", CLI_STR}, {"name-native", "name_native", CLI_STR},
  {"title", "title", CLI_STR}, {"org", "org_id", CLI_INT}, {"city", "city_id", CLI_INT},
  {"languages", "languages", CLI_STRS}, {"roles", "roles", CLI_STRS}, {"email", "email", CLI_STR},
  {"phone", "phone", CLI_STR}, {"address", "address", CLI_STR}, {"friend-since", "friend_since", CLI_STR},
  {"notes", "notes", CLI_STR}, {"source", "sources", CLI_STRS}, {0, 0, 0}};

/* A person's name for a table: English, native, then Chinese. */
static const char *person_name(const json_t *x){
  if( jstr(x, "name_en") ) return jstr(x, "name_en");
  if( jstr(x, "name_native") ) return jstr(x, "name_native");
  if( jstr(x, "name_zh") ) return jstr(x, "name_zh");
  return "(erased)";
}

static void print_people(json_t *list){
  json_t *x, *v;
  size_t i, k;
  printf("%-6s %-30s %-12s %-28s %s\n", "ID", "NAME", "中文", "ROLES", "TITLE");
  json_array_foreach(json_object_get(list, "items"), i, x){
    char zRoles[64] = "";
    json_array_foreach(json_object_get(x, "roles"), k, v){
      size_t n = strlen(zRoles);
      snprintf(zRoles + n, sizeof zRoles - n, "%s%s", k ? "," : "", json_string_value(v));
    }
    printf("%-6lld %-30s %-12s %-28s %s\n", jint(x, "id"), person_name(x), jstr0(x, "name_zh"), zRoles, jstr0(x, "title"));
  }
  cli_list_total(list, "person", "");
}

int cmd_person(int argc, char **argv){
  const char *zDb = cli_opt(&argc, argv, "db");
  int bJson = cli_flag(&argc, argv, "json");
  if( argc<2 ){ fprintf(stderr, "youcheng person: give a subcommand (list, show, add, edit, delete, erase)\n"); return 2; }
  const char *zSub = argv[1];
  Ctx c;
  Err e;
  memset(&e, 0, sizeof e);
  json_t *out = 0, *in = 0;
  YcStatus st;
  int64_t id = 0;
  int rc;
  if( strcmp(zSub, "list")==0 ){
    PersonQuery q;
    memset(&q, 0, sizeof q);
    for(int i=0; azPersonParam[i]; i++) q.az[i] = cli_opt(&argc, argv, azPersonParam[i]);
    q.bHistory = cli_flag(&argc, argv, "history");
    if( (rc = cli_leftover(argc, argv, 1, "person list")) ) return rc;
    if( (rc = cli_open(zDb, &c)) ) return rc;
    st = person_list(&c, &q, &out, &e);
    return cli_finish(&c, st, &e, out, bJson, print_people);
  }
  if( strcmp(zSub, "add")==0 || strcmp(zSub, "edit")==0 ){
    int bEdit = zSub[0]=='e';
    int64_t ifVer = -1;
    if( bEdit && (rc = cli_if_version(&argc, argv, "person edit", &ifVer)) ) return rc;
    if( (rc = cli_json_opts(&argc, argv, aPersonOpt, bEdit, bEdit ? "person edit" : "person add", &in)) ) return rc;
    if( (rc = cli_leftover(argc, argv, bEdit ? 2 : 1, bEdit ? "person edit" : "person add"))
     || (bEdit && (rc = cli_id(argv[2], "person edit", "ID", &id))) ){ json_decref(in); return rc; }
    if( (rc = cli_open(zDb, &c)) ){ json_decref(in); return rc; }
    cli_expect(&c, "person", id, ifVer);
    st = bEdit ? person_update(&c, id, in, &out, &e) : person_create(&c, in, &out, &e);
    cli_close(&c);
    json_decref(in);
    if( st ) return cli_fail(&e);
    if( bJson ) cli_print_json(out);
    else printf("person %lld %s\n", jint(out, "id"), bEdit ? "saved" : "added");
    json_decref(out);
    return 0;
  }
  if( strcmp(zSub, "show")==0 || strcmp(zSub, "delete")==0 || strcmp(zSub, "erase")==0 ){
    int64_t ifVer = -1;
    if( zSub[0]=='d' && (rc = cli_if_version(&argc, argv, "person delete", &ifVer)) ) return rc;
    if( (rc = cli_leftover(argc, argv, 2, "person")) || (rc = cli_id(argv[2], "person", "ID", &id)) ) return rc;
    if( (rc = cli_open(zDb, &c)) ) return rc;
    cli_expect(&c, "person", id, ifVer);
    if( zSub[0]=='s' ) st = person_get(&c, id, &out, &e);
    else if( zSub[0]=='d' ) st = archive_delete(&c, "person", id, &e);
    else st = person_erase(&c, id, &out, &e);
    cli_close(&c);
    if( st ) return cli_fail(&e);
    if( out && (bJson || zSub[0]=='s') ) cli_print_json(out);
    else printf("person %lld %s\n", (long long)id, zSub[0]=='d' ? "deleted" : "erased");
    json_decref(out);
    return 0;
  }
  fprintf(stderr, "youcheng person: unknown subcommand '%s' (list, show, add, edit, delete, erase)\n", zSub);
  return 2;
}
