/*
** layout_web.h: the handlers of layout analysis, country lists, the world
** twin-city network and candidate cities (api_layout.c, ui_layout.c,
** ui_twins.c), listed in routes.c.
*/
#ifndef YC_LAYOUT_WEB_H
#define YC_LAYOUT_WEB_H
#include "web/route.h"

void api_layout(Req*, Resp*);
void api_layout_candidates(Req*, Resp*);
void api_lists(Req*, Resp*);
void api_list_create(Req*, Resp*);
void api_list_get(Req*, Resp*);
void api_list_update(Req*, Resp*);
void api_list_delete(Req*, Resp*);
void api_import_twins(Req*, Resp*);
void api_twins(Req*, Resp*);
void api_twins_review(Req*, Resp*);
void api_twins_fixes(Req*, Resp*);
void api_twins_fix(Req*, Resp*);
void api_network_city(Req*, Resp*);
void api_network_country(Req*, Resp*);

void ui_layout(Req*, Resp*);
void ui_layout_gaps_csv(Req*, Resp*);
void ui_candidates(Req*, Resp*);
void ui_candidate_propose(Req*, Resp*);
void ui_lists(Req*, Resp*);
void ui_list_new(Req*, Resp*);
void ui_list_create(Req*, Resp*);
void ui_list_page(Req*, Resp*);
void ui_list_edit(Req*, Resp*);
void ui_list_update(Req*, Resp*);
void ui_list_delete_ask(Req*, Resp*);
void ui_list_expand(Req*, Resp*);
void ui_list_delete(Req*, Resp*);
void ui_twins(Req*, Resp*);
void ui_twins_import(Req*, Resp*);
void ui_twins_unresolved(Req*, Resp*);
void ui_twins_review(Req*, Resp*);
void ui_twins_fix(Req*, Resp*);
void ui_network(Req*, Resp*);
void ui_network_country(Req*, Resp*);
void ui_network_city(Req*, Resp*);
void ui_network_city_name(Req*, Resp*);

/* Shared by the layout pages (ui_layout.c). */
void layout_tabs(Req *r, Resp *p, const char *zCur);

#endif
