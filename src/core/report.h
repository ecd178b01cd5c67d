/*
** report.h: the annual report (issue 13, item 3). One function gives the
** figures of a calendar year and of the year before, with the change; the
** JSON API, the page, the XLSX and PDF downloads and the CLI all show what
** it answers. See doc/api.md (GET /api/v1/reports/{year}) for the fields.
**
** Conventions (also listed in the answer's "notes"):
** - a date counts in the year it falls in at its own precision: "2019"
**   and "2019-10" count in 2019 (no record is spread over months);
** - exchanges: every exchange dated in the year (as /api/v1/exchanges
**   lists them to anyone); by partner, an exchange with several ties
**   counts once for each; by continent, once per continent;
** - delegations and events: those starting in the year, cancelled ones
**   left out; anonymous callers count public ones only (as the lists);
** - projects: those whose period overlaps the year (a start date is
**   needed; no end date: still running); values only where recorded,
**   summed by currency, never converted;
** - opportunities: status changes to matched or closed in the year, by
**   the audit trail (an opportunity entered already closed has no such
**   date and is not counted); anonymous callers: published ones only;
** - became active / fell dormant: the health level (core/health.c, the
**   thresholds of the tie's kind, from the last dated contact) at the end
**   of the year before and at the end of the year (today for the current
**   year), for the ties established before the year and not ended by its
**   end. There is no stored health history: the level is recomputed at
**   both dates from the exchange log. Health is for signed-in callers:
**   anonymous ones get null for these two (and no such "change" rows).
*/
#ifndef YC_REPORT_H
#define YC_REPORT_H
#include <jansson.h>
#include "core/ctx.h"

/* The years a report may be asked for: 1900 to next year. */
#define REPORT_MIN_YEAR 1900

/* Parse a year given as text (the API path, the CLI option): four digits,
** from 1900 to next year; else YC_EINVALID naming field "year". */
YcStatus report_parse_year(const char *z, int *pYear, Err *e);

/* The report of a year: {"year", "as_of", "home_city", "current": FIGURES,
** "previous": FIGURES (the year before), "change": [{"metric","current",
** "previous","change"}], "notes": [codes]}. FIGURES: {"year", "ties",
** "exchanges", "delegations", "events", "projects", "opportunities"}.
** Signed-in callers count every record; anonymous ones only what the
** lists show them. YC_EINVALID (field "year") for a year out of range. */
YcStatus report_year(Ctx *c, int year, json_t **ppOut, Err *e);

/* The years with any record the report counts (exchanges, ties
** established or ended, events, delegations, projects), newest first:
** {"items":[{"year":N}]}. */
YcStatus report_years(Ctx *c, json_t **ppOut, Err *e);

/* The metrics of "change", in order (for the pages and the workbook). */
extern const char *const azReportMetric[];

#endif
