/* ui_export.c: exports of the list views and the import of an export; see ui_export.h. */
#include <stdio.h>
#include <string.h>
#include "web/ui_export.h"
#include "web/record.h"
#include "core/export.h"


/* Answer the export of type zType as CSV (bXlsx 0) or XLSX: the list's
** filters from the query string (its paging ignored), every row. */
static void export_answer(Req *r, Resp *p, const char *zType, int bXlsx){
  ui_prepare(r, p);
  const ExportType *t = export_type(zType);
  Err e;
  memset(&e, 0, sizeof e);
  /* The list's parameters, and those of its page (lang, flash). */
  const char *azKnown[40], *az[40];
  int n = 0;
  for(int i=0; t->azParam[i] && n<36; i++) azKnown[n++] = t->azParam[i];
  azKnown[n++] = "lang";
  azKnown[n++] = "flash";
  azKnown[n] = 0;
  memset(az, 0, sizeof az);
  YcStatus st = rec_api_auth(t->bSignedIn ? REC_AUTH_REQUIRED : REC_AUTH_OPTIONAL, r, &e);
  if( !st ) st = http_query(r, azKnown, az, &e);
  if( !st ) st = export_write(&r->ctx, t, az, bXlsx, &p->body, &e);
  if( st ){ buf_reset(&p->body); http_error(p, &e); return; }
  char zName[96], zDisp[160];
  export_filename(t, bXlsx ? "xlsx" : "csv", zName, sizeof zName);
  snprintf(zDisp, sizeof zDisp, "attachment; filename=\"%s\"", zName);
  p->status = 200;
  p->zType = bXlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8";
  http_add_header(p, "Content-Disposition", zDisp);
  /* What a signed-in caller exports (people, notes) is nobody else's. */
  if( r->zUser ) http_add_header(p, "Cache-Control", "private, no-store");
}

/* WEBPAGE: GET /partners.csv (the current view of /partners) */
void ui_partner_csv(Req *r, Resp *p){ export_answer(r, p, "partners", 0); }
/* WEBPAGE: GET /partners.xlsx */
void ui_partner_xlsx(Req *r, Resp *p){ export_answer(r, p, "partners", 1); }
/* WEBPAGE: GET /orgs.csv */
void ui_org_csv(Req *r, Resp *p){ export_answer(r, p, "orgs", 0); }
/* WEBPAGE: GET /orgs.xlsx */
void ui_org_xlsx(Req *r, Resp *p){ export_answer(r, p, "orgs", 1); }
/* WEBPAGE: GET /exchanges.csv */
void ui_exchange_csv(Req *r, Resp *p){ export_answer(r, p, "exchanges", 0); }
/* WEBPAGE: GET /exchanges.xlsx */
void ui_exchange_xlsx(Req *r, Resp *p){ export_answer(r, p, "exchanges", 1); }
/* WEBPAGE: GET /projects.csv */
void ui_project_csv(Req *r, Resp *p){ export_answer(r, p, "projects", 0); }
/* WEBPAGE: GET /projects.xlsx */
void ui_project_xlsx(Req *r, Resp *p){ export_answer(r, p, "projects", 1); }
/* WEBPAGE: GET /opportunities.csv */
void ui_opp_csv(Req *r, Resp *p){ export_answer(r, p, "opportunities", 0); }
/* WEBPAGE: GET /opportunities.xlsx */
void ui_opp_xlsx(Req *r, Resp *p){ export_answer(r, p, "opportunities", 1); }
/* WEBPAGE: GET /events.csv */
void ui_event_csv(Req *r, Resp *p){ export_answer(r, p, "events", 0); }
/* WEBPAGE: GET /events.xlsx */
void ui_event_xlsx(Req *r, Resp *p){ export_answer(r, p, "events", 1); }
/* WEBPAGE: GET /people.csv (signed-in users only) */
void ui_people_csv(Req *r, Resp *p){ export_answer(r, p, "people", 0); }
/* WEBPAGE: GET /people.xlsx (signed-in users only) */
void ui_people_xlsx(Req *r, Resp *p){ export_answer(r, p, "people", 1); }
/* WEBPAGE: GET /delegations.csv */
void ui_delegation_csv(Req *r, Resp *p){ export_answer(r, p, "delegations", 0); }
/* WEBPAGE: GET /delegations.xlsx */
void ui_delegation_xlsx(Req *r, Resp *p){ export_answer(r, p, "delegations", 1); }
/* WEBPAGE: GET /audit.csv (signed-in users only) */
void ui_audit_csv(Req *r, Resp *p){ export_answer(r, p, "audit", 0); }
/* WEBPAGE: GET /audit.xlsx (signed-in users only) */
void ui_audit_xlsx(Req *r, Resp *p){ export_answer(r, p, "audit", 1); }

/* API: POST /api/v1/import/{type} */
void api_import_type(Req *r, Resp *p){
  Err e;
  json_t *rep = 0;
  int bDry;
  YcStatus st = http_import_query(r, &bDry, "the CSV is larger than 1 MiB; use the CLI for large files", &e);
  if( !st ) st = export_import_any(&r->ctx, r->azArg[0], buf_str(&r->body), r->body.n, bDry, &rep, &e);
  http_import_reply(p, st, &e, rep);
}
