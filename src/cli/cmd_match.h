/*
** cmd_match.h: the commands of the industry database and matchmaking
** (cmd_match.c), and the `import profiles|opportunities` kinds (declared
** in commands.c).
*/
#ifndef YC_CMD_MATCH_H
#define YC_CMD_MATCH_H

int cmd_match(int argc, char **argv);
int cmd_opportunity(int argc, char **argv);
int cmd_interest(int argc, char **argv);

/* `youcheng import profiles|opportunities FILE.csv [--dry-run] [--json]`:
** zKind is "profiles" or "opportunities". Returns the exit code. */
int match_import_cmd(const char *zKind, const char *zFile, const char *zDb, int bDry, int bJson);

#endif
