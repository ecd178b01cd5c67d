/* routes_layout.c: the routes of layout analysis and the world twin-city network; see route.h. */
#include "web/route.h"
#include "web/layout_web.h"

const Route aRouteLayout[] = {
  {"GET",    "/api/v1/layout",                api_layout, ROUTE_CACHE, 0},
  {"GET",    "/api/v1/layout/candidates",     api_layout_candidates, ROUTE_CACHE, 0},
  {"GET",    "/api/v1/lists",                 api_lists, ROUTE_CACHE, 0},
  {"POST",   "/api/v1/lists",                 api_list_create, ROUTE_WRITE, 0},
  {"GET",    "/api/v1/lists/{}",              api_list_get, ROUTE_CACHE, 0},
  {"PATCH",  "/api/v1/lists/{}",              api_list_update, ROUTE_WRITE, 0},
  {"DELETE", "/api/v1/lists/{}",              api_list_delete, ROUTE_WRITE, 0},
  {"POST",   "/api/v1/import/twins",          api_import_twins, ROUTE_WRITE, 0},
  {"GET",    "/api/v1/twins",                 api_twins, ROUTE_CACHE, 0},
  {"GET",    "/api/v1/twins/unresolved",      api_twins_unresolved, ROUTE_CACHE, 0},
  {"GET",    "/api/v1/network/cities/{}",     api_network_city, ROUTE_CACHE, 0},
  {"GET",    "/api/v1/network/countries/{}",  api_network_country, ROUTE_CACHE, 0},
  {"GET",    "/layout",                       ui_layout, 0, "layout"},
  {"GET",    "/layout/gaps.csv",              ui_layout_gaps_csv, 0, 0},
  {"GET",    "/layout/candidates",            ui_candidates, 0, 0},
  {"POST",   "/layout/candidates/propose",    ui_candidate_propose, 0, 0},
  {"GET",    "/lists",                        ui_lists, 0, 0},
  {"GET",    "/lists/new",                    ui_list_new, 0, 0},
  {"POST",   "/lists/new",                    ui_list_create, 0, 0},
  {"GET",    "/lists/{}",                     ui_list_page, 0, 0},
  {"GET",    "/lists/{}/edit",                ui_list_edit, 0, 0},
  {"POST",   "/lists/{}/edit",                ui_list_update, 0, 0},
  {"GET",    "/lists/{}/delete",              ui_list_delete_ask, 0, 0},
  {"POST",   "/lists/{}/delete",              ui_list_delete, 0, 0},
  {"GET",    "/twins",                        ui_twins, 0, 0},
  {"POST",   "/twins/import",                 ui_twins_import, 0, 0},
  {"GET",    "/twins/unresolved",             ui_twins_unresolved, 0, 0},
  {"GET",    "/network",                      ui_network, 0, 0},
  {"GET",    "/network/countries/{}",         ui_network_country, 0, 0},
  {"GET",    "/network/cities/{}",            ui_network_city, 0, 0},
  {0, 0, 0, 0, 0}
};
