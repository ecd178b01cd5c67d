/* partner_import.c: CSV import of partners; see partner_import.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/partner_import.h"
#include "core/csvimport.h"
#include "core/partner.h"
#include "core/input.h"
#include "core/city.h"
#include "text/norm.h"

static const char *const azImportCol[] = {"city_id", "city", "country", "kind", "status",
  "established", "label", "agreement", "notes", "sources", "city_name_zh", "kind_verified", 0};

/* The checks only the partner import needs: which columns are required. */
static void header_row(CsvImport *x){
  if( !csvimp_has_column(x, "city_id") && !csvimp_has_column(x, "city") )
    csvimp_error(x, "city_id", "missing_column", "the header needs a city_id column or city and country columns");
  if( !csvimp_has_column(x, "kind") ) csvimp_error(x, "kind", "missing_column", "the header needs a kind column");
}

static void data_row(CsvImport *x){
  json_t *in = json_object();
  const char *zCity = 0, *zCountry = 0;
  for(int i=0; i<x->nField; i++){
    const char *z = x->azField[i];
    int k = x->aCol[i];
    if( k<0 ) continue;
    if( !text_utf8_valid(z, strlen(z)) ){
      csvimp_error(x, azImportCol[k], "invalid_utf8", "not valid UTF-8");
      json_decref(in);
      return;
    }
    if( !*z ) continue;
    const char *zCol = azImportCol[k];
    if( strcmp(zCol, "city_id")==0 ){
      char *zEnd;
      long long v = strtoll(z, &zEnd, 10);
      if( *zEnd || v<1 ){ csvimp_error(x, zCol, "wrong_type", "city_id must be a GeoNames id"); json_decref(in); return; }
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
        csvimp_error(x, zCol, "wrong_type", "kind_verified must be 1, 0, true or false");
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
        csvimp_error(x, "country", "unknown_country", "unknown country");
        json_decref(in);
        return;
      }
      zIso2 = zIso;
    }
    int64_t id = city_resolve(x->c, zCity, zIso2);
    if( !id ){
      csvimp_error(x, "city", "unknown_city", "no GeoNames city of this name (and country)");
      json_decref(in);
      return;
    }
    json_object_set_new(in, "city_id", json_integer(id));
  }
  /* A city that is a partner already, or earlier in the file: skipped. */
  int64_t cityId = json_integer_value(json_object_get(in, "city_id"));
  json_t *seen = x->pArg;
  char zKey[24];
  snprintf(zKey, sizeof zKey, "%lld", (long long)cityId);
  if( cityId && (json_object_get(seen, zKey) || partner_find_by_city(x->c, cityId)) ){
    x->nSkipped++;
    json_decref(in);
    return;
  }
  if( csvimp_stage(x, in) && cityId ) json_object_set_new(seen, zKey, json_true());
}

/* In the write transaction: a city that became a partner since it was
** resolved is skipped (one indexed lookup); else the tie is created. */
static void write_row(CsvImport *x){
  int64_t cityId = json_integer_value(json_object_get(x->pIn, "city_id"));
  if( cityId && partner_find_by_city(x->c, cityId) ){ x->nSkipped++; return; }
  Err e;
  memset(&e, 0, sizeof e);
  int64_t id;
  YcStatus st = partner_create_tx(x->c, x->pIn, &id, &e);
  csvimp_result(x, st, &e);
}

YcStatus partner_import(Ctx *c, const char *zData, size_t nData, int bDryRun,
                         json_t **ppReport, Err *e){
  json_t *seen = json_object();        /* city ids of the file's rows */
  YcStatus st = csvimp_run_staged(c, zData, nData, bDryRun, azImportCol, header_row, data_row,
                                  partner_check, write_row, 0, seen, ppReport, e);
  json_decref(seen);
  return st;
}
