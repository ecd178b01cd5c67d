/*
** ui_layout.c: the layout pages: coverage and gap map (/layout), gap
** export, ranked candidate cities with "propose as candidate tie", and the
** country lists (/lists: view built-in lists, create and edit one's own).
** All call the core functions of layout.c, candidates.c, countrylist.c.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "web/layout_web.h"
#include "web/record.h"
#include "web/ui_event.h"
#include "core/input.h"
#include "core/layout.h"
#include "core/candidates.h"
#include "core/countrylist.h"
#include "core/partner.h"
#include "core/city.h"
#include "base/json.h"
#include "base/date.h"

/* "+5", "-10", "0" */
static const char *signed_pts(Req *r, int64_t n){
  return arena_printf(&r->arena, "%+lld", (long long)n);
}

void layout_tabs(Req *r, Resp *p, const char *zCur){
  static const char *const az[][2] = {{"layout", "/layout"}, {"candidates", "/layout/candidates"},
    {"lists", "/lists"}, {"network", "/network"}, {"twins", "/twins"}, {0, 0}};
  Buf *b = &p->body;
  hp(b, "<link rel=\"stylesheet\" href=\"/static/layout.css\">\n<nav class=\"tabs\" aria-label=\"%s\"><ul>", T(r, "lay.tabs"));
  for(int i=0; az[i][0]; i++){
    char zKey[48];
    snprintf(zKey, sizeof zKey, "lay.tab.%s", az[i][0]);
    hp(b, "<li><a href=\"%s\"%R>%s</a></li>", az[i][1], strcmp(zCur, az[i][0])==0 ? " aria-current=\"page\"" : "", T(r, zKey));
  }
  hp(b, "</ul></nav>\n");
}

static const char *state_label(Req *r, const char *zState){
  return ui_label(r, "lay.state", zState);
}

/* <select> of the country lists, zCur selected; bAll adds "all target lists". */
static void list_select(Req *r, Buf *b, const char *zName, const char *zCur, int bAll){
  json_t *all = 0;
  Err e;
  hp(b, "<select id=\"%s\" name=\"%s\">", zName, zName);
  if( bAll ) hp(b, "<option value=\"\">%s</option>", T(r, bAll==2 ? "lay.no_list" : "lay.all_targets"));
  if( clist_all(&r->ctx, &all, &e)==YC_OK ){
    json_t *x;
    size_t i;
    json_array_foreach(json_object_get(all, "items"), i, x){
      hp(b, "<option value=\"%s\"%R>%s</option>", jstr(x, "key"),
         zCur && strcmp(zCur, jstr(x, "key"))==0 ? " selected" : "", ui_name(r, x));
    }
    json_decref(all);
  }
  hp(b, "</select>");
}

/* "PPLA, 1–5 M" in the page language. */
static const char *kind_label(Req *r, const char *zFc, long long nBand){
  char zKey[32];
  snprintf(zKey, sizeof zKey, "lay.band.%lld", nBand);
  return arena_printf(&r->arena, T(r, "lay.kind_label"), zFc ? zFc : "", T(r, zKey));
}

static const char *pct1(Req *r, double v){ return arena_printf(&r->arena, "%.1f%%", 100.0*v); }
static const char *num2(Req *r, double v){ return arena_printf(&r->arena, "%.2f", v); }

/* Who the home city's peers are (admin_fit value v). */
static const char *fit_peers(Req *r, json_t *v){
  json_t *h = json_object_get(v, "home");
  const char *zName = strcmp(r->zLang, "zh")==0 && jstr(h, "name_zh") ? jstr(h, "name_zh") : jstr(h, "name");
  const char *zScope = jstr(v, "scope") ? jstr(v, "scope") : "all";
  if( strcmp(zScope, "kind")==0 )
    return arena_printf(&r->arena, T(r, "lay.fit_peers_kind"), zName ? zName : "", kind_label(r, jstr(h, "fc"), jint(h, "band")));
  if( strcmp(zScope, "class")==0 ) return arena_printf(&r->arena, T(r, "lay.fit_peers_class"), zName ? zName : "", jstr(h, "fc"));
  return T(r, "lay.fit_peers_all");
}

/* The admin_fit reason in the page language, from its figures. */
static const char *fit_text(Req *r, json_t *v){
  json_t *kind = json_object_get(v, "kind"), *best = json_object_get(v, "best");
  return arena_printf(&r->arena, T(r, "lay.rtext.admin_fit"), fit_peers(r, v), jstr(kind, "fc"),
    pct1(r, json_real_value(json_object_get(v, "share_fc"))), kind_label(r, jstr(kind, "fc"), jint(kind, "band")),
    pct1(r, json_real_value(json_object_get(v, "share"))), ui_num(r, jint(v, "links")), ui_num(r, jint(v, "peer_links")),
    num2(r, json_real_value(json_object_get(v, "per_city"))), kind_label(r, jstr(best, "fc"), jint(best, "band")),
    num2(r, json_real_value(json_object_get(best, "per_city"))));
}

/* "28 机械制造, 86 ..." from [{code,label_en,label_zh}], or "—". */
static const char *code_list(Req *r, json_t *a){
  Buf b = BUF_INIT;
  json_t *x;
  size_t i;
  json_array_foreach(a, i, x){
    buf_printf(&b, "%s%s %s", i ? "、" : "", jstr(x, "code"), strcmp(r->zLang, "zh")==0 ? jstr(x, "label_zh") : jstr(x, "label_en"));
  }
  const char *z = arena_strdup(&r->arena, b.n ? buf_str(&b) : "—");
  buf_free(&b);
  return z;
}

/* The industry_fit reason in the page language. */
static const char *industry_text(Req *r, json_t *v){
  Buf b = BUF_INIT;
  json_t *x;
  size_t i;
  json_array_foreach(json_object_get(v, "sources"), i, x) buf_printf(&b, "%s%s", i ? "、" : "", json_string_value(x));
  const char *zWho = arena_strdup(&r->arena, buf_str(&b));
  buf_free(&b);
  json_t *sh = json_object_get(v, "shared"), *se = json_object_get(v, "sections");
  if( json_array_size(sh)==0 && json_array_size(se)==0 ) return arena_printf(&r->arena, T(r, "lay.rtext.industry_none"), zWho);
  return arena_printf(&r->arena, T(r, "lay.rtext.industry_fit"), zWho, code_list(r, sh), code_list(r, se));
}

/* A reason {factor, value, points, text} in the page language: the
** template lay.rtext.FACTOR with the value, else the core's English. */
static const char *reason_text(Req *r, json_t *k){
  const char *zFactor = jstr(k, "factor");
  json_t *v = json_object_get(k, "value");
  char zKey[64];
  snprintf(zKey, sizeof zKey, "lay.rtext.%s", zFactor ? zFactor : "");
  const char *zFmt = T(r, zKey);
  if( zFmt==zKey || strcmp(r->zLang, "en")==0 ) return jstr(k, "text");
  if( strcmp(zFactor, "admin_fit")==0 && json_is_object(v) ) return fit_text(r, v);
  if( strcmp(zFactor, "industry_fit")==0 && json_is_object(v) ) return industry_text(r, v);
  const char *zVal;
  if( json_is_integer(v) ) zVal = ui_num(r, json_integer_value(v));
  else if( json_is_string(v) && strcmp(zFactor, "admin_rank")==0 ) zVal = ui_label(r, "lay.rank", json_string_value(v));
  else if( json_is_string(v) && strcmp(zFactor, "state")==0 ) zVal = ui_label(r, "lay.state", json_string_value(v));
  else if( json_is_string(v) ) zVal = json_string_value(v);
  else zVal = "";
  return arena_printf(&r->arena, zFmt, zVal);
}

/* Percent as "12.5%". */
static const char *pct(Req *r, double v){
  return arena_printf(&r->arena, "%.1f%%", 100.0*v);
}

/* The table of gaps (or of countries to expand) with their reasons and a
** link to their candidates; zId the table's id. */
static void gap_table(Req *r, Buf *b, json_t *gaps, const char *zId){
  json_t *x;
  size_t i;
  hp(b, "<div class=\"table-wrap\"><table class=\"list\" id=\"%s\"><thead><tr><th scope=\"col\" class=\"num\">%s</th>"
        "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
        "<th scope=\"col\"><span class=\"sr-only\">%s</span></th></tr></thead><tbody>\n",
     zId, T(r, "lay.priority"), T(r, "lay.country"), T(r, "lay.state"), T(r, "lay.lists"), T(r, "lay.why"), T(r, "lay.candidates"));
  json_array_foreach(gaps, i, x){
    hp(b, "<tr data-iso2=\"%s\"><td class=\"num\"><strong>%D</strong></td><td>%s <span class=\"muted\">%s</span></td>"
          "<td><span class=\"state st-%s\">%s</span></td><td>",
       jstr(x, "iso2"), jint(x, "priority"), ui_name(r, x), jstr(x, "iso2"), jstr(x, "state"), state_label(r, jstr(x, "state")));
    json_t *k;
    size_t j;
    json_array_foreach(json_object_get(x, "lists"), j, k) hp(b, "<span class=\"tag\">%s</span> ", json_string_value(k));
    hp(b, "</td><td class=\"reasons\">");
    json_array_foreach(json_object_get(x, "reasons"), j, k){
      char zKey[48];
      snprintf(zKey, sizeof zKey, "lay.factor.%s", jstr(k, "factor"));
      hp(b, "<span class=\"reason\" title=\"%s\">%s %s</span> ", reason_text(r, k), T(r, zKey), signed_pts(r, jint(k, "points")));
    }
    hp(b, "</td><td><a href=\"/layout/candidates?country=%s\">%s</a></td></tr>\n", jstr(x, "iso2"), T(r, "lay.candidates"));
  }
  hp(b, "</tbody></table></div>\n");
}

/* WEBPAGE: GET /layout?list=KEY */
void ui_layout(Req *r, Resp *p){
  static const char *const azParam[] = {"list", "lang", 0};
  ui_prepare(r, p);
  Err e;
  memset(&e, 0, sizeof e);
  const char *zList = http_param(r, "list");
  if( zList && !*zList ) zList = 0;
  json_t *out = 0;
  YcStatus st = http_check_params(r, azParam, &e);
  if( !st ) st = layout_analyse(&r->ctx, zList, &out, &e);
  if( st && st!=YC_EINVALID ){ ui_error(r, p, &e); return; }
  if( st ) p->status = 400;
  ui_begin(r, p, T(r, "nav.layout"), "layout");
  Buf *b = &p->body;
  json_t *home = out ? json_object_get(out, "home_city") : 0;
  hp(b, "<div class=\"page-head\"><h1>%s <span class=\"sub\">%s</span></h1></div>\n", T(r, "lay.title"), home ? ui_name(r, home) : "");
  layout_tabs(r, p, "layout");
  hp(b, "<form class=\"filters\" method=\"get\" action=\"/layout\"><div class=\"field grow\"><label for=\"list\">%s</label>", T(r, "lay.list"));
  list_select(r, b, "list", zList, 1);
  hp(b, "</div><div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button></div></form>\n", T(r, "lay.show"));
  if( st ){ ui_alert(r, b, &e, 0); ui_end(r, p); return; }
  json_t *tot = json_object_get(out, "totals"), *sel = json_object_get(out, "list"), *x;
  size_t i;
  /* Key figures */
  hp(b, "<section class=\"kpis\" aria-label=\"%s\">\n", T(r, "lay.kpis"));
  hp(b, "<div class=\"kpi\"><div class=\"kpi-label\">%s</div><div class=\"kpi-value\" id=\"kpi-ties\">%D</div>"
        "<div class=\"kpi-note\">%s</div></div>\n", T(r, "lay.ties"), jint(tot, "ties"), T(r, "lay.ties_note"));
  hp(b, "<div class=\"kpi\"><div class=\"kpi-label\">%s</div><div class=\"kpi-value\" id=\"kpi-countries\">%D</div>"
        "<div class=\"kpi-note\">%s %D</div></div>\n", T(r, "lay.countries"), jint(tot, "countries"),
     T(r, "lay.covered_countries"), jint(tot, "covered_countries"));
  if( json_is_object(sel) ){
    hp(b, "<div class=\"kpi\"><div class=\"kpi-label\">%s</div><div class=\"kpi-value\" id=\"kpi-share\">%s</div>"
          "<div class=\"kpi-note\">%D / %D</div></div>\n", ui_name(r, sel), pct(r, json_real_value(json_object_get(sel, "share"))),
       jint(sel, "covered"), jint(sel, "members"));
  }
  hp(b, "<div class=\"kpi\"><div class=\"kpi-label\">%s</div><div class=\"kpi-value\" id=\"kpi-gaps\">%d</div>"
        "<div class=\"kpi-note\">%s</div></div>\n</section>\n", T(r, "lay.gaps"), (int)json_array_size(json_object_get(out, "gaps")),
     json_is_object(sel) ? ui_name(r, sel) : T(r, "lay.all_targets"));
  if( json_is_true(json_object_get(out, "health")) ) hp(b, "<p class=\"note\">%s</p>\n", T(r, "lay.health_note"));

  /* Map: data for layout.js; the tables below carry the same facts. */
  hp(b, "<section class=\"card\"><h2>%s</h2>\n<div class=\"map-modes\" id=\"map-modes\" role=\"group\" aria-label=\"%s\" hidden>",
     T(r, "lay.map"), T(r, "lay.map_mode"));
  hp(b, "<button type=\"button\" data-mode=\"ties\" aria-pressed=\"true\">%s</button>", T(r, "lay.mode_ties"));
  json_array_foreach(json_object_get(out, "lists"), i, x){
    if( strcmp(jstr(x, "kind"), "reference")==0 && !(json_is_object(sel) && strcmp(jstr(sel, "key"), jstr(x, "key"))==0) ) continue;
    hp(b, "<button type=\"button\" data-mode=\"list:%s\" aria-pressed=\"false\">%s</button>", jstr(x, "key"), ui_name(r, x));
  }
  hp(b, "<button type=\"button\" data-mode=\"gaps\" aria-pressed=\"false\">%s</button></div>\n", T(r, "lay.mode_gaps"));
  hp(b, "<div id=\"layoutmap\" class=\"worldmap\" role=\"img\" aria-label=\"%s\"></div>\n<p class=\"hint\" id=\"map-hint\">%s</p>\n",
     T(r, "lay.map_alt"), T(r, "lay.map_hint"));
  json_t *md = json_object(), *cs = json_array(), *ls = json_array(), *gs = json_array();
  json_array_foreach(json_object_get(out, "countries"), i, x){
    if( !jstr(x, "ccn3") ) continue;
    json_array_append_new(cs, json_pack("{s:s, s:s, s:s, s:I, s:s, s:O}", "ccn3", jstr(x, "ccn3"), "iso2", jstr(x, "iso2"),
      "name", ui_name(r, x), "ties", (json_int_t)jint(x, "ties"), "state", jstr(x, "state"), "lists", json_object_get(x, "lists")));
  }
  json_array_foreach(json_object_get(out, "lists"), i, x){
    json_array_append_new(ls, json_pack("{s:s, s:s}", "key", jstr(x, "key"), "name", ui_name(r, x)));
  }
  json_array_foreach(json_object_get(out, "gaps"), i, x){
    if( jstr(x, "ccn3") ) json_array_append_new(gs, json_pack("{s:s, s:s, s:I}", "ccn3", jstr(x, "ccn3"), "name", ui_name(r, x),
      "priority", (json_int_t)jint(x, "priority")));
  }
  json_t *labels = json_object();
  for(int k=0; azLayoutState[k]; k++) json_object_set_new(labels, azLayoutState[k], json_string(state_label(r, azLayoutState[k])));
  json_object_set_new(labels, "ties", json_string(T(r, "lay.mode_ties")));
  json_object_set_new(labels, "priority", json_string(T(r, "lay.priority")));
  json_object_set_new(labels, "not_member", json_string(T(r, "lay.not_member")));
  json_object_set_new(md, "countries", cs);
  json_object_set_new(md, "lists", ls);
  json_object_set_new(md, "gaps", gs);
  json_object_set_new(md, "labels", labels);
  hp(b, "<script type=\"application/json\" id=\"layout-data\">");
  html_json(b, md);
  json_decref(md);
  hp(b, "</script>\n</section>\n");

  /* Coverage of each list */
  hp(b, "<section class=\"card\"><h2>%s</h2>\n<div class=\"table-wrap\"><table class=\"list\" id=\"coverage\"><thead><tr>"
        "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
        "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
        "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>\n",
     T(r, "lay.coverage"), T(r, "lay.list"), T(r, "lay.kind"), T(r, "lay.members"), T(r, "lay.covered"), T(r, "lay.share"),
     state_label(r, "none"), state_label(r, "candidate_only"), state_label(r, "dormant_only"), state_label(r, "inactive_only"));
  json_array_foreach(json_object_get(out, "lists"), i, x){
    json_t *s = json_object_get(x, "states");
    double v = json_real_value(json_object_get(x, "share"));
    int w = (int)(v*20.0 + 0.5)*5;
    hp(b, "<tr data-list=\"%s\"><td><a href=\"/layout?list=%u\">%s</a> <a class=\"muted small\" href=\"/lists/%s\">%s</a></td>"
          "<td>%s</td><td class=\"num\">%D</td><td class=\"num\">%D</td>"
          "<td><span class=\"share\"><span class=\"hbar w%d\"></span></span> %s</td>"
          "<td class=\"num\">%D</td><td class=\"num\">%D</td><td class=\"num\">%D</td><td class=\"num\">%D</td></tr>\n",
       jstr(x, "key"), jstr(x, "key"), ui_name(r, x), jstr(x, "key"), T(r, "lay.details"),
       ui_label(r, "lay.kind", jstr(x, "kind")), jint(x, "members"), jint(x, "covered"), w, pct(r, v),
       jint(s, "none"), jint(s, "candidate_only"), jint(s, "dormant_only"), jint(s, "inactive_only"));
  }
  hp(b, "</tbody></table></div></section>\n");

  /* Gaps */
  json_t *gaps = json_object_get(out, "gaps");
  hp(b, "<section class=\"card\"><div class=\"page-head\"><h2>%s%s%s</h2><div class=\"head-actions\">"
        "<a class=\"button\" href=\"/layout/gaps.csv%s%s\" download>%s</a></div></div>\n",
     T(r, "lay.gaps"), json_is_object(sel) ? " · " : "", json_is_object(sel) ? ui_name(r, sel) : "",
     zList ? "?list=" : "", zList ? arena_printf(&r->arena, "%s", zList) : "", T(r, "lay.export"));
  hp(b, "<p class=\"hint\">%s</p>\n", T(r, "lay.priority_rule"));
  if( json_array_size(gaps)==0 ) hp(b, "<p class=\"empty\">%s</p>\n", T(r, "lay.no_gaps"));
  else gap_table(r, b, gaps, "gaps");
  hp(b, "</section>\n");
  /* Covered countries of lists marked expand: more ties wanted there. */
  json_t *expand = json_object_get(out, "expand");
  if( json_array_size(expand) ){
    hp(b, "<section class=\"card\" id=\"expand-section\"><h2>%s</h2>\n<p class=\"hint\">%s</p>\n",
       T(r, "lay.expand_title"), T(r, "lay.expand_hint"));
    gap_table(r, b, expand, "expand");
    hp(b, "</section>\n");
  }

  /* Continents and subregions */
  hp(b, "<div class=\"cols\">\n<section class=\"card\"><h2>%s</h2><table class=\"list\" id=\"continents\"><thead><tr>"
        "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
        "<th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>\n",
     T(r, "lay.by_continent"), T(r, "lay.continent"), T(r, "lay.ties"), T(r, "lay.countries"), T(r, "lay.covered"));
  json_array_foreach(json_object_get(out, "continents"), i, x){
    hp(b, "<tr><td>%s</td><td class=\"num\">%D</td><td class=\"num\">%D</td><td class=\"num\">%D</td></tr>\n",
       ui_label(r, "continent", jstr(x, "key")), jint(x, "ties"), jint(x, "countries"), jint(x, "covered"));
  }
  hp(b, "</tbody></table></section>\n<section class=\"card\"><h2>%s</h2><table class=\"list\" id=\"subregions\"><thead><tr>"
        "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>\n",
     T(r, "lay.by_subregion"), T(r, "lay.subregion"), T(r, "lay.ties"), T(r, "lay.countries"));
  json_array_foreach(json_object_get(out, "subregions"), i, x){
    hp(b, "<tr><td>%s</td><td class=\"num\">%D</td><td class=\"num\">%D</td></tr>\n",
       ui_label(r, "lay.subregion", jstr(x, "name")), jint(x, "ties"), jint(x, "countries"));
  }
  hp(b, "</tbody></table></section>\n</div>\n");
  json_decref(out);
  ui_layout_unnetworked(r, b);
  hp(b, "<script src=\"/static/layout.js\"></script>\n");
  ui_end(r, p);
}

/* WEBPAGE: GET /layout/gaps.csv?list=KEY */
void ui_layout_gaps_csv(Req *r, Resp *p){
  static const char *const azParam[] = {"list", "lang", 0};
  ui_prepare(r, p);
  Err e;
  json_t *out = 0;
  const char *zList = http_param(r, "list");
  if( zList && !*zList ) zList = 0;
  YcStatus st = http_check_params(r, azParam, &e);
  if( !st ) st = layout_analyse(&r->ctx, zList, &out, &e);
  if( st ){ http_error(p, &e); return; }
  Buf *b = &p->body;
  buf_puts(b, "\xEF\xBB\xBF");
  buf_puts(b, "priority,iso2,country_en,country_zh,continent,state,lists,ties,population_towns,china_twin_links,reasons\r\n");
  json_t *x;
  size_t i;
  json_array_foreach(json_object_get(out, "gaps"), i, x){
    char zN[4][32];
    snprintf(zN[0], 32, "%lld", (long long)jint(x, "priority"));
    snprintf(zN[1], 32, "%lld", (long long)jint(x, "ties"));
    snprintf(zN[2], 32, "%lld", (long long)jint(x, "population"));
    snprintf(zN[3], 32, "%lld", (long long)jint(x, "china_links"));
    Buf lists = BUF_INIT, why = BUF_INIT;
    json_t *k;
    size_t j;
    json_array_foreach(json_object_get(x, "lists"), j, k) buf_printf(&lists, "%s%s", j ? " " : "", json_string_value(k));
    json_array_foreach(json_object_get(x, "reasons"), j, k)
      buf_printf(&why, "%s%s %+lld (%s)", j ? "; " : "", jstr(k, "factor"), (long long)jint(k, "points"), jstr(k, "text"));
    http_csv_cell(b, zN[0], 1);
    http_csv_cell(b, jstr(x, "iso2"), 0);
    http_csv_cell(b, jstr(x, "name_en"), 0);
    http_csv_cell(b, jstr(x, "name_zh"), 0);
    http_csv_cell(b, jstr(x, "continent"), 0);
    http_csv_cell(b, jstr(x, "state"), 0);
    http_csv_cell(b, buf_str(&lists), 0);
    http_csv_cell(b, zN[1], 0);
    http_csv_cell(b, zN[2], 0);
    http_csv_cell(b, zN[3], 0);
    http_csv_cell(b, buf_str(&why), 0);
    buf_puts(b, "\r\n");
    buf_free(&lists);
    buf_free(&why);
  }
  json_decref(out);
  p->status = 200;
  p->zType = "text/csv; charset=utf-8";
  http_add_header(p, "Content-Disposition", zList ? "attachment; filename=\"layout-gaps-list.csv\"" : "attachment; filename=\"layout-gaps.csv\"");
}

/* China and its SARs and Taiwan: not foreign partner countries, so left
** out of the pickers of candidate countries and list members. */
static int is_home_or_china(const char *zIso){
  return strcmp(zIso, "CN")==0 || strcmp(zIso, "HK")==0 || strcmp(zIso, "MO")==0 || strcmp(zIso, "TW")==0;
}

/* Country <select> (ISO2 values), names in the page language. */
static void country_select(Req *r, Buf *b, const char *zName, const char *zCur){
  json_t *list = 0;
  Err e;
  hp(b, "<select id=\"%s\" name=\"%s\"><option value=\"\">%s</option>", zName, zName, T(r, "lay.pick_country"));
  if( country_list(&r->ctx, &list, &e)==YC_OK ){
    json_t *x;
    size_t i;
    json_array_foreach(json_object_get(list, "items"), i, x){
      const char *zIso = jstr(x, "iso2");
      if( is_home_or_china(zIso) ) continue;
      hp(b, "<option value=\"%s\"%R>%s</option>", zIso, zCur && strcmp(zCur, zIso)==0 ? " selected" : "", ui_name(r, x));
    }
    json_decref(list);
  }
  hp(b, "</select>");
}

/* WEBPAGE: GET /layout/candidates?country=ISO2|list=KEY&limit=N */
void ui_candidates(Req *r, Resp *p){
  static const char *const azParam[] = {"country", "list", "limit", "lang", "flash", 0};
  ui_prepare(r, p);
  Err e;
  memset(&e, 0, sizeof e);
  const char *zCountry = http_param(r, "country"), *zList = http_param(r, "list"), *zLimit = http_param(r, "limit");
  if( zCountry && !*zCountry ) zCountry = 0;
  if( zList && !*zList ) zList = 0;
  if( zLimit && !*zLimit ) zLimit = 0;
  json_t *out = 0;
  YcStatus st = http_check_params(r, azParam, &e);
  if( !st && (zCountry || zList) ) st = candidates_rank(&r->ctx, zCountry, zList, zLimit, &out, &e);
  if( st && st!=YC_EINVALID ){ ui_error(r, p, &e); return; }
  if( st ) p->status = 400;
  ui_begin(r, p, T(r, "lay.cand_title"), "layout");
  Buf *b = &p->body;
  hp(b, "<div class=\"page-head\"><h1>%s</h1></div>\n", T(r, "lay.cand_title"));
  layout_tabs(r, p, "candidates");
  hp(b, "<form class=\"filters\" method=\"get\" action=\"/layout/candidates\">"
        "<div class=\"field\"><label for=\"country\">%s</label>", T(r, "lay.country"));
  country_select(r, b, "country", zCountry);
  hp(b, "</div><div class=\"field\"><label for=\"list\">%s</label>", T(r, "lay.or_list"));
  list_select(r, b, "list", zList, 2);
  hp(b, "</div><div class=\"field small\"><label for=\"limit\">%s</label><input id=\"limit\" name=\"limit\" value=\"%s\" inputmode=\"numeric\"></div>"
        "<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button></div></form>\n",
     T(r, "lay.limit"), zLimit ? zLimit : "20", T(r, "lay.rank"));
  hp(b, "<p class=\"hint\">%s</p>\n", T(r, "lay.cand_hint"));
  if( st ){ ui_alert(r, b, &e, 0); ui_end(r, p); return; }
  if( !out ){ hp(b, "<p class=\"empty\">%s</p>\n", T(r, "lay.cand_pick")); ui_end(r, p); return; }
  json_t *items = json_object_get(out, "items"), *x;
  size_t i;
  json_t *sel = json_object_get(out, zCountry ? "country" : "list");
  hp(b, "<h2>%s <span class=\"sub\">%s</span></h2>\n", ui_name(r, sel), arena_printf(&r->arena, T(r, "lay.cand_count"),
     (long long)json_array_size(items), (long long)jint(out, "pool")));
  json_t *fit = json_object_get(out, "fit");
  if( json_is_object(fit) ){
    json_t *best = json_object_get(fit, "best");
    hp(b, "<p class=\"note\" id=\"fit-summary\">%s</p>\n", arena_printf(&r->arena, T(r, "lay.fit_summary"), fit_peers(r, fit),
       ui_num(r, jint(fit, "peers")), ui_num(r, jint(fit, "peer_links")), kind_label(r, jstr(best, "fc"), jint(best, "band")),
       num2(r, json_real_value(json_object_get(best, "per_city"))), ui_num(r, jint(fit, "max_points"))));
  }else{
    hp(b, "<p class=\"note\" id=\"fit-summary\">%s</p>\n", T(r, "lay.fit_none"));
  }
  if( json_array_size(json_object_get(out, "expand")) ){
    Buf bx = BUF_INIT;
    json_array_foreach(json_object_get(out, "expand"), i, x) buf_printf(&bx, "%s%s", i ? ", " : "", json_string_value(x));
    hp(b, "<p class=\"note\" id=\"expand-note\">%s</p>\n", arena_printf(&r->arena, T(r, "lay.expand_note"), buf_str(&bx)));
    buf_free(&bx);
  }
  if( json_array_size(items)==0 ) hp(b, "<p class=\"empty\">%s</p>\n", T(r, "lay.cand_none"));
  hp(b, "<ol class=\"candidates\" id=\"candidates\">\n");
  json_array_foreach(items, i, x){
    json_t *city = json_object_get(x, "city"), *flags = json_object_get(x, "flags"), *k;
    size_t j;
    int64_t cityId = (int64_t)jint(city, "id");
    const char *zAdmin1 = ui_admin1(r, city);
    hp(b, "<li class=\"cand card\" data-city=\"%D\"><div class=\"cand-head\"><span class=\"rank\">%D</span>"
          "<h3><a href=\"/network/cities/%D\">%s</a> <span class=\"muted\">%s%s%s · %s</span></h3>"
          "<span class=\"score\" title=\"%s\">%D</span></div>\n",
       cityId, jint(x, "rank"), cityId, ui_name(r, city), zAdmin1 ? zAdmin1 : "", zAdmin1 ? " · " : "", ui_name(r, json_object_get(city, "country")),
       ui_num(r, jint(city, "population")), T(r, "lay.score"), jint(x, "score"));
    if( json_object_get(flags, "home_province_twin") )
      hp(b, "<p class=\"flag warn\">%s: %s</p>\n", T(r, "lay.flag_province"), jstr(flags, "home_province_twin"));
    if( json_is_true(json_object_get(flags, "public_twin_of_home")) ) hp(b, "<p class=\"flag info\">%s</p>\n", T(r, "lay.flag_public"));
    hp(b, "<table class=\"reasons-table\"><tbody>\n");
    json_array_foreach(json_object_get(x, "reasons"), j, k){
      char zKey[48];
      snprintf(zKey, sizeof zKey, "lay.factor.%s", jstr(k, "factor"));
      hp(b, "<tr><th scope=\"row\">%s</th><td>%s</td><td class=\"num\">%s</td></tr>\n", T(r, zKey), reason_text(r, k), signed_pts(r, jint(k, "points")));
    }
    hp(b, "</tbody></table>\n");
    if( r->zUser ){
      hp(b, "<form method=\"post\" action=\"/layout/candidates/propose\" class=\"propose\">");
      ui_csrf_field(r, p);
      hp(b, "<input type=\"hidden\" name=\"city_id\" value=\"%D\"><input type=\"hidden\" name=\"%s\" value=\"%s\">"
            "<input type=\"hidden\" name=\"limit\" value=\"%s\">"
            "<button type=\"submit\" class=\"primary\">%s</button></form>\n",
         cityId, zCountry ? "country" : "list", zCountry ? zCountry : zList, zLimit ? zLimit : "20", T(r, "lay.propose"));
    }
    hp(b, "</li>\n");
  }
  hp(b, "</ol>\n");
  if( !r->zUser && json_array_size(items) ) hp(b, "<p class=\"hint\">%s</p>\n", T(r, "lay.login_to_propose"));
  json_t *excl = json_object_get(out, "excluded");
  if( json_array_size(excl) ){
    hp(b, "<h3>%s</h3><ul class=\"excluded\" id=\"excluded\">", T(r, "lay.excluded"));
    json_array_foreach(excl, i, x){
      json_t *city = json_object_get(x, "city"), *par = json_object_get(x, "part_of");
      int bSection = strcmp(jstr(x, "rule") ? jstr(x, "rule") : "", "section")==0;
      const char *zWhy = arena_printf(&r->arena, T(r, bSection ? "lay.excl.section" : "lay.excl.division"), ui_name(r, par),
        ui_num(r, jint(par, "population")), arena_printf(&r->arena, "%.1f", json_real_value(json_object_get(x, "radius_km"))),
        arena_printf(&r->arena, "%.1f", json_real_value(json_object_get(x, "km"))), jstr(x, "admin2_code") ? jstr(x, "admin2_code") : "",
        pct(r, json_real_value(json_object_get(x, "composed"))));
      hp(b, "<li data-city=\"%D\"><strong>%s</strong> <span class=\"muted\">%s · %s</span>: %s</li>", jint(city, "id"),
         ui_name(r, city), ui_name(r, json_object_get(city, "country")), ui_num(r, jint(city, "population")), zWhy);
    }
    hp(b, "</ul>\n");
  }
  hp(b, "<h3>%s</h3><ul class=\"skipped\">", T(r, "lay.skipped"));
  json_array_foreach(json_object_get(out, "skipped"), i, x){
    char zKey[48];
    snprintf(zKey, sizeof zKey, "lay.factor.%s", jstr(x, "factor"));
    char zSkip[48];
    snprintf(zSkip, sizeof zSkip, "lay.skip.%s", jstr(x, "factor"));
    const char *zText = T(r, zSkip);
    hp(b, "<li>%s: %s</li>", T(r, zKey), zText==zSkip ? jstr(x, "text") : zText);
  }
  hp(b, "</ul>\n");
  json_decref(out);
  ui_end(r, p);
}

/* WEBPAGE: POST /layout/candidates/propose (creates a candidate tie) */
void ui_candidate_propose(Req *r, Resp *p){
  Form f;
  Err e;
  if( ui_post(r, p, &f, 0, &e) ) return;
  YcStatus st;
  for(int i=0; i<f.n; i++){
    static const char *const azOk[] = {"csrf", "city_id", "country", "list", "limit", 0};
    int bOk = 0;
    for(int k=0; azOk[k]; k++) if( strcmp(f.azKey[i], azOk[k])==0 ) bOk = 1;
    if( !bOk ){ err_set(&e, YC_EINVALID, "unknown_field", f.azKey[i], "unknown field '%.40s'", f.azKey[i]); ui_error(r, p, &e); return; }
  }
  const char *zId = form_get(&f, "city_id"), *zCountry = form_get(&f, "country"), *zList = form_get(&f, "list");
  char *zEnd = 0;
  long long cityId = zId ? strtoll(zId, &zEnd, 10) : 0;
  if( !zId || *zEnd || cityId<1 ){
    err_set(&e, YC_EINVALID, "required", "city_id", "choose a candidate city");
    ui_error(r, p, &e);
    return;
  }
  /* Rank again (the page may be stale) and take this city's reasons. */
  json_t *out = 0, *cand = 0, *x;
  size_t i;
  st = candidates_rank(&r->ctx, zCountry, zCountry ? 0 : zList, "100", &out, &e);
  if( st ){ ui_error(r, p, &e); return; }
  json_array_foreach(json_object_get(out, "items"), i, x){
    if( jint(json_object_get(x, "city"), "id")==cityId ){ cand = x; break; }
  }
  if( !cand ){
    json_decref(out);
    err_set(&e, YC_EINVALID, "not_a_candidate", "city_id", "this city is not among the candidates (it may already have a tie)");
    ui_error(r, p, &e);
    return;
  }
  char zNow[24];
  date_now(zNow);
  char *zNotes = candidates_notes(cand);
  json_t *in = json_pack("{s:I, s:s, s:s, s:s, s:[s]}", "city_id", (json_int_t)cityId, "kind", "candidate",
                         "status", "proposed", "notes", zNotes ? zNotes : "",
                         "sources", arena_printf(&r->arena, "youcheng candidate ranking %.10s", zNow));
  json_t *jTie = 0;
  free(zNotes);
  json_decref(out);
  st = partner_create(&r->ctx, in, &jTie, &e);
  json_decref(in);
  if( st ){ ui_error(r, p, &e); return; }
  ui_redirect(p, arena_printf(&r->arena, "/partners/%lld?flash=created", (long long)jint(jTie, "id")));
  json_decref(jTie);
}

/* ---- country lists ------------------------------------------------- */

/* WEBPAGE: GET /lists */
void ui_lists(Req *r, Resp *p){
  static const char *const azParam[] = {"lang", "flash", 0};
  ui_prepare(r, p);
  Err e;
  json_t *all = 0;
  if( http_check_params(r, azParam, &e) || clist_all(&r->ctx, &all, &e) ){ ui_error(r, p, &e); return; }
  ui_begin(r, p, T(r, "lay.lists_title"), "layout");
  Buf *b = &p->body;
  hp(b, "<div class=\"page-head\"><h1>%s</h1><div class=\"head-actions\">", T(r, "lay.lists_title"));
  if( r->zUser ) hp(b, "<a class=\"button primary\" href=\"/lists/new\">%s</a>", T(r, "lay.list_new"));
  hp(b, "</div></div>\n");
  layout_tabs(r, p, "lists");
  ui_flash(r, b);
  hp(b, "<p class=\"hint\">%s</p>\n<div class=\"table-wrap\"><table class=\"list\" id=\"lists\"><thead><tr><th scope=\"col\">%s</th>"
        "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
        "<th scope=\"col\">%s</th></tr></thead><tbody>\n",
     T(r, "lay.lists_hint"), T(r, "lay.list"), T(r, "lay.kind"), T(r, "lay.members"), T(r, "lay.expand"), T(r, "lay.source"),
     T(r, "lay.as_of"));
  json_t *x;
  size_t i;
  json_array_foreach(json_object_get(all, "items"), i, x){
    hp(b, "<tr data-list=\"%s\"><td><a href=\"/lists/%s\">%s</a> <span class=\"muted\">%s</span></td><td>%s%s</td><td class=\"num\">%D</td>"
          "<td class=\"expand\">%s</td><td class=\"src\">%s</td><td>%s</td></tr>\n",
       jstr(x, "key"), jstr(x, "key"), ui_name(r, x), jstr(x, "key"), ui_label(r, "lay.kind", jstr(x, "kind")),
       json_is_true(json_object_get(x, "builtin")) ? arena_printf(&r->arena, " · %s", T(r, "lay.builtin")) : "",
       jint(x, "members"), T(r, json_is_true(json_object_get(x, "expand")) ? "lay.yes" : "lay.no"),
       jstr(x, "source") ? jstr(x, "source") : "", jstr(x, "as_of") ? jstr(x, "as_of") : "");
  }
  hp(b, "</tbody></table></div>\n");
  json_decref(all);
  ui_end(r, p);
}

/* WEBPAGE: GET /lists/{key} */
void ui_list_page(Req *r, Resp *p){
  static const char *const azParam[] = {"lang", "flash", 0};
  ui_prepare(r, p);
  Err e;
  json_t *l = 0;
  if( http_check_params(r, azParam, &e) || clist_get(&r->ctx, r->azArg[0], &l, &e) ){ ui_error(r, p, &e); return; }
  ui_begin(r, p, ui_name(r, l), "layout");
  Buf *b = &p->body;
  int bBuiltin = json_is_true(json_object_get(l, "builtin"));
  hp(b, "<div class=\"page-head\"><h1>%s <span class=\"sub\">%s</span></h1><div class=\"head-actions\">", ui_name(r, l), jstr(l, "key"));
  hp(b, "<a class=\"button\" href=\"/layout?list=%u\">%s</a>", jstr(l, "key"), T(r, "lay.show_layout"));
  hp(b, "<a class=\"button\" href=\"/layout/candidates?list=%u\">%s</a>", jstr(l, "key"), T(r, "lay.candidates"));
  if( r->zUser && !bBuiltin ){
    hp(b, "<a class=\"button\" href=\"/lists/%s/edit\">%s</a><a class=\"button danger\" href=\"/lists/%s/delete\">%s</a>",
       jstr(l, "key"), T(r, "p.edit"), jstr(l, "key"), T(r, "p.delete"));
    hp(b, "<a class=\"button\" href=\"/lists/%u/history\">%s</a>", jstr(l, "key"), T(r, "h.link"));
  }
  hp(b, "</div></div>\n");
  layout_tabs(r, p, "lists");
  ui_flash(r, b);
  hp(b, "<section class=\"card\"><dl class=\"facts\"><dt>%s</dt><dd>%s%s</dd>", T(r, "lay.kind"), ui_label(r, "lay.kind", jstr(l, "kind")),
     bBuiltin ? arena_printf(&r->arena, " · %s", T(r, "lay.builtin_ro")) : "");
  if( jstr(l, "source") ) hp(b, "<dt>%s</dt><dd class=\"src\">%s</dd>", T(r, "lay.source"), jstr(l, "source"));
  if( jstr(l, "as_of") ) hp(b, "<dt>%s</dt><dd>%s</dd>", T(r, "lay.as_of"), jstr(l, "as_of"));
  if( jstr(l, "notes") ) hp(b, "<dt>%s</dt><dd class=\"pre\">%s</dd>", T(r, "p.notes"), jstr(l, "notes"));
  hp(b, "<dt>%s</dt><dd>%D</dd>", T(r, "lay.members"), jint(l, "members"));
  int bExpand = json_is_true(json_object_get(l, "expand"));
  hp(b, "<dt>%s</dt><dd id=\"expand-state\" data-expand=\"%d\">%s %s", T(r, "lay.expand"), bExpand,
     T(r, bExpand ? "lay.expand_on" : "lay.expand_off"),
     T(r, strcmp(jstr(l, "expand_by") ? jstr(l, "expand_by") : "", "user")==0 ? "lay.expand_by_user" : "lay.expand_by_data"));
  if( r->zUser ){
    hp(b, "<form method=\"post\" action=\"/lists/%s/expand\" class=\"inline\">", jstr(l, "key"));
    ui_csrf_field(r, p);
    hp(b, "<input type=\"hidden\" name=\"expand\" value=\"%s\"><button type=\"submit\" id=\"expand-toggle\">%s</button></form>",
       bExpand ? "0" : "1", T(r, bExpand ? "lay.expand_unset" : "lay.expand_set"));
  }
  hp(b, "</dd></dl></section>\n");
  hp(b, "<div class=\"table-wrap\"><table class=\"list\" id=\"members\"><thead><tr><th scope=\"col\">ISO</th><th scope=\"col\">%s</th>"
        "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n", T(r, "lay.country"), T(r, "lay.continent"), T(r, "lay.note"));
  json_t *x;
  size_t i;
  json_array_foreach(json_object_get(l, "member_list"), i, x){
    hp(b, "<tr><td>%s</td><td><a href=\"/network/countries/%s\">%s</a></td><td>%s</td><td>%s</td></tr>\n", jstr(x, "iso2"), jstr(x, "iso2"),
       ui_name(r, x), ui_label(r, "continent", jstr(x, "continent")), jstr(x, "note") ? jstr(x, "note") : "");
  }
  hp(b, "</tbody></table></div>\n");
  json_decref(l);
  ui_end(r, p);
}

/* WEBPAGE: POST /lists/{key}/expand (mark the list expand or not; built-in lists too) */
void ui_list_expand(Req *r, Resp *p){
  Form f;
  Err e;
  if( ui_post(r, p, &f, 0, &e) ) return;
  for(int i=0; i<f.n; i++){
    if( strcmp(f.azKey[i], "csrf")!=0 && strcmp(f.azKey[i], "expand")!=0 ){
      err_set(&e, YC_EINVALID, "unknown_field", f.azKey[i], "unknown field '%.40s'", f.azKey[i]);
      ui_error(r, p, &e);
      return;
    }
  }
  const char *z = form_get(&f, "expand");
  if( !z || (strcmp(z, "0")!=0 && strcmp(z, "1")!=0) ){
    err_set(&e, YC_EINVALID, "invalid_value", "expand", "expand must be 0 or 1");
    ui_error(r, p, &e);
    return;
  }
  json_t *in = json_pack("{s:b}", "expand", z[0]=='1'), *out = 0;
  YcStatus st = clist_update(&r->ctx, r->azArg[0], in, &out, &e);
  json_decref(in);
  json_decref(out);
  if( st ){ ui_error(r, p, &e); return; }
  ui_redirect(p, arena_printf(&r->arena, "/lists/%s?flash=saved", r->azArg[0]));
}

/* ---- the country list as a record type: its form -------------------- */

/* The members: a checkbox per country (name "m"), grouped by continent. */
static void member_checks(UiForm *fm, const UiField *f){
  static const char *const azCont[] = {"asia", "europe", "africa", "north_america", "south_america", "oceania", "antarctica", 0};
  Req *r = fm->r;
  Buf *b = fm->b;
  json_t *all = 0;
  Err e;
  if( country_list(&r->ctx, &all, &e) ) return;
  for(int c=0; azCont[c]; c++){
    hp(b, "<details class=\"continent\"%R><summary>%s</summary><div class=\"checks\">", c<2 ? " open" : "", ui_label(r, "continent", azCont[c]));
    json_t *x;
    size_t i;
    json_array_foreach(json_object_get(all, "items"), i, x){
      const char *zIso = jstr(x, "iso2");
      if( !jstr(x, "continent") || strcmp(jstr(x, "continent"), azCont[c])!=0 || is_home_or_china(zIso) ) continue;
      hp(b, "<label class=\"check\"><input type=\"checkbox\" name=\"%s\" value=\"%s\"%R> %s</label>", f->zName, zIso,
         form_has(f->pCur, f->zName, zIso) ? " checked" : "", ui_name(r, x));
    }
    hp(b, "</div></details>\n");
  }
  json_decref(all);
}

static void list_fields(UiForm *fm, const Form *v, const char *zKey){
  Req *r = fm->r;
  Buf *b = fm->b;
  if( !zKey ){
    ui_field(fm, &(UiField){.zName = "key", .zLabel = T(r, "lay.key"), .zValue = form_get(v, "key"), .zHint = T(r, "lay.key_hint")});
  }
  hp(b, "<div class=\"row\">");
  ui_field(fm, &(UiField){.zName = "name_zh", .zLabel = T(r, "lay.name_zh"), .zValue = form_get(v, "name_zh")});
  ui_field(fm, &(UiField){.zName = "name_en", .zLabel = T(r, "lay.name_en"), .zValue = form_get(v, "name_en")});
  hp(b, "</div>\n");
  ui_field(fm, &(UiField){.zName = "source", .zLabel = T(r, "lay.source"), .zValue = form_get(v, "source")});
  ui_field(fm, &(UiField){.zName = "notes", .zLabel = T(r, "p.notes"), .zValue = form_get(v, "notes"), .eType = UI_TEXTAREA});
  ui_field(fm, &(UiField){.zName = "expand", .zLabel = T(r, "lay.expand_field"), .eType = UI_CHECKBOX, .zValue = form_get(v, "expand")});
  ui_field(fm, &(UiField){.zName = "m", .zId = "members", .zField = "members", .zLabel = T(r, "lay.members_pick"), .eType = UI_GROUP,
    .pCur = v, .xControl = member_checks});
}

/* The input of clist_create/update from the form; an unknown field is an error. */
static json_t *list_input(Req *r, const Form *f, int bUpdate, Err *e, YcStatus *pSt){
  static const char *const azOk[] = {"csrf", "key", "name_en", "name_zh", "source", "notes", "m", "expand", 0};
  (void)r;
  *pSt = YC_OK;
  for(int i=0; i<f->n; i++){
    if( in_enum_index(azOk, f->azKey[i])<0 ){
      *pSt = err_set(e, YC_EINVALID, "unknown_field", f->azKey[i], "unknown field '%.40s'", f->azKey[i]);
      return 0;
    }
  }
  json_t *in = json_object();
  static const char *const azText[] = {"key", "name_en", "name_zh", "source", "notes", 0};
  for(int i=0; azText[i]; i++){
    if( bUpdate && strcmp(azText[i], "key")==0 ) continue;
    const char *z = form_get(f, azText[i]);
    if( z ) json_object_set_new(in, azText[i], json_string(z));
    else if( bUpdate && (strcmp(azText[i], "source")==0 || strcmp(azText[i], "notes")==0) ) json_object_set_new(in, azText[i], json_null());
  }
  json_t *m = json_array();
  for(int i=0; i<f->n; i++) if( strcmp(f->azKey[i], "m")==0 && f->azVal[i][0] ) json_array_append_new(m, json_string(f->azVal[i]));
  json_object_set_new(in, "members", m);
  json_object_set_new(in, "expand", json_boolean(form_get(f, "expand")!=0));
  return in;
}

static void list_values(Req *r, json_t *l, Form *v){
  static const char *const az[] = {"key", "name_zh", "name_en", "source", "notes", 0};
  for(int i=0; az[i]; i++) form_set(r, v, az[i], jstr(l, az[i]));
  if( json_is_true(json_object_get(l, "expand")) ) form_set(r, v, "expand", "1");
  json_t *x;
  size_t i;
  json_array_foreach(json_object_get(l, "member_list"), i, x) form_set(r, v, "m", jstr(x, "iso2"));
}

static YcStatus list_editable(json_t *l, Err *e){
  if( json_is_true(json_object_get(l, "builtin")) ) return err_set(e, YC_EFORBIDDEN, "read_only", "key", "built-in lists are read-only");
  return YC_OK;
}

static void list_head(Req *r, Resp *p){ layout_tabs(r, p, "lists"); }

const RecordType recList = {
  .zEntity = "country_list",
  .zBase = "/lists", .zApi = "/api/v1/lists", .zNav = "layout", .zFormClass = "form wide",
  .zNewTitle = "lay.list_new", .zEditTitle = "lay.list_edit", .zDeleteTitle = "p.delete", .zAsk = "lay.confirm_delete",
  .xCreate = clist_create, .xGetKey = clist_get, .xUpdateKey = clist_update, .xDeleteKey = clist_delete,
  .xName = ui_name, .xValues = list_values, .xInput = list_input, .xFields = list_fields, .xEditable = list_editable,
  .xHead = list_head,
};

/* WEBPAGE: GET /lists/new */
void ui_list_new(Req *r, Resp *p){ rec_new(&recList, r, p); }
/* WEBPAGE: POST /lists/new */
void ui_list_create(Req *r, Resp *p){ rec_create(&recList, r, p); }
/* WEBPAGE: GET /lists/{key}/edit */
void ui_list_edit(Req *r, Resp *p){ rec_edit(&recList, r, p); }
/* WEBPAGE: POST /lists/{key}/edit */
void ui_list_update(Req *r, Resp *p){ rec_update(&recList, r, p); }
/* WEBPAGE: GET /lists/{key}/delete (asks for confirmation) */
void ui_list_delete_ask(Req *r, Resp *p){ rec_delete_ask(&recList, r, p); }
/* WEBPAGE: POST /lists/{key}/delete */
void ui_list_delete(Req *r, Resp *p){ rec_delete(&recList, r, p); }
