/*
** console.h: SQL typed by the operator (`youcheng sql`), run on either
** engine through the store interface, so that a statement written for
** SQLite runs on PostgreSQL as the core's own do.
*/
#ifndef YC_CONSOLE_H
#define YC_CONSOLE_H
#include "core/ctx.h"
#include "base/buf.h"

/* Run the statements of zSql (separated by ';' outside quotes) in one
** transaction; each row goes to pOut as its columns separated by '|'
** (NULL as nothing), one line a row, as sqlite3's list mode prints them.
** A failing statement rolls back all and names it. */
YcStatus console_run(Ctx *c, const char *zSql, Buf *pOut, Err *e);

#endif
