/* record.c: the generic handlers of record types; see record.h. */
#include <stdio.h>
#include <string.h>
#include "web/record.h"
#include "core/perm.h"
#include "base/json.h"
#include "core/archive.h"
#include "core/history.h"
#include "core/input.h"
#include "web/ui_history.h"

/* The record a request names: path argument 0 as an id or a key. */
typedef struct RecRef {
  int64_t id;
  const char *zId;      /* as it stands in URLs: the id's digits, or the key */
} RecRef;

static YcStatus rec_arg(const RecordType *t, Req *r, RecRef *k, Err *e){
  memset(k, 0, sizeof *k);
  if( t->xGetKey ){
    k->zId = r->nArg>0 ? r->azArg[0] : "";
    return YC_OK;
  }
  YcStatus st = http_arg_id(r, 0, &k->id, e);
  if( !st ) k->zId = arena_printf(&r->arena, "%lld", (long long)k->id);
  return st;
}

static YcStatus rec_get(const RecordType *t, Req *r, const RecRef *k, json_t **pj, Err *e){
  return t->xGetKey ? t->xGetKey(&r->ctx, k->zId, pj, e) : t->xGet(&r->ctx, k->id, pj, e);
}

static YcStatus rec_change(const RecordType *t, int bReplace, Req *r, const RecRef *k, json_t *in, json_t **pj, Err *e){
  if( t->xUpdateKey ) return t->xUpdateKey(&r->ctx, k->zId, in, pj, e);
  return (bReplace ? t->xReplace : t->xUpdate)(&r->ctx, k->id, in, pj, e);
}

static YcStatus rec_remove(const RecordType *t, Req *r, const RecRef *k, Err *e){
  if( t->xDeleteKey ) return t->xDeleteKey(&r->ctx, k->zId, e);
  return archive_delete(&r->ctx, t->zEntity, k->id, e);
}

/* How a created record stands in URLs. */
static const char *rec_created(const RecordType *t, Req *r, json_t *out){
  if( t->xGetKey ) return arena_strdup(&r->arena, jstr0(out, "key"));
  return arena_printf(&r->arena, "%lld", jint(out, "id"));
}

/* ---------------------------------------------------------------------------
** The JSON API
*/
YcStatus rec_api_auth(int eAuth, Req *r, Err *e){
  if( eAuth==REC_PUBLIC || r->zUser ) return YC_OK;
  if( eAuth==REC_AUTH_REQUIRED ) return http_auth(r, 0, e);
  if( !http_header(r, "Authorization") && !http_cookie(r, "yc_session") ) return YC_OK;
  if( eAuth==REC_AUTH_CHECKED ) return http_auth(r, 0, e);
  Err e2;
  if( http_auth(r, 0, &e2) ){     /* credentials that do not hold: an anonymous answer */
    r->ctx.zRole = 0;
    r->ctx.zActor = "anonymous";
  }
  return YC_OK;
}

void rec_api_on_id(Req *r, Resp *p, int eAuth, YcStatus (*x)(Ctx*, int64_t, json_t**, Err*)){
  Err e;
  int64_t id = 0;
  json_t *j = 0;
  YcStatus st = rec_api_auth(eAuth, r, &e);
  if( !st ) st = http_check_params(r, 0, &e);
  if( !st ) st = http_arg_id(r, 0, &id, &e);
  if( !st ) st = x(&r->ctx, id, &j, &e);
  http_reply(p, st, &e, 200, j);
}

void rec_api_on_id_body(Req *r, Resp *p, YcStatus (*x)(Ctx*, int64_t, json_t*, json_t**, Err*),
                        int status, const char *zLoc){
  Err e;
  int64_t id = 0;
  json_t *in = 0, *j = 0;
  YcStatus st = http_check_params(r, 0, &e);
  if( !st ) st = http_arg_id(r, 0, &id, &e);
  if( !st ) st = http_body_json(r, &in, &e);
  if( !st ) st = x(&r->ctx, id, in, &j, &e);
  json_decref(in);
  if( !st && zLoc ){
    char zBuf[200];
    snprintf(zBuf, sizeof zBuf, "%s/%lld", zLoc, jint(j, "id"));
    http_add_header(p, "Location", zBuf);
  }
  http_reply(p, st, &e, status, j);
}

void rec_api_get(const RecordType *t, Req *r, Resp *p){
  Err e;
  RecRef k;
  json_t *j = 0;
  YcStatus st = http_check_params(r, 0, &e);
  if( !st ) st = rec_api_auth(t->eAuth, r, &e);
  if( !st ) st = rec_arg(t, r, &k, &e);
  if( !st ) st = rec_get(t, r, &k, &j, &e);
  if( !st && t->xShow ) t->xShow(r, j);
  http_reply(p, st, &e, 200, j);
}

void rec_api_create(const RecordType *t, Req *r, Resp *p){
  Err e;
  json_t *in = 0, *j = 0;
  YcStatus st = http_check_params(r, 0, &e);
  if( !st ) st = http_body_json(r, &in, &e);
  if( !st ) st = t->xCreate(&r->ctx, in, &j, &e);
  json_decref(in);
  if( !st ){
    char zLoc[200];
    snprintf(zLoc, sizeof zLoc, "%s/%s", t->zApi, rec_created(t, r, j));
    http_add_header(p, "Location", zLoc);
  }
  http_reply(p, st, &e, 201, j);
}

static void api_change(const RecordType *t, int bReplace, Req *r, Resp *p){
  Err e;
  RecRef k;
  json_t *in = 0, *j = 0;
  YcStatus st = http_check_params(r, 0, &e);
  if( !st ) st = rec_arg(t, r, &k, &e);
  if( !st ) st = http_body_json(r, &in, &e);
  if( !st ) st = rec_change(t, bReplace, r, &k, in, &j, &e);
  json_decref(in);
  http_reply(p, st, &e, 200, j);
}

void rec_api_update(const RecordType *t, Req *r, Resp *p){ api_change(t, 0, r, p); }
void rec_api_replace(const RecordType *t, Req *r, Resp *p){ api_change(t, 1, r, p); }

/* ?dependants=archive: the record's dependants go with it (archived). */
static YcStatus rec_dependants_param(const RecordType *t, Req *r, Err *e){
  static const char *const azKnown[] = {"dependants", 0};
  YcStatus st = http_check_params(r, t->xGetKey ? 0 : azKnown, e);
  const char *z = st ? 0 : http_param(r, "dependants");
  if( z && strcmp(z, "archive")!=0 )
    return err_set(e, YC_EINVALID, "invalid_value", "dependants", "dependants must be archive");
  r->ctx.bWithDependants = z!=0;
  return st;
}

void rec_api_delete(const RecordType *t, Req *r, Resp *p){
  Err e;
  RecRef k;
  YcStatus st = rec_dependants_param(t, r, &e);
  if( !st ) st = rec_arg(t, r, &k, &e);
  if( !st ) st = rec_remove(t, r, &k, &e);
  json_t *j = 0;
  if( !st && t->xGetKey ) j = json_pack("{s:s, s:b}", "key", k.zId, "deleted", 1);
  else if( !st ) j = json_pack("{s:I, s:b, s:I}", "id", (json_int_t)k.id, "deleted", 1,
                               "archive_id", (json_int_t)r->ctx.archiveId);
  http_reply(p, st, &e, 200, j);
}

/* ---------------------------------------------------------------------------
** The pages
*/

/* The form page: a new record's (zId 0) or record zId's, with values v and
** the error e of a post (0 for none) next to its field. */
static void rec_form(const RecordType *t, Req *r, Resp *p, const char *zId, const Form *v, const Err *e){
  const char *zTitle = T(r, zId ? t->zEditTitle : t->zNewTitle);
  ui_begin(r, p, zTitle, t->zNav);
  Buf *b = &p->body;
  if( t->zCss ) ui_css(b, t->zCss);
  hp(b, "<h1>%s</h1>\n", zTitle);
  if( t->xHead ) t->xHead(r, p);
  Buf fields = BUF_INIT;
  UiForm fm = {r, &fields, e, 0};
  t->xFields(&fm, v, zId);
  ui_form_alert(r, b, e, fm.bShown);
  const char *zClass = t->zFormClass ? t->zFormClass : "form";
  if( zId ) hp(b, "<form method=\"post\" action=\"%s/%u/edit\" class=\"%s\" novalidate>\n", t->zBase, zId, zClass);
  else hp(b, "<form method=\"post\" action=\"%s/new\" class=\"%s\" novalidate>\n", t->zBase, zClass);
  ui_csrf_field(r, p);
  buf_append(b, buf_str(&fields), fields.n);
  buf_free(&fields);
  hp(b, "<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button> <a class=\"button\" href=\"%s%R%u\">%s</a></div>\n</form>\n",
     T(r, "p.save"), t->zBase, zId ? "/" : "", zId ? zId : "", T(r, "p.cancel"));
  ui_end(r, p);
}

/* Logged in, known query parameters (lang and az), the record read: 0;
** else the answer is made (login redirect, error page) and 1. */
static int rec_open(const RecordType *t, Req *r, Resp *p, const char *const *az, RecRef *k, json_t **pRec){
  static const char *const azLang[] = {"lang", 0};
  ui_prepare(r, p);
  if( ui_need_login(r, p) ) return 1;
  Err e;
  YcStatus st = http_check_params(r, az ? az : azLang, &e);
  if( !st && k ) st = rec_arg(t, r, k, &e);
  if( !st && k ) st = rec_get(t, r, k, pRec, &e);
  if( !st && k && t->xEditable ) st = t->xEditable(*pRec, &e);
  if( st && k ){ json_decref(*pRec); *pRec = 0; }
  if( st ){ ui_error(r, p, &e); return 1; }
  return 0;
}

void rec_page(const RecordType *t, Req *r, Resp *p){
  static const char *const azParam[] = {"lang", "flash", 0};
  ui_prepare(r, p);
  if( t->eAuth==REC_AUTH_REQUIRED && ui_need_login(r, p) ) return;
  Err e;
  RecRef k;
  json_t *x = 0;
  YcStatus st = http_check_params(r, azParam, &e);
  if( !st ) st = rec_arg(t, r, &k, &e);
  if( !st ) st = rec_get(t, r, &k, &x, &e);
  if( st ){ ui_error(r, p, &e); return; }
  const char *zTitle = t->xName(r, x);
  ui_begin(r, p, zTitle, t->zNav);
  Buf *b = &p->body;
  if( t->zCss ) ui_css(b, t->zCss);
  ui_flash(r, b);
  hp(b, "<div class=\"page-head\"><h1>%s", zTitle);
  if( t->xSub ) hp(b, " <span class=\"sub\">%s</span>", t->xSub(r, x));
  hp(b, "</h1><div class=\"head-actions\">");
  Err eEdit;
  if( r->zUser && (!t->xEditable || t->xEditable(x, &eEdit)==YC_OK) ){
    /* Only the buttons the role matrix allows (core/perm.c). */
    if( perm_can(&r->ctx, "update", t->zEntity, k.id, x) )
      hp(b, "<a class=\"button\" href=\"%s/%u/edit\">%s</a> ", t->zBase, k.zId, T(r, "p.edit"));
    if( perm_can(&r->ctx, "delete", t->zEntity, k.id, x) )
      hp(b, "<a class=\"button danger\" href=\"%s/%u/delete\">%s</a>", t->zBase, k.zId, T(r, "p.delete"));
  }
  if( r->zUser && t->zEntity ) hp(b, " <a class=\"button\" href=\"%s/%u/history\">%s</a>", t->zBase, k.zId, T(r, "h.link"));
  if( t->zBack ) hp(b, "<a class=\"button\" href=\"%s\">%s</a>", t->zBase, T(r, t->zBack));
  hp(b, "</div></div>\n");
  t->xPage(r, p, x, k.id);
  json_decref(x);
  ui_end(r, p);
}

void rec_new(const RecordType *t, Req *r, Resp *p){
  if( rec_open(t, r, p, t->azNewParam, 0, 0) ) return;
  Form v;
  memset(&v, 0, sizeof v);
  if( t->xDefaults ) t->xDefaults(r, &v);
  rec_form(t, r, p, 0, &v, 0);
}

/* The start of a post to a record's page: its form and the record named. */
static int rec_post(const RecordType *t, Req *r, Resp *p, Form *f, RecRef *k, Err *e){
  memset(k, 0, sizeof *k);
  if( ui_post(r, p, f, t->xGetKey ? 0 : &k->id, e) ) return 1;
  k->zId = t->xGetKey ? (r->nArg>0 ? r->azArg[0] : "") : arena_printf(&r->arena, "%lld", (long long)k->id);
  return 0;
}

void rec_create(const RecordType *t, Req *r, Resp *p){
  Form f;
  Err e;
  if( ui_post(r, p, &f, 0, &e) ) return;
  YcStatus st;
  json_t *in = t->xInput(r, &f, 0, &e, &st), *out = 0;
  if( !st ) st = t->xCreate(&r->ctx, in, &out, &e);
  json_decref(in);
  if( st ){
    p->status = err_http_status(st);
    rec_form(t, r, p, 0, &f, &e);
    return;
  }
  ui_redirect(p, arena_printf(&r->arena, "%s/%s?flash=created", t->zBase, rec_created(t, r, out)));
  json_decref(out);
}

void rec_edit(const RecordType *t, Req *r, Resp *p){
  RecRef k;
  json_t *x = 0;
  if( rec_open(t, r, p, 0, &k, &x) ) return;
  Form v;
  memset(&v, 0, sizeof v);
  t->xValues(r, x, &v);
  json_decref(x);
  rec_form(t, r, p, k.zId, &v, 0);
}

void rec_update(const RecordType *t, Req *r, Resp *p){
  Form f;
  Err e;
  RecRef k;
  if( rec_post(t, r, p, &f, &k, &e) ) return;
  YcStatus st;
  json_t *in = t->xInput(r, &f, 1, &e, &st), *out = 0;
  if( !st ) st = rec_change(t, 0, r, &k, in, &out, &e);
  json_decref(in);
  json_decref(out);
  /* Not a field's error: the record is gone, or may not be changed. */
  if( st==YC_EFORBIDDEN || (st==YC_ENOTFOUND && strcmp(e.zField, t->xGetKey ? "key" : "id")==0) ){
    ui_error(r, p, &e);
    return;
  }
  if( st ){
    p->status = err_http_status(st);
    rec_form(t, r, p, k.zId, &f, &e);
    return;
  }
  ui_redirect(p, arena_printf(&r->arena, "%s/%s?flash=saved", t->zBase, k.zId));
}

void rec_delete_ask(const RecordType *t, Req *r, Resp *p){
  RecRef k;
  json_t *x = 0;
  if( rec_open(t, r, p, 0, &k, &x) ) return;
  ui_begin(r, p, T(r, t->zDeleteTitle), t->zNav);
  if( t->zCss ) ui_css(&p->body, t->zCss);
  if( t->xDeleteHead ) t->xDeleteHead(r, p, x, k.zId);
  const char *zAsk = arena_printf(&r->arena, T(r, t->zAsk), t->xName(r, x));
  if( t->xGetKey ){
    ui_confirm_delete(r, p, zAsk, t->zBase, k.zId);
  }else{
    Err e;
    json_t *dep = 0;
    if( archive_dependants(&r->ctx, t->zEntity, k.id, &dep, &e) ){ json_decref(x); ui_error(r, p, &e); return; }
    ui_delete_archived(r, p, zAsk, t->zBase, k.zId, dep);
    json_decref(dep);
  }
  json_decref(x);
  ui_end(r, p);
}

void rec_delete(const RecordType *t, Req *r, Resp *p){
  Form f;
  Err e;
  RecRef k;
  if( rec_post(t, r, p, &f, &k, &e) ) return;
  const char *z = form_get(&f, "dependants");
  r->ctx.bWithDependants = z && strcmp(z, "archive")==0;
  YcStatus st = rec_remove(t, r, &k, &e);
  if( st ){ ui_error(r, p, &e); return; }
  ui_redirect(p, arena_printf(&r->arena, "%s?flash=deleted", t->zBase));
}

/* The record types with a history, by their API (profiles and offers are
** in the history of their tie and organisation). */
static const RecordType *const aHistType[] = {&recPartner, &recOrg, &recExchange, &recProject, &recOpportunity,
  &recList, &recPerson, &recDelegation, &recEvent, &recSeries, &recInvitation};

const RecordType *rec_type_of_api(const char *zSeg){
  for(size_t i=0; zSeg && i<sizeof aHistType/sizeof aHistType[0]; i++){
    const char *z = aHistType[i]->zApi + strlen("/api/v1/");
    if( strcmp(z, zSeg)==0 ) return aHistType[i];
  }
  return 0;
}

/* The record's audit id (records named by a key carry it as "id"). */
static int64_t rec_audit_id(const RecordType *t, const RecRef *k, const json_t *x){
  return t->xGetKey ? jint(x, "id") : k->id;
}

void rec_history(const RecordType *t, Req *r, Resp *p){
  static const char *const azParam[] = {"lang", "flash", "cursor", 0};
  ui_prepare(r, p);
  if( ui_need_login(r, p) ) return;
  Err e;
  RecRef k;
  json_t *x = 0, *h = 0;
  YcStatus st = http_check_params(r, azParam, &e);
  if( !st ) st = rec_arg(t, r, &k, &e);
  if( !st ) st = rec_get(t, r, &k, &x, &e);
  if( !st ) st = history_of(&r->ctx, t->zEntity, rec_audit_id(t, &k, x), 0, http_param(r, "cursor"), 1, &h, &e);
  if( st ){ json_decref(x); ui_error(r, p, &e); return; }
  const char *zName = t->xName ? t->xName(r, x) : k.zId;
  const char *zTitle = arena_printf(&r->arena, T(r, "h.title_of"), zName ? zName : k.zId);
  ui_begin(r, p, zTitle, t->zNav);
  Buf *b = &p->body;
  ui_css(b, "exchange");   /* the kit's stacked tables at phone width */
  ui_css(b, "history");
  ui_flash(r, b);
  hp(b, "<div class=\"page-head\"><h1>%s</h1><div class=\"head-actions\"><a class=\"button\" href=\"%s/%u\">%s</a></div></div>\n",
     zTitle, t->zBase, k.zId, T(r, "h.back"));
  ui_history_entries(r, p, json_object_get(h, "items"), arena_printf(&r->arena, "%s/%s/revert", t->zBase, k.zId),
                     !http_param(r, "cursor"));
  ui_pager(r, b, h);
  json_decref(h);
  json_decref(x);
  ui_end(r, p);
}

void rec_revert(const RecordType *t, Req *r, Resp *p){
  Form f;
  Err e;
  RecRef k;
  if( rec_post(t, r, p, &f, &k, &e) ) return;
  json_t *x = 0, *out = 0, *in = 0;
  YcStatus st = rec_get(t, r, &k, &x, &e);
  if( !st ){
    long long to = 0;
    const char *zTo = form_get(&f, "to");
    in = zTo && in_parse_int(zTo, 1, INT64_MAX, &to)==0 ? json_pack("{s:I}", "to", (json_int_t)to)
                                                    : json_pack("{s:s}", "to", zTo ? zTo : "");
    st = history_revert(&r->ctx, t->zEntity, rec_audit_id(t, &k, x), in, &out, &e);
  }
  json_decref(in);
  json_decref(out);
  json_decref(x);
  if( st ){ ui_error(r, p, &e); return; }
  ui_redirect(p, arena_printf(&r->arena, "%s/%s/history?flash=reverted", t->zBase, k.zId));
}

const char *rec_title(Req *r, const json_t *rec){
  (void)r;
  return jstr0(rec, "title");
}
