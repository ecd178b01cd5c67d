/* fuzz/text_names.c: the place-name helpers: which Chinese name to show
** (text/zhname.c), country and city name variants, loose keys and
** similarity (text/country_norm.c), and language codes (text/lang.c).
** The input is lines: each a name. */
#include <stdlib.h>
#include <string.h>
#include "fuzzlib.h"
#include "text/norm.h"
#include "text/zhname.h"
#include "text/country_norm.h"
#include "text/lang.h"

int LLVMFuzzerTestOneInput(const uint8_t *a, size_t n){
  if( n>4096 ) return 0;
  char *z = fz_str(a, n);
  if( strlen(z)!=n || !text_utf8_valid(z, n) ){ free(z); return 0; }
  const char *az[16];
  int nName = 0;
  for(char *p = z; p && nName<16; ){
    az[nName++] = p;
    p = strchr(p, '\n');
    if( p ) *p++ = 0;
  }
  free(zh_name_choose(az, 0, nName));
  char zPrev[CN_NAME_MAX] = "";
  for(int i=0; i<nName; i++){
    zh_simplified_level(az[i]);
    lang_iso639_1(az[i]);
    char azPart[CN_MAX_PART][CN_NAME_MAX];
    cn_country_parts(az[i], azPart, CN_MAX_PART);
    CnVariant aVar[CN_MAX_VARIANT];
    cn_city_variants(az[i], aVar, CN_MAX_VARIANT);
    char zStem[CN_NAME_MAX];
    cn_area_qualifier(az[i], zStem, sizeof zStem);
    size_t nDash;
    cn_find_dash(az[i], &nDash);
    char *zFold = text_fold(az[i]);
    if( zFold ){
      char zLoose[CN_NAME_MAX], zSkel[CN_NAME_MAX];
      cn_loose(zFold, zLoose, sizeof zLoose);
      cn_skeleton(zLoose, zSkel, sizeof zSkel);
      cn_similar(zLoose, zPrev);
      cn_edit_distance(zLoose, zPrev);
      memcpy(zPrev, zLoose, sizeof zPrev);
      free(zFold);
    }
    free(cn_latin(az[i]));
  }
  free(z);
  return 0;
}
