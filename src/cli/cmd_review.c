/*
** COMMAND: review
** cmd_review.c: review before publishing: the queue and the steps
** (core/review.h). The CLI acts as an admin.
*/
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "cli/cmd_review.h"
#include "core/review.h"
#include "core/input.h"

static const char *str_or(json_t *o, const char *zKey, const char *zDefault){
  const char *z = json_string_value(json_object_get(o, zKey));
  return z ? z : zDefault;
}

static void print_queue(json_t *out){
  size_t i;
  json_t *x;
  printf("%-12s %-6s %-10s %-21s %s\n", "KIND", "ID", "STATE", "AT", "NAME");
  json_array_foreach(json_object_get(out, "items"), i, x){
    printf("%-12s %-6lld %-10s %-21s %s\n", str_or(x, "kind", ""), (long long)json_integer_value(json_object_get(x, "id")),
           str_or(x, "review", ""), str_or(x, "review_at", "-"), str_or(x, "name_en", str_or(x, "name_zh", "")));
    if( json_string_value(json_object_get(x, "review_note")) ) printf("%-12s reason: %s\n", "", str_or(x, "review_note", ""));
  }
  cli_list_total(out, "record", "");
}

static void print_item(json_t *x){
  printf("%s %lld (%s): %s\n", str_or(x, "kind", ""), (long long)json_integer_value(json_object_get(x, "id")),
         str_or(x, "name_en", str_or(x, "name_zh", "")), str_or(x, "review", ""));
  if( json_string_value(json_object_get(x, "review_note")) ) printf("reason: %s\n", str_or(x, "review_note", ""));
}

int cmd_review(int argc, char **argv){
  const char *zDb = cli_opt(&argc, argv, "db");
  ReviewQuery q;
  memset(&q, 0, sizeof q);
  q.zState = cli_opt(&argc, argv, "state");
  q.zLimit = cli_opt(&argc, argv, "limit");
  q.zCursor = cli_opt(&argc, argv, "cursor");
  const char *zReason = cli_opt(&argc, argv, "reason");
  int bJson = cli_flag(&argc, argv, "json");
  const char *zSub = argc>1 ? argv[1] : "";
  int bList = strcmp(zSub, "list")==0;
  int rc = cli_leftover(argc, argv, bList ? 1 : 3, "review");
  if( rc ) return rc;
  if( !bList && strcmp(zSub, "submit") && strcmp(zSub, "publish") && strcmp(zSub, "return") ){
    fprintf(stderr, "youcheng review: unknown subcommand '%s' (list, submit, publish, return)\n", zSub);
    return 2;
  }
  int iKind = -1;
  int64_t id = 0;
  if( !bList ){
    iKind = in_enum_index(azReviewKind, argv[2]);
    if( iKind<0 ){ fprintf(stderr, "youcheng review %s: the kind must be opportunity, org or offers\n", zSub); return 2; }
    if( (rc = cli_id(argv[3], "review", "ID", &id)) ) return rc;
    if( strcmp(zSub, "return")==0 && !zReason ){ fprintf(stderr, "youcheng review return: give --reason TEXT\n"); return 2; }
    if( strcmp(zSub, "return")!=0 && zReason ){ fprintf(stderr, "youcheng review %s: --reason goes with return only\n", zSub); return 2; }
  }
  Ctx c;
  if( (rc = cli_open(zDb, &c)) ) return rc;
  Err e;
  json_t *out = 0;
  YcStatus st;
  if( bList ){
    st = review_list(&c, &q, &out, &e);
    return cli_finish(&c, st, &e, out, bJson, print_queue);
  }
  if( strcmp(zSub, "submit")==0 ) st = review_submit(&c, iKind, id, &out, &e);
  else if( strcmp(zSub, "publish")==0 ) st = review_publish(&c, iKind, id, &out, &e);
  else st = review_return(&c, iKind, id, zReason, &out, &e);
  return cli_finish(&c, st, &e, out, bJson, print_item);
}
