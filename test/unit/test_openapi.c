/*
** test_openapi.c: unit tests of the OpenAPI document built from the route
** table (web/openapi.h): the program's table builds, every /api/v1 route
** is in it with its parameters (the very arrays its handler checks), and
** a table with an undeclared API route, an unknown schema, an undescribed
** parameter or an unnamed path segment is refused, naming the route.
*/
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "web/openapi.h"
#include "web/api_params.h"
#include "core/partner.h"
#include "base/json.h"

static void h(Req *r, Resp *p){ (void)r; (void)p; }

/* The operation of METHOD (lower case) TEMPLATE in doc, or 0. */
static json_t *op(const json_t *doc, const char *zTemplate, const char *zMethod){
  return json_object_get(json_object_get(json_object_get(doc, "paths"), zTemplate), zMethod);
}

static void test_program_table(void **st){
  (void)st;
  json_t *doc = 0;
  Err e = {0};
  YcStatus rc = openapi_build(aRoute, &doc, &e);
  if( rc ) fail_msg("%s", e.zMsg);
  assert_string_equal(jstr0(doc, "openapi"), "3.1.0");
  /* Every /api/v1 route has its operation, under its named template. */
  int n = 0;
  for(const Route *rt = aRoute; rt->zMethod; rt++){
    if( strncmp(rt->zPattern, "/api/v1/", 8)!=0 ) continue;
    assert_non_null(rt->pApi);
    n++;
  }
  size_t nOp = 0;
  const char *zPath;
  json_t *item;
  json_object_foreach(json_object_get(doc, "paths"), zPath, item) nOp += json_object_size(item);
  assert_int_equal((int)nOp, n);
  /* The partner list: its query parameters are azPartnerParam, in order. */
  json_t *o = op(doc, "/api/v1/partners", "get");
  assert_non_null(o);
  json_t *aParam = json_object_get(o, "parameters");
  int i = 0;
  for(; azPartnerParam[i]; i++){
    json_t *p = json_array_get(aParam, (size_t)i);
    assert_string_equal(jstr0(p, "name"), azPartnerParam[i]);
    assert_string_equal(jstr0(p, "in"), "query");
    assert_true(strlen(jstr0(p, "description"))>0);
  }
  assert_int_equal((int)json_array_size(aParam), i);
  /* A write: security with a token or a session with its CSRF header. */
  o = op(doc, "/api/v1/partners/{id}", "patch");
  assert_non_null(o);
  assert_string_equal(jstr0(o, "x-access"), "writer");
  assert_int_equal((int)json_array_size(json_object_get(o, "security")), 2);
  assert_non_null(json_object_get(json_object_get(o, "responses"), "409"));
  assert_non_null(json_object_get(json_object_get(o, "requestBody"), "content"));
  /* Named path segments. */
  assert_non_null(op(doc, "/api/v1/{type}/{id}/history", "get"));
  assert_non_null(op(doc, "/api/v1/series/{id}/members/{member}", "delete"));
  /* An import takes text/csv. */
  o = op(doc, "/api/v1/import/partners", "post");
  assert_non_null(json_object_get(json_object_get(json_object_get(o, "requestBody"), "content"), "text/csv"));
  /* The record schemas are real: required properties with types. */
  json_t *partner = json_object_get(json_object_get(json_object_get(doc, "components"), "schemas"), "Partner");
  assert_non_null(partner);
  json_t *req = json_object_get(partner, "required");
  assert_true(json_array_size(req)>=5);
  assert_string_equal(jstr0(json_object_get(json_object_get(partner, "properties"), "id"), "type"), "integer");
  json_decref(doc);
}

/* Build a one-route table and expect the error to mention zWant. */
static void expect_refused(const Route *aTable, const char *zWant){
  json_t *doc = 0;
  Err e = {0};
  YcStatus rc = openapi_build(aTable, &doc, &e);
  assert_int_equal(rc, YC_EINTERNAL);
  assert_null(doc);
  if( !strstr(e.zMsg, zWant) ) fail_msg("expected '%s' in: %s", zWant, e.zMsg);
}

static void test_refusals(void **st){
  (void)st;
  const Route aUndeclared[] = {
    ROUTE("GET", "/api/v1/things", h, 0, 0, "things"),
    {0, 0, 0, 0, 0, 0, 0, 0}
  };
  expect_refused(aUndeclared, "GET /api/v1/things (h) has no OpenAPI declaration");
  const Route aNoSchema[] = {
    API("GET", "/api/v1/things", h, 0, "things", .zResp="NoSuchSchema"),
    {0, 0, 0, 0, 0, 0, 0, 0}
  };
  expect_refused(aNoSchema, "no schema 'NoSuchSchema'");
  static const char *const azOdd[] = {"no_such_parameter", 0};
  const Route aNoParam[] = {
    API("GET", "/api/v1/things", h, 0, "things", .zResp="Partner", .azQuery=azOdd),
    {0, 0, 0, 0, 0, 0, 0, 0}
  };
  expect_refused(aNoParam, "parameter 'no_such_parameter' is not described");
  const Route aUnnamed[] = {
    API("GET", "/api/v1/things/{}/{}", h, 0, "things", .zResp="Partner"),
    {0, 0, 0, 0, 0, 0, 0, 0}
  };
  expect_refused(aUnnamed, "name every {}");
  /* Routes outside /api/v1 need no declaration; a route may describe its
  ** own parameter. */
  const Route aOk[] = {
    ROUTE("GET", "/things", h, 0, 0, "a page"),
    API("GET", "/api/v1/things", h, 0, "things", .zResp="Partner", .azQuery=azOdd,
        .zParams="{\"no_such_parameter\": {\"description\": \"described here\", \"schema\": {\"type\": \"string\"}}}"),
    {0, 0, 0, 0, 0, 0, 0, 0}
  };
  json_t *doc = 0;
  Err e = {0};
  if( openapi_build(aOk, &doc, &e) ) fail_msg("%s", e.zMsg);
  assert_int_equal((int)json_object_size(json_object_get(doc, "paths")), 1);
  json_decref(doc);
  /* A CSV answer: its media type, a string body. */
  const Route aCsv[] = {
    API("GET", "/api/v1/things.csv", h, 0, "things as CSV", .zType="text/csv"),
    {0, 0, 0, 0, 0, 0, 0, 0}
  };
  if( openapi_build(aCsv, &doc, &e) ) fail_msg("%s", e.zMsg);
  json_t *c = json_object_get(json_object_get(json_object_get(json_object_get(op(doc, "/api/v1/things.csv", "get"),
                              "responses"), "200"), "content"), "text/csv");
  assert_string_equal(jstr0(json_object_get(c, "schema"), "type"), "string");
  json_decref(doc);
  if( openapi_build(aOk, &doc, &e) ) fail_msg("%s", e.zMsg);
  json_t *p = json_array_get(json_object_get(op(doc, "/api/v1/things", "get"), "parameters"), 0);
  assert_string_equal(jstr0(p, "description"), "described here");
  json_decref(doc);
}

/* The cached document is the built one, as text too. */
static void test_cached(void **st){
  (void)st;
  const json_t *doc = openapi_doc();
  assert_non_null(doc);
  assert_ptr_equal(doc, openapi_doc());
  const char *z = openapi_text();
  assert_non_null(z);
  assert_ptr_equal(z, openapi_text());
  json_error_t je;
  json_t *j = json_loads(z, 0, &je);
  assert_non_null(j);
  assert_true(json_equal(j, (json_t*)doc));
  json_decref(j);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_program_table),
    cmocka_unit_test(test_refusals),
    cmocka_unit_test(test_cached),
  };
  return cmocka_run_group_tests(tests, 0, 0);
}
