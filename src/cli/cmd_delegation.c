/*
** COMMAND: delegation
** cmd_delegation.c: delegations (visits) and their programme from the
** command line; the same core functions as the API and the pages
** (core/delegation.h).
*/
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "cli/cmd_person.h"
#include "base/json.h"
#include "core/archive.h"
#include "core/delegation.h"

static const CliField aDelegationOpt[] = {
  {"direction", "direction", CLI_STR}, {"status", "status", CLI_STR}, {"title-zh", "title_zh", CLI_STR},
  {"title-en", "title_en", CLI_STR}, {"start", "start", CLI_STR}, {"end", "end", CLI_STR}, {"tie", "ties", CLI_INTS},
  {"head", "head", CLI_STR}, {"head-person", "head_person_id", CLI_INT}, {"members", "members", CLI_INTS},
  {"size", "size", CLI_INT}, {"purpose", "purpose", CLI_STR}, {"fields", "fields", CLI_STRS},
  {"event", "event_id", CLI_INT}, {"private", "public", CLI_BOOL_NOT}, {"notes", "notes", CLI_STR},
  {"source", "sources", CLI_STRS}, {0, 0, 0}};

static const CliField aItemOpt[] = {
  {"date", "date", CLI_STR}, {"time", "time", CLI_STR}, {"title", "title", CLI_STR}, {"place", "place", CLI_STR},
  {"org", "org_id", CLI_INT}, {0, 0, 0}};

static void print_delegations(json_t *list){
  json_t *x, *t;
  size_t i, k;
  printf("%-6s %-10s %-3s %-9s %-24s %s\n", "ID", "START", "DIR", "STATUS", "TIES", "TITLE");
  json_array_foreach(json_object_get(list, "items"), i, x){
    char zTies[25] = "";
    json_array_foreach(json_object_get(x, "ties"), k, t){
      size_t n = strlen(zTies);
      snprintf(zTies + n, sizeof zTies - n, "%s%s", k ? "," : "", jstr0(t, "name_en"));
    }
    printf("%-6lld %-10s %-3s %-9s %-24s %s\n", jint(x, "id"), jstr0(x, "start"), jstr0(x, "direction"),
           jstr0(x, "status"), zTies[0] ? zTies : "-", jstr(x, "title_en") ? jstr(x, "title_en") : jstr0(x, "title_zh"));
  }
  cli_list_total(list, "delegation", "");
}

int cmd_delegation(int argc, char **argv){
  const char *zDb = cli_opt(&argc, argv, "db");
  int bJson = cli_flag(&argc, argv, "json");
  static const char zSubs[] = "list, show, add, edit, delete, item-add, member-add, status";
  if( argc<2 ){ fprintf(stderr, "youcheng delegation: give a subcommand (%s)\n", zSubs); return 2; }
  const char *zSub = argv[1];
  Ctx c;
  Err e;
  memset(&e, 0, sizeof e);
  json_t *out = 0, *in = 0;
  YcStatus st;
  int64_t id = 0, personId = 0;
  int rc;
  if( strcmp(zSub, "list")==0 ){
    DelegationQuery q;
    memset(&q, 0, sizeof q);
    for(int i=0; azDelegationParam[i]; i++) q.az[i] = cli_opt(&argc, argv, azDelegationParam[i]);
    if( (rc = cli_leftover(argc, argv, 1, "delegation list")) ) return rc;
    if( (rc = cli_open(zDb, &c)) ) return rc;
    st = delegation_list(&c, &q, &out, &e);
    return cli_finish(&c, st, &e, out, bJson, print_delegations);
  }
  if( strcmp(zSub, "add")==0 || strcmp(zSub, "edit")==0 || strcmp(zSub, "item-add")==0 ){
    int bAdd = strcmp(zSub, "add")==0, bItem = zSub[0]=='i';
    const char *zCmd = bAdd ? "delegation add" : bItem ? "delegation item-add" : "delegation edit";
    int64_t ifVer = -1;
    if( !bAdd && !bItem && (rc = cli_if_version(&argc, argv, zCmd, &ifVer)) ) return rc;
    if( (rc = cli_json_opts(&argc, argv, bItem ? aItemOpt : aDelegationOpt, !bAdd, zCmd, &in)) ) return rc;
    if( (rc = cli_leftover(argc, argv, bAdd ? 1 : 2, zCmd)) || (!bAdd && (rc = cli_id(argv[2], zCmd, "ID", &id))) ){
      json_decref(in);
      return rc;
    }
    if( (rc = cli_open(zDb, &c)) ){ json_decref(in); return rc; }
    if( bAdd ) st = delegation_create(&c, in, &out, &e);
    else if( bItem ) st = delegation_item_add(&c, id, in, &out, &e);
    else{
      cli_expect(&c, "delegation", id, ifVer);
      st = delegation_update(&c, id, in, &out, &e);
    }
    cli_close(&c);
    json_decref(in);
    if( st ) return cli_fail(&e);
    if( bJson ) cli_print_json(out);
    else printf("delegation %lld %s\n", jint(out, "id"), bAdd ? "added" : "saved");
    json_decref(out);
    return 0;
  }
  if( strcmp(zSub, "member-add")==0 ){
    const char *zRole = cli_opt(&argc, argv, "role");
    if( (rc = cli_leftover(argc, argv, 3, "delegation member-add")) || (rc = cli_id(argv[2], "delegation member-add", "ID", &id))
     || (rc = cli_id(argv[3], "delegation member-add", "PERSON", &personId)) ) return rc;
    if( (rc = cli_open(zDb, &c)) ) return rc;
    st = delegation_member_add(&c, id, personId, zRole, &out, &e);
    cli_close(&c);
    if( st ) return cli_fail(&e);
    if( bJson ) cli_print_json(out); else printf("delegation %lld: person %lld added\n", (long long)id, (long long)personId);
    json_decref(out);
    return 0;
  }
  if( strcmp(zSub, "status")==0 ){
    if( (rc = cli_leftover(argc, argv, 3, "delegation status")) || (rc = cli_id(argv[2], "delegation status", "ID", &id)) ) return rc;
    if( (rc = cli_open(zDb, &c)) ) return rc;
    st = delegation_set_status(&c, id, argv[3], &out, &e);
    cli_close(&c);
    if( st ) return cli_fail(&e);
    if( bJson ) cli_print_json(out);
    else printf("delegation %lld: %s%s\n", (long long)id, jstr0(out, "status"),
                json_is_integer(json_object_get(out, "exchange_id")) ? " (recorded in the exchange log)" : "");
    json_decref(out);
    return 0;
  }
  if( strcmp(zSub, "show")==0 || strcmp(zSub, "delete")==0 ){
    int64_t ifVer = -1;
    if( zSub[0]=='d' && (rc = cli_if_version(&argc, argv, "delegation delete", &ifVer)) ) return rc;
    if( (rc = cli_leftover(argc, argv, 2, "delegation")) || (rc = cli_id(argv[2], "delegation", "ID", &id)) ) return rc;
    if( (rc = cli_open(zDb, &c)) ) return rc;
    cli_expect(&c, "delegation", id, ifVer);
    st = zSub[0]=='s' ? delegation_get(&c, id, &out, &e) : archive_delete(&c, "delegation", id, &e);
    cli_close(&c);
    if( st ) return cli_fail(&e);
    if( out ) cli_print_json(out);
    else printf("delegation %lld deleted\n", (long long)id);
    json_decref(out);
    return 0;
  }
  fprintf(stderr, "youcheng delegation: unknown subcommand '%s' (%s)\n", zSub, zSubs);
  return 2;
}
