/* ui_history.c: see ui_history.h. */
#include <stdio.h>
#include <string.h>
#include "web/ui_history.h"
#include "web/route.h"
#include "core/history.h"
#include "base/json.h"

const char *ui_entity_label(Req *r, const char *zEntity){
  return ui_label(r, "entity", zEntity);
}

/* A field's name in the page language; never the key itself. */
static const char *field_label(Req *r, const char *zField){
  char zKey[80];
  snprintf(zKey, sizeof zKey, "hf.%s", zField);
  const char *z = T(r, zKey);
  return z==zKey ? T(r, "h.field_other") : z;
}

/* The labels of enumerated values: the prefix of their i18n keys. */
static const char *value_prefix(const char *zEntity, const char *zField){
  static const char *const az[] = {
    "tie", "kind", "kind", "tie", "status", "status", "*", "continent", "continent",
    "org", "type", "o.type", "*", "side", "o.side", "exchange", "kind", "xk", "*", "fields", "xf",
    "project", "stage", "pjs", "opportunity", "kind", "m.kind", "opportunity", "category", "m.cat",
    "opportunity", "direction", "m.dir", "opportunity", "status", "m.status", "interest", "status", "m.istatus",
    "delegation", "direction", "dg.dir", "delegation", "status", "dg.st", "event", "kind", "evk",
    "event", "status", "evs", "series", "kind", "srk", "invitation", "status", "ivs", "person", "roles", "pe.role",
    "user", "role", "acct.role", "country_list", "kind", "lay.kind", 0};
  for(int i=0; az[i]; i+=3){
    if( (strcmp(az[i], "*")==0 || strcmp(az[i], zEntity)==0) && strcmp(az[i+1], zField)==0 ) return az[i+2];
  }
  return 0;
}

/* A value of field zField of a zEntity record, readably. */
static void value_html(Req *r, Buf *b, const char *zEntity, const char *zField, const json_t *v, int depth){
  if( !v || json_is_null(v) || (json_is_string(v) && json_string_length(v)==0)
   || (json_is_array(v) && json_array_size(v)==0) ){
    hp(b, "<span class=\"muted\">%s</span>", T(r, "h.none"));
    return;
  }
  if( json_is_boolean(v) ){ hp(b, "%s", T(r, json_is_true(v) ? "h.yes" : "h.no")); return; }
  if( json_is_integer(v) ){ hp(b, "%D", (int64_t)json_integer_value(v)); return; }
  if( json_is_real(v) ){ hp(b, "%s", arena_printf(&r->arena, "%g", json_real_value(v))); return; }
  if( json_is_string(v) ){
    const char *zPrefix = value_prefix(zEntity, zField);
    hp(b, "%s", zPrefix ? ui_label(r, zPrefix, json_string_value(v)) : json_string_value(v));
    return;
  }
  if( json_is_array(v) ){
    size_t i;
    json_t *x;
    hp(b, "<ul class=\"hv\">");
    json_array_foreach(v, i, x){
      hp(b, "<li>");
      value_html(r, b, zEntity, zField, x, depth+1);
      hp(b, "</li>");
    }
    hp(b, "</ul>");
    return;
  }
  /* An object: its name, label, title or text; a date with its precision. */
  static const char *const azPair[] = {"name_en", "name_zh", "label_en", "label_zh", "title_en", "title_zh",
    "text_en", "text_zh", "description_en", "description_zh", 0};
  for(int i=0; azPair[i]; i+=2){
    const char *z = ui_pick(r, v, azPair[i], azPair[i+1]);
    if( z && z[0] ){
      hp(b, "%s", z);
      if( json_is_string(json_object_get(v, "role")) ) hp(b, " (%s)", jstr(v, "role"));
      return;
    }
  }
  if( json_is_string(json_object_get(v, "date")) && json_is_string(json_object_get(v, "precision")) ){
    ui_date(r, b, jstr(v, "date"), jstr(v, "precision"));
    return;
  }
  if( jstr(v, "title") ){ hp(b, "%s", jstr(v, "title")); return; }
  if( jstr(v, "name") ){ hp(b, "%s", jstr(v, "name")); return; }
  if( jstr(v, "iso2") ){ hp(b, "%s", ui_country_name(r, jstr(v, "iso2"))); return; }
  /* Anything else: its fields with their labels. */
  const char *zKey;
  json_t *x;
  int bFirst = 1;
  json_object_foreach((json_t*)v, zKey, x){
    if( strcmp(zKey, "id")==0 || strcmp(zKey, "updated_at")==0 || strcmp(zKey, "created_at")==0 ) continue;
    if( json_is_null(x) || depth>3 ) continue;
    hp(b, "%R%s: ", bFirst ? "" : "; ", field_label(r, zKey));
    value_html(r, b, zEntity, zKey, x, depth+1);
    bFirst = 0;
  }
}

/* The page of a record of the trail, or 0. */
static const char *record_base(const char *zEntity){
  static const char *const az[] = {"tie", "/partners", "profile", "/partners", "org", "/orgs", "org_offers", "/orgs",
    "exchange", "/exchanges", "project", "/projects", "opportunity", "/opportunities", "person", "/people",
    "delegation", "/delegations", "event", "/events", "series", "/series", "news", "/news", 0};
  for(int i=0; az[i]; i+=2) if( strcmp(az[i], zEntity)==0 ) return az[i+1];
  return 0;
}

void ui_audit_record(Req *r, Buf *b, const json_t *x){
  const char *zEntity = jstr(x, "entity");
  const char *zName = ui_pick(r, x, "name_en", "name_zh");
  int64_t id = jint(x, "entity_id");
  if( !zName && id ) zName = arena_printf(&r->arena, "#%lld", (long long)id);
  hp(b, "<span class=\"rtype\">%s</span>", ui_entity_label(r, zEntity));
  const char *zBase = record_base(zEntity);
  if( !r->zUser && strcmp(zEntity, "person")==0 ) zBase = 0;   /* people's pages are for signed-in users */
  if( !zName ) return;
  if( zBase && id && strcmp(jstr(x, "action"), "delete")!=0 ) hp(b, " <a href=\"%s/%D\">%s</a>", zBase, id, zName);
  else hp(b, " %s", zName);
}

/* "2026-12-06T14:53:43Z" as "2026-12-06 14:53". */
static const char *at_text(Req *r, const char *zAt){
  if( !zAt || strlen(zAt)<16 ) return zAt ? zAt : "";
  return arena_printf(&r->arena, "%.10s %.5s", zAt, zAt+11);
}

void ui_history_entries(Req *r, Resp *p, const json_t *items, const char *zRevert, int bFirstPage){
  int bRecord = zRevert==0;
  Buf *b = &p->body;
  if( json_array_size(items)==0 ){
    hp(b, "<p class=\"empty\">%s</p>\n", T(r, bRecord ? "au.empty" : "h.empty"));
    return;
  }
  int bMay = r->ctx.zRole && (strcmp(r->ctx.zRole, "admin")==0 || strcmp(r->ctx.zRole, "editor")==0);
  size_t i;
  json_t *x;
  hp(b, "<ol class=\"history\">\n");
  json_array_foreach(items, i, x){
    const char *zEntity = jstr(x, "entity");
    int64_t id = jint(x, "id");
    hp(b, "<li class=\"entry\" id=\"v%D\"><div class=\"entry-head\"><time datetime=\"%s\">%s</time> "
          "<span class=\"badge action-%s\">%s</span> ",
       id, jstr(x, "at"), at_text(r, jstr(x, "at")), jstr(x, "action"), ui_label(r, "action", jstr(x, "action")));
    if( bRecord ) ui_audit_record(r, b, x);
    /* A record's history: which part of it (its profile, its offers). */
    else if( strcmp(zEntity, "profile")==0 || strcmp(zEntity, "org_offers")==0 )
      hp(b, "<span class=\"rtype\">%s</span>", ui_entity_label(r, zEntity));
    hp(b, " <span class=\"who\">%s</span> <span class=\"muted version\">%s %D</span>", jstr(x, "actor"), T(r, "h.version"), id);
    json_t *jOf = json_object_get(x, "revert_of");
    if( json_is_integer(jOf) ){
      hp(b, " <span class=\"muted\">");
      hp(b, T(r, "h.reverted_to"), arena_printf(&r->arena, "%lld", (long long)json_integer_value(jOf)));
      hp(b, "</span>");
    }
    if( zRevert && bMay && json_is_true(json_object_get(x, "revertable")) && (i>0 || !bFirstPage) ){
      hp(b, " <form method=\"post\" action=\"%s\" class=\"revert\"><input type=\"hidden\" name=\"to\" value=\"%D\">", zRevert, id);
      ui_csrf_field(r, p);
      hp(b, "<button type=\"submit\">%s</button></form>", T(r, "h.revert"));
    }
    hp(b, "</div>\n");
    json_t *chg = json_object_get(x, "changes");
    if( json_array_size(chg)==0 ){
      hp(b, "<p class=\"muted\">%s</p></li>\n", T(r, "h.no_changes"));
      continue;
    }
    hp(b, "<div class=\"table-wrap\"><table class=\"list stack diff\"><thead><tr><th scope=\"col\">%s</th>"
          "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>\n",
       T(r, "h.field"), T(r, "h.before"), T(r, "h.after"));
    size_t k, nMax = bRecord ? 6 : 1000;
    json_t *c;
    json_array_foreach(chg, k, c){
      if( k>=nMax ) break;
      const char *zField = jstr(c, "field");
      hp(b, "<tr><th scope=\"row\">%s</th><td data-label=\"%s\" class=\"before\">", field_label(r, zField), T(r, "h.before"));
      value_html(r, b, zEntity, zField, json_object_get(c, "before"), 0);
      hp(b, "</td><td data-label=\"%s\" class=\"after\">", T(r, "h.after"));
      value_html(r, b, zEntity, zField, json_object_get(c, "after"), 0);
      hp(b, "</td></tr>\n");
    }
    hp(b, "</tbody></table></div>\n");
    if( json_array_size(chg)>nMax ){
      hp(b, "<p class=\"muted\">");
      hp(b, T(r, "h.more"), arena_printf(&r->arena, "%zu", json_array_size(chg)-nMax));
      hp(b, "</p>\n");
    }
    hp(b, "</li>\n");
  }
  hp(b, "</ol>\n");
}

/* WEBPAGE: GET /audit (user, type, action, from, to, cursor) */
void ui_audit(Req *r, Resp *p){
  static const char *const azParam[] = {"user", "type", "action", "from", "to", "limit", "cursor", "lang", 0};
  ui_prepare(r, p);
  if( ui_need_login(r, p) ) return;
  Err e;
  AuditQuery q;
  memset(&q, 0, sizeof q);
  const char *az[8];
  json_t *list = 0;
  YcStatus st = http_query(r, azParam, az, &e);
  if( !st ){
    for(int i=0; i<7; i++) q.az[i] = az[i] && az[i][0] ? az[i] : 0;
    q.bPrev = 1;
    st = audit_query(&r->ctx, &q, &list, &e);
  }
  ui_begin(r, p, T(r, "au.title"), "audit");
  Buf *b = &p->body;
  ui_css(b, "exchange");   /* the kit's stacked tables at phone width */
  ui_css(b, "history");
  hp(b, "<div class=\"page-head\"><h1>%s</h1><div class=\"head-actions\">", T(r, "au.title"));
  ui_export_buttons(r, b, "/audit");
  hp(b, "</div></div>\n<p class=\"note\">%s</p>\n", T(r, "au.intro"));
  hp(b, "<form class=\"filters\" method=\"get\" action=\"/audit\" role=\"search\">\n"
        "<div class=\"field\"><label for=\"user\">%s</label><input id=\"user\" name=\"user\" value=\"%s\"%R></div>\n",
     T(r, "au.user"), q.zUser ? q.zUser : "", ui_aria(r, st ? &e : 0, "user", 0, 0));
  hp(b, "<div class=\"field\"><label for=\"type\">%s</label><select id=\"type\" name=\"type\"%R>",
     T(r, "au.type"), ui_aria(r, st ? &e : 0, "type", 0, 0));
  ui_options(r, b, "entity", azAuditEntity, q.zType, T(r, "au.any"));
  hp(b, "</select></div>\n<div class=\"field\"><label for=\"action\">%s</label><select id=\"action\" name=\"action\"%R>",
     T(r, "au.action"), ui_aria(r, st ? &e : 0, "action", 0, 0));
  ui_options(r, b, "action", azAuditAction, q.zAction, T(r, "au.any"));
  hp(b, "</select></div>\n<div class=\"field\"><label for=\"from\">%s</label><input id=\"from\" name=\"from\" type=\"date\" value=\"%s\"%R></div>\n",
     T(r, "au.from"), q.zFrom ? q.zFrom : "", ui_aria(r, st ? &e : 0, "from", 0, 0));
  hp(b, "<div class=\"field\"><label for=\"to\">%s</label><input id=\"to\" name=\"to\" type=\"date\" value=\"%s\"%R></div>\n",
     T(r, "au.to"), q.zTo ? q.zTo : "", ui_aria(r, st ? &e : 0, "to", 0, 0));
  hp(b, "<div class=\"actions\"><button type=\"submit\" class=\"primary\">%s</button>"
        " <a class=\"button\" href=\"/audit\">%s</a></div>\n</form>\n", T(r, "au.filter"), T(r, "x.reset"));
  if( st ){
    p->status = err_http_status(st);
    ui_alert(r, b, &e, 0);
    ui_end(r, p);
    return;
  }
  hp(b, "<p class=\"count\" id=\"count\">");
  hp(b, T(r, "au.total"), ui_num(r, jint(list, "total")));
  hp(b, "</p>\n");
  ui_history_entries(r, p, json_object_get(list, "items"), 0, 0);
  ui_pager(r, b, list);
  json_decref(list);
  ui_end(r, p);
}

