/*
** ui_health.c: "ties needing attention": every tie's health, most urgent
** first, with the reasons; filters (level, flag, kind, partners in less
** developed countries); the thresholds per tie kind, shown and editable;
** how the score is made.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "web/route.h"
#include "web/ui_exchange.h"
#include "core/health.h"
#include "core/partner.h"

static const char *const azPageParam[] = {"level", "flag", "kind", "less_developed", "all", "sort", "cursor", "lang", "flash", 0};

/* The page; eThr/zThrKind: an error of the thresholds form of that kind. */
static void health_page(Req *r, Resp *p, const Err *eThr, const char *zThrKind, const Form *fThr){
  Err e;
  memset(&e, 0, sizeof e);
  HealthQuery q;
  memset(&q, 0, sizeof q);
#define P(f, n) { const char *z = http_param(r, n); q.f = (z && *z) ? z : 0; }
  P(zLevel, "level"); P(zFlag, "flag"); P(zKind, "kind"); P(zLessDeveloped, "less_developed"); P(zSort, "sort"); P(zCursor, "cursor");
#undef P
  const char *zAll = http_param(r, "all");
  int bAll = zAll && strcmp(zAll, "1")==0;
  q.zAttention = bAll ? 0 : "1";
  q.zLimit = "100";
  q.bPrev = 1;
  json_t *list = 0;
  YcStatus st = YC_OK;
  if( !fThr ) st = http_check_params(r, azPageParam, &e);
  if( !st && zAll && strcmp(zAll, "1")!=0 && strcmp(zAll, "0")!=0 )
    st = err_set(&e, YC_EINVALID, "invalid_value", "all", "all must be 1 or 0");
  if( !st ) st = health_list(&r->ctx, &q, &list, &e);
  if( st && st!=YC_EINVALID ){ ui_error(r, p, &e); return; }
  if( st ) p->status = 400;
  ui_begin(r, p, T(r, "hl.title"), "health");
  Buf *b = &p->body;
  ui_css(b, "exchange");
  hp(b, "<div class=\"page-head\"><h1>%s</h1><div class=\"head-actions\"><a class=\"button\" href=\"/exchanges\">%s</a>"
        "<a class=\"button\" href=\"/calendar\">%s</a></div></div>\n", T(r, "hl.title"), T(r, "nav.exchanges"), T(r, "nav.calendar"));
  ui_flash(r, b);
  hp(b, "<p class=\"note\">%s</p>\n", T(r, "hl.intro"));
  hp(b, "<form class=\"filters\" method=\"get\" action=\"/health\" role=\"search\">\n");
  hp(b, "<div class=\"field\"><label for=\"level\">%s</label><select id=\"level\" name=\"level\">", T(r, "hl.level"));
  ui_options(r, b, "hll", azHealthLevel, q.zLevel, T(r, "p.any"));
  hp(b, "</select></div>\n<div class=\"field\"><label for=\"flag\">%s</label><select id=\"flag\" name=\"flag\">", T(r, "hl.flag"));
  ui_options(r, b, "hlf", azHealthFlag, q.zFlag, T(r, "p.any"));
  hp(b, "</select></div>\n<div class=\"field\"><label for=\"kind\">%s</label><select id=\"kind\" name=\"kind\">", T(r, "x.tie_kind"));
  ui_options(r, b, "kind", azTieKind, q.zKind, T(r, "p.any"));
  hp(b, "</select></div>\n<div class=\"field check\"><input type=\"checkbox\" id=\"less_developed\" name=\"less_developed\" value=\"1\"%R>"
        "<label for=\"less_developed\">%s</label></div>\n",
     q.zLessDeveloped && strcmp(q.zLessDeveloped, "1")==0 ? " checked" : "", T(r, "hl.less_developed"));
  hp(b, "<div class=\"field check\"><input type=\"checkbox\" id=\"all\" name=\"all\" value=\"1\"%R><label for=\"all\">%s</label></div>\n",
     bAll ? " checked" : "", T(r, "hl.show_all"));
  hp(b, "<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button> <a class=\"button\" href=\"/health\">%s</a></div>\n</form>\n",
     T(r, "x.filter"), T(r, "x.reset"));
  if( st ){
    ui_alert(r, b, &e, 0);
  }else{
    char zCount[160];
    snprintf(zCount, sizeof zCount, T(r, bAll ? "hl.count_all" : "hl.count"), ui_num(r, json_integer_value(json_object_get(list, "total"))),
             jstr0(list, "as_of"));
    hp(b, "<p class=\"count\" id=\"count\">%s</p>\n", zCount);
    if( q.zLessDeveloped && !json_is_true(json_object_get(list, "income_lists_loaded")) )
      hp(b, "<p class=\"alert\" role=\"status\">%s</p>\n", T(r, "hl.no_income_lists"));
    json_t *items = json_object_get(list, "items"), *x, *y;
    size_t i, k;
    if( json_array_size(items)==0 ){
      hp(b, "<p class=\"empty\">%s</p>\n", T(r, "hl.none"));
    }else{
      hp(b, "<div class=\"table-wrap\"><table class=\"list stack\" id=\"attention\">\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
            "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
         T(r, "x.tie"), T(r, "hl.score"), T(r, "hl.level"), T(r, "hl.last"), T(r, "hl.reasons"), T(r, "hl.urgency"));
      json_array_foreach(items, i, x){
        json_t *t = json_object_get(x, "tie"), *co = json_object_get(t, "country");
        int64_t id = json_integer_value(json_object_get(t, "id"));
        hp(b, "<tr data-tie=\"%D\"><td><a href=\"/partners/%D#health\">%s</a><br><span class=\"muted\">%s</span> "
              "<span class=\"badge kind-%s\">%s</span>", id, id, ui_tie_name(r, t), ui_name(r, co),
           jstr0(t, "kind"), ui_label(r, "kind", jstr0(t, "kind")));
        const char *zIg = json_string_value(json_object_get(x, "income_group"));
        if( zIg ) hp(b, " <span class=\"tag income income-%s\">%s</span>", zIg, ui_label(r, "hlig", zIg));
        hp(b, "</td><td class=\"nowrap\" data-label=\"%s\">", T(r, "hl.score"));
        uix_score_level(r, b, (int)json_integer_value(json_object_get(x, "score")), jstr0(x, "level"), 0);
        hp(b, "</td><td data-label=\"%s\">", T(r, "hl.level"));
        ui_badge(r, b, "hll", jstr(x, "level"), "level-");
        hp(b, "</td><td class=\"nowrap\" data-label=\"%s\">", T(r, "hl.last"));
        if( json_is_string(json_object_get(x, "last_exchange")) ) hp(b, "%s", jstr0(x, "last_exchange"));
        else hp(b, "<span class=\"muted\">%s</span>", T(r, "hl.never"));
        hp(b, "</td><td class=\"reasons-cell\" data-label=\"%s\">", T(r, "hl.reasons"));
        json_t *reasons = json_object_get(x, "reasons");
        if( json_array_size(reasons) ){
          hp(b, "<ul class=\"reasons\">");
          json_array_foreach(reasons, k, y){ hp(b, "<li>"); uix_reason(r, b, y); hp(b, "</li>"); }
          hp(b, "</ul>");
        }else{
          hp(b, "<span class=\"muted\">%s</span>", T(r, "hl.no_flags"));
        }
        hp(b, "</td><td class=\"num\" data-label=\"%s\">%d</td></tr>\n", T(r, "hl.urgency"), (int)json_integer_value(json_object_get(x, "urgency")));
      }
      hp(b, "</tbody></table></div>\n");
      ui_pager(r, b, list);
    }
  }
  /* How the score is made. */
  hp(b, "<section class=\"card\" id=\"formula\"><h2>%s</h2><p>%s</p><ul>\n", T(r, "hl.formula"), T(r, "hl.formula_intro"));
  static const char *const azFactor[] = {"recency", "substantive", "frequency", "breadth", "balance", "projects", 0};
  for(int i=0; azFactor[i]; i++){
    char zKey[48];
    snprintf(zKey, sizeof zKey, "hfd.%s", azFactor[i]);
    hp(b, "<li><strong>%s</strong>: %s</li>\n", ui_label(r, "hfac", azFactor[i]), T(r, zKey));
  }
  hp(b, "</ul><p class=\"note\">%s</p></section>\n", T(r, "hl.formula_notes"));
  /* Thresholds. */
  json_t *thr = 0;
  Err e2;
  hp(b, "<section class=\"card\" id=\"thresholds\"><h2>%s</h2><p class=\"note\">%s</p>\n", T(r, "hl.thresholds"), T(r, "hl.thresholds_intro"));
  if( health_thresholds_json(&r->ctx, &thr, &e2)==YC_OK ){
    json_t *x;
    size_t i;
    hp(b, "<div class=\"table-wrap\"><table class=\"list\" id=\"threshold-table\"><thead><tr><th scope=\"col\">%s</th>", T(r, "x.tie_kind"));
    for(int k=0; azThresholdField[k]; k++){
      hp(b, "<th scope=\"col\" class=\"num\">%s</th>", ui_label(r, "hlt", azThresholdField[k]));
    }
    hp(b, "</tr></thead><tbody>\n");
    json_array_foreach(json_object_get(thr, "items"), i, x){
      hp(b, "<tr><th scope=\"row\">%s</th>", ui_label(r, "kind", jstr0(x, "kind")));
      for(int k=0; azThresholdField[k]; k++) hp(b, "<td class=\"num\">%d</td>", (int)json_integer_value(json_object_get(x, azThresholdField[k])));
      hp(b, "</tr>\n");
    }
    hp(b, "</tbody></table></div>\n<p class=\"note\">%s</p>\n", T(r, "hl.units"));
    if( r->zUser ){
      hp(b, "<h3>%s</h3><div class=\"thresholds-forms\">\n", T(r, "hl.edit_thresholds"));
      json_array_foreach(json_object_get(thr, "items"), i, x){
        const char *zKind = jstr0(x, "kind");
        int bThis = zThrKind && strcmp(zThrKind, zKind)==0;
        const Err *eK = bThis ? eThr : 0;
        hp(b, "<form method=\"post\" action=\"/health/thresholds\" class=\"card\" id=\"thr-%s\" novalidate><h4>%s</h4>",
           zKind, ui_label(r, "kind", zKind));
        ui_csrf_field(r, p);
        hp(b, "<input type=\"hidden\" name=\"kind\" value=\"%s\">", zKind);
        ui_field_error(r, b, eK, 0, 0);
        UiForm fm = {.r = r, .b = b, .e = eK};
        for(int k=0; azThresholdField[k]; k++){
          const char *zF = azThresholdField[k];
          const char *zVal = bThis && fThr ? form_get(fThr, zF) : 0;
          if( !zVal ) zVal = arena_printf(&r->arena, "%d", (int)jint(x, zF));
          ui_field(&fm, &(UiField){.zName = zF, .zId = arena_printf(&r->arena, "thr-%s-%s", zKind, zF), .zLabel = ui_label(r, "hlt", zF),
            .zValue = zVal, .eAttr = UI_ATTR_NUMERIC});
        }
        hp(b, "<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button></div></form>\n", T(r, "p.save"));
      }
      hp(b, "</div>\n");
    }
    json_decref(thr);
  }
  hp(b, "</section>\n<p class=\"note\">%s</p>\n", T(r, "hl.income_source"));
  json_decref(list);
  ui_end(r, p);
}

/* WEBPAGE: GET /health */
void ui_health_page(Req *r, Resp *p){
  ui_prepare(r, p);
  health_page(r, p, 0, 0, 0);
}

/* WEBPAGE: POST /health/thresholds (one kind's thresholds) */
void ui_health_thresholds_post(Req *r, Resp *p){
  Form f;
  Err e;
  if( ui_post(r, p, &f, 0, &e) ) return;
  YcStatus st = YC_OK;
  const char *zKind = form_get(&f, "kind");
  json_t *in = json_object();
  if( zKind ) json_object_set_new(in, "kind", json_string(zKind));
  for(int k=0; azThresholdField[k] && !st; k++){
    const char *z = form_get(&f, azThresholdField[k]);
    if( !z ) continue;
    char *zEnd;
    long v = strtol(z, &zEnd, 10);
    if( *zEnd || strlen(z)>6 ) st = err_set(&e, YC_EINVALID, "wrong_type", azThresholdField[k], "%s must be a whole number", azThresholdField[k]);
    else json_object_set_new(in, azThresholdField[k], json_integer(v));
  }
  json_t *out = 0;
  if( !st ) st = health_thresholds_update(&r->ctx, in, &out, &e);
  json_decref(in);
  json_decref(out);
  if( st ){
    p->status = err_http_status(st);
    const char *zK = zKind && (strcmp(zKind, "sister")==0 || strcmp(zKind, "cooperation")==0 || strcmp(zKind, "candidate")==0) ? zKind : "sister";
    health_page(r, p, &e, zK, &f);
    return;
  }
  ui_redirect(p, "/health?flash=saved#thresholds");
}
