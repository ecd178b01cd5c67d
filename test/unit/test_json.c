/*
** test_json.c: unit tests of the JSON writer json_text (src/base/json.c):
** byte for byte json_dumps for values without reals, under every flag the
** program uses and the others; reals in their shortest round-trip form.
*/
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "base/json.h"

/* json_text(j, flags) as a string compared with zWant; j is consumed. */
static void check_real(double v, const char *zWant){
  json_t *j = json_real(v);
  char *z = json_text(j, JSON_ENCODE_ANY);
  assert_non_null(z);
  assert_string_equal(z, zWant);
  /* It reads back as the same double, and as a real. */
  json_t *k = json_loads(z, JSON_DECODE_ANY, 0);
  assert_non_null(k);
  assert_true(json_is_real(k));
  assert_true(json_real_value(k)==v);
  assert_true(signbit(json_real_value(k))==signbit(v));
  json_decref(k);
  free(z);
  json_decref(j);
}

/* json_text and json_dumps agree byte for byte (both 0 included). */
static void same(const json_t *j, size_t flags){
  char *zA = json_text(j, flags), *zB = json_dumps(j, flags);
  if( !zA || !zB ){
    if( zA || zB ) fail_msg("json_text %s, json_dumps %s (flags %#zx)", zA ? zA : "(null)", zB ? zB : "(null)", flags);
  }else{
    if( strcmp(zA, zB)!=0 ) fail_msg("flags %#zx:\n json_text  %s\n json_dumps %s", flags, zA, zB);
  }
  free(zA);
  free(zB);
}

static const size_t aFlags[] = {
  0, JSON_COMPACT, JSON_INDENT(2), JSON_INDENT(2) | JSON_COMPACT, JSON_INDENT(1), JSON_INDENT(31),
  JSON_COMPACT | JSON_ENCODE_ANY, JSON_COMPACT | JSON_PRESERVE_ORDER, JSON_ENSURE_ASCII,
  JSON_COMPACT | JSON_ENSURE_ASCII, JSON_ESCAPE_SLASH, JSON_SORT_KEYS, JSON_INDENT(4) | JSON_SORT_KEYS,
  JSON_EMBED, JSON_EMBED | JSON_COMPACT, JSON_ENCODE_ANY, JSON_ENCODE_ANY | JSON_ENSURE_ASCII | JSON_ESCAPE_SLASH,
};

static void same_all(const json_t *j){
  for(size_t i=0; i<sizeof aFlags/sizeof aFlags[0]; i++) same(j, aFlags[i]);
}

/* json-1: reals in their shortest form that reads back equal. */
static void test_reals(void **state){
  (void)state;
  check_real(42.5467, "42.5467");
  check_real(117.0009, "117.0009");
  check_real(0.1, "0.1");
  check_real(1e300, "1e300");
  check_real(-0.0, "-0.0");
  check_real(0.0, "0.0");
  check_real(1.0, "1.0");
  check_real(-3.0, "-3.0");
  check_real(1e15, "1e15");
  check_real(123456789012345.0, "123456789012345.0");
  check_real(1e-5, "1e-5");
  check_real(1.5e-7, "1.5e-7");
  check_real(0.30000000000000004, "0.30000000000000004");
  check_real(5e-324, "4.94065645841247e-324");     /* %.15g already reads back */
  check_real(1.7976931348623157e308, "1.7976931348623157e308");
  check_real(2.2250738585072014e-308, "2.2250738585072014e-308");
  check_real(1.0/3, "0.3333333333333333");
  check_real(100.0, "100.0");
  /* jansson's own precision when the flags fix one. */
  json_t *j = json_real(42.5467);
  char *z = json_text(j, JSON_ENCODE_ANY | JSON_REAL_PRECISION(17));
  assert_string_equal(z, "42.546700000000001");
  free(z);
  same(j, JSON_ENCODE_ANY | JSON_REAL_PRECISION(17));
  same(j, JSON_ENCODE_ANY | JSON_REAL_PRECISION(4));
  json_decref(j);
  /* Where 17 digits are needed the text is jansson's. */
  j = json_real(0.30000000000000004);
  same(j, JSON_ENCODE_ANY);
  json_decref(j);
  /* Many doubles: each reads back equal; at most as many digits as
  ** jansson's %.17g (the text may be longer where %.16g takes the
  ** exponent form and %.17g does not: 1.234567890123457e16). */
  srand(7);
  for(int i=0; i<20000; i++){
    uint64_t u = ((uint64_t)rand()<<42) ^ ((uint64_t)rand()<<21) ^ (uint64_t)rand();
    double v;
    memcpy(&v, &u, sizeof v);
    if( !isfinite(v) ) continue;
    if( i%2 ) v = (double)(rand()%2000000 - 1000000)/((rand()%4)==0 ? 1 : 10000.0);
    j = json_real(v);
    char *zA = json_text(j, JSON_ENCODE_ANY), *zB = json_dumps(j, JSON_ENCODE_ANY);
    json_t *k = json_loads(zA, JSON_DECODE_ANY, 0);
    assert_non_null(k);
    assert_true(json_real_value(k)==v);
    assert_true(strspn(zA, "-0123456789.")<=strspn(zB, "-0123456789.") || strchr(zA, 'e'));
    json_decref(k);
    free(zA);
    free(zB);
    json_decref(j);
  }
  /* In a structure: {"lat":42.5467,"lng":117.0009,"n":[1.0,0.5]} */
  j = json_pack("{s:f, s:f, s:[f, f]}", "lat", 42.5467, "lng", 117.0009, "n", 1.0, 0.5);
  z = json_text(j, JSON_COMPACT);
  assert_string_equal(z, "{\"lat\":42.5467,\"lng\":117.0009,\"n\":[1.0,0.5]}");
  free(z);
  z = json_text(j, JSON_INDENT(2));
  assert_string_equal(z, "{\n  \"lat\": 42.5467,\n  \"lng\": 117.0009,\n  \"n\": [\n    1.0,\n    0.5\n  ]\n}");
  free(z);
  json_decref(j);
}

/* json-2: strings: quotes, backslashes, controls, slash, UTF-8. */
static void test_strings(void **state){
  (void)state;
  static const char *const az[] = {
    "", "plain", "quote \" and backslash \\", "tab\tnew\nline\rcr\bbs\fff",
    "ctl \x01 \x1f \x7f", "a/b </script>", "济南 Jinan Ölfusá", "emoji \xF0\x9F\x98\x80 and \xE2\x82\xAC",
    "\xEF\xBF\xBF max BMP", "\xF4\x8F\xBF\xBF max", 0,
  };
  for(int i=0; az[i]; i++){
    json_t *s = json_string(az[i]);
    assert_non_null(s);
    json_t *a = json_pack("[O]", s), *o = json_pack("{s:O}", az[i], s);
    same_all(s);
    same_all(a);
    same_all(o);
    json_decref(s);
    json_decref(a);
    json_decref(o);
  }
  /* An embedded NUL. */
  json_t *s = json_stringn("a\0b", 3);
  same_all(s);
  char *z = json_text(s, JSON_ENCODE_ANY);
  assert_string_equal(z, "\"a\\u0000b\"");
  free(z);
  json_decref(s);
  /* Escapes spelled out. */
  s = json_string("\"\\/\x01\x1f\xE2\x82\xAC\xF0\x9F\x98\x80");
  z = json_text(s, JSON_ENCODE_ANY);
  assert_string_equal(z, "\"\\\"\\\\/\\u0001\\u001F\xE2\x82\xAC\xF0\x9F\x98\x80\"");
  free(z);
  z = json_text(s, JSON_ENCODE_ANY | JSON_ENSURE_ASCII | JSON_ESCAPE_SLASH);
  assert_string_equal(z, "\"\\\"\\\\\\/\\u0001\\u001F\\u20AC\\uD83D\\uDE00\"");
  free(z);
  json_decref(s);
  /* Invalid UTF-8 (only possible unchecked): an error, as in jansson. */
  s = json_stringn_nocheck("ok \xff", 4);
  same_all(s);
  assert_null(json_text(s, JSON_ENCODE_ANY));
  json_decref(s);
  static const char zBad[] = "\xC0\x80 overlong \xED\xA0\x80 surrogate";
  s = json_stringn_nocheck(zBad, sizeof zBad - 1);
  same_all(s);
  json_decref(s);
  static const char *const azBad[] = {"\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE0\x9F\xBF", "\xF0\x8F\xBF\xBF",
    "cut \xE2\x82", "\x80", "\xF5\x80\x80\x80", 0};
  for(int i=0; azBad[i]; i++){
    s = json_stringn_nocheck(azBad[i], strlen(azBad[i]));
    same_all(s);
    assert_null(json_text(s, JSON_ENCODE_ANY));
    json_decref(s);
  }
  json_t *o = json_object();
  json_object_set_new_nocheck(o, "bad\xff key", json_integer(1));
  same_all(o);     /* jansson writes on after a bad key; so does json_text */
  json_decref(o);
}

/* json-3: scalars, nesting, empty containers, key order, loops. */
static void test_structures(void **state){
  (void)state;
  json_t *j = json_pack("{s:n, s:b, s:b, s:I, s:I, s:I, s:[], s:{}, s:[i, [], {}, [[]], {s:{s:[s]}}], s:{s:i, s:i, s:i}}",
    "null", "t", 1, "f", 0, "big", (json_int_t)9223372036854775807LL, "neg", (json_int_t)(-9223372036854775807LL - 1),
    "zero", (json_int_t)0, "ea", "eo", "mixed", 1, "x", "y", "deep", "list",
    "zeta", 1, "alpha", 2, "mid", 3);
  assert_non_null(j);
  same_all(j);
  char *z = json_text(j, JSON_COMPACT);
  assert_string_equal(z, "{\"null\":null,\"t\":true,\"f\":false,\"big\":9223372036854775807,"
    "\"neg\":-9223372036854775808,\"zero\":0,\"ea\":[],\"eo\":{},\"mixed\":[1,[],{},[[]],{\"x\":{\"y\":[\"deep\"]}}],"
    "\"list\":{\"zeta\":1,\"alpha\":2,\"mid\":3}}");
  free(z);
  /* Insertion order is kept, also after deletes and re-inserts. */
  json_t *o = json_object();
  for(int i=0; i<300; i++){
    char zK[16];
    snprintf(zK, sizeof zK, "k%d", (i*7919)%1000);
    json_object_set_new(o, zK, json_integer(i));
  }
  json_object_del(o, "k0");
  json_object_set_new(o, "k0", json_string("again"));
  same_all(o);
  json_decref(o);
  /* Keys with a common prefix under JSON_SORT_KEYS. */
  o = json_pack("{s:i, s:i, s:i, s:i}", "ab", 1, "a", 2, "b", 3, "", 4);
  same_all(o);
  json_decref(o);
  /* Scalars need JSON_ENCODE_ANY. */
  json_t *s = json_integer(5);
  assert_null(json_text(s, JSON_COMPACT));
  z = json_text(s, JSON_ENCODE_ANY);
  assert_string_equal(z, "5");
  free(z);
  same_all(s);
  json_decref(s);
  same_all(json_null());
  same_all(json_true());
  /* A container that holds itself: an error, as in jansson. */
  json_t *a = json_array(), *b = json_object();
  json_array_append(a, b);
  json_object_set(b, "up", a);
  same_all(a);
  same_all(b);
  assert_null(json_text(a, JSON_COMPACT));
  json_object_clear(b);
  json_decref(b);
  json_decref(a);
  /* The same value twice (not a loop) is fine. */
  json_t *shared = json_pack("[i]", 1);
  a = json_pack("[O, O, {s:O}]", shared, shared, "s", shared);
  same_all(a);
  json_decref(a);
  json_decref(shared);
  same_all(j);
  json_decref(j);
  /* A null pointer. */
  assert_null(json_text(0, JSON_ENCODE_ANY));
}

/* json-4: a realistic answer: a list page of partners, as the API writes
** it, without reals equals json_dumps; with them, only the numbers differ. */
static void test_answer(void **state){
  (void)state;
  json_t *j = json_pack("{s:[{s:I, s:{s:I, s:s, s:s, s:I, s:f, s:f, s:{s:s, s:s, s:s}}, s:n, s:s, s:[s, s]}], s:I, s:n}",
    "items", "id", (json_int_t)1, "city", "id", (json_int_t)1926099, "name_en", "Wakayama", "name_zh", "和歌山",
    "population", (json_int_t)375591, "lat", 34.226111, "lng", 135.1675, "country", "iso2", "JP", "name_en", "Japan",
    "name_zh", "日本", "label", "kind", "sister", "sources", "https://example.org/a?b=1&c=<2>", "Jinan 2019 \"commentary\"",
    "total", (json_int_t)1, "next_cursor");
  char *z = json_text(j, JSON_COMPACT);
  assert_non_null(strstr(z, "\"lat\":34.226111,\"lng\":135.1675,"));
  free(z);
  json_t *city = json_object_get(json_array_get(json_object_get(j, "items"), 0), "city");
  json_object_set_new(city, "lat", json_integer(34));
  json_object_set_new(city, "lng", json_integer(135));
  same_all(j);
  json_decref(j);
}

/* json_text_string (the access log's strings) writes what json_text writes
** for the same string, with and without JSON_ENSURE_ASCII, and refuses
** invalid UTF-8. */
static void test_string_alone(void **state){
  (void)state;
  static const char *const az[] = {"", "/api/v1/partners", "a\"b\\c", "tab\there\nline\x01\x1f",
    "济南 Jinan", "emoji \xF0\x9F\x98\x80", "/slash/", 0};
  for(int i=0; az[i]; i++){
    for(int k=0; k<2; k++){
      size_t flags = k ? JSON_ENSURE_ASCII : 0;
      json_t *j = json_string(az[i]);
      char *zWant = json_text(j, flags | JSON_ENCODE_ANY);
      Buf b = BUF_INIT;
      assert_int_equal(json_text_string(&b, az[i], strlen(az[i]), flags), 0);
      assert_string_equal(buf_str(&b), zWant);
      buf_free(&b);
      free(zWant);
      json_decref(j);
    }
  }
  Buf b = BUF_INIT;
  assert_int_equal(json_text_string(&b, "bad \xC3(", 6, JSON_ENSURE_ASCII), -1);
  buf_free(&b);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_reals),
    cmocka_unit_test(test_strings),
    cmocka_unit_test(test_structures),
    cmocka_unit_test(test_answer),
    cmocka_unit_test(test_string_alone),
  };
  return cmocka_run_group_tests_name("json", tests, 0, 0);
}
