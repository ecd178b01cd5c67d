/*
** ctx.h: what every core function is called with: the thread's database,
** who is acting (for the audit trail) and the home city.
*/
#ifndef YC_CTX_H
#define YC_CTX_H
#include <stdint.h>
#include <jansson.h>
#include "store/db.h"
#include "base/err.h"

typedef struct Ctx {
  Db *db;
  int64_t userId;        /* 0 when not a logged-in user (CLI, init) */
  const char *zActor;    /* user name, "cli" or "init" */
  const char *zRole;     /* "admin", "editor", "member", "viewer"; 0 = not logged in */
  int64_t unitId, orgId; /* the user's unit or organisation (a member's), 0 = none */
  int bOwnUnit;          /* an editor kept to the records of their own unit */
  int64_t homeCityId;    /* from meta home_city_id */
  /* Deletes (core/archive.h): the caller confirms that a record's
  ** dependants go with it; the archive entry a delete made. */
  int bWithDependants;
  int64_t archiveId;
  /* Set by history_revert for the write it makes: audit_log records an
  ** "update" as this action (0: as called) and the version reverted to. */
  const char *zAuditAction;
  int64_t auditRevertOf;
  /* The version a write expects of one record (see audit_version): when
  ** zIfEntity is set, audit_log of (zIfEntity, ifId) answers YC_ECONFLICT
  ** if the record's version is no longer ifVersion, then clears zIfEntity. */
  const char *zIfEntity;
  int64_t ifId, ifVersion;
  /* Progress of a long import (core/csvimport.h), when set (the CLI prints
  ** it on stderr): zStage "resolved" or "written", rows done of nTotal
  ** (nTotal 0: not known yet). */
  void (*xProgress)(void *pArg, const char *zStage, int nDone, int nTotal);
  void *pProgressArg;
} Ctx;

/* Personal data (people, contacts, heads of delegations) is only for
** signed-in users: core leaves it out of every answer when this is 0. */
static inline int ctx_signed_in(const Ctx *c){ return c->zRole!=0; }

/* Load homeCityId from the database; YC_ENOTFOUND if init never set it. */
YcStatus ctx_load_home(Ctx *c, Err *e);

/* A record type's create in a transaction of its own: xTx (its *_create_tx,
** which validates, writes and audits inside the caller's transaction) between
** db_begin and db_commit, rolled back on any error. *pId: the new id. */
typedef YcStatus (*CtxCreateTx)(Ctx *c, json_t *in, int64_t *pId, Err *e);
YcStatus ctx_create(Ctx *c, json_t *in, CtxCreateTx xTx, int64_t *pId, Err *e);

#endif
