/*
** ui_opportunity.c: the opportunity marketplace (facets and full-text
** search), an opportunity's page with its ranked matches and expressions
** of interest, the add/edit forms, and the follow-up list of unanswered
** interests. All call the core functions of opportunity.c and match.c.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "web/route.h"
#include "web/record.h"
#include "web/review_web.h"
#include "core/review.h"
#include "web/ui_match.h"
#include "core/opportunity.h"
#include "core/audit.h"
#include "core/org.h"
#include "core/partner.h"
#include "core/match.h"
#include "core/city.h"
#include "core/input.h"
#include "core/vocab.h"
#include "base/json.h"
#include "base/date.h"

/* Badges of an opportunity: kind, category, direction, status. */
static void opp_badges(Req *r, Buf *b, json_t *o){
  ui_badge(r, b, "m.kind", jstr(o, "kind"), "k-");
  hp(b, " ");
  ui_badge(r, b, "m.cat", jstr(o, "category"), 0);
  hp(b, " ");
  ui_badge(r, b, "m.dir", jstr(o, "direction"), "d-");
  hp(b, " ");
  ui_badge(r, b, "m.status", jstr(o, "status"), "s-");
  /* Signed-in readers: the review state of one not published (core/review.h). */
  if( jstr(o, "review") && strcmp(jstr(o, "review"), "published")!=0 ){
    hp(b, " ");
    ui_badge(r, b, "review", jstr(o, "review"), "review-");
  }
}

static const char *const azListParam[] = {"q", "kind", "category", "direction", "industry", "country", "status",
  "org", "partner", "sort", "limit", "cursor", "unit", "lang", "flash", 0};

/* One facet block: each value links to the page with that filter. */
static void facet_block(Req *r, Buf *b, json_t *facets, const char *zKey, const char *zParam,
                        const char *zLabelPrefix, const char *zCur){
  json_t *a = json_object_get(facets, zKey), *x;
  size_t i;
  char zH[48];
  snprintf(zH, sizeof zH, "m.facet.%s", zKey);
  hp(b, "<h2>%s</h2><ul>", T(r, zH));
  if( zCur ) hp(b, "<li><a href=\"%s\">× %s</a></li>", ui_url_with(r, zParam, 0), T(r, "m.facet.all"));
  json_array_foreach(a, i, x){
    const char *zV = jstr(x, "value");
    const char *zLabel;
    if( strcmp(zKey, "industry")==0 ) zLabel = ui_industry_name(r, zV);
    else if( strcmp(zKey, "country")==0 ) zLabel = ui_country_name(r, zV);
    else zLabel = ui_label(r, zLabelPrefix, zV);
    char zN[24];
    snprintf(zN, sizeof zN, "%lld", (long long)json_integer_value(json_object_get(x, "count")));
    int bOn = zCur && strcmp(zCur, zV)==0;
    hp(b, "<li%R><a href=\"%s\">%s</a><span class=\"n\">%s</span></li>", bOn ? " class=\"on\"" : "",
       ui_url_with(r, zParam, zV), zLabel, zN);
  }
  if( json_array_size(a)==0 ) hp(b, "<li class=\"m-other\">—</li>");
  hp(b, "</ul>\n");
}

/* WEBPAGE: GET /opportunities (the marketplace) */
void ui_opp_list(Req *r, Resp *p){
  ui_prepare(r, p);
  Err e;
  memset(&e, 0, sizeof e);
  OppQuery q;
  memset(&q, 0, sizeof q);
  q.zQ = ui_param(r, "q");
  q.zKind = ui_param(r, "kind");
  q.zCategory = ui_param(r, "category");
  q.zDirection = ui_param(r, "direction");
  q.zIndustry = ui_param(r, "industry");
  q.zCountry = ui_param(r, "country");
  q.zStatus = ui_param(r, "status");
  q.zOrg = ui_param(r, "org");
  q.zPartner = ui_param(r, "partner");
  q.zSort = ui_param(r, "sort");
  q.zLimit = ui_param(r, "limit");
  q.zCursor = ui_param(r, "cursor");
  q.zUnit = ui_param(r, "unit");
  q.zFacets = "1";
  q.bPrev = 1;
  /* The marketplace shows open opportunities unless asked otherwise. */
  const char *zShownStatus = q.zStatus;
  if( !q.zStatus ){ q.zStatus = "open"; zShownStatus = "open"; }
  else if( strcmp(q.zStatus, "all")==0 ){ q.zStatus = 0; zShownStatus = 0; }
  json_t *list = 0;
  YcStatus st = http_check_params(r, azListParam, &e);
  if( !st ) st = opp_list(&r->ctx, &q, &list, &e);
  if( st && st!=YC_EINVALID ){ ui_error(r, p, &e); return; }
  if( st ) p->status = 400;
  ui_begin(r, p, T(r, "m.opps_title"), "opportunities");
  Buf *b = &p->body;
  ui_css(b, "match");
  hp(b, "<div class=\"page-head\"><h1>%s</h1><div class=\"head-actions\">", T(r, "m.opps_title"));
  ui_export_buttons(r, b, "/opportunities");
  if( r->zUser ){
    hp(b, "<a class=\"button primary\" href=\"/opportunities/new\">%s</a> <a class=\"button\" href=\"/interests\">%s</a> ",
       T(r, "m.opp_new"), T(r, "m.followup_title"));
  }
  hp(b, "<a class=\"button\" href=\"/match\">%s</a></div></div>\n", T(r, "m.match_title"));
  ui_flash(r, b);
  if( st ){
    ui_alert(r, b, &e, 0);
    hp(b, "<p><a href=\"/opportunities\">%s</a></p>\n", T(r, "p.reset"));
    ui_end(r, p);
    return;
  }
  json_t *facets = json_object_get(list, "facets");
  hp(b, "<div class=\"m-layout\">\n<aside class=\"m-facets\" aria-label=\"%s\">\n", T(r, "m.facets"));
  /* Status: "all" is a value of its own here. */
  {
    json_t *a = json_object_get(facets, "status"), *x;
    size_t i;
    hp(b, "<h2>%s</h2><ul>", T(r, "m.facet.status"));
    hp(b, "<li%R><a href=\"%s\">%s</a></li>", zShownStatus ? "" : " class=\"on\"", ui_url_with(r, "status", "all"), T(r, "m.facet.all"));
    json_array_foreach(a, i, x){
      const char *zV = jstr(x, "value");
      char zN[24];
      snprintf(zN, sizeof zN, "%lld", (long long)json_integer_value(json_object_get(x, "count")));
      hp(b, "<li%R><a href=\"%s\">%s</a><span class=\"n\">%s</span></li>",
         zShownStatus && strcmp(zShownStatus, zV)==0 ? " class=\"on\"" : "", ui_url_with(r, "status", zV),
         ui_label(r, "m.status", zV), zN);
    }
    hp(b, "</ul>\n");
  }
  facet_block(r, b, facets, "category", "category", "m.cat", q.zCategory);
  facet_block(r, b, facets, "direction", "direction", "m.dir", q.zDirection);
  facet_block(r, b, facets, "kind", "kind", "m.kind", q.zKind);
  facet_block(r, b, facets, "industry", "industry", 0, q.zIndustry);
  facet_block(r, b, facets, "country", "country", 0, q.zCountry);
  hp(b, "</aside>\n<div>\n");
  hp(b, "<form class=\"m-search\" method=\"get\" action=\"/opportunities\" role=\"search\">");
  /* Keep the facet filters when searching. */
  static const char *const azKeep[] = {"kind", "category", "direction", "industry", "country", "status", 0};
  for(int i=0; azKeep[i]; i++){
    const char *z = ui_param(r, azKeep[i]);
    if( z ) hp(b, "<input type=\"hidden\" name=\"%s\" value=\"%s\">", azKeep[i], z);
  }
  hp(b, "<label for=\"q\" class=\"skip\">%s</label><input id=\"q\" name=\"q\" type=\"search\" value=\"%s\" placeholder=\"%s\">"
        "<button type=\"submit\" class=\"primary\">%s</button></form>\n",
     T(r, "p.q"), q.zQ ? q.zQ : "", T(r, "m.opp_q_hint"), T(r, "p.q"));
  char zCount[64], zTotal[96];
  snprintf(zCount, sizeof zCount, "%lld", (long long)json_integer_value(json_object_get(list, "total")));
  snprintf(zTotal, sizeof zTotal, T(r, "m.opp_count"), zCount);
  hp(b, "<p class=\"count\" id=\"count\">%s</p>\n", zTotal);
  json_t *items = json_object_get(list, "items"), *o;
  size_t i;
  if( json_array_size(items)==0 ) hp(b, "<p class=\"empty\">%s</p>\n", T(r, "m.opp_none"));
  else{
    hp(b, "<ul class=\"m-cards\" id=\"opportunities\">\n");
    json_array_foreach(items, i, o){
      int64_t id = json_integer_value(json_object_get(o, "id"));
      json_t *own = json_object_get(o, "owner");
      hp(b, "<li class=\"m-card\"><h3><a href=\"/opportunities/%D\">%s</a></h3><div class=\"m-meta\">", id,
         ui_pick(r, o, "title_en", "title_zh"));
      opp_badges(r, b, o);
      hp(b, " <span>%s</span>", ui_pick(r, own, "name_en", "name_zh"));
      if( jstr(own, "country") ) hp(b, " <span>· %s</span>", ui_country_name(r, jstr(own, "country")));
      if( jstr(o, "valid_until") ) hp(b, " <span>· %s <time>%s</time></span>", T(r, "m.valid_until"), jstr(o, "valid_until"));
      if( jstr(o, "published") ) hp(b, " <span>· %s <time>%s</time></span>", T(r, "m.published"), jstr(o, "published"));
      hp(b, "</div>");
      json_t *x;
      size_t k;
      if( json_array_size(json_object_get(o, "industries")) || json_array_size(json_object_get(o, "target_countries")) ){
        hp(b, "<div class=\"m-meta\">");
        json_array_foreach(json_object_get(o, "industries"), k, x) hp(b, "<span class=\"tag\">%s</span>", ui_industry_name(r, json_string_value(x)));
        json_array_foreach(json_object_get(o, "target_countries"), k, x) hp(b, "<span>→ %s</span>", ui_country_name(r, json_string_value(x)));
        hp(b, "</div>");
      }
      const char *zDesc = ui_pick(r, o, "description_en", "description_zh");
      if( *zDesc ){
        size_t n = strlen(zDesc);
        if( n>240 ){
          size_t k2 = 240;
          while( k2>0 && ((unsigned char)zDesc[k2] & 0xC0)==0x80 ) k2--;
          hp(b, "<p class=\"m-desc\">%s…</p>", arena_strndup(&r->arena, zDesc, k2));
        }else hp(b, "<p class=\"m-desc\">%s</p>", zDesc);
      }
      hp(b, "</li>\n");
    }
    hp(b, "</ul>\n");
  }
  const char *zNext = jstr(list, "next_cursor"), *zPrev = jstr(list, "prev_cursor");
  if( zNext || zPrev ){
    hp(b, "<nav class=\"pager\" aria-label=\"pages\">");
    if( zPrev ) hp(b, "<a rel=\"prev\" href=\"%s\">%s</a>", ui_url_with(r, "cursor", zPrev), T(r, "p.prev"));
    if( zNext ) hp(b, " <a rel=\"next\" href=\"%s\">%s</a>", ui_url_with(r, "cursor", zNext), T(r, "p.next"));
    hp(b, "</nav>\n");
  }
  hp(b, "</div>\n</div>\n");
  json_decref(list);
  ui_end(r, p);
}

/* <option>s of the organisations (bOrg) or the partner ties, values
** zPrefix + id: for the interest form and the owner select. */
static void owner_options(Req *r, Buf *b, const char *zCur, const char *zPrefix, int bOrg){
  json_t *rows = 0, *x;
  Err e = {0};
  size_t i;
  if( (bOrg ? org_options : partner_options)(&r->ctx, &rows, &e) ) return;
  json_array_foreach(rows, i, x){
    const char *zV = arena_printf(&r->arena, "%s%lld", zPrefix, jint(x, "id"));
    hp(b, "<option value=\"%s\"%R>%s", zV, zCur && strcmp(zCur, zV)==0 ? " selected" : "", ui_name(r, x));
    if( bOrg ) hp(b, " (%s)", ui_label(r, "o.side", jstr(x, "side")));
    hp(b, "</option>");
  }
  json_decref(rows);
}

/* The page of opportunity id below its head: detail, interests, ranked matches. */
static void opp_page(Req *r, Resp *p, json_t *o, int64_t id){
  Buf *b = &p->body;
  ui_review_box(r, p, REVIEW_OPP, id, o);
  hp(b, "<div class=\"cols\">\n<section class=\"card\"><div class=\"m-meta\">");
  opp_badges(r, b, o);
  hp(b, "</div><dl class=\"facts\">\n");
  json_t *own = json_object_get(o, "owner");
  hp(b, "<dt>%s</dt><dd><a href=\"/%s/%D\">%s</a>", T(r, "m.owner"), strcmp(jstr(own, "type"), "org")==0 ? "orgs" : "partners",
     (int64_t)json_integer_value(json_object_get(own, "id")), ui_pick(r, own, "name_en", "name_zh"));
  if( jstr(own, "country") ) hp(b, " · %s", ui_country_name(r, jstr(own, "country")));
  hp(b, "</dd>\n");
  if( jstr(o, "title_zh") && jstr(o, "title_en") )
    hp(b, "<dt>%s</dt><dd lang=\"%s\">%s</dd>\n", T(r, "m.title_other"), ui_zh(r) ? "en" : "zh-Hans", ui_zh(r) ? jstr(o, "title_en") : jstr(o, "title_zh"));
  json_t *x;
  size_t i;
  if( json_array_size(json_object_get(o, "industries")) ){
    hp(b, "<dt>%s</dt><dd>", T(r, "m.industries"));
    json_array_foreach(json_object_get(o, "industries"), i, x) hp(b, "<span class=\"tag\">%s</span> ", ui_industry_name(r, json_string_value(x)));
    hp(b, "</dd>\n");
  }
  if( json_array_size(json_object_get(o, "target_countries")) || json_array_size(json_object_get(o, "target_cities")) ){
    hp(b, "<dt>%s</dt><dd>", T(r, "m.targets"));
    json_array_foreach(json_object_get(o, "target_countries"), i, x) hp(b, "%R%s", i ? ", " : "", ui_country_name(r, json_string_value(x)));
    json_array_foreach(json_object_get(o, "target_cities"), i, x)
      hp(b, "%R%s", i || json_array_size(json_object_get(o, "target_countries")) ? ", " : "", ui_pick(r, x, "name_en", "name_zh"));
    hp(b, "</dd>\n");
  }
  hp(b, "<dt>%s</dt><dd>%s</dd>\n", T(r, "m.valid_until"), jstr(o, "valid_until") ? jstr(o, "valid_until") : "—");
  hp(b, "<dt>%s</dt><dd>", T(r, "m.published"));
  Date dPub;
  const char *zPub = jstr(o, "published");
  ui_date(r, b, zPub, zPub && date_parse(zPub, &dPub)==DATE_OK ? date_prec_name(dPub.prec) : 0);
  hp(b, "</dd>\n");
  if( jstr(o, "contact") && r->zUser ) hp(b, "<dt>%s</dt><dd>%s</dd>\n", T(r, "m.contact"), jstr(o, "contact"));
  hp(b, "<dt>%s</dt><dd>%s</dd>\n</dl>\n", T(r, "m.updated"), jstr(o, "updated_at"));
  const char *zDesc = ui_pick(r, o, "description_en", "description_zh");
  if( *zDesc ) hp(b, "<h3>%s</h3><p class=\"pre\">%s</p>\n", T(r, "m.description"), zDesc);
  const char *zOther = ui_zh(r) ? jstr(o, "description_en") : jstr(o, "description_zh");
  if( zOther && jstr(o, ui_zh(r) ? "description_zh" : "description_en") )
    hp(b, "<details><summary>%s</summary><p class=\"pre\" lang=\"%s\">%s</p></details>\n", T(r, "m.other_language"),
       ui_zh(r) ? "en" : "zh-Hans", zOther);
  ui_sources(b, json_object_get(o, "sources"), 1, T(r, "m.sources"), 0);
  hp(b, "</section>\n");

  /* Interests: the owner and the office see them (logged-in users). */
  hp(b, "<section class=\"card\" id=\"interests\"><h2>%s</h2>\n", T(r, "m.interests"));
  if( r->zUser ){
    json_t *li = 0;
    Err e2;
    if( interest_list(&r->ctx, id, &li, &e2)==YC_OK ){
      json_t *a = json_object_get(li, "items");
      if( json_array_size(a)==0 ) hp(b, "<p class=\"empty\">%s</p>\n", T(r, "m.interest_none"));
      else{
        hp(b, "<ul class=\"m-items\">\n");
        /* The versions of the interests: their buttons send them back. */
        json_t *ids = json_array();
        json_array_foreach(a, i, x) json_array_append_new(ids, json_integer(jint(x, "id")));
        json_t *ver = audit_versions(&r->ctx, "interest", ids);
        json_decref(ids);
        json_array_foreach(a, i, x){
          json_t *org = json_object_get(x, "org");
          int64_t iid = json_integer_value(json_object_get(x, "id"));
          hp(b, "<li><a href=\"/orgs/%D\">%s</a> <span class=\"badge\">%s</span> <span class=\"m-other\">%s</span>"
                "<p class=\"m-desc pre\">%s</p>", (int64_t)json_integer_value(json_object_get(org, "id")),
             ui_pick(r, org, "name_en", "name_zh"), ui_label(r, "m.istatus", jstr(x, "status")),
             jstr(x, "created_at"), jstr(x, "message"));
          static const char *const azNext[] = {"forwarded", "accepted", "declined", 0};
          for(int k=0; azNext[k]; k++){
            if( strcmp(azNext[k], jstr(x, "status"))==0 ) continue;
            hp(b, "<form class=\"m-inline\" method=\"post\" action=\"/interests/%D/status\">", iid);
            ui_csrf_field(r, p);
            hp(b, "<input type=\"hidden\" name=\"_version\" value=\"%D\">", (int64_t)jint(ver, arena_printf(&r->arena, "%lld", (long long)iid)));
            hp(b, "<input type=\"hidden\" name=\"status\" value=\"%s\"><input type=\"hidden\" name=\"back\" value=\"%D\">"
                  "<button type=\"submit\">%s</button></form> ", azNext[k], id, ui_label(r, "m.iaction", azNext[k]));
          }
          hp(b, "</li>\n");
        }
        json_decref(ver);
        hp(b, "</ul>\n");
      }
      json_decref(li);
    }
    if( strcmp(jstr(o, "status"), "open")==0 ){
      hp(b, "<h3>%s</h3><form method=\"post\" action=\"/opportunities/%D/interest\" class=\"m-interest\">", T(r, "m.interest_add"), id);
      ui_csrf_field(r, p);
      hp(b, "<div class=\"field\"><label for=\"org_id\">%s</label><select id=\"org_id\" name=\"org_id\" required>"
            "<option value=\"\">—</option>", T(r, "m.interest_org"));
      owner_options(r, b, 0, "", 1);
      hp(b, "</select></div><div class=\"field\"><label for=\"message\">%s</label><textarea id=\"message\" name=\"message\" rows=\"3\" required></textarea></div>"
            "<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button></div></form>\n",
         T(r, "m.interest_message"), T(r, "m.interest_send"));
    }
  }else{
    char zN[24];
    snprintf(zN, sizeof zN, "%lld", (long long)json_integer_value(json_object_get(o, "interests")));
    char zMsg[160];
    snprintf(zMsg, sizeof zMsg, T(r, "m.interest_count"), zN);
    hp(b, "<p>%s</p><p><a href=\"/login?next=%u\">%s</a></p>\n", zMsg, r->zPath, T(r, "m.interest_login"));
  }
  hp(b, "</section>\n</div>\n");

  /* Matches. */
  hp(b, "<section class=\"card\" id=\"matches\"><h2>%s</h2>\n", T(r, "m.matches"));
  if( strcmp(jstr(o, "status"), "open")!=0 ) hp(b, "<p class=\"note\">%s</p>\n", T(r, "m.matches_closed"));
  MatchQuery mq;
  memset(&mq, 0, sizeof mq);
  mq.oppId = id;
  json_t *out = 0;
  Err e3;
  if( match_run(&r->ctx, &mq, &out, &e3)==YC_OK ) ui_match_results(r, b, out, 0);
  else hp(b, "<p class=\"alert\">%s</p>\n", e3.zMsg);
  json_decref(out);
  hp(b, "</section>\n");
}

/* WEBPAGE: GET /opportunities/{id} (detail, ranked matches, interests) */
void ui_opp_page(Req *r, Resp *p){ rec_page(&recOpportunity, r, p); }

/* --- the record type: its form ------------------------------------------- */

/* The owner <select>: organisations, then partner ties ("org:ID", "partner:ID"). */
static void owner_select(UiForm *fm, const UiField *f){
  Req *r = fm->r;
  Buf *b = fm->b;
  hp(b, "<select id=\"%s\" name=\"%s\"%R><option value=\"\">—</option><optgroup label=\"%s\">", f->zName, f->zName, ui_field_aria(fm, f),
     T(r, "m.owner_orgs"));
  owner_options(r, b, f->zValue, "org:", 1);
  hp(b, "</optgroup><optgroup label=\"%s\">", T(r, "m.owner_partners"));
  owner_options(r, b, f->zValue, "partner:", 0);
  hp(b, "</optgroup></select>");
}

static void opp_fields(UiForm *fm, const Form *v, const char *zId){
  Req *r = fm->r;
  Buf *b = fm->b;
  (void)zId;
  hp(b, "<div class=\"row\">");
  ui_field(fm, &(UiField){.zName = "kind", .zLabel = T(r, "m.kind_label"), .zValue = form_get(v, "kind"), .eType = UI_SELECT,
    .zPrefix = "m.kind", .azEnum = azOppKind});
  ui_field(fm, &(UiField){.zName = "category", .zLabel = T(r, "m.category"), .zValue = form_get(v, "category"), .eType = UI_SELECT,
    .zPrefix = "m.cat", .azEnum = azOppCategory});
  ui_field(fm, &(UiField){.zName = "direction", .zLabel = T(r, "m.direction"), .zValue = form_get(v, "direction"), .eType = UI_SELECT,
    .zPrefix = "m.dir", .azEnum = azOppDirection});
  hp(b, "</div>\n");
  ui_field(fm, &(UiField){.zName = "owner", .zField = "org_id partner_id", .zLabel = T(r, "m.owner"), .zValue = form_get(v, "owner"),
    .eType = UI_SELECT, .xControl = owner_select});
  hp(b, "<div class=\"row\">");
  ui_field(fm, &(UiField){.zName = "title_zh", .zLabel = T(r, "m.title_zh"), .zValue = form_get(v, "title_zh")});
  ui_field(fm, &(UiField){.zName = "title_en", .zLabel = T(r, "m.title_en"), .zValue = form_get(v, "title_en")});
  hp(b, "</div>\n");
  ui_field(fm, &(UiField){.zName = "description_zh", .zLabel = T(r, "m.description_zh"), .zValue = form_get(v, "description_zh"),
    .eType = UI_TEXTAREA, .nRows = 5});
  ui_field(fm, &(UiField){.zName = "description_en", .zLabel = T(r, "m.description_en"), .zValue = form_get(v, "description_en"),
    .eType = UI_TEXTAREA, .nRows = 5});
  hp(b, "<div class=\"row\">");
  ui_field(fm, &(UiField){.zName = "industries", .zLabel = T(r, "m.industries"), .zValue = form_get(v, "industries"),
    .zHint = T(r, "o.industries_hint")});
  ui_field(fm, &(UiField){.zName = "target_countries", .zLabel = T(r, "m.targets"), .zValue = form_get(v, "target_countries"),
    .zHint = T(r, "m.countries_hint")});
  hp(b, "</div>\n<div class=\"row\">");
  ui_field(fm, &(UiField){.zName = "valid_until", .zLabel = T(r, "m.valid_until"), .zValue = form_get(v, "valid_until"),
    .eAttr = UI_ATTR_DATE, .zHint = "YYYY-MM-DD"});
  ui_field(fm, &(UiField){.zName = "status", .zLabel = T(r, "m.facet.status"), .eType = UI_SELECT, .zPrefix = "m.status",
    .azEnum = azOppStatus, .zValue = form_get(v, "status") ? form_get(v, "status") : "open"});
  ui_field(fm, &(UiField){.zName = "contact", .zLabel = T(r, "m.contact"), .zValue = form_get(v, "contact")});
  hp(b, "</div>\n");
  ui_field(fm, &(UiField){.zName = "published", .zLabel = T(r, "m.published"), .zValue = form_get(v, "published"),
    .zHint = T(r, "m.published_hint")});
  ui_field(fm, &(UiField){.zName = "sources", .zLabel = T(r, "m.sources"), .zValue = form_get(v, "sources"),
    .eType = UI_TEXTAREA, .nRows = 3, .zHint = T(r, "m.sources_hint")});
  ui_unit_field(fm, v);
  ui_review_field(fm, v, zId);
}

/* The input of opp_create/update from the form; for an update, empty fields clear. */
static json_t *opp_input(Req *r, const Form *f, int bUpdate, Err *e, YcStatus *pSt){
  json_t *in = json_object();
  *pSt = YC_OK;
  static const char *const azText[] = {"kind", "category", "direction", "title_zh", "title_en", "description_zh",
    "description_en", "valid_until", "status", "contact", "published", 0};
  for(int i=0; azText[i]; i++){
    const char *z = form_get(f, azText[i]);
    if( z ) json_object_set_new(in, azText[i], json_string(z));
    else if( bUpdate && i>=3 && i!=8 ) json_object_set_new(in, azText[i], json_null());
  }
  const char *zOwner = form_get(f, "owner");
  long long v;
  if( zOwner && strncmp(zOwner, "org:", 4)==0 && !in_parse_int(zOwner + 4, 1, (long long)1e15, &v) )
    json_object_set_new(in, "org_id", json_integer(v));
  else if( zOwner && strncmp(zOwner, "partner:", 8)==0 && !in_parse_int(zOwner + 8, 1, (long long)1e15, &v) )
    json_object_set_new(in, "partner_id", json_integer(v));
  else if( zOwner || !bUpdate ){
    *pSt = err_set(e, YC_EINVALID, "required", "org_id", "choose the owner");
    return in;
  }
  json_t *a = 0;
  if( (*pSt = isic_codes_parse(form_get(f, "industries"), "industries", 0, 10, &a, e)) ) return in;
  json_object_set_new(in, "industries", a);
  if( (*pSt = country_codes_parse(&r->ctx, form_get(f, "target_countries"), "target_countries", 30, &a, e)) ) return in;
  json_object_set_new(in, "target_countries", a);
  /* The sources: one a line. */
  const char *zSrc = form_get(f, "sources");
  if( zSrc || bUpdate ){
    a = json_array();
    while( zSrc && *zSrc ){
      size_t n = strcspn(zSrc, "\r\n");
      size_t k = n;
      while( k && (zSrc[k-1]==' ' || zSrc[k-1]=='\t') ) k--;
      size_t j = 0;
      while( j<k && (zSrc[j]==' ' || zSrc[j]=='\t') ) j++;
      if( k>j ) json_array_append_new(a, json_stringn(zSrc + j, k - j));
      zSrc += n;
      while( *zSrc=='\r' || *zSrc=='\n' ) zSrc++;
    }
    json_object_set_new(in, "sources", a);
  }
  ui_unit_input(f, in, bUpdate, e, pSt);
  ui_review_input(f, bUpdate, in);
  return in;
}

static void opp_defaults(Req *r, Form *v){
  form_set(r, v, "kind", "offer");
  form_set(r, v, "direction", "going_out");
}

static void opp_values(Req *r, json_t *o, Form *v){
  ui_unit_values(r, o, v);
  static const char *const az[] = {"kind", "category", "direction", "title_zh", "title_en", "description_zh", "description_en",
    "valid_until", "status", "contact", "published", 0};
  for(int i=0; az[i]; i++) form_set(r, v, az[i], jstr(o, az[i]));
  form_set_join(r, v, "sources", json_object_get(o, "sources"), 0, "\n");
  json_t *own = json_object_get(o, "owner");
  form_set(r, v, "owner", arena_printf(&r->arena, "%s:%lld", jstr0(own, "type"), jint(own, "id")));
  form_set_join(r, v, "industries", json_object_get(o, "industries"), 0, ", ");
  form_set_join(r, v, "target_countries", json_object_get(o, "target_countries"), 0, ", ");
}

static const char *opp_title(Req *r, const json_t *o){
  return ui_pick(r, o, "title_en", "title_zh");
}

/* The contact only for logged-in users (the API answer of GET). */
static void opp_show(Req *r, json_t *o){
  /* rec_api_auth (REC_AUTH_OPTIONAL) has authenticated credentials sent. */
  if( !ctx_signed_in(&r->ctx) ) json_object_del(o, "contact");
}

const RecordType recOpportunity = {
  .zEntity = "opportunity",
  .zBase = "/opportunities", .zApi = "/api/v1/opportunities", .zNav = "opportunities", .zCss = "match", .eAuth = REC_AUTH_OPTIONAL,
  .zNewTitle = "m.opp_new", .zEditTitle = "m.opp_edit", .zDeleteTitle = "p.delete", .zAsk = "m.confirm_delete",
  .xGet = opp_get, .xCreate = opp_create, .xUpdate = opp_update, .xDelete = opp_delete, .xShow = opp_show,
  .xName = opp_title, .xPage = opp_page, .xDefaults = opp_defaults, .xValues = opp_values, .xInput = opp_input, .xFields = opp_fields,
};

/* WEBPAGE: GET /opportunities/new */
void ui_opp_new(Req *r, Resp *p){ rec_new(&recOpportunity, r, p); }
/* WEBPAGE: POST /opportunities/new */
void ui_opp_create(Req *r, Resp *p){ rec_create(&recOpportunity, r, p); }
/* WEBPAGE: GET /opportunities/{id}/edit */
void ui_opp_edit(Req *r, Resp *p){ rec_edit(&recOpportunity, r, p); }
/* WEBPAGE: POST /opportunities/{id}/edit */
void ui_opp_update(Req *r, Resp *p){ rec_update(&recOpportunity, r, p); }
/* WEBPAGE: GET /opportunities/{id}/delete (asks for confirmation) */
void ui_opp_delete_ask(Req *r, Resp *p){ rec_delete_ask(&recOpportunity, r, p); }
/* WEBPAGE: POST /opportunities/{id}/delete */
void ui_opp_delete(Req *r, Resp *p){ rec_delete(&recOpportunity, r, p); }

/* WEBPAGE: POST /opportunities/{id}/interest (express interest) */
void ui_interest_create(Req *r, Resp *p){
  Form f;
  Err e;
  int64_t id = 0;
  if( ui_post(r, p, &f, &id, &e) ) return;
  json_t *in = json_object(), *out = 0;
  long long v;
  const char *zOrg = form_get(&f, "org_id");
  if( zOrg && !in_parse_int(zOrg, 1, (long long)1e15, &v) ) json_object_set_new(in, "org_id", json_integer(v));
  if( form_get(&f, "message") ) json_object_set_new(in, "message", json_string(form_get(&f, "message")));
  YcStatus st = interest_create(&r->ctx, id, in, &out, &e);
  json_decref(in);
  json_decref(out);
  if( st ){
    if( e.st==YC_EINVALID || e.st==YC_ECONFLICT ){
      /* Back to the page with the message. */
      p->status = err_http_status(st);
      ui_begin(r, p, T(r, "m.interest_add"), "opportunities");
      hp(&p->body, "<section class=\"narrow\"><h1>%s</h1><p class=\"alert\" role=\"alert\">%s: %s</p>"
                   "<p><a href=\"/opportunities/%D#interests\">%s</a></p></section>\n",
         T(r, "m.interest_add"), e.zField, ui_err_text(r, &e), id, T(r, "err.back"));
      ui_end(r, p);
      return;
    }
    ui_error(r, p, &e);
    return;
  }
  ui_redirect(p, arena_printf(&r->arena, "/opportunities/%lld?flash=interest#interests", (long long)id));
}

/* WEBPAGE: POST /interests/{id}/status */
void ui_interest_status(Req *r, Resp *p){
  Form f;
  Err e;
  int64_t id = 0;
  if( ui_post(r, p, &f, &id, &e) ) return;
  json_t *in = json_object(), *out = 0;
  if( form_get(&f, "status") ) json_object_set_new(in, "status", json_string(form_get(&f, "status")));
  int64_t v = -1;
  YcStatus st = rec_form_version(&f, &v, &e);
  rec_expect_version(r, "interest", id, v);
  if( !st ) st = interest_update(&r->ctx, id, in, &out, &e);
  r->ctx.zIfEntity = 0;
  json_decref(in);
  long long back = 0;
  const char *zBack = form_get(&f, "back");
  if( rec_is_conflict(st, &e) ){
    /* Someone else answered it since the page was shown: nothing saved;
    ** the page shows it as it is now, with a notice. */
    if( zBack && !in_parse_int(zBack, 1, (long long)1e15, &back) )
      ui_redirect(p, arena_printf(&r->arena, "/opportunities/%lld?flash=changed#interests", back));
    else ui_redirect(p, "/interests");
    return;
  }
  if( st ){ ui_error(r, p, &e); return; }
  if( zBack && !in_parse_int(zBack, 1, (long long)1e15, &back) )
    ui_redirect(p, arena_printf(&r->arena, "/opportunities/%lld#interests", back));
  else ui_redirect(p, "/interests");
  json_decref(out);
}

/* WEBPAGE: GET /interests (unanswered expressions of interest, for follow-up) */
void ui_interest_list(Req *r, Resp *p){
  static const char *const azParam[] = {"days", "lang", 0};
  ui_prepare(r, p);
  if( ui_need_login(r, p) ) return;
  Err e;
  memset(&e, 0, sizeof e);
  json_t *out = 0;
  const char *zDays = ui_param(r, "days");
  YcStatus st = http_check_params(r, azParam, &e);
  if( !st ) st = interest_followup(&r->ctx, zDays, 0, &out, &e);
  if( st && st!=YC_EINVALID ){ ui_error(r, p, &e); return; }
  if( st ) p->status = 400;
  ui_begin(r, p, T(r, "m.followup_title"), "opportunities");
  Buf *b = &p->body;
  ui_css(b, "match");
  hp(b, "<h1>%s</h1>\n<form class=\"filters\" method=\"get\" action=\"/interests\"><div class=\"field small\">"
        "<label for=\"days\">%s</label><input id=\"days\" name=\"days\" inputmode=\"numeric\" value=\"%s\"%R></div>"
        "<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button></div></form>\n",
     T(r, "m.followup_title"), T(r, "m.followup_days"), zDays ? zDays : "14", ui_aria(r, &e, "days", 0, 0), T(r, "p.filter"));
  if( st ){
    ui_alert(r, b, &e, T(r, "m.followup_days"));
  }else{
    json_t *a = json_object_get(out, "items"), *x;
    size_t i;
    if( json_array_size(a)==0 ) hp(b, "<p class=\"empty\">%s</p>\n", T(r, "m.followup_none"));
    else{
      hp(b, "<div class=\"table-wrap\"><table class=\"list\" id=\"followup\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
            "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>\n",
         T(r, "m.opportunity"), T(r, "m.interest_org"), T(r, "m.facet.status"), T(r, "m.days_waiting"));
      json_array_foreach(a, i, x){
        json_t *org = json_object_get(x, "org");
        char zD[24];
        snprintf(zD, sizeof zD, "%lld", (long long)json_integer_value(json_object_get(x, "days_waiting")));
        hp(b, "<tr><td><a href=\"/opportunities/%D#interests\">%s</a></td><td>%s</td><td>%s</td><td class=\"num\">%s</td></tr>\n",
           (int64_t)json_integer_value(json_object_get(x, "opportunity_id")), ui_pick(r, x, "opportunity_title_en", "opportunity_title_zh"),
           ui_pick(r, org, "name_en", "name_zh"), ui_label(r, "m.istatus", jstr(x, "status")), zD);
      }
      hp(b, "</tbody></table></div>\n");
    }
  }
  json_decref(out);
  ui_end(r, p);
}
