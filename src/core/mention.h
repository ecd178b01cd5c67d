/*
** mention.h: the mention finder (issue 13, item 1). Finds the partner
** cities (the home city's ties), organisations, events and people a text
** mentions, in Chinese (Simplified or Traditional: the text is read through
** OpenCC t2s) and English (ASCII letters compared without case, on word
** boundaries), by the names the database holds (the partner city's Chinese
** name as the office writes it, its GeoNames name, Chinese alternates and
** the tie's label; organisation names; event titles; people's names) and
** the short forms of data/mention_aliases.tsv. The longest match wins;
** the home city's own names are not mentions (and hide shorter names inside
** them). A surface naming several records is answered unresolved ("id"
** null, "candidates" their ids), never guessed. People are personal data:
** only signed-in callers (and the CLI) get person mentions.
**
** The dictionary is built once and kept, keyed on the latest audit id of
** the records it names (ties, organisations, events, people, city names)
** and the caller's kind (signed in or not): a change of one of them makes
** the next call rebuild it.
*/
#ifndef YC_MENTION_H
#define YC_MENTION_H
#include <jansson.h>
#include "core/ctx.h"

/* {"mentions":[{"type":"tie"|"org"|"event"|"person", "id":N (or null),
** "name":"...", "match":"萨城", "start":B, "end":B}]} in text order, with
** byte offsets into zText; an ambiguous surface has "id":null and
** "candidates":[ids]. zText must be valid UTF-8 (400 naming "text"). */
YcStatus mention_find(Ctx *c, const char *zText, json_t **ppOut, Err *e);

/* Drop the cached dictionaries (tests; a new database). */
void mention_reset(void);

#endif
