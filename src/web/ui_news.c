/*
** ui_news.c: the pages of news and documents: the list with filters, the
** item's page (its text rendered from Markdown by cmark in safe mode, the
** records it mentions, the finder's suggestions for an editor to confirm or
** reject, attachments with an upload form), the forms (the record kit), and
** the "News" section of partner, organisation and event pages. All call
** core/news.c; drafts and suggestions are left out by core for anonymous
** visitors.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "web/route.h"
#include "web/news_web.h"
#include "web/record.h"
#include "base/json.h"
#include "core/news.h"
#include "core/audit.h"
#include "core/auth.h"
#include "core/perm.h"
#include "core/input.h"
#include "text/markdown.h"

/* ---------------------------------------------------------------------------
** Shared
*/
static const char *nw_title(Req *r, const json_t *x){
  return ui_pick(r, x, "title_en", "title_zh");
}

/* The HTML of Markdown z: cmark in safe mode (text/markdown.h) escapes
** text and drops raw HTML and javascript:, vbscript:, file: and data:
** URLs. Arena-allocated; "" for 0. */
static const char *news_md(Req *r, const char *z){
  if( !z ) return "";
  char *zHtml = text_markdown_html(z, strlen(z));
  const char *zOut = zHtml ? arena_strdup(&r->arena, zHtml) : "";
  free(zHtml);
  return zOut;
}

static const char *link_href(Req *r, const char *zType, int64_t id){
  const char *zBase = strcmp(zType, "tie")==0 ? "/partners" : strcmp(zType, "org")==0 ? "/orgs"
                    : strcmp(zType, "event")==0 ? "/events" : "/people";
  return arena_printf(&r->arena, "%s/%lld", zBase, (long long)id);
}

static const char *link_name(Req *r, const json_t *l){
  const char *z = ui_pick(r, l, "name_en", "name_zh");
  return *z ? z : jstr0(l, "surface");
}

/* A list of items (dates, titles, kinds). */
static void news_items(Req *r, Buf *b, json_t *items, const char *zId){
  json_t *x;
  size_t i;
  hp(b, "<ul class=\"news-items\" id=\"%s\">\n", zId);
  json_array_foreach(items, i, x){
    hp(b, "<li><span class=\"nowrap\">");
    ui_date(r, b, jstr(x, "date"), jstr(x, "date_precision"));
    hp(b, "</span> <a href=\"/news/%D\">%s</a> ", (int64_t)jint(x, "id"), nw_title(r, x));
    ui_badge(r, b, "newsk", jstr(x, "kind"), 0);
    if( strcmp(jstr0(x, "status"), "published")!=0 ){ hp(b, " "); ui_badge(r, b, "newss", jstr(x, "status"), "newss-"); }
    hp(b, "</li>\n");
  }
  hp(b, "</ul>\n");
}

/* ---------------------------------------------------------------------------
** The list
*/
static const char *const azListParam[] = {"q", "kind", "lang", "status", "tie", "org", "event", "year", "unit",
  "sort", "limit", "cursor", "flash", 0};

/* WEBPAGE: GET /news */
void ui_news_list(Req *r, Resp *p){
  ui_prepare(r, p);
  Err e;
  memset(&e, 0, sizeof e);
  NewsQuery q;
  memset(&q, 0, sizeof q);
  for(int i=0; azNewsParam[i]; i++){
    const char *z = http_param(r, azNewsParam[i]);
    q.az[i] = z && *z ? z : 0;
  }
  q.bPrev = 1;
  json_t *list = 0;
  YcStatus st = http_check_params(r, azListParam, &e);
  if( !st ) st = news_list(&r->ctx, &q, &list, &e);
  if( st && st!=YC_EINVALID ){ ui_error(r, p, &e); return; }
  if( st ) p->status = 400;
  ui_begin(r, p, T(r, "news.title"), "news");
  Buf *b = &p->body;
  ui_css(b, "exchange");    /* list tables stacked on narrow screens */
  ui_css(b, "news");
  hp(b, "<div class=\"page-head\"><h1>%s</h1><div class=\"head-actions\">", T(r, "news.title"));
  if( r->zUser ) hp(b, "<a class=\"button primary\" href=\"/news/new\">%s</a>", T(r, "news.new"));
  hp(b, "</div></div>\n");
  ui_flash(r, b);
  hp(b, "<p class=\"note\">%s</p>\n", T(r, "news.intro"));
  hp(b, "<form class=\"filters\" method=\"get\" action=\"/news\" role=\"search\">\n");
  hp(b, "<div class=\"field\"><label for=\"q\">%s</label><input id=\"q\" name=\"q\" value=\"%s\" type=\"search\"%R></div>\n",
     T(r, "news.search"), q.zQ ? q.zQ : "", ui_aria(r, &e, "q", 0, 0));
  hp(b, "<div class=\"field\"><label for=\"kind\">%s</label><select id=\"kind\" name=\"kind\">", T(r, "news.kind"));
  ui_options(r, b, "newsk", azNewsKind, q.zKind, T(r, "p.any"));
  hp(b, "</select></div>\n<div class=\"field\"><label for=\"lang\">%s</label><select id=\"lang\" name=\"lang\">", T(r, "news.lang"));
  ui_options(r, b, "newsl", azNewsLang, q.zLang, T(r, "p.any"));
  hp(b, "</select></div>\n");
  if( r->zUser ){
    hp(b, "<div class=\"field\"><label for=\"status\">%s</label><select id=\"status\" name=\"status\">", T(r, "news.status"));
    ui_options(r, b, "newss", azNewsStatus, q.zStatus, T(r, "p.any"));
    hp(b, "</select></div>\n");
  }
  hp(b, "<div class=\"field\"><label for=\"tie\">%s</label>", T(r, "news.partner"));
  ui_tie_select(r, b, "tie", q.zTie ? atoll(q.zTie) : 0, T(r, "p.any"));
  hp(b, "</div>\n<div class=\"field small\"><label for=\"year\">%s</label>"
        "<input id=\"year\" name=\"year\" value=\"%s\" placeholder=\"YYYY\" inputmode=\"numeric\"%R></div>\n",
     T(r, "news.year"), q.zYear ? q.zYear : "", ui_aria(r, &e, "year", 0, 0));
  ui_unit_filter(r, b, q.zUnit, T(r, "un.responsible"), T(r, "p.any"));
  hp(b, "<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button>"
        " <a class=\"button\" href=\"/news\">%s</a></div>\n</form>\n", T(r, "x.filter"), T(r, "x.reset"));
  if( st ){
    ui_alert(r, b, &e, 0);
    ui_end(r, p);
    return;
  }
  char zCount[96];
  snprintf(zCount, sizeof zCount, T(r, "news.count"), ui_num(r, json_integer_value(json_object_get(list, "total"))));
  hp(b, "<p class=\"count\" id=\"count\">%s</p>\n", zCount);
  json_t *items = json_object_get(list, "items"), *x;
  size_t i;
  if( json_array_size(items)==0 ) hp(b, "<p class=\"empty\">%s</p>\n", T(r, "news.none"));
  else{
    hp(b, "<div class=\"table-wrap\"><table class=\"list stack\" id=\"news-table\"><thead><tr><th scope=\"col\">%s</th>"
          "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
       T(r, "news.date"), T(r, "news.item_title"), T(r, "news.kind"), T(r, "news.lang"));
    if( r->zUser ) hp(b, "<th scope=\"col\">%s</th>", T(r, "news.status"));
    hp(b, "</tr></thead><tbody>\n");
    json_array_foreach(items, i, x){
      hp(b, "<tr><td class=\"nowrap\">");
      ui_date(r, b, jstr(x, "date"), jstr(x, "date_precision"));
      hp(b, "</td><td><a href=\"/news/%D\">%s</a></td><td data-label=\"%s\">", (int64_t)jint(x, "id"), nw_title(r, x), T(r, "news.kind"));
      ui_badge(r, b, "newsk", jstr(x, "kind"), 0);
      hp(b, "</td><td data-label=\"%s\">%s</td>", T(r, "news.lang"), ui_label(r, "newsl", jstr(x, "lang")));
      if( r->zUser ){
        hp(b, "<td data-label=\"%s\">", T(r, "news.status"));
        ui_badge(r, b, "newss", jstr(x, "status"), "newss-");
        hp(b, "</td>");
      }
      hp(b, "</tr>\n");
    }
    hp(b, "</tbody></table></div>\n");
  }
  ui_pager(r, b, list);
  json_decref(list);
  ui_end(r, p);
}

/* ---------------------------------------------------------------------------
** The item's page
*/
/* A form that sets the state of the item's link to (type, target). */
static void link_button(Req *r, Resp *p, int64_t id, int64_t v, const json_t *l, const char *zState, const char *zLabel,
                        const char *zClass){
  Buf *b = &p->body;
  hp(b, "<form method=\"post\" action=\"/news/%D/links\" class=\"inline\">", id);
  ui_csrf_field(r, p);
  hp(b, "<input type=\"hidden\" name=\"_version\" value=\"%D\"><input type=\"hidden\" name=\"type\" value=\"%s\">"
        "<input type=\"hidden\" name=\"target\" value=\"%D\"><input type=\"hidden\" name=\"state\" value=\"%s\">"
        "<button type=\"submit\" class=\"%s\">%s</button></form>",
     v, jstr0(l, "type"), (int64_t)jint(l, "target_id"), zState, zClass, zLabel);
}

static void news_links_section(Req *r, Resp *p, json_t *x, int64_t id, int64_t v){
  Buf *b = &p->body;
  json_t *links = json_object_get(x, "links"), *l;
  size_t i;
  int nConfirmed = 0, nSuggested = 0, nRejected = 0;
  json_array_foreach(links, i, l){
    const char *z = jstr0(l, "state");
    if( strcmp(z, "confirmed")==0 ) nConfirmed++;
    else if( strcmp(z, "suggested")==0 ) nSuggested++;
    else nRejected++;
  }
  int bEdit = r->zUser && perm_can(&r->ctx, "update", "news", id, x);
  if( !r->zUser && nConfirmed==0 ) return;
  hp(b, "<section class=\"card\" id=\"news-links\"><h2>%s</h2>\n", T(r, "news.mentions"));
  if( nConfirmed==0 ) hp(b, "<p class=\"empty\">%s</p>\n", T(r, "news.no_links"));
  else{
    hp(b, "<dl class=\"facts\" id=\"confirmed-links\">\n");
    for(int k=0; azNewsLinkType[k]; k++){
      int bOpen = 0;
      json_array_foreach(links, i, l){
        if( strcmp(jstr0(l, "state"), "confirmed")!=0 || strcmp(jstr0(l, "type"), azNewsLinkType[k])!=0 ) continue;
        if( !bOpen ){ hp(b, "<dt>%s</dt><dd><ul class=\"inline-list\">", ui_label(r, "newst", azNewsLinkType[k])); bOpen = 1; }
        hp(b, "<li><a href=\"%s\">%s</a>", link_href(r, jstr0(l, "type"), jint(l, "target_id")), link_name(r, l));
        if( bEdit ){ hp(b, " "); link_button(r, p, id, v, l, "rejected", T(r, "news.unlink"), "small"); }
        hp(b, "</li>");
      }
      if( bOpen ) hp(b, "</ul></dd>\n");
    }
    hp(b, "</dl>\n");
  }
  if( r->zUser && nSuggested ){
    hp(b, "<h3>%s</h3><p class=\"hint\">%s</p>\n<div class=\"table-wrap\"><table class=\"list stack\" id=\"suggested-links\">"
          "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
       T(r, "news.suggested"), T(r, "news.suggested_hint"), T(r, "news.link_type"), T(r, "news.link_record"), T(r, "news.link_match"));
    if( bEdit ) hp(b, "<th scope=\"col\">%s</th>", T(r, "news.link_decide"));
    hp(b, "</tr></thead><tbody>\n");
    json_array_foreach(links, i, l){
      if( strcmp(jstr0(l, "state"), "suggested")!=0 ) continue;
      hp(b, "<tr id=\"link-%s-%D\"><td>%s</td><td><a href=\"%s\">%s</a></td><td data-label=\"%s\">%s</td>",
         jstr0(l, "type"), (int64_t)jint(l, "target_id"), ui_label(r, "newst", jstr0(l, "type")),
         link_href(r, jstr0(l, "type"), jint(l, "target_id")), link_name(r, l), T(r, "news.link_match"), jstr0(l, "surface"));
      if( bEdit ){
        hp(b, "<td data-label=\"%s\">", T(r, "news.link_decide"));
        link_button(r, p, id, v, l, "confirmed", T(r, "news.confirm"), "primary");
        hp(b, " ");
        link_button(r, p, id, v, l, "rejected", T(r, "news.reject"), "");
        hp(b, "</td>");
      }
      hp(b, "</tr>\n");
    }
    hp(b, "</tbody></table></div>\n");
  }
  if( r->zUser && nRejected ){
    hp(b, "<details id=\"rejected-links\"><summary>%s</summary><ul>", T(r, "news.rejected"));
    json_array_foreach(links, i, l){
      if( strcmp(jstr0(l, "state"), "rejected")!=0 ) continue;
      hp(b, "<li>%s: <a href=\"%s\">%s</a> ", ui_label(r, "newst", jstr0(l, "type")),
         link_href(r, jstr0(l, "type"), jint(l, "target_id")), link_name(r, l));
      if( bEdit ) link_button(r, p, id, v, l, "confirmed", T(r, "news.confirm"), "small");
      hp(b, "</li>");
    }
    hp(b, "</ul></details>\n");
  }
  if( bEdit ){
    /* Link a partner the finder did not see. */
    hp(b, "<form method=\"post\" action=\"/news/%D/links\" class=\"form\" id=\"add-link\">", id);
    ui_csrf_field(r, p);
    hp(b, "<input type=\"hidden\" name=\"_version\" value=\"%D\"><input type=\"hidden\" name=\"type\" value=\"tie\">"
          "<input type=\"hidden\" name=\"state\" value=\"confirmed\"><div class=\"row\"><div class=\"field\">"
          "<label for=\"target\">%s</label>", v, T(r, "news.add_partner"));
    ui_tie_select(r, b, "target", 0, T(r, "x.none_option"));
    hp(b, "</div></div><div class=\"actions\"><button type=\"submit\">%s</button></div></form>\n", T(r, "news.add_link"));
  }
  hp(b, "</section>\n");
}

static void news_attachments_section(Req *r, Resp *p, json_t *x, int64_t id, int64_t v){
  Buf *b = &p->body;
  json_t *a = json_object_get(x, "attachments"), *y;
  size_t i;
  int bEdit = r->zUser && perm_can(&r->ctx, "update", "news", id, x);
  if( !json_array_size(a) && !bEdit ) return;
  hp(b, "<section class=\"card\" id=\"attachments\"><h2>%s</h2>\n", T(r, "news.attachments"));
  if( !json_array_size(a) ) hp(b, "<p class=\"empty\">%s</p>\n", T(r, "news.no_attachments"));
  else{
    hp(b, "<ul class=\"attachments\">\n");
    json_array_foreach(a, i, y){
      int64_t aid = jint(y, "id");
      hp(b, "<li><a href=\"/api/v1/news/%D/attachments/%D\" download>%s</a> <span class=\"muted\">%s · %s %s</span>",
         id, aid, jstr0(y, "filename"), jstr0(y, "mime"), ui_num(r, jint(y, "size")), T(r, "news.bytes"));
      if( bEdit ){
        hp(b, " <form method=\"post\" action=\"/news/%D/attachments/%D/delete\" class=\"inline\">", id, aid);
        ui_csrf_field(r, p);
        hp(b, "<input type=\"hidden\" name=\"_version\" value=\"%D\"><button type=\"submit\" class=\"danger small\">%s</button></form>",
           v, T(r, "p.delete"));
      }
      hp(b, "</li>\n");
    }
    hp(b, "</ul>\n");
  }
  if( bEdit ){
    hp(b, "<form method=\"post\" action=\"/news/%D/attachments\" enctype=\"multipart/form-data\" class=\"form upload\" id=\"upload-form\">", id);
    hp(b, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", r->zCsrf ? r->zCsrf : "");
    hp(b, "<div class=\"field\"><label for=\"file\">%s</label><input type=\"file\" id=\"file\" name=\"file\" required"
          " aria-describedby=\"file-hint\"><p class=\"hint\" id=\"file-hint\">%s</p></div>"
          "<div class=\"actions\"><button type=\"submit\">%s</button></div></form>\n",
       T(r, "news.file"), T(r, "news.file_hint"), T(r, "news.upload"));
  }
  hp(b, "</section>\n");
}

static void news_page(Req *r, Resp *p, json_t *x, int64_t id){
  Buf *b = &p->body;
  int64_t v = r->zUser ? audit_version(&r->ctx, "news", id) : 0;
  ui_css(b, "exchange");    /* list tables stacked on narrow screens */
  hp(b, "<section class=\"card\"><dl class=\"facts\">\n<dt>%s</dt><dd>", T(r, "news.date"));
  ui_date(r, b, jstr(x, "date"), jstr(x, "date_precision"));
  hp(b, "</dd>\n<dt>%s</dt><dd>", T(r, "news.kind"));
  ui_badge(r, b, "newsk", jstr(x, "kind"), 0);
  hp(b, "</dd>\n<dt>%s</dt><dd>%s</dd>\n<dt>%s</dt><dd>", T(r, "news.lang"), ui_label(r, "newsl", jstr(x, "lang")), T(r, "news.status"));
  ui_badge(r, b, "newss", jstr(x, "status"), "newss-");
  hp(b, "</dd>\n");
  json_t *u = json_object_get(x, "unit");
  if( json_is_object(u) ) hp(b, "<dt>%s</dt><dd>%s</dd>\n", T(r, "un.responsible"), ui_name(r, u));
  if( jstr(x, "source") ){
    hp(b, "<dt>%s</dt><dd class=\"source\">", T(r, "news.source"));
    /* Several sources are separated by " | ". */
    const char *z = jstr0(x, "source");
    int bFirst = 1;
    while( *z ){
      const char *zBar = strstr(z, " | ");
      size_t n = zBar ? (size_t)(zBar - z) : strlen(z);
      char *zPart = arena_strndup(&r->arena, z, n);
      if( !bFirst ) hp(b, " · ");
      ui_source(b, zPart);
      bFirst = 0;
      z += n;
      if( zBar ) z += 3;
    }
    hp(b, "</dd>\n");
  }
  hp(b, "</dl>\n");
  /* The text: the page language first. */
  const char *azLang[2] = {ui_zh(r) ? "zh" : "en", ui_zh(r) ? "en" : "zh"};
  for(int k=0; k<2; k++){
    const char *zBody = jstr(x, strcmp(azLang[k], "zh")==0 ? "body_zh" : "body_en");
    const char *zTitle = jstr(x, strcmp(azLang[k], "zh")==0 ? "title_zh" : "title_en");
    if( !zBody && !zTitle ) continue;
    hp(b, "<article class=\"prose\" lang=\"%s\" id=\"body-%s\">", azLang[k], azLang[k]);
    if( k==1 && zTitle ) hp(b, "<h2>%s</h2>", zTitle);
    hp(b, "%R</article>\n", news_md(r, zBody));
  }
  hp(b, "</section>\n");
  news_links_section(r, p, x, id, v);
  news_attachments_section(r, p, x, id, v);
}

/* WEBPAGE: GET /news/{id} */
void ui_news_page(Req *r, Resp *p){ rec_page(&recNews, r, p); }

/* ---------------------------------------------------------------------------
** Forms
*/
static void news_fields(UiForm *fm, const Form *v, const char *zId){
  Req *r = fm->r;
  Buf *b = fm->b;
  (void)zId;
  hp(b, "<div class=\"row\">");
  ui_field(fm, &(UiField){.zName = "kind", .zLabel = T(r, "news.kind"), .zValue = form_get(v, "kind"), .eType = UI_SELECT,
    .zPrefix = "newsk", .azEnum = azNewsKind});
  ui_field(fm, &(UiField){.zName = "lang", .zLabel = T(r, "news.lang"), .zValue = form_get(v, "lang"), .eType = UI_SELECT,
    .zPrefix = "newsl", .azEnum = azNewsLang, .zHint = T(r, "news.lang_hint")});
  ui_field(fm, &(UiField){.zName = "status", .zLabel = T(r, "news.status"), .zValue = form_get(v, "status"), .eType = UI_SELECT,
    .zPrefix = "newss", .azEnum = azNewsStatus, .zHint = T(r, "news.status_hint")});
  ui_field(fm, &(UiField){.zName = "date", .zLabel = T(r, "news.date"), .zValue = form_get(v, "date"), .zPlaceholder = "2025-09-18",
    .zHint = T(r, "x.date_hint")});
  hp(b, "</div>\n<div class=\"row\">");
  ui_field(fm, &(UiField){.zName = "title_zh", .zLabel = T(r, "news.title_zh"), .zValue = form_get(v, "title_zh"), .eAttr = UI_ATTR_MAX300});
  ui_field(fm, &(UiField){.zName = "title_en", .zLabel = T(r, "news.title_en"), .zValue = form_get(v, "title_en"), .eAttr = UI_ATTR_MAX300});
  hp(b, "</div>\n");
  ui_field(fm, &(UiField){.zName = "body_zh", .zLabel = T(r, "news.body_zh"), .zValue = form_get(v, "body_zh"), .eType = UI_TEXTAREA,
    .nRows = 10, .zHint = T(r, "news.body_hint")});
  ui_field(fm, &(UiField){.zName = "body_en", .zLabel = T(r, "news.body_en"), .zValue = form_get(v, "body_en"), .eType = UI_TEXTAREA,
    .nRows = 10});
  ui_field(fm, &(UiField){.zName = "source", .zLabel = T(r, "news.source"), .zValue = form_get(v, "source"),
    .zHint = T(r, "news.source_hint")});
  ui_unit_field(fm, v);
}

static json_t *news_input(Req *r, const Form *f, int bUpdate, Err *e, YcStatus *pSt){
  (void)r;
  json_t *in = json_object();
  *pSt = YC_OK;
  static const char *const azText[] = {"kind", "lang", "status", "date", "title_zh", "title_en", "body_zh", "body_en", "source", 0};
  for(int i=0; azText[i]; i++){
    const char *z = form_get(f, azText[i]);
    if( z ) json_object_set_new(in, azText[i], json_string(z));
    else if( bUpdate && i>=4 ) json_object_set_new(in, azText[i], json_null());
  }
  ui_unit_input(f, in, bUpdate, e, pSt);
  return in;
}

static void news_defaults(Req *r, Form *v){
  form_set(r, v, "kind", "news");
  form_set(r, v, "lang", "zh");
  form_set(r, v, "status", "draft");
}

static void news_values(Req *r, json_t *x, Form *v){
  ui_unit_values(r, x, v);
  static const char *const az[] = {"kind", "lang", "status", "date", "title_zh", "title_en", "body_zh", "body_en", "source", 0};
  for(int i=0; az[i]; i++) form_set(r, v, az[i], jstr(x, az[i]));
}

/* The edit page: the item's links (the finder's suggestions to confirm or
** reject) above the form; a new item has none yet. */
static void news_edit_head(Req *r, Resp *p){
  int64_t id = 0;
  Err e;
  json_t *x = 0;
  if( r->nArg<1 || http_arg_id(r, 0, &id, &e) || news_get(&r->ctx, id, &x, &e) ) return;
  ui_css(&p->body, "exchange");
  news_links_section(r, p, x, id, audit_version(&r->ctx, "news", id));
  json_decref(x);
}

const RecordType recNews = {
  .zEntity = "news",
  .zBase = "/news", .zApi = "/api/v1/news", .zNav = "news", .zCss = "news", .eAuth = REC_AUTH_CHECKED,
  .zNewTitle = "news.new", .zEditTitle = "news.edit", .zDeleteTitle = "news.delete", .zAsk = "news.confirm_delete",
  .xGet = news_get, .xCreate = news_create, .xUpdate = news_update, .xDelete = news_delete,
  .xName = nw_title, .zBack = "news.back", .xPage = news_page, .xDefaults = news_defaults, .xValues = news_values,
  .xInput = news_input, .xFields = news_fields, .xHead = news_edit_head,
};

/* WEBPAGE: GET /news/new */
void ui_news_new(Req *r, Resp *p){ rec_new(&recNews, r, p); }
/* WEBPAGE: POST /news/new */
void ui_news_create(Req *r, Resp *p){ rec_create(&recNews, r, p); }
/* WEBPAGE: GET /news/{id}/edit */
void ui_news_edit(Req *r, Resp *p){ rec_edit(&recNews, r, p); }
/* WEBPAGE: POST /news/{id}/edit */
void ui_news_update(Req *r, Resp *p){ rec_update(&recNews, r, p); }
/* WEBPAGE: GET /news/{id}/delete (asks for confirmation) */
void ui_news_delete_ask(Req *r, Resp *p){ rec_delete_ask(&recNews, r, p); }
/* WEBPAGE: POST /news/{id}/delete */
void ui_news_delete(Req *r, Resp *p){ rec_delete(&recNews, r, p); }
/* WEBPAGE: GET /news/{id}/history */
void ui_news_history(Req *r, Resp *p){ rec_history(&recNews, r, p); }
/* WEBPAGE: POST /news/{id}/revert */
void ui_news_revert(Req *r, Resp *p){ rec_revert(&recNews, r, p); }

/* WEBPAGE: POST /news/{id}/links (type, target, state: confirm, reject or add one link) */
void ui_news_link(Req *r, Resp *p){
  Form f;
  Err e;
  int64_t id = 0, v = -1;
  if( ui_post(r, p, &f, &id, &e) ) return;
  const char *zType = form_get(&f, "type"), *zTarget = form_get(&f, "target"), *zState = form_get(&f, "state");
  int64_t target = 0;
  YcStatus st = rec_form_version(&f, &v, &e);
  if( !st && (!zTarget || !in_parse_id(zTarget, &target)) ) st = err_set(&e, YC_EINVALID, "required", "target", "choose the record to link");
  json_t *in = 0, *out = 0;
  if( !st ){
    in = json_pack("{s:[{s:s, s:I, s:s}]}", "links", "type", zType ? zType : "", "id", (json_int_t)target,
                   "state", zState ? zState : "");
    rec_expect_version(r, "news", id, v);
    st = news_links_set(&r->ctx, id, in, &out, &e);
    r->ctx.zIfEntity = 0;
  }
  json_decref(in);
  json_decref(out);
  if( rec_is_conflict(st, &e) ){ ui_redirect(p, arena_printf(&r->arena, "/news/%lld?flash=changed#news-links", (long long)id)); return; }
  if( st ){ ui_error(r, p, &e); return; }
  ui_redirect(p, arena_printf(&r->arena, "/news/%lld?flash=saved#news-links", (long long)id));
}

/* The fields of the upload form (multipart/form-data). */
typedef struct Upload { Buf file; char zName[256]; char zCsrf[128]; int bBad; } Upload;

static enum MHD_Result upload_iter(void *cls, enum MHD_ValueKind kind, const char *zKey, const char *zFile,
                                   const char *zType, const char *zEnc, const char *zData, uint64_t off, size_t n){
  Upload *u = cls;
  (void)kind; (void)zType; (void)zEnc;
  if( !zKey ) return MHD_YES;
  if( strcmp(zKey, "file")==0 ){
    if( zFile && off==0 ) snprintf(u->zName, sizeof u->zName, "%s", zFile);
    if( n ) buf_append(&u->file, zData, n);
  }else if( strcmp(zKey, "csrf")==0 ){
    if( off + n >= sizeof u->zCsrf ) u->bBad = 1;
    else{ memcpy(u->zCsrf + off, zData, n); u->zCsrf[off + n] = 0; }
  }else{
    u->bBad = 1;
  }
  return MHD_YES;
}

/* WEBPAGE: POST /news/{id}/attachments (multipart/form-data: file, csrf) */
void ui_news_upload(Req *r, Resp *p){
  ui_prepare(r, p);
  if( ui_need_login(r, p) ) return;
  Err e;
  memset(&e, 0, sizeof e);
  int64_t id = 0;
  if( http_arg_id(r, 0, &id, &e) ){ ui_error(r, p, &e); return; }
  Upload u;
  memset(&u, 0, sizeof u);
  struct MHD_PostProcessor *pp = r->body.n ? MHD_create_post_processor(r->conn, 65536, upload_iter, &u) : 0;
  if( !pp ){
    err_set(&e, YC_EINVALID, "wrong_content_type", "file", "send the file as multipart/form-data");
    ui_error(r, p, &e);
    return;
  }
  MHD_post_process(pp, buf_str(&r->body), r->body.n);
  MHD_destroy_post_processor(pp);
  YcStatus st = YC_OK;
  if( !r->zCsrf || !auth_equal(u.zCsrf, r->zCsrf) ) st = err_set(&e, YC_EFORBIDDEN, "csrf", 0, "missing or wrong CSRF token");
  else if( u.bBad ) st = err_set(&e, YC_EINVALID, "invalid_form", 0, "the form has unknown or too long fields");
  json_t *out = 0;
  if( !st ) st = news_attach(&r->ctx, id, u.zName, u.file.z, u.file.n, &out, &e);
  buf_free(&u.file);
  json_decref(out);
  if( st ){ ui_error(r, p, &e); return; }
  ui_redirect(p, arena_printf(&r->arena, "/news/%lld?flash=uploaded#attachments", (long long)id));
}

/* WEBPAGE: POST /news/{id}/attachments/{attachment_id}/delete */
void ui_news_detach(Req *r, Resp *p){
  Form f;
  Err e;
  int64_t id = 0, aid = 0, v = -1;
  if( ui_post(r, p, &f, &id, &e) ) return;
  YcStatus st = http_arg_id(r, 1, &aid, &e);
  if( !st ) st = rec_form_version(&f, &v, &e);
  if( !st ){
    rec_expect_version(r, "news", id, v);
    st = news_detach(&r->ctx, id, aid, &e);
    r->ctx.zIfEntity = 0;
  }
  if( rec_is_conflict(st, &e) ){ ui_redirect(p, arena_printf(&r->arena, "/news/%lld?flash=changed#attachments", (long long)id)); return; }
  if( st ){ ui_error(r, p, &e); return; }
  ui_redirect(p, arena_printf(&r->arena, "/news/%lld?flash=deleted#attachments", (long long)id));
}

/* ---------------------------------------------------------------------------
** Sections of other pages
*/
void ui_news_section(Req *r, Resp *p, const char *zType, int64_t id){
  Buf *b = &p->body;
  NewsQuery q;
  memset(&q, 0, sizeof q);
  const char *zId = arena_printf(&r->arena, "%lld", (long long)id);
  if( strcmp(zType, "tie")==0 ) q.zTie = zId;
  else if( strcmp(zType, "org")==0 ) q.zOrg = zId;
  else q.zEvent = zId;
  q.zLimit = "10";
  json_t *list = 0;
  Err e;
  hp(b, "<section class=\"card\" id=\"record-news\"><h2>%s</h2>\n", T(r, "news.section"));
  if( news_list(&r->ctx, &q, &list, &e)!=YC_OK ){
    hp(b, "<p class=\"empty\">%s</p></section>\n", ui_err_text(r, &e));
    return;
  }
  json_t *items = json_object_get(list, "items");
  if( json_array_size(items)==0 ) hp(b, "<p class=\"empty\">%s</p>\n", T(r, "news.section_none"));
  else{
    news_items(r, b, items, "record-news-items");
    if( jint(list, "total")>(long long)json_array_size(items) )
      hp(b, "<p><a href=\"/news?%s=%s\">%s</a></p>\n", zType, zId, T(r, "news.section_all"));
  }
  json_decref(list);
  hp(b, "</section>\n");
}
