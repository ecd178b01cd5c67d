/*
** vocab.h: the bilingual industry vocabulary (data/vocab_industry.tsv), the
** value-chain adjacency of ISIC divisions (data/isic_adjacency.tsv) and the
** ISIC Rev.4 divisions themselves (data/isic4.tsv), loaded once from the
** embedded assets and shared read-only by every thread.
**
** vocab_find() maps any text (Simplified or Traditional Chinese, English,
** mixed, with pinyin annotations) to vocabulary concepts and so to ISIC
** divisions: the bridge that lets a Chinese query find an English-only
** profile and vice versa. Terms match on whole tokens of the folded text
** (text_fold): Chinese terms on consecutive characters, English terms on
** whole words, a final plural "s"/"ies" of the text tolerated.
*/
#ifndef YC_VOCAB_H
#define YC_VOCAB_H
#include <stddef.h>
#include <jansson.h>
#include "base/err.h"

#define VOCAB_MAX_CODES 4

/* One occurrence of a vocabulary term in a text. */
typedef struct VocabHit {
  int iConcept;        /* concept (row of the data file) */
  int iTerm;           /* the term that matched (see vocab_term) */
  int iStart, iEnd;    /* byte span in the folded text */
} VocabHit;

/* Load the three files (once, thread-safe). 0 on success, else -1 (a
** missing or malformed asset, logged). Every function below calls it. */
int vocab_init(void);

/* Concepts named in the folded text zFold (text_fold() output): fills at
** most nMax hits in text order and returns their number. Stopword rows are
** not reported; a hit inside the span of a longer hit is dropped (so
** 电子商务 is e-commerce, not also electronics). */
int vocab_find(const char *zFold, VocabHit *aHit, int nMax);

/* Number of concepts (rows, stopword rows included) and of terms. */
int vocab_concept_count(void);
int vocab_term_count(void);
/* The ISIC divisions of concept i; *pn gets their number (0 for stopwords).
** Codes are two-digit strings ("28"). */
const char *const *vocab_concept_codes(int i, int *pn);
/* The terms of concept i: indexes [*piFirst, *piFirst + n). */
int vocab_concept_terms(int i, int *piFirst);
/* Term iTerm as written in the data file, its language, its concept. */
const char *vocab_term(int iTerm);
int vocab_term_is_zh(int iTerm);
int vocab_term_concept(int iTerm);

/* 1 if zKey (folded tokens joined by one space, e.g. "合 作" or "the") is
** a stopword of the vocabulary. */
int vocab_is_stop(const char *zKey);

/* ISIC divisions are 1..99 ("01".."99"); sections are letters "A".."U".
** isic_div() returns the division number of a two-digit code, else 0. */
int isic_div(const char *zCode);
/* 1 if zCode is a known division ("28") or section ("C"). */
int isic_known(const char *zCode);
/* Section letter of division d (0 if unknown). */
char isic_section_of(int d);
/* English or Chinese title of a division or section code; "" if unknown. */
const char *isic_label(const char *zCode, int bZh);

/* The rationale if divisions a and b are adjacent in the value-chain table,
** else 0. */
const char *isic_adjacent(int a, int b);

/* An array field of ISIC codes: divisions ("28"), and sections ("C")
** unless bDivOnly; at most nMax, no repeats. Absent: *pbSet = 0. null:
** *pbSet = 1, *pa = 0. *pa is borrowed from o. */
YcStatus isic_codes(json_t *o, const char *zKey, int bDivOnly, size_t nMax,
                    json_t **pa, int *pbSet, Err *e);
/* Parse "26, 72,C" (comma- or space-separated) into a new JSON array of
** codes, validated like isic_codes; one digit is a division ("7" = "07"),
** repeats are dropped. An empty string gives an empty array. */
YcStatus isic_codes_parse(const char *z, const char *zField, int bDivOnly, size_t nMax,
                          json_t **pa, Err *e);

#endif
