/*
** test_text.c: unit tests of text normalisation (src/text).
*/
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "text/norm.h"

static void fold_is(const char *zIn, const char *zWant){
  char *z = text_fold(zIn);
  assert_non_null(z);
  assert_string_equal(z, zWant);
  free(z);
}

/* text-1: Traditional and Simplified fold alike. */
static void test_fold_script(void **st){
  (void)st;
  fold_is("濟南", "济南");
  fold_is("薩克拉門托", "萨克拉门托");
  fold_is("萨克拉门托", "萨克拉门托");
}

/* text-2: width, case and Latin accents. */
static void test_fold_width_case(void **st){
  (void)st;
  fold_is("ＪＩＮＡＮ", "jinan");
  fold_is("Jinan", "jinan");
  fold_is("Västerås", "vasteras");
  fold_is("Sønderborg", "sonderborg");
  fold_is("plain ascii", "plain ascii");
}

/* text-3: pinyin annotations after Han characters are removed, other
** parentheses stay. */
static void test_strip_annotations(void **st){
  (void)st;
  fold_is("濟(jì)南", "济南");
  fold_is("發(fā)布", "发布");
  fold_is("國際(jì)“朋友圈”", "国际\"朋友圈\"");   /* Latin-ASCII folds curly quotes */
  fold_is("Laiwu (Jinan)", "laiwu (jinan)");
  fold_is("济南(2019)", "济南(2019)");
  char *z = text_strip_annotations("濟（jì）南", strlen("濟（jì）南"));
  assert_string_equal(z, "濟南");
  free(z);
}

/* text-4: pinyin of Han text, syllables then joined. */
static void test_pinyin(void **st){
  (void)st;
  char *z = text_pinyin("和歌山");
  assert_non_null(z);
  assert_non_null(strstr(z, "hegeshan"));
  assert_non_null(strstr(z, "he ge shan"));
  free(z);
  z = text_pinyin("濟南");
  assert_non_null(strstr(z, "jinan"));
  free(z);
  z = text_pinyin("Sacramento");
  assert_string_equal(z, "");
  free(z);
  /* Characters read by their neighbours (Han-Latin's context rules) keep
  ** the reading of the whole run: 重庆 is chong, not zhong; 沈阳 shen. */
  z = text_pinyin("重庆");
  assert_non_null(strstr(z, "chongqing"));
  free(z);
  z = text_pinyin("沈阳");
  assert_non_null(strstr(z, "shenyang"));
  free(z);
  z = text_pinyin("济南重庆");
  assert_non_null(strstr(z, "chong"));
  free(z);
}

/* text-5: UTF-8 validation. */
static void test_utf8(void **st){
  (void)st;
  assert_true(text_utf8_valid("济南 ok", strlen("济南 ok")));
  assert_false(text_utf8_valid("\xff\xfe", 2));
  assert_false(text_utf8_valid("\xc0\xaf", 2));          /* overlong '/' */
  assert_false(text_utf8_valid("\xed\xa0\x80", 3));      /* surrogate */
  assert_false(text_utf8_valid("\xe6\xb5", 2));          /* truncated */
  assert_true(text_utf8_valid("\xf0\x9f\x98\x80", 4));   /* emoji */
  assert_null(text_fold_n("\xff", 1));
}

/* text-6: FTS query building: CJK runs become phrases, words prefixes,
** quotes cannot break out. */
static void test_fts_query(void **st){
  (void)st;
  char *z = text_fts_query("濟(jì)南");
  assert_string_equal(z, "\"济 南\"");
  free(z);
  z = text_fts_query("Sacra");
  assert_string_equal(z, "\"sacra\"*");
  free(z);
  z = text_fts_query("济南 Jinan");
  assert_string_equal(z, "\"济 南\" \"jinan\"*");
  free(z);
  z = text_fts_query("\" OR 1=1 --");
  assert_string_equal(z, "\"or\"* \"1\"* \"1\"*");
  free(z);
  assert_null(text_fts_query("  --- "));
  assert_null(text_fts_query(""));
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_fold_script),
    cmocka_unit_test(test_fold_width_case),
    cmocka_unit_test(test_strip_annotations),
    cmocka_unit_test(test_pinyin),
    cmocka_unit_test(test_utf8),
    cmocka_unit_test(test_fts_query),
  };
  int rc = cmocka_run_group_tests_name("text", tests, 0, 0);
  text_shutdown();
  return rc;
}
