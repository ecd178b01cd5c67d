/*
** test_health.c: unit tests of the exchange log, projects, relationship
** health and the calendar on a temporary database. The scores are worked
** out by hand in the comments (thresholds: the sister-city defaults of
** 003_exchanges.sql: cooling 12, dormant 24, substantive 36, window 36
** months, frequency target 6, breadth target 4, one-sided from 2
** delegations, expiry warning 6 months, letters 3 months ahead).
**
** Every country, city, tie and exchange here is SYNTHETIC: made up for the
** tests (country "XA", cities with ids from 9000001), not real facts.
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
#include "core/exchange.h"
#include "base/date.h"
#include "core/project.h"
#include "core/health.h"
#include "core/calendar.h"

static int asOf;     /* 2024-06-30, the day the hand-computed scores are for */

static void exec(const char *zSql){
  Err e;
  assert_int_equal(db_exec(c.db, zSql, &e), YC_OK);
}


/* A synthetic tie with the synthetic partner city 9000000+n. */
static int64_t tie(int n, const char *zKind, const char *zEst){
  char zSql[600];
  snprintf(zSql, sizeof zSql,
    "INSERT INTO city(id,name,name_fold,country,population) VALUES(%d,'Synthetic City %d','synthetic city %d','XA',1000);"
    "INSERT INTO tie(home_city_id,partner_city_id,kind,status,est_date,est_precision,notes,created_at,updated_at)"
    " VALUES(9000001,%d,'%s','active',%s%s%s,%s%s%s,'synthetic test tie','2000-01-01T00:00:00Z','2000-01-01T00:00:00Z')",
    9000000+n, n, n, 9000000+n, zKind, zEst ? "'" : "", zEst ? zEst : "NULL", zEst ? "'" : "",
    zEst ? "'" : "", zEst ? (strlen(zEst)==4 ? "year" : strlen(zEst)==7 ? "month" : "day") : "NULL", zEst ? "'" : "");
  exec(zSql);
  return db_last_id(c.db);
}

/* Add an exchange from JSON text with %lld for the tie id; returns its id. */
static int64_t add(int64_t tieId, const char *zFmt){
  char z[1000];
  snprintf(z, sizeof z, zFmt, (long long)tieId);
  json_error_t je;
  json_t *in = json_loads(z, 0, &je);
  assert_non_null(in);
  json_t *out = 0;
  Err e;
  memset(&e, 0, sizeof e);
  YcStatus st = exchange_create(&c, in, &out, &e);
  if( st ) fprintf(stderr, "exchange_create: %s (%s)\n", e.zMsg, e.zField);
  assert_int_equal(st, YC_OK);
  int64_t id = json_integer_value(json_object_get(out, "id"));
  json_decref(in);
  json_decref(out);
  return id;
}

/* The health of a tie as of asOf: score, level, flags (bits). */
typedef struct H { int score, flags, urgency; char zLevel[16]; json_t *j; } H;
static H health(int64_t tieId, int day){
  H h;
  memset(&h, 0, sizeof h);
  Err e;
  assert_int_equal(health_tie(&c, tieId, day, &h.j, &e), YC_OK);
  h.score = (int)json_integer_value(json_object_get(h.j, "score"));
  h.urgency = (int)json_integer_value(json_object_get(h.j, "urgency"));
  snprintf(h.zLevel, sizeof h.zLevel, "%s", json_string_value(json_object_get(h.j, "level")));
  json_t *f;
  size_t i;
  json_array_foreach(json_object_get(h.j, "flags"), i, f){
    for(int k=0; azHealthFlag[k]; k++) if( strcmp(azHealthFlag[k], json_string_value(f))==0 ) h.flags |= 1<<k;
  }
  return h;
}

/* Points of factor zName in h. */
static int points(H *h, const char *zName){
  json_t *f;
  size_t i;
  json_array_foreach(json_object_get(h->j, "factors"), i, f){
    if( strcmp(json_string_value(json_object_get(f, "factor")), zName)==0 ) return (int)json_integer_value(json_object_get(f, "points"));
  }
  fail_msg("no factor %s", zName);
  return -1;
}

static int setup(void **st){
  (void)st;
  if( unitdb_open("health") ) return -1;
  /* Synthetic reference rows: one country, the home city. */
  if( db_exec(c.db, "INSERT INTO country(iso2,iso3,name_en,name_zh,continent) VALUES('XA','XAA','Synthetica','合成国','asia');"
                    "INSERT INTO city(id,name,name_fold,country,population) VALUES(9000001,'Synthetic Home','synthetic home','XA',1000);"
                    "INSERT INTO meta(key,value) VALUES('home_city_id','9000001')", 0) ) return -1;
  c.homeCityId = 9000001;
  asOf = date_days(2024, 6, 30);
  return 0;
}

static int teardown(void **st){
  (void)st;
  return unitdb_close();
}

/* health-1: day arithmetic and the periods of dates of lower precision. */
static void test_dates(void **st){
  (void)st;
  assert_int_equal(date_days(1970, 1, 1), 0);
  assert_int_equal(date_days(2000, 3, 1) - date_days(2000, 2, 28), 2);     /* 2000 is a leap year */
  int d0, dm, de, y, m, d;
  assert_true(date_period("2019", &d0, &dm, &de));
  assert_int_equal(d0, date_days(2019, 1, 1));
  assert_int_equal(dm, date_days(2019, 7, 1));                           /* a year counts at 1 July */
  assert_int_equal(de, date_days(2019, 12, 31));
  assert_true(date_period("2019-02", &d0, &dm, &de));
  assert_int_equal(dm, date_days(2019, 2, 15));                          /* a month at the 15th */
  assert_int_equal(de, date_days(2019, 2, 28));
  assert_true(date_period("2019-10-17", &d0, &dm, &de));
  assert_true(d0==dm && dm==de);
  assert_false(date_period("2019-02-29", &d0, &dm, &de));
  assert_false(date_period("19", &d0, &dm, &de));
  date_civil(date_add_months(date_days(2020, 1, 31), 1), &y, &m, &d);
  assert_int_equal(m*100 + d, 229);                                     /* clamped to 29 Feb */
  assert_int_equal(date_months_between(date_days(2019, 1, 15), date_days(2019, 2, 14)), 0);
  assert_int_equal(date_months_between(date_days(2019, 1, 15), date_days(2019, 2, 15)), 1);
  assert_int_equal(date_months_between(date_days(2019, 1, 31), date_days(2019, 2, 28)), 1);
  assert_int_equal(date_months_between(date_days(2022, 7, 1), date_days(2024, 6, 30)), 23);
  assert_int_equal(date_months_between(date_days(2024, 6, 30), date_days(2022, 7, 1)), 0);
}

/* health-2: a tie with no exchange and no established date: nothing to
** count from. Score 0; dormant; no_substantive; urgency 100+20+15 = 135. */
static void test_no_exchanges(void **st){
  (void)st;
  int64_t t = tie(2, "sister", 0);
  H h = health(t, asOf);
  assert_int_equal(h.score, 0);
  assert_string_equal(h.zLevel, "dormant");
  assert_int_equal(h.flags, HF_DORMANT | HF_NO_SUBSTANTIVE);
  assert_int_equal(h.urgency, 135);
  json_decref(h.j);
}

/* health-3: no exchange, but established 2024-03-10: 3 months before
** 2024-06-30, so the establishment is the last contact: recency 30
** (3 <= 12), active; the tie is younger than 36 months: no
** no_substantive flag. Score 30, urgency 70. */
static void test_new_tie(void **st){
  (void)st;
  int64_t t = tie(3, "sister", "2024-03-10");
  H h = health(t, asOf);
  assert_int_equal(points(&h, "recency"), 30);
  assert_int_equal(h.score, 30);
  assert_string_equal(h.zLevel, "active");
  assert_int_equal(h.flags, 0);
  assert_int_equal(h.urgency, 70);
  json_decref(h.j);
  /* The same tie established in 1984 (505+ months): dormant, flagged. */
  int64_t t2 = tie(4, "sister", "1984-10-16");
  h = health(t2, asOf);
  assert_int_equal(h.score, 0);
  assert_string_equal(h.zLevel, "dormant");
  assert_int_equal(h.flags, HF_DORMANT | HF_NO_SUBSTANTIVE);
  json_decref(h.j);
}

/* health-4: only protocol exchanges. Sister tie, as of 2024-06-30:
**   delegation_in 2024-01-10 (government), delegation_in 2023-05 (counts
**   on 2023-05-15; culture), event 2022 (counts on 2022-07-01; no field).
** recency: 5 months -> 30. substantive: none -> 0, flag no_substantive.
** frequency: 3 in the window (from 2021-06-30): 20*3/6 = 10.
** breadth: government + culture = 2 fields: 10*2/4 = 5.
** balance: 2 incoming, 0 outgoing: 5*0/2 = 0; one_sided (2 >= 2).
** projects: 0. Score 45; active; flags no_substantive + one_sided;
** urgency 55 + 15 + 10 = 80. */
static void test_protocol_only(void **st){
  (void)st;
  int64_t t = tie(5, "sister", "1990-05-01");
  add(t, "{\"title\":\"Synthetic courtesy visit A\",\"kind\":\"delegation_in\",\"date\":\"2024-01-10\",\"ties\":[%lld],\"fields\":[\"government\"]}");
  add(t, "{\"title\":\"Synthetic courtesy visit B\",\"kind\":\"delegation_in\",\"date\":\"2023-05\",\"ties\":[%lld],\"fields\":[\"culture\"]}");
  add(t, "{\"title\":\"Synthetic reception\",\"kind\":\"event\",\"date\":\"2022\",\"ties\":[%lld]}");
  H h = health(t, asOf);
  assert_int_equal(points(&h, "recency"), 30);
  assert_int_equal(points(&h, "substantive"), 0);
  assert_int_equal(points(&h, "frequency"), 10);
  assert_int_equal(points(&h, "breadth"), 5);
  assert_int_equal(points(&h, "balance"), 0);
  assert_int_equal(points(&h, "projects"), 0);
  assert_int_equal(h.score, 45);
  assert_string_equal(h.zLevel, "active");
  assert_int_equal(h.flags, HF_NO_SUBSTANTIVE | HF_ONE_SIDED);
  assert_int_equal(h.urgency, 80);
  json_decref(h.j);
  /* The same with the second visit marked substantive by the entry:
  ** last substantive 2023-05-15, 13 months: 25*(36-13)/(36-12) = 23.96 -> 24;
  ** no_substantive clears. Score 69, urgency 31 + 10 = 41. */
  json_t *list = 0;
  Err e;
  ExchangeQuery q;
  memset(&q, 0, sizeof q);
  char zTie[24];
  snprintf(zTie, sizeof zTie, "%lld", (long long)t);
  q.zTie = zTie;
  q.zKind = "delegation_in";
  q.zFrom = "2023";
  q.zTo = "2023";
  assert_int_equal(exchange_list(&c, &q, &list, &e), YC_OK);
  assert_int_equal(json_integer_value(json_object_get(list, "total")), 1);
  int64_t id = json_integer_value(json_object_get(json_array_get(json_object_get(list, "items"), 0), "id"));
  json_decref(list);
  json_t *patch = json_pack("{s:b}", "substantive", 1), *out = 0;
  assert_int_equal(exchange_update(&c, id, patch, &out, &e), YC_OK);
  assert_true(json_is_true(json_object_get(out, "substantive_overridden")));
  json_decref(patch);
  json_decref(out);
  h = health(t, asOf);
  assert_int_equal(points(&h, "substantive"), 24);
  assert_int_equal(h.score, 69);
  assert_int_equal(h.flags, HF_ONE_SIDED);
  assert_int_equal(h.urgency, 41);
  json_decref(h.j);
}

/* health-5: year precision. One agreement (substantive by kind) dated only
** "2022": it counts on 2022-07-01, 23 months before 2024-06-30.
** recency: 30*(24-23)/(24-12) = 2.5 -> 3; cooling.
** substantive: 25*(36-23)/(36-12) = 13.54 -> 14.
** frequency: 1 in the window: 20/6 = 3.33 -> 3. breadth: economy_trade:
** 10/4 = 2.5 -> 3. Score 23; flags none; urgency 77.
** (At the start of the year it would be 29 months: dormant; at its end 17.)
** As of 2024-07-01 it is 24 months: dormant, recency 0. */
static void test_year_precision(void **st){
  (void)st;
  int64_t t = tie(6, "sister", "1995");
  add(t, "{\"title\":\"Synthetic memorandum\",\"kind\":\"agreement\",\"date\":\"2022\",\"ties\":[%lld],\"fields\":[\"economy_trade\"]}");
  H h = health(t, asOf);
  assert_int_equal(points(&h, "recency"), 3);
  assert_int_equal(points(&h, "substantive"), 14);
  assert_int_equal(points(&h, "frequency"), 3);
  assert_int_equal(points(&h, "breadth"), 3);
  assert_int_equal(h.score, 23);
  assert_string_equal(h.zLevel, "cooling");
  assert_int_equal(h.flags, 0);
  assert_int_equal(h.urgency, 77);
  /* The factor shows the date at its own precision. */
  json_t *f0 = json_array_get(json_object_get(h.j, "factors"), 0);
  assert_string_equal(json_string_value(json_object_get(f0, "since")), "2022");
  assert_string_equal(json_string_value(json_object_get(h.j, "last_exchange")), "2022");
  json_decref(h.j);
  h = health(t, date_days(2024, 7, 1));
  assert_int_equal(points(&h, "recency"), 0);
  assert_string_equal(h.zLevel, "dormant");
  assert_true(h.flags & HF_DORMANT);
  json_decref(h.j);
  /* As of a day before the period starts (2021-12-31), the row does not count. */
  h = health(t, date_days(2021, 12, 31));
  assert_int_equal(json_integer_value(json_object_get(h.j, "exchanges")), 0);
  json_decref(h.j);
}

/* health-6: future dates are rejected (the log records what happened);
** the current year or month is accepted. */
static void test_future_rejected(void **st){
  (void)st;
  int64_t t = tie(7, "cooperation", 0);
  char zTomorrow[16], zNextYear[16], zThisYear[16], zSql[400];
  int today = date_today(), y, m, d;
  date_format(today + 1, zTomorrow);
  date_civil(today, &y, &m, &d);
  snprintf(zNextYear, sizeof zNextYear, "%04d", y + 1);
  snprintf(zThisYear, sizeof zThisYear, "%04d", y);
  const char *azBad[] = {zTomorrow, zNextYear};
  int64_t nBefore = count("SELECT count(*) FROM exchange");
  for(int i=0; i<2; i++){
    json_t *in = json_pack("{s:s, s:s, s:s, s:[I]}", "title", "Synthetic future visit", "kind", "delegation_out",
                           "date", azBad[i], "ties", (json_int_t)t), *out = 0;
    Err e;
    memset(&e, 0, sizeof e);
    assert_int_equal(exchange_create(&c, in, &out, &e), YC_EINVALID);
    assert_string_equal(e.zField, "date");
    assert_string_equal(e.zCode, "future_date");
    json_decref(in);
  }
  assert_int_equal(count("SELECT count(*) FROM exchange"), nBefore);
  snprintf(zSql, sizeof zSql, "{\"title\":\"Synthetic visit this year\",\"kind\":\"delegation_out\",\"date\":\"%s\",\"ties\":[%%lld]}", zThisYear);
  add(t, zSql);
  /* Rows whose period starts after the day scored are ignored (pure accumulator). */
  HealthThreshold thr[3];
  Err e;
  assert_int_equal(health_thresholds(&c, thr, &e), YC_OK);
  HealthSpan s;
  HealthAcc a;
  health_span(&thr[0], asOf, &s);
  health_acc_init(&a);
  health_acc_add(&a, &s, asOf + 1, asOf + 1, 0, 1, 1, 0, 0, 0);
  assert_int_equal(a.nTotal, 0);
  assert_int_equal(a.lastDay, -1);
  /* A month-precision row in the current month counts at most on asOf. */
  health_acc_add(&a, &s, date_days(2024, 6, 1), date_days(2024, 6, 15), 1, 0, 0, 0, 0, 0);
  assert_int_equal(a.lastDay, date_days(2024, 6, 15));
  HealthSpan s2;
  health_span(&thr[0], date_days(2024, 6, 10), &s2);
  health_acc_init(&a);
  health_acc_add(&a, &s2, date_days(2024, 6, 1), date_days(2024, 6, 15), 1, 0, 0, 0, 0, 0);
  assert_int_equal(a.lastDay, date_days(2024, 6, 10));
}

/* health-7: balance, projects in force and an expiring agreement.
** Sister tie as of 2024-06-30: delegation_in 2024-03-01 (economy_trade),
** delegation_out 2023-11-20, 2023-09-05, 2023-01-12 (education by default?
** no: delegations imply no field), agreement 2024-02-15 expiring
** 2024-10-31 (substantive; science_technology).
** recency 4 months -> 30; substantive 2024-02-15: 4 months -> 25;
** frequency 5: 20*5/6 = 16.67 -> 17; breadth 2: 5; balance 1 in 3 out:
** 5/3 = 1.67 -> 2; projects: two signed -> 10 (a third, a lead, counts 0).
** Score 89; flags agreement_expiring; urgency 11 + 30 = 41. */
static void test_balance_projects_expiry(void **st){
  (void)st;
  int64_t t = tie(8, "sister", "2001-06-01");
  add(t, "{\"title\":\"Synthetic delegation in\",\"kind\":\"delegation_in\",\"date\":\"2024-03-01\",\"ties\":[%lld],\"fields\":[\"economy_trade\"]}");
  add(t, "{\"title\":\"Synthetic delegation out 1\",\"kind\":\"delegation_out\",\"date\":\"2023-11-20\",\"ties\":[%lld]}");
  add(t, "{\"title\":\"Synthetic delegation out 2\",\"kind\":\"delegation_out\",\"date\":\"2023-09-05\",\"ties\":[%lld]}");
  add(t, "{\"title\":\"Synthetic delegation out 3\",\"kind\":\"delegation_out\",\"date\":\"2023-01-12\",\"ties\":[%lld]}");
  add(t, "{\"title\":\"Synthetic MoU\",\"kind\":\"agreement\",\"date\":\"2024-02-15\",\"expires\":\"2024-10-31\",\"ties\":[%lld],\"fields\":[\"science_technology\"]}");
  Err e;
  json_t *out = 0;
  for(int i=0; i<3; i++){
    json_t *in = json_pack("{s:s, s:s, s:[I]}", "title", i==0 ? "Synthetic project A" : i==1 ? "Synthetic project B" : "Synthetic lead C",
                           "stage", i<2 ? "signed" : "lead", "ties", (json_int_t)t);
    assert_int_equal(project_create(&c, in, &out, &e), YC_OK);
    json_decref(in);
    json_decref(out);
  }
  H h = health(t, asOf);
  assert_int_equal(points(&h, "recency"), 30);
  assert_int_equal(points(&h, "substantive"), 25);
  assert_int_equal(points(&h, "frequency"), 17);
  assert_int_equal(points(&h, "breadth"), 5);
  assert_int_equal(points(&h, "balance"), 2);
  assert_int_equal(points(&h, "projects"), 10);
  assert_int_equal(h.score, 89);
  assert_string_equal(h.zLevel, "active");
  assert_int_equal(h.flags, HF_AGREEMENT_EXPIRING);
  assert_int_equal(h.urgency, 41);
  assert_string_equal(json_string_value(json_object_get(h.j, "next_expiry")), "2024-10-31");
  json_decref(h.j);
  /* As of 2024-04-01 the expiry (7 months on) is outside the 6-month warning. */
  h = health(t, date_days(2024, 4, 1));
  assert_false(h.flags & HF_AGREEMENT_EXPIRING);
  json_decref(h.j);
  /* The agreements list: expiring within 600 months (from today) includes
  ** it only if 2024-10-31 is still ahead; without the filter it is listed. */
  json_t *ag = 0;
  char zTie[24];
  snprintf(zTie, sizeof zTie, "%lld", (long long)t);
  assert_int_equal(agreement_list(&c, 0, zTie, &ag, &e), YC_OK);
  assert_int_equal(json_integer_value(json_object_get(ag, "total")), 1);
  json_decref(ag);
  assert_int_equal(agreement_list(&c, "0", 0, &ag, &e), YC_EINVALID);
  assert_string_equal(e.zField, "expiring_within_months");
}

/* health-8: bad input is rejected with the field named, nothing written. */
static void test_bad_input(void **st){
  (void)st;
  int64_t t = tie(9, "sister", 0);
  int64_t nEx = count("SELECT count(*) FROM exchange"), nAudit = count("SELECT count(*) FROM audit");
  struct { const char *zJson, *zField, *zCode; } a[] = {
    {"{\"title\":\"x\",\"kind\":\"visit\",\"date\":\"2020\",\"ties\":[%lld]}", "kind", "invalid_value"},
    {"{\"title\":\"x\",\"kind\":\"event\",\"date\":\"2020\",\"ties\":[999999]}", "ties", "unknown_tie"},
    {"{\"title\":\"x\",\"kind\":\"delegation_in\",\"date\":\"2020\",\"ties\":[]}", "ties", "required"},
    {"{\"title\":\"x\",\"kind\":\"delegation_in\",\"date\":\"2020-02-30\",\"ties\":[%lld]}", "date", "invalid_date"},
    {"{\"title\":\"x\",\"kind\":\"delegation_in\",\"ties\":[%lld]}", "date", "required"},
    {"{\"title\":\"x\",\"kind\":\"agreement\",\"date\":\"2020-05\",\"expires\":\"2019\",\"ties\":[%lld]}", "expires", "invalid_range"},
    {"{\"title\":\"x\",\"kind\":\"event\",\"date\":\"2020\",\"expires\":\"2030\",\"ties\":[%lld]}", "expires", "not_agreement"},
    {"{\"title\":\"x\",\"kind\":\"event\",\"date\":\"2020\",\"ties\":[%lld],\"fields\":[\"music\"]}", "fields", "invalid_value"},
    {"{\"title\":\"x\",\"kind\":\"event\",\"date\":\"2020\",\"ties\":[%lld],\"colour\":\"red\"}", "colour", "unknown_field"},
    {"{\"title\":\" x\",\"kind\":\"event\",\"date\":\"2020\",\"ties\":[%lld]}", "title", "untrimmed"},
    {"{\"title\":\"x\",\"kind\":\"event\",\"date\":\"2020\",\"ties\":[%lld],\"links\":[\"ftp://x.org/a\"]}", "links", "invalid_url"},
    {"{\"title\":\"x\",\"kind\":\"event\",\"date\":\"2020\",\"ties\":[%lld],\"project_id\":424242}", "project_id", "unknown_project"},
    {"{\"title\":\"x\",\"kind\":\"event\",\"date\":\"2020\",\"ties\":[%lld,%lld]}", "ties", "duplicate_item"},
  };
  for(size_t i=0; i<sizeof a/sizeof a[0]; i++){
    char z[600];
    snprintf(z, sizeof z, a[i].zJson, (long long)t, (long long)t);
    json_t *in = json_loads(z, 0, 0), *out = 0;
    assert_non_null(in);
    Err e;
    memset(&e, 0, sizeof e);
    YcStatus st = exchange_create(&c, in, &out, &e);
    if( st!=YC_EINVALID || strcmp(e.zField, a[i].zField)!=0 || strcmp(e.zCode, a[i].zCode)!=0 )
      fail_msg("case %zu: st %d field '%s' code '%s' (%s)", i, st, e.zField, e.zCode, e.zMsg);
    json_decref(in);
  }
  /* Projects: end before start, unknown stage. */
  json_t *in = json_pack("{s:s, s:s, s:s}", "title", "Synthetic project", "start", "2024-05", "end", "2024-04-30"), *out = 0;
  Err e;
  assert_int_equal(project_create(&c, in, &out, &e), YC_EINVALID);
  assert_string_equal(e.zField, "end");
  json_decref(in);
  in = json_pack("{s:s, s:s}", "title", "Synthetic project", "stage", "planning");
  assert_int_equal(project_create(&c, in, &out, &e), YC_EINVALID);
  assert_string_equal(e.zField, "stage");
  json_decref(in);
  in = json_pack("{s:s, s:f}", "title", "Synthetic project", "value", 100.0);
  assert_int_equal(project_create(&c, in, &out, &e), YC_EINVALID);
  assert_string_equal(e.zField, "currency");
  json_decref(in);
  assert_int_equal(count("SELECT count(*) FROM exchange"), nEx);
  assert_int_equal(count("SELECT count(*) FROM audit"), nAudit);
  /* A duplicate (same date, kind, title, ties) is a conflict. */
  add(t, "{\"title\":\"Synthetic twin entry\",\"kind\":\"event\",\"date\":\"2020\",\"ties\":[%lld]}");
  char z[300];
  snprintf(z, sizeof z, "{\"title\":\"Synthetic twin entry\",\"kind\":\"event\",\"date\":\"2020\",\"ties\":[%lld]}", (long long)t);
  in = json_loads(z, 0, 0);
  assert_int_equal(exchange_create(&c, in, &out, &e), YC_ECONFLICT);
  json_decref(in);
}

/* health-9: recomputing every tie gives what one tie's computation gives;
** thresholds are validated and change the level. */
static void test_recompute_thresholds(void **st){
  (void)st;
  int n = 0;
  Err e;
  assert_int_equal(health_recompute_all(&c, asOf, &n, &e), YC_OK);
  assert_int_equal(n, count("SELECT count(*) FROM tie"));
  DbStmt *p = db_stmt(c.db, "SELECT tie_id, score, level, flags FROM tie_health ORDER BY tie_id");
  int64_t aId[64];
  int aScore[64], aFlags[64], k = 0;
  char azLevel[64][16];
  while( db_step(p)==DB_ROW && k<64 ){
    aId[k] = db_col_int64(p, 0);
    aScore[k] = db_col_int(p, 1);
    snprintf(azLevel[k], 16, "%s", db_text(p, 2));
    aFlags[k] = db_col_int(p, 3);
    k++;
  }
  db_reset(p);
  assert_int_equal(k, n);
  for(int i=0; i<k; i++){
    H h = health(aId[i], asOf);
    assert_int_equal(h.score, aScore[i]);
    assert_int_equal(h.flags, aFlags[i]);
    assert_string_equal(h.zLevel, azLevel[i]);
    json_decref(h.j);
  }
  /* Thresholds: dormant must exceed cooling; unknown fields refused. */
  json_t *in = json_pack("{s:s, s:i}", "kind", "sister", "dormant_months", 12), *out = 0;
  assert_int_equal(health_thresholds_update(&c, in, &out, &e), YC_EINVALID);
  assert_string_equal(e.zField, "dormant_months");
  json_decref(in);
  in = json_pack("{s:s, s:i}", "kind", "sister", "sleepy_months", 30);
  assert_int_equal(health_thresholds_update(&c, in, &out, &e), YC_EINVALID);
  assert_string_equal(e.zField, "sleepy_months");
  json_decref(in);
  in = json_pack("{s:s, s:i}", "kind", "planet", "dormant_months", 30);
  assert_int_equal(health_thresholds_update(&c, in, &out, &e), YC_EINVALID);
  assert_string_equal(e.zField, "kind");
  json_decref(in);
  /* The year-precision tie (23 months) becomes active with cooling 24 / dormant 30. */
  in = json_pack("{s:s, s:i, s:i}", "kind", "sister", "cooling_months", 24, "dormant_months", 30);
  assert_int_equal(health_thresholds_update(&c, in, &out, &e), YC_OK);
  assert_int_equal(json_integer_value(json_object_get(out, "dormant_months")), 30);
  json_decref(in);
  json_decref(out);
  int64_t t6 = count("SELECT id FROM tie WHERE partner_city_id=9000006");
  H h = health(t6, asOf);
  assert_string_equal(h.zLevel, "active");
  assert_int_equal(points(&h, "recency"), 30);
  json_decref(h.j);
  in = json_pack("{s:s, s:i, s:i}", "kind", "sister", "cooling_months", 12, "dormant_months", 24);
  assert_int_equal(health_thresholds_update(&c, in, &out, &e), YC_OK);
  json_decref(in);
  json_decref(out);
}

/* health-10: CSV import: dry run report, errors by row and field, all or
** nothing, duplicates skipped on a second run. */
static void test_import(void **st){
  (void)st;
  int64_t t = tie(10, "cooperation", 0);
  char zCsv[2000];
  snprintf(zCsv, sizeof zCsv,
    "date,kind,title,partner_city_id,fields,substantive,participants\n"
    "2019-05,delegation_in,Synthetic imported visit,9000010,economy_trade;culture,,12\n"
    "2020,trade_mission,\"Synthetic mission, with a comma\",9000010,,0,\n"
    "2021-03-04,online_meeting,Synthetic call,9000010,,,\n");
  int64_t nBefore = count("SELECT count(*) FROM exchange");
  json_t *rep = 0;
  Err e;
  assert_int_equal(exchange_import(&c, zCsv, strlen(zCsv), 1, &rep, &e), YC_OK);
  assert_int_equal(json_integer_value(json_object_get(rep, "rows")), 3);
  assert_int_equal(json_integer_value(json_object_get(rep, "would_create")), 3);
  assert_int_equal(json_integer_value(json_object_get(rep, "created")), 0);
  json_decref(rep);
  assert_int_equal(count("SELECT count(*) FROM exchange"), nBefore);
  assert_int_equal(exchange_import(&c, zCsv, strlen(zCsv), 0, &rep, &e), YC_OK);
  assert_int_equal(json_integer_value(json_object_get(rep, "created")), 3);
  json_decref(rep);
  assert_int_equal(count("SELECT count(*) FROM exchange"), nBefore + 3);
  assert_int_equal(count("SELECT count(*) FROM exchange WHERE title='Synthetic mission, with a comma' AND substantive=0 AND subst_set=0"), 1);
  /* Again: every row is already there. */
  assert_int_equal(exchange_import(&c, zCsv, strlen(zCsv), 0, &rep, &e), YC_OK);
  assert_int_equal(json_integer_value(json_object_get(rep, "created")), 0);
  assert_int_equal(json_integer_value(json_object_get(rep, "skipped")), 3);
  json_decref(rep);
  /* Bad rows: each error names its row and field; nothing is written. */
  snprintf(zCsv, sizeof zCsv,
    "date,kind,title,tie_id\n"
    "2018,delegation_in,Synthetic good row,%lld\n"
    "2018-13,delegation_in,Synthetic bad date,%lld\n"
    "2018,visit,Synthetic bad kind,%lld\n"
    "2018,event,Synthetic bad tie,999999\n"
    "2999,event,Synthetic future,%lld\n", (long long)t, (long long)t, (long long)t, (long long)t);
  assert_int_equal(exchange_import(&c, zCsv, strlen(zCsv), 0, &rep, &e), YC_EINVALID);
  json_t *errs = json_object_get(rep, "errors");
  assert_int_equal(json_array_size(errs), 4);
  static const struct { int row; const char *zField; } aWant[] = {{3, "date"}, {4, "kind"}, {5, "tie_id"}, {6, "date"}};
  for(int i=0; i<4; i++){
    json_t *x = json_array_get(errs, (size_t)i);
    assert_int_equal(json_integer_value(json_object_get(x, "row")), aWant[i].row);
    assert_string_equal(json_string_value(json_object_get(x, "field")), aWant[i].zField);
  }
  json_decref(rep);
  assert_int_equal(count("SELECT count(*) FROM exchange WHERE title='Synthetic good row'"), 0);
  /* A header without the required columns. */
  const char *zBad = "when,what\n2018,x\n";
  assert_int_equal(exchange_import(&c, zBad, strlen(zBad), 1, &rep, &e), YC_EINVALID);
  json_decref(rep);
}

/* health-11: the calendar keeps precision; the iCalendar text is folded
** at 75 octets with CRLF line ends. */
static void test_calendar(void **st){
  (void)st;
  tie(11, "sister", "2002");          /* year only */
  tie(12, "sister", "1984-10-16");
  tie(13, "cooperation", "2004-02-29");
  json_t *cal = 0;
  Err e;
  int from = date_days(2027, 1, 1), to = date_days(2034, 12, 31);
  assert_int_equal(calendar_items(&c, from, to, &cal, &e), YC_OK);
  int bYear = 0, b45 = 0, b50 = 0, bLeap = 0;
  json_t *x;
  size_t i;
  json_array_foreach(json_object_get(cal, "items"), i, x){
    const char *zDate = json_string_value(json_object_get(x, "date"));
    int years = (int)json_integer_value(json_object_get(x, "years"));
    assert_int_equal(years % 5, 0);
    if( strcmp(zDate, "2027")==0 && years==25 ){
      bYear = 1;
      assert_string_equal(json_string_value(json_object_get(x, "precision")), "year");
      assert_false(json_is_true(json_object_get(x, "major")));
      assert_string_equal(json_string_value(json_object_get(x, "letter_by")), "2026-10-01");
    }
    if( strcmp(zDate, "2029-10-16")==0 ){ b45 = 1; assert_false(json_is_true(json_object_get(x, "major"))); }
    if( strcmp(zDate, "2034-10-16")==0 ){ b50 = 1; assert_true(json_is_true(json_object_get(x, "major"))); }
    if( strcmp(zDate, "2029-02-28")==0 ) bLeap = 1;      /* 25 years after 2004-02-29 */
  }
  assert_true(bYear && b45 && b50 && bLeap);
  json_decref(cal);
  Buf b = BUF_INIT;
  assert_int_equal(calendar_ics(&c, from, to, &b, &e), YC_OK);
  const char *z = buf_str(&b);
  assert_non_null(strstr(z, "BEGIN:VCALENDAR\r\n"));
  assert_non_null(strstr(z, "DTSTART;VALUE=DATE:20270101\r\nDTEND;VALUE=DATE:20280101\r\n"));
  /* Every line ends with CRLF and is at most 75 octets. */
  const char *s = z;
  while( *s ){
    const char *zNl = strstr(s, "\r\n");
    assert_non_null(zNl);
    assert_true(zNl - s <= 75);
    assert_null(memchr(s, '\n', (size_t)(zNl - s)));
    s = zNl + 2;
  }
  buf_free(&b);
  assert_int_equal(calendar_window("2030", "2029", 0, &from, &to, &e), YC_EINVALID);
  assert_string_equal(e.zField, "to");
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_dates),
    cmocka_unit_test(test_no_exchanges),
    cmocka_unit_test(test_new_tie),
    cmocka_unit_test(test_protocol_only),
    cmocka_unit_test(test_year_precision),
    cmocka_unit_test(test_future_rejected),
    cmocka_unit_test(test_balance_projects_expiry),
    cmocka_unit_test(test_bad_input),
    cmocka_unit_test(test_recompute_thresholds),
    cmocka_unit_test(test_import),
    cmocka_unit_test(test_calendar),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
