/* console.c: operator SQL on either engine; see console.h. */
#include <stdio.h>
#include <string.h>
#include "core/console.h"

/* The end of the statement starting at z: its ';' or NUL, quotes and
** comments skipped. */
static const char *stmt_end(const char *z){
  while( *z && *z!=';' ){
    if( *z=='\'' || *z=='"' ){
      char q = *z++;
      while( *z && !(*z==q && z[1]!=q) ){ if( *z==q ) z++; z++; }
      if( *z ) z++;
    }else if( z[0]=='-' && z[1]=='-' ){
      while( *z && *z!='\n' ) z++;
    }else z++;
  }
  return z;
}

YcStatus console_run(Ctx *c, const char *zSql, Buf *pOut, Err *e){
  if( db_begin(c->db, e) ) return e->st;
  YcStatus st = YC_OK;
  Buf one = BUF_INIT;
  for(const char *z = zSql; *z && !st; ){
    const char *zEnd = stmt_end(z);
    buf_reset(&one);
    buf_append(&one, z, (size_t)(zEnd - z));
    z = *zEnd ? zEnd + 1 : zEnd;
    const char *q = buf_str(&one);
    while( *q==' ' || *q=='\n' || *q=='\t' || *q=='\r' ) q++;
    if( !*q ) continue;
    DbStmt *p = db_stmt(c->db, q);
    if( !p ){
      st = err_set(e, YC_EINVALID, "sql", "sql", "cannot run %.200s: %s", q, db_errmsg(c->db));
      break;
    }
    int rc;
    while( (rc = db_step(p))==DB_ROW ){
      int n = db_col_count(p);
      for(int i=0; i<n; i++){
        const char *v = db_text(p, i);
        if( i ) buf_putc(pOut, '|');
        if( v ) buf_puts(pOut, v);
      }
      buf_putc(pOut, '\n');
    }
    if( rc!=DB_DONE ){
      char zCode[32];
      db_error(c->db, rc, e);
      snprintf(zCode, sizeof zCode, "%s", e->zCode);
      st = err_set(e, e->st, zCode, "sql", "%.200s: %s", q, db_errmsg(c->db));
    }
    db_reset(p);
  }
  buf_free(&one);
  if( st ){ db_rollback(c->db); return st; }
  return db_commit(c->db, e);
}
