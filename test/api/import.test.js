'use strict';
/*
** import.test.js: POST /api/v1/import/partners (CSV). All rows below are
** SYNTHETIC FIXTURES: real GeoNames cities (Lyon, Osaka, Perth, Paris,
** Marseille, Bordeaux, Lille, Nice) with invented ties that no registry holds.
*/
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { useServer, stopTest, qs, assertError, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const ctx = useServer();
const CSV = { 'Content-Type': 'text/csv; charset=utf-8' };
const URL0 = '/api/v1/import/partners?dry_run=0';
const URL1 = '/api/v1/import/partners?dry_run=1';

const city = {};            /* name -> GeoNames id, looked up through /cities */
async function lookup(name, country) {
  const res = await ctx.api('GET', `/api/v1/cities${qs({ q: name, country, limit: 1 })}`);
  assert.equal(res.status, 200);
  assert.equal(res.json.items[0].name_en, name);
  return res.json.items[0].id;
}
const imp = (url, body, token = ctx.token) => ctx.api('POST', url, { body, token, headers: CSV });
const total = async (params = {}) => (await ctx.api('GET', `/api/v1/partners${qs(params)}`)).json.total;

/* The good file: city_id for Lyon, city + country (ISO2 / English name) for Osaka and Perth. */
function goodCsv() {
  return [
    'city_id,city,country,kind,status,established,label,agreement,notes,sources,city_name_zh,kind_verified',
    `${city.Lyon},,,cooperation,active,2015-06,,,"Synthetic fixture row, not a real tie",synthetic source A | synthetic source B,里昂市,0`,
    ',Osaka,JP,sister,negotiating,2016-04-01,"Osaka, Kansai (synthetic)",MoU (synthetic),Synthetic fixture row,synthetic source C,大阪市,1',
    ',Perth,Australia,candidate,,,,,"Synthetic ""quoted"" fixture row",,,',
    '',
  ].join('\n');
}

describe('import', () => {
  test('look up the fixture cities', T, async () => {
    city.Lyon = await lookup('Lyon', 'FR');
    city.Osaka = await lookup('Osaka', 'JP');
    city.Perth = await lookup('Perth', 'AU');
    city.Paris = await lookup('Paris', 'FR');
    city.Marseille = await lookup('Marseille', 'FR');
    city.Bordeaux = await lookup('Bordeaux', 'FR');
    city.Nice = await lookup('Nice', 'FR');
    assert.equal(city.Perth, 2063523);
    assert.equal(city.Osaka, 1853909);
    assert.equal(city.Lyon, 2996944);
  });

  test('dry run reports and writes nothing', T, async () => {
    const before = await ctx.fingerprint();
    const res = await imp(URL1, goodCsv());
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json, { rows: 3, created: 3, skipped: 0, errors: [], dry_run: true });
    assert.equal(await ctx.fingerprint(), before, 'a dry run changed the database');
    assert.equal(await total(), 31);
    for (const flag of ['true', '1']) {
      const r = await imp(`/api/v1/import/partners?dry_run=${flag}`, goodCsv());
      assert.equal(r.json.dry_run, true);
    }
    assert.equal(await ctx.fingerprint(), before);
  });

  test('import creates the ties with every column', T, async () => {
    const res = await imp(URL0, goodCsv());
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json, { rows: 3, created: 3, skipped: 0, errors: [], dry_run: false });
    assert.equal(await total(), 34);
    const items = (await ctx.api('GET', `/api/v1/partners${qs({ limit: 500 })}`)).json.items;
    const get = (id) => items.find((x) => x.city.id === id);
    const lyon = get(city.Lyon), osaka = get(city.Osaka), perth = get(city.Perth);
    assert.ok(lyon && osaka && perth);
    assert.equal(lyon.kind, 'cooperation');
    assert.equal(lyon.kind_verified, false);
    assert.equal(lyon.status, 'active');
    assert.deepEqual(lyon.established, { date: '2015-06', precision: 'month' });
    assert.deepEqual(lyon.sources, ['synthetic source A', 'synthetic source B']);
    assert.equal(lyon.notes, 'Synthetic fixture row, not a real tie');
    assert.equal(lyon.city.name_zh, '里昂市');
    assert.equal(osaka.kind, 'sister');
    assert.equal(osaka.kind_verified, true);
    assert.equal(osaka.status, 'negotiating');
    assert.deepEqual(osaka.established, { date: '2016-04-01', precision: 'day' });
    assert.equal(osaka.label, 'Osaka, Kansai (synthetic)');
    assert.equal(osaka.agreement, 'MoU (synthetic)');
    assert.equal(osaka.city.name_zh, '大阪市');
    assert.equal(perth.kind, 'candidate');
    assert.equal(perth.status, 'proposed');
    assert.equal(perth.established, null);
    assert.equal(perth.notes, 'Synthetic "quoted" fixture row');
    assert.deepEqual(perth.sources, []);
    assert.equal(perth.city.country.iso2, 'AU');
    /* Imported ties are searchable and audited. */
    assert.equal((await ctx.api('GET', `/api/v1/partners${qs({ q: '大阪' })}`)).json.items[0].city.id, city.Osaka);
    const audit = await ctx.sql(`SELECT count(*) FROM audit WHERE entity='tie' AND action='create' AND actor='alice' AND entity_id IN (${lyon.id},${osaka.id},${perth.id})`);
    assert.equal(audit.trim(), '3');
  });

  test('importing the same file again adds nothing', T, async () => {
    const before = await ctx.fingerprint();
    const res = await imp(URL0, goodCsv());
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json, { rows: 3, created: 0, skipped: 3, errors: [], dry_run: false });
    assert.equal(await total(), 34);
    assert.equal(await ctx.fingerprint(), before);
    /* No dry_run parameter: a real import. */
    const r2 = await imp('/api/v1/import/partners', goodCsv());
    assert.equal(r2.status, 200);
    assert.equal(r2.json.dry_run, false);
    assert.equal(r2.json.skipped, 3);
  });

  test('one bad row rejects the file with a report of every row error', T, async () => {
    const csv = [
      'city_id,city,country,kind,status,established,kind_verified',
      `${city.Paris},,,sister,active,2019-02-30,`,        /* row 2: impossible date */
      ',Nowhereville,FR,sister,,,',                         /* row 3: unknown city */
      ',Lille,Atlantis,sister,,,',                          /* row 4: unknown country */
      `${city.Marseille},,,twin,,,`,                        /* row 5: unknown kind */
      `${city.Marseille},,,sister`,                         /* row 6: wrong field count */
      '1805753,,,sister,,,',                                 /* row 7: the home city */
      `${city.Bordeaux},,,sister,,,`,                       /* row 8: good, but not written */
      'abc,,,sister,,,',                                     /* row 9: city_id not a number */
      `${city.Nice},,,sister,,,maybe`,                      /* row 10: kind_verified */
      `${city.Nice},,,sister,dormant,,`,                    /* row 11: status */
      `${city.Nice},,,sister,,${new Date().getUTCFullYear() + 1},`, /* row 12: future */
    ].join('\n');
    const { res } = await ctx.rejected('POST', URL0, { body: csv, token: ctx.token, headers: CSV }, { status: 400, code: 'import_failed', field: 'established' });
    const rep = res.json.report;
    assert.ok(rep, 'the error carries the report');
    assert.equal(rep.rows, 11);
    assert.equal(rep.created, 0);
    assert.equal(rep.dry_run, false);
    const errs = rep.errors.map((e) => `${e.row}:${e.field}`);
    assert.deepEqual(errs, ['2:established', '3:city', '4:country', '5:kind', '6:', '7:city_id', '9:city_id', '10:kind_verified', '11:status', '12:established']);
    for (const e of rep.errors) {
      assert.deepEqual(Object.keys(e).sort(), ['code', 'field', 'message', 'row']);
      assert.ok(e.message.length > 0 && e.code.length > 0);
    }
    assert.equal(rep.errors[0].code, 'invalid_date');
    assert.equal(rep.errors[1].code, 'unknown_city');
    assert.equal(rep.errors[4].code, 'wrong_field_count');
    assert.equal(await total(), 34);
    assert.equal(await total({ q: 'Bordeaux' }), 0);
    /* The same file as a dry run gives the same report. */
    const dry = await imp(URL1, csv);
    assertError(dry, 400);
    assert.deepEqual(dry.json.report.errors, rep.errors);
    assert.equal(dry.json.report.dry_run, true);
  });

  test('bad files: header problems, empty, malformed CSV, invalid UTF-8', T, async () => {
    const cases = [
      ['city_id\n2988507\n', 'kind', 'missing_column'],
      ['kind\nsister\n', 'city_id', 'missing_column'],
      ['city_id,kind,colour\n2988507,sister,red\n', 'colour', 'unknown_column'],
      ['city_id,kind,kind\n2988507,sister,sister\n', 'kind', 'duplicate_column'],
      ['', '', 'empty_file'],
      ['city_id,kind\n', '', 'no_rows'],
      ['city_id,kind\n"2988507,sister\n', '', 'malformed_csv'],
      ['city_id,kind\n2988507,sis"ter\n', '', 'malformed_csv'],
      [Buffer.concat([Buffer.from('city_id,kind,notes\n2988507,sister,'), Buffer.from([0xff, 0xfe]), Buffer.from('\n')]), 'notes', 'invalid_utf8'],
      [`city_id,kind\n${Array.from({ length: 150 }, () => 'abc,sister').join('\n')}\n`, 'city_id', 'wrong_type'],
    ];
    for (const [body, field, code] of cases) {
      const { res } = await ctx.rejected('POST', URL0, { body, token: ctx.token, headers: CSV }, { status: 400 });
      const rep = res.json.report;
      assert.ok(rep, `report for ${code}`);
      assert.ok(rep.errors.length >= 1);
      assert.equal(rep.errors[0].code, code, `${JSON.stringify(String(body).slice(0, 40))}: ${JSON.stringify(rep.errors[0])}`);
      assert.equal(rep.errors[0].field, field);
      assert.equal(rep.created, 0);
    }
    const many = await imp(URL1, `city_id,kind\n${Array.from({ length: 150 }, () => 'abc,sister').join('\n')}\n`);
    assert.equal(many.json.report.errors.length, 100, 'errors are capped at 100');
    assert.equal(many.json.report.rows, 150);
  });

  test('bad parameters', T, async () => {
    await ctx.rejected('POST', '/api/v1/import/partners?dry_run=maybe', { body: goodCsv(), token: ctx.token, headers: CSV }, { status: 400, field: 'dry_run' });
    await ctx.rejected('POST', '/api/v1/import/partners?dry_run=1&dry_run=0', { body: goodCsv(), token: ctx.token, headers: CSV }, { status: 400, field: 'dry_run' });
    await ctx.rejected('POST', '/api/v1/import/partners?format=xlsx', { body: goodCsv(), token: ctx.token, headers: CSV }, { status: 400, field: 'format' });
  });

  test('BOM, CRLF, blank lines and duplicates within a file', T, async () => {
    const csv = `\ufeffcity_id,kind,notes\r\n\r\n${city.Paris},sister,synthetic fixture\r\n${city.Paris},cooperation,same city again (synthetic)\r\n\r\n${city.Marseille},cooperation,synthetic\r\n`;
    const dry = await imp(URL1, csv);
    assert.equal(dry.status, 200, dry.text);
    assert.deepEqual(dry.json, { rows: 3, created: 2, skipped: 1, errors: [], dry_run: true });
    const res = await imp(URL0, csv);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.created, 2);
    const paris = (await ctx.api('GET', `/api/v1/partners${qs({ q: 'Paris', country: 'FR' })}`)).json.items;
    assert.equal(paris.length, 1);
    assert.equal(paris[0].kind, 'sister', 'the first row wins');
    assert.equal(paris[0].notes, 'synthetic fixture');
    assert.equal(await total(), 36);
  });

  test('import needs an editor', T, async () => {
    await ctx.rejected('POST', URL0, { body: goodCsv(), headers: CSV }, { status: 401 });
    await ctx.rejected('POST', URL0, { body: goodCsv(), token: ctx.viewerToken, headers: CSV }, { status: 403 });
  });
});

stopTest(ctx);
