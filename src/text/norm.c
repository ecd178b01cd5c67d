/*
** norm.c: text folding with OpenCC and ICU; see norm.h.
*/
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <opencc/opencc.h>
#include <unicode/utrans.h>
#include <unicode/ustring.h>
#include <unicode/uscript.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include "text/norm.h"
#include "base/buf.h"

/* The pinyin of single Han characters, as pPinyin gives it, kept so that a
** run of Han characters costs one look-up a character instead of a pass of
** Han-Latin's rules (the most expensive part of loading the gazetteer). See
** pinyin_run() for when a run may be assembled from them. */
typedef struct PyEntry { UChar32 c; char *z; } PyEntry;
typedef struct PyCache { PyEntry *a; int nSlot, nUsed; } PyCache;

/* One set of converters; not thread-safe, so callers take one from the pool. */
typedef struct Conv Conv;
struct Conv {
  Conv *pNext;
  opencc_t cc;               /* Traditional -> Simplified */
  UTransliterator *pFold;    /* NFKC; Latin-ASCII; Any-Lower */
  UTransliterator *pPinyin;  /* Han-Latin; Latin-ASCII; Any-Lower */
  PyCache py;                /* single characters through pPinyin */
};

static pthread_mutex_t poolMutex = PTHREAD_MUTEX_INITIALIZER;
static Conv *pPool = 0;       /* free converters */

static int is_han(UChar32 c);

static UTransliterator *open_trans(const char *zId){
  UChar aId[128];
  int32_t n = 0;
  UErrorCode rc = U_ZERO_ERROR;
  u_strFromUTF8(aId, 128, &n, zId, -1, &rc);
  if( U_FAILURE(rc) ) return 0;
  UTransliterator *t = utrans_openU(aId, n, UTRANS_FORWARD, 0, 0, 0, &rc);
  return U_FAILURE(rc) ? 0 : t;
}

static void conv_close(Conv *c){
  for(int i=0; i<c->py.nSlot; i++) free(c->py.a[i].z);
  free(c->py.a);
  if( c->cc && c->cc!=(opencc_t)-1 ) opencc_close(c->cc);
  if( c->pFold ) utrans_close(c->pFold);
  if( c->pPinyin ) utrans_close(c->pPinyin);
  free(c);
}

/* Han characters that Han-Latin's rules treat by context (重 of 重庆, 藏 of
** 藏文...): a run with one of them goes through the rules whole. Read from
** the rules themselves once; pyState is 1 when aPyCtx is known, -1 when the
** rules could not be read that way (then every run goes through them). */
#define PY_CTX_MAX 64
static int pyState = 0;
static UChar32 aPyCtx[PY_CTX_MAX];
static int nPyCtx = 0;

static int py_is_ctx(UChar32 c){
  for(int i=0; i<nPyCtx; i++) if( aPyCtx[i]==c ) return 1;
  return 0;
}

/* Called once, under poolMutex: fill aPyCtx from the rules of Han-Latin. */
static void py_context_init(void){
  pyState = -1;
  UTransliterator *t = open_trans("Han-Latin");
  if( !t ) return;
  UErrorCode rc = U_ZERO_ERROR;
  int32_t n = utrans_toRules(t, 0, 0, 0, &rc);
  UChar *u = (rc==U_BUFFER_OVERFLOW_ERROR || U_SUCCESS(rc)) ? malloc(sizeof(UChar)*((size_t)n + 1)) : 0;
  rc = U_ZERO_ERROR;
  if( u ) n = utrans_toRules(t, 0, u, n + 1, &rc);
  utrans_close(t);
  if( !u || U_FAILURE(rc) ){ free(u); return; }
  int bOk = 1;
  for(int32_t i=0; i<n && bOk; ){
    int32_t iEnd = i;
    while( iEnd<n && u[iEnd]!='\n' ) iEnd++;
    int bCtx = 0, bSub = iEnd - i>=2 && u[i]==':' && u[i+1]==':';
    for(int32_t k=i; k<iEnd && !bSub; k++){
      if( u[k]=='{' || u[k]=='}' || u[k]=='|' ) bCtx = 1;
    }
    /* A context rule: keep its Han characters; one this reading cannot be
    ** sure of (an escape, a range) turns the shortcut off. */
    for(int32_t k=i; bCtx && k<iEnd && bOk; ){
      UChar32 c;
      U16_NEXT(u, k, iEnd, c);
      if( c=='\\' || c=='-' ) bOk = 0;
      else if( is_han(c) && !py_is_ctx(c) ){
        if( nPyCtx==PY_CTX_MAX ) bOk = 0;
        else aPyCtx[nPyCtx++] = c;
      }
    }
    i = iEnd + 1;
  }
  free(u);
  if( bOk ) pyState = 1;
  else nPyCtx = 0;
}

static Conv *conv_get(void){
  pthread_mutex_lock(&poolMutex);
  Conv *c = pPool;
  if( c ) pPool = c->pNext;
  pthread_mutex_unlock(&poolMutex);
  if( c ) return c;
  c = calloc(1, sizeof *c);
  if( !c ) return 0;
  c->cc = opencc_open(OPENCC_DEFAULT_CONFIG_TRAD_TO_SIMP);
  c->pFold = open_trans("NFKC; Latin-ASCII; Any-Lower");
  c->pPinyin = open_trans("Han-Latin; Latin-ASCII; Any-Lower");
  if( c->cc==(opencc_t)-1 || !c->pFold || !c->pPinyin ){
    conv_close(c);
    return 0;
  }
  pthread_mutex_lock(&poolMutex);
  if( pyState==0 ) py_context_init();
  pthread_mutex_unlock(&poolMutex);
  return c;
}

static void conv_put(Conv *c){
  pthread_mutex_lock(&poolMutex);
  c->pNext = pPool;
  pPool = c;
  pthread_mutex_unlock(&poolMutex);
}

void text_shutdown(void){
  pthread_mutex_lock(&poolMutex);
  for(Conv *c = pPool, *n; c; c = n){ n = c->pNext; conv_close(c); }
  pPool = 0;
  pthread_mutex_unlock(&poolMutex);
}

int text_utf8_valid(const char *z, size_t n){
  const unsigned char *s = (const unsigned char*)z;
  size_t i = 0;
  while( i<n ){
    unsigned c = s[i];
    if( c<0x80 ){ i++; continue; }
    size_t k;
    unsigned cp;
    if( c>=0xC2 && c<=0xDF ){ k = 1; cp = c & 0x1F; }
    else if( c>=0xE0 && c<=0xEF ){ k = 2; cp = c & 0x0F; }
    else if( c>=0xF0 && c<=0xF4 ){ k = 3; cp = c & 0x07; }
    else return 0;
    if( i+k>=n ) return 0;
    for(size_t j=1; j<=k; j++){
      if( (s[i+j] & 0xC0)!=0x80 ) return 0;
      cp = (cp<<6) | (s[i+j] & 0x3F);
    }
    if( (k==2 && cp<0x800) || (k==3 && (cp<0x10000 || cp>0x10FFFF))
     || (cp>=0xD800 && cp<=0xDFFF) ) return 0;
    i += k + 1;
  }
  return 1;
}

static int is_cjk(UChar32 c){
  UErrorCode rc = U_ZERO_ERROR;
  UScriptCode s = uscript_getScript(c, &rc);
  return s==USCRIPT_HAN || s==USCRIPT_HIRAGANA || s==USCRIPT_KATAKANA
      || s==USCRIPT_HANGUL;
}

static int is_han(UChar32 c){
  UErrorCode rc = U_ZERO_ERROR;
  return uscript_getScript(c, &rc)==USCRIPT_HAN;
}

/* Length in bytes of a pinyin annotation "(jì)" starting at z[i] (an opening
** parenthesis), or 0 if what follows is not one. */
static int annotation_len(const char *z, int i, int n){
  int j = i;
  UChar32 c;
  U8_NEXT(z, j, n, c);
  if( c!='(' && c!=0xFF08 ) return 0;
  int nLetter = 0;
  while( j<n ){
    U8_NEXT(z, j, n, c);
    if( c==')' || c==0xFF09 ) return nLetter>0 ? j - i : 0;
    UErrorCode rc = U_ZERO_ERROR;
    UScriptCode s = uscript_getScript(c, &rc);
    int bOk = (s==USCRIPT_LATIN && u_isalpha(c)) || s==USCRIPT_INHERITED
           || (c>='1' && c<='5');
    if( !bOk || ++nLetter>8 ) return 0;
  }
  return 0;
}

char *text_strip_annotations(const char *z, size_t nz){
  Buf b = BUF_INIT;
  int n = (int)nz, i = 0, iKeep = 0;
  while( i<n ){
    UChar32 c;
    U8_NEXT(z, i, n, c);
    if( c>=0 && is_han(c) && i<n ){
      int k = annotation_len(z, i, n);
      if( k ){
        buf_append(&b, z + iKeep, (size_t)(i - iKeep));
        i += k;
        iKeep = i;
      }
    }
  }
  buf_append(&b, z + iKeep, (size_t)(n - iKeep));
  if( buf_error(&b) ){ buf_free(&b); return 0; }
  return buf_take(&b);
}

/* Run transliterator t over UTF-8 z; returns malloc'd UTF-8 or 0. */
static char *trans_utf8(UTransliterator *t, const char *z, int n){
  UErrorCode rc = U_ZERO_ERROR;
  int32_t nU = 0;
  u_strFromUTF8(0, 0, &nU, z, n, &rc);
  if( rc!=U_BUFFER_OVERFLOW_ERROR && U_FAILURE(rc) ) return 0;
  int32_t cap = nU*4 + 16;
  UChar *u = malloc(sizeof(UChar)*(size_t)cap);
  if( !u ) return 0;
  rc = U_ZERO_ERROR;
  u_strFromUTF8(u, cap, &nU, z, n, &rc);
  int32_t lim = nU;
  if( U_SUCCESS(rc) ) utrans_transUChars(t, u, &nU, cap, 0, &lim, &rc);
  char *zOut = 0;
  if( U_SUCCESS(rc) ){
    int32_t n8 = 0;
    UErrorCode rc2 = U_ZERO_ERROR;
    u_strToUTF8(0, 0, &n8, u, nU, &rc2);
    zOut = malloc((size_t)n8 + 1);
    rc2 = U_ZERO_ERROR;
    if( zOut ) u_strToUTF8(zOut, n8 + 1, &n8, u, nU, &rc2);
    if( zOut && U_FAILURE(rc2) ){ free(zOut); zOut = 0; }
  }
  free(u);
  return zOut;
}

/* 1 if z is ASCII. */
static int is_plain_ascii(const char *z, size_t n){
  for(size_t i=0; i<n; i++){
    if( (unsigned char)z[i]>=0x80 ) return 0;
  }
  return 1;
}

/* 1 if UTF-8 z has a character of three or four bytes (U+0800 and up). */
static int has_3byte(const char *z, size_t n){
  for(size_t i=0; i<n; i++){
    if( (unsigned char)z[i]>=0xE0 ) return 1;
  }
  return 0;
}

char *text_fold_n(const char *z, size_t n){
  if( !text_utf8_valid(z, n) ) return 0;
  if( is_plain_ascii(z, n) ){
    /* ASCII has no Han to annotate and is its own NFKC and Latin-ASCII
    ** form, so the fold is the lower case: no converter needed. */
    char *r = malloc(n + 1);
    if( r ){
      for(size_t i=0; i<n; i++) r[i] = (z[i]>='A' && z[i]<='Z') ? (char)(z[i] + 32) : z[i];
      r[n] = 0;
    }
    return r;
  }
  Conv *c = conv_get();
  if( !c ) return 0;
  char *zOut = 0;
  if( !has_3byte(z, n) ){
    /* Only characters below U+0800 (Latin, Greek, Cyrillic...): no Han to
    ** annotate or convert. */
    zOut = trans_utf8(c->pFold, z, (int)n);
    conv_put(c);
    return zOut;
  }
  char *zStrip = text_strip_annotations(z, n);
  if( !zStrip ){ conv_put(c); return 0; }
  char *zSimp = opencc_convert_utf8(c->cc, zStrip, strlen(zStrip));
  if( zSimp && zSimp!=(char*)-1 ){
    zOut = trans_utf8(c->pFold, zSimp, -1);
    opencc_convert_utf8_free(zSimp);
  }
  conv_put(c);
  free(zStrip);
  return zOut;
}

char *text_fold(const char *z){ return text_fold_n(z, strlen(z)); }

char *text_t2s(const char *z){
  size_t n = strlen(z);
  if( !text_utf8_valid(z, n) ) return 0;
  Conv *c = conv_get();
  if( !c ) return 0;
  char *zOut = 0;
  char *zSimp = opencc_convert_utf8(c->cc, z, n);
  if( zSimp && zSimp!=(char*)-1 ){
    zOut = strdup(zSimp);
    opencc_convert_utf8_free(zSimp);
  }
  conv_put(c);
  return zOut;
}

/* 1 if Han-Latin turns c into its syllable whatever its neighbours in a
** run of such characters: a Han ideograph (a letter, so Han-Spacedhan puts
** one space between two of them) that no context rule names. */
static int py_simple(UChar32 c){
  return pyState==1 && is_han(c) && u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC)
      && u_charType(c)==U_OTHER_LETTER && !py_is_ctx(c);
}

/* c through c->pPinyin, from the cache (0 on OOM or error). */
static const char *py_char(Conv *c, UChar32 ch){
  PyCache *p = &c->py;
  if( p->nUsed*2>=p->nSlot ){
    int nNew = p->nSlot ? p->nSlot*2 : 4096;
    PyEntry *a = calloc((size_t)nNew, sizeof(PyEntry));
    if( !a ) return 0;
    for(int i=0; i<p->nSlot; i++){
      if( !p->a[i].z ) continue;
      unsigned h = ((unsigned)p->a[i].c * 2654435761u) & (unsigned)(nNew-1);
      while( a[h].z ) h = (h+1) & (unsigned)(nNew-1);
      a[h] = p->a[i];
    }
    free(p->a);
    p->a = a;
    p->nSlot = nNew;
  }
  unsigned h = ((unsigned)ch * 2654435761u) & (unsigned)(p->nSlot-1);
  while( p->a[h].z ){
    if( p->a[h].c==ch ) return p->a[h].z;
    h = (h+1) & (unsigned)(p->nSlot-1);
  }
  char zCh[5];
  int n = 0;
  UBool bErr = 0;
  U8_APPEND(zCh, n, 4, ch, bErr);
  if( bErr ) return 0;
  char *z = trans_utf8(c->pPinyin, zCh, n);
  if( !z ) return 0;
  p->a[h].c = ch;
  p->a[h].z = z;
  p->nUsed++;
  return z;
}

/* The pinyin of the run of Han characters z[0..n), as c->pPinyin makes it:
** assembled from the characters' own when each is py_simple() (Han-Spacedhan
** spaces them, then each becomes its syllable), else by the rules whole.
** Returns malloc'd UTF-8, or 0. */
static char *pinyin_run(Conv *c, const char *z, int n){
  int bSimple = 1;
  for(int i=0; i<n && bSimple; ){
    UChar32 ch;
    U8_NEXT(z, i, n, ch);
    bSimple = ch>=0 && py_simple(ch);
  }
  if( !bSimple ) return trans_utf8(c->pPinyin, z, n);
  Buf b = BUF_INIT;
  for(int i=0; i<n; ){
    int iChar = i;
    UChar32 ch;
    U8_NEXT(z, i, n, ch);
    const char *zPy = py_char(c, ch);
    if( !zPy ){ buf_free(&b); return 0; }
    if( iChar>0 ) buf_putc(&b, ' ');
    buf_puts(&b, zPy);
  }
  if( buf_error(&b) ){ buf_free(&b); return 0; }
  return buf_take(&b);
}

char *text_pinyin(const char *z){
  char *zF = text_fold(z);
  if( !zF ) return 0;
  Buf b = BUF_INIT, joined = BUF_INIT;
  int n = (int)strlen(zF), i = 0;
  Conv *c = 0;
  while( i<n ){
    int iStart = i;
    UChar32 ch;
    U8_NEXT(zF, i, n, ch);
    if( ch<0 || !is_han(ch) ) continue;
    int iEnd = i;
    while( iEnd<n ){
      int k = iEnd;
      U8_NEXT(zF, k, n, ch);
      if( ch<0 || !is_han(ch) ) break;
      iEnd = k;
    }
    if( !c && !(c = conv_get()) ) break;
    char *zPy = pinyin_run(c, zF + iStart, iEnd - iStart);
    if( zPy ){
      if( b.n ) buf_putc(&b, ' ');
      buf_puts(&b, zPy);
      buf_reset(&joined);
      for(char *p = zPy; *p; p++) if( *p!=' ' ) buf_putc(&joined, *p);
      if( strchr(zPy, ' ') ){ buf_putc(&b, ' '); buf_puts(&b, buf_str(&joined)); }
      free(zPy);
    }
    i = iEnd;
  }
  if( c ) conv_put(c);
  free(zF);
  buf_free(&joined);
  if( buf_error(&b) ){ buf_free(&b); return 0; }
  return buf_take(&b);
}

int text_tokenize(const char *z, int n, TextTokenFn xTok, void *pCtx){
  int i = 0, iWord = -1;
  while( i<n ){
    int iStart = i;
    UChar32 c;
    U8_NEXT(z, i, n, c);
    int bCjk = c>=0 && is_cjk(c);
    int bWord = c>=0 && !bCjk && (u_isalnum(c) || u_getIntPropertyValue(c, UCHAR_GENERAL_CATEGORY)==U_NON_SPACING_MARK);
    if( iWord>=0 && !bWord ){
      int rc = xTok(pCtx, z + iWord, iStart - iWord, iWord, iStart, 0);
      if( rc ) return rc;
      iWord = -1;
    }
    if( bCjk ){
      int rc = xTok(pCtx, z + iStart, i - iStart, iStart, i, 1);
      if( rc ) return rc;
    }else if( bWord && iWord<0 ){
      iWord = iStart;
    }
  }
  if( iWord>=0 ) return xTok(pCtx, z + iWord, n - iWord, iWord, n, 0);
  return 0;
}

typedef struct QueryCtx { Buf b; int iLastEnd; int bInPhrase; int nTok; } QueryCtx;

static int query_tok(void *p, const char *zTok, int nTok, int iStart, int iEnd, int bCjk){
  QueryCtx *q = p;
  if( bCjk ){
    if( q->bInPhrase && q->iLastEnd==iStart ){
      buf_putc(&q->b, ' ');
    }else{
      if( q->bInPhrase ) buf_putc(&q->b, '"');
      if( q->b.n ) buf_putc(&q->b, ' ');
      buf_putc(&q->b, '"');
      q->bInPhrase = 1;
    }
    buf_append(&q->b, zTok, (size_t)nTok);
  }else{
    if( q->bInPhrase ){ buf_putc(&q->b, '"'); q->bInPhrase = 0; }
    if( q->b.n ) buf_putc(&q->b, ' ');
    buf_putc(&q->b, '"');
    buf_append(&q->b, zTok, (size_t)nTok);
    buf_puts(&q->b, "\"*");
  }
  q->iLastEnd = iEnd;
  q->nTok++;
  return 0;
}

char *text_fts_query(const char *zQuery){
  char *zF = text_fold(zQuery);
  if( !zF ) return 0;
  QueryCtx q = {BUF_INIT, -1, 0, 0};
  text_tokenize(zF, (int)strlen(zF), query_tok, &q);
  if( q.bInPhrase ) buf_putc(&q.b, '"');
  free(zF);
  if( q.nTok==0 || buf_error(&q.b) ){ buf_free(&q.b); return 0; }
  return buf_take(&q.b);
}
