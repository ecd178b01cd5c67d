/*
** api_match.h: the JSON API handlers of the industry database, the
** opportunities and matching (api_match.c); routes in routes.c.
*/
#ifndef YC_API_MATCH_H
#define YC_API_MATCH_H
#include "web/http.h"

void api_opp_list(Req*, Resp*);
void api_opp_create(Req*, Resp*);
void api_opp_get(Req*, Resp*);
void api_opp_update(Req*, Resp*);
void api_opp_delete(Req*, Resp*);
void api_opp_matches(Req*, Resp*);
void api_opp_interests(Req*, Resp*);
void api_opp_interest_create(Req*, Resp*);
void api_interest_list(Req*, Resp*);
void api_interest_update(Req*, Resp*);
void api_match(Req*, Resp*);
void api_match_post(Req*, Resp*);
void api_match_industries(Req*, Resp*);
void api_search(Req*, Resp*);
void api_profile_get(Req*, Resp*);
void api_profile_put(Req*, Resp*);
void api_profile_patch(Req*, Resp*);
void api_partner_matches(Req*, Resp*);
void api_offers_get(Req*, Resp*);
void api_offers_put(Req*, Resp*);
void api_offers_patch(Req*, Resp*);
void api_org_matches(Req*, Resp*);
void api_import_profiles(Req*, Resp*);
void api_import_opportunities(Req*, Resp*);

#endif
