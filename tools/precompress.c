/*
** precompress.c: build-time tool. `precompress OUTDIR NAME=FILE...` writes
** OUTDIR/NAME.gz (gzip, level 9) and OUTDIR/NAME.br (brotli, quality 11)
** for each FILE, NAME being the name it is served under. The web server embeds them next
** to the originals and serves them by Accept-Encoding (web/static.c).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/compress.h"

static int write_file(const char *zPath, const Buf *b){
  FILE *f = fopen(zPath, "wb");
  if( !f ){ perror(zPath); return 1; }
  int bad = fwrite(b->z, 1, b->n, f)!=b->n;
  if( fclose(f) ) bad = 1;
  if( bad ){ fprintf(stderr, "precompress: cannot write %s\n", zPath); return 1; }
  return 0;
}

static int one(const char *zDir, const char *zPair){
  const char *zFile = strchr(zPair, '=');
  if( !zFile || zFile==zPair ){ fprintf(stderr, "precompress: %s is not NAME=FILE\n", zPair); return 1; }
  int nName = (int)(zFile - zPair);
  zFile++;
  FILE *f = fopen(zFile, "rb");
  if( !f ){ perror(zFile); return 1; }
  Buf in = BUF_INIT, gz = BUF_INIT, br = BUF_INIT;
  char a[65536];
  size_t k;
  while( (k = fread(a, 1, sizeof a, f))>0 ) buf_append(&in, a, k);
  int rc = ferror(f) || buf_error(&in);
  fclose(f);
  if( !rc ) rc = compress_gzip(in.z ? in.z : "", in.n, COMPRESS_GZIP_BEST, &gz)!=0
              || compress_brotli(in.z ? in.z : "", in.n, COMPRESS_BROTLI_BEST, &br)!=0;
  char zOut[4096];
  if( !rc ){
    snprintf(zOut, sizeof zOut, "%s/%.*s.gz", zDir, nName, zPair);
    rc = write_file(zOut, &gz);
  }
  if( !rc ){
    snprintf(zOut, sizeof zOut, "%s/%.*s.br", zDir, nName, zPair);
    rc = write_file(zOut, &br);
  }
  if( rc ) fprintf(stderr, "precompress: %s failed\n", zFile);
  buf_free(&in); buf_free(&gz); buf_free(&br);
  return rc;
}

int main(int argc, char **argv){
  if( argc<3 ){ fprintf(stderr, "usage: precompress OUTDIR NAME=FILE...\n"); return 2; }
  for(int i=2; i<argc; i++) if( one(argv[1], argv[i]) ) return 1;
  return 0;
}
