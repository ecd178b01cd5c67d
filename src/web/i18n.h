/*
** i18n.h: the user-interface strings in Simplified Chinese and English,
** kept as data in the TSV files of data/i18n (key, zh, en; one per feature) and
** embedded in the binary.
*/
#ifndef YC_I18N_H
#define YC_I18N_H

/* The string for zKey in zLang ("zh" or "en"); the key itself if unknown
** (a test checks that every key used has both languages). */
const char *tr(const char *zLang, const char *zKey);

/* Number of keys loaded (for tests). */
int i18n_count(void);

#endif
