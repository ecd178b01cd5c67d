'use strict';
/* partners.test.js: GET/POST/PATCH/DELETE /api/v1/partners over the demo data. */
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { useServer, stopTest, qs, assertError, allPartners, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const ctx = useServer({ admin: true });

/* The demo's 12 verified sister cities: GeoNames id -> [name, date, precision]. */
const SISTERS = {
  1926004: ['Wakayama', '1983-01-14', 'day'],
  2652221: ['Coventry', '1983-10-03', 'day'],
  5389489: ['Sacramento', '1985-04', 'month'],
  1848689: ['Yamaguchi', '1985-09-20', 'day'],
  6119109: ['Regina', '1987-08-10', 'day'],
  1835553: ['Suwon', '1993-10-27', 'day'],
  520555: ['Nizhniy Novgorod', '1994', 'year'],
  632453: ['Vantaa', '2001-08-27', 'day'],
  2983990: ['Rennes', '2002', 'year'],
  2954172: ['Augsburg', '2004-10', 'month'],
  706483: ['Kharkiv', '2004-09', 'month'],
  294514: ['Kfar Saba', '2009', 'year'],
};
/* The 14 cooperation ties of unverified type (status unverified): name -> country. */
const COOPERATION = {
  Marmaris: 'TR', Kazanlak: 'BG', 'Arba Minch': 'ET', Civitavecchia: 'IT', Nagpur: 'IN',
  'Port Moresby': 'PG', Minsk: 'BY', Sidoarjo: 'ID', Zapopan: 'MX', Joondalup: 'AU',
  Vitebsk: 'BY', 'Porto Velho': 'BR', Praia: 'CV', Maribor: 'SI',
};
/* The two friendly-cooperation ties of 2023 the city announced (verified, active). */
const NEW_2023 = { 'Érd': 'HU', 'Rostov-na-Donu': 'RU' };
const ITEM_KEYS = ['agreement', 'city', 'continent', 'created_at', 'established', 'id', 'kind', 'kind_verified',
  'label', 'notes', 'organisations', 'sources', 'status', 'updated_at', 'ended'].sort();
/* One tie (GET, POST, PATCH) carries its version too (issue 12, item 6). */
const RECORD_KEYS = [...ITEM_KEYS, 'version'].sort();
const CITY_KEYS = ['admin1', 'admin1_zh', 'admin_code', 'country', 'id', 'label_en', 'label_zh', 'lat', 'lng', 'name_en',
  'name_zh', 'population'].sort();

async function list(params) {
  const res = await ctx.api('GET', `/api/v1/partners${qs(params)}`);
  assert.equal(res.status, 200, res.text);
  assert.ok(res.json.items.length <= Number(params.limit || 50), 'no more items than the limit');
  assert.ok(res.json.items.length <= res.json.total, 'no more items than the total');
  return res.json;
}
const names = (items) => items.map((x) => x.city.name_en);
const byCity = async (cityId) => (await allPartners(ctx)).items.find((x) => x.city.id === cityId);

describe('GET /api/v1/partners (demo data)', () => {
  test('default list: 31 ties, one page, every item well formed', T, async () => {
    const res = await ctx.api('GET', '/api/v1/partners');
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^application\/json/);
    const d = res.json;
    assert.deepEqual(Object.keys(d).sort(), ['items', 'next_cursor', 'total']);
    assert.equal(d.total, 31);
    assert.equal(d.items.length, 31);
    assert.equal(d.next_cursor, null);
    assert.equal(new Set(d.items.map((x) => x.id)).size, 31);
    assert.equal(new Set(d.items.map((x) => x.city.id)).size, 31);
    for (const x of d.items) {
      assert.deepEqual(Object.keys(x).sort(), ITEM_KEYS, `keys of ${x.city.name_en}`);
      assert.deepEqual(Object.keys(x.city).sort(), CITY_KEYS);
      assert.deepEqual(Object.keys(x.city.country).sort(), ['iso2', 'name_en', 'name_zh']);
      assert.ok(Number.isInteger(x.id) && x.id > 0);
      assert.ok(['sister', 'cooperation', 'candidate'].includes(x.kind));
      assert.equal(typeof x.kind_verified, 'boolean');
      assert.ok(Array.isArray(x.sources) && x.sources.length >= 1, `${x.city.name_en} cites a source`);
      for (const s of x.sources) assert.ok(typeof s === 'string' && s.length > 0);
      assert.ok(Array.isArray(x.organisations));
      assert.match(x.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      assert.match(x.city.country.iso2, /^[A-Z]{2}$/);
      assert.equal(typeof x.city.lat, 'number');
      assert.equal(typeof x.city.lng, 'number');
      if (x.established !== null) {
        assert.deepEqual(Object.keys(x.established).sort(), ['date', 'precision']);
        const len = { year: 4, month: 7, day: 10 }[x.established.precision];
        assert.equal(x.established.date.length, len, `${x.city.name_en} ${JSON.stringify(x.established)}`);
      }
    }
  });

  test('kind=sister: the 12 verified sister cities with their dates and precisions', T, async () => {
    const d = await list({ kind: 'sister' });
    assert.equal(d.total, 12);
    assert.deepEqual(d.items.map((x) => x.city.id).sort(), Object.keys(SISTERS).map(Number).sort());
    for (const x of d.items) {
      const [name, date, precision] = SISTERS[x.city.id];
      assert.equal(x.city.name_en, name);
      assert.equal(x.kind, 'sister');
      assert.equal(x.kind_verified, true, name);
      assert.equal(x.status, 'active');
      assert.deepEqual(x.established, { date, precision }, name);
    }
    const sac = d.items.find((x) => x.city.id === 5389489);
    assert.equal(sac.city.name_zh, '萨克拉门托市');
    assert.equal(sac.city.country.iso2, 'US');
    assert.equal(sac.city.population, 490712);
    assert.equal(sac.continent, 'north_america');
    const wak = d.items.find((x) => x.city.id === 1926004);
    assert.equal(wak.city.name_zh, '和歌山市');
    assert.equal(wak.city.country.name_zh, '日本');
  });

  test('kind=cooperation: 14 of unverified type (status unverified) and the two new ties of 2023', T, async () => {
    const d = await list({ kind: 'cooperation' });
    assert.equal(d.total, 16);
    const got = Object.fromEntries(d.items.map((x) => [x.city.name_en, x.city.country.iso2]));
    assert.deepEqual(got, { ...COOPERATION, ...NEW_2023 });
    for (const x of d.items) {
      const isNew = x.city.name_en in NEW_2023;
      assert.equal(x.kind_verified, isNew, x.city.name_en);
      assert.equal(x.status, isNew ? 'active' : 'unverified', x.city.name_en);
    }
    const minsk = d.items.find((x) => x.city.name_en === 'Minsk');
    assert.equal(minsk.label, 'Savyetski District (Minsk)');
    assert.equal(d.items.filter((x) => x.label !== null).length, 1, 'only Minsk carries a label');
    assert.equal((await list({ status: 'unverified' })).total, 14);
  });

  test('kind=candidate and status=proposed: Leiden, Sønderborg and Västerås', T, async () => {
    for (const params of [{ kind: 'candidate' }, { status: 'proposed' }, { kind: 'candidate', status: 'proposed' }]) {
      const d = await list(params);
      assert.equal(d.total, 3, JSON.stringify(params));
      assert.deepEqual(d.items.map((x) => x.city.id).sort((a, b) => a - b), [2613102, 2664454, 2751773]);
      for (const x of d.items) {
        assert.equal(x.kind, 'candidate');
        assert.equal(x.status, 'proposed');
        assert.equal(x.established, null);
      }
    }
    assert.equal((await list({ status: 'active' })).total, 14);
    assert.equal((await list({ status: 'ended' })).total, 0);
    assert.equal((await list({ kind: 'candidate', status: 'active' })).total, 0);
  });

  test('country filter (ISO2, upper case)', T, async () => {
    let d = await list({ country: 'BY' });
    assert.deepEqual(names(d.items).sort(), ['Minsk', 'Vitebsk']);
    d = await list({ country: 'US' });
    assert.deepEqual(names(d.items), ['Sacramento']);
    d = await list({ country: 'JP', kind: 'sister' });
    assert.deepEqual(names(d.items).sort(), ['Wakayama', 'Yamaguchi']);
    d = await list({ country: 'ZZ' });
    assert.equal(d.total, 0);
    assert.deepEqual(d.items, []);
  });

  test('continent filter', T, async () => {
    const expect = {
      africa: ['Arba Minch', 'Praia'],
      oceania: ['Joondalup', 'Port Moresby'],
      south_america: ['Porto Velho'],
      north_america: ['Regina', 'Sacramento', 'Zapopan'],
      antarctica: [],
    };
    for (const [c, want] of Object.entries(expect)) {
      const d = await list({ continent: c });
      assert.deepEqual(names(d.items).sort(), want, c);
    }
    const eu = await list({ continent: 'europe' });
    const as = await list({ continent: 'asia' });
    assert.equal(eu.total + as.total, 23);
    for (const x of eu.items) assert.equal(x.continent, 'europe');
    for (const x of as.items) assert.equal(x.continent, 'asia');
    assert.ok(names(eu.items).includes('Coventry') && names(eu.items).includes('Sønderborg'));
    assert.ok(names(as.items).includes('Wakayama') && names(as.items).includes('Nagpur'));
  });

  test('established range at year, month and day precision', T, async () => {
    let d = await list({ established_from: '2000', established_to: '2005' });
    assert.deepEqual(names(d.items).sort(), ['Augsburg', 'Kharkiv', 'Rennes', 'Vantaa']);
    d = await list({ established_to: '1985' });
    assert.deepEqual(names(d.items).sort(), ['Coventry', 'Sacramento', 'Wakayama', 'Yamaguchi']);
    d = await list({ established_from: '2004-09', established_to: '2004-09' });
    assert.deepEqual(names(d.items), ['Kharkiv']);
    d = await list({ established_from: '1983-01-15', established_to: '1983-12-31' });
    assert.deepEqual(names(d.items), ['Coventry']);
    d = await list({ established_from: '2009' });
    assert.deepEqual(names(d.items).sort(), ['Kfar Saba', 'Rostov-na-Donu', 'Érd']);
    d = await list({ established_from: '2023-09', established_to: '2023-09' });
    assert.deepEqual(names(d.items), ['Rostov-na-Donu'], 'the day 2023-09-25 lies in 2023-09; the year 2023 does not');
    d = await list({ established_from: '2024' });
    assert.equal(d.total, 0);
  });

  test('sorting', T, async () => {
    let d = await list({ sort: 'established' });
    assert.equal(d.items[0].city.name_en, 'Wakayama');
    const dated = d.items.filter((x) => x.established);
    assert.equal(dated.length, 14);
    assert.deepEqual(d.items.slice(0, 14), dated, 'dated ties come first');
    for (let i = 1; i < dated.length; i++) assert.ok(dated[i - 1].established.date <= dated[i].established.date);
    d = await list({ sort: '-established' });
    assert.equal(d.items[0].city.name_en, 'Rostov-na-Donu');
    d = await list({ sort: 'name' });
    assert.equal(d.items[0].city.name_en, 'Arba Minch');
    assert.equal(d.items[30].city.name_en, 'Zapopan');
    d = await list({ sort: '-name' });
    assert.equal(d.items[0].city.name_en, 'Zapopan');
    d = await list({ sort: 'country' });
    assert.equal(d.items[0].city.country.iso2, 'AU');
    assert.equal(d.items[30].city.country.iso2, 'US');
    d = await list({ sort: '-country' });
    assert.equal(d.items[0].city.country.iso2, 'US');
    d = await list({ sort: 'kind' });
    assert.deepEqual(d.items.map((x) => x.kind), [...Array(12).fill('sister'), ...Array(16).fill('cooperation'), 'candidate', 'candidate', 'candidate']);
    d = await list({ sort: '-kind' });
    assert.deepEqual(d.items.slice(0, 2).map((x) => x.kind), ['candidate', 'candidate']);
    d = await list({ sort: 'id' });
    const ids = d.items.map((x) => x.id);
    assert.deepEqual(ids, [...ids].sort((a, b) => a - b));
    d = await list({ sort: '-id' });
    assert.deepEqual(d.items.map((x) => x.id), [...ids].reverse());
    d = await list({ sort: 'updated' });
    for (let i = 1; i < d.items.length; i++) assert.ok(d.items[i - 1].updated_at <= d.items[i].updated_at);
    d = await list({ sort: '-updated' });
    for (let i = 1; i < d.items.length; i++) assert.ok(d.items[i - 1].updated_at >= d.items[i].updated_at);
  });

  test('limit and cursor page through every tie exactly once', T, async () => {
    const all = (await list({ sort: 'name', limit: 500 })).items;
    assert.equal(all.length, 31);
    const seen = [];
    let cursor = null, pages = 0;
    do {
      const d = await list({ sort: 'name', limit: 10, ...(cursor ? { cursor } : {}) });
      assert.equal(d.total, 31);
      assert.ok(d.items.length <= 10);
      seen.push(...d.items);
      cursor = d.next_cursor;
      if (cursor !== null) assert.equal(typeof cursor, 'string');
      pages++;
    } while (cursor !== null && pages < 10);
    assert.equal(pages, 4);
    assert.deepEqual(seen.map((x) => x.id), all.map((x) => x.id));
    /* Cursors are opaque keyset cursors (base64url), not offsets. */
    const first = await list({ limit: 10 });
    assert.match(first.next_cursor, /^[A-Za-z0-9_-]+$/);
    assertError(await ctx.api('GET', `/api/v1/partners${qs({ cursor: '10' })}`), 400, 'cursor');
    /* The cursor of the next-to-last row: one row left, then no next page. */
    const last = await list({ limit: 30 });
    const past = await list({ cursor: last.next_cursor });
    assert.equal(past.total, 31);
    assert.equal(past.items.length, 1);
    assert.equal(past.next_cursor, null);
    const one = await list({ limit: 1, kind: 'sister', sort: 'established' });
    assert.equal(one.items.length, 1);
    assert.equal(one.total, 12);
    assert.equal(one.items[0].city.name_en, 'Wakayama');
  });

  test('search is script-, width-, case- and pinyin-insensitive', T, async () => {
    const cases = [
      ['薩克拉門托', 'Sacramento'], ['萨克拉门托', 'Sacramento'], ['ＳＡＣＲＡＭＥＮＴＯ', 'Sacramento'],
      ['sacramento', 'Sacramento'], ['SACRA', 'Sacramento'], ['hegeshan', 'Wakayama'], ['和歌', 'Wakayama'],
      ['和歌山', 'Wakayama'], ['vasteras', 'Västerås'], ['Västerås', 'Västerås'], ['VÄSTERÅS', 'Västerås'],
      ['Danfoss', 'Sønderborg'], ['丹佛斯', 'Sønderborg'], ['Savyetski', 'Minsk'], ['Yinfeng', 'Sacramento'],
    ];
    for (const [q, want] of cases) {
      const d = await list({ q });
      assert.deepEqual(names(d.items), [want], `q=${q}`);
      assert.equal(d.total, 1, `q=${q}`);
    }
    /* Country names are indexed too. */
    const jp = await list({ q: '日本' });
    assert.deepEqual(names(jp.items).sort(), ['Wakayama', 'Yamaguchi']);
    const sicc = await list({ q: 'SICC' });
    assert.deepEqual(names(sicc.items), ['Leiden']);
    const none = await list({ q: 'xyzzyplugh' });
    assert.equal(none.total, 0);
    /* q combines with the other filters. */
    const both = await list({ q: 'japan', kind: 'cooperation' });
    assert.equal(both.total, 0);
  });

  test('empty or punctuation-only q answers 200 with no items', T, async () => {
    for (const q of ['', ' ', '*', '"', '-', '()']) {
      const d = await list({ q });
      assert.equal(d.total, 0, `q=${JSON.stringify(q)}`);
      assert.deepEqual(d.items, []);
    }
  });
});

describe('GET /api/v1/partners/{id}', () => {
  test('one tie with its organisations and their roles', T, async () => {
    const sac = await byCity(5389489);
    const res = await ctx.api('GET', `/api/v1/partners/${sac.id}`);
    assert.equal(res.status, 200);
    const x = res.json;
    assert.deepEqual(Object.keys(x).sort(), RECORD_KEYS);
    assert.equal(x.city.name_en, 'Sacramento');
    const orgs = x.organisations.map((o) => o.name_en).sort();
    assert.deepEqual(orgs, ['UC Davis School of Medicine', 'Yinfeng Group']);
    for (const o of x.organisations) {
      assert.deepEqual(Object.keys(o).sort(), ['id', 'name_en', 'name_zh', 'role', 'side', 'type']);
      assert.match(o.role, /stem-cell/);
    }
    assert.equal(x.organisations.find((o) => o.name_en === 'Yinfeng Group').side, 'home');
    assert.equal(x.organisations.find((o) => o.name_en === 'Yinfeng Group').name_zh, '银丰集团');

    const leiden = await ctx.api('GET', `/api/v1/partners/${(await byCity(2751773)).id}`);
    assert.deepEqual(leiden.json.organisations.map((o) => o.name_en).sort(),
      ['Jinan High-tech Industrial Development Zone', 'SICC (Shandong Tianyue Advanced Technology)']);
    const sond = await ctx.api('GET', `/api/v1/partners/${(await byCity(2613102)).id}`);
    assert.deepEqual(sond.json.organisations.map((o) => o.name_en), ['Danfoss Group']);
    assert.equal(sond.json.organisations[0].side, 'partner');
    const cov = await ctx.api('GET', `/api/v1/partners/${(await byCity(2652221)).id}`);
    assert.deepEqual(cov.json.organisations, []);
  });

  test('list items carry the same organisations as GET /partners/{id}', { ...T }, async () => {
    const d = await list({ country: 'US' });
    assert.equal(d.items.length, 1);
    const one = (await ctx.api('GET', `/api/v1/partners/${d.items[0].id}`)).json;
    assert.equal(one.organisations.length, 2);
    assert.deepEqual(d.items[0].organisations, one.organisations);
  });

  test('unknown and non-numeric ids are 404 with the error shape', T, async () => {
    for (const id of ['999999', 'abc', '0', '-1', '1x', '+1', '1.0', '99999999999999999999']) {
      const res = await ctx.api('GET', `/api/v1/partners/${id}`);
      assertError(res, 404);
    }
  });
});

describe('writes', () => {
  /* Synthetic fixture: a tie with Lyon (a real GeoNames city); the tie is
  ** not part of any real registry. */
  let lyonCity, created;

  test('look up the fixture city through /cities', T, async () => {
    const res = await ctx.api('GET', `/api/v1/cities${qs({ q: 'Lyon', country: 'FR' })}`);
    assert.equal(res.status, 200);
    lyonCity = res.json.items[0];
    assert.equal(lyonCity.name_en, 'Lyon');
    assert.equal(lyonCity.country.iso2, 'FR');
  });

  test('POST creates a tie: 201, Location, every field echoed', T, async () => {
    const body = {
      city_id: lyonCity.id, kind: 'cooperation', status: 'negotiating', kind_verified: false,
      established: '2019-05', label: 'Lyon Métropole (synthetic)', agreement: 'Memorandum (synthetic fixture)',
      notes: 'Synthetic fixture row.\nSecond line\twith a tab.', sources: ['synthetic source A', 'synthetic source B'],
      city_name_zh: '里昂市',
    };
    const res = await ctx.api('POST', '/api/v1/partners', { body, token: ctx.token });
    assert.equal(res.status, 201, res.text);
    const x = res.json;
    created = x;
    assert.equal(res.headers.location, `/api/v1/partners/${x.id}`);
    assert.deepEqual(Object.keys(x).sort(), RECORD_KEYS);
    assert.equal(x.city.id, lyonCity.id);
    assert.equal(x.city.name_zh, '里昂市');
    assert.equal(x.kind, 'cooperation');
    assert.equal(x.kind_verified, false);
    assert.equal(x.status, 'negotiating');
    assert.deepEqual(x.established, { date: '2019-05', precision: 'month' });
    assert.equal(x.label, body.label);
    assert.equal(x.agreement, body.agreement);
    assert.equal(x.notes, body.notes);
    assert.deepEqual(x.sources, body.sources);
    assert.equal(x.continent, 'europe');
    assert.deepEqual(x.organisations, []);
    assert.equal(x.created_at, x.updated_at);

    const get = await ctx.api('GET', res.headers.location);
    assert.equal(get.status, 200);
    assert.deepEqual(get.json, x);
    assert.equal((await list({})).total, 32);
    assert.deepEqual(names((await list({ q: '里昂' })).items), ['Lyon']);
    assert.deepEqual(names((await list({ q: 'liang' })).items), ['Lyon'], 'pinyin of the new Chinese name');
    assert.deepEqual(names((await list({ q: 'Métropole' })).items), ['Lyon'], 'label is searchable');
    const city = await ctx.api('GET', `/api/v1/cities/${lyonCity.id}`);
    assert.equal(city.json.name_zh, '里昂市', 'city_name_zh sets the city\'s Chinese name');
    const audit = await ctx.sql(`SELECT actor || '|' || action FROM audit WHERE entity='tie' AND entity_id=${x.id}`);
    assert.equal(audit.trim(), 'alice|create');
  });

  test('defaults: status active (proposed for candidates), established null', T, async () => {
    /* Synthetic fixtures: Osaka and Perth. */
    const osaka = (await ctx.api('GET', `/api/v1/cities${qs({ q: 'Osaka', country: 'JP' })}`)).json.items[0];
    const perth = (await ctx.api('GET', `/api/v1/cities${qs({ q: 'Perth', country: 'AU' })}`)).json.items[0];
    assert.equal(osaka.name_en, 'Osaka');
    assert.equal(perth.name_en, 'Perth');
    let res = await ctx.api('POST', '/api/v1/partners', { body: { city_id: osaka.id, kind: 'sister' }, token: ctx.token });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json.status, 'active');
    assert.equal(res.json.established, null);
    assert.equal(res.json.label, null);
    assert.deepEqual(res.json.sources, []);
    const osakaId = res.json.id;
    res = await ctx.api('POST', '/api/v1/partners', {
      body: { city_id: perth.id, kind: 'candidate', established: { date: '2020-02-29', precision: 'day' } }, token: ctx.token });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json.status, 'proposed');
    assert.deepEqual(res.json.established, { date: '2020-02-29', precision: 'day' }, 'leap day');
    const perthId = res.json.id;
    for (const id of [osakaId, perthId]) {
      const del = await ctx.api('DELETE', `/api/v1/partners/${id}`, { token: ctx.adminToken });
      assert.equal(del.status, 200, del.text);
    }
  });

  test('POST rejects bad input without writing', T, async () => {
    const P = '/api/v1/partners';
    const post = (body) => ['POST', P, { body, token: ctx.token }];
    const year = new Date().getUTCFullYear();
    const cases = [
      [{ city_id: lyonCity.id, kind: 'sister' }, 409, 'city_id'],                         /* duplicate */
      [{ city_id: 1926004, kind: 'sister' }, 409, 'city_id'],                             /* Wakayama again */
      [{ city_id: 1805753, kind: 'sister' }, 400, 'city_id'],                             /* Jinan itself */
      [{ city_id: 999999999, kind: 'sister' }, 400, 'city_id'],                           /* unknown city */
      [{ city_id: 2988507, kind: 'sister', colour: 'red' }, 400, 'colour'],               /* unknown field */
      [{ city_id: 2988507, kind: 'twin' }, 400, 'kind'],
      [{ city_id: 2988507, kind: 'sister', status: 'dormant' }, 400, 'status'],
      [{ city_id: 2988507, kind: 'sister', established: '2019-13-45' }, 400, 'established'],
      [{ city_id: 2988507, kind: 'sister', established: '2019-02-30' }, 400, 'established'],
      [{ city_id: 2988507, kind: 'sister', established: '2019-02-29' }, 400, 'established'],
      [{ city_id: 2988507, kind: 'sister', established: `${year + 1}` }, 400, 'established'],
      [{ city_id: 2988507, kind: 'sister', established: `${year + 1}-01-01` }, 400, 'established'],
      [{ city_id: 2988507, kind: 'sister', established: '0999' }, 400, 'established'],
      [{ city_id: 2988507, kind: 'sister', established: { date: '2019-05', precision: 'day' } }, 400, 'established'],
      [{ city_id: 2988507, kind: 'sister', established: { date: '2019', precision: 'decade' } }, 400, 'established'],
      [{ city_id: 2988507, kind: 'sister', established: { precision: 'year' } }, 400, 'established'],
      [{ city_id: 2988507, kind: 'sister', kind_verified: 'yes' }, 400, 'kind_verified'],
      [{ city_id: 2988507, kind: 'sister', label: '' }, 400, 'label'],
      [{ city_id: 2988507, kind: 'sister', label: ' padded ' }, 400, 'label'],
      [{ city_id: 2988507, kind: 'sister', label: 'x'.repeat(201) }, 400, 'label'],
      [{ city_id: 2988507, kind: 'sister', sources: Array(21).fill('s') }, 400, 'sources'],
      [{ city_id: 2988507, kind: 'sister', city_name_zh: 5 }, 400, 'city_name_zh'],
      [{ city_id: 0, kind: 'sister' }, 400, 'city_id'],
      [{ city_id: 2988507.5, kind: 'sister' }, 400, 'city_id'],
      [{ city_id: null, kind: 'sister' }, 400, 'city_id'],
      [{ city_id: 2988507, kind: null }, 400, 'kind'],
    ];
    for (const [body, status, field] of cases) {
      await ctx.rejected(...post(body), { status, field });
    }
    assert.equal((await list({})).total, 32);
    assert.equal((await list({ country: 'FR' })).total, 2, 'Paris (2988507) was never added');
  });

  test('PATCH changes only the given fields', T, async () => {
    const url = `/api/v1/partners/${created.id}`;
    const before = (await ctx.api('GET', url)).json;
    const res = await ctx.api('PATCH', url, { body: { notes: 'Patched synthetic note', status: 'active' }, token: ctx.token });
    assert.equal(res.status, 200, res.text);
    const after = res.json;
    assert.equal(after.notes, 'Patched synthetic note');
    assert.equal(after.status, 'active');
    for (const k of ['city', 'label', 'kind', 'kind_verified', 'established', 'agreement', 'sources', 'continent', 'created_at', 'id']) {
      assert.deepEqual(after[k], before[k], `PATCH must keep ${k}`);
    }
    assert.ok(after.updated_at >= before.updated_at);
    assert.deepEqual((await ctx.api('GET', url)).json, after);
    /* The search index follows the new notes. */
    assert.deepEqual(names((await list({ q: 'Patched' })).items), ['Lyon']);
    assert.equal((await list({ q: 'Second line' })).total, 0);
    const audit = await ctx.sql(`SELECT action FROM audit WHERE entity='tie' AND entity_id=${created.id} ORDER BY id`);
    assert.deepEqual(audit.trim().split('\n'), ['create', 'update']);
  });

  test('PATCH established in either form, kind, kind_verified and sources', T, async () => {
    const url = `/api/v1/partners/${created.id}`;
    let res = await ctx.api('PATCH', url, { body: { established: { date: '2018', precision: 'year' }, kind: 'sister', kind_verified: true }, token: ctx.token });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json.established, { date: '2018', precision: 'year' });
    assert.equal(res.json.kind, 'sister');
    assert.equal(res.json.kind_verified, true);
    res = await ctx.api('PATCH', url, { body: { sources: ['only one (synthetic)'] }, token: ctx.token });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json.sources, ['only one (synthetic)']);
    res = await ctx.api('PATCH', url, { body: { sources: [] }, token: ctx.token });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json.sources, []);
    res = await ctx.api('PATCH', url, { body: { sources: ['restored (synthetic)'] }, token: ctx.token });
    assert.deepEqual(res.json.sources, ['restored (synthetic)']);
    assert.equal((await list({ kind: 'sister' })).total, 13);
    res = await ctx.api('PATCH', url, { body: { kind: 'cooperation', kind_verified: false }, token: ctx.token });
    assert.equal(res.status, 200);
    assert.equal((await list({ kind: 'sister' })).total, 12);
  });

  test('PATCH with null clears optional fields (label, agreement, notes, established)', T, async () => {
    const url = `/api/v1/partners/${created.id}`;
    const res = await ctx.api('PATCH', url, { body: { label: null, agreement: null, notes: null, established: null }, token: ctx.token });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.label, null);
    assert.equal(res.json.agreement, null);
    assert.equal(res.json.notes, null);
    assert.equal(res.json.established, null);
    assert.equal(res.json.kind, 'cooperation', 'kind is kept');
    assert.equal((await list({ q: 'Métropole' })).total, 0, 'the cleared label is no longer indexed');
  });

  test('PATCH with sources: null clears the sources', { ...T }, async () => {
    const url = `/api/v1/partners/${created.id}`;
    const res = await ctx.api('PATCH', url, { body: { sources: null }, token: ctx.token });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json.sources, []);
  });

  test('PATCH rejects bad input without writing', T, async () => {
    const url = `/api/v1/partners/${created.id}`;
    const wak = await byCity(1926004);
    const cases = [
      [{ city_id: 1926004 }, 409, 'city_id'],            /* Wakayama is a partner already */
      [{ city_id: 1805753 }, 400, 'city_id'],
      [{ city_id: null }, 400, 'city_id'],
      [{ kind: null }, 400, 'kind'],
      [{ status: null }, 400, 'status'],
      [{ status: 'dormant' }, 400, 'status'],
      [{ established: '2019-02-30' }, 400, 'established'],
      [{ id: 5 }, 400, 'id'],
      [{ kind_verified: null }, 400, 'kind_verified'],
    ];
    for (const [body, status, field] of cases) {
      await ctx.rejected('PATCH', url, { body, token: ctx.token }, { status, field });
    }
    await ctx.rejected('PATCH', '/api/v1/partners/999999', { body: { notes: 'x' }, token: ctx.token }, { status: 404 });
    await ctx.rejected('PATCH', '/api/v1/partners/abc', { body: { notes: 'x' }, token: ctx.token }, { status: 404 });
    const after = (await ctx.api('GET', `/api/v1/partners/${wak.id}`)).json;
    assert.deepEqual(after, { ...wak, organisations: after.organisations, version: after.version });
  });

  test('PATCH may move a tie to another (free) city', T, async () => {
    const url = `/api/v1/partners/${created.id}`;
    const nice = (await ctx.api('GET', `/api/v1/cities${qs({ q: 'Nice', country: 'FR' })}`)).json.items[0];
    assert.equal(nice.name_en, 'Nice');
    let res = await ctx.api('PATCH', url, { body: { city_id: nice.id }, token: ctx.token });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.city.id, nice.id);
    assert.deepEqual(names((await list({ q: 'nice' })).items), ['Nice']);
    assert.equal((await list({ q: 'lyon' })).total, 0);
    res = await ctx.api('PATCH', url, { body: { city_id: lyonCity.id }, token: ctx.token });
    assert.equal(res.status, 200);
    assert.equal(res.json.city.id, lyonCity.id);
  });

  test('DELETE removes the tie; a second DELETE is 404', T, async () => {
    const url = `/api/v1/partners/${created.id}`;
    /* Deleting a tie is for admins (doc/roles.md): an editor is refused, nothing changes. */
    await ctx.rejected('DELETE', url, { token: ctx.token }, { status: 403 });
    const res = await ctx.api('DELETE', url, { token: ctx.adminToken });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.id, created.id);
    assert.equal(res.json.deleted, true);
    assert.equal(typeof res.json.archive_id, 'number', 'archived: restorable');
    assertError(await ctx.api('GET', url), 404);
    await ctx.rejected('DELETE', url, { token: ctx.token }, { status: 404 });
    assert.equal((await list({})).total, 31);
    assert.equal((await list({ q: 'lyon' })).total, 0, 'the search entry is gone');
    const audit = await ctx.sql(`SELECT action FROM audit WHERE entity='tie' AND entity_id=${created.id} ORDER BY id DESC LIMIT 1`);
    assert.equal(audit.trim(), 'delete');
  });

  test('deleting a tie unlinks its organisations', T, async () => {
    const leiden = await byCity(2751773);
    const orgs = (await ctx.api('GET', `/api/v1/orgs${qs({ partner: leiden.id })}`)).json;
    assert.equal(orgs.total, 2);
    /* The links are dependants: refused until confirmed (archived with it). */
    const { error } = await ctx.rejected('DELETE', `/api/v1/partners/${leiden.id}`, { token: ctx.adminToken }, { status: 409, code: 'has_dependants' });
    assert.match(error.message, /2 organisation links/);
    const res = await ctx.api('DELETE', `/api/v1/partners/${leiden.id}?dependants=archive`, { token: ctx.adminToken });
    assert.equal(res.status, 200, res.text);
    for (const o of orgs.items) {
      const g = await ctx.api('GET', `/api/v1/orgs/${o.id}`);
      assert.equal(g.status, 200, 'the organisation itself stays');
      assert.deepEqual(g.json.partners, []);
    }
    assert.equal((await ctx.api('GET', `/api/v1/orgs${qs({ partner: leiden.id })}`)).json.total, 0);
    assert.equal((await list({ kind: 'candidate' })).total, 2);
  });
});

stopTest(ctx);
