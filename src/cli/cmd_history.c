/*
** COMMAND: history
** COMMAND: audit
** COMMAND: revert
** cmd_history.c: the audit trail from the command line: a record's
** history, the global log with its filters, and revert; the same core
** functions as the API and the pages (core/history.h). The operator who
** holds the database file acts as admin.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "cli/cmd_history.h"
#include "base/json.h"
#include "core/history.h"
#include "core/input.h"

/* A value on one line: strings as they are, the rest as compact JSON. */
static void print_value(const json_t *v){
  if( !v || json_is_null(v) ){ printf("-"); return; }
  if( json_is_string(v) ){ printf("%s", json_string_value(v)); return; }
  char *z = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
  printf("%s", z ? z : "");
  free(z);
}

static void print_entries(json_t *items){
  size_t i, k;
  json_t *x, *c;
  json_array_foreach(items, i, x){
    printf("#%lld %s %-8s %s", jint(x, "id"), jstr0(x, "at"), jstr0(x, "action"), jstr0(x, "actor"));
    printf("  %s %lld", jstr0(x, "entity"), jint(x, "entity_id"));
    if( jstr(x, "name_en") || jstr(x, "name_zh") ) printf(" %s", jstr(x, "name_en") ? jstr(x, "name_en") : jstr(x, "name_zh"));
    if( json_is_integer(json_object_get(x, "revert_of")) ) printf("  (back to #%lld)", jint(x, "revert_of"));
    printf("\n");
    json_array_foreach(json_object_get(x, "changes"), k, c){
      printf("    %s: ", jstr0(c, "field"));
      print_value(json_object_get(c, "before"));
      printf(" -> ");
      print_value(json_object_get(c, "after"));
      printf("\n");
    }
  }
}

static void print_history(json_t *h){
  print_entries(json_object_get(h, "items"));
  cli_list_total(h, "entry", "");
}
static void print_log(json_t *list){
  print_entries(json_object_get(list, "items"));
  cli_list_total(list, "entry", "");
}

static void print_nothing(json_t *j){ (void)j; }

/* TYPE (an entity of the trail) and ID: 0, else 2 with a message. */
static int type_id(int argc, char **argv, const char *zCmd, int64_t *pId){
  int rc = cli_leftover(argc, argv, 2, zCmd);
  if( rc ) return rc;
  if( argc<3 ){ fprintf(stderr, "youcheng %s: give TYPE and ID\n", zCmd); return 2; }
  if( in_enum_index(azAuditEntity, argv[1])<0 ){
    fprintf(stderr, "youcheng %s: unknown type %s (one of tie, org, exchange, project, opportunity, person, delegation, event, series, ...)\n", zCmd, argv[1]);
    return 2;
  }
  return cli_id(argv[2], zCmd, "ID", pId);
}

int cmd_history(int argc, char **argv){
  const char *zDb = cli_opt(&argc, argv, "db");
  int bJson = cli_flag(&argc, argv, "json");
  const char *zLimit = cli_opt(&argc, argv, "limit");
  const char *zCursor = cli_opt(&argc, argv, "cursor");
  int64_t id = 0;
  int rc = type_id(argc, argv, "history", &id);
  if( rc ) return rc;
  Ctx c;
  if( (rc = cli_open(zDb, &c)) ) return rc;
  Err e;
  json_t *out = 0;
  YcStatus st = history_of(&c, argv[1], id, zLimit, zCursor, 0, &out, &e);
  return cli_finish(&c, st, &e, out, bJson, print_history);
}

int cmd_audit(int argc, char **argv){
  const char *zDb = cli_opt(&argc, argv, "db");
  int bJson = cli_flag(&argc, argv, "json");
  AuditQuery q;
  memset(&q, 0, sizeof q);
  q.zUser = cli_opt(&argc, argv, "user");
  q.zType = cli_opt(&argc, argv, "type");
  q.zAction = cli_opt(&argc, argv, "action");
  q.zFrom = cli_opt(&argc, argv, "from");
  q.zTo = cli_opt(&argc, argv, "to");
  q.zLimit = cli_opt(&argc, argv, "limit");
  q.zCursor = cli_opt(&argc, argv, "cursor");
  int rc = cli_leftover(argc, argv, 0, "audit");
  if( rc ) return rc;
  Ctx c;
  if( (rc = cli_open(zDb, &c)) ) return rc;
  Err e;
  json_t *out = 0;
  YcStatus st = audit_query(&c, &q, &out, &e);
  return cli_finish(&c, st, &e, out, bJson, print_log);
}

int cmd_revert(int argc, char **argv){
  const char *zDb = cli_opt(&argc, argv, "db");
  int bJson = cli_flag(&argc, argv, "json");
  const char *zTo = cli_opt(&argc, argv, "to");
  int64_t id = 0, to = 0;
  int rc = type_id(argc, argv, "revert", &id);
  if( rc ) return rc;
  if( !zTo ){ fprintf(stderr, "youcheng revert: give --to AUDIT_ID (a version from `youcheng history TYPE ID`)\n"); return 2; }
  if( (rc = cli_id(zTo, "revert", "--to", &to)) ) return rc;
  Ctx c;
  if( (rc = cli_open(zDb, &c)) ) return rc;
  Err e;
  json_t *out = 0, *in = json_pack("{s:I}", "to", (json_int_t)to);
  YcStatus st = history_revert(&c, argv[1], id, in, &out, &e);
  json_decref(in);
  if( !st && !bJson ) printf("%s %lld reverted to version %lld\n", argv[1], (long long)id, (long long)to);
  return cli_finish(&c, st, &e, out, bJson, print_nothing);
}
