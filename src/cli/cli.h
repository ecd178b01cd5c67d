/*
** cli.h: the command table and helpers shared by the command files.
** Each command is `int cmd_NAME(int argc, char **argv)` returning an exit
** code (0 ok, 1 failure, 2 usage error) and has a help text.
*/
#ifndef YC_CLI_H
#define YC_CLI_H
#include <stddef.h>
#include "core/ctx.h"

#define YC_VERSION "0.1.0"

typedef struct Command {
  const char *zName;
  int (*xRun)(int argc, char **argv);
  const char *zHelp;    /* first line: synopsis */
} Command;

extern const Command aCommand[];            /* registry commands (main.c) */
extern const Command aCommandExchange[];    /* exchanges, projects, health (commands_exchange.c) */
extern const Command aCommandLayout[];      /* layout analysis, twins (commands_layout.c) */
extern const Command aCommandMatch[];       /* industry profiles, matching (commands_match.c) */
/* All command tables, each ending with {0}. */
extern const Command *const apCommandTable[];

/* Option parsing: returns the value of --name (or --name=value), removing
** it from argv; 0 if absent. cli_flag does the same for a boolean flag. */
const char *cli_opt(int *pArgc, char **argv, const char *zName);
int cli_flag(int *pArgc, char **argv, const char *zName);
/* 1 (and prints the help) if argv asks for --help. */
int cli_help(int argc, char **argv, const char *zCmd);
/* Print the Err and return the exit code for it. */
int cli_fail(const Err *e);
/* Complain about leftover arguments; returns 2 if any. */
int cli_leftover(int argc, char **argv, int nWant, const char *zCmd);
/* Open the database and fill c (actor "cli"). 0 on success, else exit code. */
int cli_open(const char *zDb, Ctx *c);
void cli_close(Ctx *c);
/* Read all of a file ("-" = stdin); malloc'd, *pn = size; 0 on error. */
char *cli_read_file(const char *zPath, size_t nMax, size_t *pn);

int cmd_init(int, char**);
int cmd_serve(int, char**);
int cmd_user(int, char**);
int cmd_token(int, char**);
int cmd_partner(int, char**);
int cmd_import(int, char**);
int cmd_version(int, char**);

#endif
