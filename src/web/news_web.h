/* news_web.h: the JSON API (api_news.c) and the pages (ui_news.c) of news and documents. */
#ifndef YC_NEWS_WEB_H
#define YC_NEWS_WEB_H
#include "web/http.h"

void api_news_list(Req*, Resp*);
void api_news_create(Req*, Resp*);
void api_news_get(Req*, Resp*);
void api_news_update(Req*, Resp*);
void api_news_delete(Req*, Resp*);
void api_news_links(Req*, Resp*);
void api_news_attach(Req*, Resp*);
void api_news_attachment(Req*, Resp*);
void api_news_detach(Req*, Resp*);
void api_news_mentions(Req*, Resp*);

void ui_news_list(Req*, Resp*);
void ui_news_page(Req*, Resp*);
void ui_news_new(Req*, Resp*);
void ui_news_create(Req*, Resp*);
void ui_news_edit(Req*, Resp*);
void ui_news_update(Req*, Resp*);
void ui_news_delete_ask(Req*, Resp*);
void ui_news_delete(Req*, Resp*);
void ui_news_link(Req*, Resp*);
void ui_news_upload(Req*, Resp*);
void ui_news_detach(Req*, Resp*);
void ui_news_history(Req*, Resp*);
void ui_news_revert(Req*, Resp*);

/* The section "News" of another record's page: the published items (all
** items for signed-in users) with a confirmed link to it; zType "tie",
** "org" or "event". */
void ui_news_section(Req *r, Resp *p, const char *zType, int64_t id);

/* The attachment aid of item id as an HTTP answer (its stored type,
** Content-Disposition attachment, nosniff and a sandbox CSP). */
void news_send_attachment(Req *r, Resp *p, int64_t id, int64_t aid);

#endif
