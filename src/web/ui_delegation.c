/*
** ui_delegation.c: the pages of delegations (visits): the list (upcoming
** and past, in and out, with filters), a delegation's page with its
** programme and members, the forms, and the partner page's section. Anyone
** sees public delegations; heads and members only signed-in users (core,
** delegation.h, leaves them out for others).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "web/route.h"
#include "web/ui_people.h"
#include "web/record.h"
#include "base/json.h"
#include "core/delegation.h"
#include "core/exchange.h"
#include "core/input.h"
#include "core/org.h"

static const char *dg_title(Req *r, const json_t *x){ return ui_pick(r, x, "title_en", "title_zh"); }

static void dates_html(Req *r, Buf *b, const json_t *x){
  ui_date(r, b, jstr(x, "start"), jstr(x, "start_precision"));
  if( jstr(x, "end") && strcmp(jstr(x, "end"), jstr0(x, "start"))!=0 ){
    hp(b, " – ");
    ui_date(r, b, jstr(x, "end"), jstr(x, "end_precision"));
  }
}

static void status_badges(Req *r, Buf *b, const json_t *x){
  ui_badge(r, b, "dg.dir", jstr(x, "direction"), "dir-");
  hp(b, " ");
  ui_badge(r, b, "dg.st", jstr(x, "status"), "dgst-");
  if( !json_is_true(json_object_get(x, "public")) ) hp(b, " <span class=\"badge\">%s</span>", T(r, "dg.private"));
}

/* A table of the delegations of list (id "zId"). */
static void dg_table(Req *r, Buf *b, json_t *items, const char *zId){
  json_t *x;
  size_t i;
  hp(b, "<div class=\"table-wrap\"><table class=\"list stack\" id=\"%s\">\n<thead><tr><th scope=\"col\">%s</th>"
        "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
     zId, T(r, "dg.dates"), T(r, "dg.name"), T(r, "dg.status"), T(r, "x.ties"), T(r, "dg.size"));
  json_array_foreach(items, i, x){
    hp(b, "<tr><td class=\"nowrap\">");
    dates_html(r, b, x);
    hp(b, "</td><td><a href=\"/delegations/%D\">%s</a></td><td data-label=\"%s\">", (int64_t)jint(x, "id"), dg_title(r, x),
       T(r, "dg.status"));
    status_badges(r, b, x);
    hp(b, "</td><td data-label=\"%s\">", T(r, "x.ties"));
    ui_tie_links(r, b, json_object_get(x, "ties"));
    hp(b, "</td><td data-label=\"%s\">", T(r, "dg.size"));
    if( json_is_integer(json_object_get(x, "size")) ) hp(b, "%s", ui_num(r, jint(x, "size")));
    hp(b, "</td></tr>\n");
  }
  hp(b, "</tbody></table></div>\n");
}

static const char *const azListParam[] = {"direction", "status", "tie", "when", "sort", "limit", "cursor", "unit", "lang", "flash", 0};

/* WEBPAGE: GET /delegations */
void ui_delegation_list(Req *r, Resp *p){
  ui_prepare(r, p);
  Err e;
  memset(&e, 0, sizeof e);
  DelegationQuery q;
  memset(&q, 0, sizeof q);
  for(int i=0; azDelegationParam[i]; i++) q.az[i] = ui_param(r, azDelegationParam[i]);
  q.bPrev = 1;
  json_t *list = 0;
  YcStatus st = http_check_params(r, azListParam, &e);
  if( !st ) st = delegation_list(&r->ctx, &q, &list, &e);
  if( st && st!=YC_EINVALID ){ ui_error(r, p, &e); return; }
  if( st ) p->status = 400;
  ui_begin(r, p, T(r, "dg.title"), "delegations");
  Buf *b = &p->body;
  ui_css(b, "exchange");
  hp(b, "<div class=\"page-head\"><h1>%s</h1><div class=\"head-actions\">", T(r, "dg.title"));
  ui_export_buttons(r, b, "/delegations");
  if( r->zUser && strcmp(r->zRole, "viewer")!=0 ) hp(b, "<a class=\"button primary\" href=\"/delegations/new\">%s</a>", T(r, "dg.new"));
  hp(b, "</div></div>\n");
  ui_flash(r, b);
  hp(b, "<p class=\"note\">%s</p>\n", T(r, "dg.intro"));
  hp(b, "<form class=\"filters\" method=\"get\" action=\"/delegations\" role=\"search\">\n"
        "<div class=\"field\"><label for=\"when\">%s</label><select id=\"when\" name=\"when\">", T(r, "dg.when"));
  ui_options(r, b, "dg.when", azDelegationWhen, q.zWhen, T(r, "p.any"));
  hp(b, "</select></div>\n<div class=\"field\"><label for=\"direction\">%s</label><select id=\"direction\" name=\"direction\">",
     T(r, "dg.direction"));
  ui_options(r, b, "dg.dir", azDelegationDirection, q.zDirection, T(r, "p.any"));
  hp(b, "</select></div>\n<div class=\"field\"><label for=\"status\">%s</label><select id=\"status\" name=\"status\">", T(r, "dg.status"));
  ui_options(r, b, "dg.st", azDelegationStatus, q.zStatus, T(r, "p.any"));
  hp(b, "</select></div>\n<div class=\"field\"><label for=\"tie\">%s</label>", T(r, "x.tie"));
  ui_tie_select(r, b, "tie", q.zTie ? atoll(q.zTie) : 0, T(r, "p.any"));
  hp(b, "</div>\n");
  ui_unit_filter(r, b, q.zUnit, T(r, "un.responsible"), T(r, "p.any"));
  hp(b, "<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button>"
        " <a class=\"button\" href=\"/delegations\">%s</a></div>\n</form>\n", T(r, "x.filter"), T(r, "x.reset"));
  if( st ){
    ui_alert(r, b, &e, 0);
    ui_end(r, p);
    return;
  }
  char zCount[96];
  snprintf(zCount, sizeof zCount, T(r, "dg.count"), ui_num(r, jint(list, "total")));
  hp(b, "<p class=\"count\" id=\"count\">%s</p>\n", zCount);
  json_t *items = json_object_get(list, "items");
  if( json_array_size(items)==0 ) hp(b, "<p class=\"empty\">%s</p>\n", T(r, "dg.none"));
  else dg_table(r, b, items, "delegations");
  ui_pager(r, b, list);
  json_decref(list);
  ui_end(r, p);
}

/* The page of delegation id below its head. */
static void delegation_page(Req *r, Resp *p, json_t *x, int64_t id){
  Buf *b = &p->body;
  json_t *y, *v;
  size_t i;
  (void)id;
  hp(b, "<div class=\"cols\"><section class=\"card\"><dl class=\"facts\">\n<dt>%s</dt><dd>", T(r, "dg.status"));
  status_badges(r, b, x);
  hp(b, "</dd>\n<dt>%s</dt><dd>", T(r, "dg.dates"));
  dates_html(r, b, x);
  hp(b, "</dd>\n<dt>%s</dt><dd>", T(r, "x.ties"));
  ui_tie_links(r, b, json_object_get(x, "ties"));
  hp(b, "</dd>\n");
  if( ctx_signed_in(&r->ctx) ){
    hp(b, "<dt>%s</dt><dd id=\"head\">", T(r, "dg.head"));
    json_t *hpers = json_object_get(x, "head_person");
    if( json_is_object(hpers) ) uip_person_link(r, b, hpers);
    if( jstr(x, "head") ) hp(b, "%R%s", json_is_object(hpers) ? " · " : "", jstr0(x, "head"));
    if( !json_is_object(hpers) && !jstr(x, "head") ) hp(b, "<span class=\"muted\">—</span>");
    hp(b, "</dd>\n");
  }
  if( json_is_integer(json_object_get(x, "size")) ) hp(b, "<dt>%s</dt><dd>%s</dd>\n", T(r, "dg.size"), ui_num(r, jint(x, "size")));
  if( jstr(x, "purpose") ) hp(b, "<dt>%s</dt><dd class=\"pre\">%s</dd>\n", T(r, "dg.purpose"), jstr0(x, "purpose"));
  if( json_array_size(json_object_get(x, "fields")) ){
    hp(b, "<dt>%s</dt><dd>", T(r, "x.fields"));
    json_array_foreach(json_object_get(x, "fields"), i, v) hp(b, "<span class=\"tag\">%s</span> ", ui_label(r, "xf", json_string_value(v)));
    hp(b, "</dd>\n");
  }
  json_t *ev = json_object_get(x, "event");
  if( json_is_object(ev) ) hp(b, "<dt>%s</dt><dd><a href=\"/events/%D\">%s</a></dd>\n", T(r, "dg.event"), (int64_t)jint(ev, "id"),
                              ui_pick(r, ev, "title_en", "title_zh"));
  if( json_is_integer(json_object_get(x, "exchange_id")) ){
    hp(b, "<dt>%s</dt><dd><a href=\"/exchanges/%D\" id=\"exchange-link\">%s</a></dd>\n", T(r, "dg.exchange"),
       (int64_t)jint(x, "exchange_id"), T(r, "dg.exchange_link"));
  }
  if( jstr(x, "notes") ) hp(b, "<dt>%s</dt><dd class=\"pre\">%s</dd>\n", T(r, "pe.notes"), jstr0(x, "notes"));
  hp(b, "</dl>\n");
  ui_sources(b, json_object_get(x, "sources"), 0, T(r, "x.sources"), 1);
  hp(b, "</section>\n<section class=\"card\"><h2>%s</h2>\n", T(r, "dg.programme"));
  json_t *prog = json_object_get(x, "programme");
  if( json_array_size(prog)==0 ) hp(b, "<p class=\"empty\">%s</p>\n", T(r, "dg.no_programme"));
  else{
    hp(b, "<div class=\"table-wrap\"><table class=\"list stack\" id=\"programme\"><thead><tr><th scope=\"col\">%s</th>"
          "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
       T(r, "dg.date"), T(r, "dg.time"), T(r, "dg.item"), T(r, "dg.place"), T(r, "dg.org_visited"));
    json_array_foreach(prog, i, y){
      hp(b, "<tr><td class=\"nowrap\">");
      ui_date(r, b, jstr(y, "date"), "day");
      hp(b, "</td><td data-label=\"%s\">%s</td><td>%s</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">", T(r, "dg.time"),
         jstr0(y, "time"), jstr0(y, "title"), T(r, "dg.place"), jstr0(y, "place"), T(r, "dg.org_visited"));
      if( json_is_object(json_object_get(y, "org")) ) ui_org_link(r, b, json_object_get(y, "org"));
      hp(b, "</td></tr>\n");
    }
    hp(b, "</tbody></table></div>\n");
  }
  if( ctx_signed_in(&r->ctx) ){
    json_t *mem = json_object_get(x, "members");
    hp(b, "<h2>%s</h2>\n", T(r, "dg.members"));
    if( json_array_size(mem)==0 ) hp(b, "<p class=\"empty\">%s</p>\n", T(r, "dg.no_members"));
    else{
      hp(b, "<ul class=\"changes\" id=\"members\">\n");
      json_array_foreach(mem, i, y){
        hp(b, "<li>");
        uip_person_link(r, b, y);
        if( jstr(y, "role") ) hp(b, " <span class=\"muted\">%s</span>", jstr0(y, "role"));
        hp(b, "</li>\n");
      }
      hp(b, "</ul>\n");
    }
  }
  hp(b, "</section></div>\n");
}

/* ---------------------------------------------------------------------------
** Forms
*/
static void delegation_fields(UiForm *fm, const Form *v, const char *zId){
  Req *r = fm->r;
  Buf *b = fm->b;
  (void)zId;
  hp(b, "<div class=\"row\">");
  ui_field(fm, &(UiField){.zName = "title_zh", .zLabel = T(r, "dg.title_zh"), .zValue = form_get(v, "title_zh")});
  ui_field(fm, &(UiField){.zName = "title_en", .zLabel = T(r, "dg.title_en"), .zValue = form_get(v, "title_en")});
  hp(b, "</div>\n<div class=\"row\">");
  ui_field(fm, &(UiField){.zName = "direction", .zLabel = T(r, "dg.direction"), .zValue = form_get(v, "direction"), .eType = UI_SELECT,
    .zPrefix = "dg.dir", .azEnum = azDelegationDirection});
  ui_field(fm, &(UiField){.zName = "status", .zLabel = T(r, "dg.status"), .zValue = form_get(v, "status"), .eType = UI_SELECT,
    .zPrefix = "dg.st", .azEnum = azDelegationStatus, .zHint = T(r, "dg.status_hint")});
  ui_field(fm, &(UiField){.zName = "start", .zLabel = T(r, "dg.start"), .zValue = form_get(v, "start"), .zPlaceholder = "YYYY-MM-DD"});
  ui_field(fm, &(UiField){.zName = "end", .zLabel = T(r, "dg.end"), .zValue = form_get(v, "end"), .zPlaceholder = "YYYY-MM-DD"});
  hp(b, "</div>\n");
  ui_field(fm, &(UiField){.zName = "ties", .zLabel = T(r, "x.ties"), .eType = UI_GROUP, .pCur = v, .xControl = ui_tie_checks});
  hp(b, "<div class=\"row\">");
  ui_field(fm, &(UiField){.zName = "head", .zLabel = T(r, "dg.head"), .zValue = form_get(v, "head"), .zHint = T(r, "dg.head_hint")});
  ui_field(fm, &(UiField){.zName = "head_person_id", .zLabel = T(r, "dg.head_person"), .zValue = form_get(v, "head_person_id"),
    .xControl = uip_person_select});
  ui_field(fm, &(UiField){.zName = "size", .zLabel = T(r, "dg.size"), .zValue = form_get(v, "size"), .eAttr = UI_ATTR_NUMERIC});
  hp(b, "</div>\n");
  ui_field(fm, &(UiField){.zName = "members", .zLabel = T(r, "dg.members"), .eType = UI_GROUP, .pCur = v, .xControl = uip_person_checks});
  ui_field(fm, &(UiField){.zName = "purpose", .zLabel = T(r, "dg.purpose"), .zValue = form_get(v, "purpose"), .eType = UI_TEXTAREA, .nRows = 2});
  ui_field(fm, &(UiField){.zName = "fields", .zLabel = T(r, "x.fields"), .eType = UI_GROUP, .zPrefix = "xf", .azEnum = azExchangeField,
    .pCur = v});
  ui_field(fm, &(UiField){.zName = "programme", .zLabel = T(r, "dg.programme"), .zValue = form_get(v, "programme"),
    .eType = UI_TEXTAREA, .nRows = 5, .zHint = T(r, "dg.programme_hint")});
  hp(b, "<div class=\"row\">");
  ui_field(fm, &(UiField){.zName = "event_id", .zLabel = T(r, "dg.event_id"), .zValue = form_get(v, "event_id"), .eAttr = UI_ATTR_NUMERIC,
    .zHint = T(r, "dg.event_hint")});
  ui_field(fm, &(UiField){.zName = "public", .zLabel = T(r, "dg.public"), .zValue = form_get(v, "public"), .eType = UI_CHECKBOX,
    .zHint = T(r, "dg.public_hint")});
  hp(b, "</div>\n");
  ui_field(fm, &(UiField){.zName = "notes", .zLabel = T(r, "pe.notes"), .zValue = form_get(v, "notes"), .eType = UI_TEXTAREA, .nRows = 2});
  ui_field(fm, &(UiField){.zName = "sources", .zLabel = T(r, "x.sources"), .zValue = form_get(v, "sources"), .eType = UI_TEXTAREA,
    .zHint = T(r, "x.lines_hint")});
  ui_unit_field(fm, v);
}

/* One programme item per line: "DATE | TITLE" or "DATE | TIME | TITLE |
** PLACE | ORGANISATION" (the organisation by its English or Chinese name). */
static json_t *programme_json(Req *r, const char *z, Err *e, YcStatus *pSt){
  json_t *lines = ui_split(z, "\n"), *a = json_array(), *l;
  size_t i;
  json_array_foreach(lines, i, l){
    /* Split at '|' keeping empty parts (the time may be left out). */
    json_t *parts = json_array(), *m = json_object();
    for(const char *s = json_string_value(l); ; ){
      const char *zBar = strchr(s, '|');
      size_t n = zBar ? (size_t)(zBar - s) : strlen(s);
      const char *t = s;
      while( n && *t==' ' ){ t++; n--; }
      while( n && t[n-1]==' ' ) n--;
      json_array_append_new(parts, json_stringn(t, n));
      if( !zBar ) break;
      s = zBar + 1;
    }
    size_t np = json_array_size(parts);
    static const char *const azKey[] = {"date", "time", "title", "place", "org"};
    if( np==2 ){
      json_object_set(m, "date", json_array_get(parts, 0));
      json_object_set(m, "title", json_array_get(parts, 1));
    }else if( np>=3 && np<=5 ){
      for(size_t k=0; k<np; k++){
        const char *zPart = json_string_value(json_array_get(parts, k));
        if( !*zPart ) continue;
        if( k==4 ){
          int64_t org = org_find_by_name(&r->ctx, zPart, zPart);
          if( !org && !*pSt ) *pSt = err_set(e, YC_EINVALID, "unknown_org", "programme", "line %zu: no organisation named %s", i + 1, zPart);
          if( org ) json_object_set_new(m, "org_id", json_integer(org));
        }else{
          json_object_set(m, azKey[k], json_array_get(parts, k));
        }
      }
    }else if( !*pSt ){
      *pSt = err_set(e, YC_EINVALID, "invalid_value", "programme", "line %zu: use DATE | TIME | TITLE | PLACE | ORGANISATION", i + 1);
    }
    json_decref(parts);
    json_array_append_new(a, m);
  }
  json_decref(lines);
  return a;
}

static json_t *delegation_input(Req *r, const Form *f, int bUpdate, Err *e, YcStatus *pSt){
  json_t *in = json_object();
  *pSt = YC_OK;
  static const char *const azText[] = {"direction", "status", "title_zh", "title_en", "start", "end", "head", "purpose", "notes", 0};
  for(int i=0; azText[i]; i++){
    const char *z = form_get(f, azText[i]);
    if( z ) json_object_set_new(in, azText[i], json_string(z));
    else if( bUpdate && i>=2 ) json_object_set_new(in, azText[i], json_null());
  }
  static const char *const azInt[] = {"head_person_id", "size", "event_id", 0};
  for(int i=0; azInt[i]; i++){
    const char *z = form_get(f, azInt[i]);
    long long v;
    if( z && in_parse_int(z, 0, INT64_MAX, &v) ){
      if( !*pSt ) *pSt = err_set(e, YC_EINVALID, "wrong_type", azInt[i], "%s must be a number", azInt[i]);
    }else if( z ) json_object_set_new(in, azInt[i], json_integer(v));
    else if( bUpdate ) json_object_set_new(in, azInt[i], json_null());
  }
  json_object_set_new(in, "public", json_boolean(form_get(f, "public")!=0));
  json_t *a = json_array();
  int64_t aId[DG_MAX_MEMBERS];
  int n = form_ids(f, "ties", aId, DG_MAX_TIES);
  for(int i=0; i<n; i++) json_array_append_new(a, json_integer(aId[i]));
  json_object_set_new(in, "ties", a);
  a = json_array();
  n = form_ids(f, "members", aId, DG_MAX_MEMBERS);
  for(int i=0; i<n; i++) json_array_append_new(a, json_integer(aId[i]));
  json_object_set_new(in, "members", a);
  a = json_array();
  for(int i=0; i<f->n; i++){
    if( strcmp(f->azKey[i], "fields")==0 && f->azVal[i][0] ) json_array_append_new(a, json_string(f->azVal[i]));
  }
  json_object_set_new(in, "fields", a);
  json_object_set_new(in, "programme", programme_json(r, form_get(f, "programme"), e, pSt));
  json_object_set_new(in, "sources", ui_split(form_get(f, "sources"), "\n"));
  ui_unit_input(f, in, bUpdate, e, pSt);
  return in;
}

static void delegation_defaults(Req *r, Form *v){
  form_set(r, v, "direction", "in");
  form_set(r, v, "status", "planned");
  form_set(r, v, "public", "1");
  const char *zTie = ui_param(r, "tie");
  long long t;
  if( zTie && !in_parse_int(zTie, 1, INT64_MAX, &t) ) form_set_int(r, v, "ties", t);
}

static void delegation_values(Req *r, json_t *x, Form *v){
  ui_unit_values(r, x, v);
  static const char *const az[] = {"direction", "status", "title_zh", "title_en", "start", "end", "head", "purpose", "notes", 0};
  for(int i=0; az[i]; i++) form_set(r, v, az[i], jstr(x, az[i]));
  json_t *y;
  size_t i;
  if( json_is_object(json_object_get(x, "head_person")) ) form_set_int(r, v, "head_person_id", jint(json_object_get(x, "head_person"), "id"));
  if( json_is_integer(json_object_get(x, "size")) ) form_set_int(r, v, "size", jint(x, "size"));
  if( json_is_object(json_object_get(x, "event")) ) form_set_int(r, v, "event_id", jint(json_object_get(x, "event"), "id"));
  if( json_is_true(json_object_get(x, "public")) ) form_set(r, v, "public", "1");
  json_array_foreach(json_object_get(x, "ties"), i, y) form_set_int(r, v, "ties", jint(y, "id"));
  json_array_foreach(json_object_get(x, "members"), i, y) form_set_int(r, v, "members", jint(y, "id"));
  json_array_foreach(json_object_get(x, "fields"), i, y) form_set(r, v, "fields", json_string_value(y));
  Buf s = BUF_INIT;
  json_array_foreach(json_object_get(x, "programme"), i, y){
    json_t *o = json_object_get(y, "org");
    if( i ) buf_putc(&s, '\n');
    buf_printf(&s, "%s | %s | %s | %s | %s", jstr0(y, "date"), jstr0(y, "time"), jstr0(y, "title"), jstr0(y, "place"),
               json_is_object(o) ? (jstr(o, "name_en") ? jstr(o, "name_en") : jstr0(o, "name_zh")) : "");
  }
  form_set(r, v, "programme", buf_str(&s));
  buf_free(&s);
  form_set_join(r, v, "sources", json_object_get(x, "sources"), 0, "\n");
}

static const char *const azNewParam[] = {"tie", "lang", 0};

const RecordType recDelegation = {
  .zEntity = "delegation",
  .zBase = "/delegations", .zApi = "/api/v1/delegations", .zNav = "delegations", .zCss = "exchange", .eAuth = REC_AUTH_OPTIONAL,
  .zNewTitle = "dg.new", .zEditTitle = "dg.edit", .zDeleteTitle = "x.delete", .zAsk = "dg.confirm_delete",
  .xGet = delegation_get, .xCreate = delegation_create, .xUpdate = delegation_update, .xDelete = delegation_delete,
  .xName = dg_title, .zBack = "dg.back", .xPage = delegation_page, .xDefaults = delegation_defaults, .xValues = delegation_values,
  .xInput = delegation_input, .xFields = delegation_fields, .azNewParam = azNewParam,
};

/* WEBPAGE: GET /delegations/{id} */
void ui_delegation_page(Req *r, Resp *p){ rec_page(&recDelegation, r, p); }
/* WEBPAGE: GET /delegations/new */
void ui_delegation_new(Req *r, Resp *p){ rec_new(&recDelegation, r, p); }
/* WEBPAGE: POST /delegations/new */
void ui_delegation_create(Req *r, Resp *p){ rec_create(&recDelegation, r, p); }
/* WEBPAGE: GET /delegations/{id}/edit */
void ui_delegation_edit(Req *r, Resp *p){ rec_edit(&recDelegation, r, p); }
/* WEBPAGE: POST /delegations/{id}/edit */
void ui_delegation_update(Req *r, Resp *p){ rec_update(&recDelegation, r, p); }
/* WEBPAGE: GET /delegations/{id}/delete (asks for confirmation) */
void ui_delegation_delete_ask(Req *r, Resp *p){ rec_delete_ask(&recDelegation, r, p); }
/* WEBPAGE: POST /delegations/{id}/delete */
void ui_delegation_delete(Req *r, Resp *p){ rec_delete(&recDelegation, r, p); }

void uip_tie_delegations(Req *r, Buf *b, int64_t tieId){
  DelegationQuery q;
  memset(&q, 0, sizeof q);
  char zTie[24];
  snprintf(zTie, sizeof zTie, "%lld", (long long)tieId);
  q.zTie = zTie;
  q.zLimit = "20";
  json_t *list = 0;
  Err e;
  if( delegation_list(&r->ctx, &q, &list, &e) ) return;
  hp(b, "<section class=\"card\" id=\"tie-delegations\"><h2>%s</h2>\n", T(r, "dg.of_tie"));
  json_t *items = json_object_get(list, "items");
  if( json_array_size(items)==0 ) hp(b, "<p class=\"empty\">%s</p>\n", T(r, "dg.none"));
  else dg_table(r, b, items, "tie-delegation-list");
  hp(b, "<p><a href=\"/delegations?tie=%D\">%s</a>", tieId, T(r, "dg.all_of_tie"));
  if( r->zUser && strcmp(r->zRole, "viewer")!=0 ) hp(b, " · <a href=\"/delegations/new?tie=%D\">%s</a>", tieId, T(r, "dg.new"));
  hp(b, "</p></section>\n");
  json_decref(list);
}
