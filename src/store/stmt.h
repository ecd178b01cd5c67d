/*
** stmt.h: statements run once for their effect (INSERT, UPDATE, DELETE
** without results), over the store interface: bind, step, reset.
*/
#ifndef YC_STMT_H
#define YC_STMT_H
#include <stdint.h>
#include "store/db.h"

/* Run zSql binding ?1..?n to the integers a[0..n-1]. YC_OK when the
** statement finished; else the engine error as an Err (db_error). */
YcStatus stmt_run(Db *db, const char *zSql, const int64_t *a, int n, Err *e);
/* Run zSql binding ?1 to the integer i1 and ?2 to the text z2. */
YcStatus stmt_run_text(Db *db, const char *zSql, int64_t i1, const char *z2, Err *e);

/* The integer a query answers (a count), binding ?1..?n to the texts
** az[0..n-1]; *pn is 0 when it returns no row. YC_OK unless the statement
** cannot be prepared. */
YcStatus stmt_count_text(Db *db, const char *zSql, const char *const *az, int n, int64_t *pn, Err *e);

/* 1 if the query zSql, binding ?1 to id, finds a row; else 0 (also when it
** cannot be prepared). */
int stmt_exists(Db *db, const char *zSql, int64_t id);

#endif
