/*
** ui_project.c: the project pipeline (a board with one column per stage,
** rendered on the server), project detail, add/edit forms and delete.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "web/route.h"
#include "web/ui_exchange.h"
#include "core/project.h"
#include "core/exchange.h"

static const char *jstr0(json_t *o, const char *zKey){
  return json_string_value(json_object_get(o, zKey));
}

static void value_html(Req *r, Buf *b, json_t *x){
  json_t *v = json_object_get(x, "value");
  if( !json_is_number(v) ) return;
  double d = json_number_value(v);
  char z[64];
  if( d==(double)(long long)d ) snprintf(z, sizeof z, "%s", ui_num(r, (long long)d));
  else snprintf(z, sizeof z, "%.2f", d);
  hp(b, "%s %s", z, uix_str(x, "currency"));
}

static void ties_inline(Req *r, Buf *b, json_t *aTie){
  json_t *t;
  size_t i;
  json_array_foreach(aTie, i, t){
    hp(b, "%R<a href=\"/partners/%D\">%s</a>", i ? ", " : "", (int64_t)json_integer_value(json_object_get(t, "id")), uix_tie_name(r, t));
  }
}

/* WEBPAGE: GET /projects (the pipeline; ?tie=ID for one partner) */
void ui_project_board(Req *r, Resp *p){
  static const char *const azParam[] = {"tie", "sector", "lang", "flash", 0};
  ui_prepare(r, p);
  Err e;
  memset(&e, 0, sizeof e);
  ProjectQuery q;
  memset(&q, 0, sizeof q);
  const char *zTie = http_param(r, "tie"), *zSector = http_param(r, "sector");
  q.zTie = zTie && *zTie ? zTie : 0;
  q.zSector = zSector && *zSector ? zSector : 0;
  q.zLimit = "500";
  json_t *list = 0;
  YcStatus st = http_check_params(r, azParam, &e);
  if( !st ) st = project_list(&r->ctx, &q, &list, &e);
  if( st && st!=YC_EINVALID ){ ui_error(r, p, &e); return; }
  if( st ) p->status = 400;
  ui_begin(r, p, T(r, "pj.title"), "projects");
  Buf *b = &p->body;
  uix_css(b);
  hp(b, "<div class=\"page-head\"><h1>%s</h1><div class=\"head-actions\">", T(r, "pj.title"));
  if( r->zUser ) hp(b, "<a class=\"button primary\" href=\"/projects/new\">%s</a>", T(r, "pj.new"));
  hp(b, "</div></div>\n");
  uix_flash(r, b);
  hp(b, "<p class=\"note\">%s</p>\n", T(r, "pj.intro"));
  hp(b, "<form class=\"filters\" method=\"get\" action=\"/projects\" role=\"search\">\n<div class=\"field\"><label for=\"tie\">%s</label>",
     T(r, "x.tie"));
  uix_tie_select(r, b, "tie", q.zTie ? atoll(q.zTie) : 0, 1, 0);
  hp(b, "</div>\n<div class=\"field small\"><label for=\"sector\">%s</label><input id=\"sector\" name=\"sector\" value=\"%s\""
        " placeholder=\"C, 26\"%R></div>\n", T(r, "pj.sector"), q.zSector ? q.zSector : "", uix_invalid(&e, "sector"));
  hp(b, "<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button> <a class=\"button\" href=\"/projects\">%s</a></div>\n</form>\n",
     T(r, "x.filter"), T(r, "x.reset"));
  if( st ){
    hp(b, "<p class=\"alert\" role=\"alert\">%s: %s</p>\n", e.zField, uix_error_text(r, &e));
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
    json_array_foreach(items, i, x) if( strcmp(uix_str(x, "stage"), azProjectStage[s])==0 ) n++;
    hp(b, "<th scope=\"col\" id=\"stage-%s\">%s <span class=\"badge\">%d</span></th>", azProjectStage[s], ui_label(r, "pjs", azProjectStage[s]), n);
  }
  hp(b, "</tr></thead><tbody><tr>");
  for(int s=0; azProjectStage[s]; s++){
    int n = 0;
    json_array_foreach(items, i, x) if( strcmp(uix_str(x, "stage"), azProjectStage[s])==0 ) n++;
    hp(b, "<td data-stage=\"%s\" data-label=\"%s (%d)\">", azProjectStage[s], ui_label(r, "pjs", azProjectStage[s]), n);
    n = 0;
    json_array_foreach(items, i, x){
      if( strcmp(uix_str(x, "stage"), azProjectStage[s])!=0 ) continue;
      n++;
      hp(b, "<div class=\"card project\"><a href=\"/projects/%D\"><strong>%s</strong></a>",
         (int64_t)json_integer_value(json_object_get(x, "id")), uix_str(x, "title"));
      if( json_array_size(json_object_get(x, "ties")) ){
        hp(b, "<br><span class=\"muted\">");
        ties_inline(r, b, json_object_get(x, "ties"));
        hp(b, "</span>");
      }
      if( json_is_number(json_object_get(x, "value")) ){ hp(b, "<br>"); value_html(r, b, x); }
      if( jstr0(x, "start") || jstr0(x, "end") ){
        hp(b, "<br><span class=\"muted\">");
        if( jstr0(x, "start") ) uix_date(r, b, jstr0(x, "start"), jstr0(x, "start_precision"));
        hp(b, " – ");
        if( jstr0(x, "end") ) uix_date(r, b, jstr0(x, "end"), jstr0(x, "end_precision"));
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

/* WEBPAGE: GET /projects/{id} */
void ui_project_page(Req *r, Resp *p){
  static const char *const azParam[] = {"lang", "flash", 0};
  ui_prepare(r, p);
  Err e;
  int64_t id = 0;
  json_t *x = 0;
  YcStatus st = http_check_params(r, azParam, &e);
  if( !st ) st = http_arg_id(r, 0, &id, &e);
  if( !st ) st = project_get(&r->ctx, id, &x, &e);
  if( st ){ ui_error(r, p, &e); return; }
  ui_begin(r, p, uix_str(x, "title"), "projects");
  Buf *b = &p->body;
  uix_css(b);
  uix_flash(r, b);
  hp(b, "<div class=\"page-head\"><h1>%s</h1><div class=\"head-actions\">", uix_str(x, "title"));
  if( r->zUser ){
    hp(b, "<a class=\"button\" href=\"/projects/%D/edit\">%s</a> <a class=\"button danger\" href=\"/projects/%D/delete\">%s</a>",
       id, T(r, "x.edit"), id, T(r, "x.delete"));
  }
  hp(b, "<a class=\"button\" href=\"/projects\">%s</a></div></div>\n", T(r, "pj.back"));
  hp(b, "<div class=\"cols\"><section class=\"card\"><dl class=\"facts\">\n<dt>%s</dt><dd><span class=\"badge\">%s</span>",
     T(r, "pj.stage"), ui_label(r, "pjs", uix_str(x, "stage")));
  if( json_is_true(json_object_get(x, "in_force")) ) hp(b, " <span class=\"badge kind-cooperation\">%s</span>", T(r, "pj.in_force"));
  hp(b, "</dd>\n<dt>%s</dt><dd>", T(r, "x.ties"));
  if( json_array_size(json_object_get(x, "ties")) ) ties_inline(r, b, json_object_get(x, "ties"));
  else hp(b, "<span class=\"muted\">—</span>");
  hp(b, "</dd>\n");
  json_t *orgs = json_object_get(x, "organisations"), *o;
  size_t i;
  if( json_array_size(orgs) ){
    hp(b, "<dt>%s</dt><dd>", T(r, "x.orgs"));
    json_array_foreach(orgs, i, o){
      hp(b, "%R<a href=\"/orgs/%D\">%s</a> <span class=\"muted\">(%s)</span>", i ? "<br>" : "",
         (int64_t)json_integer_value(json_object_get(o, "id")), uix_org_name(r, o), ui_label(r, "o.side", uix_str(o, "side")));
    }
    hp(b, "</dd>\n");
  }
  json_t *sec = json_object_get(x, "sectors");
  if( json_array_size(sec) ){
    hp(b, "<dt>%s</dt><dd>", T(r, "pj.sectors"));
    json_array_foreach(sec, i, o){
      hp(b, "<span class=\"tag\">%s %s</span> ", uix_str(o, "code"),
         strcmp(r->zLang, "zh")==0 ? uix_str(o, "label_zh") : uix_str(o, "label_en"));
    }
    hp(b, "</dd>\n");
  }
  if( json_is_number(json_object_get(x, "value")) ){ hp(b, "<dt>%s</dt><dd>", T(r, "pj.value")); value_html(r, b, x); hp(b, "</dd>\n"); }
  hp(b, "<dt>%s</dt><dd>", T(r, "pj.start"));
  uix_date(r, b, jstr0(x, "start"), jstr0(x, "start_precision"));
  hp(b, "</dd>\n<dt>%s</dt><dd>", T(r, "pj.end"));
  uix_date(r, b, jstr0(x, "end"), jstr0(x, "end_precision"));
  hp(b, "</dd>\n");
  if( jstr0(x, "description") ) hp(b, "<dt>%s</dt><dd class=\"pre\">%s</dd>\n", T(r, "x.description"), uix_str(x, "description"));
  if( jstr0(x, "notes") ) hp(b, "<dt>%s</dt><dd class=\"pre\">%s</dd>\n", T(r, "pj.notes"), uix_str(x, "notes"));
  hp(b, "</dl>\n");
  json_t *src = json_object_get(x, "sources");
  if( json_array_size(src) ){
    hp(b, "<h2>%s</h2><ol class=\"sources\">\n", T(r, "x.sources"));
    json_array_foreach(src, i, o){ hp(b, "<li>"); uix_source(b, json_string_value(o)); hp(b, "</li>\n"); }
    hp(b, "</ol>\n");
  }
  hp(b, "</section>\n<section class=\"card\"><h2>%s</h2>\n", T(r, "pj.milestones"));
  json_t *ms = json_object_get(x, "milestones");
  if( json_array_size(ms)==0 ) hp(b, "<p class=\"empty\">%s</p>\n", T(r, "pj.no_milestones"));
  else{
    hp(b, "<ol class=\"changes\" id=\"milestones\">\n");
    json_array_foreach(ms, i, o){
      hp(b, "<li>");
      if( jstr0(o, "date") ){ uix_date(r, b, jstr0(o, "date"), jstr0(o, "precision")); hp(b, " "); }
      hp(b, "%s", uix_str(o, "title"));
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
      uix_date(r, b, jstr0(o, "date"), jstr0(o, "precision"));
      hp(b, " <a href=\"/exchanges/%D\">%s</a></li>\n", (int64_t)json_integer_value(json_object_get(o, "id")), uix_str(o, "title"));
    }
    hp(b, "</ol>\n");
  }else{
    hp(b, "<p class=\"empty\">%s</p>\n", T(r, "pj.no_exchanges"));
  }
  json_decref(ex);
  hp(b, "</section></div>\n");
  json_decref(x);
  ui_end(r, p);
}

/* ---------------------------------------------------------------------------
** Forms
*/
typedef struct PjForm {
  const char *zTitle, *zStage, *zSectors, *zValue, *zCurrency, *zStart, *zEnd, *zMilestones, *zDesc, *zNotes, *zSources;
  int64_t aTie[PJ_MAX_TIES]; int nTie;
  int64_t aOrg[PJ_MAX_ORGS]; int nOrg;
} PjForm;

static void text_field(Req *r, Buf *b, const Err *e, const char *zName, const char *zLabelKey, const char *zVal,
                       const char *zPlaceholder, const char *zHintKey){
  hp(b, "<div class=\"field\"><label for=\"%s\">%s</label><input id=\"%s\" name=\"%s\" value=\"%s\"", zName, T(r, zLabelKey),
     zName, zName, zVal ? zVal : "");
  if( zPlaceholder ) hp(b, " placeholder=\"%s\"", zPlaceholder);
  if( zHintKey ) hp(b, " aria-describedby=\"%s-hint\"", zName);
  hp(b, "%R>", uix_invalid(e, zName));
  if( zHintKey ) hp(b, "<p class=\"hint\" id=\"%s-hint\">%s</p>", zName, T(r, zHintKey));
  uix_field_error(r, b, e, zName);
  hp(b, "</div>\n");
}

static void project_form(Req *r, Resp *p, int64_t id, const PjForm *f, const Err *e){
  const char *zTitle = id ? T(r, "pj.edit") : T(r, "pj.new");
  ui_begin(r, p, zTitle, "projects");
  Buf *b = &p->body;
  uix_css(b);
  hp(b, "<h1>%s</h1>\n", zTitle);
  if( e && e->st ){
    hp(b, "<p class=\"alert\" role=\"alert\">%s", T(r, "x.errors"));
    if( !e->zField[0] ) hp(b, " %s", uix_error_text(r, e));
    hp(b, "</p>\n");
  }
  if( id ) hp(b, "<form method=\"post\" action=\"/projects/%D/edit\" class=\"form\" novalidate>\n", id);
  else hp(b, "<form method=\"post\" action=\"/projects/new\" class=\"form\" novalidate>\n");
  ui_csrf_field(r, p);
  text_field(r, b, e, "title", "pj.name", f->zTitle, 0, 0);
  hp(b, "<div class=\"row\"><div class=\"field\"><label for=\"stage\">%s</label><select id=\"stage\" name=\"stage\"%R>",
     T(r, "pj.stage"), uix_invalid(e, "stage"));
  uix_options(r, b, "pjs", azProjectStage, f->zStage, 0);
  hp(b, "</select>");
  uix_field_error(r, b, e, "stage");
  hp(b, "</div>\n");
  text_field(r, b, e, "sectors", "pj.sectors", f->zSectors, "C, 26", "pj.sectors_hint");
  hp(b, "</div>\n<div class=\"row\">");
  text_field(r, b, e, "value", "pj.value", f->zValue, 0, 0);
  text_field(r, b, e, "currency", "pj.currency", f->zCurrency, "CNY", "pj.currency_hint");
  text_field(r, b, e, "start", "pj.start", f->zStart, "YYYY-MM", 0);
  text_field(r, b, e, "end", "pj.end", f->zEnd, "YYYY-MM", 0);
  hp(b, "</div>\n<fieldset class=\"field\"><legend>%s</legend>", T(r, "x.ties"));
  uix_tie_checks(r, b, "ties", f->aTie, f->nTie);
  uix_field_error(r, b, e, "ties");
  hp(b, "</fieldset>\n<fieldset class=\"field\"><legend>%s</legend>", T(r, "x.orgs"));
  uix_org_checks(r, b, "organisations", f->aOrg, f->nOrg);
  uix_field_error(r, b, e, "organisations");
  hp(b, "</fieldset>\n<div class=\"field\"><label for=\"milestones\">%s</label><textarea id=\"milestones\" name=\"milestones\" rows=\"4\""
        " aria-describedby=\"ms-hint\"%R>%s</textarea><p class=\"hint\" id=\"ms-hint\">%s</p>",
     T(r, "pj.milestones"), uix_invalid(e, "milestones"), f->zMilestones ? f->zMilestones : "", T(r, "pj.milestones_hint"));
  uix_field_error(r, b, e, "milestones");
  hp(b, "</div>\n<div class=\"field\"><label for=\"description\">%s</label><textarea id=\"description\" name=\"description\" rows=\"4\"%R>%s</textarea>",
     T(r, "x.description"), uix_invalid(e, "description"), f->zDesc ? f->zDesc : "");
  uix_field_error(r, b, e, "description");
  hp(b, "</div>\n<div class=\"field\"><label for=\"notes\">%s</label><textarea id=\"notes\" name=\"notes\" rows=\"2\"%R>%s</textarea>",
     T(r, "pj.notes"), uix_invalid(e, "notes"), f->zNotes ? f->zNotes : "");
  uix_field_error(r, b, e, "notes");
  hp(b, "</div>\n<div class=\"field\"><label for=\"sources\">%s</label><textarea id=\"sources\" name=\"sources\" rows=\"3\""
        " aria-describedby=\"src-hint\"%R>%s</textarea><p class=\"hint\" id=\"src-hint\">%s</p>",
     T(r, "x.sources"), uix_invalid(e, "sources"), f->zSources ? f->zSources : "", T(r, "x.lines_hint"));
  uix_field_error(r, b, e, "sources");
  hp(b, "</div>\n<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button> <a class=\"button\" href=\"%s\">%s</a></div>\n</form>\n",
     T(r, "x.save"), id ? arena_printf(&r->arena, "/projects/%lld", (long long)id) : "/projects", T(r, "x.cancel"));
  ui_end(r, p);
}

static void form_from_input(const Form *f, PjForm *x){
  memset(x, 0, sizeof *x);
  x->zTitle = form_get(f, "title");
  x->zStage = form_get(f, "stage");
  x->zSectors = form_get(f, "sectors");
  x->zValue = form_get(f, "value");
  x->zCurrency = form_get(f, "currency");
  x->zStart = form_get(f, "start");
  x->zEnd = form_get(f, "end");
  x->zMilestones = form_get(f, "milestones");
  x->zDesc = form_get(f, "description");
  x->zNotes = form_get(f, "notes");
  x->zSources = form_get(f, "sources");
  x->nTie = uix_form_ids(f, "ties", x->aTie, PJ_MAX_TIES);
  x->nOrg = uix_form_ids(f, "organisations", x->aOrg, PJ_MAX_ORGS);
}

/* One milestone per line: "TITLE", "DATE | TITLE" or "DATE | TITLE | done". */
static json_t *milestones_json(const char *z, Err *e, YcStatus *pSt){
  json_t *lines = uix_lines(z), *a = json_array(), *l;
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

static json_t *form_to_json(const Form *f, int bUpdate, Err *e, YcStatus *pSt){
  json_t *in = json_object();
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
  int n = uix_form_ids(f, "ties", aId, PJ_MAX_TIES);
  for(int i=0; i<n; i++) json_array_append_new(a, json_integer(aId[i]));
  json_object_set_new(in, "ties", a);
  a = json_array();
  n = uix_form_ids(f, "organisations", aId, PJ_MAX_ORGS);
  for(int i=0; i<n; i++) json_array_append_new(a, json_integer(aId[i]));
  json_object_set_new(in, "organisations", a);
  json_object_set_new(in, "milestones", milestones_json(form_get(f, "milestones"), e, pSt));
  json_object_set_new(in, "sources", uix_lines(form_get(f, "sources")));
  return in;
}

/* WEBPAGE: GET /projects/new */
void ui_project_new(Req *r, Resp *p){
  ui_prepare(r, p);
  if( ui_need_login(r, p) ) return;
  PjForm f;
  memset(&f, 0, sizeof f);
  f.zStage = "lead";
  project_form(r, p, 0, &f, 0);
}

/* WEBPAGE: POST /projects/new */
void ui_project_create(Req *r, Resp *p){
  ui_prepare(r, p);
  Form f;
  Err e;
  memset(&e, 0, sizeof e);
  YcStatus st = form_parse(r, &f, 1, &e);
  if( st==YC_EAUTH ){ ui_need_login(r, p); return; }
  if( st ){ ui_error(r, p, &e); return; }
  json_t *in = form_to_json(&f, 0, &e, &st), *out = 0;
  if( !st ) st = project_create(&r->ctx, in, &out, &e);
  json_decref(in);
  if( st ){
    PjForm x;
    form_from_input(&f, &x);
    p->status = err_http_status(st);
    project_form(r, p, 0, &x, &e);
    return;
  }
  ui_redirect(p, arena_printf(&r->arena, "/projects/%lld?flash=created", (long long)json_integer_value(json_object_get(out, "id"))));
  json_decref(out);
}

static void form_from_project(Req *r, json_t *x, PjForm *f){
  memset(f, 0, sizeof *f);
  Arena *a = &r->arena;
  f->zTitle = arena_strdup(a, jstr0(x, "title"));
  f->zStage = arena_strdup(a, jstr0(x, "stage"));
  f->zCurrency = arena_strdup(a, jstr0(x, "currency"));
  f->zStart = arena_strdup(a, jstr0(x, "start"));
  f->zEnd = arena_strdup(a, jstr0(x, "end"));
  f->zDesc = arena_strdup(a, jstr0(x, "description"));
  f->zNotes = arena_strdup(a, jstr0(x, "notes"));
  if( json_is_number(json_object_get(x, "value")) ) f->zValue = arena_printf(a, "%.15g", json_number_value(json_object_get(x, "value")));
  json_t *v;
  size_t i;
  json_array_foreach(json_object_get(x, "ties"), i, v) if( f->nTie<PJ_MAX_TIES ) f->aTie[f->nTie++] = json_integer_value(json_object_get(v, "id"));
  json_array_foreach(json_object_get(x, "organisations"), i, v) if( f->nOrg<PJ_MAX_ORGS ) f->aOrg[f->nOrg++] = json_integer_value(json_object_get(v, "id"));
  Buf s = BUF_INIT;
  json_array_foreach(json_object_get(x, "sectors"), i, v){ if( i ) buf_puts(&s, ", "); buf_puts(&s, uix_str(v, "code")); }
  f->zSectors = arena_strdup(a, buf_str(&s));
  buf_reset(&s);
  json_array_foreach(json_object_get(x, "milestones"), i, v){
    if( i ) buf_putc(&s, '\n');
    if( jstr0(v, "date") || json_is_true(json_object_get(v, "done")) ) buf_printf(&s, "%s | ", uix_str(v, "date"));
    buf_puts(&s, uix_str(v, "title"));
    if( json_is_true(json_object_get(v, "done")) ) buf_puts(&s, " | done");
  }
  f->zMilestones = arena_strdup(a, buf_str(&s));
  buf_reset(&s);
  json_array_foreach(json_object_get(x, "sources"), i, v){ if( i ) buf_putc(&s, '\n'); buf_puts(&s, json_string_value(v)); }
  f->zSources = arena_strdup(a, buf_str(&s));
  buf_free(&s);
}

/* WEBPAGE: GET /projects/{id}/edit */
void ui_project_edit(Req *r, Resp *p){
  ui_prepare(r, p);
  if( ui_need_login(r, p) ) return;
  Err e;
  int64_t id = 0;
  json_t *x = 0;
  YcStatus st = http_arg_id(r, 0, &id, &e);
  if( !st ) st = project_get(&r->ctx, id, &x, &e);
  if( st ){ ui_error(r, p, &e); return; }
  PjForm f;
  form_from_project(r, x, &f);
  json_decref(x);
  project_form(r, p, id, &f, 0);
}

/* WEBPAGE: POST /projects/{id}/edit */
void ui_project_update(Req *r, Resp *p){
  ui_prepare(r, p);
  Form f;
  Err e;
  memset(&e, 0, sizeof e);
  int64_t id = 0;
  YcStatus st = http_arg_id(r, 0, &id, &e);
  if( !st ) st = form_parse(r, &f, 1, &e);
  if( st==YC_EAUTH ){ ui_need_login(r, p); return; }
  if( st ){ ui_error(r, p, &e); return; }
  json_t *in = form_to_json(&f, 1, &e, &st), *out = 0;
  if( !st ) st = project_update(&r->ctx, id, in, &out, &e);
  json_decref(in);
  if( st==YC_ENOTFOUND && strcmp(e.zField, "id")==0 ){ ui_error(r, p, &e); return; }
  if( st ){
    PjForm x;
    form_from_input(&f, &x);
    p->status = err_http_status(st);
    project_form(r, p, id, &x, &e);
    return;
  }
  json_decref(out);
  ui_redirect(p, arena_printf(&r->arena, "/projects/%lld?flash=saved", (long long)id));
}

/* WEBPAGE: GET /projects/{id}/delete (asks for confirmation) */
void ui_project_delete_ask(Req *r, Resp *p){
  ui_prepare(r, p);
  if( ui_need_login(r, p) ) return;
  Err e;
  int64_t id = 0;
  json_t *x = 0;
  YcStatus st = http_arg_id(r, 0, &id, &e);
  if( !st ) st = project_get(&r->ctx, id, &x, &e);
  if( st ){ ui_error(r, p, &e); return; }
  ui_begin(r, p, T(r, "x.delete"), "projects");
  Buf *b = &p->body;
  uix_css(b);
  char zQ[600];
  snprintf(zQ, sizeof zQ, T(r, "pj.confirm_delete"), uix_str(x, "title"));
  ui_confirm_delete(r, p, zQ, "/projects", id);
  json_decref(x);
  ui_end(r, p);
}

/* WEBPAGE: POST /projects/{id}/delete */
void ui_project_delete(Req *r, Resp *p){
  ui_prepare(r, p);
  Form f;
  Err e;
  int64_t id = 0;
  YcStatus st = http_arg_id(r, 0, &id, &e);
  if( !st ) st = form_parse(r, &f, 1, &e);
  if( st==YC_EAUTH ){ ui_need_login(r, p); return; }
  if( !st ) st = project_delete(&r->ctx, id, &e);
  if( st ){ ui_error(r, p, &e); return; }
  ui_redirect(p, "/projects?flash=deleted");
}
