/*
** COMMAND: import twins
** COMMAND: twins
** COMMAND: layout
** COMMAND: lists
** COMMAND: network
** COMMAND: candidates
** cmd_layout.c: layout analysis, country lists, the world twin-city
** network and candidate partner cities from the command line; the same
** core functions as the API and the pages.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "cli/cmd_layout.h"
#include "core/twins.h"
#include "core/twins_network.h"
#include "core/twins_import.h"
#include "core/twins_review.h"
#include "core/layout.h"
#include "core/countrylist.h"
#include "core/candidates.h"
#include "core/page.h"
#include "base/json.h"

static void print_json(json_t *j){
  char *z = json_text(j, JSON_INDENT(2));
  printf("%s\n", z);
  free(z);
}

static void print_counts(const char *zTitle, json_t *o){
  const char *zKey;
  json_t *v;
  printf("  %s:", zTitle);
  json_object_foreach(o, zKey, v) printf(" %s %lld", zKey, (long long)json_integer_value(v));
  printf("\n");
}

/* The import report as text: every figure, and how they add up. */
static void print_report(const char *zFile, json_t *rep, int bDry){
  long long nRows = jint(rep, "rows");
  printf("%s (%s): %lld row(s) in %.2f s%s\n", zFile, jstr0(rep, "format"), nRows,
         json_real_value(json_object_get(rep, "seconds")), bDry ? " [dry run: nothing written]" : "");
  if( json_array_size(json_object_get(rep, "errors"))==0 ){
    printf("  rows %lld = resolved %lld (%.1f%%) + not resolved %lld\n", nRows, jint(rep, "resolved"),
           100.0*json_real_value(json_object_get(rep, "rate")), jint(rep, "unresolved"));
    printf("  resolved %lld = new pairs %lld + pairs known from other imports %lld + duplicate rows in this file %lld\n",
           jint(rep, "resolved"), jint(rep, "pairs_new"), jint(rep, "pairs_known"), jint(rep, "duplicate_rows"));
    print_counts("not resolved, by category", json_object_get(rep, "unresolved_by"));
    print_counts("cities resolved by", json_object_get(rep, "resolved_by"));
    printf("  low-confidence sides (listed for review): %lld; rows for review: %lld\n", jint(rep, "low_confidence"), jint(rep, "review"));
    json_t *net = json_object_get(rep, "network");
    printf("  network: %lld pairs before, %lld added, %lld removed, %lld after%s\n", jint(net, "pairs_before"),
           jint(net, "pairs_added"), jint(net, "pairs_removed"), jint(net, "pairs_after"),
           json_is_true(json_object_get(rep, "already_imported")) ? "; this file was imported before (rows not stored again)" : "");
  }
  json_t *x;
  size_t i;
  json_array_foreach(json_object_get(rep, "errors"), i, x){
    printf("  row %lld: %s%s%s\n", jint(x, "row"), jstr0(x, "field"), *jstr0(x, "field") ? ": " : "", jstr0(x, "message"));
  }
}

/* Run twins_import on a file for `import twins` and `twins resolve`. */
static int twins_file(int argc, char **argv, int nArg, const char *zCmd, TwinMode mode0){
  const char *zDb = cli_opt(&argc, argv, "db");
  const char *zFormat = cli_opt(&argc, argv, "format");
  const char *zMap = cli_opt(&argc, argv, "map");
  int bDry = mode0==TWIN_IMPORT ? cli_flag(&argc, argv, "dry-run") : 0;
  int bJson = cli_flag(&argc, argv, "json");
  int rc = cli_leftover(argc, argv, nArg, zCmd);
  if( rc ) return rc;
  size_t n;
  const char *zPath = argv[nArg];
  char *zData = cli_read_file(zPath, 256u<<20, &n);
  if( !zData ) return 1;
  Ctx c;
  if( (rc = cli_open(zDb, &c)) ){ free(zData); return rc; }
  Err e;
  memset(&e, 0, sizeof e);
  json_t *rep = 0;
  const char *zBase = strrchr(zPath, '/');
  TwinMode mode = mode0==TWIN_IMPORT && bDry ? TWIN_DRY_RUN : mode0;
  YcStatus st = twins_import(&c, zBase ? zBase + 1 : zPath, zData, n, zFormat, zMap, mode, &rep, &e);
  cli_close(&c);
  free(zData);
  if( rep && mode==TWIN_DUMP && !st ){
    /* one JSON object per line: every data row and side */
    json_t *x;
    size_t i;
    json_array_foreach(json_object_get(rep, "sides"), i, x){
      if( bJson ){
        char *z = json_text(x, JSON_COMPACT);
        printf("%s\n", z);
        free(z);
        continue;
      }
      printf("%lld.%lld %s (%s): ", jint(x, "row"), jint(x, "side"), jstr0(x, "name"), jstr0(x, "country"));
      if( json_is_null(json_object_get(x, "id")) ) printf("- %s", jstr0(x, "how"));
      else printf("%lld %s %.2f", jint(x, "id"), jstr0(x, "how"), json_real_value(json_object_get(x, "confidence")));
      printf("%s%s\n", jstr(x, "reason") ? "; " : "", jstr0(x, "reason"));
    }
    if( !bJson ){
      json_object_del(rep, "sides");
      print_report(zPath, rep, 1);
    }
  }else if( rep && bJson ){
    print_json(rep);
  }else if( rep ){
    print_report(zPath, rep, mode!=TWIN_IMPORT);
  }
  json_decref(rep);
  if( st ) return cli_fail(&e);
  return 0;
}

int cmd_import_twins(int argc, char **argv){
  return twins_file(argc, argv, 2, "import", TWIN_IMPORT);
}

static void print_side(json_t *s){
  json_t *city = json_object_get(s, "city");
  printf("    %lld. %s (%s%s%s): %s", jint(s, "side"), jstr0(s, "name"), jstr0(s, "country"), jstr(s, "qid") ? " " : "",
         jstr0(s, "qid"), jstr0(s, "how"));
  if( !json_is_null(json_object_get(s, "confidence")) ) printf(" %.0f%%", 100.0*json_real_value(json_object_get(s, "confidence")));
  if( json_is_object(city) ) printf(" -> %s, %s (GeoNames %lld)", jstr0(city, "name_en"), jstr0(city, "country"), jint(city, "id"));
  printf("%s%s\n", jstr(s, "reason") ? "; " : "", jstr0(s, "reason"));
}

/* A form or command-line value as JSON: an integer when it is one (the
** core checks ranges and names the field), else the text. */
static json_t *int_or_text(const char *z){
  int bInt = z[0]!=0 && strlen(z)<=18;
  for(const char *s = z; bInt && *s; s++) if( *s<'0' || *s>'9' ) bInt = 0;
  return bInt ? json_integer(strtoll(z, 0, 10)) : json_string(z);
}

int cmd_twins(int argc, char **argv){
  const char *zSub = argc>1 ? argv[1] : "";
  if( strcmp(zSub, "resolve")==0 ) return twins_file(argc, argv, 2, "twins resolve", TWIN_DUMP);
  const char *zDb = cli_opt(&argc, argv, "db");
  int bJson = cli_flag(&argc, argv, "json");
  Ctx c;
  Err e;
  memset(&e, 0, sizeof e);
  json_t *out = 0;
  YcStatus st = YC_OK;
  int rc;
  if( strcmp(zSub, "review")==0 ){
    const char *zReason = cli_opt(&argc, argv, "reason");
    const char *zLimit = cli_opt(&argc, argv, "limit");
    const char *zCursor = cli_opt(&argc, argv, "cursor");
    if( (rc = cli_leftover(argc, argv, 1, "twins review")) ) return rc;
    if( (rc = cli_open(zDb, &c)) ) return rc;
    st = twins_review(&c, zReason, zLimit, zCursor, 0, &out, &e);
    if( !st && !bJson ){
      json_t *x;
      size_t i;
      printf("%lld row(s) for review%s%s\n", jint(out, "total"), zReason ? ": " : "", zReason ? zReason : "");
      json_array_foreach(json_object_get(out, "items"), i, x){
        printf("  row id %lld (%s, data row %lld): %s\n", jint(x, "id"), jstr0(x, "source"), jint(x, "row"), jstr0(x, "status"));
        json_t *s;
        size_t k;
        json_array_foreach(json_object_get(x, "cities"), k, s) print_side(s);
      }
      if( jstr(out, "next_cursor") ) printf("more: --cursor %s\n", jstr(out, "next_cursor"));
    }
  }else if( strcmp(zSub, "fix")==0 ){
    const char *zRow = cli_opt(&argc, argv, "row"), *zSide = cli_opt(&argc, argv, "side");
    const char *zQid = cli_opt(&argc, argv, "qid"), *zName = cli_opt(&argc, argv, "name");
    const char *zCountry = cli_opt(&argc, argv, "country"), *zCity = cli_opt(&argc, argv, "city");
    const char *zNote = cli_opt(&argc, argv, "note");
    int bNot = cli_flag(&argc, argv, "not-a-city");
    if( (rc = cli_leftover(argc, argv, 1, "twins fix")) ) return rc;
    json_t *in = json_object();
    if( zRow ) json_object_set_new(in, "row", int_or_text(zRow));
    if( zSide ) json_object_set_new(in, "side", int_or_text(zSide));
    if( zQid ) json_object_set_new(in, "qid", json_string(zQid));
    if( zName ) json_object_set_new(in, "name", json_string(zName));
    if( zCountry ) json_object_set_new(in, "country", json_string(zCountry));
    if( zCity ) json_object_set_new(in, "city_id", int_or_text(zCity));
    if( bNot ) json_object_set_new(in, "not_a_city", json_true());
    if( zNote ) json_object_set_new(in, "note", json_string(zNote));
    if( (rc = cli_open(zDb, &c)) ){ json_decref(in); return rc; }
    st = twins_fix(&c, in, &out, &e);
    json_decref(in);
    if( !st && !bJson ){
      json_t *f = json_object_get(out, "fix");
      if( json_is_null(json_object_get(f, "city_id")) ) printf("fix %lld: not a city", jint(f, "id"));
      else printf("fix %lld: GeoNames %lld", jint(f, "id"), jint(f, "city_id"));
      printf("; %lld row(s) changed, %lld pair(s) added, %lld removed\n", jint(out, "rows_changed"), jint(out, "pairs_added"),
             jint(out, "pairs_removed"));
    }
  }else if( strcmp(zSub, "reresolve")==0 ){
    if( (rc = cli_leftover(argc, argv, 1, "twins reresolve")) ) return rc;
    if( (rc = cli_open(zDb, &c)) ) return rc;
    st = twins_reresolve(&c, &out, &e);
    if( !st && !bJson ) printf("%lld row(s) changed, %lld pair(s) added, %lld removed\n", jint(out, "rows_changed"),
                               jint(out, "pairs_added"), jint(out, "pairs_removed"));
  }else{
    fprintf(stderr, "youcheng twins: resolve, review, fix or reresolve (see youcheng twins --help)\n");
    return 2;
  }
  cli_close(&c);
  if( !st && bJson ) print_json(out);
  json_decref(out);
  if( st ) return cli_fail(&e);
  return 0;
}

int cmd_layout(int argc, char **argv){
  const char *zDb = cli_opt(&argc, argv, "db");
  const char *zList = cli_opt(&argc, argv, "list");
  const char *zLimit = cli_opt(&argc, argv, "limit");
  int bJson = cli_flag(&argc, argv, "json");
  int rc = cli_leftover(argc, argv, 0, "layout");
  if( rc ) return rc;
  int nLimit;
  Err e;
  if( page_limit(zLimit, 30, 1000, &nLimit, &e) ) return cli_fail(&e);
  Ctx c;
  if( (rc = cli_open(zDb, &c)) ) return rc;
  json_t *out = 0;
  YcStatus st = layout_analyse(&c, zList, &out, &e);
  cli_close(&c);
  if( st ) return cli_fail(&e);
  if( bJson ){ print_json(out); json_decref(out); return 0; }
  json_t *home = json_object_get(out, "home_city"), *tot = json_object_get(out, "totals"), *x;
  size_t i;
  printf("Home city: %s (%s)\n", jstr0(home, "name_en"), jstr0(home, "country"));
  printf("Ties: %lld in %lld countries; %lld countries covered by an active sister or cooperation tie%s\n",
         jint(tot, "ties"), jint(tot, "countries"), jint(tot, "covered_countries"),
         json_is_true(json_object_get(out, "health")) ? "" : " (no health table: dormant ties not told apart)");
  if( json_is_true(json_object_get(out, "health")) )
    printf("  of which %lld with a tie that is not dormant (health levels)\n", jint(tot, "working_countries"));
  print_counts("by kind", json_object_get(tot, "by_kind"));
  printf("\n%-16s %-44s %8s %7s %6s %6s %6s %6s\n", "LIST", "NAME", "COVERED", "SHARE", "NONE", "CAND", "DORM", "INACT");
  json_array_foreach(json_object_get(out, "lists"), i, x){
    json_t *s = json_object_get(x, "states");
    printf("%-16s %-44.44s %3lld/%-4lld %6.1f%% %6lld %6lld %6lld %6lld\n", jstr0(x, "key"), jstr0(x, "name_en"),
           jint(x, "covered"), jint(x, "members"), 100.0*json_real_value(json_object_get(x, "share")),
           jint(s, "none"), jint(s, "candidate_only"), jint(s, "dormant_only"), jint(s, "inactive_only"));
  }
  json_t *gaps = json_object_get(out, "gaps");
  printf("\nGaps%s%s, by priority (%zu; first %d):\n", zList ? " in " : " in all target and user lists", zList ? zList : "",
         json_array_size(gaps), nLimit);
  printf("%5s %-4s %-32s %-14s %s\n", "PRIO", "ISO", "COUNTRY", "STATE", "LISTS");
  json_array_foreach(gaps, i, x){
    if( (long)i>=nLimit ) break;
    char zLists[200] = "";
    json_t *k;
    size_t j;
    json_array_foreach(json_object_get(x, "lists"), j, k){
      if( j ) strncat(zLists, ",", sizeof zLists - strlen(zLists) - 1);
      strncat(zLists, json_string_value(k), sizeof zLists - strlen(zLists) - 1);
    }
    printf("%5lld %-4s %-32.32s %-14s %s\n", jint(x, "priority"), jstr0(x, "iso2"), jstr0(x, "name_en"), jstr0(x, "state"), zLists);
  }
  printf("\n%s\n", json_string_value(json_object_get(out, "priority_rule")));
  json_decref(out);
  return 0;
}

int cmd_lists(int argc, char **argv){
  const char *zDb = cli_opt(&argc, argv, "db");
  int bJson = cli_flag(&argc, argv, "json");
  int bShow = argc>=2 && strcmp(argv[1], "show")==0;
  int bExpand = argc>=2 && strcmp(argv[1], "expand")==0;
  if( argc>=2 && !bShow && !bExpand ){
    fprintf(stderr, "youcheng lists: unknown subcommand '%s' (show KEY, expand KEY on|off)\n", argv[1]);
    return 2;
  }
  int rc = cli_leftover(argc, argv, bShow ? 2 : bExpand ? 3 : 0, "lists");
  if( rc ) return rc;
  if( bExpand && strcmp(argv[3], "on")!=0 && strcmp(argv[3], "off")!=0 ){
    fprintf(stderr, "youcheng lists expand: give on or off\n");
    return 2;
  }
  Ctx c;
  if( (rc = cli_open(zDb, &c)) ) return rc;
  Err e;
  json_t *out = 0;
  YcStatus st;
  if( bExpand ){
    json_t *in = json_pack("{s:b}", "expand", strcmp(argv[3], "on")==0);
    st = clist_update(&c, argv[2], in, &out, &e);
    json_decref(in);
    bShow = 1;
  }else{
    st = bShow ? clist_get(&c, argv[2], &out, &e) : clist_all(&c, &out, &e);
  }
  cli_close(&c);
  if( st ) return cli_fail(&e);
  if( bJson ){ print_json(out); json_decref(out); return 0; }
  json_t *x;
  size_t i;
  if( bShow ){
    printf("%s: %s / %s (%s%s)\nsource: %s\nas of: %s\n", jstr0(out, "key"), jstr0(out, "name_en"), jstr0(out, "name_zh"),
           jstr0(out, "kind"), json_is_true(json_object_get(out, "builtin")) ? ", built-in" : "", jstr0(out, "source"), jstr0(out, "as_of"));
    if( *jstr0(out, "notes") ) printf("notes: %s\n", jstr0(out, "notes"));
    printf("expand: %s (%s)\n", json_is_true(json_object_get(out, "expand")) ? "on: candidates even where ties exist" : "off",
           strcmp(jstr0(out, "expand_by"), "user")==0 ? "set by the office" : "from the list's data");
    json_array_foreach(json_object_get(out, "member_list"), i, x){
      printf("  %s  %-36s %s\n", jstr0(x, "iso2"), jstr0(x, "name_en"), jstr0(x, "note"));
    }
    printf("%lld countries\n", jint(out, "members"));
  }else{
    printf("%-16s %-10s %-8s %-7s %7s  %s\n", "KEY", "KIND", "BUILTIN", "EXPAND", "MEMBERS", "NAME");
    json_array_foreach(json_object_get(out, "items"), i, x){
      printf("%-16s %-10s %-8s %-7s %7lld  %s\n", jstr0(x, "key"), jstr0(x, "kind"),
             json_is_true(json_object_get(x, "builtin")) ? "yes" : "no", json_is_true(json_object_get(x, "expand")) ? "yes" : "no",
             jint(x, "members"), jstr0(x, "name_en"));
    }
  }
  json_decref(out);
  return 0;
}

int cmd_network(int argc, char **argv){
  const char *zDb = cli_opt(&argc, argv, "db");
  const char *zLimit = cli_opt(&argc, argv, "limit");
  int bJson = cli_flag(&argc, argv, "json");
  if( argc<3 || (strcmp(argv[1], "city")!=0 && strcmp(argv[1], "country")!=0) ){
    fprintf(stderr, "youcheng network: give `city GEONAMES_ID` or `country ISO2`\n");
    return 2;
  }
  int rc = cli_leftover(argc, argv, 2, "network");
  if( rc ) return rc;
  int bCity = strcmp(argv[1], "city")==0;
  int64_t id = 0;
  if( bCity ){
    char *zEnd;
    id = strtoll(argv[2], &zEnd, 10);
    if( *zEnd || id<1 ){ fprintf(stderr, "youcheng network city: give a GeoNames id\n"); return 2; }
  }
  Ctx c;
  if( (rc = cli_open(zDb, &c)) ) return rc;
  Err e;
  json_t *out = 0;
  YcStatus st = bCity ? network_city(&c, id, &out, &e) : network_country(&c, argv[2], zLimit, &out, &e);
  cli_close(&c);
  if( st ) return cli_fail(&e);
  if( bJson ){ print_json(out); json_decref(out); return 0; }
  json_t *x;
  size_t i;
  if( bCity ){
    json_t *city = json_object_get(out, "city"), *n = json_object_get(out, "counts");
    printf("%s (%s), GeoNames %lld: %lld twin(s), %lld with Chinese cities, %lld with cities of the home province%s\n",
           jstr0(city, "name_en"), jstr0(json_object_get(city, "country"), "iso2"), jint(city, "id"), jint(n, "twins"),
           jint(n, "china"), jint(n, "home_province"), json_is_true(json_object_get(n, "home_city")) ? "; twinned with the home city" : "");
    json_array_foreach(json_object_get(out, "twins"), i, x){
      printf("  %-9lld %-30s %s%s\n", jint(x, "id"), jstr0(x, "name_en"), jstr0(json_object_get(x, "country"), "iso2"),
             json_is_true(json_object_get(x, "home_province")) ? "  [home province]" : "");
    }
  }else{
    json_t *co = json_object_get(out, "country");
    printf("%s: %lld cities with twins, %lld twin links, %lld with Chinese cities\n", jstr0(co, "name_en"),
           jint(out, "cities_with_twins"), jint(out, "twin_links"), jint(out, "links_with_china"));
    printf("%-9s %-30s %6s %6s %6s\n", "ID", "CITY", "TWINS", "CHINA", "PROV");
    json_array_foreach(json_object_get(out, "items"), i, x){
      printf("%-9lld %-30s %6lld %6lld %6lld\n", jint(x, "id"), jstr0(x, "name_en"), jint(x, "twins"), jint(x, "china"), jint(x, "home_province"));
    }
  }
  json_decref(out);
  return 0;
}

int cmd_candidates(int argc, char **argv){
  const char *zDb = cli_opt(&argc, argv, "db");
  const char *zCountry = cli_opt(&argc, argv, "country");
  const char *zList = cli_opt(&argc, argv, "list");
  const char *zLimit = cli_opt(&argc, argv, "limit");
  int bJson = cli_flag(&argc, argv, "json");
  int rc = cli_leftover(argc, argv, 0, "candidates");
  if( rc ) return rc;
  Ctx c;
  if( (rc = cli_open(zDb, &c)) ) return rc;
  Err e;
  json_t *out = 0;
  YcStatus st = candidates_rank(&c, zCountry, zList, zLimit, &out, &e);
  cli_close(&c);
  if( st ) return cli_fail(&e);
  if( bJson ){ print_json(out); json_decref(out); return 0; }
  json_t *x;
  size_t i;
  json_t *fit = json_object_get(out, "fit");
  if( json_is_object(fit) ){
    json_t *home = json_object_get(fit, "home"), *best = json_object_get(fit, "best");
    printf("Fit learned from the world twin network: %lld twin links of %lld cities like %s (%s, band %lld; scope %s);"
           " best-fitting kind %s, band %lld (%.2f twins per city)\n", jint(fit, "peer_links"), jint(fit, "peers"),
           jstr0(home, "name"), jstr0(home, "fc"), jint(home, "band"), jstr0(fit, "scope"), jstr0(best, "fc"), jint(best, "band"),
           json_real_value(json_object_get(best, "per_city")));
  }else{
    printf("No world twin network imported: administrative rank and population by fixed points.\n");
  }
  if( json_array_size(json_object_get(out, "expand")) ){
    printf("Countries with ties, proposed because their list is marked expand:");
    json_array_foreach(json_object_get(out, "expand"), i, x) printf(" %s", json_string_value(x));
    printf("\n");
  }
  printf("%4s %5s %-40s %-3s %11s %s\n", "RANK", "SCORE", "CITY", "CC", "POPULATION", "REASONS (points)");
  json_array_foreach(json_object_get(out, "items"), i, x){
    json_t *city = json_object_get(x, "city"), *r;
    size_t k;
    char zCity[200];
    if( *jstr0(city, "admin1") ) snprintf(zCity, sizeof zCity, "%s, %s", jstr0(city, "name_en"), jstr0(city, "admin1"));
    else snprintf(zCity, sizeof zCity, "%s", jstr0(city, "name_en"));
    printf("%4lld %5lld %-40.40s %-3s %11lld", jint(x, "rank"), jint(x, "score"), zCity,
           jstr0(json_object_get(city, "country"), "iso2"), jint(city, "population"));
    json_array_foreach(json_object_get(x, "reasons"), k, r){
      if( jint(r, "points") ) printf(" %s %+lld", jstr0(r, "factor"), jint(r, "points"));
    }
    if( json_object_get(json_object_get(x, "flags"), "home_province_twin") )
      printf(" [home province: %s]", jstr0(json_object_get(x, "flags"), "home_province_twin"));
    printf("\n");
  }
  json_array_foreach(json_object_get(out, "excluded"), i, x){
    printf("left out %s (%s): %s\n", jstr0(json_object_get(x, "city"), "name_en"),
           jstr0(json_object_get(json_object_get(x, "city"), "country"), "iso2"), jstr0(x, "text"));
  }
  json_array_foreach(json_object_get(out, "skipped"), i, x) printf("skipped %s: %s\n", jstr0(x, "factor"), jstr0(x, "text"));
  json_decref(out);
  return 0;
}
