/*
** calendar.h: the anniversary calendar. Round anniversaries of ties
** (every 5 years; multiples of 10 are major) with the date by which
** protocol letters should be ready, and agreement expiries, in a window of
** days. A date keeps its precision: a tie established in "2002" has its
** 25th anniversary in "2027", with no invented month or day. See
** doc/exchanges.md.
*/
#ifndef YC_CALENDAR_H
#define YC_CALENDAR_H
#include <jansson.h>
#include "core/ctx.h"
#include "base/buf.h"

extern const char *const azCalendarParam[];   /* from, to, months */

/* The window from query strings: from/to (dates of any precision; from
** counts from the start of its period, to to the end of its) or months
** (1..240, from today); default: today to 12 months ahead. At most 20
** years. */
YcStatus calendar_window(const char *zFrom, const char *zTo, const char *zMonths, int *pFrom, int *pTo, Err *e);

/* {"from","to","items":[{"type":"anniversary"|"agreement_expiry"|"event",
** "date","precision","start","end","tie"|"ties","years","major",
** "letter_by","exchange","event"}]} sorted by start. Events: those
** overlapping the window (public ones only for anonymous users), with
** "event" {id, title_zh, title_en, kind, status, place, city_en, city_zh}
** and no people. */
YcStatus calendar_items(Ctx *c, int fromDay, int toDay, json_t **ppOut, Err *e);

/* The same as an iCalendar (RFC 5545) text into b: CRLF lines folded at 75
** octets, TEXT escaped, one VEVENT per item with UID, DTSTAMP and all-day
** DTSTART/DTEND spanning the item's period (a whole year for a year-only
** date), and a VALARM at the letter date for anniversaries. */
YcStatus calendar_ics(Ctx *c, int fromDay, int toDay, Buf *b, Err *e);

#endif
