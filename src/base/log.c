/* log.c: see log.h. */
#include <stdarg.h>
#include <stdio.h>
#include "base/log.h"
#include "base/date.h"

int log_quiet = 0;

static void log_v(const char *zLevel, const char *zFmt, va_list ap){
  char zTime[32];
  date_now(zTime);
  flockfile(stderr);
  fprintf(stderr, "%s %s ", zTime, zLevel);
  vfprintf(stderr, zFmt, ap);
  fputc('\n', stderr);
  funlockfile(stderr);
}

void log_info(const char *zFmt, ...){
  if( log_quiet ) return;
  va_list ap; va_start(ap, zFmt); log_v("info", zFmt, ap); va_end(ap);
}

void log_error(const char *zFmt, ...){
  va_list ap; va_start(ap, zFmt); log_v("error", zFmt, ap); va_end(ap);
}
