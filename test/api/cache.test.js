'use strict';
/*
** cache.test.js: the response cache (issue 14, items 3 and 4). Keys that no
** parameter can forge (the poisoning request of the issue); invalidation by
** dependency: a write keeps the cached answers that read nothing it wrote
** (reference data above all) and drops those that did, through the API and
** for a CLI write from another process while the server runs. Whether an
** answer came from the cache is its `X-Cache` header (hit or miss). Every
** record written here is synthetic.
*/
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { useServer, qs, run, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const ctx = useServer();
const BIN = process.env.YC_BIN ? path.resolve(process.env.YC_BIN) : path.resolve(__dirname, '../../youcheng');

const get = (p) => ctx.api('GET', p);
/* The answer to p, asked until the cache holds it (each worker thread may
** have to compute it once): then it is a hit. */
async function warm(p) {
  for (let i = 0; i < 8; i++) {
    const r = await get(p);
    assert.equal(r.status, 200, `${p}: ${r.text}`);
    if (r.headers['x-cache'] === 'hit') return r;
  }
  assert.fail(`${p} never came from the cache`);
}

describe('response cache', () => {
  test('a parameter holding the old separator cannot poison the key of another query', T, async () => {
    const legit = `/api/v1/partners${qs({ q: 'wakayama', limit: 1 })}`;
    /* Every worker thread has looked at the database once (a first look
    ** drops everything): the poisoned entry would survive until a write. */
    for (let i = 0; i < 8; i++) assert.equal((await get('/api/v1/industries')).status, 200);
    const poison = await get('/api/v1/partners?q=wakayama%1Flimit%3D1');
    assert.equal(poison.status, 200, poison.text);
    assert.equal(poison.json.items.length, 0, 'no partner is called "wakayama\\x1flimit=1"');
    const r = await get(legit);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.items.length, 1, 'the legitimate query returns its real row, not the poisoned answer');
    assert.equal(r.json.items[0].city.name_en, 'Wakayama');
    assert.equal((await warm(legit)).json.items.length, 1);
    /* A bare parameter and an empty one are different keys too. */
    assert.equal((await get('/api/v1/partners?q')).status, (await get('/api/v1/partners?q=')).status);
  });

  test('a write keeps unrelated cached answers and drops the answers that read what it wrote', T, async () => {
    const countries = await warm('/api/v1/countries');
    const orgsPath = `/api/v1/orgs${qs({ limit: 100 })}`;
    const orgs = await warm(orgsPath);
    const name = 'Synthetic cache-test org (API)';
    const w = await ctx.api('POST', '/api/v1/orgs', { body: { name_en: name, type: 'enterprise', side: 'home' }, token: ctx.token });
    assert.equal(w.status, 201, w.text);
    const c2 = await get('/api/v1/countries');
    assert.equal(c2.headers['x-cache'], 'hit', 'countries read nothing the write wrote: still cached');
    assert.equal(c2.text, countries.text);
    const o2 = await get(orgsPath);
    assert.equal(o2.headers['x-cache'], 'miss', 'the organisation list read what the write wrote');
    assert.equal(o2.json.total, orgs.json.total + 1);
    assert.ok(o2.json.items.some((o) => o.id === w.json.id), 'the new organisation is listed at once');
    const one = await get(`/api/v1/orgs/${w.json.id}`);
    assert.equal(one.status, 200);
  });

  test('a CLI write from another process is seen at once; unrelated answers stay cached', T, async () => {
    const countries = await warm('/api/v1/countries');
    const orgsPath = `/api/v1/orgs${qs({ limit: 100 })}`;
    const before = await warm(orgsPath);
    const name = 'Synthetic cache-test org (CLI)';
    const file = path.join(ctx.dir, 'cache-orgs.csv');
    fs.writeFileSync(file, `id,name_en,type,side\n,${name},enterprise,home\n`);
    const r = await run(BIN, ['import', 'orgs', file, '--db', ctx.db], { timeout: 60_000 });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    /* Every worker must see it: ask more times than there are threads. */
    for (let i = 0; i < 6; i++) {
      const o = await get(orgsPath);
      assert.equal(o.json.total, before.json.total + 1, `request ${i} saw stale data`);
      assert.ok(o.json.items.some((x) => x.name_en === name));
    }
    const c2 = await get('/api/v1/countries');
    assert.equal(c2.headers['x-cache'], 'hit', 'countries stay cached across the CLI write');
    assert.equal(c2.text, countries.text);
  });
});
