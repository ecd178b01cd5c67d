/* news.c: news items and documents, their links and attachments; see news.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sodium.h>
#include "core/search.h"
#include "core/news.h"
#include "core/mention.h"
#include "base/date.h"
#include "base/buf.h"
#include "base/json.h"
#include "store/rows.h"
#include "store/stmt.h"
#include "text/norm.h"
#include "core/input.h"
#include "core/audit.h"
#include "core/unit.h"
#include "core/page.h"

const char *const azNewsKind[] = {"news", "press_release", "speech", "agreement", "report", "photo_story", 0};
const char *const azNewsLang[] = {"zh", "en", "both", 0};
const char *const azNewsStatus[] = {"draft", "published", 0};
const char *const azNewsLinkType[] = {"tie", "org", "event", "person", 0};
const char *const azNewsLinkState[] = {"suggested", "confirmed", "rejected", 0};
const char *const azNewsParam[] = {"q", "kind", "lang", "status", "tie", "org", "event", "year", "unit",
  "sort", "limit", "cursor", 0};
const char *const azNewsSort[] = {"-date", "date", 0};

const char *const azNewsField[] = {"kind", "lang", "title_zh", "title_en", "body_zh", "body_en", "date",
  "source", "status", 0};

#define NEWS_MAX_BODY 100000
#define NEWS_MAX_LINKS 200

/* ---------------------------------------------------------------------------
** Input
*/
typedef struct NewsIn {
  const char *zKind, *zLang, *zTitleZh, *zTitleEn, *zBodyZh, *zBodyEn, *zDate, *zPrec, *zSource, *zStatus;
  int day0;
} NewsIn;

static YcStatus news_from_json(json_t *in, NewsIn *x, Err *e){
  YcStatus st;
  int bSet;
  memset(x, 0, sizeof *x);
  if( !json_is_object(in) ) return err_set(e, YC_EINVALID, "invalid_body", 0, "the body must be a JSON object");
  if( (st = in_known_fields(in, azNewsField, e)) ) return st;
  if( (st = in_enum(in, "kind", 1, azNewsKind, &x->zKind, &bSet, e)) ) return st;
  if( (st = in_str(in, "title_zh", 0, 300, 0, &x->zTitleZh, &bSet, e)) ) return st;
  if( (st = in_str(in, "title_en", 0, 300, 0, &x->zTitleEn, &bSet, e)) ) return st;
  if( (st = in_str(in, "body_zh", 0, NEWS_MAX_BODY, 1, &x->zBodyZh, &bSet, e)) ) return st;
  if( (st = in_str(in, "body_en", 0, NEWS_MAX_BODY, 1, &x->zBodyEn, &bSet, e)) ) return st;
  if( (st = in_enum(in, "lang", 0, azNewsLang, &x->zLang, &bSet, e)) ) return st;
  if( !x->zLang ) x->zLang = x->zTitleZh && x->zTitleEn ? "both" : x->zTitleZh ? "zh" : "en";
  int bZh = strcmp(x->zLang, "en")!=0, bEn = strcmp(x->zLang, "zh")!=0;
  if( bZh && !x->zTitleZh ) return err_set(e, YC_EINVALID, "required", "title_zh", "title_zh is required (lang %s)", x->zLang);
  if( bEn && !x->zTitleEn ) return err_set(e, YC_EINVALID, "required", "title_en", "title_en is required (lang %s)", x->zLang);
  if( (st = in_str(in, "date", 1, 10, 0, &x->zDate, &bSet, e)) ) return st;
  if( (st = in_date_parse("date", x->zDate, &x->zPrec, e)) ) return st;
  int dm, de;
  date_period(x->zDate, &x->day0, &dm, &de);
  if( x->day0>date_today() ) return err_set(e, YC_EINVALID, "future", "date", "date %s is in the future", x->zDate);
  if( (st = in_str(in, "source", 0, 2000, 0, &x->zSource, &bSet, e)) ) return st;
  if( (st = in_enum(in, "status", 0, azNewsStatus, &x->zStatus, &bSet, e)) ) return st;
  if( !x->zStatus ) x->zStatus = "draft";
  return YC_OK;
}

/* ---------------------------------------------------------------------------
** Search entry
*/
YcStatus news_reindex(Ctx *c, int64_t id, Err *e){
  int64_t a[1] = {id};
  YcStatus st = stmt_run(c->db, "DELETE FROM news_fts WHERE rowid=?1", a, 1, e);
  if( st ) return st;
  DbStmt *p = db_stmt(c->db, "SELECT coalesce(title_en,''), coalesce(title_zh,''),"
    " coalesce(body_en,'') || ' ' || coalesce(body_zh,'') || ' ' || coalesce(source,'') FROM news WHERE id=?1");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, id);
  if( db_step(p)!=DB_ROW ){ db_reset(p); return YC_OK; }
  char *zNames = strdup(db_text(p, 0)), *zZh = strdup(db_text(p, 1)), *zText = strdup(db_text(p, 2));
  db_reset(p);
  char *zPy = zZh ? text_pinyin(zZh) : 0;
  st = zZh ? search_entry_put(c, "news_fts", id, zNames, zZh, zPy, zText, e)
           : err_set(e, YC_EINTERNAL, "memory", 0, "out of memory");
  free(zNames); free(zZh); free(zText); free(zPy);
  return st;
}

/* ---------------------------------------------------------------------------
** Read
*/
#define NEWS_COLUMNS "n.id, n.kind, n.lang, n.title_zh, n.title_en, n.date, n.date_precision, n.source, n.status," \
  " n.published_at, n.created_at, n.updated_at, n.day0"
#define NEWS_NCOLUMNS 13

static json_t *news_row_json(DbStmt *p){
  static const char *const az[] = {"id", "kind", "lang", "title_zh", "title_en", "date", "date_precision", "source",
    "status", "published_at", "created_at", "updated_at", 0};
  json_t *j = json_object();
  for(int i=0; az[i]; i++) json_object_set_new(j, az[i], rows_value(p, i));
  return j;
}

/* The links of item id as the item shows them; bAll: every state and
** people (signed-in callers), else confirmed links to ties, organisations
** and public events. Links to records that are gone are left out. */
static json_t *news_links_json(Ctx *c, int64_t id, int bAll){
  static const char *const az[] = {"id", "type", "target_id", "state", "surface", "name_zh", "name_en", 0};
  DbStmt *p = db_stmt(c->db,
    "SELECT l.id, l.type, l.target_id, l.state, l.surface,"
    " CASE l.type WHEN 'tie' THEN ci.name_zh WHEN 'org' THEN o.name_zh WHEN 'event' THEN ev.title_zh ELSE pe.name_zh END,"
    " CASE l.type WHEN 'tie' THEN ci.name WHEN 'org' THEN o.name_en WHEN 'event' THEN ev.title_en"
    "  ELSE coalesce(pe.name_en, pe.name_native) END"
    " FROM news_link l LEFT JOIN tie t ON l.type='tie' AND t.id=l.target_id LEFT JOIN city ci ON ci.id=t.partner_city_id"
    " LEFT JOIN org o ON l.type='org' AND o.id=l.target_id LEFT JOIN event ev ON l.type='event' AND ev.id=l.target_id"
    " LEFT JOIN person pe ON l.type='person' AND pe.id=l.target_id AND pe.erased_at IS NULL"
    " WHERE l.news_id=?1 AND (t.id IS NOT NULL OR o.id IS NOT NULL OR ev.id IS NOT NULL OR pe.id IS NOT NULL)"
    " AND (?2 OR (l.state='confirmed' AND l.type<>'person' AND (l.type<>'event' OR ev.public=1)))"
    " ORDER BY CASE l.state WHEN 'confirmed' THEN 0 WHEN 'suggested' THEN 1 ELSE 2 END,"
    " CASE l.type WHEN 'tie' THEN 0 WHEN 'org' THEN 1 WHEN 'event' THEN 2 ELSE 3 END, l.id");
  if( !p ) return json_array();
  db_bind_int64(p, 1, id);
  db_bind_int(p, 2, bAll);
  Err e;
  json_t *a = rows_all(c->db, p, az, &e);
  return a ? a : json_array();
}

static json_t *news_attachments_json(Ctx *c, int64_t id){
  static const char *const az[] = {"id", "filename", "mime", "size", "sha256", "created_at", 0};
  DbStmt *p = db_stmt(c->db, "SELECT id, filename, mime, size, sha256, created_at FROM news_attachment"
                             " WHERE news_id=?1 ORDER BY id");
  if( !p ) return json_array();
  db_bind_int64(p, 1, id);
  Err e;
  json_t *a = rows_all(c->db, p, az, &e);
  return a ? a : json_array();
}

/* Item id; bAll: drafts, every link (signed-in callers, the audit trail). */
static YcStatus news_get_as(Ctx *c, int64_t id, int bAll, json_t **ppOut, Err *e){
  *ppOut = 0;
  DbStmt *p = db_stmt(c->db, "SELECT " NEWS_COLUMNS ", n.body_zh, n.body_en FROM news n"
                             " WHERE n.id=?1 AND (n.status='published' OR ?2)");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, id);
  db_bind_int(p, 2, bAll);
  int rc = db_step(p);
  json_t *j = 0;
  if( rc==DB_ROW ){
    j = news_row_json(p);
    json_object_set_new(j, "body_zh", rows_text(p, NEWS_NCOLUMNS));
    json_object_set_new(j, "body_en", rows_text(p, NEWS_NCOLUMNS + 1));
  }
  db_reset(p);
  if( rc==DB_DONE ) return err_set(e, YC_ENOTFOUND, "not_found", "id", "no news item with id %lld", (long long)id);
  if( rc!=DB_ROW ) return db_error(c->db, rc, e);
  unit_attach(c, "news", j);
  json_object_set_new(j, "links", news_links_json(c, id, bAll));
  json_object_set_new(j, "attachments", news_attachments_json(c, id));
  *ppOut = j;
  return YC_OK;
}

YcStatus news_get(Ctx *c, int64_t id, json_t **ppOut, Err *e){
  return news_get_as(c, id, ctx_signed_in(c), ppOut, e);
}

/* ---------------------------------------------------------------------------
** Mentions into suggested links
*/
/* Run the finder on the item's titles and bodies; insert what it finds as
** suggested links (records already linked keep their state) and drop the
** suggestions it no longer finds. Inside the caller's transaction. */
static YcStatus news_suggest(Ctx *c, int64_t id, Err *e){
  DbStmt *p = db_stmt(c->db, "SELECT coalesce(title_zh,'') || char(10) || coalesce(title_en,'') || char(10) ||"
                             " coalesce(body_zh,'') || char(10) || coalesce(body_en,'') FROM news WHERE id=?1");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, id);
  char *zText = db_step(p)==DB_ROW ? strdup(db_text(p, 0)) : 0;
  db_reset(p);
  if( !zText ) return YC_OK;
  json_t *m = 0;
  YcStatus st = mention_find(c, zText, &m, e);
  free(zText);
  if( st ) return st;
  /* The records found, as "type:id" keys, first match kept. */
  json_t *found = json_object(), *x;
  size_t i;
  json_array_foreach(json_object_get(m, "mentions"), i, x){
    if( !json_is_integer(json_object_get(x, "id")) ) continue;
    char zKey[40];
    snprintf(zKey, sizeof zKey, "%s:%lld", jstr0(x, "type"), jint(x, "id"));
    if( !json_object_get(found, zKey) ) json_object_set(found, zKey, x);
  }
  /* Suggestions no longer found go. */
  p = db_stmt(c->db, "SELECT id, type, target_id FROM news_link WHERE news_id=?1 AND state='suggested'");
  json_t *gone = json_array();
  if( p ){
    db_bind_int64(p, 1, id);
    while( db_step(p)==DB_ROW ){
      char zKey[40];
      snprintf(zKey, sizeof zKey, "%s:%lld", db_text(p, 1), (long long)db_col_int64(p, 2));
      if( !json_object_get(found, zKey) ) json_array_append_new(gone, json_integer(db_col_int64(p, 0)));
    }
    db_reset(p);
  }
  json_array_foreach(gone, i, x){
    int64_t a[1] = {json_integer_value(x)};
    if( !st ) st = stmt_run(c->db, "DELETE FROM news_link WHERE id=?1", a, 1, e);
  }
  json_decref(gone);
  const char *zKey;
  json_object_foreach(found, zKey, x){
    if( st ) break;
    p = db_stmt(c->db, "INSERT INTO news_link(news_id,type,target_id,state,surface) VALUES(?1,?2,?3,'suggested',?4)"
                       " ON CONFLICT(news_id,type,target_id) DO NOTHING");
    if( !p ){ st = db_error(c->db, DB_ERROR, e); break; }
    db_bind_int64(p, 1, id);
    db_bind_text(p, 2, jstr0(x, "type"), -1);
    db_bind_int64(p, 3, jint(x, "id"));
    db_bind_text(p, 4, jstr0(x, "match"), -1);
    int rc = db_step(p);
    db_reset(p);
    if( rc!=DB_DONE ) st = db_error(c->db, rc, e);
  }
  json_decref(found);
  json_decref(m);
  return st;
}

/* ---------------------------------------------------------------------------
** Write
*/
static YcStatus news_write(Ctx *c, const NewsIn *x, const char *zOldStatus, int64_t *pId, Err *e){
  char zNow[24];
  date_now(zNow);
  int64_t id = *pId;
  DbStmt *p = db_stmt(c->db, id==0 ?
    "INSERT INTO news(kind,lang,title_zh,title_en,body_zh,body_en,date,date_precision,day0,source,status,"
    "published_at,created_at,updated_at) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?13)" :
    "UPDATE news SET kind=?1, lang=?2, title_zh=?3, title_en=?4, body_zh=?5, body_en=?6, date=?7, date_precision=?8,"
    " day0=?9, source=?10, status=?11, published_at=coalesce(published_at, ?12), updated_at=?13 WHERE id=?14");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  int bZh = strcmp(x->zLang, "en")!=0, bEn = strcmp(x->zLang, "zh")!=0;
  db_bind_text(p, 1, x->zKind, -1);
  db_bind_text(p, 2, x->zLang, -1);
  db_bind_text(p, 3, bZh ? x->zTitleZh : 0, -1);
  db_bind_text(p, 4, bEn ? x->zTitleEn : 0, -1);
  db_bind_text(p, 5, bZh ? x->zBodyZh : 0, -1);
  db_bind_text(p, 6, bEn ? x->zBodyEn : 0, -1);
  db_bind_text(p, 7, x->zDate, -1);
  db_bind_text(p, 8, x->zPrec, -1);
  db_bind_int(p, 9, x->day0);
  db_bind_text(p, 10, x->zSource, -1);
  db_bind_text(p, 11, x->zStatus, -1);
  int bPublish = strcmp(x->zStatus, "published")==0 && (!zOldStatus || strcmp(zOldStatus, "published")!=0);
  db_bind_text(p, 12, bPublish ? zNow : 0, -1);
  db_bind_text(p, 13, zNow, -1);
  if( id ) db_bind_int64(p, 14, id);
  int rc = db_step(p);
  db_reset(p);
  if( rc!=DB_DONE ) return db_error(c->db, rc, e);
  if( id==0 ) id = *pId = db_last_id(c->db);
  YcStatus st = news_reindex(c, id, e);
  if( !st ) st = news_suggest(c, id, e);
  return st;
}

/* Create inside the caller's transaction (the demo loader). */
YcStatus news_create_tx(Ctx *c, json_t *in, int64_t *pId, Err *e){
  json_t *rest = 0, *jAfter = 0;
  int64_t unitId = 0;
  int bUnit = 0;
  NewsIn x;
  *pId = 0;
  YcStatus st = unit_take(c, in, &rest, &unitId, &bUnit, e);
  if( !st ) st = news_from_json(rest, &x, e);
  if( !st ) st = news_write(c, &x, 0, pId, e);
  if( !st ) st = unit_set(c, "news", *pId, unitId, bUnit, 1, e);
  if( !st ) st = news_get_as(c, *pId, 1, &jAfter, e);
  if( !st ) st = audit_log(c, "create", "news", *pId, 0, jAfter, e);
  json_decref(rest);
  json_decref(jAfter);
  return st;
}

YcStatus news_create(Ctx *c, json_t *in, json_t **ppOut, Err *e){
  *ppOut = 0;
  int64_t id;
  YcStatus st = ctx_create(c, in, news_create_tx, &id, e);
  return st ? st : news_get_as(c, id, 1, ppOut, e);
}

/* The input form of a stored item, for merging a partial update. */
static json_t *news_as_input(json_t *j){
  json_t *in = json_object();
  for(int i=0; azNewsField[i]; i++){
    json_t *v = json_object_get(j, azNewsField[i]);
    if( v && !json_is_null(v) ) json_object_set(in, azNewsField[i], v);
  }
  return in;
}

/* The item for a write: any for signed-in callers (core checks roles in
** audit_log), published ones otherwise. */
static YcStatus news_before(Ctx *c, int64_t id, json_t **ppOut, Err *e){
  YcStatus st = news_get_as(c, id, 1, ppOut, e);
  if( !st && !ctx_signed_in(c) && strcmp(jstr0(*ppOut, "status"), "published")!=0 ){
    json_decref(*ppOut);
    *ppOut = 0;
    st = err_set(e, YC_ENOTFOUND, "not_found", "id", "no news item with id %lld", (long long)id);
  }
  return st;
}

YcStatus news_update(Ctx *c, int64_t id, json_t *in, json_t **ppOut, Err *e){
  *ppOut = 0;
  json_t *jBefore = 0, *jAfter = 0, *merged = 0, *rest = 0;
  NewsIn x;
  int64_t unitId = 0;
  int bUnit = 0;
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  YcStatus st = news_before(c, id, &jBefore, e);
  if( !st && !json_is_object(in) ) st = err_set(e, YC_EINVALID, "invalid_body", 0, "the body must be a JSON object");
  if( !st ) st = unit_take(c, in, &rest, &unitId, &bUnit, e);
  if( !st ) st = in_known_fields(rest, azNewsField, e);
  if( !st ){
    merged = news_as_input(jBefore);
    static const char *const azKeep[] = {"kind", "date", "lang", "status", 0};
    in_patch(merged, rest, azKeep);
    /* A lang given without the titles it no longer needs: drop them. */
    st = news_from_json(merged, &x, e);
  }
  if( !st ) st = news_write(c, &x, jstr0(jBefore, "status"), &id, e);
  if( !st ) st = unit_set(c, "news", id, unitId, bUnit, 0, e);
  if( !st ) st = news_get_as(c, id, 1, &jAfter, e);
  if( !st ) st = audit_log(c, "update", "news", id, jBefore, jAfter, e);
  if( !st ) st = db_commit(c->db, e);
  json_decref(rest);
  json_decref(merged);
  json_decref(jBefore);
  if( st ){ db_rollback(c->db); json_decref(jAfter); return st; }
  *ppOut = jAfter;
  return YC_OK;
}

YcStatus news_delete(Ctx *c, int64_t id, Err *e){
  json_t *jBefore = 0;
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  YcStatus st = news_before(c, id, &jBefore, e);
  int64_t a[1] = {id};
  if( !st ) st = stmt_run(c->db, "DELETE FROM news WHERE id=?1", a, 1, e);
  if( !st ) st = audit_log(c, "delete", "news", id, jBefore, 0, e);
  if( !st ) st = db_commit(c->db, e);
  if( st ) db_rollback(c->db);
  json_decref(jBefore);
  return st;
}

/* 1 if record type/id exists (people: not erased). */
static int link_target_exists(Ctx *c, const char *zType, int64_t id){
  const char *zSql = strcmp(zType, "tie")==0 ? "SELECT count(*) FROM tie WHERE id=?1"
    : strcmp(zType, "org")==0 ? "SELECT count(*) FROM org WHERE id=?1"
    : strcmp(zType, "event")==0 ? "SELECT count(*) FROM event WHERE id=?1"
    : "SELECT count(*) FROM person WHERE id=?1 AND erased_at IS NULL";
  DbStmt *p = db_stmt(c->db, zSql);
  if( !p ) return 0;
  db_bind_int64(p, 1, id);
  int n = db_step(p)==DB_ROW ? db_col_int(p, 0) : 0;
  db_reset(p);
  return n>0;
}

YcStatus news_links_set_tx(Ctx *c, int64_t id, json_t *in, Err *e){
  static const char *const azTop[] = {"links", 0};
  static const char *const azItem[] = {"type", "id", "state", "surface", 0};
  json_t *jBefore = 0, *jAfter = 0;
  YcStatus st = news_before(c, id, &jBefore, e);
  if( !st && !json_is_object(in) ) st = err_set(e, YC_EINVALID, "invalid_body", 0, "the body must be a JSON object");
  if( !st ) st = in_known_fields(in, azTop, e);
  json_t *a = json_object_get(in, "links"), *x;
  if( !st && !json_is_array(a) ) st = err_set(e, YC_EINVALID, "required", "links", "links must be an array of {type, id, state}");
  if( !st && json_array_size(a)>NEWS_MAX_LINKS ) st = err_set(e, YC_EINVALID, "too_many", "links", "at most %d links", NEWS_MAX_LINKS);
  size_t i;
  json_array_foreach(a, i, x){
    if( st ) break;
    char zF[40];
    const char *zType, *zState, *zSurface;
    int64_t tid;
    int bSet;
    if( !json_is_object(x) ){ st = err_set(e, YC_EINVALID, "wrong_type", "links", "links[%zu] must be an object", i); break; }
    if( (st = in_known_fields(x, azItem, e)) ) break;
    if( (st = in_enum(x, "type", 1, azNewsLinkType, &zType, &bSet, e)) ) break;
    if( (st = in_enum(x, "state", 1, azNewsLinkState, &zState, &bSet, e)) ) break;
    if( (st = in_int(x, "id", 1, 1, INT64_MAX, &tid, &bSet, e)) ) break;
    if( (st = in_str(x, "surface", 0, 300, 0, &zSurface, &bSet, e)) ) break;
    snprintf(zF, sizeof zF, "links[%zu].id", i);
    if( !link_target_exists(c, zType, tid) ){
      st = err_set(e, YC_EINVALID, "unknown_reference", zF, "no %s with id %lld", zType, (long long)tid);
      break;
    }
    DbStmt *p = db_stmt(c->db, "INSERT INTO news_link(news_id,type,target_id,state,surface) VALUES(?1,?2,?3,?4,?5)"
                               " ON CONFLICT(news_id,type,target_id) DO UPDATE SET state=excluded.state,"
                               " surface=coalesce(excluded.surface, surface)");
    if( !p ){ st = db_error(c->db, DB_ERROR, e); break; }
    db_bind_int64(p, 1, id);
    db_bind_text(p, 2, zType, -1);
    db_bind_int64(p, 3, tid);
    db_bind_text(p, 4, zState, -1);
    db_bind_text(p, 5, zSurface, -1);
    int rc = db_step(p);
    db_reset(p);
    if( rc!=DB_DONE ) st = db_error(c->db, rc, e);
  }
  if( !st ){
    char zNow[24];
    date_now(zNow);
    st = stmt_run_text(c->db, "UPDATE news SET updated_at=?2 WHERE id=?1", id, zNow, e);
  }
  if( !st ) st = news_get_as(c, id, 1, &jAfter, e);
  if( !st ) st = audit_log(c, "update", "news", id, jBefore, jAfter, e);
  json_decref(jBefore);
  json_decref(jAfter);
  return st;
}

YcStatus news_links_set(Ctx *c, int64_t id, json_t *in, json_t **ppOut, Err *e){
  *ppOut = 0;
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  YcStatus st = news_links_set_tx(c, id, in, e);
  if( !st ) st = db_commit(c->db, e);
  if( st ){ db_rollback(c->db); return st; }
  return news_get_as(c, id, 1, ppOut, e);
}

/* ---------------------------------------------------------------------------
** Attachments
*/
/* The extension of zName (after the last dot), lower-cased into z. */
static void file_ext(const char *zName, char *z, size_t n){
  const char *zDot = strrchr(zName, '.');
  z[0] = 0;
  if( !zDot ) return;
  size_t i = 0;
  for(zDot++; *zDot && i+1<n; zDot++) z[i++] = (*zDot>='A' && *zDot<='Z') ? *zDot + 32 : *zDot;
  z[i] = 0;
}

static int has_prefix(const unsigned char *a, size_t n, const char *zMagic, size_t nMagic){
  return n>=nMagic && memcmp(a, zMagic, nMagic)==0;
}

/* Does the text contain zNeedle, ASCII case ignored? */
static int contains_ci(const char *z, size_t n, const char *zNeedle){
  size_t m = strlen(zNeedle);
  for(size_t i=0; i+m<=n; i++) if( strncasecmp(z + i, zNeedle, m)==0 ) return 1;
  return 0;
}

const char *news_sniff(const char *zFilename, const void *pData, size_t nData, Err *e){
  const unsigned char *a = pData;
  char zExt[16];
  file_ext(zFilename, zExt, sizeof zExt);
  const char *zKind = 0, *zMime = 0;    /* what the content is */
  if( has_prefix(a, nData, "%PDF-", 5) ){ zKind = "pdf"; zMime = "application/pdf"; }
  else if( has_prefix(a, nData, "\x89PNG\r\n\x1a\n", 8) ){ zKind = "png"; zMime = "image/png"; }
  else if( has_prefix(a, nData, "\xff\xd8\xff", 3) ){ zKind = "jpeg"; zMime = "image/jpeg"; }
  else if( has_prefix(a, nData, "GIF87a", 6) || has_prefix(a, nData, "GIF89a", 6) ){ zKind = "gif"; zMime = "image/gif"; }
  else if( nData>=12 && memcmp(a, "RIFF", 4)==0 && memcmp(a + 8, "WEBP", 4)==0 ){ zKind = "webp"; zMime = "image/webp"; }
  else if( has_prefix(a, nData, "PK\x03\x04", 4) ){
    /* Office Open XML: a zip with [Content_Types].xml and word/ or xl/. */
    int bOoxml = memmem(a, nData, "[Content_Types].xml", 19)!=0;
    if( bOoxml && memmem(a, nData, "word/", 5) ){ zKind = "docx"; zMime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"; }
    else if( bOoxml && memmem(a, nData, "xl/", 3) ){ zKind = "xlsx"; zMime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"; }
    else { err_set(e, YC_EINVALID, "unsupported_type", "file", "%s is a zip archive that is not a DOCX or XLSX document", zFilename); return 0; }
  }else if( has_prefix(a, nData, "MZ", 2) || has_prefix(a, nData, "\x7f" "ELF", 4) ){
    err_set(e, YC_EINVALID, "unsupported_type", "file", "%s is an executable program: not accepted", zFilename);
    return 0;
  }else{
    const char *z = pData;
    size_t i = 0;
    while( i<nData && (z[i]==' ' || z[i]=='\t' || z[i]=='\r' || z[i]=='\n') ) i++;
    if( contains_ci(z, nData<4096 ? nData : 4096, "<svg")
        || strcasecmp(zExt, "svg")==0 || strcasecmp(zExt, "svgz")==0 ){
      err_set(e, YC_EINVALID, "unsupported_type", "file", "%s is an SVG image: not accepted (SVG can carry scripts)", zFilename);
      return 0;
    }
    if( i<nData && z[i]=='<' && (contains_ci(z, nData<4096 ? nData : 4096, "<html") || contains_ci(z, nData<4096 ? nData : 4096, "<script")
                                 || contains_ci(z, nData<4096 ? nData : 4096, "<!doctype")) ){
      err_set(e, YC_EINVALID, "unsupported_type", "file", "%s is HTML: not accepted", zFilename);
      return 0;
    }
    int bText = nData>0 && text_utf8_valid(z, nData);
    for(size_t k=0; bText && k<nData; k++){
      unsigned char ch = a[k];
      if( ch<0x20 && ch!='\t' && ch!='\n' && ch!='\r' && ch!='\f' ) bText = 0;
    }
    if( bText ){ zKind = "txt"; zMime = "text/plain; charset=utf-8"; }
  }
  if( !zKind ){
    err_set(e, YC_EINVALID, "unsupported_type", "file", "the content of %s is none of the accepted types"
            " (PDF, PNG, JPEG, GIF, WebP, DOCX, XLSX, UTF-8 text)", zFilename);
    return 0;
  }
  /* The extension must say the same. */
  static const struct { const char *zExt, *zKind; } aExt[] = {
    {"pdf", "pdf"}, {"png", "png"}, {"jpg", "jpeg"}, {"jpeg", "jpeg"}, {"gif", "gif"}, {"webp", "webp"},
    {"docx", "docx"}, {"xlsx", "xlsx"}, {"txt", "txt"}, {"md", "txt"}, {"csv", "txt"}, {"tsv", "txt"},
  };
  for(size_t k=0; k<sizeof aExt/sizeof aExt[0]; k++){
    if( strcmp(aExt[k].zExt, zExt)==0 ){
      if( strcmp(aExt[k].zKind, zKind)==0 ) return zMime;
      err_set(e, YC_EINVALID, "type_mismatch", "file", "%s is named .%s but its content is %s", zFilename, zExt, zKind);
      return 0;
    }
  }
  err_set(e, YC_EINVALID, "unsupported_type", "file", "the extension of %s is not one of pdf, png, jpg, jpeg, gif, webp,"
          " docx, xlsx, txt, md, csv, tsv", zFilename);
  return 0;
}

/* A file name to keep: its last path part, 1..200 bytes of valid UTF-8 without control characters. */
static YcStatus clean_filename(const char *zIn, char *z, size_t n, Err *e){
  const char *zBase = zIn ? zIn : "";
  for(const char *q = zBase; *q; q++) if( *q=='/' || *q=='\\' ) zBase = q + 1;
  size_t m = strlen(zBase);
  if( m==0 ) return err_set(e, YC_EINVALID, "required", "filename", "the file needs a name (with its extension)");
  if( m>=n || m>200 ) return err_set(e, YC_EINVALID, "too_long", "filename", "the file name is too long (at most 200 bytes)");
  if( !text_utf8_valid(zBase, m) ) return err_set(e, YC_EINVALID, "invalid_utf8", "filename", "the file name is not valid UTF-8");
  for(size_t i=0; i<m; i++){
    unsigned char ch = (unsigned char)zBase[i];
    if( ch<0x20 || ch==0x7f || ch=='"' ) return err_set(e, YC_EINVALID, "invalid_value", "filename", "the file name has a control character or a quote");
  }
  memcpy(z, zBase, m + 1);
  return YC_OK;
}

YcStatus news_attach(Ctx *c, int64_t id, const char *zFilename, const void *pData, size_t nData,
                     json_t **ppOut, Err *e){
  *ppOut = 0;
  char zName[256];
  YcStatus st = clean_filename(zFilename, zName, sizeof zName, e);
  if( st ) return st;
  if( nData>NEWS_MAX_ATTACHMENT ){
    return err_set(e, YC_ETOOLARGE, "too_large", "file", "%s has %zu bytes: at most %u (10 MiB) are accepted",
                   zName, nData, NEWS_MAX_ATTACHMENT);
  }
  if( nData==0 ) return err_set(e, YC_EINVALID, "empty", "file", "%s is empty", zName);
  const char *zMime = news_sniff(zName, pData, nData, e);
  if( !zMime ) return YC_EINVALID;
  unsigned char aHash[crypto_hash_sha256_BYTES];
  char zHash[crypto_hash_sha256_BYTES*2 + 1];
  crypto_hash_sha256(aHash, pData, nData);
  sodium_bin2hex(zHash, sizeof zHash, aHash, sizeof aHash);
  json_t *jBefore = 0, *jAfter = 0;
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  st = news_before(c, id, &jBefore, e);
  if( !st && json_array_size(json_object_get(jBefore, "attachments"))>=NEWS_MAX_ATTACHMENTS )
    st = err_set(e, YC_EINVALID, "too_many", "file", "an item has at most %d attachments", NEWS_MAX_ATTACHMENTS);
  if( !st ){
    DbStmt *p = db_stmt(c->db, "INSERT INTO news_blob(sha256,data) VALUES(?1,?2) ON CONFLICT(sha256) DO NOTHING");
    if( !p ) st = db_error(c->db, DB_ERROR, e);
    else{
      db_bind_text(p, 1, zHash, -1);
      db_bind_blob(p, 2, pData, (int)nData);
      int rc = db_step(p);
      db_reset(p);
      if( rc!=DB_DONE ) st = db_error(c->db, rc, e);
    }
  }
  int64_t aid = 0;
  if( !st ){
    char zNow[24];
    date_now(zNow);
    DbStmt *p = db_stmt(c->db, "INSERT INTO news_attachment(news_id,filename,mime,size,sha256,created_at)"
                               " VALUES(?1,?2,?3,?4,?5,?6)");
    if( !p ) st = db_error(c->db, DB_ERROR, e);
    else{
      db_bind_int64(p, 1, id);
      db_bind_text(p, 2, zName, -1);
      db_bind_text(p, 3, zMime, -1);
      db_bind_int64(p, 4, (int64_t)nData);
      db_bind_text(p, 5, zHash, -1);
      db_bind_text(p, 6, zNow, -1);
      int rc = db_step(p);
      db_reset(p);
      if( rc!=DB_DONE ) st = db_error(c->db, rc, e);
      else aid = db_last_id(c->db);
    }
  }
  if( !st ) st = news_get_as(c, id, 1, &jAfter, e);
  if( !st ) st = audit_log(c, "update", "news", id, jBefore, jAfter, e);
  if( !st ) st = db_commit(c->db, e);
  json_decref(jBefore);
  if( st ){ db_rollback(c->db); json_decref(jAfter); return st; }
  json_t *x;
  size_t i;
  json_array_foreach(json_object_get(jAfter, "attachments"), i, x){
    if( jint(x, "id")==aid ){ *ppOut = json_incref(x); json_object_set_new(*ppOut, "news_id", json_integer(id)); }
  }
  json_decref(jAfter);
  return YC_OK;
}

YcStatus news_detach(Ctx *c, int64_t id, int64_t aid, Err *e){
  json_t *jBefore = 0, *jAfter = 0;
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  YcStatus st = news_before(c, id, &jBefore, e);
  int64_t a[2] = {aid, id};
  if( !st ) st = stmt_run(c->db, "DELETE FROM news_attachment WHERE id=?1 AND news_id=?2", a, 2, e);
  if( !st && db_changes(c->db)==0 )
    st = err_set(e, YC_ENOTFOUND, "not_found", "attachment", "item %lld has no attachment %lld", (long long)id, (long long)aid);
  if( !st ) st = news_get_as(c, id, 1, &jAfter, e);
  if( !st ) st = audit_log(c, "update", "news", id, jBefore, jAfter, e);
  if( !st ) st = db_commit(c->db, e);
  if( st ) db_rollback(c->db);
  json_decref(jBefore);
  json_decref(jAfter);
  return st;
}

YcStatus news_attachment(Ctx *c, int64_t id, int64_t aid, json_t **ppOut, void **ppData, size_t *pnData, Err *e){
  *ppOut = 0; *ppData = 0; *pnData = 0;
  DbStmt *p = db_stmt(c->db, "SELECT a.id, a.filename, a.mime, a.size, a.sha256, b.data FROM news_attachment a"
    " JOIN news n ON n.id=a.news_id JOIN news_blob b ON b.sha256=a.sha256"
    " WHERE a.id=?1 AND a.news_id=?2 AND (n.status='published' OR ?3)");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, aid);
  db_bind_int64(p, 2, id);
  db_bind_int(p, 3, ctx_signed_in(c));
  int rc = db_step(p);
  if( rc==DB_ROW ){
    static const char *const az[] = {"id", "filename", "mime", "size", "sha256", 0};
    json_t *j = json_object();
    for(int i=0; az[i]; i++) json_object_set_new(j, az[i], rows_value(p, i));
    size_t n = (size_t)db_col_bytes(p, 5);
    void *pData = malloc(n ? n : 1);
    if( pData && n ) memcpy(pData, db_col_blob(p, 5), n);
    db_reset(p);
    if( !pData ){ json_decref(j); return err_set(e, YC_EINTERNAL, "oom", 0, "out of memory"); }
    *ppOut = j; *ppData = pData; *pnData = n;
    return YC_OK;
  }
  db_reset(p);
  if( rc==DB_DONE ) return err_set(e, YC_ENOTFOUND, "not_found", "attachment", "no attachment %lld of news item %lld",
                                   (long long)aid, (long long)id);
  return db_error(c->db, rc, e);
}

/* ---------------------------------------------------------------------------
** List
*/
static const PageOrder aNewsOrder[] = {
  {"news:-date", {{"n.day0", PAGE_INT, 1}, {"n.id", PAGE_INT, 1}}},
  {"news:date", {{"n.day0", PAGE_INT, 0}, {"n.id", PAGE_INT, 0}}},
};

YcStatus news_list(Ctx *c, const NewsQuery *q, json_t **ppOut, Err *e){
  *ppOut = 0;
  int iSort = 0;
  if( q->zSort && (iSort = in_enum_index(azNewsSort, q->zSort))<0 )
    return err_set(e, YC_EINVALID, "invalid_value", "sort", "sort must be date or -date");
  Page pg;
  YcStatus st = page_begin(&pg, &aNewsOrder[iSort], 0, q->zLimit, 50, 500, q->zCursor, e);
  if( st ) return st;
  Filters w;
  memset(&w, 0, sizeof w);
  char *zFts = 0;
  json_t *items = 0;
  int64_t v;
  filter_int(&w, "(n.status='published' OR ?%d)", ctx_signed_in(c));
  if( q->zQ ){
    if( strlen(q->zQ)>200 ){ st = err_set(e, YC_EINVALID, "too_long", "q", "q is too long (at most 200 bytes)"); goto end; }
    if( !text_utf8_valid(q->zQ, strlen(q->zQ)) ){ st = err_set(e, YC_EINVALID, "invalid_utf8", "q", "q is not valid UTF-8"); goto end; }
    zFts = text_fts_query(q->zQ);
    if( zFts ) filter_text(&w, "n.id IN (SELECT rowid FROM news_fts WHERE news_fts MATCH ?%d)", zFts);
    else filter_int(&w, "?%d", 0);
  }
  if( q->zKind ){
    int k = in_enum_index(azNewsKind, q->zKind);
    if( k<0 ){ st = err_set(e, YC_EINVALID, "invalid_value", "kind", "kind must be one of news, press_release, speech,"
                            " agreement, report, photo_story"); goto end; }
    filter_text(&w, "n.kind=?%d", azNewsKind[k]);
  }
  if( q->zLang ){
    int k = in_enum_index(azNewsLang, q->zLang);
    if( k<0 ){ st = err_set(e, YC_EINVALID, "invalid_value", "lang", "lang must be zh, en or both"); goto end; }
    /* zh: items with a Chinese text (zh or both); en likewise; both: both only. */
    if( k==2 ) filter_text(&w, "n.lang=?%d", "both");
    else filter_text(&w, "n.lang IN (?%d, 'both')", azNewsLang[k]);
  }
  if( q->zStatus ){
    int k = in_enum_index(azNewsStatus, q->zStatus);
    if( k<0 ){ st = err_set(e, YC_EINVALID, "invalid_value", "status", "status must be draft or published"); goto end; }
    filter_text(&w, "n.status=?%d", azNewsStatus[k]);
  }
  static const struct { const char *zParam, *zType; } aLinkParam[] = {{"tie", "tie"}, {"org", "org"}, {"event", "event"}};
  const char *azLinkVal[3] = {q->zTie, q->zOrg, q->zEvent};
  for(int k=0; k<3; k++){
    if( !azLinkVal[k] ) continue;
    if( !in_parse_id(azLinkVal[k], &v) ){
      st = err_set(e, YC_EINVALID, "invalid_value", aLinkParam[k].zParam, "%s must be an id", aLinkParam[k].zParam); goto end;
    }
    buf_printf(&w.b, " AND n.id IN (SELECT news_id FROM news_link WHERE type='%s' AND state='confirmed'"
               " AND target_id=?%d)", aLinkParam[k].zType, w.n + 1);
    w.ac[w.n] = 'i';
    w.ai[w.n++] = v;
  }
  if( q->zYear ){
    long long y;
    if( strlen(q->zYear)!=4 || in_parse_int(q->zYear, 1000, 9999, &y) ){
      st = err_set(e, YC_EINVALID, "invalid_value", "year", "year must be a year (YYYY)"); goto end;
    }
    filter_int(&w, "n.day0>=?%d", date_days((int)y, 1, 1));
    filter_int(&w, "n.day0<=?%d", date_days((int)y, 12, 31));
  }
  if( q->zUnit ){
    if( !in_parse_id(q->zUnit, &v) ){ st = err_set(e, YC_EINVALID, "invalid_value", "unit", "unit must be a unit id"); goto end; }
    filter_int(&w, "n.unit_id=?%d", v);
  }
  Buf sql = BUF_INIT;
  buf_printf(&sql, "SELECT count(*) FROM news n WHERE 1%s", buf_str(&w.b));
  DbStmt *p = db_stmt(c->db, buf_str(&sql));
  if( !p ){ buf_free(&sql); st = db_error(c->db, DB_ERROR, e); goto end; }
  filter_bind(&w, p);
  int64_t nTotal = db_step(p)==DB_ROW ? db_col_int64(p, 0) : 0;
  db_reset(p);
  buf_reset(&sql);
  buf_puts(&sql, "SELECT " NEWS_COLUMNS);
  page_sql_keys(&pg, &sql);
  buf_printf(&sql, " FROM news n WHERE 1%s", buf_str(&w.b));
  page_sql_tail(&pg, &sql, w.n + 1);
  p = db_stmt(c->db, buf_str(&sql));
  buf_free(&sql);
  if( !p ){ st = db_error(c->db, DB_ERROR, e); goto end; }
  filter_bind(&w, p);
  page_bind(&pg, p, w.n + 1);
  items = json_array();
  int rc;
  while( (rc = db_step(p))==DB_ROW ){
    if( page_row(&pg, p, NEWS_NCOLUMNS) ) json_array_append_new(items, news_row_json(p));
  }
  db_reset(p);
  if( rc!=DB_DONE ){ st = db_error(c->db, rc, e); goto end; }
  unit_attach_items(c, "news", items);
  *ppOut = page_answer(&pg, items, nTotal, q->bPrev);
end:
  json_decref(items);
  free(zFts);
  buf_free(&w.b);
  page_free(&pg);
  return st;
}
