/* ctx.c: see ctx.h. */
#include <stdlib.h>
#include "core/ctx.h"

YcStatus ctx_load_home(Ctx *c, Err *e){
  char *z = db_meta_get(c->db, "home_city_id");
  if( !z ) return err_set(e, YC_ENOTFOUND, "not_initialised", "db",
                          "the database has no home city; run `youcheng init` first");
  c->homeCityId = atoll(z);
  free(z);
  return YC_OK;
}

YcStatus ctx_create(Ctx *c, json_t *in, CtxCreateTx xTx, int64_t *pId, Err *e){
  *pId = 0;
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  YcStatus st = xTx(c, in, pId, e);
  if( !st ) st = db_commit(c->db, e);
  if( st ) db_rollback(c->db);
  return st;
}
