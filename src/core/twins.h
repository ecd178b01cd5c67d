/*
** twins.h: the world twin-city network. Public twin-town datasets are
** imported row by row (twins_import.c); each place is resolved to a
** GeoNames city by name (folded, with qualifiers and district parts tried,
** "St." written out, other scripts transliterated, alternate names and
** exonyms), within the stated country (country strings normalised with
** the country table and data/country_aliases.tsv), with coordinates
** choosing only among same-name places near them (twins.c). Every row is
** kept with how each side resolved and with what confidence; the pairs
** are derived from all rows, so the order of imports does not matter.
*/
#ifndef YC_TWINS_H
#define YC_TWINS_H
#include <stddef.h>
#include <jansson.h>
#include "core/ctx.h"
#include "base/buf.h"
#include "core/twins_load.h"

/* The resolver (types, open/close, resolve, fix keys): core/twins_load.h,
** included here. */

#endif
