/*
** test_base.c: unit tests of src/base and the escaping formatter every page
** goes through: the growable buffer (growth, NUL termination, printf, the
** sticky error, take/reset), the per-request arena, error values and their
** HTTP statuses, HTML escaping and URL encoding (buf_html, buf_url, hp()'s
** %s %R %u %d %D %%), html_json for <script> blocks, and ui_source/ui_num.
** Every expected output is spelled out byte for byte.
*/
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <jansson.h>
#include "base/buf.h"
#include "base/arena.h"
#include "base/err.h"
#include "web/html.h"
#include "web/ui.h"

/* Under AddressSanitizer an impossible allocation must fail (return 0), as
** it does with glibc, instead of aborting the test: the sticky-error test
** makes one on purpose. Harmless in a build without ASan. */
const char *__asan_default_options(void);
const char *__asan_default_options(void){ return "allocator_may_return_null=1"; }

/* ---- buf ---------------------------------------------------------------- */

/* base-1: an empty buffer reads as "", owns nothing and is not in error. */
static void test_buf_empty(void **st){
  (void)st;
  Buf b = BUF_INIT;
  assert_null(b.z);
  assert_string_equal(buf_str(&b), "");
  assert_int_equal(b.n, 0);
  assert_int_equal(buf_error(&b), 0);
  buf_puts(&b, 0);                      /* a null string appends nothing */
  assert_null(b.z);
  buf_free(&b);
  assert_null(b.z);
}

/* base-2: appends keep the bytes in order, NUL-terminated, and the buffer
** grows by doubling from 64 bytes; embedded NULs are kept (n counts them). */
static void test_buf_growth(void **st){
  (void)st;
  Buf b = BUF_INIT;
  buf_putc(&b, 'a');
  assert_int_equal(b.n, 1);
  assert_int_equal(b.nAlloc, 64);
  assert_string_equal(buf_str(&b), "a");
  buf_append(&b, "bc\0d", 4);
  assert_int_equal(b.n, 5);
  assert_memory_equal(b.z, "abc\0d", 6);  /* and the NUL after it */
  buf_reset(&b);
  /* 1000 appends of "0123456789": 10000 bytes, capacity a power of two
  ** times 64 that fits them and the NUL. */
  for(int i=0; i<1000; i++) buf_puts(&b, "0123456789");
  assert_int_equal(b.n, 10000);
  assert_int_equal(b.nAlloc, 16384);
  assert_int_equal(strlen(b.z), 10000);
  for(int i=0; i<10000; i++) if( b.z[i]!='0' + i%10 ) fail_msg("byte %d is '%c'", i, b.z[i]);
  assert_int_equal(b.z[10000], 0);
  assert_int_equal(buf_error(&b), 0);
  /* Exactly full: 63 bytes + NUL fit in 64, the 64th byte grows it. */
  Buf c = BUF_INIT;
  char z[65];
  memset(z, 'x', 64);
  z[64] = 0;
  buf_append(&c, z, 63);
  assert_int_equal(c.nAlloc, 64);
  buf_putc(&c, 'y');
  assert_int_equal(c.nAlloc, 128);
  assert_int_equal(c.n, 64);
  assert_int_equal(c.z[63], 'y');
  assert_int_equal(c.z[64], 0);
  buf_free(&b);
  buf_free(&c);
}

/* base-3: printf formats like printf, appends, and handles outputs larger
** than the current capacity and empty outputs. */
static void test_buf_printf(void **st){
  (void)st;
  Buf b = BUF_INIT;
  buf_printf(&b, "%s", "");
  assert_non_null(b.z);                 /* an empty append still gives "" */
  assert_string_equal(buf_str(&b), "");
  buf_printf(&b, "%d|%5.2f|%-4s|%x|%lld", -42, 3.14159, "ab", 255, (long long)INT64_MIN);
  assert_string_equal(buf_str(&b), "-42| 3.14|ab  |ff|-9223372036854775808");
  char zBig[300];
  memset(zBig, 'q', 299);
  zBig[299] = 0;
  buf_printf(&b, "<%s>", zBig);
  assert_int_equal(b.n, strlen("-42| 3.14|ab  |ff|-9223372036854775808") + 301);
  assert_int_equal(b.z[b.n - 1], '>');
  assert_int_equal(b.z[b.n], 0);
  assert_int_equal(strlen(b.z), b.n);
  buf_free(&b);
}

/* base-4: the sticky error. An append the buffer cannot hold sets the
** error; from then on appends are no-ops and the contents stay as they
** were, until buf_reset. */
static void test_buf_sticky_error(void **st){
  (void)st;
  Buf b = BUF_INIT;
  buf_puts(&b, "kept");
  /* A size whose doubling would overflow size_t: refused before any
  ** allocation (the source is never read). */
  buf_append(&b, "x", ((size_t)-1)/2 + 2);
  assert_int_equal(buf_error(&b), 1);
  assert_string_equal(buf_str(&b), "kept");
  assert_int_equal(b.n, 4);
  buf_puts(&b, "lost");
  buf_putc(&b, '!');
  buf_printf(&b, "%d", 7);
  buf_html(&b, "<x>");
  buf_url(&b, "a b");
  assert_string_equal(buf_str(&b), "kept");
  assert_int_equal(b.n, 4);
  assert_int_equal(buf_error(&b), 1);
  buf_reset(&b);
  assert_int_equal(buf_error(&b), 0);
  assert_string_equal(buf_str(&b), "");
  buf_puts(&b, "again");
  assert_string_equal(buf_str(&b), "again");
  buf_free(&b);

  /* An allocation that fails (2^62 bytes): the same sticky error. */
  Buf c = BUF_INIT;
  buf_puts(&c, "ok");
  buf_append(&c, "x", (size_t)1 << 62);
  assert_int_equal(buf_error(&c), 1);
  assert_string_equal(buf_str(&c), "ok");
  buf_puts(&c, "more");
  assert_string_equal(buf_str(&c), "ok");
  buf_free(&c);
}

/* base-5: buf_take hands over the contents and leaves the Buf empty; on an
** empty Buf it still returns a string the caller can free. */
static void test_buf_take_reset(void **st){
  (void)st;
  Buf b = BUF_INIT;
  buf_puts(&b, "hello");
  size_t nAlloc = b.nAlloc;
  buf_reset(&b);
  assert_int_equal(b.n, 0);
  assert_int_equal(b.nAlloc, nAlloc);   /* memory kept */
  assert_string_equal(buf_str(&b), "");
  buf_puts(&b, "world");
  char *z = buf_take(&b);
  assert_string_equal(z, "world");
  assert_null(b.z);
  assert_int_equal(b.n, 0);
  assert_int_equal(b.nAlloc, 0);
  free(z);
  z = buf_take(&b);
  assert_non_null(z);
  assert_string_equal(z, "");
  free(z);
}

/* ---- escaping ----------------------------------------------------------- */

/* base-6: buf_html escapes the five HTML specials and nothing else
** (UTF-8 passes through); a null string appends nothing. */
static void test_buf_html(void **st){
  (void)st;
  Buf b = BUF_INIT;
  buf_html(&b, "<script>alert(\"x\" & 'y')</script> 济南 ok");
  assert_string_equal(buf_str(&b),
    "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt; 济南 ok");
  buf_reset(&b);
  buf_html(&b, "&amp;");
  assert_string_equal(buf_str(&b), "&amp;amp;");   /* escaped again: it is text */
  buf_reset(&b);
  buf_html(&b, 0);
  buf_html(&b, "");
  assert_string_equal(buf_str(&b), "");
  buf_html(&b, "plain");
  assert_string_equal(buf_str(&b), "plain");
  buf_free(&b);
}

/* base-7: buf_url percent-encodes every byte but the RFC 3986 unreserved
** ones, in upper-case hex, byte by byte for UTF-8. */
static void test_buf_url(void **st){
  (void)st;
  Buf b = BUF_INIT;
  buf_url(&b, "AZaz09-_.~");
  assert_string_equal(buf_str(&b), "AZaz09-_.~");
  buf_reset(&b);
  buf_url(&b, "a b&c=d/e?f#g+h%i\"<>'");
  assert_string_equal(buf_str(&b), "a%20b%26c%3Dd%2Fe%3Ff%23g%2Bh%25i%22%3C%3E%27");
  buf_reset(&b);
  buf_url(&b, "济南");
  assert_string_equal(buf_str(&b), "%E6%B5%8E%E5%8D%97");
  buf_reset(&b);
  buf_url(&b, "\x01\x7f\xff");
  assert_string_equal(buf_str(&b), "%01%7F%FF");
  buf_reset(&b);
  buf_url(&b, 0);
  assert_string_equal(buf_str(&b), "");
  buf_free(&b);
}

/* base-8: hp(): %s escapes, %R is raw, %u URL-encodes, %d and %D print
** integers, %% a percent sign; anything else prints "%?" and a trailing
** lone % ends the output there. Null strings print nothing. */
static void test_hp(void **st){
  (void)st;
  Buf b = BUF_INIT;
  hp(&b, "<a href=\"/p?q=%u\" title=\"%s\">%R</a> %d%% of %D",
     "a&b c", "\"<i>\"", "<b>bold</b>", -5, (int64_t)9007199254740993LL);
  assert_string_equal(buf_str(&b),
    "<a href=\"/p?q=a%26b%20c\" title=\"&quot;&lt;i&gt;&quot;\"><b>bold</b></a> -5% of 9007199254740993");
  buf_reset(&b);
  hp(&b, "no codes at all");
  assert_string_equal(buf_str(&b), "no codes at all");
  buf_reset(&b);
  hp(&b, "[%s|%R|%u]", (const char*)0, (const char*)0, (const char*)0);
  assert_string_equal(buf_str(&b), "[||]");
  buf_reset(&b);
  hp(&b, "%x then %s", "<");           /* unknown code: "%?", no argument taken */
  assert_string_equal(buf_str(&b), "%? then &lt;");
  buf_reset(&b);
  hp(&b, "100%");
  assert_string_equal(buf_str(&b), "100%?");
  buf_reset(&b);
  hp(&b, "%D|%D|%d", (int64_t)INT64_MAX, (int64_t)-1, 2147483647);
  assert_string_equal(buf_str(&b), "9223372036854775807|-1|2147483647");
  buf_free(&b);
}

/* base-9: html_json writes compact JSON with < > & as \u escapes, so that
** "</script>" and "<!--" cannot end or confuse a <script> block. */
static void test_html_json(void **st){
  (void)st;
  Buf b = BUF_INIT;
  json_t *j = json_pack("{s:s, s:i, s:[s, b, n]}", "name", "</script><!-- a&b \"q\" 济南", "n", 7,
                        "list", "x>y", 1);
  html_json(&b, j);
  assert_string_equal(buf_str(&b),
    "{\"name\":\"\\u003c/script\\u003e\\u003c!-- a\\u0026b \\\"q\\\" 济南\",\"n\":7,\"list\":[\"x\\u003ey\",true,null]}");
  json_decref(j);
  /* The escaped text is still JSON that decodes to the same value. */
  json_error_t je;
  json_t *back = json_loads(buf_str(&b), 0, &je);
  assert_non_null(back);
  assert_string_equal(json_string_value(json_object_get(back, "name")), "</script><!-- a&b \"q\" 济南");
  json_decref(back);
  buf_reset(&b);
  j = json_string("<");
  html_json(&b, j);                    /* any value, not only objects */
  assert_string_equal(buf_str(&b), "\"\\u003c\"");
  json_decref(j);
  buf_free(&b);
}

/* base-10: ui_source makes a leading http(s) URL a link (escaped in the
** attribute and the text) and leaves other sources as escaped text. */
static void test_ui_source(void **st){
  (void)st;
  Buf b = BUF_INIT;
  ui_source(&b, "https://example.org/a?x=1&y=2 (retrieved 2024)");
  assert_string_equal(buf_str(&b),
    "<a href=\"https://example.org/a?x=1&amp;y=2\" rel=\"noopener noreferrer\">https://example.org/a?x=1&amp;y=2</a>"
    " (retrieved 2024)");
  buf_reset(&b);
  ui_source(&b, "http://x.org/\"onmouseover=\"alert(1)");
  assert_string_equal(buf_str(&b),
    "<a href=\"http://x.org/&quot;onmouseover=&quot;alert(1)\" rel=\"noopener noreferrer\">"
    "http://x.org/&quot;onmouseover=&quot;alert(1)</a>");
  buf_reset(&b);
  ui_source(&b, "javascript:alert(1) <b>");
  assert_string_equal(buf_str(&b), "javascript:alert(1) &lt;b&gt;");
  buf_reset(&b);
  ui_source(&b, "Jinan Times, 2019-10-18");
  assert_string_equal(buf_str(&b), "Jinan Times, 2019-10-18");
  buf_free(&b);
}

/* base-11: ui_num groups thousands with commas, keeps the sign. */
static void test_ui_num(void **st){
  (void)st;
  Req r;
  memset(&r, 0, sizeof r);
  static const struct { long long n; const char *z; } a[] = {
    {0, "0"}, {7, "7"}, {999, "999"}, {1000, "1,000"}, {-1000, "-1,000"}, {1284164, "1,284,164"},
    {100000, "100,000"}, {-12, "-12"}, {9223372036854775807LL, "9,223,372,036,854,775,807"},
  };
  for(size_t i=0; i<sizeof a/sizeof a[0]; i++) assert_string_equal(ui_num(&r, a[i].n), a[i].z);
  arena_free(&r.arena);
}

/* ---- arena -------------------------------------------------------------- */

/* base-12: allocations are zeroed, 16-byte aligned, distinct, and survive
** later allocations (new blocks are chained, old ones never moved). */
static void test_arena_alloc(void **st){
  (void)st;
  Arena a = {0};
  unsigned char *ap[200];
  for(int i=0; i<200; i++){
    size_t n = (size_t)(1 + i*37 % 300);
    ap[i] = arena_alloc(&a, n);
    assert_non_null(ap[i]);
    assert_int_equal((uintptr_t)ap[i] % 16, 0);
    for(size_t k=0; k<n; k++) if( ap[i][k] ) fail_msg("allocation %d byte %zu not zero", i, k);
    memset(ap[i], i & 0xff, n);
  }
  /* Every block still holds what was written (nothing overlapped). */
  for(int i=0; i<200; i++){
    size_t n = (size_t)(1 + i*37 % 300);
    for(size_t k=0; k<n; k++) if( ap[i][k]!=(i & 0xff) ) fail_msg("allocation %d byte %zu overwritten", i, k);
  }
  /* Larger than a block (8 KiB): its own block, still usable. */
  unsigned char *big = arena_alloc(&a, 100000);
  assert_non_null(big);
  assert_int_equal(big[0], 0);
  assert_int_equal(big[99999], 0);
  memset(big, 0xab, 100000);
  assert_int_equal(ap[199][0], 199);
  /* Zero bytes: a valid pointer all the same. */
  assert_non_null(arena_alloc(&a, 0));
  arena_free(&a);
  assert_null(a.pHead);
  /* The arena is reusable after arena_free. */
  char *z = arena_strdup(&a, "again");
  assert_string_equal(z, "again");
  arena_free(&a);
  arena_free(&a);                      /* freeing an empty arena is fine */
  assert_null(a.pHead);
}

/* base-13: strdup, strndup (stops at n, NUL-terminates) and printf. */
static void test_arena_strings(void **st){
  (void)st;
  Arena a = {0};
  const char *zSrc = "济南 Jinan";
  char *z = arena_strdup(&a, zSrc);
  assert_string_equal(z, zSrc);
  assert_ptr_not_equal(z, zSrc);
  assert_null(arena_strdup(&a, 0));
  assert_null(arena_strndup(&a, 0, 3));
  assert_string_equal(arena_strndup(&a, "abcdef", 3), "abc");
  assert_string_equal(arena_strndup(&a, "abc", 0), "");
  assert_string_equal(arena_printf(&a, "%s-%03d-%c", "id", 7, 'x'), "id-007-x");
  char zLong[20001];
  memset(zLong, 'L', 20000);
  zLong[20000] = 0;
  char *zP = arena_printf(&a, "[%s]", zLong);
  assert_int_equal(strlen(zP), 20002);
  assert_int_equal(zP[0], '[');
  assert_int_equal(zP[20001], ']');
  assert_string_equal(z, zSrc);        /* earlier strings untouched */
  arena_free(&a);
}

/* ---- err ---------------------------------------------------------------- */

/* base-14: err_set fills every field, returns the status, truncates long
** texts safely, uses the default code when none is given, and accepts a
** null Err. */
static void test_err_set(void **st){
  (void)st;
  Err e;
  memset(&e, 0x55, sizeof e);          /* garbage: every field must be set */
  assert_int_equal(err_set(&e, YC_EINVALID, "invalid_date", "established", "bad date '%s' (%d)", "2019-13", 3),
                   YC_EINVALID);
  assert_int_equal(e.st, YC_EINVALID);
  assert_string_equal(e.zCode, "invalid_date");
  assert_string_equal(e.zField, "established");
  assert_string_equal(e.zMsg, "bad date '2019-13' (3)");
  assert_int_equal(err_set(&e, YC_ENOTFOUND, 0, 0, "gone"), YC_ENOTFOUND);
  assert_string_equal(e.zCode, "not_found");
  assert_string_equal(e.zField, "");
  assert_string_equal(e.zMsg, "gone");
  char zLong[400];
  memset(zLong, 'm', 399);
  zLong[399] = 0;
  err_set(&e, YC_ECONFLICT, "a_code_that_is_far_longer_than_thirty_one_bytes", zLong, "%s", zLong);
  assert_int_equal(strlen(e.zCode), sizeof e.zCode - 1);
  assert_memory_equal(e.zCode, "a_code_that_is_far_longer_than_", sizeof e.zCode - 1);
  assert_int_equal(strlen(e.zField), sizeof e.zField - 1);
  assert_int_equal(strlen(e.zMsg), sizeof e.zMsg - 1);
  assert_int_equal(err_set(0, YC_EAUTH, "x", "y", "z"), YC_EAUTH);
}

/* base-15: each status maps to its HTTP status and default code. */
static void test_err_status(void **st){
  (void)st;
  static const struct { YcStatus st; int http; const char *zCode; } a[] = {
    {YC_OK, 200, "ok"}, {YC_EINVALID, 400, "invalid"}, {YC_EAUTH, 401, "unauthenticated"},
    {YC_EFORBIDDEN, 403, "forbidden"}, {YC_ENOTFOUND, 404, "not_found"}, {YC_EMETHOD, 405, "method_not_allowed"},
    {YC_ECONFLICT, 409, "conflict"}, {YC_ETOOLARGE, 413, "too_large"}, {YC_EINTERNAL, 500, "internal"},
  };
  for(size_t i=0; i<sizeof a/sizeof a[0]; i++){
    assert_int_equal(err_http_status(a[i].st), a[i].http);
    assert_string_equal(err_default_code(a[i].st), a[i].zCode);
  }
  assert_int_equal(err_http_status((YcStatus)99), 500);
  assert_string_equal(err_default_code((YcStatus)99), "internal");
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_buf_empty),
    cmocka_unit_test(test_buf_growth),
    cmocka_unit_test(test_buf_printf),
    cmocka_unit_test(test_buf_sticky_error),
    cmocka_unit_test(test_buf_take_reset),
    cmocka_unit_test(test_buf_html),
    cmocka_unit_test(test_buf_url),
    cmocka_unit_test(test_hp),
    cmocka_unit_test(test_html_json),
    cmocka_unit_test(test_ui_source),
    cmocka_unit_test(test_ui_num),
    cmocka_unit_test(test_arena_alloc),
    cmocka_unit_test(test_arena_strings),
    cmocka_unit_test(test_err_set),
    cmocka_unit_test(test_err_status),
  };
  return cmocka_run_group_tests_name("base", tests, 0, 0);
}
