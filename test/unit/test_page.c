/*
** test_page.c: unit tests of the paging kit (core/page.h) and the lists on
** it: the limit parameter, keyset cursors (encoding, strict decoding, the
** SQL they make), paging forward and backward through every sort order,
** and the number of statements a list answer costs (the same for a page
** of 1 row and a page of 60, and no new statement for another limit).
**
** Every country, city, tie, organisation, exchange, project, opportunity
** and twin row here is SYNTHETIC: made up for the tests (country "XA",
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
#include "store/db.h"
#include "core/page.h"
#include "core/partner.h"
#include "core/org.h"
#include "core/exchange.h"
#include "core/project.h"
#include "core/health.h"
#include "core/opportunity.h"
#include "core/twins.h"
#include "core/twins_network.h"
#include "core/twins_review.h"


#define N_TIE 64
#define N_ORG 40
#define N_EX 60
#define N_PJ 55
#define N_OPP 60
#define N_TWIN 70

static void exec(const char *zSql){
  Err e;
  if( db_exec(c.db, zSql, &e) ) fail_msg("%s: %s", zSql, e.zMsg);
}

static json_t *jload(const char *z){
  json_error_t je;
  json_t *j = json_loads(z, 0, &je);
  if( !j ) fail_msg("bad JSON %s: %s", z, je.text);
  return j;
}

static int setup(void **st){
  (void)st;
  Err e;
  if( unitdb_open("page") ) return -1;
  /* Synthetic reference rows: two countries, the home city, one industry. */
  exec("INSERT INTO country(iso2,iso3,name_en,name_zh,continent) VALUES('XA','XAA','Synthetica','合成国','asia');"
       "INSERT INTO country(iso2,iso3,name_en,name_zh,continent) VALUES('XB','XBB','Another Synthetica','另合成国','europe');"
       "INSERT INTO city(id,name,name_fold,country,population) VALUES(9000001,'Synthetic Home','synthetic home','XA',1000);"
       "INSERT INTO meta(key,value) VALUES('home_city_id','9000001');"
       "INSERT INTO industry(code,level,section,label_en,label_zh) VALUES('C','section','C','Synthetic section','合成门类')");
  c.homeCityId = 9000001;
  exec("BEGIN");
  char zSql[800];
  /* Ties: names that repeat (ties broken by id), dates of every precision
  ** and some without a date, two countries, three kinds. */
  for(int i=1; i<=N_TIE; i++){
    const char *azKind[] = {"sister", "cooperation", "candidate"};
    char zEst[16] = "";
    if( i%5 ) snprintf(zEst, sizeof zEst, i%3==0 ? "%d" : i%3==1 ? "%d-0%d" : "%d-0%d-1%d", 1970 + i%23, 1 + i%9, i%9);
    snprintf(zSql, sizeof zSql,
      "INSERT INTO city(id,name,name_fold,country,population) VALUES(%d,'Synthetic %c','synthetic %c','%s',1000);"
      "INSERT INTO tie(home_city_id,partner_city_id,kind,status,est_date,est_precision,notes,created_at,updated_at)"
      " VALUES(9000001,%d,'%s','active',%s%s%s,%s,'synthetic test tie','2000-01-01T00:00:00Z','2001-01-%02dT00:00:00Z')",
      9000001+i, 'A' + i%7, 'a' + i%7, i%4 ? "XA" : "XB", 9000001+i, azKind[i%3],
      zEst[0] ? "'" : "", zEst[0] ? zEst : "NULL", zEst[0] ? "'" : "",
      !zEst[0] ? "NULL" : i%3==0 ? "'year'" : i%3==1 ? "'month'" : "'day'", 1 + i%20);
    exec(zSql);
  }
  /* Organisations, each on two ties. */
  for(int i=1; i<=N_ORG; i++){
    snprintf(zSql, sizeof zSql,
      "INSERT INTO org(id,name_en,name_zh,type,side,created_at,updated_at) VALUES(%d,%s,'合成机构%d','park','home',"
      "'2000-01-01T00:00:00Z','2002-01-%02dT00:00:00Z');"
      "INSERT INTO org_tie(org_id,tie_id,role) VALUES(%d,%d,'synthetic');"
      "INSERT INTO org_tie(org_id,tie_id,role) VALUES(%d,%d,NULL)",
      i, i%3 ? "'Synthetic Org'" : "NULL", i, 1 + i%25, i, 1 + i%N_TIE, i, 1 + (i*7 + 5)%N_TIE);
    exec(zSql);
  }
  /* Twin rows that could not be resolved. */
  exec("INSERT INTO twin_import(id,source,format,sha256,rows,actor,created_at)"
       " VALUES(1,'synthetic.csv','wikipedia','synthetic-sha',70,'unit','2000-01-01T00:00:00Z')");
  for(int i=1; i<=N_TWIN; i++){
    snprintf(zSql, sizeof zSql, "INSERT INTO twin_row(import_id,line,name1,country1,name2,country2,how1,how2,status)"
      " VALUES(1,%d,'Synthetic %d','XA','Synthetic B','XB','%s','not_found','%s')", i, i, i%2 ? "not_found" : "ambiguous",
      i%2 ? "not_found" : "ambiguous");
    exec(zSql);
  }
  exec("COMMIT");
  /* Exchanges (through the core: ties, organisations, health). */
  for(int i=1; i<=N_EX; i++){
    snprintf(zSql, sizeof zSql, "{\"title\":\"Synthetic exchange %d\",\"kind\":\"%s\",\"date\":\"%d-0%d\","
      "\"ties\":[%d,%d],\"organisations\":[%d]}", i, i%2 ? "culture" : "education", 1990 + i%17, 1 + i%9,
      1 + i%N_TIE, 1 + (i*5 + 3)%N_TIE, 1 + i%N_ORG);
    json_t *in = jload(zSql), *out = 0;
    if( exchange_create(&c, in, &out, &e) ) fail_msg("exchange_create: %s (%s)", e.zMsg, e.zField);
    json_decref(in);
    json_decref(out);
  }
  /* Projects in every stage, with ties, organisations, a sector and milestones. */
  for(int i=1; i<=N_PJ; i++){
    snprintf(zSql, sizeof zSql, "{\"title\":\"Synthetic project %d\",\"stage\":\"%s\",\"ties\":[%d],\"organisations\":[%d],"
      "\"sectors\":[\"C\"],\"milestones\":[{\"title\":\"Synthetic step\",\"date\":\"2020\",\"done\":true}]}",
      i, azProjectStage[i%8], 1 + i%N_TIE, 1 + i%N_ORG);
    json_t *in = jload(zSql), *out = 0;
    if( project_create(&c, in, &out, &e) ) fail_msg("project_create: %s (%s)", e.zMsg, e.zField);
    json_decref(in);
    json_decref(out);
  }
  /* Opportunities, some without a valid-until day. */
  for(int i=1; i<=N_OPP; i++){
    char zValid[40] = "";
    if( i%3 ) snprintf(zValid, sizeof zValid, ",\"valid_until\":\"2099-0%d-1%d\"", 1 + i%9, i%9);
    snprintf(zSql, sizeof zSql, "{\"kind\":\"offer\",\"category\":\"business\",\"direction\":\"going_out\",\"org_id\":%d,"
      "\"title_en\":\"Synthetic robot welding offer %d\"%s}", 1 + i%N_ORG, i, zValid);
    json_t *in = jload(zSql), *out = 0;
    if( opp_create(&c, in, &out, &e) ) fail_msg("opp_create: %s (%s)", e.zMsg, e.zField);
    json_decref(in);
    json_decref(out);
  }
  db_release(c.db);
  return 0;
}

static int teardown(void **st){
  (void)st;
  return unitdb_close();
}

/* ---- the lists, behind one signature ----------------------------------- */

enum { L_PARTNER, L_ORG, L_EXCHANGE, L_PROJECT, L_HEALTH, L_OPP, L_OPP_RANK, L_TWIN, L_N };
static const char *const azList[] = {"partners", "orgs", "exchanges", "projects", "health", "opportunities",
  "opportunities by relevance", "twin rows for review"};

static YcStatus list(int iList, const char *zSort, const char *zLimit, const char *zCursor, int bPrev,
                     json_t **ppOut, Err *e){
  switch( iList ){
    case L_PARTNER: { PartnerQuery q = {0}; q.zSort = zSort; q.zLimit = zLimit; q.zCursor = zCursor; q.bPrev = bPrev;
                      return partner_list(&c, &q, ppOut, e); }
    case L_ORG: { OrgQuery q = {0}; q.zSort = zSort; q.zLimit = zLimit; q.zCursor = zCursor;
                  return org_list(&c, &q, ppOut, e); }
    case L_EXCHANGE: { ExchangeQuery q = {0}; q.zSort = zSort; q.zLimit = zLimit; q.zCursor = zCursor; q.bPrev = bPrev;
                       return exchange_list(&c, &q, ppOut, e); }
    case L_PROJECT: { ProjectQuery q = {0}; q.zLimit = zLimit; q.zCursor = zCursor;
                      return project_list(&c, &q, ppOut, e); }
    case L_HEALTH: { HealthQuery q = {0}; q.zSort = zSort; q.zLimit = zLimit; q.zCursor = zCursor; q.bPrev = bPrev;
                     return health_list(&c, &q, ppOut, e); }
    case L_OPP: { OppQuery q = {0}; q.zSort = zSort; q.zLimit = zLimit; q.zCursor = zCursor; q.bPrev = bPrev;
                  return opp_list(&c, &q, ppOut, e); }
    case L_OPP_RANK: { OppQuery q = {0}; q.zQ = "robot"; q.zSort = zSort; q.zLimit = zLimit; q.zCursor = zCursor; q.bPrev = bPrev;
                       return opp_list(&c, &q, ppOut, e); }
    default: return twins_review(&c, 0, zLimit, zCursor, bPrev, ppOut, e);
  }
}

/* The id of an item (health items name their tie). */
static int64_t item_id(int iList, json_t *x){
  if( iList==L_HEALTH ) x = json_object_get(x, "tie");
  return json_integer_value(json_object_get(x, "id"));
}

/* The ids of every item in one page of at most 500. */
static int all_ids(int iList, const char *zSort, int64_t *a){
  json_t *out = 0;
  Err e;
  YcStatus st = list(iList, zSort, "500", 0, 0, &out, &e);
  if( st ) fail_msg("%s sort=%s: %s", azList[iList], zSort ? zSort : "-", e.zMsg);
  json_t *x;
  size_t i;
  json_array_foreach(json_object_get(out, "items"), i, x) a[i] = item_id(iList, x);
  int n = (int)json_array_size(json_object_get(out, "items"));
  assert_true(json_is_null(json_object_get(out, "next_cursor")));
  json_decref(out);
  return n;
}

/* Page through list iList (sort zSort) with limit nPage forward to the
** end, checking each page against the whole list, then backward with the
** prev cursors (lists with a web page) to the first page. */
static void walk(int iList, const char *zSort, int nPage){
  int64_t aAll[600];
  int nAll = all_ids(iList, zSort, aAll);
  assert_true(nAll>nPage);
  char zLimit[16];
  snprintf(zLimit, sizeof zLimit, "%d", nPage);
  int bPrev = iList!=L_ORG && iList!=L_PROJECT;
  char *azPrev[200];
  int nSeen = 0, nPages = 0;
  char *zCursor = 0;
  for(;;){
    json_t *out = 0;
    Err e;
    if( list(iList, zSort, zLimit, zCursor, bPrev, &out, &e) ) fail_msg("%s: %s (%s)", azList[iList], e.zMsg, e.zField);
    json_t *items = json_object_get(out, "items"), *x;
    size_t i;
    int nWant = nAll - nSeen < nPage ? nAll - nSeen : nPage;
    assert_int_equal((int)json_array_size(items), nWant);
    json_array_foreach(items, i, x){
      assert_true(nSeen<nAll);
      if( item_id(iList, x)!=aAll[nSeen] )
        fail_msg("%s sort=%s limit=%d: row %d is %lld, not %lld", azList[iList], zSort ? zSort : "-", nPage, nSeen,
                 (long long)item_id(iList, x), (long long)aAll[nSeen]);
      nSeen++;
    }
    if( bPrev ){
      json_t *prev = json_object_get(out, "prev_cursor");
      assert_true(nPages==0 ? json_is_null(prev) : json_is_string(prev));
      azPrev[nPages] = json_is_string(prev) ? strdup(json_string_value(prev)) : 0;
    }
    nPages++;
    free(zCursor);
    json_t *next = json_object_get(out, "next_cursor");
    zCursor = json_is_string(next) ? strdup(json_string_value(next)) : 0;
    json_decref(out);
    if( !zCursor ) break;
    assert_true(nPages<200);
  }
  assert_int_equal(nSeen, nAll);
  assert_int_equal(nPages, (nAll + nPage - 1)/nPage);
  if( !bPrev ) return;
  /* Backward from the last page: each prev cursor gives the page before. */
  char *zBack = azPrev[nPages-1];
  azPrev[nPages-1] = 0;
  for(int k=nPages-2; k>=0; k--){
    json_t *out = 0;
    Err e;
    if( list(iList, zSort, zLimit, zBack, 1, &out, &e) ) fail_msg("%s back: %s", azList[iList], e.zMsg);
    json_t *items = json_object_get(out, "items"), *x;
    size_t i;
    assert_int_equal((int)json_array_size(items), nPage);
    json_array_foreach(items, i, x) assert_int_equal(item_id(iList, x), aAll[k*nPage + (int)i]);
    json_t *prev = json_object_get(out, "prev_cursor");
    assert_true(k==0 ? json_is_null(prev) : json_is_string(prev));
    assert_true(json_is_string(json_object_get(out, "next_cursor")));
    free(zBack);
    zBack = json_is_string(prev) ? strdup(json_string_value(prev)) : 0;
    json_decref(out);
  }
  free(zBack);
  for(int k=0; k<nPages; k++) free(azPrev[k]);
}

/* page-1: every sort order of every list pages forward and back through
** every row once, in the order of the whole list. */
static void test_walk(void **st){
  (void)st;
  for(int i=0; azPartnerSort[i]; i++){
    walk(L_PARTNER, azPartnerSort[i], 7);
    walk(L_PARTNER, azPartnerSort[i], 1);
  }
  static const char *const azOrg[] = {"name", "-name", "id", "-id", "updated", "-updated", 0};
  for(int i=0; azOrg[i]; i++) walk(L_ORG, azOrg[i], 6);
  walk(L_EXCHANGE, "-date", 9);
  walk(L_EXCHANGE, "date", 4);
  walk(L_PROJECT, 0, 8);
  static const char *const azHealth[] = {"urgency", "score", "-score", "name", 0};
  for(int i=0; azHealth[i]; i++) walk(L_HEALTH, azHealth[i], 10);
  for(int i=0; azOppSort[i]; i++) walk(L_OPP, azOppSort[i], 7);
  walk(L_OPP_RANK, 0, 7);
  walk(L_TWIN, 0, 11);
}

/* page-2: a page costs a fixed number of statements whatever its length,
** and another limit or cursor needs no new statement. */
static void test_statements(void **st){
  (void)st;
  /* Statements of one answer: the count, the page, the related rows. */
  static const int aWant[L_N] = {
    3,   /* partners: count, page, organisations */
    3,   /* orgs: count, page, partners */
    6,   /* exchanges: count, page, ties, exchange_org, organisations, units */
    9,   /* projects: count, page, tie/org ids, ties, organisations, sectors, milestones, exchange counts, units */
    9,   /* health: thresholds, stale?, count, page, income lists; thresholds JSON (4: one per tie kind) */
    3,   /* opportunities: count, page, units */
    3,   /* by relevance: count, page, units */
    2,   /* twins: count, page */
  };
  static const int aTotal[L_N] = {N_TIE, N_ORG, N_EX, N_PJ, N_TIE, N_OPP, N_OPP, N_TWIN};
  for(int iList=0; iList<L_N; iList++){
    int64_t aRun[3];
    const char *azLimit[] = {"1", "50", "60"};
    for(int k=0; k<3; k++){
      json_t *out = 0;
      Err e;
      /* Once to prepare, then measured. */
      if( list(iList, 0, azLimit[k], 0, 0, &out, &e) ) fail_msg("%s: %s", azList[iList], e.zMsg);
      json_decref(out);
      db_release(c.db);
      int64_t r0 = db_stmt_runs(c.db), p0, p1;
      db_cache_stats(c.db, 0, 0, &p0);
      assert_int_equal(list(iList, 0, azLimit[k], 0, 0, &out, &e), YC_OK);
      aRun[k] = db_stmt_runs(c.db) - r0;
      db_cache_stats(c.db, 0, 0, &p1);
      assert_int_equal(p1 - p0, 0);
      size_t nItem = json_array_size(json_object_get(out, "items"));
      int nLimit = atoi(azLimit[k]);
      assert_int_equal((int)nItem, nLimit<aTotal[iList] ? nLimit : aTotal[iList]);
      json_decref(out);
      db_release(c.db);
    }
    if( aRun[0]!=aWant[iList] || aRun[1]!=aWant[iList] || aRun[2]!=aWant[iList] )
      fail_msg("%s: %lld, %lld, %lld statements for 1, 50, 60 rows (want %d)", azList[iList],
               (long long)aRun[0], (long long)aRun[1], (long long)aRun[2], aWant[iList]);
    /* The second page (a cursor) uses the same statements: none prepared. */
    json_t *out = 0;
    Err e;
    assert_int_equal(list(iList, 0, "3", 0, 0, &out, &e), YC_OK);
    char *zNext = strdup(json_string_value(json_object_get(out, "next_cursor")));
    json_decref(out);
    assert_int_equal(list(iList, 0, "5", zNext, 0, &out, &e), YC_OK);
    json_decref(out);
    db_release(c.db);
    int64_t p0, p1;
    db_cache_stats(c.db, 0, 0, &p0);
    assert_int_equal(list(iList, 0, "9", zNext, 0, &out, &e), YC_OK);
    db_cache_stats(c.db, 0, 0, &p1);
    assert_int_equal(p1 - p0, 0);
    json_decref(out);
    free(zNext);
    db_release(c.db);
  }
  /* The lists of the partner page and of agreements: fixed too. */
  int64_t aRun[2];
  for(int k=0; k<2; k++){
    json_t *out = 0;
    Err e;
    exchange_for_tie(&c, 2, k ? 30 : 1, &out, &e);
    json_decref(out);
    int64_t r0 = db_stmt_runs(c.db);
    assert_int_equal(exchange_for_tie(&c, 2, k ? 30 : 1, &out, &e), YC_OK);
    aRun[k] = db_stmt_runs(c.db) - r0;
    assert_true(json_array_size(json_object_get(out, "items"))>=(size_t)(k ? 2 : 1));
    json_decref(out);
    db_release(c.db);
  }
  assert_int_equal(aRun[0], 5);
  assert_int_equal(aRun[1], 5);
}

/* page-3: limits and cursors that are refused, with the field named. */
static void test_refused(void **st){
  (void)st;
  json_t *out = 0;
  Err e;
  static const char *const azBadLimit[] = {"0", "501", "-1", "1.5", "", "+5", " 5", "ten", "99999999999999999999", 0};
  for(int i=0; azBadLimit[i]; i++){
    for(int iList=0; iList<L_N; iList++){
      memset(&e, 0, sizeof e);
      assert_int_equal(list(iList, 0, azBadLimit[i], 0, 0, &out, &e), YC_EINVALID);
      assert_string_equal(e.zField, "limit");
      assert_string_equal(e.zCode, "invalid_value");
      assert_string_equal(e.zMsg, "limit must be an integer from 1 to 500");
    }
  }
  /* A real cursor of each list, then damaged copies of it. */
  for(int iList=0; iList<L_N; iList++){
    assert_int_equal(list(iList, 0, "3", 0, 0, &out, &e), YC_OK);
    const char *zGood = json_string_value(json_object_get(out, "next_cursor"));
    assert_non_null(zGood);
    char zBad[600];
    const char *azBad[16];
    int nBad = 0;
    azBad[nBad++] = "10";                     /* an offset, as cursors were */
    azBad[nBad++] = "abc";                    /* base64url, not JSON */
    azBad[nBad++] = "!!!!";                   /* not base64url */
    azBad[nBad++] = "WyJ4Il0";                /* ["x"] */
    azBad[nBad++] = "WyJwYXJ0bmVycyIsImEiLDFd";   /* ["partners","a",1] */
    snprintf(zBad, sizeof zBad, "%s=", zGood);   /* padding */
    azBad[nBad++] = strdup(zBad);
    snprintf(zBad, sizeof zBad, "%s", zGood);
    zBad[strlen(zBad)-1] ^= 1;                /* last character changed */
    azBad[nBad++] = strdup(zBad);
    snprintf(zBad, sizeof zBad, "%.*s", (int)strlen(zGood) - 2, zGood);   /* cut short */
    azBad[nBad++] = strdup(zBad);
    for(int k=0; k<nBad; k++){
      json_t *o2 = 0;
      memset(&e, 0, sizeof e);
      YcStatus rc = list(iList, 0, "3", azBad[k], 0, &o2, &e);
      if( rc!=YC_EINVALID ) fail_msg("%s: cursor %s accepted", azList[iList], azBad[k]);
      assert_string_equal(e.zField, "cursor");
      assert_string_equal(e.zCode, "invalid_cursor");
      json_decref(o2);
    }
    for(int k=5; k<nBad; k++) free((char*)azBad[k]);
    /* A cursor of one list is refused by another. */
    int iOther = iList==L_PARTNER ? L_ORG : L_PARTNER;
    json_t *o2 = 0;
    memset(&e, 0, sizeof e);
    assert_int_equal(list(iOther, 0, "3", zGood, 0, &o2, &e), YC_EINVALID);
    assert_string_equal(e.zField, "cursor");
    json_decref(out);
  }
  /* A cursor made for another sort order, or for another search. */
  assert_int_equal(list(L_PARTNER, "name", "3", 0, 0, &out, &e), YC_OK);
  char *zName = strdup(json_string_value(json_object_get(out, "next_cursor")));
  json_decref(out);
  memset(&e, 0, sizeof e);
  assert_int_equal(list(L_PARTNER, "-name", "3", zName, 0, &out, &e), YC_EINVALID);
  assert_string_equal(e.zField, "cursor");
  assert_non_null(strstr(e.zMsg, "another sort order"));
  assert_int_equal(list(L_PARTNER, "name", "3", zName, 0, &out, &e), YC_OK);
  json_decref(out);
  free(zName);
  OppQuery q = {0};
  q.zQ = "robot";
  q.zLimit = "2";
  assert_int_equal(opp_list(&c, &q, &out, &e), YC_OK);
  char *zRank = strdup(json_string_value(json_object_get(out, "next_cursor")));
  json_decref(out);
  q.zQ = "welding";
  q.zCursor = zRank;
  memset(&e, 0, sizeof e);
  assert_int_equal(opp_list(&c, &q, &out, &e), YC_EINVALID);
  assert_string_equal(e.zField, "cursor");
  free(zRank);
}

/* page-4: the cursor format and the SQL the kit writes. */
static void test_kit(void **st){
  (void)st;
  static const PageOrder mixed = {"t:mixed", {{"a", PAGE_INT, 1}, {"b", PAGE_TEXT, 0}, {"id", PAGE_INT, 0}}};
  static const PageOrder same = {"t:same", {{"(x IS NULL)", PAGE_INT, 0}, {"coalesce(x,'')", PAGE_TEXT, 0}, {"id", PAGE_INT, 0}}};
  static const PageOrder one = {"t:one", {{"id", PAGE_REAL, 1}}};
  Page pg;
  Err e;
  Buf b = BUF_INIT;
  /* First page: no condition; the limit is the next parameter. */
  assert_int_equal(page_begin(&pg, &mixed, 0, 0, 50, 500, 0, &e), YC_OK);
  assert_int_equal(pg.nLimit, 50);
  assert_int_equal(page_sql_tail(&pg, &b, 3), 4);
  assert_string_equal(buf_str(&b), " ORDER BY a DESC, b, id LIMIT ?3");
  page_free(&pg);
  /* ["t:mixed","a",7,"x\"y",12] */
  json_t *a = json_pack("[s, s, i, s, i]", "t:mixed", "a", 7, "x\"y", 12);
  char *zJson = json_dumps(a, JSON_COMPACT);
  json_decref(a);
  static const char zB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  char zCur[200];
  size_t n = strlen(zJson), k = 0;
  for(size_t i=0; i<n; i+=3){
    unsigned v = (unsigned)(unsigned char)zJson[i]<<16 | (i+1<n ? (unsigned)(unsigned char)zJson[i+1]<<8 : 0)
               | (i+2<n ? (unsigned char)zJson[i+2] : 0);
    zCur[k++] = zB64[v>>18 & 63]; zCur[k++] = zB64[v>>12 & 63];
    if( i+1<n ) zCur[k++] = zB64[v>>6 & 63];
    if( i+2<n ) zCur[k++] = zB64[v & 63];
  }
  zCur[k] = 0;
  free(zJson);
  /* Mixed directions: the expanded form, parameters numbered in order. */
  assert_int_equal(page_begin(&pg, &mixed, 0, "20", 50, 500, zCur, &e), YC_OK);
  assert_int_equal(pg.nLimit, 20);
  buf_reset(&b);
  assert_int_equal(page_sql_tail(&pg, &b, 3), 7);
  assert_string_equal(buf_str(&b),
    " AND (a < ?3 OR (a = ?3 AND (b > ?4 OR (b = ?4 AND id > ?5)))) ORDER BY a DESC, b, id LIMIT ?6");
  /* The next cursor is made from the last row read; the format round-trips. */
  page_free(&pg);
  /* One direction: a row-value comparison; backward: reversed. */
  assert_int_equal(page_begin(&pg, &same, 0, 0, 50, 500, 0, &e), YC_OK);
  buf_reset(&b);
  page_sql_tail(&pg, &b, 1);
  assert_string_equal(buf_str(&b), " ORDER BY (x IS NULL), coalesce(x,''), id LIMIT ?1");
  page_free(&pg);
  assert_int_equal(page_begin(&pg, &one, 0, 0, 50, 500, 0, &e), YC_OK);
  buf_reset(&b);
  page_sql_keys(&pg, &b);
  assert_string_equal(buf_str(&b), ", id");
  page_free(&pg);
  /* The kit's own cursors, through a list: decode to the documented array. */
  PartnerQuery q = {0};
  q.zSort = "-established";
  q.zLimit = "2";
  q.bPrev = 1;
  json_t *out = 0;
  assert_int_equal(partner_list(&c, &q, &out, &e), YC_OK);
  assert_true(json_is_null(json_object_get(out, "prev_cursor")));
  const char *zNext = json_string_value(json_object_get(out, "next_cursor"));
  assert_non_null(zNext);
  for(const char *s = zNext; *s; s++) assert_non_null(strchr(zB64, *s));
  json_t *items = json_object_get(out, "items");
  int64_t idLast = json_integer_value(json_object_get(json_array_get(items, 1), "id"));
  /* Decode by hand: ["partners:-established","a",0,DATE,ID]. */
  unsigned char zRaw[300];
  size_t nRaw = 0;
  unsigned v = 0;
  int nBit = 0;
  for(const char *s = zNext; *s; s++){
    v = v<<6 | (unsigned)(strchr(zB64, *s) - zB64);
    nBit += 6;
    if( nBit>=8 ){ nBit -= 8; zRaw[nRaw++] = (unsigned char)(v>>nBit & 0xff); }
  }
  zRaw[nRaw] = 0;
  json_t *arr = json_loads((const char*)zRaw, 0, 0);
  assert_non_null(arr);
  assert_int_equal((int)json_array_size(arr), 5);
  assert_string_equal(json_string_value(json_array_get(arr, 0)), "partners:-established");
  assert_string_equal(json_string_value(json_array_get(arr, 1)), "a");
  assert_int_equal(json_integer_value(json_array_get(arr, 2)), 0);
  assert_true(json_is_string(json_array_get(arr, 3)));
  assert_int_equal(json_integer_value(json_array_get(arr, 4)), idLast);
  json_decref(arr);
  json_decref(out);
  buf_free(&b);
  /* page_uint and page_limit. */
  long lv = 0;
  assert_true(page_uint("007", 10, &lv));
  assert_int_equal(lv, 7);
  assert_false(page_uint("11", 10, &lv));
  assert_false(page_uint("-1", 10, &lv));
  assert_false(page_uint("", 10, &lv));
  int nl = 0;
  assert_int_equal(page_limit(0, 42, 100, &nl, &e), YC_OK);
  assert_int_equal(nl, 42);
  assert_int_equal(page_limit("100", 42, 100, &nl, &e), YC_OK);
  assert_int_equal(nl, 100);
  assert_int_equal(page_limit("101", 42, 100, &nl, &e), YC_EINVALID);
  assert_string_equal(e.zMsg, "limit must be an integer from 1 to 100");
}

/* page-5: a page does not shift when rows are added before it or removed
** from the page before: the next page starts after the cursor's row. */
static void test_stable(void **st){
  (void)st;
  PartnerQuery q = {0};
  q.zSort = "name";
  q.zLimit = "3";
  json_t *p1 = 0, *p2 = 0;
  Err e;
  assert_int_equal(partner_list(&c, &q, &p1, &e), YC_OK);
  json_t *items1 = json_object_get(p1, "items");
  int64_t idLast = json_integer_value(json_object_get(json_array_get(items1, 2), "id"));
  int64_t idFirst = json_integer_value(json_object_get(json_array_get(items1, 0), "id"));
  /* A tie that sorts first; the first tie of page 1 removed. */
  exec("INSERT INTO city(id,name,name_fold,country,population) VALUES(9000999,'Synthetic 0','aaa synthetic','XA',1);"
       "INSERT INTO tie(home_city_id,partner_city_id,kind,status,notes,created_at,updated_at)"
       " VALUES(9000001,9000999,'sister','active','synthetic','2000-01-01T00:00:00Z','2000-01-01T00:00:00Z')");
  int64_t idNew = db_last_id(c.db);
  char zSql[200];
  snprintf(zSql, sizeof zSql, "DELETE FROM tie WHERE id=%lld", (long long)idFirst);
  exec(zSql);
  q.zCursor = json_string_value(json_object_get(p1, "next_cursor"));
  assert_int_equal(partner_list(&c, &q, &p2, &e), YC_OK);
  int64_t aAll[600];
  int nAll = all_ids(L_PARTNER, "name", aAll), iLast = -1;
  for(int i=0; i<nAll; i++) if( aAll[i]==idLast ) iLast = i;
  assert_true(iLast>0);
  json_t *x;
  size_t i;
  json_array_foreach(json_object_get(p2, "items"), i, x){
    int64_t id = json_integer_value(json_object_get(x, "id"));
    assert_int_equal(id, aAll[iLast + 1 + (int)i]);
    assert_true(id!=idNew && id!=idLast);
  }
  assert_int_equal((int)json_array_size(json_object_get(p2, "items")), 3);
  json_decref(p1);
  json_decref(p2);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_kit),
    cmocka_unit_test(test_refused),
    cmocka_unit_test(test_walk),
    cmocka_unit_test(test_statements),
    cmocka_unit_test(test_stable),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
