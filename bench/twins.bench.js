#!/usr/bin/env node
// bench/twins.bench.js: import of every public twin-town file of the shared
// data set (run by `make bench`, or alone with `node bench/twins.bench.js`
// from the repo root). A measurement report, not a test: figures, a
// reference measured in the same run and the ratio, ok/MISS against the
// targets; exit 1 only if something could not run.
//
//  [1] each file alone into a fresh database: wall time of `youcheng import
//      twins`, rows, resolution rate, rows not resolved by category,
//      low-confidence sides. Reference: the same command on a one-row file
//      (process start, database open, loading the gazetteer for
//      resolution). Target: the Wikipedia file (25,917 pairs) < 3 s and
//      >= 97% resolved.
//  [2] the three files in two orders (Wikipedia, Wikidata, EU and the
//      reverse): time of each step (each import resolves every stored row
//      again) and whether both orders give the same pairs and rows for
//      review (they must).
//  [3] `youcheng twins resolve FILE --json` (the per-row dump) of the
//      Wikipedia file: wall time, nothing written.
// Files are skipped cleanly when ../shared/data (or $YC_SHARED_DATA) lacks them.
'use strict';

const cp = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const BIN = process.env.YC_BIN ? path.resolve(process.env.YC_BIN) : path.join(ROOT, 'youcheng');
const FILES = [
  { name: 'twin_cities_wikipedia_geocoded.csv', label: 'Wikipedia list (CSV)', targetSec: 3, targetRate: 0.97 },
  { name: 'sister_cities_wikidata2016_pairs.csv', label: 'Wikidata pairs (CSV)' },
  { name: 'sister_cities_eu_wikidata2017.tsv', label: 'EU Wikidata extract (TSV)' },
];
const errors = [];

function fail(step, msg) { errors.push(step); console.log(`  !! ${step}: could not run: ${String(msg).slice(0, 300)}`); }
function mark(ok) { return ok ? 'ok' : 'MISS'; }

function run(args) {
  const t0 = process.hrtime.bigint();
  const r = cp.spawnSync(BIN, args, { encoding: 'utf8', maxBuffer: 256 << 20 });
  return { code: r.status, stdout: r.stdout || '', stderr: r.stderr || '', ms: Number(process.hrtime.bigint() - t0) / 1e6 };
}

function dataDir() {
  for (const d of [process.env.YC_SHARED_DATA, path.resolve(ROOT, '../shared/data'), '/work/shared/data']) {
    if (d && fs.existsSync(path.join(d, FILES[0].name))) return d;
  }
  return null;
}

function sqlite(db, q) {
  const r = cp.spawnSync(process.env.YC_SQLITE3 || 'sqlite3', [db, q], { encoding: 'utf8', maxBuffer: 256 << 20 });
  return r.status === 0 ? r.stdout : null;
}

function main() {
  if (!fs.existsSync(BIN)) { console.log(`twins bench: ${BIN} missing (make youcheng)`); process.exit(1); }
  const dir = dataDir();
  console.log('twins bench: import of the public twin-town files');
  if (!dir) { console.log('  skipped: the shared data set (../shared/data or $YC_SHARED_DATA) is not present'); return; }
  const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'yc-twins-bench-'));
  try {
    const base = path.join(TMP, 'base.db');
    let r = run(['init', '--db', base]);
    if (r.code !== 0) { fail('init', r.stderr); return; }
    const fresh = (n) => { const f = path.join(TMP, n); fs.copyFileSync(base, f); return f; };
    const one = path.join(TMP, 'one.csv');
    fs.writeFileSync(one, fs.readFileSync(path.join(dir, FILES[0].name), 'utf8').split('\n').slice(0, 2).join('\n') + '\n');
    const refDb = fresh('ref.db');
    const ref = run(['import', 'twins', one, '--json', '--db', refDb]);
    if (ref.code !== 0) { fail('reference', ref.stderr); return; }
    console.log(`\nreference: a one-row file, ${(ref.ms / 1000).toFixed(2)} s (process start, open, loading the gazetteer)`);
    console.log(`machine: load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs`);

    console.log('\n[1] each file alone, into a fresh database');
    for (const f of FILES) {
      const p = path.join(dir, f.name);
      if (!fs.existsSync(p)) { console.log(`  ${f.label}: skipped (${f.name} not present)`); continue; }
      r = run(['import', 'twins', p, '--json', '--db', fresh(`alone-${f.name}.db`)]);
      if (r.code !== 0) { fail(f.name, r.stderr || r.stdout); continue; }
      const rep = JSON.parse(r.stdout);
      const sec = r.ms / 1000;
      console.log(`  ${f.label} [${rep.format}]: ${rep.rows} rows in ${sec.toFixed(2)} s wall (CPU ${rep.cpu_seconds.toFixed(2)} s; ratio to reference ` +
        `${(r.ms / ref.ms).toFixed(1)}x)${f.targetSec ? `   target < ${f.targetSec} s  ${mark(sec < f.targetSec)}` : ''}`);
      console.log(`    resolved ${rep.resolved} (${(100 * rep.rate).toFixed(1)}%)${f.targetRate ? `   target >= ${100 * f.targetRate}%  ${mark(rep.rate >= f.targetRate)}` : ''};` +
        ` new pairs ${rep.pairs_new}, duplicate rows in the file ${rep.duplicate_rows}; low-confidence sides ${rep.low_confidence}`);
      console.log(`    not resolved ${rep.unresolved}: ${Object.entries(rep.unresolved_by).filter(([, v]) => v).map(([k, v]) => `${k} ${v}`).join(', ')}`);
      console.log(`    resolved by: ${Object.entries(rep.resolved_by).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    }

    console.log('\n[2] all files, in two orders (every import resolves every stored row again)');
    const present = FILES.filter((f) => fs.existsSync(path.join(dir, f.name)));
    const sets = [];
    for (const order of [present, [...present].reverse()]) {
      const db = fresh(`order-${sets.length}.db`);
      const steps = [];
      for (const f of order) {
        r = run(['import', 'twins', path.join(dir, f.name), '--json', '--db', db]);
        if (r.code !== 0) { fail(`order ${f.name}`, r.stderr); break; }
        const rep = JSON.parse(r.stdout);
        steps.push(`${rep.format} ${(r.ms / 1000).toFixed(2)} s (${(100 * rep.rate).toFixed(1)}%)`);
      }
      console.log(`  ${order.map((f) => f.name.split('_')[0] === 'twin' ? 'wikipedia' : f.name.includes('eu') ? 'eu' : 'wikidata').join(' -> ')}: ${steps.join(', ')}`);
      const pairs = sqlite(db, 'SELECT city_a||\'-\'||city_b FROM twin_pair ORDER BY city_a, city_b');
      const rows = sqlite(db, 'SELECT i.sha256||\':\'||u.line||\':\'||u.status FROM twin_row u JOIN twin_import i ON i.id=u.import_id ORDER BY 1');
      sets.push({ pairs, rows });
    }
    if (sets.length === 2 && sets[0].pairs !== null) {
      const same = sets[0].pairs === sets[1].pairs && sets[0].rows === sets[1].rows;
      console.log(`  the same pairs (${sets[0].pairs.trim().split('\n').length}) and rows for review in both orders: ${same ? 'yes' : 'NO'}  ${mark(same)}`);
    } else if (sets.length === 2) {
      console.log('  (sqlite3 not found: the sets were not compared)');
    }

    console.log('\n[3] youcheng twins resolve FILE --json (the per-row dump; writes nothing)');
    const wp = path.join(dir, FILES[0].name);
    const db = fresh('dump.db');
    r = run(['twins', 'resolve', wp, '--json', '--db', db]);
    if (r.code !== 0) fail('resolve', r.stderr);
    else console.log(`  ${r.stdout.trim().split('\n').length} lines (2 per data row) in ${(r.ms / 1000).toFixed(2)} s`);
  } finally {
    fs.rmSync(TMP, { recursive: true, force: true });
  }
}

main();
if (errors.length) process.exit(1);
