/* gazetteer.c: loading the embedded GeoNames gazetteer; see gazetteer.h. */
#include <pthread.h>
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
  int nId;
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

/* --- the text work of a place, done by a second thread ------------------- */

/* One place of cities.tsv (id name ascii zh latin country admin1 admin2
** feature population lat lng modified): its fields and what folding,
** choosing and transliterating make of them. */
typedef struct Prep {
  char *zBuf;               /* a copy of the line; az points into it */
  char *az[13];
  int iLine;
  int bBad;                 /* a short line, not UTF-8, or out of memory */
  char *zFold;              /* text_fold(name) */
  char *zAsciiFold;         /* text_fold(ascii) when ascii differs from name */
  char *zChosen;            /* the Chinese name chosen from GeoNames */
  const char *zShown;       /* the one shown: the office's own, else zChosen */
  char *zPy;                /* text_pinyin(zShown) */
  int nZh, nLatin;
  char **azAlt;             /* nZh Han then nLatin Latin names (in zBuf) */
  char **azAltFold;         /* ... and their folds */
} Prep;

/* Places are prepared (by either thread) at most PREP_WINDOW ahead of the
** one written, in a ring: memory stays small whatever the file's size. */
#define PREP_WINDOW 4096

typedef struct Pipe {
  const char **azLine;      /* the n data lines (in the embedded file) */
  int *anLine, *aiLine;     /* their lengths and line numbers */
  int n;
  const NamedList *pOwn;
  Prep *a;                  /* the ring: place j in a[j % PREP_WINDOW] */
  int *aDone;               /* aDone[j % PREP_WINDOW]==j+1: place j is ready */
  pthread_mutex_t mu;
  pthread_cond_t cvDone;    /* a place was prepared */
  pthread_cond_t cvRoom;    /* a place was written: the window moved */
  int iNext;                /* the next place to prepare */
  int nWritten;             /* places written */
  int bStop;                /* the writer is done (or gave up) */
} Pipe;

static void prep_one(Prep *r, const char *zLine, int nLine, int iLine, const NamedList *pOwn){
  memset(r, 0, sizeof *r);
  r->iLine = iLine;
  r->zBuf = malloc((size_t)nLine + 1);
  if( !r->zBuf ){ r->bBad = 1; return; }
  memcpy(r->zBuf, zLine, (size_t)nLine);
  r->zBuf[nLine] = 0;
  int nField = 0;
  for(char *f = r->zBuf; f && nField<13; ){
    r->az[nField++] = f;
    f = strchr(f, '\t');
    if( f ) *f++ = 0;
  }
  if( nField!=13 ){ r->bBad = 1; return; }
  char **az = r->az;
  r->zFold = text_fold(az[1]);
  if( !r->zFold ){ r->bBad = 1; return; }
  if( az[2][0] && strcmp(az[2], az[1])!=0 ) r->zAsciiFold = text_fold(az[2]);
  char *azZh[64], *azLatin[512];
  r->nZh = split_list(az[3], azZh, 64);
  r->nLatin = split_list(az[4], azLatin, 512);
  int n = r->nZh + r->nLatin;
  if( n ){
    r->azAlt = malloc(sizeof(char*)*(size_t)n);
    r->azAltFold = calloc((size_t)n, sizeof(char*));
    if( !r->azAlt || !r->azAltFold ){ r->bBad = 1; return; }
    memcpy(r->azAlt, azZh, sizeof(char*)*(size_t)r->nZh);
    memcpy(r->azAlt + r->nZh, azLatin, sizeof(char*)*(size_t)r->nLatin);
    for(int i=0; i<n; i++) r->azAltFold[i] = text_fold(r->azAlt[i]);
  }
  r->zChosen = zh_name_choose((const char *const*)r->azAlt, (const char *const*)r->azAltFold, r->nZh);
  const Named *pO = named_find_id(pOwn, atoll(az[0]));
  r->zShown = pO ? pO->zName : r->zChosen;
  if( r->zShown ) r->zPy = text_pinyin(r->zShown);
}

static void prep_free(Prep *r){
  free(r->zFold);
  free(r->zAsciiFold);
  free(r->zChosen);
  free(r->zPy);
  if( r->azAltFold ) for(int i=0; i<r->nZh + r->nLatin; i++) free(r->azAltFold[i]);
  free(r->azAltFold);
  free(r->azAlt);
  free(r->zBuf);
  memset(r, 0, sizeof *r);
}

/* Prepare the next unclaimed place. Called with the mutex held; returns
** with it held: 1 one was prepared, 0 none is left (or the writer is
** done), -1 the window is full. */
static int prep_next(Pipe *pp){
  if( pp->bStop || pp->iNext>=pp->n ) return 0;
  if( pp->iNext>=pp->nWritten + PREP_WINDOW ) return -1;
  int j = pp->iNext++;
  pthread_mutex_unlock(&pp->mu);
  prep_one(&pp->a[j % PREP_WINDOW], pp->azLine[j], pp->anLine[j], pp->aiLine[j], pp->pOwn);
  pthread_mutex_lock(&pp->mu);
  pp->aDone[j % PREP_WINDOW] = j + 1;
  pthread_cond_signal(&pp->cvDone);
  return 1;
}

static void *prep_thread(void *pArg){
  Pipe *pp = pArg;
  pthread_mutex_lock(&pp->mu);
  for(int rc; (rc = prep_next(pp))!=0; ){
    if( rc<0 ) pthread_cond_wait(&pp->cvRoom, &pp->mu);
  }
  pthread_mutex_unlock(&pp->mu);
  return 0;
}

/* Write place r: its city row and alternates; keep its city_fts row. */
static YcStatus city_write(GazCtx *x, Prep *r, Err *e){
  char **az = r->az;
  int64_t id = atoll(az[0]);
  if( id<=0 ) return err_set(e, YC_EINTERNAL, "asset", 0, "cities.tsv:%d: bad id", r->iLine);
  if( r->bBad ) return err_set(e, YC_EINTERNAL, "asset", 0, "cities.tsv:%d: not 13 fields, bad text or out of memory", r->iLine);
  FtsRow *pRow = &x->aFts[x->nId];
  memset(pRow, 0, sizeof *pRow);
  pRow->id = id;
  x->aId[x->nId++] = id;
  const char *zName = az[1], *zAscii = az[2][0] ? az[2] : az[1], *zCc = az[5];
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
  bind_opt(p, 4, r->zShown);
  db_bind_text(p, 5, r->zFold, -1);
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
    err_set(e, st, zCode, zField, "cities.tsv:%d (GeoNames %lld): %s", r->iLine, (long long)id, zMsg);
  }
  if( st==YC_OK ) x->pc->nCity++;
  /* Every alternate, Han or Latin, is found through city_alt's fold index;
  ** city_fts has the name, the ASCII name, the Chinese name shown and its
  ** pinyin (all alternates in FTS5 would double the load time). */
  for(int i=0; i<r->nZh + r->nLatin && st==YC_OK; i++){
    st = alt_insert(x, id, r->azAlt[i], r->azAltFold[i], i<r->nZh ? "zh" : "latin", e);
  }
  if( st==YC_OK ){
    pRow->zName = r->zFold;  r->zFold = 0;
    pRow->zAlt = r->zAsciiFold;  r->zAsciiFold = 0;
    pRow->zZh = r->zShown ? strdup(r->zShown) : 0;
    pRow->zPy = r->zPy;  r->zPy = 0;
    if( r->zChosen ) x->pc->nZh++;
  }
  return st;
}

/* Load every place of data/cities.tsv: a second thread folds, chooses and
** transliterates while this one writes (the text work is more than half
** of the load). */
static YcStatus cities_load(GazCtx *x, Err *e){
  size_t nAsset;
  const char *z = (const char*)asset_find("data/cities.tsv", &nAsset);
  if( !z ) return err_set(e, YC_EINTERNAL, "asset", 0, "embedded file data/cities.tsv missing");
  int nLine = 0;
  for(size_t i=0; i<nAsset; i++) nLine += z[i]=='\n';
  Pipe pp;
  memset(&pp, 0, sizeof pp);
  pp.azLine = malloc(sizeof(char*)*((size_t)nLine + 1));
  pp.anLine = malloc(sizeof(int)*((size_t)nLine + 1));
  pp.aiLine = malloc(sizeof(int)*((size_t)nLine + 1));
  pp.a = calloc(PREP_WINDOW, sizeof(Prep));
  pp.aDone = calloc(PREP_WINDOW, sizeof(int));
  x->aId = malloc(sizeof(int64_t)*((size_t)nLine + 1));
  x->aFts = malloc(sizeof(FtsRow)*((size_t)nLine + 1));
  YcStatus st = YC_OK;
  if( !pp.azLine || !pp.anLine || !pp.aiLine || !pp.a || !pp.aDone || !x->aId || !x->aFts )
    st = err_set(e, YC_EINTERNAL, 0, 0, "out of memory");
  /* The data lines: not the '#' comments nor the header. */
  int iLine = 0, bHeader = 1;
  for(size_t i=0; st==YC_OK && i<nAsset; ){
    const char *zEnd = memchr(z + i, '\n', nAsset - i);
    size_t n = zEnd ? (size_t)(zEnd - (z + i)) : nAsset - i;
    iLine++;
    if( n && z[i]!='#' ){
      if( bHeader ) bHeader = 0;
      else{
        pp.azLine[pp.n] = z + i;
        pp.anLine[pp.n] = (int)n;
        pp.aiLine[pp.n] = iLine;
        pp.n++;
      }
    }
    i += n + 1;
  }
  /* Both threads prepare places in order; this one writes them in order,
  ** preparing the next unclaimed place itself whenever the one it needs is
  ** not ready. */
  pthread_t th;
  int bThread = 0, bSync = 0;
  if( st==YC_OK ){
    pp.pOwn = &x->own;
    bSync = 1;
    pthread_mutex_init(&pp.mu, 0);
    pthread_cond_init(&pp.cvDone, 0);
    pthread_cond_init(&pp.cvRoom, 0);
    bThread = pthread_create(&th, 0, prep_thread, &pp)==0;
  }
  for(int i=0; i<pp.n && st==YC_OK; i++){
    Prep *r = &pp.a[i % PREP_WINDOW];
    pthread_mutex_lock(&pp.mu);
    while( pp.aDone[i % PREP_WINDOW]!=i+1 ){
      if( prep_next(&pp)<=0 ) pthread_cond_wait(&pp.cvDone, &pp.mu);
    }
    pthread_mutex_unlock(&pp.mu);
    st = city_write(x, r, e);
    prep_free(r);
    pthread_mutex_lock(&pp.mu);
    pp.nWritten = i + 1;
    pthread_cond_signal(&pp.cvRoom);
    pthread_mutex_unlock(&pp.mu);
  }
  if( bSync ){
    pthread_mutex_lock(&pp.mu);
    pp.bStop = 1;
    pthread_cond_signal(&pp.cvRoom);
    pthread_mutex_unlock(&pp.mu);
    if( bThread ) pthread_join(th, 0);
    pthread_mutex_destroy(&pp.mu);
    pthread_cond_destroy(&pp.cvDone);
    pthread_cond_destroy(&pp.cvRoom);
  }
  if( pp.a ) for(int i=0; i<PREP_WINDOW; i++) prep_free(&pp.a[i]);
  free(pp.a);
  free(pp.aDone);
  free(pp.azLine);
  free(pp.anLine);
  free(pp.aiLine);
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
    /* city_alt is written anew; the indexes on names are made once at the
    ** end (sorting 375,000 folds beats inserting them one by one). */
    static const char *const azClear[] = {"DELETE FROM city_alt", "DELETE FROM city_fts",
      "DROP INDEX IF EXISTS city_alt_fold", "DROP INDEX IF EXISTS city_fold",
      "DROP INDEX IF EXISTS city_country", 0};
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
  if( st==YC_OK ) st = cities_load(&x, e);
  static const char *const azIndex[] = {
    "CREATE INDEX city_alt_fold ON city_alt(fold)",     /* as in 006_gazetteer.sql */
    "CREATE INDEX city_fold ON city(name_fold)",        /* as in 001_init.sql */
    "CREATE INDEX city_country ON city(country, population DESC)", 0};
  for(int i=0; azIndex[i] && st==YC_OK; i++){
    DbStmt *p = db_stmt(db, azIndex[i]);
    st = p ? bind_step(&x, p, e) : db_error(db, DB_ERROR, e);
  }
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
