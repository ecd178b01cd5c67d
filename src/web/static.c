/*
** static.c: the CSS, JavaScript and map data embedded in the binary. Only
** names in the asset table can be served, so no path can leave it.
*/
#include <stdio.h>
#include <string.h>
#include "web/route.h"
#include "base/asset.h"

static const char *mime_type(const char *zName){
  const char *zExt = strrchr(zName, '.');
  if( !zExt ) return "application/octet-stream";
  if( strcmp(zExt, ".css")==0 ) return "text/css; charset=utf-8";
  if( strcmp(zExt, ".js")==0 ) return "text/javascript; charset=utf-8";
  if( strcmp(zExt, ".json")==0 ) return "application/json";
  if( strcmp(zExt, ".svg")==0 ) return "image/svg+xml";
  if( strcmp(zExt, ".png")==0 ) return "image/png";
  if( strcmp(zExt, ".ico")==0 ) return "image/x-icon";
  return "application/octet-stream";
}

/* 1 if the asset has pre-compressed copies to choose from by Accept-Encoding. */
static int is_text(const char *zName){
  const char *zExt = strrchr(zName, '.');
  return zExt && strcmp(zExt, ".png")!=0 && strcmp(zExt, ".ico")!=0;
}

/* WEBPAGE: GET /static/{name} */
void web_static(Req *r, Resp *p){
  char zName[128];
  const char *zArg = r->azArg[0];
  size_t n = 0;
  const unsigned char *a = 0;
  const char *zEnc = 0;     /* the pre-compressed copy served (build time, tools/precompress.c) */
  if( strlen(zArg)<100 && !strchr(zArg, '/') && zArg[0]!='.' ){
    snprintf(zName, sizeof zName, "static/%s", zArg);
    a = asset_find(zName, &n);
    if( a && r->zEnc ){
      char zZ[140];
      size_t nZ = 0;
      snprintf(zZ, sizeof zZ, "%s.%s", zName, r->zEnc[0]=='b' ? "br" : "gz");
      const unsigned char *aZ = asset_find(zZ, &nZ);
      if( aZ ){ a = aZ; n = nZ; zEnc = r->zEnc; }
    }
  }
  if( !a ){
    Err e;
    err_set(&e, YC_ENOTFOUND, "not_found", 0, "no such file");
    http_error(p, &e);
    return;
  }
  /* ETag: size and a cheap hash of the bytes. */
  unsigned h = 2166136261u;
  for(size_t i=0; i<n; i+= 1 + n/4096) h = (h ^ a[i]) * 16777619u;
  char zTag[48];
  snprintf(zTag, sizeof zTag, "\"%zx-%08x%s%s\"", n, h, zEnc ? "-" : "", zEnc ? zEnc : "");
  http_add_header(p, "ETag", zTag);
  http_add_header(p, "Cache-Control", "public, max-age=86400");
  if( zEnc ) http_add_header(p, "Content-Encoding", zEnc);
  if( is_text(zName) ) http_add_header(p, "Vary", "Accept-Encoding");
  const char *zIf = http_header(r, "If-None-Match");
  if( zIf && strcmp(zIf, zTag)==0 ){
    p->status = 304;
    p->zType = mime_type(zName);
    return;
  }
  p->status = 200;
  p->zType = mime_type(zName);
  p->pStatic = a;
  p->nStatic = n;
}
