/*
** test_archive.c: unit tests of deletes that lose nothing (core/archive.h)
** on a copy of the demo database: a tie with dependants is refused, naming
** them, with nothing changed; confirmed, it goes to the archive with its
** orphaned exchanges and delegations and comes back row for row; an
** exchange that also has other ties blocks the delete; a restore that
** cannot go back (the city has a new tie) changes nothing; the archive is
** for admins only; ending a tie checks its date. (An event's exchange is
** derived from its invitations: it comes back made again, with a new id.) The exchanges and ties
** made here are synthetic.
*/
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "unitdb.h"
#include "core/archive.h"
#include "core/partner.h"
#include "core/exchange.h"
#include "base/buf.h"

static int setup(void **st){
  (void)st;
  if( unitdb_open("archive") || unitdb_demo(0) ) return -1;
  c.zRole = "admin";
  c.zActor = "unit";
  return 0;
}

/* Every row of the tables a tie's delete touches, as one text (search
** indexes and the trails left out). */
static char *snapshot(void){
  static const char *const azSql[] = {
    "SELECT group_concat(x, ';') FROM (SELECT id || kind || status || coalesce(ended,'') AS x FROM tie ORDER BY id)",
    /* An event's exchange is made again from its invitations (a new id). */
    "SELECT group_concat(x, ';') FROM (SELECT coalesce('e' || event_id, id) || title || ties || coalesce(delegation_id,'') AS x"
    " FROM exchange ORDER BY 1)",
    "SELECT group_concat(x, ';') FROM (SELECT t.tie_id || '/' || coalesce('e' || x.event_id, x.id) || '/' || t.day_mid AS x"
    " FROM exchange_tie t LEFT JOIN exchange x ON x.id=t.exchange_id ORDER BY 1)",
    "SELECT group_concat(x, ';') FROM (SELECT id || title_en AS x FROM delegation ORDER BY id)",
    "SELECT group_concat(x, ';') FROM (SELECT delegation_id || '/' || tie_id AS x FROM delegation_tie ORDER BY 1)",
    "SELECT group_concat(x, ';') FROM (SELECT id || '/' || event_id || '/' || coalesce(tie_id,'') AS x FROM invitation ORDER BY id)",
    "SELECT group_concat(x, ';') FROM (SELECT tie_id || source AS x FROM tie_source ORDER BY 1)",
    "SELECT group_concat(x, ';') FROM (SELECT id || '/' || tie_id AS x FROM profile_item ORDER BY id)",
    "SELECT group_concat(x, ';') FROM (SELECT id || '/' || coalesce(tie_id,'') AS x FROM opportunity ORDER BY id)",
    "SELECT group_concat(x, ';') FROM (SELECT org_id || '/' || tie_id AS x FROM org_tie ORDER BY 1)",
    0};
  Buf b = {0};
  for(int i=0; azSql[i]; i++){
    DbStmt *p = db_stmt(c.db, azSql[i]);
    assert_non_null(p);
    assert_int_equal(db_step(p), DB_ROW);
    buf_printf(&b, "%s\n", db_text(p, 0) ? db_text(p, 0) : "");
    db_reset(p);
  }
  return buf_take(&b);
}

/* The demo tie with the most exchanges that are its own. */
static int64_t busy_tie(void){
  return count("SELECT t.id FROM tie t ORDER BY (SELECT count(*) FROM exchange x WHERE x.ties=CAST(t.id AS TEXT)"
               " AND x.event_id IS NULL AND x.delegation_id IS NULL) DESC, t.id LIMIT 1");
}

static void test_refused_then_archived_and_restored(void **st){
  (void)st;
  Err e;
  int64_t tie = busy_tie();
  char zSql[200];
  snprintf(zSql, sizeof zSql, "SELECT count(*) FROM exchange WHERE ties='%lld' AND event_id IS NULL AND delegation_id IS NULL",
           (long long)tie);
  int64_t nOwn = count(zSql);
  assert_true(nOwn>0);
  char *z0 = snapshot();
  int64_t nAudit = count("SELECT count(*) FROM audit");
  /* Refused, naming the exchanges; nothing changed. */
  c.bWithDependants = 0;
  assert_int_equal(archive_delete(&c, "tie", tie, &e), YC_ECONFLICT);
  assert_string_equal(e.zCode, "has_dependants");
  if( !strstr(e.zMsg, "exchange") ) fail_msg("%s", e.zMsg);
  assert_non_null(strstr(e.zMsg, "end the tie instead"));
  char *z1 = snapshot();
  assert_string_equal(z0, z1);
  free(z1);
  assert_int_equal(count("SELECT count(*) FROM audit"), nAudit);
  assert_int_equal(count("SELECT count(*) FROM archive"), 0);
  /* What it would take, without taking it. */
  json_t *dep = 0;
  assert_int_equal(archive_dependants(&c, "tie", tie, &dep, &e), YC_OK);
  assert_true(json_integer_value(json_object_get(json_object_get(dep, "dependants"), "exchange"))>=nOwn);
  assert_false(json_is_true(json_object_get(dep, "blocked")));
  json_decref(dep);
  /* Confirmed: the tie and its own exchanges go; no exchange is left
  ** without ties, no tie row points to a deleted exchange. */
  c.bWithDependants = 1;
  assert_int_equal(archive_delete(&c, "tie", tie, &e), YC_OK);
  c.bWithDependants = 0;
  int64_t arch = c.archiveId;
  assert_true(arch>0);
  snprintf(zSql, sizeof zSql, "SELECT count(*) FROM tie WHERE id=%lld", (long long)tie);
  assert_int_equal(count(zSql), 0);
  assert_int_equal(count("SELECT count(*) FROM exchange WHERE ties=''"), 0);
  assert_int_equal(count("SELECT count(*) FROM exchange_tie t WHERE NOT EXISTS (SELECT 1 FROM exchange x WHERE x.id=t.exchange_id)"), 0);
  assert_int_equal(count("SELECT count(*) FROM delegation d WHERE NOT EXISTS (SELECT 1 FROM delegation_tie t WHERE t.delegation_id=d.id)"), 0);
  snprintf(zSql, sizeof zSql, "SELECT count(*) FROM audit WHERE action='delete' AND entity='exchange' AND id>%lld", (long long)nAudit);
  assert_true(count(zSql)>=nOwn);
  /* Back, row for row, and findable again. */
  json_t *out = 0;
  assert_int_equal(archive_restore(&c, arch, &out, &e), YC_OK);
  json_decref(out);
  char *z2 = snapshot();
  assert_string_equal(z0, z2);
  free(z2);
  snprintf(zSql, sizeof zSql, "SELECT count(*) FROM tie_fts WHERE rowid=%lld", (long long)tie);
  assert_int_equal(count(zSql), 1);
  assert_int_equal(count("SELECT count(*) FROM audit WHERE action='restore'"), 1);
  /* Not twice. */
  assert_int_equal(archive_restore(&c, arch, &out, &e), YC_ECONFLICT);
  assert_string_equal(e.zCode, "already_restored");
  free(z0);
}

static void test_shared_exchange_blocks(void **st){
  (void)st;
  Err e;
  int64_t a = count("SELECT min(id) FROM tie"), b = count("SELECT max(id) FROM tie");
  char zIn[200];
  snprintf(zIn, sizeof zIn, "{\"ties\":[%lld,%lld],\"kind\":\"culture\",\"date\":\"2020-05\","
           "\"title\":\"synthetic: an exchange with two ties\"}", (long long)a, (long long)b);
  json_t *in = json_loads(zIn, 0, 0), *out = 0;
  assert_int_equal(exchange_create(&c, in, &out, &e), YC_OK);
  json_decref(in);
  int64_t x = json_integer_value(json_object_get(out, "id"));
  json_decref(out);
  char *z0 = snapshot();
  c.bWithDependants = 1;
  assert_int_equal(archive_delete(&c, "tie", a, &e), YC_ECONFLICT);
  c.bWithDependants = 0;
  assert_non_null(strstr(e.zMsg, "exchange with other ties"));
  char *z1 = snapshot();
  assert_string_equal(z0, z1);
  free(z0); free(z1);
  /* The exchange itself goes alone, and comes back. */
  assert_int_equal(archive_delete(&c, "exchange", x, &e), YC_OK);
  assert_int_equal(archive_restore(&c, c.archiveId, &out, &e), YC_OK);
  json_decref(out);
  assert_int_equal(exchange_get(&c, x, &out, &e), YC_OK);
  assert_int_equal(json_array_size(json_object_get(out, "ties")), 2);
  json_decref(out);
  assert_int_equal(archive_delete(&c, "exchange", x, &e), YC_OK);
}

static void test_restore_conflict(void **st){
  (void)st;
  Err e;
  /* A tie with nothing that depends on it: made here. */
  int64_t city = count("SELECT id FROM city WHERE id NOT IN (SELECT partner_city_id FROM tie)"
                       " AND country='FR' ORDER BY population DESC LIMIT 1");
  char zIn[200];
  snprintf(zIn, sizeof zIn, "{\"city_id\":%lld,\"kind\":\"cooperation\"}", (long long)city);
  json_t *in = json_loads(zIn, 0, 0), *out = 0;
  assert_int_equal(partner_create(&c, in, &out, &e), YC_OK);
  int64_t tie = json_integer_value(json_object_get(out, "id"));
  json_decref(out);
  assert_int_equal(archive_delete(&c, "tie", tie, &e), YC_OK);   /* nothing depends on it: no confirmation */
  int64_t arch = c.archiveId;
  /* The city has a new tie since: the old one cannot come back. */
  assert_int_equal(partner_create(&c, in, &out, &e), YC_OK);
  json_decref(out);
  json_decref(in);
  char *z0 = snapshot();
  assert_int_equal(archive_restore(&c, arch, &out, &e), YC_ECONFLICT);
  assert_string_equal(e.zCode, "restore_conflict");
  assert_string_equal(e.zField, "tie");
  char *z1 = snapshot();
  assert_string_equal(z0, z1);
  free(z0); free(z1);
  snprintf(zIn, sizeof zIn, "SELECT count(*) FROM archive WHERE id=%lld AND restored_at IS NULL", (long long)arch);
  assert_int_equal(count(zIn), 1);
}

static void test_admins_only(void **st){
  (void)st;
  Err e;
  json_t *out = 0;
  c.zRole = "editor";
  assert_int_equal(archive_list(&c, 0, 0, 0, &out, &e), YC_EFORBIDDEN);
  assert_int_equal(archive_restore(&c, 1, &out, &e), YC_EFORBIDDEN);
  assert_int_equal(archive_purge(&c, 1, &e), YC_EFORBIDDEN);
  c.zRole = 0;
  assert_int_equal(archive_list(&c, 0, 0, 0, &out, &e), YC_EAUTH);
  assert_int_equal(archive_dependants(&c, "tie", 1, &out, &e), YC_EAUTH);
  c.zRole = "admin";
  assert_int_equal(archive_list(&c, "gone", 0, 0, &out, &e), YC_EINVALID);
  assert_string_equal(e.zField, "state");
  assert_int_equal(archive_list(&c, "all", 0, 0, &out, &e), YC_OK);
  assert_true(json_array_size(json_object_get(out, "items"))>=1);
  json_decref(out);
  assert_int_equal(archive_dependants(&c, "planet", 1, &out, &e), YC_EINVALID);
}

static void test_end_tie(void **st){
  (void)st;
  Err e;
  int64_t tie = count("SELECT id FROM tie WHERE est_date IS NOT NULL AND status<>'ended' ORDER BY id LIMIT 1");
  char *z0 = snapshot();
  static const char *const azBad[] = {
    "{\"status\":\"ended\",\"ended\":\"2999-01\"}",        /* in the future */
    "{\"status\":\"ended\",\"ended\":\"1900\"}",           /* before it was established */
    "{\"status\":\"active\",\"ended\":\"2020\"}",          /* a date without status ended */
    "{\"status\":\"ended\",\"ended\":\"2020-13\"}", 0};
  for(int i=0; azBad[i]; i++){
    json_t *in = json_loads(azBad[i], 0, 0), *out = 0;
    assert_int_equal(partner_update(&c, tie, in, &out, &e), YC_EINVALID);
    assert_string_equal(e.zField, "ended");
    json_decref(in);
  }
  char *z1 = snapshot();
  assert_string_equal(z0, z1);
  free(z0); free(z1);
  json_t *in = json_loads("{\"status\":\"ended\",\"ended\":\"2025-06\"}", 0, 0), *out = 0;
  assert_int_equal(partner_update(&c, tie, in, &out, &e), YC_OK);
  assert_string_equal(json_string_value(json_object_get(out, "ended")), "2025-06");
  json_decref(in);
  json_decref(out);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_refused_then_archived_and_restored),
    cmocka_unit_test(test_shared_exchange_blocks),
    cmocka_unit_test(test_restore_conflict),
    cmocka_unit_test(test_admins_only),
    cmocka_unit_test(test_end_tie),
  };
  return cmocka_run_group_tests(tests, setup, unitdb_teardown);
}
