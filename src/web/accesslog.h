/*
** accesslog.h: one JSON line per request (time, client address, method,
** route pattern, path, the names of the query parameters, status, bytes,
** duration in microseconds, user id, request id) to standard error (the
** journal under systemd) or to a file. Never a cookie, a token, a password,
** a body, nor a query value (a search may carry a name).
*/
#ifndef YC_ACCESSLOG_H
#define YC_ACCESSLOG_H
#include <stdint.h>
#include "web/http.h"

/* zFile: append to it; 0: standard error; bOff: no log. 0, or -1 with a
** message when the file cannot be opened. */
int accesslog_open(const char *zFile, int bOff);
void accesslog_close(void);
/* A new request id (16 hex digits, unique in this process and unlikely to
** repeat across restarts) into z (17 bytes). */
void accesslog_request_id(char *z);
/* Log the answered request r: status, bytes of body sent, time in µs. */
void accesslog_write(Req *r, int status, uint64_t nBytes, uint64_t us);

#endif
