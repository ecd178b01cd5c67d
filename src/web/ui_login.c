/*
** ui_login.c: the login page and logout.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "web/route.h"
#include "web/ui.h"
#include "core/auth.h"
#include "web/origin.h"

/* The login form's CSRF token: nobody is signed in yet, so the token is
** a random value in the cookie yc_login, sent back in the form's csrf
** field (double submit); a page of another site can read neither. */
static const char *login_token(Req *r, Resp *p){
  const char *z = http_cookie(r, "yc_login");
  if( z && strlen(z)==43 && strspn(z, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")==43 ) return z;
  char *zNew = auth_random_token();
  if( !zNew ) return "";
  char zSet[140];
  snprintf(zSet, sizeof zSet, "yc_login=%s; Path=/login; HttpOnly; SameSite=Lax; Max-Age=86400%s", zNew, origin_cookie_secure(r));
  http_add_header(p, "Set-Cookie", zSet);
  const char *zTok = arena_strdup(&r->arena, zNew);
  free(zNew);
  return zTok;
}

static void login_form(Req *r, Resp *p, const char *zUser, const char *zNext, int bFailed){
  const char *zTok = login_token(r, p);
  ui_begin(r, p, T(r, "login.title"), 0);
  Buf *b = &p->body;
  hp(b, "<section class=\"narrow\"><h1>%s</h1>\n", T(r, "login.title"));
  if( bFailed==1 ) hp(b, "<p class=\"alert\" role=\"alert\">%s</p>\n", T(r, "login.failed"));
  if( bFailed==2 ) hp(b, "<p class=\"alert\" role=\"alert\">%s</p>\n", T(r, "login.throttled"));
  hp(b, "<form method=\"post\" action=\"/login\" class=\"form\">\n"
        "<input type=\"hidden\" name=\"csrf\" value=\"%s\">\n"
        "<input type=\"hidden\" name=\"next\" value=\"%s\">\n"
        "<div class=\"field\"><label for=\"user\">%s</label>"
        "<input id=\"user\" name=\"user\" autocomplete=\"username\" required value=\"%s\"></div>\n"
        "<div class=\"field\"><label for=\"password\">%s</label>"
        "<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required></div>\n"
        "<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button></div>\n</form>\n"
        "<p class=\"hint\">%s</p></section>\n",
     zTok, ui_local_path(zNext), T(r, "login.user"), zUser ? zUser : "", T(r, "login.password"),
     T(r, "login.submit"), T(r, "login.hint"));
  ui_end(r, p);
}

/* WEBPAGE: GET /login */
void ui_login_get(Req *r, Resp *p){
  ui_prepare(r, p);
  login_form(r, p, 0, http_param(r, "next"), 0);
}

/* WEBPAGE: POST /login */
void ui_login_post(Req *r, Resp *p){
  ui_prepare(r, p);
  Form f;
  Err e;
  if( form_parse(r, &f, 0, &e) ){ ui_error(r, p, &e); return; }
  const char *zTok = form_get(&f, "csrf"), *zCookieTok = http_cookie(r, "yc_login");
  if( !zTok || !zCookieTok || !auth_equal(zTok, zCookieTok) ){
    err_set(&e, YC_EFORBIDDEN, "csrf", 0, "missing or wrong CSRF token");
    ui_error(r, p, &e);
    return;
  }
  char *zCookie = 0, *zCsrf = 0;
  const char *zUser = form_get(&f, "user"), *zPw = form_get(&f, "password");
  char zAddr[64];
  int nRetry = 0;
  YcStatus st = auth_login(&r->ctx, zUser, zPw, origin_client_addr(r, zAddr, sizeof zAddr), &zCookie, &zCsrf, &nRetry, &e);
  if( st ){
    p->status = err_http_status(st);
    if( st==YC_ETOOMANY ){
      char zRetry[24];
      snprintf(zRetry, sizeof zRetry, "%d", nRetry);
      http_add_header(p, "Retry-After", zRetry);
    }
    login_form(r, p, zUser, form_get(&f, "next"), st==YC_ETOOMANY ? 2 : 1);
    return;
  }
  char zSet[200];
  snprintf(zSet, sizeof zSet, "yc_session=%s; Path=/; HttpOnly; SameSite=Lax; Max-Age=%d%s", zCookie, AUTH_SESSION_MAX_SECONDS, origin_cookie_secure(r));
  http_add_header(p, "Set-Cookie", zSet);
  free(zCookie);
  free(zCsrf);
  ui_redirect(p, ui_local_path(form_get(&f, "next")));
}

/* WEBPAGE: POST /logout */
void ui_logout(Req *r, Resp *p){
  ui_prepare(r, p);
  Form f;
  Err e;
  YcStatus st = form_parse(r, &f, 1, &e);
  if( st==YC_EFORBIDDEN && strcmp(e.zCode, "csrf")==0 ){ ui_error(r, p, &e); return; }
  if( st && st!=YC_EFORBIDDEN ){ ui_redirect(p, "/"); return; }
  auth_logout(&r->ctx, http_cookie(r, "yc_session"));
  http_add_header(p, "Set-Cookie", origin_https(r) ? "yc_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Secure"
                                                  : "yc_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
  ui_redirect(p, "/");
}
