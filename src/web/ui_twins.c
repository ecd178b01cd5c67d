/*
** ui_twins.c: the world twin-city network pages: imports with an upload
** form (/twins), the rows to review with a fix form for each side
** (/twins/review; /twins/unresolved redirects there), a country's most
** connected cities and a city's twins (/network...). All call the core
** functions of twins_import.c, twins_review.c and twins_network.c.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "web/layout_web.h"
#include "web/ui.h"
#include "core/twins.h"
#include "core/twins_network.h"
#include "core/twins_import.h"
#include "core/twins_review.h"
#include "core/auth.h"
#include "core/city.h"
#include "base/json.h"

static const char *nz(const char *z){ return z ? z : ""; }

/* The import report (from twins_import) as HTML: its numbers add up
** (rows = resolved + not resolved; resolved = new + known + duplicates). */
static void report_html(Req *r, Buf *b, json_t *rep){
  json_t *errs = json_object_get(rep, "errors"), *x;
  const char *zKey;
  size_t i;
  hp(b, "<section class=\"card\" id=\"report\"><h2>%s</h2>\n", T(r, "tw.report"));
  if( json_array_size(errs) ){
    hp(b, "<p class=\"alert\" role=\"alert\">%s</p>\n<ul class=\"errors\">", T(r, "tw.bad_file"));
    json_array_foreach(errs, i, x){
      hp(b, "<li>%s %D%s%s: %s</li>", T(r, "tw.row"), jint(x, "row"), *nz(jstr(x, "field")) ? " · " : "", nz(jstr(x, "field")),
         jstr(x, "message"));
    }
    hp(b, "</ul></section>\n");
    return;
  }
  hp(b, "<dl class=\"facts\"><dt>%s</dt><dd>%s (%s)%s</dd>", T(r, "tw.file"), nz(jstr(rep, "source")),
     ui_label(r, "tw.fmt", nz(jstr(rep, "format"))),
     json_is_true(json_object_get(rep, "dry_run")) ? arena_printf(&r->arena, " · %s", T(r, "tw.dry_run_done")) : "");
  hp(b, "<dt>%s</dt><dd id=\"rep-rows\">%D</dd>", T(r, "tw.rows"), jint(rep, "rows"));
  hp(b, "<dt>%s</dt><dd id=\"rep-resolved\">%D (%s)</dd>", T(r, "tw.resolved"), jint(rep, "resolved"),
     arena_printf(&r->arena, "%.1f%%", 100.0*json_real_value(json_object_get(rep, "rate"))));
  hp(b, "<dt>%s</dt><dd id=\"rep-new\">%D</dd><dt>%s</dt><dd id=\"rep-known\">%D</dd><dt>%s</dt><dd id=\"rep-dup\">%D</dd>",
     T(r, "tw.pairs_new"), jint(rep, "pairs_new"), T(r, "tw.pairs_known"), jint(rep, "pairs_known"),
     T(r, "tw.duplicate_rows"), jint(rep, "duplicate_rows"));
  hp(b, "<dt>%s</dt><dd id=\"rep-unresolved\">%D</dd>", T(r, "tw.unresolved_rows"), jint(rep, "unresolved"));
  hp(b, "<dt>%s</dt><dd id=\"rep-low\"><a href=\"/twins/review?reason=low_confidence\">%D</a></dd>", T(r, "tw.low_confidence"),
     jint(rep, "low_confidence"));
  if( json_is_true(json_object_get(rep, "already_imported")) ) hp(b, "<dt>%s</dt><dd>%s</dd>", T(r, "tw.note"), T(r, "tw.already"));
  hp(b, "<dt>%s</dt><dd>", T(r, "tw.resolved_by"));
  json_object_foreach(json_object_get(rep, "resolved_by"), zKey, x){
    hp(b, "<span class=\"tag\" title=\"%s\">%s %D</span> ", ui_label(r, "tw.how_help", zKey), ui_label(r, "tw.how", zKey),
       (int64_t)json_integer_value(x));
  }
  hp(b, "</dd><dt>%s</dt><dd>", T(r, "tw.unresolved_by"));
  json_object_foreach(json_object_get(rep, "unresolved_by"), zKey, x){
    if( json_integer_value(x) )
      hp(b, "<a class=\"tag\" href=\"/twins/review?reason=%u\">%s %D</a> ", zKey, ui_label(r, "tw.cat", zKey), (int64_t)json_integer_value(x));
  }
  json_t *net = json_object_get(rep, "network");
  hp(b, "</dd><dt>%s</dt><dd>%s</dd></dl></section>\n", T(r, "tw.network"),
     arena_printf(&r->arena, T(r, "tw.network_counts"), (long long)jint(net, "pairs_before"), (long long)jint(net, "pairs_added"),
                  (long long)jint(net, "pairs_removed"), (long long)jint(net, "pairs_after")));
}

static void twins_page(Req *r, Resp *p, json_t *rep, const Err *eImport){
  Err e;
  json_t *sum = 0;
  if( twins_summary(&r->ctx, &sum, &e) ){ ui_error(r, p, &e); return; }
  ui_begin(r, p, T(r, "tw.title"), "layout");
  Buf *b = &p->body;
  hp(b, "<div class=\"page-head\"><h1>%s</h1></div>\n", T(r, "tw.title"));
  layout_tabs(r, p, "twins");
  if( eImport && eImport->st && !rep ) hp(b, "<p class=\"alert\" role=\"alert\">%s</p>\n", ui_err_text(r, eImport));
  if( rep ) report_html(r, b, rep);
  json_t *un = json_object_get(sum, "review"), *x;
  const char *zKey;
  size_t i;
  hp(b, "<section class=\"kpis\"><div class=\"kpi\"><div class=\"kpi-label\">%s</div><div class=\"kpi-value\" id=\"kpi-pairs\">%s</div>"
        "<div class=\"kpi-note\">%s</div></div>", T(r, "tw.pairs"), ui_num(r, jint(sum, "pairs")), T(r, "tw.pairs_note"));
  hp(b, "<div class=\"kpi\"><div class=\"kpi-label\">%s</div><div class=\"kpi-value\">%s</div><div class=\"kpi-note\">%s</div></div>",
     T(r, "tw.cities"), ui_num(r, jint(sum, "cities")), T(r, "tw.cities_note"));
  int64_t nUn = 0;
  json_object_foreach(un, zKey, x) if( strcmp(zKey, "not_a_city")!=0 ) nUn += json_integer_value(x);
  hp(b, "<div class=\"kpi\"><div class=\"kpi-label\">%s</div><div class=\"kpi-value\"><a href=\"/twins/review\" id=\"kpi-review\">%s</a></div>"
        "<div class=\"kpi-note\">", T(r, "tw.review"), ui_num(r, nUn));
  json_object_foreach(un, zKey, x){
    if( json_integer_value(x) ) hp(b, "<a href=\"/twins/review?reason=%u\">%s %D</a> ", zKey, ui_label(r, "tw.cat", zKey), (int64_t)json_integer_value(x));
  }
  hp(b, "</div></div></section>\n");
  /* Upload */
  hp(b, "<section class=\"card\"><h2>%s</h2>\n<p class=\"hint\">%s</p>\n", T(r, "tw.upload"), T(r, "tw.upload_hint"));
  if( r->zUser ){
    hp(b, "<form method=\"post\" action=\"/twins/import\" enctype=\"multipart/form-data\" class=\"upload\">");
    ui_csrf_field(r, p);
    hp(b, "<div class=\"field\"><label for=\"file\">%s</label><input type=\"file\" id=\"file\" name=\"file\""
          " accept=\".csv,.tsv,.txt,text/csv,text/tab-separated-values\" required></div>"
          "<div class=\"field\"><label for=\"format\">%s</label><select id=\"format\" name=\"format\"><option value=\"\">%s</option>"
          "<option value=\"wikipedia\">%s</option><option value=\"wikidata\">%s</option><option value=\"eu_wikidata\">%s</option>"
          "<option value=\"mapped\">%s</option></select></div>"
          "<div class=\"field\"><label for=\"map\">%s</label><input id=\"map\" name=\"map\" aria-describedby=\"map-hint\""
          " placeholder=\"city1=origincityLabel,country1=origincountry,city2=sistercityLabel,country2=destination_countryLabel\">"
          "<p class=\"hint\" id=\"map-hint\">%s</p></div>"
          "<div class=\"field check\"><input type=\"checkbox\" id=\"dry_run\" name=\"dry_run\" value=\"1\"><label for=\"dry_run\">%s</label></div>"
          "<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button></div></form>\n",
       T(r, "tw.file"), T(r, "tw.format"), T(r, "tw.format_auto"), T(r, "tw.format_wikipedia"), T(r, "tw.format_wikidata"),
       T(r, "tw.format_eu_wikidata"), T(r, "tw.format_mapped"), T(r, "tw.map"), T(r, "tw.map_hint"),
       T(r, "tw.dry_run"), T(r, "tw.import"));
  }else{
    hp(b, "<p><a href=\"/login?next=/twins\">%s</a></p>\n", T(r, "tw.login_to_import"));
  }
  hp(b, "<p class=\"hint\"><code>youcheng import twins FILE [--format wikipedia|wikidata|eu_wikidata|mapped] [--map city1=COL,...]"
        " [--dry-run] --db FILE</code></p></section>\n");
  /* Imports */
  json_t *imports = json_object_get(sum, "imports");
  hp(b, "<section class=\"card\"><h2>%s</h2>\n", T(r, "tw.imports"));
  if( json_array_size(imports)==0 ) hp(b, "<p class=\"empty\">%s</p>\n", T(r, "tw.no_imports"));
  else{
    hp(b, "<div class=\"table-wrap\"><table class=\"list\" id=\"imports\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
          "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
          "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
       T(r, "tw.file"), T(r, "tw.format"), T(r, "tw.rows"), T(r, "tw.resolved"), T(r, "tw.unresolved_rows"), T(r, "tw.low_confidence"),
       T(r, "tw.when"));
    json_array_foreach(imports, i, x){
      hp(b, "<tr><td>%s</td><td>%s</td><td class=\"num\">%D</td><td class=\"num\">%D</td><td class=\"num\">%D</td><td class=\"num\">%D</td>"
            "<td>%s <span class=\"muted\">%s</span></td></tr>\n",
         nz(jstr(x, "source")), ui_label(r, "tw.fmt", nz(jstr(x, "format"))), jint(x, "rows"), jint(x, "resolved"), jint(x, "unresolved"),
         jint(x, "low_confidence"), nz(jstr(x, "created_at")), nz(jstr(x, "actor")));
    }
    hp(b, "</tbody></table></div>\n");
  }
  hp(b, "<p class=\"hint\">%s</p></section>\n", T(r, "tw.method"));
  json_decref(sum);
  ui_end(r, p);
}

/* WEBPAGE: GET /twins */
void ui_twins(Req *r, Resp *p){
  static const char *const azParam[] = {"lang", 0};
  ui_prepare(r, p);
  Err e;
  if( http_check_params(r, azParam, &e) ){ ui_error(r, p, &e); return; }
  twins_page(r, p, 0, 0);
}

/* Fields of the multipart upload form. */
typedef struct Upload {
  Req *r;
  Buf file;
  char zName[201];
  char zCsrf[128], zFormat[16], zDry[8], zMap[2001];
  int bBad;
} Upload;

static void field_copy(char *zDst, size_t nDst, const char *zData, uint64_t off, size_t n, int *pbBad){
  size_t nOld = (size_t)off;
  if( nOld + n >= nDst ){ *pbBad = 1; return; }
  memcpy(zDst + nOld, zData, n);
  zDst[nOld + n] = 0;
}

static enum MHD_Result upload_iter(void *cls, enum MHD_ValueKind kind, const char *zKey,
                                   const char *zFile, const char *zType, const char *zEnc,
                                   const char *zData, uint64_t off, size_t n){
  Upload *u = cls;
  (void)kind; (void)zType; (void)zEnc;
  if( !zKey ) return MHD_YES;
  if( strcmp(zKey, "file")==0 ){
    if( zFile && off==0 ) snprintf(u->zName, sizeof u->zName, "%s", zFile);
    if( n ) buf_append(&u->file, zData, n);
  }else if( strcmp(zKey, "csrf")==0 ){
    field_copy(u->zCsrf, sizeof u->zCsrf, zData, off, n, &u->bBad);
  }else if( strcmp(zKey, "format")==0 ){
    field_copy(u->zFormat, sizeof u->zFormat, zData, off, n, &u->bBad);
  }else if( strcmp(zKey, "dry_run")==0 ){
    field_copy(u->zDry, sizeof u->zDry, zData, off, n, &u->bBad);
  }else if( strcmp(zKey, "map")==0 ){
    field_copy(u->zMap, sizeof u->zMap, zData, off, n, &u->bBad);
  }else{
    u->bBad = 1;
  }
  return MHD_YES;
}

/* WEBPAGE: POST /twins/import (multipart/form-data: file, format, map, dry_run, csrf) */
void ui_twins_import(Req *r, Resp *p){
  ui_prepare(r, p);
  Err e;
  memset(&e, 0, sizeof e);
  if( !r->zUser ){ ui_need_login(r, p); return; }
  if( r->bTooLarge ){
    err_set(&e, YC_ETOOLARGE, "body_too_large", "file", "the file is larger than 1 MiB: import it with `youcheng import twins FILE`");
    p->status = 413;
    twins_page(r, p, 0, &e);
    return;
  }
  Upload u;
  memset(&u, 0, sizeof u);
  u.r = r;
  struct MHD_PostProcessor *pp = r->body.n ? MHD_create_post_processor(r->conn, 65536, upload_iter, &u) : 0;
  if( !pp ){
    err_set(&e, YC_EINVALID, "wrong_content_type", "file", "send the file as multipart/form-data");
    p->status = 400;
    twins_page(r, p, 0, &e);
    return;
  }
  MHD_post_process(pp, buf_str(&r->body), r->body.n);
  MHD_destroy_post_processor(pp);
  if( !r->zCsrf || !auth_equal(u.zCsrf, r->zCsrf) ){
    buf_free(&u.file);
    err_set(&e, YC_EFORBIDDEN, "csrf", 0, "missing or wrong CSRF token");
    ui_error(r, p, &e);
    return;
  }
  if( r->zRole && strcmp(r->zRole, "viewer")==0 ){
    buf_free(&u.file);
    err_set(&e, YC_EFORBIDDEN, "forbidden", 0, "viewers cannot change data");
    ui_error(r, p, &e);
    return;
  }
  YcStatus st = YC_OK;
  if( u.bBad ) st = err_set(&e, YC_EINVALID, "invalid_form", 0, "the form has unknown or too long fields");
  json_t *rep = 0;
  if( !st ){
    st = twins_import(&r->ctx, u.zName[0] ? u.zName : "upload", buf_str(&u.file), u.file.n,
                      u.zFormat[0] ? u.zFormat : 0, u.zMap[0] ? u.zMap : 0, u.zDry[0]=='1' ? TWIN_DRY_RUN : TWIN_IMPORT, &rep, &e);
  }
  buf_free(&u.file);
  if( st ) p->status = err_http_status(st);
  twins_page(r, p, rep, &e);
  json_decref(rep);
}

/* WEBPAGE: GET /twins/unresolved?category= (the former review page) */
void ui_twins_unresolved(Req *r, Resp *p){
  const char *zCat = http_param(r, "category");
  int bKnown = 0;
  for(int i=0; zCat && azTwinReason[i]; i++) if( strcmp(zCat, azTwinReason[i])==0 ) bKnown = 1;
  ui_redirect(p, bKnown ? arena_printf(&r->arena, "/twins/review?reason=%s", zCat) : "/twins/review");
}

/* The fix form of one side: the city (autocomplete), or not a city. */
static void fix_form(Req *r, Resp *p, json_t *row, json_t *side, const char *zReason){
  Buf *b = &p->body;
  long long id = jint(row, "id"), k = jint(side, "side");
  const char *zId = arena_printf(&r->arena, "fix-%lld-%lld", id, k);
  hp(b, "<details class=\"fix\"><summary>%s</summary><form method=\"post\" action=\"/twins/fix\" class=\"fix-form\">", T(r, "tw.fix"));
  ui_csrf_field(r, p);
  hp(b, "<input type=\"hidden\" name=\"row\" value=\"%D\"><input type=\"hidden\" name=\"side\" value=\"%D\">"
        "<input type=\"hidden\" name=\"reason\" value=\"%s\">", (int64_t)id, (int64_t)k, zReason ? zReason : "");
  hp(b, "<div class=\"field autocomplete\"><label for=\"%s\">%s</label><input id=\"%s\" name=\"city\" autocomplete=\"off\""
        " data-autocomplete=\"/api/v1/cities\"><input type=\"hidden\" name=\"city_id\" value=\"\"></div>",
     zId, T(r, "tw.fix_city"), zId);
  hp(b, "<div class=\"actions\"><button type=\"submit\" class=\"primary\" name=\"do\" value=\"city\">%s</button>"
        " <button type=\"submit\" name=\"do\" value=\"not_a_city\">%s</button></div></form></details>",
     T(r, "tw.fix_set"), T(r, "tw.fix_not_city"));
}

/* WEBPAGE: GET /twins/review?reason=&cursor=&limit= */
void ui_twins_review(Req *r, Resp *p){
  static const char *const azParam[] = {"reason", "cursor", "limit", "fixed", "lang", 0};
  ui_prepare(r, p);
  Err e;
  memset(&e, 0, sizeof e);
  const char *zReason = ui_param(r, "reason"), *zCursor = http_param(r, "cursor"), *zLimit = http_param(r, "limit");
  json_t *out = 0, *sum = 0;
  YcStatus st = http_check_params(r, azParam, &e);
  if( !st ) st = twins_review(&r->ctx, zReason, zLimit, zCursor, 1, &out, &e);
  if( !st ) st = twins_summary(&r->ctx, &sum, &e);
  if( st ){ json_decref(out); ui_error(r, p, &e); return; }
  int bWrite = r->zUser && !(r->zRole && strcmp(r->zRole, "viewer")==0);
  ui_begin(r, p, T(r, "tw.review_title"), "layout");
  Buf *b = &p->body;
  hp(b, "<div class=\"page-head\"><h1>%s</h1></div>\n", T(r, "tw.review_title"));
  layout_tabs(r, p, "twins");
  if( ui_param(r, "fixed") ) hp(b, "<p class=\"notice\" role=\"status\" id=\"fixed\">%s</p>\n", T(r, "tw.fixed"));
  hp(b, "<p class=\"hint\">%s</p>\n<nav class=\"cats\" aria-label=\"%s\"><a href=\"/twins/review\"%R>%s</a>",
     T(r, "tw.review_hint"), T(r, "tw.reason"), zReason ? "" : " aria-current=\"page\"", T(r, "tw.all_review"));
  json_t *x;
  const char *zKey;
  json_object_foreach(json_object_get(sum, "review"), zKey, x){
    hp(b, " <a href=\"/twins/review?reason=%u\"%R>%s (%D)</a>", zKey, zReason && strcmp(zReason, zKey)==0 ? " aria-current=\"page\"" : "",
       ui_label(r, "tw.cat", zKey), (int64_t)json_integer_value(x));
  }
  hp(b, "</nav>\n");
  if( zReason ) hp(b, "<p class=\"note\">%s</p>\n", ui_label(r, "tw.cat_help", zReason));
  if( !bWrite ) hp(b, "<p class=\"hint\"><a href=\"/login?next=/twins/review\">%s</a></p>\n", T(r, "tw.login_to_fix"));
  json_t *items = json_object_get(out, "items");
  size_t i;
  hp(b, "<p class=\"count\">%s</p>\n", arena_printf(&r->arena, T(r, "tw.count"), (long long)jint(out, "total")));
  if( json_array_size(items)==0 ) hp(b, "<p class=\"empty\">%s</p>\n", T(r, "tw.none_review"));
  else{
    hp(b, "<div class=\"table-wrap\"><table class=\"list\" id=\"review\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
          "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
       T(r, "tw.row"), T(r, "tw.reason"), T(r, "tw.city1"), T(r, "tw.city2"));
    json_array_foreach(items, i, x){
      hp(b, "<tr id=\"row-%D\"><td>%D <span class=\"muted small\">%s</span></td><td><span class=\"badge\">%s</span></td>", jint(x, "id"),
         jint(x, "row"), nz(jstr(x, "source")), strcmp(nz(jstr(x, "status")), "pair")==0 ? T(r, "tw.cat.low_confidence")
                                                                                       : ui_label(r, "tw.cat", jstr(x, "status")));
      json_t *s;
      size_t k;
      json_array_foreach(json_object_get(x, "cities"), k, s){
        json_t *city = json_object_get(s, "city");
        hp(b, "<td class=\"side%R\"><strong>%s</strong> <span class=\"muted\">%s%s%s</span><br>",
           json_is_true(json_object_get(s, "review")) ? " needs-review" : "", nz(jstr(s, "name")), nz(jstr(s, "country")),
           jstr(s, "qid") ? " · " : "", nz(jstr(s, "qid")));
        hp(b, "<span class=\"how how-%s\" title=\"%s\">%s</span>", nz(jstr(s, "how")), ui_label(r, "tw.how_help", jstr(s, "how")),
           ui_label(r, "tw.how", jstr(s, "how")));
        if( !json_is_null(json_object_get(s, "confidence")) )
          hp(b, " <span class=\"conf\">%s</span>", arena_printf(&r->arena, "%.0f%%", 100.0*json_real_value(json_object_get(s, "confidence"))));
        if( json_is_object(city) )
          hp(b, " → <a href=\"/network/cities/%D\">%s</a> <span class=\"muted\">%s</span>", jint(city, "id"), ui_name(r, city),
             nz(jstr(city, "country")));
        if( jstr(s, "reason") ) hp(b, "<br><span class=\"detail\">%s</span>", jstr(s, "reason"));
        if( bWrite ) fix_form(r, p, x, s, zReason);
        hp(b, "</td>");
      }
      hp(b, "</tr>\n");
    }
    hp(b, "</tbody></table></div>\n");
  }
  const char *zNext = jstr(out, "next_cursor"), *zPrev = jstr(out, "prev_cursor");
  if( zNext || zPrev ){
    hp(b, "<nav class=\"pager\" aria-label=\"pages\">");
    if( zPrev ) hp(b, "<a rel=\"prev\" href=\"%s\">%s</a>", ui_url_with(r, "cursor", zPrev), T(r, "p.prev"));
    if( zNext ) hp(b, " <a rel=\"next\" href=\"%s\">%s</a>", ui_url_with(r, "cursor", zNext), T(r, "p.next"));
    hp(b, "</nav>\n");
  }
  json_decref(out);
  json_decref(sum);
  ui_end(r, p);
}

/* A form or command-line value as JSON: an integer when it is one (the
** core checks ranges and names the field), else the text. */
static json_t *int_or_text(const char *z){
  int bInt = z[0]!=0 && strlen(z)<=18;
  for(const char *s = z; bInt && *s; s++) if( *s<'0' || *s>'9' ) bInt = 0;
  return bInt ? json_integer(strtoll(z, 0, 10)) : json_string(z);
}

/* WEBPAGE: POST /twins/fix (row, side, city_id | do=not_a_city, reason, csrf) */
void ui_twins_fix(Req *r, Resp *p){
  Form f;
  Err e;
  memset(&e, 0, sizeof e);
  if( ui_post(r, p, &f, 0, &e) ) return;
  if( r->zRole && strcmp(r->zRole, "viewer")==0 ){
    err_set(&e, YC_EFORBIDDEN, "forbidden", 0, "viewers cannot change data");
    ui_error(r, p, &e);
    return;
  }
  json_t *in = json_object(), *out = 0;
  const char *zDo = form_get(&f, "do"), *zReason = form_get(&f, "reason");
  if( form_get(&f, "row") ) json_object_set_new(in, "row", int_or_text(form_get(&f, "row")));
  if( form_get(&f, "side") ) json_object_set_new(in, "side", int_or_text(form_get(&f, "side")));
  if( zDo && strcmp(zDo, "not_a_city")==0 ) json_object_set_new(in, "not_a_city", json_true());
  else if( form_get(&f, "city_id") ) json_object_set_new(in, "city_id", int_or_text(form_get(&f, "city_id")));
  YcStatus st = twins_fix(&r->ctx, in, &out, &e);
  json_decref(in);
  json_decref(out);
  if( st ){ ui_error(r, p, &e); return; }
  int bKnown = 0;
  for(int i=0; zReason && azTwinReason[i]; i++) if( strcmp(zReason, azTwinReason[i])==0 ) bKnown = 1;
  ui_redirect(p, bKnown ? arena_printf(&r->arena, "/twins/review?reason=%s&fixed=1", zReason) : "/twins/review?fixed=1");
}

/* WEBPAGE: GET /network?country=ISO2 */
void ui_network(Req *r, Resp *p){
  static const char *const azParam[] = {"country", "lang", 0};
  ui_prepare(r, p);
  Err e;
  if( http_check_params(r, azParam, &e) ){ ui_error(r, p, &e); return; }
  const char *zCountry = http_param(r, "country");
  if( zCountry && strlen(zCountry)==2 ){
    ui_redirect(p, arena_printf(&r->arena, "/network/countries/%c%c", zCountry[0], zCountry[1]));
    return;
  }
  ui_begin(r, p, T(r, "nw.title"), "layout");
  Buf *b = &p->body;
  hp(b, "<div class=\"page-head\"><h1>%s</h1></div>\n", T(r, "nw.title"));
  layout_tabs(r, p, "network");
  hp(b, "<p class=\"hint\">%s</p>\n", T(r, "nw.hint"));
  hp(b, "<form class=\"filters\" method=\"get\" action=\"/network\"><div class=\"field grow\"><label for=\"country\">%s</label>"
        "<select id=\"country\" name=\"country\">", T(r, "lay.country"));
  json_t *list = 0, *x;
  size_t i;
  if( country_list(&r->ctx, &list, &e)==YC_OK ){
    json_array_foreach(json_object_get(list, "items"), i, x){
      hp(b, "<option value=\"%s\">%s</option>", jstr(x, "iso2"), ui_name(r, x));
    }
    json_decref(list);
  }
  hp(b, "</select></div><div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button></div></form>\n", T(r, "lay.show"));
  hp(b, "<p><a class=\"button\" href=\"/network/cities/%D\">%s</a></p>\n", r->ctx.homeCityId, T(r, "nw.home_twins"));
  /* Countries with the most twin links */
  json_t *rows = 0;
  Err e2 = {0};
  hp(b, "<section class=\"card\"><h2>%s</h2>", T(r, "nw.top_countries"));
  int n = 0;
  if( network_top_countries(&r->ctx, 40, &rows, &e2)==YC_OK ){
    json_array_foreach(rows, i, x){
      if( n++==0 ){
        hp(b, "<div class=\"table-wrap\"><table class=\"list\" id=\"top-countries\"><thead><tr><th scope=\"col\">%s</th>"
              "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
              "<th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>\n", T(r, "lay.country"), T(r, "nw.cities_twinned"),
           T(r, "nw.links"), T(r, "nw.china"), T(r, "nw.province"));
      }
      const char *zName = strcmp(r->zLang, "zh")==0 && jstr(x, "name_zh") ? jstr(x, "name_zh") : jstr(x, "name_en");
      hp(b, "<tr><td><a href=\"/network/countries/%s\">%s</a></td><td class=\"num\">%d</td><td class=\"num\">%d</td>"
            "<td class=\"num\">%d</td><td class=\"num\">%d</td></tr>\n", jstr(x, "iso2"), zName, (int)jint(x, "twin_cities"),
         (int)jint(x, "twin_links"), (int)jint(x, "links_china"), (int)jint(x, "links_home_province"));
    }
    json_decref(rows);
  }
  if( n ) hp(b, "</tbody></table></div>\n");
  else hp(b, "<p class=\"empty\">%s <a href=\"/twins\">%s</a></p>\n", T(r, "nw.empty"), T(r, "tw.title"));
  hp(b, "</section>\n");
  ui_end(r, p);
}

/* WEBPAGE: GET /network/countries/{iso2}?limit=N */
void ui_network_country(Req *r, Resp *p){
  static const char *const azParam[] = {"limit", "lang", 0};
  ui_prepare(r, p);
  Err e;
  json_t *out = 0;
  const char *zLimit = http_param(r, "limit");
  if( http_check_params(r, azParam, &e) || network_country(&r->ctx, r->azArg[0], zLimit ? zLimit : "50", &out, &e) ){
    ui_error(r, p, &e);
    return;
  }
  json_t *co = json_object_get(out, "country"), *x;
  size_t i;
  ui_begin(r, p, ui_name(r, co), "layout");
  Buf *b = &p->body;
  hp(b, "<div class=\"page-head\"><h1>%s <span class=\"sub\">%s</span></h1><div class=\"head-actions\">"
        "<a class=\"button\" href=\"/layout/candidates?country=%s\">%s</a></div></div>\n",
     ui_name(r, co), T(r, "nw.most_connected"), jstr(co, "iso2"), T(r, "lay.candidates"));
  layout_tabs(r, p, "network");
  hp(b, "<p class=\"count\">%s</p>\n", arena_printf(&r->arena, T(r, "nw.country_counts"), (long long)jint(out, "cities_with_twins"),
     (long long)jint(out, "twin_links"), (long long)jint(out, "links_with_china")));
  json_t *items = json_object_get(out, "items");
  if( json_array_size(items)==0 ) hp(b, "<p class=\"empty\">%s</p>\n", T(r, "nw.empty"));
  else{
    hp(b, "<div class=\"table-wrap\"><table class=\"list\" id=\"connected\"><thead><tr><th scope=\"col\">%s</th>"
          "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
          "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
       T(r, "nw.city"), T(r, "nw.population"), T(r, "nw.twins"), T(r, "nw.china"), T(r, "nw.province"), T(r, "nw.registry"));
    json_array_foreach(items, i, x){
      hp(b, "<tr><td><a href=\"/network/cities/%D\">%s</a>", jint(x, "id"), ui_name(r, x));
      ui_city_admin1(r, b, x);
      hp(b, "</td><td class=\"num\">%s</td><td class=\"num\">%D</td>"
            "<td class=\"num\">%D</td><td class=\"num\">%D</td><td>", ui_num(r, jint(x, "population")),
         jint(x, "twins"), jint(x, "china"), jint(x, "home_province"));
      if( !json_is_null(json_object_get(x, "home_tie")) ) hp(b, "<a href=\"/partners/%D\">%s</a>", jint(x, "home_tie"), T(r, "nw.in_registry"));
      hp(b, "</td></tr>\n");
    }
    hp(b, "</tbody></table></div>\n");
  }
  json_decref(out);
  ui_end(r, p);
}

/* The city's Chinese name: the one shown, where it comes from, GeoNames'
** Han-script names, and (for a user who may write) a form to set the
** office's own or go back to GeoNames'. */
static void city_name_card(Req *r, Resp *p, json_t *city, int64_t id){
  Buf *b = &p->body;
  const char *zZh = jstr(city, "name_zh"), *zSrc = jstr(city, "name_zh_source");
  hp(b, "<section class=\"card\" id=\"city-name\"><h2>%s</h2><dl class=\"facts\">\n", T(r, "nw.name_title"));
  hp(b, "<dt>%s</dt><dd id=\"name-zh\">%s <span class=\"muted\">(%s)</span></dd>\n", T(r, "nw.name_zh"),
     zZh ? zZh : "—", ui_label(r, "nw.name_src", zSrc ? zSrc : "none"));
  hp(b, "<dt>%s</dt><dd>%s</dd>\n", T(r, "nw.name_label"), ui_zh(r) ? jstr(city, "label_zh") : jstr(city, "label_en"));
  json_t *alt = json_object_get(json_object_get(city, "alternates"), "zh"), *x;
  size_t i;
  if( json_array_size(alt) ){
    hp(b, "<dt>%s</dt><dd lang=\"zh\">", T(r, "nw.name_alts"));
    json_array_foreach(alt, i, x) hp(b, "%s%s", i ? "、" : "", json_string_value(x));
    hp(b, "</dd>\n");
  }
  hp(b, "</dl>\n");
  if( r->zUser && r->zRole && strcmp(r->zRole, "viewer")!=0 ){
    UiForm fm = {.r = r, .b = b};
    hp(b, "<form method=\"post\" action=\"/network/cities/%D/name\" class=\"name-form\">", id);
    ui_csrf_field(r, p);
    ui_field(&fm, &(UiField){.zName = "name_zh", .zLabel = T(r, "nw.name_own"), .zHint = T(r, "nw.name_hint"),
                             .zValue = strcmp(nz(zSrc), "own")==0 ? zZh : 0, .zPlaceholder = zZh});
    hp(b, "<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button>", T(r, "nw.name_save"));
    if( strcmp(nz(zSrc), "own")==0 )
      hp(b, " <button type=\"submit\" name=\"clear\" value=\"1\">%s</button>", T(r, "nw.name_clear"));
    hp(b, "</div></form>\n");
  }
  hp(b, "</section>\n");
}

/* WEBPAGE: POST /network/cities/{geonames_id}/name */
void ui_network_city_name(Req *r, Resp *p){
  Form f;
  Err e;
  int64_t id = 0;
  if( ui_post(r, p, &f, &id, &e) ) return;
  for(int i=0; i<f.n; i++){
    static const char *const azOk[] = {"csrf", "name_zh", "clear", 0};
    int bOk = 0;
    for(int k=0; azOk[k]; k++) if( strcmp(f.azKey[i], azOk[k])==0 ) bOk = 1;
    if( !bOk ){ err_set(&e, YC_EINVALID, "unknown_field", f.azKey[i], "unknown field '%.40s'", f.azKey[i]); ui_error(r, p, &e); return; }
  }
  const char *zZh = form_get(&f, "clear") ? 0 : form_get(&f, "name_zh");
  if( !zZh && !form_get(&f, "clear") ){
    err_set(&e, YC_EINVALID, "required", "name_zh", "name_zh is required");
    ui_error(r, p, &e);
    return;
  }
  json_t *in = json_pack("{s:s?}", "name_zh", zZh), *out = 0;
  YcStatus st = city_name_put(&r->ctx, id, in, &out, &e);
  json_decref(in);
  json_decref(out);
  if( st ){ ui_error(r, p, &e); return; }
  ui_redirect(p, arena_printf(&r->arena, "/network/cities/%lld?flash=saved", (long long)id));
}

/* WEBPAGE: GET /network/cities/{geonames_id} */
void ui_network_city(Req *r, Resp *p){
  static const char *const azParam[] = {"lang", "flash", 0};
  ui_prepare(r, p);
  Err e;
  int64_t id = 0;
  json_t *out = 0;
  if( http_check_params(r, azParam, &e) || http_arg_id(r, 0, &id, &e) || network_city(&r->ctx, id, &out, &e) ){
    ui_error(r, p, &e);
    return;
  }
  json_t *city = json_object_get(out, "city"), *n = json_object_get(out, "counts"), *co = json_object_get(city, "country"), *x;
  size_t i;
  ui_begin(r, p, ui_name(r, city), "layout");
  Buf *b = &p->body;
  hp(b, "<div class=\"page-head\"><h1>%s <span class=\"sub\">%s%s%s</span></h1><div class=\"head-actions\">", ui_name(r, city),
     ui_admin1(r, city) ? ui_admin1(r, city) : "", ui_admin1(r, city) ? " · " : "", ui_name(r, co));
  if( !json_is_null(json_object_get(out, "home_tie")) )
    hp(b, "<a class=\"button\" href=\"/partners/%D\">%s</a>", jint(out, "home_tie"), T(r, "nw.in_registry"));
  else if( id!=r->ctx.homeCityId )
    hp(b, "<a class=\"button\" href=\"/layout/candidates?country=%s\">%s</a>", jstr(co, "iso2"), T(r, "lay.candidates"));
  hp(b, "</div></div>\n");
  layout_tabs(r, p, "network");
  hp(b, "<section class=\"kpis\"><div class=\"kpi\"><div class=\"kpi-label\">%s</div><div class=\"kpi-value\" id=\"kpi-twins\">%D</div></div>"
        "<div class=\"kpi\"><div class=\"kpi-label\">%s</div><div class=\"kpi-value\" id=\"kpi-china\">%D</div></div>"
        "<div class=\"kpi\"><div class=\"kpi-label\">%s</div><div class=\"kpi-value\" id=\"kpi-province\">%D</div></div>"
        "<div class=\"kpi\"><div class=\"kpi-label\">%s</div><div class=\"kpi-value\" id=\"kpi-home\">%s</div></div></section>\n",
     T(r, "nw.twins"), jint(n, "twins"), T(r, "nw.china"), jint(n, "china"), T(r, "nw.province"), jint(n, "home_province"),
     T(r, "nw.home_city"), json_is_true(json_object_get(n, "home_city")) ? T(r, "nw.yes") : T(r, "nw.no"));
  ui_flash(r, b);
  city_name_card(r, p, city, id);
  hp(b, "<p class=\"hint\">%s</p>\n", T(r, "nw.city_hint"));
  json_t *tw = json_object_get(out, "twins");
  if( json_array_size(tw)==0 ) hp(b, "<p class=\"empty\">%s</p>\n", T(r, "nw.no_twins"));
  else{
    hp(b, "<div class=\"table-wrap\"><table class=\"list\" id=\"twins\"><thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
          "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
       T(r, "nw.city"), T(r, "lay.country"), T(r, "nw.population"), T(r, "nw.source_name"));
    json_array_foreach(tw, i, x){
      hp(b, "<tr%R><td><a href=\"/network/cities/%D\">%s</a>", json_is_true(json_object_get(x, "home_province")) ? " class=\"prov\"" : "",
         jint(x, "id"), ui_name(r, x));
      ui_city_admin1(r, b, x);
      if( json_is_true(json_object_get(x, "home_province")) ) hp(b, " <span class=\"badge\">%s</span>", T(r, "nw.province_badge"));
      if( json_is_true(json_object_get(x, "home_city")) ) hp(b, " <span class=\"badge kind-sister\">%s</span>", T(r, "nw.home_city"));
      hp(b, "</td><td>%s</td><td class=\"num\">%s</td><td>%s", ui_name(r, json_object_get(x, "country")), ui_num(r, jint(x, "population")),
         nz(jstr(x, "source_label")));
      if( jstr(x, "resolved_by") && strcmp(jstr(x, "resolved_by"), "exact")!=0 )
        hp(b, " <span class=\"muted small\" title=\"%s\">%s</span>", ui_label(r, "tw.how_help", jstr(x, "resolved_by")), ui_label(r, "tw.how", jstr(x, "resolved_by")));
      hp(b, "</td></tr>\n");
    }
    hp(b, "</tbody></table></div>\n");
  }
  json_decref(out);
  ui_end(r, p);
}
