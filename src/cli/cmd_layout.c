/*
** COMMAND: import twins
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

int cmd_import_twins(int argc, char **argv){
  const char *zDb = cli_opt(&argc, argv, "db");
  const char *zFormat = cli_opt(&argc, argv, "format");
  int bDry = cli_flag(&argc, argv, "dry-run");
  int bJson = cli_flag(&argc, argv, "json");
  int rc = cli_leftover(argc, argv, 2, "import");
  if( rc ) return rc;
  if( zFormat && strcmp(zFormat, "wikipedia")!=0 && strcmp(zFormat, "wikidata")!=0 ){
    fprintf(stderr, "youcheng import twins: --format must be wikipedia or wikidata\n");
    return 2;
  }
  size_t n;
  char *zData = cli_read_file(argv[2], 256u<<20, &n);
  if( !zData ) return 1;
  Ctx c;
  if( (rc = cli_open(zDb, &c)) ){ free(zData); return rc; }
  Err e;
  memset(&e, 0, sizeof e);
  json_t *rep = 0;
  const char *zBase = strrchr(argv[2], '/');
  YcStatus st = twins_import(&c, zBase ? zBase + 1 : argv[2], zData, n, zFormat, bDry, &rep, &e);
  cli_close(&c);
  free(zData);
  if( rep && bJson ){
    print_json(rep);
  }else if( rep ){
    long long nRows = jint(rep, "rows");
    printf("%s (%s): %lld row(s) in %.2f s%s\n", argv[2], jstr0(rep, "format"), nRows,
           json_real_value(json_object_get(rep, "seconds")), bDry ? " [dry run: nothing written]" : "");
    if( json_array_size(json_object_get(rep, "errors"))==0 ){
      printf("  resolved %lld (%.1f%%), ambiguous %lld, failed %lld, same city %lld\n", jint(rep, "resolved"),
             100.0*json_real_value(json_object_get(rep, "rate")), jint(rep, "ambiguous"), jint(rep, "failed"),
             jint(rep, "same_city"));
      print_counts("cities resolved by", json_object_get(rep, "resolved_by"));
      print_counts("rows unresolved by category", json_object_get(rep, "unresolved_by"));
      printf("  pairs: %lld new, %lld already known; unresolved rows: %lld new, %lld now resolved%s\n",
             jint(rep, "pairs_new"), jint(rep, "pairs_known"), jint(rep, "unresolved_new"), jint(rep, "newly_resolved"),
             json_is_true(json_object_get(rep, "already_imported")) ? "; this file was imported before" : "");
    }
    json_t *x;
    size_t i;
    json_array_foreach(json_object_get(rep, "errors"), i, x){
      printf("  row %lld: %s%s%s\n", jint(x, "row"), jstr0(x, "field"), *jstr0(x, "field") ? ": " : "", jstr0(x, "message"));
    }
  }
  json_decref(rep);
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
