/*
** rows.h: query results as JSON, the one row-to-JSON helper. A column
** becomes a number, a string or null by its value's type; names come from a
** list given by the caller (one per column, in order).
*/
#ifndef YC_ROWS_H
#define YC_ROWS_H
#include <jansson.h>
#include "store/db.h"

/* Column i of the current row as a new JSON value (integer, real, string
** or null). */
json_t *rows_value(DbStmt *p, int i);
/* Column i as a JSON string or null (a number column is given as text). */
json_t *rows_text(DbStmt *p, int i);
/* Column i holding values joined by char(31) (group_concat(x, char(31)))
** as a JSON array of strings; [] for NULL or "". */
json_t *rows_list(DbStmt *p, int i);
/* Column i holding a JSON array as text, parsed; [] for NULL or text that
** is not a JSON array. */
json_t *rows_array(DbStmt *p, int i);
/* The current row as an object named by azName (0-terminated). */
json_t *rows_object(DbStmt *p, const char *const *azName);
/* Step p to the end, collecting every row as rows_object; resets p.
** Returns a new array, or 0 (and sets e) when a step fails. */
json_t *rows_all(Db *db, DbStmt *p, const char *const *azName, Err *e);

#endif
