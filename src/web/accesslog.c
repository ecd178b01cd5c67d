/*
** accesslog.c: the structured access log; see accesslog.h.
**
** Each line is JSON (strings escaped by json_text_string, the one JSON
** writer's) written with one write(2) on a descriptor opened O_APPEND:
** lines of concurrent workers never interleave, and no lock is taken.
*/
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <microhttpd.h>
#include "web/accesslog.h"
#include "web/route.h"
#include "web/origin.h"
#include "base/json.h"

static int fdLog = -1;                 /* -1: off */
static int bOwnFd = 0;
static uint32_t ridPrefix;
static _Atomic uint32_t ridNext;

int accesslog_open(const char *zFile, int bOff){
  ridPrefix = (uint32_t)time(0) * 2654435761u ^ (uint32_t)getpid() << 16;
  if( bOff ){ fdLog = -1; return 0; }
  if( !zFile ){ fdLog = 2; return 0; }
  fdLog = open(zFile, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
  if( fdLog<0 ){
    fprintf(stderr, "youcheng serve: --access-log %s: %s\n", zFile, strerror(errno));
    return -1;
  }
  bOwnFd = 1;
  return 0;
}

void accesslog_close(void){
  if( bOwnFd && fdLog>=0 ) close(fdLog);
  fdLog = -1;
  bOwnFd = 0;
}

void accesslog_request_id(char *z){
  uint32_t n = atomic_fetch_add_explicit(&ridNext, 1, memory_order_relaxed);
  snprintf(z, 17, "%08x%08x", ridPrefix, n);
}

/* Appends each query parameter's name (never its value) to the line, as
** JSON strings separated by commas (a name that is not UTF-8 is left out). */
typedef struct Names { Buf *b; int n; } Names;
static enum MHD_Result add_name(void *cls, enum MHD_ValueKind kind, const char *zKey, const char *zVal){
  (void)kind; (void)zVal;
  Names *p = cls;
  if( !zKey || p->n>=32 ) return MHD_YES;
  size_t n0 = p->b->n;
  if( p->n ) buf_putc(p->b, ',');
  if( json_text_string(p->b, zKey, strlen(zKey), JSON_ENSURE_ASCII) ) p->b->n = n0;
  else p->n++;
  return MHD_YES;
}

/* A string member ("name":"value", or null when z is 0 or not UTF-8). */
static void put_member(Buf *b, const char *zName, const char *z){
  buf_printf(b, ",\"%s\":", zName);
  size_t n0 = b->n;
  if( !z || json_text_string(b, z, strlen(z), JSON_ENSURE_ASCII) ){
    b->n = n0;
    buf_puts(b, "null");
  }
}

/* The line is written into a buffer of the worker thread's, kept between
** requests, with the time's text remade once a second: no allocation and
** one write(2) per request (freed when the thread ends). */
static pthread_key_t lineKey;
static pthread_once_t lineOnce = PTHREAD_ONCE_INIT;
static void line_free(void *p){ buf_free(p); free(p); }
static void line_key(void){ pthread_key_create(&lineKey, line_free); }
static _Thread_local time_t tSec = -1;
static _Thread_local char tzSec[32];

void accesslog_write(Req *r, int status, uint64_t nBytes, uint64_t us){
  if( fdLog<0 ) return;
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  if( ts.tv_sec!=tSec ){
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    strftime(tzSec, sizeof tzSec, "%Y-%m-%dT%H:%M:%S", &tm);
    tSec = ts.tv_sec;
  }
  char zAddr[64];
  pthread_once(&lineOnce, line_key);
  Buf *b = pthread_getspecific(lineKey);
  if( !b ){
    b = calloc(1, sizeof *b);
    if( !b || pthread_setspecific(lineKey, b) ){ free(b); return; }
  }
  buf_reset(b);
  buf_printf(b, "{\"time\":\"%s.%03dZ\"", tzSec, (int)(ts.tv_nsec/1000000));
  put_member(b, "remote", origin_client_addr(r, zAddr, sizeof zAddr));
  put_member(b, "method", r->zMethod);
  put_member(b, "route", r->iRoute>0 ? aRoute[r->iRoute-1].zPattern : 0);
  put_member(b, "path", r->zPath);
  buf_puts(b, ",\"query\":[");
  Names names = {b, 0};
  if( r->conn ) MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, add_name, &names);
  buf_printf(b, "],\"status\":%d,\"bytes\":%llu,\"us\":%llu,\"user\":", status,
             (unsigned long long)nBytes, (unsigned long long)us);
  if( r->ctx.userId>0 ) buf_printf(b, "%lld", (long long)r->ctx.userId);
  else buf_puts(b, "null");
  buf_printf(b, ",\"rid\":\"%s\"}\n", r->zRid);
  if( buf_error(b) ) return;
  ssize_t w = write(fdLog, b->z, b->n);
  (void)w;
}
