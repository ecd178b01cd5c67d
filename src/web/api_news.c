/*
** api_news.c: JSON API of news and documents: the list, the record (the
** record kit, recNews in ui_news.c), its links, its attachments (uploaded
** as the raw request body with ?filename=NAME; served with their stored
** type as attachments that never run) and the mention finder. Answers
** depend on who asks (drafts), so none is cached.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "web/route.h"
#include "web/news_web.h"
#include "web/record.h"
#include "core/news.h"
#include "core/mention.h"
#include "core/input.h"
#include "web/api_params.h"

/*
** API: GET /api/v1/news
** Filters q, kind, lang, status, tie, org, event, year, unit; sort, limit, cursor.
*/
void api_news_list(Req *r, Resp *p){
  Err e = {0};
  json_t *j = 0;
  NewsQuery q = {0};
  YcStatus st = rec_api_auth(REC_AUTH_CHECKED, r, &e);
  if( !st ) st = http_query(r, azNewsParam, q.az, &e);
  if( !st ) st = news_list(&r->ctx, &q, &j, &e);
  http_reply(p, st, &e, 200, j);
}

/* API: POST /api/v1/news */
void api_news_create(Req *r, Resp *p){ rec_api_create(&recNews, r, p); }
/* API: GET /api/v1/news/{id} */
void api_news_get(Req *r, Resp *p){ rec_api_get(&recNews, r, p); }
/* API: PATCH /api/v1/news/{id} */
void api_news_update(Req *r, Resp *p){ rec_api_update(&recNews, r, p); }
/* API: DELETE /api/v1/news/{id} */
void api_news_delete(Req *r, Resp *p){ rec_api_delete(&recNews, r, p); }

/* API: PUT /api/v1/news/{id}/links (body {"links":[{"type","id","state"}]}) */
void api_news_links(Req *r, Resp *p){ rec_api_on_id_body(r, p, news_links_set, 200, 0); }

const char *const azNewsAttachParam[] = {"filename", 0};
/*
** API: POST /api/v1/news/{id}/attachments?filename=NAME
** The body is the file's bytes (any Content-Type; the type is found from the content).
*/
void api_news_attach(Req *r, Resp *p){
  Err e = {0};
  int64_t id = 0;
  json_t *j = 0;
  YcStatus st = http_check_params(r, azNewsAttachParam, &e);
  if( !st ) st = http_arg_id(r, 0, &id, &e);
  const char *zName = http_param(r, "filename");
  if( !st && (!zName || !*zName) ) st = err_set(&e, YC_EINVALID, "required", "filename", "give the file's name: ?filename=NAME.EXT");
  if( !st ) st = news_attach(&r->ctx, id, zName, r->body.z, r->body.n, &j, &e);
  if( !st ){
    char zLoc[120];
    snprintf(zLoc, sizeof zLoc, "/api/v1/news/%lld/attachments/%lld", (long long)id, jint(j, "id"));
    http_add_header(p, "Location", zLoc);
  }
  http_reply(p, st, &e, 201, j);
}

/* The bytes of an attachment with headers that keep a browser from running
** it: the stored type, nosniff (the server adds it to every answer), a
** download (Content-Disposition: attachment) and a sandbox CSP. */
void news_send_attachment(Req *r, Resp *p, int64_t id, int64_t aid){
  Err e = {0};
  json_t *j = 0;
  void *pData = 0;
  size_t n = 0;
  YcStatus st = news_attachment(&r->ctx, id, aid, &j, &pData, &n, &e);
  if( st ){ http_error(p, &e); return; }
  p->status = 200;
  p->zType = arena_strdup(&r->arena, jstr0(j, "mime"));
  buf_reset(&p->body);
  buf_append(&p->body, pData, n);
  free(pData);
  /* filename: ASCII with anything else as "_"; filename*: the name in UTF-8 (RFC 6266). */
  const char *zName = jstr0(j, "filename");
  Buf h = BUF_INIT;
  buf_puts(&h, "attachment; filename=\"");
  for(const char *q = zName; *q; q++){
    unsigned char c = (unsigned char)*q;
    buf_putc(&h, c<0x20 || c>=0x7f || c=='"' || c=='\\' || c==';' ? '_' : (char)c);
  }
  buf_puts(&h, "\"; filename*=UTF-8''");
  for(const char *q = zName; *q; q++){
    unsigned char c = (unsigned char)*q;
    if( (c>='a' && c<='z') || (c>='A' && c<='Z') || (c>='0' && c<='9') || strchr("-._~", c) ) buf_putc(&h, (char)c);
    else buf_printf(&h, "%%%02X", c);
  }
  http_add_header(p, "Content-Disposition", buf_str(&h));
  buf_free(&h);
  http_add_header(p, "Content-Security-Policy", "sandbox; default-src 'none'");
  http_add_header(p, "Cache-Control", "private, no-cache");
  json_decref(j);
}

/* API: GET /api/v1/news/{id}/attachments/{attachment_id} (the file) */
void api_news_attachment(Req *r, Resp *p){
  Err e = {0};
  int64_t id = 0, aid = 0;
  YcStatus st = http_check_params(r, 0, &e);
  if( !st ) st = rec_api_auth(REC_AUTH_CHECKED, r, &e);
  if( !st ) st = http_arg_id(r, 0, &id, &e);
  if( !st ) st = http_arg_id(r, 1, &aid, &e);
  if( st ){ http_error(p, &e); return; }
  news_send_attachment(r, p, id, aid);
}

/* API: DELETE /api/v1/news/{id}/attachments/{attachment_id} */
void api_news_detach(Req *r, Resp *p){
  Err e = {0};
  int64_t id = 0, aid = 0;
  YcStatus st = http_check_params(r, 0, &e);
  if( !st ) st = http_arg_id(r, 0, &id, &e);
  if( !st ) st = http_arg_id(r, 1, &aid, &e);
  if( !st ) st = news_detach(&r->ctx, id, aid, &e);
  http_reply(p, st, &e, 200, st ? 0 : json_pack("{s:I, s:b}", "id", (json_int_t)aid, "deleted", 1));
}

/*
** API: POST /api/v1/mentions
** Body {"text": "..."}: the records the text mentions (core/mention.h).
*/
void api_news_mentions(Req *r, Resp *p){
  static const char *const azField[] = {"text", 0};
  Err e = {0};
  json_t *in = 0, *j = 0;
  YcStatus st = http_check_params(r, 0, &e);
  if( !st ) st = rec_api_auth(REC_AUTH_CHECKED, r, &e);
  if( !st ) st = http_body_json(r, &in, &e);
  if( !st ) st = in_known_fields(in, azField, &e);
  json_t *t = json_object_get(in, "text");
  if( !st && !json_is_string(t) ) st = err_set(&e, YC_EINVALID, "required", "text", "text must be a string");
  if( !st && json_string_length(t)>200000 ) st = err_set(&e, YC_EINVALID, "too_long", "text", "text is too long (at most 200,000 bytes)");
  if( !st ) st = mention_find(&r->ctx, json_string_value(t), &j, &e);
  json_decref(in);
  http_reply(p, st, &e, 200, j);
}
