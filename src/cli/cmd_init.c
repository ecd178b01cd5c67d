/*
** COMMAND: init
** cmd_init.c: create or migrate the database, load reference and demo data.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "cli/cli.h"
#include "store/refdata.h"
#include "store/lists.h"
#include "core/city.h"
#include "core/demo.h"
#include "core/layout.h"
#include "core/health.h"
#include "base/date.h"

/* Print the places an ambiguous --home-city could mean. */
static void print_candidates(json_t *a){
  size_t i;
  json_t *x;
  fprintf(stderr, "  %-12s %-30s %-28s %-3s %12s\n", "GeoNames id", "name", "admin-1", "cc", "population");
  json_array_foreach(a, i, x){
    const char *zA1 = json_string_value(json_object_get(x, "admin1"));
    fprintf(stderr, "  %-12lld %-30s %-28s %-3s %12lld\n",
      (long long)json_integer_value(json_object_get(x, "id")),
      json_string_value(json_object_get(x, "name_en")), zA1 ? zA1 : "-",
      json_string_value(json_object_get(json_object_get(x, "country"), "iso2")),
      (long long)json_integer_value(json_object_get(x, "population")));
  }
}

/* Every step of init on an open database, in one transaction. */
static int init_steps(Ctx *c, const char *zHome, int bDemo){
  Err e;
  memset(&e, 0, sizeof e);
  /* A change of home city is refused before anything is written. */
  char *zOld = db_schema_version(c->db)>=1 ? db_meta_get(c->db, "home_city_id") : 0;
  if( zOld && zHome && !city_is_named(c, atoll(zOld), zHome) ){
    fprintf(stderr, "youcheng init: this database's home city is already GeoNames %s;"
                    " --home-city '%s' names another place\n", zOld, zHome);
    free(zOld);
    return 2;
  }
  /* Migrations first, each in its own transaction (db_migrate). */
  int nApplied = 0;
  if( db_migrate(c->db, &nApplied, &e) ){ free(zOld); return cli_fail(&e); }
  if( db_begin(c->db, &e) ){ free(zOld); return cli_fail(&e); }
  RefCounts rf;
  memset(&rf, 0, sizeof rf);
  YcStatus st = refdata_load(c->db, &rf, &e);
  int nList = 0, nMember = 0;
  if( !st ) st = lists_load(c->db, &nList, &nMember, &e);
  if( st ){ db_rollback(c->db); free(zOld); return cli_fail(&e); }
  printf("schema: version %d (%d migration(s) applied)\n", db_schema_version(c->db), nApplied);
  printf("reference data: %d countries, %d new borders, %d new/changed industries\n",
         rf.nCountry, rf.nBorder, rf.nIndustry);
  if( rf.nCity ){
    printf("gazetteer: %d GeoNames places loaded (%d with a Chinese name, %d alternate names)",
           rf.nCity, rf.nCityZh, rf.nCityAlt);
    if( rf.nCityDeleted || rf.nCityKept )
      printf("; %d places of the earlier gazetteer removed, %d kept (referenced)", rf.nCityDeleted, rf.nCityKept);
    printf("\n");
  }else{
    printf("gazetteer: unchanged\n");
  }
  printf("country lists: %d built-in lists, %d members\n", nList, nMember);

  /* Home city: --home-city, else what the database has, else Jinan. */
  int64_t home = zOld ? atoll(zOld) : DEMO_HOME_CITY_ID;
  if( zHome && !zOld ){
    json_t *aCand = 0;
    st = city_lookup(c, zHome, &home, &aCand, &e);
    if( st ){
      db_rollback(c->db);
      free(zOld);
      if( aCand ){
        fprintf(stderr, "youcheng init: %s:\n", e.zMsg);
        print_candidates(aCand);
        json_decref(aCand);
        return 2;
      }
      return cli_fail(&e);
    }
  }
  free(zOld);
  char zHomeId[24];
  snprintf(zHomeId, sizeof zHomeId, "%lld", (long long)home);
  if( (st = db_meta_set(c->db, "home_city_id", zHomeId, &e)) ){ db_rollback(c->db); return cli_fail(&e); }
  c->homeCityId = home;
  json_t *jHome = 0;
  if( city_get(c, home, &jHome, &e)==YC_OK ){
    printf("home city: %s %s (GeoNames %lld)\n", json_string_value(json_object_get(jHome, "label_en")),
           json_string_value(json_object_get(jHome, "label_zh")), (long long)home);
    json_decref(jHome);
  }
  st = layout_stats_refresh(c, &e);
  /* The demo data (its last step computes every tie's health), else the
  ** health of the ties there are. */
  DemoCounts dc;
  memset(&dc, 0, sizeof dc);
  if( !st ) st = bDemo ? demo_load(c, &dc, &e) : health_recompute_all(c, date_today(), &dc.nHealth, &e);
  if( !st ) st = db_commit(c->db, &e);
  if( st ){ db_rollback(c->db); return cli_fail(&e); }
  if( bDemo ) printf("demo data: %d new ties, %d new organisations, %d reported figures\n", dc.nTie, dc.nOrg, dc.nReported);
  printf("events: %d new series and networks (%d members), %d new events, %d new invitations, %d event exchanges made\n",
         dc.nSeries, dc.nMember, dc.nEvent, dc.nInvitation, dc.nEventExchange);
  printf("exchanges: %d new demo projects, %d new demo exchanges; health of %d ties computed\n", dc.nProject, dc.nExchange, dc.nHealth);
  if( bDemo ) printf("opportunities: %d new published demo opportunities\n", dc.nOpportunity);
  printf("people and delegations: %d new people, %d new delegations with %d programme items\n", dc.nPerson, dc.nDelegation, dc.nItem);
  if( bDemo ) printf("news: %d new items, %d curated links\n", dc.nNews, dc.nNewsLink);
  return 0;
}

int cmd_init(int argc, char **argv){
  const char *zDb = cli_opt(&argc, argv, "db");
  const char *zHome = cli_opt(&argc, argv, "home-city");
  int bDemo = cli_flag(&argc, argv, "demo");
  int rc = cli_leftover(argc, argv, 0, "init");
  if( rc ) return rc;
  if( !zDb ){ fprintf(stderr, "youcheng init: --db FILE is required\n"); return 2; }
  if( strlen(zDb)>4000 ){ fprintf(stderr, "youcheng init: --db path too long\n"); return 2; }
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  /* A new database is made under a temporary name and renamed when every
  ** step has succeeded: a failed init leaves no file. An existing one is
  ** changed in one transaction: a failed init leaves it as it was. */
  int bNew = cli_db_is_new(zDb);   /* a PostgreSQL database exists (createdb) */
  char zTmp[4200];
  if( bNew ) cli_db_tmp_name(zDb, zTmp, sizeof zTmp);
  const char *zOpen = bNew ? zTmp : zDb;
  Err e;
  memset(&e, 0, sizeof e);
  Ctx c;
  memset(&c, 0, sizeof c);
  c.zActor = "init";
  c.zRole = "admin";
  if( db_open(zOpen, 1, &c.db, &e) ){
    if( bNew ) cli_db_unlink(zTmp);
    return cli_fail(&e);
  }
  rc = init_steps(&c, zHome, bDemo);
  cli_close(&c);
  if( bNew ) rc = cli_db_put_new(zTmp, zDb, rc, "init");
  if( rc ) return rc;
  clock_gettime(CLOCK_MONOTONIC, &t1);
  printf("done in %.2f s\n", (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec)/1e9);
  return 0;
}
