#!/usr/bin/env node
// bench/news.bench.js: news and the mention finder (issue 13, item 1).
// Run from the repo root: `node bench/news.bench.js`.
//
// SYNTHETIC DATA: the items this benchmark adds to a copy of the demo
// database are generated here ("Synthetic news 00042 (bench)", bodies
// built from fixed sentences naming the demo's partner cities). Nothing of
// it is a fact; it lives in a temporary directory removed at the end.
//
// Steps:
//   1. a copy of the initialised demo database (test/common.js freshDb);
//      2,000 synthetic published items through `youcheng news load` (one
//      transaction; the finder runs on each);
//   2. the mention finder on a 5,000-character synthetic text (Chinese and
//      English), in the binary (`youcheng news mentions FILE --bench N`):
//      p50 and p99 of N runs after the first (which builds the dictionary),
//      and the same-run reference, a plain scan of the same text (its UTF-8
//      check and a search for one name); target p50 < 10 ms;
//   3. `youcheng serve --threads 2`, one client: GET /api/v1/news (the first
//      page of 50, anonymous), GET /news (the page), POST /api/v1/mentions
//      with the 5,000-character text, N requests each, interleaved with the
//      reference GET /healthz; p50 of each, and the p50 minus healthz's as
//      the server's own time; target news list p50 < 5 ms.
// A report, not a test: it prints figures and exits 0 when it could measure.
// Environment: YC_BIN (binary), YC_BENCH_N (requests per kind, default 300).
'use strict';
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const common = require('../test/common.js');

const BIN = process.env.YC_BIN ? path.resolve(process.env.YC_BIN) : path.resolve(__dirname, '../youcheng');
const N = Number(process.env.YC_BENCH_N || 300);
const ITEMS = 2000;

function req(port, method, p, body) {
  return new Promise((resolve, reject) => {
    const h = {};
    if (body !== undefined) { h['Content-Type'] = 'application/json'; h['Content-Length'] = String(Buffer.byteLength(body)); }
    const t0 = process.hrtime.bigint();
    const r = http.request({ host: '127.0.0.1', port, method, path: p, headers: h, agent: false }, (res) => {
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
const fmt = (x) => `${x.toFixed(3)} ms`;
const mark = (ok) => (ok ? 'ok' : 'MISS');

/* Fixed synthetic sentences naming the demo's partners (Chinese, Traditional, English). */
const SENT = [
  '合成句子：萨城代表团访问了济南，双方讨论了教育合作。',
  '合成句子：和歌山市的学生参加了夏令营。',
  '合成句子：薩克拉門托與濟南的友好往來。',
  'Synthetic sentence: a delegation from Coventry visited the city to discuss culture.',
  'Synthetic sentence: students from Wakayama and Sacramento met at a forum.',
  '合成句子：考文垂的代表参观了一所学校，没有提到其他城市。',
  'Synthetic sentence: nothing here names a partner at all, only ordinary words.',
  '合成句子：雷恩和奥格斯堡的艺术家举办了展览。',
];

function textOf(nChars) {
  let s = '';
  for (let i = 0; [...s].length < nChars; i++) s += SENT[i % SENT.length] + (i % 3 === 2 ? '\n\n' : ' ');
  return [...s].slice(0, nChars).join('');
}

const MENTIONS_ONLY = process.argv.includes('--mentions-only');   // bench/mention.bench.js: step 2 alone

/* 1. Synthetic items. */
async function loadItems(dir, db) {
  let r;
  let tsv = '# SYNTHETIC bench rows in the format of data/demo/jinan_news.tsv (not facts)\nkey\tdate\tkind\tlang\ttitle\tbody\tsource\n';
  for (let i = 0; i < ITEMS; i++) {
    const zh = i % 2 === 0;
    const body = [SENT[i % SENT.length], SENT[(i + 3) % SENT.length], SENT[(i + 5) % SENT.length]].join('\\n\\n');
    const date = `${2000 + (i % 25)}-${String(1 + (i % 12)).padStart(2, '0')}`;
    tsv += `bench_${i}\t${date}\tnews\t${zh ? 'zh' : 'en'}\t${zh ? '合成新闻' : 'Synthetic news'} ${String(i).padStart(5, '0')} (bench)\t${body}\tSynthetic bench source\n`;
  }
  const fNews = path.join(dir, 'bench_news.tsv');
  fs.writeFileSync(fNews, tsv);
  const t0 = Date.now();
  r = await common.run(BIN, ['news', 'load', fNews, '--json', '--db', db], { timeout: 600_000 });
  if (r.code !== 0) throw new Error(`news load: ${r.stderr}`);
  const loadMs = Date.now() - t0;
  console.log(`[1] ${JSON.parse(r.stdout).items} synthetic items loaded (finder run on each) in ${(loadMs / 1000).toFixed(2)} s` +
    ` (${(loadMs / ITEMS).toFixed(2)} ms per item)`);
}

/* 2. The finder in the binary. */
async function finderBench(dir, db, text) {
  let r;
  const fText = path.join(dir, 'text.txt');
  fs.writeFileSync(fText, text);
  r = await common.run(BIN, ['news', 'mentions', fText, '--bench', String(N), '--db', db]);
  if (r.code !== 0) throw new Error(`news mentions --bench: ${r.stderr}`);
  const m = JSON.parse(r.stdout);
  console.log(`[2] mention finder, ${[...text].length} characters (${m.bytes} bytes), ${m.mentions} mentions, ${m.runs} runs:`);
  console.log(`    first call (loads the converters, builds the dictionary) ${fmt(m.first_ms)}; a rebuild of the dictionary alone ${fmt(m.rebuild_ms)}`);
  console.log(`    p50 ${fmt(m.p50_ms)}  p99 ${fmt(m.p99_ms)}   target p50 < 10 ms: ${mark(m.p50_ms < 10)}`);
  console.log(`    reference, plain scan of the text (UTF-8 check + one strstr): p50 ${fmt(m.scan_p50_ms)};` +
    ` finder / scan = ${(m.p50_ms / Math.max(m.scan_p50_ms, 1e-6)).toFixed(1)}x`);
}

/* 3. Over HTTP. */
async function httpBench(db, text) {
  const srv = await common.startServe(BIN, db, { threads: 2, healthy: async (port) => (await req(port, 'GET', '/healthz')).status === 200 });
  try {
    const port = srv.port;
    const body = JSON.stringify({ text });
    const kinds = {
      healthz: () => req(port, 'GET', '/healthz'),
      'GET /api/v1/news': () => req(port, 'GET', '/api/v1/news'),
      'GET /news': () => req(port, 'GET', '/news?lang=en'),
      'POST /api/v1/mentions': () => req(port, 'POST', '/api/v1/mentions', body),
    };
    const times = Object.fromEntries(Object.keys(kinds).map((k) => [k, []]));
    for (let i = 0; i < 20; i++) for (const f of Object.values(kinds)) await f();
    for (let i = 0; i < N; i++) {
      for (const [k, f] of Object.entries(kinds)) {
        const x = await f();
        if (x.status !== 200) throw new Error(`${k}: HTTP ${x.status} ${x.text.slice(0, 200)}`);
        times[k].push(x.ms);
      }
    }
    const h50 = q(times.healthz, 0.5);
    console.log(`[3] one client, ${N} requests each, interleaved; reference GET /healthz p50 ${fmt(h50)}`);
    for (const k of Object.keys(kinds).filter((x) => x !== 'healthz')) {
      const p50 = q(times[k], 0.5), p99 = q(times[k], 0.99);
      const target = k === 'GET /api/v1/news' ? `   target p50 < 5 ms: ${mark(p50 < 5)}` : '';
      console.log(`    ${k.padEnd(24)} p50 ${fmt(p50)}  p99 ${fmt(p99)}  server (p50 - healthz p50) ${fmt(p50 - h50)}` +
        `  ${(p50 / h50).toFixed(1)}x healthz${target}`);
    }
  } finally {
    srv.proc.kill('SIGTERM');
    await srv.exited;
  }
}

async function main() {
  const { dir, db } = await common.freshDb(BIN, 'yc-bench-news-');
  try {
    if (!MENTIONS_ONLY) await loadItems(dir, db);
    const text = textOf(5000);
    await finderBench(dir, db, text);
    if (!MENTIONS_ONLY) await httpBench(db, text);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => { console.error(`news bench could not run: ${e.message}`); process.exit(1); });
