/* ui.c: page layout, language, forms; see ui.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "web/ui.h"
#include "web/route.h"
#include "web/origin.h"
#include "core/auth.h"
#include "text/norm.h"
#include "core/city.h"
#include "base/json.h"
#include "core/partner.h"
#include "core/unit.h"
#include "core/input.h"
#include "core/org.h"
#include "store/rows.h"
#include "base/date.h"
#include "core/org.h"

void ui_prepare(Req *r, Resp *p){
  const char *zLang = http_param(r, "lang");
  if( zLang && (strcmp(zLang, "en")==0 || strcmp(zLang, "zh")==0) ){
    r->zLang = strcmp(zLang, "en")==0 ? "en" : "zh";
    char z[96];
    snprintf(z, sizeof z, "yc_lang=%s; Path=/; Max-Age=31536000; SameSite=Lax%s", r->zLang, origin_cookie_secure(r));
    http_add_header(p, "Set-Cookie", z);
  }else{
    const char *zC = http_cookie(r, "yc_lang");
    r->zLang = (zC && strcmp(zC, "en")==0) ? "en" : "zh";
  }
  const char *zCookie = http_cookie(r, "yc_session");
  if( zCookie && !r->zUser ){
    Err e;
    if( auth_session(&r->ctx, zCookie, &r->zUser, &r->zRole, &r->zCsrf, &e)==YC_OK ){
      r->bSession = 1;
      r->ctx.zActor = r->zUser;
      r->ctx.zRole = r->zRole;
    }else{
      r->ctx.userId = 0;
    }
  }
}

typedef struct UrlCtx { Req *r; Buf *b; const char *zKey, *zVal; int n; } UrlCtx;

static enum MHD_Result url_iter(void *p, enum MHD_ValueKind kind, const char *zK, const char *zV){
  UrlCtx *u = p;
  (void)kind;
  if( strcmp(zK, u->zKey)==0 ) return MHD_YES;
  if( !text_utf8_valid(zK, strlen(zK)) || (zV && !text_utf8_valid(zV, strlen(zV))) ) return MHD_YES;
  buf_putc(u->b, u->n++ ? '&' : '?');
  buf_url(u->b, zK);
  buf_putc(u->b, '=');
  buf_url(u->b, zV ? zV : "");
  return MHD_YES;
}

const char *ui_param(Req *r, const char *zName){
  const char *z = http_param(r, zName);
  return z && *z ? z : 0;
}

const char *ui_url_with(Req *r, const char *zKey, const char *zVal){
  Buf b = BUF_INIT;
  buf_puts(&b, r->zPath);
  UrlCtx u = {r, &b, zKey, zVal, 0};
  MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, url_iter, &u);
  if( zVal ){
    buf_putc(&b, u.n ? '&' : '?');
    buf_url(&b, zKey);
    buf_putc(&b, '=');
    buf_url(&b, zVal);
  }
  const char *z = arena_strdup(&r->arena, buf_str(&b));
  buf_free(&b);
  return z;
}

void ui_pager(Req *r, Buf *b, const json_t *list){
  const char *zNext = jstr(list, "next_cursor"), *zPrev = jstr(list, "prev_cursor");
  if( !zPrev && !zNext ) return;
  hp(b, "<nav class=\"pager\" aria-label=\"%s\">", T(r, "p.pages"));
  if( zPrev ) hp(b, "<a rel=\"prev\" href=\"%s\">%s</a>", ui_url_with(r, "cursor", zPrev), T(r, "p.prev"));
  if( zNext ) hp(b, " <a rel=\"next\" href=\"%s\">%s</a>", ui_url_with(r, "cursor", zNext), T(r, "p.next"));
  hp(b, "</nav>\n");
}

const char *ui_label(Req *r, const char *zPrefix, const char *zValue){
  if( !zPrefix ) return zValue ? zValue : "";
  char zKey[96];
  snprintf(zKey, sizeof zKey, "%s.%s", zPrefix, zValue ? zValue : "");
  const char *z = T(r, zKey);
  return z==zKey ? arena_strdup(&r->arena, zValue ? zValue : "") : z;
}

void ui_begin(Req *r, Resp *p, const char *zTitle, const char *zNav){
  Buf *b = &p->body;
  p->status = p->status ? p->status : 200;
  p->zType = "text/html; charset=utf-8";
  http_add_header(p, "Content-Security-Policy",
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
  http_add_header(p, "Cache-Control", "no-store");
  hp(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>%s · %s</title>\n<link rel=\"stylesheet\" href=\"/static/app.css\">\n"
        "<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">\n</head>\n<body>\n",
     strcmp(r->zLang, "en")==0 ? "en" : "zh-Hans", zTitle, T(r, "app.name"));
  hp(b, "<a class=\"skip\" href=\"#main\">%s</a>\n<header class=\"top\">\n<div class=\"bar\">\n"
        "<a class=\"brand\" href=\"/\"><span class=\"logo\" aria-hidden=\"true\">友</span> %s</a>\n"
        "<nav aria-label=\"%s\"><ul>\n", T(r, "nav.skip"), T(r, "app.name"), T(r, "nav.main"));
  for(const Route *rt = aRoute; rt->zMethod; rt++){
    if( !rt->zNav ) continue;
    char zKey[48];
    snprintf(zKey, sizeof zKey, "nav.%s", rt->zNav);
    int bCur = zNav && strcmp(zNav, rt->zNav)==0;
    hp(b, "<li><a href=\"%s\"%R>%s</a></li>\n", rt->zPattern, bCur ? " aria-current=\"page\"" : "", T(r, zKey));
  }
  hp(b, "</ul></nav>\n<div class=\"tools\">\n");
  int bEn = strcmp(r->zLang, "en")==0;
  hp(b, "<span class=\"lang\" role=\"group\" aria-label=\"%s\">", T(r, "nav.lang"));
  if( bEn ) hp(b, "<a href=\"%s\" lang=\"zh-Hans\">简体中文</a> · <strong>English</strong>", ui_url_with(r, "lang", "zh"));
  else hp(b, "<strong>简体中文</strong> · <a href=\"%s\" lang=\"en\">English</a>", ui_url_with(r, "lang", "en"));
  hp(b, "</span>\n");
  if( r->zUser && r->zRole && strcmp(r->zRole, "admin")==0 )
    hp(b, "<a class=\"login\" href=\"/admin/users\">%s</a> <a class=\"login\" href=\"/admin/units\">%s</a>"
          " <a class=\"login\" href=\"/archive\">%s</a>\n",
       T(r, "acct.title"), T(r, "un.title"), T(r, "arch.nav"));
  if( r->zUser ) hp(b, "<a class=\"login\" href=\"/review\">%s</a>\n", T(r, "review.title"));
  if( r->zUser ){
    char zAs[160];
    snprintf(zAs, sizeof zAs, T(r, "login.as"), r->zUser);
    hp(b, "<form class=\"logout\" method=\"post\" action=\"/logout\"><span class=\"who\">%s</span>", zAs);
    ui_csrf_field(r, p);
    hp(b, "<button type=\"submit\" class=\"link\">%s</button></form>\n", T(r, "nav.logout"));
  }else{
    hp(b, "<a class=\"login\" href=\"/login?next=%u\">%s</a>\n", r->zPath, T(r, "nav.login"));
  }
  hp(b, "</div>\n</div>\n</header>\n<main id=\"main\">\n");
}

void ui_end(Req *r, Resp *p){
  hp(&p->body, "</main>\n<footer class=\"foot\"><p>%s</p><p>youcheng · 友城 · <a href=\"%s\">%s</a> · <a href=\"/api/docs\">%s</a></p></footer>\n"
               "<script src=\"/static/app.js\"></script>\n</body>\n</html>\n", T(r, "footer.sources"),
     ui_zh(r) ? "/portal" : "/en/portal", T(r, "footer.portal"), T(r, "footer.api"));
}

void ui_error(Req *r, Resp *p, const Err *e){
  buf_reset(&p->body);
  for(int i=0; i<p->nHeader; i++) free(p->azHeader[i]);
  p->nHeader = 0;
  p->status = err_http_status(e->st);
  const char *zTitle = e->st==YC_ENOTFOUND ? T(r, "err.404") : T(r, "err.generic");
  ui_begin(r, p, zTitle, 0);
  hp(&p->body, "<section class=\"error-page\"><h1>%s <span class=\"code\">%d</span></h1>\n",
     zTitle, p->status);
  if( e->st==YC_ENOTFOUND ) hp(&p->body, "<p>%s</p>\n", T(r, "err.404_text"));
  else if( e->st==YC_EFORBIDDEN && strcmp(e->zCode, "csrf")==0 ) hp(&p->body, "<p>%s</p>\n", T(r, "err.csrf"));
  else if( e->st==YC_EFORBIDDEN ) hp(&p->body, "<p>%s</p>\n", T(r, "err.forbidden"));
  else hp(&p->body, "<p>%s</p>\n", e->zMsg);
  hp(&p->body, "<p><a href=\"/\">%s</a></p></section>\n", T(r, "err.back"));
  ui_end(r, p);
}

void ui_redirect(Resp *p, const char *zUrl){
  p->status = 303;
  p->zType = "text/plain; charset=utf-8";
  http_add_header(p, "Location", zUrl);
  buf_puts(&p->body, "See Other\n");
}

/* 1 if z[0..n) is a local path by the rules of ui_local_path. */
static int local_path(const char *z, size_t n){
  if( n<1 || z[0]!='/' || (n>1 && (z[1]=='/' || z[1]=='\\')) ) return 0;
  for(size_t i=0; i<n; i++){
    unsigned char c = (unsigned char)z[i];
    if( c<=0x20 || c==0x7f || c=='\\' ) return 0;
  }
  return 1;
}

const char *ui_local_path(const char *z){
  size_t n = z ? strlen(z) : 0;
  if( !z || n>2000 || !local_path(z, n) ) return "/";
  if( !strchr(z, '%') ) return z;
  char zDec[2001];
  memcpy(zDec, z, n + 1);
  n = MHD_http_unescape(zDec);   /* "/%2F/x" must not become "//x" further on */
  return local_path(zDec, n) ? z : "/";
}

int ui_need_login(Req *r, Resp *p){
  if( r->zUser ) return 0;
  Buf b = BUF_INIT;
  buf_puts(&b, "/login?next=");
  buf_url(&b, r->zPath);
  ui_redirect(p, arena_strdup(&r->arena, buf_str(&b)));
  buf_free(&b);
  return 1;
}

void ui_csrf_field(Req *r, Resp *p){
  if( r->zCsrf ) hp(&p->body, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", r->zCsrf);
}

typedef struct FormCtx { Req *r; Form *f; int bBad; } FormCtx;

static enum MHD_Result form_iter(void *cls, enum MHD_ValueKind kind, const char *zKey,
                                 const char *zFile, const char *zType, const char *zEnc,
                                 const char *zData, uint64_t off, size_t n){
  FormCtx *x = cls;
  Form *f = x->f;
  (void)kind; (void)zFile; (void)zType; (void)zEnc;
  if( off>0 && f->n>0 && strcmp(f->azKey[f->n-1], zKey)==0 ){
    char *zOld = f->azVal[f->n-1];
    size_t nOld = strlen(zOld);
    if( nOld + n > 100000 ){ x->bBad = 1; return MHD_NO; }
    char *zNew = arena_alloc(&x->r->arena, nOld + n + 1);
    if( !zNew ) return MHD_NO;
    memcpy(zNew, zOld, nOld);
    memcpy(zNew + nOld, zData, n);
    zNew[nOld + n] = 0;
    f->azVal[f->n-1] = zNew;
    return MHD_YES;
  }
  if( f->n>=FORM_MAX ){ x->bBad = 1; return MHD_NO; }
  f->azKey[f->n] = arena_strdup(&x->r->arena, zKey);
  f->azVal[f->n] = arena_strndup(&x->r->arena, zData ? zData : "", zData ? n : 0);
  f->n++;
  return MHD_YES;
}

YcStatus form_parse(Req *r, Form *f, int bCsrf, Err *e){
  memset(f, 0, sizeof *f);
  if( r->bTooLarge ) return err_set(e, YC_ETOOLARGE, "body_too_large", 0, "the form is larger than 1 MiB");
  FormCtx x = {r, f, 0};
  if( r->body.n ){
    struct MHD_PostProcessor *pp = MHD_create_post_processor(r->conn, 8192, form_iter, &x);
    if( !pp ) return err_set(e, YC_EINVALID, "wrong_content_type", 0, "the form must be application/x-www-form-urlencoded");
    MHD_post_process(pp, buf_str(&r->body), r->body.n);
    MHD_destroy_post_processor(pp);
  }
  if( x.bBad ) return err_set(e, YC_EINVALID, "invalid_form", 0, "the form has too many or too long fields");
  for(int i=0; i<f->n; i++){
    if( !text_utf8_valid(f->azKey[i], strlen(f->azKey[i])) )
      return err_set(e, YC_EINVALID, "invalid_utf8", 0, "a field name of the form is not valid UTF-8");
    if( !text_utf8_valid(f->azVal[i], strlen(f->azVal[i])) )
      return err_set(e, YC_EINVALID, "invalid_utf8", f->azKey[i], "the form is not valid UTF-8");
    /* Normalise line ends and trim, as browsers send CRLF and stray blanks. */
    char *z = f->azVal[i], *w = z;
    for(char *s = z; *s; s++) if( *s!='\r' ) *w++ = *s;
    *w = 0;
    while( *z==' ' || *z=='\n' || *z=='\t' ) z++;
    size_t n = strlen(z);
    while( n && (z[n-1]==' ' || z[n-1]=='\n' || z[n-1]=='\t') ) z[--n] = 0;
    f->azVal[i] = z;
  }
  if( bCsrf ){
    const char *zTok = form_get(f, "csrf");
    if( !r->zUser ) return err_set(e, YC_EAUTH, "unauthenticated", 0, "log in first");
    if( !zTok || !r->zCsrf || !auth_equal(zTok, r->zCsrf) )
      return err_set(e, YC_EFORBIDDEN, "csrf", 0, "missing or wrong CSRF token");
    if( strcmp(r->zRole, "viewer")==0 ) return err_set(e, YC_EFORBIDDEN, "forbidden", 0, "viewers cannot change data");
  }
  return YC_OK;
}

const char *form_get(const Form *f, const char *zKey){
  for(int i=0; i<f->n; i++){
    if( strcmp(f->azKey[i], zKey)==0 ) return f->azVal[i][0] ? f->azVal[i] : 0;
  }
  return 0;
}

const char *ui_num(Req *r, long long n){
  char zDigits[32], zOut[48];
  snprintf(zDigits, sizeof zDigits, "%llu", n<0 ? 0ULL - (unsigned long long)n : (unsigned long long)n);
  int nD = (int)strlen(zDigits), k = 0;
  if( n<0 ) zOut[k++] = '-';
  for(int i=0; i<nD; i++){
    if( i && (nD - i)%3==0 ) zOut[k++] = ',';
    zOut[k++] = zDigits[i];
  }
  zOut[k] = 0;
  return arena_strdup(&r->arena, zOut);
}

const char *ui_country_name(Req *r, const char *zIso2){
  if( !zIso2 ) return "";
  json_t *j = country_names(&r->ctx, zIso2);
  const char *zZh = jstr(j, "name_zh"), *zEn = jstr(j, "name_en");
  const char *z = strcmp(r->zLang, "zh")==0 && zZh ? zZh : zEn ? zEn : zIso2;
  z = arena_strdup(&r->arena, z);
  json_decref(j);
  return z;
}

int ui_post(Req *r, Resp *p, Form *f, int64_t *pId, Err *e){
  ui_prepare(r, p);
  memset(e, 0, sizeof *e);
  memset(f, 0, sizeof *f);
  YcStatus st = pId ? http_arg_id(r, 0, pId, e) : YC_OK;
  if( !st ) st = form_parse(r, f, 1, e);
  if( st==YC_EAUTH ){ ui_need_login(r, p); return 1; }
  if( st ){ ui_error(r, p, e); return 1; }
  return 0;
}

/* ---------------------------------------------------------------------------
** Form values
*/
void form_set(Req *r, Form *f, const char *zKey, const char *zVal){
  if( !zVal || f->n>=FORM_MAX ) return;
  f->azKey[f->n] = zKey;
  f->azVal[f->n] = arena_strdup(&r->arena, zVal);
  f->n++;
}

void form_set_int(Req *r, Form *f, const char *zKey, long long v){
  form_set(r, f, zKey, arena_printf(&r->arena, "%lld", v));
}

void form_set_join(Req *r, Form *f, const char *zKey, json_t *a, const char *zMember, const char *zSep){
  Buf b = BUF_INIT;
  json_t *x;
  size_t i;
  json_array_foreach(a, i, x){
    if( i ) buf_puts(&b, zSep);
    buf_puts(&b, zMember ? jstr0(x, zMember) : (json_string_value(x) ? json_string_value(x) : ""));
  }
  form_set(r, f, zKey, buf_str(&b));
  buf_free(&b);
}

int form_has(const Form *f, const char *zKey, const char *zVal){
  for(int i=0; i<f->n; i++){
    if( strcmp(f->azKey[i], zKey)==0 && strcmp(f->azVal[i], zVal)==0 ) return 1;
  }
  return 0;
}

int form_ids(const Form *f, const char *zKey, int64_t *a, int nMax){
  int n = 0;
  for(int i=0; i<f->n && n<nMax; i++){
    if( strcmp(f->azKey[i], zKey)!=0 || !f->azVal[i][0] ) continue;
    char *zEnd;
    long long v = strtoll(f->azVal[i], &zEnd, 10);
    if( *zEnd || v<1 ) continue;
    a[n++] = v;
  }
  return n;
}

json_t *ui_split(const char *z, const char *zSep){
  json_t *a = json_array();
  while( z && *z ){
    size_t n = strcspn(z, zSep), k = n;
    const char *s = z;
    while( k && (*s==' ' || *s=='\t') ){ s++; k--; }
    while( k && (s[k-1]==' ' || s[k-1]=='\t') ) k--;
    if( k ) json_array_append_new(a, json_stringn(s, k));
    z += n;
    if( *z ) z++;
  }
  return a;
}

/* ---------------------------------------------------------------------------
** Errors and fields
*/
const char *ui_err_text(Req *r, const Err *e){
  char zKey[160];
  const char *z;
  if( e->zField[0] ){
    snprintf(zKey, sizeof zKey, "verr.%s.%.*s", e->zCode, (int)strcspn(e->zField, "[."), e->zField);
    z = T(r, zKey);
    if( z!=zKey ) return z;
  }
  snprintf(zKey, sizeof zKey, "verr.%s", e->zCode);
  z = T(r, zKey);
  if( z!=zKey ) return z;
  return arena_strdup(&r->arena, e->zMsg[0] ? e->zMsg : e->zCode);
}

int ui_err_is(const Err *e, const char *zField){
  if( !e || e->st==YC_OK || !zField ) return 0;
  size_t n = strlen(zField);
  return strncmp(e->zField, zField, n)==0 && (e->zField[n]==0 || e->zField[n]=='[' || e->zField[n]=='.');
}

/* Whether e names one of the space-separated fields of zList. */
static int err_in(const Err *e, const char *zList){
  char z[64];
  while( zList && *zList ){
    size_t n = strcspn(zList, " ");
    snprintf(z, sizeof z, "%.*s", (int)n, zList);
    if( ui_err_is(e, z) ) return 1;
    zList += n;
    while( *zList==' ' ) zList++;
  }
  return 0;
}

const char *ui_aria(Req *r, const Err *e, const char *zField, const char *zId, const char *zHintId){
  int bBad = err_in(e, zField);
  if( !bBad && !zHintId ) return "";
  Buf b = BUF_INIT;
  hp(&b, " aria-describedby=\"%s", zHintId ? zHintId : "");
  if( bBad ) hp(&b, zHintId ? " err-%s" : "err-%s", zId ? zId : zField);
  hp(&b, bBad ? "\" aria-invalid=\"true\"" : "\"");
  const char *z = arena_strdup(&r->arena, buf_str(&b));
  buf_free(&b);
  return z;
}

void ui_field_error(Req *r, Buf *b, const Err *e, const char *zField, const char *zId){
  if( !zField ){
    if( e && e->st && !e->zField[0] ) hp(b, "<p class=\"field-error\">%s</p>", ui_err_text(r, e));
    return;
  }
  if( !err_in(e, zField) ) return;
  hp(b, "<p class=\"field-error\" id=\"err-%s\">%s</p>", zId ? zId : zField, ui_err_text(r, e));
}

void ui_form_alert(Req *r, Buf *b, const Err *e, int bShown){
  if( !e || e->st==YC_OK ) return;
  hp(b, "<p class=\"alert\" role=\"alert\">%s", T(r, "p.errors"));
  if( !bShown ) hp(b, " %s", ui_err_text(r, e));
  hp(b, "</p>\n");
}

void ui_alert(Req *r, Buf *b, const Err *e, const char *zLabel){
  if( !zLabel ) zLabel = e->zField;
  if( e->zField[0] ){
    hp(b, "<p class=\"alert\" role=\"alert\" id=\"err-%s\">%s: %s</p>\n", e->zField, zLabel, ui_err_text(r, e));
  }else{
    hp(b, "<p class=\"alert\" role=\"alert\">%s</p>\n", ui_err_text(r, e));
  }
}

const char *ui_field_aria(UiForm *fm, const UiField *f){
  const char *zId = f->zId ? f->zId : f->zName;
  const char *zField = f->zField ? f->zField : f->zName;
  const char *zHintId = f->zHint ? arena_printf(&fm->r->arena, "%s-hint", zId) : 0;
  return ui_aria(fm->r, fm->e, zField, zId, zHintId);
}

/* The markup of UiField.eAttr. */
static const char *field_attr(int eAttr){
  switch( eAttr ){
    case UI_ATTR_DATE:    return " type=\"date\"";
    case UI_ATTR_NUMERIC: return " inputmode=\"numeric\"";
    case UI_ATTR_MAX300:  return " maxlength=\"300\"";
  }
  return "";
}

/* Whether a and b are the same text but for CRs (a browser posts a
** textarea's lines with CRLF) and white space at the ends. */
static int same_text(const char *a, const char *b){
  while( *a==' ' || *a=='\t' || *a=='\r' || *a=='\n' ) a++;
  while( *b==' ' || *b=='\t' || *b=='\r' || *b=='\n' ) b++;
  for(;;){
    while( *a=='\r' ) a++;
    while( *b=='\r' ) b++;
    if( *a!=*b || !*a ) break;
    a++; b++;
  }
  while( *a==' ' || *a=='\t' || *a=='\r' || *a=='\n' ) a++;
  while( *b==' ' || *b=='\t' || *b=='\r' || *b=='\n' ) b++;
  return *a==0 && *b==0;
}

/* The number of non-empty values of zKey in f. */
static int form_count(const Form *f, const char *zKey){
  int n = 0;
  for(int i=0; i<f->n; i++) if( strcmp(f->azKey[i], zKey)==0 && f->azVal[i][0] ) n++;
  return n;
}

/* Whether x and y hold the same non-empty values of zKey, in any order. */
static int form_same(const Form *x, const Form *y, const char *zKey){
  if( form_count(x, zKey)!=form_count(y, zKey) ) return 0;
  for(int i=0; i<x->n; i++){
    if( strcmp(x->azKey[i], zKey)!=0 || !x->azVal[i][0] ) continue;
    int bFound = 0;
    for(int j=0; j<y->n && !bFound; j++) bFound = strcmp(y->azKey[j], zKey)==0 && same_text(x->azVal[i], y->azVal[j]);
    if( !bFound ) return 0;
  }
  return 1;
}

/* After a stale submit, when field f's stored values differ from those
** submitted: the stored ones, and the choice to keep one's own or take
** them (radio buttons _take.NAME). */
static void field_stored(UiForm *fm, const UiField *f){
  if( !fm->pMine || !fm->pStored || form_same(fm->pMine, fm->pStored, f->zName) ) return;
  Req *r = fm->r;
  Buf *b = fm->b;
  hp(b, "<div class=\"stored\" id=\"stored-%s\"><p>%s ", f->zName, T(r, "ver.stored"));
  int n = form_count(fm->pStored, f->zName);
  if( n==0 ){
    hp(b, "<span class=\"stored-value\">%s</span>", T(r, f->eType==UI_CHECKBOX ? "ver.no" : "ver.empty"));
  }else if( f->eType==UI_CHECKBOX ){
    hp(b, "<span class=\"stored-value\">%s</span>", T(r, "ver.yes"));
  }else if( f->xControl && f->eType==UI_GROUP ){
    hp(b, "<span class=\"stored-value\">");
    hp(b, T(r, "ver.n_selected"), n);
    hp(b, "</span>");
  }else{
    int k = 0;
    for(int i=0; i<fm->pStored->n; i++){
      const char *zV = fm->pStored->azVal[i];
      if( strcmp(fm->pStored->azKey[i], f->zName)!=0 || !zV[0] ) continue;
      hp(b, "%R<span class=\"stored-value\">%s</span>", k++ ? ", " : "", f->zPrefix ? ui_label(r, f->zPrefix, zV) : zV);
    }
  }
  hp(b, "</p><label class=\"check\"><input type=\"radio\" name=\"_take.%s\" value=\"mine\" checked> %s</label>"
        " <label class=\"check\"><input type=\"radio\" name=\"_take.%s\" value=\"stored\"> %s</label></div>",
     f->zName, T(r, "ver.mine"), f->zName, T(r, "ver.take"));
}

void ui_field(UiForm *fm, const UiField *f){
  Req *r = fm->r;
  Buf *b = fm->b;
  const char *zId = f->zId ? f->zId : f->zName;
  const char *zField = f->zField ? f->zField : f->zName;
  const char *zHintId = f->zHint ? arena_printf(&r->arena, "%s-hint", zId) : 0;
  const char *zAria = ui_field_aria(fm, f);
  const char *zAttr = field_attr(f->eAttr);
  const char *zClass = f->zClass ? f->zClass : "";
  if( err_in(fm->e, zField) ) fm->bShown = 1;
  switch( f->eType ){
    case UI_GROUP:
      hp(b, "<fieldset class=\"field%R%s\"%R><legend>%s</legend>", *zClass ? " " : "", zClass, zAria, f->zLabel);
      break;
    case UI_CHECKBOX:
      hp(b, "<div class=\"field check%R%s\"><input type=\"checkbox\" id=\"%s\" name=\"%s\" value=\"1\"%R%R%R>"
            "<label for=\"%s\">%s</label>", *zClass ? " " : "", zClass, zId, f->zName, f->zValue ? " checked" : "",
         zAttr, zAria, zId, f->zLabel);
      break;
    default:
      hp(b, "<div class=\"field%R%s\"><label for=\"%s\">%s</label>", *zClass ? " " : "", zClass, zId, f->zLabel);
  }
  if( f->xControl ){
    f->xControl(fm, f);
  }else switch( f->eType ){
    case UI_INPUT:
      hp(b, "<input id=\"%s\" name=\"%s\" value=\"%s\"", zId, f->zName, f->zValue ? f->zValue : "");
      if( f->zPlaceholder ) hp(b, " placeholder=\"%s\"", f->zPlaceholder);
      hp(b, "%R%R>", zAttr, zAria);
      break;
    case UI_TEXTAREA:
      hp(b, "<textarea id=\"%s\" name=\"%s\" rows=\"%d\"%R%R>%s</textarea>", zId, f->zName, f->nRows ? f->nRows : 3,
         zAttr, zAria, f->zValue ? f->zValue : "");
      break;
    case UI_SELECT:
      hp(b, "<select id=\"%s\" name=\"%s\"%R%R>", zId, f->zName, zAttr, zAria);
      ui_options(r, b, f->zPrefix, f->azEnum, f->zValue, f->zEmpty);
      hp(b, "</select>");
      break;
    case UI_GROUP:
      hp(b, "<div class=\"checks\">");
      for(int i=0; f->azEnum && f->azEnum[i]; i++){
        hp(b, "<label class=\"check\"><input type=\"checkbox\" name=\"%s\" value=\"%s\"%R> %s</label>", f->zName, f->azEnum[i],
           f->pCur && form_has(f->pCur, f->zName, f->azEnum[i]) ? " checked" : "", ui_label(r, f->zPrefix, f->azEnum[i]));
      }
      hp(b, "</div>");
      break;
  }
  field_stored(fm, f);
  if( zHintId ) hp(b, "<p class=\"hint\" id=\"%s\">%s</p>", zHintId, f->zHint);
  ui_field_error(r, b, fm->e, zField, zId);
  hp(b, f->eType==UI_GROUP ? "</fieldset>\n" : "</div>\n");
}

void ui_city_input(UiForm *fm, const UiField *f){
  hp(fm->b, "<input id=\"%s\" name=\"%s\" value=\"%s\" autocomplete=\"off\" data-autocomplete=\"/api/v1/cities\"%R>"
            "<input type=\"hidden\" id=\"city_id\" name=\"city_id\" value=\"%s\">",
     f->zName, f->zName, f->zValue ? f->zValue : "", ui_field_aria(fm, f), f->pArg ? (const char*)f->pArg : "");
}

int64_t ui_form_city(Req *r, const Form *f){
  const char *zId = form_get(f, "city_id"), *zCity = form_get(f, "city");
  if( zId ){
    char *zEnd;
    long long v = strtoll(zId, &zEnd, 10);
    if( !*zEnd && v>0 ) return v;
  }
  if( !zCity ) return 0;
  int64_t id = city_resolve(&r->ctx, zCity, 0);
  const char *zComma = strrchr(zCity, ',');
  if( !id && zComma ){
    const char *zCc = zComma + 1;
    while( *zCc==' ' ) zCc++;
    id = city_resolve(&r->ctx, arena_strndup(&r->arena, zCity, (size_t)(zComma - zCity)), strlen(zCc)==2 ? zCc : 0);
  }
  return id;
}

/* ---------------------------------------------------------------------------
** Options, ties and organisations
*/
void ui_options(Req *r, Buf *b, const char *zPrefix, const char *const *az, const char *zCur, const char *zEmpty){
  if( zEmpty ) hp(b, "<option value=\"\">%s</option>", zEmpty);
  for(int i=0; az && az[i]; i++){
    hp(b, "<option value=\"%s\"%R>%s</option>", az[i], zCur && strcmp(zCur, az[i])==0 ? " selected" : "",
       ui_label(r, zPrefix, az[i]));
  }
}

void ui_tie_select(Req *r, Buf *b, const char *zName, int64_t cur, const char *zEmpty){
  json_t *a = 0, *t;
  size_t i;
  Err e;
  if( partner_options(&r->ctx, &a, &e) ) a = json_array();
  hp(b, "<select id=\"%s\" name=\"%s\">", zName, zName);
  if( zEmpty ) hp(b, "<option value=\"\">%s</option>", zEmpty);
  json_array_foreach(a, i, t){
    int64_t id = jint(t, "id");
    hp(b, "<option value=\"%D\"%R>%s (%s)</option>", id, id==cur ? " selected" : "", ui_tie_name(r, t), jstr0(t, "iso2"));
  }
  hp(b, "</select>");
  json_decref(a);
}

/* The units, or 0 when there is none (then no unit control is shown). */
static json_t *unit_items(Req *r){
  json_t *a = 0;
  Err e;
  if( unit_list(&r->ctx, 0, 0, &a, &e) ) return 0;
  json_t *items = json_incref(json_object_get(a, "items"));
  json_decref(a);
  if( json_array_size(items)==0 ){ json_decref(items); return 0; }
  return items;
}

static void unit_options(Req *r, Buf *b, json_t *items, const char *zCur){
  json_t *x;
  size_t i;
  json_array_foreach(items, i, x){
    const char *zId = arena_printf(&r->arena, "%lld", jint(x, "id"));
    hp(b, "<option value=\"%s\"%R>%s</option>", zId, zCur && strcmp(zCur, zId)==0 ? " selected" : "", ui_name(r, x));
  }
}

void ui_unit_filter(Req *r, Buf *b, const char *zCur, const char *zLabel, const char *zAny){
  json_t *items = unit_items(r);
  if( !items ) return;
  hp(b, "<div class=\"field\"><label for=\"unit\">%s</label><select id=\"unit\" name=\"unit\"><option value=\"\">%s</option>",
     zLabel, zAny);
  unit_options(r, b, items, zCur);
  hp(b, "</select></div>\n");
  json_decref(items);
}

static void unit_control(UiForm *fm, const UiField *f){
  hp(fm->b, "<select id=\"%s\" name=\"%s\"%R><option value=\"\">%s</option>", f->zName, f->zName, ui_field_aria(fm, f),
     T(fm->r, "un.no_unit"));
  unit_options(fm->r, fm->b, (json_t*)f->pArg, f->zValue);
  hp(fm->b, "</select>");
}

void ui_unit_field(UiForm *fm, const Form *v){
  json_t *items = unit_items(fm->r);
  if( !items ) return;
  ui_field(fm, &(UiField){.zName = "unit_id", .zLabel = T(fm->r, "un.responsible"), .zValue = form_get(v, "unit_id"),
    .eType = UI_SELECT, .xControl = unit_control, .pArg = items, .zHint = T(fm->r, "un.responsible_hint")});
  json_decref(items);
}

void ui_unit_input(const Form *f, json_t *in, int bUpdate, Err *e, YcStatus *pSt){
  const char *z = form_get(f, "unit_id");
  int64_t v;
  if( z ){
    if( !in_parse_id(z, &v) ){ if( !*pSt ) *pSt = err_set(e, YC_EINVALID, "invalid_value", "unit_id", "no such unit"); }
    else json_object_set_new(in, "unit_id", json_integer(v));
  }else if( bUpdate ) json_object_set_new(in, "unit_id", json_null());
}

void ui_unit_values(Req *r, const json_t *rec, Form *v){
  if( json_is_integer(json_object_get(rec, "unit_id")) ) form_set_int(r, v, "unit_id", jint(rec, "unit_id"));
}

/* Checkboxes of the rows of a (id, a name, a muted note) named zName. */
static void id_checks(Req *r, Buf *b, json_t *a, const char *zName, const Form *f, int bTie, const char *zNoneKey){
  json_t *x;
  size_t i;
  hp(b, "<div class=\"checks\">");
  json_array_foreach(a, i, x){
    const char *zId = arena_printf(&r->arena, "%lld", jint(x, "id"));
    hp(b, "<label class=\"check\"><input type=\"checkbox\" name=\"%s\" value=\"%s\"%R> %s <span class=\"muted\">%s</span></label>",
       zName, zId, f && form_has(f, zName, zId) ? " checked" : "", bTie ? ui_tie_name(r, x) : ui_name(r, x),
       bTie ? jstr0(x, "iso2") : ui_label(r, "o.side", jstr(x, "side")));
  }
  if( json_array_size(a)==0 ) hp(b, "<span class=\"muted\">%s</span>", T(r, zNoneKey));
  hp(b, "</div>");
}

void ui_tie_checks(UiForm *fm, const UiField *f){
  json_t *a = 0;
  Err e;
  if( partner_options(&fm->r->ctx, &a, &e) ) a = json_array();
  id_checks(fm->r, fm->b, a, f->zName, f->pCur, 1, "x.no_ties");
  json_decref(a);
}

void ui_org_checks(UiForm *fm, const UiField *f){
  json_t *a = 0;
  Err e;
  if( org_options(&fm->r->ctx, &a, &e) ) a = json_array();
  id_checks(fm->r, fm->b, a, f->zName, f->pCur, 0, "x.no_orgs");
  json_decref(a);
}

/* ---------------------------------------------------------------------------
** Showing records
*/
void ui_badge(Req *r, Buf *b, const char *zPrefix, const char *zValue, const char *zClass){
  if( zClass ) hp(b, "<span class=\"badge %s%s\">%s</span>", zClass, zValue ? zValue : "", ui_label(r, zPrefix, zValue));
  else hp(b, "<span class=\"badge\">%s</span>", ui_label(r, zPrefix, zValue));
}

int ui_zh(Req *r){
  return strcmp(r->zLang, "zh")==0;
}

const char *ui_pick(Req *r, const json_t *o, const char *zEn, const char *zZh){
  const char *a = jstr(o, zEn), *z = jstr(o, zZh);
  if( a && !*a ) a = 0;
  if( z && !*z ) z = 0;
  if( ui_zh(r) ) return z ? z : (a ? a : "");
  return a ? a : (z ? z : "");
}

const char *ui_name(Req *r, const json_t *o){
  return ui_pick(r, o, "name_en", "name_zh");
}

const char *ui_admin1(Req *r, const json_t *city){
  const char *zA1 = jstr(city, "admin1");
  if( !zA1 || !*zA1 ) return 0;
  const char *zName = jstr(city, "name_en");
  if( zName && strcmp(zA1, zName)==0 ) return 0;
  const char *zZh = jstr(city, "admin1_zh");
  return ui_zh(r) && zZh && *zZh ? zZh : zA1;
}

void ui_city_admin1(Req *r, Buf *b, const json_t *city){
  const char *z = ui_admin1(r, city);
  if( z ) hp(b, " <span class=\"muted admin1\">%s</span>", z);
}

const char *ui_tie_name(Req *r, const json_t *t){
  const char *zLabel = jstr(t, "label");
  if( zLabel && *zLabel ) return zLabel;
  const json_t *city = json_object_get(t, "city");
  return ui_name(r, json_is_object(city) ? city : t);
}

void ui_tie_links(Req *r, Buf *b, const json_t *a){
  json_t *t;
  size_t i;
  json_array_foreach(a, i, t){
    hp(b, "%R<a href=\"/partners/%D\">%s</a>", i ? ", " : "", (int64_t)jint(t, "id"), ui_tie_name(r, t));
  }
}

void ui_org_link(Req *r, Buf *b, const json_t *o){
  hp(b, "<a href=\"/orgs/%D\">%s</a>", (int64_t)jint(o, "id"), ui_name(r, o));
}

void ui_date(Req *r, Buf *b, const char *zDate, const char *zPrec){
  if( !zDate || !*zDate ){ hp(b, "<span class=\"muted\">—</span>"); return; }
  hp(b, "<time datetime=\"%s\">%s</time>", zDate, zDate);
  if( zPrec && *zPrec && strcmp(zPrec, "day")!=0 ) hp(b, " <span class=\"muted\">(%s)</span>", ui_label(r, "xp", zPrec));
}

void ui_source(Buf *b, const char *z){
  if( strncmp(z, "http://", 7)==0 || strncmp(z, "https://", 8)==0 ){
    size_t n = strcspn(z, " ");
    char *zUrl = strndup(z, n);
    if( !zUrl ) return;
    hp(b, "<a href=\"%s\" rel=\"noopener noreferrer\">%s</a>%s", zUrl, zUrl, z + n);
    free(zUrl);
  }else{
    hp(b, "%s", z);
  }
}

void ui_sources(Buf *b, const json_t *a, int bH3, const char *zTitle, int bOl){
  json_t *x;
  size_t i;
  if( !json_array_size(a) ) return;
  hp(b, bH3 ? "<h3>%s</h3>" : "<h2>%s</h2>", zTitle);
  hp(b, bOl ? "<ol class=\"sources\">\n" : "<ul class=\"sources\">\n");
  json_array_foreach(a, i, x){
    hp(b, "<li>");
    ui_source(b, json_string_value(x) ? json_string_value(x) : "");
    hp(b, "</li>\n");
  }
  hp(b, bOl ? "</ol>\n" : "</ul>\n");
}

void ui_flash(Req *r, Buf *b){
  const char *z = http_param(r, "flash");
  if( !z || strlen(z)>24 ) return;
  char zKey[40];
  snprintf(zKey, sizeof zKey, "flash.%s", z);
  const char *zMsg = T(r, zKey);
  if( zMsg!=zKey ) hp(b, "<p class=\"flash\" role=\"status\">%s</p>\n", zMsg);
}

void ui_css(Buf *b, const char *zName){
  hp(b, "<link rel=\"stylesheet\" href=\"/static/%s.css\">\n", zName);
}

/* ---------------------------------------------------------------------------
** The map of the partners (the dashboard's and the portal's)
*/
json_t *ui_map_data(Req *r, const char *zSkipKind){
  json_t *pts = json_array(), *countries = json_object(), *rows = 0, *x;
  Err e = {0};
  size_t i;
  int bZh = strcmp(r->zLang, "zh")==0;
  if( partner_map(&r->ctx, &rows, &e)==YC_OK ){
    json_array_foreach(rows, i, x){
      if( zSkipKind && strcmp(jstr0(x, "kind"), zSkipKind)==0 ) continue;
      const char *zZh = jstr(x, "name_zh");
      json_array_append_new(pts, json_pack("{s:I, s:s, s:f, s:f, s:s}", "id", (json_int_t)jint(x, "id"),
        "name", bZh && zZh ? zZh : jstr(x, "name_en"), "lat", json_number_value(json_object_get(x, "lat")),
        "lng", json_number_value(json_object_get(x, "lng")), "kind", jstr(x, "kind")));
      const char *zCcn = jstr(x, "ccn3");
      if( zCcn ){
        json_t *c = json_object_get(countries, zCcn);
        if( !c ){
          const char *zCn = bZh && jstr(x, "country_zh") ? jstr(x, "country_zh") : jstr(x, "country_en");
          c = json_pack("{s:s, s:i}", "name", zCn, "n", 0);
          json_object_set_new(countries, zCcn, c);
        }
        json_object_set_new(c, "n", json_integer(jint(c, "n") + 1));
      }
    }
    json_decref(rows);
  }
  /* The home city */
  json_t *home = json_null(), *city = 0;
  if( city_get(&r->ctx, r->ctx.homeCityId, &city, &e)==YC_OK ){
    const char *zZh = jstr(city, "name_zh");
    home = json_pack("{s:s, s:f, s:f}", "name", bZh && zZh ? zZh : jstr(city, "name_en"),
      "lat", json_number_value(json_object_get(city, "lat")), "lng", json_number_value(json_object_get(city, "lng")));
    json_decref(city);
  }
  return json_pack("{s:o, s:o, s:o}", "points", pts, "countries", countries, "home", home);
}

/* Dependants by kind: "<li>Exchanges: 3</li>". */
static void ui_kinds(Req *r, Buf *b, const json_t *o){
  const char *zKey;
  json_t *v;
  hp(b, "<ul class=\"dependants\">");
  json_object_foreach((json_t*)o, zKey, v){
    hp(b, "<li data-kind=\"%s\">%s: %D</li>", zKey, ui_label(r, "arch.k", zKey), (int64_t)json_integer_value(v));
  }
  hp(b, "</ul>\n");
}

void ui_delete_archived(Req *r, Resp *p, const char *zQuestion, const char *zBase, const char *zId,
                        int64_t version, const json_t *dep){
  Buf *b = &p->body;
  hp(b, "<section class=\"narrow\"><h1>%s</h1><p>%s</p>\n", T(r, "p.delete"), zQuestion);
  if( json_is_true(json_object_get(dep, "blocked")) ){
    hp(b, "<div class=\"alert\" role=\"alert\"><p>%s</p>", T(r, "arch.blocked"));
    ui_kinds(r, b, json_object_get(dep, "blockers"));
    hp(b, "</div><div class=\"actions\"><a class=\"button\" href=\"%s/%u\">%s</a></div></section>\n",
       zBase, zId, T(r, "p.cancel"));
    return;
  }
  int bDep = json_integer_value(json_object_get(dep, "total"))>0;
  hp(b, "<form method=\"post\" action=\"%s/%u/delete\">", zBase, zId);
  ui_csrf_field(r, p);
  if( version>=0 ) hp(b, "<input type=\"hidden\" name=\"_version\" value=\"%D\">", version);
  if( bDep ){
    hp(b, "<p>%s</p>", T(r, "arch.has_dependants"));
    ui_kinds(r, b, json_object_get(dep, "dependants"));
    hp(b, "<p><label class=\"check\"><input type=\"checkbox\" name=\"dependants\" value=\"archive\" required> %s</label></p>\n",
       T(r, "arch.with_dependants"));
  }
  hp(b, "<p class=\"note\">%s</p>\n", T(r, "arch.restorable"));
  hp(b, "<div class=\"actions\"><button type=\"submit\" class=\"danger\">%s</button>"
        " <a class=\"button\" href=\"%s/%u\">%s</a></div></form></section>\n",
     T(r, "p.delete"), zBase, zId, T(r, "p.cancel"));
}

void ui_confirm_delete(Req *r, Resp *p, const char *zQuestion, const char *zBase, const char *zId, int64_t version){
  hp(&p->body, "<section class=\"narrow\"><h1>%s</h1><p>%s</p>\n<form method=\"post\" action=\"%s/%u/delete\">",
     T(r, "p.delete"), zQuestion, zBase, zId);
  ui_csrf_field(r, p);
  if( version>=0 ) hp(&p->body, "<input type=\"hidden\" name=\"_version\" value=\"%D\">", version);
  hp(&p->body, "<div class=\"actions\"><button type=\"submit\" class=\"danger\">%s</button>"
               " <a class=\"button\" href=\"%s/%u\">%s</a></div></form></section>\n",
     T(r, "p.delete"), zBase, zId, T(r, "p.cancel"));
}

void ui_export_buttons(Req *r, Buf *b, const char *zBase){
  const char *zUrl = ui_url_with(r, "cursor", 0);
  const char *zQs = strchr(zUrl, '?');
  hp(b, "<span class=\"export-buttons\"><a class=\"button\" href=\"%s.csv%s\" download>%s</a>"
        " <a class=\"button\" href=\"%s.xlsx%s\" download>%s</a></span>",
     zBase, zQs ? zQs : "", T(r, "export.csv"), zBase, zQs ? zQs : "", T(r, "export.xlsx"));
}
