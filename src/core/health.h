/*
** health.h: relationship health. For each tie a score from 0 to 100, a
** level (active, cooling, dormant), flags (dormant, no_substantive,
** one_sided, agreement_expiring) and the factors that made the score,
** computed only from dated exchanges and projects (never from the times
** records were edited), with thresholds per tie kind kept in the database.
** See doc/exchanges.md for the formula and its conventions.
*/
#ifndef YC_HEALTH_H
#define YC_HEALTH_H
#include <stdint.h>
#include <jansson.h>
#include "core/ctx.h"

#define HF_DORMANT        1
#define HF_NO_SUBSTANTIVE 2
#define HF_ONE_SIDED      4
#define HF_AGREEMENT_EXPIRING 8
extern const char *const azHealthFlag[];    /* by bit position */
extern const char *const azHealthLevel[];   /* active, cooling, dormant */
extern const char *const azHealthParam[];   /* query parameters of health_list */
extern const char *const azThresholdField[];

typedef struct HealthThreshold {
  char zKind[16];
  int cooling, dormant, substantive, window, freqTarget, breadthTarget, oneSidedMin, expiring, letterLead;
} HealthThreshold;

/* The days a score as of asOf looks at: the window start (asOf minus
** window_months) and the end of the expiry horizon (asOf plus
** expiring_months). */
typedef struct HealthSpan { int asOf, windowStart, expiryEnd; } HealthSpan;
void health_span(const HealthThreshold *t, int asOf, HealthSpan *s);

/* What the score reads of one tie, accumulated from its exchange rows.
** Rows whose period starts after asOf are ignored; a row counts at the
** middle of its period, but never later than asOf. */
typedef struct HealthAcc {
  int nTotal;                         /* exchanges up to asOf */
  int lastDay, lastDay0, lastMid;     /* latest exchange (effective day; its period); -1: none */
  int substDay, substDay0, substMid;  /* latest substantive exchange */
  int nWindow, nIn, nOut;             /* within the window */
  int fieldsMask;                     /* within the window */
  int expDay0, expEnd;                /* soonest agreement expiry overlapping [asOf, expiryEnd]; -1 none */
} HealthAcc;

void health_acc_init(HealthAcc *a);
/* Add one exchange row (the columns of exchange_tie; bHasExp when it is an
** agreement with an expiry date). */
void health_acc_add(HealthAcc *a, const HealthSpan *s, int day0, int dayMid, int iKind, int bSubst,
                    int fields, int bHasExp, int expDay0, int expEnd);

typedef struct HealthResult {
  int score, level, flags, urgency;   /* level: 0 active, 1 cooling, 2 dormant */
  json_t *detail;                     /* {"factors":[...],"reasons":[...],...} (owned) */
} HealthResult;

/* The score of a tie from its accumulator, its projects in force, and its
** established date (zEst, any precision, or 0: counts as the last contact
** when there is no exchange). Pure: no database. */
void health_score(const HealthThreshold *t, const HealthAcc *a, int nProjects, const char *zEst,
                  int asOf, HealthResult *r);

/* Only the level of that score (0 active, 1 cooling, 2 dormant), without
** building the explanation: for callers that need many (the annual report). */
int health_level(const HealthThreshold *t, const HealthAcc *a, const char *zEst, int asOf);

/* The thresholds of the three tie kinds (sister, cooperation, candidate). */
YcStatus health_thresholds(Ctx *c, HealthThreshold aT[3], Err *e);
YcStatus health_thresholds_json(Ctx *c, json_t **ppOut, Err *e);
/* Change the thresholds of one kind: {"kind":..., "dormant_months":..., ...};
** then recompute every score. */
YcStatus health_thresholds_update(Ctx *c, json_t *in, json_t **ppOut, Err *e);

/* The health of one tie, computed now from its rows, as of day asOf (the
** API and the partner page use today). YC_ENOTFOUND if no such tie. */
YcStatus health_tie(Ctx *c, int64_t tieId, int asOf, json_t **ppOut, Err *e);

/* Recompute every tie's stored health as of asOf (one ordered scan of
** exchange_tie), inside the caller's transaction if one is open. */
YcStatus health_recompute_all(Ctx *c, int asOf, int *pnTie, Err *e);
/* Recompute the stored health of some ties as of today (after a write). */
YcStatus health_refresh_ties(Ctx *c, const int64_t *aTie, int nTie, Err *e);

typedef struct HealthQuery {
  union {                      /* the fields in the order of azHealthParam */
    struct { const char *zLevel, *zFlag, *zLessDeveloped, *zKind, *zAttention, *zSort, *zLimit, *zCursor; };
    const char *az[8];
  };
  int bPrev;                   /* add "prev_cursor" to the answer (the web page) */
} HealthQuery;
/* Stored health of the ties (recomputed first when stale: a new day, a new
** or changed tie), most urgent first. {"items":[...],"total","next_cursor",
** "as_of","thresholds"} ("prev_cursor" too when q->bPrev; keyset cursors,
** core/page.h). less_developed=1: partners in the World Bank's
** low or lower-middle income groups (country lists wb_low,
** wb_lower_middle). attention=1: only ties with a flag or not active. */
YcStatus health_list(Ctx *c, const HealthQuery *q, json_t **ppOut, Err *e);

#endif
