'use strict';
/*
** gazetteer.test.js: the GeoNames gazetteer through the API and the CLI:
** Chinese, Traditional, pinyin and exonym search; admin-1 names in every
** city object; the office's own Chinese name (PUT /api/v1/cities/{id}),
** kept across init; init --home-city by Chinese name, pinyin or id; an
** ambiguous or failed init leaves nothing behind.
*/
const { test, describe, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { useServer, stopTest, yc, qs, fingerprint, allPartners, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
/* init builds a 200k-place database: generous under ASan. */
const INIT = { timeout: 600_000 };
const ctx = useServer();

const MOSCOW = 524901, MUNICH = 2867714, SACRAMENTO = 5389489, SACRAMENTO_BR = 3450759;
const QINGDAO = 1797929, JINAN = 1805753, SPRINGFIELD_IL = 4250542, LYON = 2996944;

async function cities(q, extra = {}) {
  const res = await ctx.api('GET', `/api/v1/cities${qs({ q, ...extra })}`);
  assert.equal(res.status, 200, res.text);
  return res.json.items;
}

describe('city search over the gazetteer', () => {
  test('莫斯科, 慕尼黑: GeoNames Chinese names', T, async () => {
    let items = await cities('莫斯科');
    assert.equal(items[0].id, MOSCOW);
    assert.equal(items[0].name_zh, '莫斯科');
    assert.equal(items[0].name_zh_source, 'geonames');
    items = await cities('慕尼黑');
    assert.equal(items[0].id, MUNICH);
    assert.equal(items[0].admin1, 'Bavaria');
    assert.equal(items[0].admin1_zh, '巴伐利亚');
  });

  test('Traditional 薩克拉門托 finds the Sacramentos GeoNames writes 萨克拉门托', T, async () => {
    const items = await cities('薩克拉門托');
    const ids = items.map((c) => c.id);
    /* GeoNames gives 萨克拉门托 to Sacramento, Minas Gerais; California's
    ** Sacramento (the demo's tie, named 萨克拉门托市 by the demo office) is
    ** found by its own name's prefix. */
    assert.equal(ids[0], SACRAMENTO_BR);
    assert.ok(ids.includes(SACRAMENTO), JSON.stringify(ids));
  });

  test('pinyin mosike and the exonym Moskau find Moscow', T, async () => {
    assert.equal((await cities('mosike'))[0].id, MOSCOW);
    assert.equal((await cities('Moskau'))[0].id, MOSCOW);
    assert.equal((await cities('moskau'))[0].id, MOSCOW);
  });

  test('namesakes are told apart by admin-1: Springfield', T, async () => {
    const items = await cities('Springfield', { country: 'US', limit: 10 });
    assert.ok(items.length >= 5);
    const il = items.find((c) => c.id === SPRINGFIELD_IL);
    assert.ok(il, 'Springfield, Illinois is among them');
    assert.equal(il.admin1, 'Illinois');
    assert.equal(il.label_en, 'Springfield, Illinois, US');
    assert.match(il.label_zh, /（美国，/);
    const labels = new Set(items.filter((c) => c.name_en === 'Springfield').map((c) => c.label_en));
    assert.equal(labels.size, items.filter((c) => c.name_en === 'Springfield').length, 'every Springfield label differs');
  });

  test('one city: alternates and admin names', T, async () => {
    const res = await ctx.api('GET', `/api/v1/cities/${JINAN}`);
    assert.equal(res.status, 200);
    const c = res.json;
    assert.equal(c.admin1, 'Shandong');
    assert.equal(c.admin1_zh, '山东省');
    assert.ok(c.alternates.zh.includes('濟南'));
    assert.ok(c.alternates.latin.includes('Tsinan'));
    assert.equal(c.modified.length, 10);
  });
});

describe('admin-1 names in embedded city objects', () => {
  test('partners: every city has admin1 and labels', T, async () => {
    const { items } = await allPartners(ctx);
    assert.equal(items.length, 31);
    for (const t of items) {
      assert.ok('admin1' in t.city && 'admin1_zh' in t.city, `tie ${t.id}`);
      assert.ok(t.city.label_en.startsWith(t.city.name_en), t.city.label_en);
      assert.ok(t.city.label_en.endsWith(`, ${t.city.country.iso2}`), t.city.label_en);
    }
    const sac = items.find((t) => t.city.id === SACRAMENTO);
    assert.equal(sac.city.label_en, 'Sacramento, California, US');
    assert.equal(sac.city.admin1_zh, '加利福尼亚州');
  });

  test('network city and candidates carry admin1', T, async () => {
    const res = await ctx.api('GET', `/api/v1/network/cities/${JINAN}`);
    assert.equal(res.status, 200);
    assert.equal(res.json.city.label_en, 'Jinan, Shandong, CN');
    const cand = await ctx.api('GET', `/api/v1/layout/candidates${qs({ country: 'US', limit: 5 })}`);
    assert.equal(cand.status, 200, cand.text);
    assert.ok(cand.json.items.length > 0);
    for (const x of cand.json.items) assert.ok(typeof x.city.label_en === 'string' && 'admin1' in x.city);
  });
});

describe('PUT /api/v1/cities/{id}: the office\'s own Chinese name', () => {
  test('refused: viewer, no token, bad values, unknown fields, unknown city', T, async () => {
    await ctx.rejected('PUT', `/api/v1/cities/${LYON}`, { token: ctx.viewerToken, body: { name_zh: '里昂市' } }, { status: 403 });
    await ctx.rejected('PUT', `/api/v1/cities/${LYON}`, { body: { name_zh: '里昂市' } }, { status: 401 });
    await ctx.rejected('PUT', `/api/v1/cities/${LYON}`, { token: ctx.token, body: { name_zh: 'Lyon' } },
      { status: 400, field: 'name_zh', code: 'invalid_value' });
    await ctx.rejected('PUT', `/api/v1/cities/${LYON}`, { token: ctx.token, body: { name_zh: '' } },
      { status: 400, field: 'name_zh' });
    await ctx.rejected('PUT', `/api/v1/cities/${LYON}`, { token: ctx.token, body: { name_zh: '里'.repeat(61) } },
      { status: 400, field: 'name_zh' });
    await ctx.rejected('PUT', `/api/v1/cities/${LYON}`, { token: ctx.token, body: {} }, { status: 400, field: 'name_zh', code: 'required' });
    await ctx.rejected('PUT', `/api/v1/cities/${LYON}`, { token: ctx.token, body: { name_zh: '里昂市', x: 1 } }, { status: 400, field: 'x' });
    await ctx.rejected('PUT', '/api/v1/cities/999999999', { token: ctx.token, body: { name_zh: '里昂市' } }, { status: 404 });
  });

  test('set, shown in search and in partners, audited, cleared', T, async () => {
    let res = await ctx.api('PUT', `/api/v1/cities/${LYON}`, { token: ctx.token, body: { name_zh: '里昂市' } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.name_zh, '里昂市');
    assert.equal(res.json.name_zh_source, 'own');
    assert.equal(res.json.name_zh_own.name_zh, '里昂市');
    assert.equal(res.json.name_zh_own.actor, 'alice');
    const items = await cities('里昂市');
    assert.equal(items[0].id, LYON);
    assert.equal(items[0].name_zh, '里昂市');
    const audit = await ctx.sql(`SELECT action, entity FROM audit WHERE entity='city' AND entity_id=${LYON}`);
    assert.equal(audit.trim(), 'update|city');
    res = await ctx.api('PUT', `/api/v1/cities/${LYON}`, { token: ctx.token, body: { name_zh: null } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.name_zh, '里昂');
    assert.equal(res.json.name_zh_source, 'geonames');
    assert.equal(res.json.name_zh_own, null);
  });
});

describe('init', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'youcheng-gaz-'));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const common = require('../common.js');

  /* A full load of the gazetteer takes seconds (much longer under ASan):
  ** one new database is made by `init --home-city 青岛` (by the first test
  ** that needs it) and copied where a test needs a database with the
  ** gazetteer loaded. Resolves {db, r}: its path and init's result. */
  let pQingdao = null;
  function qingdaoDb() {
    if (!pQingdao) {
      pQingdao = (async () => {
        const db = path.join(tmp, 'home-qingdao.db');
        const r = await yc(['init', '--db', db, '--home-city', '青岛'], INIT);
        return { db, r };
      })();
    }
    return pQingdao;
  }

  /* A copy of that database without its home city, as a new database is
  ** before init sets one: `init --home-city NAME` on it looks NAME up over
  ** the same gazetteer (the lookup of a new database) without loading the
  ** 200k places again. */
  async function copyWithoutHome(name) {
    const { db: from, r: made } = await qingdaoDb();
    assert.equal(made.code, 0, made.stderr);
    assert.equal(fs.existsSync(`${from}-wal`) && fs.statSync(`${from}-wal`).size > 0, false, 'init leaves no WAL');
    const db = path.join(tmp, name);
    fs.copyFileSync(from, db);
    const r = await common.run(common.SQLITE3, [db, "DELETE FROM meta WHERE key='home_city_id'"]);
    assert.equal(r.code, 0, r.stderr);
    return db;
  }

  test('--home-city 青岛, 濟南, qingdao or a GeoNames id', INIT, async () => {
    for (const [name, id] of [['青岛', QINGDAO], ['濟南', JINAN], ['qingdao', QINGDAO], [String(JINAN), JINAN]]) {
      let db, r;
      if (name === '青岛') {
        /* A new database: the gazetteer loaded, the name looked up. */
        ({ db, r } = await qingdaoDb());
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /gazetteer: 199568 GeoNames places loaded/);
      } else {
        /* The same lookup over the same gazetteer, not loaded again. */
        db = await copyWithoutHome(`home-${id}-${Buffer.from(name).toString('hex')}.db`);
        r = await yc(['init', '--db', db, '--home-city', name], INIT);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /gazetteer: unchanged/);
      }
      assert.match(r.stdout, new RegExp(`\\(GeoNames ${id}\\)`));
      const v = await yc(['city', 'show', String(id), '--db', db]);
      assert.equal(v.code, 0, v.stderr);
      assert.match(v.stdout, /Shandong, CN/);
      assert.deepEqual(fs.readdirSync(tmp).filter((f) => f.includes('.init-')), [], 'no temporary file left');
    }
  });

  test('an ambiguous or unknown name: exit 2, the places listed, no file', INIT, async () => {
    const db = path.join(tmp, 'springfield.db');
    let r = await yc(['init', '--db', db, '--home-city', 'Springfield'], INIT);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /places are named 'Springfield'/);
    assert.match(r.stderr, /4250542\s+Springfield\s+Illinois\s+US\s+\d+/);
    assert.match(r.stderr, /Missouri/);
    assert.equal(fs.existsSync(db), false, 'no database file');
    r = await yc(['init', '--db', db, '--home-city', 'Nowhere-At-All'], INIT);
    assert.notEqual(r.code, 0);
    assert.equal(fs.existsSync(db), false, 'no database file');
    assert.deepEqual(fs.readdirSync(tmp).filter((f) => f.startsWith('springfield')), []);
  });

  test('an existing database: a change of home city is refused and changes nothing', INIT, async () => {
    const before = await fingerprint(ctx.db);
    const r = await yc(['init', '--db', ctx.db, '--home-city', '青岛'], INIT);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /home city is already GeoNames 1805753/);
    assert.equal(r.stdout, '', 'refused before any step');
    assert.equal(await fingerprint(ctx.db), before);
  });

  /* The re-load itself (a newer gazetteer: every place replaced, the own
  ** name kept) is test_gazetteer's test_own_name_reload; here, init on an
  ** existing database keeps it without loading the 200k places again. */
  test('the own name survives init', INIT, async () => {
    const db = await copyWithoutHome('own.db');
    let r = await yc(['init', '--db', db, '--home-city', 'jinan'], INIT);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\(GeoNames 1805753\)/);
    r = await yc(['city', 'name', String(SACRAMENTO), '--zh', '萨克拉门托', '--db', db]);
    assert.equal(r.code, 0, r.stderr);
    r = await yc(['init', '--db', db], INIT);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /gazetteer: unchanged/);
    r = await yc(['city', 'show', String(SACRAMENTO), '--json', '--db', db]);
    const c = JSON.parse(r.stdout);
    assert.equal(c.name_zh, '萨克拉门托');
    assert.equal(c.name_zh_source, 'own');
  });
});

stopTest(ctx);
