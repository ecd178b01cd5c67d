#!/usr/bin/env node
// bench/compress.bench.js: what a first visit transfers (issue 13, item 6).
// Run from the repo root: `node bench/compress.bench.js`.
//
// Debian's Chromium (playwright-core) opens each page below on a fresh
// browser context (an empty cache: a first load) and sums, over every
// request the page makes (HTML, CSS, scripts, map data, API calls), the
// bytes received: response headers plus the body as sent (compressed or
// not). Two servers of this build on copies of the demo database:
//   reference  `youcheng serve --no-compress` (every answer as it was
//              before compression: identity)
//   after      `youcheng serve` (assets pre-compressed at build time,
//              brotli, which Chromium asks for; JSON and HTML of 1 KiB and
//              more compressed per answer)
// Target: the dashboard's first load under 500 KB. Also the server time of
// the partner list API (p50 of 200 requests, one client) with and without
// "Accept-Encoding: br", to show what compressing per answer costs.
// A report, not a test: prints figures, exits 0 when it could measure.
'use strict';
const http = require('node:http');
const path = require('node:path');
const common = require('../test/common.js');
const { launchBrowser } = require('../test/browser/lib.js');

const BIN = process.env.YC_BIN ? path.resolve(process.env.YC_BIN) : path.resolve(__dirname, '../youcheng');
const PAGES = ['/', '/?lang=en', '/partners', '/layout'];

function get(port, p, headers = {}) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const r = http.request({ host: '127.0.0.1', port, method: 'GET', path: p, headers, agent: false }, (res) => {
      let n = 0;
      res.on('data', (b) => { n += b.length; });
      res.on('end', () => resolve({ status: res.statusCode, n, ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
    });
    r.on('error', reject);
    r.end();
  });
}

async function firstLoad(browser, port, p) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const done = [];
  page.on('requestfinished', (rq) => done.push(rq.sizes().then((s) => ({ url: rq.url(), bytes: s.responseHeadersSize + s.responseBodySize }))));
  const res = await page.goto(`http://127.0.0.1:${port}${p}`, { waitUntil: 'networkidle' });
  if (!res || res.status() !== 200) throw new Error(`${p}: ${res ? res.status() : 'no answer'}`);
  const sizes = await Promise.all(done);
  await context.close();
  return { requests: sizes.length, bytes: sizes.reduce((a, s) => a + s.bytes, 0),
    largest: sizes.sort((a, b) => b.bytes - a.bytes)[0] };
}

const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
const p50 = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

(async () => {
  const servers = {};
  for (const [name, args] of [['reference', ['--no-compress']], ['after', []]]) {
    const { db } = await common.freshDb(BIN, `yc-bench-compress-${name}-`);
    servers[name] = await common.startServe(BIN, db, { threads: 2, args,
      healthy: async (port) => (await get(port, '/healthz')).status === 200 });
  }
  const browser = await launchBrowser();
  try {
    const out = {};
    console.log('first load (empty cache), bytes received: reference (no compression) -> after');
    for (const p of PAGES) {
      const ref = await firstLoad(browser, servers.reference.port, p);
      const aft = await firstLoad(browser, servers.after.port, p);
      out[p] = { reference: ref.bytes, after: aft.bytes };
      console.log(`  ${p.padEnd(12)} ${kb(ref.bytes).padStart(10)} (${ref.requests} requests) -> ${kb(aft.bytes).padStart(9)}`
        + ` (${aft.requests} requests)  ratio ${(aft.bytes / ref.bytes).toFixed(3)};`
        + ` largest: ${path.basename(new URL(aft.largest.url).pathname)} ${kb(aft.largest.bytes)}`);
    }
    const dash = out['/'].after;
    console.log(`dashboard first load: ${kb(dash)} (target < 500 KB: ${dash < 500_000 ? 'met' : 'NOT met'})`);
    /* Server time of a large JSON answer, identity vs brotli per answer (the list
    ** is cached: the cache keeps the compressed copy). */
    const port = servers.after.port;
    for (const [name, h] of [['identity', {}], ['br', { 'Accept-Encoding': 'br' }], ['gzip', { 'Accept-Encoding': 'gzip' }]]) {
      const ms = [];
      let n = 0;
      for (let i = 0; i < 200; i++) { const r = await get(port, '/api/v1/partners?limit=100', h); ms.push(r.ms); n = r.n; }
      const msPage = [];
      for (let i = 0; i < 100; i++) msPage.push((await get(port, `/partners?lang=en&i=${i}`, h)).ms);
      console.log(`  /api/v1/partners?limit=100 ${name.padEnd(8)} p50 ${p50(ms).toFixed(3)} ms, ${n} bytes;`
        + ` /partners page (not cached) p50 ${p50(msPage).toFixed(3)} ms`);
    }
  } finally {
    await browser.close();
    for (const s of Object.values(servers)) { s.proc.kill('SIGTERM'); await s.exited; }
  }
})().catch((e) => { console.error(e); process.exit(1); });
