/*
** migrate.h: copy a whole youcheng database into another, of either engine
** (SQLite -> PostgreSQL, the way back, SQLite -> SQLite): the `youcheng
** migrate` command. Every table is copied row by row in primary-key order
** through one prepared statement per table, inside one transaction on the
** target, then verified: per table, the row count and a checksum of the
** rows read back from the target must equal the source's.
*/
#ifndef YC_MIGRATE_H
#define YC_MIGRATE_H
#include <stdint.h>
#include <jansson.h>
#include "base/err.h"
#include "store/db.h"

typedef struct MigrateOpts {
  int bReplace;       /* replace a target that holds youcheng records */
  /* Progress (may be 0): every nProgress rows of a table (default
  ** MIGRATE_PROGRESS_ROWS), and at its end when it had that many. */
  void (*xProgress)(void *pArg, const char *zTable, int64_t nDone, int64_t nTotal);
  void *pArg;
  int64_t nProgress;
} MigrateOpts;

#define MIGRATE_PROGRESS_ROWS 100000

/* Copy src into dst and verify the copy. src is read in one snapshot
** (db_read_begin): a server may go on writing it. dst without a schema (a
** new SQLite file, an empty PostgreSQL database) gets the schema first
** (db_migrate: `init`'s schema steps, no reference or demo data); one with
** tables of something else is refused. Both must be at the same schema
** version (else YC_EINVALID "schema_mismatch" naming --to). A dst holding
** youcheng records (audit trail, users, ties, organisations, exchanges,
** people, news) is refused (YC_ECONFLICT "not_empty" naming --to) unless
** o->bReplace; otherwise every row dst has is replaced, so that a second
** run gives the same target. Any difference found by the verification
** fails (YC_EINTERNAL "verify_failed" naming the table) and leaves dst as
** it was. *ppReport: {from, to, schema_version, replaced, tables: [{table,
** rows, checksum, copy_seconds, verify_seconds}], tables_copied, rows,
** copy_seconds, verify_seconds, commit_seconds, seconds, rows_per_second,
** verified}. The checksum of a table is the SHA-256 (hex) of its rows'
** SHA-256 digests in ascending order; a row's digest is over its columns in
** order, each rendered as: a number as 'n' and its decimal text (an
** integer as such, a real as %.17g), text or blob as 's', its length in
** decimal, ':' and its bytes, NULL as 'z'. Sorting the digests makes the
** checksum independent of the order each engine gives rows with equal
** keys or text keys (collations differ) and of tables without a key. */
YcStatus migrate_run(Db *src, Db *dst, const MigrateOpts *o, json_t **ppReport, Err *e);

#endif
