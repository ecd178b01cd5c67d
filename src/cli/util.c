/* util.c: option parsing and helpers for the commands; see cli.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli/cli.h"
#include "store/db.h"
#include "base/json.h"

static void remove_args(int *pArgc, char **argv, int i, int n){
  memmove(&argv[i], &argv[i+n], sizeof(char*)*(size_t)(*pArgc - i - n + 1));
  *pArgc -= n;
}

/* A PostgreSQL connection string on the command line must not carry a
** password (ps and shell histories show it): it comes from PGPASSWORD,
** ~/.pgpass or YOUCHENG_DB. */
static const char *db_arg(const char *zOpt, const char *zDb){
  if( zDb && db_is_pg(zDb) ){
    const char *zAt = strchr(zDb, '@');
    const char *zScheme = strstr(zDb, "://");
    int bUrlPass = zScheme && zAt && memchr(zScheme + 3, ':', (size_t)(zAt - zScheme - 3))!=0;
    if( bUrlPass || strstr(zDb, "password=") ){
      fprintf(stderr, "youcheng: --%s must not hold a password (it would show in the process list);"
                      " set PGPASSWORD, use ~/.pgpass, or put the connection string in YOUCHENG_DB\n", zOpt);
      exit(2);
    }
  }
  return zDb;
}

static const char *opt_value(int *pArgc, char **argv, const char *zName){
  size_t n = strlen(zName);
  for(int i=1; i<*pArgc; i++){
    const char *a = argv[i];
    if( strcmp(a, "--")==0 ) break;
    if( a[0]=='-' && a[1]=='-' && strncmp(a+2, zName, n)==0 ){
      if( a[2+n]=='=' ){ remove_args(pArgc, argv, i, 1); return a + 3 + n; }
      if( a[2+n]==0 && i+1<*pArgc ){
        const char *v = argv[i+1];
        remove_args(pArgc, argv, i, 2);
        return v;
      }
    }
  }
  return 0;
}

const char *cli_opt(int *pArgc, char **argv, const char *zName){
  const char *z = opt_value(pArgc, argv, zName);
  /* --db, else the environment's YOUCHENG_DB. */
  if( strcmp(zName, "db")==0 ) return z ? db_arg(zName, z) : getenv("YOUCHENG_DB");
  return z;
}

const char *cli_db_opt(int *pArgc, char **argv, const char *zName){
  return db_arg(zName, opt_value(pArgc, argv, zName));
}

void cli_db_unlink(const char *zPath){
  char z[4200];
  unlink(zPath);
  snprintf(z, sizeof z, "%s-wal", zPath); unlink(z);
  snprintf(z, sizeof z, "%s-shm", zPath); unlink(z);
  snprintf(z, sizeof z, "%s-journal", zPath); unlink(z);
}

int cli_db_is_new(const char *zDb){
  return !db_is_pg(zDb) && access(zDb, F_OK)!=0;
}

void cli_db_tmp_name(const char *zDb, char *zTmp, size_t nTmp){
  snprintf(zTmp, nTmp, "%s.init-%ld.tmp", zDb, (long)getpid());
  cli_db_unlink(zTmp);
}

int cli_db_put_new(const char *zTmp, const char *zDb, int rc, const char *zCmd){
  if( rc==0 && rename(zTmp, zDb)!=0 ){
    fprintf(stderr, "youcheng %s: cannot rename %s to %s: %s\n", zCmd, zTmp, zDb, strerror(errno));
    rc = 1;
  }
  if( rc ) cli_db_unlink(zTmp);
  return rc;
}

int cli_flag(int *pArgc, char **argv, const char *zName){
  for(int i=1; i<*pArgc; i++){
    if( argv[i][0]=='-' && argv[i][1]=='-' && strcmp(argv[i]+2, zName)==0 ){
      remove_args(pArgc, argv, i, 1);
      return 1;
    }
  }
  return 0;
}

int cli_fail(const Err *e){
  if( e->zField[0] ) fprintf(stderr, "youcheng: %s (%s: %s)\n", e->zMsg, e->zField, e->zCode);
  else fprintf(stderr, "youcheng: %s (%s)\n", e->zMsg, e->zCode);
  return e->st==YC_EINVALID ? 2 : 1;
}

void cli_import_progress(void *pArg, const char *zStage, int nDone, int nTotal){
  (void)pArg;
  if( nDone<500 ) return;
  if( nTotal ) fprintf(stderr, "youcheng: import: %d of %d rows %s\n", nDone, nTotal, zStage);
  else fprintf(stderr, "youcheng: import: %d rows %s\n", nDone, zStage);
}

int cli_leftover(int argc, char **argv, int nWant, const char *zCmd){
  for(int i=1; i<argc; i++){
    if( argv[i][0]=='-' && argv[i][1]=='-' ){
      fprintf(stderr, "youcheng %s: unknown option %s (see --help)\n", zCmd, argv[i]);
      return 2;
    }
  }
  if( argc-1!=nWant ){
    fprintf(stderr, "youcheng %s: expected %d argument(s), got %d (see --help)\n", zCmd, nWant, argc-1);
    return 2;
  }
  return 0;
}

int cli_open(const char *zDb, Ctx *c){
  memset(c, 0, sizeof *c);
  Err e;
  if( !zDb ){ fprintf(stderr, "youcheng: --db FILE is required\n"); return 2; }
  if( db_open(zDb, 0, &c->db, &e) ) return cli_fail(&e);
  if( db_schema_version(c->db)<=0 ){
    fprintf(stderr, "youcheng: %s is not a youcheng database; run `youcheng init --db %s` first\n", zDb, zDb);
    db_close(c->db);
    c->db = 0;
    return 1;
  }
  c->zActor = "cli";
  c->zRole = "admin";       /* the operator, who holds the database file */
  if( ctx_load_home(c, &e) ){ db_close(c->db); c->db = 0; return cli_fail(&e); }
  return 0;
}

void cli_close(Ctx *c){ db_close(c->db); c->db = 0; }

char *cli_read_file(const char *zPath, size_t nMax, size_t *pn){
  FILE *f = strcmp(zPath, "-")==0 ? stdin : fopen(zPath, "rb");
  if( !f ){ perror(zPath); return 0; }
  size_t n = 0, nAlloc = 65536;
  char *z = malloc(nAlloc + 1);
  while( z ){
    if( n==nAlloc ){
      if( nAlloc>=nMax ){ fprintf(stderr, "youcheng: %s is larger than %zu bytes\n", zPath, nMax); free(z); z = 0; break; }
      nAlloc *= 2;
      char *z2 = realloc(z, nAlloc + 1);
      if( !z2 ){ free(z); z = 0; break; }
      z = z2;
    }
    size_t k = fread(z + n, 1, nAlloc - n, f);
    if( k==0 ) break;
    n += k;
  }
  if( f!=stdin ) fclose(f);
  if( z ){ z[n] = 0; *pn = n; }
  return z;
}

int cli_parse_id(const char *z, long long *pv){
  char *zEnd;
  if( !z || !*z ) return 0;
  *pv = strtoll(z, &zEnd, 10);
  return *zEnd==0 && *pv>0;
}

int cli_id(const char *z, const char *zCmd, const char *zWhat, int64_t *pId){
  long long v;
  if( !cli_parse_id(z, &v) ){
    fprintf(stderr, "youcheng %s: %s must be a positive number\n", zCmd, zWhat);
    return 2;
  }
  *pId = v;
  return 0;
}

int cli_if_version(int *pArgc, char **argv, const char *zCmd, int64_t *pV){
  const char *z = cli_opt(pArgc, argv, "if-version");
  char *zEnd;
  *pV = -1;
  if( !z ) return 0;
  long long v = strtoll(z, &zEnd, 10);
  if( !*z || *zEnd || v<0 ){
    fprintf(stderr, "youcheng %s: --if-version must be the record's version, an integer from 0\n", zCmd);
    return 2;
  }
  *pV = v;
  return 0;
}

void cli_expect(Ctx *c, const char *zEntity, int64_t id, int64_t v){
  if( v<0 ) return;
  c->zIfEntity = zEntity;
  c->ifId = id;
  c->ifVersion = v;
}

int cli_finish(Ctx *c, YcStatus st, const Err *e, json_t *out, int bJson, void (*xPrint)(json_t*)){
  cli_close(c);
  if( st ){ json_decref(out); return cli_fail(e); }
  if( bJson || !xPrint ) cli_print_json(out); else xPrint(out);
  json_decref(out);
  return 0;
}

void cli_list_total(const json_t *list, const char *zWhat, const char *zTail){
  const char *zNext = jstr(list, "next_cursor");
  printf("%lld %s(s)%s%s%s%s\n", jint(list, "total"), zWhat, zNext ? " (more: --cursor " : "", zNext ? zNext : "",
         zNext ? ")" : "", zTail);
}

void cli_print_json(const json_t *j){
  char *z = json_text(j, JSON_INDENT(2));
  if( z ) printf("%s\n", z);
  free(z);
}

int cli_json_opts(int *pArgc, char **argv, const CliField *aField, int bClear, const char *zCmd, json_t **ppIn){
  json_t *in = json_object();
  *ppIn = 0;
  for(const CliField *f = aField; f->zOpt; f++){
    if( f->eType==CLI_BOOL_NOT ){
      if( cli_flag(pArgc, argv, f->zOpt) ) json_object_set_new(in, f->zKey, json_false());
      continue;
    }
    const char *z = cli_opt(pArgc, argv, f->zOpt);
    if( !z ) continue;
    if( !*z && bClear ){ json_object_set_new(in, f->zKey, json_null()); continue; }
    if( f->eType==CLI_STR ){ json_object_set_new(in, f->zKey, json_string(z)); continue; }
    json_t *v = f->eType==CLI_INT ? 0 : json_array();
    while( 1 ){
      const char *zEnd = f->eType==CLI_INT ? 0 : strchr(z, ',');
      size_t n = zEnd ? (size_t)(zEnd - z) : strlen(z);
      char *zItem = strndup(z, n);
      json_t *x = 0;
      if( zItem && (f->eType==CLI_INT || f->eType==CLI_INTS) ){
        char *zNum;
        long long k = strtoll(zItem, &zNum, 10);
        if( *zItem && !*zNum ) x = json_integer(k);
      }else if( zItem ){
        x = json_string(zItem);
      }
      free(zItem);
      if( !x ){
        fprintf(stderr, "youcheng %s: --%s takes %s\n", zCmd, f->zOpt,
                f->eType==CLI_INT ? "a number" : "numbers separated by commas");
        json_decref(v);
        json_decref(in);
        return 2;
      }
      if( f->eType==CLI_INT ){ v = x; break; }
      if( n ) json_array_append_new(v, x); else json_decref(x);
      if( !zEnd ) break;
      z = zEnd + 1;
    }
    json_object_set_new(in, f->zKey, v);
  }
  *ppIn = in;
  return 0;
}
