/*
** main.c: the youcheng command line. Commands and their help are the
** entries of aCommand (commands.c); `youcheng COMMAND --help` for each.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "core/auth.h"
#include "text/norm.h"

static int is_help(const char *z){
  return strcmp(z, "--help")==0 || strcmp(z, "-h")==0;
}

/* The first argument of argv that is not an option (nor an option's
** value), or 0. Options take a value unless written --name=value or
** named here (the import kinds' flags). */
static const char *first_word(int argc, char **argv){
  static const char *const azFlag[] = {"--dry-run", "--json", 0};
  for(int i=1; i<argc; i++){
    if( argv[i][0]!='-' ) return argv[i];
    if( strchr(argv[i], '=') ) continue;
    int bFlag = 0;
    for(int k=0; azFlag[k]; k++) if( strcmp(argv[i], azFlag[k])==0 ) bFlag = 1;
    if( !bFlag ) i++;
  }
  return 0;
}

/* The names of c's kinds: "partners, exchanges, ...". */
static void kind_names(FILE *f, const Command *c){
  for(const Command *k = c->aSub; k->zName; k++) fprintf(f, "%s%s", k==c->aSub ? "" : ", ", k->zName);
}

int main(int argc, char **argv){
  if( argc<2 ){ cli_usage(stderr); return 2; }
  if( is_help(argv[1]) ) return cmd_help(1, argv + 1);
  const Command *c = cli_find(aCommand, argv[1]);
  if( !c ){
    fprintf(stderr, "youcheng: unknown command '%s'\n\n", argv[1]);
    cli_usage(stderr);
    return 2;
  }
  const char *zKind = c->aSub ? first_word(argc - 1, argv + 1) : 0;
  const Command *k = zKind ? cli_find(c->aSub, zKind) : 0;
  for(int i=2; i<argc; i++){
    if( is_help(argv[i]) ){ cli_print_help(stdout, k ? k : c); return 0; }
  }
  if( c->aSub && !k ){
    if( zKind ) fprintf(stderr, "youcheng %s: unknown kind '%s' (", c->zName, zKind);
    else fprintf(stderr, "youcheng %s: give a kind (", c->zName);
    kind_names(stderr, c);
    fprintf(stderr, "; see --help)\n");
    return 2;
  }
  if( auth_init() ){ fprintf(stderr, "youcheng: libsodium failed to start\n"); return 1; }
  int rc = (k ? k : c)->xRun(argc - 1, argv + 1);
  text_shutdown();
  return rc;
}
