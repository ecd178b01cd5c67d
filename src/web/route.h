/*
** route.h: the routing table. Every web route (API, pages, static files)
** is one line of aRoute (routes.c): method, pattern, handler, flags,
** navigation key and a one-line description. The server dispatches
** through it, the header navigation and `youcheng help --routes` are
** built from it, and tools/check_index.js checks it against the
** "API:"/"WEBPAGE:" marker above each handler and against doc/.
*/
#ifndef YC_ROUTE_H
#define YC_ROUTE_H
#include "web/http.h"

typedef void (*Handler)(Req*, Resp*);

/* Who may call an API route (ApiOp.eAuth). A ROUTE_WRITE route is
** API_WRITER at least (bearer token, or session cookie with X-CSRF-Token). */
enum {
  API_PUBLIC = 0,     /* anyone; credentials are not looked at */
  API_OPTIONAL,       /* anyone; a signed-in caller may see more */
  API_SIGNED_IN,      /* any signed-in user (401 without credentials) */
  API_WRITER,         /* a signed-in user who may write (not a viewer) */
  API_ADMIN           /* admins only (403 for others) */
};

/*
** The OpenAPI declaration of an API route (/api/v1/...): what
** GET /api/v1/openapi.json and the reference page /api/docs say of it
** (web/openapi.c builds both from aRoute). Written inline in the route's
** line with API(...) and designated initializers; every field may be left
** out. Schema names are the components of data/openapi/schemas.json.
*/
typedef struct ApiOp {
  const char *zResp;             /* the success answer's schema; 0: no body */
  int status;                    /* its status; 0: 200 */
  const char *zType;             /* the success answer's media type when it is
                                 ** not JSON (e.g. "text/csv"): a body of that
                                 ** type, zResp unused */
  const char *const *azQuery;    /* the query parameters: THE array the handler
                                 ** checks (http_query, http_check_params); the
                                 ** server refuses to run a handler that checks
                                 ** another set. 0: none */
  const char *zBody;             /* request body: a schema name, "csv" or "binary"
                                 ** (text/csv; "binary": any bytes); 0: none */
  const char *const *azBody;     /* the fields the core function accepts (its
                                 ** in_known_fields array): the zBody schema is
                                 ** made from them, typed as in zResp */
  int eAuth;                     /* API_PUBLIC (default) ... API_ADMIN */
  const char *const *azPath;     /* names of the "{}" segments; 0: {"id"} */
  const char *zTag;              /* group; 0: the segment after /api/v1/ */
  const char *zParams;           /* JSON text {"name": {"description", "schema",
                                 ** "required"}}: parameter docs of this route
                                 ** overriding the shared ones (openapi.c) */
} ApiOp;

#define ROUTE_WRITE 1   /* needs an authenticated user who may write */
#define ROUTE_CACHE 2   /* public GET answer that may be cached (see cache.h) */

typedef struct Route {
  const char *zMethod;
  const char *zPattern;   /* segments; "{}" matches one segment */
  Handler xHandler;
  const char *zHandler;   /* the handler's name (for the index and its check) */
  int flags;
  const char *zNav;       /* GET pages in the header navigation: the key
                          ** "nav.X" names the link; 0 for other routes */
  const char *zDesc;      /* one line: what the route answers or does */
  const ApiOp *pApi;      /* API routes: the OpenAPI declaration (API(...));
                          ** one missing under /api/v1 fails the tests */
} Route;

/* One entry of aRoute: ROUTE("GET", "/path/{}", handler, flags, navKey, "description"). */
#define ROUTE(M, P, H, F, N, D) {M, P, H, #H, F, N, D, 0}
/* An API route with its OpenAPI declaration (see ApiOp), e.g.
**   API("GET", "/api/v1/orgs/{}", api_org_get, ROUTE_CACHE, "one organisation",
**       .zResp="Org", .eAuth=API_OPTIONAL)                                     */
#define API(M, P, H, F, D, ...) {M, P, H, #H, F, 0, D, &(const ApiOp){__VA_ARGS__}}

/* The one table, ending with {0}. Order matters: route_find takes the
** first match, and the navigation lists the zNav routes in table order
** (registry, matching, exchanges, layout). */
extern const Route aRoute[];

/* Find the route for method and path; fills r->azArg. *pbPathKnown is set
** when some route matches the path with another method (405). */
const Route *route_find(Req *r, const char *zMethod, const char *zPath, int *pbPathKnown);
/* The methods aRoute has for zPath, as an Allow header's value ("GET,
** HEAD, POST"; HEAD with GET), in r's arena; "" when none. */
const char *route_allow(Req *r, const char *zPath);

/* Handlers. */
void api_healthz(Req*, Resp*);
void web_metrics(Req*, Resp*);    /* web/metrics.c */
void api_openapi(Req*, Resp*);
void ui_api_docs(Req*, Resp*);
void api_partner_list(Req*, Resp*);
void api_partner_get(Req*, Resp*);
void api_partner_create(Req*, Resp*);
void api_partner_update(Req*, Resp*);
void api_partner_delete(Req*, Resp*);
void api_org_list(Req*, Resp*);
void api_org_get(Req*, Resp*);
void api_org_create(Req*, Resp*);
void api_org_update(Req*, Resp*);
void api_org_delete(Req*, Resp*);
void api_countries(Req*, Resp*);
void api_cities(Req*, Resp*);
void api_city_get(Req*, Resp*);
void api_city_put(Req*, Resp*);
void api_industries(Req*, Resp*);
void api_stats(Req*, Resp*);
void api_import_partners(Req*, Resp*);
void api_me(Req*, Resp*);
void api_users(Req*, Resp*);
void api_user_patch(Req*, Resp*);
void api_unit_list(Req*, Resp*);
void api_unit_create(Req*, Resp*);
void api_unit_get(Req*, Resp*);
void api_unit_update(Req*, Resp*);
void api_unit_delete(Req*, Resp*);
void ui_unit_list(Req*, Resp*);
void ui_unit_page(Req*, Resp*);
void ui_unit_new(Req*, Resp*);
void ui_unit_create(Req*, Resp*);
void ui_unit_edit(Req*, Resp*);
void ui_unit_update(Req*, Resp*);
void ui_unit_delete_ask(Req*, Resp*);
void ui_unit_delete(Req*, Resp*);
void api_tokens(Req*, Resp*);
void api_token_delete(Req*, Resp*);
void ui_admin_users(Req*, Resp*);
void ui_admin_user_post(Req*, Resp*);
void ui_admin_token_revoke(Req*, Resp*);
void api_archive_list(Req*, Resp*);
void api_archive_get(Req*, Resp*);
void api_archive_restore(Req*, Resp*);
void api_archive_purge(Req*, Resp*);
void api_dependants(Req*, Resp*);
void ui_archive_list(Req*, Resp*);
void ui_archive_page(Req*, Resp*);
void ui_archive_restore(Req*, Resp*);
void ui_archive_purge(Req*, Resp*);
void web_static(Req*, Resp*);
void ui_dashboard(Req*, Resp*);
void ui_partner_list(Req*, Resp*);
void ui_partner_page(Req*, Resp*);
void ui_partner_new(Req*, Resp*);
void ui_partner_create(Req*, Resp*);
void ui_partner_edit(Req*, Resp*);
void ui_partner_update(Req*, Resp*);
void ui_partner_delete_ask(Req*, Resp*);
void ui_partner_delete(Req*, Resp*);
void ui_partner_end(Req*, Resp*);
void ui_org_list(Req*, Resp*);
void ui_org_page(Req*, Resp*);
void ui_org_new(Req*, Resp*);
void ui_org_create(Req*, Resp*);
void ui_org_edit(Req*, Resp*);
void ui_org_update(Req*, Resp*);
void ui_org_delete_ask(Req*, Resp*);
void ui_org_delete(Req*, Resp*);
void ui_login_get(Req*, Resp*);
void ui_login_post(Req*, Resp*);
void ui_logout(Req*, Resp*);
/* history (api_history.c, ui_history.c) */
void api_audit(Req*, Resp*);
void api_history(Req*, Resp*);
void api_revert(Req*, Resp*);
void ui_audit(Req*, Resp*);
void ui_list_history(Req*, Resp*);
void ui_list_revert(Req*, Resp*);
void ui_partner_history(Req*, Resp*);
void ui_partner_revert(Req*, Resp*);
void ui_org_history(Req*, Resp*);
void ui_org_revert(Req*, Resp*);
void ui_exchange_history(Req*, Resp*);
void ui_exchange_revert(Req*, Resp*);
void ui_project_history(Req*, Resp*);
void ui_project_revert(Req*, Resp*);
void ui_opportunity_history(Req*, Resp*);
void ui_opportunity_revert(Req*, Resp*);
void ui_person_history(Req*, Resp*);
void ui_person_revert(Req*, Resp*);
void ui_delegation_history(Req*, Resp*);
void ui_delegation_revert(Req*, Resp*);
void ui_event_history(Req*, Resp*);
void ui_event_revert(Req*, Resp*);
void ui_series_history(Req*, Resp*);
void ui_series_revert(Req*, Resp*);

#endif
