/* conn_guard.c: header deadline, minimum body rate, room near the limit; see conn_guard.h. */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include "web/conn_guard.h"

enum { PH_HEAD = 0, PH_BODY, PH_BUSY };

typedef struct Guard Guard;
struct Guard {
  Guard *pPrev, *pNext;         /* the list of open connections (under mtx) */
  int fd;
  int bClosed;                  /* shut down by the guard (under mtx) */
  _Atomic int phase;            /* PH_* (written by the connection's worker) */
  _Atomic int64_t t0;           /* when the phase began, ms (CLOCK_MONOTONIC) */
  _Atomic uint64_t nExpect;     /* the body's length; UINT64_MAX: not known */
  _Atomic uint64_t nRead;       /* body bytes so far */
  _Atomic unsigned nDone;       /* requests answered on this connection */
};

static pthread_mutex_t mtx = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static Guard *pHead = 0;
static unsigned nLive = 0;      /* open and not shut down by the guard (under mtx) */
static GuardConfig cfg;
static int bRunning = 0, bStop = 0;
static pthread_t reaper;
static _Atomic uint64_t nOpen, nHeadClosed, nBodyClosed, nEvicted;

static int64_t now_ms(void){
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC_COARSE, &t);
  return (int64_t)t.tv_sec*1000 + t.tv_nsec/1000000;
}

/* Shut g's socket down (mtx held): libmicrohttpd reads the end and closes. */
static void kill_locked(Guard *g, _Atomic uint64_t *pCount){
  if( g->bClosed ) return;
  g->bClosed = 1;
  nLive--;
  shutdown(g->fd, SHUT_RDWR);
  atomic_fetch_add(pCount, 1);
}

/* Whether g breaks its deadline at time t. */
static int late(Guard *g, int64_t t, _Atomic uint64_t **ppCount){
  int ph = atomic_load(&g->phase);
  int64_t dt = t - atomic_load(&g->t0);
  if( ph==PH_HEAD ){
    *ppCount = &nHeadClosed;
    return cfg.msHead && dt > (int64_t)cfg.msHead;
  }
  if( ph==PH_BODY && cfg.nBodyRate && dt > (int64_t)cfg.msHead ){
    uint64_t need = (uint64_t)(dt - cfg.msHead) * cfg.nBodyRate / 1000;
    uint64_t nExpect = atomic_load(&g->nExpect);
    if( need > nExpect ) need = nExpect;
    *ppCount = &nBodyClosed;
    return atomic_load(&g->nRead) < need;
  }
  return 0;
}

static void *reap(void *p){
  (void)p;
  unsigned ms = cfg.msHead ? cfg.msHead/8 : 250;
  if( ms < 20 ) ms = 20;
  if( ms > 250 ) ms = 250;
  pthread_mutex_lock(&mtx);
  while( !bStop ){
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += (long)ms * 1000000L;
    if( ts.tv_nsec >= 1000000000L ){ ts.tv_sec++; ts.tv_nsec -= 1000000000L; }
    pthread_cond_timedwait(&cond, &mtx, &ts);
    int64_t t = now_ms();
    for(Guard *g = pHead; g && !bStop; g = g->pNext){
      _Atomic uint64_t *pCount = 0;
      if( !g->bClosed && late(g, t, &pCount) ) kill_locked(g, pCount);
    }
  }
  pthread_mutex_unlock(&mtx);
  return 0;
}

/* Near the limit (mtx held): shut down the connections waiting longest for
** a request head, those that never completed a request first. */
static void make_room_locked(Guard *pNew){
  unsigned nRoom = cfg.nMax/16 > 1 ? cfg.nMax/16 : 1;
  while( cfg.nMax && nLive + nRoom > cfg.nMax ){
    Guard *pBest = 0;
    int64_t tBest = 0;
    unsigned dBest = 0;
    for(Guard *g = pHead; g; g = g->pNext){
      if( g==pNew || g->bClosed || atomic_load(&g->phase)!=PH_HEAD ) continue;
      unsigned d = atomic_load(&g->nDone) ? 1 : 0;
      int64_t t = atomic_load(&g->t0);
      if( !pBest || d<dBest || (d==dBest && t<tBest) ){ pBest = g; tBest = t; dBest = d; }
    }
    if( !pBest ) break;
    kill_locked(pBest, &nEvicted);
  }
}

void guard_notify(void *cls, struct MHD_Connection *conn, void **ppSock,
                  enum MHD_ConnectionNotificationCode code){
  (void)cls;
  if( code==MHD_CONNECTION_NOTIFY_STARTED ){
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
    Guard *g = ci ? calloc(1, sizeof *g) : 0;
    *ppSock = g;
    if( !g ) return;
    g->fd = ci->connect_fd;
    atomic_store(&g->t0, now_ms());
    atomic_store(&g->nExpect, UINT64_MAX);
    pthread_mutex_lock(&mtx);
    g->pNext = pHead;
    if( pHead ) pHead->pPrev = g;
    pHead = g;
    nLive++;
    make_room_locked(g);
    pthread_mutex_unlock(&mtx);
    atomic_fetch_add(&nOpen, 1);
  }else if( code==MHD_CONNECTION_NOTIFY_CLOSED ){
    Guard *g = *ppSock;
    *ppSock = 0;
    if( !g ) return;
    pthread_mutex_lock(&mtx);
    if( g->pPrev ) g->pPrev->pNext = g->pNext; else pHead = g->pNext;
    if( g->pNext ) g->pNext->pPrev = g->pPrev;
    if( !g->bClosed ) nLive--;
    pthread_mutex_unlock(&mtx);
    atomic_fetch_sub(&nOpen, 1);
    free(g);
  }
}

static Guard *guard_of(struct MHD_Connection *conn){
  const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
  return ci ? ci->socket_context : 0;
}

void guard_head_done(struct MHD_Connection *conn, uint64_t nBody){
  Guard *g = guard_of(conn);
  if( !g ) return;
  atomic_store(&g->nExpect, nBody);
  atomic_store(&g->nRead, 0);
  atomic_store(&g->t0, now_ms());
  atomic_store(&g->phase, PH_BODY);
}

void guard_body(struct MHD_Connection *conn, size_t n){
  Guard *g = guard_of(conn);
  if( g ) atomic_fetch_add(&g->nRead, n);
}

void guard_request_done(struct MHD_Connection *conn){
  Guard *g = guard_of(conn);
  if( g ) atomic_store(&g->phase, PH_BUSY);
}

void guard_answered(struct MHD_Connection *conn){
  Guard *g = guard_of(conn);
  if( !g ) return;
  atomic_fetch_add(&g->nDone, 1);
  atomic_store(&g->t0, now_ms());
  atomic_store(&g->phase, PH_HEAD);
}

void guard_stats(GuardStats *s){
  s->nOpen = atomic_load(&nOpen);
  s->nHeadClosed = atomic_load(&nHeadClosed);
  s->nBodyClosed = atomic_load(&nBodyClosed);
  s->nEvicted = atomic_load(&nEvicted);
}

int guard_start(GuardConfig *c){
  struct rlimit rl;
  if( c->nMax && getrlimit(RLIMIT_NOFILE, &rl)==0 ){
    if( rl.rlim_cur!=RLIM_INFINITY && rl.rlim_cur < (rlim_t)c->nMax + 64 ){
      rl.rlim_cur = rl.rlim_max==RLIM_INFINITY || rl.rlim_max > (rlim_t)c->nMax + 64 ? (rlim_t)c->nMax + 64 : rl.rlim_max;
      setrlimit(RLIMIT_NOFILE, &rl);
      getrlimit(RLIMIT_NOFILE, &rl);
    }
    if( rl.rlim_cur!=RLIM_INFINITY && rl.rlim_cur < (rlim_t)c->nMax + 64 )
      c->nMax = rl.rlim_cur > 128 ? (unsigned)rl.rlim_cur - 64 : 64;
  }
  cfg = *c;
  bStop = 0;
  if( pthread_create(&reaper, 0, reap, 0) ) return errno ? errno : 1;
  bRunning = 1;
  return 0;
}

void guard_stop(void){
  if( !bRunning ) return;
  pthread_mutex_lock(&mtx);
  bStop = 1;
  pthread_cond_signal(&cond);
  pthread_mutex_unlock(&mtx);
  pthread_join(reaper, 0);
  bRunning = 0;
}
