/*
** COMMAND: init
** cmd_init.c: create or migrate the database, load reference and demo data.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cli/cli.h"
#include "store/refdata.h"
#include "store/lists.h"
#include "core/city.h"
#include "core/demo.h"
#include "core/layout.h"
#include "core/health.h"
#include "base/date.h"

int cmd_init(int argc, char **argv){
  const char *zDb = cli_opt(&argc, argv, "db");
  const char *zHome = cli_opt(&argc, argv, "home-city");
  int bDemo = cli_flag(&argc, argv, "demo");
  int rc = cli_leftover(argc, argv, 0, "init");
  if( rc ) return rc;
  if( !zDb ){ fprintf(stderr, "youcheng init: --db FILE is required\n"); return 2; }
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  Err e;
  memset(&e, 0, sizeof e);
  Ctx c;
  memset(&c, 0, sizeof c);
  c.zActor = "init";
  if( db_open(zDb, 1, &c.db, &e) ) return cli_fail(&e);
  int nApplied = 0;
  RefCounts rf;
  YcStatus st = db_migrate(c.db, &nApplied, &e);
  if( !st ) st = refdata_load(c.db, &rf, &e);
  int nList = 0, nMember = 0;
  if( !st ) st = lists_load(c.db, &nList, &nMember, &e);
  if( st ){ cli_close(&c); return cli_fail(&e); }
  printf("schema: version %d (%d migration(s) applied)\n", db_schema_version(c.db), nApplied);
  printf("reference data: %d countries, %d new cities, %d new borders, %d new/changed industries\n",
         rf.nCountry, rf.nCity, rf.nBorder, rf.nIndustry);
  printf("country lists: %d built-in lists, %d members\n", nList, nMember);

  /* Home city: --home-city, else what the database has, else Jinan. */
  char *zOld = db_meta_get(c.db, "home_city_id");
  int64_t home = zOld ? atoll(zOld) : DEMO_HOME_CITY_ID;
  if( zHome ){
    char *zEnd;
    long long v = strtoll(zHome, &zEnd, 10);
    c.homeCityId = 0;
    if( *zEnd==0 && v>0 ) home = city_exists(&c, v) ? v : 0;
    else home = city_resolve(&c, zHome, 0);
    if( !home ){
      fprintf(stderr, "youcheng init: no city '%s' (give a name or a GeoNames id)\n", zHome);
      free(zOld);
      cli_close(&c);
      return 2;
    }
    if( zOld && atoll(zOld)!=home ){
      fprintf(stderr, "youcheng init: this database's home city is already GeoNames %s\n", zOld);
      free(zOld);
      cli_close(&c);
      return 2;
    }
  }
  free(zOld);
  char zHomeId[24];
  snprintf(zHomeId, sizeof zHomeId, "%lld", (long long)home);
  if( (st = db_meta_set(c.db, "home_city_id", zHomeId, &e)) ){ cli_close(&c); return cli_fail(&e); }
  c.homeCityId = home;
  json_t *jHome = 0;
  if( city_get(&c, home, &jHome, &e)==YC_OK ){
    printf("home city: %s, %s (GeoNames %lld)\n", json_string_value(json_object_get(jHome, "name_en")),
           json_string_value(json_object_get(json_object_get(jHome, "country"), "iso2")), (long long)home);
    json_decref(jHome);
  }
  if( (st = layout_stats_refresh(&c, &e)) ){ cli_close(&c); return cli_fail(&e); }
  /* The demo data (its last step computes every tie's health), else the
  ** health of the ties there are. */
  DemoCounts dc;
  memset(&dc, 0, sizeof dc);
  if( bDemo ) st = demo_load(&c, &dc, &e);
  else st = health_recompute_all(&c, date_today(), &dc.nHealth, &e);
  if( st ){ cli_close(&c); return cli_fail(&e); }
  if( bDemo ) printf("demo data: %d new ties, %d new organisations, %d reported figures\n", dc.nTie, dc.nOrg, dc.nReported);
  printf("exchanges: %d new demo projects, %d new demo exchanges; health of %d ties computed\n", dc.nProject, dc.nExchange, dc.nHealth);
  cli_close(&c);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  printf("done in %.2f s\n", (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec)/1e9);
  return 0;
}
