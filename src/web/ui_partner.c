/*
** ui_partner.c: the partner pages: list with filters, CSV export, detail,
** add/edit forms and delete. All call the core functions of partner.c.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "web/route.h"
#include "web/record.h"
#include "web/ui_people.h"
#include "core/partner.h"
#include "core/city.h"
#include "core/input.h"
#include "web/ui_match.h"
#include "web/ui_exchange.h"
#include "web/ui_event.h"
#include "web/news_web.h"
#include "base/json.h"

static void kind_badge(Req *r, Buf *b, json_t *t){
  ui_badge(r, b, "kind", jstr(t, "kind"), "kind-");
  if( !json_is_true(json_object_get(t, "kind_verified")) )
    hp(b, " <span class=\"badge unverified\" title=\"%s\">?</span>", T(r, "kind.unverified"));
}

/* Country <select> over the countries that have ties (a filter never
** needs the others), names in the page language. */
static void country_select(Req *r, Buf *b, const char *zName, const char *zCur, int bAny){
  hp(b, "<select id=\"%s\" name=\"%s\">", zName, zName);
  if( bAny ) hp(b, "<option value=\"\">%s</option>", T(r, "p.any"));
  json_t *rows = 0, *x;
  Err e = {0};
  size_t i;
  int bSeen = 0;
  if( partner_countries(&r->ctx, &rows, &e)==YC_OK ){
    json_array_foreach(rows, i, x){
      const char *zIso = jstr(x, "iso2"), *zZh = jstr(x, "name_zh");
      int bSel = zCur && strcmp(zCur, zIso)==0;
      bSeen |= bSel;
      hp(b, "<option value=\"%s\"%R>%s</option>", zIso, bSel ? " selected" : "",
         (strcmp(r->zLang, "zh")==0 && zZh) ? zZh : jstr(x, "name_en"));
    }
    json_decref(rows);
  }
  if( zCur && !bSeen ) hp(b, "<option value=\"%s\" selected>%s</option>", zCur, zCur);
  hp(b, "</select>");
}

static void fill_query(Req *r, PartnerQuery *q){
  memset(q, 0, sizeof *q);
#define P(f, n) { const char *z = http_param(r, n); q->f = (z && *z) ? z : 0; }
  P(zKind, "kind"); P(zStatus, "status"); P(zCountry, "country"); P(zContinent, "continent");
  P(zFrom, "established_from"); P(zTo, "established_to"); P(zQ, "q"); P(zSort, "sort");
  P(zLimit, "limit"); P(zCursor, "cursor");
#undef P
}

static const char *const azPageParam[] = {"kind", "status", "country", "continent", "established_from",
  "established_to", "q", "sort", "limit", "cursor", "lang", "flash", 0};

/* WEBPAGE: GET /partners */
void ui_partner_list(Req *r, Resp *p){
  ui_prepare(r, p);
  Err e;
  memset(&e, 0, sizeof e);
  PartnerQuery q;
  fill_query(r, &q);
  q.bPrev = 1;
  json_t *list = 0;
  YcStatus st = http_check_params(r, azPageParam, &e);
  if( !st ) st = partner_list(&r->ctx, &q, &list, &e);
  if( st && st!=YC_EINVALID ){ ui_error(r, p, &e); return; }
  if( st ) p->status = 400;
  ui_begin(r, p, T(r, "p.title"), "partners");
  Buf *b = &p->body;
  hp(b, "<div class=\"page-head\"><h1>%s</h1><div class=\"head-actions\">", T(r, "p.title"));
  if( r->zUser ) hp(b, "<a class=\"button primary\" href=\"/partners/new\">%s</a>", T(r, "p.new"));
  ui_export_buttons(r, b, "/partners");
  hp(b, "</div></div>\n");
  ui_flash(r, b);

  /* Filters */
  hp(b, "<form class=\"filters\" method=\"get\" action=\"/partners\" role=\"search\">\n");
  hp(b, "<div class=\"field grow\"><label for=\"q\">%s</label><input id=\"q\" name=\"q\" type=\"search\" value=\"%s\" placeholder=\"%s\"></div>\n",
     T(r, "p.q"), q.zQ ? q.zQ : "", T(r, "p.q_hint"));
  hp(b, "<div class=\"field\"><label for=\"kind\">%s</label><select id=\"kind\" name=\"kind\">", T(r, "p.kind"));
  ui_options(r, b, "kind", azTieKind, q.zKind, T(r, "p.any"));
  hp(b, "</select></div>\n<div class=\"field\"><label for=\"status\">%s</label><select id=\"status\" name=\"status\">", T(r, "p.status"));
  ui_options(r, b, "status", azTieStatus, q.zStatus, T(r, "p.any"));
  hp(b, "</select></div>\n<div class=\"field\"><label for=\"country\">%s</label>", T(r, "p.country"));
  country_select(r, b, "country", q.zCountry, 1);
  hp(b, "</div>\n<div class=\"field\"><label for=\"continent\">%s</label><select id=\"continent\" name=\"continent\">", T(r, "p.continent"));
  ui_options(r, b, "continent", azContinent, q.zContinent, T(r, "p.any"));
  hp(b, "</select></div>\n<div class=\"field small\"><label for=\"established_from\">%s</label>"
        "<input id=\"established_from\" name=\"established_from\" value=\"%s\" placeholder=\"YYYY\" inputmode=\"numeric\"></div>\n"
        "<div class=\"field small\"><label for=\"established_to\">%s</label>"
        "<input id=\"established_to\" name=\"established_to\" value=\"%s\" placeholder=\"YYYY\" inputmode=\"numeric\"></div>\n",
     T(r, "p.from"), q.zFrom ? q.zFrom : "", T(r, "p.to"), q.zTo ? q.zTo : "");
  static const char *const azSort[] = {"established", "-established", "name", "-name", "country", "kind", "-updated", 0};
  hp(b, "<div class=\"field\"><label for=\"sort\">%s</label><select id=\"sort\" name=\"sort\">", T(r, "p.sort"));
  ui_options(r, b, "sort", azSort, q.zSort, 0);
  hp(b, "</select></div>\n<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button>"
        " <a class=\"button\" href=\"/partners\">%s</a></div>\n</form>\n", T(r, "p.filter"), T(r, "p.reset"));

  if( st ){
    static const char *const azLabel[][2] = {{"kind", "p.kind"}, {"status", "p.status"}, {"country", "p.country"},
      {"continent", "p.continent"}, {"established_from", "p.from"}, {"established_to", "p.to"}, {"q", "p.q"},
      {"sort", "p.sort"}};
    const char *zField = e.zField;
    for(size_t k=0; k<sizeof azLabel/sizeof azLabel[0]; k++) if( strcmp(zField, azLabel[k][0])==0 ) zField = T(r, azLabel[k][1]);
    ui_alert(r, b, &e, zField);
    ui_end(r, p);
    return;
  }
  json_t *items = json_object_get(list, "items"), *t;
  size_t i;
  char zCount[64];
  snprintf(zCount, sizeof zCount, "%lld", (long long)json_integer_value(json_object_get(list, "total")));
  char zTotal[96];
  snprintf(zTotal, sizeof zTotal, T(r, "p.count"), zCount);
  hp(b, "<p class=\"count\" id=\"count\">%s</p>\n", zTotal);
  if( json_array_size(items)==0 ){
    hp(b, "<p class=\"empty\">%s</p>\n", T(r, "p.none"));
  }else{
    hp(b, "<div class=\"table-wrap\"><table class=\"list\" id=\"partners\">\n<thead><tr><th scope=\"col\">%s</th>"
          "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
          "<th scope=\"col\" class=\"num\">%s</th></tr></thead>\n<tbody>\n",
       T(r, "p.city"), T(r, "p.country"), T(r, "p.kind"), T(r, "p.status"), T(r, "p.established"), T(r, "p.sources"));
    json_array_foreach(items, i, t){
      json_t *city = json_object_get(t, "city");
      int64_t id = json_integer_value(json_object_get(t, "id"));
      const char *zOther = strcmp(r->zLang, "zh")==0 ? jstr(city, "name_en") : jstr(city, "name_zh");
      hp(b, "<tr><td><a href=\"/partners/%D\">%s</a>", id, ui_tie_name(r, t));
      if( zOther && strcmp(zOther, ui_tie_name(r, t))!=0 ) hp(b, " <span class=\"muted\">%s</span>", zOther);
      hp(b, "</td><td>%s", ui_name(r, json_object_get(city, "country")));
      ui_city_admin1(r, b, city);
      hp(b, "</td><td>");
      kind_badge(r, b, t);
      hp(b, "</td><td><span class=\"status st-%s\">%s</span></td><td>", jstr(t, "status"), ui_label(r, "status", jstr(t, "status")));
      ui_date(r, b, jstr(json_object_get(t, "established"), "date"), jstr(json_object_get(t, "established"), "precision"));
      hp(b, "</td><td class=\"num\">%d</td></tr>\n", (int)json_array_size(json_object_get(t, "sources")));
    }
    hp(b, "</tbody></table></div>\n");
  }
  /* Pagination */
  ui_pager(r, b, list);
  json_decref(list);
  ui_end(r, p);
}

/* The page of tie id below its head. */
static void partner_page(Req *r, Resp *p, json_t *t, int64_t id){
  json_t *city = json_object_get(t, "city"), *country = json_object_get(city, "country");
  const char *zName = ui_tie_name(r, t);
  Buf *b = &p->body;
  hp(b, "<div class=\"cols\">\n<section class=\"card\"><h2>%s</h2><dl class=\"facts\">\n", T(r, "p.city"));
  hp(b, "<dt>%s</dt><dd>%s</dd>\n", T(r, "o.name_en"), jstr(city, "name_en"));
  if( jstr(city, "name_zh") ) hp(b, "<dt>%s</dt><dd>%s</dd>\n", T(r, "o.name_zh"), jstr(city, "name_zh"));
  if( jstr(t, "label") ) hp(b, "<dt>%s</dt><dd>%s</dd>\n", T(r, "p.label"), jstr(t, "label"));
  if( ui_admin1(r, city) ) hp(b, "<dt>%s</dt><dd>%s</dd>\n", T(r, "p.admin1"), ui_admin1(r, city));
  hp(b, "<dt>%s</dt><dd>%s (%s)</dd>\n", T(r, "p.country"), ui_name(r, country), jstr(country, "iso2"));
  if( jstr(t, "continent") ) hp(b, "<dt>%s</dt><dd>%s</dd>\n", T(r, "p.continent"), ui_label(r, "continent", jstr(t, "continent")));
  hp(b, "<dt>%s</dt><dd>%s</dd>\n", T(r, "p.population"), ui_num(r, json_integer_value(json_object_get(city, "population"))));
  char zLat[32], zLng[32];
  snprintf(zLat, sizeof zLat, "%.4f", json_real_value(json_object_get(city, "lat")));
  snprintf(zLng, sizeof zLng, "%.4f", json_real_value(json_object_get(city, "lng")));
  hp(b, "<dt>%s</dt><dd>%s, %s · <a href=\"https://www.geonames.org/%D\" rel=\"noopener noreferrer\">GeoNames %D</a></dd>\n</dl>\n",
     T(r, "p.coords"), zLat, zLng, (int64_t)json_integer_value(json_object_get(city, "id")),
     (int64_t)json_integer_value(json_object_get(city, "id")));
  hp(b, "<div class=\"minimap\" id=\"minimap\" data-lat=\"%s\" data-lng=\"%s\" data-name=\"%s\" role=\"img\" aria-label=\"%s\"></div>\n</section>\n",
     zLat, zLng, zName, T(r, "p.map"));

  hp(b, "<section class=\"card\"><h2>%s</h2><dl class=\"facts\">\n", T(r, "p.tie"));
  hp(b, "<dt>%s</dt><dd>", T(r, "p.kind"));
  kind_badge(r, b, t);
  hp(b, "</dd>\n<dt>%s</dt><dd>%s</dd>\n<dt>%s</dt><dd>", T(r, "p.status"), ui_label(r, "status", jstr(t, "status")), T(r, "p.established"));
  ui_date(r, b, jstr(json_object_get(t, "established"), "date"), jstr(json_object_get(t, "established"), "precision"));
  hp(b, "</dd>\n");
  if( jstr(t, "agreement") ) hp(b, "<dt>%s</dt><dd class=\"pre\">%s</dd>\n", T(r, "p.agreement"), jstr(t, "agreement"));
  if( jstr(t, "notes") ) hp(b, "<dt>%s</dt><dd class=\"pre\">%s</dd>\n", T(r, "p.notes"), jstr(t, "notes"));
  hp(b, "</dl>\n");
  json_t *src = json_object_get(t, "sources"), *x;
  size_t i;
  ui_sources(b, src, 1, T(r, "p.sources"), 1);
  hp(b, "</section>\n</div>\n");
  ui_partner_extras(r, p, id);
  ui_partner_events(r, p, id, jint(city, "id"));
  ui_news_section(r, p, "tie", id);
  uip_tie_delegations(r, b, id);
  uip_tie_people(r, b, id);
  json_t *orgs = json_object_get(t, "organisations");
  if( json_array_size(orgs) ){
    hp(b, "<section class=\"card\"><h2>%s</h2><ul class=\"orgs\">\n", T(r, "p.orgs"));
    json_array_foreach(orgs, i, x){
      const char *zZh = jstr(x, "name_zh"), *zEn = jstr(x, "name_en");
      const char *zN = strcmp(r->zLang, "zh")==0 ? (zZh ? zZh : zEn) : (zEn ? zEn : zZh);
      hp(b, "<li><a href=\"/orgs/%D\">%s</a> <span class=\"badge\">%s</span> <span class=\"muted\">%s</span>",
         (int64_t)json_integer_value(json_object_get(x, "id")), zN, ui_label(r, "o.type", jstr(x, "type")),
         ui_label(r, "o.side", jstr(x, "side")));
      if( jstr(x, "role") ) hp(b, " — %s", jstr(x, "role"));
      hp(b, "</li>\n");
    }
    hp(b, "</ul></section>\n");
  }
  ui_partner_profile(r, p, id);
}

/* WEBPAGE: GET /partners/{id} */
void ui_partner_page(Req *r, Resp *p){ rec_page(&recPartner, r, p); }

/* ---------------------------------------------------------------------------
** The record type: its form, and the handlers of its pages and API
*/
static void partner_fields(UiForm *fm, const Form *v, const char *zId){
  Req *r = fm->r;
  Buf *b = fm->b;
  (void)zId;
  ui_field(fm, &(UiField){.zName = "city", .zField = "city_id", .zLabel = T(r, "p.city_pick"), .zValue = form_get(v, "city"),
    .zClass = "autocomplete", .zHint = T(r, "p.q_hint"), .xControl = ui_city_input, .pArg = form_get(v, "city_id")});
  hp(b, "<div class=\"row\">");
  ui_field(fm, &(UiField){.zName = "kind", .zLabel = T(r, "p.kind"), .zValue = form_get(v, "kind"), .eType = UI_SELECT,
    .zPrefix = "kind", .azEnum = azTieKind});
  ui_field(fm, &(UiField){.zName = "status", .zLabel = T(r, "p.status"), .eType = UI_SELECT, .zPrefix = "status",
    .azEnum = azTieStatus, .zValue = form_get(v, "status") ? form_get(v, "status") : "active"});
  ui_field(fm, &(UiField){.zName = "kind_verified", .zLabel = T(r, "p.kind_verified"), .eType = UI_CHECKBOX,
    .zValue = form_get(v, "kind_verified")});
  hp(b, "</div>\n<div class=\"row\">");
  ui_field(fm, &(UiField){.zName = "established", .zLabel = T(r, "p.established"), .zValue = form_get(v, "established"),
    .zPlaceholder = "1983-01-14", .zHint = T(r, "p.date_hint")});
  ui_field(fm, &(UiField){.zName = "city_name_zh", .zLabel = T(r, "p.city_zh"), .zValue = form_get(v, "city_name_zh")});
  ui_field(fm, &(UiField){.zName = "label", .zLabel = T(r, "p.label"), .zValue = form_get(v, "label")});
  hp(b, "</div>\n");
  ui_field(fm, &(UiField){.zName = "agreement", .zLabel = T(r, "p.agreement"), .zValue = form_get(v, "agreement"),
    .eType = UI_TEXTAREA});
  ui_field(fm, &(UiField){.zName = "notes", .zLabel = T(r, "p.notes"), .zValue = form_get(v, "notes"), .eType = UI_TEXTAREA,
    .nRows = 4});
  ui_field(fm, &(UiField){.zName = "sources", .zLabel = T(r, "p.sources"), .zValue = form_get(v, "sources"), .eType = UI_TEXTAREA,
    .zHint = T(r, "p.sources_hint")});
}

/* The input of partner_create/update from the form. For an update, empty
** fields become null (cleared). */
static json_t *partner_input(Req *r, const Form *f, int bUpdate, Err *e, YcStatus *pSt){
  json_t *in = json_object();
  *pSt = YC_OK;
  const char *zId = form_get(f, "city_id"), *zCity = form_get(f, "city");
  int64_t cityId = ui_form_city(r, f);
  if( cityId ) json_object_set_new(in, "city_id", json_integer(cityId));
  else if( zCity || zId || !bUpdate ){
    *pSt = err_set(e, YC_EINVALID, zCity || zId ? "unknown_city" : "required", "city_id", "choose a city");
  }
  static const char *const azText[] = {"kind", "status", "established", "label", "city_name_zh", "agreement", "notes", 0};
  for(int i=0; azText[i]; i++){
    const char *z = form_get(f, azText[i]);
    if( z ) json_object_set_new(in, azText[i], json_string(z));
    else if( bUpdate && strcmp(azText[i], "city_name_zh")!=0 && strcmp(azText[i], "kind")!=0 && strcmp(azText[i], "status")!=0 )
      json_object_set_new(in, azText[i], json_null());
  }
  json_object_set_new(in, "kind_verified", json_boolean(form_get(f, "kind_verified")!=0));
  json_object_set_new(in, "sources", ui_split(form_get(f, "sources"), "\n"));
  return in;
}

static const char *partner_country(Req *r, const json_t *t){
  return ui_name(r, json_object_get(json_object_get(t, "city"), "country"));
}

static void partner_defaults(Req *r, Form *v){
  form_set(r, v, "kind", "sister");
  form_set(r, v, "kind_verified", "1");
}

static void partner_values(Req *r, json_t *t, Form *v){
  json_t *city = json_object_get(t, "city");
  form_set_int(r, v, "city_id", jint(city, "id"));
  form_set(r, v, "city", arena_printf(&r->arena, "%s, %s", jstr0(city, "name_en"), jstr0(json_object_get(city, "country"), "iso2")));
  form_set(r, v, "kind", jstr(t, "kind"));
  form_set(r, v, "status", jstr(t, "status"));
  form_set(r, v, "established", jstr(json_object_get(t, "established"), "date"));
  form_set(r, v, "label", jstr(t, "label"));
  form_set(r, v, "city_name_zh", jstr(city, "name_zh"));
  form_set(r, v, "agreement", jstr(t, "agreement"));
  form_set(r, v, "notes", jstr(t, "notes"));
  if( json_is_true(json_object_get(t, "kind_verified")) ) form_set(r, v, "kind_verified", "1");
  form_set_join(r, v, "sources", json_object_get(t, "sources"), 0, "\n");
}

/* Ending a tie is the usual way: offered first on its delete page. */
static void partner_delete_head(Req *r, Resp *p, json_t *rec, const char *zId){
  if( strcmp(jstr0(rec, "status"), "ended")==0 ) return;
  Buf *b = &p->body;
  hp(b, "<section class=\"narrow\" id=\"end-tie\"><h2>%s</h2><p>%s</p>\n"
        "<form method=\"post\" action=\"/partners/%u/end\" class=\"form\">", T(r, "p.end_title"), T(r, "p.end_note"), zId);
  ui_csrf_field(r, p);
  hp(b, "<div class=\"field\"><label for=\"ended\">%s</label><input id=\"ended\" name=\"ended\" inputmode=\"numeric\""
        " placeholder=\"YYYY-MM-DD\" maxlength=\"10\"><p class=\"hint\">%s</p></div>"
        "<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button></div></form></section>\n",
     T(r, "p.ended"), T(r, "p.ended_hint"), T(r, "p.end_button"));
}

const RecordType recPartner = {
  .zEntity = "tie",
  .zBase = "/partners", .zApi = "/api/v1/partners", .zNav = "partners",
  .zNewTitle = "p.new", .zEditTitle = "p.edit", .zDeleteTitle = "p.delete", .zAsk = "p.confirm_delete",
  .xGet = partner_get, .xCreate = partner_create, .xUpdate = partner_update, .xDelete = partner_delete,
  .xName = ui_tie_name, .xSub = partner_country, .xPage = partner_page, .xDefaults = partner_defaults, .xValues = partner_values, .xInput = partner_input,
  .xFields = partner_fields,
  .xDeleteHead = partner_delete_head,
};

/* WEBPAGE: GET /partners/new */
void ui_partner_new(Req *r, Resp *p){ rec_new(&recPartner, r, p); }
/* WEBPAGE: POST /partners/new */
void ui_partner_create(Req *r, Resp *p){ rec_create(&recPartner, r, p); }
/* WEBPAGE: GET /partners/{id}/edit */
void ui_partner_edit(Req *r, Resp *p){ rec_edit(&recPartner, r, p); }
/* WEBPAGE: POST /partners/{id}/edit */
void ui_partner_update(Req *r, Resp *p){ rec_update(&recPartner, r, p); }
/* WEBPAGE: GET /partners/{id}/delete (asks for confirmation) */
void ui_partner_delete_ask(Req *r, Resp *p){ rec_delete_ask(&recPartner, r, p); }
/* WEBPAGE: POST /partners/{id}/delete */
void ui_partner_delete(Req *r, Resp *p){ rec_delete(&recPartner, r, p); }
/* WEBPAGE: POST /partners/{id}/end */
void ui_partner_end(Req *r, Resp *p){
  Form f;
  Err e;
  int64_t id = 0;
  if( ui_post(r, p, &f, &id, &e) ) return;
  const char *z = form_get(&f, "ended");
  json_t *in = json_pack("{s:s, s:s?}", "status", "ended", "ended", z), *out = 0;
  YcStatus st = partner_update(&r->ctx, id, in, &out, &e);
  json_decref(in);
  json_decref(out);
  if( st ){ ui_error(r, p, &e); return; }
  ui_redirect(p, arena_printf(&r->arena, "/partners/%lld?flash=ended", (long long)id));
}
