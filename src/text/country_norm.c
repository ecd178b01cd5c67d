/* country_norm.c: place-name helpers; see country_norm.h. */
#include <ctype.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicode/utrans.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>
#include "text/country_norm.h"

size_t cn_loose(const char *zFold, char *zOut, size_t nOut){
  size_t k = 0;
  if( nOut==0 ) return 0;
  const unsigned char *s = (const unsigned char*)zFold;
  for(; *s && k+1<nOut; s++){
    unsigned c = *s;
    if( c<0x80 && !isalnum((int)c) ) continue;
    if( c>=0x80 && (c & 0xC0)==0xC0 ){
      /* an invisible format character (a left-to-right mark a source
      ** left in "Granada\u200E") is no part of the key (ICU's category) */
      int32_t i = 0, n = (int32_t)strnlen((const char*)s, 4);
      UChar32 u;
      U8_NEXT(s, i, n, u);
      if( u>=0 && u_charType(u)==U_FORMAT_CHAR ){ s += i - 1; continue; }
    }
    zOut[k++] = (char)(c<0x80 ? tolower((int)c) : c);
  }
  if( *s && k>0 && ((unsigned char)zOut[k-1] & 0x80) ){
    /* Truncated: do not end inside a UTF-8 sequence. */
    while( k>0 && ((unsigned char)zOut[k-1] & 0xC0)==0x80 ) k--;
    if( k>0 ) k--;
  }
  zOut[k] = 0;
  return k;
}

/* Copy z[0..n) trimmed of blanks into zOut (CN_NAME_MAX). */
static void copy_trim(char *zOut, const char *z, size_t n){
  while( n && (*z==' ' || *z=='\t') ){ z++; n--; }
  while( n && (z[n-1]==' ' || z[n-1]=='\t' || z[n-1]==',') ) n--;
  if( n>=CN_NAME_MAX ) n = CN_NAME_MAX - 1;
  memcpy(zOut, z, n);
  zOut[n] = 0;
}

int cn_country_parts(const char *z, char azPart[][CN_NAME_MAX], int nMax){
  int n = 0;
  char zAll[CN_NAME_MAX];
  if( !z ) return 0;
  copy_trim(zAll, z, strlen(z));
  char *s = zAll;
  if( strncasecmp(s, "in ", 3)==0 ) s += 3;
  if( strncasecmp(s, "the ", 4)==0 ) s += 4;
  if( !*s || nMax<1 ) return 0;
  const char *zComma = strchr(s, ',');
  if( zComma ){
    copy_trim(azPart[n++], s, (size_t)(zComma - s));
    const char *zLast = strrchr(s, ',') + 1;
    if( n<nMax ) copy_trim(azPart[n++], zLast, strlen(zLast));
  }else{
    copy_trim(azPart[n++], s, strlen(s));
  }
  /* "Georgia (country)" -> also "Georgia" */
  int nBase = n;
  for(int i=0; i<nBase && n<nMax; i++){
    char *zOpen = strchr(azPart[i], '(');
    if( zOpen && zOpen>azPart[i] ) copy_trim(azPart[n++], azPart[i], (size_t)(zOpen - azPart[i]));
  }
  /* Drop empty parts */
  int k = 0;
  for(int i=0; i<n; i++) if( azPart[i][0] ){ if( k!=i ) memcpy(azPart[k], azPart[i], CN_NAME_MAX); k++; }
  return k;
}

typedef struct VarList { CnVariant *a; int n, nMax; } VarList;

static void var_add(VarList *v, const char *z, size_t nz, CnVariantKind kind){
  char zBuf[CN_NAME_MAX];
  copy_trim(zBuf, z, nz);
  if( strlen(zBuf)<2 || v->n>=v->nMax ) return;
  for(int i=0; i<v->n; i++) if( strcasecmp(v->a[i].z, zBuf)==0 ) return;
  memcpy(v->a[v->n].z, zBuf, sizeof zBuf);
  v->a[v->n].kind = kind;
  v->n++;
}

/* Generic words that name the kind of place, not the place. */
static const char *const azPrefix[] = {"City of ", "Town of ", "Municipality of ", "Borough of ",
  "County of ", "District of ", "Commune of ", "Village of ", "Township of ", "Gmina ",
  "Metropolitan City of ", "Municipio de ", "Comune di ", "Ville de ", "Stadt ", 0};
static const char *const azSuffix[] = {" Metropolitan City", " Special City", " Metropolitan",
  " Urban District", " Rural District", " Municipal District", " District", " Municipality",
  " City", " Town", " Township", " Borough", " County", " Village", " Commune", " Prefecture",
  " Region", " Province", " Oblast", " Raion", " Rayon", " Parish", " Ward", " Council",
  " Governorate", " Municipal", " Urban Settlement", " Settlement",
  "-shi", "-si", "-gun", "-ku", "-gu", "-machi", "-cho", "-mura", " Shi", " Si", 0};

/* The variant of z with "St."-style abbreviations written out as zTo. */
static int expand_saint(const char *z, const char *zTo, char *zOut){
  size_t k = 0;
  int bDone = 0;
  for(size_t i=0; z[i] && k+12<CN_NAME_MAX; ){
    int bStart = i==0 || z[i-1]==' ' || z[i-1]=='-';
    const char *zRep = 0;
    size_t nSkip = 0;
    if( bStart && (z[i]=='S' || z[i]=='s') && (z[i+1]=='t' || z[i+1]=='T') ){
      if( z[i+2]=='.' ){ nSkip = 3; zRep = zTo; }
      else if( z[i+2]==' ' || z[i+2]=='-' ){ nSkip = 2; zRep = zTo; }
      else if( (z[i+2]=='e' || z[i+2]=='E') && z[i+3]=='.' ){ nSkip = 4; zRep = strcmp(zTo, "Saint")==0 ? "Sainte" : 0; }
    }
    if( bStart && !zRep && (z[i]=='M' || z[i]=='m') && z[i+1]=='t' && (z[i+2]=='.' || z[i+2]==' ') ){
      nSkip = z[i+2]=='.' ? 3 : 2; zRep = "Mount";
    }
    if( zRep ){
      size_t n = strlen(zRep);
      memcpy(zOut + k, zRep, n);
      k += n;
      i += nSkip;
      if( z[i]!=' ' && z[i]!='-' && z[i] ) zOut[k++] = ' ';
      bDone = 1;
    }else{
      zOut[k++] = z[i++];
    }
  }
  zOut[k] = 0;
  return bDone;
}

/* "Saint X", "Sankt X" -> "St. X" (GeoNames writes some places so:
** "St. Georgen am Längsee"). */
static int contract_saint(const char *z, char *zOut){
  if( strncasecmp(z, "Saint ", 6)==0 || strncasecmp(z, "Sankt ", 6)==0 ){
    snprintf(zOut, CN_NAME_MAX, "St. %s", z + 6);
    return 1;
  }
  return 0;
}

const char *cn_find_dash(const char *z, size_t *pnDash){
  static const char *const azDash[] = {" \xE2\x80\x93 ", " \xE2\x80\x94 ", " - ", " \xE2\x80\x92 ", 0};
  for(int i=0; azDash[i]; i++){
    const char *p = strstr(z, azDash[i]);
    if( p ){ *pnDash = strlen(azDash[i]); return p; }
  }
  return 0;
}

static int is_generic_paren(const char *z, size_t n){
  static const char *const az[] = {"city", "town", "village", "municipality", "commune", "district",
    "county", "country", "state", "region", "province", "borough", "island", 0};
  for(int i=0; az[i]; i++) if( strlen(az[i])==n && strncasecmp(z, az[i], n)==0 ) return 1;
  for(size_t i=0; i<n; i++) if( !isdigit((unsigned char)z[i]) && z[i]!=' ' ) return 0;
  return 1;
}

int cn_city_variants(const char *zName, CnVariant *a, int nMax){
  VarList v = {a, 0, nMax};
  if( !zName ) return 0;
  var_add(&v, zName, strlen(zName), CN_FULL);
  for(int i=0; i<v.n; i++){
    char z[CN_NAME_MAX];
    memcpy(z, v.a[i].z, sizeof z);
    CnVariantKind k = v.a[i].kind, kDerived = k==CN_FULL ? CN_STRIPPED : k;
    size_t nDash;
    const char *zDash = cn_find_dash(z, &nDash);
    if( zDash && k!=CN_PARENT ){
      var_add(&v, zDash + nDash, strlen(zDash + nDash), CN_PART);
      var_add(&v, z, (size_t)(zDash - z), CN_PARENT);
    }
    char *zOpen = strchr(z, '(');
    char *zClose = zOpen ? strchr(zOpen, ')') : 0;
    if( zOpen && zClose ){
      /* Outer name with the parenthesis removed */
      char zOuter[CN_NAME_MAX];
      size_t n1 = (size_t)(zOpen - z);
      memcpy(zOuter, z, n1);
      snprintf(zOuter + n1, sizeof zOuter - n1, "%s", zClose + 1);
      var_add(&v, zOuter, strlen(zOuter), kDerived);
      if( !is_generic_paren(zOpen + 1, (size_t)(zClose - zOpen - 1)) && k!=CN_PARENT )
        var_add(&v, zOpen + 1, (size_t)(zClose - zOpen - 1), CN_PARENT);
    }
    char *zComma = strchr(z, ',');
    if( zComma ) var_add(&v, z, (size_t)(zComma - z), kDerived);
    for(int j=0; azPrefix[j]; j++){
      size_t n = strlen(azPrefix[j]);
      if( strncasecmp(z, azPrefix[j], n)==0 && strlen(z + n)>=3 ) var_add(&v, z + n, strlen(z + n), kDerived);
    }
    size_t nz = strlen(z);
    for(int j=0; azSuffix[j]; j++){
      size_t n = strlen(azSuffix[j]);
      if( nz>n+2 && strcasecmp(z + nz - n, azSuffix[j])==0 ) var_add(&v, z, nz - n, kDerived);
    }
    /* "Budapest XI", "Wien 10": without the district number */
    const char *zSp = strrchr(z, ' ');
    if( zSp && zSp>z && zSp[1] ){
      int bNum = 1;
      for(const char *q = zSp + 1; *q; q++){
        if( !strchr("IVXLivxl0123456789.", *q) ){ bNum = 0; break; }
      }
      if( bNum ) var_add(&v, z, (size_t)(zSp - z), kDerived);
    }
    char zS[CN_NAME_MAX];
    if( expand_saint(z, "Saint", zS) ){
      var_add(&v, zS, strlen(zS), kDerived);
      expand_saint(z, "Sankt", zS);
      var_add(&v, zS, strlen(zS), kDerived);
      expand_saint(z, "San", zS);
      var_add(&v, zS, strlen(zS), kDerived);
    }
    if( contract_saint(z, zS) ) var_add(&v, zS, strlen(zS), kDerived);
  }
  return v.n;
}

/* Area words: suffix words, prefixes and parenthesised words, longest
** first within each list, each with what it says. */
typedef struct QualWord { const char *z; CnQualKind kind; } QualWord;
static const QualWord aQualSuffix[] = {
  {"Regional County Municipality", CN_Q_AREA}, {"District Municipality", CN_Q_AREA},
  {"Regional Municipality", CN_Q_AREA}, {"Regional District", CN_Q_AREA}, {"Regional Unit", CN_Q_AREA},
  {"Metropolitan Borough", CN_Q_AREA}, {"Metropolitan County", CN_Q_AREA}, {"Municipal District", CN_Q_AREA},
  {"Rural District", CN_Q_AREA}, {"Urban District", CN_Q_AREA}, {"Rural Municipality", CN_Q_AREA},
  {"Metropolitan Municipality", CN_Q_MUNI}, {"Local Municipality", CN_Q_MUNI},
  {"Urban Municipality", CN_Q_MUNI}, {"City Municipality", CN_Q_MUNI}, {"Municipal Unit", CN_Q_MUNI},
  {"Urban Okrug", CN_Q_MUNI}, {"Urban Settlement", CN_Q_MUNI}, {"City District", CN_Q_DISTRICT},
  {"County", CN_Q_AREA}, {"Province", CN_Q_AREA}, {"Region", CN_Q_AREA}, {"Oblast", CN_Q_AREA},
  {"Krai", CN_Q_AREA}, {"Kray", CN_Q_AREA}, {"Prefecture", CN_Q_AREA}, {"Governorate", CN_Q_AREA},
  {"Voivodeship", CN_Q_AREA}, {"Department", CN_Q_AREA}, {"Parish", CN_Q_AREA}, {"Shire", CN_Q_AREA},
  {"Canton", CN_Q_AREA}, {"Kanton", CN_Q_AREA}, {"Okrug", CN_Q_AREA}, {"Borough", CN_Q_AREA},
  {"Regency", CN_Q_AREA}, {"sub-region", CN_Q_AREA}, {"pagasts", CN_Q_AREA},
  {"Sogn", CN_Q_AREA}, {"Socken", CN_Q_AREA}, {"Sokn", CN_Q_AREA}, {"Landkreis", CN_Q_AREA},
  {"District", CN_Q_DISTRICT}, {"Raion", CN_Q_DISTRICT}, {"Rayon", CN_Q_DISTRICT}, {"Ward", CN_Q_DISTRICT},
  {"\xC4\xB0l\xC3\xA7" "esi", CN_Q_DISTRICT},
  {"Municipality", CN_Q_MUNI}, {"Kommune", CN_Q_MUNI}, {"Kommun", CN_Q_MUNI}, {"Commune", CN_Q_MUNI},
  {"Municipio", CN_Q_MUNI}, {"Munic\xC3\xAD" "pio", CN_Q_MUNI}, {"Gemeente", CN_Q_MUNI},
  {"Gemeinde", CN_Q_MUNI}, {"Township", CN_Q_MUNI}, {"stad", CN_Q_MUNI}, {"linn", CN_Q_MUNI},
  {"vald", CN_Q_MUNI}, {"novads", CN_Q_MUNI}, {"Shi", CN_Q_MUNI}, {0, 0}
};
static const QualWord aQualPrefix[] = {
  {"Regional Municipality of", CN_Q_AREA}, {"Metropolitan Borough of", CN_Q_AREA},
  {"London Borough of", CN_Q_AREA}, {"Royal Borough of", CN_Q_AREA}, {"Borough of", CN_Q_AREA},
  {"County of", CN_Q_AREA}, {"Province of", CN_Q_AREA}, {"Region of", CN_Q_AREA},
  {"District of", CN_Q_AREA}, {"Department of", CN_Q_AREA}, {"Canton of", CN_Q_AREA},
  {"Prefecture of", CN_Q_AREA}, {"Politischer Bezirk", CN_Q_AREA}, {"Regierungsbezirk", CN_Q_AREA},
  {"Provincia de", CN_Q_AREA}, {"Provincia di", CN_Q_AREA}, {"Provincia del", CN_Q_AREA},
  {"D\xC3\xA9partement de", CN_Q_AREA}, {"D\xC3\xA9partement du", CN_Q_AREA},
  {"Nom\xC3\xB3s", CN_Q_AREA}, {"Nomarch\xC3\xAD" "a", CN_Q_AREA},
  {"County", CN_Q_AREA}, {"Oblast", CN_Q_AREA}, {"Landkreis", CN_Q_AREA}, {"Kreis", CN_Q_AREA},
  {"Powiat", CN_Q_AREA}, {"Region", CN_Q_AREA}, {"Kanton", CN_Q_AREA}, {"Bezirk", CN_Q_AREA},
  {"Urban Municipality of", CN_Q_MUNI}, {"Municipality of", CN_Q_MUNI}, {"Municipio de", CN_Q_MUNI},
  {"Munic\xC3\xAD" "pio de", CN_Q_MUNI}, {"Comune di", CN_Q_MUNI}, {"Commune de", CN_Q_MUNI},
  {"Concelho de", CN_Q_MUNI}, {"Gemeente", CN_Q_MUNI}, {"Municipio", CN_Q_MUNI}, {"Gmina", CN_Q_MUNI},
  {"Kommune", CN_Q_MUNI}, {"Ob\xC4\x8D" "ina", CN_Q_MUNI}, {"Op\xC5\xA1" "tina", CN_Q_MUNI},
  {"Opstina", CN_Q_MUNI}, {"Op\xC4\x87" "ina", CN_Q_MUNI}, {"Opcina", CN_Q_MUNI},
  {"Bashkia", CN_Q_MUNI}, {"Grad", CN_Q_MUNI}, {0, 0}
};
static const QualWord aQualParen[] = {
  {"district", CN_Q_AREA}, {"county", CN_Q_AREA}, {"region", CN_Q_AREA}, {"province", CN_Q_AREA},
  {"Samtgemeinde", CN_Q_AREA}, {"Verbandsgemeinde", CN_Q_AREA}, {"Amt", CN_Q_AREA},
  {"Landkreis", CN_Q_AREA}, {"Kreis", CN_Q_AREA}, {"department", CN_Q_AREA}, {"prefecture", CN_Q_AREA},
  {"oblast", CN_Q_AREA}, {"raion", CN_Q_AREA}, {"rural gmina", CN_Q_AREA}, {"rural municipality", CN_Q_AREA},
  {"municipality", CN_Q_MUNI}, {"gmina", CN_Q_MUNI}, {"urban gmina", CN_Q_MUNI},
  {"urban-rural gmina", CN_Q_MUNI}, {"commune", CN_Q_MUNI}, {"kommune", CN_Q_MUNI},
  {"municipio", CN_Q_MUNI}, {"comune", CN_Q_MUNI}, {0, 0}
};

CnQualKind cn_area_qualifier(const char *zName, char *zStem, size_t nStem){
  char z[CN_NAME_MAX];
  if( zStem && nStem ) zStem[0] = 0;
  if( !zName ) return CN_Q_NONE;
  copy_trim(z, zName, strlen(zName));
  size_t n = strlen(z);
  /* A parenthesis: an area word itself, or a tail ("(Minsk)") to ignore. */
  char *zOpen = strchr(z, '(');
  if( zOpen && zOpen>z ){
    char *zClose = strchr(zOpen, ')');
    size_t nIn = zClose ? (size_t)(zClose - zOpen - 1) : strlen(zOpen + 1);
    for(int i=0; aQualParen[i].z; i++){
      if( strlen(aQualParen[i].z)==nIn && strncasecmp(zOpen + 1, aQualParen[i].z, nIn)==0 ){
        if( zStem && nStem ){
          char zT[CN_NAME_MAX];
          copy_trim(zT, z, (size_t)(zOpen - z));
          snprintf(zStem, nStem, "%s", zT);
        }
        return aQualParen[i].kind;
      }
    }
    n = (size_t)(zOpen - z);
  }
  char *zComma = strchr(z, ',');
  if( zComma && (size_t)(zComma - z)<n ) n = (size_t)(zComma - z);
  while( n && z[n-1]==' ' ) n--;
  z[n] = 0;
  for(int i=0; aQualSuffix[i].z; i++){
    size_t k = strlen(aQualSuffix[i].z);
    if( n>k+1 && z[n-k-1]==' ' && strncasecmp(z + n - k, aQualSuffix[i].z, k)==0 ){
      if( zStem && nStem ){
        char zT[CN_NAME_MAX];
        copy_trim(zT, z, n - k - 1);
        snprintf(zStem, nStem, "%s", zT);
      }
      return aQualSuffix[i].kind;
    }
  }
  for(int i=0; aQualPrefix[i].z; i++){
    size_t k = strlen(aQualPrefix[i].z);
    if( n>k+1 && z[k]==' ' && strncasecmp(z, aQualPrefix[i].z, k)==0 ){
      if( zStem && nStem ){
        char zT[CN_NAME_MAX];
        copy_trim(zT, z + k + 1, n - k - 1);
        snprintf(zStem, nStem, "%s", zT);
      }
      return aQualPrefix[i].kind;
    }
  }
  return CN_Q_NONE;
}

int cn_edit_distance(const char *zA, const char *zB){
  size_t nA = strlen(zA), nB = strlen(zB);
  if( nA>63 || nB>63 ) return 99;
  int aPrev[64], aCur[64];
  for(size_t j=0; j<=nB; j++) aPrev[j] = (int)j;
  for(size_t i=1; i<=nA; i++){
    aCur[0] = (int)i;
    for(size_t j=1; j<=nB; j++){
      int d = aPrev[j-1] + (zA[i-1]!=zB[j-1]);
      if( aPrev[j] + 1 < d ) d = aPrev[j] + 1;
      if( aCur[j-1] + 1 < d ) d = aCur[j-1] + 1;
      aCur[j] = d;
    }
    memcpy(aPrev, aCur, sizeof(int)*(nB + 1));
  }
  return aPrev[nB];
}

int cn_similar(const char *zA, const char *zB){
  if( strcmp(zA, zB)==0 ) return 1;
  size_t nA = strlen(zA), nB = strlen(zB);
  size_t nMin = nA<nB ? nA : nB;
  if( nMin>=5 && strncmp(zA, zB, nMin)==0 ) return 1;
  if( nMin>=5 && (strstr(zA, zB) || strstr(zB, zA)) ) return 1;
  if( nMin<4 || zA[0]!=zB[0] ) return 0;
  size_t nDiff = nA>nB ? nA - nB : nB - nA;
  if( nDiff>2 ) return 0;
  int d = cn_edit_distance(zA, zB);
  return nMin>=10 ? d<=2 : d<=1;
}

double cn_haversine(double lat1, double lng1, double lat2, double lng2){
  const double r = 6371.0088, k = M_PI/180.0;
  double dLat = (lat2 - lat1)*k, dLng = (lng2 - lng1)*k;
  double a = sin(dLat/2)*sin(dLat/2) + cos(lat1*k)*cos(lat2*k)*sin(dLng/2)*sin(dLng/2);
  if( a>1 ) a = 1;
  return 2*r*asin(sqrt(a));
}

static pthread_mutex_t latinMutex = PTHREAD_MUTEX_INITIALIZER;
static UTransliterator *pLatin = 0;

char *cn_latin(const char *z){
  pthread_mutex_lock(&latinMutex);
  if( !pLatin ){
    static const char zId[] = "Any-Latin; Latin-ASCII; Any-Lower";
    UChar aId[64];
    int32_t n = 0;
    UErrorCode rc = U_ZERO_ERROR;
    u_strFromUTF8(aId, 64, &n, zId, -1, &rc);
    if( U_SUCCESS(rc) ) pLatin = utrans_openU(aId, n, UTRANS_FORWARD, 0, 0, 0, &rc);
    if( U_FAILURE(rc) ) pLatin = 0;
  }
  char *zOut = 0;
  if( pLatin ){
    UErrorCode rc = U_ZERO_ERROR;
    int32_t nU = 0;
    u_strFromUTF8(0, 0, &nU, z, -1, &rc);
    int32_t cap = nU*4 + 16;
    UChar *u = malloc(sizeof(UChar)*(size_t)cap);
    rc = U_ZERO_ERROR;
    if( u ) u_strFromUTF8(u, cap, &nU, z, -1, &rc);
    int32_t lim = nU;
    if( u && U_SUCCESS(rc) ) utrans_transUChars(pLatin, u, &nU, cap, 0, &lim, &rc);
    if( u && U_SUCCESS(rc) ){
      int32_t n8 = 0;
      UErrorCode rc2 = U_ZERO_ERROR;
      u_strToUTF8(0, 0, &n8, u, nU, &rc2);
      zOut = malloc((size_t)n8 + 1);
      rc2 = U_ZERO_ERROR;
      if( zOut ) u_strToUTF8(zOut, n8 + 1, &n8, u, nU, &rc2);
      if( zOut && U_FAILURE(rc2) ){ free(zOut); zOut = 0; }
    }
    free(u);
  }
  pthread_mutex_unlock(&latinMutex);
  return zOut;
}

size_t cn_skeleton(const char *zLoose, char *zOut, size_t nOut){
  size_t k = 0;
  char cLast = 0;
  for(size_t i=0; zLoose[i] && k+1<nOut; i++){
    char a = zLoose[i], b = zLoose[i+1], c = 0;
    if( (unsigned char)a>=0x80 ) continue;
    int bPair = 1;
    if( a=='k' && b=='h' ) c = 'h';
    else if( a=='g' && b=='h' ) c = 'h';
    else if( a=='c' && b=='h' ) c = 'k';
    else if( a=='c' && b=='z' ) c = 'k';
    else if( (a=='s' || a=='z') && b=='h' ) c = 's';
    else if( (a=='t' || a=='d') && (b=='s' || b=='z') ) c = 's';
    else if( a=='s' && b=='z' ) c = 's';
    else if( a=='t' && b=='h' ) c = 't';
    else if( a=='p' && b=='h' ) c = 'v';
    else if( a=='c' && b=='k' ) c = 'k';
    else bPair = 0;
    if( bPair ){
      i++;
    }else{
      switch( a ){
        case 'g': case 'h': case 'x': c = 'h'; break;
        case 'k': case 'c': case 'q': c = 'k'; break;
        case 'v': case 'w': case 'f': c = 'v'; break;
        case 'z': case 's': c = 's'; break;
        case 'p': case 'b': c = 'b'; break;
        case 'd': case 't': c = 't'; break;
        case 'l': case 'r': case 'm': case 'n': c = a; break;
        default: c = 0;     /* vowels, y, j, digits */
      }
    }
    if( c && c!=cLast ) zOut[k++] = c;
    if( c ) cLast = c;
  }
  zOut[k] = 0;
  return k;
}
