/*
** match.h: the matching engine. Given an opportunity, an organisation, a
** partner city, or free text with optional industries, direction and
** countries, rank the counterparts: opposite-kind opportunities (an offer
** meets a request), organisations and partner cities, each with its score
** and the reasons for it.
**
** Score (0-100) = 40 industry relation (same division > same section > a
** related division in the value-chain table data/isic_adjacency.tsv)
**              + 30 text relevance (FTS5 bm25 over tokenize='yc' indexes,
**                   the query widened with the bilingual vocabulary)
**              + 12 country/target fit + 10 direction and side fit
**              +  4 activity of the tie with that partner city (tie_health
**                   when present, else the tie's status) + 4 freshness.
** Cross-language: the query text is mapped to ISIC divisions through the
** vocabulary (core/vocab.h) in both languages, and the vocabulary's terms
** in the other language join the text search, so 机器人 finds an
** English-only "robotics" profile and "stem cells" finds 干细胞.
** See doc/match.md.
**
** The numbers the scorer needs (codes, countries, directions, ties, dates
** of every open opportunity, organisation and partner) live in an
** in-memory index shared by all threads, rebuilt when the match_version
** counter (bumped by triggers on every table it reads) changes.
*/
#ifndef YC_MATCH_H
#define YC_MATCH_H
#include <jansson.h>
#include "core/ctx.h"

#define MATCH_MAX_TEXT 10000     /* bytes of free text */
#define MATCH_MAX_LIMIT 100

/* The query: at most one source entity, else free text and/or industries.
** Raw strings, all validated by match_run (0 = not given). */
typedef struct MatchQuery {
  int64_t oppId, orgId, partnerId;   /* the source entity, or 0 */
  const char *zText;        /* free text, any language */
  const char *zIndustries;  /* "26,72": ISIC divisions or sections */
  const char *zDirection;   /* going_out | bringing_in */
  const char *zCountries;   /* "US,SE": target countries */
  const char *zKind;        /* offer | request: what the querier has */
  const char *zSide;        /* home | partner: the querier's side (default home) */
  const char *zTypes;       /* "opportunity,org,partner" (default all) */
  const char *zLimit;       /* 1..100, default 10 */
} MatchQuery;

/* The query parameters of GET /api/v1/match (and the ones an entity's
** /matches accepts: types, limit). */
extern const char *const azMatchParam[];
extern const char *const azMatchEntityParam[];

/* Rank counterparts. *ppOut:
**   {"query":{"text","industries":[{"code","label_en","label_zh","source",
**     "terms":[...]}],"terms":[...],"direction","kind","side","countries"},
**    "items":[{"type":"opportunity"|"org"|"partner","id","name_en",
**      "name_zh","country","score","components":{"industry","text","geo",
**      "direction","tie","fresh"},"reasons":[...], ...type fields}],
**    "considered":N}
** Reasons: {"kind":"industry","relation":"division"|"section"|"adjacent",
** "query_code","code","label_en","label_zh","rationale"?},
** {"kind":"term","term","via"?}, {"kind":"country","rule":
** "in_target"|"city_in_target"|"targets_you","country"},
** {"kind":"direction","rule":"offer_meets_request"|"same_direction"|
** "other_side"}, {"kind":"tie","partner_id","status","health"?},
** {"kind":"fresh","days"}. */
YcStatus match_run(Ctx *c, const MatchQuery *q, json_t **ppOut, Err *e);

/* Industries named in a text through the vocabulary:
** {"industries":[{"code","label_en","label_zh","terms":[...]}]}. */
YcStatus match_detect(Ctx *c, const char *zText, json_t **ppOut, Err *e);

/* Drop the shared index (tests, shutdown). */
void match_index_reset(void);

#endif
