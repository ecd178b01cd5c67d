/*
** ui_org.c: the organisation pages: list with filters, detail, add/edit
** forms and delete. All call the core functions of org.c.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "web/route.h"
#include "web/record.h"
#include "web/review_web.h"
#include "core/review.h"
#include "core/org.h"
#include "core/vocab.h"
#include "core/partner.h"
#include "core/city.h"
#include "web/ui_match.h"
#include "web/news_web.h"
#include "base/json.h"

/* Industry codes with labels in the page language: "26 计算机、电子…". */
static void industry_list_html(Req *r, Buf *b, json_t *aCode){
  json_t *x;
  size_t i;
  json_array_foreach(aCode, i, x){
    const char *zCode = json_string_value(x);
    hp(b, "<span class=\"tag\" title=\"ISIC %s\">%s %s</span> ", zCode, zCode,
       isic_label(zCode, strcmp(r->zLang, "zh")==0));
  }
}

static const char *const azPageParam[] = {"type", "side", "industry", "partner", "country", "q", "sort",
  "limit", "cursor", "lang", "flash", 0};

/* WEBPAGE: GET /orgs */
void ui_org_list(Req *r, Resp *p){
  ui_prepare(r, p);
  Err e;
  memset(&e, 0, sizeof e);
  OrgQuery q;
  memset(&q, 0, sizeof q);
#define P(f, n) { const char *z = http_param(r, n); q.f = (z && *z) ? z : 0; }
  P(zType, "type"); P(zSide, "side"); P(zIndustry, "industry"); P(zPartner, "partner");
  P(zCountry, "country"); P(zQ, "q"); P(zSort, "sort"); P(zLimit, "limit"); P(zCursor, "cursor");
#undef P
  json_t *list = 0;
  YcStatus st = http_check_params(r, azPageParam, &e);
  if( !st ) st = org_list(&r->ctx, &q, &list, &e);
  if( st && st!=YC_EINVALID ){ ui_error(r, p, &e); return; }
  if( st ) p->status = 400;
  ui_begin(r, p, T(r, "o.title"), "orgs");
  Buf *b = &p->body;
  hp(b, "<div class=\"page-head\"><h1>%s</h1><div class=\"head-actions\">", T(r, "o.title"));
  ui_export_buttons(r, b, "/orgs");
  if( r->zUser ) hp(b, "<a class=\"button primary\" href=\"/orgs/new\">%s</a>", T(r, "o.new"));
  hp(b, "</div></div>\n");
  ui_flash(r, b);
  hp(b, "<form class=\"filters\" method=\"get\" action=\"/orgs\" role=\"search\">\n"
        "<div class=\"field grow\"><label for=\"q\">%s</label><input id=\"q\" name=\"q\" type=\"search\" value=\"%s\"></div>\n"
        "<div class=\"field\"><label for=\"type\">%s</label><select id=\"type\" name=\"type\">",
     T(r, "p.q"), q.zQ ? q.zQ : "", T(r, "o.type"));
  ui_options(r, b, "o.type", azOrgType, q.zType, T(r, "p.any"));
  hp(b, "</select></div>\n<div class=\"field\"><label for=\"side\">%s</label><select id=\"side\" name=\"side\">", T(r, "o.side"));
  ui_options(r, b, "o.side", azOrgSide, q.zSide, T(r, "p.any"));
  hp(b, "</select></div>\n<div class=\"field small\"><label for=\"industry\">%s</label>"
        "<input id=\"industry\" name=\"industry\" value=\"%s\" placeholder=\"C, 26\"></div>\n"
        "<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button> <a class=\"button\" href=\"/orgs\">%s</a></div>\n</form>\n",
     T(r, "o.industry"), q.zIndustry ? q.zIndustry : "", T(r, "p.filter"), T(r, "p.reset"));
  if( st ){
    static const char *const azLabel[][2] = {{"type", "o.type"}, {"side", "o.side"}, {"industry", "o.industry"},
      {"q", "p.q"}, {"country", "p.country"}};
    const char *zField = e.zField;
    for(size_t k=0; k<sizeof azLabel/sizeof azLabel[0]; k++) if( strcmp(zField, azLabel[k][0])==0 ) zField = T(r, azLabel[k][1]);
    ui_alert(r, b, &e, zField);
    ui_end(r, p);
    return;
  }
  json_t *items = json_object_get(list, "items"), *o;
  size_t i;
  char zN[32], zTotal[96];
  snprintf(zN, sizeof zN, "%lld", (long long)json_integer_value(json_object_get(list, "total")));
  snprintf(zTotal, sizeof zTotal, T(r, "p.count"), zN);
  hp(b, "<p class=\"count\">%s</p>\n", zTotal);
  if( json_array_size(items)==0 ){
    hp(b, "<p class=\"empty\">%s</p>\n", T(r, "o.none"));
  }else{
    hp(b, "<div class=\"table-wrap\"><table class=\"list\" id=\"orgs\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
          "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
       T(r, "o.title"), T(r, "o.type"), T(r, "o.side"), T(r, "p.city"), T(r, "o.industry"));
    json_array_foreach(items, i, o){
      json_t *city = json_object_get(o, "city");
      hp(b, "<tr><td><a href=\"/orgs/%D\">%s</a></td><td>%s</td><td>%s</td><td>%s",
         (int64_t)json_integer_value(json_object_get(o, "id")), ui_name(r, o), ui_label(r, "o.type", jstr(o, "type")),
         ui_label(r, "o.side", jstr(o, "side")),
         json_is_object(city) ? ((strcmp(r->zLang, "zh")==0 && jstr(city, "name_zh")) ? jstr(city, "name_zh") : jstr(city, "name_en")) : "—");
      if( json_is_object(city) ) ui_city_admin1(r, b, city);
      /* Signed-in readers: the review state of one not published (core/review.h). */
      if( jstr(o, "review") && strcmp(jstr(o, "review"), "published")!=0 ){
        hp(b, " ");
        ui_badge(r, b, "review", jstr(o, "review"), "review-");
      }
      hp(b, "</td><td>");
      industry_list_html(r, b, json_object_get(o, "industries"));
      hp(b, "</td></tr>\n");
    }
    hp(b, "</tbody></table></div>\n");
  }
  const char *zNext = jstr(list, "next_cursor");
  if( zNext ) hp(b, "<nav class=\"pager\"><a rel=\"next\" href=\"%s\">%s</a></nav>\n", ui_url_with(r, "cursor", zNext), T(r, "p.next"));
  json_decref(list);
  ui_end(r, p);
}

/* The page of organisation id below its head. */
static void org_page(Req *r, Resp *p, json_t *o, int64_t id){
  Buf *b = &p->body;
  ui_review_box(r, p, REVIEW_ORG, id, o);
  hp(b, "<section class=\"card\"><dl class=\"facts\">\n");
  if( jstr(o, "name_zh") ) hp(b, "<dt>%s</dt><dd>%s</dd>\n", T(r, "o.name_zh"), jstr(o, "name_zh"));
  if( jstr(o, "name_en") ) hp(b, "<dt>%s</dt><dd>%s</dd>\n", T(r, "o.name_en"), jstr(o, "name_en"));
  hp(b, "<dt>%s</dt><dd>%s</dd>\n<dt>%s</dt><dd>%s</dd>\n", T(r, "o.type"), ui_label(r, "o.type", jstr(o, "type")),
     T(r, "o.side"), ui_label(r, "o.side", jstr(o, "side")));
  json_t *city = json_object_get(o, "city");
  if( json_is_object(city) ){
    hp(b, "<dt>%s</dt><dd>%s", T(r, "p.city"),
       (strcmp(r->zLang, "zh")==0 && jstr(city, "name_zh")) ? jstr(city, "name_zh") : jstr(city, "name_en"));
    ui_city_admin1(r, b, city);
    hp(b, " (%s)</dd>\n", jstr(city, "country"));
  }
  if( json_array_size(json_object_get(o, "industries")) ){
    hp(b, "<dt>%s</dt><dd>", T(r, "o.industry"));
    industry_list_html(r, b, json_object_get(o, "industries"));
    hp(b, "</dd>\n");
  }
  if( jstr(o, "website") ) hp(b, "<dt>%s</dt><dd><a href=\"%s\" rel=\"noopener noreferrer\">%s</a></dd>\n",
                              T(r, "o.website"), jstr(o, "website"), jstr(o, "website"));
  if( jstr(o, "description") ) hp(b, "<dt>%s</dt><dd class=\"pre\">%s</dd>\n", T(r, "o.description"), jstr(o, "description"));
  if( jstr(o, "notes") ) hp(b, "<dt>%s</dt><dd class=\"pre\">%s</dd>\n", T(r, "p.notes"), jstr(o, "notes"));
  hp(b, "</dl>\n");
  json_t *x;
  size_t i;
  if( json_array_size(json_object_get(o, "partners")) ){
    hp(b, "<h2>%s</h2><ul class=\"orgs\">\n", T(r, "o.partners"));
    json_array_foreach(json_object_get(o, "partners"), i, x){
      const char *zN = (strcmp(r->zLang, "zh")==0 && jstr(x, "name_zh")) ? jstr(x, "name_zh") : jstr(x, "name_en");
      hp(b, "<li><a href=\"/partners/%D\">%s</a>", (int64_t)json_integer_value(json_object_get(x, "id")), zN);
      if( jstr(x, "role") ) hp(b, " — %s", jstr(x, "role"));
      hp(b, "</li>\n");
    }
    hp(b, "</ul>\n");
  }
  ui_sources(b, json_object_get(o, "sources"), 0, T(r, "p.sources"), 1);
  hp(b, "</section>\n");
  ui_org_offers(r, p, id);
  ui_news_section(r, p, "org", id);
}

/* WEBPAGE: GET /orgs/{id} */
void ui_org_page(Req *r, Resp *p){ rec_page(&recOrg, r, p); }

/* ---------------------------------------------------------------------------
** The record type: its form, and the handlers of its pages and API
*/
static void org_fields(UiForm *fm, const Form *v, const char *zId){
  Req *r = fm->r;
  Buf *b = fm->b;
  (void)zId;
  hp(b, "<div class=\"row\">");
  ui_field(fm, &(UiField){.zName = "name_zh", .zLabel = T(r, "o.name_zh"), .zValue = form_get(v, "name_zh")});
  ui_field(fm, &(UiField){.zName = "name_en", .zLabel = T(r, "o.name_en"), .zValue = form_get(v, "name_en")});
  hp(b, "</div>\n<div class=\"row\">");
  ui_field(fm, &(UiField){.zName = "type", .zLabel = T(r, "o.type"), .zValue = form_get(v, "type"), .eType = UI_SELECT,
    .zPrefix = "o.type", .azEnum = azOrgType});
  ui_field(fm, &(UiField){.zName = "side", .zLabel = T(r, "o.side"), .zValue = form_get(v, "side"), .eType = UI_SELECT,
    .zPrefix = "o.side", .azEnum = azOrgSide});
  hp(b, "</div>\n");
  ui_field(fm, &(UiField){.zName = "city", .zField = "city_id", .zLabel = T(r, "p.city_pick"), .zValue = form_get(v, "city"),
    .zClass = "autocomplete", .xControl = ui_city_input, .pArg = form_get(v, "city_id")});
  ui_field(fm, &(UiField){.zName = "industries", .zLabel = T(r, "o.industries"), .zValue = form_get(v, "industries"),
    .zHint = T(r, "o.industries_hint")});
  ui_field(fm, &(UiField){.zName = "website", .zLabel = T(r, "o.website"), .zValue = form_get(v, "website")});
  ui_field(fm, &(UiField){.zName = "description", .zLabel = T(r, "o.description"), .zValue = form_get(v, "description"),
    .eType = UI_TEXTAREA});
  ui_field(fm, &(UiField){.zName = "partners", .zLabel = T(r, "o.partners"), .eType = UI_GROUP, .pCur = v, .xControl = ui_tie_checks});
  ui_field(fm, &(UiField){.zName = "sources", .zLabel = T(r, "p.sources"), .zValue = form_get(v, "sources"), .eType = UI_TEXTAREA,
    .nRows = 2, .zHint = T(r, "p.sources_hint")});
  ui_review_field(fm, v, zId);
}

/* The input of org_create/update from the form; for an update, empty
** fields clear. Partner ids that are no numbers go as they are, for core
** to name them. */
static json_t *org_input(Req *r, const Form *f, int bUpdate, Err *e, YcStatus *pSt){
  json_t *in = json_object();
  *pSt = YC_OK;
  static const char *const azText[] = {"name_en", "name_zh", "type", "side", "website", "description", 0};
  for(int i=0; azText[i]; i++){
    const char *z = form_get(f, azText[i]);
    if( z ) json_object_set_new(in, azText[i], json_string(z));
    else if( bUpdate && i!=2 && i!=3 ) json_object_set_new(in, azText[i], json_null());
  }
  const char *zCity = form_get(f, "city");
  int64_t cityId = ui_form_city(r, f);
  if( !cityId && zCity ) *pSt = err_set(e, YC_EINVALID, "unknown_city", "city_id", "choose a city from the suggestions");
  if( cityId>0 ) json_object_set_new(in, "city_id", json_integer(cityId));
  else if( bUpdate && !zCity ) json_object_set_new(in, "city_id", json_null());
  json_object_set_new(in, "industries", ui_split(form_get(f, "industries"), ",，;； "));
  json_object_set_new(in, "sources", ui_split(form_get(f, "sources"), "\n"));
  json_t *a = json_array();
  for(int i=0; i<f->n; i++){
    if( strcmp(f->azKey[i], "partners")!=0 ) continue;
    char *zEnd;
    long long v = strtoll(f->azVal[i], &zEnd, 10);
    json_array_append_new(a, *zEnd || v<1 ? json_string(f->azVal[i]) : json_integer(v));
  }
  json_object_set_new(in, "partners", a);
  ui_review_input(f, bUpdate, in);
  return in;
}

static void org_defaults(Req *r, Form *v){
  form_set(r, v, "side", "home");
}

static void org_values(Req *r, json_t *o, Form *v){
  static const char *const az[] = {"name_en", "name_zh", "type", "side", "website", "description", 0};
  for(int i=0; az[i]; i++) form_set(r, v, az[i], jstr(o, az[i]));
  json_t *city = json_object_get(o, "city"), *x;
  if( json_is_object(city) ){
    form_set(r, v, "city", arena_printf(&r->arena, "%s, %s", jstr0(city, "name_en"), jstr0(city, "country")));
    form_set_int(r, v, "city_id", jint(city, "id"));
  }
  form_set_join(r, v, "industries", json_object_get(o, "industries"), 0, ", ");
  form_set_join(r, v, "sources", json_object_get(o, "sources"), 0, "\n");
  size_t i;
  json_array_foreach(json_object_get(o, "partners"), i, x) form_set_int(r, v, "partners", jint(x, "id"));
}

const RecordType recOrg = {
  .zEntity = "org",
  .zBase = "/orgs", .zApi = "/api/v1/orgs", .zNav = "orgs", .eAuth = REC_AUTH_OPTIONAL,
  .zNewTitle = "o.new", .zEditTitle = "p.edit", .zDeleteTitle = "p.delete", .zAsk = "o.confirm_delete",
  .xGet = org_get, .xCreate = org_create, .xUpdate = org_update, .xDelete = org_delete,
  .xName = ui_name, .xPage = org_page, .xDefaults = org_defaults, .xValues = org_values, .xInput = org_input, .xFields = org_fields,
};

/* WEBPAGE: GET /orgs/new */
void ui_org_new(Req *r, Resp *p){ rec_new(&recOrg, r, p); }
/* WEBPAGE: POST /orgs/new */
void ui_org_create(Req *r, Resp *p){ rec_create(&recOrg, r, p); }
/* WEBPAGE: GET /orgs/{id}/edit */
void ui_org_edit(Req *r, Resp *p){ rec_edit(&recOrg, r, p); }
/* WEBPAGE: POST /orgs/{id}/edit */
void ui_org_update(Req *r, Resp *p){ rec_update(&recOrg, r, p); }
/* WEBPAGE: GET /orgs/{id}/delete (asks for confirmation) */
void ui_org_delete_ask(Req *r, Resp *p){ rec_delete_ask(&recOrg, r, p); }
/* WEBPAGE: POST /orgs/{id}/delete */
void ui_org_delete(Req *r, Resp *p){ rec_delete(&recOrg, r, p); }
