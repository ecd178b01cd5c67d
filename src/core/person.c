/* person.c: people, contacts and friends of the city; see person.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/search.h"
#include "core/person.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/json.h"
#include "core/audit.h"
#include "core/city.h"
#include "core/input.h"
#include "core/org.h"
#include "core/page.h"
#include "store/rows.h"
#include "store/stmt.h"
#include "text/lang.h"
#include "text/norm.h"

const char *const azPersonRole[] = {"official", "university", "association", "enterprise", "friend", 0};
const char *const azPersonParam[] = {"q", "role", "city", "org", "tie", "sort", "limit", "cursor", 0};
const char *const azPersonSort[] = {"name", "friend_since", 0};

const char *const azPsField[] = {"name_zh", "name_en", "name_native", "title", "org_id", "city_id",
  "languages", "roles", "email", "phone", "address", "friend_since", "notes", "sources", 0};

static YcStatus need_signed_in(const Ctx *c, Err *e){
  if( ctx_signed_in(c) ) return YC_OK;
  return err_set(e, YC_EAUTH, "unauthenticated", 0, "sign in to see people: their data is personal");
}

typedef struct PsIn {
  const char *zNameZh, *zNameEn, *zNative, *zTitle, *zEmail, *zPhone, *zAddress, *zSince, *zNotes;
  int64_t orgId, cityId;
  char *zLang, *zRoles, *zSources;     /* malloc'd */
} PsIn;

static void ps_free(PsIn *x){
  free(x->zLang);
  free(x->zRoles);
  free(x->zSources);
}

/* Join the strings of a into "a,b" (malloc'd), or 0 for an empty array. */
static char *join_strings(json_t *a){
  if( !json_array_size(a) ) return 0;
  Buf b = BUF_INIT;
  size_t i;
  json_t *v;
  json_array_foreach(a, i, v) buf_printf(&b, "%s%s", i ? "," : "", json_string_value(v));
  return buf_take(&b);
}

static YcStatus ps_from_json(Ctx *c, json_t *in, PsIn *x, Err *e){
  YcStatus st;
  int bSet;
  memset(x, 0, sizeof *x);
  if( (st = in_known_fields(in, azPsField, e)) ) return st;
  if( (st = in_str(in, "name_zh", 0, 200, 0, &x->zNameZh, &bSet, e)) ) return st;
  if( (st = in_str(in, "name_en", 0, 200, 0, &x->zNameEn, &bSet, e)) ) return st;
  if( (st = in_str(in, "name_native", 0, 200, 0, &x->zNative, &bSet, e)) ) return st;
  if( !x->zNameZh && !x->zNameEn && !x->zNative )
    return err_set(e, YC_EINVALID, "required", "name_en", "a person needs a name: name_zh, name_en or name_native");
  if( (st = in_str(in, "title", 0, 200, 0, &x->zTitle, &bSet, e)) ) return st;
  if( (st = in_int(in, "org_id", 0, 1, INT64_MAX, &x->orgId, &bSet, e)) ) return st;
  if( x->orgId && !org_exists(c, x->orgId) )
    return err_set(e, YC_EINVALID, "unknown_org", "org_id", "no organisation with id %lld", (long long)x->orgId);
  if( (st = in_int(in, "city_id", 0, 1, INT64_MAX, &x->cityId, &bSet, e)) ) return st;
  if( x->cityId && !city_exists(c, x->cityId) )
    return err_set(e, YC_EINVALID, "unknown_city", "city_id", "no city with GeoNames id %lld", (long long)x->cityId);
  json_t *a, *v;
  size_t i;
  if( (st = in_str_array(in, "languages", PERSON_MAX_LANG, 2, &a, &bSet, e)) ) return st;
  json_array_foreach(a, i, v){
    const char *z = json_string_value(v);
    if( !lang_iso639_1(z) )
      return err_set(e, YC_EINVALID, "invalid_language", "languages", "languages[%zu] '%s' is not an ISO 639-1 code such as zh, en, de", i, z);
    for(size_t k=0; k<i; k++){
      if( strcmp(json_string_value(json_array_get(a, k)), z)==0 )
        return err_set(e, YC_EINVALID, "duplicate_item", "languages", "languages lists %s twice", z);
    }
  }
  x->zLang = join_strings(a);
  if( (st = in_str_array(in, "roles", 5, 20, &a, &bSet, e)) ) return st;
  json_array_foreach(a, i, v){
    const char *z = json_string_value(v);
    if( in_enum_index(azPersonRole, z)<0 )
      return err_set(e, YC_EINVALID, "invalid_value", "roles", "roles[%zu] must be official, university, association, enterprise or friend", i);
    for(size_t k=0; k<i; k++){
      if( strcmp(json_string_value(json_array_get(a, k)), z)==0 )
        return err_set(e, YC_EINVALID, "duplicate_item", "roles", "roles lists %s twice", z);
    }
  }
  x->zRoles = join_strings(a);
  if( (st = in_str(in, "email", 0, 254, 0, &x->zEmail, &bSet, e)) ) return st;
  if( x->zEmail && (st = in_email("email", x->zEmail, e)) ) return st;
  if( (st = in_str(in, "phone", 0, 30, 0, &x->zPhone, &bSet, e)) ) return st;
  if( x->zPhone && (st = in_phone("phone", x->zPhone, e)) ) return st;
  if( (st = in_str(in, "address", 0, 500, 1, &x->zAddress, &bSet, e)) ) return st;
  if( (st = in_str(in, "friend_since", 0, 10, 0, &x->zSince, &bSet, e)) ) return st;
  if( x->zSince ){
    const char *zPrec;
    if( (st = in_date_parse("friend_since", x->zSince, &zPrec, e)) ) return st;
    int d0, dm, de;
    date_period(x->zSince, &d0, &dm, &de);
    if( d0>date_today() ) return err_set(e, YC_EINVALID, "in_future", "friend_since", "friend_since (%s) is in the future", x->zSince);
  }
  if( (st = in_str(in, "notes", 0, 20000, 1, &x->zNotes, &bSet, e)) ) return st;
  if( (st = in_str_array(in, "sources", 20, 2000, &a, &bSet, e)) ) return st;
  if( a && json_array_size(a) ) x->zSources = json_text(a, JSON_COMPACT);
  return YC_OK;
}

/* Rebuild the search entry of person id (none for an erased person). */
YcStatus person_reindex(Ctx *c, int64_t id, Err *e){
  int64_t a[1] = {id};
  YcStatus st = stmt_run(c->db, "DELETE FROM person_fts WHERE rowid=?1", a, 1, e);
  if( st ) return st;
  DbStmt *p = db_stmt(c->db,
    "SELECT coalesce(p.name_en,'') || ' ' || coalesce(p.name_native,''), p.name_zh,"
    " coalesce(p.name_zh,'') || ' ' || coalesce(p.name_native,''),"
    " coalesce(p.title,'') || ' ' || coalesce(o.name_en,'') || ' ' || coalesce(o.name_zh,'') || ' ' ||"
    " coalesce(ci.name,'') || ' ' || coalesce(ci.name_zh,'') || ' ' || coalesce(p.email,'')"
    " FROM person p LEFT JOIN org o ON o.id=p.org_id LEFT JOIN city ci ON ci.id=p.city_id"
    " WHERE p.id=?1 AND p.erased_at IS NULL");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, id);
  if( db_step(p)!=DB_ROW ){ db_reset(p); return YC_OK; }
  char *zNames = strdup(db_text(p, 0));
  char *zZh = db_text(p, 1) ? strdup(db_text(p, 1)) : 0;
  char *zPy = text_pinyin(db_text(p, 2));
  char *zText = strdup(db_text(p, 3));
  db_reset(p);
  st = search_entry_put(c, "person_fts", id, zNames, zZh, zPy, zText, e);
  free(zNames); free(zZh); free(zPy); free(zText);
  return st;
}

static YcStatus ps_write(Ctx *c, const PsIn *x, int64_t *pId, Err *e){
  char zNow[24];
  date_now(zNow);
  int64_t id = *pId;
  DbStmt *p = db_stmt(c->db, id==0 ?
    "INSERT INTO person(name_zh,name_en,name_native,title,org_id,city_id,languages,roles,email,phone,address,"
    "friend_since,notes,sources,created_at,updated_at) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?15)" :
    "UPDATE person SET name_zh=?1, name_en=?2, name_native=?3, title=?4, org_id=?5, city_id=?6, languages=?7,"
    " roles=?8, email=?9, phone=?10, address=?11, friend_since=?12, notes=?13, sources=?14, updated_at=?15 WHERE id=?16");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_text(p, 1, x->zNameZh, -1);
  db_bind_text(p, 2, x->zNameEn, -1);
  db_bind_text(p, 3, x->zNative, -1);
  db_bind_text(p, 4, x->zTitle, -1);
  db_bind_id(p, 5, x->orgId);
  db_bind_id(p, 6, x->cityId);
  db_bind_text(p, 7, x->zLang, -1);
  db_bind_text(p, 8, x->zRoles, -1);
  db_bind_text(p, 9, x->zEmail, -1);
  db_bind_text(p, 10, x->zPhone, -1);
  db_bind_text(p, 11, x->zAddress, -1);
  db_bind_text(p, 12, x->zSince, -1);
  db_bind_text(p, 13, x->zNotes, -1);
  db_bind_text(p, 14, x->zSources, -1);
  db_bind_text(p, 15, zNow, -1);
  if( id ) db_bind_int64(p, 16, id);
  int rc = db_step(p);
  db_reset(p);
  if( rc!=DB_DONE ) return db_error(c->db, rc, e);
  if( id==0 ) *pId = db_last_id(c->db);
  return person_reindex(c, *pId, e);
}

#define PS_COLUMNS "p.id, p.name_zh, p.name_en, p.name_native, p.title, o.id, o.name_en, o.name_zh," \
  " ci.id, ci.name, ci.name_zh, ci.country, ci.admin1, ci.admin1_zh, (SELECT name_zh FROM country WHERE iso2=ci.country)," \
  " p.languages, p.roles, p.email, p.phone, p.address, p.friend_since, p.notes, p.sources, p.erased_at," \
  " p.created_at, p.updated_at, (SELECT min(t.id) FROM tie t WHERE t.partner_city_id=p.city_id)"
#define PS_NCOL 27
#define PS_FROM " FROM person p LEFT JOIN org o ON o.id=p.org_id LEFT JOIN city ci ON ci.id=p.city_id"

/* "a,b" as a JSON array of strings ([] for NULL). */
static json_t *split_comma(const char *z){
  json_t *a = json_array();
  while( z && *z ){
    const char *zEnd = strchr(z, ',');
    size_t n = zEnd ? (size_t)(zEnd - z) : strlen(z);
    if( n ) json_array_append_new(a, json_stringn(z, n));
    z += n + (zEnd ? 1 : 0);
  }
  return a;
}

/* The person in the current row of p (PS_COLUMNS). */
static json_t *ps_row_json(DbStmt *p){
  int64_t id = db_col_int64(p, 0);
  if( db_col_type(p, 23)!=DB_NULL ){
    return json_pack("{s:I, s:b, s:o, s:n, s:n, s:n, s:[], s:o, s:o}", "id", (json_int_t)id, "erased", 1,
      "erased_at", rows_text(p, 23), "name_zh", "name_en", "name_native", "roles",
      "created_at", rows_text(p, 24), "updated_at", rows_text(p, 25));
  }
  json_t *org = json_null(), *city = json_null();
  if( db_col_type(p, 5)!=DB_NULL ){
    org = json_pack("{s:I, s:o, s:o}", "id", (json_int_t)db_col_int64(p, 5), "name_en", rows_text(p, 6), "name_zh", rows_text(p, 7));
  }
  if( db_col_type(p, 8)!=DB_NULL ){
    city = json_pack("{s:I, s:o, s:o, s:o}", "id", (json_int_t)db_col_int64(p, 8), "name_en", rows_text(p, 9),
                     "name_zh", rows_text(p, 10), "country", rows_text(p, 11));
    city_labels_add(city, db_text(p, 9), db_text(p, 10), db_text(p, 12), db_text(p, 13), db_text(p, 11), db_text(p, 14));
    json_object_set_new(city, "tie_id", db_col_type(p, 26)==DB_NULL ? json_null() : json_integer(db_col_int64(p, 26)));
  }
  json_t *since = rows_text(p, 20), *prec = json_null();
  Date d;
  if( json_is_string(since) && date_parse(json_string_value(since), &d)==DATE_OK ) prec = json_string(date_prec_name(d.prec));
  return json_pack("{s:I, s:b, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
    "id", (json_int_t)id, "erased", 0, "name_zh", rows_text(p, 1), "name_en", rows_text(p, 2),
    "name_native", rows_text(p, 3), "title", rows_text(p, 4), "org", org, "city", city,
    "languages", split_comma(db_text(p, 15)), "roles", split_comma(db_text(p, 16)),
    "email", rows_text(p, 17), "phone", rows_text(p, 18), "address", rows_text(p, 19),
    "friend_since", since, "friend_since_precision", prec, "notes", rows_text(p, 21),
    "sources", rows_array(p, 22), "created_at", rows_text(p, 24), "updated_at", rows_text(p, 25));
}

/* Add "delegations" and "events" (what each took part in) to every person
** of aItem, in two statements. */
static YcStatus ps_history(Ctx *c, json_t *aItem, Err *e){
  static const char *const azDel[] = {"id", "title_zh", "title_en", "direction", "status", "start", "start_precision", "role", 0};
  static const char *const azEv[] = {"id", "title_zh", "title_en", "status", "start", "start_precision", "invitation", 0};
  size_t i;
  json_t *x;
  json_array_foreach(aItem, i, x){
    json_object_set_new(x, "delegations", json_array());
    json_object_set_new(x, "events", json_array());
  }
  YcStatus st = page_attach(c, aItem, "delegations",
    "SELECT m.pid, d.id, d.title_zh, d.title_en, d.direction, d.status, d.start_date, d.start_precision,"
    " group_concat(DISTINCT m.role) FROM"
    " (SELECT person_id AS pid, delegation_id AS did, coalesce(role,'member') AS role FROM delegation_member"
    "   WHERE person_id IN (SELECT CAST(value AS INTEGER) FROM json_each(?1))"
    "  UNION ALL SELECT head_person_id, id, 'head' FROM delegation WHERE head_person_id IN (SELECT CAST(value AS INTEGER) FROM json_each(?1))) m"
    " JOIN delegation d ON d.id=m.did GROUP BY m.pid, d.id ORDER BY m.pid, d.start_day0 DESC, d.id DESC", azDel, e);
  if( !st ) st = page_attach(c, aItem, "events",
    "SELECT m.pid, ev.id, ev.title_zh, ev.title_en, ev.status, ev.start_date, ev.start_precision, min(i.status) FROM"
    " (SELECT person_id AS pid, id AS iid FROM invitation WHERE person_id IN (SELECT CAST(value AS INTEGER) FROM json_each(?1))"
    "  UNION SELECT head_person_id, id FROM invitation WHERE head_person_id IN (SELECT CAST(value AS INTEGER) FROM json_each(?1))) m"
    " JOIN invitation i ON i.id=m.iid JOIN event ev ON ev.id=i.event_id"
    " GROUP BY m.pid, ev.id ORDER BY m.pid, ev.start_day0 DESC, ev.id DESC", azEv, e);
  return st;
}

/* The person without history (what the audit keeps), or YC_ENOTFOUND. */
static YcStatus ps_read(Ctx *c, int64_t id, json_t **ppOut, Err *e){
  *ppOut = 0;
  DbStmt *p = db_stmt(c->db, "SELECT " PS_COLUMNS PS_FROM " WHERE p.id=?1");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, id);
  int rc = db_step(p);
  if( rc==DB_ROW ) *ppOut = ps_row_json(p);
  db_reset(p);
  if( rc==DB_DONE ) return err_set(e, YC_ENOTFOUND, "not_found", "id", "no person with id %lld", (long long)id);
  return rc==DB_ROW ? YC_OK : db_error(c->db, rc, e);
}

YcStatus person_get(Ctx *c, int64_t id, json_t **ppOut, Err *e){
  *ppOut = 0;
  YcStatus st = need_signed_in(c, e);
  json_t *j = 0;
  if( !st ) st = ps_read(c, id, &j, e);
  if( st ) return st;
  json_t *a = json_pack("[O]", j);
  st = ps_history(c, a, e);
  json_decref(a);
  if( st ){ json_decref(j); return st; }
  *ppOut = j;
  return YC_OK;
}

#define PS_NAME "coalesce(p.name_en, p.name_native, p.name_zh, '')"
static const PageOrder aPersonOrder[] = {
  {"people:name", {{PS_NAME, PAGE_TEXT, 0}, {"p.id", PAGE_INT, 0}}},
  {"people:friend_since", {{"(p.friend_since IS NULL)", PAGE_INT, 0}, {"coalesce(p.friend_since,'')", PAGE_TEXT, 0},
    {PS_NAME, PAGE_TEXT, 0}, {"p.id", PAGE_INT, 0}}},
};

YcStatus person_list(Ctx *c, const PersonQuery *q, json_t **ppOut, Err *e){
  *ppOut = 0;
  YcStatus st = need_signed_in(c, e);
  if( st ) return st;
  int iSort = 0;
  if( q->zSort && (iSort = in_enum_index(azPersonSort, q->zSort))<0 )
    return err_set(e, YC_EINVALID, "invalid_value", "sort", "sort must be name or friend_since");
  int64_t city = 0, org = 0, tie = 0;
  if( q->zRole && in_enum_index(azPersonRole, q->zRole)<0 )
    return err_set(e, YC_EINVALID, "invalid_value", "role", "role must be official, university, association, enterprise or friend");
  if( q->zCity && !in_parse_id(q->zCity, &city) ) return err_set(e, YC_EINVALID, "invalid_value", "city", "city must be a GeoNames id");
  if( q->zOrg && !in_parse_id(q->zOrg, &org) ) return err_set(e, YC_EINVALID, "invalid_value", "org", "org must be an organisation id");
  if( q->zTie && !in_parse_id(q->zTie, &tie) ) return err_set(e, YC_EINVALID, "invalid_value", "tie", "tie must be a partner tie id");
  if( q->zQ && (strlen(q->zQ)>200 || !text_utf8_valid(q->zQ, strlen(q->zQ))) )
    return err_set(e, YC_EINVALID, "invalid_value", "q", "q must be valid UTF-8 of at most 200 bytes");
  char *zFts = q->zQ ? text_fts_query(q->zQ) : 0;
  if( q->zQ && !zFts ) return err_set(e, YC_EINVALID, "empty", "q", "q has nothing to search for");
  Page pg;
  if( (st = page_begin(&pg, &aPersonOrder[iSort], 0, q->zLimit, 50, 500, q->zCursor, e)) ){ free(zFts); return st; }
  static const char zWhere[] = PS_FROM " WHERE p.erased_at IS NULL"
    " AND (?1 IS NULL OR p.id IN (SELECT rowid FROM person_fts WHERE person_fts MATCH ?1))"
    " AND (?2 IS NULL OR instr(',' || coalesce(p.roles,'') || ',', ',' || ?2 || ',')>0)"
    " AND (?3=0 OR p.city_id=?3) AND (?4=0 OR p.org_id=?4)"
    " AND (?5=0 OR p.city_id=(SELECT partner_city_id FROM tie WHERE id=?5)"
    "  OR p.org_id IN (SELECT org_id FROM org_tie WHERE tie_id=?5))";
  Buf sql = BUF_INIT;
  buf_printf(&sql, "SELECT count(*)%s", zWhere);
  int64_t nTotal = 0;
  json_t *items = json_array();
  int rc = DB_ERROR;
  for(int k=0; k<2; k++){
    DbStmt *p = db_stmt(c->db, buf_str(&sql));
    if( !p ){ rc = DB_ERROR; break; }
    db_bind_text(p, 1, zFts, -1);
    db_bind_text(p, 2, q->zRole, -1);
    db_bind_int64(p, 3, city);
    db_bind_int64(p, 4, org);
    db_bind_int64(p, 5, tie);
    if( k==1 ) page_bind(&pg, p, 6);
    while( (rc = db_step(p))==DB_ROW ){
      if( k==0 ) nTotal = db_col_int64(p, 0);
      else if( page_row(&pg, p, PS_NCOL) ) json_array_append_new(items, ps_row_json(p));
    }
    db_reset(p);
    if( rc!=DB_DONE ) break;
    buf_reset(&sql);
    buf_puts(&sql, "SELECT " PS_COLUMNS);
    page_sql_keys(&pg, &sql);
    buf_puts(&sql, zWhere);
    page_sql_tail(&pg, &sql, 6);
  }
  buf_free(&sql);
  free(zFts);
  st = rc==DB_DONE ? YC_OK : db_error(c->db, rc, e);
  if( !st && q->bHistory ) st = ps_history(c, items, e);
  if( !st ){
    *ppOut = page_answer(&pg, items, nTotal, q->bPrev);
  }
  json_decref(items);
  page_free(&pg);
  return st;
}

YcStatus person_create_tx(Ctx *c, json_t *in, int64_t *pId, Err *e){
  PsIn x;
  *pId = 0;
  YcStatus st = need_signed_in(c, e);
  if( !st ) st = ps_from_json(c, in, &x, e);
  else memset(&x, 0, sizeof x);
  if( !st ) st = ps_write(c, &x, pId, e);
  if( !st ){
    json_t *j = 0;
    st = ps_read(c, *pId, &j, e);
    if( !st ) st = audit_log(c, "create", "person", *pId, 0, j, e);
    json_decref(j);
  }
  ps_free(&x);
  return st;
}

YcStatus person_create(Ctx *c, json_t *in, json_t **ppOut, Err *e){
  *ppOut = 0;
  int64_t id = 0;
  YcStatus st = need_signed_in(c, e);
  if( st ) return st;
  st = ctx_create(c, in, person_create_tx, &id, e);
  return st ? st : person_get(c, id, ppOut, e);
}

/* The input form of a stored person, for merging a partial update. */
static json_t *ps_as_input(json_t *j){
  json_t *in = json_object();
  static const char *const azCopy[] = {"name_zh", "name_en", "name_native", "title", "languages", "roles", "email",
    "phone", "address", "friend_since", "notes", "sources", 0};
  for(int i=0; azCopy[i]; i++){
    json_t *v = json_object_get(j, azCopy[i]);
    if( v && !json_is_null(v) ) json_object_set(in, azCopy[i], v);
  }
  json_t *o = json_object_get(j, "org"), *ci = json_object_get(j, "city");
  if( json_is_object(o) ) json_object_set(in, "org_id", json_object_get(o, "id"));
  if( json_is_object(ci) ) json_object_set(in, "city_id", json_object_get(ci, "id"));
  return in;
}

YcStatus person_update(Ctx *c, int64_t id, json_t *in, json_t **ppOut, Err *e){
  *ppOut = 0;
  json_t *jBefore = 0, *jAfter = 0, *merged = 0;
  PsIn x;
  memset(&x, 0, sizeof x);
  YcStatus st = need_signed_in(c, e);
  if( st ) return st;
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  st = ps_read(c, id, &jBefore, e);
  if( !st && json_is_true(json_object_get(jBefore, "erased")) )
    st = err_set(e, YC_ECONFLICT, "erased", "id", "person %lld was erased on request and cannot be changed", (long long)id);
  if( !st ) st = in_known_fields(in, azPsField, e);
  if( !st ){
    merged = ps_as_input(jBefore);
    in_patch(merged, in, 0);
    st = ps_from_json(c, merged, &x, e);
  }
  if( !st ) st = ps_write(c, &x, &id, e);
  if( !st ) st = ps_read(c, id, &jAfter, e);
  if( !st ) st = audit_log(c, "update", "person", id, jBefore, jAfter, e);
  if( !st ) st = db_commit(c->db, e);
  ps_free(&x);
  json_decref(merged);
  json_decref(jBefore);
  json_decref(jAfter);
  if( st ){ db_rollback(c->db); return st; }
  return person_get(c, id, ppOut, e);
}

YcStatus person_delete(Ctx *c, int64_t id, Err *e){
  json_t *jBefore = 0;
  YcStatus st = need_signed_in(c, e);
  if( st ) return st;
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  st = ps_read(c, id, &jBefore, e);
  int64_t a[1] = {id};
  if( !st ) st = stmt_run(c->db, "DELETE FROM person WHERE id=?1", a, 1, e);
  if( !st ) st = audit_log(c, "delete", "person", id, jBefore, 0, e);
  if( !st ) st = db_commit(c->db, e);
  if( st ) db_rollback(c->db);
  json_decref(jBefore);
  return st;
}

YcStatus person_erase(Ctx *c, int64_t id, json_t **ppOut, Err *e){
  *ppOut = 0;
  json_t *jBefore = 0;
  YcStatus st = need_signed_in(c, e);
  if( st ) return st;
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  st = ps_read(c, id, &jBefore, e);
  if( !st && json_is_true(json_object_get(jBefore, "erased")) )
    st = err_set(e, YC_ECONFLICT, "already_erased", "id", "person %lld was already erased", (long long)id);
  json_decref(jBefore);
  char zNow[24];
  date_now(zNow);
  int64_t a[1] = {id};
  /* The row: every personal field. */
  if( !st ) st = stmt_run_text(c->db,
    "UPDATE person SET name_zh=NULL, name_en=NULL, name_native=NULL, title=NULL, org_id=NULL, city_id=NULL,"
    " languages=NULL, roles=NULL, email=NULL, phone=NULL, address=NULL, friend_since=NULL, notes=NULL,"
    " sources=NULL, erased_at=?2, updated_at=?2 WHERE id=?1", id, zNow, e);
  /* The search index, merged so that no segment keeps the deleted terms. */
  if( !st ) st = stmt_run(c->db, "DELETE FROM person_fts WHERE rowid=?1", a, 1, e);
  if( !st ) st = stmt_run(c->db, "INSERT INTO person_fts(person_fts) VALUES('optimize')", 0, 0, e);
  /* Heads of delegations and invitations that name them. */
  if( !st ) st = stmt_run(c->db, "UPDATE delegation SET head=NULL WHERE head_person_id=?1", a, 1, e);
  if( !st ) st = stmt_run(c->db, "UPDATE invitation SET head=NULL WHERE head_person_id=?1", a, 1, e);
  /* The audit trail: the person's own rows lose every personal field; the
  ** rows of delegations and invitations they headed lose the head's text. */
  static const char zScrub[] = "json_set(%s, '$.name_zh', NULL, '$.name_en', NULL, '$.name_native', NULL,"
    " '$.title', NULL, '$.org', NULL, '$.city', NULL, '$.languages', NULL, '$.roles', NULL, '$.email', NULL,"
    " '$.phone', NULL, '$.address', NULL, '$.friend_since', NULL, '$.friend_since_precision', NULL,"
    " '$.notes', NULL, '$.sources', NULL)";
  if( !st ){
    Buf sql = BUF_INIT;
    buf_puts(&sql, "UPDATE audit SET before=CASE WHEN before IS NULL THEN NULL ELSE ");
    buf_printf(&sql, zScrub, "before");
    buf_puts(&sql, " END, after=CASE WHEN after IS NULL THEN NULL ELSE ");
    buf_printf(&sql, zScrub, "after");
    buf_puts(&sql, " END WHERE entity='person' AND entity_id=?1");
    st = stmt_run(c->db, buf_str(&sql), a, 1, e);
    buf_free(&sql);
  }
  if( !st ) st = stmt_run(c->db,
    "UPDATE audit SET"
    " before=CASE WHEN json_extract(before, '$.head_person_id')=?1 THEN json_set(before, '$.head', NULL) ELSE before END,"
    " after=CASE WHEN json_extract(after, '$.head_person_id')=?1 THEN json_set(after, '$.head', NULL) ELSE after END"
    " WHERE entity IN ('delegation','invitation')"
    " AND (json_extract(before, '$.head_person_id')=?1 OR json_extract(after, '$.head_person_id')=?1)", a, 1, e);
  json_t *jAfter = 0;
  if( !st ) st = ps_read(c, id, &jAfter, e);
  if( !st ) st = audit_log(c, "erase", "person", id, 0, jAfter, e);
  json_decref(jAfter);
  if( !st ) st = db_commit(c->db, e);
  if( st ){ db_rollback(c->db); return st; }
  return person_get(c, id, ppOut, e);
}

int person_exists(Ctx *c, int64_t id){
  if( !ctx_signed_in(c) ) return 0;
  DbStmt *p = db_stmt(c->db, "SELECT 1 FROM person WHERE id=?1");
  if( !p ) return 0;
  db_bind_int64(p, 1, id);
  int b = db_step(p)==DB_ROW;
  db_reset(p);
  return b;
}

int64_t person_find_by_name(Ctx *c, const char *zEn, const char *zZh){
  DbStmt *p = db_stmt(c->db, "SELECT id FROM person WHERE erased_at IS NULL AND (name_en=?1 OR name_zh=?2) ORDER BY id LIMIT 1");
  if( !p ) return 0;
  db_bind_text(p, 1, zEn && *zEn ? zEn : 0, -1);
  db_bind_text(p, 2, zZh && *zZh ? zZh : 0, -1);
  int64_t id = db_step(p)==DB_ROW ? db_col_int64(p, 0) : 0;
  db_reset(p);
  return id;
}

YcStatus person_options(Ctx *c, json_t **ppOut, Err *e){
  static const char *const azName[] = {"id", "name_zh", "name_en", "name_native", 0};
  *ppOut = 0;
  if( !ctx_signed_in(c) ){ *ppOut = json_array(); return YC_OK; }
  DbStmt *p = db_stmt(c->db, "SELECT p.id, p.name_zh, p.name_en, p.name_native FROM person p"
                             " WHERE p.erased_at IS NULL ORDER BY " PS_NAME ", p.id LIMIT 2000");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  *ppOut = rows_all(c->db, p, azName, e);
  return *ppOut ? YC_OK : e->st;
}
