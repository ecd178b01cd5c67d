/*
** ui_report.h: the annual report on the web (ui_report.c): the JSON API,
** the list of years, the report page with its charts and print
** stylesheet, the XLSX download; and the two renderings the CLI shares
** with the pages: the standalone HTML (inline CSS, charts as CSS bars, no
** script, so a PDF needs no server) and the workbook.
*/
#ifndef YC_UI_REPORT_H
#define YC_UI_REPORT_H
#include <jansson.h>
#include "web/ui.h"

void api_report(Req*, Resp*);
void api_report_years(Req*, Resp*);
void ui_report_list(Req*, Resp*);
void ui_report_page(Req*, Resp*);

/* The whole report (report_year's answer) as a standalone HTML document
** in r->zLang: inline stylesheet, no script, no link to the server. r needs
** only zLang (and its arena); the CLI makes one. */
void report_standalone_html(Req *r, const json_t *rep, Buf *b);

/* The report as an XLSX workbook written to zPath: one sheet per section,
** a header row, numbers as numbers; labels in r->zLang. */
YcStatus report_xlsx(Req *r, const json_t *rep, const char *zPath, Err *e);

#endif
