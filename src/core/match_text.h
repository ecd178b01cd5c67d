/*
** match_text.h: the text forms that the industry-database and matching
** modules (profile.c, offer.c, opportunity.c, match.c) put into their FTS
** tables and compare: token-normalised folded text and CJK bigram tokens.
*/
#ifndef YC_MATCH_TEXT_H
#define YC_MATCH_TEXT_H
#include <stddef.h>

/* The tokens of folded text z joined by one blank (touching CJK characters
** stay together): "silicon-carbide" and "silicon carbide" read alike.
** Malloc'd; 0 on error. */
char *match_norm_tokens(const char *z);
/* The CJK bigrams of folded text z as single ASCII tokens, one per pair
** of touching CJK characters: "机器人" -> "x673a5668 x56684eba". They go
** into the "cjk" column of the matching FTS tables, where a Chinese
** phrase is then a phrase of bigram tokens: its cost follows the rarity of
** the bigrams, not of single characters (制, 业, 产 are everywhere).
** Malloc'd ("" when there is no pair); 0 on error. */
char *match_cjk_bigrams(const char *z);

/* text_fold then match_norm_tokens of z (its first nMax bytes); malloc'd. */
char *match_fold_norm(const char *z, size_t nMax);

#endif
