/*
** COMMAND: delete
** COMMAND: archive
** cmd_archive.c: deleting any record (what goes with it is archived) and
** the archive of deleted records: list, show, restore, purge. The rules are
** in core/archive.c.
*/
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "cli/cmd_archive.h"
#include "core/archive.h"
#include "base/json.h"

int cmd_delete(int argc, char **argv){
  const char *zDb = cli_opt(&argc, argv, "db");
  int bWith = cli_flag(&argc, argv, "with-dependants");
  int bDry = cli_flag(&argc, argv, "dry-run");
  int bJson = cli_flag(&argc, argv, "json");
  int rc = cli_leftover(argc, argv, 2, "delete");
  int64_t id = 0;
  if( rc || (rc = cli_id(argv[2], "delete", "ID", &id)) ) return rc;
  Ctx c;
  if( (rc = cli_open(zDb, &c)) ) return rc;
  Err e;
  json_t *out = 0;
  YcStatus st;
  if( bDry ){
    st = archive_dependants(&c, argv[1], id, &out, &e);
  }else{
    c.bWithDependants = bWith;
    st = archive_delete(&c, argv[1], id, &e);
    if( !st ) out = json_pack("{s:s, s:I, s:b, s:I}", "type", argv[1], "id", (json_int_t)id, "deleted", 1,
                              "archive_id", (json_int_t)c.archiveId);
  }
  if( !st && !bJson ){
    if( bDry ) printf("%s %lld: %s\n", argv[1], (long long)id,
                      json_integer_value(json_object_get(out, "total")) || json_is_true(json_object_get(out, "blocked"))
                      ? jstr0(out, "text") : "nothing else goes with it");
    else printf("%s %lld deleted (archive entry %lld; `youcheng archive restore %lld` puts it back)\n",
                argv[1], (long long)id, (long long)c.archiveId, (long long)c.archiveId);
    json_decref(out);
    out = 0;
  }
  return cli_finish(&c, st, &e, out, 1, 0);
}

static void print_list(json_t *out){
  size_t i;
  json_t *x;
  printf("%-5s %-20s %-12s %-8s %-30s %s\n", "ID", "DELETED", "TYPE", "RECORD", "NAME", "RESTORED");
  json_array_foreach(json_object_get(out, "items"), i, x){
    const char *zName = jstr(x, "name_en") ? jstr(x, "name_en") : jstr0(x, "name_zh");
    printf("%-5lld %-20s %-12s %-8lld %-30.30s %s\n", jint(x, "id"), jstr0(x, "at"), jstr0(x, "entity"),
           jint(x, "entity_id"), zName, jstr(x, "restored_at") ? jstr(x, "restored_at") : "-");
  }
  cli_list_total(out, "archive entr", "");
}

int cmd_archive(int argc, char **argv){
  const char *zDb = cli_opt(&argc, argv, "db");
  const char *zState = cli_opt(&argc, argv, "state");
  const char *zLimit = cli_opt(&argc, argv, "limit");
  const char *zCursor = cli_opt(&argc, argv, "cursor");
  int bJson = cli_flag(&argc, argv, "json");
  const char *zSub = argc>1 ? argv[1] : "";
  Ctx c;
  Err e;
  json_t *out = 0;
  int rc;
  int64_t id = 0;
  if( strcmp(zSub, "list")==0 ){
    if( (rc = cli_leftover(argc, argv, 1, "archive")) || (rc = cli_open(zDb, &c)) ) return rc;
    YcStatus st = archive_list(&c, zState, zLimit, zCursor, &out, &e);
    return cli_finish(&c, st, &e, out, bJson, print_list);
  }
  if( strcmp(zSub, "show")==0 || strcmp(zSub, "restore")==0 || strcmp(zSub, "purge")==0 ){
    if( (rc = cli_leftover(argc, argv, 2, "archive")) || (rc = cli_id(argv[2], "archive", "ID", &id)) ) return rc;
    if( (rc = cli_open(zDb, &c)) ) return rc;
    YcStatus st;
    if( zSub[0]=='s' ) st = archive_get(&c, id, &out, &e);
    else if( zSub[0]=='r' ) st = archive_restore(&c, id, &out, &e);
    else{
      st = archive_purge(&c, id, &e);
      if( !st ) out = json_pack("{s:I, s:b}", "id", (json_int_t)id, "purged", 1);
    }
    return cli_finish(&c, st, &e, out, 1, 0);
  }
  fprintf(stderr, "youcheng archive: unknown subcommand '%s' (list, show, restore, purge)\n", zSub);
  return 2;
}
