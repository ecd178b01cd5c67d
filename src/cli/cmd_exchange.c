/*
** COMMAND: exchange
** COMMAND: project
** COMMAND: health
** COMMAND: calendar
** COMMAND: import exchanges
** cmd_exchange.c: the exchange log, projects, relationship health and the
** anniversary calendar from the command line; the same core functions as
** the API and the pages. `youcheng import exchanges` is exchange_import_cmd,
** an import kind of the command table (commands.c).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "core/export.h"
#include "cli/cmd_export.h"
#include "cli/cli.h"
#include "cli/cmd_exchange.h"
#include "core/archive.h"
#include "core/exchange.h"
#include "base/date.h"
#include "core/project.h"
#include "core/health.h"
#include "core/calendar.h"
#include "base/json.h"

/* "a,b,c" -> JSON array of strings (bInt: of integers; 0 on a bad id). */
static json_t *split_list(const char *z, int bInt){
  json_t *a = json_array();
  while( z && *z ){
    const char *zEnd = strchr(z, ',');
    size_t n = zEnd ? (size_t)(zEnd - z) : strlen(z);
    char *zItem = strndup(z, n);
    if( bInt ){
      long long v;
      if( !zItem || !cli_parse_id(zItem, &v) ){ free(zItem); json_decref(a); return 0; }
      json_array_append_new(a, json_integer(v));
    }else if( zItem ){
      json_array_append_new(a, json_string(zItem));
    }
    free(zItem);
    z += n + (zEnd ? 1 : 0);
  }
  return a;
}

static void print_exchanges(json_t *list){
  json_t *x;
  size_t i;
  printf("%-7s %-10s %-15s %-4s %-24s %s\n", "ID", "DATE", "KIND", "SUB", "TIES", "TITLE");
  json_array_foreach(json_object_get(list, "items"), i, x){
    char zTies[25] = "";
    json_t *t;
    size_t k;
    json_array_foreach(json_object_get(x, "ties"), k, t){
      size_t n = strlen(zTies);
      snprintf(zTies + n, sizeof zTies - n, "%s%s", k ? "," : "", jstr0(t, "name_en"));
    }
    printf("%-7lld %-10s %-15s %-4s %-24s %s\n", (long long)json_integer_value(json_object_get(x, "id")),
           jstr0(x, "date"), jstr0(x, "kind"), json_is_true(json_object_get(x, "substantive")) ? "yes" : "no",
           zTies[0] ? zTies : "-", jstr0(x, "title"));
  }
  cli_list_total(list, "exchange", "");
}

int cmd_exchange(int argc, char **argv){
  const char *zDb = cli_opt(&argc, argv, "db");
  int bJson = cli_flag(&argc, argv, "json");
  if( argc<2 ){ fprintf(stderr, "youcheng exchange: give a subcommand (list, add, show, delete)\n"); return 2; }
  const char *zSub = argv[1];
  Ctx c;
  Err e;
  memset(&e, 0, sizeof e);
  json_t *out = 0;
  YcStatus st;
  int rc;
  if( strcmp(zSub, "list")==0 ){
    ExchangeQuery q;
    memset(&q, 0, sizeof q);
    q.zTie = cli_opt(&argc, argv, "tie");
    q.zKind = cli_opt(&argc, argv, "kind");
    q.zField = cli_opt(&argc, argv, "field");
    q.zFrom = cli_opt(&argc, argv, "from");
    q.zTo = cli_opt(&argc, argv, "to");
    q.zSubstantive = cli_opt(&argc, argv, "substantive");
    q.zProject = cli_opt(&argc, argv, "project");
    q.zSort = cli_opt(&argc, argv, "sort");
    q.zUnit = cli_opt(&argc, argv, "unit");
    q.zLimit = cli_opt(&argc, argv, "limit");
    q.zCursor = cli_opt(&argc, argv, "cursor");
    if( (rc = cli_leftover(argc, argv, 1, "exchange list")) ) return rc;
    if( !q.zLimit ) q.zLimit = "100";
    if( (rc = cli_open(zDb, &c)) ) return rc;
    st = exchange_list(&c, &q, &out, &e);
    return cli_finish(&c, st, &e, out, bJson, print_exchanges);
  }
  if( strcmp(zSub, "add")==0 ){
    const char *zTies = cli_opt(&argc, argv, "tie");
    const char *zKind = cli_opt(&argc, argv, "kind");
    const char *zDate = cli_opt(&argc, argv, "date");
    const char *zTitle = cli_opt(&argc, argv, "title");
    const char *zFields = cli_opt(&argc, argv, "fields");
    const char *zSubst = cli_opt(&argc, argv, "substantive");
    const char *zPart = cli_opt(&argc, argv, "participants");
    const char *zOrgs = cli_opt(&argc, argv, "orgs");
    const char *zProject = cli_opt(&argc, argv, "project");
    const char *zEvent = cli_opt(&argc, argv, "event");
    const char *zExpires = cli_opt(&argc, argv, "expires");
    const char *zDesc = cli_opt(&argc, argv, "description");
    const char *zSource = cli_opt(&argc, argv, "source");
    if( (rc = cli_leftover(argc, argv, 1, "exchange add")) ) return rc;
    json_t *in = json_object();
    if( zTitle ) json_object_set_new(in, "title", json_string(zTitle));
    if( zKind ) json_object_set_new(in, "kind", json_string(zKind));
    if( zDate ) json_object_set_new(in, "date", json_string(zDate));
    if( zTies ){
      json_t *a = split_list(zTies, 1);
      if( !a ){ fprintf(stderr, "youcheng exchange add: --tie takes tie ids separated by commas\n"); json_decref(in); return 2; }
      json_object_set_new(in, "ties", a);
    }
    if( zFields ) json_object_set_new(in, "fields", split_list(zFields, 0));
    if( zSubst ){
      if( strcmp(zSubst, "yes")!=0 && strcmp(zSubst, "no")!=0 ){
        fprintf(stderr, "youcheng exchange add: --substantive takes yes or no\n");
        json_decref(in);
        return 2;
      }
      json_object_set_new(in, "substantive", json_boolean(zSubst[0]=='y'));
    }
    if( zPart ){
      long long v;
      if( !cli_parse_id(zPart, &v) && strcmp(zPart, "0")!=0 ){
        fprintf(stderr, "youcheng exchange add: --participants takes a number\n");
        json_decref(in);
        return 2;
      }
      json_object_set_new(in, "participants", json_integer(strcmp(zPart, "0")==0 ? 0 : v));
    }
    if( zOrgs ){
      json_t *a = split_list(zOrgs, 1);
      if( !a ){ fprintf(stderr, "youcheng exchange add: --orgs takes organisation ids separated by commas\n"); json_decref(in); return 2; }
      json_object_set_new(in, "organisations", a);
    }
    if( zProject ){
      long long v;
      if( !cli_parse_id(zProject, &v) ){ fprintf(stderr, "youcheng exchange add: --project takes a project id\n"); json_decref(in); return 2; }
      json_object_set_new(in, "project_id", json_integer(v));
    }
    if( zEvent ) json_object_set_new(in, "event", json_string(zEvent));
    if( zExpires ) json_object_set_new(in, "expires", json_string(zExpires));
    if( zDesc ) json_object_set_new(in, "description", json_string(zDesc));
    if( zSource ) json_object_set_new(in, "sources", json_pack("[s]", zSource));
    if( (rc = cli_open(zDb, &c)) ){ json_decref(in); return rc; }
    st = exchange_create(&c, in, &out, &e);
    cli_close(&c);
    json_decref(in);
    if( st ) return cli_fail(&e);
    if( bJson ) cli_print_json(out);
    else printf("exchange %lld added\n", (long long)json_integer_value(json_object_get(out, "id")));
    json_decref(out);
    return 0;
  }
  if( strcmp(zSub, "show")==0 || strcmp(zSub, "delete")==0 ){
    int64_t ifVer = -1;
    if( zSub[0]=='d' && (rc = cli_if_version(&argc, argv, "exchange delete", &ifVer)) ) return rc;
    if( (rc = cli_leftover(argc, argv, 2, "exchange")) ) return rc;
    long long id;
    if( !cli_parse_id(argv[2], &id) ){ fprintf(stderr, "youcheng exchange %s: ID must be a number\n", zSub); return 2; }
    if( (rc = cli_open(zDb, &c)) ) return rc;
    if( zSub[0]=='s' ) st = exchange_get(&c, id, &out, &e);
    else{
      cli_expect(&c, "exchange", id, ifVer);
      st = archive_delete(&c, "exchange", id, &e);
    }
    cli_close(&c);
    if( st ) return cli_fail(&e);
    if( out ){ cli_print_json(out); json_decref(out); }
    else printf("exchange %lld deleted\n", id);
    return 0;
  }
  fprintf(stderr, "youcheng exchange: unknown subcommand '%s' (list, add, show, delete)\n", zSub);
  return 2;
}

int cmd_project(int argc, char **argv){
  const char *zDb = cli_opt(&argc, argv, "db");
  int bJson = cli_flag(&argc, argv, "json");
  ProjectQuery q;
  memset(&q, 0, sizeof q);
  q.zStage = cli_opt(&argc, argv, "stage");
  q.zTie = cli_opt(&argc, argv, "tie");
  q.zSector = cli_opt(&argc, argv, "sector");
  q.zUnit = cli_opt(&argc, argv, "unit");
  q.zLimit = cli_opt(&argc, argv, "limit");
  if( argc<2 ){ fprintf(stderr, "youcheng project: give a subcommand (list, show)\n"); return 2; }
  int bShow = strcmp(argv[1], "show")==0;
  if( !bShow && strcmp(argv[1], "list")!=0 ){
    fprintf(stderr, "youcheng project: unknown subcommand '%s' (list, show)\n", argv[1]);
    return 2;
  }
  int rc = cli_leftover(argc, argv, bShow ? 2 : 1, "project");
  if( rc ) return rc;
  long long id = 0;
  if( bShow && !cli_parse_id(argv[2], &id) ){ fprintf(stderr, "youcheng project show: ID must be a number\n"); return 2; }
  Ctx c;
  if( (rc = cli_open(zDb, &c)) ) return rc;
  Err e;
  json_t *out = 0;
  YcStatus st = bShow ? project_get(&c, id, &out, &e) : project_list(&c, &q, &out, &e);
  cli_close(&c);
  if( st ) return cli_fail(&e);
  if( bJson || bShow ){ cli_print_json(out); json_decref(out); return 0; }
  json_t *x;
  size_t i;
  printf("%-5s %-13s %-24s %s\n", "ID", "STAGE", "TIES", "TITLE");
  json_array_foreach(json_object_get(out, "items"), i, x){
    char zTies[25] = "";
    json_t *t;
    size_t k;
    json_array_foreach(json_object_get(x, "ties"), k, t){
      size_t n = strlen(zTies);
      snprintf(zTies + n, sizeof zTies - n, "%s%s", k ? "," : "", jstr0(t, "name_en"));
    }
    printf("%-5lld %-13s %-24s %s\n", (long long)json_integer_value(json_object_get(x, "id")), jstr0(x, "stage"),
           zTies[0] ? zTies : "-", jstr0(x, "title"));
  }
  printf("%lld project(s)\n", (long long)json_integer_value(json_object_get(out, "total")));
  json_decref(out);
  return 0;
}

static int health_thresholds_cmd(int argc, char **argv, const char *zDb, int bJson){
  /* youcheng health thresholds [set KIND name=value ...] */
  Ctx c;
  Err e;
  memset(&e, 0, sizeof e);
  json_t *out = 0;
  int rc;
  YcStatus st;
  if( argc>=3 && strcmp(argv[2], "set")==0 ){
    if( argc<5 ){ fprintf(stderr, "youcheng health thresholds set KIND NAME=VALUE ...\n"); return 2; }
    json_t *in = json_pack("{s:s}", "kind", argv[3]);
    for(int i=4; i<argc; i++){
      const char *zEq = strchr(argv[i], '=');
      long long v;
      char *zName = zEq ? strndup(argv[i], (size_t)(zEq - argv[i])) : 0;
      if( !zName || (!cli_parse_id(zEq + 1, &v) && strcmp(zEq + 1, "0")!=0) ){
        fprintf(stderr, "youcheng health thresholds set: '%s' is not NAME=NUMBER\n", argv[i]);
        free(zName);
        json_decref(in);
        return 2;
      }
      json_object_set_new(in, zName, json_integer(strcmp(zEq + 1, "0")==0 ? 0 : v));
      free(zName);
    }
    if( (rc = cli_open(zDb, &c)) ){ json_decref(in); return rc; }
    st = health_thresholds_update(&c, in, &out, &e);
    json_decref(in);
  }else{
    if( (rc = cli_leftover(argc, argv, 1, "health thresholds")) ) return rc;
    if( (rc = cli_open(zDb, &c)) ) return rc;
    st = health_thresholds_json(&c, &out, &e);
  }
  cli_close(&c);
  if( st ) return cli_fail(&e);
  if( bJson || !json_object_get(out, "items") ){ cli_print_json(out); json_decref(out); return 0; }
  json_t *x;
  size_t i;
  printf("%-12s %7s %7s %11s %6s %9s %8s %9s %8s %11s\n", "KIND", "COOLING", "DORMANT", "SUBSTANTIVE", "WINDOW",
         "FREQUENCY", "BREADTH", "ONE-SIDED", "EXPIRING", "LETTER-LEAD");
  json_array_foreach(json_object_get(out, "items"), i, x){
#define I(k) (int)json_integer_value(json_object_get(x, k))
    printf("%-12s %7d %7d %11d %6d %9d %8d %9d %8d %11d\n", jstr0(x, "kind"), I("cooling_months"), I("dormant_months"),
           I("substantive_months"), I("window_months"), I("frequency_target"), I("breadth_target"), I("one_sided_min"),
           I("expiring_months"), I("letter_lead_months"));
#undef I
  }
  printf("(months, except frequency = exchanges, breadth = fields, one-sided = delegations)\n");
  json_decref(out);
  return 0;
}

int cmd_health(int argc, char **argv){
  const char *zDb = cli_opt(&argc, argv, "db");
  int bJson = cli_flag(&argc, argv, "json");
  if( argc>=2 && strcmp(argv[1], "thresholds")==0 ) return health_thresholds_cmd(argc, argv, zDb, bJson);
  HealthQuery q;
  memset(&q, 0, sizeof q);
  q.zLevel = cli_opt(&argc, argv, "level");
  q.zFlag = cli_opt(&argc, argv, "flag");
  q.zKind = cli_opt(&argc, argv, "kind");
  q.zSort = cli_opt(&argc, argv, "sort");
  q.zLimit = cli_opt(&argc, argv, "limit");
  const char *zTie = cli_opt(&argc, argv, "tie");
  const char *zAsOf = cli_opt(&argc, argv, "as-of");
  int bLess = cli_flag(&argc, argv, "less-developed");
  int bAttn = cli_flag(&argc, argv, "attention");
  int bRecompute = cli_flag(&argc, argv, "recompute");
  int rc = cli_leftover(argc, argv, 0, "health");
  if( rc ) return rc;
  if( bLess ) q.zLessDeveloped = "1";
  if( bAttn ) q.zAttention = "1";
  if( !q.zLimit ) q.zLimit = "500";
  int asOf = date_today();
  if( zAsOf ){
    int d0, dm, de;
    if( strlen(zAsOf)!=10 || !date_period(zAsOf, &d0, &dm, &de) ){
      fprintf(stderr, "youcheng health: --as-of takes a date YYYY-MM-DD\n");
      return 2;
    }
    asOf = d0;
  }
  Ctx c;
  if( (rc = cli_open(zDb, &c)) ) return rc;
  Err e;
  memset(&e, 0, sizeof e);
  json_t *out = 0;
  YcStatus st = YC_OK;
  if( bRecompute ){
    int nTie = 0;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    st = health_recompute_all(&c, asOf, &nTie, &e);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if( !st ) fprintf(bJson ? stderr : stdout, "health of %d tie(s) recomputed in %.3f s\n", nTie,
                      (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec)/1e9);
    if( st || (!zTie && !q.zLevel && !q.zFlag && !q.zKind && !bLess && !bAttn && !bJson) ){
      cli_close(&c);
      return st ? cli_fail(&e) : 0;
    }
  }
  if( zTie ){
    long long id;
    if( !cli_parse_id(zTie, &id) ){ cli_close(&c); fprintf(stderr, "youcheng health: --tie takes a tie id\n"); return 2; }
    st = health_tie(&c, id, asOf, &out, &e);
    cli_close(&c);
    if( st ) return cli_fail(&e);
    if( bJson ){ cli_print_json(out); json_decref(out); return 0; }
    json_t *t = json_object_get(out, "tie"), *x;
    size_t i;
    printf("%s (%s): score %d/100, %s, as of %s\n", jstr0(t, "name_en"), jstr0(t, "kind"),
           (int)json_integer_value(json_object_get(out, "score")), jstr0(out, "level"), jstr0(out, "as_of"));
    json_array_foreach(json_object_get(out, "factors"), i, x){
      printf("  %-12s %3d/%-3d %s\n", jstr0(x, "factor"), (int)json_integer_value(json_object_get(x, "points")),
             (int)json_integer_value(json_object_get(x, "max")), jstr0(x, "reason"));
    }
    json_array_foreach(json_object_get(out, "reasons"), i, x) printf("  flag %s: %s\n", jstr0(x, "flag"), jstr0(x, "text"));
    json_decref(out);
    return 0;
  }
  if( zAsOf ){ cli_close(&c); fprintf(stderr, "youcheng health: --as-of works with --tie or --recompute\n"); return 2; }
  st = health_list(&c, &q, &out, &e);
  cli_close(&c);
  if( st ) return cli_fail(&e);
  if( bJson ){ cli_print_json(out); json_decref(out); return 0; }
  json_t *x;
  size_t i;
  printf("%-5s %-24s %-3s %-12s %5s %-8s %-10s %s\n", "ID", "PARTNER", "CC", "KIND", "SCORE", "LEVEL", "LAST", "FLAGS");
  json_array_foreach(json_object_get(out, "items"), i, x){
    json_t *t = json_object_get(x, "tie"), *f;
    size_t k;
    char zFlags[128] = "";
    json_array_foreach(json_object_get(x, "flags"), k, f){
      size_t n = strlen(zFlags);
      snprintf(zFlags + n, sizeof zFlags - n, "%s%s", k ? "," : "", json_string_value(f));
    }
    const char *zLabel = jstr0(t, "label");
    printf("%-5lld %-24.24s %-3s %-12s %5d %-8s %-10s %s\n", (long long)json_integer_value(json_object_get(t, "id")),
           *zLabel ? zLabel : jstr0(t, "name_en"), jstr0(json_object_get(t, "country"), "iso2"), jstr0(t, "kind"),
           (int)json_integer_value(json_object_get(x, "score")), jstr0(x, "level"),
           json_is_string(json_object_get(x, "last_exchange")) ? jstr0(x, "last_exchange") : "-", zFlags);
  }
  printf("%lld tie(s), as of %s, most urgent first", (long long)json_integer_value(json_object_get(out, "total")), jstr0(out, "as_of"));
  if( bLess && !json_is_true(json_object_get(out, "income_lists_loaded")) ) printf("; the income-group lists are not loaded");
  printf("\n");
  json_decref(out);
  return 0;
}

int cmd_calendar(int argc, char **argv){
  const char *zDb = cli_opt(&argc, argv, "db");
  const char *zMonths = cli_opt(&argc, argv, "months");
  const char *zFrom = cli_opt(&argc, argv, "from");
  const char *zTo = cli_opt(&argc, argv, "to");
  int bIcs = cli_flag(&argc, argv, "ics");
  int bJson = cli_flag(&argc, argv, "json");
  int rc = cli_leftover(argc, argv, 0, "calendar");
  if( rc ) return rc;
  Err e;
  memset(&e, 0, sizeof e);
  int fromDay, toDay;
  if( calendar_window(zFrom, zTo, zMonths, &fromDay, &toDay, &e) ) return cli_fail(&e);
  Ctx c;
  if( (rc = cli_open(zDb, &c)) ) return rc;
  if( bIcs ){
    Buf b = BUF_INIT;
    YcStatus st = calendar_ics(&c, fromDay, toDay, &b, &e);
    cli_close(&c);
    if( st ){ buf_free(&b); return cli_fail(&e); }
    fwrite(buf_str(&b), 1, b.n, stdout);
    buf_free(&b);
    return 0;
  }
  json_t *out = 0;
  YcStatus st = calendar_items(&c, fromDay, toDay, &out, &e);
  cli_close(&c);
  if( st ) return cli_fail(&e);
  if( bJson ){ cli_print_json(out); json_decref(out); return 0; }
  json_t *x;
  size_t i;
  printf("%-10s %-17s %-10s %s\n", "DATE", "WHAT", "LETTERS BY", "PARTNER / AGREEMENT");
  json_array_foreach(json_object_get(out, "items"), i, x){
    if( strcmp(jstr0(x, "type"), "anniversary")==0 ){
      char zWhat[32];
      snprintf(zWhat, sizeof zWhat, "%d years%s", (int)json_integer_value(json_object_get(x, "years")),
               json_is_true(json_object_get(x, "major")) ? " (major)" : "");
      json_t *t = json_object_get(x, "tie");
      printf("%-10s %-17s %-10s %s, %s\n", jstr0(x, "date"), zWhat, jstr0(x, "letter_by"), jstr0(t, "name_en"),
             jstr0(json_object_get(t, "country"), "iso2"));
    }else{
      printf("%-10s %-17s %-10s %s\n", jstr0(x, "date"), "agreement expires", "", jstr0(json_object_get(x, "exchange"), "title"));
    }
  }
  printf("%zu item(s) from %s to %s\n", json_array_size(json_object_get(out, "items")), jstr0(out, "from"), jstr0(out, "to"));
  json_decref(out);
  return 0;
}

int exchange_import_cmd(const char *zFile, const char *zDb, int bDry, int bJson){
  size_t n;
  char *zData = cli_read_file(zFile, (size_t)1<<30, &n);
  if( !zData ) return 1;
  Ctx c;
  int rc;
  if( (rc = cli_open(zDb, &c)) ){ free(zData); return rc; }
  Err e;
  memset(&e, 0, sizeof e);
  json_t *rep = 0;
  c.xProgress = cli_import_progress;
  YcStatus st = export_import_any(&c, "exchanges", zData, n, bDry, &rep, &e);
  cli_close(&c);
  free(zData);
  if( rep ){
    if( bJson ) cli_print_json(rep);
    else if( json_object_get(rep, "unchanged") ) export_print_report(zFile, rep, bDry);
    else{
      printf("%s: %lld row(s), %lld %s, %lld skipped (already recorded), %lld error(s) in %.2f s%s\n", zFile,
             (long long)json_integer_value(json_object_get(rep, "rows")),
             (long long)json_integer_value(json_object_get(rep, bDry ? "would_create" : "created")),
             bDry ? "would be created" : "created",
             (long long)json_integer_value(json_object_get(rep, "skipped")),
             (long long)json_integer_value(json_object_get(rep, "error_count")),
             json_real_value(json_object_get(rep, "seconds")),
             bDry ? " [dry run: nothing written]" : "");
      json_t *x;
      size_t i;
      json_array_foreach(json_object_get(rep, "errors"), i, x){
        printf("  row %lld: %s: %s\n", (long long)json_integer_value(json_object_get(x, "row")), jstr0(x, "field"), jstr0(x, "message"));
      }
      if( json_integer_value(json_object_get(rep, "error_count"))>(json_int_t)json_array_size(json_object_get(rep, "errors")) )
        printf("  (only the first %zu errors are listed)\n", json_array_size(json_object_get(rep, "errors")));
    }
    json_decref(rep);
  }
  if( st ) return cli_fail(&e);
  return 0;
}
