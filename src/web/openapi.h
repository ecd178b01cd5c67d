/*
** openapi.h: the OpenAPI 3.1 document of the JSON API, built from the
** route table (aRoute: each API route's ApiOp declaration, route.h), the
** shared parameter descriptions (data/openapi/params.json) and the
** component schemas (data/openapi/schemas.json). Served as
** GET /api/v1/openapi.json and rendered as the reference page /api/docs.
*/
#ifndef YC_OPENAPI_H
#define YC_OPENAPI_H
#include <jansson.h>
#include "base/err.h"
#include "web/route.h"

/* A new document built from aTable (aRoute in the program). Fails with
** the route named when an /api/v1 route has no declaration, or a
** declaration names a schema or a parameter that is not described. */
YcStatus openapi_build(const Route *aTable, json_t **ppDoc, Err *e);

/* The program's document, built once (thread-safe) and kept: its JSON
** text (0 if it could not be built; the reason is logged). */
const json_t *openapi_doc(void);
const char *openapi_text(void);

#endif
