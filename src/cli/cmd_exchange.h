/* cmd_exchange.h: the commands of exchanges, projects, health and the calendar (cmd_exchange.c). */
#ifndef YC_CMD_EXCHANGE_H
#define YC_CMD_EXCHANGE_H

int cmd_exchange(int, char**);
int cmd_project(int, char**);
int cmd_health(int, char**);
int cmd_calendar(int, char**);
/* `youcheng import exchanges FILE [--dry-run] [--json]` (an import kind in commands.c). */
int exchange_import_cmd(const char *zFile, const char *zDb, int bDry, int bJson);

#endif
