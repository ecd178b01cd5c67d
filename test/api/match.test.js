'use strict';
/*
** match.test.js: the industry database and matchmaking API (issue 4):
** partner profiles, organisations' offers and needs, opportunities with
** facets, expiry and interests, GET/POST /api/v1/match, the site-wide
** search, CSV imports and the CLI. Records created here are SYNTHETIC
** (their names and texts say so); the demo profiles are real and sourced.
*/
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { useServer, stopTest, qs, assertError, allPartners, TEST_TIMEOUT } = require('./lib');
const common = require('../common.js');

const T = { timeout: TEST_TIMEOUT };
const ctx = useServer();

const SACRAMENTO = 5389489, VASTERAS = 2664454, SONDERBORG = 2613102, LEIDEN = 2751773;
let tie = {};               /* GeoNames id -> tie id */
let org = {};               /* demo English name -> org id */
const auth = () => ({ token: ctx.token });

/* Requests that must all be refused: each answer is a 4xx error naming
** its field, and the database is the same after the whole batch (one
** fingerprint before and one after: dumping the 200k-place database for
** each request would take minutes). cases: [method, path, opts, expect]. */
async function refusedBatch(cases) {
  const before = await ctx.fingerprint();
  for (const [method, p, opts, { status, field }] of cases) {
    const res = await ctx.api(method, p, opts);
    assertError(res, status, field);
  }
  const h = await ctx.api('GET', '/healthz');
  assert.equal(h.status, 200);
  assert.equal(await ctx.fingerprint(), before, 'a refused request changed the database');
}

async function ok(method, p, body, status = 200) {
  const res = await ctx.api(method, p, { body, token: ctx.token });
  assert.equal(res.status, status, `${method} ${p}: ${res.text.slice(0, 400)}`);
  return res.json;
}
async function get(p) { return ok('GET', p); }
function day(n) { const d = new Date(); d.setUTCDate(d.getUTCDate() + n); return d.toISOString().slice(0, 10); }
const ids = (items) => items.map((x) => `${x.type}:${x.id}`);

describe('demo profiles', () => {
  test('the four demo partner cities have sourced, reviewed profiles', T, async () => {
    tie = Object.fromEntries((await allPartners(ctx)).items.map((x) => [x.city.id, x.id]));
    const orgs = await get('/api/v1/orgs?limit=100');
    org = Object.fromEntries(orgs.items.map((o) => [o.name_en, o.id]));
    for (const [city, code] of [[SACRAMENTO, '86'], [VASTERAS, '28'], [SONDERBORG, '28'], [LEIDEN, '72']]) {
      const p = await get(`/api/v1/partners/${tie[city]}/profile`);
      assert.deepEqual(Object.keys(p).sort(), ['advantages', 'industries', 'last_reviewed', 'needs', 'partner_id', 'resources', 'version']);
      const ind = p.industries.find((x) => x.code === code);
      assert.ok(ind, `${city} has industry ${code}`);
      assert.ok(ind.strength >= 1 && ind.strength <= 5);
      assert.ok(ind.label_en.length > 0 && ind.label_zh.length > 0);
      for (const s of ['industries', 'resources', 'advantages', 'needs']) {
        for (const it of p[s]) {
          assert.ok(it.source && it.source.length > 5, `${city} ${s} item cites a source`);
          assert.match(it.reviewed, /^\d{4}-\d{2}-\d{2}$/);
        }
      }
      assert.match(p.last_reviewed, /^\d{4}-\d{2}-\d{2}$/);
    }
    /* Sønderborg and Leiden are English-only, Västerås Chinese-only: the cross-language cases. */
    const dk = await get(`/api/v1/partners/${tie[SONDERBORG]}/profile`);
    assert.ok(dk.industries.length > 0, 'Sønderborg has industries');
    assert.ok(dk.industries.every((x) => x.description_zh === null && x.description_en));
    const se = await get(`/api/v1/partners/${tie[VASTERAS]}/profile`);
    assert.ok(se.industries.length > 0, 'Västerås has industries');
    assert.ok(se.industries.every((x) => x.description_en === null && x.description_zh));
    const off = await get(`/api/v1/orgs/${org['Danfoss Group']}/offers`);
    assert.equal(off.offers.length, 1);
    assert.deepEqual(off.offers[0].industries, ['27', '28']);
  });
});

describe('demo opportunities', () => {
  test('real published calls: each with its publication date and sources, open only when recent and dated', T, async () => {
    const l = await get('/api/v1/opportunities?limit=100');
    const demo = l.items.filter((x) => x.sources.length > 0);
    assert.ok(demo.length >= 5, `at least a handful of published demo calls (${demo.length})`);
    for (const o of demo) {
      assert.match(o.published, /^\d{4}(-\d{2}(-\d{2})?)?$/, `${o.title_en}: published at a source's precision`);
      assert.ok(o.sources.every((x) => x.length > 10), `${o.title_en}: sources are citations`);
      if (o.status === 'open') {
        /* Open: a call dated to the day (2026-01-28, Kazanlak), with no deadline or one still ahead. */
        assert.ok(o.published.length === 10 && o.published >= '2026', `${o.title_en}: an open call is recent (${o.published})`);
        assert.ok(!o.valid_until || o.valid_until >= new Date().toISOString().slice(0, 10), `${o.title_en}: deadline ahead`);
      } else {
        assert.ok(['closed', 'expired', 'matched'].includes(o.status), `${o.title_en}: ${o.status}`);
      }
    }
    const kaz = demo.find((o) => /Kazanlak Rose Festival/.test(o.title_en));
    assert.equal(kaz.owner.type, 'partner');
    assert.equal(kaz.published, '2025');
    const one = await get(`/api/v1/opportunities/${kaz.id}`);
    assert.deepEqual(one.sources, kaz.sources);
  });
});

describe('cross-language matching', () => {
  test('codes only, countries as a soft filter, types', T, async () => {
    let m = await get(`/api/v1/match${qs({ industries: '29', countries: 'GB', types: 'partner', limit: 3 })}`);
    assert.ok(m.items.every((x) => x.type === 'partner'));
    assert.equal(m.items[0].country, 'GB');
    assert.ok(m.items[0].reasons.some((r) => r.kind === 'country' && r.rule === 'in_target' && r.country === 'GB'));
    m = await get(`/api/v1/match${qs({ industries: 'C', limit: 20 })}`);
    assert.ok(m.items.length > 3);
    assert.ok(m.items.every((x) => x.components.industry > 0));
    m = await get(`/api/v1/match/industries${qs({ text: '我们生产重型卡車和工業機器人' })}`);
    assert.deepEqual(m.industries.map((x) => x.code).sort(), ['28', '29']);
  });

  test('bad input gets a clear 4xx naming the field, nothing written', T, async () => {
    const cases = [
      [{ text: '' }, 400, 'text'],
      [{ text: '   ' }, 400, 'text'],
      [{}, 400, 'text'],
      [{ text: 'x', industries: '27,04' }, 400, 'industries'],
      [{ text: 'x', industries: 'ZZ' }, 400, 'industries'],
      [{ text: 'x', industries: '' }, 400, 'industries'],
      [{ text: 'x', limit: '0' }, 400, 'limit'],
      [{ text: 'x', limit: '101' }, 400, 'limit'],
      [{ text: 'x', limit: '-1' }, 400, 'limit'],
      [{ text: 'x', limit: '99999999999999999999' }, 400, 'limit'],
      [{ text: 'x', limit: 'ten' }, 400, 'limit'],
      [{ text: 'x', direction: 'sideways' }, 400, 'direction'],
      [{ text: 'x', countries: 'XX' }, 400, 'countries'],
      [{ text: 'x', countries: 'USA' }, 400, 'countries'],
      [{ text: 'x', kind: 'gift' }, 400, 'kind'],
      [{ text: 'x', types: 'cities' }, 400, 'types'],
      [{ text: 'x', bogus: '1' }, 400, 'bogus'],
      [{ text: 'x'.repeat(2000) }, 400, 'text'],
    ];
    const all = cases.map(([params, status, field]) => ['GET', `/api/v1/match${qs(params)}`, {}, { status, field }]);
    /* 100 KB of text: through the body (413, JSON), and in a URL (the HTTP layer refuses it). */
    all.push(['POST', '/api/v1/match', { body: { text: '机器人'.repeat(12000) } }, { status: 413, field: 'text' }]);
    all.push(['POST', '/api/v1/match', { body: { text: 'robots', limit: 1000 } }, { status: 400, field: 'limit' }]);
    all.push(['POST', '/api/v1/match', { body: { text: 'robots', extra: 1 } }, { status: 400, field: 'extra' }]);
    all.push(['POST', '/api/v1/match', { body: '[1,2]' }, { status: 400 }]);
    await refusedBatch(all);
    const big = await ctx.api('GET', `/api/v1/match?text=${'a'.repeat(100000)}`);
    assert.ok(big.status >= 400 && big.status < 500, `100 KB URL: ${big.status}`);
    const okPost = await ok('POST', '/api/v1/match', { text: 'stem cells', industries: ['72'], countries: ['US'], limit: 2 });
    assert.equal(okPost.items.length, 2);
    const h = await ctx.api('GET', '/healthz');
    assert.equal(h.status, 200);
  });
});

describe('profiles and offers: writes', () => {
  test('PUT, PATCH, GET a profile; validation names the field; audited', T, async () => {
    const id = tie[2652221];           /* Coventry */
    const before = await get(`/api/v1/partners/${id}/profile`);
    const nAudit = Number((await ctx.sql(`SELECT count(*) FROM audit WHERE entity='profile' AND entity_id=${id}`)).trim());
    const body = {
      industries: [{ code: '29', strength: 5, description_en: 'SYNTHETIC test entry: motor industry.', source: 'test fixture (synthetic)', reviewed: day(-1) }],
      needs: [{ text_zh: '虚构测试：寻求电动汽车电池合作', industries: ['27'], source: 'test fixture (synthetic)', reviewed: day(-2) }],
    };
    const p = await ok('PUT', `/api/v1/partners/${id}/profile`, body);
    assert.equal(p.industries.length, 1);
    assert.equal(p.industries[0].label_en, 'Manufacture of motor vehicles, trailers and semi-trailers');
    assert.equal(p.needs[0].industries[0], '27');
    assert.deepEqual(p.resources, []);            /* PUT replaces every section */
    assert.equal(p.last_reviewed, day(-1));
    const p2 = await ok('PATCH', `/api/v1/partners/${id}/profile`, { resources: [{ text_en: 'SYNTHETIC resource', source: 'x (synthetic)', reviewed: day(0) }] });
    assert.equal(p2.industries.length, 1);        /* PATCH keeps other sections */
    assert.equal(p2.resources.length, 1);
    const g = await get(`/api/v1/partners/${id}/profile`);
    assert.deepEqual(g, p2);
    const audit = await ctx.sql(`SELECT count(*) FROM audit WHERE entity='profile' AND entity_id=${id}`);
    assert.equal(Number(audit.trim()), nAudit + 2);
    /* The need now matches a battery offer: the profile feeds the engine at once. */
    const m = await get(`/api/v1/partners/${id}/matches?limit=10`);
    assert.ok(m.items.length > 0);
    assert.ok(before.industries.length >= 1);

    const P = `/api/v1/partners/${id}/profile`;
    const item = { code: '29', strength: 3, source: 's', reviewed: day(-1) };
    const bad = [
      [{ industries: [{ ...item, code: '100' }] }, 'industries[0].code'],
      [{ industries: [{ ...item, code: 'C' }] }, 'industries[0].code'],
      [{ industries: [{ ...item, strength: 6 }] }, 'industries[0].strength'],
      [{ industries: [{ ...item, strength: 0 }] }, 'industries[0].strength'],
      [{ industries: [{ ...item, strength: '5' }] }, 'industries[0].strength'],
      [{ industries: [item, item] }, 'industries[1].code'],
      [{ industries: [{ ...item, source: undefined }] }, 'industries[0].source'],
      [{ industries: [{ ...item, reviewed: day(2) }] }, 'industries[0].reviewed'],
      [{ industries: [{ ...item, reviewed: '2024-02-30' }] }, 'industries[0].reviewed'],
      [{ industries: [{ ...item, reviewed: '2024' }] }, 'industries[0].reviewed'],
      [{ industries: [{ ...item, extra: 1 }] }, 'industries[0].extra'],
      [{ needs: [{ source: 's', reviewed: day(-1) }] }, 'needs[0].text_en'],
      [{ needs: [{ text_en: 'x', industries: ['77x'], source: 's', reviewed: day(-1) }] }, 'needs[0].industries'],
      [{ needs: 'x' }, 'needs'],
      [{ needs: Array.from({ length: 51 }, () => ({ text_en: 'x', source: 's', reviewed: day(-1) })) }, 'needs'],
      [{ strengths: [] }, 'strengths'],
    ];
    const all = bad.map(([b, field]) => ['PUT', P, { body: b, token: ctx.token }, { status: 400, field }]);
    all.push(['PUT', P, { body: {} }, { status: 401 }]);
    all.push(['PUT', P, { body: {}, token: ctx.viewerToken }, { status: 403 }]);
    all.push(['PUT', '/api/v1/partners/99999/profile', { body: {}, token: ctx.token }, { status: 404 }]);
    all.push(['GET', '/api/v1/partners/abc/profile', {}, { status: 404 }]);
    await refusedBatch(all);
    await ctx.rejected('PATCH', P, { body: { needs: [{ text_en: 'x' }] }, token: ctx.token }, { status: 400, field: 'needs[0].source' });
  });

  test('offers and needs of an organisation', T, async () => {
    const id = org['Jinan High-tech Industrial Development Zone'];
    const o = await ok('PUT', `/api/v1/orgs/${id}/offers`, {
      offers: [{ text_zh: '虚构测试：园区载体与政策服务', industries: ['68', 'N'] }],
      needs: [{ text_en: 'SYNTHETIC test: foreign life-science start-ups to settle', industries: ['72'] }] });
    assert.equal(o.offers.length, 1);
    assert.equal(o.needs.length, 1);
    assert.deepEqual(o.offers[0].industries, ['68', 'N']);
    const m = await get(`/api/v1/orgs/${id}/matches?limit=5&types=partner`);
    assert.ok(ids(m.items).includes(`partner:${tie[LEIDEN]}`), JSON.stringify(ids(m.items)));
    const p = await ok('PATCH', `/api/v1/orgs/${id}/offers`, { needs: [] });
    assert.equal(p.offers.length, 1);
    assert.equal(p.needs.length, 0);
    const O = `/api/v1/orgs/${id}/offers`;
    const all = [[{ offers: [{}] }, 'offers[0].text_en'], [{ offers: [{ text_en: 'x', industries: ['000'] }] }, 'offers[0].industries'],
      [{ offers: [{ text_en: '' }] }, 'offers[0].text_en'], [{ wants: [] }, 'wants'], [{ offers: [{ text_en: 'x', price: 1 }] }, 'offers[0].price']]
      .map(([b, field]) => ['PUT', O, { body: b, token: ctx.token }, { status: 400, field }]);
    all.push(['PUT', '/api/v1/orgs/424242/offers', { body: {}, token: ctx.token }, { status: 404 }]);
    await refusedBatch(all);
  });
});

describe('opportunities', () => {
  let a, b, expired;
  test('create, read, list with facets and search, update, expire', T, async () => {
    a = await ok('POST', '/api/v1/opportunities', {
      kind: 'request', category: 'technology', direction: 'bringing_in', org_id: org['Jinan No.2 Machine Tool Group (Jier)'],
      industries: ['28'], target_countries: ['SE', 'DE'], title_zh: '虚构测试：寻求机器人焊接技术', valid_until: day(90),
      published: '2019-10', sources: ['SYNTHETIC source (test, 2019-10)'] }, 201);
    assert.equal(a.status, 'open');
    assert.equal(a.published, '2019-10');
    assert.deepEqual(a.sources, ['SYNTHETIC source (test, 2019-10)']);
    assert.equal(a.owner.type, 'org');
    assert.equal(a.owner.side, 'home');
    assert.deepEqual(a.target_countries, ['DE', 'SE']);
    const pa = await ok('PATCH', `/api/v1/opportunities/${a.id}`, { contact: 'SYNTHETIC test contact' });
    assert.equal(pa.published, '2019-10', 'a PATCH without published keeps it');
    assert.deepEqual(pa.sources, a.sources, 'a PATCH without sources keeps them');
    assert.equal((await ok('GET', `/api/v1/opportunities/${a.id}`)).contact, 'SYNTHETIC test contact');
    assert.ok(!('contact' in (await ctx.api('GET', `/api/v1/opportunities/${a.id}`)).json), 'no contact for anonymous readers');
    b = await ok('POST', '/api/v1/opportunities', {
      kind: 'offer', category: 'technology', direction: 'bringing_in', partner_id: tie[VASTERAS],
      industries: ['28'], title_en: 'SYNTHETIC test: robot welding cells for Chinese partners', target_cities: [1805753], valid_until: day(60) }, 201);
    assert.equal(b.owner.type, 'partner');
    assert.equal(b.owner.country, 'SE');
    assert.equal(b.target_cities[0].id, 1805753);
    expired = await ok('POST', '/api/v1/opportunities', {
      kind: 'offer', category: 'technology', direction: 'bringing_in', partner_id: tie[VASTERAS],
      industries: ['28'], title_en: 'SYNTHETIC test: old robot offer', valid_until: day(-1) }, 201);
    assert.equal(expired.status, 'expired');      /* stored as expired on write */

    const m = await get(`/api/v1/opportunities/${a.id}/matches?limit=10`);
    const got = ids(m.items);
    assert.equal(got[0], `opportunity:${b.id}`, JSON.stringify(got));
    assert.ok(!got.includes(`opportunity:${expired.id}`), 'an expired opportunity matched');
    assert.ok(!got.includes(`opportunity:${a.id}`) && !got.includes(`org:${a.owner.id}`), 'itself or its owner matched');
    const r0 = m.items[0].reasons.map((r) => r.rule || r.kind);
    assert.ok(r0.includes('offer_meets_request') && r0.includes('same_direction') && r0.includes('in_target'), JSON.stringify(r0));

    const l = await get('/api/v1/opportunities?facets=true&status=open');
    assert.ok(l.total >= 2);
    assert.ok(l.facets.category.some((x) => x.value === 'technology' && x.count >= 2));
    assert.ok(l.facets.country.some((x) => x.value === 'SE'));
    assert.ok(l.facets.status.some((x) => x.value === 'expired'), 'status facet counts over the other filters');
    const s = await get(`/api/v1/opportunities${qs({ q: '機器人焊接' })}`);     /* Traditional script */
    assert.deepEqual(s.items.map((x) => x.id), [a.id]);
    const s2 = await get(`/api/v1/opportunities${qs({ q: 'jier', status: 'open' })}`);   /* owner name */
    assert.deepEqual(s2.items.map((x) => x.id), [a.id]);
    const ex = await get('/api/v1/opportunities?status=expired');
    assert.ok(ex.items.some((x) => x.id === expired.id));
    const byCountry = await get('/api/v1/opportunities?country=SE&industry=C');
    assert.ok(byCountry.items.some((x) => x.id === a.id) && byCountry.items.some((x) => x.id === b.id));

    const u = await ok('PATCH', `/api/v1/opportunities/${b.id}`, { status: 'matched' });
    assert.equal(u.status, 'matched');
    assert.equal(u.title_en, b.title_en);
    const m2 = await get(`/api/v1/opportunities/${a.id}/matches?limit=10`);
    assert.ok(!ids(m2.items).includes(`opportunity:${b.id}`), 'a matched opportunity is no longer a counterpart');
    await ok('PATCH', `/api/v1/opportunities/${b.id}`, { status: 'open' });
  });

  test('validation of opportunities', T, async () => {
    const base = { kind: 'offer', category: 'business', direction: 'going_out', org_id: org['Yinfeng Group'], title_en: 'SYNTHETIC x' };
    const bad = [
      [{ ...base, kind: 'gift' }, 'kind'],
      [{ ...base, category: 'sports' }, 'category'],
      [{ ...base, direction: 'up' }, 'direction'],
      [{ ...base, org_id: 999999 }, 'org_id'],
      [{ ...base, partner_id: tie[LEIDEN] }, 'partner_id'],
      [{ kind: 'offer', category: 'business', direction: 'going_out', title_en: 'x' }, 'org_id'],
      [{ ...base, industries: ['2X'] }, 'industries'],
      [{ ...base, target_countries: ['QQ'] }, 'target_countries'],
      [{ ...base, target_countries: ['us'] }, 'target_countries'],
      [{ ...base, target_cities: [1] }, 'target_cities'],
      [{ ...base, title_en: undefined }, 'title_en'],
      [{ ...base, title_en: 'x'.repeat(201) }, 'title_en'],
      [{ ...base, valid_until: '2025-13-01' }, 'valid_until'],
      [{ ...base, status: 'done' }, 'status'],
      [{ ...base, published: '2019-13' }, 'published'],
      [{ ...base, published: '19-10-01' }, 'published'],
      [{ ...base, published: day(30) }, 'published'],
      [{ ...base, sources: 'one source' }, 'sources'],
      [{ ...base, sources: [''] }, 'sources'],
      [{ ...base, sources: [3] }, 'sources'],
      [{ ...base, price: 3 }, 'price'],
    ];
    const all = bad.map(([body, field]) => ['POST', '/api/v1/opportunities', { body, token: ctx.token }, { status: 400, field }]);
    for (const [params, field] of [[{ status: 'new' }, 'status'], [{ industry: '00' }, 'industry'], [{ limit: '501' }, 'limit'],
      [{ sort: 'price' }, 'sort'], [{ facets: 'yes' }, 'facets'], [{ colour: 'red' }, 'colour']]) {
      all.push(['GET', `/api/v1/opportunities${qs(params)}`, {}, { status: 400, field }]);
    }
    all.push(['GET', '/api/v1/opportunities/999999/matches', {}, { status: 404 }]);
    all.push(['GET', `/api/v1/opportunities/${a.id}/matches?limit=0`, {}, { status: 400, field: 'limit' }]);
    all.push(['POST', '/api/v1/opportunities', { body: base }, { status: 401 }]);
    all.push(['PATCH', `/api/v1/opportunities/${a.id}`, { body: { industries: ['XX'] }, token: ctx.token }, { status: 400, field: 'industries' }]);
    await refusedBatch(all);
  });

  test('expressions of interest and the follow-up list', T, async () => {
    const I = `/api/v1/opportunities/${a.id}/interests`;
    const i1 = await ok('POST', I, { org_id: org['Danfoss Group'], message: 'SYNTHETIC test: we are interested.' }, 201);
    assert.equal(i1.status, 'new');
    await refusedBatch([
      ['POST', I, { body: { org_id: org['Danfoss Group'], message: 'again' }, token: ctx.token }, { status: 409, field: 'org_id' }],
      ['POST', I, { body: { org_id: a.owner.id, message: 'own' }, token: ctx.token }, { status: 400, field: 'org_id' }],
      ['POST', I, { body: { org_id: org['Yinfeng Group'] }, token: ctx.token }, { status: 400, field: 'message' }],
      ['POST', `/api/v1/opportunities/${expired.id}/interests`, { body: { org_id: org['Yinfeng Group'], message: 'late' }, token: ctx.token }, { status: 409 }],
      ['GET', I, {}, { status: 401 }],
      ['GET', '/api/v1/interests?days=-1', { token: ctx.token }, { status: 400, field: 'days' }],
      ['GET', '/api/v1/interests?days=0', {}, { status: 401 }],
    ]);
    const li = await ok('GET', I);
    assert.equal(li.items.length, 1);
    const f0 = await ok('GET', '/api/v1/interests?days=0');
    assert.ok(f0.items.some((x) => x.id === i1.id));
    const f30 = await ok('GET', '/api/v1/interests?days=30');
    assert.ok(!f30.items.some((x) => x.id === i1.id), 'a new interest is not overdue');
    const u = await ok('PATCH', `/api/v1/interests/${i1.id}`, { status: 'accepted' });
    assert.equal(u.status, 'accepted');
    assert.ok(u.answered_at);
    const f1 = await ok('GET', '/api/v1/interests?days=0');
    assert.ok(!f1.items.some((x) => x.id === i1.id), 'an answered interest leaves the list');
    await refusedBatch([['PATCH', `/api/v1/interests/${i1.id}`, { body: { status: 'maybe' }, token: ctx.token }, { status: 400, field: 'status' }]]);
    const o = await get(`/api/v1/opportunities/${a.id}`);
    assert.equal(o.interests, 1);
  });

  test('delete', T, async () => {
    /* The sqlite3 shell lacks the "yc" tokenizer, so the FTS5 table itself
    ** cannot be queried there; its content shadow table can. */
    /* SQLite: the FTS5 table's content rows; PostgreSQL: the table itself. */
    const ftsTable = common.ENGINE === 'pg' ? 'opportunity_fts' : 'opportunity_fts_content';
    const ftsRows = async () => (await ctx.sql(`SELECT count(*) FROM ${ftsTable} WHERE id=${expired.id}`)).trim();
    assert.equal(await ftsRows(), '1', 'the opportunity has a search row before the delete');
    await ok('DELETE', `/api/v1/opportunities/${expired.id}`);
    const gone = await ctx.api('GET', `/api/v1/opportunities/${expired.id}`);
    assertError(gone, 404);
    assert.equal(await ftsRows(), '0', 'its search row went with it');
  });
});

describe('site-wide search', () => {
  test('partners, organisations and opportunities in any script', T, async () => {
    let s = await get(`/api/v1/search${qs({ q: '萨克拉门托' })}`);
    assert.equal(s.partners[0].id, tie[SACRAMENTO]);
    s = await get(`/api/v1/search${qs({ q: 'danfoss' })}`);
    assert.ok(s.orgs.some((x) => x.id === org['Danfoss Group']));
    assert.ok(s.partners.some((x) => x.id === tie[SONDERBORG]), 'the profile text finds the partner');
    s = await get(`/api/v1/search${qs({ q: '銀豐' })}`);
    assert.ok(s.orgs.some((x) => x.id === org['Yinfeng Group']));
    s = await get(`/api/v1/search${qs({ q: 'robot welding', types: 'opportunities' })}`);
    assert.ok(s.opportunities.length >= 1);
    assert.deepEqual(s.partners, []);
    await refusedBatch([[{ q: '' }, 'q'], [{}, 'q'], [{ q: 'x', limit: '0' }, 'limit'], [{ q: 'x', types: 'cities' }, 'types'],
      [{ q: 'x'.repeat(201) }, 'q'], [{ q: 'x', page: '2' }, 'page']].map(([params, field]) => ['GET', `/api/v1/search${qs(params)}`, {}, { status: 400, field }]));
  });
});

describe('imports and the command line', () => {
  test('CSV import of profile items: dry run, import, re-import, errors', T, async () => {
    const csv = 'city,country,section,code,strength,text_en,source,reviewed\n' +
      `Regina,CA,industries,08,4,SYNTHETIC test row: potash,test (synthetic),${day(-3)}\n` +
      `Regina,CA,needs,,,SYNTHETIC test row: partners for potash logistics,test (synthetic),${day(-3)}\n`;
    const dry = await ctx.api('POST', '/api/v1/import/profiles?dry_run=1', { body: csv, token: ctx.token, headers: { 'Content-Type': 'text/csv' } });
    assert.equal(dry.status, 200, dry.text);
    assert.equal(dry.json.created, 2);
    assert.equal(dry.json.dry_run, true);
    const regina = tie[6119109];
    assert.equal((await get(`/api/v1/partners/${regina}/profile`)).industries.length, 0);
    const r1 = await ctx.api('POST', '/api/v1/import/profiles', { body: csv, token: ctx.token, headers: { 'Content-Type': 'text/csv' } });
    assert.equal(r1.json.created, 2);
    const r2 = await ctx.api('POST', '/api/v1/import/profiles', { body: csv, token: ctx.token, headers: { 'Content-Type': 'text/csv' } });
    assert.equal(r2.json.created, 0);
    assert.equal(r2.json.skipped, 2);
    const badCsv = 'city,country,section,code,strength,text_en,source,reviewed\nRegina,CA,industries,08,9,x,s,2020-01-01\nNowhere,CA,needs,,,x,s,2020-01-01\n';
    const { res } = await ctx.rejected('POST', '/api/v1/import/profiles', { body: badCsv, token: ctx.token, headers: { 'Content-Type': 'text/csv' } }, { status: 400 });
    assert.equal(res.json.report.errors.length, 2);
    assert.equal(res.json.report.errors[0].field, 'strength');
  });

  test('youcheng match, import profiles, opportunity list', T, async () => {
    let r = await ctx.cli(['match', '--text', '机器人', '--limit', '3', '--json', '--db', ctx.db]);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.ok(ids(j.items).includes(`partner:${tie[VASTERAS]}`), JSON.stringify(ids(j.items)));
    r = await ctx.cli(['match', '--text', 'stem cells', '--industries', '72,86', '--countries', 'US', '--db', ctx.db]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Sacramento/);
    r = await ctx.cli(['match', '--text', 'x', '--industries', '26,7Q', '--db', ctx.db]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /industries/);
    r = await ctx.cli(['match', '--text', 'a'.repeat(100000), '--db', ctx.db]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /too long/);
    r = await ctx.cli(['match', '--db', ctx.db]);
    assert.equal(r.code, 2);
    r = await ctx.cli(['match', '--partner', String(tie[SACRAMENTO]), '--limit', '3', '--db', ctx.db]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Yinfeng/);
    r = await ctx.cli(['opportunity', 'list', '--status', 'open', '--db', ctx.db]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /opportunit/);
    const fs = require('node:fs');
    const path = require('node:path');
    const file = path.join(ctx.dir, 'p.csv');
    fs.writeFileSync(file, `partner_id,section,text_zh,source,reviewed\n${tie[LEIDEN]},resources,虚构测试资源,test (synthetic),${day(-1)}\n`);
    r = await ctx.cli(['import', 'profiles', file, '--dry-run', '--db', ctx.db]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /1 created.*dry run/);
    r = await ctx.cli(['import', 'profiles', file, '--db', ctx.db]);
    assert.equal(r.code, 0, r.stderr);
    const p = await get(`/api/v1/partners/${tie[LEIDEN]}/profile`);
    assert.ok(p.resources.some((x) => x.text_zh === '虚构测试资源'));
    r = await ctx.cli(['interest', 'followup', '--days', '0', '--db', ctx.db]);
    assert.equal(r.code, 0, r.stderr);
  });
});

stopTest(ctx);
