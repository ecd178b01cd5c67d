/*
** api_history.c: the JSON API of the history: a record's history and its
** revert, for every record type with one (one handler each, the type named
** by the path: /api/v1/TYPE/ID/history), and the global audit log. The
** trail holds personal data: every answer needs credentials (401 without).
*/
#include <string.h>
#include "web/route.h"
#include "web/api_params.h"
#include "web/record.h"
#include "core/history.h"
#include "base/json.h"

/* The record type named by path argument 0 and the record's audit id (path
** argument 1: an id, or the key of a list that exists). */
static YcStatus history_target(Req *r, const RecordType **pt, int64_t *pId, Err *e){
  const RecordType *t = rec_type_of_api(r->nArg>0 ? r->azArg[0] : 0);
  if( !t ) return err_set(e, YC_ENOTFOUND, "not_found", 0, "no record type %s with a history", r->nArg>0 ? r->azArg[0] : "");
  *pt = t;
  /* A deleted record keeps its history (its revert is refused: restore). */
  if( !t->xGetKey ) return http_arg_id(r, 1, pId, e);
  json_t *x = 0;
  YcStatus st = t->xGetKey(&r->ctx, r->nArg>1 ? r->azArg[1] : "", &x, e);
  if( !st ) *pId = jint(x, "id");
  json_decref(x);
  return st;
}

const char *const azHistoryParam[] = {"limit", "cursor", 0};
/* API: GET /api/v1/{type}/{id}/history (limit, cursor) */
void api_history(Req *r, Resp *p){
  Err e;
  const RecordType *t = 0;
  int64_t id = 0;
  json_t *j = 0;
  const char *az[2];
  YcStatus st = rec_api_auth(REC_AUTH_REQUIRED, r, &e);
  if( !st ) st = http_query(r, azHistoryParam, az, &e);
  if( !st ) st = history_target(r, &t, &id, &e);
  if( !st ) st = history_of(&r->ctx, t->zEntity, id, az[0], az[1], 0, &j, &e);
  http_reply(p, st, &e, 200, j);
}

/* API: POST /api/v1/{type}/{id}/revert */
void api_revert(Req *r, Resp *p){
  Err e;
  const RecordType *t = 0;
  int64_t id = 0;
  json_t *in = 0, *j = 0;
  YcStatus st = http_check_params(r, 0, &e);
  if( !st ) st = history_target(r, &t, &id, &e);
  if( !st ) st = http_body_json(r, &in, &e);
  if( !st ) st = history_revert(&r->ctx, t->zEntity, id, in, &j, &e);
  json_decref(in);
  http_reply(p, st, &e, 200, j);
}

/* API: GET /api/v1/audit (user, type, action, from, to, limit, cursor) */
void api_audit(Req *r, Resp *p){
  Err e;
  AuditQuery q;
  memset(&q, 0, sizeof q);
  json_t *j = 0;
  YcStatus st = rec_api_auth(REC_AUTH_REQUIRED, r, &e);
  if( !st ) st = http_query(r, azAuditParam, q.az, &e);
  if( !st ) st = audit_query(&r->ctx, &q, &j, &e);
  http_reply(p, st, &e, 200, j);
}
