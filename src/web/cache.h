/*
** cache.h: a shared cache of public GET answers of the JSON API.
**
** Keys: the method, path, Host, encoding and every query parameter, each
** part length-prefixed (no parameter can pass for another). Only anonymous
** requests are cached (server.c: a signed-in caller may see drafts).
**
** Invalidation by dependency: each entry remembers the tables its request
** read (db_reads, store/db.h) and when it was computed; a table has the
** time it last changed. A write bumps only the tables it wrote, so an
** answer that read none of them stays; reference data nobody writes stays
** cached across writes. Changes by other connections and processes come
** from db_changes_take (per-table generations recorded in the database,
** re-read when PRAGMA data_version says another connection committed). A
** stale entry is never served.
*/
#ifndef YC_CACHE_H
#define YC_CACHE_H
#include <stdint.h>
#include "web/http.h"

/* Bump the tables changed since this worker's connection last looked (its
** own commits and other connections'). Call before an answer is looked
** up, and after a request that may have written. */
void cache_observe(Db *db);
/* Everything is stale. */
void cache_invalidate(void);

/* Key for request r, arena-allocated (0 if out of memory: do not cache). */
const char *cache_key(Req *r);
/* 1 and fill p (with an "X-Cache: hit" header) if an entry for zKey is
** fresh. */
int cache_get(const char *zKey, Resp *p);
/* The current time of the cache: take it before computing an answer. */
uint64_t cache_stamp(void);
/* Store p (a 200 answer) under zKey, computed from stamp on by reading the
** tables pRead; if one of them changed since, the entry is not kept. */
void cache_put(const char *zKey, const Resp *p, uint64_t stamp, const DbTables *pRead);
/* Free everything (at shutdown). */
void cache_clear(void);

/* Figures for monitoring: answers served from the cache and computed for
** it, tables bumped (each bump may make several entries stale), entries
** held now. */
typedef struct CacheStats {
  uint64_t hits, misses, invalidations, entries;
} CacheStats;
void cache_stats(CacheStats *p);

#endif
