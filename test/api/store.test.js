'use strict';
/*
** store.test.js: the store's hardening (issue 14, items 2, 6, 8).
**   - a busy database (its write lock held by another process) answers a
**     write 503 with Retry-After, never 500, and writes nothing;
**   - a 1,000-row dry-run import takes no write lock: a POST /api/v1/orgs
**     sent while it runs is answered 201 before it ends (event order: the
**     import's own progress lines, no timed assertion);
**   - ids are never given again after a delete: create, delete, create
**     again gives a new id; the DELETE retried on the old id is 404; the old
**     id's history does not show the new record.
*/
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const { useServer, stopTest, TEST_TIMEOUT } = require('./lib');
const common = require('../common.js');

const T = { timeout: TEST_TIMEOUT };
const ctx = useServer();
const auth = () => ({ token: ctx.token });

/* A child process; resolves lines of its stdout/stderr as they come:
** waitFor(re) resolves on the first line (of either stream) matching re. */
function child(cmd, args) {
  const p = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const out = { text: '', exited: false, waiters: [] };
  const feed = (b) => {
    out.text += b.toString('utf8');
    out.waiters = out.waiters.filter((w) => { if (w.re.test(out.text)) { w.resolve(); return false; } return true; });
  };
  p.stdout.on('data', feed);
  p.stderr.on('data', feed);
  out.done = new Promise((resolve) => p.on('close', (code) => { out.exited = true; out.waiters.forEach((w) => w.reject(new Error(`exited (${code}) before ${w.re}: ${out.text.slice(-2000)}`))); resolve(code); }));
  out.waitFor = (re) => new Promise((resolve, reject) => {
    if (re.test(out.text)) resolve();
    else if (out.exited) reject(new Error(`exited before ${re}: ${out.text.slice(-2000)}`));
    else out.waiters.push({ re, resolve, reject });
  });
  out.proc = p;
  return out;
}

describe('a busy database', () => {
  test('a write while another process holds the write lock: 503 with Retry-After, nothing written', T, async () => {
    const before = await ctx.fingerprint();
    /* SQLite: a shell holds the write lock; PostgreSQL: a psql session
    ** holds the advisory lock every writer takes (db_pg.c PG_WRITE_LOCK). */
    const pg = common.ENGINE === 'pg';
    const sh = pg ? child('psql', ['-X', '-q', '-A', '-t', ctx.db]) : child(common.SQLITE3, [ctx.db]);
    sh.proc.stdin.write(pg ? "BEGIN; SELECT pg_advisory_xact_lock(2037347683); SELECT 'locked';\n" : "BEGIN IMMEDIATE; SELECT 'locked';\n");
    await sh.waitFor(/locked/);
    try {
      const res = await ctx.api('POST', '/api/v1/orgs', { ...auth(), body: { name_en: 'Synthetic busy org', type: 'enterprise', side: 'home' } });
      assert.equal(res.status, 503, res.text);
      assert.equal(res.headers['retry-after'], '1');
      assert.equal(res.json.error.code, 'busy');
      const h = await ctx.api('GET', '/healthz');
      assert.equal(h.status, 200, 'reads go on while the lock is held');
    } finally {
      sh.proc.stdin.end(pg ? 'ROLLBACK;\n\\q\n' : 'ROLLBACK;\n.quit\n');
      await sh.done;
    }
    assert.equal(await ctx.fingerprint(), before);
    const again = await ctx.api('POST', '/api/v1/orgs', { ...auth(), body: { name_en: 'Synthetic busy org', type: 'enterprise', side: 'home' } });
    assert.equal(again.status, 201, again.text);
  });

  test('a 1,000-row dry-run import takes no write lock: a concurrent POST /api/v1/orgs answers 201 before it ends', T, async () => {
    /* 1,000 synthetic rows: real places of the gazetteer by name and country. */
    const rows = (await ctx.sql("SELECT name || ',' || country FROM city WHERE country<>'CN' AND name NOT LIKE '%,%' AND name NOT LIKE '%\"%' ORDER BY population DESC LIMIT 1000"))
      .trim().split('\n');
    assert.equal(rows.length, 1000);
    const csv = ['city,country,kind,notes', ...rows.map((r) => `${r},sister,synthetic test row`)].join('\n') + '\n';
    const fs = require('node:fs');
    const file = require('node:path').join(ctx.dir, 'synthetic-1000.csv');
    fs.writeFileSync(file, csv);
    const before = await ctx.fingerprint();
    const imp = child(ctx.bin, ['import', 'partners', file, '--dry-run', '--db', ctx.db]);
    await imp.waitFor(/500 rows resolved/);
    const res = await ctx.api('POST', '/api/v1/orgs', { ...auth(), body: { name_en: 'Synthetic org during an import', type: 'enterprise', side: 'home' } });
    const bImportRunning = !/1000 rows resolved/.test(imp.text) && !imp.exited;
    assert.equal(res.status, 201, res.text);
    assert.ok(bImportRunning, `the write waited for the import:\n${imp.text}`);
    assert.equal(await imp.done, 0, imp.text);
    assert.match(imp.text, /1000 row\(s\), \d+ created, \d+ skipped .*\[dry run: nothing written\]/);
    /* The dry run wrote nothing: only the org is new. */
    const del = await ctx.api('DELETE', `/api/v1/orgs/${res.json.id}`, auth());
    assert.equal(del.status, 200, del.text);
    assert.notEqual(await ctx.fingerprint(), before, 'the delete is archived');
    assert.equal((await ctx.sql("SELECT count(*) FROM tie WHERE notes='synthetic test row'")).trim(), '0');
  });
});

describe('ids are never given again', () => {
  test('create, delete, create again: a new id; the old one stays gone, in the API and its history', T, async () => {
    const body = (n) => ({ name_en: `Synthetic id org ${n}`, type: 'enterprise', side: 'home' });
    const a = await ctx.api('POST', '/api/v1/orgs', { ...auth(), body: body(1) });
    assert.equal(a.status, 201, a.text);
    const d = await ctx.api('DELETE', `/api/v1/orgs/${a.json.id}`, auth());
    assert.equal(d.status, 200, d.text);
    const b = await ctx.api('POST', '/api/v1/orgs', { ...auth(), body: body(2) });
    assert.equal(b.status, 201, b.text);
    assert.ok(b.json.id > a.json.id, `the new org got id ${b.json.id}, the deleted one had ${a.json.id}`);
    /* A retried DELETE of the old id deletes nothing else. */
    const d2 = await ctx.api('DELETE', `/api/v1/orgs/${a.json.id}`, auth());
    assert.equal(d2.status, 404, d2.text);
    assert.equal((await ctx.api('GET', `/api/v1/orgs/${b.json.id}`, auth())).status, 200);
    assert.equal((await ctx.api('GET', `/api/v1/orgs/${a.json.id}`, auth())).status, 404);
    /* The old id's history is the old record's alone. */
    const h = await ctx.api('GET', `/api/v1/orgs/${a.json.id}/history`, auth());
    assert.equal(h.status, 200, h.text);
    assert.ok(!h.text.includes('Synthetic id org 2'), h.text.slice(0, 2000));
    assert.ok(h.text.includes('Synthetic id org 1'));
    /* The same for another record table: an exchange. */
    for (const [url, mk] of [
      ['/api/v1/exchanges', (n) => ({ title: `Synthetic id exchange ${n}`, kind: 'event', date: '2020', ties: [1] })],
    ]) {
      const x = await ctx.api('POST', url, { ...auth(), body: mk(1) });
      assert.equal(x.status, 201, x.text);
      assert.equal((await ctx.api('DELETE', `${url}/${x.json.id}`, auth())).status, 200);
      const y = await ctx.api('POST', url, { ...auth(), body: mk(2) });
      assert.equal(y.status, 201, y.text);
      assert.ok(y.json.id > x.json.id, `${url}: new id ${y.json.id} after deleting ${x.json.id}`);
      assert.equal((await ctx.api('DELETE', `${url}/${x.json.id}`, auth())).status, 404);
    }
  });
});

stopTest(ctx);
