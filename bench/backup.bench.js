#!/usr/bin/env node
// bench/backup.bench.js: `youcheng backup` of a large database, next to the
// sqlite3 shell's `.backup` of the same file in the same run.
// Run from the repo root (`node bench/backup.bench.js`, or `make bench`).
//
// SYNTHETIC DATA. In a temporary database (`youcheng init`, no demo data)
// the sqlite3 shell inserts 1,000,000 synthetic exchanges ("Synthetic bench
// exchange N", kinds and dates drawn by a fixed formula, no ties; none of it
// is real). Then, each RUNS times, alternating:
//
//   1. `youcheng backup --db FILE --to DIR --keep 1 --json`: wall time of the
//      process, and the times it reports: the copy alone (online backup API,
//      256 pages a step, one read snapshot) and the whole (copy + integrity
//      check + row counts of the copy + rename + rotation);
//   2. reference: `sqlite3 FILE ".backup OUT"` (the shell's online backup,
//      100 pages a step), wall time.
//
// It prints the best of the runs of each and the ratio. A report, not a
// test: exits 0 whenever everything could be measured, 1 when a step could
// not run. Node built-ins only. YC_BENCH_EXCHANGES changes the row count.
'use strict';

const cp = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const BIN = process.env.YC_BIN ? path.resolve(process.env.YC_BIN) : path.join(ROOT, 'youcheng');
const SQLITE3 = process.env.YC_SQLITE3 || 'sqlite3';
const N = Number(process.env.YC_BENCH_EXCHANGES || 1000000);
const RUNS = 3;

const KINDS = ['delegation_in', 'delegation_out', 'event', 'online_meeting', 'education', 'culture', 'tourism',
  'trade_mission', 'health', 'sports', 'youth', 'other'];

function sh(cmd, args, opts = {}) {
  const t0 = process.hrtime.bigint();
  const r = cp.spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.slice(0, 3).join(' ')}: exit ${r.status}: ${r.stderr.slice(0, 500)}`);
  return { ...r, ms };
}

function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yc-bench-backup-'));
  const cleanup = () => fs.rmSync(tmp, { recursive: true, force: true });
  process.on('SIGINT', () => { cleanup(); process.exit(130); });
  try {
    const db = path.join(tmp, 'big.db');
    const out = path.join(tmp, 'out');
    fs.mkdirSync(out);
    console.log(`backup bench: ${N.toLocaleString('en')} synthetic exchanges; ${os.cpus().length} CPUs, load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    sh(BIN, ['init', '--db', db]);
    const kindCase = KINDS.map((k, i) => `WHEN ${i} THEN '${k}'`).join(' ');
    // Dates: day numbers spread over 1990-2025 (days since 1970: 7305 .. 20088).
    const fill = `
      PRAGMA journal_mode=WAL;
      BEGIN;
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < ${N})
      INSERT INTO exchange(title, kind, date, precision, day0, day_mid, day_end, substantive, fields,
                           description, sources, ties, fingerprint, created_at, updated_at)
      SELECT 'Synthetic bench exchange ' || i, CASE i % ${KINDS.length} ${kindCase} END,
             date(d * 86400, 'unixepoch'), 'day', d, d, d, (i % 3 > 0), i % 64,
             'Synthetic row of the backup bench, not a real exchange.', '[]', '', i, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'
      FROM (SELECT i, 7305 + (i * 7919) % 12783 AS d FROM n);
      COMMIT;
      PRAGMA wal_checkpoint(TRUNCATE);`;
    const f = sh(SQLITE3, [db], { input: fill });
    const size = fs.statSync(db).size;
    console.log(`  database: ${(size / 1e6).toFixed(1)} MB (filled in ${(f.ms / 1000).toFixed(1)} s)`);

    const yc = [], ref = [];
    for (let i = 0; i < RUNS; i++) {
      const r = sh(BIN, ['backup', '--db', db, '--to', out, '--keep', '1', '--json']);
      const j = JSON.parse(r.stdout);
      if (j.counts.exchange !== N) throw new Error(`the backup counts ${j.counts.exchange} exchanges, not ${N}`);
      yc.push({ wall: r.ms / 1000, copy: j.copy_seconds, total: j.seconds });
      const o = path.join(tmp, `ref-${i}.db`);
      ref.push(sh(SQLITE3, [db, `.backup '${o}'`]).ms / 1000);
      fs.rmSync(o, { force: true });
    }
    const best = (a) => Math.min(...a);
    const bCopy = best(yc.map((x) => x.copy)), bTotal = best(yc.map((x) => x.total)), bWall = best(yc.map((x) => x.wall));
    const bRef = best(ref);
    console.log(`  youcheng backup, copy only:            ${bCopy.toFixed(2)} s  (${(bCopy / bRef).toFixed(2)}x the reference)`);
    console.log(`  youcheng backup, copy + verify:        ${bTotal.toFixed(2)} s`);
    console.log(`  youcheng backup, process wall time:    ${bWall.toFixed(2)} s  (${(bWall / bRef).toFixed(2)}x the reference)`);
    console.log(`  reference: sqlite3 .backup, wall time: ${bRef.toFixed(2)} s`);
    console.log(`  (best of ${RUNS} each; runs: youcheng ${yc.map((x) => x.wall.toFixed(2)).join(' ')}, sqlite3 ${ref.map((x) => x.toFixed(2)).join(' ')})`);
    cleanup();
    return 0;
  } catch (e) {
    console.log(`  !! could not run: ${e.message}`);
    cleanup();
    return 1;
  }
}

process.exit(main());
