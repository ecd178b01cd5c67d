/*
** ui_profile.c: the industry-profile section of a partner's page and its
** item editor (/partners/{id}/profile), and the offers-and-needs section
** of an organisation's page and its editor (/orgs/{id}/offers). The
** editors change one item at a time: they read the current section, add,
** replace or drop the item, and write the section back through
** profile_put / offer_put (so validation and the audit trail stay there).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "web/route.h"
#include "web/ui.h"
#include "web/ui_match.h"
#include "core/profile.h"
#include "core/offer.h"
#include "core/partner.h"
#include "core/org.h"
#include "core/match.h"
#include "base/date.h"
#include "core/vocab.h"
#include "core/input.h"
#include "base/json.h"

static int is_zh(Req *r){ return strcmp(r->zLang, "zh")==0; }

static void css(Buf *b){ hp(b, "<link rel=\"stylesheet\" href=\"/static/match.css\">\n"); }

/* Text of an item in the page language; the other language marked when it
** is the only one. */
static void text_html(Req *r, Buf *b, json_t *o, const char *zEn, const char *zZh){
  const char *a = jstr(o, zEn), *z = jstr(o, zZh);
  const char *zMine = is_zh(r) ? z : a, *zOther = is_zh(r) ? a : z;
  if( zMine ) hp(b, "%s", zMine);
  else if( zOther ){
    hp(b, "<span lang=\"%s\">%s</span> <span class=\"m-other\">(%s)</span>", is_zh(r) ? "en" : "zh-Hans", zOther,
       T(r, is_zh(r) ? "m.in_english" : "m.in_chinese"));
  }
}

/* Sources separated by " | ": URLs as links. */
static void source_html(Buf *b, const char *z){
  while( z && *z ){
    const char *zEnd = strstr(z, " | ");
    size_t n = zEnd ? (size_t)(zEnd - z) : strlen(z);
    char *zOne = strndup(z, n);
    if( zOne ){
      if( strncmp(zOne, "http://", 7)==0 || strncmp(zOne, "https://", 8)==0 ){
        hp(b, "<a href=\"%s\" rel=\"noopener noreferrer\">%s</a>", zOne, zOne);
      }else{
        hp(b, "%s", zOne);
      }
      free(zOne);
    }
    z += n;
    if( zEnd ){ hp(b, "; "); z += 3; }
  }
}

static void strength_html(Req *r, Buf *b, int s){
  char zT[64];
  snprintf(zT, sizeof zT, T(r, "m.strength_of"), s);
  hp(b, "<span class=\"m-strength\" title=\"%s\" aria-label=\"%s\">", zT, zT);
  for(int i=1; i<=5; i++) hp(b, i<=s ? "●" : "<span class=\"off\">●</span>");
  hp(b, "</span>");
}

static void tags_html(Req *r, Buf *b, json_t *a){
  json_t *x;
  size_t i;
  json_array_foreach(a, i, x) hp(b, " <span class=\"tag\">%s</span>", ui_industry_name(r, json_string_value(x)));
}

/* The best counterparts of an entity, as a section. */
static void matches_section(Req *r, Buf *b, int64_t partnerId, int64_t orgId, const char *zId){
  MatchQuery q;
  memset(&q, 0, sizeof q);
  q.partnerId = partnerId;
  q.orgId = orgId;
  q.zLimit = "5";
  json_t *out = 0;
  Err e;
  hp(b, "<section class=\"card\" id=\"%s\"><h2>%s</h2>\n", zId, T(r, "m.best_counterparts"));
  if( match_run(&r->ctx, &q, &out, &e)==YC_OK ) ui_match_results(r, b, out, 0);
  else hp(b, "<p class=\"alert\">%s</p>\n", e.zMsg);
  hp(b, "<p><a href=\"/match\">%s</a></p></section>\n", T(r, "m.match_more"));
  json_decref(out);
}

void ui_partner_profile(Req *r, Resp *p, int64_t id){
  Buf *b = &p->body;
  json_t *pr = 0;
  Err e;
  if( profile_get(&r->ctx, id, &pr, &e) ) return;
  css(b);
  hp(b, "<section class=\"card\" id=\"profile\"><div class=\"page-head\"><h2>%s</h2>", T(r, "m.profile"));
  if( r->zUser ) hp(b, "<a class=\"button\" href=\"/partners/%D/profile\">%s</a>", id, T(r, "m.profile_edit"));
  hp(b, "</div>\n");
  int nAll = 0;
  for(int s=0; azProfileSection[s]; s++) nAll += (int)json_array_size(json_object_get(pr, azProfileSection[s]));
  if( nAll==0 ){
    hp(b, "<p class=\"empty\">%s</p>\n", T(r, "m.profile_none"));
  }else{
    if( jstr(pr, "last_reviewed") ) hp(b, "<p class=\"note\">%s <time>%s</time></p>\n", T(r, "m.last_reviewed"), jstr(pr, "last_reviewed"));
    json_t *a = json_object_get(pr, "industries"), *x;
    size_t i;
    if( json_array_size(a) ){
      hp(b, "<h3>%s</h3><div class=\"table-wrap\"><table class=\"list\" id=\"profile-industries\"><thead><tr>"
            "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
         T(r, "m.sec.industries"), T(r, "m.industry"), T(r, "m.strength"), T(r, "m.description"));
      json_array_foreach(a, i, x){
        hp(b, "<tr><td><span class=\"tag\">%s</span></td><td>", ui_industry_name(r, jstr(x, "code")));
        strength_html(r, b, (int)json_integer_value(json_object_get(x, "strength")));
        hp(b, "</td><td>");
        text_html(r, b, x, "description_en", "description_zh");
        hp(b, "<div class=\"m-src\">%s ", T(r, "m.source"));
        source_html(b, jstr(x, "source"));
        hp(b, " · %s <time>%s</time></div></td></tr>\n", T(r, "m.reviewed"), jstr(x, "reviewed"));
      }
      hp(b, "</tbody></table></div>\n");
    }
    for(int s=1; azProfileSection[s]; s++){
      a = json_object_get(pr, azProfileSection[s]);
      if( !json_array_size(a) ) continue;
      char zKey[40];
      snprintf(zKey, sizeof zKey, "m.sec.%s", azProfileSection[s]);
      hp(b, "<h3>%s</h3><ul class=\"m-items\" id=\"profile-%s\">\n", T(r, zKey), azProfileSection[s]);
      json_array_foreach(a, i, x){
        hp(b, "<li>");
        text_html(r, b, x, "text_en", "text_zh");
        tags_html(r, b, json_object_get(x, "industries"));
        hp(b, "<div class=\"m-src\">%s ", T(r, "m.source"));
        source_html(b, jstr(x, "source"));
        hp(b, " · %s <time>%s</time></div></li>\n", T(r, "m.reviewed"), jstr(x, "reviewed"));
      }
      hp(b, "</ul>\n");
    }
  }
  hp(b, "</section>\n");
  json_decref(pr);
  matches_section(r, b, id, 0, "profile-matches");
}

void ui_org_offers(Req *r, Resp *p, int64_t id){
  Buf *b = &p->body;
  json_t *of = 0;
  Err e;
  if( offer_get(&r->ctx, id, &of, &e) ) return;
  css(b);
  hp(b, "<section class=\"card\" id=\"offers\"><div class=\"page-head\"><h2>%s</h2>", T(r, "m.offers_needs"));
  if( r->zUser ) hp(b, "<a class=\"button\" href=\"/orgs/%D/offers\">%s</a>", id, T(r, "m.offers_edit"));
  hp(b, "</div>\n");
  static const char *const azSec[] = {"offers", "needs", 0};
  int n = 0;
  for(int s=0; azSec[s]; s++){
    json_t *a = json_object_get(of, azSec[s]), *x;
    size_t i;
    if( !json_array_size(a) ) continue;
    n++;
    char zKey[40];
    snprintf(zKey, sizeof zKey, "m.sec.%s", azSec[s]);
    hp(b, "<h3>%s</h3><ul class=\"m-items\" id=\"org-%s\">\n", T(r, zKey), azSec[s]);
    json_array_foreach(a, i, x){
      hp(b, "<li>");
      text_html(r, b, x, "text_en", "text_zh");
      tags_html(r, b, json_object_get(x, "industries"));
      hp(b, "</li>\n");
    }
    hp(b, "</ul>\n");
  }
  if( !n ) hp(b, "<p class=\"empty\">%s</p>\n", T(r, "m.offers_none"));
  hp(b, "</section>\n");
  json_decref(of);
  matches_section(r, b, 0, id, "offer-matches");
}

/* --- the item editors ------------------------------------------------------- */

/* An existing item in the input shape of its section. */
static json_t *item_input(json_t *x, int bIndustry){
  json_t *in = json_object();
  static const char *const azInd[] = {"code", "strength", "description_zh", "description_en", "source", "reviewed", 0};
  static const char *const azText[] = {"text_zh", "text_en", "industries", "source", "reviewed", 0};
  const char *const *az = bIndustry ? azInd : azText;
  for(int i=0; az[i]; i++){
    json_t *v = json_object_get(x, az[i]);
    if( !v || json_is_null(v) ) continue;
    if( json_is_array(v) && json_array_size(v)==0 ) continue;
    json_object_set(in, az[i], v);
  }
  return in;
}

/* Values the item form shows. */
typedef struct ItemForm {
  const char *zItem, *zSection, *zCode, *zStrength, *zZh, *zEn, *zInd, *zSource, *zReviewed;
} ItemForm;

static void item_form_from(Req *r, json_t *x, const char *zSection, ItemForm *f){
  memset(f, 0, sizeof *f);
  f->zItem = arena_printf(&r->arena, "%lld", (long long)json_integer_value(json_object_get(x, "id")));
  f->zSection = zSection;
  f->zCode = arena_strdup(&r->arena, jstr(x, "code"));
  if( json_object_get(x, "strength") ) f->zStrength = arena_printf(&r->arena, "%lld", (long long)json_integer_value(json_object_get(x, "strength")));
  f->zZh = arena_strdup(&r->arena, jstr(x, "text_zh") ? jstr(x, "text_zh") : jstr(x, "description_zh"));
  f->zEn = arena_strdup(&r->arena, jstr(x, "text_en") ? jstr(x, "text_en") : jstr(x, "description_en"));
  f->zSource = arena_strdup(&r->arena, jstr(x, "source"));
  f->zReviewed = arena_strdup(&r->arena, jstr(x, "reviewed"));
  Buf b = BUF_INIT;
  json_t *t;
  size_t i;
  json_array_foreach(json_object_get(x, "industries"), i, t){ if( i ) buf_puts(&b, ", "); buf_puts(&b, json_string_value(t)); }
  f->zInd = arena_strdup(&r->arena, buf_str(&b));
  buf_free(&b);
}

static void item_form_input(const Form *fm, ItemForm *f){
  memset(f, 0, sizeof *f);
  f->zItem = form_get(fm, "item"); f->zSection = form_get(fm, "section"); f->zCode = form_get(fm, "code");
  f->zStrength = form_get(fm, "strength"); f->zZh = form_get(fm, "text_zh"); f->zEn = form_get(fm, "text_en");
  f->zInd = form_get(fm, "industries"); f->zSource = form_get(fm, "source"); f->zReviewed = form_get(fm, "reviewed");
}

/* The bare field of an error path ("industries[2].strength" -> "strength"). */
static const char *err_leaf(const Err *e){
  if( !e || !e->st ) return "";
  const char *z = strrchr(e->zField, '.');
  return z ? z + 1 : e->zField;
}

static void ferr(Req *r, Buf *b, const Err *e, const char *zField){
  if( !e || !e->st || strcmp(err_leaf(e), zField)!=0 ) return;
  char zKey[64];
  snprintf(zKey, sizeof zKey, "verr.%s", e->zCode);
  const char *zMsg = T(r, zKey);
  hp(b, "<p class=\"field-error\">%s</p>", zMsg==zKey || !is_zh(r) ? e->zMsg : zMsg);
}

static const char *bad(const Err *e, const char *zField){
  return (e && e->st && strcmp(err_leaf(e), zField)==0) ? " aria-invalid=\"true\"" : "";
}

/* The editor page of partner (bProfile) or organisation id. */
static void editor_page(Req *r, Resp *p, int bProfile, int64_t id, json_t *cur, const ItemForm *f, const Err *e){
  const char *zName = "";
  json_t *owner = 0;
  Err e2;
  if( bProfile ){
    if( partner_get(&r->ctx, id, &owner, &e2)==YC_OK ){
      json_t *city = json_object_get(owner, "city");
      zName = arena_strdup(&r->arena, is_zh(r) && jstr(city, "name_zh") ? jstr(city, "name_zh") : jstr(city, "name_en"));
    }
  }else if( org_get(&r->ctx, id, &owner, &e2)==YC_OK ){
    zName = arena_strdup(&r->arena, is_zh(r) && jstr(owner, "name_zh") ? jstr(owner, "name_zh") :
                         (jstr(owner, "name_en") ? jstr(owner, "name_en") : jstr(owner, "name_zh")));
  }
  json_decref(owner);
  const char *zTitle = T(r, bProfile ? "m.profile_edit" : "m.offers_edit");
  const char *zBase = arena_printf(&r->arena, bProfile ? "/partners/%lld" : "/orgs/%lld", (long long)id);
  const char *zSelf = arena_printf(&r->arena, bProfile ? "/partners/%lld/profile" : "/orgs/%lld/offers", (long long)id);
  ui_begin(r, p, zTitle, bProfile ? "partners" : "orgs");
  Buf *b = &p->body;
  css(b);
  hp(b, "<div class=\"page-head\"><h1>%s <span class=\"sub\">%s</span></h1><div class=\"head-actions\">"
        "<a class=\"button\" href=\"%s\">%s</a></div></div>\n", zTitle, zName, zBase, T(r, "m.back_to_page"));
  if( e && e->st ) hp(b, "<p class=\"alert\" role=\"alert\">%s</p>\n", T(r, "p.errors"));
  static const char *const azOfferSec[] = {"offers", "needs", 0};
  const char *const *azSec = bProfile ? azProfileSection : azOfferSec;
  /* The current items, each with edit and delete. */
  for(int s=0; azSec[s]; s++){
    json_t *a = json_object_get(cur, azSec[s]), *x;
    size_t i;
    char zKey[40];
    snprintf(zKey, sizeof zKey, "m.sec.%s", azSec[s]);
    hp(b, "<section class=\"card\"><h2>%s</h2>", T(r, zKey));
    if( !json_array_size(a) ){ hp(b, "<p class=\"empty\">—</p></section>\n"); continue; }
    hp(b, "<ul class=\"m-items\">");
    json_array_foreach(a, i, x){
      int64_t iid = json_integer_value(json_object_get(x, "id"));
      hp(b, "<li>");
      if( jstr(x, "code") ){
        hp(b, "<span class=\"tag\">%s</span> ", ui_industry_name(r, jstr(x, "code")));
        strength_html(r, b, (int)json_integer_value(json_object_get(x, "strength")));
        hp(b, " ");
        text_html(r, b, x, "description_en", "description_zh");
      }else{
        text_html(r, b, x, "text_en", "text_zh");
        tags_html(r, b, json_object_get(x, "industries"));
      }
      hp(b, " <a href=\"%s?item=%D#item-form\">%s</a> <form class=\"m-inline\" method=\"post\" action=\"%s\">", zSelf, iid,
         T(r, "p.edit"), zSelf);
      ui_csrf_field(r, p);
      hp(b, "<input type=\"hidden\" name=\"action\" value=\"delete\"><input type=\"hidden\" name=\"item\" value=\"%D\">"
            "<input type=\"hidden\" name=\"section\" value=\"%s\"><button type=\"submit\" class=\"danger\">%s</button></form></li>",
         iid, azSec[s], T(r, "p.delete"));
    }
    hp(b, "</ul></section>\n");
  }
  /* The item form. */
  hp(b, "<form method=\"post\" action=\"%s\" class=\"form\" id=\"item-form\" novalidate><h2>%s</h2>\n", zSelf,
     T(r, f && f->zItem ? "m.item_edit" : "m.item_add"));
  ui_csrf_field(r, p);
  hp(b, "<input type=\"hidden\" name=\"action\" value=\"save\"><input type=\"hidden\" name=\"item\" value=\"%s\">",
     f && f->zItem ? f->zItem : "");
  hp(b, "<div class=\"row\"><div class=\"field\"><label for=\"section\">%s</label><select id=\"section\" name=\"section\">",
     T(r, "m.section"));
  for(int s=0; azSec[s]; s++){
    char zKey[40];
    snprintf(zKey, sizeof zKey, "m.sec.%s", azSec[s]);
    hp(b, "<option value=\"%s\"%R>%s</option>", azSec[s], f && f->zSection && strcmp(f->zSection, azSec[s])==0 ? " selected" : "", T(r, zKey));
  }
  hp(b, "</select></div>\n");
  if( bProfile ){
    hp(b, "<div class=\"field\"><label for=\"code\">%s</label><input id=\"code\" name=\"code\" value=\"%s\" placeholder=\"28\"%R>"
          "<p class=\"hint\">%s</p>", T(r, "m.code"), f && f->zCode ? f->zCode : "", bad(e, "code"), T(r, "m.code_hint"));
    ferr(r, b, e, "code");
    hp(b, "</div><div class=\"field\"><label for=\"strength\">%s</label><select id=\"strength\" name=\"strength\"%R><option value=\"\">—</option>",
       T(r, "m.strength"), bad(e, "strength"));
    for(int s=1; s<=5; s++){
      char z[16];
      snprintf(z, sizeof z, "%d", s);
      hp(b, "<option value=\"%s\"%R>%s</option>", z, f && f->zStrength && strcmp(f->zStrength, z)==0 ? " selected" : "", z);
    }
    hp(b, "</select>");
    ferr(r, b, e, "strength");
    hp(b, "</div>");
  }
  hp(b, "</div>\n<div class=\"field\"><label for=\"text_zh\">%s</label><textarea id=\"text_zh\" name=\"text_zh\" rows=\"3\"%R>%s</textarea>",
     T(r, "m.text_zh"), bad(e, bProfile ? "description_zh" : "text_zh")[0] ? " aria-invalid=\"true\"" : bad(e, "text_zh"),
     f && f->zZh ? f->zZh : "");
  ferr(r, b, e, "text_zh");
  ferr(r, b, e, "description_zh");
  hp(b, "</div>\n<div class=\"field\"><label for=\"text_en\">%s</label><textarea id=\"text_en\" name=\"text_en\" rows=\"3\"%R>%s</textarea>",
     T(r, "m.text_en"), bad(e, "description_en")[0] ? " aria-invalid=\"true\"" : bad(e, "text_en"), f && f->zEn ? f->zEn : "");
  ferr(r, b, e, "text_en");
  ferr(r, b, e, "description_en");
  hp(b, "</div>\n<div class=\"field\"><label for=\"industries\">%s</label><input id=\"industries\" name=\"industries\" value=\"%s\" placeholder=\"26, 72\"%R>"
        "<p class=\"hint\">%s</p>", T(r, "m.item_industries"), f && f->zInd ? f->zInd : "", bad(e, "industries"), T(r, "m.item_industries_hint"));
  ferr(r, b, e, "industries");
  hp(b, "</div>\n");
  if( bProfile ){
    char zToday[11];
    date_today_text(zToday);
    hp(b, "<div class=\"row\"><div class=\"field\"><label for=\"source\">%s</label><input id=\"source\" name=\"source\" value=\"%s\"%R>"
          "<p class=\"hint\">%s</p>", T(r, "m.source"), f && f->zSource ? f->zSource : "", bad(e, "source"), T(r, "m.source_hint"));
    ferr(r, b, e, "source");
    hp(b, "</div><div class=\"field\"><label for=\"reviewed\">%s</label><input id=\"reviewed\" name=\"reviewed\" type=\"date\" value=\"%s\"%R>",
       T(r, "m.reviewed"), f && f->zReviewed ? f->zReviewed : zToday, bad(e, "reviewed"));
    ferr(r, b, e, "reviewed");
    hp(b, "</div></div>\n");
  }
  if( e && e->st && !strstr("code strength text_zh text_en description_zh description_en industries source reviewed", err_leaf(e)) ){
    hp(b, "<p class=\"field-error\">%s</p>", e->zMsg);
  }
  hp(b, "<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button> <a class=\"button\" href=\"%s\">%s</a></div></form>\n",
     T(r, "p.save"), zSelf, T(r, "p.cancel"));
  ui_end(r, p);
}

static json_t *load_current(Req *r, int bProfile, int64_t id, Err *e){
  json_t *j = 0;
  if( bProfile ) profile_get(&r->ctx, id, &j, e);
  else offer_get(&r->ctx, id, &j, e);
  return j;
}

static void editor_get(Req *r, Resp *p, int bProfile){
  static const char *const azParam[] = {"item", "lang", 0};
  ui_prepare(r, p);
  if( ui_need_login(r, p) ) return;
  Err e;
  int64_t id = 0;
  YcStatus st = http_check_params(r, azParam, &e);
  if( !st ) st = http_arg_id(r, 0, &id, &e);
  json_t *cur = st ? 0 : load_current(r, bProfile, id, &e);
  if( st || !cur ){ ui_error(r, p, &e); return; }
  ItemForm f;
  memset(&f, 0, sizeof f);
  const char *zItem = http_param(r, "item");
  static const char *const azOfferSec[] = {"offers", "needs", 0};
  const char *const *azSec = bProfile ? azProfileSection : azOfferSec;
  if( zItem ){
    for(int s=0; azSec[s]; s++){
      json_t *x;
      size_t i;
      json_array_foreach(json_object_get(cur, azSec[s]), i, x){
        char z[24];
        snprintf(z, sizeof z, "%lld", (long long)json_integer_value(json_object_get(x, "id")));
        if( strcmp(z, zItem)==0 ) item_form_from(r, x, azSec[s], &f);
      }
    }
  }
  editor_page(r, p, bProfile, id, cur, &f, 0);
  json_decref(cur);
}

static void editor_post(Req *r, Resp *p, int bProfile){
  ui_prepare(r, p);
  Form fm;
  Err e;
  memset(&e, 0, sizeof e);
  int64_t id = 0;
  YcStatus st = http_arg_id(r, 0, &id, &e);
  if( !st ) st = form_parse(r, &fm, 1, &e);
  if( st==YC_EAUTH ){ ui_need_login(r, p); return; }
  if( st ){ ui_error(r, p, &e); return; }
  json_t *cur = load_current(r, bProfile, id, &e);
  if( !cur ){ ui_error(r, p, &e); return; }
  static const char *const azOfferSec[] = {"offers", "needs", 0};
  const char *const *azSec = bProfile ? azProfileSection : azOfferSec;
  const char *zAction = form_get(&fm, "action");
  const char *zItem = form_get(&fm, "item");
  const char *zSection = form_get(&fm, "section");
  int iSec = zSection ? in_enum_index(azSec, zSection) : -1;
  int bDelete = zAction && strcmp(zAction, "delete")==0;
  json_t *in = json_object();
  /* Rebuild every section the change touches. */
  for(int s=0; azSec[s]; s++){
    json_t *a = json_object_get(cur, azSec[s]), *x, *out = json_array();
    size_t i;
    int bTouched = s==iSec;
    json_array_foreach(a, i, x){
      char z[24];
      snprintf(z, sizeof z, "%lld", (long long)json_integer_value(json_object_get(x, "id")));
      if( zItem && strcmp(z, zItem)==0 ){ bTouched = 1; continue; }   /* dropped or replaced */
      json_array_append_new(out, item_input(x, bProfile && s==0));
    }
    if( !bDelete && s==iSec ){
      json_t *item = json_object();
      const char *zZh = form_get(&fm, "text_zh"), *zEn = form_get(&fm, "text_en");
      if( bProfile && s==0 ){
        if( form_get(&fm, "code") ) json_object_set_new(item, "code", json_string(form_get(&fm, "code")));
        long long v;
        const char *zS = form_get(&fm, "strength");
        if( zS ) json_object_set_new(item, "strength", in_parse_int(zS, 0, 9, &v) ? json_string(zS) : json_integer(v));
        if( zZh ) json_object_set_new(item, "description_zh", json_string(zZh));
        if( zEn ) json_object_set_new(item, "description_en", json_string(zEn));
      }else{
        if( zZh ) json_object_set_new(item, "text_zh", json_string(zZh));
        if( zEn ) json_object_set_new(item, "text_en", json_string(zEn));
        json_t *ind = 0;
        Err e2;
        if( isic_codes_parse(form_get(&fm, "industries"), "industries", bProfile, 10, &ind, &e2) ){
          json_decref(item); json_decref(out); json_decref(in); json_decref(cur);
          ItemForm f;
          item_form_input(&fm, &f);
          p->status = 400;
          cur = load_current(r, bProfile, id, &e);
          editor_page(r, p, bProfile, id, cur, &f, &e2);
          json_decref(cur);
          return;
        }
        if( json_array_size(ind) ) json_object_set_new(item, "industries", ind);
        else json_decref(ind);
      }
      if( bProfile ){
        if( form_get(&fm, "source") ) json_object_set_new(item, "source", json_string(form_get(&fm, "source")));
        if( form_get(&fm, "reviewed") ) json_object_set_new(item, "reviewed", json_string(form_get(&fm, "reviewed")));
      }
      json_array_append_new(out, item);
    }
    if( bTouched ) json_object_set_new(in, azSec[s], out);
    else json_decref(out);
  }
  json_t *res = 0;
  if( !bDelete && iSec<0 ) st = err_set(&e, YC_EINVALID, "invalid_value", "section", "choose a section");
  else st = bProfile ? profile_put(&r->ctx, id, in, 1, &res, &e) : offer_put(&r->ctx, id, in, 1, &res, &e);
  json_decref(in);
  json_decref(res);
  if( st && st!=YC_EINVALID ){ json_decref(cur); ui_error(r, p, &e); return; }
  if( st ){
    ItemForm f;
    item_form_input(&fm, &f);
    p->status = 400;
    editor_page(r, p, bProfile, id, cur, &f, &e);
    json_decref(cur);
    return;
  }
  json_decref(cur);
  ui_redirect(p, arena_printf(&r->arena, bProfile ? "/partners/%lld?flash=saved#profile" : "/orgs/%lld?flash=saved#offers", (long long)id));
}

/* WEBPAGE: GET /partners/{id}/profile (the profile editor) */
void ui_profile_edit(Req *r, Resp *p){ editor_get(r, p, 1); }
/* WEBPAGE: POST /partners/{id}/profile (add, replace or delete one item) */
void ui_profile_save(Req *r, Resp *p){ editor_post(r, p, 1); }
/* WEBPAGE: GET /orgs/{id}/offers (the offers-and-needs editor) */
void ui_offers_edit(Req *r, Resp *p){ editor_get(r, p, 0); }
/* WEBPAGE: POST /orgs/{id}/offers (add, replace or delete one item) */
void ui_offers_save(Req *r, Resp *p){ editor_post(r, p, 0); }
