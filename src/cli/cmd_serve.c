/*
** COMMAND: serve
** cmd_serve.c: run the web server until SIGINT or SIGTERM.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "web/server.h"

int cmd_serve(int argc, char **argv){
  const char *zDb = cli_opt(&argc, argv, "db");
  const char *zListen = cli_opt(&argc, argv, "listen");
  const char *zThreads = cli_opt(&argc, argv, "threads");
  int bNoCompress = cli_flag(&argc, argv, "no-compress");
  int rc = cli_leftover(argc, argv, 0, "serve");
  if( rc ) return rc;
  ServerConfig cfg;
  memset(&cfg, 0, sizeof cfg);
  cfg.zDb = zDb;
  cfg.zListen = zListen ? zListen : "127.0.0.1:8080";
  cfg.nThread = 4;
  cfg.bNoCompress = bNoCompress;
  if( zThreads ){
    char *zEnd;
    long n = strtol(zThreads, &zEnd, 10);
    if( *zEnd || n<1 || n>64 ){ fprintf(stderr, "youcheng serve: --threads must be 1 to 64\n"); return 2; }
    cfg.nThread = (int)n;
  }
  if( !zDb ){ fprintf(stderr, "youcheng serve: --db FILE is required\n"); return 2; }
  return server_run(&cfg);
}
