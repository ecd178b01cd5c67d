/*
** COMMAND: news
** cmd_news.c: news items and documents from the command line: list, show,
** add, edit, publish, links, attach, the mention finder, and loading items
** in the demo's TSV format. The same core functions as the API and the
** pages; the CLI acts as admin (drafts and every link are shown).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cli/cli.h"
#include "cli/cmd_news.h"
#include "core/news.h"
#include "core/mention.h"
#include "core/demo.h"
#include "base/json.h"
#include "text/norm.h"

static const CliField aNewsOpt[] = {
  {"kind", "kind", CLI_STR}, {"lang", "lang", CLI_STR}, {"title-zh", "title_zh", CLI_STR},
  {"title-en", "title_en", CLI_STR}, {"date", "date", CLI_STR}, {"source", "source", CLI_STR},
  {"status", "status", CLI_STR}, {"unit", "unit_id", CLI_INT}, {0, 0, 0}
};

static const char *title_of(json_t *x){
  const char *z = jstr(x, "title_en");
  return z ? z : jstr0(x, "title_zh");
}

static void print_list(json_t *list){
  json_t *x;
  size_t i;
  printf("%-6s %-10s %-13s %-4s %-9s %s\n", "ID", "DATE", "KIND", "LANG", "STATUS", "TITLE");
  json_array_foreach(json_object_get(list, "items"), i, x){
    printf("%-6lld %-10s %-13s %-4s %-9s %s\n", jint(x, "id"), jstr0(x, "date"), jstr0(x, "kind"), jstr0(x, "lang"),
           jstr0(x, "status"), title_of(x));
  }
  cli_list_total(list, "news item", "");
}

static void print_item(json_t *x){
  printf("%s\n", title_of(x));
  if( jstr(x, "title_zh") && jstr(x, "title_en") ) printf("  %s\n", jstr0(x, "title_zh"));
  printf("  %s, %s, %s, %s\n", jstr0(x, "kind"), jstr0(x, "lang"), jstr0(x, "date"), jstr0(x, "status"));
  if( jstr(x, "source") ) printf("  source: %s\n", jstr0(x, "source"));
  json_t *l;
  size_t i;
  json_array_foreach(json_object_get(x, "links"), i, l){
    printf("  link %-9s %-6s %-6lld %s (\"%s\")\n", jstr0(l, "state"), jstr0(l, "type"), jint(l, "target_id"),
           jstr(l, "name_en") ? jstr0(l, "name_en") : jstr0(l, "name_zh"), jstr0(l, "surface"));
  }
  json_array_foreach(json_object_get(x, "attachments"), i, l){
    printf("  attachment %lld: %s (%s, %lld bytes)\n", jint(l, "id"), jstr0(l, "filename"), jstr0(l, "mime"), jint(l, "size"));
  }
  if( jstr(x, "body_zh") ) printf("\n%s\n", jstr0(x, "body_zh"));
  if( jstr(x, "body_en") ) printf("\n%s\n", jstr0(x, "body_en"));
}

static void print_mentions(json_t *m){
  json_t *x;
  size_t i;
  json_array_foreach(json_object_get(m, "mentions"), i, x){
    if( json_is_integer(json_object_get(x, "id")) ){
      printf("%6lld-%-6lld %-6s %-6lld %s  (%s)\n", jint(x, "start"), jint(x, "end"), jstr0(x, "type"), jint(x, "id"),
             jstr0(x, "match"), jstr0(x, "name"));
    }else{
      printf("%6lld-%-6lld %-6s ?      %s  (ambiguous: %lld records)\n", jint(x, "start"), jint(x, "end"), jstr0(x, "type"),
             jstr0(x, "match"), (long long)json_array_size(json_object_get(x, "candidates")));
    }
  }
  printf("%lld mention(s)\n", (long long)json_array_size(json_object_get(m, "mentions")));
}

static double now_ms(void){
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec*1e3 + (double)t.tv_nsec/1e6;
}
static int cmp_double(const void *a, const void *b){
  double x = *(const double*)a, y = *(const double*)b;
  return x<y ? -1 : x>y;
}

/* --bench N: the finder on the text N times (the first call builds the
** dictionary; it is timed apart), and the same-run reference: a plain scan
** of the text (its UTF-8 check and a search for one name), N times. Prints
** one JSON line of figures (ms). */
static int mention_bench(Ctx *c, const char *zText, int n){
  Err e;
  json_t *out = 0;
  double t0 = now_ms();
  if( mention_find(c, zText, &out, &e) ) return cli_fail(&e);
  double first = now_ms() - t0;
  size_t nFound = json_array_size(json_object_get(out, "mentions"));
  json_decref(out);
  /* A rebuild of the dictionary alone (the converters are loaded now). */
  mention_reset();
  t0 = now_ms();
  if( mention_find(c, zText, &out, &e) ) return cli_fail(&e);
  double rebuild = now_ms() - t0;
  json_decref(out);
  double *a = malloc(sizeof(double) * (size_t)n), *b = malloc(sizeof(double) * (size_t)n);
  if( !a || !b ){ free(a); free(b); return 1; }
  size_t nText = strlen(zText);
  volatile size_t sink = 0;
  for(int i=0; i<n; i++){
    t0 = now_ms();
    mention_find(c, zText, &out, &e);
    a[i] = now_ms() - t0;
    json_decref(out);
    t0 = now_ms();
    sink += (size_t)text_utf8_valid(zText, nText);
    for(const char *q = zText; (q = strstr(q, "Sacramento"))!=0; q++) sink++;
    b[i] = now_ms() - t0;
  }
  qsort(a, (size_t)n, sizeof(double), cmp_double);
  qsort(b, (size_t)n, sizeof(double), cmp_double);
  printf("{\"bytes\":%zu,\"mentions\":%zu,\"runs\":%d,\"first_ms\":%.4f,\"rebuild_ms\":%.4f,\"p50_ms\":%.4f,\"p99_ms\":%.4f,"
         "\"scan_p50_ms\":%.4f,\"sink\":%zu}\n", nText, nFound, n, first, rebuild, a[n/2], a[(n*99)/100 < n ? (n*99)/100 : n-1],
         b[n/2], (size_t)sink);
  free(a); free(b);
  return 0;
}

/* --body-zh FILE and --body-en FILE (Markdown; "-" stdin) into in. 0, or an exit code. */
static int body_opts(int *pArgc, char **argv, json_t *in){
  static const char *const az[][2] = {{"body-zh", "body_zh"}, {"body-en", "body_en"}};
  for(int i=0; i<2; i++){
    const char *z = cli_opt(pArgc, argv, az[i][0]);
    if( !z ) continue;
    if( !*z ){ json_object_set_new(in, az[i][1], json_null()); continue; }
    size_t n;
    char *zText = cli_read_file(z, 1u<<20, &n);
    if( !zText ){ fprintf(stderr, "youcheng news: cannot read %s\n", z); return 1; }
    json_object_set_new(in, az[i][1], json_stringn(zText, n));
    free(zText);
  }
  return 0;
}

int cmd_news(int argc, char **argv){
  const char *zDb = cli_opt(&argc, argv, "db");
  int bJson = cli_flag(&argc, argv, "json");
  if( argc<2 ){
    fprintf(stderr, "youcheng news: give a subcommand (list, show, add, edit, publish, link, attach, mentions, load)\n");
    return 2;
  }
  const char *zSub = argv[1];
  Ctx c;
  Err e;
  memset(&e, 0, sizeof e);
  json_t *out = 0, *in = 0;
  YcStatus st;
  int rc;
  int64_t id = 0;
  if( strcmp(zSub, "list")==0 ){
    NewsQuery q;
    memset(&q, 0, sizeof q);
    for(int i=0; azNewsParam[i]; i++) q.az[i] = cli_opt(&argc, argv, azNewsParam[i]);
    if( (rc = cli_leftover(argc, argv, 1, "news list")) ) return rc;
    if( !q.zLimit ) q.zLimit = "100";
    if( (rc = cli_open(zDb, &c)) ) return rc;
    st = news_list(&c, &q, &out, &e);
    return cli_finish(&c, st, &e, out, bJson, print_list);
  }
  if( strcmp(zSub, "mentions")==0 ){
    const char *zBench = cli_opt(&argc, argv, "bench");
    if( (rc = cli_leftover(argc, argv, argc>2 ? 2 : 1, "news mentions")) ) return rc;
    size_t n;
    char *zText = cli_read_file(argc>2 ? argv[2] : "-", 1u<<20, &n);
    if( !zText ){ fprintf(stderr, "youcheng news mentions: cannot read %s\n", argc>2 ? argv[2] : "stdin"); return 1; }
    if( (rc = cli_open(zDb, &c)) ){ free(zText); return rc; }
    if( zBench ){
      long long nRun = 0;
      if( !cli_parse_id(zBench, &nRun) || nRun>100000 ){ free(zText); cli_close(&c); fprintf(stderr, "youcheng news mentions: --bench takes 1 to 100000\n"); return 2; }
      rc = mention_bench(&c, zText, (int)nRun);
      free(zText);
      cli_close(&c);
      return rc;
    }
    st = mention_find(&c, zText, &out, &e);
    free(zText);
    return cli_finish(&c, st, &e, out, bJson, print_mentions);
  }
  if( strcmp(zSub, "load")==0 ){
    if( argc<3 ){ fprintf(stderr, "youcheng news load: give NEWS.tsv (and LINKS.tsv)\n"); return 2; }
    if( (rc = cli_leftover(argc, argv, argc>3 ? 3 : 2, "news load")) ) return rc;
    size_t n;
    char *zNews = cli_read_file(argv[2], 64u<<20, &n), *zLinks = argc>3 ? cli_read_file(argv[3], 64u<<20, &n) : 0;
    if( !zNews || (argc>3 && !zLinks) ){
      fprintf(stderr, "youcheng news load: cannot read %s\n", !zNews ? argv[2] : argv[3]);
      free(zNews); free(zLinks);
      return 1;
    }
    if( (rc = cli_open(zDb, &c)) ){ free(zNews); free(zLinks); return rc; }
    DemoCounts dc;
    memset(&dc, 0, sizeof dc);
    st = db_begin(c.db, &e);
    /* Without a links file: the embedded one would not match these keys. */
    if( !st ) st = demo_news_load(&c, zNews, zLinks ? zLinks : "news_key\ttype\tref\tsurface\n", &dc, &e);
    if( !st ) st = db_commit(c.db, &e);
    if( st ) db_rollback(c.db);
    free(zNews); free(zLinks);
    if( !st ) out = json_pack("{s:i, s:i}", "items", dc.nNews, "links", dc.nNewsLink);
    if( !st && !bJson ){
      printf("news: %d new items, %d curated links (confirmed)\n", dc.nNews, dc.nNewsLink);
      json_decref(out);
      cli_close(&c);
      return 0;
    }
    return cli_finish(&c, st, &e, out, bJson, 0);
  }
  if( strcmp(zSub, "add")==0 ){
    if( (rc = cli_json_opts(&argc, argv, aNewsOpt, 0, "news add", &in)) ) return rc;
    if( (rc = body_opts(&argc, argv, in)) ){ json_decref(in); return rc; }
    if( (rc = cli_leftover(argc, argv, 1, "news add")) ){ json_decref(in); return rc; }
    if( (rc = cli_open(zDb, &c)) ){ json_decref(in); return rc; }
    st = news_create(&c, in, &out, &e);
    json_decref(in);
    if( !st && !bJson ){
      printf("news item %lld created (%s)\n", jint(out, "id"), jstr0(out, "status"));
      json_decref(out);
      cli_close(&c);
      return 0;
    }
    return cli_finish(&c, st, &e, out, bJson, 0);
  }
  /* The rest name an item: ID. */
  if( argc<3 || cli_id(argv[2], "news", "ID", &id) ){
    fprintf(stderr, "youcheng news %s: give the id (see --help)\n", zSub);
    return 2;
  }
  if( strcmp(zSub, "show")==0 ){
    if( (rc = cli_leftover(argc, argv, 2, "news show")) ) return rc;
    if( (rc = cli_open(zDb, &c)) ) return rc;
    st = news_get(&c, id, &out, &e);
    return cli_finish(&c, st, &e, out, bJson, print_item);
  }
  if( strcmp(zSub, "edit")==0 || strcmp(zSub, "publish")==0 ){
    int64_t v = -1;
    if( (rc = cli_if_version(&argc, argv, "news edit", &v)) ) return rc;
    if( strcmp(zSub, "publish")==0 ) in = json_pack("{s:s}", "status", "published");
    else{
      if( (rc = cli_json_opts(&argc, argv, aNewsOpt, 1, "news edit", &in)) ) return rc;
      if( (rc = body_opts(&argc, argv, in)) ){ json_decref(in); return rc; }
    }
    if( (rc = cli_leftover(argc, argv, 2, strcmp(zSub, "publish")==0 ? "news publish" : "news edit")) ){ json_decref(in); return rc; }
    if( (rc = cli_open(zDb, &c)) ){ json_decref(in); return rc; }
    cli_expect(&c, "news", id, v);
    st = news_update(&c, id, in, &out, &e);
    json_decref(in);
    return cli_finish(&c, st, &e, out, bJson, print_item);
  }
  if( strcmp(zSub, "link")==0 ){
    /* youcheng news link ID TYPE TARGET STATE */
    if( argc!=6 ){ fprintf(stderr, "youcheng news link: give ID TYPE TARGET_ID STATE\n"); return 2; }
    int64_t target;
    if( (rc = cli_id(argv[4], "news link", "TARGET_ID", &target)) ) return rc;
    in = json_pack("{s:[{s:s, s:I, s:s}]}", "links", "type", argv[3], "id", (json_int_t)target, "state", argv[5]);
    if( (rc = cli_open(zDb, &c)) ){ json_decref(in); return rc; }
    st = news_links_set(&c, id, in, &out, &e);
    json_decref(in);
    return cli_finish(&c, st, &e, out, bJson, print_item);
  }
  if( strcmp(zSub, "attach")==0 ){
    const char *zName = cli_opt(&argc, argv, "name");
    if( argc!=4 ){ fprintf(stderr, "youcheng news attach: give ID FILE\n"); return 2; }
    size_t n;
    /* One byte over the limit is enough for core to refuse it by name. */
    char *zData = cli_read_file(argv[3], NEWS_MAX_ATTACHMENT + 1, &n);
    if( !zData ){ fprintf(stderr, "youcheng news attach: cannot read %s (or it is larger than 10 MiB)\n", argv[3]); return 1; }
    if( (rc = cli_open(zDb, &c)) ){ free(zData); return rc; }
    st = news_attach(&c, id, zName ? zName : argv[3], zData, n, &out, &e);
    free(zData);
    if( !st && !bJson ){
      printf("attachment %lld: %s (%s, %lld bytes)\n", jint(out, "id"), jstr0(out, "filename"), jstr0(out, "mime"), jint(out, "size"));
      json_decref(out);
      cli_close(&c);
      return 0;
    }
    return cli_finish(&c, st, &e, out, bJson, 0);
  }
  fprintf(stderr, "youcheng news: unknown subcommand %s (see --help)\n", zSub);
  return 2;
}
