#!/usr/bin/env node
// bench/run.js: youcheng benchmark harness. Run from the repo root with
// `node bench/run.js` (or `make bench`). See bench/README.md.
//
// This is a measurement report, not a test: it prints figures, the
// reference figures measured in the same run (nginx serving the same bytes,
// youcheng's own /healthz, the first page load) and the ratios between them,
// with an ok/MISS marker against each target. It exits 0 whenever everything
// could be measured, whatever the figures; it exits 1 only when something
// could not run (missing tool, server did not start, wrk failed, ...).
//
// Node built-ins only, plus playwright-core from the repo's node_modules
// for the browser step (8); without it, or without Chromium, that step's
// figures are n/a and the run still exits 0.
'use strict';

const cp = require('child_process');
const fs = require('fs');
const http = require('http');
const net = require('net');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const BIN = process.env.YC_BIN ? path.resolve(process.env.YC_BIN) : path.join(ROOT, 'youcheng');
const OUT_JSON = path.join(__dirname, 'last-run.json');
const CHROMIUM = process.env.YC_CHROMIUM ? path.resolve(process.env.YC_CHROMIUM) : '/usr/bin/chromium';

// Workload parameters (kept fixed so runs are comparable; total ~100 s).
const INIT_RUNS = 3;
const LOAD = { threads: 2, conns: 64, secs: 10 };  // partners list vs nginx
const SERIAL = { threads: 1, conns: 1, secs: 5 };  // single-client latency
const WARMUP_SECS = 1;                              // discarded, before each LOAD run
const SERVER_THREADS = 2;
// Browser step: the dashboard loaded in Chromium, first with an empty cache,
// then again in the same context. A load is counted once the map is drawn
// and no request has started or finished for QUIET_MS (the favicon is only
// asked for after the load event).
const BROWSER = {
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
  timeoutMs: 30000,     // launch, navigation, map drawn
  quietMs: 1000,
  quietCapMs: 10000,    // give up waiting for quiet after this (counted anyway, noted)
  topN: 10,             // largest resources listed
};

const TARGETS = {
  initSec: { op: '<', value: 5, unit: 's' },
  rpsRatio: { op: '>=', value: 0.5, unit: 'x' },
  p99Ms: { op: '<', value: 10, unit: 'ms' },
  rssMB: { op: '<', value: 64, unit: 'MB' },
  cityP50Ms: { op: '<', value: 2, unit: 'ms' },
  pageP50Ms: { op: '<', value: 5, unit: 'ms' },
  firstLoadMB: { op: '<', value: 1.5, unit: 'MB' },
  repeatLoadKB: { op: '<', value: 50, unit: 'KB' },
};

// ---------------------------------------------------------------------------
// State, cleanup

let TMP = null;
let server = null;   // { proc, port, log }
let nginx = null;    // { proc, port, log }
let browser = null;  // playwright Browser, while step 8 runs
const errors = [];   // things that could not run -> exit 1

function fail(step, msg) {
  errors.push({ step, error: msg });
  console.log(`  !! ${step}: could not run: ${msg}`);
}

function sleep(ms) { return new Promise((r) => setTimeout(r, ms)); }

function waitExit(proc, ms) {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(false), ms);
    proc.once('exit', () => { clearTimeout(t); resolve(true); });
  });
}

async function stopProc(p, signal, what) {
  if (!p || !p.proc) return null;
  const proc = p.proc;
  if (proc.exitCode !== null || proc.signalCode !== null) return { clean: false, note: 'already exited' };
  try { proc.kill(signal); } catch (_) { /* gone */ }
  if (await waitExit(proc, 5000)) {
    return { clean: true, code: proc.exitCode, signal: proc.signalCode };
  }
  try { proc.kill('SIGKILL'); } catch (_) { /* gone */ }
  await waitExit(proc, 2000);
  return { clean: false, note: `${what} ignored ${signal} for 5 s, sent SIGKILL` };
}

function removeTmp() {
  if (TMP) { try { fs.rmSync(TMP, { recursive: true, force: true }); } catch (_) { /* ignore */ } TMP = null; }
}

let interrupted = false;
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, async () => {
    if (interrupted) return;
    interrupted = true;
    console.log(`\n(${sig}: stopping server and nginx, removing temp dir)`);
    if (browser) { try { await browser.close(); } catch (_) { /* gone */ } }
    await stopProc(server, 'SIGTERM', 'youcheng');
    await stopProc(nginx, 'SIGQUIT', 'nginx');
    removeTmp();
    process.exit(130);
  });
}

// ---------------------------------------------------------------------------
// Helpers

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function httpGet(port, p, timeoutMs = 3000) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: p, agent: false, timeout: timeoutMs }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

async function waitReady(p, urlPath, timeoutMs) {
  const t0 = Date.now();
  let last = 'no answer';
  while (Date.now() - t0 < timeoutMs) {
    if (p.proc.exitCode !== null || p.proc.signalCode !== null) {
      return `exited (code ${p.proc.exitCode}, signal ${p.proc.signalCode})`;
    }
    try {
      const r = await httpGet(p.port, urlPath, 1000);
      if (r.status === 200) return null;
      last = `HTTP ${r.status}`;
    } catch (e) { last = e.message; }
    await sleep(50);
  }
  return `not ready after ${timeoutMs} ms (${last})`;
}

function spawnLogged(cmd, args) {
  const proc = cp.spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const p = { proc, log: '' };
  const add = (d) => { p.log += d; if (p.log.length > 20000) p.log = p.log.slice(-10000); };
  proc.stdout.on('data', add);
  proc.stderr.on('data', add);
  proc.on('error', (e) => add(`spawn error: ${e.message}\n`));
  return p;
}

function which(cmd) {
  const r = cp.spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

function firstLine(cmd, args) {
  const r = cp.spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error) return null;
  return ((r.stdout || '') + (r.stderr || '')).split('\n')[0].trim() || null;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function readStatusKB(pid, field) {
  try {
    const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm'));
    return m ? Number(m[1]) : null;
  } catch (_) { return null; }
}

// --- wrk -------------------------------------------------------------------

const UNIT_MS = { us: 0.001, ms: 1, s: 1000, m: 60000, h: 3600000 };

function toMs(s) {
  const m = /^([\d.]+)(us|ms|s|m|h)$/.exec(s);
  return m ? Number(m[1]) * UNIT_MS[m[2]] : null;
}

function parseWrk(out) {
  const r = {};
  let m = /Requests\/sec:\s+([\d.]+)/.exec(out);
  r.rps = m ? Number(m[1]) : null;
  for (const pct of ['50', '75', '90', '99']) {
    m = new RegExp(`^\\s+${pct}%\\s+(\\S+)`, 'm').exec(out);
    r[`p${pct}`] = m ? toMs(m[1]) : null;
  }
  m = /^\s*(\d+) requests in ([\d.]+\w+), ([\d.]+\w+) read/m.exec(out);
  r.requests = m ? Number(m[1]) : null;
  r.bytesRead = m ? m[3] : null;
  m = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  r.socketErrors = m ? { connect: +m[1], read: +m[2], write: +m[3], timeout: +m[4] } : null;
  m = /Non-2xx or 3xx responses: (\d+)/.exec(out);
  r.non2xx = m ? Number(m[1]) : 0;
  return r;
}

function wrk(url, { threads, conns, secs }, onTick) {
  return new Promise((resolve) => {
    const args = [`-t${threads}`, `-c${conns}`, `-d${secs}s`, '--latency', url];
    const proc = cp.spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    proc.stdout.on('data', (d) => { out += d; });
    proc.stderr.on('data', (d) => { out += d; });
    const tick = onTick ? setInterval(onTick, 200) : null;
    proc.on('error', (e) => { out += `spawn error: ${e.message}`; });
    proc.on('close', (code) => {
      if (tick) clearInterval(tick);
      const r = parseWrk(out);
      r.cmd = `wrk ${args.join(' ')}`;
      r.exit = code;
      if (code !== 0 || r.rps === null || r.p50 === null) r.failed = `wrk exit ${code}: ${out.trim().split('\n').slice(-3).join(' | ')}`;
      resolve(r);
    });
  });
}

function wrkNotes(r) {
  const n = [];
  if (r.non2xx) n.push(`${r.non2xx} non-2xx`);
  if (r.socketErrors) {
    const e = r.socketErrors;
    const tot = e.connect + e.read + e.write + e.timeout;
    if (tot) n.push(`socket errors c${e.connect}/r${e.read}/w${e.write}/t${e.timeout}`);
  }
  return n.join(', ');
}

// --- browser (step 8) -----------------------------------------------------

// playwright-core from the repo's node_modules and the Chromium binary.
// Returns { pw, version } or { missing: why, version }.
function findPlaywright() {
  let pw;
  try { pw = require(require.resolve('playwright-core', { paths: [ROOT] })); } catch (_) {
    return { missing: `playwright-core not found under ${path.join(ROOT, 'node_modules')} (npm ci)`, version: null };
  }
  let version = null;
  try { version = require(require.resolve('playwright-core/package.json', { paths: [ROOT] })).version; } catch (_) { /* unknown */ }
  try { fs.accessSync(CHROMIUM, fs.constants.X_OK); } catch (_) {
    return { missing: `${CHROMIUM} not found (apt-get install chromium, or set YC_CHROMIUM)`, version };
  }
  return { pw, version };
}

function chromiumVersion() {
  // Debian's wrapper script may print a shell warning before the version.
  const r = cp.spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8', timeout: 15000 });
  const m = /(Chrom\w* [\d.]+)/.exec((r.stdout || '') + (r.stderr || ''));
  return m ? m[1] : null;
}

// Records every http(s) request the page makes, through the CDP Network
// domain, tagged with the phase ('first', 'repeat') current when it was sent.
// wire: loadingFinished encodedDataLength, i.e. response headers plus body
// as received over the connection (0 when the browser cache served it);
// body: decoded body bytes (sum of dataReceived dataLength), whatever the
// source.
function networkRecorder(cdp) {
  const rec = { phase: null, reqs: new Map(), inflight: new Set(), lastEvent: Date.now() };
  const touch = () => { rec.lastEvent = Date.now(); };
  const get = (id) => rec.reqs.get(id);
  cdp.on('Network.requestWillBeSent', (e) => {
    if (!/^https?:/.test(e.request.url)) return;
    touch();
    const prev = get(e.requestId);
    if (prev && e.redirectResponse) {
      // A redirect ends the previous hop under the same requestId; keep it as its own entry.
      Object.assign(prev, { status: e.redirectResponse.status, wire: e.redirectResponse.encodedDataLength || 0, done: true });
      rec.reqs.set(`${e.requestId}#${prev.hop}`, prev);
    }
    rec.reqs.set(e.requestId, { phase: rec.phase, url: e.request.url, type: e.type || null, hop: prev ? prev.hop + 1 : 0,
      status: null, wire: 0, body: 0, cached: false, cacheControl: null, etag: false, done: false, failed: null });
    rec.inflight.add(e.requestId);
  });
  cdp.on('Network.requestServedFromCache', (e) => { const q = get(e.requestId); if (q) q.cached = true; });
  cdp.on('Network.responseReceived', (e) => {
    const q = get(e.requestId);
    if (!q) return;
    touch();
    const h = {};
    for (const [k, v] of Object.entries(e.response.headers || {})) h[k.toLowerCase()] = v;
    q.status = e.response.status;
    q.type = e.type || q.type;
    q.cacheControl = h['cache-control'] || null;
    q.etag = Boolean(h.etag);
    if (e.response.fromDiskCache || e.response.fromMemoryCache || e.response.fromPrefetchCache) q.cached = true;
  });
  cdp.on('Network.dataReceived', (e) => { const q = get(e.requestId); if (q) { q.body += e.dataLength; touch(); } });
  cdp.on('Network.loadingFinished', (e) => {
    const q = get(e.requestId);
    if (!q) return;
    touch();
    q.wire = e.encodedDataLength || 0;
    q.done = true;
    rec.inflight.delete(e.requestId);
  });
  cdp.on('Network.loadingFailed', (e) => {
    const q = get(e.requestId);
    if (!q) return;
    touch();
    q.failed = e.errorText || 'failed';
    q.done = true;
    rec.inflight.delete(e.requestId);
  });
  return rec;
}

// Resolves true once nothing is in flight and no network event has arrived
// for BROWSER.quietMs; false if that did not happen within quietCapMs.
async function waitQuiet(rec) {
  const t0 = Date.now();
  while (Date.now() - t0 < BROWSER.quietCapMs) {
    if (rec.inflight.size === 0 && Date.now() - rec.lastEvent >= BROWSER.quietMs) return true;
    await sleep(50);
  }
  return false;
}

async function measureLoad(page, rec, phase, url) {
  rec.phase = phase;
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'load', timeout: BROWSER.timeoutMs });
  const loadMs = Date.now() - t0;
  await page.waitForSelector('#worldmap[data-rendered="1"]', { state: 'attached', timeout: BROWSER.timeoutMs });
  const mapMs = Date.now() - t0;
  await page.waitForLoadState('networkidle', { timeout: BROWSER.timeoutMs });
  const quiet = await waitQuiet(rec);
  const items = [...rec.reqs.values()].filter((q) => q.phase === phase);
  const resources = items.map((q) => {
    const u = new URL(q.url);
    return { path: u.pathname + u.search, type: q.type, status: q.status,
      source: q.failed ? 'failed' : q.cached ? 'cache' : q.status === 304 ? '304' : 'network',
      wire_bytes: q.wire, body_bytes: q.body, cache_control: q.cacheControl, etag: q.etag, failed: q.failed };
  });
  const sum = (k) => resources.reduce((a, r) => a + r[k], 0);
  return {
    url, load_event_ms: loadMs, map_drawn_ms: mapMs, quiet_reached: quiet,
    requests: resources.length,
    over_network: resources.filter((r) => r.source === 'network' || r.source === '304').length,
    from_cache: resources.filter((r) => r.source === 'cache').length,
    wire_bytes: sum('wire_bytes'), body_bytes: sum('body_bytes'),
    bad: resources.filter((r) => r.failed || (r.status !== null && r.status >= 400)),
    resources,
  };
}

// Step 8: a fresh browser context (empty cache, no cookies) loads the
// dashboard; then the same page navigates to it again.
async function browserLoads(found, url) {
  // Whatever was measured is returned; out.error says what went wrong after that.
  const out = { chromium: null, first: null, repeat: null, page_messages: [], error: null };
  let stage = 'launch';
  try {
    browser = await found.pw.chromium.launch({ executablePath: CHROMIUM, args: BROWSER.args, timeout: BROWSER.timeoutMs });
    out.chromium = browser.version();
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('pageerror', (e) => out.page_messages.push(`error: ${e.message || e}`));
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') out.page_messages.push(`${m.type()}: ${m.text()}`); });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    const rec = networkRecorder(cdp);
    stage = 'first load';
    out.first = await measureLoad(page, rec, 'first', url);
    stage = 'repeat load';
    out.repeat = await measureLoad(page, rec, 'repeat', url);
    stage = 'close';
    await context.close();
  } catch (e) {
    out.error = `${stage}: ${String(e.message || e).split('\n')[0]}`;
  } finally {
    const b = browser;
    browser = null;
    if (b) { try { await b.close(); } catch (_) { /* gone */ } }
  }
  return out;
}

// --- formatting ------------------------------------------------------------

function fmtNum(v, unit) {
  if (v === null || v === undefined || Number.isNaN(v)) return 'n/a';
  let s;
  if (unit === 'x') s = v.toFixed(2);
  else if (unit === 'requests' || unit === 'bytes') s = Math.round(v).toLocaleString('en-US');
  else if (unit === 'req/s') s = Math.round(v).toLocaleString('en-US');
  else if (Math.abs(v) >= 100) s = v.toFixed(0);
  else if (Math.abs(v) >= 10) s = v.toFixed(1);
  else if (Math.abs(v) >= 1) s = v.toFixed(2);
  else s = v.toFixed(3);
  return unit === 'x' ? `${s}x` : `${s} ${unit}`;
}

function check(v, t) {
  if (!t) return { status: '-', miss: null };
  if (v === null || v === undefined) return { status: 'n/a', miss: null };
  const ok = t.op === '<' ? v < t.value : t.op === '<=' ? v <= t.value : t.op === '>=' ? v >= t.value : v > t.value;
  if (ok) return { status: 'ok', miss: null };
  // How far off: absolute and relative to the target.
  const diff = v - t.value;
  const rel = t.value ? (diff / t.value) * 100 : 0;
  return { status: 'MISS', miss: { by: Math.abs(diff), pct: Math.abs(rel), dir: diff > 0 ? 'over' : 'under' } };
}

// Terminal columns taken by a string: CJK and other East Asian wide
// characters take two, so the tables stay aligned with Chinese city names.
function width(s) {
  let n = 0;
  for (const ch of String(s)) {
    const c = ch.codePointAt(0);
    const wide = (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x20000 && c <= 0x3fffd);
    n += wide ? 2 : 1;
  }
  return n;
}

function pad(s, n, right) {
  const fill = ' '.repeat(Math.max(0, n - width(s)));
  return right ? fill + s : s + fill;
}

function table(headers, rows, align) {
  const w = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]))));
  const fmt = (r) => r.map((c, i) => pad(String(c), w[i], align[i] === 'r')).join('  ').trimEnd();
  const lines = [fmt(headers), w.map((n) => '-'.repeat(n)).join('  '), ...rows.map(fmt)];
  return lines.map((l) => '  ' + l).join('\n');
}

// Every reported figure goes through here: printed in the summary table and
// written to last-run.json.
const figures = [];
function figure(key, label, value, unit, target, reference) {
  const c = check(value, target);
  const f = { key, label, value, unit, target: target ? `${target.op} ${target.value} ${target.unit}`.replace(' x', 'x') : null,
    status: c.status, miss: c.miss, reference: reference || null };
  figures.push(f);
  return f;
}

// ---------------------------------------------------------------------------

async function main() {
  const tStart = Date.now();
  const load0 = os.loadavg();
  const versions = {
    youcheng: fs.existsSync(BIN) ? firstLine(BIN, ['version']) : null,
    wrk: which('wrk') ? firstLine('wrk', ['-v']) : null,
    nginx: which('nginx') ? firstLine('nginx', ['-v']) : null,
    node: process.version,
  };
  if (versions.wrk) versions.wrk = versions.wrk.replace(/\s*\[.*$/, '');
  const pwFound = findPlaywright();
  versions.playwright = pwFound.version;
  versions.chromium = pwFound.pw ? chromiumVersion() : null;

  console.log('youcheng benchmark report');
  console.log(`  date      ${new Date().toISOString()}`);
  console.log(`  host      ${os.cpus().length} CPU(s) (${(os.cpus()[0] || {}).model || '?'}), ` +
    `load average ${load0.map((x) => x.toFixed(2)).join(' ')}`);
  console.log(`  binary    ${BIN} (${versions.youcheng || 'MISSING'})`);
  console.log(`  tools     ${versions.wrk || 'wrk MISSING'}; ${versions.nginx || 'nginx MISSING'}; node ${versions.node}; ` +
    `playwright-core ${versions.playwright || 'MISSING'}; ${pwFound.pw ? (versions.chromium || CHROMIUM) : 'Chromium MISSING'}`);
  if (pwFound.missing) console.log(`  note      ${pwFound.missing}: the browser figures (step 8) will be n/a`);
  if (load0[0] > os.cpus().length * 0.5) {
    console.log(`  note      1-min load average ${load0[0].toFixed(2)} on ${os.cpus().length} CPUs: other work is running, figures will be pessimistic`);
  }

  if (!versions.youcheng) { fail('setup', `${BIN} not found or not runnable (run \`make youcheng\`)`); return finish(tStart, load0, versions, {}); }
  if (!versions.wrk) fail('setup', 'wrk not found (apt-get install wrk)');
  if (!versions.nginx) fail('setup', 'nginx not found (apt-get install nginx-light); the nginx reference will be n/a');

  TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'yc-bench-'));
  const db = path.join(TMP, 'bench.db');
  const res = {};

  // --- 1. init --demo ------------------------------------------------------
  console.log(`\n[1] youcheng init --db TMP/bench.db --demo   (${INIT_RUNS} runs, each on a fresh empty file)`);
  const initRuns = [];
  for (let i = 0; i < INIT_RUNS; i++) {
    for (const sfx of ['', '-wal', '-shm', '-journal']) fs.rmSync(db + sfx, { force: true });
    fs.writeFileSync(db, '');
    const t0 = process.hrtime.bigint();
    const r = cp.spawnSync(BIN, ['init', '--db', db, '--demo'], { encoding: 'utf8' });
    const sec = Number(process.hrtime.bigint() - t0) / 1e9;
    if (r.status !== 0) {
      fail('init', `run ${i + 1} exit ${r.status}: ${(r.stderr || r.stdout || '').trim().split('\n').slice(-2).join(' | ')}`);
      break;
    }
    initRuns.push(sec);
  }
  res.init = { runs_s: initRuns };
  if (initRuns.length) {
    res.init.min_s = Math.min(...initRuns);
    res.init.median_s = median(initRuns);
    console.log(`  runs: ${initRuns.map((s) => s.toFixed(2) + ' s').join(', ')}`);
  }
  figure('init_min_s', 'init --demo wall time, min', res.init.min_s ?? null, 's', TARGETS.initSec);
  figure('init_median_s', 'init --demo wall time, median', res.init.median_s ?? null, 's', TARGETS.initSec);
  if (initRuns.length < INIT_RUNS) return finish(tStart, load0, versions, res);

  // --- 2. serve ------------------------------------------------------------
  const port = await freePort();
  console.log(`\n[2] youcheng serve --db TMP/bench.db --listen 127.0.0.1:${port} --threads ${SERVER_THREADS}`);
  /* The access log (one line per request) to a file, as in production: on
  ** stderr this process would read every line and compete for the CPU. */
  const serveHelp = cp.spawnSync(BIN, ['serve', '--help'], { encoding: 'utf8' }).stdout || '';
  const logArgs = serveHelp.includes('--access-log') ? ['--access-log', path.join(TMP, 'access.log')] : [];
  server = spawnLogged(BIN, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--threads', String(SERVER_THREADS), ...logArgs]);
  server.port = port;
  const tReady0 = Date.now();
  const notReady = await waitReady(server, '/healthz', 10000);
  if (notReady) {
    fail('serve', `${notReady}; server log: ${server.log.trim().split('\n').slice(-3).join(' | ')}`);
    return finish(tStart, load0, versions, res);
  }
  console.log(`  pid ${server.proc.pid}, GET /healthz 200 after ${Date.now() - tReady0} ms; ` +
    `VmRSS at idle ${((readStatusKB(server.proc.pid, 'VmRSS') || 0) / 1024).toFixed(1)} MB`);
  const Y = (p) => `http://127.0.0.1:${port}${p}`;

  // Sanity: every URL we load must answer 200 before we time it.
  const Q = {
    sacra: '/api/v1/cities?q=' + encodeURIComponent('sacra'),
    jinan: '/api/v1/cities?q=' + encodeURIComponent('济南'),
    hegeshan: '/api/v1/cities?q=' + encodeURIComponent('hegeshan'),
    moscowZh: '/api/v1/cities?q=' + encodeURIComponent('莫斯科'),
    sacraTrad: '/api/v1/cities?q=' + encodeURIComponent('薩克拉門托'),
    mosike: '/api/v1/cities?q=' + encodeURIComponent('mosike'),
    moskau: '/api/v1/cities?q=' + encodeURIComponent('Moskau'),
    springfield: '/api/v1/cities?q=' + encodeURIComponent('springfield'),
    partnerSearch: '/api/v1/partners?q=' + encodeURIComponent('薩克拉門托'),
    stats: '/api/v1/stats',
    healthz: '/healthz',
    partners: '/api/v1/partners',
    dashboard: '/',
    partnersPage: '/partners',
  };
  const probe = {};
  for (const [k, p] of Object.entries(Q)) {
    try {
      const r = await httpGet(port, p);
      let items = null;
      try { const j = JSON.parse(r.body.toString('utf8')); if (Array.isArray(j.items)) items = j.items.length; } catch (_) { /* not a list */ }
      probe[k] = { status: r.status, bytes: r.body.length, items, body: r.body, type: r.headers['content-type'] || null };
      if (r.status !== 200) fail('probe', `GET ${p} answered HTTP ${r.status}`);
      else if (k === 'dashboard' || k === 'partnersPage') {
        // The web UI pages: server-rendered HTML, Chinese unless asked otherwise.
        const html = r.body.toString('utf8');
        probe[k].lang = (/<html lang="([^"]*)"/.exec(html) || [])[1] || null;
        if (!/^text\/html/.test(probe[k].type || '')) fail('probe', `GET ${p} answered ${probe[k].type}, not HTML`);
      }
    } catch (e) { probe[k] = { status: null }; fail('probe', `GET ${p}: ${e.message}`); }
  }

  // --- 3. partners list vs nginx -------------------------------------------
  console.log(`\n[3] GET /api/v1/partners vs nginx serving the same bytes   (wrk -t${LOAD.threads} -c${LOAD.conns} -d${LOAD.secs}s --latency, ${WARMUP_SECS} s warm-up each)`);
  const body = probe.partners && probe.partners.body;
  res.partners_list = { bytes: body ? body.length : null, items: probe.partners ? probe.partners.items : null };
  let nginxPort = null;
  if (body && versions.nginx) {
    fs.mkdirSync(path.join(TMP, 'www'));
    fs.writeFileSync(path.join(TMP, 'www', 'partners.json'), body);
    nginxPort = await freePort();
    const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    const conf = [
      'daemon off;', 'master_process on;', 'worker_processes 2;', asRoot ? 'user root;' : '',
      `pid ${TMP}/nginx.pid;`, `error_log ${TMP}/error.log;`,
      'events { worker_connections 1024; }',
      'http {', '  access_log off;',
      // keep nginx's scratch dirs inside TMP instead of /var/lib/nginx
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${TMP}/${t}_temp;`),
      `  server { listen 127.0.0.1:${nginxPort}; location / { root ${TMP}/www; default_type application/json; } }`,
      '}', '',
    ].filter(Boolean).join('\n');
    fs.writeFileSync(path.join(TMP, 'nginx.conf'), conf);
    nginx = spawnLogged('nginx', ['-c', path.join(TMP, 'nginx.conf'), '-p', TMP + '/']);
    nginx.port = nginxPort;
    const nr = await waitReady(nginx, '/partners.json', 5000);
    if (nr) {
      let elog = '';
      try { elog = fs.readFileSync(path.join(TMP, 'error.log'), 'utf8'); } catch (_) { /* none */ }
      fail('nginx', `${nr}; ${(nginx.log + elog).trim().split('\n').slice(-3).join(' | ')}`);
      nginxPort = null;
    } else {
      const r = await httpGet(nginxPort, '/partners.json');
      if (!r.body.equals(body)) { fail('nginx', 'nginx does not serve the same bytes'); nginxPort = null; }
    }
  }
  console.log(`  payload: ${res.partners_list.bytes} bytes of JSON, ${res.partners_list.items} items; ` +
    `nginx ${nginxPort ? `on 127.0.0.1:${nginxPort}, pid ${nginx.proc.pid}, byte-identical copy` : 'n/a'}`);

  let maxRssKB = 0;
  const sampleRss = () => { const v = readStatusKB(server.proc.pid, 'VmRSS'); if (v && v > maxRssKB) maxRssKB = v; };
  const loadAvgBeforeLoad = os.loadavg();
  let yLoad = null; let nLoad = null;
  if (versions.wrk) {
    await wrk(Y(Q.partners), { ...LOAD, secs: WARMUP_SECS });
    yLoad = await wrk(Y(Q.partners), LOAD, sampleRss);
    if (yLoad.failed) { fail('wrk youcheng', yLoad.failed); yLoad = null; }
    if (nginxPort) {
      const N = `http://127.0.0.1:${nginxPort}/partners.json`;
      await wrk(N, { ...LOAD, secs: WARMUP_SECS });
      nLoad = await wrk(N, LOAD);
      if (nLoad.failed) { fail('wrk nginx', nLoad.failed); nLoad = null; }
    }
  }
  const rows = [];
  for (const [name, r] of [['youcheng', yLoad], ['nginx (reference)', nLoad]]) {
    rows.push([name, r ? fmtNum(r.rps, 'req/s') : 'n/a', r ? fmtNum(r.p50, 'ms') : 'n/a', r ? fmtNum(r.p99, 'ms') : 'n/a',
      r ? r.requests.toLocaleString('en-US') : 'n/a', r ? (wrkNotes(r) || '-') : '-']);
  }
  const rpsRatio = yLoad && nLoad ? yLoad.rps / nLoad.rps : null;
  const p99Ratio = yLoad && nLoad && nLoad.p99 ? yLoad.p99 / nLoad.p99 : null;
  rows.push(['youcheng/nginx', fmtNum(rpsRatio, 'x'), yLoad && nLoad ? fmtNum(yLoad.p50 / nLoad.p50, 'x') : 'n/a', fmtNum(p99Ratio, 'x'), '', '']);
  console.log(table(['server', 'req/s', 'p50', 'p99', 'requests', 'errors'], rows, ['l', 'r', 'r', 'r', 'r', 'l']));
  res.partners_list.youcheng = yLoad;
  res.partners_list.nginx = nLoad;
  res.partners_list.ratio_rps = rpsRatio;
  res.partners_list.ratio_p99 = p99Ratio;
  res.partners_list.loadavg_before = loadAvgBeforeLoad;
  figure('partners_rps', 'partners list req/s (c64)', yLoad ? yLoad.rps : null, 'req/s', null,
    nLoad ? `nginx ${fmtNum(nLoad.rps, 'req/s')}` : null);
  figure('partners_rps_ratio', 'partners list req/s, youcheng/nginx', rpsRatio, 'x', TARGETS.rpsRatio,
    nLoad ? 'measured this run' : null);
  figure('partners_p50_ms', 'partners list p50 (c64)', yLoad ? yLoad.p50 : null, 'ms', null,
    nLoad ? `nginx ${fmtNum(nLoad.p50, 'ms')}` : null);
  figure('partners_p99_ms', 'partners list p99 (c64)', yLoad ? yLoad.p99 : null, 'ms', TARGETS.p99Ms,
    nLoad ? `nginx ${fmtNum(nLoad.p99, 'ms')}` : null);

  // --- 4. memory -----------------------------------------------------------
  const hwmAfterLoad = readStatusKB(server.proc.pid, 'VmHWM');
  res.memory = { vmhwm_kb_after_load: hwmAfterLoad, vmrss_max_sampled_kb: maxRssKB || null };
  console.log(`\n[4] server memory after the partners load: VmHWM ${fmtNum(hwmAfterLoad / 1024, 'MB')} ` +
    `(max VmRSS sampled every 200 ms during load: ${maxRssKB ? fmtNum(maxRssKB / 1024, 'MB') : 'n/a'})`);
  const rssFig = figure('peak_rss_mb', 'server peak RSS (VmHWM)', hwmAfterLoad ? hwmAfterLoad / 1024 : null, 'MB', TARGETS.rssMB, 'after c64 load');

  // --- 5/6. single-client latency -----------------------------------------
  console.log(`\n[5] single-client latency, 200k-place gazetteer search and others, then the web UI pages of step 7   ` +
    `(wrk -t${SERIAL.threads} -c${SERIAL.conns} -d${SERIAL.secs}s --latency)`);
  // /healthz is measured first and again last; the reference is the lower
  // of the two p50s, so a burst of outside work during one of them does not
  // skew every ratio. The web UI pages (section 'web') run inside that
  // bracket too, and are reported in step 7.
  const serial = [
    ['healthz', 'GET /healthz (reference, first)', Q.healthz, null],
    ['cities_sacra', 'cities ?q=sacra', Q.sacra, TARGETS.cityP50Ms],
    ['cities_jinan', 'cities ?q=济南', Q.jinan, TARGETS.cityP50Ms],
    ['cities_hegeshan', 'cities ?q=hegeshan', Q.hegeshan, TARGETS.cityP50Ms],
    ['cities_moscow_zh', 'cities ?q=莫斯科', Q.moscowZh, TARGETS.cityP50Ms],
    ['cities_sacra_trad', 'cities ?q=薩克拉門托 (Traditional)', Q.sacraTrad, TARGETS.cityP50Ms],
    ['cities_mosike', 'cities ?q=mosike (pinyin)', Q.mosike, TARGETS.cityP50Ms],
    ['cities_moskau', 'cities ?q=Moskau (exonym)', Q.moskau, TARGETS.cityP50Ms],
    ['cities_springfield', 'cities ?q=springfield', Q.springfield, TARGETS.cityP50Ms],
    ['partners_search', 'partners ?q=薩克拉門托', Q.partnerSearch, null],
    ['stats', 'GET /api/v1/stats', Q.stats, null],
    // Not a target: the per-request cost behind the c64 figures of step 3.
    ['partners_list_c1', 'partners list (diagnostic)', Q.partners, null],
    ['ui_dashboard', 'dashboard GET /', Q.dashboard, TARGETS.pageP50Ms, 'web'],
    ['ui_partners', 'partner list page GET /partners', Q.partnersPage, TARGETS.pageP50Ms, 'web'],
    ['healthz_end', 'GET /healthz (reference, last)', Q.healthz, null],
  ];
  const isRef = (key) => key.startsWith('healthz');
  res.latency = {};
  if (versions.wrk) {
    for (const [key, , p] of serial) {
      const r = await wrk(Y(p), SERIAL);
      if (r.failed) { fail(`wrk ${key}`, r.failed); continue; }
      r.path = p;
      r.response_bytes = probe[Object.keys(Q).find((k) => Q[k] === p)].bytes;
      r.response_items = probe[Object.keys(Q).find((k) => Q[k] === p)].items;
      res.latency[key] = r;
    }
  }
  const hzP50s = ['healthz', 'healthz_end'].map((k) => res.latency[k]).filter(Boolean).map((r) => r.p50);
  const hzP50 = hzP50s.length ? Math.min(...hzP50s) : null;
  res.latency.healthz_ref_p50 = hzP50;
  const isWeb = (row) => row[4] === 'web';
  const lrows = serial.filter((row) => !isWeb(row)).map(([key, label, , t]) => {
    const r = res.latency[key];
    const ratio = r && hzP50 ? r.p50 / hzP50 : null;
    return [label, r ? `${r.response_items ?? '-'}` : 'n/a', r ? fmtNum(r.p50, 'ms') : 'n/a', r ? fmtNum(r.p99, 'ms') : 'n/a',
      r ? fmtNum(r.rps, 'req/s') : 'n/a', fmtNum(ratio, 'x'), t ? `p50 < ${t.value} ms` : '-',
      r ? (wrkNotes(r) || '-') : '-'];
  });
  console.log(table(['request', 'items', 'p50', 'p99', 'req/s', 'p50/healthz', 'target', 'errors'], lrows,
    ['l', 'r', 'r', 'r', 'r', 'r', 'l', 'l']));
  console.log(`  p50/healthz: p50 divided by the lower healthz p50 (${fmtNum(hzP50, 'ms')}) of the two reference runs`);
  figure('healthz_p50_ms', 'healthz p50 (c1, reference)', hzP50, 'ms', null,
    hzP50s.length === 2 ? `lower of ${hzP50s.map((v) => fmtNum(v, 'ms')).join(' / ')}` : 'HTTP floor');
  for (const [key, label, , t] of serial.filter((row) => !isWeb(row))) {
    if (isRef(key)) continue;
    const r = res.latency[key];
    const ref = r && hzP50 ? `${fmtNum(r.p50 / hzP50, 'x')} healthz` : null;
    figure(`${key}_p50_ms`, `${label} p50 (c1)`, r ? r.p50 : null, 'ms', t, ref);
    if (t) figure(`${key}_p99_ms`, `${label} p99 (c1)`, r ? r.p99 : null, 'ms', null, null);
  }

  // --- 5b. city search without the response cache --------------------------
  // wrk repeats one URL, which the response cache answers after the first
  // request. Here every request is a different URL (limit=1..100), so each
  // one runs the search: round trips from this process, one at a time,
  // against /healthz round trips measured the same way.
  console.log('\n[5b] city search, every request a cache miss (100 distinct URLs each, limit=1..100, one at a time from node)');
  const uncached = [
    ['cities_sacra', 'sacra'], ['cities_jinan', '济南'], ['cities_moscow_zh', '莫斯科'],
    ['cities_sacra_trad', '薩克拉門托'], ['cities_mosike', 'mosike'], ['cities_moskau', 'Moskau'],
    ['cities_springfield', 'springfield'],
  ];
  const timeSeq = async (paths) => {
    const ms = [];
    for (const p of paths) {
      const t0 = process.hrtime.bigint();
      const r = await httpGet(port, p);
      ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (r.status !== 200) fail('uncached', `GET ${p} answered HTTP ${r.status}`);
    }
    ms.sort((a, b) => a - b);
    return { p50: ms[Math.floor(ms.length / 2)], p99: ms[Math.min(ms.length - 1, Math.floor(ms.length * 0.99))] };
  };
  const range = [...Array(100).keys()].map((i) => i + 1);
  const hzSeq = await timeSeq(range.map(() => Q.healthz));
  res.uncached = { healthz: hzSeq };
  const urows = [['GET /healthz (reference)', fmtNum(hzSeq.p50, 'ms'), fmtNum(hzSeq.p99, 'ms'), '1.00x', '-']];
  for (const [key, q] of uncached) {
    const r = await timeSeq(range.map((n) => `/api/v1/cities?q=${encodeURIComponent(q)}&limit=${n}`));
    res.uncached[key] = r;
    urows.push([`cities ?q=${q}`, fmtNum(r.p50, 'ms'), fmtNum(r.p99, 'ms'), fmtNum(r.p50 / hzSeq.p50, 'x'), `p50 < ${TARGETS.cityP50Ms.value} ms`]);
    figure(`${key}_uncached_p50_ms`, `cities ?q=${q} p50, cache miss`, r.p50, 'ms', TARGETS.cityP50Ms,
      `${fmtNum(r.p50 / hzSeq.p50, 'x')} healthz (${fmtNum(hzSeq.p50, 'ms')}) from node`);
  }
  console.log(table(['request', 'p50', 'p99', 'p50/healthz', 'target'], urows, ['l', 'r', 'r', 'r', 'l']));

  // --- 7. web UI pages, server time ---------------------------------------
  console.log(`\n[7] web UI pages, server time to render the HTML   (measured in the step-5 sequence, ` +
    `between the two healthz runs; wrk -t${SERIAL.threads} -c${SERIAL.conns} -d${SERIAL.secs}s --latency)`);
  const web = serial.filter(isWeb);
  const wrows = web.map(([key, label, p, t]) => {
    const r = res.latency[key];
    const pr = probe[Object.keys(Q).find((k) => Q[k] === p)] || {};
    if (r) { r.lang = pr.lang || null; r.content_type = pr.type || null; }
    const ratio = r && hzP50 ? r.p50 / hzP50 : null;
    return [label, pr.bytes ? fmtNum(pr.bytes, 'bytes') : 'n/a', pr.lang || '?', r ? fmtNum(r.p50, 'ms') : 'n/a',
      r ? fmtNum(r.p99, 'ms') : 'n/a', r ? fmtNum(r.rps, 'req/s') : 'n/a', fmtNum(ratio, 'x'),
      t ? `p50 < ${t.value} ms` : '-', r ? (wrkNotes(r) || '-') : '-'];
  });
  console.log(table(['page', 'HTML', 'lang', 'p50', 'p99', 'req/s', 'p50/healthz', 'target', 'errors'], wrows,
    ['l', 'r', 'l', 'r', 'r', 'r', 'r', 'l', 'l']));
  console.log(`  p50/healthz: as in step 5 (healthz p50 ${fmtNum(hzP50, 'ms')}); no cookie, so the default language`);
  for (const [key, label, , t] of web) {
    const r = res.latency[key];
    const ref = r && hzP50 ? `${fmtNum(r.p50 / hzP50, 'x')} healthz` : null;
    figure(`${key}_p50_ms`, `${label} p50 (c1)`, r ? r.p50 : null, 'ms', t, ref);
    figure(`${key}_p99_ms`, `${label} p99 (c1)`, r ? r.p99 : null, 'ms', null, null);
  }

  // --- 8. web UI, dashboard transfer in a real browser ---------------------
  console.log(`\n[8] dashboard transfer in Chromium: first load with an empty cache, then a repeat load in the same context`);
  res.web_transfer = null;
  let bw = null;
  if (pwFound.missing) {
    console.log(`  n/a: ${pwFound.missing}`);
    res.web_transfer = { skipped: pwFound.missing };
  } else {
    bw = await browserLoads(pwFound, Y(Q.dashboard));
    res.web_transfer = bw;
  }
  const kb = (n) => fmtNum(n / 1024, 'KB');
  const sizeStr = (n) => (n >= 1024 * 1024 ? fmtNum(n / 1048576, 'MB') : kb(n));
  const first = bw && bw.first;
  const repeat = bw && bw.repeat;
  if (bw && bw.chromium) {
    console.log(`  Chromium ${bw.chromium}, fresh context; a load is counted once #worldmap[data-rendered="1"] is set, the network`);
    console.log(`  is idle and no request has started or finished for ${BROWSER.quietMs} ms`);
  }
  if (bw && bw.error) fail('browser', bw.error + (bw.page_messages.length ? `; page said: ${bw.page_messages.slice(0, 3).join(' | ')}` : ''));
  const loadRows = [];
  for (const [name, L] of [['first load (empty cache)', first], ['repeat load (same context)', repeat]]) {
    loadRows.push([name, L ? String(L.requests) : 'n/a', L ? String(L.over_network) : 'n/a', L ? String(L.from_cache) : 'n/a',
      L ? fmtNum(L.wire_bytes, 'bytes') : 'n/a', L ? fmtNum(L.body_bytes, 'bytes') : 'n/a',
      L ? `${fmtNum(L.load_event_ms, 'ms')} / ${fmtNum(L.map_drawn_ms, 'ms')}` : 'n/a']);
  }
  if (first) {
    console.log(table(['load', 'requests', 'network', 'cache', 'transferred', 'resources', 'load event / map drawn'], loadRows,
      ['l', 'r', 'r', 'r', 'r', 'r', 'r']));
    console.log('  transferred: bytes received (CDP encodedDataLength: response headers + body, 0 if served from the cache);');
    console.log('  resources: decoded body bytes, wherever they came from');
  }
  if (first) {
    const top = [...first.resources].sort((a, b) => b.wire_bytes - a.wire_bytes).slice(0, BROWSER.topN);
    console.log(`  largest resources of the first load (${top.length} of ${first.resources.length}):`);
    console.log(table(['resource', 'type', 'status', 'bytes', 'share', 'cache'],
      top.map((r) => [r.path, r.type || '?', r.failed ? r.failed : String(r.status), fmtNum(r.wire_bytes, 'bytes'),
        first.wire_bytes ? `${((r.wire_bytes / first.wire_bytes) * 100).toFixed(1)}%` : '-',
        [r.cache_control, r.etag ? 'ETag' : null].filter(Boolean).join(', ') || '-']),
      ['l', 'l', 'r', 'r', 'r', 'l']).split('\n').map((l) => '  ' + l).join('\n'));
  }
  if (repeat) {
    const net = repeat.resources.filter((r) => r.source !== 'cache');
    console.log(`  repeat load over the network: ${net.length ? net.map((r) => `${r.path} (${r.source === '304' ? '304' : r.status}, ` +
      `${fmtNum(r.wire_bytes, 'bytes')})`).join(', ') : 'nothing'}`);
  }
  for (const L of [first, repeat].filter(Boolean)) {
    if (L.bad.length) console.log(`  note: ${L === first ? 'first' : 'repeat'} load had failed requests: ` +
      L.bad.map((r) => `${r.path} ${r.failed || r.status}`).join(', '));
    if (!L.quiet_reached) console.log(`  note: ${L === first ? 'first' : 'repeat'} load: the network never stayed quiet ` +
      `for ${BROWSER.quietMs} ms within ${BROWSER.quietCapMs / 1000} s; counted what had arrived`);
  }
  if (bw && bw.page_messages.length) console.log(`  page console: ${bw.page_messages.slice(0, 5).join(' | ')}`);
  const largest = first && first.resources.length ? [...first.resources].sort((a, b) => b.wire_bytes - a.wire_bytes)[0] : null;
  figure('ui_first_load_mb', 'dashboard first load, transferred', first ? first.wire_bytes / 1048576 : null, 'MB', TARGETS.firstLoadMB,
    largest ? `largest ${path.basename(largest.path) || largest.path} ${((largest.wire_bytes / first.wire_bytes) * 100).toFixed(0)}%` : null);
  figure('ui_first_load_requests', 'dashboard first load, requests', first ? first.requests : null, 'requests', null,
    first ? `${first.over_network} over the network` : null);
  figure('ui_repeat_load_kb', 'dashboard repeat load, transferred', repeat ? repeat.wire_bytes / 1024 : null, 'KB', TARGETS.repeatLoadKB,
    repeat && first && first.wire_bytes ? `${((repeat.wire_bytes / first.wire_bytes) * 100).toFixed(1)}% of first load (${sizeStr(first.wire_bytes)})` : null);
  figure('ui_repeat_load_requests', 'dashboard repeat load, requests', repeat ? repeat.requests : null, 'requests', null,
    repeat ? `${repeat.over_network} over the network, ${repeat.from_cache} from cache` : null);

  // Peak RSS over the whole run (the searches and pages may allocate more than the list).
  const hwmEnd = readStatusKB(server.proc.pid, 'VmHWM');
  res.memory.vmhwm_kb_end = hwmEnd;
  if (hwmEnd && hwmAfterLoad && hwmEnd > hwmAfterLoad) {
    figure('peak_rss_end_mb', 'server peak RSS, whole run', hwmEnd / 1024, 'MB', TARGETS.rssMB, 'after all phases');
  }
  void rssFig;

  return finish(tStart, load0, versions, res);
}

async function finish(tStart, load0, versions, res) {
  // --- 7. stop, clean up ---------------------------------------------------
  const stopped = { youcheng: await stopProc(server, 'SIGTERM', 'youcheng'), nginx: await stopProc(nginx, 'SIGQUIT', 'nginx') };
  if (stopped.youcheng && !stopped.youcheng.clean) fail('stop', `youcheng: ${stopped.youcheng.note}`);
  else if (stopped.youcheng && stopped.youcheng.code !== 0) fail('stop', `youcheng exited with code ${stopped.youcheng.code} signal ${stopped.youcheng.signal} on SIGTERM`);
  if (stopped.nginx && !stopped.nginx.clean) fail('stop', `nginx: ${stopped.nginx.note}`);
  removeTmp();

  const load1 = os.loadavg();
  const totalSec = (Date.now() - tStart) / 1000;

  console.log('\nSummary');
  const rows = figures.map((f) => [f.label, fmtNum(f.value, f.unit), f.reference || '', f.target || '-', f.status]);
  console.log(table(['figure', 'value', 'reference (same run)', 'target', 'status'], rows, ['l', 'r', 'l', 'l', 'l']));

  const misses = figures.filter((f) => f.status === 'MISS');
  const withTarget = figures.filter((f) => f.target);
  const na = withTarget.filter((f) => f.status === 'n/a').length;
  console.log(`\n  ${withTarget.length - misses.length - na}/${withTarget.length} targets met` +
    (na ? ` (${na} not measured)` : '') + (misses.length ? '; missed:' : '.'));
  for (const f of misses) {
    console.log(`    MISS ${f.label}: ${fmtNum(f.value, f.unit)} vs target ${f.target} ` +
      `(${fmtNum(f.miss.by, f.unit)} ${f.miss.dir}, ${f.miss.pct.toFixed(0)}% ${f.miss.dir === 'over' ? 'above' : 'below'} the target)`);
  }
  console.log(`  load average ${load0.map((x) => x.toFixed(2)).join(' ')} at start, ${load1.map((x) => x.toFixed(2)).join(' ')} at end; ` +
    `${os.cpus().length} CPUs shared by server, wrk and nginx: compare ratios, not absolute figures, across machines.`);
  if (errors.length) {
    console.log(`  ${errors.length} step(s) could not run:`);
    for (const e of errors) console.log(`    - ${e.step}: ${e.error}`);
  }
  console.log(`  total ${totalSec.toFixed(1)} s; figures written to ${path.relative(process.cwd(), OUT_JSON) || OUT_JSON}`);

  const out = {
    date: new Date().toISOString(),
    host: { cpus: os.cpus().length, cpu_model: (os.cpus()[0] || {}).model || null, kernel: os.release(),
      loadavg_start: load0, loadavg_end: load1 },
    versions,
    params: { init_runs: INIT_RUNS, load: LOAD, serial: SERIAL, warmup_secs: WARMUP_SECS, server_threads: SERVER_THREADS,
      browser: { ...BROWSER, chromium: CHROMIUM } },
    figures, results: res, stopped, errors, total_seconds: totalSec,
  };
  try { fs.writeFileSync(OUT_JSON, JSON.stringify(out, null, 2) + '\n'); } catch (e) { console.log(`  could not write ${OUT_JSON}: ${e.message}`); errors.push({ step: 'json', error: e.message }); }
  process.exit(errors.length ? 1 : 0);
}

main().catch(async (e) => {
  console.log(`\nbench: unexpected error: ${e.stack || e}`);
  errors.push({ step: 'harness', error: String(e) });
  await finish(Date.now(), os.loadavg(), {}, {});
});
