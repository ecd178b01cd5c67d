/* routes_exchange.c: the routes of exchanges, projects, relationship health and the calendar; see route.h. */
#include "web/route.h"

const Route aRouteExchange[] = {
  {0, 0, 0, 0, 0}
};
