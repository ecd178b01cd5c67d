/*
** lang.h: language codes. ISO 639-1 (two letters) as ICU knows them
** (uloc_getISOLanguages), so that no table of codes is kept here.
*/
#ifndef YC_LANG_H
#define YC_LANG_H

/* 1 if z is a two-letter ISO 639-1 language code in lower case ("zh",
** "en", "de"), 0 otherwise. */
int lang_iso639_1(const char *z);

#endif
