/* json.c: jansson accessors; see json.h. */
#include "base/json.h"

const char *jstr(const json_t *o, const char *zKey){
  return json_string_value(json_object_get(o, zKey));
}
const char *jstr0(const json_t *o, const char *zKey){
  const char *z = jstr(o, zKey);
  return z ? z : "";
}
long long jint(const json_t *o, const char *zKey){
  return json_integer_value(json_object_get(o, zKey));
}
double jnum(const json_t *o, const char *zKey){
  return json_number_value(json_object_get(o, zKey));
}
