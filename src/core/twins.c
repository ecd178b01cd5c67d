/*
** twins.c: resolution of the places twin-town datasets name to GeoNames
** cities; see twins.h. The import is in twins_import.c, the network views
** in twins_network.c, the review and hand fixes in twins_review.c.
**
** Resolution runs in memory: all cities are loaded once per resolver with
** loose keys of their names ("saint-etienne" -> "saintetienne"), each key
** marked primary (the GeoNames name, its ASCII and Chinese forms) or
** alternate (exonyms and historical names: city.alt_name, and every name
** of city_alt when the gazetteer has that table), indexed by key hash and
** on a 0.5-degree grid. Each distinct place is resolved once (cached):
**   0. a hand fix (twin_fix) for its Wikidata id, or for its name and
**      stated country, decides;
**   1. the stated country is the strongest evidence: only places of that
**      country (or of its dependent territories, data/country_territories
**      .tsv: Mariehamn is filed under AX, not FI) are candidates; a place
**      is never moved to another country because of coordinates;
**   2. a name with an area word (data of text/country_norm.c: "Głogów
**      County", "Chiang Mai Province", "Vilnius District Municipality",
**      "Rheingau-Taunus (district)") is that area, not its namesake town,
**      unless a GeoNames place has the full name (Norfolk County, Ontario):
**      area. "X Municipality" / "X Kommune" is the town X only when
**      GeoNames puts the town inside the municipality of that name, or
**      knows no such municipality (Kumla in Kumla Kommun, yes; Jelgava,
**      a unit of its own beside "Jelgava Municipality", no);
**   3. the name and its variants (qualifier removed, "St." written out,
**      transliterated), then a known other name (data/city_aliases.tsv),
**      in the country. A tail that names an area ("Stratford, Prince
**      Edward Island") or a larger city ("Mitte (Hamburg)") keeps only
**      candidates inside that area, and own-name candidates within
**      PARENT_KM of that city. Among the candidates (decide()): a name
**      written without accents that is one place's very name drops the
**      places differing only by accents (Munster, not Münster); the point
**      chooses the nearest within NEAR_KM_SAME, unless another lies about
**      as near (then a 10x larger one, or ambiguous); a point inside the
**      stated country far from every candidate rejects villages and small
**      towns' other names (Os, Vestland is not the village Os, Innlandet;
**      Konak is not Nikfer) but not towns; otherwise the most populous
**      wins only by a lead of POP_DECIDES (10x: Birmingham, Alabama over
**      Michigan; not Athens, Georgia over Alabama at 5x), else ambiguous,
**      for review. A primary-name match on a small place against an
**      alternate-name match on a much larger one (Posen: Posen, Illinois,
**      or Poznań) is decided by population only when the lead is
**      overwhelming, else left ambiguous for review;
**   4. another spelling near the point, in the country: the same
**      consonants ("Velykyi Bychkiv" / "Velykyy Bychkiv", Hrodna /
**      Grodno), neither name inside the other (near_similar). A name
**      inside another (Gründau / Hain-Gründau, Cannock Chase / Cannock)
**      is only a suggestion, but a name with a locator ("Frankenberg an
**      der Eder", "Herblay-sur-Seine") is the town of its head name within
**      SKELETON_KM of the point (variant);
**   5. a municipality GeoNames holds only as an area, in a country whose
**      municipalities are an admin level it keeps (data/municipal_admin
**      .tsv): its seat (seat, lower confidence: Hægebostad -> Tingvatn,
**      Bohinj -> Bohinjska Bistrica), never a county's town;
**   6. the enclosing city named in the string (parent): "Laiwu (Jinan)",
**      "Savyetski District (Minsk)", "Jinan – Zhangqiu" -- only when the
**      source names it;
**   7. otherwise wrong_country (the name exists near the point, but in
**      another country than the source states), area or not_found. A
**      place of the country at the point under another name is never
**      taken (Castile and León is not Valladolid): it is named in the
**      detail as a suggestion for review.
**   Without a country or a point, a name that is a small place in one
**   country and a municipality with a seat of another name in another
**   (Sal: Sāl, Jordan, or Espargos, Cape Verde) is ambiguous.
** Every resolved place has a confidence in (0, 1]; below TWIN_CONF_REVIEW
** it is listed for review.
*/
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <csv.h>
#include <sodium.h>
#include "core/twins.h"
#include "core/twins_load.h"
#include "core/audit.h"
#include "core/layout.h"
#include "base/arena.h"
#include "base/buf.h"
#include "store/refdata.h"
#include "text/norm.h"
#include "text/country_norm.h"
#include "base/date.h"


/* ---- lookups ------------------------------------------------------- */

/* A candidate city of a name: its index and whether only an alternate
** name of it matched. */
typedef struct Cand { uint32_t i; int bAlt; } Cand;

/* Cities whose loose key is zL, in country zCc (with its territories; 0 =
** any country): up to nMax. */
static int lookup(TwinResolver *r, const char *zL, const char *zCc, Cand *aOut, int nMax){
  uint64_t h = tw_hash(zL);
  int lo = 0, hi = r->nKey;
  while( lo<hi ){
    int mid = (lo + hi)/2;
    if( r->aKey[mid].h<h ) lo = mid + 1; else hi = mid;
  }
  int n = 0;
  for(int i=lo; i<r->nKey && r->aKey[i].h==h && n<nMax; i++){
    if( strcmp(r->aKey[i].z, zL)!=0 ) continue;
    uint32_t k = r->aKey[i].i;
    if( zCc && !tw_in_country(r, &r->a[k], zCc) ) continue;
    int bDup = 0;
    for(int j=0; j<n; j++){
      if( aOut[j].i==k ){ bDup = 1; if( !r->aKey[i].bAlt ) aOut[j].bAlt = 0; }
    }
    if( !bDup ) aOut[n++] = (Cand){k, (int)r->aKey[i].bAlt};
  }
  return n;
}

static const CKey *country_key(TwinResolver *r, const char *zName){
  char *zF = tw_fold_fast(zName);
  char zL[CN_NAME_MAX*2];
  size_t n = zF ? cn_loose(zF, zL, sizeof zL) : 0;
  free(zF);
  if( !n ) return 0;
  uint64_t h = tw_hash(zL);
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

/* How much a name variant of each kind is worth. */
static double kind_weight(CnVariantKind k){
  switch( k ){
    case CN_FULL: return 1.0;
    case CN_STRIPPED: return 0.95;
    case CN_PART: return 0.85;
    default: return 0.8;
  }
}

static void resolved(TwinMatch *m, const RCity *x, const char *zHow, double conf){
  m->id = x->id;
  m->bResolved = 1;
  m->zHow = zHow;
  m->conf = conf>1.0 ? 1.0 : conf;
  memcpy(m->zIso2, x->zCc, 2);
  m->zIso2[2] = 0;
}

static int pop_cmp(const void *a, const void *b){
  const RCity *x = *(const RCity*const*)a, *y = *(const RCity*const*)b;
  if( x->pop!=y->pop ) return x->pop<y->pop ? 1 : -1;
  return x->id<y->id ? -1 : x->id>y->id;
}

/* Leave m ambiguous between the cities of ap (sorted, most populous first). */
static void ambiguous(TwinMatch *m, const char *zWhy, const RCity *const *ap, int n){
  m->id = 0;
  m->bResolved = 0;
  m->zHow = "ambiguous";
  m->conf = 0;
  m->nCand = 0;
  Buf b = BUF_INIT;
  buf_puts(&b, zWhy);
  for(int i=0; i<n && i<8; i++){
    m->aCand[m->nCand++] = ap[i]->id;
    buf_printf(&b, "%s %s %s (%lld)", i ? "," : "", ap[i]->zName, ap[i]->zCc, (long long)ap[i]->pop);
  }
  snprintf(m->zDetail, sizeof m->zDetail, "%s", buf_str(&b));
  buf_free(&b);
}

static int has_non_ascii_letter(const char *z){
  for(; *z; z++) if( (unsigned char)*z>=0x80 ) return 1;
  return 0;
}

/* 1 if the given point lies in country zCc: the nearest listed place
** within COUNTRY_KM of it is one of that country. */
typedef struct InCountryCtx { TwinResolver *r; const char *zCc; const RCity *pBest; double dBest; } InCountryCtx;

static int in_country_cb(void *pCtx, const RCity *x, double km){
  InCountryCtx *n = pCtx;
  if( n->zCc && !tw_in_country(n->r, x, n->zCc) ) return 0;
  if( !n->pBest || km<n->dBest ){ n->pBest = x; n->dBest = km; }
  return 0;
}

static int point_in_country(TwinResolver *r, const TwinPlace *pl, const char *zCc){
  if( !pl->bCoords || !zCc ) return 0;
  InCountryCtx n = {r, 0, 0, 0};
  near_each(r, pl->lat, pl->lng, COUNTRY_KM, in_country_cb, &n);
  return n.pBest && tw_in_country(r, n.pBest, zCc);
}

/* 1 if zName differs from the plain-ASCII zGiven only by letters with
** accents, each written as one ASCII letter ("Münster", "Munster"). */
static int accent_only(const char *zName, const char *zGiven){
  int bAccent = 0;
  const unsigned char *x = (const unsigned char*)zName, *g = (const unsigned char*)zGiven;
  while( *x && *g ){
    if( *x<0x80 ){
      if( tolower(*x)!=tolower(*g) ) return 0;
      x++; g++;
      continue;
    }
    if( !isalpha(*g) ) return 0;
    x++;
    while( (*x & 0xC0)==0x80 ) x++;
    g++;
    bAccent = 1;
  }
  return bAccent && !*x && !*g;
}

/* Choose among the nc candidates of aC that match variant v (zCc: the
** stated country, 0 if none). Returns 1 when the given point lies in the
** country far from the candidates (m is then not resolved), else 0. */
static int decide(TwinResolver *r, const TwinPlace *pl, const char *zCc, const CnVariant *v,
                   Cand *aC, int nc, double weight, TwinMatch *m){
  /* 0. The spelling as written: "Munster" is Munster (Örtze), not Münster,
  ** when GeoNames has both: when a name written without accents is a
  ** place's very name, the places that differ from it only by accents
  ** are dropped. */
  if( v->kind==CN_FULL && nc>1 && !has_non_ascii_letter(pl->zName) ){
    int nSame = 0;
    for(int i=0; i<nc; i++) if( !aC[i].bAlt && strcasecmp(r->a[aC[i].i].zName, pl->zName)==0 ) nSame++;
    if( nSame ){
      int nK = 1;
      int k = 0;
      for(int i=0; i<nc; i++){
        const RCity *x = &r->a[aC[i].i];
        if( !nK || !accent_only(x->zName, pl->zName) ) aC[k++] = aC[i];
      }
      nc = k;
    }
  }
  /* 1. Coordinates choose among the same-name places only when one lies
  ** near them: the nearest within NEAR_KM_SAME, unless another lies about
  ** as near (then a much larger one, or none). */
  double dBest = 1e9, d2 = 1e9;
  const RCity *pNear = 0;
  if( pl->bCoords ){
    for(int i=0; i<nc; i++){
      const RCity *x = &r->a[aC[i].i];
      double d = cn_haversine(pl->lat, pl->lng, x->lat, x->lng);
      if( d<dBest ){ d2 = dBest; dBest = d; pNear = x; }
      else if( d<d2 ) d2 = d;
    }
    if( pNear && dBest>PLACE_NEAR_KM && dBest<=NEAR_KM_SAME && d2<=NEAR_KM_SAME && d2<=dBest + TIE_KM ){
      const RCity *apTie[8];
      int nTie = 0;
      for(int i=0; i<nc && nTie<8; i++){
        const RCity *x = &r->a[aC[i].i];
        double d = cn_haversine(pl->lat, pl->lng, x->lat, x->lng);
        if( d<=NEAR_KM_SAME && d<=dBest + TIE_KM ) apTie[nTie++] = x;
      }
      qsort(apTie, (size_t)nTie, sizeof apTie[0], pop_cmp);
      /* a place of that very name before another name of a place */
      const RCity *pOwn = 0;
      int nOwn = 0;
      for(int i=0; i<nc; i++){
        const RCity *x = &r->a[aC[i].i];
        double d = cn_haversine(pl->lat, pl->lng, x->lat, x->lng);
        if( !aC[i].bAlt && d<=NEAR_KM_SAME && d<=dBest + TIE_KM ){ pOwn = x; nOwn++; }
      }
      if( nOwn==1 && nTie>1 ){
        resolved(m, pOwn, "nearest", 0.9*weight);
        snprintf(m->zDetail, sizeof m->zDetail, "%d places named '%.80s' lie about as near the given point; the one of that very"
                 " name", nTie, v->z);
      }else if( apTie[0]->pop>0 && apTie[0]->pop>=POP_DECIDES*(apTie[1]->pop>0 ? apTie[1]->pop : 1) ){
        resolved(m, apTie[0], "nearest", 0.9*weight);
        snprintf(m->zDetail, sizeof m->zDetail, "%d places named '%.80s' lie about as near the given point; the most populous",
                 nTie, v->z);
      }else{
        char zWhy[200];
        snprintf(zWhy, sizeof zWhy, "%d places named '%.60s' lie about as near the given point:", nTie, v->z);
        ambiguous(m, zWhy, apTie, nTie);
      }
      return 0;
    }
    if( pNear && dBest<=NEAR_KM_SAME ){
      int bAltNear = 0;
      for(int i=0; i<nc; i++) if( &r->a[aC[i].i]==pNear ) bAltNear = aC[i].bAlt;
      resolved(m, pNear, bAltNear ? "alt_name" : nc==1 || v->kind!=CN_FULL ? how_of(v->kind) : "nearest", 0.97*weight);
      if( nc>1 ) snprintf(m->zDetail, sizeof m->zDetail, "%d places named '%.80s'%s%s; the one %.0f km from the given point",
                          nc, v->z, zCc ? " in " : "", zCc ? zCc : "", dBest);
      else if( v->kind!=CN_FULL ) snprintf(m->zDetail, sizeof m->zDetail, "matched as '%.120s'", v->z);
      return 0;
    }
    /* The point lies in the stated country, far from every place of the
    ** name, and these are only another name of a town (Konak: Nikfer,
    ** 209 km away; not Venezia, Venice) or villages: the source means another place of that
    ** name, one GeoNames does not list (Os, Vestland: not the village Os,
    ** Innlandet, 397 km away). A town of the name far from the point is
    ** still taken: sources often geocode a name onto the wrong spot of the
    ** right country. The city a district names is never doubted. */
    int bAllAlt = 1;
    int64_t popMax = 0;
    for(int i=0; i<nc; i++){
      if( !aC[i].bAlt ) bAllAlt = 0;
      if( r->a[aC[i].i].pop>popMax ) popMax = r->a[aC[i].i].pop;
    }
    if( pNear && dBest>FAR_KM && v->kind!=CN_PARENT && ((bAllAlt && popMax<ALT_BIG_POP) || (popMax>0 && popMax<SMALL_POP)) && point_in_country(r, pl, zCc) ){
      const RCity *ap[8];
      int n = 0;
      for(int i=0; i<nc && n<8; i++) ap[n++] = &r->a[aC[i].i];
      qsort(ap, (size_t)n, sizeof ap[0], pop_cmp);
      char zWhy[200];
      snprintf(zWhy, sizeof zWhy, "the given point lies in %s, %.0f km from the nearest place named '%.60s'; suggestion:",
               zCc, dBest, v->z);
      ambiguous(m, zWhy, ap, n);
      if( n==1 ) m->zHow = "not_found";
      return 1;
    }
  }
  /* 2. Primary names against alternate names (exonyms, old names). */
  const RCity *apP[64], *apA[64];
  int nP = 0, nA = 0;
  for(int i=0; i<nc && i<64; i++){
    if( aC[i].bAlt ) apA[nA++] = &r->a[aC[i].i];
    else apP[nP++] = &r->a[aC[i].i];
  }
  qsort(apP, (size_t)nP, sizeof apP[0], pop_cmp);
  qsort(apA, (size_t)nA, sizeof apA[0], pop_cmp);
  const RCity *const *ap = apP;
  int n = nP, bAltSet = 0;
  double wAlt = 0.9;
  if( nP && nA && apA[0]->pop>apP[0]->pop ){
    if( apA[0]->pop>=ALT_DOMINANCE*(apP[0]->pop>0 ? apP[0]->pop : 1) && apA[0]->pop>=50000 ){
      ap = apA; n = nA; bAltSet = 1;
      wAlt = 0.75;          /* over a place of that very name: resolved, but for review */
    }else if( apA[0]->pop>=3*apP[0]->pop ){
      const RCity *aBoth[2] = {apA[0], apP[0]};
      char zWhy[200];
      snprintf(zWhy, sizeof zWhy, "'%.60s' is the name of a small place and another name of a larger one:", v->z);
      ambiguous(m, zWhy, aBoth, 2);
      return 0;
    }
  }else if( !nP ){
    ap = apA; n = nA; bAltSet = 1;
  }
  double w = weight*(bAltSet ? wAlt : 1.0);
  const char *zHowOne = bAltSet ? "alt_name" : how_of(v->kind);
  char zFar[80] = "";
  if( pNear ) snprintf(zFar, sizeof zFar, "; the given point is %.0f km from the nearest of them", dBest);
  /* 3. One place of the name. */
  if( n==1 ){
    resolved(m, ap[0], zHowOne, (zCc ? 0.95 : 0.85)*w);
    if( bAltSet ) snprintf(m->zDetail, sizeof m->zDetail, "'%.80s' is another name of %.80s%s", v->z, ap[0]->zName, zFar);
    else if( v->kind!=CN_FULL ) snprintf(m->zDetail, sizeof m->zDetail, "matched as '%.100s'%s", v->z, zFar);
    else if( *zFar ) snprintf(m->zDetail, sizeof m->zDetail, "the only place of the name%s", zFar);
    return 0;
  }
  /* 4. Several: the most populous only by a lead of POP_DECIDES (the
  ** source geocoded the name onto a namesake abroad, or gave no point):
  ** Birmingham, Alabama (10x Birmingham, Michigan) decides, Athens,
  ** Georgia (5x Athens, Alabama) does not. */
  double ratio = (double)ap[0]->pop/(double)(ap[1]->pop>0 ? ap[1]->pop : 1);
  double conf;
  if( ratio>=POP_DECIDES && (zCc || ap[0]->pop>=10000) ) conf = ratio>=2*POP_DECIDES ? 0.9 : 0.8;
  else{
    char zWhy[200];
    if( zCc ) snprintf(zWhy, sizeof zWhy, "%d places named '%.60s' in %s, none near the given point and none %d times"
                       " as populous as the next:", n, v->z, zCc, POP_DECIDES);
    else snprintf(zWhy, sizeof zWhy, "%d places named '%.60s' and no country or coordinates to choose:", n, v->z);
    ambiguous(m, zWhy, ap, n);
    return 0;
  }
  resolved(m, ap[0], bAltSet ? "alt_name" : "population", conf*w);
  snprintf(m->zDetail, sizeof m->zDetail, "%d places named '%.60s'%s%s; the most populous (%lld people; next %.60s, %s, %lld)%s",
           n, v->z, zCc ? " in " : "", zCc ? zCc : "", (long long)ap[0]->pop, ap[1]->zName, ap[1]->zCc,
           (long long)ap[1]->pop, zFar);
  return 0;
}

typedef struct SimilarCtx {
  TwinResolver *r;
  const char *zCc;
  const char *azLoose[CN_MAX_VARIANT + 2];
  char azSkel[CN_MAX_VARIANT + 2][CN_NAME_MAX];
  int nLoose;
  const RCity *pBest;    /* another spelling of the name (same consonants) */
  double dBest;
  const RCity *pWeak;    /* a name inside the other, or another name of similar letters: a suggestion */
  double dWeak;
} SimilarCtx;

/* 1 if one loose key holds the other with more than two letters to
** spare: another name, not another spelling ("haingrundau" holds
** "grundau"; "mainzkostheim" starts with "mainz"; but "navapolatskk" is
** a spelling of "navapolatsk"). */
static int contains_other(const char *zA, const char *zB){
  size_t nA = strlen(zA), nB = strlen(zB);
  if( nA<=nB + 2 && nB<=nA + 2 ) return 0;
  return nA>nB ? strstr(zA, zB)!=0 : strstr(zB, zA)!=0;
}

static int similar_cb(void *pCtx, const RCity *x, double km){
  SimilarCtx *s = pCtx;
  if( s->zCc && !tw_in_country(s->r, x, s->zCc) ) return 0;
  if( s->pBest && km>=s->dBest ) return 0;
  char zSkel[CN_NAME_MAX];
  int bSkel = 0;
  for(int i=0; i<s->nLoose; i++){
    int bSim = cn_similar(s->azLoose[i], x->zLoose);
    int bContain = contains_other(s->azLoose[i], x->zLoose);
    if( !bSim && km>SKELETON_KM ) continue;
    if( strlen(s->azSkel[i])>=3 ){
      if( !bSkel ){ cn_skeleton(x->zLoose, zSkel, sizeof zSkel); bSkel = 1; }
      /* another spelling or transliteration of the same name (Hrodna /
      ** Grodno, Velykyi / Velykyy Bychkiv): the same consonants, neither
      ** name inside the other, on the point (within PLACE_NEAR_KM: not
      ** Voeren / Vreren, 20 km, nor Valdastico / Velo d'Astico, 11 km) */
      if( !bContain && km<=PLACE_NEAR_KM && strcmp(zSkel, s->azSkel[i])==0 ){ s->pBest = x; s->dBest = km; break; }
    }
    if( bSim && (!s->pWeak || km<s->dWeak) ){ s->pWeak = x; s->dWeak = km; }
  }
  return 0;
}

/* The qualifier tails of a name that may name its city or its area:
** "Mitte (Hamburg)" -> "Hamburg", "Stratford, Prince Edward Island" ->
** "Prince Edward Island", "Jinan – Zhangqiu" -> "Jinan". For each, the
** areas of the country of that name and the most populous place of it;
** candidates of the name's other variants must lie in such an area, and
** near such a place when it is larger than they are (a district lies in
** its city; its own entry is not another town's alternate name). */
typedef struct TailCtx {
  int aArea[16];
  int nArea;
  const RCity *apCity[8];
  int nCity;
} TailCtx;

static void tail_add(TwinResolver *r, const char *zCc, const char *zTail, TailCtx *t){
  char zStem[CN_NAME_MAX];
  CnQualKind q = cn_area_qualifier(zTail, zStem, sizeof zStem);
  const char *zL = tw_loose(&r->arena, q ? zStem : zTail);
  if( !*zL ) return;
  t->nArea += tw_area_lookup(r, zL, zCc, t->aArea + t->nArea, 16 - t->nArea);
  if( q ) return;
  Cand aC[16];
  int nc = lookup(r, zL, zCc, aC, 16);
  const RCity *pBig = 0;
  for(int i=0; i<nc; i++){
    if( aC[i].bAlt ) continue;
    if( !pBig || r->a[aC[i].i].pop>pBig->pop ) pBig = &r->a[aC[i].i];
  }
  if( pBig && t->nCity<8 ) t->apCity[t->nCity++] = pBig;
}

/* Keep the candidates of aC that agree with the tails; returns how many. */
static int tail_filter(TwinResolver *r, const TailCtx *t, Cand *aC, int nc){
  int k = 0;
  for(int i=0; i<nc; i++){
    const RCity *x = &r->a[aC[i].i];
    int bOk = 1, bInArea = 0;
    for(int j=0; j<t->nArea; j++) if( x->aArea[0]==t->aArea[j] || x->aArea[1]==t->aArea[j] ) bInArea = 1;
    if( t->nArea && !bInArea ) bOk = 0;
    /* inside the area named, the place is near enough ("Stratford
    ** (Wellington)": Wellington Shire, not Wellington, New South Wales) */
    for(int j=0; bOk && j<t->nCity; j++){
      const RCity *p = t->apCity[j];
      if( p==x || p->pop<=x->pop ) continue;
      if( aC[i].bAlt || (!bInArea && cn_haversine(p->lat, p->lng, x->lat, x->lng)>PARENT_KM) ) bOk = 0;
    }
    if( bOk ) aC[k++] = aC[i];
  }
  return k;
}

/* The seat of a municipality named zL (loose) in country zCc (0: any),
** when the country's municipalities are an admin level the gazetteer
** keeps (data/municipal_admin.tsv): Trysil -> Innbygda. -1 if none, if
** several municipalities have the name, or if GeoNames marks no seat. */
static int muni_seat(TwinResolver *r, const char *zL, const char *zCc){
  int aA[16];
  int nA = tw_area_lookup(r, zL, zCc, aA, 16), iSeat = -1;
  for(int i=0; i<nA; i++){
    const RArea *a = &r->aArea[aA[i]];
    if( (a->kind!=CN_Q_NONE && a->kind!=CN_Q_MUNI) || tw_muni_level(r, a->zCc)!=a->level ) continue;
    /* several municipalities of the name (or one without a seat): none */
    if( a->iSeat<0 || (iSeat>=0 && iSeat!=a->iSeat) ) return -1;
    iSeat = a->iSeat;
  }
  return iSeat;
}

/* The head of a name before a locator word ("an der", "sur", "im",
** "Dillingen/Saar" ...), or the name without a spa word ("Droitwich Spa",
** "Bad Kötzting"), when a place of that name of the country lies within
** SKELETON_KM of the point: m resolved to it, 1. English "on", "upon", "in" are not taken
** (Richmond upon Thames is a borough, St Just in Penwith a parish). */
static int locator_head(TwinResolver *r, const TwinPlace *pl, const char *zCc, double wCountry, TwinMatch *m){
  static const char *const azLoc[] = {" an der ", " am ", " an ", " im ", " in der ", " bei ", " ob ", " unter ",
    "-sur-", " sur ", "-sous-", "-en-", "-l\xC3\xA8s-", "-les-", "-lez-", " de ", "-de-", " del ", " della ",
    " di ", " nad ", " pod ", "/", " Spa", 0};
  if( !pl->bCoords ) return 0;
  const char *zCut = 0;
  for(int i=0; azLoc[i]; i++){
    const char *p = strstr(pl->zName, azLoc[i]);
    /* " Spa" only as the last word ("Droitwich Spa", "Hévíz Spa") */
    if( p && strcmp(azLoc[i], " Spa")==0 && p[4] ) p = 0;
    if( p && p>pl->zName && (!zCut || p<zCut) ) zCut = p;
  }
  char zHead[CN_NAME_MAX];
  if( zCut && zCut - pl->zName<CN_NAME_MAX ){
    memcpy(zHead, pl->zName, (size_t)(zCut - pl->zName));
    zHead[zCut - pl->zName] = 0;
  }else if( strncmp(pl->zName, "Bad ", 4)==0 && strlen(pl->zName)<CN_NAME_MAX ){
    /* a spa town GeoNames lists without its "Bad" (Bad Kötzting: Kötzting) */
    snprintf(zHead, sizeof zHead, "%s", pl->zName + 4);
  }else{
    return 0;
  }
  char *zF = tw_fold_fast(zHead);
  const char *zL = tw_loose(&r->arena, zF ? zF : zHead);
  free(zF);
  if( strlen(zL)<4 ) return 0;
  Cand aC[16];
  int nc = lookup(r, zL, zCc, aC, 16);
  const RCity *pBest = 0;
  double dBest = SKELETON_KM;
  for(int i=0; i<nc; i++){
    const RCity *x = &r->a[aC[i].i];
    double d = cn_haversine(pl->lat, pl->lng, x->lat, x->lng);
    if( !aC[i].bAlt && d<=dBest ){ pBest = x; dBest = d; }
  }
  if( !pBest ) return 0;
  resolved(m, pBest, "variant", 0.85*wCountry);
  snprintf(m->zDetail, sizeof m->zDetail, "matched as '%.80s' (the name without its locator), %.0f km from the given point",
           zHead, dBest);
  return 1;
}

/* Resolve m to the seat of the municipality the name names (the stem of
** "X Municipality", or a plain name zFullL), unless the given point lies
** in the country far from it. 1 if resolved. */
static int try_seat(TwinResolver *r, const TwinPlace *pl, const char *zCc, CnQualKind q, const char *zStemL,
                    int bParent, const char *zFullL, double wCountry, TwinMatch *m){
  const char *zMuniL = q==CN_Q_MUNI ? zStemL : q==CN_Q_NONE && !bParent && !strchr(pl->zName, ',') ? zFullL : "";
  int iSeat = *zMuniL ? muni_seat(r, zMuniL, zCc) : -1;
  if( iSeat<0 ) return 0;
  const RCity *x = &r->a[iSeat];
  double d = pl->bCoords ? cn_haversine(pl->lat, pl->lng, x->lat, x->lng) : 0;
  if( d>FAR_KM && point_in_country(r, pl, zCc) ) return 0;
  memset(m, 0, sizeof *m);
  resolved(m, x, "seat", (zCc ? 0.8 : 0.7)*wCountry);
  snprintf(m->zDetail, sizeof m->zDetail, "'%.80s' is a municipality in GeoNames; its seat %.80s", pl->zName, x->zName);
  return 1;
}

static void resolve_inner(TwinResolver *r, const TwinPlace *pl, TwinMatch *m){
  memset(m, 0, sizeof *m);
  const char *zCc = 0;
  char zCcBuf[3] = "";
  double wCountry = 1.0;
  if( pl->zCountry && *pl->zCountry ){
    const char *zHow;
    if( twin_country(r, pl->zCountry, pl->lat, pl->lng, pl->bCoords, zCcBuf, &zHow) ){
      zCc = zCcBuf;
      if( zHow && strcmp(zHow, "coords")==0 ) wCountry = 0.9;
    }
  }
  /* 0. A hand fix of this side. */
  if( r->nFix ){
    Buf k = BUF_INIT;
    twin_fix_key(pl->zName, pl->zCountry, pl->zQid, zCc, &k);
    const RFix *f = tw_fix_of(r, buf_str(&k));
    buf_free(&k);
    if( f ){
      int i = f->cityId>0 ? tw_city_index(r, f->cityId) : -1;
      if( i>=0 ){
        resolved(m, &r->a[i], "fixed", 1.0);
        snprintf(m->zDetail, sizeof m->zDetail, "chosen by hand: %.100s", r->a[i].zName);
      }else{
        m->zHow = "not_a_city";
        snprintf(m->zDetail, sizeof m->zDetail, "%s", f->cityId>0 ? "the city chosen by hand is no longer in the gazetteer"
                                                                  : "marked by hand as not a city");
      }
      return;
    }
  }
  if( pl->zCountry && *pl->zCountry && !zCc ){
    m->zHow = "unknown_country";
    snprintf(m->zDetail, sizeof m->zDetail, "country '%.100s' is not known%s", pl->zCountry,
             pl->bCoords ? " and no city lies within 30 km of the given point" : "");
    return;
  }
  if( zCc ) memcpy(m->zIso2, zCc, 3);
  /* The variants of the folded name (folding once is quicker than folding
  ** each variant, and gives the same keys). */
  CnVariant aVar[CN_MAX_VARIANT];
  char *zFold0 = tw_fold_fast(pl->zName);
  int nVar = cn_city_variants(zFold0 ? zFold0 : pl->zName, aVar, CN_MAX_VARIANT - 1);
  double aW[CN_MAX_VARIANT];
  for(int i=0; i<nVar; i++) aW[i] = kind_weight(aVar[i].kind);
  /* Other scripts: add the Latin transliteration. */
  if( zFold0 && has_non_ascii_letter(zFold0) && nVar<CN_MAX_VARIANT ){
    char *zLat = cn_latin(zFold0);
    if( zLat && *zLat && strcmp(zLat, zFold0)!=0 ){
      snprintf(aVar[nVar].z, CN_NAME_MAX, "%s", zLat);
      aVar[nVar].kind = CN_STRIPPED;
      aW[nVar] = 0.9;
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
  Cand aC[64];
  const RCity *pWeak = 0;     /* a similar name near the point: a suggestion */
  double dWeak = 0;
  /* The area word of the name: a county, province, region ... (or a
  ** district no city is named for) is an area, not its namesake town; a
  ** municipality is its town only when it holds it. */
  char zStem[CN_NAME_MAX];
  CnQualKind q = cn_area_qualifier(pl->zName, zStem, sizeof zStem);
  int bParent = 0;
  for(int i=0; i<nVar; i++) if( aVar[i].kind==CN_PARENT ) bParent = 1;
  int bAreaOnly = q==CN_Q_AREA || (q==CN_Q_DISTRICT && !bParent);
  const char *zStemL = "";
  if( q ){
    char *zF = tw_fold_fast(zStem);
    zStemL = tw_loose(&r->arena, zF ? zF : zStem);
    free(zF);
  }
  if( q==CN_Q_MUNI && *zStemL && !lookup(r, azLoose[0], zCc, aC, 64) ){
    int aA[16];
    int nA = tw_area_lookup(r, zStemL, zCc, aA, 16), nMuni = 0;
    for(int j=0; j<nA; j++){
      const RArea *a = &r->aArea[aA[j]];
      if( a->kind!=CN_Q_MUNI ) continue;
      nMuni++;
      int nc = lookup(r, zStemL, a->zCc, aC, 64);
      for(int k=0; k<nc; k++){
        const RCity *x = &r->a[aC[k].i];
        if( aC[k].bAlt || x->aArea[a->level-1]!=aA[j] ) continue;
        /* below an exact match of the town's name: a Wikidata item of the
        ** municipality does not take the town from the item of the town */
        resolved(m, x, "variant", (zCc ? 0.9 : 0.8)*wCountry);
        snprintf(m->zDetail, sizeof m->zDetail, "the municipality %.80s, its town %.80s", a->zName, x->zName);
        return;
      }
    }
    if( nMuni ){
      m->zHow = "area";
      snprintf(m->zDetail, sizeof m->zDetail, "'%.100s' is a municipality of GeoNames that holds no town of the name"
               " (the town of the name is a unit of its own)", pl->zName);
      return;
    }
  }
  /* The tails that may name the city or the area (see TailCtx). */
  TailCtx tail;
  memset(&tail, 0, sizeof tail);
  if( !bAreaOnly ){
    for(int i=0; i<nVar; i++) if( aVar[i].kind==CN_PARENT ) tail_add(r, zCc, aVar[i].z, &tail);
    const char *zComma = strchr(pl->zName, ',');
    if( zComma && zComma[1] ) tail_add(r, zCc, zComma + 1, &tail);
  }
  /* 1. names and variants other than the parent */
  for(int pass=0; pass<2; pass++){
    for(int i=0; i<nVar; i++){
      if( (aVar[i].kind==CN_PARENT)!=(pass==1) || !*azLoose[i] ) continue;
      if( bAreaOnly && aVar[i].kind!=CN_FULL ) continue;
      int nc = lookup(r, azLoose[i], zCc, aC, 64);
      if( aVar[i].kind==CN_PART ){
        /* a district part by its own name only, not by another place's
        ** alternate name: else the city the source names decides */
        int k = 0;
        for(int j=0; j<nc; j++) if( !aC[j].bAlt ) aC[k++] = aC[j];
        nc = k;
      }
      if( aVar[i].kind!=CN_FULL && aVar[i].kind!=CN_PARENT && (tail.nArea || tail.nCity) ) nc = tail_filter(r, &tail, aC, nc);
      if( nc ){
        if( decide(r, pl, zCc, &aVar[i], aC, nc, aW[i]*wCountry, m) ){
          /* the point is elsewhere in the country: a municipality of the
          ** name there may be meant (its seat near the point) */
          TwinMatch far = *m;
          if( pass==0 && try_seat(r, pl, zCc, q, zStemL, bParent, azLoose[0], wCountry, m) ) return;
          *m = far;
          return;
        }
        if( m->bResolved && aVar[i].kind==CN_PARENT )
          snprintf(m->zDetail, sizeof m->zDetail, "'%.100s' taken as its city %.100s", pl->zName, r->a[tw_city_index(r, m->id)].zName);
        return;
      }
    }
    /* 1b. a known other name (Moskau = Moscow, data/city_aliases.tsv) */
    for(int i=0; pass==0 && i<nVar; i++){
      if( aVar[i].kind==CN_PARENT || !*azLoose[i] ) continue;
      if( bAreaOnly && aVar[i].kind!=CN_FULL ) continue;
      const CAlias *a = tw_city_alias(r, azLoose[i], zCc);
      if( !a ) continue;
      int nc = lookup(r, a->zTarget, a->zCc, aC, 64);
      if( nc ){
        CnVariant v = aVar[i];
        v.kind = CN_FULL;
        (void)decide(r, pl, zCc ? zCc : a->zCc, &v, aC, nc, 0.95*aW[i]*wCountry, m);
        if( m->bResolved ){
          m->zHow = "alias";
          snprintf(m->zDetail, sizeof m->zDetail, "'%.100s' is another name of %.100s (data/city_aliases.tsv)", pl->zName,
                   r->a[tw_city_index(r, m->id)].zName);
        }
        return;
      }
    }
    if( pass==0 && !bAreaOnly ){
      /* 2. another spelling of the name near the point, in the country
      ** (after the names, before the parent) */
      if( pl->bCoords ){
        SimilarCtx s;
        memset(&s, 0, sizeof s);
        s.r = r;
        s.zCc = zCc;
        for(int i=0; i<nVar; i++){
          /* not "Savyetski District (Minsk)" itself: its parent is tried next */
          /* nor a district part ("Tempelhof-Schöneberg" of "Berlin – ..."): that
          ** resolves by its own name or to the city the source names */
          if( aVar[i].kind==CN_PARENT || aVar[i].kind==CN_PART || strlen(azLoose[i])<4 || strchr(aVar[i].z, '(') ) continue;
          size_t nDash;
          if( cn_find_dash(aVar[i].z, &nDash) ) continue;
          cn_skeleton(azLoose[i], s.azSkel[s.nLoose], CN_NAME_MAX);
          s.azLoose[s.nLoose++] = azLoose[i];
        }
        near_each(r, pl->lat, pl->lng, NEAR_KM, similar_cb, &s);
        if( s.pBest ){
          resolved(m, s.pBest, "near_similar", 0.75*wCountry);
          snprintf(m->zDetail, sizeof m->zDetail, "'%.100s' taken as %.100s (another spelling, %.0f km from the given point)",
                   pl->zName, s.pBest->zName, s.dBest);
          return;
        }
        if( !bParent ){ pWeak = s.pWeak; dWeak = s.dWeak; }
        /* the name with a locator ("Frankenberg an der Eder", "Herblay-
        ** sur-Seine", "Nötsch im Gailtal"): the town of the head name at
        ** the point */
        if( !bParent && q==CN_Q_NONE && locator_head(r, pl, zCc, wCountry, m) ) return;
      }
      /* 3. a municipality of the name that GeoNames holds as an area:
      ** its seat (Trysil -> Innbygda, Bohinj -> Bohinjska Bistrica) */
      if( try_seat(r, pl, zCc, q, zStemL, bParent, azLoose[0], wCountry, m) ) return;
    }
  }
  m->zHow = "not_found";
  InCountryCtx n = {r, zCc, 0, 0};
  if( pl->bCoords ) near_each(r, pl->lat, pl->lng, NEAR_KM, in_country_cb, &n);
  /* 4. the name exists near the point, but in another country than the
  ** source states: never moved there; left for review. */
  if( zCc && pl->bCoords && !bAreaOnly ){
    for(int i=0; i<nVar; i++){
      if( aVar[i].kind==CN_PARENT || !*azLoose[i] ) continue;
      int nc = lookup(r, azLoose[i], 0, aC, 64);
      for(int k=0; k<nc; k++){
        const RCity *x = &r->a[aC[k].i];
        if( tw_in_country(r, x, zCc) ) continue;
        double d = cn_haversine(pl->lat, pl->lng, x->lat, x->lng);
        if( d<=NEAR_KM ){
          m->zHow = "wrong_country";
          m->nCand = 1;
          m->aCand[0] = x->id;
          snprintf(m->zDetail, sizeof m->zDetail, "no place named '%.80s' in %s; GeoNames has %.80s in %s, %.0f km from the given point",
                   pl->zName, zCc, x->zName, x->zCc, d);
          return;
        }
      }
    }
  }
  if( bAreaOnly || q==CN_Q_DISTRICT ){
    m->zHow = "area";
    snprintf(m->zDetail, sizeof m->zDetail, "'%.100s' names an area (county, district, region), not a GeoNames city%s%.80s",
             pl->zName, n.pBest ? "; a town at the given point: " : "", n.pBest ? n.pBest->zName : "");
    return;
  }
  /* 5. not found; a listed place of the country at the point is only a
  ** suggestion for review (Castile and León is not Valladolid). */
  if( pWeak ){
    snprintf(m->zDetail, sizeof m->zDetail, "no GeoNames place named '%.80s'%s%s; suggestion: %.80s (GeoNames %lld),"
             " a similar name %.0f km from the given point", pl->zName, zCc ? " in " : "", zCc ? zCc : "",
             pWeak->zName, (long long)pWeak->id, dWeak);
  }else if( n.pBest ){
    snprintf(m->zDetail, sizeof m->zDetail, "no GeoNames place named '%.80s'%s%s; suggestion: %.80s (GeoNames %lld), %.1f km"
             " from the given point", pl->zName, zCc ? " in " : "", zCc ? zCc : "", n.pBest->zName, (long long)n.pBest->id,
             n.dBest);
  }else{
    snprintf(m->zDetail, sizeof m->zDetail, "no GeoNames place named '%.80s'%s%s",
             pl->zName, zCc ? " in " : "", zCc ? zCc : "");
  }
}

/* Without a country or a point, a name that is a small place in one
** country and a municipality of another name's seat in another is not
** decided (Sal: Sāl in Jordan, or the
** island municipality of Cape Verde, seat Espargos). */
static void resolve_uncached(TwinResolver *r, const TwinPlace *pl, TwinMatch *m){
  resolve_inner(r, pl, m);
  if( !m->bResolved || (pl->zCountry && *pl->zCountry) || pl->bCoords || strcmp(m->zHow, "fixed")==0 ) return;
  char *zF = tw_fold_fast(pl->zName);
  char zL[CN_NAME_MAX*2];
  size_t nL = zF ? cn_loose(zF, zL, sizeof zL) : 0;
  free(zF);
  if( !nL ) return;
  int aA[16];
  int nA = tw_area_lookup(r, zL, 0, aA, 16);
  int i = tw_city_index(r, m->id);
  if( i<0 ) return;
  const RCity *x = &r->a[i];
  for(int j=0; j<nA; j++){
    const RArea *a = &r->aArea[aA[j]];
    if( a->iSeat<0 || (a->kind!=CN_Q_NONE && a->kind!=CN_Q_MUNI) || tw_muni_level(r, a->zCc)!=a->level ) continue;
    const RCity *s = &r->a[a->iSeat];
    /* (a seat of that very name was a candidate already) */
    if( s==x || memcmp(s->zCc, x->zCc, 2)==0 || s->pop*POP_DECIDES<x->pop || strcmp(s->zLoose, zL)==0 ) continue;
    const RCity *ap[2] = {x, s};
    char zWhy[200];
    snprintf(zWhy, sizeof zWhy, "'%.60s' is a place and, in another country, a municipality (seat %.60s):", pl->zName, s->zName);
    ambiguous(m, zWhy, ap, 2);
    return;
  }
}


/* The cached match of a place (resolved on first use); 0 on OOM. */
const TwinMatch *twin_resolve_ref(TwinResolver *r, const TwinPlace *pl){
  char zKey[CN_NAME_MAX*3 + 40];
  if( pl->bCoords ) snprintf(zKey, sizeof zKey, "%s\x1f%s\x1f%s\x1f%.4f\x1f%.4f", pl->zName, pl->zCountry ? pl->zCountry : "\x1e",
                             pl->zQid ? pl->zQid : "", pl->lat, pl->lng);
  else snprintf(zKey, sizeof zKey, "%s\x1f%s\x1f%s", pl->zName, pl->zCountry ? pl->zCountry : "\x1e", pl->zQid ? pl->zQid : "");
  uint64_t h = tw_hash(zKey);
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
  const TwinMatch *p = twin_resolve_ref(r, pl);
  if( p ) *m = *p;
  else resolve_uncached(r, pl, m);
}

