/*
** test_match.c: unit tests of the industry database and the matching
** engine on a temporary demo database: the vocabulary (both languages,
** scripts, plurals, longest match), ISIC adjacency, profiles and offers
** (validation naming the field), opportunities (expiry), the engine
** (cross-language ranking, reasons, bad input, index refresh after a
** write) and the site-wide search. Records added here are synthetic.
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
#include "store/refdata.h"
#include "core/partner.h"
#include "core/org.h"
#include "core/demo.h"
#include "core/vocab.h"
#include "core/profile.h"
#include "core/offer.h"
#include "core/opportunity.h"
#include "core/match.h"
#include "core/search.h"
#include "text/norm.h"



static int64_t tie_of(int64_t cityId){ return partner_find_by_city(&c, cityId); }

static int setup(void **st){
  (void)st;
  if( unitdb_open("match") ) return -1;
  if( unitdb_demo(0) ) return -1;
  return 0;
}

static int teardown(void **st){
  (void)st;
  match_index_reset();
  return unitdb_close();
}

/* The ISIC codes vocab_find names in z, sorted and joined ("28,29"). */
static void codes_of(const char *z, char *zOut, size_t nOut){
  char *zF = text_fold(z);
  assert_non_null(zF);
  VocabHit a[32];
  int n = vocab_find(zF, a, 32);
  char az[32][3];
  int nc = 0;
  for(int i=0; i<n; i++){
    int k;
    const char *const *ac = vocab_concept_codes(a[i].iConcept, &k);
    for(int j=0; j<k; j++){
      int bDup = 0;
      for(int m=0; m<nc; m++) if( strcmp(az[m], ac[j])==0 ) bDup = 1;
      if( !bDup && nc<32 ) memcpy(az[nc++], ac[j], 3);
    }
  }
  for(int i=0; i<nc; i++) for(int j=i+1; j<nc; j++) if( strcmp(az[j], az[i])<0 ){ char t[3]; memcpy(t, az[i], 3); memcpy(az[i], az[j], 3); memcpy(az[j], t, 3); }
  zOut[0] = 0;
  for(int i=0; i<nc; i++){ if( i ) strncat(zOut, ",", nOut - strlen(zOut) - 1); strncat(zOut, az[i], nOut - strlen(zOut) - 1); }
  free(zF);
}

/* match-1: the vocabulary maps both languages, both scripts, to ISIC. */
static void test_vocab(void **st){
  (void)st;
  assert_int_equal(vocab_init(), 0);
  assert_true(vocab_concept_count()>150);
  assert_true(vocab_term_count()>1500);
  char z[128];
  codes_of("机器人", z, sizeof z);              assert_string_equal(z, "28");
  codes_of("Industrial Robots", z, sizeof z);   assert_string_equal(z, "28");
  codes_of("機(jī)器人", z, sizeof z);          assert_string_equal(z, "28");    /* Traditional, annotated */
  codes_of("干细胞", z, sizeof z);              assert_string_equal(z, "72,86");
  codes_of("stem cells", z, sizeof z);          assert_string_equal(z, "72,86");
  codes_of("重型卡车", z, sizeof z);            assert_string_equal(z, "29");
  codes_of("heavy trucks", z, sizeof z);        assert_string_equal(z, "29");
  codes_of("碳化硅", z, sizeof z);              assert_string_equal(z, "26");
  codes_of("silicon-carbide wafers", z, sizeof z); assert_string_equal(z, "26");
  codes_of("technologies", z, sizeof z);        assert_string_equal(z, "");     /* no such term */
  codes_of("电子商务平台", z, sizeof z);        assert_string_equal(z, "47");   /* not also electronics */
  codes_of("the of and", z, sizeof z);          assert_string_equal(z, "");
  assert_true(vocab_is_stop("the"));
  assert_true(vocab_is_stop("合 作"));
  assert_false(vocab_is_stop("robot"));
  /* ISIC and the value chain. */
  assert_true(isic_known("28"));
  assert_true(isic_known("C"));
  assert_false(isic_known("04"));
  assert_false(isic_known("CC"));
  assert_int_equal(isic_section_of(28), 'C');
  assert_int_equal(isic_section_of(86), 'Q');
  assert_non_null(isic_adjacent(26, 27));
  assert_non_null(isic_adjacent(27, 26));
  assert_non_null(isic_adjacent(72, 86));
  assert_null(isic_adjacent(28, 92));
  assert_string_equal(isic_label("72", 0), "Scientific research and development");
}

/* match-2: profiles: demo data, validation naming the field, writes. */
static void test_profile(void **st){
  (void)st;
  Err e;
  json_t *p = 0;
  int64_t sac = tie_of(5389489);
  assert_true(sac>0);
  assert_int_equal(profile_get(&c, sac, &p, &e), YC_OK);
  json_t *ind = json_object_get(p, "industries");
  assert_true(json_array_size(ind)>=2);
  assert_string_equal(json_string_value(json_object_get(json_array_get(ind, 0), "code")), "86");   /* file order */
  json_decref(p);
  assert_int_equal(profile_get(&c, 999999, &p, &e), YC_ENOTFOUND);
  /* Each bad input names its field and writes nothing. */
  static const struct { const char *zJson, *zField; } aBad[] = {
    {"{\"industries\":[{\"code\":\"2\",\"strength\":3,\"source\":\"s\",\"reviewed\":\"2024-01-01\"}]}", "industries[0].code"},
    {"{\"industries\":[{\"code\":\"28\",\"strength\":9,\"source\":\"s\",\"reviewed\":\"2024-01-01\"}]}", "industries[0].strength"},
    {"{\"industries\":[{\"code\":\"28\",\"strength\":3,\"reviewed\":\"2024-01-01\"}]}", "industries[0].source"},
    {"{\"industries\":[{\"code\":\"28\",\"strength\":3,\"source\":\"s\",\"reviewed\":\"2999-01-01\"}]}", "industries[0].reviewed"},
    {"{\"needs\":[{\"source\":\"s\",\"reviewed\":\"2024-01-01\"}]}", "needs[0].text_en"},
    {"{\"needs\":[{\"text_en\":\"x\",\"industries\":[\"C\"],\"source\":\"s\",\"reviewed\":\"2024-01-01\"}]}", "needs[0].industries"},
    {"{\"other\":[]}", "other"},
  };
  int64_t nBefore = count("SELECT count(*) FROM profile_item");
  for(size_t i=0; i<sizeof aBad/sizeof aBad[0]; i++){
    json_error_t je;
    json_t *in = json_loads(aBad[i].zJson, 0, &je);
    assert_non_null(in);
    memset(&e, 0, sizeof e);
    assert_int_equal(profile_put(&c, sac, in, 1, &p, &e), YC_EINVALID);
    assert_string_equal(e.zField, aBad[i].zField);
    assert_null(p);
    json_decref(in);
  }
  assert_int_equal(count("SELECT count(*) FROM profile_item"), nBefore);
  /* A PATCH replaces only its section. */
  int64_t reg = tie_of(6119109);       /* Regina: no demo profile */
  json_error_t je;
  json_t *in = json_loads("{\"needs\":[{\"text_en\":\"SYNTHETIC unit-test need: potash logistics\",\"industries\":[\"08\",\"52\"],"
                          "\"source\":\"unit test (synthetic)\",\"reviewed\":\"2024-05-01\"}]}", 0, &je);
  assert_int_equal(profile_put(&c, reg, in, 1, &p, &e), YC_OK);
  assert_int_equal(json_array_size(json_object_get(p, "needs")), 1);
  assert_string_equal(json_string_value(json_object_get(p, "last_reviewed")), "2024-05-01");
  json_decref(p);
  json_decref(in);
  assert_int_equal(count("SELECT count(*) FROM profile_fts WHERE profile_fts MATCH 'potash'"), 1);
}

/* match-3: offers and opportunities; expiry on write and at query time. */
static void test_opportunity(void **st){
  (void)st;
  Err e;
  json_t *o = 0;
  int64_t sinotruk = org_find_by_name(&c, "Sinotruk (China National Heavy Duty Truck Group)", 0);
  assert_true(sinotruk>0);
  json_error_t je;
  char zJson[512];
  snprintf(zJson, sizeof zJson, "{\"kind\":\"offer\",\"category\":\"business\",\"direction\":\"going_out\",\"org_id\":%lld,"
           "\"industries\":[\"29\"],\"target_countries\":[\"BY\"],\"title_zh\":\"虚构：重卡出口\",\"valid_until\":\"2001-01-01\"}",
           (long long)sinotruk);
  json_t *in = json_loads(zJson, 0, &je);
  assert_int_equal(opp_create(&c, in, &o, &e), YC_OK);
  assert_string_equal(json_string_value(json_object_get(o, "status")), "expired");   /* stored so on write */
  json_decref(o);
  json_decref(in);
  /* An open one whose day passes reads as expired at query time. */
  snprintf(zJson, sizeof zJson, "{\"kind\":\"request\",\"category\":\"business\",\"direction\":\"going_out\",\"partner_id\":%lld,"
           "\"industries\":[\"29\"],\"title_en\":\"SYNTHETIC trucks wanted\",\"valid_until\":\"2999-01-01\"}",
           (long long)tie_of(625144));
  in = json_loads(zJson, 0, &je);
  assert_int_equal(opp_create(&c, in, &o, &e), YC_OK);
  int64_t id = json_integer_value(json_object_get(o, "id"));
  assert_string_equal(json_string_value(json_object_get(o, "status")), "open");
  json_decref(o);
  json_decref(in);
  char zSql[128];
  snprintf(zSql, sizeof zSql, "UPDATE opportunity SET valid_until='2002-02-02' WHERE id=%lld", (long long)id);
  assert_int_equal(db_exec(c.db, zSql, &e), YC_OK);
  assert_int_equal(opp_get(&c, id, &o, &e), YC_OK);
  assert_string_equal(json_string_value(json_object_get(o, "status")), "expired");
  json_decref(o);
  /* Validation names the field. */
  in = json_loads("{\"kind\":\"offer\",\"category\":\"business\",\"direction\":\"going_out\",\"org_id\":1,\"title_en\":\"x\","
                  "\"industries\":[\"04\"]}", 0, &je);
  assert_int_equal(opp_create(&c, in, &o, &e), YC_EINVALID);
  assert_string_equal(e.zField, "industries");
  json_decref(in);
  in = json_loads("{\"kind\":\"offer\",\"category\":\"business\",\"direction\":\"going_out\",\"title_en\":\"x\"}", 0, &je);
  assert_int_equal(opp_create(&c, in, &o, &e), YC_EINVALID);
  assert_string_equal(e.zField, "org_id");
  json_decref(in);
  /* Offers of an organisation. */
  in = json_loads("{\"offers\":[{\"text_en\":\"SYNTHETIC unit test: truck service\",\"industries\":[\"29\",\"45\"]}]}", 0, &je);
  assert_int_equal(offer_put(&c, sinotruk, in, 1, &o, &e), YC_OK);
  assert_int_equal(json_array_size(json_object_get(o, "offers")), 1);
  json_decref(o);
  json_decref(in);
}

/* The type:id of the results of a match, as "partner:27 org:3 ...". */
static void result_ids(json_t *out, char *z, size_t n){
  json_t *x;
  size_t i;
  z[0] = 0;
  json_array_foreach(json_object_get(out, "items"), i, x){
    char zOne[48];
    snprintf(zOne, sizeof zOne, "%s%s:%lld", i ? " " : "", json_string_value(json_object_get(x, "type")),
             (long long)json_integer_value(json_object_get(x, "id")));
    strncat(z, zOne, n - strlen(z) - 1);
  }
}

/* match-4: the engine: cross-language ranking, reasons, bad input, refresh. */
static void test_match(void **st){
  (void)st;
  Err e;
  json_t *out = 0;
  MatchQuery q;
  char z[512], zWant[64];
  memset(&q, 0, sizeof q);
  q.zText = "机器人";
  q.zLimit = "3";
  assert_int_equal(match_run(&c, &q, &out, &e), YC_OK);
  result_ids(out, z, sizeof z);
  snprintf(zWant, sizeof zWant, "partner:%lld", (long long)tie_of(2664454));
  assert_memory_equal(z, zWant, strlen(zWant));                   /* Västerås first */
  json_t *first = json_array_get(json_object_get(out, "items"), 0);
  assert_true(json_real_value(json_object_get(first, "score"))>50);
  assert_true(json_array_size(json_object_get(first, "reasons"))>=2);
  json_decref(out);
  /* English query, English-only profile found from Chinese and back. */
  memset(&q, 0, sizeof q);
  q.zText = "变频器";
  q.zTypes = "partner";
  assert_int_equal(match_run(&c, &q, &out, &e), YC_OK);
  result_ids(out, z, sizeof z);
  snprintf(zWant, sizeof zWant, "partner:%lld", (long long)tie_of(2613102));
  assert_memory_equal(z, zWant, strlen(zWant));                   /* Sønderborg, English only */
  json_decref(out);
  /* Bad input. */
  static const struct { const char *zText, *zInd, *zLimit, *zField; YcStatus st; } aBad[] = {
    {"", 0, 0, "text", YC_EINVALID}, {"  ", 0, 0, "text", YC_EINVALID}, {0, 0, 0, "text", YC_EINVALID},
    {"x", "04", 0, "industries", YC_EINVALID}, {"x", "28,", 0, 0, YC_OK}, {"x", 0, "0", "limit", YC_EINVALID},
    {"x", 0, "101", "limit", YC_EINVALID}, {"x", 0, "1e3", "limit", YC_EINVALID},
  };
  for(size_t i=0; i<sizeof aBad/sizeof aBad[0]; i++){
    memset(&q, 0, sizeof q);
    q.zText = aBad[i].zText; q.zIndustries = aBad[i].zInd; q.zLimit = aBad[i].zLimit;
    memset(&e, 0, sizeof e);
    YcStatus s = match_run(&c, &q, &out, &e);
    assert_int_equal(s, aBad[i].st);
    if( s ){ assert_null(out); assert_string_equal(e.zField, aBad[i].zField); }
    else assert_non_null(json_object_get(out, "items"));   /* the accepted case answers */
    json_decref(out);
    out = 0;
  }
  char *zBig = malloc(100001);
  memset(zBig, 'a', 100000);
  zBig[100000] = 0;
  memset(&q, 0, sizeof q);
  q.zText = zBig;
  assert_int_equal(match_run(&c, &q, &out, &e), YC_ETOOLARGE);
  assert_string_equal(e.zField, "text");
  free(zBig);
  /* The index sees a new record at once (match_version bumps). */
  int64_t v0 = count("SELECT v FROM match_version");
  json_error_t je;
  json_t *in = json_loads("{\"name_en\":\"Unit Test Quantum Lab (synthetic)\",\"type\":\"research_institute\",\"side\":\"partner\","
                          "\"city_id\":2751773,\"industries\":[\"72\"],\"description\":\"SYNTHETIC: quantum computing research.\"}", 0, &je);
  json_t *o = 0;
  assert_int_equal(org_create(&c, in, &o, &e), YC_OK);
  int64_t orgId = json_integer_value(json_object_get(o, "id"));
  json_decref(o);
  json_decref(in);
  assert_true(count("SELECT v FROM match_version")>v0);
  memset(&q, 0, sizeof q);
  q.zText = "量子计算";
  q.zTypes = "org";
  assert_int_equal(match_run(&c, &q, &out, &e), YC_OK);
  result_ids(out, z, sizeof z);
  snprintf(zWant, sizeof zWant, "org:%lld", (long long)orgId);
  assert_memory_equal(z, zWant, strlen(zWant));
  json_decref(out);
  /* From a record: a partner finds home organisations, never itself. */
  memset(&q, 0, sizeof q);
  q.partnerId = tie_of(5389489);
  assert_int_equal(match_run(&c, &q, &out, &e), YC_OK);
  result_ids(out, z, sizeof z);
  snprintf(zWant, sizeof zWant, "org:%lld", (long long)org_find_by_name(&c, "Yinfeng Group", 0));
  assert_non_null(strstr(z, zWant));
  snprintf(zWant, sizeof zWant, "partner:%lld", (long long)q.partnerId);
  assert_null(strstr(z, zWant));
  json_decref(out);
  memset(&q, 0, sizeof q);
  q.oppId = 999999;
  assert_int_equal(match_run(&c, &q, &out, &e), YC_ENOTFOUND);
}

/* match-5: the site-wide search and the follow-up list. */
static void test_search(void **st){
  (void)st;
  Err e;
  json_t *out = 0;
  assert_int_equal(search_run(&c, "薩克拉門托", 0, 0, &out, &e), YC_OK);
  json_t *a = json_object_get(out, "partners");
  assert_true(json_array_size(a)>=1);
  assert_int_equal(json_integer_value(json_object_get(json_array_get(a, 0), "id")), tie_of(5389489));
  json_decref(out);
  assert_int_equal(search_run(&c, "yinfeng", "orgs", "2", &out, &e), YC_OK);
  assert_int_equal(json_array_size(json_object_get(out, "orgs")), 1);
  assert_int_equal(json_array_size(json_object_get(out, "partners")), 0);
  json_decref(out);
  assert_int_equal(search_run(&c, "", 0, 0, &out, &e), YC_EINVALID);
  assert_int_equal(search_run(&c, "x", "nope", 0, &out, &e), YC_EINVALID);
  assert_string_equal(e.zField, "types");
  assert_int_equal(interest_followup(&c, "x", 0, &out, &e), YC_EINVALID);
  assert_int_equal(interest_followup(&c, "7", 0, &out, &e), YC_OK);
  assert_int_equal(json_integer_value(json_object_get(out, "days")), 7);
  json_decref(out);
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_vocab),
    cmocka_unit_test(test_profile),
    cmocka_unit_test(test_opportunity),
    cmocka_unit_test(test_match),
    cmocka_unit_test(test_search),
  };
  int rc = cmocka_run_group_tests(tests, setup, teardown);
  text_shutdown();
  return rc;
}
