/*
** err.h: errors are values. Lower layers return a YcStatus and, for user
** errors, fill an Err naming the field and the problem; only the web and
** CLI edges turn it into an HTTP status, a JSON body or an exit code.
*/
#ifndef YC_ERR_H
#define YC_ERR_H

typedef enum YcStatus {
  YC_OK = 0,
  YC_EINVALID,    /* 400: bad input; Err.zField names the field */
  YC_EAUTH,       /* 401: not authenticated */
  YC_EFORBIDDEN,  /* 403: authenticated but not allowed, or bad CSRF */
  YC_ENOTFOUND,   /* 404: unknown id or path */
  YC_EMETHOD,     /* 405 */
  YC_ECONFLICT,   /* 409: duplicate */
  YC_ETOOLARGE,   /* 413 */
  YC_EINTERNAL,   /* 500: a bug or an I/O failure; logged */
  YC_ETOOMANY,    /* 429: too many attempts; try again later */
  YC_EBUSY        /* 503 + Retry-After: the database is busy (its write
                  ** lock held past the busy timeout); try again shortly */
} YcStatus;

typedef struct Err {
  YcStatus st;
  char zCode[32];     /* machine code, e.g. "invalid_date" */
  char zField[64];    /* offending field, "" if none */
  char zMsg[256];     /* human message (English) */
} Err;

/* Fill *e (if not 0) and return st. */
YcStatus err_set(Err *e, YcStatus st, const char *zCode, const char *zField,
                 const char *zFmt, ...) __attribute__((format(printf,5,6)));
int err_http_status(YcStatus st);
const char *err_default_code(YcStatus st);

#endif
