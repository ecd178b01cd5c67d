/*
** test_person.c: unit tests of people (src/core/person.h), delegations
** (src/core/delegation.h) and their demo loader (demo_people_load) on a
** copy of the demo database: every person function refuses callers who
** are not signed in; invalid fields are refused naming the field with
** nothing stored; the e-mail, telephone and language checks; erase leaves
** no personal field in the row, the search index or the audit trail; a
** done delegation owns one exchange and a cancelled one none; the loader
** reads the synthetic files of test/data/ (made-up rows), checks headers
** and loads nothing twice. Every person and delegation here is synthetic.
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
#include "core/person.h"
#include "core/delegation.h"
#include "core/input.h"
#include "core/partner.h"
#include "text/lang.h"

static int setup(void **st){
  (void)st;
  if( unitdb_open("person") || unitdb_demo(0) ) return -1;
  c.zRole = "admin";
  return 0;
}

/* A whole file of the repository (test/data/...), malloc'd; the test
** fails with the path when it cannot be read (run from the repository). */
static char *read_file(const char *zPath){
  FILE *f = fopen(zPath, "rb");
  if( !f ) fail_msg("cannot read %s: run the unit tests from the repository root", zPath);
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *z = malloc((size_t)n + 1);
  assert_non_null(z);
  assert_int_equal(fread(z, 1, (size_t)n, f), (size_t)n);
  z[n] = 0;
  fclose(f);
  return z;
}

static int64_t add_person(const char *zJson){
  json_error_t je;
  json_t *in = json_loads(zJson, 0, &je), *out = 0;
  assert_non_null(in);
  Err e;
  assert_int_equal(person_create(&c, in, &out, &e), YC_OK);
  int64_t id = json_integer_value(json_object_get(out, "id"));
  json_decref(in);
  json_decref(out);
  return id;
}

/* person-1: anonymous callers get YC_EAUTH from every person function and
** no people from person_options. */
static void test_private(void **st){
  (void)st;
  int64_t id = add_person("{\"name_en\":\"Synthetic Private\"}");
  Ctx anon = c;
  anon.zRole = 0;
  Err e;
  json_t *out = 0, *in = json_pack("{s:s}", "name_en", "x");
  PersonQuery q;
  memset(&q, 0, sizeof q);
  assert_int_equal(person_list(&anon, &q, &out, &e), YC_EAUTH);
  assert_int_equal(person_get(&anon, id, &out, &e), YC_EAUTH);
  assert_int_equal(person_create(&anon, in, &out, &e), YC_EAUTH);
  assert_int_equal(person_update(&anon, id, in, &out, &e), YC_EAUTH);
  assert_int_equal(person_delete(&anon, id, &e), YC_EAUTH);
  assert_int_equal(person_erase(&anon, id, &out, &e), YC_EAUTH);
  assert_int_equal(person_exists(&anon, id), 0);
  assert_int_equal(person_exists(&c, id), 1);
  assert_int_equal(person_options(&anon, &out, &e), YC_OK);
  assert_int_equal(json_array_size(out), 0);
  json_decref(out);
  json_decref(in);
}

/* person-2: each invalid field is refused naming it; nothing is stored. */
static void test_invalid(void **st){
  (void)st;
  static const char *const aCase[][2] = {
    {"{}", "name_en"},
    {"{\"name_en\":\"A\",\"email\":\"a@b\"}", "email"},
    {"{\"name_en\":\"A\",\"phone\":\"12ab5678\"}", "phone"},
    {"{\"name_en\":\"A\",\"languages\":[\"qq\"]}", "languages"},
    {"{\"name_en\":\"A\",\"roles\":[\"spy\"]}", "roles"},
    {"{\"name_en\":\"A\",\"org_id\":999999}", "org_id"},
    {"{\"name_en\":\"A\",\"city_id\":3}", "city_id"},
    {"{\"name_en\":\"A\",\"friend_since\":\"2019-02-30\"}", "friend_since"},
    {"{\"name_en\":\"A\",\"hobby\":\"x\"}", "hobby"},
  };
  int64_t n0 = count("SELECT count(*) FROM person"), a0 = count("SELECT count(*) FROM audit");
  for(size_t i=0; i<sizeof aCase/sizeof aCase[0]; i++){
    json_error_t je;
    json_t *in = json_loads(aCase[i][0], 0, &je), *out = 0;
    Err e;
    memset(&e, 0, sizeof e);
    assert_int_equal(person_create(&c, in, &out, &e), YC_EINVALID);
    assert_string_equal(e.zField, aCase[i][1]);
    json_decref(in);
  }
  assert_int_equal(count("SELECT count(*) FROM person"), n0);
  assert_int_equal(count("SELECT count(*) FROM audit"), a0);
}

/* person-3: the checks of e-mail addresses, telephone numbers, languages. */
static void test_checks(void **st){
  (void)st;
  Err e;
  static const char *const azMailOk[] = {"a@example.org", "first.last+tag@sub.example.co.uk", "x_y@a-b.cn", 0};
  static const char *const azMailBad[] = {"a@b", "@example.org", "a@@example.org", "a b@example.org", "a@-x.org", "a@x..org",
    ".a@example.org", "a.@example.org", "a@example.org.", "a\"b@example.org", 0};
  for(int i=0; azMailOk[i]; i++) assert_int_equal(in_email("email", azMailOk[i], &e), YC_OK);
  for(int i=0; azMailBad[i]; i++){
    assert_int_equal(in_email("email", azMailBad[i], &e), YC_EINVALID);
    assert_string_equal(e.zField, "email");
  }
  static const char *const azPhoneOk[] = {"+86 531 8888 8888", "(0531) 123-4567", "12345", 0};
  static const char *const azPhoneBad[] = {"1234", "+86 531 x", "86+531123456", "++86531123456", "123456789012345678901", 0};
  for(int i=0; azPhoneOk[i]; i++) assert_int_equal(in_phone("phone", azPhoneOk[i], &e), YC_OK);
  for(int i=0; azPhoneBad[i]; i++) assert_int_equal(in_phone("phone", azPhoneBad[i], &e), YC_EINVALID);
  assert_true(lang_iso639_1("zh"));
  assert_true(lang_iso639_1("en"));
  assert_true(lang_iso639_1("ja"));
  assert_false(lang_iso639_1("xx"));
  assert_false(lang_iso639_1("EN"));
  assert_false(lang_iso639_1("eng"));
  assert_false(lang_iso639_1(""));
}

/* person-4: erase nulls every personal field, drops the search entry and
** scrubs the audit rows and the delegation heads; the history stays. */
static void test_erase(void **st){
  (void)st;
  int64_t id = add_person("{\"name_en\":\"Synthetic Zumbledorf\",\"name_zh\":\"合成者\",\"email\":\"zumbledorf@example.org\","
                          "\"phone\":\"+1 555 0100\",\"notes\":\"Synthetic remark\",\"title\":\"Synthetic Title\"}");
  Err e;
  json_t *out = 0, *in = json_pack("{s:s}", "title", "Synthetic Title Two");
  assert_int_equal(person_update(&c, id, in, &out, &e), YC_OK);
  json_decref(in);
  json_decref(out);
  int64_t tie = partner_find_by_city(&c, 1926004);
  assert_true(tie>0);
  in = json_pack("{s:s, s:s, s:s, s:[I], s:s, s:I, s:[I]}", "direction", "in", "title_en", "Synthetic visit", "start", "2020-03",
                 "ties", (json_int_t)tie, "head", "Synthetic Zumbledorf, mayor", "head_person_id", (json_int_t)id,
                 "members", (json_int_t)id);
  assert_int_equal(delegation_create(&c, in, &out, &e), YC_OK);
  int64_t dg = json_integer_value(json_object_get(out, "id"));
  json_decref(in);
  json_decref(out);
  assert_int_equal(count("SELECT count(*) FROM person_fts WHERE person_fts MATCH 'zumbledorf'"), 1);
  assert_true(count("SELECT count(*) FROM audit WHERE instr(coalesce(before,'') || coalesce(after,''), 'Zumbledorf')>0")>=3);
  assert_int_equal(person_erase(&c, id, &out, &e), YC_OK);
  assert_true(json_is_true(json_object_get(out, "erased")));
  assert_int_equal(json_array_size(json_object_get(out, "delegations")), 1);
  json_decref(out);
  assert_int_equal(count("SELECT count(*) FROM person_fts WHERE person_fts MATCH 'zumbledorf'"), 0);
  assert_int_equal(count("SELECT count(*) FROM audit WHERE instr(coalesce(before,'') || coalesce(after,''), 'Zumbledorf')>0"), 0);
  assert_int_equal(count("SELECT count(*) FROM audit WHERE instr(coalesce(before,'') || coalesce(after,''), '555 0100')>0"), 0);
  char zSql[200];
  snprintf(zSql, sizeof zSql, "SELECT count(*) FROM person WHERE id=%lld AND erased_at IS NOT NULL AND name_en IS NULL"
           " AND email IS NULL AND phone IS NULL AND notes IS NULL AND title IS NULL", (long long)id);
  assert_int_equal(count(zSql), 1);
  snprintf(zSql, sizeof zSql, "SELECT count(*) FROM delegation WHERE id=%lld AND head IS NULL AND head_person_id=%lld",
           (long long)dg, (long long)id);
  assert_int_equal(count(zSql), 1);
  snprintf(zSql, sizeof zSql, "SELECT count(*) FROM delegation_member WHERE delegation_id=%lld", (long long)dg);
  assert_int_equal(count(zSql), 1);
  in = json_pack("{s:s}", "name_en", "Back");
  assert_int_equal(person_update(&c, id, in, &out, &e), YC_ECONFLICT);
  assert_int_equal(person_erase(&c, id, &out, &e), YC_ECONFLICT);
  json_decref(in);
}

/* person-5: a delegation done owns one exchange; cancelled, none; the
** range and status rules name their fields. */
static void test_delegation_exchange(void **st){
  (void)st;
  int64_t tie = partner_find_by_city(&c, 1926004);
  Err e;
  json_t *out = 0;
  json_t *in = json_pack("{s:s, s:s, s:s, s:s, s:[I], s:s}", "direction", "out", "title_en", "Synthetic trip", "start", "2021-04-01",
                         "end", "2021-03-30", "ties", (json_int_t)tie, "status", "done");
  assert_int_equal(delegation_create(&c, in, &out, &e), YC_EINVALID);
  assert_string_equal(e.zField, "end");
  json_object_set_new(in, "end", json_string("2021-04-03"));
  json_object_set_new(in, "start", json_string("2099-04-01"));
  json_object_set_new(in, "end", json_string("2099-04-03"));
  assert_int_equal(delegation_create(&c, in, &out, &e), YC_EINVALID);
  assert_string_equal(e.zField, "status");
  json_object_set_new(in, "start", json_string("2021-04-01"));
  json_object_set_new(in, "end", json_string("2021-04-03"));
  int64_t n0 = count("SELECT count(*) FROM exchange");
  assert_int_equal(delegation_create(&c, in, &out, &e), YC_OK);
  int64_t id = json_integer_value(json_object_get(out, "id"));
  assert_true(json_is_integer(json_object_get(out, "exchange_id")));
  json_decref(out);
  assert_int_equal(count("SELECT count(*) FROM exchange"), n0 + 1);
  char zSql[160];
  snprintf(zSql, sizeof zSql, "SELECT count(*) FROM exchange WHERE delegation_id=%lld AND date='2021-04-01'", (long long)id);
  assert_int_equal(count(zSql), 1);
  assert_int_equal(delegation_set_status(&c, id, "cancelled", &out, &e), YC_OK);
  json_decref(out);
  assert_int_equal(count("SELECT count(*) FROM exchange"), n0);
  json_decref(in);
}

/* person-6: the demo loader over the synthetic files: everything loaded,
** the done delegation's exchange made, nothing added the second time; a
** wrong header and an unknown delegation key are refused. */
static void test_demo_loader(void **st){
  (void)st;
  char *zP = read_file("test/data/synthetic_people.tsv");
  char *zD = read_file("test/data/synthetic_delegations.tsv");
  char *zI = read_file("test/data/synthetic_delegation_items.tsv");
  DemoCounts n;
  memset(&n, 0, sizeof n);
  Err e;
  int64_t ex0 = count("SELECT count(*) FROM exchange");
  assert_int_equal(db_begin(c.db, &e), YC_OK);
  YcStatus rc = demo_people_load(&c, zP, zD, zI, &n, &e);
  if( rc ) fail_msg("%s", e.zMsg);
  assert_int_equal(db_commit(c.db, &e), YC_OK);
  assert_int_equal(n.nPerson, 2);
  assert_int_equal(n.nDelegation, 2);
  assert_int_equal(n.nItem, 3);
  assert_int_equal(count("SELECT count(*) FROM exchange"), ex0 + 1);
  assert_int_equal(count("SELECT count(*) FROM exchange x JOIN delegation d ON d.id=x.delegation_id"
                         " WHERE d.title_en='Synthetic incoming delegation' AND x.participants=6"), 1);
  assert_int_equal(count("SELECT count(*) FROM person p JOIN org o ON o.id=p.org_id WHERE p.name_en='Synthetic Alpha'"
                         " AND o.name_en='Yinfeng Group'"), 1);
  assert_int_equal(count("SELECT count(*) FROM delegation_item i JOIN delegation d ON d.id=i.delegation_id"
                         " WHERE d.title_en='Synthetic incoming delegation'"), 2);
  assert_int_equal(count("SELECT count(*) FROM delegation_tie t JOIN delegation d ON d.id=t.delegation_id"
                         " WHERE d.title_en='Synthetic planned trip'"), 2);
  /* Again: nothing new. */
  memset(&n, 0, sizeof n);
  int64_t a0 = count("SELECT count(*) FROM audit");
  assert_int_equal(db_begin(c.db, &e), YC_OK);
  assert_int_equal(demo_people_load(&c, zP, zD, zI, &n, &e), YC_OK);
  assert_int_equal(db_commit(c.db, &e), YC_OK);
  assert_int_equal(n.nPerson + n.nDelegation + n.nItem, 0);
  assert_int_equal(count("SELECT count(*) FROM audit"), a0);
  /* A wrong header, an unknown key. */
  assert_int_equal(db_begin(c.db, &e), YC_OK);
  assert_int_equal(demo_people_load(&c, "key\tname\n", zD, zI, &n, &e), YC_EINVALID);
  assert_non_null(strstr(e.zMsg, "the header must be"));
  assert_int_equal(demo_people_load(&c, zP, zD, "delegation_key\tdate\ttitle\tplace\torg_name_en\nd9\t2019-05-10\tx\t\t\n",
                                    &n, &e), YC_EINVALID);
  assert_string_equal(e.zField, "delegation_key");
  db_rollback(c.db);
  /* The embedded files (their rows come from the demodata branch) load. */
  assert_int_equal(db_begin(c.db, &e), YC_OK);
  assert_int_equal(demo_people_load(&c, 0, 0, 0, &n, &e), YC_OK);
  assert_int_equal(db_commit(c.db, &e), YC_OK);
  free(zP); free(zD); free(zI);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_private),
    cmocka_unit_test(test_invalid),
    cmocka_unit_test(test_checks),
    cmocka_unit_test(test_erase),
    cmocka_unit_test(test_delegation_exchange),
    cmocka_unit_test(test_demo_loader),
  };
  return cmocka_run_group_tests(tests, setup, unitdb_teardown);
}
