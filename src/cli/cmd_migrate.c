/*
** COMMAND: migrate
** cmd_migrate.c: `youcheng migrate --from SRC --to DST [--replace] [--json]`,
** a whole database copied into another of either engine and verified
** (core/migrate.h).
*/
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "cli/cli.h"
#include "core/migrate.h"

static void progress(void *pArg, const char *zTable, int64_t nDone, int64_t nTotal){
  (void)pArg;
  fprintf(stderr, "youcheng migrate: %s: %lld of %lld rows\n", zTable, (long long)nDone, (long long)nTotal);
}

/* Both name the same SQLite file (by device and inode), or the same string. */
static int same_database(const char *zA, const char *zB){
  if( strcmp(zA, zB)==0 ) return 1;
  if( db_is_pg(zA) || db_is_pg(zB) ) return 0;
  struct stat a, b;
  return stat(zA, &a)==0 && stat(zB, &b)==0 && a.st_dev==b.st_dev && a.st_ino==b.st_ino;
}

static void print_report(json_t *r){
  size_t i;
  json_t *t;
  printf("%-24s %10s  %-16s %9s\n", "table", "rows", "checksum", "seconds");
  json_array_foreach(json_object_get(r, "tables"), i, t){
    if( json_integer_value(json_object_get(t, "rows"))==0 ) continue;
    printf("%-24s %10lld  %.16s %9.2f\n", json_string_value(json_object_get(t, "table")),
           (long long)json_integer_value(json_object_get(t, "rows")),
           json_string_value(json_object_get(t, "checksum")),
           json_number_value(json_object_get(t, "copy_seconds")) + json_number_value(json_object_get(t, "verify_seconds")));
  }
  printf("%s -> %s: %lld rows of %lld tables copied in %.2f s (%.0f rows/s), verified in %.2f s, committed in %.2f s;"
         " every table's row count and checksum equal\n",
         json_string_value(json_object_get(r, "from")), json_string_value(json_object_get(r, "to")),
         (long long)json_integer_value(json_object_get(r, "rows")),
         (long long)json_integer_value(json_object_get(r, "tables_copied")),
         json_number_value(json_object_get(r, "copy_seconds")),
         json_number_value(json_object_get(r, "rows_per_second")),
         json_number_value(json_object_get(r, "verify_seconds")),
         json_number_value(json_object_get(r, "commit_seconds")));
}

int cmd_migrate(int argc, char **argv){
  const char *zFrom = cli_db_opt(&argc, argv, "from");
  const char *zTo = cli_db_opt(&argc, argv, "to");
  int bReplace = cli_flag(&argc, argv, "replace");
  int bJson = cli_flag(&argc, argv, "json");
  int rc = cli_leftover(argc, argv, 0, "migrate");
  if( rc ) return rc;
  if( !zFrom || !zTo ){ fprintf(stderr, "youcheng migrate: --from SRC and --to DST are required (see --help)\n"); return 2; }
  if( strlen(zFrom)>4000 || strlen(zTo)>4000 ){ fprintf(stderr, "youcheng migrate: --from or --to too long\n"); return 2; }
  if( same_database(zFrom, zTo) ){
    fprintf(stderr, "youcheng migrate: --to is the same database as --from\n");
    return 2;
  }
  Err e;
  memset(&e, 0, sizeof e);
  Db *src = 0, *dst = 0;
  if( !db_is_pg(zFrom) && cli_db_is_new(zFrom) ){
    fprintf(stderr, "youcheng migrate: --from %s does not exist\n", zFrom);
    return 2;
  }
  if( db_open(zFrom, 0, &src, &e) ){
    snprintf(e.zField, sizeof e.zField, "--from");
    return cli_fail(&e);
  }
  /* A new SQLite target is made under a temporary name, renamed at the end. */
  int bNew = cli_db_is_new(zTo);
  char zTmp[4200];
  if( bNew ) cli_db_tmp_name(zTo, zTmp, sizeof zTmp);
  if( db_open(bNew ? zTmp : zTo, 1, &dst, &e) ){
    snprintf(e.zField, sizeof e.zField, "--to");
    db_close(src);
    if( bNew ) cli_db_unlink(zTmp);
    return cli_fail(&e);
  }
  MigrateOpts o;
  memset(&o, 0, sizeof o);
  o.bReplace = bReplace;
  o.xProgress = progress;
  json_t *r = 0;
  YcStatus st = migrate_run(src, dst, &o, &r, &e);
  db_close(src);
  db_close(dst);
  rc = st ? cli_fail(&e) : 0;
  if( bNew ) rc = cli_db_put_new(zTmp, zTo, rc, "migrate");
  if( rc ){ json_decref(r); return rc; }
  if( bJson ) cli_print_json(r);
  else print_report(r);
  json_decref(r);
  return 0;
}
