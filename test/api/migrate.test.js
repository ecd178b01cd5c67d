'use strict';
/*
** migrate.test.js: `youcheng migrate` SQLite -> SQLite (the PostgreSQL
** round trip is test/pg/migrate_pg.test.js, run by the PostgreSQL lane).
** The demo database is copied into a new file; the command's own report
** (rows and checksums per table) is checked against an oracle of its own:
** the sqlite3 shell's count and SHA3 of every table's rows (ordered by all
** their columns; a full-text table through its content shadow table, the
** shell lacking the "yc" tokenizer), sqlite_sequence included (the ids'
** high-water marks). Then: a second run with --replace gives the same
** target; a target with records is refused without --replace and left as
** it was; a copy that reads back different fails the verification and
** is rolled back; a schema version mismatch, a target that is not a youcheng
** database and --to equal to --from are refused, naming the option.
*/
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { BIN, yc, freshDb, TEST_TIMEOUT, SETUP_TIMEOUT } = require('./lib');
const { run, SQLITE3, trimForMigrate, sqliteTableHashes } = require('../common.js');

const T = { timeout: TEST_TIMEOUT };


async function count(db, table) {
  const t = /_fts$/.test(table) ? `${table}_content` : table;      /* the shell lacks the tokenizer */
  const r = await run(SQLITE3, ['-readonly', db, `SELECT count(*) FROM "${t}"`]);
  if (r.code !== 0) throw new Error(r.stderr);
  return Number(r.stdout.trim());
}

function migrate(args) { return yc(['migrate', ...args], { timeout: 300_000 }); }



let dir, src, srcOracle, report1;

before(async () => {
  ({ dir, db: src } = await freshDb());
  await trimForMigrate(BIN, src);
  srcOracle = await sqliteTableHashes(src);
}, { timeout: SETUP_TIMEOUT });

after(() => { if (dir) fs.rmSync(dir, { recursive: true, force: true }); });

describe('youcheng migrate SQLite -> SQLite', () => {
  test('the demo database into a new file: every table equal, by the report and by the sqlite3 shell', T, async () => {
    const dst = path.join(dir, 'copy.db');
    const r = await migrate(['--from', src, '--to', dst, '--json']);
    assert.equal(r.code, 0, r.stderr);
    report1 = JSON.parse(r.stdout);
    assert.equal(report1.verified, true);
    assert.equal(report1.from, 'sqlite');
    assert.equal(report1.to, 'sqlite');
    assert.equal(report1.replaced, false);
    assert.ok(report1.schema_version >= 19);
    /* Every data table, with the source's row count and a 256-bit checksum. */
    const names = report1.tables.map((t) => t.table);
    for (const want of ['tie', 'org', 'exchange', 'exchange_tie', 'audit', 'city', 'city_alt', 'city_fts', 'org_fts', 'meta']) {
      assert.ok(names.includes(want), `${want} copied`);
    }
    assert.ok(!names.includes('table_gen') && !names.some((n) => /^sqlite_|_fts_/.test(n)), 'no bookkeeping table copied');
    let total = 0;
    for (const t of report1.tables) {
      assert.match(t.checksum, /^[0-9a-f]{64}$/);
      assert.equal(t.rows, await count(src, t.table), `rows of ${t.table}`);
      total += t.rows;
    }
    assert.equal(report1.rows, total);
    assert.ok(report1.rows > 1000, `${report1.rows} rows: the gazetteer's cities in use came along`);
    /* Parents before children: a tie after the cities it links, exchange_tie after both. */
    assert.ok(names.indexOf('city') < names.indexOf('tie') && names.indexOf('tie') < names.indexOf('exchange_tie'));
    /* The oracle: every table (sqlite_sequence too) the same rows. */
    const o = await sqliteTableHashes(dst);
    assert.deepEqual([...o.keys()], [...srcOracle.keys()]);
    for (const [name, h] of srcOracle) assert.equal(o.get(name), h, `table ${name} equal`);
    /* Pages, foreign keys, every search index against its rows. */
    const c = await yc(['check', '--db', dst]);
    assert.equal(c.code, 0, c.stdout + c.stderr);
    /* The demo database's search works on the copy (its FTS5 index was built). */
    const s = await yc(['partner', 'list', '--q', 'Coventry', '--json', '--db', dst]);
    assert.equal(s.code, 0, s.stderr);
    const s0 = await yc(['partner', 'list', '--q', 'Coventry', '--json', '--db', src]);
    assert.equal(s.stdout, s0.stdout);
    assert.equal(JSON.parse(s.stdout).total, 1, 'Coventry found through the copied search index');
  });

  test('run again with --replace: the same target, the same checksums', T, async () => {
    const dst = path.join(dir, 'copy.db');
    const r = await migrate(['--from', src, '--to', dst, '--replace', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const rep = JSON.parse(r.stdout);
    assert.equal(rep.replaced, true);
    assert.deepEqual(rep.tables.map((t) => [t.table, t.rows, t.checksum]), report1.tables.map((t) => [t.table, t.rows, t.checksum]));
    const o = await sqliteTableHashes(dst);
    for (const [name, h] of srcOracle) assert.equal(o.get(name), h, `table ${name} equal after the second run`);
  });

  test('a target holding records is refused without --replace and left as it was', T, async () => {
    const dst = path.join(dir, 'copy.db');
    const before = await sqliteTableHashes(dst);
    /* A source that differs from the target (a synthetic meta row), so that a copy would show. */
    const src2 = path.join(dir, 'src2.db');
    fs.copyFileSync(src, src2);
    const pr = await run(SQLITE3, [src2, "INSERT INTO meta(key, value) VALUES('synthetic_migrate_test', '1')"]);
    assert.equal(pr.code, 0, pr.stderr);
    const r = await migrate(['--from', src2, '--to', dst]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /--to already holds youcheng records; give --replace/);
    assert.match(r.stderr, /not_empty/);
    assert.deepEqual(await sqliteTableHashes(dst), before);
  });

  test('a schema version mismatch is refused, naming --to; nothing written', T, async () => {
    const old = path.join(dir, 'old.db');
    fs.copyFileSync(path.join(dir, 'copy.db'), old);
    const pr = await run(SQLITE3, [old, 'PRAGMA user_version=18']);
    assert.equal(pr.code, 0, pr.stderr);
    const before = await sqliteTableHashes(old);
    const r = await migrate(['--from', src, '--to', old, '--replace']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--from is at schema version \d+, --to at 18/);
    assert.match(r.stderr, /--to: schema_mismatch/);
    assert.deepEqual(await sqliteTableHashes(old), before);
    /* The other way round: the older one as --from. */
    const r2 = await migrate(['--from', old, '--to', path.join(dir, 'new2.db')]);
    assert.equal(r2.code, 2);
    assert.match(r2.stderr, /--from is at schema version 18, --to at \d+/);
    assert.ok(!fs.existsSync(path.join(dir, 'new2.db')), 'a failed migrate leaves no new file');
  });

  test('a copy that does not read back the same fails the verification, naming the table, and changes nothing', T, async () => {
    /* A target whose meta.value has INTEGER affinity (its schema edited behind
    ** youcheng's back): the home city id, text in the source, would be stored
    ** as an integer there. */
    const odd = path.join(dir, 'odd.db');
    fs.copyFileSync(path.join(dir, 'copy.db'), odd);
    const pr = await run(SQLITE3, [odd, "PRAGMA writable_schema=ON; UPDATE sqlite_master SET sql=replace(sql, 'value TEXT NOT NULL', 'value INTEGER NOT NULL') WHERE name='meta'; PRAGMA writable_schema=OFF;"]);
    assert.equal(pr.code, 0, pr.stderr);
    const before = await sqliteTableHashes(odd);
    const r = await migrate(['--from', src, '--to', odd, '--replace']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /verification failed for table meta: --from has 2 rows \(checksum [0-9a-f]{16}\.\.\.\), --to has 2 \(checksum [0-9a-f]{16}\.\.\.\)/);
    assert.match(r.stderr, /verify_failed/);
    assert.deepEqual(await sqliteTableHashes(odd), before, 'rolled back');
  });

  test('refused: a target that is not a youcheng database, a source that is none, --to equal to --from', T, async () => {
    const other = path.join(dir, 'other.db');
    const pr = await run(SQLITE3, [other, 'CREATE TABLE notes(x TEXT); INSERT INTO notes VALUES (\'synthetic\')']);
    assert.equal(pr.code, 0, pr.stderr);
    let r = await migrate(['--from', src, '--to', other, '--replace']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--to holds 1 table\(s\) but is not a youcheng database/);
    assert.equal((await run(SQLITE3, [other, 'SELECT group_concat(name) FROM sqlite_master'])).stdout.trim(), 'notes');
    r = await migrate(['--from', other, '--to', path.join(dir, 'new3.db')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--from is not a youcheng database/);
    assert.ok(!fs.existsSync(path.join(dir, 'new3.db')));
    r = await migrate(['--from', src, '--to', src]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--to is the same database as --from/);
    r = await migrate(['--from', src, '--to', path.join(dir, '.', path.basename(src))]);
    assert.equal(r.code, 2, 'the same file by another path');
    r = await migrate(['--from', path.join(dir, 'missing.db'), '--to', path.join(dir, 'new4.db')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--from .*missing\.db does not exist/);
    r = await migrate(['--from', src]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--from SRC and --to DST are required/);
    r = await migrate(['--from', src, '--to', 'postgresql://yc:secret@localhost/x']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--to must not hold a password/);
  });
});
