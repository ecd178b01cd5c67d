/* unit.c: see unit.h. */
#include <stdlib.h>
#include <string.h>
#include "core/unit.h"
#include "core/input.h"
#include "core/audit.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/json.h"
#include "store/rows.h"
#include "store/stmt.h"
#include "text/norm.h"

const char *const azUnitKind[] = {"office", "department", "district", "zone", 0};
const char *const azUnitParam[] = {"q", "kind", 0};
const char *const azUnitField[] = {"name_zh", "name_en", "kind", 0};

/* The tables whose records name a unit, with the statements on them. */
typedef struct UnitTable {
  const char *zTable, *zLabel;   /* table; its records' name in a message */
  const char *zSet, *zOne, *zMany, *zCount;
} UnitTable;
#define UT(T, L) {T, L, "UPDATE " T " SET unit_id=?2 WHERE id=?1", \
  "SELECT r.unit_id, u.name_zh, u.name_en FROM " T " r LEFT JOIN unit u ON u.id=r.unit_id WHERE r.id=?1", \
  "SELECT r.id, r.unit_id, u.name_zh, u.name_en FROM " T " r JOIN unit u ON u.id=r.unit_id" \
  " WHERE r.id IN (SELECT CAST(value AS INTEGER) FROM json_each(?1))", \
  "SELECT count(*) FROM " T " WHERE unit_id=?1"}
static const UnitTable aUnitTable[] = {
  UT("exchange", "exchanges"), UT("event", "events"), UT("delegation", "delegations"),
  UT("project", "projects"), UT("opportunity", "opportunities"), UT("news", "news items"),
};

static const UnitTable *unit_table(const char *zTable){
  for(size_t i=0; i<sizeof aUnitTable/sizeof aUnitTable[0]; i++)
    if( strcmp(aUnitTable[i].zTable, zTable)==0 ) return &aUnitTable[i];
  return 0;
}

#define UNIT_SELECT "SELECT id, name_zh, name_en, kind, created_at, updated_at," \
  " (SELECT count(*) FROM user WHERE unit_id=unit.id) FROM unit"
static const char *const azUnitCol[] = {"id", "name_zh", "name_en", "kind", "created_at", "updated_at", "users", 0};

/* How many records of each table name unit id: {"exchanges":n, ...} and the total in *pn. */
static json_t *unit_records(Ctx *c, int64_t id, int64_t *pn){
  json_t *o = json_object();
  *pn = 0;
  for(size_t i=0; i<sizeof aUnitTable/sizeof aUnitTable[0]; i++){
    DbStmt *p = db_stmt(c->db, aUnitTable[i].zCount);
    if( !p ) continue;
    db_bind_int64(p, 1, id);
    int64_t n = db_step(p)==DB_ROW ? db_col_int64(p, 0) : 0;
    db_reset(p);
    json_object_set_new(o, aUnitTable[i].zLabel, json_integer(n));
    *pn += n;
  }
  return o;
}

/* Does folded needle zQ occur in z (folded) or its pinyin? */
static int unit_matches(const char *zQ, const char *z){
  if( !z ) return 0;
  char *zF = text_fold(z), *zP = text_pinyin(z);
  char *zPF = zP ? text_fold(zP) : 0;
  int b = (zF && strstr(zF, zQ)) || (zPF && strstr(zPF, zQ));
  free(zF); free(zP); free(zPF);
  return b;
}

YcStatus unit_list(Ctx *c, const char *zQ, const char *zKind, json_t **ppOut, Err *e){
  *ppOut = 0;
  if( zKind && in_enum_index(azUnitKind, zKind)<0 )
    return err_set(e, YC_EINVALID, "invalid_value", "kind", "kind must be office, department, district or zone");
  if( zQ && strlen(zQ)>200 ) return err_set(e, YC_EINVALID, "too_long", "q", "q is longer than 200 characters");
  char *zQF = zQ && *zQ ? text_fold(zQ) : 0;
  if( zQ && *zQ && !zQF ) return err_set(e, YC_EINVALID, "invalid_value", "q", "q is not valid text");
  DbStmt *p = db_stmt(c->db, UNIT_SELECT " WHERE ?1 IS NULL OR kind=?1"
    " ORDER BY CASE kind WHEN 'office' THEN 0 WHEN 'department' THEN 1 WHEN 'district' THEN 2 ELSE 3 END, name_zh, id");
  if( !p ){ free(zQF); return db_error(c->db, DB_ERROR, e); }
  db_bind_text(p, 1, zKind, -1);
  json_t *a = rows_all(c->db, p, azUnitCol, e);
  if( !a ){ free(zQF); return e ? e->st : YC_EINTERNAL; }
  json_t *out = json_array(), *u;
  size_t i;
  json_array_foreach(a, i, u){
    if( zQF && !unit_matches(zQF, json_string_value(json_object_get(u, "name_zh")))
            && !unit_matches(zQF, json_string_value(json_object_get(u, "name_en"))) ) continue;
    json_array_append(out, u);
  }
  json_decref(a);
  free(zQF);
  *ppOut = json_pack("{s:o, s:I}", "items", out, "total", (json_int_t)json_array_size(out));
  return YC_OK;
}

YcStatus unit_get(Ctx *c, int64_t id, json_t **ppOut, Err *e){
  *ppOut = 0;
  DbStmt *p = db_stmt(c->db, UNIT_SELECT " WHERE id=?1");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, id);
  json_t *j = db_step(p)==DB_ROW ? rows_object(p, azUnitCol) : 0;
  db_reset(p);
  if( !j ) return err_set(e, YC_ENOTFOUND, "not_found", "id", "no unit with id %lld", (long long)id);
  int64_t n;
  json_object_set_new(j, "records", unit_records(c, id, &n));
  *ppOut = j;
  return YC_OK;
}

typedef struct UnitIn { const char *zNameZh, *zNameEn, *zKind; } UnitIn;

static YcStatus unit_from_json(json_t *in, UnitIn *x, Err *e){
  int bSet;
  YcStatus st;
  memset(x, 0, sizeof *x);
  if( !json_is_object(in) ) return err_set(e, YC_EINVALID, "invalid_body", 0, "the body must be a JSON object");
  if( (st = in_known_fields(in, azUnitField, e)) ) return st;
  if( (st = in_str(in, "name_zh", 1, 200, 0, &x->zNameZh, &bSet, e)) ) return st;
  if( (st = in_str(in, "name_en", 0, 200, 0, &x->zNameEn, &bSet, e)) ) return st;
  if( (st = in_enum(in, "kind", 1, azUnitKind, &x->zKind, &bSet, e)) ) return st;
  return YC_OK;
}

static YcStatus unit_write(Ctx *c, const UnitIn *x, int64_t *pId, Err *e){
  char zNow[24];
  date_now(zNow);
  DbStmt *p = db_stmt(c->db, *pId==0 ?
    "INSERT INTO unit(name_zh,name_en,kind,created_at,updated_at) VALUES(?1,?2,?3,?4,?4)" :
    "UPDATE unit SET name_zh=?1, name_en=?2, kind=?3, updated_at=?4 WHERE id=?5");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_text(p, 1, x->zNameZh, -1);
  db_bind_text(p, 2, x->zNameEn, -1);
  db_bind_text(p, 3, x->zKind, -1);
  db_bind_text(p, 4, zNow, -1);
  if( *pId ) db_bind_int64(p, 5, *pId);
  int rc = db_step(p);
  db_reset(p);
  if( rc!=DB_DONE ){
    if( db_error(c->db, rc, e)==YC_ECONFLICT )
      return err_set(e, YC_ECONFLICT, "duplicate", "name_zh", "a unit named %s exists already", x->zNameZh);
    return e ? e->st : YC_EINTERNAL;
  }
  if( *pId==0 ) *pId = db_last_id(c->db);
  return YC_OK;
}

YcStatus unit_create(Ctx *c, json_t *in, json_t **ppOut, Err *e){
  *ppOut = 0;
  UnitIn x;
  YcStatus st = unit_from_json(in, &x, e);
  if( st ) return st;
  int64_t id = 0;
  json_t *j = 0;
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  st = unit_write(c, &x, &id, e);
  if( !st ) st = unit_get(c, id, &j, e);
  if( !st ) st = audit_log(c, "create", "unit", id, 0, j, e);
  if( !st ) st = db_commit(c->db, e);
  if( st ){ db_rollback(c->db); json_decref(j); return st; }
  *ppOut = j;
  return YC_OK;
}

YcStatus unit_update(Ctx *c, int64_t id, json_t *in, json_t **ppOut, Err *e){
  *ppOut = 0;
  json_t *jBefore = 0, *jAfter = 0, *merged = 0;
  UnitIn x;
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  YcStatus st = unit_get(c, id, &jBefore, e);
  if( !st && !json_is_object(in) ) st = err_set(e, YC_EINVALID, "invalid_body", 0, "the body must be a JSON object");
  if( !st ) st = in_known_fields(in, azUnitField, e);
  if( !st ){
    merged = json_object();
    for(int i=0; azUnitField[i]; i++){
      json_t *v = json_object_get(jBefore, azUnitField[i]);
      if( v && !json_is_null(v) ) json_object_set(merged, azUnitField[i], v);
    }
    static const char *const azKeep[] = {"name_zh", "kind", 0};
    in_patch(merged, in, azKeep);
    st = unit_from_json(merged, &x, e);
  }
  if( !st ) st = unit_write(c, &x, &id, e);
  if( !st ) st = unit_get(c, id, &jAfter, e);
  if( !st ) st = audit_log(c, "update", "unit", id, jBefore, jAfter, e);
  if( !st ) st = db_commit(c->db, e);
  json_decref(merged);
  json_decref(jBefore);
  if( st ){ db_rollback(c->db); json_decref(jAfter); return st; }
  *ppOut = jAfter;
  return YC_OK;
}

YcStatus unit_delete(Ctx *c, int64_t id, Err *e){
  json_t *jBefore = 0;
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  YcStatus st = unit_get(c, id, &jBefore, e);
  if( !st ){
    int64_t nRec = 0, nUser = json_integer_value(json_object_get(jBefore, "users"));
    json_t *rec = unit_records(c, id, &nRec);
    if( nRec || nUser ){
      Buf b = BUF_INIT;
      if( nUser ) buf_printf(&b, "%lld user%s", (long long)nUser, nUser==1 ? "" : "s");
      const char *zK;
      json_t *v;
      json_object_foreach(rec, zK, v){
        if( json_integer_value(v)==0 ) continue;
        buf_printf(&b, "%s%lld %s", b.n ? ", " : "", (long long)json_integer_value(v), zK);
      }
      st = err_set(e, YC_ECONFLICT, "in_use", "id", "%s refer%s to this unit", buf_str(&b),
                   nUser + nRec==1 ? "s" : "");
      buf_free(&b);
    }
    json_decref(rec);
  }
  int64_t a[1] = {id};
  if( !st ) st = stmt_run(c->db, "DELETE FROM unit WHERE id=?1", a, 1, e);
  if( !st ) st = audit_log(c, "delete", "unit", id, jBefore, 0, e);
  if( !st ) st = db_commit(c->db, e);
  if( st ) db_rollback(c->db);
  json_decref(jBefore);
  return st;
}

/* --- the responsible unit of a record ----------------------------------- */

static int unit_exists(Ctx *c, int64_t id){
  return stmt_exists(c->db, "SELECT 1 FROM unit WHERE id=?1", id);
}

YcStatus unit_take(Ctx *c, json_t *in, json_t **pRest, int64_t *pUnit, int *pbSet, Err *e){
  *pRest = 0;
  *pUnit = 0;
  *pbSet = 0;
  if( !json_is_object(in) ){ *pRest = json_incref(in); return YC_OK; }
  YcStatus st = in_int(in, "unit_id", 0, 1, INT64_MAX, pUnit, pbSet, e);
  if( st ) return st;
  *pbSet = json_object_get(in, "unit_id")!=0;    /* null clears the unit: given too */
  if( *pUnit && !unit_exists(c, *pUnit) )
    return err_set(e, YC_EINVALID, "unknown_unit", "unit_id", "no unit with id %lld", (long long)*pUnit);
  json_t *rest = json_copy(in);
  json_object_del(rest, "unit_id");
  *pRest = rest;
  return YC_OK;
}

YcStatus unit_set(Ctx *c, const char *zTable, int64_t id, int64_t unitId, int bSet, int bNew, Err *e){
  const UnitTable *t = unit_table(zTable);
  if( !t ) return err_set(e, YC_EINTERNAL, "internal", 0, "records of %s have no unit", zTable);
  if( !bSet ){
    if( !bNew || !c->bOwnUnit || !c->unitId ) return YC_OK;
    unitId = c->unitId;          /* an own-unit editor's new record is their unit's */
  }
  DbStmt *p = db_stmt(c->db, t->zSet);
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, id);
  db_bind_id(p, 2, unitId);
  int rc = db_step(p);
  db_reset(p);
  return rc==DB_DONE ? YC_OK : db_error(c->db, rc, e);
}

static json_t *unit_ref(int64_t id, const char *zZh, const char *zEn){
  return json_pack("{s:I, s:s?, s:s?}", "id", (json_int_t)id, "name_zh", zZh, "name_en", zEn);
}

void unit_attach(Ctx *c, const char *zTable, json_t *j){
  const UnitTable *t = unit_table(zTable);
  if( !t || !json_is_object(j) ) return;
  DbStmt *p = db_stmt(c->db, t->zOne);
  if( !p ) return;
  db_bind_int64(p, 1, json_integer_value(json_object_get(j, "id")));
  int64_t u = 0;
  json_t *ref = 0;
  if( db_step(p)==DB_ROW && (u = db_col_int64(p, 0))!=0 ) ref = unit_ref(u, db_text(p, 1), db_text(p, 2));
  db_reset(p);
  json_object_set_new(j, "unit_id", u ? json_integer(u) : json_null());
  json_object_set_new(j, "unit", ref ? ref : json_null());
}

void unit_attach_items(Ctx *c, const char *zTable, json_t *a){
  const UnitTable *t = unit_table(zTable);
  if( !t || !json_is_array(a) || json_array_size(a)==0 ) return;
  json_t *ids = json_array(), *x;
  size_t i;
  json_array_foreach(a, i, x){
    json_array_append(ids, json_object_get(x, "id"));
    json_object_set_new(x, "unit_id", json_null());
    json_object_set_new(x, "unit", json_null());
  }
  char *zIds = json_text(ids, JSON_COMPACT);
  json_decref(ids);
  DbStmt *p = zIds ? db_stmt(c->db, t->zMany) : 0;
  if( p ){
    db_bind_text(p, 1, zIds, -1);
    while( db_step(p)==DB_ROW ){
      json_int_t id = db_col_int64(p, 0);
      json_array_foreach(a, i, x){
        if( json_integer_value(json_object_get(x, "id"))!=id ) continue;
        json_object_set_new(x, "unit_id", json_integer(db_col_int64(p, 1)));
        json_object_set_new(x, "unit", unit_ref(db_col_int64(p, 1), db_text(p, 2), db_text(p, 3)));
      }
    }
    db_reset(p);
  }
  free(zIds);
}
