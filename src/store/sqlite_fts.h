/*
** sqlite_fts.h: the SQLite engine's "yc" FTS5 tokenizer. It folds text with text_fold() (script,
** width, case, accents, pinyin annotations) and emits one token per CJK
** character and one per run of letters or digits, so 济南 and 濟南 index
** alike and a two-character query is a phrase of two tokens.
*/
#ifndef YC_SQLITE_FTS_H
#define YC_SQLITE_FTS_H
#include <sqlite3.h>

/* Register the tokenizer on db. Returns SQLITE_OK or an error code. */
int fts_register(sqlite3 *db);

#endif
