/*
** fuzzlib.h: what the libFuzzer targets (the other files of fuzz/) share.
**
** A target that needs a database opens a private copy of the demo
** template (YC_FUZZ_TEMPLATE: made by `youcheng init --demo`, see
** fuzz/run.sh) once per process, in LLVMFuzzerInitialize, and runs each
** input inside one outer transaction that fz_end() rolls back: the core
** functions' own transactions are savepoints inside it (store/db.h), so
** every input sees the same data.
**
** The HTTP targets (queries, forms) send a whole request through
** libmicrohttpd over a socket pair (MHD_add_connection): the request line,
** headers and body are parsed by the same library, and the route table,
** the authentication and the handlers are the product's (fz_http).
*/
#ifndef YC_FUZZLIB_H
#define YC_FUZZLIB_H
#include <stddef.h>
#include <stdint.h>
#include <jansson.h>
#include "core/ctx.h"
#include "base/buf.h"

/* The process's context over its private database copy (the CLI's: actor
** "cli", the home city loaded). Exits with a message if
** YC_FUZZ_TEMPLATE is unset or unusable. */
Ctx *fz_ctx(void);
/* Start and end one input: an outer transaction, rolled back. */
void fz_begin(void);
void fz_end(void);

/* Run one small twin-file import (a dry run) so that what the first
** import loads once per process (the gazetteer's indexes: seconds under
** ASan) is loaded before fuzzing, not charged to the first input. */
void fz_warm_twins(void);

/* Signs a user "fuzz" (role admin) in once: its session cookie value and
** CSRF token, for the form targets. */
const char *fz_cookie(void);
const char *fz_csrf(void);

/* Send the raw request z[0..n) through libmicrohttpd to the product's
** routes (inside fz_begin/fz_end); the raw answer into pOut (may be 0).
** Returns the HTTP status, or 0 when the server answered nothing. */
int fz_http(const char *z, size_t n, Buf *pOut);

/* A request zMethod zPath (HTTP/1.1, Host localhost, Connection close)
** with the body a[0..n) of type zType (0: no Content-Type), signed in
** (session cookie and X-CSRF-Token) when bAuth: fz_http's status. */
int fz_request(const char *zMethod, const char *zPath, int bAuth, const char *zType,
               const char *a, size_t n);

/* A route's pattern with each {} made "1" (malloc'd). */
char *fz_path(const char *zPattern);
/* The routes of aRoute whose method is zMethod (0: any but GET and HEAD)
** and which are (bApi) or are not under /api/; azPath[i] their pattern with
** each {} made "1"; at most nMax. Returns the count. */
int fz_routes(const char *zMethod, int bApi, const char **azMethod, char **azPath, int nMax);

/* With YC_FUZZ_DEBUG set, print an input's outcome to stderr (to check
** that the seeds get past the first checks). */
void fz_debug(YcStatus st, const Err *e, const char *zWhat);

/* A CSV import (the signature partner_import, exchange_import,
** opp_import_csv and profile_import_csv share) of a[0..n) as a dry run
** inside fz_begin/fz_end: the body of the import targets. */
typedef YcStatus (*FzImport)(Ctx*, const char*, size_t, int, json_t**, Err*);
int fz_import(FzImport x, const uint8_t *a, size_t n);

/* A NUL-terminated copy of the input (malloc'd). */
char *fz_str(const uint8_t *a, size_t n);

#endif
