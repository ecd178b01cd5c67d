/*
** export.h: the export kit. Every list view (partners, organisations,
** exchanges, projects, opportunities, events, people, delegations, the
** audit log) is exported from the same core list function its page and
** API use, with the same filters and without paging, as CSV (UTF-8 with a
** byte-order mark, formula-injection guard) or XLSX (libxlsxwriter).
**
** Columns are declared once per record type (ExportCol: column name, the
** JSON field of the list item, how it is written, and the input field it
** is read back into). The same table drives the CSV, the XLSX and the
** import of an export (export_import): an `id` column names the record;
** a row is unchanged when every column equals the record's, updated
** (through the type's own update function: roles, versions and history
** apply) when an editable column differs, created when its id is empty.
** A derived read-only column (city_en, country...) that disagrees with
** the record is an error naming the column.
*/
#ifndef YC_EXPORT_H
#define YC_EXPORT_H
#include <stddef.h>
#include <jansson.h>
#include "core/ctx.h"
#include "base/buf.h"

#define EXPORT_MAX_ROWS 100000   /* larger exports are refused (413 too_large) */

typedef enum {
  XC_INT,      /* an integer */
  XC_NUM,      /* a number (integer or real) */
  XC_STR,      /* text */
  XC_DATE,     /* a date at its precision (YYYY, YYYY-MM, YYYY-MM-DD): text */
  XC_BOOL,     /* 1 or 0 */
  XC_LIST,     /* an array of texts, separated by " | " */
  XC_CODES,    /* an array of codes (or of objects' zKey), separated by ";" */
  XC_IDS,      /* an array of objects: their zKey (an integer) separated by ";" */
  XC_REFID     /* an object's zKey (an integer); with zWhen, only if its "type" is zWhen */
} ExportKind;

#define XC_PRIVATE 1   /* left out of the export of a caller not signed in */

typedef struct ExportCol {
  const char *zName;     /* the column's name in the header */
  const char *zPath;     /* the list item's field ("a.b": b of object a) */
  ExportKind eKind;
  const char *zKey;      /* XC_CODES/XC_IDS/XC_REFID: the field of the object(s) */
  const char *zInput;    /* the field of the type's create/update input; 0 = read-only */
  int nWidth;            /* XLSX column width (characters) */
  int flags;             /* XC_PRIVATE */
  const char *zWhen;     /* XC_REFID: the object's "type" */
} ExportCol;

typedef struct ExportType {
  const char *zName;           /* "partners": the URL /partners.csv, `youcheng export partners` */
  const char *zEntity;         /* audit entity ("partner"); 0 if not importable */
  const char *const *azParam;  /* the list's query parameters (the Query's az order) */
  int nMaxPage;                /* the list's largest limit */
  int bSignedIn;               /* only for signed-in callers (people, audit log) */
  const ExportCol *aCol;       /* 0-terminated by zName */
  YcStatus (*xList)(Ctx*, const char *const *az, json_t**, Err*);
  YcStatus (*xGet)(Ctx*, int64_t, json_t**, Err*);
  YcStatus (*xCreate)(Ctx*, json_t*, json_t**, Err*);
  YcStatus (*xUpdate)(Ctx*, int64_t, json_t*, json_t**, Err*);
} ExportType;

extern const ExportType aExportType[];     /* 0-terminated by zName */
const ExportType *export_type(const char *zName);

/* The export of type t for the filters az (raw request strings in the
** order of t->azParam; empty ones are not given, as in the list pages'
** forms; limit and cursor are ignored: every row, read page
** by page) into b: CSV (bXlsx 0: byte-order mark, header, CRLF rows) or
** an XLSX workbook (bold frozen header, numbers as numbers, dates as text
** at their precision, column widths). Private columns (notes, heads of
** delegations) only for a signed-in caller; types of bSignedIn: 401 for
** others. More than EXPORT_MAX_ROWS rows: 413 too_many_rows. */
YcStatus export_write(Ctx *c, const ExportType *t, const char *const *az, int bXlsx, Buf *b, Err *e);

/* A dated file name: "partners-2026-12-06.csv". */
void export_filename(const ExportType *t, const char *zExt, char *zOut, size_t nOut);

/* Append one CSV cell to b (after a comma unless bFirst): quoted as
** needed; a text starting with = + - @ (or ' followed by one of them)
** gets a leading ' so that spreadsheets do not run it as a formula. The
** import drops that ' again (export_unguard). */
void export_csv_cell(Buf *b, const char *z, int bFirst);
/* The value of a guarded cell: z without the ' the guard added. */
const char *export_unguard(const char *z);

/* Import a CSV export of type t (see the top of this file): the report
** of csvimp_run with "updated", "unchanged" and "changes" ([{row, id,
** outcome, columns}] for the rows created or updated). */
YcStatus export_import(Ctx *c, const ExportType *t, const char *zData, size_t nData, int bDryRun,
                       json_t **ppReport, Err *e);
/* 1 if the CSV's header has an `id` column (the export's form). */
int export_is_export_form(const char *zData, size_t nData);

/* The CSV import of type zType: a file with an `id` column (an export)
** through export_import; any other file in the type's own import format
** (partners, exchanges, opportunities), or an error naming the missing id
** column for the types that have no other (orgs, projects, events,
** people, delegations). YC_ENOTFOUND if zType is no importable type. */
YcStatus export_import_any(Ctx *c, const char *zType, const char *zData, size_t nData, int bDryRun,
                           json_t **ppReport, Err *e);

#endif
