/*
** api_account.c: accounts and API tokens for admins (issue 12, item 7):
** the JSON API (users, tokens) and the page /admin/users. Every rule
** (admin only, what a disable ends) is in core/auth.c.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "web/route.h"
#include "web/api_params.h"
#include "web/ui.h"
#include "web/record.h"
#include "core/unit.h"
#include "core/org.h"
#include "core/auth.h"
#include "core/input.h"
#include "base/json.h"

/* API: GET /api/v1/users */
void api_users(Req *r, Resp *p){
  Err e;
  json_t *out = 0;
  YcStatus st = http_check_params(r, 0, &e);
  if( !st ) st = http_auth(r, 0, &e);
  if( !st ) st = user_list(&r->ctx, &out, &e);
  http_reply(p, st, &e, 200, out);
}

/* API: PATCH /api/v1/users/{id} */
void api_user_patch(Req *r, Resp *p){ rec_api_on_id_body(r, p, user_patch, 200, 0); }

const char *const azTokenParam[] = {"user", 0};
/* API: GET /api/v1/tokens */
void api_tokens(Req *r, Resp *p){
  const char *az[1] = {0};
  Err e;
  json_t *out = 0;
  int64_t uid = 0;
  YcStatus st = http_query(r, azTokenParam, az, &e);
  if( !st ) st = http_auth(r, 0, &e);
  if( !st && az[0] ){
    st = user_id_of(&r->ctx, az[0], &uid, &e);
    if( st==YC_ENOTFOUND ) st = err_set(&e, YC_EINVALID, "unknown_user", "user", "no user named %.64s", az[0]);
  }
  if( !st ) st = token_list(&r->ctx, uid, &out, &e);
  http_reply(p, st, &e, 200, out);
}

/* API: DELETE /api/v1/tokens/{id} */
void api_token_delete(Req *r, Resp *p){
  Err e;
  int64_t id = 0;
  YcStatus st = http_check_params(r, 0, &e);
  if( !st ) st = http_arg_id(r, 0, &id, &e);
  if( !st ) st = token_revoke(&r->ctx, id, &e);
  http_reply(p, st, &e, 200, st ? 0 : json_pack("{s:I, s:b}", "id", (json_int_t)id, "deleted", 1));
}

/* ---------------------------------------------------------------------------
** The page
*/

static void stamp(Req *r, Buf *b, const char *z){
  if( !z ){ hp(b, "<span class=\"muted\">%s</span>", T(r, "acct.never")); return; }
  char zShow[20];
  snprintf(zShow, sizeof zShow, "%.10s %.5s", z, strlen(z)>=16 ? z + 11 : "");   /* UTC, to the minute */
  hp(b, "<time datetime=\"%s\">%s UTC</time>", z, zShow);
}

/* A one-button POST form to zAction with hidden field zName=zValue. */
static void button_form(Req *r, Resp *p, const char *zAction, const char *zName, const char *zValue,
                        const char *zLabel, const char *zClass){
  Buf *b = &p->body;
  hp(b, "<form method=\"post\" action=\"%s\" class=\"inline\">", zAction);
  ui_csrf_field(r, p);
  hp(b, "<input type=\"hidden\" name=\"%s\" value=\"%s\"><button type=\"submit\" class=\"%s\">%s</button></form>",
     zName, zValue, zClass, zLabel);
}

/* Options of the rows of a (id and names), the one with id cur selected. */
static void id_options(Req *r, Buf *b, json_t *a, int64_t cur){
  json_t *x;
  size_t i;
  json_array_foreach(a, i, x){
    hp(b, "<option value=\"%D\"%R>%s</option>", jint(x, "id"), jint(x, "id")==cur ? " selected" : "", ui_name(r, x));
  }
}

/* Where the user belongs (issue 12, item 1): a unit (and whether an
** editor is kept to it) or an organisation (a member's). */
static void membership_form(Req *r, Resp *p, json_t *u, const char *zAction, json_t *aUnit, json_t *aOrg){
  Buf *b = &p->body;
  int64_t id = jint(u, "id");
  hp(b, "<form method=\"post\" action=\"%s\" class=\"inline membership\">", zAction);
  ui_csrf_field(r, p);
  hp(b, "<input type=\"hidden\" name=\"membership\" value=\"1\">"
        "<label for=\"unit-%D\">%s</label><select id=\"unit-%D\" name=\"unit_id\"><option value=\"\">%s</option>",
     id, T(r, "acct.unit"), id, T(r, "un.no_unit"));
  id_options(r, b, aUnit, jint(u, "unit_id"));
  hp(b, "</select> <label class=\"check\"><input type=\"checkbox\" name=\"own_unit_only\" value=\"1\"%R> %s</label>",
     json_is_true(json_object_get(u, "own_unit_only")) ? " checked" : "", T(r, "acct.own_unit_only"));
  hp(b, " <label for=\"org-%D\">%s</label><select id=\"org-%D\" name=\"org_id\"><option value=\"\">%s</option>",
     id, T(r, "acct.org"), id, T(r, "un.no_unit"));
  id_options(r, b, aOrg, jint(u, "org_id"));
  hp(b, "</select> <button type=\"submit\">%s</button></form>", T(r, "acct.set_membership"));
}

static void user_row(Req *r, Resp *p, json_t *u, json_t *aUnit, json_t *aOrg){
  Buf *b = &p->body;
  long long id = (long long)json_integer_value(json_object_get(u, "id"));
  int bDis = json_is_true(json_object_get(u, "disabled"));
  int bSelf = r->ctx.userId==id;
  char zAction[64];
  snprintf(zAction, sizeof zAction, "/admin/users/%lld", id);
  hp(b, "<tr id=\"user-%D\"><th scope=\"row\">%s</th><td data-label=\"%s\">", (int64_t)id, jstr0(u, "name"), T(r, "acct.role"));
  if( bSelf ){
    hp(b, "%s", ui_label(r, "acct.role", jstr0(u, "role")));
  }else{
    hp(b, "<form method=\"post\" action=\"%s\" class=\"inline\">", zAction);
    ui_csrf_field(r, p);
    hp(b, "<label class=\"sr-only\" for=\"role-%D\">%s</label><select id=\"role-%D\" name=\"role\">",
       (int64_t)id, T(r, "acct.role"), (int64_t)id);
    ui_options(r, b, "acct.role", azUserRole, jstr0(u, "role"), 0);
    hp(b, "</select> <button type=\"submit\">%s</button></form>", T(r, "acct.set_role"));
  }
  hp(b, "</td><td data-label=\"%s\">", T(r, "acct.state"));
  hp(b, "<span class=\"tag %s\">%s</span>", bDis ? "state-disabled" : "state-active",
     T(r, bDis ? "acct.disabled" : "acct.active"));
  hp(b, "</td><td data-label=\"%s\">", T(r, "acct.membership"));
  membership_form(r, p, u, zAction, aUnit, aOrg);
  hp(b, "</td><td class=\"nowrap\" data-label=\"%s\">", T(r, "acct.last_login"));
  stamp(r, b, jstr(u, "last_login"));
  hp(b, "</td><td data-label=\"%s\">", T(r, "acct.actions"));
  if( !bSelf ){
    if( bDis ) button_form(r, p, zAction, "disabled", "0", T(r, "acct.enable"), "");
    else button_form(r, p, zAction, "disabled", "1", T(r, "acct.disable"), "danger");
  }
  hp(b, "</td></tr>\n");
}

/* WEBPAGE: GET /admin/users */
void ui_admin_users(Req *r, Resp *p){
  static const char *const azParam[] = {"flash", "lang", 0};
  ui_prepare(r, p);
  if( ui_need_login(r, p) ) return;
  Err e;
  json_t *out = 0;
  YcStatus st = http_check_params(r, azParam, &e);
  if( !st ) st = user_list(&r->ctx, &out, &e);
  if( st ){ ui_error(r, p, &e); return; }
  ui_begin(r, p, T(r, "acct.title"), 0);
  Buf *b = &p->body;
  ui_css(b, "exchange");
  ui_css(b, "accounts");
  hp(b, "<h1>%s</h1>\n", T(r, "acct.title"));
  ui_flash(r, b);
  hp(b, "<p class=\"note\">%s</p>\n", T(r, "acct.intro"));
  json_t *items = json_object_get(out, "items"), *u, *t, *units = 0, *orgs = 0;
  size_t i, k;
  if( unit_list(&r->ctx, 0, 0, &units, &e) ) units = json_object();
  if( org_options(&r->ctx, &orgs, &e) ) orgs = json_array();
  hp(b, "<div class=\"table-wrap\"><table class=\"list stack\" id=\"users\">\n<thead><tr><th scope=\"col\">%s</th>"
        "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
        "<th scope=\"col\">%s</th></tr></thead><tbody>\n",
     T(r, "acct.name"), T(r, "acct.role"), T(r, "acct.state"), T(r, "acct.membership"), T(r, "acct.last_login"), T(r, "acct.actions"));
  json_array_foreach(items, i, u) user_row(r, p, u, json_object_get(units, "items"), orgs);
  json_decref(units);
  json_decref(orgs);
  hp(b, "</tbody></table></div>\n");
  hp(b, "<h2>%s</h2>\n", T(r, "acct.tokens"));
  int nTok = 0;
  json_array_foreach(items, i, u) nTok += (int)json_array_size(json_object_get(u, "tokens"));
  if( nTok==0 ){
    hp(b, "<p class=\"empty\">%s</p>\n", T(r, "acct.no_tokens"));
  }else{
    hp(b, "<div class=\"table-wrap\"><table class=\"list stack\" id=\"tokens\">\n<thead><tr><th scope=\"col\">%s</th>"
          "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
       T(r, "acct.user"), T(r, "acct.token_name"), T(r, "acct.created"), T(r, "acct.last_used"), T(r, "acct.expires"), T(r, "acct.actions"));
    json_array_foreach(items, i, u){
      json_array_foreach(json_object_get(u, "tokens"), k, t){
        long long id = (long long)json_integer_value(json_object_get(t, "id"));
        char zId[24];
        snprintf(zId, sizeof zId, "%lld", id);
        hp(b, "<tr id=\"token-%D\"><td data-label=\"%s\">%s</td><td data-label=\"%s\">", (int64_t)id,
           T(r, "acct.user"), jstr0(u, "name"), T(r, "acct.token_name"));
        if( jstr(t, "name") ) hp(b, "%s", jstr0(t, "name"));
        else hp(b, "<span class=\"muted\">%s</span>", T(r, "acct.unnamed"));
        hp(b, "</td><td class=\"nowrap\" data-label=\"%s\">", T(r, "acct.created"));
        stamp(r, b, jstr(t, "created_at"));
        hp(b, "</td><td class=\"nowrap\" data-label=\"%s\">", T(r, "acct.last_used"));
        stamp(r, b, jstr(t, "last_used"));
        hp(b, "</td><td class=\"nowrap\" data-label=\"%s\">", T(r, "acct.expires"));
        if( jstr(t, "expires_at") ) stamp(r, b, jstr(t, "expires_at"));
        else hp(b, "<span class=\"muted\">%s</span>", T(r, "acct.no_expiry"));
        hp(b, "</td><td data-label=\"%s\">", T(r, "acct.actions"));
        button_form(r, p, "/admin/tokens/revoke", "id", zId, T(r, "acct.revoke"), "danger");
        hp(b, "</td></tr>\n");
      }
    }
    hp(b, "</tbody></table></div>\n");
  }
  hp(b, "<p class=\"hint\">%s</p>\n", T(r, "acct.cli_hint"));
  json_decref(out);
  ui_end(r, p);
}

/* WEBPAGE: POST /admin/users/{id} */
void ui_admin_user_post(Req *r, Resp *p){
  Form f;
  Err e;
  int64_t id;
  if( ui_post(r, p, &f, &id, &e) ) return;
  json_t *in = json_object();
  const char *zRole = form_get(&f, "role"), *zDis = form_get(&f, "disabled");
  if( form_get(&f, "membership") ){
    static const char *const azId[] = {"unit_id", "org_id", 0};
    for(int i=0; azId[i]; i++){
      const char *z = form_get(&f, azId[i]);
      int64_t v = 0;
      if( z && !in_parse_id(z, &v) ){
        json_decref(in);
        err_set(&e, YC_EINVALID, "invalid_value", azId[i], "%s must be an id", azId[i]);
        ui_error(r, p, &e);
        return;
      }
      json_object_set_new(in, azId[i], v ? json_integer(v) : json_null());
    }
    json_object_set_new(in, "own_unit_only", json_boolean(form_get(&f, "own_unit_only")!=0));
  }
  if( zRole ) json_object_set_new(in, "role", json_string(zRole));
  if( zDis ) json_object_set_new(in, "disabled", json_boolean(strcmp(zDis, "1")==0));
  YcStatus st = user_patch(&r->ctx, id, in, 0, &e);
  json_decref(in);
  if( st ){ ui_error(r, p, &e); return; }
  ui_redirect(p, "/admin/users?flash=user_saved");
}

/* WEBPAGE: POST /admin/tokens/revoke */
void ui_admin_token_revoke(Req *r, Resp *p){
  Form f;
  Err e;
  if( ui_post(r, p, &f, 0, &e) ) return;
  int64_t id = 0;
  const char *z = form_get(&f, "id");
  YcStatus st = z && in_parse_id(z, &id) ? token_revoke(&r->ctx, id, &e)
              : err_set(&e, YC_EINVALID, "invalid_value", "id", "id must be a positive integer");
  if( st ){ ui_error(r, p, &e); return; }
  ui_redirect(p, "/admin/users?flash=token_revoked");
}
