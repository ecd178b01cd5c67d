/*
** test_gazetteer.c: the GeoNames gazetteer: choosing a place's Chinese name
** among its Han-script alternates, the loader (admin names, alternates,
** search, lookup) and the office's own names across a re-load.
**
** The alternate-name lists below are GeoNames' own (cities500, as
** tools/gazetteer.js keeps them), copied from build/gaz/cities.tsv.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>
#include "unitdb.h"
#include "text/zhname.h"
#include "store/gazetteer.h"
#include "store/stmt.h"
#include "core/city.h"

static void choose_is(const char *zWant, int n, ...){
  const char *az[16];
  va_list ap;
  va_start(ap, n);
  for(int i=0; i<n; i++) az[i] = va_arg(ap, const char*);
  va_end(ap);
  char *z = zh_name_choose(az, 0, n);
  assert_non_null(z);
  assert_string_equal(z, zWant);
  free(z);
}

static void test_simplified_level(void **st){
  (void)st;
  assert_int_equal(zh_simplified_level("济南"), 2);
  assert_int_equal(zh_simplified_level("済南"), 1);     /* Japanese: not in GB2312 */
  assert_int_equal(zh_simplified_level("濟南"), 0);     /* Traditional */
  assert_int_equal(zh_simplified_level("科洛尼亚·德尔"), 2);   /* the dot is not judged */
}

static void test_choose(void **st){
  (void)st;
  choose_is("莫斯科", 1, "莫斯科");                                        /* Moscow 524901 */
  choose_is("慕尼黑", 1, "慕尼黑");                                        /* Munich 2867714 */
  /* Sacramento 5389489: GeoNames has only the Taiwanese 沙加緬度 (no
  ** 萨克拉门托): shown in its Simplified form; the office may set its own. */
  choose_is("沙加缅度", 1, "沙加緬度");
  choose_is("和歌山", 2, "和歌山", "和歌山市");                            /* Wakayama 1926004 */
  choose_is("济南", 6, "济南", "济南市", "済南", "済南市", "濟南", "濟南市");  /* Jinan 1805753 */
  choose_is("青岛", 4, "青岛", "青岛市", "青島", "青島市");                  /* Qingdao 1797929 */
  choose_is("东京", 3, "东京", "東京", "東京都");                           /* Tokyo 1850147 */
  choose_is("首尔", 3, "首尔", "首尔特别市", "首爾");                        /* Seoul 1835848 */
  choose_is("台北", 3, "台北", "台北市", "臺北市");                          /* Taipei 1668341 */
  /* San Francisco 5391959: the common name (two spellings) over the
  ** Cantonese transliteration written once. */
  choose_is("旧金山", 3, "三藩市", "旧金山", "舊金山");
  choose_is("温哥华", 1, "溫哥華");                                        /* Vancouver 6173331 */
  assert_null(zh_name_choose(0, 0, 0));
}

static const char *city_zh(int64_t id, json_t **pj){
  Err e;
  json_decref(*pj);
  *pj = 0;
  assert_int_equal(city_get(&c, id, pj, &e), YC_OK);
  return json_string_value(json_object_get(*pj, "name_zh"));
}

/* The first hit of a city search, or 0. */
static int64_t search_first(const char *zQ){
  Err e;
  json_t *out = 0;
  assert_int_equal(city_search(&c, zQ, 0, "5", &out, &e), YC_OK);
  json_t *x = json_array_get(json_object_get(out, "items"), 0);
  int64_t id = x ? json_integer_value(json_object_get(x, "id")) : 0;
  json_decref(out);
  return id;
}

static void test_load(void **st){
  (void)st;
  Err e;
  json_t *j = 0;
  assert_int_equal(count("SELECT count(*) FROM city"), 199568);
  assert_true(count("SELECT count(*) FROM city WHERE name_zh IS NOT NULL")>40000);
  assert_string_equal(city_zh(524901, &j), "莫斯科");
  assert_string_equal(city_zh(2867714, &j), "慕尼黑");
  assert_string_equal(city_zh(1926004, &j), "和歌山");
  assert_string_equal(city_zh(1805753, &j), "济南");
  assert_string_equal(city_zh(1797929, &j), "青岛");
  assert_string_equal(city_zh(1850147, &j), "东京");
  assert_string_equal(city_zh(1835848, &j), "首尔");
  assert_string_equal(city_zh(5389489, &j), "沙加缅度");
  assert_string_equal(json_string_value(json_object_get(j, "name_zh_source")), "geonames");
  /* Admin names: Sacramento, California (加利福尼亚州), Sacramento County. */
  assert_string_equal(json_string_value(json_object_get(j, "admin1")), "California");
  assert_string_equal(json_string_value(json_object_get(j, "admin1_zh")), "加利福尼亚州");
  assert_string_equal(json_string_value(json_object_get(j, "admin2")), "Sacramento County");
  assert_string_equal(json_string_value(json_object_get(j, "label_en")), "Sacramento, California, US");
  assert_string_equal(json_string_value(json_object_get(j, "label_zh")), "沙加缅度（美国，加利福尼亚州）");
  json_decref(j);
  j = 0;
  assert_int_equal(city_get(&c, 4250542, &j, &e), YC_OK);   /* Springfield, Illinois */
  assert_string_equal(json_string_value(json_object_get(j, "label_en")), "Springfield, Illinois, US");
  json_decref(j);
  /* Alternates: exonyms, Traditional forms; no codes, no lower-case romanisations. */
  assert_int_equal(count("SELECT count(*) FROM city_alt WHERE city_id=524901 AND name='Moskau' AND script='latin'"), 1);
  assert_int_equal(count("SELECT count(*) FROM city_alt WHERE city_id=1805753 AND name='濟南' AND fold='济南' AND script='zh'"), 1);
  assert_int_equal(count("SELECT count(*) FROM city_alt WHERE name='MOW'"), 0);
  assert_int_equal(count("SELECT count(*) FROM city_alt WHERE city_id=524901 AND name='mo si ke'"), 0);
  /* A second load of the same gazetteer changes nothing. */
  GazCounts g;
  assert_int_equal(gazetteer_load(c.db, &g, &e), YC_OK);
  assert_int_equal(g.bLoaded, 0);
}

static void test_search(void **st){
  (void)st;
  assert_int_equal(search_first("莫斯科"), 524901);
  assert_int_equal(search_first("mosike"), 524901);      /* pinyin of 莫斯科 */
  assert_int_equal(search_first("Moskau"), 524901);      /* German exonym */
  assert_int_equal(search_first("慕尼黑"), 2867714);
  assert_int_equal(search_first("München"), 2867714);
  assert_int_equal(search_first("濟南"), 1805753);        /* Traditional */
  assert_int_equal(search_first("Tsingtao"), 1797929);
  /* 薩克拉門托 is GeoNames' Chinese name of Sacramento, Minas Gerais
  ** (3450759); Sacramento, California has none by that spelling. */
  assert_int_equal(search_first("薩克拉門托"), 3450759);
}

static void test_lookup(void **st){
  (void)st;
  Err e;
  int64_t id;
  json_t *a = 0;
  assert_int_equal(city_lookup(&c, "青岛", &id, &a, &e), YC_OK);
  assert_int_equal(id, 1797929);
  assert_int_equal(city_lookup(&c, "濟南", &id, &a, &e), YC_OK);
  assert_int_equal(id, 1805753);
  assert_int_equal(city_lookup(&c, "qingdao", &id, &a, &e), YC_OK);
  assert_int_equal(id, 1797929);
  assert_int_equal(city_lookup(&c, "1797929", &id, &a, &e), YC_OK);
  assert_int_equal(id, 1797929);
  assert_int_equal(city_lookup(&c, "springfield", &id, &a, &e), YC_EINVALID);
  assert_string_equal(e.zCode, "ambiguous");
  assert_true(json_array_size(a)>=5);
  json_t *x = json_array_get(a, 0);
  assert_string_equal(json_string_value(json_object_get(x, "admin1")), "Missouri");
  assert_true(json_integer_value(json_object_get(x, "population"))>0);
  json_decref(a);
  a = 0;
  assert_int_equal(city_lookup(&c, "no such place anywhere", &id, &a, &e), YC_ENOTFOUND);
  assert_null(a);
}

/* The office's own name survives a re-load of the gazetteer; a city of an
** earlier load that is gone is deleted unless something refers to it. */
static void test_own_name_reload(void **st){
  (void)st;
  Err e;
  json_t *in = json_pack("{s:s}", "name_zh", "萨克拉门托"), *out = 0, *j = 0;
  assert_int_equal(city_name_put(&c, 5389489, in, &out, &e), YC_OK);
  json_decref(in);
  assert_string_equal(json_string_value(json_object_get(out, "name_zh_source")), "own");
  json_decref(out);
  assert_int_equal(count("SELECT count(*) FROM audit WHERE entity='city' AND entity_id=5389489"), 1);
  assert_int_equal(search_first("萨克拉门托"), 5389489);
  /* Bad values name the field and change nothing. */
  in = json_pack("{s:s}", "name_zh", "Sacramento");
  assert_int_equal(city_name_put(&c, 5389489, in, &out, &e), YC_EINVALID);
  assert_string_equal(e.zField, "name_zh");
  json_decref(in);
  in = json_pack("{s:s, s:s}", "name_zh", "萨城", "other", "x");
  assert_int_equal(city_name_put(&c, 5389489, in, &out, &e), YC_EINVALID);
  json_decref(in);
  /* Synthetic rows (not GeoNames places): two cities of an "earlier
  ** gazetteer", one referred to by an own name. */
  assert_int_equal(stmt_run(c.db, "INSERT INTO city(id,name,name_fold,country,population)"
    " VALUES(999000001,'Synthetic gone','synthetic gone','US',0),(999000002,'Synthetic kept','synthetic kept','US',0)", 0, 0, &e), YC_OK);
  assert_int_equal(stmt_run(c.db, "INSERT INTO city_name_own(city_id,name_zh,updated_at)"
    " VALUES(999000002,'合成','2025-01-01T00:00:00Z')", 0, 0, &e), YC_OK);
  /* Re-load: as init does when the embedded gazetteer changed. */
  assert_int_equal(stmt_run(c.db, "DELETE FROM meta WHERE key='gazetteer'", 0, 0, &e), YC_OK);
  GazCounts g;
  assert_int_equal(db_begin(c.db, &e), YC_OK);
  assert_int_equal(gazetteer_load(c.db, &g, &e), YC_OK);
  assert_int_equal(db_commit(c.db, &e), YC_OK);
  assert_int_equal(g.bLoaded, 1);
  assert_int_equal(g.nCity, 199568);
  assert_int_equal(g.nDeleted, 1);
  assert_int_equal(g.nKept, 1);
  assert_int_equal(count("SELECT count(*) FROM city WHERE id=999000001"), 0);
  assert_int_equal(count("SELECT count(*) FROM city WHERE id=999000002"), 1);
  assert_string_equal(city_zh(5389489, &j), "萨克拉门托");
  assert_string_equal(json_string_value(json_object_get(j, "name_zh_source")), "own");
  assert_int_equal(search_first("萨克拉门托"), 5389489);
  /* Cleared: GeoNames' name again. */
  in = json_pack("{s:n}", "name_zh");
  assert_int_equal(city_name_put(&c, 5389489, in, &out, &e), YC_OK);
  json_decref(in);
  assert_string_equal(json_string_value(json_object_get(out, "name_zh")), "沙加缅度");
  assert_string_equal(json_string_value(json_object_get(out, "name_zh_source")), "geonames");
  json_decref(out);
  json_decref(j);
}

static int setup(void **st){
  (void)st;
  Err e;
  RefCounts rf;
  if( unitdb_open("gaz") ) return -1;
  return refdata_load(c.db, &rf, &e) ? -1 : 0;
}

int main(void){
  const struct CMUnitTest aTest[] = {
    cmocka_unit_test(test_simplified_level),
    cmocka_unit_test(test_choose),
    cmocka_unit_test(test_load),
    cmocka_unit_test(test_search),
    cmocka_unit_test(test_lookup),
    cmocka_unit_test(test_own_name_reload),
  };
  return cmocka_run_group_tests(aTest, setup, unitdb_teardown);
}
