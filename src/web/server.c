/*
** server.c: the HTTP server; see server.h.
**
** libmicrohttpd calls on_request several times per request: first to let
** us allocate the Req, then with each chunk of body, then once with no
** body left, when we route and answer. Each worker thread opens its own
** database connection on first use; all are closed after the daemon stops.
*/
#include <pthread.h>
#include <stdatomic.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <microhttpd.h>
#include "web/server.h"
#include "web/route.h"
#include "web/ui.h"
#include "web/cache.h"
#include "web/conn_guard.h"
#include "web/reqcheck.h"
#include "web/metrics.h"
#include "web/accesslog.h"
#include "web/origin.h"
#include "base/log.h"
#include "text/norm.h"

static const ServerConfig *pCfg;
static int64_t homeCityId;

/* Every connection opened by a worker, to close at shutdown. */
static pthread_mutex_t dbMutex = PTHREAD_MUTEX_INITIALIZER;
static Db *apDb[128];
static int nDb = 0;
static _Thread_local Db *tDb = 0;
static Db *pEmbedDb = 0;          /* server_embed: every request's connection */

/* Graceful shutdown: whether a SIGTERM/SIGINT has come (answers then close
** their connection); the requests in flight are counted by web/metrics.c. */
static atomic_int bStopping;
#define SHUTDOWN_GRACE_SECONDS 30

const char *server_public_url(void){
  return pCfg ? pCfg->zPublicUrl : 0;
}

/* Whether the request's Host (without its port) is the portal host. */
static int is_portal_host(Req *r){
  const char *zHost = http_header(r, "Host"), *zWant = pCfg ? pCfg->zPortalHost : 0;
  if( !zHost || !zWant ) return 0;
  size_t n = strcspn(zHost, ":");
  return n==strlen(zWant) && strncasecmp(zHost, zWant, n)==0;
}

static Db *thread_db(Err *e){
  if( pEmbedDb ) return pEmbedDb;
  if( tDb ) return tDb;
  Db *db = 0;
  if( db_open(pCfg->zDb, 0, &db, e) ) return 0;
  db_set_busy_timeout(db, 2000);   /* a busy write answers 503 in 2 s, not 5 */
  pthread_mutex_lock(&dbMutex);
  if( nDb < (int)(sizeof apDb/sizeof apDb[0]) ) apDb[nDb++] = db;
  pthread_mutex_unlock(&dbMutex);
  tDb = db;
  return db;
}

static void req_free(Req *r){
  arena_free(&r->arena);
  buf_free(&r->body);
  free(r->zUser);
  free(r->zRole);
  free(r->zCsrf);
  free(r);
}

static enum MHD_Result send_resp(struct MHD_Connection *conn, Req *r, Resp *p){
  struct MHD_Response *m;
  /* For HEAD, libmicrohttpd sends the headers (with the body's
  ** Content-Length) and drops the body itself. */
  (void)r;
  if( p->pStatic ){
    m = MHD_create_response_from_buffer(p->nStatic, (void*)p->pStatic, MHD_RESPMEM_PERSISTENT);
  }else{
    size_t n = p->body.n;
    char *z = buf_take(&p->body);
    m = MHD_create_response_from_buffer(n, z, MHD_RESPMEM_MUST_FREE);
  }
  if( !m ) return MHD_NO;
  if( p->zType ) MHD_add_response_header(m, "Content-Type", p->zType);
  MHD_add_response_header(m, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(m, "Referrer-Policy", "same-origin");
  MHD_add_response_header(m, "X-Frame-Options", "DENY");
  if( atomic_load(&bStopping) ) MHD_add_response_header(m, "Connection", "close");
  for(int i=0; i<p->nHeader; i++){
    char *zColon = strchr(p->azHeader[i], ':');
    if( zColon ){
      *zColon = 0;
      MHD_add_response_header(m, p->azHeader[i], zColon + 2);
    }
    free(p->azHeader[i]);
  }
  enum MHD_Result ret = MHD_queue_response(conn, (unsigned)p->status, m);
  MHD_destroy_response(m);
  return ret;
}

/* 1 if the path is the JSON API's (errors answer in JSON, not HTML). */
static int is_api(const char *zPath){
  return strncmp(zPath, "/api/", 5)==0 || strcmp(zPath, "/healthz")==0 || strncmp(zPath, "/static/", 8)==0;
}

static void handle(Req *r, Resp *p){
  Err e;
  memset(&e, 0, sizeof e);
  r->ctx.db = thread_db(&e);
  if( !r->ctx.db ){ http_error(p, &e); return; }
  /* A transaction open before the request is server_embed's caller's. */
  int bOuterTxn = db_in_txn(r->ctx.db);
  r->ctx.homeCityId = homeCityId;
  r->ctx.zActor = "anonymous";
  r->zLang = "zh";
  /* The portal host's home page is the public portal's. */
  if( is_portal_host(r) ){
    if( strcmp(r->zPath, "/")==0 ) r->zPath = "/portal";
    else if( strcmp(r->zPath, "/en")==0 || strcmp(r->zPath, "/en/")==0 ) r->zPath = "/en/portal";
  }
  int bKnown = 0;
  const Route *rt = 0;
  if( !text_utf8_valid(r->zPath, strlen(r->zPath)) ){
    err_set(&e, YC_EINVALID, "invalid_utf8", "path", "the path is not valid UTF-8");
  }else if( r->bNulInPath || strpbrk(r->zPath, "\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f"
                     "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7f") ){
    err_set(&e, YC_EINVALID, "invalid_path", "path", "the path contains an encoded control character");
  }else{
    rt = route_find(r, r->zMethod, r->zPath, &bKnown);
    r->iRoute = rt ? (int)(rt - aRoute) + 1 : 0;
    if( !rt && bKnown ) err_set(&e, YC_EMETHOD, "method_not_allowed", 0, "%.20s is not allowed here", r->zMethod);
    else if( !rt ) err_set(&e, YC_ENOTFOUND, "not_found", "path", "no such page: %.100s", r->zPath);
  }
  if( !rt ){
    if( is_api(r->zPath) ) http_error(p, &e);
    else { ui_prepare(r, p); ui_error(r, p, &e); }
    if( e.st==YC_EMETHOD ) http_add_header(p, "Allow", route_allow(r, r->zPath));
    return;
  }
  if( (rt->flags & ROUTE_WRITE) && http_auth(r, 1, &e) ){
    http_error(p, &e);
    return;
  }
  cache_observe(r->ctx.db);
  const char *zKey = 0;
  uint64_t stamp = cache_stamp();
  /* Only anonymous answers are cached: a signed-in caller sees drafts
  ** (core/review.h), which an anonymous one must never be served. */
  if( (rt->flags & ROUTE_CACHE) && strcmp(r->zMethod, "GET")==0
      && !http_header(r, "Authorization") && !http_cookie(r, "yc_session") ){
    zKey = cache_key(r);
    if( zKey && cache_get(zKey, p) ) return;
  }
  db_reads_start(r->ctx.db);
  r->bDeclared = rt->pApi!=0;
  r->azDeclared = rt->pApi ? rt->pApi->azQuery : 0;
  rt->xHandler(r, p);
  if( rt->pApi && !r->bParamsChecked && p->status<300 ){
    /* A declared route must check its query against its declaration. */
    log_error("%s %s: the handler never checked its query parameters", r->zMethod, r->zPath);
    err_set(&e, YC_EINTERNAL, "unchecked_parameters", 0, "the route did not check its query parameters");
    http_error(p, &e);
  }
  http_compress(p, r->zEnc);      /* before caching: the key names the encoding */
  if( zKey ){
    DbTables t;
    db_reads(r->ctx.db, &t);
    cache_put(zKey, p, stamp, &t);
    http_add_header(p, "X-Cache", "miss");
  }
  if( !bOuterTxn && db_in_txn(r->ctx.db) ){
    log_error("handler for %s %s left a transaction open", r->zMethod, r->zPath);
    for(int i=0; i<64 && db_in_txn(r->ctx.db); i++) db_rollback(r->ctx.db);
  }
  cache_observe(r->ctx.db);       /* what this request wrote */
  db_release(r->ctx.db);
}

/* Called by libmicrohttpd with the raw request target, before it decodes
** it: a %00 would silently cut the decoded path short, so remember it. */
static void *on_uri(void *cls, const char *zUri, struct MHD_Connection *conn){
  (void)cls; (void)conn;
  Req *r = calloc(1, sizeof *r);
  if( r && zUri ) reqcheck_target(r, (char*)zUri);  /* the connection's read buffer: see reqcheck.h */
  if( r ) accesslog_request_id(r->zRid);
  if( r && zUri ){
    const char *zQ = strchr(zUri, '?');
    size_t n = zQ ? (size_t)(zQ - zUri) : strlen(zUri);
    for(size_t i=0; i+2<n; i++){
      if( zUri[i]=='%' && zUri[i+1]=='0' && zUri[i+2]=='0' ) r->bNulInPath = 1;
    }
  }
  return r;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *zUrl,
                                  const char *zMethod, const char *zVersion,
                                  const char *zUpload, size_t *pnUpload, void **ppCls){
  (void)cls;
  Req *r = *ppCls;
  if( !r ) return MHD_NO;
  if( !r->conn ){
    metrics_in_flight_add(1);
    r->conn = conn;
    r->zMethod = zMethod;
    r->zPath = zUrl;
    const char *zLen = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
    guard_head_done(conn, zLen ? strtoull(zLen, 0, 10) : UINT64_MAX);
    Err e;
    int bClose = 0;
    if( !reqcheck_head(r, zUrl, zVersion, &e, &bClose) ) return MHD_YES;
    Resp p;                     /* refused before any handler and any body */
    memset(&p, 0, sizeof p);
    r->bRefused = 1;
    http_error(&p, &e);
    if( bClose ) http_add_header(&p, "Connection", "close");
    int status = p.status;
    enum MHD_Result ret = send_resp(conn, r, &p);
    buf_free(&p.body);
    metrics_request(r, status, 0);
    accesslog_write(r, status, 0, 0);
    return ret;
  }
  if( r->bRefused ){           /* whatever libmicrohttpd still reads is dropped */
    *pnUpload = 0;
    return MHD_YES;
  }
  if( *pnUpload ){
    guard_body(conn, *pnUpload);
    if( r->body.n + *pnUpload > http_max_body(zMethod, zUrl) ) r->bTooLarge = 1;
    else buf_append(&r->body, zUpload, *pnUpload);
    *pnUpload = 0;
    return MHD_YES;
  }
  guard_request_done(conn);
  Resp p;
  memset(&p, 0, sizeof p);
  r->zEnc = pCfg->bNoCompress ? 0 : http_accept_encoding(r);
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  if( r->bTooLarge && strcmp(zMethod, "GET")!=0 ){
    Err e;
    if( http_max_body(zMethod, zUrl)==HTTP_MAX_UPLOAD ) err_set(&e, YC_ETOOLARGE, "body_too_large", "file", "the upload is larger than 11 MiB");
    else err_set(&e, YC_ETOOLARGE, "body_too_large", 0, "the request body is larger than 1 MiB");
    http_error(&p, &e);
  }else{
    handle(r, &p);
  }
  if( p.status==0 ) p.status = 500;
  if( p.status==503 ) http_add_header(&p, "Retry-After", "1");   /* YC_EBUSY */
  if( p.status>=500 ) log_error("%s %s -> %d", zMethod, zUrl, p.status);
  http_compress(&p, r->zEnc);     /* a no-op for answers handle() compressed */
  http_add_header(&p, "X-Request-Id", r->zRid);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  uint64_t us = (uint64_t)((t1.tv_sec - t0.tv_sec)*1000000 + (t1.tv_nsec - t0.tv_nsec)/1000);
  uint64_t nBytes = p.pStatic ? p.nStatic : p.body.n;
  int status = p.status;
  enum MHD_Result ret = send_resp(conn, r, &p);
  buf_free(&p.body);
  metrics_request(r, status, us);
  accesslog_write(r, status, nBytes, us);
  return ret;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **ppCls,
                         enum MHD_RequestTerminationCode code){
  (void)cls; (void)code;
  Req *r = *ppCls;
  if( r ){
    if( r->conn ) metrics_in_flight_add(-1);
    req_free(r);
    *ppCls = 0;
  }
  guard_answered(conn);
}

static void on_connection(void *cls, struct MHD_Connection *conn, void **ppSocket,
                          enum MHD_ConnectionNotificationCode code){
  guard_notify(cls, conn, ppSocket, code);
  metrics_connection(code==MHD_CONNECTION_NOTIFY_STARTED ? 1 : -1);
}

static int parse_listen(const char *z, struct sockaddr_in *sa){
  char zHost[64];
  const char *zColon = strrchr(z, ':');
  if( !zColon || (size_t)(zColon - z)>=sizeof zHost ) return 0;
  memcpy(zHost, z, (size_t)(zColon - z));
  zHost[zColon - z] = 0;
  char *zEnd;
  long port = strtol(zColon + 1, &zEnd, 10);
  if( *zEnd || port<0 || port>65535 ) return 0;
  memset(sa, 0, sizeof *sa);
  sa->sin_family = AF_INET;
  sa->sin_port = htons((uint16_t)port);
  if( strcmp(zHost, "localhost")==0 ) strcpy(zHost, "127.0.0.1");
  return inet_pton(AF_INET, zHost, &sa->sin_addr)==1;
}

struct MHD_Daemon *server_embed(const ServerConfig *cfg, Db *db, int64_t iHomeCity){
  pCfg = cfg;
  pEmbedDb = db;
  homeCityId = iHomeCity;
  return MHD_start_daemon(MHD_USE_NO_LISTEN_SOCKET,
    0, 0, 0, on_request, 0,
    MHD_OPTION_NOTIFY_COMPLETED, on_completed, (void*)0,
    MHD_OPTION_URI_LOG_CALLBACK, on_uri, (void*)0,
    MHD_OPTION_STRICT_FOR_CLIENT, (int)1,
    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)5,
    MHD_OPTION_END);
}

int server_run(const ServerConfig *cfg){
  pCfg = cfg;
  Err e;
  memset(&e, 0, sizeof e);
  Ctx c;
  memset(&c, 0, sizeof c);
  if( db_open(cfg->zDb, 0, &c.db, &e) || ctx_load_home(&c, &e) ){
    fprintf(stderr, "youcheng serve: %s\n", e.zMsg);
    db_close(c.db);
    return 1;
  }
  homeCityId = c.homeCityId;
  db_close(c.db);
  origin_configure(cfg->zPublicUrl, cfg->zTrustedProxy);
  metrics_init();
  if( metrics_token_load(cfg->zMetricsTokenFile) || accesslog_open(cfg->zAccessLog, cfg->bNoAccessLog) ) return 1;

  struct sockaddr_in sa;
  if( !parse_listen(cfg->zListen, &sa) ){
    fprintf(stderr, "youcheng serve: --listen must be IPv4-HOST:PORT, e.g. 127.0.0.1:8080\n");
    return 2;
  }
  /* Workers inherit this mask; the main thread waits for the signal. */
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, 0);
  signal(SIGPIPE, SIG_IGN);

  GuardConfig gc = {cfg->nMaxConn ? cfg->nMaxConn : 4000, cfg->msHead, cfg->nBodyRate};
  if( guard_start(&gc) ){
    fprintf(stderr, "youcheng serve: cannot start the connection guard\n");
    return 1;
  }
  struct MHD_Daemon *d = MHD_start_daemon(
    MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_TURBO | MHD_USE_ITC,
    0, 0, 0, on_request, 0,
    MHD_OPTION_SOCK_ADDR, (struct sockaddr*)&sa,
    MHD_OPTION_THREAD_POOL_SIZE, (unsigned)cfg->nThread,
    MHD_OPTION_NOTIFY_COMPLETED, on_completed, (void*)0,
    MHD_OPTION_NOTIFY_CONNECTION, on_connection, (void*)0,
    MHD_OPTION_URI_LOG_CALLBACK, on_uri, (void*)0,
    MHD_OPTION_STRICT_FOR_CLIENT, (int)1,
    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
    MHD_OPTION_CONNECTION_LIMIT, gc.nMax,
    MHD_OPTION_PER_IP_CONNECTION_LIMIT, cfg->nPerIp,
    MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned)1,
    MHD_OPTION_END);
  if( !d ){
    guard_stop();
    fprintf(stderr, "youcheng serve: cannot listen on %s\n", cfg->zListen);
    return 1;
  }
  const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
  printf("youcheng: serving %s on http://%s:%u/ (%d threads)\n", cfg->zDb,
         inet_ntoa(sa.sin_addr), info ? info->port : ntohs(sa.sin_port), cfg->nThread);
  printf("youcheng: reading needs no account; to log in and edit, create one with\n"
         "  youcheng user add NAME --password-stdin --db %s\n"
         "and sign in at http://%s:%u/login (API: youcheng token create NAME --db %s)\n",
         cfg->zDb, inet_ntoa(sa.sin_addr), info ? info->port : ntohs(sa.sin_port), cfg->zDb);
  fflush(stdout);
  int sig = 0;
  sigwait(&set, &sig);
  /* Stop accepting, let the requests in flight finish (their answers close
  ** their connections), then stop the workers. */
  atomic_store(&bStopping, 1);
  MHD_socket fdListen = MHD_quiesce_daemon(d);
  if( fdListen!=MHD_INVALID_SOCKET ) close(fdListen);   /* ours now: new connections are refused */
  printf("youcheng: signal %d, stopping (%d requests in flight)\n", sig, metrics_in_flight());
  fflush(stdout);
  struct timespec tEnd, tNow, tNap = {0, 5*1000*1000};
  clock_gettime(CLOCK_MONOTONIC, &tEnd);
  tEnd.tv_sec += SHUTDOWN_GRACE_SECONDS;
  while( metrics_in_flight()>0 ){
    clock_gettime(CLOCK_MONOTONIC, &tNow);
    if( tNow.tv_sec>tEnd.tv_sec || (tNow.tv_sec==tEnd.tv_sec && tNow.tv_nsec>=tEnd.tv_nsec) ){
      printf("youcheng: %d requests still in flight after %d s, closing them\n", metrics_in_flight(), SHUTDOWN_GRACE_SECONDS);
      break;
    }
    nanosleep(&tNap, 0);
  }
  MHD_stop_daemon(d);
  guard_stop();
  cache_clear();
  pthread_mutex_lock(&dbMutex);
  for(int i=0; i<nDb; i++) db_close(apDb[i]);
  nDb = 0;
  pthread_mutex_unlock(&dbMutex);
  accesslog_close();
  metrics_shutdown();
  printf("youcheng: stopped\n");
  return 0;
}
