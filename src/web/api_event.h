/* api_event.h: the JSON API handlers of events, invitations, series and networks, and participation (api_event.c). */
#ifndef YC_API_EVENT_H
#define YC_API_EVENT_H
#include "web/http.h"

void api_event_list(Req*, Resp*);
void api_event_create(Req*, Resp*);
void api_event_get(Req*, Resp*);
void api_event_update(Req*, Resp*);
void api_event_delete(Req*, Resp*);
void api_invitation_list(Req*, Resp*);
void api_invitation_create(Req*, Resp*);
void api_invitation_get(Req*, Resp*);
void api_invitation_update(Req*, Resp*);
void api_invitation_delete(Req*, Resp*);
void api_series_list(Req*, Resp*);
void api_series_create(Req*, Resp*);
void api_series_get(Req*, Resp*);
void api_series_update(Req*, Resp*);
void api_series_delete(Req*, Resp*);
void api_series_members(Req*, Resp*);
void api_series_member_add(Req*, Resp*);
void api_series_member_remove(Req*, Resp*);
void api_participation(Req*, Resp*);
void api_layout_unnetworked(Req*, Resp*);

#endif
