/*
** ui_unit.c: units of the home side (the record type recUnit): the JSON
** API /api/v1/units and the admin pages /admin/units. Every rule (admin
** only, no delete while referred to) is in core (core/unit.c, core/perm.c).
*/
#include <string.h>
#include "web/route.h"
#include "web/ui.h"
#include "web/record.h"
#include "core/unit.h"
#include "core/perm.h"
#include "base/json.h"

static void unit_page(Req *r, Resp *p, json_t *x, int64_t id){
  Buf *b = &p->body;
  (void)id;
  hp(b, "<section class=\"card\"><dl class=\"facts\"><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd><dt>%s</dt><dd>%s</dd>"
        "<dt>%s</dt><dd>%D</dd>",
     T(r, "un.kind"), ui_label(r, "unk", jstr0(x, "kind")), T(r, "un.name_zh"), jstr0(x, "name_zh"),
     T(r, "un.name_en"), jstr0(x, "name_en"), T(r, "un.users"), (int64_t)jint(x, "users"));
  const char *zK;
  json_t *v;
  json_object_foreach(json_object_get(x, "records"), zK, v){
    char zKey[48];
    snprintf(zKey, sizeof zKey, "un.n_%s", zK);
    hp(b, "<dt>%s</dt><dd>%D</dd>", T(r, zKey), (int64_t)json_integer_value(v));
  }
  hp(b, "</dl></section>\n");
}

static void unit_fields(UiForm *fm, const Form *v, const char *zId){
  Req *r = fm->r;
  Buf *b = fm->b;
  (void)zId;
  ui_field(fm, &(UiField){.zName = "kind", .zLabel = T(r, "un.kind"), .zValue = form_get(v, "kind"), .eType = UI_SELECT,
    .zPrefix = "unk", .azEnum = azUnitKind, .zHint = T(r, "un.kind_hint")});
  hp(b, "<div class=\"row\">");
  ui_field(fm, &(UiField){.zName = "name_zh", .zLabel = T(r, "un.name_zh"), .zValue = form_get(v, "name_zh"), .eAttr = UI_ATTR_MAX300});
  ui_field(fm, &(UiField){.zName = "name_en", .zLabel = T(r, "un.name_en"), .zValue = form_get(v, "name_en"), .eAttr = UI_ATTR_MAX300});
  hp(b, "</div>\n");
}

static json_t *unit_input(Req *r, const Form *f, int bUpdate, Err *e, YcStatus *pSt){
  static const char *const azText[] = {"kind", "name_zh", "name_en", 0};
  json_t *in = json_object();
  (void)r; (void)e;
  *pSt = YC_OK;
  for(int i=0; azText[i]; i++){
    const char *z = form_get(f, azText[i]);
    if( z ) json_object_set_new(in, azText[i], json_string(z));
    else if( bUpdate && i==2 ) json_object_set_new(in, azText[i], json_null());
  }
  return in;
}

static void unit_defaults(Req *r, Form *v){ form_set(r, v, "kind", "department"); }

static void unit_values(Req *r, json_t *x, Form *v){
  static const char *const az[] = {"kind", "name_zh", "name_en", 0};
  for(int i=0; az[i]; i++) form_set(r, v, az[i], jstr(x, az[i]));
}

const RecordType recUnit = {
  .zBase = "/admin/units", .zApi = "/api/v1/units", .zNav = 0, .zCss = "exchange", .eAuth = REC_AUTH_CHECKED,
  .zNewTitle = "un.new", .zEditTitle = "un.edit", .zDeleteTitle = "un.delete", .zAsk = "un.confirm_delete",
  .xGet = unit_get, .xCreate = unit_create, .xUpdate = unit_update, .xDelete = unit_delete,
  .xName = ui_name, .zBack = "un.back", .xPage = unit_page, .xDefaults = unit_defaults, .xValues = unit_values,
  .xInput = unit_input, .xFields = unit_fields,
  .zEntity = "unit",
};

/* API: GET /api/v1/units */
void api_unit_list(Req *r, Resp *p){
  const char *az[2] = {0, 0};
  Err e;
  json_t *out = 0;
  YcStatus st = http_query(r, azUnitParam, az, &e);
  if( !st ) st = rec_api_auth(REC_AUTH_CHECKED, r, &e);
  if( !st ) st = unit_list(&r->ctx, az[0], az[1], &out, &e);
  http_reply(p, st, &e, 200, out);
}
/* API: POST /api/v1/units */
void api_unit_create(Req *r, Resp *p){ rec_api_create(&recUnit, r, p); }
/* API: GET /api/v1/units/{id} */
void api_unit_get(Req *r, Resp *p){ rec_api_get(&recUnit, r, p); }
/* API: PATCH /api/v1/units/{id} */
void api_unit_update(Req *r, Resp *p){ rec_api_update(&recUnit, r, p); }
/* API: DELETE /api/v1/units/{id} */
void api_unit_delete(Req *r, Resp *p){ rec_api_delete(&recUnit, r, p); }

/* WEBPAGE: GET /admin/units */
void ui_unit_list(Req *r, Resp *p){
  static const char *const azParam[] = {"q", "kind", "flash", "lang", 0};
  ui_prepare(r, p);
  if( ui_need_login(r, p) ) return;
  Err e;
  json_t *out = 0;
  YcStatus st = http_check_params(r, azParam, &e);
  if( !st ) st = unit_list(&r->ctx, ui_param(r, "q"), ui_param(r, "kind"), &out, &e);
  if( st ){ ui_error(r, p, &e); return; }
  ui_begin(r, p, T(r, "un.title"), 0);
  Buf *b = &p->body;
  ui_css(b, "exchange");
  hp(b, "<div class=\"page-head\"><h1>%s</h1><div class=\"head-actions\">", T(r, "un.title"));
  if( perm_can(&r->ctx, "create", "unit", 0, 0) )
    hp(b, "<a class=\"button primary\" href=\"/admin/units/new\">%s</a>", T(r, "un.new"));
  hp(b, "</div></div>\n");
  ui_flash(r, b);
  hp(b, "<p class=\"note\">%s</p>\n", T(r, "un.intro"));
  hp(b, "<form method=\"get\" action=\"/admin/units\" class=\"filters\" role=\"search\">"
        "<div class=\"field\"><label for=\"q\">%s</label><input id=\"q\" name=\"q\" type=\"search\" value=\"%s\"></div>"
        "<div class=\"field\"><label for=\"kind\">%s</label><select id=\"kind\" name=\"kind\">",
     T(r, "un.search"), ui_param(r, "q") ? ui_param(r, "q") : "", T(r, "un.kind"));
  ui_options(r, b, "unk", azUnitKind, ui_param(r, "kind"), T(r, "p.any"));
  hp(b, "</select></div><div class=\"actions\"><button type=\"submit\">%s</button></div></form>\n", T(r, "un.filter"));
  json_t *items = json_object_get(out, "items"), *u;
  size_t i;
  if( json_array_size(items)==0 ){
    hp(b, "<p class=\"empty\">%s</p>\n", T(r, "un.none"));
  }else{
    hp(b, "<div class=\"table-wrap\"><table class=\"list stack\" id=\"units\">\n<thead><tr><th scope=\"col\">%s</th>"
          "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
       T(r, "un.name_zh"), T(r, "un.name_en"), T(r, "un.kind"), T(r, "un.users"));
    json_array_foreach(items, i, u){
      int64_t id = (int64_t)jint(u, "id");
      hp(b, "<tr id=\"unit-%D\"><td data-label=\"%s\"><a href=\"/admin/units/%D\">%s</a></td><td data-label=\"%s\">%s</td>"
            "<td data-label=\"%s\">%s</td><td data-label=\"%s\">%D</td></tr>\n",
         id, T(r, "un.name_zh"), id, jstr0(u, "name_zh"), T(r, "un.name_en"), jstr0(u, "name_en"),
         T(r, "un.kind"), ui_label(r, "unk", jstr0(u, "kind")), T(r, "un.users"), (int64_t)jint(u, "users"));
    }
    hp(b, "</tbody></table></div>\n");
  }
  json_decref(out);
  ui_end(r, p);
}
/* WEBPAGE: GET /admin/units/{id} */
void ui_unit_page(Req *r, Resp *p){ rec_page(&recUnit, r, p); }
/* WEBPAGE: GET /admin/units/new */
void ui_unit_new(Req *r, Resp *p){ rec_new(&recUnit, r, p); }
/* WEBPAGE: POST /admin/units/new */
void ui_unit_create(Req *r, Resp *p){ rec_create(&recUnit, r, p); }
/* WEBPAGE: GET /admin/units/{id}/edit */
void ui_unit_edit(Req *r, Resp *p){ rec_edit(&recUnit, r, p); }
/* WEBPAGE: POST /admin/units/{id}/edit */
void ui_unit_update(Req *r, Resp *p){ rec_update(&recUnit, r, p); }
/* WEBPAGE: GET /admin/units/{id}/delete (asks for confirmation) */
void ui_unit_delete_ask(Req *r, Resp *p){ rec_delete_ask(&recUnit, r, p); }
/* WEBPAGE: POST /admin/units/{id}/delete */
void ui_unit_delete(Req *r, Resp *p){ rec_delete(&recUnit, r, p); }
