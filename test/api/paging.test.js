'use strict';
/*
** paging.test.js: keyset cursors (core/page.h) through the JSON API.
**
**   - stability: page 1 (limit 2), then a record inserted before the
**     cursor and/or one of page 1 deleted, then page 2 with the cursor:
**     page 2 is exactly the two rows after page 1's last row in the list as
**     it is after the changes (nothing repeated, nothing skipped), where an
**     offset would have repeated or skipped a row; for partners,
**     organisations and exchanges;
**   - malformed, tampered and foreign cursors are a 400 naming `cursor`, on
**     every list with a cursor.
**
** Records created here are SYNTHETIC (their names and notes say so).
*/
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { useServer, stopTest, qs, assertError, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const ctx = useServer({ admin: true });
const auth = () => ({ token: ctx.token });

async function get(p) {
  const res = await ctx.api('GET', p);
  assert.equal(res.status, 200, `${p}: ${res.text.slice(0, 300)}`);
  return res.json;
}
async function write(method, p, body, status) {
  /* Deleting a tie is for admins (doc/roles.md). */
  const token = method === 'DELETE' && p.startsWith('/api/v1/partners/') ? { token: ctx.adminToken } : auth();
  const res = await ctx.api(method, p, { body, ...token });
  assert.equal(res.status, status, `${method} ${p}: ${res.text.slice(0, 300)}`);
  return res.json;
}
const idsOf = (items) => items.map((x) => x.id);
function yesterday(n = 1) { const d = new Date(); d.setUTCDate(d.getUTCDate() - n); return d.toISOString().slice(0, 10); }

/*
** One list, three changes between page 1 and page 2: insert (a record that
** sorts before the cursor), delete (the first row of page 1), both.
** path: the list with its sort; insert(): creates a record that sorts
** first, returns its id; remove(id): deletes a record.
*/
async function stability(path, insert, remove) {
  const sep = path.includes('?') ? '&' : '?';
  for (const mode of ['insert', 'delete', 'both']) {
    const p1 = await get(`${path}${sep}limit=2`);
    assert.equal(p1.items.length, 2);
    assert.equal(typeof p1.next_cursor, 'string');
    const [first, last] = idsOf(p1.items);
    let added = null;
    if (mode !== 'delete') added = await insert();
    if (mode !== 'insert') await remove(first);
    const p2 = await get(`${path}${sep}limit=2&cursor=${encodeURIComponent(p1.next_cursor)}`);
    const after = idsOf((await get(`${path}${sep}limit=500`)).items);
    const i = after.indexOf(last);
    assert.ok(i >= 0, `${mode}: page 1's last row is still listed`);
    if (added !== null) assert.ok(after.indexOf(added) < i, `${mode}: the new record sorts before the cursor`);
    const want = after.slice(i + 1, i + 3);
    assert.deepEqual(idsOf(p2.items), want, `${path} after ${mode}: page 2 is the two rows after page 1's last`);
    for (const id of idsOf(p2.items)) assert.ok(id !== first && id !== last && id !== added, `${mode}: row ${id} repeated`);
    /* An offset (2) would have repeated a row (insert) or skipped one (delete). */
    if (mode !== 'both') assert.notDeepEqual(after.slice(2, 4), want, `${mode}: the change shifts offsets`);
    assert.equal(p2.total, after.length);
  }
}

describe('keyset cursors: a page does not shift when rows change before it', () => {
  test('partners (sort=name, and the default sort with undated ties)', T, async () => {
    const names = ['Aachen', 'Aalborg', 'Aarau'];
    const cities = [];
    for (const [q, country] of [[names[0], 'DE'], [names[1], 'DK'], [names[2], 'CH']]) {
      const r = await get(`/api/v1/cities${qs({ q, country, limit: 1 })}`);
      assert.equal(r.items[0].name_en, q);
      cities.push(r.items[0].id);
    }
    let k = 0;
    await stability('/api/v1/partners?sort=name',
      async () => (await write('POST', '/api/v1/partners', { city_id: cities[k++], kind: 'cooperation', notes: 'synthetic paging test' }, 201)).id,
      (id) => write('DELETE', `/api/v1/partners/${id}?dependants=archive`, undefined, 200));
    /* Established, oldest first: an earlier date sorts before the cursor. */
    const more = [];
    for (const [q, country] of [['Aberdeen', 'GB'], ['Abuja', 'NG'], ['Accra', 'GH']]) {
      const r = await get(`/api/v1/cities${qs({ q, country, limit: 1 })}`);
      more.push(r.items[0].id);
    }
    k = 0;
    await stability('/api/v1/partners?sort=established',
      async () => (await write('POST', '/api/v1/partners',
        { city_id: more[k++], kind: 'sister', established: `190${k}`, notes: 'synthetic paging test' }, 201)).id,
      (id) => write('DELETE', `/api/v1/partners/${id}?dependants=archive`, undefined, 200));
  });

  test('organisations (sort=name)', T, async () => {
    let k = 0;
    await stability('/api/v1/orgs?sort=name',
      async () => (await write('POST', '/api/v1/orgs',
        { name_en: `AAA Synthetic paging org ${k++}`, type: 'association', side: 'home' }, 201)).id,
      (id) => write('DELETE', `/api/v1/orgs/${id}?dependants=archive`, undefined, 200));
  });

  test('exchanges (newest first)', T, async () => {
    /* A tie without exchanges: the demo's newest ones belong to delegations and events, which
    ** refuse a hand delete. */
    const tie = Number((await ctx.sql('SELECT id FROM tie WHERE id NOT IN (SELECT tie_id FROM exchange_tie) ORDER BY id LIMIT 1')).trim());
    assert.ok(tie > 0);
    for (let i = 0; i < 6; i++) {
      await write('POST', '/api/v1/exchanges', { title: `Synthetic paging exchange ${i}`, kind: 'event', date: `200${i}-05-01`, ties: [tie] }, 201);
    }
    let k = 0;
    await stability(`/api/v1/exchanges?tie=${tie}`,
      async () => (await write('POST', '/api/v1/exchanges',
        { title: `Synthetic paging exchange new ${k}`, kind: 'event', date: yesterday(++k), ties: [tie] }, 201)).id,
      (id) => write('DELETE', `/api/v1/exchanges/${id}?dependants=archive`, undefined, 200));
  });
});

describe('cursors that are refused', () => {
  const LISTS = ['/api/v1/partners', '/api/v1/orgs', '/api/v1/exchanges', '/api/v1/projects', '/api/v1/health',
    '/api/v1/opportunities', '/api/v1/twins/review'];
  const enc = (a) => Buffer.from(JSON.stringify(a)).toString('base64url');
  const dec = (c) => JSON.parse(Buffer.from(c, 'base64url').toString());

  test('malformed cursors: 400 invalid_cursor naming cursor, on every list', T, async () => {
    const bad = ['abc', '10', '0', '-10', '!!!!', 'WyJ4Il0', '%%', ' ', 'W10', enc(['partners:name', 'a']), 'x'.repeat(999)];
    for (const p of LISTS) {
      for (const cursor of bad) {
        const res = await ctx.api('GET', `${p}${qs({ cursor })}`);
        const e = assertError(res, 400, 'cursor', 'invalid_cursor');
        assert.ok(e.message.length > 0);
      }
    }
  });

  test('tampered cursors are refused; a well-formed hand-made one is a position', T, async () => {
    const c = (await get('/api/v1/partners?sort=name&limit=3')).next_cursor;
    const a = dec(c);
    assert.deepEqual(a.slice(0, 2), ['partners:name', 'a']);
    assert.equal(a.length, 4);                           /* name key, id */
    assert.equal(enc(a), c, 'the cursor is compact JSON in base64url without padding');
    const tampered = [
      `${c}=`,                                           /* padding */
      c.slice(0, -1),                                    /* cut */
      enc([a[0], a[1], a[2], String(a[3])]),             /* id as a string */
      enc([a[0], a[1], a[2], a[3], 1]),                  /* a key too many */
      enc([a[0], a[1], a[3]]),                           /* a key missing */
      enc([a[0], 'c', a[2], a[3]]),                      /* no such direction */
      enc([a[0], a[1], a[2], a[3] + 0.5]),               /* not an integer */
      Buffer.from(JSON.stringify(a, null, 1)).toString('base64url'),   /* the same JSON spelt otherwise */
      Buffer.from(JSON.stringify(a)).toString('base64'),               /* base64, not base64url */
    ];
    for (const cursor of tampered) {
      if (cursor === c) continue;
      assertError(await ctx.api('GET', `/api/v1/partners${qs({ sort: 'name', limit: 3, cursor })}`), 400, 'cursor', 'invalid_cursor');
    }
    /* Edited but well formed: a position in the order like any other. */
    const moved = await ctx.api('GET', `/api/v1/partners${qs({ sort: 'name', limit: 3, cursor: enc([a[0], a[1], '', 0]) })}`);
    assert.equal(moved.status, 200);
    assert.deepEqual(idsOf(moved.json.items), idsOf((await get('/api/v1/partners?sort=name&limit=3')).items));
  });

  test('a cursor made for another sort order or another list is refused', T, async () => {
    const byName = (await get('/api/v1/partners?sort=name&limit=3')).next_cursor;
    let e = assertError(await ctx.api('GET', `/api/v1/partners${qs({ sort: '-name', cursor: byName })}`), 400, 'cursor', 'invalid_cursor');
    assert.match(e.message, /another sort order/);
    assertError(await ctx.api('GET', `/api/v1/partners${qs({ cursor: byName })}`), 400, 'cursor');
    assertError(await ctx.api('GET', `/api/v1/orgs${qs({ sort: 'name', cursor: byName })}`), 400, 'cursor');
    const ex = (await get('/api/v1/exchanges?limit=1')).next_cursor;
    assertError(await ctx.api('GET', `/api/v1/exchanges${qs({ sort: 'date', cursor: ex })}`), 400, 'cursor');
    e = assertError(await ctx.api('GET', `/api/v1/health${qs({ cursor: ex })}`), 400, 'cursor');
    assert.match(e.message, /another sort order/);
    /* The same cursor with its own order still works, with other filters too. */
    assert.equal((await ctx.api('GET', `/api/v1/partners${qs({ sort: 'name', cursor: byName, kind: 'sister' })}`)).status, 200);
  });
});

stopTest(ctx);
