/* api_exchange.h: the JSON API handlers of exchanges, projects, health and the calendar (api_exchange.c). */
#ifndef YC_API_EXCHANGE_H
#define YC_API_EXCHANGE_H
#include "web/http.h"

void api_exchange_list(Req*, Resp*);
void api_exchange_get(Req*, Resp*);
void api_exchange_create(Req*, Resp*);
void api_exchange_update(Req*, Resp*);
void api_exchange_delete(Req*, Resp*);
void api_agreement_list(Req*, Resp*);
void api_project_list(Req*, Resp*);
void api_project_get(Req*, Resp*);
void api_project_create(Req*, Resp*);
void api_project_update(Req*, Resp*);
void api_project_delete(Req*, Resp*);
void api_partner_health(Req*, Resp*);
void api_health_list(Req*, Resp*);
void api_health_thresholds(Req*, Resp*);
void api_health_thresholds_update(Req*, Resp*);
void api_calendar(Req*, Resp*);
void api_import_exchanges(Req*, Resp*);

#endif
