/*
** ui_portal.c: the public portal, a read-only face of the partner network
** for citizens and partner cities: the map of the partner cities with
** counts and the city's reported figures, a page per partner (its city,
** the year and kind of the tie, its dated public record, its public
** events, the organisations working with it), the partner index (by
** continent and country, searchable in Chinese, English and pinyin),
** the public events, and "how to cooperate with us" (the open, published
** opportunities).
**
** Languages are in the path, so that every page has one URL per language
** (hreflang, Open Graph, the response cache): /portal/... is Chinese,
** /en/portal/... English; no cookie is read. The portal has its own layout
** (header, footer, /static/portal.css with its print part) without the
** internal navigation, sign-in or edit buttons.
**
** Only what anonymous visitors may see: every page reads through the core
** functions with an anonymous Ctx whoever asks (a signed-in visitor sees
** the same page), so drafts, records under review, private events and
** delegations, people's data, internal notes and health scores never
** appear; candidate ties (proposals, negotiations) are left out too. The
** answers are the same for everyone and cacheable (ROUTE_CACHE).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "web/ui_portal.h"
#include "web/ui.h"
#include "web/server.h"
#include "web/origin.h"
#include "core/partner.h"
#include "core/city.h"
#include "core/stats.h"
#include "core/event.h"
#include "core/exchange.h"
#include "core/opportunity.h"
#include "core/org.h"
#include "core/news.h"
#include "text/markdown.h"
#include "core/input.h"
#include "base/json.h"
#include "text/norm.h"

/* The continents in the order the portal lists them. */
static const char *const azPortalContinent[] = {"asia", "europe", "africa", "north_america", "south_america", "oceania", 0};

/* ---------------------------------------------------------------------------
** Layout
*/

/* Whether the page is the English one (/en/portal...). */
static int portal_en(Req *r){
  return strncmp(r->zPath, "/en/", 4)==0;
}

/* The path of portal page zRest ("", "/partners/3") in the page language. */
static const char *portal_url(Req *r, const char *zRest){
  return arena_printf(&r->arena, "%s/portal%s", portal_en(r) ? "/en" : "", zRest);
}

/* Every portal handler starts here: the language from the path and an
** anonymous context whatever credentials came with the request. */
static void portal_prepare(Req *r){
  r->zLang = portal_en(r) ? "en" : "zh";
  r->ctx.userId = 0;
  r->ctx.zRole = 0;
  r->ctx.zActor = "anonymous";
  r->ctx.unitId = r->ctx.orgId = 0;
  r->ctx.bOwnUnit = 0;
}

/* The home city's name in the page language: Chinese without the
** administrative 市 (济南市 -> 济南), for the site's name. */
static const char *portal_home_name(Req *r){
  json_t *city = 0;
  Err e;
  const char *z = "";
  if( city_get(&r->ctx, r->ctx.homeCityId, &city, &e)==YC_OK ){
    const char *zZh = jstr(city, "name_zh");
    if( ui_zh(r) && zZh && *zZh ){
      size_t n = strlen(zZh);
      if( n>6 && strcmp(zZh + n - 3, "市")==0 ) n -= 3;
      z = arena_strndup(&r->arena, zZh, n);
    }else{
      z = arena_strdup(&r->arena, jstr0(city, "name_en"));
    }
    json_decref(city);
  }
  return z;
}

/* The public base URL: the configured one (serve --public-url), else
** http(s)://HOST (https when a trusted proxy says so, web/origin.h) of the request when its Host is a plain host name; "" when
** there is neither (the tags that need it are left out). */
static const char *portal_base(Req *r){
  const char *z = server_public_url();
  if( z ) return z;
  const char *zHost = http_header(r, "Host");
  if( !zHost || !*zHost || strlen(zHost)>200 || strspn(zHost, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]")!=strlen(zHost) ) return "";
  return arena_printf(&r->arena, "%s://%s", origin_https(r) ? "https" : "http", zHost);
}

typedef struct PortalHead {
  const char *zTitle;    /* the page's own title; 0 on the home page */
  const char *zDesc;     /* meta description and og:description */
  const char *zNav;      /* "home", "partners", "events", "cooperate" */
  const char *zOgType;   /* "website" (0) or "article" */
  int bScript;           /* load app.js (the maps) */
  const char *zHome;     /* portal_home_name(), when the page has it already */
} PortalHead;

/* Doctype, head (title, description, Open Graph, hreflang), the portal's
** header and navigation; opens <main>. */
static void portal_begin(Req *r, Resp *p, const PortalHead *h){
  Buf *b = &p->body;
  int bEn = portal_en(r);
  const char *zSite = arena_printf(&r->arena, T(r, "portal.site"), h->zHome ? h->zHome : portal_home_name(r));
  const char *zTitle = h->zTitle ? arena_printf(&r->arena, "%s — %s", h->zTitle, zSite) : zSite;
  const char *zBase = portal_base(r);
  const char *zZhPath = bEn ? r->zPath + 3 : r->zPath;      /* /portal... */
  const char *zEnPath = arena_printf(&r->arena, "/en%s", zZhPath);
  p->status = p->status ? p->status : 200;
  p->zType = "text/html; charset=utf-8";
  http_add_header(p, "Content-Security-Policy",
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
  /* The same page for everyone (anonymous view): shared caches may keep it a minute. */
  http_add_header(p, "Cache-Control", p->status==200 ? "public, max-age=60" : "no-store");
  hp(b, "<!DOCTYPE html>\n<html lang=\"%s\" prefix=\"og: https://ogp.me/ns#\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>%s</title>\n"
        "<meta name=\"description\" content=\"%s\">\n",
     bEn ? "en" : "zh-Hans", zTitle, h->zDesc);
  if( *zBase ){
    hp(b, "<link rel=\"canonical\" href=\"%s%s\">\n", zBase, r->zPath);
    hp(b, "<link rel=\"alternate\" hreflang=\"zh-Hans\" href=\"%s%s\">\n", zBase, zZhPath);
    hp(b, "<link rel=\"alternate\" hreflang=\"en\" href=\"%s%s\">\n", zBase, zEnPath);
    hp(b, "<link rel=\"alternate\" hreflang=\"x-default\" href=\"%s%s\">\n", zBase, zZhPath);
  }
  hp(b, "<meta property=\"og:site_name\" content=\"%s\">\n<meta property=\"og:title\" content=\"%s\">\n"
        "<meta property=\"og:description\" content=\"%s\">\n<meta property=\"og:type\" content=\"%s\">\n",
     zSite, h->zTitle ? h->zTitle : zSite, h->zDesc, h->zOgType ? h->zOgType : "website");
  if( *zBase ) hp(b, "<meta property=\"og:url\" content=\"%s%s\">\n", zBase, r->zPath);
  hp(b, "<meta property=\"og:locale\" content=\"%s\">\n<meta property=\"og:locale:alternate\" content=\"%s\">\n"
        "<meta name=\"twitter:card\" content=\"summary\">\n",
     bEn ? "en_US" : "zh_CN", bEn ? "zh_CN" : "en_US");
  hp(b, "<link rel=\"stylesheet\" href=\"/static/portal.css\">\n"
        "<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">\n</head>\n<body class=\"portal\">\n");
  hp(b, "<a class=\"skip\" href=\"#main\">%s</a>\n<header class=\"ptop\">\n<div class=\"pbar\">\n"
        "<a class=\"pbrand\" href=\"%s\"><span class=\"plogo\" aria-hidden=\"true\">友</span> %s</a>\n",
     T(r, "nav.skip"), portal_url(r, ""), zSite);
  /* The same page in the other language, with its query (search, continent). */
  const char *zQs = strchr(ui_url_with(r, "lang", 0), '?');
  hp(b, "<p class=\"plang\"><a href=\"%s%s\" lang=\"%s\" hreflang=\"%s\">%s</a></p>\n",
     bEn ? zZhPath : zEnPath, zQs ? zQs : "", bEn ? "zh-Hans" : "en", bEn ? "zh-Hans" : "en", bEn ? "简体中文" : "English");
  hp(b, "</div>\n<nav class=\"pnav\" aria-label=\"%s\"><ul>\n", T(r, "portal.nav"));
  static const char *const azNav[][2] = {{"home", ""}, {"partners", "/partners"}, {"news", "/news"}, {"events", "/events"},
                                         {"cooperate", "/cooperate"}};
  for(size_t i=0; i<sizeof azNav/sizeof azNav[0]; i++){
    int bCur = h->zNav && strcmp(h->zNav, azNav[i][0])==0;
    hp(b, "<li><a href=\"%s\"%R>%s</a></li>\n", portal_url(r, azNav[i][1]), bCur ? " aria-current=\"page\"" : "",
       ui_label(r, "portal.nav", azNav[i][0]));
  }
  hp(b, "</ul></nav>\n</header>\n<main id=\"main\" class=\"pmain\">\n");
}

/* Close <main>; the footer: the pages, the data credits. */
static void portal_end(Req *r, Resp *p, const PortalHead *h){
  Buf *b = &p->body;
  hp(b, "</main>\n<footer class=\"pfoot\">\n<p>%s</p>\n<p class=\"pcredits\">%s</p>\n</footer>\n",
     T(r, "portal.footer"), T(r, "footer.sources"));
  if( h->bScript ) hp(b, "<script src=\"/static/app.js\"></script>\n");
  hp(b, "</body>\n</html>\n");
}

/* The portal's own error page (404 for a partner it does not show). */
static void portal_error(Req *r, Resp *p, const Err *e){
  buf_reset(&p->body);
  for(int i=0; i<p->nHeader; i++) free(p->azHeader[i]);
  p->nHeader = 0;
  p->status = err_http_status(e->st);
  const char *zTitle = e->st==YC_ENOTFOUND ? T(r, "err.404") : T(r, "err.generic");
  PortalHead h = {.zTitle = zTitle, .zDesc = zTitle};
  portal_begin(r, p, &h);
  hp(&p->body, "<section class=\"psection\"><h1>%s</h1>\n<p>%s</p>\n<p><a href=\"%s\">%s</a></p></section>\n",
     zTitle, e->st==YC_ENOTFOUND ? T(r, "portal.not_found") : ui_err_text(r, e), portal_url(r, ""), T(r, "portal.back_home"));
  portal_end(r, p, &h);
}

/* ---------------------------------------------------------------------------
** Parts
*/

/* The public ties (sister and cooperation cities, not candidates) of the
** list answer of partner_list (zQ, zContinent: its filters, or 0), as a
** new array; 0 on error (e set). */
static json_t *portal_ties(Req *r, const char *zQ, const char *zContinent, Err *e){
  PartnerQuery q;
  memset(&q, 0, sizeof q);
  q.zQ = zQ;
  q.zContinent = zContinent;
  q.zSort = "established";
  q.zLimit = "500";
  json_t *list = 0, *x, *a = json_array();
  size_t i;
  if( partner_list(&r->ctx, &q, &list, e) ){ json_decref(a); return 0; }
  json_array_foreach(json_object_get(list, "items"), i, x){
    if( strcmp(jstr0(x, "kind"), "candidate")!=0 ) json_array_append(a, x);
  }
  json_decref(list);
  return a;
}

/* A tie's name, and its name in the other language in muted type when it differs. */
static void portal_tie_name(Req *r, Buf *b, const json_t *t){
  const json_t *city = json_object_get(t, "city");
  const char *zName = ui_tie_name(r, t);
  const char *zOther = ui_zh(r) ? jstr(city, "name_en") : jstr(city, "name_zh");
  hp(b, "%s", zName);
  if( zOther && *zOther && strcmp(zOther, zName)!=0 ) hp(b, " <span class=\"pother\" lang=\"%s\">%s</span>", ui_zh(r) ? "en" : "zh-Hans", zOther);
}

/* The year of a date ("1983-01-14" -> "1983"), arena-allocated; 0 for none. */
static const char *portal_year(Req *r, const char *zDate){
  return zDate && strlen(zDate)>=4 ? arena_strndup(&r->arena, zDate, 4) : 0;
}

/* An event's dates: start, and " – end" when it has another end. */
static void portal_event_dates(Req *r, Buf *b, const json_t *x){
  ui_date(r, b, jstr(x, "start"), jstr(x, "start_precision"));
  const char *zEnd = jstr(x, "end");
  if( zEnd && strcmp(zEnd, jstr0(x, "start"))!=0 ){
    hp(b, " – ");
    ui_date(r, b, zEnd, jstr(x, "end_precision"));
  }
}

/* One event as a list item: dates, title, kind, city and place; with its
** description when bLong. */
static void portal_event_item(Req *r, Buf *b, const json_t *x, int bLong){
  hp(b, "<li class=\"pevent\" id=\"event-%D\"><p class=\"pwhen\">", (int64_t)jint(x, "id"));
  portal_event_dates(r, b, x);
  hp(b, "</p><h3>%s</h3><p class=\"pmeta\">", ui_pick(r, x, "title_en", "title_zh"));
  ui_badge(r, b, "evk", jstr(x, "kind"), 0);
  if( strcmp(jstr0(x, "status"), "held")!=0 ) hp(b, " %s", ui_label(r, "evs", jstr(x, "status")));
  const json_t *city = json_object_get(x, "city");
  if( json_is_object(city) ){
    hp(b, " · %s", ui_name(r, city));
    const json_t *country = json_object_get(city, "country");
    if( json_is_object(country) ) hp(b, ", %s", ui_name(r, country));
  }
  hp(b, "</p>");
  if( bLong ){
    if( jstr(x, "place") ) hp(b, "<p class=\"pplace\">%s</p>", jstr(x, "place"));
    if( jstr(x, "description") ) hp(b, "<p>%s</p>", jstr(x, "description"));
    ui_sources(b, json_object_get(x, "sources"), 1, T(r, "portal.sources"), 0);
  }
  hp(b, "</li>\n");
}

/* The public events of eq as a list; zNone when there is none. */
/* Published news items of query nq (core news_list with the anonymous
** context: published items only) as a list: date, kind, title linking to
** the item's portal page; zNone when there is none. */
static void portal_news_list(Req *r, Buf *b, NewsQuery *nq, const char *zNone){
  Err e;
  json_t *list = 0, *x;
  size_t i;
  if( news_list(&r->ctx, nq, &list, &e) ) list = 0;
  json_t *items = json_object_get(list, "items");
  if( !json_array_size(items) ){
    hp(b, "<p class=\"pempty\">%s</p>\n", zNone);
  }else{
    hp(b, "<ul class=\"pnews\">\n");
    json_array_foreach(items, i, x){
      hp(b, "<li><span class=\"pmeta\">");
      ui_date(r, b, jstr(x, "date"), jstr(x, "date_precision"));
      hp(b, " · %s</span><br><a href=\"%s\">%s</a></li>\n", ui_label(r, "newsk", jstr(x, "kind")),
         portal_url(r, arena_printf(&r->arena, "/news/%lld", (long long)jint(x, "id"))), ui_pick(r, x, "title_en", "title_zh"));
    }
    hp(b, "</ul>\n");
  }
  json_decref(list);
}

static void portal_events_list(Req *r, Buf *b, EventQuery *eq, int bLong, const char *zNone){
  json_t *list = 0, *x;
  Err e;
  size_t i;
  if( event_list(&r->ctx, eq, &list, &e) ) list = 0;
  json_t *items = json_object_get(list, "items");
  if( !json_array_size(items) ) hp(b, "<p class=\"pempty\">%s</p>\n", zNone);
  else{
    hp(b, "<ul class=\"pevents\">\n");
    json_array_foreach(items, i, x) portal_event_item(r, b, x, bLong);
    hp(b, "</ul>\n");
  }
  json_decref(list);
}

/* ---------------------------------------------------------------------------
** Pages
*/

/* WEBPAGE: GET /portal */
/* WEBPAGE: GET /en/portal */
void ui_portal_home(Req *r, Resp *p){
  portal_prepare(r);
  Err e;
  json_t *st = 0, *ties = 0;
  if( stats_get(&r->ctx, &st, &e) || !(ties = portal_ties(r, 0, 0, &e)) ){
    json_decref(st);
    portal_error(r, p, &e);
    return;
  }
  const char *zHome = portal_home_name(r);
  PortalHead h = {.zDesc = arena_printf(&r->arena, T(r, "portal.home_desc"), zHome), .zNav = "home", .bScript = 1, .zHome = zHome};
  portal_begin(r, p, &h);
  Buf *b = &p->body;
  const char *zSite = arena_printf(&r->arena, T(r, "portal.site"), zHome);

  /* Counts of the ties shown, by kind, countries and continent. */
  int64_t nSister = 0, nCoop = 0, nCountry = 0;
  json_t *byCont = json_object(), *countries = json_object(), *x;
  size_t i;
  json_array_foreach(ties, i, x){
    if( strcmp(jstr0(x, "kind"), "sister")==0 ) nSister++;
    else nCoop++;
    const char *zCont = jstr(x, "continent");
    if( zCont ) json_object_set_new(byCont, zCont, json_integer(jint(byCont, zCont) + 1));
    const char *zIso = jstr(json_object_get(json_object_get(x, "city"), "country"), "iso2");
    if( zIso && !json_object_get(countries, zIso) ){ json_object_set_new(countries, zIso, json_true()); nCountry++; }
  }
  hp(b, "<section class=\"phero\"><h1>%s</h1>\n<p class=\"plead\">%s</p>\n</section>\n", zSite, h.zDesc);
  hp(b, "<section class=\"pkpis\" aria-label=\"%s\">\n", T(r, "portal.counts"));
  hp(b, "<div class=\"pkpi\"><span class=\"pkpi-n\" id=\"n-sister\">%D</span> <span class=\"pkpi-l\">%s</span></div>\n",
     nSister, T(r, "portal.n_sister"));
  hp(b, "<div class=\"pkpi\"><span class=\"pkpi-n\" id=\"n-cooperation\">%D</span> <span class=\"pkpi-l\">%s</span></div>\n",
     nCoop, T(r, "portal.n_cooperation"));
  hp(b, "<div class=\"pkpi\"><span class=\"pkpi-n\" id=\"n-countries\">%D</span> <span class=\"pkpi-l\">%s</span></div>\n</section>\n",
     nCountry, T(r, "portal.n_countries"));
  /* The city's own reported figures, with their sources. */
  static const char *const azKind[] = {"sister", "cooperation", 0};
  int nRep = 0;
  for(int k=0; azKind[k]; k++){
    const json_t *rp = stats_reported_latest(json_object_get(st, "reported"), azKind[k]);
    if( !rp ) continue;
    if( nRep++==0 ) hp(b, "<section class=\"psection\" id=\"reported\"><h2>%s</h2>\n<ul class=\"preported\">\n", T(r, "portal.reported"));
    hp(b, "<li>");
    hp(b, T(r, "portal.reported_line"), jstr0(rp, "as_of"), ui_label(r, "kind", azKind[k]), (int)jint(rp, "count"));
    hp(b, "<br><span class=\"psource\">");
    ui_source(b, jstr0(rp, "source"));
    hp(b, "</span></li>\n");
  }
  if( nRep ) hp(b, "</ul>\n<p class=\"pnote\">%s</p>\n</section>\n", T(r, "portal.reported_note"));

  /* The map, and the ties by continent. */
  json_t *map = ui_map_data(r, "candidate");
  hp(b, "<section class=\"psection pmap\"><h2>%s</h2>\n<div id=\"worldmap\" class=\"worldmap\" data-href=\"%s\" role=\"img\" aria-label=\"%s\"></div>\n"
        "<script type=\"application/json\" id=\"map-data\">", T(r, "portal.map"), portal_url(r, "/partners/"), T(r, "portal.map_label"));
  html_json(b, map);
  json_decref(map);
  json_t *labels = json_pack("{s:s, s:s, s:s, s:s}", "sister", T(r, "kind.sister"), "cooperation", T(r, "kind.cooperation"),
                             "candidate", T(r, "kind.candidate"), "home", zHome);
  hp(b, "</script>\n<script type=\"application/json\" id=\"map-labels\">");
  html_json(b, labels);
  json_decref(labels);
  hp(b, "</script>\n<table class=\"pcont\"><caption>%s</caption><tbody>\n", T(r, "portal.by_continent"));
  for(int k=0; azPortalContinent[k]; k++){
    int64_t n = jint(byCont, azPortalContinent[k]);
    if( !n ) continue;
    hp(b, "<tr><th scope=\"row\"><a href=\"%s?continent=%u\">%s</a></th><td class=\"num\">%D</td></tr>\n",
       portal_url(r, "/partners"), azPortalContinent[k], ui_label(r, "continent", azPortalContinent[k]), n);
  }
  hp(b, "</tbody></table>\n<p><a class=\"pmore\" href=\"%s\">%s</a></p>\n</section>\n", portal_url(r, "/partners"), T(r, "portal.all_partners"));
  json_decref(byCont);
  json_decref(countries);

  /* Upcoming public events. */
  hp(b, "<section class=\"psection\" id=\"upcoming\"><h2>%s</h2>\n", T(r, "portal.upcoming"));
  EventQuery eq;
  memset(&eq, 0, sizeof eq);
  eq.zUpcoming = "1"; eq.zSort = "date"; eq.zLimit = "5";
  portal_events_list(r, b, &eq, 0, T(r, "portal.no_upcoming"));
  hp(b, "<p><a class=\"pmore\" href=\"%s\">%s</a></p>\n</section>\n", portal_url(r, "/events"), T(r, "portal.all_events"));

  /* The latest news. */
  hp(b, "<section class=\"psection\" id=\"news\"><h2>%s</h2>\n", T(r, "portal.latest_news"));
  NewsQuery nq;
  memset(&nq, 0, sizeof nq);
  nq.zLimit = "5";
  portal_news_list(r, b, &nq, T(r, "portal.no_news"));
  hp(b, "<p><a class=\"pmore\" href=\"%s\">%s</a></p>\n</section>\n", portal_url(r, "/news"), T(r, "portal.all_news"));

  /* How to cooperate. */
  OppQuery oq;
  memset(&oq, 0, sizeof oq);
  oq.zStatus = "open"; oq.zSort = "-updated"; oq.zLimit = "3";
  json_t *opps = 0;
  if( opp_list(&r->ctx, &oq, &opps, &e) ) opps = 0;
  hp(b, "<section class=\"psection\" id=\"cooperate\"><h2>%s</h2>\n<p>%s</p>\n", T(r, "portal.cooperate"), T(r, "portal.cooperate_intro"));
  if( json_array_size(json_object_get(opps, "items")) ){
    hp(b, "<ul class=\"plinks\">\n");
    json_array_foreach(json_object_get(opps, "items"), i, x){
      hp(b, "<li><a href=\"%s#opp-%D\">%s</a></li>\n", portal_url(r, "/cooperate"), (int64_t)jint(x, "id"), ui_pick(r, x, "title_en", "title_zh"));
    }
    hp(b, "</ul>\n");
  }
  char zN[96];
  snprintf(zN, sizeof zN, T(r, "portal.n_open"), (int)jint(opps, "total"));
  hp(b, "<p><a class=\"pmore\" href=\"%s\">%s</a></p>\n</section>\n", portal_url(r, "/cooperate"), zN);
  json_decref(opps);
  json_decref(ties);
  json_decref(st);
  portal_end(r, p, &h);
}

/* A country of the partner index and its sort key. */
typedef struct CountryKey { const char *zName, *zSort; } CountryKey;
static int country_key_cmp(const void *a, const void *b){
  const CountryKey *x = a, *y = b;
  int c = strcasecmp(x->zSort, y->zSort);
  return c ? c : strcmp(x->zName, y->zName);
}

/* WEBPAGE: GET /portal/partners */
/* WEBPAGE: GET /en/portal/partners */
void ui_portal_partners(Req *r, Resp *p){
  portal_prepare(r);
  Err e;
  memset(&e, 0, sizeof e);
  const char *zQ = ui_param(r, "q"), *zCont = ui_param(r, "continent");
  if( zCont && in_enum_index(azPortalContinent, zCont)<0 ) zCont = 0;   /* an unknown continent: all of them */
  json_t *ties = portal_ties(r, zQ, zCont, &e);
  if( !ties && e.st!=YC_EINVALID ){ portal_error(r, p, &e); return; }
  const char *zHome = portal_home_name(r);
  PortalHead h = {.zTitle = T(r, "portal.partners"), .zDesc = arena_printf(&r->arena, T(r, "portal.partners_desc"), zHome),
                  .zNav = "partners", .zHome = zHome};
  if( !ties ) p->status = 400;
  portal_begin(r, p, &h);
  Buf *b = &p->body;
  hp(b, "<h1>%s</h1>\n<p class=\"plead\">%s</p>\n", h.zTitle, h.zDesc);
  hp(b, "<form class=\"psearch\" method=\"get\" action=\"%s\" role=\"search\">\n"
        "<label for=\"q\">%s</label> <input id=\"q\" name=\"q\" type=\"search\" value=\"%s\" placeholder=\"%s\">\n",
     portal_url(r, "/partners"), T(r, "portal.search"), zQ ? zQ : "", T(r, "portal.search_hint"));
  hp(b, "<label for=\"continent\">%s</label> <select id=\"continent\" name=\"continent\">", T(r, "p.continent"));
  ui_options(r, b, "continent", azPortalContinent, zCont, T(r, "portal.all_continents"));
  hp(b, "</select>\n<button type=\"submit\">%s</button>\n</form>\n", T(r, "portal.search_button"));
  if( !ties ){
    ui_alert(r, b, &e, T(r, "portal.search"));
    portal_end(r, p, &h);
    return;
  }
  char zCount[96];
  snprintf(zCount, sizeof zCount, T(r, "portal.n_found"), (int)json_array_size(ties));
  hp(b, "<p class=\"pcount\" id=\"count\">%s</p>\n", zCount);
  /* By continent, then by country (in the page language's names). */
  for(int k=0; azPortalContinent[k]; k++){
    json_t *byCountry = json_object(), *x, *a;
    const char *zKey;
    size_t i;
    json_array_foreach(ties, i, x){
      if( strcmp(jstr0(x, "continent"), azPortalContinent[k])!=0 ) continue;
      const char *zCountry = ui_name(r, json_object_get(json_object_get(x, "city"), "country"));
      a = json_object_get(byCountry, zCountry);
      if( !a ){ a = json_array(); json_object_set_new(byCountry, zCountry, a); }
      json_array_append(a, x);
    }
    if( json_object_size(byCountry) ){
      hp(b, "<section class=\"psection\" id=\"%s\"><h2>%s</h2>\n<dl class=\"pcountries\">\n",
         azPortalContinent[k], ui_label(r, "continent", azPortalContinent[k]));
      /* The countries in alphabetical order: of their pinyin on Chinese pages. */
      CountryKey aKey[256];
      int n = 0;
      json_object_foreach(byCountry, zKey, a){
        if( n==256 ) break;
        char *zPy = ui_zh(r) ? text_pinyin(zKey) : 0;
        aKey[n].zName = zKey;
        /* "yin du yindu": the joined syllables, the last word, sort best. */
        const char *zJoined = zPy ? strrchr(zPy, ' ') : 0;
        aKey[n].zSort = zPy ? arena_strdup(&r->arena, zJoined ? zJoined + 1 : zPy) : zKey;
        free(zPy);
        n++;
      }
      qsort(aKey, (size_t)n, sizeof aKey[0], country_key_cmp);
      for(int u=0; u<n; u++){
        hp(b, "<dt>%s</dt>\n", aKey[u].zName);
        json_array_foreach(json_object_get(byCountry, aKey[u].zName), i, x){
          hp(b, "<dd><a href=\"%s\">", portal_url(r, arena_printf(&r->arena, "/partners/%lld", jint(x, "id"))));
          portal_tie_name(r, b, x);
          hp(b, "</a> ");
          ui_badge(r, b, "kind", jstr(x, "kind"), "kind-");
          const char *zYear = portal_year(r, jstr(json_object_get(x, "established"), "date"));
          if( zYear ) hp(b, " <span class=\"pyear\">%s</span>", zYear);
          hp(b, "</dd>\n");
        }
      }
      hp(b, "</dl>\n</section>\n");
    }
    json_decref(byCountry);
  }
  if( json_array_size(ties)==0 ) hp(b, "<p class=\"pempty\">%s</p>\n", T(r, "portal.none_found"));
  json_decref(ties);
  portal_end(r, p, &h);
}

/* The tie's dated public record: its signing, then the exchanges of the
** log (delegations, agreements, events held, ...), newest first. */
static void portal_milestones(Req *r, Buf *b, const json_t *t, int64_t id){
  json_t *log = 0, *x;
  Err e;
  size_t i;
  if( exchange_for_tie(&r->ctx, id, 30, &log, &e) ) log = 0;
  const json_t *est = json_object_get(t, "established");
  json_t *items = json_object_get(log, "items");
  hp(b, "<section class=\"psection\" id=\"milestones\"><h2>%s</h2>\n", T(r, "portal.milestones"));
  if( !json_array_size(items) && !jstr(est, "date") ){
    hp(b, "<p class=\"pempty\">%s</p>\n", T(r, "portal.no_milestones"));
  }else{
    hp(b, "<ol class=\"ptimeline\">\n");
    json_array_foreach(items, i, x){
      hp(b, "<li><p class=\"pwhen\">");
      ui_date(r, b, jstr(x, "date"), jstr(x, "precision"));
      hp(b, "</p><p>");
      ui_badge(r, b, "xk", jstr(x, "kind"), 0);
      hp(b, " %s</p></li>\n", jstr0(x, "title"));
    }
    if( jstr(est, "date") ){
      hp(b, "<li class=\"psigned\"><p class=\"pwhen\">");
      ui_date(r, b, jstr(est, "date"), jstr(est, "precision"));
      hp(b, "</p><p>%s</p></li>\n", ui_label(r, "portal.established", jstr(t, "kind")));
    }
    hp(b, "</ol>\n");
    if( jint(log, "total")>(long long)json_array_size(items) ){
      char z[96];
      snprintf(z, sizeof z, T(r, "portal.n_more"), (int)(jint(log, "total") - (long long)json_array_size(items)));
      hp(b, "<p class=\"pnote\">%s</p>\n", z);
    }
  }
  hp(b, "</section>\n");
  json_decref(log);
}

/* WEBPAGE: GET /portal/partners/{id} */
/* WEBPAGE: GET /en/portal/partners/{id} */
void ui_portal_partner(Req *r, Resp *p){
  portal_prepare(r);
  Err e;
  int64_t id = 0;
  json_t *t = 0;
  YcStatus st = http_arg_id(r, 0, &id, &e);
  if( !st ) st = partner_get(&r->ctx, id, &t, &e);
  if( !st && strcmp(jstr0(t, "kind"), "candidate")==0 ){
    st = err_set(&e, YC_ENOTFOUND, "not_found", "id", "no partner city with id %lld", (long long)id);
  }
  if( st ){ json_decref(t); portal_error(r, p, &e); return; }
  json_t *city = json_object_get(t, "city"), *country = json_object_get(city, "country");
  const char *zName = ui_tie_name(r, t), *zHome = portal_home_name(r);
  const char *zYear = portal_year(r, jstr(json_object_get(t, "established"), "date"));
  const char *zDesc = zYear
    ? arena_printf(&r->arena, T(r, "portal.partner_desc"), zName, ui_name(r, country), zHome, ui_label(r, "kind", jstr(t, "kind")), zYear)
    : arena_printf(&r->arena, T(r, "portal.partner_desc_noyear"), zName, ui_name(r, country), zHome, ui_label(r, "kind", jstr(t, "kind")));
  PortalHead h = {.zTitle = zName, .zDesc = zDesc, .zNav = "partners", .zOgType = "article", .bScript = 1, .zHome = zHome};
  portal_begin(r, p, &h);
  Buf *b = &p->body;
  hp(b, "<nav class=\"pcrumbs\" aria-label=\"%s\"><a href=\"%s\">%s</a> › <a href=\"%s?continent=%u\">%s</a></nav>\n",
     T(r, "portal.crumbs"), portal_url(r, "/partners"), T(r, "portal.partners"), portal_url(r, "/partners"),
     jstr0(t, "continent"), ui_label(r, "continent", jstr(t, "continent")));
  hp(b, "<h1>");
  portal_tie_name(r, b, t);
  hp(b, "</h1>\n<p class=\"plead\">%s</p>\n", zDesc);

  /* The city and the tie. */
  hp(b, "<div class=\"pcols\">\n<section class=\"psection\"><h2>%s</h2><dl class=\"pfacts\">\n", T(r, "portal.the_city"));
  if( jstr(city, "name_zh") ) hp(b, "<dt>%s</dt><dd lang=\"zh-Hans\">%s</dd>\n", T(r, "o.name_zh"), jstr(city, "name_zh"));
  hp(b, "<dt>%s</dt><dd lang=\"en\">%s</dd>\n", T(r, "o.name_en"), jstr0(city, "name_en"));
  if( ui_admin1(r, city) ) hp(b, "<dt>%s</dt><dd>%s</dd>\n", T(r, "p.admin1"), ui_admin1(r, city));
  hp(b, "<dt>%s</dt><dd>%s</dd>\n", T(r, "p.country"), ui_name(r, country));
  if( jint(city, "population")>0 ) hp(b, "<dt>%s</dt><dd>%s</dd>\n", T(r, "p.population"), ui_num(r, jint(city, "population")));
  hp(b, "</dl>\n");
  char zLat[32], zLng[32];
  snprintf(zLat, sizeof zLat, "%.4f", json_number_value(json_object_get(city, "lat")));
  snprintf(zLng, sizeof zLng, "%.4f", json_number_value(json_object_get(city, "lng")));
  hp(b, "<div class=\"minimap\" id=\"minimap\" data-lat=\"%s\" data-lng=\"%s\" data-name=\"%s\" role=\"img\" aria-label=\"%s\"></div>\n</section>\n",
     zLat, zLng, zName, T(r, "p.map"));
  hp(b, "<section class=\"psection\"><h2>%s</h2><dl class=\"pfacts\">\n<dt>%s</dt><dd>", T(r, "portal.the_tie"), T(r, "p.kind"));
  ui_badge(r, b, "kind", jstr(t, "kind"), "kind-");
  hp(b, "</dd>\n<dt>%s</dt><dd>", T(r, "portal.since"));
  ui_date(r, b, jstr(json_object_get(t, "established"), "date"), jstr(json_object_get(t, "established"), "precision"));
  hp(b, "</dd>\n");
  if( strcmp(jstr0(t, "status"), "ended")==0 ){
    hp(b, "<dt>%s</dt><dd>%s ", T(r, "p.status"), ui_label(r, "status", "ended"));
    ui_date(r, b, jstr(json_object_get(t, "ended"), "date"), jstr(json_object_get(t, "ended"), "precision"));
    hp(b, "</dd>\n");
  }
  if( jstr(t, "agreement") ) hp(b, "<dt>%s</dt><dd>%s</dd>\n", T(r, "p.agreement"), jstr(t, "agreement"));
  hp(b, "</dl>\n");
  ui_sources(b, json_object_get(t, "sources"), 1, T(r, "portal.sources"), 1);
  hp(b, "</section>\n</div>\n");

  portal_milestones(r, b, t, id);

  /* Its public events. */
  hp(b, "<section class=\"psection\" id=\"events\"><h2>%s</h2>\n", T(r, "portal.partner_events"));
  EventQuery eq;
  memset(&eq, 0, sizeof eq);
  eq.zTie = arena_printf(&r->arena, "%lld", (long long)id);
  eq.zLimit = "10";
  portal_events_list(r, b, &eq, 0, T(r, "portal.no_partner_events"));
  hp(b, "</section>\n");

  /* Its news: the published items an editor linked to it. */
  hp(b, "<section class=\"psection\" id=\"news\"><h2>%s</h2>\n", T(r, "portal.partner_news"));
  NewsQuery nq;
  memset(&nq, 0, sizeof nq);
  nq.zTie = eq.zTie;
  nq.zLimit = "10";
  portal_news_list(r, b, &nq, T(r, "portal.no_partner_news"));
  hp(b, "</section>\n");

  /* The organisations working with it (published ones: partner_get's anonymous answer). */
  json_t *orgs = json_object_get(t, "organisations"), *x;
  size_t i;
  hp(b, "<section class=\"psection\" id=\"orgs\"><h2>%s</h2>\n", T(r, "portal.orgs"));
  if( !json_array_size(orgs) ) hp(b, "<p class=\"pempty\">%s</p>\n", T(r, "portal.no_orgs"));
  else hp(b, "<ul class=\"porgs\">\n");
  json_array_foreach(orgs, i, x){
    hp(b, "<li><strong>%s</strong> <span class=\"pmeta\">%s · %s</span>", ui_name(r, x), ui_label(r, "o.type", jstr(x, "type")),
       ui_label(r, "portal.side", jstr(x, "side")));
    if( jstr(x, "role") ) hp(b, "<br>%s", jstr(x, "role"));
    hp(b, "</li>\n");
  }
  if( json_array_size(orgs) ) hp(b, "</ul>\n");
  hp(b, "</section>\n");
  json_decref(t);
  portal_end(r, p, &h);
}

/* WEBPAGE: GET /portal/events */
/* WEBPAGE: GET /en/portal/events */
void ui_portal_events(Req *r, Resp *p){
  portal_prepare(r);
  const char *zHome = portal_home_name(r);
  PortalHead h = {.zTitle = T(r, "portal.events"), .zDesc = arena_printf(&r->arena, T(r, "portal.events_desc"), zHome),
                  .zNav = "events", .zHome = zHome};
  portal_begin(r, p, &h);
  Buf *b = &p->body;
  hp(b, "<h1>%s</h1>\n<p class=\"plead\">%s</p>\n", h.zTitle, h.zDesc);
  hp(b, "<section class=\"psection\" id=\"upcoming\"><h2>%s</h2>\n", T(r, "portal.upcoming"));
  EventQuery eq;
  memset(&eq, 0, sizeof eq);
  eq.zUpcoming = "1"; eq.zSort = "date"; eq.zLimit = "50";
  portal_events_list(r, b, &eq, 1, T(r, "portal.no_upcoming"));
  hp(b, "</section>\n<section class=\"psection\" id=\"past\"><h2>%s</h2>\n", T(r, "portal.past_events"));
  memset(&eq, 0, sizeof eq);
  eq.zStatus = "held"; eq.zLimit = "30";
  portal_events_list(r, b, &eq, 1, T(r, "portal.no_past_events"));
  hp(b, "</section>\n");
  portal_end(r, p, &h);
}

/* WEBPAGE: GET /portal/cooperate */
/* WEBPAGE: GET /en/portal/cooperate */
void ui_portal_cooperate(Req *r, Resp *p){
  portal_prepare(r);
  Err e;
  const char *zHome = portal_home_name(r);
  PortalHead h = {.zTitle = T(r, "portal.cooperate"), .zDesc = arena_printf(&r->arena, T(r, "portal.cooperate_desc"), zHome),
                  .zNav = "cooperate", .zHome = zHome};
  portal_begin(r, p, &h);
  Buf *b = &p->body;
  hp(b, "<h1>%s</h1>\n<p class=\"plead\">%s</p>\n<p>%s</p>\n", h.zTitle, h.zDesc, T(r, "portal.cooperate_intro"));
  static const char *const azDir[] = {"bringing_in", "going_out", 0};
  for(int d=0; azDir[d]; d++){
    OppQuery oq;
    memset(&oq, 0, sizeof oq);
    oq.zStatus = "open"; oq.zDirection = azDir[d]; oq.zSort = "-updated"; oq.zLimit = "100";
    json_t *list = 0, *x;
    size_t i;
    if( opp_list(&r->ctx, &oq, &list, &e) ) list = 0;
    json_t *items = json_object_get(list, "items");
    hp(b, "<section class=\"psection\" id=\"%s\"><h2>%s</h2>\n<p class=\"pnote\">%s</p>\n", azDir[d],
       ui_label(r, "m.dir", azDir[d]), ui_label(r, "portal.dir_note", azDir[d]));
    if( !json_array_size(items) ) hp(b, "<p class=\"pempty\">%s</p>\n", T(r, "portal.no_opps"));
    json_array_foreach(items, i, x){
      const json_t *owner = json_object_get(x, "owner");
      hp(b, "<article class=\"popp\" id=\"opp-%D\"><h3>%s</h3>\n<p class=\"pmeta\">", (int64_t)jint(x, "id"), ui_pick(r, x, "title_en", "title_zh"));
      ui_badge(r, b, "m.kind", jstr(x, "kind"), 0);
      hp(b, " ");
      ui_badge(r, b, "m.cat", jstr(x, "category"), 0);
      hp(b, " %s: ", T(r, "portal.owner"));
      /* The owner: a partner city links to its portal page; an
      ** organisation shows its published website, its way in. */
      if( strcmp(jstr0(owner, "type"), "partner")==0 ){
        hp(b, "<a href=\"%s\">%s</a>", portal_url(r, arena_printf(&r->arena, "/partners/%lld", jint(owner, "id"))), ui_name(r, owner));
      }else{
        json_t *org = 0;
        hp(b, "%s", ui_name(r, owner));
        if( org_get(&r->ctx, jint(owner, "id"), &org, &e)==YC_OK ){
          const char *zWeb = jstr(org, "website");
          if( zWeb && (strncmp(zWeb, "https://", 8)==0 || strncmp(zWeb, "http://", 7)==0) )
            hp(b, " · <a href=\"%s\" rel=\"noopener noreferrer\">%s</a>", zWeb, T(r, "portal.website"));
          json_decref(org);
        }
      }
      if( json_array_size(json_object_get(x, "target_countries")) ){
        json_t *c;
        size_t k;
        hp(b, " · %s: ", T(r, "portal.countries"));
        json_array_foreach(json_object_get(x, "target_countries"), k, c){
          hp(b, "%R%s", k ? ", " : "", ui_country_name(r, json_string_value(c)));
        }
      }
      if( jstr(x, "valid_until") ){
        hp(b, " · %s ", T(r, "portal.valid_until"));
        ui_date(r, b, jstr(x, "valid_until"), 0);
      }
      hp(b, "</p>\n");
      const char *zText = ui_pick(r, x, "description_en", "description_zh");
      if( *zText ) hp(b, "<p>%s</p>\n", zText);
      ui_sources(b, json_object_get(x, "sources"), 1, T(r, "portal.sources"), 0);
      hp(b, "</article>\n");
    }
    hp(b, "</section>\n");
    json_decref(list);
  }
  portal_end(r, p, &h);
}

/* WEBPAGE: GET /portal/news */
/* WEBPAGE: GET /en/portal/news */
void ui_portal_news(Req *r, Resp *p){
  portal_prepare(r);
  const char *zHome = portal_home_name(r);
  PortalHead h = {.zTitle = T(r, "portal.news"), .zDesc = arena_printf(&r->arena, T(r, "portal.news_desc"), zHome),
                  .zNav = "news", .zHome = zHome};
  portal_begin(r, p, &h);
  Buf *b = &p->body;
  hp(b, "<h1>%s</h1>\n<p class=\"plead\">%s</p>\n<section class=\"psection\">\n", h.zTitle, h.zDesc);
  NewsQuery nq;
  memset(&nq, 0, sizeof nq);
  nq.zLimit = "200";
  portal_news_list(r, b, &nq, T(r, "portal.no_news"));
  hp(b, "</section>\n");
  portal_end(r, p, &h);
}

/* WEBPAGE: GET /portal/news/{id} */
/* WEBPAGE: GET /en/portal/news/{id} */
void ui_portal_news_item(Req *r, Resp *p){
  portal_prepare(r);
  Err e;
  int64_t id = 0;
  json_t *x = 0;
  YcStatus st = http_arg_id(r, 0, &id, &e);
  if( !st ) st = news_get(&r->ctx, id, &x, &e);      /* anonymous: published items only */
  if( st ){ portal_error(r, p, &e); return; }
  const char *zTitle = ui_pick(r, x, "title_en", "title_zh");
  const char *zBody = ui_pick(r, x, "body_en", "body_zh");
  /* The description: the start of the body's text, else the title. */
  const char *zDesc = zTitle;
  if( zBody && *zBody ){
    size_t n = strcspn(zBody, "\n");
    if( n>240 ){ n = 240; while( n>0 && ((unsigned char)zBody[n] & 0xC0)==0x80 ) n--; }
    zDesc = arena_strndup(&r->arena, zBody, n);
  }
  PortalHead h = {.zTitle = zTitle, .zDesc = zDesc, .zNav = "news", .zOgType = "article"};
  portal_begin(r, p, &h);
  Buf *b = &p->body;
  hp(b, "<article class=\"psection pnews-item\"><h1>%s</h1>\n<p class=\"pmeta\">", zTitle);
  ui_date(r, b, jstr(x, "date"), jstr(x, "date_precision"));
  hp(b, " · %s</p>\n", ui_label(r, "newsk", jstr(x, "kind")));
  if( zBody && *zBody ){
    char *zHtml = text_markdown_html(zBody, strlen(zBody));
    if( zHtml ) hp(b, "<div class=\"pbody\">%R</div>\n", zHtml);
    free(zHtml);
  }
  /* The partner cities it is about (confirmed links; anonymous answers carry no people). */
  json_t *l;
  size_t i;
  int bOpen = 0;
  json_array_foreach(json_object_get(x, "links"), i, l){
    if( strcmp(jstr0(l, "state"), "confirmed")!=0 || strcmp(jstr0(l, "type"), "tie")!=0 ) continue;
    if( !bOpen ){ hp(b, "<p class=\"plinks\">%s: ", T(r, "portal.news_partners")); bOpen = 1; }
    else hp(b, "、");
    hp(b, "<a href=\"%s\">%s</a>", portal_url(r, arena_printf(&r->arena, "/partners/%lld", (long long)jint(l, "target_id"))),
       ui_pick(r, l, "name_en", "name_zh"));
  }
  if( bOpen ) hp(b, "</p>\n");
  if( jstr(x, "source") ) hp(b, "<p class=\"psource\">%s: %s</p>\n", T(r, "portal.news_source"), jstr(x, "source"));
  hp(b, "<p><a class=\"pmore\" href=\"%s\">%s</a></p>\n</article>\n", portal_url(r, "/news"), T(r, "portal.all_news"));
  json_decref(x);
  portal_end(r, p, &h);
}
