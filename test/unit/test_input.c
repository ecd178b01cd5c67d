/*
** test_input.c: unit tests of input validation (src/core/input.c).
*/
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "core/input.h"

/* input-1: dates of each precision, and the calendar. */
static void test_dates(void **st){
  (void)st;
  Err e;
  const char *zPrec;
  assert_int_equal(in_date_parse("d", "2002", &zPrec, &e), YC_OK);
  assert_string_equal(zPrec, "year");
  assert_int_equal(in_date_parse("d", "2004-09", &zPrec, &e), YC_OK);
  assert_string_equal(zPrec, "month");
  assert_int_equal(in_date_parse("d", "1983-01-14", &zPrec, &e), YC_OK);
  assert_string_equal(zPrec, "day");
  assert_int_equal(in_date_parse("d", "2024-02-29", &zPrec, &e), YC_OK);
  static const char *const azBad[] = {"2019-13-45", "2019-02-30", "2023-02-29", "1900-02-29",
    "19-01-01", "2019/01/01", "2019-1-1", "", "abcd", "2019-00", "0999", "2019-01-01T00:00", 0};
  for(int i=0; azBad[i]; i++){
    assert_int_equal(in_date_parse("established", azBad[i], &zPrec, &e), YC_EINVALID);
    assert_string_equal(e.zField, "established");
    assert_string_equal(e.zCode, "invalid_date");
  }
}

/* input-2: the established field: string, object, precision mismatch,
** future dates. */
static void test_established(void **st){
  (void)st;
  Err e;
  const char *zD, *zP;
  int bSet;
  json_t *o = json_pack("{s:{s:s, s:s}}", "established", "date", "2004-09", "precision", "month");
  assert_int_equal(in_established(o, "established", &zD, &zP, &bSet, &e), YC_OK);
  assert_string_equal(zD, "2004-09");
  json_decref(o);
  o = json_pack("{s:{s:s, s:s}}", "established", "date", "2004-09", "precision", "day");
  assert_int_equal(in_established(o, "established", &zD, &zP, &bSet, &e), YC_EINVALID);
  assert_string_equal(e.zCode, "precision_mismatch");
  json_decref(o);
  o = json_pack("{s:s}", "established", "9999-01-01");
  assert_int_equal(in_established(o, "established", &zD, &zP, &bSet, &e), YC_EINVALID);
  assert_string_equal(e.zCode, "future_date");
  json_decref(o);
  o = json_pack("{s:i}", "established", 2002);
  assert_int_equal(in_established(o, "established", &zD, &zP, &bSet, &e), YC_EINVALID);
  assert_string_equal(e.zCode, "wrong_type");
  json_decref(o);
  o = json_pack("{s:n}", "established");
  assert_int_equal(in_established(o, "established", &zD, &zP, &bSet, &e), YC_OK);
  assert_true(bSet);
  assert_null(zD);
  json_decref(o);
}

/* input-3: strings: required, types, length in characters, control
** characters, trimming; unknown fields. */
static void test_strings(void **st){
  (void)st;
  Err e;
  const char *z;
  int bSet;
  json_t *o = json_pack("{s:s, s:i, s:s, s:s, s:s}", "a", "济南", "b", 5, "c", "x\x01y", "d", " pad", "e", "三个字");
  assert_int_equal(in_str(o, "a", 1, 10, 0, &z, &bSet, &e), YC_OK);
  assert_string_equal(z, "济南");
  assert_int_equal(in_str(o, "b", 1, 10, 0, &z, &bSet, &e), YC_EINVALID);
  assert_string_equal(e.zCode, "wrong_type");
  assert_int_equal(in_str(o, "c", 1, 10, 1, &z, &bSet, &e), YC_EINVALID);
  assert_string_equal(e.zCode, "control_character");
  assert_int_equal(in_str(o, "d", 1, 10, 0, &z, &bSet, &e), YC_EINVALID);
  assert_string_equal(e.zCode, "untrimmed");
  assert_int_equal(in_str(o, "e", 1, 3, 0, &z, &bSet, &e), YC_OK);      /* 3 characters, 9 bytes */
  assert_int_equal(in_str(o, "e", 1, 2, 0, &z, &bSet, &e), YC_EINVALID);
  assert_string_equal(e.zCode, "too_long");
  assert_int_equal(in_str(o, "missing", 1, 10, 0, &z, &bSet, &e), YC_EINVALID);
  assert_string_equal(e.zField, "missing");
  static const char *const azKnown[] = {"a", "b", "c", "d", 0};
  assert_int_equal(in_known_fields(o, azKnown, &e), YC_EINVALID);
  assert_string_equal(e.zField, "e");
  json_decref(o);
}

/* input-4: enums, integers, booleans, arrays. */
static void test_other_types(void **st){
  (void)st;
  Err e;
  const char *z;
  int bSet, b = 0;
  int64_t i = 0;
  json_t *a;
  static const char *const azKind[] = {"sister", "cooperation", 0};
  json_t *o = json_pack("{s:s, s:s, s:I, s:s, s:b, s:[s,i], s:[s,s]}", "k", "sister", "bad", "friend",
    "n", (json_int_t)42, "ns", "42", "t", 1, "arr", "x", 1, "ok", "a", "b");
  assert_int_equal(in_enum(o, "k", 1, azKind, &z, &bSet, &e), YC_OK);
  assert_int_equal(in_enum(o, "bad", 1, azKind, &z, &bSet, &e), YC_EINVALID);
  assert_string_equal(e.zCode, "invalid_value");
  assert_int_equal(in_int(o, "n", 1, 1, 100, &i, &bSet, &e), YC_OK);
  assert_int_equal(i, 42);
  assert_int_equal(in_int(o, "n", 1, 50, 100, &i, &bSet, &e), YC_EINVALID);
  assert_int_equal(in_int(o, "ns", 1, 1, 100, &i, &bSet, &e), YC_EINVALID);
  assert_int_equal(in_bool(o, "t", &b, &bSet, &e), YC_OK);
  assert_true(b);
  assert_int_equal(in_bool(o, "k", &b, &bSet, &e), YC_EINVALID);
  assert_int_equal(in_str_array(o, "arr", 5, 10, &a, &bSet, &e), YC_EINVALID);
  assert_int_equal(in_str_array(o, "ok", 5, 10, &a, &bSet, &e), YC_OK);
  assert_int_equal(json_array_size(a), 2);
  assert_int_equal(in_str_array(o, "ok", 1, 10, &a, &bSet, &e), YC_EINVALID);
  assert_string_equal(e.zCode, "too_many");
  json_decref(o);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_dates),
    cmocka_unit_test(test_established),
    cmocka_unit_test(test_strings),
    cmocka_unit_test(test_other_types),
  };
  return cmocka_run_group_tests_name("input", tests, 0, 0);
}
