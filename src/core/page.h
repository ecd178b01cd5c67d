/*
** page.h: the paging kit of every list: the `limit` parameter, keyset
** cursors (`cursor`, `next_cursor`), and the ids of a page for fetching its
** related rows in one statement.
**
** A list declares its sort orders as PageOrder tables: each order is a
** name (written into its cursors, so that a cursor made for one order is
** refused by another) and its sort keys, SQL expressions that are never
** NULL (write `(x IS NULL), coalesce(x,'')` for a nullable x), the last
** one unique (the id). The kit writes the ORDER BY from the keys, so the
** order and the cursor comparison always agree.
**
** A cursor is the key values of the last row of a page (or of the first,
** for a page backward), base64url of a small JSON array:
**   [ORDER_NAME, "a"|"b", KEY1, ..., ID]
** "a": the rows after these keys, "b": the rows before them (the web
** pages' "previous" link). The next page is the rows strictly after that
** key in the order: `(k1, k2, id) > (?, ?, ?)`, or the expanded form
** `k1 > ?a OR (k1 = ?a AND (k2 < ?b OR ...))` when directions are mixed.
** So a page does not shift when rows are added or removed before it.
** Decoding is strict: the base64url alphabet without padding, the JSON
** exactly as this kit writes it (the same bytes once decoded), the order's
** name, the direction, the number of keys and the type of each; anything
** else is a 400 invalid_cursor naming `cursor`.
**
** Use:
**   Page pg;
**   if( page_begin(&pg, &aOrder[iSort], 0, q->zLimit, 50, 500, q->zCursor, e) ) ...
**   buf_printf(&sql, "SELECT " COLUMNS);  page_sql_keys(&pg, &sql);
**   buf_printf(&sql, " FROM ... WHERE ...");  (filters bound as ?1..?n)
**   page_sql_tail(&pg, &sql, n+1);             (AND after-cursor ORDER BY LIMIT)
**   p = db_stmt(...); bind filters; page_bind(&pg, p, n+1);
**   while( db_step(p)==DB_ROW ) if( page_row(&pg, p, nColumns) ) add item;
**   ... related rows for page_ids(items, "id") ...
**   *ppOut = page_answer(&pg, items, nTotal, q->bPrev);  (page_done puts a
**            backward page in order; page_next, page_prev: the cursors)
**   page_free(&pg);
** The page statement reads one row more than the limit, to know whether
** there is a next page; every value (keys, limit) is bound.
*/
#ifndef YC_PAGE_H
#define YC_PAGE_H
#include <stdint.h>
#include <jansson.h>
#include "core/ctx.h"
#include "base/buf.h"

#define PAGE_MAX_KEY 6

/* Types of key values (how they are read, written to a cursor, bound). */
enum { PAGE_INT = 'i', PAGE_TEXT = 't', PAGE_REAL = 'r' };

typedef struct PageKey {
  const char *zExpr;     /* SQL, never NULL for any row; a fixed fragment */
  char cType;            /* PAGE_INT, PAGE_TEXT, PAGE_REAL */
  char bDesc;            /* 1: descending */
} PageKey;

typedef struct PageOrder {
  const char *zName;               /* "partners:name": written into cursors */
  PageKey aKey[PAGE_MAX_KEY];      /* until zExpr==0; the last is unique */
} PageOrder;

typedef struct Page {
  const PageOrder *pOrder;
  int nKey;
  int nLimit;
  int bBack;             /* the cursor asks for the rows before it */
  json_t *aCur;          /* the cursor's key values; 0 on a first page */
  char zTag[96];         /* the order's name (and scope) in cursors */
  int nRow;              /* rows on the page so far */
  int bMore;             /* a row past the page was read */
  json_t *aFirst, *aLast;  /* key values of the first and last row */
} Page;

/* Parse a `limit` parameter: absent (0) gives nDefault; else an integer
** from 1 to nMax, or a 400 invalid_value naming `limit` with the one
** wording "limit must be an integer from 1 to N". */
YcStatus page_limit(const char *z, int nDefault, int nMax, int *pn, Err *e);
/* The same error, for a limit given in another form (a JSON body). */
YcStatus page_limit_error(int nMax, Err *e);

/* A decimal count without sign or spaces (query parameters such as
** `months`): 1 and *pv set if z is one and at most lMax, else 0. */
int page_uint(const char *z, long lMax, long *pv);

/* Start a page of order pOrder: parse the limit (default nDefault, at most
** nMax) and the cursor (0 for the first page). zScope (or 0) is mixed
** into the cursor's order name: a cursor made for another scope (another
** search text of a relevance order) is refused. On error nothing needs
** freeing; else call page_free(). */
/* The WHERE of a list's filters: each filter appends " AND " and its SQL,
** whose one %d becomes the next parameter number (?1, ?2, ...); filter_bind
** binds the values in that order. At most FILTERS_MAX filters (more set
** the Buf's error). */
#define FILTERS_MAX 16
typedef struct Filters {
  Buf b;                       /* " AND ..." clauses */
  const char *az[FILTERS_MAX];
  int64_t ai[FILTERS_MAX];
  char ac[FILTERS_MAX];          /* 'i' or 't' */
  int n;
} Filters;
void filter_int(Filters *w, const char *zSql, int64_t v);
void filter_text(Filters *w, const char *zSql, const char *z);
void filter_bind(const Filters *w, DbStmt *p);

YcStatus page_begin(Page *pg, const PageOrder *pOrder, const char *zScope, const char *zLimit,
                    int nDefault, int nMax, const char *zCursor, Err *e);
void page_free(Page *pg);

/* Append ", k1, k2, ..." to a select list: the key columns page_row()
** reads (put them after the item's columns). */
void page_sql_keys(const Page *pg, Buf *b);
/* Append " AND (keys after the cursor)" (only when there is a cursor),
** " ORDER BY k1, k2, ..." and " LIMIT ?N": the cursor's values are
** parameters iParam.., the limit the next one. Returns the next free
** parameter number. */
int page_sql_tail(const Page *pg, Buf *b, int iParam);
/* Bind what page_sql_tail() numbered from iParam: the cursor's values and
** the limit (one more than the page, to see whether more follow). */
void page_bind(const Page *pg, DbStmt *p, int iParam);
/* Call for each row stepped; iCol is the first key column. 1: the row is
** on the page; 0: it is the row past the page (not an item). */
int page_row(Page *pg, DbStmt *p, int iCol);
/* The same for a list whose rows are all read and sorted in C (in the
** order's order; for a page backward, pg->bBack, give them in reverse):
** aKey is the row's key values (a JSON array: integers and strings as
** page_row reads them). 1: on the page; 0: before the cursor (skip it) or
** past the page (then pg->bMore is set: stop). */
int page_row_keys(Page *pg, json_t *aKey);
/* Once the items are built: put a backward page in the list's order. */
void page_done(Page *pg, json_t *aItem);
/* The cursor of the next page, or null (a new reference). */
json_t *page_next(const Page *pg);
/* The cursor of the previous page, or null: none on a first page (the web
** pages' "previous" link; the JSON API shows next_cursor only). */
json_t *page_prev(const Page *pg);
/* A list's answer, once its items are built: page_done, then {"items"
** (a new reference to aItem; the caller keeps its own), "total": nTotal,
** "next_cursor"} and, with bPrev, "prev_cursor". */
json_t *page_answer(Page *pg, json_t *aItem, int64_t nTotal, int bPrev);

/* The integer member zKey of every item of aItem as a JSON array text
** "[3,1,2]" (malloc'd; free() it), for one statement over the page's rows:
** `... WHERE x.id IN (SELECT CAST(value AS INTEGER) FROM json_each(?N))` (SQLite; on
** PostgreSQL `SELECT value::bigint FROM jsonb_array_elements_text($N)`). */
char *page_ids(json_t *aItem, const char *zKey);
/* An index of the items by their integer member zKey: an object keyed by
** the decimal value (a new reference; page_item() looks up). */
json_t *page_index(json_t *aItem, const char *zKey);
json_t *page_item(json_t *index, int64_t id);   /* borrowed, or 0 */
/* Related rows of a page, in one statement: zSql takes the page's ids
** (page_ids(aItem, "id")) as ?1 and returns the id of an item, then the
** columns named by azName (0-terminated); each row, as an object (types
** from the values), is appended to the array member zMember of its item.
** Nothing runs for an empty page. */
YcStatus page_attach(Ctx *c, json_t *aItem, const char *zMember, const char *zSql,
                     const char *const *azName, Err *e);

#endif
