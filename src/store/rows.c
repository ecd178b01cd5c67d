/* rows.c: query results as JSON; see rows.h. */
#include <string.h>
#include "store/rows.h"

json_t *rows_value(DbStmt *p, int i){
  switch( db_col_type(p, i) ){
    case DB_INTEGER: return json_integer((json_int_t)db_col_int64(p, i));
    case DB_FLOAT:   return json_real(db_col_double(p, i));
    case DB_NULL:    return json_null();
    default:         return rows_text(p, i);
  }
}

json_t *rows_text(DbStmt *p, int i){
  const char *z = db_text(p, i);
  return z ? json_string(z) : json_null();
}

json_t *rows_list(DbStmt *p, int i){
  json_t *a = json_array();
  const char *z = db_text(p, i);
  while( z && *z ){
    const char *zEnd = strchr(z, 31);
    size_t n = zEnd ? (size_t)(zEnd - z) : strlen(z);
    json_array_append_new(a, json_stringn(z, n));
    z += n + (zEnd ? 1 : 0);
  }
  return a;
}

json_t *rows_array(DbStmt *p, int i){
  const char *z = db_text(p, i);
  json_t *j = z ? json_loads(z, 0, 0) : 0;
  if( !json_is_array(j) ){ json_decref(j); j = json_array(); }
  return j;
}

json_t *rows_object(DbStmt *p, const char *const *azName){
  json_t *o = json_object();
  for(int i=0; azName[i]; i++) json_object_set_new(o, azName[i], rows_value(p, i));
  return o;
}

json_t *rows_all(Db *db, DbStmt *p, const char *const *azName, Err *e){
  if( !p ){ db_error(db, DB_ERROR, e); return 0; }
  json_t *a = json_array();
  int rc;
  while( (rc = db_step(p))==DB_ROW ) json_array_append_new(a, rows_object(p, azName));
  db_reset(p);
  if( rc!=DB_DONE ){
    json_decref(a);
    db_error(db, rc, e);
    return 0;
  }
  return a;
}
