/*
** test_history.c: unit tests of the history (src/core/history.h) on a copy
** of the demo database: the diff of two JSON versions (changed fields only,
** lists compared as wholes, a create lists what it set); revert of a tie and
** of an exchange brings the old values back through the type's own update
** and is itself an entry naming the version; reverting every demo record of
** every type to its latest version changes nothing (the stored record turns
** back into its update's input); what cannot be reverted is refused; the
** trail is for signed-in users only. Values written here are synthetic.
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
#include "core/history.h"
#include "core/partner.h"
#include "core/exchange.h"
#include "store/stmt.h"
#include "base/json.h"

static int setup(void **st){
  (void)st;
  if( unitdb_open("history") || unitdb_demo(0) ) return -1;
  c.zRole = "admin";
  return 0;
}
static int teardown(void **st){
  (void)st;
  db_close(c.db);
  unitdb_unlink(zPath);
  return 0;
}

static json_t *js(const char *z){
  json_error_t je;
  json_t *j = json_loads(z, JSON_DECODE_ANY, &je);
  if( !j ) fail_msg("bad JSON in test: %s", je.text);
  return j;
}

/* The change of field zField in a, or 0. */
static json_t *change_of(json_t *a, const char *zField){
  size_t i; json_t *x;
  json_array_foreach(a, i, x) if( strcmp(jstr(x, "field"), zField)==0 ) return x;
  return 0;
}

static void test_diff(void **st){
  (void)st;
  json_t *b = js("{\"id\":1,\"title\":\"A\",\"kind\":\"visit\",\"ties\":[{\"id\":1,\"name_en\":\"X\"}],"
                 "\"notes\":null,\"sources\":[],\"updated_at\":\"2026-01-01T00:00:00Z\"}");
  json_t *a = js("{\"id\":1,\"title\":\"B\",\"kind\":\"visit\",\"ties\":[{\"id\":1,\"name_en\":\"X\"},{\"id\":2,\"name_en\":\"Y\"}],"
                 "\"notes\":null,\"sources\":[],\"updated_at\":\"2026-02-01T00:00:00Z\"}");
  json_t *d = history_diff(b, a);
  assert_int_equal(json_array_size(d), 2);          /* title, ties; not kind, notes, updated_at */
  json_t *t = change_of(d, "title");
  assert_non_null(t);
  assert_string_equal(jstr(t, "before"), "A");
  assert_string_equal(jstr(t, "after"), "B");
  json_t *ties = change_of(d, "ties");
  assert_non_null(ties);
  assert_int_equal(json_array_size(json_object_get(ties, "before")), 1);
  assert_int_equal(json_array_size(json_object_get(ties, "after")), 2);
  json_decref(d);
  /* A create lists the fields set, not the empty ones. */
  d = history_diff(0, a);
  assert_non_null(change_of(d, "title"));
  assert_non_null(change_of(d, "kind"));
  assert_null(change_of(d, "notes"));
  assert_null(change_of(d, "sources"));
  assert_null(change_of(d, "id"));
  assert_true(json_is_null(json_object_get(change_of(d, "kind"), "before")));
  json_decref(d);
  /* A delete lists what the record had. */
  d = history_diff(b, 0);
  assert_true(json_is_null(json_object_get(change_of(d, "title"), "after")));
  json_decref(d);
  /* A field that is gone in the newer version. */
  json_t *a2 = js("{\"title\":\"A\"}"), *b2 = js("{\"title\":\"A\",\"label\":\"L\"}");
  d = history_diff(b2, a2);
  assert_int_equal(json_array_size(d), 1);
  assert_string_equal(jstr(json_array_get(d, 0), "field"), "label");
  json_decref(d);
  json_decref(a2); json_decref(b2); json_decref(a); json_decref(b);
}

static int64_t latest_version(const char *zEntity, int64_t id){
  DbStmt *p = db_stmt(c.db, "SELECT max(id) FROM audit WHERE entity=?1 AND entity_id=?2");
  db_bind_text(p, 1, zEntity, -1);
  db_bind_int64(p, 2, id);
  int64_t v = db_step(p)==DB_ROW ? db_col_int64(p, 0) : 0;
  db_reset(p);
  return v;
}

static void revert_to(const char *zEntity, int64_t id, int64_t to, json_t **ppOut, YcStatus want, Err *e){
  json_t *in = json_pack("{s:I}", "to", (json_int_t)to);
  YcStatus rc = history_revert(&c, zEntity, id, in, ppOut, e);
  if( rc!=want ) fail_msg("revert %s %lld to %lld: %d %s (%s)", zEntity, (long long)id, (long long)to, rc, e->zMsg, e->zField);
  json_decref(in);
}

static void test_revert_tie(void **st){
  (void)st;
  Err e;
  json_t *orig = 0, *out = 0;
  assert_int_equal(partner_get(&c, 3, &orig, &e), YC_OK);
  int64_t v0 = latest_version("tie", 3);
  json_t *in = js("{\"status\":\"suspended\",\"notes\":\"synthetic note\"}");
  assert_int_equal(partner_update(&c, 3, in, &out, &e), YC_OK);
  json_decref(in); json_decref(out);
  in = js("{\"label\":\"synthetic label\"}");
  assert_int_equal(partner_update(&c, 3, in, &out, &e), YC_OK);
  json_decref(in); json_decref(out);
  revert_to("tie", 3, v0, &out, YC_OK, &e);
  assert_string_equal(jstr(out, "status"), jstr(orig, "status"));
  assert_string_equal(jstr(out, "notes"), jstr(orig, "notes"));
  assert_true(json_is_null(json_object_get(out, "label")));
  assert_true(json_equal(json_object_get(out, "sources"), json_object_get(orig, "sources")));
  assert_true(json_equal(json_object_get(out, "city"), json_object_get(orig, "city")));
  json_decref(out);
  /* The revert is the newest entry, naming the version it went back to. */
  json_t *h = 0;
  assert_int_equal(history_of(&c, "tie", 3, 0, 0, 0, &h, &e), YC_OK);
  json_t *top = json_array_get(json_object_get(h, "items"), 0);
  assert_string_equal(jstr(top, "action"), "revert");
  assert_int_equal(jint(top, "revert_of"), v0);
  json_t *chg = change_of(json_object_get(top, "changes"), "status");
  assert_non_null(chg);
  assert_string_equal(jstr(chg, "before"), "suspended");
  assert_null(change_of(json_object_get(top, "changes"), "updated_at"));
  int nTie = 0;
  size_t i; json_t *x;
  json_array_foreach(json_object_get(h, "items"), i, x) nTie += strcmp(jstr(x, "entity"), "tie")==0;
  assert_int_equal(nTie, 4);   /* create, 2 updates, revert (and the profile's entries) */
  json_decref(h);
  json_decref(orig);
}

static void test_revert_exchange(void **st){
  (void)st;
  Err e;
  json_t *orig = 0, *out = 0;
  assert_int_equal(exchange_get(&c, 1, &orig, &e), YC_OK);
  int64_t v0 = latest_version("exchange", 1);
  json_t *in = js("{\"title\":\"synthetic title\",\"fields\":[\"education\"],\"ties\":[3]}");
  assert_int_equal(exchange_update(&c, 1, in, &out, &e), YC_OK);
  json_decref(in); json_decref(out);
  revert_to("exchange", 1, v0, &out, YC_OK, &e);
  assert_string_equal(jstr(out, "title"), jstr(orig, "title"));
  assert_true(json_equal(json_object_get(out, "fields"), json_object_get(orig, "fields")));
  assert_true(json_equal(json_object_get(out, "ties"), json_object_get(orig, "ties")));
  json_decref(out);
  json_decref(orig);
}

/* Every record of every type with revert: back to its latest version is no change. */
static void test_roundtrip_all(void **st){
  (void)st;
  DbStmt *p = db_stmt(c.db, "SELECT entity, entity_id, max(id) FROM audit WHERE entity_id IS NOT NULL"
                            " AND action IN ('create','update','revert') GROUP BY entity, entity_id ORDER BY 1, 2");
  json_t *all = json_array();
  while( db_step(p)==DB_ROW )
    json_array_append_new(all, json_pack("[s,I,I]", db_text(p, 0), (json_int_t)db_col_int64(p, 1), (json_int_t)db_col_int64(p, 2)));
  db_reset(p);
  size_t i; json_t *x;
  int nType = 0, nOwned = 0;
  char zLast[32] = "";
  json_array_foreach(all, i, x){
    const char *zEnt = json_string_value(json_array_get(x, 0));
    if( !history_revertable(zEnt) ) continue;
    if( strcmp(zLast, zEnt)!=0 ){ nType++; snprintf(zLast, sizeof zLast, "%s", zEnt); }
    int64_t id = json_integer_value(json_array_get(x, 1)), v = json_integer_value(json_array_get(x, 2));
    Err e;
    json_t *out = 0;
    DbStmt *r = db_stmt(c.db, "SELECT after FROM audit WHERE id=?1");
    db_bind_int64(r, 1, v);
    assert_int_equal(db_step(r), DB_ROW);
    json_t *rec = js(db_text(r, 0));
    db_reset(r);
    YcStatus rc = history_write(&c, zEnt, id, rec, 0, &out, &e);   /* every field, not only those that differ */
    json_decref(rec);
    json_decref(out);
    /* Exchanges an event or a delegation made change only through it. */
    if( rc==YC_ECONFLICT && strcmp(zEnt, "exchange")==0
     && (strcmp(e.zField, "event_id")==0 || strcmp(e.zField, "delegation_id")==0) ){ nOwned++; continue; }
    if( rc ) fail_msg("revert %s %lld to %lld: %s (%s)", zEnt, (long long)id, (long long)v, e.zMsg, e.zField);
    int64_t v2 = latest_version(zEnt, id);
    DbStmt *q = db_stmt(c.db, "SELECT before, after FROM audit WHERE id=?1");
    db_bind_int64(q, 1, v2);
    assert_int_equal(db_step(q), DB_ROW);
    json_t *jb = js(db_text(q, 0)), *ja = js(db_text(q, 1));
    db_reset(q);
    json_t *d = history_diff(jb, ja);
    /* An organisation's update takes partner ids, not their roles: a revert
    ** leaves partners as they are unless they differ (history_revert). */
    if( strcmp(zEnt, "org")==0 && json_array_size(d)==1 && strcmp(jstr(json_array_get(d, 0), "field"), "partners")==0 )
      json_array_clear(d);
    if( json_array_size(d) ){
      char *z = json_dumps(d, JSON_COMPACT);
      fail_msg("%s %lld changed on being written back as it is: %.600s", zEnt, (long long)id, z);
    }
    json_decref(d); json_decref(jb); json_decref(ja);
  }
  assert_true(nType>=10);
  assert_true(nOwned>0);
  json_decref(all);
}

static void test_refusals(void **st){
  (void)st;
  Err e;
  json_t *out = 0;
  /* A version of another record. */
  revert_to("tie", 3, latest_version("tie", 4), &out, YC_ENOTFOUND, &e);
  assert_string_equal(e.zField, "to");
  /* A deleted record: restore, not revert. */
  int64_t v = latest_version("exchange", 2);
  assert_int_equal(exchange_delete(&c, 2, &e), YC_OK);
  revert_to("exchange", 2, v, &out, YC_ECONFLICT, &e);
  assert_string_equal(e.zCode, "deleted");
  /* The delete entry itself holds no record to go back to. */
  revert_to("exchange", 2, latest_version("exchange", 2), &out, YC_ECONFLICT, &e);
  assert_string_equal(e.zCode, "not_revertable");
  /* Bad bodies name the field. */
  json_t *in = js("{\"to\":\"x\"}");
  assert_int_equal(history_revert(&c, "tie", 3, in, &out, &e), YC_EINVALID);
  assert_string_equal(e.zField, "to");
  json_decref(in);
  in = js("{\"to\":1,\"x\":2}");
  assert_int_equal(history_revert(&c, "tie", 3, in, &out, &e), YC_EINVALID);
  json_decref(in);
  /* Roles: a viewer may read, not revert; nobody reads without signing in. */
  c.zRole = "viewer";
  revert_to("tie", 3, latest_version("tie", 3), &out, YC_EFORBIDDEN, &e);
  json_t *h = 0;
  assert_int_equal(history_of(&c, "tie", 3, 0, 0, 0, &h, &e), YC_OK);
  json_decref(h);
  c.zRole = 0;
  assert_int_equal(history_of(&c, "tie", 3, 0, 0, 0, &h, &e), YC_EAUTH);
  AuditQuery q = {0};
  assert_int_equal(audit_query(&c, &q, &h, &e), YC_EAUTH);
  c.zRole = "admin";
}

static void test_query(void **st){
  (void)st;
  Err e;
  json_t *out = 0;
  AuditQuery q = {.zType = "exchange", .zAction = "create", .zLimit = "5"};
  assert_int_equal(audit_query(&c, &q, &out, &e), YC_OK);
  assert_int_equal(json_array_size(json_object_get(out, "items")), 5);
  assert_true(jint(out, "total")>5);
  size_t i; json_t *x;
  json_array_foreach(json_object_get(out, "items"), i, x){
    assert_string_equal(jstr(x, "entity"), "exchange");
    assert_string_equal(jstr(x, "action"), "create");
  }
  json_decref(out);
  AuditQuery bad[] = {{.zType = "nope"}, {.zAction = "nope"}, {.zFrom = "2026-13-01"}, {.zTo = "x"},
                      {.zFrom = "2026-02-01", .zTo = "2026-01-01"}, {.zLimit = "0"}, {.zUser = ""}};
  const char *azField[] = {"type", "action", "from", "to", "to", "limit", "user"};
  for(size_t k=0; k<sizeof bad/sizeof bad[0]; k++){
    assert_int_equal(audit_query(&c, &bad[k], &out, &e), YC_EINVALID);
    assert_string_equal(e.zField, azField[k]);
  }
  AuditQuery none = {.zUser = "nobody-synthetic"};
  assert_int_equal(audit_query(&c, &none, &out, &e), YC_OK);
  assert_int_equal(jint(out, "total"), 0);
  json_decref(out);
}

int main(void){
  const struct CMUnitTest t[] = {
    cmocka_unit_test(test_diff),
    cmocka_unit_test(test_revert_tie),
    cmocka_unit_test(test_revert_exchange),
    cmocka_unit_test(test_roundtrip_all),
    cmocka_unit_test(test_refusals),
    cmocka_unit_test(test_query),
  };
  return cmocka_run_group_tests(t, setup, teardown);
}
