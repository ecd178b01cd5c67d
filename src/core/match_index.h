/*
** match_index.h: the in-memory index of the matching engine (internal to
** match.c and match_index.c): per counterpart type, the numbers the scorer
** reads (codes and weights, countries, cities, ties, direction, kind,
** dates), built from the database on first use and rebuilt when
** match_version changes. Shared by the worker threads, reference-counted.
*/
#ifndef YC_MATCH_INDEX_H
#define YC_MATCH_INDEX_H
#include <stdint.h>
#include "core/ctx.h"
#include "core/tie_vocab.h"

enum { ENT_OPP, ENT_ORG, ENT_PARTNER, ENT_NTYPE };
extern const char *const azEntType[];   /* "opportunity", "org", "partner" */

#define ENT_CODES 12
#define ENT_COUNTRIES 8
#define ENT_CITIES 4
#define ENT_TIES 6

/* An industry code: 1..99 a division, 100 + k the section letter 'A' + k;
** w the weight in percent (a profile's strength, a tag's lower weight). */
typedef struct Code { uint8_t c, w; } Code;

typedef struct Ent {
  int64_t id;
  int32_t cityId;
  int32_t validDay;                 /* INT_MAX: no end */
  int32_t freshDay;                 /* -1: unknown */
  int32_t aTie[ENT_TIES];
  int32_t aCity[ENT_CITIES];        /* target cities (opportunities) */
  Code aCode[ENT_CODES];
  char aCountry[ENT_COUNTRIES][2];  /* target countries (opportunities) */
  char country[2];                  /* where it is */
  uint8_t nCode, nCountry, nCity, nTie;
  uint8_t side;                     /* 0 home, 1 partner */
  uint8_t kind;                     /* 0 offer, 1 request, 255 n/a */
  uint8_t dir;                      /* 0 going_out, 1 bringing_in, 255 n/a */
} Ent;

typedef struct TypeIdx {
  Ent *a;
  int n, nAlloc;
  int64_t *aKey;      /* open addressing: id -> index in a */
  int *aVal;
  unsigned nSlot;
  int *aDense;         /* or directly: aDense[id] = index, -1 if none */
  int64_t nDense;
} TypeIdx;

typedef struct TieInfo { int64_t id; uint8_t status; } TieInfo;

typedef struct MatchIndex {
  char *zDb;
  int64_t home, version;
  int nRef;
  TypeIdx t[ENT_NTYPE];
  TieInfo *aTie;       /* sorted by id */
  int nTie;
  int64_t anDocs[5];   /* rows of opportunity_fts, org_fts, offer_fts, profile_fts, tie_fts */
  char homeCountry[2];
} MatchIndex;

extern const double aTieStatusActivity[];   /* activity weight by tie status */

/* The current index (built or rebuilt as needed), with a reference the
** caller gives back with idx_release; 0 on error. */
MatchIndex *idx_acquire(Ctx *c);
void idx_release(MatchIndex *x);
/* Drop the current index (the next idx_acquire builds a new one). */
void idx_reset(void);
/* Index in t->a of the entity with this id, or -1. */
int type_find(const TypeIdx *t, int64_t id);
/* The tie with this id, or 0. */
const TieInfo *tie_info(const MatchIndex *x, int64_t id);
/* An ISIC code as a number (1..99 division, 100+k section) and back; z
** needs 3 bytes. code_num returns -1 if z is not a code. */
int code_num(const char *z);
void code_str(int c, char *z);

#endif
