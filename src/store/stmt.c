/* stmt.c: statements run once; see stmt.h. */
#include "store/stmt.h"

static YcStatus finish(Db *db, DbStmt *p, Err *e){
  int rc = db_step(p);
  db_reset(p);
  return (rc==DB_DONE || rc==DB_ROW) ? YC_OK : db_error(db, rc, e);
}

YcStatus stmt_run(Db *db, const char *zSql, const int64_t *a, int n, Err *e){
  DbStmt *p = db_stmt(db, zSql);
  if( !p ) return db_error(db, DB_ERROR, e);
  for(int i=0; i<n; i++) db_bind_int64(p, i+1, a[i]);
  return finish(db, p, e);
}

YcStatus stmt_run_text(Db *db, const char *zSql, int64_t i1, const char *z2, Err *e){
  DbStmt *p = db_stmt(db, zSql);
  if( !p ) return db_error(db, DB_ERROR, e);
  db_bind_int64(p, 1, i1);
  db_bind_text(p, 2, z2, -1);
  return finish(db, p, e);
}

YcStatus stmt_count_text(Db *db, const char *zSql, const char *const *az, int n, int64_t *pn, Err *e){
  DbStmt *p = db_stmt(db, zSql);
  *pn = 0;
  if( !p ) return db_error(db, DB_ERROR, e);
  for(int i=0; i<n; i++) db_bind_text(p, i+1, az[i], -1);
  if( db_step(p)==DB_ROW ) *pn = db_col_int64(p, 0);
  db_reset(p);
  return YC_OK;
}

int stmt_exists(Db *db, const char *zSql, int64_t id){
  DbStmt *p = db_stmt(db, zSql);
  if( !p ) return 0;
  db_bind_int64(p, 1, id);
  int b = db_step(p)==DB_ROW;
  db_reset(p);
  return b;
}
