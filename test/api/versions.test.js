'use strict';
/* versions.test.js: record versions (issue 12, item 6): GET answers carry
** "version" and an ETag; PATCH, PUT and DELETE with If-Match (or "version"
** in the body) answer 409 with the record as it is now when it changed
** meanwhile, and change nothing then. Values written are synthetic. */
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { useServer, stopTest, assertError, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const ctx = useServer({ admin: true });

const etag = (res) => res.headers.etag;

async function get(url) {
  const res = await ctx.api('GET', url, { token: ctx.token });
  assert.equal(res.status, 200, res.text);
  assert.ok(Number.isInteger(res.json.version) && res.json.version >= 0, `version of ${url}: ${res.json.version}`);
  assert.equal(etag(res), `"${res.json.version}"`, 'the ETag is the version in quotes');
  return res.json;
}

describe('organisations: versions, If-Match and 409', () => {
  let url, v0;
  test('GET carries the version (the latest audit row of the record) and its ETag', T, async () => {
    const list = await ctx.api('GET', '/api/v1/orgs?limit=1');
    url = `/api/v1/orgs/${list.json.items[0].id}`;
    const org = await get(url);
    v0 = org.version;
    const v = Number((await ctx.sql(`SELECT coalesce(max(id), 0) FROM audit WHERE entity='org' AND entity_id=${org.id}`)).trim());
    assert.equal(v0, v);
  });

  test('two PATCHes with the same version: the first saves, the second is 409 with the record now', T, async () => {
    const a = await ctx.api('PATCH', url, { body: { description: 'Synthetic: first editor' }, token: ctx.token,
      headers: { 'If-Match': `"${v0}"` } });
    assert.equal(a.status, 200, a.text);
    assert.ok(a.json.version > v0, 'a write makes a new version');
    assert.equal(etag(a), `"${a.json.version}"`);
    const { res } = await ctx.rejected('PATCH', url, { body: { description: 'Synthetic: second editor' }, token: ctx.token,
      headers: { 'If-Match': `"${v0}"` } }, { status: 409, field: 'version', code: 'conflict' });
    assert.equal(res.json.version, a.json.version, 'the 409 names the current version');
    assert.equal(res.json.current.description, 'Synthetic: first editor', 'the 409 carries the record as it is now');
    assert.equal(res.json.current.id, a.json.id);
    assert.equal((await get(url)).description, 'Synthetic: first editor', 'the stale write changed nothing');
    /* With the version of the 409 the second editor's write saves. */
    const b = await ctx.api('PATCH', url, { body: { description: 'Synthetic: second editor', version: res.json.version },
      token: ctx.token });
    assert.equal(b.status, 200, b.text);
    assert.equal(b.json.description, 'Synthetic: second editor');
    v0 = b.json.version;
  });

  test('"version" in the body is checked like If-Match; both must agree', T, async () => {
    await ctx.rejected('PATCH', url, { body: { description: 'x', version: v0 - 1 }, token: ctx.token },
      { status: 409, field: 'version', code: 'conflict' });
    await ctx.rejected('PATCH', url, { body: { description: 'x', version: v0 }, token: ctx.token,
      headers: { 'If-Match': `"${v0 + 1}"` } }, { status: 400, field: 'version' });
    await ctx.rejected('PATCH', url, { body: { description: 'x', version: 'new' }, token: ctx.token },
      { status: 400, field: 'version' });
  });

  test('a malformed If-Match is 400 naming If-Match', T, async () => {
    for (const h of ['abc', `W/"${v0}"`, `${v0}`, '""', '"-1"', '"1"x', '"99999999999999999999"']) {
      await ctx.rejected('PATCH', url, { body: { description: 'x' }, token: ctx.token, headers: { 'If-Match': h } },
        { status: 400, field: 'If-Match' });
    }
  });

  test('writes without a version work as before; If-Match: * matches any version', T, async () => {
    let r = await ctx.api('PATCH', url, { body: { description: 'Synthetic: no version' }, token: ctx.token });
    assert.equal(r.status, 200, r.text);
    r = await ctx.api('PATCH', url, { body: { description: 'Synthetic: any version' }, token: ctx.token, headers: { 'If-Match': '*' } });
    assert.equal(r.status, 200, r.text);
    v0 = r.json.version;
  });

  test('DELETE with a stale version is 409 and keeps the record; with the current one it deletes', T, async () => {
    const c = await ctx.api('POST', '/api/v1/orgs', { body: { name_en: 'Synthetic Versions Org', type: 'enterprise', side: 'home' },
      token: ctx.token });
    assert.equal(c.status, 201, c.text);
    const u = `/api/v1/orgs/${c.json.id}`;
    assert.equal(etag(c), `"${c.json.version}"`, 'a created record answers its version');
    const p = await ctx.api('PATCH', u, { body: { description: 'Synthetic' }, token: ctx.token });
    const { res } = await ctx.rejected('DELETE', u, { token: ctx.token, headers: { 'If-Match': `"${c.json.version}"` } },
      { status: 409, field: 'version', code: 'conflict' });
    assert.equal(res.json.version, p.json.version);
    assert.equal(res.json.current.description, 'Synthetic');
    const d = await ctx.api('DELETE', u, { token: ctx.token, headers: { 'If-Match': `"${p.json.version}"` } });
    assert.equal(d.status, 200, d.text);
    assert.equal((await ctx.api('GET', u)).status, 404);
  });
});

describe('other record types', () => {
  test('a list named by key: its version is that of its id; PATCH stale is 409', T, async () => {
    const c = await ctx.api('POST', '/api/v1/lists', { body: { key: 'synthetic_versions', name_en: 'Synthetic versions list', name_zh: '合成版本清单', source: 'synthetic test list',
      members: ['KR', 'JP'] }, token: ctx.adminToken });
    assert.equal(c.status, 201, c.text);
    const l = await get('/api/v1/lists/synthetic_versions');
    assert.equal(l.version, c.json.version);
    const v = Number((await ctx.sql(`SELECT coalesce(max(id), 0) FROM audit WHERE entity='country_list' AND entity_id=${l.id}`)).trim());
    assert.equal(l.version, v);
    const a = await ctx.api('PATCH', '/api/v1/lists/synthetic_versions', { body: { notes: 'Synthetic A' }, token: ctx.adminToken,
      headers: { 'If-Match': `"${l.version}"` } });
    assert.equal(a.status, 200, a.text);
    const { res } = await ctx.rejected('PATCH', '/api/v1/lists/synthetic_versions', { body: { notes: 'Synthetic B' }, token: ctx.adminToken,
      headers: { 'If-Match': `"${l.version}"` } }, { status: 409, field: 'version' });
    assert.equal(res.json.current.notes, 'Synthetic A');
    assert.equal(res.json.version, a.json.version);
  });

  test('PATCH of a partner profile with a stale version is 409', T, async () => {
    const ties = await ctx.api('GET', '/api/v1/partners?limit=1');
    const url = `/api/v1/partners/${ties.json.items[0].id}/profile`;
    const pr = await get(url);
    const a = await ctx.api('PATCH', url, { body: { resources: [{ text_en: 'SYNTHETIC resource A', source: 'test (synthetic)', reviewed: '2026-01-05' }], version: pr.version }, token: ctx.token });
    assert.equal(a.status, 200, a.text);
    await ctx.rejected('PATCH', url, { body: { resources: [{ text_en: 'SYNTHETIC resource B', source: 'test (synthetic)', reviewed: '2026-01-05' }], version: pr.version }, token: ctx.token },
      { status: 409, field: 'version', code: 'conflict' });
  });
});

describe('the command line', () => {
  test('--if-version: a stale edit or delete fails with "conflict" and changes nothing', T, async () => {
    const c = await ctx.api('POST', '/api/v1/people', { body: { name_en: 'Synthetic Versions Person' }, token: ctx.token });
    assert.equal(c.status, 201, c.text);
    const id = String(c.json.id), v = c.json.version;
    await ctx.api('PATCH', `/api/v1/people/${id}`, { body: { notes: 'Synthetic: API' }, token: ctx.token });
    let r = await ctx.cli(['person', 'edit', id, '--notes', 'Synthetic: CLI', '--if-version', String(v), '--db', ctx.db]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /conflict/);
    r = await ctx.cli(['person', 'delete', id, '--if-version', String(v), '--db', ctx.db]);
    assert.equal(r.code, 1, r.stderr);
    const now = await ctx.api('GET', `/api/v1/people/${id}`, { token: ctx.token });
    assert.equal(now.json.notes, 'Synthetic: API');
    r = await ctx.cli(['person', 'delete', id, '--if-version', 'x', '--db', ctx.db]);
    assert.equal(r.code, 2);
    r = await ctx.cli(['person', 'delete', id, '--if-version', String(now.json.version), '--db', ctx.db]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((await ctx.api('GET', `/api/v1/people/${id}`, { token: ctx.token })).status, 404);
  });
});

stopTest(ctx);
