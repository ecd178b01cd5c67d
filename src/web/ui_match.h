/*
** ui_match.h: the pages of the industry database, the opportunity
** marketplace and matchmaking (ui_match.c, ui_opportunity.c,
** ui_profile.c), and the sections they add to the partner and
** organisation pages.
*/
#ifndef YC_UI_MATCH_H
#define YC_UI_MATCH_H
#include <stdint.h>
#include <jansson.h>
#include "web/http.h"

/* The "industry profile" section of partner id's page: industries,
** resources, advantages and needs with sources and review dates, and the
** best counterparts. Called from ui_partner_page. */
void ui_partner_profile(Req *r, Resp *p, int64_t id);
/* The "offers and needs" section of organisation id's page, with its
** best counterparts. Called from ui_org_page. */
void ui_org_offers(Req *r, Resp *p, int64_t id);

/* The ranked results of match_run (its JSON) as a list with each result's
** score and a short explanation of its reasons, in the page language. */
void ui_match_results(Req *r, Buf *b, json_t *out, int bShowQuery);

/* Name of an industry code in the page language, "28 机械…" */
const char *ui_industry_name(Req *r, const char *zCode);

/* Pages. */
void ui_match_page(Req*, Resp*);
void ui_search_page(Req*, Resp*);
void ui_opp_list(Req*, Resp*);
void ui_opp_page(Req*, Resp*);
void ui_opp_new(Req*, Resp*);
void ui_opp_create(Req*, Resp*);
void ui_opp_edit(Req*, Resp*);
void ui_opp_update(Req*, Resp*);
void ui_opp_delete_ask(Req*, Resp*);
void ui_opp_delete(Req*, Resp*);
void ui_interest_create(Req*, Resp*);
void ui_interest_status(Req*, Resp*);
void ui_interest_list(Req*, Resp*);
void ui_profile_edit(Req*, Resp*);
void ui_profile_save(Req*, Resp*);
void ui_offers_edit(Req*, Resp*);
void ui_offers_save(Req*, Resp*);

#endif
