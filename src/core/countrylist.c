/* countrylist.c: country lists; see countrylist.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/countrylist.h"
#include "core/input.h"
#include "core/audit.h"
#include "base/date.h"
#include "store/rows.h"
#include "core/city.h"

#define CLIST_MAX_MEMBERS 300

int clist_key_ok(const char *z){
  size_t n = z ? strlen(z) : 0;
  if( n<2 || n>40 || z[0]<'a' || z[0]>'z' || strcmp(z, "new")==0 ) return 0;   /* /lists/new is a page */
  for(size_t i=0; i<n; i++){
    char ch = z[i];
    if( !((ch>='a' && ch<='z') || (ch>='0' && ch<='9') || ch=='_') ) return 0;
  }
  return 1;
}

#define LIST_COLUMNS "l.id, l.key, l.name_en, l.name_zh, l.kind, l.builtin, l.source, l.as_of, l.notes," \
  " l.created_at, l.updated_at, (SELECT count(*) FROM country_list_member m WHERE m.list_id=l.id)," \
  " coalesce(l.expand_user, l.expand_data), l.expand_user IS NOT NULL"

static json_t *list_row_json(DbStmt *p){
  return json_pack("{s:I, s:o, s:o, s:o, s:o, s:b, s:o, s:o, s:o, s:o, s:o, s:i, s:b, s:s}",
    "id", (json_int_t)db_col_int64(p, 0), "key", rows_text(p, 1), "name_en", rows_text(p, 2),
    "name_zh", rows_text(p, 3), "kind", rows_text(p, 4), "builtin", db_col_int(p, 5),
    "source", rows_text(p, 6), "as_of", rows_text(p, 7), "notes", rows_text(p, 8),
    "created_at", rows_text(p, 9), "updated_at", rows_text(p, 10), "members", db_col_int(p, 11),
    "expand", db_col_int(p, 12), "expand_by", db_col_int(p, 13) ? "user" : "data");
}

YcStatus clist_all(Ctx *c, json_t **ppOut, Err *e){
  *ppOut = 0;
  DbStmt *p = db_stmt(c->db, "SELECT " LIST_COLUMNS " FROM country_list l"
    " ORDER BY CASE l.kind WHEN 'target' THEN 0 WHEN 'user' THEN 1 ELSE 2 END, l.builtin DESC, l.id");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  json_t *items = json_array();
  while( db_step(p)==DB_ROW ) json_array_append_new(items, list_row_json(p));
  db_reset(p);
  *ppOut = json_pack("{s:o}", "items", items);
  return YC_OK;
}

YcStatus clist_get(Ctx *c, const char *zKey, json_t **ppOut, Err *e){
  *ppOut = 0;
  if( !clist_key_ok(zKey) ) return err_set(e, YC_ENOTFOUND, "not_found", "key", "no list with key '%.40s'", zKey ? zKey : "");
  DbStmt *p = db_stmt(c->db, "SELECT " LIST_COLUMNS " FROM country_list l WHERE l.key=?1");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_text(p, 1, zKey, -1);
  json_t *j = db_step(p)==DB_ROW ? list_row_json(p) : 0;
  db_reset(p);
  if( !j ) return err_set(e, YC_ENOTFOUND, "not_found", "key", "no list with key '%s'", zKey);
  p = db_stmt(c->db, "SELECT co.iso2, co.name_en, co.name_zh, co.continent, m.note FROM country_list_member m"
                     " JOIN country co ON co.iso2=m.iso2 WHERE m.list_id=?1 ORDER BY co.name_en");
  if( !p ){ json_decref(j); return db_error(c->db, DB_ERROR, e); }
  db_bind_int64(p, 1, json_integer_value(json_object_get(j, "id")));
  json_t *a = json_array();
  while( db_step(p)==DB_ROW ){
    json_array_append_new(a, json_pack("{s:o, s:o, s:o, s:o, s:o}", "iso2", rows_text(p, 0), "name_en", rows_text(p, 1),
      "name_zh", rows_text(p, 2), "continent", rows_text(p, 3), "note", rows_text(p, 4)));
  }
  db_reset(p);
  json_object_set_new(j, "member_list", a);
  *ppOut = j;
  return YC_OK;
}

const char *const azListField[] = {"key", "name_en", "name_zh", "source", "notes", "members", "expand", 0};

typedef struct ListIn {
  const char *zKey, *zNameEn, *zNameZh, *zSource, *zNotes;
  json_t *aMember;
  int bMembers;
  int eExpand;             /* -1 not given, 0 or 1 */
} ListIn;

/* Validate members: strings "US" or objects {"iso2","note"?}. */
static YcStatus members_parse(Ctx *c, json_t *in, ListIn *l, Err *e){
  json_t *a = json_object_get(in, "members");
  l->bMembers = a!=0;
  if( !a ) return YC_OK;
  if( !json_is_array(a) ) return err_set(e, YC_EINVALID, "wrong_type", "members", "members must be an array of ISO 3166-1 alpha-2 codes");
  if( json_array_size(a)>CLIST_MAX_MEMBERS )
    return err_set(e, YC_EINVALID, "too_many", "members", "a list has at most %d countries", CLIST_MAX_MEMBERS);
  size_t i;
  json_t *x;
  json_array_foreach(a, i, x){
    const char *zIso = 0;
    if( json_is_object(x) ){
      static const char *const azMember[] = {"iso2", "note", 0};
      if( in_known_fields(x, azMember, e) ){
        char zF[64];
        snprintf(zF, sizeof zF, "members[%zu].%.30s", i, e->zField);
        snprintf(e->zField, sizeof e->zField, "%s", zF);
        return YC_EINVALID;
      }
      zIso = json_string_value(json_object_get(x, "iso2"));
      json_t *note = json_object_get(x, "note");
      if( note && !json_is_null(note) ){
        const char *zNote;
        int bSet;
        if( in_str(x, "note", 0, 200, 0, &zNote, &bSet, e) ){
          snprintf(e->zField, sizeof e->zField, "members[%zu].note", i);
          return YC_EINVALID;
        }
      }
    }else{
      zIso = json_string_value(x);
    }
    if( !zIso || strlen(zIso)!=2 || !country_exists(c, zIso) ){
      char zF[32];
      snprintf(zF, sizeof zF, "members[%zu]", i);
      return err_set(e, YC_EINVALID, "unknown_country", zF, "%s is not an ISO 3166-1 alpha-2 code of a known country", zF);
    }
    for(size_t k=0; k<i; k++){
      json_t *y = json_array_get(a, k);
      const char *zOther = json_is_object(y) ? json_string_value(json_object_get(y, "iso2")) : json_string_value(y);
      if( zOther && strcmp(zOther, zIso)==0 ){
        char zF[32];
        snprintf(zF, sizeof zF, "members[%zu]", i);
        return err_set(e, YC_EINVALID, "duplicate", zF, "%s appears twice in members", zIso);
      }
    }
  }
  l->aMember = a;
  return YC_OK;
}

static YcStatus list_parse(Ctx *c, json_t *in, ListIn *l, int bCreate, Err *e){
  YcStatus st;
  int bSet;
  const char *z;
  if( (st = in_known_fields(in, azListField, e)) ) return st;
  if( (st = in_str(in, "key", bCreate, 40, 0, &z, &bSet, e)) ) return st;
  if( bSet && !bCreate ) return err_set(e, YC_EINVALID, "read_only", "key", "the key of a list cannot change");
  if( bCreate ){
    if( !clist_key_ok(z) )
      return err_set(e, YC_EINVALID, "invalid_value", "key", "key must be 2 to 40 characters a-z, 0-9 or _, starting with a letter");
    l->zKey = z;
  }
  if( (st = in_str(in, "name_en", bCreate, 200, 0, &z, &bSet, e)) ) return st;
  if( bSet && !z ) return err_set(e, YC_EINVALID, "required", "name_en", "name_en cannot be null");
  if( bSet ) l->zNameEn = z;
  if( (st = in_str(in, "name_zh", bCreate, 200, 0, &z, &bSet, e)) ) return st;
  if( bSet && !z ) return err_set(e, YC_EINVALID, "required", "name_zh", "name_zh cannot be null");
  if( bSet ) l->zNameZh = z;
  if( (st = in_str(in, "source", 0, 500, 0, &z, &bSet, e)) ) return st;
  if( bSet ) l->zSource = z;
  if( (st = in_str(in, "notes", 0, 2000, 1, &z, &bSet, e)) ) return st;
  if( bSet ) l->zNotes = z;
  l->eExpand = -1;
  if( json_object_get(in, "expand") ){
    int b;
    if( (st = in_bool(in, "expand", &b, &bSet, e)) ) return st;
    if( bSet ) l->eExpand = b;
  }
  return members_parse(c, in, l, e);
}

static YcStatus step_done(Ctx *c, DbStmt *p, Err *e){
  int rc = db_step(p);
  db_reset(p);
  return rc==DB_DONE ? YC_OK : db_error(c->db, rc, e);
}

static YcStatus write_members(Ctx *c, int64_t id, json_t *a, Err *e){
  DbStmt *p = db_stmt(c->db, "DELETE FROM country_list_member WHERE list_id=?1");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, id);
  YcStatus st = step_done(c, p, e);
  p = db_stmt(c->db, "INSERT INTO country_list_member(list_id,iso2,note) VALUES(?1,?2,?3)");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  size_t i;
  json_t *x;
  json_array_foreach(a, i, x){
    if( st ) break;
    db_bind_int64(p, 1, id);
    if( json_is_object(x) ){
      db_bind_text(p, 2, json_string_value(json_object_get(x, "iso2")), -1);
      db_bind_text(p, 3, json_string_value(json_object_get(x, "note")), -1);
    }else{
      db_bind_text(p, 2, json_string_value(x), -1);
      db_bind_null(p, 3);
    }
    st = step_done(c, p, e);
  }
  return st;
}

/* id and builtin flag of the list with key zKey; 0 if none. */
static int64_t list_id(Ctx *c, const char *zKey, int *pbBuiltin){
  DbStmt *p = db_stmt(c->db, "SELECT id, builtin FROM country_list WHERE key=?1");
  if( !p ) return 0;
  db_bind_text(p, 1, zKey, -1);
  int64_t id = 0;
  if( db_step(p)==DB_ROW ){
    id = db_col_int64(p, 0);
    if( pbBuiltin ) *pbBuiltin = db_col_int(p, 1);
  }
  db_reset(p);
  return id;
}

YcStatus clist_create(Ctx *c, json_t *in, json_t **ppOut, Err *e){
  *ppOut = 0;
  ListIn l;
  memset(&l, 0, sizeof l);
  YcStatus st = list_parse(c, in, &l, 1, e);
  if( st ) return st;
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  if( list_id(c, l.zKey, 0) ){
    db_rollback(c->db);
    return err_set(e, YC_ECONFLICT, "duplicate", "key", "a list with key '%s' exists", l.zKey);
  }
  char zNow[24];
  date_now(zNow);
  DbStmt *p = db_stmt(c->db,
    "INSERT INTO country_list(key,name_en,name_zh,kind,source,as_of,notes,builtin,created_at,updated_at,expand_user)"
    " VALUES(?1,?2,?3,'user',?4,?5,?6,0,?7,?7,?8)");
  if( !p ){ db_rollback(c->db); return db_error(c->db, DB_ERROR, e); }
  db_bind_text(p, 1, l.zKey, -1);
  db_bind_text(p, 2, l.zNameEn, -1);
  db_bind_text(p, 3, l.zNameZh, -1);
  db_bind_text(p, 4, l.zSource, -1);
  db_bind_text(p, 5, zNow, 10);
  db_bind_text(p, 6, l.zNotes, -1);
  db_bind_text(p, 7, zNow, -1);
  if( l.eExpand>=0 ) db_bind_int(p, 8, l.eExpand);
  st = step_done(c, p, e);
  int64_t id = st ? 0 : db_last_id(c->db);
  if( !st && l.aMember ) st = write_members(c, id, l.aMember, e);
  json_t *j = 0;
  if( !st ) st = clist_get(c, l.zKey, &j, e);
  if( !st ) st = audit_log(c, "create", "country_list", id, 0, j, e);
  if( !st ) st = db_commit(c->db, e);
  if( st ){ db_rollback(c->db); json_decref(j); return st; }
  *ppOut = j;
  return YC_OK;
}

YcStatus clist_update(Ctx *c, const char *zKey, json_t *in, json_t **ppOut, Err *e){
  *ppOut = 0;
  json_t *jBefore = 0, *jAfter = 0;
  YcStatus st = clist_get(c, zKey, &jBefore, e);
  if( st ) return st;
  int bBuiltin = json_is_true(json_object_get(jBefore, "builtin"));
  if( bBuiltin && !(json_is_object(in) && json_object_size(in)==1 && json_object_get(in, "expand")) ){
    json_decref(jBefore);
    return err_set(e, YC_EFORBIDDEN, "read_only", "key",
                   "built-in lists are read-only but for expand; make your own list instead");
  }
  ListIn l;
  memset(&l, 0, sizeof l);
  if( (st = list_parse(c, in, &l, 0, e)) ){ json_decref(jBefore); return st; }
  int64_t id = json_integer_value(json_object_get(jBefore, "id"));
  if( db_begin(c->db, e) ){ json_decref(jBefore); return e ? e->st : YC_EINTERNAL; }
  char zNow[24];
  date_now(zNow);
  DbStmt *p = db_stmt(c->db,
    "UPDATE country_list SET name_en=coalesce(?2,name_en), name_zh=coalesce(?3,name_zh),"
    " source=CASE WHEN ?4 THEN ?5 ELSE source END, notes=CASE WHEN ?6 THEN ?7 ELSE notes END,"
    " as_of=CASE WHEN builtin THEN as_of ELSE ?8 END, updated_at=?9,"
    " expand_user=CASE WHEN ?10>=0 THEN ?10 ELSE expand_user END WHERE id=?1");
  if( !p ) st = db_error(c->db, DB_ERROR, e);
  else{
    db_bind_int64(p, 1, id);
    db_bind_text(p, 2, l.zNameEn, -1);
    db_bind_text(p, 3, l.zNameZh, -1);
    db_bind_int(p, 4, json_object_get(in, "source")!=0);
    db_bind_text(p, 5, l.zSource, -1);
    db_bind_int(p, 6, json_object_get(in, "notes")!=0);
    db_bind_text(p, 7, l.zNotes, -1);
    db_bind_text(p, 8, zNow, 10);
    db_bind_text(p, 9, zNow, -1);
    db_bind_int(p, 10, l.eExpand);
    st = step_done(c, p, e);
  }
  if( !st && l.bMembers ) st = write_members(c, id, l.aMember, e);
  if( !st ) st = clist_get(c, zKey, &jAfter, e);
  if( !st ) st = audit_log(c, "update", "country_list", id, jBefore, jAfter, e);
  if( !st ) st = db_commit(c->db, e);
  json_decref(jBefore);
  if( st ){ db_rollback(c->db); json_decref(jAfter); return st; }
  *ppOut = jAfter;
  return YC_OK;
}

YcStatus clist_delete(Ctx *c, const char *zKey, Err *e){
  json_t *jBefore = 0;
  YcStatus st = clist_get(c, zKey, &jBefore, e);
  if( st ) return st;
  if( json_is_true(json_object_get(jBefore, "builtin")) ){
    json_decref(jBefore);
    return err_set(e, YC_EFORBIDDEN, "read_only", "key", "built-in lists are read-only");
  }
  int64_t id = json_integer_value(json_object_get(jBefore, "id"));
  if( db_begin(c->db, e) ){ json_decref(jBefore); return e ? e->st : YC_EINTERNAL; }
  DbStmt *p = db_stmt(c->db, "DELETE FROM country_list_member WHERE list_id=?1");
  if( !p ) st = db_error(c->db, DB_ERROR, e);
  else{ db_bind_int64(p, 1, id); st = step_done(c, p, e); }
  if( !st ){
    p = db_stmt(c->db, "DELETE FROM country_list WHERE id=?1 AND builtin=0");
    if( !p ) st = db_error(c->db, DB_ERROR, e);
    else{ db_bind_int64(p, 1, id); st = step_done(c, p, e); }
  }
  if( !st ) st = audit_log(c, "delete", "country_list", id, jBefore, 0, e);
  if( !st ) st = db_commit(c->db, e);
  if( st ) db_rollback(c->db);
  json_decref(jBefore);
  return st;
}
