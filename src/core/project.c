/* project.c: cooperation projects; see project.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/project.h"
#include "base/date.h"
#include "store/rows.h"
#include "core/partner.h"
#include "core/org.h"
#include "store/stmt.h"
#include "core/health.h"
#include "core/input.h"
#include "core/audit.h"
#include "core/unit.h"
#include "core/page.h"
#include "core/city.h"
#include "base/buf.h"
#include "base/json.h"

const char *const azProjectStage[] = {"lead", "contact", "negotiation", "signed", "implementing",
  "completed", "stalled", "dropped", 0};
const char *const azProjectParam[] = {"stage", "tie", "sector", "limit", "cursor", "unit", 0};

const char *const azPjField[] = {"title", "stage", "ties", "organisations", "sectors", "value",
  "currency", "start", "end", "milestones", "description", "notes", "sources", 0};

typedef struct PjMilestone { const char *zTitle, *zDate, *zPrec; int bDone; } PjMilestone;

typedef struct PjIn {
  const char *zTitle, *zStage, *zCurrency, *zStart, *zStartPrec, *zEnd, *zEndPrec, *zDesc, *zNotes;
  double value; int bValue;
  int64_t aTie[PJ_MAX_TIES]; int nTie;
  int64_t aOrg[PJ_MAX_ORGS]; int nOrg;
  const char *azSector[PJ_MAX_SECTORS]; int nSector;
  PjMilestone aMs[PJ_MAX_MILESTONES]; int nMs;
  char *zSources;
  int start0, end0, endEnd;
} PjIn;

static YcStatus pj_from_json(Ctx *c, json_t *in, PjIn *x, Err *e){
  YcStatus st;
  int bSet;
  memset(x, 0, sizeof *x);
  if( (st = in_known_fields(in, azPjField, e)) ) return st;
  if( (st = in_str(in, "title", 1, 300, 0, &x->zTitle, &bSet, e)) ) return st;
  if( (st = in_enum(in, "stage", 0, azProjectStage, &x->zStage, &bSet, e)) ) return st;
  if( !x->zStage ) x->zStage = "lead";
  if( (st = in_ids(in, "ties", x->aTie, PJ_MAX_TIES, &x->nTie, &bSet, e)) ) return st;
  for(int i=0; i<x->nTie; i++){
    if( !partner_kind(c, x->aTie[i]) )
      return err_set(e, YC_EINVALID, "unknown_tie", "ties", "no partner tie with id %lld", (long long)x->aTie[i]);
  }
  if( (st = in_ids(in, "organisations", x->aOrg, PJ_MAX_ORGS, &x->nOrg, &bSet, e)) ) return st;
  for(int i=0; i<x->nOrg; i++){
    if( !org_exists(c, x->aOrg[i]) )
      return err_set(e, YC_EINVALID, "unknown_org", "organisations", "no organisation with id %lld", (long long)x->aOrg[i]);
  }
  json_t *a;
  if( (st = in_str_array(in, "sectors", PJ_MAX_SECTORS, 2, &a, &bSet, e)) ) return st;
  size_t i;
  json_t *v;
  json_array_foreach(a, i, v){
    const char *z = json_string_value(v);
    if( !industry_exists(c, z) )
      return err_set(e, YC_EINVALID, "unknown_industry", "sectors", "sectors[%zu] '%s' is not an ISIC Rev.4 section or division", i, z);
    for(int k=0; k<x->nSector; k++){
      if( strcmp(x->azSector[k], z)==0 ) return err_set(e, YC_EINVALID, "duplicate_item", "sectors", "sectors lists %s twice", z);
    }
    x->azSector[x->nSector++] = z;
  }
  v = json_object_get(in, "value");
  if( v && !json_is_null(v) ){
    if( !json_is_number(v) || json_number_value(v)<0 || !isfinite(json_number_value(v)) || json_number_value(v)>1e15 )
      return err_set(e, YC_EINVALID, "wrong_type", "value", "value must be a number from 0 to 10^15");
    x->value = json_number_value(v);
    x->bValue = 1;
  }
  if( (st = in_str(in, "currency", 0, 3, 0, &x->zCurrency, &bSet, e)) ) return st;
  if( x->zCurrency ){
    const char *z = x->zCurrency;
    if( strlen(z)!=3 || z[0]<'A' || z[0]>'Z' || z[1]<'A' || z[1]>'Z' || z[2]<'A' || z[2]>'Z' )
      return err_set(e, YC_EINVALID, "invalid_value", "currency", "currency must be an ISO 4217 code such as CNY, USD, EUR");
  }
  if( x->bValue && !x->zCurrency ) return err_set(e, YC_EINVALID, "required", "currency", "a value needs its currency");
  if( !x->bValue && x->zCurrency ) return err_set(e, YC_EINVALID, "required", "value", "a currency needs a value");
  int d0, dm, de;
  v = json_object_get(in, "start");
  if( v && !json_is_null(v) ){
    if( !json_is_string(v) ) return err_set(e, YC_EINVALID, "wrong_type", "start", "start must be a date string");
    x->zStart = json_string_value(v);
    if( (st = in_date_parse("start", x->zStart, &x->zStartPrec, e)) ) return st;
    date_period(x->zStart, &d0, &dm, &de);
    x->start0 = d0;
  }
  v = json_object_get(in, "end");
  if( v && !json_is_null(v) ){
    if( !json_is_string(v) ) return err_set(e, YC_EINVALID, "wrong_type", "end", "end must be a date string");
    x->zEnd = json_string_value(v);
    if( (st = in_date_parse("end", x->zEnd, &x->zEndPrec, e)) ) return st;
    date_period(x->zEnd, &d0, &dm, &de);
    x->end0 = d0;
    x->endEnd = de;
    if( x->zStart && de<x->start0 )
      return err_set(e, YC_EINVALID, "invalid_range", "end", "end (%s) is before start (%s)", x->zEnd, x->zStart);
  }
  v = json_object_get(in, "milestones");
  if( v && !json_is_null(v) ){
    if( !json_is_array(v) ) return err_set(e, YC_EINVALID, "wrong_type", "milestones", "milestones must be an array of objects");
    if( json_array_size(v)>PJ_MAX_MILESTONES )
      return err_set(e, YC_EINVALID, "too_many", "milestones", "milestones has more than %d items", PJ_MAX_MILESTONES);
    json_t *m;
    json_array_foreach(v, i, m){
      static const char *const azMs[] = {"title", "date", "done", 0};
      PjMilestone *ms = &x->aMs[x->nMs];
      if( !json_is_object(m) ) return err_set(e, YC_EINVALID, "wrong_type", "milestones", "milestones[%zu] must be an object", i);
      Err e2;
      if( in_known_fields(m, azMs, &e2) )
        return err_set(e, YC_EINVALID, "unknown_field", "milestones", "milestones[%zu]: %s", i, e2.zMsg);
      if( in_str(m, "title", 1, 300, 0, &ms->zTitle, &bSet, &e2) )
        return err_set(e, YC_EINVALID, e2.zCode, "milestones", "milestones[%zu]: %s", i, e2.zMsg);
      json_t *jd = json_object_get(m, "date");
      if( jd && !json_is_null(jd) ){
        if( !json_is_string(jd) ) return err_set(e, YC_EINVALID, "wrong_type", "milestones", "milestones[%zu].date must be a date string", i);
        ms->zDate = json_string_value(jd);
        if( in_date_parse("milestones", ms->zDate, &ms->zPrec, &e2) )
          return err_set(e, YC_EINVALID, "invalid_date", "milestones", "milestones[%zu]: %s", i, e2.zMsg);
      }
      json_t *jb = json_object_get(m, "done");
      if( jb && !json_is_boolean(jb) ) return err_set(e, YC_EINVALID, "wrong_type", "milestones", "milestones[%zu].done must be true or false", i);
      ms->bDone = json_is_true(jb);
      x->nMs++;
    }
  }
  if( (st = in_str(in, "description", 0, 20000, 1, &x->zDesc, &bSet, e)) ) return st;
  if( (st = in_str(in, "notes", 0, 20000, 1, &x->zNotes, &bSet, e)) ) return st;
  if( (st = in_str_array(in, "sources", 20, 2000, &a, &bSet, e)) ) return st;
  if( a && json_array_size(a) ) x->zSources = json_text(a, JSON_COMPACT);
  return YC_OK;
}

static YcStatus pj_write(Ctx *c, PjIn *x, int64_t *pId, Err *e){
  char zNow[24];
  date_now(zNow);
  int64_t id = *pId;
  DbStmt *p = db_stmt(c->db, id==0 ?
    "INSERT INTO project(title,stage,value,currency,start_date,start_precision,start_day0,end_date,end_precision,"
    "end_day0,end_day_end,description,notes,sources,created_at,updated_at)"
    " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?15)" :
    "UPDATE project SET title=?1, stage=?2, value=?3, currency=?4, start_date=?5, start_precision=?6, start_day0=?7,"
    " end_date=?8, end_precision=?9, end_day0=?10, end_day_end=?11, description=?12, notes=?13, sources=?14,"
    " updated_at=?15 WHERE id=?16");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_text(p, 1, x->zTitle, -1);
  db_bind_text(p, 2, x->zStage, -1);
  if( x->bValue ) db_bind_double(p, 3, x->value);
  db_bind_text(p, 4, x->zCurrency, -1);
  db_bind_text(p, 5, x->zStart, -1);
  db_bind_text(p, 6, x->zStartPrec, -1);
  if( x->zStart ) db_bind_int(p, 7, x->start0);
  db_bind_text(p, 8, x->zEnd, -1);
  db_bind_text(p, 9, x->zEndPrec, -1);
  if( x->zEnd ){ db_bind_int(p, 10, x->end0); db_bind_int(p, 11, x->endEnd); }
  db_bind_text(p, 12, x->zDesc, -1);
  db_bind_text(p, 13, x->zNotes, -1);
  db_bind_text(p, 14, x->zSources, -1);
  db_bind_text(p, 15, zNow, -1);
  if( id ) db_bind_int64(p, 16, id);
  int rc = db_step(p);
  db_reset(p);
  if( rc!=DB_DONE ) return db_error(c->db, rc, e);
  YcStatus st = YC_OK;
  if( id==0 ){
    id = *pId = db_last_id(c->db);
  }else{
    int64_t a[1] = {id};
    static const char *const azDel[] = {"DELETE FROM project_tie WHERE project_id=?1", "DELETE FROM project_org WHERE project_id=?1",
      "DELETE FROM project_industry WHERE project_id=?1", "DELETE FROM project_milestone WHERE project_id=?1", 0};
    for(int i=0; azDel[i] && !st; i++) st = stmt_run(c->db, azDel[i], a, 1, e);
  }
  for(int i=0; i<x->nTie && !st; i++){
    int64_t a[2] = {id, x->aTie[i]};
    st = stmt_run(c->db, "INSERT INTO project_tie(project_id,tie_id) VALUES(?1,?2)", a, 2, e);
  }
  for(int i=0; i<x->nOrg && !st; i++){
    int64_t a[2] = {id, x->aOrg[i]};
    st = stmt_run(c->db, "INSERT INTO project_org(project_id,org_id) VALUES(?1,?2)", a, 2, e);
  }
  for(int i=0; i<x->nSector && !st; i++){
    p = db_stmt(c->db, "INSERT INTO project_industry(project_id,code) VALUES(?1,?2)");
    if( !p ) return db_error(c->db, DB_ERROR, e);
    db_bind_int64(p, 1, id);
    db_bind_text(p, 2, x->azSector[i], -1);
    rc = db_step(p);
    db_reset(p);
    if( rc!=DB_DONE ) st = db_error(c->db, rc, e);
  }
  for(int i=0; i<x->nMs && !st; i++){
    p = db_stmt(c->db, "INSERT INTO project_milestone(project_id,pos,title,date,precision,done) VALUES(?1,?2,?3,?4,?5,?6)");
    if( !p ) return db_error(c->db, DB_ERROR, e);
    db_bind_int64(p, 1, id);
    db_bind_int(p, 2, i);
    db_bind_text(p, 3, x->aMs[i].zTitle, -1);
    db_bind_text(p, 4, x->aMs[i].zDate, -1);
    db_bind_text(p, 5, x->aMs[i].zPrec, -1);
    db_bind_int(p, 6, x->aMs[i].bDone);
    rc = db_step(p);
    db_reset(p);
    if( rc!=DB_DONE ) st = db_error(c->db, rc, e);
  }
  return st;
}

#define PJ_COLUMNS "id, title, stage, value, currency, start_date, start_precision, end_date, end_precision," \
  " description, notes, sources, created_at, updated_at, start_day0, end_day_end"

static int pj_ids(Ctx *c, const char *zSql, int64_t id, int64_t *a, int nMax){
  int n = 0;
  DbStmt *p = db_stmt(c->db, zSql);
  if( !p ) return 0;
  db_bind_int64(p, 1, id);
  while( db_step(p)==DB_ROW && n<nMax ) a[n++] = db_col_int64(p, 0);
  db_reset(p);
  return n;
}

YcStatus project_get(Ctx *c, int64_t id, json_t **ppOut, Err *e){
  *ppOut = 0;
  DbStmt *p = db_stmt(c->db, "SELECT " PJ_COLUMNS " FROM project WHERE id=?1");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, id);
  int rc = db_step(p);
  if( rc!=DB_ROW ){
    db_reset(p);
    if( rc==DB_DONE ) return err_set(e, YC_ENOTFOUND, "not_found", "id", "no project with id %lld", (long long)id);
    return db_error(c->db, rc, e);
  }
  int today = date_today();
  const char *zStage = db_text(p, 2);
  int bForce = (strcmp(zStage, "signed")==0 || strcmp(zStage, "implementing")==0)
            && (db_col_type(p, 15)==DB_NULL || db_col_int(p, 15)>=today)
            && (db_col_type(p, 14)==DB_NULL || db_col_int(p, 14)<=today);
  json_t *j = json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:b}",
    "id", (json_int_t)id, "title", rows_text(p, 1), "stage", rows_text(p, 2),
    "value", db_col_type(p, 3)==DB_NULL ? json_null() : json_real(db_col_double(p, 3)),
    "currency", rows_text(p, 4), "start", rows_text(p, 5), "start_precision", rows_text(p, 6),
    "end", rows_text(p, 7), "end_precision", rows_text(p, 8), "description", rows_text(p, 9),
    "notes", rows_text(p, 10), "sources", rows_array(p, 11), "created_at", rows_text(p, 12),
    "updated_at", rows_text(p, 13), "in_force", bForce);
  db_reset(p);
  int64_t a[PJ_MAX_TIES];
  json_t *arr = json_array();
  int n = pj_ids(c, "SELECT tie_id FROM project_tie WHERE project_id=?1 ORDER BY tie_id", id, a, PJ_MAX_TIES);
  for(int i=0; i<n; i++){ json_t *t = partner_ref(c, a[i]); if( t ) json_array_append_new(arr, t); }
  json_object_set_new(j, "ties", arr);
  json_object_set_new(j, "organisations", org_refs_of(c, "SELECT org_id FROM project_org WHERE project_id=?1 ORDER BY org_id", id));
  arr = json_array();
  p = db_stmt(c->db, "SELECT i.code, i.label_en, i.label_zh FROM project_industry pi JOIN industry i ON i.code=pi.code"
                     " WHERE pi.project_id=?1 ORDER BY i.code");
  if( p ){
    db_bind_int64(p, 1, id);
    while( db_step(p)==DB_ROW ){
      json_array_append_new(arr, json_pack("{s:o, s:o, s:o}", "code", rows_text(p, 0), "label_en", rows_text(p, 1),
                                           "label_zh", rows_text(p, 2)));
    }
    db_reset(p);
  }
  json_object_set_new(j, "sectors", arr);
  arr = json_array();
  p = db_stmt(c->db, "SELECT title, date, precision, done FROM project_milestone WHERE project_id=?1 ORDER BY pos");
  if( p ){
    db_bind_int64(p, 1, id);
    while( db_step(p)==DB_ROW ){
      json_array_append_new(arr, json_pack("{s:o, s:o, s:o, s:b}", "title", rows_text(p, 0), "date", rows_text(p, 1),
                                           "precision", rows_text(p, 2), "done", db_col_int(p, 3)));
    }
    db_reset(p);
  }
  json_object_set_new(j, "milestones", arr);
  unit_attach(c, "project", j);
  int nEx = 0;
  p = db_stmt(c->db, "SELECT count(*) FROM exchange WHERE project_id=?1");
  if( p ){
    db_bind_int64(p, 1, id);
    if( db_step(p)==DB_ROW ) nEx = db_col_int(p, 0);
    db_reset(p);
  }
  json_object_set_new(j, "exchanges", json_integer(nEx));
  *ppOut = j;
  return YC_OK;
}

/* The JSON of the project in the current row of p (PJ_COLUMNS), as
** project_get() makes it, without its ties, organisations, sectors,
** milestones and exchange count (pj_list_refs adds them). */
static json_t *pj_row_json(DbStmt *p, int today){
  const char *zStage = db_text(p, 2);
  int bForce = (strcmp(zStage, "signed")==0 || strcmp(zStage, "implementing")==0)
            && (db_col_type(p, 15)==DB_NULL || db_col_int(p, 15)>=today)
            && (db_col_type(p, 14)==DB_NULL || db_col_int(p, 14)<=today);
  return json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:b}",
    "id", (json_int_t)db_col_int64(p, 0), "title", rows_text(p, 1), "stage", rows_text(p, 2),
    "value", db_col_type(p, 3)==DB_NULL ? json_null() : json_real(db_col_double(p, 3)),
    "currency", rows_text(p, 4), "start", rows_text(p, 5), "start_precision", rows_text(p, 6),
    "end", rows_text(p, 7), "end_precision", rows_text(p, 8), "description", rows_text(p, 9),
    "notes", rows_text(p, 10), "sources", rows_array(p, 11), "created_at", rows_text(p, 12),
    "updated_at", rows_text(p, 13), "in_force", bForce);
}

/* Copies of the entries of map (keyed by decimal id) for the ids in a. */
static json_t *pj_refs(json_t *aId, json_t *map){
  json_t *out = json_array(), *v, *r;
  size_t i;
  json_array_foreach(aId, i, v){
    char z[24];
    snprintf(z, sizeof z, "%lld", (long long)json_integer_value(v));
    if( (r = json_object_get(map, z)) ) json_array_append_new(out, json_deep_copy(r));
  }
  return out;
}

/* Add "ties", "organisations", "sectors", "milestones" and "exchanges" to
** every project of aItem as project_get() does for one, in a fixed number
** of statements whatever the number of projects. */
static YcStatus pj_list_refs(Ctx *c, json_t *aItem, Err *e){
  if( json_array_size(aItem)==0 ) return YC_OK;
  char *zIds = page_ids(aItem, "id");
  json_t *index = page_index(aItem, "id");
  /* Per project: its tie ids and organisation ids, sectors, milestones. */
  json_t *aTieOf = json_object(), *aOrgOf = json_object(), *ties = 0, *orgs = 0, *x;
  Buf bTie = BUF_INIT, bOrg = BUF_INIT;
  YcStatus st = YC_OK;
  int rc;
  size_t i;
  json_array_foreach(aItem, i, x){
    json_object_set_new(x, "ties", json_array());
    json_object_set_new(x, "organisations", json_array());
    json_object_set_new(x, "sectors", json_array());
    json_object_set_new(x, "milestones", json_array());
    json_object_set_new(x, "exchanges", json_integer(0));
  }
  DbStmt *p = zIds ? db_stmt(c->db,
    "SELECT 0, project_id, tie_id FROM project_tie WHERE project_id IN (SELECT CAST(value AS INTEGER) FROM json_each(?1))"
    " UNION ALL SELECT 1, project_id, org_id FROM project_org WHERE project_id IN (SELECT CAST(value AS INTEGER) FROM json_each(?1))"
    " ORDER BY 1, 2, 3") : 0;
  if( !p ){ st = db_error(c->db, DB_ERROR, e); goto end; }
  db_bind_text(p, 1, zIds, -1);
  buf_putc(&bTie, '[');
  buf_putc(&bOrg, '[');
  while( (rc = db_step(p))==DB_ROW ){
    int bOrgRow = db_col_int(p, 0);
    const char *zKey = db_text(p, 1);
    json_t *m = bOrgRow ? aOrgOf : aTieOf, *a = json_object_get(m, zKey);
    if( !a ){ a = json_array(); json_object_set_new(m, zKey, a); }
    if( json_array_size(a)>=(size_t)(bOrgRow ? PJ_MAX_ORGS : PJ_MAX_TIES) ) continue;
    json_array_append_new(a, json_integer(db_col_int64(p, 2)));
    Buf *b = bOrgRow ? &bOrg : &bTie;
    buf_printf(b, "%s%lld", b->n>1 ? "," : "", (long long)db_col_int64(p, 2));
  }
  db_reset(p);
  buf_putc(&bTie, ']');
  buf_putc(&bOrg, ']');
  if( rc!=DB_DONE ){ st = db_error(c->db, rc, e); goto end; }
  if( (st = partner_refs(c, buf_str(&bTie), &ties, e)) ) goto end;
  if( (st = org_refs(c, buf_str(&bOrg), &orgs, e)) ) goto end;
  json_array_foreach(aItem, i, x){
    char z[24];
    snprintf(z, sizeof z, "%lld", (long long)json_integer_value(json_object_get(x, "id")));
    json_object_set_new(x, "ties", pj_refs(json_object_get(aTieOf, z), ties));
    json_object_set_new(x, "organisations", pj_refs(json_object_get(aOrgOf, z), orgs));
  }
  p = db_stmt(c->db, "SELECT pi.project_id, i.code, i.label_en, i.label_zh FROM project_industry pi"
                     " JOIN industry i ON i.code=pi.code WHERE pi.project_id IN (SELECT CAST(value AS INTEGER) FROM json_each(?1))"
                     " ORDER BY pi.project_id, i.code");
  if( !p ){ st = db_error(c->db, DB_ERROR, e); goto end; }
  db_bind_text(p, 1, zIds, -1);
  while( (rc = db_step(p))==DB_ROW ){
    json_array_append_new(json_object_get(page_item(index, db_col_int64(p, 0)), "sectors"),
      json_pack("{s:o, s:o, s:o}", "code", rows_text(p, 1), "label_en", rows_text(p, 2), "label_zh", rows_text(p, 3)));
  }
  db_reset(p);
  if( rc!=DB_DONE ){ st = db_error(c->db, rc, e); goto end; }
  p = db_stmt(c->db, "SELECT project_id, title, date, precision, done FROM project_milestone"
                     " WHERE project_id IN (SELECT CAST(value AS INTEGER) FROM json_each(?1)) ORDER BY project_id, pos");
  if( !p ){ st = db_error(c->db, DB_ERROR, e); goto end; }
  db_bind_text(p, 1, zIds, -1);
  while( (rc = db_step(p))==DB_ROW ){
    json_array_append_new(json_object_get(page_item(index, db_col_int64(p, 0)), "milestones"),
      json_pack("{s:o, s:o, s:o, s:b}", "title", rows_text(p, 1), "date", rows_text(p, 2),
                "precision", rows_text(p, 3), "done", db_col_int(p, 4)));
  }
  db_reset(p);
  if( rc!=DB_DONE ){ st = db_error(c->db, rc, e); goto end; }
  p = db_stmt(c->db, "SELECT project_id, count(*) FROM exchange WHERE project_id IN (SELECT CAST(value AS INTEGER) FROM json_each(?1))"
                     " GROUP BY project_id");
  if( !p ){ st = db_error(c->db, DB_ERROR, e); goto end; }
  db_bind_text(p, 1, zIds, -1);
  while( (rc = db_step(p))==DB_ROW ){
    json_t *j = page_item(index, db_col_int64(p, 0));
    if( j ) json_object_set_new(j, "exchanges", json_integer(db_col_int(p, 1)));
  }
  db_reset(p);
  if( rc!=DB_DONE ) st = db_error(c->db, rc, e);
end:
  json_decref(aTieOf);
  json_decref(aOrgOf);
  json_decref(ties);
  json_decref(orgs);
  json_decref(index);
  buf_free(&bTie);
  buf_free(&bOrg);
  free(zIds);
  return st;
}

/* Pipeline order (the stages in azProjectStage's order), then most
** recently changed first. */
static const PageOrder aProjectOrder[] = {
  {"projects:stage", {{"CASE p.stage WHEN 'lead' THEN 0 WHEN 'contact' THEN 1 WHEN 'negotiation' THEN 2"
    " WHEN 'signed' THEN 3 WHEN 'implementing' THEN 4 WHEN 'completed' THEN 5 WHEN 'stalled' THEN 6 ELSE 7 END", PAGE_INT, 0},
    {"p.updated_at", PAGE_TEXT, 1}, {"p.id", PAGE_INT, 1}}},
};

YcStatus project_list(Ctx *c, const ProjectQuery *q, json_t **ppOut, Err *e){
  *ppOut = 0;
  int64_t tie = 0;
  Page pg;
  YcStatus st = page_begin(&pg, &aProjectOrder[0], 0, q->zLimit, 100, 500, q->zCursor, e);
  if( st ) return st;
  int iStage = -1;
  if( q->zStage && (iStage = in_enum_index(azProjectStage, q->zStage))<0 ){
    page_free(&pg);
    return err_set(e, YC_EINVALID, "invalid_value", "stage",
                   "stage must be lead, contact, negotiation, signed, implementing, completed, stalled or dropped");
  }
  if( q->zTie && !in_parse_id(q->zTie, &tie) ){
    page_free(&pg);
    return err_set(e, YC_EINVALID, "invalid_value", "tie", "tie must be a partner tie id");
  }
  int64_t unit = 0;
  if( q->zUnit && !in_parse_id(q->zUnit, &unit) ){
    page_free(&pg);
    return err_set(e, YC_EINVALID, "invalid_value", "unit", "unit must be a unit id");
  }
  if( q->zSector && !industry_exists(c, q->zSector) ){
    page_free(&pg);
    return err_set(e, YC_EINVALID, "unknown_industry", "sector", "sector must be an ISIC Rev.4 section or division code");
  }
  static const char zWhere[] =
    " FROM project p WHERE (?1 IS NULL OR p.stage=?1)"
    " AND (?2=0 OR p.id IN (SELECT project_id FROM project_tie WHERE tie_id=?2))"
    " AND (?3 IS NULL OR p.id IN (SELECT project_id FROM project_industry WHERE code=?3))"
    " AND (?4=0 OR p.unit_id=?4)";
  Buf sql = BUF_INIT;
  buf_printf(&sql, "SELECT count(*)%s", zWhere);
  DbStmt *p = db_stmt(c->db, buf_str(&sql));
  int64_t nTotal = 0;
  if( p ){
    db_bind_text(p, 1, iStage>=0 ? azProjectStage[iStage] : 0, -1);
    db_bind_int64(p, 2, tie);
    db_bind_text(p, 3, q->zSector, -1);
    db_bind_int64(p, 4, unit);
    if( db_step(p)==DB_ROW ) nTotal = db_col_int64(p, 0);
    db_reset(p);
  }
  /* The page: PJ_COLUMNS (16), then the sort keys. */
  buf_reset(&sql);
  buf_puts(&sql, "SELECT " PJ_COLUMNS);
  page_sql_keys(&pg, &sql);
  buf_puts(&sql, zWhere);
  page_sql_tail(&pg, &sql, 5);
  p = db_stmt(c->db, buf_str(&sql));
  buf_free(&sql);
  if( !p ){ page_free(&pg); return db_error(c->db, DB_ERROR, e); }
  db_bind_text(p, 1, iStage>=0 ? azProjectStage[iStage] : 0, -1);
  db_bind_int64(p, 2, tie);
  db_bind_text(p, 3, q->zSector, -1);
  db_bind_int64(p, 4, unit);
  page_bind(&pg, p, 5);
  int today = date_today(), rc;
  json_t *items = json_array();
  while( (rc = db_step(p))==DB_ROW ){
    if( page_row(&pg, p, 16) ) json_array_append_new(items, pj_row_json(p, today));
  }
  db_reset(p);
  st = rc==DB_DONE ? pj_list_refs(c, items, e) : db_error(c->db, rc, e);
  if( !st ){
    unit_attach_items(c, "project", items);
    *ppOut = page_answer(&pg, items, nTotal, 0);
  }
  json_decref(items);
  page_free(&pg);
  return st;
}

int64_t project_find_by_title(Ctx *c, const char *zTitle){
  DbStmt *p = db_stmt(c->db, "SELECT id FROM project WHERE title=?1");
  if( !p ) return 0;
  db_bind_text(p, 1, zTitle, -1);
  int64_t id = db_step(p)==DB_ROW ? db_col_int64(p, 0) : 0;
  db_reset(p);
  return id;
}

YcStatus project_create_tx(Ctx *c, json_t *in, int64_t *pId, Err *e){
  PjIn x;
  *pId = 0;
  memset(&x, 0, sizeof x);
  json_t *rest = 0;
  int64_t unitId = 0;
  int bUnit = 0;
  YcStatus st = unit_take(c, in, &rest, &unitId, &bUnit, e);
  if( !st ) st = pj_from_json(c, rest, &x, e);
  if( !st ) st = pj_write(c, &x, pId, e);
  if( !st ) st = unit_set(c, "project", *pId, unitId, bUnit, 1, e);
  if( !st ){
    json_t *j = 0;
    st = project_get(c, *pId, &j, e);
    if( !st ) st = audit_log(c, "create", "project", *pId, 0, j, e);
    json_decref(j);
  }
  free(x.zSources);
  json_decref(rest);
  return st;
}

YcStatus project_create(Ctx *c, json_t *in, json_t **ppOut, Err *e){
  *ppOut = 0;
  int64_t id = 0, aTie[PJ_MAX_TIES];
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  YcStatus st = project_create_tx(c, in, &id, e);
  if( !st ) st = health_refresh_ties(c, aTie, pj_ids(c, "SELECT tie_id FROM project_tie WHERE project_id=?1", id, aTie, PJ_MAX_TIES), e);
  if( !st ) st = db_commit(c->db, e);
  if( st ){ db_rollback(c->db); return st; }
  return project_get(c, id, ppOut, e);
}

/* The input form of a stored project, for merging a partial update. */
static json_t *pj_as_input(json_t *j){
  json_t *in = json_object();
  static const char *const azCopy[] = {"title", "stage", "value", "currency", "start", "end", "description", "notes", "sources", 0};
  for(int i=0; azCopy[i]; i++){
    json_t *v = json_object_get(j, azCopy[i]);
    if( v && !json_is_null(v) ) json_object_set(in, azCopy[i], v);
  }
  json_t *a = json_array(), *x;
  size_t i;
  json_array_foreach(json_object_get(j, "ties"), i, x) json_array_append(a, json_object_get(x, "id"));
  json_object_set_new(in, "ties", a);
  a = json_array();
  json_array_foreach(json_object_get(j, "organisations"), i, x) json_array_append(a, json_object_get(x, "id"));
  json_object_set_new(in, "organisations", a);
  a = json_array();
  json_array_foreach(json_object_get(j, "sectors"), i, x) json_array_append(a, json_object_get(x, "code"));
  json_object_set_new(in, "sectors", a);
  a = json_array();
  json_array_foreach(json_object_get(j, "milestones"), i, x){
    json_t *m = json_pack("{s:O, s:O}", "title", json_object_get(x, "title"), "done", json_object_get(x, "done"));
    if( !json_is_null(json_object_get(x, "date")) ) json_object_set(m, "date", json_object_get(x, "date"));
    json_array_append_new(a, m);
  }
  json_object_set_new(in, "milestones", a);
  return in;
}

YcStatus project_update(Ctx *c, int64_t id, json_t *in, json_t **ppOut, Err *e){
  *ppOut = 0;
  json_t *jBefore = 0, *jAfter = 0, *merged = 0;
  PjIn x;
  memset(&x, 0, sizeof x);
  int64_t aTie[2*PJ_MAX_TIES];
  int nTie = 0;
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  YcStatus st = project_get(c, id, &jBefore, e);
  json_t *rest = 0;
  int64_t unitId = 0;
  int bUnit = 0;
  if( !st ) st = unit_take(c, in, &rest, &unitId, &bUnit, e);
  if( !st ) st = in_known_fields(rest, azPjField, e);
  if( !st ){
    merged = pj_as_input(jBefore);
    static const char *const azKeep[] = {"title", "stage", 0};
    in_patch(merged, rest, azKeep);
    if( json_is_null(json_object_get(in, "stage")) ) st = err_set(e, YC_EINVALID, "required", "stage", "stage cannot be null");
    nTie = pj_ids(c, "SELECT tie_id FROM project_tie WHERE project_id=?1", id, aTie, PJ_MAX_TIES);
  }
  if( !st ) st = pj_from_json(c, merged, &x, e);
  if( !st ) st = pj_write(c, &x, &id, e);
  if( !st ) st = unit_set(c, "project", id, unitId, bUnit, 0, e);
  if( !st ){
    for(int i=0; i<x.nTie; i++) aTie[nTie++] = x.aTie[i];
    st = health_refresh_ties(c, aTie, nTie, e);
  }
  if( !st ) st = project_get(c, id, &jAfter, e);
  if( !st ) st = audit_log(c, "update", "project", id, jBefore, jAfter, e);
  if( !st ) st = db_commit(c->db, e);
  free(x.zSources);
  json_decref(rest);
  json_decref(merged);
  json_decref(jBefore);
  if( st ){ db_rollback(c->db); json_decref(jAfter); return st; }
  *ppOut = jAfter;
  return YC_OK;
}

YcStatus project_delete(Ctx *c, int64_t id, Err *e){
  json_t *jBefore = 0;
  int64_t aTie[PJ_MAX_TIES];
  int nTie = 0;
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  YcStatus st = project_get(c, id, &jBefore, e);
  if( !st ){
    nTie = pj_ids(c, "SELECT tie_id FROM project_tie WHERE project_id=?1", id, aTie, PJ_MAX_TIES);
    int64_t a[1] = {id};
    st = stmt_run(c->db, "DELETE FROM project WHERE id=?1", a, 1, e);
  }
  if( !st ) st = health_refresh_ties(c, aTie, nTie, e);
  if( !st ) st = audit_log(c, "delete", "project", id, jBefore, 0, e);
  if( !st ) st = db_commit(c->db, e);
  if( st ) db_rollback(c->db);
  json_decref(jBefore);
  return st;
}
