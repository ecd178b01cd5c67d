/*
** test_export.c: unit tests of the export kit (core/export.c): the
** formula-injection guard and its inverse, the column tables, and the
** round trip of every importable type on the demo database (export CSV,
** import it with a dry run: every row unchanged). Values written here
** ("=1+1" and the like) are synthetic.
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
#include "core/export.h"
#include "core/csvimport.h"
#include "core/org.h"
#include "core/exchange.h"

static int setup(void **st){
  (void)st;
  if( unitdb_open("export") ) return -1;
  if( unitdb_demo(0) ) return -1;
  c.zRole = "admin";
  return 0;
}

static int teardown(void **st){
  (void)st;
  db_close(c.db);
  unitdb_unlink(zPath);
  return 0;
}

static const char *cell(const char *z){
  static Buf b;
  buf_reset(&b);
  export_csv_cell(&b, z, 1);
  return buf_str(&b);
}

/* export-1: the guard: a cell that a spreadsheet would run gets a leading
** ', and export_unguard gives the value back (also for a value that starts
** with ' itself). */
static void test_guard(void **st){
  (void)st;
  assert_string_equal(cell("=1+1"), "\"'=1+1\"");
  assert_string_equal(cell("+1"), "\"'+1\"");
  assert_string_equal(cell("-x"), "\"'-x\"");
  assert_string_equal(cell("@SUM(A1)"), "\"'@SUM(A1)\"");
  assert_string_equal(cell("'=x"), "\"''=x\"");
  assert_string_equal(cell("a \"b\", c"), "\"a \"\"b\"\", c\"");
  assert_string_equal(cell("'plain"), "\"'plain\"");
  assert_string_equal(cell(""), "");
  const char *az[] = {"=1+1", "+1", "-x", "@a", "'=x", "''+y", "'plain", "plain", "", 0};
  for(int i=0; az[i]; i++){
    char z[64];
    /* The cell's text as a CSV reader gives it: without the quotes. */
    const char *zCell = cell(az[i]);
    size_t n = strlen(zCell);
    if( n>=2 ){ memcpy(z, zCell+1, n-2); z[n-2] = 0; }else z[0] = 0;
    assert_string_equal(export_unguard(z), az[i]);
  }
}

/* export-2: every type's columns: the id first, names unique, within the
** import's limit; the importable types have their functions. */
static void test_columns(void **st){
  (void)st;
  int nType = 0;
  for(const ExportType *t = aExportType; t->zName; t++, nType++){
    assert_string_equal(t->aCol[0].zName, "id");
    int n = 0;
    for(const ExportCol *k = t->aCol; k->zName; k++, n++){
      for(const ExportCol *j = t->aCol; j<k; j++) assert_string_not_equal(j->zName, k->zName);
      assert_true(k->nWidth>0);
    }
    assert_true(n<=CSVIMP_MAX_COLS);
    if( t->zEntity ) assert_true(t->xGet && t->xCreate && t->xUpdate);
    assert_ptr_equal(export_type(t->zName), t);
  }
  assert_int_equal(nType, 9);
  assert_null(export_type("nonsense"));
}

/* export-3: every importable type's CSV export imports back with a dry
** run as all rows unchanged; the audit log is not importable. */
static void test_round_trip(void **st){
  (void)st;
  for(const ExportType *t = aExportType; t->zName; t++){
    Buf b = BUF_INIT;
    Err e;
    memset(&e, 0, sizeof e);
    assert_int_equal(export_write(&c, t, 0, 0, &b, &e), YC_OK);
    json_t *rep = 0;
    YcStatus st2 = export_import_any(&c, t->zName, buf_str(&b), b.n, 1, &rep, &e);
    if( !t->zEntity ){
      assert_int_equal(st2, YC_ENOTFOUND);
      buf_free(&b);
      continue;
    }
    if( st2 ) fail_msg("%s: %s (%s)", t->zName, e.zMsg, e.zField);
    json_int_t nRows = json_integer_value(json_object_get(rep, "rows"));
    assert_true(nRows>0);
    assert_int_equal(json_integer_value(json_object_get(rep, "unchanged")), nRows);
    assert_int_equal(json_integer_value(json_object_get(rep, "updated")), 0);
    assert_int_equal(json_integer_value(json_object_get(rep, "created")), 0);
    json_decref(rep);
    buf_free(&b);
  }
}

/* export-4: a guarded value round-trips; a changed cell updates the record
** (not in a dry run: through org_update, with its audit entry). */
static void test_update(void **st){
  (void)st;
  json_t *in = json_pack("{s:s}", "description", "=1+1"), *out = 0;
  Err e;
  memset(&e, 0, sizeof e);
  assert_int_equal(org_update(&c, 1, in, &out, &e), YC_OK);
  json_decref(in);
  json_decref(out);
  const ExportType *t = export_type("orgs");
  Buf b = BUF_INIT;
  assert_int_equal(export_write(&c, t, 0, 0, &b, &e), YC_OK);
  assert_non_null(strstr(buf_str(&b), ",\"'=1+1\","));
  json_t *rep = 0;
  assert_int_equal(export_import(&c, t, buf_str(&b), b.n, 1, &rep, &e), YC_OK);
  assert_int_equal(json_integer_value(json_object_get(rep, "updated")), 0);
  json_decref(rep);
  /* Change it in the file: one row updated, the description column. */
  char *z = strdup(buf_str(&b));
  char *p = strstr(z, ",\"'=1+1\",");
  memcpy(p, ",\"'=2+2\",", 9);
  int nBefore = count("SELECT count(*) FROM audit WHERE entity='org' AND entity_id=1");
  assert_int_equal(export_import(&c, t, z, strlen(z), 0, &rep, &e), YC_OK);
  assert_int_equal(json_integer_value(json_object_get(rep, "updated")), 1);
  json_t *ch = json_array_get(json_object_get(rep, "changes"), 0);
  assert_int_equal(json_integer_value(json_object_get(ch, "id")), 1);
  assert_string_equal(json_string_value(json_array_get(json_object_get(ch, "columns"), 0)), "description");
  json_decref(rep);
  assert_int_equal(count("SELECT count(*) FROM audit WHERE entity='org' AND entity_id=1"), nBefore + 1);
  assert_int_equal(org_get(&c, 1, &out, &e), YC_OK);
  assert_string_equal(json_string_value(json_object_get(out, "description")), "=2+2");
  json_decref(out);
  free(z);
  buf_free(&b);
}

/* export-5: the same value in other spelling is unchanged (spaces around
** ids, leading zeros, true for 1); another value is an update; a bad id
** list is an error naming the column. */
static void test_spelling(void **st){
  (void)st;
  const ExportType *t = export_type("exchanges");
  Err e;
  memset(&e, 0, sizeof e);
  json_t *x = 0;
  assert_int_equal(exchange_get(&c, 1, &x, &e), YC_OK);
  char zCsv[400];
  long long tie = json_integer_value(json_object_get(json_array_get(json_object_get(x, "ties"), 0), "id"));
  snprintf(zCsv, sizeof zCsv, "id,tie_ids,substantive\n1, %lld ;,%s\n", tie,
           json_is_true(json_object_get(x, "substantive")) ? "true" : "false");
  json_t *rep = 0;
  assert_int_equal(export_import(&c, t, zCsv, strlen(zCsv), 1, &rep, &e), YC_OK);
  assert_int_equal(json_integer_value(json_object_get(rep, "unchanged")), 1);
  json_decref(rep);
  snprintf(zCsv, sizeof zCsv, "id,participants\n1,%lld\n", (long long)json_integer_value(json_object_get(x, "participants")) + 7);
  assert_int_equal(export_import(&c, t, zCsv, strlen(zCsv), 1, &rep, &e), YC_OK);
  assert_int_equal(json_integer_value(json_object_get(rep, "updated")), 1);
  json_decref(rep);
  snprintf(zCsv, sizeof zCsv, "id,tie_ids\n1,%lld;x\n", tie);
  assert_int_equal(export_import(&c, t, zCsv, strlen(zCsv), 1, &rep, &e), YC_EINVALID);
  assert_string_equal(e.zField, "tie_ids");
  json_decref(rep);
  json_decref(x);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_guard),
    cmocka_unit_test(test_columns),
    cmocka_unit_test(test_round_trip),
    cmocka_unit_test(test_update),
    cmocka_unit_test(test_spelling),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
