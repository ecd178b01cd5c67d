/*
** ui_report.c: the annual report (issue 13, item 3) on the web: the JSON
** answer of core/report.c, the list of years, the page (charts drawn by
** app.js from the tables, as on the dashboard; an A4 print stylesheet,
** static/report.css), the XLSX download (libxlsxwriter), and the
** standalone HTML the CLI prints or turns into a PDF. See ui_report.h.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include "web/route.h"
#include "web/ui_report.h"
#include "web/record.h"
#include "core/report.h"
#include "core/exchange_vocab.h"
#include "core/partner.h"
#include "core/project.h"
#include "base/asset.h"
#include "base/date.h"

static const char *const azPageParam[] = {"lang", 0};
static const char *const azNote[] = {"precision", "exchanges", "by_partner", "delegations_events", "projects",
                                     "values", "opportunities", "health", "health_signed_in", "public_only", 0};

/* A number of a currency: whole numbers without decimals. */
static const char *money(Req *r, double v){
  return (double)(long long)v==v ? arena_printf(&r->arena, "%lld", (long long)v) : arena_printf(&r->arena, "%.2f", v);
}

static const char *signed_num(Req *r, long long n){
  return n>0 ? arena_printf(&r->arena, "+%lld", n) : arena_printf(&r->arena, "%lld", n);
}

/* A tie's name, linked to its page on the server. */
static void tie_cell(Req *r, Buf *b, const json_t *t, int bStandalone){
  if( !json_is_object(t) ){ hp(b, "%s", T(r, "rpt.deleted_tie")); return; }
  if( bStandalone ) hp(b, "%s", ui_tie_name(r, t));
  else hp(b, "<a href=\"/partners/%D\">%s</a>", jint(t, "id"), ui_tie_name(r, t));
  const json_t *co = json_object_get(t, "country");
  if( co ) hp(b, " <span class=\"muted\">(%s)</span>", ui_name(r, co));
}

/* One bar row (as the dashboard's): label, count, a CSS bar. */
static void bar_row(Buf *b, const char *zLabel, long long n, long long nMax){
  int pct = nMax>0 ? (int)(100*n/nMax) : 0;
  hp(b, "<tr><th scope=\"row\">%s</th><td class=\"num\">%D</td><td class=\"barcell\"><div class=\"hbar w%d\"></div></td></tr>\n",
     zLabel, (int64_t)n, pct/5*5);
}

/* A chart card: the counts of o (keys in az order, labels zPrefix.KEY), as
** a table with CSS bars that app.js turns into an ECharts bar chart. */
static void chart_card(Req *r, Buf *b, const char *zId, const char *zTitle, const json_t *o,
                       const char *zPrefix, const char *const *az){
  long long nMax = 1;
  for(int i=0; az[i]; i++) if( jint(o, az[i])>nMax ) nMax = jint(o, az[i]);
  hp(b, "<section class=\"card chart-card\"><h3>%s</h3>\n<div class=\"chart\" id=\"%s\" aria-hidden=\"true\"></div>\n"
        "<table class=\"bars\" data-chart=\"%s\"><tbody>\n", zTitle, zId, zId);
  for(int i=0; az[i]; i++) bar_row(b, ui_label(r, zPrefix, az[i]), jint(o, az[i]), nMax);
  hp(b, "</tbody></table></section>\n");
}

/* A list of ties with a date or a level change (a null list: health,
** which anonymous callers are not shown). */
static void tie_list(Req *r, Buf *b, const char *zTitle, const json_t *a, int bLevels, int bStandalone){
  if( !json_is_array(a) ){
    hp(b, "<div class=\"card\"><h3>%s</h3>\n<p class=\"muted\">%s</p></div>\n", zTitle, T(r, "rpt.health_signed_in"));
    return;
  }
  hp(b, "<div class=\"card\"><h3>%s <span class=\"count\">%D</span></h3>\n", zTitle, (int64_t)json_array_size(a));
  if( json_array_size(a)==0 ){ hp(b, "<p class=\"muted\">%s</p></div>\n", T(r, "rpt.none")); return; }
  hp(b, "<ul class=\"rpt-ties\">\n");
  size_t i;
  json_t *x;
  json_array_foreach(a, i, x){
    hp(b, "<li>");
    tie_cell(r, b, json_object_get(x, "tie"), bStandalone);
    if( bLevels ) hp(b, " <span class=\"muted\">%s → %s</span>", ui_label(r, "hll", jstr(x, "before")), ui_label(r, "hll", jstr(x, "after")));
    else if( jstr(x, "date") ) hp(b, " <span class=\"muted\">%s</span>", jstr(x, "date"));
    hp(b, "</li>\n");
  }
  hp(b, "</ul></div>\n");
}

static const char *const azContKeys[] = {"asia", "europe", "africa", "north_america", "south_america", "oceania", 0};
static const char *const azDir[] = {"in", "out", 0};

/* The report's sections (everything below the page head). */
static void report_body(Req *r, Buf *b, const json_t *rep, int bStandalone){
  const json_t *cur = json_object_get(rep, "current"), *prev = json_object_get(rep, "previous");
  long long y = jint(rep, "year");
  const char *zY = arena_printf(&r->arena, "%lld", y), *zPrevY = arena_printf(&r->arena, "%lld", y - 1);
  /* Summary: the year against the one before. */
  hp(b, "<section class=\"card rpt-section\" id=\"rpt-summary\"><h2>%s</h2>\n", T(r, "rpt.summary"));
  hp(b, "<div class=\"table-wrap\"><table class=\"list rpt-compare\"><thead><tr><th scope=\"col\">%s</th>"
        "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
        "</tr></thead><tbody>\n", T(r, "rpt.metric"), zY, zPrevY, T(r, "rpt.change"));
  size_t i;
  json_t *x;
  json_array_foreach(json_object_get(rep, "change"), i, x){
    long long d = jint(x, "change");
    hp(b, "<tr data-metric=\"%s\"><th scope=\"row\">%s</th><td class=\"num\">%D</td><td class=\"num\">%D</td>"
          "<td class=\"num %s\">%s</td></tr>\n", jstr0(x, "metric"), ui_label(r, "rpt.m", jstr(x, "metric")),
       (int64_t)jint(x, "current"), (int64_t)jint(x, "previous"), d>0 ? "up" : d<0 ? "down" : "same", signed_num(r, d));
  }
  hp(b, "</tbody></table></div>\n</section>\n");

  /* Ties. */
  const json_t *ties = json_object_get(cur, "ties");
  hp(b, "<section class=\"rpt-section\" id=\"rpt-ties\"><h2>%s</h2>\n<div class=\"cols\">\n", T(r, "rpt.ties"));
  tie_list(r, b, T(r, "rpt.ties_new"), json_object_get(ties, "new_items"), 0, bStandalone);
  tie_list(r, b, T(r, "rpt.ties_ended"), json_object_get(ties, "ended_items"), 0, bStandalone);
  tie_list(r, b, T(r, "rpt.ties_became_active"), json_object_get(ties, "became_active_items"), 1, bStandalone);
  tie_list(r, b, T(r, "rpt.ties_fell_dormant"), json_object_get(ties, "fell_dormant_items"), 1, bStandalone);
  hp(b, "</div>\n</section>\n");

  /* Exchanges. */
  const json_t *ex = json_object_get(cur, "exchanges");
  hp(b, "<section class=\"rpt-section\" id=\"rpt-exchanges\"><h2>%s <span class=\"count\">%D</span></h2>\n<div class=\"cols\">\n",
     T(r, "rpt.exchanges"), (int64_t)jint(ex, "total"));
  chart_card(r, b, "chart-kind", T(r, "rpt.by_kind"), json_object_get(ex, "by_kind"), "xk", azExchangeKind);
  chart_card(r, b, "chart-field", T(r, "rpt.by_field"), json_object_get(ex, "by_field"), "xf", azExchangeField);
  chart_card(r, b, "chart-continent", T(r, "rpt.by_continent"), json_object_get(ex, "by_continent"), "continent", azContKeys);
  hp(b, "</div>\n<div class=\"cols\">\n<div class=\"card\"><h3>%s</h3>\n", T(r, "rpt.by_partner"));
  const json_t *a = json_object_get(ex, "by_partner");
  if( json_array_size(a)==0 ) hp(b, "<p class=\"muted\">%s</p>\n", T(r, "rpt.none"));
  else{
    hp(b, "<div class=\"table-wrap\"><table class=\"list\" id=\"rpt-by-partner\"><thead><tr><th scope=\"col\">%s</th>"
          "<th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>\n", T(r, "rpt.partner"), T(r, "rpt.count"));
    json_array_foreach(a, i, x){
      hp(b, "<tr><td>");
      tie_cell(r, b, json_object_get(x, "tie"), bStandalone);
      hp(b, "</td><td class=\"num\">%D</td></tr>\n", (int64_t)jint(x, "count"));
    }
    hp(b, "</tbody></table></div>\n");
  }
  hp(b, "</div>\n<div class=\"card\"><h3>%s</h3>\n", T(r, "rpt.by_unit"));
  a = json_object_get(ex, "by_unit");
  if( json_array_size(a)==0 ) hp(b, "<p class=\"muted\">%s</p>\n", T(r, "rpt.none"));
  else{
    hp(b, "<div class=\"table-wrap\"><table class=\"list\" id=\"rpt-by-unit\"><thead><tr><th scope=\"col\">%s</th>"
          "<th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>\n", T(r, "rpt.unit"), T(r, "rpt.count"));
    json_array_foreach(a, i, x){
      const json_t *u = json_object_get(x, "unit");
      hp(b, "<tr><td>%s</td><td class=\"num\">%D</td></tr>\n", json_is_object(u) ? ui_name(r, u) : T(r, "rpt.no_unit"),
         (int64_t)jint(x, "count"));
    }
    hp(b, "</tbody></table></div>\n");
  }
  hp(b, "</div>\n</div>\n</section>\n");

  /* Delegations. */
  const json_t *dg = json_object_get(cur, "delegations"), *dgPrev = json_object_get(prev, "delegations");
  hp(b, "<section class=\"card rpt-section\" id=\"rpt-delegations\"><h2>%s</h2>\n", T(r, "rpt.delegations"));
  hp(b, "<div class=\"table-wrap\"><table class=\"list\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
        "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
        "</tr></thead><tbody>\n", T(r, "dg.direction"), T(r, "rpt.count"), T(r, "rpt.people"), T(r, "rpt.with_size"),
     arena_printf(&r->arena, "%s (%lld)", T(r, "rpt.count"), y - 1));
  for(int k=0; azDir[k]; k++){
    const json_t *d = json_object_get(dg, azDir[k]);
    hp(b, "<tr><th scope=\"row\">%s</th><td class=\"num\">%D</td><td class=\"num\">%D</td><td class=\"num\">%D</td>"
          "<td class=\"num\">%D</td></tr>\n", ui_label(r, "dg.dir", azDir[k]), (int64_t)jint(d, "count"),
       (int64_t)jint(d, "people"), (int64_t)jint(d, "with_size"), (int64_t)jint(json_object_get(dgPrev, azDir[k]), "count"));
  }
  hp(b, "</tbody></table></div>\n</section>\n");

  /* Events. */
  const json_t *ev = json_object_get(cur, "events");
  hp(b, "<section class=\"card rpt-section\" id=\"rpt-events\"><h2>%s <span class=\"count\">%D</span></h2>\n",
     T(r, "rpt.events"), (int64_t)jint(ev, "total"));
  hp(b, "<p>%s: <strong>%D</strong> · %s: <strong>%D</strong></p>\n", T(r, "rpt.partners_attended"),
     (int64_t)jint(ev, "partners_attended"), T(r, "rpt.reported_people"), (int64_t)jint(ev, "reported_people"));
  a = json_object_get(ev, "items");
  if( json_array_size(a) ){
    hp(b, "<div class=\"table-wrap\"><table class=\"list\" id=\"rpt-events-table\"><thead><tr><th scope=\"col\">%s</th>"
          "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
          "<th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>\n", T(r, "rpt.date"), T(r, "rpt.event"), T(r, "ev.status"),
       T(r, "rpt.partners_attended"), T(r, "rpt.reported_people"), T(r, "rpt.reported_countries"));
    json_array_foreach(a, i, x){
      const char *zTitle = ui_pick(r, x, "title_en", "title_zh");
      hp(b, "<tr><td>%s</td><td>", jstr0(x, "date"));
      if( bStandalone ) hp(b, "%s", zTitle);
      else hp(b, "<a href=\"/events/%D\">%s</a>", (int64_t)jint(x, "id"), zTitle);
      hp(b, "</td><td>%s</td><td class=\"num\">%D</td><td class=\"num\">%s</td><td class=\"num\">%s</td></tr>\n",
         ui_label(r, "evs", jstr(x, "status")), (int64_t)jint(x, "partners_attended"),
         json_is_integer(json_object_get(x, "reported_people")) ? arena_printf(&r->arena, "%lld", jint(x, "reported_people")) : "–",
         json_is_integer(json_object_get(x, "reported_countries")) ? arena_printf(&r->arena, "%lld", jint(x, "reported_countries")) : "–");
    }
    hp(b, "</tbody></table></div>\n");
  }
  hp(b, "</section>\n");

  /* Projects. */
  const json_t *pj = json_object_get(cur, "projects");
  hp(b, "<section class=\"rpt-section\" id=\"rpt-projects\"><h2>%s <span class=\"count\">%D</span></h2>\n<div class=\"cols\">\n",
     T(r, "rpt.projects"), (int64_t)jint(pj, "total"));
  chart_card(r, b, "chart-stage", T(r, "rpt.by_stage"), json_object_get(pj, "by_stage"), "pjs", azProjectStage);
  hp(b, "<div class=\"card\"><h3>%s</h3>\n", T(r, "rpt.values"));
  const json_t *cur_ = json_object_get(pj, "value_by_currency");
  if( json_object_size(cur_)==0 ) hp(b, "<p class=\"muted\">%s</p>\n", T(r, "rpt.no_values"));
  else{
    hp(b, "<div class=\"table-wrap\"><table class=\"list\" id=\"rpt-values\"><thead><tr><th scope=\"col\">%s</th>"
          "<th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>\n", T(r, "rpt.currency"), T(r, "rpt.sum"));
    const char *zCur;
    json_t *v;
    json_object_foreach((json_t*)cur_, zCur, v){
      hp(b, "<tr><th scope=\"row\">%s</th><td class=\"num\">%s</td></tr>\n", zCur, money(r, json_number_value(v)));
    }
    hp(b, "</tbody></table></div>\n");
  }
  if( jint(pj, "total")>0 ){
    hp(b, "<p class=\"muted\">%s</p>\n", arena_printf(&r->arena, T(r, "rpt.with_value_n"), jint(pj, "with_value"), jint(pj, "total")));
  }
  hp(b, "</div>\n</div>\n</section>\n");

  /* Opportunities. */
  const json_t *op = json_object_get(cur, "opportunities"), *opPrev = json_object_get(prev, "opportunities");
  static const char *const azOp[] = {"matched", "closed", "interests_accepted", 0};
  hp(b, "<section class=\"card rpt-section\" id=\"rpt-opportunities\"><h2>%s</h2>\n", T(r, "rpt.opportunities"));
  hp(b, "<div class=\"table-wrap\"><table class=\"list\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
        "<th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>\n", T(r, "rpt.metric"), zY, zPrevY);
  for(int k=0; azOp[k]; k++){
    hp(b, "<tr><th scope=\"row\">%s</th><td class=\"num\">%D</td><td class=\"num\">%D</td></tr>\n", ui_label(r, "rpt.op", azOp[k]),
       (int64_t)jint(op, azOp[k]), (int64_t)jint(opPrev, azOp[k]));
  }
  hp(b, "</tbody></table></div>\n</section>\n");

  /* How the figures are counted. */
  hp(b, "<section class=\"card rpt-section\" id=\"rpt-notes\"><h2>%s</h2>\n<ul>\n", T(r, "rpt.notes"));
  json_array_foreach(json_object_get(rep, "notes"), i, x){
    for(int k=0; azNote[k]; k++){
      if( strcmp(azNote[k], json_string_value(x) ? json_string_value(x) : "")==0 ) hp(b, "<li>%s</li>\n", ui_label(r, "rpt.note", azNote[k]));
    }
  }
  hp(b, "</ul>\n</section>\n");
}

static const char *report_title(Req *r, const json_t *rep){
  const json_t *home = json_object_get(rep, "home_city");
  return arena_printf(&r->arena, T(r, "rpt.title_of"), json_is_object(home) ? ui_name(r, home) : "", jint(rep, "year"));
}

static void report_asof(Req *r, Buf *b, const json_t *rep){
  hp(b, "<p class=\"note\">%s</p>\n", arena_printf(&r->arena, T(r, "rpt.as_of"), jstr0(rep, "as_of")));
}

void report_standalone_html(Req *r, const json_t *rep, Buf *b){
  const char *zTitle = report_title(r, rep);
  hp(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>%s</title>\n<style>\n",
     strcmp(r->zLang, "en")==0 ? "en" : "zh-Hans", zTitle);
  /* The site's stylesheets, inline: embedded assets of this program. */
  static const char *const azCss[] = {"static/app.css", "static/report.css", 0};
  for(int i=0; azCss[i]; i++){
    size_t n = 0;
    const unsigned char *z = asset_find(azCss[i], &n);
    if( z ) buf_append(b, (const char*)z, n);
    buf_puts(b, "\n");
  }
  hp(b, "</style>\n</head>\n<body class=\"standalone\">\n<main id=\"main\" class=\"report\">\n<h1>%s</h1>\n", zTitle);
  report_asof(r, b, rep);
  report_body(r, b, rep, 1);
  hp(b, "</main>\n</body>\n</html>\n");
}

/*
** API: GET /api/v1/reports/{year}
** The annual report: the figures of the year and of the year before, with
** the change (core/report.h). 400 naming "year" for a malformed year.
*/
void api_report(Req *r, Resp *p){
  Err e;
  json_t *j = 0;
  int y = 0;
  YcStatus st = rec_api_auth(REC_AUTH_CHECKED, r, &e);
  if( !st ) st = http_check_params(r, 0, &e);
  if( !st ) st = report_parse_year(r->azArg[0], &y, &e);
  if( !st ) st = report_year(&r->ctx, y, &j, &e);
  http_reply(p, st, &e, 200, j);
}

/*
** API: GET /api/v1/reports
** The years with records the report counts, newest first.
*/
void api_report_years(Req *r, Resp *p){
  Err e;
  json_t *j = 0;
  YcStatus st = rec_api_auth(REC_AUTH_CHECKED, r, &e);
  if( !st ) st = http_check_params(r, 0, &e);
  if( !st ) st = report_years(&r->ctx, &j, &e);
  http_reply(p, st, &e, 200, j);
}

/*
** WEBPAGE: GET /reports
** The years with records, each linked to its report.
*/
void ui_report_list(Req *r, Resp *p){
  ui_prepare(r, p);
  Err e;
  json_t *j = 0;
  YcStatus st = http_check_params(r, azPageParam, &e);
  if( !st ) st = report_years(&r->ctx, &j, &e);
  if( st ){ ui_error(r, p, &e); return; }
  ui_begin(r, p, T(r, "rpt.list_title"), "reports");
  Buf *b = &p->body;
  ui_css(b, "report");
  hp(b, "<div class=\"page-head\"><h1>%s</h1></div>\n<p class=\"note\">%s</p>\n", T(r, "rpt.list_title"), T(r, "rpt.list_intro"));
  json_t *items = json_object_get(j, "items"), *x;
  size_t i;
  if( json_array_size(items)==0 ) hp(b, "<p class=\"muted\">%s</p>\n", T(r, "rpt.none"));
  else{
    hp(b, "<ul class=\"rpt-years\" id=\"report-years\">\n");
    json_array_foreach(items, i, x){
      hp(b, "<li><a href=\"/reports/%D\">%s</a></li>\n", (int64_t)jint(x, "year"),
         arena_printf(&r->arena, T(r, "rpt.year_link"), jint(x, "year")));
    }
    hp(b, "</ul>\n");
  }
  json_decref(j);
  ui_end(r, p);
}

static void xlsx_reply(Req *r, Resp *p, const json_t *rep, int y){
  Err e;
  char zPath[] = "/tmp/yc-report-XXXXXX";
  int fd = mkstemp(zPath);
  if( fd<0 ){
    err_set(&e, YC_EINTERNAL, 0, 0, "cannot make a temporary file");
    http_error(p, &e);
    return;
  }
  close(fd);
  YcStatus st = report_xlsx(r, rep, zPath, &e);
  FILE *f = st ? 0 : fopen(zPath, "rb");
  if( !st && !f ) st = err_set(&e, YC_EINTERNAL, 0, 0, "cannot read the workbook");
  if( f ){
    char aBuf[16384];
    size_t n;
    while( (n = fread(aBuf, 1, sizeof aBuf, f))>0 ) buf_append(&p->body, aBuf, n);
    fclose(f);
  }
  unlink(zPath);
  if( st ){ http_error(p, &e); return; }
  p->status = 200;
  p->zType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  char zDisp[96];
  snprintf(zDisp, sizeof zDisp, "attachment; filename=\"report-%d.xlsx\"", y);
  http_add_header(p, "Content-Disposition", zDisp);
  http_add_header(p, "Cache-Control", "no-store");
}

/*
** WEBPAGE: GET /reports/{year}
** The annual report of a year (/reports/YEAR.xlsx: the same as a workbook).
*/
void ui_report_page(Req *r, Resp *p){
  ui_prepare(r, p);
  Err e;
  json_t *rep = 0;
  int y = 0;
  const char *zArg = r->azArg[0];
  size_t n = strlen(zArg);
  int bXlsx = n>5 && strcmp(zArg + n - 5, ".xlsx")==0;
  const char *zYear = bXlsx ? arena_strndup(&r->arena, zArg, n - 5) : zArg;
  YcStatus st = http_check_params(r, azPageParam, &e);
  if( !st ) st = report_parse_year(zYear, &y, &e);
  if( !st ) st = report_year(&r->ctx, y, &rep, &e);
  if( st ){ ui_error(r, p, &e); return; }
  if( bXlsx ){
    xlsx_reply(r, p, rep, y);
    json_decref(rep);
    return;
  }
  const char *zTitle = report_title(r, rep);
  ui_begin(r, p, zTitle, "reports");
  Buf *b = &p->body;
  ui_css(b, "report");
  hp(b, "<article class=\"report\" id=\"report\">\n<div class=\"page-head\"><h1>%s</h1>"
        "<div class=\"head-actions report-actions\">", zTitle);
  if( y>REPORT_MIN_YEAR ) hp(b, "<a class=\"button\" rel=\"prev\" href=\"/reports/%d\">← %d</a>", y - 1, y - 1);
  int yMax = 0, m = 0, d = 0;
  date_civil(date_today(), &yMax, &m, &d);
  if( y<=yMax ) hp(b, "<a class=\"button\" rel=\"next\" href=\"/reports/%d\">%d →</a>", y + 1, y + 1);
  hp(b, "<a class=\"button\" id=\"report-xlsx\" href=\"/reports/%d.xlsx\" download>%s</a>", y, T(r, "rpt.xlsx"));
  hp(b, "</div></div>\n");
  report_asof(r, b, rep);
  hp(b, "<p class=\"note report-actions\">%s</p>\n", T(r, "rpt.print_hint"));
  report_body(r, b, rep, 0);
  hp(b, "</article>\n");
  json_decref(rep);
  ui_end(r, p);
}

/* ---------------------------------------------------------------------------
** The workbook
*/
typedef struct Xl { lxw_workbook *wb; lxw_format *fHead; Req *r; } Xl;

static lxw_worksheet *xl_sheet(Xl *x, const char *zName, const char *const *azHead){
  lxw_worksheet *ws = workbook_add_worksheet(x->wb, zName);
  if( !ws ) return 0;
  for(int i=0; azHead[i]; i++){
    worksheet_write_string(ws, 0, (lxw_col_t)i, T(x->r, azHead[i]), x->fHead);
    worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, i==0 ? 36 : 16, NULL);
  }
  worksheet_freeze_panes(ws, 1, 0);
  return ws;
}

static const char *xl_tie(Req *r, const json_t *t){
  return json_is_object(t) ? ui_tie_name(r, t) : T(r, "rpt.deleted_tie");
}

/* A sheet of key -> count (labels zPrefix.KEY). */
static void xl_counts(Xl *x, lxw_worksheet *ws, lxw_row_t *pRow, const char *zGroup, const json_t *o,
                      const char *zPrefix, const char *const *az){
  for(int i=0; az[i]; i++){
    worksheet_write_string(ws, *pRow, 0, zGroup, NULL);
    worksheet_write_string(ws, *pRow, 1, ui_label(x->r, zPrefix, az[i]), NULL);
    worksheet_write_number(ws, *pRow, 2, (double)jint(o, az[i]), NULL);
    (*pRow)++;
  }
}

YcStatus report_xlsx(Req *r, const json_t *rep, const char *zPath, Err *e){
  Xl x = {workbook_new(zPath), 0, r};
  if( !x.wb ) return err_set(e, YC_EINTERNAL, 0, 0, "cannot create the workbook %s", zPath);
  x.fHead = workbook_add_format(x.wb);
  format_set_bold(x.fHead);
  const json_t *cur = json_object_get(rep, "current");
  size_t i;
  json_t *v;
  lxw_row_t row;
  /* Summary. */
  static const char *const azH1[] = {"rpt.metric", "rpt.x.year", "rpt.x.prev_year", "rpt.change", 0};
  lxw_worksheet *ws = xl_sheet(&x, T(r, "rpt.x.summary"), azH1);
  row = 1;
  json_array_foreach(json_object_get(rep, "change"), i, v){
    worksheet_write_string(ws, row, 0, ui_label(r, "rpt.m", jstr(v, "metric")), NULL);
    worksheet_write_number(ws, row, 1, (double)jint(v, "current"), NULL);
    worksheet_write_number(ws, row, 2, (double)jint(v, "previous"), NULL);
    worksheet_write_number(ws, row, 3, (double)jint(v, "change"), NULL);
    row++;
  }
  /* Ties. */
  static const char *const azH2[] = {"rpt.x.what", "rpt.partner", "rpt.x.detail", 0};
  ws = xl_sheet(&x, T(r, "rpt.ties"), azH2);
  row = 1;
  const json_t *ties = json_object_get(cur, "ties");
  static const char *const azTieList[] = {"new_items", "ended_items", "became_active_items", "fell_dormant_items", 0};
  static const char *const azTieLabel[] = {"rpt.ties_new", "rpt.ties_ended", "rpt.ties_became_active", "rpt.ties_fell_dormant", 0};
  for(int k=0; azTieList[k]; k++){
    json_array_foreach(json_object_get(ties, azTieList[k]), i, v){
      worksheet_write_string(ws, row, 0, T(r, azTieLabel[k]), NULL);
      worksheet_write_string(ws, row, 1, xl_tie(r, json_object_get(v, "tie")), NULL);
      const char *zDetail = jstr(v, "date") ? jstr(v, "date") :
        jstr(v, "after") ? arena_printf(&r->arena, "%s → %s", ui_label(r, "hll", jstr(v, "before")), ui_label(r, "hll", jstr(v, "after"))) : "";
      worksheet_write_string(ws, row, 2, zDetail, NULL);
      row++;
    }
  }
  /* Exchanges by kind, field, continent. */
  static const char *const azH3[] = {"rpt.x.dimension", "rpt.x.value", "rpt.count", 0};
  ws = xl_sheet(&x, T(r, "rpt.exchanges"), azH3);
  row = 1;
  const json_t *ex = json_object_get(cur, "exchanges");
  xl_counts(&x, ws, &row, T(r, "rpt.by_kind"), json_object_get(ex, "by_kind"), "xk", azExchangeKind);
  xl_counts(&x, ws, &row, T(r, "rpt.by_field"), json_object_get(ex, "by_field"), "xf", azExchangeField);
  xl_counts(&x, ws, &row, T(r, "rpt.by_continent"), json_object_get(ex, "by_continent"), "continent", azContKeys);
  json_array_foreach(json_object_get(ex, "by_unit"), i, v){
    const json_t *u = json_object_get(v, "unit");
    worksheet_write_string(ws, row, 0, T(r, "rpt.by_unit"), NULL);
    worksheet_write_string(ws, row, 1, json_is_object(u) ? ui_name(r, u) : T(r, "rpt.no_unit"), NULL);
    worksheet_write_number(ws, row, 2, (double)jint(v, "count"), NULL);
    row++;
  }
  /* Exchanges by partner. */
  static const char *const azH4[] = {"rpt.partner", "rpt.count", 0};
  ws = xl_sheet(&x, T(r, "rpt.by_partner"), azH4);
  row = 1;
  json_array_foreach(json_object_get(ex, "by_partner"), i, v){
    worksheet_write_string(ws, row, 0, xl_tie(r, json_object_get(v, "tie")), NULL);
    worksheet_write_number(ws, row, 1, (double)jint(v, "count"), NULL);
    row++;
  }
  /* Delegations. */
  static const char *const azH5[] = {"dg.direction", "rpt.count", "rpt.people", "rpt.with_size", 0};
  ws = xl_sheet(&x, T(r, "rpt.delegations"), azH5);
  row = 1;
  for(int k=0; azDir[k]; k++){
    const json_t *d = json_object_get(json_object_get(cur, "delegations"), azDir[k]);
    worksheet_write_string(ws, row, 0, ui_label(r, "dg.dir", azDir[k]), NULL);
    worksheet_write_number(ws, row, 1, (double)jint(d, "count"), NULL);
    worksheet_write_number(ws, row, 2, (double)jint(d, "people"), NULL);
    worksheet_write_number(ws, row, 3, (double)jint(d, "with_size"), NULL);
    row++;
  }
  /* Events. */
  static const char *const azH6[] = {"rpt.event", "rpt.date", "ev.status", "rpt.partners_attended", "rpt.reported_people",
                                     "rpt.reported_countries", 0};
  ws = xl_sheet(&x, T(r, "rpt.events"), azH6);
  row = 1;
  json_array_foreach(json_object_get(json_object_get(cur, "events"), "items"), i, v){
    worksheet_write_string(ws, row, 0, ui_pick(r, v, "title_en", "title_zh"), NULL);
    worksheet_write_string(ws, row, 1, jstr0(v, "date"), NULL);
    worksheet_write_string(ws, row, 2, ui_label(r, "evs", jstr(v, "status")), NULL);
    worksheet_write_number(ws, row, 3, (double)jint(v, "partners_attended"), NULL);
    if( json_is_integer(json_object_get(v, "reported_people")) ) worksheet_write_number(ws, row, 4, (double)jint(v, "reported_people"), NULL);
    if( json_is_integer(json_object_get(v, "reported_countries")) ) worksheet_write_number(ws, row, 5, (double)jint(v, "reported_countries"), NULL);
    row++;
  }
  /* Projects. */
  static const char *const azH7[] = {"rpt.project", "rpt.stage", "rpt.value", "rpt.currency", "rpt.start", "rpt.end", 0};
  ws = xl_sheet(&x, T(r, "rpt.projects"), azH7);
  row = 1;
  json_array_foreach(json_object_get(json_object_get(cur, "projects"), "items"), i, v){
    worksheet_write_string(ws, row, 0, jstr0(v, "title"), NULL);
    worksheet_write_string(ws, row, 1, ui_label(r, "pjs", jstr(v, "stage")), NULL);
    if( json_is_number(json_object_get(v, "value")) ) worksheet_write_number(ws, row, 2, jnum(v, "value"), NULL);
    if( jstr(v, "currency") ) worksheet_write_string(ws, row, 3, jstr(v, "currency"), NULL);
    if( jstr(v, "start_date") ) worksheet_write_string(ws, row, 4, jstr(v, "start_date"), NULL);
    if( jstr(v, "end_date") ) worksheet_write_string(ws, row, 5, jstr(v, "end_date"), NULL);
    row++;
  }
  /* Opportunities. */
  static const char *const azH8[] = {"rpt.metric", "rpt.count", 0};
  static const char *const azOp[] = {"matched", "closed", "interests_accepted", 0};
  ws = xl_sheet(&x, T(r, "rpt.opportunities"), azH8);
  row = 1;
  for(int k=0; azOp[k]; k++){
    worksheet_write_string(ws, row, 0, ui_label(r, "rpt.op", azOp[k]), NULL);
    worksheet_write_number(ws, row, 1, (double)jint(json_object_get(cur, "opportunities"), azOp[k]), NULL);
    row++;
  }
  lxw_error rc = workbook_close(x.wb);
  if( rc!=LXW_NO_ERROR ) return err_set(e, YC_EINTERNAL, 0, 0, "workbook: %s", lxw_strerror(rc));
  return YC_OK;
}
