/*
** test_perm.c: unit tests of the role matrix (src/core/perm.h) and of
** units (src/core/unit.h) on a temporary database with the schema only:
** each role's answer for an entity and action, the own-unit and member
** rules before and after a change, the CLI operator, a refusal inside a
** write rolling it back, a unit in use not deleted. Units, users and
** organisations here are synthetic.
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
#include "core/perm.h"
#include "core/unit.h"
#include "core/auth.h"

static int setup(void **st){
  (void)st;
  if( auth_init() ) return -1;
  return unitdb_open("perm") ? -1 : 0;
}

/* A Ctx acting as zRole (a user of unit/org), on the test database. */
static Ctx as(const char *zRole, int64_t unitId, int64_t orgId, int bOwn){
  Ctx x = c;
  x.zRole = zRole;
  x.zActor = zRole ? "synthetic-user" : "anonymous";
  x.userId = 0;               /* no user row: the audit row names none */
  x.unitId = unitId;
  x.orgId = orgId;
  x.bOwnUnit = bOwn;
  return x;
}

static int64_t rows1(const char *zSql){
  DbStmt *p = db_stmt(c.db, zSql);
  assert_non_null(p);
  int64_t n = db_step(p)==DB_ROW ? db_col_int64(p, 0) : -1;
  db_reset(p);
  return n;
}

/* perm-1: the role bits of the matrix: admin-only entities, the tie delete,
** editors' records, viewers and anonymous callers, the CLI operator. */
static void test_roles(void **st){
  (void)st;
  Err e;
  Ctx admin = as("admin", 0, 0, 0), ed = as("editor", 0, 0, 0), vw = as("viewer", 0, 0, 0), anon = as(0, 0, 0, 0);
  static const char *const azAdminOnly[] = {"user", "unit", "token", "country_list", "health_threshold", "no_such_entity", 0};
  for(int i=0; azAdminOnly[i]; i++){
    assert_int_equal(perm_check(&admin, "update", azAdminOnly[i], 1, 0, 0, &e), YC_OK);
    assert_int_equal(perm_check(&ed, "update", azAdminOnly[i], 1, 0, 0, &e), YC_EFORBIDDEN);
    assert_string_equal(e.zCode, "forbidden");
  }
  assert_int_equal(perm_check(&ed, "delete", "tie", 1, 0, 0, &e), YC_EFORBIDDEN);
  assert_int_equal(perm_check(&ed, "update", "tie", 1, 0, 0, &e), YC_OK);
  assert_int_equal(perm_check(&ed, "restore", "exchange", 1, 0, 0, &e), YC_EFORBIDDEN);
  assert_int_equal(perm_check(&admin, "restore", "exchange", 1, 0, 0, &e), YC_OK);
  assert_int_equal(perm_check(&vw, "update", "exchange", 1, 0, 0, &e), YC_EFORBIDDEN);
  assert_int_equal(perm_check(&anon, "update", "exchange", 1, 0, 0, &e), YC_EAUTH);
  Ctx cli = c;                 /* zRole 0, actor "unit": the operator */
  assert_int_equal(perm_check(&cli, "delete", "tie", 1, 0, 0, &e), YC_OK);
  assert_int_equal(perm_can(&ed, "update", "exchange", 1, 0), 1);
  assert_int_equal(perm_can(&ed, "delete", "tie", 1, 0), 0);
  assert_int_equal(perm_can(&anon, "update", "exchange", 1, 0), 0);
}

/* perm-2: an own-unit editor: their unit's records before and after, not
** another's, not one moved out, not one without a unit, nothing else. */
static void test_own_unit(void **st){
  (void)st;
  Err e;
  Ctx ue = as("editor", 7, 0, 1), ed = as("editor", 7, 0, 0);
  json_t *mine = json_pack("{s:I}", "unit_id", (json_int_t)7), *theirs = json_pack("{s:I}", "unit_id", (json_int_t)8);
  json_t *none = json_pack("{s:n}", "unit_id");
  assert_int_equal(perm_check(&ue, "update", "exchange", 1, mine, mine, &e), YC_OK);
  assert_int_equal(perm_check(&ue, "create", "event", 1, 0, mine, &e), YC_OK);
  assert_int_equal(perm_check(&ue, "delete", "project", 1, mine, 0, &e), YC_OK);
  assert_int_equal(perm_check(&ue, "update", "exchange", 1, theirs, theirs, &e), YC_EFORBIDDEN);
  assert_int_equal(perm_check(&ue, "update", "exchange", 1, mine, theirs, &e), YC_EFORBIDDEN);
  assert_int_equal(perm_check(&ue, "update", "exchange", 1, theirs, mine, &e), YC_EFORBIDDEN);
  assert_int_equal(perm_check(&ue, "update", "delegation", 1, none, none, &e), YC_EFORBIDDEN);
  assert_int_equal(perm_check(&ue, "update", "org", 1, 0, 0, &e), YC_EFORBIDDEN);
  assert_int_equal(perm_check(&ue, "import", "exchange", 0, 0, none, &e), YC_EFORBIDDEN);
  assert_int_equal(perm_check(&ed, "update", "exchange", 1, theirs, theirs, &e), YC_OK);
  assert_int_equal(perm_can(&ue, "create", "exchange", 0, 0), 1);
  assert_int_equal(perm_can(&ue, "update", "exchange", 1, theirs), 0);
  Ctx noUnit = as("editor", 0, 0, 1);
  assert_int_equal(perm_check(&noUnit, "update", "exchange", 1, none, none, &e), YC_EFORBIDDEN);
  json_decref(mine); json_decref(theirs); json_decref(none);
}

/* perm-3: a member: their organisation, its offers and needs, its
** opportunities, interests made by or for it; nothing else. */
static void test_member(void **st){
  (void)st;
  Err e;
  json_t *in = json_pack("{s:s, s:s}", "name_en", "Synthetic Org A (unit test)", "type", "enterprise");
  json_object_set_new(in, "side", json_string("home"));
  /* Two organisations and an opportunity of the first, made as the operator. */
  DbStmt *p = db_stmt(c.db, "INSERT INTO org(name_en,type,side,created_at,updated_at) VALUES('Synthetic A','enterprise','home','2024-01-01','2024-01-01'),"
                            "('Synthetic B','enterprise','home','2024-01-01','2024-01-01')");
  if( p ){ db_step(p); db_reset(p); }
  json_decref(in);
  int64_t orgA = rows1("SELECT min(id) FROM org"), orgB = rows1("SELECT max(id) FROM org");
  assert_true(orgA>0 && orgB>orgA);
  Ctx m = as("member", 0, orgA, 0);
  assert_int_equal(perm_check(&m, "update", "org", orgA, 0, 0, &e), YC_OK);
  assert_int_equal(perm_check(&m, "update", "org", orgB, 0, 0, &e), YC_EFORBIDDEN);
  assert_int_equal(perm_check(&m, "delete", "org", orgA, 0, 0, &e), YC_EFORBIDDEN);
  assert_int_equal(perm_check(&m, "create", "org", 99, 0, 0, &e), YC_EFORBIDDEN);
  assert_int_equal(perm_check(&m, "update", "org_offers", orgA, 0, 0, &e), YC_OK);
  assert_int_equal(perm_check(&m, "update", "org_offers", orgB, 0, 0, &e), YC_EFORBIDDEN);
  json_t *oppA = json_pack("{s:{s:s, s:I}}", "owner", "type", "org", "id", (json_int_t)orgA);
  json_t *oppB = json_pack("{s:{s:s, s:I}}", "owner", "type", "org", "id", (json_int_t)orgB);
  json_t *oppTie = json_pack("{s:{s:s, s:I}}", "owner", "type", "tie", "id", (json_int_t)orgA);
  assert_int_equal(perm_check(&m, "create", "opportunity", 5, 0, oppA, &e), YC_OK);
  assert_int_equal(perm_check(&m, "update", "opportunity", 5, oppA, oppB, &e), YC_EFORBIDDEN);
  assert_int_equal(perm_check(&m, "delete", "opportunity", 5, oppB, 0, &e), YC_EFORBIDDEN);
  assert_int_equal(perm_check(&m, "create", "opportunity", 5, 0, oppTie, &e), YC_EFORBIDDEN);
  json_t *byA = json_pack("{s:I, s:{s:I}}", "opportunity_id", (json_int_t)424242, "org", "id", (json_int_t)orgA);
  json_t *byB = json_pack("{s:I, s:{s:I}}", "opportunity_id", (json_int_t)424242, "org", "id", (json_int_t)orgB);
  assert_int_equal(perm_check(&m, "create", "interest", 1, 0, byA, &e), YC_OK);
  assert_int_equal(perm_check(&m, "update", "interest", 1, byB, byB, &e), YC_EFORBIDDEN);
  assert_int_equal(perm_check(&m, "update", "exchange", 1, 0, 0, &e), YC_EFORBIDDEN);
  assert_int_equal(perm_check(&m, "create", "person", 1, 0, 0, &e), YC_EFORBIDDEN);
  Ctx noOrg = as("member", 0, 0, 0);
  assert_int_equal(perm_check(&noOrg, "update", "org", 0, 0, 0, &e), YC_EFORBIDDEN);
  json_decref(oppA); json_decref(oppB); json_decref(oppTie); json_decref(byA); json_decref(byB);
}

/* perm-4: a refusal inside a write rolls it back: no unit, no audit row;
** the admin's create is stored and audited; a unit a user belongs to is
** not deleted (409 in_use naming the user). */
static void test_refusal_rolls_back(void **st){
  (void)st;
  Err e;
  Ctx ed = as("editor", 0, 0, 0), admin = as("admin", 0, 0, 0);
  int64_t nUnit = rows1("SELECT count(*) FROM unit"), nAudit = rows1("SELECT count(*) FROM audit");
  json_t *in = json_pack("{s:s, s:s, s:s}", "name_zh", "合成单位（单元测试）", "name_en", "Synthetic unit (unit test)", "kind", "department");
  json_t *out = 0;
  assert_int_equal(unit_create(&ed, in, &out, &e), YC_EFORBIDDEN);
  assert_null(out);
  assert_int_equal(rows1("SELECT count(*) FROM unit"), nUnit);
  assert_int_equal(rows1("SELECT count(*) FROM audit"), nAudit);
  YcStatus stA = unit_create(&admin, in, &out, &e);
  if( stA ) fprintf(stderr, "%s %s\n", e.zCode, e.zMsg);
  assert_int_equal(stA, YC_OK);
  int64_t id = json_integer_value(json_object_get(out, "id"));
  json_decref(out);
  json_decref(in);
  assert_int_equal(rows1("SELECT count(*) FROM unit"), nUnit + 1);
  assert_int_equal(rows1("SELECT count(*) FROM audit"), nAudit + 1);
  /* Pinyin search finds it. */
  assert_int_equal(unit_list(&admin, "hecheng", 0, &out, &e), YC_OK);
  assert_int_equal(json_integer_value(json_object_get(out, "total")), 1);
  json_decref(out);
  int64_t uid = 0;
  assert_int_equal(user_add(&c, "synthetic-unit-user", 0, "editor", &uid, &e), YC_OK);
  in = json_pack("{s:I}", "unit_id", (json_int_t)id);
  assert_int_equal(user_patch(&c, uid, in, 0, &e), YC_OK);
  json_decref(in);
  assert_int_equal(unit_delete(&admin, id, &e), YC_ECONFLICT);
  assert_string_equal(e.zCode, "in_use");
  assert_non_null(strstr(e.zMsg, "1 user"));
  assert_int_equal(rows1("SELECT count(*) FROM unit"), nUnit + 1);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_roles),
    cmocka_unit_test(test_own_unit),
    cmocka_unit_test(test_member),
    cmocka_unit_test(test_refusal_rolls_back),
  };
  return cmocka_run_group_tests_name("perm", tests, setup, unitdb_teardown);
}
