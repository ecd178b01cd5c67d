/*
** COMMAND: city
** cmd_city.c: the GeoNames gazetteer from the command line: search, show a
** city, set the office's own Chinese name of a city. The same core
** functions as GET /api/v1/cities, GET and PUT /api/v1/cities/{id}.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "core/city.h"
#include "base/json.h"

static void print_json(json_t *j){
  char *z = json_text(j, JSON_INDENT(2));
  printf("%s\n", z);
  free(z);
}

/* One line per city: id, "Name, Admin-1, CC", Chinese name, population. */
static void print_city(json_t *x){
  printf("%-10lld %-44s %-16s %12lld\n", (long long)json_integer_value(json_object_get(x, "id")),
         jstr0(x, "label_en"), *jstr0(x, "name_zh") ? jstr0(x, "name_zh") : "-",
         (long long)json_integer_value(json_object_get(x, "population")));
}

static int city_id_arg(const char *z, int64_t *pId){
  char *zEnd;
  long long v = strtoll(z, &zEnd, 10);
  if( *zEnd || v<1 ){ fprintf(stderr, "youcheng city: ID must be a GeoNames id (a number)\n"); return 2; }
  *pId = v;
  return 0;
}

int cmd_city(int argc, char **argv){
  const char *zDb = cli_opt(&argc, argv, "db");
  const char *zCountry = cli_opt(&argc, argv, "country");
  const char *zLimit = cli_opt(&argc, argv, "limit");
  const char *zZh = cli_opt(&argc, argv, "zh");
  int bClear = cli_flag(&argc, argv, "clear");
  int bJson = cli_flag(&argc, argv, "json");
  static const char *const azSub[] = {"search", "show", "name", 0};
  int iSub = -1;
  for(int i=0; argc>=2 && azSub[i]; i++) if( strcmp(argv[1], azSub[i])==0 ) iSub = i;
  if( iSub<0 ){
    fprintf(stderr, "youcheng city: give a subcommand (search, show, name)\n");
    return 2;
  }
  int rc = cli_leftover(argc, argv, 2, "city");
  if( rc ) return rc;
  int64_t id = 0;
  if( iSub>0 && (rc = city_id_arg(argv[2], &id)) ) return rc;
  if( iSub==2 && !zZh==!bClear ){
    fprintf(stderr, "youcheng city name: give --zh NAME or --clear\n");
    return 2;
  }
  Ctx c;
  if( (rc = cli_open(zDb, &c)) ) return rc;
  Err e;
  memset(&e, 0, sizeof e);
  json_t *out = 0;
  YcStatus st;
  if( iSub==0 ){
    st = city_search(&c, argv[2], zCountry, zLimit, &out, &e);
  }else if( iSub==1 ){
    st = city_get(&c, id, &out, &e);
  }else{
    json_t *in = json_pack("{s:s?}", "name_zh", bClear ? 0 : zZh);
    st = city_name_put(&c, id, in, &out, &e);
    json_decref(in);
  }
  cli_close(&c);
  if( st ) return cli_fail(&e);
  if( bJson ){
    print_json(out);
  }else if( iSub==0 ){
    json_t *items = json_object_get(out, "items"), *x;
    size_t i;
    printf("%-10s %-44s %-16s %12s\n", "ID", "CITY, ADMIN-1, COUNTRY", "CHINESE", "POPULATION");
    json_array_foreach(items, i, x) print_city(x);
  }else{
    print_city(out);
    printf("  %s\n  Chinese name: %s (%s)\n", jstr0(out, "label_zh"),
           *jstr0(out, "name_zh") ? jstr0(out, "name_zh") : "-", jstr0(out, "name_zh_source"));
    if( *jstr0(out, "admin2") ) printf("  admin-2: %s\n", jstr0(out, "admin2"));
  }
  json_decref(out);
  return 0;
}
