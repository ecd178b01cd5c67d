/*
** countrylist.h: country lists: the built-in policy target lists and
** reference groupings (data/lists, loaded by init; read-only here) and the
** lists users make themselves (kind "user"), e.g. a province's priority
** countries. One function per capability, called alike by the CLI, the
** JSON API and the pages.
*/
#ifndef YC_COUNTRYLIST_H
#define YC_COUNTRYLIST_H
#include <jansson.h>
#include "core/ctx.h"

/* {"items":[{"key","name_en","name_zh","kind","builtin","source","as_of",
** "notes","members":N,"updated_at","expand","expand_by":"data"|"user"}]}: target lists first, then user lists,
** then reference lists. */
YcStatus clist_all(Ctx *c, json_t **ppOut, Err *e);

/* One list with its members [{"iso2","name_en","name_zh","continent",
** "note"}]; YC_ENOTFOUND if no list has that key. */
YcStatus clist_get(Ctx *c, const char *zKey, json_t **ppOut, Err *e);

/* Create a user list from {"key","name_en","name_zh","source"?,"notes"?,"expand"?,
** "members":["US", {"iso2":"FR","note":"..."}, ...]}. Key: a-z, 0-9, _,
** 2..40 characters, starting with a letter. */
YcStatus clist_create(Ctx *c, json_t *in, json_t **ppOut, Err *e);
/* Change name_en, name_zh, source, notes, members (replaced whole) or
** expand of a user list. Of a built-in list only expand may change (the
** office's choice, kept over reloads of the list); anything else answers
** YC_EFORBIDDEN (read_only). "expand": true asks for candidates in the
** list's countries even where a tie exists (see layout.h). */
YcStatus clist_update(Ctx *c, const char *zKey, json_t *in, json_t **ppOut, Err *e);
YcStatus clist_delete(Ctx *c, const char *zKey, Err *e);

/* 1 if the key is well formed. */
int clist_key_ok(const char *zKey);

extern const char *const azListField[];   /* the fields of its JSON input (OpenAPI: routes.c) */

#endif
