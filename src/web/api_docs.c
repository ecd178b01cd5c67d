/*
** api_docs.c: the OpenAPI document of the JSON API (web/openapi.h) and
** the reference page rendered from it on the server: endpoints grouped
** by tag with their parameters, bodies and answers, then the schemas.
** No external assets; the page's chrome in Chinese and English (the
** descriptions themselves are the document's, in English).
*/
#include <string.h>
#include "web/route.h"
#include "web/ui.h"
#include "web/openapi.h"
#include "base/json.h"

/* API: GET /api/v1/openapi.json */
void api_openapi(Req *r, Resp *p){
  Err e = {0};
  YcStatus st = http_check_params(r, 0, &e);
  const char *z = st ? 0 : openapi_text();
  if( !st && !z ) st = err_set(&e, YC_EINTERNAL, "openapi", 0, "the OpenAPI document could not be built (see the log)");
  if( st ){ http_error(p, &e); return; }
  p->status = 200;
  p->zType = "application/json; charset=utf-8";
  p->pStatic = (const unsigned char*)z;
  p->nStatic = strlen(z);
}

/* The name of a "$ref" schema ("#/components/schemas/X" -> "X"), or 0. */
static const char *ref_name(const json_t *sch){
  const char *z = jstr0(sch, "$ref");
  const char *zSlash = z ? strrchr(z, '/') : 0;
  return zSlash ? zSlash + 1 : 0;
}

/* A schema's type in a few words: "integer", "string | null",
** "array of Partner", "Partner". */
static void type_text(Buf *b, const json_t *sch){
  const char *zRef = ref_name(sch);
  if( zRef ){ hp(b, "<a href=\"#schema-%s\">%s</a>", zRef, zRef); return; }
  const json_t *t = json_object_get(sch, "type");
  if( json_is_string(t) ){
    hp(b, "%s", json_string_value(t));
  }else if( json_is_array(t) ){
    size_t i;
    json_t *v;
    json_array_foreach(t, i, v) hp(b, "%s%s", i ? " | " : "", json_string_value(v));
  }else{
    hp(b, "any");
  }
  const json_t *items = json_object_get(sch, "items");
  if( items ){
    hp(b, " [");
    type_text(b, items);
    hp(b, "]");
  }
  const json_t *en = json_object_get(sch, "enum");
  if( json_is_array(en) ){
    size_t i;
    json_t *v;
    hp(b, ": ");
    json_array_foreach(en, i, v) hp(b, "%s<code>%s</code>", i ? ", " : "", json_string_value(v) ? json_string_value(v) : "");
  }
  const char *zPat = jstr(sch, "pattern");
  if( zPat ) hp(b, " <code>%s</code>", zPat);
}

/* The schema of the first content of a body or answer. */
static const json_t *content_schema(const json_t *o, const char **pzType){
  const json_t *c = json_object_get(o, "content");
  const char *zType = 0;
  json_t *v = 0;
  void *it = c ? json_object_iter((json_t*)c) : 0;
  if( it ){ zType = json_object_iter_key(it); v = json_object_iter_value(it); }
  *pzType = zType;
  return v ? json_object_get(v, "schema") : 0;
}

static void operation(Req *r, Buf *b, const char *zPath, const char *zMethod, const json_t *op){
  hp(b, "<details class=\"op\" id=\"%s\">\n<summary><span class=\"method m-%s\">%s</span> <code>%s</code> "
        "<span class=\"sum\">%s</span> <span class=\"access a-%s\">%s</span></summary>\n",
     jstr0(op, "operationId"), zMethod, zMethod, zPath, jstr0(op, "summary"), jstr0(op, "x-access"),
     ui_label(r, "apid.access", jstr0(op, "x-access")));
  const json_t *aParam = json_object_get(op, "parameters");
  if( json_array_size(aParam) ){
    hp(b, "<h4>%s</h4>\n<div class=\"table-wrap\"><table class=\"params\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>\n",
       T(r, "apid.params"), T(r, "apid.name"), T(r, "apid.in"), T(r, "apid.type"), T(r, "apid.desc"));
    size_t i;
    json_t *v;
    json_array_foreach(aParam, i, v){
      hp(b, "<tr><td><code>%s</code>%R</td><td>%s</td><td>", jstr0(v, "name"),
         json_is_true(json_object_get(v, "required")) ? " <span class=\"req\">*</span>" : "", ui_label(r, "apid.in", jstr0(v, "in")));
      type_text(b, json_object_get(v, "schema"));
      hp(b, "</td><td>%s</td></tr>\n", jstr0(v, "description"));
    }
    hp(b, "</tbody></table></div>\n");
  }
  const json_t *body = json_object_get(op, "requestBody");
  if( body ){
    const char *zType = 0;
    const json_t *sch = content_schema(body, &zType);
    hp(b, "<h4>%s</h4>\n<p><code>%s</code> ", T(r, "apid.body"), zType ? zType : "");
    type_text(b, sch);
    hp(b, "</p>\n");
  }
  hp(b, "<h4>%s</h4>\n<div class=\"table-wrap\"><table class=\"resp\"><thead><tr><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>\n",
     T(r, "apid.responses"), T(r, "apid.status"), T(r, "apid.desc"), T(r, "apid.type"));
  const char *zStatus;
  json_t *v;
  json_object_foreach((json_t*)json_object_get(op, "responses"), zStatus, v){
    const char *zType = 0;
    const json_t *sch = content_schema(v, &zType);
    hp(b, "<tr><td><code>%s</code></td><td>%s</td><td>", zStatus, jstr0(v, "description"));
    if( sch ) type_text(b, sch);
    hp(b, "</td></tr>\n");
  }
  hp(b, "</tbody></table></div>\n</details>\n");
}

static void schema(Req *r, Buf *b, const char *zName, const json_t *sch){
  hp(b, "<details class=\"schema\" id=\"schema-%s\">\n<summary><code>%s</code></summary>\n", zName, zName);
  const char *zDesc = jstr(sch, "description");
  if( zDesc ) hp(b, "<p>%s</p>\n", zDesc);
  const json_t *props = json_object_get(sch, "properties");
  if( !json_object_size(props) ){
    hp(b, "<p>");
    type_text(b, sch);
    hp(b, "</p>\n</details>\n");
    return;
  }
  const json_t *req = json_object_get(sch, "required");
  hp(b, "<div class=\"table-wrap\"><table class=\"props\"><thead><tr><th>%s</th><th>%s</th></tr></thead><tbody>\n",
     T(r, "apid.field"), T(r, "apid.type"));
  const char *zKey;
  json_t *v;
  json_object_foreach((json_t*)props, zKey, v){
    int bReq = 0;
    size_t i;
    json_t *x;
    json_array_foreach(req, i, x) if( strcmp(json_string_value(x), zKey)==0 ) bReq = 1;
    hp(b, "<tr><td><code>%s</code>%R</td><td>", zKey, bReq ? " <span class=\"req\">*</span>" : "");
    type_text(b, v);
    hp(b, "</td></tr>\n");
  }
  hp(b, "</tbody></table></div>\n</details>\n");
}

/* API: GET /api/docs */
void ui_api_docs(Req *r, Resp *p){
  static const char *const azParam[] = {"lang", 0};
  ui_prepare(r, p);
  Err e = {0};
  const json_t *doc = openapi_doc();
  if( !doc ) err_set(&e, YC_EINTERNAL, "openapi", 0, "the OpenAPI document could not be built (see the log)");
  else http_check_params(r, azParam, &e);
  if( e.st ){ ui_error(r, p, &e); return; }
  ui_begin(r, p, T(r, "apid.title"), 0);
  Buf *b = &p->body;
  ui_css(b, "apidocs");
  hp(b, "<h1>%s</h1>\n<p class=\"note\">%s</p>\n", T(r, "apid.title"), T(r, "apid.intro"));
  hp(b, "<p><a class=\"button\" href=\"/api/v1/openapi.json\">openapi.json</a></p>\n");
  hp(b, "<p class=\"note\">%s</p>\n", T(r, "apid.auth"));
  const json_t *paths = json_object_get(doc, "paths");
  const json_t *tags = json_object_get(doc, "tags");
  size_t i;
  json_t *t;
  hp(b, "<nav class=\"toc\" aria-label=\"%s\"><ul>\n", T(r, "apid.toc"));
  json_array_foreach(tags, i, t) hp(b, "<li><a href=\"#tag-%s\">%s</a></li>\n", jstr0(t, "name"), jstr0(t, "name"));
  hp(b, "<li><a href=\"#schemas\">%s</a></li>\n</ul></nav>\n", T(r, "apid.schemas"));
  json_array_foreach(tags, i, t){
    const char *zTag = jstr0(t, "name");
    hp(b, "<h2 id=\"tag-%s\">%s</h2>\n", zTag, zTag);
    const char *zPath;
    json_t *item;
    json_object_foreach((json_t*)paths, zPath, item){
      const char *zMethod;
      json_t *op;
      json_object_foreach(item, zMethod, op){
        const char *zOpTag = json_string_value(json_array_get(json_object_get(op, "tags"), 0));
        if( !zOpTag || strcmp(zOpTag, zTag)!=0 ) continue;
        char zUp[8];
        size_t k;
        for(k=0; zMethod[k] && k<sizeof zUp - 1; k++) zUp[k] = (char)(zMethod[k] & ~0x20);
        zUp[k] = 0;
        operation(r, b, zPath, zUp, op);
      }
    }
  }
  hp(b, "<h2 id=\"schemas\">%s</h2>\n", T(r, "apid.schemas"));
  const char *zName;
  json_t *sch;
  json_object_foreach((json_t*)json_object_get(json_object_get(doc, "components"), "schemas"), zName, sch) schema(r, b, zName, sch);
  ui_end(r, p);
}
