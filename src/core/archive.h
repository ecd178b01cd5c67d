/*
** archive.h: deletes that lose nothing (issue 12, item 5).
**
** Deleting a record takes, inside the delete's transaction, everything that
** goes with it into one archive entry: the record's row, the rows its
** foreign keys cascade to, the records it would leave orphaned (an
** exchange or a delegation whose last tie it was) and those it owns (the
** exchange of an event or of a delegation), and the references the delete
** sets to NULL (an exchange's project). A record with dependants is
** refused, with a message naming them ("3 exchanges and 1 opportunity
** refer to this tie"), unless the caller confirms (Ctx.bWithDependants);
** then they are archived with it. Restoring an entry puts every row back
** with its id, re-links the references and rebuilds the search indexes,
** so the whole comes back as it was. Nothing is ever left orphaned.
**
** Dependants are counted by kind for the message; the details of a record
** (its sources, industries, countries, programme, health) go with it
** silently.
*/
#ifndef YC_ARCHIVE_H
#define YC_ARCHIVE_H
#include <jansson.h>
#include "core/ctx.h"

/* Delete the record zEntity ("tie", "org", "exchange", "project",
** "opportunity", "event", "series", "invitation", "person", "delegation")
** id, the one way records are deleted: in one transaction, collect what
** goes with it; YC_ECONFLICT ("has_dependants", naming them) when there
** are dependants and !c->bWithDependants, or dependants that cannot go
** with it (an exchange that also has other ties); else store the archive
** entry (c->archiveId gets its id), delete the orphaned records (each
** audited), then the record by its type's own delete function (its search
** rows, owned exchange, health and audit entry). The type delete functions
** (partner_delete, ...) are its parts: nothing else calls them. */
YcStatus archive_delete(Ctx *c, const char *zEntity, int64_t id, Err *e);

/* What deleting zEntity id would take with it: {"dependants": {KIND: n},
** "total": n, "details": {KIND: n}} (KIND: exchange, exchange_link, ...);
** signed-in users only. */
YcStatus archive_dependants(Ctx *c, const char *zEntity, int64_t id, json_t **ppOut, Err *e);

/* The archive, newest first: {"items": [{id, at, actor, entity, entity_id,
** name_en, name_zh, counts, restored_at, restored_by}], "total", "page",
** "next_cursor", "prev_cursor"}, paged like other lists; zState "deleted" (not restored; the default), "restored",
** "all". Admins only (the rows hold personal data). */
YcStatus archive_list(Ctx *c, const char *zState, const char *zLimit, const char *zCursor,
                      json_t **ppOut, Err *e);
/* One entry with its rows. */
YcStatus archive_get(Ctx *c, int64_t id, json_t **ppOut, Err *e);
/* Put an entry back (admins only): YC_ECONFLICT naming the table when a
** row cannot go back (its id or a unique value taken since, or what it
** refers to gone); the database is then unchanged. *ppOut: {"id", "entity",
** "entity_id", "restored": {TABLE: n}}. Audited ("restore"). */
YcStatus archive_restore(Ctx *c, int64_t id, json_t **ppOut, Err *e);
/* Remove an entry for good (admins only; e.g. a person's data on request). */
YcStatus archive_purge(Ctx *c, int64_t id, Err *e);

/* The kinds archive_dependants counts, for labels: i18n keys "arch.k.KIND". */
extern const char *const azArchiveKind[];

#endif
