/* stats.c: see stats.h. */
#include <string.h>
#include "core/stats.h"
#include "core/tie_vocab.h"
#include "store/rows.h"

/* Run a two-column (key, count) query into an object; keys seeded from az. */
static YcStatus count_by(Ctx *c, const char *zSql, const char *const *az,
                         json_t **ppOut, Err *e){
  json_t *o = json_object();
  for(int i=0; az && az[i]; i++) json_object_set_new(o, az[i], json_integer(0));
  DbStmt *p = db_stmt(c->db, zSql);
  if( !p ){ json_decref(o); return db_error(c->db, DB_ERROR, e); }
  db_bind_int64(p, 1, c->homeCityId);
  while( db_step(p)==DB_ROW ){
    const char *zKey = db_text(p, 0);
    json_object_set_new(o, zKey ? zKey : "unknown", json_integer(db_col_int64(p, 1)));
  }
  db_reset(p);
  *ppOut = o;
  return YC_OK;
}

const json_t *stats_reported_latest(const json_t *aReported, const char *zKind){
  const json_t *best = 0, *x;
  size_t i;
  json_array_foreach(aReported, i, x){
    const char *zK = json_string_value(json_object_get(x, "kind"));
    const char *zAsOf = json_string_value(json_object_get(x, "as_of"));
    if( !zK || !zAsOf || strcmp(zK, zKind)!=0 ) continue;
    if( !best || strcmp(zAsOf, json_string_value(json_object_get(best, "as_of")))>0 ) best = x;
  }
  return best;
}

YcStatus stats_get(Ctx *c, json_t **ppOut, Err *e){
  static const char *const azKind[] = {"sister", "cooperation", "candidate", 0};
  static const char *const azCont[] = {"africa", "asia", "europe", "north_america", "south_america", "oceania", 0};
  *ppOut = 0;
  json_t *byKind = 0, *byStatus = 0, *byCont = 0, *byDecade = 0, *byType = 0;
  YcStatus st = count_by(c, "SELECT kind, count(*) FROM tie WHERE home_city_id=?1 GROUP BY kind", azKind, &byKind, e);
  if( !st ) st = count_by(c, "SELECT status, count(*) FROM tie WHERE home_city_id=?1 GROUP BY status", azTieStatus, &byStatus, e);
  if( !st ) st = count_by(c, "SELECT co.continent, count(*) FROM tie t JOIN city ci ON ci.id=t.partner_city_id"
                             " JOIN country co ON co.iso2=ci.country WHERE t.home_city_id=?1 GROUP BY 1", azCont, &byCont, e);
  if( !st ) st = count_by(c, "SELECT coalesce(substr(est_date,1,3) || '0s','unknown'), count(*) FROM tie"
                             " WHERE home_city_id=?1 GROUP BY 1 ORDER BY 1", 0, &byDecade, e);
  /* Anonymous callers count published organisations only. */
  if( !st ) st = count_by(c, ctx_signed_in(c) ? "SELECT type, count(*) FROM org WHERE ?1 IS NOT NULL GROUP BY type"
                          : "SELECT type, count(*) FROM org WHERE ?1 IS NOT NULL AND review='published' GROUP BY type", 0, &byType, e);
  if( st ) goto fail;
  DbStmt *p = db_stmt(c->db,
    "SELECT (SELECT count(*) FROM tie WHERE home_city_id=?1),"
    " (SELECT count(*) FROM tie WHERE home_city_id=?1 AND kind_verified=0),"
    " (SELECT count(*) FROM org WHERE ?2 OR review='published'), c.id, c.name, c.name_zh, c.country, co.name_en, co.name_zh"
    " FROM city c JOIN country co ON co.iso2=c.country WHERE c.id=?1");
  if( !p ){ st = db_error(c->db, DB_ERROR, e); goto fail; }
  db_bind_int64(p, 1, c->homeCityId);
  db_bind_int(p, 2, ctx_signed_in(c));
  if( db_step(p)!=DB_ROW ){
    db_reset(p);
    st = err_set(e, YC_ENOTFOUND, "not_initialised", 0, "home city not found");
    goto fail;
  }
  json_t *home = json_pack("{s:I, s:o, s:o, s:{s:o, s:o, s:o}}",
    "id", (json_int_t)db_col_int64(p, 3), "name_en", rows_text(p, 4), "name_zh", rows_text(p, 5),
    "country", "iso2", rows_text(p, 6), "name_en", rows_text(p, 7), "name_zh", rows_text(p, 8));
  json_t *ties = json_pack("{s:I, s:I, s:o, s:o, s:o, s:o}",
    "total", (json_int_t)db_col_int64(p, 0),
    "kind_unverified", (json_int_t)db_col_int64(p, 1),
    "by_kind", byKind, "by_status", byStatus, "by_continent", byCont, "by_decade", byDecade);
  json_t *orgs = json_pack("{s:I, s:o}", "total", (json_int_t)db_col_int64(p, 2), "by_type", byType);
  db_reset(p);
  byKind = byStatus = byCont = byDecade = byType = 0;
  json_t *rep = json_array();
  p = db_stmt(c->db, "SELECT as_of, kind, count, source, note FROM reported_figure"
                     " WHERE home_city_id=?1 ORDER BY as_of, kind");
  if( p ){
    db_bind_int64(p, 1, c->homeCityId);
    while( db_step(p)==DB_ROW ){
      json_array_append_new(rep, json_pack("{s:o, s:o, s:I, s:o, s:o}",
        "as_of", rows_text(p, 0), "kind", rows_text(p, 1), "count", (json_int_t)db_col_int64(p, 2),
        "source", rows_text(p, 3), "note", rows_text(p, 4)));
    }
    db_reset(p);
  }
  *ppOut = json_pack("{s:o, s:o, s:o, s:o}", "home_city", home, "ties", ties,
                     "organisations", orgs, "reported", rep);
  return YC_OK;
fail:
  json_decref(byKind); json_decref(byStatus); json_decref(byCont);
  json_decref(byDecade); json_decref(byType);
  return st;
}

YcStatus stats_report(Ctx *c, const char *zAsOf, const char *zKind, int64_t n,
                      const char *zSource, const char *zNote, Err *e){
  DbStmt *p = db_stmt(c->db,
    "INSERT INTO reported_figure(home_city_id,as_of,kind,count,source,note) VALUES(?1,?2,?3,?4,?5,?6)"
    " ON CONFLICT(home_city_id,as_of,kind) DO UPDATE SET count=excluded.count,"
    " source=excluded.source, note=excluded.note");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, c->homeCityId);
  db_bind_text(p, 2, zAsOf, -1);
  db_bind_text(p, 3, zKind, -1);
  db_bind_int64(p, 4, n);
  db_bind_text(p, 5, zSource, -1);
  db_bind_text(p, 6, zNote && *zNote ? zNote : 0, -1);
  int rc = db_step(p);
  db_reset(p);
  return rc==DB_DONE ? YC_OK : db_error(c->db, rc, e);
}

int stats_ping(Ctx *c){
  DbStmt *p = db_stmt(c->db, "SELECT count(*) FROM tie");
  int ok = p && db_step(p)==DB_ROW;
  db_reset(p);
  return ok;
}
