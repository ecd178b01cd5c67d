/* ui.c: page layout, language, forms; see ui.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "web/ui.h"
#include "web/route.h"
#include "core/auth.h"
#include "text/norm.h"
#include "core/city.h"
#include "base/json.h"

void ui_prepare(Req *r, Resp *p){
  const char *zLang = http_param(r, "lang");
  if( zLang && (strcmp(zLang, "en")==0 || strcmp(zLang, "zh")==0) ){
    r->zLang = strcmp(zLang, "en")==0 ? "en" : "zh";
    char z[96];
    snprintf(z, sizeof z, "yc_lang=%s; Path=/; Max-Age=31536000; SameSite=Lax", r->zLang);
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

const char *ui_label(Req *r, const char *zPrefix, const char *zValue){
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
  hp(&p->body, "</main>\n<footer class=\"foot\"><p>%s</p><p>youcheng · 友城</p></footer>\n"
               "<script src=\"/static/app.js\"></script>\n</body>\n</html>\n", T(r, "footer.sources"));
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
  if( f->n>=64 ){ x->bBad = 1; return MHD_NO; }
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
    if( !text_utf8_valid(f->azKey[i], strlen(f->azKey[i])) || !text_utf8_valid(f->azVal[i], strlen(f->azVal[i])) )
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
  snprintf(zDigits, sizeof zDigits, "%lld", n<0 ? -n : n);
  int nD = (int)strlen(zDigits), k = 0;
  if( n<0 ) zOut[k++] = '-';
  for(int i=0; i<nD; i++){
    if( i && (nD - i)%3==0 ) zOut[k++] = ',';
    zOut[k++] = zDigits[i];
  }
  zOut[k] = 0;
  return arena_strdup(&r->arena, zOut);
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

const char *ui_err_text(Req *r, const Err *e){
  char zKey[64];
  snprintf(zKey, sizeof zKey, "verr.%s", e->zCode);
  const char *zMsg = T(r, zKey);
  if( zMsg==zKey || strcmp(zMsg, zKey)==0 ) return arena_strdup(&r->arena, e->zMsg);
  return zMsg;
}

void ui_confirm_delete(Req *r, Resp *p, const char *zQuestion, const char *zBase, int64_t id){
  hp(&p->body, "<section class=\"narrow\"><h1>%s</h1><p>%s</p>\n<form method=\"post\" action=\"%s/%D/delete\">",
     T(r, "p.delete"), zQuestion, zBase, id);
  ui_csrf_field(r, p);
  hp(&p->body, "<div class=\"actions\"><button type=\"submit\" class=\"danger\">%s</button>"
               " <a class=\"button\" href=\"%s/%D\">%s</a></div></form></section>\n",
     T(r, "p.delete"), zBase, id, T(r, "p.cancel"));
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
