'use strict';
/* orgs.test.js: GET/POST/PATCH/DELETE /api/v1/orgs over the demo data. */
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { useServer, stopTest, qs, assertError, allPartners, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const ctx = useServer();

const ORG_KEYS = ['city', 'created_at', 'description', 'id', 'industries', 'name_en', 'name_zh', 'notes', 'partners',
  'review', 'side', 'sources', 'type', 'updated_at', 'website'].sort();
/* Signed-in callers also see who reviewed it, when and why (core/review.h). */
const ORG_KEYS_SIGNED = [...ORG_KEYS, 'review_at', 'review_by', 'review_note'].sort();
/* One organisation (GET, POST, PATCH) carries its version too (issue 12, item 6). */
const RECORD_KEYS = [...ORG_KEYS, 'version'].sort();
const RECORD_KEYS_SIGNED = [...ORG_KEYS_SIGNED, 'version'].sort();
const YINFENG = 'Yinfeng Group';
const UCD = 'UC Davis School of Medicine';
const SINOTRUK = 'Sinotruk (China National Heavy Duty Truck Group)';
const JIER = 'Jinan No.2 Machine Tool Group (Jier)';
const ZONE = 'Jinan High-tech Industrial Development Zone';
const SICC = 'SICC (Shandong Tianyue Advanced Technology)';
const DANFOSS = 'Danfoss Group';
const GOV = "Jinan Municipal People's Government";   /* owner of the city's published calls */

async function list(params) {
  const res = await ctx.api('GET', `/api/v1/orgs${qs(params)}`);
  assert.equal(res.status, 200, `${JSON.stringify(params)}: ${res.text}`);
  assert.ok(res.json.items.length <= res.json.total);
  return res.json;
}
const names = (items) => items.map((x) => x.name_en);
const sorted = (a) => [...a].sort();
let ties;                                   /* partner city id -> tie id */
const tieOf = (cityId) => ties[cityId];
let orgs;                                   /* name_en -> org */

describe('GET /api/v1/orgs (demo data)', () => {
  test('8 organisations, every item well formed', T, async () => {
    ties = Object.fromEntries((await allPartners(ctx)).items.map((x) => [x.city.id, x.id]));
    const d = await list({});
    assert.deepEqual(Object.keys(d).sort(), ['items', 'next_cursor', 'total']);
    assert.equal(d.total, 8);
    assert.equal(d.next_cursor, null);
    assert.deepEqual(sorted(names(d.items)), sorted([YINFENG, UCD, SINOTRUK, JIER, ZONE, SICC, DANFOSS, GOV]));
    for (const o of d.items) {
      assert.deepEqual(Object.keys(o).sort(), ORG_KEYS, o.name_en);
      assert.ok(Array.isArray(o.industries) && Array.isArray(o.sources) && Array.isArray(o.partners));
      assert.ok(o.sources.length >= 1, `${o.name_en} cites a source`);
      assert.ok(typeof o.name_zh === 'string' && o.name_zh.length > 0);
    }
    orgs = Object.fromEntries(d.items.map((o) => [o.name_en, o]));
    assert.equal(orgs[YINFENG].name_zh, '银丰集团');
    assert.equal(orgs[SINOTRUK].name_zh, '中国重型汽车集团有限公司（中国重汽）');
    assert.deepEqual(orgs[YINFENG].industries, ['72', '86']);
    assert.deepEqual(orgs[SINOTRUK].industries, ['29']);
    assert.deepEqual(orgs[JIER].industries, ['28']);
    assert.deepEqual(orgs[SICC].industries, ['26']);
    assert.deepEqual(orgs[ZONE].industries, []);
    assert.equal(orgs[ZONE].type, 'park');
    assert.equal(orgs[UCD].type, 'university');
    assert.equal(orgs[UCD].side, 'partner');
    assert.equal(orgs[DANFOSS].side, 'partner');
    /* GeoNames has no Chinese name for Nordborg; its region has one (iso3166-2-db). */
    assert.deepEqual(orgs[DANFOSS].city, {
      id: 2616176, name_en: 'Nordborg', name_zh: null, country: 'DK', admin1: 'South Denmark', admin1_zh: '南丹麦大区',
      label_en: 'Nordborg, South Denmark, DK', label_zh: 'Nordborg（丹麦，南丹麦大区）',
    });
    assert.equal(orgs[YINFENG].city.id, 1805753);
    assert.equal(orgs[YINFENG].city.country, 'CN');
  });

  test('GET /orgs/{id}: Yinfeng Group with its industries and its tie to Sacramento', T, async () => {
    const res = await ctx.api('GET', `/api/v1/orgs/${orgs[YINFENG].id}`);
    assert.equal(res.status, 200);
    const o = res.json;
    assert.deepEqual(Object.keys(o).sort(), RECORD_KEYS);
    assert.equal(o.name_en, YINFENG);
    assert.equal(o.side, 'home');
    assert.equal(o.type, 'enterprise');
    assert.deepEqual(o.industries, ['72', '86']);
    assert.equal(o.partners.length, 1);
    assert.deepEqual(Object.keys(o.partners[0]).sort(), ['id', 'name_en', 'name_zh', 'role']);
    assert.equal(o.partners[0].id, tieOf(5389489));
    assert.equal(o.partners[0].name_en, 'Sacramento');
    assert.equal(o.partners[0].name_zh, '萨克拉门托市');
    assert.match(o.partners[0].role, /stem-cell/);
    const sicc = (await ctx.api('GET', `/api/v1/orgs/${orgs[SICC].id}`)).json;
    assert.deepEqual(sicc.partners.map((p) => p.name_en), ['Leiden']);
    const dan = (await ctx.api('GET', `/api/v1/orgs/${orgs[DANFOSS].id}`)).json;
    assert.deepEqual(dan.partners.map((p) => p.name_en), ['Sønderborg']);
    const sino = (await ctx.api('GET', `/api/v1/orgs/${orgs[SINOTRUK].id}`)).json;
    assert.deepEqual(sino.partners, []);
  });

  test('list items carry the same partners as GET /orgs/{id}', { ...T }, async () => {
    const d = await list({ q: 'Yinfeng' });
    assert.equal(d.items.length, 1);
    const one = (await ctx.api('GET', `/api/v1/orgs/${d.items[0].id}`)).json;
    assert.deepEqual(d.items[0].partners, one.partners);
  });

  test('filters: type, side, country', T, async () => {
    assert.deepEqual(names((await list({ type: 'park' })).items), [ZONE]);
    assert.deepEqual(names((await list({ type: 'university' })).items), [UCD]);
    assert.deepEqual(sorted(names((await list({ type: 'enterprise' })).items)), sorted([YINFENG, SINOTRUK, JIER, SICC, DANFOSS]));
    assert.equal((await list({ type: 'hospital' })).total, 0);
    assert.deepEqual(sorted(names((await list({ side: 'partner' })).items)), sorted([UCD, DANFOSS]));
    assert.equal((await list({ side: 'home' })).total, 6);
    assert.deepEqual(names((await list({ type: 'government' })).items), [GOV]);
    assert.deepEqual(names((await list({ country: 'DK' })).items), [DANFOSS]);
    assert.deepEqual(names((await list({ country: 'US' })).items), [UCD]);
    assert.equal((await list({ country: 'CN' })).total, 6);
    assert.deepEqual(names((await list({ side: 'home', type: 'park', country: 'CN' })).items), [ZONE]);
  });

  test('industry filter: a division, or a section matching its divisions', T, async () => {
    assert.deepEqual(names((await list({ industry: '26' })).items), [SICC]);
    assert.deepEqual(names((await list({ industry: '29' })).items), [SINOTRUK]);
    assert.deepEqual(sorted(names((await list({ industry: '28' })).items)), sorted([JIER, DANFOSS]));
    assert.deepEqual(sorted(names((await list({ industry: 'C' })).items)), sorted([SINOTRUK, JIER, SICC, DANFOSS]));
    assert.deepEqual(sorted(names((await list({ industry: '86' })).items)), sorted([YINFENG, UCD]));
    assert.deepEqual(sorted(names((await list({ industry: 'Q' })).items)), sorted([YINFENG, UCD]));
    assert.deepEqual(sorted(names((await list({ industry: 'M' })).items)), sorted([YINFENG, UCD]), 'M holds division 72');
    assert.equal((await list({ industry: 'A' })).total, 0);
  });

  test('partner filter: the organisations working on a tie', T, async () => {
    assert.deepEqual(sorted(names((await list({ partner: tieOf(5389489) })).items)), sorted([YINFENG, UCD]));
    assert.deepEqual(sorted(names((await list({ partner: tieOf(2751773) })).items)), sorted([ZONE, SICC]));
    assert.deepEqual(names((await list({ partner: tieOf(2613102) })).items), [DANFOSS]);
    assert.equal((await list({ partner: tieOf(2652221) })).total, 0);
    assert.equal((await list({ partner: 999999 })).total, 0);
  });

  test('search: English, Chinese, pinyin, Traditional script', T, async () => {
    const cases = [
      ['Danfoss', DANFOSS], ['danfoss', DANFOSS], ['银丰', YINFENG], ['銀豐', YINFENG], ['yinfeng', YINFENG],
      ['中国重汽', SINOTRUK], ['Sinotruk', SINOTRUK], ['Tianyue', SICC], ['天岳', SICC], ['Jier', JIER],
      ['Nordborg', DANFOSS],
    ];
    for (const [q, want] of cases) {
      assert.deepEqual(names((await list({ q })).items), [want], `q=${q}`);
    }
    const jinan = names((await list({ q: 'Jinan' })).items);
    assert.ok(jinan.includes(ZONE) && jinan.includes(JIER), jinan.join(' | '));
    assert.equal((await list({ q: 'xyzzyplugh' })).total, 0);
    assert.equal((await list({ q: '' })).total, 0);
  });

  test('sort, limit and cursor', T, async () => {
    const byName = names((await list({ sort: 'name' })).items);
    assert.deepEqual(byName, [DANFOSS, ZONE, GOV, JIER, SICC, SINOTRUK, UCD, YINFENG]);
    assert.deepEqual(names((await list({ sort: '-name' })).items), [...byName].reverse());
    const byId = (await list({ sort: 'id' })).items.map((o) => o.id);
    assert.deepEqual(byId, [...byId].sort((a, b) => a - b));
    assert.deepEqual((await list({ sort: '-id' })).items.map((o) => o.id), [...byId].reverse());
    const seen = [];
    let cursor = null, pages = 0;
    do {
      const d = await list({ sort: 'name', limit: 3, ...(cursor ? { cursor } : {}) });
      assert.equal(d.total, 8);
      seen.push(...names(d.items));
      cursor = d.next_cursor;
      pages++;
    } while (cursor !== null && pages < 10);
    assert.equal(pages, 3);
    assert.deepEqual(seen, byName);
    assert.match((await list({ limit: 3 })).next_cursor, /^[A-Za-z0-9_-]+$/);
  });

  test('bad query parameters are 400 naming the parameter', T, async () => {
    const cases = [
      [{ type: 'company' }, 'type'], [{ side: 'both' }, 'side'], [{ industry: 'ZZ' }, 'industry'],
      [{ industry: '100' }, 'industry'], [{ partner: 'abc' }, 'partner'], [{ partner: '0' }, 'partner'],
      [{ country: 'dk' }, 'country'], [{ country: 'DNK' }, 'country'], [{ sort: 'established' }, 'sort'],
      [{ limit: '0' }, 'limit'], [{ limit: '501' }, 'limit'], [{ limit: 'ten' }, 'limit'],
      [{ cursor: 'abc' }, 'cursor'], [{ cursor: '-3' }, 'cursor'], [{ kind: 'sister' }, 'kind'],
    ];
    for (const [params, field] of cases) {
      const res = await ctx.api('GET', `/api/v1/orgs${qs(params)}`);
      assertError(res, 400, field);
    }
    assertError(await ctx.api('GET', '/api/v1/orgs?type=park&type=park'), 400, 'type');
  });

  test('unknown ids are 404', T, async () => {
    for (const id of ['999999', 'abc', '0', '-2']) assertError(await ctx.api('GET', `/api/v1/orgs/${id}`), 404);
  });
});

describe('writes', () => {
  let org;
  /* Synthetic fixture organisation; not a real company. */
  const NAME = 'Quasar Robotics Test Co (synthetic fixture)';

  test('POST creates an organisation linked to a tie', T, async () => {
    const body = {
      name_en: NAME, name_zh: '类星机器人测试公司', type: 'enterprise', side: 'home', city_id: 1805753,
      website: 'https://example.org/quasar', description: 'Synthetic fixture organisation.\nTwo lines.',
      notes: 'synthetic', industries: ['28', 'C'], partners: [tieOf(1926004)], sources: ['synthetic source'],
    };
    const res = await ctx.api('POST', '/api/v1/orgs', { body, token: ctx.token });
    assert.equal(res.status, 201, res.text);
    org = res.json;
    assert.equal(res.headers.location, `/api/v1/orgs/${org.id}`);
    assert.deepEqual(Object.keys(org).sort(), RECORD_KEYS_SIGNED);
    assert.equal(org.name_en, NAME);
    assert.equal(org.name_zh, '类星机器人测试公司');
    assert.equal(org.website, body.website);
    assert.equal(org.description, body.description);
    assert.deepEqual(org.industries, ['28', 'C']);
    assert.deepEqual(org.sources, ['synthetic source']);
    assert.deepEqual(org.city, {
      id: 1805753, name_en: 'Jinan', name_zh: '济南市', country: 'CN', admin1: 'Shandong', admin1_zh: '山东省',
      label_en: 'Jinan, Shandong, CN', label_zh: '济南市（中国，山东省）',
    });
    assert.deepEqual(org.partners.map((p) => p.id), [tieOf(1926004)]);
    assert.deepEqual((await ctx.api('GET', res.headers.location, { token: ctx.token })).json, org);
    assert.equal((await list({})).total, 9);
    /* The tie lists the organisation, and the tie search finds it by the organisation's names. */
    const wak = (await ctx.api('GET', `/api/v1/partners/${tieOf(1926004)}`)).json;
    assert.ok(wak.organisations.some((o) => o.id === org.id && o.name_en === NAME));
    const found = (await ctx.api('GET', `/api/v1/partners${qs({ q: 'Quasar' })}`)).json;
    assert.deepEqual(found.items.map((x) => x.city.name_en), ['Wakayama']);
    const foundZh = (await ctx.api('GET', `/api/v1/partners${qs({ q: '类星' })}`)).json;
    assert.deepEqual(foundZh.items.map((x) => x.city.name_en), ['Wakayama']);
    assert.deepEqual(names((await list({ q: 'leixing' })).items), [NAME], 'pinyin of name_zh');
    assert.ok(names((await list({ industry: 'C' })).items).includes(NAME));
    const audit = await ctx.sql(`SELECT actor || '|' || action FROM audit WHERE entity='org' AND entity_id=${org.id}`);
    assert.equal(audit.trim(), 'alice|create');
  });

  test('POST with only a Chinese name, no city', T, async () => {
    const res = await ctx.api('POST', '/api/v1/orgs', {
      body: { name_zh: '测试协会（合成数据）', type: 'association', side: 'partner' }, token: ctx.token });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json.name_en, null);
    assert.equal(res.json.city, null);
    assert.deepEqual(res.json.industries, []);
    assert.deepEqual(res.json.partners, []);
    const del = await ctx.api('DELETE', `/api/v1/orgs/${res.json.id}`, { token: ctx.token });
    assert.equal(del.json.deleted, true);
    assert.equal(typeof del.json.archive_id, 'number');
  });

  test('POST rejects bad input without writing', T, async () => {
    const base = { name_en: 'Rejected Org (synthetic)', type: 'enterprise', side: 'home' };
    const cases = [
      [{ type: 'enterprise', side: 'home' }, 'name_en'],
      [{ name_en: null, name_zh: null, type: 'enterprise', side: 'home' }, 'name_en'],
      [{ name_en: 'X (synthetic)', side: 'home' }, 'type'],
      [{ name_en: 'X (synthetic)', type: 'enterprise' }, 'side'],
      [{ ...base, type: 'company' }, 'type'],
      [{ ...base, side: 'both' }, 'side'],
      [{ ...base, website: 'ftp://example.org' }, 'website'],
      [{ ...base, website: 'example.org' }, 'website'],
      [{ ...base, website: 'javascript:alert(1)' }, 'website'],
      [{ ...base, industries: ['00'] }, 'industries'],
      [{ ...base, industries: ['ZZ'] }, 'industries'],
      [{ ...base, industries: ['261'] }, 'industries'],
      [{ ...base, industries: [26] }, 'industries'],
      [{ ...base, industries: '26' }, 'industries'],
      [{ ...base, partners: [999999] }, 'partners'],
      [{ ...base, partners: ['1'] }, 'partners'],
      [{ ...base, partners: 1 }, 'partners'],
      [{ ...base, city_id: 999999999 }, 'city_id'],
      [{ ...base, city_id: 'Jinan' }, 'city_id'],
      [{ ...base, sources: [1] }, 'sources'],
      [{ ...base, description: 'x'.repeat(20001) }, 'description'],
      [{ ...base, name_en: 'tab\there' }, 'name_en'],
      [{ ...base, founded: 1990 }, 'founded'],
    ];
    for (const [body, field] of cases) {
      await ctx.rejected('POST', '/api/v1/orgs', { body, token: ctx.token }, { status: 400, field });
    }
    assert.equal((await list({})).total, 9);
  });

  test('PATCH changes only the given fields', T, async () => {
    const url = `/api/v1/orgs/${org.id}`;
    const res = await ctx.api('PATCH', url, { body: { description: 'Patched synthetic description' }, token: ctx.token });
    assert.equal(res.status, 200, res.text);
    for (const k of ['name_en', 'name_zh', 'type', 'side', 'website', 'notes', 'city', 'industries', 'sources', 'partners', 'created_at']) {
      assert.deepEqual(res.json[k], org[k], `PATCH must keep ${k}`);
    }
    assert.equal(res.json.description, 'Patched synthetic description');
    assert.deepEqual((await ctx.api('GET', url, { token: ctx.token })).json, res.json);
    assert.deepEqual(names((await list({ q: 'Patched' })).items), [NAME]);
  });

  test('PATCH replaces industries and partners, null clears city and website', T, async () => {
    const url = `/api/v1/orgs/${org.id}`;
    let res = await ctx.api('PATCH', url, { body: { industries: ['86'], partners: [tieOf(2652221)] }, token: ctx.token });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json.industries, ['86']);
    assert.deepEqual(res.json.partners.map((p) => p.name_en), ['Coventry']);
    const wak = (await ctx.api('GET', `/api/v1/partners/${tieOf(1926004)}`)).json;
    assert.ok(!wak.organisations.some((o) => o.id === org.id), 'unlinked from Wakayama');
    const cov = (await ctx.api('GET', `/api/v1/partners/${tieOf(2652221)}`)).json;
    assert.ok(cov.organisations.some((o) => o.id === org.id), 'linked to Coventry');
    res = await ctx.api('PATCH', url, { body: { city_id: null, website: null, industries: [], name_zh: null }, token: ctx.token });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.city, null);
    assert.equal(res.json.website, null);
    assert.equal(res.json.name_zh, null);
    assert.equal(res.json.name_en, NAME);
    assert.deepEqual(res.json.industries, []);
    assert.deepEqual(res.json.partners.map((p) => p.name_en), ['Coventry'], 'partners kept when not given');
  });

  test('tie search follows a changed link (the unlinked tie no longer matches)', { ...T }, async () => {
    const found = (await ctx.api('GET', `/api/v1/partners${qs({ q: 'Quasar' })}`)).json;
    assert.deepEqual(found.items.map((x) => x.city.name_en), ['Coventry']);
  });

  test('tie search follows a renamed organisation', { ...T }, async () => {
    const url = `/api/v1/orgs/${org.id}`;
    const res = await ctx.api('PATCH', url, { body: { name_en: 'Zeppelin Widgets Test Co (synthetic fixture)' }, token: ctx.token });
    assert.equal(res.status, 200, res.text);
    try {
      const renamed = (await ctx.api('GET', `/api/v1/partners${qs({ q: 'Zeppelin' })}`)).json;
      assert.deepEqual(renamed.items.map((x) => x.city.name_en), ['Coventry'], 'the new name finds the tie');
      const old = (await ctx.api('GET', `/api/v1/partners${qs({ q: 'Quasar' })}`)).json;
      assert.equal(old.total, 0, 'the old name no longer finds the tie');
    } finally {
      const back = await ctx.api('PATCH', url, { body: { name_en: NAME }, token: ctx.token });
      assert.equal(back.status, 200, back.text);
    }
  });

  test('PATCH rejects bad input without writing', T, async () => {
    const url = `/api/v1/orgs/${org.id}`;
    const cases = [
      [{ name_en: null }, 400, 'name_en'],          /* name_zh was cleared: no name left */
      [{ type: null }, 400, 'type'],
      [{ side: 'middle' }, 400, 'side'],
      [{ website: 'www.example.org' }, 400, 'website'],
      [{ industries: ['XX'] }, 400, 'industries'],
      [{ partners: [0] }, 400, 'partners'],
      [{ colour: 'blue' }, 400, 'colour'],
    ];
    for (const [body, status, field] of cases) {
      await ctx.rejected('PATCH', url, { body, token: ctx.token }, { status, field });
    }
    await ctx.rejected('PATCH', '/api/v1/orgs/999999', { body: { notes: 'x' }, token: ctx.token }, { status: 404 });
  });

  test('DELETE removes the organisation and its links', T, async () => {
    const url = `/api/v1/orgs/${org.id}`;
    await ctx.rejected('DELETE', url, { token: ctx.token }, { status: 409, code: 'has_dependants' });
    const res = await ctx.api('DELETE', `${url}?dependants=archive`, { token: ctx.token });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.id, org.id);
    assert.equal(res.json.deleted, true);
    assertError(await ctx.api('GET', url), 404);
    await ctx.rejected('DELETE', url, { token: ctx.token }, { status: 404 });
    assert.equal((await list({})).total, 8);
    const cov = (await ctx.api('GET', `/api/v1/partners/${tieOf(2652221)}`)).json;
    assert.deepEqual(cov.organisations, []);
    const still = (await ctx.api('GET', `/api/v1/partners${qs({ q: 'Quasar' })}`)).json.items.map((x) => x.city.name_en);
    assert.ok(!still.includes('Coventry'), 'the search entry of the linked tie is rebuilt');
    assert.equal((await list({ q: 'Quasar' })).total, 0);
    const n = await ctx.sql(`SELECT count(*) FROM org_tie WHERE org_id=${org.id}`);
    assert.equal(n.trim(), '0');
  });

  test('deleting a demo organisation keeps the tie', T, async () => {
    const res = await ctx.api('DELETE', `/api/v1/orgs/${orgs[DANFOSS].id}?dependants=archive`, { token: ctx.token });
    assert.equal(res.status, 200, res.text);
    const sond = await ctx.api('GET', `/api/v1/partners/${tieOf(2613102)}`);
    assert.equal(sond.status, 200);
    assert.deepEqual(sond.json.organisations, []);
    /* Sønderborg's own notes mention Danfoss in English; the Chinese name came only from the organisation. */
    assert.equal((await ctx.api('GET', `/api/v1/partners${qs({ q: '丹佛斯' })}`)).json.total, 0);
    assert.equal((await list({ side: 'partner' })).total, 1);
  });
});

stopTest(ctx);
