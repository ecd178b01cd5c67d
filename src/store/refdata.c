/* refdata.c: reference data loading; see refdata.h. */
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "store/refdata.h"
#include "base/asset.h"
#include "base/log.h"
#include "store/gazetteer.h"

const char *refdata_continent(const char *zRegion, const char *zSub){
  if( !zRegion ) return 0;
  if( strcmp(zRegion, "Americas")==0 ){
    return (zSub && strcmp(zSub, "South America")==0) ? "south_america" : "north_america";
  }
  if( strcmp(zRegion, "Europe")==0 ) return "europe";
  if( strcmp(zRegion, "Asia")==0 ) return "asia";
  if( strcmp(zRegion, "Africa")==0 ) return "africa";
  if( strcmp(zRegion, "Oceania")==0 ) return "oceania";
  if( strcmp(zRegion, "Antarctic")==0 ) return "antarctica";
  return 0;
}

static const char *jstr(json_t *o, const char *zPath){
  /* zPath is "a.b.c" into nested objects. */
  char zKey[64];
  while( o && *zPath ){
    const char *zDot = strchr(zPath, '.');
    size_t n = zDot ? (size_t)(zDot - zPath) : strlen(zPath);
    if( n>=sizeof zKey ) return 0;
    memcpy(zKey, zPath, n); zKey[n] = 0;
    o = json_object_get(o, zKey);
    zPath += n + (zDot ? 1 : 0);
  }
  return json_string_value(o);
}

static YcStatus load_countries(Db *db, RefCounts *pc, Err *e){
  size_t n;
  const unsigned char *p = asset_find("data/countries.json", &n);
  if( !p ) return err_set(e, YC_EINTERNAL, "asset", 0, "countries.json missing");
  json_error_t je;
  json_t *a = json_loadb((const char*)p, n, 0, &je);
  if( !json_is_array(a) ){
    json_decref(a);
    return err_set(e, YC_EINTERNAL, "asset", 0, "countries.json: %s", je.text);
  }
  YcStatus st = YC_OK;
  size_t i;
  json_t *c;
  /* cca3 -> cca2, for borders */
  DbStmt *pIns = db_stmt(db,
    "INSERT INTO country(iso2,iso3,name_en,name_zh,official_en,official_zh,region,subregion,continent,lat,lng,ccn3)"
    " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12) ON CONFLICT(iso2) DO UPDATE SET ccn3=excluded.ccn3,"
    " iso3=excluded.iso3, name_en=excluded.name_en, name_zh=excluded.name_zh,"
    " official_en=excluded.official_en, official_zh=excluded.official_zh, region=excluded.region,"
    " subregion=excluded.subregion, continent=excluded.continent, lat=excluded.lat, lng=excluded.lng");
  if( !pIns ){ json_decref(a); return db_error(db, DB_ERROR, e); }
  json_array_foreach(a, i, c){
    const char *zIso2 = jstr(c, "cca2"), *zRegion = jstr(c, "region"), *zSub = jstr(c, "subregion");
    if( !zIso2 || !*zIso2 ) continue;
    db_reset(pIns);
    db_bind_text(pIns, 1, zIso2, -1);
    db_bind_text(pIns, 2, jstr(c, "cca3"), -1);
    db_bind_text(pIns, 3, jstr(c, "name.common"), -1);
    db_bind_text(pIns, 4, jstr(c, "translations.zho.common"), -1);
    db_bind_text(pIns, 5, jstr(c, "name.official"), -1);
    db_bind_text(pIns, 6, jstr(c, "translations.zho.official"), -1);
    db_bind_text(pIns, 7, zRegion, -1);
    db_bind_text(pIns, 8, zSub, -1);
    db_bind_text(pIns, 9, refdata_continent(zRegion, zSub), -1);
    json_t *ll = json_object_get(c, "latlng");
    if( json_array_size(ll)==2 ){
      db_bind_double(pIns, 10, json_number_value(json_array_get(ll, 0)));
      db_bind_double(pIns, 11, json_number_value(json_array_get(ll, 1)));
    }else{
      db_bind_null(pIns, 10);
      db_bind_null(pIns, 11);
    }
    db_bind_text(pIns, 12, jstr(c, "ccn3"), -1);
    int rc = db_step(pIns);
    if( rc!=DB_DONE ){ st = db_error(db, rc, e); break; }
    pc->nCountry++;
  }
  db_reset(pIns);
  if( st==YC_OK ){
    DbStmt *pB = db_stmt(db,
      "INSERT OR IGNORE INTO country_border(iso2,neighbour)"
      " SELECT ?1, iso2 FROM country WHERE iso3=?2");
    json_array_foreach(a, i, c){
      json_t *b = json_object_get(c, "borders"), *x;
      size_t k;
      json_array_foreach(b, k, x){
        db_reset(pB);
        db_bind_text(pB, 1, jstr(c, "cca2"), -1);
        db_bind_text(pB, 2, json_string_value(x), -1);
        int rc = db_step(pB);
        if( rc!=DB_DONE ){ st = db_error(db, rc, e); break; }
        pc->nBorder += db_changes(db);
      }
      if( st ) break;
    }
    db_reset(pB);
  }
  json_decref(a);
  return st;
}

typedef struct CityCtx { Db *db; DbStmt *pCity; RefCounts *pc; } CityCtx;

static YcStatus industry_line(void *pCtx, char **az, int nField, int iLine, Err *e){
  CityCtx *x = pCtx;
  (void)nField; (void)iLine;
  DbStmt *p = x->pCity;
  db_reset(p);
  for(int i=0; i<5; i++) db_bind_text(p, i+1, az[i], -1);
  int rc = db_step(p);
  if( rc!=DB_DONE ) return db_error(x->db, rc, e);
  x->pc->nIndustry += db_changes(x->db);
  return YC_OK;
}

YcStatus refdata_load(Db *db, RefCounts *pc, Err *e){
  RefCounts dummy;
  if( !pc ) pc = &dummy;
  memset(pc, 0, sizeof *pc);
  /* Inside the caller's transaction when there is one (init's): a
  ** savepoint around the 200,000 places would cost every statement a
  ** statement journal. */
  int bOwn = !db_in_txn(db);
  if( bOwn && db_begin(db, e) ) return e ? e->st : YC_EINTERNAL;
  YcStatus st = load_countries(db, pc, e);
  if( st==YC_OK ){
    GazCounts g;
    st = gazetteer_load(db, &g, e);
    pc->nCity = g.nCity;
    pc->nCityZh = g.nZh;
    pc->nCityAlt = g.nAlt;
    pc->nCityDeleted = g.nDeleted;
    pc->nCityKept = g.nKept;
  }
  if( st==YC_OK ){
    CityCtx x = {db, 0, pc};
    x.pCity = db_stmt(db,
      "INSERT INTO industry(code,level,section,label_en,label_zh) VALUES(?1,?2,?3,?4,?5)"
      " ON CONFLICT(code) DO UPDATE SET level=excluded.level, section=excluded.section,"
      " label_en=excluded.label_en, label_zh=excluded.label_zh"
      " WHERE industry.label_en IS NOT excluded.label_en OR industry.label_zh IS NOT excluded.label_zh");
    if( !x.pCity ) st = db_error(db, DB_ERROR, e);
    else st = tsv_each("data/isic4.tsv", 5, industry_line, &x, e);
  }
  if( bOwn ){
    if( st==YC_OK ) st = db_commit(db, e);
    else db_rollback(db);
  }
  return st;
}
