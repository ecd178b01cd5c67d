/* export.c: the export kit (CSV, XLSX, and the import of an export); see export.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <csv.h>
#include <xlsxwriter.h>
#include "core/export.h"
#include "core/csvimport.h"
#include "core/partner.h"
#include "core/partner_import.h"
#include "core/org.h"
#include "core/exchange.h"
#include "core/project.h"
#include "core/opportunity.h"
#include "core/event.h"
#include "core/person.h"
#include "core/delegation.h"
#include "core/history.h"
#include "base/date.h"
#include "base/json.h"
#include "text/norm.h"

#define EXPORT_MAX_PARAM 32

/* ---------------------------------------------------------------------------
** The list functions, called with the raw filter strings by position.
*/
#define LIST_FN(NAME, QUERY, FN) \
  static YcStatus NAME(Ctx *c, const char *const *az, json_t **pp, Err *e){ \
    QUERY q; memset(&q, 0, sizeof q); \
    memcpy((void*)q.az, az, sizeof q.az); \
    return FN(c, &q, pp, e); }
LIST_FN(list_partners, PartnerQuery, partner_list)
LIST_FN(list_orgs, OrgQuery, org_list)
LIST_FN(list_exchanges, ExchangeQuery, exchange_list)
LIST_FN(list_projects, ProjectQuery, project_list)
LIST_FN(list_opps, OppQuery, opp_list)
LIST_FN(list_events, EventQuery, event_list)
LIST_FN(list_people, PersonQuery, person_list)
LIST_FN(list_delegations, DelegationQuery, delegation_list)
LIST_FN(list_audit, AuditQuery, audit_query)

/* ---------------------------------------------------------------------------
** The columns of each type: name, field of the list item, kind, key,
** input field (0: derived, read-only), width, flags, owner type.
*/
#define ID_COL {"id", "id", XC_INT, 0, 0, 8, 0, 0}
#define NOTES_COL {"notes", "notes", XC_STR, 0, "notes", 40, XC_PRIVATE, 0}
#define SOURCES_COL {"sources", "sources", XC_LIST, 0, "sources", 60, 0, 0}
#define END_COL {0, 0, 0, 0, 0, 0, 0, 0}

static const ExportCol aPartnerCol[] = {
  ID_COL,
  {"city_id", "city.id", XC_INT, 0, "city_id", 10, 0, 0},
  {"city_en", "city.name_en", XC_STR, 0, 0, 20, 0, 0},
  {"city_zh", "city.name_zh", XC_STR, 0, 0, 16, 0, 0},
  {"label", "label", XC_STR, 0, "label", 16, 0, 0},
  {"country", "city.country.iso2", XC_STR, 0, 0, 8, 0, 0},
  {"kind", "kind", XC_STR, 0, "kind", 12, 0, 0},
  {"kind_verified", "kind_verified", XC_BOOL, 0, "kind_verified", 8, 0, 0},
  {"status", "status", XC_STR, 0, "status", 10, 0, 0},
  {"established", "established.date", XC_DATE, 0, "established", 12, 0, 0},
  {"precision", "established.precision", XC_STR, 0, 0, 8, 0, 0},
  SOURCES_COL,
  NOTES_COL,
  {"agreement", "agreement", XC_STR, 0, "agreement", 30, 0, 0},
  {"continent", "continent", XC_STR, 0, 0, 12, 0, 0},
  END_COL
};

static const ExportCol aOrgCol[] = {
  ID_COL,
  {"name_en", "name_en", XC_STR, 0, "name_en", 30, 0, 0},
  {"name_zh", "name_zh", XC_STR, 0, "name_zh", 20, 0, 0},
  {"type", "type", XC_STR, 0, "type", 12, 0, 0},
  {"side", "side", XC_STR, 0, "side", 8, 0, 0},
  {"city_id", "city.id", XC_INT, 0, "city_id", 10, 0, 0},
  {"city_en", "city.name_en", XC_STR, 0, 0, 20, 0, 0},
  {"country", "city.country", XC_STR, 0, 0, 8, 0, 0},
  {"website", "website", XC_STR, 0, "website", 30, 0, 0},
  {"industries", "industries", XC_CODES, 0, "industries", 12, 0, 0},
  {"partner_ids", "partners", XC_IDS, "id", "partners", 12, 0, 0},
  {"description", "description", XC_STR, 0, "description", 50, 0, 0},
  NOTES_COL,
  SOURCES_COL,
  {"review", "review", XC_STR, 0, 0, 10, XC_PRIVATE, 0},
  END_COL
};

static const ExportCol aExchangeCol[] = {
  ID_COL,
  {"date", "date", XC_DATE, 0, "date", 12, 0, 0},
  {"precision", "precision", XC_STR, 0, 0, 8, 0, 0},
  {"kind", "kind", XC_STR, 0, "kind", 12, 0, 0},
  {"title", "title", XC_STR, 0, "title", 50, 0, 0},
  {"tie_ids", "ties", XC_IDS, "id", "ties", 10, 0, 0},
  {"partners_en", "ties", XC_CODES, "name_en", 0, 20, 0, 0},
  {"fields", "fields", XC_CODES, 0, "fields", 16, 0, 0},
  {"substantive", "substantive", XC_BOOL, 0, "substantive", 8, 0, 0},
  {"participants", "participants", XC_INT, 0, "participants", 8, 0, 0},
  {"organisation_ids", "organisations", XC_IDS, "id", "organisations", 10, 0, 0},
  {"project_id", "project.id", XC_INT, 0, "project_id", 8, 0, 0},
  {"event", "event", XC_STR, 0, "event", 30, 0, 0},
  {"expires", "expires", XC_DATE, 0, "expires", 12, 0, 0},
  {"description", "description", XC_STR, 0, "description", 60, 0, 0},
  SOURCES_COL,
  {"links", "links", XC_LIST, 0, "links", 30, 0, 0},
  END_COL
};

static const ExportCol aProjectCol[] = {
  ID_COL,
  {"title", "title", XC_STR, 0, "title", 40, 0, 0},
  {"stage", "stage", XC_STR, 0, "stage", 12, 0, 0},
  {"tie_ids", "ties", XC_IDS, "id", "ties", 10, 0, 0},
  {"partners_en", "ties", XC_CODES, "name_en", 0, 20, 0, 0},
  {"organisation_ids", "organisations", XC_IDS, "id", "organisations", 10, 0, 0},
  {"sectors", "sectors", XC_CODES, "code", "sectors", 10, 0, 0},
  {"value", "value", XC_NUM, 0, "value", 12, 0, 0},
  {"currency", "currency", XC_STR, 0, "currency", 8, 0, 0},
  {"start", "start", XC_DATE, 0, "start", 12, 0, 0},
  {"end", "end", XC_DATE, 0, "end", 12, 0, 0},
  {"description", "description", XC_STR, 0, "description", 60, 0, 0},
  NOTES_COL,
  SOURCES_COL,
  END_COL
};

static const ExportCol aOppCol[] = {
  ID_COL,
  {"kind", "kind", XC_STR, 0, "kind", 10, 0, 0},
  {"category", "category", XC_STR, 0, "category", 14, 0, 0},
  {"direction", "direction", XC_STR, 0, "direction", 12, 0, 0},
  {"org_id", "owner", XC_REFID, "id", "org_id", 8, 0, "org"},
  {"partner_id", "owner", XC_REFID, "id", "partner_id", 8, 0, "partner"},
  {"owner_en", "owner.name_en", XC_STR, 0, 0, 24, 0, 0},
  {"industries", "industries", XC_CODES, 0, "industries", 12, 0, 0},
  {"target_countries", "target_countries", XC_CODES, 0, "target_countries", 12, 0, 0},
  {"title_zh", "title_zh", XC_STR, 0, "title_zh", 40, 0, 0},
  {"title_en", "title_en", XC_STR, 0, "title_en", 40, 0, 0},
  {"description_zh", "description_zh", XC_STR, 0, "description_zh", 60, 0, 0},
  {"description_en", "description_en", XC_STR, 0, "description_en", 60, 0, 0},
  {"status", "status", XC_STR, 0, "status", 10, 0, 0},
  {"valid_until", "valid_until", XC_DATE, 0, "valid_until", 12, 0, 0},
  {"published", "published", XC_DATE, 0, "published", 12, 0, 0},
  SOURCES_COL,
  END_COL
};

static const ExportCol aEventCol[] = {
  ID_COL,
  {"title_zh", "title_zh", XC_STR, 0, "title_zh", 36, 0, 0},
  {"title_en", "title_en", XC_STR, 0, "title_en", 36, 0, 0},
  {"kind", "kind", XC_STR, 0, "kind", 12, 0, 0},
  {"status", "status", XC_STR, 0, "status", 10, 0, 0},
  {"start", "start", XC_DATE, 0, "start", 12, 0, 0},
  {"end", "end", XC_DATE, 0, "end", 12, 0, 0},
  {"series_id", "series.id", XC_INT, 0, "series_id", 8, 0, 0},
  {"edition", "edition", XC_INT, 0, "edition", 8, 0, 0},
  {"city_id", "city.id", XC_INT, 0, "city_id", 10, 0, 0},
  {"city_en", "city.name_en", XC_STR, 0, 0, 16, 0, 0},
  {"place", "place", XC_STR, 0, "place", 30, 0, 0},
  {"organisers", "organisers", XC_STR, 0, "organisers", 30, 0, 0},
  {"fields", "fields", XC_CODES, 0, "fields", 16, 0, 0},
  {"public", "public", XC_BOOL, 0, "public", 8, 0, 0},
  {"reported_people", "reported_people", XC_INT, 0, "reported_people", 10, 0, 0},
  {"reported_countries", "reported_countries", XC_INT, 0, "reported_countries", 10, 0, 0},
  {"reported_delegations", "reported_delegations", XC_INT, 0, "reported_delegations", 10, 0, 0},
  {"description", "description", XC_STR, 0, "description", 60, 0, 0},
  NOTES_COL,
  SOURCES_COL,
  {"links", "links", XC_LIST, 0, "links", 30, 0, 0},
  END_COL
};

static const ExportCol aPersonCol[] = {
  ID_COL,
  {"name_zh", "name_zh", XC_STR, 0, "name_zh", 14, 0, 0},
  {"name_en", "name_en", XC_STR, 0, "name_en", 24, 0, 0},
  {"name_native", "name_native", XC_STR, 0, "name_native", 20, 0, 0},
  {"title", "title", XC_STR, 0, "title", 36, 0, 0},
  {"org_id", "org.id", XC_INT, 0, "org_id", 8, 0, 0},
  {"org_en", "org.name_en", XC_STR, 0, 0, 24, 0, 0},
  {"city_id", "city.id", XC_INT, 0, "city_id", 10, 0, 0},
  {"city_en", "city.name_en", XC_STR, 0, 0, 16, 0, 0},
  {"languages", "languages", XC_CODES, 0, "languages", 10, 0, 0},
  {"roles", "roles", XC_CODES, 0, "roles", 12, 0, 0},
  {"email", "email", XC_STR, 0, "email", 24, 0, 0},
  {"phone", "phone", XC_STR, 0, "phone", 16, 0, 0},
  {"address", "address", XC_STR, 0, "address", 30, 0, 0},
  {"friend_since", "friend_since", XC_DATE, 0, "friend_since", 12, 0, 0},
  NOTES_COL,
  SOURCES_COL,
  END_COL
};

static const ExportCol aDelegationCol[] = {
  ID_COL,
  {"direction", "direction", XC_STR, 0, "direction", 8, 0, 0},
  {"status", "status", XC_STR, 0, "status", 10, 0, 0},
  {"title_zh", "title_zh", XC_STR, 0, "title_zh", 36, 0, 0},
  {"title_en", "title_en", XC_STR, 0, "title_en", 36, 0, 0},
  {"start", "start", XC_DATE, 0, "start", 12, 0, 0},
  {"end", "end", XC_DATE, 0, "end", 12, 0, 0},
  {"tie_ids", "ties", XC_IDS, "id", "ties", 10, 0, 0},
  {"partners_en", "ties", XC_CODES, "name_en", 0, 20, 0, 0},
  {"head", "head", XC_STR, 0, "head", 24, XC_PRIVATE, 0},
  {"head_person_id", "head_person.id", XC_INT, 0, "head_person_id", 8, XC_PRIVATE, 0},
  {"size", "size", XC_INT, 0, "size", 8, 0, 0},
  {"purpose", "purpose", XC_STR, 0, "purpose", 50, 0, 0},
  {"fields", "fields", XC_CODES, 0, "fields", 16, 0, 0},
  {"event_id", "event.id", XC_INT, 0, "event_id", 8, 0, 0},
  {"public", "public", XC_BOOL, 0, "public", 8, 0, 0},
  NOTES_COL,
  SOURCES_COL,
  END_COL
};

static const ExportCol aAuditCol[] = {
  ID_COL,
  {"at", "at", XC_STR, 0, 0, 20, 0, 0},
  {"actor", "actor", XC_STR, 0, 0, 12, 0, 0},
  {"action", "action", XC_STR, 0, 0, 10, 0, 0},
  {"entity", "entity", XC_STR, 0, 0, 12, 0, 0},
  {"entity_id", "entity_id", XC_INT, 0, 0, 8, 0, 0},
  {"name_en", "name_en", XC_STR, 0, 0, 36, 0, 0},
  {"name_zh", "name_zh", XC_STR, 0, 0, 24, 0, 0},
  {"fields", "changes", XC_CODES, "field", 0, 30, 0, 0},
  {"revert_of", "revert_of", XC_INT, 0, 0, 8, 0, 0},
  END_COL
};

const ExportType aExportType[] = {
  {"partners", "partner", azPartnerParam, 500, 0, aPartnerCol, list_partners, partner_get, partner_create, partner_update},
  {"orgs", "org", azOrgParam, 500, 0, aOrgCol, list_orgs, org_get, org_create, org_update},
  {"exchanges", "exchange", azExchangeParam, 500, 0, aExchangeCol, list_exchanges, exchange_get, exchange_create, exchange_update},
  {"projects", "project", azProjectParam, 500, 0, aProjectCol, list_projects, project_get, project_create, project_update},
  {"opportunities", "opportunity", azOppParam, 500, 0, aOppCol, list_opps, opp_get, opp_create, opp_update},
  {"events", "event", azEventParam, 500, 0, aEventCol, list_events, event_get, event_create, event_update},
  {"people", "person", azPersonParam, 500, 1, aPersonCol, list_people, person_get, person_create, person_update},
  {"delegations", "delegation", azDelegationParam, 500, 0, aDelegationCol, list_delegations, delegation_get, delegation_create, delegation_update},
  {"audit", 0, azAuditParam, 200, 1, aAuditCol, list_audit, 0, 0, 0},
  {0, 0, 0, 0, 0, 0, 0, 0, 0, 0}
};

const ExportType *export_type(const char *zName){
  for(const ExportType *t = aExportType; zName && t->zName; t++) if( strcmp(t->zName, zName)==0 ) return t;
  return 0;
}

/* ---------------------------------------------------------------------------
** Rows
*/
/* Call xPage(pArg, items) for each page of the list of t with the filters
** az (limit and cursor ignored): every row, page by page, so that an
** export holds one page at a time. More than EXPORT_MAX_ROWS: 413, before
** any page is handed out. */
typedef YcStatus (*ExportPageFn)(void *pArg, json_t *items, Err *e);
static YcStatus export_each(Ctx *c, const ExportType *t, const char *const *az, ExportPageFn xPage, void *pArg, Err *e){
  if( t->bSignedIn && !ctx_signed_in(c) )
    return err_set(e, YC_EAUTH, "unauthenticated", 0, "sign in to export %s", t->zName);
  const char *azQ[EXPORT_MAX_PARAM];
  memset(azQ, 0, sizeof azQ);
  int iLimit = -1, iCursor = -1;
  for(int i=0; t->azParam[i] && i<EXPORT_MAX_PARAM; i++){
    if( strcmp(t->azParam[i], "limit")==0 ) iLimit = i;
    else if( strcmp(t->azParam[i], "cursor")==0 ) iCursor = i;
    else azQ[i] = az && az[i] && *az[i] ? az[i] : 0;   /* an empty field of a filter form: not given */
  }
  char zLimit[16];
  snprintf(zLimit, sizeof zLimit, "%d", t->nMaxPage);
  if( iLimit>=0 ) azQ[iLimit] = zLimit;
  char *zCursor = 0;
  YcStatus st = YC_OK;
  size_t nRows = 0;
  for(int bFirst = 1; ; bFirst = 0){
    if( iCursor>=0 ) azQ[iCursor] = zCursor;
    json_t *page = 0;
    st = t->xList(c, azQ, &page, e);
    if( st ) break;
    json_t *items = json_object_get(page, "items");
    nRows += json_array_size(items);
    if( (bFirst && json_integer_value(json_object_get(page, "total"))>EXPORT_MAX_ROWS) || nRows>EXPORT_MAX_ROWS ){
      json_decref(page);
      st = err_set(e, YC_ETOOLARGE, "too_many_rows", 0,
        "the export has more than %d rows; narrow it with filters", EXPORT_MAX_ROWS);
      break;
    }
    st = xPage(pArg, items, e);
    const char *zNext = jstr(page, "next_cursor");
    free(zCursor);
    zCursor = !st && zNext && iCursor>=0 && json_array_size(items) ? strdup(zNext) : 0;
    json_decref(page);
    if( st || !zCursor ) break;
  }
  free(zCursor);
  return st;
}

/* The columns a caller sees: private ones only when signed in. */
static int export_cols(const Ctx *c, const ExportType *t, const ExportCol **ap, int nMax){
  int n = 0;
  for(const ExportCol *k = t->aCol; k->zName && n<nMax; k++){
    if( (k->flags & XC_PRIVATE) && !ctx_signed_in(c) ) continue;
    ap[n++] = k;
  }
  return n;
}

/* The value at a dotted path ("city.country.iso2"). */
static json_t *path_get(json_t *o, const char *zPath){
  char zKey[64];
  while( o && json_is_object(o) ){
    const char *zDot = strchr(zPath, '.');
    if( !zDot ) return json_object_get(o, zPath);
    size_t n = (size_t)(zDot - zPath);
    if( n>=sizeof zKey ) return 0;
    memcpy(zKey, zPath, n);
    zKey[n] = 0;
    o = json_object_get(o, zKey);
    zPath = zDot + 1;
  }
  return 0;
}

static void put_number(Buf *b, json_t *v){
  if( json_is_integer(v) ){ buf_printf(b, "%lld", (long long)json_integer_value(v)); return; }
  double d = json_real_value(v);
  char z[40];
  snprintf(z, sizeof z, "%.15g", d);
  if( strtod(z, 0)!=d ) snprintf(z, sizeof z, "%.17g", d);
  buf_puts(b, z);
}

/* The value of column k of item, as its cell text (b stays empty for none).
** *ppNum gets the JSON number of a numeric cell (0 otherwise). */
static void cell_text(const ExportCol *k, json_t *item, Buf *b, json_t **ppNum){
  buf_reset(b);
  if( ppNum ) *ppNum = 0;
  json_t *v = path_get(item, k->zPath), *x;
  size_t i;
  switch( k->eKind ){
    case XC_INT: case XC_NUM:
      if( json_is_number(v) ){ put_number(b, v); if( ppNum ) *ppNum = v; }
      break;
    case XC_STR: case XC_DATE:
      if( json_is_string(v) ) buf_puts(b, json_string_value(v));
      else if( json_is_number(v) ) put_number(b, v);
      break;
    case XC_BOOL:
      if( json_is_boolean(v) ) buf_puts(b, json_is_true(v) ? "1" : "0");
      break;
    case XC_LIST:
      json_array_foreach(v, i, x){
        if( i ) buf_puts(b, " | ");
        buf_puts(b, json_is_string(x) ? json_string_value(x) : "");
      }
      break;
    case XC_CODES: case XC_IDS:
      json_array_foreach(v, i, x){
        json_t *y = k->zKey ? json_object_get(x, k->zKey) : x;
        if( i ) buf_putc(b, ';');
        if( json_is_string(y) ) buf_puts(b, json_string_value(y));
        else if( json_is_number(y) ) put_number(b, y);
      }
      break;
    case XC_REFID:
      if( json_is_object(v) && (!k->zWhen || strcmp(jstr(v, "type") ? jstr(v, "type") : "", k->zWhen)==0) ){
        json_t *y = json_object_get(v, k->zKey);
        if( json_is_number(y) ){ put_number(b, y); if( ppNum ) *ppNum = y; }
      }
      break;
  }
}

/* ---------------------------------------------------------------------------
** CSV
*/
static int needs_guard(const char *z){
  while( *z=='\'' ) z++;
  return *z=='=' || *z=='+' || *z=='-' || *z=='@';
}

void export_csv_cell(Buf *b, const char *z, int bFirst){
  if( !bFirst ) buf_putc(b, ',');
  if( !z || !*z ) return;
  size_t n = strlen(z);
  char *zIn = 0;
  if( needs_guard(z) ){
    zIn = malloc(n + 2);
    if( !zIn ) return;
    zIn[0] = '\'';
    memcpy(zIn + 1, z, n + 1);
    z = zIn;
    n++;
  }
  char *zOut = malloc(2*n + 3);
  if( zOut ){
    size_t k = csv_write(zOut, 2*n + 3, z, n);
    buf_append(b, zOut, k);
    free(zOut);
  }
  free(zIn);
}

const char *export_unguard(const char *z){
  return (z[0]=='\'' && needs_guard(z+1)) ? z+1 : z;
}

/* The writer of one export: the columns, and the CSV buffer or the XLSX worksheet. */
typedef struct Writer {
  const ExportCol *ap[CSVIMP_MAX_COLS];
  int n;
  Buf *b;                 /* CSV */
  lxw_worksheet *ws;      /* XLSX */
  lxw_row_t iRow;
  Buf cell;
} Writer;

static YcStatus csv_page(void *pArg, json_t *items, Err *e){
  Writer *w = pArg;
  json_t *item;
  size_t i;
  (void)e;
  json_array_foreach(items, i, item){
    for(int j=0; j<w->n; j++){
      json_t *num;
      cell_text(w->ap[j], item, &w->cell, &num);
      if( num ){ if( j ) buf_putc(w->b, ','); buf_puts(w->b, buf_str(&w->cell)); }
      else export_csv_cell(w->b, buf_str(&w->cell), j==0);
    }
    buf_puts(w->b, "\r\n");
  }
  return buf_error(w->b) ? err_set(e, YC_EINTERNAL, "out_of_memory", 0, "out of memory") : YC_OK;
}

static YcStatus xlsx_page(void *pArg, json_t *items, Err *e){
  Writer *w = pArg;
  json_t *item;
  size_t i;
  (void)e;
  json_array_foreach(items, i, item){
    w->iRow++;
    for(int j=0; j<w->n; j++){
      json_t *num;
      cell_text(w->ap[j], item, &w->cell, &num);
      if( num ) worksheet_write_number(w->ws, w->iRow, (lxw_col_t)j, json_number_value(num), 0);
      else if( w->cell.n ) worksheet_write_string(w->ws, w->iRow, (lxw_col_t)j, buf_str(&w->cell), 0);
    }
  }
  return YC_OK;
}

/* XLSX: libxlsxwriter writes a file (1.1.4 has no memory output); it is
** written in a private temporary file, read back and removed. */
static YcStatus export_xlsx(Ctx *c, const ExportType *t, const char *const *az, Writer *w, Buf *b, Err *e){
  const char *zDir = getenv("TMPDIR");
  char zPath[512];
  snprintf(zPath, sizeof zPath, "%s/yc-export-XXXXXX", zDir && *zDir ? zDir : "/tmp");
  int fd = mkstemp(zPath);
  if( fd<0 ) return err_set(e, YC_EINTERNAL, "io_error", 0, "cannot make a temporary file for the XLSX export");
  close(fd);
  lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = 0};
  lxw_workbook *wb = workbook_new_opt(zPath, &opt);
  if( !wb ){ unlink(zPath); return err_set(e, YC_EINTERNAL, "io_error", 0, "cannot start the XLSX workbook"); }
  w->ws = workbook_add_worksheet(wb, t->zName);
  lxw_format *bold = workbook_add_format(wb);
  format_set_bold(bold);
  for(int j=0; j<w->n; j++) worksheet_set_column(w->ws, (lxw_col_t)j, (lxw_col_t)j, w->ap[j]->nWidth, 0);
  worksheet_freeze_panes(w->ws, 1, 0);
  for(int j=0; j<w->n; j++) worksheet_write_string(w->ws, 0, (lxw_col_t)j, w->ap[j]->zName, bold);
  YcStatus st = export_each(c, t, az, xlsx_page, w, e);
  lxw_error rc = workbook_close(wb);
  if( st || rc ){
    unlink(zPath);
    return st ? st : err_set(e, YC_EINTERNAL, "io_error", 0, "XLSX: %s", lxw_strerror(rc));
  }
  FILE *f = fopen(zPath, "rb");
  unlink(zPath);
  if( !f ) return err_set(e, YC_EINTERNAL, "io_error", 0, "cannot read the XLSX workbook back");
  char zBuf[65536];
  size_t k;
  while( (k = fread(zBuf, 1, sizeof zBuf, f))>0 ) buf_append(b, zBuf, k);
  fclose(f);
  if( buf_error(b) ) return err_set(e, YC_EINTERNAL, "out_of_memory", 0, "out of memory");
  return YC_OK;
}

YcStatus export_write(Ctx *c, const ExportType *t, const char *const *az, int bXlsx, Buf *b, Err *e){
  Writer w;
  memset(&w, 0, sizeof w);
  w.n = export_cols(c, t, w.ap, CSVIMP_MAX_COLS);
  w.b = b;
  YcStatus st;
  if( bXlsx ){
    st = export_xlsx(c, t, az, &w, b, e);
  }else{
    buf_puts(b, "\xEF\xBB\xBF");   /* byte order mark: Excel then reads UTF-8 */
    for(int j=0; j<w.n; j++){ if( j ) buf_putc(b, ','); buf_puts(b, w.ap[j]->zName); }
    buf_puts(b, "\r\n");
    st = export_each(c, t, az, csv_page, &w, e);
  }
  buf_free(&w.cell);
  if( st ) buf_reset(b);
  return st;
}

void export_filename(const ExportType *t, const char *zExt, char *zOut, size_t nOut){
  char zDay[16];
  date_today_text(zDay);
  snprintf(zOut, nOut, "%s-%s.%s", t->zName, zDay, zExt);
}

/* ---------------------------------------------------------------------------
** Import of an export
*/
typedef struct ImpArg {
  const ExportType *t;
  const char *azCol[CSVIMP_MAX_COLS + 1];
  const ExportCol *apCol[CSVIMP_MAX_COLS];
} ImpArg;

static void imp_header(CsvImport *x){
  if( !csvimp_has_column(x, "id") ) csvimp_error(x, "id", "missing_column", "the header needs an id column (the export's form)");
}

/* The input value of cell z for column k; 0 (with an error recorded) if it does not parse. */
static json_t *cell_input(CsvImport *x, const ExportCol *k, const char *z){
  char *zEnd;
  switch( k->eKind ){
    case XC_INT: case XC_REFID: {
      if( !*z ) return json_null();
      long long v = strtoll(z, &zEnd, 10);
      if( *zEnd ){ csvimp_error(x, k->zName, "wrong_type", "must be an integer"); return 0; }
      return json_integer(v);
    }
    case XC_NUM: {
      if( !*z ) return json_null();
      if( !strpbrk(z, ".eE") ){
        long long v = strtoll(z, &zEnd, 10);
        if( !*zEnd ) return json_integer(v);
      }
      double d = strtod(z, &zEnd);
      if( *zEnd ){ csvimp_error(x, k->zName, "wrong_type", "must be a number"); return 0; }
      return json_real(d);
    }
    case XC_STR: case XC_DATE:
      return *z ? json_string(z) : json_null();
    case XC_BOOL:
      if( !*z ) return json_null();
      if( strcmp(z, "1")==0 || strcmp(z, "true")==0 ) return json_true();
      if( strcmp(z, "0")==0 || strcmp(z, "false")==0 ) return json_false();
      csvimp_error(x, k->zName, "wrong_type", "must be 1, 0, true or false");
      return 0;
    case XC_LIST: case XC_CODES: case XC_IDS: {
      json_t *a = json_array();
      const char *zSep = k->eKind==XC_LIST ? " | " : ";";
      size_t nSep = strlen(zSep);
      for(const char *s = z; ; ){
        const char *zNext = strstr(s, zSep);
        const char *zB = s, *zE = zNext ? zNext : s + strlen(s);
        if( k->eKind!=XC_LIST ){              /* codes and ids: spaces around them dropped */
          while( zB<zE && *zB==' ' ) zB++;
          while( zE>zB && zE[-1]==' ' ) zE--;
        }
        size_t n = (size_t)(zE - zB);
        if( n && k->eKind==XC_IDS ){
          char zNum[24];
          long long v = 0;
          if( n<sizeof zNum ){ memcpy(zNum, zB, n); zNum[n] = 0; v = strtoll(zNum, &zEnd, 10); }
          if( n>=sizeof zNum || *zEnd || v<1 ){
            csvimp_error(x, k->zName, "wrong_type", "must be ids separated by ';'");
            json_decref(a);
            return 0;
          }
          json_array_append_new(a, json_integer(v));
        }else if( n ){
          json_array_append_new(a, json_stringn(zB, n));
        }
        if( !zNext ) break;
        s = zNext + nSep;
      }
      return a;
    }
  }
  return json_null();
}

/* 1 if the input value v of column k is written as the cell text zCur
** (the same value in other spelling: spaces around codes, 007 for 7). */
static int input_same(const ExportCol *k, json_t *v, const char *zCur){
  Buf b = BUF_INIT;
  json_t *x;
  size_t i;
  if( json_is_array(v) ){
    json_array_foreach(v, i, x){
      if( i ) buf_puts(&b, k->eKind==XC_LIST ? " | " : ";");
      if( json_is_string(x) ) buf_puts(&b, json_string_value(x));
      else put_number(&b, x);
    }
  }else if( json_is_number(v) ){
    put_number(&b, v);
  }else if( json_is_boolean(v) ){
    buf_puts(&b, json_is_true(v) ? "1" : "0");
  }else if( json_is_string(v) ){
    buf_puts(&b, json_string_value(v));
  }
  int bSame = strcmp(buf_str(&b), zCur)==0;
  buf_free(&b);
  return bSame;
}

static void imp_change(CsvImport *x, int64_t id, const char *zOutcome, json_t *aCols){
  if( json_array_size(x->aChange)>=CSVIMP_MAX_CHANGES ){ json_decref(aCols); return; }
  json_array_append_new(x->aChange, json_pack("{s:i, s:I, s:s, s:o}", "row", x->iRow, "id", (json_int_t)id,
    "outcome", zOutcome, "columns", aCols));
}

static void imp_fail(CsvImport *x, YcStatus st, const Err *e){
  if( st==YC_EINTERNAL && x->stFatal==YC_OK ){ x->stFatal = st; x->eFatal = *e; }
  else csvimp_error(x, e->zField, e->zCode, e->zMsg);
}

static void imp_row(CsvImport *x){
  ImpArg *a = x->pArg;
  const ExportType *t = a->t;
  const char *zId = 0;
  for(int i=0; i<x->nField; i++){
    int k = x->aCol[i];
    if( k<0 ) continue;
    if( !text_utf8_valid(x->azField[i], strlen(x->azField[i])) ){
      csvimp_error(x, a->azCol[k], "invalid_utf8", "not valid UTF-8");
      return;
    }
    if( strcmp(a->azCol[k], "id")==0 ) zId = x->azField[i];
  }
  Err e;
  memset(&e, 0, sizeof e);
  json_t *in = json_object(), *aCols = json_array();
  if( !zId || !*zId ){
    /* A new record: every editable column given. */
    for(int i=0; i<x->nField; i++){
      int k = x->aCol[i];
      if( k<0 || !a->apCol[k]->zInput ) continue;
      const char *z = export_unguard(x->azField[i]);
      if( !*z ) continue;
      json_t *v = cell_input(x, a->apCol[k], z);
      if( !v ){ json_decref(in); json_decref(aCols); return; }
      json_object_set_new(in, a->apCol[k]->zInput, v);
      json_array_append_new(aCols, json_string(a->azCol[k]));
    }
    json_t *out = 0;
    YcStatus st = t->xCreate(x->c, in, &out, &e);
    json_decref(in);
    if( st ){ json_decref(aCols); imp_fail(x, st, &e); return; }
    x->nCreated++;
    imp_change(x, json_integer_value(json_object_get(out, "id")), "created", aCols);
    json_decref(out);
    return;
  }
  char *zEnd;
  long long id = strtoll(zId, &zEnd, 10);
  if( *zEnd || id<1 ){
    json_decref(in); json_decref(aCols);
    csvimp_error(x, "id", "wrong_type", "id must be the id of a record (or empty for a new one)");
    return;
  }
  json_t *cur = 0;
  YcStatus st = t->xGet(x->c, id, &cur, &e);
  if( st ){
    json_decref(in); json_decref(aCols);
    if( st==YC_ENOTFOUND ){
      char zMsg[120];
      snprintf(zMsg, sizeof zMsg, "no %s with id %lld", t->zEntity, id);
      csvimp_error(x, "id", "not_found", zMsg);
    }else imp_fail(x, st, &e);
    return;
  }
  Buf cell = BUF_INIT;
  int bBad = 0;
  for(int i=0; i<x->nField && !bBad; i++){
    int k = x->aCol[i];
    if( k<0 ) continue;
    const ExportCol *col = a->apCol[k];
    if( strcmp(col->zName, "id")==0 ) continue;
    const char *z = export_unguard(x->azField[i]);
    cell_text(col, cur, &cell, 0);
    if( strcmp(z, buf_str(&cell))==0 ) continue;
    if( !col->zInput ){
      char zMsg[300];
      snprintf(zMsg, sizeof zMsg, "%s is derived (read-only) and disagrees with the record: it is '%.100s'",
               col->zName, buf_str(&cell));
      csvimp_error(x, col->zName, "read_only", zMsg);
      bBad = 1;
      break;
    }
    json_t *v = cell_input(x, col, z);
    if( !v ){ bBad = 1; break; }
    if( input_same(col, v, buf_str(&cell)) ){ json_decref(v); continue; }   /* " 6 ; 7" is "6;7" */
    json_object_set_new(in, col->zInput, v);
    json_array_append_new(aCols, json_string(col->zName));
  }
  buf_free(&cell);
  json_decref(cur);
  if( bBad ){ json_decref(in); json_decref(aCols); return; }
  if( json_object_size(in)==0 ){
    json_decref(in); json_decref(aCols);
    x->nUnchanged++;
    return;
  }
  json_t *out = 0;
  st = t->xUpdate(x->c, id, in, &out, &e);
  json_decref(in);
  json_decref(out);
  if( st ){ json_decref(aCols); imp_fail(x, st, &e); return; }
  x->nUpdated++;
  imp_change(x, id, "updated", aCols);
}

YcStatus export_import(Ctx *c, const ExportType *t, const char *zData, size_t nData, int bDryRun,
                       json_t **ppReport, Err *e){
  *ppReport = 0;
  if( !t->zEntity || !t->xGet ) return err_set(e, YC_EINVALID, "not_importable", 0, "%s is exported only", t->zName);
  ImpArg a;
  memset(&a, 0, sizeof a);
  a.t = t;
  int n = 0;
  for(const ExportCol *k = t->aCol; k->zName && n<CSVIMP_MAX_COLS; k++){
    a.apCol[n] = k;
    a.azCol[n++] = k->zName;
  }
  a.azCol[n] = 0;
  return csvimp_run_ex(c, zData, nData, bDryRun, a.azCol, imp_header, imp_row, 0, &a, 1, ppReport, e);
}

/* The first record of the CSV: does it name an id column? */
typedef struct Sniff { int iField, bDone, bId; } Sniff;
static void sniff_field(void *s, size_t n, void *p){
  Sniff *x = p;
  if( x->bDone ) return;
  const char *z = s;
  if( x->iField==0 && n>=3 && memcmp(z, "\xEF\xBB\xBF", 3)==0 ){ z += 3; n -= 3; }
  if( n==2 && memcmp(z, "id", 2)==0 ) x->bId = 1;
  x->iField++;
}
static void sniff_row(int ch, void *p){ (void)ch; ((Sniff*)p)->bDone = 1; }

int export_is_export_form(const char *zData, size_t nData){
  struct csv_parser csv;
  if( csv_init(&csv, 0)!=0 ) return 0;
  Sniff x = {0, 0, 0};
  const char *zEol = memchr(zData, '\n', nData);
  size_t n = zEol ? (size_t)(zEol - zData) + 1 : nData;
  csv_parse(&csv, zData, n, sniff_field, sniff_row, &x);
  if( !x.bDone ) csv_fini(&csv, sniff_field, sniff_row, &x);
  csv_free(&csv);
  return x.bId;
}

YcStatus export_import_any(Ctx *c, const char *zType, const char *zData, size_t nData, int bDryRun,
                           json_t **ppReport, Err *e){
  *ppReport = 0;
  const ExportType *t = export_type(zType);
  if( !t || !t->zEntity ) return err_set(e, YC_ENOTFOUND, "not_found", 0, "no import of '%.40s'", zType ? zType : "");
  if( !export_is_export_form(zData, nData) ){
    if( strcmp(t->zName, "partners")==0 ) return partner_import(c, zData, nData, bDryRun, ppReport, e);
    if( strcmp(t->zName, "exchanges")==0 ) return exchange_import(c, zData, nData, bDryRun, ppReport, e);
    if( strcmp(t->zName, "opportunities")==0 ) return opp_import_csv(c, zData, nData, bDryRun, ppReport, e);
  }
  return export_import(c, t, zData, nData, bDryRun, ppReport, e);
}
