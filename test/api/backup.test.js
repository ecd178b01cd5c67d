'use strict';
/*
** backup.test.js: `youcheng backup` taken while the server writes, and
** `youcheng restore` of that backup. A write load (POST /api/v1/orgs with
** synthetic names, labelled synthetic) runs; the backup is taken during it;
** the backup restored into a new file holds every organisation whose 201
** was acknowledged before the backup started. Then: restore refuses a
** newer database without --force and a database a server has open; bad
** options name the option; `youcheng check` names what is broken.
*/
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { useServer, stopTest, sql, freshDb, run, TEST_TIMEOUT } = require('./lib');
const { SQLITE3 } = require('../common.js');

const T = { timeout: TEST_TIMEOUT };
const ctx = useServer();

const SYN = 'Synthetic backup-test org';      /* not a real organisation */
let backupDir;
let backupPath;
let ackedBefore;                               /* ids acknowledged (201) before the backup started */
let ackedAll;

/* Writers: n concurrent loops of POST /api/v1/orgs until stop() */
function writeLoad(n) {
  const acked = [];        /* {id, at}: at = when the 201 arrived */
  let running = true;
  let seq = 0;
  const errors = [];
  const loops = Array.from({ length: n }, async () => {
    while (running) {
      const k = seq++;
      const res = await ctx.api('POST', '/api/v1/orgs', {
        body: { name_en: `${SYN} ${k} (synthetic)`, type: 'enterprise', side: 'home' }, token: ctx.token });
      if (res.status === 201) acked.push({ id: res.json.id, at: process.hrtime.bigint() });
      else { errors.push(`${res.status} ${res.text.slice(0, 200)}`); running = false; }
    }
  });
  /* Resolves when n writes are acknowledged; throws on a refused write. */
  const until = async (k) => {
    while (acked.length < k) {
      if (errors.length) throw new Error(`write refused: ${errors[0]}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { acked, errors, until, stop: async () => { running = false; await Promise.all(loops); } };
}

describe('backup during a write load, restored', () => {
  test('backup while the server writes; restore holds every write acknowledged before it', T, async () => {
    backupDir = fs.mkdtempSync(path.join(ctx.dir, 'backups-'));
    const load = writeLoad(4);
    await load.until(30);
    const t0 = process.hrtime.bigint();
    ackedBefore = load.acked.filter((x) => x.at < t0).map((x) => x.id);
    const r = await ctx.cli(['backup', '--db', ctx.db, '--to', backupDir, '--json']);
    const nDuring = load.acked.length;
    await load.until(nDuring + 10);
    await load.stop();
    ackedAll = load.acked.map((x) => x.id);
    assert.deepEqual(load.errors, []);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    backupPath = out.path;
    assert.match(path.basename(backupPath), /^youcheng-\d{8}-\d{6}(-\d+)?\.db$/);
    assert.equal(path.dirname(backupPath), backupDir);
    assert.equal(out.integrity, 'ok');
    assert.equal(out.size, fs.statSync(backupPath).size);
    assert.ok(out.seconds > 0);
    assert.ok(out.schema_version >= 10);
    assert.ok(out.counts.org >= 8 + ackedBefore.length, JSON.stringify(out.counts));
    /* The load went on during and after the copy. */
    assert.ok(ackedAll.length > ackedBefore.length + 10);
    assert.ok(ackedBefore.length >= 30);

    /* The copy's own counts are what it says. */
    assert.equal(Number((await sql(backupPath, 'SELECT count(*) FROM org')).trim()), out.counts.org);
    assert.equal(Number((await sql(backupPath, 'SELECT count(*) FROM audit')).trim()), out.counts.audit);

    const restored = path.join(ctx.dir, 'restored.db');
    const rr = await ctx.cli(['restore', '--from', backupPath, '--db', restored, '--json']);
    assert.equal(rr.code, 0, rr.stderr);
    const ro = JSON.parse(rr.stdout);
    assert.equal(ro.integrity, 'ok');
    assert.equal(ro.replaced, false);
    assert.deepEqual(ro.counts, out.counts);
    assert.equal((await sql(restored, 'PRAGMA integrity_check')).trim(), 'ok');
    const ids = new Set((await sql(restored, `SELECT id FROM org WHERE name_en LIKE '${SYN} %'`))
      .split('\n').filter(Boolean).map(Number));
    const missing = ackedBefore.filter((id) => !ids.has(id));
    assert.deepEqual(missing, [], `acknowledged before the backup but not in it: ${missing.join(', ')}`);
    /* Every write in the backup has its audit row (one transaction). */
    const nAudit = Number((await sql(restored,
      `SELECT count(*) FROM org o JOIN audit a ON a.entity='org' AND a.entity_id=o.id AND a.action='create' WHERE o.name_en LIKE '${SYN} %'`)).trim());
    assert.equal(nAudit, ids.size);
    assert.ok(ids.size < ackedAll.length, 'the writes after the backup are not in it');
    /* The restored database serves: a CLI read. */
    const rl = await ctx.cli(['partner', 'list', '--db', restored, '--json']);
    assert.equal(rl.code, 0, rl.stderr);
  });

  test('restore refuses a newer database without --force, and one a server has open', T, async () => {
    /* The live database has writes after the backup: newer. */
    const target = path.join(ctx.dir, 'newer.db');
    fs.copyFileSync(ctx.db, target);     /* the server's file: not yet checkpointed writes are in its WAL */
    const w = ctx.db + '-wal';
    if (fs.existsSync(w)) fs.copyFileSync(w, target + '-wal');
    let r = await ctx.cli(['restore', '--from', backupPath, '--db', target]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /newer than the backup|modified after the backup/);
    assert.match(r.stderr, /--force/);
    assert.match(r.stderr, /\(--db: newer\)/);
    const nBefore = Number((await sql(target, 'SELECT count(*) FROM org')).trim());
    assert.equal(nBefore, 8 + ackedAll.length);

    r = await ctx.cli(['restore', '--from', backupPath, '--db', target, '--force', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).forced, true);
    const nAfter = Number((await sql(target, 'SELECT count(*) FROM org')).trim());
    assert.ok(nAfter < nBefore);
    assert.equal(fs.existsSync(target + '-wal') && fs.statSync(target + '-wal').size > 0, false);
    assert.deepEqual(fs.readdirSync(ctx.dir).filter((f) => f.endsWith('.tmp')), []);

    /* The same backup again onto its own restore: not newer. */
    r = await ctx.cli(['restore', '--from', backupPath, '--db', target]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^restored /);

    /* The server's database: in use, even with --force. */
    const before = fs.statSync(ctx.db).size;
    r = await ctx.cli(['restore', '--from', backupPath, '--db', ctx.db, '--force']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /in use/);
    assert.match(r.stderr, /\(--db: in_use\)/);
    assert.equal(fs.statSync(ctx.db).size, before);
    const h = await ctx.api('GET', '/healthz');
    assert.equal(h.status, 200);
  });

  test('--keep keeps the newest N and deletes only older youcheng-*.db', T, async () => {
    const other = path.join(backupDir, 'notes.db');
    fs.writeFileSync(other, 'not a backup');
    const paths = [backupPath];
    for (let i = 0; i < 2; i++) {
      const r = await ctx.cli(['backup', '--db', ctx.db, '--to', backupDir, '--keep', '2', '--json']);
      assert.equal(r.code, 0, r.stderr);
      paths.push(JSON.parse(r.stdout).path);
    }
    assert.equal(new Set(paths).size, 3, `three distinct names: ${paths}`);
    const left = fs.readdirSync(backupDir).sort();
    assert.deepEqual(left, [...paths.slice(1).map((p) => path.basename(p)), 'notes.db'].sort());
    backupPath = paths[2];
    /* Plain output names the file, its size and the counts. */
    const r = await ctx.cli(['backup', '--db', ctx.db, '--to', backupDir, '--keep', '3']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^wrote .*youcheng-\d{8}-\d{6}(-\d+)?\.db\n/);
    assert.match(r.stdout, /integrity ok/);
    assert.match(r.stdout, /rows: tie \d+ org \d+/);
  });

  test('bad options name the option and exit non-zero', T, async () => {
    const file = path.join(ctx.dir, 'a-file');
    fs.writeFileSync(file, 'not a database '.repeat(1000));
    const ro = fs.mkdtempSync(path.join(ctx.dir, 'ro-'));
    fs.chmodSync(ro, 0o500);
    const cases = [
      [['backup', '--db', ctx.db], /--to DIR is required/, '--to'],
      [['backup', '--db', ctx.db, '--to', path.join(ctx.dir, 'nope')], /is not a directory/, '--to'],
      [['backup', '--db', ctx.db, '--to', file], /is not a directory/, '--to'],
      [['backup', '--db', ctx.db, '--to', backupDir, '--keep', '0'], /--keep must be an integer from 1 to 1000/, '--keep'],
      [['backup', '--db', ctx.db, '--to', backupDir, '--keep', '1001'], /--keep must be/, '--keep'],
      [['backup', '--db', ctx.db, '--to', backupDir, '--keep', 'x'], /--keep must be/, '--keep'],
      [['backup', '--to', backupDir], /--db FILE is required/, '--db'],
      [['backup', '--db', path.join(ctx.dir, 'missing.db'), '--to', backupDir], /does not exist/, '--db'],
      [['restore', '--db', path.join(ctx.dir, 'x.db')], /--from BACKUP.db is required/, '--from'],
      [['restore', '--from', path.join(ctx.dir, 'missing.db'), '--db', path.join(ctx.dir, 'x.db')], /is not a file/, '--from'],
      [['restore', '--from', file, '--db', path.join(ctx.dir, 'x.db')], /not a SQLite database/, '--from'],
    ];
    if (process.getuid && process.getuid() !== 0) {
      cases.push([['backup', '--db', ctx.db, '--to', ro], /is not writable/, '--to']);
    }
    const before = fs.readdirSync(backupDir).sort();
    for (const [args, re, opt] of cases) {
      const r = await ctx.cli(args);
      assert.equal(r.code, 2, `${args.join(' ')}: exit ${r.code} ${r.stderr}`);
      assert.match(r.stderr, re, args.join(' '));
      assert.ok(r.stderr.includes(`(${opt}: `), `${args.join(' ')} names ${opt}: ${r.stderr}`);
    }
    assert.deepEqual(fs.readdirSync(backupDir).sort(), before, 'no file written or deleted');
    assert.equal(fs.existsSync(path.join(ctx.dir, 'x.db')), false);
    fs.chmodSync(ro, 0o700);
  });

  test('youcheng check names a search index out of step and a dangling foreign key', T, async () => {
    /* (That an intact database passes is checked by crash.test.js, after
    ** its kills.) A copy of the demo database with a search row whose
    ** indexed text is gone (the shell writes the FTS5 shadow tables; it
    ** lacks the "yc" tokenizer) and a link to an organisation that does not
    ** exist. */
    const { dir, db } = await freshDb();
    try {
      const r0 = await run(SQLITE3, [db, 'DELETE FROM org_fts_content WHERE id=(SELECT min(id) FROM org); ' +
        'PRAGMA foreign_keys=OFF; INSERT INTO org_tie(org_id, tie_id) VALUES(999999, (SELECT min(id) FROM tie));']);
      assert.equal(r0.code, 0, r0.stderr);
      let r = await ctx.cli(['check', '--db', db]);
      assert.equal(r.code, 2, `${r.stdout}${r.stderr}`);
      assert.match(r.stderr, /fails the integrity check: /);
      assert.match(r.stderr, /foreign key: a row of org_tie refers to a missing org/);
      assert.match(r.stderr, /search index org_fts: /);
      r = await ctx.cli(['check']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /--db FILE is required/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

stopTest(ctx);
