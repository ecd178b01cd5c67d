/*
** html.h: HTML output with escaping by default, after Fossil's format
** codes. In hp()'s format:
**   %s   text, HTML-escaped (the default: request data is always safe)
**   %R   raw HTML: only for literals and markup this program made
**   %u   text, percent-encoded for a URL query component
**   %d   int, %D int64_t, %%   a percent sign
** Nothing else is accepted (an unknown code prints "%?").
*/
#ifndef YC_HTML_H
#define YC_HTML_H
#include <stdint.h>
#include "base/buf.h"

void hp(Buf *b, const char *zFmt, ...);

/* Write j (any JSON value) so that it is safe inside a <script> element:
** "<", ">" and "&" are escaped as \u003c etc. */
struct json_t;
void html_json(Buf *b, struct json_t *j);

#endif
