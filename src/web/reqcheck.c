/* reqcheck.c: request checks libmicrohttpd does not make; see reqcheck.h. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "web/reqcheck.h"

static int is_ctl(unsigned char c){ return c<0x20 || c==0x7f; }

void reqcheck_target(Req *r, char *zUri){
  size_t n = strlen(zUri), nParam = 0;
  r->nRawTarget = n;
  char *zQ = 0;
  for(size_t i=0; i<n; i++){
    unsigned char c = (unsigned char)zUri[i];
    if( is_ctl(c) ) r->bCtlInTarget = 1;
    else if( c=='?' && !zQ ){ zQ = zUri + i; nParam = 1; }
    else if( c=='&' && zQ ) nParam++;
  }
  if( zQ && (nParam > REQ_MAX_PARAMS || strlen(zQ + 1) > REQ_MAX_QUERY) ){
    r->bTooManyParams = nParam > REQ_MAX_PARAMS ? 1 : 2;
    /* libmicrohttpd parses the query from the byte after '?' once this
    ** callback returns: an empty query it parses into nothing. */
    zQ[1] = 0;
  }
}

typedef struct HeadScan {
  const char *zLen;     /* the first Content-Length */
  int bLenDiffers;      /* another Content-Length with another value */
  const char *zTE;      /* Transfer-Encoding */
  int nTE;
  const char *zCtl;     /* a header with a control character */
} HeadScan;

static enum MHD_Result head_iter(void *p, enum MHD_ValueKind kind, const char *zKey, const char *zVal){
  HeadScan *s = p;
  (void)kind;
  for(const char *z = zKey; *z; z++) if( is_ctl((unsigned char)*z) ) s->zCtl = "a header name";
  for(const char *z = zVal ? zVal : ""; *z; z++) if( is_ctl((unsigned char)*z) && *z!='\t' ) s->zCtl = zKey;
  if( strcasecmp(zKey, "Content-Length")==0 ){
    if( !s->zLen ) s->zLen = zVal ? zVal : "";
    else if( strcmp(s->zLen, zVal ? zVal : "")!=0 ) s->bLenDiffers = 1;
  }else if( strcasecmp(zKey, "Transfer-Encoding")==0 ){
    s->zTE = zVal ? zVal : "";
    s->nTE++;
  }
  return MHD_YES;
}

YcStatus reqcheck_head(Req *r, const char *zUrl, const char *zVersion, Err *e, int *pbClose){
  *pbClose = 1;
  /* The target runs from zUrl to the space before the version: a raw NUL
  ** made libmicrohttpd's copy (and the length the URI callback saw) shorter. */
  if( r->bCtlInTarget || (zVersion > zUrl && (size_t)(zVersion - 1 - zUrl)!=r->nRawTarget) )
    return err_set(e, YC_EINVALID, "invalid_path", "path", "the request target contains a control character");
  if( r->bTooManyParams==1 )
    return err_set(e, YC_EINVALID, "too_many_parameters", 0, "the query has more than %d parameters", REQ_MAX_PARAMS);
  if( r->bTooManyParams )
    return err_set(e, YC_EINVALID, "query_too_long", 0, "the query is longer than %d bytes", REQ_MAX_QUERY);
  HeadScan s;
  memset(&s, 0, sizeof s);
  MHD_get_connection_values(r->conn, MHD_HEADER_KIND, head_iter, &s);
  if( s.zCtl )
    return err_set(e, YC_EINVALID, "invalid_header", 0, "a control character in %.60s", s.zCtl);
  if( s.zTE && s.zLen )
    return err_set(e, YC_EINVALID, "ambiguous_length", 0, "both Content-Length and Transfer-Encoding");
  if( s.zTE && (s.nTE>1 || strcasecmp(s.zTE, "chunked")!=0) )
    return err_set(e, YC_EINVALID, "unsupported_transfer_encoding", 0, "Transfer-Encoding must be chunked");
  if( s.bLenDiffers )
    return err_set(e, YC_EINVALID, "ambiguous_length", 0, "two different Content-Length");
  if( s.zLen ){
    char *zEnd;
    unsigned long long n = strtoull(s.zLen, &zEnd, 10);
    if( *zEnd==0 && s.zLen[0]>='0' && s.zLen[0]<='9' && n > REQ_EARLY_413 && n > http_max_body(r->zMethod, zUrl) ){
      if( http_max_body(r->zMethod, zUrl)==HTTP_MAX_UPLOAD )
        return err_set(e, YC_ETOOLARGE, "body_too_large", "file", "the upload is larger than 11 MiB");
      return err_set(e, YC_ETOOLARGE, "body_too_large", 0, "the request body is larger than 1 MiB");
    }
  }
  *pbClose = 0;
  return YC_OK;
}
