/*
** demo.h: the bundled Jinan demo data (the TSV files in data/demo): ties with their
** sources, the organisations the 2019 commentary names, and the city's
** reported totals. Loading twice adds nothing.
*/
#ifndef YC_DEMO_H
#define YC_DEMO_H
#include "core/ctx.h"

#define DEMO_HOME_CITY_ID 1805753   /* Jinan, GeoNames */

typedef struct DemoCounts { int nTie, nOrg, nReported; } DemoCounts;

/* Load the demo data in one transaction. The home city must be Jinan. */
YcStatus demo_load(Ctx *c, DemoCounts *pn, Err *e);

#endif
