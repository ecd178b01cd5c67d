/*
** reqcheck.h: what libmicrohttpd 0.9.75 does not check of a request,
** checked before any handler runs (issue 14, item 7).
**
** libmicrohttpd runs with MHD_OPTION_STRICT_FOR_CLIENT 1, which refuses an
** HTTP/1.1 request without Host and a space in the target (and the daemon
** answers a too long request line or head with 414/431 itself). Here:
**   reqcheck_target  (from the URI log callback, on the raw target) notes a
**                    raw control character and the target's length, so that
**                    a raw NUL, which cuts the target short for
**                    libmicrohttpd, is seen; and a query of more than
**                    REQ_MAX_PARAMS parameters or REQ_MAX_QUERY bytes,
**                    which it then hides from libmicrohttpd (whose parser
**                    runs out of its connection's memory at about a
**                    thousand parameters and then leaves the connection
**                    hanging without an answer);
**   reqcheck_head    (on the first call for the request, the head complete)
**                    refuses, with the status and error it fills in:
**                    the notes above (400), Content-Length together with
**                    Transfer-Encoding, Transfer-Encoding other than
**                    "chunked", two different Content-Length (400, and the
**                    connection is closed: no bytes after the head are run
**                    as a request), a control character in a header (400),
**                    and a Content-Length over REQ_EARLY_413 (413, answered
**                    before the body is read, and the connection closed).
** A body over the route's limit (http_max_body) but under REQ_EARLY_413 is
** still read (and dropped) before its 413: libmicrohttpd 0.9.75 closes a
** connection whose answer was queued before its body, without a lingering
** close, so a client still sending (a browser uploading a file too big)
** sees the connection reset instead of the answer. The guard's minimum
** body rate bounds how long such a body may take.
** Together a few comparisons per request: no cost worth measuring.
*/
#ifndef YC_REQCHECK_H
#define YC_REQCHECK_H
#include "web/http.h"

#define REQ_MAX_PARAMS 100
#define REQ_MAX_QUERY 8192
#define REQ_EARLY_413 (64ull<<20)   /* 64 MiB */

/* zUri: the raw target, as libmicrohttpd hands it to the URI log callback
** (the bytes of its read buffer; the query may be emptied in place). */
void reqcheck_target(Req *r, char *zUri);
/* YC_OK, or the error (e) to answer at once; *pbClose: answer with
** "Connection: close". zUrl and zVersion as given to the access handler. */
YcStatus reqcheck_head(Req *r, const char *zUrl, const char *zVersion, Err *e, int *pbClose);

#endif
