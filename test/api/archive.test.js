'use strict';
/*
** archive.test.js: deletes that lose nothing (issue 12, item 5) through the
** JSON API. A demo tie with exchanges of its own: the delete is refused
** naming them, nothing changed; confirmed (?dependants=archive), the tie
** and its exchanges go; the archive (admins only) lists them; a restore
** brings the tie back exactly as it was, with its exchanges, and is not
** done twice; a purge removes an entry for good. Ending a tie is a PATCH
** with its date. The organisation made here is synthetic.
*/
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { useServer, stopTest, assertError, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const ctx = useServer({ admin: true });
const admin = () => ({ token: ctx.adminToken });
const editor = () => ({ token: ctx.token });

/* The demo tie with the most exchanges of its own (no other tie, no owner). */
async function busyTie() {
  const out = await ctx.sql("SELECT t.id FROM tie t ORDER BY (SELECT count(*) FROM exchange x WHERE x.ties=CAST(t.id AS TEXT)"
    + ' AND x.event_id IS NULL AND x.delegation_id IS NULL) DESC, t.id LIMIT 1');
  return Number(out.trim());
}

async function ownExchanges(tie) {
  const out = await ctx.sql(`SELECT id FROM exchange WHERE ties='${tie}' AND event_id IS NULL AND delegation_id IS NULL ORDER BY id`);
  return out.trim().split('\n').filter(Boolean).map(Number);
}

describe('deletes that lose nothing', () => {
  let tie, own, before, archiveId;

  test('what a delete would take, and refusals that change nothing', T, async () => {
    tie = await busyTie();
    own = await ownExchanges(tie);
    assert.ok(own.length > 0, 'the demo tie has exchanges of its own');
    before = (await ctx.api('GET', `/api/v1/partners/${tie}`)).json;
    let r = await ctx.api('GET', `/api/v1/dependants?type=tie&id=${tie}`, editor());
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.dependants.exchange >= own.length);
    assert.equal(r.json.blocked, false);
    assert.match(r.json.text, /exchange/);
    assertError(await ctx.api('GET', `/api/v1/dependants?type=tie&id=${tie}`), 401);
    assertError(await ctx.api('GET', `/api/v1/dependants?type=planet&id=${tie}`, editor()), 400, 'type');
    assertError(await ctx.api('GET', '/api/v1/dependants?type=tie&id=x', editor()), 400, 'id');
    /* Refused, naming them; an editor may not delete ties at all; a bad parameter. */
    const { error } = await ctx.rejected('DELETE', `/api/v1/partners/${tie}`, admin(), { status: 409, field: 'id', code: 'has_dependants' });
    assert.match(error.message, /exchanges? .*refers? to this tie/);
    assert.match(error.message, /end the tie instead/);
    await ctx.rejected('DELETE', `/api/v1/partners/${tie}?dependants=archive`, editor(), { status: 403 });
    await ctx.rejected('DELETE', `/api/v1/partners/${tie}?dependants=all`, admin(), { status: 400, field: 'dependants' });
  });

  test('confirmed: archived with its exchanges; admins see the archive', T, async () => {
    const r = await ctx.api('DELETE', `/api/v1/partners/${tie}?dependants=archive`, admin());
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.deleted, true);
    archiveId = r.json.archive_id;
    assert.equal(typeof archiveId, 'number');
    assertError(await ctx.api('GET', `/api/v1/partners/${tie}`), 404);
    for (const x of own) assertError(await ctx.api('GET', `/api/v1/exchanges/${x}`), 404);
    /* No exchange is left without ties. */
    assert.equal((await ctx.sql("SELECT count(*) FROM exchange WHERE ties=''")).trim(), '0');
    assertError(await ctx.api('GET', '/api/v1/archive'), 401);
    assertError(await ctx.api('GET', '/api/v1/archive', editor()), 403);
    const list = await ctx.api('GET', '/api/v1/archive', admin());
    assert.equal(list.status, 200, list.text);
    const item = list.json.items.find((x) => x.id === archiveId);
    assert.ok(item, 'the entry is listed');
    assert.equal(item.entity, 'tie');
    assert.equal(item.entity_id, tie);
    assert.equal(item.name_en, before.city.name_en);
    assert.ok(item.counts.exchange >= own.length);
    const one = await ctx.api('GET', `/api/v1/archive/${archiveId}`, admin());
    assert.equal(one.status, 200);
    assert.ok(one.json.rows.some((x) => x.t === 'tie' && x.r.id === tie));
    assertError(await ctx.api('GET', '/api/v1/archive?state=gone', admin()), 400, 'state');
  });

  test('restored as it was, once', T, async () => {
    await ctx.rejected('POST', `/api/v1/archive/${archiveId}/restore`, editor(), { status: 403 });
    const r = await ctx.api('POST', `/api/v1/archive/${archiveId}/restore`, admin());
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.entity, 'tie');
    assert.ok(r.json.restored.exchange >= own.length);
    const after = (await ctx.api('GET', `/api/v1/partners/${tie}`)).json;
    /* The same record; its version is the restore's audit entry. */
    assert.ok(after.version > before.version);
    assert.deepEqual({ ...after, version: 0 }, { ...before, version: 0 });
    for (const x of own) assert.equal((await ctx.api('GET', `/api/v1/exchanges/${x}`)).status, 200);
    const s = await ctx.api('GET', `/api/v1/partners?q=${encodeURIComponent(before.city.name_en)}`);
    assert.ok(s.json.items.some((x) => x.id === tie), 'found by search again');
    await ctx.rejected('POST', `/api/v1/archive/${archiveId}/restore`, admin(), { status: 409, code: 'already_restored' });
    const restored = await ctx.api('GET', '/api/v1/archive?state=restored', admin());
    assert.ok(restored.json.items.some((x) => x.id === archiveId && x.restored_by === 'root'));
  });

  test('a record without dependants goes at once; purge removes it for good', T, async () => {
    let r = await ctx.api('POST', '/api/v1/orgs', { body: { name_en: 'Synthetic archive-test org', type: 'enterprise', side: 'home' }, ...editor() });
    assert.equal(r.status, 201, r.text);
    const org = r.json.id;
    r = await ctx.api('DELETE', `/api/v1/orgs/${org}`, editor());
    assert.equal(r.status, 200, r.text);
    const id = r.json.archive_id;
    await ctx.rejected('DELETE', `/api/v1/archive/${id}`, editor(), { status: 403 });
    r = await ctx.api('DELETE', `/api/v1/archive/${id}`, admin());
    assert.deepEqual(r.json, { id, purged: true });
    assertError(await ctx.api('GET', `/api/v1/archive/${id}`, admin()), 404);
  });

  test('ending a tie: status ended with its date', T, async () => {
    await ctx.rejected('PATCH', `/api/v1/partners/${tie}`, { body: { status: 'ended', ended: '2999' }, ...editor() }, { status: 400, field: 'ended' });
    await ctx.rejected('PATCH', `/api/v1/partners/${tie}`, { body: { ended: '2020' }, ...editor() }, { status: 400, field: 'ended' });
    const r = await ctx.api('PATCH', `/api/v1/partners/${tie}`, { body: { status: 'ended', ended: '2025-06' }, ...editor() });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.ended, '2025-06');
    assert.equal(r.json.status, 'ended');
  });
});

stopTest(ctx);
