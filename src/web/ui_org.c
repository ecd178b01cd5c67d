/*
** ui_org.c: the organisation pages: list with filters, detail, add/edit
** forms and delete. All call the core functions of org.c.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "web/route.h"
#include "web/ui.h"
#include "core/org.h"
#include "core/vocab.h"
#include "core/partner.h"
#include "core/city.h"
#include "web/ui_match.h"
#include "base/json.h"

static const char *org_name(Req *r, json_t *o){
  const char *zZh = jstr(o, "name_zh"), *zEn = jstr(o, "name_en");
  if( strcmp(r->zLang, "zh")==0 ) return zZh ? zZh : (zEn ? zEn : "");
  return zEn ? zEn : (zZh ? zZh : "");
}

static void opts(Req *r, Buf *b, const char *zPrefix, const char *const *az, const char *zCur, int bAny){
  if( bAny ) hp(b, "<option value=\"\">%s</option>", T(r, "p.any"));
  for(int i=0; az[i]; i++){
    hp(b, "<option value=\"%s\"%R>%s</option>", az[i], zCur && strcmp(zCur, az[i])==0 ? " selected" : "",
       ui_label(r, zPrefix, az[i]));
  }
}

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
  if( r->zUser ) hp(b, "<a class=\"button primary\" href=\"/orgs/new\">%s</a>", T(r, "o.new"));
  hp(b, "</div></div>\n");
  const char *zFlash = http_param(r, "flash");
  if( zFlash && strcmp(zFlash, "deleted")==0 ) hp(b, "<p class=\"flash\" role=\"status\">%s</p>\n", T(r, "flash.deleted"));
  hp(b, "<form class=\"filters\" method=\"get\" action=\"/orgs\" role=\"search\">\n"
        "<div class=\"field grow\"><label for=\"q\">%s</label><input id=\"q\" name=\"q\" type=\"search\" value=\"%s\"></div>\n"
        "<div class=\"field\"><label for=\"type\">%s</label><select id=\"type\" name=\"type\">",
     T(r, "p.q"), q.zQ ? q.zQ : "", T(r, "o.type"));
  opts(r, b, "o.type", azOrgType, q.zType, 1);
  hp(b, "</select></div>\n<div class=\"field\"><label for=\"side\">%s</label><select id=\"side\" name=\"side\">", T(r, "o.side"));
  opts(r, b, "o.side", azOrgSide, q.zSide, 1);
  hp(b, "</select></div>\n<div class=\"field small\"><label for=\"industry\">%s</label>"
        "<input id=\"industry\" name=\"industry\" value=\"%s\" placeholder=\"C, 26\"></div>\n"
        "<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button> <a class=\"button\" href=\"/orgs\">%s</a></div>\n</form>\n",
     T(r, "o.industry"), q.zIndustry ? q.zIndustry : "", T(r, "p.filter"), T(r, "p.reset"));
  if( st ){
    static const char *const azLabel[][2] = {{"type", "o.type"}, {"side", "o.side"}, {"industry", "o.industry"},
      {"q", "p.q"}, {"country", "p.country"}};
    const char *zField = e.zField;
    for(size_t k=0; k<sizeof azLabel/sizeof azLabel[0]; k++) if( strcmp(zField, azLabel[k][0])==0 ) zField = T(r, azLabel[k][1]);
    hp(b, "<p class=\"alert\" role=\"alert\">%s: %s</p>\n", zField, ui_err_text(r, &e));
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
      hp(b, "<tr><td><a href=\"/orgs/%D\">%s</a></td><td>%s</td><td>%s</td><td>%s</td><td>",
         (int64_t)json_integer_value(json_object_get(o, "id")), org_name(r, o), ui_label(r, "o.type", jstr(o, "type")),
         ui_label(r, "o.side", jstr(o, "side")),
         json_is_object(city) ? ((strcmp(r->zLang, "zh")==0 && jstr(city, "name_zh")) ? jstr(city, "name_zh") : jstr(city, "name_en")) : "—");
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

/* WEBPAGE: GET /orgs/{id} */
void ui_org_page(Req *r, Resp *p){
  static const char *const azParam[] = {"lang", "flash", 0};
  ui_prepare(r, p);
  Err e;
  int64_t id = 0;
  json_t *o = 0;
  YcStatus st = http_check_params(r, azParam, &e);
  if( !st ) st = http_arg_id(r, 0, &id, &e);
  if( !st ) st = org_get(&r->ctx, id, &o, &e);
  if( st ){ ui_error(r, p, &e); return; }
  ui_begin(r, p, org_name(r, o), "orgs");
  Buf *b = &p->body;
  const char *zFlash = http_param(r, "flash");
  if( zFlash && (strcmp(zFlash, "saved")==0 || strcmp(zFlash, "created")==0) )
    hp(b, "<p class=\"flash\" role=\"status\">%s</p>\n", T(r, strcmp(zFlash, "saved")==0 ? "flash.saved" : "flash.created"));
  hp(b, "<div class=\"page-head\"><h1>%s</h1><div class=\"head-actions\">", org_name(r, o));
  if( r->zUser ) hp(b, "<a class=\"button\" href=\"/orgs/%D/edit\">%s</a> <a class=\"button danger\" href=\"/orgs/%D/delete\">%s</a>",
                    id, T(r, "p.edit"), id, T(r, "p.delete"));
  hp(b, "</div></div>\n<section class=\"card\"><dl class=\"facts\">\n");
  if( jstr(o, "name_zh") ) hp(b, "<dt>%s</dt><dd>%s</dd>\n", T(r, "o.name_zh"), jstr(o, "name_zh"));
  if( jstr(o, "name_en") ) hp(b, "<dt>%s</dt><dd>%s</dd>\n", T(r, "o.name_en"), jstr(o, "name_en"));
  hp(b, "<dt>%s</dt><dd>%s</dd>\n<dt>%s</dt><dd>%s</dd>\n", T(r, "o.type"), ui_label(r, "o.type", jstr(o, "type")),
     T(r, "o.side"), ui_label(r, "o.side", jstr(o, "side")));
  json_t *city = json_object_get(o, "city");
  if( json_is_object(city) ){
    hp(b, "<dt>%s</dt><dd>%s (%s)</dd>\n", T(r, "p.city"),
       (strcmp(r->zLang, "zh")==0 && jstr(city, "name_zh")) ? jstr(city, "name_zh") : jstr(city, "name_en"), jstr(city, "country"));
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
  if( json_array_size(json_object_get(o, "sources")) ){
    hp(b, "<h2>%s</h2><ol class=\"sources\">\n", T(r, "p.sources"));
    json_array_foreach(json_object_get(o, "sources"), i, x){
      hp(b, "<li>");
      ui_source(b, json_string_value(x));
      hp(b, "</li>\n");
    }
    hp(b, "</ol>\n");
  }
  hp(b, "</section>\n");
  ui_org_offers(r, p, id);
  json_decref(o);
  ui_end(r, p);
}

typedef struct OrgForm {
  const char *zNameEn, *zNameZh, *zType, *zSide, *zCity, *zCityId, *zWebsite, *zDesc, *zNotes, *zInd, *zSources;
  json_t *aPartner;   /* selected tie ids (borrowed) */
} OrgForm;

static void field_error(Req *r, Buf *b, const Err *e, const char *zField){
  if( !e || e->st==YC_OK || strcmp(e->zField, zField)!=0 ) return;
  hp(b, "<p class=\"field-error\" id=\"err-%s\">%s</p>", zField, ui_err_text(r, e));
}

static void text_field(Req *r, Buf *b, const char *zName, const char *zLabelKey, const char *zVal, const Err *e){
  int bBad = e && e->st && strcmp(e->zField, zName)==0;
  hp(b, "<div class=\"field\"><label for=\"%s\">%s</label><input id=\"%s\" name=\"%s\" value=\"%s\"%R>",
     zName, T(r, zLabelKey), zName, zName, zVal ? zVal : "",
     bBad ? arena_printf(&r->arena, " aria-invalid=\"true\" aria-describedby=\"err-%s\"", zName) : "");
  field_error(r, b, e, zName);
  hp(b, "</div>\n");
}

static void org_form(Req *r, Resp *p, int64_t id, const OrgForm *f, const Err *e){
  const char *zTitle = id ? T(r, "p.edit") : T(r, "o.new");
  ui_begin(r, p, zTitle, "orgs");
  Buf *b = &p->body;
  hp(b, "<h1>%s</h1>\n", zTitle);
  if( e && e->st ) hp(b, "<p class=\"alert\" role=\"alert\">%s</p>\n", T(r, "p.errors"));
  if( id ) hp(b, "<form method=\"post\" action=\"/orgs/%D/edit\" class=\"form\" novalidate>\n", id);
  else hp(b, "<form method=\"post\" action=\"/orgs/new\" class=\"form\" novalidate>\n");
  ui_csrf_field(r, p);
  hp(b, "<div class=\"row\">");
  text_field(r, b, "name_zh", "o.name_zh", f->zNameZh, e);
  text_field(r, b, "name_en", "o.name_en", f->zNameEn, e);
  hp(b, "</div>\n<div class=\"row\"><div class=\"field\"><label for=\"type\">%s</label><select id=\"type\" name=\"type\">", T(r, "o.type"));
  opts(r, b, "o.type", azOrgType, f->zType, 0);
  hp(b, "</select>");
  field_error(r, b, e, "type");
  hp(b, "</div><div class=\"field\"><label for=\"side\">%s</label><select id=\"side\" name=\"side\">", T(r, "o.side"));
  opts(r, b, "o.side", azOrgSide, f->zSide, 0);
  hp(b, "</select>");
  field_error(r, b, e, "side");
  hp(b, "</div></div>\n<div class=\"field autocomplete\"><label for=\"city\">%s</label>"
        "<input id=\"city\" name=\"city\" value=\"%s\" autocomplete=\"off\" data-autocomplete=\"/api/v1/cities\">"
        "<input type=\"hidden\" id=\"city_id\" name=\"city_id\" value=\"%s\">",
     T(r, "p.city_pick"), f->zCity ? f->zCity : "", f->zCityId ? f->zCityId : "");
  field_error(r, b, e, "city_id");
  hp(b, "</div>\n");
  text_field(r, b, "industries", "o.industries", f->zInd, e);
  hp(b, "<p class=\"hint\">%s</p>\n", T(r, "o.industries_hint"));
  text_field(r, b, "website", "o.website", f->zWebsite, e);
  hp(b, "<div class=\"field\"><label for=\"description\">%s</label><textarea id=\"description\" name=\"description\" rows=\"3\">%s</textarea>",
     T(r, "o.description"), f->zDesc ? f->zDesc : "");
  field_error(r, b, e, "description");
  hp(b, "</div>\n<fieldset class=\"field\"><legend>%s</legend><div class=\"checks\">", T(r, "o.partners"));
  PartnerQuery q;
  memset(&q, 0, sizeof q);
  q.zLimit = "500";
  q.zSort = "name";
  json_t *list = 0;
  Err e2;
  if( partner_list(&r->ctx, &q, &list, &e2)==YC_OK ){
    json_t *t, *x;
    size_t i, k;
    json_array_foreach(json_object_get(list, "items"), i, t){
      int64_t tid = json_integer_value(json_object_get(t, "id"));
      int bOn = 0;
      json_array_foreach(f->aPartner, k, x) if( json_integer_value(x)==tid ) bOn = 1;
      json_t *city = json_object_get(t, "city");
      const char *zN = (strcmp(r->zLang, "zh")==0 && jstr(city, "name_zh")) ? jstr(city, "name_zh") : jstr(city, "name_en");
      hp(b, "<label class=\"check\"><input type=\"checkbox\" name=\"partners\" value=\"%D\"%R> %s</label>", tid, bOn ? " checked" : "", zN);
    }
    json_decref(list);
  }
  hp(b, "</div>");
  field_error(r, b, e, "partners");
  hp(b, "</fieldset>\n<div class=\"field\"><label for=\"sources\">%s</label><textarea id=\"sources\" name=\"sources\" rows=\"2\">%s</textarea>"
        "<p class=\"hint\">%s</p>", T(r, "p.sources"), f->zSources ? f->zSources : "", T(r, "p.sources_hint"));
  field_error(r, b, e, "sources");
  hp(b, "</div>\n<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button> <a class=\"button\" href=\"%s\">%s</a></div>\n</form>\n",
     T(r, "p.save"), id ? arena_printf(&r->arena, "/orgs/%lld", (long long)id) : "/orgs", T(r, "p.cancel"));
  ui_end(r, p);
}

/* Split s by any of zSep into a JSON array of trimmed, non-empty strings. */
static json_t *split(const char *z, const char *zSep){
  json_t *a = json_array();
  while( z && *z ){
    size_t n = strcspn(z, zSep);
    const char *s = z;
    size_t k = n;
    while( k && (*s==' ' || *s=='\t') ){ s++; k--; }
    while( k && (s[k-1]==' ' || s[k-1]=='\t') ) k--;
    if( k ) json_array_append_new(a, json_stringn(s, k));
    z += n + (z[n] ? 1 : 0);
  }
  return a;
}

static json_t *form_partners(const Form *f){
  json_t *a = json_array();
  for(int i=0; i<f->n; i++){
    if( strcmp(f->azKey[i], "partners")!=0 ) continue;
    char *zEnd;
    long long v = strtoll(f->azVal[i], &zEnd, 10);
    json_array_append_new(a, *zEnd || v<1 ? json_string(f->azVal[i]) : json_integer(v));
  }
  return a;
}

static json_t *org_form_json(Req *r, const Form *f, int bUpdate, Err *e, YcStatus *pSt){
  json_t *in = json_object();
  *pSt = YC_OK;
  static const char *const azText[] = {"name_en", "name_zh", "type", "side", "website", "description", 0};
  for(int i=0; azText[i]; i++){
    const char *z = form_get(f, azText[i]);
    if( z ) json_object_set_new(in, azText[i], json_string(z));
    else if( bUpdate && i!=2 && i!=3 ) json_object_set_new(in, azText[i], json_null());
  }
  const char *zId = form_get(f, "city_id"), *zCity = form_get(f, "city");
  int64_t cityId = zId ? strtoll(zId, 0, 10) : 0;
  if( cityId<=0 && zCity ){
    const char *zComma = strrchr(zCity, ',');
    cityId = city_resolve(&r->ctx, zCity, 0);
    if( !cityId && zComma ){
      const char *zCc = zComma + 1;
      while( *zCc==' ' ) zCc++;
      cityId = city_resolve(&r->ctx, arena_strndup(&r->arena, zCity, (size_t)(zComma - zCity)), strlen(zCc)==2 ? zCc : 0);
    }
    if( !cityId ) *pSt = err_set(e, YC_EINVALID, "unknown_city", "city_id", "choose a city from the suggestions");
  }
  if( cityId>0 ) json_object_set_new(in, "city_id", json_integer(cityId));
  else if( bUpdate && !zCity ) json_object_set_new(in, "city_id", json_null());
  json_object_set_new(in, "industries", split(form_get(f, "industries"), ",，;； "));
  json_object_set_new(in, "sources", split(form_get(f, "sources"), "\n"));
  json_object_set_new(in, "partners", form_partners(f));
  return in;
}

static void org_form_from_input(const Form *f, OrgForm *of, json_t *aPartner){
  memset(of, 0, sizeof *of);
  of->zNameEn = form_get(f, "name_en");
  of->zNameZh = form_get(f, "name_zh");
  of->zType = form_get(f, "type");
  of->zSide = form_get(f, "side");
  of->zCity = form_get(f, "city");
  of->zCityId = form_get(f, "city_id");
  of->zWebsite = form_get(f, "website");
  of->zDesc = form_get(f, "description");
  of->zInd = form_get(f, "industries");
  of->zSources = form_get(f, "sources");
  of->aPartner = aPartner;
}

/* WEBPAGE: GET /orgs/new */
void ui_org_new(Req *r, Resp *p){
  ui_prepare(r, p);
  if( ui_need_login(r, p) ) return;
  OrgForm f;
  memset(&f, 0, sizeof f);
  f.zSide = "home";
  org_form(r, p, 0, &f, 0);
}

/* WEBPAGE: POST /orgs/new */
void ui_org_create(Req *r, Resp *p){
  ui_prepare(r, p);
  Form f;
  Err e;
  memset(&e, 0, sizeof e);
  YcStatus st = form_parse(r, &f, 1, &e);
  if( st==YC_EAUTH ){ ui_need_login(r, p); return; }
  if( st ){ ui_error(r, p, &e); return; }
  json_t *in = org_form_json(r, &f, 0, &e, &st), *out = 0;
  if( !st ) st = org_create(&r->ctx, in, &out, &e);
  if( st ){
    OrgForm of;
    org_form_from_input(&f, &of, json_object_get(in, "partners"));
    p->status = err_http_status(st);
    org_form(r, p, 0, &of, &e);
    json_decref(in);
    return;
  }
  json_decref(in);
  ui_redirect(p, arena_printf(&r->arena, "/orgs/%lld?flash=created", (long long)json_integer_value(json_object_get(out, "id"))));
  json_decref(out);
}

/* WEBPAGE: GET /orgs/{id}/edit */
void ui_org_edit(Req *r, Resp *p){
  ui_prepare(r, p);
  if( ui_need_login(r, p) ) return;
  Err e;
  int64_t id = 0;
  json_t *o = 0;
  YcStatus st = http_arg_id(r, 0, &id, &e);
  if( !st ) st = org_get(&r->ctx, id, &o, &e);
  if( st ){ ui_error(r, p, &e); return; }
  OrgForm f;
  memset(&f, 0, sizeof f);
  f.zNameEn = jstr(o, "name_en");
  f.zNameZh = jstr(o, "name_zh");
  f.zType = jstr(o, "type");
  f.zSide = jstr(o, "side");
  f.zWebsite = jstr(o, "website");
  f.zDesc = jstr(o, "description");
  json_t *city = json_object_get(o, "city");
  if( json_is_object(city) ){
    f.zCity = arena_printf(&r->arena, "%s, %s", jstr(city, "name_en"), jstr(city, "country"));
    f.zCityId = arena_printf(&r->arena, "%lld", (long long)json_integer_value(json_object_get(city, "id")));
  }
  Buf ind = BUF_INIT, src = BUF_INIT;
  json_t *x;
  size_t i;
  json_array_foreach(json_object_get(o, "industries"), i, x){ if( i ) buf_puts(&ind, ", "); buf_puts(&ind, json_string_value(x)); }
  json_array_foreach(json_object_get(o, "sources"), i, x){ if( i ) buf_putc(&src, '\n'); buf_puts(&src, json_string_value(x)); }
  f.zInd = arena_strdup(&r->arena, buf_str(&ind));
  f.zSources = arena_strdup(&r->arena, buf_str(&src));
  buf_free(&ind);
  buf_free(&src);
  json_t *ids = json_array();
  json_array_foreach(json_object_get(o, "partners"), i, x) json_array_append(ids, json_object_get(x, "id"));
  f.aPartner = ids;
  org_form(r, p, id, &f, 0);
  json_decref(ids);
  json_decref(o);
}

/* WEBPAGE: POST /orgs/{id}/edit */
void ui_org_update(Req *r, Resp *p){
  ui_prepare(r, p);
  Form f;
  Err e;
  memset(&e, 0, sizeof e);
  int64_t id = 0;
  YcStatus st = http_arg_id(r, 0, &id, &e);
  if( !st ) st = form_parse(r, &f, 1, &e);
  if( st==YC_EAUTH ){ ui_need_login(r, p); return; }
  if( st ){ ui_error(r, p, &e); return; }
  json_t *in = org_form_json(r, &f, 1, &e, &st), *out = 0;
  if( !st ) st = org_update(&r->ctx, id, in, &out, &e);
  if( st==YC_ENOTFOUND && strcmp(e.zField, "id")==0 ){ json_decref(in); ui_error(r, p, &e); return; }
  if( st ){
    OrgForm of;
    org_form_from_input(&f, &of, json_object_get(in, "partners"));
    p->status = err_http_status(st);
    org_form(r, p, id, &of, &e);
    json_decref(in);
    return;
  }
  json_decref(in);
  json_decref(out);
  ui_redirect(p, arena_printf(&r->arena, "/orgs/%lld?flash=saved", (long long)id));
}

/* WEBPAGE: GET /orgs/{id}/delete (asks for confirmation) */
void ui_org_delete_ask(Req *r, Resp *p){
  ui_prepare(r, p);
  if( ui_need_login(r, p) ) return;
  Err e;
  int64_t id = 0;
  json_t *o = 0;
  YcStatus st = http_arg_id(r, 0, &id, &e);
  if( !st ) st = org_get(&r->ctx, id, &o, &e);
  if( st ){ ui_error(r, p, &e); return; }
  ui_begin(r, p, T(r, "p.delete"), "orgs");
  char zQ[400];
  snprintf(zQ, sizeof zQ, T(r, "o.confirm_delete"), org_name(r, o));
  ui_confirm_delete(r, p, zQ, "/orgs", id);
  json_decref(o);
  ui_end(r, p);
}

/* WEBPAGE: POST /orgs/{id}/delete */
void ui_org_delete(Req *r, Resp *p){
  ui_prepare(r, p);
  Form f;
  Err e;
  int64_t id = 0;
  YcStatus st = http_arg_id(r, 0, &id, &e);
  if( !st ) st = form_parse(r, &f, 1, &e);
  if( st==YC_EAUTH ){ ui_need_login(r, p); return; }
  if( !st ) st = org_delete(&r->ctx, id, &e);
  if( st ){ ui_error(r, p, &e); return; }
  ui_redirect(p, "/orgs?flash=deleted");
}
