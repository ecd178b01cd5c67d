/*
** json.h: reading jansson values without ceremony, and the one JSON
** writer. The small accessors every layer needs; writing JSON text is
** json_text(), for every JSON the program emits (parsing stays jansson's).
*/
#ifndef YC_JSON_H
#define YC_JSON_H
#include <stdint.h>
#include <jansson.h>
#include "base/buf.h"

/* Member zKey of object o as a string; 0 when absent or not a string. */
const char *jstr(const json_t *o, const char *zKey);
/* The same, "" instead of 0 (for printing). */
const char *jstr0(const json_t *o, const char *zKey);
/* Member zKey as an integer; 0 when absent or not an integer. */
long long jint(const json_t *o, const char *zKey);
/* Member zKey as a number (integer or real); 0.0 when absent. */
double jnum(const json_t *o, const char *zKey);

/* j as JSON text, exactly as json_dumps(j, flags) writes it (any of
** jansson's flags: JSON_INDENT(n), JSON_COMPACT, JSON_ENSURE_ASCII,
** JSON_SORT_KEYS, JSON_PRESERVE_ORDER, JSON_ENCODE_ANY, JSON_ESCAPE_SLASH,
** JSON_REAL_PRECISION(n), JSON_EMBED), except that a real is written in
** its shortest form that reads back to the same double: the first of
** %.15g, %.16g and %.17g that strtod() reads back equal (42.5467, not
** 42.546700000000001), with jansson's ".0" when the text would read as an
** integer and its exponent form (1e300, 1e-5). JSON_REAL_PRECISION(n)
** keeps jansson's fixed %.ng. Malloc'd (free() it); 0 on error (a
** container that contains itself, invalid UTF-8, a scalar without
** JSON_ENCODE_ANY, out of memory), as json_dumps. */
char *json_text(const json_t *j, size_t flags);
/* The string z (n bytes of UTF-8) as JSON text, quotes included, appended
** to b exactly as json_text writes a string (for writers of one line that
** build no jansson value: the access log). -1 on invalid UTF-8. */
int json_text_string(Buf *b, const char *z, size_t n, size_t flags);

#endif
