/*
** gazetteer.h: the GeoNames gazetteer (cities500, CC BY 4.0) embedded in the
** binary (the TSVs in build/gaz, made by tools/gazetteer.js) and loaded into
** city, city_alt and city_fts (schema 006).
**
** gazetteer_load() runs inside the caller's transaction. It does nothing
** when the database holds this very gazetteer (meta 'gazetteer' = its
** signature); otherwise it loads every place (GeoNames ids are stable: rows
** are updated in place), chooses each place's Chinese name among its
** Han-script alternates (text/zhname.h) unless the office has its own
** (city_name_own, which always wins), fills admin-1/admin-2 names, rebuilds
** city_alt and city_fts, and deletes cities of an earlier load that this one
** lacks unless something refers to them.
*/
#ifndef YC_GAZETTEER_H
#define YC_GAZETTEER_H
#include <stddef.h>
#include "store/db.h"

typedef struct GazCounts {
  int bLoaded;        /* 0: the database already had this gazetteer */
  int nCity;          /* places loaded */
  int nZh;            /* of which with a Chinese name from GeoNames */
  int nAlt;           /* alternate names (city_alt rows) */
  int nDeleted;       /* cities of an earlier load deleted */
  int nKept;          /* ... kept because something refers to them */
} GazCounts;

YcStatus gazetteer_load(Db *db, GazCounts *pc, Err *e);

/* The embedded gazetteer's signature (loader version, size, hash) in z;
** 0 if the data is not embedded. */
int gazetteer_signature(char *z, size_t nz);

#endif
