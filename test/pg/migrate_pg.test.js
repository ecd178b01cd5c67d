'use strict';
/*
** migrate_pg.test.js (the PostgreSQL lane only): `youcheng migrate` of the
** demo database SQLite -> PostgreSQL -> SQLite. Needs YC_PG, the libpq
** connection string of a running cluster whose user may create databases
** (tools/pgcluster.sh start DIR prints one); without it the test FAILS,
** saying so: it is run only where PostgreSQL is meant to be there.
**
** Checked: both copies verified by the command (per table rows and
** checksum), the same rows and checksums in both directions, the way back
** equal to the source table by table by the sqlite3 shell's own SHA3 (the
** oracle of test/api/migrate.test.js), the identity sequences on
** PostgreSQL at the source's id high-water marks (sqlite_sequence), a
** second run refused without --replace and the same with it, and the
** partner list (and a search) served from the PostgreSQL copy byte for
** byte equal to the one served from the SQLite source.
*/
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const common = require('../common.js');

const BIN = process.env.YC_BIN ? path.resolve(process.env.YC_BIN) : path.resolve(__dirname, '../../youcheng');
const PSQL = process.env.YC_PSQL || 'psql';
const sqlite = common.sqlite || common;      /* the SQLite fixtures, whatever engine the lane runs */
const { run, SQLITE3 } = common;

const T = { timeout: 600_000 };

/* The connection string of database NAME on YC_PG's cluster. */
function conninfo(name) {
  const base = process.env.YC_PG;
  if (/^postgres(ql)?:\/\//.test(base)) {
    const u = new URL(base);
    u.pathname = `/${name}`;
    return u.toString();
  }
  return `${base} dbname=${name}`;
}

async function psql(conn, query) {
  const r = await run(PSQL, [conn, '-XAtq', '-v', 'ON_ERROR_STOP=1', '-c', query], { timeout: 120_000 });
  if (r.code !== 0) throw new Error(`psql failed (exit ${r.code}): ${r.stderr}`);
  return r.stdout.trim();
}

function get(port, p) {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: p, agent: false }, (res) => {
      const b = [];
      res.on('data', (c) => b.push(c));
      res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(b).toString('utf8') }));
    }).on('error', reject);
  });
}
const healthy = async (port) => (await get(port, '/healthz')).status === 200;

function migrate(args) { return run(BIN, ['migrate', ...args], { timeout: 600_000 }); }

const DBNAME = `yc_migrate_${process.pid}`;
let dir, src, pg, srcOracle, toPg, servers = [];

before(async () => {
  if (!process.env.YC_PG) {
    throw new Error('YC_PG is not set: this test needs a running PostgreSQL cluster (YC_PG=$(tools/pgcluster.sh start DIR));'
                    + ' it is run by the PostgreSQL lane only');
  }
  ({ dir, db: src } = await sqlite.freshDb(BIN, 'youcheng-mpg-'));
  await common.trimForMigrate(BIN, src);
  await psql(process.env.YC_PG, `DROP DATABASE IF EXISTS ${DBNAME}`);
  await psql(process.env.YC_PG, `CREATE DATABASE ${DBNAME}`);
  pg = conninfo(DBNAME);
  srcOracle = await common.sqliteTableHashes(src);
}, { timeout: 600_000 });

after(async () => {
  for (const s of servers) { s.proc.kill('SIGTERM'); await s.exited; }
  if (pg) await psql(process.env.YC_PG, `DROP DATABASE IF EXISTS ${DBNAME} WITH (FORCE)`).catch(() => {});
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/* Counted as a failure of its own (the suite's tests are then cancelled). */
test('YC_PG names the PostgreSQL cluster this test needs', () => {
  assert.ok(process.env.YC_PG, 'YC_PG is not set: this test needs a running PostgreSQL cluster'
    + ' (YC_PG=$(tools/pgcluster.sh start DIR)); it is run by the PostgreSQL lane only');
});

describe('youcheng migrate SQLite -> PostgreSQL -> SQLite', () => {
  test('into an empty PostgreSQL database: the schema made, every table copied and verified', T, async () => {
    const r = await migrate(['--from', src, '--to', pg, '--json']);
    assert.equal(r.code, 0, r.stderr);
    toPg = JSON.parse(r.stdout);
    assert.equal(toPg.verified, true);
    assert.equal(toPg.from, 'sqlite');
    assert.equal(toPg.to, 'postgresql');
    assert.ok(toPg.rows > 1000, `${toPg.rows} rows: the gazetteer's cities in use came along`);
    /* Row counts as PostgreSQL itself counts them. */
    for (const t of ['tie', 'org', 'exchange', 'audit', 'city', 'city_alt', 'org_fts']) {
      const rep = toPg.tables.find((x) => x.table === t);
      assert.equal(Number(await psql(pg, `SELECT count(*) FROM ${t}`)), rep.rows, `rows of ${t}`);
    }
    /* Every full-text row indexed at the commit. */
    assert.equal(await psql(pg, 'SELECT count(*) FROM city_fts WHERE tsv IS NULL'), '0');
    /* Identity sequences at the source's high-water marks. */
    const seq = (await run(SQLITE3, ['-readonly', src, 'SELECT name, seq FROM sqlite_sequence ORDER BY name'])).stdout.trim().split('\n');
    assert.ok(seq.length > 5);
    for (const line of seq) {
      const [name, n] = line.split('|');
      const v = await psql(pg, `SELECT coalesce(pg_sequence_last_value(pg_get_serial_sequence('"${name}"', 'id')), 0)`);
      assert.equal(v, n, `the next id of ${name} follows ${n}`);
    }
  });

  test('the way back into a new SQLite file: the same checksums, equal to the source by the sqlite3 shell', T, async () => {
    const back = path.join(dir, 'back.db');
    const r = await migrate(['--from', pg, '--to', back, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const rep = JSON.parse(r.stdout);
    assert.equal(rep.verified, true);
    assert.equal(rep.from, 'postgresql');
    const want = new Map(toPg.tables.map((t) => [t.table, `${t.rows} ${t.checksum}`]));
    assert.equal(rep.tables.length, want.size);
    for (const t of rep.tables) assert.equal(`${t.rows} ${t.checksum}`, want.get(t.table), `table ${t.table}`);
    const o = await common.sqliteTableHashes(back);
    for (const [name, h] of srcOracle) assert.equal(o.get(name), h, `table ${name} equal after the round trip`);
    const c = await run(BIN, ['check', '--db', back]);
    assert.equal(c.code, 0, c.stdout + c.stderr);
  });

  test('a second run: refused without --replace, the same copy with it', T, async () => {
    const r = await migrate(['--from', src, '--to', pg]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /--to already holds youcheng records; give --replace/);
    const r2 = await migrate(['--from', src, '--to', pg, '--replace', '--json']);
    assert.equal(r2.code, 0, r2.stderr);
    const rep = JSON.parse(r2.stdout);
    assert.deepEqual(rep.tables.map((t) => [t.table, t.rows, t.checksum]), toPg.tables.map((t) => [t.table, t.rows, t.checksum]));
  });

  test('the partner list served from the PostgreSQL copy equals the one served from SQLite', T, async () => {
    const a = await common.startServe(BIN, src, { healthy, accessLog: false });
    servers.push(a);
    const b = await common.startServe(BIN, pg, { healthy, accessLog: false });
    servers.push(b);
    for (const p of ['/api/v1/partners?limit=100', '/api/v1/partners?limit=5&sort=-name']) {
      const x = await get(a.port, p);
      const y = await get(b.port, p);
      assert.equal(x.status, 200, x.text);
      assert.equal(y.status, 200, y.text);
      assert.ok(JSON.parse(x.text).items.length > 0, `${p} lists partners`);
      assert.equal(y.text, x.text, `${p}: the same answer`);
    }
  });

  test('a search served from the PostgreSQL copy finds what SQLite finds (the copied full-text rows indexed)', T, async () => {
    const [a, b] = servers;
    for (const p of ['/api/v1/partners?q=Coventry', '/api/v1/partners?q=%E8%80%83%E6%96%87%E5%9E%82']) {
      const x = await get(a.port, p);
      const y = await get(b.port, p);
      assert.equal(x.status, 200, x.text);
      assert.equal(y.status, 200, y.text);
      assert.equal(JSON.parse(x.text).total, 1, `${p} finds Coventry`);
      assert.equal(y.text, x.text, `${p}: the same answer`);
    }
  });
});
