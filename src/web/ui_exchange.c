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
#include "web/record.h"
#include "base/json.h"
#include "core/exchange.h"
#include "base/date.h"
#include "core/partner.h"
#include "core/org.h"
#include "core/project.h"
#include "core/health.h"

/* ---------------------------------------------------------------------------
** Shared helpers
*/
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

void uix_reason(Req *r, Buf *b, json_t *x){
  const char *zFlag = jstr0(x, "flag");
  char z[400];
  if( strcmp(zFlag, "dormant")==0 ){
    json_t *m = json_object_get(x, "months");
    if( json_is_null(m) || !m ) snprintf(z, sizeof z, "%s", T(r, "hlr.dormant_none"));
    else snprintf(z, sizeof z, T(r, strcmp(jstr0(x, "basis"), "established")==0 ? "hlr.dormant_est" : "hlr.dormant"),
                  (int)json_integer_value(m), (int)json_integer_value(json_object_get(x, "threshold")));
  }else if( strcmp(zFlag, "no_substantive")==0 ){
    json_t *m = json_object_get(x, "months");
    if( json_is_null(m) || !m ) snprintf(z, sizeof z, "%s", T(r, "hlr.no_substantive_none"));
    else snprintf(z, sizeof z, T(r, "hlr.no_substantive"), (int)json_integer_value(json_object_get(x, "threshold")),
                  (int)json_integer_value(m));
  }else if( strcmp(zFlag, "one_sided")==0 ){
    snprintf(z, sizeof z, T(r, strcmp(jstr0(x, "direction"), "incoming")==0 ? "hlr.one_sided_in" : "hlr.one_sided_out"),
             (int)json_integer_value(json_object_get(x, "delegations")), (int)json_integer_value(json_object_get(x, "window_months")));
  }else if( strcmp(zFlag, "agreement_expiring")==0 ){
    snprintf(z, sizeof z, T(r, "hlr.agreement_expiring"), jstr0(x, "date"), (int)json_integer_value(json_object_get(x, "within_months")));
  }else{
    snprintf(z, sizeof z, "%s", jstr0(x, "text"));
  }
  hp(b, "<span class=\"badge flag-%s\">%s</span> %s", zFlag, ui_label(r, "hlf", zFlag), z);
}

/* ---------------------------------------------------------------------------
** The log
*/
static const char *const azListParam[] = {"tie", "kind", "field", "from", "to", "substantive", "project",
  "sort", "limit", "cursor", "unit", "lang", "flash", 0};

static void kind_badge(Req *r, Buf *b, const char *zKind, int bSubst){
  ui_badge(r, b, "xk", zKind, 0);
  if( bSubst ) hp(b, " <span class=\"badge subst\">%s</span>", T(r, "x.substantive"));
}

static void ties_inline(Req *r, Buf *b, json_t *aTie){
  ui_tie_links(r, b, aTie);
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
  P(zUnit, "unit");
#undef P
  q.bPrev = 1;
  json_t *list = 0;
  YcStatus st = http_check_params(r, azListParam, &e);
  if( !st ) st = exchange_list(&r->ctx, &q, &list, &e);
  if( st && st!=YC_EINVALID ){ ui_error(r, p, &e); return; }
  if( st ) p->status = 400;
  ui_begin(r, p, T(r, "x.title"), "exchanges");
  Buf *b = &p->body;
  ui_css(b, "exchange");
  hp(b, "<div class=\"page-head\"><h1>%s</h1><div class=\"head-actions\">", T(r, "x.title"));
  ui_export_buttons(r, b, "/exchanges");
  if( r->zUser ){
    if( q.zTie ) hp(b, "<a class=\"button primary\" href=\"/exchanges/new?tie=%u\">%s</a>", q.zTie, T(r, "x.new"));
    else hp(b, "<a class=\"button primary\" href=\"/exchanges/new\">%s</a>", T(r, "x.new"));
  }
  hp(b, "<a class=\"button\" href=\"/health\">%s</a><a class=\"button\" href=\"/calendar\">%s</a></div></div>\n",
     T(r, "nav.health"), T(r, "nav.calendar"));
  ui_flash(r, b);
  hp(b, "<p class=\"note\">%s</p>\n", T(r, "x.intro"));
  /* Filters */
  int64_t tieCur = q.zTie ? atoll(q.zTie) : 0;
  hp(b, "<form class=\"filters\" method=\"get\" action=\"/exchanges\" role=\"search\">\n");
  hp(b, "<div class=\"field\"><label for=\"tie\">%s</label>", T(r, "x.tie"));
  ui_tie_select(r, b, "tie", tieCur, T(r, "p.any"));
  hp(b, "</div>\n<div class=\"field\"><label for=\"kind\">%s</label><select id=\"kind\" name=\"kind\">", T(r, "x.kind"));
  ui_options(r, b, "xk", azExchangeKind, q.zKind, T(r, "p.any"));
  hp(b, "</select></div>\n<div class=\"field\"><label for=\"field\">%s</label><select id=\"field\" name=\"field\">", T(r, "x.field"));
  ui_options(r, b, "xf", azExchangeField, q.zField, T(r, "p.any"));
  static const char *const azSub[] = {"1", "0", 0};
  hp(b, "</select></div>\n<div class=\"field\"><label for=\"substantive\">%s</label><select id=\"substantive\" name=\"substantive\">",
     T(r, "x.nature"));
  ui_options(r, b, "xs", azSub, q.zSubstantive, T(r, "p.any"));
  hp(b, "</select></div>\n<div class=\"field small\"><label for=\"from\">%s</label>"
        "<input id=\"from\" name=\"from\" value=\"%s\" placeholder=\"YYYY\" inputmode=\"numeric\"%R></div>\n"
        "<div class=\"field small\"><label for=\"to\">%s</label>"
        "<input id=\"to\" name=\"to\" value=\"%s\" placeholder=\"YYYY\" inputmode=\"numeric\"%R></div>\n",
     T(r, "x.from"), q.zFrom ? q.zFrom : "", ui_aria(r, &e, "from", 0, 0), T(r, "x.to"), q.zTo ? q.zTo : "", ui_aria(r, &e, "to", 0, 0));
  ui_unit_filter(r, b, q.zUnit, T(r, "un.responsible"), T(r, "p.any"));
  hp(b, "<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button>"
        " <a class=\"button\" href=\"/exchanges\">%s</a></div>\n</form>\n", T(r, "x.filter"), T(r, "x.reset"));
  if( st ){
    ui_alert(r, b, &e, 0);
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
      ui_date(r, b, jstr(x, "date"), jstr(x, "precision"));
      hp(b, "</td><td><a href=\"/exchanges/%D\">%s</a></td><td data-label=\"%s\">", (int64_t)json_integer_value(json_object_get(x, "id")),
         jstr0(x, "title"), T(r, "x.kind"));
      kind_badge(r, b, jstr0(x, "kind"), json_is_true(json_object_get(x, "substantive")));
      hp(b, "</td><td data-label=\"%s\">", T(r, "x.ties"));
      ties_inline(r, b, json_object_get(x, "ties"));
      hp(b, "</td><td data-label=\"%s\">", T(r, "x.fields"));
      fields_inline(r, b, json_object_get(x, "fields"));
      hp(b, "</td></tr>\n");
    }
    hp(b, "</tbody></table></div>\n");
  }
  ui_pager(r, b, list);
  json_decref(list);
  ui_end(r, p);
}

/* The page of exchange id below its head. */
static void exchange_page(Req *r, Resp *p, json_t *x, int64_t id){
  Buf *b = &p->body;
  (void)id;
  hp(b, "<section class=\"card\"><dl class=\"facts\">\n<dt>%s</dt><dd>", T(r, "x.date"));
  ui_date(r, b, jstr(x, "date"), jstr(x, "precision"));
  hp(b, "</dd>\n<dt>%s</dt><dd>", T(r, "x.kind"));
  kind_badge(r, b, jstr0(x, "kind"), 0);
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
      hp(b, "%R<a href=\"/orgs/%D\">%s</a>", i ? ", " : "", (int64_t)json_integer_value(json_object_get(o, "id")), ui_name(r, o));
    }
    hp(b, "</dd>\n");
  }
  json_t *proj = json_object_get(x, "project");
  if( json_is_object(proj) ){
    hp(b, "<dt>%s</dt><dd><a href=\"/projects/%D\">%s</a></dd>\n", T(r, "x.project"),
       (int64_t)json_integer_value(json_object_get(proj, "id")), jstr0(proj, "title"));
  }
  if( jstr(x, "event") ) hp(b, "<dt>%s</dt><dd>%s</dd>\n", T(r, "x.event"), jstr0(x, "event"));
  if( json_is_integer(json_object_get(x, "event_id")) )
    hp(b, "<dt>%s</dt><dd id=\"owner\"><a href=\"/events/%D\">%s</a></dd>\n", T(r, "ev.made_by"),
       (int64_t)jint(x, "event_id"), T(r, "ev.made_by_event"));
  if( json_is_integer(json_object_get(x, "delegation_id")) )
    hp(b, "<dt>%s</dt><dd id=\"owner\"><a href=\"/delegations/%D\">%s</a></dd>\n", T(r, "ev.made_by"),
       (int64_t)jint(x, "delegation_id"), T(r, "ev.made_by_delegation"));
  if( jstr(x, "expires") ){
    hp(b, "<dt>%s</dt><dd>", T(r, "x.expires"));
    ui_date(r, b, jstr(x, "expires"), jstr(x, "expires_precision"));
    hp(b, "</dd>\n");
  }
  if( jstr(x, "description") ) hp(b, "<dt>%s</dt><dd class=\"pre\">%s</dd>\n", T(r, "x.description"), jstr0(x, "description"));
  hp(b, "</dl>\n");
  ui_sources(b, json_object_get(x, "sources"), 0, T(r, "x.sources"), 1);
  ui_sources(b, json_object_get(x, "links"), 0, T(r, "x.links"), 0);
  hp(b, "</section>\n");
}

/* WEBPAGE: GET /exchanges/{id} */
void ui_exchange_page(Req *r, Resp *p){ rec_page(&recExchange, r, p); }

/* ---------------------------------------------------------------------------
** Forms
*/
/* The project <select>: every project by title. */
static void project_select(UiForm *fm, const UiField *f){
  Req *r = fm->r;
  Buf *b = fm->b;
  hp(b, "<select id=\"%s\" name=\"%s\"%R><option value=\"\">%s</option>", f->zName, f->zName, ui_field_aria(fm, f), T(r, "x.none_option"));
  ProjectQuery pq;
  memset(&pq, 0, sizeof pq);
  pq.zLimit = "500";
  json_t *projects = 0, *x;
  Err e;
  size_t i;
  if( project_list(&r->ctx, &pq, &projects, &e)==YC_OK ){
    json_array_foreach(json_object_get(projects, "items"), i, x){
      const char *zId = arena_printf(&r->arena, "%lld", jint(x, "id"));
      hp(b, "<option value=\"%s\"%R>%s</option>", zId, f->zValue && strcmp(f->zValue, zId)==0 ? " selected" : "", jstr(x, "title"));
    }
    json_decref(projects);
  }
  hp(b, "</select>");
}

static void exchange_fields(UiForm *fm, const Form *v, const char *zId){
  static const char *const azSub[] = {"1", "0", 0};
  Req *r = fm->r;
  Buf *b = fm->b;
  (void)zId;
  ui_field(fm, &(UiField){.zName = "title", .zLabel = T(r, "x.what"), .zValue = form_get(v, "title"), .eAttr = UI_ATTR_MAX300});
  hp(b, "<div class=\"row\">");
  ui_field(fm, &(UiField){.zName = "kind", .zLabel = T(r, "x.kind"), .zValue = form_get(v, "kind"), .eType = UI_SELECT,
    .zPrefix = "xk", .azEnum = azExchangeKind});
  ui_field(fm, &(UiField){.zName = "date", .zLabel = T(r, "x.date"), .zValue = form_get(v, "date"), .zPlaceholder = "2019-10-17",
    .zHint = T(r, "x.date_hint")});
  ui_field(fm, &(UiField){.zName = "substantive", .zLabel = T(r, "x.nature"), .zValue = form_get(v, "substantive"), .eType = UI_SELECT,
    .zPrefix = "xs", .azEnum = azSub, .zEmpty = T(r, "x.by_kind"), .zHint = T(r, "x.nature_hint")});
  hp(b, "</div>\n");
  ui_field(fm, &(UiField){.zName = "ties", .zLabel = T(r, "x.ties"), .eType = UI_GROUP, .pCur = v, .xControl = ui_tie_checks});
  ui_field(fm, &(UiField){.zName = "fields", .zLabel = T(r, "x.fields"), .eType = UI_GROUP, .pCur = v, .zPrefix = "xf",
    .azEnum = azExchangeField, .zHint = T(r, "x.fields_hint")});
  hp(b, "<div class=\"row\">");
  ui_field(fm, &(UiField){.zName = "participants", .zLabel = T(r, "x.participants"), .zValue = form_get(v, "participants"),
    .eAttr = UI_ATTR_NUMERIC});
  ui_field(fm, &(UiField){.zName = "project_id", .zLabel = T(r, "x.project"), .zValue = form_get(v, "project_id"), .eType = UI_SELECT,
    .xControl = project_select});
  ui_field(fm, &(UiField){.zName = "event", .zLabel = T(r, "x.event"), .zValue = form_get(v, "event")});
  ui_field(fm, &(UiField){.zName = "expires", .zLabel = T(r, "x.expires"), .zValue = form_get(v, "expires"), .zHint = T(r, "x.expires_hint")});
  hp(b, "</div>\n");
  ui_field(fm, &(UiField){.zName = "organisations", .zLabel = T(r, "x.orgs"), .eType = UI_GROUP, .pCur = v, .xControl = ui_org_checks});
  ui_field(fm, &(UiField){.zName = "description", .zLabel = T(r, "x.description"), .zValue = form_get(v, "description"),
    .eType = UI_TEXTAREA, .nRows = 4});
  ui_field(fm, &(UiField){.zName = "sources", .zLabel = T(r, "x.sources"), .zValue = form_get(v, "sources"), .eType = UI_TEXTAREA,
    .zHint = T(r, "x.lines_hint")});
  ui_field(fm, &(UiField){.zName = "links", .zLabel = T(r, "x.links"), .zValue = form_get(v, "links"), .eType = UI_TEXTAREA,
    .nRows = 2, .zHint = T(r, "x.links_hint")});
  ui_unit_field(fm, v);
}

/* The ids of repeated field zKey as a JSON array; a value that is no id is
** error zCode of zKey. */
static json_t *form_id_array(const Form *f, const char *zKey, const char *zCode, const char *zWhat, Err *e, YcStatus *pSt){
  json_t *a = json_array();
  for(int i=0; i<f->n; i++){
    if( strcmp(f->azKey[i], zKey)!=0 ) continue;
    char *zEnd;
    long long v = strtoll(f->azVal[i], &zEnd, 10);
    if( *zEnd || v<1 ){ *pSt = err_set(e, YC_EINVALID, zCode, zKey, "no %s with id %.20s", zWhat, f->azVal[i]); break; }
    json_array_append_new(a, json_integer(v));
  }
  return a;
}

/* The input of exchange_create/update from the form. Unknown values (a
** field name not in the list) are passed on so that the core names them.
** Empty optional fields become null on update. */
static json_t *exchange_input(Req *r, const Form *f, int bUpdate, Err *e, YcStatus *pSt){
  json_t *in = json_object();
  (void)r;
  *pSt = YC_OK;
  static const char *const azText[] = {"title", "kind", "date", "event", "expires", "description", 0};
  for(int i=0; azText[i]; i++){
    const char *z = form_get(f, azText[i]);
    if( z ) json_object_set_new(in, azText[i], json_string(z));
    else if( bUpdate ) json_object_set_new(in, azText[i], json_null());
  }
  json_object_set_new(in, "ties", form_id_array(f, "ties", "unknown_tie", "partner tie", e, pSt));
  json_t *a = json_array();
  for(int i=0; i<f->n; i++) if( strcmp(f->azKey[i], "fields")==0 ) json_array_append_new(a, json_string(f->azVal[i]));
  json_object_set_new(in, "fields", a);
  json_object_set_new(in, "organisations", form_id_array(f, "organisations", "unknown_org", "organisation", e, pSt));
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
  json_object_set_new(in, "sources", ui_split(form_get(f, "sources"), "\n"));
  json_object_set_new(in, "links", ui_split(form_get(f, "links"), "\n"));
  ui_unit_input(f, in, bUpdate, e, pSt);
  return in;
}

/* A new exchange: ?tie=ID preselects a tie. */
static void exchange_defaults(Req *r, Form *v){
  form_set(r, v, "kind", "delegation_in");
  const char *zTie = http_param(r, "tie");
  if( zTie && atoll(zTie)>0 ) form_set_int(r, v, "ties", atoll(zTie));
}

static void exchange_values(Req *r, json_t *x, Form *v){
  ui_unit_values(r, x, v);
  static const char *const az[] = {"title", "kind", "date", "event", "expires", "description", 0};
  for(int i=0; az[i]; i++) form_set(r, v, az[i], jstr(x, az[i]));
  if( json_is_true(json_object_get(x, "substantive_overridden")) )
    form_set(r, v, "substantive", json_is_true(json_object_get(x, "substantive")) ? "1" : "0");
  if( json_is_integer(json_object_get(x, "participants")) ) form_set_int(r, v, "participants", jint(x, "participants"));
  if( json_is_object(json_object_get(x, "project")) ) form_set_int(r, v, "project_id", jint(json_object_get(x, "project"), "id"));
  json_t *y;
  size_t i;
  json_array_foreach(json_object_get(x, "ties"), i, y) form_set_int(r, v, "ties", jint(y, "id"));
  json_array_foreach(json_object_get(x, "organisations"), i, y) form_set_int(r, v, "organisations", jint(y, "id"));
  json_array_foreach(json_object_get(x, "fields"), i, y) form_set(r, v, "fields", json_string_value(y));
  form_set_join(r, v, "sources", json_object_get(x, "sources"), 0, "\n");
  form_set_join(r, v, "links", json_object_get(x, "links"), 0, "\n");
}

static const char *const azNewParam[] = {"tie", "lang", 0};

/* An exchange made by an event or a delegation is changed through it. */
static YcStatus exchange_editable(json_t *x, Err *e){
  if( json_is_integer(json_object_get(x, "event_id")) )
    return err_set(e, YC_ECONFLICT, "owned", "event_id", "made by event %lld: change the event", jint(x, "event_id"));
  if( json_is_integer(json_object_get(x, "delegation_id")) )
    return err_set(e, YC_ECONFLICT, "owned", "delegation_id", "made by delegation %lld: change the delegation",
                   jint(x, "delegation_id"));
  return YC_OK;
}

const RecordType recExchange = {
  .zEntity = "exchange",
  .zBase = "/exchanges", .zApi = "/api/v1/exchanges", .zNav = "exchanges", .zCss = "exchange",
  .eAuth = REC_AUTH_OPTIONAL,   /* the exchanges of private events and delegations: signed-in callers only */
  .zNewTitle = "x.new", .zEditTitle = "x.edit", .zDeleteTitle = "x.delete", .zAsk = "x.confirm_delete",
  .xGet = exchange_get, .xCreate = exchange_create, .xUpdate = exchange_update, .xDelete = exchange_delete,
  .xName = rec_title, .zBack = "x.back", .xPage = exchange_page, .xDefaults = exchange_defaults, .xValues = exchange_values, .xInput = exchange_input,
  .xFields = exchange_fields, .azNewParam = azNewParam, .xEditable = exchange_editable,
};

/* WEBPAGE: GET /exchanges/new (?tie=ID preselects a tie) */
void ui_exchange_new(Req *r, Resp *p){ rec_new(&recExchange, r, p); }
/* WEBPAGE: POST /exchanges/new */
void ui_exchange_create(Req *r, Resp *p){ rec_create(&recExchange, r, p); }
/* WEBPAGE: GET /exchanges/{id}/edit */
void ui_exchange_edit(Req *r, Resp *p){ rec_edit(&recExchange, r, p); }
/* WEBPAGE: POST /exchanges/{id}/edit */
void ui_exchange_update(Req *r, Resp *p){ rec_update(&recExchange, r, p); }
/* WEBPAGE: GET /exchanges/{id}/delete (asks for confirmation) */
void ui_exchange_delete_ask(Req *r, Resp *p){ rec_delete_ask(&recExchange, r, p); }
/* WEBPAGE: POST /exchanges/{id}/delete */
void ui_exchange_delete(Req *r, Resp *p){ rec_delete(&recExchange, r, p); }

/* ---------------------------------------------------------------------------
** The partner page's section
*/
void ui_partner_extras(Req *r, Resp *p, int64_t id){
  Buf *b = &p->body;
  Err e;
  json_t *h = 0;
  if( health_tie(&r->ctx, id, date_today(), &h, &e)==YC_OK ){
    ui_css(b, "exchange");
    hp(b, "<section class=\"card\" id=\"health\"><h2>%s</h2>\n<div class=\"health-head\">", T(r, "hl.tie_title"));
    uix_score_level(r, b, (int)json_integer_value(json_object_get(h, "score")), jstr0(h, "level"), 1);
    ui_badge(r, b, "hll", jstr(h, "level"), "level-");
    hp(b, "<span class=\"muted\">%s <time datetime=\"%s\">%s</time></span></div>\n", T(r, "hl.as_of"), jstr0(h, "as_of"), jstr0(h, "as_of"));
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
      const char *zF = jstr0(x, "factor");
      int pts = (int)json_integer_value(json_object_get(x, "points")), max = (int)json_integer_value(json_object_get(x, "max"));
      json_t *v = json_object_get(x, "value");
      char zWhy[400] = "";
      char zKey[48];
      snprintf(zKey, sizeof zKey, "hfw.%s%s", zF, json_is_null(v) ? "_none" : "");
      if( strcmp(zF, "recency")==0 && !json_is_null(v) ){
        snprintf(zWhy, sizeof zWhy, T(r, strcmp(jstr0(x, "basis"), "established")==0 ? "hfw.recency_est" : "hfw.recency"),
                 (int)json_integer_value(v), jstr0(x, "since"));
      }else if( strcmp(zF, "substantive")==0 && !json_is_null(v) ){
        snprintf(zWhy, sizeof zWhy, T(r, zKey), (int)json_integer_value(v), jstr0(x, "since"));
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
    snprintf(zThr, sizeof zThr, T(r, "hl.thresholds_note"), ui_label(r, "kind", jstr0(t, "kind")),
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
      ui_date(r, b, jstr(x, "date"), jstr(x, "precision"));
      hp(b, " <a href=\"/exchanges/%D\">%s</a> ", (int64_t)json_integer_value(json_object_get(x, "id")), jstr0(x, "title"));
      kind_badge(r, b, jstr0(x, "kind"), json_is_true(json_object_get(x, "substantive")));
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
      if( jstr(x, "start") ){ ui_date(r, b, jstr(x, "start"), jstr(x, "start_precision")); hp(b, " "); }
      hp(b, "<a href=\"/projects/%D\">%s</a> ", (int64_t)jint(x, "id"), jstr0(x, "title"));
      ui_badge(r, b, "pjs", jstr(x, "stage"), 0);
      hp(b, "</li>\n");
    }
    hp(b, "</ul>\n");
  }
  hp(b, "</section>\n");
  json_decref(ex);
  json_decref(pj);
}
