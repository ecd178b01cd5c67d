/*
** ui.h: shared parts of the HTML pages: language choice, the optional
** session, the layout (header, navigation, footer), forms and error pages.
** Pages render on the server and work without JavaScript.
*/
#ifndef YC_UI_H
#define YC_UI_H
#include "web/http.h"
#include "web/html.h"
#include "web/i18n.h"

#define T(r, k) tr((r)->zLang, (k))

/* Pick the language (?lang=, then the yc_lang cookie, then zh) and look up
** the session cookie without failing. Call first in every page handler. */
void ui_prepare(Req *r, Resp *p);

/* Start a page: doctype, head, header with navigation (zNav = "dashboard",
** "partners", "orgs" or 0), language switch, login state; opens <main>. */
void ui_begin(Req *r, Resp *p, const char *zTitle, const char *zNav);
/* Close <main>, add the footer with data credits and the scripts. */
void ui_end(Req *r, Resp *p);

/* A complete error page for e (404, 400, 403, 500...). */
void ui_error(Req *r, Resp *p, const Err *e);

/* If nobody is logged in, redirect to the login page (returning here
** after) and return 1; else return 0. */
int ui_need_login(Req *r, Resp *p);

/* Redirect (303) to zUrl (a local path). */
void ui_redirect(Resp *p, const char *zUrl);

/* URL of the current page with query parameter zKey set to zVal (or
** removed when zVal is 0); arena-allocated. */
const char *ui_url_with(Req *r, const char *zKey, const char *zVal);

/* Form fields of an application/x-www-form-urlencoded POST body. */
typedef struct Form {
  int n;
  const char *azKey[64];
  char *azVal[64];
} Form;
/* Parse the body; YC_EINVALID on bad encoding or UTF-8. Values live in
** r's arena. Checks the CSRF field against the session when bCsrf. */
YcStatus form_parse(Req *r, Form *f, int bCsrf, Err *e);
const char *form_get(const Form *f, const char *zKey);   /* 0 if absent or empty */

/* The confirmation of a delete: zQuestion, then a POST form to
** zBase/ID/delete with the CSRF token, and a link back to zBase/ID. */
void ui_confirm_delete(Req *r, Resp *p, const char *zQuestion, const char *zBase, int64_t id);

/* Hidden CSRF input for forms (empty when not logged in). */
void ui_csrf_field(Req *r, Resp *p);

/* Label of an enum value, e.g. ui_label(r, "kind", "sister"). */
const char *ui_label(Req *r, const char *zPrefix, const char *zValue);

/* A source: a leading http(s) URL becomes a link, the rest is text. */
void ui_source(Buf *b, const char *z);
/* The user-facing text of a validation error, in the page language. */
const char *ui_err_text(Req *r, const Err *e);

/* The name of a country (ISO2) in the page language, arena-allocated; the
** code itself when unknown, "" for 0. */
const char *ui_country_name(Req *r, const char *zIso2);

/* n with thousands separators ("1,284,164"), arena-allocated. */
const char *ui_num(Req *r, long long n);

#endif
