#!/usr/bin/env node
// bench/pg.bench.js: youcheng on PostgreSQL, one and two servers (issue 15).
// Run from the repo root: `node bench/pg.bench.js` (or `make bench`).
//
// The cluster: YC_PG (a running private cluster's connection string, e.g.
// `make -s pg-start`) or one test/common.js starts on demand in the OS temp
// dir. Databases: a copy of the demo template on PostgreSQL (CREATE
// DATABASE ... TEMPLATE, test/common.js) and a copy of the SQLite demo
// template. Servers (each `youcheng serve --threads YC_PG_THREADS`, default
// 2 as bench/run.js): A and B on the PostgreSQL database, S on the SQLite
// one; one nginx (worker_processes 2, access log off, its own prefix and
// config in a temp dir) in front: a port balancing A and B (least_conn,
// keepalive), a port proxying to A alone, and a port serving the answers'
// bytes as static files.
//
//   1. GET /api/v1/partners (the demo list) and GET /api/v1/cities?q=...
//      (a city search), each with `wrk -t2 -c64 -d10s --latency` (after a
//      1 s warm-up) through: A directly (1 PG server); nginx -> A; nginx ->
//      A + B (2 PG servers); S directly (1 SQLite server); and the
//      reference, nginx serving the same bytes as a file (checked byte for
//      byte). requests/s, p50, p99, non-2xx.
//   2. Mixed load through nginx -> A + B: 95% reads (the partner list,
//      every partner, the countries, two searches) and 5% writes (POST
//      /api/v1/orgs, synthetic organisations, bench/mixed.lua), 64
//      connections, BENCH_SECONDS (default 60) seconds: throughput, p50,
//      p99, errors (any answer but 200/201, socket errors); afterwards every
//      acknowledged write is read back by id (GET /api/v1/orgs/ID through
//      nginx) and counted in the database (psql).
//
// Every record written is synthetic ("Synthetic bench org ..."). A report,
// not a test: it prints figures and references; exits 0 when everything
// could be measured, 1 when a step could not run. The temp dirs and the
// PostgreSQL database are removed at the end (also on Ctrl-C).
'use strict';
const cp = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const common = require('../test/common.js');

const BIN = process.env.YC_BIN ? path.resolve(process.env.YC_BIN) : path.resolve(__dirname, '../youcheng');
const SECS = Number(process.env.BENCH_SECONDS || 60);
const READ_SECS = Math.min(10, SECS);
const THREADS = Number(process.env.YC_PG_THREADS || 2);
const CONNS = 64;
const LUA = path.resolve(__dirname, 'mixed.lua');
const NGINX = process.env.NGINX || 'nginx';
const CITY_Q = '和歌山';

const procs = [];
const failed = [];      /* steps that could not run */
const dirs = [];
let pgDb = null;
function cleanup() {
  for (const p of procs) if (p.exitCode === null && p.signalCode === null) { try { p.kill('SIGKILL'); } catch (e) { /* gone */ } }
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  dirs.length = 0;
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { cleanup(); process.exit(130); });

function req(port, method, p, { token, body } = {}) {
  return new Promise((resolve, reject) => {
    const headers = {};
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body) { headers['Content-Type'] = 'application/json'; headers['Content-Length'] = Buffer.byteLength(body); }
    const r = http.request({ host: '127.0.0.1', port, path: p, method, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (b) => chunks.push(b));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks) }));
    });
    r.on('error', reject);
    r.setTimeout(30_000, () => r.destroy(new Error(`${method} ${p}: no answer in 30 s`)));
    r.end(body);
  });
}

const UNIT_MS = { us: 0.001, ms: 1, s: 1000, m: 60000 };
const toMs = (s) => { const m = /^([\d.]+)(us|ms|s|m)$/.exec(s || ''); return m ? Number(m[1]) * UNIT_MS[m[2]] : null; };

/* wrk; resolves {rps, p50, p99, non2xx, socketErrors, out}. */
function wrk(args, env) {
  return new Promise((resolve, reject) => {
    const proc = cp.spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let out = '';
    proc.stdout.on('data', (d) => { out += d; });
    proc.stderr.on('data', (d) => { out += d; });
    proc.on('error', reject);
    proc.on('close', (code) => {
      const rps = /Requests\/sec:\s+([\d.]+)/.exec(out);
      const p50 = /^\s+50%\s+(\S+)/m.exec(out), p99 = /^\s+99%\s+(\S+)/m.exec(out);
      const dur = /requests in ([\d.]+)(us|ms|s|m),/.exec(out);
      const n2 = /Non-2xx or 3xx responses: (\d+)/.exec(out);
      const se = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
      if (code !== 0 || !rps) return reject(new Error(`wrk ${args.join(' ')}: exit ${code}: ${out}`));
      resolve({ rps: Number(rps[1]), p50: toMs(p50 && p50[1]), p99: toMs(p99 && p99[1]), non2xx: n2 ? Number(n2[1]) : 0,
        socketErrors: se ? se.slice(1).reduce((s, x) => s + Number(x), 0) : 0, secs: dur ? toMs(dur[1] + dur[2]) / 1000 : null, out });
    });
  });
}

async function load(url) {
  await wrk(['-t2', `-c${CONNS}`, '-d1s', url]);      /* warm-up */
  return wrk(['-t2', `-c${CONNS}`, `-d${READ_SECS}s`, '--latency', url]);
}

async function account(db) {
  let r = await common.run(BIN, ['user', 'add', 'benchwriter', '--role', 'editor', '--password-stdin', '--db', db], { input: 'synthetic bench passphrase\n' });
  if (r.code !== 0) throw new Error(`user add: ${r.stderr}`);
  r = await common.run(BIN, ['token', 'create', 'benchwriter', '--db', db]);
  if (r.code !== 0) throw new Error(`token create: ${r.stderr}`);
  return r.stdout.trim();
}

async function serve(db, log) {
  const srv = await common.startServe(BIN, db, { threads: THREADS, args: ['--access-log', log],
    healthy: async (port) => (await req(port, 'GET', '/healthz')).status === 200 });
  procs.push(srv.proc);
  return srv;
}

async function startNginx(dir, { a, b, files }) {
  const [pBoth, pOne, pStatic] = [await common.freePort(), await common.freePort(), await common.freePort()];
  fs.mkdirSync(path.join(dir, 'logs'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'www'), { recursive: true });
  for (const [name, bytes] of Object.entries(files)) fs.writeFileSync(path.join(dir, 'www', name), bytes);
  const proxy = (up) => `location / { proxy_pass http://${up}; proxy_http_version 1.1; proxy_set_header Connection ""; ` +
    'proxy_set_header Host $host; proxy_set_header X-Forwarded-For $remote_addr; }';
  /* As root, workers as root too (as bench/run.js): the temp dir is 0700. */
  const user = process.getuid && process.getuid() === 0 ? 'user root;' : '';
  const conf = `daemon off;
${user}
worker_processes 2;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  default_type application/json;
  client_body_temp_path ${dir}/tmp-body; proxy_temp_path ${dir}/tmp-proxy; fastcgi_temp_path ${dir}/tmp-fcgi;
  uwsgi_temp_path ${dir}/tmp-uwsgi; scgi_temp_path ${dir}/tmp-scgi;
  upstream both { least_conn; server 127.0.0.1:${a}; server 127.0.0.1:${b}; keepalive 64; }
  upstream one { server 127.0.0.1:${a}; keepalive 64; }
  server { listen 127.0.0.1:${pBoth}; ${proxy('both')} }
  server { listen 127.0.0.1:${pOne}; ${proxy('one')} }
  server { listen 127.0.0.1:${pStatic}; root ${dir}/www; }
}
`;
  fs.writeFileSync(path.join(dir, 'nginx.conf'), conf);
  const args = ['-p', dir, '-e', path.join(dir, 'logs/error.log'), '-c', path.join(dir, 'nginx.conf')];
  const t = cp.spawnSync(NGINX, ['-t', '-q', ...args], { encoding: 'utf8' });
  if (t.status !== 0) throw new Error(`nginx -t: ${t.stderr}`);
  const proc = cp.spawn(NGINX, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  procs.push(proc);
  for (let i = 0; i < 100; i++) {
    try { if ((await req(pStatic, 'GET', `/${Object.keys(files)[0]}`)).status === 200) return { proc, pBoth, pOne, pStatic }; } catch (e) { /* not yet */ }
    await common.sleep(50);
  }
  throw new Error('nginx did not answer');
}

const f = (x, d = 2) => (x === null || x === undefined ? 'n/a' : x.toFixed(d));

async function main() {
  console.log(`youcheng on PostgreSQL: wrk -t2 -c${CONNS}, reads ${READ_SECS} s a row, mixed ${SECS} s; servers --threads ${THREADS}`);
  console.log(`host: ${os.cpus().length} CPU(s), load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  for (const tool of ['wrk', NGINX, 'psql']) {
    if (cp.spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) throw new Error(`${tool} is not installed (tools/setup.sh; make bench installs wrk)`);
  }
  const base = await common.pg.cluster();
  const pgv = (await common.pg.psql(base, 'SHOW server_version')).trim();
  console.log(`PostgreSQL ${pgv} at ${base}`);

  const pgFresh = await common.pg.freshDb(BIN, 'yc-bench-pg-');
  pgDb = pgFresh.db;
  dirs.push(pgFresh.dir);
  const sq = await common.sqlite.freshDb(BIN, 'yc-bench-pg-sqlite-');
  dirs.push(sq.dir);
  const ngDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yc-bench-pg-nginx-'));
  dirs.push(ngDir);

  const A = await serve(pgDb, path.join(pgFresh.dir, 'access-a.log'));
  const B = await serve(pgDb, path.join(pgFresh.dir, 'access-b.log'));
  const S = await serve(sq.db, path.join(sq.dir, 'access.log'));

  const paths = { partners: '/api/v1/partners', cities: `/api/v1/cities?q=${encodeURIComponent(CITY_Q)}` };
  const files = {};
  for (const [k, p] of Object.entries(paths)) {
    const a = await req(A.port, 'GET', p), s = await req(S.port, 'GET', p);
    if (a.status !== 200 || s.status !== 200) throw new Error(`${p}: PG ${a.status}, SQLite ${s.status}`);
    /* The two templates were made at different times: their records'
    ** timestamps differ, nothing else should. */
    const strip = (b) => b.toString().replace(/"(created_at|updated_at)":"[^"]*"/g, '');
    if (strip(a.body) !== strip(s.body)) console.log(`  note: ${p} differs between PostgreSQL (${a.body.length} B) and SQLite (${s.body.length} B) beyond timestamps`);
    files[`${k}.json`] = a.body;
  }
  const ng = await startNginx(ngDir, { a: A.port, b: B.port, files });
  for (const k of Object.keys(paths)) {
    const r = await req(ng.pStatic, 'GET', `/${k}.json`);
    if (r.status !== 200 || !r.body.equals(files[`${k}.json`])) throw new Error(`nginx does not serve ${k}.json byte for byte`);
  }

  /* 1. Reads. */
  console.log('\n1. reads (wrk -t2 -c64)');
  console.log('  request          through                      req/s    p50 ms   p99 ms  non-2xx  vs nginx file');
  for (const [k, p] of Object.entries(paths)) {
    const rows = [
      ['1 PG server', `http://127.0.0.1:${A.port}${p}`],
      ['nginx -> 1 PG server', `http://127.0.0.1:${ng.pOne}${p}`],
      ['nginx -> 2 PG servers', `http://127.0.0.1:${ng.pBoth}${p}`],
      ['1 SQLite server', `http://127.0.0.1:${S.port}${p}`],
      ['nginx, same bytes', `http://127.0.0.1:${ng.pStatic}/${k}.json`],
    ];
    const out = [];
    for (const [label, url] of rows) out.push([label, await load(url)]);
    const ref = out[out.length - 1][1].rps;
    for (const [label, m] of out) {
      console.log(`  ${k.padEnd(15)}  ${label.padEnd(26)} ${f(m.rps, 0).padStart(8)}  ${f(m.p50).padStart(7)}  ${f(m.p99).padStart(7)}  ${String(m.non2xx + m.socketErrors).padStart(7)}  ${f(m.rps / ref)}`);
    }
  }
  console.log(`  (${paths.partners}: ${files['partners.json'].length} B; ${paths.cities}: ${files['cities.json'].length} B; answers from the response cache after the first)`);

  /* 2. Mixed load through nginx to A and B. */
  try {
    await mixed(A, ng, pgDb, path.join(ngDir, 'wrk.out'), pgFresh.dir);
  } catch (e) {
    failed.push(`mixed load: ${e.message.split('\n').slice(0, 6).join(' | ')}`);
  }

  /* Shutdown. */
  ng.proc.kill('SIGQUIT');
  for (const s of [A, B, S]) s.proc.kill('SIGTERM');
  await Promise.all([A, B, S].map((s) => s.exited));
  console.log(`\nhost load at the end: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} (2 cores shared: figures move with it)`);
}

/* The mixed load (step 2) through nginx -> A + B. */
async function mixed(A, ng, pgDb, outFile, logDir) {
  const token = await account(pgDb);
  const list = JSON.parse((await req(A.port, 'GET', '/api/v1/partners?limit=100')).body);
  const readPaths = ['/api/v1/partners', '/api/v1/countries', `/api/v1/search?q=${encodeURIComponent('Wakayama')}`,
    `/api/v1/search?q=${encodeURIComponent('和歌山')}`, ...list.items.map((x) => `/api/v1/partners/${x.id}`)];
  const phase = `pg${process.pid}`;
  console.log(`\n2. mixed: 95% reads (${readPaths.length} paths) / 5% writes (POST /api/v1/orgs), ${CONNS} connections, ${SECS} s, through nginx -> 2 PG servers`);
  const m = await wrk(['-t2', `-c${CONNS}`, `-d${SECS}s`, '--latency', '-s', LUA, `http://127.0.0.1:${ng.pBoth}`, '--', '0.05', token, phase, ...readPaths],
    { YC_MIXED_OUT: outFile });
  const lines = Object.fromEntries(fs.readFileSync(outFile, 'utf8').trim().split('\n').map((l) => { const i = l.indexOf(' '); return [l.slice(0, i), l.slice(i + 1)]; }));
  const ids = lines.ids ? lines.ids.split(',').filter(Boolean) : [];
  const errors = Number(lines.errors) + m.socketErrors;
  /* Every acknowledged write, read back by id through the balancer. */
  let present = 0, absent = 0;
  const unknown = ids.filter((x) => x === '?').length;
  const queue = ids.filter((x) => x !== '?');
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (queue.length) {
      const id = queue.pop();
      const r = await req(ng.pBoth, 'GET', `/api/v1/orgs/${id}`, { token });
      if (r.status === 200 && JSON.parse(r.body).name_en.startsWith(`Synthetic bench org ${phase}-`)) present++;
      else absent++;
    }
  }));
  const inDb = Number((await common.pg.psql(pgDb, `SELECT count(*) FROM org WHERE name_en LIKE ${common.pg.lit(`Synthetic bench org ${phase}-%`)}`)).trim());
  const perServer = (log) => { try { return fs.readFileSync(log, 'utf8').split('\n').filter(Boolean).length; } catch (e) { return 0; } };
  console.log('  req/s    reads/s  writes/s  p50 ms  p99 ms  errors  writes acked  read back  missing  in db');
  console.log(`  ${f(m.rps, 0).padStart(6)}  ${f(Number(lines.reads) / m.secs, 0).padStart(8)}  ${f(Number(lines.writes) / m.secs, 1).padStart(8)}  ${f(m.p50).padStart(6)}  ${f(m.p99).padStart(6)}  ` +
    `${String(errors).padStart(6)}  ${String(ids.length).padStart(12)}  ${String(present).padStart(9)}  ${String(absent + unknown).padStart(7)}  ${String(inDb).padStart(5)}`);
  console.log(`  requests logged by server A: ${perServer(path.join(logDir, 'access-a.log'))}, by B: ${perServer(path.join(logDir, 'access-b.log'))} (the whole run)`);
  console.log(`  every acknowledged write present: ${absent + unknown === 0 && present === ids.length ? 'ok' : 'MISS'}; 0 errors: ${errors === 0 ? 'ok' : 'MISS'}`);
}

main().then(async () => {
  if (pgDb) await common.pg.drop(pgDb).catch(() => {});
  cleanup();
  if (failed.length) { console.log(`\ncould not run: ${failed.join('; ')}`); process.exit(1); }
}, async (e) => {
  console.error(e.stack || String(e));
  if (pgDb) await common.pg.drop(pgDb).catch(() => {});
  cleanup();
  process.exit(1);
});
