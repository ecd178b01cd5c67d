#!/usr/bin/env node
// bench/participation.bench.js: the participation matrix (ties x events) at scale.
// Run from the repo root (`node bench/participation.bench.js`, or `make bench`).
//
// SYNTHETIC DATA. In a temporary database (no demo data, home city Jinan)
// this makes, with the sqlite3 shell: 3,000 synthetic ties (to the 3,000
// most populous cities other than the home city, noted "synthetic bench
// tie"), 10 synthetic series, 500 synthetic events ("Synthetic bench event
// N", 2000 to 2024, 50 per series, held) and 30,000 synthetic invitations
// (60 distinct ties per event, statuses drawn with a fixed seed). None of
// it is real. Then, with `wrk -t1 -c1 -d5s --latency` (one client; the
// matrix is never served from the response cache):
//
//   1. GET /api/v1/participation (the default: the latest 40 events, the
//      first 100 ties by name, totals over all 500 events, the callouts);
//   2. the same with the widest answer (200 events x 500 ties: 650 KB, reported);
//   3. one year (from=2012&to=2012), and one series;
//   4. the page GET /participation (default scope, HTML);
// each against GET /healthz measured in the same run, and a static file of
// about the size of answer 1 (/static/..., served from memory: what moving
// those bytes costs). Target: p50 < 20 ms for the API and the page.
//
// It is a report, not a test: it prints figures, references, ratios and an
// ok/MISS marker per target, and exits 0 whenever everything could be
// measured; 1 only when a step could not run. Node built-ins only.
'use strict';

const cp = require('child_process');
const fs = require('fs');
const http = require('http');
const net = require('net');
const os = require('os');
const path = require('path');
const common = require('../test/common.js');

const ROOT = path.resolve(__dirname, '..');
const BIN = process.env.YC_BIN ? path.resolve(process.env.YC_BIN) : path.join(ROOT, 'youcheng');
const N_TIES = 3000, N_EVENTS = 500, N_SERIES = 10, PER_EVENT = 60;
const SERIAL = { threads: 1, conns: 1, secs: 5 };
const TARGET_MS = 20;

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

function get(port, p) {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: p, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks) }));
    });
    req.on('error', () => resolve({ status: 0, body: Buffer.alloc(0) }));
    req.setTimeout(10000, () => req.destroy());
  });
}

function toMs(s) {
  const m = /^([\d.]+)(us|ms|s)$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * (m[2] === 'us' ? 0.001 : m[2] === 'ms' ? 1 : 1000);
}

function wrk(url) {
  const r = run('wrk', [`-t${SERIAL.threads}`, `-c${SERIAL.conns}`, `-d${SERIAL.secs}s`, '--latency', url]);
  const out = r.out + r.err;
  const p50 = /^\s+50%\s+(\S+)/m.exec(out), p99 = /^\s+99%\s+(\S+)/m.exec(out), rps = /Requests\/sec:\s+([\d.]+)/.exec(out);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(out);
  if (r.code !== 0 || !p50) return { failed: `wrk exit ${r.code}: ${out.trim().split('\n').slice(-2).join(' | ')}` };
  return { p50: toMs(p50[1]), p99: p99 ? toMs(p99[1]) : null, rps: rps ? Number(rps[1]) : null, non2xx: non2xx ? Number(non2xx[1]) : 0 };
}

const fmt = (x, d = 2) => (x === null || x === undefined ? 'n/a' : x.toFixed(d));

/* The synthetic series, events and invitations as SQL. */
function syntheticSql(tieIds) {
  const r = common.prng(20250919);
  const st = ['invited', 'accepted', 'declined', 'attended', 'attended', 'attended', 'no_show', 'to_invite'];
  const out = ['BEGIN;'];
  for (let s = 1; s <= N_SERIES; s++) {
    out.push(`INSERT INTO event_series(id,kind,name_en,description,created_at,updated_at) VALUES(${s},'${s % 2 ? 'series' : 'network'}',`
      + `'Synthetic bench series ${s}','synthetic bench data (not real)','2000-01-01','2000-01-01');`);
  }
  const day0 = Date.UTC(2000, 0, 1) / 86400000, span = Date.UTC(2024, 11, 31) / 86400000 - day0;
  for (let e = 1; e <= N_EVENTS; e++) {
    const d = Math.floor(day0 + r() * span);
    const iso = new Date(d * 86400000).toISOString().slice(0, 10);
    out.push(`INSERT INTO event(id,series_id,title_en,kind,status,start_date,start_precision,start_day0,day_end,home_city_id,notes,`
      + `created_at,updated_at) VALUES(${e},${1 + (e % N_SERIES)},'Synthetic bench event ${e}','forum','held','${iso}','day',${d},${d + 2},`
      + `1805753,'synthetic bench event (not real)','2000-01-01','2000-01-01');`);
    const chosen = new Set();
    while (chosen.size < PER_EVENT) chosen.add(tieIds[Math.floor(r() * tieIds.length)]);
    for (const t of chosen) {
      out.push(`INSERT INTO invitation(event_id,tie_id,status,created_at,updated_at) VALUES(${e},${t},'${st[Math.floor(r() * st.length)]}',`
        + `'2000-01-01','2000-01-01');`);
    }
  }
  out.push('COMMIT;');
  return out.join('\n');
}

async function main() {
  console.log('youcheng participation bench: SYNTHETIC data (3,000 ties, 500 events, 30,000 invitations; see the header of this file)');
  console.log(`host: ${os.cpus().length} CPU(s), load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  if (!fs.existsSync(BIN)) { fail('setup', `no binary at ${BIN} (make youcheng)`); return; }
  TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'yc-bench-participation-'));
  const db = path.join(TMP, 'bench.db'), sqlFile = path.join(TMP, 'synthetic.sql');
  let r = run(BIN, ['init', '--db', db]);
  if (r.code !== 0) { fail('init', r.err || r.out); return; }
  r = run('sqlite3', [db, `INSERT INTO tie(home_city_id,partner_city_id,kind,status,est_date,est_precision,notes,created_at,updated_at)
    SELECT 1805753, id, CASE abs(id) % 3 WHEN 0 THEN 'sister' WHEN 1 THEN 'cooperation' ELSE 'candidate' END, 'active',
      printf('%04d', 1980 + abs(id) % 40), 'year', 'synthetic bench tie (not a real partnership)', '2000-01-01T00:00:00Z', '2000-01-01T00:00:00Z'
    FROM city WHERE id<>1805753 ORDER BY population DESC, id LIMIT ${N_TIES};
    SELECT group_concat(id) FROM tie;`]);
  if (r.code !== 0) { fail('ties', r.err); return; }
  const tieIds = r.out.trim().split(',').map(Number);
  if (tieIds.length !== N_TIES) { fail('ties', `made ${tieIds.length} ties`); return; }
  fs.writeFileSync(sqlFile, syntheticSql(tieIds));
  r = run('sqlite3', [db, `.read ${sqlFile}`]);
  if (r.code !== 0) { fail('events', r.err.slice(0, 300)); return; }
  r = run('sqlite3', [db, 'SELECT (SELECT count(*) FROM event), (SELECT count(*) FROM invitation), (SELECT count(*) FROM tie);']);
  console.log(`made events|invitations|ties: ${r.out.trim()} (synthetic)`);
  if (process.env.YC_BENCH_KEEP_DB) fs.copyFileSync(db, process.env.YC_BENCH_KEEP_DB);   /* for profiling by hand */

  if (process.env.YC_BENCH_KEEP_DB) return;
  const port = await freePort();
  server = cp.spawn(BIN, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--threads', '2', '--no-access-log'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let up = false;
  for (let i = 0; i < 200 && !up; i++) {
    if ((await get(port, '/healthz')).status === 200) up = true;
    else await new Promise((res) => setTimeout(res, 100));
  }
  if (!up) { fail('serve', 'no /healthz answer'); return; }
  const cases = [
    ['API default (40 events x 100 ties)', '/api/v1/participation', true],
    ['API widest (200 events x 500 ties)', '/api/v1/participation?events=200&limit=500', false],
    ['API one year (2012)', '/api/v1/participation?from=2012&to=2012', true],
    ['API one series', '/api/v1/participation?series=3', true],
    ['page /participation (default)', '/participation?lang=en', true],
    ['page /participation widest', '/participation?events=200&limit=500&lang=en', false],
  ];
  const sizes = {};
  for (const [name, p] of cases) {
    const g = await get(port, p);
    if (g.status !== 200) { fail(name, `HTTP ${g.status}: ${g.body.toString().slice(0, 200)}`); return; }
    sizes[p] = g.body.length;
  }
  /* The static file closest in size to the default API answer. */
  const target = sizes['/api/v1/participation'];
  let stat = null;
  for (const f of fs.readdirSync(path.join(ROOT, 'src/web/static'))) {
    const n = fs.statSync(path.join(ROOT, 'src/web/static', f)).size;
    if (!stat || Math.abs(n - target) < Math.abs(stat.n - target)) stat = { f, n };
  }
  const hz1 = wrk(`http://127.0.0.1:${port}/healthz`);
  const st = stat ? wrk(`http://127.0.0.1:${port}/static/${stat.f}`) : null;
  const res = cases.map(([name, p, bTarget]) => [name, p, bTarget, wrk(`http://127.0.0.1:${port}${p}`)]);
  const hz2 = wrk(`http://127.0.0.1:${port}/healthz`);
  for (const [n, x] of [['healthz', hz1], ['healthz', hz2], ...res.map((x) => [x[0], x[3]])]) if (x && x.failed) fail(`wrk ${n}`, x.failed);
  server.kill('SIGTERM');
  await new Promise((ok) => { server.on('exit', ok); setTimeout(ok, 5000); });

  const hz = !hz1.failed && !hz2.failed ? Math.min(hz1.p50, hz2.p50) : null;
  console.log('');
  console.log('request                                   bytes      p50 ms    p99 ms   x healthz  target');
  for (const [name, p, bTarget, x] of res) {
    if (x.failed) continue;
    console.log(`${name.padEnd(40)} ${String(sizes[p]).padStart(8)} ${fmt(x.p50, 3).padStart(9)} ${fmt(x.p99, 3).padStart(9)}`
      + ` ${hz ? (x.p50 / hz).toFixed(1).padStart(9) + 'x' : '       n/a'}  ${bTarget ? `< ${TARGET_MS} ms ${x.p50 < TARGET_MS ? 'ok' : 'MISS'}` : '(reported)'}`
      + `${x.non2xx ? ` ${x.non2xx} non-2xx!` : ''}`);
  }
  console.log(`reference GET /healthz                          ${fmt(hz1.p50, 3).padStart(9)} (first) ${fmt(hz2.p50, 3)} (last)`);
  if (st && !st.failed) {
    console.log(`reference GET /static/${stat.f} (${stat.n} bytes, closest in size to the default answer) p50 ${fmt(st.p50, 3)} ms`
      + ` (${hz ? (st.p50 / hz).toFixed(1) : 'n/a'}x healthz); the default API answer is ${fmt(res[0][3].p50 / st.p50, 1)}x that`);
  }
  console.log(`host load at the end: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} (2 cores shared: figures move with it)`);
}

main().then(() => {
  cleanup();
  if (errors.length) { console.log(`\ncould not run: ${errors.join('; ')}`); process.exit(1); }
  process.exit(0);
}, (e) => { cleanup(); console.error(e); process.exit(1); });
