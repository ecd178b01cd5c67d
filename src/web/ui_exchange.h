/*
** ui_exchange.h: the pages of exchanges (ui_exchange.c), projects
** (ui_project.c), relationship health (ui_health.c) and the calendar
** (ui_calendar.c), the section they add to the partner page, and helpers
** those files share (uix_*, in ui_exchange.c).
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

/* Shared helpers. */
const char *uix_str(json_t *o, const char *zKey);              /* "" if absent */
const char *uix_tie_name(Req *r, json_t *tie);                 /* label, else the name in the page language */
const char *uix_org_name(Req *r, json_t *org);
const char *uix_country(Req *r, json_t *country);
/* A date of any precision as <time>, with "(year)"/"(month)" after it. */
void uix_date(Req *r, Buf *b, const char *zDate, const char *zPrec);
/* <option>s of az (labels "PREFIX.value"), zCur selected; bAny: a first "any" option. */
void uix_options(Req *r, Buf *b, const char *zPrefix, const char *const *az, const char *zCur, int bAny);
/* The error of field zField (if e names it) as <p class="field-error">; and
** the aria-invalid attribute for it. */
void uix_field_error(Req *r, Buf *b, const Err *e, const char *zField);
const char *uix_invalid(const Err *e, const char *zField);
/* Message of an error in the page language ("xverr.CODE", else e->zMsg). */
const char *uix_error_text(Req *r, const Err *e);
void uix_flash(Req *r, Buf *b);
/* Redirect to the login page unless logged in; 1 if redirected. */
void uix_level_badge(Req *r, Buf *b, const char *zLevel);
/* Score as a number and a bar (coloured by level when zLevel is given). */
void uix_score(Req *r, Buf *b, int score);
void uix_score_level(Req *r, Buf *b, int score, const char *zLevel, int bBig);
/* The feature's stylesheet link (exchange.css), right after ui_begin. */
void uix_css(Buf *b);
/* One health flag's reason in the page language. */
void uix_reason(Req *r, Buf *b, json_t *reason);
/* A source line: a link if it starts with http(s)://. */
void uix_source(Buf *b, const char *z);
/* Every value of form field zKey (repeated checkboxes), as ids into a. */
int uix_form_ids(const Form *f, const char *zKey, int64_t *a, int nMax);
/* Lines of a textarea as a JSON array of trimmed non-empty strings. */
json_t *uix_lines(const char *z);
/* A tie <select> (all home ties) named zName. */
void uix_tie_select(Req *r, Buf *b, const char *zName, int64_t cur, int bAny, const Err *e);
/* Checkboxes of all home ties named zName, those in a checked. */
void uix_tie_checks(Req *r, Buf *b, const char *zName, const int64_t *a, int n);
void uix_org_checks(Req *r, Buf *b, const char *zName, const int64_t *a, int n);

#endif
