/*
** cli.h: the command table and helpers shared by the command files.
** Each command is `int cmd_NAME(int argc, char **argv)` returning an exit
** code (0 ok, 1 failure, 2 usage error). Every command is one entry of
** aCommand (commands.c) with its help text; `youcheng --help`,
** `youcheng COMMAND --help` and `youcheng help --json` all print from
** there, and main() answers --help before the command runs.
*/
#ifndef YC_CLI_H
#define YC_CLI_H
#include <stddef.h>
#include <stdio.h>
#include <jansson.h>
#include "core/ctx.h"

#define YC_VERSION "0.1.0"

typedef struct Command Command;
struct Command {
  const char *zName;
  int (*xRun)(int argc, char **argv);  /* argv[0] is the command name */
  const char *zHelp;      /* synopsis lines ("youcheng NAME ..."), then
                          ** the description, indented by two spaces */
  const Command *aSub;    /* kinds chosen by the first argument (import):
                          ** their xRun gets the same argv, argv[1] the
                          ** kind; 0 for a plain command */
};

/* The one command table, ending with {0}, in the order of `youcheng --help`. */
extern const Command aCommand[];

/* The entry named zName in a (a table ending with {0}), or 0. */
const Command *cli_find(const Command *a, const char *zName);
/* `youcheng --help`: the synopsis of every command (of every kind). */
void cli_usage(FILE *f);
/* The help of c: its text and, for a command with kinds, each kind's. */
void cli_print_help(FILE *f, const Command *c);

/* Option parsing: returns the value of --name (or --name=value), removing
** it from argv; 0 if absent. cli_flag does the same for a boolean flag. */
const char *cli_opt(int *pArgc, char **argv, const char *zName);
int cli_flag(int *pArgc, char **argv, const char *zName);
/* An option naming a database (--from, --to): cli_opt's value, exiting
** with 2 and a message when it is a PostgreSQL connection string holding a
** password (as --db does). */
const char *cli_db_opt(int *pArgc, char **argv, const char *zName);
/* A new SQLite database is made under a temporary name and renamed when
** every step has succeeded: a failed command leaves no file.
** cli_db_is_new: zDb is an SQLite file that does not exist yet;
** cli_db_tmp_name: its temporary name (any leftover removed);
** cli_db_put_new: with rc 0 rename zTmp to zDb (1 with a message if that
** fails), else (or then) remove zTmp; returns the exit code;
** cli_db_unlink: remove a database file and its WAL companions. */
int cli_db_is_new(const char *zDb);
void cli_db_tmp_name(const char *zDb, char *zTmp, size_t nTmp);
int cli_db_put_new(const char *zTmp, const char *zDb, int rc, const char *zCmd);
void cli_db_unlink(const char *zPath);
/* Print the Err and return the exit code for it. */
int cli_fail(const Err *e);
/* Ctx.xProgress of the CLI's imports: "youcheng: import: N rows resolved"
** (or written, of M) on stderr, from 500 rows on. */
void cli_import_progress(void *pArg, const char *zStage, int nDone, int nTotal);
/* Complain about leftover arguments; returns 2 if any. */
int cli_leftover(int argc, char **argv, int nWant, const char *zCmd);
/* Open the database and fill c (actor "cli"). 0 on success, else exit code. */
int cli_open(const char *zDb, Ctx *c);
void cli_close(Ctx *c);
/* Read all of a file ("-" = stdin); malloc'd, *pn = size; 0 on error. */
char *cli_read_file(const char *zPath, size_t nMax, size_t *pn);

/* Options that become fields of a core input object: --OPT VALUE sets
** zKey as eType says: CLI_STR a string, CLI_INT an integer, CLI_STRS and
** CLI_INTS a list "a,b" of strings or integers, CLI_BOOL_NOT the flag
** --OPT sets zKey false. With bClear (edit commands) an empty VALUE sets
** null (clears). */
enum { CLI_STR, CLI_INT, CLI_STRS, CLI_INTS, CLI_BOOL_NOT };
typedef struct CliField { const char *zOpt, *zKey; int eType; } CliField;
/* Take the options of aField (ending with {0}) from argv into a new JSON
** object (*ppIn); 2 (usage, message printed) on a malformed number, else 0. */
int cli_json_opts(int *pArgc, char **argv, const CliField *aField, int bClear, const char *zCmd, json_t **ppIn);
/* Print j as indented JSON. */
void cli_print_json(const json_t *j);
/* A positive id (argument zWhat of command zCmd): 0 and *pId, else 2 with
** a message. */
int cli_id(const char *z, const char *zCmd, const char *zWhat, int64_t *pId);
/* Take --if-version N (the version of the record, see audit_version, that
** the write expects) out of argv into *pV (-1 when absent); 2 with a
** message when N is not an integer from 0. */
int cli_if_version(int *pArgc, char **argv, const char *zCmd, int64_t *pV);
/* Make the next write of record (zEntity, id) expect version v (nothing
** when v < 0): a stale one fails with "conflict" and changes nothing. */
void cli_expect(Ctx *c, const char *zEntity, int64_t id, int64_t v);
/* The same without a message: 1 and *pv when z is a positive id, else 0. */
int cli_parse_id(const char *z, long long *pv);
/* The end of a command that read or changed one thing: close c; on error
** print e and return its exit code; else print out as JSON (bJson, or no
** xPrint) or with xPrint, free it and return 0. */
int cli_finish(Ctx *c, YcStatus st, const Err *e, json_t *out, int bJson, void (*xPrint)(json_t*));
/* The last line of a list's table: "N WHAT(s)", with the cursor of the
** next page when there is one (zTail: more text before the newline, or ""). */
void cli_list_total(const json_t *list, const char *zWhat, const char *zTail);

int cmd_init(int, char**);
int cmd_serve(int, char**);
int cmd_user(int, char**);
int cmd_token(int, char**);
int cmd_unit(int, char**);
int cmd_partner(int, char**);
int cmd_city(int, char**);
int cmd_version(int, char**);
int cmd_help(int, char**);
int cmd_migrate(int, char**);
/* `youcheng import partners FILE.csv [--dry-run] [--json]` (cmd_partner.c). */
int partner_import_cmd(const char *zFile, const char *zDb, int bDry, int bJson);

#endif
