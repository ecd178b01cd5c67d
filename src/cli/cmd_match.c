/*
** COMMAND: match
** COMMAND: opportunity
** COMMAND: interest
** COMMAND: import profiles
** COMMAND: import opportunities
** cmd_match.c: matchmaking, opportunities and expressions of interest from
** the command line; the same core functions as GET /api/v1/match,
** /api/v1/opportunities and the pages.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/export.h"
#include "cli/cmd_export.h"
#include "cli/cli.h"
#include "cli/cmd_match.h"
#include "core/match.h"
#include "core/input.h"
#include "core/opportunity.h"
#include "core/profile.h"
#include "base/buf.h"
#include "base/json.h"

static void print_json(json_t *j){
  char *z = json_text(j, JSON_INDENT(2));
  if( z ) printf("%s\n", z);
  free(z);
}

/* A one-line English explanation of a match result's reasons. */
static void explain(json_t *item, Buf *b){
  json_t *r;
  size_t i;
  int nTerm = 0;
  json_array_foreach(json_object_get(item, "reasons"), i, r){
    const char *zKind = jstr0(r, "kind");
    if( strcmp(zKind, "industry")==0 ){
      const char *zRel = jstr0(r, "relation");
      if( strcmp(zRel, "division")==0 ) buf_printf(b, "%sindustry %s", b->n ? "; " : "", jstr0(r, "code"));
      else buf_printf(b, "%s%s %s (%s of %s)", b->n ? "; " : "", zRel, jstr0(r, "code"), zRel, jstr0(r, "query_code"));
    }else if( strcmp(zKind, "term")==0 ){
      buf_printf(b, "%s%s\"%s\"", nTerm++ ? ", " : (b->n ? "; terms " : "terms "), "", jstr0(r, "term"));
      if( json_object_get(r, "via") ) buf_printf(b, " (for %s)", jstr0(r, "via"));
    }else if( strcmp(zKind, "country")==0 ){
      const char *zRule = jstr0(r, "rule");
      if( strcmp(zRule, "targets_you")==0 ) buf_printf(b, "%stargets %s", b->n ? "; " : "", jstr0(r, "country"));
      else buf_printf(b, "%sin target %s %s", b->n ? "; " : "", strcmp(zRule, "city_in_target")==0 ? "city" : "country",
                      jstr0(r, "country"));
    }else if( strcmp(zKind, "direction")==0 ){
      const char *zRule = jstr0(r, "rule");
      if( strcmp(zRule, "offer_meets_request")==0 ) buf_printf(b, "%s%s meets your %s", b->n ? "; " : "",
          jstr0(r, "candidate_kind"), strcmp(jstr0(r, "candidate_kind"), "offer")==0 ? "request" : "offer");
    }else if( strcmp(zKind, "tie")==0 ){
      buf_printf(b, "%stie %s", b->n ? "; " : "", jstr0(r, "status"));
      if( json_object_get(r, "health") ) buf_printf(b, " (health %lld)", (long long)json_integer_value(json_object_get(r, "health")));
    }
  }
}

int cmd_match(int argc, char **argv){
  const char *zDb = cli_opt(&argc, argv, "db");
  MatchQuery q;
  memset(&q, 0, sizeof q);
  q.zText = cli_opt(&argc, argv, "text");
  q.zIndustries = cli_opt(&argc, argv, "industries");
  q.zDirection = cli_opt(&argc, argv, "direction");
  q.zCountries = cli_opt(&argc, argv, "countries");
  q.zKind = cli_opt(&argc, argv, "kind");
  q.zSide = cli_opt(&argc, argv, "side");
  q.zTypes = cli_opt(&argc, argv, "types");
  q.zLimit = cli_opt(&argc, argv, "limit");
  const char *zOpp = cli_opt(&argc, argv, "opportunity");
  const char *zOrg = cli_opt(&argc, argv, "org");
  const char *zPartner = cli_opt(&argc, argv, "partner");
  int bJson = cli_flag(&argc, argv, "json");
  int rc = cli_leftover(argc, argv, 0, "match");
  if( rc ) return rc;
  long long v;
  const char *azSrc[3] = {zOpp, zOrg, zPartner};
  int64_t *apId[3] = {&q.oppId, &q.orgId, &q.partnerId};
  int nSrc = 0;
  for(int i=0; i<3; i++){
    if( !azSrc[i] ) continue;
    if( in_parse_int(azSrc[i], 1, (long long)1e15, &v) ){
      fprintf(stderr, "youcheng match: --%s needs a numeric id\n", i==0 ? "opportunity" : i==1 ? "org" : "partner");
      return 2;
    }
    *apId[i] = v;
    nSrc++;
  }
  if( nSrc>1 ){ fprintf(stderr, "youcheng match: give one of --opportunity, --org, --partner\n"); return 2; }
  if( nSrc && (q.zText || q.zIndustries || q.zDirection || q.zCountries || q.zKind || q.zSide) ){
    fprintf(stderr, "youcheng match: --text, --industries, --direction, --countries, --kind and --side go without a source entity\n");
    return 2;
  }
  if( !nSrc && !q.zText && !q.zIndustries ){
    fprintf(stderr, "youcheng match: give --text and/or --industries, or --opportunity/--org/--partner ID (see --help)\n");
    return 2;
  }
  Ctx c;
  if( (rc = cli_open(zDb, &c)) ) return rc;
  Err e;
  memset(&e, 0, sizeof e);
  json_t *out = 0;
  YcStatus st = match_run(&c, &q, &out, &e);
  cli_close(&c);
  if( st ) return cli_fail(&e);
  if( bJson ){
    print_json(out);
  }else{
    json_t *qj = json_object_get(out, "query"), *x;
    size_t i;
    Buf b = BUF_INIT;
    json_array_foreach(json_object_get(qj, "industries"), i, x){
      buf_printf(&b, "%s%s %s [%s]", i ? ", " : "", jstr0(x, "code"), jstr0(x, "label_en"), jstr0(x, "source"));
    }
    printf("industries: %s\n", b.n ? buf_str(&b) : "(none)");
    buf_free(&b);
    printf("%-3s %-6s %-12s %-44s %s\n", "#", "SCORE", "TYPE", "NAME", "WHY");
    json_array_foreach(json_object_get(out, "items"), i, x){
      char zName[200];
      const char *zEn = jstr0(x, "name_en"), *zZh = jstr0(x, "name_zh");
      snprintf(zName, sizeof zName, "%s%s%s", *zEn ? zEn : zZh, *zEn && *zZh ? " / " : "", *zEn ? zZh : "");
      if( json_object_get(x, "country") ){
        size_t n = strlen(zName);
        snprintf(zName + n, sizeof zName - n, " (%s)", jstr0(x, "country"));
      }
      Buf w = BUF_INIT;
      explain(x, &w);
      printf("%-3zu %-6.1f %-12s %-44s %s\n", i + 1, json_real_value(json_object_get(x, "score")), jstr0(x, "type"),
             zName, buf_str(&w));
      buf_free(&w);
    }
    printf("%zu result(s) of %lld candidate(s)\n", json_array_size(json_object_get(out, "items")),
           (long long)json_integer_value(json_object_get(out, "considered")));
  }
  json_decref(out);
  return 0;
}

int cmd_opportunity(int argc, char **argv){
  const char *zDb = cli_opt(&argc, argv, "db");
  OppQuery q;
  memset(&q, 0, sizeof q);
  q.zQ = cli_opt(&argc, argv, "q");
  q.zKind = cli_opt(&argc, argv, "kind");
  q.zCategory = cli_opt(&argc, argv, "category");
  q.zDirection = cli_opt(&argc, argv, "direction");
  q.zIndustry = cli_opt(&argc, argv, "industry");
  q.zCountry = cli_opt(&argc, argv, "country");
  q.zStatus = cli_opt(&argc, argv, "status");
  q.zUnit = cli_opt(&argc, argv, "unit");
  q.zSort = cli_opt(&argc, argv, "sort");
  q.zLimit = cli_opt(&argc, argv, "limit");
  int bJson = cli_flag(&argc, argv, "json");
  if( argc<2 ){ fprintf(stderr, "youcheng opportunity: give a subcommand (list, show)\n"); return 2; }
  int bShow = strcmp(argv[1], "show")==0;
  if( !bShow && strcmp(argv[1], "list")!=0 ){
    fprintf(stderr, "youcheng opportunity: unknown subcommand '%s' (list, show)\n", argv[1]);
    return 2;
  }
  int rc = cli_leftover(argc, argv, bShow ? 2 : 1, "opportunity");
  if( rc ) return rc;
  long long id = 0;
  if( bShow && in_parse_int(argv[2], 1, (long long)1e15, &id) ){
    fprintf(stderr, "youcheng opportunity show: ID must be a number\n");
    return 2;
  }
  if( !q.zLimit ) q.zLimit = "500";
  Ctx c;
  if( (rc = cli_open(zDb, &c)) ) return rc;
  Err e;
  json_t *out = 0;
  YcStatus st = bShow ? opp_get(&c, id, &out, &e) : opp_list(&c, &q, &out, &e);
  cli_close(&c);
  if( st ) return cli_fail(&e);
  if( bJson || bShow ){
    print_json(out);
  }else{
    json_t *x;
    size_t i;
    printf("%-6s %-8s %-11s %-12s %-8s %-10s %s\n", "ID", "KIND", "CATEGORY", "DIRECTION", "STATUS", "UNTIL", "TITLE");
    json_array_foreach(json_object_get(out, "items"), i, x){
      printf("%-6lld %-8s %-11s %-12s %-8s %-10s %s\n", (long long)json_integer_value(json_object_get(x, "id")),
             jstr0(x, "kind"), jstr0(x, "category"), jstr0(x, "direction"), jstr0(x, "status"),
             *jstr0(x, "valid_until") ? jstr0(x, "valid_until") : "-", *jstr0(x, "title_en") ? jstr0(x, "title_en") : jstr0(x, "title_zh"));
    }
    printf("%lld opportunit%s\n", (long long)json_integer_value(json_object_get(out, "total")),
           json_integer_value(json_object_get(out, "total"))==1 ? "y" : "ies");
  }
  json_decref(out);
  return 0;
}

int cmd_interest(int argc, char **argv){
  const char *zDb = cli_opt(&argc, argv, "db");
  const char *zDays = cli_opt(&argc, argv, "days");
  const char *zStatus = cli_opt(&argc, argv, "status");
  int bJson = cli_flag(&argc, argv, "json");
  if( argc<2 || strcmp(argv[1], "followup")!=0 ){
    fprintf(stderr, "youcheng interest: give the subcommand followup\n");
    return 2;
  }
  int rc = cli_leftover(argc, argv, 1, "interest");
  if( rc ) return rc;
  Ctx c;
  if( (rc = cli_open(zDb, &c)) ) return rc;
  Err e;
  json_t *out = 0;
  YcStatus st = interest_followup(&c, zDays, zStatus, &out, &e);
  cli_close(&c);
  if( st ) return cli_fail(&e);
  if( bJson ){
    print_json(out);
  }else{
    json_t *x;
    size_t i;
    printf("%-6s %-6s %-10s %-5s %-30s %s\n", "ID", "OPP", "STATUS", "DAYS", "ORGANISATION", "OPPORTUNITY");
    json_array_foreach(json_object_get(out, "items"), i, x){
      json_t *org = json_object_get(x, "org");
      printf("%-6lld %-6lld %-10s %-5lld %-30s %s\n", (long long)json_integer_value(json_object_get(x, "id")),
             (long long)json_integer_value(json_object_get(x, "opportunity_id")), jstr0(x, "status"),
             (long long)json_integer_value(json_object_get(x, "days_waiting")),
             *jstr0(org, "name_en") ? jstr0(org, "name_en") : jstr0(org, "name_zh"),
             *jstr0(x, "opportunity_title_en") ? jstr0(x, "opportunity_title_en") : jstr0(x, "opportunity_title_zh"));
    }
    printf("%zu unanswered for %lld day(s) or more\n", json_array_size(json_object_get(out, "items")),
           (long long)json_integer_value(json_object_get(out, "days")));
  }
  json_decref(out);
  return 0;
}

int match_import_cmd(const char *zKind, const char *zFile, const char *zDb, int bDry, int bJson){
  size_t n;
  char *zData = cli_read_file(zFile, 256u<<20, &n);
  if( !zData ) return 1;
  Ctx c;
  int rc;
  if( (rc = cli_open(zDb, &c)) ){ free(zData); return rc; }
  Err e;
  memset(&e, 0, sizeof e);
  json_t *rep = 0;
  int bProfiles = strcmp(zKind, "profiles")==0;
  c.xProgress = cli_import_progress;
  YcStatus st = bProfiles ? profile_import_csv(&c, zData, n, bDry, &rep, &e)
                          : export_import_any(&c, "opportunities", zData, n, bDry, &rep, &e);
  cli_close(&c);
  free(zData);
  if( rep ){
    if( bJson ){
      print_json(rep);
    }else if( json_object_get(rep, "unchanged") ){
      export_print_report(zFile, rep, bDry);
    }else{
      printf("%s: %lld row(s), %lld created, %lld skipped%s, %zu error(s)%s\n", zFile,
             (long long)json_integer_value(json_object_get(rep, "rows")),
             (long long)json_integer_value(json_object_get(rep, "created")),
             (long long)json_integer_value(json_object_get(rep, "skipped")),
             bProfiles ? " (already in the profile)" : "",
             json_array_size(json_object_get(rep, "errors")), bDry ? " [dry run: nothing written]" : "");
      json_t *x;
      size_t i;
      json_array_foreach(json_object_get(rep, "errors"), i, x){
        printf("  row %lld: %s: %s\n", (long long)json_integer_value(json_object_get(x, "row")),
               jstr0(x, "field"), jstr0(x, "message"));
      }
    }
    json_decref(rep);
  }
  if( st ) return cli_fail(&e);
  return 0;
}
