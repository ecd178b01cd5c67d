#!/usr/bin/env node
// bench/export.bench.js: the cost of the exports (issue 13, item 4).
// Run from the repo root: `node bench/export.bench.js`.
//
// On a copy of the initialised demo database (test/common.js freshDb), it
// adds 10,000 synthetic exchanges (titles "Synthetic bench exchange N", on
// the demo's ties, through `youcheng import exchanges`), starts a server
// with 2 threads and, with one client, fetches the whole exchange list
// RUNS times each way, interleaved:
//   - the reference: the JSON list of the same rows, every page of
//     /api/v1/exchanges?limit=500 (what the export reads, page by page);
//   - /exchanges.csv and /exchanges.xlsx (every row, one answer).
// Every request carries a bearer token (a signed-in caller: no response
// cache, the private columns). It prints the median time, rows/s and the ratio to the reference, then
// the time of `youcheng import exchanges FILE --dry-run` of the CSV export
// (the round trip: one record read and compared per row).
// A report, not a test: it prints figures and exits 0 when it could measure.
'use strict';
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const common = require('../test/common.js');

const BIN = process.env.YC_BIN ? path.resolve(process.env.YC_BIN) : path.resolve(__dirname, '../youcheng');
const N = 10000;       // synthetic exchanges added
const RUNS = 5;

let AUTH = {};
function req(port, p) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const r = http.request({ host: '127.0.0.1', port, method: 'GET', path: p, headers: AUTH, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (b) => chunks.push(b));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks), ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
    });
    r.on('error', reject);
    r.end();
  });
}

const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };

async function jsonAll(port) {
  let cursor = null, rows = 0, ms = 0, bytes = 0;
  do {
    const r = await req(port, `/api/v1/exchanges?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    if (r.status !== 200) throw new Error(`list answered ${r.status}`);
    const j = JSON.parse(r.body.toString('utf8'));
    rows += j.items.length;
    ms += r.ms;
    bytes += r.body.length;
    cursor = j.next_cursor;
  } while (cursor);
  return { rows, ms, bytes };
}

async function main() {
  const { dir, db } = await common.freshDb(BIN, 'yc-bench-export-');
  try {
    const ties = JSON.parse((await common.run(BIN, ['partner', 'list', '--limit', '500', '--json', '--db', db])).stdout).items.map((t) => t.id);
    const kinds = ['culture', 'education', 'tourism', 'youth', 'sports'];
    let csv = 'date,kind,title,tie_id,description\n';
    for (let i = 0; i < N; i++) {
      csv += `${2000 + (i % 25)}-${String(1 + (i % 12)).padStart(2, '0')},${kinds[i % kinds.length]},Synthetic bench exchange ${i},` +
        `${ties[i % ties.length]},"Synthetic row ${i} for the export benchmark, with a comma"\n`;
    }
    const file = path.join(dir, 'bench.csv');
    fs.writeFileSync(file, csv);
    let t0 = Date.now();
    let r = await common.run(BIN, ['import', 'exchanges', file, '--db', db], { timeout: 600_000 });
    if (r.code !== 0) throw new Error(`import: ${r.stderr}${r.stdout.slice(0, 500)}`);
    console.log(`setup: ${N} synthetic exchanges imported in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    /* A bearer token on every request: the response cache serves only
    ** requests without credentials, so the reference is computed, not a cache hit. */
    r = await common.run(BIN, ['user', 'add', 'bench', '--password-stdin', '--db', db], { input: 'synthetic bench passphrase\n' });
    if (r.code !== 0) throw new Error(r.stderr);
    r = await common.run(BIN, ['token', 'create', 'bench', '--db', db]);
    if (r.code !== 0) throw new Error(r.stderr);
    const token = r.stdout.trim();
    const srv = await common.startServe(BIN, db, { threads: 2, healthy: async (port) => (await req(port, '/healthz')).status === 200 });
    const port = srv.port;
    AUTH = { Authorization: `Bearer ${token}` };
    try {
      const ref = [], csvMs = [], xlsxMs = [];
      let rows = 0, refBytes = 0, csvBytes = 0, xlsxBytes = 0, csvBody = null;
      for (let i = 0; i < RUNS + 1; i++) {
        const a = await jsonAll(port);
        const b = await req(port, '/exchanges.csv');
        const c = await req(port, '/exchanges.xlsx');
        if (b.status !== 200 || c.status !== 200) throw new Error(`export answered ${b.status} / ${c.status}`);
        if (i === 0) continue;   // warm-up
        rows = a.rows; refBytes = a.bytes; csvBytes = b.body.length; xlsxBytes = c.body.length; csvBody = b.body;
        ref.push(a.ms); csvMs.push(b.ms); xlsxMs.push(c.ms);
      }
      const line = (what, ms, bytes) => console.log(`   ${what.padEnd(42)} median ${ms.toFixed(0).padStart(6)} ms, ` +
        `${Math.round(rows / (ms / 1000)).toLocaleString('en').padStart(9)} rows/s, ${(bytes / 1e6).toFixed(1)} MB, ` +
        `${(ms / median(ref)).toFixed(2)}x the reference`);
      console.log(`the whole exchange list (${rows} rows), one client, ${RUNS} runs of each, interleaved (1 discarded)`);
      line('JSON list, every page of 500 (reference)', median(ref), refBytes);
      line('/exchanges.csv', median(csvMs), csvBytes);
      line('/exchanges.xlsx', median(xlsxMs), xlsxBytes);

      fs.writeFileSync(file, csvBody);
      t0 = Date.now();
      r = await common.run(BIN, ['import', 'exchanges', file, '--dry-run', '--json', '--db', db], { timeout: 600_000 });
      const ms = Date.now() - t0;
      if (r.code !== 0) throw new Error(`round trip: ${r.stderr}`);
      const rep = JSON.parse(r.stdout);
      console.log(`round trip: import --dry-run of the CSV export: ${rep.rows} rows, ${rep.unchanged} unchanged, ` +
        `${rep.updated} updated, ${rep.errors.length} errors in ${(ms / 1000).toFixed(2)} s (${Math.round(rep.rows / (ms / 1000)).toLocaleString('en')} rows/s, the whole process)`);
    } finally {
      srv.proc.kill('SIGTERM');
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
main().catch((e) => { console.error(e); process.exit(1); });
