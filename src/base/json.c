/* json.c: jansson accessors and the JSON writer; see json.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/json.h"
#include "base/buf.h"

const char *jstr(const json_t *o, const char *zKey){
  return json_string_value(json_object_get(o, zKey));
}
const char *jstr0(const json_t *o, const char *zKey){
  const char *z = jstr(o, zKey);
  return z ? z : "";
}
long long jint(const json_t *o, const char *zKey){
  return json_integer_value(json_object_get(o, zKey));
}
double jnum(const json_t *o, const char *zKey){
  return json_number_value(json_object_get(o, zKey));
}

/* ---------------------------------------------------------------------------
** json_text: jansson 2.14's dump.c, written to a Buf, with shortest reals.
*/
#define FLAGS_INDENT(f)    ((f) & 0x1F)
#define FLAGS_PRECISION(f) (((f) >> 11) & 0x1F)

/* The containers being written, innermost first (a loop is an error). */
typedef struct Parent { const json_t *j; const struct Parent *pUp; } Parent;

static void put_indent(Buf *b, size_t flags, int depth, int bSpace){
  if( FLAGS_INDENT(flags)>0 ){
    buf_putc(b, '\n');
    for(int n = depth*(int)FLAGS_INDENT(flags); n>0; n--) buf_putc(b, ' ');
  }else if( bSpace && !(flags & JSON_COMPACT) ){
    buf_putc(b, ' ');
  }
}

/* Length of the UTF-8 sequence at z (at most n bytes) and its code point,
** by jansson's rules (no overlong forms, surrogates or values past
** U+10FFFF); 0 if invalid. */
static size_t utf8_next(const char *z, size_t n, int32_t *pc){
  unsigned char u = (unsigned char)z[0];
  size_t k;
  int32_t v;
  if( u<0x80 ){ *pc = u; return 1; }
  if( u>=0xC2 && u<=0xDF ){ k = 2; v = u & 0x1F; }
  else if( u>=0xE0 && u<=0xEF ){ k = 3; v = u & 0x0F; }
  else if( u>=0xF0 && u<=0xF4 ){ k = 4; v = u & 0x07; }
  else return 0;
  if( k>n ) return 0;
  for(size_t i=1; i<k; i++){
    u = (unsigned char)z[i];
    if( u<0x80 || u>0xBF ) return 0;
    v = (v<<6) + (u & 0x3F);
  }
  if( v>0x10FFFF || (v>=0xD800 && v<=0xDFFF) ) return 0;
  if( (k==3 && v<0x800) || (k==4 && v<0x10000) ) return 0;
  *pc = v;
  return k;
}

/* A string, escaped as jansson does: \" \\ \b \f \n \r \t, other controls
** as \u00 and two hex digits, / only with JSON_ESCAPE_SLASH, non-ASCII as \uXXXX (pairs
** beyond the BMP) only with JSON_ENSURE_ASCII. -1 on invalid UTF-8 (what
** was written stays, as in jansson). */
static int put_string(Buf *b, const char *z, size_t n, size_t flags){
  const char *zRun = z, *zLim = z + n, *p = z;
  int32_t c = 0;
  buf_putc(b, '"');
  while( p<zLim ){
    size_t k = utf8_next(p, (size_t)(zLim - p), &c);
    if( !k ) return -1;
    if( c=='\\' || c=='"' || c<0x20 || ((flags & JSON_ESCAPE_SLASH) && c=='/')
     || ((flags & JSON_ENSURE_ASCII) && c>0x7F) ){
      char zSeq[16];
      buf_append(b, zRun, (size_t)(p - zRun));
      switch( c ){
        case '\\': buf_append(b, "\\\\", 2); break;
        case '"':  buf_append(b, "\\\"", 2); break;
        case '\b': buf_append(b, "\\b", 2); break;
        case '\f': buf_append(b, "\\f", 2); break;
        case '\n': buf_append(b, "\\n", 2); break;
        case '\r': buf_append(b, "\\r", 2); break;
        case '\t': buf_append(b, "\\t", 2); break;
        case '/':  buf_append(b, "\\/", 2); break;
        default:
          if( c<0x10000 ){
            snprintf(zSeq, sizeof zSeq, "\\u%04X", (unsigned)c);
          }else{
            int32_t v = c - 0x10000;
            snprintf(zSeq, sizeof zSeq, "\\u%04X\\u%04X", (unsigned)(0xD800 | ((v & 0xffc00)>>10)),
                     (unsigned)(0xDC00 | (v & 0x3ff)));
          }
          buf_puts(b, zSeq);
      }
      zRun = p + k;
    }
    p += k;
  }
  buf_append(b, zRun, (size_t)(p - zRun));
  buf_putc(b, '"');
  return 0;
}

/* A real: the shortest of %.15g, %.16g, %.17g that reads back as v (or
** %.<precision>g when the flags fix one), then jansson's touches: ".0"
** when there is neither a dot nor an exponent, no "+" and no leading
** zeros in the exponent. */
static void put_real(Buf *b, double v, int nPrec){
  char z[64];
  if( nPrec>0 ){
    snprintf(z, sizeof z, "%.*g", nPrec, v);
  }else{
    for(nPrec = 15; nPrec<=17; nPrec++){
      snprintf(z, sizeof z, "%.*g", nPrec, v);
      if( strtod(z, 0)==v ) break;
    }
  }
  size_t n = strlen(z);
  if( !strchr(z, '.') && !strchr(z, 'e') ){ memcpy(z + n, ".0", 3); n += 2; }
  char *zE = strchr(z, 'e');
  if( zE ){
    char *zTo = zE + 1, *zFrom = zE + 2;
    if( *zTo=='-' ) zTo++;
    while( *zFrom=='0' ) zFrom++;
    if( zFrom!=zTo ){ memmove(zTo, zFrom, n + 1 - (size_t)(zFrom - z)); n -= (size_t)(zFrom - zTo); }
  }
  buf_append(b, z, n);
}

typedef struct KeyLen { const char *z; size_t n; } KeyLen;

static int key_cmp(const void *a, const void *b){
  const KeyLen *x = a, *y = b;
  int c = memcmp(x->z, y->z, x->n<y->n ? x->n : y->n);
  return c ? c : (x->n<y->n ? -1 : x->n>y->n);
}

static int put_value(Buf *b, const json_t *j, size_t flags, int depth, const Parent *pUp){
  int bEmbed = (flags & JSON_EMBED)!=0;
  flags &= ~(size_t)JSON_EMBED;
  if( !j ) return -1;
  switch( json_typeof(j) ){
    case JSON_NULL:  buf_append(b, "null", 4); return 0;
    case JSON_TRUE:  buf_append(b, "true", 4); return 0;
    case JSON_FALSE: buf_append(b, "false", 5); return 0;
    case JSON_INTEGER:
      buf_printf(b, "%" JSON_INTEGER_FORMAT, json_integer_value(j));
      return 0;
    case JSON_REAL:
      put_real(b, json_real_value(j), (int)FLAGS_PRECISION(flags));
      return 0;
    case JSON_STRING:
      return put_string(b, json_string_value(j), json_string_length(j), flags);
    case JSON_ARRAY: case JSON_OBJECT: break;
    default: return -1;
  }
  for(const Parent *p = pUp; p; p = p->pUp) if( p->j==j ) return -1;
  Parent me = {j, pUp};
  if( json_is_array(j) ){
    size_t n = json_array_size(j);
    if( !bEmbed ) buf_putc(b, '[');
    if( n==0 ){ if( !bEmbed ) buf_putc(b, ']'); return 0; }
    put_indent(b, flags, depth + 1, 0);
    for(size_t i=0; i<n; i++){
      if( put_value(b, json_array_get(j, i), flags, depth + 1, &me) ) return -1;
      if( i<n - 1 ){ buf_putc(b, ','); put_indent(b, flags, depth + 1, 1); }
      else put_indent(b, flags, depth, 0);
    }
    if( !bEmbed ) buf_putc(b, ']');
    return 0;
  }
  const char *zSep = (flags & JSON_COMPACT) ? ":" : ": ";
  void *iter = json_object_iter((json_t*)j);
  if( !bEmbed ) buf_putc(b, '{');
  if( !iter ){ if( !bEmbed ) buf_putc(b, '}'); return 0; }
  put_indent(b, flags, depth + 1, 0);
  size_t n = json_object_size(j), i = 0;
  KeyLen *aKey = malloc(sizeof(KeyLen)*(n ? n : 1));
  if( !aKey ) return -1;
  for(; iter && i<n; iter = json_object_iter_next((json_t*)j, iter), i++){
    aKey[i].z = json_object_iter_key(iter);
    aKey[i].n = json_object_iter_key_len(iter);
  }
  n = i;
  if( flags & JSON_SORT_KEYS ) qsort(aKey, n, sizeof aKey[0], key_cmp);
  for(i=0; i<n; i++){
    put_string(b, aKey[i].z, aKey[i].n, flags);     /* as jansson: a bad key is not an error */
    buf_puts(b, zSep);
    if( put_value(b, json_object_getn(j, aKey[i].z, aKey[i].n), flags, depth + 1, &me) ){ free(aKey); return -1; }
    if( i<n - 1 ){ buf_putc(b, ','); put_indent(b, flags, depth + 1, 1); }
    else put_indent(b, flags, depth, 0);
  }
  free(aKey);
  if( !bEmbed ) buf_putc(b, '}');
  return 0;
}

int json_text_string(Buf *b, const char *z, size_t n, size_t flags){
  return put_string(b, z, n, flags);
}

char *json_text(const json_t *j, size_t flags){
  if( !(flags & JSON_ENCODE_ANY) && !json_is_array(j) && !json_is_object(j) ) return 0;
  Buf b = BUF_INIT;
  if( put_value(&b, j, flags, 0, 0) || buf_error(&b) ){ buf_free(&b); return 0; }
  if( !b.n ){ buf_free(&b); return strdup(""); }
  return buf_take(&b);
}
