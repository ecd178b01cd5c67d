/*
** ui_match.c: the matchmaking page (/match), the site-wide search page
** (/search) and the shared rendering of ranked, explained results used by
** the opportunity, partner and organisation pages.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "web/route.h"
#include "web/ui.h"
#include "web/ui_match.h"
#include "core/match.h"
#include "core/search.h"
#include "core/vocab.h"
#include "base/json.h"

const char *ui_industry_name(Req *r, const char *zCode){
  return arena_printf(&r->arena, "%s %s", zCode, isic_label(zCode, ui_zh(r)));
}

/* One result's explanation as list items. */
static void why(Req *r, Buf *b, json_t *item){
  json_t *x;
  size_t i;
  Buf terms = BUF_INIT;
  int nInd = 0;
  json_array_foreach(json_object_get(item, "reasons"), i, x){
    const char *zKind = jstr(x, "kind");
    if( strcmp(zKind, "industry")==0 ){
      const char *zRel = jstr(x, "relation");
      if( nInd>=2 ) continue;
      nInd++;
      char zKey[48];
      snprintf(zKey, sizeof zKey, "m.why.%s", zRel);
      hp(b, "<li>%s: <span class=\"tag\">%s</span>", T(r, zKey), ui_industry_name(r, jstr(x, "code")));
      if( strcmp(zRel, "division")!=0 ) hp(b, " <span class=\"m-other\">↔ %s</span>", ui_industry_name(r, jstr(x, "query_code")));
      if( jstr(x, "rationale") && !ui_zh(r) ) hp(b, " <span class=\"m-other\">(%s)</span>", jstr(x, "rationale"));
      hp(b, "</li>");
    }else if( strcmp(zKind, "term")==0 ){
      if( terms.n ) buf_puts(&terms, ui_zh(r) ? "、" : ", ");
      hp(&terms, "<q>%s</q>", jstr(x, "term"));
      if( jstr(x, "via") ) hp(&terms, " <span class=\"m-other\">(%s %s)</span>", T(r, "m.why.via"), jstr(x, "via"));
    }else if( strcmp(zKind, "country")==0 ){
      const char *zRule = jstr(x, "rule");
      char zKey[48];
      snprintf(zKey, sizeof zKey, "m.why.%s", zRule);
      hp(b, "<li>%s: %s</li>", T(r, zKey), ui_country_name(r, jstr(x, "country")));
    }else if( strcmp(zKind, "direction")==0 ){
      const char *zRule = jstr(x, "rule");
      if( strcmp(zRule, "offer_meets_request")==0 ){
        hp(b, "<li>%s</li>", T(r, strcmp(jstr(x, "candidate_kind"), "request")==0 ? "m.why.meets_request" : "m.why.meets_offer"));
      }else if( strcmp(zRule, "same_direction")==0 ){
        hp(b, "<li>%s: %s</li>", T(r, "m.why.same_direction"), ui_label(r, "m.dir", jstr(x, "direction")));
      }else if( strcmp(zRule, "other_side")==0 ){
        hp(b, "<li>%s</li>", T(r, strcmp(jstr(x, "side"), "partner")==0 ? "m.why.partner_side" : "m.why.home_side"));
      }
    }else if( strcmp(zKind, "tie")==0 ){
      hp(b, "<li>%s: %s", T(r, "m.why.tie"), ui_label(r, "status", jstr(x, "status")));
      if( json_object_get(x, "health") ){
        char zH[16];
        snprintf(zH, sizeof zH, "%lld", (long long)json_integer_value(json_object_get(x, "health")));
        hp(b, " · %s %s", T(r, "m.why.health"), zH);
      }
      hp(b, "</li>");
    }
  }
  if( terms.n ) hp(b, "<li>%s: %R</li>", T(r, "m.why.terms"), buf_str(&terms));
  buf_free(&terms);
}

void ui_match_results(Req *r, Buf *b, json_t *out, int bShowQuery){
  json_t *q = json_object_get(out, "query"), *x;
  size_t i;
  if( bShowQuery ){
    hp(b, "<p class=\"m-query\" id=\"m-detected\">%s: ", T(r, "m.detected"));
    int n = 0;
    json_array_foreach(json_object_get(q, "industries"), i, x){
      hp(b, "%R<span class=\"tag\" title=\"%s\">%s</span>", n++ ? " " : "", jstr(x, "source"), ui_industry_name(r, jstr(x, "code")));
    }
    if( !n ) hp(b, "%s", T(r, "m.none_detected"));
    hp(b, "</p>\n");
  }
  json_t *items = json_object_get(out, "items");
  if( json_array_size(items)==0 ){
    hp(b, "<p class=\"empty\">%s</p>\n", T(r, "m.no_matches"));
    return;
  }
  hp(b, "<ol class=\"m-results\">\n");
  json_array_foreach(items, i, x){
    double score = json_real_value(json_object_get(x, "score"));
    int w = (int)(score/5 + 0.5)*5;
    if( w<5 ) w = 5;
    if( w>100 ) w = 100;
    char zScore[16], zW[16];
    snprintf(zScore, sizeof zScore, "%.0f", score);
    snprintf(zW, sizeof zW, "m-w%d", w);
    const char *zType = jstr(x, "type");
    const char *zName = ui_pick(r, x, "name_en", "name_zh");
    hp(b, "<li class=\"m-result\" data-type=\"%s\" data-id=\"%D\"><div class=\"m-score\" title=\"%s\"><strong>%s</strong>"
          "<span class=\"m-bar\"><span class=\"%s\"></span></span></div>\n",
       zType, (int64_t)json_integer_value(json_object_get(x, "id")), T(r, "m.score"), zScore, zW);
    hp(b, "<h3><a href=\"%s\">%s</a> <span class=\"badge\">%s</span>", jstr(x, "url"), zName, ui_label(r, "m.type", zType));
    if( strcmp(zType, "opportunity")==0 ){
      hp(b, " <span class=\"badge k-%s\">%s</span>", jstr(x, "kind"), ui_label(r, "m.kind", jstr(x, "kind")));
      json_t *own = json_object_get(x, "owner");
      hp(b, " <span class=\"m-other\">%s</span>", ui_pick(r, own, "name_en", "name_zh"));
    }else if( strcmp(zType, "org")==0 ){
      hp(b, " <span class=\"m-other\">%s</span>", ui_label(r, "o.side", jstr(x, "side")));
    }
    if( jstr(x, "country") ) hp(b, " <span class=\"m-other\">· %s</span>", ui_country_name(r, jstr(x, "country")));
    hp(b, "</h3>\n<ul class=\"m-why\">");
    why(r, b, x);
    hp(b, "</ul></li>\n");
  }
  hp(b, "</ol>\n");
}

/* WEBPAGE: GET /match (free-text matchmaking) */
void ui_match_page(Req *r, Resp *p){
  static const char *const azParam[] = {"text", "industries", "direction", "countries", "kind", "side", "types",
    "limit", "lang", 0};
  static const char *const azDir[] = {"going_out", "bringing_in", 0};
  static const char *const azKind[] = {"offer", "request", 0};
  static const char *const azSide[] = {"home", "partner", 0};
  ui_prepare(r, p);
  Err e;
  memset(&e, 0, sizeof e);
  YcStatus st = http_check_params(r, azParam, &e);
  MatchQuery q;
  memset(&q, 0, sizeof q);
  q.zText = ui_param(r, "text");
  q.zIndustries = ui_param(r, "industries");
  q.zDirection = ui_param(r, "direction");
  q.zCountries = ui_param(r, "countries");
  q.zKind = ui_param(r, "kind");
  q.zSide = ui_param(r, "side");
  q.zTypes = ui_param(r, "types");
  q.zLimit = ui_param(r, "limit");
  json_t *out = 0;
  int bAsked = q.zText || q.zIndustries;
  if( !st && bAsked ) st = match_run(&r->ctx, &q, &out, &e);
  if( st && st!=YC_EINVALID && st!=YC_ETOOLARGE ){ ui_error(r, p, &e); return; }
  if( st ) p->status = err_http_status(st);
  ui_begin(r, p, T(r, "m.match_title"), "match");
  Buf *b = &p->body;
  ui_css(b, "match");
  hp(b, "<div class=\"page-head\"><h1>%s</h1><div class=\"head-actions\"><a class=\"button\" href=\"/opportunities\">%s</a></div></div>\n",
     T(r, "m.match_title"), T(r, "m.opps_title"));
  hp(b, "<p class=\"note\">%s</p>\n", T(r, "m.match_intro"));
  hp(b, "<form class=\"filters\" method=\"get\" action=\"/match\" role=\"search\">\n");
  hp(b, "<div class=\"field grow\"><label for=\"text\">%s</label><textarea id=\"text\" name=\"text\" rows=\"2\" placeholder=\"%s\"%R>%s</textarea>",
     T(r, "m.text"), T(r, "m.text_hint"), ui_aria(r, &e, "text", 0, 0), q.zText ? q.zText : "");
  hp(b, "</div>\n<div class=\"field\"><label for=\"industries\">%s</label><input id=\"industries\" name=\"industries\" value=\"%s\" placeholder=\"26, 72\"%R></div>\n",
     T(r, "m.industries"), q.zIndustries ? q.zIndustries : "", ui_aria(r, &e, "industries", 0, 0));
  hp(b, "<div class=\"field\"><label for=\"countries\">%s</label><input id=\"countries\" name=\"countries\" value=\"%s\" placeholder=\"US, SE\"%R></div>\n",
     T(r, "m.countries"), q.zCountries ? q.zCountries : "", ui_aria(r, &e, "countries", 0, 0));
  hp(b, "<div class=\"field\"><label for=\"direction\">%s</label><select id=\"direction\" name=\"direction\">", T(r, "m.direction"));
  ui_options(r, b, "m.dir", azDir, q.zDirection, T(r, "p.any"));
  hp(b, "</select></div>\n<div class=\"field\"><label for=\"kind\">%s</label><select id=\"kind\" name=\"kind\">", T(r, "m.my_kind"));
  ui_options(r, b, "m.kind", azKind, q.zKind, T(r, "p.any"));
  hp(b, "</select></div>\n<div class=\"field\"><label for=\"side\">%s</label><select id=\"side\" name=\"side\">", T(r, "m.my_side"));
  ui_options(r, b, "o.side", azSide, q.zSide, T(r, "p.any"));
  hp(b, "</select></div>\n<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button>"
        " <a class=\"button\" href=\"/match\">%s</a></div>\n</form>\n", T(r, "m.find"), T(r, "p.reset"));
  if( st ){
    ui_alert(r, b, &e, 0);
  }else if( out ){
    ui_match_results(r, b, out, 1);
  }else{
    hp(b, "<p class=\"note\">%s</p>\n<ul class=\"m-chips\">", T(r, "m.examples"));
    static const char *const azEx[] = {"机器人 自动化", "stem cells regenerative medicine", "重型卡车出口",
      "silicon carbide power electronics", "干细胞临床研究", "energy efficiency district heating", 0};
    for(int i=0; azEx[i]; i++) hp(b, "<li><a href=\"/match?text=%u\">%s</a></li>", azEx[i], azEx[i]);
    hp(b, "</ul>\n");
  }
  json_decref(out);
  ui_end(r, p);
}

/* WEBPAGE: GET /search (partners, organisations, opportunities) */
void ui_search_page(Req *r, Resp *p){
  static const char *const azParam[] = {"q", "lang", 0};
  ui_prepare(r, p);
  Err e;
  memset(&e, 0, sizeof e);
  const char *zQ = ui_param(r, "q");
  json_t *out = 0;
  YcStatus st = http_check_params(r, azParam, &e);
  if( !st && zQ ) st = search_run(&r->ctx, zQ, 0, "10", &out, &e);
  if( st && st!=YC_EINVALID ){ ui_error(r, p, &e); return; }
  if( st ) p->status = 400;
  ui_begin(r, p, T(r, "m.search_title"), 0);
  Buf *b = &p->body;
  ui_css(b, "match");
  hp(b, "<h1>%s</h1>\n<form class=\"m-search\" method=\"get\" action=\"/search\" role=\"search\">"
        "<label for=\"q\" class=\"skip\">%s</label><input id=\"q\" name=\"q\" type=\"search\" value=\"%s\" placeholder=\"%s\">"
        "<button type=\"submit\" class=\"primary\">%s</button></form>\n",
     T(r, "m.search_title"), T(r, "p.q"), zQ ? zQ : "", T(r, "m.search_hint"), T(r, "p.q"));
  if( st ){
    ui_alert(r, b, &e, 0);
  }else if( out ){
    static const char *const azGroup[] = {"partners", "orgs", "opportunities"};
    hp(b, "<div class=\"m-groups\">\n");
    for(int g=0; g<3; g++){
      char zKey[40];
      snprintf(zKey, sizeof zKey, "m.search.%s", azGroup[g]);
      json_t *a = json_object_get(out, azGroup[g]), *x;
      size_t i;
      hp(b, "<section class=\"card\" id=\"s-%s\"><h2>%s <span class=\"m-other\">(%d)</span></h2>", azGroup[g], T(r, zKey),
         (int)json_array_size(a));
      if( json_array_size(a)==0 ) hp(b, "<p class=\"empty\">%s</p>", T(r, "m.search.none"));
      else{
        hp(b, "<ul class=\"m-items\">");
        json_array_foreach(a, i, x){
          const char *zName = g==2 ? ui_pick(r, x, "title_en", "title_zh") : ui_pick(r, x, "name_en", "name_zh");
          hp(b, "<li><a href=\"%s\">%s</a>", jstr(x, "url"), zName);
          if( g==2 ) hp(b, " <span class=\"badge s-%s\">%s</span>", jstr(x, "status"), ui_label(r, "m.status", jstr(x, "status")));
          else if( jstr(x, "country") ) hp(b, " <span class=\"m-other\">%s</span>", ui_country_name(r, jstr(x, "country")));
          hp(b, "</li>");
        }
        hp(b, "</ul>");
      }
      hp(b, "</section>\n");
    }
    hp(b, "</div>\n");
  }
  json_decref(out);
  ui_end(r, p);
}
