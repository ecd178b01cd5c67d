/* lang.c: see lang.h. */
#include <string.h>
#include <unicode/uloc.h>
#include "text/lang.h"

int lang_iso639_1(const char *z){
  if( !z || strlen(z)!=2 || z[0]<'a' || z[0]>'z' || z[1]<'a' || z[1]>'z' ) return 0;
  /* ICU's list is static, NULL-terminated, of 2- and 3-letter codes. */
  for(const char *const *az = uloc_getISOLanguages(); az && *az; az++){
    if( strcmp(*az, z)==0 ) return 1;
  }
  return 0;
}
