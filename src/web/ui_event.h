/*
** ui_event.h: the pages of events, invitations, series and networks and
** the participation matrix (ui_event.c), and the sections they add to the
** partner page and the layout page.
*/
#ifndef YC_UI_EVENT_H
#define YC_UI_EVENT_H
#include "web/ui.h"

void ui_event_list(Req*, Resp*);
void ui_event_page(Req*, Resp*);
void ui_event_new(Req*, Resp*);
void ui_event_create(Req*, Resp*);
void ui_event_edit(Req*, Resp*);
void ui_event_update(Req*, Resp*);
void ui_event_delete_ask(Req*, Resp*);
void ui_event_delete(Req*, Resp*);
void ui_invitation_create(Req*, Resp*);
void ui_invitation_status(Req*, Resp*);
void ui_invitation_delete(Req*, Resp*);
void ui_series_list(Req*, Resp*);
void ui_series_page(Req*, Resp*);
void ui_series_new(Req*, Resp*);
void ui_series_create(Req*, Resp*);
void ui_series_edit(Req*, Resp*);
void ui_series_update(Req*, Resp*);
void ui_series_delete_ask(Req*, Resp*);
void ui_series_delete(Req*, Resp*);
void ui_series_member_add(Req*, Resp*);
void ui_series_member_remove(Req*, Resp*);
void ui_participation(Req*, Resp*);

/* The partner page's section on tie tieId (partner city cityId): the
** events it was invited to, with its status, and its networks. */
void ui_partner_events(Req *r, Resp *p, int64_t tieId, int64_t cityId);
/* The layout page's section: the partners in no network. */
void ui_layout_unnetworked(Req *r, Buf *b);

#endif
