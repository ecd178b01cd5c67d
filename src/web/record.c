/* record.c: the generic handlers of record types; see record.h. */
#include <stdio.h>
#include <string.h>
#include "web/record.h"
#include "web/api_params.h"
#include "core/perm.h"
#include "base/json.h"
#include "core/archive.h"
#include "core/history.h"
#include "core/input.h"
#include "web/ui_history.h"
#include "core/audit.h"

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

/* ---------------------------------------------------------------------------
** Versions: a record's version is the id of its latest audit row
** (audit_version). Reads show it; writes that name one expect it (Ctx's
** zIfEntity...), and audit_log answers YC_ECONFLICT "conflict" when the
** record changed meanwhile.
*/

/* Record k with its version (-1 when t has no entity): the version is read
** before the record (or with it in one read snapshot, for a type named by
** key), so it is never newer than the record shown. */
static YcStatus rec_read(const RecordType *t, Req *r, const RecRef *k, json_t **pj, int64_t *pV, Err *e){
  *pV = -1;
  if( !t->zEntity ) return rec_get(t, r, k, pj, e);
  if( !t->xGetKey ){
    *pV = audit_version(&r->ctx, t->zEntity, k->id);
    return rec_get(t, r, k, pj, e);
  }
  Err e2;
  int bSnap = !db_in_txn(r->ctx.db) && db_read_begin(r->ctx.db, &e2)==YC_OK;
  YcStatus st = rec_get(t, r, k, pj, e);
  if( !st ) *pV = audit_version(&r->ctx, t->zEntity, jint(*pj, "id"));
  if( bSnap ) db_read_end(r->ctx.db);
  return st;
}

/* The id of record k (j: the record, for a type named by key). */
static int64_t rec_audit_id(const RecordType *t, const RecRef *k, const json_t *j){
  return t->xGetKey ? jint(j, "id") : k->id;
}

/* Make the next write of k expect version v (nothing when v < 0). */
static YcStatus rec_expect(const RecordType *t, Req *r, const RecRef *k, int64_t v, Err *e){
  if( v<0 || !t->zEntity ) return YC_OK;
  int64_t id = k->id;
  if( t->xGetKey ){
    json_t *j = 0;
    YcStatus st = rec_get(t, r, k, &j, e);
    if( st ) return st;
    id = jint(j, "id");
    json_decref(j);
  }
  rec_expect_version(r, t->zEntity, id, v);
  return YC_OK;
}

void rec_expect_version(Req *r, const char *zEntity, int64_t id, int64_t v){
  if( v<0 || !zEntity ) return;
  r->ctx.zIfEntity = zEntity;
  r->ctx.ifId = id;
  r->ctx.ifVersion = v;
}

int rec_is_conflict(YcStatus st, const Err *e){
  return st==YC_ECONFLICT && strcmp(e->zCode, "conflict")==0;
}

/* "version": v in record j and the ETag "v" (nothing when v < 0). */
static void rec_show_version(Resp *p, json_t *j, int64_t v){
  if( v<0 || !json_is_object(j) ) return;
  json_object_set_new(j, "version", json_integer(v));
  char z[32];
  snprintf(z, sizeof z, "\"%lld\"", (long long)v);
  http_add_header(p, "ETag", z);
}

/* The version a write names: the If-Match header ("N"; * for any) or
** "version" in the body in (taken out of it); -1 when none. */
static YcStatus rec_if_match(Req *r, json_t *in, int64_t *pV, Err *e){
  *pV = -1;
  const char *z = http_header(r, "If-Match");
  if( z ){
    while( *z==' ' || *z=='\t' ) z++;
    size_t n = strlen(z);
    while( n>0 && (z[n-1]==' ' || z[n-1]=='\t') ) n--;
    if( !(n==1 && z[0]=='*') ){
      int bOk = n>=3 && n<=20 && z[0]=='"' && z[n-1]=='"';
      int64_t v = 0;
      for(size_t i=1; bOk && i+1<n; i++){
        if( z[i]<'0' || z[i]>'9' ) bOk = 0;
        else v = v*10 + (z[i]-'0');
      }
      if( !bOk ) return err_set(e, YC_EINVALID, "invalid_if_match", "If-Match",
                                "If-Match must be the record's ETag, a version in quotes such as \"12\", or *");
      *pV = v;
    }
  }
  json_t *j = in ? json_object_get(in, "version") : 0;
  if( j ){
    if( !json_is_integer(j) || json_integer_value(j)<0 )
      return err_set(e, YC_EINVALID, "invalid_version", "version", "version must be the record's version, an integer from 0");
    if( *pV>=0 && json_integer_value(j)!=*pV )
      return err_set(e, YC_EINVALID, "invalid_version", "version", "version and If-Match name different versions");
    *pV = json_integer_value(j);
    json_object_del(in, "version");
  }
  return YC_OK;
}

/* The answer of a stale write: 409 with the error e, the version and the
** record as they are now ("current" null when it is gone). */
static void rec_api_conflict(const RecordType *t, Req *r, Resp *p, const RecRef *k, const Err *e){
  json_t *cur = 0;
  int64_t v;
  Err e2;
  if( rec_read(t, r, k, &cur, &v, &e2) ){
    cur = 0;
    v = t->xGetKey ? -1 : audit_version(&r->ctx, t->zEntity, k->id);
  }else if( t->xShow ){
    t->xShow(r, cur);
  }
  json_t *err = json_pack("{s:s, s:s, s:s}", "code", e->zCode, "message", e->zMsg, "field", "version");
  json_t *j = json_pack("{s:o, s:o, s:o}", "error", err, "version", v>=0 ? json_integer(v) : json_null(),
                        "current", cur ? cur : json_null());
  http_json(p, 409, j);
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
  int64_t v = -1;
  if( !st ) st = rec_read(t, r, &k, &j, &v, &e);
  if( !st && t->xShow ) t->xShow(r, j);
  if( !st ) rec_show_version(p, j, v);
  http_reply(p, st, &e, 200, j);
}

void rec_api_create(const RecordType *t, Req *r, Resp *p){
  Err e;
  json_t *in = 0, *j = 0;
  YcStatus st = http_check_params(r, 0, &e);
  if( !st ) st = http_body_json(r, &in, &e);
  if( !st ) st = t->xCreate(&r->ctx, in, &j, &e);
  json_decref(in);
  if( !st && t->zEntity ) rec_show_version(p, j, audit_version(&r->ctx, t->zEntity, jint(j, "id")));
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
  int64_t want = -1;
  if( !st ) st = rec_if_match(r, in, &want, &e);
  if( !st ) st = rec_expect(t, r, &k, want, &e);
  if( !st ) st = rec_change(t, bReplace, r, &k, in, &j, &e);
  r->ctx.zIfEntity = 0;
  json_decref(in);
  if( rec_is_conflict(st, &e) ){ rec_api_conflict(t, r, p, &k, &e); return; }
  if( !st && t->zEntity ) rec_show_version(p, j, audit_version(&r->ctx, t->zEntity, rec_audit_id(t, &k, j)));
  http_reply(p, st, &e, 200, j);
}

void rec_api_update(const RecordType *t, Req *r, Resp *p){ api_change(t, 0, r, p); }
void rec_api_replace(const RecordType *t, Req *r, Resp *p){ api_change(t, 1, r, p); }

/* ?dependants=archive: the record's dependants go with it (archived). */
const char *const azRecDeleteParam[] = {"dependants", 0};

static YcStatus rec_dependants_param(const RecordType *t, Req *r, Err *e){
  YcStatus st = http_check_params(r, t->xGetKey ? 0 : azRecDeleteParam, e);
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
  int64_t want = -1;
  if( !st ) st = rec_if_match(r, 0, &want, &e);
  if( !st ) st = rec_expect(t, r, &k, want, &e);
  if( !st ) st = rec_remove(t, r, &k, &e);
  r->ctx.zIfEntity = 0;
  if( rec_is_conflict(st, &e) ){ rec_api_conflict(t, r, p, &k, &e); return; }
  json_t *j = 0;
  if( !st && t->xGetKey ) j = json_pack("{s:s, s:b}", "key", k.zId, "deleted", 1);
  else if( !st ) j = json_pack("{s:I, s:b, s:I}", "id", (json_int_t)k.id, "deleted", 1,
                               "archive_id", (json_int_t)r->ctx.archiveId);
  http_reply(p, st, &e, 200, j);
}

/* ---------------------------------------------------------------------------
** The pages
*/

/* What a form shows of a record's version: the version its next submit
** expects (-1: none), and after a stale submit, the values stored now and
** the audit row of the change that made it stale. */
typedef struct RecVer {
  int64_t v;
  const Form *pStored;
  json_t *jWho;
} RecVer;

/* The notice of a record changed meanwhile: who changed it and when (the
** latest audit row jWho), and zWhat (i18n key) of what the page does now. */
static void rec_changed_notice(Req *r, Buf *b, const json_t *jWho, const char *zWhat){
  /* The time as "YYYY-MM-DD HH:MM UTC" (audit times are UTC, ISO 8601). */
  const char *zAt = jstr0(jWho, "at") ? jstr0(jWho, "at") : "?";
  if( strlen(zAt)>=16 && zAt[10]=='T' ){
    char *z = arena_printf(&r->arena, "%.16s UTC", zAt);
    z[10] = ' ';
    zAt = z;
  }
  hp(b, "<div class=\"alert conflict\" role=\"alert\"><p>");
  hp(b, T(r, "ver.changed_by"), jstr0(jWho, "actor") ? jstr0(jWho, "actor") : "?", zAt);
  hp(b, "</p><p>%s</p></div>\n", T(r, zWhat));
}

/* The form page: a new record's (zId 0) or record zId's, with values v and
** the error e of a post (0 for none) next to its field; pv (0: none) its
** version and, after a stale submit, the values stored now. */
static void rec_form(const RecordType *t, Req *r, Resp *p, const char *zId, const Form *v, const Err *e, const RecVer *pv){
  const char *zTitle = T(r, zId ? t->zEditTitle : t->zNewTitle);
  ui_begin(r, p, zTitle, t->zNav);
  Buf *b = &p->body;
  if( t->zCss ) ui_css(b, t->zCss);
  hp(b, "<h1>%s</h1>\n", zTitle);
  if( t->xHead ) t->xHead(r, p);
  Buf fields = BUF_INIT;
  UiForm fm = {.r = r, .b = &fields, .e = e};
  if( pv && pv->pStored ){
    fm.pMine = v;
    fm.pStored = pv->pStored;
    rec_changed_notice(r, b, pv->jWho, "ver.choose");
  }
  t->xFields(&fm, v, zId);
  if( !(pv && pv->pStored) ) ui_form_alert(r, b, e, fm.bShown);
  const char *zClass = t->zFormClass ? t->zFormClass : "form";
  if( zId ) hp(b, "<form method=\"post\" action=\"%s/%u/edit\" class=\"%s\" novalidate>\n", t->zBase, zId, zClass);
  else hp(b, "<form method=\"post\" action=\"%s/new\" class=\"%s\" novalidate>\n", t->zBase, zClass);
  ui_csrf_field(r, p);
  if( pv && pv->v>=0 ) hp(b, "<input type=\"hidden\" name=\"_version\" value=\"%D\">", pv->v);
  buf_append(b, buf_str(&fields), fields.n);
  buf_free(&fields);
  hp(b, "<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button> <a class=\"button\" href=\"%s%R%u\">%s</a></div>\n</form>\n",
     T(r, "p.save"), t->zBase, zId ? "/" : "", zId ? zId : "", T(r, "p.cancel"));
  ui_end(r, p);
}

/* Logged in, known query parameters (lang and az), the record read: 0;
** else the answer is made (login redirect, error page) and 1. */
static int rec_open(const RecordType *t, Req *r, Resp *p, const char *const *az, RecRef *k, json_t **pRec, int64_t *pV){
  static const char *const azLang[] = {"lang", 0};
  ui_prepare(r, p);
  if( ui_need_login(r, p) ) return 1;
  Err e;
  YcStatus st = http_check_params(r, az ? az : azLang, &e);
  if( !st && k ) st = rec_arg(t, r, k, &e);
  int64_t v = -1;
  if( !st && k ) st = rec_read(t, r, k, pRec, &v, &e);
  if( pV ) *pV = v;
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
  if( rec_open(t, r, p, t->azNewParam, 0, 0, 0) ) return;
  Form v;
  memset(&v, 0, sizeof v);
  if( t->xDefaults ) t->xDefaults(r, &v);
  rec_form(t, r, p, 0, &v, 0, 0);
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
    rec_form(t, r, p, 0, &f, &e, 0);
    return;
  }
  ui_redirect(p, arena_printf(&r->arena, "%s/%s?flash=created", t->zBase, rec_created(t, r, out)));
  json_decref(out);
}

void rec_edit(const RecordType *t, Req *r, Resp *p){
  RecRef k;
  json_t *x = 0;
  RecVer rv = {-1, 0, 0};
  if( rec_open(t, r, p, 0, &k, &x, &rv.v) ) return;
  Form v;
  memset(&v, 0, sizeof v);
  t->xValues(r, x, &v);
  json_decref(x);
  rec_form(t, r, p, k.zId, &v, 0, &rv);
}

YcStatus rec_form_version(const Form *f, int64_t *pV, Err *e){
  const char *z = form_get(f, "_version");
  *pV = -1;
  if( !z ) return YC_OK;
  int64_t v = 0;
  for(int i=0; z[i]; i++){
    if( z[i]<'0' || z[i]>'9' || i>=18 ) return err_set(e, YC_EINVALID, "invalid_version", "version", "version must be an integer from 0");
    v = v*10 + (z[i]-'0');
  }
  *pV = v;
  return YC_OK;
}

/* The form f as the record's input: without the version fields (_version,
** _take.NAME), and for each _take.NAME=stored, the values of NAME (and
** of NAME_id, its hidden id) as stored now (pStored). */
static void rec_form_clean(Req *r, const Form *f, const Form *pStored, Form *pOut){
  memset(pOut, 0, sizeof *pOut);
  for(int i=0; i<f->n; i++){
    const char *zKey = f->azKey[i];
    if( zKey[0]=='_' ) continue;
    int bTake = 0;
    for(int j=0; pStored && j<f->n && !bTake; j++){
      const char *zT = f->azKey[j];
      if( strncmp(zT, "_take.", 6)!=0 || strcmp(f->azVal[j], "stored")!=0 ) continue;
      size_t n = strlen(zT + 6);
      bTake = strcmp(zKey, zT + 6)==0 || (strncmp(zKey, zT + 6, n)==0 && strcmp(zKey + n, "_id")==0);
    }
    if( !bTake && pOut->n<FORM_MAX ){ pOut->azKey[pOut->n] = zKey; pOut->azVal[pOut->n++] = f->azVal[i]; }
  }
  for(int j=0; pStored && j<f->n; j++){
    const char *zT = f->azKey[j];
    if( strncmp(zT, "_take.", 6)!=0 || strcmp(f->azVal[j], "stored")!=0 ) continue;
    const char *zName = zT + 6, *zId = arena_printf(&r->arena, "%s_id", zName);
    for(int i=0; i<pStored->n; i++){
      if( (strcmp(pStored->azKey[i], zName)==0 || strcmp(pStored->azKey[i], zId)==0) && pOut->n<FORM_MAX ){
        pOut->azKey[pOut->n] = pStored->azKey[i];
        pOut->azVal[pOut->n++] = pStored->azVal[i];
      }
    }
  }
}

/* Whether the form f takes any stored value (_take.NAME=stored). */
static int rec_form_takes(const Form *f){
  for(int i=0; i<f->n; i++) if( strncmp(f->azKey[i], "_take.", 6)==0 && strcmp(f->azVal[i], "stored")==0 ) return 1;
  return 0;
}

/* Record k as it is now: its version, its form values into *pStored and the
** audit row of its latest change (new reference, or 0); 1 when it is gone. */
static int rec_now(const RecordType *t, Req *r, const RecRef *k, RecVer *pv, Form *pStored, json_t **pRec){
  json_t *x = 0;
  Err e2;
  memset(pStored, 0, sizeof *pStored);
  if( rec_read(t, r, k, &x, &pv->v, &e2) ) return 1;
  t->xValues(r, x, pStored);
  pv->pStored = pStored;
  json_t *a = audit_latest(&r->ctx, 1, t->zEntity, rec_audit_id(t, k, x));
  pv->jWho = json_incref(json_array_get(a, 0));
  json_decref(a);
  if( pRec ) *pRec = x;
  else json_decref(x);
  return 0;
}

void rec_update(const RecordType *t, Req *r, Resp *p){
  Form f, in0, stored;
  Err e;
  RecRef k;
  if( rec_post(t, r, p, &f, &k, &e) ) return;
  int64_t want = -1;
  RecVer rv = {-1, 0, 0};
  YcStatus st = rec_form_version(&f, &want, &e);
  /* Values taken from the stored record: as it is now; should it have
  ** changed again since, the version check below refuses the submit. */
  if( !st && rec_form_takes(&f) && rec_now(t, r, &k, &rv, &stored, 0) )
    st = err_set(&e, YC_ENOTFOUND, "not_found", t->xGetKey ? "key" : "id", "no such record");
  json_decref(rv.jWho);
  rec_form_clean(r, &f, rv.pStored, &in0);
  json_t *in = 0, *out = 0;
  if( !st ) in = t->xInput(r, &in0, 1, &e, &st);
  if( !st ) st = rec_expect(t, r, &k, want, &e);
  if( !st ) st = rec_change(t, 0, r, &k, in, &out, &e);
  r->ctx.zIfEntity = 0;
  json_decref(in);
  json_decref(out);
  /* Not a field's error: the record is gone, or may not be changed. */
  if( st==YC_EFORBIDDEN || (st==YC_ENOTFOUND && strcmp(e.zField, t->xGetKey ? "key" : "id")==0) ){
    ui_error(r, p, &e);
    return;
  }
  if( rec_is_conflict(st, &e) ){
    /* Someone saved the record meanwhile: the form again with the values
    ** submitted, the stored ones beside those that differ, and the
    ** version now, so that the next submit saves. */
    RecVer now = {-1, 0, 0};
    if( rec_now(t, r, &k, &now, &stored, 0) ){
      err_set(&e, YC_ENOTFOUND, "not_found", t->xGetKey ? "key" : "id", "no such record");
      ui_error(r, p, &e);
      return;
    }
    p->status = 409;
    rec_form(t, r, p, k.zId, &in0, 0, &now);
    json_decref(now.jWho);
    return;
  }
  if( st ){
    p->status = err_http_status(st);
    rv.v = want;
    rv.pStored = 0;
    rec_form(t, r, p, k.zId, &in0, &e, &rv);
    return;
  }
  ui_redirect(p, arena_printf(&r->arena, "%s/%s?flash=saved", t->zBase, k.zId));
}

/* The question of a delete page with version v: what goes with the record
** (archived) and the box to tick for them, or a key type's plain question. */
static void rec_delete_question(const RecordType *t, Req *r, Resp *p, const RecRef *k, json_t *x, int64_t v){
  const char *zAsk = arena_printf(&r->arena, T(r, t->zAsk), t->xName(r, x));
  Err e;
  json_t *dep = 0;
  if( t->xGetKey || archive_dependants(&r->ctx, t->zEntity, k->id, &dep, &e) ){
    ui_confirm_delete(r, p, zAsk, t->zBase, k->zId, v);
  }else{
    ui_delete_archived(r, p, zAsk, t->zBase, k->zId, v, dep);
    json_decref(dep);
  }
}

void rec_delete_ask(const RecordType *t, Req *r, Resp *p){
  RecRef k;
  json_t *x = 0;
  int64_t v = -1;
  if( rec_open(t, r, p, 0, &k, &x, &v) ) return;
  ui_begin(r, p, T(r, t->zDeleteTitle), t->zNav);
  if( t->zCss ) ui_css(&p->body, t->zCss);
  if( t->xDeleteHead ) t->xDeleteHead(r, p, x, k.zId);
  rec_delete_question(t, r, p, &k, x, v);
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
  int64_t want = -1;
  YcStatus st = rec_form_version(&f, &want, &e);
  if( !st ) st = rec_expect(t, r, &k, want, &e);
  if( !st ) st = rec_remove(t, r, &k, &e);
  r->ctx.zIfEntity = 0;
  if( rec_is_conflict(st, &e) ){
    /* Changed since the page was shown: the record as it is now, and the
    ** question again with its version. */
    RecVer now = {-1, 0, 0};
    Form stored;
    json_t *x = 0;
    if( rec_now(t, r, &k, &now, &stored, &x) ){
      err_set(&e, YC_ENOTFOUND, "not_found", t->xGetKey ? "key" : "id", "no such record");
      ui_error(r, p, &e);
      return;
    }
    p->status = 409;
    ui_begin(r, p, T(r, t->zDeleteTitle), t->zNav);
    Buf *b = &p->body;
    if( t->zCss ) ui_css(b, t->zCss);
    rec_changed_notice(r, b, now.jWho, "ver.delete_again");
    rec_delete_question(t, r, p, &k, x, now.v);
    hp(b, "<section class=\"record-now\"><h2>%s</h2>\n", T(r, "ver.record_now"));
    hp(b, "<h3>%s</h3>\n", t->xName(r, x));
    t->xPage(r, p, x, k.id);
    hp(b, "</section>\n");
    json_decref(x);
    json_decref(now.jWho);
    ui_end(r, p);
    return;
  }
  if( st ){ ui_error(r, p, &e); return; }
  ui_redirect(p, arena_printf(&r->arena, "%s?flash=deleted", t->zBase));
}

/* The record types with a history, by their API (profiles and offers are
** in the history of their tie and organisation). */
static const RecordType *const aHistType[] = {&recPartner, &recOrg, &recExchange, &recProject, &recOpportunity,
  &recList, &recPerson, &recDelegation, &recEvent, &recSeries, &recInvitation, &recNews};

const RecordType *rec_type_of_api(const char *zSeg){
  for(size_t i=0; zSeg && i<sizeof aHistType/sizeof aHistType[0]; i++){
    const char *z = aHistType[i]->zApi + strlen("/api/v1/");
    if( strcmp(z, zSeg)==0 ) return aHistType[i];
  }
  return 0;
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
