/* lists.c: built-in country lists; see lists.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/lists.h"
#include "base/asset.h"
#include "base/date.h"

typedef struct ListMeta { char *zNameEn, *zNameZh, *zKind, *zSource, *zAsOf, *zNotes, *zExpand; } ListMeta;

static YcStatus load_one(Db *db, const Asset *a, int *pnMember, Err *e){
  const char *zBase = strrchr(a->zName, '/') + 1;
  char zKey[64];
  size_t nKey = strlen(zBase) - 4;    /* drop ".tsv" */
  if( nKey>=sizeof zKey ) return err_set(e, YC_EINTERNAL, "asset", 0, "list name too long: %s", a->zName);
  memcpy(zKey, zBase, nKey);
  zKey[nKey] = 0;
  size_t n = (size_t)(a->pEnd - a->pStart);
  char *z = malloc(n + 1);
  if( !z ) return err_set(e, YC_EINTERNAL, 0, 0, "out of memory");
  memcpy(z, a->pStart, n);
  z[n] = 0;
  ListMeta m;
  memset(&m, 0, sizeof m);
  char *zBody = 0;
  for(char *zLine = z, *zNext; zLine && *zLine; zLine = zNext){
    zNext = strchr(zLine, '\n');
    if( zNext ) *zNext++ = 0;
    if( zLine[0]!='#' ){ zBody = zLine; if( zNext ) zNext[-1] = '\n'; break; }
    char *zColon = strchr(zLine, ':');
    if( !zColon ) continue;
    *zColon = 0;
    char *zField = zLine + 1, *zVal = zColon + 1;
    while( *zField==' ' ) zField++;
    while( *zVal==' ' ) zVal++;
    if( strcmp(zField, "name_en")==0 ) m.zNameEn = zVal;
    else if( strcmp(zField, "name_zh")==0 ) m.zNameZh = zVal;
    else if( strcmp(zField, "kind")==0 ) m.zKind = zVal;
    else if( strcmp(zField, "source")==0 ) m.zSource = zVal;
    else if( strcmp(zField, "as_of")==0 ) m.zAsOf = zVal;
    else if( strcmp(zField, "notes")==0 ) m.zNotes = zVal;
    else if( strcmp(zField, "expand")==0 ) m.zExpand = zVal;
  }
  YcStatus st = YC_OK;
  if( !m.zNameEn || !m.zNameZh || !m.zKind || !m.zSource ){
    st = err_set(e, YC_EINTERNAL, "asset", 0, "%s: needs name_en, name_zh, kind and source", a->zName);
    goto end;
  }
  char zNow[24];
  date_now(zNow);
  DbStmt *p = db_stmt(db,
    "INSERT INTO country_list(key,name_en,name_zh,kind,source,as_of,notes,builtin,created_at,updated_at,expand_data)"
    " VALUES(?1,?2,?3,?4,?5,?6,?7,1,?8,?8,?9) ON CONFLICT(key) DO UPDATE SET name_en=excluded.name_en,"
    " name_zh=excluded.name_zh, kind=excluded.kind, source=excluded.source, as_of=excluded.as_of,"
    " notes=excluded.notes, expand_data=excluded.expand_data WHERE country_list.builtin=1");
  if( !p ){ st = db_error(db, DB_ERROR, e); goto end; }
  db_bind_text(p, 1, zKey, -1);
  db_bind_text(p, 2, m.zNameEn, -1);
  db_bind_text(p, 3, m.zNameZh, -1);
  db_bind_text(p, 4, m.zKind, -1);
  db_bind_text(p, 5, m.zSource, -1);
  db_bind_text(p, 6, m.zAsOf, -1);
  db_bind_text(p, 7, m.zNotes, -1);
  db_bind_text(p, 8, zNow, -1);
  /* "# expand: yes ..." (the rest of the line says why) */
  db_bind_int(p, 9, m.zExpand && strncmp(m.zExpand, "yes", 3)==0);
  int rc = db_step(p);
  db_reset(p);
  if( rc!=DB_DONE ){ st = db_error(db, rc, e); goto end; }
  p = db_stmt(db, "SELECT id FROM country_list WHERE key=?1 AND builtin=1");
  db_bind_text(p, 1, zKey, -1);
  int64_t id = db_step(p)==DB_ROW ? db_col_int64(p, 0) : 0;
  db_reset(p);
  if( !id ) goto end;   /* a user list has this key: leave it alone */
  p = db_stmt(db, "DELETE FROM country_list_member WHERE list_id=?1");
  db_bind_int64(p, 1, id);
  db_step(p);
  db_reset(p);
  p = db_stmt(db, "INSERT INTO country_list_member(list_id,iso2,note) VALUES(?1,?2,?3)");
  int bHeader = 1, iLine = 0;
  for(char *zLine = zBody, *zNext; zLine && *zLine && st==YC_OK; zLine = zNext){
    zNext = strchr(zLine, '\n');
    if( zNext ) *zNext++ = 0;
    iLine++;
    if( zLine[0]=='#' || zLine[0]==0 ) continue;
    if( bHeader ){ bHeader = 0; continue; }
    char *zTab = strchr(zLine, '\t');
    if( zTab ) *zTab++ = 0;
    db_bind_int64(p, 1, id);
    db_bind_text(p, 2, zLine, -1);
    db_bind_text(p, 3, zTab && *zTab ? zTab : 0, -1);
    rc = db_step(p);
    db_reset(p);
    if( rc!=DB_DONE ){
      st = err_set(e, YC_EINTERNAL, "asset", 0, "%s: country '%s': %s", a->zName, zLine, db_errmsg(db));
    }else{
      (*pnMember)++;
    }
  }
end:
  free(z);
  return st;
}

YcStatus lists_load(Db *db, int *pnList, int *pnMember, Err *e){
  *pnList = *pnMember = 0;
  if( db_begin(db, e) ) return e ? e->st : YC_EINTERNAL;
  YcStatus st = YC_OK;
  for(const Asset *a = aAsset; a->zName && st==YC_OK; a++){
    if( strncmp(a->zName, "data/lists/", 11)!=0 ) continue;
    st = load_one(db, a, pnMember, e);
    if( st==YC_OK ) (*pnList)++;
  }
  if( st==YC_OK ) st = db_commit(db, e);
  else db_rollback(db);
  return st;
}
