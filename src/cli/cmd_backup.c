/*
** COMMAND: backup
** COMMAND: restore
** COMMAND: check
** cmd_backup.c: `youcheng backup` (an online, verified copy of the
** database, keeping the newest N), `youcheng restore` (a verified backup
** put in place of the database) and `youcheng check` (verify a database:
** pages, foreign keys, search indexes). The work is core/backup.c.
*/
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "core/console.h"
#include "cli/cmd_backup.h"
#include "core/backup.h"
#include "base/json.h"

static void print_counts(json_t *out){
  const char *zKey;
  json_t *v;
  printf("  rows:");
  json_object_foreach(json_object_get(out, "counts"), zKey, v){
    printf(" %s %lld", zKey, (long long)json_integer_value(v));
  }
  printf("\n");
}

static void print_backup(json_t *out){
  printf("wrote %s\n", jstr0(out, "path"));
  printf("  %lld bytes, %d pages, %.3f s (copy %.3f s)\n",
         (long long)json_integer_value(json_object_get(out, "size")),
         (int)json_integer_value(json_object_get(out, "pages")),
         json_real_value(json_object_get(out, "seconds")),
         json_real_value(json_object_get(out, "copy_seconds")));
  printf("  integrity %s, schema version %d, last change %s\n", jstr0(out, "integrity"),
         (int)json_integer_value(json_object_get(out, "schema_version")),
         *jstr0(out, "last_audit_at") ? jstr0(out, "last_audit_at") : "none");
  print_counts(out);
  json_t *x;
  size_t i;
  printf("  kept %d (newest %d):", (int)json_array_size(json_object_get(out, "kept")),
         (int)json_integer_value(json_object_get(out, "keep")));
  json_array_foreach(json_object_get(out, "kept"), i, x) printf(" %s", json_string_value(x));
  printf("\n");
  json_array_foreach(json_object_get(out, "deleted"), i, x) printf("  deleted %s\n", json_string_value(x));
}

int cmd_backup(int argc, char **argv){
  const char *zDb = cli_opt(&argc, argv, "db");
  const char *zTo = cli_opt(&argc, argv, "to");
  const char *zKeep = cli_opt(&argc, argv, "keep");
  int bJson = cli_flag(&argc, argv, "json");
  int rc = cli_leftover(argc, argv, 0, "backup");
  if( rc ) return rc;
  Err e;
  memset(&e, 0, sizeof e);
  json_t *out = 0;
  YcStatus st = backup_take(zDb, zTo, zKeep, &out, &e);
  if( st && !out ) return cli_fail(&e);
  if( bJson ) cli_print_json(out);
  else print_backup(out);
  json_decref(out);
  return st ? cli_fail(&e) : 0;   /* written, but the rotation failed */
}

static void print_restore(json_t *out){
  printf("restored %s from %s\n", jstr0(out, "path"), jstr0(out, "from"));
  printf("  %lld bytes, %.3f s, integrity %s, schema version %d, last change %s%s\n",
         (long long)json_integer_value(json_object_get(out, "size")),
         json_real_value(json_object_get(out, "seconds")), jstr0(out, "integrity"),
         (int)json_integer_value(json_object_get(out, "schema_version")),
         *jstr0(out, "last_audit_at") ? jstr0(out, "last_audit_at") : "none",
         json_is_true(json_object_get(out, "forced")) ? " (forced)" : "");
  print_counts(out);
}

int cmd_restore(int argc, char **argv){
  const char *zDb = cli_opt(&argc, argv, "db");
  const char *zFrom = cli_opt(&argc, argv, "from");
  int bForce = cli_flag(&argc, argv, "force");
  int bJson = cli_flag(&argc, argv, "json");
  int rc = cli_leftover(argc, argv, 0, "restore");
  if( rc ) return rc;
  Err e;
  memset(&e, 0, sizeof e);
  json_t *out = 0;
  if( backup_restore(zFrom, zDb, bForce, &out, &e) ) return cli_fail(&e);
  if( bJson ) cli_print_json(out);
  else print_restore(out);
  json_decref(out);
  return 0;
}

int cmd_check(int argc, char **argv){
  const char *zDb = cli_opt(&argc, argv, "db");
  int bJson = cli_flag(&argc, argv, "json");
  int rc = cli_leftover(argc, argv, 0, "check");
  if( rc ) return rc;
  Err e;
  memset(&e, 0, sizeof e);
  if( !zDb || !*zDb ){
    err_set(&e, YC_EINVALID, "required", "--db", "--db FILE is required");
    return cli_fail(&e);
  }
  json_t *out = 0;
  if( backup_check(zDb, &out, &e) ) return cli_fail(&e);
  if( bJson ) cli_print_json(out);
  else{
    printf("%s: integrity %s, schema version %d, last change %s\n", jstr0(out, "path"), jstr0(out, "integrity"),
           (int)json_integer_value(json_object_get(out, "schema_version")),
           *jstr0(out, "last_audit_at") ? jstr0(out, "last_audit_at") : "none");
    print_counts(out);
  }
  json_decref(out);
  return 0;
}

/* COMMAND: sql */
int cmd_sql(int argc, char **argv){
  const char *zDb = cli_opt(&argc, argv, "db");
  int rc = cli_leftover(argc, argv, 1, "sql");
  if( rc ) return rc;
  Ctx c;
  if( (rc = cli_open(zDb, &c)) ) return rc;
  Err e;
  memset(&e, 0, sizeof e);
  Buf out = BUF_INIT;
  YcStatus st = console_run(&c, argv[1], &out, &e);
  fputs(buf_str(&out), stdout);
  buf_free(&out);
  cli_close(&c);
  return st ? cli_fail(&e) : 0;
}
