/* gazetteer.c: loading the embedded GeoNames gazetteer; see gazetteer.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/gazetteer.h"
#include "store/tsv.h"
#include "base/asset.h"
#include "base/buf.h"
#include "base/date.h"
#include "text/norm.h"
#include "text/zhname.h"

/* Bump when the loader writes the same data differently: databases loaded
** by an older loader are then loaded again. */
#define GAZ_LOADER_VERSION 1

static const char *const azGazAsset[] = {"data/cities.tsv", "data/admin1.tsv", "data/admin2.tsv", 0};

int gazetteer_signature(char *z, size_t nz){
  uint64_t h = 1469598103934665603ull;
  size_t nTotal = 0;
  for(int i=0; azGazAsset[i]; i++){
    size_t n;
    const unsigned char *p = asset_find(azGazAsset[i], &n);
    if( !p ) return 0;
    for(size_t k=0; k<n; k++){ h ^= p[k]; h *= 1099511628211ull; }
    nTotal += n;
  }
  snprintf(z, nz, "geonames-cities500 v%d %zu %016llx", GAZ_LOADER_VERSION, nTotal, (unsigned long long)h);
  return 1;
}

/* --- code -> name tables (admin-1, admin-2), own names --------------------- */

typedef struct Named { char *zKey; char *zName; char *zZh; int64_t id; } Named;
typedef struct NamedList { Named *a; int n, nAlloc; } NamedList;

static int named_add(NamedList *l, Named x){
  if( l->n==l->nAlloc ){
    int nNew = l->nAlloc ? l->nAlloc*2 : 1024;
    Named *a = realloc(l->a, sizeof(Named)*(size_t)nNew);
    if( !a ) return 0;
    l->a = a;
    l->nAlloc = nNew;
  }
  l->a[l->n++] = x;
  return 1;
}

static void named_free(NamedList *l){
  for(int i=0; i<l->n; i++){ free(l->a[i].zKey); free(l->a[i].zName); free(l->a[i].zZh); }
  free(l->a);
  memset(l, 0, sizeof *l);
}

static int named_cmp_key(const void *a, const void *b){
  return strcmp(((const Named*)a)->zKey, ((const Named*)b)->zKey);
}

static int named_cmp_id(const void *a, const void *b){
  int64_t x = ((const Named*)a)->id, y = ((const Named*)b)->id;
  return x<y ? -1 : x>y;
}

static const Named *named_find(const NamedList *l, const char *zKey){
  Named k = {(char*)zKey, 0, 0, 0};
  return l->n ? bsearch(&k, l->a, (size_t)l->n, sizeof(Named), named_cmp_key) : 0;
}

static const Named *named_find_id(const NamedList *l, int64_t id){
  Named k = {0, 0, 0, id};
  return l->n ? bsearch(&k, l->a, (size_t)l->n, sizeof(Named), named_cmp_id) : 0;
}

static YcStatus admin_line(void *pCtx, char **az, int nField, int iLine, Err *e){
  NamedList *l = pCtx;
  (void)iLine;
  Named x = {strdup(az[0]), strdup(az[1]), 0, 0};
  if( nField>2 && az[2][0] ){
    /* The source writes some in Traditional script (喬治亞州). */
    x.zZh = text_t2s(az[2]);
  }
  if( !x.zKey || !x.zName || !named_add(l, x) ){
    free(x.zKey); free(x.zName); free(x.zZh);
    return err_set(e, YC_EINTERNAL, 0, 0, "out of memory");
  }
  return YC_OK;
}

/* --- the cities ------------------------------------------------------------ */

/* One city's row of city_fts, written after every city and alternate: a
** statement on another table between two FTS5 inserts makes FTS5 flush its
** pending terms (its xSavepoint), which would write one tiny segment per
** city. */
typedef struct FtsRow { int64_t id; char *zName, *zAlt, *zZh, *zPy; } FtsRow;

typedef struct GazCtx {
  Db *db;
  DbStmt *pCity, *pAlt, *pFts;
  NamedList admin1, admin2, own;
  int64_t *aId;            /* ids loaded, in file order */
  FtsRow *aFts;            /* their city_fts rows */
  int nId, nIdAlloc;
  GazCounts *pc;
  Buf code;
} GazCtx;

/* Split a ","-joined list in place; returns the number of parts (at most nMax). */
static int split_list(char *z, char **az, int nMax){
  int n = 0;
  while( z && *z && n<nMax ){
    az[n++] = z;
    z = strchr(z, ',');
    if( z ) *z++ = 0;
  }
  return n;
}

static YcStatus bind_step(GazCtx *x, DbStmt *p, Err *e){
  int rc = db_step(p);
  db_reset(p);
  return rc==DB_DONE ? YC_OK : db_error(x->db, rc, e);
}

static YcStatus alt_insert(GazCtx *x, int64_t id, const char *zName, const char *zFold,
                           const char *zScript, Err *e){
  if( !zFold ) return YC_OK;    /* not UTF-8: nothing to match on */
  db_bind_int64(x->pAlt, 1, id);
  db_bind_text(x->pAlt, 2, zName, -1);
  db_bind_text(x->pAlt, 3, zFold, -1);
  db_bind_text(x->pAlt, 4, zScript, -1);
  YcStatus st = bind_step(x, x->pAlt, e);
  if( st==YC_OK ) x->pc->nAlt++;
  return st;
}

static void bind_opt(DbStmt *p, int i, const char *z){
  if( z && *z ) db_bind_text(p, i, z, -1);
  else db_bind_null(p, i);
}

/* cities.tsv: id name ascii zh latin country admin1 admin2 feature population lat lng modified */
static YcStatus city_line(void *pCtx, char **az, int nField, int iLine, Err *e){
  GazCtx *x = pCtx;
  (void)nField;
  int64_t id = atoll(az[0]);
  if( id<=0 ) return err_set(e, YC_EINTERNAL, "asset", 0, "cities.tsv:%d: bad id", iLine);
  if( x->nId==x->nIdAlloc ){
    int nNew = x->nIdAlloc ? x->nIdAlloc*2 : 262144;
    int64_t *a = realloc(x->aId, sizeof(int64_t)*(size_t)nNew);
    if( a ) x->aId = a;
    FtsRow *aF = a ? realloc(x->aFts, sizeof(FtsRow)*(size_t)nNew) : 0;
    if( !aF ) return err_set(e, YC_EINTERNAL, 0, 0, "out of memory");
    x->aFts = aF;
    x->nIdAlloc = nNew;
  }
  FtsRow *pRow = &x->aFts[x->nId];
  memset(pRow, 0, sizeof *pRow);
  pRow->id = id;
  x->aId[x->nId++] = id;
  const char *zName = az[1], *zAscii = az[2][0] ? az[2] : az[1], *zCc = az[5];
  char *zFold = text_fold(zName);
  if( !zFold ) return err_set(e, YC_EINTERNAL, "asset", 0, "cities.tsv:%d: bad name", iLine);
  char *azZh[64], *azZhFold[64], *azLatin[512];
  int nZh = split_list(az[3], azZh, 64);
  int nLatin = split_list(az[4], azLatin, 512);
  for(int i=0; i<nZh; i++) azZhFold[i] = text_fold(azZh[i]);
  const Named *pOwn = named_find_id(&x->own, id);
  char *zChosen = zh_name_choose((const char *const*)azZh, (const char *const*)azZhFold, nZh);
  const char *zShown = pOwn ? pOwn->zName : zChosen;
  buf_reset(&x->code);
  buf_printf(&x->code, "%s.%s", zCc, az[6]);
  const Named *pA1 = az[6][0] ? named_find(&x->admin1, buf_str(&x->code)) : 0;
  const Named *pA2 = 0;
  if( az[7][0] ){
    buf_printf(&x->code, ".%s", az[7]);
    pA2 = named_find(&x->admin2, buf_str(&x->code));
  }
  DbStmt *p = x->pCity;
  db_bind_int64(p, 1, id);
  db_bind_text(p, 2, zName, -1);
  db_bind_text(p, 3, zAscii, -1);
  bind_opt(p, 4, zShown);
  db_bind_text(p, 5, zFold, -1);
  db_bind_text(p, 6, zCc, -1);
  bind_opt(p, 7, az[6]);
  bind_opt(p, 8, pA1 ? pA1->zName : 0);
  bind_opt(p, 9, pA1 ? pA1->zZh : 0);
  bind_opt(p, 10, pA2 ? pA2->zName : 0);
  bind_opt(p, 11, az[7]);
  bind_opt(p, 12, az[8]);
  db_bind_int64(p, 13, atoll(az[9]));
  db_bind_double(p, 14, atof(az[10]));
  db_bind_double(p, 15, atof(az[11]));
  bind_opt(p, 16, az[12]);
  YcStatus st = bind_step(x, p, e);
  if( st && e ){
    char zMsg[sizeof e->zMsg], zCode[sizeof e->zCode], zField[sizeof e->zField];
    memcpy(zMsg, e->zMsg, sizeof zMsg);
    memcpy(zCode, e->zCode, sizeof zCode);
    memcpy(zField, e->zField, sizeof zField);
    err_set(e, st, zCode, zField, "cities.tsv:%d (GeoNames %lld): %s", iLine, (long long)id, zMsg);
  }
  if( st==YC_OK ) x->pc->nCity++;
  /* city_fts: the name, the ASCII name, the Chinese name shown and its
  ** pinyin. Every alternate, Han or Latin, is found through city_alt's
  ** fold index instead: in FTS5 they would double the load time. */
  for(int i=0; i<nZh && st==YC_OK; i++) st = alt_insert(x, id, azZh[i], azZhFold[i], "zh", e);
  for(int i=0; i<nLatin && st==YC_OK; i++){
    char *zF = text_fold(azLatin[i]);
    st = alt_insert(x, id, azLatin[i], zF, "latin", e);
    free(zF);
  }
  for(int i=0; i<nZh; i++) free(azZhFold[i]);
  if( st==YC_OK ){
    pRow->zName = zFold;
    zFold = 0;
    pRow->zAlt = strcmp(zAscii, zName)!=0 ? text_fold(zAscii) : 0;
    pRow->zZh = zShown ? strdup(zShown) : 0;
    pRow->zPy = zShown ? text_pinyin(zShown) : 0;
  }
  if( zChosen ) x->pc->nZh++;
  free(zChosen);
  free(zFold);
  return st;
}

static YcStatus fts_write(GazCtx *x, Err *e){
  YcStatus st = YC_OK;
  for(int i=0; i<x->nId && st==YC_OK; i++){
    FtsRow *r = &x->aFts[i];
    db_bind_int64(x->pFts, 1, r->id);
    db_bind_text(x->pFts, 2, r->zName ? r->zName : "", -1);
    bind_opt(x->pFts, 3, r->zAlt);
    bind_opt(x->pFts, 4, r->zZh);
    bind_opt(x->pFts, 5, r->zPy);
    st = bind_step(x, x->pFts, e);
  }
  return st;
}

static int id_cmp(const void *a, const void *b){
  int64_t x = *(const int64_t*)a, y = *(const int64_t*)b;
  return x<y ? -1 : x>y;
}

/* Cities of an earlier load that this one lacks: deleted unless something
** refers to them (the foreign key refuses the delete: they stay). */
static YcStatus drop_stale(GazCtx *x, Err *e){
  qsort(x->aId, (size_t)x->nId, sizeof(int64_t), id_cmp);
  DbStmt *p = db_stmt(x->db, "SELECT id FROM city ORDER BY id");
  if( !p ) return db_error(x->db, DB_ERROR, e);
  int64_t *aStale = 0;
  int nStale = 0, nAlloc = 0;
  while( db_step(p)==DB_ROW ){
    int64_t id = db_col_int64(p, 0);
    if( bsearch(&id, x->aId, (size_t)x->nId, sizeof(int64_t), id_cmp) ) continue;
    if( nStale==nAlloc ){
      nAlloc = nAlloc ? nAlloc*2 : 256;
      int64_t *a = realloc(aStale, sizeof(int64_t)*(size_t)nAlloc);
      if( !a ){ db_reset(p); free(aStale); return err_set(e, YC_EINTERNAL, 0, 0, "out of memory"); }
      aStale = a;
    }
    aStale[nStale++] = id;
  }
  db_reset(p);
  DbStmt *pDel = db_stmt(x->db, "DELETE FROM city WHERE id=?1");
  if( !pDel ){ free(aStale); return db_error(x->db, DB_ERROR, e); }
  for(int i=0; i<nStale; i++){
    db_bind_int64(pDel, 1, aStale[i]);
    int rc = db_step(pDel);
    db_reset(pDel);
    if( rc==DB_DONE ) x->pc->nDeleted++;
    else x->pc->nKept++;    /* referenced: stays, with its old data */
  }
  free(aStale);
  return YC_OK;
}

static YcStatus own_load(GazCtx *x, Err *e){
  DbStmt *p = db_stmt(x->db, "SELECT city_id, name_zh FROM city_name_own");
  if( !p ) return db_error(x->db, DB_ERROR, e);
  while( db_step(p)==DB_ROW ){
    Named n = {0, strdup(db_text(p, 1)), 0, db_col_int64(p, 0)};
    if( !n.zName || !named_add(&x->own, n) ){
      free(n.zName);
      db_reset(p);
      return err_set(e, YC_EINTERNAL, 0, 0, "out of memory");
    }
  }
  db_reset(p);
  if( x->own.n ) qsort(x->own.a, (size_t)x->own.n, sizeof(Named), named_cmp_id);
  return YC_OK;
}

YcStatus gazetteer_load(Db *db, GazCounts *pc, Err *e){
  GazCounts dummy;
  if( !pc ) pc = &dummy;
  memset(pc, 0, sizeof *pc);
  char zSig[96];
  if( !gazetteer_signature(zSig, sizeof zSig) )
    return err_set(e, YC_EINTERNAL, "asset", 0, "embedded gazetteer missing");
  char *zOld = db_meta_get(db, "gazetteer");
  int bSame = zOld && strcmp(zOld, zSig)==0;
  free(zOld);
  if( bSame ) return YC_OK;
  pc->bLoaded = 1;
  GazCtx x;
  memset(&x, 0, sizeof x);
  x.db = db;
  x.pc = pc;
  x.code = (Buf)BUF_INIT;
  YcStatus st = tsv_each("data/admin1.tsv", 3, admin_line, &x.admin1, e);
  if( st==YC_OK ) st = tsv_each("data/admin2.tsv", 2, admin_line, &x.admin2, e);
  if( st==YC_OK ) st = own_load(&x, e);
  if( st==YC_OK ){
    qsort(x.admin1.a, (size_t)x.admin1.n, sizeof(Named), named_cmp_key);
    qsort(x.admin2.a, (size_t)x.admin2.n, sizeof(Named), named_cmp_key);
    static const char *const azClear[] = {"DELETE FROM city_alt", "DELETE FROM city_fts", 0};
    for(int i=0; azClear[i] && st==YC_OK; i++){
      DbStmt *p = db_stmt(db, azClear[i]);
      st = p ? bind_step(&x, p, e) : db_error(db, DB_ERROR, e);
    }
  }
  if( st==YC_OK ){
    x.pCity = db_stmt(db,
      "INSERT INTO city(id,name,ascii_name,name_zh,name_fold,country,admin_code,admin1,admin1_zh,"
      "admin2,admin2_code,feature_code,population,lat,lng,modified,alt_name)"
      " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,NULL)"
      " ON CONFLICT(id) DO UPDATE SET name=excluded.name, ascii_name=excluded.ascii_name,"
      " name_zh=excluded.name_zh, name_fold=excluded.name_fold, country=excluded.country,"
      " admin_code=excluded.admin_code, admin1=excluded.admin1, admin1_zh=excluded.admin1_zh,"
      " admin2=excluded.admin2, admin2_code=excluded.admin2_code, feature_code=excluded.feature_code,"
      " population=excluded.population, lat=excluded.lat, lng=excluded.lng, modified=excluded.modified,"
      " alt_name=NULL");
    x.pAlt = db_stmt(db, "INSERT INTO city_alt(city_id,name,fold,script) VALUES(?1,?2,?3,?4)");
    x.pFts = db_stmt(db, "INSERT INTO city_fts(rowid,name,alt,zh,pinyin) VALUES(?1,?2,?3,?4,?5)");
    if( !x.pCity || !x.pAlt || !x.pFts ) st = db_error(db, DB_ERROR, e);
  }
  if( st==YC_OK ) st = tsv_each("data/cities.tsv", 13, city_line, &x, e);
  if( st==YC_OK ) st = fts_write(&x, e);
  if( st==YC_OK ) st = drop_stale(&x, e);
  if( st==YC_OK ) st = db_meta_set(db, "gazetteer", zSig, e);
  named_free(&x.admin1);
  named_free(&x.admin2);
  named_free(&x.own);
  for(int i=0; i<x.nId; i++){
    free(x.aFts[i].zName); free(x.aFts[i].zAlt); free(x.aFts[i].zZh); free(x.aFts[i].zPy);
  }
  free(x.aFts);
  free(x.aId);
  buf_free(&x.code);
  return st;
}
