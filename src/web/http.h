/*
** http.h: the request and response of one HTTP exchange, and helpers the
** handlers share (JSON answers, errors, parameters, authentication).
*/
#ifndef YC_HTTP_H
#define YC_HTTP_H
#include <stddef.h>
#include <stdint.h>
#include <jansson.h>
#include <microhttpd.h>
#include "base/arena.h"
#include "base/buf.h"
#include "core/ctx.h"

#define HTTP_MAX_BODY (1u<<20)    /* 1 MiB */
/* The body limit of attachment uploads (POST .../attachments): a file of
** up to NEWS_MAX_ATTACHMENT (10 MiB) with its multipart envelope. */
#define HTTP_MAX_UPLOAD (11u<<20)

typedef struct Req {
  struct MHD_Connection *conn;
  const char *zMethod;
  const char *zPath;
  Arena arena;              /* freed when the response is queued */
  Buf body;                 /* request body (up to http_max_body) */
  int bTooLarge;            /* body exceeded http_max_body */
  Ctx ctx;                  /* db, actor, home city */
  char *zUser, *zRole, *zCsrf;  /* set by http_auth (malloc'd) */
  int bSession;             /* authenticated by cookie (needs CSRF) */
  const char *azArg[4];     /* path parameters in route order */
  int nArg;
  const char *zLang;        /* "zh" or "en" */
  int bNulInPath;           /* the raw path had %00 */
  size_t nRawTarget;        /* the raw target's length as the URI callback saw it */
  unsigned char bCtlInTarget;   /* the raw target had a control character */
  unsigned char bTooManyParams; /* the query was too long (1: parameters, 2: bytes): see reqcheck.h */
  unsigned char bRefused;   /* answered on its head (reqcheck_head): no handler runs */
  const char *zEnc;         /* the answer's Content-Encoding: "br", "gzip" or 0 (identity) */
  int bDeclared;            /* an API route with an OpenAPI declaration: */
  const char *const *azDeclared;  /* its query parameters (0: none) */
  int bParamsChecked;       /* http_check_params ran */
  int iRoute;               /* 1 + the index in aRoute of the route served; 0: none */
  char zRid[17];            /* the request id (access log, X-Request-Id) */
} Req;

typedef struct Resp {
  int status;
  const char *zType;        /* Content-Type */
  Buf body;
  const unsigned char *pStatic; size_t nStatic;  /* body from an asset */
  char *azHeader[12];       /* "Name: value" pairs, malloc'd */
  int nHeader;
} Resp;

/* The largest body accepted for a request (HTTP_MAX_UPLOAD for attachment
** uploads, else HTTP_MAX_BODY). */
size_t http_max_body(const char *zMethod, const char *zUrl);

/* A query-string parameter, or 0. */
const char *http_param(Req *r, const char *zName);
/* YC_EINVALID if the query string has a parameter not in azKnown, a
** repeated one, or one that is not valid UTF-8. On an API route,
** azKnown must be the set its declaration lists (ApiOp.azQuery, route.h):
** another set is YC_EINTERNAL "undeclared_parameters", so that a handler
** cannot accept a parameter the OpenAPI document does not list. */
YcStatus http_check_params(Req *r, const char *const *azKnown, Err *e);
/* http_check_params, then the value of each parameter azKnown[i] (or 0)
** into az[i]: fills a core query struct's az[] (see PartnerQuery). */
YcStatus http_query(Req *r, const char *const *azKnown, const char **az, Err *e);
const char *http_header(Req *r, const char *zName);
/* The best content coding the request's Accept-Encoding allows of "br"
** and "gzip" (RFC 9110 12.5.3: q-values, "*", "identity"), or 0. */
const char *http_accept_encoding(Req *r);
/* Compress the answer in place with zEnc ("br", "gzip"; 0: none) when it is
** text (JSON, HTML, CSV, plain, SVG, XML) of at least HTTP_COMPRESS_MIN
** bytes; text answers get "Vary: Accept-Encoding" whether compressed or
** not. The server calls it once, after the handler. */
#define HTTP_COMPRESS_MIN 1024
void http_compress(Resp *p, const char *zEnc);
const char *http_cookie(Req *r, const char *zName);
void http_add_header(Resp *p, const char *zName, const char *zValue);
/* The client's IP address as text in z (n bytes; 46 is enough), or 0. */
const char *http_client_addr(Req *r, char *z, size_t n);

/* Send j (stolen) as JSON with the given status. */
void http_json(Resp *p, int status, json_t *j);
/* Answer j (stolen) with status when st is YC_OK, else the error e (and
** drop j). The usual last line of an API handler. */
void http_reply(Resp *p, YcStatus st, const Err *e, int status, json_t *j);
/* Send {"error":{"code","message","field"}} for e. */
void http_error(Resp *p, const Err *e);
/* Parse the body as a JSON object into *pj (new reference). */
YcStatus http_body_json(Req *r, json_t **pj, Err *e);
/* Authenticate (bearer token or session cookie). For writes with a
** session cookie, the X-CSRF-Token header must match. Fills ctx.userId. */
YcStatus http_auth(Req *r, int bWrite, Err *e);
/* The query of a CSV import (POST /api/v1/import/...): dry_run (1, 0,
** true or false) into *pbDry; a body over HTTP_MAX_BODY is the error
** zTooLarge (which says how to import a large file). */
YcStatus http_import_query(Req *r, int *pbDry, const char *zTooLarge, Err *e);
extern const char *const azImportParam[];   /* its parameters: dry_run */
/* The answer of an import: the report rep (stolen) with 200; else the
** error, with the report (when there is one) under "report". */
void http_import_reply(Resp *p, YcStatus st, const Err *e, json_t *rep);
/* Append a CSV cell to b (export_csv_cell of core/export.h, the one guard): quoted as needed
** (libcsv); a leading = + - @ gets a ' so that spreadsheets do not run it
** as a formula. Nothing for z 0. */
void http_csv_cell(Buf *b, const char *z, int bFirst);
/* Parse path argument i as a positive id. */
YcStatus http_arg_id(Req *r, int i, int64_t *pId, Err *e);

#endif
