'use strict';
/*
** ops.test.js: running it for real (issue 14, operations).
**
**  - GET /metrics: Prometheus text format, requests counted by route
**    pattern and status, histogram consistent, imports by type and outcome;
**    loopback callers only, or the bearer token of --metrics-token-file;
**    a request forwarded by the trusted proxy is not a loopback caller.
**  - the access log: one JSON line per request with the route pattern, the
**    request id of X-Request-Id and the user id; never a cookie, a token,
**    a password, a body or a query value.
**  - Secure cookies: --public-url https://... and X-Forwarded-Proto from the
**    trusted proxy (only from it); the forwarded client address in the log.
**  - graceful shutdown: a request in flight when SIGTERM comes completes
**    with 200, new connections are refused, the server exits 0.
*/
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const common = require('../common.js');
const lib = require('./lib.js');

const METRICS_TOKEN = 'metrics-token-0123456789abcdef';

/* The access log's lines as objects (every line must be JSON). */
function logLines(file) {
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  return text.split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

/* The Set-Cookie header values of an answer. */
const cookies = (res) => [].concat(res.headers['set-cookie'] || []);

/* A second server on the same database with other options. */
async function extraServer(ctx, args) {
  return common.startServe(lib.BIN, ctx.db, {
    threads: 1, args, timeout: 120_000,
    healthy: async (port) => (await lib.request(port, 'GET', '/healthz')).status === 200,
  });
}

async function stopServe(srv) {
  if (!srv.out.exit) { srv.proc.kill('SIGTERM'); await srv.exited; }
  return srv.out.exit;
}

describe('operations: metrics, access log, cookies, shutdown', { timeout: lib.SETUP_TIMEOUT }, () => {
  const ctx = {};
  let tokenFile;
  before(async () => {
    /* The token file is written before the server starts: the server reads it once. */
    const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'youcheng-ops-'));
    tokenFile = path.join(dir, 'metrics.token');
    fs.writeFileSync(tokenFile, `${METRICS_TOKEN}\n`, { mode: 0o600 });
    Object.assign(ctx, await lib.startServer({ args: ['--trusted-proxy', '127.0.0.1', '--metrics-token-file', tokenFile] }));
    ctx.tokenDir = dir;
  }, { timeout: lib.SETUP_TIMEOUT });
  after(async () => {
    if (ctx.cleanup) await ctx.cleanup();
    if (ctx.tokenDir) fs.rmSync(ctx.tokenDir, { recursive: true, force: true });
  });

  test('GET /metrics counts requests by route pattern and status, with a consistent histogram', async () => {
    const one = await ctx.api('GET', '/api/v1/partners/1');
    assert.equal(one.status, 200, one.text);
    const missing = await ctx.api('GET', '/api/v1/partners/999999');
    assert.equal(missing.status, 404);
    const dry = await ctx.api('POST', '/api/v1/import/partners?dry_run=1',
      { body: 'city,country,kind\n', token: ctx.token, headers: { 'Content-Type': 'text/csv' } });
    const m = await ctx.api('GET', '/metrics');
    assert.equal(m.status, 200, m.text);
    assert.match(m.headers['content-type'], /^text\/plain; version=0\.0\.4/);
    const t = m.text;
    /* The pattern, never the raw path: /api/v1/partners/1 is counted as /api/v1/partners/{}. */
    assert.match(t, /^youcheng_http_requests_total\{route="\/api\/v1\/partners\/\{\}",method="GET",status="200"\} [1-9]\d*$/m);
    assert.match(t, /^youcheng_http_requests_total\{route="\/api\/v1\/partners\/\{\}",method="GET",status="404"\} [1-9]\d*$/m);
    assert.doesNotMatch(t, /partners\/1"/);
    const dryOutcome = dry.status === 200 ? 'dry_run' : dry.status >= 500 ? 'failed' : 'rejected';
    assert.match(t, new RegExp(`^youcheng_imports_total\\{type="partners",outcome="${dryOutcome}"\\} 1$`, 'm'));
    /* Cumulative buckets, ending with +Inf equal to the count. */
    const buckets = [...t.matchAll(/^youcheng_http_request_duration_seconds_bucket\{le="([^"]+)"\} (\d+)$/gm)].map((x) => Number(x[2]));
    assert.ok(buckets.length >= 10, 'histogram buckets');
    for (let i = 1; i < buckets.length; i++) assert.ok(buckets[i] >= buckets[i - 1], 'buckets are cumulative');
    const count = Number(/^youcheng_http_request_duration_seconds_count (\d+)$/m.exec(t)[1]);
    assert.equal(buckets[buckets.length - 1], count);
    assert.ok(count >= 3, `count ${count}`);
    assert.match(t, /^youcheng_connections_open [1-9]\d*$/m);
    assert.match(t, /^youcheng_cache_lookups_total\{result="miss"\} \d+$/m);
    assert.match(t, /^youcheng_db_busy_total\{result="waited"\} \d+$/m);
    /* Every sample line is NAME{labels} VALUE or NAME VALUE; every family has HELP and TYPE. */
    for (const line of t.split('\n').filter((l) => l && !l.startsWith('#'))) {
      assert.match(line, /^[a-z_]+(\{[a-z_]+="[^"\n]*"(,[a-z_]+="[^"\n]*")*\})? -?\d+(\.\d+)?$/, line);
    }
    for (const fam of new Set(t.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(/[{ ]/)[0].replace(/_(bucket|sum|count)$/, '')))) {
      assert.match(t, new RegExp(`^# TYPE ${fam} `, 'm'), `TYPE of ${fam}`);
    }
  });

  test('GET /metrics: not through the proxy without the token; with the token from anywhere', async () => {
    const viaProxy = await ctx.api('GET', '/metrics', { headers: { 'X-Forwarded-For': '203.0.113.7', 'X-Forwarded-Proto': 'https' } });
    lib.assertError(viaProxy, 403);
    const wrong = await ctx.api('GET', '/metrics', { headers: { 'X-Forwarded-For': '203.0.113.7', Authorization: 'Bearer not-the-token-at-all' } });
    lib.assertError(wrong, 403);
    const apiToken = await ctx.api('GET', '/metrics', { token: ctx.token, headers: { 'X-Forwarded-For': '203.0.113.7' } });
    lib.assertError(apiToken, 403);
    const ok = await ctx.api('GET', '/metrics', { headers: { 'X-Forwarded-For': '203.0.113.7', Authorization: `Bearer ${METRICS_TOKEN}` } });
    assert.equal(ok.status, 200, ok.text);
    assert.match(ok.text, /youcheng_http_requests_total/);
  });

  test('the access log: one JSON line per request, no secrets, the forwarded address only from the proxy', async () => {
    const secretQ = 'zzsecretquery';
    const res = await ctx.api('GET', `/api/v1/orgs?q=${secretQ}`, { token: ctx.token, headers: { Cookie: 'yc_session=zzsecretcookie; yc_lang=en' } });
    assert.equal(res.status, 200, res.text);
    const rid = res.headers['x-request-id'];
    assert.match(rid, /^[0-9a-f]{16}$/);
    const { res: login } = await ctx.login('alice', lib.PASSWORD);
    assert.equal(login.status, 303, login.text);
    const fwd = await ctx.api('GET', '/healthz', { headers: { 'X-Forwarded-For': '198.51.100.1, 203.0.113.9' } });
    const fwdBad = await ctx.api('GET', '/healthz', { headers: { 'X-Forwarded-For': 'not an address' } });
    const text = fs.readFileSync(ctx.out.accessLog, 'utf8');
    for (const secret of [secretQ, 'zzsecretcookie', ctx.token, lib.PASSWORD, 'correct+horse', 'yc_session']) {
      assert.ok(!text.includes(secret), `the access log contains ${secret}`);
    }
    const lines = logLines(ctx.out.accessLog);
    const mine = lines.find((l) => l.rid === rid);
    assert.ok(mine, `no line with rid ${rid}`);
    assert.equal(mine.method, 'GET');
    assert.equal(mine.route, '/api/v1/orgs');
    assert.equal(mine.path, '/api/v1/orgs');
    assert.deepEqual(mine.query, ['q']);
    assert.equal(mine.status, 200);
    assert.equal(mine.remote, '127.0.0.1');
    assert.ok(Number.isInteger(mine.user) && mine.user > 0, `user ${mine.user}`);
    assert.ok(Number.isInteger(mine.us) && mine.us >= 0);
    assert.equal(mine.bytes, res.body.length);
    assert.match(mine.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.equal(lines.find((l) => l.rid === fwd.headers['x-request-id']).remote, '203.0.113.9');
    assert.equal(lines.find((l) => l.rid === fwdBad.headers['x-request-id']).remote, '127.0.0.1');
    const loginLine = lines.find((l) => l.rid === login.headers['x-request-id']);
    assert.equal(loginLine.route, '/login');
    assert.equal(loginLine.method, 'POST');
    /* Request ids are unique. */
    assert.equal(new Set(lines.map((l) => l.rid)).size, lines.length);
  });

  test('cookies: Secure when the trusted proxy says https, not otherwise', async () => {
    const plain = await ctx.api('GET', '/login?lang=en');
    assert.ok(cookies(plain).length >= 2, JSON.stringify(plain.headers));
    for (const c of cookies(plain)) assert.doesNotMatch(c, /;\s*Secure/i, c);
    const https = await ctx.api('GET', '/login?lang=en', { headers: { 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '203.0.113.7' } });
    assert.ok(cookies(https).length >= 2);
    for (const c of cookies(https)) assert.match(c, /;\s*Secure/i, c);
    const { res, cookie } = await ctx.login('alice', lib.PASSWORD);
    assert.ok(cookie);
    for (const c of cookies(res)) assert.doesNotMatch(c, /;\s*Secure/i, c);
  });

  test('--public-url https://...: Secure cookies and https links; forwarded headers from an untrusted peer ignored', async () => {
    const srv = await extraServer(ctx, ['--public-url', 'https://portal.example.org', '--trusted-proxy', '192.0.2.1']);
    try {
      const form = await lib.request(srv.port, 'GET', '/login?lang=zh');
      const set = cookies(form);
      assert.ok(set.some((c) => c.startsWith('yc_login=')) && set.some((c) => c.startsWith('yc_lang=')), JSON.stringify(set));
      for (const c of set) assert.match(c, /;\s*Secure/i, c);
      const t = set.find((c) => c.startsWith('yc_login=')).split(';')[0];
      const m = /name="csrf" value="([^"]+)"/.exec(form.text);
      const body = new URLSearchParams({ user: 'alice', password: lib.PASSWORD, next: '/', csrf: m[1] }).toString();
      const login = await lib.request(srv.port, 'POST', '/login', { body, headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: t } });
      assert.equal(login.status, 303, login.text);
      const session = cookies(login).find((c) => c.startsWith('yc_session='));
      assert.match(session, /;\s*Secure/i);
      assert.match(session, /HttpOnly/);
      const portal = await lib.request(srv.port, 'GET', '/portal');
      assert.equal(portal.status, 200);
      assert.match(portal.text, /content="https:\/\/portal\.example\.org\//);
      assert.doesNotMatch(portal.text, /http:\/\/127\.0\.0\.1/);
      /* 127.0.0.1 is not the trusted proxy here: its X-Forwarded-For is not believed. */
      const h = await lib.request(srv.port, 'GET', '/healthz', { headers: { 'X-Forwarded-For': '203.0.113.5' } });
      const line = logLines(srv.out.accessLog).find((l) => l.rid === h.headers['x-request-id']);
      assert.equal(line.remote, '127.0.0.1');
    } finally {
      await stopServe(srv);
    }
  });

  test('SIGTERM: the request in flight completes with 200, new connections are refused, exit 0', async () => {
    const srv = await extraServer(ctx, ['--no-access-log']);
    /* A real request whose body is still arriving when the signal comes
    ** (a slow client): it is in flight until the body is complete. */
    const body = Buffer.from(JSON.stringify({ text: '济南与和歌山市的友好交流' }), 'utf8');
    const half = Math.floor(body.length / 2);
    const sock = net.connect(srv.port, '127.0.0.1');
    await new Promise((resolve, reject) => { sock.once('connect', resolve); sock.once('error', reject); });
    const answer = new Promise((resolve) => {
      const chunks = [];
      sock.on('data', (b) => chunks.push(b));
      sock.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
    sock.write(`POST /api/v1/mentions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n`
      + `Content-Length: ${body.length}\r\n\r\n`);
    sock.write(body.subarray(0, half));
    /* The server's word after the signal (an event on its stdout). */
    const said = new Promise((resolve) => {
      const check = () => { if (/stopping \(\d+ requests in flight\)/.test(srv.out.stdout)) resolve(); };
      srv.proc.stdout.on('data', () => setImmediate(check));
      check();
    });
    await waitInFlight(srv.port);
    srv.proc.kill('SIGTERM');
    await said;
    /* Ours, and possibly the last /metrics request: its answer is read
    ** before the server has completed it. */
    assert.match(srv.out.stdout, /stopping \([12] requests in flight\)/);
    /* No new connection is accepted now. */
    const refused = await new Promise((resolve) => {
      const s = net.connect(srv.port, '127.0.0.1');
      s.once('connect', () => { s.destroy(); resolve(false); });
      s.once('error', () => resolve(true));
    });
    assert.ok(refused, 'a new connection was accepted after SIGTERM');
    sock.end(body.subarray(half));
    const text = await answer;
    assert.match(text, /^HTTP\/1\.1 200 /, text.slice(0, 300));
    assert.match(text, /\r\nConnection: close\r\n/i);
    const json = JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4));
    assert.ok(Array.isArray(json.items) || typeof json === 'object');
    const exit = await srv.exited;
    assert.deepEqual(exit, { code: 0, signal: null });
    assert.match(srv.out.stdout, /stopped/);
  });

  test('youcheng help --man: the manual page made from the --help text of every command, clean roff', async () => {
    const man = await lib.yc(['help', '--man']);
    assert.equal(man.code, 0, man.stderr);
    assert.match(man.stdout, /^\.TH YOUCHENG 1 /m);
    const help = JSON.parse((await lib.yc(['help', '--json'])).stdout);
    const roff = (t) => t.replace(/\\/g, '\\e').replace(/-/g, '\\-');
    for (const c of help.commands) {
      for (const k of c.kinds ? c.kinds : [c]) {
        /* Every help line of the command table is in the page (synopses
        ** verbatim, the description's lines as text). */
        for (const line of k.help.split('\n').map((l) => l.trim()).filter(Boolean)) {
          assert.ok(man.stdout.includes(roff(line).replace(/^([.'])/, '\\&$1')), `${k.name}: ${line}`);
        }
      }
    }
    /* groff finds nothing to warn about (what man --warnings shows). */
    const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'youcheng-man-'));
    try {
      fs.writeFileSync(path.join(dir, 'youcheng.1'), man.stdout);
      const r = await lib.run('groff', ['-man', '-Tutf8', '-ww', '-z', path.join(dir, 'youcheng.1')]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, '', r.stderr);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  lib.stopTest(ctx);
});

/* Resolves once the server counts our slow request in flight: /metrics
** (asked from loopback) counts itself and every request whose headers are
** in and whose answer is not complete. */
async function waitInFlight(port) {
  for (let i = 0; i < 1000; i++) {
    const m = await lib.request(port, 'GET', '/metrics');
    const n = Number((/^youcheng_http_requests_in_flight (\d+)$/m.exec(m.text) || [])[1]);
    if (n >= 2) return;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error('the server never saw the slow request');
}
