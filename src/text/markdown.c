/* markdown.c: see markdown.h. */
#include <stdlib.h>
#include <cmark.h>
#include "text/markdown.h"

char *text_markdown_html(const char *z, size_t n){
  /* CMARK_OPT_DEFAULT is the safe mode since cmark 0.29 (CMARK_OPT_UNSAFE
  ** lets raw HTML through); CMARK_OPT_SAFE is kept for older versions. */
  int opt = CMARK_OPT_DEFAULT | CMARK_OPT_SAFE | CMARK_OPT_NORMALIZE | CMARK_OPT_VALIDATE_UTF8;
  return cmark_markdown_to_html(z ? z : "", z ? n : 0, opt);
}
