/* routes_match.c: the routes of industry profiles, opportunities and matching; see route.h. */
#include "web/route.h"

const Route aRouteMatch[] = {
  {0, 0, 0, 0, 0}
};
