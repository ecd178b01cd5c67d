/* routes.c: the one routing table; see route.h. */
#include <string.h>
#include "web/route.h"

const Route aRoute[] = {
  {"GET",    "/healthz",                   api_healthz, 0, 0},
  {"GET",    "/api/v1/partners",           api_partner_list, ROUTE_CACHE, 0},
  {"POST",   "/api/v1/partners",           api_partner_create, ROUTE_WRITE, 0},
  {"GET",    "/api/v1/partners/{}",        api_partner_get, ROUTE_CACHE, 0},
  {"PATCH",  "/api/v1/partners/{}",        api_partner_update, ROUTE_WRITE, 0},
  {"DELETE", "/api/v1/partners/{}",        api_partner_delete, ROUTE_WRITE, 0},
  {"GET",    "/api/v1/orgs",               api_org_list, ROUTE_CACHE, 0},
  {"POST",   "/api/v1/orgs",               api_org_create, ROUTE_WRITE, 0},
  {"GET",    "/api/v1/orgs/{}",            api_org_get, ROUTE_CACHE, 0},
  {"PATCH",  "/api/v1/orgs/{}",            api_org_update, ROUTE_WRITE, 0},
  {"DELETE", "/api/v1/orgs/{}",            api_org_delete, ROUTE_WRITE, 0},
  {"GET",    "/api/v1/countries",          api_countries, ROUTE_CACHE, 0},
  {"GET",    "/api/v1/cities",             api_cities, ROUTE_CACHE, 0},
  {"GET",    "/api/v1/cities/{}",          api_city_get, ROUTE_CACHE, 0},
  {"GET",    "/api/v1/industries",         api_industries, ROUTE_CACHE, 0},
  {"GET",    "/api/v1/stats",              api_stats, ROUTE_CACHE, 0},
  {"POST",   "/api/v1/import/partners",    api_import_partners, ROUTE_WRITE, 0},
  {"GET",    "/api/v1/me",                 api_me, 0, 0},
  {"GET",    "/static/{}",                 web_static, 0, 0},
  {"GET",    "/",                          ui_dashboard, 0, "dashboard"},
  {"GET",    "/partners",                  ui_partner_list, 0, "partners"},
  {"GET",    "/partners.csv",              ui_partner_csv, 0, 0},
  {"GET",    "/partners/new",              ui_partner_new, 0, 0},
  {"POST",   "/partners/new",              ui_partner_create, 0, 0},
  {"GET",    "/partners/{}",               ui_partner_page, 0, 0},
  {"GET",    "/partners/{}/edit",          ui_partner_edit, 0, 0},
  {"POST",   "/partners/{}/edit",          ui_partner_update, 0, 0},
  {"GET",    "/partners/{}/delete",        ui_partner_delete_ask, 0, 0},
  {"POST",   "/partners/{}/delete",        ui_partner_delete, 0, 0},
  {"GET",    "/orgs",                      ui_org_list, 0, "orgs"},
  {"GET",    "/orgs/new",                  ui_org_new, 0, 0},
  {"POST",   "/orgs/new",                  ui_org_create, 0, 0},
  {"GET",    "/orgs/{}",                   ui_org_page, 0, 0},
  {"GET",    "/orgs/{}/edit",              ui_org_edit, 0, 0},
  {"POST",   "/orgs/{}/edit",              ui_org_update, 0, 0},
  {"GET",    "/orgs/{}/delete",            ui_org_delete_ask, 0, 0},
  {"POST",   "/orgs/{}/delete",            ui_org_delete, 0, 0},
  {"GET",    "/login",                     ui_login_get, 0, 0},
  {"POST",   "/login",                     ui_login_post, 0, 0},
  {"POST",   "/logout",                    ui_logout, 0, 0},
  {0, 0, 0, 0, 0}
};

/* The feature tables, in navigation order. */
const Route *const apRouteTable[] = {aRoute, aRouteMatch, aRouteExchange, aRouteLayout, 0};

/* Match zPath against zPattern, capturing "{}" segments into r. */
static int route_match(Req *r, const char *zPattern, const char *zPath){
  int nArg = 0;
  const char *azArg[4];
  while( *zPattern && *zPath ){
    if( zPattern[0]=='{' && zPattern[1]=='}' ){
      const char *zEnd = strchr(zPath, '/');
      size_t n = zEnd ? (size_t)(zEnd - zPath) : strlen(zPath);
      if( n==0 || nArg>=4 ) return 0;
      azArg[nArg++] = arena_strndup(&r->arena, zPath, n);
      zPath += n;
      zPattern += 2;
    }else if( *zPattern==*zPath ){
      zPattern++;
      zPath++;
    }else{
      return 0;
    }
  }
  if( *zPattern || *zPath ) return 0;
  memcpy(r->azArg, azArg, sizeof(azArg[0])*(size_t)nArg);
  r->nArg = nArg;
  return 1;
}

const Route *route_find(Req *r, const char *zMethod, const char *zPath, int *pbPathKnown){
  *pbPathKnown = 0;
  for(int t=0; apRouteTable[t]; t++){
    for(const Route *p = apRouteTable[t]; p->zMethod; p++){
      if( !route_match(r, p->zPattern, zPath) ) continue;
      if( strcmp(p->zMethod, zMethod)==0 || (strcmp(zMethod, "HEAD")==0 && strcmp(p->zMethod, "GET")==0) ) return p;
      *pbPathKnown = 1;
    }
  }
  return 0;
}
