/*
** review.h: review before publishing (issue 12, item 3).
**
** Opportunities, organisation profiles and an organisation's offers and
** needs (one state for all of them, as they are edited together) carry a
** review state, separate from an opportunity's own lifecycle status:
**
**   draft --submit--> submitted --publish--> published
**   returned --submit--^        \--return(reason)--> returned
**
** Who: submit is the submitter's side (member, editor, admin); publish and
** return are editors' and admins' (a reason of 1 to 1000 characters is
** required to return). Any other step answers 409 invalid_transition.
**
** A new record starts as `draft` when a member (or a viewer) creates it;
** an editor's or admin's (or one written in-process without a role, as
** the operator) is `published` unless the input asks "review": "draft" (or
** "submitted"); an opportunity created with status draft starts as draft.
** An edit by a member of a submitted or published record sends it back to
** draft (the public keeps seeing nothing until an editor publishes the new
** text); an editor's or admin's edit keeps the state.
**
** Only `published` records are in anonymous answers (lists, gets, search,
** match, pages); signed-in callers see every state. REVIEW_PUBLIC(alias)
** is the SQL condition for the records of table alias a caller sees:
** bind ?N to ctx_signed_in().
*/
#ifndef YC_REVIEW_H
#define YC_REVIEW_H
#include <jansson.h>
#include "core/ctx.h"

extern const char *const azReviewState[];   /* draft, submitted, published, returned */
extern const char *const azReviewKind[];    /* opportunity, org, offers */
enum { REVIEW_OPP, REVIEW_ORG, REVIEW_OFFERS };
#define REVIEW_REASON_MAX 1000

/* 1 if the caller sees records in state zState (0 = published). */
int review_visible(const Ctx *c, const char *zState);

/* 1 if the record of an audit entry (entity "opportunity", "org",
** "org_offers", "news" (its status), ...) may be shown to the caller: always for a
** signed-in one; for anonymous ones only when it is published (a record
** gone is not shown). Other entities: 1. */
int review_entry_visible(Ctx *c, const char *zEntity, int64_t id);

/* The state a new record of kind iKind starts in: reads and checks the
** input's optional "review" field (a member may ask draft or submitted
** only); zStatus is an opportunity's status (0 for others). */
YcStatus review_initial(Ctx *c, json_t *in, const char *zStatus, const char **pzState, Err *e);
/* An edit's input may not change the state ("review" only as it is). */
YcStatus review_check_edit(Ctx *c, int iKind, int64_t id, json_t *in, Err *e);
/* Inside a create's transaction: store the starting state of record id. */
YcStatus review_start(Ctx *c, int iKind, int64_t id, const char *zState, Err *e);
/* Inside an edit's transaction: a member's edit sends the record back to draft. */
YcStatus review_after_edit(Ctx *c, int iKind, int64_t id, Err *e);
/* The state of record id as {"state","note","by","at"} (new reference), or
** 0 when there is no such record. */
json_t *review_state(Ctx *c, int iKind, int64_t id);

/* The steps; each answers the record's kind, id, title and state. */
YcStatus review_submit(Ctx *c, int iKind, int64_t id, json_t **ppOut, Err *e);
YcStatus review_publish(Ctx *c, int iKind, int64_t id, json_t **ppOut, Err *e);
YcStatus review_return(Ctx *c, int iKind, int64_t id, const char *zReason, json_t **ppOut, Err *e);
/* A step given as {"action": "submit|publish|return", "reason": ...}. */
YcStatus review_act(Ctx *c, int iKind, int64_t id, json_t *in, json_t **ppOut, Err *e);

/* The queue: ?state= (default submitted for editors and admins, every
** state for others), ?mine=true (the records the caller created or
** changed; always so for members and viewers), limit and cursor. */
typedef struct ReviewQuery {
  union { struct { const char *zState, *zMine, *zLimit, *zCursor; }; const char *az[4]; };
  int bPrev;
} ReviewQuery;
extern const char *const azReviewParam[];
YcStatus review_list(Ctx *c, const ReviewQuery *q, json_t **ppOut, Err *e);

#endif
