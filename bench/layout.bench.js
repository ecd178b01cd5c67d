#!/usr/bin/env node
// bench/layout.bench.js: figures for layout analysis and the world
// twin-city network (run by `make bench` after bench/run.js, or alone with
// `node bench/layout.bench.js` from the repo root). A measurement report,
// not a test: it prints figures, a reference measured in the same run and
// the ratio, with ok/MISS against each target; exit 1 only if something
// could not run.
//
//  [1] `youcheng import twins` of the public Wikipedia-derived file
//      (25,917 pairs; ../shared/data, skipped cleanly when absent), target
//      < 3 s; reference: the same command on a one-row file (process start,
//      database open, loading the cities for resolution). Every shared file
//      and the order of imports: bench/twins.bench.js.
//  [2] GET /api/v1/layout?list=bri: wrk -t1 -c1 --latency p50 (the answer
//      is cached between writes), reference GET /healthz; and the
//      uncached analysis: the first request of each list right after start.
//      Target < 50 ms.
//  [3] GET /api/v1/layout/candidates?country=XX: wrk p50 for US, and the
//      uncached ranking of ten countries. Target < 200 ms.
// Node built-ins only.
'use strict';

const cp = require('child_process');
const fs = require('fs');
const http = require('http');
const net = require('net');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const BIN = process.env.YC_BIN ? path.resolve(process.env.YC_BIN) : path.join(ROOT, 'youcheng');
const SERIAL = { threads: 1, conns: 1, secs: 5 };
const TARGET = { importSec: 3, layoutMs: 50, candMs: 200 };
const errors = [];
let server = null;
let TMP = null;

function fail(step, msg) { errors.push(step); console.log(`  !! ${step}: could not run: ${msg}`); }
function sleep(ms) { return new Promise((r) => setTimeout(r, ms)); }
function mark(ok) { return ok ? 'ok' : 'MISS'; }
function median(a) { const s = [...a].sort((x, y) => x - y); return s.length ? s[Math.floor((s.length - 1) / 2)] : null; }

function run(args, input) {
  const t0 = process.hrtime.bigint();
  const r = cp.spawnSync(BIN, args, { input, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: r.status, stdout: r.stdout || '', stderr: r.stderr || '', ms: Number(process.hrtime.bigint() - t0) / 1e6 };
}

function sharedData() {
  for (const d of [path.resolve(ROOT, '../shared/data'), '/work/shared/data']) {
    const f = path.join(d, 'twin_cities_wikipedia_geocoded.csv');
    if (fs.existsSync(f)) return f;
  }
  return null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
}

function get(port, p) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const req = http.get({ host: '127.0.0.1', port, path: p, agent: false }, (res) => {
      let n = 0;
      res.on('data', (b) => { n += b.length; });
      res.on('end', () => resolve({ status: res.statusCode, ms: Number(process.hrtime.bigint() - t0) / 1e6, bytes: n }));
    });
    req.on('error', reject);
  });
}

function parseMs(v, unit) {
  const x = parseFloat(v);
  return unit === 'us' ? x / 1000 : unit === 's' ? x * 1000 : unit === 'm' ? x * 60000 : x;
}

function wrk(url) {
  const args = [`-t${SERIAL.threads}`, `-c${SERIAL.conns}`, `-d${SERIAL.secs}s`, '--latency', url];
  const r = cp.spawnSync('wrk', args, { encoding: 'utf8' });
  const out = (r.stdout || '') + (r.stderr || '');
  const m = /\n\s+50%\s+([\d.]+)(us|ms|s|m)\b/.exec(out);
  const q = /Requests\/sec:\s+([\d.]+)/.exec(out);
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(out);
  if (r.status !== 0 || !m) return { failed: `wrk exit ${r.status}: ${out.trim().split('\n').slice(-2).join(' | ')}` };
  return { p50: parseMs(m[1], m[2]), rps: q ? Number(q[1]) : null, non2xx: non2xx ? Number(non2xx[1]) : 0 };
}

async function startServer(db) {
  const port = await freePort();
  const proc = cp.spawn(BIN, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--threads', '2', '--no-access-log'], { stdio: ['ignore', 'pipe', 'pipe'] });
  server = { proc, port };
  for (let i = 0; i < 200; i++) {
    try { if ((await get(port, '/healthz')).status === 200) return port; } catch (e) { /* not yet */ }
    await sleep(50);
  }
  throw new Error('server did not start');
}

async function stopServer() {
  if (!server) return;
  server.proc.kill('SIGTERM');
  await new Promise((r) => { if (server.proc.exitCode !== null) r(); else server.proc.once('exit', r); });
  server = null;
}

async function main() {
  if (!fs.existsSync(BIN)) { console.log(`layout bench: ${BIN} missing (make youcheng)`); process.exit(1); }
  TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'yc-layout-bench-'));
  const db = path.join(TMP, 'b.db');
  console.log('layout bench: layout analysis and the world twin-city network');
  let r = run(['init', '--db', db, '--demo']);
  if (r.code !== 0) { fail('init', r.stderr); return; }

  // [1] import
  const f = sharedData();
  console.log('\n[1] youcheng import twins (Wikipedia-derived file, 25,917 pairs)');
  if (!f) {
    console.log('  skipped: ../shared/data/twin_cities_wikipedia_geocoded.csv not present');
  } else {
    const one = path.join(TMP, 'one.csv');
    fs.writeFileSync(one, fs.readFileSync(f, 'utf8').split('\n').slice(0, 2).join('\n') + '\n');
    const ref = run(['import', 'twins', one, '--dry-run', '--json', '--db', db]);
    r = run(['import', 'twins', f, '--json', '--db', db]);
    if (r.code !== 0 || ref.code !== 0) { fail('import', r.stderr || ref.stderr); }
    else {
      const rep = JSON.parse(r.stdout);
      const sec = r.ms / 1000;
      console.log(`  import      ${sec.toFixed(2)} s wall (core ${rep.seconds.toFixed(2)} s, of which resolution ${rep.seconds_resolve.toFixed(2)} s;` +
        ` CPU ${rep.cpu_seconds.toFixed(2)} s)   target < ${TARGET.importSec} s  ${mark(sec < TARGET.importSec)}`);
      console.log(`  machine     load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs (wall time grows with other work; CPU time does not)`);
      console.log(`  reference   ${(ref.ms / 1000).toFixed(2)} s for a one-row file (start, open, load the 200k-place gazetteer); ratio ${(r.ms / ref.ms).toFixed(1)}x`);
      console.log(`  resolved    ${rep.resolved} of ${rep.rows} rows (${(100 * rep.rate).toFixed(1)}%); not resolved ${rep.unresolved}; low-confidence sides ${rep.low_confidence}`);
      console.log(`  by method   ${Object.entries(rep.resolved_by).map(([k, v]) => `${k} ${v}`).join(', ')}`);
      console.log(`  unresolved  ${Object.entries(rep.unresolved_by).map(([k, v]) => `${k} ${v}`).join(', ')}`);
      const again = run(['import', 'twins', f, '--json', '--db', db]);
      if (again.code === 0) {
        const a = JSON.parse(again.stdout);
        console.log(`  re-import   ${(again.ms / 1000).toFixed(2)} s, ${a.pairs_new} new pairs, ${a.network.pairs_added} pairs added (must be 0, 0)`);
      }
    }
  }

  // [2], [3] over HTTP
  const port = await startServer(db);
  const Y = (p) => `http://127.0.0.1:${port}${p}`;
  const lists = ['bri', 'neighbours', 'major', 'oecd', 'wb_low', 'wb_lower_middle', 'wb_upper_middle', 'wb_high'];
  const cold = [];
  for (const l of ['', ...lists]) {
    const x = await get(port, `/api/v1/layout${l ? `?list=${l}` : ''}`);
    if (x.status !== 200) { fail('layout', `status ${x.status}`); break; }
    cold.push(x.ms);
  }
  const coldC = [];
  for (const c of ['US', 'DE', 'FR', 'JP', 'RU', 'BR', 'IN', 'IT', 'GB', 'ES']) {
    const x = await get(port, `/api/v1/layout/candidates?country=${c}&limit=20`);
    if (x.status !== 200) { fail('candidates', `status ${x.status}`); break; }
    coldC.push(x.ms);
  }
  const hz = wrk(Y('/healthz'));
  const lay = wrk(Y('/api/v1/layout?list=bri'));
  const cand = wrk(Y('/api/v1/layout/candidates?country=US&limit=20'));
  for (const [n, w] of [['healthz', hz], ['layout', lay], ['candidates', cand]]) if (w.failed) fail(`wrk ${n}`, w.failed);
  console.log(`\n[2] GET /api/v1/layout   (wrk -t1 -c1 -d${SERIAL.secs}s --latency; reference GET /healthz)`);
  if (!lay.failed && !hz.failed) {
    console.log(`  p50 (cached answer)  ${lay.p50.toFixed(3)} ms   /healthz ${hz.p50.toFixed(3)} ms   ratio ${(lay.p50 / hz.p50).toFixed(1)}x   target < ${TARGET.layoutMs} ms  ${mark(lay.p50 < TARGET.layoutMs)}${lay.non2xx ? `  (${lay.non2xx} non-2xx!)` : ''}`);
  }
  const mc = median(cold);
  console.log(`  uncached analysis    median ${mc.toFixed(1)} ms, max ${Math.max(...cold).toFixed(1)} ms over ${cold.length} lists (first request of each, node http)   target < ${TARGET.layoutMs} ms  ${mark(mc < TARGET.layoutMs)}`);
  console.log(`\n[3] GET /api/v1/layout/candidates?country=XX&limit=20`);
  if (!cand.failed && !hz.failed) {
    console.log(`  p50 (cached, US)     ${cand.p50.toFixed(3)} ms   /healthz ${hz.p50.toFixed(3)} ms   ratio ${(cand.p50 / hz.p50).toFixed(1)}x   target < ${TARGET.candMs} ms  ${mark(cand.p50 < TARGET.candMs)}`);
  }
  const mcc = median(coldC);
  console.log(`  uncached ranking     median ${mcc.toFixed(1)} ms, max ${Math.max(...coldC).toFixed(1)} ms over ${coldC.length} countries   target < ${TARGET.candMs} ms  ${mark(Math.max(...coldC) < TARGET.candMs)}`);
  await stopServer();
}

main().catch((e) => fail('bench', e.stack || String(e))).finally(async () => {
  await stopServer();
  if (TMP) fs.rmSync(TMP, { recursive: true, force: true });
  process.exit(errors.length ? 1 : 0);
});
