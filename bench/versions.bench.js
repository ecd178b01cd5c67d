#!/usr/bin/env node
// bench/versions.bench.js: the cost of the version check (issue 12, item 6).
// Run from the repo root: `node bench/versions.bench.js`.
//
// On a copy of the initialised demo database (test/common.js freshDb), a
// server with 2 threads and one client, it sends PATCH /api/v1/orgs/{id}
// (a synthetic description) N times without a version and N times with
// If-Match (the version of the previous answer), interleaved so that both
// see the same database and the same machine load, and prints the median
// and p99 of each and their ratio. The reference is the PATCH without a
// version, measured in the same run. With If-Match a write costs one more
// indexed lookup (audit_version, inside the write's transaction) and the
// answer's version one more.
// A report, not a test: it prints figures and exits 0 when it could measure.
'use strict';
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const common = require('../test/common.js');

const BIN = process.env.YC_BIN ? path.resolve(process.env.YC_BIN) : path.resolve(__dirname, '../youcheng');
const N = 300;          // writes of each kind
const WARMUP = 20;

function req(port, method, p, { body, headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const h = { ...headers };
    if (body !== undefined) { h['Content-Type'] = 'application/json'; h['Content-Length'] = String(Buffer.byteLength(body)); }
    const t0 = process.hrtime.bigint();
    const r = http.request({ host: '127.0.0.1', port, method, path: p, headers: h, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (b) => chunks.push(b));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString(),
        ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
    });
    r.on('error', reject);
    r.end(body);
  });
}

const q = (a, f) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(f * s.length))]; };
const fmt = (x) => `${x.toFixed(2)} ms`;

async function main() {
  const { dir, db } = await common.freshDb(BIN, 'yc-bench-versions-');
  let r = await common.run(BIN, ['user', 'add', 'bench', '--password-stdin', '--db', db], { input: 'synthetic bench passphrase\n' });
  if (r.code !== 0) throw new Error(r.stderr);
  r = await common.run(BIN, ['token', 'create', 'bench', '--db', db]);
  if (r.code !== 0) throw new Error(r.stderr);
  const auth = { Authorization: `Bearer ${r.stdout.trim()}` };
  const srv = await common.startServe(BIN, db, { threads: 2, healthy: async (port) => (await req(port, 'GET', '/healthz')).status === 200 });
  const port = srv.port;
  try {
    const list = JSON.parse((await req(port, 'GET', '/api/v1/orgs?limit=1')).text);
    const url = `/api/v1/orgs/${list.items[0].id}`;
    let version = JSON.parse((await req(port, 'GET', url)).text).version;
    const plain = [], checked = [];
    for (let i = 0; i < WARMUP + N; i++) {
      const body = JSON.stringify({ description: `Synthetic bench description ${i}` });
      const a = await req(port, 'PATCH', url, { body, headers: auth });
      if (a.status !== 200) throw new Error(`PATCH answered ${a.status}: ${a.text}`);
      version = JSON.parse(a.text).version;
      const b = await req(port, 'PATCH', url, { body: JSON.stringify({ description: `Synthetic bench description ${i}b` }),
        headers: { ...auth, 'If-Match': `"${version}"` } });
      if (b.status !== 200) throw new Error(`PATCH with If-Match answered ${b.status}: ${b.text}`);
      version = JSON.parse(b.text).version;
      if (i >= WARMUP) { plain.push(a.ms); checked.push(b.ms); }
    }
    console.log(`PATCH ${url}, one client, ${N} of each, interleaved (after ${WARMUP} of each discarded)`);
    console.log(`   without a version (reference): median ${fmt(q(plain, 0.5))}, p99 ${fmt(q(plain, 0.99))}`);
    console.log(`   with If-Match:                 median ${fmt(q(checked, 0.5))}, p99 ${fmt(q(checked, 0.99))}`);
    console.log(`   ratio: median ${(q(checked, 0.5) / q(plain, 0.5)).toFixed(2)}x, p99 ${(q(checked, 0.99) / q(plain, 0.99)).toFixed(2)}x`);
  } finally {
    srv.proc.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
main().catch((e) => { console.error(e); process.exit(1); });
