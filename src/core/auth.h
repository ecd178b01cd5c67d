/*
** auth.h: accounts, API tokens and browser sessions (libsodium: argon2id
** password hashes, random tokens, BLAKE2b token digests, constant-time
** comparison). Tokens and session ids are stored only as digests.
*/
#ifndef YC_AUTH_H
#define YC_AUTH_H
#include "core/ctx.h"

extern const char *const azUserRole[];   /* admin, editor, viewer */

/* One-time set-up of libsodium; 0 on success. */
int auth_init(void);

/* Add a user; zPassword may be 0 (token-only account). */
YcStatus user_add(Ctx *c, const char *zName, const char *zPassword,
                  const char *zRole, int64_t *pId, Err *e);
/* Change a user's password. */
YcStatus user_set_password(Ctx *c, const char *zName, const char *zPassword, Err *e);

/* Make a new bearer token for user zName; *pzToken gets it (malloc'd,
** shown once). */
YcStatus token_create(Ctx *c, const char *zName, char **pzToken, Err *e);

/* Who presents this bearer token? Fills c->userId, zActor (malloc'd into
** *pzName), zRole. YC_EAUTH if unknown. */
YcStatus auth_bearer(Ctx *c, const char *zToken, char **pzName, char **pzRole, Err *e);

/* Check a password; on success create a session: *pzCookie gets the
** cookie value, *pzCsrf its CSRF token (both malloc'd). */
YcStatus auth_login(Ctx *c, const char *zName, const char *zPassword,
                    char **pzCookie, char **pzCsrf, Err *e);
/* Who owns this session cookie? *pzCsrf gets its CSRF token. */
YcStatus auth_session(Ctx *c, const char *zCookie, char **pzName, char **pzRole,
                      char **pzCsrf, Err *e);
void auth_logout(Ctx *c, const char *zCookie);

/* Constant-time string equality. */
int auth_equal(const char *a, const char *b);

#endif
