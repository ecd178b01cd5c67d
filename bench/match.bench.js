#!/usr/bin/env node
// bench/match.bench.js: the matching engine and the site-wide search at
// scale (issue 4). Run from the repo root: `node bench/match.bench.js`
// (also run by `make bench`). Node built-ins only.
//
// SYNTHETIC DATA: everything this benchmark adds to the demo database is
// generated here from a fixed seed and labelled synthetic ("Synthetic org
// 00042 (bench)", descriptions built from the vocabulary's real industry
// terms). Nothing of it is a fact; it exists only in a temporary directory
// that is removed at the end.
//
// Steps:
//   1. `youcheng init --demo` in a temp dir; `youcheng serve --threads 1`
//      (one worker thread: the figures are for one core);
//   2. 20,000 synthetic organisations through POST /api/v1/orgs, and
//      100,000 synthetic opportunities through `youcheng import
//      opportunities` (one CSV, one transaction);
//   3. reference: GET /healthz, one client, N requests;
//   4. the first match (it builds the in-memory index), then N distinct
//      free-text matches (Chinese and English, some with industries,
//      direction, countries), one client, each latency measured;
//   5. N distinct site-wide searches, one client;
//   6. server memory (VmRSS, VmHWM from /proc) with that data loaded.
// It prints each figure, its ratio to the /healthz p50 measured in the same
// run, and ok/MISS against the targets (match p50 < 20 ms, p99 < 50 ms;
// search p50 < 5 ms). Like bench/run.js it is a report: exit 0 whenever it
// could measure, 1 only when a step could not run.
// Environment: YC_BIN (binary), YC_BENCH_SCALE (fraction of the data, default 1),
// YC_BENCH_KEEP=1 keeps the temp dir (its database) for a closer look.
'use strict';

const cp = require('child_process');
const fs = require('fs');
const http = require('http');
const net = require('net');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const BIN = process.env.YC_BIN ? path.resolve(process.env.YC_BIN) : path.join(ROOT, 'youcheng');
const SCALE = Math.max(0.001, Math.min(1, Number(process.env.YC_BENCH_SCALE || 1)));
const N_ORGS = Math.round(20000 * SCALE);
const N_OPPS = Math.round(100000 * SCALE);
const N_QUERIES = 400;
const N_REF = 1000;
const TARGET = { matchP50: 20, matchP99: 50, searchP50: 5 };

let TMP = null, server = null;
function cleanup() {
  if (server && server.exitCode === null) { try { server.kill('SIGKILL'); } catch (e) { /* gone */ } }
  if (TMP && process.env.YC_BENCH_KEEP) console.log(`  kept ${TMP} (YC_BENCH_KEEP)`);
  else if (TMP) { try { fs.rmSync(TMP, { recursive: true, force: true }); } catch (e) { /* ignore */ } }
}
process.on('SIGINT', () => { cleanup(); process.exit(130); });

// --- a seeded PRNG (mulberry32): the same synthetic data every run --------
let seed = 0x5eed1234;
function rnd() {
  seed |= 0; seed = (seed + 0x6D2B79F5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (a) => a[Math.floor(rnd() * a.length)];
function pickN(a, n) { const s = new Set(); while (s.size < Math.min(n, a.length)) s.add(pick(a)); return [...s]; }

// --- the vocabulary's real terms, by division (for realistic text) --------
function loadTerms() {
  const byCode = {}, zhAll = [], enAll = [];
  for (const line of fs.readFileSync(path.join(ROOT, 'data/vocab_industry.tsv'), 'utf8').split('\n')) {
    if (!line || line.startsWith('#') || line.startsWith('isic\t')) continue;
    const [codes, zh, en] = line.split('\t');
    if (codes === 'stop') continue;
    for (const c of codes.split(',')) {
      byCode[c] = byCode[c] || { zh: [], en: [] };
      byCode[c].zh.push(...zh.split('|'));
      byCode[c].en.push(...en.split('|'));
    }
    zhAll.push(...zh.split('|'));
    enAll.push(...en.split('|'));
  }
  return { byCode, codes: Object.keys(byCode), zhAll, enAll };
}

const COUNTRIES = ['US', 'SE', 'DK', 'NL', 'DE', 'FR', 'GB', 'JP', 'KR', 'RU', 'BY', 'FI', 'CA', 'IL', 'UA', 'TR', 'BG', 'ET',
  'IT', 'IN', 'PG', 'ID', 'MX', 'AU', 'BR', 'CV', 'SI', 'ES', 'PL', 'CZ', 'HU', 'AT', 'CH', 'BE', 'NO', 'PT', 'GR', 'EG',
  'ZA', 'NG', 'KE', 'VN', 'TH', 'MY', 'SG', 'PH', 'PK', 'KZ', 'UZ', 'MN', 'SA', 'AE', 'IR', 'AR', 'CL', 'PE', 'CO', 'NZ'];
const PARTNER_CITIES = [1926004, 2652221, 5389489, 1848689, 6119109, 1835553, 520555, 632453, 2983990, 2954172, 706483,
  294514, 625144, 2664454, 2751773, 2613102];
const ORG_TYPES = ['enterprise', 'enterprise', 'enterprise', 'park', 'university', 'hospital', 'research_institute', 'association'];
const CATS = ['business', 'technology', 'research', 'education', 'culture', 'tourism', 'investment', 'health'];
const FILL_ZH = ['合作', '项目', '寻求', '提供', '长期', '联合', '开发', '市场', '技术', '服务', '海外', '本地'];
const FILL_EN = ['partnership', 'project', 'seeking', 'offering', 'long-term', 'joint', 'development', 'market', 'services', 'local', 'regional'];

function text(T, codes, bZh, n) {
  const words = [];
  for (let i = 0; i < n; i++) {
    const c = T.byCode[pick(codes)];
    words.push(bZh ? pick(c.zh) : pick(c.en));
    if (rnd() < 0.5) words.push(bZh ? pick(FILL_ZH) : pick(FILL_EN));
  }
  return words.join(bZh ? '' : ' ');
}

function csvCell(s) { return s === undefined || s === null ? '' : /[",\n]/.test(s) ? `"${String(s).replace(/"/g, '""')}"` : String(s); }
function dayOffset(n) { const d = new Date(); d.setUTCDate(d.getUTCDate() + n); return d.toISOString().slice(0, 10); }

// --- processes and HTTP --------------------------------------------------
function run(args, opts = {}) {
  const r = cp.spawnSync(BIN, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  if (r.status !== 0) throw new Error(`youcheng ${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
  return r.stdout;
}
function freePort() {
  return new Promise((res, rej) => { const s = net.createServer(); s.on('error', rej); s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => res(port)); }); });
}
/* Keep-alive sockets; a fresh agent after the long import (the server
** closes idle connections after 30 s). */
let agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
function request(port, method, p, body, token) {
  return new Promise((resolve, reject) => {
    const h = {};
    let payload = null;
    if (body !== undefined) { payload = Buffer.from(JSON.stringify(body)); h['Content-Type'] = 'application/json'; h['Content-Length'] = payload.length; }
    if (token) h.Authorization = `Bearer ${token}`;
    const t0 = process.hrtime.bigint();
    const req = http.request({ host: '127.0.0.1', port, method, path: p, headers: h, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, ms: Number(process.hrtime.bigint() - t0) / 1e6, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (payload) req.end(payload); else req.end();
  });
}
function pct(a, p) { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(p / 100 * s.length))]; }
function memOf(pid) {
  const t = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k) => Number((t.match(new RegExp(`^${k}:\\s+(\\d+)`, 'm')) || [0, 0])[1]);
  return { rssMB: kb('VmRSS') / 1024, hwmMB: kb('VmHWM') / 1024 };
}

/* SYNTHETIC data: organisations through the API, opportunities through
** `youcheng import opportunities`. */
async function generate(T, port, token, db) {
  let t0 = Date.now();
  // Synthetic organisations (8 requests in flight).
  const orgIds = [];
  let next = 0;
  async function worker() {
    while (next < N_ORGS) {
      const i = next++;
      const codes = pickN(T.codes, 1 + Math.floor(rnd() * 3));
      const home = rnd() < 0.7;
      const body = { name_en: `Synthetic org ${String(i).padStart(5, '0')} (bench)`, name_zh: `合成测试机构${i}`,
        type: pick(ORG_TYPES), side: home ? 'home' : 'partner', city_id: home ? 1805753 : pick(PARTNER_CITIES),
        industries: codes, description: `SYNTHETIC (bench). ${text(T, codes, false, 4)} ${text(T, codes, true, 3)}` };
      const r = await request(port, 'POST', '/api/v1/orgs', body, token);
      if (r.status !== 201) throw new Error(`POST /api/v1/orgs: ${r.status} ${r.text.slice(0, 200)}`);
      orgIds.push(JSON.parse(r.text).id);
    }
  }
  await Promise.all(Array.from({ length: 8 }, worker));
  console.log(`  ${orgIds.length} organisations: ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // Synthetic opportunities: one CSV, `youcheng import opportunities`.
  t0 = Date.now();
  const rows = ['kind,category,direction,org_id,industries,target_countries,title_zh,title_en,description_zh,description_en,valid_until,status'];
  for (let i = 0; i < N_OPPS; i++) {
    const codes = pickN(T.codes, 1 + Math.floor(rnd() * 2));
    const bZh = rnd() < 0.5, bBoth = rnd() < 0.3;
    const st = rnd();
    rows.push([pick(['offer', 'request']), pick(CATS), pick(['going_out', 'bringing_in']), pick(orgIds), codes.join(','),
      pickN(COUNTRIES, Math.floor(rnd() * 3)).join(','),
      bZh || bBoth ? `${text(T, codes, true, 2)}（合成${i}）` : '',
      !bZh || bBoth ? `${text(T, codes, false, 3)} (synthetic ${i})` : '',
      bZh || bBoth ? text(T, codes, true, 8) : '', !bZh || bBoth ? text(T, codes, false, 12) : '',
      dayOffset(Math.floor(rnd() * 800) - 100), st < 0.85 ? 'open' : st < 0.9 ? 'draft' : st < 0.95 ? 'closed' : 'matched'].map(csvCell).join(','));
  }
  const csv = path.join(TMP, 'opps.csv');
  fs.writeFileSync(csv, rows.join('\n') + '\n');
  run(['import', 'opportunities', csv, '--db', db]);
  console.log(`  ${N_OPPS} opportunities imported: ${((Date.now() - t0) / 1000).toFixed(1)} s`);

}

async function main() {
  if (!fs.existsSync(BIN)) throw new Error(`no binary at ${BIN} (make youcheng)`);
  const T = loadTerms();
  const reuse = process.env.YC_BENCH_DB ? path.resolve(process.env.YC_BENCH_DB) : null;
  TMP = reuse ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'yc-match-bench-'));
  const db = reuse || path.join(TMP, 'bench.db');
  console.log(reuse ? `match bench: reusing ${reuse} (YC_BENCH_DB)`
    : `match bench: ${N_ORGS} synthetic organisations, ${N_OPPS} synthetic opportunities (scale ${SCALE})`);
  let t0 = Date.now();
  let token = null;
  if (!reuse) {
    run(['init', '--db', db, '--demo']);
    run(['user', 'add', 'bench', '--password-stdin', '--db', db], { input: 'bench password 1\n' });
    token = run(['token', 'create', 'bench', '--db', db]).trim();
    console.log(`  init: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  const port = await freePort();
  server = cp.spawn(BIN, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--threads', '1', '--no-access-log'], { stdio: ['ignore', 'pipe', 'pipe'] });
  for (let i = 0; ; i++) {
    try { const h = await request(port, 'GET', '/healthz'); if (h.status === 200) break; } catch (e) { /* not yet */ }
    if (i > 200) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 50));
  }

  if (!reuse) await generate(T, port, token, db);
  agent.destroy();
  agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

  // Reference: /healthz.
  const ref = [];
  for (let i = 0; i < N_REF; i++) ref.push((await request(port, 'GET', '/healthz')).ms);
  const refP50 = pct(ref, 50);

  // Queries: distinct each time (the API cache never answers).
  const qs = (o) => '?' + new URLSearchParams(o).toString();
  function matchQuery(i) {
    const codes = pickN(T.codes, 1 + Math.floor(rnd() * 2));
    const bZh = i % 2 === 0;
    const o = { text: `${text(T, codes, bZh, 1 + Math.floor(rnd() * 3))} ${i}`, limit: '10' };
    if (rnd() < 0.3) o.industries = pick(T.codes);
    if (rnd() < 0.3) o.direction = pick(['going_out', 'bringing_in']);
    if (rnd() < 0.3) o.countries = pickN(COUNTRIES, 2).join(',');
    return `/api/v1/match${qs(o)}`;
  }
  t0 = Date.now();
  const first = await request(port, 'GET', matchQuery(-1));
  if (first.status !== 200) throw new Error(`match: ${first.status} ${first.text.slice(0, 200)}`);
  const lat = [];
  let considered = 0;
  for (let i = 0; i < N_QUERIES; i++) {
    const r = await request(port, 'GET', matchQuery(i));
    if (r.status !== 200) throw new Error(`match: ${r.status} ${r.text.slice(0, 200)}`);
    lat.push(r.ms);
    considered += JSON.parse(r.text).considered;
  }
  const sl = [];
  for (let i = 0; i < N_QUERIES; i++) {
    const codes = pickN(T.codes, 1);
    const w = i % 2 ? pick(T.byCode[codes[0]].en).split(' ')[0].slice(0, 3 + (i % 5)) : pick(T.byCode[codes[0]].zh).slice(0, 2);
    const r = await request(port, 'GET', `/api/v1/search${qs({ q: `${w}`, limit: String(5 + (i % 4)) })}`);
    if (r.status !== 200) throw new Error(`search: ${r.status} ${r.text.slice(0, 200)}`);
    sl.push(r.ms);
  }
  const mem = memOf(server.pid);
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));

  const f = (x) => x.toFixed(2);
  const mark = (v, t) => (v < t ? 'ok' : 'MISS');
  const r = {
    orgs: reuse ? null : N_ORGS, opportunities: reuse ? null : N_OPPS, healthzP50: refP50, firstMatchMs: first.ms,
    matchP50: pct(lat, 50), matchP90: pct(lat, 90), matchP99: pct(lat, 99), searchP50: pct(sl, 50), searchP99: pct(sl, 99),
    meanCandidates: considered / N_QUERIES, rssMB: mem.rssMB, hwmMB: mem.hwmMB,
  };
  console.log(`  reference GET /healthz p50         ${f(refP50)} ms (${N_REF} requests, one client)`);
  console.log(`  first match (builds the index)     ${f(first.ms)} ms`);
  console.log(`  match p50                          ${f(r.matchP50)} ms  ${f(r.matchP50 / refP50)}x healthz  target < ${TARGET.matchP50} ms  ${mark(r.matchP50, TARGET.matchP50)}`);
  console.log(`  match p90                          ${f(r.matchP90)} ms`);
  console.log(`  match p99                          ${f(r.matchP99)} ms  ${f(r.matchP99 / refP50)}x healthz  target < ${TARGET.matchP99} ms  ${mark(r.matchP99, TARGET.matchP99)}`);
  console.log(`  candidates scored per match (mean) ${r.meanCandidates.toFixed(0)}`);
  console.log(`  search p50                         ${f(r.searchP50)} ms  ${f(r.searchP50 / refP50)}x healthz  target < ${TARGET.searchP50} ms  ${mark(r.searchP50, TARGET.searchP50)}`);
  console.log(`  search p99                         ${f(r.searchP99)} ms`);
  console.log(`  server memory with the data loaded VmRSS ${f(mem.rssMB)} MB, VmHWM ${f(mem.hwmMB)} MB`);
  console.log(`  (${N_QUERIES} distinct queries each, one client, server --threads 1; host: ${os.cpus().length} CPUs, load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')})`);
  return r;
}

main().then(() => { cleanup(); process.exit(0); }).catch((e) => { console.error(`match bench: could not run: ${e.message}`); cleanup(); process.exit(1); });
