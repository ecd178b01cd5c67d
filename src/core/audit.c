/* audit.c: see audit.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/audit.h"
#include "core/perm.h"
#include "base/date.h"
#include "base/json.h"

YcStatus audit_log(Ctx *c, const char *zAction, const char *zEntity,
                   int64_t id, json_t *jBefore, json_t *jAfter, Err *e){
  YcStatus stPerm = perm_check(c, zAction, zEntity, id, jBefore, jAfter, e);
  if( stPerm ) return stPerm;
  if( c->zAuditAction && strcmp(zAction, "update")==0 ) zAction = c->zAuditAction;  /* a revert */
  if( c->zIfEntity && id==c->ifId && strcmp(zEntity, c->zIfEntity)==0 ){
    int64_t want = c->ifVersion, now = audit_version(c, zEntity, id);
    c->zIfEntity = 0;
    if( now!=want ) return err_set(e, YC_ECONFLICT, "conflict", "version",
      "changed by someone else since version %lld: its version is now %lld", (long long)want, (long long)now);
  }
  DbStmt *p = db_stmt(c->db,
    "INSERT INTO audit(at,user_id,actor,action,entity,entity_id,before,after,revert_of)"
    " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9)");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  char zNow[24];
  date_now(zNow);
  char *zB = jBefore ? json_text(jBefore, JSON_COMPACT) : 0;
  char *zA = jAfter ? json_text(jAfter, JSON_COMPACT) : 0;
  db_bind_text_copy(p, 1, zNow, -1);
  if( c->userId ) db_bind_int64(p, 2, c->userId);
  db_bind_text(p, 3, c->zActor ? c->zActor : "unknown", -1);
  db_bind_text(p, 4, zAction, -1);
  db_bind_text(p, 5, zEntity, -1);
  if( id ) db_bind_int64(p, 6, id);
  db_bind_text_copy(p, 7, zB, -1);
  db_bind_text_copy(p, 8, zA, -1);
  if( c->zAuditAction && c->auditRevertOf ) db_bind_int64(p, 9, c->auditRevertOf);
  int rc = db_step(p);
  db_reset(p);
  free(zB);
  free(zA);
  return rc==DB_DONE ? YC_OK : db_error(c->db, rc, e);
}

int64_t audit_version(Ctx *c, const char *zEntity, int64_t id){
  DbStmt *p = db_stmt(c->db, "SELECT max(id) FROM audit WHERE entity=?1 AND entity_id=?2");
  if( !p ) return 0;
  db_bind_text(p, 1, zEntity, -1);
  db_bind_int64(p, 2, id);
  int64_t v = db_step(p)==DB_ROW ? db_col_int64(p, 0) : 0;
  db_reset(p);
  return v;
}

json_t *audit_versions(Ctx *c, const char *zEntity, const json_t *aIds){
  json_t *o = json_object();
  DbStmt *p = db_stmt(c->db, "SELECT entity_id, max(id) FROM audit"
    " WHERE entity=?1 AND entity_id IN (SELECT CAST(value AS INTEGER) FROM json_each(?2)) GROUP BY entity_id");
  char *zIds = json_text(aIds, JSON_COMPACT);
  if( !p || !zIds ){ free(zIds); return o; }
  db_bind_text(p, 1, zEntity, -1);
  db_bind_text_copy(p, 2, zIds, -1);
  while( db_step(p)==DB_ROW ){
    char z[24];
    snprintf(z, sizeof z, "%lld", (long long)db_col_int64(p, 0));
    json_object_set_new(o, z, json_integer(db_col_int64(p, 1)));
  }
  db_reset(p);
  free(zIds);
  return o;
}

json_t *audit_latest(Ctx *c, int n, const char *zEntity, int64_t id){
  DbStmt *p = db_stmt(c->db,
    "SELECT id, at, actor, action, entity, entity_id,"
    /* People are personal data and private delegations not public: no
    ** names for callers not signed in (?4 = 0). */
    " CASE WHEN ?4=0 AND (entity='person' OR (entity='delegation' AND CAST(json_extract(coalesce(after,before), '$.public') AS INTEGER)=0))"
    "  THEN NULL ELSE CASE entity WHEN 'tie' THEN coalesce(json_extract(coalesce(after,before), '$.label'),"
    "   json_extract(coalesce(after,before), '$.city.name_en'))"
    "  ELSE coalesce(json_extract(coalesce(after,before), '$.name_en'), json_extract(coalesce(after,before), '$.name'),"
    "   json_extract(coalesce(after,before), '$.title_en'), json_extract(coalesce(after,before), '$.title')) END END,"
    " CASE WHEN ?4=0 AND (entity='person' OR (entity='delegation' AND CAST(json_extract(coalesce(after,before), '$.public') AS INTEGER)=0))"
    "  THEN NULL ELSE CASE entity WHEN 'tie' THEN coalesce(json_extract(coalesce(after,before), '$.label'),"
    "   json_extract(coalesce(after,before), '$.city.name_zh'))"
    "  ELSE coalesce(json_extract(coalesce(after,before), '$.name_zh'), json_extract(coalesce(after,before), '$.title_zh')) END END"
    " FROM audit"
    " WHERE (?2 IS NULL OR entity=?2) AND (?3 IS NULL OR entity_id=?3)"
    " ORDER BY id DESC LIMIT ?1");
  json_t *a = json_array();
  if( !p ) return a;
  db_bind_int(p, 1, n);
  if( zEntity ) db_bind_text(p, 2, zEntity, -1);
  if( id ) db_bind_int64(p, 3, id);
  db_bind_int(p, 4, ctx_signed_in(c));
  while( db_step(p)==DB_ROW ){
    const char *zEn = db_text(p, 6), *zZh = db_text(p, 7);
    json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:o, s:o}",
      "id", (json_int_t)db_col_int64(p, 0),
      "at", db_text(p, 1), "actor", db_text(p, 2), "action", db_text(p, 3),
      "entity", db_text(p, 4), "entity_id", (json_int_t)db_col_int64(p, 5),
      "name_en", zEn ? json_string(zEn) : json_null(), "name_zh", zZh ? json_string(zZh) : json_null()));
  }
  db_reset(p);
  return a;
}
