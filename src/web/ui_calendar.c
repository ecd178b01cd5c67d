/*
** ui_calendar.c: the anniversary calendar page and its iCalendar feed
** (/calendar.ics, RFC 5545).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "web/route.h"
#include "web/ui_exchange.h"
#include "core/calendar.h"

/* WEBPAGE: GET /calendar (?months=N or ?from=&to=) */
void ui_calendar_page(Req *r, Resp *p){
  static const char *const azParam[] = {"from", "to", "months", "lang", 0};
  ui_prepare(r, p);
  Err e;
  memset(&e, 0, sizeof e);
  const char *zFrom = http_param(r, "from"), *zTo = http_param(r, "to"), *zMonths = http_param(r, "months");
  if( zFrom && !*zFrom ) zFrom = 0;
  if( zTo && !*zTo ) zTo = 0;
  if( zMonths && !*zMonths ) zMonths = 0;
  if( !zFrom && !zTo && !zMonths ) zMonths = "12";
  int fromDay = 0, toDay = 0;
  json_t *cal = 0;
  YcStatus st = http_check_params(r, azParam, &e);
  if( !st ) st = calendar_window(zFrom, zTo, zTo ? 0 : zMonths, &fromDay, &toDay, &e);
  if( !st ) st = calendar_items(&r->ctx, fromDay, toDay, &cal, &e);
  if( st && st!=YC_EINVALID ){ ui_error(r, p, &e); return; }
  if( st ) p->status = 400;
  ui_begin(r, p, T(r, "cal.title"), "health");
  Buf *b = &p->body;
  ui_css(b, "exchange");
  Buf qs = BUF_INIT;
  if( !st ){
    buf_puts(&qs, "?from=");
    buf_url(&qs, jstr0(cal, "from"));
    buf_puts(&qs, "&to=");
    buf_url(&qs, jstr0(cal, "to"));
  }
  hp(b, "<div class=\"page-head\"><h1>%s</h1><div class=\"head-actions\"><a class=\"button\" id=\"ics\" href=\"/calendar.ics%s\">%s</a>"
        "<a class=\"button\" href=\"/health\">%s</a></div></div>\n",
     T(r, "cal.title"), buf_str(&qs), T(r, "cal.ics"), T(r, "nav.health"));
  buf_free(&qs);
  hp(b, "<p class=\"note\">%s</p>\n", T(r, "cal.intro"));
  static const char *const azMonths[] = {"3", "6", "12", "24", "60", "120", 0};
  hp(b, "<form class=\"filters\" method=\"get\" action=\"/calendar\">\n<div class=\"field\"><label for=\"months\">%s</label>"
        "<select id=\"months\" name=\"months\">", T(r, "cal.months"));
  for(int i=0; azMonths[i]; i++){
    hp(b, "<option value=\"%s\"%R>%s</option>", azMonths[i], zMonths && !zTo && strcmp(zMonths, azMonths[i])==0 ? " selected" : "",
       ui_label(r, "calm", azMonths[i]));
  }
  hp(b, "</select></div>\n<div class=\"field small\"><label for=\"from\">%s</label><input id=\"from\" name=\"from\" value=\"%s\""
        " placeholder=\"YYYY-MM-DD\"%R></div>\n<div class=\"field small\"><label for=\"to\">%s</label><input id=\"to\" name=\"to\""
        " value=\"%s\" placeholder=\"YYYY-MM-DD\"%R></div>\n",
     T(r, "x.from"), zFrom ? zFrom : "", ui_aria(r, &e, "from", 0, 0), T(r, "x.to"), zTo ? zTo : "", ui_aria(r, &e, "to", 0, 0));
  hp(b, "<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button> <a class=\"button\" href=\"/calendar\">%s</a></div>\n</form>\n",
     T(r, "x.filter"), T(r, "x.reset"));
  if( st ){
    ui_alert(r, b, &e, 0);
    ui_end(r, p);
    return;
  }
  char zRange[200];
  snprintf(zRange, sizeof zRange, T(r, "cal.range"), jstr0(cal, "from"), jstr0(cal, "to"),
           (int)json_array_size(json_object_get(cal, "items")));
  hp(b, "<p class=\"count\" id=\"count\">%s</p>\n", zRange);
  json_t *items = json_object_get(cal, "items"), *x;
  size_t i;
  if( json_array_size(items)==0 ) hp(b, "<p class=\"empty\">%s</p>\n", T(r, "cal.none"));
  else{
    hp(b, "<div class=\"table-wrap\"><table class=\"list stack\" id=\"calendar\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
          "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
       T(r, "x.date"), T(r, "cal.what"), T(r, "cal.who"), T(r, "cal.letter_by"));
    json_array_foreach(items, i, x){
      const char *zType = jstr0(x, "type");
      hp(b, "<tr class=\"cal-%s\"><td class=\"nowrap\">", zType);
      ui_date(r, b, jstr0(x, "date"), jstr0(x, "precision"));
      if( strcmp(zType, "anniversary")==0 ){
        json_t *t = json_object_get(x, "tie");
        char zYears[96];
        snprintf(zYears, sizeof zYears, T(r, "cal.years"), (int)json_integer_value(json_object_get(x, "years")));
        hp(b, "</td><td>%s", zYears);
        if( json_is_true(json_object_get(x, "major")) ) hp(b, " <span class=\"badge kind-sister\">%s</span>", T(r, "cal.major"));
        hp(b, "<br><span class=\"muted\">%s ", T(r, "cal.since"));
        ui_date(r, b, jstr0(x, "established"), jstr0(x, "precision"));
        hp(b, "</span></td><td><a href=\"/partners/%D\">%s</a> <span class=\"muted\">%s</span> <span class=\"badge kind-%s\">%s</span></td>"
              "<td class=\"nowrap\" data-label=\"%s\"><time datetime=\"%s\">%s</time></td></tr>\n",
           (int64_t)json_integer_value(json_object_get(t, "id")), ui_tie_name(r, t), ui_name(r, json_object_get(t, "country")),
           jstr0(t, "kind"), ui_label(r, "kind", jstr0(t, "kind")), T(r, "cal.letter_by"), jstr0(x, "letter_by"), jstr0(x, "letter_by"));
      }else if( strcmp(zType, "event")==0 ){
        json_t *ev = json_object_get(x, "event");
        hp(b, "</td><td>%s<br><a href=\"/events/%D\">%s</a></td><td>%s</td><td><span class=\"muted\">—</span></td></tr>\n",
           ui_label(r, "evs", jstr0(ev, "status")), (int64_t)jint(ev, "id"), ui_pick(r, ev, "title_en", "title_zh"),
           ui_pick(r, ev, "city_en", "city_zh"));
      }else{
        json_t *ex = json_object_get(x, "exchange"), *t;
        size_t k;
        hp(b, "</td><td>%s<br><a href=\"/exchanges/%D\">%s</a></td><td>", T(r, "cal.expiry"),
           (int64_t)json_integer_value(json_object_get(ex, "id")), jstr0(ex, "title"));
        json_array_foreach(json_object_get(x, "ties"), k, t){
          hp(b, "%R<a href=\"/partners/%D\">%s</a>", k ? ", " : "", (int64_t)json_integer_value(json_object_get(t, "id")), ui_tie_name(r, t));
        }
        hp(b, "</td><td><span class=\"muted\">—</span></td></tr>\n");
      }
    }
    hp(b, "</tbody></table></div>\n");
  }
  hp(b, "<p class=\"note\">%s</p>\n", T(r, "cal.precision_note"));
  json_decref(cal);
  ui_end(r, p);
}

/* WEBPAGE: GET /calendar.ics (?months=N or ?from=&to=; default 24 months) */
void ui_calendar_ics(Req *r, Resp *p){
  static const char *const azParam[] = {"from", "to", "months", 0};
  Err e;
  memset(&e, 0, sizeof e);
  const char *zFrom = http_param(r, "from"), *zTo = http_param(r, "to"), *zMonths = http_param(r, "months");
  if( !zFrom && !zTo && !zMonths ) zMonths = "24";
  int fromDay = 0, toDay = 0;
  YcStatus st = http_check_params(r, azParam, &e);
  if( !st ) st = calendar_window(zFrom, zTo, zMonths, &fromDay, &toDay, &e);
  if( !st ) st = calendar_ics(&r->ctx, fromDay, toDay, &p->body, &e);
  if( st ){ buf_reset(&p->body); http_error(p, &e); return; }
  p->status = 200;
  p->zType = "text/calendar; charset=utf-8";
  http_add_header(p, "Content-Disposition", "inline; filename=\"youcheng-calendar.ics\"");
  http_add_header(p, "Cache-Control", "no-store");
}
