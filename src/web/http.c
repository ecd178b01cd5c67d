/* http.c: request/response helpers; see http.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/export.h"
#include <arpa/inet.h>
#include <netinet/in.h>
#include "web/http.h"
#include "core/auth.h"
#include "core/input.h"
#include "text/norm.h"
#include "base/json.h"
#include "base/compress.h"
#include "base/log.h"

/* A bare `?q` is the empty value, as `?q=` (libmicrohttpd gives it no
** value): a handler must not read it as absent, since the cache keeps the
** two apart (cache.c). */
const char *http_param(Req *r, const char *zName){
  const char *z = 0;
  size_t n = 0;
  if( MHD_lookup_connection_value_n(r->conn, MHD_GET_ARGUMENT_KIND, zName, strlen(zName), &z, &n)!=MHD_YES ) return 0;
  return z ? z : "";
}

const char *http_header(Req *r, const char *zName){
  return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, zName);
}

/* The q-value Accept-Encoding value zAE gives coding zName (or "*" when
** it does not name it); -1 when neither is listed. */
static double accept_q(const char *zAE, const char *zName){
  double qName = -1, qStar = -1;
  size_t nName = strlen(zName);
  const char *z = zAE;
  while( *z ){
    while( *z==' ' || *z=='\t' || *z==',' ) z++;
    if( !*z ) break;
    const char *zTok = z;
    while( *z && *z!=';' && *z!=',' && *z!=' ' && *z!='\t' ) z++;
    size_t nTok = (size_t)(z - zTok);
    double q = 1.0;
    while( *z && *z!=',' ){
      if( (*z=='q' || *z=='Q') && z[1]=='=' && (z[-1]==';' || z[-1]==' ' || z[-1]=='\t') ) q = strtod(z + 2, 0);
      z++;
    }
    if( q<0 || q>1 ) q = 0;
    if( nTok==nName && strncasecmp(zTok, zName, nName)==0 ) qName = q;
    else if( nTok==1 && zTok[0]=='*' ) qStar = q;
  }
  return qName>=0 ? qName : qStar;
}

const char *http_accept_encoding(Req *r){
  const char *zAE = http_header(r, "Accept-Encoding");
  if( !zAE ) return 0;
  double qBr = accept_q(zAE, "br"), qGz = accept_q(zAE, "gzip");
  if( qBr>0 && qBr>=qGz ) return "br";
  if( qGz>0 ) return "gzip";
  return 0;
}

/* 1 if an answer of Content-Type zType is text worth compressing. */
static int is_text_type(const char *zType){
  static const char *const azType[] = {"application/json", "text/", "image/svg+xml", "application/xml", 0};
  if( !zType ) return 0;
  for(int i=0; azType[i]; i++) if( strncmp(zType, azType[i], strlen(azType[i]))==0 ) return 1;
  return 0;
}

void http_compress(Resp *p, const char *zEnc){
  if( p->pStatic || p->status==204 || p->status==304 || !is_text_type(p->zType) ) return;
  for(int i=0; i<p->nHeader; i++){   /* done already (a cached answer), or the handler's own */
    if( strncasecmp(p->azHeader[i], "Content-Encoding:", 17)==0 || strcmp(p->azHeader[i], "Vary: Accept-Encoding")==0 ) return;
  }
  http_add_header(p, "Vary", "Accept-Encoding");
  if( !zEnc || p->body.n<HTTP_COMPRESS_MIN || buf_error(&p->body) ) return;
  Buf z = BUF_INIT;
  int rc = zEnc[0]=='b' ? compress_brotli(p->body.z, p->body.n, COMPRESS_BROTLI_FAST, &z)
                          : compress_gzip(p->body.z, p->body.n, COMPRESS_GZIP_FAST, &z);
  if( rc || z.n>=p->body.n ){ buf_free(&z); return; }
  buf_free(&p->body);
  p->body = z;
  http_add_header(p, "Content-Encoding", zEnc);
}

const char *http_cookie(Req *r, const char *zName){
  return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, zName);
}

typedef struct ParamCheck {
  const char *const *azKnown;
  Err *e;
  YcStatus st;
  const char *azSeen[32];
  int nSeen;
} ParamCheck;

static enum MHD_Result param_iter(void *p, enum MHD_ValueKind kind, const char *zKey, const char *zVal){
  ParamCheck *x = p;
  (void)kind;
  if( x->st ) return MHD_NO;
  if( !text_utf8_valid(zKey, strlen(zKey)) || (zVal && !text_utf8_valid(zVal, strlen(zVal))) ){
    x->st = err_set(x->e, YC_EINVALID, "invalid_utf8", text_utf8_valid(zKey, strlen(zKey)) ? zKey : "",
                    "query parameter is not valid UTF-8");
    return MHD_NO;
  }
  if( in_enum_index(x->azKnown, zKey)<0 ){
    x->st = err_set(x->e, YC_EINVALID, "unknown_parameter", zKey, "unknown query parameter '%.40s'", zKey);
    return MHD_NO;
  }
  for(int i=0; i<x->nSeen; i++){
    if( strcmp(x->azSeen[i], zKey)==0 ){
      x->st = err_set(x->e, YC_EINVALID, "repeated_parameter", zKey, "query parameter '%s' given twice", zKey);
      return MHD_NO;
    }
  }
  if( x->nSeen<32 ) x->azSeen[x->nSeen++] = zKey;
  if( zVal && strlen(zVal)>1000 ){
    x->st = err_set(x->e, YC_EINVALID, "too_long", zKey, "query parameter '%s' is too long", zKey);
    return MHD_NO;
  }
  return MHD_YES;
}

/* 1 if the lists (0 is empty) hold the same names. */
static int same_names(const char *const *az1, const char *const *az2){
  static const char *const azNone[] = {0};
  if( !az1 ) az1 = azNone;
  if( !az2 ) az2 = azNone;
  int n1 = 0, n2 = 0;
  for(; az1[n1]; n1++) if( in_enum_index(az2, az1[n1])<0 ) return 0;
  for(; az2[n2]; n2++){}
  return n1==n2;
}

YcStatus http_check_params(Req *r, const char *const *azKnown, Err *e){
  static const char *const azNone[] = {0};
  r->bParamsChecked = 1;
  if( r->bDeclared && !same_names(azKnown, r->azDeclared) ){
    log_error("%s %s: the handler checks query parameters its declaration (ApiOp.azQuery) does not list",
              r->zMethod, r->zPath);
    return err_set(e, YC_EINTERNAL, "undeclared_parameters", 0,
                   "the route's query parameters differ from its OpenAPI declaration");
  }
  ParamCheck x = {azKnown ? azKnown : azNone, e, YC_OK, {0}, 0};
  MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, param_iter, &x);
  return x.st;
}

size_t http_max_body(const char *zMethod, const char *zUrl){
  size_t n = zUrl ? strlen(zUrl) : 0;
  if( zMethod && strcmp(zMethod, "POST")==0 && n>12 && strcmp(zUrl + n - 12, "/attachments")==0 ) return HTTP_MAX_UPLOAD;
  return HTTP_MAX_BODY;
}

void http_add_header(Resp *p, const char *zName, const char *zValue){
  if( p->nHeader>=(int)(sizeof p->azHeader/sizeof p->azHeader[0]) ) return;
  size_t n = strlen(zName) + strlen(zValue) + 3;
  char *z = malloc(n);
  if( !z ) return;
  snprintf(z, n, "%s: %s", zName, zValue);
  p->azHeader[p->nHeader++] = z;
}

void http_json(Resp *p, int status, json_t *j){
  p->status = status;
  p->zType = "application/json; charset=utf-8";
  buf_reset(&p->body);
  char *z = json_text(j, JSON_COMPACT);
  if( z ){
    buf_puts(&p->body, z);
    buf_putc(&p->body, '\n');
    free(z);
  }
  json_decref(j);
}

void http_reply(Resp *p, YcStatus st, const Err *e, int status, json_t *j){
  if( st ){ json_decref(j); http_error(p, e); }
  else http_json(p, status, j);
}

void http_error(Resp *p, const Err *e){
  json_t *err = json_pack("{s:s, s:s}", "code", e->zCode[0] ? e->zCode : err_default_code(e->st),
                          "message", e->zMsg[0] ? e->zMsg : err_default_code(e->st));
  json_object_set_new(err, "field", e->zField[0] ? json_string(e->zField) : json_null());
  http_json(p, err_http_status(e->st), json_pack("{s:o}", "error", err));
  if( e->st==YC_EAUTH ) http_add_header(p, "WWW-Authenticate", "Bearer realm=\"youcheng\"");
}

YcStatus http_body_json(Req *r, json_t **pj, Err *e){
  *pj = 0;
  if( r->bTooLarge )
    return err_set(e, YC_ETOOLARGE, "body_too_large", 0, "the request body is larger than 1 MiB");
  const char *zType = http_header(r, "Content-Type");
  if( zType && strncmp(zType, "application/json", 16)!=0 )
    return err_set(e, YC_EINVALID, "wrong_content_type", 0, "the body must be application/json");
  if( r->body.n==0 ) return err_set(e, YC_EINVALID, "empty_body", 0, "the request body is empty");
  if( !text_utf8_valid(buf_str(&r->body), r->body.n) )
    return err_set(e, YC_EINVALID, "invalid_utf8", 0, "the body is not valid UTF-8");
  json_error_t je;
  json_t *j = json_loadb(buf_str(&r->body), r->body.n, JSON_REJECT_DUPLICATES, &je);
  if( !j ) return err_set(e, YC_EINVALID, "malformed_json", 0, "malformed JSON at line %d column %d: %s",
                          je.line, je.column, je.text);
  if( !json_is_object(j) ){
    json_decref(j);
    return err_set(e, YC_EINVALID, "invalid_body", 0, "the body must be a JSON object");
  }
  *pj = j;
  return YC_OK;
}

const char *http_client_addr(Req *r, char *z, size_t n){
  const union MHD_ConnectionInfo *ci = r->conn ? MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS) : 0;
  const struct sockaddr *sa = ci ? ci->client_addr : 0;
  if( sa && sa->sa_family==AF_INET && inet_ntop(AF_INET, &((const struct sockaddr_in*)sa)->sin_addr, z, (socklen_t)n) ) return z;
  if( sa && sa->sa_family==AF_INET6 && inet_ntop(AF_INET6, &((const struct sockaddr_in6*)sa)->sin6_addr, z, (socklen_t)n) ) return z;
  return 0;
}

YcStatus http_auth(Req *r, int bWrite, Err *e){
  const char *zAuth = http_header(r, "Authorization");
  YcStatus st;
  if( zAuth ){
    if( strncasecmp(zAuth, "Bearer ", 7)!=0 )
      return err_set(e, YC_EAUTH, "invalid_token", 0, "use Authorization: Bearer TOKEN");
    st = auth_bearer(&r->ctx, zAuth + 7, &r->zUser, &r->zRole, e);
  }else{
    const char *zCookie = http_cookie(r, "yc_session");
    if( !zCookie ) return err_set(e, YC_EAUTH, "unauthenticated", 0, "log in or send a bearer token");
    st = auth_session(&r->ctx, zCookie, &r->zUser, &r->zRole, &r->zCsrf, e);
    if( st==YC_OK ) r->bSession = 1;
    if( st==YC_OK && bWrite ){
      const char *zTok = http_header(r, "X-CSRF-Token");
      if( !zTok || !auth_equal(zTok, r->zCsrf) )
        return err_set(e, YC_EFORBIDDEN, "csrf", 0, "missing or wrong CSRF token");
    }
  }
  if( st ) return st;
  r->ctx.zActor = r->zUser;
  r->ctx.zRole = r->zRole;
  if( bWrite && strcmp(r->zRole, "viewer")==0 )
    return err_set(e, YC_EFORBIDDEN, "forbidden", 0, "viewers cannot change data");
  return YC_OK;
}

YcStatus http_arg_id(Req *r, int i, int64_t *pId, Err *e){
  const char *z = i<r->nArg ? r->azArg[i] : 0;
  char *zEnd;
  long long v = z ? strtoll(z, &zEnd, 10) : 0;
  if( !z || z[0]<'0' || z[0]>'9' || *zEnd || v<1 || strlen(z)>18 )
    return err_set(e, YC_ENOTFOUND, "not_found", "id", "no record with id '%.30s'", z ? z : "");
  *pId = v;
  return YC_OK;
}

YcStatus http_query(Req *r, const char *const *azKnown, const char **az, Err *e){
  YcStatus st = http_check_params(r, azKnown, e);
  if( st ) return st;
  for(int i=0; azKnown[i]; i++) az[i] = http_param(r, azKnown[i]);
  return YC_OK;
}

const char *const azImportParam[] = {"dry_run", 0};

YcStatus http_import_query(Req *r, int *pbDry, const char *zTooLarge, Err *e){
  YcStatus st = http_check_params(r, azImportParam, e);
  const char *zDry = http_param(r, "dry_run");
  if( !st && zDry && strcmp(zDry, "1")!=0 && strcmp(zDry, "0")!=0 && strcmp(zDry, "true")!=0 && strcmp(zDry, "false")!=0 )
    st = err_set(e, YC_EINVALID, "invalid_value", "dry_run", "dry_run must be 1, 0, true or false");
  if( !st && r->bTooLarge ) st = err_set(e, YC_ETOOLARGE, "body_too_large", 0, "%s", zTooLarge);
  *pbDry = zDry && (zDry[0]=='1' || zDry[0]=='t');
  return st;
}

void http_import_reply(Resp *p, YcStatus st, const Err *e, json_t *rep){
  if( !st ){ http_json(p, 200, rep); return; }
  http_error(p, e);
  if( rep ){
    json_error_t je;
    json_t *j = json_loadb(buf_str(&p->body), p->body.n, 0, &je);
    if( j ){
      json_object_set_new(j, "report", rep);
      rep = 0;
      http_json(p, p->status, j);
    }
  }
  json_decref(rep);
}

void http_csv_cell(Buf *b, const char *z, int bFirst){ export_csv_cell(b, z, bFirst); }
