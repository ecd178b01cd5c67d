/*
** hpcheck.c: the build-time check of HTML output (run by `make`, see the
** Makefile's check-html). In the manner of Fossil's tools/codecheck1.c it
** tokenises the C sources, finds every call of hp() and checks it against
** the rules of hp's format (src/web/html.c):
**
**   %s text, HTML-escaped   %R raw HTML   %u URL-encoded   %d int
**   %D int64_t              %% a percent sign; nothing else.
**
**   1. The format is a string literal (or literals, or COND ? "a" : "b"
**      with the same conversions) or a translation T(r, "key") (or T(r,
**      COND ? "k1" : "k2")), whose English text gives the conversions; an
**      unknown key is an error. Conversions must be known and the
**      arguments as many as the conversions. The type class of each
**      argument (string, int, int64) is proved by the compiler: with -o
**      the checker writes a copy of the file in which each argument
**      carries a _Static_assert on a _Generic of its type (char* or const
**      char* for %s %R %u; int or narrower for %d; a 64-bit integer for
**      %D), and in which a translation used as the format of snprintf,
**      arena_printf or buf_printf reads (0 ? T(r, "key") : "English
**      text") so that -Wformat checks its arguments; the Makefile compiles
**      the copy with -fsyntax-only -Werror=format, and #line makes every
**      diagnostic name the original file and line.
**   2. Request data never reaches %R: its argument must be program-made
**      markup, which the checker proves when the argument is a string
**      literal, a null pointer, COND ? A : B of such, a call of a function
**      of the same file every return of which is such, a call of a
**      function in azRawFunc below, arena_printf() of a literal format
**      whose %s arguments are such (numbers are safe), a Buf of the
**      enclosing function written only by hp() and such (buf_str(&b),
**      b.z), a local pointer every assignment of which is such, or a
**      parameter of a static function every call of which in the file
**      passes such. Anything else is reported.
**   3. With -i and no files, every key of the TSV files of I18NDIR has
**      the same conversions in zh as in en, by argument position (so
**      "%2$d %1$d" matches "%d %d").
**
** Usage: hpcheck [-v] [-i I18NDIR] [-o OUTDIR] FILE.c ...
**        hpcheck -i I18NDIR          (check 3 alone)
** Prints FILE:LINE: messages; exits 1 if any.
*/
#include <ctype.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Functions of other files that return program-made markup, so their
** result may be passed to %R (a function of the file being checked is
** followed without this list). Each entry says why; when the checker
** reads the file that defines an entry it proves the entry too (every
** return must pass the rules above), so the list cannot go stale. */
static const char *const azRawFunc[] = {
  "uix_invalid",     /* ui_exchange.c: " aria-invalid=\"true\"" or "", two literals */
  "ui_aria",         /* ui.c: aria attributes written by hp() (re-proved in ui.c) */
  "ui_field_aria",   /* ui.c: returns ui_aria() (re-proved in ui.c) */
  "text_markdown_html", /* text/markdown.c: cmark's HTML in its safe mode (text escaped, raw HTML and unsafe URLs dropped) */
  0
};

/* Functions that write only program-made markup into the Buf given as
** their first argument (so a Buf they wrote still counts as made by hp). */
static const char *const azBufFunc[] = {
  "hp",              /* escapes %s and %u; its own %R arguments are checked here */
  "html_json",       /* html.c: JSON with <, > and & escaped, safe in <script> */
  0
};

static int nErr = 0;
static int bVerbose = 0;
static const char *zFile = 0;

static void error_at(int line, const char *zFmt, ...){
  va_list ap;
  va_start(ap, zFmt);
  fprintf(stdout, "%s:%d: ", zFile, line);
  vfprintf(stdout, zFmt, ap);
  fputc('\n', stdout);
  va_end(ap);
  nErr++;
}

static void *xmalloc(size_t n){
  void *p = malloc(n ? n : 1);
  if( !p ){ fprintf(stderr, "hpcheck: out of memory\n"); exit(2); }
  return p;
}
static void *xrealloc(void *p, size_t n){
  p = realloc(p, n ? n : 1);
  if( !p ){ fprintf(stderr, "hpcheck: out of memory\n"); exit(2); }
  return p;
}
static char *xstrndup(const char *z, size_t n){
  char *r = xmalloc(n + 1);
  memcpy(r, z, n);
  r[n] = 0;
  return r;
}

static char *read_file(const char *zName, size_t *pn){
  FILE *f = fopen(zName, "rb");
  if( !f ) return 0;
  size_t n = 0, nAlloc = 65536;
  char *z = xmalloc(nAlloc + 1);
  size_t k;
  while( (k = fread(z + n, 1, nAlloc - n, f))>0 ){
    n += k;
    if( n==nAlloc ){ nAlloc *= 2; z = xrealloc(z, nAlloc + 1); }
  }
  fclose(f);
  z[n] = 0;
  if( pn ) *pn = n;
  return z;
}

/* ---- tokens -------------------------------------------------------------- */

enum { TK_ID = 1, TK_STR, TK_CHR, TK_NUM, TK_PUNCT };

typedef struct Tok {
  int type;
  int line;
  const char *z;
  int n;
} Tok;

static Tok *aTok = 0;
static int nTok = 0;

/* Split zText into tokens, dropping white space, comments and
** preprocessor lines. */
static void tokenize(const char *zText){
  int line = 1, bLineStart = 1, nAlloc = 0;
  const char *z = zText;
  nTok = 0;
  while( *z ){
    if( *z=='\n' ){ line++; bLineStart = 1; z++; continue; }
    if( isspace((unsigned char)*z) ){ z++; continue; }
    if( z[0]=='/' && z[1]=='*' ){
      for(z += 2; *z && !(z[0]=='*' && z[1]=='/'); z++) if( *z=='\n' ) line++;
      if( *z ) z += 2;
      continue;
    }
    if( z[0]=='/' && z[1]=='/' ){ while( *z && *z!='\n' ) z++; continue; }
    if( *z=='#' && bLineStart ){
      while( *z && *z!='\n' ){
        if( z[0]=='\\' && z[1]=='\n' ){ line++; z++; }
        z++;
      }
      continue;
    }
    bLineStart = 0;
    Tok t;
    t.z = z;
    t.line = line;
    if( *z=='"' || *z=='\'' ){
      char q = *z;
      const char *p = z + 1;
      while( *p && *p!=q && *p!='\n' ){ if( *p=='\\' && p[1] ) p++; p++; }
      if( *p==q ) p++;
      t.type = q=='"' ? TK_STR : TK_CHR;
      t.n = (int)(p - z);
    }else if( isalpha((unsigned char)*z) || *z=='_' ){
      const char *p = z;
      while( isalnum((unsigned char)*p) || *p=='_' ) p++;
      t.type = TK_ID;
      t.n = (int)(p - z);
    }else if( isdigit((unsigned char)*z) ){
      const char *p = z;
      while( isalnum((unsigned char)*p) || *p=='_' || *p=='.' ) p++;
      t.type = TK_NUM;
      t.n = (int)(p - z);
    }else{
      t.type = TK_PUNCT;
      t.n = 1;
    }
    z += t.n;
    if( nTok>=nAlloc ){ nAlloc = nAlloc ? nAlloc*2 : 4096; aTok = xrealloc(aTok, sizeof(Tok)*(size_t)nAlloc); }
    aTok[nTok++] = t;
  }
}

static int tok_is(int i, const char *z){
  return i>=0 && i<nTok && aTok[i].n==(int)strlen(z) && memcmp(aTok[i].z, z, (size_t)aTok[i].n)==0;
}
static int tok_punct(int i, char c){
  return i>=0 && i<nTok && aTok[i].type==TK_PUNCT && aTok[i].z[0]==c;
}
static int in_list(const char *const *az, const Tok *t){
  for(int k=0; az[k]; k++) if( (int)strlen(az[k])==t->n && memcmp(az[k], t->z, (size_t)t->n)==0 ) return 1;
  return 0;
}

/* The token after the one matching the bracket at i. */
static int skip_group(int i){
  int depth = 0;
  for(; i<nTok; i++){
    if( aTok[i].type!=TK_PUNCT ) continue;
    char c = aTok[i].z[0];
    if( c=='(' || c=='[' || c=='{' ) depth++;
    else if( c==')' || c==']' || c=='}' ){ if( --depth==0 ) return i + 1; }
  }
  return nTok;
}

/* The arguments of the call whose '(' is token i: [aStart[k], aEnd[k]). */
#define MAX_ARG 64
typedef struct Call { int iName, iOpen, iClose, nArg, aStart[MAX_ARG], aEnd[MAX_ARG]; } Call;
static int parse_call(int iName, Call *c){
  c->iName = iName;
  c->iOpen = iName + 1;
  c->nArg = 0;
  int depth = 0, iArg = iName + 2;
  for(int i = iName + 1; i<nTok; i++){
    if( aTok[i].type!=TK_PUNCT ) continue;
    char ch = aTok[i].z[0];
    if( ch=='(' || ch=='[' || ch=='{' ) depth++;
    else if( ch==')' || ch==']' || ch=='}' ){
      if( --depth==0 ){
        if( i>iArg && c->nArg<MAX_ARG ){ c->aStart[c->nArg] = iArg; c->aEnd[c->nArg++] = i; }
        c->iClose = i;
        return 1;
      }
    }else if( ch==',' && depth==1 && c->nArg<MAX_ARG ){
      c->aStart[c->nArg] = iArg;
      c->aEnd[c->nArg++] = i;
      iArg = i + 1;
    }
  }
  return 0;
}

/* The source text of tokens [a, b). */
static char *span_text(int a, int b){
  if( a>=b ) return xstrndup("", 0);
  return xstrndup(aTok[a].z, (size_t)(aTok[b-1].z + aTok[b-1].n - aTok[a].z));
}

/* Tokens [a, b) on one line: comments and line breaks become one space. */
static char *tokens_text(int a, int b){
  size_t n = 1;
  for(int i=a; i<b; i++) n += (size_t)aTok[i].n + 1;
  char *z = xmalloc(n), *o = z;
  for(int i=a; i<b; i++){
    if( i>a && aTok[i-1].z + aTok[i-1].n!=aTok[i].z ) *o++ = ' ';   /* keep -> == && together */
    memcpy(o, aTok[i].z, (size_t)aTok[i].n);
    o += aTok[i].n;
  }
  *o = 0;
  return z;
}

/* Drop parentheses around the whole of [*pa, *pb) and casts to char
** pointers ("(const char*)x"). */
static void strip_parens(int *pa, int *pb){
  while( *pb - *pa>=2 && tok_punct(*pa, '(') && skip_group(*pa)==*pb ){ (*pa)++; (*pb)--; }
}

/* The top-level "?" and ":" of a conditional expression in [a, b); 0 if
** it is not one. */
static int find_ternary(int a, int b, int *piQ, int *piC){
  int depth = 0, nQ = 0;
  *piQ = -1;
  for(int i=a; i<b; i++){
    if( aTok[i].type!=TK_PUNCT ) continue;
    char c = aTok[i].z[0];
    if( c=='(' || c=='[' || c=='{' ) depth++;
    else if( c==')' || c==']' || c=='}' ) depth--;
    else if( depth==0 && c=='?' ){ if( *piQ<0 ) *piQ = i; else nQ++; }
    else if( depth==0 && c==':' && *piQ>=0 ){
      if( nQ==0 ){ *piC = i; return 1; }
      nQ--;
    }
  }
  return 0;
}

/* 1 if [a, b) is only string literals; their decoded text into *pz. */
static int string_lits(int a, int b, char **pz){
  if( a>=b ) return 0;
  for(int i=a; i<b; i++) if( aTok[i].type!=TK_STR ) return 0;
  if( !pz ) return 1;
  size_t n = 0;
  for(int i=a; i<b; i++) n += (size_t)aTok[i].n;
  char *z = xmalloc(n + 1), *o = z;
  for(int i=a; i<b; i++){
    const char *p = aTok[i].z + 1, *e = aTok[i].z + aTok[i].n - 1;
    while( p<e ){
      if( *p!='\\' ){ *o++ = *p++; continue; }
      p++;
      switch( *p ){
        case 'n': *o++ = '\n'; p++; break;
        case 't': *o++ = '\t'; p++; break;
        case 'r': *o++ = '\r'; p++; break;
        case 'x': { p++; int v = 0; while( isxdigit((unsigned char)*p) ){ v = v*16 + (isdigit((unsigned char)*p) ? *p-'0' : (tolower((unsigned char)*p)-'a'+10)); p++; } *o++ = (char)v; break; }
        default:
          if( *p>='0' && *p<='7' ){ int v = 0, k = 0; while( k<3 && *p>='0' && *p<='7' ){ v = v*8 + (*p-'0'); p++; k++; } *o++ = (char)v; }
          else *o++ = *p++;
      }
    }
  }
  *o = 0;
  *pz = z;
  return 1;
}

/* ---- translations --------------------------------------------------------- */

typedef struct Msg { char *zKey, *zZh, *zEn, *zFile; int line; } Msg;
static Msg *aMsg = 0;
static int nMsg = 0;

static int msg_cmp(const void *a, const void *b){ return strcmp(((const Msg*)a)->zKey, ((const Msg*)b)->zKey); }

static void load_i18n(const char *zDir){
  DIR *d = opendir(zDir);
  if( !d ){ fprintf(stderr, "hpcheck: cannot open %s\n", zDir); exit(2); }
  struct dirent *de;
  int nAlloc = 0;
  char **azName = 0;
  int nName = 0;
  while( (de = readdir(d))!=0 ){
    size_t n = strlen(de->d_name);
    if( n<5 || strcmp(de->d_name + n - 4, ".tsv")!=0 ) continue;
    azName = xrealloc(azName, sizeof(char*)*(size_t)(nName + 1));
    azName[nName++] = xstrndup(de->d_name, n);
  }
  closedir(d);
  for(int f=0; f<nName; f++){
    char zPath[4096];
    snprintf(zPath, sizeof zPath, "%s/%s", zDir, azName[f]);
    char *zText = read_file(zPath, 0);
    if( !zText ){ fprintf(stderr, "hpcheck: cannot read %s\n", zPath); exit(2); }
    int line = 0;
    for(char *z = zText, *zNext; z && *z; z = zNext){
      line++;
      zNext = strchr(z, '\n');
      if( zNext ) *zNext++ = 0;
      if( z[0]=='#' || z[0]==0 || strncmp(z, "key\t", 4)==0 ) continue;
      char *t1 = strchr(z, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : 0;
      if( !t2 ) continue;
      *t1 = 0; *t2 = 0;
      if( nMsg>=nAlloc ){ nAlloc = nAlloc ? nAlloc*2 : 1024; aMsg = xrealloc(aMsg, sizeof(Msg)*(size_t)nAlloc); }
      Msg *m = &aMsg[nMsg++];
      m->zKey = z; m->zZh = t1 + 1; m->zEn = t2 + 1;
      size_t nEn = strlen(m->zEn);
      if( nEn && m->zEn[nEn-1]=='\r' ) m->zEn[nEn-1] = 0;
      m->zFile = xstrndup(zPath, strlen(zPath));
      m->line = line;
    }
  }
  qsort(aMsg, (size_t)nMsg, sizeof(Msg), msg_cmp);
}

static const Msg *msg_find(const char *zKey){
  Msg k;
  k.zKey = (char*)zKey;
  return nMsg ? bsearch(&k, aMsg, (size_t)nMsg, sizeof(Msg), msg_cmp) : 0;
}

/* The printf-style conversions of z by argument position: "d,s,lld".
** 0 (and *pzErr) if the text mixes positional and plain conversions or
** is otherwise malformed. A text with no conversion at all is not a
** format, so a lone "%" in it ("50%") is just a character: "". */
static char *conv_by_position(const char *z, const char **pzErr){
  char *az[64];
  int n = 0, nMax = 0, bPos = 0, bPlain = 0;
  memset(az, 0, sizeof az);
  *pzErr = 0;
  for(const char *p = z; *p; p++){
    if( *p!='%' ) continue;
    p++;
    if( *p=='%' ) continue;
    if( !*p ){ *pzErr = "a % at the end"; break; }
    int pos = 0;
    const char *q = p;
    while( isdigit((unsigned char)*q) ) q++;
    if( *q=='$' && q>p ){ pos = atoi(p); p = q + 1; bPos = 1; }else bPlain = 1;
    while( *p && strchr("-+ #0'", *p) ) p++;
    if( *p=='*' ){ p++; if( n<64 ) az[n++] = "*"; }else while( isdigit((unsigned char)*p) ) p++;
    if( *p=='.' ){ p++; if( *p=='*' ){ p++; if( n<64 ) az[n++] = "*"; }else while( isdigit((unsigned char)*p) ) p++; }
    const char *zConv = p;
    while( *p && strchr("hljztLq", *p) ) p++;
    if( !isalpha((unsigned char)*p) ){ *pzErr = "a % without a conversion letter"; if( !*p ) break; continue; }
    char *zSpec = xstrndup(zConv, (size_t)(p - zConv + 1));
    int slot = pos ? pos - 1 : n;
    if( slot<0 || slot>=64 ){ *pzErr = "argument position out of range"; return 0; }
    if( az[slot] ){ *pzErr = "two conversions for one argument"; return 0; }
    az[slot] = zSpec;
    if( !pos ) n++;
    if( slot + 1>nMax ) nMax = slot + 1;
  }
  if( n>nMax ) nMax = n;
  if( *pzErr ){
    for(int i=0; i<64; i++) if( az[i] && strcmp(az[i], "*")!=0 ) free(az[i]);
    if( nMax>0 ) return 0;
    *pzErr = 0;
    return xstrndup("", 0);
  }
  if( bPos && bPlain ){ *pzErr = "positional and plain conversions mixed"; return 0; }
  size_t len = 1;
  for(int i=0; i<nMax; i++) len += (az[i] ? strlen(az[i]) : 1) + 1;
  char *zOut = xmalloc(len), *o = zOut;
  *o = 0;
  for(int i=0; i<nMax; i++){
    if( !az[i] ){ *pzErr = "an argument position is skipped"; free(zOut); return 0; }
    o += sprintf(o, "%s%s", i ? "," : "", az[i]);
  }
  return zOut;
}

/* Check 3: zh and en of every key have the same conversions. */
static void check_i18n(void){
  for(int i=0; i<nMsg; i++){
    const Msg *m = &aMsg[i];
    const char *zErrZh, *zErrEn;
    char *zZh = conv_by_position(m->zZh, &zErrZh);
    char *zEn = conv_by_position(m->zEn, &zErrEn);
    zFile = m->zFile;
    if( !zZh ) error_at(m->line, "%s: the zh text has %s", m->zKey, zErrZh);
    if( !zEn ) error_at(m->line, "%s: the en text has %s", m->zKey, zErrEn);
    if( zZh && zEn && strcmp(zZh, zEn)!=0 ){
      error_at(m->line, "%s: the zh text's conversions (%s) differ from the en text's (%s)", m->zKey,
               zZh[0] ? zZh : "none", zEn[0] ? zEn : "none");
    }
    if( i>0 && strcmp(aMsg[i-1].zKey, m->zKey)==0 ) error_at(m->line, "%s: key defined twice (also %s:%d)", m->zKey, aMsg[i-1].zFile, aMsg[i-1].line);
    free(zZh);
    free(zEn);
  }
}

/* ---- hp formats -------------------------------------------------------------- */

/* hp's conversions of zFmt as a string of letters (s R u d D); 0 and a
** message for an unknown one. */
static char *hp_codes(const char *zFmt, char *zMsg, size_t nMsgBuf){
  size_t n = 0;
  char *z = xmalloc(strlen(zFmt) + 1);
  for(const char *p = zFmt; *p; p++){
    if( *p!='%' ) continue;
    p++;
    if( *p=='%' ) continue;
    if( *p && strchr("sRudD", *p) ){ z[n++] = *p; continue; }
    if( *p ) snprintf(zMsg, nMsgBuf, "unknown conversion %%%c (hp knows %%s %%R %%u %%d %%D %%%%)", *p);
    else snprintf(zMsg, nMsgBuf, "a %% at the end of the format");
    free(z);
    return 0;
  }
  z[n] = 0;
  return z;
}

/* 1 if tokens [a, b) are a call T(r, K); K's tokens into [*piKey,
** *piKeyEnd). */
static int t_call(int a, int b, int *piKey, int *piKeyEnd){
  if( !(tok_is(a, "T") && tok_punct(a + 1, '(') && skip_group(a + 1)==b) ) return 0;
  Call c;
  if( !parse_call(a, &c) || c.nArg!=2 ) return 0;
  *piKey = c.aStart[1];
  *piKeyEnd = c.aEnd[1];
  return 1;
}

typedef struct Fmt {
  char *zCodes;         /* hp letters, or 0 */
  int nText;            /* texts the format may be */
  char *azText[8];      /* the texts (decoded) */
  int bVarKey;          /* T() of a key that is not a literal */
} Fmt;

static void fmt_free(Fmt *f){
  free(f->zCodes);
  for(int i=0; i<f->nText; i++) free(f->azText[i]);
  memset(f, 0, sizeof *f);
}

/* Collect the texts a format expression [a, b) may be: literals,
** conditionals of them, T(r, "key"), T(r, C ? "k1" : "k2"). 0 and a
** message if it is anything else. */
static int fmt_texts(int a, int b, Fmt *f, int bInT, char *zMsg, size_t nMsgBuf){
  strip_parens(&a, &b);
  int iQ, iC;
  if( find_ternary(a, b, &iQ, &iC) ){
    return fmt_texts(iQ + 1, iC, f, bInT, zMsg, nMsgBuf) && fmt_texts(iC + 1, b, f, bInT, zMsg, nMsgBuf);
  }
  char *z;
  if( string_lits(a, b, &z) ){
    if( bInT ){
      const Msg *m = msg_find(z);
      if( !m ){ snprintf(zMsg, nMsgBuf, "T(r, \"%s\"): no such key in data/i18n", z); free(z); return 0; }
      free(z);
      z = xstrndup(m->zEn, strlen(m->zEn));
    }
    if( f->nText<8 ) f->azText[f->nText++] = z; else free(z);
    return 1;
  }
  int iK, iKEnd;
  if( !bInT && t_call(a, b, &iK, &iKEnd) ){
    if( !nMsg ){ snprintf(zMsg, nMsgBuf, "a translation as format needs -i I18NDIR"); return 0; }
    if( !fmt_texts(iK, iKEnd, f, 1, zMsg, nMsgBuf) ){
      if( !zMsg[0] ){
        f->bVarKey = 1;
        snprintf(zMsg, nMsgBuf, "the key of T() is not a string literal (or COND ? \"k1\" : \"k2\")");
      }
      return 0;
    }
    return 1;
  }
  return 0;
}

/* ---- %R: program-made markup ----------------------------------------------------- */

/* The functions of the file: the tokens of the name, of the "(" of the
** parameters, of the body's "{" and after its "}"; whether static. */
typedef struct Func { int iName, iParamOpen, iBody, iEnd, bStatic; } Func;
static Func *aFunc = 0;
static int nFunc = 0;

static void find_functions(void){
  int depth = 0;
  nFunc = 0;
  for(int i=0; i<nTok; i++){
    if( tok_punct(i, '{') ){
      if( depth==0 && tok_punct(i - 1, ')') ){
        /* Walk back to the '(' of the parameter list and the name. */
        int d = 0, j = i - 1;
        for(; j>=0; j--){
          if( tok_punct(j, ')') ) d++;
          else if( tok_punct(j, '(') && --d==0 ) break;
        }
        if( j>0 && aTok[j-1].type==TK_ID ){
          aFunc = xrealloc(aFunc, sizeof(Func)*(size_t)(nFunc + 1));
          Func *fn = &aFunc[nFunc++];
          fn->iName = j - 1;
          fn->iParamOpen = j;
          fn->iBody = i;
          fn->iEnd = skip_group(i);
          fn->bStatic = 0;
          for(int k = j - 2; k>=0 && !tok_punct(k, ';') && !tok_punct(k, '}'); k--) if( tok_is(k, "static") ) fn->bStatic = 1;
        }
      }
      depth++;
    }else if( tok_punct(i, '}') ){
      depth--;
    }
  }
}

static const Func *func_at(int i){
  for(int k=0; k<nFunc; k++) if( i>aFunc[k].iBody && i<aFunc[k].iEnd ) return &aFunc[k];
  return 0;
}

static int same_tok(int i, const Tok *t){
  return i>=0 && i<nTok && aTok[i].n==t->n && memcmp(aTok[i].z, t->z, (size_t)t->n)==0;
}

static int raw_ok(int a, int b, int depth, char *zWhy, size_t nWhy);
static int printf_ok(int iName, int iFmt, int depth, char *zWhy, size_t nWhy);
static int returns_ok(const Func *fn, int depth, char *zWhy, size_t nWhy);

/* 1 if Buf X (token iVar) of function fn is written only by the functions
** of azBufFunc and by buf_puts/buf_putc/buf_append of literals. */
static int buf_by_hp(const Func *fn, const Tok *x, char *zWhy, size_t nWhy){
  int nDecl = 0;
  for(int i = fn->iParamOpen; i<fn->iEnd; i++){
    if( !same_tok(i, x) ) continue;
    if( tok_is(i - 1, "Buf") && (tok_punct(i + 1, '=') || tok_punct(i + 1, ';') || tok_punct(i + 1, ',')) ){ nDecl++; continue; }
    if( tok_punct(i + 1, '.') || (tok_punct(i + 1, '-') && tok_punct(i + 2, '>')) ){
      int iF = tok_punct(i + 1, '.') ? i + 2 : i + 3;
      if( (tok_is(iF, "z") || tok_is(iF, "n")) && !(tok_punct(iF + 1, '=') && !tok_punct(iF + 2, '=')) ) continue;
    }
    int iAmp = tok_punct(i - 1, '&') ? i - 1 : i;
    if( tok_punct(iAmp - 1, '(') && aTok[iAmp - 2].type==TK_ID && (tok_punct(i + 1, ',') || tok_punct(i + 1, ')')) ){
      const Tok *fnTok = &aTok[iAmp - 2];
      if( in_list(azBufFunc, fnTok) ) continue;
      if( tok_is(iAmp - 2, "buf_str") || tok_is(iAmp - 2, "buf_free") || tok_is(iAmp - 2, "buf_reset") || tok_is(iAmp - 2, "memset") ) continue;
      if( tok_is(iAmp - 2, "buf_putc") && aTok[i + 2].type==TK_CHR ) continue;
      if( tok_is(iAmp - 2, "buf_puts") || tok_is(iAmp - 2, "buf_append") ){
        Call c;
        char zSub[400];
        zSub[0] = 0;
        if( parse_call(iAmp - 2, &c) && c.nArg>=2 && raw_ok(c.aStart[1], c.aEnd[1], 1, zSub, sizeof zSub) ) continue;
        snprintf(zWhy, nWhy, "Buf %.*s gets at line %d: %s", x->n, x->z, aTok[i].line, zSub);
        return 0;
      }
      snprintf(zWhy, nWhy, "Buf %.*s is written by %.*s() (line %d), not only by hp()", x->n, x->z, fnTok->n, fnTok->z, aTok[i].line);
      return 0;
    }
    snprintf(zWhy, nWhy, "Buf %.*s is used at line %d in a way this checker cannot follow", x->n, x->z, aTok[i].line);
    return 0;
  }
  if( !nDecl ){ snprintf(zWhy, nWhy, "%.*s is not a Buf declared in this function", x->n, x->z); return 0; }
  return 1;
}

/* 1 if local pointer X of fn is only ever assigned program-made markup;
** for a parameter of a static function, every call in the file passes
** such. */
static int var_ok(const Func *fn, const Tok *x, int depth, char *zWhy, size_t nWhy){
  /* A parameter? */
  int iParam = 0;
  for(int i = fn->iParamOpen + 1, d = 0; i<fn->iBody; i++){
    if( tok_punct(i, '(') ) d++;
    else if( tok_punct(i, ')') ){ if( d==0 ) break; d--; }
    else if( tok_punct(i, ',') && d==0 ) iParam++;
    else if( same_tok(i, x) && d==0 ){
      if( !fn->bStatic ){
        snprintf(zWhy, nWhy, "%.*s is a parameter of %.*s, which is not static (its callers are unknown)", x->n, x->z,
                 aTok[fn->iName].n, aTok[fn->iName].z);
        return 0;
      }
      int nCall = 0;
      for(int k=0; k<nTok; k++){
        if( !same_tok(k, &aTok[fn->iName]) || k==fn->iName || !tok_punct(k + 1, '(') ) continue;
        Call c;
        if( !parse_call(k, &c) ) continue;
        nCall++;
        if( iParam>=c.nArg ) continue;
        char zSub[400];
        zSub[0] = 0;
        if( !raw_ok(c.aStart[iParam], c.aEnd[iParam], depth + 1, zSub, sizeof zSub) ){
          snprintf(zWhy, nWhy, "%.*s, parameter %d of %.*s, gets something else at line %d: %s", x->n, x->z, iParam + 1,
                   aTok[fn->iName].n, aTok[fn->iName].z, aTok[k].line, zSub);
          return 0;
        }
      }
      if( !nCall ){ snprintf(zWhy, nWhy, "%.*s is a parameter of %.*s, which is never called here", x->n, x->z, aTok[fn->iName].n, aTok[fn->iName].z); return 0; }
      return 1;
    }
  }
  /* A local: check every assignment; refuse arrays and any other write. */
  int nSet = 0;
  for(int i = fn->iBody; i<fn->iEnd; i++){
    if( !same_tok(i, x) ) continue;
    if( tok_punct(i + 1, '[') && (tok_is(i - 1, "char") || tok_punct(i - 1, '*')) ){
      snprintf(zWhy, nWhy, "%.*s is a char array (line %d), filled at run time", x->n, x->z, aTok[i].line);
      return 0;
    }
    if( tok_punct(i - 1, '&') ){
      snprintf(zWhy, nWhy, "the address of %.*s is taken at line %d", x->n, x->z, aTok[i].line);
      return 0;
    }
    if( tok_punct(i + 1, '=') && !tok_punct(i + 2, '=') ){
      int a = i + 2, b = a, d = 0;
      for(; b<fn->iEnd; b++){
        if( tok_punct(b, '(') || tok_punct(b, '[') || tok_punct(b, '{') ) d++;
        else if( tok_punct(b, ')') || tok_punct(b, ']') || tok_punct(b, '}') ){ if( d==0 ) break; d--; }
        else if( d==0 && (tok_punct(b, ';') || tok_punct(b, ',')) ) break;
      }
      char zSub[400];
      zSub[0] = 0;
      if( !raw_ok(a, b, depth + 1, zSub, sizeof zSub) ){
        snprintf(zWhy, nWhy, "%.*s is set at line %d to something else: %s", x->n, x->z, aTok[i].line, zSub);
        return 0;
      }
      nSet++;
      continue;
    }
    if( aTok[i + 1].type==TK_PUNCT && strchr("+-*/%&|^<>", aTok[i + 1].z[0]) && tok_punct(i + 2, '=') ){
      snprintf(zWhy, nWhy, "%.*s is changed at line %d", x->n, x->z, aTok[i].line);
      return 0;
    }
  }
  if( !nSet ){ snprintf(zWhy, nWhy, "%.*s is never set in %.*s", x->n, x->z, aTok[fn->iName].n, aTok[fn->iName].z); return 0; }
  return 1;
}

/* 1 if every "return X;" of fn returns program-made markup. */
static int returns_ok(const Func *fn, int depth, char *zWhy, size_t nWhy){
  int nRet = 0;
  for(int i = fn->iBody; i<fn->iEnd; i++){
    if( !tok_is(i, "return") ) continue;
    int e = i + 1, d = 0;
    for(; e<fn->iEnd; e++){
      if( tok_punct(e, '(') || tok_punct(e, '[') ) d++;
      else if( tok_punct(e, ')') || tok_punct(e, ']') ) d--;
      else if( d==0 && tok_punct(e, ';') ) break;
    }
    char zSub[400];
    zSub[0] = 0;
    if( !raw_ok(i + 1, e, depth + 1, zSub, sizeof zSub) ){
      snprintf(zWhy, nWhy, "%.*s() returns something else at line %d: %s", aTok[fn->iName].n, aTok[fn->iName].z, aTok[i].line, zSub);
      return 0;
    }
    nRet++;
  }
  if( !nRet ){ snprintf(zWhy, nWhy, "%.*s() returns nothing this checker sees", aTok[fn->iName].n, aTok[fn->iName].z); return 0; }
  return 1;
}

/* 1 if the printf-style call at token iName (format argument iFmt) makes
** program-made markup: a literal format, %s arguments that are such and
** numeric conversions (digits are safe in HTML). */
static int printf_ok(int iName, int iFmt, int depth, char *zWhy, size_t nWhy){
  Call c;
  char *zFmt;
  if( !parse_call(iName, &c) || c.nArg<=iFmt || !string_lits(c.aStart[iFmt], c.aEnd[iFmt], &zFmt) ){
    snprintf(zWhy, nWhy, "%.*s() without a literal format", aTok[iName].n, aTok[iName].z);
    return 0;
  }
  int iArg = iFmt + 1, ok = 1;
  for(const char *p = zFmt; ok && *p; p++){
    if( *p!='%' ) continue;
    p++;
    if( *p=='%' ) continue;
    while( *p && strchr("-+ #0'123456789.hljzt", *p) ) p++;
    if( *p && strchr("diuxXo", *p) ){ iArg++; continue; }
    if( *p=='s' && iArg<c.nArg ){
      char zSub[400];
      zSub[0] = 0;
      if( raw_ok(c.aStart[iArg], c.aEnd[iArg], depth + 1, zSub, sizeof zSub) ){ iArg++; continue; }
      snprintf(zWhy, nWhy, "%.*s() argument %d: %s", aTok[iName].n, aTok[iName].z, iArg + 1, zSub);
    }else{
      snprintf(zWhy, nWhy, "%.*s() has a conversion %%%c this checker does not follow", aTok[iName].n, aTok[iName].z, *p ? *p : '?');
    }
    ok = 0;
  }
  free(zFmt);
  return ok;
}

/* 1 if the expression [a, b) is program-made markup (see the top). */
static int raw_ok(int a, int b, int depth, char *zWhy, size_t nWhy){
  strip_parens(&a, &b);
  if( depth>6 ){ snprintf(zWhy, nWhy, "too deep to follow"); return 0; }
  if( a>=b ){ snprintf(zWhy, nWhy, "empty"); return 0; }
  int iQ, iC;
  if( find_ternary(a, b, &iQ, &iC) ){
    return raw_ok(iQ + 1, iC, depth, zWhy, nWhy) && raw_ok(iC + 1, b, depth, zWhy, nWhy);
  }
  if( string_lits(a, b, 0) ) return 1;
  /* A null pointer carries no request data (the compiler's check refuses
  ** a plain 0 given to %R itself). */
  if( b==a + 1 && (tok_is(a, "0") || tok_is(a, "NULL")) ) return 1;
  /* (const char*)x */
  if( tok_punct(a, '(') && (tok_is(a + 1, "const") || tok_is(a + 1, "char")) ){
    int e = skip_group(a);
    if( e<b ) return raw_ok(e, b, depth, zWhy, nWhy);
  }
  const Func *fn = func_at(a);
  if( aTok[a].type==TK_ID && tok_punct(a + 1, '(') && skip_group(a + 1)==b ){
    if( in_list(azRawFunc, &aTok[a]) ) return 1;
    if( tok_is(a, "arena_printf") ) return printf_ok(a, 1, depth, zWhy, nWhy);
    /* arena_strdup(A, X): a copy of X, made as X is */
    if( tok_is(a, "arena_strdup") ){
      Call c2;
      if( parse_call(a, &c2) && c2.nArg==2 ) return raw_ok(c2.aStart[1], c2.aEnd[1], depth + 1, zWhy, nWhy);
    }
    for(int k=0; k<nFunc; k++){
      if( same_tok(aFunc[k].iName, &aTok[a]) ) return returns_ok(&aFunc[k], depth, zWhy, nWhy);
    }
    /* buf_str(&X) / buf_str(X) */
    if( tok_is(a, "buf_str") && fn ){
      int i = tok_punct(a + 2, '&') ? a + 3 : a + 2;
      if( aTok[i].type==TK_ID && i + 2==b ) return buf_by_hp(fn, &aTok[i], zWhy, nWhy);
    }
    snprintf(zWhy, nWhy, "%.*s() is not known to return program-made markup (azRawFunc in tools/hpcheck.c)", aTok[a].n, aTok[a].z);
    return 0;
  }
  /* X.z, X->z */
  if( fn && aTok[a].type==TK_ID && tok_is(b - 1, "z") && ((b - a==3 && tok_punct(a + 1, '.')) || (b - a==4 && tok_punct(a + 1, '-') && tok_punct(a + 2, '>'))) ){
    return buf_by_hp(fn, &aTok[a], zWhy, nWhy);
  }
  if( fn && aTok[a].type==TK_ID && b==a + 1 ) return var_ok(fn, &aTok[a], depth, zWhy, nWhy);
  char *z = span_text(a, b);
  snprintf(zWhy, nWhy, "`%.120s` is not a literal, markup made by hp() or an allowed function", z);
  free(z);
  return 0;
}

/* ---- the output copy ------------------------------------------------------------ */

typedef struct Edit { const char *zAt; int nDel; char *zIns; } Edit;
static Edit *aEdit = 0;
static int nEdit = 0;

static void edit_add(const char *zAt, int nDel, char *zIns){
  aEdit = xrealloc(aEdit, sizeof(Edit)*(size_t)(nEdit + 1));
  aEdit[nEdit].zAt = zAt;
  aEdit[nEdit].nDel = nDel;
  aEdit[nEdit].zIns = zIns;
  nEdit++;
}
static int edit_cmp(const void *a, const void *b){
  const Edit *x = a, *y = b;
  if( x->zAt!=y->zAt ) return x->zAt<y->zAt ? -1 : 1;
  return (x->nDel>0) - (y->nDel>0);   /* insertions before replacements at one place */
}

/* z as a C string literal. */
static char *c_literal(const char *z){
  char *o = xmalloc(strlen(z)*4 + 3), *p = o;
  *p++ = '"';
  for(; *z; z++){
    unsigned char c = (unsigned char)*z;
    if( c=='\\' || c=='"' || c=='?' ){ *p++ = '\\'; *p++ = (char)c; }
    else if( c=='\n' ){ *p++ = '\\'; *p++ = 'n'; }
    else if( c<0x20 ){ p += sprintf(p, "\\%03o", c); }
    else *p++ = (char)c;
  }
  *p++ = '"';
  *p = 0;
  return o;
}

static char *strdup_printf(const char *zFmt, ...){
  va_list ap;
  va_start(ap, zFmt);
  int n = vsnprintf(0, 0, zFmt, ap);
  va_end(ap);
  char *z = xmalloc((size_t)n + 1);
  va_start(ap, zFmt);
  vsnprintf(z, (size_t)n + 1, zFmt, ap);
  va_end(ap);
  return z;
}

/* Replace T(r, ...) at [a, b) by (0 ? T(r, ...) : "English text") (or a
** conditional of texts), keeping the line count and the use of r, so that
** -Wformat checks the arguments against the English text. */
static void replace_t_by_english(int a, int b, const Fmt *f, int iK, int iKEnd){
  int nNl = aTok[b-1].line - aTok[a].line;
  char *zRep, *zT = tokens_text(a, b);
  int iQ, iC, kA = iK, kB = iKEnd;
  strip_parens(&kA, &kB);
  if( f->nText==1 ){
    char *zLit = c_literal(f->azText[0]);
    zRep = strdup_printf("(0 ? %s : %s", zT, zLit);
    free(zLit);
  }else if( f->nText==2 && find_ternary(kA, kB, &iQ, &iC) ){
    char *zCond = tokens_text(kA, iQ);
    char *z1 = c_literal(f->azText[0]), *z2 = c_literal(f->azText[1]);
    zRep = strdup_printf("(0 ? %s : (%s) ? %s : %s", zT, zCond, z1, z2);
    free(zCond); free(z1); free(z2);
  }else{
    free(zT);
    return;
  }
  free(zT);
  size_t n = strlen(zRep);
  zRep = xrealloc(zRep, n + (size_t)nNl + 2);
  for(int k=0; k<nNl; k++) zRep[n++] = '\n';
  zRep[n++] = ')';
  zRep[n] = 0;
  edit_add(aTok[a].z, (int)(aTok[b-1].z + aTok[b-1].n - aTok[a].z), zRep);
}

/* Make the directories of zPath. */
static void mkdirs(const char *zPath){
  char z[4096];
  snprintf(z, sizeof z, "%s", zPath);
  for(char *p = z + 1; *p; p++){
    if( *p=='/' ){ *p = 0; mkdir(z, 0777); *p = '/'; }
  }
}

static void write_copy(const char *zOutDir, const char *zName, const char *zText){
  char zOut[4096];
  snprintf(zOut, sizeof zOut, "%s/%s", zOutDir, zName);
  mkdirs(zOut);
  FILE *f = fopen(zOut, "wb");
  if( !f ){ fprintf(stderr, "hpcheck: cannot write %s\n", zOut); exit(2); }
  fprintf(f,
    "/* Generated by tools/hpcheck.c from %s for the compiler's check of hp() arguments; do not edit. */\n"
    "#line 1 \"%s\"\n", zName, zName);
  qsort(aEdit, (size_t)nEdit, sizeof(Edit), edit_cmp);
  const char *z = zText;
  for(int i=0; i<nEdit; i++){
    if( aEdit[i].zAt<z ) continue;   /* overlapping edit: keep the first */
    fwrite(z, 1, (size_t)(aEdit[i].zAt - z), f);
    fputs(aEdit[i].zIns, f);
    z = aEdit[i].zAt + aEdit[i].nDel;
  }
  fputs(z, f);
  fclose(f);
}

/* ---- the checks of one file --------------------------------------------------------- */

/* The text before argument [a, b) of conversion c in the copy: an
** assertion, on the argument's type, that the compiler evaluates at the
** argument's line. */
static char *wrapper_of(char c, int a, int b){
  const char *zTypes = c=='d' ? "int: 1, unsigned: 1, short: 1, unsigned short: 1, char: 1, signed char: 1, unsigned char: 1, _Bool: 1"
                     : c=='D' ? "long: 1, unsigned long: 1, long long: 1, unsigned long long: 1"
                     : "char*: 1, const char*: 1";
  const char *zMsg = c=='d' ? "hp(): %d takes an int" : c=='D' ? "hp(): %D takes an int64_t"
                   : c=='R' ? "hp(): %R takes a char*" : c=='u' ? "hp(): %u takes a char*" : "hp(): %s takes a char*";
  char *zArg = tokens_text(a, b);
  char *z = strdup_printf("((void)sizeof(struct { _Static_assert(_Generic((%s), %s, default: 0), \"%s\"); int i_; }), (",
                          zArg, zTypes, zMsg);
  free(zArg);
  return z;
}

static void check_hp_call(int iName){
  Call c;
  int line = aTok[iName].line;
  if( !parse_call(iName, &c) ){ error_at(line, "hp( without its closing parenthesis"); return; }
  if( c.nArg<2 ){ error_at(line, "hp() needs a Buf and a format"); return; }
  Fmt f;
  memset(&f, 0, sizeof f);
  char zMsg[400];
  zMsg[0] = 0;
  if( !fmt_texts(c.aStart[1], c.aEnd[1], &f, 0, zMsg, sizeof zMsg) ){
    char *z = span_text(c.aStart[1], c.aEnd[1]);
    if( zMsg[0] ) error_at(aTok[c.aStart[1]].line, "hp() format: %s", zMsg);
    else error_at(aTok[c.aStart[1]].line, "hp() format `%.80s` is not a string literal or T(r, \"key\")", z);
    free(z);
    fmt_free(&f);
    return;
  }
  for(int i=0; i<f.nText; i++){
    char *zCodes = hp_codes(f.azText[i], zMsg, sizeof zMsg);
    if( !zCodes ){ error_at(aTok[c.aStart[1]].line, "hp() format: %s", zMsg); fmt_free(&f); return; }
    if( !f.zCodes ) f.zCodes = zCodes;
    else{
      if( strcmp(f.zCodes, zCodes)!=0 ) error_at(aTok[c.aStart[1]].line, "hp() format: its alternatives have other conversions (%s, %s)", f.zCodes, zCodes);
      free(zCodes);
    }
  }
  int nWant = (int)strlen(f.zCodes);
  if( c.nArg - 2!=nWant ){
    error_at(line, "hp() has %d argument(s) for the %d conversion(s) of its format (%s)", c.nArg - 2, nWant, f.zCodes);
    fmt_free(&f);
    return;
  }
  for(int k=0; k<nWant; k++){
    int a = c.aStart[k+2], b = c.aEnd[k+2];
    edit_add(aTok[a].z, 0, wrapper_of(f.zCodes[k], a, b));
    edit_add(aTok[b-1].z + aTok[b-1].n, 0, xstrndup("))", 2));
    if( f.zCodes[k]=='R' ){
      char zWhy[600];
      zWhy[0] = 0;
      if( !raw_ok(a, b, 0, zWhy, sizeof zWhy) ){
        error_at(aTok[a].line, "hp() %%R argument %d may carry request data into raw HTML: %s", k + 1, zWhy);
      }else if( bVerbose ){
        char *z = span_text(a, b);
        printf("%s:%d: %%R ok: %s\n", zFile, aTok[a].line, z);
        free(z);
      }
    }
  }
  fmt_free(&f);
}

/* snprintf(z, n, FMT, ...), arena_printf(a, FMT, ...), buf_printf(b,
** FMT, ...) with FMT a translation: the key must exist; the copy gets the
** English text so that -Wformat checks the arguments. */
static void check_printf_call(int iName, int iFmt){
  Call c;
  if( !parse_call(iName, &c) || c.nArg<=iFmt ) return;
  int a = c.aStart[iFmt], b = c.aEnd[iFmt];
  strip_parens(&a, &b);
  int iK, iKEnd;
  if( !t_call(a, b, &iK, &iKEnd) ) return;
  Fmt f;
  memset(&f, 0, sizeof f);
  char zMsg[400];
  zMsg[0] = 0;
  if( !fmt_texts(a, b, &f, 0, zMsg, sizeof zMsg) ){
    /* A key computed at run time cannot be checked here (check 3 still
    ** holds its two languages to the same conversions). */
    if( f.bVarKey ){ if( bVerbose ) printf("%s:%d: %.*s() format from a computed key: not checked\n", zFile, aTok[a].line, aTok[iName].n, aTok[iName].z); }
    else error_at(aTok[a].line, "%.*s() format: %s", aTok[iName].n, aTok[iName].z, zMsg);
  }else{
    replace_t_by_english(a, b, &f, iK, iKEnd);
  }
  fmt_free(&f);
}

static void check_file(const char *zName, const char *zOutDir){
  size_t n;
  char *zText = read_file(zName, &n);
  if( !zText ){ fprintf(stderr, "hpcheck: cannot read %s\n", zName); nErr++; return; }
  zFile = zName;
  tokenize(zText);
  find_functions();
  nEdit = 0;
  for(int k=0; k<nFunc; k++){
    char zWhy[600];
    zWhy[0] = 0;
    if( in_list(azRawFunc, &aTok[aFunc[k].iName]) && !returns_ok(&aFunc[k], 0, zWhy, sizeof zWhy) ){
      error_at(aTok[aFunc[k].iName].line, "%.*s is in azRawFunc (tools/hpcheck.c) but %s", aTok[aFunc[k].iName].n, aTok[aFunc[k].iName].z, zWhy);
    }
  }
  for(int i=0; i<nTok; i++){
    if( aTok[i].type!=TK_ID || !tok_punct(i + 1, '(') || !func_at(i) ) continue;
    if( tok_is(i, "hp") ) check_hp_call(i);
    else if( tok_is(i, "snprintf") ) check_printf_call(i, 2);
    else if( tok_is(i, "arena_printf") || tok_is(i, "buf_printf") ) check_printf_call(i, 1);
  }
  if( zOutDir ) write_copy(zOutDir, zName, zText);
  for(int i=0; i<nEdit; i++) free(aEdit[i].zIns);
  free(zText);
}

int main(int argc, char **argv){
  const char *zOutDir = 0, *zI18n = 0;
  int nFile = 0;
  for(int i=1; i<argc; i++){
    if( strcmp(argv[i], "-v")==0 ) bVerbose = 1;
    else if( strcmp(argv[i], "-o")==0 && i+1<argc ) zOutDir = argv[++i];
    else if( strcmp(argv[i], "-i")==0 && i+1<argc ) zI18n = argv[++i];
    else if( argv[i][0]=='-' ){ fprintf(stderr, "usage: hpcheck [-v] [-i I18NDIR] [-o OUTDIR] FILE.c ...\n"); return 2; }
  }
  for(int i=1; i<argc; i++){
    if( strcmp(argv[i], "-o")==0 || strcmp(argv[i], "-i")==0 ){ i++; continue; }
    if( argv[i][0]!='-' ) nFile++;
  }
  if( zI18n ){
    load_i18n(zI18n);
    if( nFile==0 ) check_i18n();   /* once, when called for the translations alone */
  }
  for(int i=1; i<argc; i++){
    if( strcmp(argv[i], "-o")==0 || strcmp(argv[i], "-i")==0 ){ i++; continue; }
    if( argv[i][0]=='-' ) continue;
    check_file(argv[i], zOutDir);
  }
  return nErr ? 1 : 0;
}
