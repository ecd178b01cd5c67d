/*
** vocab.c: the industry vocabulary, ISIC divisions and their adjacency;
** see vocab.h.
**
** Every term is folded and cut into tokens at load time and stored in an
** open-addressing hash table under its key: its tokens joined by one
** space ("机 器 人", "industrial robot"). vocab_find() cuts the text into
** tokens the same way and looks up every run of up to nMaxTok consecutive
** tokens, so its cost is linear in the text and independent of the size
** of the vocabulary.
*/
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/vocab.h"
#include "core/input.h"
#include "base/asset.h"
#include "base/buf.h"
#include "base/log.h"
#include "text/norm.h"

typedef struct Concept {
  char azCode[VOCAB_MAX_CODES][3];
  const char *apCode[VOCAB_MAX_CODES];
  int nCode;
  int bStop;
  int iFirstTerm, nTerm;
} Concept;

typedef struct Term {
  char *zText;        /* as written */
  char *zKey;         /* folded tokens joined by ' ' */
  int iConcept;
  int bZh;
  int iNext;          /* next term with the same key, or -1 */
} Term;

typedef struct Isic {
  char zCode[3];
  char cSection;
  char *zEn, *zZh;
} Isic;

static Concept *aConcept = 0;
static int nConcept = 0;
static Term *aTerm = 0;
static int nTerm = 0;
static int *aSlot = 0;          /* hash slots: term index or -1 */
static unsigned nSlot = 0;
static int nMaxTok = 1;
static Isic aDiv[100];          /* by division number */
static Isic aSec[26];           /* by letter */
static const char *aAdj[100][100];
static char *zAdjStore = 0;
static int bOk = 0;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static unsigned hash_str(const char *z){
  unsigned h = 2166136261u;
  for(; *z; z++){ h ^= (unsigned char)*z; h *= 16777619u; }
  return h;
}

static int slot_find(const char *zKey){
  if( !nSlot ) return -1;
  unsigned i = hash_str(zKey) & (nSlot - 1);
  while( aSlot[i]>=0 ){
    if( strcmp(aTerm[aSlot[i]].zKey, zKey)==0 ) return aSlot[i];
    i = (i + 1) & (nSlot - 1);
  }
  return -1;
}

typedef struct KeyCtx { Buf b; int nTok; } KeyCtx;

static int key_tok(void *p, const char *zTok, int nTok, int iStart, int iEnd, int bCjk){
  KeyCtx *k = p;
  (void)iStart; (void)iEnd; (void)bCjk;
  if( k->nTok++ ) buf_putc(&k->b, ' ');
  buf_append(&k->b, zTok, (size_t)nTok);
  return 0;
}

/* The key of a term: folded tokens joined by one space; malloc'd. */
static char *term_key(const char *z, int *pnTok){
  char *zF = text_fold(z);
  if( !zF ) return 0;
  KeyCtx k = {BUF_INIT, 0};
  text_tokenize(zF, (int)strlen(zF), key_tok, &k);
  free(zF);
  *pnTok = k.nTok;
  if( k.nTok==0 ){ buf_free(&k.b); return 0; }
  return buf_take(&k.b);
}

/* A copy of the asset zName, NUL-terminated; 0 if missing. */
static char *asset_copy(const char *zName){
  size_t n;
  const unsigned char *p = asset_find(zName, &n);
  if( !p ) return 0;
  char *z = malloc(n + 1);
  if( !z ) return 0;
  memcpy(z, p, n);
  z[n] = 0;
  return z;
}

/* Split zLine at tabs into at most nMax fields; returns the count. */
static int split_tabs(char *zLine, char **az, int nMax){
  int n = 0;
  for(char *f = zLine; f && n<nMax; ){
    az[n++] = f;
    f = strchr(f, '\t');
    if( f ) *f++ = 0;
  }
  return n;
}

static void add_term(int iConcept, const char *zText, int bZh){
  if( !*zText ) return;
  int nTok = 0;
  char *zKey = term_key(zText, &nTok);
  if( !zKey ) return;
  Term *t = &aTerm[nTerm];
  t->zText = strdup(zText);
  t->zKey = zKey;
  t->iConcept = iConcept;
  t->bZh = bZh;
  t->iNext = -1;
  if( nTok>nMaxTok ) nMaxTok = nTok;
  nTerm++;
}

static int load_vocab(void){
  char *z = asset_copy("data/vocab_industry.tsv");
  if( !z ){ log_error("vocab: data/vocab_industry.tsv missing"); return -1; }
  int nLine = 1, nBar = 0;
  for(char *p = z; *p; p++){ if( *p=='\n' ) nLine++; if( *p=='|' || *p=='\t' ) nBar++; }
  aConcept = calloc((size_t)nLine, sizeof(Concept));
  aTerm = calloc((size_t)(nBar + 2*nLine), sizeof(Term));
  if( !aConcept || !aTerm ){ free(z); return -1; }
  int bHeader = 1;
  for(char *zLine = z, *zNext; zLine && *zLine; zLine = zNext){
    zNext = strchr(zLine, '\n');
    if( zNext ) *zNext++ = 0;
    if( zLine[0]=='#' || zLine[0]==0 ) continue;
    if( bHeader ){ bHeader = 0; continue; }
    char *az[4];
    if( split_tabs(zLine, az, 4)!=3 ){ log_error("vocab: bad line: %.60s", zLine); continue; }
    Concept *c = &aConcept[nConcept];
    if( strcmp(az[0], "stop")==0 ){
      c->bStop = 1;
    }else{
      for(char *s = az[0]; *s && c->nCode<VOCAB_MAX_CODES; ){
        char *e = strchr(s, ',');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        if( n==2 ){
          memcpy(c->azCode[c->nCode], s, 2);
          c->azCode[c->nCode][2] = 0;
          c->apCode[c->nCode] = c->azCode[c->nCode];
          c->nCode++;
        }
        s += n + (e ? 1 : 0);
      }
    }
    c->iFirstTerm = nTerm;
    for(int col=1; col<=2; col++){
      for(char *s = az[col]; *s; ){
        char *e = strchr(s, '|');
        if( e ) *e = 0;
        add_term(nConcept, s, col==1);
        if( !e ) break;
        s = e + 1;
      }
    }
    c->nTerm = nTerm - c->iFirstTerm;
    nConcept++;
  }
  free(z);
  /* Hash table, at most half full. */
  nSlot = 64;
  while( nSlot < (unsigned)nTerm*2 ) nSlot *= 2;
  aSlot = malloc(sizeof(int)*nSlot);
  if( !aSlot ) return -1;
  for(unsigned i=0; i<nSlot; i++) aSlot[i] = -1;
  for(int t=0; t<nTerm; t++){
    int iOld = slot_find(aTerm[t].zKey);
    if( iOld>=0 ){
      /* Same key again: chain it (keep concept order). */
      while( aTerm[iOld].iNext>=0 ) iOld = aTerm[iOld].iNext;
      aTerm[iOld].iNext = t;
      continue;
    }
    unsigned i = hash_str(aTerm[t].zKey) & (nSlot - 1);
    while( aSlot[i]>=0 ) i = (i + 1) & (nSlot - 1);
    aSlot[i] = t;
  }
  return 0;
}

static int load_isic(void){
  char *z = asset_copy("data/isic4.tsv");
  if( !z ){ log_error("vocab: data/isic4.tsv missing"); return -1; }
  int bHeader = 1;
  for(char *zLine = z, *zNext; zLine && *zLine; zLine = zNext){
    zNext = strchr(zLine, '\n');
    if( zNext ) *zNext++ = 0;
    if( zLine[0]=='#' || zLine[0]==0 ) continue;
    if( bHeader ){ bHeader = 0; continue; }
    char *az[6];
    if( split_tabs(zLine, az, 6)!=5 ) continue;
    Isic *x = 0;
    if( strcmp(az[1], "division")==0 ){
      int d = isic_div(az[0]);
      if( d ) x = &aDiv[d];
    }else if( az[0][0]>='A' && az[0][0]<='Z' && az[0][1]==0 ){
      x = &aSec[az[0][0] - 'A'];
    }
    if( !x ) continue;
    snprintf(x->zCode, sizeof x->zCode, "%s", az[0]);
    x->cSection = az[2][0];
    x->zEn = strdup(az[3]);
    x->zZh = strdup(az[4]);
  }
  free(z);
  return 0;
}

static int load_adjacency(void){
  zAdjStore = asset_copy("data/isic_adjacency.tsv");
  if( !zAdjStore ){ log_error("vocab: data/isic_adjacency.tsv missing"); return -1; }
  int bHeader = 1;
  for(char *zLine = zAdjStore, *zNext; zLine && *zLine; zLine = zNext){
    zNext = strchr(zLine, '\n');
    if( zNext ) *zNext++ = 0;
    if( zLine[0]=='#' || zLine[0]==0 ) continue;
    if( bHeader ){ bHeader = 0; continue; }
    char *az[4];
    if( split_tabs(zLine, az, 4)!=3 ) continue;
    int a = isic_div(az[0]), b = isic_div(az[1]);
    if( !a || !b || a==b ){ log_error("vocab: bad adjacency %s-%s", az[0], az[1]); continue; }
    aAdj[a][b] = aAdj[b][a] = az[2];
  }
  return 0;
}

static void vocab_load(void){
  if( load_isic()==0 && load_vocab()==0 && load_adjacency()==0 ) bOk = 1;
}

int vocab_init(void){
  pthread_once(&once, vocab_load);
  return bOk ? 0 : -1;
}

int isic_div(const char *z){
  if( !z || z[0]<'0' || z[0]>'9' || z[1]<'0' || z[1]>'9' || z[2] ) return 0;
  int d = (z[0]-'0')*10 + (z[1]-'0');
  return d>=1 && d<=99 ? d : 0;
}

int isic_known(const char *z){
  if( vocab_init() ) return 0;
  int d = isic_div(z);
  if( d ) return aDiv[d].zEn!=0;
  if( z && z[0]>='A' && z[0]<='Z' && z[1]==0 ) return aSec[z[0]-'A'].zEn!=0;
  return 0;
}

char isic_section_of(int d){
  if( vocab_init() || d<1 || d>99 ) return 0;
  return aDiv[d].cSection;
}

const char *isic_label(const char *zCode, int bZh){
  if( vocab_init() || !zCode ) return "";
  int d = isic_div(zCode);
  Isic *x = d ? &aDiv[d] : (zCode[0]>='A' && zCode[0]<='Z' && zCode[1]==0 ? &aSec[zCode[0]-'A'] : 0);
  if( !x || !x->zEn ) return "";
  return bZh ? x->zZh : x->zEn;
}

const char *isic_adjacent(int a, int b){
  if( vocab_init() || a<1 || a>99 || b<1 || b>99 ) return 0;
  return aAdj[a][b];
}

int vocab_concept_count(void){ return vocab_init() ? 0 : nConcept; }
int vocab_term_count(void){ return vocab_init() ? 0 : nTerm; }

const char *const *vocab_concept_codes(int i, int *pn){
  *pn = 0;
  if( vocab_init() || i<0 || i>=nConcept ) return 0;
  *pn = aConcept[i].nCode;
  return aConcept[i].apCode;
}

int vocab_concept_terms(int i, int *piFirst){
  *piFirst = 0;
  if( vocab_init() || i<0 || i>=nConcept ) return 0;
  *piFirst = aConcept[i].iFirstTerm;
  return aConcept[i].nTerm;
}

const char *vocab_term(int t){ return (vocab_init() || t<0 || t>=nTerm) ? "" : aTerm[t].zText; }
int vocab_term_is_zh(int t){ return (vocab_init() || t<0 || t>=nTerm) ? 0 : aTerm[t].bZh; }
int vocab_term_concept(int t){ return (vocab_init() || t<0 || t>=nTerm) ? -1 : aTerm[t].iConcept; }

int vocab_is_stop(const char *zKey){
  if( vocab_init() ) return 0;
  for(int t = slot_find(zKey); t>=0; t = aTerm[t].iNext){
    if( aConcept[aTerm[t].iConcept].bStop ) return 1;
  }
  return 0;
}

/* Tokens of the text being scanned. */
typedef struct Tok { int iStart, iEnd; int bCjk; } Tok;
typedef struct TokList { Tok *a; int n, nAlloc; } TokList;

static int list_tok(void *p, const char *zTok, int nTok, int iStart, int iEnd, int bCjk){
  TokList *l = p;
  (void)zTok; (void)nTok;
  if( l->n==l->nAlloc ){
    int nNew = l->nAlloc ? l->nAlloc*2 : 256;
    Tok *aNew = realloc(l->a, sizeof(Tok)*(size_t)nNew);
    if( !aNew ) return 1;
    l->a = aNew;
    l->nAlloc = nNew;
  }
  l->a[l->n].iStart = iStart;
  l->a[l->n].iEnd = iEnd;
  l->a[l->n].bCjk = bCjk;
  l->n++;
  return 0;
}

/* 1 if tokens a and b (a before b) are close enough to form one term:
** characters must touch; words may be separated by blanks, '-', '&', '/'. */
static int tokens_join(const char *z, const Tok *a, const Tok *b){
  if( a->bCjk || b->bCjk ) return a->iEnd==b->iStart || (b->iStart - a->iEnd==1 && z[a->iEnd]==' ');
  int n = b->iStart - a->iEnd;
  if( n<1 || n>3 ) return n==0;
  for(int i=a->iEnd; i<b->iStart; i++){
    char c = z[i];
    if( c!=' ' && c!='-' && c!='&' && c!='/' && c!='.' ) return 0;
  }
  return 1;
}

static int hit_cmp(const void *pa, const void *pb){
  const VocabHit *a = pa, *b = pb;
  if( a->iStart!=b->iStart ) return a->iStart - b->iStart;
  return (b->iEnd - b->iStart) - (a->iEnd - a->iStart);
}

int vocab_find(const char *zFold, VocabHit *aHit, int nMax){
  if( vocab_init() || !zFold || nMax<=0 ) return 0;
  TokList l = {0, 0, 0};
  int nText = (int)strlen(zFold);
  text_tokenize(zFold, nText, list_tok, &l);
  Buf key = BUF_INIT;
  int nHit = 0, nAlloc = 0;
  VocabHit *a = 0;
  for(int i=0; i<l.n; i++){
    buf_reset(&key);
    for(int n=1; n<=nMaxTok && i+n<=l.n; n++){
      const Tok *t = &l.a[i+n-1];
      if( n>1 ){
        if( !tokens_join(zFold, &l.a[i+n-2], t) ) break;
        buf_putc(&key, ' ');
      }
      buf_append(&key, zFold + t->iStart, (size_t)(t->iEnd - t->iStart));
      if( buf_error(&key) ) break;
      int aCand[3] = {slot_find(buf_str(&key)), -1, -1};
      /* Plural of the last word: "robots" -> "robot", "technologies" -> "technology". */
      int nW = t->iEnd - t->iStart;
      if( !t->bCjk && nW>3 && key.z[key.n-1]=='s' ){
        char *zK = key.z;
        zK[key.n-1] = 0;
        aCand[1] = slot_find(zK);
        zK[key.n-1] = 's';
        if( nW>4 && zK[key.n-3]=='i' && zK[key.n-2]=='e' ){
          char c2 = zK[key.n-2];
          zK[key.n-3] = 'y'; zK[key.n-2] = 0;
          aCand[2] = slot_find(zK);
          zK[key.n-3] = 'i'; zK[key.n-2] = c2;
        }
      }
      for(int k=0; k<3; k++){
        for(int ti = aCand[k]; ti>=0; ti = aTerm[ti].iNext){
          if( aConcept[aTerm[ti].iConcept].bStop ) continue;
          if( nHit==nAlloc ){
            int nNew = nAlloc ? nAlloc*2 : 32;
            VocabHit *aNew = realloc(a, sizeof(VocabHit)*(size_t)nNew);
            if( !aNew ) goto done;
            a = aNew;
            nAlloc = nNew;
          }
          a[nHit].iConcept = aTerm[ti].iConcept;
          a[nHit].iTerm = ti;
          a[nHit].iStart = l.a[i].iStart;
          a[nHit].iEnd = t->iEnd;
          nHit++;
        }
      }
    }
  }
done:
  buf_free(&key);
  free(l.a);
  /* Longest first at each start; drop hits inside a kept longer hit and
  ** repeats of a concept at the same span. */
  if( nHit>1 ) qsort(a, (size_t)nHit, sizeof(VocabHit), hit_cmp);
  int nOut = 0;
  for(int i=0; i<nHit && nOut<nMax; i++){
    int bDrop = 0;
    for(int k=0; k<nOut && !bDrop; k++){
      const VocabHit *o = &aHit[k];
      int bInside = a[i].iStart>=o->iStart && a[i].iEnd<=o->iEnd;
      if( bInside && ((o->iEnd - o->iStart) > (a[i].iEnd - a[i].iStart) || o->iConcept==a[i].iConcept) ) bDrop = 1;
    }
    if( !bDrop ) aHit[nOut++] = a[i];
  }
  free(a);
  return nOut;
}

/* Validate one code; 0 if fine. */
static int code_ok(const char *z, int bDivOnly){
  if( !isic_known(z) ) return 0;
  return !bDivOnly || isic_div(z)!=0;
}

YcStatus isic_codes(json_t *o, const char *zKey, int bDivOnly, size_t nMax,
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

YcStatus isic_codes_parse(const char *z, const char *zField, int bDivOnly, size_t nMax,
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
