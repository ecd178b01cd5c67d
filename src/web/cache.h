/*
** cache.h: a shared cache of public GET answers of the JSON API, keyed by
** path and query. Any change to the database makes every entry stale:
** writes through this server bump a generation counter, and each worker
** notices commits by other connections or processes through
** PRAGMA data_version. A stale entry is never served.
*/
#ifndef YC_CACHE_H
#define YC_CACHE_H
#include "web/http.h"

/* Note the database's state as seen by this worker's connection; bumps the
** generation if another connection committed since this worker last looked. */
void cache_observe(Db *db);
/* Bump the generation (after a write by this server). */
void cache_invalidate(void);

/* Key for request r (method, path, Host and query), arena-allocated. */
const char *cache_key(Req *r);
/* 1 and fill p if an entry for zKey is fresh. */
int cache_get(const char *zKey, Resp *p);
/* The current generation: take it before computing an answer. */
unsigned long cache_gen(void);
/* Store p (a 200 answer) under zKey as computed at generation g; if the
** database changed since, the entry is born stale. */
void cache_put(const char *zKey, const Resp *p, unsigned long g);
/* Free everything (at shutdown). */
void cache_clear(void);

#endif
