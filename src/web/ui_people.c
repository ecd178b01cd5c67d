/*
** ui_people.c: the pages of people (contacts and friends of the city): the
** list with search and filters, a person's page with their history, the
** forms, the erase-on-request confirmation, and /friends. Every page
** needs a signed-in user (anonymous callers go to the login page): core
** (person.h) refuses anyone else. The people pickers of other forms
** (delegations) live here too (ui_people.h).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "web/route.h"
#include "web/ui_people.h"
#include "web/record.h"
#include "base/json.h"
#include "core/person.h"
#include "core/org.h"
#include "core/input.h"

/* ---------------------------------------------------------------------------
** Shared with the delegation pages
*/
const char *uip_person_name(Req *r, const json_t *x){
  if( json_is_true(json_object_get(x, "erased")) ) return T(r, "pe.erased_name");
  const char *zZh = jstr(x, "name_zh"), *zEn = jstr(x, "name_en"), *zNat = jstr(x, "name_native");
  if( ui_zh(r) ) return zZh ? zZh : zEn ? zEn : zNat ? zNat : "";
  return zEn ? zEn : zNat ? zNat : zZh ? zZh : "";
}

void uip_person_link(Req *r, Buf *b, const json_t *x){
  hp(b, "<a href=\"/people/%D\">%s</a>", (int64_t)jint(x, "id"), uip_person_name(r, x));
}

void uip_person_checks(UiForm *fm, const UiField *f){
  Req *r = fm->r;
  json_t *a = 0, *x;
  Err e;
  size_t i;
  if( person_options(&r->ctx, &a, &e) ) a = json_array();
  hp(fm->b, "<div class=\"checks\">");
  json_array_foreach(a, i, x){
    const char *zId = arena_printf(&r->arena, "%lld", jint(x, "id"));
    hp(fm->b, "<label class=\"check\"><input type=\"checkbox\" name=\"%s\" value=\"%s\"%R> %s</label>", f->zName, zId,
       f->pCur && form_has(f->pCur, f->zName, zId) ? " checked" : "", uip_person_name(r, x));
  }
  if( json_array_size(a)==0 ) hp(fm->b, "<span class=\"muted\">%s</span>", T(r, "pe.none_yet"));
  hp(fm->b, "</div>");
  json_decref(a);
}

void uip_person_select(UiForm *fm, const UiField *f){
  Req *r = fm->r;
  json_t *a = 0, *x;
  Err e;
  size_t i;
  if( person_options(&r->ctx, &a, &e) ) a = json_array();
  hp(fm->b, "<select id=\"%s\" name=\"%s\"%R><option value=\"\">%s</option>", f->zName, f->zName, ui_field_aria(fm, f), T(r, "pe.nobody"));
  json_array_foreach(a, i, x){
    const char *zId = arena_printf(&r->arena, "%lld", jint(x, "id"));
    hp(fm->b, "<option value=\"%s\"%R>%s</option>", zId, f->zValue && strcmp(f->zValue, zId)==0 ? " selected" : "", uip_person_name(r, x));
  }
  hp(fm->b, "</select>");
  json_decref(a);
}

/* An xControl: a <select> of every organisation (value f->zValue selected). */
static void org_select(UiForm *fm, const UiField *f){
  Req *r = fm->r;
  json_t *a = 0, *x;
  Err e;
  size_t i;
  if( org_options(&r->ctx, &a, &e) ) a = json_array();
  hp(fm->b, "<select id=\"%s\" name=\"%s\"%R><option value=\"\">%s</option>", f->zName, f->zName, ui_field_aria(fm, f),
     f->zEmpty ? f->zEmpty : T(r, "pe.no_org"));
  json_array_foreach(a, i, x){
    const char *zId = arena_printf(&r->arena, "%lld", jint(x, "id"));
    hp(fm->b, "<option value=\"%s\"%R>%s</option>", zId, f->zValue && strcmp(f->zValue, zId)==0 ? " selected" : "", ui_name(r, x));
  }
  hp(fm->b, "</select>");
  json_decref(a);
}

static void roles_inline(Req *r, Buf *b, json_t *aRole){
  json_t *v;
  size_t i;
  json_array_foreach(aRole, i, v) hp(b, "<span class=\"tag\">%s</span> ", ui_label(r, "pe.role", json_string_value(v)));
}

/* The organisation and city of person x, linked. */
static void affiliation(Req *r, Buf *b, json_t *x){
  json_t *o = json_object_get(x, "org"), *ci = json_object_get(x, "city");
  if( json_is_object(o) ) ui_org_link(r, b, o);
  if( json_is_object(o) && json_is_object(ci) ) hp(b, "<br>");
  if( json_is_object(ci) ){
    const char *zCity = ui_zh(r) ? jstr0(ci, "label_zh") : jstr0(ci, "label_en");
    if( json_is_integer(json_object_get(ci, "tie_id")) ) hp(b, "<a href=\"/partners/%D\">%s</a>", (int64_t)jint(ci, "tie_id"), zCity);
    else hp(b, "%s", zCity);
  }
  if( !json_is_object(o) && !json_is_object(ci) ) hp(b, "<span class=\"muted\">—</span>");
}

/* ---------------------------------------------------------------------------
** The list
*/
static const char *const azListParam[] = {"q", "role", "city", "org", "tie", "sort", "limit", "cursor", "lang", "flash", 0};

/* WEBPAGE: GET /people (sign-in required) */
void ui_people_list(Req *r, Resp *p){
  ui_prepare(r, p);
  if( ui_need_login(r, p) ) return;
  Err e;
  memset(&e, 0, sizeof e);
  PersonQuery q;
  memset(&q, 0, sizeof q);
  for(int i=0; azPersonParam[i]; i++) q.az[i] = ui_param(r, azPersonParam[i]);
  q.bPrev = 1;
  json_t *list = 0;
  YcStatus st = http_check_params(r, azListParam, &e);
  if( !st ) st = person_list(&r->ctx, &q, &list, &e);
  if( st && st!=YC_EINVALID ){ ui_error(r, p, &e); return; }
  if( st ) p->status = 400;
  ui_begin(r, p, T(r, "pe.title"), "people");
  Buf *b = &p->body;
  ui_css(b, "exchange");
  hp(b, "<div class=\"page-head\"><h1>%s</h1><div class=\"head-actions\">", T(r, "pe.title"));
  ui_export_buttons(r, b, "/people");
  if( strcmp(r->zRole, "viewer")!=0 ) hp(b, "<a class=\"button primary\" href=\"/people/new\">%s</a>", T(r, "pe.new"));
  hp(b, "<a class=\"button\" href=\"/friends\">%s</a></div></div>\n", T(r, "nav.friends"));
  ui_flash(r, b);
  hp(b, "<p class=\"note\">%s</p>\n", T(r, "pe.intro"));
  hp(b, "<form class=\"filters\" method=\"get\" action=\"/people\" role=\"search\">\n"
        "<div class=\"field\"><label for=\"q\">%s</label><input id=\"q\" name=\"q\" type=\"search\" value=\"%s\"%R></div>\n",
     T(r, "pe.search"), q.zQ ? q.zQ : "", ui_aria(r, &e, "q", 0, 0));
  hp(b, "<div class=\"field\"><label for=\"role\">%s</label><select id=\"role\" name=\"role\">", T(r, "pe.roles"));
  ui_options(r, b, "pe.role", azPersonRole, q.zRole, T(r, "p.any"));
  hp(b, "</select></div>\n<div class=\"field\"><label for=\"tie\">%s</label>", T(r, "x.tie"));
  ui_tie_select(r, b, "tie", q.zTie ? atoll(q.zTie) : 0, T(r, "p.any"));
  hp(b, "</div>\n<div class=\"field\"><label for=\"org\">%s</label>", T(r, "pe.org"));
  UiForm fm = {.r = r, .b = b, .e = &e};
  org_select(&fm, &(UiField){.zName = "org", .zValue = q.zOrg, .zEmpty = T(r, "p.any")});
  if( q.zCity ) hp(b, "<input type=\"hidden\" name=\"city\" value=\"%s\">", q.zCity);
  hp(b, "</div>\n<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button>"
        " <a class=\"button\" href=\"/people\">%s</a></div>\n</form>\n", T(r, "x.filter"), T(r, "x.reset"));
  if( st ){
    ui_alert(r, b, &e, 0);
    ui_end(r, p);
    return;
  }
  char zCount[96];
  snprintf(zCount, sizeof zCount, T(r, "pe.count"), ui_num(r, jint(list, "total")));
  hp(b, "<p class=\"count\" id=\"count\">%s</p>\n", zCount);
  json_t *items = json_object_get(list, "items"), *x;
  size_t i;
  if( json_array_size(items)==0 ){
    hp(b, "<p class=\"empty\">%s</p>\n", T(r, "pe.none"));
  }else{
    hp(b, "<div class=\"table-wrap\"><table class=\"list stack\" id=\"people\">\n<thead><tr><th scope=\"col\">%s</th>"
          "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
       T(r, "pe.name"), T(r, "pe.position"), T(r, "pe.affiliation"), T(r, "pe.roles"));
    json_array_foreach(items, i, x){
      hp(b, "<tr><td>");
      uip_person_link(r, b, x);
      const char *zOther = ui_zh(r) ? jstr(x, "name_en") : jstr(x, "name_zh");
      if( zOther && strcmp(zOther, uip_person_name(r, x))!=0 ) hp(b, " <span class=\"muted\">%s</span>", zOther);
      hp(b, "</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">", T(r, "pe.position"), jstr0(x, "title"), T(r, "pe.affiliation"));
      affiliation(r, b, x);
      hp(b, "</td><td data-label=\"%s\">", T(r, "pe.roles"));
      roles_inline(r, b, json_object_get(x, "roles"));
      hp(b, "</td></tr>\n");
    }
    hp(b, "</tbody></table></div>\n");
  }
  ui_pager(r, b, list);
  json_decref(list);
  ui_end(r, p);
}

/* What person x took part in: delegations and events, as lists. */
static void history_html(Req *r, Buf *b, json_t *x, int bH3){
  json_t *a = json_object_get(x, "delegations"), *y;
  size_t i;
  hp(b, "%R%s%R\n", bH3 ? "<h3>" : "<h2>", T(r, "pe.delegations"), bH3 ? "</h3>" : "</h2>");
  if( json_array_size(a)==0 ) hp(b, "<p class=\"empty\">%s</p>\n", T(r, "pe.no_delegations"));
  else{
    hp(b, "<ul class=\"changes\">\n");
    json_array_foreach(a, i, y){
      hp(b, "<li>");
      ui_date(r, b, jstr(y, "start"), jstr(y, "start_precision"));
      hp(b, " <a href=\"/delegations/%D\">%s</a> ", (int64_t)jint(y, "id"), ui_pick(r, y, "title_en", "title_zh"));
      ui_badge(r, b, "dg.dir", jstr(y, "direction"), 0);
      if( jstr(y, "role") ) hp(b, " <span class=\"muted\">%s</span>", jstr0(y, "role"));
      hp(b, "</li>\n");
    }
    hp(b, "</ul>\n");
  }
  a = json_object_get(x, "events");
  hp(b, "%R%s%R\n", bH3 ? "<h3>" : "<h2>", T(r, "pe.events"), bH3 ? "</h3>" : "</h2>");
  if( json_array_size(a)==0 ) hp(b, "<p class=\"empty\">%s</p>\n", T(r, "pe.no_events"));
  else{
    hp(b, "<ul class=\"changes\">\n");
    json_array_foreach(a, i, y){
      hp(b, "<li>");
      ui_date(r, b, jstr(y, "start"), jstr(y, "start_precision"));
      hp(b, " <a href=\"/events/%D\">%s</a> <span class=\"muted\">%s</span></li>\n", (int64_t)jint(y, "id"),
         ui_pick(r, y, "title_en", "title_zh"), ui_label(r, "pe.inv", jstr(y, "invitation")));
    }
    hp(b, "</ul>\n");
  }
}

/* The page of person id below its head. */
static void person_page(Req *r, Resp *p, json_t *x, int64_t id){
  Buf *b = &p->body;
  int bErased = json_is_true(json_object_get(x, "erased"));
  hp(b, "<div class=\"cols\"><section class=\"card\">");
  if( bErased ){
    hp(b, "<p class=\"note\" id=\"erased\">%s <time>%s</time></p>\n", T(r, "pe.erased_note"), jstr0(x, "erased_at"));
  }else{
    hp(b, "<dl class=\"facts\">\n");
    static const char *const azName[][2] = {{"name_zh", "pe.name_zh"}, {"name_en", "pe.name_en"}, {"name_native", "pe.name_native"},
      {"title", "pe.position"}};
    for(int i=0; i<4; i++){
      if( jstr(x, azName[i][0]) ) hp(b, "<dt>%s</dt><dd>%s</dd>\n", T(r, azName[i][1]), jstr0(x, azName[i][0]));
    }
    hp(b, "<dt>%s</dt><dd>", T(r, "pe.affiliation"));
    affiliation(r, b, x);
    hp(b, "</dd>\n<dt>%s</dt><dd>", T(r, "pe.roles"));
    roles_inline(r, b, json_object_get(x, "roles"));
    hp(b, "</dd>\n");
    json_t *v;
    size_t i;
    if( json_array_size(json_object_get(x, "languages")) ){
      hp(b, "<dt>%s</dt><dd>", T(r, "pe.languages"));
      json_array_foreach(json_object_get(x, "languages"), i, v) hp(b, "<span class=\"tag\">%s</span> ", json_string_value(v));
      hp(b, "</dd>\n");
    }
    if( jstr(x, "email") ) hp(b, "<dt>%s</dt><dd><a href=\"mailto:%s\">%s</a></dd>\n", T(r, "pe.email"), jstr0(x, "email"), jstr0(x, "email"));
    if( jstr(x, "phone") ) hp(b, "<dt>%s</dt><dd>%s</dd>\n", T(r, "pe.phone"), jstr0(x, "phone"));
    if( jstr(x, "address") ) hp(b, "<dt>%s</dt><dd class=\"pre\">%s</dd>\n", T(r, "pe.address"), jstr0(x, "address"));
    if( jstr(x, "friend_since") ){
      hp(b, "<dt>%s</dt><dd>", T(r, "pe.friend_since"));
      ui_date(r, b, jstr(x, "friend_since"), jstr(x, "friend_since_precision"));
      hp(b, "</dd>\n");
    }
    if( jstr(x, "notes") ) hp(b, "<dt>%s</dt><dd class=\"pre\">%s</dd>\n", T(r, "pe.notes"), jstr0(x, "notes"));
    hp(b, "</dl>\n");
    ui_sources(b, json_object_get(x, "sources"), 0, T(r, "x.sources"), 1);
    hp(b, "<p class=\"hint\">%s</p>\n", T(r, "pe.private_note"));
    if( strcmp(r->zRole, "viewer")!=0 ){
      hp(b, "<p><a class=\"button danger\" id=\"erase\" href=\"/people/%D/erase\">%s</a></p>\n", id, T(r, "pe.erase"));
    }
  }
  hp(b, "</section>\n<section class=\"card\">");
  history_html(r, b, x, 0);
  hp(b, "</section></div>\n");
}

/* Edit and delete pages refuse an erased person (nothing left to change). */
static YcStatus person_editable(json_t *x, Err *e){
  if( json_is_true(json_object_get(x, "erased")) )
    return err_set(e, YC_ECONFLICT, "erased", "id", "this person was erased on request");
  return YC_OK;
}

static const char *person_title(Req *r, const json_t *x){ return uip_person_name(r, x); }

static const char *person_sub(Req *r, const json_t *x){
  if( json_is_true(json_object_get(x, "erased")) ) return "";
  const char *z = ui_zh(r) ? jstr(x, "name_en") : jstr(x, "name_zh");
  if( !z || strcmp(z, uip_person_name(r, x))==0 ) z = jstr(x, "name_native");
  return z ? z : "";
}

/* ---------------------------------------------------------------------------
** Forms
*/
static void person_fields(UiForm *fm, const Form *v, const char *zId){
  Req *r = fm->r;
  Buf *b = fm->b;
  (void)zId;
  hp(b, "<div class=\"row\">");
  ui_field(fm, &(UiField){.zName = "name_zh", .zLabel = T(r, "pe.name_zh"), .zValue = form_get(v, "name_zh")});
  ui_field(fm, &(UiField){.zName = "name_en", .zLabel = T(r, "pe.name_en"), .zValue = form_get(v, "name_en"), .zHint = T(r, "pe.name_hint")});
  ui_field(fm, &(UiField){.zName = "name_native", .zLabel = T(r, "pe.name_native"), .zValue = form_get(v, "name_native")});
  hp(b, "</div>\n");
  ui_field(fm, &(UiField){.zName = "title", .zLabel = T(r, "pe.position"), .zValue = form_get(v, "title")});
  hp(b, "<div class=\"row\">");
  ui_field(fm, &(UiField){.zName = "org_id", .zLabel = T(r, "pe.org"), .zValue = form_get(v, "org_id"), .xControl = org_select});
  ui_field(fm, &(UiField){.zName = "city", .zField = "city_id", .zLabel = T(r, "pe.city"), .zValue = form_get(v, "city"),
    .zClass = "autocomplete", .xControl = ui_city_input, .pArg = form_get(v, "city_id")});
  hp(b, "</div>\n");
  ui_field(fm, &(UiField){.zName = "roles", .zLabel = T(r, "pe.roles"), .eType = UI_GROUP, .zPrefix = "pe.role",
    .azEnum = azPersonRole, .pCur = v});
  hp(b, "<div class=\"row\">");
  ui_field(fm, &(UiField){.zName = "languages", .zLabel = T(r, "pe.languages"), .zValue = form_get(v, "languages"),
    .zPlaceholder = "zh, en", .zHint = T(r, "pe.languages_hint")});
  ui_field(fm, &(UiField){.zName = "friend_since", .zLabel = T(r, "pe.friend_since"), .zValue = form_get(v, "friend_since"),
    .zPlaceholder = "YYYY", .zHint = T(r, "pe.friend_since_hint")});
  hp(b, "</div>\n<div class=\"row\">");
  ui_field(fm, &(UiField){.zName = "email", .zLabel = T(r, "pe.email"), .zValue = form_get(v, "email")});
  ui_field(fm, &(UiField){.zName = "phone", .zLabel = T(r, "pe.phone"), .zValue = form_get(v, "phone"), .zPlaceholder = "+86 531 ..."});
  hp(b, "</div>\n");
  ui_field(fm, &(UiField){.zName = "address", .zLabel = T(r, "pe.address"), .zValue = form_get(v, "address"), .eType = UI_TEXTAREA, .nRows = 2});
  ui_field(fm, &(UiField){.zName = "notes", .zLabel = T(r, "pe.notes"), .zValue = form_get(v, "notes"), .eType = UI_TEXTAREA, .nRows = 3});
  ui_field(fm, &(UiField){.zName = "sources", .zLabel = T(r, "x.sources"), .zValue = form_get(v, "sources"), .eType = UI_TEXTAREA,
    .zHint = T(r, "x.lines_hint")});
}

static json_t *person_input(Req *r, const Form *f, int bUpdate, Err *e, YcStatus *pSt){
  json_t *in = json_object();
  *pSt = YC_OK;
  static const char *const azText[] = {"name_zh", "name_en", "name_native", "title", "email", "phone", "address",
    "friend_since", "notes", 0};
  for(int i=0; azText[i]; i++){
    const char *z = form_get(f, azText[i]);
    if( z ) json_object_set_new(in, azText[i], json_string(z));
    else if( bUpdate ) json_object_set_new(in, azText[i], json_null());
  }
  const char *zOrg = form_get(f, "org_id");
  if( zOrg ){
    long long v;
    if( in_parse_int(zOrg, 1, INT64_MAX, &v) ) *pSt = err_set(e, YC_EINVALID, "wrong_type", "org_id", "choose an organisation");
    else json_object_set_new(in, "org_id", json_integer(v));
  }else if( bUpdate ) json_object_set_new(in, "org_id", json_null());
  const char *zCity = form_get(f, "city");
  int64_t cityId = zCity ? ui_form_city(r, f) : 0;
  if( !cityId && zCity && !*pSt ) *pSt = err_set(e, YC_EINVALID, "unknown_city", "city_id", "choose a city from the suggestions");
  if( cityId>0 ) json_object_set_new(in, "city_id", json_integer(cityId));
  else if( bUpdate && !zCity ) json_object_set_new(in, "city_id", json_null());
  json_object_set_new(in, "languages", ui_split(form_get(f, "languages"), ",，;； "));
  json_t *a = json_array();
  for(int i=0; i<f->n; i++){
    if( strcmp(f->azKey[i], "roles")==0 && f->azVal[i][0] ) json_array_append_new(a, json_string(f->azVal[i]));
  }
  json_object_set_new(in, "roles", a);
  json_object_set_new(in, "sources", ui_split(form_get(f, "sources"), "\n"));
  return in;
}

static void person_values(Req *r, json_t *x, Form *v){
  static const char *const az[] = {"name_zh", "name_en", "name_native", "title", "email", "phone", "address",
    "friend_since", "notes", 0};
  for(int i=0; az[i]; i++) form_set(r, v, az[i], jstr(x, az[i]));
  json_t *o = json_object_get(x, "org"), *ci = json_object_get(x, "city"), *y;
  if( json_is_object(o) ) form_set_int(r, v, "org_id", jint(o, "id"));
  if( json_is_object(ci) ){
    form_set(r, v, "city", arena_printf(&r->arena, "%s, %s", jstr0(ci, "name_en"), jstr0(ci, "country")));
    form_set_int(r, v, "city_id", jint(ci, "id"));
  }
  form_set_join(r, v, "languages", json_object_get(x, "languages"), 0, ", ");
  size_t i;
  json_array_foreach(json_object_get(x, "roles"), i, y) form_set(r, v, "roles", json_string_value(y));
  form_set_join(r, v, "sources", json_object_get(x, "sources"), 0, "\n");
}

const RecordType recPerson = {
  .zEntity = "person",
  .zBase = "/people", .zApi = "/api/v1/people", .zNav = "people", .zCss = "exchange", .eAuth = REC_AUTH_REQUIRED,
  .zNewTitle = "pe.new", .zEditTitle = "pe.edit", .zDeleteTitle = "x.delete", .zAsk = "pe.confirm_delete",
  .xGet = person_get, .xCreate = person_create, .xUpdate = person_update, .xDelete = person_delete,
  .xName = person_title, .xSub = person_sub, .zBack = "pe.back", .xPage = person_page, .xValues = person_values,
  .xInput = person_input, .xFields = person_fields, .xEditable = person_editable,
};

/* WEBPAGE: GET /people/{id} (sign-in required) */
void ui_person_page(Req *r, Resp *p){ rec_page(&recPerson, r, p); }
/* WEBPAGE: GET /people/new */
void ui_person_new(Req *r, Resp *p){ rec_new(&recPerson, r, p); }
/* WEBPAGE: POST /people/new */
void ui_person_create(Req *r, Resp *p){ rec_create(&recPerson, r, p); }
/* WEBPAGE: GET /people/{id}/edit */
void ui_person_edit(Req *r, Resp *p){ rec_edit(&recPerson, r, p); }
/* WEBPAGE: POST /people/{id}/edit */
void ui_person_update(Req *r, Resp *p){ rec_update(&recPerson, r, p); }
/* WEBPAGE: GET /people/{id}/delete (asks for confirmation) */
void ui_person_delete_ask(Req *r, Resp *p){ rec_delete_ask(&recPerson, r, p); }
/* WEBPAGE: POST /people/{id}/delete */
void ui_person_delete(Req *r, Resp *p){ rec_delete(&recPerson, r, p); }

/* WEBPAGE: GET /people/{id}/erase (asks for confirmation; admin and editor) */
void ui_person_erase_ask(Req *r, Resp *p){
  static const char *const azParam[] = {"lang", 0};
  ui_prepare(r, p);
  if( ui_need_login(r, p) ) return;
  Err e;
  int64_t id = 0;
  json_t *x = 0;
  YcStatus st = http_check_params(r, azParam, &e);
  if( !st ) st = http_arg_id(r, 0, &id, &e);
  if( !st ) st = person_get(&r->ctx, id, &x, &e);
  if( !st ) st = person_editable(x, &e);
  if( !st && strcmp(r->zRole, "viewer")==0 ) st = err_set(&e, YC_EFORBIDDEN, "forbidden", 0, "viewers cannot change data");
  if( st ){ json_decref(x); ui_error(r, p, &e); return; }
  ui_begin(r, p, T(r, "pe.erase"), "people");
  Buf *b = &p->body;
  char zAsk[600];
  snprintf(zAsk, sizeof zAsk, T(r, "pe.confirm_erase"), uip_person_name(r, x));
  hp(b, "<section class=\"card\"><h1>%s</h1>\n<p>%s</p>\n<p class=\"hint\">%s</p>\n", T(r, "pe.erase"), zAsk, T(r, "pe.erase_explain"));
  hp(b, "<form method=\"post\" action=\"/people/%D/erase\">", id);
  ui_csrf_field(r, p);
  hp(b, "<div class=\"actions\"><button type=\"submit\" class=\"danger\" id=\"confirm-erase\">%s</button>"
        " <a class=\"button\" href=\"/people/%D\">%s</a></div></form></section>\n", T(r, "pe.erase"), id, T(r, "p.cancel"));
  json_decref(x);
  ui_end(r, p);
}

/* WEBPAGE: POST /people/{id}/erase */
void ui_person_erase(Req *r, Resp *p){
  Form f;
  Err e;
  int64_t id = 0;
  json_t *x = 0;
  if( ui_post(r, p, &f, &id, &e) ) return;
  if( person_erase(&r->ctx, id, &x, &e) ){ ui_error(r, p, &e); return; }
  json_decref(x);
  ui_redirect(p, arena_printf(&r->arena, "/people/%lld?flash=erased", (long long)id));
}

/* WEBPAGE: GET /friends (friends of the city with their history; sign-in required) */
void ui_friends_page(Req *r, Resp *p){
  static const char *const azParam[] = {"lang", 0};
  ui_prepare(r, p);
  if( ui_need_login(r, p) ) return;
  Err e;
  PersonQuery q;
  memset(&q, 0, sizeof q);
  q.zRole = "friend";
  q.zSort = "friend_since";
  q.zLimit = "500";
  q.bHistory = 1;
  json_t *list = 0;
  YcStatus st = http_check_params(r, azParam, &e);
  if( !st ) st = person_list(&r->ctx, &q, &list, &e);
  if( st ){ ui_error(r, p, &e); return; }
  ui_begin(r, p, T(r, "fr.title"), "people");
  Buf *b = &p->body;
  ui_css(b, "exchange");
  hp(b, "<div class=\"page-head\"><h1>%s</h1><div class=\"head-actions\"><a class=\"button\" href=\"/people\">%s</a></div></div>\n",
     T(r, "fr.title"), T(r, "pe.title"));
  hp(b, "<p class=\"note\">%s</p>\n", T(r, "fr.intro"));
  json_t *items = json_object_get(list, "items"), *x;
  size_t i;
  char zCount[96];
  snprintf(zCount, sizeof zCount, T(r, "fr.count"), ui_num(r, jint(list, "total")));
  hp(b, "<p class=\"count\" id=\"count\">%s</p>\n", zCount);
  if( json_array_size(items)==0 ) hp(b, "<p class=\"empty\">%s</p>\n", T(r, "fr.none"));
  hp(b, "<div class=\"cards\" id=\"friends\">\n");
  json_array_foreach(items, i, x){
    hp(b, "<section class=\"card friend\"><h2>");
    uip_person_link(r, b, x);
    hp(b, "</h2><p class=\"muted\">%s</p><dl class=\"facts\"><dt>%s</dt><dd>", jstr0(x, "title"), T(r, "pe.friend_since"));
    ui_date(r, b, jstr(x, "friend_since"), jstr(x, "friend_since_precision"));
    hp(b, "</dd><dt>%s</dt><dd>", T(r, "pe.affiliation"));
    affiliation(r, b, x);
    hp(b, "</dd></dl>\n");
    history_html(r, b, x, 1);
    hp(b, "</section>\n");
  }
  hp(b, "</div>\n");
  json_decref(list);
  ui_end(r, p);
}

/* The people of tie id for the partner page (signed-in users only;
** nothing for others). */
void uip_tie_people(Req *r, Buf *b, int64_t tieId){
  if( !ctx_signed_in(&r->ctx) ) return;
  PersonQuery q;
  memset(&q, 0, sizeof q);
  char zTie[24];
  snprintf(zTie, sizeof zTie, "%lld", (long long)tieId);
  q.zTie = zTie;
  q.zLimit = "50";
  json_t *list = 0, *x;
  Err e;
  size_t i;
  if( person_list(&r->ctx, &q, &list, &e) ) return;
  hp(b, "<section class=\"card\" id=\"tie-people\"><h2>%s</h2>\n", T(r, "pe.of_tie"));
  json_t *items = json_object_get(list, "items");
  if( json_array_size(items)==0 ) hp(b, "<p class=\"empty\">%s</p>\n", T(r, "pe.none"));
  else{
    hp(b, "<ul class=\"changes\">\n");
    json_array_foreach(items, i, x){
      hp(b, "<li>");
      uip_person_link(r, b, x);
      if( jstr(x, "title") ) hp(b, " <span class=\"muted\">%s</span>", jstr0(x, "title"));
      hp(b, " ");
      roles_inline(r, b, json_object_get(x, "roles"));
      hp(b, "</li>\n");
    }
    hp(b, "</ul>\n");
  }
  hp(b, "<p><a href=\"/people?tie=%D\">%s</a></p></section>\n", tieId, T(r, "pe.all_of_tie"));
  json_decref(list);
}
