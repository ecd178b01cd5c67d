/*
** ui_event.c: the pages of events (a list grouped by month, past and
** planned, with filters; the event page with its invitations and their
** status changes; forms), of series and networks (list, page with members
** and editions, forms), the participation matrix, and the sections events
** add to the partner page and the layout page. All call the core functions
** of event.c, invitation.c and series.c; private events and personal data
** are left out by core for anonymous users.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "web/route.h"
#include "web/ui_event.h"
#include "web/record.h"
#include "web/news_web.h"
#include "base/json.h"
#include "base/date.h"
#include "core/archive.h"
#include "core/event.h"
#include "core/invitation.h"
#include "core/series.h"
#include "core/exchange.h"
#include "core/audit.h"

/* ---------------------------------------------------------------------------
** Shared
*/
static const char *ev_title(Req *r, const json_t *x){
  return ui_pick(r, x, "title_en", "title_zh");
}

static void ev_dates(Req *r, Buf *b, const json_t *x){
  ui_date(r, b, jstr(x, "start"), jstr(x, "start_precision"));
  if( jstr(x, "end") ){
    hp(b, " – ");
    ui_date(r, b, jstr(x, "end"), jstr(x, "end_precision"));
  }
}

static void ev_status(Req *r, Buf *b, const char *zStatus){
  ui_badge(r, b, "evs", zStatus, "evs-");
}

/* A <select> of every series and network (values ids), cur selected. */
static void series_select(Req *r, Buf *b, const char *zName, int64_t cur, const char *zEmpty, const char *zAria){
  hp(b, "<select id=\"%s\" name=\"%s\"%R>", zName, zName, zAria ? zAria : "");
  if( zEmpty ) hp(b, "<option value=\"\">%s</option>", zEmpty);
  SeriesQuery q;
  memset(&q, 0, sizeof q);
  q.zLimit = "500";
  json_t *l = 0, *x;
  Err e;
  size_t i;
  if( series_list(&r->ctx, &q, &l, &e)==YC_OK ){
    json_array_foreach(json_object_get(l, "items"), i, x){
      const char *zId = arena_printf(&r->arena, "%lld", jint(x, "id"));
      hp(b, "<option value=\"%s\"%R>%s</option>", zId, jint(x, "id")==cur ? " selected" : "", ui_name(r, x));
    }
    json_decref(l);
  }
  hp(b, "</select>");
}

/* ---------------------------------------------------------------------------
** The list
*/
static const char *const azListParam[] = {"q", "series", "kind", "status", "from", "to", "tie", "upcoming",
  "sort", "limit", "cursor", "unit", "lang", "flash", 0};

/* WEBPAGE: GET /events */
void ui_event_list(Req *r, Resp *p){
  ui_prepare(r, p);
  Err e;
  memset(&e, 0, sizeof e);
  EventQuery q;
  memset(&q, 0, sizeof q);
  for(int i=0; azEventParam[i]; i++){
    const char *z = http_param(r, azEventParam[i]);
    q.az[i] = z && *z ? z : 0;
  }
  q.bPrev = 1;
  json_t *list = 0;
  YcStatus st = http_check_params(r, azListParam, &e);
  if( !st ) st = event_list(&r->ctx, &q, &list, &e);
  if( st && st!=YC_EINVALID ){ ui_error(r, p, &e); return; }
  if( st ) p->status = 400;
  ui_begin(r, p, T(r, "ev.title"), "events");
  Buf *b = &p->body;
  ui_css(b, "exchange");
  ui_css(b, "events");
  hp(b, "<div class=\"page-head\"><h1>%s</h1><div class=\"head-actions\">", T(r, "ev.title"));
  ui_export_buttons(r, b, "/events");
  if( r->zUser ) hp(b, "<a class=\"button primary\" href=\"/events/new\">%s</a>", T(r, "ev.new"));
  hp(b, "<a class=\"button\" href=\"/series\">%s</a><a class=\"button\" href=\"/participation\">%s</a>"
        "<a class=\"button\" href=\"/calendar.ics\">%s</a></div></div>\n",
     T(r, "sr.title"), T(r, "pt.title"), T(r, "ev.ics"));
  ui_flash(r, b);
  hp(b, "<p class=\"note\">%s</p>\n", T(r, "ev.intro"));
  /* Upcoming / past / all. */
  hp(b, "<nav class=\"tabs\" aria-label=\"%s\"><a href=\"/events?upcoming=1\"%R>%s</a> <a href=\"/events?upcoming=0\"%R>%s</a>"
        " <a href=\"/events\"%R>%s</a></nav>\n", T(r, "ev.when"),
     q.zUpcoming && q.zUpcoming[0]=='1' ? " aria-current=\"page\"" : "", T(r, "ev.upcoming"),
     q.zUpcoming && q.zUpcoming[0]=='0' ? " aria-current=\"page\"" : "", T(r, "ev.past"),
     !q.zUpcoming ? " aria-current=\"page\"" : "", T(r, "ev.all"));
  hp(b, "<form class=\"filters\" method=\"get\" action=\"/events\" role=\"search\">\n");
  hp(b, "<div class=\"field\"><label for=\"q\">%s</label><input id=\"q\" name=\"q\" value=\"%s\" type=\"search\"%R></div>\n",
     T(r, "ev.search"), q.zQ ? q.zQ : "", ui_aria(r, &e, "q", 0, 0));
  hp(b, "<div class=\"field\"><label for=\"series\">%s</label>", T(r, "ev.series"));
  series_select(r, b, "series", q.zSeries ? atoll(q.zSeries) : 0, T(r, "p.any"), ui_aria(r, &e, "series", 0, 0));
  hp(b, "</div>\n<div class=\"field\"><label for=\"kind\">%s</label><select id=\"kind\" name=\"kind\">", T(r, "ev.kind"));
  ui_options(r, b, "evk", azEventKind, q.zKind, T(r, "p.any"));
  hp(b, "</select></div>\n<div class=\"field\"><label for=\"status\">%s</label><select id=\"status\" name=\"status\">", T(r, "ev.status"));
  ui_options(r, b, "evs", azEventStatus, q.zStatus, T(r, "p.any"));
  hp(b, "</select></div>\n<div class=\"field small\"><label for=\"from\">%s</label>"
        "<input id=\"from\" name=\"from\" value=\"%s\" placeholder=\"YYYY\" inputmode=\"numeric\"%R></div>\n"
        "<div class=\"field small\"><label for=\"to\">%s</label>"
        "<input id=\"to\" name=\"to\" value=\"%s\" placeholder=\"YYYY\" inputmode=\"numeric\"%R></div>\n",
     T(r, "x.from"), q.zFrom ? q.zFrom : "", ui_aria(r, &e, "from", 0, 0), T(r, "x.to"), q.zTo ? q.zTo : "", ui_aria(r, &e, "to", 0, 0));
  if( q.zUpcoming ) hp(b, "<input type=\"hidden\" name=\"upcoming\" value=\"%s\">", q.zUpcoming);
  ui_unit_filter(r, b, q.zUnit, T(r, "un.responsible"), T(r, "p.any"));
  hp(b, "<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button>"
        " <a class=\"button\" href=\"/events\">%s</a></div>\n</form>\n", T(r, "x.filter"), T(r, "x.reset"));
  if( st ){
    ui_alert(r, b, &e, 0);
    ui_end(r, p);
    return;
  }
  char zCount[96];
  snprintf(zCount, sizeof zCount, T(r, "ev.count"), ui_num(r, json_integer_value(json_object_get(list, "total"))));
  hp(b, "<p class=\"count\" id=\"count\">%s</p>\n", zCount);
  json_t *items = json_object_get(list, "items"), *x;
  size_t i;
  if( json_array_size(items)==0 ) hp(b, "<p class=\"empty\">%s</p>\n", T(r, "ev.none"));
  /* The calendar: one section per month (per year for year-only dates). */
  char zMonth[8] = "";
  int bOpen = 0;
  json_array_foreach(items, i, x){
    const char *zStart = jstr0(x, "start");
    char zKey[8];
    snprintf(zKey, sizeof zKey, "%.7s", zStart);
    if( strcmp(zKey, zMonth)!=0 ){
      if( bOpen ) hp(b, "</tbody></table></div></section>\n");
      snprintf(zMonth, sizeof zMonth, "%s", zKey);
      hp(b, "<section class=\"month\"><h2 class=\"month-head\"><time datetime=\"%s\">%s</time></h2>"
            "<div class=\"table-wrap\"><table class=\"list stack events\"><thead><tr><th scope=\"col\">%s</th>"
            "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
         zKey, zKey, T(r, "ev.dates"), T(r, "ev.name"), T(r, "ev.kind"), T(r, "ev.status"), T(r, "ev.attending"));
      bOpen = 1;
    }
    hp(b, "<tr><td class=\"nowrap\">");
    ev_dates(r, b, x);
    hp(b, "</td><td><a href=\"/events/%D\">%s</a>", (int64_t)jint(x, "id"), ev_title(r, x));
    json_t *s = json_object_get(x, "series");
    if( json_is_object(s) ) hp(b, "<br><span class=\"muted\">%s</span>", ui_name(r, s));
    hp(b, "</td><td data-label=\"%s\">", T(r, "ev.kind"));
    ui_badge(r, b, "evk", jstr(x, "kind"), 0);
    hp(b, "</td><td data-label=\"%s\">", T(r, "ev.status"));
    ev_status(r, b, jstr0(x, "status"));
    hp(b, "</td><td data-label=\"%s\" class=\"num\">%d / %d</td></tr>\n", T(r, "ev.attending"),
       (int)jint(x, "ties_attended"), (int)jint(x, "ties_invited"));
  }
  if( bOpen ) hp(b, "</tbody></table></div></section>\n");
  ui_pager(r, b, list);
  json_decref(list);
  ui_end(r, p);
}

/* ---------------------------------------------------------------------------
** The event page
*/
static void invitee_html(Req *r, Buf *b, json_t *v){
  json_t *t = json_object_get(v, "tie"), *o = json_object_get(v, "org"), *pe = json_object_get(v, "person");
  if( json_is_object(t) ) hp(b, "<a href=\"/partners/%D\">%s</a>", (int64_t)jint(t, "id"), ui_tie_name(r, t));
  else if( json_is_object(o) ) ui_org_link(r, b, o);
  else if( json_is_object(pe) ){
    const char *z = ui_pick(r, pe, "name_en", "name_zh");
    hp(b, "%s", *z ? z : jstr0(pe, "name_native"));
  }
}

static void event_page(Req *r, Resp *p, json_t *x, int64_t id){
  Buf *b = &p->body;
  Err e;
  ui_css(b, "events");
  hp(b, "<section class=\"card\"><dl class=\"facts\">\n<dt>%s</dt><dd>", T(r, "ev.dates"));
  ev_dates(r, b, x);
  hp(b, "</dd>\n<dt>%s</dt><dd>", T(r, "ev.status"));
  ev_status(r, b, jstr0(x, "status"));
  if( !json_is_true(json_object_get(x, "public")) ) hp(b, " <span class=\"badge\">%s</span>", T(r, "ev.private"));
  hp(b, "</dd>\n<dt>%s</dt><dd>", T(r, "ev.kind"));
  ui_badge(r, b, "evk", jstr(x, "kind"), 0);
  hp(b, "</dd>\n");
  const char *zOther = ui_zh(r) ? jstr(x, "title_en") : jstr(x, "title_zh");
  if( zOther && strcmp(zOther, ev_title(r, x))!=0 ) hp(b, "<dt>%s</dt><dd lang=\"%s\">%s</dd>\n", T(r, "ev.other_title"), ui_zh(r) ? "en" : "zh", zOther);
  json_t *s = json_object_get(x, "series");
  if( json_is_object(s) ){
    hp(b, "<dt>%s</dt><dd><a href=\"/series/%D\">%s</a>", T(r, "ev.series"), (int64_t)jint(s, "id"), ui_name(r, s));
    if( json_is_integer(json_object_get(x, "edition")) ){
      char z[64];
      snprintf(z, sizeof z, T(r, "ev.edition_n"), (int)jint(x, "edition"));
      hp(b, " <span class=\"muted\">%s</span>", z);
    }
    hp(b, "</dd>\n");
  }
  json_t *city = json_object_get(x, "city");
  if( json_is_object(city) || jstr(x, "place") ){
    hp(b, "<dt>%s</dt><dd>", T(r, "ev.place"));
    if( json_is_object(city) ) hp(b, "%s", ui_pick(r, city, "label_en", "label_zh"));
    if( jstr(x, "place") ) hp(b, "%R%s", json_is_object(city) ? " · " : "", jstr0(x, "place"));
    hp(b, "</dd>\n");
  }
  if( jstr(x, "organisers") ) hp(b, "<dt>%s</dt><dd class=\"pre\">%s</dd>\n", T(r, "ev.organisers"), jstr0(x, "organisers"));
  json_t *orgs = json_object_get(x, "organisations"), *o;
  size_t i;
  if( json_array_size(orgs) ){
    hp(b, "<dt>%s</dt><dd>", T(r, "x.orgs"));
    json_array_foreach(orgs, i, o){ if( i ) hp(b, ", "); ui_org_link(r, b, o); }
    hp(b, "</dd>\n");
  }
  if( json_array_size(json_object_get(x, "fields")) ){
    hp(b, "<dt>%s</dt><dd>", T(r, "x.fields"));
    json_array_foreach(json_object_get(x, "fields"), i, o) hp(b, "<span class=\"tag\">%s</span> ", ui_label(r, "xf", json_string_value(o)));
    hp(b, "</dd>\n");
  }
  static const char *const azRep[] = {"reported_people", "reported_countries", "reported_delegations", 0};
  for(int k=0; azRep[k]; k++){
    if( json_is_integer(json_object_get(x, azRep[k])) ){
      hp(b, "<dt>%s</dt><dd>%s <span class=\"muted\">(%s)</span></dd>\n", ui_label(r, "ev", azRep[k]),
         ui_num(r, jint(x, azRep[k])), T(r, "ev.as_reported"));
    }
  }
  if( jstr(x, "description") ) hp(b, "<dt>%s</dt><dd class=\"pre\">%s</dd>\n", T(r, "x.description"), jstr0(x, "description"));
  if( jstr(x, "notes") ) hp(b, "<dt>%s</dt><dd class=\"pre\">%s</dd>\n", T(r, "ev.notes"), jstr0(x, "notes"));
  if( json_is_integer(json_object_get(x, "exchange_id")) ){
    hp(b, "<dt>%s</dt><dd><a id=\"event-exchange\" href=\"/exchanges/%D\">%s</a></dd>\n", T(r, "ev.exchange"),
       (int64_t)jint(x, "exchange_id"), T(r, "ev.exchange_link"));
  }
  hp(b, "</dl>\n");
  ui_sources(b, json_object_get(x, "sources"), 0, T(r, "x.sources"), 1);
  ui_sources(b, json_object_get(x, "links"), 0, T(r, "x.links"), 0);
  hp(b, "</section>\n");
  /* Invitations. */
  json_t *inv = 0;
  hp(b, "<section class=\"card\" id=\"invitations\"><h2>%s</h2>\n", T(r, "iv.title"));
  if( invitation_list(&r->ctx, id, &inv, &e)!=YC_OK ){
    hp(b, "<p class=\"empty\">%s</p></section>\n", ui_err_text(r, &e));
    return;
  }
  json_t *items = json_object_get(inv, "items"), *v;
  if( json_array_size(items)==0 ) hp(b, "<p class=\"empty\">%s</p>\n", T(r, "iv.none"));
  else{
    hp(b, "<p class=\"count\">");
    int bFirst = 1;
    for(int k=0; azInvitationStatus[k]; k++){
      long long n = jint(json_object_get(inv, "counts"), azInvitationStatus[k]);
      if( !n ) continue;
      hp(b, "%R%s %s", bFirst ? "" : " · ", ui_label(r, "ivs", azInvitationStatus[k]), ui_num(r, n));
      bFirst = 0;
    }
    hp(b, "</p>\n<div class=\"table-wrap\"><table class=\"list stack\" id=\"invitation-table\"><thead><tr><th scope=\"col\">%s</th>"
          "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>", T(r, "iv.invitee"), T(r, "iv.status"), T(r, "iv.size"));
    if( r->zUser ) hp(b, "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>", T(r, "iv.head"), T(r, "iv.change"));
    hp(b, "</tr></thead><tbody>\n");
    /* The versions of the invitations: their forms send them back. */
    json_t *ids = json_array(), *ver = 0;
    json_array_foreach(items, i, v) json_array_append_new(ids, json_integer(jint(v, "id")));
    if( r->zUser ) ver = audit_versions(&r->ctx, "invitation", ids);
    json_decref(ids);
    json_array_foreach(items, i, v){
      int64_t iid = jint(v, "id");
      int64_t iv = jint(ver, arena_printf(&r->arena, "%lld", (long long)iid));
      hp(b, "<tr id=\"inv-%D\"><td>", iid);
      invitee_html(r, b, v);
      hp(b, "</td><td data-label=\"%s\">", T(r, "iv.status"));
      ui_badge(r, b, "ivs", jstr(v, "status"), "ivs-");
      hp(b, "</td><td class=\"num\" data-label=\"%s\">", T(r, "iv.size"));
      if( json_is_integer(json_object_get(v, "size")) ) hp(b, "%s", ui_num(r, jint(v, "size")));
      hp(b, "</td>");
      if( r->zUser ){
        hp(b, "<td data-label=\"%s\">%s</td><td data-label=\"%s\"><form method=\"post\" action=\"/invitations/%D/status\" class=\"inline\">",
           T(r, "iv.head"), jstr0(v, "head"), T(r, "iv.change"), iid);
        ui_csrf_field(r, p);
        hp(b, "<input type=\"hidden\" name=\"_version\" value=\"%D\">", iv);
        const char *zSel = arena_printf(&r->arena, "status-%lld", (long long)iid);
        hp(b, "<label class=\"sr-only\" for=\"%s\">%s</label><select id=\"%s\" name=\"status\">", zSel, T(r, "iv.status"), zSel);
        ui_options(r, b, "ivs", azInvitationStatus, jstr(v, "status"), 0);
        hp(b, "</select> <button type=\"submit\">%s</button></form>"
              " <form method=\"post\" action=\"/invitations/%D/delete\" class=\"inline\">", T(r, "p.save"), iid);
        ui_csrf_field(r, p);
        hp(b, "<input type=\"hidden\" name=\"_version\" value=\"%D\">", iv);
        hp(b, "<button type=\"submit\" class=\"danger\">%s</button></form></td>", T(r, "p.delete"));
      }
      hp(b, "</tr>\n");
    }
    json_decref(ver);
    hp(b, "</tbody></table></div>\n");
  }
  if( r->zUser ){
    /* Invite a tie or an organisation (people: by id, from the people pages). */
    hp(b, "<h3>%s</h3><form method=\"post\" action=\"/events/%D/invite\" class=\"form\" id=\"invite-form\">\n", T(r, "iv.add"), id);
    ui_csrf_field(r, p);
    hp(b, "<div class=\"row\"><div class=\"field\"><label for=\"tie_id\">%s</label>", T(r, "iv.tie"));
    ui_tie_select(r, b, "tie_id", 0, T(r, "x.none_option"));
    hp(b, "</div><div class=\"field\"><label for=\"inv-status\">%s</label><select id=\"inv-status\" name=\"status\">", T(r, "iv.status"));
    ui_options(r, b, "ivs", azInvitationStatus, "invited", 0);
    hp(b, "</select></div><div class=\"field small\"><label for=\"size\">%s</label><input id=\"size\" name=\"size\" inputmode=\"numeric\"></div>"
          "<div class=\"field\"><label for=\"head\">%s</label><input id=\"head\" name=\"head\"></div></div>\n"
          "<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button></div></form>\n",
       T(r, "iv.size"), T(r, "iv.head"), T(r, "iv.invite"));
  }
  hp(b, "</section>\n");
  json_decref(inv);
  ui_news_section(r, p, "event", id);
}

/* WEBPAGE: GET /events/{id} */
void ui_event_page(Req *r, Resp *p){ rec_page(&recEvent, r, p); }

/* ---------------------------------------------------------------------------
** Event forms
*/
static void series_control(UiForm *fm, const UiField *f){
  series_select(fm->r, fm->b, f->zName, f->zValue ? atoll(f->zValue) : 0, T(fm->r, "x.none_option"), ui_field_aria(fm, f));
}

static void event_fields(UiForm *fm, const Form *v, const char *zId){
  static const char *const azPublic[] = {"1", "0", 0};
  Req *r = fm->r;
  Buf *b = fm->b;
  (void)zId;
  hp(b, "<div class=\"row\">");
  ui_field(fm, &(UiField){.zName = "title_zh", .zLabel = T(r, "ev.title_zh"), .zValue = form_get(v, "title_zh"), .eAttr = UI_ATTR_MAX300,
    .zField = "title_zh title_en"});
  ui_field(fm, &(UiField){.zName = "title_en", .zLabel = T(r, "ev.title_en"), .zValue = form_get(v, "title_en"), .eAttr = UI_ATTR_MAX300,
    .zHint = T(r, "ev.title_hint")});
  hp(b, "</div>\n<div class=\"row\">");
  ui_field(fm, &(UiField){.zName = "kind", .zLabel = T(r, "ev.kind"), .zValue = form_get(v, "kind"), .eType = UI_SELECT,
    .zPrefix = "evk", .azEnum = azEventKind});
  ui_field(fm, &(UiField){.zName = "status", .zLabel = T(r, "ev.status"), .zValue = form_get(v, "status"), .eType = UI_SELECT,
    .zPrefix = "evs", .azEnum = azEventStatus, .zHint = T(r, "ev.status_hint")});
  ui_field(fm, &(UiField){.zName = "start", .zLabel = T(r, "ev.start"), .zValue = form_get(v, "start"), .zPlaceholder = "2025-09-18",
    .zHint = T(r, "x.date_hint")});
  ui_field(fm, &(UiField){.zName = "end", .zLabel = T(r, "ev.end"), .zValue = form_get(v, "end"), .zPlaceholder = "2025-09-21"});
  hp(b, "</div>\n<div class=\"row\">");
  ui_field(fm, &(UiField){.zName = "series_id", .zLabel = T(r, "ev.series"), .zValue = form_get(v, "series_id"), .eType = UI_SELECT,
    .xControl = series_control});
  ui_field(fm, &(UiField){.zName = "edition", .zLabel = T(r, "ev.edition"), .zValue = form_get(v, "edition"), .eAttr = UI_ATTR_NUMERIC,
    .zClass = "small"});
  ui_field(fm, &(UiField){.zName = "public", .zLabel = T(r, "ev.visibility"), .zValue = form_get(v, "public"), .eType = UI_SELECT,
    .zPrefix = "evp", .azEnum = azPublic});
  hp(b, "</div>\n<div class=\"row\">");
  ui_field(fm, &(UiField){.zName = "city", .zLabel = T(r, "ev.city"), .zValue = form_get(v, "city"), .zField = "city_id",
    .xControl = ui_city_input, .pArg = form_get(v, "city_id"), .zClass = "autocomplete"});
  ui_field(fm, &(UiField){.zName = "place", .zLabel = T(r, "ev.place"), .zValue = form_get(v, "place")});
  hp(b, "</div>\n");
  ui_field(fm, &(UiField){.zName = "organisers", .zLabel = T(r, "ev.organisers"), .zValue = form_get(v, "organisers"),
    .eType = UI_TEXTAREA, .nRows = 2, .zHint = T(r, "ev.organisers_hint")});
  ui_field(fm, &(UiField){.zName = "organisations", .zLabel = T(r, "x.orgs"), .eType = UI_GROUP, .pCur = v, .xControl = ui_org_checks});
  ui_field(fm, &(UiField){.zName = "fields", .zLabel = T(r, "x.fields"), .eType = UI_GROUP, .pCur = v, .zPrefix = "xf",
    .azEnum = azExchangeField});
  hp(b, "<div class=\"row\">");
  ui_field(fm, &(UiField){.zName = "reported_people", .zLabel = T(r, "ev.reported_people"), .zValue = form_get(v, "reported_people"),
    .eAttr = UI_ATTR_NUMERIC});
  ui_field(fm, &(UiField){.zName = "reported_countries", .zLabel = T(r, "ev.reported_countries"), .zValue = form_get(v, "reported_countries"),
    .eAttr = UI_ATTR_NUMERIC});
  ui_field(fm, &(UiField){.zName = "reported_delegations", .zLabel = T(r, "ev.reported_delegations"),
    .zValue = form_get(v, "reported_delegations"), .eAttr = UI_ATTR_NUMERIC});
  hp(b, "</div>\n");
  ui_field(fm, &(UiField){.zName = "description", .zLabel = T(r, "x.description"), .zValue = form_get(v, "description"),
    .eType = UI_TEXTAREA, .nRows = 4});
  ui_field(fm, &(UiField){.zName = "notes", .zLabel = T(r, "ev.notes"), .zValue = form_get(v, "notes"), .eType = UI_TEXTAREA, .nRows = 2,
    .zHint = T(r, "ev.notes_hint")});
  ui_field(fm, &(UiField){.zName = "sources", .zLabel = T(r, "x.sources"), .zValue = form_get(v, "sources"), .eType = UI_TEXTAREA,
    .zHint = T(r, "x.lines_hint")});
  ui_field(fm, &(UiField){.zName = "links", .zLabel = T(r, "x.links"), .zValue = form_get(v, "links"), .eType = UI_TEXTAREA,
    .nRows = 2, .zHint = T(r, "x.links_hint")});
  ui_unit_field(fm, v);
}

/* An integer form field into in[zKey] (empty: null on update). */
static void form_int(const Form *f, const char *zKey, json_t *in, int bUpdate, Err *e, YcStatus *pSt){
  const char *z = form_get(f, zKey);
  if( !z ){ if( bUpdate ) json_object_set_new(in, zKey, json_null()); return; }
  char *zEnd;
  long long v = strtoll(z, &zEnd, 10);
  if( *zEnd || strlen(z)>12 ){
    if( !*pSt ) *pSt = err_set(e, YC_EINVALID, "wrong_type", zKey, "%s must be a whole number", zKey);
  }else json_object_set_new(in, zKey, json_integer(v));
}

static json_t *event_input(Req *r, const Form *f, int bUpdate, Err *e, YcStatus *pSt){
  json_t *in = json_object();
  *pSt = YC_OK;
  static const char *const azText[] = {"title_zh", "title_en", "kind", "status", "start", "end", "place", "organisers",
    "description", "notes", 0};
  for(int i=0; azText[i]; i++){
    const char *z = form_get(f, azText[i]);
    if( z ) json_object_set_new(in, azText[i], json_string(z));
    else if( bUpdate && strcmp(azText[i], "kind")!=0 && strcmp(azText[i], "status")!=0 && strcmp(azText[i], "start")!=0 )
      json_object_set_new(in, azText[i], json_null());
  }
  form_int(f, "series_id", in, bUpdate, e, pSt);
  form_int(f, "edition", in, bUpdate, e, pSt);
  form_int(f, "reported_people", in, bUpdate, e, pSt);
  form_int(f, "reported_countries", in, bUpdate, e, pSt);
  form_int(f, "reported_delegations", in, bUpdate, e, pSt);
  int64_t city = ui_form_city(r, f);
  if( city ) json_object_set_new(in, "city_id", json_integer(city));
  else if( form_get(f, "city") && !*pSt ) *pSt = err_set(e, YC_EINVALID, "unknown_city", "city_id", "no such city: choose one of the suggestions");
  else if( bUpdate ) json_object_set_new(in, "city_id", json_null());
  const char *z = form_get(f, "public");
  json_object_set_new(in, "public", json_boolean(!z || strcmp(z, "0")!=0));
  json_t *a = json_array();
  int64_t aId[50];
  int n = form_ids(f, "organisations", aId, 50);
  for(int i=0; i<n; i++) json_array_append_new(a, json_integer(aId[i]));
  json_object_set_new(in, "organisations", a);
  a = json_array();
  for(int i=0; i<f->n; i++) if( strcmp(f->azKey[i], "fields")==0 ) json_array_append_new(a, json_string(f->azVal[i]));
  json_object_set_new(in, "fields", a);
  json_object_set_new(in, "sources", ui_split(form_get(f, "sources"), "\n"));
  json_object_set_new(in, "links", ui_split(form_get(f, "links"), "\n"));
  ui_unit_input(f, in, bUpdate, e, pSt);
  return in;
}

static void event_defaults(Req *r, Form *v){
  form_set(r, v, "kind", "conference");
  form_set(r, v, "status", "planned");
  form_set(r, v, "public", "1");
  const char *z = http_param(r, "series");
  if( z && atoll(z)>0 ) form_set_int(r, v, "series_id", atoll(z));
}

static void event_values(Req *r, json_t *x, Form *v){
  ui_unit_values(r, x, v);
  static const char *const az[] = {"title_zh", "title_en", "kind", "status", "start", "end", "place", "organisers",
    "description", "notes", 0};
  for(int i=0; az[i]; i++) form_set(r, v, az[i], jstr(x, az[i]));
  static const char *const azInt[] = {"edition", "reported_people", "reported_countries", "reported_delegations", 0};
  for(int i=0; azInt[i]; i++) if( json_is_integer(json_object_get(x, azInt[i])) ) form_set_int(r, v, azInt[i], jint(x, azInt[i]));
  json_t *s = json_object_get(x, "series");
  if( json_is_object(s) ) form_set_int(r, v, "series_id", jint(s, "id"));
  json_t *city = json_object_get(x, "city");
  if( json_is_object(city) ){
    form_set_int(r, v, "city_id", jint(city, "id"));
    form_set(r, v, "city", jstr(city, "label_en"));
  }
  form_set(r, v, "public", json_is_true(json_object_get(x, "public")) ? "1" : "0");
  json_t *y;
  size_t i;
  json_array_foreach(json_object_get(x, "organisations"), i, y) form_set_int(r, v, "organisations", jint(y, "id"));
  json_array_foreach(json_object_get(x, "fields"), i, y) form_set(r, v, "fields", json_string_value(y));
  form_set_join(r, v, "sources", json_object_get(x, "sources"), 0, "\n");
  form_set_join(r, v, "links", json_object_get(x, "links"), 0, "\n");
}

static const char *const azEventNewParam[] = {"series", "lang", 0};

const RecordType recEvent = {
  .zEntity = "event",
  .zBase = "/events", .zApi = "/api/v1/events", .zNav = "events", .zCss = "exchange", .eAuth = REC_AUTH_CHECKED,
  .zNewTitle = "ev.new", .zEditTitle = "ev.edit", .zDeleteTitle = "ev.delete", .zAsk = "ev.confirm_delete",
  .xGet = event_get, .xCreate = event_create, .xUpdate = event_update, .xDelete = event_delete,
  .xName = ev_title, .zBack = "ev.back", .xPage = event_page, .xDefaults = event_defaults, .xValues = event_values,
  .xInput = event_input, .xFields = event_fields, .azNewParam = azEventNewParam,
};

/* WEBPAGE: GET /events/new (?series=ID preselects a series) */
void ui_event_new(Req *r, Resp *p){ rec_new(&recEvent, r, p); }
/* WEBPAGE: POST /events/new */
void ui_event_create(Req *r, Resp *p){ rec_create(&recEvent, r, p); }
/* WEBPAGE: GET /events/{id}/edit */
void ui_event_edit(Req *r, Resp *p){ rec_edit(&recEvent, r, p); }
/* WEBPAGE: POST /events/{id}/edit */
void ui_event_update(Req *r, Resp *p){ rec_update(&recEvent, r, p); }
/* WEBPAGE: GET /events/{id}/delete (asks for confirmation) */
void ui_event_delete_ask(Req *r, Resp *p){ rec_delete_ask(&recEvent, r, p); }
/* WEBPAGE: POST /events/{id}/delete */
void ui_event_delete(Req *r, Resp *p){ rec_delete(&recEvent, r, p); }

/* ---------------------------------------------------------------------------
** Invitations: the JSON record (api_event.c) and the forms of the event page
*/
const RecordType recInvitation = {
  .zEntity = "invitation",
  .zBase = "/invitations", .zApi = "/api/v1/invitations", .zNav = "events", .eAuth = REC_AUTH_CHECKED,
  .xGet = invitation_get, .xUpdate = invitation_update, .xDelete = invitation_delete,
};

/* WEBPAGE: POST /events/{id}/invite */
void ui_invitation_create(Req *r, Resp *p){
  Form f;
  Err e;
  int64_t id = 0;
  if( ui_post(r, p, &f, &id, &e) ) return;
  json_t *in = json_object(), *out = 0;
  YcStatus st = YC_OK;
  const char *z = form_get(&f, "tie_id");
  if( z ) json_object_set_new(in, "tie_id", json_integer(atoll(z)));
  if( (z = form_get(&f, "status")) ) json_object_set_new(in, "status", json_string(z));
  if( (z = form_get(&f, "head")) ) json_object_set_new(in, "head", json_string(z));
  form_int(&f, "size", in, 0, &e, &st);
  if( !st ) st = invitation_create(&r->ctx, id, in, &out, &e);
  json_decref(in);
  json_decref(out);
  if( st ){ ui_error(r, p, &e); return; }
  ui_redirect(p, arena_printf(&r->arena, "/events/%lld?flash=saved#invitations", (long long)id));
}

/* After a stale status change or delete of invitation id (someone else
** changed it since the page was shown): back to its event, which shows it
** as it is now, with a notice; nothing was saved. */
static void invitation_changed(Req *r, Resp *p, int64_t id){
  json_t *x = 0;
  Err e;
  if( invitation_get(&r->ctx, id, &x, &e) ){ ui_error(r, p, &e); return; }
  ui_redirect(p, arena_printf(&r->arena, "/events/%lld?flash=changed#inv-%lld", jint(x, "event_id"), (long long)id));
  json_decref(x);
}

/* WEBPAGE: POST /invitations/{id}/status */
void ui_invitation_status(Req *r, Resp *p){
  Form f;
  Err e;
  int64_t id = 0;
  if( ui_post(r, p, &f, &id, &e) ) return;
  const char *z = form_get(&f, "status");
  json_t *in = json_pack("{s:s}", "status", z ? z : ""), *out = 0;
  int64_t v = -1;
  YcStatus st = rec_form_version(&f, &v, &e);
  rec_expect_version(r, "invitation", id, v);
  if( !st ) st = invitation_update(&r->ctx, id, in, &out, &e);
  r->ctx.zIfEntity = 0;
  json_decref(in);
  if( rec_is_conflict(st, &e) ){ invitation_changed(r, p, id); return; }
  if( st ){ ui_error(r, p, &e); return; }
  ui_redirect(p, arena_printf(&r->arena, "/events/%lld?flash=saved#invitations", jint(out, "event_id")));
  json_decref(out);
}

/* WEBPAGE: POST /invitations/{id}/delete */
void ui_invitation_delete(Req *r, Resp *p){
  Form f;
  Err e;
  int64_t id = 0;
  if( ui_post(r, p, &f, &id, &e) ) return;
  json_t *x = 0;
  int64_t v = -1;
  YcStatus st = rec_form_version(&f, &v, &e);
  if( !st ) st = invitation_get(&r->ctx, id, &x, &e);
  int64_t ev = x ? jint(x, "event_id") : 0;
  json_decref(x);
  rec_expect_version(r, "invitation", id, v);
  if( !st ) st = archive_delete(&r->ctx, "invitation", id, &e);
  r->ctx.zIfEntity = 0;
  if( rec_is_conflict(st, &e) ){ invitation_changed(r, p, id); return; }
  if( st ){ ui_error(r, p, &e); return; }
  ui_redirect(p, arena_printf(&r->arena, "/events/%lld?flash=deleted#invitations", (long long)ev));
}

/* ---------------------------------------------------------------------------
** Series and networks
*/
/* WEBPAGE: GET /series */
void ui_series_list(Req *r, Resp *p){
  static const char *const azParam[] = {"kind", "lang", "flash", 0};
  ui_prepare(r, p);
  Err e;
  memset(&e, 0, sizeof e);
  SeriesQuery q;
  memset(&q, 0, sizeof q);
  const char *zKind = http_param(r, "kind");
  q.zKind = zKind && *zKind ? zKind : 0;
  q.zLimit = "500";
  json_t *list = 0;
  YcStatus st = http_check_params(r, azParam, &e);
  if( !st ) st = series_list(&r->ctx, &q, &list, &e);
  if( st ){ ui_error(r, p, &e); return; }
  ui_begin(r, p, T(r, "sr.title"), "events");
  Buf *b = &p->body;
  ui_css(b, "exchange");
  ui_css(b, "events");
  hp(b, "<div class=\"page-head\"><h1>%s</h1><div class=\"head-actions\">", T(r, "sr.title"));
  if( r->zUser ) hp(b, "<a class=\"button primary\" href=\"/series/new\">%s</a>", T(r, "sr.new"));
  hp(b, "<a class=\"button\" href=\"/events\">%s</a></div></div>\n", T(r, "ev.title"));
  ui_flash(r, b);
  hp(b, "<p class=\"note\">%s</p>\n", T(r, "sr.intro"));
  json_t *items = json_object_get(list, "items"), *x;
  size_t i;
  if( json_array_size(items)==0 ) hp(b, "<p class=\"empty\">%s</p>\n", T(r, "sr.none"));
  else{
    hp(b, "<div class=\"table-wrap\"><table class=\"list stack\" id=\"series\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
          "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>\n",
       T(r, "sr.name"), T(r, "sr.kind"), T(r, "sr.members"), T(r, "sr.editions"));
    json_array_foreach(items, i, x){
      hp(b, "<tr><td><a href=\"/series/%D\">%s</a></td><td data-label=\"%s\">", (int64_t)jint(x, "id"), ui_name(r, x), T(r, "sr.kind"));
      ui_badge(r, b, "srk", jstr(x, "kind"), 0);
      hp(b, "</td><td class=\"num\" data-label=\"%s\">%d</td><td class=\"num\" data-label=\"%s\">%d</td></tr>\n",
         T(r, "sr.members"), (int)jint(x, "members"), T(r, "sr.editions"), (int)jint(x, "editions"));
    }
    hp(b, "</tbody></table></div>\n");
  }
  json_decref(list);
  ui_end(r, p);
}

static void series_page(Req *r, Resp *p, json_t *x, int64_t id){
  Buf *b = &p->body;
  ui_css(b, "events");
  hp(b, "<section class=\"card\"><dl class=\"facts\">\n<dt>%s</dt><dd>", T(r, "sr.kind"));
  ui_badge(r, b, "srk", jstr(x, "kind"), 0);
  hp(b, "</dd>\n");
  const char *zOther = ui_zh(r) ? jstr(x, "name_en") : jstr(x, "name_zh");
  if( zOther && strcmp(zOther, ui_name(r, x))!=0 ) hp(b, "<dt>%s</dt><dd>%s</dd>\n", T(r, "ev.other_title"), zOther);
  if( jstr(x, "website") ) hp(b, "<dt>%s</dt><dd><a href=\"%s\" rel=\"noopener\">%s</a></dd>\n", T(r, "sr.website"),
                              jstr0(x, "website"), jstr0(x, "website"));
  if( jstr(x, "description") ) hp(b, "<dt>%s</dt><dd class=\"pre\">%s</dd>\n", T(r, "x.description"), jstr0(x, "description"));
  hp(b, "</dl>\n");
  ui_sources(b, json_object_get(x, "sources"), 0, T(r, "x.sources"), 1);
  hp(b, "</section>\n<section class=\"card\" id=\"members\"><h2>%s</h2>\n", T(r, "sr.members"));
  json_t *m = json_object_get(x, "members"), *y;
  size_t i;
  if( json_array_size(m)==0 ) hp(b, "<p class=\"empty\">%s</p>\n", T(r, "sr.no_members"));
  else{
    hp(b, "<div class=\"table-wrap\"><table class=\"list stack\" id=\"member-table\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
          "<th scope=\"col\">%s</th>%R</tr></thead><tbody>\n", T(r, "sr.member"), T(r, "sr.role"), T(r, "sr.joined"),
       r->zUser ? "<th scope=\"col\"></th>" : "");
    json_array_foreach(m, i, y){
      json_t *city = json_object_get(y, "city"), *org = json_object_get(y, "org");
      hp(b, "<tr><td>");
      if( json_is_object(city) ){
        if( json_is_integer(json_object_get(y, "tie_id")) )
          hp(b, "<a href=\"/partners/%D\">%s</a>", (int64_t)jint(y, "tie_id"), ui_pick(r, city, "label_en", "label_zh"));
        else hp(b, "%s", ui_pick(r, city, "label_en", "label_zh"));
      }else if( json_is_object(org) ) ui_org_link(r, b, org);
      hp(b, "</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">", T(r, "sr.role"), jstr0(y, "role"), T(r, "sr.joined"));
      if( jstr(y, "joined") ) ui_date(r, b, jstr(y, "joined"), jstr(y, "joined_precision"));
      hp(b, "</td>");
      if( r->zUser ){
        hp(b, "<td><form method=\"post\" action=\"/series/%D/members/%D/delete\" class=\"inline\">", id, (int64_t)jint(y, "id"));
        ui_csrf_field(r, p);
        hp(b, "<button type=\"submit\" class=\"danger\">%s</button></form></td>", T(r, "sr.remove"));
      }
      hp(b, "</tr>\n");
    }
    hp(b, "</tbody></table></div>\n");
  }
  if( r->zUser ){
    hp(b, "<h3>%s</h3><form method=\"post\" action=\"/series/%D/members\" class=\"form\" id=\"member-form\">\n", T(r, "sr.add_member"), id);
    ui_csrf_field(r, p);
    hp(b, "<div class=\"row\"><div class=\"field\"><label for=\"tie_id\">%s</label>", T(r, "iv.tie"));
    ui_tie_select(r, b, "tie_id", 0, T(r, "x.none_option"));
    hp(b, "</div><div class=\"field\"><label for=\"role\">%s</label><input id=\"role\" name=\"role\"></div>"
          "<div class=\"field small\"><label for=\"joined\">%s</label><input id=\"joined\" name=\"joined\" placeholder=\"YYYY\"></div></div>\n"
          "<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button></div></form>\n",
       T(r, "sr.role"), T(r, "sr.joined"), T(r, "sr.add"));
  }
  hp(b, "</section>\n<section class=\"card\" id=\"editions\"><div class=\"page-head\"><h2>%s</h2>", T(r, "sr.editions"));
  if( r->zUser ) hp(b, "<div class=\"head-actions\"><a class=\"button\" href=\"/events/new?series=%D\">%s</a></div>", id, T(r, "ev.new"));
  hp(b, "</div>\n");
  json_t *ed = json_object_get(x, "editions");
  if( json_array_size(ed)==0 ) hp(b, "<p class=\"empty\">%s</p>\n", T(r, "sr.no_editions"));
  else{
    hp(b, "<ol class=\"changes\">\n");
    json_array_foreach(ed, i, y){
      hp(b, "<li>");
      ui_date(r, b, jstr(y, "start"), jstr(y, "start_precision"));
      hp(b, " <a href=\"/events/%D\">%s</a> ", (int64_t)jint(y, "id"), ev_title(r, y));
      ev_status(r, b, jstr0(y, "status"));
      hp(b, "</li>\n");
    }
    hp(b, "</ol>\n");
  }
  hp(b, "</section>\n");
}

/* WEBPAGE: GET /series/{id} */
void ui_series_page(Req *r, Resp *p){ rec_page(&recSeries, r, p); }

static void series_fields(UiForm *fm, const Form *v, const char *zId){
  Req *r = fm->r;
  Buf *b = fm->b;
  (void)zId;
  ui_field(fm, &(UiField){.zName = "kind", .zLabel = T(r, "sr.kind"), .zValue = form_get(v, "kind"), .eType = UI_SELECT,
    .zPrefix = "srk", .azEnum = azSeriesKind, .zHint = T(r, "sr.kind_hint")});
  hp(b, "<div class=\"row\">");
  ui_field(fm, &(UiField){.zName = "name_zh", .zLabel = T(r, "sr.name_zh"), .zValue = form_get(v, "name_zh"), .eAttr = UI_ATTR_MAX300,
    .zField = "name_zh name_en"});
  ui_field(fm, &(UiField){.zName = "name_en", .zLabel = T(r, "sr.name_en"), .zValue = form_get(v, "name_en"), .eAttr = UI_ATTR_MAX300});
  hp(b, "</div>\n");
  ui_field(fm, &(UiField){.zName = "website", .zLabel = T(r, "sr.website"), .zValue = form_get(v, "website"), .zPlaceholder = "https://"});
  ui_field(fm, &(UiField){.zName = "description", .zLabel = T(r, "x.description"), .zValue = form_get(v, "description"),
    .eType = UI_TEXTAREA, .nRows = 4});
  ui_field(fm, &(UiField){.zName = "sources", .zLabel = T(r, "x.sources"), .zValue = form_get(v, "sources"), .eType = UI_TEXTAREA,
    .zHint = T(r, "x.lines_hint")});
}

static json_t *series_input(Req *r, const Form *f, int bUpdate, Err *e, YcStatus *pSt){
  json_t *in = json_object();
  (void)r; (void)e;
  *pSt = YC_OK;
  static const char *const azText[] = {"kind", "name_zh", "name_en", "website", "description", 0};
  for(int i=0; azText[i]; i++){
    const char *z = form_get(f, azText[i]);
    if( z ) json_object_set_new(in, azText[i], json_string(z));
    else if( bUpdate && i>0 ) json_object_set_new(in, azText[i], json_null());
  }
  json_object_set_new(in, "sources", ui_split(form_get(f, "sources"), "\n"));
  return in;
}

static void series_defaults(Req *r, Form *v){ form_set(r, v, "kind", "series"); }

static void series_values(Req *r, json_t *x, Form *v){
  static const char *const az[] = {"kind", "name_zh", "name_en", "website", "description", 0};
  for(int i=0; az[i]; i++) form_set(r, v, az[i], jstr(x, az[i]));
  form_set_join(r, v, "sources", json_object_get(x, "sources"), 0, "\n");
}

const RecordType recSeries = {
  .zEntity = "series",
  .zBase = "/series", .zApi = "/api/v1/series", .zNav = "events", .zCss = "exchange", .eAuth = REC_AUTH_CHECKED,
  .zNewTitle = "sr.new", .zEditTitle = "sr.edit", .zDeleteTitle = "sr.delete", .zAsk = "sr.confirm_delete",
  .xGet = series_get, .xCreate = series_create, .xUpdate = series_update, .xDelete = series_delete,
  .xName = ui_name, .zBack = "sr.back", .xPage = series_page, .xDefaults = series_defaults, .xValues = series_values,
  .xInput = series_input, .xFields = series_fields,
};

/* WEBPAGE: GET /series/new */
void ui_series_new(Req *r, Resp *p){ rec_new(&recSeries, r, p); }
/* WEBPAGE: POST /series/new */
void ui_series_create(Req *r, Resp *p){ rec_create(&recSeries, r, p); }
/* WEBPAGE: GET /series/{id}/edit */
void ui_series_edit(Req *r, Resp *p){ rec_edit(&recSeries, r, p); }
/* WEBPAGE: POST /series/{id}/edit */
void ui_series_update(Req *r, Resp *p){ rec_update(&recSeries, r, p); }
/* WEBPAGE: GET /series/{id}/delete (asks for confirmation) */
void ui_series_delete_ask(Req *r, Resp *p){ rec_delete_ask(&recSeries, r, p); }
/* WEBPAGE: POST /series/{id}/delete */
void ui_series_delete(Req *r, Resp *p){ rec_delete(&recSeries, r, p); }

/* WEBPAGE: POST /series/{id}/members */
void ui_series_member_add(Req *r, Resp *p){
  Form f;
  Err e;
  int64_t id = 0;
  if( ui_post(r, p, &f, &id, &e) ) return;
  json_t *in = json_object(), *out = 0;
  const char *z;
  if( (z = form_get(&f, "tie_id")) ) json_object_set_new(in, "tie_id", json_integer(atoll(z)));
  if( (z = form_get(&f, "role")) ) json_object_set_new(in, "role", json_string(z));
  if( (z = form_get(&f, "joined")) ) json_object_set_new(in, "joined", json_string(z));
  YcStatus st = series_member_add(&r->ctx, id, in, &out, &e);
  json_decref(in);
  json_decref(out);
  if( st ){ ui_error(r, p, &e); return; }
  ui_redirect(p, arena_printf(&r->arena, "/series/%lld?flash=saved#members", (long long)id));
}

/* WEBPAGE: POST /series/{id}/members/{member_id}/delete */
void ui_series_member_remove(Req *r, Resp *p){
  Form f;
  Err e;
  int64_t id = 0, m = 0;
  if( ui_post(r, p, &f, &id, &e) ) return;
  YcStatus st = http_arg_id(r, 1, &m, &e);
  if( !st ) st = series_member_remove(&r->ctx, id, m, &e);
  if( st ){ ui_error(r, p, &e); return; }
  ui_redirect(p, arena_printf(&r->arena, "/series/%lld?flash=deleted#members", (long long)id));
}

/* ---------------------------------------------------------------------------
** The participation matrix
*/
/* WEBPAGE: GET /participation */
void ui_participation(Req *r, Resp *p){
  static const char *const azParam[] = {"series", "from", "to", "events", "limit", "cursor", "lang", 0};
  ui_prepare(r, p);
  Err e;
  memset(&e, 0, sizeof e);
  MatrixQuery q;
  memset(&q, 0, sizeof q);
  for(int i=0; azMatrixParam[i]; i++){
    const char *z = http_param(r, azMatrixParam[i]);
    q.az[i] = z && *z ? z : 0;
  }
  json_t *m = 0;
  YcStatus st = http_check_params(r, azParam, &e);
  if( !st ) st = invitation_matrix(&r->ctx, &q, &m, &e);
  if( st && st!=YC_EINVALID ){ ui_error(r, p, &e); return; }
  if( st ) p->status = 400;
  ui_begin(r, p, T(r, "pt.title"), "events");
  Buf *b = &p->body;
  ui_css(b, "exchange");
  ui_css(b, "events");
  hp(b, "<div class=\"page-head\"><h1>%s</h1><div class=\"head-actions\"><a class=\"button\" href=\"/events\">%s</a></div></div>\n",
     T(r, "pt.title"), T(r, "ev.title"));
  hp(b, "<p class=\"note\">%s</p>\n", T(r, "pt.intro"));
  hp(b, "<form class=\"filters\" method=\"get\" action=\"/participation\" role=\"search\">\n<div class=\"field\"><label for=\"series\">%s</label>",
     T(r, "ev.series"));
  series_select(r, b, "series", q.zSeries ? atoll(q.zSeries) : 0, T(r, "p.any"), ui_aria(r, &e, "series", 0, 0));
  hp(b, "</div>\n<div class=\"field small\"><label for=\"from\">%s</label>"
        "<input id=\"from\" name=\"from\" value=\"%s\" placeholder=\"YYYY\" inputmode=\"numeric\"%R></div>\n"
        "<div class=\"field small\"><label for=\"to\">%s</label>"
        "<input id=\"to\" name=\"to\" value=\"%s\" placeholder=\"YYYY\" inputmode=\"numeric\"%R></div>\n",
     T(r, "x.from"), q.zFrom ? q.zFrom : "", ui_aria(r, &e, "from", 0, 0), T(r, "x.to"), q.zTo ? q.zTo : "", ui_aria(r, &e, "to", 0, 0));
  hp(b, "<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button>"
        " <a class=\"button\" href=\"/participation\">%s</a></div>\n</form>\n", T(r, "x.filter"), T(r, "x.reset"));
  if( st ){
    ui_alert(r, b, &e, 0);
    ui_end(r, p);
    return;
  }
  json_t *events = json_object_get(m, "events"), *rows = json_object_get(m, "rows"), *x, *y;
  size_t i, k;
  char z[200];
  snprintf(z, sizeof z, T(r, "pt.count"), ui_num(r, jint(m, "total")), ui_num(r, (long long)json_array_size(events)),
           ui_num(r, jint(m, "events_total")));
  hp(b, "<p class=\"count\" id=\"count\">%s</p>\n", z);
  if( jint(m, "events_total")>(long long)json_array_size(events) ) hp(b, "<p class=\"note\">%s</p>\n", T(r, "pt.narrow"));
  /* The callouts. */
  static const char *const azCall[] = {"never_invited", "never_attended", 0};
  hp(b, "<div class=\"cols\">");
  for(int c=0; azCall[c]; c++){
    json_t *o = json_object_get(m, azCall[c]);
    snprintf(z, sizeof z, T(r, c ? "pt.never_attended" : "pt.never_invited"), ui_num(r, jint(o, "total")));
    hp(b, "<section class=\"card\" id=\"%s\"><h2>%s</h2>", azCall[c], z);
    if( json_array_size(json_object_get(o, "items")) ){
      hp(b, "<p>");
      ui_tie_links(r, b, json_object_get(o, "items"));
      if( jint(o, "total")>(long long)json_array_size(json_object_get(o, "items")) ) hp(b, " …");
      hp(b, "</p>");
    }else hp(b, "<p class=\"empty\">%s</p>", T(r, "pt.nobody"));
    hp(b, "</section>\n");
  }
  hp(b, "</div>\n");
  if( json_array_size(events)==0 ){
    hp(b, "<p class=\"empty\">%s</p>\n", T(r, "ev.none"));
  }else{
    hp(b, "<div class=\"table-wrap matrix-wrap\"><table class=\"list matrix\" id=\"matrix\"><caption class=\"muted\">%s</caption><thead><tr>"
          "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>",
       T(r, "pt.caption"), T(r, "pt.tie"), T(r, "pt.invited"), T(r, "pt.attended"));
    json_array_foreach(events, k, y){
      hp(b, "<th scope=\"col\" class=\"ev-col\"><a href=\"/events/%D\" title=\"%s\">%s</a><br><span class=\"muted\">%s</span></th>",
         (int64_t)jint(y, "id"), ev_title(r, y), ev_title(r, y), jstr0(y, "start"));
    }
    hp(b, "</tr></thead><tbody>\n");
    json_array_foreach(rows, i, x){
      json_t *t = json_object_get(x, "tie");
      hp(b, "<tr><th scope=\"row\">");
      if( json_is_object(t) ) hp(b, "<a href=\"/partners/%D\">%s</a>", (int64_t)jint(t, "id"), ui_tie_name(r, t));
      hp(b, "</th><td class=\"num\">%d</td><td class=\"num\">%d</td>", (int)jint(x, "invited"), (int)jint(x, "attended"));
      json_array_foreach(json_object_get(x, "cells"), k, y){
        const char *zS = json_string_value(y);
        if( zS ) hp(b, "<td class=\"cell ivs-%s\" title=\"%s\">%s</td>", zS, ui_label(r, "ivs", zS), ui_label(r, "ivsh", zS));
        else hp(b, "<td class=\"cell\"></td>");
      }
      hp(b, "</tr>\n");
    }
    hp(b, "</tbody></table></div>\n");
  }
  const char *zNext = jstr(m, "next_cursor");
  if( zNext ) hp(b, "<nav class=\"pager\" aria-label=\"%s\"><a rel=\"next\" href=\"%s\">%s</a></nav>\n", T(r, "x.pages"),
                 ui_url_with(r, "cursor", zNext), T(r, "x.next"));
  json_decref(m);
  ui_end(r, p);
}

/* ---------------------------------------------------------------------------
** Sections of other pages
*/
void ui_partner_events(Req *r, Resp *p, int64_t tieId, int64_t cityId){
  Buf *b = &p->body;
  Err e;
  json_t *inv = 0, *nets = 0, *x;
  size_t i;
  hp(b, "<section class=\"card\" id=\"tie-events\"><h2>%s</h2>\n", T(r, "ev.tie_title"));
  if( invitation_for_tie(&r->ctx, tieId, &inv, &e)==YC_OK ){
    char z[200];
    snprintf(z, sizeof z, T(r, "ev.tie_counts"), (int)jint(inv, "invited"), (int)jint(inv, "attended"));
    hp(b, "<p class=\"count\">%s</p>\n", z);
    json_t *items = json_object_get(inv, "items");
    if( json_array_size(items)==0 ) hp(b, "<p class=\"empty\">%s</p>\n", T(r, "ev.tie_none"));
    else{
      hp(b, "<ul class=\"changes\">\n");
      json_array_foreach(items, i, x){
        hp(b, "<li>");
        ui_date(r, b, jstr(x, "start"), jstr(x, "start_precision"));
        hp(b, " <a href=\"/events/%D\">%s</a> ", (int64_t)jint(x, "event_id"), ev_title(r, x));
        ui_badge(r, b, "ivs", jstr(x, "status"), "ivs-");
        hp(b, "</li>\n");
      }
      hp(b, "</ul>\n");
    }
    json_decref(inv);
  }
  hp(b, "<h3>%s</h3>\n", T(r, "sr.tie_networks"));
  if( series_for_city(&r->ctx, cityId, &nets, &e)==YC_OK && json_array_size(json_object_get(nets, "items")) ){
    hp(b, "<ul class=\"changes\" id=\"tie-networks\">\n");
    json_array_foreach(json_object_get(nets, "items"), i, x){
      hp(b, "<li><a href=\"/series/%D\">%s</a> ", (int64_t)jint(x, "id"), ui_name(r, x));
      ui_badge(r, b, "srk", jstr(x, "kind"), 0);
      if( jstr(x, "role") ) hp(b, " <span class=\"muted\">%s</span>", jstr0(x, "role"));
      if( jstr(x, "joined") ){ hp(b, " "); ui_date(r, b, jstr(x, "joined"), jstr(x, "joined_precision")); }
      hp(b, "</li>\n");
    }
    hp(b, "</ul>\n");
  }else{
    hp(b, "<p class=\"empty\">%s</p>\n", T(r, "sr.tie_none"));
  }
  json_decref(nets);
  hp(b, "</section>\n");
}

void ui_layout_unnetworked(Req *r, Buf *b){
  Err e;
  json_t *u = 0;
  if( series_unnetworked(&r->ctx, &u, &e)!=YC_OK ) return;
  char z[200];
  snprintf(z, sizeof z, T(r, "sr.unnetworked_count"), ui_num(r, jint(u, "total")), ui_num(r, jint(u, "ties")));
  hp(b, "<section class=\"card\" id=\"unnetworked\"><h2>%s</h2>\n<p class=\"count\">%s</p>\n", T(r, "sr.unnetworked"), z);
  if( json_array_size(json_object_get(u, "items")) ){
    hp(b, "<p>");
    ui_tie_links(r, b, json_object_get(u, "items"));
    hp(b, "</p>\n");
  }
  hp(b, "<p class=\"note\"><a href=\"/series?kind=network\">%s</a></p></section>\n", T(r, "sr.networks_link"));
  json_decref(u);
}
