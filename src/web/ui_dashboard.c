/*
** ui_dashboard.c: the dashboard: counts next to the city's reported
** figures, a world map of the partners, charts by continent, decade and
** status, upcoming events and delegations, the latest events partners
** attended, and the latest changes. The numbers are in the HTML (usable
** without JavaScript); app.js draws the map and charts from the same data.
*/
#include <stdio.h>
#include <string.h>
#include "web/route.h"
#include "web/ui.h"
#include "core/opportunity.h"
#include "core/project.h"
#include "core/exchange.h"
#include "core/unit.h"
#include "core/input.h"
#include "core/review.h"
#include "core/stats.h"
#include "core/history.h"
#include "web/ui_history.h"
#include "core/partner.h"
#include "core/city.h"
#include "core/event.h"
#include "core/delegation.h"
#include "base/json.h"

static void bar_row(Req *r, Buf *b, const char *zLabel, int64_t n, int64_t nMax){
  (void)r;
  int pct = (int)(100*n/nMax);
  hp(b, "<tr><th scope=\"row\">%s</th><td class=\"num\">%D</td><td class=\"barcell\"><div class=\"hbar w%d\"></div></td></tr>\n",
     zLabel, n, pct/5*5);
}

/* A table of key -> count with labels, and a bar for each. */
static void count_table(Req *r, Buf *b, const char *zId, const char *zTitle, json_t *o,
                        const char *zPrefix, const char *const *azOrder){
  int64_t nMax = 1;
  const char *zKey;
  json_t *v;
  json_object_foreach(o, zKey, v) if( json_integer_value(v)>nMax ) nMax = json_integer_value(v);
  hp(b, "<section class=\"card chart-card\"><h2>%s</h2>\n<div class=\"chart\" id=\"%s\" aria-hidden=\"true\"></div>\n"
        "<table class=\"bars\" data-chart=\"%s\"><tbody>\n", zTitle, zId, zId);
  /* The keys in azOrder first, then the others in the object's order. */
  for(int i=0; azOrder && azOrder[i]; i++){
    v = json_object_get(o, azOrder[i]);
    if( v ) bar_row(r, b, ui_label(r, zPrefix, azOrder[i]), json_integer_value(v), nMax);
  }
  json_object_foreach(o, zKey, v){
    int bListed = 0;
    for(int i=0; azOrder && azOrder[i]; i++) if( strcmp(azOrder[i], zKey)==0 ) bListed = 1;
    if( !bListed ) bar_row(r, b, strcmp(zKey, "unknown")==0 ? T(r, "dash.unknown_decade") : zKey, json_integer_value(v), nMax);
  }
  hp(b, "</tbody></table></section>\n");
}

/* The next events and delegations, and the latest events partner cities
** attended: three cards, each with a link to its full list. */
static void coming_up(Req *r, Buf *b, const char *zUnit){
  Err e;
  json_t *ev = 0, *dg = 0, *held = 0, *x;
  size_t i;
  EventQuery qe;
  memset(&qe, 0, sizeof qe);
  qe.zUpcoming = "1"; qe.zSort = "date"; qe.zLimit = "5"; qe.zUnit = zUnit;
  DelegationQuery qd;
  memset(&qd, 0, sizeof qd);
  qd.zWhen = "upcoming"; qd.zSort = "start"; qd.zLimit = "5"; qd.zUnit = zUnit;
  EventQuery qh;
  memset(&qh, 0, sizeof qh);
  qh.zStatus = "held"; qh.zLimit = "30"; qh.zUnit = zUnit;
  if( event_list(&r->ctx, &qe, &ev, &e) ) ev = 0;
  if( delegation_list(&r->ctx, &qd, &dg, &e) ) dg = 0;
  if( event_list(&r->ctx, &qh, &held, &e) ) held = 0;
  hp(b, "<div class=\"cols three\">\n<section class=\"card\" id=\"dash-events\"><h2>%s</h2>\n", T(r, "dash.upcoming_events"));
  json_t *items = json_object_get(ev, "items");
  if( !json_array_size(items) ) hp(b, "<p class=\"empty\">%s</p>\n", T(r, "dash.no_upcoming_events"));
  else hp(b, "<ul class=\"changes\">\n");
  json_array_foreach(items, i, x){
    hp(b, "<li>");
    ui_date(r, b, jstr(x, "start"), jstr(x, "start_precision"));
    hp(b, " <a href=\"/events/%D\">%s</a> ", jint(x, "id"), ui_pick(r, x, "title_en", "title_zh"));
    ui_badge(r, b, "evs", jstr(x, "status"), "evs-");
    hp(b, "</li>\n");
  }
  if( json_array_size(items) ) hp(b, "</ul>\n");
  hp(b, "<p><a href=\"/events?upcoming=1%s%s\">%s</a></p>\n</section>\n", zUnit ? "&unit=" : "", zUnit ? zUnit : "",
     T(r, "dash.all_events"));

  hp(b, "<section class=\"card\" id=\"dash-delegations\"><h2>%s</h2>\n", T(r, "dash.upcoming_delegations"));
  items = json_object_get(dg, "items");
  if( !json_array_size(items) ) hp(b, "<p class=\"empty\">%s</p>\n", T(r, "dash.no_upcoming_delegations"));
  else hp(b, "<ul class=\"changes\">\n");
  json_array_foreach(items, i, x){
    hp(b, "<li>");
    ui_date(r, b, jstr(x, "start"), jstr(x, "start_precision"));
    hp(b, " <span class=\"badge\">%s</span> <a href=\"/delegations/%D\">%s</a> ",
       ui_label(r, "dg.dir", jstr(x, "direction")), jint(x, "id"), ui_pick(r, x, "title_en", "title_zh"));
    ui_tie_links(r, b, json_object_get(x, "ties"));
    hp(b, "</li>\n");
  }
  if( json_array_size(items) ) hp(b, "</ul>\n");
  hp(b, "<p><a href=\"/delegations?when=upcoming%s%s\">%s</a></p>\n</section>\n", zUnit ? "&unit=" : "", zUnit ? zUnit : "",
     T(r, "dash.all_delegations"));

  hp(b, "<section class=\"card\" id=\"dash-participation\"><h2>%s</h2>\n", T(r, "dash.participation"));
  int n = 0;
  json_array_foreach(json_object_get(held, "items"), i, x){
    if( jint(x, "ties_attended")<=0 ) continue;
    if( n++==0 ) hp(b, "<ul class=\"changes\">\n");
    hp(b, "<li>");
    ui_date(r, b, jstr(x, "start"), jstr(x, "start_precision"));
    hp(b, " <a href=\"/events/%D\">%s</a> <span class=\"muted\">", jint(x, "id"), ui_pick(r, x, "title_en", "title_zh"));
    hp(b, T(r, "dash.partners_attended"), (int)jint(x, "ties_attended"));
    hp(b, "</span></li>\n");
    if( n==5 ) break;
  }
  if( n ) hp(b, "</ul>\n");
  else hp(b, "<p class=\"empty\">%s</p>\n", T(r, "dash.no_participation"));
  hp(b, "<p><a href=\"/participation\">%s</a></p>\n</section>\n</div>\n", T(r, "dash.matrix"));
  json_decref(ev);
  json_decref(dg);
  json_decref(held);
}

/* The dashboard of one unit (?unit=ID): a chooser of the units, and the
** unit's records by type, each linked to its list filtered by the unit. */
static void unit_card(Req *r, Buf *b, const json_t *unit, const char *zUnit){
  Err e;
  Buf f = BUF_INIT;
  ui_unit_filter(r, &f, unit ? zUnit : 0, T(r, "dash.unit"), T(r, "dash.all_units"));
  if( f.n ){
    hp(b, "<form class=\"filters\" method=\"get\" action=\"/\">");
    buf_append(b, buf_str(&f), f.n);
    hp(b, "<div class=\"actions\"><button type=\"submit\">%s</button></div></form>\n", T(r, "dash.show_unit"));
  }
  buf_free(&f);
  if( !unit ) return;
  /* The totals of the lists the counts link to: what the caller may see
  ** there (no private event or delegation, no draft, for anonymous callers). */
  static const char *const azList[] = {"exchanges", "events", "delegations", "projects", "opportunities", 0};
  const char *zId = arena_printf(&r->arena, "%lld", jint(unit, "id"));
  int64_t an[5] = {0, 0, 0, 0, 0};
  json_t *l = 0;
  ExchangeQuery qx; memset(&qx, 0, sizeof qx); qx.zUnit = zId; qx.zLimit = "1";
  if( exchange_list(&r->ctx, &qx, &l, &e)==YC_OK ) an[0] = jint(l, "total");
  json_decref(l); l = 0;
  EventQuery qe; memset(&qe, 0, sizeof qe); qe.zUnit = zId; qe.zLimit = "1";
  if( event_list(&r->ctx, &qe, &l, &e)==YC_OK ) an[1] = jint(l, "total");
  json_decref(l); l = 0;
  DelegationQuery qd; memset(&qd, 0, sizeof qd); qd.zUnit = zId; qd.zLimit = "1";
  if( delegation_list(&r->ctx, &qd, &l, &e)==YC_OK ) an[2] = jint(l, "total");
  json_decref(l); l = 0;
  ProjectQuery qp; memset(&qp, 0, sizeof qp); qp.zUnit = zId; qp.zLimit = "1";
  if( project_list(&r->ctx, &qp, &l, &e)==YC_OK ) an[3] = jint(l, "total");
  json_decref(l); l = 0;
  OppQuery qo; memset(&qo, 0, sizeof qo); qo.zUnit = zId; qo.zLimit = "1";
  if( opp_list(&r->ctx, &qo, &l, &e)==YC_OK ) an[4] = jint(l, "total");
  json_decref(l);
  hp(b, "<section class=\"kpis\" id=\"unit-kpis\" aria-label=\"%s\">\n", ui_name(r, unit));
  for(int k=0; azList[k]; k++){
    hp(b, "<div class=\"kpi\"><div class=\"kpi-label\">%s</div><div class=\"kpi-value\"><a href=\"/%s?unit=%s%s\">%D</a></div></div>\n",
       ui_label(r, "dash.unit_n", azList[k]), azList[k], zId, k==4 ? "&status=all" : "", an[k]);
  }
  hp(b, "</section>\n");
}

/* WEBPAGE: GET / */
void ui_dashboard(Req *r, Resp *p){
  static const char *const azParam[] = {"lang", "unit", 0};
  ui_prepare(r, p);
  Err e;
  json_t *st = 0, *unit = 0;
  const char *zUnit = ui_param(r, "unit");
  int64_t unitId = 0;
  if( http_check_params(r, azParam, &e) || stats_get(&r->ctx, &st, &e) ){ ui_error(r, p, &e); return; }
  if( zUnit && (!in_parse_id(zUnit, &unitId) || unit_get(&r->ctx, unitId, &unit, &e)) ){
    if( unitId==0 ) err_set(&e, YC_EINVALID, "invalid_value", "unit", "unit must be a unit id");
    json_decref(st);
    ui_error(r, p, &e);
    return;
  }
  ui_begin(r, p, T(r, "nav.dashboard"), "dashboard");
  Buf *b = &p->body;
  json_t *home = json_object_get(st, "home_city"), *ties = json_object_get(st, "ties");
  json_t *byKind = json_object_get(ties, "by_kind"), *rep = json_object_get(st, "reported");
  const char *zHome = (strcmp(r->zLang, "zh")==0 && jstr(home, "name_zh")) ? jstr(home, "name_zh") : jstr(home, "name_en");
  hp(b, "<h1>%s <span class=\"sub\">%s</span></h1>\n", T(r, "dash.title"), unit ? ui_name(r, unit) : zHome);
  unit_card(r, b, unit, zUnit);

  /* Counts next to reported figures */
  hp(b, "<section class=\"kpis\" aria-label=\"%s\">\n", T(r, "dash.title"));
  static const char *const azKinds[] = {"sister", "cooperation", "candidate", 0};
  for(int i=0; azKinds[i]; i++){
    const json_t *rp = stats_reported_latest(rep, azKinds[i]);
    hp(b, "<div class=\"kpi kind-%s\"><div class=\"kpi-label\">%s</div><div class=\"kpi-value\" id=\"kpi-%s\">%D</div>"
          "<div class=\"kpi-note\">%s</div>", azKinds[i], ui_label(r, "kind", azKinds[i]), azKinds[i],
       jint(byKind, azKinds[i]), T(r, "dash.in_db"));
    if( rp ){
      char zAsOf[64];
      snprintf(zAsOf, sizeof zAsOf, T(r, "dash.reported_as_of"), jstr(rp, "as_of"));
      hp(b, "<div class=\"kpi-reported\"><strong>%D</strong> %s <span class=\"muted\">(%s)</span></div>",
         jint(rp, "count"), T(r, "dash.reported"), zAsOf);
    }
    hp(b, "</div>\n");
  }
  hp(b, "<div class=\"kpi\"><div class=\"kpi-label\">%s</div><div class=\"kpi-value\" id=\"kpi-total\">%D</div>"
        "<div class=\"kpi-note\">%s · %D %s</div></div>\n</section>\n",
     T(r, "dash.total"), jint(ties, "total"), T(r, "dash.in_db"),
     jint(json_object_get(st, "organisations"), "total"), T(r, "dash.orgs"));
  hp(b, "<p class=\"note\">%s</p>\n", T(r, "dash.gap_note"));

  /* Map */
  json_t *map = ui_map_data(r, 0);
  hp(b, "<section class=\"card\"><h2>%s</h2>\n<div id=\"worldmap\" class=\"worldmap\" role=\"img\" aria-label=\"%s\"></div>\n"
        "<p class=\"hint\">%s</p>\n<script type=\"application/json\" id=\"map-data\">",
     T(r, "dash.map"), T(r, "dash.map_legend"), T(r, "dash.map_legend"));
  html_json(b, map);
  json_decref(map);
  json_t *labels = json_pack("{s:s, s:s, s:s, s:s}", "sister", T(r, "kind.sister"), "cooperation", T(r, "kind.cooperation"),
                             "candidate", T(r, "kind.candidate"), "home", zHome);
  hp(b, "</script>\n<script type=\"application/json\" id=\"map-labels\">");
  html_json(b, labels);
  json_decref(labels);
  hp(b, "</script>\n</section>\n<div class=\"cols three\">\n");
  static const char *const azCont[] = {"asia", "europe", "africa", "north_america", "south_america", "oceania", 0};
  count_table(r, b, "chart-continent", T(r, "dash.by_continent"), json_object_get(ties, "by_continent"), "continent", azCont);
  count_table(r, b, "chart-decade", T(r, "dash.by_decade"), json_object_get(ties, "by_decade"), "decade", 0);
  count_table(r, b, "chart-status", T(r, "dash.by_status"), json_object_get(ties, "by_status"), "status", azTieStatus);
  hp(b, "</div>\n");

  coming_up(r, b, unit ? zUnit : 0);

  /* Latest changes */
  /* The latest ten records changed: an import or a record written in
  ** several steps leaves runs of entries for one record; one line each. */
  json_t *all = history_latest(&r->ctx, 60), *log = json_array(), *x;
  size_t i;
  json_array_foreach(all, i, x){
    size_t j;
    json_t *y;
    int bSeen = !review_entry_visible(&r->ctx, jstr(x, "entity"), jint(x, "entity_id"));   /* drafts: not for anonymous */
    json_array_foreach(log, j, y){
      if( jint(x, "entity_id")==jint(y, "entity_id") && strcmp(jstr(x, "entity"), jstr(y, "entity"))==0
       && strcmp(jstr(x, "action"), jstr(y, "action"))==0 ) bSeen = 1;
    }
    if( !bSeen && json_array_size(log)<10 ) json_array_append(log, x);
  }
  json_decref(all);
  hp(b, "<section class=\"card\"><h2>%s</h2>\n", T(r, "dash.latest"));
  if( json_array_size(log)==0 ) hp(b, "<p class=\"empty\">%s</p>\n", T(r, "dash.no_changes"));
  else hp(b, "<ul class=\"changes\">\n");
  json_array_foreach(log, i, x){
    hp(b, "<li><time>%s</time> <span class=\"badge\">%s</span> ", jstr(x, "at"), ui_label(r, "action", jstr(x, "action")));
    ui_audit_record(r, b, x);
    hp(b, " <span class=\"muted\">%s</span></li>\n", jstr(x, "actor"));
  }
  if( json_array_size(log) ) hp(b, "</ul>\n");
  hp(b, "</section>\n");
  json_decref(log);
  json_decref(st);
  json_decref(unit);
  ui_end(r, p);
}
