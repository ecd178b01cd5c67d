/* match_util.c: see match_util.h. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "core/match_util.h"
#include "core/input.h"
#include "core/vocab.h"
#include "base/buf.h"
#include "text/norm.h"

json_t *mu_jtext(DbStmt *p, int i){
  const char *z = db_text(p, i);
  return z ? json_string(z) : json_null();
}

json_t *mu_jlist(DbStmt *p, int i){
  json_t *a = json_array();
  const char *z = db_text(p, i);
  while( z && *z ){
    const char *zEnd = strchr(z, 31);
    size_t n = zEnd ? (size_t)(zEnd - z) : strlen(z);
    json_array_append_new(a, json_stringn(z, n));
    z += n + (zEnd ? 1 : 0);
  }
  return a;
}

YcStatus mu_run(Ctx *c, const char *zSql, int64_t i1, const char *z2, int64_t i2, Err *e){
  DbStmt *p = db_stmt(c->db, zSql);
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, i1);
  if( z2 ) db_bind_text(p, 2, z2, -1);
  else db_bind_int64(p, 2, i2);
  int rc = db_step(p);
  db_reset(p);
  return (rc==DB_DONE || rc==DB_ROW) ? YC_OK : db_error(c->db, rc, e);
}

void mu_today(char *z){
  time_t t = time(0);
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(z, 11, "%Y-%m-%d", &tm);
}

/* Days from civil date (Howard Hinnant's algorithm). */
static int days_from_civil(int y, int m, int d){
  y -= m<=2;
  int era = (y>=0 ? y : y-399) / 400;
  int yoe = y - era*400;
  int doy = (153*(m + (m>2 ? -3 : 9)) + 2)/5 + d - 1;
  int doe = yoe*365 + yoe/4 - yoe/100 + doy;
  return era*146097 + doe - 719468;
}

int mu_days(const char *z){
  if( !z ) return -1;
  for(int i=0; i<10; i++){
    if( i==4 || i==7 ){ if( z[i]!='-' ) return -1; }
    else if( z[i]<'0' || z[i]>'9' ) return -1;
  }
  int y = atoi(z), m = atoi(z+5), d = atoi(z+8);
  if( m<1 || m>12 || d<1 || d>31 ) return -1;
  return days_from_civil(y, m, d);
}

YcStatus mu_check_day(const char *zField, const char *z, int bNoFuture, Err *e){
  const char *zPrec = 0;
  if( !z || strlen(z)!=10 )
    return err_set(e, YC_EINVALID, "invalid_date", zField, "%s must be a date as YYYY-MM-DD", zField);
  YcStatus st = in_date_parse(zField, z, &zPrec, e);
  if( st ) return st;
  if( bNoFuture ){
    char zToday[11];
    mu_today(zToday);
    if( strcmp(z, zToday)>0 )
      return err_set(e, YC_EINVALID, "future_date", zField, "%s %s is in the future", zField, z);
  }
  return YC_OK;
}

/* Validate one code; 0 if fine. */
static int code_ok(const char *z, int bDivOnly){
  if( !isic_known(z) ) return 0;
  return !bDivOnly || isic_div(z)!=0;
}

YcStatus mu_codes(json_t *o, const char *zKey, int bDivOnly, size_t nMax,
                  json_t **pa, int *pbSet, Err *e){
  YcStatus st = in_str_array(o, zKey, nMax, 2, pa, pbSet, e);
  if( st ) return st;
  if( !*pa ) return YC_OK;
  size_t i, j;
  json_t *x, *y;
  json_array_foreach(*pa, i, x){
    const char *z = json_string_value(x);
    if( !code_ok(z, bDivOnly) ){
      return err_set(e, YC_EINVALID, "unknown_industry", zKey,
                     bDivOnly ? "%s[%zu]: %s is not an ISIC Rev.4 division (two digits, e.g. 28)"
                              : "%s[%zu]: %s is not an ISIC Rev.4 section (A-U) or division", zKey, i, z);
    }
    json_array_foreach(*pa, j, y){
      if( j>=i ) break;
      if( strcmp(json_string_value(y), z)==0 )
        return err_set(e, YC_EINVALID, "duplicate", zKey, "%s: %s is given twice", zKey, z);
    }
  }
  return YC_OK;
}

YcStatus mu_codes_parse(const char *z, const char *zField, int bDivOnly, size_t nMax,
                        json_t **pa, Err *e){
  json_t *a = json_array();
  *pa = 0;
  while( z && *z ){
    while( *z==',' || *z==' ' || *z=='\t' || *z==0x0a ) z++;
    if( !*z ) break;
    const char *s = z;
    while( *z && *z!=',' && *z!=' ' && *z!='\t' && *z!=0x0a ) z++;
    size_t n = (size_t)(z - s);
    char zCode[8];
    if( n>=sizeof zCode ){
      json_decref(a);
      return err_set(e, YC_EINVALID, "unknown_industry", zField, "%s: '%.20s' is not an ISIC code", zField, s);
    }
    memcpy(zCode, s, n);
    zCode[n] = 0;
    if( n==1 ) zCode[0] = (char)toupper((unsigned char)zCode[0]);
    if( n==1 && zCode[0]>='0' && zCode[0]<='9' ){ zCode[1] = zCode[0]; zCode[0] = '0'; zCode[2] = 0; }
    if( !code_ok(zCode, bDivOnly) ){
      json_decref(a);
      return err_set(e, YC_EINVALID, "unknown_industry", zField,
                     bDivOnly ? "%s: %s is not an ISIC Rev.4 division (two digits, e.g. 28)"
                              : "%s: %s is not an ISIC Rev.4 section (A-U) or division", zField, zCode);
    }
    size_t i; json_t *x; int bDup = 0;
    json_array_foreach(a, i, x) if( strcmp(json_string_value(x), zCode)==0 ) bDup = 1;
    if( bDup ) continue;
    if( json_array_size(a)>=nMax ){
      json_decref(a);
      return err_set(e, YC_EINVALID, "too_many", zField, "%s: at most %zu codes", zField, nMax);
    }
    json_array_append_new(a, json_string(zCode));
  }
  *pa = a;
  return YC_OK;
}

int mu_country_exists(Ctx *c, const char *zIso2){
  DbStmt *p = db_stmt(c->db, "SELECT 1 FROM country WHERE iso2=?1");
  if( !p ) return 0;
  db_bind_text(p, 1, zIso2, -1);
  int b = db_step(p)==DB_ROW;
  db_reset(p);
  return b;
}

YcStatus mu_countries_parse(Ctx *c, const char *z, const char *zField, size_t nMax,
                            json_t **pa, Err *e){
  json_t *a = json_array();
  *pa = 0;
  while( z && *z ){
    while( *z==',' || *z==' ' ) z++;
    if( !*z ) break;
    const char *s = z;
    while( *z && *z!=',' && *z!=' ' ) z++;
    size_t n = (size_t)(z - s);
    char zIso[3];
    if( n!=2 || !isalpha((unsigned char)s[0]) || !isalpha((unsigned char)s[1]) ){
      json_decref(a);
      return err_set(e, YC_EINVALID, "invalid_value", zField,
                     "%s: '%.20s' is not an ISO 3166-1 alpha-2 code such as US", zField, s);
    }
    zIso[0] = (char)toupper((unsigned char)s[0]);
    zIso[1] = (char)toupper((unsigned char)s[1]);
    zIso[2] = 0;
    if( !mu_country_exists(c, zIso) ){
      json_decref(a);
      return err_set(e, YC_EINVALID, "unknown_country", zField, "%s: no country %s", zField, zIso);
    }
    size_t i; json_t *x; int bDup = 0;
    json_array_foreach(a, i, x) if( strcmp(json_string_value(x), zIso)==0 ) bDup = 1;
    if( bDup ) continue;
    if( json_array_size(a)>=nMax ){
      json_decref(a);
      return err_set(e, YC_EINVALID, "too_many", zField, "%s: at most %zu countries", zField, nMax);
    }
    json_array_append_new(a, json_string(zIso));
  }
  *pa = a;
  return YC_OK;
}

int mu_parse_int(const char *z, long long iMin, long long iMax, long long *pv){
  if( !z || !*z || strlen(z)>18 ) return -1;
  const char *s = z;
  if( *s=='-' ) s++;
  if( !*s ) return -1;
  for(const char *p = s; *p; p++) if( *p<'0' || *p>'9' ) return -1;
  long long v = strtoll(z, 0, 10);
  if( v<iMin || v>iMax ) return -1;
  *pv = v;
  return 0;
}

typedef struct NormCtx { Buf b; int iLastEnd, bLastCjk; } NormCtx;

static int norm_tok(void *p, const char *zTok, int nTok, int iStart, int iEnd, int bCjk){
  NormCtx *x = p;
  if( x->b.n && !(bCjk && x->bLastCjk && x->iLastEnd==iStart) ) buf_putc(&x->b, ' ');
  buf_append(&x->b, zTok, (size_t)nTok);
  x->iLastEnd = iEnd;
  x->bLastCjk = bCjk;
  return 0;
}

/* The tokens of folded text z joined by one blank (touching CJK characters
** stay together): "silicon-carbide" and "silicon carbide" read alike.
** Malloc'd; 0 on error. */
char *mu_norm_tokens(const char *z){
  NormCtx x = {BUF_INIT, -1, 0};
  text_tokenize(z, (int)strlen(z), norm_tok, &x);
  if( buf_error(&x.b) ){ buf_free(&x.b); return 0; }
  if( !x.b.n ){ buf_free(&x.b); return strdup(""); }
  return buf_take(&x.b);
}

char *mu_fold_norm(const char *z, size_t nMax){
  if( !z ) return 0;
  size_t n = strlen(z);
  if( n>nMax ){ n = nMax; while( n>0 && ((unsigned char)z[n] & 0xC0)==0x80 ) n--; }
  char *zF = text_fold_n(z, n);
  if( !zF ) return 0;
  char *zN = mu_norm_tokens(zF);
  free(zF);
  return zN;
}

typedef struct BgCtx { Buf b; int iLastEnd; unsigned uLast; int bLast; } BgCtx;

static unsigned utf8_cp(const char *z, int n){
  const unsigned char *u = (const unsigned char*)z;
  if( n==1 ) return u[0];
  if( n==2 ) return ((u[0] & 0x1Fu)<<6) | (u[1] & 0x3Fu);
  if( n==3 ) return ((u[0] & 0x0Fu)<<12) | ((u[1] & 0x3Fu)<<6) | (u[2] & 0x3Fu);
  return ((u[0] & 0x07u)<<18) | ((u[1] & 0x3Fu)<<12) | ((u[2] & 0x3Fu)<<6) | (u[3] & 0x3Fu);
}

static int bg_tok(void *p, const char *zTok, int nTok, int iStart, int iEnd, int bCjk){
  BgCtx *x = p;
  if( !bCjk ){ x->bLast = 0; return 0; }
  unsigned u = utf8_cp(zTok, nTok);
  if( x->bLast && x->iLastEnd==iStart ) buf_printf(&x->b, "%sx%x%x", x->b.n ? " " : "", x->uLast, u);
  x->bLast = 1;
  x->uLast = u;
  x->iLastEnd = iEnd;
  return 0;
}

char *mu_cjk_bigrams(const char *z){
  BgCtx x = {BUF_INIT, -1, 0, 0};
  text_tokenize(z, (int)strlen(z), bg_tok, &x);
  if( buf_error(&x.b) ){ buf_free(&x.b); return 0; }
  if( !x.b.n ){ buf_free(&x.b); return strdup(""); }
  return buf_take(&x.b);
}
