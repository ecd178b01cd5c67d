/*
** ui_project.c: the project pipeline (a board with one column per stage,
** rendered on the server), project detail, add/edit forms and delete.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "web/route.h"
#include "web/ui_exchange.h"
#include "web/record.h"
#include "base/json.h"
#include "core/project.h"
#include "core/exchange.h"

static void value_html(Req *r, Buf *b, json_t *x){
  json_t *v = json_object_get(x, "value");
  if( !json_is_number(v) ) return;
  double d = json_number_value(v);
  char z[64];
  if( d==(double)(long long)d ) snprintf(z, sizeof z, "%s", ui_num(r, (long long)d));
  else snprintf(z, sizeof z, "%.2f", d);
  hp(b, "%s %s", z, jstr0(x, "currency"));
}

/* WEBPAGE: GET /projects (the pipeline; ?tie=ID for one partner) */
void ui_project_board(Req *r, Resp *p){
  static const char *const azParam[] = {"tie", "sector", "unit", "lang", "flash", 0};
  ui_prepare(r, p);
  Err e;
  memset(&e, 0, sizeof e);
  ProjectQuery q;
  memset(&q, 0, sizeof q);
  const char *zTie = http_param(r, "tie"), *zSector = http_param(r, "sector");
  q.zTie = zTie && *zTie ? zTie : 0;
  q.zSector = zSector && *zSector ? zSector : 0;
  q.zUnit = ui_param(r, "unit");
  q.zLimit = "500";
  json_t *list = 0;
  YcStatus st = http_check_params(r, azParam, &e);
  if( !st ) st = project_list(&r->ctx, &q, &list, &e);
  if( st && st!=YC_EINVALID ){ ui_error(r, p, &e); return; }
  if( st ) p->status = 400;
  ui_begin(r, p, T(r, "pj.title"), "projects");
  Buf *b = &p->body;
  ui_css(b, "exchange");
  hp(b, "<div class=\"page-head\"><h1>%s</h1><div class=\"head-actions\">", T(r, "pj.title"));
  ui_export_buttons(r, b, "/projects");
  if( r->zUser ) hp(b, "<a class=\"button primary\" href=\"/projects/new\">%s</a>", T(r, "pj.new"));
  hp(b, "</div></div>\n");
  ui_flash(r, b);
  hp(b, "<p class=\"note\">%s</p>\n", T(r, "pj.intro"));
  hp(b, "<form class=\"filters\" method=\"get\" action=\"/projects\" role=\"search\">\n<div class=\"field\"><label for=\"tie\">%s</label>",
     T(r, "x.tie"));
  ui_tie_select(r, b, "tie", q.zTie ? atoll(q.zTie) : 0, T(r, "p.any"));
  hp(b, "</div>\n<div class=\"field small\"><label for=\"sector\">%s</label><input id=\"sector\" name=\"sector\" value=\"%s\""
        " placeholder=\"C, 26\"%R></div>\n", T(r, "pj.sector"), q.zSector ? q.zSector : "", ui_aria(r, &e, "sector", 0, 0));
  ui_unit_filter(r, b, q.zUnit, T(r, "un.responsible"), T(r, "p.any"));
  hp(b, "<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button> <a class=\"button\" href=\"/projects\">%s</a></div>\n</form>\n",
     T(r, "x.filter"), T(r, "x.reset"));
  if( st ){
    ui_alert(r, b, &e, 0);
    ui_end(r, p);
    return;
  }
  json_t *items = json_object_get(list, "items"), *x;
  size_t i;
  char zCount[96];
  snprintf(zCount, sizeof zCount, T(r, "pj.count"), ui_num(r, json_integer_value(json_object_get(list, "total"))));
  hp(b, "<p class=\"count\" id=\"count\">%s</p>\n", zCount);
  /* The board: one column per stage. */
  hp(b, "<div class=\"table-wrap\"><table class=\"list board stack\" id=\"pipeline\"><caption class=\"muted\">%s</caption><thead><tr>",
     T(r, "pj.board_caption"));
  for(int s=0; azProjectStage[s]; s++){
    int n = 0;
    json_array_foreach(items, i, x) if( strcmp(jstr0(x, "stage"), azProjectStage[s])==0 ) n++;
    hp(b, "<th scope=\"col\" id=\"stage-%s\">%s <span class=\"badge\">%d</span></th>", azProjectStage[s], ui_label(r, "pjs", azProjectStage[s]), n);
  }
  hp(b, "</tr></thead><tbody><tr>");
  for(int s=0; azProjectStage[s]; s++){
    int n = 0;
    json_array_foreach(items, i, x) if( strcmp(jstr0(x, "stage"), azProjectStage[s])==0 ) n++;
    hp(b, "<td data-stage=\"%s\" data-label=\"%s (%d)\">", azProjectStage[s], ui_label(r, "pjs", azProjectStage[s]), n);
    n = 0;
    json_array_foreach(items, i, x){
      if( strcmp(jstr0(x, "stage"), azProjectStage[s])!=0 ) continue;
      n++;
      hp(b, "<div class=\"card project\"><a href=\"/projects/%D\"><strong>%s</strong></a>",
         (int64_t)json_integer_value(json_object_get(x, "id")), jstr0(x, "title"));
      if( json_array_size(json_object_get(x, "ties")) ){
        hp(b, "<br><span class=\"muted\">");
        ui_tie_links(r, b, json_object_get(x, "ties"));
        hp(b, "</span>");
      }
      if( json_is_number(json_object_get(x, "value")) ){ hp(b, "<br>"); value_html(r, b, x); }
      if( jstr(x, "start") || jstr(x, "end") ){
        hp(b, "<br><span class=\"muted\">");
        if( jstr(x, "start") ) ui_date(r, b, jstr(x, "start"), jstr(x, "start_precision"));
        hp(b, " – ");
        if( jstr(x, "end") ) ui_date(r, b, jstr(x, "end"), jstr(x, "end_precision"));
        hp(b, "</span>");
      }
      hp(b, "</div>");
    }
    if( n==0 ) hp(b, "<span class=\"muted\">—</span>");
    hp(b, "</td>");
  }
  hp(b, "</tr></tbody></table></div>\n");
  json_decref(list);
  ui_end(r, p);
}

/* The page of project id below its head. */
static void project_page(Req *r, Resp *p, json_t *x, int64_t id){
  Buf *b = &p->body;
  Err e;
  hp(b, "<div class=\"cols\"><section class=\"card\"><dl class=\"facts\">\n<dt>%s</dt><dd>", T(r, "pj.stage"));
  ui_badge(r, b, "pjs", jstr(x, "stage"), 0);
  if( json_is_true(json_object_get(x, "in_force")) ) hp(b, " <span class=\"badge kind-cooperation\">%s</span>", T(r, "pj.in_force"));
  hp(b, "</dd>\n<dt>%s</dt><dd>", T(r, "x.ties"));
  if( json_array_size(json_object_get(x, "ties")) ) ui_tie_links(r, b, json_object_get(x, "ties"));
  else hp(b, "<span class=\"muted\">—</span>");
  hp(b, "</dd>\n");
  json_t *orgs = json_object_get(x, "organisations"), *o;
  size_t i;
  if( json_array_size(orgs) ){
    hp(b, "<dt>%s</dt><dd>", T(r, "x.orgs"));
    json_array_foreach(orgs, i, o){
      hp(b, "%R<a href=\"/orgs/%D\">%s</a> <span class=\"muted\">(%s)</span>", i ? "<br>" : "",
         (int64_t)json_integer_value(json_object_get(o, "id")), ui_name(r, o), ui_label(r, "o.side", jstr0(o, "side")));
    }
    hp(b, "</dd>\n");
  }
  json_t *sec = json_object_get(x, "sectors");
  if( json_array_size(sec) ){
    hp(b, "<dt>%s</dt><dd>", T(r, "pj.sectors"));
    json_array_foreach(sec, i, o){
      hp(b, "<span class=\"tag\">%s %s</span> ", jstr0(o, "code"),
         strcmp(r->zLang, "zh")==0 ? jstr0(o, "label_zh") : jstr0(o, "label_en"));
    }
    hp(b, "</dd>\n");
  }
  if( json_is_number(json_object_get(x, "value")) ){ hp(b, "<dt>%s</dt><dd>", T(r, "pj.value")); value_html(r, b, x); hp(b, "</dd>\n"); }
  hp(b, "<dt>%s</dt><dd>", T(r, "pj.start"));
  ui_date(r, b, jstr(x, "start"), jstr(x, "start_precision"));
  hp(b, "</dd>\n<dt>%s</dt><dd>", T(r, "pj.end"));
  ui_date(r, b, jstr(x, "end"), jstr(x, "end_precision"));
  hp(b, "</dd>\n");
  if( jstr(x, "description") ) hp(b, "<dt>%s</dt><dd class=\"pre\">%s</dd>\n", T(r, "x.description"), jstr0(x, "description"));
  if( jstr(x, "notes") ) hp(b, "<dt>%s</dt><dd class=\"pre\">%s</dd>\n", T(r, "pj.notes"), jstr0(x, "notes"));
  hp(b, "</dl>\n");
  ui_sources(b, json_object_get(x, "sources"), 0, T(r, "x.sources"), 1);
  hp(b, "</section>\n<section class=\"card\"><h2>%s</h2>\n", T(r, "pj.milestones"));
  json_t *ms = json_object_get(x, "milestones");
  if( json_array_size(ms)==0 ) hp(b, "<p class=\"empty\">%s</p>\n", T(r, "pj.no_milestones"));
  else{
    hp(b, "<ol class=\"changes\" id=\"milestones\">\n");
    json_array_foreach(ms, i, o){
      hp(b, "<li>");
      if( jstr(o, "date") ){ ui_date(r, b, jstr(o, "date"), jstr(o, "precision")); hp(b, " "); }
      hp(b, "%s", jstr0(o, "title"));
      if( json_is_true(json_object_get(o, "done")) ) hp(b, " <span class=\"badge kind-cooperation\">%s</span>", T(r, "pj.done"));
      hp(b, "</li>\n");
    }
    hp(b, "</ol>\n");
  }
  /* Exchanges of the project. */
  ExchangeQuery q;
  memset(&q, 0, sizeof q);
  char zId[24];
  snprintf(zId, sizeof zId, "%lld", (long long)id);
  q.zProject = zId;
  q.zLimit = "50";
  json_t *ex = 0;
  hp(b, "<h2>%s</h2>\n", T(r, "pj.exchanges"));
  if( exchange_list(&r->ctx, &q, &ex, &e)==YC_OK && json_array_size(json_object_get(ex, "items")) ){
    hp(b, "<ol class=\"changes\">\n");
    json_array_foreach(json_object_get(ex, "items"), i, o){
      hp(b, "<li>");
      ui_date(r, b, jstr(o, "date"), jstr(o, "precision"));
      hp(b, " <a href=\"/exchanges/%D\">%s</a></li>\n", (int64_t)json_integer_value(json_object_get(o, "id")), jstr0(o, "title"));
    }
    hp(b, "</ol>\n");
  }else{
    hp(b, "<p class=\"empty\">%s</p>\n", T(r, "pj.no_exchanges"));
  }
  json_decref(ex);
  hp(b, "</section></div>\n");
}

/* WEBPAGE: GET /projects/{id} */
void ui_project_page(Req *r, Resp *p){ rec_page(&recProject, r, p); }

/* ---------------------------------------------------------------------------
** Forms
*/
static void project_fields(UiForm *fm, const Form *v, const char *zId){
  Req *r = fm->r;
  Buf *b = fm->b;
  (void)zId;
  ui_field(fm, &(UiField){.zName = "title", .zLabel = T(r, "pj.name"), .zValue = form_get(v, "title")});
  hp(b, "<div class=\"row\">");
  ui_field(fm, &(UiField){.zName = "stage", .zLabel = T(r, "pj.stage"), .zValue = form_get(v, "stage"), .eType = UI_SELECT,
    .zPrefix = "pjs", .azEnum = azProjectStage});
  ui_field(fm, &(UiField){.zName = "sectors", .zLabel = T(r, "pj.sectors"), .zValue = form_get(v, "sectors"), .zPlaceholder = "C, 26",
    .zHint = T(r, "pj.sectors_hint")});
  hp(b, "</div>\n<div class=\"row\">");
  ui_field(fm, &(UiField){.zName = "value", .zLabel = T(r, "pj.value"), .zValue = form_get(v, "value")});
  ui_field(fm, &(UiField){.zName = "currency", .zLabel = T(r, "pj.currency"), .zValue = form_get(v, "currency"), .zPlaceholder = "CNY",
    .zHint = T(r, "pj.currency_hint")});
  ui_field(fm, &(UiField){.zName = "start", .zLabel = T(r, "pj.start"), .zValue = form_get(v, "start"), .zPlaceholder = "YYYY-MM"});
  ui_field(fm, &(UiField){.zName = "end", .zLabel = T(r, "pj.end"), .zValue = form_get(v, "end"), .zPlaceholder = "YYYY-MM"});
  hp(b, "</div>\n");
  ui_field(fm, &(UiField){.zName = "ties", .zLabel = T(r, "x.ties"), .eType = UI_GROUP, .pCur = v, .xControl = ui_tie_checks});
  ui_field(fm, &(UiField){.zName = "organisations", .zLabel = T(r, "x.orgs"), .eType = UI_GROUP, .pCur = v, .xControl = ui_org_checks});
  ui_field(fm, &(UiField){.zName = "milestones", .zLabel = T(r, "pj.milestones"), .zValue = form_get(v, "milestones"),
    .eType = UI_TEXTAREA, .nRows = 4, .zHint = T(r, "pj.milestones_hint")});
  ui_field(fm, &(UiField){.zName = "description", .zLabel = T(r, "x.description"), .zValue = form_get(v, "description"),
    .eType = UI_TEXTAREA, .nRows = 4});
  ui_field(fm, &(UiField){.zName = "notes", .zLabel = T(r, "pj.notes"), .zValue = form_get(v, "notes"), .eType = UI_TEXTAREA, .nRows = 2});
  ui_field(fm, &(UiField){.zName = "sources", .zLabel = T(r, "x.sources"), .zValue = form_get(v, "sources"), .eType = UI_TEXTAREA,
    .zHint = T(r, "x.lines_hint")});
  ui_unit_field(fm, v);
}

/* One milestone per line: "TITLE", "DATE | TITLE" or "DATE | TITLE | done". */
static json_t *milestones_json(const char *z, Err *e, YcStatus *pSt){
  json_t *lines = ui_split(z, "\n"), *a = json_array(), *l;
  size_t i;
  json_array_foreach(lines, i, l){
    const char *s = json_string_value(l);
    json_t *parts = json_array();
    while( 1 ){
      const char *zBar = strchr(s, '|');
      size_t n = zBar ? (size_t)(zBar - s) : strlen(s);
      const char *t = s;
      while( n && *t==' ' ){ t++; n--; }
      while( n && t[n-1]==' ' ) n--;
      json_array_append_new(parts, json_stringn(t, n));
      if( !zBar ) break;
      s = zBar + 1;
    }
    size_t np = json_array_size(parts);
    json_t *m = json_object();
    if( np==1 ){
      json_object_set(m, "title", json_array_get(parts, 0));
    }else if( np==2 || np==3 ){
      if( json_string_length(json_array_get(parts, 0)) ) json_object_set(m, "date", json_array_get(parts, 0));
      json_object_set(m, "title", json_array_get(parts, 1));
      if( np==3 ){
        const char *zDone = json_string_value(json_array_get(parts, 2));
        if( strcmp(zDone, "done")!=0 && strcmp(zDone, "完成")!=0 && strcmp(zDone, "")!=0 && !*pSt )
          *pSt = err_set(e, YC_EINVALID, "invalid_value", "milestones", "line %zu: the third part must be 'done'", i + 1);
        json_object_set_new(m, "done", json_boolean(zDone[0]!=0));
      }
    }else if( !*pSt ){
      *pSt = err_set(e, YC_EINVALID, "invalid_value", "milestones", "line %zu: use DATE | TITLE | done", i + 1);
    }
    json_decref(parts);
    json_array_append_new(a, m);
  }
  json_decref(lines);
  return a;
}

static json_t *project_input(Req *r, const Form *f, int bUpdate, Err *e, YcStatus *pSt){
  json_t *in = json_object();
  (void)r;
  *pSt = YC_OK;
  static const char *const azText[] = {"title", "stage", "currency", "start", "end", "description", "notes", 0};
  for(int i=0; azText[i]; i++){
    const char *z = form_get(f, azText[i]);
    if( z ) json_object_set_new(in, azText[i], json_string(z));
    else if( bUpdate && strcmp(azText[i], "stage")!=0 ) json_object_set_new(in, azText[i], json_null());
  }
  const char *z = form_get(f, "value");
  if( z ){
    char *zEnd;
    double d = strtod(z, &zEnd);
    if( *zEnd || zEnd==z ) *pSt = err_set(e, YC_EINVALID, "wrong_type", "value", "value must be a number");
    else json_object_set_new(in, "value", json_real(d));
  }else if( bUpdate ) json_object_set_new(in, "value", json_null());
  json_t *a = json_array();
  for(const char *s = form_get(f, "sectors"); s && *s; ){
    const char *zEnd = strpbrk(s, ", ;");
    size_t n = zEnd ? (size_t)(zEnd - s) : strlen(s);
    if( n ) json_array_append_new(a, json_stringn(s, n));
    s += n + (zEnd ? 1 : 0);
  }
  json_object_set_new(in, "sectors", a);
  a = json_array();
  int64_t aId[PJ_MAX_TIES];
  int n = form_ids(f, "ties", aId, PJ_MAX_TIES);
  for(int i=0; i<n; i++) json_array_append_new(a, json_integer(aId[i]));
  json_object_set_new(in, "ties", a);
  a = json_array();
  n = form_ids(f, "organisations", aId, PJ_MAX_ORGS);
  for(int i=0; i<n; i++) json_array_append_new(a, json_integer(aId[i]));
  json_object_set_new(in, "organisations", a);
  json_object_set_new(in, "milestones", milestones_json(form_get(f, "milestones"), e, pSt));
  json_object_set_new(in, "sources", ui_split(form_get(f, "sources"), "\n"));
  ui_unit_input(f, in, bUpdate, e, pSt);
  return in;
}

static void project_defaults(Req *r, Form *v){
  form_set(r, v, "stage", "lead");
}

static void project_values(Req *r, json_t *x, Form *v){
  ui_unit_values(r, x, v);
  static const char *const az[] = {"title", "stage", "currency", "start", "end", "description", "notes", 0};
  for(int i=0; az[i]; i++) form_set(r, v, az[i], jstr(x, az[i]));
  if( json_is_number(json_object_get(x, "value")) ) form_set(r, v, "value", arena_printf(&r->arena, "%.15g", jnum(x, "value")));
  json_t *y;
  size_t i;
  json_array_foreach(json_object_get(x, "ties"), i, y) form_set_int(r, v, "ties", jint(y, "id"));
  json_array_foreach(json_object_get(x, "organisations"), i, y) form_set_int(r, v, "organisations", jint(y, "id"));
  form_set_join(r, v, "sectors", json_object_get(x, "sectors"), "code", ", ");
  Buf s = BUF_INIT;
  json_array_foreach(json_object_get(x, "milestones"), i, y){
    if( i ) buf_putc(&s, '\n');
    if( jstr(y, "date") || json_is_true(json_object_get(y, "done")) ) buf_printf(&s, "%s | ", jstr0(y, "date"));
    buf_puts(&s, jstr0(y, "title"));
    if( json_is_true(json_object_get(y, "done")) ) buf_puts(&s, " | done");
  }
  form_set(r, v, "milestones", buf_str(&s));
  buf_free(&s);
  form_set_join(r, v, "sources", json_object_get(x, "sources"), 0, "\n");
}

const RecordType recProject = {
  .zEntity = "project",
  .zBase = "/projects", .zApi = "/api/v1/projects", .zNav = "projects", .zCss = "exchange",
  .zNewTitle = "pj.new", .zEditTitle = "pj.edit", .zDeleteTitle = "x.delete", .zAsk = "pj.confirm_delete",
  .xGet = project_get, .xCreate = project_create, .xUpdate = project_update, .xDelete = project_delete,
  .xName = rec_title, .zBack = "pj.back", .xPage = project_page, .xDefaults = project_defaults, .xValues = project_values, .xInput = project_input,
  .xFields = project_fields,
};

/* WEBPAGE: GET /projects/new */
void ui_project_new(Req *r, Resp *p){ rec_new(&recProject, r, p); }
/* WEBPAGE: POST /projects/new */
void ui_project_create(Req *r, Resp *p){ rec_create(&recProject, r, p); }
/* WEBPAGE: GET /projects/{id}/edit */
void ui_project_edit(Req *r, Resp *p){ rec_edit(&recProject, r, p); }
/* WEBPAGE: POST /projects/{id}/edit */
void ui_project_update(Req *r, Resp *p){ rec_update(&recProject, r, p); }
/* WEBPAGE: GET /projects/{id}/delete (asks for confirmation) */
void ui_project_delete_ask(Req *r, Resp *p){ rec_delete_ask(&recProject, r, p); }
/* WEBPAGE: POST /projects/{id}/delete */
void ui_project_delete(Req *r, Resp *p){ rec_delete(&recProject, r, p); }
