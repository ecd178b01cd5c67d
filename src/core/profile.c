/*
** profile.c: partner-city industry profiles; see profile.h.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/profile.h"
#include "core/csvimport.h"
#include "core/offer.h"
#include "core/match_text.h"
#include "store/rows.h"
#include "store/stmt.h"
#include "core/input.h"
#include "core/audit.h"
#include "core/partner.h"
#include "core/city.h"
#include "core/vocab.h"
#include "store/refdata.h"
#include "base/buf.h"
#include "text/norm.h"

const char *const azProfileSection[] = {"industries", "resources", "advantages", "needs", 0};
const char *const azProfileKind[] = {"industry", "resource", "advantage", "need", 0};

static const char *const azIndustryField[] = {"code", "strength", "description_zh", "description_en",
  "source", "reviewed", 0};
static const char *const azTextField[] = {"text_zh", "text_en", "industries", "source", "reviewed", 0};

YcStatus profile_get(Ctx *c, int64_t tieId, json_t **ppOut, Err *e){
  *ppOut = 0;
  if( !partner_exists(c, tieId) )
    return err_set(e, YC_ENOTFOUND, "not_found", "id", "no partner with id %lld", (long long)tieId);
  DbStmt *p = db_stmt(c->db,
    "SELECT id, kind, code, strength, text_zh, text_en, source, reviewed,"
    " (SELECT group_concat(code, char(31)) FROM (SELECT code FROM profile_item_industry"
    "   WHERE item_id=profile_item.id ORDER BY code))"
    " FROM profile_item WHERE tie_id=?1 ORDER BY kind, pos, id");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, tieId);
  json_t *aSec[4];
  for(int i=0; i<4; i++) aSec[i] = json_array();
  const char *zLast = 0;
  char zLastBuf[16] = "";
  int rc;
  while( (rc = db_step(p))==DB_ROW ){
    int k = in_enum_index(azProfileKind, db_text(p, 1));
    if( k<0 ) continue;
    const char *zRev = db_text(p, 7);
    if( zRev && strcmp(zRev, zLastBuf)>0 ){ snprintf(zLastBuf, sizeof zLastBuf, "%s", zRev); zLast = zLastBuf; }
    json_t *j;
    if( k==0 ){
      const char *zCode = db_text(p, 2);
      j = json_pack("{s:I, s:s, s:s, s:s, s:i, s:o, s:o, s:s, s:s}",
        "id", (json_int_t)db_col_int64(p, 0), "code", zCode,
        "label_en", isic_label(zCode, 0), "label_zh", isic_label(zCode, 1),
        "strength", db_col_int(p, 3), "description_zh", rows_text(p, 4),
        "description_en", rows_text(p, 5), "source", db_text(p, 6), "reviewed", db_text(p, 7));
    }else{
      j = json_pack("{s:I, s:o, s:o, s:o, s:s, s:s}",
        "id", (json_int_t)db_col_int64(p, 0), "text_zh", rows_text(p, 4),
        "text_en", rows_text(p, 5), "industries", rows_list(p, 8), "source", db_text(p, 6),
        "reviewed", db_text(p, 7));
    }
    json_array_append_new(aSec[k], j);
  }
  db_reset(p);
  if( rc!=DB_DONE ){
    for(int i=0; i<4; i++) json_decref(aSec[i]);
    return db_error(c->db, rc, e);
  }
  *ppOut = json_pack("{s:I, s:o, s:o, s:o, s:o, s:o}", "partner_id", (json_int_t)tieId,
    "industries", aSec[0], "resources", aSec[1], "advantages", aSec[2], "needs", aSec[3],
    "last_reviewed", zLast ? json_string(zLast) : json_null());
  return YC_OK;
}

/* A validated item; strings borrowed from the input JSON. */
typedef struct ItemIn {
  int iKind;
  const char *zCode;
  int iStrength;
  const char *zZh, *zEn, *zSource, *zReviewed;
  json_t *aInd;        /* borrowed, may be 0 */
} ItemIn;

/* Prefix e->zField with zPath ("industries[2]" + "." + field). */
static YcStatus item_err(Err *e, const char *zPath, YcStatus st){
  char z[160];
  if( e->zField[0] ) snprintf(z, sizeof z, "%s.%s", zPath, e->zField);
  else snprintf(z, sizeof z, "%s", zPath);
  snprintf(e->zField, sizeof e->zField, "%.63s", z);
  return st;
}

static YcStatus item_parse(json_t *x, int iKind, const char *zPath, ItemIn *it, Err *e){
  YcStatus st;
  int bSet;
  memset(it, 0, sizeof *it);
  it->iKind = iKind;
  if( !json_is_object(x) ){
    err_set(e, YC_EINVALID, "wrong_type", "", "%s must be an object", zPath);
    return item_err(e, zPath, YC_EINVALID);
  }
  if( (st = in_known_fields(x, iKind==0 ? azIndustryField : azTextField, e)) ) return item_err(e, zPath, st);
  if( iKind==0 ){
    if( (st = in_str(x, "code", 1, 2, 0, &it->zCode, &bSet, e)) ) return item_err(e, zPath, st);
    if( !isic_div(it->zCode) || !isic_known(it->zCode) ){
      err_set(e, YC_EINVALID, "unknown_industry", "code", "%s.code: %s is not an ISIC Rev.4 division (two digits, e.g. 28)",
              zPath, it->zCode);
      return item_err(e, zPath, YC_EINVALID);
    }
    int64_t v = 0;
    if( (st = in_int(x, "strength", 1, 1, 5, &v, &bSet, e)) ) return item_err(e, zPath, st);
    it->iStrength = (int)v;
    if( (st = in_str(x, "description_zh", 0, 1000, 1, &it->zZh, &bSet, e)) ) return item_err(e, zPath, st);
    if( (st = in_str(x, "description_en", 0, 1000, 1, &it->zEn, &bSet, e)) ) return item_err(e, zPath, st);
  }else{
    if( (st = in_str(x, "text_zh", 0, 2000, 1, &it->zZh, &bSet, e)) ) return item_err(e, zPath, st);
    if( (st = in_str(x, "text_en", 0, 2000, 1, &it->zEn, &bSet, e)) ) return item_err(e, zPath, st);
    if( !it->zZh && !it->zEn ){
      err_set(e, YC_EINVALID, "required", "text_en", "%s: give text_zh or text_en (or both)", zPath);
      return item_err(e, zPath, YC_EINVALID);
    }
    if( (st = isic_codes(x, "industries", 1, 10, &it->aInd, &bSet, e)) ) return item_err(e, zPath, st);
  }
  if( (st = in_str(x, "source", 1, 1000, 0, &it->zSource, &bSet, e)) ) return item_err(e, zPath, st);
  if( (st = in_str(x, "reviewed", 1, 10, 0, &it->zReviewed, &bSet, e)) ) return item_err(e, zPath, st);
  if( (st = in_day("reviewed", it->zReviewed, 1, e)) ) return item_err(e, zPath, st);
  return YC_OK;
}

static YcStatus item_insert(Ctx *c, int64_t tieId, const ItemIn *it, int pos, Err *e){
  DbStmt *p = db_stmt(c->db,
    "INSERT INTO profile_item(tie_id,kind,pos,code,strength,text_zh,text_en,source,reviewed)"
    " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9)");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, tieId);
  db_bind_text(p, 2, azProfileKind[it->iKind], -1);
  db_bind_int(p, 3, pos);
  if( it->iKind==0 ){
    db_bind_text(p, 4, it->zCode, -1);
    db_bind_int(p, 5, it->iStrength);
  }
  db_bind_text(p, 6, it->zZh, -1);
  db_bind_text(p, 7, it->zEn, -1);
  db_bind_text(p, 8, it->zSource, -1);
  db_bind_text(p, 9, it->zReviewed, -1);
  int rc = db_step(p);
  db_reset(p);
  if( rc!=DB_DONE ) return db_error(c->db, rc, e);
  int64_t id = db_last_id(c->db);
  size_t i;
  json_t *x;
  json_array_foreach(it->aInd, i, x){
    YcStatus st = stmt_run_text(c->db, "INSERT OR IGNORE INTO profile_item_industry(item_id,code) VALUES(?1,?2)", id, json_string_value(x), e);
    if( st ) return st;
  }
  return YC_OK;
}

/* Validate section iSec of `in` (an array) into aItem; returns count. */
static YcStatus section_parse(json_t *in, int iSec, ItemIn *aItem, int *pn, Err *e){
  json_t *a = json_object_get(in, azProfileSection[iSec]);
  *pn = 0;
  if( !a || json_is_null(a) ) return YC_OK;
  if( !json_is_array(a) )
    return err_set(e, YC_EINVALID, "wrong_type", azProfileSection[iSec], "%s must be an array", azProfileSection[iSec]);
  if( json_array_size(a)>PROFILE_MAX_ITEMS )
    return err_set(e, YC_EINVALID, "too_many", azProfileSection[iSec], "%s has more than %d items",
                   azProfileSection[iSec], PROFILE_MAX_ITEMS);
  size_t i;
  json_t *x;
  json_array_foreach(a, i, x){
    char zPath[40];
    snprintf(zPath, sizeof zPath, "%s[%zu]", azProfileSection[iSec], i);
    YcStatus st = item_parse(x, iSec, zPath, &aItem[i], e);
    if( st ) return st;
    if( iSec==0 ){
      for(size_t j=0; j<i; j++){
        if( strcmp(aItem[j].zCode, aItem[i].zCode)==0 ){
          err_set(e, YC_EINVALID, "duplicate", "code", "%s: industry %s is listed twice", zPath, aItem[i].zCode);
          return item_err(e, zPath, YC_EINVALID);
        }
      }
    }
  }
  *pn = (int)json_array_size(a);
  return YC_OK;
}

YcStatus profile_reindex(Ctx *c, int64_t tieId, Err *e){
  YcStatus st = stmt_run(c->db, "DELETE FROM profile_fts WHERE rowid=?1", (int64_t[]){tieId}, 1, e);
  if( st ) return st;
  DbStmt *p = db_stmt(c->db,
    "SELECT ci.name || ' ' || coalesce(t.partner_label,''), ci.name_zh FROM tie t"
    " JOIN city ci ON ci.id=t.partner_city_id WHERE t.id=?1");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, tieId);
  if( db_step(p)!=DB_ROW ){ db_reset(p); return YC_OK; }
  Buf names = BUF_INIT, text = BUF_INIT;
  buf_puts(&names, db_text(p, 0));
  char *zZh = db_text(p, 1) ? strdup(db_text(p, 1)) : 0;
  db_reset(p);
  if( zZh ){
    char *zPy = text_pinyin(zZh);
    buf_printf(&names, " %s %s", zZh, zPy ? zPy : "");
    free(zPy);
    free(zZh);
  }
  p = db_stmt(c->db,
    "SELECT code, coalesce(text_zh,''), coalesce(text_en,''),"
    " (SELECT group_concat(code, ' ') FROM profile_item_industry WHERE item_id=profile_item.id)"
    " FROM profile_item WHERE tie_id=?1 ORDER BY kind, pos");
  int rc = DB_ERROR;
  if( p ){
    db_bind_int64(p, 1, tieId);
    while( (rc = db_step(p))==DB_ROW ){
      const char *zCode = db_text(p, 0);
      if( zCode ) buf_printf(&text, "%s %s ", isic_label(zCode, 0), isic_label(zCode, 1));
      buf_printf(&text, "%s %s ", db_text(p, 1), db_text(p, 2));
      const char *zTags = db_text(p, 3);
      for(const char *s = zTags; s && *s; ){
        char zC[3] = {s[0], s[1], 0};
        buf_printf(&text, "%s %s ", isic_label(zC, 0), isic_label(zC, 1));
        s += 2;
        while( *s==' ' ) s++;
      }
    }
    db_reset(p);
  }
  if( rc==DB_DONE ){
    char *zFolded = match_fold_norm(buf_str(&text), 12000);
    char *zCjk = zFolded ? match_cjk_bigrams(zFolded) : 0;
    p = db_stmt(c->db, "INSERT INTO profile_fts(rowid,names,text,cjk,folded) VALUES(?1,?2,?3,?5,?4)");
    rc = DB_ERROR;
    if( p ){
      db_bind_int64(p, 1, tieId);
      db_bind_text(p, 2, buf_str(&names), -1);
      db_bind_text(p, 3, buf_str(&text), -1);
      db_bind_text(p, 4, zFolded ? zFolded : "", -1);
      db_bind_text(p, 5, zCjk ? zCjk : "", -1);
      rc = db_step(p);
      db_reset(p);
    }
    free(zFolded);
    free(zCjk);
  }
  buf_free(&names);
  buf_free(&text);
  return rc==DB_DONE ? YC_OK : db_error(c->db, rc, e);
}

YcStatus profile_put_tx(Ctx *c, int64_t tieId, json_t *in, int bPatch, Err *e){
  if( !partner_exists(c, tieId) )
    return err_set(e, YC_ENOTFOUND, "not_found", "id", "no partner with id %lld", (long long)tieId);
  YcStatus st = in_known_fields(in, azProfileSection, e);
  if( st ) return st;
  ItemIn *aItem = calloc(PROFILE_MAX_ITEMS, sizeof(ItemIn));
  if( !aItem ) return err_set(e, YC_EINTERNAL, 0, 0, "out of memory");
  /* Validate everything first, so that nothing is half-written. */
  for(int s=0; s<4 && !st; s++){
    int n;
    st = section_parse(in, s, aItem, &n, e);
  }
  for(int s=0; s<4 && !st; s++){
    if( bPatch && !json_object_get(in, azProfileSection[s]) ) continue;
    int n;
    st = section_parse(in, s, aItem, &n, e);
    if( !st ) st = stmt_run_text(c->db, "DELETE FROM profile_item WHERE tie_id=?1 AND kind=?2", tieId, azProfileKind[s], e);
    for(int i=0; i<n && !st; i++) st = item_insert(c, tieId, &aItem[i], i, e);
  }
  free(aItem);
  if( !st ) st = profile_reindex(c, tieId, e);
  return st;
}

YcStatus profile_put(Ctx *c, int64_t tieId, json_t *in, int bPatch, json_t **ppOut, Err *e){
  *ppOut = 0;
  json_t *jBefore = 0, *jAfter = 0;
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  YcStatus st = profile_get(c, tieId, &jBefore, e);
  if( !st ) st = profile_put_tx(c, tieId, in, bPatch, e);
  if( !st ) st = profile_get(c, tieId, &jAfter, e);
  if( !st ) st = audit_log(c, "update", "profile", tieId, jBefore, jAfter, e);
  if( !st ) st = db_commit(c->db, e);
  json_decref(jBefore);
  if( st ){ db_rollback(c->db); json_decref(jAfter); return st; }
  *ppOut = jAfter;
  return YC_OK;
}

static int same_text(const char *a, const char *b){
  if( !a || !b ) return a==b;
  return strcmp(a, b)==0;
}

/* The checks of profile_add_item_tx, reads only: the section, the tie, the
** item's fields, and whether an equal item is there already (*pbSame). */
static YcStatus item_check(Ctx *c, int64_t tieId, const char *zSection, json_t *item,
                           ItemIn *pIt, int *pbSame, int *piMaxPos, Err *e){
  ItemIn it;
  int iSec = in_enum_index(azProfileSection, zSection);
  if( iSec<0 ) iSec = in_enum_index(azProfileKind, zSection);
  if( iSec<0 )
    return err_set(e, YC_EINVALID, "invalid_value", "section",
                   "section must be industries, resources, advantages or needs");
  if( !partner_exists(c, tieId) )
    return err_set(e, YC_EINVALID, "unknown_partner", "partner_id", "no partner with id %lld", (long long)tieId);
  YcStatus st = item_parse(item, iSec, azProfileSection[iSec], &it, e);
  if( st ){
    /* Name the bare column, as the CSV has it. */
    const char *zDot = strchr(e->zField, '.');
    if( zDot ) memmove(e->zField, zDot + 1, strlen(zDot + 1) + 1);
    return st;
  }
  /* Equal item present? */
  DbStmt *p = db_stmt(c->db,
    "SELECT code, text_zh, text_en, max(pos) OVER () FROM profile_item WHERE tie_id=?1 AND kind=?2");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, tieId);
  db_bind_text(p, 2, azProfileKind[iSec], -1);
  int bSame = 0, iMaxPos = -1, rc;
  while( (rc = db_step(p))==DB_ROW ){
    iMaxPos = db_col_int(p, 3);
    if( iSec==0 ) bSame |= same_text(db_text(p, 0), it.zCode);
    else bSame |= same_text(db_text(p, 1), it.zZh) && same_text(db_text(p, 2), it.zEn);
  }
  db_reset(p);
  if( rc!=DB_DONE ) return db_error(c->db, rc, e);
  *pIt = it;
  *pbSame = bSame;
  *piMaxPos = iMaxPos;
  return YC_OK;
}

YcStatus profile_check_item(Ctx *c, int64_t tieId, const char *zSection, json_t *item,
                            int *pbSame, Err *e){
  ItemIn it;
  int iMaxPos;
  return item_check(c, tieId, zSection, item, &it, pbSame, &iMaxPos, e);
}

YcStatus profile_add_item_tx(Ctx *c, int64_t tieId, const char *zSection, json_t *item,
                             int *pbAdded, Err *e){
  *pbAdded = 0;
  ItemIn it;
  int bSame = 0, iMaxPos = -1;
  YcStatus st = item_check(c, tieId, zSection, item, &it, &bSame, &iMaxPos, e);
  if( st || bSame ) return st;
  st = item_insert(c, tieId, &it, iMaxPos + 1, e);
  if( !st ) *pbAdded = 1;
  return st;
}

/* --- CSV import ---------------------------------------------------------- */

static const char *const azPCol[] = {"partner_id", "city_id", "city", "country", "section", "code",
  "strength", "text_zh", "text_en", "industries", "source", "reviewed", 0};

/* The columns the profile import requires. */
static void pimp_header(CsvImport *x){
  if( !csvimp_has_column(x, "partner_id") && !csvimp_has_column(x, "city_id") && !csvimp_has_column(x, "city") )
    csvimp_error(x, "partner_id", "missing_column", "the header needs partner_id, city_id, or city and country");
  if( !csvimp_has_column(x, "section") ) csvimp_error(x, "section", "missing_column", "the header needs a section column");
}

static void pimp_row(CsvImport *x){
  const char *az[12] = {0};
  for(int i=0; i<x->nField; i++){
    int k = x->aCol[i];
    if( k<0 ) continue;
    const char *z = x->azField[i];
    if( !text_utf8_valid(z, strlen(z)) ){ csvimp_error(x, azPCol[k], "invalid_utf8", "not valid UTF-8"); return; }
    /* Trim blanks a spreadsheet may leave. */
    while( *z==' ' ) z++;
    char *zEnd = (char*)z + strlen(z);
    while( zEnd>z && zEnd[-1]==' ' ) *--zEnd = 0;
    az[k] = *z ? z : 0;
  }
  /* Which partner. */
  int64_t tieId = 0;
  long long v;
  if( az[0] ){
    if( in_parse_int(az[0], 1, (long long)1e15, &v) ){ csvimp_error(x, "partner_id", "wrong_type", "partner_id must be a number"); return; }
    tieId = v;
  }else if( az[1] ){
    if( in_parse_int(az[1], 1, (long long)1e15, &v) ){ csvimp_error(x, "city_id", "wrong_type", "city_id must be a GeoNames id"); return; }
    tieId = partner_find_by_city(x->c, v);
    if( !tieId ){ csvimp_error(x, "city_id", "unknown_partner", "this city is not a partner"); return; }
  }else if( az[2] ){
    char zIso[3];
    const char *zIso2 = 0;
    if( az[3] ){
      if( !country_resolve(x->c, az[3], zIso) ){ csvimp_error(x, "country", "unknown_country", "unknown country"); return; }
      zIso2 = zIso;
    }
    int64_t cityId = city_resolve(x->c, az[2], zIso2);
    tieId = cityId ? partner_find_by_city(x->c, cityId) : 0;
    if( !tieId ){ csvimp_error(x, "city", "unknown_partner", "no partner city of this name (and country)"); return; }
  }else{
    csvimp_error(x, "partner_id", "required", "give partner_id, city_id, or city and country");
    return;
  }
  if( !az[4] ){ csvimp_error(x, "section", "required", "section is required"); return; }
  int iSec = in_enum_index(azProfileSection, az[4]);
  if( iSec<0 ) iSec = in_enum_index(azProfileKind, az[4]);
  if( iSec<0 ){ csvimp_error(x, "section", "invalid_value", "section must be industries, resources, advantages or needs"); return; }
  json_t *item = json_object();
  if( iSec==0 ){
    if( az[5] ) json_object_set_new(item, "code", json_string(az[5]));
    if( az[6] ){
      if( in_parse_int(az[6], -1000, 1000, &v) ){ json_decref(item); csvimp_error(x, "strength", "wrong_type", "strength must be a number from 1 to 5"); return; }
      json_object_set_new(item, "strength", json_integer(v));
    }
    if( az[7] ) json_object_set_new(item, "description_zh", json_string(az[7]));
    if( az[8] ) json_object_set_new(item, "description_en", json_string(az[8]));
    if( az[9] ){ json_decref(item); csvimp_error(x, "industries", "invalid_value", "industries is for resources, advantages and needs; industries rows use code"); return; }
  }else{
    if( az[5] || az[6] ){ json_decref(item); csvimp_error(x, az[5] ? "code" : "strength", "invalid_value", "code and strength are for industries rows"); return; }
    if( az[7] ) json_object_set_new(item, "text_zh", json_string(az[7]));
    if( az[8] ) json_object_set_new(item, "text_en", json_string(az[8]));
    if( az[9] ){
      json_t *a = 0;
      Err e2;
      if( isic_codes_parse(az[9], "industries", 1, 10, &a, &e2) ){ json_decref(item); csvimp_error(x, e2.zField, e2.zCode, e2.zMsg); return; }
      json_object_set_new(item, "industries", a);
    }
  }
  if( az[10] ) json_object_set_new(item, "source", json_string(az[10]));
  if( az[11] ) json_object_set_new(item, "reviewed", json_string(az[11]));
  /* Checked now, reads only; an item equal to one there already is
  ** skipped; the others are written in the write phase (pimp_write). */
  Err e;
  memset(&e, 0, sizeof e);
  int bSame = 0;
  YcStatus st = profile_check_item(x->c, tieId, azProfileSection[iSec], item, &bSame, &e);
  if( st==YC_EINTERNAL || st==YC_EBUSY ){ json_decref(item); if( x->stFatal==YC_OK ){ x->stFatal = st; x->eFatal = e; } return; }
  if( st ){ json_decref(item); csvimp_error(x, e.zField, e.zCode, e.zMsg); return; }
  if( bSame ){ json_decref(item); x->nSkipped++; return; }
  csvimp_stage(x, json_pack("{s:I, s:s, s:o}", "tie", (json_int_t)tieId, "section", azProfileSection[iSec], "item", item));
}

/* In the import's write transaction: one staged item (an equal one written
** by an earlier row of the file is skipped). */
static void pimp_write(CsvImport *x){
  int64_t tieId = json_integer_value(json_object_get(x->pIn, "tie"));
  Err e;
  memset(&e, 0, sizeof e);
  int bAdded = 0;
  YcStatus st = profile_add_item_tx(x->c, tieId, json_string_value(json_object_get(x->pIn, "section")),
                                    json_object_get(x->pIn, "item"), &bAdded, &e);
  if( st==YC_EINTERNAL || st==YC_EBUSY ){ if( x->stFatal==YC_OK ){ x->stFatal = st; x->eFatal = e; } return; }
  if( st ){ csvimp_error(x, e.zField, e.zCode, e.zMsg); return; }
  if( bAdded ){
    x->nCreated++;
    size_t i; json_t *t; int bSeen = 0;
    json_t *aTouched = x->pArg;
    json_array_foreach(aTouched, i, t) if( json_integer_value(t)==tieId ) bSeen = 1;
    if( !bSeen ) json_array_append_new(aTouched, json_integer(tieId));
  }else{
    x->nSkipped++;
  }
}

/* After the last row: re-index the ties the rows touched, audit the import. */
static void pimp_finish(CsvImport *x){
  size_t i;
  json_t *t;
  Err e2;
  json_array_foreach((json_t*)x->pArg, i, t){
    if( profile_reindex(x->c, json_integer_value(t), &e2) ){ x->stFatal = e2.st; x->eFatal = e2; return; }
  }
  if( x->nCreated ){
    json_t *rep = json_pack("{s:i, s:i}", "rows", x->nRows, "created", x->nCreated);
    if( audit_log(x->c, "import", "profile", 0, 0, rep, &e2) ){ x->stFatal = e2.st; x->eFatal = e2; }
    json_decref(rep);
  }
}

YcStatus profile_import_csv(Ctx *c, const char *zData, size_t nData, int bDryRun,
                            json_t **ppReport, Err *e){
  json_t *aTouched = json_array();   /* tie ids to re-index */
  YcStatus st = csvimp_run_staged(c, zData, nData, bDryRun, azPCol, pimp_header, pimp_row,
                                  0, pimp_write, pimp_finish, aTouched, ppReport, e);
  json_decref(aTouched);
  return st;
}

/* --- demo data ------------------------------------------------------------ */

typedef struct DemoP { Ctx *c; int nAdded; json_t *aTouched; } DemoP;

/* geonames_id, section, code, strength, text_zh, text_en, industries, source, reviewed */
static YcStatus demo_line(void *pCtx, char **az, int nField, int iLine, Err *e){
  DemoP *d = pCtx;
  (void)nField;
  int64_t tieId = partner_find_by_city(d->c, atoll(az[0]));
  if( !tieId ) return YC_OK;     /* the tie is not in this database */
  json_t *item = json_object();
  int iSec = in_enum_index(azProfileSection, az[1]);
  if( iSec==0 ){
    json_object_set_new(item, "code", json_string(az[2]));
    json_object_set_new(item, "strength", json_integer(atoi(az[3])));
    if( az[4][0] ) json_object_set_new(item, "description_zh", json_string(az[4]));
    if( az[5][0] ) json_object_set_new(item, "description_en", json_string(az[5]));
  }else{
    if( az[4][0] ) json_object_set_new(item, "text_zh", json_string(az[4]));
    if( az[5][0] ) json_object_set_new(item, "text_en", json_string(az[5]));
    if( az[6][0] ){
      json_t *a = 0;
      YcStatus st = isic_codes_parse(az[6], "industries", 1, 10, &a, e);
      if( st ){ json_decref(item); return st; }
      json_object_set_new(item, "industries", a);
    }
  }
  json_object_set_new(item, "source", json_string(az[7]));
  json_object_set_new(item, "reviewed", json_string(az[8]));
  int bAdded = 0;
  YcStatus st = profile_add_item_tx(d->c, tieId, az[1], item, &bAdded, e);
  json_decref(item);
  if( st ){
    char zMsg[sizeof e->zMsg];
    snprintf(zMsg, sizeof zMsg, "%s", e->zMsg);
    snprintf(e->zMsg, sizeof e->zMsg, "data/demo/jinan_profiles.tsv:%d: %.200s", iLine, zMsg);
    e->st = YC_EINTERNAL;
    return YC_EINTERNAL;
  }
  if( bAdded ){
    d->nAdded++;
    size_t i; json_t *t; int bSeen = 0;
    json_array_foreach(d->aTouched, i, t) if( json_integer_value(t)==tieId ) bSeen = 1;
    if( !bSeen ) json_array_append_new(d->aTouched, json_integer(tieId));
  }
  return YC_OK;
}

YcStatus profile_demo_load(Ctx *c, int *pnAdded, Err *e){
  DemoP d = {c, 0, json_array()};
  YcStatus st = tsv_each("data/demo/jinan_profiles.tsv", 9, demo_line, &d, e);
  size_t i;
  json_t *t;
  json_array_foreach(d.aTouched, i, t){
    if( st ) break;
    json_t *j = 0;
    st = profile_reindex(c, json_integer_value(t), e);
    if( !st ) st = profile_get(c, json_integer_value(t), &j, e);
    if( !st ) st = audit_log(c, "create", "profile", json_integer_value(t), 0, j, e);
    json_decref(j);
  }
  json_decref(d.aTouched);
  int nOffers = 0;
  if( !st ) st = offer_demo_load(c, &nOffers, e);
  if( pnAdded ) *pnAdded = d.nAdded + nOffers;
  return st;
}
