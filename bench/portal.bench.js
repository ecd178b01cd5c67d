#!/usr/bin/env node
// bench/portal.bench.js: the public portal's partner page (issue 13, item 2:
// p50 < 5 ms). Run from the repo root: `node bench/portal.bench.js`.
//
// On a copy of the initialised demo database (test/common.js freshDb), a
// server with 2 threads and one client on a keep-alive connection, it asks
// N times, interleaved so that all see the same machine load:
//   - GET /portal/partners/{Sacramento} rendered each time: a query
//     parameter of its own (the portal ignores unknown ones) makes every
//     request miss the response cache, so this is the page's real cost;
//   - the same page from the response cache (same URL each time);
//   - references measured in the same run: GET /healthz (the server's
//     floor: routing, one statement) and GET /partners/{id}, the staff
//     partner page of the same tie (not cached).
// It prints the median (p50) and p90 of each, in ms as the client sees
// them over loopback, and the ratios to the references.
// A report, not a test: it prints figures and exits 0 when it could measure.
'use strict';
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const common = require('../test/common.js');

const BIN = process.env.YC_BIN ? path.resolve(process.env.YC_BIN) : path.resolve(__dirname, '../youcheng');
const N = 400;
const WARMUP = 30;
const TARGET_MS = 5;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function get(port, p) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const r = http.request({ host: '127.0.0.1', port, method: 'GET', path: p, agent }, (res) => {
      const chunks = [];
      res.on('data', (b) => chunks.push(b));
      res.on('end', () => resolve({ status: res.statusCode, bytes: Buffer.concat(chunks).length,
        ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
    });
    r.on('error', reject);
    r.end();
  });
}

const q = (a, f) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(f * s.length))]; };
const fmt = (x) => `${x.toFixed(2)} ms`;

async function main() {
  const { dir, db } = await common.freshDb(BIN, 'yc-bench-portal-');
  const srv = await common.startServe(BIN, db, { threads: 2, healthy: async (port) => (await get(port, '/healthz')).status === 200 });
  const port = srv.port;
  try {
    const all = await new Promise((resolve, reject) => {
      http.get({ host: '127.0.0.1', port, path: '/api/v1/partners?limit=500' }, (res) => {
        let s = '';
        res.on('data', (b) => { s += b; });
        res.on('end', () => resolve(JSON.parse(s)));
      }).on('error', reject);
    });
    const tie = all.items.find((t) => t.city.name_en === 'Sacramento');
    if (!tie) throw new Error('no Sacramento tie in the demo database');
    const cases = [
      ['portal partner page, rendered', (i) => `/portal/partners/${tie.id}?bench=${i}`],
      ['portal partner page, from the cache', () => `/portal/partners/${tie.id}`],
      ['reference: /healthz', () => '/healthz'],
      [`reference: staff page /partners/${tie.id}`, () => `/partners/${tie.id}`],
    ];
    const times = cases.map(() => []);
    const bytes = cases.map(() => 0);
    for (let i = 0; i < WARMUP + N; i++) {
      for (let k = 0; k < cases.length; k++) {
        const r = await get(port, cases[k][1](i));
        if (r.status !== 200) throw new Error(`${cases[k][1](i)} answered ${r.status}`);
        bytes[k] = r.bytes;
        if (i >= WARMUP) times[k].push(r.ms);
      }
    }
    console.log(`GET, one client on a keep-alive connection, server with 2 threads; ${N} of each, interleaved (after ${WARMUP} discarded)`);
    cases.forEach(([name], k) => {
      console.log(`   ${name.padEnd(44)} p50 ${fmt(q(times[k], 0.5))}  p90 ${fmt(q(times[k], 0.9))}  (${bytes[k]} bytes)`);
    });
    const p50 = times.map((t) => q(t, 0.5));
    console.log(`   rendered / healthz: ${(p50[0] / p50[2]).toFixed(1)}x; rendered / staff partner page: ${(p50[0] / p50[3]).toFixed(2)}x;`
      + ` cached / rendered: ${(p50[1] / p50[0]).toFixed(2)}x`);
    console.log(`   target: portal partner page p50 < ${TARGET_MS} ms (rendered): ${p50[0] < TARGET_MS ? 'ok' : 'MISS'}`);
  } finally {
    agent.destroy();
    srv.proc.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
main().catch((e) => { console.error(e); process.exit(1); });
