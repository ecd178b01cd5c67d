/*
** metrics.c: request, latency, cache, database and import counters and
** GET /metrics; see metrics.h.
**
** The counters live in arrays sized once at start (one row per route of
** aRoute plus one for requests that matched none, one column per status
** code of aStatus plus one per class for the rest) and are only ever
** incremented with relaxed atomics, so that recording costs a few
** uncontended additions and never a lock.
*/
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "web/metrics.h"
#include "web/route.h"
#include "web/origin.h"
#include "web/cache.h"
#include "web/conn_guard.h"
#include "store/db.h"
#include "core/auth.h"
#include "base/log.h"

typedef _Atomic uint64_t Counter;

static const int aStatus[] = {200, 201, 204, 206, 301, 302, 303, 304, 307, 308,
  400, 401, 403, 404, 405, 406, 409, 411, 412, 413, 414, 415, 422, 428, 429, 431,
  500, 501, 503};
#define N_STATUS ((int)(sizeof aStatus/sizeof aStatus[0]))
#define N_COL (N_STATUS + 5)        /* + "1xx".."5xx" for the others */

/* Latency buckets, upper bounds in microseconds (le="0.0005"... seconds). */
static const uint64_t aBucketUs[] = {500, 1000, 2500, 5000, 10000, 25000, 50000,
  100000, 250000, 500000, 1000000, 2500000, 5000000, 10000000};
#define N_BUCKET ((int)(sizeof aBucketUs/sizeof aBucketUs[0]))

/* The import routes' types (the last segment of the path). */
static const char *const azImportType[] = {"partners", "exchanges", "profiles",
  "opportunities", "twins", "orgs", "projects", "events", "people", "delegations", 0};
#define N_IMPORT_TYPE 10
static const char *const azOutcome[] = {"imported", "dry_run", "rejected", "failed"};

static int nRoute;                 /* routes in aRoute */
static Counter *aReq;              /* [(nRoute+1) * N_COL] */
static Counter aBucket[N_BUCKET + 1];   /* the last: +Inf */
static Counter latencySumUs, nLatency;
static Counter aImport[N_IMPORT_TYPE][4];
static _Atomic int64_t nConnOpen;
static atomic_int nInFlight;
static Counter nConnTotal;
static char *zToken;               /* the bearer token of GET /metrics, or 0 */

void metrics_init(void){
  if( aReq ) return;
  for(nRoute=0; aRoute[nRoute].zMethod; nRoute++){}
  aReq = calloc((size_t)(nRoute + 1) * N_COL, sizeof *aReq);
}

static int status_col(int status){
  for(int i=0; i<N_STATUS; i++) if( aStatus[i]==status ) return i;
  int k = status/100 - 1;
  return N_STATUS + (k<0 ? 0 : k>4 ? 4 : k);
}

/* The import type of a request to an import route, or -1. */
static int import_type(Req *r){
  const char *zRoute = r->iRoute>0 ? aRoute[r->iRoute-1].zPattern : 0;
  if( !zRoute || strcmp(r->zMethod, "POST")!=0 ) return -1;
  if( strncmp(zRoute, "/api/v1/import/", 15)!=0 && strcmp(zRoute, "/twins/import")!=0 ) return -1;
  const char *zType = strcmp(zRoute, "/twins/import")==0 ? "twins" : strrchr(r->zPath, '/') + 1;
  for(int i=0; azImportType[i]; i++) if( strcmp(zType, azImportType[i])==0 ) return i;
  return -1;
}

void metrics_request(Req *r, int status, uint64_t us){
  if( !aReq ) return;
  int iRow = r->iRoute>0 && r->iRoute<=nRoute ? r->iRoute - 1 : nRoute;
  atomic_fetch_add_explicit(&aReq[iRow*N_COL + status_col(status)], 1, memory_order_relaxed);
  int b = 0;
  while( b<N_BUCKET && us>aBucketUs[b] ) b++;
  atomic_fetch_add_explicit(&aBucket[b], 1, memory_order_relaxed);
  atomic_fetch_add_explicit(&latencySumUs, us, memory_order_relaxed);
  atomic_fetch_add_explicit(&nLatency, 1, memory_order_relaxed);
  int t = import_type(r);
  if( t>=0 ){
    const char *zDry = http_param(r, "dry_run");
    int o = status>=500 ? 3 : status>=300 ? 2 : (zDry && strcmp(zDry, "0")!=0 && strcmp(zDry, "false")!=0) ? 1 : 0;
    atomic_fetch_add_explicit(&aImport[t][o], 1, memory_order_relaxed);
  }
}

void metrics_connection(int delta){
  atomic_fetch_add_explicit(&nConnOpen, delta, memory_order_relaxed);
  if( delta>0 ) atomic_fetch_add_explicit(&nConnTotal, 1, memory_order_relaxed);
}

void metrics_in_flight_add(int delta){
  atomic_fetch_add(&nInFlight, delta);
}

int metrics_in_flight(void){
  return atomic_load(&nInFlight);
}


int metrics_token_load(const char *zFile){
  if( !zFile ) zFile = getenv("YC_METRICS_TOKEN_FILE");
  free(zToken);
  zToken = 0;
  if( zFile ){
    FILE *f = fopen(zFile, "rb");
    char z[512];
    size_t n = f ? fread(z, 1, sizeof z - 1, f) : 0;
    if( f ) fclose(f);
    z[n] = 0;
    z[strcspn(z, "\r\n")] = 0;
    if( !f || strlen(z)<16 ){
      fprintf(stderr, "youcheng serve: --metrics-token-file %s: %s\n", zFile,
              f ? "the token must be one line of at least 16 characters" : "cannot be read");
      return -1;
    }
    zToken = strdup(z);
  }else if( getenv("YC_METRICS_TOKEN") && *getenv("YC_METRICS_TOKEN") ){
    zToken = strdup(getenv("YC_METRICS_TOKEN"));
  }
  return 0;
}

void metrics_shutdown(void){
  free(zToken);
  zToken = 0;
}

/* 1 if r may read the metrics: a loopback caller, or the bearer token. */
static int metrics_allowed(Req *r){
  const char *zAuth = http_header(r, "Authorization");
  if( zToken && zAuth && strncmp(zAuth, "Bearer ", 7)==0 && auth_equal(zAuth + 7, zToken) ) return 1;
  return origin_local(r);
}

static uint64_t get(Counter *c){ return atomic_load_explicit(c, memory_order_relaxed); }

/* A route pattern as a label value ("\" and '"' escaped; patterns have no newline). */
static void label(Buf *b, const char *z){
  for(; *z; z++){
    if( *z=='\\' || *z=='"' ) buf_putc(b, '\\');
    buf_putc(b, *z);
  }
}

/* WEBPAGE: GET /metrics */
void web_metrics(Req *r, Resp *p){
  Err e;
  if( !metrics_allowed(r) ){
    err_set(&e, YC_EFORBIDDEN, "forbidden", 0, "the metrics answer loopback callers or the metrics bearer token");
    http_error(p, &e);
    return;
  }
  if( http_check_params(r, 0, &e) ){ http_error(p, &e); return; }
  Buf *b = &p->body;
  buf_puts(b, "# HELP youcheng_http_requests_total Requests answered, by route pattern, method and status.\n"
              "# TYPE youcheng_http_requests_total counter\n");
  for(int i=0; aReq && i<=nRoute; i++){
    for(int k=0; k<N_COL; k++){
      uint64_t n = get(&aReq[i*N_COL + k]);
      if( !n ) continue;
      buf_puts(b, "youcheng_http_requests_total{route=\"");
      label(b, i<nRoute ? aRoute[i].zPattern : "(none)");
      buf_printf(b, "\",method=\"%s\",", i<nRoute ? aRoute[i].zMethod : "(any)");
      if( k<N_STATUS ) buf_printf(b, "status=\"%d\"} %llu\n", aStatus[k], (unsigned long long)n);
      else buf_printf(b, "status=\"%dxx\"} %llu\n", k - N_STATUS + 1, (unsigned long long)n);
    }
  }
  buf_puts(b, "# HELP youcheng_http_request_duration_seconds Time from the end of the request to the answer queued.\n"
              "# TYPE youcheng_http_request_duration_seconds histogram\n");
  uint64_t nCum = 0;
  for(int i=0; i<=N_BUCKET; i++){
    nCum += get(&aBucket[i]);
    if( i<N_BUCKET ) buf_printf(b, "youcheng_http_request_duration_seconds_bucket{le=\"%g\"} %llu\n",
                                (double)aBucketUs[i]/1e6, (unsigned long long)nCum);
    else buf_printf(b, "youcheng_http_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n", (unsigned long long)nCum);
  }
  buf_printf(b, "youcheng_http_request_duration_seconds_sum %.6f\n"
                "youcheng_http_request_duration_seconds_count %llu\n",
             (double)get(&latencySumUs)/1e6, (unsigned long long)nCum);
  CacheStats cs;
  cache_stats(&cs);
  buf_printf(b, "# HELP youcheng_cache_lookups_total Response-cache lookups of public GET answers.\n"
                "# TYPE youcheng_cache_lookups_total counter\n"
                "youcheng_cache_lookups_total{result=\"hit\"} %llu\n"
                "youcheng_cache_lookups_total{result=\"miss\"} %llu\n"
                "# HELP youcheng_cache_invalidations_total Tables bumped by writes (each may make several answers stale).\n"
                "# TYPE youcheng_cache_invalidations_total counter\n"
                "youcheng_cache_invalidations_total %llu\n"
                "# HELP youcheng_cache_entries Answers held in the response cache.\n"
                "# TYPE youcheng_cache_entries gauge\n"
                "youcheng_cache_entries %llu\n",
             (unsigned long long)cs.hits, (unsigned long long)cs.misses,
             (unsigned long long)cs.invalidations, (unsigned long long)cs.entries);
  DbStats ds;
  db_stats(&ds);
  buf_printf(b, "# HELP youcheng_db_busy_total Database busy waits, and waits that gave up.\n"
                "# TYPE youcheng_db_busy_total counter\n"
                "youcheng_db_busy_total{result=\"waited\"} %llu\n"
                "youcheng_db_busy_total{result=\"failed\"} %llu\n",
             (unsigned long long)ds.nBusyWait, (unsigned long long)ds.nBusyFail);
  GuardStats gs;
  guard_stats(&gs);
  buf_printf(b, "# HELP youcheng_connections_closed_total Connections the server closed: a request head too slow, a body too slow, or to make room near the limit.\n"
                "# TYPE youcheng_connections_closed_total counter\n"
                "youcheng_connections_closed_total{reason=\"slow_head\"} %llu\n"
                "youcheng_connections_closed_total{reason=\"slow_body\"} %llu\n"
                "youcheng_connections_closed_total{reason=\"evicted\"} %llu\n",
             (unsigned long long)gs.nHeadClosed, (unsigned long long)gs.nBodyClosed,
             (unsigned long long)gs.nEvicted);
  buf_puts(b, "# HELP youcheng_imports_total Imports through the web, by type and outcome.\n"
              "# TYPE youcheng_imports_total counter\n");
  for(int t=0; t<N_IMPORT_TYPE; t++){
    for(int o=0; o<4; o++){
      buf_printf(b, "youcheng_imports_total{type=\"%s\",outcome=\"%s\"} %llu\n",
                 azImportType[t], azOutcome[o], (unsigned long long)get(&aImport[t][o]));
    }
  }
  buf_printf(b, "# HELP youcheng_http_requests_in_flight Requests received and not yet completed (this one included).\n"
                "# TYPE youcheng_http_requests_in_flight gauge\n"
                "youcheng_http_requests_in_flight %d\n", metrics_in_flight());
  buf_printf(b, "# HELP youcheng_connections_open Client connections open now.\n"
                "# TYPE youcheng_connections_open gauge\n"
                "youcheng_connections_open %lld\n"
                "# HELP youcheng_connections_total Client connections accepted.\n"
                "# TYPE youcheng_connections_total counter\n"
                "youcheng_connections_total %llu\n",
             (long long)atomic_load_explicit(&nConnOpen, memory_order_relaxed),
             (unsigned long long)get(&nConnTotal));
  p->status = 200;
  p->zType = "text/plain; version=0.0.4; charset=utf-8";
  http_add_header(p, "Cache-Control", "no-store");
}
