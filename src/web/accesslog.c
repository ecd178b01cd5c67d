/*
** accesslog.c: the structured access log; see accesslog.h.
**
** Each line is built with jansson (json_text, compact) and written with one
** write(2) on a descriptor opened O_APPEND: lines of concurrent workers
** never interleave, and no lock is taken.
*/
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <jansson.h>
#include <microhttpd.h>
#include "web/accesslog.h"
#include "web/route.h"
#include "web/origin.h"
#include "base/json.h"
#include "text/norm.h"

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

/* Adds each query parameter's name (never its value) to the array. */
static enum MHD_Result add_name(void *cls, enum MHD_ValueKind kind, const char *zKey, const char *zVal){
  (void)kind; (void)zVal;
  if( zKey && json_array_size(cls)<32 ) json_array_append_new(cls, json_string(zKey));
  return MHD_YES;
}

void accesslog_write(Req *r, int status, uint64_t nBytes, uint64_t us){
  if( fdLog<0 ) return;
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  struct tm tm;
  gmtime_r(&ts.tv_sec, &tm);
  char zTime[80], zAddr[64];
  snprintf(zTime, sizeof zTime, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ", tm.tm_year + 1900, tm.tm_mon + 1,
           tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ts.tv_nsec/1000000);
  json_t *aQuery = json_array();
  if( r->conn ) MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, add_name, aQuery);
  const char *zRoute = r->iRoute>0 ? aRoute[r->iRoute-1].zPattern : 0;
  json_t *j = json_pack("{s:s, s:s?, s:s?, s:s?, s:s?, s:o, s:i, s:I, s:I, s:o, s:s}",
    "time", zTime, "remote", origin_client_addr(r, zAddr, sizeof zAddr),
    "method", r->zMethod, "route", zRoute, "path", r->zPath && text_utf8_valid(r->zPath, strlen(r->zPath)) ? r->zPath : "(not UTF-8)", "query", aQuery,
    "status", status, "bytes", (json_int_t)nBytes, "us", (json_int_t)us,
    "user", r->ctx.userId>0 ? json_integer(r->ctx.userId) : json_null(), "rid", r->zRid);
  if( !j ) return;
  char *z = json_text(j, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
  json_decref(j);
  if( !z ) return;
  size_t n = strlen(z);
  z[n] = '\n';          /* json_text's terminator becomes the line's end */
  ssize_t w = write(fdLog, z, n + 1);
  (void)w;
  free(z);
}
