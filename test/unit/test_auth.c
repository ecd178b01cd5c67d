/*
** test_auth.c: unit tests of accounts, passwords, bearer tokens and
** sessions (src/core/auth.h) on a temporary database with the schema only:
** argon2id hashes (never the password), the login refused for a wrong
** password or an unknown user, tokens shown once and stored as digests,
** sessions with their CSRF tokens, expiry and logout, name/role/password
** validation, constant-time equality. The accounts are synthetic.
*/
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "unitdb.h"
#include "store/db.h"
#include "core/auth.h"



/* The text of the first column of the first row (malloc'd), or 0. */
static char *text1(const char *zSql, const char *zArg){
  DbStmt *p = db_stmt(c.db, zSql);
  assert_non_null(p);
  if( zArg ) db_bind_text(p, 1, zArg, -1);
  char *z = db_step(p)==DB_ROW && db_text(p, 0) ? strdup(db_text(p, 0)) : 0;
  db_reset(p);
  return z;
}

static int setup(void **st){
  (void)st;
  if( auth_init() ) return -1;
  if( unitdb_open("auth") ) return -1;
  return 0;
}


#define PW "correct horse battery"

/* auth-1: a user is stored with an argon2id hash that verifies the password
** and is not the password; the creation is audited. */
static void test_user_add(void **st){
  (void)st;
  Err e;
  int64_t id = 0;
  assert_int_equal(user_add(&c, "alice", PW, 0, &id, &e), YC_OK);
  assert_true(id>0);
  char *zHash = text1("SELECT pw_hash FROM user WHERE name=?1", "alice");
  assert_non_null(zHash);
  assert_int_equal(strncmp(zHash, "$argon2id$", 10), 0);
  assert_null(strstr(zHash, PW));
  free(zHash);
  char *zRole = text1("SELECT role FROM user WHERE name=?1", "alice");
  assert_string_equal(zRole, "editor");                 /* the default role */
  free(zRole);
  assert_int_equal(count("SELECT count(*) FROM audit WHERE entity='user' AND action='create' AND actor='unit'"), 1);
  /* Two users with the same password get different hashes (salted). */
  assert_int_equal(user_add(&c, "victor", PW, "viewer", 0, &e), YC_OK);
  assert_int_equal(count("SELECT count(DISTINCT pw_hash) FROM user WHERE name IN ('alice','victor')"), 2);
  /* A token-only account: no hash at all. */
  assert_int_equal(user_add(&c, "robot", 0, "admin", 0, &e), YC_OK);
  assert_int_equal(count("SELECT count(*) FROM user WHERE name='robot' AND pw_hash IS NULL AND role='admin'"), 1);
}

/* auth-2: bad names, roles and passwords are refused naming the field;
** a second user of the same name conflicts; nothing is written. */
static void test_user_add_bad(void **st){
  (void)st;
  static const struct { const char *zName, *zPw, *zRole; YcStatus st; const char *zCode, *zField; } a[] = {
    {"", PW, 0, YC_EINVALID, "invalid_value", "name"},
    {0, PW, 0, YC_EINVALID, "invalid_value", "name"},
    {"bad name", PW, 0, YC_EINVALID, "invalid_value", "name"},
    {"bad/name", PW, 0, YC_EINVALID, "invalid_value", "name"},
    {"济南", PW, 0, YC_EINVALID, "invalid_value", "name"},
    {"x12345678901234567890123456789012345678901234567890123456789012345", PW, 0, YC_EINVALID, "invalid_value", "name"},
    {"carol", PW, "god", YC_EINVALID, "invalid_value", "role"},
    {"carol", PW, "Editor", YC_EINVALID, "invalid_value", "role"},
    {"carol", "short12", 0, YC_EINVALID, "too_short", "password"},
    {"carol", "123456789", 0, YC_EINVALID, "too_short", "password"},
    {"carol", "1234567890", 0, YC_EINVALID, "common_password", "password"},
    {"carol", "Password123", 0, YC_EINVALID, "common_password", "password"},
    {"carol.smith", "Carol.Smith", 0, YC_EINVALID, "same_as_name", "password"},
    {"carol", "", 0, YC_EINVALID, "too_short", "password"},
    {"alice", "another password", 0, YC_ECONFLICT, "duplicate", "name"},
  };
  int64_t nUser = count("SELECT count(*) FROM user"), nAudit = count("SELECT count(*) FROM audit");
  for(size_t i=0; i<sizeof a/sizeof a[0]; i++){
    Err e;
    memset(&e, 0, sizeof e);
    YcStatus s = user_add(&c, a[i].zName, a[i].zPw, a[i].zRole, 0, &e);
    if( s!=a[i].st || strcmp(e.zCode, a[i].zCode) || strcmp(e.zField, a[i].zField) )
      fail_msg("case %zu: status %d code %s field %s", i, s, e.zCode, e.zField);
  }
  char zLong[1100];
  memset(zLong, 'p', 1025);
  zLong[1025] = 0;
  Err e;
  assert_int_equal(user_add(&c, "carol", zLong, 0, 0, &e), YC_EINVALID);
  assert_string_equal(e.zCode, "too_long");
  assert_int_equal(count("SELECT count(*) FROM user"), nUser);
  assert_int_equal(count("SELECT count(*) FROM audit"), nAudit);
  /* The edges that are allowed: 64 characters, . _ - @, 10-character password. */
  assert_int_equal(user_add(&c, "a.b_c-d@example.org", "kiwi-ferry", "viewer", 0, &e), YC_OK);
  memset(zLong, 'n', 64);
  zLong[64] = 0;
  assert_int_equal(user_add(&c, zLong, 0, 0, 0, &e), YC_OK);
}

/* auth-3: the right password opens a session; a wrong one, an unknown
** user, a token-only account and no password are all refused alike. */
static void test_login(void **st){
  (void)st;
  Err e;
  char *zCookie = 0, *zCsrf = 0;
  int64_t nSession = count("SELECT count(*) FROM session");
  static const struct { const char *zName, *zPw; } aBad[] = {
    {"alice", "correct horse batter"}, {"alice", "correct horse battery "}, {"alice", "CORRECT HORSE BATTERY"},
    {"alice", ""}, {"alice", 0}, {"nobody", PW}, {"", PW}, {0, PW}, {"robot", PW}, {"robot", ""},
  };
  for(size_t i=0; i<sizeof aBad/sizeof aBad[0]; i++){
    memset(&e, 0, sizeof e);
    YcStatus s = auth_login(&c, aBad[i].zName, aBad[i].zPw, 0, &zCookie, &zCsrf, 0, &e);
    if( s!=YC_EAUTH ) fail_msg("login %zu (%s) answered %d", i, aBad[i].zName ? aBad[i].zName : "(null)", s);
    assert_string_equal(e.zCode, "bad_login");
    assert_string_equal(e.zField, "password");
    assert_string_equal(e.zMsg, "wrong user name or password");   /* the same for every case */
    assert_null(zCookie);
    assert_null(zCsrf);
  }
  assert_int_equal(count("SELECT count(*) FROM session"), nSession);
  /* Five failures of alice lock her account (auth-7); start afresh. */
  assert_int_equal(count("SELECT count(*) FROM login_attempt WHERE key='u:alice' AND locked_until>0"), 1);
  assert_int_equal(db_exec(c.db, "DELETE FROM login_attempt", &e), YC_OK);

  assert_int_equal(auth_login(&c, "alice", PW, 0, &zCookie, &zCsrf, 0, &e), YC_OK);
  assert_non_null(zCookie);
  assert_non_null(zCsrf);
  assert_int_equal(strlen(zCookie), 43);                 /* 32 random bytes, base64url */
  assert_int_equal(strlen(zCsrf), 43);
  assert_string_not_equal(zCookie, zCsrf);
  assert_int_equal(count("SELECT count(*) FROM session"), nSession + 1);
  /* Only a digest of the cookie is stored. */
  DbStmt *p = db_stmt(c.db, "SELECT count(*) FROM session WHERE hash=?1 OR CAST(hash AS TEXT)=?1");
  db_bind_text(p, 1, zCookie, -1);
  assert_int_equal(db_step(p), DB_ROW);
  assert_int_equal(db_col_int(p, 0), 0);
  db_reset(p);
  assert_int_equal(count("SELECT count(*) FROM session WHERE length(hash)=32"), count("SELECT count(*) FROM session"));

  /* The session names its user, role and CSRF token. */
  char *zName = 0, *zRole = 0, *zCsrf2 = 0;
  c.userId = 0;
  assert_int_equal(auth_session(&c, zCookie, &zName, &zRole, &zCsrf2, &e), YC_OK);
  assert_string_equal(zName, "alice");
  assert_string_equal(zRole, "editor");
  assert_string_equal(zCsrf2, zCsrf);
  char *zId = text1("SELECT id FROM user WHERE name=?1", "alice");
  assert_int_equal(c.userId, atoll(zId));
  free(zId);
  free(zName); free(zRole); free(zCsrf2);
  zName = zRole = zCsrf2 = 0;

  /* A second login: another session, another cookie. */
  char *zCookieB = 0, *zCsrfB = 0;
  assert_int_equal(auth_login(&c, "alice", PW, 0, &zCookieB, &zCsrfB, 0, &e), YC_OK);
  assert_string_not_equal(zCookieB, zCookie);
  assert_string_not_equal(zCsrfB, zCsrf);

  /* Cookies that are not a session. */
  char zBad[64];
  snprintf(zBad, sizeof zBad, "%s", zCookie);
  zBad[0] = zBad[0]=='A' ? 'B' : 'A';
  static char zHuge[300];
  memset(zHuge, 'A', 299);
  const char *azNot[] = {zBad, "", "garbage", zCsrf, zHuge};
  for(size_t i=0; i<sizeof azNot/sizeof azNot[0]; i++){
    assert_int_equal(auth_session(&c, azNot[i], &zName, &zRole, &zCsrf2, &e), YC_EAUTH);
    assert_string_equal(e.zCode, "no_session");
    assert_null(zName);
  }
  assert_int_equal(auth_session(&c, 0, &zName, &zRole, &zCsrf2, &e), YC_EAUTH);

  /* Logout ends that session only. */
  auth_logout(&c, zCookie);
  auth_logout(&c, 0);
  auth_logout(&c, "not a session");
  assert_int_equal(auth_session(&c, zCookie, &zName, &zRole, &zCsrf2, &e), YC_EAUTH);
  assert_int_equal(auth_session(&c, zCookieB, &zName, &zRole, &zCsrf2, &e), YC_OK);
  free(zName); free(zRole); free(zCsrf2);
  zName = zRole = zCsrf2 = 0;

  /* An expired session is refused, and the next login forgets it. */
  assert_int_equal(db_exec(c.db, "UPDATE session SET expires_at='2000-01-01T00:00:00Z'", &e), YC_OK);
  assert_int_equal(auth_session(&c, zCookieB, &zName, &zRole, &zCsrf2, &e), YC_EAUTH);
  char *zCookieC = 0, *zCsrfC = 0;
  assert_int_equal(auth_login(&c, "victor", PW, 0, &zCookieC, &zCsrfC, 0, &e), YC_OK);
  assert_int_equal(count("SELECT count(*) FROM session"), 1);
  assert_int_equal(auth_session(&c, zCookieC, &zName, &zRole, &zCsrf2, &e), YC_OK);
  assert_string_equal(zName, "victor");
  assert_string_equal(zRole, "viewer");
  free(zName); free(zRole); free(zCsrf2);
  free(zCookie); free(zCsrf); free(zCookieB); free(zCsrfB); free(zCookieC); free(zCsrfC);
}

/* auth-4: a bearer token is shown once ("yc_" + 43 base64url characters),
** stored only as a 32-byte digest, names its user; any other string,
** however close, is refused. */
static void test_tokens(void **st){
  (void)st;
  Err e;
  char *zTok = 0, *zTok2 = 0;
  int64_t nToken = count("SELECT count(*) FROM token");
  assert_int_equal(token_create(&c, "nobody", 0, 0, &zTok, &e), YC_ENOTFOUND);
  assert_string_equal(e.zField, "name");
  assert_null(zTok);
  assert_int_equal(count("SELECT count(*) FROM token"), nToken);

  assert_int_equal(token_create(&c, "victor", 0, 0, &zTok, &e), YC_OK);
  assert_non_null(zTok);
  assert_int_equal(strlen(zTok), 46);
  assert_int_equal(strncmp(zTok, "yc_", 3), 0);
  for(const char *z = zTok + 3; *z; z++){
    if( !((*z>='a' && *z<='z') || (*z>='A' && *z<='Z') || (*z>='0' && *z<='9') || *z=='-' || *z=='_') )
      fail_msg("token character '%c' is not base64url", *z);
  }
  assert_int_equal(token_create(&c, "victor", 0, 0, &zTok2, &e), YC_OK);
  assert_string_not_equal(zTok, zTok2);
  assert_int_equal(count("SELECT count(*) FROM token"), nToken + 2);
  assert_int_equal(count("SELECT count(*) FROM token WHERE length(hash)=32 AND typeof(hash)='blob'"), nToken + 2);
  DbStmt *p = db_stmt(c.db, "SELECT count(*) FROM token WHERE CAST(hash AS TEXT)=?1");
  db_bind_text(p, 1, zTok, -1);
  assert_int_equal(db_step(p), DB_ROW);
  assert_int_equal(db_col_int(p, 0), 0);
  db_reset(p);

  char *zName = 0, *zRole = 0;
  c.userId = 0;
  assert_int_equal(auth_bearer(&c, zTok, &zName, &zRole, &e), YC_OK);
  assert_string_equal(zName, "victor");
  assert_string_equal(zRole, "viewer");
  char *zId = text1("SELECT id FROM user WHERE name=?1", "victor");
  assert_int_equal(c.userId, atoll(zId));
  free(zId);
  free(zName); free(zRole);
  zName = zRole = 0;
  assert_int_equal(auth_bearer(&c, zTok2, &zName, &zRole, &e), YC_OK);
  free(zName); free(zRole);
  zName = zRole = 0;

  /* Near misses. */
  char zBad[64];
  const char *azBad[6];
  int n = 0;
  char zA[64], zB[64], zC[64], zD[64];
  snprintf(zA, sizeof zA, "%sx", zTok);                   /* one more character */
  snprintf(zB, sizeof zB, "%.*s", (int)strlen(zTok) - 1, zTok);   /* one fewer */
  snprintf(zC, sizeof zC, "%s", zTok);
  zC[10] = zC[10]=='A' ? 'B' : 'A';                       /* one changed */
  snprintf(zD, sizeof zD, "%s", zTok + 3);                /* without the prefix */
  azBad[n++] = zA; azBad[n++] = zB; azBad[n++] = zC; azBad[n++] = zD; azBad[n++] = "";
  snprintf(zBad, sizeof zBad, "YC_%s", zTok + 3);
  azBad[n++] = zBad;
  for(int i=0; i<n; i++){
    memset(&e, 0, sizeof e);
    assert_int_equal(auth_bearer(&c, azBad[i], &zName, &zRole, &e), YC_EAUTH);
    assert_string_equal(e.zCode, "invalid_token");
    assert_null(zName);
  }
  char zHuge[256];
  memset(zHuge, 'A', 255);
  zHuge[255] = 0;
  assert_int_equal(auth_bearer(&c, zHuge, &zName, &zRole, &e), YC_EAUTH);
  assert_int_equal(auth_bearer(&c, 0, &zName, &zRole, &e), YC_EAUTH);
  /* A token is not a session cookie, nor the other way round. */
  char *zCsrf = 0;
  assert_int_equal(auth_session(&c, zTok, &zName, &zRole, &zCsrf, &e), YC_EAUTH);
  free(zTok); free(zTok2);
}

/* auth-5: a new password replaces the old one. */
static void test_set_password(void **st){
  (void)st;
  Err e;
  char *zCookie = 0, *zCsrf = 0;
  assert_int_equal(user_set_password(&c, "alice", "short", &e), YC_EINVALID);
  assert_string_equal(e.zField, "password");
  assert_int_equal(user_set_password(&c, "nobody", "new password 2", &e), YC_ENOTFOUND);
  assert_int_equal(user_set_password(&c, "alice", "new password 2", &e), YC_OK);
  assert_int_equal(auth_login(&c, "alice", PW, 0, &zCookie, &zCsrf, 0, &e), YC_EAUTH);
  assert_int_equal(auth_login(&c, "alice", "new password 2", 0, &zCookie, &zCsrf, 0, &e), YC_OK);
  free(zCookie); free(zCsrf);
  /* A token-only account can be given a password. */
  assert_int_equal(user_set_password(&c, "robot", "robot password", &e), YC_OK);
  assert_int_equal(auth_login(&c, "robot", "robot password", 0, &zCookie, &zCsrf, 0, &e), YC_OK);
  free(zCookie); free(zCsrf);
}

/* auth-6: constant-time equality is plain equality. */
static void test_equal(void **st){
  (void)st;
  assert_true(auth_equal("abc", "abc"));
  assert_true(auth_equal("", ""));
  assert_false(auth_equal("abc", "abd"));
  assert_false(auth_equal("abc", "ab"));
  assert_false(auth_equal("ab", "abc"));
  assert_false(auth_equal("", "a"));
  assert_false(auth_equal("Abc", "abc"));
  assert_string_equal(azUserRole[0], "admin");
  assert_string_equal(azUserRole[1], "editor");
  assert_string_equal(azUserRole[2], "member");
  assert_string_equal(azUserRole[3], "viewer");
  assert_null(azUserRole[4]);
}

/* auth-7: failed logins are throttled per account and per address: the
** 6th attempt is refused at once (no hash verified) even with the right
** password; a success clears the account's counter; an unknown user name
** verifies a (dummy) hash like a known one. */
static void test_throttle(void **st){
  (void)st;
  Err e;
  char *zCookie = 0, *zCsrf = 0;
  int nRetry = 0;
  assert_int_equal(db_exec(c.db, "DELETE FROM login_attempt", &e), YC_OK);
  assert_int_equal(user_add(&c, "tina", PW, 0, 0, &e), YC_OK);
  /* Four failures, then the right password: it works and clears. */
  for(int i=0; i<4; i++) assert_int_equal(auth_login(&c, "tina", "wrong password x", "192.0.2.1", &zCookie, &zCsrf, &nRetry, &e), YC_EAUTH);
  assert_int_equal(auth_login(&c, "tina", PW, "192.0.2.1", &zCookie, &zCsrf, &nRetry, &e), YC_OK);
  free(zCookie); free(zCsrf);
  assert_int_equal(count("SELECT count(*) FROM login_attempt WHERE key='u:tina'"), 0);
  /* Five failures lock the account. */
  for(int i=0; i<5; i++) assert_int_equal(auth_login(&c, "tina", "wrong password x", "192.0.2.2", &zCookie, &zCsrf, &nRetry, &e), YC_EAUTH);
  long nV = auth_verify_count();
  assert_int_equal(auth_login(&c, "tina", PW, "192.0.2.3", &zCookie, &zCsrf, &nRetry, &e), YC_ETOOMANY);
  assert_int_equal(auth_verify_count(), nV);              /* refused before any hash */
  assert_string_equal(e.zField, "password");
  assert_true(nRetry>0 && nRetry<=AUTH_LOCK_SECONDS);
  assert_null(zCookie);
  /* Another account from another address is not affected. */
  assert_int_equal(auth_login(&c, "alice", "new password 2", "192.0.2.9", &zCookie, &zCsrf, &nRetry, &e), YC_OK);
  free(zCookie); free(zCsrf);
  /* After the lock, one more failure locks twice as long. */
  assert_int_equal(db_exec(c.db, "UPDATE login_attempt SET locked_until=1 WHERE key='u:tina'", &e), YC_OK);
  assert_int_equal(auth_login(&c, "tina", "wrong password x", "192.0.2.4", &zCookie, &zCsrf, &nRetry, &e), YC_EAUTH);
  assert_int_equal(auth_login(&c, "tina", PW, "192.0.2.5", &zCookie, &zCsrf, &nRetry, &e), YC_ETOOMANY);
  assert_true(nRetry>AUTH_LOCK_SECONDS && nRetry<=2*AUTH_LOCK_SECONDS);
  /* Per address: AUTH_MAX_FAILURES_ADDR failures over many names lock the address. */
  char zName[32];
  for(int i=0; i<AUTH_MAX_FAILURES_ADDR; i++){
    snprintf(zName, sizeof zName, "ghost%d", i);
    assert_int_equal(auth_login(&c, zName, "wrong password x", "198.51.100.7", &zCookie, &zCsrf, &nRetry, &e), YC_EAUTH);
  }
  assert_int_equal(auth_login(&c, "alice", "new password 2", "198.51.100.7", &zCookie, &zCsrf, &nRetry, &e), YC_ETOOMANY);
  assert_int_equal(auth_login(&c, "alice", "new password 2", "198.51.100.8", &zCookie, &zCsrf, &nRetry, &e), YC_OK);
  free(zCookie); free(zCsrf);
  /* Unknown user and known user with a wrong password: both verify a hash. */
  nV = auth_verify_count();
  assert_int_equal(auth_login(&c, "nobody-at-all", "wrong password x", 0, &zCookie, &zCsrf, &nRetry, &e), YC_EAUTH);
  assert_int_equal(auth_verify_count(), nV + 1);
  assert_int_equal(auth_login(&c, "alice", "wrong password x", 0, &zCookie, &zCsrf, &nRetry, &e), YC_EAUTH);
  assert_int_equal(auth_verify_count(), nV + 2);
  assert_int_equal(db_exec(c.db, "DELETE FROM login_attempt", &e), YC_OK);
}

/* auth-8: a password change and a disable end the user's sessions and
** tokens; a disabled user cannot log in; enable lets them in again. */
static void test_end_access(void **st){
  (void)st;
  Err e;
  char *zCookie = 0, *zCsrf = 0, *zTok = 0, *zName = 0, *zRole = 0, *zC2 = 0;
  c.userId = 0;             /* the CLI's context: earlier logins set it */
  assert_int_equal(user_add(&c, "uma", PW, "viewer", 0, &e), YC_OK);
  assert_int_equal(auth_login(&c, "uma", PW, 0, &zCookie, &zCsrf, 0, &e), YC_OK);
  assert_int_equal(token_create(&c, "uma", "laptop", 0, &zTok, &e), YC_OK);
  assert_int_equal(user_set_password(&c, "uma", "uma new passphrase", &e), YC_OK);
  assert_int_equal(auth_session(&c, zCookie, &zName, &zRole, &zC2, &e), YC_EAUTH);
  assert_int_equal(auth_bearer(&c, zTok, &zName, &zRole, &e), YC_EAUTH);
  free(zCookie); free(zCsrf); free(zTok);
  /* Disable. */
  int64_t id;
  assert_int_equal(user_id_of(&c, "uma", &id, &e), YC_OK);
  assert_int_equal(auth_login(&c, "uma", "uma new passphrase", 0, &zCookie, &zCsrf, 0, &e), YC_OK);
  assert_int_equal(token_create(&c, "uma", "laptop", 0, &zTok, &e), YC_OK);
  c.userId = 0;
  json_t *in = json_pack("{s:b}", "disabled", 1), *out = 0;
  assert_int_equal(user_patch(&c, id, in, &out, &e), YC_OK);
  json_decref(in);
  assert_true(json_is_true(json_object_get(out, "disabled")));
  json_decref(out);
  assert_int_equal(auth_session(&c, zCookie, &zName, &zRole, &zC2, &e), YC_EAUTH);
  assert_int_equal(auth_bearer(&c, zTok, &zName, &zRole, &e), YC_EAUTH);
  assert_int_equal(count("SELECT count(*) FROM token t JOIN user u ON u.id=t.user_id WHERE u.name='uma'"), 0);
  free(zCookie); free(zCsrf); free(zTok);
  assert_int_equal(auth_login(&c, "uma", "uma new passphrase", 0, &zCookie, &zCsrf, 0, &e), YC_EAUTH);
  c.userId = 0;
  in = json_pack("{s:b, s:s}", "disabled", 0, "role", "editor");
  assert_int_equal(user_patch(&c, id, in, 0, &e), YC_OK);
  json_decref(in);
  assert_int_equal(auth_login(&c, "uma", "uma new passphrase", 0, &zCookie, &zCsrf, 0, &e), YC_OK);
  assert_int_equal(auth_session(&c, zCookie, &zName, &zRole, &zC2, &e), YC_OK);
  assert_string_equal(zRole, "editor");
  free(zName); free(zRole); free(zC2); free(zCookie); free(zCsrf);
  c.userId = 0;
  /* Bad input names the field; nothing changes. */
  int64_t nAudit = count("SELECT count(*) FROM audit");
  in = json_pack("{s:s}", "role", "god");
  assert_int_equal(user_patch(&c, id, in, 0, &e), YC_EINVALID);
  assert_string_equal(e.zField, "role");
  json_decref(in);
  in = json_pack("{s:s}", "disabled", "yes");
  assert_int_equal(user_patch(&c, id, in, 0, &e), YC_EINVALID);
  assert_string_equal(e.zField, "disabled");
  json_decref(in);
  in = json_pack("{s:s}", "password", "x");
  assert_int_equal(user_patch(&c, id, in, 0, &e), YC_EINVALID);
  assert_string_equal(e.zField, "password");
  json_decref(in);
  assert_int_equal(count("SELECT count(*) FROM audit"), nAudit);
  /* Not an admin: refused. */
  Ctx v = c;
  v.zRole = "editor"; v.userId = id;
  in = json_pack("{s:s}", "role", "admin");
  assert_int_equal(user_patch(&v, id, in, 0, &e), YC_EFORBIDDEN);
  json_decref(in);
  json_t *l = 0;
  assert_int_equal(user_list(&v, &l, &e), YC_EFORBIDDEN);
  assert_int_equal(token_list(&v, 0, &l, &e), YC_EFORBIDDEN);
  assert_int_equal(token_revoke(&v, 1, &e), YC_EFORBIDDEN);
}

/* auth-9: sessions end idle and absolute; tokens end at their expiry;
** last_used is written on use, at most once a minute. */
static void test_expiry(void **st){
  (void)st;
  Err e;
  char *zCookie = 0, *zCsrf = 0, *zTok = 0, *zName = 0, *zRole = 0, *zC2 = 0;
  assert_int_equal(user_add(&c, "vera", PW, 0, 0, &e), YC_OK);
  assert_int_equal(auth_login(&c, "vera", PW, 0, &zCookie, &zCsrf, 0, &e), YC_OK);
  /* Idle for 13 hours. */
  assert_int_equal(db_exec(c.db, "UPDATE session SET last_seen='2000-01-01T00:00:00Z' WHERE user_id=(SELECT id FROM user WHERE name='vera')", &e), YC_OK);
  assert_int_equal(auth_session(&c, zCookie, &zName, &zRole, &zC2, &e), YC_EAUTH);
  free(zCookie); free(zCsrf);
  /* Used a minute ago, but past its absolute end. */
  assert_int_equal(auth_login(&c, "vera", PW, 0, &zCookie, &zCsrf, 0, &e), YC_OK);
  assert_int_equal(auth_session(&c, zCookie, &zName, &zRole, &zC2, &e), YC_OK);
  free(zName); free(zRole); free(zC2);
  assert_int_equal(db_exec(c.db, "UPDATE session SET expires_at='2000-01-01T00:00:00Z' WHERE user_id=(SELECT id FROM user WHERE name='vera')", &e), YC_OK);
  assert_int_equal(auth_session(&c, zCookie, &zName, &zRole, &zC2, &e), YC_EAUTH);
  free(zCookie); free(zCsrf);
  /* A token with an expiry; last_used. */
  assert_int_equal(token_create(&c, "vera", "ci", 30, &zTok, &e), YC_OK);
  char *zExp = text1("SELECT expires_at FROM token WHERE name='ci'", 0);
  assert_non_null(zExp);
  free(zExp);
  char *zLast = text1("SELECT last_used FROM token WHERE name='ci'", 0);
  assert_null(zLast);
  assert_int_equal(auth_bearer(&c, zTok, &zName, &zRole, &e), YC_OK);
  free(zName); free(zRole);
  zLast = text1("SELECT last_used FROM token WHERE name='ci'", 0);
  assert_non_null(zLast);
  free(zLast);
  /* Within the minute no second write. */
  assert_int_equal(db_exec(c.db, "UPDATE token SET last_used=strftime('%Y-%m-%dT%H:%M:%SZ','now','-10 seconds') WHERE name='ci'", &e), YC_OK);
  char *zBefore = text1("SELECT last_used FROM token WHERE name='ci'", 0);
  assert_int_equal(auth_bearer(&c, zTok, &zName, &zRole, &e), YC_OK);
  free(zName); free(zRole);
  char *zAfter = text1("SELECT last_used FROM token WHERE name='ci'", 0);
  assert_string_equal(zBefore, zAfter);
  free(zBefore); free(zAfter);
  /* Expired. */
  assert_int_equal(db_exec(c.db, "UPDATE token SET expires_at='2000-01-01T00:00:00Z' WHERE name='ci'", &e), YC_OK);
  assert_int_equal(auth_bearer(&c, zTok, &zName, &zRole, &e), YC_EAUTH);
  free(zTok);
  /* A bad expiry names its field. */
  assert_int_equal(token_create(&c, "vera", "x", 5000, &zTok, &e), YC_EINVALID);
  assert_string_equal(e.zField, "expires");
}

int main(void){
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_user_add),
    cmocka_unit_test(test_user_add_bad),
    cmocka_unit_test(test_login),
    cmocka_unit_test(test_tokens),
    cmocka_unit_test(test_set_password),
    cmocka_unit_test(test_equal),
    cmocka_unit_test(test_throttle),
    cmocka_unit_test(test_end_access),
    cmocka_unit_test(test_expiry),
  };
  return cmocka_run_group_tests_name("auth", tests, setup, unitdb_teardown);
}
