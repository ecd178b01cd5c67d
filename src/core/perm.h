/*
** perm.h: the role matrix (issue 12, item 2), enforced in core. The matrix
** is data (aPermRule in perm.c): entity x action -> the roles that may,
** and the rule that keeps an own-unit editor to their unit and a member
** to their organisation. audit_log() calls perm_check() first, inside the
** write's transaction, so a refusal rolls the write back; the CLI, the
** API and the pages get the same answer. doc/roles.md is the table.
*/
#ifndef YC_PERM_H
#define YC_PERM_H
#include <jansson.h>
#include "core/ctx.h"

/* May c do zAction to record zEntity/id, which was jBefore and becomes
** jAfter (either may be 0)? YC_OK, or YC_EFORBIDDEN ("forbidden", naming
** why), YC_EAUTH when nobody is signed in. */
YcStatus perm_check(Ctx *c, const char *zAction, const char *zEntity, int64_t id,
                    json_t *jBefore, json_t *jAfter, Err *e);

/* For pages: may c do zAction to zEntity/id, whose record is jRecord (0 for
** a new one)? The same table as perm_check; 1 yes, 0 no. */
int perm_can(Ctx *c, const char *zAction, const char *zEntity, int64_t id, json_t *jRecord);

/* The matrix as JSON rows {entity, action, roles:[...], rule} (for doc
** and the matrix test). */
json_t *perm_matrix(void);

#endif
