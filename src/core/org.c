/* org.c: organisations; see org.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/search.h"
#include "core/org.h"
#include "core/input.h"
#include "core/audit.h"
#include "core/city.h"
#include "core/partner.h"
#include "core/review.h"
#include "base/buf.h"
#include "text/norm.h"
#include "store/rows.h"
#include "store/stmt.h"
#include "core/page.h"
#include "base/date.h"

const char *const azOrgType[] = {"enterprise", "park", "university", "hospital",
  "research_institute", "association", "government", 0};
const char *const azOrgSide[] = {"home", "partner", 0};
const char *const azOrgParam[] = {"type", "side", "industry", "partner", "country",
  "q", "sort", "limit", "cursor", 0};
static const char *const azOrgSort[] = {"name", "-name", "id", "-id", "updated", "-updated", 0};
/* The sort orders of azOrgSort, in its order (an organisation has a name
** in at least one language, so the name key is never NULL). */
#define ORG_NAME "coalesce(o.name_en,o.name_zh)"
static const PageOrder aOrgOrder[] = {
  {"orgs:name", {{ORG_NAME, PAGE_TEXT, 0}, {"o.id", PAGE_INT, 0}}},
  {"orgs:-name", {{ORG_NAME, PAGE_TEXT, 1}, {"o.id", PAGE_INT, 1}}},
  {"orgs:id", {{"o.id", PAGE_INT, 0}}},
  {"orgs:-id", {{"o.id", PAGE_INT, 1}}},
  {"orgs:updated", {{"o.updated_at", PAGE_TEXT, 0}, {"o.id", PAGE_INT, 0}}},
  {"orgs:-updated", {{"o.updated_at", PAGE_TEXT, 1}, {"o.id", PAGE_INT, 1}}},
};

#define ORG_COLUMNS "o.id, o.name_en, o.name_zh, o.type, o.side, o.website, o.description, o.notes," \
  " o.created_at, o.updated_at, c.id, c.name, c.name_zh, c.country," \
  " (SELECT group_concat(code, char(31)) FROM (SELECT code FROM org_industry WHERE org_id=o.id ORDER BY code))," \
  " (SELECT group_concat(source, char(31)) FROM (SELECT source FROM org_source WHERE org_id=o.id ORDER BY pos))," \
  " c.admin1, c.admin1_zh, (SELECT name_zh FROM country WHERE iso2=c.country)," \
  " o.review, o.review_note, o.review_by, o.review_at"
#define ORG_FROM " FROM org o LEFT JOIN city c ON c.id=o.city_id"

/* Columns 19-22: the review state; who reviewed and why only for signed-in callers. */
static json_t *org_row_json(Ctx *c, DbStmt *p){
  json_t *city = json_null();
  if( db_col_type(p, 10)!=DB_NULL ){
    city = json_pack("{s:I, s:o, s:o, s:o, s:o, s:o}", "id", (json_int_t)db_col_int64(p, 10),
      "name_en", rows_text(p, 11), "name_zh", rows_text(p, 12), "country", rows_text(p, 13),
      "admin1", rows_text(p, 16), "admin1_zh", rows_text(p, 17));
    city_labels_add(city, db_text(p, 11), db_text(p, 12), db_text(p, 16), db_text(p, 17),
                    db_text(p, 13), db_text(p, 18));
  }
  json_t *j = json_pack("{s:I, s:o, s:o, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
    "id", (json_int_t)db_col_int64(p, 0), "name_en", rows_text(p, 1), "name_zh", rows_text(p, 2),
    "type", db_text(p, 3), "side", db_text(p, 4), "website", rows_text(p, 5),
    "description", rows_text(p, 6), "notes", rows_text(p, 7), "created_at", rows_text(p, 8),
    "updated_at", rows_text(p, 9), "city", city, "industries", rows_list(p, 14),
    "sources", rows_list(p, 15), "partners", json_array());
  json_object_set_new(j, "review", json_string(db_text(p, 19)));
  if( ctx_signed_in(c) ){
    json_object_set_new(j, "review_note", rows_text(p, 20));
    json_object_set_new(j, "review_by", rows_text(p, 21));
    json_object_set_new(j, "review_at", rows_text(p, 22));
  }
  return j;
}

static void org_add_partners(Ctx *c, json_t *j, int64_t id){
  DbStmt *p = db_stmt(c->db,
    "SELECT t.id, ci.name, ci.name_zh, ot.role FROM org_tie ot JOIN tie t ON t.id=ot.tie_id"
    " JOIN city ci ON ci.id=t.partner_city_id WHERE ot.org_id=?1 ORDER BY t.id");
  if( !p ) return;
  db_bind_int64(p, 1, id);
  json_t *a = json_object_get(j, "partners");
  while( db_step(p)==DB_ROW ){
    json_array_append_new(a, json_pack("{s:I, s:o, s:o, s:o}", "id", (json_int_t)db_col_int64(p, 0),
      "name_en", rows_text(p, 1), "name_zh", rows_text(p, 2), "role", rows_text(p, 3)));
  }
  db_reset(p);
}

YcStatus org_get(Ctx *c, int64_t id, json_t **ppOut, Err *e){
  *ppOut = 0;
  DbStmt *p = db_stmt(c->db, "SELECT " ORG_COLUMNS ORG_FROM " WHERE o.id=?1");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, id);
  int rc = db_step(p);
  if( rc==DB_ROW && !review_visible(c, db_text(p, 19)) ) rc = DB_DONE;   /* not published: as if absent */
  if( rc==DB_ROW ) *ppOut = org_row_json(c, p);
  db_reset(p);
  if( rc==DB_DONE ) return err_set(e, YC_ENOTFOUND, "not_found", "id", "no organisation with id %lld", (long long)id);
  if( rc!=DB_ROW ) return db_error(c->db, rc, e);
  org_add_partners(c, *ppOut, id);
  return YC_OK;
}

/* The partners of every organisation of aItem: org_add_partners' query
** over the page's organisations, one statement. */
static YcStatus orgs_add_partners(Ctx *c, json_t *aItem, Err *e){
  static const char *const az[] = {"id", "name_en", "name_zh", "role", 0};
  return page_attach(c, aItem, "partners",
    "SELECT ot.org_id, t.id, ci.name, ci.name_zh, ot.role FROM org_tie ot JOIN tie t ON t.id=ot.tie_id"
    " JOIN city ci ON ci.id=t.partner_city_id WHERE ot.org_id IN (SELECT CAST(value AS INTEGER) FROM json_each(?1))"
    " ORDER BY ot.org_id, t.id", az, e);
}

YcStatus org_refs(Ctx *c, const char *zIds, json_t **ppMap, Err *e){
  *ppMap = json_object();
  DbStmt *p = db_stmt(c->db, "SELECT id, name_en, name_zh, side, type FROM org WHERE id IN (SELECT CAST(value AS INTEGER) FROM json_each(?1))"
                             " AND (?2 OR review='published')");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_text(p, 1, zIds, -1);
  db_bind_int(p, 2, ctx_signed_in(c));
  int rc;
  while( (rc = db_step(p))==DB_ROW ){
    json_object_set_new(*ppMap, db_text(p, 0), json_pack("{s:I, s:o, s:o, s:o, s:o}", "id", (json_int_t)db_col_int64(p, 0),
      "name_en", rows_text(p, 1), "name_zh", rows_text(p, 2), "side", rows_text(p, 3), "type", rows_text(p, 4)));
  }
  db_reset(p);
  return rc==DB_DONE ? YC_OK : db_error(c->db, rc, e);
}

YcStatus org_list(Ctx *c, const OrgQuery *q, json_t **ppOut, Err *e){
  *ppOut = 0;
  const char *azBind[8];
  int nBind = 0;
  Buf w = BUF_INIT, sql = BUF_INIT;
  char *zFts = 0;
  json_t *items = 0;
  int iSort = 0;
  char *zEnd;
  if( q->zSort && (iSort = in_enum_index(azOrgSort, q->zSort))<0 )
    return err_set(e, YC_EINVALID, "invalid_value", "sort", "sort must be one of name, id, updated (prefix - for descending)");
  Page pg;
  YcStatus st = page_begin(&pg, &aOrgOrder[iSort], 0, q->zLimit, 50, 500, q->zCursor, e);
  if( st ) return st;
  if( q->zType ){
    if( in_enum_index(azOrgType, q->zType)<0 ){
      st = err_set(e, YC_EINVALID, "invalid_value", "type",
        "type must be one of enterprise, park, university, hospital, research_institute, association, government");
      goto end;
    }
    buf_printf(&w, " AND o.type=?%d", ++nBind); azBind[nBind-1] = q->zType;
  }
  if( q->zSide ){
    if( in_enum_index(azOrgSide, q->zSide)<0 ){
      st = err_set(e, YC_EINVALID, "invalid_value", "side", "side must be home or partner");
      goto end;
    }
    buf_printf(&w, " AND o.side=?%d", ++nBind); azBind[nBind-1] = q->zSide;
  }
  if( q->zIndustry ){
    if( !industry_exists(c, q->zIndustry) ){
      st = err_set(e, YC_EINVALID, "unknown_industry", "industry", "industry must be an ISIC Rev.4 section (A-U) or division code");
      goto end;
    }
    buf_printf(&w, " AND o.id IN (SELECT org_id FROM org_industry oi JOIN industry i ON i.code=oi.code"
                   " WHERE i.code=?%1$d OR i.section=?%1$d)", ++nBind);
    azBind[nBind-1] = q->zIndustry;
  }
  if( q->zPartner ){
    long id = strtol(q->zPartner, &zEnd, 10);
    if( *zEnd || zEnd==q->zPartner || id<1 ){
      st = err_set(e, YC_EINVALID, "invalid_value", "partner", "partner must be a partner id");
      goto end;
    }
    buf_printf(&w, " AND o.id IN (SELECT org_id FROM org_tie WHERE tie_id=?%d)", ++nBind);
    azBind[nBind-1] = q->zPartner;
  }
  if( q->zCountry ){
    const char *z = q->zCountry;
    if( strlen(z)!=2 || z[0]<'A' || z[0]>'Z' || z[1]<'A' || z[1]>'Z' ){
      st = err_set(e, YC_EINVALID, "invalid_value", "country", "country must be an ISO 3166-1 alpha-2 code such as US");
      goto end;
    }
    buf_printf(&w, " AND c.country=?%d", ++nBind); azBind[nBind-1] = z;
  }
  if( q->zQ ){
    if( strlen(q->zQ)>200 || !text_utf8_valid(q->zQ, strlen(q->zQ)) ){
      st = err_set(e, YC_EINVALID, "invalid_value", "q", "q must be valid UTF-8 of at most 200 bytes");
      goto end;
    }
    zFts = text_fts_query(q->zQ);
    if( zFts ){
      buf_printf(&w, " AND o.id IN (SELECT rowid FROM org_fts WHERE org_fts MATCH ?%d)", ++nBind);
      azBind[nBind-1] = zFts;
    }else{
      buf_puts(&w, " AND 0");
    }
  }
  /* Anonymous callers see published organisations only. */
  if( !ctx_signed_in(c) ){ buf_printf(&w, " AND o.review=?%d", ++nBind); azBind[nBind-1] = "published"; }
  buf_printf(&sql, "SELECT count(*)" ORG_FROM " WHERE 1%s", buf_str(&w));
  int64_t nTotal;
  if( (st = stmt_count_text(c->db, buf_str(&sql), azBind, nBind, &nTotal, e)) ) goto end;
  /* The page: ORG_COLUMNS (23), then the sort keys. */
  buf_reset(&sql);
  buf_puts(&sql, "SELECT " ORG_COLUMNS);
  page_sql_keys(&pg, &sql);
  buf_printf(&sql, ORG_FROM " WHERE 1%s", buf_str(&w));
  page_sql_tail(&pg, &sql, nBind + 1);
  DbStmt *p = db_stmt(c->db, buf_str(&sql));
  if( !p ){ st = db_error(c->db, DB_ERROR, e); goto end; }
  for(int i=0; i<nBind; i++) db_bind_text(p, i+1, azBind[i], -1);
  page_bind(&pg, p, nBind + 1);
  items = json_array();
  int rc;
  while( (rc = db_step(p))==DB_ROW ){
    if( page_row(&pg, p, 23) ) json_array_append_new(items, org_row_json(c, p));
  }
  db_reset(p);
  if( rc!=DB_DONE ){ st = db_error(c->db, rc, e); goto end; }
  if( (st = orgs_add_partners(c, items, e)) ) goto end;
  *ppOut = page_answer(&pg, items, nTotal, 0);
end:
  json_decref(items);
  buf_free(&w);
  buf_free(&sql);
  free(zFts);
  page_free(&pg);
  return st;
}

int64_t org_find_by_name(Ctx *c, const char *zEn, const char *zZh){
  DbStmt *p = db_stmt(c->db, "SELECT id FROM org WHERE name_en=?1 OR name_zh=?2 LIMIT 1");
  if( !p ) return 0;
  db_bind_text(p, 1, zEn, -1);
  db_bind_text(p, 2, zZh, -1);
  int64_t id = db_step(p)==DB_ROW ? db_col_int64(p, 0) : 0;
  db_reset(p);
  return id;
}

typedef struct OrgIn OrgIn;
static YcStatus org_write_rows(Ctx *c, OrgIn *o, int64_t *pId, Err *e);

struct OrgIn {
  const char *zNameEn, *zNameZh, *zType, *zSide, *zWebsite, *zDesc, *zNotes;
  int64_t cityId;
  int bCity;
  json_t *aIndustry, *aPartner, *aSource;   /* borrowed; may be 0 (= none) */
  int bIndustry, bPartner, bSource;          /* 1 if given: replace the set */
};

const char *const azOrgField[] = {"name_en", "name_zh", "type", "side", "city_id",
  "website", "description", "notes", "industries", "partners", "sources", "review", 0};

static YcStatus org_parse(Ctx *c, json_t *in, OrgIn *o, int bCreate, Err *e){
  YcStatus st;
  int bSet;
  const char *z;
  if( (st = in_known_fields(in, azOrgField, e)) ) return st;
  if( (st = in_str(in, "name_en", 0, 200, 0, &z, &bSet, e)) ) return st;
  if( bSet ) o->zNameEn = z;
  if( (st = in_str(in, "name_zh", 0, 200, 0, &z, &bSet, e)) ) return st;
  if( bSet ) o->zNameZh = z;
  if( !o->zNameEn && !o->zNameZh )
    return err_set(e, YC_EINVALID, "required", "name_en", "give name_en or name_zh (or both)");
  if( (st = in_enum(in, "type", bCreate, azOrgType, &z, &bSet, e)) ) return st;
  if( bSet ){ if( !z ) return err_set(e, YC_EINVALID, "required", "type", "type cannot be null"); o->zType = z; }
  if( (st = in_enum(in, "side", bCreate, azOrgSide, &z, &bSet, e)) ) return st;
  if( bSet ){ if( !z ) return err_set(e, YC_EINVALID, "required", "side", "side cannot be null"); o->zSide = z; }
  int64_t id = 0;
  if( (st = in_int(in, "city_id", 0, 1, INT64_MAX, &id, &bSet, e)) ) return st;
  if( json_object_get(in, "city_id") ){
    if( bSet && !city_exists(c, id) )
      return err_set(e, YC_EINVALID, "unknown_city", "city_id", "no city with GeoNames id %lld", (long long)id);
    o->cityId = bSet ? id : 0;
    o->bCity = bSet;
  }
  if( (st = in_str(in, "website", 0, 500, 0, &z, &bSet, e)) ) return st;
  if( bSet ){
    if( z && strncmp(z, "http://", 7)!=0 && strncmp(z, "https://", 8)!=0 )
      return err_set(e, YC_EINVALID, "invalid_url", "website", "website must start with http:// or https://");
    o->zWebsite = z;
  }
  if( (st = in_str(in, "description", 0, 20000, 1, &z, &bSet, e)) ) return st;
  if( bSet ) o->zDesc = z;
  if( (st = in_str(in, "notes", 0, 20000, 1, &z, &bSet, e)) ) return st;
  if( bSet ) o->zNotes = z;
  json_t *a;
  if( (st = in_str_array(in, "industries", 40, 2, &a, &bSet, e)) ) return st;
  if( bSet ){
    size_t i; json_t *x;
    json_array_foreach(a, i, x){
      if( !industry_exists(c, json_string_value(x)) )
        return err_set(e, YC_EINVALID, "unknown_industry", "industries",
                       "industries[%zu]: %s is not an ISIC Rev.4 section or division", i, json_string_value(x));
    }
    o->aIndustry = a;
    o->bIndustry = 1;
  }
  a = json_object_get(in, "partners");
  if( a ) o->bPartner = 1;
  if( a && !json_is_null(a) ){
    if( !json_is_array(a) || json_array_size(a)>200 )
      return err_set(e, YC_EINVALID, "wrong_type", "partners", "partners must be an array of partner ids");
    size_t i; json_t *x;
    json_array_foreach(a, i, x){
      if( !json_is_integer(x) )
        return err_set(e, YC_EINVALID, "wrong_type", "partners", "partners[%zu] must be a partner id", i);
      if( !partner_exists(c, json_integer_value(x)) ) return err_set(e, YC_EINVALID, "unknown_partner", "partners",
                              "partners[%zu]: no partner with id %lld", i, (long long)json_integer_value(x));
    }
    o->aPartner = a;
  }
  if( (st = in_str_array(in, "sources", 20, 2000, &a, &bSet, e)) ) return st;
  if( bSet ){ o->aSource = a; o->bSource = 1; }
  return YC_OK;
}

static YcStatus run1(Ctx *c, const char *zSql, int64_t id, const char *zText, int64_t i2, Err *e){
  DbStmt *p = db_stmt(c->db, zSql);
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, id);
  if( zText ) db_bind_text(p, 2, zText, -1);
  else db_bind_int64(p, 2, i2);
  db_bind_int64(p, 3, i2);
  int rc = db_step(p);
  db_reset(p);
  return rc==DB_DONE ? YC_OK : db_error(c->db, rc, e);
}

YcStatus org_reindex(Ctx *c, int64_t id, Err *e){
  YcStatus st = run1(c, "DELETE FROM org_fts WHERE rowid=?1", id, 0, 0, e);
  if( st ) return st;
  DbStmt *p = db_stmt(c->db,
    "SELECT coalesce(o.name_en,''), o.name_zh, coalesce(o.description,'') || ' ' || coalesce(o.notes,'')"
    " || ' ' || coalesce(c.name,'') || ' ' || coalesce(c.name_zh,'') || ' ' ||"
    " coalesce((SELECT group_concat(i.label_en || ' ' || i.label_zh, ' ') FROM org_industry oi"
    "  JOIN industry i ON i.code=oi.code WHERE oi.org_id=o.id),'')"
    " FROM org o LEFT JOIN city c ON c.id=o.city_id WHERE o.id=?1");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, id);
  if( db_step(p)!=DB_ROW ){ db_reset(p); return YC_OK; }
  char *zEn = strdup(db_text(p, 0));
  char *zZh = db_text(p, 1) ? strdup(db_text(p, 1)) : 0;
  char *zText = strdup(db_text(p, 2));
  db_reset(p);
  char *zPy = text_pinyin(zZh ? zZh : "");
  st = search_entry_put(c, "org_fts", id, zEn, zZh, zPy, zText, e);
  free(zEn); free(zZh); free(zText); free(zPy);
  return st;
}

/* The org's rows and its search document. A tie's search document does not
** hold its organisations' names (the partner search reads them from
** org_fts through org_tie), so no tie is re-indexed here: the cost of a
** write does not grow with the number of the tie's organisations. */
static YcStatus org_write(Ctx *c, OrgIn *o, int64_t *pId, Err *e){
  return org_write_rows(c, o, pId, e);
}

static YcStatus org_write_rows(Ctx *c, OrgIn *o, int64_t *pId, Err *e){
  char zNow[24];
  date_now(zNow);
  DbStmt *p;
  if( *pId==0 ){
    p = db_stmt(c->db, "INSERT INTO org(name_en,name_zh,type,side,city_id,website,description,notes,created_at,updated_at)"
                       " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?9)");
  }else{
    p = db_stmt(c->db, "UPDATE org SET name_en=?1, name_zh=?2, type=?3, side=?4, city_id=?5, website=?6,"
                       " description=?7, notes=?8, updated_at=?9 WHERE id=?10");
  }
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_text(p, 1, o->zNameEn, -1);
  db_bind_text(p, 2, o->zNameZh, -1);
  db_bind_text(p, 3, o->zType, -1);
  db_bind_text(p, 4, o->zSide, -1);
  if( o->bCity ) db_bind_int64(p, 5, o->cityId);
  db_bind_text(p, 6, o->zWebsite, -1);
  db_bind_text(p, 7, o->zDesc, -1);
  db_bind_text(p, 8, o->zNotes, -1);
  db_bind_text(p, 9, zNow, -1);
  if( *pId ) db_bind_int64(p, 10, *pId);
  int rc = db_step(p);
  db_reset(p);
  if( rc!=DB_DONE ) return db_error(c->db, rc, e);
  if( *pId==0 ) *pId = db_last_id(c->db);
  YcStatus st = YC_OK;
  size_t i; json_t *x;
  if( o->bIndustry ){
    st = run1(c, "DELETE FROM org_industry WHERE org_id=?1", *pId, 0, 0, e);
    json_array_foreach(o->aIndustry, i, x){
      if( st ) break;
      st = run1(c, "INSERT OR IGNORE INTO org_industry(org_id,code) VALUES(?1,?2)", *pId, json_string_value(x), 0, e);
    }
  }
  if( st==YC_OK && o->bPartner ){
    st = run1(c, "DELETE FROM org_tie WHERE org_id=?1", *pId, 0, 0, e);
    json_array_foreach(o->aPartner, i, x){
      if( st ) break;
      st = run1(c, "INSERT OR IGNORE INTO org_tie(org_id,tie_id) VALUES(?1,?2)", *pId, 0, json_integer_value(x), e);
    }
  }
  if( st==YC_OK && o->bSource ){
    st = run1(c, "DELETE FROM org_source WHERE org_id=?1", *pId, 0, 0, e);
    json_array_foreach(o->aSource, i, x){
      if( st ) break;
      st = run1(c, "INSERT INTO org_source(org_id,source,pos) VALUES(?1,?2,?3)", *pId, json_string_value(x), (int64_t)i, e);
    }
  }
  if( st==YC_OK ) st = org_reindex(c, *pId, e);
  return st;
}

YcStatus org_create_tx(Ctx *c, json_t *in, int64_t *pId, Err *e){
  OrgIn o;
  memset(&o, 0, sizeof o);
  *pId = 0;
  const char *zReview = 0;
  YcStatus st = org_parse(c, in, &o, 1, e);
  if( st==YC_OK ) st = review_initial(c, in, 0, &zReview, e);
  if( st==YC_OK ) st = org_write(c, &o, pId, e);
  if( st==YC_OK ) st = review_start(c, REVIEW_ORG, *pId, zReview, e);
  if( st==YC_OK ){
    json_t *j = 0;
    st = org_get(c, *pId, &j, e);
    if( st==YC_OK ) st = audit_log(c, "create", "org", *pId, 0, j, e);
    json_decref(j);
  }
  return st;
}

YcStatus org_create(Ctx *c, json_t *in, json_t **ppOut, Err *e){
  *ppOut = 0;
  int64_t id;
  YcStatus st = ctx_create(c, in, org_create_tx, &id, e);
  return st ? st : org_get(c, id, ppOut, e);
}

YcStatus org_update(Ctx *c, int64_t id, json_t *in, json_t **ppOut, Err *e){
  *ppOut = 0;
  json_t *jBefore = 0, *jAfter = 0;
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  YcStatus st = org_get(c, id, &jBefore, e);
  OrgIn o;
  memset(&o, 0, sizeof o);
  if( st==YC_OK ){
    json_t *city = json_object_get(jBefore, "city");
    o.zNameEn = json_string_value(json_object_get(jBefore, "name_en"));
    o.zNameZh = json_string_value(json_object_get(jBefore, "name_zh"));
    o.zType = json_string_value(json_object_get(jBefore, "type"));
    o.zSide = json_string_value(json_object_get(jBefore, "side"));
    o.zWebsite = json_string_value(json_object_get(jBefore, "website"));
    o.zDesc = json_string_value(json_object_get(jBefore, "description"));
    o.zNotes = json_string_value(json_object_get(jBefore, "notes"));
    o.bCity = json_is_object(city);
    o.cityId = json_integer_value(json_object_get(city, "id"));
    /* Keep names unless the input clears both. */
    json_t *in2 = json_copy(in);
    if( !json_object_get(in2, "name_en") && o.zNameEn ) json_object_set_new(in2, "name_en", json_string(o.zNameEn));
    if( !json_object_get(in2, "name_zh") && o.zNameZh ) json_object_set_new(in2, "name_zh", json_string(o.zNameZh));
    st = review_check_edit(c, REVIEW_ORG, id, in, e);
    if( st==YC_OK ) st = org_parse(c, in2, &o, 0, e);
    if( st==YC_OK ) st = org_write(c, &o, &id, e);   /* o points into in2 */
    if( st==YC_OK ) st = review_after_edit(c, REVIEW_ORG, id, e);
    json_decref(in2);
  }
  if( st==YC_OK ) st = org_get(c, id, &jAfter, e);
  if( st==YC_OK ) st = audit_log(c, "update", "org", id, jBefore, jAfter, e);
  if( st==YC_OK ) st = db_commit(c->db, e);
  json_decref(jBefore);
  if( st ){ db_rollback(c->db); json_decref(jAfter); return st; }
  *ppOut = jAfter;
  return YC_OK;
}

YcStatus org_delete(Ctx *c, int64_t id, Err *e){
  json_t *jBefore = 0;
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  YcStatus st = org_get(c, id, &jBefore, e);
  if( st==YC_OK ) st = run1(c, "DELETE FROM org_fts WHERE rowid=?1", id, 0, 0, e);
  if( st==YC_OK ) st = run1(c, "DELETE FROM org WHERE id=?1", id, 0, 0, e);
  if( st==YC_OK ) st = audit_log(c, "delete", "org", id, jBefore, 0, e);
  if( st==YC_OK ) st = db_commit(c->db, e);
  if( st ) db_rollback(c->db);
  json_decref(jBefore);
  return st;
}

YcStatus org_options(Ctx *c, json_t **ppOut, Err *e){
  static const char *const az[] = {"id", "name_en", "name_zh", "side", 0};
  DbStmt *p = db_stmt(c->db, "SELECT id, name_en, name_zh, side FROM org"
    " ORDER BY side, coalesce(name_en, name_zh), id LIMIT 2000");
  *ppOut = rows_all(c->db, p, az, e);
  return *ppOut ? YC_OK : (e ? e->st : YC_EINTERNAL);
}

int org_exists(Ctx *c, int64_t id){
  DbStmt *p = db_stmt(c->db, "SELECT 1 FROM org WHERE id=?1");
  if( !p ) return 0;
  db_bind_int64(p, 1, id);
  int b = db_step(p)==DB_ROW;
  db_reset(p);
  return b;
}

json_t *org_ref(Ctx *c, int64_t id){
  char zIds[32], zKey[24];
  snprintf(zIds, sizeof zIds, "[%lld]", (long long)id);
  snprintf(zKey, sizeof zKey, "%lld", (long long)id);
  json_t *map = 0, *j = 0;
  Err e;
  if( org_refs(c, zIds, &map, &e)==YC_OK ) j = json_incref(json_object_get(map, zKey));
  json_decref(map);
  return j;
}

json_t *org_refs_of(Ctx *c, const char *zSql, int64_t id){
  json_t *a = json_array();
  DbStmt *p = db_stmt(c->db, zSql);
  if( !p ) return a;
  int64_t aId[64];
  int n = 0, rc;
  db_bind_int64(p, 1, id);
  /* Read the ids first: org_ref runs statements of its own. */
  while( (rc = db_step(p))==DB_ROW ){
    if( n==(int)(sizeof aId/sizeof aId[0]) ) break;
    aId[n++] = db_col_int64(p, 0);
  }
  db_reset(p);
  for(int i=0; i<n; i++){
    json_t *o = org_ref(c, aId[i]);
    if( o ) json_array_append_new(a, o);
  }
  return a;
}
