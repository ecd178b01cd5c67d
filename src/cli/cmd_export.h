/* cmd_export.h: `youcheng export` and the import of an export (cmd_export.c). */
#ifndef YC_CMD_EXPORT_H
#define YC_CMD_EXPORT_H
#include <jansson.h>

int cmd_export(int, char**);
/* `youcheng import orgs|projects|events|people|delegations FILE`. */
int export_import_cmd(const char *zKind, const char *zFile, const char *zDb, int bDry, int bJson);
/* Print the report of the import of an export (created, updated,
** unchanged, errors by row). */
void export_print_report(const char *zFile, json_t *rep, int bDry);

#endif
