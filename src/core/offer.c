/*
** offer.c: organisations' offers and needs; see offer.h.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/offer.h"
#include "core/match_text.h"
#include "store/rows.h"
#include "store/stmt.h"
#include "core/input.h"
#include "core/audit.h"
#include "core/vocab.h"
#include "base/buf.h"
#include "core/org.h"
#include "core/review.h"
#include "store/refdata.h"
#include "base/date.h"

static const char *const azSection[] = {"offers", "needs", 0};
static const char *const azKind[] = {"offer", "need", 0};
static const char *const azItemField[] = {"text_zh", "text_en", "industries", 0};

YcStatus offer_get(Ctx *c, int64_t orgId, json_t **ppOut, Err *e){
  *ppOut = 0;
  json_t *jOrg = review_state(c, REVIEW_ORG, orgId), *jRev = review_state(c, REVIEW_OFFERS, orgId);
  const char *zOrg = json_string_value(json_object_get(jOrg, "state"));
  const char *zRev = json_string_value(json_object_get(jRev, "state"));
  if( !jOrg || !review_visible(c, zOrg) ){
    json_decref(jOrg); json_decref(jRev);
    return err_set(e, YC_ENOTFOUND, "not_found", "id", "no organisation with id %lld", (long long)orgId);
  }
  /* Offers and needs in review: none for anonymous callers. */
  int bShow = review_visible(c, zRev);
  DbStmt *p = db_stmt(c->db,
    "SELECT id, kind, text_zh, text_en, updated_at,"
    " (SELECT group_concat(code, char(31)) FROM (SELECT code FROM org_offer_industry"
    "   WHERE offer_id=org_offer.id ORDER BY code))"
    " FROM org_offer WHERE org_id=?1 ORDER BY kind DESC, pos, id");
  if( !p ){ json_decref(jOrg); json_decref(jRev); return db_error(c->db, DB_ERROR, e); }
  db_bind_int64(p, 1, orgId);
  json_t *a[2] = {json_array(), json_array()};
  int rc;
  while( bShow && (rc = db_step(p))==DB_ROW ){
    int k = in_enum_index(azKind, db_text(p, 1));
    if( k<0 ) continue;
    json_array_append_new(a[k], json_pack("{s:I, s:o, s:o, s:o, s:s}",
      "id", (json_int_t)db_col_int64(p, 0), "text_zh", rows_text(p, 2), "text_en", rows_text(p, 3),
      "industries", rows_list(p, 5), "updated_at", db_text(p, 4)));
  }
  if( !bShow ) rc = DB_DONE;
  db_reset(p);
  if( rc!=DB_DONE ){ json_decref(a[0]); json_decref(a[1]); json_decref(jOrg); json_decref(jRev); return db_error(c->db, rc, e); }
  *ppOut = json_pack("{s:I, s:o, s:o}", "org_id", (json_int_t)orgId, "offers", a[0], "needs", a[1]);
  if( bShow ) json_object_set_new(*ppOut, "review", json_string(zRev));
  if( ctx_signed_in(c) ){
    json_object_set(*ppOut, "review_note", json_object_get(jRev, "note"));
    json_object_set(*ppOut, "review_by", json_object_get(jRev, "by"));
    json_object_set(*ppOut, "review_at", json_object_get(jRev, "at"));
  }
  json_decref(jOrg);
  json_decref(jRev);
  return YC_OK;
}

YcStatus offer_reindex(Ctx *c, int64_t orgId, Err *e){
  YcStatus st = stmt_run(c->db, "DELETE FROM offer_fts WHERE rowid=?1", (int64_t[]){orgId}, 1, e);
  if( st ) return st;
  DbStmt *p = db_stmt(c->db,
    "SELECT coalesce(text_zh,''), coalesce(text_en,''),"
    " (SELECT group_concat(code, ' ') FROM org_offer_industry WHERE offer_id=org_offer.id)"
    " FROM org_offer WHERE org_id=?1 ORDER BY kind DESC, pos");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, orgId);
  Buf text = BUF_INIT;
  int rc, n = 0;
  while( (rc = db_step(p))==DB_ROW ){
    n++;
    buf_printf(&text, "%s %s ", db_text(p, 0), db_text(p, 1));
    for(const char *s = db_text(p, 2); s && *s; ){
      const char *zSp = strchr(s, ' ');
      size_t k = zSp ? (size_t)(zSp - s) : strlen(s);
      char zC[4] = {0};
      if( k<sizeof zC ) memcpy(zC, s, k);
      buf_printf(&text, "%s %s ", isic_label(zC, 0), isic_label(zC, 1));
      s += k + (zSp ? 1 : 0);
    }
  }
  db_reset(p);
  if( rc==DB_DONE && n ){
    char *zFolded = match_fold_norm(buf_str(&text), 12000);
    char *zCjk = zFolded ? match_cjk_bigrams(zFolded) : 0;
    p = db_stmt(c->db, "INSERT INTO offer_fts(rowid,text,cjk,folded) VALUES(?1,?2,?4,?3)");
    rc = DB_ERROR;
    if( p ){
      db_bind_int64(p, 1, orgId);
      db_bind_text(p, 2, buf_str(&text), -1);
      db_bind_text(p, 3, zFolded ? zFolded : "", -1);
      db_bind_text(p, 4, zCjk ? zCjk : "", -1);
      rc = db_step(p);
      db_reset(p);
    }
    free(zFolded);
    free(zCjk);
  }
  buf_free(&text);
  return rc==DB_DONE ? YC_OK : db_error(c->db, rc, e);
}

typedef struct OfferIn { const char *zZh, *zEn; json_t *aInd; } OfferIn;

static YcStatus path_err(Err *e, const char *zPath, YcStatus st){
  char z[160];
  if( e->zField[0] ) snprintf(z, sizeof z, "%s.%s", zPath, e->zField);
  else snprintf(z, sizeof z, "%s", zPath);
  snprintf(e->zField, sizeof e->zField, "%.63s", z);
  return st;
}

static YcStatus section_parse(json_t *in, int iSec, OfferIn *a, int *pn, Err *e){
  json_t *arr = json_object_get(in, azSection[iSec]);
  *pn = 0;
  if( !arr || json_is_null(arr) ) return YC_OK;
  if( !json_is_array(arr) )
    return err_set(e, YC_EINVALID, "wrong_type", azSection[iSec], "%s must be an array", azSection[iSec]);
  if( json_array_size(arr)>OFFER_MAX_ITEMS )
    return err_set(e, YC_EINVALID, "too_many", azSection[iSec], "%s has more than %d items", azSection[iSec], OFFER_MAX_ITEMS);
  size_t i;
  json_t *x;
  json_array_foreach(arr, i, x){
    char zPath[32];
    snprintf(zPath, sizeof zPath, "%s[%zu]", azSection[iSec], i);
    YcStatus st;
    int bSet;
    if( !json_is_object(x) ){
      err_set(e, YC_EINVALID, "wrong_type", "", "%s must be an object", zPath);
      return path_err(e, zPath, YC_EINVALID);
    }
    if( (st = in_known_fields(x, azItemField, e)) ) return path_err(e, zPath, st);
    if( (st = in_str(x, "text_zh", 0, 2000, 1, &a[i].zZh, &bSet, e)) ) return path_err(e, zPath, st);
    if( (st = in_str(x, "text_en", 0, 2000, 1, &a[i].zEn, &bSet, e)) ) return path_err(e, zPath, st);
    if( !a[i].zZh && !a[i].zEn ){
      err_set(e, YC_EINVALID, "required", "text_en", "%s: give text_zh or text_en (or both)", zPath);
      return path_err(e, zPath, YC_EINVALID);
    }
    if( (st = isic_codes(x, "industries", 0, 10, &a[i].aInd, &bSet, e)) ) return path_err(e, zPath, st);
  }
  *pn = (int)json_array_size(arr);
  return YC_OK;
}

static YcStatus offer_put_tx(Ctx *c, int64_t orgId, json_t *in, int bPatch, Err *e){
  YcStatus st = in_known_fields(in, azSection, e);
  if( st ) return st;
  OfferIn a[OFFER_MAX_ITEMS];
  int n;
  for(int s=0; s<2 && !st; s++){
    memset(a, 0, sizeof a);
    st = section_parse(in, s, a, &n, e);
  }
  char zNow[24];
  date_now(zNow);
  for(int s=0; s<2 && !st; s++){
    if( bPatch && !json_object_get(in, azSection[s]) ) continue;
    memset(a, 0, sizeof a);
    st = section_parse(in, s, a, &n, e);
    if( !st ) st = stmt_run_text(c->db, "DELETE FROM org_offer WHERE org_id=?1 AND kind=?2", orgId, azKind[s], e);
    for(int i=0; i<n && !st; i++){
      DbStmt *p = db_stmt(c->db,
        "INSERT INTO org_offer(org_id,kind,pos,text_zh,text_en,created_at,updated_at) VALUES(?1,?2,?3,?4,?5,?6,?6)");
      if( !p ){ st = db_error(c->db, DB_ERROR, e); break; }
      db_bind_int64(p, 1, orgId);
      db_bind_text(p, 2, azKind[s], -1);
      db_bind_int(p, 3, i);
      db_bind_text(p, 4, a[i].zZh, -1);
      db_bind_text(p, 5, a[i].zEn, -1);
      db_bind_text(p, 6, zNow, -1);
      int rc = db_step(p);
      db_reset(p);
      if( rc!=DB_DONE ){ st = db_error(c->db, rc, e); break; }
      int64_t id = db_last_id(c->db);
      size_t k;
      json_t *x;
      json_array_foreach(a[i].aInd, k, x){
        if( st ) break;
        st = stmt_run_text(c->db, "INSERT OR IGNORE INTO org_offer_industry(offer_id,code) VALUES(?1,?2)", id, json_string_value(x), e);
      }
    }
  }
  if( !st ) st = offer_reindex(c, orgId, e);
  return st;
}

YcStatus offer_put(Ctx *c, int64_t orgId, json_t *in, int bPatch, json_t **ppOut, Err *e){
  *ppOut = 0;
  json_t *jBefore = 0, *jAfter = 0;
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  YcStatus st = offer_get(c, orgId, &jBefore, e);
  if( !st ) st = offer_put_tx(c, orgId, in, bPatch, e);
  if( !st ) st = review_after_edit(c, REVIEW_OFFERS, orgId, e);
  if( !st ) st = offer_get(c, orgId, &jAfter, e);
  if( !st ) st = audit_log(c, "update", "org_offers", orgId, jBefore, jAfter, e);
  if( !st ) st = db_commit(c->db, e);
  json_decref(jBefore);
  if( st ){ db_rollback(c->db); json_decref(jAfter); return st; }
  *ppOut = jAfter;
  return YC_OK;
}

/* --- demo data ------------------------------------------------------------ */

typedef struct DemoO { Ctx *c; json_t *jByOrg; } DemoO;

/* name_en, kind, text_zh, text_en, industries, source */
static YcStatus demo_line(void *pCtx, char **az, int nField, int iLine, Err *e){
  DemoO *d = pCtx;
  (void)nField;
  int64_t orgId = org_find_by_name(d->c, az[0], 0);
  if( !orgId ) return YC_OK;
  char zKey[24];
  snprintf(zKey, sizeof zKey, "%lld", (long long)orgId);
  json_t *in = json_object_get(d->jByOrg, zKey);
  if( !in ){
    in = json_pack("{s:[], s:[]}", "offers", "needs");
    json_object_set_new(d->jByOrg, zKey, in);
  }
  int k = in_enum_index(azKind, az[1]);
  if( k<0 ) return err_set(e, YC_EINTERNAL, "asset", 0, "data/demo/jinan_offers.tsv:%d: kind must be offer or need", iLine);
  json_t *item = json_object();
  if( az[2][0] ) json_object_set_new(item, "text_zh", json_string(az[2]));
  if( az[3][0] ) json_object_set_new(item, "text_en", json_string(az[3]));
  if( az[4][0] ){
    json_t *a = 0;
    YcStatus st = isic_codes_parse(az[4], "industries", 0, 10, &a, e);
    if( st ){ json_decref(item); return st; }
    json_object_set_new(item, "industries", a);
  }
  json_array_append_new(json_object_get(in, azSection[k]), item);
  return YC_OK;
}

YcStatus offer_demo_load(Ctx *c, int *pnAdded, Err *e){
  DemoO d = {c, json_object()};
  int nAdded = 0;
  YcStatus st = tsv_each("data/demo/jinan_offers.tsv", 6, demo_line, &d, e);
  const char *zKey;
  json_t *in;
  json_object_foreach(d.jByOrg, zKey, in){
    if( st ) break;
    int64_t orgId = atoll(zKey);
    DbStmt *p = db_stmt(c->db, "SELECT count(*) FROM org_offer WHERE org_id=?1");
    if( !p ){ st = db_error(c->db, DB_ERROR, e); break; }
    db_bind_int64(p, 1, orgId);
    int n = db_step(p)==DB_ROW ? db_col_int(p, 0) : 0;
    db_reset(p);
    if( n ) continue;
    st = offer_put_tx(c, orgId, in, 1, e);
    json_t *j = 0;
    if( !st ) st = offer_get(c, orgId, &j, e);
    if( !st ) st = audit_log(c, "create", "org_offers", orgId, 0, j, e);
    json_decref(j);
    nAdded += (int)(json_array_size(json_object_get(in, "offers")) + json_array_size(json_object_get(in, "needs")));
  }
  json_decref(d.jByOrg);
  if( pnAdded ) *pnAdded = nAdded;
  return st;
}
