/* auth.c: see auth.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <pthread.h>
#include <sodium.h>
#include "core/auth.h"
#include "core/input.h"
#include "core/audit.h"
#include "base/asset.h"
#include "base/date.h"
#include "store/rows.h"

const char *const azUserRole[] = {"admin", "editor", "member", "viewer", 0};

int auth_init(void){ return sodium_init()<0 ? -1 : 0; }

int auth_equal(const char *a, const char *b){
  size_t n = strlen(a);
  if( n!=strlen(b) ) return 0;
  return sodium_memcmp(a, b, n)==0;
}

static YcStatus check_name(const char *zName, Err *e){
  size_t n = zName ? strlen(zName) : 0;
  if( n<1 || n>64 ) return err_set(e, YC_EINVALID, "invalid_value", "name", "user name must have 1 to 64 characters");
  for(size_t i=0; i<n; i++){
    char ch = zName[i];
    if( !((ch>='a'&&ch<='z') || (ch>='A'&&ch<='Z') || (ch>='0'&&ch<='9') || ch=='.' || ch=='_' || ch=='-' || ch=='@') )
      return err_set(e, YC_EINVALID, "invalid_value", "name", "user name may hold only letters, digits and . _ - @");
  }
  return YC_OK;
}

int auth_common_password(const char *zPw){
  size_t nAll = 0, nPw = strlen(zPw);
  const unsigned char *a = asset_find("data/common_passwords.txt", &nAll);
  if( !a || nPw==0 ) return 0;
  const char *z = (const char*)a, *zEnd = z + nAll;
  while( z<zEnd ){
    const char *zEol = memchr(z, '\n', (size_t)(zEnd - z));
    if( !zEol ) zEol = zEnd;
    size_t n = (size_t)(zEol - z);
    if( n>0 && z[n-1]=='\r' ) n--;
    if( n==nPw && strncasecmp(z, zPw, n)==0 ) return 1;
    z = zEol + 1;
  }
  return 0;
}

static YcStatus check_password(const char *zPw, const char *zName, Err *e){
  size_t n = zPw ? strlen(zPw) : 0;
  if( n<AUTH_PW_MIN ) return err_set(e, YC_EINVALID, "too_short", "password", "password must have at least %d characters", AUTH_PW_MIN);
  if( n>1024 ) return err_set(e, YC_EINVALID, "too_long", "password", "password is too long");
  if( zName && strcasecmp(zPw, zName)==0 )
    return err_set(e, YC_EINVALID, "same_as_name", "password", "password must not be the user name");
  if( auth_common_password(zPw) )
    return err_set(e, YC_EINVALID, "common_password", "password", "password is in a list of common passwords; choose another");
  return YC_OK;
}

static YcStatus hash_password(const char *zPw, char zHash[crypto_pwhash_STRBYTES], Err *e){
  if( crypto_pwhash_str(zHash, zPw, strlen(zPw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE)!=0 )
    return err_set(e, YC_EINTERNAL, "hash_failed", 0, "could not hash the password (out of memory)");
  return YC_OK;
}

/* A hash of a random password, verified in place of a missing one so that
** an unknown user name costs the same time as a known one. */
static char zDummyHash[crypto_pwhash_STRBYTES];
static void make_dummy(void){
  unsigned char a[24];
  char z[64];
  randombytes_buf(a, sizeof a);
  sodium_bin2hex(z, sizeof z, a, sizeof a);
  if( crypto_pwhash_str(zDummyHash, z, strlen(z), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE)!=0 ) zDummyHash[0] = 0;
}
static pthread_once_t dummyOnce = PTHREAD_ONCE_INIT;
static _Atomic long nVerify;

long auth_verify_count(void){ return nVerify; }

/* Verify zPw against zHash, or against the dummy hash when zHash is empty
** (the answer is then always "no"). */
static int verify(const char *zHash, const char *zPw){
  nVerify++;
  if( !zPw ) zPw = "";
  if( !zHash || !zHash[0] ){
    pthread_once(&dummyOnce, make_dummy);
    int rc = crypto_pwhash_str_verify(zDummyHash, zPw, strlen(zPw));
    (void)rc;
    return 0;
  }
  return crypto_pwhash_str_verify(zHash, zPw, strlen(zPw))==0;
}

/* Only an admin may manage accounts; the operator at the CLI (no role,
** an actor other than the web's "anonymous") may too. */
static YcStatus need_admin(Ctx *c, Err *e){
  if( c->zRole && strcmp(c->zRole, "admin")==0 ) return YC_OK;
  if( !c->zRole && c->zActor && strcmp(c->zActor, "anonymous")!=0 ) return YC_OK;   /* CLI, init */
  if( !c->zRole ) return err_set(e, YC_EAUTH, "unauthenticated", 0, "log in or send a bearer token");
  return err_set(e, YC_EFORBIDDEN, "forbidden", 0, "only an admin can manage accounts");
}

/* Run one statement with up to two int64 bindings for its effect. */
static YcStatus exec_id(Ctx *c, const char *zSql, int64_t a, Err *e){
  DbStmt *p = db_stmt(c->db, zSql);
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, a);
  int rc = db_step(p);
  db_reset(p);
  return rc==DB_DONE ? YC_OK : db_error(c->db, rc, e);
}

/* End every session and token of a user. */
static YcStatus end_access(Ctx *c, int64_t uid, Err *e){
  YcStatus st = exec_id(c, "DELETE FROM session WHERE user_id=?1", uid, e);
  if( !st ) st = exec_id(c, "DELETE FROM token WHERE user_id=?1", uid, e);
  return st;
}

YcStatus user_add(Ctx *c, const char *zName, const char *zPassword,
                  const char *zRole, int64_t *pId, Err *e){
  return user_add_org(c, zName, zPassword, zRole, 0, pId, e);
}

static int org_exists(Ctx *c, int64_t id){
  DbStmt *p = db_stmt(c->db, "SELECT 1 FROM org WHERE id=?1");
  if( !p ) return 0;
  db_bind_int64(p, 1, id);
  int b = db_step(p)==DB_ROW;
  db_reset(p);
  return b;
}

static int unit_exists(Ctx *c, int64_t id){
  DbStmt *p = db_stmt(c->db, "SELECT 1 FROM unit WHERE id=?1");
  if( !p ) return 0;
  db_bind_int64(p, 1, id);
  int b = db_step(p)==DB_ROW;
  db_reset(p);
  return b;
}

YcStatus user_add_org(Ctx *c, const char *zName, const char *zPassword,
                      const char *zRole, int64_t orgId, int64_t *pId, Err *e){
  YcStatus st = check_name(zName, e);
  if( st ) return st;
  if( !zRole ) zRole = "editor";
  if( in_enum_index(azUserRole, zRole)<0 )
    return err_set(e, YC_EINVALID, "invalid_value", "role", "role must be admin, editor, member or viewer");
  if( strcmp(zRole, "member")==0 && !orgId )
    return err_set(e, YC_EINVALID, "required", "org_id", "a member must belong to an organisation (--org ID)");
  if( orgId && !org_exists(c, orgId) )
    return err_set(e, YC_EINVALID, "unknown_org", "org_id", "no organisation with id %lld", (long long)orgId);
  char zHash[crypto_pwhash_STRBYTES];
  if( zPassword ){
    if( (st = check_password(zPassword, zName, e)) ) return st;
    if( (st = hash_password(zPassword, zHash, e)) ) return st;
  }
  char zNow[24];
  date_now(zNow);
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  DbStmt *p = db_stmt(c->db, "INSERT INTO user(name,pw_hash,role,created_at,org_id) VALUES(?1,?2,?3,?4,?5)");
  if( !p ){ db_rollback(c->db); return db_error(c->db, DB_ERROR, e); }
  db_bind_text(p, 1, zName, -1);
  if( zPassword ) db_bind_text(p, 2, zHash, -1);
  db_bind_text(p, 3, zRole, -1);
  db_bind_text(p, 4, zNow, -1);
  db_bind_id(p, 5, orgId);
  int rc = db_step(p);
  db_reset(p);
  if( rc!=DB_DONE ){
    db_rollback(c->db);
    if( db_error(c->db, rc, e)==YC_ECONFLICT )
      return err_set(e, YC_ECONFLICT, "duplicate", "name", "a user named %s exists already", zName);
    return e ? e->st : YC_EINTERNAL;
  }
  int64_t id = db_last_id(c->db);
  if( pId ) *pId = id;
  json_t *j = json_pack("{s:s, s:s}", "name", zName, "role", zRole);
  if( orgId ) json_object_set_new(j, "org_id", json_integer(orgId));
  st = audit_log(c, "create", "user", id, 0, j, e);
  json_decref(j);
  if( st==YC_OK ) st = db_commit(c->db, e);
  if( st ) db_rollback(c->db);
  return st;
}

YcStatus user_id_of(Ctx *c, const char *zName, int64_t *pId, Err *e){
  *pId = 0;
  DbStmt *p = db_stmt(c->db, "SELECT id FROM user WHERE name=?1");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_text(p, 1, zName ? zName : "", -1);
  if( db_step(p)==DB_ROW ) *pId = db_col_int64(p, 0);
  db_reset(p);
  if( !*pId ) return err_set(e, YC_ENOTFOUND, "not_found", "name", "no user named %.64s", zName ? zName : "");
  return YC_OK;
}

YcStatus user_set_password(Ctx *c, const char *zName, const char *zPassword, Err *e){
  int64_t uid;
  YcStatus st = user_id_of(c, zName, &uid, e);
  if( st ) return st;
  if( (st = check_password(zPassword, zName, e)) ) return st;
  char zHash[crypto_pwhash_STRBYTES];
  if( (st = hash_password(zPassword, zHash, e)) ) return st;
  if( db_begin(c->db, e) ) return e ? e->st : YC_EINTERNAL;
  DbStmt *p = db_stmt(c->db, "UPDATE user SET pw_hash=?2 WHERE id=?1");
  int rc = DB_ERROR;
  if( p ){
    db_bind_int64(p, 1, uid);
    db_bind_text(p, 2, zHash, -1);
    rc = db_step(p);
    db_reset(p);
  }
  st = rc==DB_DONE ? YC_OK : db_error(c->db, rc, e);
  if( !st ) st = end_access(c, uid, e);
  if( !st ){
    json_t *j = json_pack("{s:s, s:b}", "name", zName, "password_changed", 1);
    st = audit_log(c, "update", "user", uid, 0, j, e);
    json_decref(j);
  }
  if( !st ) st = db_commit(c->db, e);
  if( st ) db_rollback(c->db);
  return st;
}

/* One user as JSON (new reference) or 0. */
#define USER_COLUMNS "id, name, role, disabled_at, created_at, last_login, unit_id, org_id, own_unit_only"
static const char *const azUserCol[] = {"id", "name", "role", "disabled_at", "created_at", "last_login",
  "unit_id", "org_id", "own_unit_only", 0};

static json_t *user_json(Ctx *c, int64_t uid){
  const char *const *az = azUserCol;
  DbStmt *p = db_stmt(c->db, "SELECT " USER_COLUMNS " FROM user WHERE id=?1");
  if( !p ) return 0;
  db_bind_int64(p, 1, uid);
  json_t *j = db_step(p)==DB_ROW ? rows_object(p, az) : 0;
  db_reset(p);
  if( j ){
    json_object_set_new(j, "disabled", json_boolean(!json_is_null(json_object_get(j, "disabled_at"))));
    json_object_set_new(j, "own_unit_only", json_boolean(json_integer_value(json_object_get(j, "own_unit_only"))));
  }
  return j;
}

static const char *const azTokenCol[] = {"id", "user_id", "user", "name", "created_at", "last_used", "expires_at", 0};
#define TOKEN_SELECT "SELECT t.id, t.user_id, u.name, t.name, t.created_at, t.last_used, t.expires_at" \
                     " FROM token t JOIN user u ON u.id=t.user_id"

YcStatus user_list(Ctx *c, json_t **pOut, Err *e){
  *pOut = 0;
  YcStatus st = need_admin(c, e);
  if( st ) return st;
  const char *const *az = azUserCol;
  DbStmt *p = db_stmt(c->db, "SELECT " USER_COLUMNS " FROM user ORDER BY name, id");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  json_t *a = rows_all(c->db, p, az, e);
  if( !a ) return e ? e->st : YC_EINTERNAL;
  p = db_stmt(c->db, TOKEN_SELECT " ORDER BY t.id");
  json_t *aTok = p ? rows_all(c->db, p, azTokenCol, e) : 0;
  if( !aTok ){ json_decref(a); return p ? (e ? e->st : YC_EINTERNAL) : db_error(c->db, DB_ERROR, e); }
  size_t i, k;
  json_t *u, *t;
  json_array_foreach(a, i, u){
    json_object_set_new(u, "disabled", json_boolean(!json_is_null(json_object_get(u, "disabled_at"))));
    json_object_set_new(u, "own_unit_only", json_boolean(json_integer_value(json_object_get(u, "own_unit_only"))));
    json_t *aMine = json_array();
    json_array_foreach(aTok, k, t){
      if( json_integer_value(json_object_get(t, "user_id"))==json_integer_value(json_object_get(u, "id")) )
        json_array_append(aMine, t);
    }
    json_object_set_new(u, "tokens", aMine);
  }
  json_decref(aTok);
  *pOut = json_pack("{s:o, s:I}", "items", a, "total", (json_int_t)json_array_size(a));
  return YC_OK;
}

YcStatus user_patch(Ctx *c, int64_t uid, json_t *in, json_t **pOut, Err *e){
  static const char *const azKnown[] = {"role", "disabled", "unit_id", "org_id", "own_unit_only", 0};
  if( pOut ) *pOut = 0;
  YcStatus st = need_admin(c, e);
  if( st ) return st;
  if( !json_is_object(in) ) return err_set(e, YC_EINVALID, "invalid_body", 0, "the body must be a JSON object");
  if( (st = in_known_fields(in, azKnown, e)) ) return st;
  const char *zRole = 0;
  int bRole = 0, bDis = 0, bDisSet = 0, bUnit = 0, bOrg = 0, bOwn = 0, bOwnSet = 0;
  int64_t unitId = 0, orgId = 0;
  if( (st = in_enum(in, "role", 0, azUserRole, &zRole, &bRole, e)) ) return st;
  if( bRole && !zRole ) return err_set(e, YC_EINVALID, "required", "role", "role must be admin, editor, member or viewer");
  if( (st = in_bool(in, "disabled", &bDis, &bDisSet, e)) ) return st;
  if( (st = in_int(in, "unit_id", 0, 1, INT64_MAX, &unitId, &bUnit, e)) ) return st;
  if( (st = in_int(in, "org_id", 0, 1, INT64_MAX, &orgId, &bOrg, e)) ) return st;
  bUnit = json_object_get(in, "unit_id")!=0;    /* null clears: given too */
  bOrg = json_object_get(in, "org_id")!=0;
  if( (st = in_bool(in, "own_unit_only", &bOwn, &bOwnSet, e)) ) return st;
  if( unitId && !unit_exists(c, unitId) )
    return err_set(e, YC_EINVALID, "unknown_unit", "unit_id", "no unit with id %lld", (long long)unitId);
  if( orgId && !org_exists(c, orgId) )
    return err_set(e, YC_EINVALID, "unknown_org", "org_id", "no organisation with id %lld", (long long)orgId);
  json_t *before = user_json(c, uid);
  if( !before ) return err_set(e, YC_ENOTFOUND, "not_found", "id", "no user with id %lld", (long long)uid);
  if( c->userId==uid && ((bDisSet && bDis) || (bRole && strcmp(zRole, "admin")!=0)) ){
    json_decref(before);
    return err_set(e, YC_EINVALID, "own_account", bRole ? "role" : "disabled",
                   "an admin cannot disable or demote their own account");
  }
  /* The membership after the change: a unit or an organisation, not both;
  ** a member needs an organisation. */
  const char *zNewRole = bRole ? zRole : json_string_value(json_object_get(before, "role"));
  int64_t newUnit = bUnit ? unitId : (int64_t)json_integer_value(json_object_get(before, "unit_id"));
  int64_t newOrg = bOrg ? orgId : (int64_t)json_integer_value(json_object_get(before, "org_id"));
  int newOwn = bOwnSet ? bOwn : json_is_true(json_object_get(before, "own_unit_only"));
  if( newUnit && newOrg ){
    json_decref(before);
    return err_set(e, YC_EINVALID, "unit_and_org", bUnit ? "unit_id" : "org_id",
                   "a user belongs to a unit or to an organisation, not both");
  }
  if( strcmp(zNewRole, "member")==0 && !newOrg ){
    json_decref(before);
    return err_set(e, YC_EINVALID, "required", "org_id", "a member must belong to an organisation");
  }
  int bWasDis = json_is_true(json_object_get(before, "disabled"));
  if( db_begin(c->db, e) ){ json_decref(before); return e ? e->st : YC_EINTERNAL; }
  {
    DbStmt *p = db_stmt(c->db, "UPDATE user SET role=?2, unit_id=?3, org_id=?4, own_unit_only=?5 WHERE id=?1");
    int rc = DB_ERROR;
    if( p ){
      db_bind_int64(p, 1, uid);
      db_bind_text(p, 2, zNewRole, -1);
      db_bind_id(p, 3, newUnit);
      db_bind_id(p, 4, newOrg);
      db_bind_int(p, 5, newOwn ? 1 : 0);
      rc = db_step(p);
      db_reset(p);
    }
    if( rc!=DB_DONE ) st = db_error(c->db, rc, e);
  }
  if( !st && bDisSet && bDis && !bWasDis ){
    char zNow[24];
    date_now(zNow);
    DbStmt *p = db_stmt(c->db, "UPDATE user SET disabled_at=?2 WHERE id=?1");
    int rc = DB_ERROR;
    if( p ){ db_bind_int64(p, 1, uid); db_bind_text(p, 2, zNow, -1); rc = db_step(p); db_reset(p); }
    if( rc!=DB_DONE ) st = db_error(c->db, rc, e);
    if( !st ) st = end_access(c, uid, e);
  }else if( !st && bDisSet && !bDis && bWasDis ){
    st = exec_id(c, "UPDATE user SET disabled_at=NULL WHERE id=?1", uid, e);
  }
  json_t *after = st ? 0 : user_json(c, uid);
  if( !st ) st = audit_log(c, "update", "user", uid, before, after, e);
  if( !st ) st = db_commit(c->db, e);
  if( st ){ db_rollback(c->db); json_decref(after); after = 0; }
  json_decref(before);
  if( pOut ) *pOut = after; else json_decref(after);
  return st;
}

/* A random token "prefix_" + 43 characters of base64url. Returns malloc'd. */
static char *random_token(const char *zPrefix){
  unsigned char a[32];
  randombytes_buf(a, sizeof a);
  char zB64[64];
  sodium_bin2base64(zB64, sizeof zB64, a, sizeof a, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  size_t n = strlen(zPrefix) + strlen(zB64) + 1;
  char *z = malloc(n);
  if( z ) snprintf(z, n, "%s%s", zPrefix, zB64);
  return z;
}

char *auth_random_token(void){ return random_token(""); }

static void digest(const char *z, unsigned char out[32]){
  crypto_generichash(out, 32, (const unsigned char*)z, strlen(z), 0, 0);
}

YcStatus token_create(Ctx *c, const char *zName, const char *zTokName, int nDays,
                      char **pzToken, Err *e){
  *pzToken = 0;
  int64_t uid;
  YcStatus st = user_id_of(c, zName, &uid, e);
  if( st ) return st;
  if( zTokName && (strlen(zTokName)<1 || strlen(zTokName)>100) )
    return err_set(e, YC_EINVALID, "invalid_value", "name", "a token name must have 1 to 100 characters");
  if( nDays<0 || nDays>3650 )
    return err_set(e, YC_EINVALID, "invalid_value", "expires", "expires must be a number of days from 1 to 3650");
  char *zTok = random_token("yc_");
  if( !zTok ) return err_set(e, YC_EINTERNAL, 0, 0, "out of memory");
  unsigned char h[32];
  digest(zTok, h);
  char zNow[24], zExp[24];
  date_now(zNow);
  if( nDays>0 ) date_stamp((int64_t)time(0) + (int64_t)nDays*86400, 0, zExp);
  if( db_begin(c->db, e) ){ free(zTok); return e ? e->st : YC_EINTERNAL; }
  DbStmt *p = db_stmt(c->db, "INSERT INTO token(user_id,hash,created_at,name,expires_at) VALUES(?1,?2,?3,?4,?5)");
  int rc = DB_ERROR;
  if( p ){
    db_bind_int64(p, 1, uid);
    db_bind_blob(p, 2, h, 32);
    db_bind_text(p, 3, zNow, -1);
    db_bind_text(p, 4, zTokName, -1);
    db_bind_text(p, 5, nDays>0 ? zExp : 0, -1);
    rc = db_step(p);
    db_reset(p);
  }
  st = rc==DB_DONE ? YC_OK : db_error(c->db, rc, e);
  if( !st ){
    int64_t id = db_last_id(c->db);
    json_t *j = json_pack("{s:s, s:s?, s:s?}", "user", zName, "name", zTokName, "expires_at", nDays>0 ? zExp : 0);
    st = audit_log(c, "create", "token", id, 0, j, e);
    json_decref(j);
  }
  if( !st ) st = db_commit(c->db, e);
  if( st ){ db_rollback(c->db); free(zTok); return st; }
  *pzToken = zTok;
  return YC_OK;
}

YcStatus token_list(Ctx *c, int64_t uid, json_t **pOut, Err *e){
  *pOut = 0;
  YcStatus st = need_admin(c, e);
  if( st ) return st;
  DbStmt *p = db_stmt(c->db, TOKEN_SELECT " WHERE ?1=0 OR t.user_id=?1 ORDER BY t.id");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, uid);
  json_t *a = rows_all(c->db, p, azTokenCol, e);
  if( !a ) return e ? e->st : YC_EINTERNAL;
  *pOut = json_pack("{s:o, s:I}", "items", a, "total", (json_int_t)json_array_size(a));
  return YC_OK;
}

YcStatus token_revoke(Ctx *c, int64_t id, Err *e){
  YcStatus st = need_admin(c, e);
  if( st ) return st;
  DbStmt *p = db_stmt(c->db, TOKEN_SELECT " WHERE t.id=?1");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, id);
  json_t *before = db_step(p)==DB_ROW ? rows_object(p, azTokenCol) : 0;
  db_reset(p);
  if( !before ) return err_set(e, YC_ENOTFOUND, "not_found", "id", "no token with id %lld", (long long)id);
  if( db_begin(c->db, e) ){ json_decref(before); return e ? e->st : YC_EINTERNAL; }
  st = exec_id(c, "DELETE FROM token WHERE id=?1", id, e);
  if( !st ) st = audit_log(c, "delete", "token", id, before, 0, e);
  if( !st ) st = db_commit(c->db, e);
  if( st ) db_rollback(c->db);
  json_decref(before);
  return st;
}

/* Write a last-use time at most once per AUTH_TOUCH_SECONDS: a write per
** request would serialise every reader on the write lock. */
static void touch(Ctx *c, const char *zSql, const unsigned char *h, const char *zLast, int64_t now){
  char zNow[24];
  date_stamp(now - AUTH_TOUCH_SECONDS, 0, zNow);
  if( zLast && strcmp(zLast, zNow)>0 ) return;
  date_stamp(now, 0, zNow);
  DbStmt *p = db_stmt(c->db, zSql);
  if( !p ) return;
  db_bind_blob(p, 1, h, 32);
  db_bind_text(p, 2, zNow, -1);
  db_step(p);
  db_reset(p);
}

YcStatus auth_bearer(Ctx *c, const char *zToken, char **pzName, char **pzRole, Err *e){
  if( !zToken || strlen(zToken)>200 ) return err_set(e, YC_EAUTH, "invalid_token", 0, "invalid bearer token");
  unsigned char h[32];
  digest(zToken, h);
  int64_t now = (int64_t)time(0);
  char zNow[24];
  date_stamp(now, 0, zNow);
  DbStmt *p = db_stmt(c->db, "SELECT u.id, u.name, u.role, t.last_used, u.unit_id, u.org_id, u.own_unit_only FROM token t JOIN user u ON u.id=t.user_id"
                             " WHERE t.hash=?1 AND u.disabled_at IS NULL AND (t.expires_at IS NULL OR t.expires_at>?2)");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_blob(p, 1, h, 32);
  db_bind_text(p, 2, zNow, -1);
  YcStatus st = err_set(e, YC_EAUTH, "invalid_token", 0, "invalid or expired bearer token");
  char zLast[24] = "";
  int bLast = 0;
  if( db_step(p)==DB_ROW ){
    c->userId = db_col_int64(p, 0);
    *pzName = strdup(db_text(p, 1));
    *pzRole = strdup(db_text(p, 2));
    if( db_text(p, 3) ){ snprintf(zLast, sizeof zLast, "%s", db_text(p, 3)); bLast = 1; }
    c->unitId = db_col_int64(p, 4);
    c->orgId = db_col_int64(p, 5);
    c->bOwnUnit = db_col_int(p, 6);
    st = YC_OK;
  }
  db_reset(p);
  if( !st ) touch(c, "UPDATE token SET last_used=?2 WHERE hash=?1", h, bLast ? zLast : 0, now);
  return st;
}

/* --- throttling of failed logins ------------------------------------ */

/* Seconds key must still wait (0: may try). */
static int64_t throttle_wait(Ctx *c, const char *zKey, int64_t now){
  DbStmt *p = db_stmt(c->db, "SELECT locked_until FROM login_attempt WHERE key=?1");
  if( !p ) return 0;
  db_bind_text(p, 1, zKey, -1);
  int64_t t = db_step(p)==DB_ROW ? db_col_int64(p, 0) : 0;
  db_reset(p);
  return t>now ? t - now : 0;
}

/* Count one failure of key; after nMax failures in the window it is
** locked for AUTH_LOCK_SECONDS, doubled for every further failure. */
static void throttle_fail(Ctx *c, const char *zKey, int nMax, int64_t now){
  DbStmt *p = db_stmt(c->db,
    "INSERT INTO login_attempt(key,failures,first_at,locked_until) VALUES(?1,1,?2,0)"
    " ON CONFLICT(key) DO UPDATE SET"
    "  failures = CASE WHEN first_at<?2-?3 AND locked_until<=?2 THEN 1 ELSE failures+1 END,"
    "  first_at = CASE WHEN first_at<?2-?3 AND locked_until<=?2 THEN ?2 ELSE first_at END"
    " RETURNING failures");
  if( !p ) return;
  db_bind_text(p, 1, zKey, -1);
  db_bind_int64(p, 2, now);
  db_bind_int64(p, 3, AUTH_WINDOW_SECONDS);
  int64_t n = db_step(p)==DB_ROW ? db_col_int64(p, 0) : 0;
  db_reset(p);
  if( n<nMax ) return;
  int64_t nShift = n - nMax;
  int64_t nLock = nShift>6 ? AUTH_LOCK_MAX_SECONDS : (int64_t)AUTH_LOCK_SECONDS << nShift;
  if( nLock>AUTH_LOCK_MAX_SECONDS ) nLock = AUTH_LOCK_MAX_SECONDS;
  p = db_stmt(c->db, "UPDATE login_attempt SET locked_until=?2 WHERE key=?1");
  if( !p ) return;
  db_bind_text(p, 1, zKey, -1);
  db_bind_int64(p, 2, now + nLock);
  db_step(p);
  db_reset(p);
}

static void throttle_clear(Ctx *c, const char *zKey){
  DbStmt *p = db_stmt(c->db, "DELETE FROM login_attempt WHERE key=?1");
  if( !p ) return;
  db_bind_text(p, 1, zKey, -1);
  db_step(p);
  db_reset(p);
}

YcStatus auth_login(Ctx *c, const char *zName, const char *zPassword, const char *zAddr,
                    char **pzCookie, char **pzCsrf, int *pnRetry, Err *e){
  *pzCookie = *pzCsrf = 0;
  if( pnRetry ) *pnRetry = 0;
  char zUserKey[80], zAddrKey[80];
  snprintf(zUserKey, sizeof zUserKey, "u:%.70s", zName ? zName : "");
  snprintf(zAddrKey, sizeof zAddrKey, "a:%.70s", zAddr ? zAddr : "");
  int64_t now = (int64_t)time(0);
  int64_t nWait = throttle_wait(c, zUserKey, now);
  if( zAddr ){
    int64_t nA = throttle_wait(c, zAddrKey, now);
    if( nA>nWait ) nWait = nA;
  }
  if( nWait>0 ){
    if( pnRetry ) *pnRetry = (int)nWait;
    return err_set(e, YC_ETOOMANY, "too_many_attempts", "password",
                   "too many failed logins; try again in %lld seconds", (long long)nWait);
  }
  DbStmt *p = db_stmt(c->db, "SELECT id, pw_hash, disabled_at IS NOT NULL FROM user WHERE name=?1");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_text(p, 1, zName ? zName : "", -1);
  int64_t uid = 0;
  int bDisabled = 0;
  char zHash[crypto_pwhash_STRBYTES] = "";
  if( db_step(p)==DB_ROW ){
    uid = db_col_int64(p, 0);
    if( db_text(p, 1) ) snprintf(zHash, sizeof zHash, "%s", db_text(p, 1));
    bDisabled = db_col_int(p, 2);
  }
  db_reset(p);
  int bOk = verify(zHash, zPassword);   /* the dummy hash when there is none */
  if( !uid || !bOk || bDisabled ){
    throttle_fail(c, zUserKey, AUTH_MAX_FAILURES, now);
    if( zAddr ) throttle_fail(c, zAddrKey, AUTH_MAX_FAILURES_ADDR, now);
    return err_set(e, YC_EAUTH, "bad_login", "password", "wrong user name or password");
  }
  throttle_clear(c, zUserKey);
  char *zCookie = random_token("");
  char *zCsrf = random_token("");
  if( !zCookie || !zCsrf ){ free(zCookie); free(zCsrf); return err_set(e, YC_EINTERNAL, 0, 0, "out of memory"); }
  unsigned char h[32];
  digest(zCookie, h);
  char zExp[24], zNow[24], zIdle[24];
  date_stamp(now, 0, zNow);
  date_stamp(now + AUTH_SESSION_MAX_SECONDS, 0, zExp);
  p = db_stmt(c->db, "INSERT INTO session(hash,user_id,csrf,expires_at,created_at,last_seen) VALUES(?1,?2,?3,?4,?5,?5)");
  int rc = DB_ERROR;
  if( p ){
    db_bind_blob(p, 1, h, 32);
    db_bind_int64(p, 2, uid);
    db_bind_text(p, 3, zCsrf, -1);
    db_bind_text(p, 4, zExp, -1);
    db_bind_text(p, 5, zNow, -1);
    rc = db_step(p);
    db_reset(p);
  }
  if( rc!=DB_DONE ){ free(zCookie); free(zCsrf); return db_error(c->db, rc, e); }
  p = db_stmt(c->db, "UPDATE user SET last_login=?2 WHERE id=?1");
  if( p ){ db_bind_int64(p, 1, uid); db_bind_text(p, 2, zNow, -1); db_step(p); db_reset(p); }
  /* Forget expired and idle sessions, and old failure counters. */
  date_stamp(now - AUTH_SESSION_IDLE_SECONDS, 0, zIdle);
  p = db_stmt(c->db, "DELETE FROM session WHERE expires_at<?1 OR last_seen<?2");
  if( p ){ db_bind_text(p, 1, zNow, -1); db_bind_text(p, 2, zIdle, -1); db_step(p); db_reset(p); }
  p = db_stmt(c->db, "DELETE FROM login_attempt WHERE first_at<?1 AND locked_until<?2");
  if( p ){ db_bind_int64(p, 1, now - AUTH_WINDOW_SECONDS); db_bind_int64(p, 2, now); db_step(p); db_reset(p); }
  *pzCookie = zCookie;
  *pzCsrf = zCsrf;
  return YC_OK;
}

YcStatus auth_session(Ctx *c, const char *zCookie, char **pzName, char **pzRole,
                      char **pzCsrf, Err *e){
  if( !zCookie || strlen(zCookie)>200 ) return err_set(e, YC_EAUTH, "no_session", 0, "not logged in");
  unsigned char h[32];
  digest(zCookie, h);
  int64_t now = (int64_t)time(0);
  char zNow[24], zIdle[24];
  date_stamp(now, 0, zNow);
  date_stamp(now - AUTH_SESSION_IDLE_SECONDS, 0, zIdle);
  DbStmt *p = db_stmt(c->db, "SELECT u.id, u.name, u.role, s.csrf, s.last_seen, u.unit_id, u.org_id, u.own_unit_only FROM session s JOIN user u ON u.id=s.user_id"
                             " WHERE s.hash=?1 AND s.expires_at>?2 AND s.last_seen>?3 AND u.disabled_at IS NULL");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_blob(p, 1, h, 32);
  db_bind_text(p, 2, zNow, -1);
  db_bind_text(p, 3, zIdle, -1);
  YcStatus st = err_set(e, YC_EAUTH, "no_session", 0, "not logged in");
  char zLast[24] = "";
  if( db_step(p)==DB_ROW ){
    c->userId = db_col_int64(p, 0);
    *pzName = strdup(db_text(p, 1));
    *pzRole = strdup(db_text(p, 2));
    *pzCsrf = strdup(db_text(p, 3));
    snprintf(zLast, sizeof zLast, "%s", db_text(p, 4) ? db_text(p, 4) : "");
    c->unitId = db_col_int64(p, 5);
    c->orgId = db_col_int64(p, 6);
    c->bOwnUnit = db_col_int(p, 7);
    st = YC_OK;
  }
  db_reset(p);
  if( !st ) touch(c, "UPDATE session SET last_seen=?2 WHERE hash=?1", h, zLast[0] ? zLast : 0, now);
  return st;
}

void auth_logout(Ctx *c, const char *zCookie){
  if( !zCookie ) return;
  unsigned char h[32];
  digest(zCookie, h);
  DbStmt *p = db_stmt(c->db, "DELETE FROM session WHERE hash=?1");
  if( !p ) return;
  db_bind_blob(p, 1, h, 32);
  db_step(p);
  db_reset(p);
}
