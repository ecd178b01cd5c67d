/* zhname.c: choosing a place's Chinese name; see zhname.h. */
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include "text/zhname.h"
#include "text/norm.h"

/* 1 if the CJK characters of UTF-8 z (U+2E80 and up: three- and four-byte
** sequences) convert to GB2312; separators such as the middle dot of
** 科洛尼亚·德尔 are not judged. */
static int gb2312_ok(const char *z){
  char aIn[256];
  size_t nIn = 0;
  for(const unsigned char *p = (const unsigned char*)z; *p; ){
    int n = *p>=0xF0 ? 4 : *p>=0xE0 ? 3 : *p>=0xC0 ? 2 : 1;
    int bCjk = n==4 || (n==3 && (p[0]>0xE2 || (p[0]==0xE2 && p[1]>=0xBA)));
    for(int k=0; k<n && p[k]; k++){
      if( bCjk && nIn<sizeof aIn - 1 ) aIn[nIn++] = (char)p[k];
    }
    for(int k=0; k<n && *p; k++) p++;
  }
  if( nIn==0 ) return 1;
  iconv_t cd = iconv_open("GB2312", "UTF-8");
  if( cd==(iconv_t)-1 ) return 0;
  char aOut[512];
  char *pIn = aIn, *pOut = aOut;
  size_t nOut = sizeof aOut;
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

/* The key under which names count as one: z (a fold) without a trailing
** administrative word when two characters or more remain, so that 台北,
** 台北市 and 臺北市, or 东京 and 東京都, are one name written three ways. */
static char *name_key(const char *z){
  static const char *const azSuffix[] = {"特别行政区", "特别市", "市", "县", "都", "府", 0};
  size_t n = strlen(z);
  char *zKey = strdup(z);
  if( !zKey ) return 0;
  for(int i=0; azSuffix[i]; i++){
    size_t k = strlen(azSuffix[i]);
    if( n>=k+6 && memcmp(z + n - k, azSuffix[i], k)==0 ){
      zKey[n-k] = 0;
      break;
    }
  }
  return zKey;
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
    char *zF = azFold && azFold[i] ? strdup(azFold[i]) : text_fold(az[i]);
    azKey[i] = zF ? name_key(zF) : 0;
    free(zF);
    aLevel[i] = zh_simplified_level(az[i]);
  }
  int iBest = -1, nBestCount = 0, nBestLen = 0;
  for(int i=0; i<n; i++){
    if( !azKey[i] ) continue;
    int nCount = 0;
    for(int j=0; j<n; j++) if( azKey[j] && strcmp(azKey[i], azKey[j])==0 ) nCount++;
    int nLen = n_chars(az[i]);
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
