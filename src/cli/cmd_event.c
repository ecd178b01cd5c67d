/*
** COMMAND: event
** COMMAND: series
** cmd_event.c: events, invitations, the participation matrix, series and
** networks from the command line; the same core functions as the API and
** the pages. The CLI acts as admin: private events and personal data are
** shown.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "cli/cmd_event.h"
#include "core/archive.h"
#include "core/event.h"
#include "core/invitation.h"
#include "core/series.h"
#include "base/json.h"

/* How an option becomes a field of the core's JSON input. */
enum { OPT_TEXT, OPT_INT, OPT_LIST, OPT_SOURCES, OPT_BOOL };
typedef struct OptField { const char *zOpt, *zField; int eType; } OptField;

/* Read the options of a (0-terminated) into the JSON object in: text as
** given, integers, comma lists, " | " lists, 1/0 booleans; an empty value
** is null (clears on edit). A value that is not what the field takes is
** passed on as text, so that core names the field. */
static json_t *opts_json(int *pArgc, char **argv, const OptField *a){
  json_t *in = json_object();
  for(int i=0; a[i].zOpt; i++){
    const char *z = cli_opt(pArgc, argv, a[i].zOpt);
    if( !z ) continue;
    json_t *v = 0;
    if( !*z ) v = json_null();
    else if( a[i].eType==OPT_INT ){
      char *zEnd;
      long long n = strtoll(z, &zEnd, 10);
      v = *zEnd ? json_string(z) : json_integer(n);
    }else if( a[i].eType==OPT_LIST || a[i].eType==OPT_SOURCES ){
      const char *zSep = a[i].eType==OPT_LIST ? "," : " | ";
      size_t nSep = strlen(zSep);
      v = json_array();
      for(const char *s = z; *s; ){
        const char *zEnd = strstr(s, zSep);
        size_t n = zEnd ? (size_t)(zEnd - s) : strlen(s);
        if( n ) json_array_append_new(v, json_stringn(s, n));
        s += n + (zEnd ? nSep : 0);
      }
    }else if( a[i].eType==OPT_BOOL ){
      v = strcmp(z, "1")==0 || strcmp(z, "yes")==0 || strcmp(z, "true")==0 ? json_true()
        : strcmp(z, "0")==0 || strcmp(z, "no")==0 || strcmp(z, "false")==0 ? json_false() : json_string(z);
    }else v = json_string(z);
    json_object_set_new(in, a[i].zField, v);
  }
  return in;
}

/* "organisations" as ids from a comma list of the option --orgs. */
static void ids_field(json_t *in, const char *zField){
  json_t *a = json_object_get(in, zField), *x, *out;
  size_t i;
  if( !json_is_array(a) ) return;
  out = json_array();
  json_array_foreach(a, i, x){
    long long v;
    if( cli_parse_id(json_string_value(x), &v) ) json_array_append_new(out, json_integer(v));
    else json_array_append(out, x);
  }
  json_object_set_new(in, zField, out);
}

static const OptField aEventOpt[] = {
  {"title-zh", "title_zh", OPT_TEXT}, {"title-en", "title_en", OPT_TEXT}, {"kind", "kind", OPT_TEXT},
  {"status", "status", OPT_TEXT}, {"start", "start", OPT_TEXT}, {"end", "end", OPT_TEXT},
  {"series", "series_id", OPT_INT}, {"edition", "edition", OPT_INT}, {"city", "city_id", OPT_INT},
  {"place", "place", OPT_TEXT}, {"organisers", "organisers", OPT_TEXT}, {"orgs", "organisations", OPT_LIST},
  {"fields", "fields", OPT_LIST}, {"public", "public", OPT_BOOL}, {"reported-people", "reported_people", OPT_INT},
  {"reported-countries", "reported_countries", OPT_INT}, {"reported-delegations", "reported_delegations", OPT_INT},
  {"description", "description", OPT_TEXT}, {"notes", "notes", OPT_TEXT}, {"sources", "sources", OPT_SOURCES},
  {"links", "links", OPT_SOURCES}, {0, 0, 0}
};

static const OptField aInviteOpt[] = {
  {"tie", "tie_id", OPT_INT}, {"org", "org_id", OPT_INT}, {"person", "person_id", OPT_INT},
  {"status", "status", OPT_TEXT}, {"invited-on", "invited_on", OPT_TEXT}, {"answered-on", "answered_on", OPT_TEXT},
  {"size", "size", OPT_INT}, {"head", "head", OPT_TEXT}, {"head-person", "head_person_id", OPT_INT},
  {"notes", "notes", OPT_TEXT}, {"sources", "sources", OPT_SOURCES}, {0, 0, 0}
};

static const char *title_of(json_t *x){
  const char *z = jstr(x, "title_en");
  return z ? z : jstr0(x, "title_zh");
}

static void print_events(json_t *list){
  json_t *x;
  size_t i;
  printf("%-6s %-10s %-10s %-10s %-7s %s\n", "ID", "START", "KIND", "STATUS", "TIES", "TITLE");
  json_array_foreach(json_object_get(list, "items"), i, x){
    char zTies[16];
    snprintf(zTies, sizeof zTies, "%lld/%lld", jint(x, "ties_attended"), jint(x, "ties_invited"));
    printf("%-6lld %-10s %-10s %-10s %-7s %s\n", jint(x, "id"), jstr0(x, "start"), jstr0(x, "kind"), jstr0(x, "status"),
           zTies, title_of(x));
  }
  cli_list_total(list, "event", "");
}

static void print_event(json_t *x, json_t *inv){
  printf("%s\n", title_of(x));
  if( jstr(x, "title_zh") && jstr(x, "title_en") ) printf("  %s\n", jstr0(x, "title_zh"));
  printf("  %s, %s, %s%s%s\n", jstr0(x, "kind"), jstr0(x, "status"), jstr0(x, "start"), jstr(x, "end") ? " - " : "", jstr0(x, "end"));
  json_t *s = json_object_get(x, "series");
  if( json_is_object(s) ) printf("  series %lld: %s\n", jint(s, "id"), jstr(s, "name_en") ? jstr0(s, "name_en") : jstr0(s, "name_zh"));
  if( jstr(x, "place") ) printf("  place: %s\n", jstr0(x, "place"));
  if( json_is_integer(json_object_get(x, "exchange_id")) ) printf("  exchange: %lld\n", jint(x, "exchange_id"));
  json_t *v;
  size_t i;
  json_array_foreach(json_object_get(inv, "items"), i, v){
    json_t *t = json_object_get(v, "tie"), *o = json_object_get(v, "org"), *pe = json_object_get(v, "person");
    const char *zWho = json_is_object(t) ? jstr0(t, "name_en") : json_is_object(o) ? jstr0(o, "name_en")
                     : json_is_object(pe) ? (jstr(pe, "name_en") ? jstr0(pe, "name_en") : jstr0(pe, "name_zh")) : "";
    printf("  invitation %lld: %-10s %s%s%s\n", jint(v, "id"), jstr0(v, "status"), zWho, jstr(v, "head") ? " - " : "", jstr0(v, "head"));
  }
}

static void print_matrix(json_t *m){
  json_t *x, *y;
  size_t i, k;
  printf("%-24s %4s %4s", "TIE", "INV", "ATT");
  json_array_foreach(json_object_get(m, "events"), k, y) printf(" %6lld", jint(y, "id"));
  printf("\n");
  json_array_foreach(json_object_get(m, "rows"), i, x){
    printf("%-24.24s %4lld %4lld", jstr0(json_object_get(x, "tie"), "name_en"), jint(x, "invited"), jint(x, "attended"));
    json_array_foreach(json_object_get(x, "cells"), k, y) printf(" %6.6s", json_is_string(y) ? json_string_value(y) : ".");
    printf("\n");
  }
  printf("%lld tie(s) x %lld event(s) (of %lld); never invited: %lld; invited, never attending: %lld\n",
         jint(m, "total"), (long long)json_array_size(json_object_get(m, "events")), jint(m, "events_total"),
         jint(json_object_get(m, "never_invited"), "total"), jint(json_object_get(m, "never_attended"), "total"));
}

/* Open the database (the CLI acts as admin), run, print, close. */
int cmd_event(int argc, char **argv){
  const char *zDb = cli_opt(&argc, argv, "db");
  int bJson = cli_flag(&argc, argv, "json");
  if( argc<2 ){
    fprintf(stderr, "youcheng event: give a subcommand (list, show, add, edit, delete, invite, invitation, matrix)\n");
    return 2;
  }
  const char *zSub = argv[1];
  Ctx c;
  Err e;
  memset(&e, 0, sizeof e);
  json_t *out = 0, *in = 0;
  YcStatus st;
  int rc;
  long long id = 0;
  if( strcmp(zSub, "list")==0 ){
    EventQuery q;
    memset(&q, 0, sizeof q);
    for(int i=0; azEventParam[i]; i++) q.az[i] = cli_opt(&argc, argv, azEventParam[i]);
    if( (rc = cli_leftover(argc, argv, 1, "event list")) ) return rc;
    if( !q.zLimit ) q.zLimit = "100";
    if( (rc = cli_open(zDb, &c)) ) return rc;
    st = event_list(&c, &q, &out, &e);
    return cli_finish(&c, st, &e, out, bJson, print_events);
  }
  if( strcmp(zSub, "matrix")==0 ){
    MatrixQuery q;
    memset(&q, 0, sizeof q);
    for(int i=0; azMatrixParam[i]; i++) q.az[i] = cli_opt(&argc, argv, azMatrixParam[i]);
    if( (rc = cli_leftover(argc, argv, 1, "event matrix")) ) return rc;
    if( (rc = cli_open(zDb, &c)) ) return rc;
    st = invitation_matrix(&c, &q, &out, &e);
    return cli_finish(&c, st, &e, out, bJson, print_matrix);
  }
  if( strcmp(zSub, "add")==0 ){
    in = opts_json(&argc, argv, aEventOpt);
    ids_field(in, "organisations");
    if( (rc = cli_leftover(argc, argv, 1, "event add")) ){ json_decref(in); return rc; }
    if( (rc = cli_open(zDb, &c)) ){ json_decref(in); return rc; }
    st = event_create(&c, in, &out, &e);
    json_decref(in);
    if( !st && !bJson ) printf("event %lld created\n", jint(out, "id"));
    if( !st && !bJson ){ json_decref(out); out = 0; cli_close(&c); return 0; }
    return cli_finish(&c, st, &e, out, bJson, 0);
  }
  /* The rest name a record: ID. */
  if( argc<3 || !cli_parse_id(argv[2], &id) ){
    fprintf(stderr, "youcheng event %s: give the id (see --help)\n", zSub);
    return 2;
  }
  if( strcmp(zSub, "show")==0 ){
    if( (rc = cli_leftover(argc, argv, 2, "event show")) ) return rc;
    if( (rc = cli_open(zDb, &c)) ) return rc;
    json_t *inv = 0;
    st = event_get(&c, id, &out, &e);
    if( !st ) st = invitation_list(&c, id, &inv, &e);
    if( !st ) json_object_set(out, "invitations", json_object_get(inv, "items"));
    cli_close(&c);
    if( st ){ json_decref(out); json_decref(inv); return cli_fail(&e); }
    if( bJson ) cli_print_json(out); else print_event(out, inv);
    json_decref(out);
    json_decref(inv);
    return 0;
  }
  if( strcmp(zSub, "edit")==0 ){
    in = opts_json(&argc, argv, aEventOpt);
    ids_field(in, "organisations");
    int64_t ifVer = -1;
    if( (rc = cli_if_version(&argc, argv, "event edit", &ifVer)) || (rc = cli_leftover(argc, argv, 2, "event edit")) ){
      json_decref(in);
      return rc;
    }
    if( (rc = cli_open(zDb, &c)) ){ json_decref(in); return rc; }
    cli_expect(&c, "event", id, ifVer);
    st = event_update(&c, id, in, &out, &e);
    json_decref(in);
    if( !st && !bJson ){ printf("event %lld saved\n", id); json_decref(out); cli_close(&c); return 0; }
    return cli_finish(&c, st, &e, out, bJson, 0);
  }
  if( strcmp(zSub, "delete")==0 ){
    int64_t ifVer = -1;
    if( (rc = cli_if_version(&argc, argv, "event delete", &ifVer)) || (rc = cli_leftover(argc, argv, 2, "event delete")) ) return rc;
    if( (rc = cli_open(zDb, &c)) ) return rc;
    cli_expect(&c, "event", id, ifVer);
    st = archive_delete(&c, "event", id, &e);
    cli_close(&c);
    if( st ) return cli_fail(&e);
    printf("event %lld deleted\n", id);
    return 0;
  }
  if( strcmp(zSub, "invite")==0 ){
    in = opts_json(&argc, argv, aInviteOpt);
    if( (rc = cli_leftover(argc, argv, 2, "event invite")) ){ json_decref(in); return rc; }
    if( (rc = cli_open(zDb, &c)) ){ json_decref(in); return rc; }
    st = invitation_create(&c, id, in, &out, &e);
    json_decref(in);
    if( !st && !bJson ){ printf("invitation %lld created\n", jint(out, "id")); json_decref(out); cli_close(&c); return 0; }
    return cli_finish(&c, st, &e, out, bJson, 0);
  }
  if( strcmp(zSub, "invitation")==0 ){
    int bDelete = cli_flag(&argc, argv, "delete");
    in = opts_json(&argc, argv, aInviteOpt);
    if( (rc = cli_leftover(argc, argv, 2, "event invitation")) ){ json_decref(in); return rc; }
    if( (rc = cli_open(zDb, &c)) ){ json_decref(in); return rc; }
    if( bDelete ){
      json_decref(in);
      st = archive_delete(&c, "invitation", id, &e);
      cli_close(&c);
      if( st ) return cli_fail(&e);
      printf("invitation %lld deleted\n", id);
      return 0;
    }
    st = json_object_size(in) ? invitation_update(&c, id, in, &out, &e) : invitation_get(&c, id, &out, &e);
    json_decref(in);
    return cli_finish(&c, st, &e, out, 1, 0);
  }
  fprintf(stderr, "youcheng event: unknown subcommand %s (list, show, add, edit, delete, invite, invitation, matrix)\n", zSub);
  return 2;
}

static const OptField aSeriesOpt[] = {
  {"kind", "kind", OPT_TEXT}, {"name-zh", "name_zh", OPT_TEXT}, {"name-en", "name_en", OPT_TEXT},
  {"website", "website", OPT_TEXT}, {"description", "description", OPT_TEXT}, {"sources", "sources", OPT_SOURCES},
  {0, 0, 0}
};

static const OptField aMemberOpt[] = {
  {"tie", "tie_id", OPT_INT}, {"city", "city_id", OPT_INT}, {"org", "org_id", OPT_INT}, {"role", "role", OPT_TEXT},
  {"joined", "joined", OPT_TEXT}, {"sources", "sources", OPT_SOURCES}, {0, 0, 0}
};

static void print_series_list(json_t *list){
  json_t *x;
  size_t i;
  printf("%-6s %-8s %7s %8s %s\n", "ID", "KIND", "MEMBERS", "EDITIONS", "NAME");
  json_array_foreach(json_object_get(list, "items"), i, x){
    printf("%-6lld %-8s %7lld %8lld %s\n", jint(x, "id"), jstr0(x, "kind"), jint(x, "members"), jint(x, "editions"),
           jstr(x, "name_en") ? jstr0(x, "name_en") : jstr0(x, "name_zh"));
  }
  printf("%lld series and network(s)\n", jint(list, "total"));
}

static void print_series(json_t *x){
  printf("%s (%s)\n", jstr(x, "name_en") ? jstr0(x, "name_en") : jstr0(x, "name_zh"), jstr0(x, "kind"));
  json_t *y;
  size_t i;
  json_array_foreach(json_object_get(x, "members"), i, y){
    json_t *city = json_object_get(y, "city"), *org = json_object_get(y, "org");
    printf("  member %lld: %s%s%s\n", jint(y, "id"), json_is_object(city) ? jstr0(city, "label_en") : jstr0(org, "name_en"),
           jstr(y, "role") ? " - " : "", jstr0(y, "role"));
  }
  json_array_foreach(json_object_get(x, "editions"), i, y){
    printf("  event %lld: %s %s (%s)\n", jint(y, "id"), jstr0(y, "start"), title_of(y), jstr0(y, "status"));
  }
}

int cmd_series(int argc, char **argv){
  const char *zDb = cli_opt(&argc, argv, "db");
  int bJson = cli_flag(&argc, argv, "json");
  if( argc<2 ){ fprintf(stderr, "youcheng series: give a subcommand (list, show, add, member-add, member-remove)\n"); return 2; }
  const char *zSub = argv[1];
  Ctx c;
  Err e;
  memset(&e, 0, sizeof e);
  json_t *out = 0, *in = 0;
  YcStatus st;
  int rc;
  long long id = 0, m = 0;
  if( strcmp(zSub, "list")==0 ){
    SeriesQuery q;
    memset(&q, 0, sizeof q);
    for(int i=0; azSeriesParam[i]; i++) q.az[i] = cli_opt(&argc, argv, azSeriesParam[i]);
    if( (rc = cli_leftover(argc, argv, 1, "series list")) ) return rc;
    if( (rc = cli_open(zDb, &c)) ) return rc;
    st = series_list(&c, &q, &out, &e);
    return cli_finish(&c, st, &e, out, bJson, print_series_list);
  }
  if( strcmp(zSub, "add")==0 ){
    in = opts_json(&argc, argv, aSeriesOpt);
    if( (rc = cli_leftover(argc, argv, 1, "series add")) ){ json_decref(in); return rc; }
    if( (rc = cli_open(zDb, &c)) ){ json_decref(in); return rc; }
    st = series_create(&c, in, &out, &e);
    json_decref(in);
    if( !st && !bJson ){ printf("series %lld created\n", jint(out, "id")); json_decref(out); cli_close(&c); return 0; }
    return cli_finish(&c, st, &e, out, bJson, 0);
  }
  if( argc<3 || !cli_parse_id(argv[2], &id) ){
    fprintf(stderr, "youcheng series %s: give the id (see --help)\n", zSub);
    return 2;
  }
  if( strcmp(zSub, "show")==0 ){
    if( (rc = cli_leftover(argc, argv, 2, "series show")) ) return rc;
    if( (rc = cli_open(zDb, &c)) ) return rc;
    st = series_get(&c, id, &out, &e);
    return cli_finish(&c, st, &e, out, bJson, print_series);
  }
  if( strcmp(zSub, "member-add")==0 ){
    in = opts_json(&argc, argv, aMemberOpt);
    if( (rc = cli_leftover(argc, argv, 2, "series member-add")) ){ json_decref(in); return rc; }
    if( (rc = cli_open(zDb, &c)) ){ json_decref(in); return rc; }
    st = series_member_add(&c, id, in, &out, &e);
    json_decref(in);
    return cli_finish(&c, st, &e, out, bJson, print_series);
  }
  if( strcmp(zSub, "member-remove")==0 ){
    if( argc<4 || !cli_parse_id(argv[3], &m) ){ fprintf(stderr, "youcheng series member-remove: give the series id and the member id\n"); return 2; }
    if( (rc = cli_leftover(argc, argv, 3, "series member-remove")) ) return rc;
    if( (rc = cli_open(zDb, &c)) ) return rc;
    st = series_member_remove(&c, id, m, &e);
    cli_close(&c);
    if( st ) return cli_fail(&e);
    printf("member %lld removed\n", m);
    return 0;
  }
  fprintf(stderr, "youcheng series: unknown subcommand %s (list, show, add, member-add, member-remove)\n", zSub);
  return 2;
}
