/* routes_layout.c: the routes of layout analysis and the world twin-city network; see route.h. */
#include "web/route.h"

const Route aRouteLayout[] = {
  {0, 0, 0, 0, 0}
};
