'use strict';
/*
** common.js: what the API and browser fixtures (test/api/lib.js,
** test/browser/lib.js) share. Node built-ins only.
**
**   templateDb(bin)   the path of an initialised demo database for BIN
**                     (`youcheng init --demo`, about 3 s; 10+ s under
**                     ASan). Made once per binary and cached in the OS temp
**                     dir; test files running at the same time (node --test
**                     --test-concurrency=N) wait for the one that makes it
**                     (an O_EXCL lock file) instead of each running init.
**   freshDb(bin)      a new temp dir holding a copy of that template:
**                     {dir, db}. Every test file gets its own.
**   startServe(...)   `youcheng serve` on a free loopback port, retried on
**                     another port if a concurrent process took the first.
**   sharedDataFile(n) a file of the shared public data set, which lives
**                     beside the repository in ../shared/data (override with
**                     YC_SHARED_DATA=DIR). Throws, naming the file, when it
**                     is missing: a test that needs it must fail, not skip.
**
** Environment: YC_TEMPLATE_DB (use this initialised demo database instead
** of making one), YC_SHARED_DATA (the shared data directory), YC_SQLITE3.
**
** The engine (issue 15): YC_TEST_ENGINE=pg runs the same fixtures on
** PostgreSQL (unset or "sqlite": SQLite, as above). The cluster is YC_PG
** (the libpq connection string of a running private cluster: `make
** pg-start` prints it, tools/pgcluster.sh) or, without it, one started on
** demand in the OS temp dir (youcheng-pg-UID, under a lock; left running
** for the next run, like the template: `tools/pgcluster.sh stop DIR`).
** Then:
**   templateDb(bin)   the connection string of the database yct_KEY (KEY:
**                     the binary's inode, size and mtime, as above), made
**                     once with `youcheng init --db CONNINFO --demo` under
**                     the same kind of lock; YC_TEMPLATE_DB is such a
**                     string. Template databases unused for an hour are
**                     dropped.
**   freshDb(bin)      {dir, db}: dir a new temp dir (the access log goes
**                     there), db the connection string of a new database
**                     made with CREATE DATABASE ... TEMPLATE yct_KEY. Each
**                     is dropped when the process that made it exits (and
**                     those of dead processes by the next freshDb).
**   pg.*              the cluster, psql, connection strings (see below).
*/
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const SQLITE3 = process.env.YC_SQLITE3 || 'sqlite3';
const INIT_TIMEOUT = 240_000;     /* init under ASan on a busy machine */
const ENGINE = process.env.YC_TEST_ENGINE || 'sqlite';
if (ENGINE !== 'sqlite' && ENGINE !== 'pg') throw new Error(`YC_TEST_ENGINE=${ENGINE}: must be sqlite or pg`);

/* Run a command; resolves {code, signal, stdout, stderr, ms}; never rejects
** on a non-zero exit (the caller asserts on the code). killAfter: kill -9 it
** that many ms after the start (a crash test; signal is then 'SIGKILL'
** unless it ended first). */
function run(cmd, args, { input, timeout = INIT_TIMEOUT, env, killAfter } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], env: env || process.env });
    const killer = killAfter === undefined ? null : setTimeout(() => child.kill('SIGKILL'), killAfter);
    const out = [], err = [];
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${cmd} ${args.join(' ')}: timed out after ${timeout} ms`));
    }, timeout);
    child.on('error', (e) => { clearTimeout(timer); clearTimeout(killer); reject(e); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(killer);
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ms: Date.now() - t0 });
    });
    child.stdin.on('error', () => {});
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
  });
}

/* Sanitizer reports in a process's stderr. */
function sanitizerErrors(stderr) {
  return /ERROR: AddressSanitizer|ERROR: LeakSanitizer|runtime error:/.test(stderr || '');
}

const sleep = (ms) => new Promise((res) => setTimeout(res, ms));

/* The template of a binary is named after its inode, size and mtime: a
** rebuilt binary gets a new one, and the binaries of other checkouts on
** the same machine never share one. */
function templatePath(bin) {
  const st = fs.statSync(bin);
  return path.join(os.tmpdir(), `youcheng-template-${st.ino}-${st.size}-${Math.floor(st.mtimeMs)}.db`);
}

/* Templates unused for an hour (those of binaries rebuilt since) are
** removed: each is some 25 MB. A run that loses its template to this makes
** it again (see freshDb). */
function pruneTemplates(keep) {
  const limit = Date.now() - 3600_000;
  for (const f of fs.readdirSync(os.tmpdir())) {
    if (!/^youcheng-template-.*\.db(\.lock|\.\d+\.part)?$/.test(f)) continue;
    const p = path.join(os.tmpdir(), f);
    if (p === keep || p === `${keep}.lock`) continue;
    try { if (fs.statSync(p).mtimeMs < limit) fs.rmSync(p, { force: true }); } catch (e) { /* gone already */ }
  }
}

/* Make the template: init into a private temp dir, fold the WAL into the
** main file (the copy is then one self-contained file), copy it beside the
** final name and rename it into place (atomic: nobody sees half a file). */
async function makeTemplate(bin, tmpl) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'youcheng-init-'));
  try {
    const db = path.join(dir, 't.db');
    const r = await run(bin, ['init', '--db', db, '--demo']);
    if (r.code !== 0 || r.signal || sanitizerErrors(r.stderr)) {
      throw new Error(`youcheng init --demo failed (exit ${r.code}, signal ${r.signal}):\n${r.stdout}\n${r.stderr}`);
    }
    if (!/31 new ties/.test(r.stdout)) throw new Error(`youcheng init --demo did not load the 31 demo ties:\n${r.stdout}`);
    /* init's last connection checkpoints the WAL; make sure of it. */
    if (fs.existsSync(`${db}-wal`) && fs.statSync(`${db}-wal`).size > 0) {
      const c = await run(SQLITE3, [db, 'PRAGMA wal_checkpoint(TRUNCATE);'], { timeout: 60_000 });
      if (c.code !== 0) throw new Error(`sqlite3 wal_checkpoint on the template failed: ${c.stderr}`);
      if (fs.existsSync(`${db}-wal`) && fs.statSync(`${db}-wal`).size > 0) throw new Error('the template keeps a non-empty WAL');
    }
    const part = `${tmpl}.${process.pid}.part`;
    fs.copyFileSync(db, part);
    fs.renameSync(part, tmpl);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/* The path of an initialised demo database for BIN (see the header). */
async function templateDb(bin) {
  return ENGINE === 'pg' ? pgTemplateDb(bin) : sqliteTemplateDb(bin);
}
async function sqliteTemplateDb(bin) {
  if (process.env.YC_TEMPLATE_DB) {
    const t = path.resolve(process.env.YC_TEMPLATE_DB);
    if (!fs.existsSync(t)) throw new Error(`YC_TEMPLATE_DB=${t}: no such file`);
    return t;
  }
  const tmpl = templatePath(bin);
  const lock = `${tmpl}.lock`;
  const deadline = Date.now() + INIT_TIMEOUT + 60_000;
  for (;;) {
    if (fs.existsSync(tmpl)) return tmpl;
    let fd = null;
    try {
      fd = fs.openSync(lock, 'wx');
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
    }
    if (fd !== null) {
      try {
        fs.writeSync(fd, String(process.pid));
        if (!fs.existsSync(tmpl)) {
          pruneTemplates(tmpl);
          await makeTemplate(bin, tmpl);
        }
        return tmpl;
      } finally {
        fs.closeSync(fd);
        fs.rmSync(lock, { force: true });
      }
    }
    /* Someone else makes it: wait. A lock whose maker died (or that is
    ** older than any init can take) is taken over. */
    let owner = NaN, age = 0;
    try {
      owner = Number(fs.readFileSync(lock, 'utf8'));
      age = Date.now() - fs.statSync(lock).mtimeMs;
    } catch (e) { continue; /* released meanwhile */ }
    let dead = age > INIT_TIMEOUT + 60_000;
    if (owner > 0) {
      try { process.kill(owner, 0); } catch (e) { if (e.code === 'ESRCH') dead = true; }
    }
    if (dead) { fs.rmSync(lock, { force: true }); continue; }
    if (Date.now() > deadline) throw new Error(`waited too long for ${tmpl} (lock ${lock} held by pid ${owner})`);
    await sleep(100);
  }
}

/* A new temp dir with a copy of the template: {dir, db}. On PostgreSQL
** (YC_TEST_ENGINE=pg) db is the connection string of a new database. */
async function freshDb(bin, prefix = 'youcheng-test-') {
  return ENGINE === 'pg' ? pgFreshDb(bin, prefix) : sqliteFreshDb(bin, prefix);
}
async function sqliteFreshDb(bin, prefix = 'youcheng-test-') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const db = path.join(dir, 't.db');
  for (let attempt = 0; ; attempt++) {
    const tmpl = await sqliteTemplateDb(bin);
    try {
      fs.copyFileSync(tmpl, db);
      /* Touch it: a template in use is not pruned. */
      try { fs.utimesSync(tmpl, new Date(), new Date()); } catch (e) { /* raced */ }
      return { dir, db };
    } catch (e) {
      /* Another run pruned the template between the check and the copy. */
      if (e.code !== 'ENOENT' || attempt >= 2) throw e;
    }
  }
}

/* --- PostgreSQL (YC_TEST_ENGINE=pg) ------------------------------------- */

const PSQL = process.env.YC_PSQL || 'psql';
/* The directory of each database freshDb made: the access log goes there. */
const pgDirs = new Map();
/* The databases this process made; dropped at exit. */
const pgMade = new Set();

/* The connection string of database NAME on the cluster of BASE (a URI
** postgresql://.../DB?... or key=value words). */
function pgUrl(base, name) {
  const m = /^(postgres(?:ql)?:\/\/[^/?]*)(\/[^?]*)?(\?.*)?$/.exec(base);
  if (m) return `${m[1]}/${encodeURIComponent(name)}${m[3] || ''}`;
  return `${base} dbname=${name}`;
}

/* The database name of a connection string made by pgUrl. */
function pgName(conninfo) {
  const m = /^postgres(?:ql)?:\/\/[^/?]*\/([^?]*)/.exec(conninfo);
  if (m) return decodeURIComponent(m[1]);
  const k = /(?:^|\s)dbname=(\S+)\s*$/.exec(conninfo);
  return k ? k[1] : null;
}

const pgIdent = (name) => `"${name.replace(/"/g, '""')}"`;
const pgLit = (s) => `'${String(s).replace(/'/g, "''")}'`;

/* Run SQL with psql on CONNINFO: resolves stdout (unaligned, no header,
** fields separated by |, as the sqlite3 shell prints); rejects on error. */
async function psql(conninfo, sql, { timeout = 120_000 } = {}) {
  const r = await run(PSQL, ['-X', '-v', 'ON_ERROR_STOP=1', '-At', '-F', '|', '-d', conninfo, '-c', sql], { timeout });
  if (r.code !== 0) throw new Error(`psql failed (exit ${r.code}) on ${sql.slice(0, 200)}: ${r.stderr}`);
  return r.stdout;
}

/* The cluster's connection string (database postgres): YC_PG, or the
** cluster of this user in the OS temp dir, started on demand once. */
let pgBase = null;
async function pgCluster() {
  if (pgBase) return pgBase;
  if (process.env.YC_PG) {
    pgBase = process.env.YC_PG;
  } else {
    const dir = path.join(os.tmpdir(), `youcheng-pg-${process.getuid ? process.getuid() : 0}`);
    pgBase = await withLock(`${dir}.lock`, INIT_TIMEOUT, async () => {
      const r = await run('sh', [path.join(ROOT, 'tools/pgcluster.sh'), 'start', dir], { timeout: 120_000 });
      if (r.code !== 0) throw new Error(`tools/pgcluster.sh start ${dir} failed:\n${r.stderr}`);
      return r.stdout.trim();
    });
  }
  try {
    await psql(pgBase, 'SELECT 1');
  } catch (e) {
    throw new Error(`YC_TEST_ENGINE=pg: the cluster ${pgBase} does not answer ` +
      `(start one: make pg-start, or tools/pgcluster.sh start DIR; then YC_PG=the string it prints):\n${e.message}`);
  }
  return pgBase;
}

/* Run fn holding the O_EXCL lock file LOCK (as templateDb does): a lock
** whose owner died, or older than maxMs, is taken over. */
async function withLock(lock, maxMs, fn) {
  const deadline = Date.now() + maxMs + 60_000;
  for (;;) {
    let fd = null;
    try {
      fd = fs.openSync(lock, 'wx');
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
    }
    if (fd !== null) {
      try {
        fs.writeSync(fd, String(process.pid));
        return await fn();
      } finally {
        fs.closeSync(fd);
        fs.rmSync(lock, { force: true });
      }
    }
    let owner = NaN, age = 0;
    try {
      owner = Number(fs.readFileSync(lock, 'utf8'));
      age = Date.now() - fs.statSync(lock).mtimeMs;
    } catch (e) { continue; /* released meanwhile */ }
    let dead = age > maxMs + 60_000;
    if (owner > 0) {
      try { process.kill(owner, 0); } catch (e) { if (e.code === 'ESRCH') dead = true; }
    }
    if (dead) { fs.rmSync(lock, { force: true }); continue; }
    if (Date.now() > deadline) throw new Error(`waited too long for the lock ${lock} (held by pid ${owner})`);
    await sleep(100);
  }
}

/* The template database's name for BIN: yct_INODE_SIZE_MTIME. */
function pgTemplateName(bin) {
  const st = fs.statSync(bin);
  return `yct_${st.ino}_${st.size}_${Math.floor(st.mtimeMs)}`;
}

async function pgExists(base, name) {
  return (await psql(base, `SELECT 1 FROM pg_database WHERE datname=${pgLit(name)}`)).trim() === '1';
}

/* Each template database's comment is the time it was last used (ms); those
** unused for an hour are dropped (those of binaries rebuilt since). */
async function pgTouch(base, name) {
  await psql(base, `COMMENT ON DATABASE ${pgIdent(name)} IS ${pgLit(String(Date.now()))}`);
}
async function pgPruneTemplates(base, keep) {
  const rows = (await psql(base, "SELECT datname, coalesce(shobj_description(oid, 'pg_database'), '') FROM pg_database WHERE datname LIKE 'yct\\_%'"))
    .split('\n').filter(Boolean).map((l) => l.split('|'));
  for (const [name, used] of rows) {
    if (name === keep || name.startsWith(`${keep}_part`)) continue;
    if (Number(used) > Date.now() - 3600_000) continue;
    await psql(base, `DROP DATABASE IF EXISTS ${pgIdent(name)} WITH (FORCE)`).catch(() => {});
  }
}

/* Make the template: init into yct_KEY_partPID, then rename it into place
** (nobody sees half a database). */
async function pgMakeTemplate(bin, base, name) {
  const part = `${name}_part${process.pid}`;
  await psql(base, `DROP DATABASE IF EXISTS ${pgIdent(part)} WITH (FORCE)`);
  await psql(base, `CREATE DATABASE ${pgIdent(part)}`);
  try {
    const r = await run(bin, ['init', '--db', pgUrl(base, part), '--demo']);
    if (r.code !== 0 || r.signal || sanitizerErrors(r.stderr)) {
      throw new Error(`youcheng init --db ${pgUrl(base, part)} --demo failed (exit ${r.code}, signal ${r.signal}):\n${r.stdout}\n${r.stderr}`);
    }
    if (!/31 new ties/.test(r.stdout)) throw new Error(`youcheng init --demo did not load the 31 demo ties:\n${r.stdout}`);
    await psql(base, `ALTER DATABASE ${pgIdent(part)} RENAME TO ${pgIdent(name)}`);
    await pgTouch(base, name);
  } catch (e) {
    await psql(base, `DROP DATABASE IF EXISTS ${pgIdent(part)} WITH (FORCE)`).catch(() => {});
    throw e;
  }
}

/* The connection string of the initialised demo database for BIN. */
async function pgTemplateDb(bin) {
  const base = await pgCluster();
  if (process.env.YC_TEMPLATE_DB) {
    const t = process.env.YC_TEMPLATE_DB;
    if (!(await pgExists(base, pgName(t)))) throw new Error(`YC_TEMPLATE_DB=${t}: no such database on ${base}`);
    return t;
  }
  const name = pgTemplateName(bin);
  if (await pgExists(base, name)) return pgUrl(base, name);
  /* The lock file is named after the cluster and the template. */
  const key = crypto.createHash('sha256').update(`${base}\n${name}`).digest('hex').slice(0, 16);
  await withLock(path.join(os.tmpdir(), `youcheng-pgtemplate-${key}.lock`), INIT_TIMEOUT, async () => {
    if (await pgExists(base, name)) return;
    await pgPruneTemplates(base, name);
    await pgMakeTemplate(bin, base, name);
  });
  return pgUrl(base, name);
}

/* Drop the test databases of processes that are gone (killed runs). */
async function pgPruneTests(base) {
  const names = (await psql(base, "SELECT datname FROM pg_database WHERE datname LIKE 'ytt\\_%'")).split('\n').filter(Boolean);
  for (const n of names) {
    const pid = Number(/^ytt_(\d+)_/.exec(n)?.[1]);
    if (!(pid > 0) || pid === process.pid) continue;
    try { process.kill(pid, 0); continue; } catch (e) { if (e.code !== 'ESRCH') continue; }
    await psql(base, `DROP DATABASE IF EXISTS ${pgIdent(n)} WITH (FORCE)`).catch(() => {});
  }
}

let pgSeq = 0;
let pgPruned = false;
/* {dir, db}: a new temp dir and a new database copied from the template. */
async function pgFreshDb(bin, prefix) {
  const base = await pgCluster();
  const tmpl = await pgTemplateDb(bin);
  if (!pgPruned) { pgPruned = true; await pgPruneTests(base); }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const name = `ytt_${process.pid}_${++pgSeq}_${crypto.randomBytes(3).toString('hex')}`;
  if (!pgMade.size) process.on('exit', pgDropMade);
  pgMade.add(name);
  /* A template is copied only while nobody is connected to it: a
  ** concurrent init or check may be, for a moment. */
  for (let attempt = 1; ; attempt++) {
    try {
      await psql(base, `CREATE DATABASE ${pgIdent(name)} TEMPLATE ${pgIdent(pgName(tmpl))} STRATEGY FILE_COPY`);
      break;
    } catch (e) {
      if (!/being accessed by other users/.test(e.message) || attempt >= 50) throw e;
      await sleep(200);
    }
  }
  if (!process.env.YC_TEMPLATE_DB) await pgTouch(base, pgName(tmpl)).catch(() => {});
  const db = pgUrl(base, name);
  pgDirs.set(db, dir);
  return { dir, db };
}

/* At exit (synchronously): drop the databases this process made. */
function pgDropMade() {
  if (!pgBase || !pgMade.size) return;
  const sql = [...pgMade].map((n) => `DROP DATABASE IF EXISTS ${pgIdent(n)} WITH (FORCE);`).join('\n');
  require('node:child_process').spawnSync(PSQL, ['-X', '-q', '-d', pgBase, '-f', '-'], { input: sql, stdio: ['pipe', 'ignore', 'ignore'], timeout: 60_000 });
  pgMade.clear();
}

/* Drop one database freshDb made (a bench that makes many). */
async function pgDrop(conninfo) {
  const name = pgName(conninfo);
  await psql(await pgCluster(), `DROP DATABASE IF EXISTS ${pgIdent(name)} WITH (FORCE)`);
  pgMade.delete(name);
}

const pg = { cluster: pgCluster, url: pgUrl, name: pgName, psql, freshDb: pgFreshDb, templateDb: pgTemplateDb, drop: pgDrop, ident: pgIdent, lit: pgLit };

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/* mulberry32: a small seeded generator; prng(seed)() is in [0, 1). The
** crash tests and the benches that need repeatable random data use it. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/*
** Start `BIN serve --db DB` on a free loopback port and wait until
** healthy(port) resolves true. A port is free when freePort() looks, but
** a test file running concurrently may take it before the server binds:
** then the server says "cannot listen" and exits, and another port is
** tried. Resolves {proc, port, exited, out} where out.stdout/out.stderr
** accumulate and exited resolves {code, signal}. The access log goes to
** access.log beside the database (out.accessLog), not to stderr, unless
** args choose (--access-log FILE, --no-access-log).
*/
async function startServe(bin, db, { threads = 2, timeout = 60_000, healthy, poll = 100, args = [], accessLog: bLog = true } = {}) {
  /* The access log goes beside the database unless the caller names its own
  ** (or bLog is false: a build older than the access log, as a reference). */
  const ownLog = bLog && !args.some((a) => /^--(no-)?access-log/.test(a));
  const accessLog = ownLog ? path.join(pgDirs.get(db) || path.dirname(db), 'access.log') : null;
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const logArgs = ownLog ? ['--access-log', accessLog] : [];
    const proc = spawn(bin, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--threads', String(threads), ...logArgs, ...args],
      { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = { stdout: '', stderr: '', exit: null, accessLog };
    proc.stdout.on('data', (b) => { out.stdout += b; });
    proc.stderr.on('data', (b) => { out.stderr += b; });
    const exited = new Promise((resolve) => proc.on('exit', (code, signal) => { out.exit = { code, signal }; resolve(out.exit); }));
    const deadline = Date.now() + timeout;
    let up = false;
    for (;;) {
      if (out.exit) break;
      try { if (await healthy(port)) { up = true; break; } } catch (e) { /* not listening yet */ }
      if (Date.now() > deadline) {
        proc.kill('SIGKILL');
        throw new Error(`youcheng serve did not answer /healthz within ${timeout} ms:\n${out.stderr}`);
      }
      await sleep(poll);
    }
    if (up) return { proc, port, exited, out };
    await exited;
    if (/cannot listen/.test(out.stderr) && attempt < 5) continue;
    throw new Error(`youcheng serve exited early (${JSON.stringify(out.exit)}):\n${out.stderr}`);
  }
}

/* The shared public data set: ../shared/data beside the repository, or
** $YC_SHARED_DATA. */
function sharedDataDir() {
  return process.env.YC_SHARED_DATA ? path.resolve(process.env.YC_SHARED_DATA) : path.resolve(ROOT, '../shared/data');
}

/* The path of NAME in the shared data set; throws (naming the file and
** how to point at it) when it is not there. */
function sharedDataFile(name) {
  const f = path.join(sharedDataDir(), name);
  if (!fs.existsSync(f)) {
    throw new Error(`shared data file missing: ${f}\n` +
      `  This test needs ${name} from the shared public data set, expected in ../shared/data beside the ` +
      `repository (${path.resolve(ROOT, '../shared/data')}); set YC_SHARED_DATA=DIR to use another directory.`);
  }
  return f;
}

/* The migrate tests copy the demo database less the gazetteer's cities
** nothing refers to (reference data: 199,568 places, 375,710 alternate
** names, most of the copy's time): a city stays when any row refers to it
** (the foreign keys, read from the schema) or a tie names it, with its
** alternate names and search row (some 3,400 rows in all). Through
** `youcheng sql` (the shell lacks the search index's tokenizer), foreign
** keys enforced. */
async function trimForMigrate(bin, db) {
  const fk = await run(SQLITE3, ['-readonly', db, "SELECT m.name || ' ' || f.\"from\" FROM sqlite_master m, pragma_foreign_key_list(m.name) f " +
    "WHERE m.type='table' AND f.\"table\"='city' AND m.name<>'city_alt'"]);
  if (fk.code !== 0) throw new Error(`sqlite3 failed: ${fk.stderr}`);
  const refs = fk.stdout.trim().split('\n').filter(Boolean).map((l) => { const [t, c] = l.split(' '); return `SELECT "${c}" FROM "${t}"`; });
  const keep = `SELECT partner_city_id FROM tie UNION SELECT home_city_id FROM tie UNION ${refs.join(' UNION ')}`;
  const sql = `DELETE FROM city_alt WHERE city_id NOT IN (SELECT partner_city_id FROM tie UNION SELECT home_city_id FROM tie); ` +
    `DELETE FROM city WHERE id NOT IN (${keep}) AND id NOT IN (SELECT city_id FROM city_alt); ` +
    'DELETE FROM city_fts WHERE rowid NOT IN (SELECT id FROM city)';
  const r = await run(bin, ['sql', '--db', db, sql], { timeout: 120_000 });
  if (r.code !== 0) throw new Error(`youcheng sql (trim) failed: ${r.stderr}`);
}

/* Per table of the SQLite file db: name -> SHA3 of its row count and its
** rows in the order of all its columns, by the sqlite3 shell (not
** youcheng's code): the migrate tests' oracle. */
const TABLE_HASH_SQL =
  "SELECT m.name || ' ' || hex(sha3_query('SELECT count(*) FROM \"' || m.name || '\"; SELECT * FROM \"' || m.name || '\" ORDER BY ' || " +
  "(SELECT group_concat(cid + 1, ',') FROM pragma_table_info(m.name)))) " +
  "FROM sqlite_master m WHERE m.type='table' AND m.name<>'table_gen' AND coalesce(m.sql, '') NOT LIKE 'CREATE VIRTUAL TABLE%' " +
  "AND (m.name NOT LIKE '%\\_fts\\_%' ESCAPE '\\' OR m.name LIKE '%\\_fts\\_content' ESCAPE '\\') ORDER BY m.name";
async function sqliteTableHashes(db) {
  const r = await run(SQLITE3, ['-readonly', db, TABLE_HASH_SQL], { timeout: 120_000 });
  if (r.code !== 0 || r.stderr) throw new Error(`sqlite3 failed (exit ${r.code}): ${r.stderr}`);
  return new Map(r.stdout.trim().split('\n').map((l) => l.split(' ')));
}

module.exports = {
  ROOT, SQLITE3, INIT_TIMEOUT, ENGINE, pg, sqlite: { freshDb: sqliteFreshDb, templateDb: sqliteTemplateDb }, run, sanitizerErrors, sleep, templatePath, templateDb, freshDb, freePort, startServe, prng,
  sharedDataDir, sharedDataFile, trimForMigrate, sqliteTableHashes,
};

/* `node test/common.js BIN`: make (or find) BIN's template now and print
** its path; the Makefile runs it while other work goes on, so that the
** suites find it ready. */
if (require.main === module) {
  const bin = process.argv[2];
  if (!bin) { console.error('usage: node test/common.js BIN'); process.exit(2); }
  templateDb(path.resolve(bin)).then((t) => console.log(`template ${t}`), (e) => { console.error(e.message); process.exit(1); });
}
