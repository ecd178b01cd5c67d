/* fuzz/markdown.c: Markdown to HTML in cmark's safe mode (text/markdown.c). */
#include <stdlib.h>
#include <stdint.h>
#include "text/markdown.h"

int LLVMFuzzerTestOneInput(const uint8_t *a, size_t n){
  free(text_markdown_html((const char*)a, n));
  return 0;
}
