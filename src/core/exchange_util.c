/* exchange_util.c: helpers of the exchange modules; see exchange_util.h. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "core/exchange_util.h"
#include "text/norm.h"

json_t *exu_jtext(DbStmt *p, int i){
  const char *z = db_text(p, i);
  return z ? json_string(z) : json_null();
}

json_t *exu_jarray(DbStmt *p, int i){
  const char *z = db_text(p, i);
  json_t *j = z ? json_loads(z, 0, 0) : 0;
  if( !json_is_array(j) ){ json_decref(j); j = json_array(); }
  return j;
}

YcStatus exu_text(const char *zField, const char *z, size_t nMax, int bMultiline, Err *e){
  size_t n = strlen(z), nChar = 0;
  if( n==0 ) return err_set(e, YC_EINVALID, "empty", zField, "%s must not be empty", zField);
  if( !text_utf8_valid(z, n) ) return err_set(e, YC_EINVALID, "invalid_utf8", zField, "%s is not valid UTF-8", zField);
  for(size_t i=0; i<n; i++){
    unsigned char ch = (unsigned char)z[i];
    if( (ch & 0xC0)!=0x80 ) nChar++;
    if( ch<0x20 && !(bMultiline && (ch=='\n' || ch=='\t' || ch=='\r')) )
      return err_set(e, YC_EINVALID, "control_character", zField, "%s contains a control character", zField);
  }
  if( nChar>nMax )
    return err_set(e, YC_EINVALID, "too_long", zField, "%s is too long (%zu characters, at most %zu)", zField, nChar, nMax);
  if( isspace((unsigned char)z[0]) || isspace((unsigned char)z[n-1]) )
    return err_set(e, YC_EINVALID, "untrimmed", zField, "%s must not start or end with white space", zField);
  return YC_OK;
}

YcStatus exu_ids(json_t *o, const char *zKey, int64_t *a, int nMax, int *pn, int *pbSet, Err *e){
  json_t *v = json_object_get(o, zKey);
  *pn = 0;
  if( pbSet ) *pbSet = v!=0;
  if( !v || json_is_null(v) ) return YC_OK;
  if( !json_is_array(v) )
    return err_set(e, YC_EINVALID, "wrong_type", zKey, "%s must be an array of ids", zKey);
  if( json_array_size(v)>(size_t)nMax )
    return err_set(e, YC_EINVALID, "too_many", zKey, "%s has more than %d items", zKey, nMax);
  size_t i;
  json_t *x;
  json_array_foreach(v, i, x){
    if( !json_is_integer(x) || json_integer_value(x)<1 )
      return err_set(e, YC_EINVALID, "wrong_type", zKey, "%s[%zu] must be a positive integer id", zKey, i);
    int64_t id = json_integer_value(x);
    for(int k=0; k<*pn; k++){
      if( a[k]==id ) return err_set(e, YC_EINVALID, "duplicate_item", zKey, "%s lists %lld twice", zKey, (long long)id);
    }
    a[(*pn)++] = id;
  }
  return YC_OK;
}

YcStatus exu_urls(json_t *aUrl, const char *zField, Err *e){
  size_t i;
  json_t *x;
  json_array_foreach(aUrl, i, x){
    const char *z = json_string_value(x);
    if( !z || (strncmp(z, "http://", 7)!=0 && strncmp(z, "https://", 8)!=0) || strpbrk(z, " \t\n\r\"<>")
     || strlen(z)<=8 )
      return err_set(e, YC_EINVALID, "invalid_url", zField, "%s[%zu] must be an http:// or https:// address", zField, i);
  }
  return YC_OK;
}

const char *exu_tie_kind(Ctx *c, int64_t id){
  DbStmt *p = db_stmt(c->db, "SELECT kind FROM tie WHERE id=?1 AND home_city_id=?2");
  if( !p ) return 0;
  db_bind_int64(p, 1, id);
  db_bind_int64(p, 2, c->homeCityId);
  const char *zKind = 0;
  if( db_step(p)==DB_ROW ){
    const char *z = db_text(p, 0);
    zKind = strcmp(z, "sister")==0 ? "sister" : strcmp(z, "cooperation")==0 ? "cooperation" : "candidate";
  }
  db_reset(p);
  return zKind;
}

int exu_org_exists(Ctx *c, int64_t id){
  DbStmt *p = db_stmt(c->db, "SELECT 1 FROM org WHERE id=?1");
  if( !p ) return 0;
  db_bind_int64(p, 1, id);
  int b = db_step(p)==DB_ROW;
  db_reset(p);
  return b;
}

json_t *exu_tie_json(Ctx *c, int64_t id){
  DbStmt *p = db_stmt(c->db,
    "SELECT t.id, c.name, c.name_zh, t.partner_label, t.kind, co.iso2, co.name_en, co.name_zh"
    " FROM tie t JOIN city c ON c.id=t.partner_city_id JOIN country co ON co.iso2=c.country WHERE t.id=?1");
  if( !p ) return 0;
  db_bind_int64(p, 1, id);
  json_t *j = 0;
  if( db_step(p)==DB_ROW ){
    j = json_pack("{s:I, s:o, s:o, s:o, s:o, s:{s:o, s:o, s:o}}",
      "id", (json_int_t)db_col_int64(p, 0), "name_en", exu_jtext(p, 1), "name_zh", exu_jtext(p, 2),
      "label", exu_jtext(p, 3), "kind", exu_jtext(p, 4),
      "country", "iso2", exu_jtext(p, 5), "name_en", exu_jtext(p, 6), "name_zh", exu_jtext(p, 7));
  }
  db_reset(p);
  return j;
}

json_t *exu_org_json(Ctx *c, int64_t id){
  DbStmt *p = db_stmt(c->db, "SELECT id, name_en, name_zh, side, type FROM org WHERE id=?1");
  if( !p ) return 0;
  db_bind_int64(p, 1, id);
  json_t *j = 0;
  if( db_step(p)==DB_ROW ){
    j = json_pack("{s:I, s:o, s:o, s:o, s:o}", "id", (json_int_t)db_col_int64(p, 0),
      "name_en", exu_jtext(p, 1), "name_zh", exu_jtext(p, 2), "side", exu_jtext(p, 3), "type", exu_jtext(p, 4));
  }
  db_reset(p);
  return j;
}

YcStatus exu_exec_ints(Ctx *c, const char *zSql, const int64_t *a, int n, Err *e){
  DbStmt *p = db_stmt(c->db, zSql);
  if( !p ) return db_error(c->db, DB_ERROR, e);
  for(int i=0; i<n; i++) db_bind_int64(p, i+1, a[i]);
  int rc = db_step(p);
  db_reset(p);
  return rc==DB_DONE ? YC_OK : db_error(c->db, rc, e);
}

static int cmp_id(const void *a, const void *b){
  int64_t x = *(const int64_t*)a, y = *(const int64_t*)b;
  return x<y ? -1 : x>y;
}

void exu_sort_ids(int64_t *a, int n){
  if( n>1 ) qsort(a, (size_t)n, sizeof a[0], cmp_id);
}

uint64_t exu_fnv(uint64_t h, const char *z, size_t n){
  for(size_t i=0; i<n; i++){ h ^= (unsigned char)z[i]; h *= 0x100000001b3ULL; }
  return h;
}

json_t *exu_tie_options(Ctx *c){
  json_t *a = json_array();
  DbStmt *p = db_stmt(c->db, "SELECT t.id, c.name, c.name_zh, t.partner_label, t.kind, c.country"
    " FROM tie t JOIN city c ON c.id=t.partner_city_id WHERE t.home_city_id=?1 ORDER BY c.name_fold, t.id");
  if( !p ) return a;
  db_bind_int64(p, 1, c->homeCityId);
  while( db_step(p)==DB_ROW ){
    json_array_append_new(a, json_pack("{s:I, s:o, s:o, s:o, s:o, s:o}", "id", (json_int_t)db_col_int64(p, 0),
      "name_en", exu_jtext(p, 1), "name_zh", exu_jtext(p, 2), "label", exu_jtext(p, 3), "kind", exu_jtext(p, 4),
      "iso2", exu_jtext(p, 5)));
  }
  db_reset(p);
  return a;
}

json_t *exu_org_options(Ctx *c){
  json_t *a = json_array();
  DbStmt *p = db_stmt(c->db, "SELECT id, name_en, name_zh, side FROM org ORDER BY side, coalesce(name_en, name_zh), id LIMIT 2000");
  if( !p ) return a;
  while( db_step(p)==DB_ROW ){
    json_array_append_new(a, json_pack("{s:I, s:o, s:o, s:o}", "id", (json_int_t)db_col_int64(p, 0),
      "name_en", exu_jtext(p, 1), "name_zh", exu_jtext(p, 2), "side", exu_jtext(p, 3)));
  }
  db_reset(p);
  return a;
}
