/*
** opportunity.c: opportunities and expressions of interest; see
** opportunity.h.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/opportunity.h"
#include "core/partner.h"
#include "core/csvimport.h"
#include "core/match_text.h"
#include "store/rows.h"
#include "store/stmt.h"
#include "core/input.h"
#include "core/audit.h"
#include "core/unit.h"
#include "core/page.h"
#include "core/city.h"
#include "core/org.h"
#include "core/review.h"
#include "core/vocab.h"
#include "base/buf.h"
#include "text/norm.h"
#include "base/date.h"
#include "base/json.h"

const char *const azOppKind[] = {"offer", "request", 0};
const char *const azOppCategory[] = {"business", "technology", "research", "education", "culture",
  "tourism", "investment", "health", 0};
const char *const azOppDirection[] = {"going_out", "bringing_in", 0};
const char *const azOppStatus[] = {"draft", "open", "matched", "closed", "expired", 0};
const char *const azOppSort[] = {"updated", "-updated", "valid_until", "-valid_until", "id", "-id",
  "relevance", 0};
const char *const azOppParam[] = {"q", "kind", "category", "direction", "industry", "country", "status",
  "org", "partner", "sort", "limit", "cursor", "facets", "unit", 0};
const char *const azInterestStatus[] = {"new", "forwarded", "accepted", "declined", 0};

/* The orders of azOppSort ("relevance" without a search is -updated), then
** the search rank: bm25, the same for the same data (it changes with any
** write to the index, so a cursor over it is stable between writes only). */
#define VALID_KEYS(d) {"(o.valid_until IS NULL)", PAGE_INT, 0}, {"coalesce(o.valid_until,'')", PAGE_TEXT, d}
static const PageOrder aOppOrder[] = {
  {"opportunities:updated", {{"o.updated_at", PAGE_TEXT, 0}, {"o.id", PAGE_INT, 0}}},
  {"opportunities:-updated", {{"o.updated_at", PAGE_TEXT, 1}, {"o.id", PAGE_INT, 1}}},
  {"opportunities:valid_until", {VALID_KEYS(0), {"o.id", PAGE_INT, 0}}},
  {"opportunities:-valid_until", {VALID_KEYS(1), {"o.id", PAGE_INT, 1}}},
  {"opportunities:id", {{"o.id", PAGE_INT, 0}}},
  {"opportunities:-id", {{"o.id", PAGE_INT, 1}}},
  {"opportunities:-updated", {{"o.updated_at", PAGE_TEXT, 1}, {"o.id", PAGE_INT, 1}}},
  {"opportunities:relevance", {{"f.r", PAGE_REAL, 0}, {"o.id", PAGE_INT, 0}}},
};
#define OPP_RANK 7

/* The status an opportunity reads as today. */
#define OPP_STATUS \
  "(CASE WHEN o.status='open' AND o.valid_until IS NOT NULL AND o.valid_until<date('now') THEN 'expired'" \
  " ELSE o.status END)"

#define OPP_COLUMNS \
  "o.id, o.kind, o.category, o.direction, o.org_id, o.tie_id, o.title_zh, o.title_en," \
  " o.description_zh, o.description_en, o.valid_until, " OPP_STATUS ", o.contact, o.created_at, o.updated_at," \
  " coalesce(og.name_en, ci.name), coalesce(og.name_zh, ci.name_zh), CASE WHEN o.org_id IS NULL THEN 'partner' ELSE og.side END," \
  " coalesce(oc.country, ci.country)," \
  " (SELECT group_concat(code, char(31)) FROM (SELECT code FROM opportunity_industry WHERE opp_id=o.id ORDER BY code))," \
  " (SELECT group_concat(iso2, char(31)) FROM (SELECT iso2 FROM opportunity_country WHERE opp_id=o.id ORDER BY iso2))," \
  " (SELECT group_concat(c2.id || char(30) || c2.name || char(30) || coalesce(c2.name_zh,'') || char(30) || c2.country, char(31))" \
  "   FROM opportunity_city oy JOIN city c2 ON c2.id=oy.city_id WHERE oy.opp_id=o.id)," \
  " (SELECT count(*) FROM interest WHERE opp_id=o.id), o.published, o.sources," \
  " o.review, o.review_note, o.review_by, o.review_at"
#define OPP_FROM \
  " FROM opportunity o LEFT JOIN org og ON og.id=o.org_id LEFT JOIN city oc ON oc.id=og.city_id" \
  " LEFT JOIN tie t ON t.id=o.tie_id LEFT JOIN city ci ON ci.id=t.partner_city_id"

/* Columns 25-28: the review state; who reviewed and why only for signed-in callers. */
static void opp_add_review(Ctx *c, json_t *j, DbStmt *p){
  json_object_set_new(j, "review", json_string(db_text(p, 25)));
  if( !ctx_signed_in(c) ) return;
  json_object_set_new(j, "review_note", rows_text(p, 26));
  json_object_set_new(j, "review_by", rows_text(p, 27));
  json_object_set_new(j, "review_at", rows_text(p, 28));
}

static json_t *opp_row_json(Ctx *c, DbStmt *p){
  int64_t orgId = db_col_int64(p, 4), tieId = db_col_int64(p, 5);
  json_t *owner = json_pack("{s:s, s:I, s:o, s:o, s:o, s:o}",
    "type", orgId ? "org" : "partner", "id", (json_int_t)(orgId ? orgId : tieId),
    "name_en", rows_text(p, 15), "name_zh", rows_text(p, 16), "side", rows_text(p, 17), "country", rows_text(p, 18));
  json_t *cities = json_array();
  const char *z = db_text(p, 21);
  while( z && *z ){
    const char *zEnd = strchr(z, 31);
    size_t n = zEnd ? (size_t)(zEnd - z) : strlen(z);
    char *zItem = strndup(z, n);
    if( zItem ){
      char *az[4] = {zItem, 0, 0, 0};
      for(int k=1; k<4; k++){ az[k] = az[k-1] ? strchr(az[k-1], 30) : 0; if( az[k] ) *az[k]++ = 0; }
      if( az[3] ){
        json_array_append_new(cities, json_pack("{s:I, s:s, s:o, s:s}", "id", (json_int_t)atoll(az[0]),
          "name_en", az[1], "name_zh", az[2][0] ? json_string(az[2]) : json_null(), "country", az[3]));
      }
      free(zItem);
    }
    z += n + (zEnd ? 1 : 0);
  }
  json_t *sources = rows_array(p, 24);
  json_t *j = json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:s, s:o, s:o, s:o, s:I, s:s, s:s}",
    "id", (json_int_t)db_col_int64(p, 0), "kind", db_text(p, 1), "category", db_text(p, 2),
    "direction", db_text(p, 3), "owner", owner, "industries", rows_list(p, 19),
    "target_countries", rows_list(p, 20), "target_cities", cities,
    "title_zh", rows_text(p, 6), "title_en", rows_text(p, 7),
    "description_zh", rows_text(p, 8), "description_en", rows_text(p, 9),
    "status", db_text(p, 11), "valid_until", rows_text(p, 10),
    "published", rows_text(p, 23), "sources", sources ? sources : json_array(),
    "interests", (json_int_t)db_col_int64(p, 22),
    "created_at", db_text(p, 13), "updated_at", db_text(p, 14));
  opp_add_review(c, j, p);
  return j;
}

YcStatus opp_get(Ctx *c, int64_t id, json_t **ppOut, Err *e){
  *ppOut = 0;
  DbStmt *p = db_stmt(c->db, "SELECT " OPP_COLUMNS OPP_FROM " WHERE o.id=?1");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, id);
  int rc = db_step(p);
  /* Not published, or its owner not published: as if absent for anonymous callers. */
  if( rc==DB_ROW && !review_visible(c, db_text(p, 25)) ) rc = DB_DONE;
  if( rc==DB_ROW && !ctx_signed_in(c) && db_col_int64(p, 4) && !review_entry_visible(c, "org", db_col_int64(p, 4)) ) rc = DB_DONE;
  if( rc==DB_ROW ){
    *ppOut = opp_row_json(c, p);
    json_object_set_new(*ppOut, "contact", rows_text(p, 12));
  }
  db_reset(p);
  if( rc==DB_DONE ) return err_set(e, YC_ENOTFOUND, "not_found", "id", "no opportunity with id %lld", (long long)id);
  if( rc!=DB_ROW ) return db_error(c->db, rc, e);
  unit_attach(c, "opportunity", *ppOut);
  return YC_OK;
}

/* --- list ---------------------------------------------------------------- */

enum { F_KIND, F_CATEGORY, F_DIRECTION, F_INDUSTRY, F_COUNTRY, F_STATUS, F_ORG, F_PARTNER, F_UNIT, F_Q, F_REVIEW, F_N };

typedef struct OppWhere {
  const char *azSql[F_N];     /* SQL fragment per filter; ?%d stands for its bound value */
  const char *azVal[F_N];
} OppWhere;

/* Append the WHERE terms of w except filter iSkip; binds start at ?1. */
static int where_build(const OppWhere *w, int iSkip, Buf *b, const char **azBind){
  int n = 0;
  for(int i=0; i<F_N; i++){
    if( i==iSkip || !w->azSql[i] ) continue;
    buf_puts(b, " AND ");
    buf_printf(b, w->azSql[i], n + 1);
    azBind[n++] = w->azVal[i];
  }
  return n;
}

static YcStatus opp_where(Ctx *c, const OppQuery *q, OppWhere *w, char **pzFts, Err *e){
  memset(w, 0, sizeof *w);
  if( q->zKind ){
    if( in_enum_index(azOppKind, q->zKind)<0 ) return err_set(e, YC_EINVALID, "invalid_value", "kind", "kind must be offer or request");
    w->azSql[F_KIND] = "o.kind=?%d"; w->azVal[F_KIND] = q->zKind;
  }
  if( q->zCategory ){
    if( in_enum_index(azOppCategory, q->zCategory)<0 )
      return err_set(e, YC_EINVALID, "invalid_value", "category",
                     "category must be one of business, technology, research, education, culture, tourism, investment, health");
    w->azSql[F_CATEGORY] = "o.category=?%d"; w->azVal[F_CATEGORY] = q->zCategory;
  }
  if( q->zDirection ){
    if( in_enum_index(azOppDirection, q->zDirection)<0 )
      return err_set(e, YC_EINVALID, "invalid_value", "direction", "direction must be going_out or bringing_in");
    w->azSql[F_DIRECTION] = "o.direction=?%d"; w->azVal[F_DIRECTION] = q->zDirection;
  }
  if( q->zIndustry ){
    if( !isic_known(q->zIndustry) )
      return err_set(e, YC_EINVALID, "unknown_industry", "industry", "industry must be an ISIC Rev.4 section (A-U) or division code");
    w->azSql[F_INDUSTRY] = isic_div(q->zIndustry)
      ? "o.id IN (SELECT opp_id FROM opportunity_industry WHERE code=?%d)"
      : "o.id IN (SELECT oi.opp_id FROM opportunity_industry oi JOIN industry i ON i.code=oi.code WHERE i.section=?%1$d OR i.code=?%1$d)";
    w->azVal[F_INDUSTRY] = q->zIndustry;
  }
  if( q->zCountry ){
    const char *z = q->zCountry;
    if( strlen(z)!=2 || z[0]<'A' || z[0]>'Z' || z[1]<'A' || z[1]>'Z' )
      return err_set(e, YC_EINVALID, "invalid_value", "country", "country must be an ISO 3166-1 alpha-2 code such as US");
    w->azSql[F_COUNTRY] = "(o.id IN (SELECT opp_id FROM opportunity_country WHERE iso2=?%1$d) OR coalesce(oc.country, ci.country)=?%1$d)";
    w->azVal[F_COUNTRY] = z;
  }
  if( q->zStatus ){
    if( in_enum_index(azOppStatus, q->zStatus)<0 )
      return err_set(e, YC_EINVALID, "invalid_value", "status", "status must be draft, open, matched, closed or expired");
    w->azSql[F_STATUS] = OPP_STATUS "=?%d"; w->azVal[F_STATUS] = q->zStatus;
  }
  long long v;
  if( q->zOrg ){
    if( in_parse_int(q->zOrg, 1, (long long)1e15, &v) ) return err_set(e, YC_EINVALID, "invalid_value", "org", "org must be an organisation id");
    w->azSql[F_ORG] = "o.org_id=?%d"; w->azVal[F_ORG] = q->zOrg;
  }
  if( q->zPartner ){
    if( in_parse_int(q->zPartner, 1, (long long)1e15, &v) ) return err_set(e, YC_EINVALID, "invalid_value", "partner", "partner must be a partner id");
    w->azSql[F_PARTNER] = "o.tie_id=?%d"; w->azVal[F_PARTNER] = q->zPartner;
  }
  if( q->zUnit ){
    if( in_parse_int(q->zUnit, 1, (long long)1e15, &v) ) return err_set(e, YC_EINVALID, "invalid_value", "unit", "unit must be a unit id");
    w->azSql[F_UNIT] = "o.unit_id=?%d"; w->azVal[F_UNIT] = q->zUnit;
  }
  if( q->zQ ){
    if( strlen(q->zQ)>200 ) return err_set(e, YC_EINVALID, "too_long", "q", "q is too long (at most 200 bytes)");
    if( !text_utf8_valid(q->zQ, strlen(q->zQ)) ) return err_set(e, YC_EINVALID, "invalid_utf8", "q", "q is not valid UTF-8");
    *pzFts = text_fts_query(q->zQ);
    if( *pzFts ){
      w->azSql[F_Q] = "o.id IN (SELECT rowid FROM opportunity_fts WHERE opportunity_fts MATCH ?%d)";
      w->azVal[F_Q] = *pzFts;
    }else{
      w->azSql[F_Q] = "?%d IS NULL AND 0";
      w->azVal[F_Q] = "";
    }
  }
  /* Anonymous callers see published opportunities of published owners only. */
  if( !ctx_signed_in(c) ){
    w->azSql[F_REVIEW] = "o.review=?%1$d AND coalesce(og.review, ?%1$d)=?%1$d";
    w->azVal[F_REVIEW] = "published";
  }
  return YC_OK;
}

/* Counts of one facet: SELECT value, count(*) over the other filters. */
static YcStatus facet(Ctx *c, const OppWhere *w, int iSkip, const char *zExpr, const char *zJoin,
                      int nTop, json_t *jOut, const char *zKey, Err *e){
  Buf sql = BUF_INIT, wb = BUF_INIT;
  const char *azBind[F_N];
  int nBind = where_build(w, iSkip, &wb, azBind);
  buf_printf(&sql, "SELECT %s AS v, count(DISTINCT o.id) AS n" OPP_FROM "%s WHERE 1%s GROUP BY v"
                   " HAVING %s IS NOT NULL ORDER BY n DESC, v LIMIT ?%d", zExpr, zJoin, buf_str(&wb), zExpr, nBind + 1);
  DbStmt *p = db_stmt(c->db, buf_str(&sql));
  YcStatus st = YC_OK;
  if( !p ) st = db_error(c->db, DB_ERROR, e);
  else{
    for(int i=0; i<nBind; i++) db_bind_text(p, i+1, azBind[i], -1);
    db_bind_int(p, nBind + 1, nTop);
    json_t *a = json_array();
    int rc;
    while( (rc = db_step(p))==DB_ROW ){
      json_array_append_new(a, json_pack("{s:s, s:I}", "value", db_text(p, 0), "count", (json_int_t)db_col_int64(p, 1)));
    }
    db_reset(p);
    if( rc!=DB_DONE ){ json_decref(a); st = db_error(c->db, rc, e); }
    else json_object_set_new(jOut, zKey, a);
  }
  buf_free(&sql);
  buf_free(&wb);
  return st;
}

YcStatus opp_list(Ctx *c, const OppQuery *q, json_t **ppOut, Err *e){
  *ppOut = 0;
  int nLimit;
  YcStatus st = page_limit(q->zLimit, 50, 500, &nLimit, e);
  if( st ) return st;
  int iSort = 1;
  if( q->zSort && (iSort = in_enum_index(azOppSort, q->zSort))<0 )
    return err_set(e, YC_EINVALID, "invalid_value", "sort",
                   "sort must be one of updated, valid_until, id (prefix - for descending) or relevance");
  int bFacets = 0;
  if( q->zFacets ){
    if( strcmp(q->zFacets, "1")==0 || strcmp(q->zFacets, "true")==0 ) bFacets = 1;
    else if( strcmp(q->zFacets, "0")!=0 && strcmp(q->zFacets, "false")!=0 )
      return err_set(e, YC_EINVALID, "invalid_value", "facets", "facets must be true or false");
  }
  OppWhere w;
  char *zFts = 0;
  Page pg;
  memset(&pg, 0, sizeof pg);
  st = opp_where(c, q, &w, &zFts, e);
  Buf sql = BUF_INIT, wb = BUF_INIT;
  json_t *items = 0, *out = 0;
  if( st ) goto end;
  const char *azBind[F_N];
  int nBind = where_build(&w, -1, &wb, azBind);
  /* Relevance: by bm25 when searching, else newest first. */
  int bRank = zFts && (iSort==6 || !q->zSort);
  if( (st = page_begin(&pg, &aOppOrder[bRank ? OPP_RANK : iSort], bRank ? zFts : 0, q->zLimit, 50, 500, q->zCursor, e)) ) goto end;
  buf_printf(&sql, "SELECT count(*)" OPP_FROM " WHERE 1%s", buf_str(&wb));
  int64_t nTotal;
  if( (st = stmt_count_text(c->db, buf_str(&sql), azBind, nBind, &nTotal, e)) ) goto end;
  /* The page: OPP_COLUMNS (29), then the sort keys. */
  buf_reset(&sql);
  buf_puts(&sql, "SELECT " OPP_COLUMNS);
  page_sql_keys(&pg, &sql);
  buf_puts(&sql, OPP_FROM);
  if( bRank ){
    buf_printf(&sql, " JOIN (SELECT rowid AS rid, bm25(opportunity_fts, 4.0, 2.0, 1.0, 1.0) AS r"
                     " FROM opportunity_fts WHERE opportunity_fts MATCH ?%d) f ON f.rid=o.id", nBind + 1);
  }
  buf_printf(&sql, " WHERE 1%s", buf_str(&wb));
  int iPage = nBind + 1 + bRank;
  page_sql_tail(&pg, &sql, iPage);
  DbStmt *p = db_stmt(c->db, buf_str(&sql));
  if( !p ){ st = db_error(c->db, DB_ERROR, e); goto end; }
  for(int i=0; i<nBind; i++) db_bind_text(p, i+1, azBind[i], -1);
  if( bRank ) db_bind_text(p, nBind + 1, zFts, -1);
  page_bind(&pg, p, iPage);
  items = json_array();
  int rc;
  while( (rc = db_step(p))==DB_ROW ){
    if( page_row(&pg, p, 29) ) json_array_append_new(items, opp_row_json(c, p));
  }
  db_reset(p);
  if( rc!=DB_DONE ){ st = db_error(c->db, rc, e); goto end; }
  unit_attach_items(c, "opportunity", items);
  out = page_answer(&pg, items, nTotal, q->bPrev);
  if( bFacets ){
    json_t *f = json_object();
    json_object_set_new(out, "facets", f);
    if( !st ) st = facet(c, &w, F_CATEGORY, "o.category", "", 20, f, "category", e);
    if( !st ) st = facet(c, &w, F_DIRECTION, "o.direction", "", 20, f, "direction", e);
    if( !st ) st = facet(c, &w, F_KIND, "o.kind", "", 20, f, "kind", e);
    if( !st ) st = facet(c, &w, F_STATUS, OPP_STATUS, "", 20, f, "status", e);
    if( !st ) st = facet(c, &w, F_INDUSTRY, "fi.code", " JOIN opportunity_industry fi ON fi.opp_id=o.id", 30, f, "industry", e);
    if( !st ) st = facet(c, &w, F_COUNTRY, "fc.iso2", " JOIN opportunity_country fc ON fc.opp_id=o.id", 30, f, "country", e);
  }
  if( !st ){ *ppOut = out; out = 0; }
end:
  json_decref(out);
  json_decref(items);
  buf_free(&sql);
  buf_free(&wb);
  free(zFts);
  page_free(&pg);
  return st;
}

/* --- writes -------------------------------------------------------------- */

const char *const azOppField[] = {"kind", "category", "direction", "org_id", "partner_id", "industries",
  "target_countries", "target_cities", "title_zh", "title_en", "description_zh", "description_en",
  "valid_until", "status", "contact", "published", "sources", "review", 0};

typedef struct OppIn {
  const char *zKind, *zCategory, *zDirection;
  int64_t orgId, tieId;
  const char *zTitleZh, *zTitleEn, *zDescZh, *zDescEn, *zValid, *zStatus, *zContact;
  const char *zPublished;               /* YYYY, YYYY-MM or YYYY-MM-DD; 0 = none */
  json_t *aInd, *aCountry, *aCity;     /* borrowed; 0 = unchanged */
  json_t *aSources;                    /* borrowed; the whole list (0 = none) */
  int bInd, bCountry, bCity;
} OppIn;

/* Overlay the fields present in `in` onto o. */
static YcStatus opp_parse(Ctx *c, json_t *in, OppIn *o, int bCreate, Err *e){
  YcStatus st;
  int bSet;
  const char *z;
  if( (st = in_known_fields(in, azOppField, e)) ) return st;
  if( (st = in_enum(in, "kind", bCreate, azOppKind, &z, &bSet, e)) ) return st;
  if( bSet ){ if( !z ) return err_set(e, YC_EINVALID, "required", "kind", "kind cannot be null"); o->zKind = z; }
  if( (st = in_enum(in, "category", bCreate, azOppCategory, &z, &bSet, e)) ) return st;
  if( bSet ){ if( !z ) return err_set(e, YC_EINVALID, "required", "category", "category cannot be null"); o->zCategory = z; }
  if( (st = in_enum(in, "direction", bCreate, azOppDirection, &z, &bSet, e)) ) return st;
  if( bSet ){ if( !z ) return err_set(e, YC_EINVALID, "required", "direction", "direction cannot be null"); o->zDirection = z; }
  int64_t v = 0;
  int bOrg = 0, bTie = 0;
  if( (st = in_int(in, "org_id", 0, 1, INT64_MAX, &v, &bOrg, e)) ) return st;
  if( bOrg ){
    if( !org_exists(c, v) ) return err_set(e, YC_EINVALID, "unknown_org", "org_id", "no organisation with id %lld", (long long)v);
    o->orgId = v;
  }
  if( (st = in_int(in, "partner_id", 0, 1, INT64_MAX, &v, &bTie, e)) ) return st;
  if( bTie ){
    if( !partner_exists(c, v) ) return err_set(e, YC_EINVALID, "unknown_partner", "partner_id", "no partner with id %lld", (long long)v);
    o->tieId = v;
  }
  if( bOrg && bTie ) return err_set(e, YC_EINVALID, "invalid_value", "partner_id", "give org_id or partner_id, not both");
  if( bOrg ) o->tieId = 0;
  if( bTie ) o->orgId = 0;
  if( !o->orgId && !o->tieId )
    return err_set(e, YC_EINVALID, "required", "org_id", "the owner is required: give org_id or partner_id");
  if( (st = isic_codes(in, "industries", 0, 10, &o->aInd, &bSet, e)) ) return st;
  if( bSet ) o->bInd = 1;
  json_t *a;
  if( (st = in_str_array(in, "target_countries", 30, 2, &a, &bSet, e)) ) return st;
  if( bSet ){
    size_t i, j; json_t *x, *y;
    json_array_foreach(a, i, x){
      const char *zIso = json_string_value(x);
      if( strlen(zIso)!=2 || zIso[0]<'A' || zIso[0]>'Z' || zIso[1]<'A' || zIso[1]>'Z' )
        return err_set(e, YC_EINVALID, "invalid_value", "target_countries",
                       "target_countries[%zu]: '%s' is not an ISO 3166-1 alpha-2 code such as US", i, zIso);
      if( !country_exists(c, zIso) )
        return err_set(e, YC_EINVALID, "unknown_country", "target_countries", "target_countries[%zu]: no country %s", i, zIso);
      json_array_foreach(a, j, y){ if( j<i && strcmp(json_string_value(y), zIso)==0 )
        return err_set(e, YC_EINVALID, "duplicate", "target_countries", "target_countries: %s is given twice", zIso); }
    }
    o->aCountry = a; o->bCountry = 1;
  }
  a = json_object_get(in, "target_cities");
  if( a ){
    o->bCity = 1;
    o->aCity = 0;
    if( !json_is_null(a) ){
      if( !json_is_array(a) ) return err_set(e, YC_EINVALID, "wrong_type", "target_cities", "target_cities must be an array of GeoNames ids");
      if( json_array_size(a)>20 ) return err_set(e, YC_EINVALID, "too_many", "target_cities", "target_cities has more than 20 items");
      size_t i; json_t *x;
      json_array_foreach(a, i, x){
        if( !json_is_integer(x) ) return err_set(e, YC_EINVALID, "wrong_type", "target_cities", "target_cities[%zu] must be a GeoNames id", i);
        if( !city_exists(c, json_integer_value(x)) )
          return err_set(e, YC_EINVALID, "unknown_city", "target_cities", "target_cities[%zu]: no city with GeoNames id %lld",
                         i, (long long)json_integer_value(x));
      }
      o->aCity = a;
    }
  }
#define TXT(k, n, ml, f) \
  if( (st = in_str(in, k, 0, n, ml, &z, &bSet, e)) ) return st; \
  if( bSet ) o->f = z;
  TXT("title_zh", 200, 0, zTitleZh)
  TXT("title_en", 200, 0, zTitleEn)
  TXT("description_zh", 4000, 1, zDescZh)
  TXT("description_en", 4000, 1, zDescEn)
  TXT("contact", 300, 0, zContact)
#undef TXT
  if( !o->zTitleZh && !o->zTitleEn )
    return err_set(e, YC_EINVALID, "required", "title_en", "give title_zh or title_en (or both)");
  if( (st = in_str(in, "valid_until", 0, 10, 0, &z, &bSet, e)) ) return st;
  if( bSet ){
    if( z && (st = in_day("valid_until", z, 0, e)) ) return st;
    o->zValid = z;
  }
  /* When the call was published: a date of any precision, not in the future. */
  if( (st = in_str(in, "published", 0, 10, 0, &z, &bSet, e)) ) return st;
  if( bSet ){
    const char *zPrec;
    if( z ){
      if( (st = in_date_parse("published", z, &zPrec, e)) ) return st;
      char zToday[16];
      date_today_text(zToday);
      if( strncmp(z, zToday, strlen(z))>0 )
        return err_set(e, YC_EINVALID, "future_date", "published", "published %s is in the future", z);
    }
    o->zPublished = z;
  }
  /* Where the call was published: the pages or printed sources, as text. */
  if( (st = in_str_array(in, "sources", 20, 1000, &a, &bSet, e)) ) return st;
  if( bSet ) o->aSources = a;
  if( (st = in_enum(in, "status", 0, azOppStatus, &z, &bSet, e)) ) return st;
  if( bSet ){ if( !z ) return err_set(e, YC_EINVALID, "required", "status", "status cannot be null"); o->zStatus = z; }
  if( !o->zStatus ) o->zStatus = "open";
  /* An open opportunity past its day is stored as expired. */
  if( strcmp(o->zStatus, "open")==0 && o->zValid ){
    char zToday[11];
    date_today_text(zToday);
    if( strcmp(o->zValid, zToday)<0 ) o->zStatus = "expired";
  }
  return YC_OK;
}

/* Rebuild the search entry of opportunity id. */
YcStatus opp_reindex(Ctx *c, int64_t id, Err *e){
  YcStatus st = stmt_run(c->db, "DELETE FROM opportunity_fts WHERE rowid=?1", (int64_t[]){id}, 1, e);
  if( st ) return st;
  DbStmt *p = db_stmt(c->db,
    "SELECT coalesce(o.title_zh,'') || ' ' || coalesce(o.title_en,''),"
    " coalesce(og.name_en, ci.name, '') || ' ' || coalesce(og.name_zh, ci.name_zh, ''), coalesce(og.name_zh, ci.name_zh),"
    " coalesce(o.description_zh,'') || ' ' || coalesce(o.description_en,''),"
    " (SELECT group_concat(code, ' ') FROM opportunity_industry WHERE opp_id=o.id),"
    " (SELECT group_concat(co.name_en || ' ' || coalesce(co.name_zh,''), ' ') FROM opportunity_country oc2"
    "   JOIN country co ON co.iso2=oc2.iso2 WHERE oc2.opp_id=o.id),"
    " (SELECT group_concat(c2.name || ' ' || coalesce(c2.name_zh,''), ' ') FROM opportunity_city oy"
    "   JOIN city c2 ON c2.id=oy.city_id WHERE oy.opp_id=o.id)"
    OPP_FROM " WHERE o.id=?1");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, id);
  if( db_step(p)!=DB_ROW ){ db_reset(p); return YC_OK; }
  char *zTitle = strdup(db_text(p, 0)), *zNames = strdup(db_text(p, 1));
  char *zNameZh = db_text(p, 2) ? strdup(db_text(p, 2)) : 0;
  Buf text = BUF_INIT;
  buf_puts(&text, db_text(p, 3));
  for(const char *s = db_text(p, 4); s && *s; ){
    char zC[3] = {s[0], s[1] ? s[1] : 0, 0};
    buf_printf(&text, " %s %s", isic_label(zC, 0), isic_label(zC, 1));
    s += strlen(zC);
    while( *s==' ' ) s++;
  }
  if( db_text(p, 5) ) buf_printf(&text, " %s", db_text(p, 5));
  if( db_text(p, 6) ) buf_printf(&text, " %s", db_text(p, 6));
  db_reset(p);
  char *zPy = zNameZh ? text_pinyin(zNameZh) : 0;
  char *zAll = buf_mprintf("%s %s %s", zTitle, zNames, buf_str(&text));
  char *zFolded = zAll ? match_fold_norm(zAll, 6000) : 0;
  free(zAll);
  char *zCjk = zFolded ? match_cjk_bigrams(zFolded) : 0;
  p = db_stmt(c->db, "INSERT INTO opportunity_fts(rowid,title,names,pinyin,text,cjk,folded) VALUES(?1,?2,?3,?4,?5,?7,?6)");
  int rc = DB_ERROR;
  if( p ){
    db_bind_int64(p, 1, id);
    db_bind_text(p, 2, zTitle, -1);
    db_bind_text(p, 3, zNames, -1);
    db_bind_text(p, 4, zPy ? zPy : "", -1);
    db_bind_text(p, 5, buf_str(&text), -1);
    db_bind_text(p, 6, zFolded ? zFolded : "", -1);
    db_bind_text(p, 7, zCjk ? zCjk : "", -1);
    rc = db_step(p);
    db_reset(p);
  }
  free(zTitle); free(zNames); free(zNameZh); free(zPy); free(zFolded); free(zCjk);
  buf_free(&text);
  return rc==DB_DONE ? YC_OK : db_error(c->db, rc, e);
}

static YcStatus opp_write(Ctx *c, OppIn *o, int64_t *pId, Err *e){
  char zNow[24];
  date_now(zNow);
  DbStmt *p;
  if( *pId==0 ){
    p = db_stmt(c->db, "INSERT INTO opportunity(kind,category,direction,org_id,tie_id,title_zh,title_en,"
      "description_zh,description_en,valid_until,status,contact,created_at,updated_at,published,sources)"
      " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?13,?14,?15)");
  }else{
    p = db_stmt(c->db, "UPDATE opportunity SET kind=?1, category=?2, direction=?3, org_id=?4, tie_id=?5,"
      " title_zh=?6, title_en=?7, description_zh=?8, description_en=?9, valid_until=?10, status=?11,"
      " contact=?12, updated_at=?13, published=?14, sources=?15 WHERE id=?16");
  }
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_text(p, 1, o->zKind, -1);
  db_bind_text(p, 2, o->zCategory, -1);
  db_bind_text(p, 3, o->zDirection, -1);
  if( o->orgId ) db_bind_int64(p, 4, o->orgId);
  if( o->tieId ) db_bind_int64(p, 5, o->tieId);
  db_bind_text(p, 6, o->zTitleZh, -1);
  db_bind_text(p, 7, o->zTitleEn, -1);
  db_bind_text(p, 8, o->zDescZh, -1);
  db_bind_text(p, 9, o->zDescEn, -1);
  db_bind_text(p, 10, o->zValid, -1);
  db_bind_text(p, 11, o->zStatus, -1);
  db_bind_text(p, 12, o->zContact, -1);
  db_bind_text(p, 13, zNow, -1);
  db_bind_text(p, 14, o->zPublished, -1);
  char *zSources = o->aSources && json_array_size(o->aSources) ? json_text(o->aSources, 0) : 0;
  db_bind_text(p, 15, zSources, -1);
  if( *pId ) db_bind_int64(p, 16, *pId);
  int rc = db_step(p);
  db_reset(p);
  free(zSources);
  if( rc!=DB_DONE ) return db_error(c->db, rc, e);
  if( *pId==0 ) *pId = db_last_id(c->db);
  YcStatus st = YC_OK;
  size_t i;
  json_t *x;
  if( o->bInd ){
    st = stmt_run(c->db, "DELETE FROM opportunity_industry WHERE opp_id=?1", (int64_t[]){*pId}, 1, e);
    json_array_foreach(o->aInd, i, x){
      if( st ) break;
      st = stmt_run_text(c->db, "INSERT OR IGNORE INTO opportunity_industry(opp_id,code) VALUES(?1,?2)", *pId, json_string_value(x), e);
    }
  }
  if( !st && o->bCountry ){
    st = stmt_run(c->db, "DELETE FROM opportunity_country WHERE opp_id=?1", (int64_t[]){*pId}, 1, e);
    json_array_foreach(o->aCountry, i, x){
      if( st ) break;
      st = stmt_run_text(c->db, "INSERT OR IGNORE INTO opportunity_country(opp_id,iso2) VALUES(?1,?2)", *pId, json_string_value(x), e);
    }
  }
  if( !st && o->bCity ){
    st = stmt_run(c->db, "DELETE FROM opportunity_city WHERE opp_id=?1", (int64_t[]){*pId}, 1, e);
    json_array_foreach(o->aCity, i, x){
      if( st ) break;
      st = stmt_run(c->db, "INSERT OR IGNORE INTO opportunity_city(opp_id,city_id) VALUES(?1,?2)", (int64_t[]){*pId, json_integer_value(x)}, 2, e);
    }
  }
  if( !st ) st = opp_reindex(c, *pId, e);
  return st;
}

/* What opp_check and opp_create_tx share: the unit taken out of in, the
** rest parsed into o, the initial review state; *pRest to json_decref. */
static YcStatus opp_prepare(Ctx *c, json_t *in, OppIn *o, json_t **pRest, int64_t *pUnit,
                            int *pbUnit, const char **pzReview, Err *e){
  memset(o, 0, sizeof *o);
  *pRest = 0;
  *pUnit = 0;
  *pbUnit = 0;
  *pzReview = 0;
  YcStatus st = unit_take(c, in, pRest, pUnit, pbUnit, e);
  if( !st ) st = opp_parse(c, *pRest, o, 1, e);
  if( !st ) st = review_initial(c, in, o->zStatus, pzReview, e);
  return st;
}

YcStatus opp_check(Ctx *c, json_t *in, Err *e){
  OppIn o;
  json_t *rest;
  int64_t unitId;
  int bUnit;
  const char *zReview;
  YcStatus st = opp_prepare(c, in, &o, &rest, &unitId, &bUnit, &zReview, e);
  json_decref(rest);
  return st;
}

YcStatus opp_create_tx(Ctx *c, json_t *in, int64_t *pId, Err *e){
  OppIn o;
  *pId = 0;
  json_t *rest;
  int64_t unitId;
  int bUnit;
  const char *zReview;
  YcStatus st = opp_prepare(c, in, &o, &rest, &unitId, &bUnit, &zReview, e);
  if( !st ) st = opp_write(c, &o, pId, e);
  if( !st ) st = unit_set(c, "opportunity", *pId, unitId, bUnit, 1, e);
  if( !st ) st = review_start(c, REVIEW_OPP, *pId, zReview, e);
  if( !st ){
    json_t *j = 0;
    st = opp_get(c, *pId, &j, e);
    if( !st ) st = audit_log(c, "create", "opportunity", *pId, 0, j, e);
    json_decref(j);
  }
  json_decref(rest);
  return st;
}

YcStatus opp_create(Ctx *c, json_t *in, json_t **ppOut, Err *e){
  *ppOut = 0;
  int64_t id;
  YcStatus st = ctx_create(c, in, opp_create_tx, &id, e);
  return st ? st : opp_get(c, id, ppOut, e);
}

YcStatus opp_update(Ctx *c, int64_t id, json_t *in, json_t **ppOut, Err *e){
  *ppOut = 0;
  json_t *jBefore = 0, *jAfter = 0;
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  YcStatus st = opp_get(c, id, &jBefore, e);
  if( !st ){
    OppIn o;
    memset(&o, 0, sizeof o);
    json_t *own = json_object_get(jBefore, "owner");
    int bOrg = strcmp(json_string_value(json_object_get(own, "type")), "org")==0;
    int64_t ownId = json_integer_value(json_object_get(own, "id"));
#define G(k) json_string_value(json_object_get(jBefore, k))
    o.zKind = G("kind"); o.zCategory = G("category"); o.zDirection = G("direction");
    o.zTitleZh = G("title_zh"); o.zTitleEn = G("title_en"); o.zDescZh = G("description_zh");
    o.zDescEn = G("description_en"); o.zValid = G("valid_until"); o.zContact = G("contact");
    o.zPublished = G("published");
#undef G
    o.aSources = json_object_get(jBefore, "sources");
    /* The stored status, not the computed one. */
    DbStmt *p = db_stmt(c->db, "SELECT status FROM opportunity WHERE id=?1");
    char zStored[16] = "open";
    if( p ){
      db_bind_int64(p, 1, id);
      if( db_step(p)==DB_ROW ) snprintf(zStored, sizeof zStored, "%s", db_text(p, 0));
      db_reset(p);
    }
    o.zStatus = azOppStatus[in_enum_index(azOppStatus, zStored)<0 ? 1 : in_enum_index(azOppStatus, zStored)];
    if( bOrg ) o.orgId = ownId; else o.tieId = ownId;
    /* Keep the titles unless the input clears both (as org_update does). */
    int64_t unitId = 0;
    int bUnit = 0;
    json_t *in2 = 0;
    st = unit_take(c, in, &in2, &unitId, &bUnit, e);
    if( !in2 ) in2 = json_object();
    if( !json_object_get(in2, "title_zh") && o.zTitleZh ) json_object_set_new(in2, "title_zh", json_string(o.zTitleZh));
    if( !json_object_get(in2, "title_en") && o.zTitleEn ) json_object_set_new(in2, "title_en", json_string(o.zTitleEn));
    if( json_object_get(in2, "org_id") && json_is_null(json_object_get(in2, "org_id")) ) json_object_del(in2, "org_id");
    if( json_object_get(in2, "partner_id") && json_is_null(json_object_get(in2, "partner_id")) ) json_object_del(in2, "partner_id");
    if( !st ) st = review_check_edit(c, REVIEW_OPP, id, in, e);
    if( !st ) st = opp_parse(c, in2, &o, 0, e);
    if( !st ) st = opp_write(c, &o, &id, e);
    if( !st ) st = unit_set(c, "opportunity", id, unitId, bUnit, 0, e);
    if( !st ) st = review_after_edit(c, REVIEW_OPP, id, e);
    json_decref(in2);
  }
  if( !st ) st = opp_get(c, id, &jAfter, e);
  if( !st ) st = audit_log(c, "update", "opportunity", id, jBefore, jAfter, e);
  if( !st ) st = db_commit(c->db, e);
  json_decref(jBefore);
  if( st ){ db_rollback(c->db); json_decref(jAfter); return st; }
  *ppOut = jAfter;
  return YC_OK;
}

YcStatus opp_delete(Ctx *c, int64_t id, Err *e){
  json_t *jBefore = 0;
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  YcStatus st = opp_get(c, id, &jBefore, e);
  if( !st ) st = stmt_run(c->db, "DELETE FROM opportunity WHERE id=?1", (int64_t[]){id}, 1, e);
  if( !st ) st = audit_log(c, "delete", "opportunity", id, jBefore, 0, e);
  if( !st ) st = db_commit(c->db, e);
  if( st ) db_rollback(c->db);
  json_decref(jBefore);
  return st;
}

int64_t opp_find_by_title(Ctx *c, const char *zTitleEn, const char *zTitleZh){
  DbStmt *p = db_stmt(c->db, "SELECT id FROM opportunity WHERE (?1<>'' AND title_en=?1) OR (?1='' AND title_zh=?2)"
                             " ORDER BY id LIMIT 1");
  if( !p ) return 0;
  db_bind_text(p, 1, zTitleEn ? zTitleEn : "", -1);
  db_bind_text(p, 2, zTitleZh ? zTitleZh : "", -1);
  int64_t id = db_step(p)==DB_ROW ? db_col_int64(p, 0) : 0;
  db_reset(p);
  return id;
}

/* --- CSV import ---------------------------------------------------------- */


static const char *const azOCol[] = {"kind", "category", "direction", "org_id", "org", "partner_id", "industries",
  "target_countries", "title_zh", "title_en", "description_zh", "description_en", "valid_until", "status",
  "contact", "published", "sources", 0};

static void oimp_row(CsvImport *x){
  json_t *in = json_object();
  Err e;
  memset(&e, 0, sizeof e);
  long long v;
  for(int i=0; i<x->nField; i++){
    int k = x->aCol[i];
    if( k<0 ) continue;
    const char *z = x->azField[i], *zCol = azOCol[k];
    if( !text_utf8_valid(z, strlen(z)) ){ csvimp_error(x, zCol, "invalid_utf8", "not valid UTF-8"); json_decref(in); return; }
    if( !*z ) continue;
    if( strcmp(zCol, "org_id")==0 || strcmp(zCol, "partner_id")==0 ){
      if( in_parse_int(z, 1, (long long)1e15, &v) ){ csvimp_error(x, zCol, "wrong_type", "must be a number"); json_decref(in); return; }
      json_object_set_new(in, zCol, json_integer(v));
    }else if( strcmp(zCol, "org")==0 ){
      int64_t id = org_find_by_name(x->c, z, z);
      if( !id ){ csvimp_error(x, zCol, "unknown_org", "no organisation of this name"); json_decref(in); return; }
      json_object_set_new(in, "org_id", json_integer(id));
    }else if( strcmp(zCol, "industries")==0 ){
      json_t *a = 0;
      if( isic_codes_parse(z, zCol, 0, 10, &a, &e) ){ csvimp_error(x, e.zField, e.zCode, e.zMsg); json_decref(in); return; }
      json_object_set_new(in, zCol, a);
    }else if( strcmp(zCol, "target_countries")==0 ){
      json_t *a = 0;
      if( country_codes_parse(x->c, z, zCol, 30, &a, &e) ){ csvimp_error(x, e.zField, e.zCode, e.zMsg); json_decref(in); return; }
      json_object_set_new(in, zCol, a);
    }else if( strcmp(zCol, "sources")==0 ){
      /* Several sources in one cell, separated by " | ". */
      json_t *a = json_array();
      while( *z ){
        const char *zEnd = strstr(z, " | ");
        size_t n = zEnd ? (size_t)(zEnd - z) : strlen(z);
        while( n && z[0]==' ' ){ z++; n--; }
        while( n && z[n-1]==' ' ) n--;
        if( n ) json_array_append_new(a, json_stringn(z, n));
        z = zEnd ? zEnd + 3 : z + strlen(z);
      }
      json_object_set_new(in, zCol, a);
    }else{
      json_object_set_new(in, zCol, json_string(z));
    }
  }
  csvimp_stage(x, in);
}

/* In the import's write transaction: one row's opportunity. */
static void oimp_write(CsvImport *x){
  Err e;
  memset(&e, 0, sizeof e);
  int64_t id;
  YcStatus st = opp_create_tx(x->c, x->pIn, &id, &e);
  csvimp_result(x, st, &e);
}

YcStatus opp_import_csv(Ctx *c, const char *zData, size_t nData, int bDryRun,
                        json_t **ppReport, Err *e){
  return csvimp_run_staged(c, zData, nData, bDryRun, azOCol, 0, oimp_row, opp_check, oimp_write, 0, 0, ppReport, e);
}

/* --- interests ------------------------------------------------------------ */

#define INT_COLUMNS \
  "i.id, i.opp_id, o.title_zh, o.title_en, g.id, g.name_en, g.name_zh, i.message, i.status," \
  " i.created_at, i.updated_at, i.answered_at, CAST(julianday('now') - julianday(i.updated_at) AS INTEGER)"
#define INT_FROM " FROM interest i JOIN opportunity o ON o.id=i.opp_id JOIN org g ON g.id=i.org_id"

static json_t *interest_row_json(DbStmt *p){
  return json_pack("{s:I, s:I, s:o, s:o, s:{s:I, s:o, s:o}, s:s, s:s, s:s, s:s, s:o, s:I}",
    "id", (json_int_t)db_col_int64(p, 0), "opportunity_id", (json_int_t)db_col_int64(p, 1),
    "opportunity_title_zh", rows_text(p, 2), "opportunity_title_en", rows_text(p, 3),
    "org", "id", (json_int_t)db_col_int64(p, 4), "name_en", rows_text(p, 5), "name_zh", rows_text(p, 6),
    "message", db_text(p, 7), "status", db_text(p, 8), "created_at", db_text(p, 9), "updated_at", db_text(p, 10),
    "answered_at", rows_text(p, 11), "days_waiting", (json_int_t)db_col_int64(p, 12));
}

static YcStatus interest_get(Ctx *c, int64_t id, json_t **ppOut, Err *e){
  *ppOut = 0;
  DbStmt *p = db_stmt(c->db, "SELECT " INT_COLUMNS INT_FROM " WHERE i.id=?1");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, id);
  int rc = db_step(p);
  if( rc==DB_ROW ) *ppOut = interest_row_json(p);
  db_reset(p);
  if( rc==DB_DONE ) return err_set(e, YC_ENOTFOUND, "not_found", "id", "no interest with id %lld", (long long)id);
  return rc==DB_ROW ? YC_OK : db_error(c->db, rc, e);
}

YcStatus interest_create(Ctx *c, int64_t oppId, json_t *in, json_t **ppOut, Err *e){
  *ppOut = 0;
  static const char *const azField[] = {"org_id", "message", 0};
  json_t *jOpp = 0;
  YcStatus st = opp_get(c, oppId, &jOpp, e);
  if( st ) return st;
  int64_t orgId = 0, id = 0;
  int bSet;
  const char *zMsg = 0;
  if( !st ) st = in_known_fields(in, azField, e);
  if( !st ) st = in_int(in, "org_id", 1, 1, INT64_MAX, &orgId, &bSet, e);
  if( !st && !org_exists(c, orgId) ) st = err_set(e, YC_EINVALID, "unknown_org", "org_id", "no organisation with id %lld", (long long)orgId);
  if( !st ) st = in_str(in, "message", 1, 2000, 1, &zMsg, &bSet, e);
  json_t *own = json_object_get(jOpp, "owner");
  if( !st && strcmp(json_string_value(json_object_get(own, "type")), "org")==0
      && json_integer_value(json_object_get(own, "id"))==orgId )
    st = err_set(e, YC_EINVALID, "own_opportunity", "org_id", "an organisation cannot express interest in its own opportunity");
  if( !st && strcmp(json_string_value(json_object_get(jOpp, "review")), "published")!=0 )
    st = err_set(e, YC_ECONFLICT, "not_published", "opp_id", "the opportunity is not published (%s)",
                 json_string_value(json_object_get(jOpp, "review")));
  if( !st && strcmp(json_string_value(json_object_get(jOpp, "status")), "open")!=0 )
    st = err_set(e, YC_ECONFLICT, "not_open", "status", "the opportunity is %s, not open", json_string_value(json_object_get(jOpp, "status")));
  json_decref(jOpp);
  if( st ) return st;
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  DbStmt *p = db_stmt(c->db, "SELECT id FROM interest WHERE opp_id=?1 AND org_id=?2");
  if( !p ) st = db_error(c->db, DB_ERROR, e);
  else{
    db_bind_int64(p, 1, oppId);
    db_bind_int64(p, 2, orgId);
    if( db_step(p)==DB_ROW )
      st = err_set(e, YC_ECONFLICT, "duplicate", "org_id", "this organisation already expressed interest (id %lld)",
                   (long long)db_col_int64(p, 0));
    db_reset(p);
  }
  char zNow[24];
  date_now(zNow);
  if( !st ){
    p = db_stmt(c->db, "INSERT INTO interest(opp_id,org_id,message,status,created_at,updated_at) VALUES(?1,?2,?3,'new',?4,?4)");
    if( !p ) st = db_error(c->db, DB_ERROR, e);
    else{
      db_bind_int64(p, 1, oppId);
      db_bind_int64(p, 2, orgId);
      db_bind_text(p, 3, zMsg, -1);
      db_bind_text(p, 4, zNow, -1);
      int rc = db_step(p);
      db_reset(p);
      if( rc!=DB_DONE ) st = db_error(c->db, rc, e);
      else id = db_last_id(c->db);
    }
  }
  json_t *j = 0;
  if( !st ) st = interest_get(c, id, &j, e);
  if( !st ) st = audit_log(c, "create", "interest", id, 0, j, e);
  if( !st ) st = db_commit(c->db, e);
  if( st ){ db_rollback(c->db); json_decref(j); return st; }
  *ppOut = j;
  return YC_OK;
}

YcStatus interest_list(Ctx *c, int64_t oppId, json_t **ppOut, Err *e){
  *ppOut = 0;
  json_t *jOpp = 0;
  YcStatus st = opp_get(c, oppId, &jOpp, e);
  json_decref(jOpp);
  if( st ) return st;
  DbStmt *p = db_stmt(c->db, "SELECT " INT_COLUMNS INT_FROM " WHERE i.opp_id=?1 ORDER BY i.created_at, i.id");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, oppId);
  json_t *a = json_array();
  int rc;
  while( (rc = db_step(p))==DB_ROW ) json_array_append_new(a, interest_row_json(p));
  db_reset(p);
  if( rc!=DB_DONE ){ json_decref(a); return db_error(c->db, rc, e); }
  *ppOut = json_pack("{s:o}", "items", a);
  return YC_OK;
}

YcStatus interest_update(Ctx *c, int64_t id, json_t *in, json_t **ppOut, Err *e){
  *ppOut = 0;
  static const char *const azField[] = {"status", 0};
  json_t *jBefore = 0, *jAfter = 0;
  const char *zStatus = 0;
  int bSet;
  YcStatus st = in_known_fields(in, azField, e);
  if( !st ) st = in_enum(in, "status", 1, azInterestStatus, &zStatus, &bSet, e);
  if( st ) return st;
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  st = interest_get(c, id, &jBefore, e);
  char zNow[24];
  date_now(zNow);
  if( !st ){
    int bAnswer = strcmp(zStatus, "accepted")==0 || strcmp(zStatus, "declined")==0;
    DbStmt *p = db_stmt(c->db,
      "UPDATE interest SET status=?2, updated_at=?3,"
      " answered_at=CASE WHEN ?4 THEN coalesce(answered_at, ?3) ELSE NULL END WHERE id=?1");
    if( !p ) st = db_error(c->db, DB_ERROR, e);
    else{
      db_bind_int64(p, 1, id);
      db_bind_text(p, 2, zStatus, -1);
      db_bind_text(p, 3, zNow, -1);
      db_bind_int(p, 4, bAnswer);
      int rc = db_step(p);
      db_reset(p);
      if( rc!=DB_DONE ) st = db_error(c->db, rc, e);
    }
  }
  if( !st ) st = interest_get(c, id, &jAfter, e);
  if( !st ) st = audit_log(c, "update", "interest", id, jBefore, jAfter, e);
  if( !st ) st = db_commit(c->db, e);
  json_decref(jBefore);
  if( st ){ db_rollback(c->db); json_decref(jAfter); return st; }
  *ppOut = jAfter;
  return YC_OK;
}

YcStatus interest_followup(Ctx *c, const char *zDays, const char *zStatus, json_t **ppOut, Err *e){
  *ppOut = 0;
  long long nDays = 14;
  if( zDays && in_parse_int(zDays, 0, 3650, &nDays) )
    return err_set(e, YC_EINVALID, "invalid_value", "days", "days must be an integer from 0 to 3650");
  if( zStatus && strcmp(zStatus, "new")!=0 && strcmp(zStatus, "forwarded")!=0 )
    return err_set(e, YC_EINVALID, "invalid_value", "status", "status must be new or forwarded (the unanswered ones)");
  DbStmt *p = db_stmt(c->db, "SELECT " INT_COLUMNS INT_FROM
    " WHERE i.status IN ('new','forwarded') AND (?2 IS NULL OR i.status=?2)"
    " AND julianday('now') - julianday(i.updated_at) >= ?1 ORDER BY i.updated_at, i.id LIMIT 500");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, nDays);
  db_bind_text(p, 2, zStatus, -1);
  json_t *a = json_array();
  int rc;
  while( (rc = db_step(p))==DB_ROW ) json_array_append_new(a, interest_row_json(p));
  db_reset(p);
  if( rc!=DB_DONE ){ json_decref(a); return db_error(c->db, rc, e); }
  *ppOut = json_pack("{s:o, s:I}", "items", a, "days", (json_int_t)nDays);
  return YC_OK;
}
