/* zhname.c: choosing a place's Chinese name; see zhname.h. */
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include "text/zhname.h"
#include "text/norm.h"

/* 1 if UTF-8 z converts to GB2312 without loss. */
static int gb2312_ok(const char *z){
  iconv_t cd = iconv_open("GB2312", "UTF-8");
  if( cd==(iconv_t)-1 ) return 0;
  size_t nIn = strlen(z), nOut = nIn*2 + 4;
  char aOut[256];
  char *pIn = (char*)z, *pOut = aOut;
  if( nOut>sizeof aOut ) nOut = sizeof aOut;
  size_t rc = iconv(cd, &pIn, &nIn, &pOut, &nOut);
  iconv_close(cd);
  return rc!=(size_t)-1 && nIn==0;
}

int zh_simplified_level(const char *z){
  char *zS = text_t2s(z);
  if( !zS ) return -1;
  int bSame = strcmp(zS, z)==0;
  free(zS);
  if( !bSame ) return 0;
  return gb2312_ok(z) ? 2 : 1;
}

/* Characters (code points) of UTF-8 z. */
static int n_chars(const char *z){
  int n = 0;
  for(; *z; z++) if( ((unsigned char)*z & 0xC0)!=0x80 ) n++;
  return n;
}

char *zh_name_choose(const char *const *az, const char *const *azFold, int n){
  if( n<=0 ) return 0;
  char **azKey = calloc((size_t)n, sizeof(char*));
  int *aLevel = calloc((size_t)n, sizeof(int));
  if( !azKey || !aLevel ){ free(azKey); free(aLevel); return 0; }
  for(int i=0; i<n; i++){
    azKey[i] = azFold && azFold[i] ? strdup(azFold[i]) : text_fold(az[i]);
    aLevel[i] = zh_simplified_level(az[i]);
  }
  int iBest = -1, nBestCount = 0, nBestLen = 0;
  for(int i=0; i<n; i++){
    if( !azKey[i] ) continue;
    int nCount = 0;
    for(int j=0; j<n; j++) if( azKey[j] && strcmp(azKey[i], azKey[j])==0 ) nCount++;
    int nLen = n_chars(azKey[i]);
    int bBetter = iBest<0 || nCount>nBestCount
      || (nCount==nBestCount && (aLevel[i]>aLevel[iBest]
      || (aLevel[i]==aLevel[iBest] && nLen<nBestLen)));
    if( bBetter ){ iBest = i; nBestCount = nCount; nBestLen = nLen; }
  }
  char *zOut = 0;
  if( iBest>=0 ){
    if( aLevel[iBest]<2 ){
      zOut = text_t2s(az[iBest]);
      if( zOut && zh_simplified_level(zOut)<2 ){ free(zOut); zOut = 0; }
    }
    if( !zOut ) zOut = strdup(az[iBest]);
  }
  for(int i=0; i<n; i++) free(azKey[i]);
  free(azKey);
  free(aLevel);
  return zOut;
}
