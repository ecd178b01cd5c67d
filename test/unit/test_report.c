/*
** test_report.c: unit tests of the annual report (core/report.c) on a small
** temporary database whose figures are worked out by hand in the comments
** (health thresholds: the defaults of 003_exchanges.sql; sister ties:
** cooling after 12 months, dormant from 24).
**
** Every country, city, tie, exchange, delegation, event, project and
** opportunity here is SYNTHETIC: made up for the tests (country "XA",
** cities with ids from 9000001), not real facts.
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
#include "base/json.h"
#include "core/exchange.h"
#include "core/report.h"

static int64_t aTie[5];

static void exec(const char *zSql){
  Err e;
  if( db_exec(c.db, zSql, &e) ) fail_msg("%s: %s", zSql, e.zMsg);
}

/* A synthetic sister tie with partner city 9000010+n, established zEst
** (YYYY), status zStatus, ended zEnded (or 0). */
static int64_t tie(int n, const char *zEst, const char *zStatus, const char *zEnded){
  char zSql[800];
  snprintf(zSql, sizeof zSql,
    "INSERT INTO city(id,name,name_fold,country,population) VALUES(%d,'Synthetic City %d','synthetic city %d','%s',1000);"
    "INSERT INTO tie(home_city_id,partner_city_id,kind,status,est_date,est_precision,ended,notes,created_at,updated_at)"
    " VALUES(9000001,%d,'sister','%s','%s','year',%s%s%s,'synthetic test tie','2000-01-01T00:00:00Z','2000-01-01T00:00:00Z')",
    9000010+n, n, n, n==4 ? "XB" : "XA", 9000010+n, zStatus, zEst, zEnded ? "'" : "", zEnded ? zEnded : "NULL", zEnded ? "'" : "");
  exec(zSql);
  return db_last_id(c.db);
}

static void add(const char *zFmt, ...){
  char z[1000];
  va_list ap;
  va_start(ap, zFmt);
  vsnprintf(z, sizeof z, zFmt, ap);
  va_end(ap);
  json_error_t je;
  json_t *in = json_loads(z, 0, &je), *out = 0;
  assert_non_null(in);
  Err e;
  memset(&e, 0, sizeof e);
  YcStatus st = exchange_create(&c, in, &out, &e);
  if( st ) fail_msg("exchange_create: %s (%s)", e.zMsg, e.zField);
  json_decref(in);
  json_decref(out);
}

static int setup(void **st){
  (void)st;
  if( unitdb_open("report") ) return -1;
  if( db_exec(c.db, "INSERT INTO country(iso2,iso3,name_en,name_zh,continent) VALUES('XA','XAA','Synthetica','合成国','asia'),"
                    "('XB','XBB','Synthetia','合成二国','europe');"
                    "INSERT INTO city(id,name,name_fold,country,population) VALUES(9000001,'Synthetic Home','synthetic home','XA',1000);"
                    "INSERT INTO meta(key,value) VALUES('home_city_id','9000001');"
                    "INSERT INTO unit(name_zh,name_en,kind,created_at,updated_at) VALUES('合成单位','Synthetic unit','office',"
                    "'2000-01-01T00:00:00Z','2000-01-01T00:00:00Z')", 0) ) return -1;
  c.homeCityId = 9000001;
  c.zRole = "admin";
  /* Ties: 1 established 2022 (new in 2022); 2 established 2000, first
  ** exchange 2022-03 (dormant at the end of 2021, active at the end of
  ** 2022: became active); 3 established 2000, last exchange 2020-06-15
  ** (18 months before the end of 2021: cooling; 30 before the end of 2022:
  ** dormant: fell dormant); 4 (in XB, Europe) ended 2022-05; 5 established
  ** 2010, exchanges every year (active throughout). */
  aTie[0] = tie(1, "2022", "active", 0);
  aTie[1] = tie(2, "2000", "active", 0);
  aTie[2] = tie(3, "2000", "active", 0);
  aTie[3] = tie(4, "2005", "ended", "2022-05");
  aTie[4] = tie(5, "2010", "active", 0);
  /* Exchanges of 2022: four, one of them dated only "2022" (it counts in
  ** 2022) and one on two ties (once by kind, once for each partner, once
  ** per continent: ties 5 (Asia) and 4 (Europe)). */
  add("{\"title\":\"Synthetic visit A\",\"kind\":\"delegation_in\",\"date\":\"2022-03-10\",\"ties\":[%lld],\"fields\":[\"culture\"],\"unit_id\":1}", (long long)aTie[1]);
  add("{\"title\":\"Synthetic visit B\",\"kind\":\"delegation_out\",\"date\":\"2022-06\",\"ties\":[%lld],\"fields\":[\"culture\",\"education\"]}", (long long)aTie[4]);
  add("{\"title\":\"Synthetic year-only entry\",\"kind\":\"culture\",\"date\":\"2022\",\"ties\":[%lld]}", (long long)aTie[0]);
  add("{\"title\":\"Synthetic joint meeting\",\"kind\":\"online_meeting\",\"date\":\"2022-01-20\",\"ties\":[%lld,%lld]}",
      (long long)aTie[4], (long long)aTie[3]);
  /* Before 2022. */
  add("{\"title\":\"Synthetic old visit\",\"kind\":\"delegation_in\",\"date\":\"2020-06-15\",\"ties\":[%lld]}", (long long)aTie[2]);
  add("{\"title\":\"Synthetic 2021 visit\",\"kind\":\"delegation_in\",\"date\":\"2021-09-01\",\"ties\":[%lld]}", (long long)aTie[4]);
  /* Delegations of 2022: in (public, 12 people), out (private, 5 people),
  ** out (cancelled: not counted). */
  exec("INSERT INTO delegation(direction,title_en,status,start_date,start_precision,start_day0,day_end,size,public,created_at,updated_at)"
       " VALUES('in','Synthetic delegation in','done','2022-04-02','day',19084,19084,12,1,'2022-01-01T00:00:00Z','2022-01-01T00:00:00Z'),"
       "('out','Synthetic private delegation','done','2022-05-02','day',19114,19114,5,0,'2022-01-01T00:00:00Z','2022-01-01T00:00:00Z'),"
       "('out','Synthetic cancelled delegation','cancelled','2022-07-02','day',19175,19175,9,1,'2022-01-01T00:00:00Z','2022-01-01T00:00:00Z')");
  /* Events of 2022: one public (200 people reported; ties 1 and 5 attended),
  ** one private. */
  exec("INSERT INTO event(id,title_en,kind,status,start_date,start_precision,start_day0,day_end,public,reported_people,created_at,updated_at)"
       " VALUES(1,'Synthetic forum','forum','held','2022-09-01','day',19236,19236,1,200,'2022-01-01T00:00:00Z','2022-01-01T00:00:00Z'),"
       "(2,'Synthetic private meeting','other','held','2022-10-01','day',19266,19266,0,NULL,'2022-01-01T00:00:00Z','2022-01-01T00:00:00Z')");
  char zSql[600];
  snprintf(zSql, sizeof zSql, "INSERT INTO invitation(event_id,tie_id,status,created_at,updated_at) VALUES"
       "(1,%lld,'attended','2022-01-01T00:00:00Z','2022-01-01T00:00:00Z'),(1,%lld,'attended','2022-01-01T00:00:00Z','2022-01-01T00:00:00Z'),"
       "(2,%lld,'attended','2022-01-01T00:00:00Z','2022-01-01T00:00:00Z')",
       (long long)aTie[0], (long long)aTie[4], (long long)aTie[1]);
  exec(zSql);
  /* Projects overlapping 2022: EUR 1000 and EUR 500 (implementing, signed),
  ** CNY 200 (completed 2022-08), one without a value; one completed in 2019
  ** (not counted); one without a start date (not counted). */
  exec("INSERT INTO project(title,stage,value,currency,start_date,start_precision,start_day0,end_date,end_precision,end_day0,end_day_end,created_at,updated_at) VALUES"
       "('Synthetic project A','implementing',1000,'EUR','2021-03','month',18687,NULL,NULL,NULL,NULL,'2021-01-01T00:00:00Z','2021-01-01T00:00:00Z'),"
       "('Synthetic project B','signed',500,'EUR','2022-02-01','day',19024,NULL,NULL,NULL,NULL,'2021-01-01T00:00:00Z','2021-01-01T00:00:00Z'),"
       "('Synthetic project C','completed',200,'CNY','2021','year',18628,'2022-08','month',19205,19235,'2021-01-01T00:00:00Z','2021-01-01T00:00:00Z'),"
       "('Synthetic project D','lead',NULL,NULL,'2022','year',18993,NULL,NULL,NULL,NULL,'2021-01-01T00:00:00Z','2021-01-01T00:00:00Z'),"
       "('Synthetic project E','completed',99,'USD','2018','year',17532,'2019','year',17897,18261,'2021-01-01T00:00:00Z','2021-01-01T00:00:00Z'),"
       "('Synthetic project F','lead',7,'USD',NULL,NULL,NULL,NULL,NULL,NULL,NULL,'2021-01-01T00:00:00Z','2021-01-01T00:00:00Z')");
  /* Opportunities: 1 (published) matched in 2022, 2 (draft) closed in 2022,
  ** 3 entered closed in 2022 (no change of status: not counted). The audit
  ** rows stand for the updates (synthetic). */
  exec("INSERT INTO opportunity(id,kind,category,direction,tie_id,title_en,status,review,created_at,updated_at) VALUES"
       "(1,'offer','culture','going_out',1,'Synthetic offer','matched','published','2021-01-01T00:00:00Z','2022-05-01T00:00:00Z'),"
       "(2,'request','culture','going_out',1,'Synthetic request','closed','draft','2021-01-01T00:00:00Z','2022-05-01T00:00:00Z'),"
       "(3,'offer','culture','going_out',1,'Synthetic closed offer','closed','published','2022-01-01T00:00:00Z','2022-01-01T00:00:00Z');"
       "INSERT INTO audit(at,actor,action,entity,entity_id,before,after) VALUES"
       "('2022-05-01T00:00:00Z','unit','update','opportunity',1,'{\"status\":\"open\"}','{\"status\":\"matched\"}'),"
       "('2022-06-01T00:00:00Z','unit','update','opportunity',2,'{\"status\":\"open\"}','{\"status\":\"closed\"}'),"
       "('2022-01-01T00:00:00Z','unit','create','opportunity',3,NULL,'{\"status\":\"closed\"}')");
  return 0;
}

static int teardown(void **st){
  (void)st;
  return unitdb_close();
}

static json_t *report(int year, int bSignedIn){
  c.zRole = bSignedIn ? "admin" : 0;
  json_t *j = 0;
  Err e;
  YcStatus st = report_year(&c, year, &j, &e);
  c.zRole = "admin";
  if( st ) fail_msg("report_year: %s", e.zMsg);
  return j;
}

static long long at(const json_t *j, const char *zPath){
  char z[200];
  snprintf(z, sizeof z, "%s", zPath);
  const json_t *x = j;
  for(char *p = strtok(z, "."); p; p = strtok(0, ".")) x = json_object_get(x, p);
  if( !json_is_integer(x) ) fail_msg("%s is not an integer", zPath);
  return json_integer_value(x);
}

/* report-1: malformed years are refused naming "year". */
static void test_years(void **st){
  (void)st;
  int y;
  Err e;
  assert_int_equal(report_parse_year("2022", &y, &e), YC_OK);
  assert_int_equal(y, 2022);
  const char *azBad[] = {"22", "02022", "20x2", "1899", "", "9999", 0};
  for(int i=0; azBad[i]; i++){
    memset(&e, 0, sizeof e);
    assert_int_equal(report_parse_year(azBad[i], &y, &e), YC_EINVALID);
    assert_string_equal(e.zField, "year");
  }
  json_t *j = 0;
  assert_int_equal(report_year(&c, 1899, &j, &e), YC_EINVALID);
  assert_string_equal(e.zField, "year");
  assert_null(j);
}

/* report-2: ties new, ended, became active, fell dormant. */
static void test_ties(void **st){
  (void)st;
  json_t *j = report(2022, 1);
  const json_t *t = json_object_get(json_object_get(j, "current"), "ties");
  assert_int_equal(at(t, "new"), 1);
  assert_int_equal(jint(json_object_get(json_array_get(json_object_get(t, "new_items"), 0), "tie"), "id"), aTie[0]);
  assert_int_equal(at(t, "ended"), 1);
  assert_int_equal(jint(json_object_get(json_array_get(json_object_get(t, "ended_items"), 0), "tie"), "id"), aTie[3]);
  assert_int_equal(at(t, "became_active"), 1);
  const json_t *up = json_array_get(json_object_get(t, "became_active_items"), 0);
  assert_int_equal(jint(json_object_get(up, "tie"), "id"), aTie[1]);
  assert_string_equal(jstr(up, "before"), "dormant");
  assert_int_equal(at(t, "fell_dormant"), 1);
  const json_t *down = json_array_get(json_object_get(t, "fell_dormant_items"), 0);
  assert_int_equal(jint(json_object_get(down, "tie"), "id"), aTie[2]);
  assert_string_equal(jstr(down, "before"), "cooling");
  json_decref(j);
}

/* report-3: exchanges by kind, field, partner, continent and unit; the
** year-only date counts in its year. */
static void test_exchanges(void **st){
  (void)st;
  json_t *j = report(2022, 1);
  const json_t *x = json_object_get(json_object_get(j, "current"), "exchanges");
  assert_int_equal(at(x, "total"), 4);
  assert_int_equal(at(x, "by_kind.delegation_in"), 1);
  assert_int_equal(at(x, "by_kind.culture"), 1);           /* the one dated "2022" */
  assert_int_equal(at(x, "by_kind.online_meeting"), 1);
  assert_int_equal(at(x, "by_kind.delegation_in") + at(x, "by_kind.delegation_out") + at(x, "by_kind.culture")
                   + at(x, "by_kind.online_meeting"), 4);
  assert_int_equal(at(x, "by_field.culture"), 3);          /* visits A and B, and the culture entry (its kind's field) */
  assert_int_equal(at(x, "by_field.education"), 1);
  /* Partners: tie 5 twice (visit B, the joint meeting), 2, 1 and 4 once: four rows. */
  const json_t *bp = json_object_get(x, "by_partner");
  assert_int_equal(json_array_size(bp), 4);
  assert_int_equal(jint(json_object_get(json_array_get(bp, 0), "tie"), "id"), aTie[4]);
  assert_int_equal(jint(json_array_get(bp, 0), "count"), 2);
  /* Continents: the joint meeting once in Asia (tie 5) and once in Europe (tie 4). */
  assert_int_equal(at(x, "by_continent.asia"), 4);
  assert_int_equal(at(x, "by_continent.europe"), 1);
  /* Units: one exchange of the synthetic unit, three without one. */
  const json_t *bu = json_object_get(x, "by_unit");
  assert_int_equal(json_array_size(bu), 2);
  assert_string_equal(jstr(json_object_get(json_array_get(bu, 0), "unit"), "name_en"), "Synthetic unit");
  assert_int_equal(jint(json_array_get(bu, 0), "count"), 1);
  assert_true(json_is_null(json_object_get(json_array_get(bu, 1), "unit")));
  assert_int_equal(jint(json_array_get(bu, 1), "count"), 3);
  /* The previous year and the change. */
  assert_int_equal(at(json_object_get(j, "previous"), "exchanges.total"), 1);
  const json_t *ch;
  size_t i;
  int bSeen = 0;
  json_array_foreach(json_object_get(j, "change"), i, ch){
    if( strcmp(jstr(ch, "metric"), "exchanges")==0 ){
      bSeen = 1;
      assert_int_equal(jint(ch, "current"), 4);
      assert_int_equal(jint(ch, "previous"), 1);
      assert_int_equal(jint(ch, "change"), 3);
    }
  }
  assert_true(bSeen);
  json_decref(j);
}

/* report-4: delegations, events, projects, opportunities; signed in. */
static void test_others_signed_in(void **st){
  (void)st;
  json_t *j = report(2022, 1);
  const json_t *cur = json_object_get(j, "current");
  assert_int_equal(at(cur, "delegations.in.count"), 1);
  assert_int_equal(at(cur, "delegations.in.people"), 12);
  assert_int_equal(at(cur, "delegations.out.count"), 1);    /* the cancelled one left out */
  assert_int_equal(at(cur, "delegations.out.people"), 5);
  assert_int_equal(at(cur, "events.total"), 2);
  assert_int_equal(at(cur, "events.partners_attended"), 3);
  assert_int_equal(at(cur, "events.reported_people"), 200);
  const json_t *pj = json_object_get(cur, "projects");
  assert_int_equal(at(pj, "total"), 4);
  assert_int_equal(at(pj, "by_stage.implementing"), 1);
  assert_int_equal(at(pj, "by_stage.completed"), 1);
  assert_int_equal(at(pj, "with_value"), 3);
  const json_t *v = json_object_get(pj, "value_by_currency");
  assert_int_equal(json_object_size(v), 2);                 /* never converted: one sum per currency */
  assert_true(json_number_value(json_object_get(v, "EUR"))==1500.0);
  assert_true(json_number_value(json_object_get(v, "CNY"))==200.0);
  assert_int_equal(at(cur, "opportunities.matched"), 1);
  assert_int_equal(at(cur, "opportunities.closed"), 1);      /* entered closed: no date, not counted */
  json_decref(j);
}

/* report-5: anonymous callers count public events and delegations and
** published opportunities only, and see no health; exchanges and ties alike. */
static void test_anonymous(void **st){
  (void)st;
  json_t *j = report(2022, 0);
  const json_t *cur = json_object_get(j, "current");
  assert_int_equal(at(cur, "delegations.in.count"), 1);
  assert_int_equal(at(cur, "delegations.out.count"), 0);
  assert_int_equal(at(cur, "events.total"), 1);
  assert_int_equal(at(cur, "events.partners_attended"), 2);
  assert_int_equal(at(cur, "opportunities.matched"), 1);
  assert_int_equal(at(cur, "opportunities.closed"), 0);
  assert_int_equal(at(cur, "exchanges.total"), 4);
  assert_int_equal(at(cur, "ties.new"), 1);
  /* No health for anonymous callers: no level changes, no such change rows. */
  assert_true(json_is_null(json_object_get(json_object_get(cur, "ties"), "became_active")));
  assert_true(json_is_null(json_object_get(json_object_get(cur, "ties"), "fell_dormant_items")));
  const json_t *ch;
  size_t i;
  json_array_foreach(json_object_get(j, "change"), i, ch) assert_null(strstr(jstr(ch, "metric"), "dormant"));
  const json_t *notes = json_object_get(j, "notes");
  assert_string_equal(json_string_value(json_array_get(notes, json_array_size(notes) - 1)), "public_only");
  json_decref(j);
}

/* report-6: the years with records. */
static void test_year_list(void **st){
  (void)st;
  json_t *j = 0;
  Err e;
  assert_int_equal(report_years(&c, &j, &e), YC_OK);
  const json_t *items = json_object_get(j, "items");
  assert_int_equal(jint(json_array_get(items, 0), "year"), 2022);
  int b2020 = 0, b2000 = 0;
  size_t i;
  const json_t *x;
  json_array_foreach(items, i, x){
    if( jint(x, "year")==2020 ) b2020 = 1;
    if( jint(x, "year")==2000 ) b2000 = 1;
  }
  assert_true(b2020 && b2000);
  json_decref(j);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_years),
    cmocka_unit_test(test_ties),
    cmocka_unit_test(test_exchanges),
    cmocka_unit_test(test_others_signed_in),
    cmocka_unit_test(test_anonymous),
    cmocka_unit_test(test_year_list),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
