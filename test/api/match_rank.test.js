/* API tests: the ranking of matches across languages (split from
** match.test.js). The order of the answers comes from bm25: FTS5's on
** SQLite, the same formula over the row's tsvector on PostgreSQL
** (yc_bm25 in schema_pg/000_compat.sql); both engines run this file. */
const { test, describe, before } = require('node:test');
const assert = require('node:assert/strict');
const { useServer, allPartners, qs, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const ctx = useServer();

const SACRAMENTO = 5389489, VASTERAS = 2664454, SONDERBORG = 2613102;
let tie = {};               /* GeoNames id -> tie id */
let org = {};               /* demo English name -> org id */

async function get(p) {
  const res = await ctx.api('GET', p, { token: ctx.token });
  assert.equal(res.status, 200, `GET ${p}: ${res.text.slice(0, 400)}`);
  return res.json;
}
const ids = (items) => items.map((x) => `${x.type}:${x.id}`);

describe('cross-language matching: ranking', () => {
  before(async () => {
    tie = Object.fromEntries((await allPartners(ctx)).items.map((x) => [x.city.id, x.id]));
    const orgs = await get('/api/v1/orgs?limit=100');
    org = Object.fromEntries(orgs.items.map((o) => [o.name_en, o.id]));
  });

  test('a Chinese query finds English-only profiles, and an English one Chinese-only', T, async () => {
    let m = await get(`/api/v1/match${qs({ text: '变频器 热泵 节能', limit: 5 })}`);
    assert.ok(ids(m.items).includes(`partner:${tie[SONDERBORG]}`), JSON.stringify(ids(m.items)));
    const dk = m.items.find((x) => x.id === tie[SONDERBORG] && x.type === 'partner');
    assert.ok(dk.reasons.some((r) => r.kind === 'industry'), 'an industry reason');
    assert.ok(typeof dk.score === 'number' && dk.score > 0 && dk.score <= 100);
    assert.deepEqual(Object.keys(dk.components).sort(), ['direction', 'fresh', 'geo', 'industry', 'text', 'tie']);
    const codes = m.query.industries.map((x) => x.code);
    assert.ok(codes.includes('27') && codes.includes('28') && codes.includes('35'), JSON.stringify(codes));
    assert.ok(m.query.industries.every((x) => x.source === 'vocab' && x.terms.length > 0));

    m = await get(`/api/v1/match${qs({ text: 'industrial robots', limit: 3 })}`);
    assert.equal(ids(m.items)[0], `partner:${tie[VASTERAS]}`, JSON.stringify(ids(m.items)));
    const terms = m.items[0].reasons.filter((r) => r.kind === 'term');
    assert.ok(terms.some((t) => /[\u4e00-\u9fff]/.test(t.term)), 'a Chinese term matched for an English query: ' + JSON.stringify(terms));

    m = await get(`/api/v1/match${qs({ text: '幹細胞研究', limit: 3 })}`);   /* Traditional script */
    assert.equal(ids(m.items)[0], `partner:${tie[SACRAMENTO]}`);
    m = await get(`/api/v1/match${qs({ text: '碳化硅', side: 'partner', limit: 3 })}`);
    assert.equal(ids(m.items)[0], `org:${org['SICC (Shandong Tianyue Advanced Technology)']}`);
  });

});
