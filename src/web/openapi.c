/* openapi.c: the OpenAPI 3.1 document built from aRoute; see openapi.h. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include "web/openapi.h"
#include "base/asset.h"
#include "base/json.h"
#include "base/log.h"

/* An embedded JSON file as a jansson object. */
static YcStatus load_asset(const char *zName, json_t **pj, Err *e){
  size_t n = 0;
  const unsigned char *p = asset_find(zName, &n);
  json_error_t je;
  *pj = p ? json_loadb((const char*)p, n, JSON_REJECT_DUPLICATES, &je) : 0;
  if( !*pj || !json_is_object(*pj) ){
    json_decref(*pj);
    *pj = 0;
    return err_set(e, YC_EINTERNAL, "openapi", 0, "%s: %s", zName, p ? je.text : "not embedded");
  }
  return YC_OK;
}

static json_t *ref(const char *zSchema){
  char z[160];
  snprintf(z, sizeof z, "#/components/schemas/%s", zSchema);
  return json_pack("{s:s}", "$ref", z);
}

/* The access level of a route: its declaration's, at least API_WRITER
** for a ROUTE_WRITE route. */
static int route_access(const Route *rt){
  int a = rt->pApi->eAuth;
  if( (rt->flags & ROUTE_WRITE) && a<API_WRITER ) a = API_WRITER;
  return a;
}

static const char *const azAccess[] = {"public", "optional", "signed-in", "writer", "admin"};

/* The security requirements of an access level (0: none, public). */
static json_t *security(int a){
  if( a==API_PUBLIC ) return 0;
  json_t *s = json_array();
  if( a==API_OPTIONAL ) json_array_append_new(s, json_object());
  json_array_append_new(s, json_pack("{s:[]}", "bearer"));
  if( a>=API_WRITER ) json_array_append_new(s, json_pack("{s:[], s:[]}", "session", "csrf"));
  else json_array_append_new(s, json_pack("{s:[]}", "session"));
  return s;
}

static json_t *error_response(const char *zDesc){
  return json_pack("{s:s, s:{s:{s:o}}}", "description", zDesc,
                   "content", "application/json", "schema", ref("Error"));
}

/* One parameter object: its description and schema from the route's
** own zParams, else from the shared dictionary. */
static YcStatus param(const Route *rt, const json_t *own, const json_t *dict, const char *zName,
                      const char *zIn, json_t *aOut, Err *e){
  const json_t *d = own ? json_object_get(own, zName) : 0;
  if( !d ) d = json_object_get(dict, zName);
  const json_t *sch = json_object_get(d, "schema");
  const char *zDesc = jstr0(d, "description");
  if( !sch || !zDesc || !zDesc[0] )
    return err_set(e, YC_EINTERNAL, "openapi", zName, "%s %s: parameter '%s' is not described (data/openapi/params.json)",
                   rt->zMethod, rt->zPattern, zName);
  int bReq = strcmp(zIn, "path")==0 || json_is_true(json_object_get(d, "required"));
  json_array_append_new(aOut, json_pack("{s:s, s:s, s:s, s:b, s:O}", "name", zName, "in", zIn,
                                        "description", zDesc, "required", bReq, "schema", sch));
  return YC_OK;
}

static YcStatus need_schema(const Route *rt, const json_t *schemas, const char *z, Err *e){
  if( json_object_get(schemas, z) ) return YC_OK;
  return err_set(e, YC_EINTERNAL, "openapi", 0, "%s %s: no schema '%s' in data/openapi/schemas.json",
                 rt->zMethod, rt->zPattern, z);
}

/* 1 if sch is a plain value schema (types of scalars, or an array of
** them) that an input field of the same name may share. */
static int scalar_schema(const json_t *sch){
  const json_t *t = json_object_get(sch, "type");
  if( !t || json_object_get(sch, "properties") ) return 0;
  if( json_is_string(t) && strcmp(json_string_value(t), "array")==0 ) return scalar_schema(json_object_get(sch, "items"));
  size_t i;
  json_t *v;
  if( json_is_array(t) ){
    json_array_foreach(t, i, v) if( strcmp(json_string_value(v), "object")==0 || strcmp(json_string_value(v), "array")==0 ) return 0;
  }else if( strcmp(json_string_value(t), "object")==0 ){
    return 0;
  }
  return 1;
}

/* The body schema zBody of a route declaring the fields its core function
** accepts (azBody): each field typed as the answer's property of the same
** name when that is a plain value, no other field. */
static void body_schema(const Route *rt, json_t *schemas){
  const ApiOp *o = rt->pApi;
  const json_t *rec = json_object_get(json_object_get(schemas, o->zResp ? o->zResp : ""), "properties");
  json_t *props = json_object();
  for(int i=0; o->azBody[i]; i++){
    const json_t *s = json_object_get(rec, o->azBody[i]);
    size_t n = strlen(o->azBody[i]);
    json_t *f;
    if( s && scalar_schema(s) ) f = json_deep_copy(s);
    else if( n>3 && strcmp(o->azBody[i] + n - 3, "_id")==0 ) f = json_pack("{s:[s, s], s:i}", "type", "integer", "null", "minimum", 1);
    else f = json_object();
    json_object_set_new(props, o->azBody[i], f);
  }
  if( strcmp(rt->zMethod, "POST")!=0 ){
    json_object_set_new(props, "version", json_pack("{s:s, s:s}", "type", "integer", "description",
                        "the version the change expects (as If-Match); 409 when the record changed since"));
  }
  char zDesc[300];
  snprintf(zDesc, sizeof zDesc, "the fields to write (a PATCH gives those it changes; see %s for their meaning, "
           "references are written as ids); any other field is refused with 400", o->zResp ? o->zResp : "the answer");
  json_t *old = json_object_get(schemas, o->zBody);
  if( old ){     /* POST and PATCH of a type share it: one list of properties */
    json_object_update_missing(json_object_get(old, "properties"), props);
    json_decref(props);
    return;
  }
  json_object_set_new(schemas, o->zBody, json_pack("{s:s, s:s, s:o, s:b}", "type", "object", "description", zDesc,
                                                   "properties", props, "additionalProperties", 0));
}

/* The operation object of one route; *pzPath gets its path template. */
static YcStatus operation(const Route *rt, const json_t *dict, json_t *schemas,
                          char *zPath, size_t nPath, json_t **ppOp, Err *e){
  const ApiOp *o = rt->pApi;
  static const char *const azId[] = {"id", 0};
  const char *const *azPath = o->azPath ? o->azPath : azId;
  json_t *own = 0;
  YcStatus st = YC_OK;
  *ppOp = 0;
  if( o->zParams ){
    json_error_t je;
    own = json_loads(o->zParams, 0, &je);
    if( !json_is_object(own) ){
      json_decref(own);
      return err_set(e, YC_EINTERNAL, "openapi", 0, "%s %s: zParams: %s", rt->zMethod, rt->zPattern, je.text);
    }
  }
  json_t *op = json_pack("{s:s, s:s}", "operationId", rt->zHandler, "summary", rt->zDesc);
  json_t *aParam = json_array();
  /* The path template: "{}" segments named in order. */
  size_t k = 0;
  int iArg = 0;
  for(const char *p = rt->zPattern; *p && k+1<nPath; p++){
    if( p[0]=='{' && p[1]=='}' ){
      const char *zName = azPath[iArg] ? azPath[iArg] : "";
      if( !azPath[iArg] ){ st = err_set(e, YC_EINTERNAL, "openapi", 0, "%s %s: name every {} (azPath)", rt->zMethod, rt->zPattern); break; }
      int n = snprintf(zPath + k, nPath - k, "{%s}", zName);
      if( n<0 || (size_t)n>=nPath-k ) break;
      k += (size_t)n;
      p++;
      if( !st ) st = param(rt, own, dict, zName, "path", aParam, e);
      iArg++;
    }else{
      zPath[k++] = *p;
    }
  }
  zPath[k] = 0;
  for(int i=0; !st && o->azQuery && o->azQuery[i]; i++) st = param(rt, own, dict, o->azQuery[i], "query", aParam, e);
  json_decref(own);
  /* The group: the declaration's tag, else the segment after /api/v1/. */
  char zTag[40];
  if( o->zTag ) snprintf(zTag, sizeof zTag, "%s", o->zTag);
  else{
    const char *z = rt->zPattern + 8;
    size_t n = strcspn(z, "/");
    snprintf(zTag, sizeof zTag, "%.*s", (int)(n<sizeof zTag ? n : sizeof zTag - 1), z);
  }
  json_object_set_new(op, "tags", json_pack("[s]", zTag));
  if( json_array_size(aParam) ) json_object_set_new(op, "parameters", aParam);
  else json_decref(aParam);
  /* The body. */
  if( !st && o->zBody ){
    json_t *content;
    if( strcmp(o->zBody, "csv")==0 ){
      content = json_pack("{s:{s:{s:s, s:s}}}", "text/csv", "schema", "type", "string",
                          "description", "CSV with a header line (UTF-8, at most 1 MiB)");
    }else if( strcmp(o->zBody, "binary")==0 ){
      content = json_pack("{s:{s:{s:s, s:s}}}", "application/octet-stream", "schema", "type", "string",
                          "description", "the file's bytes, any Content-Type (the type is found from the content)");
    }else{
      if( o->azBody ) body_schema(rt, schemas);
      st = need_schema(rt, schemas, o->zBody, e);
      content = json_pack("{s:{s:o}}", "application/json", "schema", ref(o->zBody));
    }
    json_object_set_new(op, "requestBody", json_pack("{s:b, s:o}", "required", 1, "content", content));
  }
  /* The answers: success, then the errors the route may give. */
  int a = route_access(rt);
  json_t *resp = json_object();
  char zStatus[8];
  snprintf(zStatus, sizeof zStatus, "%d", o->status ? o->status : 200);
  if( o->zType ){
    json_object_set_new(resp, zStatus, json_pack("{s:s, s:{s:{s:{s:s}}}}", "description", rt->zDesc,
                                                 "content", o->zType, "schema", "type", "string"));
  }else if( o->zResp ){
    if( !st ) st = need_schema(rt, schemas, o->zResp, e);
    json_object_set_new(resp, zStatus, json_pack("{s:s, s:{s:{s:o}}}", "description", rt->zDesc,
                                                 "content", "application/json", "schema", ref(o->zResp)));
  }else{
    json_object_set_new(resp, zStatus, json_pack("{s:s}", "description", rt->zDesc));
  }
  json_object_set_new(resp, "400", error_response("invalid input: a parameter, the body or a field (error.field names it)"));
  if( a!=API_PUBLIC ) json_object_set_new(resp, "401", error_response("not authenticated, or credentials that do not hold"));
  if( a>=API_WRITER || a==API_ADMIN ) json_object_set_new(resp, "403", error_response("not allowed for this role, or a missing or wrong CSRF token"));
  if( iArg ) json_object_set_new(resp, "404", error_response("no such record"));
  if( a>=API_WRITER ) json_object_set_new(resp, "409", error_response("a conflict: duplicate, changed since read (If-Match), or dependants"));
  if( o->zBody ) json_object_set_new(resp, "413", error_response("the body is larger than 1 MiB"));
  if( a>=API_WRITER ) json_object_set_new(resp, "503", error_response("the database is busy with another write (code busy); try again after Retry-After seconds"));
  json_object_set_new(resp, "default", error_response("any other error"));
  json_object_set_new(op, "responses", resp);
  json_t *sec = security(a);
  if( sec ) json_object_set_new(op, "security", sec);
  json_object_set_new(op, "x-access", json_string(azAccess[a]));
  if( st ){ json_decref(op); return st; }
  *ppOp = op;
  return YC_OK;
}

YcStatus openapi_build(const Route *aTable, json_t **ppDoc, Err *e){
  json_t *dict = 0, *schemas = 0;
  *ppDoc = 0;
  YcStatus st = load_asset("data/openapi/params.json", &dict, e);
  if( !st ) st = load_asset("data/openapi/schemas.json", &schemas, e);
  if( st ){ json_decref(dict); json_decref(schemas); return st; }
  json_t *paths = json_object(), *tags = json_array();
  for(const Route *rt = aTable; !st && rt->zMethod; rt++){
    if( strncmp(rt->zPattern, "/api/v1/", 8)!=0 ) continue;
    if( !rt->pApi ){
      st = err_set(e, YC_EINTERNAL, "openapi", 0, "%s %s (%s) has no OpenAPI declaration: write it with API(...) in routes.c",
                   rt->zMethod, rt->zPattern, rt->zHandler);
      break;
    }
    char zPath[256];
    json_t *op = 0;
    st = operation(rt, dict, schemas, zPath, sizeof zPath, &op, e);
    if( st ) break;
    json_t *item = json_object_get(paths, zPath);
    if( !item ){ item = json_object(); json_object_set_new(paths, zPath, item); }
    char zMethod[8];
    size_t i;
    for(i=0; rt->zMethod[i] && i<sizeof zMethod - 1; i++) zMethod[i] = (char)(rt->zMethod[i] | 0x20);
    zMethod[i] = 0;
    const char *zTag = json_string_value(json_array_get(json_object_get(op, "tags"), 0));
    size_t j;
    json_t *t;
    int bSeen = 0;
    json_array_foreach(tags, j, t) if( strcmp(jstr0(t, "name"), zTag)==0 ) bSeen = 1;
    if( !bSeen ) json_array_append_new(tags, json_pack("{s:s}", "name", zTag));
    json_object_set_new(item, zMethod, op);
  }
  json_decref(dict);
  if( st ){ json_decref(paths); json_decref(tags); json_decref(schemas); return st; }
  json_t *sec = json_pack("{s:{s:s, s:s, s:s}, s:{s:s, s:s, s:s, s:s}, s:{s:s, s:s, s:s, s:s}}",
    "bearer", "type", "http", "scheme", "bearer", "description", "an API token (youcheng token create USER)",
    "session", "type", "apiKey", "in", "cookie", "name", "yc_session", "description", "the session cookie of a signed-in browser (POST /login)",
    "csrf", "type", "apiKey", "in", "header", "name", "X-CSRF-Token", "description", "with the session cookie, writes send the session's CSRF token (GET /api/v1/me)");
  *ppDoc = json_pack("{s:s, s:{s:s, s:s, s:s}, s:o, s:o, s:{s:o, s:o}}",
    "openapi", "3.1.0",
    "info", "title", "youcheng API", "version", "1",
    "description", "The JSON API of youcheng, the sister-city cooperation platform. Generated from the route table. "
                   "Lists answer {items, total, next_cursor}; every error answers {error: {code, message, field}}. "
                   "x-access: who may call a route (public, optional: anyone, signed-in callers may see more; signed-in; writer; admin).",
    "tags", tags, "paths", paths,
    "components", "schemas", schemas, "securitySchemes", sec);
  return YC_OK;
}

static pthread_once_t once = PTHREAD_ONCE_INIT;
static json_t *pDoc;
static char *zDocText;

static void build_once(void){
  Err e = {0};
  if( openapi_build(aRoute, &pDoc, &e) ){
    log_error("openapi: %s", e.zMsg);
    return;
  }
  zDocText = json_text(pDoc, JSON_COMPACT);
}

const json_t *openapi_doc(void){
  pthread_once(&once, build_once);
  return pDoc;
}

const char *openapi_text(void){
  pthread_once(&once, build_once);
  return zDocText;
}
