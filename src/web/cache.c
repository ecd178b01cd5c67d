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
  unsigned long gen;
  char *zBody; size_t nBody;
  const char *zType;        /* static strings only */
  char *azHeader[8]; int nHeader;
} Entry;

static atomic_ulong gen = 1;
static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static Entry aSlot[CACHE_SLOTS];
static _Thread_local long long lastDataVersion = -1;

void cache_invalidate(void){ atomic_fetch_add(&gen, 1); }

void cache_observe(Db *db){
  long long v = db_data_version(db);
  if( v<0 ) return;
  /* A worker's first look cannot tell whether another process committed
  ** after other workers cached their answers: it invalidates too (once per
  ** worker), else a CLI import between two requests could be served stale. */
  if( v!=lastDataVersion ){
    cache_invalidate();
    lastDataVersion = v;
  }
}

typedef struct KeyCtx { Buf *b; } KeyCtx;

static enum MHD_Result key_iter(void *p, enum MHD_ValueKind kind, const char *zK, const char *zV){
  Buf *b = p;
  (void)kind;
  buf_putc(b, '\x1f');
  buf_puts(b, zK);
  buf_putc(b, '=');
  buf_puts(b, zV ? zV : "");
  return MHD_YES;
}

const char *cache_key(Req *r){
  Buf b = BUF_INIT;
  buf_puts(&b, r->zMethod);
  buf_putc(&b, ' ');
  buf_puts(&b, r->zPath);
  /* The host too: a page may name it (the portal's Open Graph URL). */
  const char *zHost = http_header(r, "Host");
  buf_putc(&b, '\x1e');
  buf_puts(&b, zHost ? zHost : "");
  MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, key_iter, &b);
  buf_putc(&b, '\x1e');             /* answers are stored compressed (http_compress) */
  buf_puts(&b, r->zEnc ? r->zEnc : "identity");
  const char *z = arena_strdup(&r->arena, buf_str(&b));
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
  unsigned long g = atomic_load(&gen);
  int bHit = 0;
  pthread_mutex_lock(&mutex);
  Entry *e = &aSlot[slot_of(zKey)];
  if( e->zKey && e->gen==g && strcmp(e->zKey, zKey)==0 ){
    p->status = 200;
    p->zType = e->zType;
    buf_reset(&p->body);
    buf_append(&p->body, e->zBody, e->nBody);
    for(int i=0; i<e->nHeader && p->nHeader<(int)(sizeof p->azHeader/sizeof p->azHeader[0]); i++) p->azHeader[p->nHeader++] = strdup(e->azHeader[i]);
    bHit = 1;
  }
  pthread_mutex_unlock(&mutex);
  return bHit;
}

unsigned long cache_gen(void){ return atomic_load(&gen); }

void cache_put(const char *zKey, const Resp *p, unsigned long g){
  if( p->status!=200 || p->body.n>CACHE_MAX_BODY || p->pStatic || buf_error(&p->body) ) return;
  Entry n;
  memset(&n, 0, sizeof n);
  n.gen = g;
  n.zKey = strdup(zKey);
  n.zBody = malloc(p->body.n + 1);
  n.nBody = p->body.n;
  n.zType = p->zType;
  if( !n.zKey || !n.zBody ){ entry_free(&n); return; }
  memcpy(n.zBody, buf_str(&p->body), p->body.n);
  for(int i=0; i<p->nHeader && n.nHeader<(int)(sizeof n.azHeader/sizeof n.azHeader[0]); i++){
    if( strncmp(p->azHeader[i], "Set-Cookie", 10)==0 ) continue;
    n.azHeader[n.nHeader++] = strdup(p->azHeader[i]);
  }
  pthread_mutex_lock(&mutex);
  Entry *e = &aSlot[slot_of(zKey)];
  entry_free(e);
  *e = n;
  pthread_mutex_unlock(&mutex);
}

void cache_clear(void){
  pthread_mutex_lock(&mutex);
  for(int i=0; i<CACHE_SLOTS; i++) entry_free(&aSlot[i]);
  pthread_mutex_unlock(&mutex);
}
