/*
** twins_import.c: import of twin-town files and the re-resolution that
** derives the world twin-city network from every imported row; see
** twins_import.h. The file is read whole with libcsv (the CSV parser of
** every import), checked, stored row by row, and then every stored row
** of every import is resolved again (twins.c) in one transaction.
*/
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <csv.h>
#include <sodium.h>
#include "core/twins_import.h"
#include "core/twins.h"
#include "core/audit.h"
#include "core/layout.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/date.h"
#include "text/norm.h"
#include "text/country_norm.h"

#define TW_MAX_FIELDS 64
#define TW_MAX_ERRORS 100
#define TW_MAX_ROWS 500000

const char *const azTwinCategory[] = {"same_city", "ambiguous", "unknown_country", "area", "not_found",
  "wrong_country", "qid_conflict", "not_a_city", 0};

/* ---- formats ---------------------------------------------------------- */

/* The fields a row gives, whatever the file calls its columns. */
enum { F_CITY1, F_COUNTRY1, F_LAT1, F_LNG1, F_QID1, F_CITY2, F_COUNTRY2, F_LAT2, F_LNG2, F_QID2, F_N };
static const char *const azField[F_N + 1] = {"city1", "country1", "lat1", "lng1", "qid1",
  "city2", "country2", "lat2", "lng2", "qid2", 0};

typedef struct TwFormat {
  const char *zName;
  char cDelim;
  const char *const *azHeader;   /* the exact header */
  const char *azMap[F_N];        /* the column of each field, or 0 */
} TwFormat;

static const char *const azWikipediaCol[] = {"city1", "country1", "lat1", "lng1", "city2", "country2", "lat2", "lng2", 0};
static const char *const azWikidataCol[] = {"city_a_qid", "city_a_label", "city_b_qid", "city_b_label", "stated_both_ways", 0};
static const char *const azEuCol[] = {"origincityLabel", "origincountry", "originlat", "originlong", "originpopulation",
  "sistercityLabel", "destinationlat", "destinationlong", "destinationpopulation", "destination_countryLabel", "dist", "eu", 0};

static const TwFormat aFormat[] = {
  {"wikipedia", ',', azWikipediaCol,
   {"city1", "country1", "lat1", "lng1", 0, "city2", "country2", "lat2", "lng2", 0}},
  {"wikidata", ',', azWikidataCol,
   {"city_a_label", 0, 0, 0, "city_a_qid", "city_b_label", 0, 0, 0, "city_b_qid"}},
  {"eu_wikidata", '\t', azEuCol,
   {"origincityLabel", "origincountry", "originlat", "originlong", 0,
    "sistercityLabel", "destination_countryLabel", "destinationlat", "destinationlong", 0}},
  {0, 0, 0, {0}}
};

static int format_known(const char *z){
  if( strcmp(z, "mapped")==0 ) return 1;
  for(int i=0; aFormat[i].zName; i++) if( strcmp(aFormat[i].zName, z)==0 ) return 1;
  return 0;
}

/* ---- parsing ---------------------------------------------------------- */

typedef struct TwRow {
  int iRow;                /* 1-based data row */
  char *az[F_N];           /* the fields (trimmed; "" if absent) */
  double lat[2], lng[2];
  int bC[2];
} TwRow;

typedef struct TwParse {
  Arena *pA;
  const char *zFormat;     /* asked for, or 0 */
  const char *zMap;        /* the mapping asked for, or 0 */
  const TwFormat *pFmt;    /* the format found (0 for mapped) */
  int aCol[F_N];           /* column of each field, -1 if none */
  int iBothWays;           /* wikidata: the stated_both_ways column */
  int nCol;                /* columns of the header */
  char *azHead[TW_MAX_FIELDS];
  char *azCell[TW_MAX_FIELDS];
  int nCell, bTooMany;
  int iRec;                /* records read, the header included */
  int bHeaderBad;
  TwRow *aRow;
  int nRow, nRowAlloc;
  json_t *aErr;
} TwParse;

static void tw_error(TwParse *x, int iRow, const char *zField, const char *zCode, const char *zFmt, ...)
  __attribute__((format(printf,5,6)));
static void tw_error(TwParse *x, int iRow, const char *zField, const char *zCode, const char *zFmt, ...){
  if( json_array_size(x->aErr)>=TW_MAX_ERRORS ) return;
  char zMsg[400];
  va_list ap;
  va_start(ap, zFmt);
  vsnprintf(zMsg, sizeof zMsg, zFmt, ap);
  va_end(ap);
  json_array_append_new(x->aErr, json_pack("{s:i, s:s, s:s, s:s}", "row", iRow,
    "field", zField ? zField : "", "code", zCode, "message", zMsg));
}

static void tw_cell(void *s, size_t n, void *p){
  TwParse *x = p;
  if( x->nCell>=TW_MAX_FIELDS ){ x->bTooMany = 1; return; }
  x->azCell[x->nCell++] = arena_strndup(x->pA, s ? s : "", s ? n : 0);
}

static char *trim(char *z){
  while( *z==' ' || *z=='\t' ) z++;
  size_t n = strlen(z);
  while( n && (z[n-1]==' ' || z[n-1]=='\t' || z[n-1]=='\r') ) z[--n] = 0;
  return z;
}

static int header_col(TwParse *x, const char *zName){
  for(int i=0; i<x->nCell; i++) if( strcmp(x->azCell[i], zName)==0 ) return i;
  return -1;
}

/* The columns of a mapping "city1=COL,country1=COL,...". 0 if bad (an error added). */
static int map_parse(TwParse *x){
  char *zCopy = arena_strdup(x->pA, x->zMap);
  for(int i=0; i<F_N; i++) x->aCol[i] = -1;
  for(char *zItem = zCopy, *zNext; zItem && *zItem; zItem = zNext){
    zNext = strchr(zItem, ',');
    if( zNext ) *zNext++ = 0;
    char *zEq = strchr(zItem, '=');
    if( !zEq ){
      tw_error(x, 0, "map", "invalid_value", "the mapping must be FIELD=COLUMN pairs separated by commas, not '%.60s'", zItem);
      return 0;
    }
    *zEq = 0;
    char *zKey = trim(zItem), *zCol = trim(zEq + 1);
    int f = -1;
    for(int i=0; i<F_N; i++) if( strcmp(azField[i], zKey)==0 ) f = i;
    if( f<0 ){
      tw_error(x, 0, "map", "invalid_value", "unknown field '%.40s' in the mapping: fields are city1, country1, lat1, lng1, qid1,"
               " city2, country2, lat2, lng2, qid2", zKey);
      return 0;
    }
    int k = header_col(x, zCol);
    if( k<0 ){
      tw_error(x, 0, "map", "unknown_column", "the mapping names column '%.60s' (for %s), which the header does not have",
               zCol, zKey);
      return 0;
    }
    x->aCol[f] = k;
  }
  for(int s=0; s<2; s++){
    int f = s*5;
    if( x->aCol[f + F_CITY1]<0 ){
      tw_error(x, 0, "map", "required", "the mapping must name the column of %s", azField[f + F_CITY1]);
      return 0;
    }
    if( (x->aCol[f + F_LAT1]<0)!=(x->aCol[f + F_LNG1]<0) ){
      tw_error(x, 0, "map", "invalid_value", "the mapping must name both %s and %s, or neither", azField[f + F_LAT1], azField[f + F_LNG1]);
      return 0;
    }
  }
  return 1;
}

/* The header: one format's columns exactly, or a mapping's columns. */
static void tw_header(TwParse *x){
  char *z0 = x->azCell[0];
  if( z0 && (unsigned char)z0[0]==0xEF && (unsigned char)z0[1]==0xBB && (unsigned char)z0[2]==0xBF ) x->azCell[0] = z0 + 3;
  for(int i=0; i<x->nCell; i++) x->azCell[i] = trim(x->azCell[i]);
  x->nCol = x->nCell;
  for(int i=0; i<x->nCell; i++) x->azHead[i] = x->azCell[i];
  x->iBothWays = -1;
  if( x->bTooMany ){
    tw_error(x, 0, "", "wrong_columns", "the header has more than %d columns", TW_MAX_FIELDS);
    x->bHeaderBad = 1;
    return;
  }
  if( x->zMap ){
    if( !map_parse(x) ) x->bHeaderBad = 1;
    return;
  }
  for(int f=0; aFormat[f].zName; f++){
    const TwFormat *p = &aFormat[f];
    int n = 0;
    while( p->azHeader[n] ) n++;
    int bOk = n==x->nCell;
    for(int i=0; bOk && i<n; i++) if( strcmp(x->azCell[i], p->azHeader[i])!=0 ) bOk = 0;
    if( !bOk ) continue;
    if( x->zFormat && strcmp(x->zFormat, p->zName)!=0 ) continue;
    x->pFmt = p;
    for(int i=0; i<F_N; i++) x->aCol[i] = p->azMap[i] ? header_col(x, p->azMap[i]) : -1;
    if( strcmp(p->zName, "wikidata")==0 ) x->iBothWays = header_col(x, "stated_both_ways");
    return;
  }
  if( x->zFormat ){
    const TwFormat *p = 0;
    for(int f=0; aFormat[f].zName; f++) if( strcmp(aFormat[f].zName, x->zFormat)==0 ) p = &aFormat[f];
    Buf b = BUF_INIT;
    for(int i=0; p && p->azHeader[i]; i++) buf_printf(&b, "%s%s", i ? (p->cDelim=='\t' ? " TAB " : ",") : "", p->azHeader[i]);
    if( p ) tw_error(x, 0, "", "wrong_columns", "the header of a %s file must be %s", p->zName, buf_str(&b));
    else tw_error(x, 0, "map", "required", "a mapped file needs a column mapping (--map city1=COLUMN,city2=COLUMN,...)");
    buf_free(&b);
  }else{
    tw_error(x, 0, "", "wrong_columns", "unknown columns: the header must be that of the Wikipedia list"
             " (city1,country1,lat1,lng1,city2,country2,lat2,lng2), of Wikidata pairs (city_a_qid,city_a_label,"
             "city_b_qid,city_b_label,stated_both_ways) or of the EU Wikidata extract (origincityLabel, origincountry, ...,"
             " tab-separated); for other columns give a mapping (--map city1=COLUMN,country1=COLUMN,...,city2=COLUMN)");
  }
  x->bHeaderBad = 1;
}

static int parse_coord(const char *z, double lo, double hi, double *pv){
  char *zEnd;
  if( !*z ) return 0;
  double v = strtod(z, &zEnd);
  while( *zEnd==' ' ) zEnd++;
  if( *zEnd || !(v>=lo && v<=hi) ) return -1;
  *pv = v;
  return 1;
}

/* The header's name of field f (for error messages). */
static const char *col_name(TwParse *x, int f){
  return x->aCol[f]>=0 && x->aCol[f]<x->nCol ? x->azHead[x->aCol[f]] : azField[f];
}

static int qid_ok(const char *zQ){
  int bOk = zQ[0]=='Q' && zQ[1]>='1' && zQ[1]<='9' && strlen(zQ)<20;
  for(const char *s = zQ + 1; bOk && *s; s++) if( *s<'0' || *s>'9' ) bOk = 0;
  return bOk;
}

static void tw_data(TwParse *x){
  int iRow = x->iRec - 1;
  if( x->bTooMany || x->nCell!=x->nCol ){
    tw_error(x, iRow, "", "wrong_field_count", "row %d has %d fields, the header has %d", iRow,
             x->bTooMany ? TW_MAX_FIELDS : x->nCell, x->nCol);
    return;
  }
  if( iRow>TW_MAX_ROWS ){
    if( iRow==TW_MAX_ROWS + 1 ) tw_error(x, iRow, "", "too_many_rows", "more than %d rows", TW_MAX_ROWS);
    return;
  }
  TwRow w;
  memset(&w, 0, sizeof w);
  w.iRow = iRow;
  for(int f=0; f<F_N; f++) w.az[f] = x->aCol[f]>=0 ? trim(x->azCell[x->aCol[f]]) : "";
  for(int s=0; s<2; s++){
    int f = s*5;
    if( !w.az[f + F_CITY1][0] ){
      tw_error(x, iRow, col_name(x, f + F_CITY1), "required", "row %d: %s is empty", iRow, col_name(x, f + F_CITY1));
      return;
    }
    for(int k=0; k<2; k++){
      if( strlen(w.az[f + k])>=CN_NAME_MAX ){
        tw_error(x, iRow, col_name(x, f + k), "too_long", "row %d: %s must be shorter than %d bytes", iRow, col_name(x, f + k), CN_NAME_MAX);
        return;
      }
    }
    if( w.az[f + F_QID1][0] && !qid_ok(w.az[f + F_QID1]) ){
      tw_error(x, iRow, col_name(x, f + F_QID1), "invalid_value", "row %d: %s must be a Wikidata id such as Q170247, not '%.30s'",
               iRow, col_name(x, f + F_QID1), w.az[f + F_QID1]);
      return;
    }
    if( x->aCol[f + F_QID1]>=0 && x->pFmt && !w.az[f + F_QID1][0] ){
      tw_error(x, iRow, col_name(x, f + F_QID1), "required", "row %d: %s is empty", iRow, col_name(x, f + F_QID1));
      return;
    }
    double lat = 0, lng = 0;
    int a = parse_coord(w.az[f + F_LAT1], -90, 90, &lat), b = parse_coord(w.az[f + F_LNG1], -180, 180, &lng);
    if( a<0 || b<0 || a!=b ){
      const char *zBad = col_name(x, a<0 || (a==0 && b!=0) ? f + F_LAT1 : f + F_LNG1);
      tw_error(x, iRow, zBad, "invalid_value", "row %d: %s: coordinates must be decimal degrees (latitude -90..90, longitude"
               " -180..180), both or neither", iRow, zBad);
      return;
    }
    w.lat[s] = lat;
    w.lng[s] = lng;
    w.bC[s] = a>0;
  }
  if( x->iBothWays>=0 ){
    const char *zBoth = trim(x->azCell[x->iBothWays]);
    if( *zBoth && strcmp(zBoth, "yes")!=0 && strcmp(zBoth, "no")!=0 ){
      tw_error(x, iRow, "stated_both_ways", "invalid_value", "row %d: stated_both_ways must be yes or no", iRow);
      return;
    }
  }
  if( x->nRow>=x->nRowAlloc ){
    int nNew = x->nRowAlloc ? x->nRowAlloc*2 : 1024;
    TwRow *aNew = realloc(x->aRow, sizeof(TwRow)*(size_t)nNew);
    if( !aNew ){ tw_error(x, iRow, "", "out_of_memory", "out of memory"); return; }
    x->aRow = aNew;
    x->nRowAlloc = nNew;
  }
  x->aRow[x->nRow++] = w;
}

static void tw_record(int ch, void *p){
  TwParse *x = p;
  (void)ch;
  if( x->nCell==1 && x->azCell[0][0]==0 ){ x->nCell = 0; x->bTooMany = 0; return; }   /* a blank line */
  x->iRec++;
  if( x->iRec==1 ) tw_header(x);
  else if( !x->bHeaderBad && json_array_size(x->aErr)<TW_MAX_ERRORS ) tw_data(x);
  x->nCell = 0;
  x->bTooMany = 0;
}

/* The delimiter of a file: a tab when its first line has one. */
static char delimiter_of(const char *z, size_t n){
  for(size_t i=0; i<n && z[i]!='\n'; i++) if( z[i]=='\t' ) return '\t';
  return ',';
}

/* Byte offset of the first invalid UTF-8 sequence of z[0..n). */
static size_t first_bad_utf8(const char *z, size_t n){
  size_t i = 0;
  while( i<n ){
    unsigned char ch = (unsigned char)z[i];
    size_t k = ch<0x80 ? 1 : (ch>=0xC2 && ch<=0xDF) ? 2 : (ch>=0xE0 && ch<=0xEF) ? 3 : (ch>=0xF0 && ch<=0xF4) ? 4 : 0;
    if( k==0 || i+k>n || !text_utf8_valid(z + i, k) ) return i;
    i += k;
  }
  return n;
}

static int line_of(const char *z, size_t i){
  int n = 1;
  for(size_t k=0; k<i; k++) if( z[k]=='\n' ) n++;
  return n;
}

/* Read and check the whole file into x; errors in x->aErr. */
static void tw_parse(TwParse *x, const char *zData, size_t nData){
  if( nData==0 ){
    tw_error(x, 0, "", "empty_file", "the file is empty");
    return;
  }
  if( !text_utf8_valid(zData, nData) ){
    size_t i = first_bad_utf8(zData, nData);
    int iLine = line_of(zData, i);
    tw_error(x, iLine - 1, "", "invalid_utf8", "the file is not valid UTF-8 (first bad byte at offset %zu, line %d)", i, iLine);
    return;
  }
  struct csv_parser csv;
  if( csv_init(&csv, CSV_STRICT | CSV_STRICT_FINI)!=0 ){
    tw_error(x, 0, "", "internal", "csv_init failed");
    return;
  }
  csv_set_delim(&csv, (unsigned char)delimiter_of(zData, nData));
  if( csv_parse(&csv, zData, nData, tw_cell, tw_record, x)!=nData || csv_fini(&csv, tw_cell, tw_record, x)!=0 ){
    tw_error(x, x->iRec, "", "malformed_csv", "malformed %s after data row %d: %s (check the quoting)",
             delimiter_of(zData, nData)=='\t' ? "TSV" : "CSV", x->iRec>0 ? x->iRec - 1 : 0, csv_strerror(csv_error(&csv)));
  }
  csv_free(&csv);
  if( x->iRec==0 && json_array_size(x->aErr)==0 ) tw_error(x, 0, "", "empty_file", "the file has no header row");
  else if( x->iRec==1 && json_array_size(x->aErr)==0 ) tw_error(x, 1, "", "no_rows", "the file has a header but no data rows");
}

/* ---- re-resolution -------------------------------------------------- */

/* A stored row: the places and their resolution before and after. */
typedef struct ARow {
  int64_t id, importId;
  int line;
  TwinPlace pl[2];
  int64_t oldCity[2];
  double oldConf[2];
  const char *oldHow[2], *oldReason[2], *oldStatus;
  const TwinMatch *m[2];
  const char *zStatus;
} ARow;

typedef struct AllRows {
  Arena arena;
  ARow *a;
  int n;
} AllRows;

static const char *col_dup(Arena *pA, DbStmt *p, int i){
  const char *z = db_text(p, i);
  return z ? arena_strdup(pA, z) : 0;
}

static YcStatus rows_load(Ctx *c, AllRows *all, Err *e){
  DbStmt *p = db_stmt(c->db, "SELECT count(*) FROM twin_row");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  int n = db_step(p)==DB_ROW ? db_col_int(p, 0) : 0;
  db_reset(p);
  all->a = calloc((size_t)n + 1, sizeof(ARow));
  if( !all->a ) return err_set(e, YC_EINTERNAL, 0, 0, "out of memory");
  p = db_stmt(c->db,
    "SELECT id, import_id, line, name1, country1, lat1, lng1, qid1, name2, country2, lat2, lng2, qid2,"
    " city1, how1, conf1, reason1, city2, how2, conf2, reason2, status FROM twin_row ORDER BY id");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  int rc;
  while( (rc = db_step(p))==DB_ROW && all->n<n ){
    ARow *w = &all->a[all->n++];
    Arena *pA = &all->arena;
    w->id = db_col_int64(p, 0);
    w->importId = db_col_int64(p, 1);
    w->line = db_col_int(p, 2);
    for(int s=0; s<2; s++){
      int o = 3 + s*5;
      TwinPlace *pl = &w->pl[s];
      pl->zName = col_dup(pA, p, o);
      pl->zCountry = col_dup(pA, p, o+1);
      pl->bCoords = db_col_type(p, o+2)!=DB_NULL;
      pl->lat = db_col_double(p, o+2);
      pl->lng = db_col_double(p, o+3);
      pl->zQid = col_dup(pA, p, o+4);
      int k = 13 + s*4;
      w->oldCity[s] = db_col_type(p, k)==DB_NULL ? 0 : db_col_int64(p, k);
      w->oldHow[s] = col_dup(pA, p, k+1);
      w->oldConf[s] = db_col_type(p, k+2)==DB_NULL ? -1 : db_col_double(p, k+2);
      w->oldReason[s] = col_dup(pA, p, k+3);
    }
    w->oldStatus = col_dup(&all->arena, p, 21);
  }
  db_reset(p);
  return rc==DB_ROW || rc==DB_DONE ? YC_OK : db_error(c->db, rc, e);
}

static void rows_free(AllRows *all){
  free(all->a);
  arena_free(&all->arena);
}

/* A side with a Wikidata id, for the id rules. */
typedef struct QSide { const char *zQid; ARow *w; int s; } QSide;

static int qside_cmp(const void *a, const void *b){
  const QSide *x = a, *y = b;
  int k = strcmp(x->zQid, y->zQid);
  if( k ) return k;
  return x->w->id<y->w->id ? -1 : x->w->id>y->w->id ? 1 : x->s - y->s;
}

typedef struct QCity { int64_t city; const char *zQid; const TwinMatch *m; } QCity;

static int qcity_cmp(const void *a, const void *b){
  const QCity *x = a, *y = b;
  if( x->city!=y->city ) return x->city<y->city ? -1 : 1;
  if( x->m->conf!=y->m->conf ) return x->m->conf>y->m->conf ? -1 : 1;
  return strcmp(x->zQid, y->zQid);
}

/* The same Wikidata id resolves to one city everywhere (its best
** resolution); two ids never to one city: the id with the clearly best
** resolution keeps it, the others are left as qid_conflict. */
static YcStatus qid_rules(AllRows *all, Err *e){
  int nQ = 0;
  for(int i=0; i<all->n; i++) for(int s=0; s<2; s++) if( all->a[i].pl[s].zQid && *all->a[i].pl[s].zQid ) nQ++;
  if( !nQ ) return YC_OK;
  QSide *aQ = calloc((size_t)nQ, sizeof(QSide));
  QCity *aC = calloc((size_t)nQ, sizeof(QCity));
  if( !aQ || !aC ){ free(aQ); free(aC); return err_set(e, YC_EINTERNAL, 0, 0, "out of memory"); }
  nQ = 0;
  for(int i=0; i<all->n; i++) for(int s=0; s<2; s++){
    if( all->a[i].pl[s].zQid && *all->a[i].pl[s].zQid ) aQ[nQ++] = (QSide){all->a[i].pl[s].zQid, &all->a[i], s};
  }
  qsort(aQ, (size_t)nQ, sizeof(QSide), qside_cmp);
  int nC = 0;
  for(int i=0; i<nQ; ){
    int j = i;
    const TwinMatch *best = 0;
    while( j<nQ && strcmp(aQ[j].zQid, aQ[i].zQid)==0 ){
      const TwinMatch *m = aQ[j].w->m[aQ[j].s];
      if( m->bResolved && (!best || m->conf>best->conf) ) best = m;
      j++;
    }
    if( best ){
      for(int k=i; k<j; k++) aQ[k].w->m[aQ[k].s] = best;
      aC[nC++] = (QCity){best->id, aQ[i].zQid, best};
    }
    i = j;
  }
  qsort(aC, (size_t)nC, sizeof(QCity), qcity_cmp);
  for(int i=0; i<nC; ){
    int j = i + 1;
    while( j<nC && aC[j].city==aC[i].city ) j++;
    if( j - i>1 ){
      /* several ids on one city: the first keeps it if its confidence is
      ** higher than the next's; the rest (or all, on a tie) conflict */
      int bKeep = aC[i].m->conf > aC[i+1].m->conf + 1e-9;
      for(int k=bKeep ? i + 1 : i; k<j; k++){
        TwinMatch *m = arena_alloc(&all->arena, sizeof *m);
        if( !m ){ free(aQ); free(aC); return err_set(e, YC_EINTERNAL, 0, 0, "out of memory"); }
        *m = *aC[k].m;
        m->bResolved = 0;
        m->zHow = "qid_conflict";
        m->nCand = 1;
        m->aCand[0] = aC[k].city;
        const char *zOther = aC[k==i ? i + 1 : i].zQid;
        snprintf(m->zDetail, sizeof m->zDetail, "%s and %s both resolve to GeoNames %lld (%s); two Wikidata items are never"
                 " one city: %s", aC[k].zQid, zOther, (long long)aC[k].city, aC[k].m->zHow,
                 bKeep ? "the other matched better" : "neither matched better");
        const char *zQ = aC[k].zQid;
        int lo = 0, hi = nQ;
        while( lo<hi ){
          int mid = (lo + hi)/2;
          if( strcmp(aQ[mid].zQid, zQ)<0 ) lo = mid + 1; else hi = mid;
        }
        for(int q=lo; q<nQ && strcmp(aQ[q].zQid, zQ)==0; q++) aQ[q].w->m[aQ[q].s] = m;
      }
    }
    i = j;
  }
  free(aQ);
  free(aC);
  return YC_OK;
}

/* The status of a row from its two sides. */
static const char *row_status(const TwinMatch *a, const TwinMatch *b){
  static const char *const azOrder[] = {"not_a_city", "unknown_country", "wrong_country", "qid_conflict", "not_found",
    "area", "ambiguous", 0};
  if( a->bResolved && b->bResolved ) return a->id==b->id ? "same_city" : "pair";
  for(int i=0; azOrder[i]; i++){
    if( (!a->bResolved && strcmp(a->zHow, azOrder[i])==0) || (!b->bResolved && strcmp(b->zHow, azOrder[i])==0) ) return azOrder[i];
  }
  return "not_found";
}

static int str_eq(const char *a, const char *b){
  if( !a || !b ) return a==b;
  return strcmp(a, b)==0;
}

/* A twin pair as derived or as stored. */
typedef struct PairEnt {
  int64_t a, b, importId, id;
  const char *zLa, *zLb, *zHa, *zHb;
  int bUsed;
} PairEnt;

typedef struct PairMap { PairEnt *a; int nAlloc, n; } PairMap;

static uint64_t pair_hash(int64_t a, int64_t b){
  uint64_t h = (uint64_t)a*0x9E3779B97F4A7C15ull ^ ((uint64_t)b + 0x632BE59BD9B4E019ull)*0xBF58476D1CE4E5B9ull;
  return h ^ (h>>31);
}

static int pmap_init(PairMap *m, int n){
  m->nAlloc = n*2 + 16;
  m->n = 0;
  m->a = calloc((size_t)m->nAlloc, sizeof(PairEnt));
  return m->a!=0;
}

/* The entry of (a,b), added empty if absent (a==0 on return means new). */
static PairEnt *pmap_get(PairMap *m, int64_t a, int64_t b, int *pbNew){
  uint64_t k = pair_hash(a, b) % (uint64_t)m->nAlloc;
  while( m->a[k].a ){
    if( m->a[k].a==a && m->a[k].b==b ){ *pbNew = 0; return &m->a[k]; }
    k = (k + 1) % (uint64_t)m->nAlloc;
  }
  *pbNew = 1;
  m->a[k].a = a;
  m->a[k].b = b;
  m->n++;
  return &m->a[k];
}

static int pmap_has(const PairMap *m, int64_t a, int64_t b){
  uint64_t k = pair_hash(a, b) % (uint64_t)m->nAlloc;
  while( m->a[k].a ){
    if( m->a[k].a==a && m->a[k].b==b ) return 1;
    k = (k + 1) % (uint64_t)m->nAlloc;
  }
  return 0;
}

/* Step a write once; reset it and clear its bindings. */
static YcStatus step_done(Ctx *c, DbStmt *p, Err *e){
  int rc = db_step(p);
  db_clear(p);
  return rc==DB_DONE ? YC_OK : db_error(c->db, rc, e);
}

static int is_exact(const char *zHow){
  return strcmp(zHow, "exact")==0 || strcmp(zHow, "nearest")==0 || strcmp(zHow, "fixed")==0;
}

typedef struct Rebuild {
  int nChanged, nBefore, nAfter, nAdded, nRemoved;
  PairMap before;          /* the pairs stored before (for the report) */
} Rebuild;

/* Resolve every stored row with r, write what changed, and make twin_pair
** the pairs of the rows (first row's labels). */
static YcStatus rebuild(Ctx *c, TwinResolver *r, AllRows *all, Rebuild *rb, Err *e){
  YcStatus st = rows_load(c, all, e);
  if( st ) return st;
  for(int i=0; i<all->n; i++){
    for(int s=0; s<2; s++){
      all->a[i].m[s] = twin_resolve_ref(r, &all->a[i].pl[s]);
      if( !all->a[i].m[s] ) return err_set(e, YC_EINTERNAL, 0, 0, "out of memory");
    }
  }
  if( (st = qid_rules(all, e)) ) return st;
  /* the rows */
  DbStmt *pUpd = db_stmt(c->db,
    "UPDATE twin_row SET city1=?2, how1=?3, conf1=?4, reason1=?5, city2=?6, how2=?7, conf2=?8, reason2=?9, status=?10 WHERE id=?1");
  if( !pUpd ) return db_error(c->db, DB_ERROR, e);
  for(int i=0; i<all->n && !st; i++){
    ARow *w = &all->a[i];
    w->zStatus = row_status(w->m[0], w->m[1]);
    int bSame = str_eq(w->zStatus, w->oldStatus);
    for(int s=0; s<2 && bSame; s++){
      const TwinMatch *m = w->m[s];
      const char *zReason = m->zDetail[0] ? m->zDetail : 0;
      double conf = m->bResolved ? m->conf : -1;
      if( (m->bResolved ? m->id : 0)!=w->oldCity[s] || !str_eq(m->zHow, w->oldHow[s]) || !str_eq(zReason, w->oldReason[s])
       || fabs(conf - w->oldConf[s])>1e-9 ) bSame = 0;
    }
    if( bSame ) continue;
    rb->nChanged++;
    db_bind_int64(pUpd, 1, w->id);
    for(int s=0; s<2; s++){
      const TwinMatch *m = w->m[s];
      int o = 2 + s*4;
      if( m->bResolved ){
        db_bind_int64(pUpd, o, m->id);
        db_bind_double(pUpd, o+2, m->conf);
      }
      db_bind_text(pUpd, o+1, m->zHow, -1);
      if( m->zDetail[0] ) db_bind_text(pUpd, o+3, m->zDetail, -1);
    }
    db_bind_text(pUpd, 10, w->zStatus, -1);
    st = step_done(c, pUpd, e);
  }
  if( st ) return st;
  /* the pairs the rows give, first row first */
  PairMap want;
  if( !pmap_init(&want, all->n) ) return err_set(e, YC_EINTERNAL, 0, 0, "out of memory");
  for(int i=0; i<all->n; i++){
    ARow *w = &all->a[i];
    if( strcmp(w->zStatus, "pair")!=0 ) continue;
    int bSwap = w->m[0]->id > w->m[1]->id, bNew;
    const TwinMatch *ma = w->m[bSwap], *mb = w->m[!bSwap];
    PairEnt *p = pmap_get(&want, ma->id, mb->id, &bNew);
    if( !bNew ) continue;
    p->importId = w->importId;
    p->zHa = ma->zHow;
    p->zHb = mb->zHow;
    p->zLa = is_exact(ma->zHow) ? 0 : w->pl[bSwap].zName;
    p->zLb = is_exact(mb->zHow) ? 0 : w->pl[!bSwap].zName;
  }
  /* the pairs stored */
  DbStmt *p = db_stmt(c->db, "SELECT count(*) FROM twin_pair");
  if( !p ){ free(want.a); return db_error(c->db, DB_ERROR, e); }
  rb->nBefore = db_step(p)==DB_ROW ? db_col_int(p, 0) : 0;
  db_reset(p);
  if( !pmap_init(&rb->before, rb->nBefore) ){ free(want.a); return err_set(e, YC_EINTERNAL, 0, 0, "out of memory"); }
  p = db_stmt(c->db, "SELECT id, city_a, city_b, label_a, label_b, how_a, how_b, import_id FROM twin_pair");
  DbStmt *pDel = db_stmt(c->db, "DELETE FROM twin_pair WHERE id=?1");
  DbStmt *pSet = db_stmt(c->db, "UPDATE twin_pair SET label_a=?2, label_b=?3, how_a=?4, how_b=?5, import_id=?6 WHERE id=?1");
  DbStmt *pIns = db_stmt(c->db, "INSERT INTO twin_pair(city_a,city_b,label_a,label_b,how_a,how_b,import_id) VALUES(?1,?2,?3,?4,?5,?6,?7)");
  if( !p || !pDel || !pSet || !pIns ){ free(want.a); return db_error(c->db, DB_ERROR, e); }
  /* collect first (no writes while the read is open) */
  typedef struct Old { int64_t id; int act; PairEnt *pWant; } Old;
  Old *aOld = calloc((size_t)rb->nBefore + 1, sizeof(Old));
  int nOld = 0;
  if( !aOld ){ free(want.a); return err_set(e, YC_EINTERNAL, 0, 0, "out of memory"); }
  while( db_step(p)==DB_ROW && nOld<rb->nBefore ){
    int64_t a = db_col_int64(p, 1), b = db_col_int64(p, 2);
    int bNew;
    pmap_get(&rb->before, a, b, &bNew);
    Old *o = &aOld[nOld++];
    o->id = db_col_int64(p, 0);
    PairEnt *pw = 0;
    if( pmap_has(&want, a, b) ) pw = pmap_get(&want, a, b, &bNew);
    o->pWant = pw;
    if( !pw ){ o->act = 1; continue; }          /* delete */
    pw->bUsed = 1;
    if( !str_eq(db_text(p, 3), pw->zLa) || !str_eq(db_text(p, 4), pw->zLb) || !str_eq(db_text(p, 5), pw->zHa)
     || !str_eq(db_text(p, 6), pw->zHb) || db_col_int64(p, 7)!=pw->importId ) o->act = 2;   /* update */
  }
  db_reset(p);
  for(int i=0; i<nOld && !st; i++){
    Old *o = &aOld[i];
    if( o->act==1 ){
      db_bind_int64(pDel, 1, o->id);
      st = step_done(c, pDel, e);
      rb->nRemoved++;
    }else if( o->act==2 ){
      db_bind_int64(pSet, 1, o->id);
      db_bind_text(pSet, 2, o->pWant->zLa, -1);
      db_bind_text(pSet, 3, o->pWant->zLb, -1);
      db_bind_text(pSet, 4, o->pWant->zHa, -1);
      db_bind_text(pSet, 5, o->pWant->zHb, -1);
      db_bind_int64(pSet, 6, o->pWant->importId);
      st = step_done(c, pSet, e);
    }
  }
  free(aOld);
  /* insert in row order, so that ids follow the rows */
  for(int i=0; i<all->n && !st; i++){
    ARow *w = &all->a[i];
    if( strcmp(w->zStatus, "pair")!=0 ) continue;
    int64_t a = w->m[0]->id < w->m[1]->id ? w->m[0]->id : w->m[1]->id, b = w->m[0]->id < w->m[1]->id ? w->m[1]->id : w->m[0]->id;
    int bNew;
    PairEnt *pw = pmap_get(&want, a, b, &bNew);
    if( pw->bUsed ) continue;
    pw->bUsed = 1;
    db_bind_int64(pIns, 1, a);
    db_bind_int64(pIns, 2, b);
    db_bind_text(pIns, 3, pw->zLa, -1);
    db_bind_text(pIns, 4, pw->zLb, -1);
    db_bind_text(pIns, 5, pw->zHa, -1);
    db_bind_text(pIns, 6, pw->zHb, -1);
    db_bind_int64(pIns, 7, pw->importId);
    st = step_done(c, pIns, e);
    rb->nAdded++;
  }
  rb->nAfter = want.n;
  free(want.a);
  return st;
}

YcStatus twins_rederive(Ctx *c, int *pnChanged, int *pnPairsAdded, int *pnPairsRemoved, Err *e){
  TwinResolver *r = 0;
  AllRows all;
  memset(&all, 0, sizeof all);
  Rebuild rb;
  memset(&rb, 0, sizeof rb);
  YcStatus st = twin_resolver_open(c, &r, e);
  if( !st ) st = rebuild(c, r, &all, &rb, e);
  if( !st ) st = layout_stats_refresh(c, e);
  if( pnChanged ) *pnChanged = rb.nChanged;
  if( pnPairsAdded ) *pnPairsAdded = rb.nAdded;
  if( pnPairsRemoved ) *pnPairsRemoved = rb.nRemoved;
  free(rb.before.a);
  rows_free(&all);
  twin_resolver_close(r);
  return st;
}

YcStatus twins_reresolve(Ctx *c, json_t **ppOut, Err *e){
  *ppOut = 0;
  int nChanged = 0, nAdded = 0, nRemoved = 0;
  YcStatus st = db_begin(c->db, e);
  if( st ) return st;
  st = twins_rederive(c, &nChanged, &nAdded, &nRemoved, e);
  json_t *out = json_pack("{s:i, s:i, s:i}", "rows_changed", nChanged, "pairs_added", nAdded, "pairs_removed", nRemoved);
  if( !st ) st = audit_log(c, "reresolve", "twin_import", 0, 0, out, e);
  if( !st ) st = db_commit(c->db, e);
  if( st ){ db_rollback(c->db); json_decref(out); return st; }
  *ppOut = out;
  return YC_OK;
}

/* ---- import ----------------------------------------------------------- */

static void count_in(json_t *o, const char *zKey){
  json_object_set_new(o, zKey, json_integer(json_integer_value(json_object_get(o, zKey)) + 1));
}

static double cpu_seconds(void){
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return (double)t.tv_sec + (double)t.tv_nsec/1e9;
}

static double seconds_since(const struct timespec *t0){
  struct timespec t1;
  clock_gettime(CLOCK_MONOTONIC, &t1);
  return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec)/1e9;
}

static int arow_line_cmp(const void *a, const void *b){
  const ARow *x = *(const ARow*const*)a, *y = *(const ARow*const*)b;
  return x->line - y->line;
}

/* The side of a dump: {"row","side","name","country","qid","id","how","confidence","reason"}. */
static json_t *dump_side(const ARow *w, int s){
  const TwinMatch *m = w->m[s];
  const TwinPlace *pl = &w->pl[s];
  return json_pack("{s:i, s:i, s:s, s:o, s:o, s:o, s:s, s:o, s:o}",
    "row", w->line, "side", s + 1, "name", pl->zName,
    "country", pl->zCountry && *pl->zCountry ? json_string(pl->zCountry) : json_null(),
    "qid", pl->zQid && *pl->zQid ? json_string(pl->zQid) : json_null(),
    "id", m->bResolved ? json_integer(m->id) : json_null(),
    "how", m->zHow,
    "confidence", m->bResolved ? json_real(round(m->conf*100.0)/100.0) : json_null(),
    "reason", m->zDetail[0] ? json_string(m->zDetail) : json_null());
}

/* The report's counts over the rows of import importId. */
static void report_rows(AllRows *all, Rebuild *rb, int64_t importId, json_t *rep, json_t *aSides){
  int nRows = 0, nResolved = 0, nNew = 0, nKnown = 0, nDup = 0, nLow = 0, nReview = 0, nUnres = 0;
  json_t *byHow = json_object(), *byCat = json_object();
  for(int i=0; azTwinCategory[i]; i++) json_object_set_new(byCat, azTwinCategory[i], json_integer(0));
  ARow **ap = calloc((size_t)all->n + 1, sizeof(ARow*));
  int n = 0;
  for(int i=0; ap && i<all->n; i++) if( all->a[i].importId==importId ) ap[n++] = &all->a[i];
  if( ap ) qsort(ap, (size_t)n, sizeof ap[0], arow_line_cmp);
  PairMap seen;
  int bSeen = pmap_init(&seen, n);
  for(int i=0; i<n; i++){
    ARow *w = ap[i];
    nRows++;
    if( aSides ){
      json_array_append_new(aSides, dump_side(w, 0));
      json_array_append_new(aSides, dump_side(w, 1));
    }
    int bLow = 0;
    for(int s=0; s<2; s++) if( w->m[s]->bResolved && w->m[s]->conf<TWIN_CONF_REVIEW ) bLow = 1;
    if( strcmp(w->zStatus, "pair")!=0 ){
      nUnres++;
      count_in(byCat, w->zStatus);
      if( strcmp(w->zStatus, "not_a_city")!=0 ) nReview++;
      continue;
    }
    nResolved++;
    for(int s=0; s<2; s++){
      count_in(byHow, w->m[s]->zHow);
      if( w->m[s]->conf<TWIN_CONF_REVIEW ) nLow++;
    }
    if( bLow ) nReview++;
    int64_t a = w->m[0]->id < w->m[1]->id ? w->m[0]->id : w->m[1]->id, b = w->m[0]->id < w->m[1]->id ? w->m[1]->id : w->m[0]->id;
    int bNew = 1;
    if( bSeen ) pmap_get(&seen, a, b, &bNew);
    if( !bNew ) nDup++;
    else if( pmap_has(&rb->before, a, b) ) nKnown++;
    else nNew++;
  }
  free(seen.a);
  free(ap);
  json_object_set_new(rep, "rows", json_integer(nRows));
  json_object_set_new(rep, "resolved", json_integer(nResolved));
  json_object_set_new(rep, "rate", json_real(nRows ? (double)nResolved/(double)nRows : 0.0));
  json_object_set_new(rep, "pairs_new", json_integer(nNew));
  json_object_set_new(rep, "pairs_known", json_integer(nKnown));
  json_object_set_new(rep, "duplicate_rows", json_integer(nDup));
  json_object_set_new(rep, "unresolved", json_integer(nUnres));
  json_object_set_new(rep, "unresolved_by", byCat);
  json_object_set_new(rep, "resolved_by", byHow);
  json_object_set_new(rep, "low_confidence", json_integer(nLow));
  json_object_set_new(rep, "review", json_integer(nReview));
  json_object_set_new(rep, "network", json_pack("{s:i, s:i, s:i, s:i}", "pairs_before", rb->nBefore, "pairs_after", rb->nAfter,
                                               "pairs_added", rb->nAdded, "pairs_removed", rb->nRemoved));
}

YcStatus twins_import(Ctx *c, const char *zSource, const char *zData, size_t nData,
                      const char *zFormat, const char *zMap, TwinMode mode, json_t **ppReport, Err *e){
  *ppReport = 0;
  if( zFormat && !*zFormat ) zFormat = 0;
  if( zMap && !*zMap ) zMap = 0;
  if( zFormat && !format_known(zFormat) )
    return err_set(e, YC_EINVALID, "invalid_value", "format", "format must be wikipedia, wikidata, eu_wikidata or mapped");
  if( zMap && zFormat && strcmp(zFormat, "mapped")!=0 )
    return err_set(e, YC_EINVALID, "invalid_value", "map", "a column mapping goes with format mapped (or no format)");
  if( zMap && (strlen(zMap)>2000 || !text_utf8_valid(zMap, strlen(zMap))) )
    return err_set(e, YC_EINVALID, "invalid_value", "map", "the mapping must be valid UTF-8 of at most 2000 bytes");
  if( zFormat && strcmp(zFormat, "mapped")==0 && !zMap )
    return err_set(e, YC_EINVALID, "required", "map", "a mapped file needs a column mapping (map=city1=COLUMN,city2=COLUMN,...)");
  if( !zSource || !*zSource ) zSource = "upload";
  if( strlen(zSource)>200 || !text_utf8_valid(zSource, strlen(zSource)) )
    return err_set(e, YC_EINVALID, "invalid_value", "source", "the file name must be valid UTF-8 of at most 200 bytes");
  struct timespec t0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  double cpu0 = cpu_seconds(), tResolve = 0;
  Arena arena = {0};
  TwParse x;
  memset(&x, 0, sizeof x);
  x.pA = &arena;
  x.aErr = json_array();
  x.zFormat = zFormat && strcmp(zFormat, "mapped")!=0 ? zFormat : 0;
  x.zMap = zMap;
  YcStatus st = YC_OK;
  TwinResolver *r = 0;
  AllRows all;
  memset(&all, 0, sizeof all);
  Rebuild rb;
  memset(&rb, 0, sizeof rb);
  json_t *rep = 0;
  int64_t importId = 0;
  int bAlready = 0, bTx = 0;
  const char *zFmtName = zMap ? "mapped" : zFormat ? zFormat : "wikipedia";

  /* 1. Read and check the whole file. */
  tw_parse(&x, zData, nData);
  if( x.pFmt ) zFmtName = x.pFmt->zName;
  rep = json_pack("{s:s, s:s, s:o}", "source", zSource, "format", zFmtName, "mapping", zMap ? json_string(zMap) : json_null());
  if( json_array_size(x.aErr) ) goto report;

  /* 2. Store the rows (once per file), in one transaction. */
  unsigned char aHash[crypto_hash_sha256_BYTES];
  char zHex[crypto_hash_sha256_BYTES*2 + 1];
  crypto_hash_sha256(aHash, (const unsigned char*)zData, nData);
  sodium_bin2hex(zHex, sizeof zHex, aHash, sizeof aHash);
  if( (st = db_begin(c->db, e)) ) goto end;
  bTx = 1;
  DbStmt *p = db_stmt(c->db, "SELECT id FROM twin_import WHERE sha256=?1");
  if( !p ){ st = db_error(c->db, DB_ERROR, e); goto end; }
  db_bind_text(p, 1, zHex, -1);
  if( db_step(p)==DB_ROW ){ importId = db_col_int64(p, 0); bAlready = 1; }
  db_reset(p);
  if( !importId ){
    char zNow[24];
    date_now(zNow);
    p = db_stmt(c->db, "INSERT INTO twin_import(source,format,mapping,sha256,rows,actor,created_at) VALUES(?1,?2,?3,?4,?5,?6,?7)");
    if( !p ){ st = db_error(c->db, DB_ERROR, e); goto end; }
    db_bind_text(p, 1, zSource, -1);
    db_bind_text(p, 2, zFmtName, -1);
    if( zMap ) db_bind_text(p, 3, zMap, -1);
    db_bind_text(p, 4, zHex, -1);
    db_bind_int(p, 5, x.nRow);
    db_bind_text(p, 6, c->zActor, -1);
    db_bind_text(p, 7, zNow, -1);
    if( (st = step_done(c, p, e)) ) goto end;
    importId = db_last_id(c->db);
    p = db_stmt(c->db, "INSERT INTO twin_row(import_id,line,name1,country1,lat1,lng1,qid1,name2,country2,lat2,lng2,qid2,status)"
                       " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,'pending')");
    if( !p ){ st = db_error(c->db, DB_ERROR, e); goto end; }
    for(int i=0; i<x.nRow && !st; i++){
      TwRow *w = &x.aRow[i];
      db_bind_int64(p, 1, importId);
      db_bind_int(p, 2, w->iRow);
      for(int s=0; s<2; s++){
        int o = 3 + s*5, f = s*5;
        db_bind_text(p, o, w->az[f + F_CITY1], -1);
        if( w->az[f + F_COUNTRY1][0] ) db_bind_text(p, o+1, w->az[f + F_COUNTRY1], -1);
        if( w->bC[s] ){ db_bind_double(p, o+2, w->lat[s]); db_bind_double(p, o+3, w->lng[s]); }
        if( w->az[f + F_QID1][0] ) db_bind_text(p, o+4, w->az[f + F_QID1], -1);
      }
      st = step_done(c, p, e);
    }
    if( st ) goto end;
  }

  /* 3. Resolve every stored row again; derive the pairs. */
  if( (st = twin_resolver_open(c, &r, e)) ) goto end;
  if( (st = rebuild(c, r, &all, &rb, e)) ) goto end;
  tResolve = seconds_since(&t0);
  if( (st = layout_stats_refresh(c, e)) ) goto end;

report:
  if( json_array_size(x.aErr) ){
    json_object_set_new(rep, "errors", json_incref(x.aErr));
    json_t *e0 = json_array_get(x.aErr, 0);
    st = err_set(e, YC_EINVALID, json_string_value(json_object_get(e0, "code")),
                 json_string_value(json_object_get(e0, "field")), "%s%s; nothing imported",
                 json_string_value(json_object_get(e0, "message")),
                 json_array_size(x.aErr)>1 ? " (and more errors)" : "");
    goto end;
  }
  json_t *aSides = mode==TWIN_DUMP ? json_array() : 0;
  report_rows(&all, &rb, importId, rep, aSides);
  json_object_set_new(rep, "already_imported", json_boolean(bAlready));
  json_object_set_new(rep, "import_id", mode==TWIN_IMPORT ? json_integer(importId) : json_null());
  json_object_set_new(rep, "dry_run", json_boolean(mode!=TWIN_IMPORT));
  json_object_set_new(rep, "errors", json_array());
  if( aSides ) json_object_set_new(rep, "sides", aSides);
  if( bTx && mode==TWIN_IMPORT ){
    json_t *jAudit = json_deep_copy(rep);
    json_object_del(jAudit, "errors");
    st = audit_log(c, "import", "twin_import", importId, 0, jAudit, e);
    json_decref(jAudit);
    if( !st ) st = db_commit(c->db, e);
    if( !st ) bTx = 0;
  }
end:
  if( bTx ) db_rollback(c->db);
  if( rep ){
    json_object_set_new(rep, "seconds", json_real(seconds_since(&t0)));
    json_object_set_new(rep, "seconds_resolve", json_real(tResolve));
    json_object_set_new(rep, "cpu_seconds", json_real(cpu_seconds() - cpu0));
    if( st==YC_OK || st==YC_EINVALID ) *ppReport = rep;
    else json_decref(rep);
  }
  twin_resolver_close(r);
  free(rb.before.a);
  rows_free(&all);
  json_decref(x.aErr);
  free(x.aRow);
  arena_free(&arena);
  return st;
}
