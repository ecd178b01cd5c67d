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

static const char *str_or(json_t *o, const char *zKey, const char *zDefault){
  const char *z = json_string_value(json_object_get(o, zKey));
  return z ? z : zDefault;
}

static void print_users(json_t *out){
  size_t i;
  json_t *u;
  printf("%-5s %-24s %-7s %-9s %-21s %s\n", "ID", "NAME", "ROLE", "STATE", "LAST LOGIN", "TOKENS");
  json_array_foreach(json_object_get(out, "items"), i, u){
    printf("%-5lld %-24s %-7s %-9s %-21s %zu\n", (long long)json_integer_value(json_object_get(u, "id")),
           str_or(u, "name", ""), str_or(u, "role", ""),
           json_is_true(json_object_get(u, "disabled")) ? "disabled" : "active",
           str_or(u, "last_login", "-"), json_array_size(json_object_get(u, "tokens")));
  }
  cli_list_total(out, "user", "");
}

static void print_tokens(json_t *out){
  size_t i;
  json_t *t;
  printf("%-5s %-20s %-20s %-21s %-21s %s\n", "ID", "USER", "NAME", "CREATED", "LAST USED", "EXPIRES");
  json_array_foreach(json_object_get(out, "items"), i, t){
    printf("%-5lld %-20s %-20s %-21s %-21s %s\n", (long long)json_integer_value(json_object_get(t, "id")),
           str_or(t, "user", ""), str_or(t, "name", "-"), str_or(t, "created_at", ""),
           str_or(t, "last_used", "-"), str_or(t, "expires_at", "never"));
  }
  cli_list_total(out, "token", "");
}

static void print_user(json_t *u){
  printf("user %s: %s, %s", str_or(u, "name", ""), str_or(u, "role", ""),
         json_is_true(json_object_get(u, "disabled")) ? "disabled (sessions and tokens ended)" : "active");
  if( json_integer_value(json_object_get(u, "unit_id")) )
    printf(", unit %lld%s", (long long)json_integer_value(json_object_get(u, "unit_id")),
           json_is_true(json_object_get(u, "own_unit_only")) ? " (own unit only)" : "");
  if( json_integer_value(json_object_get(u, "org_id")) )
    printf(", organisation %lld", (long long)json_integer_value(json_object_get(u, "org_id")));
  printf("\n");
}

int cmd_user(int argc, char **argv){
  const char *zDb = cli_opt(&argc, argv, "db");
  const char *zRole = cli_opt(&argc, argv, "role");
  const char *zOrg = cli_opt(&argc, argv, "org");
  int bStdin = cli_flag(&argc, argv, "password-stdin");
  int bJson = cli_flag(&argc, argv, "json");
  const char *zSub = argc>1 ? argv[1] : "";
  int bTwo = strcmp(zSub, "role")==0 || strcmp(zSub, "unit")==0 || strcmp(zSub, "org")==0 || strcmp(zSub, "own-unit")==0;
  int nWant = strcmp(zSub, "list")==0 ? 1 : bTwo ? 3 : 2;
  int rc = cli_leftover(argc, argv, nWant, "user");
  if( rc ) return rc;
  if( strcmp(zSub, "add") && strcmp(zSub, "passwd") && strcmp(zSub, "list") && strcmp(zSub, "disable")
   && strcmp(zSub, "enable") && !bTwo ){
    fprintf(stderr, "youcheng user: unknown subcommand '%s' (add, passwd, list, disable, enable, role, unit, org, own-unit)\n", zSub);
    return 2;
  }
  long long orgId = 0, refId = 0;
  if( zOrg && !cli_parse_id(zOrg, &orgId) ){ fprintf(stderr, "youcheng user: --org must be an organisation id\n"); return 2; }
  if( (strcmp(zSub, "unit")==0 || strcmp(zSub, "org")==0) && strcmp(argv[3], "none")!=0 && !cli_parse_id(argv[3], &refId) ){
    fprintf(stderr, "youcheng user %s: give an id or none\n", zSub);
    return 2;
  }
  if( strcmp(zSub, "own-unit")==0 && strcmp(argv[3], "on") && strcmp(argv[3], "off") ){
    fprintf(stderr, "youcheng user own-unit: give on or off\n");
    return 2;
  }
  if( strcmp(zSub, "passwd")==0 && !bStdin ){ fprintf(stderr, "youcheng user passwd: give --password-stdin\n"); return 2; }
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
  if( strcmp(zSub, "add")==0 ){
    st = user_add_org(&c, argv[2], bStdin ? zPw : 0, zRole, orgId, 0, &e);
    if( !st ) printf("user %s added (%s)%s\n", argv[2], zRole ? zRole : "editor",
                     bStdin ? "" : "; no password: API tokens only");
  }else if( strcmp(zSub, "passwd")==0 ){
    st = user_set_password(&c, argv[2], zPw, &e);
    if( !st ) printf("password of %s changed; their sessions and tokens ended\n", argv[2]);
  }else if( strcmp(zSub, "list")==0 ){
    json_t *out = 0;
    st = user_list(&c, &out, &e);
    return cli_finish(&c, st, &e, out, bJson, print_users);
  }else{
    int64_t id;
    json_t *in, *out = 0;
    if( (st = user_id_of(&c, argv[2], &id, &e)) ) return cli_finish(&c, st, &e, 0, bJson, print_user);
    if( strcmp(zSub, "role")==0 ) in = json_pack("{s:s}", "role", argv[3]);
    else if( strcmp(zSub, "unit")==0 ) in = json_pack("{s:o}", "unit_id", refId ? json_integer(refId) : json_null());
    else if( strcmp(zSub, "org")==0 ) in = json_pack("{s:o}", "org_id", refId ? json_integer(refId) : json_null());
    else if( strcmp(zSub, "own-unit")==0 ) in = json_pack("{s:b}", "own_unit_only", strcmp(argv[3], "on")==0);
    else in = json_pack("{s:b}", "disabled", strcmp(zSub, "disable")==0);
    st = user_patch(&c, id, in, &out, &e);
    json_decref(in);
    return cli_finish(&c, st, &e, out, bJson, print_user);
  }
  cli_close(&c);
  return st ? cli_fail(&e) : 0;
}

int cmd_token(int argc, char **argv){
  const char *zDb = cli_opt(&argc, argv, "db");
  const char *zName = cli_opt(&argc, argv, "name");
  const char *zExpires = cli_opt(&argc, argv, "expires");
  const char *zUser = cli_opt(&argc, argv, "user");
  int bJson = cli_flag(&argc, argv, "json");
  const char *zSub = argc>1 ? argv[1] : "";
  int rc = cli_leftover(argc, argv, strcmp(zSub, "list")==0 ? 1 : 2, "token");
  if( rc ) return rc;
  int nDays = 0;
  if( zExpires ){
    long long v;
    if( !cli_parse_id(zExpires, &v) || v>3650 ){
      fprintf(stderr, "youcheng token: --expires must be a number of days from 1 to 3650\n");
      return 2;
    }
    nDays = (int)v;
  }
  int64_t id = 0;
  if( strcmp(zSub, "revoke")==0 && (rc = cli_id(argv[2], "token revoke", "ID", &id)) ) return rc;
  if( strcmp(zSub, "create") && strcmp(zSub, "list") && strcmp(zSub, "revoke") ){
    fprintf(stderr, "youcheng token: unknown subcommand '%s' (create, list, revoke)\n", zSub);
    return 2;
  }
  Ctx c;
  if( (rc = cli_open(zDb, &c)) ) return rc;
  Err e;
  YcStatus st;
  if( strcmp(zSub, "list")==0 ){
    int64_t uid = 0;
    json_t *out = 0;
    st = zUser ? user_id_of(&c, zUser, &uid, &e) : YC_OK;
    if( !st ) st = token_list(&c, uid, &out, &e);
    return cli_finish(&c, st, &e, out, bJson, print_tokens);
  }
  if( strcmp(zSub, "revoke")==0 ){
    st = token_revoke(&c, id, &e);
    cli_close(&c);
    if( st ) return cli_fail(&e);
    printf("token %lld revoked\n", (long long)id);
    return 0;
  }
  char *zTok = 0;
  st = token_create(&c, argv[2], zName, nDays, &zTok, &e);
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
