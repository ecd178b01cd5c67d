/*
** test_query.c: every list's query struct lines up with its parameter
** names (the az[] view and the named fields are the same storage, in the
** order of azXParam), so http_query() can fill any of them generically.
*/
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "core/partner.h"
#include "core/org.h"
#include "core/exchange.h"
#include "core/project.h"
#include "core/health.h"
#include "core/opportunity.h"

static int count(const char *const *az){ int n = 0; while( az[n] ) n++; return n; }

/* Fill az[i] with the name of parameter i, then read it back by field. */
#define FILL(q, azParam) do{ \
  assert_int_equal(count(azParam), (int)(sizeof (q).az / sizeof (q).az[0])); \
  for(int i=0; azParam[i]; i++) (q).az[i] = azParam[i]; }while(0)

static void test_partner(void **st){
  (void)st;
  PartnerQuery q = {0};
  FILL(q, azPartnerParam);
  assert_string_equal(q.zKind, "kind"); assert_string_equal(q.zStatus, "status");
  assert_string_equal(q.zCountry, "country"); assert_string_equal(q.zContinent, "continent");
  assert_string_equal(q.zFrom, "established_from"); assert_string_equal(q.zTo, "established_to");
  assert_string_equal(q.zQ, "q"); assert_string_equal(q.zSort, "sort");
  assert_string_equal(q.zLimit, "limit"); assert_string_equal(q.zCursor, "cursor");
  assert_int_equal(q.bPrev, 0);
}

static void test_org(void **st){
  (void)st;
  OrgQuery q = {0};
  FILL(q, azOrgParam);
  assert_string_equal(q.zType, "type"); assert_string_equal(q.zSide, "side");
  assert_string_equal(q.zIndustry, "industry"); assert_string_equal(q.zPartner, "partner");
  assert_string_equal(q.zCountry, "country"); assert_string_equal(q.zQ, "q");
  assert_string_equal(q.zSort, "sort"); assert_string_equal(q.zLimit, "limit");
  assert_string_equal(q.zCursor, "cursor");
}

static void test_exchange(void **st){
  (void)st;
  ExchangeQuery q = {0};
  FILL(q, azExchangeParam);
  assert_string_equal(q.zTie, "tie"); assert_string_equal(q.zKind, "kind");
  assert_string_equal(q.zField, "field"); assert_string_equal(q.zFrom, "from");
  assert_string_equal(q.zTo, "to"); assert_string_equal(q.zSubstantive, "substantive");
  assert_string_equal(q.zProject, "project"); assert_string_equal(q.zSort, "sort");
  assert_string_equal(q.zLimit, "limit"); assert_string_equal(q.zCursor, "cursor");
  assert_int_equal(q.bPrev, 0);
}

static void test_project(void **st){
  (void)st;
  ProjectQuery q = {0};
  FILL(q, azProjectParam);
  assert_string_equal(q.zStage, "stage"); assert_string_equal(q.zTie, "tie");
  assert_string_equal(q.zSector, "sector"); assert_string_equal(q.zLimit, "limit");
  assert_string_equal(q.zCursor, "cursor");
}

static void test_health(void **st){
  (void)st;
  HealthQuery q = {0};
  FILL(q, azHealthParam);
  assert_string_equal(q.zLevel, "level"); assert_string_equal(q.zFlag, "flag");
  assert_string_equal(q.zLessDeveloped, "less_developed"); assert_string_equal(q.zKind, "kind");
  assert_string_equal(q.zAttention, "attention"); assert_string_equal(q.zSort, "sort");
  assert_string_equal(q.zLimit, "limit"); assert_string_equal(q.zCursor, "cursor");
  assert_int_equal(q.bPrev, 0);
}

static void test_opportunity(void **st){
  (void)st;
  OppQuery q = {0};
  FILL(q, azOppParam);
  assert_string_equal(q.zQ, "q"); assert_string_equal(q.zKind, "kind");
  assert_string_equal(q.zCategory, "category"); assert_string_equal(q.zDirection, "direction");
  assert_string_equal(q.zIndustry, "industry"); assert_string_equal(q.zCountry, "country");
  assert_string_equal(q.zStatus, "status"); assert_string_equal(q.zOrg, "org");
  assert_string_equal(q.zPartner, "partner"); assert_string_equal(q.zSort, "sort");
  assert_string_equal(q.zLimit, "limit"); assert_string_equal(q.zCursor, "cursor");
  assert_string_equal(q.zFacets, "facets");
  assert_int_equal(q.bPrev, 0);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_partner), cmocka_unit_test(test_org),
    cmocka_unit_test(test_exchange), cmocka_unit_test(test_project),
    cmocka_unit_test(test_health), cmocka_unit_test(test_opportunity),
  };
  return cmocka_run_group_tests(tests, 0, 0);
}
