#!/usr/bin/env node
// bench/write_scale.bench.js: a write's cost must not grow with the data
// (issue 14, item 8). Run from the repo root: `node bench/write_scale.bench.js`.
//
// On a copy of the initialised demo database (test/common.js templateDb), a
// server with 4 threads (an import's request keeps one busy; the writer's
// must not queue behind it), one client, it measures POST /api/v1/orgs of an
// organisation linked to two ties (each request a new synthetic org):
//   1. on the demo data (the two ties have a handful of organisations): the
//      reference;
//   2. after 880 more synthetic organisations (labelled "synthetic bench
//      org"; about 1,100 on each of the two ties in all)
//      were linked to the same two ties through the same API.
// It prints the median and p99 of both, the writes per second and the ratio
// of the medians (target <= 2x). Then a 1,000-row partner import through
// the API (synthetic ties to real gazetteer places), as a dry run and for
// real, while one client keeps writing organisations: the import's time and
// the writer's median, p99 and answers (no 500; a dry run takes no write
// lock). YC_BIN_BEFORE=/path/to/youcheng measures another build first in
// the same run (the reference). A report, not a test: it exits 0 when it
// could measure.
'use strict';
const http = require('node:http');
const path = require('node:path');
const common = require('../test/common.js');

const BEFORE = process.env.YC_BIN_BEFORE ? path.resolve(process.env.YC_BIN_BEFORE) : null;
const BIN = process.env.YC_BIN ? path.resolve(process.env.YC_BIN) : path.resolve(__dirname, '../youcheng');
const N_MEASURE = 200;     /* POSTs measured per phase */
const N_GROW = 880;        /* organisations added to the two ties */

function req(port, method, p, { body, headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const h = { ...headers };
    if (body !== undefined) { h['Content-Type'] = 'application/json'; h['Content-Length'] = String(Buffer.byteLength(body)); }
    const t0 = process.hrtime.bigint();
    const r = http.request({ host: '127.0.0.1', port, method, path: p, headers: h }, (res) => {
      const chunks = [];
      res.on('data', (b) => chunks.push(b));
      res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString(),
        ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
    });
    r.on('error', reject);
    r.end(body);
  });
}

const q = (a, f) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(f * s.length))]; };
const fmt = (x) => `${x.toFixed(2)} ms`;

async function measure(BIN, label) {
  console.log(`\n${label} ${BIN}`);
  const { dir, db } = await common.freshDb(BIN, 'yc-bench-write-');
  let r = await common.run(BIN, ['user', 'add', 'bench', '--password-stdin', '--db', db], { input: 'synthetic bench passphrase\n' });
  if (r.code !== 0) throw new Error(r.stderr);
  r = await common.run(BIN, ['token', 'create', 'bench', '--db', db]);
  if (r.code !== 0) throw new Error(r.stderr);
  const auth = { Authorization: `Bearer ${r.stdout.trim()}` };
  const srv = await common.startServe(BIN, db, { threads: 4, accessLog: BIN !== BEFORE, healthy: async (port) => (await req(port, 'GET', '/healthz')).status === 200 });
  const port = srv.port;
  let seq = 0;
  const post = async (ties) => {
    const body = JSON.stringify({ name_en: `synthetic bench org ${++seq}`, type: 'enterprise', side: 'partner', partners: ties });
    const x = await req(port, 'POST', '/api/v1/orgs', { body, headers: auth });
    if (x.status !== 201) throw new Error(`POST /api/v1/orgs answered ${x.status}: ${x.text.slice(0, 300)}`);
    return x.ms;
  };
  try {
    const list = JSON.parse((await req(port, 'GET', '/api/v1/partners?limit=2')).text);
    const ties = list.items.map((x) => x.id);
    if (ties.length !== 2) throw new Error('the demo has fewer than two ties');
    const phase = async () => { for (let i = 0; i < 10; i++) await post(ties); const a = []; for (let i = 0; i < N_MEASURE; i++) a.push(await post(ties)); return a; };
    const demo = await phase();
    const t0 = Date.now();
    for (let i = 0; i < N_GROW; i++) await post(ties);
    const growS = (Date.now() - t0) / 1000;
    const orgs = JSON.parse((await req(port, 'GET', `/api/v1/orgs?partner=${ties[0]}&limit=1`, { headers: auth })).text).total;
    const big = await phase();
    console.log(`POST /api/v1/orgs linking ties ${ties.join(' and ')}, one client, ${N_MEASURE} each`);
    console.log(`   demo (reference):          median ${fmt(q(demo, 0.5))}, p99 ${fmt(q(demo, 0.99))}, ${(1000 * demo.length / demo.reduce((s, x) => s + x, 0)).toFixed(0)} writes/s`);
    console.log(`   ties with ${orgs} orgs:      median ${fmt(q(big, 0.5))}, p99 ${fmt(q(big, 0.99))}, ${(1000 * big.length / big.reduce((s, x) => s + x, 0)).toFixed(0)} writes/s`);
    const ratio = q(big, 0.5) / q(demo, 0.5);
    console.log(`   ratio of medians: ${ratio.toFixed(2)}x (target <= 2x) ${ratio <= 2 ? 'ok' : 'MISS'}`);
    console.log(`   (adding the ${N_GROW} synthetic organisations took ${growS.toFixed(1)} s)`);

    /* 3. A 1,000-row partner import (dry run, then real) with a concurrent
    ** writer: the writer's latencies and answers. The rows are synthetic
    ** ties to real places of the gazetteer, by name and country. */
    const rows = (await common.run(common.SQLITE3, [db, "SELECT name || ',' || country FROM city WHERE country<>'CN'" +
      " AND name NOT LIKE '%,%' AND name NOT LIKE '%\"%' ORDER BY population DESC LIMIT 1000"])).stdout.trim().split('\n');
    const csv = ['city,country,kind,notes', ...rows.map((r) => `${r},sister,synthetic bench row`)].join('\n') + '\n';
    for (const dry of [1, 0]) {
      let stop = false;
      const lat = [], codes = {};
      const writer = (async () => {
        while (!stop) {
          const body = JSON.stringify({ name_en: `synthetic bench org ${++seq}`, type: 'enterprise', side: 'home' });
          const x = await req(port, 'POST', '/api/v1/orgs', { body, headers: auth });
          codes[x.status] = (codes[x.status] || 0) + 1;
          lat.push(x.ms);
        }
      })();
      const imp = await req(port, 'POST', `/api/v1/import/partners?dry_run=${dry}`, { body: csv, headers: { ...auth, 'Content-Type': 'text/csv' } });
      stop = true;
      await writer;
      if (imp.status !== 200) throw new Error(`import answered ${imp.status}: ${imp.text.slice(0, 300)}`);
      const rep = JSON.parse(imp.text);
      console.log(`${dry ? '4' : '5'}. POST /api/v1/import/partners${dry ? '?dry_run=1' : ''} of ${rows.length} rows (${rep.created} created, ${rep.skipped} skipped): ${(imp.ms / 1000).toFixed(2)} s`);
      console.log(`   a concurrent writer (POST /api/v1/orgs, one client): ${lat.length} writes, median ${fmt(q(lat, 0.5))}, p99 ${fmt(q(lat, 0.99))}, max ${fmt(Math.max(...lat))}, answers ${JSON.stringify(codes)}`);
    }
  } finally {
    srv.proc.kill('SIGTERM');
    require('node:fs').rmSync(dir, { recursive: true, force: true });
  }
}
async function main() {
  if (BEFORE) await measure(BEFORE, 'reference build');
  await measure(BIN, 'this build');
}

main().catch((e) => { console.error(e); process.exit(1); });
