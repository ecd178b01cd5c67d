/*
** norm.h: text normalisation for search and matching.
**
** text_fold() makes 濟(jì)南, 济南, ＪＩＮＡＮ and Jinan comparable: it strips
** pinyin annotations that follow Han characters, converts Traditional to
** Simplified script (OpenCC t2s), applies NFKC (full/half width), folds Latin
** letters to ASCII (Västerås -> vasteras) and lower-cases (ICU transforms).
** text_pinyin() gives the toneless pinyin of the Han characters, so that
** "hegeshan" finds 和歌山. Thread-safe: converters come from a small pool.
*/
#ifndef YC_NORM_H
#define YC_NORM_H
#include <stddef.h>

/* 1 if z[0..n) is well-formed UTF-8 (no overlongs, no surrogates). */
int text_utf8_valid(const char *z, size_t n);

/* Remove pinyin annotations such as the "(jì)" in 濟(jì)南. Returns a
** malloc'd string; 0 on OOM. */
char *text_strip_annotations(const char *z, size_t n);

/* Fold z[0..n) for comparison (see above). Returns malloc'd UTF-8, or 0 on
** error (invalid UTF-8 or converter failure). */
char *text_fold_n(const char *z, size_t n);
char *text_fold(const char *z);

/* z converted from Traditional to Simplified script (OpenCC t2s) and
** nothing else. Returns malloc'd UTF-8, or 0 on error. */
char *text_t2s(const char *z);

/* Toneless pinyin of the Han characters of z: for each run of Han
** characters, its syllables then the syllables joined ("ji nan jinan").
** Returns malloc'd UTF-8 ("" when z has no Han); 0 on error. */
char *text_pinyin(const char *z);

/* Call xTok for each search token of an already folded string: one token per
** CJK character, one per run of letters/digits. iStart/iEnd are byte offsets
** into z. Stops and returns the callback's non-zero value, else 0. */
typedef int (*TextTokenFn)(void *pCtx, const char *zTok, int nTok,
                           int iStart, int iEnd, int bCjk);
int text_tokenize(const char *z, int n, TextTokenFn xTok, void *pCtx);

/* Build an FTS5 MATCH expression from a user's query: CJK runs become
** phrases, words become prefix terms, all ANDed. Returns malloc'd text, or
** 0 if the query has no searchable token. */
char *text_fts_query(const char *zQuery);

/* Free the converter pool (at exit). */
void text_shutdown(void);

#endif
