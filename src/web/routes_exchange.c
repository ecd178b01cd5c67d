/* routes_exchange.c: the routes of exchanges, projects, relationship health and the calendar; see route.h. */
#include "web/route.h"
#include "web/api_exchange.h"
#include "web/ui_exchange.h"

/* Health and calendar answers depend on today's date and health refreshes
** itself when stale, so they are not cached. */
const Route aRouteExchange[] = {
  {"GET",    "/api/v1/exchanges",             api_exchange_list, ROUTE_CACHE, 0},
  {"POST",   "/api/v1/exchanges",             api_exchange_create, ROUTE_WRITE, 0},
  {"GET",    "/api/v1/exchanges/{}",          api_exchange_get, ROUTE_CACHE, 0},
  {"PATCH",  "/api/v1/exchanges/{}",          api_exchange_update, ROUTE_WRITE, 0},
  {"DELETE", "/api/v1/exchanges/{}",          api_exchange_delete, ROUTE_WRITE, 0},
  {"GET",    "/api/v1/agreements",            api_agreement_list, 0, 0},
  {"GET",    "/api/v1/projects",              api_project_list, 0, 0},
  {"POST",   "/api/v1/projects",              api_project_create, ROUTE_WRITE, 0},
  {"GET",    "/api/v1/projects/{}",           api_project_get, 0, 0},
  {"PATCH",  "/api/v1/projects/{}",           api_project_update, ROUTE_WRITE, 0},
  {"DELETE", "/api/v1/projects/{}",           api_project_delete, ROUTE_WRITE, 0},
  {"GET",    "/api/v1/partners/{}/health",    api_partner_health, 0, 0},
  {"GET",    "/api/v1/health",                api_health_list, 0, 0},
  {"GET",    "/api/v1/health/thresholds",     api_health_thresholds, ROUTE_CACHE, 0},
  {"PATCH",  "/api/v1/health/thresholds",     api_health_thresholds_update, ROUTE_WRITE, 0},
  {"GET",    "/api/v1/calendar",              api_calendar, 0, 0},
  {"POST",   "/api/v1/import/exchanges",      api_import_exchanges, ROUTE_WRITE, 0},
  {"GET",    "/exchanges",                    ui_exchange_list, 0, "exchanges"},
  {"GET",    "/exchanges/new",                ui_exchange_new, 0, 0},
  {"POST",   "/exchanges/new",                ui_exchange_create, 0, 0},
  {"GET",    "/exchanges/{}",                 ui_exchange_page, 0, 0},
  {"GET",    "/exchanges/{}/edit",            ui_exchange_edit, 0, 0},
  {"POST",   "/exchanges/{}/edit",            ui_exchange_update, 0, 0},
  {"GET",    "/exchanges/{}/delete",          ui_exchange_delete_ask, 0, 0},
  {"POST",   "/exchanges/{}/delete",          ui_exchange_delete, 0, 0},
  {"GET",    "/projects",                     ui_project_board, 0, "projects"},
  {"GET",    "/projects/new",                 ui_project_new, 0, 0},
  {"POST",   "/projects/new",                 ui_project_create, 0, 0},
  {"GET",    "/projects/{}",                  ui_project_page, 0, 0},
  {"GET",    "/projects/{}/edit",             ui_project_edit, 0, 0},
  {"POST",   "/projects/{}/edit",             ui_project_update, 0, 0},
  {"GET",    "/projects/{}/delete",           ui_project_delete_ask, 0, 0},
  {"POST",   "/projects/{}/delete",           ui_project_delete, 0, 0},
  {"GET",    "/health",                       ui_health_page, 0, "health"},
  {"POST",   "/health/thresholds",            ui_health_thresholds_post, 0, 0},
  {"GET",    "/calendar",                     ui_calendar_page, 0, 0},
  {"GET",    "/calendar.ics",                 ui_calendar_ics, 0, 0},
  {0, 0, 0, 0, 0}
};
