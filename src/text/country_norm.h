/*
** country_norm.h: string helpers for matching place names from public
** twin-town lists against GeoNames: the parts of a country string
** ("England, United Kingdom", "Georgia (country)", "in Italy"), the name
** variants of a city ("Jinan – Zhangqiu", "Laiwu (Jinan)", "Savyetski
** District (Minsk)", "St. Pölten"), loose keys, a similarity test and the
** great-circle distance. No database here: core/twins.c uses these with
** the country and city tables.
*/
#ifndef YC_COUNTRY_NORM_H
#define YC_COUNTRY_NORM_H
#include <stddef.h>

#define CN_MAX_PART 4       /* parts of a country string */
#define CN_MAX_VARIANT 16   /* name variants of a city */
#define CN_NAME_MAX 160

/* Loose key of a folded string: ASCII spaces, punctuation and apostrophes
** removed ("saint-etienne" and "saint etienne" -> "saintetienne"; "xi'an"
** -> "xian"). Writes at most nOut-1 bytes to zOut; returns its length. */
size_t cn_loose(const char *zFold, char *zOut, size_t nOut);

/* Split a country string into candidate names, most specific first:
** "Réunion, France" -> "Réunion", "France"; "New York, United States" ->
** "New York", "United States"; "Georgia (country)" -> "Georgia (country)",
** "Georgia"; "in Italy" -> "Italy". Returns the number of parts. */
int cn_country_parts(const char *z, char azPart[][CN_NAME_MAX], int nMax);

/* What a name variant is, relative to the name given. */
typedef enum CnVariantKind {
  CN_FULL = 0,      /* the name as given */
  CN_STRIPPED,      /* qualifier or generic word removed, "St." expanded */
  CN_PART,          /* the district part: "Zhangqiu" of "Jinan – Zhangqiu" */
  CN_PARENT         /* the enclosing city: "Jinan" of "Laiwu (Jinan)" */
} CnVariantKind;

typedef struct CnVariant {
  char z[CN_NAME_MAX];
  CnVariantKind kind;
} CnVariant;

/* Name variants of a city name, in the order to try them, without
** duplicates. Returns the number written (>= 1 for a non-empty name). */
int cn_city_variants(const char *zName, CnVariant *a, int nMax);

/* What an area word in a place name says ("Jelgava Municipality",
** "County Kilkenny", "Rheingau-Taunus (district)", "Gmina Gościno"). */
typedef enum CnQualKind {
  CN_Q_NONE = 0,    /* no area word: a town's name ("Council Bluffs", "Canton") */
  CN_Q_MUNI,        /* a municipality (Municipality, Kommune, Kommun, Gmina,
                    ** Municipio, Concelho, Občina ...): named after its seat */
  CN_Q_DISTRICT,    /* a district or ward (of a city the name may give) */
  CN_Q_AREA         /* a county, province, region, oblast, prefecture, raion,
                    ** district municipality ...: an area, not a town */
} CnQualKind;

/* The area word of a place name, looked for as a suffix word ("Głogów
** County"), a prefix ("County Kilkenny", "Municipality of Bohinj", "Gmina
** X") or a parenthesis ("Offenbach (district)"); the rest of the name
** (trimmed) into zStem when zStem is not 0. Whole words only, compared
** without regard to ASCII case; a name that is only an area word ("Canton")
** has none. A trailing ", tail" or "(tail)" that is not an area word is
** ignored ("Savyetski District (Minsk)" is a district, stem "Savyetski"). */
CnQualKind cn_area_qualifier(const char *zName, char *zStem, size_t nStem);

/* The first spaced dash (" – ", " — ", " - ") of z, or 0; *pnDash gets
** its length in bytes. */
const char *cn_find_dash(const char *z, size_t *pnDash);

/* 1 if two loose keys are probably spellings of the same name: equal, one
** a prefix or part of the other (both >= 5 bytes), or with the same first
** letter an edit distance of at most 1 (length 4..9) or 2 (length >= 10). */
int cn_similar(const char *zA, const char *zB);

/* Consonant skeleton of a loose key, for spellings of one name in other
** transliterations: vowels dropped, kh/g/h -> h, ch/c/k/q -> k, v/w/f ->
** v, z/s/sh/zh/ts -> s, p/b -> b, d/t -> t, repeats collapsed. "grodno"
** and "hrodna" -> "hrtn"; "mogilev" and "mahilyow" -> "mhlv". */
size_t cn_skeleton(const char *zLoose, char *zOut, size_t nOut);

/* Levenshtein distance of two byte strings (each at most 63 bytes; longer
** strings give 99). */
int cn_edit_distance(const char *zA, const char *zB);

/* Great-circle distance in km. */
double cn_haversine(double lat1, double lng1, double lat2, double lng2);

/* Transliterate any script to lower-case ASCII Latin ("Минск" -> "minsk",
** "Αθήνα" -> "athena"); malloc'd, 0 on error. Han goes to toneless pinyin
** with spaces between syllables. */
char *cn_latin(const char *z);

#endif
