/* mention.c: the mention finder; see mention.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <pthread.h>
#include "core/mention.h"
#include "base/buf.h"
#include "base/json.h"
#include "base/asset.h"
#include "store/tsv.h"
#include "text/norm.h"

/* What a surface names: one record, several (ambiguous), or nothing (a stop:
** the home city's names, names that contain a partner's but are not it). */
enum { MT_TIE, MT_ORG, MT_EVENT, MT_PERSON, MT_STOP };
static const char *const azMentionType[] = {"tie", "org", "event", "person", "stop"};

typedef struct MEntry {
  int eType;              /* MT_ */
  int64_t id;             /* the record; -1 when several share the surface */
  char *zName;            /* the record's name to show */
  int64_t *aCand; int nCand;   /* the records of an ambiguous surface */
} MEntry;

/* A byte trie of the normalised surfaces: the root's children by byte,
** other nodes' children as sibling lists. */
typedef struct MNode { int iChild, iNext, iEntry; unsigned char ch; } MNode;

typedef struct MDict {
  int64_t key;            /* audit id the dictionary was built at */
  int bPeople;            /* people included (signed-in callers) */
  int64_t homeId;
  MNode *aNode; int nNode, nNodeAlloc;
  int aRoot[256];
  MEntry *aEntry; int nEntry, nEntryAlloc;
  int nRef;               /* callers using it */
} MDict;

/* Two cached dictionaries (with and without people). */
static pthread_mutex_t mMutex = PTHREAD_MUTEX_INITIALIZER;
static MDict *apCache[2];

static void dict_free(MDict *d){
  if( !d ) return;
  for(int i=0; i<d->nEntry; i++){ free(d->aEntry[i].zName); free(d->aEntry[i].aCand); }
  free(d->aEntry);
  free(d->aNode);
  free(d);
}

static void dict_release(MDict *d){
  pthread_mutex_lock(&mMutex);
  int bFree = --d->nRef==0 && apCache[0]!=d && apCache[1]!=d;
  pthread_mutex_unlock(&mMutex);
  if( bFree ) dict_free(d);
}

void mention_reset(void){
  pthread_mutex_lock(&mMutex);
  MDict *a[2] = {apCache[0], apCache[1]};
  apCache[0] = apCache[1] = 0;
  pthread_mutex_unlock(&mMutex);
  for(int i=0; i<2; i++) if( a[i] && a[i]->nRef==0 ) dict_free(a[i]);
}

/* ---------------------------------------------------------------------------
** Normalising: Traditional to Simplified (OpenCC t2s), ASCII letters to
** lower case. z2s may change the number of characters only in rare phrase
** conversions; then the text is read as it is.
*/
static int utf8_len(unsigned char c){
  return c<0x80 ? 1 : c<0xE0 ? 2 : c<0xF0 ? 3 : 4;
}

static int cp_count(const char *z){
  int n = 0;
  for(size_t i=0; z[i]; i += utf8_len((unsigned char)z[i])) n++;
  return n;
}

static void ascii_lower(char *z){
  for(; *z; z++) if( *z>='A' && *z<='Z' ) *z += 32;
}

/* Full-width ASCII forms (U+FF01..U+FF5E: （济南）) and the ideographic
** space as their ASCII characters, in place (one character each: the
** character count does not change). */
static void width_fold(char *z){
  char *w = z;
  for(const unsigned char *r = (const unsigned char*)z; *r; ){
    unsigned cp = 0;
    if( r[0]==0xEF && r[1] && r[2] ){
      cp = ((unsigned)(r[0]&0x0F)<<12) | ((unsigned)(r[1]&0x3F)<<6) | (unsigned)(r[2]&0x3F);
    }else if( r[0]==0xE3 && r[1]==0x80 && r[2]==0x80 ){
      cp = 0x3000;
    }
    if( cp>=0xFF01 && cp<=0xFF5E ){ *w++ = (char)(cp - 0xFF01 + 0x21); r += 3; }
    else if( cp==0x3000 ){ *w++ = ' '; r += 3; }
    else{
      int n = utf8_len(r[0]);
      for(int i=0; i<n && *r; i++) *w++ = (char)*r++;
    }
  }
  *w = 0;
}

static int is_ascii_alnum(unsigned char c){
  return (c>='a' && c<='z') || (c>='A' && c<='Z') || (c>='0' && c<='9');
}

static int is_ascii_alpha(unsigned char c){
  return (c>='a' && c<='z') || (c>='A' && c<='Z');
}

/* Typographic apostrophes (U+2019, U+02BC) as ASCII ones and a hyphen
** between two letters as a space (High-Tech = High tech), in place (one
** character each). */
static void punct_fold(char *z){
  char *w = z;
  for(const unsigned char *r = (const unsigned char*)z; *r; ){
    if( (r[0]==0xE2 && r[1]==0x80 && r[2]==0x99) ){ *w++ = '\''; r += 3; continue; }
    if( r[0]==0xCA && r[1]==0xBC ){ *w++ = '\''; r += 2; continue; }
    if( r[0]=='-' && w>z && is_ascii_alpha((unsigned char)w[-1]) && is_ascii_alpha(r[1]) ){ *w++ = ' '; r++; continue; }
    int n = utf8_len(r[0]);
    for(int i=0; i<n && *r; i++) *w++ = (char)*r++;
  }
  *w = 0;
}

/* The value of a Chinese digit at z (〇 零 一 ... 九) or an ASCII digit, and
** its length in *pn; -1 if none. */
static int zh_digit(const unsigned char *z, int *pn){
  static const char *const az[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  if( z[0]>='0' && z[0]<='9' ){ *pn = 1; return z[0] - '0'; }
  if( z[0]==0xE3 && z[1]==0x80 && z[2]==0x87 ){ *pn = 3; return 0; }     /* 〇 */
  if( strncmp((const char*)z, "零", 3)==0 ){ *pn = 3; return 0; }
  for(int i=1; i<10; i++) if( strncmp((const char*)z, az[i], 3)==0 ){ *pn = 3; return i; }
  return -1;
}

/* A year written in Chinese digits (二〇〇四, 二00四, 一九九八) as ASCII
** digits, in place: four digits, at least one Chinese, starting 19 or 20,
** not part of a longer run of digits. One character each. */
static void year_fold(char *z){
  char *w = z;
  const unsigned char *r = (const unsigned char*)z;
  int bPrevDigit = 0;
  while( *r ){
    int aV[5], aN[5], k = 0, nHan = 0, off = 0;
    while( k<5 && (aV[k] = zh_digit(r + off, &aN[k]))>=0 ){ nHan += aN[k]>1; off += aN[k]; k++; }
    if( k==4 && !bPrevDigit && nHan>0 && ((aV[0]==1 && aV[1]==9) || (aV[0]==2 && aV[1]==0)) ){
      for(int i=0; i<4; i++) *w++ = (char)('0' + aV[i]);
      r += off;
      bPrevDigit = 1;
      continue;
    }
    if( k>0 ){     /* a run of digits that is no year: copied as it is */
      memmove(w, r, (size_t)off);
      w += off; r += off;
      bPrevDigit = 1;
      continue;
    }
    int n = utf8_len(r[0]);
    for(int i=0; i<n && *r; i++) *w++ = (char)*r++;
    bPrevDigit = 0;
  }
  *w = 0;
}

/* Normalised copy of z (malloc'd), or 0. */
static char *norm_text(const char *z){
  char *zS = text_t2s(z);
  if( !zS || cp_count(zS)!=cp_count(z) ){ free(zS); zS = strdup(z); }
  if( zS ){ width_fold(zS); punct_fold(zS); year_fold(zS); ascii_lower(zS); }
  return zS;
}

/* An apostrophe at z[i] that separates the syllables of a romanised name
** (Ji'nan, Xi'an): between two letters and not an English contraction or
** possessive ('s 't 'd 'm 'll 're 've). Skipped in names and texts alike. */
static int is_name_apostrophe(const unsigned char *z, int i){
  if( z[i]!='\'' || i==0 || !is_ascii_alpha(z[i-1]) || !is_ascii_alpha(z[i+1]) ) return 0;
  int n = 0;
  while( is_ascii_alpha(z[i+1+n]) ) n++;
  if( n<=2 ){
    char a[3] = {0, 0, 0};
    for(int k=0; k<n; k++) a[k] = (char)(z[i+1+k] | 0x20);
    static const char *const azC[] = {"s", "t", "d", "m", "ll", "re", "ve", 0};
    for(int k=0; azC[k]; k++) if( strcmp(a, azC[k])==0 ) return 0;
  }
  return 1;
}

/* ---------------------------------------------------------------------------
** Building
*/
static int node_new(MDict *d, unsigned char ch){
  if( d->nNode==d->nNodeAlloc ){
    int n = d->nNodeAlloc ? d->nNodeAlloc*2 : 1024;
    MNode *a = realloc(d->aNode, n * sizeof *a);
    if( !a ) return -1;
    d->aNode = a; d->nNodeAlloc = n;
  }
  MNode *p = &d->aNode[d->nNode];
  p->iChild = p->iNext = p->iEntry = -1;
  p->ch = ch;
  return d->nNode++;
}

/* The node of child byte ch of node i (-1 is the root), made when bMake. */
static int node_child(MDict *d, int i, unsigned char ch, int bMake){
  if( i<0 ){
    if( d->aRoot[ch]<0 && bMake ) d->aRoot[ch] = node_new(d, ch);
    return d->aRoot[ch];
  }
  int k = d->aNode[i].iChild;
  while( k>=0 && d->aNode[k].ch!=ch ) k = d->aNode[k].iNext;
  if( k>=0 || !bMake ) return k;
  k = node_new(d, ch);
  if( k<0 ) return -1;
  d->aNode[k].iNext = d->aNode[i].iChild;
  d->aNode[i].iChild = k;
  return k;
}

/* Add surface zSurface (raw) for record (eType, id) named zName. */
static void dict_add1(MDict *d, const char *zSurface, int eType, int64_t id, const char *zName){
  if( !zSurface || !*zSurface ) return;
  char *zN = norm_text(zSurface);
  if( !zN ) return;
  /* Without the apostrophes between syllables (the finder skips them in the text). */
  int iW = 0;
  for(int i=0; zN[i]; i++) if( !is_name_apostrophe((const unsigned char*)zN, i) ) zN[iW++] = zN[i];
  zN[iW] = 0;
  /* Too short to mean anything: one CJK character, or under 3 ASCII letters. */
  int nCp = cp_count(zN), bAscii = 1;
  for(char *q = zN; *q; q++) if( (unsigned char)*q>=0x80 ) bAscii = 0;
  if( eType!=MT_STOP && ((bAscii && strlen(zN)<3) || (!bAscii && nCp<2)) ){ free(zN); return; }
  int k = -1;
  for(const unsigned char *q = (const unsigned char*)zN; *q && (k = node_child(d, k, *q, 1))>=0; q++){}
  free(zN);
  if( k<0 ) return;
  int iE = d->aNode[k].iEntry;
  if( iE>=0 ){
    MEntry *x = &d->aEntry[iE];
    if( x->eType==MT_STOP || eType==MT_STOP ){ x->eType = MT_STOP; return; }
    if( x->eType==eType && x->id==id ) return;
    for(int i=0; i<x->nCand; i++) if( x->aCand[i]==id && x->eType==eType ) return;
    if( x->eType!=eType ){
      /* Records of different types: ambiguous too; the type kept is the first. */
    }
    if( x->nCand==0 ){
      x->aCand = malloc(2 * sizeof(int64_t));
      if( !x->aCand ) return;
      x->aCand[x->nCand++] = x->id;
    }else{
      int64_t *a = realloc(x->aCand, (x->nCand + 1) * sizeof(int64_t));
      if( !a ) return;
      x->aCand = a;
    }
    x->aCand[x->nCand++] = id;
    x->id = -1;
    return;
  }
  if( d->nEntry==d->nEntryAlloc ){
    int n = d->nEntryAlloc ? d->nEntryAlloc*2 : 256;
    MEntry *a = realloc(d->aEntry, n * sizeof *a);
    if( !a ) return;
    d->aEntry = a; d->nEntryAlloc = n;
  }
  MEntry *x = &d->aEntry[d->nEntry];
  memset(x, 0, sizeof *x);
  x->eType = eType;
  x->id = id;
  x->zName = strdup(zName ? zName : zSurface);
  d->aNode[k].iEntry = d->nEntry++;
}

/* z with the first occurrence of zFrom (ASCII: without case) replaced by
** zTo (malloc'd), or 0 when it has none. With bWord, zFrom must stand
** between word boundaries. */
static char *replace1(const char *z, const char *zFrom, const char *zTo, int bWord){
  size_t nFrom = strlen(zFrom);
  for(const char *q = z; *q; q++){
    if( strncasecmp(q, zFrom, nFrom)!=0 ) continue;
    if( bWord && is_ascii_alnum((unsigned char)zFrom[0]) && q>z && is_ascii_alnum((unsigned char)q[-1]) ) continue;
    if( bWord && is_ascii_alnum((unsigned char)zFrom[nFrom-1]) && is_ascii_alnum((unsigned char)q[nFrom]) ) continue;
    Buf b = BUF_INIT;
    buf_append(&b, z, (size_t)(q - z));
    buf_puts(&b, zTo);
    buf_puts(&b, q + nFrom);
    return buf_take(&b);
  }
  return 0;
}

/* A name and the other forms texts commonly use for any name of its kind,
** by rule (each rule applies to the forms before it):
** - a Latin compound with hyphens also closed up (High-tech -> Hightech;
**   the open form, High tech, is the hyphen's normal form);
** - a development zone's short forms: "X Industrial Development Zone" ->
**   "X Zone" (when X has two words or more: Jinan High-tech Zone), 高新技术
**   产业开发区 -> 高新区, 高新开发区, 高新技术开发区;
** - friendship and sister cities are the same words (友城, 友好城市;
**   Friendship Cities, Sister Cities), in either direction. */
static void dict_add(MDict *d, const char *zSurface, int eType, int64_t id, const char *zName){
  if( !zSurface || !*zSurface ) return;
  enum { NFORM = 24 };
  char *az[NFORM];
  int n = 0;
  az[n++] = strdup(zSurface);
  if( !az[0] ) return;
  /* Closed-up compounds. */
  if( strchr(zSurface, '-') ){
    Buf b = BUF_INIT;
    for(const char *q = zSurface; *q; q++){
      if( *q=='-' && q>zSurface && is_ascii_alpha((unsigned char)q[-1]) && is_ascii_alpha((unsigned char)q[1]) ) continue;
      buf_putc(&b, *q);
    }
    char *z = buf_take(&b);
    if( z && strcmp(z, zSurface)!=0 && n<NFORM ) az[n++] = z; else free(z);
  }
  static const struct { const char *zFrom, *zTo; int bWord; } aRule[] = {
    {" Industrial Development Zone", " Zone", 1},
    {"高新技术产业开发区", "高新区", 0},
    {"高新技术产业开发区", "高新开发区", 0},
    {"高新技术产业开发区", "高新技术开发区", 0},
    {"友好城市", "友城", 0},
    {"友城", "友好城市", 0},
    {"Friendship Cities", "Sister Cities", 1},
    {"Sister Cities", "Friendship Cities", 1},
    {"Friendship City", "Sister City", 1},
    {"Sister City", "Friendship City", 1},
  };
  for(size_t r=0; r<sizeof aRule/sizeof aRule[0]; r++){
    int nBefore = n;
    for(int i=0; i<nBefore && n<NFORM; i++){
      char *z = replace1(az[i], aRule[r].zFrom, aRule[r].zTo, aRule[r].bWord);
      if( !z ) continue;
      /* A zone's short form keeps two words or more before "Zone". */
      if( r==0 ){
        const char *zEnd = strcasestr(z, " Zone");
        int nSpace = 0;
        for(const char *q = z; zEnd && q<zEnd; q++) nSpace += *q==' ' || *q=='-';
        if( !zEnd || nSpace<1 ){ free(z); continue; }
      }
      az[n++] = z;
    }
  }
  for(int i=0; i<n; i++){ dict_add1(d, az[i], eType, id, zName); free(az[i]); }
}

/* A Chinese city name and, when it ends in 市 (city) and keeps two or more
** characters without it, the name without it (萨克拉门托市 -> 萨克拉门托). */
static void add_zh_city(MDict *d, const char *zZh, int eType, int64_t id, const char *zName){
  if( !zZh ) return;
  dict_add(d, zZh, eType, id, zName);
  size_t n = strlen(zZh);
  if( n>=9 && strcmp(zZh + n - 3, "市")==0 ){
    char *z = strndup(zZh, n - 3);
    if( z ){ dict_add(d, z, eType, id, zName); free(z); }
  }
}

/* A Latin name and its folded form (Västerås -> vasteras). */
static void add_latin(MDict *d, const char *z, int eType, int64_t id, const char *zName){
  if( !z ) return;
  dict_add(d, z, eType, id, zName);
  char *zF = text_fold(z);
  if( zF ){
    int bAscii = 1;
    for(char *q = zF; *q; q++) if( (unsigned char)*q>=0x80 ) bAscii = 0;
    if( bAscii ) dict_add(d, zF, eType, id, zName);
    free(zF);
  }
}

/* A record's name with the forms texts use for it, by rule: a name with a
** part in parentheses also without it and the part alone ("中国重型汽车集
** 团有限公司（中国重汽）", "Sinotruk (China National Heavy Duty Truck
** Group)"; not in titles, where it is a place); a Chinese government's name without 人民 (济南市人民政府 ->
** 济南市政府); with bTitle (event titles) the title's first part before a
** separator (a space, ：, 暨, ": ") when it is itself a name. */
static void add_name(MDict *d, const char *z, int eType, int64_t id, const char *zName, int bTitle){
  if( !z || !*z ) return;
  dict_add(d, z, eType, id, zName);
  char *zN = strdup(z);
  if( !zN ) return;
  width_fold(zN);
  char *zOpen = strchr(zN, '(');
  char *zClose = zOpen ? strchr(zOpen, ')') : 0;
  if( zOpen && zClose && !bTitle ){    /* (in a title: a place, 山东（济南）…) */
    *zClose = 0;
    dict_add(d, zOpen + 1, eType, id, zName);
    char *zEnd = zOpen;
    while( zEnd>zN && zEnd[-1]==' ' ) zEnd--;
    char *zRest = zClose + 1;
    while( *zRest==' ' ) zRest++;
    Buf b = BUF_INIT;
    buf_append(&b, zN, (size_t)(zEnd - zN));
    if( *zRest ){ if( b.n && (unsigned char)zRest[0]<0x80 ) buf_putc(&b, ' '); buf_puts(&b, zRest); }
    if( b.n ) dict_add(d, buf_str(&b), eType, id, zName);
    buf_free(&b);
    free(zN);
    return;
  }
  char *zGov = strstr(zN, "人民政府");
  if( zGov && zGov[12]==0 ){
    memmove(zGov, zGov + 6, strlen(zGov + 6) + 1);
    dict_add(d, zN, eType, id, zName);
  }else if( bTitle ){
    static const char *const azSep[] = {": ", "：", "暨", " ", 0};
    for(int i=0; azSep[i]; i++){
      char *zSep = strstr(zN, azSep[i]);
      /* A space separates parts of a Chinese title only (not English words). */
      if( !zSep || (strcmp(azSep[i], " ")==0 && (zSep==zN || (unsigned char)zSep[-1]<0x80)) ) continue;
      *zSep = 0;
      dict_add(d, zN, eType, id, zName);
      break;
    }
  }
  free(zN);
}

/* The Chinese names of the home and partner cities (without 市) and of
** their countries, for the place rule of event titles below. */
typedef struct Places { char **az; int *aCountry; int n, nAlloc; } Places;

static void places_add(Places *pl, const char *z, int bCountry){
  if( !z || !*z || (unsigned char)z[0]<0x80 ) return;
  size_t n = strlen(z);
  if( !bCountry && n>=9 && strcmp(z + n - 3, "市")==0 ) n -= 3;
  if( n<6 ) return;     /* two characters or more */
  if( pl->n==pl->nAlloc ){
    int m = pl->nAlloc ? pl->nAlloc*2 : 32;
    char **az = realloc(pl->az, m * sizeof *az);
    if( !az ) return;
    pl->az = az;
    int *a = realloc(pl->aCountry, m * sizeof *a);
    if( !a ) return;
    pl->aCountry = a;
    pl->nAlloc = m;
  }
  char *zC = strndup(z, n);
  if( !zC ) return;
  pl->aCountry[pl->n] = bCountry;
  pl->az[pl->n++] = zC;
}

static void places_free(Places *pl){
  for(int i=0; i<pl->n; i++) free(pl->az[i]);
  free(pl->az);
  free(pl->aCountry);
}

/* The length of the city name of pl at z (with its 市 in *pbShi), or 0. */
static size_t place_city_at(const Places *pl, const char *z, int *pbShi){
  size_t nBest = 0;
  for(int i=0; i<pl->n; i++){
    size_t n = strlen(pl->az[i]);
    if( pl->aCountry[i] || n<=nBest || strncmp(z, pl->az[i], n)!=0 ) continue;
    nBest = n;
  }
  *pbShi = nBest && strncmp(z + nBest, "市", 3)==0;
  return nBest;
}

/* A Chinese event title as texts write it: its cities without 市 and
** without their country before them (济南市与日本和歌山市结好40周年摄影展 ->
** 济南与和歌山结好40周年摄影展); malloc'd, or 0 when it is the same. */
static char *title_places(const Places *pl, const char *z){
  Buf b = BUF_INIT;
  int bChanged = 0, bShi;
  for(const char *q = z; *q; ){
    size_t n = place_city_at(pl, q, &bShi);
    if( n ){
      buf_append(&b, q, n);
      q += n + (bShi ? 3 : 0);
      bChanged |= bShi;
      continue;
    }
    int bSkip = 0;
    for(int i=0; i<pl->n && !bSkip; i++){
      size_t m = strlen(pl->az[i]);
      if( pl->aCountry[i] && strncmp(q, pl->az[i], m)==0 && place_city_at(pl, q + m, &bShi) ){ q += m; bSkip = bChanged = 1; }
    }
    if( bSkip ) continue;
    int k = utf8_len((unsigned char)*q);
    for(int i=0; i<k && *q; i++) buf_putc(&b, *q++);
  }
  char *zOut = buf_take(&b);
  if( !bChanged ){ free(zOut); return 0; }
  return zOut;
}

/* n (1..99) in Chinese numerals (4 -> 四, 12 -> 十二, 21 -> 二十一). */
static void zh_number(Buf *b, int n){
  static const char *const az[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  if( n>=20 ) buf_puts(b, az[n/10]);
  if( n>=10 ) buf_puts(b, "十");
  buf_puts(b, az[n%10]);
}

/* The names of the nth edition of a series, by rule: 第四届 / 第4届 (首届
** for the first) before the series' Chinese name, or after its place
** when the name starts with one (第四届济南国际合唱节, 济南第四届国际合唱节);
** the year before the name (2004中国（济南）国际旅游交易会); in English
** the ordinal or the year before the name, or the year after it (4th Jinan
** International Choir Festival, Jinan Spring Festival 2014). Two events
** of a series in one year share the year's name: it is then ambiguous.
** Read as titles (add_name's bTitle): a part in parentheses is a place,
** not a name of the event (中国（济南）…). */
static void add_edition(MDict *d, const Places *pl, int64_t id, int nEd, const char *zYear,
                        const char *zZh, const char *zEn, const char *zName){
  Buf b = BUF_INIT;
  if( zZh && *zZh ){
    int bShi;
    size_t nPlace = place_city_at(pl, zZh, &bShi);
    if( nPlace && bShi ) nPlace += 3;
    for(int form=0; nEd>=1 && nEd<=99 && form<3; form++){
      if( form==2 && nEd!=1 ) break;
      Buf o = BUF_INIT;
      if( form==0 ){ buf_puts(&o, "第"); zh_number(&o, nEd); buf_puts(&o, "届"); }
      else if( form==1 ) buf_printf(&o, "第%d届", nEd);
      else buf_puts(&o, "首届");
      for(int at=0; at<2; at++){
        if( at==1 && !nPlace ) break;
        size_t nAt = at ? nPlace : 0;
        buf_reset(&b);
        buf_append(&b, zZh, nAt);
        buf_puts(&b, buf_str(&o));
        buf_puts(&b, zZh + nAt);
        add_name(d, buf_str(&b), MT_EVENT, id, zName, 1);
      }
      buf_free(&o);
    }
    if( zYear ){
      buf_reset(&b);
      buf_printf(&b, "%s%s", zYear, zZh);
      add_name(d, buf_str(&b), MT_EVENT, id, zName, 1);
    }
  }
  if( zEn && *zEn ){
    if( nEd>=1 && nEd<=99 ){
      int r = nEd%10, t = nEd%100;
      const char *zSuf = (t>=11 && t<=13) ? "th" : r==1 ? "st" : r==2 ? "nd" : r==3 ? "rd" : "th";
      buf_reset(&b);
      buf_printf(&b, "%d%s %s", nEd, zSuf, zEn);
      add_latin(d, buf_str(&b), MT_EVENT, id, zName);
    }
    if( zYear ){
      buf_reset(&b);
      buf_printf(&b, "%s %s", zYear, zEn);
      add_latin(d, buf_str(&b), MT_EVENT, id, zName);
      buf_reset(&b);
      buf_printf(&b, "%s %s", zEn, zYear);
      add_latin(d, buf_str(&b), MT_EVENT, id, zName);
    }
  }
  buf_free(&b);
}

typedef struct AliasCtx { Ctx *c; MDict *d; } AliasCtx;

/* data/mention_aliases.tsv: surface, type (tie, org, event, person, none),
** ref (tie: the partner city's GeoNames id; org: name_en; event: title_en;
** person: name_en; none: empty), source or reason. */
static YcStatus alias_line(void *pCtx, char **az, int nField, int iLine, Err *e){
  AliasCtx *a = pCtx;
  (void)nField; (void)iLine; (void)e;
  const char *zSurface = az[0], *zType = az[1], *zRef = az[2];
  if( strcmp(zType, "none")==0 ){ dict_add(a->d, zSurface, MT_STOP, 0, 0); return YC_OK; }
  static const struct { const char *zType; int eType; const char *zSql; } aRef[] = {
    {"tie", MT_TIE, "SELECT t.id, coalesce(ci.name_zh, ci.name) || ' / ' || ci.name FROM tie t JOIN city ci ON ci.id=t.partner_city_id"
                    " WHERE t.home_city_id=?2 AND t.partner_city_id=CAST(?1 AS INTEGER)"},
    {"org", MT_ORG, "SELECT id, coalesce(name_zh || ' / ', '') || coalesce(name_en, '') FROM org WHERE name_en=?1 AND ?2 IS NOT NULL"},
    {"event", MT_EVENT, "SELECT id, coalesce(title_zh || ' / ', '') || coalesce(title_en, '') FROM event WHERE title_en=?1 AND ?2 IS NOT NULL"},
    {"person", MT_PERSON, "SELECT id, coalesce(name_zh || ' / ', '') || coalesce(name_en, '') FROM person"
                          " WHERE name_en=?1 AND erased_at IS NULL AND ?2 IS NOT NULL"},
  };
  for(size_t i=0; i<sizeof aRef/sizeof aRef[0]; i++){
    if( strcmp(aRef[i].zType, zType)!=0 ) continue;
    if( aRef[i].eType==MT_PERSON && !a->d->bPeople ) return YC_OK;
    DbStmt *p = db_stmt(a->c->db, aRef[i].zSql);
    if( !p ) return YC_OK;
    db_bind_text(p, 1, zRef, -1);
    db_bind_int64(p, 2, a->c->homeCityId);
    while( db_step(p)==DB_ROW ) dict_add(a->d, zSurface, aRef[i].eType, db_col_int64(p, 0), db_text(p, 1));
    db_reset(p);
  }
  return YC_OK;
}

static MDict *dict_build(Ctx *c, int64_t key, int bPeople){
  MDict *d = calloc(1, sizeof *d);
  if( !d ) return 0;
  d->key = key;
  d->bPeople = bPeople;
  d->homeId = c->homeCityId;
  memset(d->aRoot, -1, sizeof d->aRoot);
  /* The home city: not a mention. */
  DbStmt *p = db_stmt(c->db, "SELECT name, name_zh, alt_name FROM city WHERE id=?1");
  if( p ){
    db_bind_int64(p, 1, c->homeCityId);
    if( db_step(p)==DB_ROW ){
      dict_add(d, db_text(p, 0), MT_STOP, 0, 0);
      add_zh_city(d, db_text(p, 1), MT_STOP, 0, 0);
    }
    db_reset(p);
  }
  p = db_stmt(c->db, "SELECT name FROM city_alt WHERE city_id=?1 AND script='zh'");
  if( p ){
    db_bind_int64(p, 1, c->homeCityId);
    while( db_step(p)==DB_ROW ) add_zh_city(d, db_text(p, 0), MT_STOP, 0, 0);
    db_reset(p);
  }
  /* Partner ties: the city's names (shown Chinese name, GeoNames name,
  ** Chinese alternates) and the tie's label. */
  p = db_stmt(c->db, "SELECT t.id, ci.name, ci.name_zh, t.partner_label,"
                     " coalesce(ci.name_zh, ci.name) || ' / ' || ci.name FROM tie t JOIN city ci ON ci.id=t.partner_city_id"
                     " WHERE t.home_city_id=?1");
  if( p ){
    db_bind_int64(p, 1, c->homeCityId);
    while( db_step(p)==DB_ROW ){
      int64_t id = db_col_int64(p, 0);
      const char *zName = db_text(p, 4);
      add_latin(d, db_text(p, 1), MT_TIE, id, zName);
      add_zh_city(d, db_text(p, 2), MT_TIE, id, zName);
      const char *zLabel = db_text(p, 3);
      if( zLabel ){
        int bHan = 0;
        for(const char *q = zLabel; *q; q++) if( (unsigned char)*q>=0xE0 ) bHan = 1;
        if( bHan ) add_zh_city(d, zLabel, MT_TIE, id, zName); else add_latin(d, zLabel, MT_TIE, id, zName);
      }
    }
    db_reset(p);
  }
  p = db_stmt(c->db, "SELECT t.id, a.name, coalesce(ci.name_zh, ci.name) || ' / ' || ci.name FROM tie t"
                     " JOIN city ci ON ci.id=t.partner_city_id JOIN city_alt a ON a.city_id=t.partner_city_id AND a.script='zh'"
                     " WHERE t.home_city_id=?1");
  if( p ){
    db_bind_int64(p, 1, c->homeCityId);
    while( db_step(p)==DB_ROW ) add_zh_city(d, db_text(p, 1), MT_TIE, db_col_int64(p, 0), db_text(p, 2));
    db_reset(p);
  }
  /* The places of event titles: the home city's and the partners' Chinese
  ** names and their countries'. */
  Places pl = {0, 0, 0, 0};
  p = db_stmt(c->db, "SELECT ci.name_zh, co.name_zh FROM city ci LEFT JOIN country co ON co.iso2=ci.country"
                     " WHERE ci.id=?1 OR ci.id IN (SELECT partner_city_id FROM tie WHERE home_city_id=?1)"
                     " UNION SELECT a.name, NULL FROM city_alt a WHERE a.script='zh'"
                     " AND (a.city_id=?1 OR a.city_id IN (SELECT partner_city_id FROM tie WHERE home_city_id=?1))");
  if( p ){
    db_bind_int64(p, 1, c->homeCityId);
    while( db_step(p)==DB_ROW ){ places_add(&pl, db_text(p, 0), 0); places_add(&pl, db_text(p, 1), 1); }
    db_reset(p);
  }
  /* Organisations, events, people. */
  static const struct { int eType; const char *zSql; } aRec[] = {
    {MT_ORG, "SELECT id, name_zh, name_en, coalesce(name_zh || ' / ', '') || coalesce(name_en, '') FROM org"},
    {MT_EVENT, "SELECT id, title_zh, title_en, coalesce(title_zh || ' / ', '') || coalesce(title_en, '') FROM event"},
    {MT_PERSON, "SELECT id, name_zh, name_en, coalesce(name_zh || ' / ', '') || coalesce(name_en, name_native, '') FROM person"
                " WHERE erased_at IS NULL"},
  };
  for(size_t i=0; i<sizeof aRec/sizeof aRec[0]; i++){
    if( aRec[i].eType==MT_PERSON && !bPeople ) continue;
    p = db_stmt(c->db, aRec[i].zSql);
    if( !p ) continue;
    while( db_step(p)==DB_ROW ){
      int64_t id = db_col_int64(p, 0);
      int bTitle = aRec[i].eType==MT_EVENT;
      add_name(d, db_text(p, 1), aRec[i].eType, id, db_text(p, 3), bTitle);
      add_name(d, db_text(p, 2), aRec[i].eType, id, db_text(p, 3), bTitle);
      add_latin(d, db_text(p, 2), aRec[i].eType, id, db_text(p, 3));
      char *zPlaces = bTitle && db_text(p, 1) ? title_places(&pl, db_text(p, 1)) : 0;
      if( zPlaces ){ add_name(d, zPlaces, aRec[i].eType, id, db_text(p, 3), bTitle); free(zPlaces); }
    }
    db_reset(p);
  }
  /* The editions of series (not of networks: a network's meeting is not
  ** named after the network alone). */
  p = db_stmt(c->db, "SELECT e.id, e.edition, substr(e.start_date, 1, 4), s.name_zh, s.name_en,"
                     " coalesce(e.title_zh || ' / ', '') || coalesce(e.title_en, '')"
                     " FROM event e JOIN event_series s ON s.id=e.series_id WHERE s.kind='series'");
  if( p ){
    while( db_step(p)==DB_ROW ){
      add_edition(d, &pl, db_col_int64(p, 0), (int)db_col_int64(p, 1), db_text(p, 2),
                  db_text(p, 3), db_text(p, 4), db_text(p, 5));
    }
    db_reset(p);
  }
  places_free(&pl);
  /* Short forms. */
  AliasCtx a = {c, d};
  Err e;
  size_t n = 0;
  if( asset_find("data/mention_aliases.tsv", &n) ) tsv_each("data/mention_aliases.tsv", 4, alias_line, &a, &e);
  return d;
}

/* The dictionary for c: the cached one when nothing was written since. */
static MDict *dict_get(Ctx *c){
  int bPeople = ctx_signed_in(c);
  int64_t key = 0;
  /* The latest change of a record whose names the dictionary holds (news
  ** items are not among them: saving one does not rebuild it). */
  DbStmt *p = db_stmt(c->db, "SELECT coalesce(max(id), 0) FROM audit WHERE entity IN ('tie','org','event','person','city')");
  if( p ){
    if( db_step(p)==DB_ROW ) key = db_col_int64(p, 0);
    db_reset(p);
  }
  pthread_mutex_lock(&mMutex);
  MDict *d = apCache[bPeople];
  if( d && d->key==key && d->homeId==c->homeCityId ){
    d->nRef++;
    pthread_mutex_unlock(&mMutex);
    return d;
  }
  pthread_mutex_unlock(&mMutex);
  d = dict_build(c, key, bPeople);
  if( !d ) return 0;
  pthread_mutex_lock(&mMutex);
  MDict *old = apCache[bPeople];
  apCache[bPeople] = d;
  d->nRef = 1;
  if( old && old->nRef==0 ) dict_free(old);
  pthread_mutex_unlock(&mMutex);
  return d;
}

/* ---------------------------------------------------------------------------
** Finding
*/
YcStatus mention_find(Ctx *c, const char *zText, json_t **ppOut, Err *e){
  *ppOut = 0;
  if( !zText ) zText = "";
  size_t nText = strlen(zText);
  if( !text_utf8_valid(zText, nText) ) return err_set(e, YC_EINVALID, "invalid_utf8", "text", "the text is not valid UTF-8");
  char *zN = norm_text(zText);
  if( !zN ) return err_set(e, YC_EINTERNAL, "internal", 0, "could not normalise the text");
  /* Byte offsets of each character in the text and in its normal form. */
  int nCp = cp_count(zText);
  int *aO = malloc((nCp + 1) * sizeof(int)), *aN = malloc((nCp + 1) * sizeof(int));
  MDict *d = dict_get(c);
  if( !aO || !aN || !d ){
    free(aO); free(aN); free(zN);
    if( d ) dict_release(d);
    return err_set(e, YC_EINTERNAL, "oom", 0, "out of memory");
  }
  int k = 0;
  for(size_t i=0; zText[i]; i += utf8_len((unsigned char)zText[i])) aO[k++] = (int)i;
  aO[nCp] = (int)nText;
  k = 0;
  for(size_t i=0; zN[i]; i += utf8_len((unsigned char)zN[i])) aN[k++] = (int)i;
  aN[nCp] = (int)strlen(zN);
  json_t *a = json_array();
  const unsigned char *u = (const unsigned char*)zN;
  int iCp = 0;
  while( iCp<nCp ){
    int i0 = aN[iCp];
    /* A word character after an ASCII letter or digit does not start a match
    ** on an ASCII surface; checked below. */
    int bAfterAlnum = i0>0 && is_ascii_alnum(u[i0-1]);
    int node = -1, best = -1, bestEnd = -1, j = i0;
    while( u[j] ){
      if( j>i0 && is_name_apostrophe(u, j) ){ j++; continue; }
      node = node_child(d, node, u[j], 0);
      if( node<0 ) break;
      j++;
      int iE = d->aNode[node].iEntry;
      if( iE<0 ) continue;
      /* Word boundaries on ASCII sides. */
      if( is_ascii_alnum(u[i0]) && bAfterAlnum ) continue;
      if( is_ascii_alnum(u[j-1]) && is_ascii_alnum(u[j]) ) continue;
      best = iE; bestEnd = j;
    }
    if( best<0 ){ iCp++; continue; }
    /* The character index of the end. */
    int iEnd = iCp;
    while( iEnd<nCp && aN[iEnd]<bestEnd ) iEnd++;
    MEntry *x = &d->aEntry[best];
    if( x->eType!=MT_STOP ){
      int s = aO[iCp], en = aO[iEnd];
      json_t *m = json_object();
      json_object_set_new(m, "type", json_string(azMentionType[x->eType]));
      json_object_set_new(m, "id", x->id>0 ? json_integer(x->id) : json_null());
      json_object_set_new(m, "name", x->id>0 && x->zName ? json_string(x->zName) : json_null());
      json_object_set_new(m, "match", json_stringn(zText + s, (size_t)(en - s)));
      json_object_set_new(m, "start", json_integer(s));
      json_object_set_new(m, "end", json_integer(en));
      if( x->id<0 ){
        json_t *ac = json_array();
        for(int q=0; q<x->nCand; q++) json_array_append_new(ac, json_integer(x->aCand[q]));
        json_object_set_new(m, "candidates", ac);
      }
      json_array_append_new(a, m);
    }
    iCp = iEnd>iCp ? iEnd : iCp + 1;
  }
  dict_release(d);
  free(aO); free(aN); free(zN);
  *ppOut = json_pack("{s:o}", "mentions", a);
  return YC_OK;
}
