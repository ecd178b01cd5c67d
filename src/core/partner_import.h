/*
** partner_import.h: CSV import of partner ties (RFC 4180, parsed by libcsv).
** All rows are validated with the same core functions as the API; the
** import is one transaction: any error rolls back everything.
*/
#ifndef YC_PARTNER_IMPORT_H
#define YC_PARTNER_IMPORT_H
#include <stddef.h>
#include <jansson.h>
#include "core/ctx.h"

/* Columns: city_id | (city, country), kind, status, established, label,
** agreement, notes, sources (" | "-separated), city_name_zh, kind_verified.
** A row whose city is already a partner is skipped (re-import adds nothing).
** *ppReport: {"rows","created","skipped","errors":[{"row","field","code",
** "message"}],"dry_run"}. Returns YC_EINVALID if any row failed (nothing
** written), YC_OK otherwise (nothing written when bDryRun). */
YcStatus partner_import(Ctx *c, const char *zData, size_t nData, int bDryRun,
                         json_t **ppReport, Err *e);

#endif
