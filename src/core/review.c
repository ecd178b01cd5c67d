/*
** review.c: review before publishing; see review.h.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/review.h"
#include "core/input.h"
#include "core/audit.h"
#include "core/page.h"
#include "store/rows.h"
#include "store/stmt.h"
#include "base/buf.h"
#include "base/date.h"

const char *const azReviewState[] = {"draft", "submitted", "published", "returned", 0};
const char *const azReviewKind[] = {"opportunity", "org", "offers", 0};
const char *const azReviewParam[] = {"state", "mine", "limit", "cursor", 0};

/* Per kind: its entity in the audit trail, how its state is read (the
** state, note, by, at, then the record's names) and written (?1 id, ?2
** state, ?3 note, ?4 by, ?5 at). */
static const struct {
  const char *zEntity, *zGet, *zSet;
} aKind[] = {
  {"opportunity",
   "SELECT review, review_note, review_by, review_at, title_en, title_zh FROM opportunity WHERE id=?1",
   "UPDATE opportunity SET review=?2, review_note=?3, review_by=?4, review_at=?5 WHERE id=?1"},
  {"org",
   "SELECT review, review_note, review_by, review_at, name_en, name_zh FROM org WHERE id=?1",
   "UPDATE org SET review=?2, review_note=?3, review_by=?4, review_at=?5 WHERE id=?1"},
  {"org_offers",
   "SELECT coalesce(r.review,'published'), r.review_note, r.review_by, r.review_at, o.name_en, o.name_zh"
   " FROM org o LEFT JOIN offer_review r ON r.org_id=o.id WHERE o.id=?1",
   "INSERT INTO offer_review(org_id,review,review_note,review_by,review_at) VALUES(?1,?2,?3,?4,?5)"
   " ON CONFLICT(org_id) DO UPDATE SET review=excluded.review, review_note=excluded.review_note,"
   " review_by=excluded.review_by, review_at=excluded.review_at"},
};

static int role_is(const Ctx *c, const char *z){ return c->zRole && strcmp(c->zRole, z)==0; }
static int is_reviewer(const Ctx *c){ return role_is(c, "admin") || role_is(c, "editor"); }

int review_visible(const Ctx *c, const char *zState){
  return ctx_signed_in(c) || !zState || strcmp(zState, "published")==0;
}

int review_entry_visible(Ctx *c, const char *zEntity, int64_t id){
  if( ctx_signed_in(c) || !zEntity ) return 1;
  if( strcmp(zEntity, "news")==0 ){
    /* A news item's drafts (core/news.h): published items only. */
    DbStmt *p = db_stmt(c->db, "SELECT status='published' FROM news WHERE id=?1");
    if( !p ) return 0;
    db_bind_int64(p, 1, id);
    int b = db_step(p)==DB_ROW && db_col_int(p, 0);
    db_reset(p);
    return b;
  }
  int iKind = -1;
  for(int i=0; i<3; i++) if( strcmp(zEntity, aKind[i].zEntity)==0 ) iKind = i;
  if( iKind<0 ) return 1;
  json_t *s = review_state(c, iKind, id);
  /* The offers of an organisation in review are in review too. */
  int b = s && strcmp(json_string_value(json_object_get(s, "state")), "published")==0;
  json_decref(s);
  if( b && iKind==REVIEW_OFFERS ) return review_entry_visible(c, "org", id);
  return b;
}

YcStatus review_initial(Ctx *c, json_t *in, const char *zStatus, const char **pzState, Err *e){
  const char *z = 0;
  int bSet = 0;
  YcStatus st = in_enum(in, "review", 0, azReviewState, &z, &bSet, e);
  if( st ) return st;
  if( bSet && !z ) return err_set(e, YC_EINVALID, "required", "review", "review cannot be null");
  if( z && strcmp(z, "returned")==0 )
    return err_set(e, YC_EINVALID, "invalid_value", "review", "a new record starts as draft, submitted or published");
  /* No role: an in-process writer (tools, tests) acting as the operator. */
  int bSubmitter = c->zRole && !is_reviewer(c);
  if( z && strcmp(z, "published")==0 && bSubmitter )
    return err_set(e, YC_EFORBIDDEN, "forbidden", "review", "only editors and admins publish");
  if( !z ){
    if( bSubmitter ) z = "draft";
    else if( zStatus && strcmp(zStatus, "draft")==0 ) z = "draft";
    else z = "published";
  }
  *pzState = z;
  return YC_OK;
}

/* Read the state of record id: 1 and the row in p (reset by the caller), 0 none. */
static DbStmt *state_stmt(Ctx *c, int iKind, int64_t id, int *pRc){
  DbStmt *p = db_stmt(c->db, aKind[iKind].zGet);
  *pRc = DB_ERROR;
  if( !p ) return 0;
  db_bind_int64(p, 1, id);
  *pRc = db_step(p);
  return p;
}

json_t *review_state(Ctx *c, int iKind, int64_t id){
  int rc;
  DbStmt *p = state_stmt(c, iKind, id, &rc);
  json_t *j = 0;
  if( p && rc==DB_ROW ){
    j = json_pack("{s:s, s:o, s:o, s:o}", "state", db_text(p, 0), "note", rows_text(p, 1),
                  "by", rows_text(p, 2), "at", rows_text(p, 3));
  }
  if( p ) db_reset(p);
  return j;
}

YcStatus review_check_edit(Ctx *c, int iKind, int64_t id, json_t *in, Err *e){
  json_t *v = json_object_get(in, "review");
  if( !v ) return YC_OK;
  json_t *s = review_state(c, iKind, id);
  int bSame = s && json_is_string(v) && strcmp(json_string_value(v), json_string_value(json_object_get(s, "state")))==0;
  json_decref(s);
  if( bSame ) return YC_OK;
  return err_set(e, YC_EINVALID, "invalid_value", "review",
                 "review changes by POST .../review with an action (submit, publish, return)");
}

static YcStatus state_write(Ctx *c, int iKind, int64_t id, const char *zState, const char *zNote, Err *e){
  char zNow[24];
  date_now(zNow);
  DbStmt *p = db_stmt(c->db, aKind[iKind].zSet);
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, id);
  db_bind_text(p, 2, zState, -1);
  db_bind_text(p, 3, zNote, -1);
  db_bind_text(p, 4, c->zActor, -1);
  db_bind_text(p, 5, zNow, -1);
  int rc = db_step(p);
  db_reset(p);
  return rc==DB_DONE ? YC_OK : db_error(c->db, rc, e);
}

YcStatus review_start(Ctx *c, int iKind, int64_t id, const char *zState, Err *e){
  /* Offers without a row are published: write one only for another state. */
  if( iKind==REVIEW_OFFERS && strcmp(zState, "published")==0 ){
    json_t *s = review_state(c, iKind, id);
    int bPub = s && strcmp(json_string_value(json_object_get(s, "state")), "published")==0;
    json_decref(s);
    if( bPub ) return YC_OK;
  }
  return state_write(c, iKind, id, zState, 0, e);
}

YcStatus review_after_edit(Ctx *c, int iKind, int64_t id, Err *e){
  if( is_reviewer(c) || !c->zRole ) return YC_OK;
  json_t *s = review_state(c, iKind, id);
  const char *z = s ? json_string_value(json_object_get(s, "state")) : 0;
  YcStatus st = YC_OK;
  if( z && (strcmp(z, "submitted")==0 || strcmp(z, "published")==0) ) st = state_write(c, iKind, id, "draft", 0, e);
  json_decref(s);
  return st;
}

/* The answer of a step: the record's kind, id, names and state. */
static json_t *item_json(Ctx *c, int iKind, int64_t id){
  int rc;
  DbStmt *p = state_stmt(c, iKind, id, &rc);
  json_t *j = 0;
  if( p && rc==DB_ROW ){
    j = json_pack("{s:s, s:I, s:o, s:o, s:s, s:o, s:o, s:o}", "kind", azReviewKind[iKind], "id", (json_int_t)id,
      "name_en", rows_text(p, 4), "name_zh", rows_text(p, 5), "review", db_text(p, 0),
      "review_note", rows_text(p, 1), "review_by", rows_text(p, 2), "review_at", rows_text(p, 3));
  }
  if( p ) db_reset(p);
  return j;
}

enum { A_SUBMIT, A_PUBLISH, A_RETURN };
static const char *const azAction[] = {"submit", "publish", "return", 0};

static YcStatus review_step(Ctx *c, int iKind, int64_t id, int iAction, const char *zReason, json_t **ppOut, Err *e){
  *ppOut = 0;
  if( iKind<0 || iKind>REVIEW_OFFERS ) return err_set(e, YC_EINVALID, "invalid_value", "kind", "kind must be opportunity, org or offers");
  if( !c->zRole ) return err_set(e, YC_EAUTH, "unauthenticated", 0, "log in or send a bearer token");
  if( role_is(c, "viewer") ) return err_set(e, YC_EFORBIDDEN, "forbidden", 0, "viewers cannot change data");
  if( iAction!=A_SUBMIT && !is_reviewer(c) )
    return err_set(e, YC_EFORBIDDEN, "forbidden", "action", "only editors and admins %s", azAction[iAction]);
  if( iAction==A_RETURN ){
    if( !zReason || !*zReason ) return err_set(e, YC_EINVALID, "required", "reason", "give the reason of the return");
    YcStatus st = in_text("reason", zReason, REVIEW_REASON_MAX, 1, e);
    if( st ) return st;
  }
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  YcStatus st = YC_OK;
  json_t *jBefore = review_state(c, iKind, id), *jAfter = 0;
  static const char *const azNoun[] = {"opportunity", "organisation", "organisation"};
  if( !jBefore ) st = err_set(e, YC_ENOTFOUND, "not_found", "id", "no %s with id %lld", azNoun[iKind], (long long)id);
  const char *zFrom = jBefore ? json_string_value(json_object_get(jBefore, "state")) : "";
  if( !st ){
    int bOk = iAction==A_SUBMIT ? (strcmp(zFrom, "draft")==0 || strcmp(zFrom, "returned")==0)
                                : strcmp(zFrom, "submitted")==0;
    if( !bOk ){
      st = err_set(e, YC_ECONFLICT, "invalid_transition", "action", "cannot %s: the %s is %s (%s)", azAction[iAction],
                   iKind==REVIEW_OFFERS ? "offers and needs" : azNoun[iKind], zFrom,
                   iAction==A_SUBMIT ? "submit a draft or a returned one" : "only a submitted one");
    }
  }
  static const char *const azTo[] = {"submitted", "published", "returned"};
  if( !st ) st = state_write(c, iKind, id, azTo[iAction], iAction==A_RETURN ? zReason : 0, e);
  if( !st ) jAfter = review_state(c, iKind, id);
  if( !st && iKind==REVIEW_OPP ){
    /* Whose opportunity it is, for the role matrix (core/perm.c): its
    ** organisation and responsible unit, in both states of the entry. */
    DbStmt *p = db_stmt(c->db, "SELECT org_id, unit_id FROM opportunity WHERE id=?1");
    if( p ){
      db_bind_int64(p, 1, id);
      if( db_step(p)==DB_ROW ){
        json_t *own = db_col_type(p, 0)==DB_NULL ? json_null()
                    : json_pack("{s:s, s:I}", "type", "org", "id", (json_int_t)db_col_int64(p, 0));
        json_t *unit = db_col_type(p, 1)==DB_NULL ? json_null() : json_integer(db_col_int64(p, 1));
        json_object_set(jBefore, "owner", own);
        json_object_set(jAfter, "owner", own);
        json_object_set(jBefore, "unit_id", unit);
        json_object_set(jAfter, "unit_id", unit);
        json_decref(own);
        json_decref(unit);
      }
      db_reset(p);
    }
  }
  if( !st ) st = audit_log(c, "review", aKind[iKind].zEntity, id, jBefore, jAfter, e);
  if( !st ) st = db_commit(c->db, e);
  json_decref(jBefore);
  json_decref(jAfter);
  if( st ){ db_rollback(c->db); return st; }
  *ppOut = item_json(c, iKind, id);
  return YC_OK;
}

YcStatus review_submit(Ctx *c, int iKind, int64_t id, json_t **ppOut, Err *e){
  return review_step(c, iKind, id, A_SUBMIT, 0, ppOut, e);
}
YcStatus review_publish(Ctx *c, int iKind, int64_t id, json_t **ppOut, Err *e){
  return review_step(c, iKind, id, A_PUBLISH, 0, ppOut, e);
}
YcStatus review_return(Ctx *c, int iKind, int64_t id, const char *zReason, json_t **ppOut, Err *e){
  return review_step(c, iKind, id, A_RETURN, zReason, ppOut, e);
}

YcStatus review_act(Ctx *c, int iKind, int64_t id, json_t *in, json_t **ppOut, Err *e){
  static const char *const azField[] = {"action", "reason", 0};
  const char *zAction = 0, *zReason = 0;
  int bSet;
  *ppOut = 0;
  YcStatus st = in_known_fields(in, azField, e);
  if( !st ) st = in_enum(in, "action", 1, azAction, &zAction, &bSet, e);
  if( !st ) st = in_str(in, "reason", 0, REVIEW_REASON_MAX, 1, &zReason, &bSet, e);
  if( st ) return st;
  int iAction = in_enum_index(azAction, zAction);
  if( iAction!=A_RETURN && zReason )
    return err_set(e, YC_EINVALID, "invalid_value", "reason", "a reason goes with return only");
  return review_step(c, iKind, id, iAction, zReason, ppOut, e);
}

/* --- the queue ------------------------------------------------------------ */

/* Every reviewed record as one row: kind, id, names, state, note, by, at,
** and whether user ?2 wrote to it (an audit row of theirs). */
#define MINE(ent, idcol) "EXISTS(SELECT 1 FROM audit a WHERE a.entity='" ent "' AND a.entity_id=" idcol \
  " AND a.user_id=CAST(?2 AS INTEGER))"
#define QUEUE_FROM \
  " FROM (SELECT 'opportunity' AS kind, id, title_en AS name_en, title_zh AS name_zh, review, review_note," \
  "   review_by, review_at, coalesce(review_at,'') AS at, " MINE("opportunity", "opportunity.id") " AS mine FROM opportunity" \
  " UNION ALL SELECT 'org', id, name_en, name_zh, review, review_note, review_by, review_at, coalesce(review_at,'')," \
  "   " MINE("org", "org.id") " FROM org" \
  " UNION ALL SELECT 'offers', o.id, o.name_en, o.name_zh, coalesce(r.review,'published'), r.review_note, r.review_by," \
  "   r.review_at, coalesce(r.review_at,''), " MINE("org_offers", "o.id") \
  "   FROM org o LEFT JOIN offer_review r ON r.org_id=o.id" \
  "   WHERE r.org_id IS NOT NULL OR EXISTS(SELECT 1 FROM org_offer f WHERE f.org_id=o.id)) q" \
  " WHERE (?1 IS NULL OR q.review=?1) AND (?2 IS NULL OR q.mine)"

static const PageOrder aQueueOrder[] = {
  {"review:at", {{"q.at", PAGE_TEXT, 0}, {"q.kind", PAGE_TEXT, 0}, {"q.id", PAGE_INT, 0}}},
};

YcStatus review_list(Ctx *c, const ReviewQuery *q, json_t **ppOut, Err *e){
  *ppOut = 0;
  if( !c->zRole ) return err_set(e, YC_EAUTH, "unauthenticated", 0, "log in or send a bearer token");
  const char *zState = q->zState;
  if( zState && strcmp(zState, "all")!=0 && in_enum_index(azReviewState, zState)<0 )
    return err_set(e, YC_EINVALID, "invalid_value", "state", "state must be draft, submitted, published, returned or all");
  if( zState && strcmp(zState, "all")==0 ) zState = 0;
  else if( !zState && is_reviewer(c) ) zState = "submitted";
  int bMine = !is_reviewer(c);
  if( q->zMine ){
    if( strcmp(q->zMine, "true")==0 || strcmp(q->zMine, "1")==0 ) bMine = 1;
    else if( strcmp(q->zMine, "false")!=0 && strcmp(q->zMine, "0")!=0 )
      return err_set(e, YC_EINVALID, "invalid_value", "mine", "mine must be true or false");
  }
  char zUser[24];
  snprintf(zUser, sizeof zUser, "%lld", (long long)c->userId);
  const char *azBind[2] = {zState, bMine ? zUser : 0};
  Page pg;
  YcStatus st = page_begin(&pg, &aQueueOrder[0], 0, q->zLimit, 50, 500, q->zCursor, e);
  if( st ) return st;
  int64_t nTotal = 0;
  json_t *items = 0;
  Buf sql = BUF_INIT;
  st = stmt_count_text(c->db, "SELECT count(*)" QUEUE_FROM, azBind, 2, &nTotal, e);
  if( !st ){
    buf_puts(&sql, "SELECT q.kind, q.id, q.name_en, q.name_zh, q.review, q.review_note, q.review_by, q.review_at");
    page_sql_keys(&pg, &sql);
    buf_puts(&sql, QUEUE_FROM);
    page_sql_tail(&pg, &sql, 3);
    DbStmt *p = db_stmt(c->db, buf_str(&sql));
    if( !p ) st = db_error(c->db, DB_ERROR, e);
    else{
      for(int i=0; i<2; i++) db_bind_text(p, i+1, azBind[i], -1);
      page_bind(&pg, p, 3);
      items = json_array();
      int rc;
      while( (rc = db_step(p))==DB_ROW ){
        if( !page_row(&pg, p, 8) ) continue;
        json_array_append_new(items, json_pack("{s:s, s:I, s:o, s:o, s:s, s:o, s:o, s:o}",
          "kind", db_text(p, 0), "id", (json_int_t)db_col_int64(p, 1), "name_en", rows_text(p, 2),
          "name_zh", rows_text(p, 3), "review", db_text(p, 4), "review_note", rows_text(p, 5),
          "review_by", rows_text(p, 6), "review_at", rows_text(p, 7)));
      }
      db_reset(p);
      if( rc!=DB_DONE ) st = db_error(c->db, rc, e);
    }
  }
  if( !st ) *ppOut = page_answer(&pg, items, nTotal, q->bPrev);   /* takes its own reference */
  json_decref(items);
  buf_free(&sql);
  page_free(&pg);
  return st;
}
