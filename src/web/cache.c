/* cache.c: see cache.h. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include "web/cache.h"

#define CACHE_SLOTS 512
#define CACHE_MAX_BODY (512u<<10)

typedef struct Entry {
  char *zKey;
  uint64_t stamp;           /* computed from this time on */
  DbTables read;            /* from these tables */
  char *zBody; size_t nBody;
  const char *zType;        /* static strings only */
  char *azHeader[8]; int nHeader;
} Entry;

/* The cache's clock, and the time each table last changed (0: every
** table). A table's time is set after the change committed, so an entry
** whose stamp is not older read the change. */
static _Atomic uint64_t clk = 1;
static _Atomic uint64_t aChanged[DB_TABLES_MAX];
static _Atomic uint64_t nHit, nMiss, nInval;
static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static Entry aSlot[CACHE_SLOTS];
static int nEntry;

static void bump(const DbTables *t){
  uint64_t s = 0;
  for(int w=0; w<DB_TABLES_MAX/64; w++){
    for(uint64_t m = t->a[w]; m; m &= m - 1){
      if( !s ) s = atomic_fetch_add(&clk, 1) + 1;
      atomic_store(&aChanged[w*64 + __builtin_ctzll(m)], s);
      atomic_fetch_add(&nInval, 1);
    }
  }
}

void cache_invalidate(void){
  DbTables t;
  memset(&t, 0, sizeof t);
  t.a[0] = 1;
  bump(&t);
}

void cache_observe(Db *db){
  DbTables t;
  db_changes_take(db, &t);
  bump(&t);
}

uint64_t cache_stamp(void){ return atomic_load(&clk); }

/* 1 if nothing an answer read changed after stamp. */
static int fresh(uint64_t stamp, const DbTables *pRead){
  if( atomic_load(&aChanged[0])>stamp ) return 0;
  for(int w=0; w<DB_TABLES_MAX/64; w++){
    for(uint64_t m = pRead->a[w]; m; m &= m - 1){
      if( atomic_load(&aChanged[w*64 + __builtin_ctzll(m)])>stamp ) return 0;
    }
  }
  return 1;
}

/* A key is a sequence of parts, each written as its length in bytes, a
** colon and the bytes themselves: no part can end early or run into the
** next, whatever bytes a client puts in a parameter (an encoded \x1f, '=' or
** '&' included). An absent value (a bare `?a`) is "-", which no length can
** start with. */
static void key_part(Buf *b, const char *z){
  if( !z ){ buf_putc(b, '-'); return; }
  buf_printf(b, "%zu:", strlen(z));
  buf_puts(b, z);
}

static enum MHD_Result key_iter(void *p, enum MHD_ValueKind kind, const char *zK, const char *zV){
  Buf *b = p;
  (void)kind;
  buf_putc(b, 'q');                 /* one parameter: its name, then its value */
  key_part(b, zK);
  key_part(b, zV);
  return MHD_YES;
}

const char *cache_key(Req *r){
  Buf b = BUF_INIT;
  key_part(&b, r->zMethod);
  key_part(&b, r->zPath);
  /* The host too: a page may name it (the portal's Open Graph URL). */
  key_part(&b, http_header(r, "Host"));
  /* Answers are stored compressed (http_compress). */
  key_part(&b, r->zEnc ? r->zEnc : "identity");
  MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, key_iter, &b);
  const char *z = buf_error(&b) ? 0 : arena_strdup(&r->arena, buf_str(&b));
  buf_free(&b);
  return z;
}

static unsigned slot_of(const char *z){
  unsigned h = 2166136261u;
  for(; *z; z++) h = (h ^ (unsigned char)*z) * 16777619u;
  return h % CACHE_SLOTS;
}

static void entry_free(Entry *e){
  free(e->zKey);
  free(e->zBody);
  for(int i=0; i<e->nHeader; i++) free(e->azHeader[i]);
  memset(e, 0, sizeof *e);
}

int cache_get(const char *zKey, Resp *p){
  int bHit = 0;
  pthread_mutex_lock(&mutex);
  Entry *e = &aSlot[slot_of(zKey)];
  if( e->zKey && strcmp(e->zKey, zKey)==0 && fresh(e->stamp, &e->read) ){
    p->status = 200;
    p->zType = e->zType;
    buf_reset(&p->body);
    buf_append(&p->body, e->zBody, e->nBody);
    for(int i=0; i<e->nHeader && p->nHeader<(int)(sizeof p->azHeader/sizeof p->azHeader[0]); i++) p->azHeader[p->nHeader++] = strdup(e->azHeader[i]);
    bHit = 1;
  }
  pthread_mutex_unlock(&mutex);
  atomic_fetch_add(bHit ? &nHit : &nMiss, 1);
  if( bHit ) http_add_header(p, "X-Cache", "hit");
  return bHit;
}

void cache_put(const char *zKey, const Resp *p, uint64_t stamp, const DbTables *pRead){
  if( !zKey || p->status!=200 || p->body.n>CACHE_MAX_BODY || p->pStatic || buf_error(&p->body) ) return;
  if( !fresh(stamp, pRead) ) return;          /* born stale */
  Entry n;
  memset(&n, 0, sizeof n);
  n.stamp = stamp;
  n.read = *pRead;
  n.zKey = strdup(zKey);
  n.zBody = malloc(p->body.n + 1);
  n.nBody = p->body.n;
  n.zType = p->zType;
  if( !n.zKey || !n.zBody ){ entry_free(&n); return; }
  memcpy(n.zBody, buf_str(&p->body), p->body.n);
  for(int i=0; i<p->nHeader && n.nHeader<(int)(sizeof n.azHeader/sizeof n.azHeader[0]); i++){
    if( strncmp(p->azHeader[i], "Set-Cookie", 10)==0 || strncmp(p->azHeader[i], "X-Cache", 7)==0 ) continue;
    n.azHeader[n.nHeader++] = strdup(p->azHeader[i]);
  }
  pthread_mutex_lock(&mutex);
  Entry *e = &aSlot[slot_of(zKey)];
  if( !e->zKey ) nEntry++;
  entry_free(e);
  *e = n;
  pthread_mutex_unlock(&mutex);
}

void cache_clear(void){
  pthread_mutex_lock(&mutex);
  for(int i=0; i<CACHE_SLOTS; i++) entry_free(&aSlot[i]);
  nEntry = 0;
  pthread_mutex_unlock(&mutex);
}

void cache_stats(CacheStats *p){
  p->hits = atomic_load(&nHit);
  p->misses = atomic_load(&nMiss);
  p->invalidations = atomic_load(&nInval);
  pthread_mutex_lock(&mutex);
  p->entries = (uint64_t)nEntry;
  pthread_mutex_unlock(&mutex);
}
