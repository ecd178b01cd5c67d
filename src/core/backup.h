/*
** backup.h: online backups of the database and their restore (the
** `youcheng backup` and `youcheng restore` commands). Options are raw
** strings checked here; errors name the option (--db, --to, --keep,
** --from).
*/
#ifndef YC_BACKUP_H
#define YC_BACKUP_H
#include <jansson.h>
#include "base/err.h"

/* The default and the limits of --keep. */
#define BACKUP_KEEP_DEFAULT 7
#define BACKUP_KEEP_MAX 1000

/* Copy the database zDb (online: a server may be writing) into
** zDir/youcheng-YYYYMMDD-HHMMSS.db (UTC; -2, -3... when that name is
** taken), verify the copy (integrity check, schema version, row counts of
** the main tables equal to the source's at the copy's snapshot), then keep
** the newest zKeep (default BACKUP_KEEP_DEFAULT) youcheng-*.db of zDir and
** delete the older ones. *pOut: {path, size, seconds, pages,
** schema_version, integrity, counts {table: n}, last_audit_at, kept,
** deleted}. */
YcStatus backup_take(const char *zDb, const char *zDir, const char *zKeep, json_t **pOut, Err *e);

/* Verify the backup zFrom (integrity, a youcheng database) and put it in
** place of zDb through a temporary file (its row counts checked against
** the backup's) and a rename. Refuses (409) when
** zDb is open in another process, or, without bForce, when zDb is newer
** than the backup (a later last audit entry, or a later file time). *pOut:
** {path, from, size, seconds, schema_version, integrity, counts, replaced,
** forced}. */
YcStatus backup_restore(const char *zFrom, const char *zDb, int bForce, json_t **pOut, Err *e);

/* Verify one database file: {path, size, integrity, schema_version,
** counts, last_audit_at, last_audit_id}; YC_EINVALID naming zOpt when it is
** not an intact youcheng database. */
YcStatus backup_verify(const char *zPath, const char *zOpt, json_t **pOut, Err *e);

/* `youcheng check`: backup_verify of zPath (naming --db) with, beyond the
** pages, every foreign key and every search index checked against its rows
** (db_integrity_full). */
YcStatus backup_check(const char *zPath, json_t **pOut, Err *e);

#endif
