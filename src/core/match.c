/*
** match.c: the matching engine; see match.h and doc/match.md.
**
** A query runs in five steps:
**   1. resolve the source (an entity's text, codes, direction, countries,
**      or the free-text parameters), validate everything;
**   2. map its text to vocabulary concepts (ISIC codes and the terms of
**      both languages) and build one OR query of phrases for FTS5;
**   3. run that query on each counterpart type's FTS tables: bm25 per
**      candidate, normalised by the type's best;
**   4. score every candidate of the in-memory index (industry relation,
**      text, country, direction/side, tie activity, freshness) and keep
**      the top k in a heap;
**   5. describe the top k: names from the database, reasons, and which
**      query terms their text contains.
*/
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/page.h"
#include "core/match.h"
#include "core/match_index.h"
#include "base/date.h"
#include "core/city.h"
#include "core/match_text.h"
#include "store/rows.h"
#include "core/vocab.h"
#include "core/input.h"
#include "base/buf.h"
#include "base/log.h"
#include "text/norm.h"

const char *const azMatchParam[] = {"text", "industries", "direction", "countries", "kind", "side",
  "types", "limit", 0};
const char *const azMatchEntityParam[] = {"types", "limit", 0};

/* Weights of the score components (sum 100). */
#define W_IND   40.0
#define W_TEXT  30.0
#define W_GEO   12.0
#define W_DIR   10.0
#define W_TIE    4.0
#define W_FRESH  4.0

/* Factor of a candidate outside the countries a query names. */
#define OUT_OF_TARGET 0.7

/* Industry relations (query code, candidate code). */
#define R_DIVISION 1.00
#define R_ASKED_SECTION 0.80   /* the query named the section itself */
#define R_SECTION  0.45
#define R_ADJACENT 0.35


/* --- the query ------------------------------------------------------------ */

#define Q_MAX_CODES 32
#define Q_MAX_COUNTRIES 30
#define Q_MAX_CITIES 20
#define Q_MAX_FTS 16

enum { SRC_PARAM, SRC_ENTITY, SRC_VOCAB };
static const char *const azCodeSource[] = {"param", "source", "vocab"};

typedef struct QCode {
  int c;            /* code number */
  double w;         /* weight 0..1 */
  int iSrc;
  json_t *aTerm;    /* vocabulary terms that named it (SRC_VOCAB) */
} QCode;

typedef struct QTerm {
  char *z;          /* folded; tokens of Latin terms joined by ' ' */
  int bCjk;         /* a CJK term (matched as a substring) */
  int bVocab;       /* from the vocabulary */
  char *zVia;       /* for vocabulary terms: the text that named it */
} QTerm;

typedef struct Query {
  Buf text;                          /* all text of the query */
  char *zFold;                       /* text_fold(text) */
  QCode aCode[Q_MAX_CODES]; int nCode;
  QTerm *aTerm; int nTerm, nTermAlloc;
  char **azRun; int nRun;            /* CJK runs of the query (display) */
  int aRunStart[40];                 /* their byte offsets in zFold */
  char *zFts;                        /* FTS5 expression (all phrases ORed), 0 if none */
  char *azPhrase[Q_MAX_FTS];         /* the same phrases one by one */
  char *azPhraseBg[Q_MAX_FTS];       /* ...as phrases of bigram tokens in the
                                     ** "cjk" column (Chinese terms), else 0 */
  int nPhrase;
  int dir, kind, side;               /* -1 none */
  char aCountry[Q_MAX_COUNTRIES][3]; int nCountry;
  int64_t aCity[Q_MAX_CITIES]; int nCity;
  char ownCountry[3];
  int64_t aOwnTie[ENT_TIES]; int nOwnTie;
  int bCountryParam;                   /* countries given by the user: a soft filter */
  int64_t selfOpp, selfOrg, selfTie;   /* never a counterpart */
  int typeMask, limit;
  int today;
} Query;

static void query_free(Query *q){
  buf_free(&q->text);
  free(q->zFold);
  for(int i=0; i<q->nCode; i++) json_decref(q->aCode[i].aTerm);
  for(int i=0; i<q->nTerm; i++){ free(q->aTerm[i].z); free(q->aTerm[i].zVia); }
  free(q->aTerm);
  for(int i=0; i<q->nRun; i++) free(q->azRun[i]);
  free(q->azRun);
  free(q->zFts);
  for(int i=0; i<q->nPhrase; i++){ free(q->azPhrase[i]); free(q->azPhraseBg[i]); }
}

static QCode *query_code(Query *q, int c, double w, int iSrc){
  if( c<=0 ) return 0;
  for(int i=0; i<q->nCode; i++){
    if( q->aCode[i].c==c ){
      if( w>q->aCode[i].w ) q->aCode[i].w = w;
      if( iSrc<q->aCode[i].iSrc ) q->aCode[i].iSrc = iSrc;
      return &q->aCode[i];
    }
  }
  if( q->nCode>=Q_MAX_CODES ) return 0;
  QCode *p = &q->aCode[q->nCode++];
  p->c = c; p->w = w; p->iSrc = iSrc; p->aTerm = 0;
  return p;
}

static void query_country(Query *q, const char *z){
  if( !z || strlen(z)!=2 ) return;
  for(int i=0; i<q->nCountry; i++) if( strcmp(q->aCountry[i], z)==0 ) return;
  if( q->nCountry<Q_MAX_COUNTRIES ) memcpy(q->aCountry[q->nCountry++], z, 3);
}

static void query_own_tie(Query *q, int64_t id){
  for(int i=0; i<q->nOwnTie; i++) if( q->aOwnTie[i]==id ) return;
  if( q->nOwnTie<ENT_TIES ) q->aOwnTie[q->nOwnTie++] = id;
}

/* Append column i of p and a blank to the query text. */
static void text_col(Query *q, DbStmt *p, int i){
  const char *z = db_text(p, i);
  if( z && *z ){ buf_puts(&q->text, z); buf_putc(&q->text, ' '); }
}

/* Load the source entity into q. */
static YcStatus query_from_opp(Ctx *c, Query *q, int64_t id, Err *e){
  DbStmt *p = db_stmt(c->db,
    "SELECT o.kind, o.direction, o.title_zh, o.title_en, o.description_zh, o.description_en, o.org_id, o.tie_id,"
    " CASE WHEN o.org_id IS NULL THEN 'partner' ELSE og.side END, coalesce(oc.country, ci.country)"
    " FROM opportunity o LEFT JOIN org og ON og.id=o.org_id LEFT JOIN city oc ON oc.id=og.city_id"
    " LEFT JOIN tie t ON t.id=o.tie_id LEFT JOIN city ci ON ci.id=t.partner_city_id"
    " WHERE o.id=?1 AND (?2 OR (o.review='published' AND coalesce(og.review,'published')='published'))");   /* anonymous: published only */
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, id);
  db_bind_int(p, 2, ctx_signed_in(c));
  int rc = db_step(p);
  if( rc!=DB_ROW ){
    db_reset(p);
    if( rc==DB_DONE ) return err_set(e, YC_ENOTFOUND, "not_found", "id", "no opportunity with id %lld", (long long)id);
    return db_error(c->db, rc, e);
  }
  q->kind = strcmp(db_text(p, 0), "request")==0;
  q->dir = strcmp(db_text(p, 1), "bringing_in")==0;
  for(int i=2; i<=5; i++) text_col(q, p, i);
  q->selfOpp = id;
  q->selfOrg = db_col_int64(p, 6);
  q->selfTie = db_col_int64(p, 7);
  q->side = db_text(p, 8) && strcmp(db_text(p, 8), "partner")==0;
  if( db_text(p, 9) ) snprintf(q->ownCountry, sizeof q->ownCountry, "%s", db_text(p, 9));
  db_reset(p);
  if( q->selfTie ) query_own_tie(q, q->selfTie);
  p = db_stmt(c->db, "SELECT code FROM opportunity_industry WHERE opp_id=?1");
  if( p ){
    db_bind_int64(p, 1, id);
    while( db_step(p)==DB_ROW ) query_code(q, code_num(db_text(p, 0)), 1.0, SRC_ENTITY);
    db_reset(p);
  }
  p = db_stmt(c->db, "SELECT iso2 FROM opportunity_country WHERE opp_id=?1");
  if( p ){
    db_bind_int64(p, 1, id);
    while( db_step(p)==DB_ROW ) query_country(q, db_text(p, 0));
    db_reset(p);
  }
  p = db_stmt(c->db, "SELECT oy.city_id, ci.country FROM opportunity_city oy JOIN city ci ON ci.id=oy.city_id WHERE oy.opp_id=?1");
  if( p ){
    db_bind_int64(p, 1, id);
    while( db_step(p)==DB_ROW ){
      if( q->nCity<Q_MAX_CITIES ) q->aCity[q->nCity++] = db_col_int64(p, 0);
      query_country(q, db_text(p, 1));
    }
    db_reset(p);
  }
  if( q->selfOrg ){
    p = db_stmt(c->db, "SELECT tie_id FROM org_tie WHERE org_id=?1");
    if( p ){
      db_bind_int64(p, 1, q->selfOrg);
      while( db_step(p)==DB_ROW ) query_own_tie(q, db_col_int64(p, 0));
      db_reset(p);
    }
  }
  return YC_OK;
}

static YcStatus query_from_org(Ctx *c, Query *q, int64_t id, const char *zHomeCountry, Err *e){
  DbStmt *p = db_stmt(c->db,
    "SELECT o.side, ci.country, o.description, o.name_en, o.name_zh FROM org o LEFT JOIN city ci ON ci.id=o.city_id"
    " WHERE o.id=?1 AND (?2 OR o.review='published')");   /* anonymous: published only */
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, id);
  db_bind_int(p, 2, ctx_signed_in(c));
  int rc = db_step(p);
  if( rc!=DB_ROW ){
    db_reset(p);
    if( rc==DB_DONE ) return err_set(e, YC_ENOTFOUND, "not_found", "id", "no organisation with id %lld", (long long)id);
    return db_error(c->db, rc, e);
  }
  q->side = strcmp(db_text(p, 0), "partner")==0;
  if( db_text(p, 1) ) snprintf(q->ownCountry, sizeof q->ownCountry, "%s", db_text(p, 1));
  text_col(q, p, 2);
  db_reset(p);
  q->selfOrg = id;
  p = db_stmt(c->db, "SELECT code FROM org_industry WHERE org_id=?1");
  if( p ){
    db_bind_int64(p, 1, id);
    while( db_step(p)==DB_ROW ) query_code(q, code_num(db_text(p, 0)), 1.0, SRC_ENTITY);
    db_reset(p);
  }
  p = db_stmt(c->db, "SELECT f.text_zh, f.text_en, oi.code FROM org_offer f LEFT JOIN org_offer_industry oi ON oi.offer_id=f.id"
                     " WHERE f.org_id=?1 AND (?2 OR f.org_id NOT IN (SELECT org_id FROM offer_review WHERE review<>'published'))");
  if( p ){
    db_bind_int64(p, 1, id);
    db_bind_int(p, 2, ctx_signed_in(c));
    while( db_step(p)==DB_ROW ){
      text_col(q, p, 0);
      text_col(q, p, 1);
      if( db_text(p, 2) ) query_code(q, code_num(db_text(p, 2)), 1.0, SRC_ENTITY);
    }
    db_reset(p);
  }
  p = db_stmt(c->db, "SELECT ot.tie_id, ci.country FROM org_tie ot JOIN tie t ON t.id=ot.tie_id"
                     " JOIN city ci ON ci.id=t.partner_city_id WHERE ot.org_id=?1");
  if( p ){
    db_bind_int64(p, 1, id);
    while( db_step(p)==DB_ROW ){
      query_own_tie(q, db_col_int64(p, 0));
      if( !q->side ) query_country(q, db_text(p, 1));
    }
    db_reset(p);
  }
  if( q->side ) query_country(q, zHomeCountry);
  return YC_OK;
}

static YcStatus query_from_partner(Ctx *c, Query *q, int64_t id, const char *zHomeCountry, Err *e){
  DbStmt *p = db_stmt(c->db,
    "SELECT ci.country, t.notes FROM tie t JOIN city ci ON ci.id=t.partner_city_id WHERE t.id=?1 AND t.home_city_id=?2");
  if( !p ) return db_error(c->db, DB_ERROR, e);
  db_bind_int64(p, 1, id);
  db_bind_int64(p, 2, c->homeCityId);
  int rc = db_step(p);
  if( rc!=DB_ROW ){
    db_reset(p);
    if( rc==DB_DONE ) return err_set(e, YC_ENOTFOUND, "not_found", "id", "no partner with id %lld", (long long)id);
    return db_error(c->db, rc, e);
  }
  if( db_text(p, 0) ) snprintf(q->ownCountry, sizeof q->ownCountry, "%s", db_text(p, 0));
  text_col(q, p, 1);
  db_reset(p);
  q->side = 1;
  q->selfTie = id;
  query_own_tie(q, id);
  query_country(q, zHomeCountry);
  p = db_stmt(c->db, "SELECT kind, code, strength, text_zh, text_en,"
                     " (SELECT group_concat(code, ' ') FROM profile_item_industry WHERE item_id=profile_item.id)"
                     " FROM profile_item WHERE tie_id=?1");
  if( p ){
    db_bind_int64(p, 1, id);
    while( db_step(p)==DB_ROW ){
      const char *zKind = db_text(p, 0);
      text_col(q, p, 3);
      text_col(q, p, 4);
      if( strcmp(zKind, "industry")==0 ){
        int s = db_col_int(p, 2);
        query_code(q, code_num(db_text(p, 1)), 0.4 + 0.12*(s<1 ? 1 : s>5 ? 5 : s), SRC_ENTITY);
      }
      for(const char *z = db_text(p, 5); z && *z; ){
        char zC[3] = {z[0], z[1] ? z[1] : 0, 0};
        query_code(q, code_num(zC), strcmp(zKind, "need")==0 ? 0.9 : 0.7, SRC_ENTITY);
        z += strlen(zC);
        while( *z==' ' ) z++;
      }
    }
    db_reset(p);
  }
  return YC_OK;
}

/* --- terms and the FTS expression ---------------------------------------- */

static int query_term(Query *q, const char *z, size_t n, int bCjk, int bVocab, const char *zVia){
  for(int i=0; i<q->nTerm; i++){
    if( strlen(q->aTerm[i].z)==n && memcmp(q->aTerm[i].z, z, n)==0 ) return 0;
  }
  if( q->nTerm==q->nTermAlloc ){
    int nNew = q->nTermAlloc ? q->nTermAlloc*2 : 32;
    QTerm *aNew = realloc(q->aTerm, sizeof(QTerm)*(size_t)nNew);
    if( !aNew ) return 0;
    q->aTerm = aNew;
    q->nTermAlloc = nNew;
  }
  QTerm *t = &q->aTerm[q->nTerm++];
  t->z = strndup(z, n);
  t->bCjk = bCjk;
  t->bVocab = bVocab;
  t->zVia = zVia ? strdup(zVia) : 0;
  return 1;
}

typedef struct TokCtx {
  Query *q;
  int iRunStart, iRunEnd;     /* current CJK run (byte offsets), -1 none */
  int nWords;
  const VocabHit *aHit;       /* vocabulary hits: words inside them are left */
  int nHit;                   /* to the vocabulary's phrases */
} TokCtx;

static void run_close(TokCtx *t){
  Query *q = t->q;
  if( t->iRunStart<0 ) return;
  if( q->nRun<40 ){
    char **azNew = realloc(q->azRun, sizeof(char*)*(size_t)(q->nRun + 1));
    if( azNew ){
      q->azRun = azNew;
      q->aRunStart[q->nRun] = t->iRunStart;
      q->azRun[q->nRun++] = strndup(q->zFold + t->iRunStart, (size_t)(t->iRunEnd - t->iRunStart));
    }
  }
  t->iRunStart = -1;
}

static int tok_cb(void *p, const char *zTok, int nTok, int iStart, int iEnd, int bCjk){
  TokCtx *t = p;
  if( bCjk ){
    if( t->iRunStart>=0 && t->iRunEnd==iStart ){ t->iRunEnd = iEnd; }
    else { run_close(t); t->iRunStart = iStart; t->iRunEnd = iEnd; }
    return 0;
  }
  run_close(t);
  if( nTok<2 || nTok>40 ) return 0;
  int bDigits = 1;
  for(int i=0; i<nTok; i++) if( zTok[i]<'0' || zTok[i]>'9' ) bDigits = 0;
  if( bDigits ) return 0;
  char zKey[48];
  memcpy(zKey, zTok, (size_t)nTok);
  zKey[nTok] = 0;
  if( vocab_is_stop(zKey) ) return 0;
  for(int h=0; h<t->nHit; h++) if( iStart>=t->aHit[h].iStart && iEnd<=t->aHit[h].iEnd ) return 0;
  if( t->nWords<24 ) t->nWords += query_term(t->q, zTok, (size_t)nTok, 0, 0, 0);
  return 0;
}

/* Length in bytes of the UTF-8 character at z. */
static int u8len(const char *z){
  unsigned char c = (unsigned char)*z;
  return c<0x80 ? 1 : c<0xE0 ? 2 : c<0xF0 ? 3 : 4;
}


static int has_word(const char *zDoc, const char *zW);

/* 1 if every text phrase b finds, phrase a finds too (a's FTS5 phrase,
** with the prefix star of Latin terms of 4+ letters). */
static int term_covers(const QTerm *a, const QTerm *b){
  size_t na = strlen(a->z);
  if( a->bCjk ) return strstr(b->z, a->z)!=0;
  if( na>=4 && strncmp(b->z, a->z, na)==0 ) return 1;
  return !b->bCjk && has_word(b->z, a->z);
}

/* Terms, vocabulary codes and the FTS5 expression of q->text. */
static void query_terms(Query *q){
  q->zFold = text_fold(buf_str(&q->text));
  if( !q->zFold ) return;
  VocabHit aHit[64];
  int nHit = vocab_find(q->zFold, aHit, 64);
  TokCtx t = {q, -1, -1, 0, aHit, nHit};
  text_tokenize(q->zFold, (int)strlen(q->zFold), tok_cb, &t);
  run_close(&t);
  /* CJK bigrams of the runs, stopwords left out. */
  int nBigram = 0;
  for(int r=0; r<q->nRun && nBigram<24; r++){
    const char *z = q->azRun[r];
    int n = (int)strlen(z);
    if( n<=4 && u8len(z)==n ) continue;      /* a single character */
    for(int i=0; i<n && nBigram<24; ){
      int l1 = u8len(z + i);
      if( i + l1>=n ) break;
      int l2 = u8len(z + i + l1);
      char zKey[24];
      snprintf(zKey, sizeof zKey, "%.*s %.*s", l1, z + i, l2, z + i + l1);
      /* Inside a vocabulary term, the term's own phrase stands for it; a
      ** pair straddling two terms (采石|成衣 -> 石成) means nothing. */
      int iAt = q->aRunStart[r] + i, bIn1 = 0, bIn2 = 0;
      for(int h=0; h<nHit; h++){
        if( iAt>=aHit[h].iStart && iAt + l1<=aHit[h].iEnd ) bIn1 = 1;
        if( iAt + l1>=aHit[h].iStart && iAt + l1 + l2<=aHit[h].iEnd ) bIn2 = 1;
      }
      int bIn = bIn1 && bIn2;
      if( !bIn && !vocab_is_stop(zKey) ) nBigram += query_term(q, z + i, (size_t)(l1 + l2), 1, 0, 0);
      i += l1;
    }
  }
  /* Vocabulary: codes, and the terms of both languages. */
  int nVocabTerms = 0;
  int aSeen[64], nSeen = 0;
  for(int h=0; h<nHit; h++){
    char *zVia = strndup(q->zFold + aHit[h].iStart, (size_t)(aHit[h].iEnd - aHit[h].iStart));
    int nc;
    const char *const *az = vocab_concept_codes(aHit[h].iConcept, &nc);
    for(int k=0; k<nc; k++){
      QCode *qc = query_code(q, code_num(az[k]), 1.0, SRC_VOCAB);
      if( qc && qc->iSrc==SRC_VOCAB ){
        if( !qc->aTerm ) qc->aTerm = json_array();
        size_t i; json_t *x; int bDup = 0;
        json_array_foreach(qc->aTerm, i, x) if( zVia && strcmp(json_string_value(x), zVia)==0 ) bDup = 1;
        if( !bDup && zVia && json_array_size(qc->aTerm)<6 ) json_array_append_new(qc->aTerm, json_string(zVia));
      }
    }
    int bNew = 1;
    for(int s=0; s<nSeen; s++) if( aSeen[s]==aHit[h].iConcept ) bNew = 0;
    if( bNew && nSeen<64 ){
      aSeen[nSeen++] = aHit[h].iConcept;
      /* The term found, then the first (most usual) terms of each language:
      ** two of the other language (the cross-language bridge), one more of
      ** the same (each phrase costs a pass over its tokens' lists). */
      int iFirst, nT = vocab_concept_terms(aHit[h].iConcept, &iFirst);
      int bHitZh = vocab_term_is_zh(aHit[h].iTerm);
      int aLang[2] = {0, 0}, aMax[2];
      aMax[bHitZh] = 0;
      aMax[!bHitZh] = 1;
      char *zHitN = zVia ? match_norm_tokens(zVia) : 0;
      if( zHitN && *zHitN ) nVocabTerms += query_term(q, zHitN, strlen(zHitN), (unsigned char)zHitN[0]>=0x80, 1, zVia);
      free(zHitN);
      for(int k=0; k<nT && nVocabTerms<32; k++){
        int bZh = vocab_term_is_zh(iFirst + k);
        if( aLang[bZh]>=aMax[bZh] ) continue;
        char *zF0 = text_fold(vocab_term(iFirst + k));
        char *zF = zF0 ? match_norm_tokens(zF0) : 0;
        free(zF0);
        if( zF && *zF ){
          int bCjk = bZh && (unsigned char)zF[0]>=0x80;
          int bNew = query_term(q, zF, strlen(zF), bCjk, 1, zVia);
          nVocabTerms += bNew;
          aLang[bZh] += bNew;
        }
        free(zF);
      }
    }
    free(zVia);
  }
  /* FTS5: one OR of phrases, leaving out a phrase another one already
  ** finds ("机器人" finds every "工业机器人", "robot"* every "robots"):
  ** each phrase costs a pass over its tokens' lists. */
  Buf b = BUF_INIT;
  int n = 0;
  /* Vocabulary terms first (the cross-language bridge), then the query's
  ** words, then its CJK bigrams. */
  for(int pass=0; pass<3; pass++) for(int i=0; i<q->nTerm && n<Q_MAX_FTS; i++){
    const char *z = q->aTerm[i].z;
    int iKind = q->aTerm[i].bVocab ? 0 : q->aTerm[i].bCjk ? 2 : 1;
    if( iKind!=pass || strchr(z, '"') ) continue;
    int bCovered = 0;
    for(int k=0; k<q->nTerm && !bCovered; k++){
      if( k!=i && term_covers(&q->aTerm[k], &q->aTerm[i]) && (strlen(q->aTerm[k].z)<strlen(z) || k<i) ) bCovered = 1;
    }
    if( bCovered ) continue;
    if( n++ ) buf_puts(&b, " OR ");
    size_t nz = strlen(z);
    int bStar = !q->aTerm[i].bCjk && nz>=4 && (unsigned char)z[nz-1]<0x80;
    buf_printf(&b, "\"%s\"%s", z, bStar ? "*" : "");
    q->azPhraseBg[q->nPhrase] = 0;
    if( q->aTerm[i].bCjk ){
      /* All Chinese (no Latin part): its bigram tokens, in the cjk column. */
      int bAllCjk = 1;
      for(const char *u = z; *u; u++) if( (unsigned char)*u<0x80 ) bAllCjk = 0;
      char *zBg = bAllCjk ? match_cjk_bigrams(z) : 0;
      if( zBg && *zBg ) q->azPhraseBg[q->nPhrase] = buf_mprintf("cjk : \"%s\"", zBg);
      free(zBg);
    }
    q->azPhrase[q->nPhrase++] = buf_mprintf("\"%s\"%s", z, bStar ? "*" : "");
  }
  if( n && !buf_error(&b) ) q->zFts = buf_take(&b);
  buf_free(&b);
}

/* --- scoring --------------------------------------------------------------- */

/* Relation of query code a to candidate code b, with its kind (1 division,
** 2 asked section, 3 section, 4 adjacent; 0 none). */
static double relation(int a, int b, int *pKind){
  *pKind = 0;
  if( a==b ){ *pKind = a>=100 ? 2 : 1; return a>=100 ? R_ASKED_SECTION : R_DIVISION; }
  char sa = a>=100 ? (char)('A' + a - 100) : isic_section_of(a);
  char sb = b>=100 ? (char)('A' + b - 100) : isic_section_of(b);
  if( a>=100 && sb==sa ){ *pKind = 2; return R_ASKED_SECTION; }
  if( sa && sa==sb ){ *pKind = 3; return R_SECTION; }
  if( a<100 && b<100 && isic_adjacent(a, b) ){ *pKind = 4; return R_ADJACENT; }
  return 0;
}

typedef struct Cand {
  double score;
  double aComp[6];     /* industry, text, geo, direction, tie, fresh (0..1) */
  int type, idx;
} Cand;

/* Min-heap on score of the best k candidates. */
typedef struct Heap { Cand *a; int n, k; } Heap;

static int cand_less(const Cand *x, const Cand *y){
  if( x->score!=y->score ) return x->score < y->score;
  if( x->type!=y->type ) return x->type > y->type;
  return x->idx > y->idx;
}

static void heap_push(Heap *h, const Cand *c){
  if( h->n<h->k ){
    int i = h->n++;
    h->a[i] = *c;
    while( i>0 ){
      int p = (i-1)/2;
      if( !cand_less(&h->a[i], &h->a[p]) ) break;
      Cand t = h->a[i]; h->a[i] = h->a[p]; h->a[p] = t;
      i = p;
    }
    return;
  }
  if( !cand_less(&h->a[0], c) ) return;
  h->a[0] = *c;
  int i = 0;
  for(;;){
    int l = 2*i + 1, r = l + 1, m = i;
    if( l<h->n && cand_less(&h->a[l], &h->a[m]) ) m = l;
    if( r<h->n && cand_less(&h->a[r], &h->a[m]) ) m = r;
    if( m==i ) break;
    Cand t = h->a[i]; h->a[i] = h->a[m]; h->a[m] = t;
    i = m;
  }
}

static int cand_cmp_desc(const void *a, const void *b){
  const Cand *x = a, *y = b;
  if( cand_less(x, y) ) return 1;
  if( cand_less(y, x) ) return -1;
  return 0;
}

/* Text hits of one FTS table for a type: for each phrase, its rows; a
** phrase found in at most RARE_DF rows gets FTS5's bm25() for each row,
** a broader one (which bm25 gives a small weight anyway) its IDF alone,
** as bm25 would score one occurrence in a document of average length.
** bm25 of an OR of phrases is the sum of the phrases' terms, so the sum
** over phrases is bm25 of the whole query, exact for the discriminative
** phrases; computing bm25 for every row of a broad phrase is what makes
** a query slow on a large table (its document lengths are read row by
** row). zTable names the table, zWeights its bm25 column weights; nDocs
** is its number of rows. */
#define RARE_DF 400
/* A phrase found in more rows than this gives its weight to the most
** recent BROAD_DF of them only (an ever smaller weight: IDF falls with the
** number of rows), which bounds the cost of a very common phrase. */
#define BROAD_DF 2000
static int fts_hits(Ctx *c, const MatchIndex *x, int t, const char *zTable, const char *zWeights, const char *zHide,
                    int bBigrams, int64_t nDocs, const Query *q, double *aText){
  char zRow[320], zBm[384];
  snprintf(zRow, sizeof zRow, "SELECT rowid FROM %s WHERE %s MATCH ?1%s ORDER BY rowid DESC LIMIT ?2",
           zTable, zTable, zHide);
  snprintf(zBm, sizeof zBm, "SELECT rowid, bm25(%s%s) FROM %s WHERE %s MATCH ?1%s",
           zTable, zWeights, zTable, zTable, zHide);
  int *aK = 0, nK = 0, nAlloc = 0;
  int rc = DB_DONE;
  for(int f=0; f<q->nPhrase && rc==DB_DONE; f++){
    const char *zPhrase = bBigrams && q->azPhraseBg[f] ? q->azPhraseBg[f] : q->azPhrase[f];
    /* First the rows (the most recent BROAD_DF), which reads the phrase's
    ** postings only, not the rows' lengths that bm25 needs. */
    DbStmt *p = db_stmt(c->db, zRow);
    if( !p ){ free(aK); return -1; }
    db_bind_text(p, 1, zPhrase, -1);
    db_bind_int(p, 2, BROAD_DF + 1);
    nK = 0;
    int64_t df = 0;
    while( (rc = db_step(p))==DB_ROW ){
      df++;
      if( df>BROAD_DF ) continue;
      int k = type_find(&x->t[t], db_col_int64(p, 0));
      if( k<0 ) continue;
      if( nK==nAlloc ){
        int nNew = nAlloc ? nAlloc*2 : 256;
        int *aNew = realloc(aK, sizeof(int)*(size_t)nNew);
        if( !aNew ){ rc = DB_ERROR; break; }
        aK = aNew;
        nAlloc = nNew;
      }
      aK[nK++] = k;
    }
    db_reset(p);
    if( rc!=DB_DONE ) break;
    if( df==0 ) continue;
    if( df<=RARE_DF ){
      /* A rare phrase: its exact bm25 (at most RARE_DF rows). */
      p = db_stmt(c->db, zBm);
      if( !p ){ free(aK); return -1; }
      db_bind_text(p, 1, zPhrase, -1);
      while( (rc = db_step(p))==DB_ROW ){
        int k = type_find(&x->t[t], db_col_int64(p, 0));
        if( k>=0 ) aText[k] -= db_col_double(p, 1);
      }
      db_reset(p);
      continue;
    }
    /* A broad phrase: its IDF to (at most BROAD_DF of) the rows it is in,
    ** the most recent first. FTS5's IDF: ln((N - n + 0.5) / (n + 0.5)),
    ** at least 1e-6. */
    int64_t n = nDocs>df ? nDocs : df;
    double idf = log(((double)(n - df) + 0.5)/((double)df + 0.5));
    if( idf<1e-6 ) idf = 1e-6;
    for(int i=0; i<nK; i++) aText[aK[i]] += idf;
  }
  free(aK);
  return rc==DB_DONE ? 0 : -1;
}

/* Activity of the tie, 0..1: tie_health's score when the table exists,
** else from the tie's status. */
typedef struct Health { int64_t id; int score; } Health;
static int health_cmp(const void *a, const void *b){
  int64_t x = ((const Health*)a)->id, y = ((const Health*)b)->id;
  return x<y ? -1 : x>y;
}

typedef struct Scorer {
  const MatchIndex *x;
  const Query *q;
  double aRel[Q_MAX_CODES][128];   /* relation of query code i to candidate code c */
  unsigned char aAny[128];         /* 1 if candidate code c relates to some query code */
  Health *aHealth; int nHealth;
} Scorer;

static double tie_activity(const Scorer *s, int64_t tie, int *pHealth){
  *pHealth = -1;
  if( s->aHealth ){
    Health k = {tie, 0};
    const Health *h = bsearch(&k, s->aHealth, (size_t)s->nHealth, sizeof(Health), health_cmp);
    if( h ){ *pHealth = h->score; return h->score/100.0; }
  }
  const TieInfo *ti = tie_info(s->x, tie);
  return ti ? aTieStatusActivity[ti->status] : 0;
}

static double score_industry(const Scorer *s, const Ent *e){
  const Query *q = s->q;
  if( !q->nCode || !e->nCode ) return 0;
  double mx = 0, sum = 0, wsum = 0;
  for(int i=0; i<q->nCode; i++){
    double best = 0;
    for(int k=0; k<e->nCode; k++){
      double r = s->aRel[i][e->aCode[k].c] * e->aCode[k].w / 100.0;
      if( r>best ) best = r;
    }
    best *= q->aCode[i].w;
    if( best>mx ) mx = best;
    sum += best;
    wsum += q->aCode[i].w;
  }
  return 0.75*mx + 0.25*(wsum>0 ? sum/wsum : 0);
}

static double score_geo(const Query *q, const Ent *e){
  int bIn = 0, bYou = 0;
  for(int i=0; i<q->nCountry && !bIn; i++) if( e->country[0] && memcmp(q->aCountry[i], e->country, 2)==0 ) bIn = 1;
  for(int i=0; i<q->nCity && !bIn; i++) if( e->cityId && q->aCity[i]==e->cityId ) bIn = 1;
  if( q->ownCountry[0] ) for(int i=0; i<e->nCountry && !bYou; i++) if( memcmp(e->aCountry[i], q->ownCountry, 2)==0 ) bYou = 1;
  if( bIn && bYou ) return 1.0;
  if( bIn ) return 0.85;
  if( bYou ) return 0.7;
  return 0;
}

static double score_dir(const Query *q, int t, const Ent *e){
  double side = q->side<0 ? 0.6 : (e->side!=q->side ? 1.0 : 0.4);
  if( t!=ENT_OPP ) return side;
  double dir = q->dir<0 ? 0.5 : (e->dir==q->dir ? 1.0 : 0.2);
  double kind = q->kind<0 ? 0.5 : 1.0;
  return 0.5*dir + 0.25*kind + 0.25*side;
}

static double score_tie(const Scorer *s, const Ent *e){
  double best = 0;
  int h;
  for(int i=0; i<e->nTie; i++){ double a = tie_activity(s, e->aTie[i], &h); if( a>best ) best = a; }
  if( e->nTie==0 ){
    for(int i=0; i<s->q->nOwnTie; i++){ double a = tie_activity(s, s->q->aOwnTie[i], &h); if( a>best ) best = a; }
  }
  return best;
}

static double score_fresh(const Query *q, const Ent *e){
  if( e->freshDay<0 ) return 0;
  int d = q->today - e->freshDay;
  if( d<=180 ) return 1;
  if( d>=1095 ) return 0;
  return 1.0 - (double)(d - 180)/(1095 - 180);
}

/* --- describing a result --------------------------------------------------- */

/* 1 if the folded text zDoc contains word zW (whole words; zW may be
** several words joined by ' '). */
static int has_word(const char *zDoc, const char *zW){
  size_t n = strlen(zW);
  for(const char *p = strstr(zDoc, zW); p; p = strstr(p + 1, zW)){
    int bL = p==zDoc || !((unsigned char)p[-1]<0x80 && ((p[-1]>='a' && p[-1]<='z') || (p[-1]>='0' && p[-1]<='9')));
    char cr = p[n];
    int bR = !((unsigned char)cr<0x80 && ((cr>='a' && cr<='z') || (cr>='0' && cr<='9'))) || cr=='s';
    if( bL && bR ) return 1;
  }
  return 0;
}

/* The folded, token-normalised text of a candidate, as its FTS rows hold
** it: stored folded in this module's tables ("folded" columns), folded
** here for the registry's org_fts and tie_fts (short texts). Malloc'd. */
static char *cand_text(Ctx *c, int t, int64_t id){
  static const char *const azSql[] = {
    "SELECT folded, NULL FROM opportunity_fts WHERE rowid=?1",
    "SELECT (SELECT folded FROM offer_fts WHERE rowid=?1"
    "   AND rowid NOT IN (SELECT org_id FROM offer_review WHERE review<>'published')),"
    " (SELECT names || ' ' || coalesce(zh,'') || ' ' || text FROM org_fts WHERE rowid=?1)",
    ("SELECT (SELECT folded FROM profile_fts WHERE rowid=?1),"
    " (SELECT names || ' ' || coalesce(zh,'') || ' ' || text FROM tie_fts WHERE rowid=?1)"
    " || coalesce(' ' || (SELECT group_concat(o.name_en || ' ' || coalesce(o.name_zh,''), ' ')"
    "  FROM org_tie ot JOIN org o ON o.id=ot.org_id WHERE ot.tie_id=?1), '')")};
  DbStmt *p = db_stmt(c->db, azSql[t]);
  if( !p ) return 0;
  db_bind_int64(p, 1, id);
  Buf b = BUF_INIT;
  if( db_step(p)==DB_ROW ){
    if( db_text(p, 0) ) buf_puts(&b, db_text(p, 0));
    if( db_text(p, 1) ){
      char *z = match_fold_norm(db_text(p, 1), 4000);
      if( z ){ buf_putc(&b, ' '); buf_puts(&b, z); free(z); }
    }
  }
  db_reset(p);
  if( buf_error(&b) ){ buf_free(&b); return 0; }
  if( !b.n ){ buf_free(&b); return strdup(""); }
  return buf_take(&b);
}

/* 1 if a term already reported contains z or is contained in it. */
static int term_overlaps(json_t *aReason, const char *z){
  size_t k;
  json_t *x;
  json_array_foreach(aReason, k, x){
    const char *zT = json_string_value(json_object_get(x, "term"));
    if( zT && (strstr(zT, z) || strstr(z, zT)) ) return 1;
  }
  return 0;
}

static int qterm_len_cmp(const void *a, const void *b){
  const QTerm *x = *(const QTerm *const*)a, *y = *(const QTerm *const*)b;
  size_t nx = strlen(x->z), ny = strlen(y->z);
  return nx<ny ? -1 : nx>ny;
}

/* Reasons of kind "term": which query terms the candidate's text has,
** shortest first, none that contains another. */
static void term_reasons(const Query *q, const char *zDoc, json_t *aReason){
  int n = 0;
  const QTerm **apT = malloc(sizeof(QTerm*)*(size_t)(q->nTerm + 1));
  if( !apT ) return;
  int nT = 0;
  for(int i=0; i<q->nTerm; i++) if( q->aTerm[i].bVocab ) apT[nT++] = &q->aTerm[i];
  qsort(apT, (size_t)nT, sizeof(QTerm*), qterm_len_cmp);
  /* Vocabulary terms first: they carry the cross-language matches. */
  for(int i=0; i<nT && n<5; i++){
    const QTerm *t = apT[i];
    int bHas = t->bCjk ? strstr(zDoc, t->z)!=0 : has_word(zDoc, t->z);
    if( !bHas || term_overlaps(aReason, t->z) ) continue;
    json_t *r = json_pack("{s:s, s:s}", "kind", "term", "term", t->z);
    if( t->zVia && strcmp(t->zVia, t->z)!=0 ) json_object_set_new(r, "via", json_string(t->zVia));
    json_array_append_new(aReason, r);
    n++;
  }
  free(apT);
  for(int i=0; i<q->nTerm && n<8; i++){
    const QTerm *t = &q->aTerm[i];
    if( t->bVocab || t->bCjk ) continue;
    if( !has_word(zDoc, t->z) || term_overlaps(aReason, t->z) ) continue;
    json_array_append_new(aReason, json_pack("{s:s, s:s}", "kind", "term", "term", t->z));
    n++;
  }
  /* Longest pieces (2+ characters) of the query's CJK runs in the text. */
  for(int r=0; r<q->nRun && n<8; r++){
    const char *z = q->azRun[r];
    int nz = (int)strlen(z);
    if( nz>240 ) nz = 240;
    for(int i=0; i<nz && n<8; ){
      int best = 0;
      int l1 = u8len(z + i);
      for(int j=nz; j>i + l1; ){
        /* j must be on a character boundary */
        if( ((unsigned char)z[j] & 0xC0)==0x80 ){ j--; continue; }
        char *zSub = strndup(z + i, (size_t)(j - i));
        int bHas = zSub && strstr(zDoc, zSub)!=0;
        if( bHas ){
          if( !term_overlaps(aReason, zSub) ){
            char zKey[32] = "";
            if( j - i == l1 + u8len(z + i + l1) ) snprintf(zKey, sizeof zKey, "%.*s %.*s", l1, z + i, u8len(z + i + l1), z + i + l1);
            if( !zKey[0] || !vocab_is_stop(zKey) ){
              json_array_append_new(aReason, json_pack("{s:s, s:s}", "kind", "term", "term", zSub));
              n++;
            }
          }
          best = j - i;
          free(zSub);
          break;
        }
        free(zSub);
        j--;
      }
      i += best ? best : l1;
    }
  }
}

static json_t *ind_reasons(const Query *q, const Ent *e){
  json_t *a = json_array();
  typedef struct R { double r; int iq, ic, kind; } R;
  R aR[Q_MAX_CODES];
  int nR = 0;
  for(int i=0; i<q->nCode; i++){
    R best = {0, i, -1, 0};
    for(int k=0; k<e->nCode; k++){
      int kind;
      double r = relation(q->aCode[i].c, e->aCode[k].c, &kind) * e->aCode[k].w / 100.0;
      if( r>best.r ){ best.r = r; best.ic = k; best.kind = kind; }
    }
    if( best.ic>=0 ) aR[nR++] = best;
  }
  /* Strongest first, at most four. */
  for(int i=0; i<nR; i++) for(int j=i+1; j<nR; j++) if( aR[j].r>aR[i].r ){ R t = aR[i]; aR[i] = aR[j]; aR[j] = t; }
  static const char *const azRel[] = {"", "division", "section", "section", "adjacent"};
  int nOut = 0;
  for(int i=0; i<nR && nOut<4; i++){
    int bSeen = 0;
    for(int k=0; k<i; k++) if( aR[k].ic==aR[i].ic ) bSeen = 1;   /* one reason per candidate code */
    if( bSeen ) continue;
    nOut++;
    char zQ[4], zC[4];
    code_str(q->aCode[aR[i].iq].c, zQ);
    code_str(e->aCode[aR[i].ic].c, zC);
    json_t *r = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "kind", "industry", "relation", azRel[aR[i].kind],
      "query_code", zQ, "code", zC, "label_en", isic_label(zC, 0), "label_zh", isic_label(zC, 1));
    if( aR[i].kind==4 ){
      const char *zWhy = isic_adjacent(q->aCode[aR[i].iq].c, e->aCode[aR[i].ic].c);
      if( zWhy ) json_object_set_new(r, "rationale", json_string(zWhy));
    }
    json_array_append_new(a, r);
  }
  return a;
}

/* Names and type fields of one result. */
static void describe(Ctx *c, int t, int64_t id, json_t *j){
  static const char *const azSql[] = {
    "SELECT o.title_en, o.title_zh, o.kind, o.category, o.direction, o.valid_until,"
    " coalesce(og.name_en, ci.name), coalesce(og.name_zh, ci.name_zh), o.org_id, o.tie_id"
    " FROM opportunity o LEFT JOIN org og ON og.id=o.org_id LEFT JOIN tie t ON t.id=o.tie_id"
    " LEFT JOIN city ci ON ci.id=t.partner_city_id WHERE o.id=?1",
    "SELECT o.name_en, o.name_zh, o.type, o.side, ci.name, ci.name_zh FROM org o LEFT JOIN city ci ON ci.id=o.city_id WHERE o.id=?1",
    ("SELECT coalesce(t.partner_label, ci.name), ci.name_zh, t.kind, t.status, co.name_en, co.name_zh FROM tie t"
     " JOIN city ci ON ci.id=t.partner_city_id JOIN country co ON co.iso2=ci.country WHERE t.id=?1")};
  DbStmt *p = db_stmt(c->db, azSql[t]);
  if( !p ) return;
  db_bind_int64(p, 1, id);
  if( db_step(p)==DB_ROW ){
    json_object_set_new(j, "name_en", rows_text(p, 0));
    json_object_set_new(j, "name_zh", rows_text(p, 1));
    if( t==ENT_OPP ){
      json_object_set_new(j, "kind", rows_text(p, 2));
      json_object_set_new(j, "category", rows_text(p, 3));
      json_object_set_new(j, "direction", rows_text(p, 4));
      json_object_set_new(j, "valid_until", rows_text(p, 5));
      int64_t orgId = db_col_int64(p, 8);
      json_object_set_new(j, "owner", json_pack("{s:s, s:I, s:o, s:o}", "type", orgId ? "org" : "partner",
        "id", (json_int_t)(orgId ? orgId : db_col_int64(p, 9)), "name_en", rows_text(p, 6), "name_zh", rows_text(p, 7)));
      json_object_set_new(j, "url", json_sprintf("/opportunities/%lld", (long long)id));
    }else if( t==ENT_ORG ){
      json_object_set_new(j, "org_type", rows_text(p, 2));
      json_object_set_new(j, "side", rows_text(p, 3));
      json_object_set_new(j, "city_en", rows_text(p, 4));
      json_object_set_new(j, "city_zh", rows_text(p, 5));
      json_object_set_new(j, "url", json_sprintf("/orgs/%lld", (long long)id));
    }else{
      json_object_set_new(j, "tie_kind", rows_text(p, 2));
      json_object_set_new(j, "tie_status", rows_text(p, 3));
      json_object_set_new(j, "country_en", rows_text(p, 4));
      json_object_set_new(j, "country_zh", rows_text(p, 5));
      json_object_set_new(j, "url", json_sprintf("/partners/%lld", (long long)id));
    }
  }
  db_reset(p);
}

static double round1(double v){ return floor(v*10 + 0.5)/10; }
static double round3(double v){ return floor(v*1000 + 0.5)/1000; }

static json_t *result_json(Ctx *c, const Scorer *s, const Cand *k){
  const Query *q = s->q;
  const Ent *e = &s->x->t[k->type].a[k->idx];
  json_t *j = json_pack("{s:s, s:I, s:f}", "type", azEntType[k->type], "id", (json_int_t)e->id, "score", round1(k->score));
  describe(c, k->type, e->id, j);
  if( e->country[0] ) json_object_set_new(j, "country", json_stringn(e->country, 2));
  json_object_set_new(j, "components", json_pack("{s:f, s:f, s:f, s:f, s:f, s:f}",
    "industry", round3(k->aComp[0]), "text", round3(k->aComp[1]), "geo", round3(k->aComp[2]),
    "direction", round3(k->aComp[3]), "tie", round3(k->aComp[4]), "fresh", round3(k->aComp[5])));
  json_t *aReason = ind_reasons(q, e);
  if( k->aComp[1]>0 ){
    char *zDoc = cand_text(c, k->type, e->id);
    if( zDoc ){ term_reasons(q, zDoc, aReason); free(zDoc); }
  }
  /* Country rule. */
  int bDone = 0;
  for(int i=0; i<q->nCity && !bDone; i++) if( e->cityId && q->aCity[i]==e->cityId ){
    json_array_append_new(aReason, json_pack("{s:s, s:s, s:s#}", "kind", "country", "rule", "city_in_target", "country", e->country, 2));
    bDone = 1;
  }
  for(int i=0; i<q->nCountry && !bDone; i++) if( e->country[0] && memcmp(q->aCountry[i], e->country, 2)==0 ){
    json_array_append_new(aReason, json_pack("{s:s, s:s, s:s#}", "kind", "country", "rule", "in_target", "country", e->country, 2));
    bDone = 1;
  }
  if( q->ownCountry[0] ) for(int i=0; i<e->nCountry; i++) if( memcmp(e->aCountry[i], q->ownCountry, 2)==0 ){
    json_array_append_new(aReason, json_pack("{s:s, s:s, s:s}", "kind", "country", "rule", "targets_you", "country", q->ownCountry));
    break;
  }
  /* Direction and side. */
  if( k->type==ENT_OPP && q->kind>=0 )
    json_array_append_new(aReason, json_pack("{s:s, s:s, s:s}", "kind", "direction", "rule", "offer_meets_request",
                                             "candidate_kind", e->kind ? "request" : "offer"));
  if( k->type==ENT_OPP && q->dir>=0 && e->dir==q->dir )
    json_array_append_new(aReason, json_pack("{s:s, s:s, s:s}", "kind", "direction", "rule", "same_direction",
                                             "direction", e->dir ? "bringing_in" : "going_out"));
  if( q->side>=0 && e->side!=q->side )
    json_array_append_new(aReason, json_pack("{s:s, s:s, s:s}", "kind", "direction", "rule", "other_side",
                                             "side", e->side ? "partner" : "home"));
  /* Tie. */
  if( k->aComp[4]>0 ){
    int64_t best = 0; double bestA = -1; int bestH = -1, h;
    const int32_t *aT = e->aTie; int nT = e->nTie;
    int64_t aOwn[ENT_TIES]; 
    if( nT==0 ){ for(int i=0; i<q->nOwnTie; i++) aOwn[i] = q->aOwnTie[i]; nT = q->nOwnTie; }
    for(int i=0; i<nT; i++){
      int64_t id = e->nTie ? aT[i] : aOwn[i];
      double a = tie_activity(s, id, &h);
      if( a>bestA ){ bestA = a; best = id; bestH = h; }
    }
    const TieInfo *ti = tie_info(s->x, best);
    json_t *r = json_pack("{s:s, s:I, s:s}", "kind", "tie", "partner_id", (json_int_t)best,
                          "status", ti ? azTieStatus[ti->status] : "");
    if( bestH>=0 ) json_object_set_new(r, "health", json_integer(bestH));
    json_array_append_new(aReason, r);
  }
  if( e->freshDay>=0 && k->aComp[5]>0 )
    json_array_append_new(aReason, json_pack("{s:s, s:i}", "kind", "fresh", "days", q->today - e->freshDay));
  json_object_set_new(j, "reasons", aReason);
  return j;
}

/* --- validation and the whole run ------------------------------------------ */

static YcStatus check_text(const char *zField, const char *z, Err *e){
  size_t n = strlen(z);
  if( n>MATCH_MAX_TEXT )
    return err_set(e, YC_ETOOLARGE, "too_long", zField, "%s is too long (%zu bytes, at most %d)", zField, n, MATCH_MAX_TEXT);
  if( !text_utf8_valid(z, n) ) return err_set(e, YC_EINVALID, "invalid_utf8", zField, "%s is not valid UTF-8", zField);
  int bAny = 0;
  for(const char *p = z; *p; p++) if( *p!=' ' && *p!='\t' && *p!='\n' && *p!='\r' ) bAny = 1;
  if( !bAny ) return err_set(e, YC_EINVALID, "empty", zField, "%s must not be empty", zField);
  return YC_OK;
}

static YcStatus query_params(Ctx *c, const MatchQuery *m, Query *q, const char *zHomeCountry, Err *e){
  { YcStatus stLimit = page_limit(m->zLimit, 10, MATCH_MAX_LIMIT, &q->limit, e); if( stLimit ) return stLimit; }
  q->typeMask = 7;
  if( m->zTypes ){
    q->typeMask = 0;
    for(const char *z = m->zTypes; *z; ){
      const char *zEnd = strchr(z, ',');
      size_t n = zEnd ? (size_t)(zEnd - z) : strlen(z);
      int k = -1;
      for(int t=0; azEntType[t]; t++) if( strlen(azEntType[t])==n && strncmp(azEntType[t], z, n)==0 ) k = t;
      if( n==13 && strncmp(z, "opportunities", 13)==0 ) k = ENT_OPP;
      if( n==4 && strncmp(z, "orgs", 4)==0 ) k = ENT_ORG;
      if( n==8 && strncmp(z, "partners", 8)==0 ) k = ENT_PARTNER;
      if( k<0 ) return err_set(e, YC_EINVALID, "invalid_value", "types", "types must be a list of opportunity, org, partner");
      q->typeMask |= 1<<k;
      z += n + (zEnd ? 1 : 0);
    }
    if( !q->typeMask ) return err_set(e, YC_EINVALID, "invalid_value", "types", "types must not be empty");
  }
  if( m->zText ){
    YcStatus st = check_text("text", m->zText, e);
    if( st ) return st;
    buf_puts(&q->text, m->zText);
    buf_putc(&q->text, ' ');
  }
  if( m->zIndustries ){
    json_t *a = 0;
    if( !*m->zIndustries ) return err_set(e, YC_EINVALID, "empty", "industries", "industries must not be empty");
    YcStatus st = isic_codes_parse(m->zIndustries, "industries", 0, 20, &a, e);
    if( st ) return st;
    size_t i; json_t *x;
    json_array_foreach(a, i, x) query_code(q, code_num(json_string_value(x)), 1.0, SRC_PARAM);
    json_decref(a);
  }
  if( m->zDirection ){
    int k = in_enum_index((const char *const[]){"going_out", "bringing_in", 0}, m->zDirection);
    if( k<0 ) return err_set(e, YC_EINVALID, "invalid_value", "direction", "direction must be going_out or bringing_in");
    q->dir = k;
  }
  if( m->zKind ){
    int k = in_enum_index((const char *const[]){"offer", "request", 0}, m->zKind);
    if( k<0 ) return err_set(e, YC_EINVALID, "invalid_value", "kind", "kind must be offer or request");
    q->kind = k;
  }
  if( m->zSide ){
    int k = in_enum_index((const char *const[]){"home", "partner", 0}, m->zSide);
    if( k<0 ) return err_set(e, YC_EINVALID, "invalid_value", "side", "side must be home or partner");
    q->side = k;
  }
  if( m->zCountries ){
    json_t *a = 0;
    if( !*m->zCountries ) return err_set(e, YC_EINVALID, "empty", "countries", "countries must not be empty");
    YcStatus st = country_codes_parse(c, m->zCountries, "countries", Q_MAX_COUNTRIES, &a, e);
    if( st ) return st;
    size_t i; json_t *x;
    json_array_foreach(a, i, x) query_country(q, json_string_value(x));
    json_decref(a);
    q->bCountryParam = 1;
  }
  int nSrc = (m->oppId!=0) + (m->orgId!=0) + (m->partnerId!=0);
  if( nSrc==0 ){
    if( !m->zText && !m->zIndustries )
      return err_set(e, YC_EINVALID, "required", "text", "give text or industries (or both)");
    if( q->side<0 ) q->side = 0;
    if( q->side==0 && zHomeCountry[0] ) memcpy(q->ownCountry, zHomeCountry, 3);
  }
  return YC_OK;
}

static json_t *query_json(const Query *q, const MatchQuery *m){
  json_t *aInd = json_array();
  for(int i=0; i<q->nCode; i++){
    char z[4];
    code_str(q->aCode[i].c, z);
    json_t *x = json_pack("{s:s, s:s, s:s, s:s, s:f}", "code", z, "label_en", isic_label(z, 0), "label_zh", isic_label(z, 1),
                          "source", azCodeSource[q->aCode[i].iSrc], "weight", round3(q->aCode[i].w));
    if( q->aCode[i].aTerm ) json_object_set(x, "terms", q->aCode[i].aTerm);
    json_array_append_new(aInd, x);
  }
  json_t *aTerm = json_array();
  for(int i=0; i<q->nTerm; i++) json_array_append_new(aTerm, json_string(q->aTerm[i].z));
  json_t *aCountry = json_array();
  for(int i=0; i<q->nCountry; i++) json_array_append_new(aCountry, json_string(q->aCountry[i]));
  json_t *j = json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
    "industries", aInd, "terms", aTerm, "countries", aCountry,
    "direction", q->dir<0 ? json_null() : json_string(q->dir ? "bringing_in" : "going_out"),
    "kind", q->kind<0 ? json_null() : json_string(q->kind ? "request" : "offer"),
    "side", q->side<0 ? json_null() : json_string(q->side ? "partner" : "home"),
    "text", m->zText ? json_string(m->zText) : json_null());
  if( m->oppId ) json_object_set_new(j, "opportunity_id", json_integer(m->oppId));
  if( m->orgId ) json_object_set_new(j, "org_id", json_integer(m->orgId));
  if( m->partnerId ) json_object_set_new(j, "partner_id", json_integer(m->partnerId));
  return j;
}

static void load_health(Ctx *c, Scorer *s){
  DbStmt *p = db_stmt(c->db, "SELECT 1 FROM sqlite_master WHERE type='table' AND name='tie_health'");
  if( !p ) return;
  int bHas = db_step(p)==DB_ROW;
  db_reset(p);
  if( !bHas ) return;
  p = db_stmt(c->db, "SELECT tie_id, score FROM tie_health ORDER BY tie_id");
  if( !p ) return;
  int nAlloc = 0;
  while( db_step(p)==DB_ROW ){
    if( s->nHealth==nAlloc ){
      nAlloc = nAlloc ? nAlloc*2 : 64;
      Health *aNew = realloc(s->aHealth, sizeof(Health)*(size_t)nAlloc);
      if( !aNew ) break;
      s->aHealth = aNew;
    }
    s->aHealth[s->nHealth].id = db_col_int64(p, 0);
    int v = db_col_int(p, 1);
    s->aHealth[s->nHealth].score = v<0 ? 0 : v>100 ? 100 : v;
    s->nHealth++;
  }
  db_reset(p);
}

YcStatus match_run(Ctx *c, const MatchQuery *m, json_t **ppOut, Err *e){
  *ppOut = 0;
  if( vocab_init() ) return err_set(e, YC_EINTERNAL, "vocab", 0, "the industry vocabulary did not load");
  Query q;
  memset(&q, 0, sizeof q);
  q.dir = q.kind = q.side = -1;
  q.today = date_today();
  MatchIndex *x = 0;
  Scorer *s = 0;
  double *aText[ENT_NTYPE] = {0, 0, 0};
  Heap h = {0, 0, 0};
  json_t *items = 0;
  YcStatus st = YC_OK;
  char zHome[3] = "";
  DbStmt *p = db_stmt(c->db, "SELECT country FROM city WHERE id=?1");
  if( p ){
    db_bind_int64(p, 1, c->homeCityId);
    if( db_step(p)==DB_ROW && db_text(p, 0) ) snprintf(zHome, sizeof zHome, "%s", db_text(p, 0));
    db_reset(p);
  }
  if( (st = query_params(c, m, &q, zHome, e)) ) goto end;
  if( m->oppId ) st = query_from_opp(c, &q, m->oppId, e);
  else if( m->orgId ) st = query_from_org(c, &q, m->orgId, zHome, e);
  else if( m->partnerId ){
    st = query_from_partner(c, &q, m->partnerId, zHome, e);
    if( !m->zTypes ) q.typeMask = (1<<ENT_OPP) | (1<<ENT_ORG);
  }
  if( st ) goto end;
  query_terms(&q);
  x = idx_acquire(c);
  if( !x ){ st = err_set(e, YC_EINTERNAL, "match_index", 0, "the match index could not be built"); goto end; }
  s = calloc(1, sizeof *s);
  if( !s ){ st = err_set(e, YC_EINTERNAL, 0, 0, "out of memory"); goto end; }
  s->x = x;
  s->q = &q;
  for(int i=0; i<q.nCode; i++){
    for(int cc=1; cc<128; cc++){
      int kind;
      s->aRel[i][cc] = relation(q.aCode[i].c, cc, &kind);
      if( s->aRel[i][cc]>0 ) s->aAny[cc] = 1;
    }
  }
  load_health(c, s);
  h.k = q.limit;
  h.a = calloc((size_t)h.k, sizeof(Cand));
  if( !h.a ){ st = err_set(e, YC_EINTERNAL, 0, 0, "out of memory"); goto end; }
  int nConsidered = 0;
  /* The FTS tables of each type with their bm25 column weights; offers
  ** and needs not published are left out (opportunities and
  ** organisations not published are not in the index). */
  static const struct { const char *zTable, *zWeights, *zHide; int iCount, bBigrams; } aFts[ENT_NTYPE][2] = {
    {{"opportunity_fts", ", 3.0, 1.0, 0.5, 1.0, 1.5, 0.0", "", 0, 1}, {0, 0, 0, 0, 0}},
    {{"org_fts", ", 2.0, 2.0, 0.5, 1.0", "", 1, 0},
     {"offer_fts", ", 1.0, 1.0, 0.0", " AND rowid NOT IN (SELECT org_id FROM offer_review WHERE review<>'published')", 2, 1}},
    {{"profile_fts", ", 1.0, 1.0, 1.0, 0.0", "", 3, 1}, {"tie_fts", ", 2.0, 2.0, 0.5, 0.5, 1.0", "", 4, 0}}};
  /* Text: bm25 per candidate of each type; who may be a counterpart. */
  double aMx[ENT_NTYPE] = {0, 0, 0};
  for(int t=0; t<ENT_NTYPE; t++){
    if( !(q.typeMask & (1<<t)) ) continue;
    const TypeIdx *ti = &x->t[t];
    aText[t] = calloc((size_t)ti->n + 1, sizeof(double));
    if( !aText[t] ){ st = err_set(e, YC_EINTERNAL, 0, 0, "out of memory"); goto end; }
    if( q.nPhrase ){
      for(int k=0; k<2 && aFts[t][k].zTable; k++){
        if( fts_hits(c, x, t, aFts[t][k].zTable, aFts[t][k].zWeights, aFts[t][k].zHide, aFts[t][k].bBigrams,
                     x->anDocs[aFts[t][k].iCount], &q, aText[t]) ){
          st = err_set(e, YC_EINTERNAL, "fts", 0, "text search failed: %s", db_errmsg(c->db));
          goto end;
        }
      }
    }
    for(int k=0; k<ti->n; k++){
      const Ent *en = &ti->a[k];
      int bOut = 0;
      if( t==ENT_OPP ){
        bOut = en->id==q.selfOpp
            || en->validDay<q.today                      /* expired: stops matching */
            || (q.kind>=0 && en->kind==q.kind);          /* an offer meets a request */
      }else if( t==ENT_ORG ){
        bOut = en->id==q.selfOrg;
      }else{
        bOut = en->id==q.selfTie;
      }
      if( bOut ) aText[t][k] = -1;
      else if( aText[t][k]>aMx[t] ) aMx[t] = aText[t][k];
    }
  }
  /* Text is relative: each type's best text match scores 1 (bm25's scale
  ** depends on the table). Pass 0: the candidates with a text hit (the
  ** strongest, they fill the heap first); pass 1: those with a related
  ** industry only, skipped at once when even a perfect rest could not
  ** enter the full heap. */
  double aBest[128];
  for(int cc=0; cc<128; cc++){
    aBest[cc] = 0;
    /* Not times the query code's weight: the mean term of score_industry
    ** divides by the weights, so the bound is the plain relation. */
    for(int i=0; i<q.nCode; i++) if( s->aRel[i][cc]>aBest[cc] ) aBest[cc] = s->aRel[i][cc];
  }
  const double wRest = W_GEO + W_DIR + W_TIE + W_FRESH;
  for(int pass=0; pass<2; pass++){
    for(int t=0; t<ENT_NTYPE; t++){
      if( !aText[t] ) continue;
      const TypeIdx *ti = &x->t[t];
      double mx = aMx[t];
      for(int k=0; k<ti->n; k++){
        const Ent *en = &ti->a[k];
        double tx = aText[t][k];
        if( tx<0 || (pass==0)!=(tx>0) ) continue;
        if( pass==1 ){
          double ub = 0;
          for(int i=0; i<en->nCode; i++){
            double v = aBest[en->aCode[i].c]*en->aCode[i].w/100.0;
            if( v>ub ) ub = v;
          }
          if( ub<=0 ) continue;                    /* no related industry */
          nConsidered++;
          if( h.n==h.k && W_IND*ub + wRest<h.a[0].score ) continue;
        }else{
          nConsidered++;
        }
        Cand cd;
        cd.aComp[0] = score_industry(s, en);
        cd.aComp[1] = mx>0 ? tx/mx : 0;
        if( cd.aComp[0]<=0 && cd.aComp[1]<=0 ) continue;
        /* The rest adds at most wRest: skip what cannot enter a full heap. */
        if( h.n==h.k && W_IND*cd.aComp[0] + W_TEXT*cd.aComp[1] + wRest<h.a[0].score ) continue;
        cd.aComp[2] = score_geo(&q, en);
        cd.aComp[3] = score_dir(&q, t, en);
        cd.aComp[4] = score_tie(s, en);
        cd.aComp[5] = score_fresh(&q, en);
        cd.score = W_IND*cd.aComp[0] + W_TEXT*cd.aComp[1] + W_GEO*cd.aComp[2] + W_DIR*cd.aComp[3]
                 + W_TIE*cd.aComp[4] + W_FRESH*cd.aComp[5];
        /* Countries the user asked for: the others step back. */
        if( q.bCountryParam && cd.aComp[2]<=0 ) cd.score *= OUT_OF_TARGET;
        cd.type = t;
        cd.idx = k;
        heap_push(&h, &cd);
      }
    }
  }
  qsort(h.a, (size_t)h.n, sizeof(Cand), cand_cmp_desc);
  items = json_array();
  for(int i=0; i<h.n; i++) json_array_append_new(items, result_json(c, s, &h.a[i]));
  *ppOut = json_pack("{s:o, s:O, s:i}", "query", query_json(&q, m), "items", items, "considered", nConsidered);
end:
  json_decref(items);
  free(h.a);
  for(int t=0; t<ENT_NTYPE; t++) free(aText[t]);
  if( s ) free(s->aHealth);
  free(s);
  if( x ) idx_release(x);
  query_free(&q);
  return st;
}

YcStatus match_detect(Ctx *c, const char *zText, json_t **ppOut, Err *e){
  (void)c;
  *ppOut = 0;
  if( !zText ) return err_set(e, YC_EINVALID, "required", "text", "text is required");
  YcStatus st = check_text("text", zText, e);
  if( st ) return st;
  if( vocab_init() ) return err_set(e, YC_EINTERNAL, "vocab", 0, "the industry vocabulary did not load");
  Query q;
  memset(&q, 0, sizeof q);
  buf_puts(&q.text, zText);
  query_terms(&q);
  json_t *a = json_array();
  for(int i=0; i<q.nCode; i++){
    char z[4];
    code_str(q.aCode[i].c, z);
    json_t *x = json_pack("{s:s, s:s, s:s}", "code", z, "label_en", isic_label(z, 0), "label_zh", isic_label(z, 1));
    json_object_set_new(x, "terms", q.aCode[i].aTerm ? json_incref(q.aCode[i].aTerm) : json_array());
    json_array_append_new(a, x);
  }
  query_free(&q);
  *ppOut = json_pack("{s:o}", "industries", a);
  return YC_OK;
}

void match_index_reset(void){
  idx_reset();
}
