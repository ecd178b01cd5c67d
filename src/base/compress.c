/* compress.c: see compress.h. */
#include <string.h>
#include <zlib.h>
#include <brotli/encode.h>
#include "base/compress.h"

int compress_gzip(const void *a, size_t n, int level, Buf *out){
  z_stream s;
  memset(&s, 0, sizeof s);
  /* windowBits 15 + 16: a gzip header and trailer, not zlib's. */
  if( deflateInit2(&s, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY)!=Z_OK ) return -1;
  size_t nBound = deflateBound(&s, (uLong)n);
  if( !buf_reserve(out, nBound) ){ deflateEnd(&s); return -1; }
  s.next_in = (Bytef*)a;
  s.avail_in = (uInt)n;
  s.next_out = (Bytef*)out->z + out->n;
  s.avail_out = (uInt)nBound;
  int rc = deflate(&s, Z_FINISH);
  size_t nOut = nBound - s.avail_out;
  deflateEnd(&s);
  if( rc!=Z_STREAM_END ) return -1;
  out->n += nOut;
  out->z[out->n] = 0;
  return 0;
}

int compress_brotli(const void *a, size_t n, int quality, Buf *out){
  size_t nBound = BrotliEncoderMaxCompressedSize(n);
  if( nBound==0 ) return -1;
  if( !buf_reserve(out, nBound) ) return -1;
  size_t nOut = nBound;
  if( !BrotliEncoderCompress(quality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, n, (const uint8_t*)a,
                             &nOut, (uint8_t*)out->z + out->n) ) return -1;
  out->n += nOut;
  out->z[out->n] = 0;
  return 0;
}
