/*
** COMMAND: user
** COMMAND: token
** COMMAND: version
** cmd_user.c: accounts and API tokens.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "core/auth.h"

/* Read one line from stdin into z (without the newline). */
static int read_password(char *z, size_t n){
  if( !fgets(z, (int)n, stdin) ) return 0;
  z[strcspn(z, "\r\n")] = 0;
  return 1;
}

int cmd_user(int argc, char **argv){
  const char *zDb = cli_opt(&argc, argv, "db");
  const char *zRole = cli_opt(&argc, argv, "role");
  int bStdin = cli_flag(&argc, argv, "password-stdin");
  int rc = cli_leftover(argc, argv, 2, "user");
  if( rc ) return rc;
  Ctx c;
  if( (rc = cli_open(zDb, &c)) ) return rc;
  Err e;
  char zPw[1100] = "";
  YcStatus st = YC_OK;
  if( bStdin && !read_password(zPw, sizeof zPw) ){
    fprintf(stderr, "youcheng user: no password on standard input\n");
    cli_close(&c);
    return 2;
  }
  if( strcmp(argv[1], "add")==0 ){
    st = user_add(&c, argv[2], bStdin ? zPw : 0, zRole, 0, &e);
    if( !st ) printf("user %s added (%s)%s\n", argv[2], zRole ? zRole : "editor",
                     bStdin ? "" : "; no password: API tokens only");
  }else if( strcmp(argv[1], "passwd")==0 ){
    if( !bStdin ){ fprintf(stderr, "youcheng user passwd: give --password-stdin\n"); cli_close(&c); return 2; }
    st = user_set_password(&c, argv[2], zPw, &e);
    if( !st ) printf("password of %s changed\n", argv[2]);
  }else{
    fprintf(stderr, "youcheng user: unknown subcommand '%s' (add, passwd)\n", argv[1]);
    cli_close(&c);
    return 2;
  }
  cli_close(&c);
  return st ? cli_fail(&e) : 0;
}

int cmd_token(int argc, char **argv){
  const char *zDb = cli_opt(&argc, argv, "db");
  int rc = cli_leftover(argc, argv, 2, "token");
  if( rc ) return rc;
  if( strcmp(argv[1], "create")!=0 ){
    fprintf(stderr, "youcheng token: unknown subcommand '%s' (create)\n", argv[1]);
    return 2;
  }
  Ctx c;
  if( (rc = cli_open(zDb, &c)) ) return rc;
  Err e;
  char *zTok = 0;
  YcStatus st = token_create(&c, argv[2], &zTok, &e);
  cli_close(&c);
  if( st ) return cli_fail(&e);
  printf("%s\n", zTok);
  free(zTok);
  return 0;
}

int cmd_version(int argc, char **argv){
  int rc = cli_leftover(argc, argv, 0, "version");
  if( rc ) return rc;
  printf("youcheng %s\n", YC_VERSION);
  return 0;
}
