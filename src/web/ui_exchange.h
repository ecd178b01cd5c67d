/*
** ui_exchange.h: the pages of exchanges (ui_exchange.c), projects
** (ui_project.c), relationship health (ui_health.c) and the calendar
** (ui_calendar.c), the section they add to the partner page, and the
** health badges those files share (uix_*, in ui_exchange.c).
*/
#ifndef YC_UI_EXCHANGE_H
#define YC_UI_EXCHANGE_H
#include <jansson.h>
#include "web/ui.h"

void ui_exchange_list(Req*, Resp*);
void ui_exchange_page(Req*, Resp*);
void ui_exchange_new(Req*, Resp*);
void ui_exchange_create(Req*, Resp*);
void ui_exchange_edit(Req*, Resp*);
void ui_exchange_update(Req*, Resp*);
void ui_exchange_delete_ask(Req*, Resp*);
void ui_exchange_delete(Req*, Resp*);
void ui_project_board(Req*, Resp*);
void ui_project_page(Req*, Resp*);
void ui_project_new(Req*, Resp*);
void ui_project_create(Req*, Resp*);
void ui_project_edit(Req*, Resp*);
void ui_project_update(Req*, Resp*);
void ui_project_delete_ask(Req*, Resp*);
void ui_project_delete(Req*, Resp*);
void ui_health_page(Req*, Resp*);
void ui_health_thresholds_post(Req*, Resp*);
void ui_calendar_page(Req*, Resp*);
void ui_calendar_ics(Req*, Resp*);

/* The partner page's section on tie id: its health with the factors, and a
** timeline of its exchanges and projects. */
void ui_partner_extras(Req *r, Resp *p, int64_t id);

/* The health badges and figures, shared by the health page and the
** partner page's section (in ui_exchange.c). */
/* Score as a number and a bar (coloured by level when zLevel is given). */
void uix_score(Req *r, Buf *b, int score);
void uix_score_level(Req *r, Buf *b, int score, const char *zLevel, int bBig);
/* One health flag's reason in the page language. */
void uix_reason(Req *r, Buf *b, json_t *reason);

#endif
