/*
** test_version.c: record versions (issue 12, item 6): audit_version (the
** id of a record's latest audit row, 0 without one) and the check in
** audit_log of the version a write expects (Ctx.zIfEntity, ifId,
** ifVersion): a stale write is refused with YC_ECONFLICT and rolled back,
** a current one saves, and the expectation is cleared after the check.
** And the form kit's part: ui_field showing a stored value that differs.
** A migrated database without reference data; rows are synthetic.
*/
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "unitdb.h"
#include "core/audit.h"
#include "core/org.h"
#include "base/json.h"
#include "web/ui.h"

static int setup(void **st){ (void)st; return unitdb_open("version"); }
static int teardown(void **st){ (void)st; return unitdb_close(); }

/* A synthetic organisation made through core; its id. */
static int64_t new_org(const char *zName){
  Err e;
  json_t *in = json_pack("{s:s, s:s, s:s}", "name_en", zName, "type", "enterprise", "side", "home"), *out = 0;
  YcStatus st = org_create(&c, in, &out, &e);
  json_decref(in);
  if( st ) fail_msg("org_create: %s %s", e.zField, e.zMsg);
  int64_t id = jint(out, "id");
  json_decref(out);
  return id;
}

static YcStatus set_description(int64_t id, const char *z, Err *e){
  json_t *in = json_pack("{s:s}", "description", z), *out = 0;
  YcStatus st = org_update(&c, id, in, &out, e);
  json_decref(in);
  json_decref(out);
  return st;
}

static const char *description(int64_t id){
  static char z[200];
  Err e;
  json_t *j = 0;
  assert_int_equal(org_get(&c, id, &j, &e), YC_OK);
  snprintf(z, sizeof z, "%s", jstr0(j, "description") ? jstr0(j, "description") : "");
  json_decref(j);
  return z;
}

/* audit_version: 0 for a record without audit rows; the latest row's id
** after each write, of this record only (not of another entity's record
** with the same id). */
static void test_audit_version(void **st){
  (void)st;
  assert_int_equal(audit_version(&c, "org", 424242), 0);
  int64_t a = new_org("Synthetic Version Org A");
  int64_t v1 = audit_version(&c, "org", a);
  assert_true(v1>0);
  assert_int_equal(v1, count("SELECT max(id) FROM audit"));
  int64_t b = new_org("Synthetic Version Org B");
  assert_int_equal(audit_version(&c, "org", a), v1);        /* another record's write */
  Err e;
  assert_int_equal(set_description(a, "first", &e), YC_OK);
  int64_t v2 = audit_version(&c, "org", a);
  assert_true(v2>v1);
  assert_int_equal(audit_version(&c, "tie", a), 0);          /* same id, another entity */
  assert_true(audit_version(&c, "org", b)<v2);
}

/* audit_versions: the versions of several records in one answer, the same
** as audit_version of each; records without audit rows are left out. */
static void test_audit_versions(void **st){
  (void)st;
  int64_t a = new_org("Synthetic Version Org F"), b = new_org("Synthetic Version Org G");
  json_t *ids = json_pack("[I, I, I]", (json_int_t)a, (json_int_t)b, (json_int_t)987654);
  json_t *o = audit_versions(&c, "org", ids);
  char z[24];
  snprintf(z, sizeof z, "%lld", (long long)a);
  assert_int_equal(jint(o, z), audit_version(&c, "org", a));
  snprintf(z, sizeof z, "%lld", (long long)b);
  assert_int_equal(jint(o, z), audit_version(&c, "org", b));
  assert_int_equal(json_object_size(o), 2);
  json_decref(o);
  json_decref(ids);
}

/* The check: a stale expected version refuses the write (YC_ECONFLICT
** "conflict" on field "version"), which is rolled back (record and audit
** unchanged); the expectation is cleared, so the next write without one
** saves; the current version saves. */
static void test_check_refuses_and_rolls_back(void **st){
  (void)st;
  int64_t id = new_org("Synthetic Version Org C");
  Err e;
  assert_int_equal(set_description(id, "mine", &e), YC_OK);
  int64_t v = audit_version(&c, "org", id);
  assert_int_equal(set_description(id, "theirs", &e), YC_OK);     /* someone else's change */
  int64_t vNow = audit_version(&c, "org", id), nAudit = count("SELECT count(*) FROM audit");

  c.zIfEntity = "org"; c.ifId = id; c.ifVersion = v;
  assert_int_equal(set_description(id, "stale", &e), YC_ECONFLICT);
  assert_string_equal(e.zCode, "conflict");
  assert_string_equal(e.zField, "version");
  assert_null(c.zIfEntity);
  assert_string_equal(description(id), "theirs");
  assert_int_equal(count("SELECT count(*) FROM audit"), nAudit);
  assert_int_equal(audit_version(&c, "org", id), vNow);
  assert_false(db_in_txn(c.db));

  c.zIfEntity = "org"; c.ifId = id; c.ifVersion = vNow;
  assert_int_equal(set_description(id, "current", &e), YC_OK);
  assert_null(c.zIfEntity);
  assert_string_equal(description(id), "current");
  assert_true(audit_version(&c, "org", id)>vNow);
}

/* An expectation for another record is not checked by this write's audit
** (a write that audits several records checks only the one named), and
** a delete is checked like an update. */
static void test_check_named_record_only(void **st){
  (void)st;
  int64_t a = new_org("Synthetic Version Org D"), b = new_org("Synthetic Version Org E");
  Err e;
  c.zIfEntity = "org"; c.ifId = b; c.ifVersion = 0;               /* stale for b */
  assert_int_equal(set_description(a, "other record", &e), YC_OK);
  assert_non_null(c.zIfEntity);                                  /* not consumed by a */
  assert_int_equal(org_delete(&c, b, &e), YC_ECONFLICT);
  assert_int_equal(count("SELECT count(*) FROM org WHERE name_en='Synthetic Version Org E'"), 1);
  c.zIfEntity = "org"; c.ifId = b; c.ifVersion = audit_version(&c, "org", b);
  assert_int_equal(org_delete(&c, b, &e), YC_OK);
  assert_int_equal(count("SELECT count(*) FROM org WHERE name_en='Synthetic Version Org E'"), 0);
}

/* The form after a stale submit (ui_field with pMine and pStored): a field
** whose stored value differs shows it beside the control with the choice
** keep mine / take the stored value; a field that differs only by CRs and
** white space at the ends, or not at all, shows nothing; a select shows
** the stored value's label. */
static void test_field_stored(void **st){
  (void)st;
  Req r;
  memset(&r, 0, sizeof r);
  r.zLang = "en";
  Form mine, stored;
  memset(&mine, 0, sizeof mine);
  memset(&stored, 0, sizeof stored);
  form_set(&r, &mine, "notes", "two\r\nlines ");
  form_set(&r, &stored, "notes", "two\nlines");
  form_set(&r, &mine, "website", "https://example.org/mine");
  form_set(&r, &stored, "website", "https://example.org/<stored>");
  form_set(&r, &mine, "side", "home");
  form_set(&r, &stored, "side", "partner");
  static const char *const azSide[] = {"home", "partner", 0};
  Buf b = BUF_INIT;
  UiForm fm = {.r = &r, .b = &b, .pMine = &mine, .pStored = &stored};
  ui_field(&fm, &(UiField){.zName = "notes", .zLabel = "Notes", .zValue = form_get(&mine, "notes"), .eType = UI_TEXTAREA});
  assert_null(strstr(buf_str(&b), "stored"));
  ui_field(&fm, &(UiField){.zName = "website", .zLabel = "Website", .zValue = form_get(&mine, "website")});
  const char *z = buf_str(&b);
  assert_non_null(strstr(z, "id=\"stored-website\""));
  assert_non_null(strstr(z, "https://example.org/&lt;stored&gt;"));     /* escaped */
  assert_non_null(strstr(z, "name=\"_take.website\" value=\"mine\" checked"));
  assert_non_null(strstr(z, "name=\"_take.website\" value=\"stored\""));
  buf_reset(&b);
  ui_field(&fm, &(UiField){.zName = "side", .zLabel = "Side", .zValue = "home", .eType = UI_SELECT, .zPrefix = "o.side",
    .azEnum = azSide});
  assert_non_null(strstr(buf_str(&b), "id=\"stored-side\""));
  assert_non_null(strstr(buf_str(&b), T(&r, "o.side.partner")));
  buf_free(&b);
  arena_free(&r.arena);
}

int main(void){
  const struct CMUnitTest aTest[] = {
    cmocka_unit_test(test_audit_version),
    cmocka_unit_test(test_audit_versions),
    cmocka_unit_test(test_check_refuses_and_rolls_back),
    cmocka_unit_test(test_check_named_record_only),
    cmocka_unit_test(test_field_stored),
  };
  return cmocka_run_group_tests(aTest, setup, teardown);
}
