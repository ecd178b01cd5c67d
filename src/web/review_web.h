/*
** review_web.h: review before publishing on the web (api_review.c): the
** JSON API, the page /review and the review box of a record's page.
*/
#ifndef YC_REVIEW_WEB_H
#define YC_REVIEW_WEB_H
#include <jansson.h>
#include "web/route.h"
#include "web/ui.h"

void api_opp_review(Req*, Resp*);
void api_org_review(Req*, Resp*);
void api_offers_review(Req*, Resp*);
void api_review_list(Req*, Resp*);
void ui_review_queue(Req*, Resp*);
void ui_review_post(Req*, Resp*);
/* On a record's page (signed-in callers): its review state, the reason of
** a return, and the steps the caller may take. iKind: REVIEW_OPP, ... */
void ui_review_box(Req *r, Resp *p, int iKind, int64_t id, const json_t *rec);
/* On a new record's form: where it starts (published, draft or
** submitted for editors and admins; draft or submitted for others), and
** that choice into the core input (a new record only). */
void ui_review_field(UiForm *fm, const Form *v, const char *zId);
void ui_review_input(const Form *f, int bUpdate, json_t *in);

#endif
