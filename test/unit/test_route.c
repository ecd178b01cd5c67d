/*
** test_route.c: unit tests of the routing tables and route_find (exact
** paths, "{}" captures, HEAD as GET, 405 detection through pbPathKnown,
** unknown paths), the invariants every route table must keep, and the
** response helpers that need no connection (http_arg_id, http_json,
** http_error, http_reply, http_add_header).
*/
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "web/route.h"
#include "web/http.h"
#include "web/ui.h"

static Req r;

static int setup(void **st){ (void)st; memset(&r, 0, sizeof r); return 0; }
static int teardown(void **st){ (void)st; arena_free(&r.arena); return 0; }

/* Look up METHOD PATH; returns the route (or 0) and sets *pKnown. */
static const Route *find(const char *zMethod, const char *zPath, int *pKnown){
  r.nArg = 0;
  memset(r.azArg, 0, sizeof r.azArg);
  *pKnown = -1;
  const Route *p = route_find(&r, zMethod, zPath, pKnown);
  assert_true(*pKnown==0 || *pKnown==1);
  return p;
}

/* Expect METHOD PATH to reach the route (zRouteMethod, zPattern) with the
** captured arguments (0-terminated list). */
static void expect_route(const char *zMethod, const char *zPath, const char *zRouteMethod, const char *zPattern, ...){
  int bKnown;
  const Route *p = find(zMethod, zPath, &bKnown);
  if( !p ) fail_msg("%s %s: no route (expected %s %s)", zMethod, zPath, zRouteMethod, zPattern);
  if( strcmp(p->zMethod, zRouteMethod)!=0 || strcmp(p->zPattern, zPattern)!=0 )
    fail_msg("%s %s: reached %s %s, expected %s %s", zMethod, zPath, p->zMethod, p->zPattern, zRouteMethod, zPattern);
  assert_non_null(p->xHandler);
  va_list ap;
  va_start(ap, zPattern);
  int n = 0;
  const char *zArg;
  while( (zArg = va_arg(ap, const char*))!=0 ){
    if( n>=r.nArg ) fail_msg("%s %s: argument %d missing", zMethod, zPath, n);
    assert_string_equal(r.azArg[n], zArg);
    n++;
  }
  va_end(ap);
  assert_int_equal(r.nArg, n);
}

/* Expect no route; bKnownWant: 1 when the path exists with another method (405). */
static void expect_none(const char *zMethod, const char *zPath, int bKnownWant){
  int bKnown;
  const Route *p = find(zMethod, zPath, &bKnown);
  if( p ) fail_msg("%s %s: reached %s %s, expected no route", zMethod, zPath, p->zMethod, p->zPattern);
  if( bKnown!=bKnownWant ) fail_msg("%s %s: pbPathKnown %d, expected %d", zMethod, zPath, bKnown, bKnownWant);
}

/* route-1: exact paths of each feature's table. */
static void test_exact(void **st){
  (void)st;
  expect_route("GET", "/healthz", "GET", "/healthz", (char*)0);
  expect_route("GET", "/api/v1/partners", "GET", "/api/v1/partners", (char*)0);
  expect_route("POST", "/api/v1/partners", "POST", "/api/v1/partners", (char*)0);
  expect_route("GET", "/", "GET", "/", (char*)0);
  expect_route("GET", "/partners.csv", "GET", "/partners.csv", (char*)0);
  expect_route("POST", "/login", "POST", "/login", (char*)0);
  expect_route("GET", "/api/v1/health/thresholds", "GET", "/api/v1/health/thresholds", (char*)0);      /* exchange table */
  expect_route("PATCH", "/api/v1/health/thresholds", "PATCH", "/api/v1/health/thresholds", (char*)0);
  expect_route("GET", "/calendar.ics", "GET", "/calendar.ics", (char*)0);
  expect_route("GET", "/api/v1/layout/candidates", "GET", "/api/v1/layout/candidates", (char*)0);     /* layout table */
  expect_route("GET", "/layout/gaps.csv", "GET", "/layout/gaps.csv", (char*)0);
  expect_route("GET", "/api/v1/match/industries", "GET", "/api/v1/match/industries", (char*)0);       /* match table */
  expect_route("POST", "/api/v1/match", "POST", "/api/v1/match", (char*)0);
  /* A literal segment wins over "{}" where the table lists it first. */
  expect_route("GET", "/partners/new", "GET", "/partners/new", (char*)0);
  expect_route("POST", "/partners/new", "POST", "/partners/new", (char*)0);
  expect_route("GET", "/exchanges/new", "GET", "/exchanges/new", (char*)0);
}

/* route-2: "{}" captures one whole segment, verbatim, into r->azArg. */
static void test_captures(void **st){
  (void)st;
  expect_route("GET", "/api/v1/partners/42", "GET", "/api/v1/partners/{}", "42", (char*)0);
  expect_route("DELETE", "/api/v1/orgs/7", "DELETE", "/api/v1/orgs/{}", "7", (char*)0);
  expect_route("GET", "/api/v1/partners/42/health", "GET", "/api/v1/partners/{}/health", "42", (char*)0);
  expect_route("GET", "/api/v1/partners/9/profile", "GET", "/api/v1/partners/{}/profile", "9", (char*)0);
  expect_route("POST", "/partners/5/delete", "POST", "/partners/{}/delete", "5", (char*)0);
  expect_route("GET", "/api/v1/network/countries/BY", "GET", "/api/v1/network/countries/{}", "BY", (char*)0);
  expect_route("GET", "/static/app.css", "GET", "/static/{}", "app.css", (char*)0);
  /* Not only digits: the handler decides (http_arg_id answers 404). */
  expect_route("GET", "/api/v1/partners/abc", "GET", "/api/v1/partners/{}", "abc", (char*)0);
  expect_route("GET", "/api/v1/lists/%E6%B5%8E", "GET", "/api/v1/lists/{}", "%E6%B5%8E", (char*)0);
  expect_route("GET", "/partners/new.x", "GET", "/partners/{}", "new.x", (char*)0);
  expect_route("GET", "/static/..", "GET", "/static/{}", "..", (char*)0);
  /* The capture lives in the request's arena, not in the path. */
  char zPath[] = "/api/v1/orgs/123";
  int bKnown;
  assert_non_null(find("GET", zPath, &bKnown));
  zPath[13] = '9';
  assert_string_equal(r.azArg[0], "123");
}

/* route-3: HEAD is answered by the GET route. */
static void test_head(void **st){
  (void)st;
  expect_route("HEAD", "/api/v1/partners", "GET", "/api/v1/partners", (char*)0);
  expect_route("HEAD", "/partners/3", "GET", "/partners/{}", "3", (char*)0);
  expect_none("HEAD", "/logout", 1);                      /* POST only */
}

/* route-4: a known path with another method: no route, pbPathKnown = 1
** (the server answers 405). */
static void test_405(void **st){
  (void)st;
  expect_none("PUT", "/api/v1/partners", 1);
  expect_none("DELETE", "/api/v1/partners", 1);
  expect_none("POST", "/api/v1/partners/1", 1);
  expect_none("GET", "/logout", 1);
  expect_none("DELETE", "/api/v1/health/thresholds", 1);
  expect_none("POST", "/api/v1/layout", 1);
  expect_none("PUT", "/api/v1/opportunities/3", 1);
  expect_none("get", "/api/v1/partners", 1);              /* methods are case-sensitive */
  /* A later route of the same path with the method still wins (the flag
  ** may be set on the way; only the route counts). */
  int bKnown;
  const Route *p = find("POST", "/partners/new", &bKnown);
  assert_non_null(p);
  assert_string_equal(p->zMethod, "POST");
}

/* route-405: Allow lists the path's methods, HEAD with GET, once each. */
static void test_allow(void **st){
  (void)st;
  assert_string_equal(route_allow(&r, "/healthz"), "GET, HEAD");
  assert_string_equal(route_allow(&r, "/api/v1/partners"), "GET, HEAD, POST");
  assert_string_equal(route_allow(&r, "/logout"), "POST");
  assert_string_equal(route_allow(&r, "/no/such/path"), "");
}

/* Redirect targets from the client: local paths only (issue 14, item 5). */
static void test_local_path(void **st){
  (void)st;
  static const char *const azOff[] = {
    "//evil.example", "/\\evil.example", "/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example",
    "/ /evil.example", " /x", "/x y", "/x\\y", "/\x7f/x", "/%2F/evil.example", "/%2f/evil.example",
    "/%5C/evil.example", "/%09/evil.example", "/%0A/x", "/%20/x", "https://evil.example", "https:evil.example",
    "javascript:alert(1)", "evil.example", "", "%2F%2Fevil.example", 0};
  for(int i=0; azOff[i]; i++){
    if( strcmp(ui_local_path(azOff[i]), "/")!=0 ) fail_msg("'%s' accepted", azOff[i]);
  }
  assert_string_equal(ui_local_path(0), "/");
  static const char *const azOk[] = {"/", "/partners", "/partners/1?lang=en", "/济南", "/a%2Fb", "/en/portal#x", 0};
  for(int i=0; azOk[i]; i++) assert_string_equal(ui_local_path(azOk[i]), azOk[i]);
}

/* route-5: unknown paths: no route, pbPathKnown = 0 (404). */
static void test_unknown(void **st){
  (void)st;
  static const char *const az[] = {
    "", "/nope", "/api", "/api/v1", "/api/v1/", "/api/v2/partners", "/api/v1/partners/", "/api/v1/partners/1/extra",
    "/api/v1/partners//health", "//api/v1/partners", "/api/v1/partnersx", "/API/V1/PARTNERS", "/static/", "/static/a/b",
    "/partners/1/edit/x", "/healthz/", "/api/v1/partners?x=1", "healthz",
  };
  for(size_t i=0; i<sizeof az/sizeof az[0]; i++){
    expect_none("GET", az[i], 0);
    expect_none("POST", az[i], 0);
  }
}

/* route-6: the tables keep the architecture's rules: every route is
** reachable (no earlier route of the same method takes all its paths),
** no (method, pattern) twice, ROUTE_WRITE never on GET, ROUTE_CACHE and
** navigation entries only on GET, "{}" only as a whole segment. */
static void test_tables(void **st){
  (void)st;
  int nRoute = 0, nWrite = 0, nCache = 0, nNav = 0;
  {
    for(const Route *p = aRoute; p->zMethod; p++){
      nRoute++;
      const char *zM = p->zMethod, *zP = p->zPattern;
      assert_non_null(zP);
      assert_non_null(p->xHandler);
      if( zP[0]!='/' ) fail_msg("%s %s: the pattern must start with /", zM, zP);
      if( strcmp(zM, "GET") && strcmp(zM, "POST") && strcmp(zM, "PUT") && strcmp(zM, "PATCH") && strcmp(zM, "DELETE") )
        fail_msg("%s %s: unknown method", zM, zP);
      if( (p->flags & ROUTE_WRITE) && strcmp(zM, "GET")==0 ) fail_msg("GET %s is ROUTE_WRITE", zP);
      if( (p->flags & ROUTE_CACHE) && strcmp(zM, "GET")!=0 ) fail_msg("%s %s is ROUTE_CACHE", zM, zP);
      if( p->zNav && strcmp(zM, "GET")!=0 ) fail_msg("%s %s has a navigation entry", zM, zP);
      nWrite += (p->flags & ROUTE_WRITE)!=0;
      nCache += (p->flags & ROUTE_CACHE)!=0;
      nNav += p->zNav!=0;
      /* A concrete path: each "{}" becomes "8675309". */
      char zPath[256];
      size_t n = 0;
      for(const char *z = zP; *z; ){
        if( z[0]=='{' ){
          if( z[1]!='}' || z[-1]!='/' || (z[2] && z[2]!='/') ) fail_msg("%s %s: { } must be a whole segment", zM, zP);
          memcpy(zPath + n, "8675309", 7);
          n += 7;
          z += 2;
        }else{
          zPath[n++] = *z++;
        }
        assert_true(n < sizeof zPath - 8);
      }
      zPath[n] = 0;
      int bKnown;
      const Route *q = find(zM, zPath, &bKnown);
      if( q!=p ) fail_msg("%s %s is unreachable: %s reaches %s %s", zM, zP, zPath, q ? q->zMethod : "-", q ? q->zPattern : "nothing");
      /* The same pair nowhere else. */
      {
        for(const Route *o = aRoute; o->zMethod; o++){
          if( o!=p && strcmp(o->zMethod, zM)==0 && strcmp(o->zPattern, zP)==0 ) fail_msg("%s %s is listed twice", zM, zP);
        }
      }
    }
  }
  /* The one table holds every feature's routes. */
  assert_true(nRoute >= 100);
  assert_true(nWrite >= 20);
  assert_true(nCache >= 20);
  assert_true(nNav >= 5);
}

/* route-7: http_arg_id accepts a positive decimal id and nothing else. */
static void test_arg_id(void **st){
  (void)st;
  static const struct { const char *z; int64_t id; } aGood[] = {
    {"1", 1}, {"42", 42}, {"007", 7}, {"999999999999999999", 999999999999999999LL},
  };
  static const char *const azBad[] = {"0", "-1", "+1", " 1", "\t1", "\n1", "1x", "x1", "", "1 ", "1.0", "0x10", "1e3",
    "9999999999999999999", "99999999999999999999"};
  Err e;
  for(size_t i=0; i<sizeof aGood/sizeof aGood[0]; i++){
    r.azArg[0] = aGood[i].z;
    r.nArg = 1;
    int64_t id = -1;
    assert_int_equal(http_arg_id(&r, 0, &id, &e), YC_OK);
    assert_true(id==aGood[i].id);
  }
  for(size_t i=0; i<sizeof azBad/sizeof azBad[0]; i++){
    r.azArg[0] = azBad[i];
    r.nArg = 1;
    int64_t id = -1;
    memset(&e, 0, sizeof e);
    if( http_arg_id(&r, 0, &id, &e)!=YC_ENOTFOUND ) fail_msg("'%s' accepted as an id", azBad[i]);
    assert_true(id==-1);
    assert_string_equal(e.zCode, "not_found");
    assert_string_equal(e.zField, "id");
  }
  /* An argument the route did not capture. */
  r.nArg = 1;
  r.azArg[0] = "5";
  int64_t id = -1;
  assert_int_equal(http_arg_id(&r, 1, &id, &e), YC_ENOTFOUND);
  r.nArg = 0;
  assert_int_equal(http_arg_id(&r, 0, &id, &e), YC_ENOTFOUND);
  assert_true(id==-1);
}

static void resp_free(Resp *p){
  buf_free(&p->body);
  for(int i=0; i<p->nHeader; i++) free(p->azHeader[i]);
  memset(p, 0, sizeof *p);
}

/* route-8: http_json, http_error and http_reply write the status, the
** content type and the exact body; 401 carries a Bearer challenge. */
static void test_responses(void **st){
  (void)st;
  Resp p;
  memset(&p, 0, sizeof p);
  buf_puts(&p.body, "old body");
  http_json(&p, 201, json_pack("{s:i, s:s}", "id", 3, "name", "济南 <&>"));
  assert_int_equal(p.status, 201);
  assert_string_equal(p.zType, "application/json; charset=utf-8");
  assert_string_equal(buf_str(&p.body), "{\"id\":3,\"name\":\"济南 <&>\"}\n");
  resp_free(&p);

  Err e;
  err_set(&e, YC_EINVALID, "invalid_date", "established", "established: '2019-13' is not a date");
  http_error(&p, &e);
  assert_int_equal(p.status, 400);
  assert_string_equal(buf_str(&p.body),
    "{\"error\":{\"code\":\"invalid_date\",\"message\":\"established: '2019-13' is not a date\",\"field\":\"established\"}}\n");
  assert_int_equal(p.nHeader, 0);
  resp_free(&p);

  err_set(&e, YC_EAUTH, 0, 0, "log in");
  http_error(&p, &e);
  assert_int_equal(p.status, 401);
  assert_string_equal(buf_str(&p.body), "{\"error\":{\"code\":\"unauthenticated\",\"message\":\"log in\",\"field\":null}}\n");
  assert_int_equal(p.nHeader, 1);
  assert_string_equal(p.azHeader[0], "WWW-Authenticate: Bearer realm=\"youcheng\"");
  resp_free(&p);

  /* An Err with empty code and message: the defaults of its status. */
  memset(&e, 0, sizeof e);
  e.st = YC_ENOTFOUND;
  http_error(&p, &e);
  assert_int_equal(p.status, 404);
  assert_string_equal(buf_str(&p.body), "{\"error\":{\"code\":\"not_found\",\"message\":\"not_found\",\"field\":null}}\n");
  resp_free(&p);

  /* http_reply: the value on success, the error (value dropped) otherwise. */
  http_reply(&p, YC_OK, 0, 200, json_pack("{s:b}", "ok", 1));
  assert_int_equal(p.status, 200);
  assert_string_equal(buf_str(&p.body), "{\"ok\":true}\n");
  resp_free(&p);
  err_set(&e, YC_ECONFLICT, "duplicate", "city_id", "exists");
  http_reply(&p, YC_ECONFLICT, &e, 200, json_pack("{s:b}", "ok", 1));
  assert_int_equal(p.status, 409);
  assert_string_equal(buf_str(&p.body), "{\"error\":{\"code\":\"duplicate\",\"message\":\"exists\",\"field\":\"city_id\"}}\n");
  resp_free(&p);
}

/* route-9: http_add_header formats "Name: value" and keeps at most 12. */
static void test_headers(void **st){
  (void)st;
  Resp p;
  memset(&p, 0, sizeof p);
  char zName[16];
  for(int i=0; i<14; i++){
    snprintf(zName, sizeof zName, "X-H%d", i);
    http_add_header(&p, zName, "v");
  }
  assert_int_equal(p.nHeader, 12);
  assert_string_equal(p.azHeader[0], "X-H0: v");
  assert_string_equal(p.azHeader[11], "X-H11: v");
  resp_free(&p);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown(test_exact, setup, teardown),
    cmocka_unit_test_setup_teardown(test_captures, setup, teardown),
    cmocka_unit_test_setup_teardown(test_head, setup, teardown),
    cmocka_unit_test_setup_teardown(test_405, setup, teardown),
    cmocka_unit_test_setup_teardown(test_unknown, setup, teardown),
    cmocka_unit_test_setup_teardown(test_tables, setup, teardown),
    cmocka_unit_test_setup_teardown(test_arg_id, setup, teardown),
    cmocka_unit_test_setup_teardown(test_responses, setup, teardown),
    cmocka_unit_test_setup_teardown(test_headers, setup, teardown),
    cmocka_unit_test_setup_teardown(test_allow, setup, teardown),
    cmocka_unit_test_setup_teardown(test_local_path, setup, teardown),
  };
  return cmocka_run_group_tests_name("route", tests, 0, 0);
}
