/* auth.c: see auth.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sodium.h>
#include "core/auth.h"
#include "core/input.h"
#include "core/audit.h"
#include "base/date.h"

const char *const azUserRole[] = {"admin", "editor", "viewer", 0};

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

static YcStatus check_password(const char *zPw, Err *e){
  size_t n = strlen(zPw);
  if( n<8 ) return err_set(e, YC_EINVALID, "too_short", "password", "password must have at least 8 characters");
  if( n>1024 ) return err_set(e, YC_EINVALID, "too_long", "password", "password is too long");
  return YC_OK;
}

static YcStatus hash_password(const char *zPw, char zHash[crypto_pwhash_STRBYTES], Err *e){
  if( crypto_pwhash_str(zHash, zPw, strlen(zPw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE)!=0 )
    return err_set(e, YC_EINTERNAL, "hash_failed", 0, "could not hash the password (out of memory)");
  return YC_OK;
}

YcStatus user_add(Ctx *c, const char *zName, const char *zPassword,
                  const char *zRole, int64_t *pId, Err *e){
  YcStatus st = check_name(zName, e);
  if( st ) return st;
  if( !zRole ) zRole = "editor";
  if( in_enum_index(azUserRole, zRole)<0 )
    return err_set(e, YC_EINVALID, "invalid_value", "role", "role must be admin, editor or viewer");
  char zHash[crypto_pwhash_STRBYTES];
  if( zPassword ){
    if( (st = check_password(zPassword, e)) ) return st;
    if( (st = hash_password(zPassword, zHash, e)) ) return st;
  }
  char zNow[24];
  date_now(zNow);
  if( db_begin(c->db, e) ) return YC_EINTERNAL;
  DbStmt *p = db_stmt(c->db, "INSERT INTO user(name,pw_hash,role,created_at) VALUES(?1,?2,?3,?4)");
  if( !p ){ db_rollback(c->db); return db_error(c->db, DB_ERROR, e); }
  db_bind_text(p, 1, zName, -1);
  if( zPassword ) db_bind_text(p, 2, zHash, -1);
  db_bind_text(p, 3, zRole, -1);
  db_bind_text(p, 4, zNow, -1);
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
  st = audit_log(c, "create", "user", id, 0, j, e);
  json_decref(j);
  if( st==YC_OK ) st = db_commit(c->db, e);
  if( st ) db_rollback(c->db);
  return st;
}

YcStatus user_set_password(Ctx *c, const char *zName, const char *zPassword, Err *e){
  YcStatus st = check_password(zPassword, e);
  if( st ) return st;
  char zHash[crypto_pwhash_STRBYTES];
  if( (st = hash_password(zPassword, zHash, e)) ) return st;
  DbStmt *p = db_stmt(c->db, "UPDATE user SET pw_hash=?2 WHERE name=?1");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_text(p, 1, zName, -1);
  db_bind_text(p, 2, zHash, -1);
  int rc = db_step(p);
  db_reset(p);
  if( rc!=DB_DONE ) return db_error(c->db, rc, e);
  if( db_changes(c->db)==0 ) return err_set(e, YC_ENOTFOUND, "not_found", "name", "no user named %s", zName);
  return YC_OK;
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

static void digest(const char *z, unsigned char out[32]){
  crypto_generichash(out, 32, (const unsigned char*)z, strlen(z), 0, 0);
}

YcStatus token_create(Ctx *c, const char *zName, char **pzToken, Err *e){
  *pzToken = 0;
  DbStmt *p = db_stmt(c->db, "SELECT id FROM user WHERE name=?1");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_text(p, 1, zName, -1);
  int64_t uid = db_step(p)==DB_ROW ? db_col_int64(p, 0) : 0;
  db_reset(p);
  if( !uid ) return err_set(e, YC_ENOTFOUND, "not_found", "name", "no user named %s", zName);
  char *zTok = random_token("yc_");
  if( !zTok ) return err_set(e, YC_EINTERNAL, 0, 0, "out of memory");
  unsigned char h[32];
  digest(zTok, h);
  char zNow[24];
  date_now(zNow);
  p = db_stmt(c->db, "INSERT INTO token(user_id,hash,created_at) VALUES(?1,?2,?3)");
  if( !p ){ free(zTok); return db_error(c->db, DB_ERROR, e); }
  db_bind_int64(p, 1, uid);
  db_bind_blob(p, 2, h, 32);
  db_bind_text(p, 3, zNow, -1);
  int rc = db_step(p);
  db_reset(p);
  if( rc!=DB_DONE ){ free(zTok); return db_error(c->db, rc, e); }
  *pzToken = zTok;
  return YC_OK;
}

YcStatus auth_bearer(Ctx *c, const char *zToken, char **pzName, char **pzRole, Err *e){
  if( !zToken || strlen(zToken)>200 ) return err_set(e, YC_EAUTH, "invalid_token", 0, "invalid bearer token");
  unsigned char h[32];
  digest(zToken, h);
  DbStmt *p = db_stmt(c->db, "SELECT u.id, u.name, u.role FROM token t JOIN user u ON u.id=t.user_id WHERE t.hash=?1");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_blob(p, 1, h, 32);
  YcStatus st = err_set(e, YC_EAUTH, "invalid_token", 0, "invalid bearer token");
  if( db_step(p)==DB_ROW ){
    c->userId = db_col_int64(p, 0);
    *pzName = strdup(db_text(p, 1));
    *pzRole = strdup(db_text(p, 2));
    st = YC_OK;
  }
  db_reset(p);
  return st;
}

YcStatus auth_login(Ctx *c, const char *zName, const char *zPassword,
                    char **pzCookie, char **pzCsrf, Err *e){
  *pzCookie = *pzCsrf = 0;
  DbStmt *p = db_stmt(c->db, "SELECT id, pw_hash FROM user WHERE name=?1");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_text(p, 1, zName ? zName : "", -1);
  int64_t uid = 0;
  char zHash[crypto_pwhash_STRBYTES] = "";
  if( db_step(p)==DB_ROW && db_text(p, 1) ){
    uid = db_col_int64(p, 0);
    snprintf(zHash, sizeof zHash, "%s", db_text(p, 1));
  }
  db_reset(p);
  if( !uid || !zPassword || crypto_pwhash_str_verify(zHash, zPassword, strlen(zPassword))!=0 )
    return err_set(e, YC_EAUTH, "bad_login", "password", "wrong user name or password");
  char *zCookie = random_token("");
  char *zCsrf = random_token("");
  if( !zCookie || !zCsrf ){ free(zCookie); free(zCsrf); return err_set(e, YC_EINTERNAL, 0, 0, "out of memory"); }
  unsigned char h[32];
  digest(zCookie, h);
  char zExp[24];
  date_stamp((int64_t)time(0) + 12*3600, 0, zExp);
  p = db_stmt(c->db, "INSERT INTO session(hash,user_id,csrf,expires_at) VALUES(?1,?2,?3,?4)");
  int rc = DB_ERROR;
  if( p ){
    db_bind_blob(p, 1, h, 32);
    db_bind_int64(p, 2, uid);
    db_bind_text(p, 3, zCsrf, -1);
    db_bind_text(p, 4, zExp, -1);
    rc = db_step(p);
    db_reset(p);
  }
  if( rc!=DB_DONE ){ free(zCookie); free(zCsrf); return db_error(c->db, rc, e); }
  /* Forget expired sessions. */
  char zNow[24];
  date_now(zNow);
  p = db_stmt(c->db, "DELETE FROM session WHERE expires_at<?1");
  if( p ){ db_bind_text(p, 1, zNow, -1); db_step(p); db_reset(p); }
  *pzCookie = zCookie;
  *pzCsrf = zCsrf;
  return YC_OK;
}

YcStatus auth_session(Ctx *c, const char *zCookie, char **pzName, char **pzRole,
                      char **pzCsrf, Err *e){
  if( !zCookie || strlen(zCookie)>200 ) return err_set(e, YC_EAUTH, "no_session", 0, "not logged in");
  unsigned char h[32];
  digest(zCookie, h);
  char zNow[24];
  date_now(zNow);
  DbStmt *p = db_stmt(c->db, "SELECT u.id, u.name, u.role, s.csrf FROM session s JOIN user u ON u.id=s.user_id"
                                   " WHERE s.hash=?1 AND s.expires_at>?2");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_blob(p, 1, h, 32);
  db_bind_text(p, 2, zNow, -1);
  YcStatus st = err_set(e, YC_EAUTH, "no_session", 0, "not logged in");
  if( db_step(p)==DB_ROW ){
    c->userId = db_col_int64(p, 0);
    *pzName = strdup(db_text(p, 1));
    *pzRole = strdup(db_text(p, 2));
    *pzCsrf = strdup(db_text(p, 3));
    st = YC_OK;
  }
  db_reset(p);
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
