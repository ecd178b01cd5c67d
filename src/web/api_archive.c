/*
** api_archive.c: deleted records (issue 12, item 5): the JSON API and the
** pages of the archive, where an admin sees what was deleted with what went
** with it, and restores it or removes it for good. Every rule is in
** core/archive.c; the delete pages themselves are the record kit's
** (record.c, ui_delete_archived in ui.c).
*/
#include <stdio.h>
#include <string.h>
#include "web/route.h"
#include "web/api_params.h"
#include "web/ui.h"
#include "web/record.h"
#include "core/archive.h"
#include "core/input.h"
#include "base/json.h"

const char *const azArchiveParam[] = {"state", "limit", "cursor", 0};
/* API: GET /api/v1/archive */
void api_archive_list(Req *r, Resp *p){
  const char *az[3];
  Err e;
  json_t *out = 0;
  YcStatus st = http_query(r, azArchiveParam, az, &e);
  if( !st ) st = http_auth(r, 0, &e);
  if( !st ) st = archive_list(&r->ctx, az[0], az[1], az[2], &out, &e);
  http_reply(p, st, &e, 200, out);
}

/* API: GET /api/v1/archive/{id} */
void api_archive_get(Req *r, Resp *p){ rec_api_on_id(r, p, REC_AUTH_REQUIRED, archive_get); }

/* API: POST /api/v1/archive/{id}/restore */
void api_archive_restore(Req *r, Resp *p){
  Err e;
  int64_t id = 0;
  json_t *out = 0;
  YcStatus st = http_check_params(r, 0, &e);
  if( !st ) st = http_arg_id(r, 0, &id, &e);
  if( !st ) st = archive_restore(&r->ctx, id, &out, &e);
  http_reply(p, st, &e, 200, out);
}

/* API: DELETE /api/v1/archive/{id} */
void api_archive_purge(Req *r, Resp *p){
  Err e;
  int64_t id = 0;
  YcStatus st = http_check_params(r, 0, &e);
  if( !st ) st = http_arg_id(r, 0, &id, &e);
  if( !st ) st = archive_purge(&r->ctx, id, &e);
  http_reply(p, st, &e, 200, st ? 0 : json_pack("{s:I, s:b}", "id", (json_int_t)id, "purged", 1));
}

const char *const azDependantsParam[] = {"type", "id", 0};
/* API: GET /api/v1/dependants */
void api_dependants(Req *r, Resp *p){
  const char *az[2];
  Err e;
  json_t *out = 0;
  int64_t id = 0;
  YcStatus st = http_query(r, azDependantsParam, az, &e);
  if( !st ) st = http_auth(r, 0, &e);
  if( !st && !az[0] ) st = err_set(&e, YC_EINVALID, "required", "type", "type is required (tie, org, exchange, ...)");
  if( !st && (!az[1] || !in_parse_id(az[1], &id)) ) st = err_set(&e, YC_EINVALID, "invalid_value", "id", "id must be a positive integer");
  if( !st ) st = archive_dependants(&r->ctx, az[0], id, &out, &e);
  http_reply(p, st, &e, 200, out);
}

/* ---------------------------------------------------------------------------
** The pages
*/
static void stamp(Buf *b, const char *z){
  if( !z ) return;
  char zShow[24];
  snprintf(zShow, sizeof zShow, "%.10s %.5s", z, strlen(z)>=16 ? z + 11 : "");   /* UTC, to the minute */
  hp(b, "<time datetime=\"%s\">%s UTC</time>", z, zShow);
}

/* The record's name in the page language, else the other one. */
static const char *entry_name(Req *r, const json_t *x){
  const char *zZh = jstr(x, "name_zh"), *zEn = jstr(x, "name_en");
  const char *z = ui_zh(r) ? (zZh ? zZh : zEn) : (zEn ? zEn : zZh);
  return z ? z : "";
}

static void kinds(Req *r, Buf *b, const json_t *o){
  const char *zKey;
  json_t *v;
  int i = 0;
  json_object_foreach((json_t*)o, zKey, v){
    hp(b, "%s%s: %D", i++ ? ", " : "", ui_label(r, "arch.k", zKey), (int64_t)json_integer_value(v));
  }
  if( i==0 ) hp(b, "<span class=\"muted\">%s</span>", T(r, "arch.nothing_else"));
}

static void post_button(Req *r, Resp *p, const char *zAction, const char *zLabel, const char *zClass){
  hp(&p->body, "<form method=\"post\" action=\"%s\" class=\"inline\">", zAction);
  ui_csrf_field(r, p);
  hp(&p->body, "<button type=\"submit\" class=\"%s\">%s</button></form>", zClass, zLabel);
}

/* WEBPAGE: GET /archive */
void ui_archive_list(Req *r, Resp *p){
  static const char *const azParam[] = {"state", "cursor", "flash", "lang", 0};
  ui_prepare(r, p);
  if( ui_need_login(r, p) ) return;
  Err e;
  json_t *out = 0;
  YcStatus st = http_check_params(r, azParam, &e);
  const char *zState = ui_param(r, "state");
  if( !st ) st = archive_list(&r->ctx, zState, 0, ui_param(r, "cursor"), &out, &e);
  if( st ){ ui_error(r, p, &e); return; }
  ui_begin(r, p, T(r, "arch.title"), 0);
  Buf *b = &p->body;
  ui_css(b, "exchange");
  hp(b, "<h1>%s</h1>\n", T(r, "arch.title"));
  ui_flash(r, b);
  hp(b, "<p class=\"note\">%s</p>\n", T(r, "arch.intro"));
  static const char *const azState[] = {"deleted", "restored", "all", 0};
  hp(b, "<nav class=\"tabs\" aria-label=\"%s\">", T(r, "arch.state"));
  for(int i=0; azState[i]; i++){
    int bOn = zState ? strcmp(zState, azState[i])==0 : i==0;
    hp(b, "<a href=\"/archive?state=%s\"%s>%s</a> ", azState[i], bOn ? " aria-current=\"page\"" : "",
       ui_label(r, "arch.state", azState[i]));
  }
  hp(b, "</nav>\n");
  json_t *items = json_object_get(out, "items"), *x;
  size_t i;
  if( json_array_size(items)==0 ){
    hp(b, "<p class=\"empty\">%s</p>\n", T(r, "arch.empty"));
  }else{
    hp(b, "<div class=\"table-wrap\"><table class=\"list stack\" id=\"archive\">\n<thead><tr><th scope=\"col\">%s</th>"
          "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
       T(r, "arch.record"), T(r, "arch.deleted"), T(r, "arch.with"), T(r, "arch.by"), T(r, "acct.actions"));
    json_array_foreach(items, i, x){
      int64_t id = jint(x, "id");
      hp(b, "<tr id=\"archive-%D\"><th scope=\"row\"><a href=\"/archive/%D\">%s</a> <span class=\"muted\">%s #%D</span></th>",
         id, id, entry_name(r, x), ui_label(r, "arch.entity", jstr0(x, "entity")), (int64_t)jint(x, "entity_id"));
      hp(b, "<td class=\"nowrap\" data-label=\"%s\">", T(r, "arch.deleted"));
      stamp(b, jstr(x, "at"));
      hp(b, "</td><td data-label=\"%s\">", T(r, "arch.with"));
      kinds(r, b, json_object_get(x, "counts"));
      hp(b, "</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">", T(r, "arch.by"), jstr0(x, "actor"), T(r, "acct.actions"));
      if( jstr(x, "restored_at") ){
        hp(b, "%s ", T(r, "arch.restored"));
        stamp(b, jstr(x, "restored_at"));
      }else{
        post_button(r, p, arena_printf(&r->arena, "/archive/%lld/restore", (long long)id), T(r, "arch.restore"), "primary");
      }
      hp(b, "</td></tr>\n");
    }
    hp(b, "</tbody></table></div>\n");
  }
  ui_pager(r, b, out);
  json_decref(out);
  ui_end(r, p);
}

/* WEBPAGE: GET /archive/{id} */
void ui_archive_page(Req *r, Resp *p){
  static const char *const azParam[] = {"lang", 0};
  ui_prepare(r, p);
  if( ui_need_login(r, p) ) return;
  Err e;
  int64_t id = 0;
  json_t *x = 0;
  YcStatus st = http_check_params(r, azParam, &e);
  if( !st ) st = http_arg_id(r, 0, &id, &e);
  if( !st ) st = archive_get(&r->ctx, id, &x, &e);
  if( st ){ ui_error(r, p, &e); return; }
  const char *zTitle = arena_printf(&r->arena, "%s: %s", ui_label(r, "arch.entity", jstr0(x, "entity")), entry_name(r, x));
  ui_begin(r, p, zTitle, 0);
  Buf *b = &p->body;
  ui_css(b, "exchange");
  hp(b, "<h1>%s</h1>\n<dl class=\"facts\"><dt>%s</dt><dd>", zTitle, T(r, "arch.deleted"));
  stamp(b, jstr(x, "at"));
  hp(b, " · %s</dd><dt>%s</dt><dd>", jstr0(x, "actor"), T(r, "arch.with"));
  kinds(r, b, json_object_get(x, "counts"));
  hp(b, "</dd>");
  if( jstr(x, "restored_at") ){
    hp(b, "<dt>%s</dt><dd>", T(r, "arch.restored"));
    stamp(b, jstr(x, "restored_at"));
    hp(b, " · %s</dd>", jstr0(x, "restored_by"));
  }
  hp(b, "</dl>\n");
  /* The rows kept, by table: how much comes back. */
  json_t *byTable = json_object(), *row;
  size_t i;
  json_array_foreach(json_object_get(x, "rows"), i, row){
    const char *zT = jstr0(row, "t");
    json_object_set_new(byTable, zT, json_integer(json_integer_value(json_object_get(byTable, zT)) + 1));
  }
  hp(b, "<h2>%s</h2><ul id=\"archive-rows\">", T(r, "arch.rows"));
  const char *zKey;
  json_t *v;
  json_object_foreach(byTable, zKey, v) hp(b, "<li><code>%s</code>: %D</li>", zKey, (int64_t)json_integer_value(v));
  hp(b, "</ul>\n<div class=\"actions\">");
  json_decref(byTable);
  if( !jstr(x, "restored_at") ){
    post_button(r, p, arena_printf(&r->arena, "/archive/%lld/restore", (long long)id), T(r, "arch.restore"), "primary");
    hp(b, " ");
  }
  post_button(r, p, arena_printf(&r->arena, "/archive/%lld/purge", (long long)id), T(r, "arch.purge"), "danger");
  hp(b, " <a class=\"button\" href=\"/archive\">%s</a></div>\n<p class=\"note\">%s</p>\n", T(r, "arch.back"), T(r, "arch.purge_note"));
  json_decref(x);
  ui_end(r, p);
}

/* WEBPAGE: POST /archive/{id}/restore */
void ui_archive_restore(Req *r, Resp *p){
  Form f;
  Err e;
  int64_t id = 0;
  if( ui_post(r, p, &f, &id, &e) ) return;
  json_t *out = 0;
  YcStatus st = archive_restore(&r->ctx, id, &out, &e);
  if( st ){ ui_error(r, p, &e); return; }
  /* To the record, back where it was. */
  static const struct { const char *zEntity, *zBase; } aBase[] = {
    {"tie", "/partners"}, {"org", "/orgs"}, {"exchange", "/exchanges"}, {"project", "/projects"},
    {"opportunity", "/opportunities"}, {"event", "/events"}, {"series", "/series"},
    {"person", "/people"}, {"delegation", "/delegations"}, {0, 0}};
  const char *zTo = "/archive?flash=restored";
  for(int i=0; aBase[i].zEntity; i++){
    if( strcmp(aBase[i].zEntity, jstr0(out, "entity"))==0 )
      zTo = arena_printf(&r->arena, "%s/%lld?flash=restored", aBase[i].zBase, jint(out, "entity_id"));
  }
  json_decref(out);
  ui_redirect(p, zTo);
}

/* WEBPAGE: POST /archive/{id}/purge */
void ui_archive_purge(Req *r, Resp *p){
  Form f;
  Err e;
  int64_t id = 0;
  if( ui_post(r, p, &f, &id, &e) ) return;
  YcStatus st = archive_purge(&r->ctx, id, &e);
  if( st ){ ui_error(r, p, &e); return; }
  ui_redirect(p, "/archive?flash=purged");
}
