/*
** offer.h: what an organisation (either side) offers and needs: its
** capabilities and its needs, each a short text in Chinese and/or English
** with ISIC codes.
**
** JSON shape (GET /api/v1/orgs/{id}/offers):
**   {"org_id":N,
**    "offers":[{"id","text_zh","text_en","industries":["28"],"updated_at"}],
**    "needs":[...same...]}
** Input: {"offers":[{"text_zh","text_en","industries"}], "needs":[...]}.
*/
#ifndef YC_OFFER_H
#define YC_OFFER_H
#include <jansson.h>
#include "core/ctx.h"

#define OFFER_MAX_ITEMS 30       /* per section */

/* The offers and needs of organisation id. YC_ENOTFOUND if no such org. */
YcStatus offer_get(Ctx *c, int64_t orgId, json_t **ppOut, Err *e);

/* Replace both sections (bPatch = 0; an absent section becomes empty) or
** only those present (bPatch = 1). One transaction, one audit entry. */
YcStatus offer_put(Ctx *c, int64_t orgId, json_t *in, int bPatch, json_t **ppOut, Err *e);

/* Rebuild the search entry of organisation id's offers and needs. */
YcStatus offer_reindex(Ctx *c, int64_t orgId, Err *e);

/* The demo offers (data/demo/jinan_offers.tsv) inside the caller's
** transaction, for organisations of the demo that have no offers or needs
** yet; *pnAdded gets the number of items added. */
YcStatus offer_demo_load(Ctx *c, int *pnAdded, Err *e);

#endif
