#!/usr/bin/env node
// tools/schema_compare.js SQLITE_FILE PG_CONNINFO [--quiet]
//
// Do the SQLite database and the PostgreSQL database have the same logical
// schema? Reads each engine's catalog (with the sqlite3 and psql command-line
// tools), writes one normalised description line per fact:
//   table T column C TYPECLASS [notnull] [pk N] [default]
//   table T unique (COLS)                 a UNIQUE constraint
//   table T unique index NAME (COLS) [partial]   a CREATE UNIQUE INDEX
//   table T fk (COLS) -> P(PCOLS) on delete ACTION
//   index NAME on T (COLS) [partial]      the non-unique indexes
//   trigger NAME on T
//   view NAME
//   fts T (COLS)                          a full-text table's columns
// then compares the two sets. Lines only one engine has are differences,
// unless a rule of aDesign below says that difference is by design (each
// with its reason). Prints the description (the lines both have), the
// documented differences met, and the verdict; exits 1 with the
// undocumented differences (- SQLite only, + PostgreSQL only) when there
// are any, 2 when a catalog cannot be read. --quiet prints only the
// differences and the verdict.
//
// Normalisation: the type class is SQLite's affinity of the declared type
// (INTEGER, REAL, TEXT, BLOB, NUMERIC) and, for PostgreSQL, bigint/integer/
// smallint -> INTEGER, double precision/real -> REAL, numeric -> NUMERIC,
// text/varchar/char -> TEXT, bytea -> BLOB. "default" means the column gets
// a value when an insert leaves it out: a DEFAULT clause, SQLite's rowid
// alias (INTEGER PRIMARY KEY), PostgreSQL's identity. A primary-key column
// counts as NOT NULL on both sides (by design: PostgreSQL makes every key
// column NOT NULL; SQLite lets a key of a rowid table other than INTEGER
// PRIMARY KEY hold NULL, a legacy quirk no row of the app uses: meta.key,
// country.iso2, industry.code, ...). Index and constraint
// columns are compared by name and order (not collation or direction);
// partial indexes by the presence of a WHERE (the predicate's text differs
// between the engines' printers); CHECK constraints are not compared.
'use strict';
const { execFileSync } = require('child_process');

// Differences by design: [side, pattern, reason]. side: 'sqlite' (a line
// only SQLite has), 'pg' (only PostgreSQL), 'both' (either).
const aDesign = [
  ['sqlite', /^table sqlite_sequence /,
    "SQLite's AUTOINCREMENT bookkeeping; PostgreSQL's identity columns keep their own sequences"],
  ['sqlite', /^table \w+_fts_(data|idx|content|docsize|config) /,
    "FTS5 shadow tables: SQLite's storage of a full-text index; PostgreSQL keeps the index in tsv and its GIN index"],
  ['pg', /^view sqlite_(schema|master)$/,
    "000_compat.sql's catalog views in SQLite's form, for the core's table lookups (SQLite's are built in)"],
  ['pg', /^table schema_version /,
    'the schema version: PRAGMA user_version in SQLite, a one-row table in PostgreSQL'],
  ['pg', /^index \w+_fts_tsv on \w+_fts \(tsv\)$/,
    "the GIN index of an FTS table's tsv (FTS5 indexes itself)"],
  ['pg', /^index \w+_fts_dirty on \w+_fts \(id\) partial$/,
    'finds the FTS rows the driver has still to fold (tsv IS NULL)'],
  ['pg', /^trigger \w+_fts_dirty on \w+_fts$/,
    'an update that leaves tsv unchanged marks the row to fold again'],
  ['pg', /^trigger yc_table_gen on \w+$/,
    'PostgreSQL records table generations with statement triggers; SQLite does it in the driver (gen_record)'],
];

const TYPES_SQLITE = (t) => {
  const u = (t || '').toUpperCase();
  if( u.includes('INT') ) return 'INTEGER';
  if( /CHAR|CLOB|TEXT/.test(u) ) return 'TEXT';
  if( u==='' || u.includes('BLOB') ) return 'BLOB';
  if( /REAL|FLOA|DOUB/.test(u) ) return 'REAL';
  return 'NUMERIC';
};
const TYPES_PG = {
  bigint: 'INTEGER', integer: 'INTEGER', smallint: 'INTEGER',
  'double precision': 'REAL', real: 'REAL', numeric: 'NUMERIC',
  text: 'TEXT', 'character varying': 'TEXT', character: 'TEXT',
  bytea: 'BLOB', tsvector: 'TSVECTOR',
};
const ACTION_PG = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

function fail(msg){
  process.stderr.write('schema_compare: ' + msg + '\n');
  process.exit(2);
}

function sqliteQuery(file, sql){
  let out;
  try{
    out = execFileSync('sqlite3', ['-readonly', '-json', file, sql], { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
  }catch(e){
    fail('sqlite3 ' + file + ': ' + (e.stderr || e.message).trim());
  }
  return out.trim() ? JSON.parse(out) : [];
}

function pgQuery(conninfo, sql){
  let out;
  try{
    out = execFileSync('psql', [conninfo, '-X', '-A', '-t', '-q', '-v', 'ON_ERROR_STOP=1',
                                '-c', 'SELECT coalesce(json_agg(q), \'[]\') FROM (' + sql + ') q'],
                       { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
  }catch(e){
    fail('psql: ' + (e.stderr || e.message).trim());
  }
  return JSON.parse(out);
}

const list = (a) => '(' + a.join(', ') + ')';

// The FTS5 table's columns from its CREATE VIRTUAL TABLE text; UNINDEXED
// ones marked so.
function ftsColumns(sql){
  const body = sql.slice(sql.indexOf('(') + 1, sql.lastIndexOf(')'));
  const cols = [];
  for(const part of body.split(',')){
    const w = part.trim().split(/\s+/);
    if( !w[0] || part.includes('=') ) continue;
    cols.push(w[0] + (w[1] && w[1].toUpperCase()==='UNINDEXED' ? ' unindexed' : ''));
  }
  return cols;
}

function describeSqlite(file){
  const lines = [];
  const objs = sqliteQuery(file, "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name");
  const tables = objs.filter((o) => o.type==='table' && !/^CREATE VIRTUAL TABLE/i.test(o.sql || ''));
  for(const o of objs){
    if( o.type==='table' && /^CREATE VIRTUAL TABLE/i.test(o.sql || '') ){
      if( !/USING\s+fts5/i.test(o.sql) ) fail('virtual table ' + o.name + ' is not FTS5: add a rule');
      lines.push('fts ' + o.name + ' ' + list(ftsColumns(o.sql)));
    }
    if( o.type==='view' ) lines.push('view ' + o.name);
    if( o.type==='trigger' ) lines.push('trigger ' + o.name + ' on ' + o.tbl_name);
  }
  for(const t of tables){
    const q = t.name.replace(/'/g, "''");
    const cols = sqliteQuery(file, `SELECT name, type, "notnull" AS nn, dflt_value AS dflt, pk FROM pragma_table_info('${q}') ORDER BY cid`);
    const bRowid = !/WITHOUT\s+ROWID\s*$/i.test(t.sql || '');
    const pks = cols.filter((c) => c.pk > 0);
    for(const c of cols){
      const alias = bRowid && pks.length===1 && c.pk===1 && (c.type || '').toUpperCase()==='INTEGER';
      // A key column is NOT NULL (see the normalisation above).
      lines.push(`table ${t.name} column ${c.name} ${TYPES_SQLITE(c.type)}` + (c.nn || c.pk ? ' notnull' : '')
                 + (c.pk ? ' pk ' + c.pk : '') + (c.dflt!==null || alias ? ' default' : ''));
    }
    const idx = sqliteQuery(file, `SELECT name, "unique" AS u, origin, partial FROM pragma_index_list('${q}')`);
    for(const i of idx){
      const ic = sqliteQuery(file, `SELECT name FROM pragma_index_info('${i.name.replace(/'/g, "''")}') ORDER BY seqno`)
        .map((r) => r.name===null ? '<expr>' : r.name);
      if( i.origin==='pk' ) continue;
      if( i.origin==='u' ) lines.push(`table ${t.name} unique ${list(ic)}`);
      else if( i.u ) lines.push(`table ${t.name} unique index ${i.name} ${list(ic)}` + (i.partial ? ' partial' : ''));
      else lines.push(`index ${i.name} on ${t.name} ${list(ic)}` + (i.partial ? ' partial' : ''));
    }
    const fks = sqliteQuery(file, `SELECT id, seq, "table" AS parent, "from" AS c, "to" AS p, on_delete AS del FROM pragma_foreign_key_list('${q}') ORDER BY id, seq`);
    const byId = new Map();
    for(const f of fks){
      if( !byId.has(f.id) ) byId.set(f.id, { parent: f.parent, c: [], p: [], del: f.del });
      byId.get(f.id).c.push(f.c);
      byId.get(f.id).p.push(f.p);
    }
    for(const f of byId.values()){
      // "REFERENCES t" with no column: t's primary key.
      let p = f.p;
      if( p.some((x) => x===null) ){
        p = sqliteQuery(file, `SELECT name FROM pragma_table_info('${f.parent.replace(/'/g, "''")}') WHERE pk>0 ORDER BY pk`).map((r) => r.name);
      }
      lines.push(`table ${t.name} fk ${list(f.c)} -> ${f.parent}${list(p)} on delete ${f.del.toUpperCase()}`);
    }
  }
  return lines;
}

function describePg(conninfo){
  const lines = [];
  const S = "current_schema()";
  const cols = pgQuery(conninfo, `
    SELECT c.relname AS t, a.attname AS name, format_type(a.atttypid, NULL) AS type, a.attnotnull AS nn,
           a.atthasdef OR a.attidentity<>'' AS dflt, col_description(c.oid, a.attnum) AS note,
           (SELECT array_position(k.conkey, a.attnum) FROM pg_constraint k
             WHERE k.conrelid=c.oid AND k.contype='p') AS pk
      FROM pg_class c JOIN pg_attribute a ON a.attrelid=c.oid
     WHERE c.relnamespace=${S}::regnamespace AND c.relkind IN ('r','p') AND a.attnum>0 AND NOT a.attisdropped
     ORDER BY c.relname, a.attnum`);
  const byTable = new Map();
  for(const c of cols){
    if( !byTable.has(c.t) ) byTable.set(c.t, []);
    byTable.get(c.t).push(c);
  }
  // A table with a tsvector column tsv is a full-text table.
  const fts = new Set([...byTable].filter(([, a]) => a.some((c) => c.name==='tsv' && c.type==='tsvector')).map(([t]) => t));
  for(const [t, a] of byTable){
    if( fts.has(t) ){
      const names = a.filter((c) => c.name!=='id' && c.name!=='tsv')
        .map((c) => c.name + (c.note==='UNINDEXED' ? ' unindexed' : ''));
      lines.push('fts ' + t + ' ' + list(names));
      continue;
    }
    for(const c of a){
      const type = TYPES_PG[c.type] || ('?' + c.type);
      lines.push(`table ${t} column ${c.name} ${type}` + (c.nn ? ' notnull' : '')
                 + (c.pk ? ' pk ' + c.pk : '') + (c.dflt ? ' default' : ''));
    }
  }
  const idx = pgQuery(conninfo, `
    SELECT i.relname AS name, t.relname AS t, x.indisunique AS u, x.indisprimary AS pk,
           x.indpred IS NOT NULL AS partial,
           EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid=x.indexrelid AND k.contype='u') AS con,
           (SELECT array_agg(CASE WHEN k.n=0 THEN '<expr>' ELSE a.attname END ORDER BY k.o)
              FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS k(n, o)
              LEFT JOIN pg_attribute a ON a.attrelid=t.oid AND a.attnum=k.n
             WHERE k.o <= x.indnkeyatts) AS cols
      FROM pg_index x JOIN pg_class i ON i.oid=x.indexrelid JOIN pg_class t ON t.oid=x.indrelid
     WHERE t.relnamespace=${S}::regnamespace`);
  for(const i of idx){
    if( i.pk ) continue;
    if( i.con ) lines.push(`table ${i.t} unique ${list(i.cols)}`);
    else if( i.u ) lines.push(`table ${i.t} unique index ${i.name} ${list(i.cols)}` + (i.partial ? ' partial' : ''));
    else lines.push(`index ${i.name} on ${i.t} ${list(i.cols)}` + (i.partial ? ' partial' : ''));
  }
  const fks = pgQuery(conninfo, `
    SELECT t.relname AS t, p.relname AS parent, k.confdeltype AS del,
           (SELECT array_agg(a.attname ORDER BY o) FROM unnest(k.conkey) WITH ORDINALITY AS u(n, o)
              JOIN pg_attribute a ON a.attrelid=k.conrelid AND a.attnum=u.n) AS c,
           (SELECT array_agg(a.attname ORDER BY o) FROM unnest(k.confkey) WITH ORDINALITY AS u(n, o)
              JOIN pg_attribute a ON a.attrelid=k.confrelid AND a.attnum=u.n) AS p
      FROM pg_constraint k JOIN pg_class t ON t.oid=k.conrelid JOIN pg_class p ON p.oid=k.confrelid
     WHERE k.contype='f' AND t.relnamespace=${S}::regnamespace`);
  for(const f of fks){
    lines.push(`table ${f.t} fk ${list(f.c)} -> ${f.parent}${list(f.p)} on delete ${ACTION_PG[f.del]}`);
  }
  for(const v of pgQuery(conninfo, `SELECT viewname AS name FROM pg_views WHERE schemaname=current_schema()`)){
    lines.push('view ' + v.name);
  }
  for(const g of pgQuery(conninfo, `
    SELECT g.tgname AS name, t.relname AS t FROM pg_trigger g JOIN pg_class t ON t.oid=g.tgrelid
     WHERE NOT g.tgisinternal AND t.relnamespace=${S}::regnamespace`)){
    lines.push('trigger ' + g.name + ' on ' + g.t);
  }
  return lines;
}

function main(){
  const args = process.argv.slice(2).filter((a) => a!=='--quiet');
  const bQuiet = process.argv.includes('--quiet');
  if( args.length!==2 ){
    process.stderr.write('usage: tools/schema_compare.js SQLITE_FILE PG_CONNINFO [--quiet]\n');
    process.exit(2);
  }
  const a = new Set(describeSqlite(args[0]));
  const b = new Set(describePg(args[1]));
  const both = [...a].filter((l) => b.has(l)).sort();
  const onlyA = [...a].filter((l) => !b.has(l)).sort();
  const onlyB = [...b].filter((l) => !a.has(l)).sort();
  const design = new Map();      // reason -> count
  const rule = (side, l) => aDesign.find(([s, re]) => (s===side || s==='both') && re.test(l));
  const diffA = [], diffB = [];
  for(const [lines, side, out] of [[onlyA, 'sqlite', diffA], [onlyB, 'pg', diffB]]){
    for(const l of lines){
      const r = rule(side, l);
      if( r ) design.set(r, (design.get(r) || 0) + 1);
      else out.push(l);
    }
  }
  if( !bQuiet ){
    console.log('# The logical schema both engines have (' + both.length + ' facts)');
    for(const l of both) console.log(l);
    console.log('\n# Differences by design');
    for(const [r, n] of design){
      console.log(`${r[0]==='sqlite' ? 'SQLite only' : r[0]==='pg' ? 'PostgreSQL only' : 'either'}: ${r[1]} (${n} line${n===1 ? '' : 's'}): ${r[2]}`);
    }
  }
  if( diffA.length || diffB.length ){
    console.log('\n# Undocumented differences (- SQLite only, + PostgreSQL only)');
    const key = (l) => l.replace(/^(table \S+ (column|unique|fk|unique index) \S+|index \S+|trigger \S+|fts \S+|view \S+).*/, '$1');
    const all = [...diffA.map((l) => ['-', l]), ...diffB.map((l) => ['+', l])]
      .sort((x, y) => key(x[1]).localeCompare(key(y[1])) || x[0].localeCompare(y[0]));
    for(const [s, l] of all) console.log(s + ' ' + l);
    console.log(`\nschema_compare: DIFFERENT (${diffA.length} SQLite only, ${diffB.length} PostgreSQL only)`);
    process.exit(1);
  }
  console.log(`\nschema_compare: same logical schema (${both.length} facts; ${[...design.values()].reduce((x, y) => x + y, 0)} lines differ by design)`);
}

main();
