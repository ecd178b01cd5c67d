/* origin.c: where a request comes from (reverse proxy, HTTPS); see origin.h. */
#include <string.h>
#include <strings.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include "web/origin.h"

static const char *zPublic;     /* --public-url */
static const char *zProxy;      /* --trusted-proxy (an IP address as text) */

void origin_configure(const char *zPublicUrl, const char *zTrustedProxy){
  zPublic = zPublicUrl;
  zProxy = zTrustedProxy;
}

int origin_from_proxy(Req *r){
  char z[64];
  if( !zProxy ) return 0;
  const char *zPeer = http_client_addr(r, z, sizeof z);
  return zPeer && strcmp(zPeer, zProxy)==0;
}

int origin_https(Req *r){
  if( zPublic && strncmp(zPublic, "https://", 8)==0 ) return 1;
  if( !origin_from_proxy(r) ) return 0;
  const char *zProto = http_header(r, "X-Forwarded-Proto");
  return zProto && strcasecmp(zProto, "https")==0;
}

const char *origin_cookie_secure(Req *r){
  return origin_https(r) ? "; Secure" : "";
}

const char *origin_client_addr(Req *r, char *z, size_t n){
  const char *zFwd = origin_from_proxy(r) ? http_header(r, "X-Forwarded-For") : 0;
  if( zFwd ){
    /* The proxy appends the address it saw: the last entry is the one it
    ** vouches for (those before it are whatever the client claimed). */
    const char *zLast = strrchr(zFwd, ',');
    zLast = zLast ? zLast + 1 : zFwd;
    while( *zLast==' ' || *zLast=='\t' ) zLast++;
    size_t k = strcspn(zLast, " \t");
    char zAddr[64];
    unsigned char aBin[16];
    if( k>0 && k<sizeof zAddr ){
      memcpy(zAddr, zLast, k);
      zAddr[k] = 0;
      /* Only a well-formed address: the text goes into logs and throttles. */
      if( (inet_pton(AF_INET, zAddr, aBin)==1 || inet_pton(AF_INET6, zAddr, aBin)==1) && k<n ){
        memcpy(z, zAddr, k + 1);
        return z;
      }
    }
  }
  return http_client_addr(r, z, n);
}

int origin_local(Req *r){
  char z[64];
  const char *zPeer = http_client_addr(r, z, sizeof z);
  if( !zPeer ) return 0;
  if( origin_from_proxy(r) && (http_header(r, "X-Forwarded-For") || http_header(r, "X-Forwarded-Proto")) ) return 0;
  return strncmp(zPeer, "127.", 4)==0 || strcmp(zPeer, "::1")==0;
}
