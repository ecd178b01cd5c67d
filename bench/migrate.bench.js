#!/usr/bin/env node
// bench/migrate.bench.js: `youcheng migrate` SQLite -> PostgreSQL of a
// database with 1,000,000 exchanges (issue 15). Run from the repo root:
// `node bench/migrate.bench.js` (YC_PG: a running cluster's connection
// string whose user may create databases; without it a private cluster is
// started with tools/pgcluster.sh in a temp dir and stopped at the end).
//
// On a copy of the initialised demo database (test/common.js), the sqlite3
// shell adds N synthetic exchanges (titles "Synthetic bench exchange K
// (synthetic)", kinds and years cycling, each on one of the demo's real
// ties) and their exchange_tie rows by INSERT ... SELECT from a recursive
// CTE. Then, in the same run:
//   1. `youcheng migrate --from BENCH.db --to PG --json` into an empty
//      database: wall time, rows/s of the copy, the verification's and the
//      commit's time (the commit folds every full-text row into its tsv),
//      peak memory (/usr/bin/time), verified or not;
//   2. the reference: PostgreSQL's own tools moving the same data, pg_dump
//      -Fc of the migrated database and pg_restore (one job) of it into an
//      empty database: COPY for the rows, indexes built after them, the
//      tsv values already computed, no checks. That is the fastest way
//      PostgreSQL loads these rows, so it bounds what a row-by-row copy
//      through the store interface can reach. (`sqlite3 .dump | psql` is no
//      reference: the dump is SQLite's dialect, FTS5 virtual tables and all,
//      and PostgreSQL refuses it);
//   3. `youcheng migrate` of the same file SQLite -> SQLite (the copy
//      through the same code on the engine without a server between).
// It prints the figures and the ratios; a report, not a test: exit 0 when
// everything could be measured (a failed verification is a failure, 1).
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const common = require('../test/common.js');

const ROOT = path.resolve(__dirname, '..');
const BIN = process.env.YC_BIN ? path.resolve(process.env.YC_BIN) : path.join(ROOT, 'youcheng');
const N = Number(process.env.YC_BENCH_EXCHANGES || 1000000);
const sqlite = common.sqlite || common;
const { run, SQLITE3 } = common;
const PGBIN = process.env.PGBIN || (() => {
  const base = '/usr/lib/postgresql';
  const v = fs.existsSync(base) ? fs.readdirSync(base).filter((d) => fs.existsSync(path.join(base, d, 'bin/pg_dump'))).sort((a, b) => Number(a) - Number(b)) : [];
  return v.length ? path.join(base, v[v.length - 1], 'bin') : '';
})();
const pgTool = (t) => (PGBIN ? path.join(PGBIN, t) : t);
const LONG = 1_800_000;

function conninfo(base, name) {
  if (/^postgres(ql)?:\/\//.test(base)) { const u = new URL(base); u.pathname = `/${name}`; return u.toString(); }
  return `${base} dbname=${name}`;
}

async function must(label, p) {
  const r = await p;
  if (r.code !== 0) throw new Error(`${label} failed (exit ${r.code}): ${r.stderr.slice(-2000)}`);
  return r;
}

const psql = (conn, q) => must(`psql ${q}`, run(pgTool('psql'), [conn, '-XAtq', '-v', 'ON_ERROR_STOP=1', '-c', q], { timeout: LONG }));

/* Kinds cycle over four of the exchange kinds; kind_i is its index in the
** kind list (exchange_tie.kind). Years 1990..2025; day numbers from 1970. */
function synthSql(n) {
  return `
PRAGMA journal_mode=WAL;
BEGIN;
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ${n}),
t AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS j FROM tie),
nt AS (SELECT count(*) AS c FROM tie),
y AS (SELECT i, 1990 + i % 36 AS yr FROM k),
d AS (SELECT i, yr, CAST(julianday(printf('%04d-01-01', yr)) - 2440587.5 AS INTEGER) AS d0,
             CAST(julianday(printf('%04d-01-01', yr + 1)) - 2440587.5 AS INTEGER) - 1 AS d1 FROM y)
INSERT INTO exchange(title, kind, date, precision, day0, day_mid, day_end, substantive, fields, ties, fingerprint, created_at, updated_at)
SELECT 'Synthetic bench exchange ' || i || ' (synthetic)',
       CASE i % 4 WHEN 0 THEN 'culture' WHEN 1 THEN 'education' WHEN 2 THEN 'trade_mission' ELSE 'youth' END,
       CAST(yr AS TEXT), 'year', d0, (d0 + d1) / 2, d1, 1, 0,
       CAST((SELECT id FROM t WHERE j = i % (SELECT c FROM nt)) AS TEXT),
       i * 2654435761, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'
FROM d;
INSERT INTO exchange_tie(tie_id, day_mid, exchange_id, day0, kind, substantive, fields)
SELECT CAST(ties AS INTEGER), day_mid, id, day0,
       CASE kind WHEN 'culture' THEN 6 WHEN 'education' THEN 5 WHEN 'trade_mission' THEN 8 ELSE 11 END, substantive, fields
FROM exchange WHERE title LIKE 'Synthetic bench exchange %';
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
SELECT count(*) FROM exchange;`;
}

/* youcheng migrate under /usr/bin/time: the report, seconds, peak RSS (MB). */
async function migrate(from, to, dir, label) {
  const tf = path.join(dir, `time-${label}.txt`);
  const t0 = Date.now();
  const hasTime = fs.existsSync('/usr/bin/time');
  const r = hasTime
    ? await run('/usr/bin/time', ['-f', '%M', '-o', tf, BIN, 'migrate', '--from', from, '--to', to, '--json'], { timeout: LONG })
    : await run(BIN, ['migrate', '--from', from, '--to', to, '--json'], { timeout: LONG });
  const wall = (Date.now() - t0) / 1000;
  if (r.code !== 0) throw new Error(`migrate ${label} failed (exit ${r.code}): ${r.stderr.slice(-2000)}`);
  const rep = JSON.parse(r.stdout);
  const rssMb = hasTime ? Number(fs.readFileSync(tf, 'utf8').trim().split('\n').pop()) / 1024 : NaN;
  return { rep, wall, rssMb };
}

const f1 = (x) => x.toFixed(1);
const f0 = (x) => Math.round(x).toLocaleString('en-US');

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yc-bench-migrate-'));
  let pgDir = null;
  let base = process.env.YC_PG;
  const made = [];
  try {
    if (!base && !fs.existsSync(path.join(ROOT, 'tools/pgcluster.sh'))) {
      throw new Error('no PostgreSQL: set YC_PG to a running cluster\'s connection string (or have tools/pgcluster.sh start one)');
    }
    if (!base) {
      pgDir = path.join(dir, 'pg');
      fs.mkdirSync(pgDir);
      const r = await must('tools/pgcluster.sh start', run('sh', [path.join(ROOT, 'tools/pgcluster.sh'), 'start', pgDir], { timeout: 120_000 }));
      base = r.stdout.trim().split('\n').pop();
    }
    const { db: demo } = await sqlite.freshDb(BIN, 'yc-bench-migrate-db-');
    const src = path.join(dir, 'bench.db');
    fs.renameSync(demo, src);
    fs.rmSync(path.dirname(demo), { recursive: true, force: true });
    let t0 = Date.now();
    const g = await must('synthetic exchanges', run(SQLITE3, [src, synthSql(N)], { timeout: LONG }));
    const nEx = Number(g.stdout.trim().split('\n').pop());
    const genS = (Date.now() - t0) / 1000;
    const size = fs.statSync(src).size;
    console.log(`source: the demo database + ${f0(N)} synthetic exchanges (and as many exchange_tie rows): ${f0(nEx)} exchanges, ${f1(size / 1e6)} MB (made in ${f1(genS)} s)`);

    const name = (k) => `yc_bench_migrate_${process.pid}_${k}`;
    for (const k of ['a', 'b']) { await psql(base, `DROP DATABASE IF EXISTS ${name(k)}`); await psql(base, `CREATE DATABASE ${name(k)}`); made.push(name(k)); }
    const pgA = conninfo(base, name('a'));
    const pgB = conninfo(base, name('b'));

    /* 1. migrate SQLite -> PostgreSQL */
    const m = await migrate(src, pgA, dir, 'pg');
    const rows = m.rep.rows;
    const ex = m.rep.tables.find((t) => t.table === 'exchange');
    const et = m.rep.tables.find((t) => t.table === 'exchange_tie');
    console.log(`\n1. youcheng migrate SQLite -> PostgreSQL: ${f0(rows)} rows of ${m.rep.tables_copied} tables, verified: ${m.rep.verified}`);
    console.log(`   wall ${f1(m.wall)} s = copy ${f1(m.rep.copy_seconds)} s (${f0(m.rep.rows_per_second)} rows/s)`
      + ` + verify ${f1(m.rep.verify_seconds)} s + commit ${f1(m.rep.commit_seconds)} s (full-text rows folded) + schema and setup;`
      + ` peak memory ${f0(m.rssMb)} MB`);
    console.log(`   exchange: ${f0(ex.rows)} rows in ${f1(ex.copy_seconds)} s (${f0(ex.rows / ex.copy_seconds)} rows/s), verified in ${f1(ex.verify_seconds)} s;`
      + ` exchange_tie: ${f0(et.rows)} rows in ${f1(et.copy_seconds)} s`);

    /* 2. the reference: pg_dump -Fc, pg_restore into an empty database */
    const dump = path.join(dir, 'bench.pgdump');
    t0 = Date.now();
    await must('pg_dump', run(pgTool('pg_dump'), ['-Fc', '-f', dump, pgA], { timeout: LONG }));
    const dumpS = (Date.now() - t0) / 1000;
    t0 = Date.now();
    await must('pg_restore', run(pgTool('pg_restore'), ['--no-owner', '-j', '1', '-d', pgB, dump], { timeout: LONG }));
    const restoreS = (Date.now() - t0) / 1000;
    const nB = Number((await psql(pgB, 'SELECT count(*) FROM exchange')).stdout.trim());
    console.log(`\n2. reference, PostgreSQL's own tools on the same data: pg_dump -Fc ${f1(dumpS)} s (${f1(fs.statSync(dump).size / 1e6)} MB),`
      + ` pg_restore (1 job) ${f1(restoreS)} s = ${f0(rows / restoreS)} rows/s (${f0(nB)} exchanges restored)`);
    console.log(`   migrate / pg_restore: ${f1(m.wall / restoreS)}x the time; migrate / (pg_dump + pg_restore): ${f1(m.wall / (dumpS + restoreS))}x`);

    /* 3. the same file SQLite -> SQLite */
    const s = await migrate(src, path.join(dir, 'copy.db'), dir, 'sqlite');
    console.log(`\n3. youcheng migrate SQLite -> SQLite of the same file: wall ${f1(s.wall)} s = copy ${f1(s.rep.copy_seconds)} s`
      + ` (${f0(s.rep.rows_per_second)} rows/s) + verify ${f1(s.rep.verify_seconds)} s + commit ${f1(s.rep.commit_seconds)} s;`
      + ` peak memory ${f0(s.rssMb)} MB; verified: ${s.rep.verified}`);
    const same = s.rep.tables.every((t) => { const p = m.rep.tables.find((x) => x.table === t.table); return p && p.checksum === t.checksum && p.rows === t.rows; });
    console.log(`   every table's checksum the same as in 1: ${same}`);
    if (!m.rep.verified || !s.rep.verified || !same) process.exitCode = 1;
  } finally {
    for (const d of made) await psql(base, `DROP DATABASE IF EXISTS ${d} WITH (FORCE)`).catch(() => {});
    if (pgDir) await run('sh', [path.join(ROOT, 'tools/pgcluster.sh'), 'stop', pgDir], { timeout: 120_000 }).catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => { console.error(e.stack || String(e)); process.exit(1); });
