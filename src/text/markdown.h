/*
** markdown.h: Markdown to HTML with cmark (CommonMark), in its safe mode:
** raw HTML is dropped (cmark writes a comment in its place) and links and
** images whose URL is javascript:, vbscript:, file: or data: (but for
** data:image/png|gif|jpeg|webp images) lose their URL. Text is escaped.
*/
#ifndef YC_MARKDOWN_H
#define YC_MARKDOWN_H
#include <stddef.h>

/* The HTML of Markdown z[0..n) (malloc'd), or 0 on OOM. */
char *text_markdown_html(const char *z, size_t n);

#endif
