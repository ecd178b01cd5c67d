/* import.c: CSV import of partners; see import.h. */
#include <stdlib.h>
#include <string.h>
#include <csv.h>
#include "core/import.h"
#include "core/partner.h"
#include "core/input.h"
#include "core/city.h"
#include "text/norm.h"

#define IMPORT_MAX_COLS 16
#define IMPORT_MAX_ERRORS 100

static const char *const azImportCol[] = {"city_id", "city", "country", "kind", "status",
  "established", "label", "agreement", "notes", "sources", "city_name_zh", "kind_verified", 0};

typedef struct ImportCtx {
  Ctx *c;
  int aCol[IMPORT_MAX_COLS];   /* column index -> azImportCol index */
  int nCol;
  char *azField[IMPORT_MAX_COLS];
  int nField;
  int iRow;                    /* 1 = header */
  int bTooMany;
  int nCreated, nSkipped, nRows;
  json_t *aErr;
  YcStatus stFatal;
  Err eFatal;
} ImportCtx;

static void add_error(ImportCtx *x, const char *zField, const char *zCode, const char *zMsg){
  if( json_array_size(x->aErr)>=IMPORT_MAX_ERRORS ) return;
  json_array_append_new(x->aErr, json_pack("{s:i, s:s, s:s, s:s}", "row", x->iRow,
    "field", zField ? zField : "", "code", zCode, "message", zMsg));
}

static void on_field(void *s, size_t n, void *p){
  ImportCtx *x = p;
  if( x->nField>=IMPORT_MAX_COLS ){ x->bTooMany = 1; return; }
  char *z = malloc(n + 1);
  if( !z ) return;
  if( n ) memcpy(z, s, n);
  z[n] = 0;
  x->azField[x->nField++] = z;
}

static void clear_fields(ImportCtx *x){
  for(int i=0; i<x->nField; i++) free(x->azField[i]);
  x->nField = 0;
  x->bTooMany = 0;
}

static void header_row(ImportCtx *x){
  x->nCol = x->nField;
  int bCity = 0;
  for(int i=0; i<x->nField; i++){
    char *z = x->azField[i];
    if( i==0 && (unsigned char)z[0]==0xEF && (unsigned char)z[1]==0xBB && (unsigned char)z[2]==0xBF )
      memmove(z, z+3, strlen(z+3)+1);                 /* UTF-8 byte order mark */
    int k = in_enum_index(azImportCol, z);
    if( k<0 ){
      char zMsg[200];
      snprintf(zMsg, sizeof zMsg, "unknown column '%.60s'", text_utf8_valid(z, strlen(z)) ? z : "?");
      add_error(x, z, "unknown_column", zMsg);
    }
    for(int j=0; j<i; j++) if( k>=0 && x->aCol[j]==k ) add_error(x, z, "duplicate_column", "column appears twice");
    x->aCol[i] = k;
    if( k==0 || k==1 ) bCity = 1;
  }
  if( !bCity ) add_error(x, "city_id", "missing_column", "the header needs a city_id column or city and country columns");
  int bKind = 0;
  for(int i=0; i<x->nCol; i++) if( x->aCol[i]==3 ) bKind = 1;
  if( !bKind ) add_error(x, "kind", "missing_column", "the header needs a kind column");
}

static void data_row(ImportCtx *x){
  x->nRows++;
  if( x->bTooMany || x->nField!=x->nCol ){
    char zMsg[120];
    snprintf(zMsg, sizeof zMsg, "row has %d fields, the header has %d", x->nField, x->nCol);
    add_error(x, "", "wrong_field_count", zMsg);
    return;
  }
  json_t *in = json_object();
  const char *zCity = 0, *zCountry = 0;
  for(int i=0; i<x->nField; i++){
    const char *z = x->azField[i];
    int k = x->aCol[i];
    if( k<0 ) continue;
    if( !text_utf8_valid(z, strlen(z)) ){
      add_error(x, azImportCol[k], "invalid_utf8", "not valid UTF-8");
      json_decref(in);
      return;
    }
    if( !*z ) continue;
    const char *zCol = azImportCol[k];
    if( strcmp(zCol, "city_id")==0 ){
      char *zEnd;
      long long v = strtoll(z, &zEnd, 10);
      if( *zEnd || v<1 ){ add_error(x, zCol, "wrong_type", "city_id must be a GeoNames id"); json_decref(in); return; }
      json_object_set_new(in, zCol, json_integer(v));
    }else if( strcmp(zCol, "city")==0 ){
      zCity = z;
    }else if( strcmp(zCol, "country")==0 ){
      zCountry = z;
    }else if( strcmp(zCol, "sources")==0 ){
      json_t *a = json_array();
      for(const char *s = z; *s; ){
        const char *zEnd = strstr(s, " | ");
        size_t n = zEnd ? (size_t)(zEnd - s) : strlen(s);
        if( n ) json_array_append_new(a, json_stringn(s, n));
        s += n + (zEnd ? 3 : 0);
      }
      json_object_set_new(in, zCol, a);
    }else if( strcmp(zCol, "kind_verified")==0 ){
      if( strcmp(z, "1")!=0 && strcmp(z, "0")!=0 && strcmp(z, "true")!=0 && strcmp(z, "false")!=0 ){
        add_error(x, zCol, "wrong_type", "kind_verified must be 1, 0, true or false");
        json_decref(in);
        return;
      }
      json_object_set_new(in, zCol, json_boolean(z[0]=='1' || z[0]=='t'));
    }else{
      json_object_set_new(in, zCol, json_string(z));
    }
  }
  if( !json_object_get(in, "city_id") && zCity ){
    char zIso[3];
    const char *zIso2 = 0;
    if( zCountry ){
      if( !country_resolve(x->c, zCountry, zIso) ){
        add_error(x, "country", "unknown_country", "unknown country");
        json_decref(in);
        return;
      }
      zIso2 = zIso;
    }
    int64_t id = city_resolve(x->c, zCity, zIso2);
    if( !id ){
      add_error(x, "city", "unknown_city", "no GeoNames city of this name (and country)");
      json_decref(in);
      return;
    }
    json_object_set_new(in, "city_id", json_integer(id));
  }
  int64_t cityId = json_integer_value(json_object_get(in, "city_id"));
  if( cityId && partner_find_by_city(x->c, cityId) ){
    x->nSkipped++;
    json_decref(in);
    return;
  }
  Err e;
  memset(&e, 0, sizeof e);
  int64_t id;
  YcStatus st = partner_create_tx(x->c, in, &id, &e);
  json_decref(in);
  if( st==YC_OK ) x->nCreated++;
  else if( st==YC_EINTERNAL && x->stFatal==YC_OK ){ x->stFatal = st; x->eFatal = e; }
  else add_error(x, e.zField, e.zCode, e.zMsg);
}

static void on_row(int ch, void *p){
  ImportCtx *x = p;
  (void)ch;
  x->iRow++;
  /* A blank line gives one empty field; skip it. */
  if( x->nField==1 && x->azField[0][0]==0 ){ clear_fields(x); return; }
  if( x->iRow==1 ) header_row(x);
  else if( x->stFatal==YC_OK ) data_row(x);
  clear_fields(x);
}

YcStatus import_partners(Ctx *c, const char *zData, size_t nData, int bDryRun,
                         json_t **ppReport, Err *e){
  *ppReport = 0;
  ImportCtx x;
  memset(&x, 0, sizeof x);
  x.c = c;
  x.aErr = json_array();
  struct csv_parser csv;
  if( csv_init(&csv, CSV_STRICT | CSV_STRICT_FINI)!=0 ){
    json_decref(x.aErr);
    return err_set(e, YC_EINTERNAL, 0, 0, "csv_init failed");
  }
  if( db_begin(c->db, e) ){ csv_free(&csv); json_decref(x.aErr); return YC_EINTERNAL; }
  YcStatus st = YC_OK;
  if( csv_parse(&csv, zData, nData, on_field, on_row, &x)!=nData
   || csv_fini(&csv, on_field, on_row, &x)!=0 ){
    char zMsg[160];
    snprintf(zMsg, sizeof zMsg, "malformed CSV: %s", csv_strerror(csv_error(&csv)));
    x.iRow++;
    add_error(&x, "", "malformed_csv", zMsg);
  }
  clear_fields(&x);
  csv_free(&csv);
  if( x.iRow==0 ) add_error(&x, "", "empty_file", "the file has no header row");
  else if( x.nRows==0 && json_array_size(x.aErr)==0 ) add_error(&x, "", "no_rows", "the file has a header but no data rows");
  if( x.stFatal ){
    db_rollback(c->db);
    *e = x.eFatal;
    json_decref(x.aErr);
    return x.stFatal;
  }
  int nErr = (int)json_array_size(x.aErr);
  if( nErr || bDryRun ) db_rollback(c->db);
  else if( (st = db_commit(c->db, e)) ){ db_rollback(c->db); json_decref(x.aErr); return st; }
  *ppReport = json_pack("{s:i, s:i, s:i, s:o, s:b}", "rows", x.nRows,
    "created", nErr ? 0 : x.nCreated, "skipped", x.nSkipped, "errors", x.aErr, "dry_run", bDryRun);
  if( nErr ){
    json_t *e0 = json_array_get(x.aErr, 0);
    return err_set(e, YC_EINVALID, "import_failed", json_string_value(json_object_get(e0, "field")),
                   "%d row error(s); nothing imported. First (row %d): %s", nErr,
                   (int)json_integer_value(json_object_get(e0, "row")),
                   json_string_value(json_object_get(e0, "message")));
  }
  return YC_OK;
}
