/*
** fuzzlib.c: the database copy, the signed-in session and the HTTP
** harness of the fuzz targets (fuzzlib.h).
*/
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <microhttpd.h>
#include "fuzzlib.h"
#include "base/err.h"
#include "core/auth.h"
#include "core/mention.h"
#include "core/twins_import.h"
#include "web/http.h"
#include "web/route.h"
#include "web/server.h"
#include "web/ui.h"
#include "text/norm.h"

static Ctx ctx;
static int bOpen = 0;
static char zDir[256];

static void fz_die(const char *zMsg, const char *zArg){
  fprintf(stderr, "fuzz: %s%s\n", zMsg, zArg ? zArg : "");
  exit(1);
}

static void fz_cleanup(void){
  if( bOpen ){ db_close(ctx.db); bOpen = 0; }
  if( zDir[0] ){
    char z[300];
    const char *azSuffix[] = {"", "-wal", "-shm", "-journal"};
    for(int i=0; i<4; i++){ snprintf(z, sizeof z, "%s/db%s", zDir, azSuffix[i]); unlink(z); }
    rmdir(zDir);
  }
}

static void fz_copy(const char *zFrom, const char *zTo){
  int in = open(zFrom, O_RDONLY), out = open(zTo, O_WRONLY|O_CREAT|O_TRUNC, 0600);
  if( in<0 ) fz_die("cannot read the template ", zFrom);
  if( out<0 ) fz_die("cannot write ", zTo);
  char a[1<<16];
  ssize_t n;
  while( (n = read(in, a, sizeof a))>0 ){
    if( write(out, a, (size_t)n)!=n ) fz_die("cannot write ", zTo);
  }
  close(in);
  if( close(out) ) fz_die("cannot write ", zTo);
}

Ctx *fz_ctx(void){
  if( bOpen ) return &ctx;
  const char *zTmpl = getenv("YC_FUZZ_TEMPLATE");
  if( !zTmpl || !zTmpl[0] )
    fz_die("YC_FUZZ_TEMPLATE must name a demo database (`make fuzz` and fuzz/run.sh set it)", 0);
  const char *zTmp = getenv("TMPDIR");
  snprintf(zDir, sizeof zDir, "%s/yc-fuzz-XXXXXX", zTmp && zTmp[0] ? zTmp : "/tmp");
  if( !mkdtemp(zDir) ) fz_die("cannot make a temp dir in ", zTmp);
  char zDb[300];
  snprintf(zDb, sizeof zDb, "%s/db", zDir);
  fz_copy(zTmpl, zDb);
  atexit(fz_cleanup);
  Err e;
  memset(&e, 0, sizeof e);
  memset(&ctx, 0, sizeof ctx);
  if( auth_init() ) fz_die("libsodium did not start", 0);
  if( db_open(zDb, 0, &ctx.db, &e) ) fz_die("cannot open the database copy: ", e.zMsg);
  bOpen = 1;
  ctx.zActor = "cli";
  if( ctx_load_home(&ctx, &e) ) fz_die("the template has no home city: ", e.zMsg);
  return &ctx;
}

void fz_begin(void){
  Err e;
  memset(&e, 0, sizeof e);
  if( db_begin(fz_ctx()->db, &e) ) fz_die("cannot begin: ", e.zMsg);
}

void fz_end(void){
  /* A handler's own transaction left open is a finding of the server's
  ** (it logs it and rolls back); here all of it goes. */
  for(int i=0; i<64 && db_in_txn(ctx.db); i++) db_rollback(ctx.db);
  db_release(ctx.db);
  /* The mention dictionary is keyed on the latest audit id, which the
  ** rollback makes the next input's again: drop it. */
  mention_reset();
}

void fz_warm_twins(void){
  static const char zFile[] = "city1,country1,lat1,lng1,city2,country2,lat2,lng2\n"
                              "Jinan,China,36.66833,116.99722,Wakayama,Japan,34.23,135.17\n";
  Err e;
  json_t *rep = 0;
  fz_begin();
  twins_import(fz_ctx(), "warm.csv", zFile, sizeof zFile - 1, 0, 0, TWIN_DRY_RUN, &rep, &e);
  json_decref(rep);
  fz_end();
}

/* --- a signed-in session -------------------------------------------------- */

static char *zCookie, *zCsrf;

static void fz_login(void){
  if( zCookie ) return;
  Ctx *c = fz_ctx();
  Err e;
  memset(&e, 0, sizeof e);
  static const char zPw[] = "fuzz-harness-Passphrase-71";
  int64_t id = 0;
  int nRetry = 0;
  if( user_add(c, "fuzz", zPw, "admin", &id, &e) ) fz_die("cannot add the user: ", e.zMsg);
  if( auth_login(c, "fuzz", zPw, "127.0.0.1", &zCookie, &zCsrf, &nRetry, &e) )
    fz_die("cannot log in: ", e.zMsg);
}

const char *fz_cookie(void){ fz_login(); return zCookie; }
const char *fz_csrf(void){ fz_login(); return zCsrf; }

void fz_debug(YcStatus st, const Err *e, const char *zWhat){
  static int bDebug = -1;
  if( bDebug<0 ) bDebug = getenv("YC_FUZZ_DEBUG")!=0;
  if( !bDebug ) return;
  if( st ) fprintf(stderr, "fuzz: %s: %d %s [%s] %s\n", zWhat ? zWhat : "", (int)st, e->zCode, e->zField, e->zMsg);
  else fprintf(stderr, "fuzz: %s: ok\n", zWhat ? zWhat : "");
}

int fz_import(FzImport x, const uint8_t *a, size_t n){
  Err e;
  json_t *rep = 0;
  fz_begin();
  YcStatus st = x(fz_ctx(), (const char*)a, n, 1, &rep, &e);
  fz_debug(st, &e, 0);
  json_decref(rep);
  fz_end();
  return 0;
}

char *fz_str(const uint8_t *a, size_t n){
  char *z = malloc(n + 1);
  if( !z ) abort();
  memcpy(z, a, n);
  z[n] = 0;
  return z;
}

/* --- HTTP through libmicrohttpd -------------------------------------------
** The server's own request path (server_embed): the same request checks,
** routes, authentication, handlers, cache and compression as `youcheng
** serve`, on this process's database copy, in this thread. */

static struct MHD_Daemon *pDaemon;
static ServerConfig cfg;

static void fz_daemon_stop(void){
  if( pDaemon ){ MHD_stop_daemon(pDaemon); pDaemon = 0; }
}

int fz_http(const char *z, size_t n, Buf *pOut){
  fz_ctx();
  if( !pDaemon ){
    /* No listening socket, no thread: connections are added here and the
    ** daemon runs in this thread (MHD_run), one request at a time. */
    cfg.zDb = "fuzz";
    cfg.zListen = "";
    cfg.nThread = 1;
    pDaemon = server_embed(&cfg, ctx.db, ctx.homeCityId);
    if( !pDaemon ) fz_die("libmicrohttpd did not start", 0);
    atexit(fz_daemon_stop);
  }
  int sv[2];
  if( socketpair(AF_UNIX, SOCK_STREAM, 0, sv) ) fz_die("socketpair failed: ", strerror(errno));
  fcntl(sv[0], F_SETFL, O_NONBLOCK);
  struct sockaddr_in sa;
  memset(&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if( MHD_add_connection(pDaemon, sv[1], (struct sockaddr*)&sa, sizeof sa)!=MHD_YES )
    fz_die("MHD_add_connection failed", 0);
  fz_begin();
  size_t nSent = 0;
  int bShut = 0, bEof = 0;
  Buf out;
  memset(&out, 0, sizeof out);
  /* Until the server closes (the request says or implies nothing else, the
  ** client's half-close ends it) or a bounded number of turns. */
  for(int turn=0; turn<100000 && !bEof; turn++){
    if( nSent<n ){
      ssize_t k = send(sv[0], z + nSent, n - nSent, MSG_NOSIGNAL);
      if( k>0 ) nSent += (size_t)k;
      else if( k<0 && errno!=EAGAIN ) nSent = n;
    }
    if( nSent==n && !bShut ){ shutdown(sv[0], SHUT_WR); bShut = 1; }
    MHD_run(pDaemon);
    char a[16384];
    for(;;){
      ssize_t k = recv(sv[0], a, sizeof a, 0);
      if( k>0 ){ buf_append(&out, a, (size_t)k); continue; }
      if( k==0 || (errno!=EAGAIN && errno!=EINTR) ) bEof = 1;
      break;
    }
  }
  close(sv[0]);
  MHD_run(pDaemon);
  fz_end();
  int status = 0;
  if( out.n>=12 && memcmp(buf_str(&out), "HTTP/1.", 7)==0 ) status = atoi(buf_str(&out) + 9);
  /* A declared route that never checked its query (server.c answers 500). */
  if( status==500 && strstr(buf_str(&out), "\"unchecked_parameters\"") ){
    fprintf(stderr, "fuzz: a handler never checked its query parameters:\n%.2000s\n", buf_str(&out));
    abort();
  }
  if( pOut ) buf_append(pOut, buf_str(&out), out.n);
  buf_free(&out);
  return status;
}

int fz_request(const char *zMethod, const char *zPath, int bAuth, const char *zType,
               const char *a, size_t n){
  Buf b;
  memset(&b, 0, sizeof b);
  buf_printf(&b, "%s %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n", zMethod, zPath);
  if( bAuth ) buf_printf(&b, "Cookie: yc_session=%s\r\nX-CSRF-Token: %s\r\n", fz_cookie(), fz_csrf());
  if( zType ) buf_printf(&b, "Content-Type: %s\r\n", zType);
  if( n || zType ) buf_printf(&b, "Content-Length: %zu\r\n", n);
  buf_append(&b, "\r\n", 2);
  buf_append(&b, a, n);
  Buf out;
  memset(&out, 0, sizeof out);
  int status = fz_http(buf_str(&b), b.n, &out);
  if( getenv("YC_FUZZ_DEBUG") ){
    const char *z = buf_str(&out);
    const char *zBody = strstr(z, "\r\n\r\n");
    fprintf(stderr, "fuzz: %s %s -> %d %.300s\n", zMethod, zPath, status, zBody ? zBody + 4 : "");
  }
  buf_free(&out);
  buf_free(&b);
  return status;
}

char *fz_path(const char *zPattern){
  Buf b;
  memset(&b, 0, sizeof b);
  for(const char *p = zPattern; *p; ){
    if( p[0]=='{' && p[1]=='}' ){ buf_append(&b, "1", 1); p += 2; }
    else { buf_append(&b, p, 1); p++; }
  }
  return buf_take(&b);
}

int fz_routes(const char *zMethod, int bApi, const char **azMethod, char **azPath, int nMax){
  int n = 0;
  for(const Route *rt = aRoute; rt->zMethod && n<nMax; rt++){
    int bIsApi = strncmp(rt->zPattern, "/api/", 5)==0;
    if( bIsApi!=bApi ) continue;
    if( zMethod ? strcmp(rt->zMethod, zMethod)!=0
                : (strcmp(rt->zMethod, "GET")==0 || strcmp(rt->zMethod, "HEAD")==0) ) continue;
    azMethod[n] = rt->zMethod;
    azPath[n++] = fz_path(rt->zPattern);
  }
  return n;
}
