'use strict';
/*
** history.test.js: a record's history (/api/v1/{type}/{id}/history), the
** audit log (/api/v1/audit) and revert (/api/v1/{type}/{id}/revert): two
** edits show as two entries with the right fields, newest first; a revert
** brings the old values back and is itself an entry naming the version; the
** log's filters, each bad one a 400 naming it; everything 401 for anonymous
** callers (the trail holds personal data) and no person's name in any
** anonymous answer. Values written here are synthetic.
*/
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { useServer, qs, stopTest, PASSWORD, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const ctx = useServer({ admin: true });
const auth = () => ({ token: ctx.token });
const NOTE1 = 'Synthetic note Quorvash one';
const NOTE2 = 'Synthetic note Quorvash two';
const PERSON = 'Blenthar Vossimund';   /* synthetic */

describe('history', () => {
  let v0;
  test('anonymous callers get 401 from every history answer', T, async () => {
    for (const p of ['/api/v1/partners/3/history', '/api/v1/people/1/history', '/api/v1/audit', '/api/v1/audit?type=person']) {
      const r = await ctx.api('GET', p);
      assert.equal(r.status, 401, `${p}: ${r.status}`);
    }
    await ctx.rejected('POST', '/api/v1/partners/3/revert', { body: { to: 1 } }, { status: 401 });
    const page = await ctx.api('GET', '/audit');
    assert.equal(page.status, 303);
  });

  test('two edits of a tie: two entries, newest first, with the fields changed', T, async () => {
    let h = await ctx.api('GET', '/api/v1/partners/3/history', auth());
    assert.equal(h.status, 200);
    const created = h.json.items.find((x) => x.entity === 'tie' && x.action === 'create');
    assert.ok(created, 'the create of tie 3 is in its history');
    assert.ok(created.changes.some((c) => c.field === 'kind' && c.before === null && c.after === 'sister'));
    v0 = h.json.items.filter((x) => x.entity === 'tie')[0].id;
    const orig = (await ctx.api('GET', '/api/v1/partners/3')).json;
    let r = await ctx.api('PATCH', '/api/v1/partners/3', { ...auth(), body: { notes: NOTE1 } });
    assert.equal(r.status, 200);
    r = await ctx.api('PATCH', '/api/v1/partners/3', { ...auth(), body: { status: 'suspended', label: 'Synthetic label' } });
    assert.equal(r.status, 200);
    h = await ctx.api('GET', '/api/v1/partners/3/history', auth());
    const [second, first] = h.json.items;
    assert.equal(second.action, 'update');
    assert.equal(second.actor, 'alice');
    assert.deepEqual(second.changes.map((c) => c.field).sort(), ['label', 'status']);
    assert.deepEqual(second.changes.find((c) => c.field === 'status'), { field: 'status', before: orig.status, after: 'suspended' });
    assert.deepEqual(first.changes, [{ field: 'notes', before: orig.notes, after: NOTE1 }]);
    assert.ok(second.id > first.id && first.id > v0);
    assert.equal(second.revertable, true);

    /* Revert to the version before both edits. */
    r = await ctx.api('POST', '/api/v1/partners/3/revert', { ...auth(), body: { to: v0 } });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.equal(r.json.status, orig.status);
    assert.equal(r.json.notes, orig.notes);
    assert.equal(r.json.label, orig.label);
    assert.deepEqual(r.json.sources, orig.sources);
    h = await ctx.api('GET', '/api/v1/partners/3/history', auth());
    const top = h.json.items[0];
    assert.equal(top.action, 'revert');
    assert.equal(top.revert_of, v0);
    assert.deepEqual(top.changes.map((c) => c.field).sort(), ['label', 'notes', 'status']);
    /* A revert to the edit in between is a revert too. */
    r = await ctx.api('POST', '/api/v1/partners/3/revert', { ...auth(), body: { to: first.id } });
    assert.equal(r.status, 200);
    assert.equal(r.json.notes, NOTE1);
    assert.equal(r.json.status, orig.status);
    /* Paged like every list. */
    const p1 = (await ctx.api('GET', '/api/v1/partners/3/history?limit=2', auth())).json;
    assert.equal(p1.items.length, 2);
    assert.ok(p1.total > 4);
    const p2 = (await ctx.api('GET', `/api/v1/partners/3/history${qs({ limit: 2, cursor: p1.next_cursor })}`, auth())).json;
    assert.equal(p2.items[0].id < p1.items[1].id, true);
    await ctx.rejected('GET', '/api/v1/partners/3/history?limit=0', auth(), { status: 400, field: 'limit' });
    await ctx.rejected('GET', '/api/v1/partners/3/history?x=1', auth(), { status: 400, field: 'x' });
  });

  test('what cannot be reverted is refused, naming why; nothing changes', T, async () => {
    await ctx.rejected('POST', '/api/v1/partners/3/revert', { ...auth(), body: { to: 'x' } }, { status: 400, field: 'to' });
    await ctx.rejected('POST', '/api/v1/partners/3/revert', { ...auth(), body: {} }, { status: 400, field: 'to' });
    await ctx.rejected('POST', '/api/v1/partners/3/revert', { ...auth(), body: { to: v0, x: 1 } }, { status: 400, field: 'x' });
    /* A version of another record. */
    const other = (await ctx.api('GET', '/api/v1/partners/4/history', auth())).json.items.at(-1).id;
    await ctx.rejected('POST', '/api/v1/partners/3/revert', { ...auth(), body: { to: other } }, { status: 404, field: 'to' });
    await ctx.rejected('POST', '/api/v1/nothing/3/revert', { ...auth(), body: { to: v0 } }, { status: 404 });
    await ctx.rejected('POST', '/api/v1/partners/3/revert', { token: ctx.viewerToken, body: { to: v0 } }, { status: 403 });
    /* A deleted exchange: that is restore, not revert. */
    const ex = (await ctx.api('POST', '/api/v1/exchanges', { ...auth(), body: { title: 'Synthetic exchange Quorvash', kind: 'culture', date: '2024-05-01', ties: [3] } })).json;
    const hv = (await ctx.api('GET', `/api/v1/exchanges/${ex.id}/history`, auth())).json.items[0].id;
    assert.equal((await ctx.api('DELETE', `/api/v1/exchanges/${ex.id}`, auth())).status, 200);
    await ctx.rejected('POST', `/api/v1/exchanges/${ex.id}/revert`, { ...auth(), body: { to: hv } }, { status: 409, field: 'to', code: 'deleted' });
    /* Its history stays, the delete last; the delete itself is no version to go back to. */
    const hd = (await ctx.api('GET', `/api/v1/exchanges/${ex.id}/history`, auth())).json.items;
    assert.equal(hd[0].action, 'delete');
    await ctx.rejected('POST', `/api/v1/exchanges/${ex.id}/revert`, { ...auth(), body: { to: hd[0].id } }, { status: 409, field: 'to', code: 'not_revertable' });
    assert.equal((await ctx.api('GET', '/api/v1/exchanges/999999/history', auth())).status, 404);
    const log = (await ctx.api('GET', `/api/v1/audit${qs({ type: 'exchange', action: 'delete', limit: 1 })}`, auth())).json;
    assert.equal(log.items[0].entity_id, ex.id);
    assert.equal(log.items[0].revertable, false);
  });

  test('an exchange reverted: title, fields and ties come back', T, async () => {
    const ex = (await ctx.api('POST', '/api/v1/exchanges', { ...auth(), body: { title: 'Synthetic visit Quorvash', kind: 'culture', date: '2024-06-01', ties: [3], fields: ['culture'] } })).json;
    const v = (await ctx.api('GET', `/api/v1/exchanges/${ex.id}/history`, auth())).json.items[0].id;
    let r = await ctx.api('PATCH', `/api/v1/exchanges/${ex.id}`, { ...auth(), body: { title: 'Synthetic visit changed', fields: ['education'], ties: [3, 4] } });
    assert.equal(r.status, 200);
    r = await ctx.api('POST', `/api/v1/exchanges/${ex.id}/revert`, { ...auth(), body: { to: v } });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.equal(r.json.title, 'Synthetic visit Quorvash');
    assert.deepEqual(r.json.fields, ['culture']);
    assert.deepEqual(r.json.ties.map((t) => t.id), [3]);
  });

  test('a country list (named by its key): history and revert', T, async () => {
    /* Country lists are admins' (doc/roles.md). */
    let r = await ctx.api('POST', '/api/v1/lists', { token: ctx.adminToken, body: { key: 'synthetic_hist', name_en: 'Synthetic list', name_zh: '合成清单', members: ['FR', 'DE'] } });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    r = await ctx.api('PATCH', '/api/v1/lists/synthetic_hist', { token: ctx.adminToken, body: { members: ['IT'], name_en: 'Synthetic list changed' } });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    const h = (await ctx.api('GET', '/api/v1/lists/synthetic_hist/history', auth())).json;
    assert.equal(h.items.length, 2);
    assert.deepEqual(h.items[0].changes.map((c) => c.field).sort(), ['member_list', 'members', 'name_en']);
    r = await ctx.api('POST', '/api/v1/lists/synthetic_hist/revert', { token: ctx.adminToken, body: { to: h.items[1].id } });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.equal(r.json.name_en, 'Synthetic list');
    assert.deepEqual(r.json.member_list.map((m) => m.iso2).sort(), ['DE', 'FR']);
    assert.equal((await ctx.api('GET', '/api/v1/lists/no_such_list/history', auth())).status, 404);
  });

  test('every field of every record in the trail has a label in both languages', T, async () => {
    const tsv = fs.readFileSync(path.join(__dirname, '../../data/i18n/history.tsv'), 'utf8');
    const labels = new Map(tsv.split('\n').filter((l) => l.startsWith('hf.')).map((l) => { const [k, zh, en] = l.split('\t'); return [k.slice(3), { zh, en }]; }));
    /* The records' keys, read in JS (either engine: the JSON is text). */
    const rows = await ctx.sql("SELECT replace(replace(coalesce(after, before), char(10), ' '), char(13), ' ') FROM audit");
    const keySet = new Set();
    for (const line of rows.split('\n')) {
      let v;
      try { v = JSON.parse(line); } catch { continue; }
      if (v && typeof v === 'object' && !Array.isArray(v)) for (const k of Object.keys(v)) keySet.add(k);
    }
    const keys = [...keySet].filter((k) => !['id', 'created_at', 'updated_at'].includes(k));
    assert.ok(keys.length > 50, `${keys.length} fields`);
    for (const k of keys) {
      const l = labels.get(k);
      assert.ok(l && l.zh && l.en, `no label hf.${k}`);
    }
  });

  test('the audit log: filters, paging, each bad filter a 400 naming it', T, async () => {
    let r = await ctx.api('GET', `/api/v1/audit${qs({ type: 'tie', action: 'update', user: 'alice' })}`, auth());
    assert.equal(r.status, 200);
    assert.equal(r.json.total, 2);
    for (const x of r.json.items) { assert.equal(x.entity, 'tie'); assert.equal(x.action, 'update'); assert.equal(x.actor, 'alice'); }
    assert.ok(r.json.items.every((x) => x.name_en && x.name_zh), 'every entry names its record');
    r = await ctx.api('GET', `/api/v1/audit${qs({ action: 'revert' })}`, auth());
    assert.equal(r.json.total, 4);   /* two of the tie, the exchange, the list */
    const today = new Date().toISOString().slice(0, 10);
    r = await ctx.api('GET', `/api/v1/audit${qs({ from: today, to: today, limit: 2 })}`, { token: ctx.viewerToken });
    assert.equal(r.status, 200);
    assert.equal(r.json.items.length, 2);
    assert.ok(r.json.next_cursor);
    const r2 = await ctx.api('GET', `/api/v1/audit${qs({ from: today, to: today, limit: 2, cursor: r.json.next_cursor })}`, auth());
    assert.ok(r2.json.items[0].id < r.json.items[1].id);
    r = await ctx.api('GET', `/api/v1/audit${qs({ to: '2000-01-01' })}`, auth());
    assert.equal(r.json.total, 0);
    for (const [q, field] of [[{ type: 'nope' }, 'type'], [{ action: 'x' }, 'action'], [{ from: '2026-13-01' }, 'from'],
      [{ to: 'soon' }, 'to'], [{ from: '2026-02-01', to: '2026-01-01' }, 'to'], [{ limit: '0' }, 'limit'],
      [{ cursor: 'zz' }, 'cursor'], [{ nope: '1' }, 'nope']]) {
      await ctx.rejected('GET', `/api/v1/audit${qs(q)}`, auth(), { status: 400, field });
    }
  });

  test('the pages and the commands answer the same', T, async () => {
    const { cookie } = await ctx.login('alice', PASSWORD);
    assert.ok(cookie, 'alice logs in');
    for (const [p, want] of [['/partners/3/history?lang=en', 'Status'], ['/audit?type=tie&lang=zh', '友城关系'], ['/lists/synthetic_hist/history?lang=en', 'Name (English)']]) {
      const r = await ctx.api('GET', p, { headers: { Cookie: cookie } });
      assert.equal(r.status, 200, p);
      assert.ok(r.text.includes(want), `${p} lacks ${want}`);
    }
    assert.equal((await ctx.api('GET', '/partners/3/history')).status, 303);
    let r = await ctx.cli(['history', 'tie', '3', '--json', '--db', ctx.db]);
    assert.equal(r.code, 0, r.stderr);
    const h = JSON.parse(r.stdout);
    assert.equal(h.items[0].action, 'revert');
    r = await ctx.cli(['audit', '--type', 'tie', '--action', 'update', '--db', ctx.db]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /status: active -> suspended/);
    assert.match(r.stdout, /^2 entry\(s\)$/m);
    r = await ctx.cli(['audit', '--from', 'tomorrow', '--db', ctx.db]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /from/);
    r = await ctx.cli(['revert', 'tie', '3', '--to', String(h.items.at(-1).id), '--db', ctx.db]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /tie 3 reverted to version/);
    r = await ctx.cli(['revert', 'tie', '3', '--to', '999999', '--db', ctx.db]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /no version 999999/);
  });

  test('people: their history for signed-in users, their names never for anonymous callers', T, async () => {
    const p = (await ctx.api('POST', '/api/v1/people', { ...auth(), body: { name_en: PERSON, roles: ['official'] } })).json;
    assert.ok(p.id);
    const r = await ctx.api('PATCH', `/api/v1/people/${p.id}`, { ...auth(), body: { title: 'Synthetic title' } });
    assert.equal(r.status, 200);
    const h = await ctx.api('GET', `/api/v1/people/${p.id}/history`, auth());
    assert.equal(h.status, 200);
    assert.equal(h.json.items.length, 2);
    assert.equal(h.json.items[1].name_en, PERSON);
    assert.equal((await ctx.api('GET', `/api/v1/people/${p.id}/history`)).status, 401);
    /* Erased on request: its history keeps no name, and no version can bring one back. */
    assert.equal((await ctx.api('POST', `/api/v1/people/${p.id}/erase`, auth())).status, 200);
    const he = (await ctx.api('GET', `/api/v1/people/${p.id}/history`, auth())).json;
    assert.ok(!JSON.stringify(he).includes(PERSON), 'an erased person\'s name in the history');
    await ctx.rejected('POST', `/api/v1/people/${p.id}/revert`, { ...auth(), body: { to: he.items.at(-1).id } }, { status: 409, field: 'id', code: 'erased' });
    const dash = await ctx.api('GET', '/');
    assert.equal(dash.status, 200);
    assert.ok(!dash.text.includes(PERSON), 'the dashboard shows a person\'s name to an anonymous caller');
    assert.ok(!dash.text.includes('entity.'), 'the dashboard shows a raw key');
    const dashIn = await ctx.api('GET', '/?lang=en', auth());
    assert.ok(dashIn.text.includes('Latest changes'));
  });
});

stopTest(ctx);
