/*
** ui_partner.c: the partner pages: list with filters, CSV export, detail,
** add/edit forms and delete. All call the core functions of partner.c.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <csv.h>
#include "web/route.h"
#include "web/ui.h"
#include "core/partner.h"
#include "core/city.h"
#include "core/input.h"
#include "web/ui_match.h"
#include "web/ui_exchange.h"
#include "base/json.h"

/* Display name of a tie's partner city in the page language. */
static const char *tie_name(Req *r, json_t *t){
  json_t *city = json_object_get(t, "city");
  const char *zLabel = jstr(t, "label"), *zZh = jstr(city, "name_zh"), *zEn = jstr(city, "name_en");
  if( zLabel ) return zLabel;
  if( strcmp(r->zLang, "zh")==0 && zZh ) return zZh;
  return zEn ? zEn : "";
}

static const char *country_name(Req *r, json_t *country){
  const char *zZh = jstr(country, "name_zh"), *zEn = jstr(country, "name_en");
  return (strcmp(r->zLang, "zh")==0 && zZh) ? zZh : (zEn ? zEn : "");
}

/* "1983-01-14", "2004-09 (month)", "2002 (year)" or "—". */
static void est_html(Req *r, Buf *b, json_t *est){
  if( !json_is_object(est) ){ hp(b, "<span class=\"muted\">—</span>"); return; }
  const char *zPrec = jstr(est, "precision");
  hp(b, "<time datetime=\"%s\">%s</time>", jstr(est, "date"), jstr(est, "date"));
  if( zPrec && strcmp(zPrec, "day")!=0 ) hp(b, " <span class=\"muted\">(%s)</span>", ui_label(r, "precision", zPrec));
}

static void kind_badge(Req *r, Buf *b, json_t *t){
  const char *zKind = jstr(t, "kind");
  hp(b, "<span class=\"badge kind-%s\">%s</span>", zKind, ui_label(r, "kind", zKind));
  if( !json_is_true(json_object_get(t, "kind_verified")) )
    hp(b, " <span class=\"badge unverified\" title=\"%s\">?</span>", T(r, "kind.unverified"));
}

static void select_opts(Req *r, Buf *b, const char *zPrefix, const char *const *az, const char *zCur, int bAny){
  if( bAny ) hp(b, "<option value=\"\">%s</option>", T(r, "p.any"));
  for(int i=0; az[i]; i++){
    hp(b, "<option value=\"%s\"%R>%s</option>", az[i], zCur && strcmp(zCur, az[i])==0 ? " selected" : "",
       ui_label(r, zPrefix, az[i]));
  }
}

/* Country <select> over the countries that have ties (a filter never
** needs the others), names in the page language. */
static void country_select(Req *r, Buf *b, const char *zName, const char *zCur, int bAny){
  hp(b, "<select id=\"%s\" name=\"%s\">", zName, zName);
  if( bAny ) hp(b, "<option value=\"\">%s</option>", T(r, "p.any"));
  json_t *rows = 0, *x;
  Err e = {0};
  size_t i;
  int bSeen = 0;
  if( partner_countries(&r->ctx, &rows, &e)==YC_OK ){
    json_array_foreach(rows, i, x){
      const char *zIso = jstr(x, "iso2"), *zZh = jstr(x, "name_zh");
      int bSel = zCur && strcmp(zCur, zIso)==0;
      bSeen |= bSel;
      hp(b, "<option value=\"%s\"%R>%s</option>", zIso, bSel ? " selected" : "",
         (strcmp(r->zLang, "zh")==0 && zZh) ? zZh : jstr(x, "name_en"));
    }
    json_decref(rows);
  }
  if( zCur && !bSeen ) hp(b, "<option value=\"%s\" selected>%s</option>", zCur, zCur);
  hp(b, "</select>");
}

static void fill_query(Req *r, PartnerQuery *q){
  memset(q, 0, sizeof *q);
#define P(f, n) { const char *z = http_param(r, n); q->f = (z && *z) ? z : 0; }
  P(zKind, "kind"); P(zStatus, "status"); P(zCountry, "country"); P(zContinent, "continent");
  P(zFrom, "established_from"); P(zTo, "established_to"); P(zQ, "q"); P(zSort, "sort");
  P(zLimit, "limit"); P(zCursor, "cursor");
#undef P
}

static const char *const azPageParam[] = {"kind", "status", "country", "continent", "established_from",
  "established_to", "q", "sort", "limit", "cursor", "lang", "flash", 0};

static void flash(Req *r, Buf *b){
  const char *z = http_param(r, "flash");
  if( z && (strcmp(z, "deleted")==0 || strcmp(z, "saved")==0 || strcmp(z, "created")==0) ){
    char zKey[32];
    snprintf(zKey, sizeof zKey, "flash.%s", z);
    hp(b, "<p class=\"flash\" role=\"status\">%s</p>\n", T(r, zKey));
  }
}

/* WEBPAGE: GET /partners */
void ui_partner_list(Req *r, Resp *p){
  ui_prepare(r, p);
  Err e;
  memset(&e, 0, sizeof e);
  PartnerQuery q;
  fill_query(r, &q);
  q.bPrev = 1;
  json_t *list = 0;
  YcStatus st = http_check_params(r, azPageParam, &e);
  if( !st ) st = partner_list(&r->ctx, &q, &list, &e);
  if( st && st!=YC_EINVALID ){ ui_error(r, p, &e); return; }
  if( st ) p->status = 400;
  ui_begin(r, p, T(r, "p.title"), "partners");
  Buf *b = &p->body;
  hp(b, "<div class=\"page-head\"><h1>%s</h1><div class=\"head-actions\">", T(r, "p.title"));
  if( r->zUser ) hp(b, "<a class=\"button primary\" href=\"/partners/new\">%s</a>", T(r, "p.new"));
  const char *zCsv = ui_url_with(r, "cursor", 0);
  const char *zQs = strchr(zCsv, '?');
  hp(b, "<a class=\"button\" href=\"/partners.csv%s\" download>%s</a></div></div>\n", zQs ? zQs : "", T(r, "p.export"));
  flash(r, b);

  /* Filters */
  hp(b, "<form class=\"filters\" method=\"get\" action=\"/partners\" role=\"search\">\n");
  hp(b, "<div class=\"field grow\"><label for=\"q\">%s</label><input id=\"q\" name=\"q\" type=\"search\" value=\"%s\" placeholder=\"%s\"></div>\n",
     T(r, "p.q"), q.zQ ? q.zQ : "", T(r, "p.q_hint"));
  hp(b, "<div class=\"field\"><label for=\"kind\">%s</label><select id=\"kind\" name=\"kind\">", T(r, "p.kind"));
  select_opts(r, b, "kind", azTieKind, q.zKind, 1);
  hp(b, "</select></div>\n<div class=\"field\"><label for=\"status\">%s</label><select id=\"status\" name=\"status\">", T(r, "p.status"));
  select_opts(r, b, "status", azTieStatus, q.zStatus, 1);
  hp(b, "</select></div>\n<div class=\"field\"><label for=\"country\">%s</label>", T(r, "p.country"));
  country_select(r, b, "country", q.zCountry, 1);
  hp(b, "</div>\n<div class=\"field\"><label for=\"continent\">%s</label><select id=\"continent\" name=\"continent\">", T(r, "p.continent"));
  select_opts(r, b, "continent", azContinent, q.zContinent, 1);
  hp(b, "</select></div>\n<div class=\"field small\"><label for=\"established_from\">%s</label>"
        "<input id=\"established_from\" name=\"established_from\" value=\"%s\" placeholder=\"YYYY\" inputmode=\"numeric\"></div>\n"
        "<div class=\"field small\"><label for=\"established_to\">%s</label>"
        "<input id=\"established_to\" name=\"established_to\" value=\"%s\" placeholder=\"YYYY\" inputmode=\"numeric\"></div>\n",
     T(r, "p.from"), q.zFrom ? q.zFrom : "", T(r, "p.to"), q.zTo ? q.zTo : "");
  static const char *const azSort[] = {"established", "-established", "name", "-name", "country", "kind", "-updated", 0};
  hp(b, "<div class=\"field\"><label for=\"sort\">%s</label><select id=\"sort\" name=\"sort\">", T(r, "p.sort"));
  select_opts(r, b, "sort", azSort, q.zSort, 0);
  hp(b, "</select></div>\n<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button>"
        " <a class=\"button\" href=\"/partners\">%s</a></div>\n</form>\n", T(r, "p.filter"), T(r, "p.reset"));

  if( st ){
    static const char *const azLabel[][2] = {{"kind", "p.kind"}, {"status", "p.status"}, {"country", "p.country"},
      {"continent", "p.continent"}, {"established_from", "p.from"}, {"established_to", "p.to"}, {"q", "p.q"},
      {"sort", "p.sort"}};
    const char *zField = e.zField;
    for(size_t k=0; k<sizeof azLabel/sizeof azLabel[0]; k++) if( strcmp(zField, azLabel[k][0])==0 ) zField = T(r, azLabel[k][1]);
    hp(b, "<p class=\"alert\" role=\"alert\">%s: %s</p>\n", zField, ui_err_text(r, &e));
    ui_end(r, p);
    return;
  }
  json_t *items = json_object_get(list, "items"), *t;
  size_t i;
  char zCount[64];
  snprintf(zCount, sizeof zCount, "%lld", (long long)json_integer_value(json_object_get(list, "total")));
  char zTotal[96];
  snprintf(zTotal, sizeof zTotal, T(r, "p.count"), zCount);
  hp(b, "<p class=\"count\" id=\"count\">%s</p>\n", zTotal);
  if( json_array_size(items)==0 ){
    hp(b, "<p class=\"empty\">%s</p>\n", T(r, "p.none"));
  }else{
    hp(b, "<div class=\"table-wrap\"><table class=\"list\" id=\"partners\">\n<thead><tr><th scope=\"col\">%s</th>"
          "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
          "<th scope=\"col\" class=\"num\">%s</th></tr></thead>\n<tbody>\n",
       T(r, "p.city"), T(r, "p.country"), T(r, "p.kind"), T(r, "p.status"), T(r, "p.established"), T(r, "p.sources"));
    json_array_foreach(items, i, t){
      json_t *city = json_object_get(t, "city");
      int64_t id = json_integer_value(json_object_get(t, "id"));
      const char *zOther = strcmp(r->zLang, "zh")==0 ? jstr(city, "name_en") : jstr(city, "name_zh");
      hp(b, "<tr><td><a href=\"/partners/%D\">%s</a>", id, tie_name(r, t));
      if( zOther && strcmp(zOther, tie_name(r, t))!=0 ) hp(b, " <span class=\"muted\">%s</span>", zOther);
      hp(b, "</td><td>%s</td><td>", country_name(r, json_object_get(city, "country")));
      kind_badge(r, b, t);
      hp(b, "</td><td><span class=\"status st-%s\">%s</span></td><td>", jstr(t, "status"), ui_label(r, "status", jstr(t, "status")));
      est_html(r, b, json_object_get(t, "established"));
      hp(b, "</td><td class=\"num\">%d</td></tr>\n", (int)json_array_size(json_object_get(t, "sources")));
    }
    hp(b, "</tbody></table></div>\n");
  }
  /* Pagination */
  const char *zNext = jstr(list, "next_cursor"), *zPrev = jstr(list, "prev_cursor");
  if( zPrev || zNext ){
    hp(b, "<nav class=\"pager\" aria-label=\"%s\">", T(r, "p.pages"));
    if( zPrev ) hp(b, "<a rel=\"prev\" href=\"%s\">%s</a>", ui_url_with(r, "cursor", zPrev), T(r, "p.prev"));
    if( zNext ) hp(b, " <a rel=\"next\" href=\"%s\">%s</a>", ui_url_with(r, "cursor", zNext), T(r, "p.next"));
    hp(b, "</nav>\n");
  }
  json_decref(list);
  ui_end(r, p);
}

/* A CSV cell: quoted as needed (libcsv); a leading = + - @ is prefixed
** with ' so that spreadsheets do not run it as a formula. */
static void csv_cell(Buf *b, const char *z, int bFirst){
  if( !bFirst ) buf_putc(b, ',');
  if( !z ) return;
  char *zSafe = 0;
  if( z[0]=='=' || z[0]=='+' || z[0]=='-' || z[0]=='@' ){
    size_t n = strlen(z);
    zSafe = malloc(n + 2);
    if( !zSafe ) return;
    zSafe[0] = '\'';
    memcpy(zSafe + 1, z, n + 1);
    z = zSafe;
  }
  size_t n = strlen(z);
  char *zOut = malloc(2*n + 3);
  if( zOut ){
    size_t k = csv_write(zOut, 2*n + 3, z, n);
    buf_append(b, zOut, k);
    free(zOut);
  }
  free(zSafe);
}

/* WEBPAGE: GET /partners.csv (the current view of /partners) */
void ui_partner_csv(Req *r, Resp *p){
  ui_prepare(r, p);
  Err e;
  PartnerQuery q;
  fill_query(r, &q);
  q.zLimit = "500";
  q.zCursor = 0;
  json_t *list = 0;
  YcStatus st = http_check_params(r, azPageParam, &e);
  if( !st ) st = partner_list(&r->ctx, &q, &list, &e);
  if( st ){ http_error(p, &e); return; }
  Buf *b = &p->body;
  buf_puts(b, "\xEF\xBB\xBF");   /* byte order mark: Excel then reads UTF-8 */
  buf_puts(b, "id,city_id,city_en,city_zh,label,country,kind,kind_verified,status,established,precision,sources,notes\r\n");
  json_t *t;
  size_t i;
  json_array_foreach(json_object_get(list, "items"), i, t){
    json_t *city = json_object_get(t, "city"), *est = json_object_get(t, "established");
    char zId[24], zCity[24];
    snprintf(zId, sizeof zId, "%lld", (long long)json_integer_value(json_object_get(t, "id")));
    snprintf(zCity, sizeof zCity, "%lld", (long long)json_integer_value(json_object_get(city, "id")));
    Buf src = BUF_INIT;
    json_t *s;
    size_t k;
    json_array_foreach(json_object_get(t, "sources"), k, s){
      if( k ) buf_puts(&src, " | ");
      buf_puts(&src, json_string_value(s));
    }
    csv_cell(b, zId, 1);
    csv_cell(b, zCity, 0);
    csv_cell(b, jstr(city, "name_en"), 0);
    csv_cell(b, jstr(city, "name_zh"), 0);
    csv_cell(b, jstr(t, "label"), 0);
    csv_cell(b, jstr(json_object_get(city, "country"), "iso2"), 0);
    csv_cell(b, jstr(t, "kind"), 0);
    csv_cell(b, json_is_true(json_object_get(t, "kind_verified")) ? "1" : "0", 0);
    csv_cell(b, jstr(t, "status"), 0);
    csv_cell(b, jstr(est, "date"), 0);
    csv_cell(b, jstr(est, "precision"), 0);
    csv_cell(b, buf_str(&src), 0);
    csv_cell(b, jstr(t, "notes"), 0);
    buf_puts(b, "\r\n");
    buf_free(&src);
  }
  json_decref(list);
  p->status = 200;
  p->zType = "text/csv; charset=utf-8";
  http_add_header(p, "Content-Disposition", "attachment; filename=\"partners.csv\"");
}

/* WEBPAGE: GET /partners/{id} */
void ui_partner_page(Req *r, Resp *p){
  static const char *const azParam[] = {"lang", "flash", 0};
  ui_prepare(r, p);
  Err e;
  int64_t id = 0;
  json_t *t = 0;
  YcStatus st = http_check_params(r, azParam, &e);
  if( !st ) st = http_arg_id(r, 0, &id, &e);
  if( !st ) st = partner_get(&r->ctx, id, &t, &e);
  if( st ){ ui_error(r, p, &e); return; }
  json_t *city = json_object_get(t, "city"), *country = json_object_get(city, "country");
  const char *zName = tie_name(r, t);
  ui_begin(r, p, zName, "partners");
  Buf *b = &p->body;
  flash(r, b);
  hp(b, "<div class=\"page-head\"><h1>%s <span class=\"sub\">%s</span></h1><div class=\"head-actions\">",
     zName, country_name(r, country));
  if( r->zUser ){
    hp(b, "<a class=\"button\" href=\"/partners/%D/edit\">%s</a> <a class=\"button danger\" href=\"/partners/%D/delete\">%s</a>",
       id, T(r, "p.edit"), id, T(r, "p.delete"));
  }
  hp(b, "</div></div>\n<div class=\"cols\">\n<section class=\"card\"><h2>%s</h2><dl class=\"facts\">\n", T(r, "p.city"));
  hp(b, "<dt>%s</dt><dd>%s</dd>\n", T(r, "o.name_en"), jstr(city, "name_en"));
  if( jstr(city, "name_zh") ) hp(b, "<dt>%s</dt><dd>%s</dd>\n", T(r, "o.name_zh"), jstr(city, "name_zh"));
  if( jstr(t, "label") ) hp(b, "<dt>%s</dt><dd>%s</dd>\n", T(r, "p.label"), jstr(t, "label"));
  hp(b, "<dt>%s</dt><dd>%s (%s)</dd>\n", T(r, "p.country"), country_name(r, country), jstr(country, "iso2"));
  if( jstr(t, "continent") ) hp(b, "<dt>%s</dt><dd>%s</dd>\n", T(r, "p.continent"), ui_label(r, "continent", jstr(t, "continent")));
  hp(b, "<dt>%s</dt><dd>%s</dd>\n", T(r, "p.population"), ui_num(r, json_integer_value(json_object_get(city, "population"))));
  char zLat[32], zLng[32];
  snprintf(zLat, sizeof zLat, "%.4f", json_real_value(json_object_get(city, "lat")));
  snprintf(zLng, sizeof zLng, "%.4f", json_real_value(json_object_get(city, "lng")));
  hp(b, "<dt>%s</dt><dd>%s, %s · <a href=\"https://www.geonames.org/%D\" rel=\"noopener noreferrer\">GeoNames %D</a></dd>\n</dl>\n",
     T(r, "p.coords"), zLat, zLng, (int64_t)json_integer_value(json_object_get(city, "id")),
     (int64_t)json_integer_value(json_object_get(city, "id")));
  hp(b, "<div class=\"minimap\" id=\"minimap\" data-lat=\"%s\" data-lng=\"%s\" data-name=\"%s\" role=\"img\" aria-label=\"%s\"></div>\n</section>\n",
     zLat, zLng, zName, T(r, "p.map"));

  hp(b, "<section class=\"card\"><h2>%s</h2><dl class=\"facts\">\n", T(r, "p.tie"));
  hp(b, "<dt>%s</dt><dd>", T(r, "p.kind"));
  kind_badge(r, b, t);
  hp(b, "</dd>\n<dt>%s</dt><dd>%s</dd>\n<dt>%s</dt><dd>", T(r, "p.status"), ui_label(r, "status", jstr(t, "status")), T(r, "p.established"));
  est_html(r, b, json_object_get(t, "established"));
  hp(b, "</dd>\n");
  if( jstr(t, "agreement") ) hp(b, "<dt>%s</dt><dd class=\"pre\">%s</dd>\n", T(r, "p.agreement"), jstr(t, "agreement"));
  if( jstr(t, "notes") ) hp(b, "<dt>%s</dt><dd class=\"pre\">%s</dd>\n", T(r, "p.notes"), jstr(t, "notes"));
  hp(b, "</dl>\n");
  json_t *src = json_object_get(t, "sources"), *x;
  size_t i;
  if( json_array_size(src) ){
    hp(b, "<h3>%s</h3><ol class=\"sources\">\n", T(r, "p.sources"));
    json_array_foreach(src, i, x){
      hp(b, "<li>");
      ui_source(b, json_string_value(x));
      hp(b, "</li>\n");
    }
    hp(b, "</ol>\n");
  }
  hp(b, "</section>\n</div>\n");
  ui_partner_extras(r, p, id);
  json_t *orgs = json_object_get(t, "organisations");
  if( json_array_size(orgs) ){
    hp(b, "<section class=\"card\"><h2>%s</h2><ul class=\"orgs\">\n", T(r, "p.orgs"));
    json_array_foreach(orgs, i, x){
      const char *zZh = jstr(x, "name_zh"), *zEn = jstr(x, "name_en");
      const char *zN = strcmp(r->zLang, "zh")==0 ? (zZh ? zZh : zEn) : (zEn ? zEn : zZh);
      hp(b, "<li><a href=\"/orgs/%D\">%s</a> <span class=\"badge\">%s</span> <span class=\"muted\">%s</span>",
         (int64_t)json_integer_value(json_object_get(x, "id")), zN, ui_label(r, "o.type", jstr(x, "type")),
         ui_label(r, "o.side", jstr(x, "side")));
      if( jstr(x, "role") ) hp(b, " — %s", jstr(x, "role"));
      hp(b, "</li>\n");
    }
    hp(b, "</ul></section>\n");
  }
  ui_partner_profile(r, p, id);
  json_decref(t);
  ui_end(r, p);
}

/* Values shown in the form: from the record, then from the user's input. */
typedef struct PartnerForm {
  const char *zCityId, *zCity, *zKind, *zStatus, *zEst, *zLabel, *zCityZh, *zAgreement, *zNotes, *zSources;
  int bVerified;
} PartnerForm;

static void field_error(Req *r, Buf *b, const Err *e, const char *zField){
  if( !e || e->st==YC_OK || strcmp(e->zField, zField)!=0 ) return;
  hp(b, "<p class=\"field-error\" id=\"err-%s\">%s</p>", zField, ui_err_text(r, e));
}

/* The aria attributes of a field: its hint (zHint, may be 0) and, when
** it failed validation, aria-invalid and the error's id. Arena-allocated. */
static const char *aria(Req *r, const Err *e, const char *zField, const char *zHint){
  int bBad = e && e->st && strcmp(e->zField, zField)==0;
  if( !bBad ) return zHint ? arena_printf(&r->arena, " aria-describedby=\"%s\"", zHint) : "";
  return arena_printf(&r->arena, " aria-invalid=\"true\" aria-describedby=\"%s%serr-%s\"",
                      zHint ? zHint : "", zHint ? " " : "", zField);
}

static void partner_form(Req *r, Resp *p, int64_t id, const PartnerForm *f, const Err *e){
  const char *zTitle = id ? T(r, "p.edit") : T(r, "p.new");
  ui_begin(r, p, zTitle, "partners");
  Buf *b = &p->body;
  hp(b, "<h1>%s</h1>\n", zTitle);
  if( e && e->st ) hp(b, "<p class=\"alert\" role=\"alert\">%s</p>\n", T(r, "p.errors"));
  if( id ) hp(b, "<form method=\"post\" action=\"/partners/%D/edit\" class=\"form\" novalidate>\n", id);
  else hp(b, "<form method=\"post\" action=\"/partners/new\" class=\"form\" novalidate>\n");
  ui_csrf_field(r, p);
  hp(b, "<div class=\"field autocomplete\"><label for=\"city\">%s</label>"
        "<input id=\"city\" name=\"city\" value=\"%s\" autocomplete=\"off\" data-autocomplete=\"/api/v1/cities\"%R>"
        "<input type=\"hidden\" id=\"city_id\" name=\"city_id\" value=\"%s\">"
        "<p class=\"hint\" id=\"city-hint\">%s</p>",
     T(r, "p.city_pick"), f->zCity ? f->zCity : "", aria(r, e, "city_id", "city-hint"), f->zCityId ? f->zCityId : "",
     T(r, "p.q_hint"));
  field_error(r, b, e, "city_id");
  hp(b, "</div>\n<div class=\"row\"><div class=\"field\"><label for=\"kind\">%s</label><select id=\"kind\" name=\"kind\"%R>",
     T(r, "p.kind"), aria(r, e, "kind", 0));
  select_opts(r, b, "kind", azTieKind, f->zKind, 0);
  hp(b, "</select>");
  field_error(r, b, e, "kind");
  hp(b, "</div>\n<div class=\"field\"><label for=\"status\">%s</label><select id=\"status\" name=\"status\"%R>",
     T(r, "p.status"), aria(r, e, "status", 0));
  select_opts(r, b, "status", azTieStatus, f->zStatus ? f->zStatus : "active", 0);
  hp(b, "</select>");
  field_error(r, b, e, "status");
  hp(b, "</div>\n<div class=\"field check\"><input type=\"checkbox\" id=\"kind_verified\" name=\"kind_verified\" value=\"1\"%R>"
        "<label for=\"kind_verified\">%s</label></div></div>\n", f->bVerified ? " checked" : "", T(r, "p.kind_verified"));
  hp(b, "<div class=\"row\"><div class=\"field\"><label for=\"established\">%s</label>"
        "<input id=\"established\" name=\"established\" value=\"%s\" placeholder=\"%s\"%R>"
        "<p class=\"hint\" id=\"est-hint\">%s</p>",
     T(r, "p.established"), f->zEst ? f->zEst : "", "1983-01-14", aria(r, e, "established", "est-hint"), T(r, "p.date_hint"));
  field_error(r, b, e, "established");
  hp(b, "</div>\n<div class=\"field\"><label for=\"city_name_zh\">%s</label><input id=\"city_name_zh\" name=\"city_name_zh\" value=\"%s\"%R>",
     T(r, "p.city_zh"), f->zCityZh ? f->zCityZh : "", aria(r, e, "city_name_zh", 0));
  field_error(r, b, e, "city_name_zh");
  hp(b, "</div>\n<div class=\"field\"><label for=\"label\">%s</label><input id=\"label\" name=\"label\" value=\"%s\"%R>",
     T(r, "p.label"), f->zLabel ? f->zLabel : "", aria(r, e, "label", 0));
  field_error(r, b, e, "label");
  hp(b, "</div></div>\n<div class=\"field\"><label for=\"agreement\">%s</label><textarea id=\"agreement\" name=\"agreement\" rows=\"3\"%R>%s</textarea>",
     T(r, "p.agreement"), aria(r, e, "agreement", 0), f->zAgreement ? f->zAgreement : "");
  field_error(r, b, e, "agreement");
  hp(b, "</div>\n<div class=\"field\"><label for=\"notes\">%s</label><textarea id=\"notes\" name=\"notes\" rows=\"4\"%R>%s</textarea>",
     T(r, "p.notes"), aria(r, e, "notes", 0), f->zNotes ? f->zNotes : "");
  field_error(r, b, e, "notes");
  hp(b, "</div>\n<div class=\"field\"><label for=\"sources\">%s</label><textarea id=\"sources\" name=\"sources\" rows=\"3\"%R>%s</textarea>"
        "<p class=\"hint\" id=\"src-hint\">%s</p>",
     T(r, "p.sources"), aria(r, e, "sources", "src-hint"), f->zSources ? f->zSources : "", T(r, "p.sources_hint"));
  field_error(r, b, e, "sources");
  hp(b, "</div>\n<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button> <a class=\"button\" href=\"%s\">%s</a></div>\n</form>\n",
     T(r, "p.save"), id ? arena_printf(&r->arena, "/partners/%lld", (long long)id) : "/partners", T(r, "p.cancel"));
  ui_end(r, p);
}

/* Build the JSON input of partner_create/update from the form. For an
** update, empty fields become null (cleared). */
static json_t *form_to_json(Req *r, const Form *f, int bUpdate, Err *e, YcStatus *pSt){
  json_t *in = json_object();
  *pSt = YC_OK;
  const char *zId = form_get(f, "city_id"), *zCity = form_get(f, "city");
  int64_t cityId = 0;
  if( zId ){
    char *zEnd;
    long long v = strtoll(zId, &zEnd, 10);
    if( !*zEnd && v>0 ) cityId = v;
  }
  if( !cityId && zCity ){
    cityId = city_resolve(&r->ctx, zCity, 0);
    /* "Name, CC" as the autocomplete shows it */
    const char *zComma = strrchr(zCity, ',');
    if( !cityId && zComma ){
      char *zName = arena_strndup(&r->arena, zCity, (size_t)(zComma - zCity));
      const char *zCc = zComma + 1;
      while( *zCc==' ' ) zCc++;
      cityId = city_resolve(&r->ctx, zName, strlen(zCc)==2 ? zCc : 0);
    }
  }
  if( cityId ) json_object_set_new(in, "city_id", json_integer(cityId));
  else if( zCity || zId || !bUpdate ){
    *pSt = err_set(e, YC_EINVALID, zCity || zId ? "unknown_city" : "required", "city_id", "choose a city");
  }
  static const char *const azText[] = {"kind", "status", "established", "label", "city_name_zh", "agreement", "notes", 0};
  for(int i=0; azText[i]; i++){
    const char *z = form_get(f, azText[i]);
    if( z ) json_object_set_new(in, azText[i], json_string(z));
    else if( bUpdate && strcmp(azText[i], "city_name_zh")!=0 && strcmp(azText[i], "kind")!=0 && strcmp(azText[i], "status")!=0 )
      json_object_set_new(in, azText[i], json_null());
  }
  json_object_set_new(in, "kind_verified", json_boolean(form_get(f, "kind_verified")!=0));
  json_t *src = json_array();
  const char *zSrc = form_get(f, "sources");
  while( zSrc && *zSrc ){
    const char *zNl = strchr(zSrc, '\n');
    size_t n = zNl ? (size_t)(zNl - zSrc) : strlen(zSrc);
    while( n && (zSrc[n-1]==' ' || zSrc[n-1]=='\t') ) n--;
    const char *s = zSrc;
    while( n && (*s==' ' || *s=='\t') ){ s++; n--; }
    if( n ) json_array_append_new(src, json_stringn(s, n));
    zSrc = zNl ? zNl + 1 : zSrc + strlen(zSrc);
  }
  json_object_set_new(in, "sources", src);
  return in;
}

static void form_from_input(const Form *f, PartnerForm *pf){
  memset(pf, 0, sizeof *pf);
  pf->zCityId = form_get(f, "city_id");
  pf->zCity = form_get(f, "city");
  pf->zKind = form_get(f, "kind");
  pf->zStatus = form_get(f, "status");
  pf->zEst = form_get(f, "established");
  pf->zLabel = form_get(f, "label");
  pf->zCityZh = form_get(f, "city_name_zh");
  pf->zAgreement = form_get(f, "agreement");
  pf->zNotes = form_get(f, "notes");
  pf->zSources = form_get(f, "sources");
  pf->bVerified = form_get(f, "kind_verified")!=0;
}

/* WEBPAGE: GET /partners/new */
void ui_partner_new(Req *r, Resp *p){
  ui_prepare(r, p);
  if( ui_need_login(r, p) ) return;
  PartnerForm f;
  memset(&f, 0, sizeof f);
  f.zKind = "sister";
  f.bVerified = 1;
  partner_form(r, p, 0, &f, 0);
}

/* Fill a PartnerForm from a tie's JSON (strings live in the arena). */
static void form_from_tie(Req *r, json_t *t, PartnerForm *f){
  memset(f, 0, sizeof *f);
  json_t *city = json_object_get(t, "city");
  f->zCityId = arena_printf(&r->arena, "%lld", (long long)json_integer_value(json_object_get(city, "id")));
  f->zCity = arena_printf(&r->arena, "%s, %s", jstr(city, "name_en"), jstr(json_object_get(city, "country"), "iso2"));
  f->zKind = arena_strdup(&r->arena, jstr(t, "kind"));
  f->zStatus = arena_strdup(&r->arena, jstr(t, "status"));
  f->zEst = arena_strdup(&r->arena, jstr(json_object_get(t, "established"), "date"));
  f->zLabel = arena_strdup(&r->arena, jstr(t, "label"));
  f->zCityZh = arena_strdup(&r->arena, jstr(city, "name_zh"));
  f->zAgreement = arena_strdup(&r->arena, jstr(t, "agreement"));
  f->zNotes = arena_strdup(&r->arena, jstr(t, "notes"));
  f->bVerified = json_is_true(json_object_get(t, "kind_verified"));
  Buf b = BUF_INIT;
  json_t *x;
  size_t i;
  json_array_foreach(json_object_get(t, "sources"), i, x){
    if( i ) buf_putc(&b, '\n');
    buf_puts(&b, json_string_value(x));
  }
  f->zSources = arena_strdup(&r->arena, buf_str(&b));
  buf_free(&b);
}

/* WEBPAGE: POST /partners/new */
void ui_partner_create(Req *r, Resp *p){
  ui_prepare(r, p);
  Form f;
  Err e;
  memset(&e, 0, sizeof e);
  YcStatus st = form_parse(r, &f, 1, &e);
  if( st==YC_EAUTH ){ ui_need_login(r, p); return; }
  if( st ){ ui_error(r, p, &e); return; }
  json_t *in = form_to_json(r, &f, 0, &e, &st), *out = 0;
  if( !st ) st = partner_create(&r->ctx, in, &out, &e);
  json_decref(in);
  if( st ){
    PartnerForm pf;
    form_from_input(&f, &pf);
    p->status = err_http_status(st);
    partner_form(r, p, 0, &pf, &e);
    return;
  }
  ui_redirect(p, arena_printf(&r->arena, "/partners/%lld?flash=created", (long long)json_integer_value(json_object_get(out, "id"))));
  json_decref(out);
}

/* WEBPAGE: GET /partners/{id}/edit */
void ui_partner_edit(Req *r, Resp *p){
  ui_prepare(r, p);
  if( ui_need_login(r, p) ) return;
  Err e;
  int64_t id = 0;
  json_t *t = 0;
  YcStatus st = http_arg_id(r, 0, &id, &e);
  if( !st ) st = partner_get(&r->ctx, id, &t, &e);
  if( st ){ ui_error(r, p, &e); return; }
  PartnerForm f;
  form_from_tie(r, t, &f);
  json_decref(t);
  partner_form(r, p, id, &f, 0);
}

/* WEBPAGE: POST /partners/{id}/edit */
void ui_partner_update(Req *r, Resp *p){
  ui_prepare(r, p);
  Form f;
  Err e;
  memset(&e, 0, sizeof e);
  int64_t id = 0;
  YcStatus st = http_arg_id(r, 0, &id, &e);
  if( !st ) st = form_parse(r, &f, 1, &e);
  if( st==YC_EAUTH ){ ui_need_login(r, p); return; }
  if( st ){ ui_error(r, p, &e); return; }
  json_t *in = form_to_json(r, &f, 1, &e, &st), *out = 0;
  if( !st ) st = partner_update(&r->ctx, id, in, &out, &e);
  json_decref(in);
  if( st==YC_ENOTFOUND && strcmp(e.zField, "id")==0 ){ ui_error(r, p, &e); return; }
  if( st ){
    PartnerForm pf;
    form_from_input(&f, &pf);
    p->status = err_http_status(st);
    partner_form(r, p, id, &pf, &e);
    return;
  }
  json_decref(out);
  ui_redirect(p, arena_printf(&r->arena, "/partners/%lld?flash=saved", (long long)id));
}

/* WEBPAGE: GET /partners/{id}/delete (asks for confirmation) */
void ui_partner_delete_ask(Req *r, Resp *p){
  ui_prepare(r, p);
  if( ui_need_login(r, p) ) return;
  Err e;
  int64_t id = 0;
  json_t *t = 0;
  YcStatus st = http_arg_id(r, 0, &id, &e);
  if( !st ) st = partner_get(&r->ctx, id, &t, &e);
  if( st ){ ui_error(r, p, &e); return; }
  ui_begin(r, p, T(r, "p.delete"), "partners");
  char zQ[400];
  snprintf(zQ, sizeof zQ, T(r, "p.confirm_delete"), tie_name(r, t));
  ui_confirm_delete(r, p, zQ, "/partners", id);
  json_decref(t);
  ui_end(r, p);
}

/* WEBPAGE: POST /partners/{id}/delete */
void ui_partner_delete(Req *r, Resp *p){
  ui_prepare(r, p);
  Form f;
  Err e;
  int64_t id = 0;
  YcStatus st = http_arg_id(r, 0, &id, &e);
  if( !st ) st = form_parse(r, &f, 1, &e);
  if( st==YC_EAUTH ){ ui_need_login(r, p); return; }
  if( !st ) st = partner_delete(&r->ctx, id, &e);
  if( st ){ ui_error(r, p, &e); return; }
  ui_redirect(p, "/partners?flash=deleted");
}
