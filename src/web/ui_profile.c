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
#include "web/record.h"
#include "core/audit.h"
#include "web/review_web.h"
#include "core/review.h"
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

/* Text of an item in the page language; the other language marked when it
** is the only one. */
static void text_html(Req *r, Buf *b, json_t *o, const char *zEn, const char *zZh){
  const char *a = jstr(o, zEn), *z = jstr(o, zZh);
  const char *zMine = ui_zh(r) ? z : a, *zOther = ui_zh(r) ? a : z;
  if( zMine ) hp(b, "%s", zMine);
  else if( zOther ){
    hp(b, "<span lang=\"%s\">%s</span> <span class=\"m-other\">(%s)</span>", ui_zh(r) ? "en" : "zh-Hans", zOther,
       T(r, ui_zh(r) ? "m.in_english" : "m.in_chinese"));
  }
}

/* Sources separated by " | ", each as ui_source shows it. */
static void source_html(Buf *b, const char *z){
  while( z && *z ){
    const char *zEnd = strstr(z, " | ");
    size_t n = zEnd ? (size_t)(zEnd - z) : strlen(z);
    char *zOne = strndup(z, n);
    if( zOne ) ui_source(b, zOne);
    free(zOne);
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
  ui_css(b, "match");
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
  ui_css(b, "match");
  hp(b, "<section class=\"card\" id=\"offers\"><div class=\"page-head\"><h2>%s</h2>", T(r, "m.offers_needs"));
  if( r->zUser ) hp(b, "<a class=\"button\" href=\"/orgs/%D/offers\">%s</a>", id, T(r, "m.offers_edit"));
  hp(b, "</div>\n");
  ui_review_box(r, p, REVIEW_OFFERS, id, of);
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

/* The item form's values from a stored item of section zSection. */
static void item_values(Req *r, json_t *x, const char *zSection, Form *v){
  form_set_int(r, v, "item", jint(x, "id"));
  form_set(r, v, "section", zSection);
  form_set(r, v, "code", jstr(x, "code"));
  if( json_object_get(x, "strength") ) form_set_int(r, v, "strength", jint(x, "strength"));
  form_set(r, v, "text_zh", jstr(x, "text_zh") ? jstr(x, "text_zh") : jstr(x, "description_zh"));
  form_set(r, v, "text_en", jstr(x, "text_en") ? jstr(x, "text_en") : jstr(x, "description_en"));
  form_set(r, v, "source", jstr(x, "source"));
  form_set(r, v, "reviewed", jstr(x, "reviewed"));
  form_set_join(r, v, "industries", json_object_get(x, "industries"), 0, ", ");
}

static const char *const azOfferSec[] = {"offers", "needs", 0};
static const char *const azStrength[] = {"1", "2", "3", "4", "5", 0};

/* The item form's fields; errors of an item's path ("industries[2].code")
** are shown at the field of its last part. */
static void item_fields(UiForm *fm, int bProfile, const Form *v){
  Req *r = fm->r;
  Buf *b = fm->b;
  hp(b, "<div class=\"row\">");
  ui_field(fm, &(UiField){.zName = "section", .zLabel = T(r, "m.section"), .zValue = form_get(v, "section"), .eType = UI_SELECT,
    .zPrefix = "m.sec", .azEnum = bProfile ? azProfileSection : azOfferSec});
  if( bProfile ){
    ui_field(fm, &(UiField){.zName = "code", .zLabel = T(r, "m.code"), .zValue = form_get(v, "code"), .zPlaceholder = "28",
      .zHint = T(r, "m.code_hint")});
    ui_field(fm, &(UiField){.zName = "strength", .zLabel = T(r, "m.strength"), .zValue = form_get(v, "strength"), .eType = UI_SELECT,
      .azEnum = azStrength, .zEmpty = "—"});
  }
  hp(b, "</div>\n");
  ui_field(fm, &(UiField){.zName = "text_zh", .zField = "text_zh description_zh", .zLabel = T(r, "m.text_zh"),
    .zValue = form_get(v, "text_zh"), .eType = UI_TEXTAREA});
  ui_field(fm, &(UiField){.zName = "text_en", .zField = "text_en description_en", .zLabel = T(r, "m.text_en"),
    .zValue = form_get(v, "text_en"), .eType = UI_TEXTAREA});
  ui_field(fm, &(UiField){.zName = "industries", .zLabel = T(r, "m.item_industries"), .zValue = form_get(v, "industries"),
    .zPlaceholder = "26, 72", .zHint = T(r, "m.item_industries_hint")});
  if( bProfile ){
    char zToday[11];
    date_today_text(zToday);
    hp(b, "<div class=\"row\">");
    ui_field(fm, &(UiField){.zName = "source", .zLabel = T(r, "m.source"), .zValue = form_get(v, "source"), .zHint = T(r, "m.source_hint")});
    ui_field(fm, &(UiField){.zName = "reviewed", .zLabel = T(r, "m.reviewed"), .eAttr = UI_ATTR_DATE,
      .zValue = form_get(v, "reviewed") ? form_get(v, "reviewed") : zToday});
    hp(b, "</div>\n");
  }
}

/* The editor page of partner (bProfile) or organisation id: the current
** items cur of version (see audit_version), and the item form with values
** v and the error e of a post. Its forms carry the version (_version). */
static void editor_page(Req *r, Resp *p, int bProfile, int64_t id, json_t *cur, int64_t version, const Form *v, const Err *e){
  json_t *owner = 0;
  Err e2;
  const char *zName = "";
  if( (bProfile ? partner_get : org_get)(&r->ctx, id, &owner, &e2)==YC_OK ){
    zName = arena_strdup(&r->arena, bProfile ? ui_name(r, json_object_get(owner, "city")) : ui_name(r, owner));
  }
  json_decref(owner);
  const char *zTitle = T(r, bProfile ? "m.profile_edit" : "m.offers_edit");
  const char *zBase = arena_printf(&r->arena, bProfile ? "/partners/%lld" : "/orgs/%lld", (long long)id);
  const char *zSelf = arena_printf(&r->arena, bProfile ? "/partners/%lld/profile" : "/orgs/%lld/offers", (long long)id);
  /* An item's error path ("industries[2].strength") names the form's field by its last part. */
  Err eLeaf;
  if( e && e->st ){
    eLeaf = *e;
    const char *zLeaf = strrchr(e->zField, '.');
    if( zLeaf ) snprintf(eLeaf.zField, sizeof eLeaf.zField, "%s", zLeaf + 1);
    e = &eLeaf;
  }
  Buf fields = BUF_INIT;
  UiForm fm = {.r = r, .b = &fields, .e = e};
  item_fields(&fm, bProfile, v);
  ui_begin(r, p, zTitle, bProfile ? "partners" : "orgs");
  Buf *b = &p->body;
  ui_css(b, "match");
  hp(b, "<div class=\"page-head\"><h1>%s <span class=\"sub\">%s</span></h1><div class=\"head-actions\">"
        "<a class=\"button\" href=\"%s\">%s</a></div></div>\n", zTitle, zName, zBase, T(r, "m.back_to_page"));
  if( e && e->st==YC_ECONFLICT && strcmp(e->zCode, "conflict")==0 ) hp(b, "<p class=\"alert conflict\" role=\"alert\">%s</p>\n", ui_err_text(r, e));
  else ui_form_alert(r, b, e, fm.bShown);
  const char *const *azSec = bProfile ? azProfileSection : azOfferSec;
  /* The current items, each with edit and delete. */
  for(int s=0; azSec[s]; s++){
    json_t *a = json_object_get(cur, azSec[s]), *x;
    size_t i;
    hp(b, "<section class=\"card\"><h2>%s</h2>", ui_label(r, "m.sec", azSec[s]));
    if( !json_array_size(a) ){ hp(b, "<p class=\"empty\">—</p></section>\n"); continue; }
    hp(b, "<ul class=\"m-items\">");
    json_array_foreach(a, i, x){
      int64_t iid = jint(x, "id");
      hp(b, "<li>");
      if( jstr(x, "code") ){
        hp(b, "<span class=\"tag\">%s</span> ", ui_industry_name(r, jstr(x, "code")));
        strength_html(r, b, (int)jint(x, "strength"));
        hp(b, " ");
        text_html(r, b, x, "description_en", "description_zh");
      }else{
        text_html(r, b, x, "text_en", "text_zh");
        tags_html(r, b, json_object_get(x, "industries"));
      }
      hp(b, " <a href=\"%s?item=%D#item-form\">%s</a> <form class=\"m-inline\" method=\"post\" action=\"%s\">", zSelf, iid,
         T(r, "p.edit"), zSelf);
      ui_csrf_field(r, p);
      hp(b, "<input type=\"hidden\" name=\"_version\" value=\"%D\">", version);
      hp(b, "<input type=\"hidden\" name=\"action\" value=\"delete\"><input type=\"hidden\" name=\"item\" value=\"%D\">"
            "<input type=\"hidden\" name=\"section\" value=\"%s\"><button type=\"submit\" class=\"danger\">%s</button></form></li>",
         iid, azSec[s], T(r, "p.delete"));
    }
    hp(b, "</ul></section>\n");
  }
  /* The item form. */
  hp(b, "<form method=\"post\" action=\"%s\" class=\"form\" id=\"item-form\" novalidate><h2>%s</h2>\n", zSelf,
     T(r, form_get(v, "item") ? "m.item_edit" : "m.item_add"));
  ui_csrf_field(r, p);
  hp(b, "<input type=\"hidden\" name=\"_version\" value=\"%D\">", version);
  hp(b, "<input type=\"hidden\" name=\"action\" value=\"save\"><input type=\"hidden\" name=\"item\" value=\"%s\">",
     form_get(v, "item") ? form_get(v, "item") : "");
  buf_append(b, buf_str(&fields), fields.n);
  buf_free(&fields);
  hp(b, "<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button> <a class=\"button\" href=\"%s\">%s</a></div></form>\n",
     T(r, "p.save"), zSelf, T(r, "p.cancel"));
  ui_end(r, p);
}

/* The profile or offers of id as they are now, and (pV) their version, read
** before them (so never newer than what is shown). */
static json_t *load_current(Req *r, int bProfile, int64_t id, int64_t *pV, Err *e){
  json_t *j = 0;
  *pV = audit_version(&r->ctx, (bProfile ? &recProfile : &recOffers)->zEntity, id);
  (bProfile ? &recProfile : &recOffers)->xGet(&r->ctx, id, &j, e);
  return j;
}

/* After another editor's change, the item f replaced is added as a new one
** instead: a save gives a section's items new ids (an old id may even name
** another item now), so nothing is replaced blindly and nothing is lost;
** the page shows the items as they are now. */
static void editor_as_new(Req *r, Form *f){
  for(int i=0; i<f->n; i++) if( strcmp(f->azKey[i], "item")==0 ) f->azVal[i] = arena_strdup(&r->arena, "");
}

static void editor_get(Req *r, Resp *p, int bProfile){
  static const char *const azParam[] = {"item", "lang", 0};
  ui_prepare(r, p);
  if( ui_need_login(r, p) ) return;
  Err e;
  int64_t id = 0;
  YcStatus st = http_check_params(r, azParam, &e);
  if( !st ) st = http_arg_id(r, 0, &id, &e);
  int64_t version = 0;
  json_t *cur = st ? 0 : load_current(r, bProfile, id, &version, &e);
  if( st || !cur ){ ui_error(r, p, &e); return; }
  Form v;
  memset(&v, 0, sizeof v);
  const char *zItem = http_param(r, "item");
  const char *const *azSec = bProfile ? azProfileSection : azOfferSec;
  for(int s=0; zItem && azSec[s]; s++){
    json_t *x;
    size_t i;
    json_array_foreach(json_object_get(cur, azSec[s]), i, x){
      if( strcmp(arena_printf(&r->arena, "%lld", jint(x, "id")), zItem)==0 ) item_values(r, x, azSec[s], &v);
    }
  }
  editor_page(r, p, bProfile, id, cur, version, &v, 0);
  json_decref(cur);
}

static void editor_post(Req *r, Resp *p, int bProfile){
  Form fm;
  Err e;
  int64_t id = 0;
  if( ui_post(r, p, &fm, &id, &e) ) return;
  YcStatus st;
  int64_t version = 0;
  json_t *cur = load_current(r, bProfile, id, &version, &e);
  if( !cur ){ ui_error(r, p, &e); return; }
  /* Another editor's change since the page was shown: an item replaced or
  ** deleted is refused (it may be another's now); an item added is not. */
  const char *zVersion = form_get(&fm, "_version");
  if( zVersion && form_get(&fm, "item") && strtoll(zVersion, 0, 10)!=version ){
    err_set(&e, YC_ECONFLICT, "conflict", "item", "changed by someone else since this page was shown");
    editor_as_new(r, &fm);
    p->status = 409;
    editor_page(r, p, bProfile, id, cur, version, &fm, &e);
    json_decref(cur);
    return;
  }
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
          p->status = 400;
          cur = load_current(r, bProfile, id, &version, &e);
          editor_page(r, p, bProfile, id, cur, version, &fm, &e2);
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
  else{
    /* The sections are rebuilt from cur: refused if they changed since. */
    r->ctx.zIfEntity = (bProfile ? &recProfile : &recOffers)->zEntity;
    r->ctx.ifId = id;
    r->ctx.ifVersion = version;
    st = (bProfile ? &recProfile : &recOffers)->xUpdate(&r->ctx, id, in, &res, &e);
    r->ctx.zIfEntity = 0;
  }
  json_decref(in);
  json_decref(res);
  if( st==YC_ECONFLICT && strcmp(e.zCode, "conflict")==0 ){
    json_decref(cur);
    cur = load_current(r, bProfile, id, &version, &e);
    if( !cur ){ ui_error(r, p, &e); return; }
    err_set(&e, YC_ECONFLICT, "conflict", "item", "changed by someone else meanwhile");
    editor_as_new(r, &fm);
    p->status = 409;
    editor_page(r, p, bProfile, id, cur, version, &fm, &e);
    json_decref(cur);
    return;
  }
  if( st && st!=YC_EINVALID ){ json_decref(cur); ui_error(r, p, &e); return; }
  if( st ){
    p->status = 400;
    editor_page(r, p, bProfile, id, cur, version, &fm, &e);
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

/* The profile and the offers of an organisation as record types: read,
** and written whole (PUT) or by section (PATCH), through the JSON API. */
static YcStatus profile_patch(Ctx *c, int64_t id, json_t *in, json_t **pp, Err *e){ return profile_put(c, id, in, 1, pp, e); }
static YcStatus profile_replace(Ctx *c, int64_t id, json_t *in, json_t **pp, Err *e){ return profile_put(c, id, in, 0, pp, e); }
static YcStatus offers_patch(Ctx *c, int64_t id, json_t *in, json_t **pp, Err *e){ return offer_put(c, id, in, 1, pp, e); }
static YcStatus offers_replace(Ctx *c, int64_t id, json_t *in, json_t **pp, Err *e){ return offer_put(c, id, in, 0, pp, e); }

const RecordType recProfile = {
  .zEntity = "profile",
  .zBase = "/partners", .zApi = "/api/v1/partners", .zNav = "partners",
  .xGet = profile_get, .xUpdate = profile_patch, .xReplace = profile_replace,
};

const RecordType recOffers = {
  .zEntity = "org_offers",
  .zBase = "/orgs", .zApi = "/api/v1/orgs", .zNav = "orgs", .eAuth = REC_AUTH_OPTIONAL,
  .xGet = offer_get, .xUpdate = offers_patch, .xReplace = offers_replace,
};
