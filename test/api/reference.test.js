'use strict';
/* reference.test.js: countries, cities, industries, stats, health, static files. */
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const zlib = require('node:zlib');
const { useServer, stopTest, qs, assertError, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const ctx = useServer();

const COUNTRY_KEYS = ['iso2', 'iso3', 'name_en', 'name_zh', 'official_en', 'official_zh', 'region', 'subregion',
  'continent', 'lat', 'lng', 'borders'];
const CONTINENTS = ['africa', 'asia', 'europe', 'north_america', 'south_america', 'oceania', 'antarctica'];

describe('health', () => {
  test('GET /healthz answers {"status":"ok"}', T, async () => {
    const res = await ctx.api('GET', '/healthz');
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^application\/json/);
    assert.deepEqual(res.json, { status: 'ok' });
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
  });

  test('HEAD /healthz answers 200 without a body', T, async () => {
    const res = await ctx.api('HEAD', '/healthz');
    assert.equal(res.status, 200);
    assert.equal(res.body.length, 0);
  });
});

describe('GET /api/v1/countries', () => {
  let items;
  test('250 countries with every field', T, async () => {
    const res = await ctx.api('GET', '/api/v1/countries');
    assert.equal(res.status, 200);
    items = res.json.items;
    assert.equal(items.length, 250);
    const iso2 = new Set(items.map((c) => c.iso2));
    assert.equal(iso2.size, 250);
    for (const c of items) {
      for (const k of COUNTRY_KEYS) assert.ok(k in c, `${c.iso2} has ${k}`);
      assert.match(c.iso2, /^[A-Z]{2}$/);
      assert.match(c.iso3, /^[A-Z]{3}$/);
      assert.ok(typeof c.name_en === 'string' && c.name_en.length > 0);
      assert.ok(CONTINENTS.includes(c.continent), `${c.iso2} continent ${c.continent}`);
      assert.ok(Array.isArray(c.borders));
      for (const b of c.borders) assert.ok(iso2.has(b), `${c.iso2} borders unknown ${b}`);
    }
    /* Ordered by English name. */
    const en = items.map((c) => c.name_en);
    assert.equal(en[0], 'Afghanistan');
    for (let i = 1; i < en.length; i++) assert.ok(Buffer.compare(Buffer.from(en[i - 1]), Buffer.from(en[i])) <= 0, `${en[i - 1]} before ${en[i]}`);
  });

  test('China: names, continent, borders (symmetric)', T, async () => {
    const cn = items.find((c) => c.iso2 === 'CN');
    assert.equal(cn.iso3, 'CHN');
    assert.equal(cn.name_en, 'China');
    assert.equal(cn.name_zh, '中国');
    assert.equal(cn.official_zh, '中华人民共和国');
    assert.equal(cn.continent, 'asia');
    assert.equal(cn.region, 'Asia');
    for (const b of ['RU', 'IN', 'MN', 'VN', 'KP']) assert.ok(cn.borders.includes(b), `CN borders ${b}`);
    assert.ok(!cn.borders.includes('JP'));
    for (const b of cn.borders) {
      const other = items.find((c) => c.iso2 === b);
      assert.ok(other.borders.includes('CN'), `${b} borders CN back`);
    }
    const us = items.find((c) => c.iso2 === 'US');
    assert.equal(us.continent, 'north_america');
    assert.deepEqual([...us.borders].sort(), ['CA', 'MX']);
    assert.equal(items.find((c) => c.iso2 === 'BR').continent, 'south_america');
    assert.equal(items.find((c) => c.iso2 === 'AU').continent, 'oceania');
    assert.equal(items.find((c) => c.iso2 === 'AQ').continent, 'antarctica');
    assert.deepEqual(items.find((c) => c.iso2 === 'JP').borders, []);
  });

  test('unknown query parameter is 400', T, async () => {
    assertError(await ctx.api('GET', '/api/v1/countries?continent=asia'), 400, 'continent');
  });
});

describe('GET /api/v1/industries', () => {
  test('ISIC Rev.4: 21 sections and 88 divisions', T, async () => {
    const res = await ctx.api('GET', '/api/v1/industries');
    assert.equal(res.status, 200);
    const items = res.json.items;
    assert.equal(items.length, 109);
    const sections = items.filter((x) => x.level === 'section');
    const divisions = items.filter((x) => x.level === 'division');
    assert.equal(sections.length, 21);
    assert.equal(divisions.length, 88);
    assert.deepEqual(sections.map((s) => s.code), 'ABCDEFGHIJKLMNOPQRSTU'.split(''));
    for (const x of items) {
      assert.deepEqual(Object.keys(x).sort(), ['code', 'label_en', 'label_zh', 'level', 'section']);
      assert.ok(x.label_en.length > 0 && x.label_zh.length > 0, x.code);
    }
    for (const s of sections) assert.equal(s.section, s.code);
    for (const d of divisions) {
      assert.match(d.code, /^\d\d$/);
      assert.ok(sections.some((s) => s.code === d.section), `${d.code} in a known section`);
    }
    const manufacturing = divisions.filter((d) => d.section === 'C').map((d) => Number(d.code));
    assert.deepEqual(manufacturing, Array.from({ length: 24 }, (_, i) => 10 + i), 'C holds divisions 10-33');
    const d26 = items.find((x) => x.code === '26');
    assert.equal(d26.section, 'C');
    assert.match(d26.label_en, /computer, electronic and optical/);
    assert.equal(items.find((x) => x.code === 'C').label_zh, '制造业');
    assert.equal(items.find((x) => x.code === '86').section, 'Q');
  });
});

describe('GET /api/v1/stats', () => {
  test('counts of the demo data next to the reported figures', T, async () => {
    const res = await ctx.api('GET', '/api/v1/stats');
    assert.equal(res.status, 200);
    const s = res.json;
    assert.equal(s.home_city.id, 1805753);
    assert.equal(s.home_city.name_en, 'Jinan');
    assert.equal(s.home_city.name_zh, '济南市');
    assert.equal(s.home_city.country.iso2, 'CN');
    assert.equal(s.ties.total, 31);
    assert.equal(s.ties.kind_unverified, 14);
    assert.deepEqual(s.ties.by_kind, { sister: 12, cooperation: 16, candidate: 3 });
    assert.deepEqual(s.ties.by_status, { proposed: 3, negotiating: 0, active: 14, unverified: 14, suspended: 0, ended: 0 });
    const cont = s.ties.by_continent;
    assert.equal(Object.values(cont).reduce((a, b) => a + b, 0), 31);
    assert.equal(cont.africa, 2);
    assert.equal(cont.oceania, 2);
    assert.equal(cont.south_america, 1);
    assert.equal(cont.north_america, 3);
    assert.equal(cont.europe + cont.asia, 23);
    assert.deepEqual(s.ties.by_decade, { '1980s': 5, '1990s': 2, '2000s': 5, '2020s': 2, unknown: 17 });
    assert.equal(s.organisations.total, 8);
    assert.deepEqual(s.organisations.by_type, { enterprise: 5, government: 1, park: 1, university: 1 });
    const rep = s.reported.map((r) => `${r.as_of}/${r.kind}/${r.count}`).sort();
    assert.deepEqual(rep, ['2019/cooperation/51', '2019/sister/27', '2019/total/78', '2023-04-19/total/85', '2023-09-19/cooperation/57',
      '2023-09-19/sister/29', '2023-09-19/total/86', '2024/cooperation/63', '2024/sister/29', '2024/total/92']);
    for (const r of s.reported) assert.ok(typeof r.source === 'string' && r.source.length > 0);
  });

  test('stats agree with the partner list', T, async () => {
    const s = (await ctx.api('GET', '/api/v1/stats')).json;
    const entries = Object.entries(s.ties.by_continent);
    assert.ok(entries.length >= 5, `continents in the stats: ${JSON.stringify(s.ties.by_continent)}`);
    for (const [c, n] of entries) {
      const d = (await ctx.api('GET', `/api/v1/partners${qs({ continent: c })}`)).json;
      assert.equal(d.total, n, c);
    }
  });
});

describe('GET /api/v1/cities', () => {
  const search = async (params) => {
    const res = await ctx.api('GET', `/api/v1/cities${qs(params)}`);
    assert.equal(res.status, 200, `${JSON.stringify(params)}: ${res.text}`);
    assert.deepEqual(Object.keys(res.json), ['items']);
    return res.json.items;
  };

  test('q=Sacramento: the US city first', T, async () => {
    const items = await search({ q: 'Sacramento' });
    assert.ok(items.length > 1);
    assert.equal(items[0].id, 5389489);
    assert.equal(items[0].name_en, 'Sacramento');
    assert.equal(items[0].population, 490712);
    assert.equal(items[0].country.iso2, 'US');
    assert.equal(items[0].name_zh, '萨克拉门托市');
    assert.ok(items.length <= 10, 'default limit 10');
    for (const c of items) for (const k of ['id', 'name_en', 'name_zh', 'country', 'population', 'lat', 'lng', 'admin_code']) assert.ok(k in c, k);
    const exact = items.filter((c) => c.name_en === 'Sacramento');
    assert.ok(exact.length >= 2, 'other Sacramentos are found');
    for (let i = 1; i < exact.length; i++) assert.ok(exact[i - 1].population >= exact[i].population);
  });

  test('prefix, case, width, script and pinyin', T, async () => {
    assert.equal((await search({ q: 'sacra' }))[0].id, 5389489);
    assert.equal((await search({ q: 'SACRAMENTO' }))[0].id, 5389489);
    assert.equal((await search({ q: 'ＳＡＣＲＡＭＥＮＴＯ' }))[0].id, 5389489);
    for (const q of ['jinan', 'Jinan', 'JINAN', '济南', '濟南', '濟(jì)南', '济南市']) {
      const items = await search({ q });
      assert.equal(items[0].id, 1805753, `q=${q}`);
      assert.equal(items[0].country.iso2, 'CN');
    }
    assert.equal((await search({ q: 'hegeshan' }))[0].id, 1926004);
    assert.equal((await search({ q: 'Vasteras' }))[0].id, 2664454);
    assert.equal((await search({ q: 'Sønderborg' }))[0].id, 2613102);
  });

  test('country and limit', T, async () => {
    const br = await search({ q: 'Sacramento', country: 'BR' });
    assert.ok(br.length >= 1);
    for (const c of br) assert.equal(c.country.iso2, 'BR');
    const one = await search({ q: 'Sacramento', limit: 1 });
    assert.equal(one.length, 1);
    assert.equal(one[0].id, 5389489);
    const many = await search({ q: 'san', limit: 100 });
    assert.equal(many.length, 100);
    assert.deepEqual(await search({ q: 'xyzzyplughqq' }), []);
    assert.deepEqual(await search({ q: 'Sacramento', country: 'JP' }), []);
  });

  test('bad parameters are 400 naming the parameter', T, async () => {
    const cases = [
      [{}, 'q'], [{ q: '' }, 'q'], [{ q: 'Lyon', limit: '0' }, 'limit'], [{ q: 'Lyon', limit: '101' }, 'limit'],
      [{ q: 'Lyon', limit: 'x' }, 'limit'], [{ q: 'Lyon', country: 'fr' }, 'country'], [{ q: 'Lyon', country: 'FRA' }, 'country'],
      [{ q: 'x'.repeat(201) }, 'q'], [{ q: 'Lyon', sort: 'name' }, 'sort'],
    ];
    for (const [params, field] of cases) assertError(await ctx.api('GET', `/api/v1/cities${qs(params)}`), 400, field);
    assertError(await ctx.api('GET', '/api/v1/cities?q=a&q=b'), 400, 'q');
  });

  test('GET /api/v1/cities/{id}', T, async () => {
    const res = await ctx.api('GET', '/api/v1/cities/5389489');
    assert.equal(res.status, 200);
    assert.equal(res.json.id, 5389489);
    assert.equal(res.json.name_en, 'Sacramento');
    assert.equal(res.json.country.iso2, 'US');
    assert.equal(res.json.country.name_zh, '美国');
    assert.ok(Math.abs(res.json.lat - 38.58) < 0.1 && Math.abs(res.json.lng + 121.49) < 0.1);
    const nord = await ctx.api('GET', '/api/v1/cities/2616176');
    assert.equal(nord.json.name_en, 'Nordborg');
    for (const id of ['1', '999999999', 'abc', '0']) assertError(await ctx.api('GET', `/api/v1/cities/${id}`), 404);
  });
});

describe('static files and routing', () => {
  test('an embedded asset is served with an ETag and answers 304', T, async () => {
    const res = await ctx.api('GET', '/static/app.css');
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^text\/css/);
    assert.ok(res.body.length > 0);
    const etag = res.headers.etag;
    assert.ok(etag);
    const again = await ctx.api('GET', '/static/app.css', { headers: { 'If-None-Match': etag } });
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
  });

  test('assets are served pre-compressed by Accept-Encoding: brotli, gzip, identity', T, async () => {
    const plain = await ctx.api('GET', '/static/echarts.min.js');
    assert.equal(plain.status, 200);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.headers.vary, 'Accept-Encoding');
    const cases = [['br', 'br'], ['gzip', 'gzip'], ['gzip, deflate, br', 'br'], ['br;q=0, gzip', 'gzip'],
      ['br;q=0.5, gzip;q=0.8', 'gzip'], ['*', 'br'], ['*;q=0, gzip', 'gzip'], ['identity', undefined],
      ['gzip;q=0', undefined], ['deflate', undefined], ['GZIP', 'gzip']];
    const etags = new Set([plain.headers.etag]);
    for (const [ae, want] of cases) {
      const res = await ctx.api('GET', '/static/echarts.min.js', { headers: { 'Accept-Encoding': ae } });
      assert.equal(res.status, 200, ae);
      assert.equal(res.headers['content-encoding'], want, ae);
      assert.equal(res.headers.vary, 'Accept-Encoding');
      const body = want === 'br' ? zlib.brotliDecompressSync(res.body) : want === 'gzip' ? zlib.gunzipSync(res.body) : res.body;
      assert.ok(body.equals(plain.body), `${ae}: the decoded bytes are the asset's`);
      if (want) assert.ok(res.body.length < plain.body.length / 3, `${ae}: ${res.body.length} bytes of ${plain.body.length}`);
      etags.add(res.headers.etag);
      /* Each variant has its own ETag and answers 304 to it. */
      const again = await ctx.api('GET', '/static/echarts.min.js', { headers: { 'Accept-Encoding': ae, 'If-None-Match': res.headers.etag } });
      assert.equal(again.status, 304, ae);
    }
    assert.equal(etags.size, 3, 'identity, gzip and brotli have different ETags');
  });

  test('large JSON and HTML answers are compressed, small ones are not; the cache keeps each encoding apart', T, async () => {
    for (const p of ['/api/v1/partners?limit=100', '/api/v1/countries', '/partners?lang=en']) {
      const plain = await ctx.api('GET', p);
      assert.equal(plain.headers['content-encoding'], undefined, p);
      assert.ok(plain.body.length >= 1024, `${p} is large enough to be compressed`);
      for (const enc of ['br', 'gzip', 'identity', 'br']) {
        const res = await ctx.api('GET', p, { headers: { 'Accept-Encoding': enc } });
        assert.equal(res.status, 200);
        assert.equal(res.headers.vary, 'Accept-Encoding');
        const want = enc === 'identity' ? undefined : enc;
        assert.equal(res.headers['content-encoding'], want, `${p} ${enc}`);
        const body = enc === 'br' ? zlib.brotliDecompressSync(res.body) : enc === 'gzip' ? zlib.gunzipSync(res.body) : res.body;
        if (/json/.test(plain.headers['content-type'])) assert.deepEqual(JSON.parse(body.toString()), plain.json, `${p} ${enc}`);
        else assert.equal(body.toString(), plain.body.toString(), `${p} ${enc}`);
        if (want) assert.ok(res.body.length < plain.body.length, `${p} ${enc} is smaller`);
      }
    }
    const small = await ctx.api('GET', '/healthz', { headers: { 'Accept-Encoding': 'br' } });
    assert.equal(small.headers['content-encoding'], undefined);
    assert.deepEqual(JSON.parse(small.body.toString()), { status: 'ok' });
    /* Errors are compressed like answers. */
    const err = await ctx.api('GET', '/no-such-page', { headers: { 'Accept-Encoding': 'gzip' } });
    assert.equal(err.status, 404);
    assert.equal(err.headers['content-encoding'], 'gzip');
    assert.match(zlib.gunzipSync(err.body).toString(), /<html/);
  });

  test('unknown paths are 404 JSON errors; wrong methods are 405', T, async () => {
    for (const p of ['/api/nope', '/api/v1', '/api/v1/', '/api/v2/partners', '/api/v1/partners/1/extra',
      '/api/v1/PARTNERS', '/static/nope.css', '/static/']) {
      assertError(await ctx.api('GET', p), 404);
    }
    /* Outside /api and /static the web UI answers 404 with a page. */
    const page = await ctx.api('GET', '/no-such-page');
    assert.equal(page.status, 404);
    for (const [m, p] of [['PUT', '/api/v1/partners'], ['DELETE', '/api/v1/partners'], ['POST', '/api/v1/partners/1'],
      ['POST', '/api/v1/countries'], ['DELETE', '/healthz'], ['GET', '/api/v1/import/partners'], ['PUT', '/api/v1/orgs/1']]) {
      const res = await ctx.api(m, p, { token: ctx.token });
      assertError(res, 405);
    }
  });
});

describe('dashboard: what is coming up', () => {
  test('upcoming events and delegations and the latest events partners attended', T, async () => {
    let en = (await ctx.api('GET', '/?lang=en')).body.toString();
    const card = (html, id) => html.slice(html.indexOf(`id="${id}"`), html.indexOf('</section>', html.indexOf(`id="${id}"`)));
    assert.match(card(en, 'dash-events'), /No event is planned yet/);
    assert.match(card(en, 'dash-participation'), /2025 Shandong International Friendship Cities Cooperation and Exchange Week/);
    assert.match(card(en, 'dash-participation'), /\d+ partner cities attended/);
    const soon = new Date(Date.now() + 40 * 86400000).toISOString().slice(0, 10);
    const tie = Number((await ctx.sql('SELECT id FROM tie ORDER BY id LIMIT 1')).trim());
    let r = await ctx.api('POST', '/api/v1/events', { body: { title_en: 'Synthetic planned forum (test)', kind: 'forum',
      start: soon, status: 'planned' }, token: ctx.token });
    assert.equal(r.status, 201, r.text);
    r = await ctx.api('POST', '/api/v1/delegations', { body: { title_en: 'Synthetic planned visit (test)', direction: 'in',
      start: soon, status: 'planned', ties: [tie] }, token: ctx.token });
    assert.equal(r.status, 201, r.text);
    en = (await ctx.api('GET', '/?lang=en')).body.toString();
    assert.match(card(en, 'dash-events'), /Synthetic planned forum \(test\)/);
    assert.match(card(en, 'dash-delegations'), /Synthetic planned visit \(test\)/);
    const zh = (await ctx.api('GET', '/?lang=zh')).body.toString();
    assert.match(zh, /即将举办的活动/);
    assert.match(card(zh, 'dash-delegations'), /来访/);
  });
});

describe('dashboard: latest changes', () => {
  test('every audited record kind of the demo data has a name in both languages (no raw entity.* keys)', T, async () => {
    for (const lang of ['zh', 'en']) {
      const res = await ctx.api('GET', `/?lang=${lang}`);
      assert.equal(res.status, 200);
      const html = res.body.toString();
      assert.match(html, /<ul class="changes">\s*<li><time>/, `the ${lang} dashboard lists changed records`);
      assert.doesNotMatch(html, /entity\.[a-z_]+/, `the ${lang} dashboard shows a raw i18n key`);
    }
    const en = (await ctx.api('GET', '/?lang=en')).body.toString();
    const changes = en.slice(en.indexOf('<ul class="changes">'));
    assert.equal((changes.match(/<li><time>/g) || []).length, 10, 'the latest ten changes');
  });
});

stopTest(ctx);
