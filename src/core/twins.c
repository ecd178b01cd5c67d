/*
** twins.c: resolution of twin-town datasets to GeoNames cities, and their
** import; see twins.h. The network views are in twins_network.c.
**
** Resolution runs in memory: all cities (about 135,000) are loaded once
** per import with a loose key of their folded name ("saint-etienne" ->
** "saintetienne"), indexed by key hash and on a 0.5-degree grid. Each
** distinct place of a file is resolved once (cached), trying in order:
**   1. the name and its variants (qualifier removed, "St." written out,
**      transliterated), then a known other name (data/city_aliases.tsv:
**      Moskau = Moscow), in the country: one city -> exact/variant/part,
**      several -> the nearest to the row's coordinates (nearest), or
**      without coordinates the most populous if it has ten times the
**      people of the next (population), else ambiguous;
**   2. a city of similar spelling within 25 km of the coordinates, or of
**      the same consonants (another transliteration) within 10 km
**      (near_similar);
**   3. the enclosing city named in the string (parent): "Laiwu (Jinan)",
**      "Savyetski District (Minsk)", "Jinan – Zhangqiu";
**   4. a listed place within 2 km of the coordinates under another name
**      (nearest_place: Plzeň is Pilsen, Mogilev is Mahilyow), unless the
**      name is an area's (county, district, region...);
**   5. otherwise area (the name is a county's, district's...) or
**      not_found (GeoNames lists places of >= 1,000 people).
*/
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <csv.h>
#include <sodium.h>
#include "core/twins.h"
#include "core/audit.h"
#include "core/layout.h"
#include "base/arena.h"
#include "base/buf.h"
#include "store/refdata.h"
#include "text/norm.h"
#include "text/country_norm.h"
#include "base/date.h"

#define GRID_STEP 0.5
#define GRID_NLAT 360
#define GRID_NLNG 720
#define NEAR_KM 25.0           /* radius for similar spellings */
#define SKELETON_KM 10.0       /* radius for the same consonants in another transliteration */
#define PLACE_KM 2.0           /* a listed place this close is the same place */
#define COUNTRY_KM 30.0        /* radius to take a country from coordinates */
#define POP_DOMINANCE 10       /* population ratio that decides without coordinates */

typedef struct RCity {
  int64_t id;
  const char *zName, *zLoose;
  char zCc[3];
  int64_t pop;
  double lat, lng;
} RCity;

typedef struct RKey { uint64_t h; uint32_t i; const char *z; } RKey;

typedef struct CKey { uint64_t h; const char *z; char azCode[4][3]; int nCode; int bAlias; } CKey;

typedef struct CacheEnt { const char *zKey; uint64_t h; TwinMatch *m; } CacheEnt;

typedef struct CAlias { uint64_t h; const char *zKey, *zTarget; char zCc[3]; } CAlias;

struct TwinResolver {
  Arena arena;
  RCity *a;
  int n;
  RKey *aKey;
  int nKey;
  uint32_t *aCell;       /* GRID_NLAT*GRID_NLNG+1 start offsets into aCellIdx */
  uint32_t *aCellIdx;
  CKey *aCKey;
  int nCKey, nCKeyAlloc;
  CacheEnt *aCache;
  int nCache, nCacheAlloc;
  CAlias *aAlias;        /* city-name aliases (data/city_aliases.tsv), by hash */
  int nAlias, nAliasAlloc;
};

static uint64_t hash_str(const char *z){
  uint64_t h = 1469598103934665603ull;
  for(; *z; z++){ h ^= (unsigned char)*z; h *= 1099511628211ull; }
  return h;
}

static int rkey_cmp(const void *a, const void *b){
  const RKey *x = a, *y = b;
  return x->h<y->h ? -1 : x->h>y->h ? 1 : (x->i<y->i ? -1 : x->i>y->i);
}

static int ckey_cmp(const void *a, const void *b){
  const CKey *x = a, *y = b;
  if( x->h!=y->h ) return x->h<y->h ? -1 : 1;
  return y->bAlias - x->bAlias;     /* aliases first */
}

/* text_fold(z), quicker for plain ASCII (then only lower case changes). */
static char *fold_fast(const char *z){
  size_t n = strlen(z);
  for(size_t i=0; i<n; i++) if( (unsigned char)z[i]>=0x80 ) return text_fold(z);
  char *zOut = malloc(n + 1);
  if( !zOut ) return 0;
  for(size_t i=0; i<=n; i++) zOut[i] = (char)((z[i]>='A' && z[i]<='Z') ? z[i] + 32 : z[i]);
  return zOut;
}

/* Folded loose key of z in the arena; "" on failure. */
static const char *loose_of(Arena *pA, const char *z){
  char *zF = fold_fast(z);
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

static YcStatus load_cities(Ctx *c, TwinResolver *r, Err *e){
  DbStmt *p = db_stmt(c->db, "SELECT count(*) FROM city");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  int n = db_step(p)==DB_ROW ? db_col_int(p, 0) : 0;
  db_reset(p);
  r->a = calloc((size_t)n + 1, sizeof(RCity));
  r->aKey = calloc((size_t)n*3 + 16, sizeof(RKey));
  if( !r->a || !r->aKey ) return err_set(e, YC_EINTERNAL, 0, 0, "out of memory");
  p = db_stmt(c->db, "SELECT id, name, name_fold, alt_name, name_zh, country, population, lat, lng FROM city");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  int nKeyMax = n*3 + 16;
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
    if( nL && r->nKey<nKeyMax ) r->aKey[r->nKey++] = (RKey){hash_str(x->zLoose), (uint32_t)r->n, x->zLoose};
    /* The name without a generic word GeoNames keeps ("Nara-shi", "Horad
    ** Zhodzina", "Kurort Oybin") and each side of "Gasteiz / Vitoria". */
    const char *azStripped[4];
    int nStripped = city_key_variants(&r->arena, db_text(p, 2), azStripped);
    for(int k=0; k<nStripped && r->nKey<nKeyMax; k++){
      if( strcmp(azStripped[k], x->zLoose)!=0 ) r->aKey[r->nKey++] = (RKey){hash_str(azStripped[k]), (uint32_t)r->n, azStripped[k]};
    }
    for(int k=3; k<=4; k++){
      const char *zAlt = db_text(p, k);
      if( zAlt && *zAlt && r->nKey<nKeyMax ){
        const char *zL = loose_of(&r->arena, zAlt);
        if( *zL && strcmp(zL, x->zLoose)!=0 ) r->aKey[r->nKey++] = (RKey){hash_str(zL), (uint32_t)r->n, zL};
      }
    }
    r->n++;
  }
  db_reset(p);
  qsort(r->aKey, (size_t)r->nKey, sizeof(RKey), rkey_cmp);
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
  const char *zL = loose_of(&r->arena, zName);
  if( !*zL ) return;
  CKey *k = &r->aCKey[r->nCKey];
  memset(k, 0, sizeof *k);
  k->h = hash_str(zL);
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
  const char *zL = loose_of(&r->arena, az[0]), *zT = loose_of(&r->arena, az[1]);
  if( !*zL || !*zT ) return YC_OK;
  CAlias *a = &r->aAlias[r->nAlias++];
  a->h = hash_str(zL);
  a->zKey = zL;
  a->zTarget = zT;
  memcpy(a->zCc, az[2], 3);
  return YC_OK;
}

/* The alias of loose key zL (in country zCc if given), or 0. */
static const CAlias *city_alias(TwinResolver *r, const char *zL, const char *zCc){
  uint64_t h = hash_str(zL);
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

void twin_resolver_close(TwinResolver *r){
  if( !r ) return;
  free(r->a);
  free(r->aKey);
  free(r->aCell);
  free(r->aCellIdx);
  free(r->aCKey);
  free(r->aCache);
  free(r->aAlias);
  arena_free(&r->arena);
  free(r);
}

YcStatus twin_resolver_open(Ctx *c, TwinResolver **pp, Err *e){
  *pp = 0;
  TwinResolver *r = calloc(1, sizeof *r);
  if( !r ) return err_set(e, YC_EINTERNAL, 0, 0, "out of memory");
  YcStatus st = load_cities(c, r, e);
  if( !st ) st = load_countries(c, r, e);
  if( st ){ twin_resolver_close(r); return st; }
  *pp = r;
  return YC_OK;
}

/* ---- lookups ------------------------------------------------------- */

/* Cities whose loose key is zL, in country zCc (0 = any): up to nMax. */
static int lookup(TwinResolver *r, const char *zL, const char *zCc, uint32_t *aOut, int nMax){
  uint64_t h = hash_str(zL);
  int lo = 0, hi = r->nKey;
  while( lo<hi ){
    int mid = (lo + hi)/2;
    if( r->aKey[mid].h<h ) lo = mid + 1; else hi = mid;
  }
  int n = 0;
  for(int i=lo; i<r->nKey && r->aKey[i].h==h && n<nMax; i++){
    if( strcmp(r->aKey[i].z, zL)!=0 ) continue;
    uint32_t k = r->aKey[i].i;
    if( zCc && memcmp(r->a[k].zCc, zCc, 2)!=0 ) continue;
    int bDup = 0;
    for(int j=0; j<n; j++) if( aOut[j]==k ) bDup = 1;
    if( !bDup ) aOut[n++] = k;
  }
  return n;
}

static const CKey *country_key(TwinResolver *r, const char *zName){
  char *zF = fold_fast(zName);
  char zL[CN_NAME_MAX*2];
  size_t n = zF ? cn_loose(zF, zL, sizeof zL) : 0;
  free(zF);
  if( !n ) return 0;
  uint64_t h = hash_str(zL);
  int lo = 0, hi = r->nCKey;
  while( lo<hi ){
    int mid = (lo + hi)/2;
    if( r->aCKey[mid].h<h ) lo = mid + 1; else hi = mid;
  }
  for(int i=lo; i<r->nCKey && r->aCKey[i].h==h; i++){
    if( strcmp(r->aCKey[i].z, zL)==0 ) return &r->aCKey[i];
  }
  return 0;
}

typedef int (*NearFn)(void *pCtx, const RCity *x, double km);

/* Call xNear for every city within km of (lat,lng). */
static void near_each(TwinResolver *r, double lat, double lng, double km, NearFn xNear, void *pCtx){
  double dLat = km/111.0;
  double cosLat = cos(lat*M_PI/180.0);
  double dLng = cosLat>0.01 ? km/(111.0*cosLat) : 180.0;
  if( dLng>180.0 ) dLng = 180.0;
  int iLat0 = (int)floor((lat - dLat + 90.0)/GRID_STEP), iLat1 = (int)floor((lat + dLat + 90.0)/GRID_STEP);
  int iLng0 = (int)floor((lng - dLng + 180.0)/GRID_STEP), iLng1 = (int)floor((lng + dLng + 180.0)/GRID_STEP);
  if( iLat0<0 ) iLat0 = 0;
  if( iLat1>=GRID_NLAT ) iLat1 = GRID_NLAT - 1;
  if( iLng1 - iLng0>=GRID_NLNG ){ iLng0 = 0; iLng1 = GRID_NLNG - 1; }
  for(int a=iLat0; a<=iLat1; a++){
    for(int b=iLng0; b<=iLng1; b++){
      int k = a*GRID_NLNG + ((b % GRID_NLNG) + GRID_NLNG) % GRID_NLNG;
      for(uint32_t j=r->aCell[k]; j<r->aCell[k+1]; j++){
        const RCity *x = &r->a[r->aCellIdx[j]];
        double d = cn_haversine(lat, lng, x->lat, x->lng);
        if( d<=km && xNear(pCtx, x, d) ) return;
      }
    }
  }
}

typedef struct NearestCtx { const CKey *pSet; const RCity *pBest; double dBest; } NearestCtx;

static int nearest_cb(void *pCtx, const RCity *x, double km){
  NearestCtx *n = pCtx;
  if( n->pSet ){
    int bIn = 0;
    for(int i=0; i<n->pSet->nCode; i++) if( memcmp(n->pSet->azCode[i], x->zCc, 2)==0 ) bIn = 1;
    if( !bIn ) return 0;
  }
  if( !n->pBest || km<n->dBest ){ n->pBest = x; n->dBest = km; }
  return 0;
}

int twin_country(TwinResolver *r, const char *zCountry, double lat, double lng,
                 int bCoords, char zIso2[3], const char **pzHow){
  char azPart[CN_MAX_PART][CN_NAME_MAX];
  int nPart = zCountry ? cn_country_parts(zCountry, azPart, CN_MAX_PART) : 0;
  *pzHow = 0;
  zIso2[0] = 0;
  for(int i=0; i<nPart; i++){
    const CKey *k = country_key(r, azPart[i]);
    if( !k ) continue;
    if( k->nCode==1 || !bCoords ){
      memcpy(zIso2, k->azCode[0], 3);
      *pzHow = k->bAlias ? "alias" : "name";
      return 1;
    }
    NearestCtx n = {k, 0, 0};
    near_each(r, lat, lng, 300.0, nearest_cb, &n);
    memcpy(zIso2, n.pBest ? n.pBest->zCc : k->azCode[0], 2);
    zIso2[2] = 0;
    *pzHow = n.pBest ? "coords" : "alias";
    return 1;
  }
  if( bCoords ){
    NearestCtx n = {0, 0, 0};
    near_each(r, lat, lng, COUNTRY_KM, nearest_cb, &n);
    if( n.pBest ){
      memcpy(zIso2, n.pBest->zCc, 2);
      zIso2[2] = 0;
      *pzHow = "coords";
      return 1;
    }
  }
  return 0;
}

/* ---- resolution of one place ---------------------------------------- */

static const char *how_of(CnVariantKind k){
  switch( k ){
    case CN_FULL: return "exact";
    case CN_STRIPPED: return "variant";
    case CN_PART: return "part";
    default: return "parent";
  }
}

static void resolved(TwinMatch *m, const RCity *x, const char *zHow){
  m->id = x->id;
  m->bResolved = 1;
  m->zHow = zHow;
  memcpy(m->zIso2, x->zCc, 2);
  m->zIso2[2] = 0;
}

static int pop_cmp(const void *a, const void *b){
  const RCity *x = *(const RCity*const*)a, *y = *(const RCity*const*)b;
  return x->pop<y->pop ? 1 : x->pop>y->pop ? -1 : 0;
}

/* Choose among the nc cities of aIdx that match variant v. */
static void decide(TwinResolver *r, const TwinPlace *pl, const CnVariant *v, uint32_t *aIdx, int nc, TwinMatch *m){
  if( nc==1 ){
    resolved(m, &r->a[aIdx[0]], how_of(v->kind));
    if( v->kind==CN_PARENT ) snprintf(m->zDetail, sizeof m->zDetail, "'%.100s' taken as its city %.100s", pl->zName, r->a[aIdx[0]].zName);
    else if( v->kind!=CN_FULL ) snprintf(m->zDetail, sizeof m->zDetail, "matched as '%.120s'", v->z);
    return;
  }
  if( pl->bCoords ){
    int iBest = 0;
    double dBest = 1e9;
    for(int i=0; i<nc; i++){
      double d = cn_haversine(pl->lat, pl->lng, r->a[aIdx[i]].lat, r->a[aIdx[i]].lng);
      if( d<dBest ){ dBest = d; iBest = i; }
    }
    resolved(m, &r->a[aIdx[iBest]], v->kind==CN_FULL ? "nearest" : how_of(v->kind));
    snprintf(m->zDetail, sizeof m->zDetail, "%d places named '%.80s'; the nearest to the given point (%.0f km)",
             nc, v->z, dBest);
    return;
  }
  const RCity *ap[64];
  int n = nc<64 ? nc : 64;
  for(int i=0; i<n; i++) ap[i] = &r->a[aIdx[i]];
  qsort(ap, (size_t)n, sizeof ap[0], pop_cmp);
  if( ap[0]->pop>=POP_DOMINANCE*(ap[1]->pop>0 ? ap[1]->pop : 1) && ap[0]->pop>=10000 ){
    resolved(m, ap[0], "population");
    snprintf(m->zDetail, sizeof m->zDetail, "%d places named '%.80s'; the most populous (%s, %lld people; next %lld)",
             nc, v->z, ap[0]->zCc, (long long)ap[0]->pop, (long long)ap[1]->pop);
    return;
  }
  m->id = 0;
  m->bResolved = 0;
  m->zHow = "ambiguous";
  m->nCand = 0;
  Buf b = BUF_INIT;
  buf_printf(&b, "%d places named '%.60s' and no coordinates or country to choose:", nc, v->z);
  for(int i=0; i<n && i<8; i++){
    m->aCand[m->nCand++] = ap[i]->id;
    buf_printf(&b, "%s %s %s (%lld)", i ? "," : "", ap[i]->zName, ap[i]->zCc, (long long)ap[i]->pop);
  }
  snprintf(m->zDetail, sizeof m->zDetail, "%s", buf_str(&b));
  buf_free(&b);
}

typedef struct SimilarCtx {
  const char *zCc;
  const char *azLoose[CN_MAX_VARIANT + 2];
  char azSkel[CN_MAX_VARIANT + 2][CN_NAME_MAX];
  int nLoose;
  const RCity *pBest;
  double dBest;
} SimilarCtx;

static int similar_cb(void *pCtx, const RCity *x, double km){
  SimilarCtx *s = pCtx;
  if( s->zCc && memcmp(s->zCc, x->zCc, 2)!=0 ) return 0;
  if( s->pBest && km>=s->dBest ) return 0;
  char zSkel[CN_NAME_MAX];
  int bSkel = 0;
  for(int i=0; i<s->nLoose; i++){
    if( cn_similar(s->azLoose[i], x->zLoose) ){ s->pBest = x; s->dBest = km; break; }
    /* another transliteration (Grodno / Hrodna) close by */
    if( km<=SKELETON_KM && strlen(s->azSkel[i])>=3 ){
      if( !bSkel ){ cn_skeleton(x->zLoose, zSkel, sizeof zSkel); bSkel = 1; }
      if( strcmp(zSkel, s->azSkel[i])==0 ){ s->pBest = x; s->dBest = km; break; }
    }
  }
  return 0;
}

/* 1 if the name is that of an administrative area rather than a town. */
static int is_area_name(const char *z){
  static const char *const az[] = {"County", "District", "Region", "Province", "Shire", "Borough",
    "Municipality", "Oblast", "Governorate", "Prefecture", "Council", "Raion", "Rayon", "Department",
    "Canton", "Voivodeship", "Regional Unit", "Metropolitan", "Island", "Islands", 0};
  for(int i=0; az[i]; i++){
    const char *p = strstr(z, az[i]);
    size_t n = strlen(az[i]);
    if( p && (p==z || p[-1]==' ' || p[-1]=='(') && (p[n]==0 || p[n]==' ' || p[n]==')' || p[n]==',') ) return 1;
  }
  return 0;
}

static int has_non_ascii_letter(const char *z){
  for(; *z; z++) if( (unsigned char)*z>=0x80 ) return 1;
  return 0;
}

static void resolve_uncached(TwinResolver *r, const TwinPlace *pl, TwinMatch *m){
  memset(m, 0, sizeof *m);
  const char *zCc = 0;
  char zCcBuf[3] = "";
  if( pl->zCountry ){
    const char *zHow;
    if( !twin_country(r, pl->zCountry, pl->lat, pl->lng, pl->bCoords, m->zIso2, &zHow) ){
      m->zHow = "unknown_country";
      snprintf(m->zDetail, sizeof m->zDetail, "country '%.100s' is not known%s", pl->zCountry,
               pl->bCoords ? " and no city lies within 30 km of the given point" : "");
      return;
    }
    memcpy(zCcBuf, m->zIso2, 3);
    zCc = zCcBuf;
  }
  /* The variants of the folded name (folding once is quicker than folding
  ** each variant, and gives the same keys). */
  CnVariant aVar[CN_MAX_VARIANT];
  char *zFold0 = fold_fast(pl->zName);
  int nVar = cn_city_variants(zFold0 ? zFold0 : pl->zName, aVar, CN_MAX_VARIANT - 1);
  /* Other scripts: add the Latin transliteration. */
  if( zFold0 && has_non_ascii_letter(zFold0) && nVar<CN_MAX_VARIANT ){
    char *zLat = cn_latin(zFold0);
    if( zLat && *zLat && strcmp(zLat, zFold0)!=0 ){
      snprintf(aVar[nVar].z, CN_NAME_MAX, "%s", zLat);
      aVar[nVar].kind = CN_STRIPPED;
      nVar++;
    }
    free(zLat);
  }
  free(zFold0);
  const char *azLoose[CN_MAX_VARIANT];
  for(int i=0; i<nVar; i++){
    char zBuf[CN_NAME_MAX*2];
    size_t nL = cn_loose(aVar[i].z, zBuf, sizeof zBuf);
    azLoose[i] = nL ? arena_strndup(&r->arena, zBuf, nL) : "";
  }
  uint32_t aIdx[64];
  /* 1. names and variants other than the parent */
  for(int pass=0; pass<2; pass++){
    for(int i=0; i<nVar; i++){
      if( (aVar[i].kind==CN_PARENT)!=(pass==1) || !*azLoose[i] ) continue;
      int nc = lookup(r, azLoose[i], zCc, aIdx, 64);
      if( nc ){ decide(r, pl, &aVar[i], aIdx, nc, m); return; }
    }
    /* 1b. a known other name (Moskau = Moscow) */
    for(int i=0; pass==0 && i<nVar; i++){
      if( aVar[i].kind==CN_PARENT || !*azLoose[i] ) continue;
      const CAlias *a = city_alias(r, azLoose[i], zCc);
      if( !a ) continue;
      int nc = lookup(r, a->zTarget, a->zCc, aIdx, 64);
      if( nc ){
        CnVariant v = aVar[i];
        v.kind = CN_FULL;
        decide(r, pl, &v, aIdx, nc, m);
        if( m->bResolved ){
          m->zHow = "alias";
          snprintf(m->zDetail, sizeof m->zDetail, "'%.100s' is another name of %.100s (data/city_aliases.tsv)", pl->zName,
                   r->a[aIdx[0]].zName);
        }
        return;
      }
    }
    /* 2. similar spelling near the point (after the names, before the parent) */
    if( pass==0 && pl->bCoords ){
      SimilarCtx s;
      memset(&s, 0, sizeof s);
      s.zCc = zCc;
      for(int i=0; i<nVar; i++){
        /* not "Savyetski District (Minsk)" itself: its parent is tried next */
        if( aVar[i].kind==CN_PARENT || strlen(azLoose[i])<4 || strchr(aVar[i].z, '(') ) continue;
        size_t nDash;
        if( cn_find_dash(aVar[i].z, &nDash) ) continue;
        cn_skeleton(azLoose[i], s.azSkel[s.nLoose], CN_NAME_MAX);
        s.azLoose[s.nLoose++] = azLoose[i];
      }
      near_each(r, pl->lat, pl->lng, NEAR_KM, similar_cb, &s);
      if( s.pBest ){
        resolved(m, s.pBest, "near_similar");
        snprintf(m->zDetail, sizeof m->zDetail, "'%.100s' taken as %.100s (similar name, %.0f km from the given point)",
                 pl->zName, s.pBest->zName, s.dBest);
        return;
      }
    }
  }
  /* 3b. the same name just across a border the source draws otherwise
  ** (Mariehamn is filed under AX, not FI) */
  if( zCc && pl->bCoords ){
    for(int i=0; i<nVar; i++){
      if( aVar[i].kind==CN_PARENT || !*azLoose[i] ) continue;
      int nc = lookup(r, azLoose[i], 0, aIdx, 64);
      for(int k=0; k<nc; k++){
        const RCity *x = &r->a[aIdx[k]];
        double d = cn_haversine(pl->lat, pl->lng, x->lat, x->lng);
        if( d<=NEAR_KM ){
          resolved(m, x, "other_country");
          snprintf(m->zDetail, sizeof m->zDetail, "GeoNames files %.100s under %s, not %s as the source says (%.0f km from the given point)",
                   x->zName, x->zCc, zCc, d);
          return;
        }
      }
    }
  }
  m->zHow = "not_found";
  NearestCtx n = {0, 0, 0};
  if( pl->bCoords ) near_each(r, pl->lat, pl->lng, NEAR_KM, nearest_cb, &n);
  /* 4. a listed place at the very point, under another name (Plzeň /
  ** Pilsen, Mogilev / Mahilyow), unless the name is an area's. */
  if( n.pBest && n.dBest<=PLACE_KM && (!zCc || memcmp(n.pBest->zCc, zCc, 2)==0) && !is_area_name(pl->zName) ){
    resolved(m, n.pBest, "nearest_place");
    snprintf(m->zDetail, sizeof m->zDetail, "no place named '%.100s'; %.100s lies %.1f km from the given point",
             pl->zName, n.pBest->zName, n.dBest);
    return;
  }
  if( is_area_name(pl->zName) ){
    m->zHow = "area";
    snprintf(m->zDetail, sizeof m->zDetail, "'%.100s' names an area (county, district, region), not a GeoNames city",
             pl->zName);
    return;
  }
  if( n.pBest ){
    snprintf(m->zDetail, sizeof m->zDetail, "no GeoNames place of >= 1,000 people named '%.80s'%s%s; nearest listed place: %.80s (%.0f km)",
             pl->zName, zCc ? " in " : "", zCc ? zCc : "", n.pBest->zName, n.dBest);
  }else{
    snprintf(m->zDetail, sizeof m->zDetail, "no GeoNames place of >= 1,000 people named '%.80s'%s%s",
             pl->zName, zCc ? " in " : "", zCc ? zCc : "");
  }
}

/* The cached match of a place (resolved on first use); 0 on OOM. */
static const TwinMatch *resolve_ref(TwinResolver *r, const TwinPlace *pl){
  char zKey[CN_NAME_MAX*3];
  if( pl->bCoords ) snprintf(zKey, sizeof zKey, "%s\x1f%s\x1f%.4f\x1f%.4f", pl->zName, pl->zCountry ? pl->zCountry : "\x1e", pl->lat, pl->lng);
  else snprintf(zKey, sizeof zKey, "%s\x1f%s", pl->zName, pl->zCountry ? pl->zCountry : "\x1e");
  uint64_t h = hash_str(zKey);
  if( r->nCache*2>=r->nCacheAlloc ){
    int nNew = r->nCacheAlloc ? r->nCacheAlloc*2 : 4096;
    CacheEnt *aNew = calloc((size_t)nNew, sizeof(CacheEnt));
    if( !aNew ) return 0;
    for(int i=0; i<r->nCacheAlloc; i++){
      if( !r->aCache[i].zKey ) continue;
      int k = (int)(r->aCache[i].h % (uint64_t)nNew);
      while( aNew[k].zKey ) k = (k + 1) % nNew;
      aNew[k] = r->aCache[i];
    }
    free(r->aCache);
    r->aCache = aNew;
    r->nCacheAlloc = nNew;
  }
  int k = (int)(h % (uint64_t)r->nCacheAlloc);
  while( r->aCache[k].zKey ){
    if( r->aCache[k].h==h && strcmp(r->aCache[k].zKey, zKey)==0 ) return r->aCache[k].m;
    k = (k + 1) % r->nCacheAlloc;
  }
  TwinMatch *m = arena_alloc(&r->arena, sizeof *m);
  if( !m ) return 0;
  resolve_uncached(r, pl, m);
  r->aCache[k] = (CacheEnt){arena_strdup(&r->arena, zKey), h, m};
  r->nCache++;
  return m;
}

void twin_resolve(TwinResolver *r, const TwinPlace *pl, TwinMatch *m){
  const TwinMatch *p = resolve_ref(r, pl);
  if( p ) *m = *p;
  else resolve_uncached(r, pl, m);
}

/* ---- import -------------------------------------------------------- */

#define TW_MAX_FIELDS 12
#define TW_MAX_ERRORS 100
#define TW_MAX_ROWS 500000

static const char *const azWikipediaCol[] = {"city1", "country1", "lat1", "lng1", "city2", "country2", "lat2", "lng2", 0};
static const char *const azWikidataCol[] = {"city_a_qid", "city_a_label", "city_b_qid", "city_b_label", "stated_both_ways", 0};
const char *const azTwinCategory[] = {"ambiguous", "unknown_country", "area", "not_found", "same_city", 0};

typedef struct TwRow {
  int iRow;
  char *az[8];           /* wikipedia: the 8 columns; wikidata: qid, label, qid, label */
  double lat1, lng1, lat2, lng2;
  int bC1, bC2;
  const TwinMatch *m1, *m2;
} TwRow;

typedef struct TwParse {
  Arena *pA;
  int bWikidata;         /* format */
  int bFormatFixed;
  char *azField[TW_MAX_FIELDS];
  int nField, bTooMany;
  int iRow, nData;
  int bHeaderBad;
  TwRow *aRow;
  int nRow, nRowAlloc;
  json_t *aErr;
} TwParse;

static void tw_error(TwParse *x, int iRow, const char *zField, const char *zCode, const char *zFmt, ...)
  __attribute__((format(printf,5,6)));
static void tw_error(TwParse *x, int iRow, const char *zField, const char *zCode, const char *zFmt, ...){
  if( json_array_size(x->aErr)>=TW_MAX_ERRORS ) return;
  char zMsg[300];
  va_list ap;
  va_start(ap, zFmt);
  vsnprintf(zMsg, sizeof zMsg, zFmt, ap);
  va_end(ap);
  json_array_append_new(x->aErr, json_pack("{s:i, s:s, s:s, s:s}", "row", iRow,
    "field", zField ? zField : "", "code", zCode, "message", zMsg));
}

static void tw_field(void *s, size_t n, void *p){
  TwParse *x = p;
  if( x->nField>=TW_MAX_FIELDS ){ x->bTooMany = 1; return; }
  x->azField[x->nField++] = arena_strndup(x->pA, s ? s : "", s ? n : 0);
}

/* Header: exactly the columns of one format. */
static void tw_header(TwParse *x){
  char *z0 = x->azField[0];
  if( z0 && (unsigned char)z0[0]==0xEF && (unsigned char)z0[1]==0xBB && (unsigned char)z0[2]==0xBF ) x->azField[0] = z0 + 3;
  int bWp = x->nField==8 && !x->bTooMany, bWd = x->nField==5 && !x->bTooMany;
  for(int i=0; i<x->nField && (bWp || bWd); i++){
    if( bWp && strcmp(x->azField[i], azWikipediaCol[i])!=0 ) bWp = 0;
    if( bWd && strcmp(x->azField[i], azWikidataCol[i])!=0 ) bWd = 0;
  }
  if( x->bFormatFixed && ((x->bWikidata && !bWd) || (!x->bWikidata && !bWp)) ){
    tw_error(x, 1, "", "wrong_columns", "the header must be %s",
             x->bWikidata ? "city_a_qid,city_a_label,city_b_qid,city_b_label,stated_both_ways"
                          : "city1,country1,lat1,lng1,city2,country2,lat2,lng2");
    x->bHeaderBad = 1;
  }else if( !bWp && !bWd ){
    tw_error(x, 1, "", "wrong_columns", "unknown columns: the header must be city1,country1,lat1,lng1,city2,country2,lat2,lng2"
             " (Wikipedia lists) or city_a_qid,city_a_label,city_b_qid,city_b_label,stated_both_ways (Wikidata pairs)");
    x->bHeaderBad = 1;
  }else{
    x->bWikidata = bWd;
  }
}

static int parse_coord(const char *z, double lo, double hi, double *pv){
  char *zEnd;
  if( !*z ) return 0;
  double v = strtod(z, &zEnd);
  while( *zEnd==' ' ) zEnd++;
  if( *zEnd || !(v>=lo && v<=hi) ) return -1;
  *pv = v;
  return 1;
}

static char *trim(char *z){
  while( *z==' ' || *z=='\t' ) z++;
  size_t n = strlen(z);
  while( n && (z[n-1]==' ' || z[n-1]=='\t' || z[n-1]=='\r') ) z[--n] = 0;
  return z;
}

static void tw_data(TwParse *x){
  x->nData++;
  int nWant = x->bWikidata ? 5 : 8;
  if( x->bTooMany || x->nField!=nWant ){
    tw_error(x, x->iRow, "", "wrong_field_count", "row has %d fields, the header has %d", x->bTooMany ? TW_MAX_FIELDS : x->nField, nWant);
    return;
  }
  if( x->nData>TW_MAX_ROWS ){
    if( x->nData==TW_MAX_ROWS + 1 ) tw_error(x, x->iRow, "", "too_many_rows", "more than %d rows", TW_MAX_ROWS);
    return;
  }
  TwRow w;
  memset(&w, 0, sizeof w);
  w.iRow = x->iRow;
  for(int i=0; i<nWant; i++) x->azField[i] = trim(x->azField[i]);
  if( x->bWikidata ){
    for(int i=0; i<4; i+=2){
      const char *zQ = x->azField[i];
      int bOk = zQ[0]=='Q' && zQ[1]>='1' && zQ[1]<='9' && strlen(zQ)<20;
      for(const char *s = zQ + 1; bOk && *s; s++) if( *s<'0' || *s>'9' ) bOk = 0;
      if( !bOk ){ tw_error(x, x->iRow, azWikidataCol[i], "invalid_value", "%s must be a Wikidata id such as Q170247", azWikidataCol[i]); return; }
      if( !x->azField[i+1][0] ){ tw_error(x, x->iRow, azWikidataCol[i+1], "required", "%s is empty", azWikidataCol[i+1]); return; }
    }
    const char *zBoth = x->azField[4];
    if( strcmp(zBoth, "yes")!=0 && strcmp(zBoth, "no")!=0 && *zBoth ){
      tw_error(x, x->iRow, "stated_both_ways", "invalid_value", "stated_both_ways must be yes or no");
      return;
    }
    for(int i=0; i<4; i++) w.az[i] = x->azField[i];
  }else{
    for(int s=0; s<2; s++){
      const char *zCity = x->azField[s*4];
      if( !zCity[0] ){ tw_error(x, x->iRow, azWikipediaCol[s*4], "required", "%s is empty", azWikipediaCol[s*4]); return; }
      if( strlen(zCity)>=CN_NAME_MAX || strlen(x->azField[s*4+1])>=CN_NAME_MAX ){
        tw_error(x, x->iRow, azWikipediaCol[s*4], "too_long", "names must be shorter than %d bytes", CN_NAME_MAX);
        return;
      }
      double lat = 0, lng = 0;
      int a = parse_coord(x->azField[s*4+2], -90, 90, &lat), b = parse_coord(x->azField[s*4+3], -180, 180, &lng);
      if( a<0 || b<0 || a!=b ){
        tw_error(x, x->iRow, azWikipediaCol[a<0 || a!=b ? s*4+2 : s*4+3], "invalid_value",
                 "coordinates must be decimal degrees (latitude -90..90, longitude -180..180), both or neither");
        return;
      }
      if( s==0 ){ w.lat1 = lat; w.lng1 = lng; w.bC1 = a>0; }
      else { w.lat2 = lat; w.lng2 = lng; w.bC2 = a>0; }
    }
    for(int i=0; i<8; i++) w.az[i] = x->azField[i];
  }
  if( x->nRow>=x->nRowAlloc ){
    int nNew = x->nRowAlloc ? x->nRowAlloc*2 : 1024;
    TwRow *aNew = realloc(x->aRow, sizeof(TwRow)*(size_t)nNew);
    if( !aNew ){ tw_error(x, x->iRow, "", "out_of_memory", "out of memory"); return; }
    x->aRow = aNew;
    x->nRowAlloc = nNew;
  }
  x->aRow[x->nRow++] = w;
}

static void tw_row(int ch, void *p){
  TwParse *x = p;
  (void)ch;
  x->iRow++;
  if( x->nField==1 && x->azField[0][0]==0 ){ x->nField = 0; x->bTooMany = 0; x->iRow--; return; }
  if( x->iRow==1 ) tw_header(x);
  else if( !x->bHeaderBad && json_array_size(x->aErr)<TW_MAX_ERRORS ) tw_data(x);
  x->nField = 0;
  x->bTooMany = 0;
}

/* Row (1-based record count, as a text editor would show for files
** without quoted newlines) of byte offset i. */
static int line_of(const char *z, size_t i){
  int n = 1;
  for(size_t k=0; k<i; k++) if( z[k]=='\n' ) n++;
  return n;
}

/* Step a write once; reset it and clear its bindings (rows bind only some). */
static YcStatus step_done(Ctx *c, DbStmt *p, Err *e){
  int rc = db_step(p);
  db_clear(p);
  return rc==DB_DONE ? YC_OK : db_error(c->db, rc, e);
}

/* Worst category of a row whose cities did not both resolve. */
static const char *row_category(const TwinMatch *a, const TwinMatch *b){
  const char *az[2] = {a->zHow, b->zHow};
  for(int i=0; i<2; i++) if( strcmp(az[i], "unknown_country")==0 ) return "unknown_country";
  for(int i=0; i<2; i++) if( strcmp(az[i], "not_found")==0 ) return "not_found";
  for(int i=0; i<2; i++) if( strcmp(az[i], "area")==0 ) return "area";
  return "ambiguous";
}

static void count_in(json_t *o, const char *zKey){
  json_object_set_new(o, zKey, json_integer(json_integer_value(json_object_get(o, zKey)) + 1));
}

/* 1 if the pair (a, b) is already in twin_pair. */
static int pair_known(Ctx *c, int64_t a, int64_t b){
  if( a==b ) return 0;
  DbStmt *p = db_stmt(c->db, "SELECT 1 FROM twin_pair WHERE city_a=?1 AND city_b=?2");
  if( !p ) return 0;
  db_bind_int64(p, 1, a<b ? a : b);
  db_bind_int64(p, 2, a<b ? b : a);
  int bHit = db_step(p)==DB_ROW;
  db_reset(p);
  return bHit;
}

/* An ambiguous side whose candidates include exactly one city already
** paired with the other side's city: take it (how = known_pair). */
static TwinMatch *try_known_pair(Ctx *c, Arena *pA, const TwinMatch *amb, const TwinMatch *other){
  if( amb->bResolved || strcmp(amb->zHow, "ambiguous")!=0 || !other->bResolved ) return 0;
  int64_t hit = 0;
  int nHit = 0;
  for(int i=0; i<amb->nCand; i++) if( pair_known(c, amb->aCand[i], other->id) ){ hit = amb->aCand[i]; nHit++; }
  if( nHit!=1 ) return 0;
  TwinMatch *m = arena_alloc(pA, sizeof *m);
  if( !m ) return 0;
  *m = *amb;
  m->id = hit;
  m->bResolved = 1;
  m->zHow = "known_pair";
  snprintf(m->zDetail, sizeof m->zDetail, "of the %d places of this name, the one already listed as a twin of the other city (GeoNames %lld)",
           amb->nCand, (long long)hit);
  return m;
}

typedef struct TwStats {
  int nResolved, nAmbiguous, nFailed, nSame, nPairsNew, nPairsKnown, nUnresNew, nNewlyResolved;
  json_t *byHow, *byCat;
} TwStats;

static YcStatus write_rows(Ctx *c, TwParse *x, int64_t importId, TwStats *s, Err *e){
  DbStmt *pPair = db_stmt(c->db,
    "INSERT INTO twin_pair(city_a,city_b,label_a,label_b,how_a,how_b,import_id) VALUES(?1,?2,?3,?4,?5,?6,?7)"
    " ON CONFLICT(city_a,city_b) DO NOTHING");
  DbStmt *pDel = db_stmt(c->db, "DELETE FROM twin_unresolved WHERE key=?1");
  DbStmt *pUnres = db_stmt(c->db,
    "INSERT INTO twin_unresolved(import_id,line,key,category,city1,country1,lat1,lng1,id1,status1,detail1,"
    "city2,country2,lat2,lng2,id2,status2,detail2) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18)"
    " ON CONFLICT(key) DO NOTHING");
  if( !pPair || !pDel || !pUnres ) return db_error(c->db, DB_ERROR, e);
  Buf key = BUF_INIT;
  YcStatus st = YC_OK;
  /* Two passes: rows that resolve on their own, then ambiguous rows that
  ** an already known pair decides. */
  for(int pass=0; pass<2 && st==YC_OK; pass++){
    for(int i=0; i<x->nRow && st==YC_OK; i++){
      TwRow *w = &x->aRow[i];
      int bBoth = w->m1->bResolved && w->m2->bResolved;
      if( pass==0 && !bBoth ) continue;
      if( pass==1 ){
        if( bBoth ) continue;
        const TwinMatch *m;
        if( (m = try_known_pair(c, x->pA, w->m1, w->m2)) ) w->m1 = m;
        if( (m = try_known_pair(c, x->pA, w->m2, w->m1)) ) w->m2 = m;
      }
      buf_reset(&key);
      if( x->bWikidata ) buf_printf(&key, "wikidata:%s-%s", w->az[0], w->az[2]);
      else buf_printf(&key, "wikipedia:%s\x1f%s\x1f%s\x1f%s", w->az[0], w->az[1], w->az[4], w->az[5]);
      const char *zName1 = x->bWikidata ? w->az[1] : w->az[0], *zName2 = x->bWikidata ? w->az[3] : w->az[4];
      const char *zCat = 0;
      if( w->m1->bResolved && w->m2->bResolved ){
        if( w->m1->id==w->m2->id ){
          zCat = "same_city";
          s->nSame++;
        }else{
          s->nResolved++;
          count_in(s->byHow, w->m1->zHow);
          count_in(s->byHow, w->m2->zHow);
          int bSwap = w->m1->id > w->m2->id;
          const TwinMatch *ma = bSwap ? w->m2 : w->m1, *mb = bSwap ? w->m1 : w->m2;
          const char *zLa = bSwap ? zName2 : zName1, *zLb = bSwap ? zName1 : zName2;
          db_bind_int64(pPair, 1, ma->id);
          db_bind_int64(pPair, 2, mb->id);
          if( strcmp(ma->zHow, "exact")!=0 && strcmp(ma->zHow, "nearest")!=0 ) db_bind_text(pPair, 3, zLa, -1);
          if( strcmp(mb->zHow, "exact")!=0 && strcmp(mb->zHow, "nearest")!=0 ) db_bind_text(pPair, 4, zLb, -1);
          db_bind_text(pPair, 5, ma->zHow, -1);
          db_bind_text(pPair, 6, mb->zHow, -1);
          db_bind_int64(pPair, 7, importId);
          st = step_done(c, pPair, e);
          if( st ) break;
          if( db_changes(c->db) ) s->nPairsNew++; else s->nPairsKnown++;
          db_bind_text(pDel, 1, buf_str(&key), -1);
          st = step_done(c, pDel, e);
          s->nNewlyResolved += db_changes(c->db);
          continue;
        }
      }else{
        zCat = row_category(w->m1, w->m2);
        if( strcmp(zCat, "ambiguous")==0 ) s->nAmbiguous++; else s->nFailed++;
      }
      count_in(s->byCat, zCat);
      db_bind_int64(pUnres, 1, importId);
      db_bind_int(pUnres, 2, w->iRow);
      db_bind_text(pUnres, 3, buf_str(&key), -1);
      db_bind_text(pUnres, 4, zCat, -1);
      for(int k=0; k<2; k++){
        const TwinMatch *m = k ? w->m2 : w->m1;
        int o = 5 + k*7;
        db_bind_text(pUnres, o, k ? zName2 : zName1, -1);
        if( !x->bWikidata ) db_bind_text(pUnres, o+1, w->az[k*4+1], -1);
        else db_bind_text(pUnres, o+1, w->az[k*2], -1);   /* the QID */
        if( k ? w->bC2 : w->bC1 ){
          db_bind_double(pUnres, o+2, k ? w->lat2 : w->lat1);
          db_bind_double(pUnres, o+3, k ? w->lng2 : w->lng1);
        }
        if( m->bResolved ) db_bind_int64(pUnres, o+4, m->id);
        db_bind_text(pUnres, o+5, m->zHow, -1);
        db_bind_text(pUnres, o+6, m->zDetail[0] ? m->zDetail : 0, -1);
      }
      st = step_done(c, pUnres, e);
      if( st==YC_OK ) s->nUnresNew += db_changes(c->db);
    }
  }
  buf_free(&key);
  return st;
}

static double cpu_seconds(void){
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return (double)t.tv_sec + (double)t.tv_nsec/1e9;
}

static double seconds_since(const struct timespec *t0){
  struct timespec t1;
  clock_gettime(CLOCK_MONOTONIC, &t1);
  return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec)/1e9;
}

/* Byte offset of the first invalid UTF-8 sequence of z[0..n). */
static size_t first_bad_utf8(const char *z, size_t n){
  size_t i = 0;
  while( i<n ){
    unsigned char ch = (unsigned char)z[i];
    size_t k = ch<0x80 ? 1 : (ch>=0xC2 && ch<=0xDF) ? 2 : (ch>=0xE0 && ch<=0xEF) ? 3 : (ch>=0xF0 && ch<=0xF4) ? 4 : 0;
    if( k==0 || i+k>n || !text_utf8_valid(z + i, k) ) return i;
    i += k;
  }
  return n;
}

YcStatus twins_import(Ctx *c, const char *zSource, const char *zData, size_t nData,
                      const char *zFormat, int bDryRun, json_t **ppReport, Err *e){
  *ppReport = 0;
  if( zFormat && strcmp(zFormat, "wikipedia")!=0 && strcmp(zFormat, "wikidata")!=0 )
    return err_set(e, YC_EINVALID, "invalid_value", "format", "format must be wikipedia or wikidata");
  if( !zSource || !*zSource ) zSource = "upload";
  if( strlen(zSource)>200 || !text_utf8_valid(zSource, strlen(zSource)) )
    return err_set(e, YC_EINVALID, "invalid_value", "source", "the file name must be valid UTF-8 of at most 200 bytes");
  struct timespec t0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  double cpu0 = cpu_seconds();
  Arena arena = {0};
  TwParse x;
  memset(&x, 0, sizeof x);
  x.pA = &arena;
  x.aErr = json_array();
  x.bFormatFixed = zFormat!=0;
  x.bWikidata = zFormat && strcmp(zFormat, "wikidata")==0;
  YcStatus st = YC_OK;
  TwinResolver *r = 0;
  json_t *rep = 0;
  TwStats s;
  memset(&s, 0, sizeof s);
  s.byHow = json_object();
  s.byCat = json_object();
  int64_t importId = 0;
  int bAlready = 0, bTx = 0;
  double tResolve = 0;

  /* 1. Read and check the whole file. */
  if( nData==0 ){
    tw_error(&x, 0, "", "empty_file", "the file is empty");
  }else if( !text_utf8_valid(zData, nData) ){
    size_t i = first_bad_utf8(zData, nData);
    tw_error(&x, line_of(zData, i), "", "invalid_utf8", "the file is not valid UTF-8 (first bad byte at offset %zu, line %d)",
             i, line_of(zData, i));
  }else{
    struct csv_parser csv;
    if( csv_init(&csv, CSV_STRICT | CSV_STRICT_FINI)!=0 ){ st = err_set(e, YC_EINTERNAL, 0, 0, "csv_init failed"); goto end; }
    if( csv_parse(&csv, zData, nData, tw_field, tw_row, &x)!=nData || csv_fini(&csv, tw_field, tw_row, &x)!=0 ){
      tw_error(&x, x.iRow + 1, "", "malformed_csv", "malformed CSV after row %d: %s (check the quoting)", x.iRow,
               csv_strerror(csv_error(&csv)));
    }
    csv_free(&csv);
    if( x.iRow==0 && json_array_size(x.aErr)==0 ) tw_error(&x, 0, "", "empty_file", "the file has no header row");
    else if( x.nData==0 && json_array_size(x.aErr)==0 ) tw_error(&x, 1, "", "no_rows", "the file has a header but no data rows");
  }
  if( json_array_size(x.aErr) ) goto report;

  /* 2. Resolve every place. */
  if( (st = twin_resolver_open(c, &r, e)) ) goto end;
  for(int i=0; i<x.nRow; i++){
    TwRow *w = &x.aRow[i];
    TwinPlace p1, p2;
    if( x.bWikidata ){
      p1 = (TwinPlace){w->az[1], 0, 0, 0, 0};
      p2 = (TwinPlace){w->az[3], 0, 0, 0, 0};
    }else{
      p1 = (TwinPlace){w->az[0], w->az[1], w->lat1, w->lng1, w->bC1};
      p2 = (TwinPlace){w->az[4], w->az[5], w->lat2, w->lng2, w->bC2};
    }
    w->m1 = resolve_ref(r, &p1);
    w->m2 = resolve_ref(r, &p2);
    if( !w->m1 || !w->m2 ){ st = err_set(e, YC_EINTERNAL, 0, 0, "out of memory"); goto end; }
  }

  tResolve = seconds_since(&t0);

  /* 3. Write, in one transaction. */
  unsigned char aHash[crypto_hash_sha256_BYTES];
  char zHex[crypto_hash_sha256_BYTES*2 + 1];
  crypto_hash_sha256(aHash, (const unsigned char*)zData, nData);
  sodium_bin2hex(zHex, sizeof zHex, aHash, sizeof aHash);
  if( (st = db_begin(c->db, e)) ) goto end;
  bTx = 1;
  char zNow[24];
  date_now(zNow);
  DbStmt *p = db_stmt(c->db, "SELECT id FROM twin_import WHERE sha256=?1");
  if( !p ){ st = db_error(c->db, DB_ERROR, e); goto end; }
  db_bind_text(p, 1, zHex, -1);
  if( db_step(p)==DB_ROW ){ importId = db_col_int64(p, 0); bAlready = 1; }
  db_reset(p);
  if( !importId ){
    p = db_stmt(c->db, "INSERT INTO twin_import(source,format,sha256,rows,resolved,ambiguous,failed,pairs_new,actor,created_at,updated_at)"
                       " VALUES(?1,?2,?3,?4,0,0,0,0,?5,?6,?6)");
    if( !p ){ st = db_error(c->db, DB_ERROR, e); goto end; }
    db_bind_text(p, 1, zSource, -1);
    db_bind_text(p, 2, x.bWikidata ? "wikidata" : "wikipedia", -1);
    db_bind_text(p, 3, zHex, -1);
    db_bind_int(p, 4, x.nRow);
    db_bind_text(p, 5, c->zActor, -1);
    db_bind_text(p, 6, zNow, -1);
    if( (st = step_done(c, p, e)) ) goto end;
    importId = db_last_id(c->db);
  }
  if( (st = write_rows(c, &x, importId, &s, e)) ) goto end;
  p = db_stmt(c->db, "UPDATE twin_import SET resolved=?2, ambiguous=?3, failed=?4, pairs_new=pairs_new+?5, updated_at=?6 WHERE id=?1");
  if( !p ){ st = db_error(c->db, DB_ERROR, e); goto end; }
  db_bind_int64(p, 1, importId);
  db_bind_int(p, 2, s.nResolved);
  db_bind_int(p, 3, s.nAmbiguous);
  db_bind_int(p, 4, s.nFailed + s.nSame);
  db_bind_int(p, 5, s.nPairsNew);
  db_bind_text(p, 6, zNow, -1);
  if( (st = step_done(c, p, e)) ) goto end;
  if( (st = layout_stats_refresh(c, e)) ) goto end;

report:
  rep = json_pack("{s:s, s:s, s:i, s:i, s:i, s:i, s:i, s:f, s:O, s:O, s:i, s:i, s:i, s:i, s:b, s:o, s:b, s:o}",
    "source", zSource, "format", x.bWikidata ? "wikidata" : "wikipedia",
    "rows", x.nRow, "resolved", s.nResolved, "ambiguous", s.nAmbiguous, "failed", s.nFailed, "same_city", s.nSame,
    "rate", x.nRow ? (double)s.nResolved/(double)x.nRow : 0.0,
    "resolved_by", s.byHow, "unresolved_by", s.byCat,
    "pairs_new", s.nPairsNew, "pairs_known", s.nPairsKnown, "unresolved_new", s.nUnresNew,
    "newly_resolved", s.nNewlyResolved, "already_imported", bAlready,
    "import_id", importId ? json_integer(importId) : json_null(), "dry_run", bDryRun,
    "errors", json_incref(x.aErr));
  if( json_array_size(x.aErr) ){
    json_t *e0 = json_array_get(x.aErr, 0);
    st = err_set(e, YC_EINVALID, json_string_value(json_object_get(e0, "code")),
                 json_string_value(json_object_get(e0, "field")), "%s%s; nothing imported",
                 json_string_value(json_object_get(e0, "message")),
                 json_array_size(x.aErr)>1 ? " (and more errors)" : "");
    goto end;
  }
  if( bTx && !bDryRun ){
    json_t *jAudit = json_deep_copy(rep);
    json_object_del(jAudit, "errors");
    st = audit_log(c, "import", "twin_import", importId, 0, jAudit, e);
    json_decref(jAudit);
    if( !st ) st = db_commit(c->db, e);
    if( !st ) bTx = 0;
  }
end:
  if( bTx ) db_rollback(c->db);
  if( rep ){
    json_object_set_new(rep, "seconds", json_real(seconds_since(&t0)));
    json_object_set_new(rep, "seconds_resolve", json_real(tResolve));
    json_object_set_new(rep, "cpu_seconds", json_real(cpu_seconds() - cpu0));
    if( st==YC_OK || st==YC_EINVALID ) *ppReport = rep;
    else json_decref(rep);
  }
  twin_resolver_close(r);
  json_decref(s.byHow);
  json_decref(s.byCat);
  json_decref(x.aErr);
  free(x.aRow);
  arena_free(&arena);
  return st;
}
