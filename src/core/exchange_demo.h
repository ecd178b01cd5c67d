/*
** exchange_demo.h: the demo projects and exchanges (data/demo/
** jinan_projects.tsv, jinan_exchanges.tsv): only those the 2019 commentary
** names, with only the dates it gives. Loading twice adds nothing. Also
** the start-up step of `youcheng init`: every tie's health computed.
*/
#ifndef YC_EXCHANGE_DEMO_H
#define YC_EXCHANGE_DEMO_H
#include "core/ctx.h"

typedef struct ExchangeInitCounts { int nProject, nExchange, nHealth; } ExchangeInitCounts;

/* With bDemo (home city Jinan), load the demo projects and exchanges; then
** recompute the health of every tie. One transaction. */
YcStatus exchange_init(Ctx *c, int bDemo, ExchangeInitCounts *pn, Err *e);

#endif
