/* html.c: escaping HTML formatter; see html.h. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "web/html.h"
#include "base/json.h"

void hp(Buf *b, const char *zFmt, ...){
  va_list ap;
  va_start(ap, zFmt);
  const char *z = zFmt;
  while( *z ){
    const char *zPct = strchr(z, '%');
    if( !zPct ){ buf_puts(b, z); break; }
    buf_append(b, z, (size_t)(zPct - z));
    switch( zPct[1] ){
      case 's': buf_html(b, va_arg(ap, const char*)); break;
      case 'R': buf_puts(b, va_arg(ap, const char*)); break;
      case 'u': buf_url(b, va_arg(ap, const char*)); break;
      case 'd': buf_printf(b, "%d", va_arg(ap, int)); break;
      case 'D': buf_printf(b, "%lld", (long long)va_arg(ap, int64_t)); break;
      case '%': buf_putc(b, '%'); break;
      default:  buf_puts(b, "%?"); if( !zPct[1] ){ va_end(ap); return; } break;
    }
    z = zPct + 2;
  }
  va_end(ap);
}

void html_json(Buf *b, json_t *j){
  char *z = json_text(j, JSON_COMPACT | JSON_ENCODE_ANY);
  if( !z ) return;
  for(const char *p = z; *p; p++){
    switch( *p ){
      case '<': buf_puts(b, "\\u003c"); break;
      case '>': buf_puts(b, "\\u003e"); break;
      case '&': buf_puts(b, "\\u0026"); break;
      default: buf_putc(b, *p);
    }
  }
  free(z);
}
