/*
** ui_export.h: the exports of the list views (ui_export.c): /X.csv and
** /X.xlsx next to each list page, the list's filters from the query
** string, every matching row (core/export.h; the pages' buttons are
** ui_export_buttons of the UI kit); and POST /api/v1/import/{type} for the types
** whose only import is the export's form.
*/
#ifndef YC_UI_EXPORT_H
#define YC_UI_EXPORT_H
#include "web/ui.h"

void ui_partner_csv(Req*, Resp*);
void ui_partner_xlsx(Req*, Resp*);
void ui_org_csv(Req*, Resp*);
void ui_org_xlsx(Req*, Resp*);
void ui_exchange_csv(Req*, Resp*);
void ui_exchange_xlsx(Req*, Resp*);
void ui_project_csv(Req*, Resp*);
void ui_project_xlsx(Req*, Resp*);
void ui_opp_csv(Req*, Resp*);
void ui_opp_xlsx(Req*, Resp*);
void ui_event_csv(Req*, Resp*);
void ui_event_xlsx(Req*, Resp*);
void ui_people_csv(Req*, Resp*);
void ui_people_xlsx(Req*, Resp*);
void ui_delegation_csv(Req*, Resp*);
void ui_delegation_xlsx(Req*, Resp*);
void ui_audit_csv(Req*, Resp*);
void ui_audit_xlsx(Req*, Resp*);
void api_import_type(Req*, Resp*);

#endif
