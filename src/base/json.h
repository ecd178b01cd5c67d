/*
** json.h: reading jansson values without ceremony. The one place for the
** small accessors every layer needs; writing JSON text is json_text().
*/
#ifndef YC_JSON_H
#define YC_JSON_H
#include <stdint.h>
#include <jansson.h>

/* Member zKey of object o as a string; 0 when absent or not a string. */
const char *jstr(const json_t *o, const char *zKey);
/* The same, "" instead of 0 (for printing). */
const char *jstr0(const json_t *o, const char *zKey);
/* Member zKey as an integer; 0 when absent or not an integer. */
long long jint(const json_t *o, const char *zKey);
/* Member zKey as a number (integer or real); 0.0 when absent. */
double jnum(const json_t *o, const char *zKey);

#endif
