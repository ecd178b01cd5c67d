/*
** lists.h: load the built-in country lists embedded from data/lists.
** Each file data/lists/KEY.tsv starts with "# field: value" lines
** (name_en, name_zh, kind, source, as_of, notes, and expand: "yes: why"
** when the list asks for more ties even where one exists; an office's own
** choice, country_list.expand_user, is never touched), then a header line
** "iso2<TAB>note" and one country per line. Loading replaces the members of
** a built-in list with the file's (so a corrected file corrects the
** database) and never touches user lists.
*/
#ifndef YC_LISTS_H
#define YC_LISTS_H
#include "store/db.h"

/* *pnList gets the number of lists, *pnMember the members loaded. */
YcStatus lists_load(Db *db, int *pnList, int *pnMember, Err *e);

#endif
