/*
** ui_exchange.c: the exchange log pages (list with filters, detail,
** add/edit forms, delete), the partner page's health and timeline section,
** and helpers shared by the other pages of the feature. All call the core
** functions of exchange.c, project.c and health.c.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "web/route.h"
#include "web/ui_exchange.h"
#include "core/exchange.h"
#include "base/date.h"
#include "core/partner.h"
#include "core/org.h"
#include "core/project.h"
#include "core/health.h"

/* ---------------------------------------------------------------------------
** Shared helpers
*/
const char *uix_str(json_t *o, const char *zKey){
  const char *z = json_string_value(json_object_get(o, zKey));
  return z ? z : "";
}

static const char *jstr0(json_t *o, const char *zKey){
  return json_string_value(json_object_get(o, zKey));
}

static int bZh(Req *r){ return strcmp(r->zLang, "zh")==0; }

const char *uix_tie_name(Req *r, json_t *t){
  const char *zLabel = jstr0(t, "label"), *zZh = jstr0(t, "name_zh"), *zEn = jstr0(t, "name_en");
  if( zLabel ) return zLabel;
  if( bZh(r) && zZh ) return zZh;
  return zEn ? zEn : (zZh ? zZh : "");
}

const char *uix_org_name(Req *r, json_t *o){
  const char *zZh = jstr0(o, "name_zh"), *zEn = jstr0(o, "name_en");
  if( bZh(r) ) return zZh ? zZh : (zEn ? zEn : "");
  return zEn ? zEn : (zZh ? zZh : "");
}

const char *uix_country(Req *r, json_t *co){
  const char *zZh = jstr0(co, "name_zh"), *zEn = jstr0(co, "name_en");
  return (bZh(r) && zZh) ? zZh : (zEn ? zEn : "");
}

void uix_date(Req *r, Buf *b, const char *zDate, const char *zPrec){
  if( !zDate || !*zDate ){ hp(b, "<span class=\"muted\">%s</span>", T(r, "x.no_date")); return; }
  hp(b, "<time datetime=\"%s\">%s</time>", zDate, zDate);
  if( zPrec && strcmp(zPrec, "day")!=0 ) hp(b, " <span class=\"muted\">(%s)</span>", ui_label(r, "xp", zPrec));
}

void uix_options(Req *r, Buf *b, const char *zPrefix, const char *const *az, const char *zCur, int bAny){
  if( bAny ) hp(b, "<option value=\"\">%s</option>", T(r, "x.any"));
  for(int i=0; az[i]; i++){
    hp(b, "<option value=\"%s\"%R>%s</option>", az[i], zCur && strcmp(zCur, az[i])==0 ? " selected" : "",
       ui_label(r, zPrefix, az[i]));
  }
}

const char *uix_error_text(Req *r, const Err *e){
  char zKey[64];
  snprintf(zKey, sizeof zKey, "xverr.%s", e->zCode);
  const char *z = T(r, zKey);
  if( z!=zKey && !(strcmp(r->zLang, "en")==0 && e->zMsg[0]) ) return z;
  return e->zMsg[0] ? arena_strdup(&r->arena, e->zMsg) : arena_strdup(&r->arena, e->zCode);
}

void uix_field_error(Req *r, Buf *b, const Err *e, const char *zField){
  if( !e || e->st==YC_OK || strcmp(e->zField, zField)!=0 ) return;
  hp(b, "<p class=\"field-error\" id=\"err-%s\">%s</p>", zField, uix_error_text(r, e));
}

const char *uix_invalid(const Err *e, const char *zField){
  return (e && e->st && strcmp(e->zField, zField)==0) ? " aria-invalid=\"true\"" : "";
}

void uix_flash(Req *r, Buf *b){
  const char *z = http_param(r, "flash");
  if( z && (strcmp(z, "deleted")==0 || strcmp(z, "saved")==0 || strcmp(z, "created")==0) ){
    char zKey[32];
    snprintf(zKey, sizeof zKey, "flash.%s", z);
    hp(b, "<p class=\"flash\" role=\"status\">%s</p>\n", T(r, zKey));
  }
}

void uix_level_badge(Req *r, Buf *b, const char *zLevel){
  hp(b, "<span class=\"badge level-%s\">%s</span>", zLevel, ui_label(r, "hll", zLevel));
}

void uix_score(Req *r, Buf *b, int score){
  uix_score_level(r, b, score, 0, 0);
}

void uix_score_level(Req *r, Buf *b, int score, const char *zLevel, int bBig){
  int w = (score + 2)/5*5;
  if( w>100 ) w = 100;
  hp(b, "<span class=\"scorebox%R%s%R\"><span class=\"score\"><strong>%d</strong><span class=\"muted\">/100</span></span>"
        "<span class=\"meter\" role=\"img\" aria-label=\"%s %d/100\"><span class=\"hbar w%d\"></span></span></span>",
     zLevel ? " lvl-" : "", zLevel ? zLevel : "", bBig ? " big" : "", score, T(r, "hl.score"), score, w);
}

void uix_css(Buf *b){
  hp(b, "<link rel=\"stylesheet\" href=\"/static/exchange.css\">\n");
}

void uix_reason(Req *r, Buf *b, json_t *x){
  const char *zFlag = uix_str(x, "flag");
  char z[400];
  if( strcmp(zFlag, "dormant")==0 ){
    json_t *m = json_object_get(x, "months");
    if( json_is_null(m) || !m ) snprintf(z, sizeof z, "%s", T(r, "hlr.dormant_none"));
    else snprintf(z, sizeof z, T(r, strcmp(uix_str(x, "basis"), "established")==0 ? "hlr.dormant_est" : "hlr.dormant"),
                  (int)json_integer_value(m), (int)json_integer_value(json_object_get(x, "threshold")));
  }else if( strcmp(zFlag, "no_substantive")==0 ){
    json_t *m = json_object_get(x, "months");
    if( json_is_null(m) || !m ) snprintf(z, sizeof z, "%s", T(r, "hlr.no_substantive_none"));
    else snprintf(z, sizeof z, T(r, "hlr.no_substantive"), (int)json_integer_value(json_object_get(x, "threshold")),
                  (int)json_integer_value(m));
  }else if( strcmp(zFlag, "one_sided")==0 ){
    snprintf(z, sizeof z, T(r, strcmp(uix_str(x, "direction"), "incoming")==0 ? "hlr.one_sided_in" : "hlr.one_sided_out"),
             (int)json_integer_value(json_object_get(x, "delegations")), (int)json_integer_value(json_object_get(x, "window_months")));
  }else if( strcmp(zFlag, "agreement_expiring")==0 ){
    snprintf(z, sizeof z, T(r, "hlr.agreement_expiring"), uix_str(x, "date"), (int)json_integer_value(json_object_get(x, "within_months")));
  }else{
    snprintf(z, sizeof z, "%s", uix_str(x, "text"));
  }
  hp(b, "<span class=\"badge flag-%s\">%s</span> %s", zFlag, ui_label(r, "hlf", zFlag), z);
}

void uix_source(Buf *b, const char *z){
  if( strncmp(z, "http://", 7)==0 || strncmp(z, "https://", 8)==0 ){
    const char *zSp = strchr(z, ' ');
    if( zSp ){
      char *zUrl = strndup(z, (size_t)(zSp - z));
      if( zUrl ) hp(b, "<a href=\"%s\" rel=\"noopener noreferrer\">%s</a>%s", zUrl, zUrl, zSp);
      free(zUrl);
    }else{
      hp(b, "<a href=\"%s\" rel=\"noopener noreferrer\">%s</a>", z, z);
    }
  }else{
    hp(b, "%s", z);
  }
}

int uix_form_ids(const Form *f, const char *zKey, int64_t *a, int nMax){
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

json_t *uix_lines(const char *z){
  json_t *a = json_array();
  while( z && *z ){
    const char *zNl = strchr(z, '\n');
    size_t n = zNl ? (size_t)(zNl - z) : strlen(z);
    const char *s = z;
    while( n && (*s==' ' || *s=='\t') ){ s++; n--; }
    while( n && (s[n-1]==' ' || s[n-1]=='\t') ) n--;
    if( n ) json_array_append_new(a, json_stringn(s, n));
    z = zNl ? zNl + 1 : z + strlen(z);
  }
  return a;
}

void uix_tie_select(Req *r, Buf *b, const char *zName, int64_t cur, int bAny, const Err *e){
  json_t *a = 0, *t;
  partner_options(&r->ctx, &a, 0);
  size_t i;
  hp(b, "<select id=\"%s\" name=\"%s\"%R>", zName, zName, uix_invalid(e, zName));
  if( bAny ) hp(b, "<option value=\"\">%s</option>", T(r, "x.any"));
  json_array_foreach(a, i, t){
    int64_t id = json_integer_value(json_object_get(t, "id"));
    hp(b, "<option value=\"%D\"%R>%s (%s)</option>", id, id==cur ? " selected" : "", uix_tie_name(r, t), uix_str(t, "iso2"));
  }
  hp(b, "</select>");
  json_decref(a);
}

static int has_id(const int64_t *a, int n, int64_t id){
  for(int i=0; i<n; i++) if( a[i]==id ) return 1;
  return 0;
}

void uix_tie_checks(Req *r, Buf *b, const char *zName, const int64_t *aSel, int nSel){
  json_t *a = 0, *t;
  partner_options(&r->ctx, &a, 0);
  size_t i;
  hp(b, "<div class=\"checks\">");
  json_array_foreach(a, i, t){
    int64_t id = json_integer_value(json_object_get(t, "id"));
    hp(b, "<label class=\"check\"><input type=\"checkbox\" name=\"%s\" value=\"%D\"%R> %s <span class=\"muted\">%s</span></label>",
       zName, id, has_id(aSel, nSel, id) ? " checked" : "", uix_tie_name(r, t), uix_str(t, "iso2"));
  }
  if( json_array_size(a)==0 ) hp(b, "<span class=\"muted\">%s</span>", T(r, "x.no_ties"));
  hp(b, "</div>");
  json_decref(a);
}

void uix_org_checks(Req *r, Buf *b, const char *zName, const int64_t *aSel, int nSel){
  json_t *a = 0, *o;
  org_options(&r->ctx, &a, 0);
  size_t i;
  hp(b, "<div class=\"checks\">");
  json_array_foreach(a, i, o){
    int64_t id = json_integer_value(json_object_get(o, "id"));
    hp(b, "<label class=\"check\"><input type=\"checkbox\" name=\"%s\" value=\"%D\"%R> %s <span class=\"muted\">%s</span></label>",
       zName, id, has_id(aSel, nSel, id) ? " checked" : "", uix_org_name(r, o), ui_label(r, "o.side", uix_str(o, "side")));
  }
  if( json_array_size(a)==0 ) hp(b, "<span class=\"muted\">%s</span>", T(r, "x.no_orgs"));
  hp(b, "</div>");
  json_decref(a);
}

/* ---------------------------------------------------------------------------
** The log
*/
static const char *const azListParam[] = {"tie", "kind", "field", "from", "to", "substantive", "project",
  "sort", "limit", "cursor", "lang", "flash", 0};

static void kind_badge(Req *r, Buf *b, const char *zKind, int bSubst){
  hp(b, "<span class=\"badge\">%s</span>", ui_label(r, "xk", zKind));
  if( bSubst ) hp(b, " <span class=\"badge subst\">%s</span>", T(r, "x.substantive"));
}

static void ties_inline(Req *r, Buf *b, json_t *aTie){
  json_t *t;
  size_t i;
  json_array_foreach(aTie, i, t){
    hp(b, "%R<a href=\"/partners/%D\">%s</a>", i ? ", " : "", (int64_t)json_integer_value(json_object_get(t, "id")), uix_tie_name(r, t));
  }
  if( json_array_size(aTie)==0 ) hp(b, "<span class=\"muted\">%s</span>", T(r, "x.no_tie"));
}

static void fields_inline(Req *r, Buf *b, json_t *aField){
  json_t *f;
  size_t i;
  json_array_foreach(aField, i, f) hp(b, "<span class=\"tag\">%s</span> ", ui_label(r, "xf", json_string_value(f)));
}

/* WEBPAGE: GET /exchanges */
void ui_exchange_list(Req *r, Resp *p){
  ui_prepare(r, p);
  Err e;
  memset(&e, 0, sizeof e);
  ExchangeQuery q;
  memset(&q, 0, sizeof q);
#define P(f, n) { const char *z = http_param(r, n); q.f = (z && *z) ? z : 0; }
  P(zTie, "tie"); P(zKind, "kind"); P(zField, "field"); P(zFrom, "from"); P(zTo, "to");
  P(zSubstantive, "substantive"); P(zProject, "project"); P(zSort, "sort"); P(zLimit, "limit"); P(zCursor, "cursor");
#undef P
  q.bPrev = 1;
  json_t *list = 0;
  YcStatus st = http_check_params(r, azListParam, &e);
  if( !st ) st = exchange_list(&r->ctx, &q, &list, &e);
  if( st && st!=YC_EINVALID ){ ui_error(r, p, &e); return; }
  if( st ) p->status = 400;
  ui_begin(r, p, T(r, "x.title"), "exchanges");
  Buf *b = &p->body;
  uix_css(b);
  hp(b, "<div class=\"page-head\"><h1>%s</h1><div class=\"head-actions\">", T(r, "x.title"));
  if( r->zUser ){
    if( q.zTie ) hp(b, "<a class=\"button primary\" href=\"/exchanges/new?tie=%u\">%s</a>", q.zTie, T(r, "x.new"));
    else hp(b, "<a class=\"button primary\" href=\"/exchanges/new\">%s</a>", T(r, "x.new"));
  }
  hp(b, "<a class=\"button\" href=\"/health\">%s</a><a class=\"button\" href=\"/calendar\">%s</a></div></div>\n",
     T(r, "nav.health"), T(r, "nav.calendar"));
  uix_flash(r, b);
  hp(b, "<p class=\"note\">%s</p>\n", T(r, "x.intro"));
  /* Filters */
  int64_t tieCur = q.zTie ? atoll(q.zTie) : 0;
  hp(b, "<form class=\"filters\" method=\"get\" action=\"/exchanges\" role=\"search\">\n");
  hp(b, "<div class=\"field\"><label for=\"tie\">%s</label>", T(r, "x.tie"));
  uix_tie_select(r, b, "tie", tieCur, 1, 0);
  hp(b, "</div>\n<div class=\"field\"><label for=\"kind\">%s</label><select id=\"kind\" name=\"kind\">", T(r, "x.kind"));
  uix_options(r, b, "xk", azExchangeKind, q.zKind, 1);
  hp(b, "</select></div>\n<div class=\"field\"><label for=\"field\">%s</label><select id=\"field\" name=\"field\">", T(r, "x.field"));
  uix_options(r, b, "xf", azExchangeField, q.zField, 1);
  static const char *const azSub[] = {"1", "0", 0};
  hp(b, "</select></div>\n<div class=\"field\"><label for=\"substantive\">%s</label><select id=\"substantive\" name=\"substantive\">",
     T(r, "x.nature"));
  uix_options(r, b, "xs", azSub, q.zSubstantive, 1);
  hp(b, "</select></div>\n<div class=\"field small\"><label for=\"from\">%s</label>"
        "<input id=\"from\" name=\"from\" value=\"%s\" placeholder=\"YYYY\" inputmode=\"numeric\"%R></div>\n"
        "<div class=\"field small\"><label for=\"to\">%s</label>"
        "<input id=\"to\" name=\"to\" value=\"%s\" placeholder=\"YYYY\" inputmode=\"numeric\"%R></div>\n",
     T(r, "x.from"), q.zFrom ? q.zFrom : "", uix_invalid(&e, "from"), T(r, "x.to"), q.zTo ? q.zTo : "", uix_invalid(&e, "to"));
  hp(b, "<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button>"
        " <a class=\"button\" href=\"/exchanges\">%s</a></div>\n</form>\n", T(r, "x.filter"), T(r, "x.reset"));
  if( st ){
    hp(b, "<p class=\"alert\" role=\"alert\">%s: %s</p>\n", e.zField, uix_error_text(r, &e));
    ui_end(r, p);
    return;
  }
  char zCount[96];
  snprintf(zCount, sizeof zCount, T(r, "x.count"), ui_num(r, json_integer_value(json_object_get(list, "total"))));
  hp(b, "<p class=\"count\" id=\"count\">%s</p>\n", zCount);
  json_t *items = json_object_get(list, "items"), *x;
  size_t i;
  if( json_array_size(items)==0 ){
    hp(b, "<p class=\"empty\">%s</p>\n", T(r, "x.none"));
  }else{
    hp(b, "<div class=\"table-wrap\"><table class=\"list stack\" id=\"exchanges\">\n<thead><tr><th scope=\"col\">%s</th>"
          "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
       T(r, "x.date"), T(r, "x.what"), T(r, "x.kind"), T(r, "x.ties"), T(r, "x.fields"));
    json_array_foreach(items, i, x){
      hp(b, "<tr><td class=\"nowrap\">");
      uix_date(r, b, jstr0(x, "date"), jstr0(x, "precision"));
      hp(b, "</td><td><a href=\"/exchanges/%D\">%s</a></td><td data-label=\"%s\">", (int64_t)json_integer_value(json_object_get(x, "id")),
         uix_str(x, "title"), T(r, "x.kind"));
      kind_badge(r, b, uix_str(x, "kind"), json_is_true(json_object_get(x, "substantive")));
      hp(b, "</td><td data-label=\"%s\">", T(r, "x.ties"));
      ties_inline(r, b, json_object_get(x, "ties"));
      hp(b, "</td><td data-label=\"%s\">", T(r, "x.fields"));
      fields_inline(r, b, json_object_get(x, "fields"));
      hp(b, "</td></tr>\n");
    }
    hp(b, "</tbody></table></div>\n");
  }
  const char *zNext = jstr0(list, "next_cursor"), *zPrev = jstr0(list, "prev_cursor");
  if( zPrev || zNext ){
    hp(b, "<nav class=\"pager\" aria-label=\"%s\">", T(r, "x.pages"));
    if( zPrev ) hp(b, "<a rel=\"prev\" href=\"%s\">%s</a>", ui_url_with(r, "cursor", zPrev), T(r, "x.prev"));
    if( zNext ) hp(b, " <a rel=\"next\" href=\"%s\">%s</a>", ui_url_with(r, "cursor", zNext), T(r, "x.next"));
    hp(b, "</nav>\n");
  }
  json_decref(list);
  ui_end(r, p);
}

/* WEBPAGE: GET /exchanges/{id} */
void ui_exchange_page(Req *r, Resp *p){
  static const char *const azParam[] = {"lang", "flash", 0};
  ui_prepare(r, p);
  Err e;
  int64_t id = 0;
  json_t *x = 0;
  YcStatus st = http_check_params(r, azParam, &e);
  if( !st ) st = http_arg_id(r, 0, &id, &e);
  if( !st ) st = exchange_get(&r->ctx, id, &x, &e);
  if( st ){ ui_error(r, p, &e); return; }
  ui_begin(r, p, uix_str(x, "title"), "exchanges");
  Buf *b = &p->body;
  uix_css(b);
  uix_flash(r, b);
  hp(b, "<div class=\"page-head\"><h1>%s</h1><div class=\"head-actions\">", uix_str(x, "title"));
  if( r->zUser ){
    hp(b, "<a class=\"button\" href=\"/exchanges/%D/edit\">%s</a> <a class=\"button danger\" href=\"/exchanges/%D/delete\">%s</a>",
       id, T(r, "x.edit"), id, T(r, "x.delete"));
  }
  hp(b, "<a class=\"button\" href=\"/exchanges\">%s</a></div></div>\n", T(r, "x.back"));
  hp(b, "<section class=\"card\"><dl class=\"facts\">\n<dt>%s</dt><dd>", T(r, "x.date"));
  uix_date(r, b, jstr0(x, "date"), jstr0(x, "precision"));
  hp(b, "</dd>\n<dt>%s</dt><dd>", T(r, "x.kind"));
  kind_badge(r, b, uix_str(x, "kind"), 0);
  hp(b, "</dd>\n<dt>%s</dt><dd>%s", T(r, "x.nature"),
     json_is_true(json_object_get(x, "substantive")) ? T(r, "x.substantive") : T(r, "x.protocol"));
  hp(b, " <span class=\"muted\">(%s)</span></dd>\n",
     json_is_true(json_object_get(x, "substantive_overridden")) ? T(r, "x.set_by_entry") : T(r, "x.by_kind"));
  hp(b, "<dt>%s</dt><dd>", T(r, "x.ties"));
  ties_inline(r, b, json_object_get(x, "ties"));
  hp(b, "</dd>\n<dt>%s</dt><dd>", T(r, "x.fields"));
  if( json_array_size(json_object_get(x, "fields")) ) fields_inline(r, b, json_object_get(x, "fields"));
  else hp(b, "<span class=\"muted\">—</span>");
  hp(b, "</dd>\n");
  json_t *part = json_object_get(x, "participants");
  if( json_is_integer(part) ) hp(b, "<dt>%s</dt><dd>%s</dd>\n", T(r, "x.participants"), ui_num(r, json_integer_value(part)));
  json_t *orgs = json_object_get(x, "organisations"), *o;
  size_t i;
  if( json_array_size(orgs) ){
    hp(b, "<dt>%s</dt><dd>", T(r, "x.orgs"));
    json_array_foreach(orgs, i, o){
      hp(b, "%R<a href=\"/orgs/%D\">%s</a>", i ? ", " : "", (int64_t)json_integer_value(json_object_get(o, "id")), uix_org_name(r, o));
    }
    hp(b, "</dd>\n");
  }
  json_t *proj = json_object_get(x, "project");
  if( json_is_object(proj) ){
    hp(b, "<dt>%s</dt><dd><a href=\"/projects/%D\">%s</a></dd>\n", T(r, "x.project"),
       (int64_t)json_integer_value(json_object_get(proj, "id")), uix_str(proj, "title"));
  }
  if( jstr0(x, "event") ) hp(b, "<dt>%s</dt><dd>%s</dd>\n", T(r, "x.event"), uix_str(x, "event"));
  if( jstr0(x, "expires") ){
    hp(b, "<dt>%s</dt><dd>", T(r, "x.expires"));
    uix_date(r, b, jstr0(x, "expires"), jstr0(x, "expires_precision"));
    hp(b, "</dd>\n");
  }
  if( jstr0(x, "description") ) hp(b, "<dt>%s</dt><dd class=\"pre\">%s</dd>\n", T(r, "x.description"), uix_str(x, "description"));
  hp(b, "</dl>\n");
  json_t *src = json_object_get(x, "sources"), *s;
  if( json_array_size(src) ){
    hp(b, "<h2>%s</h2><ol class=\"sources\">\n", T(r, "x.sources"));
    json_array_foreach(src, i, s){ hp(b, "<li>"); uix_source(b, json_string_value(s)); hp(b, "</li>\n"); }
    hp(b, "</ol>\n");
  }
  json_t *links = json_object_get(x, "links");
  if( json_array_size(links) ){
    hp(b, "<h2>%s</h2><ul class=\"sources\">\n", T(r, "x.links"));
    json_array_foreach(links, i, s){ hp(b, "<li>"); uix_source(b, json_string_value(s)); hp(b, "</li>\n"); }
    hp(b, "</ul>\n");
  }
  hp(b, "</section>\n");
  json_decref(x);
  ui_end(r, p);
}

/* ---------------------------------------------------------------------------
** Forms
*/
typedef struct ExForm {
  const char *zTitle, *zKind, *zDate, *zSubst, *zPart, *zProject, *zEvent, *zExpires, *zDesc, *zSources, *zLinks;
  int64_t aTie[EX_MAX_TIES]; int nTie;
  int64_t aOrg[EX_MAX_ORGS]; int nOrg;
  int fields;
} ExForm;

static void exchange_form(Req *r, Resp *p, int64_t id, const ExForm *f, const Err *e){
  const char *zTitle = id ? T(r, "x.edit") : T(r, "x.new");
  ui_begin(r, p, zTitle, "exchanges");
  Buf *b = &p->body;
  uix_css(b);
  hp(b, "<h1>%s</h1>\n", zTitle);
  if( e && e->st ){
    hp(b, "<p class=\"alert\" role=\"alert\">%s", T(r, "x.errors"));
    if( !e->zField[0] ) hp(b, " %s", uix_error_text(r, e));
    hp(b, "</p>\n");
  }
  if( id ) hp(b, "<form method=\"post\" action=\"/exchanges/%D/edit\" class=\"form\" novalidate>\n", id);
  else hp(b, "<form method=\"post\" action=\"/exchanges/new\" class=\"form\" novalidate>\n");
  ui_csrf_field(r, p);
  hp(b, "<div class=\"field\"><label for=\"title\">%s</label><input id=\"title\" name=\"title\" value=\"%s\" maxlength=\"300\"%R>",
     T(r, "x.what"), f->zTitle ? f->zTitle : "", uix_invalid(e, "title"));
  uix_field_error(r, b, e, "title");
  hp(b, "</div>\n<div class=\"row\"><div class=\"field\"><label for=\"kind\">%s</label><select id=\"kind\" name=\"kind\"%R>",
     T(r, "x.kind"), uix_invalid(e, "kind"));
  uix_options(r, b, "xk", azExchangeKind, f->zKind, 0);
  hp(b, "</select>");
  uix_field_error(r, b, e, "kind");
  hp(b, "</div>\n<div class=\"field\"><label for=\"date\">%s</label><input id=\"date\" name=\"date\" value=\"%s\""
        " placeholder=\"2019-10-17\" aria-describedby=\"date-hint\"%R><p class=\"hint\" id=\"date-hint\">%s</p>",
     T(r, "x.date"), f->zDate ? f->zDate : "", uix_invalid(e, "date"), T(r, "x.date_hint"));
  uix_field_error(r, b, e, "date");
  static const char *const azSub[] = {"1", "0", 0};
  hp(b, "</div>\n<div class=\"field\"><label for=\"substantive\">%s</label><select id=\"substantive\" name=\"substantive\""
        " aria-describedby=\"sub-hint\"%R><option value=\"\">%s</option>",
     T(r, "x.nature"), uix_invalid(e, "substantive"), T(r, "x.by_kind"));
  uix_options(r, b, "xs", azSub, f->zSubst, 0);
  hp(b, "</select><p class=\"hint\" id=\"sub-hint\">%s</p>", T(r, "x.nature_hint"));
  uix_field_error(r, b, e, "substantive");
  hp(b, "</div></div>\n<fieldset class=\"field\"%R><legend>%s</legend>", uix_invalid(e, "ties"), T(r, "x.ties"));
  uix_tie_checks(r, b, "ties", f->aTie, f->nTie);
  uix_field_error(r, b, e, "ties");
  hp(b, "</fieldset>\n<fieldset class=\"field\"><legend>%s</legend><div class=\"checks\">", T(r, "x.fields"));
  for(int i=0; azExchangeField[i]; i++){
    hp(b, "<label class=\"check\"><input type=\"checkbox\" name=\"fields\" value=\"%s\"%R> %s</label>", azExchangeField[i],
       f->fields & (1<<i) ? " checked" : "", ui_label(r, "xf", azExchangeField[i]));
  }
  hp(b, "</div><p class=\"hint\">%s</p>", T(r, "x.fields_hint"));
  uix_field_error(r, b, e, "fields");
  hp(b, "</fieldset>\n<div class=\"row\"><div class=\"field\"><label for=\"participants\">%s</label>"
        "<input id=\"participants\" name=\"participants\" value=\"%s\" inputmode=\"numeric\"%R>",
     T(r, "x.participants"), f->zPart ? f->zPart : "", uix_invalid(e, "participants"));
  uix_field_error(r, b, e, "participants");
  hp(b, "</div>\n<div class=\"field\"><label for=\"project_id\">%s</label><select id=\"project_id\" name=\"project_id\"%R>"
        "<option value=\"\">%s</option>", T(r, "x.project"), uix_invalid(e, "project_id"), T(r, "x.none_option"));
  ProjectQuery pq;
  memset(&pq, 0, sizeof pq);
  pq.zLimit = "500";
  json_t *projects = 0;
  Err e2;
  if( project_list(&r->ctx, &pq, &projects, &e2)==YC_OK ){
    json_t *x;
    size_t i;
    json_array_foreach(json_object_get(projects, "items"), i, x){
      char zId[24];
      snprintf(zId, sizeof zId, "%lld", (long long)json_integer_value(json_object_get(x, "id")));
      hp(b, "<option value=\"%s\"%R>%s</option>", zId, f->zProject && strcmp(f->zProject, zId)==0 ? " selected" : "", uix_str(x, "title"));
    }
    json_decref(projects);
  }
  hp(b, "</select>");
  uix_field_error(r, b, e, "project_id");
  hp(b, "</div>\n<div class=\"field\"><label for=\"event\">%s</label><input id=\"event\" name=\"event\" value=\"%s\"%R>",
     T(r, "x.event"), f->zEvent ? f->zEvent : "", uix_invalid(e, "event"));
  uix_field_error(r, b, e, "event");
  hp(b, "</div>\n<div class=\"field\"><label for=\"expires\">%s</label><input id=\"expires\" name=\"expires\" value=\"%s\""
        " aria-describedby=\"exp-hint\"%R><p class=\"hint\" id=\"exp-hint\">%s</p>",
     T(r, "x.expires"), f->zExpires ? f->zExpires : "", uix_invalid(e, "expires"), T(r, "x.expires_hint"));
  uix_field_error(r, b, e, "expires");
  hp(b, "</div></div>\n<fieldset class=\"field\"><legend>%s</legend>", T(r, "x.orgs"));
  uix_org_checks(r, b, "organisations", f->aOrg, f->nOrg);
  uix_field_error(r, b, e, "organisations");
  hp(b, "</fieldset>\n<div class=\"field\"><label for=\"description\">%s</label><textarea id=\"description\" name=\"description\" rows=\"4\"%R>%s</textarea>",
     T(r, "x.description"), uix_invalid(e, "description"), f->zDesc ? f->zDesc : "");
  uix_field_error(r, b, e, "description");
  hp(b, "</div>\n<div class=\"field\"><label for=\"sources\">%s</label><textarea id=\"sources\" name=\"sources\" rows=\"3\""
        " aria-describedby=\"src-hint\"%R>%s</textarea><p class=\"hint\" id=\"src-hint\">%s</p>",
     T(r, "x.sources"), uix_invalid(e, "sources"), f->zSources ? f->zSources : "", T(r, "x.lines_hint"));
  uix_field_error(r, b, e, "sources");
  hp(b, "</div>\n<div class=\"field\"><label for=\"links\">%s</label><textarea id=\"links\" name=\"links\" rows=\"2\""
        " aria-describedby=\"links-hint\"%R>%s</textarea><p class=\"hint\" id=\"links-hint\">%s</p>",
     T(r, "x.links"), uix_invalid(e, "links"), f->zLinks ? f->zLinks : "", T(r, "x.links_hint"));
  uix_field_error(r, b, e, "links");
  hp(b, "</div>\n<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button> <a class=\"button\" href=\"%s\">%s</a></div>\n</form>\n",
     T(r, "x.save"), id ? arena_printf(&r->arena, "/exchanges/%lld", (long long)id) : "/exchanges", T(r, "x.cancel"));
  ui_end(r, p);
}

static void form_from_input(const Form *f, ExForm *x){
  memset(x, 0, sizeof *x);
  x->zTitle = form_get(f, "title");
  x->zKind = form_get(f, "kind");
  x->zDate = form_get(f, "date");
  x->zSubst = form_get(f, "substantive");
  x->zPart = form_get(f, "participants");
  x->zProject = form_get(f, "project_id");
  x->zEvent = form_get(f, "event");
  x->zExpires = form_get(f, "expires");
  x->zDesc = form_get(f, "description");
  x->zSources = form_get(f, "sources");
  x->zLinks = form_get(f, "links");
  x->nTie = uix_form_ids(f, "ties", x->aTie, EX_MAX_TIES);
  x->nOrg = uix_form_ids(f, "organisations", x->aOrg, EX_MAX_ORGS);
  for(int i=0; i<f->n; i++){
    if( strcmp(f->azKey[i], "fields")!=0 ) continue;
    for(int k=0; azExchangeField[k]; k++) if( strcmp(f->azVal[i], azExchangeField[k])==0 ) x->fields |= 1<<k;
  }
}

/* The JSON input of exchange_create/update from the form. Unknown values
** (a field name not in the list) are passed on so that the core names
** them. Empty optional fields become null on update. */
static json_t *form_to_json(const Form *f, int bUpdate, Err *e, YcStatus *pSt){
  json_t *in = json_object();
  *pSt = YC_OK;
  static const char *const azText[] = {"title", "kind", "date", "event", "expires", "description", 0};
  for(int i=0; azText[i]; i++){
    const char *z = form_get(f, azText[i]);
    if( z ) json_object_set_new(in, azText[i], json_string(z));
    else if( bUpdate ) json_object_set_new(in, azText[i], json_null());
  }
  json_t *a = json_array();
  for(int i=0; i<f->n; i++){
    if( strcmp(f->azKey[i], "ties")!=0 ) continue;
    char *zEnd;
    long long v = strtoll(f->azVal[i], &zEnd, 10);
    if( *zEnd || v<1 ){ *pSt = err_set(e, YC_EINVALID, "unknown_tie", "ties", "no partner tie with id %.20s", f->azVal[i]); break; }
    json_array_append_new(a, json_integer(v));
  }
  json_object_set_new(in, "ties", a);
  a = json_array();
  for(int i=0; i<f->n; i++) if( strcmp(f->azKey[i], "fields")==0 ) json_array_append_new(a, json_string(f->azVal[i]));
  json_object_set_new(in, "fields", a);
  a = json_array();
  for(int i=0; i<f->n; i++){
    if( strcmp(f->azKey[i], "organisations")!=0 ) continue;
    char *zEnd;
    long long v = strtoll(f->azVal[i], &zEnd, 10);
    if( *zEnd || v<1 ){ *pSt = err_set(e, YC_EINVALID, "unknown_org", "organisations", "no organisation with id %.20s", f->azVal[i]); break; }
    json_array_append_new(a, json_integer(v));
  }
  json_object_set_new(in, "organisations", a);
  const char *z = form_get(f, "substantive");
  if( !z ) json_object_set_new(in, "substantive", json_null());
  else if( strcmp(z, "1")==0 || strcmp(z, "0")==0 ) json_object_set_new(in, "substantive", json_boolean(z[0]=='1'));
  else if( !*pSt ) *pSt = err_set(e, YC_EINVALID, "invalid_value", "substantive", "choose substantive, protocol or the kind's default");
  z = form_get(f, "participants");
  if( z ){
    char *zEnd;
    long long v = strtoll(z, &zEnd, 10);
    if( *zEnd || v<0 || strlen(z)>9 ){
      if( !*pSt ) *pSt = err_set(e, YC_EINVALID, "wrong_type", "participants", "participants must be a whole number");
    }else json_object_set_new(in, "participants", json_integer(v));
  }else if( bUpdate ) json_object_set_new(in, "participants", json_null());
  z = form_get(f, "project_id");
  if( z ){
    char *zEnd;
    long long v = strtoll(z, &zEnd, 10);
    if( *zEnd || v<1 ){ if( !*pSt ) *pSt = err_set(e, YC_EINVALID, "unknown_project", "project_id", "no such project"); }
    else json_object_set_new(in, "project_id", json_integer(v));
  }else if( bUpdate ) json_object_set_new(in, "project_id", json_null());
  json_object_set_new(in, "sources", uix_lines(form_get(f, "sources")));
  json_object_set_new(in, "links", uix_lines(form_get(f, "links")));
  return in;
}

/* WEBPAGE: GET /exchanges/new (?tie=ID preselects a tie) */
void ui_exchange_new(Req *r, Resp *p){
  static const char *const azParam[] = {"tie", "lang", 0};
  ui_prepare(r, p);
  if( ui_need_login(r, p) ) return;
  Err e;
  if( http_check_params(r, azParam, &e) ){ ui_error(r, p, &e); return; }
  ExForm f;
  memset(&f, 0, sizeof f);
  f.zKind = "delegation_in";
  const char *zTie = http_param(r, "tie");
  if( zTie && atoll(zTie)>0 ){ f.aTie[0] = atoll(zTie); f.nTie = 1; }
  exchange_form(r, p, 0, &f, 0);
}

/* WEBPAGE: POST /exchanges/new */
void ui_exchange_create(Req *r, Resp *p){
  ui_prepare(r, p);
  Form f;
  Err e;
  memset(&e, 0, sizeof e);
  YcStatus st = form_parse(r, &f, 1, &e);
  if( st==YC_EAUTH ){ ui_need_login(r, p); return; }
  if( st ){ ui_error(r, p, &e); return; }
  json_t *in = form_to_json(&f, 0, &e, &st), *out = 0;
  if( !st ) st = exchange_create(&r->ctx, in, &out, &e);
  json_decref(in);
  if( st ){
    ExForm x;
    form_from_input(&f, &x);
    p->status = err_http_status(st);
    exchange_form(r, p, 0, &x, &e);
    return;
  }
  ui_redirect(p, arena_printf(&r->arena, "/exchanges/%lld?flash=created", (long long)json_integer_value(json_object_get(out, "id"))));
  json_decref(out);
}

/* Fill a form from a stored exchange (strings in the arena). */
static void form_from_exchange(Req *r, json_t *x, ExForm *f){
  memset(f, 0, sizeof *f);
  Arena *a = &r->arena;
  f->zTitle = arena_strdup(a, jstr0(x, "title"));
  f->zKind = arena_strdup(a, jstr0(x, "kind"));
  f->zDate = arena_strdup(a, jstr0(x, "date"));
  if( json_is_true(json_object_get(x, "substantive_overridden")) )
    f->zSubst = json_is_true(json_object_get(x, "substantive")) ? "1" : "0";
  if( json_is_integer(json_object_get(x, "participants")) )
    f->zPart = arena_printf(a, "%lld", (long long)json_integer_value(json_object_get(x, "participants")));
  if( json_is_object(json_object_get(x, "project")) )
    f->zProject = arena_printf(a, "%lld", (long long)json_integer_value(json_object_get(json_object_get(x, "project"), "id")));
  f->zEvent = arena_strdup(a, jstr0(x, "event"));
  f->zExpires = arena_strdup(a, jstr0(x, "expires"));
  f->zDesc = arena_strdup(a, jstr0(x, "description"));
  json_t *v;
  size_t i;
  json_array_foreach(json_object_get(x, "ties"), i, v) if( f->nTie<EX_MAX_TIES ) f->aTie[f->nTie++] = json_integer_value(json_object_get(v, "id"));
  json_array_foreach(json_object_get(x, "organisations"), i, v) if( f->nOrg<EX_MAX_ORGS ) f->aOrg[f->nOrg++] = json_integer_value(json_object_get(v, "id"));
  json_array_foreach(json_object_get(x, "fields"), i, v){
    int k = 0;
    while( azExchangeField[k] && strcmp(azExchangeField[k], json_string_value(v))!=0 ) k++;
    if( azExchangeField[k] ) f->fields |= 1<<k;
  }
  Buf s = BUF_INIT;
  json_array_foreach(json_object_get(x, "sources"), i, v){ if( i ) buf_putc(&s, '\n'); buf_puts(&s, json_string_value(v)); }
  f->zSources = arena_strdup(a, buf_str(&s));
  buf_reset(&s);
  json_array_foreach(json_object_get(x, "links"), i, v){ if( i ) buf_putc(&s, '\n'); buf_puts(&s, json_string_value(v)); }
  f->zLinks = arena_strdup(a, buf_str(&s));
  buf_free(&s);
}

/* WEBPAGE: GET /exchanges/{id}/edit */
void ui_exchange_edit(Req *r, Resp *p){
  ui_prepare(r, p);
  if( ui_need_login(r, p) ) return;
  Err e;
  int64_t id = 0;
  json_t *x = 0;
  YcStatus st = http_arg_id(r, 0, &id, &e);
  if( !st ) st = exchange_get(&r->ctx, id, &x, &e);
  if( st ){ ui_error(r, p, &e); return; }
  ExForm f;
  form_from_exchange(r, x, &f);
  json_decref(x);
  exchange_form(r, p, id, &f, 0);
}

/* WEBPAGE: POST /exchanges/{id}/edit */
void ui_exchange_update(Req *r, Resp *p){
  ui_prepare(r, p);
  Form f;
  Err e;
  memset(&e, 0, sizeof e);
  int64_t id = 0;
  YcStatus st = http_arg_id(r, 0, &id, &e);
  if( !st ) st = form_parse(r, &f, 1, &e);
  if( st==YC_EAUTH ){ ui_need_login(r, p); return; }
  if( st ){ ui_error(r, p, &e); return; }
  json_t *in = form_to_json(&f, 1, &e, &st), *out = 0;
  if( !st ) st = exchange_update(&r->ctx, id, in, &out, &e);
  json_decref(in);
  if( st==YC_ENOTFOUND && strcmp(e.zField, "id")==0 ){ ui_error(r, p, &e); return; }
  if( st ){
    ExForm x;
    form_from_input(&f, &x);
    p->status = err_http_status(st);
    exchange_form(r, p, id, &x, &e);
    return;
  }
  json_decref(out);
  ui_redirect(p, arena_printf(&r->arena, "/exchanges/%lld?flash=saved", (long long)id));
}

/* WEBPAGE: GET /exchanges/{id}/delete (asks for confirmation) */
void ui_exchange_delete_ask(Req *r, Resp *p){
  ui_prepare(r, p);
  if( ui_need_login(r, p) ) return;
  Err e;
  int64_t id = 0;
  json_t *x = 0;
  YcStatus st = http_arg_id(r, 0, &id, &e);
  if( !st ) st = exchange_get(&r->ctx, id, &x, &e);
  if( st ){ ui_error(r, p, &e); return; }
  ui_begin(r, p, T(r, "x.delete"), "exchanges");
  Buf *b = &p->body;
  uix_css(b);
  char zQ[600];
  snprintf(zQ, sizeof zQ, T(r, "x.confirm_delete"), uix_str(x, "title"));
  ui_confirm_delete(r, p, zQ, "/exchanges", id);
  json_decref(x);
  ui_end(r, p);
}

/* WEBPAGE: POST /exchanges/{id}/delete */
void ui_exchange_delete(Req *r, Resp *p){
  ui_prepare(r, p);
  Form f;
  Err e;
  int64_t id = 0;
  YcStatus st = http_arg_id(r, 0, &id, &e);
  if( !st ) st = form_parse(r, &f, 1, &e);
  if( st==YC_EAUTH ){ ui_need_login(r, p); return; }
  if( !st ) st = exchange_delete(&r->ctx, id, &e);
  if( st ){ ui_error(r, p, &e); return; }
  ui_redirect(p, "/exchanges?flash=deleted");
}

/* ---------------------------------------------------------------------------
** The partner page's section
*/
void ui_partner_extras(Req *r, Resp *p, int64_t id){
  Buf *b = &p->body;
  Err e;
  json_t *h = 0;
  if( health_tie(&r->ctx, id, date_today(), &h, &e)==YC_OK ){
    uix_css(b);
    hp(b, "<section class=\"card\" id=\"health\"><h2>%s</h2>\n<div class=\"health-head\">", T(r, "hl.tie_title"));
    uix_score_level(r, b, (int)json_integer_value(json_object_get(h, "score")), uix_str(h, "level"), 1);
    uix_level_badge(r, b, uix_str(h, "level"));
    hp(b, "<span class=\"muted\">%s <time datetime=\"%s\">%s</time></span></div>\n", T(r, "hl.as_of"), uix_str(h, "as_of"), uix_str(h, "as_of"));
    json_t *reasons = json_object_get(h, "reasons"), *x;
    size_t i;
    if( json_array_size(reasons) ){
      hp(b, "<ul class=\"reasons\" id=\"health-flags\">\n");
      json_array_foreach(reasons, i, x){ hp(b, "<li>"); uix_reason(r, b, x); hp(b, "</li>\n"); }
      hp(b, "</ul>\n");
    }
    hp(b, "<h3>%s</h3><div class=\"table-wrap\"><table class=\"list stack\" id=\"health-factors\"><thead><tr><th scope=\"col\">%s</th>"
          "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
       T(r, "hl.factors"), T(r, "hl.factor"), T(r, "hl.points"), T(r, "hl.why"));
    json_array_foreach(json_object_get(h, "factors"), i, x){
      const char *zF = uix_str(x, "factor");
      int pts = (int)json_integer_value(json_object_get(x, "points")), max = (int)json_integer_value(json_object_get(x, "max"));
      json_t *v = json_object_get(x, "value");
      char zWhy[400] = "";
      char zKey[48];
      snprintf(zKey, sizeof zKey, "hfw.%s%s", zF, json_is_null(v) ? "_none" : "");
      if( strcmp(zF, "recency")==0 && !json_is_null(v) ){
        snprintf(zWhy, sizeof zWhy, T(r, strcmp(uix_str(x, "basis"), "established")==0 ? "hfw.recency_est" : "hfw.recency"),
                 (int)json_integer_value(v), uix_str(x, "since"));
      }else if( strcmp(zF, "substantive")==0 && !json_is_null(v) ){
        snprintf(zWhy, sizeof zWhy, T(r, zKey), (int)json_integer_value(v), uix_str(x, "since"));
      }else if( strcmp(zF, "frequency")==0 || strcmp(zF, "breadth")==0 ){
        snprintf(zWhy, sizeof zWhy, T(r, zKey), (int)json_integer_value(v),
                 (int)json_integer_value(json_object_get(json_object_get(h, "thresholds"), "window_months")),
                 (int)json_integer_value(json_object_get(x, "target")));
      }else if( strcmp(zF, "balance")==0 ){
        snprintf(zWhy, sizeof zWhy, T(r, "hfw.balance"), (int)json_integer_value(json_object_get(x, "incoming")),
                 (int)json_integer_value(json_object_get(x, "outgoing")));
      }else if( strcmp(zF, "projects")==0 ){
        snprintf(zWhy, sizeof zWhy, T(r, zKey), (int)json_integer_value(v));
      }else{
        snprintf(zWhy, sizeof zWhy, "%s", T(r, zKey));
      }
      hp(b, "<tr><th scope=\"row\">%s</th><td class=\"num\" data-label=\"%s\">%d / %d</td><td data-label=\"%s\">%s</td></tr>\n",
         ui_label(r, "hfac", zF), T(r, "hl.points"), pts, max, T(r, "hl.why"), zWhy);
    }
    json_t *t = json_object_get(h, "thresholds");
    char zThr[300];
    snprintf(zThr, sizeof zThr, T(r, "hl.thresholds_note"), ui_label(r, "kind", uix_str(t, "kind")),
             (int)json_integer_value(json_object_get(t, "cooling_months")), (int)json_integer_value(json_object_get(t, "dormant_months")),
             (int)json_integer_value(json_object_get(t, "substantive_months")));
    hp(b, "</tbody></table></div>\n<p class=\"note\">%s <a href=\"/health#thresholds\">%s</a></p>\n</section>\n", zThr, T(r, "hl.thresholds"));
    json_decref(h);
  }
  /* Timeline: exchanges (newest first), then the projects. */
  json_t *ex = 0, *pj = 0;
  exchange_for_tie(&r->ctx, id, 30, &ex, &e);
  ProjectQuery q;
  memset(&q, 0, sizeof q);
  char zTie[24];
  snprintf(zTie, sizeof zTie, "%lld", (long long)id);
  q.zTie = zTie;
  q.zLimit = "100";
  project_list(&r->ctx, &q, &pj, &e);
  hp(b, "<section class=\"card\" id=\"timeline\"><div class=\"page-head\"><h2>%s</h2><div class=\"head-actions\">", T(r, "x.timeline"));
  if( r->zUser ) hp(b, "<a class=\"button\" href=\"/exchanges/new?tie=%D\">%s</a>", id, T(r, "x.new"));
  hp(b, "<a class=\"button\" href=\"/exchanges?tie=%D\">%s</a></div></div>\n", id, T(r, "x.all_of_tie"));
  json_t *items = json_object_get(ex, "items"), *x;
  size_t i;
  if( json_array_size(items)==0 ) hp(b, "<p class=\"empty\">%s</p>\n", T(r, "x.none_tie"));
  else{
    hp(b, "<ol class=\"changes timeline\">\n");
    json_array_foreach(items, i, x){
      hp(b, "<li>");
      uix_date(r, b, jstr0(x, "date"), jstr0(x, "precision"));
      hp(b, " <a href=\"/exchanges/%D\">%s</a> ", (int64_t)json_integer_value(json_object_get(x, "id")), uix_str(x, "title"));
      kind_badge(r, b, uix_str(x, "kind"), json_is_true(json_object_get(x, "substantive")));
      hp(b, "</li>\n");
    }
    hp(b, "</ol>\n");
    long long nTotal = json_integer_value(json_object_get(ex, "total"));
    if( nTotal>(long long)json_array_size(items) ){
      char z[96];
      snprintf(z, sizeof z, T(r, "x.more"), ui_num(r, nTotal));
      hp(b, "<p class=\"note\"><a href=\"/exchanges?tie=%D\">%s</a></p>\n", id, z);
    }
  }
  hp(b, "<h3>%s</h3>\n", T(r, "pj.title"));
  items = json_object_get(pj, "items");
  if( json_array_size(items)==0 ) hp(b, "<p class=\"empty\">%s</p>\n", T(r, "pj.none_tie"));
  else{
    hp(b, "<ul class=\"changes\" id=\"tie-projects\">\n");
    json_array_foreach(items, i, x){
      hp(b, "<li>");
      if( jstr0(x, "start") ){ uix_date(r, b, jstr0(x, "start"), jstr0(x, "start_precision")); hp(b, " "); }
      hp(b, "<a href=\"/projects/%D\">%s</a> <span class=\"badge\">%s</span>", (int64_t)json_integer_value(json_object_get(x, "id")),
         uix_str(x, "title"), ui_label(r, "pjs", uix_str(x, "stage")));
      hp(b, "</li>\n");
    }
    hp(b, "</ul>\n");
  }
  hp(b, "</section>\n");
  json_decref(ex);
  json_decref(pj);
}
