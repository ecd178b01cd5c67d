/*
** compress.h: gzip (zlib) and brotli (libbrotlienc) compression of a byte
** buffer, for HTTP Content-Encoding. Used at build time to pre-compress
** the embedded web assets (tools/precompress.c) and at run time for large
** JSON and HTML answers (web/http.c).
*/
#ifndef YC_COMPRESS_H
#define YC_COMPRESS_H
#include <stddef.h>
#include "base/buf.h"

/* Levels: gzip 1-9; brotli quality 0-11. */
#define COMPRESS_GZIP_FAST   6     /* answers compressed per request */
#define COMPRESS_GZIP_BEST   9     /* assets compressed once at build time */
#define COMPRESS_BROTLI_FAST 5
#define COMPRESS_BROTLI_BEST 11

/* Append the gzip (RFC 1952) form of a[0..n) to out. 0 on success, -1 when
** compression failed or ran out of memory (out is then unusable). */
int compress_gzip(const void *a, size_t n, int level, Buf *out);
/* Append the brotli (RFC 7932) form of a[0..n) to out; 0 or -1 as above. */
int compress_brotli(const void *a, size_t n, int quality, Buf *out);

#endif
