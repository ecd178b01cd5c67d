/*
** pg_rewrite.c: the PostgreSQL engine's translation of the core's SQL
** (SQLite's dialect) into PostgreSQL's, once per statement when it is first
** prepared; see pg_rewrite.h and db_pg.c. Catalogue lookups (a table's
** columns, an FTS table's indexed columns) go to the connection.
*/
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "store/db.h"
#include "store/db_engine.h"
#include "store/pg_rewrite.h"
#include "base/buf.h"

static int tab_index(const PgCatalog *db, const char *z, size_t n){
  int lo = 0, hi = db->nTab - 1;
  while( lo<=hi ){
    int m = (lo + hi)/2;
    int c = strncmp(db->azTab[m], z, n);
    if( c==0 && db->azTab[m][n] ) c = 1;
    if( c==0 ) return m;
    if( c<0 ) lo = m + 1; else hi = m - 1;
  }
  return -1;
}

/* ---- Rewriting SQLite's dialect --------------------------------------- */

static int is_ident(int c){ return isalnum(c) || c=='_' || (c & 0x80); }

/* The word at z (length n) equals zWord, ignoring case. */
static int word_is(const char *z, size_t n, const char *zWord){
  return strlen(zWord)==n && strncasecmp(z, zWord, n)==0;
}

/* Next token from z: *pn its length; *peKind 'w' word, 's' string,
** 'q' quoted identifier, 'p' parameter, 'n' number, ' ' space or comment,
** 'o' other (one punctuation byte, or || ). */
static const char *next_tok(const char *z, size_t *pn, int *peKind){
  const char *s = z;
  if( !*z ){ *pn = 0; *peKind = 0; return z; }
  if( isspace((unsigned char)*z) ){
    while( isspace((unsigned char)*z) ) z++;
    *peKind = ' ';
  }else if( z[0]=='-' && z[1]=='-' ){
    while( *z && *z!='\n' ) z++;
    *peKind = ' ';
  }else if( *z=='\'' || *z=='"' ){
    char q = *z++;
    while( *z ){
      if( *z==q ){ if( z[1]==q ){ z += 2; continue; } z++; break; }
      z++;
    }
    *peKind = q=='\'' ? 's' : 'q';
  }else if( *z=='?' ){
    z++;
    while( isdigit((unsigned char)*z) ) z++;
    *peKind = 'p';
  }else if( isdigit((unsigned char)*z) ){
    while( isalnum((unsigned char)*z) || *z=='.' ) z++;
    *peKind = 'n';
  }else if( is_ident((unsigned char)*z) ){
    while( is_ident((unsigned char)*z) ) z++;
    *peKind = 'w';
  }else{
    z++;
    *peKind = 'o';
  }
  *pn = (size_t)(z - s);
  return s;
}

typedef struct Tok { const char *z; size_t n; int k; } Tok;

/* The tokens of zSql without spaces (at most nMax). */
static int tokens(const char *zSql, Tok *a, int nMax){
  int n = 0;
  const char *z = zSql;
  while( *z && n<nMax ){
    size_t m; int k;
    next_tok(z, &m, &k);
    if( k!=' ' ){ a[n].z = z; a[n].n = m; a[n].k = k; n++; }
    z += m;
  }
  return *z ? -1 : n;
}

/* Weight letters of an FTS table's columns (A, B, C, then D), from the
** column list of a MATCH filter '{c1 c2} : ...'. */
void pg_fts_weights(const PgCatalog *db, const char *zTable, size_t nTable, const char *zCols, char *zOut);

/* The indexed column names (in order) of FTS table zTable: "name alt zh
** pinyin" (a column FTS5 declares UNINDEXED has that comment here). */
char *pg_fts_columns(const PgCatalog *db, const char *zTable, size_t nTable){
  char zSql[300];
  snprintf(zSql, sizeof zSql,
           "SELECT string_agg(attname, ' ' ORDER BY attnum) FROM pg_attribute"
           " WHERE attrelid=to_regclass('%.*s') AND attnum>0 AND NOT attisdropped"
           " AND attname NOT IN ('id','tsv')"
           " AND coalesce(col_description(attrelid, attnum), '')<>'UNINDEXED'", (int)nTable, zTable);
  PGresult *r = PQexec(db->h, zSql);
  char *z = 0;
  if( PQresultStatus(r)==PGRES_TUPLES_OK && PQntuples(r)==1 ) z = strdup(PQgetvalue(r, 0, 0));
  PQclear(r);
  return z;
}

/* " c1 c2 ... " : the columns of table zTable (for the upsert rule). */
static char *table_columns(const PgCatalog *db, const char *zTable, size_t nTable){
  char zSql[300];
  snprintf(zSql, sizeof zSql,
           "SELECT ' ' || string_agg(attname, ' ') || ' ' FROM pg_attribute"
           " WHERE attrelid=to_regclass('%.*s') AND attnum>0 AND NOT attisdropped", (int)nTable, zTable);
  PGresult *r = PQexec(db->h, zSql);
  char *z = 0;
  if( PQresultStatus(r)==PGRES_TUPLES_OK && PQntuples(r)==1 && !PQgetisnull(r, 0, 0) ) z = strdup(PQgetvalue(r, 0, 0));
  PQclear(r);
  return z;
}

void pg_fts_weights(const PgCatalog *db, const char *zTable, size_t nTable, const char *zCols, char *zOut){
  char *zAll = pg_fts_columns(db, zTable, nTable);
  int k = 0;
  zOut[0] = 0;
  if( !zAll ) return;
  int iCol = 0;
  for(char *w = strtok(zAll, " "); w; w = strtok(0, " "), iCol++){
    char c = iCol<3 ? (char)('A' + iCol) : 'D';
    /* Is w among zCols? */
    const char *p = zCols;
    size_t m = strlen(w);
    int bIn = 0;
    while( *p && !bIn ){
      while( *p==' ' ) p++;
      const char *q = p;
      while( *q && *q!=' ' ) q++;
      if( (size_t)(q - p)==m && strncmp(p, w, m)==0 ) bIn = 1;
      p = q;
    }
    if( bIn && !strchr(zOut, c) && k<4 ){ zOut[k++] = c; zOut[k] = 0; }
  }
  free(zAll);
}

/* Rewrite zSql into s->zPg. 0 on success. */
int pg_rewrite(const PgCatalog *db, const char *zSql, PgSql *s){
  enum { NTOK = 4096 };
  Tok *a = malloc(sizeof(Tok)*NTOK);
  if( !a ) return 1;
  int n = tokens(zSql, a, NTOK);
  if( n<0 ){ free(a); return 1; }
  Buf b = BUF_INIT;
  int nMax = 0;          /* highest parameter number so far */
  int bIgnore = 0;       /* INSERT OR IGNORE: ON CONFLICT DO NOTHING at the end */
  int iInsertTab = -1;   /* INSERT INTO this table (token index) */
  int bReturning = 0;
  /* First pass: the parameter of each FTS table's MATCH (for bm25). */
  const char *azMatchTab[8]; size_t anMatchTab[8]; int aMatchParam[8]; int nMatch = 0;
  {
    int np = 0;
    for(int i=0; i<n; i++){
      if( a[i].k=='p' ){
        np = a[i].n>1 ? atoi(a[i].z + 1) : np + 1;
      }
      if( a[i].k=='w' && word_is(a[i].z, a[i].n, "MATCH") && i>0 && i+1<n && nMatch<8 ){
        int pp = 0;
        if( a[i+1].k=='p' ) pp = a[i+1].n>1 ? atoi(a[i+1].z + 1) : np + 1;
        azMatchTab[nMatch] = a[i-1].z; anMatchTab[nMatch] = a[i-1].n; aMatchParam[nMatch] = pp;
        nMatch++;
      }
    }
  }
  /* INSERT INTO t(t) VALUES('optimize'): FTS5's commands; a GIN index
  ** needs none. */
  if( n>=6 && word_is(a[0].z, a[0].n, "INSERT") && word_is(a[1].z, a[1].n, "INTO") && a[3].z[0]=='('
      && a[2].n==a[4].n && strncmp(a[2].z, a[4].z, a[2].n)==0 && a[5].z[0]==')' ){
    s->bNoop = 1;
  }
  /* Edits decided ahead, by token: azSub[2*i] is written before token i,
  ** azSub[2*i+1] in its place ("" drops it). */
  const char **azSub = calloc(2*(size_t)n + 2, sizeof *azSub);
  if( !azSub ){ free(a); return 1; }
  for(int i=0; i+1<n; i++){
    if( a[i].k!='w' || a[i+1].z[0]!='(' ) continue;
    int bCast = word_is(a[i].z, a[i].n, "CAST"), bGc = word_is(a[i].z, a[i].n, "group_concat");
    if( !bCast && !bGc ) continue;
    /* The matching ), and a comma at the top level. */
    int d = 0, j, iComma = -1;
    for(j=i+1; j<n; j++){
      if( a[j].k!='o' ) continue;
      if( a[j].z[0]=='(' ) d++;
      else if( a[j].z[0]==')' && --d==0 ) break;
      else if( a[j].z[0]==',' && d==1 && iComma<0 ) iComma = j;
    }
    if( j>=n ) continue;
    if( bCast && j-2>i+1 && word_is(a[j-2].z, a[j-2].n, "AS") && word_is(a[j-1].z, a[j-1].n, "INTEGER") ){
      /* CAST(x AS INTEGER): SQLite truncates a real and keeps 64 bits. */
      azSub[2*i+1] = "yc_int";
      azSub[2*(j-2)+1] = "";
      azSub[2*(j-1)+1] = "";
    }else if( bGc ){
      /* group_concat(x[, sep]) -> string_agg(x::text, sep): linear. */
      azSub[2*i+1] = "string_agg";
      /* the argument in parentheses (after DISTINCT, if any) */
      int iX = i + 2;
      if( iX<n && word_is(a[iX].z, a[iX].n, "DISTINCT") ) iX++;
      azSub[2*iX] = "(";
      if( iComma>0 ) azSub[2*iComma] = ")::text";
      else azSub[2*j] = ")::text, ','";
    }
  }
  /* X_fts MATCH ... where X_fts has an alias (FROM X_fts f): FTS5 names
  ** the table, PostgreSQL wants the alias. */
  char azAlias[8][64];
  int nAlias2 = 0;
  for(int i=1; i+1<n && nAlias2<8; i++){
    if( !(a[i].k=='w' && word_is(a[i].z, a[i].n, "MATCH") && a[i-1].k=='w') ) continue;
    for(int j=1; j+1<n; j++){
      if( a[j].n==a[i-1].n && strncmp(a[j].z, a[i-1].z, a[j].n)==0 && j!=i-1 && a[j+1].k=='w'
          && (word_is(a[j-1].z, a[j-1].n, "FROM") || word_is(a[j-1].z, a[j-1].n, "JOIN") || a[j-1].z[0]==',')
          && !word_is(a[j+1].z, a[j+1].n, "WHERE") && !word_is(a[j+1].z, a[j+1].n, "JOIN")
          && !word_is(a[j+1].z, a[j+1].n, "ON") && !word_is(a[j+1].z, a[j+1].n, "LEFT")
          && !word_is(a[j+1].z, a[j+1].n, "ORDER") && !word_is(a[j+1].z, a[j+1].n, "GROUP") && a[j+1].n<64 ){
        snprintf(azAlias[nAlias2], sizeof azAlias[0], "%.*s", (int)a[j+1].n, a[j+1].z);
        azSub[2*(i-1)+1] = azAlias[nAlias2++];
        break;
      }
    }
  }
  /* Subqueries in FROM get an alias when they have none (SQLite allows
  ** none): the depth of each open one. */
  int aSub[32], nSub = 0, depth = 0, nAlias = 0;
  char *zUpCols = 0;     /* columns of the upsert's table, inside DO UPDATE SET */
  int upDepth = 0;
  /* ORDER BY: SQLite sorts NULL first ascending and last descending, the
  ** opposite of PostgreSQL: each term gets NULLS FIRST/LAST. aOrd[d]: an
  ** ORDER BY is open at depth d (1 + its term is descending, 3: it says
  ** NULLS itself). */
  unsigned char aOrd[64] = {0};
  for(int i=0; i<=n; i++){
    Tok *t = i<n ? &a[i] : 0;
    int dd = depth<64 ? depth : 63;
    if( aOrd[dd] ){
      int bEndTerm = !t || (t->k=='o' && (t->z[0]==')' || t->z[0]==',' || t->z[0]==';'))
                     || (t->k=='w' && (word_is(t->z, t->n, "LIMIT") || word_is(t->z, t->n, "OFFSET")
                                       || word_is(t->z, t->n, "UNION") || word_is(t->z, t->n, "EXCEPT")
                                       || word_is(t->z, t->n, "INTERSECT") || word_is(t->z, t->n, "ROWS")
                                       || word_is(t->z, t->n, "RANGE")));
      if( t && t->k=='w' && word_is(t->z, t->n, "DESC") ) aOrd[dd] = 2;
      else if( t && t->k=='w' && word_is(t->z, t->n, "NULLS") ) aOrd[dd] = 3;
      else if( bEndTerm ){
        if( aOrd[dd]!=3 ) buf_puts(&b, aOrd[dd]==2 ? " NULLS LAST" : " NULLS FIRST");
        aOrd[dd] = t && t->k=='o' && t->z[0]==',' ? 1 : 0;
      }
    }
    if( !t ) break;
    if( t->k=='w' && word_is(t->z, t->n, "BY") && i>0 && word_is(a[i-1].z, a[i-1].n, "ORDER") ){
      /* the terms begin after this token */
      aOrd[dd] = 1;
    }
    if( t->k=='o' && t->z[0]=='(' ){
      depth++;
      if( depth<64 ) aOrd[depth] = 0;
      if( i>0 && i+1<n && nSub<32 && a[i-1].k=='w'
          && (word_is(a[i-1].z, a[i-1].n, "FROM") || word_is(a[i-1].z, a[i-1].n, "JOIN"))
          && a[i+1].k=='w' && (word_is(a[i+1].z, a[i+1].n, "SELECT") || word_is(a[i+1].z, a[i+1].n, "WITH")
                               || word_is(a[i+1].z, a[i+1].n, "VALUES")) ){
        aSub[nSub++] = depth;
      }
    }else if( t->k=='o' && t->z[0]==')' ){
      if( nSub>0 && aSub[nSub-1]==depth ){
        nSub--;
        static const char *const azKw[] = {"WHERE", "GROUP", "ORDER", "LIMIT", "UNION", "JOIN", "ON",
          "LEFT", "INNER", "CROSS", "EXCEPT", "INTERSECT", "HAVING", "OFFSET", "NATURAL", "RIGHT", "FULL",
          "USING", "WINDOW", "RETURNING", "ALL", 0};
        int bAlias = i+1<n && (a[i+1].k=='w' || a[i+1].k=='q');
        for(int k=0; bAlias && azKw[k]; k++) if( word_is(a[i+1].z, a[i+1].n, azKw[k]) ) bAlias = 0;
        if( !bAlias ){
          if( i>0 ){
            const char *g = a[i-1].z + a[i-1].n;
            buf_append(&b, g, (size_t)(t->z - g));
          }
          buf_printf(&b, ") AS yc_sub%d", ++nAlias);
          depth--;
          continue;
        }
      }
      depth--;
    }
    /* Keep the original spacing (and so <=, !=, || as they were). */
    if( i>0 ){
      const char *g = a[i-1].z + a[i-1].n;
      buf_append(&b, g, (size_t)(a[i].z - g));
    }
    if( azSub[2*i] ) buf_puts(&b, azSub[2*i]);
    if( azSub[2*i+1] ){ buf_puts(&b, azSub[2*i+1]); continue; }
    if( t->k=='p' ){
      int k = t->n>1 ? atoi(t->z + 1) : nMax + 1;
      if( k<1 || k>PG_MAX_PARAM - 8 ){ free(a); free(azSub); free(zUpCols); buf_free(&b); return 1; }
      if( k>nMax ) nMax = k;
      s->aUsed[(k-1)/32] |= 1u<<((k-1)%32);
      buf_printf(&b, "$%d", k);
      continue;
    }
    /* WHERE 1 AND ...: a constant condition is a boolean here. */
    if( t->k=='n' && t->n==1 && (t->z[0]=='1' || t->z[0]=='0') && i>0 && a[i-1].k=='w' ){
      static const char *const azBefore[] = {"WHERE", "AND", "OR", "ON", "HAVING", "WHEN", 0};
      static const char *const azAfter[] = {"AND", "OR", "ORDER", "GROUP", "LIMIT", "THEN", "UNION", 0};
      int bB = 0, bA = i+1>=n || a[i+1].z[0]==')';
      for(int k=0; azBefore[k]; k++) bB |= word_is(a[i-1].z, a[i-1].n, azBefore[k]);
      for(int k=0; !bA && azAfter[k]; k++) bA |= a[i+1].k=='w' && word_is(a[i+1].z, a[i+1].n, azAfter[k]);
      if( bB && bA ){
        buf_puts(&b, t->z[0]=='1' ? "TRUE" : "FALSE");
        continue;
      }
    }
    if( t->k!='w' ){
      buf_append(&b, t->z, t->n);
      continue;
    }
    if( word_is(t->z, t->n, "INSERT") && i+3<n && word_is(a[i+1].z, a[i+1].n, "OR") ){
      if( word_is(a[i+2].z, a[i+2].n, "IGNORE") ) bIgnore = 1;
      else { free(a); free(azSub); free(zUpCols); buf_free(&b); return 1; }    /* OR REPLACE etc.: not portable */
      buf_puts(&b, "INSERT");
      i += 2;
      continue;
    }
    if( word_is(t->z, t->n, "INTO") && i>0 && i+1<n && a[i+1].k=='w' && iInsertTab<0
        && (word_is(a[i-1].z, a[i-1].n, "INSERT") || word_is(a[i-1].z, a[i-1].n, "IGNORE")) ){
      iInsertTab = i + 1;
    }
    if( word_is(t->z, t->n, "RETURNING") ) bReturning = 1;
    /* ON CONFLICT ... DO UPDATE SET: a bare column of the target table
    ** in an expression is ambiguous here (the row or excluded): SQLite
    ** reads the row's. Assignment targets stay bare. */
    if( word_is(t->z, t->n, "SET") && i>=2 && word_is(a[i-1].z, a[i-1].n, "UPDATE")
        && word_is(a[i-2].z, a[i-2].n, "DO") && iInsertTab>0 && !zUpCols ){
      zUpCols = table_columns(db, a[iInsertTab].z, a[iInsertTab].n);
      upDepth = depth;
    }else if( zUpCols && !(i>0 && a[i-1].z[0]=='.') && !(i+1<n && (a[i+1].z[0]=='(' || a[i+1].z[0]=='.')) ){
      int bTarget = i+1<n && a[i+1].z[0]=='=' && a[i+1].n==1 && depth==upDepth
                    && (word_is(a[i-1].z, a[i-1].n, "SET") || a[i-1].z[0]==',');
      char zW[80];
      if( !bTarget && t->n<sizeof zW - 2 ){
        snprintf(zW, sizeof zW, " %.*s ", (int)t->n, t->z);
        if( strstr(zUpCols, zW) ){
          buf_printf(&b, "%.*s.%.*s", (int)a[iInsertTab].n, a[iInsertTab].z, (int)t->n, t->z);
          continue;
        }
      }
    }
    if( word_is(t->z, t->n, "rowid") ){
      buf_puts(&b, "id");
      continue;
    }
    /* date(...): a type name here, whose call with an untyped argument
    ** is a cast, not the schema's shim: name the shim's schema. */
    if( word_is(t->z, t->n, "date") && i+1<n && a[i+1].z[0]=='(' && !(i>0 && a[i-1].z[0]=='.') ){
      buf_puts(&b, "public.date");
      continue;
    }
    /* The table user: a reserved word here. */
    if( word_is(t->z, t->n, "user") ){
      buf_puts(&b, "\"user\"");
      continue;
    }
    /* SQLite's char(N) is chr(N) (char is a type name here). */
    if( word_is(t->z, t->n, "char") && i+1<n && a[i+1].z[0]=='(' && !(i>0 && word_is(a[i-1].z, a[i-1].n, "AS")) ){
      buf_puts(&b, "chr");
      continue;
    }
    if( word_is(t->z, t->n, "REAL") && i>0 && word_is(a[i-1].z, a[i-1].n, "AS") ){
      buf_puts(&b, "DOUBLE PRECISION");
      continue;
    }
    if( word_is(t->z, t->n, "BLOB") && i>0 && word_is(a[i-1].z, a[i-1].n, "AS") ){
      buf_puts(&b, "BYTEA");
      continue;
    }
    /* A bare column (c or t.c) as a condition (SQLite: true when not 0):
    ** yc_true() of the schema takes a number, text or boolean. */
    if( i>0 && a[i-1].k=='w' && !(i+1<n && a[i+1].z[0]=='(') ){
      static const char *const azBefore[] = {"WHERE", "AND", "OR", "NOT", "WHEN", "HAVING", 0};
      static const char *const azAfter[] = {"AND", "OR", "THEN", "ORDER", "GROUP", "LIMIT", "UNION", 0};
      static const char *const azNot[] = {"TRUE", "FALSE", "NULL", "EXISTS", "NOT", "CASE", 0};
      int iEnd = i;      /* the column's last token */
      if( i+2<n && a[i+1].z[0]=='.' && a[i+1].n==1 && a[i+2].k=='w' ) iEnd = i + 2;
      int bB = 0, bA = 0, bK = 0;
      for(int k=0; azBefore[k]; k++) bB |= word_is(a[i-1].z, a[i-1].n, azBefore[k]);
      if( i>=2 && word_is(a[i-2].z, a[i-2].n, "IS") ) bB = 0;    /* a IS NOT b */
      if( iEnd+1>=n || (a[iEnd+1].k=='o' && a[iEnd+1].z[0]==')') ) bA = 1;
      for(int k=0; !bA && azAfter[k]; k++) bA |= a[iEnd+1].k=='w' && word_is(a[iEnd+1].z, a[iEnd+1].n, azAfter[k]);
      for(int k=0; azNot[k]; k++) bK |= word_is(t->z, t->n, azNot[k]);
      if( bB && bA && !bK ){
        buf_printf(&b, "yc_true(%.*s)", (int)(a[iEnd].z + a[iEnd].n - t->z), t->z);
        i = iEnd;
        continue;
      }
    }
    if( word_is(t->z, t->n, "LIMIT") && i+2<n && a[i+1].k=='o' && a[i+1].z[0]=='-'
        && a[i+2].k=='n' && a[i+2].n==1 && a[i+2].z[0]=='1' ){
      buf_puts(&b, "LIMIT ALL");
      i += 2;
      continue;
    }
    /* a IS b (b not NULL): null-safe equality. */
    if( word_is(t->z, t->n, "IS") && i+1<n ){
      int j = i + 1, bNot = 0;
      if( word_is(a[j].z, a[j].n, "NOT") ){ bNot = 1; j++; }
      if( j<n && !(a[j].k=='w' && (word_is(a[j].z, a[j].n, "NULL") || word_is(a[j].z, a[j].n, "TRUE")
                                   || word_is(a[j].z, a[j].n, "FALSE") || word_is(a[j].z, a[j].n, "DISTINCT"))) ){
        buf_puts(&b, bNot ? "IS DISTINCT FROM" : "IS NOT DISTINCT FROM");
        i = j - 1;
        continue;
      }
    }
    /* X MATCH ?N, X MATCH '{cols} : (' || ?N || ')' */
    if( word_is(t->z, t->n, "MATCH") && i>0 && i+1<n ){
      /* The table name was written just before: add .tsv */
      buf_puts(&b, ".tsv @@ ");
      if( a[i+1].k=='p' ){
        int k = a[i+1].n>1 ? atoi(a[i+1].z + 1) : nMax + 1;
        if( k<1 || k>PG_MAX_PARAM - 8 ){ free(a); free(azSub); free(zUpCols); buf_free(&b); return 1; }
        if( k>nMax ) nMax = k;
        s->aFts[(k-1)/32] |= 1u<<((k-1)%32);
        s->aUsed[(k-1)/32] |= 1u<<((k-1)%32);
        snprintf(s->azFtsTab[k-1], sizeof s->azFtsTab[0], "%.*s", (int)a[i-1].n, a[i-1].z);
        buf_printf(&b, "CAST($%d AS tsquery)", k);
        i += 1;
        continue;
      }
      /* '{c1 c2} : (' || ?N || ')' */
      int iP = i + 2;
      while( iP<n && iP<i+5 && a[iP].k!='p' ) iP++;
      if( i+5<n && a[i+1].k=='s' && a[i+1].n>3 && a[i+1].z[1]=='{' && iP<n && a[iP].k=='p' && s->nExtra<4 ){
        const char *zR = memchr(a[i+1].z, '}', a[i+1].n);
        int k = a[iP].n>1 ? atoi(a[iP].z + 1) : nMax + 1;
        if( !zR || k<1 || k>PG_MAX_PARAM - 8 ){ free(a); free(azSub); free(zUpCols); buf_free(&b); return 1; }
        if( k>nMax ) nMax = k;
        s->aUsed[(k-1)/32] |= 1u<<((k-1)%32);
        char zCols[200];
        snprintf(zCols, sizeof zCols, "%.*s", (int)(zR - a[i+1].z - 2), a[i+1].z + 2);
        FtsParam *f = &s->aExtra[s->nExtra++];
        f->iSrc = k;
        f->iDst = 0;     /* numbered below, after every user parameter */
        pg_fts_weights(db, a[i-1].z, a[i-1].n, zCols, f->zWeights);
        buf_printf(&b, "CAST($@%d AS tsquery)", s->nExtra - 1);
        /* skip: 'str' || ?N || ')' */
        int j = iP + 1;
        while( j<n && !(a[j].k=='s' && a[j].n==3 && a[j].z[1]==')') ) j++;
        if( j>=n ){ free(a); free(azSub); free(zUpCols); buf_free(&b); return 1; }
        i = j;
        continue;
      }
      free(a); free(azSub); free(zUpCols); buf_free(&b); return 1;
    }
    /* bm25(X[, weights]) -> yc_bm25(X.tsv, statistics, weights, columns) */
    if( word_is(t->z, t->n, "bm25") && i+3<n && a[i+1].z[0]=='(' && a[i+2].k=='w' ){
      int iM = -1;
      for(int m=0; m<nMatch; m++)
        if( anMatchTab[m]==a[i+2].n && strncmp(azMatchTab[m], a[i+2].z, a[i+2].n)==0 ) iM = m;
      if( iM<0 || aMatchParam[iM]<1 ){ free(a); free(azSub); free(zUpCols); buf_free(&b); return 1; }
      /* FTS5's bm25, computed from the row's tsvector by yc_bm25() of the
      ** schema, with the table's statistics (rows, mean length, rows of
      ** each phrase) in an extra parameter the engine fills at each run. */
      Buf wb = BUF_INIT;
      int j = i + 3, nw = 0;
      while( j<n && a[j].z[0]!=')' ){
        if( a[j].k=='n' ){ buf_printf(&wb, "%s%.*s", nw ? "," : "", (int)a[j].n, a[j].z); nw++; }
        j++;
      }
      if( j>=n || s->nExtra>=4 || a[i+2].n>=sizeof s->aExtra[0].zBm25 ){
        buf_free(&wb); free(a); free(azSub); free(zUpCols); buf_free(&b); return 1;
      }
      char *zCols = pg_fts_columns(db, a[i+2].z, a[i+2].n);
      int nCol = 0;
      for(char *c = zCols; c && *c; c++) if( c==zCols || c[-1]==' ' ) nCol++;
      free(zCols);
      FtsParam *f = &s->aExtra[s->nExtra++];
      memset(f, 0, sizeof *f);
      f->iSrc = aMatchParam[iM];
      snprintf(f->zBm25, sizeof f->zBm25, "%.*s", (int)a[i+2].n, a[i+2].z);
      buf_printf(&b, "yc_bm25(%.*s.tsv, CAST($@%d AS text), ARRAY[%s]::float8[], %d)",
                 (int)a[i+2].n, a[i+2].z, s->nExtra - 1, nw ? buf_str(&wb) : "1", nCol>0 ? nCol : 1);
      buf_free(&wb);
      i = j;
      continue;
    }
    buf_append(&b, t->z, t->n);
  }
  /* Extra parameters: numbered after the caller's. */
  free(zUpCols);
  zUpCols = 0;
  free(azSub);
  s->nUser = nMax;
  s->nParam = nMax;
  for(int k=0; k<s->nExtra; k++) s->aExtra[k].iDst = ++s->nParam;
  char *z = buf_take(&b);
  if( !z ){ free(a); return 1; }
  if( s->nExtra ){
    Buf c = BUF_INIT;
    for(const char *p = z; *p; p++){
      if( p[0]=='$' && p[1]=='@' ){
        int k = atoi(p + 2);
        buf_printf(&c, "$%d", s->aExtra[k].iDst);
        p += 2;
        while( isdigit((unsigned char)p[1]) ) p++;
      }else buf_putc(&c, *p);
    }
    free(z);
    z = buf_take(&c);
    if( !z ){ free(a); return 1; }
  }
  /* Trailing ; */
  size_t m = strlen(z);
  while( m && (z[m-1]==';' || z[m-1]==' ') ) z[--m] = 0;
  Buf d = BUF_INIT;
  buf_puts(&d, z);
  free(z);
  if( bIgnore ) buf_puts(&d, " ON CONFLICT DO NOTHING");
  if( iInsertTab>0 && !bReturning ){
    int iTab = tab_index(db, a[iInsertTab].z, a[iInsertTab].n);
    if( iTab>=0 && db->abId[iTab] ){
      buf_puts(&d, " RETURNING id");
      s->bReturnId = 1;
    }
  }
  s->bRead = n>0 && (word_is(a[0].z, a[0].n, "SELECT") || word_is(a[0].z, a[0].n, "WITH"))
             && iInsertTab<0;
  /* The tables it reads: every name of a table or view it mentions. */
  for(int i=0; i<n; i++){
    if( a[i].k!='w' ) continue;
    int iTab = tab_index(db, a[i].z, a[i].n);
    if( iTab<0 ) continue;
    set_add(&s->read, db_table_id(db->azTab[iTab]));
    for(int v=0; v<db->nView; v++){
      const char *zV = db->azView[v];
      if( strncmp(zV, a[i].z, a[i].n)==0 && zV[a[i].n]=='\t' ) set_add(&s->read, db_table_id(zV + a[i].n + 1));
    }
  }
  free(a);
  s->zPg = buf_take(&d);
  return s->zPg==0;
}
