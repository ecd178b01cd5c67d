#!/usr/bin/env node
// bench/health.bench.js: the exchange log and relationship health at scale.
// Run from the repo root (`node bench/health.bench.js`, or `make bench`).
//
// SYNTHETIC DATA. In a temporary database (no demo data, home city Jinan)
// this makes 3,000 synthetic ties (to the 3,000 most populous cities other
// than the home city, inserted with the sqlite3 shell, each noted as
// "synthetic bench tie") and a CSV of 1,000,000 synthetic exchanges
// ("Synthetic bench exchange N", dates 1990 to yesterday, 80% day, 15% month
// and 5% year precision, kinds and fields drawn with a fixed seed). None of
// it is real. Then it measures:
//
//   1. `youcheng import exchanges FILE` of the 1,000,000 rows (all
//      validated, one transaction, health recomputed at the end), wall time;
//      reference: the sqlite3 shell's `.import --csv` of the same file into
//      a bare table (no validation, no index). Target < 15 s.
//   2. `youcheng health --recompute`: every tie's score from the 1,000,000
//      rows, the time the command reports for the work (and the wall time
//      of the process); reference: the sqlite3 shell's bare
//      `SELECT tie_id, count(*), max(day_mid) FROM exchange_tie GROUP BY tie_id`
//      on the same database. Target < 1 s.
//   3. `GET /api/v1/partners/{id}/health` of one tie (the one with the
//      median number of exchanges, computed live from its rows), p50 with
//      `wrk -t1 -c1 -d5s --latency`; reference: GET /healthz in the same run.
//      Target p50 < 5 ms.
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
const N_TIES = 3000;
const N_EXCHANGES = Number(process.env.YC_BENCH_EXCHANGES || 1000000);
const SERIAL = { threads: 1, conns: 1, secs: 5 };
const TARGETS = { importSec: 15, recomputeSec: 1, healthP50Ms: 5 };

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

const KINDS = ['delegation_in', 'delegation_out', 'agreement', 'event', 'online_meeting', 'education', 'culture',
  'tourism', 'trade_mission', 'health', 'sports', 'youth', 'other'];
const FIELDS = ['economy_trade', 'science_technology', 'education', 'culture', 'health', 'tourism', 'environment',
  'government', 'youth', 'sports'];

/* Write the synthetic CSV: rows spread over the ties (some ties busier). */
function writeCsv(file, tieIds) {
  const r = common.prng(20240630);
  const start = Date.UTC(1990, 0, 1), end = Date.now() - 2 * 86400000;
  const fd = fs.openSync(file, 'w');
  let buf = 'date,kind,title,tie_id,fields,substantive\n';
  for (let i = 0; i < N_EXCHANGES; i++) {
    const d = new Date(start + r() * (end - start)).toISOString();
    const p = r();
    const date = p < 0.8 ? d.slice(0, 10) : p < 0.95 ? d.slice(0, 7) : d.slice(0, 4);
    const kind = KINDS[Math.floor(r() * KINDS.length)];
    const tie = tieIds[Math.floor(Math.pow(r(), 1.3) * tieIds.length)];
    const nf = Math.floor(r() * 3);
    const f = [];
    for (let k = 0; k < nf; k++) { const x = FIELDS[Math.floor(r() * FIELDS.length)]; if (!f.includes(x)) f.push(x); }
    const s = r();
    const subst = s < 0.1 ? '1' : s < 0.2 ? '0' : '';
    buf += `${date},${kind},Synthetic bench exchange ${i + 1},${tie},${f.join(';')},${subst}\n`;
    if (buf.length > 1 << 20) { fs.writeSync(fd, buf); buf = ''; }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
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
      let body = '';
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('error', () => resolve({ status: 0, body: '' }));
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
const mark = (x, target) => (x === null || x === undefined ? 'n/a' : x < target ? 'ok' : 'MISS');

async function main() {
  console.log('youcheng health bench: SYNTHETIC data (3,000 ties, 1,000,000 exchanges; see the header of this file)');
  console.log(`host: ${os.cpus().length} CPU(s), load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  if (!fs.existsSync(BIN)) { fail('setup', `no binary at ${BIN} (make youcheng)`); return; }
  TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'yc-bench-health-'));
  const db = path.join(TMP, 'bench.db'), csv = path.join(TMP, 'exchanges.csv');

  let r = run(BIN, ['init', '--db', db]);
  if (r.code !== 0) { fail('init', r.err || r.out); return; }
  /* 3,000 synthetic ties with the sqlite3 shell. */
  r = run('sqlite3', [db, `INSERT INTO tie(home_city_id,partner_city_id,kind,status,est_date,est_precision,notes,created_at,updated_at)
    SELECT 1805753, id, CASE abs(id) % 3 WHEN 0 THEN 'sister' WHEN 1 THEN 'cooperation' ELSE 'candidate' END, 'active',
      printf('%04d', 1980 + abs(id) % 40), 'year', 'synthetic bench tie (not a real partnership)', '2000-01-01T00:00:00Z', '2000-01-01T00:00:00Z'
    FROM city WHERE id<>1805753 ORDER BY population DESC, id LIMIT ${N_TIES};
    SELECT group_concat(id) FROM tie;`]);
  if (r.code !== 0) { fail('ties', r.err); return; }
  const tieIds = r.out.trim().split(',').map(Number);
  if (tieIds.length !== N_TIES) { fail('ties', `made ${tieIds.length} ties`); return; }

  let t0 = Date.now();
  writeCsv(csv, tieIds);
  const mb = fs.statSync(csv).size / (1 << 20);
  console.log(`generated ${N_EXCHANGES.toLocaleString('en')} synthetic rows (${mb.toFixed(1)} MB CSV) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  /* 1. Import, and the reference. */
  const imp = run(BIN, ['import', 'exchanges', csv, '--db', db, '--json']);
  let report = null;
  try { report = JSON.parse(imp.out); } catch (_) { /* below */ }
  if (imp.code !== 0 || !report || report.created !== N_EXCHANGES) {
    fail('import', `exit ${imp.code}: ${(imp.err || imp.out).slice(0, 400)}`);
    return;
  }
  const refDb = path.join(TMP, 'ref.db');
  const ref = run('sqlite3', [refDb, '-cmd', 'PRAGMA journal_mode=WAL', '.import --csv ' + csv + ' raw', 'SELECT count(*) FROM raw;']);
  const refImport = ref.code === 0 ? ref.secs : null;
  if (ref.code !== 0) fail('import reference', ref.err.slice(0, 200));

  /* 2. Recompute, and the reference. */
  const rec = run(BIN, ['health', '--recompute', '--db', db]);
  const m = /recomputed in ([\d.]+) s/.exec(rec.out);
  if (rec.code !== 0 || !m) { fail('recompute', rec.err || rec.out); return; }
  const recSecs = Number(m[1]);
  const scan = run('sqlite3', [db, 'SELECT count(*) FROM (SELECT tie_id, count(*), max(day_mid) FROM exchange_tie GROUP BY tie_id);']);
  const refScan = scan.code === 0 ? scan.secs : null;
  const ver = run(BIN, ['version']);

  /* The tie with the median number of exchanges. */
  r = run('sqlite3', [db, `SELECT tie_id, n FROM (SELECT tie_id, count(*) n FROM exchange_tie GROUP BY tie_id ORDER BY n)
    LIMIT 1 OFFSET ${Math.floor(N_TIES / 2)};`]);
  const [medTie, medN] = r.out.trim().split('|').map(Number);

  /* 3. One tie's health over HTTP. */
  const port = await freePort();
  server = cp.spawn(BIN, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--threads', '2', '--no-access-log'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let up = false;
  for (let i = 0; i < 200 && !up; i++) {
    if ((await get(port, '/healthz')).status === 200) up = true;
    else await new Promise((res) => setTimeout(res, 100));
  }
  let hz1 = null, hl = null, hz2 = null;
  if (!up) fail('serve', 'no /healthz answer');
  else {
    const one = await get(port, `/api/v1/partners/${medTie}/health`);
    if (one.status !== 200) fail('health API', `HTTP ${one.status}: ${one.body.slice(0, 200)}`);
    else {
      const j = JSON.parse(one.body);
      console.log(`tie ${medTie}: ${medN} exchanges; score ${j.score}, ${j.level}, flags [${j.flags.join(', ')}]`);
      hz1 = wrk(`http://127.0.0.1:${port}/healthz`);
      hl = wrk(`http://127.0.0.1:${port}/api/v1/partners/${medTie}/health`);
      hz2 = wrk(`http://127.0.0.1:${port}/healthz`);
      for (const [n, x] of [['healthz', hz1], ['health', hl], ['healthz', hz2]]) if (x.failed) fail(`wrk ${n}`, x.failed);
    }
    server.kill('SIGTERM');
    await new Promise((res) => { server.on('exit', res); setTimeout(res, 5000); });
  }

  const hzP50 = hz1 && hz2 && !hz1.failed && !hz2.failed ? Math.min(hz1.p50, hz2.p50) : null;
  console.log('');
  console.log('figure                                   value        reference                        ratio     target     ');
  console.log(`import 1,000,000 exchanges (wall)        ${fmt(imp.secs).padStart(8)} s   sqlite3 .import ${fmt(refImport).padStart(7)} s     ${refImport ? fmt(imp.secs / refImport, 1) + 'x' : 'n/a'}`.padEnd(103)
    + `< ${TARGETS.importSec} s   ${mark(imp.secs, TARGETS.importSec)}`);
  console.log(`  of which the import itself (reported)  ${fmt(report.seconds).padStart(8)} s   (${Math.round(N_EXCHANGES / report.seconds).toLocaleString('en')} rows/s; health recomputed inside)`);
  console.log(`recompute every tie's health             ${fmt(recSecs, 3).padStart(8)} s   bare GROUP BY scan ${fmt(refScan, 3).padStart(6)} s  ${refScan ? fmt(recSecs / refScan, 1) + 'x' : 'n/a'}`.padEnd(103)
    + `< ${TARGETS.recomputeSec} s    ${mark(recSecs, TARGETS.recomputeSec)}`);
  console.log(`  the command's wall time                ${fmt(rec.secs, 3).padStart(8)} s   (process start alone: youcheng version ${fmt(ver.secs, 3)} s)`);
  const hp50 = hl && !hl.failed ? hl.p50 : null;
  console.log(`GET /api/v1/partners/{id}/health p50     ${fmt(hp50, 3).padStart(8)} ms  /healthz p50 ${fmt(hzP50, 3).padStart(8)} ms      ${hp50 && hzP50 ? fmt(hp50 / hzP50, 1) + 'x' : 'n/a'}`.padEnd(103)
    + `< ${TARGETS.healthP50Ms} ms   ${mark(hp50, TARGETS.healthP50Ms)}`);
  if (hl && !hl.failed) console.log(`  p99 ${fmt(hl.p99, 3)} ms, ${fmt(hl.rps, 0)} req/s single client${hl.non2xx ? `, ${hl.non2xx} non-2xx!` : ''}; /healthz p50 ${fmt(hz1.p50, 3)} then ${fmt(hz2.p50, 3)} ms`);
  console.log(`host load at the end: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} (2 cores shared: figures move with it)`);
}

main().then(() => {
  cleanup();
  if (errors.length) { console.log(`\ncould not run: ${errors.join('; ')}`); process.exit(1); }
  process.exit(0);
}, (e) => { cleanup(); console.error(e); process.exit(1); });
