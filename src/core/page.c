/*
** page.c: the paging kit; see page.h.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/page.h"
#include "store/rows.h"

#define PAGE_MAX_CURSOR 1000    /* bytes of a cursor, encoded (the longest query parameter) */

int page_uint(const char *z, long lMax, long *pv){
  if( !z || !*z || strlen(z)>9 ) return 0;
  for(const char *s = z; *s; s++) if( *s<'0' || *s>'9' ) return 0;
  long v = atol(z);
  if( v>lMax ) return 0;
  *pv = v;
  return 1;
}

YcStatus page_limit_error(int nMax, Err *e){
  return err_set(e, YC_EINVALID, "invalid_value", "limit", "limit must be an integer from 1 to %d", nMax);
}

YcStatus page_limit(const char *z, int nDefault, int nMax, int *pn, Err *e){
  long v;
  if( !z ){ *pn = nDefault; return YC_OK; }
  if( !page_uint(z, nMax, &v) || v<1 ) return page_limit_error(nMax, e);
  *pn = (int)v;
  return YC_OK;
}

/* --- base64url without padding (RFC 4648 section 5) ------------------------ */

static const char zB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

static void b64_encode(Buf *b, const unsigned char *a, size_t n){
  for(size_t i=0; i<n; i+=3){
    unsigned v = (unsigned)a[i]<<16 | (i+1<n ? (unsigned)a[i+1]<<8 : 0) | (i+2<n ? a[i+2] : 0);
    buf_putc(b, zB64[v>>18 & 63]);
    buf_putc(b, zB64[v>>12 & 63]);
    if( i+1<n ) buf_putc(b, zB64[v>>6 & 63]);
    if( i+2<n ) buf_putc(b, zB64[v & 63]);
  }
}

/* Decode z into b; 0 if z is not base64url (alphabet, length). The caller
** re-encodes to refuse non-canonical forms. */
static int b64_decode(Buf *b, const char *z){
  size_t n = strlen(z);
  if( n%4==1 ) return 0;
  unsigned v = 0;
  int nBit = 0;
  for(size_t i=0; i<n; i++){
    const char *p = z[i] ? strchr(zB64, z[i]) : 0;
    if( !p ) return 0;
    v = (v<<6 | (unsigned)(p - zB64)) & 0xffffff;
    nBit += 6;
    if( nBit>=8 ){
      nBit -= 8;
      buf_putc(b, (char)(v>>nBit & 0xff));
    }
  }
  return !buf_error(b);
}

/* --- cursors ------------------------------------------------------------- */

static YcStatus bad_cursor(Err *e){
  return err_set(e, YC_EINVALID, "invalid_cursor", "cursor", "cursor is not one this server gave out");
}

static uint32_t fnv32(const char *z){
  uint32_t h = 2166136261u;
  while( *z ){ h ^= (unsigned char)*z++; h *= 16777619u; }
  return h;
}

/* The cursor text of [tag, zDir, keys...], or null. */
static json_t *cursor_make(const Page *pg, const char *zDir, json_t *aKey){
  if( !aKey ) return json_null();
  json_t *a = json_pack("[s, s]", pg->zTag, zDir);
  json_array_extend(a, aKey);
  char *zJson = json_dumps(a, JSON_COMPACT);
  json_decref(a);
  if( !zJson ) return json_null();
  Buf b = BUF_INIT;
  b64_encode(&b, (const unsigned char*)zJson, strlen(zJson));
  free(zJson);
  json_t *j = buf_error(&b) ? json_null() : json_string(buf_str(&b));
  buf_free(&b);
  return j ? j : json_null();
}

/* Decode zCursor for pg: sets pg->aCur and pg->bBack. */
static YcStatus cursor_read(Page *pg, const char *zCursor, Err *e){
  size_t n = strlen(zCursor);
  if( n==0 || n>PAGE_MAX_CURSOR ) return bad_cursor(e);
  Buf raw = BUF_INIT, again = BUF_INIT;
  YcStatus st = YC_OK;
  json_t *a = 0;
  char *zJson = 0;
  if( !b64_decode(&raw, zCursor) ){ st = bad_cursor(e); goto end; }
  b64_encode(&again, (const unsigned char*)buf_str(&raw), raw.n);
  if( strcmp(buf_str(&again), zCursor)!=0 ){ st = bad_cursor(e); goto end; }
  a = json_loadb(buf_str(&raw), raw.n, JSON_REJECT_DUPLICATES, 0);
  if( !json_is_array(a) || json_array_size(a)<3 || !json_is_string(json_array_get(a, 0)) ){
    st = bad_cursor(e);
    goto end;
  }
  if( strcmp(json_string_value(json_array_get(a, 0)), pg->zTag)!=0 ){
    st = err_set(e, YC_EINVALID, "invalid_cursor", "cursor",
                 "cursor was made for another sort order or search; start again without it");
    goto end;
  }
  const char *zDir = json_string_value(json_array_get(a, 1));
  if( !zDir || (strcmp(zDir, "a")!=0 && strcmp(zDir, "b")!=0) || json_array_size(a)!=(size_t)(2 + pg->nKey) ){
    st = bad_cursor(e);
    goto end;
  }
  for(int i=0; i<pg->nKey; i++){
    json_t *v = json_array_get(a, (size_t)(2 + i));
    char t = pg->pOrder->aKey[i].cType;
    if( (t==PAGE_INT && !json_is_integer(v)) || (t==PAGE_TEXT && !json_is_string(v)) || (t==PAGE_REAL && !json_is_real(v)) ){
      st = bad_cursor(e);
      goto end;
    }
  }
  /* Exactly the bytes this kit writes: no other spelling of the same JSON. */
  zJson = json_dumps(a, JSON_COMPACT);
  if( !zJson || strlen(zJson)!=raw.n || memcmp(zJson, buf_str(&raw), raw.n)!=0 ){ st = bad_cursor(e); goto end; }
  pg->bBack = zDir[0]=='b';
  pg->aCur = json_array();
  for(int i=0; i<pg->nKey; i++) json_array_append(pg->aCur, json_array_get(a, (size_t)(2 + i)));
end:
  free(zJson);
  json_decref(a);
  buf_free(&raw);
  buf_free(&again);
  return st;
}

YcStatus page_begin(Page *pg, const PageOrder *pOrder, const char *zScope, const char *zLimit,
                    int nDefault, int nMax, const char *zCursor, Err *e){
  memset(pg, 0, sizeof *pg);
  pg->pOrder = pOrder;
  while( pg->nKey<PAGE_MAX_KEY && pOrder->aKey[pg->nKey].zExpr ) pg->nKey++;
  YcStatus st = page_limit(zLimit, nDefault, nMax, &pg->nLimit, e);
  if( st ) return st;
  if( zScope ) snprintf(pg->zTag, sizeof pg->zTag, "%s#%08x", pOrder->zName, (unsigned)fnv32(zScope));
  else snprintf(pg->zTag, sizeof pg->zTag, "%s", pOrder->zName);
  if( zCursor ) return cursor_read(pg, zCursor, e);
  return YC_OK;
}

void page_free(Page *pg){
  json_decref(pg->aCur);
  json_decref(pg->aFirst);
  json_decref(pg->aLast);
  pg->aCur = pg->aFirst = pg->aLast = 0;
}

/* --- SQL ------------------------------------------------------------------ */

void page_sql_keys(const Page *pg, Buf *b){
  for(int i=0; i<pg->nKey; i++) buf_printf(b, ", %s", pg->pOrder->aKey[i].zExpr);
}

/* Key i read descending (its direction, reversed on a backward page). */
static int key_desc(const Page *pg, int i){
  return pg->pOrder->aKey[i].bDesc ^ pg->bBack;
}

int page_sql_tail(const Page *pg, Buf *b, int iParam){
  const PageKey *a = pg->pOrder->aKey;
  if( pg->aCur ){
    int bSame = 1;
    for(int i=1; i<pg->nKey; i++) if( key_desc(pg, i)!=key_desc(pg, 0) ) bSame = 0;
    buf_puts(b, " AND ");
    if( bSame && pg->nKey==1 ){
      buf_printf(b, "%s %c ?%d", a[0].zExpr, key_desc(pg, 0) ? '<' : '>', iParam);
    }else if( bSame ){
      /* A row-value comparison (SQLite 3.15+, PostgreSQL). */
      buf_putc(b, '(');
      for(int i=0; i<pg->nKey; i++) buf_printf(b, "%s%s", i ? ", " : "", a[i].zExpr);
      buf_printf(b, ") %c (", key_desc(pg, 0) ? '<' : '>');
      for(int i=0; i<pg->nKey; i++) buf_printf(b, "%s?%d", i ? ", " : "", iParam + i);
      buf_putc(b, ')');
    }else{
      /* Mixed directions: k1 > ?a OR (k1 = ?a AND (k2 < ?b OR (...))). */
      for(int i=0; i<pg->nKey; i++){
        char cOp = key_desc(pg, i) ? '<' : '>';
        if( i<pg->nKey-1 ) buf_printf(b, "(%s %c ?%d OR (%s = ?%d AND ", a[i].zExpr, cOp, iParam + i, a[i].zExpr, iParam + i);
        else buf_printf(b, "%s %c ?%d", a[i].zExpr, cOp, iParam + i);
      }
      for(int i=0; i<pg->nKey-1; i++) buf_puts(b, "))");
    }
    iParam += pg->nKey;
  }
  buf_puts(b, " ORDER BY ");
  for(int i=0; i<pg->nKey; i++) buf_printf(b, "%s%s%s", i ? ", " : "", a[i].zExpr, key_desc(pg, i) ? " DESC" : "");
  buf_printf(b, " LIMIT ?%d", iParam);
  return iParam + 1;
}

void page_bind(const Page *pg, DbStmt *p, int iParam){
  if( pg->aCur ){
    for(int i=0; i<pg->nKey; i++){
      json_t *v = json_array_get(pg->aCur, (size_t)i);
      switch( pg->pOrder->aKey[i].cType ){
        case PAGE_INT:  db_bind_int64(p, iParam + i, json_integer_value(v)); break;
        case PAGE_REAL: db_bind_double(p, iParam + i, json_real_value(v)); break;
        default:        db_bind_text(p, iParam + i, json_string_value(v), -1); break;
      }
    }
    iParam += pg->nKey;
  }
  db_bind_int(p, iParam, pg->nLimit + 1);
}

int page_row(Page *pg, DbStmt *p, int iCol){
  if( pg->nRow>=pg->nLimit ){ pg->bMore = 1; return 0; }
  json_t *a = json_array();
  for(int i=0; i<pg->nKey; i++){
    json_t *v;
    switch( pg->pOrder->aKey[i].cType ){
      case PAGE_INT:  v = json_integer(db_col_int64(p, iCol + i)); break;
      case PAGE_REAL: v = json_real(db_col_double(p, iCol + i)); break;
      default: {
        const char *z = db_text(p, iCol + i);
        v = z ? json_string(z) : 0;
        if( !v ) v = json_null();   /* NULL or not UTF-8: its cursor is refused */
      }
    }
    json_array_append_new(a, v);
  }
  if( pg->nRow==0 ) pg->aFirst = json_incref(a);
  json_decref(pg->aLast);
  pg->aLast = a;
  pg->nRow++;
  return 1;
}

/* Compare key values a and b in the order's direction: <0, 0, >0. */
static int page_cmp_keys(const Page *pg, json_t *a, json_t *b){
  for(int i=0; i<pg->nKey; i++){
    json_t *x = json_array_get(a, (size_t)i), *y = json_array_get(b, (size_t)i);
    int c;
    if( json_is_integer(x) && json_is_integer(y) ){
      json_int_t u = json_integer_value(x), v = json_integer_value(y);
      c = u<v ? -1 : u>v;
    }else if( json_is_number(x) && json_is_number(y) ){
      double u = json_number_value(x), v = json_number_value(y);
      c = u<v ? -1 : u>v;
    }else{
      const char *u = json_string_value(x), *v = json_string_value(y);
      c = strcmp(u ? u : "", v ? v : "");     /* bytes, as SQLite's BINARY collation */
    }
    if( pg->pOrder->aKey[i].bDesc ) c = -c;
    if( c ) return c;
  }
  return 0;
}

int page_row_keys(Page *pg, json_t *aKey){
  if( pg->aCur ){
    int c = page_cmp_keys(pg, aKey, pg->aCur);
    if( pg->bBack ? c>=0 : c<=0 ) return 0;
  }
  if( pg->nRow>=pg->nLimit ){ pg->bMore = 1; return 0; }
  if( pg->nRow==0 ) pg->aFirst = json_incref(aKey);
  json_decref(pg->aLast);
  pg->aLast = json_incref(aKey);
  pg->nRow++;
  return 1;
}

void page_done(Page *pg, json_t *aItem){
  if( !pg->bBack ) return;
  size_t n = json_array_size(aItem);
  for(size_t i=0; i<n/2; i++){
    json_t *x = json_incref(json_array_get(aItem, i)), *y = json_incref(json_array_get(aItem, n-1-i));
    json_array_set_new(aItem, i, y);
    json_array_set_new(aItem, n-1-i, x);
  }
}

/* aFirst/aLast are the first and last rows read: on a backward page the
** last and first of the page in the list's order. */
json_t *page_next(const Page *pg){
  if( !pg->bBack ) return pg->bMore ? cursor_make(pg, "a", pg->aLast) : json_null();
  return pg->nRow ? cursor_make(pg, "a", pg->aFirst) : json_null();
}

json_t *page_prev(const Page *pg){
  if( pg->bBack ) return pg->bMore ? cursor_make(pg, "b", pg->aLast) : json_null();
  if( !pg->aCur ) return json_null();
  return cursor_make(pg, "b", pg->nRow ? pg->aFirst : pg->aCur);
}

json_t *page_answer(Page *pg, json_t *aItem, int64_t nTotal, int bPrev){
  page_done(pg, aItem);
  json_t *o = json_pack("{s:O, s:I, s:o}", "items", aItem, "total", (json_int_t)nTotal, "next_cursor", page_next(pg));
  if( bPrev ) json_object_set_new(o, "prev_cursor", page_prev(pg));
  return o;
}

/* --- the ids of a page ----------------------------------------------------- */

char *page_ids(json_t *aItem, const char *zKey){
  Buf b = BUF_INIT;
  json_t *x;
  size_t i;
  buf_putc(&b, '[');
  json_array_foreach(aItem, i, x){
    buf_printf(&b, "%s%lld", i ? "," : "", (long long)json_integer_value(json_object_get(x, zKey)));
  }
  buf_putc(&b, ']');
  if( buf_error(&b) ){ buf_free(&b); return 0; }
  return buf_take(&b);
}

json_t *page_index(json_t *aItem, const char *zKey){
  json_t *o = json_object(), *x;
  size_t i;
  json_array_foreach(aItem, i, x){
    char z[24];
    snprintf(z, sizeof z, "%lld", (long long)json_integer_value(json_object_get(x, zKey)));
    json_object_set(o, z, x);
  }
  return o;
}

json_t *page_item(json_t *index, int64_t id){
  char z[24];
  snprintf(z, sizeof z, "%lld", (long long)id);
  return json_object_get(index, z);
}

YcStatus page_attach(Ctx *c, json_t *aItem, const char *zMember, const char *zSql,
                     const char *const *azName, Err *e){
  if( json_array_size(aItem)==0 ) return YC_OK;
  char *zIds = page_ids(aItem, "id");
  json_t *index = page_index(aItem, "id");
  DbStmt *p = zIds ? db_stmt(c->db, zSql) : 0;
  YcStatus st = YC_OK;
  if( !p ) st = db_error(c->db, DB_ERROR, e);
  else{
    db_bind_text(p, 1, zIds, -1);
    int rc;
    while( (rc = db_step(p))==DB_ROW ){
      json_t *o = json_object();
      for(int i=0; azName[i]; i++) json_object_set_new(o, azName[i], rows_value(p, i + 1));
      json_array_append_new(json_object_get(page_item(index, db_col_int64(p, 0)), zMember), o);
    }
    db_reset(p);
    if( rc!=DB_DONE ) st = db_error(c->db, rc, e);
  }
  json_decref(index);
  free(zIds);
  return st;
}

void filter_int(Filters *w, const char *zSql, int64_t v){
  if( w->n>=FILTERS_MAX ){ w->b.bErr = 1; return; }
  buf_puts(&w->b, " AND ");
  buf_printf(&w->b, zSql, w->n + 1);
  w->ac[w->n] = 'i';
  w->ai[w->n++] = v;
}

void filter_text(Filters *w, const char *zSql, const char *z){
  if( w->n>=FILTERS_MAX ){ w->b.bErr = 1; return; }
  buf_puts(&w->b, " AND ");
  buf_printf(&w->b, zSql, w->n + 1);
  w->ac[w->n] = 't';
  w->az[w->n++] = z;
}

void filter_bind(const Filters *w, DbStmt *p){
  for(int i=0; i<w->n; i++){
    if( w->ac[i]=='i' ) db_bind_int64(p, i+1, w->ai[i]);
    else db_bind_text(p, i+1, w->az[i], -1);
  }
}
