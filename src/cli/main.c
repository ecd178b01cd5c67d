/*
** main.c: the youcheng command line. `youcheng COMMAND --help` for each.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "core/auth.h"
#include "text/norm.h"

const Command aCommand[] = {
  {"init", cmd_init,
   "youcheng init --db FILE [--home-city NAME|GEONAMES_ID] [--demo]\n"
   "  Create or migrate the database, load reference data (countries, cities,\n"
   "  ISIC Rev.4) and, with --demo, the Jinan demo data. Safe to run again."},
  {"serve", cmd_serve,
   "youcheng serve --db FILE [--listen HOST:PORT] [--threads N]\n"
   "  Serve the web UI and the JSON API (default 127.0.0.1:8080). Stops\n"
   "  cleanly on SIGINT or SIGTERM."},
  {"user", cmd_user,
   "youcheng user add NAME [--role admin|editor|viewer] [--password-stdin] --db FILE\n"
   "youcheng user passwd NAME --password-stdin --db FILE\n"
   "  Manage accounts. The password is read from standard input (one line)."},
  {"token", cmd_token,
   "youcheng token create NAME --db FILE\n"
   "  Make an API bearer token for user NAME; it is printed once."},
  {"partner", cmd_partner,
   "youcheng partner list [--kind K] [--status S] [--country ISO2] [--continent C]\n"
   "                      [--from DATE] [--to DATE] [--q TEXT] [--sort KEY] [--limit N] [--json] --db FILE\n"
   "youcheng partner show ID [--json] --db FILE\n"
   "  The registry of partner-city ties."},
  {"import", cmd_import,
   "youcheng import partners FILE.csv [--dry-run] --db FILE\n"
   "  Import ties from CSV (columns: city_id or city+country, kind, status,\n"
   "  established, label, agreement, notes, sources, city_name_zh,\n"
   "  kind_verified). All or nothing; rows already present are skipped."},
  {"version", cmd_version, "youcheng version\n  Print the version."},
  {0, 0, 0}
};

const Command *const apCommandTable[] = {aCommand, aCommandExchange, aCommandLayout, aCommandMatch, 0};

static void usage(FILE *f){
  fprintf(f, "youcheng %s: sister-city cooperation platform\n\nCommands:\n", YC_VERSION);
  for(int t=0; apCommandTable[t]; t++) for(const Command *c = apCommandTable[t]; c->zName; c++){
    const char *zNl = strchr(c->zHelp, '\n');
    fprintf(f, "  %.*s\n", zNl ? (int)(zNl - c->zHelp) : (int)strlen(c->zHelp), c->zHelp);
  }
  fprintf(f, "\nRun `youcheng COMMAND --help` for details.\n");
}

int main(int argc, char **argv){
  if( argc<2 ){ usage(stderr); return 2; }
  if( strcmp(argv[1], "--help")==0 || strcmp(argv[1], "help")==0 || strcmp(argv[1], "-h")==0 ){
    usage(stdout);
    return 0;
  }
  if( auth_init() ){ fprintf(stderr, "youcheng: libsodium failed to start\n"); return 1; }
  for(int t=0; apCommandTable[t]; t++) for(const Command *c = apCommandTable[t]; c->zName; c++){
    if( strcmp(c->zName, argv[1])==0 ){
      int rc = c->xRun(argc - 1, argv + 1);
      text_shutdown();
      return rc;
    }
  }
  fprintf(stderr, "youcheng: unknown command '%s'\n\n", argv[1]);
  usage(stderr);
  return 2;
}
