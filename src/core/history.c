/* history.c: see history.h. */
#include <stdlib.h>
#include <string.h>
#include "core/history.h"
#include "core/input.h"
#include "core/page.h"
#include "core/partner.h"
#include "core/org.h"
#include "core/exchange.h"
#include "core/project.h"
#include "core/opportunity.h"
#include "core/countrylist.h"
#include "core/profile.h"
#include "core/offer.h"
#include "core/person.h"
#include "core/delegation.h"
#include "core/event.h"
#include "core/series.h"
#include "core/invitation.h"
#include "core/news.h"
#include "store/rows.h"
#include "base/json.h"
#include "base/buf.h"

const char *const azAuditEntity[] = {"tie", "org", "exchange", "project", "opportunity", "interest",
  "country_list", "profile", "org_offers", "person", "delegation", "event", "series", "invitation",
  "city", "user", "token", "health_threshold", "twin_import", "twin_fix", "news", 0};
const char *const azAuditAction[] = {"create", "update", "delete", "revert", "import", "erase",
  "member_add", "member_remove", "reresolve", 0};
const char *const azAuditParam[] = {"user", "type", "action", "from", "to", "limit", "cursor", 0};

/* ---------------------------------------------------------------------------
** Diff
*/
static int hist_meta(const char *zKey){
  return strcmp(zKey, "id")==0 || strcmp(zKey, "created_at")==0 || strcmp(zKey, "updated_at")==0;
}

/* A value not worth listing for a create: null, "", [] or {}. */
static int hist_empty(const json_t *v){
  return !v || json_is_null(v) || (json_is_string(v) && json_string_length(v)==0)
      || (json_is_array(v) && json_array_size(v)==0) || (json_is_object(v) && json_object_size(v)==0);
}

/* A copy of v without what is not a change: times of rows, and the own row
** ids of items (profile and offer items are renumbered when a list is
** written again); a reference to a named record (a tie, an organisation)
** keeps its id. */
static json_t *hist_plain(const json_t *v, int bNested){
  if( json_is_array(v) ){
    json_t *a = json_array(), *x;
    size_t i;
    json_array_foreach(v, i, x) json_array_append_new(a, hist_plain(x, 1));
    return a;
  }
  if( !json_is_object(v) ) return json_incref((json_t*)v);
  static const char *const azName[] = {"name_en", "name_zh", "name", "title", "title_en", "title_zh", 0};
  int bNamed = 0;
  for(int i=0; azName[i]; i++) if( json_object_get(v, azName[i]) ) bNamed = 1;
  json_t *o = json_object(), *x;
  const char *zKey;
  json_object_foreach((json_t*)v, zKey, x){
    if( bNested && (strcmp(zKey, "created_at")==0 || strcmp(zKey, "updated_at")==0 || (!bNamed && strcmp(zKey, "id")==0)) ) continue;
    json_object_set_new(o, zKey, hist_plain(x, 1));
  }
  return o;
}

static int hist_same(const json_t *a, const json_t *b){
  json_t *x = hist_plain(a, 0), *y = hist_plain(b, 0);
  int r = json_equal(x, y);
  json_decref(x);
  json_decref(y);
  return r;
}

static void hist_change(json_t *a, const char *zKey, json_t *vB, json_t *vA){
  json_array_append_new(a, json_pack("{s:s, s:O, s:O}", "field", zKey,
    "before", vB ? vB : json_null(), "after", vA ? vA : json_null()));
}

json_t *history_diff(const json_t *jBefore, const json_t *jAfter){
  json_t *a = json_array();
  json_t *b = json_is_object(jBefore) ? (json_t*)jBefore : 0;
  json_t *f = json_is_object(jAfter) ? (json_t*)jAfter : 0;
  const char *zKey;
  json_t *v;
  /* The fields of the newer version in its order, then those it lost. */
  if( f ){
    json_object_foreach(f, zKey, v){
      if( hist_meta(zKey) ) continue;
      json_t *w = b ? json_object_get(b, zKey) : 0;
      if( !b ){ if( !hist_empty(v) ) hist_change(a, zKey, 0, v); }
      else if( !hist_same(v, w ? w : json_null()) && !(hist_empty(v) && hist_empty(w)) ) hist_change(a, zKey, w, v);
    }
  }
  if( b ){
    json_object_foreach(b, zKey, v){
      if( hist_meta(zKey) || (f && json_object_get(f, zKey)) || hist_empty(v) ) continue;
      hist_change(a, zKey, v, 0);
    }
  }
  return a;
}

/* ---------------------------------------------------------------------------
** Reading the trail
*/

/* A record's name as of an entry, in English and Chinese (the columns name_en,
** name_zh of a query over audit): a tie's label or city, a profile's tie, an
** organisation's offers' organisation, else the record's name or title. People
** and private delegations have none for callers not signed in (?N = 0). */
#define HIST_REC "coalesce(after,before)"
#define CITY_NAME_en "y.name"
#define CITY_NAME_zh "coalesce(y.name_zh, y.name)"
#define HIST_NAME(LANG, SIGNED) HIST_NAME_(#LANG, LANG, SIGNED)
#define HIST_NAME_(LANG, L, SIGNED) \
  " CASE WHEN " SIGNED "=0 AND (entity='person' OR (entity='delegation' AND CAST(json_extract(" HIST_REC ", '$.public') AS INTEGER)=0))" \
  "  THEN NULL ELSE CASE entity" \
  "  WHEN 'tie' THEN coalesce(json_extract(" HIST_REC ", '$.label'), json_extract(" HIST_REC ", '$.city.name_" LANG "'))" \
  "  WHEN 'profile' THEN (SELECT coalesce(t.partner_label, " CITY_NAME_##L ") FROM tie t JOIN city y ON y.id=t.partner_city_id WHERE t.id=audit.entity_id)" \
  "  WHEN 'org_offers' THEN (SELECT coalesce(o.name_" LANG ", o.name_en, o.name_zh) FROM org o WHERE o.id=audit.entity_id)" \
  "  ELSE coalesce(json_extract(" HIST_REC ", '$.name_" LANG "'), json_extract(" HIST_REC ", '$.title_" LANG "')," \
  "   json_extract(" HIST_REC ", '$.name'), json_extract(" HIST_REC ", '$.title')) END END"

#define HIST_COLUMNS(SIGNED) "id, at, actor, action, entity, entity_id, revert_of, before, after," \
  HIST_NAME(en, SIGNED) "," HIST_NAME(zh, SIGNED)
#define HIST_NCOLUMNS 11

static const char *const azRevertAction[] = {"create", "update", "revert", 0};

/* A column of JSON text as a value (0 for NULL). */
static json_t *hist_json(DbStmt *p, int i){
  const char *z = db_text(p, i);
  return z ? json_loads(z, JSON_DECODE_ANY, 0) : 0;
}

static json_t *hist_row(DbStmt *p){
  json_t *jB = hist_json(p, 7), *jA = hist_json(p, 8);
  const char *zAction = db_text(p, 3);
  const char *zEntity = db_text(p, 4);
  json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:b}",
    "id", (json_int_t)db_col_int64(p, 0), "at", db_text(p, 1), "actor", db_text(p, 2),
    "action", zAction, "entity", zEntity,
    "entity_id", db_col_type(p, 5)==DB_NULL ? json_null() : json_integer(db_col_int64(p, 5)),
    "revert_of", db_col_type(p, 6)==DB_NULL ? json_null() : json_integer(db_col_int64(p, 6)),
    "name_en", rows_text(p, 9), "name_zh", rows_text(p, 10),
    "revertable", in_enum_index(azRevertAction, zAction)>=0 && history_revertable(zEntity) && json_is_object(jA));
  json_t *d = history_diff(jB, jA);
  /* A profile's or offers' own key (the tie's, the organisation's id) is no change. */
  const char *zKey = strcmp(zEntity, "profile")==0 ? "partner_id" : strcmp(zEntity, "org_offers")==0 ? "org_id" : 0;
  for(size_t i=0; zKey && i<json_array_size(d); i++){
    if( strcmp(jstr(json_array_get(d, i), "field"), zKey)==0 ){ json_array_remove(d, i); break; }
  }
  json_object_set_new(o, "changes", d);
  json_decref(jB);
  json_decref(jA);
  return o;
}

static YcStatus need_signed_in(Ctx *c, Err *e){
  if( ctx_signed_in(c) ) return YC_OK;
  return err_set(e, YC_EAUTH, "unauthenticated", 0, "sign in to read the history: the audit trail holds personal data");
}

/* The entity whose entries a record's history also shows (0: none). */
static const char *hist_companion(const char *zEntity){
  if( strcmp(zEntity, "tie")==0 ) return "profile";
  if( strcmp(zEntity, "org")==0 ) return "org_offers";
  return 0;
}

static const PageOrder aAuditOrder[] = {
  {"audit:new", {{"audit.id", PAGE_INT, 1}, {0, 0, 0}}},
};

/* Binds the filters of a list's WHERE clause (parameters 1..n). */
typedef void (*HistBind)(DbStmt*, const void*);

/* A page of entries, newest first: those of zWhere (parameters 1..nParam,
** bound by xBind), with their total. The answer of page_answer. */
static YcStatus hist_page(Ctx *c, const char *zWhere, int nParam, HistBind xBind, const void *pArg,
                          const char *zLimit, const char *zCursor, int bPrev, json_t **ppOut, Err *e){
  Page pg;
  YcStatus st = page_begin(&pg, &aAuditOrder[0], 0, zLimit, 50, 200, zCursor, e);
  if( st ) return st;
  Buf sql = BUF_INIT;
  int64_t nTotal = 0;
  buf_printf(&sql, "SELECT count(*) FROM audit WHERE %s", zWhere);
  DbStmt *p = db_stmt(c->db, buf_str(&sql));
  int rc = DB_ERROR;
  if( p ){
    xBind(p, pArg);
    if( (rc = db_step(p))==DB_ROW ){ nTotal = db_col_int64(p, 0); rc = DB_DONE; }
    db_reset(p);
  }
  json_t *items = json_array();
  if( rc==DB_DONE ){
    buf_reset(&sql);
    buf_puts(&sql, "SELECT " HIST_COLUMNS("1"));
    page_sql_keys(&pg, &sql);
    buf_printf(&sql, " FROM audit WHERE %s", zWhere);
    page_sql_tail(&pg, &sql, nParam+1);
    p = db_stmt(c->db, buf_str(&sql));
    rc = DB_ERROR;
    if( p ){
      xBind(p, pArg);
      page_bind(&pg, p, nParam+1);
      while( (rc = db_step(p))==DB_ROW ){
        if( page_row(&pg, p, HIST_NCOLUMNS) ) json_array_append_new(items, hist_row(p));
      }
      db_reset(p);
    }
  }
  buf_free(&sql);
  if( rc!=DB_DONE ) st = db_error(c->db, rc, e);
  else *ppOut = page_answer(&pg, items, nTotal, bPrev);
  json_decref(items);
  page_free(&pg);
  return st;
}

typedef struct HistOf { const char *zEntity; int64_t id; } HistOf;
static void bind_of(DbStmt *p, const void *pArg){
  const HistOf *h = pArg;
  db_bind_int64(p, 1, h->id);
  db_bind_text(p, 2, h->zEntity, -1);
  db_bind_text(p, 3, hist_companion(h->zEntity), -1);
}

YcStatus history_of(Ctx *c, const char *zEntity, int64_t id, const char *zLimit, const char *zCursor, int bPrev,
                    json_t **ppOut, Err *e){
  *ppOut = 0;
  YcStatus st = need_signed_in(c, e);
  if( st ) return st;
  HistOf h = {zEntity, id};
  /* IN: the index audit_entity(entity, entity_id) serves both entities. */
  st = hist_page(c, "entity_id=?1 AND entity IN (?2, coalesce(?3, ?2))", 3, bind_of, &h, zLimit, zCursor, bPrev, ppOut, e);
  if( !st && jint(*ppOut, "total")==0 ){
    json_decref(*ppOut);
    *ppOut = 0;
    return err_set(e, YC_ENOTFOUND, "not_found", "id", "no %s %lld in the audit trail", zEntity, (long long)id);
  }
  if( !st ){
    json_object_set_new(*ppOut, "entity", json_string(zEntity));
    json_object_set_new(*ppOut, "id", json_integer(id));
  }
  return st;
}

json_t *history_latest(Ctx *c, int n){
  json_t *a = json_array();
  DbStmt *p = db_stmt(c->db, "SELECT id, at, actor, action, entity, entity_id," HIST_NAME(en, "?2") "," HIST_NAME(zh, "?2")
    " FROM audit ORDER BY id DESC LIMIT ?1");
  if( !p ) return a;
  db_bind_int(p, 1, n);
  db_bind_int(p, 2, ctx_signed_in(c));
  while( db_step(p)==DB_ROW ){
    json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:o, s:o}",
      "id", (json_int_t)db_col_int64(p, 0), "at", db_text(p, 1), "actor", db_text(p, 2), "action", db_text(p, 3),
      "entity", db_text(p, 4), "entity_id", (json_int_t)db_col_int64(p, 5), "name_en", rows_text(p, 6), "name_zh", rows_text(p, 7)));
  }
  db_reset(p);
  return a;
}

static YcStatus hist_enum(const char *zField, const char *z, const char *const *az, Err *e){
  if( !z || in_enum_index(az, z)>=0 ) return YC_OK;
  return err_set(e, YC_EINVALID, "invalid_value", zField, "%s must be one of the trail's %s names", zField,
                 strcmp(zField, "type")==0 ? "record type" : "action");
}

static void bind_query(DbStmt *p, const void *pArg){
  const AuditQuery *q = pArg;
  db_bind_text(p, 1, q->zUser, -1);
  db_bind_text(p, 2, q->zType, -1);
  db_bind_text(p, 3, q->zAction, -1);
  db_bind_text(p, 4, q->zFrom, -1);
  db_bind_text(p, 5, q->zTo, -1);
}

YcStatus audit_query(Ctx *c, const AuditQuery *q, json_t **ppOut, Err *e){
  *ppOut = 0;
  YcStatus st = need_signed_in(c, e);
  if( !st && q->zUser && (strlen(q->zUser)==0 || strlen(q->zUser)>100) )
    st = err_set(e, YC_EINVALID, "invalid_value", "user", "user must be a user name of 1 to 100 characters");
  if( !st ) st = hist_enum("type", q->zType, azAuditEntity, e);
  if( !st ) st = hist_enum("action", q->zAction, azAuditAction, e);
  if( !st && q->zFrom ) st = in_day("from", q->zFrom, 0, e);
  if( !st && q->zTo ) st = in_day("to", q->zTo, 0, e);
  if( !st && q->zFrom && q->zTo && strcmp(q->zFrom, q->zTo)>0 )
    st = err_set(e, YC_EINVALID, "invalid_range", "to", "to (%s) is before from (%s)", q->zTo, q->zFrom);
  if( st ) return st;
  /* at is "YYYY-MM-DDTHH:MM:SSZ": a day's entries are those from "DAY" to "DAY~". */
  return hist_page(c, "(?1 IS NULL OR actor=?1) AND (?2 IS NULL OR entity=?2)"
    " AND (?3 IS NULL OR action=?3) AND (?4 IS NULL OR at>=?4) AND (?5 IS NULL OR at<?5 || '~')",
    5, bind_query, q, q->zLimit, q->zCursor, q->bPrev, ppOut, e);
}

/* ---------------------------------------------------------------------------
** Revert: each type's stored record (its get's output) back to the input of
** its update.
*/
typedef struct HistType {
  const char *zEntity;
  const char *const *azField;     /* the fields its update takes */
  const char *const *azItemArr;   /* its fields that are lists of items (objects) */
  const char *const *azItemKey;   /* the fields an item takes */
  YcStatus (*xGet)(Ctx*, int64_t, json_t**, Err*);
  YcStatus (*xPut)(Ctx*, int64_t, json_t*, json_t**, Err*);
  void (*xFix)(const json_t *rec, json_t *in);   /* what the generic rules miss, or 0 */
} HistType;

static int in_list(const char *const *az, const char *z){ return az && in_enum_index(az, z)>=0; }

/* An id given as itself or as an object with an id (null stays null). */
static json_t *hist_id(const json_t *v){
  if( json_is_object(v) ){ json_t *i = json_object_get(v, "id"); return i ? json_incref(i) : json_null(); }
  return json_incref((json_t*)v);
}

/* An item of a list: its known keys, a reference "x_id" read from an object "x". */
static json_t *hist_item(const json_t *o, const char *const *azKey){
  json_t *r = json_object();
  for(int i=0; azKey[i]; i++){
    json_t *v = json_object_get(o, azKey[i]);
    size_t n = strlen(azKey[i]);
    if( !v && n>3 && strcmp(azKey[i]+n-3, "_id")==0 ){
      char zBase[64];
      snprintf(zBase, sizeof zBase, "%.*s", (int)(n-3), azKey[i]);
      json_t *w = json_object_get(o, zBase);
      if( w ){ json_object_set_new(r, azKey[i], hist_id(w)); continue; }
    }
    if( v ) json_object_set(r, azKey[i], v);
  }
  return r;
}

static json_t *hist_input(const HistType *t, const json_t *rec){
  json_t *in = json_object();
  for(int i=0; t->azField[i]; i++){
    const char *zF = t->azField[i];
    json_t *v = json_object_get(rec, zF);
    size_t n = strlen(zF);
    if( !v && n>3 && strcmp(zF+n-3, "_id")==0 ){
      char zBase[64];
      snprintf(zBase, sizeof zBase, "%.*s", (int)(n-3), zF);
      json_t *w = json_object_get(rec, zBase);
      if( w ) json_object_set_new(in, zF, hist_id(w));
      continue;
    }
    if( !v ) continue;
    if( json_is_array(v) ){
      json_t *a = json_array(), *x;
      size_t k;
      int bItem = in_list(t->azItemArr, zF);
      json_array_foreach(v, k, x){
        if( !json_is_object(x) ) json_array_append(a, x);
        else if( bItem ) json_array_append_new(a, hist_item(x, t->azItemKey));
        else if( json_object_get(x, "id") ) json_array_append(a, json_object_get(x, "id"));
        else if( json_object_get(x, "code") ) json_array_append(a, json_object_get(x, "code"));
        else json_array_append(a, x);
      }
      json_object_set_new(in, zF, a);
    }else{
      json_object_set(in, zF, v);
    }
  }
  if( t->xFix ) t->xFix(rec, in);
  return in;
}

/* An opportunity's owner is an organisation or a partner tie. */
static void fix_opp(const json_t *rec, json_t *in){
  json_t *o = json_object_get(rec, "owner");
  const char *zType = jstr0(o, "type");
  if( zType ) json_object_set(in, strcmp(zType, "partner")==0 ? "partner_id" : "org_id", json_object_get(o, "id"));
}
/* An exchange's substantive flag: null when it is the kind's default. */
static void fix_exchange(const json_t *rec, json_t *in){
  if( json_is_false(json_object_get(rec, "substantive_overridden")) ) json_object_set_new(in, "substantive", json_null());
}
/* A delegation's members are people ({"person_id", "role"}). */
static void fix_delegation(const json_t *rec, json_t *in){
  json_t *a = json_object_get(rec, "members"), *x, *r = json_array();
  size_t i;
  json_array_foreach(a, i, x){
    json_t *jId = json_object_get(x, "person_id");
    if( !jId ) jId = json_object_get(x, "id");
    json_t *m = json_pack("{s:O}", "person_id", jId ? jId : json_null());
    if( json_is_string(json_object_get(x, "role")) ) json_object_set(m, "role", json_object_get(x, "role"));
    json_array_append_new(r, m);
  }
  if( a ) json_object_set_new(in, "members", r);
  else json_decref(r);
}
/* A list's members are stored as "member_list" ("members" is their count). */
static void fix_clist(const json_t *rec, json_t *in){
  static const char *const azKey[] = {"iso2", "note", 0};
  json_t *a = json_object_get(rec, "member_list"), *x, *r = json_array();
  size_t i;
  json_array_foreach(a, i, x) json_array_append_new(r, json_is_object(x) ? hist_item(x, azKey) : json_incref(x));
  if( json_is_array(a) ) json_object_set_new(in, "members", r);
  else json_decref(r);
}
/* An invitation's sources are stored as JSON text. */
static void fix_invitation(const json_t *rec, json_t *in){
  (void)rec;
  json_t *v = json_object_get(in, "sources");
  if( json_is_string(v) ){
    json_t *a = json_loads(json_string_value(v), 0, 0);
    json_object_set_new(in, "sources", json_is_array(a) ? a : json_array());
    if( !json_is_array(a) ) json_decref(a);
  }
}

/* Types keyed by other means than an update(id). */
static YcStatus clist_key(Ctx *c, int64_t id, char *zKey, size_t nKey, Err *e){
  DbStmt *p = db_stmt(c->db, "SELECT key FROM country_list WHERE id=?1");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, id);
  YcStatus st = YC_OK;
  if( db_step(p)==DB_ROW ) snprintf(zKey, nKey, "%s", db_text(p, 0));
  else st = err_set(e, YC_ENOTFOUND, "not_found", "id", "no country list with id %lld", (long long)id);
  db_reset(p);
  return st;
}
static YcStatus clist_get_id(Ctx *c, int64_t id, json_t **pp, Err *e){
  char zKey[64];
  YcStatus st = clist_key(c, id, zKey, sizeof zKey, e);
  return st ? st : clist_get(c, zKey, pp, e);
}
static YcStatus clist_put_id(Ctx *c, int64_t id, json_t *in, json_t **pp, Err *e){
  char zKey[64];
  YcStatus st = clist_key(c, id, zKey, sizeof zKey, e);
  return st ? st : clist_update(c, zKey, in, pp, e);
}
static YcStatus profile_put_id(Ctx *c, int64_t id, json_t *in, json_t **pp, Err *e){ return profile_put(c, id, in, 1, pp, e); }
static YcStatus offer_put_id(Ctx *c, int64_t id, json_t *in, json_t **pp, Err *e){ return offer_put(c, id, in, 1, pp, e); }

static const char *const azTieIn[] = {"city_id", "kind", "kind_verified", "status", "established", "label",
  "agreement", "notes", "sources", 0};
static const char *const azOrgIn[] = {"name_en", "name_zh", "type", "side", "city_id", "website", "description",
  "notes", "industries", "partners", "sources", 0};
static const char *const azExIn[] = {"title", "kind", "date", "ties", "fields", "substantive", "participants",
  "organisations", "project_id", "event", "expires", "description", "sources", "links", 0};
static const char *const azPjIn[] = {"title", "stage", "ties", "organisations", "sectors", "value", "currency",
  "start", "end", "milestones", "description", "notes", "sources", 0};
static const char *const azPjItem[] = {"milestones", 0}, *const azPjItemKey[] = {"title", "date", "done", 0};
static const char *const azOppIn[] = {"kind", "category", "direction", "industries", "target_countries",
  "target_cities", "title_zh", "title_en", "description_zh", "description_en", "valid_until", "status",
  "contact", "published", "sources", 0};
static const char *const azListIn[] = {"name_en", "name_zh", "source", "notes", 0};
static const char *const azProfileIn[] = {"industries", "resources", "advantages", "needs", 0};
static const char *const azProfileItemKey[] = {"code", "strength", "description_zh", "description_en",
  "text_zh", "text_en", "industries", "source", "reviewed", 0};
static const char *const azOfferIn[] = {"offers", "needs", 0};
static const char *const azOfferItemKey[] = {"text_zh", "text_en", "industries", 0};
static const char *const azPsIn[] = {"name_zh", "name_en", "name_native", "title", "org_id", "city_id",
  "languages", "roles", "email", "phone", "address", "friend_since", "notes", "sources", 0};
static const char *const azDgIn[] = {"direction", "status", "title_zh", "title_en", "start", "end", "ties",
  "head", "head_person_id", "size", "purpose", "fields", "event_id", "public", "programme", "notes",
  "sources", 0};
static const char *const azDgItem[] = {"programme", 0};
static const char *const azDgItemKey[] = {"date", "time", "title", "place", "org_id", 0};
static const char *const azEvIn[] = {"title_zh", "title_en", "kind", "status", "start", "end", "series_id",
  "edition", "city_id", "place", "organisers", "organisations", "fields", "public", "reported_people",
  "reported_countries", "reported_delegations", "description", "notes", "sources", "links", 0};
static const char *const azNewsIn[] = {"kind", "lang", "title_zh", "title_en", "body_zh", "body_en", "date", "source",
  "status", 0};
static const char *const azSeriesIn[] = {"kind", "name_zh", "name_en", "website", "description", "sources", 0};
static const char *const azInvIn[] = {"tie_id", "org_id", "person_id", "status", "invited_on", "answered_on",
  "size", "head", "head_person_id", "notes", "sources", 0};

static const HistType aHistType[] = {
  {"tie", azTieIn, 0, 0, partner_get, partner_update, 0},
  {"org", azOrgIn, 0, 0, org_get, org_update, 0},
  {"exchange", azExIn, 0, 0, exchange_get, exchange_update, fix_exchange},
  {"project", azPjIn, azPjItem, azPjItemKey, project_get, project_update, 0},
  {"opportunity", azOppIn, 0, 0, opp_get, opp_update, fix_opp},
  {"country_list", azListIn, 0, 0, clist_get_id, clist_put_id, fix_clist},
  {"profile", azProfileIn, azProfileIn, azProfileItemKey, profile_get, profile_put_id, 0},
  {"org_offers", azOfferIn, azOfferIn, azOfferItemKey, offer_get, offer_put_id, 0},
  {"person", azPsIn, 0, 0, person_get, person_update, 0},
  {"delegation", azDgIn, azDgItem, azDgItemKey, delegation_get, delegation_update, fix_delegation},
  {"event", azEvIn, 0, 0, event_get, event_update, 0},
  {"series", azSeriesIn, 0, 0, series_get, series_update, 0},
  {"invitation", azInvIn, 0, 0, invitation_get, invitation_update, fix_invitation},
  {"news", azNewsIn, 0, 0, news_get, news_update, 0},
};

static const HistType *hist_type(const char *zEntity){
  for(size_t i=0; i<sizeof aHistType/sizeof aHistType[0]; i++){
    if( strcmp(aHistType[i].zEntity, zEntity)==0 ) return &aHistType[i];
  }
  return 0;
}

int history_revertable(const char *zEntity){ return hist_type(zEntity)!=0; }

/* The input of zEntity's update that gives back the record rec (for tests
** and for revert). A new reference, or 0 for a type without revert. */
json_t *history_input(const char *zEntity, const json_t *rec){
  const HistType *t = hist_type(zEntity);
  return t ? hist_input(t, rec) : 0;
}

YcStatus history_write(Ctx *c, const char *zEntity, int64_t id, const json_t *rec, const json_t *cur,
                       json_t **ppOut, Err *e){
  *ppOut = 0;
  const HistType *t = hist_type(zEntity);
  if( !t ) return err_set(e, YC_ECONFLICT, "not_revertable", "to", "%s records cannot be written back", zEntity);
  json_t *in = hist_input(t, rec);
  if( cur ){
    /* Only what differs: a field the update cannot express whole (an
    ** organisation's partners with their roles) stays as it is. */
    json_t *now = hist_input(t, cur);
    const char *zKey;
    json_t *v;
    void *tmp;
    json_object_foreach_safe(in, tmp, zKey, v){
      json_t *w = json_object_get(now, zKey);
      if( w && json_equal(v, w) ) json_object_del(in, zKey);
    }
    json_decref(now);
  }
  YcStatus st = t->xPut(c, id, in, ppOut, e);
  json_decref(in);
  return st;
}

YcStatus history_revert(Ctx *c, const char *zEntity, int64_t id, json_t *in, json_t **ppOut, Err *e){
  *ppOut = 0;
  YcStatus st = need_signed_in(c, e);
  if( st ) return st;
  if( !c->zRole || (strcmp(c->zRole, "admin")!=0 && strcmp(c->zRole, "editor")!=0) )
    return err_set(e, YC_EFORBIDDEN, "forbidden", 0, "only an admin or an editor may revert a record");
  static const char *const azIn[] = {"to", 0};
  int64_t to = 0;
  int bSet;
  if( !json_is_object(in) ) return err_set(e, YC_EINVALID, "wrong_type", "to", "the body must be {\"to\": AUDIT_ID}");
  if( (st = in_known_fields(in, azIn, e)) ) return st;
  if( (st = in_int(in, "to", 1, 1, INT64_MAX, &to, &bSet, e)) ) return st;
  DbStmt *p = db_stmt(c->db, "SELECT entity, action, after FROM audit"
    " WHERE id=?1 AND entity_id=?2 AND (entity=?3 OR entity=?4)");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, to);
  db_bind_int64(p, 2, id);
  db_bind_text(p, 3, zEntity, -1);
  db_bind_text(p, 4, hist_companion(zEntity), -1);
  char zEnt[32] = "", zAction[32] = "";
  json_t *rec = 0;
  if( db_step(p)==DB_ROW ){
    snprintf(zEnt, sizeof zEnt, "%s", db_text(p, 0));
    snprintf(zAction, sizeof zAction, "%s", db_text(p, 1));
    rec = hist_json(p, 2);
  }
  db_reset(p);
  if( !zEnt[0] ){
    json_decref(rec);
    return err_set(e, YC_ENOTFOUND, "not_found", "to", "no version %lld in the history of %s %lld",
                   (long long)to, zEntity, (long long)id);
  }
  const HistType *t = hist_type(zEnt);
  if( !t || in_enum_index(azRevertAction, zAction)<0 || !json_is_object(rec) ){
    json_decref(rec);
    return err_set(e, YC_ECONFLICT, "not_revertable", "to", "version %lld (%s of %s) holds no whole record to go back to",
                   (long long)to, zAction, zEnt);
  }
  json_t *cur = 0;
  Err e2;
  if( t->xGet(c, id, &cur, &e2) ){
    json_decref(rec);
    if( e2.st!=YC_ENOTFOUND ){ *e = e2; return e2.st; }
    return err_set(e, YC_ECONFLICT, "deleted", "to", "%s %lld is deleted: restore it, not revert it", zEntity, (long long)id);
  }
  const char *zSaved = c->zAuditAction;
  int64_t savedOf = c->auditRevertOf;
  c->zAuditAction = "revert";
  c->auditRevertOf = to;
  st = history_write(c, zEnt, id, rec, cur, ppOut, e);
  c->zAuditAction = zSaved;
  c->auditRevertOf = savedOf;
  json_decref(cur);
  json_decref(rec);
  if( st ){
    char zMsg[sizeof e->zMsg + 64];
    snprintf(zMsg, sizeof zMsg, "cannot revert to version %lld: %s", (long long)to, e->zMsg);
    memcpy(e->zMsg, zMsg, sizeof e->zMsg - 1);
    e->zMsg[sizeof e->zMsg - 1] = 0;
  }
  return st;
}
