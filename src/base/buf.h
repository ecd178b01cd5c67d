/*
** buf.h: a growable byte buffer with a sticky error, after sqlite3_str.
** Append freely; check buf_error() once at the end. The contents are always
** NUL-terminated once anything was appended.
*/
#ifndef YC_BUF_H
#define YC_BUF_H
#include <stddef.h>
#include <stdarg.h>

typedef struct Buf {
  char *z;       /* contents, NUL-terminated (0 until first append) */
  size_t n;      /* bytes used, not counting the NUL */
  size_t nAlloc; /* bytes allocated */
  int bErr;      /* set once an allocation failed; later appends are no-ops */
} Buf;

#define BUF_INIT {0, 0, 0, 0}

/* Make room for nMore more bytes (and the NUL) after the contents, for
** writing in place at z + n; 1 on success, 0 (and the sticky error) when
** out of memory. */
int buf_reserve(Buf *p, size_t nMore);
void buf_append(Buf *p, const char *z, size_t n);
void buf_puts(Buf *p, const char *z);
void buf_putc(Buf *p, char c);
void buf_printf(Buf *p, const char *zFmt, ...) __attribute__((format(printf,2,3)));
void buf_vprintf(Buf *p, const char *zFmt, va_list ap);
/* Append z with HTML special characters escaped (& < > " '). */
void buf_html(Buf *p, const char *z);
/* Append z percent-encoded for use in a URL query component. */
void buf_url(Buf *p, const char *z);
const char *buf_str(const Buf *p);   /* "" when empty */
int buf_error(const Buf *p);
void buf_reset(Buf *p);              /* empty, keep memory */
void buf_free(Buf *p);
/* Hand the contents to the caller (free() it); the Buf is left empty. */
char *buf_take(Buf *p);
/* A new malloc'd string formatted like printf (free() it); 0 when out of
** memory. */
char *buf_mprintf(const char *zFmt, ...) __attribute__((format(printf,1,2)));

#endif
