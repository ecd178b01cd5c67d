/* routes.c: the one routing table; see route.h. */
#include <string.h>
#include "web/route.h"
#include "web/api_exchange.h"
#include "web/ui_exchange.h"
#include "web/api_match.h"
#include "web/ui_match.h"
#include "web/layout_web.h"
#include "web/ui_people.h"
#include "web/api_event.h"
#include "web/ui_event.h"
#include "web/review_web.h"
#include "web/ui_export.h"
#include "web/ui_portal.h"
#include "web/news_web.h"
#include "web/api_params.h"
#include "core/partner.h"
#include "core/org.h"
#include "core/unit.h"
#include "core/opportunity.h"
#include "core/match.h"
#include "core/search.h"
#include "core/exchange.h"
#include "core/project.h"
#include "core/health.h"
#include "core/calendar.h"
#include "core/person.h"
#include "core/delegation.h"
#include "core/event.h"
#include "core/series.h"
#include "core/invitation.h"
#include "core/candidates.h"
#include "core/history.h"
#include "core/review.h"
#include "core/countrylist.h"
#include "core/news.h"
#include "web/ui_report.h"

/* Health and calendar answers depend on today's date and health refreshes
** itself when stale, so they are not cached. */
const Route aRoute[] = {
  /* --- registry, reference data, accounts (api_registry.c, api_ref.c, ui_partner.c, ui_org.c, ui_login.c) */
  ROUTE("GET",    "/healthz",                   api_healthz, 0, 0, "liveness: the database answers"),
  ROUTE("GET",    "/metrics",                   web_metrics, 0, 0, "Prometheus metrics (loopback or the metrics token): requests, latency, cache, imports"),
  API("GET",    "/api/v1/partners",           api_partner_list, ROUTE_CACHE, "partner-city ties, filtered, sorted and paged",
      .zResp="PartnerList", .azQuery=azPartnerParam),
  API("POST",   "/api/v1/partners",           api_partner_create, ROUTE_WRITE, "create a tie",
      .zResp="Partner", .status=201, .zBody="PartnerInput", .azBody=azTieField),
  API("GET",    "/api/v1/partners/{}",        api_partner_get, ROUTE_CACHE, "one tie with its city, sources and organisations",
      .zResp="Partner"),
  API("PATCH",  "/api/v1/partners/{}",        api_partner_update, ROUTE_WRITE, "change the fields given of a tie",
      .zResp="Partner", .zBody="PartnerInput", .azBody=azTieField),
  API("DELETE", "/api/v1/partners/{}",        api_partner_delete, ROUTE_WRITE, "delete a tie",
      .zResp="Deleted", .azQuery=azRecDeleteParam),
  API("GET",    "/api/v1/orgs",               api_org_list, ROUTE_CACHE, "organisations, filtered, sorted and paged",
      .zResp="OrgList", .azQuery=azOrgParam, .eAuth=API_OPTIONAL),
  API("POST",   "/api/v1/orgs",               api_org_create, ROUTE_WRITE, "create an organisation",
      .zResp="Org", .status=201, .zBody="OrgInput", .azBody=azOrgField),
  API("GET",    "/api/v1/orgs/{}",            api_org_get, ROUTE_CACHE, "one organisation",
      .zResp="Org", .eAuth=API_OPTIONAL),
  API("PATCH",  "/api/v1/orgs/{}",            api_org_update, ROUTE_WRITE, "change the fields given of an organisation",
      .zResp="Org", .zBody="OrgInput", .azBody=azOrgField),
  API("DELETE", "/api/v1/orgs/{}",            api_org_delete, ROUTE_WRITE, "delete an organisation",
      .zResp="Deleted", .azQuery=azRecDeleteParam),
  API("GET",    "/api/v1/countries",          api_countries, ROUTE_CACHE, "every country with names, region and borders",
      .zResp="Countries", .zTag="reference"),
  API("GET",    "/api/v1/cities",             api_cities, ROUTE_CACHE, "city name search over the GeoNames cities",
      .zResp="CityList", .azQuery=azCityParam, .zTag="reference"),
  API("GET",    "/api/v1/cities/{}",          api_city_get, ROUTE_CACHE, "one city by GeoNames id",
      .zResp="City", .zTag="reference"),
  API("PUT",    "/api/v1/cities/{}",          api_city_put, ROUTE_WRITE, "set or remove the office's own Chinese name of a city",
      .zResp="City", .zBody="CityNameInput", .zTag="reference"),
  API("GET",    "/api/v1/industries",         api_industries, ROUTE_CACHE, "ISIC Rev.4 sections and divisions",
      .zResp="IndustryList", .zTag="reference"),
  API("GET",    "/api/v1/stats",              api_stats, ROUTE_CACHE, "ties by kind, status, continent and decade, with reported figures",
      .zResp="Stats", .zTag="reference"),
  API("POST",   "/api/v1/import/partners",    api_import_partners, ROUTE_WRITE, "import ties from a CSV body",
      .zResp="ImportReport", .azQuery=azImportParam, .zBody="csv", .zTag="import"),
  API("GET",    "/api/v1/me",                 api_me, 0, "the logged-in user, role and CSRF token",
      .zResp="Me", .eAuth=API_SIGNED_IN, .zTag="accounts"),
  API("GET",    "/api/v1/openapi.json",       api_openapi, 0, "this API described in OpenAPI 3.1 (built from the route table)",
      .zResp="OpenApiDocument", .zTag="reference"),
  ROUTE("GET",    "/api/docs",                  ui_api_docs, 0, 0, "the API reference, rendered from the OpenAPI document"),
  ROUTE("GET",    "/static/{}",                 web_static, 0, 0, "embedded stylesheets, scripts, map data and icons"),
  ROUTE("GET",    "/",                          ui_dashboard, 0, "dashboard", "dashboard: the network at a glance"),
  ROUTE("GET",    "/partners",                  ui_partner_list, 0, "partners", "the registry of ties, with filters"),
  ROUTE("GET",    "/partners/new",              ui_partner_new, 0, 0, "form: new tie"),
  ROUTE("POST",   "/partners/new",              ui_partner_create, 0, 0, "create a tie from the form"),
  ROUTE("GET",    "/partners/{}",               ui_partner_page, 0, 0, "one tie: city, sources, organisations, health, profile"),
  ROUTE("GET",    "/partners/{}/edit",          ui_partner_edit, 0, 0, "form: edit a tie"),
  ROUTE("POST",   "/partners/{}/edit",          ui_partner_update, 0, 0, "save the tie form"),
  ROUTE("GET",    "/partners/{}/delete",        ui_partner_delete_ask, 0, 0, "confirm deleting a tie"),
  ROUTE("POST",   "/partners/{}/delete",        ui_partner_delete, 0, 0, "delete a tie (archived with what goes with it)"),
  ROUTE("POST",   "/partners/{}/end",           ui_partner_end, 0, 0, "end a tie: status ended, with its date"),
  ROUTE("GET",    "/orgs",                      ui_org_list, 0, "orgs", "organisations, with filters"),
  ROUTE("GET",    "/orgs/new",                  ui_org_new, 0, 0, "form: new organisation"),
  ROUTE("POST",   "/orgs/new",                  ui_org_create, 0, 0, "create an organisation from the form"),
  ROUTE("GET",    "/orgs/{}",                   ui_org_page, 0, 0, "one organisation, its offers and needs"),
  ROUTE("GET",    "/orgs/{}/edit",              ui_org_edit, 0, 0, "form: edit an organisation"),
  ROUTE("POST",   "/orgs/{}/edit",              ui_org_update, 0, 0, "save the organisation form"),
  ROUTE("GET",    "/orgs/{}/delete",            ui_org_delete_ask, 0, 0, "confirm deleting an organisation"),
  ROUTE("POST",   "/orgs/{}/delete",            ui_org_delete, 0, 0, "delete an organisation"),
  ROUTE("GET",    "/login",                     ui_login_get, 0, 0, "sign-in form"),
  ROUTE("POST",   "/login",                     ui_login_post, 0, 0, "sign in (starts a session)"),
  ROUTE("POST",   "/logout",                    ui_logout, 0, 0, "sign out"),
  /* --- accounts for admins (api_account.c) */
  API("GET",    "/api/v1/users",              api_users, 0, "users with role, state, last login and tokens (admin only)",
      .zResp="UserList", .eAuth=API_ADMIN, .zTag="accounts"),
  API("PATCH",  "/api/v1/users/{}",           api_user_patch, ROUTE_WRITE, "change a user's role or disable/enable them (admin only)",
      .zResp="User", .zBody="UserPatch", .eAuth=API_ADMIN, .zTag="accounts"),
  API("GET",    "/api/v1/tokens",             api_tokens, 0, "API tokens: name, created, last used, expiry (admin only)",
      .zResp="TokenList", .azQuery=azTokenParam, .eAuth=API_ADMIN, .zTag="accounts"),
  API("DELETE", "/api/v1/tokens/{}",          api_token_delete, ROUTE_WRITE, "revoke an API token (admin only)",
      .zResp="TokenRevoked", .eAuth=API_ADMIN, .zTag="accounts"),
  ROUTE("GET",    "/admin/users",               ui_admin_users, 0, 0, "users and their tokens (admin only)"),
  /* --- deleted records: the archive (api_archive.c) */
  API("GET",    "/api/v1/archive",            api_archive_list, 0, "deleted records with what went with them (admin only)",
      .zResp="ArchiveList", .azQuery=azArchiveParam, .eAuth=API_ADMIN),
  API("GET",    "/api/v1/archive/{}",         api_archive_get, 0, "one archive entry with its rows (admin only)",
      .zResp="ArchiveEntry", .eAuth=API_ADMIN),
  API("POST",   "/api/v1/archive/{}/restore", api_archive_restore, ROUTE_WRITE, "restore a deleted record and what went with it (admin only)",
      .zResp="ArchiveRestored", .eAuth=API_ADMIN),
  API("DELETE", "/api/v1/archive/{}",         api_archive_purge, ROUTE_WRITE, "remove an archive entry for good (admin only)",
      .zResp="ArchivePurged", .eAuth=API_ADMIN),
  API("GET",    "/api/v1/dependants",         api_dependants, 0, "what deleting a record would take with it (type, id)",
      .zResp="Dependants", .azQuery=azDependantsParam, .eAuth=API_SIGNED_IN, .zTag="archive"),
  ROUTE("GET",    "/archive",                   ui_archive_list, 0, 0, "deleted records, restorable (admin only)"),
  ROUTE("GET",    "/archive/{}",                ui_archive_page, 0, 0, "one deleted record and what went with it (admin only)"),
  ROUTE("POST",   "/archive/{}/restore",        ui_archive_restore, 0, 0, "restore a deleted record (admin only)"),
  ROUTE("POST",   "/archive/{}/purge",          ui_archive_purge, 0, 0, "remove an archive entry for good (admin only)"),
  ROUTE("POST",   "/admin/users/{}",            ui_admin_user_post, 0, 0, "change a user's role or state (admin only)"),
  ROUTE("POST",   "/admin/tokens/revoke",       ui_admin_token_revoke, 0, 0, "revoke an API token (admin only)"),
  /* --- units of the home side (ui_unit.c) */
  API("GET",    "/api/v1/units",              api_unit_list, 0, "units: the office, departments, districts, zones (q, kind)",
      .zResp="UnitList", .azQuery=azUnitParam, .eAuth=API_OPTIONAL),
  API("POST",   "/api/v1/units",              api_unit_create, ROUTE_WRITE, "create a unit (admin only)",
      .zResp="Unit", .status=201, .zBody="UnitInput", .azBody=azUnitField, .eAuth=API_ADMIN),
  API("GET",    "/api/v1/units/{}",           api_unit_get, 0, "one unit with its users and records",
      .zResp="Unit", .eAuth=API_OPTIONAL),
  API("PATCH",  "/api/v1/units/{}",           api_unit_update, ROUTE_WRITE, "change the fields given of a unit (admin only)",
      .zResp="Unit", .zBody="UnitInput", .azBody=azUnitField, .eAuth=API_ADMIN),
  API("DELETE", "/api/v1/units/{}",           api_unit_delete, ROUTE_WRITE, "delete a unit no user or record refers to (admin only)",
      .zResp="Deleted", .azQuery=azRecDeleteParam, .eAuth=API_ADMIN),
  ROUTE("GET",    "/admin/units",               ui_unit_list, 0, 0, "units, with search (admin changes them)"),
  ROUTE("GET",    "/admin/units/new",           ui_unit_new, 0, 0, "form: new unit"),
  ROUTE("POST",   "/admin/units/new",           ui_unit_create, 0, 0, "create a unit from the form"),
  ROUTE("GET",    "/admin/units/{}",            ui_unit_page, 0, 0, "one unit"),
  ROUTE("GET",    "/admin/units/{}/edit",       ui_unit_edit, 0, 0, "form: edit a unit"),
  ROUTE("POST",   "/admin/units/{}/edit",       ui_unit_update, 0, 0, "save the unit form"),
  ROUTE("GET",    "/admin/units/{}/delete",     ui_unit_delete_ask, 0, 0, "confirm deleting a unit"),
  ROUTE("POST",   "/admin/units/{}/delete",     ui_unit_delete, 0, 0, "delete a unit"),

  /* --- industry profiles, opportunities, matching (api_match.c, ui_match.c, ui_opportunity.c, ui_profile.c) */
  API("GET",    "/api/v1/opportunities",               api_opp_list, ROUTE_CACHE, "cooperation opportunities, filtered, sorted and paged",
      .zResp="OpportunityList", .azQuery=azOppParam, .eAuth=API_OPTIONAL),
  API("POST",   "/api/v1/opportunities",               api_opp_create, ROUTE_WRITE, "create an opportunity",
      .zResp="Opportunity", .status=201, .zBody="OpportunityInput", .azBody=azOppField),
  API("GET",    "/api/v1/opportunities/{}",            api_opp_get, 0, "one opportunity (the contact only for logged-in users)",
      .zResp="Opportunity", .eAuth=API_OPTIONAL),
  API("PATCH",  "/api/v1/opportunities/{}",            api_opp_update, ROUTE_WRITE, "change the fields given of an opportunity",
      .zResp="Opportunity", .zBody="OpportunityInput", .azBody=azOppField),
  API("DELETE", "/api/v1/opportunities/{}",            api_opp_delete, ROUTE_WRITE, "delete an opportunity",
      .zResp="Deleted", .azQuery=azRecDeleteParam),
  API("GET",    "/api/v1/opportunities/{}/matches",    api_opp_matches, ROUTE_CACHE, "ranked counterparts of an opportunity",
      .zResp="Matches", .azQuery=azMatchEntityParam, .eAuth=API_OPTIONAL, .zTag="matching"),
  API("GET",    "/api/v1/opportunities/{}/interests",  api_opp_interests, 0, "expressions of interest in an opportunity",
      .zResp="InterestList", .eAuth=API_SIGNED_IN),
  API("POST",   "/api/v1/opportunities/{}/interests",  api_opp_interest_create, ROUTE_WRITE, "express interest in an opportunity",
      .zResp="Interest", .status=201, .zBody="InterestInput"),
  API("GET",    "/api/v1/interests",                   api_interest_list, 0, "expressions of interest still unanswered",
      .zResp="InterestList", .azQuery=azInterestParam, .eAuth=API_SIGNED_IN, .zTag="opportunities"),
  API("PATCH",  "/api/v1/interests/{}",                api_interest_update, ROUTE_WRITE, "set the status of an expression of interest",
      .zResp="Interest", .zBody="InterestPatch", .zTag="opportunities"),
  API("GET",    "/api/v1/match",                       api_match, ROUTE_CACHE, "rank counterparts for free text and filters",
      .zResp="Matches", .azQuery=azMatchParam, .zTag="matching"),
  API("POST",   "/api/v1/match",                       api_match_post, 0, "the same match with a JSON body (long texts)",
      .zResp="Matches", .zBody="MatchInput", .zTag="matching"),
  API("GET",    "/api/v1/match/industries",            api_match_industries, ROUTE_CACHE, "the industries found in a text",
      .zResp="IndustriesFound", .azQuery=azMatchTextParam, .zTag="matching"),
  API("GET",    "/api/v1/search",                      api_search, ROUTE_CACHE, "search partners, organisations and opportunities",
      .zResp="SearchResult", .azQuery=azSearchParam, .eAuth=API_OPTIONAL, .zTag="matching"),
  API("GET",    "/api/v1/partners/{}/profile",         api_profile_get, ROUTE_CACHE, "a partner city's industry profile",
      .zResp="Profile", .zTag="profiles"),
  API("PUT",    "/api/v1/partners/{}/profile",         api_profile_put, ROUTE_WRITE, "replace a partner city's industry profile",
      .zResp="Profile", .zBody="ProfileInput", .zTag="profiles"),
  API("PATCH",  "/api/v1/partners/{}/profile",         api_profile_patch, ROUTE_WRITE, "replace the sections given of a profile",
      .zResp="Profile", .zBody="ProfileInput", .zTag="profiles"),
  API("GET",    "/api/v1/partners/{}/matches",         api_partner_matches, ROUTE_CACHE, "ranked counterparts of a partner city",
      .zResp="Matches", .azQuery=azMatchEntityParam, .eAuth=API_OPTIONAL, .zTag="matching"),
  API("GET",    "/api/v1/orgs/{}/offers",              api_offers_get, ROUTE_CACHE, "an organisation's offers and needs",
      .zResp="Offers", .eAuth=API_OPTIONAL, .zTag="profiles"),
  API("PUT",    "/api/v1/orgs/{}/offers",              api_offers_put, ROUTE_WRITE, "replace an organisation's offers and needs",
      .zResp="Offers", .zBody="OffersInput", .zTag="profiles"),
  API("PATCH",  "/api/v1/orgs/{}/offers",              api_offers_patch, ROUTE_WRITE, "replace the sections given of offers and needs",
      .zResp="Offers", .zBody="OffersInput", .zTag="profiles"),
  API("GET",    "/api/v1/orgs/{}/matches",             api_org_matches, ROUTE_CACHE, "ranked counterparts of an organisation",
      .zResp="Matches", .azQuery=azMatchEntityParam, .eAuth=API_OPTIONAL, .zTag="matching"),
  API("POST",   "/api/v1/import/profiles",             api_import_profiles, ROUTE_WRITE, "import profile items from a CSV body",
      .zResp="ImportReport", .azQuery=azImportParam, .zBody="csv", .zTag="import"),
  API("POST",   "/api/v1/import/opportunities",        api_import_opportunities, ROUTE_WRITE, "import opportunities from a CSV body",
      .zResp="ImportReport", .azQuery=azImportParam, .zBody="csv", .zTag="import"),
  ROUTE("GET",    "/opportunities",                      ui_opp_list, 0, "opportunities", "the opportunity marketplace, with facets and search"),
  ROUTE("GET",    "/opportunities/new",                  ui_opp_new, 0, 0, "form: new opportunity"),
  ROUTE("POST",   "/opportunities/new",                  ui_opp_create, 0, 0, "create an opportunity from the form"),
  ROUTE("GET",    "/opportunities/{}",                   ui_opp_page, 0, 0, "one opportunity, ranked matches, interests"),
  ROUTE("GET",    "/opportunities/{}/edit",              ui_opp_edit, 0, 0, "form: edit an opportunity"),
  ROUTE("POST",   "/opportunities/{}/edit",              ui_opp_update, 0, 0, "save the opportunity form"),
  ROUTE("GET",    "/opportunities/{}/delete",            ui_opp_delete_ask, 0, 0, "confirm deleting an opportunity"),
  ROUTE("POST",   "/opportunities/{}/delete",            ui_opp_delete, 0, 0, "delete an opportunity"),
  ROUTE("POST",   "/opportunities/{}/interest",          ui_interest_create, 0, 0, "express interest in an opportunity"),
  ROUTE("POST",   "/interests/{}/status",                ui_interest_status, 0, 0, "set the status of an expression of interest"),
  ROUTE("GET",    "/interests",                          ui_interest_list, 0, 0, "unanswered expressions of interest, for follow-up"),
  ROUTE("GET",    "/match",                              ui_match_page, 0, "match", "free-text matchmaking"),
  ROUTE("GET",    "/search",                             ui_search_page, 0, 0, "search partners, organisations and opportunities"),
  ROUTE("GET",    "/partners/{}/profile",                ui_profile_edit, 0, 0, "editor: a partner city's industry profile"),
  ROUTE("POST",   "/partners/{}/profile",                ui_profile_save, 0, 0, "add, replace or delete one profile item"),
  ROUTE("GET",    "/orgs/{}/offers",                     ui_offers_edit, 0, 0, "editor: an organisation's offers and needs"),
  ROUTE("POST",   "/orgs/{}/offers",                     ui_offers_save, 0, 0, "add, replace or delete one offer or need"),

  /* --- exchanges, projects, health, calendar (api_exchange.c, ui_exchange.c, ui_project.c, ui_health.c, ui_calendar.c) */
  API("GET",    "/api/v1/exchanges",             api_exchange_list, ROUTE_CACHE, "the exchange log, newest first",
      .zResp="ExchangeList", .azQuery=azExchangeParam),
  API("POST",   "/api/v1/exchanges",             api_exchange_create, ROUTE_WRITE, "record an exchange",
      .zResp="Exchange", .status=201, .zBody="ExchangeInput", .azBody=azExField),
  API("GET",    "/api/v1/exchanges/{}",          api_exchange_get, ROUTE_CACHE, "one exchange",
      .zResp="Exchange"),
  API("PATCH",  "/api/v1/exchanges/{}",          api_exchange_update, ROUTE_WRITE, "change the fields given of an exchange",
      .zResp="Exchange", .zBody="ExchangeInput", .azBody=azExField),
  API("DELETE", "/api/v1/exchanges/{}",          api_exchange_delete, ROUTE_WRITE, "delete an exchange",
      .zResp="Deleted", .azQuery=azRecDeleteParam),
  API("GET",    "/api/v1/agreements",            api_agreement_list, 0, "agreements (exchanges of kind agreement) by expiry",
      .zResp="AgreementList", .azQuery=azAgreementParam, .zTag="exchanges"),
  API("GET",    "/api/v1/projects",              api_project_list, 0, "cooperation projects",
      .zResp="ProjectList", .azQuery=azProjectParam),
  API("POST",   "/api/v1/projects",              api_project_create, ROUTE_WRITE, "create a project",
      .zResp="Project", .status=201, .zBody="ProjectInput", .azBody=azPjField),
  API("GET",    "/api/v1/projects/{}",           api_project_get, 0, "one project",
      .zResp="Project"),
  API("PATCH",  "/api/v1/projects/{}",           api_project_update, ROUTE_WRITE, "change the fields given of a project",
      .zResp="Project", .zBody="ProjectInput", .azBody=azPjField),
  API("DELETE", "/api/v1/projects/{}",           api_project_delete, ROUTE_WRITE, "delete a project",
      .zResp="Deleted", .azQuery=azRecDeleteParam),
  API("GET",    "/api/v1/partners/{}/health",    api_partner_health, 0, "one tie's health with its factors, computed now",
      .zResp="Health", .zTag="health"),
  API("GET",    "/api/v1/health",                api_health_list, 0, "every tie's health, most urgent first",
      .zResp="HealthList", .azQuery=azHealthParam),
  API("GET",    "/api/v1/health/thresholds",     api_health_thresholds, ROUTE_CACHE, "health thresholds per tie kind",
      .zResp="Thresholds"),
  API("PATCH",  "/api/v1/health/thresholds",     api_health_thresholds_update, ROUTE_WRITE, "change one kind's health thresholds",
      .zResp="Thresholds", .zBody="ThresholdsPatch", .eAuth=API_ADMIN),
  API("GET",    "/api/v1/calendar",              api_calendar, 0, "anniversaries of ties and agreement expiries",
      .zResp="Calendar", .azQuery=azCalendarParam),
  API("POST",   "/api/v1/import/exchanges",      api_import_exchanges, ROUTE_WRITE, "import exchanges from a CSV body",
      .zResp="ImportReport", .azQuery=azImportParam, .zBody="csv", .zTag="import"),
  ROUTE("GET",    "/exchanges",                    ui_exchange_list, 0, "exchanges", "the exchange log, with filters"),
  ROUTE("GET",    "/exchanges/new",                ui_exchange_new, 0, 0, "form: new exchange"),
  ROUTE("POST",   "/exchanges/new",                ui_exchange_create, 0, 0, "record an exchange from the form"),
  ROUTE("GET",    "/exchanges/{}",                 ui_exchange_page, 0, 0, "one exchange"),
  ROUTE("GET",    "/exchanges/{}/edit",            ui_exchange_edit, 0, 0, "form: edit an exchange"),
  ROUTE("POST",   "/exchanges/{}/edit",            ui_exchange_update, 0, 0, "save the exchange form"),
  ROUTE("GET",    "/exchanges/{}/delete",          ui_exchange_delete_ask, 0, 0, "confirm deleting an exchange"),
  ROUTE("POST",   "/exchanges/{}/delete",          ui_exchange_delete, 0, 0, "delete an exchange"),
  ROUTE("GET",    "/projects",                     ui_project_board, 0, "projects", "the project pipeline by stage"),
  ROUTE("GET",    "/projects/new",                 ui_project_new, 0, 0, "form: new project"),
  ROUTE("POST",   "/projects/new",                 ui_project_create, 0, 0, "create a project from the form"),
  ROUTE("GET",    "/projects/{}",                  ui_project_page, 0, 0, "one project"),
  ROUTE("GET",    "/projects/{}/edit",             ui_project_edit, 0, 0, "form: edit a project"),
  ROUTE("POST",   "/projects/{}/edit",             ui_project_update, 0, 0, "save the project form"),
  ROUTE("GET",    "/projects/{}/delete",           ui_project_delete_ask, 0, 0, "confirm deleting a project"),
  ROUTE("POST",   "/projects/{}/delete",           ui_project_delete, 0, 0, "delete a project"),
  ROUTE("GET",    "/health",                       ui_health_page, 0, "health", "ties needing attention, and the thresholds"),
  ROUTE("POST",   "/health/thresholds",            ui_health_thresholds_post, 0, 0, "save one kind's thresholds"),
  ROUTE("GET",    "/calendar",                     ui_calendar_page, 0, 0, "anniversaries and agreement expiries"),
  ROUTE("GET",    "/calendar.ics",                 ui_calendar_ics, 0, 0, "the calendar as an iCalendar feed"),

  /* --- people and delegations (api_people.c, ui_people.c, ui_delegation.c); people need a signed-in user,
  ** delegation answers differ for signed-in users: none is cached */
  API("GET",    "/api/v1/people",                api_people_list, 0, "people: contacts and friends of the city (signed-in users only)",
      .zResp="PersonList", .azQuery=azPersonParam, .eAuth=API_SIGNED_IN),
  API("POST",   "/api/v1/people",                api_person_create, ROUTE_WRITE, "create a person",
      .zResp="Person", .status=201, .zBody="PersonInput", .azBody=azPsField),
  API("GET",    "/api/v1/people/{}",             api_person_get, 0, "one person with their delegations and events (signed-in users only)",
      .zResp="Person", .eAuth=API_SIGNED_IN),
  API("PATCH",  "/api/v1/people/{}",             api_person_update, ROUTE_WRITE, "change the fields given of a person",
      .zResp="Person", .zBody="PersonInput", .azBody=azPsField),
  API("DELETE", "/api/v1/people/{}",             api_person_delete, ROUTE_WRITE, "delete a person",
      .zResp="Deleted", .azQuery=azRecDeleteParam),
  API("POST",   "/api/v1/people/{}/erase",       api_person_erase, ROUTE_WRITE, "erase a person on request: every personal field, also from the audit trail",
      .zResp="Person", .zTag="people"),
  API("GET",    "/api/v1/delegations",           api_delegation_list, 0, "delegations (visits), upcoming and past",
      .zResp="DelegationList", .azQuery=azDelegationParam, .eAuth=API_OPTIONAL),
  API("POST",   "/api/v1/delegations",           api_delegation_create, ROUTE_WRITE, "create a delegation",
      .zResp="Delegation", .status=201, .zBody="DelegationInput", .azBody=azDgField),
  API("GET",    "/api/v1/delegations/{}",        api_delegation_get, 0, "one delegation with its programme (head and members for signed-in users)",
      .zResp="Delegation", .eAuth=API_OPTIONAL),
  API("PATCH",  "/api/v1/delegations/{}",        api_delegation_update, ROUTE_WRITE, "change the fields given of a delegation",
      .zResp="Delegation", .zBody="DelegationInput", .azBody=azDgField),
  API("DELETE", "/api/v1/delegations/{}",        api_delegation_delete, ROUTE_WRITE, "delete a delegation (and its exchange)",
      .zResp="Deleted", .azQuery=azRecDeleteParam),
  ROUTE("GET",    "/delegations",                  ui_delegation_list, 0, "delegations", "delegations (visits), with filters"),
  ROUTE("GET",    "/delegations/new",              ui_delegation_new, 0, 0, "form: new delegation"),
  ROUTE("POST",   "/delegations/new",              ui_delegation_create, 0, 0, "create a delegation from the form"),
  ROUTE("GET",    "/delegations/{}",               ui_delegation_page, 0, 0, "one delegation: programme, members"),
  ROUTE("GET",    "/delegations/{}/edit",          ui_delegation_edit, 0, 0, "form: edit a delegation"),
  ROUTE("POST",   "/delegations/{}/edit",          ui_delegation_update, 0, 0, "save the delegation form"),
  ROUTE("GET",    "/delegations/{}/delete",        ui_delegation_delete_ask, 0, 0, "confirm deleting a delegation"),
  ROUTE("POST",   "/delegations/{}/delete",        ui_delegation_delete, 0, 0, "delete a delegation"),
  ROUTE("GET",    "/people",                       ui_people_list, 0, "people", "people, with search and filters (signed-in users only)"),
  ROUTE("GET",    "/people/new",                   ui_person_new, 0, 0, "form: new person"),
  ROUTE("POST",   "/people/new",                   ui_person_create, 0, 0, "create a person from the form"),
  ROUTE("GET",    "/people/{}",                    ui_person_page, 0, 0, "one person and their history (signed-in users only)"),
  ROUTE("GET",    "/people/{}/edit",               ui_person_edit, 0, 0, "form: edit a person"),
  ROUTE("POST",   "/people/{}/edit",               ui_person_update, 0, 0, "save the person form"),
  ROUTE("GET",    "/people/{}/delete",             ui_person_delete_ask, 0, 0, "confirm deleting a person"),
  ROUTE("POST",   "/people/{}/delete",             ui_person_delete, 0, 0, "delete a person"),
  ROUTE("GET",    "/people/{}/erase",              ui_person_erase_ask, 0, 0, "confirm erasing a person on request"),
  ROUTE("POST",   "/people/{}/erase",              ui_person_erase, 0, 0, "erase a person on request"),
  ROUTE("GET",    "/friends",                      ui_friends_page, 0, 0, "friends of the city with their history (signed-in users only)"),

  /* --- events, invitations, series and networks, participation (api_event.c, ui_event.c). Answers
  ** depend on who asks (private events, personal data), so none is cached. */
  API("GET",    "/api/v1/events",                api_event_list, 0, "events, filtered (q, series, kind, status, from, to, tie, upcoming) and paged",
      .zResp="EventList", .azQuery=azEventParam, .eAuth=API_OPTIONAL),
  API("POST",   "/api/v1/events",                api_event_create, ROUTE_WRITE, "create an event",
      .zResp="Event", .status=201, .zBody="EventInput", .azBody=azEvField),
  API("GET",    "/api/v1/events/{}",             api_event_get, 0, "one event",
      .zResp="Event", .eAuth=API_OPTIONAL),
  API("PATCH",  "/api/v1/events/{}",             api_event_update, ROUTE_WRITE, "change the fields given of an event",
      .zResp="Event", .zBody="EventInput", .azBody=azEvField),
  API("DELETE", "/api/v1/events/{}",             api_event_delete, ROUTE_WRITE, "delete an event with its invitations and exchange",
      .zResp="Deleted", .azQuery=azRecDeleteParam),
  API("GET",    "/api/v1/events/{}/invitations", api_invitation_list, 0, "the invitations of an event",
      .zResp="InvitationList", .eAuth=API_OPTIONAL, .zTag="events"),
  API("POST",   "/api/v1/events/{}/invitations", api_invitation_create, ROUTE_WRITE, "invite a tie, organisation or person",
      .zResp="Invitation", .status=201, .zBody="InvitationInput", .azBody=azInvField, .zTag="events"),
  API("GET",    "/api/v1/invitations/{}",        api_invitation_get, 0, "one invitation",
      .zResp="Invitation", .eAuth=API_OPTIONAL, .zTag="events"),
  API("PATCH",  "/api/v1/invitations/{}",        api_invitation_update, ROUTE_WRITE, "change an invitation (status, dates, size, head)",
      .zResp="Invitation", .zBody="InvitationInput", .azBody=azInvField, .zTag="events"),
  API("DELETE", "/api/v1/invitations/{}",        api_invitation_delete, ROUTE_WRITE, "delete an invitation",
      .zResp="Deleted", .azQuery=azRecDeleteParam, .zTag="events"),
  API("GET",    "/api/v1/series",                api_series_list, 0, "event series and networks",
      .zResp="SeriesList", .azQuery=azSeriesParam, .eAuth=API_OPTIONAL, .zTag="events"),
  API("POST",   "/api/v1/series",                api_series_create, ROUTE_WRITE, "create a series or network",
      .zResp="Series", .status=201, .zBody="SeriesInput", .azBody=azSeriesField, .zTag="events"),
  API("GET",    "/api/v1/series/{}",             api_series_get, 0, "one series or network with members and editions",
      .zResp="Series", .eAuth=API_OPTIONAL, .zTag="events"),
  API("PATCH",  "/api/v1/series/{}",             api_series_update, ROUTE_WRITE, "change the fields given of a series",
      .zResp="Series", .zBody="SeriesInput", .azBody=azSeriesField, .zTag="events"),
  API("DELETE", "/api/v1/series/{}",             api_series_delete, ROUTE_WRITE, "delete a series (its events stay)",
      .zResp="Deleted", .azQuery=azRecDeleteParam, .zTag="events"),
  API("GET",    "/api/v1/series/{}/members",     api_series_members, 0, "the members of a network",
      .zResp="SeriesMembers", .eAuth=API_OPTIONAL, .zTag="events"),
  API("POST",   "/api/v1/series/{}/members",     api_series_member_add, ROUTE_WRITE, "add a member city or organisation",
      .zResp="SeriesMember", .status=201, .zBody="SeriesMemberInput", .zTag="events"),
  API("DELETE", "/api/v1/series/{}/members/{}",  api_series_member_remove, ROUTE_WRITE, "remove a member",
      .zResp="SeriesMemberRemoved", .azPath=(const char*const[]){"id", "member", 0}, .zTag="events"),
  API("GET",    "/api/v1/participation",         api_participation, 0, "the participation matrix: ties x events",
      .zResp="Participation", .azQuery=azMatrixParam, .eAuth=API_OPTIONAL, .zTag="events"),
  API("GET",    "/api/v1/layout/unnetworked",    api_layout_unnetworked, 0, "partners in no network",
      .zResp="Unnetworked", .zTag="layout"),
  ROUTE("GET",    "/events",                       ui_event_list, 0, "events", "events by month, past and planned, with filters"),
  ROUTE("GET",    "/events/new",                   ui_event_new, 0, 0, "form: new event"),
  ROUTE("POST",   "/events/new",                   ui_event_create, 0, 0, "create an event from the form"),
  ROUTE("GET",    "/events/{}",                    ui_event_page, 0, 0, "one event with its invitations"),
  ROUTE("GET",    "/events/{}/edit",               ui_event_edit, 0, 0, "form: edit an event"),
  ROUTE("POST",   "/events/{}/edit",               ui_event_update, 0, 0, "save the event form"),
  ROUTE("GET",    "/events/{}/delete",             ui_event_delete_ask, 0, 0, "confirm deleting an event"),
  ROUTE("POST",   "/events/{}/delete",             ui_event_delete, 0, 0, "delete an event"),
  ROUTE("POST",   "/events/{}/invite",             ui_invitation_create, 0, 0, "invite a tie from the event page"),
  ROUTE("POST",   "/invitations/{}/status",        ui_invitation_status, 0, 0, "set the status of an invitation"),
  ROUTE("POST",   "/invitations/{}/delete",        ui_invitation_delete, 0, 0, "delete an invitation"),
  ROUTE("GET",    "/series",                       ui_series_list, 0, 0, "event series and networks"),
  ROUTE("GET",    "/series/new",                   ui_series_new, 0, 0, "form: new series or network"),
  ROUTE("POST",   "/series/new",                   ui_series_create, 0, 0, "create a series from the form"),
  ROUTE("GET",    "/series/{}",                    ui_series_page, 0, 0, "one series or network: members and editions"),
  ROUTE("GET",    "/series/{}/edit",               ui_series_edit, 0, 0, "form: edit a series"),
  ROUTE("POST",   "/series/{}/edit",               ui_series_update, 0, 0, "save the series form"),
  ROUTE("GET",    "/series/{}/delete",             ui_series_delete_ask, 0, 0, "confirm deleting a series"),
  ROUTE("POST",   "/series/{}/delete",             ui_series_delete, 0, 0, "delete a series"),
  ROUTE("POST",   "/series/{}/members",            ui_series_member_add, 0, 0, "add a member from the series page"),
  ROUTE("POST",   "/series/{}/members/{}/delete",  ui_series_member_remove, 0, 0, "remove a member from the series page"),
  ROUTE("GET",    "/participation",                ui_participation, 0, 0, "the participation matrix: ties x events"),

  /* --- layout analysis, country lists, the world twin-city network (api_layout.c, ui_layout.c, ui_twins.c) */
  API("GET",    "/api/v1/layout",                api_layout, ROUTE_CACHE, "layout analysis: ties by region, coverage and gaps of the lists",
      .zResp="Layout", .azQuery=azLayoutParam),
  API("GET",    "/api/v1/layout/candidates",     api_layout_candidates, ROUTE_CACHE, "ranked candidate partner cities",
      .zResp="Candidates", .azQuery=azCandidateParam, .zTag="layout"),
  API("GET",    "/api/v1/lists",                 api_lists, ROUTE_CACHE, "the country lists",
      .zResp="CountryLists", .zTag="layout"),
  API("POST",   "/api/v1/lists",                 api_list_create, ROUTE_WRITE, "create a country list",
      .zResp="CountryList", .status=201, .zBody="CountryListInput", .azBody=azListField, .zTag="layout"),
  API("GET",    "/api/v1/lists/{}",              api_list_get, ROUTE_CACHE, "one country list with its members",
      .zResp="CountryList", .azPath=(const char*const[]){"key", 0}, .zTag="layout"),
  API("PATCH",  "/api/v1/lists/{}",              api_list_update, ROUTE_WRITE, "change a list you made",
      .zResp="CountryList", .zBody="CountryListInput", .azBody=azListField, .azPath=(const char*const[]){"key", 0}, .zTag="layout"),
  API("DELETE", "/api/v1/lists/{}",              api_list_delete, ROUTE_WRITE, "delete a list you made",
      .zResp="ListDeleted", .azPath=(const char*const[]){"key", 0}, .zTag="layout"),
  API("POST",   "/api/v1/import/twins",          api_import_twins, ROUTE_WRITE, "import a twin-town dataset from a CSV body",
      .zResp="TwinImportReport", .azQuery=azTwinImportParam, .zBody="csv", .zTag="import"),
  API("GET",    "/api/v1/twins",                 api_twins, ROUTE_CACHE, "the world twin-city network: imports and counts",
      .zResp="Twins", .zTag="network"),
  API("GET",    "/api/v1/twins/review",          api_twins_review, ROUTE_CACHE, "imported rows to review: not resolved, or resolved with low confidence",
      .zResp="TwinReview", .azQuery=azTwinReviewParam, .zTag="network"),
  API("GET",    "/api/v1/twins/fixes",           api_twins_fixes, ROUTE_CACHE, "the sides of imported rows fixed by hand",
      .zResp="TwinFixes", .zTag="network"),
  API("POST",   "/api/v1/twins/fixes",           api_twins_fix, ROUTE_WRITE, "fix a side by hand: the right city, or not a city",
      .zResp="TwinFix", .zBody="TwinFixInput", .zTag="network"),
  API("GET",    "/api/v1/network/cities/{}",     api_network_city, ROUTE_CACHE, "a city's twins in the world network",
      .zResp="NetworkCity", .azPath=(const char*const[]){"geonameid", 0}, .zTag="network"),
  API("GET",    "/api/v1/network/countries/{}",  api_network_country, ROUTE_CACHE, "the most-connected cities of a country",
      .zResp="NetworkCountry", .azQuery=azNetworkCountryParam, .azPath=(const char*const[]){"iso2", 0}, .zTag="network"),
  ROUTE("GET",    "/layout",                       ui_layout, 0, "layout", "layout analysis: map, coverage, gaps"),
  ROUTE("GET",    "/layout/gaps.csv",              ui_layout_gaps_csv, 0, 0, "the gaps of a list as CSV"),
  ROUTE("GET",    "/layout/candidates",            ui_candidates, 0, 0, "ranked candidate partner cities"),
  ROUTE("POST",   "/layout/candidates/propose",    ui_candidate_propose, 0, 0, "propose a candidate city as a candidate tie"),
  ROUTE("GET",    "/lists",                        ui_lists, 0, 0, "the country lists"),
  ROUTE("GET",    "/lists/new",                    ui_list_new, 0, 0, "form: new country list"),
  ROUTE("POST",   "/lists/new",                    ui_list_create, 0, 0, "create a country list from the form"),
  ROUTE("GET",    "/lists/{}",                     ui_list_page, 0, 0, "one country list, its coverage and gaps"),
  ROUTE("GET",    "/lists/{}/edit",                ui_list_edit, 0, 0, "form: edit a list you made"),
  ROUTE("POST",   "/lists/{}/edit",                ui_list_update, 0, 0, "save the list form"),
  ROUTE("POST",   "/lists/{}/expand",              ui_list_expand, 0, 0, "mark a list expand (candidates even where ties exist) or not"),
  ROUTE("GET",    "/lists/{}/delete",              ui_list_delete_ask, 0, 0, "confirm deleting a list"),
  ROUTE("POST",   "/lists/{}/delete",              ui_list_delete, 0, 0, "delete a list"),
  ROUTE("GET",    "/twins",                        ui_twins, 0, 0, "the world twin-city network: imports, and an import form"),
  ROUTE("POST",   "/twins/import",                 ui_twins_import, 0, 0, "import a twin-town dataset (file upload)"),
  ROUTE("GET",    "/twins/review",                 ui_twins_review, 0, 0, "imported rows to review, and a form to fix each side"),
  ROUTE("POST",   "/twins/fix",                    ui_twins_fix, 0, 0, "fix a side of an imported row by hand"),
  ROUTE("GET",    "/twins/unresolved",             ui_twins_unresolved, 0, 0, "the former review page: redirects to /twins/review"),
  ROUTE("GET",    "/network",                      ui_network, 0, 0, "the world twin-city network by country"),
  ROUTE("GET",    "/network/countries/{}",         ui_network_country, 0, 0, "the most-connected cities of a country"),
  ROUTE("GET",    "/network/cities/{}",            ui_network_city, 0, 0, "a city's twins"),
  ROUTE("POST",   "/network/cities/{}/name",       ui_network_city_name, 0, 0, "set or clear the office's own Chinese name of a city"),
  /* --- news and documents, their mentions and attachments (api_news.c, ui_news.c). Answers depend
  ** on who asks (drafts), so none is cached. */
  API("GET",    "/api/v1/news",                  api_news_list, 0, "news items and documents, filtered (q, kind, lang, status, tie, org, event, year, unit) and paged",
      .zResp="NewsList", .azQuery=azNewsParam, .eAuth=API_OPTIONAL),
  API("POST",   "/api/v1/news",                  api_news_create, ROUTE_WRITE, "create a news item or document (the mention finder suggests its links)",
      .zResp="News", .status=201, .zBody="NewsInput", .azBody=azNewsField),
  API("GET",    "/api/v1/news/{}",               api_news_get, 0, "one news item with its links and attachments",
      .zResp="News", .eAuth=API_OPTIONAL),
  API("PATCH",  "/api/v1/news/{}",               api_news_update, ROUTE_WRITE, "change the fields given of a news item (publish: status published)",
      .zResp="News", .zBody="NewsInput", .azBody=azNewsField),
  API("DELETE", "/api/v1/news/{}",               api_news_delete, ROUTE_WRITE, "delete a news item with its links and attachments",
      .zResp="Deleted", .azQuery=azRecDeleteParam),
  API("PUT",    "/api/v1/news/{}/links",         api_news_links, ROUTE_WRITE, "confirm, reject or add links of a news item to ties, organisations, events, people",
      .zResp="News", .zBody="NewsLinksInput"),
  API("POST",   "/api/v1/news/{}/attachments",   api_news_attach, ROUTE_WRITE, "attach a file (raw body, ?filename=): type checked by content",
      .zResp="NewsAttachment", .status=201, .azQuery=azNewsAttachParam, .zBody="binary"),
  API("GET",    "/api/v1/news/{}/attachments/{}", api_news_attachment, 0, "an attachment's file, as a download that never runs",
      .zType="*/*", .eAuth=API_OPTIONAL, .azPath=(const char*const[]){"id", "attachment_id", 0}),
  API("DELETE", "/api/v1/news/{}/attachments/{}", api_news_detach, ROUTE_WRITE, "remove an attachment",
      .zResp="NewsDetached", .azPath=(const char*const[]){"id", "attachment_id", 0}),
  API("POST",   "/api/v1/mentions",              api_news_mentions, 0, "the partner cities, organisations, events and people a text mentions",
      .zResp="Mentions", .zBody="MentionInput", .eAuth=API_OPTIONAL, .zTag="news"),
  ROUTE("GET",    "/news",                         ui_news_list, 0, "news", "news and documents, with filters"),
  ROUTE("GET",    "/news/new",                     ui_news_new, 0, 0, "form: new news item or document"),
  ROUTE("POST",   "/news/new",                     ui_news_create, 0, 0, "create a news item from the form"),
  ROUTE("GET",    "/news/{}",                      ui_news_page, 0, 0, "one news item: text, mentions (suggestions to confirm), attachments"),
  ROUTE("GET",    "/news/{}/edit",                 ui_news_edit, 0, 0, "form: edit a news item"),
  ROUTE("POST",   "/news/{}/edit",                 ui_news_update, 0, 0, "save the news form"),
  ROUTE("GET",    "/news/{}/delete",               ui_news_delete_ask, 0, 0, "confirm deleting a news item"),
  ROUTE("POST",   "/news/{}/delete",               ui_news_delete, 0, 0, "delete a news item"),
  ROUTE("POST",   "/news/{}/links",                ui_news_link, 0, 0, "confirm, reject or add one link of a news item"),
  ROUTE("POST",   "/news/{}/attachments",          ui_news_upload, 0, 0, "upload an attachment (multipart form)"),
  ROUTE("POST",   "/news/{}/attachments/{}/delete", ui_news_detach, 0, 0, "remove an attachment"),
  ROUTE("GET",    "/news/{}/history",              ui_news_history, 0, 0, "a news item's history, with a revert button per version"),
  ROUTE("POST",   "/news/{}/revert",               ui_news_revert, 0, 0, "revert a news item to a version of its history"),
  /* --- history of records, the audit log, revert (api_history.c, ui_history.c); signed-in users only */
  API("GET",    "/api/v1/audit",                 api_audit, 0, "the audit log: who changed which record when, filtered and paged",
      .zResp="AuditLog", .azQuery=azAuditParam, .eAuth=API_SIGNED_IN, .zTag="history"),
  API("GET",    "/api/v1/{}/{}/history",         api_history, 0, "a record's history: who, when, which fields from what to what",
      .zResp="History", .azQuery=azHistoryParam, .eAuth=API_SIGNED_IN, .azPath=(const char*const[]){"type", "id", 0}, .zTag="history"),
  API("POST",   "/api/v1/{}/{}/revert",          api_revert, ROUTE_WRITE, "revert a record to an earlier version (admin, editor)",
      .zResp="Reverted", .zBody="RevertInput", .azPath=(const char*const[]){"type", "id", 0}, .zTag="history"),
  ROUTE("GET",    "/audit",                        ui_audit, 0, "audit", "the audit log, with filters"),
  ROUTE("GET",    "/partners/{}/history",          ui_partner_history, 0, 0, "a tie's history, with a revert button per version"),
  ROUTE("POST",   "/partners/{}/revert",           ui_partner_revert, 0, 0, "revert a tie record to a version of its history"),
  ROUTE("GET",    "/orgs/{}/history",              ui_org_history, 0, 0, "an organisation's history, with a revert button per version"),
  ROUTE("POST",   "/orgs/{}/revert",               ui_org_revert, 0, 0, "revert an organisation record to a version of its history"),
  ROUTE("GET",    "/exchanges/{}/history",         ui_exchange_history, 0, 0, "an exchange's history, with a revert button per version"),
  ROUTE("POST",   "/exchanges/{}/revert",          ui_exchange_revert, 0, 0, "revert an exchange record to a version of its history"),
  ROUTE("GET",    "/projects/{}/history",          ui_project_history, 0, 0, "a project's history, with a revert button per version"),
  ROUTE("POST",   "/projects/{}/revert",           ui_project_revert, 0, 0, "revert a project record to a version of its history"),
  ROUTE("GET",    "/opportunities/{}/history",     ui_opportunity_history, 0, 0, "an opportunity's history, with a revert button per version"),
  ROUTE("POST",   "/opportunities/{}/revert",      ui_opportunity_revert, 0, 0, "revert an opportunity record to a version of its history"),
  ROUTE("GET",    "/people/{}/history",            ui_person_history, 0, 0, "a person's history, with a revert button per version"),
  ROUTE("POST",   "/people/{}/revert",             ui_person_revert, 0, 0, "revert a person record to a version of its history"),
  ROUTE("GET",    "/delegations/{}/history",       ui_delegation_history, 0, 0, "a delegation's history, with a revert button per version"),
  ROUTE("POST",   "/delegations/{}/revert",        ui_delegation_revert, 0, 0, "revert a delegation record to a version of its history"),
  ROUTE("GET",    "/events/{}/history",            ui_event_history, 0, 0, "an event's history, with a revert button per version"),
  ROUTE("POST",   "/events/{}/revert",             ui_event_revert, 0, 0, "revert an event record to a version of its history"),
  ROUTE("GET",    "/series/{}/history",            ui_series_history, 0, 0, "a series' or network's history, with a revert button per version"),
  ROUTE("POST",   "/series/{}/revert",             ui_series_revert, 0, 0, "revert a series record to a version of its history"),
  ROUTE("GET",    "/lists/{}/history",             ui_list_history, 0, 0, "a country list's history, with a revert button per version"),
  ROUTE("POST",   "/lists/{}/revert",              ui_list_revert, 0, 0, "revert a country list to a version of its history"),

  /* --- review before publishing (api_review.c) */
  API("POST",   "/api/v1/opportunities/{}/review", api_opp_review, ROUTE_WRITE, "a review step on an opportunity: submit, publish, return",
      .zResp="ReviewStep", .zBody="ReviewInput", .zTag="review"),
  API("POST",   "/api/v1/orgs/{}/review",          api_org_review, ROUTE_WRITE, "a review step on an organisation's profile",
      .zResp="ReviewStep", .zBody="ReviewInput", .zTag="review"),
  API("POST",   "/api/v1/orgs/{}/offers/review",   api_offers_review, ROUTE_WRITE, "a review step on an organisation's offers and needs",
      .zResp="ReviewStep", .zBody="ReviewInput", .zTag="review"),
  API("GET",    "/api/v1/review",                  api_review_list, 0, "the review queue, or the caller's own records and their states",
      .zResp="ReviewList", .azQuery=azReviewParam, .eAuth=API_SIGNED_IN, .zTag="review"),
  ROUTE("GET",    "/review",                         ui_review_queue, 0, 0, "review: the queue (editors) or one's own records and their states"),
  ROUTE("POST",   "/review/{}/{}",                   ui_review_post, 0, 0, "a review step from the page: submit, publish, return with a reason"),
  /* --- exports of the list views, and the import of an export (ui_export.c): the list's filters, every row */
  ROUTE("GET",    "/partners.csv",                   ui_partner_csv, 0, 0, "the current view of /partners as CSV"),
  ROUTE("GET",    "/partners.xlsx",                  ui_partner_xlsx, 0, 0, "the current view of /partners as XLSX"),
  ROUTE("GET",    "/orgs.csv",                       ui_org_csv, 0, 0, "the current view of /orgs as CSV"),
  ROUTE("GET",    "/orgs.xlsx",                      ui_org_xlsx, 0, 0, "the current view of /orgs as XLSX"),
  ROUTE("GET",    "/exchanges.csv",                  ui_exchange_csv, 0, 0, "the current view of /exchanges as CSV"),
  ROUTE("GET",    "/exchanges.xlsx",                 ui_exchange_xlsx, 0, 0, "the current view of /exchanges as XLSX"),
  ROUTE("GET",    "/projects.csv",                   ui_project_csv, 0, 0, "the current view of /projects as CSV"),
  ROUTE("GET",    "/projects.xlsx",                  ui_project_xlsx, 0, 0, "the current view of /projects as XLSX"),
  ROUTE("GET",    "/opportunities.csv",              ui_opp_csv, 0, 0, "the current view of /opportunities as CSV"),
  ROUTE("GET",    "/opportunities.xlsx",             ui_opp_xlsx, 0, 0, "the current view of /opportunities as XLSX"),
  ROUTE("GET",    "/events.csv",                     ui_event_csv, 0, 0, "the current view of /events as CSV"),
  ROUTE("GET",    "/events.xlsx",                    ui_event_xlsx, 0, 0, "the current view of /events as XLSX"),
  ROUTE("GET",    "/people.csv",                     ui_people_csv, 0, 0, "the current view of /people as CSV (signed-in users only)"),
  ROUTE("GET",    "/people.xlsx",                    ui_people_xlsx, 0, 0, "the current view of /people as XLSX (signed-in users only)"),
  ROUTE("GET",    "/delegations.csv",                ui_delegation_csv, 0, 0, "the current view of /delegations as CSV"),
  ROUTE("GET",    "/delegations.xlsx",               ui_delegation_xlsx, 0, 0, "the current view of /delegations as XLSX"),
  ROUTE("GET",    "/audit.csv",                      ui_audit_csv, 0, 0, "the current view of /audit as CSV (signed-in users only)"),
  ROUTE("GET",    "/audit.xlsx",                     ui_audit_xlsx, 0, 0, "the current view of /audit as XLSX (signed-in users only)"),
  API("POST",   "/api/v1/import/{}",               api_import_type, ROUTE_WRITE, "import a CSV export of orgs, projects, events, people or delegations",
      .zResp="ImportReport", .azQuery=azImportParam, .zBody="csv", .zTag="import", .azPath=(const char*const[]){"import_type", 0}),

  /* --- the public portal, in Chinese and in English (ui_portal.c); the same anonymous view for everyone */
  ROUTE("GET",    "/portal",                         ui_portal_home, ROUTE_CACHE, 0, "public portal: the map of the partner cities, counts, events, how to cooperate"),
  ROUTE("GET",    "/portal/partners",                ui_portal_partners, ROUTE_CACHE, 0, "public portal: the partner cities by continent and country, searchable"),
  ROUTE("GET",    "/portal/partners/{}",             ui_portal_partner, ROUTE_CACHE, 0, "public portal: one partner city, its tie, milestones, events, organisations"),
  ROUTE("GET",    "/portal/news",                    ui_portal_news, ROUTE_CACHE, 0, "public portal: the published news and documents"),
  ROUTE("GET",    "/portal/news/{}",                 ui_portal_news_item, ROUTE_CACHE, 0, "public portal: one published news item, with the partner cities it is about"),
  ROUTE("GET",    "/portal/events",                  ui_portal_events, ROUTE_CACHE, 0, "public portal: upcoming and past public events"),
  ROUTE("GET",    "/portal/cooperate",               ui_portal_cooperate, ROUTE_CACHE, 0, "public portal: how to cooperate, the open published opportunities"),
  ROUTE("GET",    "/en/portal",                      ui_portal_home, ROUTE_CACHE, 0, "public portal in English: home"),
  ROUTE("GET",    "/en/portal/partners",             ui_portal_partners, ROUTE_CACHE, 0, "public portal in English: the partner cities"),
  ROUTE("GET",    "/en/portal/partners/{}",          ui_portal_partner, ROUTE_CACHE, 0, "public portal in English: one partner city"),
  ROUTE("GET",    "/en/portal/news",                 ui_portal_news, ROUTE_CACHE, 0, "public portal in English: news"),
  ROUTE("GET",    "/en/portal/news/{}",              ui_portal_news_item, ROUTE_CACHE, 0, "public portal in English: one news item"),
  ROUTE("GET",    "/en/portal/events",               ui_portal_events, ROUTE_CACHE, 0, "public portal in English: public events"),
  ROUTE("GET",    "/en/portal/cooperate",            ui_portal_cooperate, ROUTE_CACHE, 0, "public portal in English: how to cooperate"),

  /* --- the annual report (ui_report.c); not cached: the current year's figures depend on today */
  API("GET",    "/api/v1/reports",                 api_report_years, 0, "the years with records the annual report counts",
      .zResp="ReportYears", .eAuth=API_OPTIONAL),
  API("GET",    "/api/v1/reports/{}",              api_report, 0, "the annual report of a year, with the year before and the change",
      .zResp="Report", .eAuth=API_OPTIONAL, .azPath=(const char*const[]){"year", 0}),
  ROUTE("GET",    "/reports",                        ui_report_list, 0, "reports", "annual reports: the years with records"),
  ROUTE("GET",    "/reports/{}",                     ui_report_page, 0, 0, "the annual report of a year (YEAR.xlsx: as a workbook)"),
  {0, 0, 0, 0, 0, 0, 0, 0}
};

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
  for(const Route *p = aRoute; p->zMethod; p++){
    if( !route_match(r, p->zPattern, zPath) ) continue;
    if( strcmp(p->zMethod, zMethod)==0 || (strcmp(zMethod, "HEAD")==0 && strcmp(p->zMethod, "GET")==0) ) return p;
    *pbPathKnown = 1;
  }
  return 0;
}

const char *route_allow(Req *r, const char *zPath){
  Buf b = BUF_INIT;
  const char *azSeen[8];
  int nSeen = 0;
  for(const Route *p = aRoute; p->zMethod; p++){
    if( !route_match(r, p->zPattern, zPath) ) continue;
    for(int k=0; k<2; k++){
      const char *zM = k==0 ? p->zMethod : strcmp(p->zMethod, "GET")==0 ? "HEAD" : 0;
      int bSeen = !zM;
      for(int i=0; i<nSeen && !bSeen; i++) bSeen = strcmp(azSeen[i], zM)==0;
      if( bSeen || nSeen>=8 ) continue;
      azSeen[nSeen++] = zM;
      if( b.n ) buf_puts(&b, ", ");
      buf_puts(&b, zM);
    }
  }
  const char *z = arena_strdup(&r->arena, b.n ? buf_str(&b) : "");
  buf_free(&b);
  return z;
}
