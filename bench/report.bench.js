#!/usr/bin/env node
// bench/report.bench.js: the annual report on a large exchange log.
// Run from the repo root (`node bench/report.bench.js`).
//
// SYNTHETIC DATA. In a temporary copy of the demo database (`youcheng init
// --demo` in a temporary directory) this adds, in SQL with the sqlite3
// shell, 3,000 synthetic ties (to the 3,000 most populous cities without
// one, each noted "synthetic bench tie (not a real partnership)") and
// 1,000,000 synthetic exchanges ("Synthetic bench exchange N", dates from
// 2000-01-01 to yesterday, 80% day, 15% month and 5% year precision, kinds
// and fields from a fixed formula, one tie each, a tenth of them with a
// unit). None of it is real. Then it measures, with the server running:
//
//   1. GET /reports/YEAR (the HTML page, YEAR = last year, about 1/26 of
//      the rows in it) signed in (a synthetic bench user; every figure,
//      health included) and anonymously, 15 requests one after the other
//      after one warm-up:
//      p50 and max of the server's answer time (request to last byte);
//      the API answer GET /api/v1/reports/YEAR the same way; and the
//      server's CPU time per request (from /proc/PID/stat), which does
//      not depend on what else runs on the host. Target: HTML p50 < 1 s.
//   2. Reference, same run, same database: the sqlite3 shell's
//      `SELECT kind, count(*) FROM exchange GROUP BY kind` (one GROUP BY
//      over the whole exchange table), its `.timer` real time, median of 3.
//
// It is a report, not a test: it prints figures, the reference, the ratio and
// an ok/MISS marker, and exits 0 whenever everything could be measured; 1
// only when a step could not run. Node built-ins only.
'use strict';

const cp = require('child_process');
const fs = require('fs');
const http = require('http');
const net = require('net');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const BIN = process.env.YC_BIN ? path.resolve(process.env.YC_BIN) : path.join(ROOT, 'youcheng');
const N_EXCHANGES = Number(process.env.YC_BENCH_EXCHANGES || 1000000);
const N_TIES = 3000;
const N_REQ = 15;
const TARGET_MS = 1000;

let TMP = null, server = null;
const errors = [];
function fail(step, msg) { errors.push(`${step}: ${msg}`); console.log(`  !! ${step}: could not run: ${msg}`); }
function cleanup() {
  if (server && server.exitCode === null) { try { server.kill('SIGKILL'); } catch (_) { /* gone */ } }
  if (TMP) { try { fs.rmSync(TMP, { recursive: true, force: true }); } catch (_) { /* ignore */ } TMP = null; }
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { cleanup(); process.exit(130); });

function run(cmd, args, opts = {}) {
  const t0 = process.hrtime.bigint();
  const r = cp.spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 26, ...opts });
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  return { code: r.status, out: r.stdout || '', err: (r.stderr || '') + (r.error ? String(r.error) : ''), secs };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

/* One request: status, headers, body, milliseconds from request to last byte. */
function req(port, method, p, headers = {}, body = null) {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const rq = http.request({ host: '127.0.0.1', port, method, path: p, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => { chunks.push(c); });
      res.on('end', () => {
        const buf = Buffer.concat(chunks);
        resolve({ status: res.statusCode, headers: res.headers, text: buf.toString('utf8'), bytes: buf.length,
          ms: Number(process.hrtime.bigint() - t0) / 1e6 });
      });
    });
    rq.on('error', () => resolve({ status: 0, headers: {}, text: '', bytes: 0, ms: null }));
    rq.setTimeout(60000, () => rq.destroy());
    rq.end(body);
  });
}
const get = (port, p, headers) => req(port, 'GET', p, headers);

/* A signed-in session: POST /login with the form's CSRF token; the cookie. */
async function login(port, user, password) {
  const form = await get(port, '/login');
  const t = [].concat(form.headers['set-cookie'] || []).find((c) => c.startsWith('yc_login='));
  const m = /name="csrf" value="([^"]+)"/.exec(form.text);
  if (!t || !m) return null;
  const body = new URLSearchParams({ user, password, next: '/', csrf: m[1] }).toString();
  const res = await req(port, 'POST', '/login', { 'Content-Type': 'application/x-www-form-urlencoded',
    'Content-Length': String(Buffer.byteLength(body)), Cookie: t.split(';')[0] }, body);
  const set = [].concat(res.headers['set-cookie'] || []).find((c) => c.startsWith('yc_session='));
  return set ? set.split(';')[0] : null;
}

const median = (a) => { const s = [...a].sort((x, y) => x - y); return s.length ? s[Math.floor((s.length - 1) / 2)] : null; };
const fmt = (x, d = 1) => (x === null || x === undefined ? 'n/a' : x.toFixed(d));

/* The synthetic rows, in SQL. Days are days since 1970-01-01. */
function generateSql(nEx, firstTie, lastTie) {
  const kinds = ['delegation_in', 'delegation_out', 'agreement', 'event', 'online_meeting', 'education', 'culture',
    'tourism', 'trade_mission', 'health', 'sports', 'youth', 'other'];
  const kindCase = kinds.map((k, i) => `WHEN ${i} THEN '${k}'`).join(' ');
  return `
PRAGMA journal_mode=WAL;
PRAGMA synchronous=OFF;
BEGIN;
INSERT INTO tie(home_city_id,partner_city_id,kind,status,est_date,est_precision,notes,created_at,updated_at)
  SELECT (SELECT value FROM meta WHERE key='home_city_id'), id,
    CASE abs(id) % 3 WHEN 0 THEN 'sister' WHEN 1 THEN 'cooperation' ELSE 'candidate' END, 'active',
    printf('%04d', 1980 + abs(id) % 40), 'year', 'synthetic bench tie (not a real partnership)',
    '2000-01-01T00:00:00Z', '2000-01-01T00:00:00Z'
  FROM city WHERE id NOT IN (SELECT partner_city_id FROM tie) AND id<>(SELECT value FROM meta WHERE key='home_city_id')
  ORDER BY population DESC, id LIMIT ${N_TIES};
CREATE TEMP TABLE tids(k INTEGER PRIMARY KEY, id INTEGER NOT NULL);
INSERT INTO tids SELECT row_number() OVER (ORDER BY id) - 1, id FROM tie WHERE notes LIKE 'synthetic bench tie%';
INSERT INTO unit(name_zh,name_en,kind,created_at,updated_at)
  VALUES('合成基准测试单位', 'Synthetic bench unit (not a real unit)', 'office', '2000-01-01T00:00:00Z', '2000-01-01T00:00:00Z');
CREATE TEMP TABLE g AS
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${nEx})
  SELECT i, 10957 + ((i * 7919) % (CAST(julianday('now') - 2440587.5 AS INTEGER) - 10957 - 1)) AS d,
    CASE WHEN i % 20 < 16 THEN 'day' WHEN i % 20 < 19 THEN 'month' ELSE 'year' END AS prec,
    (i * 31) % 13 AS ik, (1 << ((i * 17) % 10)) | CASE WHEN i % 3 = 0 THEN (1 << ((i * 13) % 10)) ELSE 0 END AS fields,
    (SELECT id FROM tids WHERE k = (i * 2654435761) % ${N_TIES}) AS tie
  FROM n;
INSERT INTO exchange(id,title,kind,date,precision,day0,day_mid,day_end,substantive,fields,ties,fingerprint,unit_id,created_at,updated_at)
  SELECT 10000000 + i, 'Synthetic bench exchange ' || i, CASE ik ${kindCase} END,
    CASE prec WHEN 'day' THEN date(d * 86400, 'unixepoch') WHEN 'month' THEN strftime('%Y-%m', d * 86400, 'unixepoch')
      ELSE strftime('%Y', d * 86400, 'unixepoch') END, prec,
    CASE prec WHEN 'day' THEN d WHEN 'month' THEN CAST(julianday(d * 86400, 'unixepoch', 'start of month') - 2440587.5 AS INTEGER)
      ELSE CAST(julianday(d * 86400, 'unixepoch', 'start of year') - 2440587.5 AS INTEGER) END,
    CASE prec WHEN 'day' THEN d WHEN 'month' THEN CAST(julianday(d * 86400, 'unixepoch', 'start of month', '+14 days') - 2440587.5 AS INTEGER)
      ELSE CAST(julianday(d * 86400, 'unixepoch', 'start of year', '+6 months') - 2440587.5 AS INTEGER) END,
    CASE prec WHEN 'day' THEN d WHEN 'month' THEN CAST(julianday(d * 86400, 'unixepoch', 'start of month', '+1 month', '-1 day') - 2440587.5 AS INTEGER)
      ELSE CAST(julianday(d * 86400, 'unixepoch', 'start of year', '+1 year', '-1 day') - 2440587.5 AS INTEGER) END,
    CASE WHEN ik IN (2, 4, 12) THEN 0 ELSE 1 END, fields, CAST(tie AS TEXT), i,
    CASE WHEN i % 10 = 0 THEN (SELECT max(id) FROM unit) END, '2000-01-01T00:00:00Z', '2000-01-01T00:00:00Z'
  FROM g;
INSERT INTO exchange_tie(tie_id,day_mid,exchange_id,day0,kind,substantive,fields)
  SELECT e.ties, e.day_mid, e.id, e.day0, g.ik, e.substantive, e.fields FROM exchange e JOIN g ON e.id = 10000000 + g.i;
COMMIT;
SELECT count(*) FROM exchange;
`;
}

async function main() {
  console.log(`youcheng report bench: SYNTHETIC data (${N_TIES.toLocaleString('en')} ties, ${N_EXCHANGES.toLocaleString('en')} exchanges; see the header of this file)`);
  console.log(`host: ${os.cpus().length} CPU(s), load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  if (!fs.existsSync(BIN)) { fail('setup', `no binary at ${BIN} (make youcheng)`); return; }
  TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'yc-bench-report-'));
  const db = path.join(TMP, 'bench.db');
  let r = run(BIN, ['init', '--db', db, '--demo']);
  if (r.code !== 0) { fail('init', r.err || r.out); return; }
  r = run('sqlite3', [db], { input: generateSql(N_EXCHANGES) });
  if (r.code !== 0) { fail('generate', r.err.slice(0, 400)); return; }
  console.log(`generated in SQL in ${r.secs.toFixed(1)} s; exchanges in the database: ${r.out.trim().split('\n').pop()}`);
  r = run(BIN, ['health', '--recompute', '--db', db]);
  if (r.code !== 0) { fail('health', r.err || r.out); return; }
  const PASSWORD = 'report bench password 7';
  r = run(BIN, ['user', 'add', 'bench', '--password-stdin', '--db', db], { input: `${PASSWORD}\n` });
  if (r.code !== 0) { fail('user', r.err || r.out); return; }

  const year = new Date().getUTCFullYear() - 1;
  const inYear = run('sqlite3', [db, `SELECT count(*) FROM exchange WHERE substr(date,1,4)='${year}';`]).out.trim();

  /* 2. The reference (the sqlite3 shell's own timer, median of 3). */
  const refMs = [];
  for (let i = 0; i < 3; i++) {
    const q = run('sqlite3', [db], { input: '.timer on\nSELECT kind, count(*) FROM exchange GROUP BY kind;\n' });
    const m = /Run Time: real ([\d.]+)/.exec(q.out + q.err);
    if (q.code === 0 && m) refMs.push(Number(m[1]) * 1000);
  }
  if (refMs.length === 0) fail('reference', 'sqlite3 gave no timing');

  /* 1. The report over HTTP. */
  const port = await freePort();
  server = cp.spawn(BIN, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--threads', '2', '--no-access-log'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let up = false;
  for (let i = 0; i < 200 && !up; i++) {
    if ((await get(port, '/healthz')).status === 200) up = true;
    else await new Promise((res) => setTimeout(res, 100));
  }
  if (!up) { fail('serve', 'the server did not answer /healthz'); return; }
  /* The server's CPU time (user + system, ms) from /proc: what a request
  ** costs whatever else runs on the host. */
  const tck = Number(run('getconf', ['CLK_TCK']).out.trim()) || 100;
  const cpuMs = () => {
    try {
      const f = fs.readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(f[11]) + Number(f[12])) * 1000 / tck;
    } catch (_) { return null; }
  };
  const measure = async (p, headers = {}) => {
    const w = await get(port, p, headers);
    if (w.status !== 200) { fail(p, `status ${w.status}`); return null; }
    const ms = [];
    const c0 = cpuMs();
    for (let i = 0; i < N_REQ; i++) {
      const x = await get(port, p, headers);
      if (x.status !== 200) { fail(p, `status ${x.status}`); return null; }
      ms.push(x.ms);
    }
    const c1 = cpuMs();
    return { p50: median(ms), max: Math.max(...ms), bytes: w.bytes, cpu: c0 !== null && c1 !== null ? (c1 - c0) / N_REQ : null };
  };
  const cookie = await login(port, 'bench', PASSWORD);
  if (!cookie) fail('login', 'no session cookie');
  const html = cookie ? await measure(`/reports/${year}?lang=en`, { Cookie: cookie }) : null;
  const api = cookie ? await measure(`/api/v1/reports/${year}`, { Cookie: cookie }) : null;
  const anon = await measure(`/reports/${year}?lang=en`);
  server.kill('SIGTERM');

  const ref = median(refMs);
  console.log('');
  console.log(`report of ${year} (${Number(inYear).toLocaleString('en')} of the exchanges fall in it; the previous year is computed too)`);
  if (anon) console.log(`  anonymous GET /reports/${year} (no health: the level changes are for signed-in users) p50 ${fmt(anon.p50)} ms  server CPU ${fmt(anon.cpu)} ms/request`);
  console.log('  signed in (every figure):');
  if (html) {
    console.log(`  GET /reports/${year}          p50 ${fmt(html.p50)} ms  max ${fmt(html.max)} ms  server CPU ${fmt(html.cpu)} ms/request  (${html.bytes} bytes)  target p50 < ${TARGET_MS} ms: ${html.p50 < TARGET_MS ? 'ok' : 'MISS'}`);
  }
  if (api) console.log(`  GET /api/v1/reports/${year}   p50 ${fmt(api.p50)} ms  max ${fmt(api.max)} ms  server CPU ${fmt(api.cpu)} ms/request  (${api.bytes} bytes)`);
  console.log(`  reference: SELECT kind, count(*) FROM exchange GROUP BY kind (sqlite3 shell .timer, real)  median ${fmt(ref)} ms`);
  console.log(`  host load at the end: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} (${os.cpus().length} CPUs)`);
  if (html && ref) console.log(`  ratio: report HTML p50 / reference = ${(html.p50 / ref).toFixed(2)}`);
}

main().then(() => {
  cleanup();
  if (errors.length) { console.log(`\nsteps that could not run:\n  ${errors.join('\n  ')}`); process.exit(1); }
}, (e) => { console.log(e); cleanup(); process.exit(1); });
