/*
** profile.h: the industry profile of a partner city (one per tie): its
** industries (ISIC division, strength 1-5, short description), resources,
** market advantages and trade/cooperation needs, each in Chinese and/or
** English, each with its source and the date of its last review. The
** "friendship-city industry database" of the mission document.
**
** JSON shape (GET /api/v1/partners/{id}/profile):
**   {"partner_id":N,
**    "industries":[{"id","code","label_en","label_zh","strength",
**                   "description_zh","description_en","source","reviewed"}],
**    "resources"|"advantages"|"needs":[{"id","text_zh","text_en",
**                   "industries":["72"],"source","reviewed"}],
**    "last_reviewed":"YYYY-MM-DD"|null}
** Input takes the same sections without id, labels and last_reviewed.
*/
#ifndef YC_PROFILE_H
#define YC_PROFILE_H
#include <stddef.h>
#include <jansson.h>
#include "core/ctx.h"

#define PROFILE_MAX_ITEMS 50     /* per section */

extern const char *const azProfileSection[];  /* industries, resources, advantages, needs */
extern const char *const azProfileKind[];     /* industry, resource, advantage, need */

/* The profile of tie id (empty sections if none). YC_ENOTFOUND if no tie. */
YcStatus profile_get(Ctx *c, int64_t tieId, json_t **ppOut, Err *e);

/* Replace the profile: every section (bPatch = 0, absent sections become
** empty) or only the sections present in `in` (bPatch = 1). One
** transaction with one audit entry; *ppOut gets the new profile. */
YcStatus profile_put(Ctx *c, int64_t tieId, json_t *in, int bPatch, json_t **ppOut, Err *e);
/* The same inside the caller's transaction, without reading back. */
YcStatus profile_put_tx(Ctx *c, int64_t tieId, json_t *in, int bPatch, Err *e);

/* Append one item to a section inside the caller's transaction, unless an
** equal item is there (same industry code; same texts): *pbAdded = 0.
** `item` is one element of a section of the input shape. */
/* The checks of profile_add_item_tx with reads only; *pbSame: an equal
** item is there already (the add would skip it). */
YcStatus profile_check_item(Ctx *c, int64_t tieId, const char *zSection, json_t *item,
                            int *pbSame, Err *e);
YcStatus profile_add_item_tx(Ctx *c, int64_t tieId, const char *zSection, json_t *item,
                             int *pbAdded, Err *e);

/* Rebuild the search entry of tie id's profile. */
YcStatus profile_reindex(Ctx *c, int64_t tieId, Err *e);

/* CSV import: columns partner_id | (city_id) | (city, country), section
** (industries|resources|advantages|needs or industry|resource|advantage|
** need), code, strength, text_zh, text_en, industries, source, reviewed.
** All or nothing; equal items already present are skipped.
** *ppReport {"rows","created","skipped","errors":[{"row","field","code",
** "message"}],"dry_run"}; YC_EINVALID if any row failed. */
YcStatus profile_import_csv(Ctx *c, const char *zData, size_t nData, int bDryRun,
                            json_t **ppReport, Err *e);

/* The demo profiles (data/demo/jinan_profiles.tsv) and the demo
** organisations' offers (offer_demo_load) inside the caller's transaction;
** *pnAdded gets the number of items added (0 the second time). */
YcStatus profile_demo_load(Ctx *c, int *pnAdded, Err *e);

#endif
