/* asset.c: lookup in the generated table of embedded files. */
#include <string.h>
#include "base/asset.h"

const unsigned char *asset_find(const char *zName, size_t *pn){
  for(const Asset *a = aAsset; a->zName; a++){
    if( strcmp(a->zName, zName)==0 ){
      if( pn ) *pn = (size_t)(a->pEnd - a->pStart);
      return a->pStart;
    }
  }
  return 0;
}
