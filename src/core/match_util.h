/*
** match_util.h: small helpers shared by the industry-database and matching
** files (profile.c, offer.c, opportunity.c, match.c, search.c): JSON from
** statement columns, one-shot statements, dates, ISIC code lists.
*/
#ifndef YC_MATCH_UTIL_H
#define YC_MATCH_UTIL_H
#include <jansson.h>
#include "core/ctx.h"

/* Column i of p as a JSON string, or null. */
json_t *mu_jtext(DbStmt *p, int i);
/* Column i of p, values separated by char(31), as a JSON array of strings. */
json_t *mu_jlist(DbStmt *p, int i);

/* Run zSql binding ?1 = i1 and, if z2 is not 0, ?2 = z2 (else ?2 = i2).
** For statements without results. */
YcStatus mu_run(Ctx *c, const char *zSql, int64_t i1, const char *z2, int64_t i2, Err *e);

/* Today (UTC) as "YYYY-MM-DD" into z (>= 11 bytes). */
void mu_today(char *z);
/* Days since 1970-01-01 of a date "YYYY-MM-DD" (anything after the day,
** like a time, is ignored); -1 if z does not start with a valid day. */
int mu_days(const char *z);

/* A day-precision date field: "YYYY-MM-DD", a day that exists; with
** bNoFuture not after today. Err names zField. */
YcStatus mu_check_day(const char *zField, const char *z, int bNoFuture, Err *e);

/* An array field of ISIC codes: divisions ("28"), and sections ("C")
** unless bDivOnly; at most nMax, no repeats. Absent: *pbSet = 0. null:
** *pbSet = 1, *pa = 0. *pa is borrowed from o. */
YcStatus mu_codes(json_t *o, const char *zKey, int bDivOnly, size_t nMax,
                  json_t **pa, int *pbSet, Err *e);

/* Parse "26, 72,C" (comma- or space-separated) into a new JSON array of
** codes, validated like mu_codes. An empty string gives an empty array. */
YcStatus mu_codes_parse(const char *z, const char *zField, int bDivOnly, size_t nMax,
                        json_t **pa, Err *e);

/* Parse "US,SE" into a new JSON array of ISO 3166-1 alpha-2 codes that
** exist in the country table (upper-cased); at most nMax. */
YcStatus mu_countries_parse(Ctx *c, const char *z, const char *zField, size_t nMax,
                            json_t **pa, Err *e);
/* 1 if zIso2 is a country in the database. */
int mu_country_exists(Ctx *c, const char *zIso2);

/* The tokens of folded text z joined by one blank (touching CJK characters
** stay together): "silicon-carbide" and "silicon carbide" read alike.
** Malloc'd; 0 on error. */
char *mu_norm_tokens(const char *z);
/* The CJK bigrams of folded text z as single ASCII tokens, one per pair
** of touching CJK characters: "机器人" -> "x673a5668 x56684eba". They go
** into the "cjk" column of this module's FTS tables, where a Chinese
** phrase is then a phrase of bigram tokens: its cost follows the rarity of
** the bigrams, not of single characters (制, 业, 产 are everywhere).
** Malloc'd ("" when there is no pair); 0 on error. */
char *mu_cjk_bigrams(const char *z);

/* text_fold then mu_norm_tokens of z (its first nMax bytes); malloc'd. */
char *mu_fold_norm(const char *z, size_t nMax);

/* Parse a decimal integer in [iMin, iMax]; 0 on success, -1 otherwise. */
int mu_parse_int(const char *z, long long iMin, long long iMax, long long *pv);

#endif
