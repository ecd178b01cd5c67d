/* err.c: error values; see err.h. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "base/err.h"

YcStatus err_set(Err *e, YcStatus st, const char *zCode, const char *zField,
                 const char *zFmt, ...){
  if( !e ) return st;
  e->st = st;
  snprintf(e->zCode, sizeof e->zCode, "%s", zCode ? zCode : err_default_code(st));
  snprintf(e->zField, sizeof e->zField, "%s", zField ? zField : "");
  va_list ap;
  va_start(ap, zFmt);
  vsnprintf(e->zMsg, sizeof e->zMsg, zFmt, ap);
  va_end(ap);
  return st;
}

int err_http_status(YcStatus st){
  switch( st ){
    case YC_OK: return 200;
    case YC_EINVALID: return 400;
    case YC_EAUTH: return 401;
    case YC_EFORBIDDEN: return 403;
    case YC_ENOTFOUND: return 404;
    case YC_EMETHOD: return 405;
    case YC_ECONFLICT: return 409;
    case YC_ETOOLARGE: return 413;
    case YC_ETOOMANY: return 429;
    case YC_EBUSY: return 503;
    default: return 500;
  }
}

const char *err_default_code(YcStatus st){
  switch( st ){
    case YC_OK: return "ok";
    case YC_EINVALID: return "invalid";
    case YC_EAUTH: return "unauthenticated";
    case YC_EFORBIDDEN: return "forbidden";
    case YC_ENOTFOUND: return "not_found";
    case YC_EMETHOD: return "method_not_allowed";
    case YC_ECONFLICT: return "conflict";
    case YC_ETOOLARGE: return "too_large";
    case YC_ETOOMANY: return "too_many_attempts";
    case YC_EBUSY: return "busy";
    default: return "internal";
  }
}
