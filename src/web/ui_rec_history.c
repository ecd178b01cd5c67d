/*
** ui_rec_history.c: the history pages of the record types with a page and
** their revert, one line each: the generic handlers rec_history and
** rec_revert of the record kit (record.c) with the type's descriptor.
*/
#include "web/route.h"
#include "web/record.h"

/* The history pages of the record types with a page: one line each. */
/* WEBPAGE: GET /partners/{id}/history */
void ui_partner_history(Req *r, Resp *p){ rec_history(&recPartner, r, p); }
/* WEBPAGE: POST /partners/{id}/revert */
void ui_partner_revert(Req *r, Resp *p){ rec_revert(&recPartner, r, p); }
/* WEBPAGE: GET /orgs/{id}/history */
void ui_org_history(Req *r, Resp *p){ rec_history(&recOrg, r, p); }
/* WEBPAGE: POST /orgs/{id}/revert */
void ui_org_revert(Req *r, Resp *p){ rec_revert(&recOrg, r, p); }
/* WEBPAGE: GET /exchanges/{id}/history */
void ui_exchange_history(Req *r, Resp *p){ rec_history(&recExchange, r, p); }
/* WEBPAGE: POST /exchanges/{id}/revert */
void ui_exchange_revert(Req *r, Resp *p){ rec_revert(&recExchange, r, p); }
/* WEBPAGE: GET /projects/{id}/history */
void ui_project_history(Req *r, Resp *p){ rec_history(&recProject, r, p); }
/* WEBPAGE: POST /projects/{id}/revert */
void ui_project_revert(Req *r, Resp *p){ rec_revert(&recProject, r, p); }
/* WEBPAGE: GET /opportunities/{id}/history */
void ui_opportunity_history(Req *r, Resp *p){ rec_history(&recOpportunity, r, p); }
/* WEBPAGE: POST /opportunities/{id}/revert */
void ui_opportunity_revert(Req *r, Resp *p){ rec_revert(&recOpportunity, r, p); }
/* WEBPAGE: GET /people/{id}/history */
void ui_person_history(Req *r, Resp *p){ rec_history(&recPerson, r, p); }
/* WEBPAGE: POST /people/{id}/revert */
void ui_person_revert(Req *r, Resp *p){ rec_revert(&recPerson, r, p); }
/* WEBPAGE: GET /delegations/{id}/history */
void ui_delegation_history(Req *r, Resp *p){ rec_history(&recDelegation, r, p); }
/* WEBPAGE: POST /delegations/{id}/revert */
void ui_delegation_revert(Req *r, Resp *p){ rec_revert(&recDelegation, r, p); }
/* WEBPAGE: GET /events/{id}/history */
void ui_event_history(Req *r, Resp *p){ rec_history(&recEvent, r, p); }
/* WEBPAGE: POST /events/{id}/revert */
void ui_event_revert(Req *r, Resp *p){ rec_revert(&recEvent, r, p); }
/* WEBPAGE: GET /series/{id}/history */
void ui_series_history(Req *r, Resp *p){ rec_history(&recSeries, r, p); }
/* WEBPAGE: POST /series/{id}/revert */
void ui_series_revert(Req *r, Resp *p){ rec_revert(&recSeries, r, p); }
/* WEBPAGE: GET /lists/{key}/history */
void ui_list_history(Req *r, Resp *p){ rec_history(&recList, r, p); }
/* WEBPAGE: POST /lists/{key}/revert */
void ui_list_revert(Req *r, Resp *p){ rec_revert(&recList, r, p); }
