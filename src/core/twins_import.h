/*
** twins_import.h: import of twin-town files into the world twin-city
** network, and the re-resolution that derives the network from every
** imported row (twins_import.c).
**
** Formats, detected from the header or named:
**   wikipedia    city1,country1,lat1,lng1,city2,country2,lat2,lng2 (CSV)
**   wikidata     city_a_qid,city_a_label,city_b_qid,city_b_label,
**                stated_both_ways (CSV)
**   eu_wikidata  origincityLabel, origincountry, originlat, originlong,
**                originpopulation, sistercityLabel, destinationlat,
**                destinationlong, destinationpopulation,
**                destination_countryLabel, dist, eu (tab-separated)
**   mapped       any CSV or TSV (the delimiter read from the header), with
**                a column mapping "city1=COL,country1=COL,lat1=COL,
**                lng1=COL,qid1=COL,city2=COL,..." (city1 and city2
**                required; lat and lng of a side both or neither).
** Every data row is stored (twin_row) and every row of every import is
** resolved again, so pairs and unresolved rows do not depend on the order
** of imports; the same Wikidata id resolves to one city everywhere, and
** two ids never to the same city (the weaker is left as qid_conflict).
*/
#ifndef YC_TWINS_IMPORT_H
#define YC_TWINS_IMPORT_H
#include <stddef.h>
#include <jansson.h>
#include "core/ctx.h"

/* What twins_import does with the file. */
typedef enum TwinMode {
  TWIN_IMPORT = 0,   /* store the rows, re-resolve, commit */
  TWIN_DRY_RUN,      /* the same, then roll back: the report only */
  TWIN_DUMP          /* the same, then roll back; the report gets "sides" */
} TwinMode;

/* Import a twin-town file. zFormat: wikipedia, wikidata, eu_wikidata,
** mapped or 0 (detect from the header; mapped when zMap is given). zMap:
** the column mapping of a mapped file, or 0. zSource names the file.
** *ppReport: {"source","format","mapping","rows","resolved","rate",
** "pairs_new","pairs_known","duplicate_rows","unresolved","unresolved_by":
** {category:n},"resolved_by":{how:n},"low_confidence","review",
** "network":{"pairs_before","pairs_after","pairs_added","pairs_removed"},
** "already_imported","import_id","dry_run","seconds","seconds_resolve"
** (until the rows were stored and resolved),"cpu_seconds","errors":[{"row",
** "field","code","message"}]} with rows = resolved + unresolved,
** unresolved = the sum of unresolved_by, resolved = pairs_new +
** pairs_known + duplicate_rows (rows giving a pair an earlier row of the
** same file gave). TWIN_DUMP adds "sides": [{"row","side","name",
** "country","qid","id","how","confidence","reason"}] for every data row
** (row: 1-based data row of the file) and side. A bad file (columns,
** mapping, quoting, UTF-8, no rows, bad values) answers YC_EINVALID with
** the report's errors (row 0: the header) and writes nothing. */
YcStatus twins_import(Ctx *c, const char *zSource, const char *zData, size_t nData,
                      const char *zFormat, const char *zMap, TwinMode mode, json_t **ppReport, Err *e);

/* Resolve every stored row again and re-derive the pairs, in the
** caller's transaction (twins_fix). *pnChanged: rows whose resolution
** changed; pairs added and removed. */
YcStatus twins_rederive(Ctx *c, int *pnChanged, int *pnPairsAdded, int *pnPairsRemoved, Err *e);

/* The same as one audited write (after a gazetteer change):
** *ppOut {"rows_changed","pairs_added","pairs_removed"}. */
YcStatus twins_reresolve(Ctx *c, json_t **ppOut, Err *e);

/* The categories of rows that are not pairs (twin_row.status). */
extern const char *const azTwinCategory[];

#endif
