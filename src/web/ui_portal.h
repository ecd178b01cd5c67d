/*
** ui_portal.h: the public portal (ui_portal.c): a read-only, bilingual face
** of the partner network for citizens and partner cities, under /portal
** (Chinese) and /en/portal (English), with its own layout and stylesheet.
*/
#ifndef YC_UI_PORTAL_H
#define YC_UI_PORTAL_H
#include "web/http.h"

void ui_portal_home(Req*, Resp*);
void ui_portal_partners(Req*, Resp*);
void ui_portal_partner(Req*, Resp*);
void ui_portal_events(Req*, Resp*);
void ui_portal_cooperate(Req*, Resp*);
void ui_portal_news(Req*, Resp*);
void ui_portal_news_item(Req*, Resp*);

#endif
