/*
** subcity.h: sub-city units (boroughs, districts, wards, sections) told
** from cities by GeoNames evidence alone, so that a candidate list does not
** put Brooklyn beside New York City. No hand list: the rules read the
** feature code, the admin-1 and admin-2 codes, the population and the
** distance to a larger city of the same admin-1 division.
**
** The urban radius of a city Y is the radius of a disc that holds its
** people at SUBCITY_DENSITY people per km^2: R(Y) = sqrt(pop / (pi * d)).
** (New York City, 8.8 M people: 23.7 km; Boston, 676,000: 6.6 km.)
** A parent Y is a populated place proper (feature code PPL, PPLC or PPLA..
** PPLA5) of at least SUBCITY_PARENT_MIN people, in the same country and
** admin-1 division as X, with more people than X; a national capital
** (PPLC) is never a part.
**
**   section   X is a section of a populated place (PPLX) within R(Y).
**   division  Y has no admin-2 code although most places of its country
**             have one (at least SUBCITY_A2_USE of them), and the largest
**             place of each admin-2 division within R(Y) (each smaller than
**             Y) together hold at least SUBCITY_COMPOSED of Y's people: Y is
**             made of those divisions (New York City: its five boroughs,
**             Brooklyn, Queens, Manhattan, the Bronx and Staten Island, hold
**             95% of it). X within R(Y) whose admin-2 code is one of them is
**             part of Y. A city that merely lacks its admin-2 code and has
**             separate towns around it is not made of them (São Paulo: its
**             neighbour municipalities hold 48% of its number).
**
** Without admin-2 codes (a gazetteer that lacks them) only "section" runs.
*/
#ifndef YC_SUBCITY_H
#define YC_SUBCITY_H
#include <stdint.h>

#define SUBCITY_DENSITY     5000.0   /* people per km^2 for the urban radius */
#define SUBCITY_PARENT_MIN  100000   /* people of a parent city at least */
#define SUBCITY_A2_USE      0.5      /* share of a country's places with an admin-2 code */
#define SUBCITY_COMPOSED    0.6      /* share of a parent's people its divisions hold */

typedef struct SubPlace {
  int64_t id;
  const char *zFc;       /* GeoNames feature code ("PPLX") */
  const char *zA1;       /* admin-1 code, "" if none */
  const char *zA2;       /* admin-2 code, "" if none */
  int64_t pop;
  double lat, lng;
} SubPlace;

enum { SUBCITY_NONE = 0, SUBCITY_SECTION = 1, SUBCITY_DIVISION = 2 };

typedef struct SubPart {
  int iParent;           /* index in the input of the parent city, -1 if none */
  int eRule;             /* SUBCITY_NONE, _SECTION or _DIVISION */
  double km;             /* distance to the parent */
  double radius;         /* the parent's urban radius (km) */
  double composed;       /* division: share of the parent's people its divisions hold */
} SubPart;

/* The places of one country (any order; n >= 0): aOut[i] says whether
** a[i] is part of a larger city of a and of which (the most populous parent
** when several qualify). bAdmin2: the gazetteer has admin-2 codes. */
void subcity_find(const SubPlace *a, int n, int bAdmin2, SubPart *aOut);

/* The urban radius in km of a city of nPop people. */
double subcity_radius(int64_t nPop);

/* The rule's name ("section", "division") or 0. */
const char *subcity_rule_name(int eRule);

#endif
