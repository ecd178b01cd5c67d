/*
** exchange_vocab.h: the vocabulary of the exchange log, shared by the log
** (exchange.c) and the health score (health.c), which reads the stored
** codes: the kinds of exchange, the fields of cooperation, and what a kind
** implies when an entry does not say.
*/
#ifndef YC_EXCHANGE_VOCAB_H
#define YC_EXCHANGE_VOCAB_H
#include <jansson.h>
#include "base/err.h"

#define EX_NKIND 13
#define EX_NFIELD 10

/* delegation_in, delegation_out, agreement, event, online_meeting,
** education, culture, tourism, trade_mission, health, sports, youth, other.
** The position is the kind's code in exchange_tie.kind. */
extern const char *const azExchangeKind[];
/* economy_trade, science_technology, education, culture, health, tourism,
** environment, government, youth, sports; bit i of exchange.fields. */
extern const char *const azExchangeField[];

/* Whether kind i is substantive unless an entry says otherwise: agreement,
** education, trade_mission and health are; delegations, events, online
** meetings, culture, tourism, sports, youth and other are protocol. */
int exchange_kind_substantive(int iKind);
/* The field bit a kind implies when an entry names none (education ->
** education, trade_mission -> economy_trade, ...), 0 for none. */
int exchange_kind_fields(int iKind);
/* Field names of a bit set as a JSON array. */
json_t *exchange_fields_json(int mask);
/* The member "fields" of the input object in (absent or null: nothing),
** an array of field names without repeats, added to the mask *pMask;
** *pbSet: whether it was given. YC_OK, or the error naming "fields". */
YcStatus exchange_fields_parse(json_t *in, int *pMask, int *pbSet, Err *e);

#endif
