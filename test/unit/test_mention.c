/*
** test_mention.c: unit tests of the mention finder (core/mention.c) and of
** the attachment type check (news_sniff, core/news.c), on a temporary
** database.
**
** Every country, city, tie, organisation, event, person, text and file
** here is SYNTHETIC: made up for the tests (country "XA", cities with ids
** from 9100001, names with "Synthetic", 合成 or 诺瓦), not real facts.
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
#include "store/db.h"
#include "base/buf.h"
#include "base/json.h"
#include "core/mention.h"
#include "core/news.h"
#include "core/org.h"
#include "core/person.h"

static int64_t tieNova, tieHome2, orgUni, personA;

static void exec(const char *zSql){
  Err e;
  memset(&e, 0, sizeof e);
  YcStatus st = db_exec(c.db, zSql, &e);
  if( st ) fprintf(stderr, "exec: %s\n", e.zMsg);
  assert_int_equal(st, YC_OK);
}

static int64_t make_org(const char *zEn, const char *zZh){
  json_t *in = json_pack("{s:s, s:s, s:s}", "name_en", zEn, "type", "university", "side", "partner"), *out = 0;
  if( zZh ) json_object_set_new(in, "name_zh", json_string(zZh));
  Err e;
  YcStatus st = org_create(&c, in, &out, &e);
  if( st ) fprintf(stderr, "org_create: %s\n", e.zMsg);
  assert_int_equal(st, YC_OK);
  int64_t id = jint(out, "id");
  json_decref(in);
  json_decref(out);
  return id;
}

static int setup(void **st){
  (void)st;
  if( unitdb_open("mention") ) return -1;
  /* The home city 合成家园市 / Synthetic Home; partners 诺瓦合成市 / Nova
  ** Synthetica (with a label) and 家 / Home (a name inside the home city's). */
  if( db_exec(c.db,
    "INSERT INTO country(iso2,iso3,name_en,name_zh,continent) VALUES('XA','XAA','Synthetica','合成国','asia');"
    "INSERT INTO city(id,name,name_zh,name_fold,country,population) VALUES(9100001,'Synthetic Home','合成家园市','synthetic home','XA',1000);"
    "INSERT INTO city(id,name,name_zh,name_fold,country,population) VALUES(9100002,'Nova Synthetica','诺瓦合成市','nova synthetica','XA',1000);"
    "INSERT INTO city(id,name,name_zh,name_fold,country,population) VALUES(9100003,'Home','家园港市','home','XA',1000);"
    "INSERT INTO meta(key,value) VALUES('home_city_id','9100001');"
    "INSERT INTO tie(home_city_id,partner_city_id,kind,status,partner_label,created_at,updated_at)"
    " VALUES(9100001,9100002,'sister','active','Novaburg','2000-01-01T00:00:00Z','2000-01-01T00:00:00Z');"
    "INSERT INTO tie(home_city_id,partner_city_id,kind,status,created_at,updated_at)"
    " VALUES(9100001,9100003,'cooperation','active','2000-01-01T00:00:00Z','2000-01-01T00:00:00Z');"
    "INSERT INTO event(title_zh,title_en,kind,status,start_date,start_precision,start_day0,day_end,created_at,updated_at)"
    " VALUES('合成友谊论坛','Synthetic Friendship Forum','forum','held','2020','year',18262,18627,'2020','2020')", 0) ) return -1;
  c.homeCityId = 9100001;
  c.zRole = "admin";
  DbStmt *p = db_stmt(c.db, "SELECT id FROM tie WHERE partner_city_id=?1");
  db_bind_int64(p, 1, 9100002);
  if( db_step(p)==DB_ROW ) tieNova = db_col_int64(p, 0);
  db_reset(p);
  db_bind_int64(p, 1, 9100003);
  if( db_step(p)==DB_ROW ) tieHome2 = db_col_int64(p, 0);
  db_reset(p);
  orgUni = make_org("Nova Synthetica University", "诺瓦合成大学");
  make_org("Synthetic Institute", 0);
  make_org("Synthetic Institute", "合成研究所乙");
  json_t *in = json_pack("{s:s, s:s}", "name_en", "Synthia Testperson", "name_zh", "合成测试人"), *out = 0;
  Err e;
  if( person_create(&c, in, &out, &e) ) return -1;
  personA = jint(out, "id");
  json_decref(in);
  json_decref(out);
  return 0;
}

static int teardown(void **st){
  (void)st;
  mention_reset();
  return unitdb_close();
}

static json_t *find(const char *zText){
  json_t *out = 0;
  Err e;
  memset(&e, 0, sizeof e);
  YcStatus st = mention_find(&c, zText, &out, &e);
  if( st ) fprintf(stderr, "mention_find: %s\n", e.zMsg);
  assert_int_equal(st, YC_OK);
  return out;
}

/* The mentions as "type:id:match" lines (id ? when unresolved), and the
** check that every offset pair cuts the match out of the text. */
static char *summary(const char *zText, json_t *out){
  Buf b = BUF_INIT;
  json_t *m;
  size_t i;
  json_array_foreach(json_object_get(out, "mentions"), i, m){
    int64_t s = jint(m, "start"), en = jint(m, "end");
    assert_true(s>=0 && en>s && en<=(int64_t)strlen(zText));
    assert_int_equal((size_t)(en - s), strlen(jstr0(m, "match")));
    assert_memory_equal(zText + s, jstr0(m, "match"), (size_t)(en - s));
    if( json_is_integer(json_object_get(m, "id")) ) buf_printf(&b, "%s:%lld:%s\n", jstr0(m, "type"), jint(m, "id"), jstr0(m, "match"));
    else buf_printf(&b, "%s:?%zu:%s\n", jstr0(m, "type"), json_array_size(json_object_get(m, "candidates")), jstr0(m, "match"));
  }
  return buf_take(&b);
}

static void expect(const char *zText, const char *zWant){
  json_t *out = find(zText);
  char *z = summary(zText, out);
  if( strcmp(z ? z : "", zWant)!=0 ) fprintf(stderr, "text: %s\ngot:\n%s\nwant:\n%s", zText, z ? z : "", zWant);
  assert_string_equal(z ? z : "", zWant);
  free(z);
  json_decref(out);
}

/* mention-1: Chinese full names and the name without 市, Traditional
** script, English without case on word boundaries, the tie's label. */
static void test_names(void **st){
  (void)st;
  char zWant[400];
  snprintf(zWant, sizeof zWant, "tie:%lld:诺瓦合成市\ntie:%lld:諾瓦合成\ntie:%lld:NOVA SYNTHETICA\ntie:%lld:Novaburg\n",
           (long long)tieNova, (long long)tieNova, (long long)tieNova, (long long)tieNova);
  expect("合成：诺瓦合成市代表团与諾瓦合成的朋友；NOVA SYNTHETICA's mayor, Novaburg; NovaSynthetica and xNovaburg are not.", zWant);
}

/* mention-2: the longest match wins (the university, not the city in its
** name); the home city is no mention and hides a partner's name inside
** its own; a surface of two records is unresolved; the event's title. */
static void test_longest_home_ambiguous(void **st){
  (void)st;
  char zWant[600];
  snprintf(zWant, sizeof zWant, "org:%lld:诺瓦合成大学\norg:%lld:Nova Synthetica University\ntie:%lld:Home\norg:?2:Synthetic Institute\n"
           "event:%lld:合成友谊论坛\n", (long long)orgUni, (long long)orgUni, (long long)tieHome2, 1LL);
  expect("诺瓦合成大学, Nova Synthetica University; 合成家园市 and Synthetic Home are ours, Home is a partner;"
         " Synthetic Institute; 合成友谊论坛。", zWant);
}

/* mention-3: people only for signed-in callers; a new record is found at
** once (the dictionary follows the audit trail). */
static void test_people_and_cache(void **st){
  (void)st;
  const char *zText = "合成测试人 met Synthia Testperson at Nova Synthetica Polytechnic.";
  char zWant[400];
  snprintf(zWant, sizeof zWant, "person:%lld:合成测试人\nperson:%lld:Synthia Testperson\ntie:%lld:Nova Synthetica\n",
           (long long)personA, (long long)personA, (long long)tieNova);
  expect(zText, zWant);
  const char *zRole = c.zRole;
  c.zRole = 0;
  snprintf(zWant, sizeof zWant, "tie:%lld:Nova Synthetica\n", (long long)tieNova);
  expect(zText, zWant);
  c.zRole = zRole;
  int64_t poly = make_org("Nova Synthetica Polytechnic", 0);
  snprintf(zWant, sizeof zWant, "person:%lld:合成测试人\nperson:%lld:Synthia Testperson\norg:%lld:Nova Synthetica Polytechnic\n",
           (long long)personA, (long long)personA, (long long)poly);
  expect(zText, zWant);
}

/* mention-4: a long text (some 5,000 characters) gives every mention with
** its offsets; invalid UTF-8 is refused naming the text. */
static void test_long_and_invalid(void **st){
  (void)st;
  Buf b = BUF_INIT;
  int n = 0;
  while( b.n<15000 ){
    buf_puts(&b, "合成段落：今年诺瓦合成的学生来访，参观了诺瓦合成大学。Synthetic paragraph about Novaburg. ");
    n++;
  }
  json_t *out = find(buf_str(&b));
  char *z = summary(buf_str(&b), out);
  assert_int_equal(json_array_size(json_object_get(out, "mentions")), (size_t)(3*n));
  free(z);
  json_decref(out);
  buf_free(&b);
  Err e;
  assert_int_equal(mention_find(&c, "bad \xff\xfe text", &out, &e), YC_EINVALID);
  assert_string_equal(e.zField, "text");
}

/* mention-5: the forms of names by rule: a part in parentheses and the
** name without it, a government without 人民, an event title's first part,
** full-width brackets read as ASCII ones. */
static void test_name_forms(void **st){
  (void)st;
  int64_t heavy = make_org("Synthetruk (Synthetic Heavy Truck Group)", "合成重型汽车集团有限公司（合成重汽）");
  int64_t gov = make_org("Synthetic Municipal People's Government", "诺瓦市人民政府");
  exec("INSERT INTO event(title_zh,kind,status,start_date,start_precision,start_day0,day_end,created_at,updated_at)"
       " VALUES('2019合成泉水联盟 合成沙龙','forum','held','2019','year',17897,18261,'2019','2019');"
       "INSERT INTO event(title_zh,kind,status,start_date,start_precision,start_day0,day_end,created_at,updated_at)"
       " VALUES('2018合成（诺瓦）旅游交易会','fair','held','2018','year',17532,17896,'2018','2018')");
  int64_t ev1 = db_last_id(c.db) - 1, ev2 = db_last_id(c.db);
  /* A change of the names only through SQL: the cache is dropped by hand. */
  mention_reset();
  char zWant[800];
  snprintf(zWant, sizeof zWant, "org:%lld:合成重汽\norg:%lld:Synthetic Heavy Truck Group\norg:%lld:Synthetruk\norg:%lld:诺瓦市政府\n"
           "event:%lld:2019合成泉水联盟\nevent:%lld:2018合成(诺瓦)旅游交易会\n",
           (long long)heavy, (long long)heavy, (long long)heavy, (long long)gov, (long long)ev1, (long long)ev2);
  expect("合成重汽、Synthetic Heavy Truck Group (Synthetruk)；诺瓦市政府；2019合成泉水联盟；2018合成(诺瓦)旅游交易会。", zWant);
  /* The part in a title's parentheses is a place, not the event. */
  expect("诺瓦的合成旅游交易会。", "");
}

/* mention-6: the general rules of name forms, each with a case it must
** not take: a romanised name's apostrophe between syllables (not 's),
** hyphen, space and closed-up compounds, a development zone's short forms
** (English with two words or more before "Zone", Chinese 高新区 with its
** place), Chinese-digit years (four digits from 19 or 20, not in a longer
** run), friendship and sister cities, an event title's places without
** 市 and country, the editions of a series. */
static void test_rules(void **st){
  (void)st;
  int64_t zone = make_org("Hexin High-tech Industrial Development Zone", "诺瓦合成高新技术产业开发区");
  make_org("Synthetica Industrial Development Zone", 0);
  exec("INSERT INTO event(title_zh,title_en,kind,status,start_date,start_precision,start_day0,day_end,created_at,updated_at)"
       " VALUES('2020合成友城周','Synthetic Friendship Cities Week','forum','held','2020','year',18262,18627,'2020','2020')");
  int64_t week = db_last_id(c.db);
  exec("INSERT INTO event(title_zh,kind,status,start_date,start_precision,start_day0,day_end,created_at,updated_at)"
       " VALUES('合成家园市与合成国诺瓦合成市结好10周年展','exhibition','held','2020','year',18262,18627,'2020','2020');"
       "INSERT INTO event(title_zh,kind,status,start_date,start_precision,start_day0,day_end,created_at,updated_at)"
       " VALUES('合成都市论坛','forum','held','2020','year',18262,18627,'2020','2020')");
  int64_t show = db_last_id(c.db) - 1;
  mention_reset();
  char zWant[1200];
  long long z = (long long)zone, w = (long long)week;
  /* Apostrophes, hyphens, case, zones (U+2011, a non-breaking hyphen, is
  ** not read as a hyphen: no name there). */
  snprintf(zWant, sizeof zWant,
           "org:%lld:He'xin High-Tech Industrial Development Zone\norg:%lld:Hexin Hightech Zone\norg:%lld:HEXIN HIGH TECH ZONE\n"
           "org:%lld:诺瓦合成高新区\norg:%lld:諾瓦合成高新開發區\norg:%lld:诺瓦合成高新技术开发区\ntie:%lld:Novaburg\ntie:%lld:Novaburg\n",
           z, z, z, z, z, z, (long long)tieNova, (long long)tieNova);
  expect("He'xin High-Tech Industrial Development Zone; Hexin Hightech Zone; HEXIN HIGH TECH ZONE;"
         " Hexin High\u2011tech Zone; 诺瓦合成高新区、諾瓦合成高新開發區、诺瓦合成高新技术开发区; Novaburg's mayor; Novaburg’s port.", zWant);
  /* (Novaburg's and Novaburg’s above: a possessive 's is no syllable
  ** break; skipped, it would make "Novaburgs", no name.) Not names: a
  ** zone's short form with one word before "Zone", 高新区 without its
  ** place, a compound inside a longer word. */
  expect("Synthetica Zone; 高新区; 高新开发区; xHexin Hightech Zone; Hexin Hightechs Zone; Novaburgs.", "");
  /* Years in Chinese digits; friendship and sister cities. */
  snprintf(zWant, sizeof zWant, "event:%lld:二〇二〇合成友城周\nevent:%lld:二0二0合成友好城市周\nevent:%lld:Synthetic Sister Cities Week\n"
           "event:%lld:Synthetic Friendship Cities Week\n", w, w, w, w);
  expect("二〇二〇合成友城周；二0二0合成友好城市周；Synthetic Sister Cities Week; Synthetic Friendship Cities Week.", zWant);
  /* Not years: another century, a longer run of digits; not the week: a
  ** sister city's week (one city), a sister week. */
  /* An event title's cities without 市 and without their country; not a
  ** 市 after what is no city (合成都 in 合成都市论坛). */
  snprintf(zWant, sizeof zWant, "event:%lld:合成家园与诺瓦合成结好10周年展\nevent:%lld:合成家園市與合成國諾瓦合成市結好10周年展\n",
           (long long)show, (long long)show);
  expect("合成家园与诺瓦合成结好10周年展；合成家園市與合成國諾瓦合成市結好10周年展。", zWant);
  expect("合成都论坛。", "");
  /* The editions of a series by ordinal (Chinese, digits, after the
  ** place, 首届 for the first; English) and year; not an edition that is
  ** not recorded, not a network's. */
  exec("INSERT INTO event_series(kind,name_zh,created_at,updated_at) VALUES('series','合成（诺瓦）旅游节','2020','2020');"
       "INSERT INTO event(series_id,edition,title_zh,kind,status,start_date,start_precision,start_day0,day_end,created_at,updated_at)"
       " VALUES(last_insert_rowid(),2,'第二届合成（诺瓦）旅游节','fair','held','2016','year',16801,17166,'2016','2016');"
       "INSERT INTO event_series(kind,name_zh,name_en,created_at,updated_at)"
       " VALUES('series','合成家园国际合唱节','Synthetic Home Choir Festival','2020','2020');"
       "INSERT INTO event(series_id,edition,title_zh,kind,status,start_date,start_precision,start_day0,day_end,created_at,updated_at)"
       " VALUES(last_insert_rowid(),4,'第四届合成家园国际合唱节音乐会','festival','held','2017','year',17167,17531,'2017','2017');"
       "INSERT INTO event(series_id,edition,title_en,kind,status,start_date,start_precision,start_day0,day_end,created_at,updated_at)"
       " VALUES((SELECT max(id) FROM event_series),1,'The first choir festival','festival','held','2014','year',16071,16435,'2014','2014');"
       "INSERT INTO event_series(kind,name_zh,created_at,updated_at) VALUES('network','合成泉水联盟','2020','2020');"
       "INSERT INTO event(series_id,edition,title_zh,kind,status,start_date,start_precision,start_day0,day_end,created_at,updated_at)"
       " VALUES(last_insert_rowid(),3,'合成泉水联盟第三次会议','conference','held','2018','year',17532,17896,'2018','2018')");
  int64_t ed1 = db_last_id(c.db) - 1, ed4 = ed1 - 1;
  mention_reset();
  snprintf(zWant, sizeof zWant, "event:%lld:合成家园第四届国际合唱节\nevent:%lld:第4届合成家园国际合唱节\nevent:%lld:二〇一七合成家园国际合唱节\n"
           "event:%lld:4th Synthetic Home Choir Festival\nevent:%lld:Synthetic Home Choir Festival 2017\nevent:%lld:首届合成家园国际合唱节\n",
           (long long)ed4, (long long)ed4, (long long)ed4, (long long)ed4, (long long)ed4, (long long)ed1);
  expect("合成家园第四届国际合唱节；第4届合成家园国际合唱节；二〇一七合成家园国际合唱节；4th Synthetic Home Choir Festival;"
         " Synthetic Home Choir Festival 2017; 首届合成家园国际合唱节。", zWant);
  expect("第五届合成家园国际合唱节；5th Synthetic Home Choir Festival; 2019合成家园国际合唱节；第三届合成泉水联盟。", "");
  /* A series' part in parentheses is a place, not a name of its edition. */
  expect("去诺瓦。", "");
  snprintf(zWant, sizeof zWant, "event:%lld:2016合成(诺瓦)旅游节\n", (long long)(ed1 - 2));
  expect("2016合成(诺瓦)旅游节。", zWant);
  expect("三〇二〇合成友城周；二〇二〇〇合成友城周；一二〇二〇合成友城周；Synthetic Sister City Week; Synthetic Sister Week.", "");
}

/* news-1: attachment types by content, agreeing with the extension. */
static void test_sniff(void **st){
  (void)st;
  Err e;
  static const char aPdf[] = "%PDF-1.7\n% synthetic\n";
  static const char aPng[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
  static const char aExe[] = "MZ\x90\0\3\0\0\0synthetic";
  static const char aSvg[] = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
  static const char aHtml[] = "<!DOCTYPE html><html><script>alert(1)</script></html>";
  static const char aZip[] = "PK\3\4 synthetic [Content_Types].xml word/document.xml";
  assert_string_equal(news_sniff("a.pdf", aPdf, sizeof aPdf - 1, &e), "application/pdf");
  assert_string_equal(news_sniff("A.PNG", aPng, sizeof aPng - 1, &e), "image/png");
  assert_string_equal(news_sniff("notes.md", "合成笔记\n", strlen("合成笔记\n"), &e), "text/plain; charset=utf-8");
  assert_non_null(news_sniff("letter.docx", aZip, sizeof aZip - 1, &e));
  assert_null(news_sniff("letter.xlsx", aZip, sizeof aZip - 1, &e));
  assert_string_equal(e.zCode, "type_mismatch");
  assert_null(news_sniff("report.pdf", aExe, sizeof aExe - 1, &e));
  assert_string_equal(e.zField, "file");
  assert_null(news_sniff("map.svg", aSvg, sizeof aSvg - 1, &e));
  assert_null(news_sniff("map.txt", aSvg, sizeof aSvg - 1, &e));
  assert_null(news_sniff("page.txt", aHtml, sizeof aHtml - 1, &e));
  assert_null(news_sniff("photo.png", aPdf, sizeof aPdf - 1, &e));
  assert_string_equal(e.zCode, "type_mismatch");
  assert_null(news_sniff("data.bin", "\x01\x02\x03", 3, &e));
  assert_null(news_sniff("program.exe", aExe, sizeof aExe - 1, &e));
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_names),
    cmocka_unit_test(test_longest_home_ambiguous),
    cmocka_unit_test(test_people_and_cache),
    cmocka_unit_test(test_long_and_invalid),
    cmocka_unit_test(test_name_forms),
    cmocka_unit_test(test_rules),
    cmocka_unit_test(test_sniff),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
