/* exchange_vocab.c: kinds and fields of exchanges; see exchange_vocab.h. */
#include "core/exchange_vocab.h"
#include "core/input.h"

const char *const azExchangeKind[] = {"delegation_in", "delegation_out", "agreement", "event",
  "online_meeting", "education", "culture", "tourism", "trade_mission", "health", "sports", "youth", "other", 0};
const char *const azExchangeField[] = {"economy_trade", "science_technology", "education", "culture",
  "health", "tourism", "environment", "government", "youth", "sports", 0};

int exchange_kind_substantive(int iKind){
  static const char aSub[EX_NKIND] = {0,0,1,0,0,1,0,0,1,1,0,0,0};
  return iKind>=0 && iKind<EX_NKIND ? aSub[iKind] : 0;
}

int exchange_kind_fields(int iKind){
  /* Field index implied by a kind, -1 for none. */
  static const signed char aField[EX_NKIND] = {-1,-1,-1,-1,-1, 2, 3, 5, 0, 4, 9, 8, -1};
  return iKind>=0 && iKind<EX_NKIND && aField[iKind]>=0 ? 1<<aField[iKind] : 0;
}

json_t *exchange_fields_json(int mask){
  json_t *a = json_array();
  for(int i=0; i<EX_NFIELD; i++) if( mask & (1<<i) ) json_array_append_new(a, json_string(azExchangeField[i]));
  return a;
}

YcStatus exchange_fields_parse(json_t *in, int *pMask, int *pbSet, Err *e){
  json_t *v = json_object_get(in, "fields"), *f;
  size_t i;
  *pbSet = 0;
  if( !v || json_is_null(v) ) return YC_OK;
  if( !json_is_array(v) ) return err_set(e, YC_EINVALID, "wrong_type", "fields", "fields must be an array of field names");
  json_array_foreach(v, i, f){
    int k = json_is_string(f) ? in_enum_index(azExchangeField, json_string_value(f)) : -1;
    if( k<0 ) return err_set(e, YC_EINVALID, "invalid_value", "fields",
      "fields[%zu] must be one of: economy_trade, science_technology, education, culture, health, tourism,"
      " environment, government, youth, sports", i);
    if( *pMask & (1<<k) ) return err_set(e, YC_EINVALID, "duplicate_item", "fields", "fields lists %s twice", azExchangeField[k]);
    *pMask |= 1<<k;
  }
  *pbSet = 1;
  return YC_OK;
}
