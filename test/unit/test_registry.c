/*
** test_registry.c: unit tests of the store and the registry core on a
** temporary database: migrations, reference data, demo data, partner and
** organisation writes with their audit entries, search, CSV import.
** Fixture rows added here are synthetic (labelled in their notes).
*/
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "unitdb.h"
#include "store/db.h"
#include "store/refdata.h"
#include "core/partner.h"
#include "core/org.h"
#include "core/city.h"
#include "core/stats.h"
#include "core/demo.h"
#include "core/partner_import.h"
#include "text/norm.h"



static int setup(void **st){
  (void)st;
  if( unitdb_open("registry") ) return -1;
  if( unitdb_demo(0) ) return -1;
  return 0;
}


/* registry-1: reference data counts; a second load adds nothing. */
static void test_refdata(void **st){
  (void)st;
  assert_int_equal(count("SELECT count(*) FROM country"), 250);
  assert_int_equal(count("SELECT count(*) FROM industry WHERE level='section'"), 21);
  assert_int_equal(count("SELECT count(*) FROM industry WHERE level='division'"), 88);
  assert_true(count("SELECT count(*) FROM city")>135000);
  assert_int_equal(count("SELECT count(*) FROM country_border WHERE iso2='CN' AND neighbour IN ('RU','IN','VN')"), 3);
  RefCounts rf;
  Err e;
  assert_int_equal(refdata_load(c.db, &rf, &e), YC_OK);
  assert_int_equal(rf.nCity, 0);
  assert_int_equal(rf.nIndustry, 0);
  int n = -1;
  assert_int_equal(db_migrate(c.db, &n, &e), YC_OK);
  assert_int_equal(n, 0);
}

/* registry-2: demo data: 12 sister cities with dates, reported figures,
** and loading twice adds nothing. */
static void test_demo(void **st){
  (void)st;
  assert_int_equal(count("SELECT count(*) FROM tie WHERE kind='sister' AND kind_verified=1"), 12);
  assert_int_equal(count("SELECT count(*) FROM tie"), 31);
  assert_int_equal(count("SELECT count(*) FROM tie t WHERE NOT EXISTS (SELECT 1 FROM tie_source s WHERE s.tie_id=t.id)"), 0);
  assert_int_equal(count("SELECT count(*) FROM tie WHERE est_date='2002' AND est_precision='year'"), 1);
  assert_int_equal(count("SELECT count FROM reported_figure WHERE as_of='2019' AND kind='cooperation'"), 51);
  DemoCounts dc;
  Err e;
  c.zRole = "admin";
  assert_int_equal(demo_load(&c, &dc, &e), YC_OK);
  c.zRole = 0;
  assert_int_equal(dc.nTie, 0);
  assert_int_equal(dc.nOrg, 0);
  assert_int_equal(count("SELECT count(*) FROM tie"), 31);
  assert_int_equal(count("SELECT count(*) FROM org"), 8);
}

/* registry-3: create, update, delete a tie; each write leaves one audit
** entry; bad input changes nothing. */
static void test_partner_writes(void **st){
  (void)st;
  Err e;
  json_t *out = 0;
  int64_t nAudit = count("SELECT count(*) FROM audit");
  int64_t lyon = city_resolve(&c, "Lyon", "FR");
  assert_true(lyon>0);
  json_t *in = json_pack("{s:I, s:s, s:s, s:[s]}", "city_id", (json_int_t)lyon, "kind", "candidate",
                         "notes", "synthetic test fixture", "sources", "unit test");
  assert_int_equal(partner_create(&c, in, &out, &e), YC_OK);
  int64_t id = json_integer_value(json_object_get(out, "id"));
  assert_string_equal(json_string_value(json_object_get(out, "status")), "proposed");
  json_decref(out);
  assert_int_equal(partner_create(&c, in, &out, &e), YC_ECONFLICT);
  json_decref(in);
  assert_int_equal(count("SELECT count(*) FROM audit"), nAudit + 1);

  in = json_pack("{s:s, s:s}", "status", "negotiating", "established", "2019-02-30");
  assert_int_equal(partner_update(&c, id, in, &out, &e), YC_EINVALID);
  assert_string_equal(e.zField, "established");
  json_decref(in);
  in = json_pack("{s:s, s:n}", "status", "negotiating", "notes");
  assert_int_equal(partner_update(&c, id, in, &out, &e), YC_OK);
  assert_string_equal(json_string_value(json_object_get(out, "status")), "negotiating");
  assert_true(json_is_null(json_object_get(out, "notes")));
  json_decref(out);
  json_decref(in);
  assert_int_equal(count("SELECT count(*) FROM audit"), nAudit + 2);

  PartnerQuery q;
  memset(&q, 0, sizeof q);
  q.zQ = "里昂";   /* GeoNames' Chinese name of Lyon */
  assert_int_equal(partner_list(&c, &q, &out, &e), YC_OK);
  assert_int_equal(json_integer_value(json_object_get(out, "total")), 1);
  json_decref(out);
  q.zQ = "里斯本";   /* Lisbon's: not a tie */
  assert_int_equal(partner_list(&c, &q, &out, &e), YC_OK);
  assert_int_equal(json_integer_value(json_object_get(out, "total")), 0);
  json_decref(out);
  q.zQ = "LYON";
  assert_int_equal(partner_list(&c, &q, &out, &e), YC_OK);
  assert_int_equal(json_integer_value(json_object_get(out, "total")), 1);
  json_decref(out);

  assert_int_equal(partner_delete(&c, id, &e), YC_OK);
  assert_int_equal(partner_delete(&c, id, &e), YC_ENOTFOUND);
  assert_int_equal(count("SELECT count(*) FROM audit"), nAudit + 3);
  assert_int_equal(count("SELECT count(*) FROM tie_fts WHERE tie_fts MATCH 'lyon'"), 0);
}

/* registry-4: list filters and validation. */
static void test_partner_list(void **st){
  (void)st;
  Err e;
  json_t *out = 0;
  PartnerQuery q;
  memset(&q, 0, sizeof q);
  q.zKind = "sister";
  q.zFrom = "1983";
  q.zTo = "1984";
  assert_int_equal(partner_list(&c, &q, &out, &e), YC_OK);
  assert_int_equal(json_integer_value(json_object_get(out, "total")), 2);   /* Wakayama, Coventry (Sacramento: April 1985) */
  json_decref(out);
  memset(&q, 0, sizeof q);
  q.zQ = "薩克拉門托";
  assert_int_equal(partner_list(&c, &q, &out, &e), YC_OK);
  assert_int_equal(json_integer_value(json_object_get(out, "total")), 1);
  json_decref(out);
  memset(&q, 0, sizeof q);
  q.zLimit = "10";
  json_t *ten = 0;
  assert_int_equal(partner_list(&c, &q, &ten, &e), YC_OK);
  q.zLimit = "5";
  assert_int_equal(partner_list(&c, &q, &out, &e), YC_OK);
  /* An opaque keyset cursor (core/page.h): the next page is rows 6..10. */
  const char *zNext = json_string_value(json_object_get(out, "next_cursor"));
  assert_non_null(zNext);
  q.zCursor = zNext;
  json_t *out2 = 0;
  assert_int_equal(partner_list(&c, &q, &out2, &e), YC_OK);
  for(size_t k=0; k<5; k++){
    assert_int_equal(json_integer_value(json_object_get(json_array_get(json_object_get(out2, "items"), k), "id")),
                     json_integer_value(json_object_get(json_array_get(json_object_get(ten, "items"), 5 + k), "id")));
  }
  json_decref(out2);
  json_decref(ten);
  json_decref(out);
  memset(&q, 0, sizeof q);
  q.zCountry = "us";
  assert_int_equal(partner_list(&c, &q, &out, &e), YC_EINVALID);
  assert_string_equal(e.zField, "country");
  q.zCountry = 0;
  q.zLimit = "0";
  assert_int_equal(partner_list(&c, &q, &out, &e), YC_EINVALID);
  q.zLimit = 0;
  q.zSort = "drop table";
  assert_int_equal(partner_list(&c, &q, &out, &e), YC_EINVALID);
  assert_string_equal(e.zField, "sort");
}

/* registry-5: CSV import is all or nothing and idempotent. */
static void test_import(void **st){
  (void)st;
  Err e;
  json_t *rep = 0;
  int64_t n0 = count("SELECT count(*) FROM tie");
  /* Synthetic rows: real cities, invented tie kinds for the test. */
  const char *zGood = "city,country,kind,sources\nOsaka,Japan,candidate,synthetic fixture\nPerth,AU,candidate,synthetic fixture\n";
  const char *zBad = "city,country,kind,established\nNagoya,JP,candidate,2019-13-45\nNowhere-xyz,JP,candidate,\n";
  assert_int_equal(partner_import(&c, zBad, strlen(zBad), 0, &rep, &e), YC_EINVALID);
  assert_int_equal(json_array_size(json_object_get(rep, "errors")), 2);
  json_decref(rep);
  assert_int_equal(count("SELECT count(*) FROM tie"), n0);
  assert_int_equal(partner_import(&c, zGood, strlen(zGood), 1, &rep, &e), YC_OK);
  json_decref(rep);
  assert_int_equal(count("SELECT count(*) FROM tie"), n0);
  assert_int_equal(partner_import(&c, zGood, strlen(zGood), 0, &rep, &e), YC_OK);
  assert_int_equal(json_integer_value(json_object_get(rep, "created")), 2);
  json_decref(rep);
  assert_int_equal(partner_import(&c, zGood, strlen(zGood), 0, &rep, &e), YC_OK);
  assert_int_equal(json_integer_value(json_object_get(rep, "created")), 0);
  assert_int_equal(json_integer_value(json_object_get(rep, "skipped")), 2);
  json_decref(rep);
  const char *zQuote = "city,kind\n\"Osa\"ka,candidate\n";
  assert_int_equal(partner_import(&c, zQuote, strlen(zQuote), 0, &rep, &e), YC_EINVALID);
  json_decref(rep);
  const char *zCols = "town,kind\nOsaka,candidate\n";
  assert_int_equal(partner_import(&c, zCols, strlen(zCols), 0, &rep, &e), YC_EINVALID);
  assert_string_equal(e.zField, "town");
  json_decref(rep);
  assert_int_equal(partner_import(&c, "", 0, 0, &rep, &e), YC_EINVALID);
  json_decref(rep);
  assert_int_equal(count("SELECT count(*) FROM tie"), n0 + 2);
}

/* registry-6: organisations, industries and links. */
static void test_orgs(void **st){
  (void)st;
  Err e;
  json_t *out = 0;
  json_t *in = json_pack("{s:s, s:s, s:s, s:[s]}", "name_zh", "测试企业（合成）", "type", "enterprise",
                         "side", "home", "industries", "99x");
  assert_int_equal(org_create(&c, in, &out, &e), YC_EINVALID);
  assert_string_equal(e.zField, "industries");
  json_decref(in);
  in = json_pack("{s:s, s:s, s:s, s:[s], s:[I]}", "name_zh", "测试企业（合成）", "type", "enterprise",
                 "side", "home", "industries", "26", "partners", (json_int_t)1);
  assert_int_equal(org_create(&c, in, &out, &e), YC_OK);
  int64_t id = json_integer_value(json_object_get(out, "id"));
  assert_int_equal(json_array_size(json_object_get(out, "partners")), 1);
  json_decref(out);
  json_decref(in);
  OrgQuery q;
  memset(&q, 0, sizeof q);
  q.zIndustry = "C";
  assert_int_equal(org_list(&c, &q, &out, &e), YC_OK);
  assert_true(json_integer_value(json_object_get(out, "total"))>=4);
  json_decref(out);
  memset(&q, 0, sizeof q);
  q.zQ = "測試";
  assert_int_equal(org_list(&c, &q, &out, &e), YC_OK);
  assert_int_equal(json_integer_value(json_object_get(out, "total")), 1);
  json_decref(out);
  in = json_pack("{s:n}", "name_zh");
  assert_int_equal(org_update(&c, id, in, &out, &e), YC_EINVALID);   /* no name left */
  json_decref(in);
  assert_int_equal(org_delete(&c, id, &e), YC_OK);
  assert_int_equal(org_get(&c, id, &out, &e), YC_ENOTFOUND);
}

/* registry-7: stats next to reported figures. */
static void test_stats(void **st){
  (void)st;
  Err e;
  json_t *out = 0;
  assert_int_equal(stats_get(&c, &out, &e), YC_OK);
  json_t *ties = json_object_get(out, "ties");
  assert_int_equal(json_integer_value(json_object_get(json_object_get(ties, "by_kind"), "sister")), 12);
  assert_int_equal(json_array_size(json_object_get(out, "reported")), 10);
  json_decref(out);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_refdata),
    cmocka_unit_test(test_demo),
    cmocka_unit_test(test_partner_writes),
    cmocka_unit_test(test_partner_list),
    cmocka_unit_test(test_import),
    cmocka_unit_test(test_orgs),
    cmocka_unit_test(test_stats),
  };
  int rc = cmocka_run_group_tests_name("registry", tests, setup, unitdb_teardown);
  text_shutdown();
  return rc;
}
