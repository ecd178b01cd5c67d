/* twins_load.c: the twin resolver's memory, loaded from the database and
** the embedded data files; see twins_load.h. */
#include <ctype.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/twins_load.h"
#include "store/refdata.h"
#include "text/norm.h"
#include "text/country_norm.h"

uint64_t tw_hash(const char *z){
  uint64_t h = 1469598103934665603ull;
  for(; *z; z++){ h ^= (unsigned char)*z; h *= 1099511628211ull; }
  return h;
}

static int rkey_cmp(const void *a, const void *b){
  const RKey *x = a, *y = b;
  if( x->h!=y->h ) return x->h<y->h ? -1 : 1;
  if( x->i!=y->i ) return x->i<y->i ? -1 : 1;
  return (int)x->bAlt - (int)y->bAlt;
}

/* Append a key (an arena string) for city i; grows the array. */
static void key_add(TwinResolver *r, const char *zL, uint32_t i, int bAlt){
  if( !zL || !*zL ) return;
  if( r->nKey>=r->nKeyAlloc ){
    int nNew = r->nKeyAlloc ? r->nKeyAlloc*2 : 65536;
    RKey *aNew = realloc(r->aKey, sizeof(RKey)*(size_t)nNew);
    if( !aNew ) return;
    r->aKey = aNew;
    r->nKeyAlloc = nNew;
  }
  r->aKey[r->nKey++] = (RKey){tw_hash(zL), i, (uint32_t)(bAlt!=0), zL};
}

static int ckey_cmp(const void *a, const void *b){
  const CKey *x = a, *y = b;
  if( x->h!=y->h ) return x->h<y->h ? -1 : 1;
  return y->bAlias - x->bAlias;     /* aliases first */
}

/* text_fold(z), quicker for plain ASCII (then only lower case changes). */
char *tw_fold_fast(const char *z){
  size_t n = strlen(z);
  for(size_t i=0; i<n; i++) if( (unsigned char)z[i]>=0x80 ) return text_fold(z);
  char *zOut = malloc(n + 1);
  if( !zOut ) return 0;
  for(size_t i=0; i<=n; i++) zOut[i] = (char)((z[i]>='A' && z[i]<='Z') ? z[i] + 32 : z[i]);
  return zOut;
}

/* Folded loose key of z in the arena; "" on failure. */
const char *tw_loose(Arena *pA, const char *z){
  char *zF = tw_fold_fast(z);
  char zBuf[CN_NAME_MAX*2];
  size_t n = zF ? cn_loose(zF, zBuf, sizeof zBuf) : 0;
  free(zF);
  return n ? arena_strndup(pA, zBuf, n) : "";
}

static int grid_cell(double lat, double lng){
  int iLat = (int)floor((lat + 90.0)/GRID_STEP), iLng = (int)floor((lng + 180.0)/GRID_STEP);
  if( iLat<0 ) iLat = 0;
  if( iLat>=GRID_NLAT ) iLat = GRID_NLAT - 1;
  iLng = ((iLng % GRID_NLNG) + GRID_NLNG) % GRID_NLNG;
  return iLat*GRID_NLNG + iLng;
}

/* Loose keys of a GeoNames name (already folded) without the generic
** words some names carry; up to 4 into az (arena strings). */
static int city_key_variants(Arena *pA, const char *zFold, const char **az){
  static const char *const azPre[] = {"horad ", "kurort ", "city of ", "gorod ", "miasto ", "ciudad de ",
    "municipio de ", "town of ", "gmina ", 0};
  static const char *const azSuf[] = {"-shi", " shi", "-si", " si", "-gun", " gun", "-ku", " city", "-machi",
    "-cho", "-mura", " municipality", " shahri", 0};
  int n = 0;
  size_t nz = strlen(zFold);
  char zBuf[CN_NAME_MAX*2];
  if( nz>=sizeof zBuf ) return 0;
  for(int i=0; azPre[i] && n<4; i++){
    size_t k = strlen(azPre[i]);
    if( nz>k+2 && strncmp(zFold, azPre[i], k)==0 ){
      size_t m = cn_loose(zFold + k, zBuf, sizeof zBuf);
      if( m ) az[n++] = arena_strndup(pA, zBuf, m);
    }
  }
  for(int i=0; azSuf[i] && n<4; i++){
    size_t k = strlen(azSuf[i]);
    if( nz>k+2 && strcmp(zFold + nz - k, azSuf[i])==0 ){
      char zCut[CN_NAME_MAX*2];
      memcpy(zCut, zFold, nz - k);
      zCut[nz - k] = 0;
      size_t m = cn_loose(zCut, zBuf, sizeof zBuf);
      if( m ) az[n++] = arena_strndup(pA, zBuf, m);
    }
  }
  const char *zSlash = strstr(zFold, " / ");
  if( zSlash && n<3 ){
    char zCut[CN_NAME_MAX*2];
    memcpy(zCut, zFold, (size_t)(zSlash - zFold));
    zCut[zSlash - zFold] = 0;
    size_t m = cn_loose(zCut, zBuf, sizeof zBuf);
    if( m ) az[n++] = arena_strndup(pA, zBuf, m);
    m = cn_loose(zSlash + 3, zBuf, sizeof zBuf);
    if( m ) az[n++] = arena_strndup(pA, zBuf, m);
  }
  const char *zOpen = strchr(zFold, '(');
  if( zOpen && zOpen>zFold && n<4 ){
    char zCut[CN_NAME_MAX*2];
    memcpy(zCut, zFold, (size_t)(zOpen - zFold));
    zCut[zOpen - zFold] = 0;
    size_t m = cn_loose(zCut, zBuf, sizeof zBuf);
    if( m>=4 ) az[n++] = arena_strndup(pA, zBuf, m);
  }
  return n;
}

/* Index of the city with GeoNames id, or -1. */
int tw_city_index(const TwinResolver *r, int64_t id){
  if( !r->nIdHash ) return -1;
  uint64_t k = (uint64_t)id*0x9E3779B97F4A7C15ull % (uint64_t)r->nIdHash;
  while( r->aIdHash[k] ){
    if( r->aIdHash[k]==id ) return (int)r->aIdIdx[k];
    k = (k + 1) % (uint64_t)r->nIdHash;
  }
  return -1;
}

/* The area of an admin name of country zCc at level (1, 2; zIn: the
** admin-1 name of an admin-2 area), added when new;
** -1 for none. Areas are few (tens of thousands): a linear probe over a
** small hash of (country, level, name) keeps loading quick. */
static int area_of(TwinResolver *r, const char *zCc, int level, const char *zName, const char *zIn){
  if( !zName || !*zName ) return -1;
  char zK[CN_NAME_MAX*2 + 8];
  /* admin-2 names are unique only within their admin-1 area (Mexico has
  ** several municipalities named Benito Juárez) */
  snprintf(zK, sizeof zK, "%.2s%d%s\x1f%s", zCc, level, zName, level==2 && zIn ? zIn : "");
  uint64_t h = tw_hash(zK);
  if( r->nAreaKey*2>=r->nAreaKeyAlloc ){
    /* aAreaKey doubles as the (country, level, name) hash while loading */
    int nNew = r->nAreaKeyAlloc ? r->nAreaKeyAlloc*2 : 65536;
    RAreaKey *aNew = calloc((size_t)nNew, sizeof(RAreaKey));
    if( !aNew ) return -1;
    for(int i=0; i<r->nAreaKeyAlloc; i++){
      if( !r->aAreaKey[i].z ) continue;
      uint64_t k = r->aAreaKey[i].h % (uint64_t)nNew;
      while( aNew[k].z ) k = (k + 1) % (uint64_t)nNew;
      aNew[k] = r->aAreaKey[i];
    }
    free(r->aAreaKey);
    r->aAreaKey = aNew;
    r->nAreaKeyAlloc = nNew;
  }
  uint64_t k = h % (uint64_t)r->nAreaKeyAlloc;
  while( r->aAreaKey[k].z ){
    if( r->aAreaKey[k].h==h && strcmp(r->aAreaKey[k].z, zK)==0 ) return r->aAreaKey[k].iArea;
    k = (k + 1) % (uint64_t)r->nAreaKeyAlloc;
  }
  if( r->nArea>=r->nAreaAlloc ){
    int nNew = r->nAreaAlloc ? r->nAreaAlloc*2 : 4096;
    RArea *aNew = realloc(r->aArea, sizeof(RArea)*(size_t)nNew);
    if( !aNew ) return -1;
    r->aArea = aNew;
    r->nAreaAlloc = nNew;
  }
  RArea *a = &r->aArea[r->nArea];
  memset(a, 0, sizeof *a);
  a->zName = arena_strdup(&r->arena, zName);
  char zStem[CN_NAME_MAX];
  a->kind = (uint8_t)cn_area_qualifier(zName, zStem, sizeof zStem);
  a->zKey = tw_loose(&r->arena, a->kind ? zStem : zName);
  memcpy(a->zCc, zCc, 2);
  a->level = (uint8_t)level;
  a->iSeat = -1;
  r->aAreaKey[k] = (RAreaKey){h, arena_strdup(&r->arena, zK), r->nArea};
  r->nAreaKey++;
  return r->nArea++;
}

/* How strongly a feature code marks the seat of an area of level 1 or 2:
** a capital (PPLC) or an admin-1 seat (PPLA) is also the seat of its
** municipality (Chetumal of Othón P. Blanco); 0: not a seat. */
static int seat_rank(const char *zFc, int level){
  if( strcmp(zFc, "PPLC")==0 ) return 3;
  if( strcmp(zFc, "PPLA")==0 ) return 2;
  if( level==2 && strcmp(zFc, "PPLA2")==0 ) return 1;
  return 0;
}

static int areakey_cmp(const void *a, const void *b){
  const RAreaKey *x = a, *y = b;
  if( x->h!=y->h ) return x->h<y->h ? -1 : 1;
  return x->iArea - y->iArea;
}

/* After the cities are loaded: each area's seat (a PPLA of an admin-1
** area, a PPLA2 of an admin-2 one; none when GeoNames marks none) and the
** lookup keys (the stem; a Scandinavian genitive "Marks Kommun" also as
** "mark"). */
static void areas_finish(TwinResolver *r){
  for(int i=0; i<r->n; i++){
    const RCity *x = &r->a[i];
    for(int l=0; l<2; l++){
      if( x->aArea[l]<0 ) continue;
      RArea *a = &r->aArea[x->aArea[l]];
      a->nPlace++;
      int rank = seat_rank(x->zFc, l + 1);
      if( !rank ) continue;
      int rankOld = a->iSeat<0 ? 0 : seat_rank(r->a[a->iSeat].zFc, l + 1);
      if( rank>rankOld || (rank==rankOld && x->pop>r->a[a->iSeat].pop) ) a->iSeat = i;
    }
  }
  free(r->aAreaKey);
  r->nAreaKeyAlloc = r->nArea*2 + 1;
  r->aAreaKey = calloc((size_t)r->nAreaKeyAlloc, sizeof(RAreaKey));
  r->nAreaKey = 0;
  if( !r->aAreaKey ){ r->nAreaKeyAlloc = 0; return; }
  for(int i=0; i<r->nArea; i++){
    RArea *a = &r->aArea[i];
    if( !*a->zKey ) continue;
    r->aAreaKey[r->nAreaKey++] = (RAreaKey){tw_hash(a->zKey), a->zKey, i};
    size_t n = strlen(a->zKey);
    if( a->kind==CN_Q_MUNI && n>4 && a->zKey[n-1]=='s' && r->nAreaKey<r->nAreaKeyAlloc ){
      const char *zG = arena_strndup(&r->arena, a->zKey, n - 1);
      r->aAreaKey[r->nAreaKey++] = (RAreaKey){tw_hash(zG), zG, i};
    }
  }
  qsort(r->aAreaKey, (size_t)r->nAreaKey, sizeof(RAreaKey), areakey_cmp);
}

/* Areas whose key is zL, in country zCc (0: any), up to nMax indices. */
int tw_area_lookup(const TwinResolver *r, const char *zL, const char *zCc, int *aOut, int nMax){
  uint64_t h = tw_hash(zL);
  int lo = 0, hi = r->nAreaKey, n = 0;
  while( lo<hi ){
    int mid = (lo + hi)/2;
    if( r->aAreaKey[mid].h<h ) lo = mid + 1; else hi = mid;
  }
  for(int i=lo; i<r->nAreaKey && r->aAreaKey[i].h==h && n<nMax; i++){
    const RArea *a = &r->aArea[r->aAreaKey[i].iArea];
    if( strcmp(r->aAreaKey[i].z, zL)!=0 || (zCc && memcmp(a->zCc, zCc, 2)!=0) ) continue;
    int bDup = 0;
    for(int j=0; j<n; j++) if( aOut[j]==r->aAreaKey[i].iArea ) bDup = 1;
    if( !bDup ) aOut[n++] = r->aAreaKey[i].iArea;
  }
  return n;
}

/* The admin level of the municipalities of country zCc (0 unknown). */
int tw_muni_level(const TwinResolver *r, const char *zCc){
  if( zCc[0]<'A' || zCc[0]>'Z' || zCc[1]<'A' || zCc[1]>'Z' ) return 0;
  return r->aMuniLevel[(zCc[0]-'A')*26 + (zCc[1]-'A')];
}

static YcStatus muni_line(void *pCtx, char **az, int nField, int iLine, Err *e){
  TwinResolver *r = pCtx;
  (void)iLine; (void)e;
  if( nField<2 || strlen(az[0])!=2 || (az[1][0]!='1' && az[1][0]!='2') ) return YC_OK;
  if( az[0][0]<'A' || az[0][0]>'Z' || az[0][1]<'A' || az[0][1]>'Z' ) return YC_OK;
  r->aMuniLevel[(az[0][0]-'A')*26 + (az[0][1]-'A')] = (char)(az[1][0] - '0');
  return YC_OK;
}

static YcStatus load_cities(Ctx *c, TwinResolver *r, Err *e){
  DbStmt *p = db_stmt(c->db, "SELECT count(*) FROM city");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  int n = db_step(p)==DB_ROW ? db_col_int(p, 0) : 0;
  db_reset(p);
  r->a = calloc((size_t)n + 1, sizeof(RCity));
  r->nIdHash = n*2 + 7;
  r->aIdHash = calloc((size_t)r->nIdHash, sizeof(int64_t));
  r->aIdIdx = calloc((size_t)r->nIdHash, sizeof(uint32_t));
  if( !r->a || !r->aIdHash || !r->aIdIdx ) return err_set(e, YC_EINTERNAL, 0, 0, "out of memory");
  p = db_stmt(c->db, "SELECT id, name, name_fold, alt_name, name_zh, country, population, lat, lng, ascii_name,"
                     " admin1, admin2, feature_code FROM city");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  while( db_step(p)==DB_ROW && r->n<n ){
    RCity *x = &r->a[r->n];
    x->id = db_col_int64(p, 0);
    x->zName = arena_strdup(&r->arena, db_text(p, 1));
    char zBuf[CN_NAME_MAX*2];
    size_t nL = cn_loose(db_text(p, 2), zBuf, sizeof zBuf);
    x->zLoose = arena_strndup(&r->arena, zBuf, nL);
    const char *zCc = db_text(p, 5);
    memcpy(x->zCc, zCc, 2);
    x->pop = db_col_int64(p, 6);
    x->lat = db_col_double(p, 7);
    x->lng = db_col_double(p, 8);
    snprintf(x->zFc, sizeof x->zFc, "%s", db_text(p, 12) ? db_text(p, 12) : "");
    x->aArea[0] = area_of(r, x->zCc, 1, db_text(p, 10), 0);
    x->aArea[1] = area_of(r, x->zCc, 2, db_text(p, 11), db_text(p, 10));
    uint32_t i = (uint32_t)r->n;
    if( nL ) key_add(r, x->zLoose, i, 0);
    /* The name without a generic word GeoNames keeps ("Nara-shi", "Horad
    ** Zhodzina", "Kurort Oybin") and each side of "Gasteiz / Vitoria". */
    const char *azStripped[4];
    int nStripped = city_key_variants(&r->arena, db_text(p, 2), azStripped);
    for(int k=0; k<nStripped; k++){
      if( strcmp(azStripped[k], x->zLoose)!=0 ) key_add(r, azStripped[k], i, 0);
    }
    /* alt_name: another name (alternate); name_zh and ascii_name: the
    ** city's own name in Chinese and in ASCII */
    for(int k=3; k<=9; k++){
      if( k>4 && k<9 ) continue;
      const char *zAlt = db_text(p, k);
      if( zAlt && *zAlt ){
        const char *zL = tw_loose(&r->arena, zAlt);
        if( *zL && strcmp(zL, x->zLoose)!=0 ) key_add(r, zL, i, k==3);
      }
    }
    uint64_t h = (uint64_t)x->id*0x9E3779B97F4A7C15ull % (uint64_t)r->nIdHash;
    while( r->aIdHash[h] ) h = (h + 1) % (uint64_t)r->nIdHash;
    r->aIdHash[h] = x->id;
    r->aIdIdx[h] = i;
    r->n++;
  }
  db_reset(p);
  /* Every kept alternate name of the gazetteer (exonyms, historical
  ** names), when it has the city_alt table (GeoNames alternate names). */
  p = db_stmt(c->db, "SELECT city_id, fold FROM city_alt");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  {
    while( db_step(p)==DB_ROW ){
      int i = tw_city_index(r, db_col_int64(p, 0));
      const char *zFold = db_text(p, 1);
      if( i<0 || !zFold ) continue;
      char zBuf[CN_NAME_MAX*2];
      size_t nL = cn_loose(zFold, zBuf, sizeof zBuf);
      if( !nL || strcmp(zBuf, r->a[i].zLoose)==0 ) continue;
      key_add(r, arena_strndup(&r->arena, zBuf, nL), (uint32_t)i, 1);
      r->nAltNames++;
    }
    db_reset(p);
  }
  if( r->nKey ) qsort(r->aKey, (size_t)r->nKey, sizeof(RKey), rkey_cmp);
  areas_finish(r);
  /* Grid: counting sort of the cities by cell */
  int nCell = GRID_NLAT*GRID_NLNG;
  r->aCell = calloc((size_t)nCell + 1, sizeof(uint32_t));
  r->aCellIdx = calloc((size_t)r->n + 1, sizeof(uint32_t));
  if( !r->aCell || !r->aCellIdx ) return err_set(e, YC_EINTERNAL, 0, 0, "out of memory");
  for(int i=0; i<r->n; i++) r->aCell[grid_cell(r->a[i].lat, r->a[i].lng) + 1]++;
  for(int i=0; i<nCell; i++) r->aCell[i+1] += r->aCell[i];
  uint32_t *aFill = calloc((size_t)nCell, sizeof(uint32_t));
  if( !aFill ) return err_set(e, YC_EINTERNAL, 0, 0, "out of memory");
  for(int i=0; i<r->n; i++){
    int k = grid_cell(r->a[i].lat, r->a[i].lng);
    r->aCellIdx[r->aCell[k] + aFill[k]++] = (uint32_t)i;
  }
  free(aFill);
  return YC_OK;
}

static void ckey_add(TwinResolver *r, const char *zName, const char *zCodes, int bAlias){
  if( !zName || !*zName ) return;
  if( r->nCKey>=r->nCKeyAlloc ){
    int nNew = r->nCKeyAlloc ? r->nCKeyAlloc*2 : 1024;
    CKey *aNew = realloc(r->aCKey, sizeof(CKey)*(size_t)nNew);
    if( !aNew ) return;
    r->aCKey = aNew;
    r->nCKeyAlloc = nNew;
  }
  const char *zL = tw_loose(&r->arena, zName);
  if( !*zL ) return;
  CKey *k = &r->aCKey[r->nCKey];
  memset(k, 0, sizeof *k);
  k->h = tw_hash(zL);
  k->z = zL;
  k->bAlias = bAlias;
  for(const char *s = zCodes; *s && k->nCode<4; ){
    if( strlen(s)>=2 ){ memcpy(k->azCode[k->nCode], s, 2); k->azCode[k->nCode][2] = 0; k->nCode++; }
    const char *zBar = strchr(s, '|');
    if( !zBar ) break;
    s = zBar + 1;
  }
  if( k->nCode ) r->nCKey++;
}

static YcStatus alias_line(void *pCtx, char **az, int nField, int iLine, Err *e){
  TwinResolver *r = pCtx;
  (void)iLine; (void)e;
  if( nField>=2 ) ckey_add(r, az[0], az[1], 1);
  return YC_OK;
}

static int calias_cmp(const void *a, const void *b){
  const CAlias *x = a, *y = b;
  return x->h<y->h ? -1 : x->h>y->h;
}

static YcStatus city_alias_line(void *pCtx, char **az, int nField, int iLine, Err *e){
  TwinResolver *r = pCtx;
  (void)iLine; (void)e;
  if( nField<3 || strlen(az[2])!=2 ) return YC_OK;
  if( r->nAlias>=r->nAliasAlloc ){
    int nNew = r->nAliasAlloc ? r->nAliasAlloc*2 : 256;
    CAlias *aNew = realloc(r->aAlias, sizeof(CAlias)*(size_t)nNew);
    if( !aNew ) return YC_OK;
    r->aAlias = aNew;
    r->nAliasAlloc = nNew;
  }
  const char *zL = tw_loose(&r->arena, az[0]), *zT = tw_loose(&r->arena, az[1]);
  if( !*zL || !*zT ) return YC_OK;
  CAlias *a = &r->aAlias[r->nAlias++];
  a->h = tw_hash(zL);
  a->zKey = zL;
  a->zTarget = zT;
  memcpy(a->zCc, az[2], 3);
  return YC_OK;
}

/* The alias of loose key zL (in country zCc if given), or 0. */
const CAlias *tw_city_alias(TwinResolver *r, const char *zL, const char *zCc){
  uint64_t h = tw_hash(zL);
  int lo = 0, hi = r->nAlias;
  while( lo<hi ){
    int mid = (lo + hi)/2;
    if( r->aAlias[mid].h<h ) lo = mid + 1; else hi = mid;
  }
  for(int i=lo; i<r->nAlias && r->aAlias[i].h==h; i++){
    if( strcmp(r->aAlias[i].zKey, zL)==0 && (!zCc || memcmp(zCc, r->aAlias[i].zCc, 2)==0) ) return &r->aAlias[i];
  }
  return 0;
}

static YcStatus load_countries(Ctx *c, TwinResolver *r, Err *e){
  DbStmt *p = db_stmt(c->db, "SELECT iso2, iso3, name_en, name_zh, official_en, official_zh FROM country");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  while( db_step(p)==DB_ROW ){
    const char *zIso2 = db_text(p, 0);
    for(int k=0; k<6; k++) ckey_add(r, db_text(p, k), zIso2, 0);
  }
  db_reset(p);
  YcStatus st = tsv_each("data/country_aliases.tsv", 0, alias_line, r, e);
  if( st ) return st;
  if( (st = tsv_each("data/city_aliases.tsv", 0, city_alias_line, r, e)) ) return st;
  if( r->nAlias ) qsort(r->aAlias, (size_t)r->nAlias, sizeof(CAlias), calias_cmp);
  qsort(r->aCKey, (size_t)r->nCKey, sizeof(CKey), ckey_cmp);
  return YC_OK;
}

static YcStatus terr_line(void *pCtx, char **az, int nField, int iLine, Err *e){
  TwinResolver *r = pCtx;
  (void)iLine; (void)e;
  if( nField<2 || strlen(az[0])!=2 || strlen(az[1])!=2 ) return YC_OK;
  if( r->nTerr>=r->nTerrAlloc ){
    int nNew = r->nTerrAlloc ? r->nTerrAlloc*2 : 64;
    RTerr *aNew = realloc(r->aTerr, sizeof(RTerr)*(size_t)nNew);
    if( !aNew ) return YC_OK;
    r->aTerr = aNew;
    r->nTerrAlloc = nNew;
  }
  memcpy(r->aTerr[r->nTerr].zCc, az[0], 3);
  memcpy(r->aTerr[r->nTerr].zSov, az[1], 3);
  r->nTerr++;
  return YC_OK;
}

/* 1 if city x lies in country zCc or in one of its dependent territories. */
int tw_in_country(const TwinResolver *r, const RCity *x, const char *zCc){
  if( memcmp(x->zCc, zCc, 2)==0 ) return 1;
  for(int i=0; i<r->nTerr; i++){
    if( memcmp(r->aTerr[i].zCc, x->zCc, 2)==0 && memcmp(r->aTerr[i].zSov, zCc, 2)==0 ) return 1;
  }
  return 0;
}

void twin_fix_key(const char *zName, const char *zCountry, const char *zQid, const char *zIso2, Buf *b){
  buf_reset(b);
  if( zQid && *zQid ){ buf_printf(b, "qid:%s", zQid); return; }
  char *zN = text_fold(zName ? zName : "");
  buf_printf(b, "name:%s\x1f", zN ? zN : "");
  free(zN);
  if( zIso2 && *zIso2 ){ buf_puts(b, zIso2); return; }
  char *zC = text_fold(zCountry ? zCountry : "");
  buf_puts(b, zC ? zC : "");
  free(zC);
}

static int rfix_cmp(const void *a, const void *b){
  const RFix *x = a, *y = b;
  if( x->h!=y->h ) return x->h<y->h ? -1 : 1;
  return strcmp(x->zKey, y->zKey);
}

static YcStatus load_fixes(Ctx *c, TwinResolver *r, Err *e){
  DbStmt *p = db_stmt(c->db, "SELECT count(*) FROM twin_fix");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  int n = db_step(p)==DB_ROW ? db_col_int(p, 0) : 0;
  db_reset(p);
  r->aFix = calloc((size_t)n + 1, sizeof(RFix));
  if( !r->aFix ) return err_set(e, YC_EINTERNAL, 0, 0, "out of memory");
  p = db_stmt(c->db, "SELECT key, city_id FROM twin_fix");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  while( db_step(p)==DB_ROW && r->nFix<n ){
    const char *zKey = arena_strdup(&r->arena, db_text(p, 0));
    r->aFix[r->nFix++] = (RFix){tw_hash(zKey), zKey, db_col_type(p, 1)==DB_NULL ? -1 : db_col_int64(p, 1)};
  }
  db_reset(p);
  if( r->nFix ) qsort(r->aFix, (size_t)r->nFix, sizeof(RFix), rfix_cmp);
  return YC_OK;
}

/* The fix of key zKey, or 0. */
const RFix *tw_fix_of(const TwinResolver *r, const char *zKey){
  RFix k = {tw_hash(zKey), zKey, 0};
  return r->nFix ? bsearch(&k, r->aFix, (size_t)r->nFix, sizeof(RFix), rfix_cmp) : 0;
}

void twin_place_key(TwinResolver *r, const TwinPlace *pl, Buf *b){
  char zCc[3] = "";
  const char *zHow;
  if( !(pl->zQid && *pl->zQid) && pl->zCountry && *pl->zCountry )
    twin_country(r, pl->zCountry, pl->lat, pl->lng, pl->bCoords, zCc, &zHow);
  twin_fix_key(pl->zName, pl->zCountry, pl->zQid, zCc[0] ? zCc : 0, b);
}

int twin_resolver_alt_names(const TwinResolver *r){ return r->nAltNames; }

/* The shared gazetteer memory: a resolver loaded without fixes, the key
** of what it was loaded from, and how many open resolvers use it. */
typedef struct TwinShared {
  TwinResolver *pBase;
  char *zKey;
  int nRef;
} TwinShared;

static pthread_mutex_t sharedMutex = PTHREAD_MUTEX_INITIALIZER;
static TwinShared *pCurrent = 0;     /* the memory new resolvers share */

static void resolver_free(TwinResolver *r){
  free(r->aIdHash);
  free(r->aIdIdx);
  free(r->aFix);
  free(r->aTerr);
  free(r->a);
  free(r->aKey);
  free(r->aCell);
  free(r->aCellIdx);
  free(r->aCKey);
  free(r->aCache);
  free(r->aAlias);
  free(r->aArea);
  free(r->aAreaKey);
  arena_free(&r->arena);
  free(r);
}

static void shared_free(TwinShared *s){
  resolver_free(s->pBase);
  free(s->zKey);
  free(s);
}

void twin_resolver_close(TwinResolver *r){
  if( !r ) return;
  TwinShared *s = r->pShared;
  if( !s ){ resolver_free(r); return; }
  free(r->aFix);
  free(r->aCache);
  arena_free(&r->arena);
  free(r);
  pthread_mutex_lock(&sharedMutex);
  int bFree = --s->nRef==0 && s!=pCurrent;
  pthread_mutex_unlock(&sharedMutex);
  if( bFree ) shared_free(s);
}

/* The key of what the gazetteer memory is loaded from (see twins_load.h),
** malloc'd; 0 with e set on error. */
static char *shared_key(Ctx *c, Err *e){
  Buf b = BUF_INIT;
  DbStmt *p = db_stmt(c->db, "SELECT (SELECT value FROM meta WHERE key='gazetteer'), (SELECT count(*) FROM city),"
                             " (SELECT max(id) FROM city), (SELECT count(*) FROM city_alt), (SELECT count(*) FROM country)");
  if( !p ){ db_error(c->db, DB_ERROR, e); return 0; }
  if( db_step(p)==DB_ROW ){
    for(int i=0; i<5; i++) buf_printf(&b, "%s|", db_text(p, i) ? db_text(p, i) : "-");
  }
  db_reset(p);
  p = db_stmt(c->db, "SELECT city_id, name_zh FROM city_name_own ORDER BY city_id");
  if( !p ){ buf_free(&b); db_error(c->db, DB_ERROR, e); return 0; }
  uint64_t h = 14695981039346656037ull;
  int n = 0;
  while( db_step(p)==DB_ROW ){
    char z[32];
    snprintf(z, sizeof z, "%lld=", (long long)db_col_int64(p, 0));
    h = (h ^ tw_hash(z)) * 1099511628211ull;
    h = (h ^ tw_hash(db_text(p, 1) ? db_text(p, 1) : "")) * 1099511628211ull;
    n++;
  }
  db_reset(p);
  buf_printf(&b, "own %d %016llx", n, (unsigned long long)h);
  if( buf_error(&b) ){ buf_free(&b); err_set(e, YC_EINTERNAL, 0, 0, "out of memory"); return 0; }
  return buf_take(&b);
}

/* Load the gazetteer memory (everything but the fixes) into a new resolver. */
static YcStatus base_load(Ctx *c, TwinResolver **pp, Err *e){
  *pp = 0;
  TwinResolver *r = calloc(1, sizeof *r);
  if( !r ) return err_set(e, YC_EINTERNAL, 0, 0, "out of memory");
  YcStatus st = load_cities(c, r, e);
  if( !st ) st = load_countries(c, r, e);
  if( !st ) st = tsv_each("data/country_territories.tsv", 0, terr_line, r, e);
  if( !st ) st = tsv_each("data/municipal_admin.tsv", 0, muni_line, r, e);
  if( st ){ resolver_free(r); return st; }
  *pp = r;
  return YC_OK;
}

YcStatus twin_resolver_open(Ctx *c, TwinResolver **pp, Err *e){
  *pp = 0;
  char *zKey = shared_key(c, e);
  if( !zKey ) return e->st ? e->st : YC_EINTERNAL;
  TwinShared *s = 0;
  pthread_mutex_lock(&sharedMutex);
  if( pCurrent && strcmp(pCurrent->zKey, zKey)==0 ){ s = pCurrent; s->nRef++; }
  pthread_mutex_unlock(&sharedMutex);
  if( !s ){
    /* Load outside the lock (seconds); two threads may both load, the
    ** later one's memory becomes current, the other's is freed with its
    ** last resolver. */
    TwinResolver *pBase = 0;
    YcStatus st = base_load(c, &pBase, e);
    if( st ){ free(zKey); return st; }
    s = calloc(1, sizeof *s);
    if( !s ){ resolver_free(pBase); free(zKey); return err_set(e, YC_EINTERNAL, 0, 0, "out of memory"); }
    s->pBase = pBase;
    s->zKey = zKey;
    zKey = 0;
    s->nRef = 1;
    pthread_mutex_lock(&sharedMutex);
    TwinShared *pOld = pCurrent;
    pCurrent = s;
    int bFreeOld = pOld && pOld->nRef==0;
    pthread_mutex_unlock(&sharedMutex);
    if( bFreeOld ) shared_free(pOld);
  }
  free(zKey);
  TwinResolver *r = malloc(sizeof *r);
  if( !r ){
    pthread_mutex_lock(&sharedMutex);
    int bFree = --s->nRef==0 && s!=pCurrent;
    pthread_mutex_unlock(&sharedMutex);
    if( bFree ) shared_free(s);
    return err_set(e, YC_EINTERNAL, 0, 0, "out of memory");
  }
  *r = *s->pBase;                    /* the shared members, read-only */
  memset(&r->arena, 0, sizeof r->arena);
  r->aCache = 0; r->nCache = r->nCacheAlloc = 0;
  r->aFix = 0; r->nFix = 0;
  r->pShared = s;
  YcStatus st = load_fixes(c, r, e);
  if( st ){ twin_resolver_close(r); return st; }
  *pp = r;
  return YC_OK;
}
