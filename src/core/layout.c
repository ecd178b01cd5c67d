/* layout.c: layout analysis; see layout.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/layout.h"
#include "core/tie_vocab.h"
#include "core/countrylist.h"
#include "core/cand_fit.h"
#include "core/input.h"
#include "base/arena.h"

const char *const azLayoutState[] = {"covered", "dormant_only", "candidate_only", "inactive_only", "none", 0};
enum { ST_COVERED, ST_DORMANT, ST_CANDIDATE, ST_INACTIVE, ST_NONE };

const char zLayoutPriorityRule[] =
  "priority = 25 for each target or user list the country is in"
  " + 0..20 for the people of its GeoNames towns (5 x log10(people / 100,000))"
  " + 0..15 for its openness to China (5 x log10(1 + twin links with Chinese cities), world twin network)"
  " + 10 if it has no tie at all, 8 if its ties are dormant, 6 if none is active, 4 if it has only candidates;"
  " a country covered by a working tie but in a list marked expand (more ties wanted) gets + 5 instead.";


typedef struct LCountry {
  char zIso2[3];
  const char *zCcn3, *zNameEn, *zNameZh, *zContinent, *zSubregion;
  int nTie, aKind[TIE_NKIND], aStatus[TIE_NSTATUS];
  int nWorking, nWorkingDormant, nCandidateOpen;
  int64_t pop;
  int nLinks, nLinksCn, nTwinCities;
  int nTarget;             /* target and user lists it is in */
  int state;
} LCountry;

typedef struct LList {
  const char *zKey, *zNameEn, *zNameZh, *zKind, *zSource, *zAsOf;
  int bBuiltin;
  int bExpand, bExpandUser;  /* marked expand; by the office (else by its data file) */
  int *aMember, nMember, nAlloc;
} LList;

typedef struct LCtx {
  Arena arena;
  LCountry *a;
  int n;
  int aIdx[26*26];         /* iso2 -> index + 1 */
  LList *aList;
  int nList;
} LCtx;

static int idx_of(LCtx *x, const char *z){
  if( !z || z[0]<'A' || z[0]>'Z' || z[1]<'A' || z[1]>'Z' ) return -1;
  return x->aIdx[(z[0]-'A')*26 + (z[1]-'A')] - 1;
}

int layout_has_health(Ctx *c){
  DbStmt *p = db_stmt(c->db, "SELECT 1 FROM sqlite_master WHERE type='table' AND name='tie_health'");
  if( !p ) return 0;
  int b = db_step(p)==DB_ROW;
  db_reset(p);
  return b;
}

static json_t *jstr_or_null(const char *z){ return z ? json_string(z) : json_null(); }

static YcStatus load(Ctx *c, LCtx *x, int bHealth, Err *e){
  DbStmt *p = db_stmt(c->db,
    "SELECT co.iso2, co.ccn3, co.name_en, co.name_zh, co.continent, co.subregion,"
    " coalesce(s.town_pop,0), coalesce(s.twin_links,0), coalesce(s.links_china,0), coalesce(s.twin_cities,0)"
    " FROM country co LEFT JOIN layout_country_stat s ON s.iso2=co.iso2 ORDER BY co.name_en");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  x->a = arena_alloc(&x->arena, sizeof(LCountry)*300);
  if( !x->a ){ db_reset(p); return err_set(e, YC_EINTERNAL, 0, 0, "out of memory"); }
  while( db_step(p)==DB_ROW && x->n<300 ){
    LCountry *k = &x->a[x->n];
    const char *zIso = db_text(p, 0);
    if( !zIso || strlen(zIso)!=2 ) continue;
    memcpy(k->zIso2, zIso, 3);
    k->zCcn3 = arena_strdup(&x->arena, db_text(p, 1));
    k->zNameEn = arena_strdup(&x->arena, db_text(p, 2));
    k->zNameZh = arena_strdup(&x->arena, db_text(p, 3));
    k->zContinent = arena_strdup(&x->arena, db_text(p, 4));
    k->zSubregion = arena_strdup(&x->arena, db_text(p, 5));
    k->pop = db_col_int64(p, 6);
    k->nLinks = db_col_int(p, 7);
    k->nLinksCn = db_col_int(p, 8);
    k->nTwinCities = db_col_int(p, 9);
    if( zIso[0]>='A' && zIso[0]<='Z' && zIso[1]>='A' && zIso[1]<='Z' ) x->aIdx[(zIso[0]-'A')*26 + (zIso[1]-'A')] = x->n + 1;
    x->n++;
  }
  db_reset(p);
  /* Ties by country, kind, status (and dormant level when known). */
  p = db_stmt(c->db, bHealth ?
    "SELECT ci.country, t.kind, t.status, count(*), sum(coalesce(h.level,'')='dormant') FROM tie t"
    " JOIN city ci ON ci.id=t.partner_city_id LEFT JOIN tie_health h ON h.tie_id=t.id"
    " WHERE t.home_city_id=?1 GROUP BY 1,2,3" :
    "SELECT ci.country, t.kind, t.status, count(*), 0 FROM tie t"
    " JOIN city ci ON ci.id=t.partner_city_id WHERE t.home_city_id=?1 GROUP BY 1,2,3");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, c->homeCityId);
  while( db_step(p)==DB_ROW ){
    int i = idx_of(x, db_text(p, 0));
    if( i<0 ) continue;
    LCountry *k = &x->a[i];
    int iKind = in_enum_index(azTieKind, db_text(p, 1)), iSt = in_enum_index(azTieStatus, db_text(p, 2));
    int n = db_col_int(p, 3), nDormant = db_col_int(p, 4);
    k->nTie += n;
    if( iKind>=0 ) k->aKind[iKind] += n;
    if( iSt>=0 ) k->aStatus[iSt] += n;
    int bActive = iSt>=0 && strcmp(azTieStatus[iSt], "active")==0;
    int bEnded = iSt>=0 && strcmp(azTieStatus[iSt], "ended")==0;
    if( iKind<=1 && iKind>=0 && bActive ){ k->nWorking += n; k->nWorkingDormant += nDormant; }
    if( iKind==2 && !bEnded ) k->nCandidateOpen += n;
  }
  db_reset(p);
  for(int i=0; i<x->n; i++){
    LCountry *k = &x->a[i];
    if( k->nWorking ) k->state = (bHealth && k->nWorkingDormant==k->nWorking) ? ST_DORMANT : ST_COVERED;
    else if( k->nCandidateOpen && k->aKind[0]+k->aKind[1]==0 ) k->state = ST_CANDIDATE;
    else if( k->nTie ) k->state = ST_INACTIVE;
    else k->state = ST_NONE;
  }
  /* Lists and members; the home city's own country is no partner country
  ** (China is in wb_upper_middle), so it is left out of every list here. */
  char zHomeCc[3] = "";
  p = db_stmt(c->db, "SELECT country FROM city WHERE id=?1");
  if( p ){
    db_bind_int64(p, 1, c->homeCityId);
    if( db_step(p)==DB_ROW ) snprintf(zHomeCc, sizeof zHomeCc, "%s", db_text(p, 0));
    db_reset(p);
  }
  int iHome = zHomeCc[0] ? idx_of(x, zHomeCc) : -1;
  p = db_stmt(c->db,
    "SELECT l.id, l.key, l.name_en, l.name_zh, l.kind, l.builtin, l.source, l.as_of, m.iso2,"
    " coalesce(l.expand_user, l.expand_data), l.expand_user IS NOT NULL"
    " FROM country_list l LEFT JOIN country_list_member m ON m.list_id=l.id"
    " ORDER BY CASE l.kind WHEN 'target' THEN 0 WHEN 'user' THEN 1 ELSE 2 END, l.builtin DESC, l.id");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  int nAlloc = 0;
  const char *zLastKey = 0;
  while( db_step(p)==DB_ROW ){
    const char *zKey = db_text(p, 1);
    if( !zLastKey || strcmp(zLastKey, zKey)!=0 ){
      if( x->nList>=nAlloc ){
        int nNew = nAlloc ? nAlloc*2 : 32;
        LList *aNew = arena_alloc(&x->arena, sizeof(LList)*(size_t)nNew);
        if( !aNew ){ db_reset(p); return err_set(e, YC_EINTERNAL, 0, 0, "out of memory"); }
        if( x->nList ) memcpy(aNew, x->aList, sizeof(LList)*(size_t)x->nList);
        x->aList = aNew;
        nAlloc = nNew;
      }
      LList *l = &x->aList[x->nList++];
      memset(l, 0, sizeof *l);
      l->zKey = arena_strdup(&x->arena, zKey);
      l->zNameEn = arena_strdup(&x->arena, db_text(p, 2));
      l->zNameZh = arena_strdup(&x->arena, db_text(p, 3));
      l->zKind = arena_strdup(&x->arena, db_text(p, 4));
      l->bBuiltin = db_col_int(p, 5);
      l->zSource = arena_strdup(&x->arena, db_text(p, 6));
      l->zAsOf = arena_strdup(&x->arena, db_text(p, 7));
      l->bExpand = db_col_int(p, 9);
      l->bExpandUser = db_col_int(p, 10);
      zLastKey = l->zKey;
    }
    LList *l = &x->aList[x->nList-1];
    int i = idx_of(x, db_text(p, 8));
    if( i<0 || i==iHome ) continue;
    if( l->nMember>=l->nAlloc ){
      int nNew = l->nAlloc ? l->nAlloc*2 : 32;
      int *aNew = arena_alloc(&x->arena, sizeof(int)*(size_t)nNew);
      if( !aNew ){ db_reset(p); return err_set(e, YC_EINTERNAL, 0, 0, "out of memory"); }
      if( l->nMember ) memcpy(aNew, l->aMember, sizeof(int)*(size_t)l->nMember);
      l->aMember = aNew;
      l->nAlloc = nNew;
    }
    l->aMember[l->nMember++] = i;
    if( strcmp(l->zKind, "reference")!=0 ) x->a[i].nTarget++;
  }
  db_reset(p);
  return YC_OK;
}

static json_t *counts_json(const char *const *az, const int *a){
  json_t *o = json_object();
  for(int i=0; az[i]; i++) json_object_set_new(o, az[i], json_integer(a[i]));
  return o;
}

/* Keys of the lists that have country i. */
static json_t *lists_of(LCtx *x, int i){
  json_t *a = json_array();
  for(int k=0; k<x->nList; k++){
    LList *l = &x->aList[k];
    for(int m=0; m<l->nMember; m++) if( l->aMember[m]==i ){ json_array_append_new(a, json_string(l->zKey)); break; }
  }
  return a;
}

static json_t *reason(const char *zFactor, json_t *value, int nPoints, const char *zText){
  return json_pack("{s:s, s:o, s:i, s:s}", "factor", zFactor, "value", value, "points", nPoints, "text", zText);
}

/* A gap (bExpand 0) or a covered country of a list marked expand. */
static json_t *gap_json(LCtx *x, int i, int bExpand){
  LCountry *k = &x->a[i];
  json_t *reasons = json_array();
  char z[200];
  int nList = 25*k->nTarget;
  snprintf(z, sizeof z, "in %d target or user list(s)", k->nTarget);
  json_array_append_new(reasons, reason("lists", json_integer(k->nTarget), nList, z));
  int nPop = 0;
  if( k->pop>100000 ){
    nPop = (int)lround(5.0*log10((double)k->pop/1e5));
    if( nPop>20 ) nPop = 20;
  }
  snprintf(z, sizeof z, "%lld people in its GeoNames towns", (long long)k->pop);
  json_array_append_new(reasons, reason("population", json_integer(k->pop), nPop, z));
  int nCn = k->nLinksCn ? (int)lround(5.0*log10(1.0 + k->nLinksCn)) : 0;
  if( nCn>15 ) nCn = 15;
  snprintf(z, sizeof z, "%d twin link(s) with Chinese cities in the world network", k->nLinksCn);
  json_array_append_new(reasons, reason("china_links", json_integer(k->nLinksCn), nCn, z));
  static const int aStatePts[] = {0, 8, 4, 6, 10};
  static const char *const azStateText[] = {"covered", "its ties are all dormant", "only candidate ties",
    "no active tie", "no tie at all"};
  int nState = aStatePts[k->state];
  json_array_append_new(reasons, reason("state", json_string(azLayoutState[k->state]), nState, azStateText[k->state]));
  if( bExpand ){
    json_t *keys = json_array();
    for(int j=0; j<x->nList; j++){
      LList *l = &x->aList[j];
      if( !l->bExpand ) continue;
      for(int m=0; m<l->nMember; m++) if( l->aMember[m]==i ){ json_array_append_new(keys, json_string(l->zKey)); break; }
    }
    snprintf(z, sizeof z, "covered, but in a list marked expand: more ties wanted (%d tie(s) now)", k->nTie);
    json_array_append_new(reasons, reason("expand", keys, 5, z));
    nState += 5;
  }
  return json_pack("{s:s, s:o, s:o, s:o, s:o, s:s, s:i, s:o, s:I, s:i, s:i, s:o}",
    "iso2", k->zIso2, "ccn3", jstr_or_null(k->zCcn3), "name_en", jstr_or_null(k->zNameEn),
    "name_zh", jstr_or_null(k->zNameZh), "continent", jstr_or_null(k->zContinent),
    "state", azLayoutState[k->state], "priority", nList + nPop + nCn + nState,
    "lists", lists_of(x, i), "population", (json_int_t)k->pop, "china_links", k->nLinksCn,
    "ties", k->nTie, "reasons", reasons);
}

static int gap_cmp(const void *a, const void *b){
  json_t *x = *(json_t*const*)a, *y = *(json_t*const*)b;
  json_int_t px = json_integer_value(json_object_get(x, "priority")), py = json_integer_value(json_object_get(y, "priority"));
  if( px!=py ) return px>py ? -1 : 1;
  return strcmp(json_string_value(json_object_get(x, "iso2")), json_string_value(json_object_get(y, "iso2")));
}

/* Sort gap objects by priority (highest first), then ISO code. */
static void sort_by_priority(json_t *a){
  size_t n = json_array_size(a);
  if( n<2 ) return;
  json_t **ap = malloc(sizeof(json_t*)*n);
  if( !ap ) return;
  for(size_t i=0; i<n; i++) ap[i] = json_incref(json_array_get(a, i));
  qsort(ap, n, sizeof ap[0], gap_cmp);
  json_array_clear(a);
  for(size_t i=0; i<n; i++) json_array_append_new(a, ap[i]);
  free(ap);
}

static json_t *list_json(LCtx *x, LList *l){
  int aState[5] = {0, 0, 0, 0, 0};
  for(int m=0; m<l->nMember; m++) aState[x->a[l->aMember[m]].state]++;
  json_t *states = json_object();
  for(int s=0; azLayoutState[s]; s++) json_object_set_new(states, azLayoutState[s], json_integer(aState[s]));
  int nCovered = aState[ST_COVERED] + aState[ST_DORMANT];
  return json_pack("{s:s, s:o, s:o, s:s, s:b, s:o, s:o, s:b, s:s, s:i, s:i, s:i, s:f, s:o}",
    "key", l->zKey, "name_en", jstr_or_null(l->zNameEn), "name_zh", jstr_or_null(l->zNameZh),
    "kind", l->zKind, "builtin", l->bBuiltin, "source", jstr_or_null(l->zSource), "as_of", jstr_or_null(l->zAsOf),
    "expand", l->bExpand, "expand_by", l->bExpandUser ? "user" : "data",
    "members", l->nMember, "covered", nCovered, "working", aState[ST_COVERED],
    "share", l->nMember ? (double)nCovered/(double)l->nMember : 0.0, "states", states);
}

YcStatus layout_analyse(Ctx *c, const char *zList, json_t **ppOut, Err *e){
  *ppOut = 0;
  if( zList && !clist_key_ok(zList) )
    return err_set(e, YC_EINVALID, "invalid_value", "list", "list must be the key of a country list such as bri");
  LCtx x;
  memset(&x, 0, sizeof x);
  int bHealth = layout_has_health(c);
  YcStatus st = load(c, &x, bHealth, e);
  if( st ){ arena_free(&x.arena); return st; }
  LList *pSel = 0;
  for(int k=0; zList && k<x.nList; k++) if( strcmp(x.aList[k].zKey, zList)==0 ) pSel = &x.aList[k];
  if( zList && !pSel ){
    arena_free(&x.arena);
    return err_set(e, YC_EINVALID, "unknown_list", "list", "no country list with key '%s'", zList);
  }
  /* Totals, continents, subregions, countries */
  int aKind[TIE_NKIND] = {0}, aStatus[TIE_NSTATUS] = {0}, nTies = 0, nCountries = 0, nCovered = 0, nWorking = 0;
  json_t *conts = json_object(), *subs = json_object(), *countries = json_array();
  for(int i=0; i<x.n; i++){
    LCountry *k = &x.a[i];
    if( k->nTie ){
      nTies += k->nTie;
      nCountries++;
      if( k->state==ST_COVERED || k->state==ST_DORMANT ) nCovered++;
      if( k->state==ST_COVERED ) nWorking++;
      for(int j=0; j<TIE_NKIND; j++) aKind[j] += k->aKind[j];
      for(int j=0; j<TIE_NSTATUS; j++) aStatus[j] += k->aStatus[j];
      for(int g=0; g<2; g++){
        const char *zGroup = g ? k->zSubregion : k->zContinent;
        if( !zGroup ) continue;
        json_t *o = json_object_get(g ? subs : conts, zGroup);
        if( !o ){
          o = json_pack("{s:s, s:i, s:i, s:i, s:o}", g ? "name" : "key", zGroup, "ties", 0, "countries", 0, "covered", 0,
                        "by_kind", counts_json(azTieKind, (int[]){0, 0, 0}));
          if( g ) json_object_set_new(o, "continent", jstr_or_null(k->zContinent));
          json_object_set_new(g ? subs : conts, zGroup, o);
        }
        json_object_set_new(o, "ties", json_integer(json_integer_value(json_object_get(o, "ties")) + k->nTie));
        json_object_set_new(o, "countries", json_integer(json_integer_value(json_object_get(o, "countries")) + 1));
        if( k->state==ST_COVERED || k->state==ST_DORMANT ) json_object_set_new(o, "covered", json_integer(json_integer_value(json_object_get(o, "covered")) + 1));
        json_t *bk = json_object_get(o, "by_kind");
        for(int j=0; j<3; j++)
          json_object_set_new(bk, azTieKind[j], json_integer(json_integer_value(json_object_get(bk, azTieKind[j])) + k->aKind[j]));
      }
    }
    if( k->nTie || k->nTarget ){
      json_array_append_new(countries, json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:i, s:o, s:o, s:s, s:o, s:i, s:i}",
        "iso2", k->zIso2, "ccn3", jstr_or_null(k->zCcn3), "name_en", jstr_or_null(k->zNameEn),
        "name_zh", jstr_or_null(k->zNameZh), "continent", jstr_or_null(k->zContinent),
        "subregion", jstr_or_null(k->zSubregion), "ties", k->nTie,
        "by_kind", counts_json(azTieKind, k->aKind), "by_status", counts_json(azTieStatus, k->aStatus),
        "state", azLayoutState[k->state], "lists", lists_of(&x, i),
        "china_links", k->nLinksCn, "twin_cities", k->nTwinCities));
    }
  }
  /* Members of reference lists that have neither ties nor target lists
  ** still matter when that list is selected: add them. */
  if( pSel ){
    for(int m=0; m<pSel->nMember; m++){
      LCountry *k = &x.a[pSel->aMember[m]];
      if( k->nTie || k->nTarget ) continue;
      json_array_append_new(countries, json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:i, s:o, s:o, s:s, s:o, s:i, s:i}",
        "iso2", k->zIso2, "ccn3", jstr_or_null(k->zCcn3), "name_en", jstr_or_null(k->zNameEn),
        "name_zh", jstr_or_null(k->zNameZh), "continent", jstr_or_null(k->zContinent),
        "subregion", jstr_or_null(k->zSubregion), "ties", 0,
        "by_kind", counts_json(azTieKind, k->aKind), "by_status", counts_json(azTieStatus, k->aStatus),
        "state", azLayoutState[k->state], "lists", lists_of(&x, pSel->aMember[m]),
        "china_links", k->nLinksCn, "twin_cities", k->nTwinCities));
    }
  }
  json_t *aCont = json_array(), *aSub = json_array(), *v;
  const char *zK;
  json_object_foreach(conts, zK, v) json_array_append(aCont, v);
  json_object_foreach(subs, zK, v) json_array_append(aSub, v);
  json_decref(conts);
  json_decref(subs);
  /* Lists */
  json_t *lists = json_array();
  for(int k=0; k<x.nList; k++) json_array_append_new(lists, list_json(&x, &x.aList[k]));
  /* Gaps: members of the selected list, or of all target and user lists,
  ** that are not covered. */
  int *aSeen = arena_alloc(&x.arena, sizeof(int)*(size_t)(x.n + 1));
  json_t *gaps = json_array();
  for(int k=0; k<x.nList && aSeen; k++){
    LList *l = &x.aList[k];
    if( pSel ? l!=pSel : strcmp(l->zKind, "reference")==0 ) continue;
    for(int m=0; m<l->nMember; m++){
      int i = l->aMember[m];
      if( aSeen[i] || x.a[i].state==ST_COVERED ) continue;
      aSeen[i] = 1;
      json_array_append_new(gaps, gap_json(&x, i, 0));
    }
  }
  /* Expand: the covered members of the lists marked expand (of the
  ** selected list, or of all target and user lists). */
  json_t *expand = json_array();
  for(int k=0; k<x.nList && aSeen; k++){
    LList *l = &x.aList[k];
    if( !l->bExpand || (pSel ? l!=pSel : strcmp(l->zKind, "reference")==0) ) continue;
    for(int m=0; m<l->nMember; m++){
      int i = l->aMember[m];
      if( aSeen[i] || x.a[i].state!=ST_COVERED ) continue;
      aSeen[i] = 1;
      json_array_append_new(expand, gap_json(&x, i, 1));
    }
  }
  sort_by_priority(expand);
  sort_by_priority(gaps);
  /* Home city */
  json_t *home = json_null();
  DbStmt *p = db_stmt(c->db, "SELECT c.id, c.name, c.name_zh, c.country, c.admin_code FROM city c WHERE c.id=?1");
  if( p ){
    db_bind_int64(p, 1, c->homeCityId);
    if( db_step(p)==DB_ROW ){
      json_decref(home);
      home = json_pack("{s:I, s:o, s:o, s:o, s:o}", "id", (json_int_t)db_col_int64(p, 0),
        "name_en", jstr_or_null(db_text(p, 1)), "name_zh", jstr_or_null(db_text(p, 2)),
        "country", jstr_or_null(db_text(p, 3)), "admin_code", jstr_or_null(db_text(p, 4)));
    }
    db_reset(p);
  }
  json_t *sel = json_null();
  if( pSel ){
    for(size_t i=0; i<json_array_size(lists); i++){
      json_t *l = json_array_get(lists, i);
      if( strcmp(json_string_value(json_object_get(l, "key")), pSel->zKey)==0 ){ sel = json_incref(l); break; }
    }
  }
  *ppOut = json_pack("{s:o, s:o, s:b, s:{s:i, s:i, s:i, s:i, s:o, s:o}, s:o, s:o, s:o, s:o, s:o, s:o, s:s}",
    "home_city", home, "list", sel, "health", bHealth,
    "totals", "ties", nTies, "countries", nCountries, "covered_countries", nCovered, "working_countries", nWorking,
    "by_kind", counts_json(azTieKind, aKind), "by_status", counts_json(azTieStatus, aStatus),
    "continents", aCont, "subregions", aSub, "countries", countries, "lists", lists, "gaps", gaps, "expand", expand,
    "priority_rule", zLayoutPriorityRule);
  arena_free(&x.arena);
  return YC_OK;
}

static YcStatus stats_refresh(Ctx *c, Err *e);

YcStatus layout_stats_refresh(Ctx *c, Err *e){
  if( db_in_txn(c->db) ) return stats_refresh(c, e);
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  YcStatus st = stats_refresh(c, e);
  if( !st ) st = db_commit(c->db, e);
  if( st ) db_rollback(c->db);
  return st;
}

static YcStatus stats_refresh(Ctx *c, Err *e){
  static const char *const azSql[] = {
    "DELETE FROM layout_country_stat",
    "INSERT INTO layout_country_stat(iso2, town_pop) SELECT co.iso2, coalesce((SELECT sum(population) FROM city"
    " WHERE country=co.iso2),0) FROM country co",
    0};
  for(int i=0; azSql[i]; i++){
    if( db_exec(c->db, azSql[i], e) ) return YC_EINTERNAL;
  }
  char zCc[3] = "", zAdmin[24] = "";
  DbStmt *p = db_stmt(c->db, "SELECT country, coalesce(admin_code,'') FROM city WHERE id=?1");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, c->homeCityId);
  if( db_step(p)==DB_ROW ){
    snprintf(zCc, sizeof zCc, "%s", db_text(p, 0));
    snprintf(zAdmin, sizeof zAdmin, "%s", db_text(p, 1));
  }
  db_reset(p);
  p = db_stmt(c->db,
    "WITH t AS (SELECT a.country ca, a.id ia, a.admin_code aa, b.country cb, b.id ib, b.admin_code ab"
    "   FROM twin_pair p JOIN city a ON a.id=p.city_a JOIN city b ON b.id=p.city_b),"
    " s AS (SELECT ca AS iso2, ia AS cid, cb AS oc, ab AS oa FROM t UNION ALL SELECT cb, ib, ca, aa FROM t)"
    " SELECT iso2, count(DISTINCT cid), count(*), sum(oc='CN' AND iso2<>'CN'), sum(oc=?1 AND oa=?2)"
    " FROM s GROUP BY iso2");
  DbStmt *pUp = db_stmt(c->db,
    "UPDATE layout_country_stat SET twin_cities=?2, twin_links=?3, links_china=?4, links_home_province=?5 WHERE iso2=?1");
  if( !p || !pUp ) return db_error(c->db, DB_ERROR, e);
  db_bind_text(p, 1, zCc, -1);
  db_bind_text(p, 2, zAdmin, -1);
  int rc;
  YcStatus st = YC_OK;
  while( st==YC_OK && (rc = db_step(p))==DB_ROW ){
    for(int i=0; i<5; i++){
      if( i==0 ) db_bind_text_copy(pUp, 1, db_text(p, 0), -1);
      else db_bind_int64(pUp, i+1, db_col_int64(p, i));
    }
    int rc2 = db_step(pUp);
    db_reset(pUp);
    if( rc2!=DB_DONE ) st = db_error(c->db, rc2, e);
  }
  db_reset(p);
  if( !st ) st = fit_stats_refresh(c, e);
  return st;
}
