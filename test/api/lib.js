'use strict';
/*
** lib.js: the fixture shared by the API test files.
**
** startServer() makes a temp dir, copies an initialised demo database into
** it (initialised once per binary with `youcheng init --demo` and cached:
** see ../common.js), adds the users alice (editor) and victor (viewer) and
** a bearer token for each through the CLI, then starts `youcheng serve` on
** a free loopback port and waits for /healthz. Each test file has its own
** temp dir, database, port and server, so files may run concurrently
** (node --test --test-concurrency=N).
**
** The returned context offers:
**   api(method, path, {body, token, headers, raw})  -> {status, headers, json, text}
**   fingerprint()   a hash of the schema and every table but the fixed
**                   reference data (the server runs in WAL mode; the
**                   sqlite3 shell reads concurrently; on PostgreSQL,
**                   YC_TEST_ENGINE=pg, psql and md5 in the server)
**   rejected(...)   send a request that must fail; check the error shape,
**                   the status, the field, that the database is unchanged
**                   and that the server still answers /healthz
**   cli(args, {input})  run the binary
**   login(user, password)  POST /login with the form's CSRF token -> {res, cookie}
**   validator       the OpenAPI check of every /api/v1 answer (./openapi.js)
**   stop()          SIGTERM the server; resolves {code, signal, stdout, stderr}
**   kill9(), restart()  kill -9 the server; start it again on the same database
**
** Environment: YC_BIN (default ../../youcheng); see ../common.js for
** YC_TEMPLATE_DB and YC_SHARED_DATA. Under AddressSanitizer the
** same suite runs against an ASan build, so every wait here is generous.
*/
const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const zlib = require('node:zlib');
const path = require('node:path');
const common = require('../common.js');
const { run, sanitizerErrors, freePort } = common;
const { makeValidator } = require('./openapi.js');

const BIN = process.env.YC_BIN ? path.resolve(process.env.YC_BIN) : path.resolve(__dirname, '../../youcheng');
const SQLITE3 = common.SQLITE3;

/* Generous limits: init under ASan may take a minute. */
const START_TIMEOUT = 120_000;
const STOP_TIMEOUT = 120_000;
/* Timeouts for node:test: a whole file's setup and a single test. */
const SETUP_TIMEOUT = 600_000;
const TEST_TIMEOUT = 180_000;

const PASSWORD = 'correct horse battery';       /* >= 10 characters, not a common password */
const VIEWER_PASSWORD = 'viewer password 1';

/* Run the youcheng binary. */
function yc(args, opts) { return run(BIN, args, opts); }

/* The initialised demo database of this binary (made once, see
** ../common.js) and a fresh copy of it in a new temp dir: {dir, db}. */
const templateDb = () => common.templateDb(BIN);
/* Every row of every table as text: sqlite3's .dump, or pg_dump's data
** (PostgreSQL: live rows; a deleted row's old version stays on disk until
** VACUUM, which autovacuum runs). */
async function dump(db) {
  const r = common.ENGINE === 'pg' ? await run('pg_dump', ['--data-only', '--inserts', '--dbname', db], { timeout: 120_000 })
    : await run(SQLITE3, [db, '.dump'], { timeout: 120_000 });
  if (r.code !== 0) throw new Error(`dump failed: ${r.stderr}`);
  return r.stdout;
}

/* Write to the database behind the server's back (SQLite: the sqlite3
** shell, safe while the server runs in WAL mode; PostgreSQL: youcheng
** sql, whose statement triggers record the tables written in table_gen).
** Resolves {code, stderr}. */
async function sqlWrite(db, query) {
  if (common.ENGINE === 'pg') return run(BIN, ['sql', '--db', db, query], { timeout: 60_000 });
  return run(SQLITE3, [db, query], { timeout: 60_000 });
}

const freshDb = () => common.freshDb(BIN, 'youcheng-test-');

/* The fingerprint of a database: SHA3-256 (the sqlite3 shell's
** sha3_query) of its schema and of the rows of every table but the
** reference data. The reference tables (the gazetteer's 200k cities and
** their alternates, countries, industries) never change after init and would make it slow; FTS5
** tables are read through their shadow tables (the shell lacks the "yc"
** tokenizer). One sqlite3 process, nothing piped: some ten times faster
** than hashing `sqlite3 .dump`, which the suite did for every refused
** request. */
const REFERENCE_TABLES = "(name NOT LIKE 'city%' OR name='city_name_own') AND name NOT IN ('country','country_border','industry')";
/* Authentication's own bookkeeping is left out: a token's last_used and a
** session's last_seen are written on use (at most once a minute), and
** login_attempt counts failed logins; so is the response cache's
** table_gen (the generation of each table, bumped by each commit that
** writes it, login_attempt's included); every other column counts. */
const FINGERPRINT_SQL = "SELECT hex(sha3_query('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name;' || " +
  "(SELECT group_concat(CASE name WHEN 'token' THEN 'SELECT id, user_id, hash, created_at, name, expires_at FROM token' " +
  "WHEN 'session' THEN 'SELECT hash, user_id, csrf, expires_at, created_at FROM session' " +
  "ELSE 'SELECT * FROM \"' || replace(name, '\"', '\"\"') || '\"' END, ';') FROM " +
  `(SELECT name FROM sqlite_master WHERE type='table' AND ${REFERENCE_TABLES} AND name NOT IN ('login_attempt', 'table_gen') ` +
  "AND coalesce(sql, '') NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name))))";

/* On PostgreSQL (YC_TEST_ENGINE=pg): the same tables and columns, each
** table's rows as text in order, hashed with md5 by the server; the schema
** as information_schema's columns. Two psql runs: the tables, then one
** query over them. */
const PG_FP_TABLES = "SELECT table_name FROM information_schema.tables WHERE table_schema='public' AND table_type='BASE TABLE' " +
  "AND (table_name NOT LIKE 'city%' OR table_name='city_name_own') AND table_name NOT IN ('country','country_border','industry','login_attempt','table_gen') " +
  'ORDER BY table_name';
const PG_FP_COLUMNS = { token: 'id, user_id, hash, created_at, name, expires_at', session: 'hash, user_id, csrf, expires_at, created_at' };

async function pgFingerprint(db) {
  const { pg } = common;
  const tables = (await pg.psql(db, PG_FP_TABLES)).split('\n').filter(Boolean);
  const parts = ["(SELECT md5(string_agg(table_name || '.' || column_name || ':' || data_type, ',' ORDER BY table_name, ordinal_position)) " +
    "FROM information_schema.columns WHERE table_schema='public')"];
  for (const t of tables) {
    const cols = PG_FP_COLUMNS[t] || '*';
    parts.push(`(SELECT ${pg.lit(t)} || md5(coalesce(string_agg(r::text, E'\\n' ORDER BY r::text), '')) FROM (SELECT ${cols} FROM ${pg.ident(t)}) r)`);
  }
  const h = (await pg.psql(db, `SELECT upper(md5(concat_ws(';', ${parts.join(', ')})))`)).trim();
  if (!/^[0-9A-F]{32}$/.test(h)) throw new Error(`psql fingerprint failed: ${h.slice(0, 200)}`);
  return h;
}

async function fingerprint(db) {
  if (common.ENGINE === 'pg') return pgFingerprint(db);
  const r = await run(SQLITE3, [db, FINGERPRINT_SQL], { timeout: 60_000 });
  const h = r.stdout.trim();
  if (r.code !== 0 || r.stderr || !/^[0-9A-F]{64}$/.test(h)) {
    throw new Error(`sqlite3 fingerprint failed (exit ${r.code}): ${r.stderr}${r.stdout.slice(0, 200)}`);
  }
  return h;
}

/* Run SQL with the sqlite3 shell (read-only checks); resolves stdout. On
** PostgreSQL with `youcheng sql`, printed the same way (no header, |
** between fields, NULL as nothing): the query is written for SQLite and
** the engine rewrites it as it does the core's own statements. */
async function sql(db, query) {
  if (common.ENGINE === 'pg') {
    const r = await run(BIN, ['sql', '--db', db, query], { timeout: 60_000 });
    if (r.code !== 0) throw new Error(`youcheng sql failed: ${r.stderr}`);
    return r.stdout;
  }
  const r = await run(SQLITE3, ['-readonly', db, query], { timeout: 60_000 });
  if (r.code !== 0) throw new Error(`sqlite3 failed: ${r.stderr}`);
  return r.stdout;
}

/* The validator of the API's answers (./openapi.js), made from the
** server's own document when the first server of this process starts. */
let validator = null;

/* One HTTP request with node:http, so that paths go out byte for byte
** (no URL normalisation: /static/../x stays as it is). Every answer to an
** /api/v1 path is checked against the OpenAPI document: a mismatch
** rejects with the path and ajv's errors. */
function request(port, method, reqPath, { body, token, headers = {}, raw = false } = {}) {
  return new Promise((resolve, reject) => {
    const h = { ...headers };
    let payload = null;
    if (body !== undefined) {
      if (Buffer.isBuffer(body)) payload = body;
      else if (typeof body === 'string') payload = Buffer.from(body, 'utf8');
      else payload = Buffer.from(JSON.stringify(body), 'utf8');
      if (!Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) h['Content-Type'] = 'application/json';
      h['Content-Length'] = String(payload.length);
    }
    if (token) h.Authorization = `Bearer ${token}`;
    const req = http.request({ host: '127.0.0.1', port, method, path: reqPath, headers: h, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (b) => chunks.push(b));
      res.on('end', () => {
        const buf = Buffer.concat(chunks);
        /* body: the bytes as sent; text and json: decoded (Content-Encoding). */
        const enc = res.headers['content-encoding'];
        const plain = !buf.length ? buf : enc === 'br' ? zlib.brotliDecompressSync(buf) : enc === 'gzip' ? zlib.gunzipSync(buf) : buf;
        const text = plain.toString('utf8');
        let json;
        if (!raw && /json/.test(res.headers['content-type'] || '') && text.length) {
          try { json = JSON.parse(text); } catch (e) { json = undefined; }
        }
        const out = { status: res.statusCode, headers: res.headers, json, text, body: buf };
        if (validator && reqPath.startsWith('/api/v1/')) {
          try { validator.check(method, reqPath, out); } catch (e) { reject(e); return; }
        }
        resolve(out);
      });
      res.on('error', reject);
    });
    req.setTimeout(120_000, () => req.destroy(new Error(`${method} ${reqPath}: no answer in 120 s`)));
    req.on('error', reject);
    if (payload) req.end(payload);
    else req.end();
  });
}

/* A query string from an object (values encoded as UTF-8). */
function qs(params) {
  const s = new URLSearchParams(params).toString();
  return s ? `?${s}` : '';
}

/* Check the error shape {"error":{"code","message","field"}}. */
function assertError(res, status, field, code) {
  const ctx = `${res.status} ${res.text.slice(0, 300)}`;
  if (status !== undefined) assert.equal(res.status, status, `expected HTTP ${status}, got ${ctx}`);
  assert.ok(res.status >= 400 && res.status < 500, `expected a 4xx status, got ${ctx}`);
  assert.match(res.headers['content-type'] || '', /^application\/json/, `error is not JSON: ${ctx}`);
  assert.ok(res.json && typeof res.json === 'object', `error body is not JSON: ${ctx}`);
  const e = res.json.error;
  assert.ok(e && typeof e === 'object', `no "error" object: ${ctx}`);
  assert.equal(typeof e.code, 'string', `error.code: ${ctx}`);
  assert.ok(e.code.length > 0, `empty error.code: ${ctx}`);
  assert.equal(typeof e.message, 'string', `error.message: ${ctx}`);
  assert.ok(e.message.length > 0, `empty error.message: ${ctx}`);
  assert.ok('field' in e && (e.field === null || typeof e.field === 'string'), `error.field: ${ctx}`);
  if (field !== undefined) assert.equal(e.field, field, `error.field: ${ctx}`);
  if (code !== undefined) assert.equal(e.code, code, `error.code: ${ctx}`);
  return e;
}

/* Two request threads; on PostgreSQL four: a request thread waits on the
** database's socket there (each statement a round trip), and with two,
** 160 requests at once on a loaded machine kept later connections' heads
** unread past the 10 s header deadline (badinput.test.js, once in three
** runs of make test). */
const DEFAULT_THREADS = common.ENGINE === 'pg' ? 4 : 2;
async function startServer({ threads = DEFAULT_THREADS, admin = false, args = [] } = {}) {
  const { dir, db } = await freshDb();
  const t0 = Date.now();
  const ctx = { dir, db, bin: BIN, proc: null };

  /* Accounts through the CLI. */
  let r = await yc(['user', 'add', 'alice', '--password-stdin', '--db', db], { input: `${PASSWORD}\n` });
  assert.equal(r.code, 0, `user add alice: ${r.stderr}`);
  r = await yc(['user', 'add', 'victor', '--role', 'viewer', '--password-stdin', '--db', db], { input: `${VIEWER_PASSWORD}\n` });
  assert.equal(r.code, 0, `user add victor: ${r.stderr}`);
  r = await yc(['token', 'create', 'alice', '--db', db]);
  assert.equal(r.code, 0, `token create alice: ${r.stderr}`);
  ctx.token = r.stdout.trim();
  assert.match(ctx.token, /^\S{20,}$/, `token create printed ${JSON.stringify(r.stdout)}`);
  assert.equal(r.stdout.split('\n').filter(Boolean).length, 1, 'token create prints exactly one line');
  r = await yc(['token', 'create', 'victor', '--db', db]);
  assert.equal(r.code, 0, `token create victor: ${r.stderr}`);
  ctx.viewerToken = r.stdout.trim();
  /* An admin (token only) for the files that do admin-only writes (role
  ** matrix, doc/roles.md): deleting ties, thresholds, country lists. */
  if (admin) {
    r = await yc(['user', 'add', 'root', '--role', 'admin', '--db', db]);
    assert.equal(r.code, 0, `user add root: ${r.stderr}`);
    r = await yc(['token', 'create', 'root', '--db', db]);
    assert.equal(r.code, 0, `token create root: ${r.stderr}`);
    ctx.adminToken = r.stdout.trim();
  }

  const serve = () => common.startServe(BIN, db, {
    threads, args, timeout: START_TIMEOUT,
    healthy: async (port) => (await request(port, 'GET', '/healthz')).status === 200,
  });
  let srv = await serve();
  let proc = srv.proc;
  if (!validator) {
    const d = await request(srv.port, 'GET', '/api/v1/openapi.json');
    assert.equal(d.status, 200, `GET /api/v1/openapi.json: ${d.text.slice(0, 300)}`);
    validator = makeValidator(d.json);
  }
  ctx.validator = validator;
  ctx.proc = proc;
  ctx.port = srv.port;
  ctx.base = `http://127.0.0.1:${ctx.port}`;
  ctx.out = srv.out;          /* {stdout, stderr, exit} of the server, as they come */
  ctx.exited = srv.exited;
  ctx.startMs = Date.now() - t0;

  /* Cached fingerprint: valid until the next request that may write. */
  let fp = null;
  ctx.api = (method, p, opts = {}) => {
    if (method !== 'GET' && method !== 'HEAD') fp = null;
    return request(ctx.port, method, p, opts);
  };
  /* POST /login as the form does: the CSRF token and its cookie from GET
  ** /login first. Resolves {res, cookie} (cookie "yc_session=..." or null). */
  ctx.login = async (user, password, extra = {}) => {
    const form = await request(ctx.port, 'GET', '/login');
    const t = [].concat(form.headers['set-cookie'] || []).find((c) => c.startsWith('yc_login='));
    const m = /name="csrf" value="([^"]+)"/.exec(form.text);
    assert.ok(t && m, 'GET /login gave no CSRF token and cookie');
    const body = new URLSearchParams({ user, password, next: '/', csrf: m[1], ...extra }).toString();
    fp = null;
    const res = await request(ctx.port, 'POST', '/login', { body, headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: t.split(';')[0] } });
    const set = [].concat(res.headers['set-cookie'] || []).find((c) => c.startsWith('yc_session='));
    return { res, cookie: set ? set.split(';')[0] : null };
  };
  ctx.fingerprint = async () => { fp = await fingerprint(db); return fp; };
  ctx.cli = (args, opts) => { fp = null; return yc(args, opts); };
  ctx.sql = (q) => sql(db, q);
  ctx.dump = () => dump(db);
  /* A request that must be refused without touching the database. */
  ctx.rejected = async (method, p, opts = {}, { status, field, code } = {}) => {
    const before = fp || await fingerprint(db);
    const res = await ctx.api(method, p, opts);
    const e = assertError(res, status, field, code);
    const after = await fingerprint(db);
    assert.equal(after, before, `${method} ${p} changed the database although it answered ${res.status}`);
    fp = after;
    const h = await request(ctx.port, 'GET', '/healthz');
    assert.equal(h.status, 200, `server unhealthy after ${method} ${p}`);
    assert.deepEqual(h.json, { status: 'ok' });
    return { res, error: e };
  };
  /* kill -9 the server (no chance to finish anything); resolves when it
  ** is gone. restart() starts a new server on the same database (a new
  ** port: ctx.port, ctx.proc, ctx.out and ctx.exited follow it, on the
  ** object it is called on, e.g. useServer's holder). */
  ctx.kill9 = async () => {
    if (!srv.out.exit) { proc.kill('SIGKILL'); await srv.exited; }
    fp = null;
    return srv.out.exit;
  };
  ctx.restart = async function restart() {
    if (!srv.out.exit) throw new Error('restart: the server is still running');
    srv = await serve();
    proc = srv.proc;
    const now = { proc, port: srv.port, base: `http://127.0.0.1:${srv.port}`, out: srv.out, exited: srv.exited };
    Object.assign(ctx, now);
    /* Called on useServer's holder (a copy of ctx): update it too. */
    if (this && this !== ctx) Object.assign(this, now);
  };
  ctx.stop = async () => {
    if (!srv.out.exit) {
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), STOP_TIMEOUT);
      await srv.exited;
      clearTimeout(timer);
    }
    return { ...srv.out.exit, stdout: srv.out.stdout, stderr: srv.out.stderr };
  };
  ctx.cleanup = async () => {
    if (!srv.out.exit) { proc.kill('SIGKILL'); await srv.exited; }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return ctx;
}

/*
** Register the fixture on the current test file: a `before` hook that
** starts the server and an `after` hook that cleans up. Returns a holder
** whose properties are the context once `before` has run.
*/
function useServer(opts) {
  const { before, after } = require('node:test');
  const ctx = {};
  before(async () => { Object.assign(ctx, await startServer(opts)); }, { timeout: SETUP_TIMEOUT });
  after(async () => { if (ctx.cleanup) await ctx.cleanup(); }, { timeout: STOP_TIMEOUT + 10_000 });
  return ctx;
}

/* The last test of every file: the server stops on SIGTERM with exit code
** 0 and no sanitizer report (leaks make an ASan build exit non-zero). */
function stopTest(ctx) {
  const { test } = require('node:test');
  test('server stops cleanly on SIGTERM (exit 0, no sanitizer report)', { timeout: STOP_TIMEOUT + 10_000 }, async () => {
    const h = await ctx.api('GET', '/healthz');
    assert.equal(h.status, 200);
    const r = await ctx.stop();
    assert.equal(r.signal, null, `server killed by ${r.signal}:\n${r.stderr}`);
    assert.ok(!sanitizerErrors(r.stderr), `sanitizer report:\n${r.stderr.slice(0, 4000)}`);
    assert.equal(r.code, 0, `server exit code ${r.code}:\n${r.stderr.slice(0, 4000)}`);
    assert.match(r.stdout, /stopped/);
  });
}

/* Items of a partner list, fetching every page. */
async function allPartners(ctx, params = {}) {
  const items = [];
  let cursor = null;
  for (let i = 0; i < 100; i++) {
    const res = await ctx.api('GET', `/api/v1/partners${qs({ ...params, ...(cursor ? { cursor } : {}) })}`);
    assert.equal(res.status, 200, res.text);
    items.push(...res.json.items);
    cursor = res.json.next_cursor;
    if (cursor === null) return { items, total: res.json.total };
  }
  throw new Error('pagination did not end');
}

module.exports = {
  BIN, PASSWORD, TEST_TIMEOUT, SETUP_TIMEOUT,
  yc, run, sanitizerErrors, templateDb, freshDb, freePort, fingerprint, sql, sqlWrite, request, qs,
  assertError, startServer, useServer, stopTest, allPartners,
};
