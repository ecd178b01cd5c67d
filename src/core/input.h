/*
** input.h: validation of JSON input objects shared by every write.
** Each getter names the field in the Err it fills, so the API can answer
** {"error":{"field":...}}. "Absent" and "null" are told apart by *pbSet.
*/
#ifndef YC_INPUT_H
#define YC_INPUT_H
#include <stdint.h>
#include <jansson.h>
#include "base/err.h"

/* YC_EINVALID naming the first key of o not in the 0-terminated azKnown. */
YcStatus in_known_fields(json_t *o, const char *const *azKnown, Err *e);

/* String field: absent -> *pbSet=0; null -> *pbSet=1,*pz=0 (error if
** bRequired); else trimmed length 1..nMax, no control characters other than
** newline/tab when bMultiline. *pz points into o. */
YcStatus in_str(json_t *o, const char *zKey, int bRequired, size_t nMax,
                int bMultiline, const char **pz, int *pbSet, Err *e);

/* Like in_str but the value must be one of the 0-terminated azVals. */
YcStatus in_enum(json_t *o, const char *zKey, int bRequired,
                 const char *const *azVals, const char **pz, int *pbSet, Err *e);

/* Integer field (a JSON integer, or a string of digits). */
YcStatus in_int(json_t *o, const char *zKey, int bRequired, int64_t iMin,
                int64_t iMax, int64_t *pi, int *pbSet, Err *e);

YcStatus in_bool(json_t *o, const char *zKey, int *pb, int *pbSet, Err *e);

/* Array of strings, each 1..nMax chars, at most nItemMax items. */
YcStatus in_str_array(json_t *o, const char *zKey, size_t nItemMax, size_t nMax,
                      json_t **pa, int *pbSet, Err *e);

/* A date of day, month or year precision: "1983-01-14", "2004-09", "2002".
** Checks the calendar (no 2019-02-30) and the range 1000..9999. On success
** *pzPrec is "day", "month" or "year" (static). */
YcStatus in_date_parse(const char *zField, const char *z, const char **pzPrec, Err *e);

/* The period of a record: "start" (bStartRequired) and "end", dates of
** any precision, end not before start. zStart..zEndPrec borrow from in;
** day0 is the first day of start, dayEnd the last day of end (or of
** start's period when there is no end), as days since 1970-01-01. Err
** names start or end. */
typedef struct InPeriod {
  const char *zStart, *zStartPrec, *zEnd, *zEndPrec;
  int day0, dayEnd;
} InPeriod;
YcStatus in_period(json_t *in, int bStartRequired, InPeriod *p, Err *e);

/* The "established" field: a date string, or {"date":..,"precision":..},
** or null. */
YcStatus in_established(json_t *o, const char *zKey, const char **pzDate,
                        const char **pzPrec, int *pbSet, Err *e);

/* A day-precision date field: "YYYY-MM-DD", a day that exists; with
** bNoFuture not after today. Err names zField. */
YcStatus in_day(const char *zField, const char *z, int bNoFuture, Err *e);

/* The checks in_str applies to a JSON string, for a plain C string (a CSV
** cell, a form field): valid UTF-8, length 1..nMax characters, no control
** characters (but newline/tab when bMultiline), not starting or ending
** with white space. */
YcStatus in_text(const char *zField, const char *z, size_t nMax, int bMultiline, Err *e);

/* A JSON array of ids (positive integers, no duplicates, at most nMax)
** into a; absent or null gives *pn=0 and *pbSet (0 absent, 1 null or
** array). */
YcStatus in_ids(json_t *o, const char *zKey, int64_t *a, int nMax, int *pn, int *pbSet, Err *e);

/* Each string of aUrl (a JSON array) starts with http:// or https:// and
** has no white space. */
YcStatus in_urls(json_t *aUrl, const char *zField, Err *e);

/* An e-mail address: one '@', a local part of 1..64 printable ASCII
** characters without spaces, quotes, angle brackets or commas, a domain of
** labels (letters, digits, hyphens; not starting or ending with one) with
** at least one dot, at most 254 bytes in all. Err names zField. */
YcStatus in_email(const char *zField, const char *z, Err *e);
/* A telephone number as people write it: digits, spaces and + - ( ) only,
** a '+' only first, 5 to 20 digits, at most 30 characters. */
YcStatus in_phone(const char *zField, const char *z, Err *e);

/* Parse a decimal integer in [iMin, iMax]; 0 on success, -1 otherwise. */
int in_parse_int(const char *z, long long iMin, long long iMax, long long *pv);
/* A change (PATCH) of a record: the members of patch set over merged (the
** record as input); a member set to null clears it (is dropped), except
** the keys azKeep (0-terminated, or 0), which stay null for the checks of
** required fields to name them. */
void in_patch(json_t *merged, json_t *patch, const char *const *azKeep);
/* A positive id given as text (a filter, a form value): 1 and *pv, else 0. */
int in_parse_id(const char *z, int64_t *pv);

/* Index of z in the 0-terminated azVals, or -1. */
int in_enum_index(const char *const *azVals, const char *z);

#endif
