/*
** ui_history.h: the history of records in pages: the entries of a record's
** history or of the audit log (who, when, which fields from what to what,
** in the page language, with the revert button), the readable names of
** record types, fields and values; the global audit log page.
*/
#ifndef YC_UI_HISTORY_H
#define YC_UI_HISTORY_H
#include <jansson.h>
#include "web/ui.h"

/* The entries items as a list: a record's history (history_of) with zRevert
** the form action of its revert buttons (for admins and editors; none on
** the newest entry of the first page, bFirstPage: the record as it is), or
** the audit log (audit_query; zRevert 0), each entry naming its record. */
void ui_history_entries(Req *r, Resp *p, const json_t *items, const char *zRevert, int bFirstPage);

/* A record type's name in the page language ("entity.tie": partner tie). */
const char *ui_entity_label(Req *r, const char *zEntity);

/* A record of the trail (an entry with entity, entity_id, name_en and
** name_zh): its type and name, linked to its page when it has one. */
void ui_audit_record(Req *r, Buf *b, const json_t *x);

#endif
