/*
** api_review.c: review before publishing (issue 12, item 3): the JSON
** API (a step on an opportunity, an organisation or its offers; the
** queue), the page /review and the review box of a record's page. Every
** rule (who, which step from which state) is in core/review.c.
*/
#include <stdio.h>
#include <string.h>
#include "web/review_web.h"
#include "web/ui.h"
#include "web/record.h"
#include "core/review.h"
#include "core/input.h"
#include "base/json.h"

static YcStatus opp_step(Ctx *c, int64_t id, json_t *in, json_t **ppOut, Err *e){
  return review_act(c, REVIEW_OPP, id, in, ppOut, e);
}
static YcStatus org_step(Ctx *c, int64_t id, json_t *in, json_t **ppOut, Err *e){
  return review_act(c, REVIEW_ORG, id, in, ppOut, e);
}
static YcStatus offers_step(Ctx *c, int64_t id, json_t *in, json_t **ppOut, Err *e){
  return review_act(c, REVIEW_OFFERS, id, in, ppOut, e);
}

/* API: POST /api/v1/opportunities/{id}/review {"action": "submit|publish|return", "reason"} */
void api_opp_review(Req *r, Resp *p){ rec_api_on_id_body(r, p, opp_step, 200, 0); }
/* API: POST /api/v1/orgs/{id}/review {"action": "submit|publish|return", "reason"} */
void api_org_review(Req *r, Resp *p){ rec_api_on_id_body(r, p, org_step, 200, 0); }
/* API: POST /api/v1/orgs/{id}/offers/review {"action": "submit|publish|return", "reason"} */
void api_offers_review(Req *r, Resp *p){ rec_api_on_id_body(r, p, offers_step, 200, 0); }

/* API: GET /api/v1/review?state=&mine=&limit=&cursor= (signed-in users) */
void api_review_list(Req *r, Resp *p){
  Err e;
  json_t *j = 0;
  ReviewQuery q;
  memset(&q, 0, sizeof q);
  YcStatus st = http_query(r, azReviewParam, q.az, &e);
  if( !st ) st = http_auth(r, 0, &e);
  if( !st ) st = review_list(&r->ctx, &q, &j, &e);
  http_reply(p, st, &e, 200, j);
}

/* --- pages ---------------------------------------------------------------- */

static int is_reviewer(Req *r){
  return r->ctx.zRole && (strcmp(r->ctx.zRole, "admin")==0 || strcmp(r->ctx.zRole, "editor")==0);
}

/* "YYYY-MM-DDTHH:MM:SSZ" as "YYYY-MM-DD HH:MM UTC". */
static const char *stamp(Req *r, const char *z){
  if( !z || strlen(z)<16 ) return z ? z : "";
  return arena_printf(&r->arena, "%.10s %.5s UTC", z, z + 11);
}

/* One step's button (and, to return, the reason). zFrom: where to go back. */
static void step_form(Req *r, Resp *p, const char *zKind, int64_t id, const char *zAction, const char *zFrom){
  Buf *b = &p->body;
  int bReturn = strcmp(zAction, "return")==0;
  hp(b, "<form method=\"post\" action=\"/review/%u/%D\" class=\"%s\">", zKind, id, bReturn ? "review-return" : "inline");
  ui_csrf_field(r, p);
  hp(b, "<input type=\"hidden\" name=\"action\" value=\"%s\"><input type=\"hidden\" name=\"from\" value=\"%s\">", zAction, zFrom);
  if( bReturn ){
    char zId[48];
    snprintf(zId, sizeof zId, "reason-%s-%lld", zKind, (long long)id);
    hp(b, "<label for=\"%s\">%s</label><textarea id=\"%s\" name=\"reason\" rows=\"2\" maxlength=\"1000\" required></textarea>",
       zId, T(r, "review.reason"), zId);
  }
  char zKey[40];
  snprintf(zKey, sizeof zKey, "review.do.%s", zAction);
  hp(b, "<button type=\"submit\" class=\"%s\">%s</button></form>", bReturn ? "danger" : "", T(r, zKey));
}

/* The steps the caller may take on a record in state zState. */
static void step_forms(Req *r, Resp *p, const char *zKind, int64_t id, const char *zState, const char *zFrom){
  if( !r->ctx.zRole || strcmp(r->ctx.zRole, "viewer")==0 ) return;
  if( strcmp(zState, "draft")==0 || strcmp(zState, "returned")==0 ) step_form(r, p, zKind, id, "submit", zFrom);
  if( strcmp(zState, "submitted")==0 && is_reviewer(r) ){
    step_form(r, p, zKind, id, "publish", zFrom);
    step_form(r, p, zKind, id, "return", zFrom);
  }
}

void ui_review_box(Req *r, Resp *p, int iKind, int64_t id, const json_t *rec){
  const char *zState = jstr(rec, "review");
  if( !ctx_signed_in(&r->ctx) || !zState ) return;
  Buf *b = &p->body;
  int bPub = strcmp(zState, "published")==0;
  ui_css(b, "review");
  hp(b, "<div class=\"review-box review-%s\" id=\"review-%s\"><p><strong>%s</strong> ", zState, azReviewKind[iKind],
     T(r, "review.state"));
  ui_badge(r, b, "review", zState, "review-");
  if( jstr(rec, "review_by") ){
    hp(b, " <span class=\"muted\">%s · %s</span>", jstr0(rec, "review_by"), stamp(r, jstr(rec, "review_at")));
  }
  hp(b, "</p>\n");
  if( strcmp(zState, "returned")==0 && jstr(rec, "review_note") )
    hp(b, "<p class=\"review-note\"><strong>%s</strong> <span class=\"pre\">%s</span></p>\n", T(r, "review.reason_was"), jstr0(rec, "review_note"));
  if( !bPub ) hp(b, "<p class=\"hint\">%s</p>\n", T(r, "review.not_public"));
  step_forms(r, p, azReviewKind[iKind], id, zState, "record");
  hp(b, "</div>\n");
}

void ui_review_field(UiForm *fm, const Form *v, const char *zId){
  static const char *const azEditor[] = {"published", "draft", "submitted", 0};
  static const char *const azOther[] = {"draft", "submitted", 0};
  if( zId ) return;                               /* a new record only */
  Req *r = fm->r;
  int bRev = is_reviewer(r);
  const char *zCur = form_get(v, "review");
  ui_field(fm, &(UiField){.zName = "review", .zLabel = T(r, "review.start"), .eType = UI_SELECT, .zPrefix = "review",
    .azEnum = bRev ? azEditor : azOther, .zValue = zCur ? zCur : bRev ? "published" : "draft", .zHint = T(r, "review.start_hint")});
}

void ui_review_input(const Form *f, int bUpdate, json_t *in){
  const char *z = form_get(f, "review");
  if( !bUpdate && z ) json_object_set_new(in, "review", json_string(z));
}

static const char *record_url(Req *r, const char *zKind, long long id){
  if( strcmp(zKind, "opportunity")==0 ) return arena_printf(&r->arena, "/opportunities/%lld", id);
  if( strcmp(zKind, "offers")==0 ) return arena_printf(&r->arena, "/orgs/%lld#offers", id);
  return arena_printf(&r->arena, "/orgs/%lld", id);
}

/* WEBPAGE: GET /review (editors: the queue; others: their own records) */
void ui_review_queue(Req *r, Resp *p){
  static const char *const azParam[] = {"state", "mine", "cursor", "flash", "lang", 0};
  ui_prepare(r, p);
  if( ui_need_login(r, p) ) return;
  Err e;
  json_t *out = 0;
  ReviewQuery q;
  memset(&q, 0, sizeof q);
  q.zState = ui_param(r, "state");
  q.zMine = ui_param(r, "mine");
  q.zCursor = ui_param(r, "cursor");
  q.bPrev = 1;
  YcStatus st = http_check_params(r, azParam, &e);
  if( !st ) st = review_list(&r->ctx, &q, &out, &e);
  if( st ){ ui_error(r, p, &e); return; }
  ui_begin(r, p, T(r, "review.title"), 0);
  Buf *b = &p->body;
  ui_css(b, "exchange");
  ui_css(b, "review");
  int bRev = is_reviewer(r);
  hp(b, "<h1>%s</h1>\n", T(r, "review.title"));
  ui_flash(r, b);
  hp(b, "<p class=\"note\">%s</p>\n", bRev ? T(r, "review.intro_editor") : T(r, "review.intro_member"));
  /* The states as filters. */
  static const char *const azFilter[] = {"submitted", "draft", "returned", "published", "all", 0};
  const char *zCur = q.zState ? q.zState : bRev ? "submitted" : "all";
  hp(b, "<nav class=\"review-filter\" aria-label=\"%s\">", T(r, "review.filter"));
  for(int i=0; azFilter[i]; i++){
    char zKey[40];
    snprintf(zKey, sizeof zKey, "review.%s", azFilter[i]);
    if( strcmp(zCur, azFilter[i])==0 ) hp(b, "<strong aria-current=\"page\">%s</strong> ", T(r, zKey));
    else hp(b, "<a href=\"/review?state=%u\">%s</a> ", azFilter[i], T(r, zKey));
  }
  hp(b, "</nav>\n");
  json_t *items = json_object_get(out, "items"), *x;
  size_t i;
  if( json_array_size(items)==0 ){
    hp(b, "<p class=\"empty\">%s</p>\n", T(r, "review.none"));
  }else{
    hp(b, "<div class=\"table-wrap\"><table class=\"list stack\" id=\"review-queue\">\n<thead><tr><th scope=\"col\">%s</th>"
          "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
       T(r, "review.kind"), T(r, "review.record"), T(r, "review.state"), T(r, "review.reason"), T(r, "review.actions"));
    json_array_foreach(items, i, x){
      const char *zKind = jstr0(x, "kind");
      long long id = jint(x, "id");
      char zKey[40];
      snprintf(zKey, sizeof zKey, "review.kind.%s", zKind);
      hp(b, "<tr id=\"review-%s-%D\"><td data-label=\"%s\">%s</td>", zKind, (int64_t)id, T(r, "review.kind"), T(r, zKey));
      const char *zName = ui_pick(r, x, "name_en", "name_zh");
      hp(b, "<td data-label=\"%s\"><a href=\"%s\">%s</a></td>", T(r, "review.record"), record_url(r, zKind, id),
         *zName ? zName : arena_printf(&r->arena, "#%lld", id));
      hp(b, "<td data-label=\"%s\">", T(r, "review.state"));
      ui_badge(r, b, "review", jstr0(x, "review"), "review-");
      if( jstr(x, "review_by") ) hp(b, "<br><span class=\"muted\">%s · %s</span>", jstr0(x, "review_by"), stamp(r, jstr(x, "review_at")));
      hp(b, "</td><td data-label=\"%s\" class=\"pre\">%s</td><td data-label=\"%s\">", T(r, "review.reason"),
         jstr0(x, "review_note"), T(r, "review.actions"));
      step_forms(r, p, zKind, (int64_t)id, jstr0(x, "review"), "queue");
      hp(b, "</td></tr>\n");
    }
    hp(b, "</tbody></table></div>\n");
  }
  ui_pager(r, b, out);
  json_decref(out);
  ui_end(r, p);
}

/* WEBPAGE: POST /review/{kind}/{id} (action, reason, from) */
void ui_review_post(Req *r, Resp *p){
  Form f;
  Err e;
  if( ui_post(r, p, &f, 0, &e) ) return;
  int64_t id = 0;
  const char *zKind = r->nArg>0 ? r->azArg[0] : "";
  int iKind = in_enum_index(azReviewKind, zKind);
  YcStatus st = iKind<0 ? err_set(&e, YC_ENOTFOUND, "not_found", "kind", "kind must be opportunity, org or offers")
                        : http_arg_id(r, 1, &id, &e);
  json_t *in = json_object(), *out = 0;
  if( form_get(&f, "action") ) json_object_set_new(in, "action", json_string(form_get(&f, "action")));
  if( form_get(&f, "reason") ) json_object_set_new(in, "reason", json_string(form_get(&f, "reason")));
  if( !st ) st = review_act(&r->ctx, iKind, id, in, &out, &e);
  json_decref(in);
  json_decref(out);
  if( st ){ ui_error(r, p, &e); return; }
  const char *zFrom = form_get(&f, "from");
  if( zFrom && strcmp(zFrom, "queue")==0 ) ui_redirect(p, "/review?flash=review_done");
  else ui_redirect(p, record_url(r, zKind, (long long)id));
}
