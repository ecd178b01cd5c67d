'use strict';
/*
** report.test.js: the annual report (GET /api/v1/reports/{year}, the page's
** XLSX, `youcheng report`) over the demo data. The report's numbers agree
** with the lists of the API: the year's exchanges by kind, field and
** partner as /api/v1/exchanges?from=Y-01-01&to=Y-12-31 gives them, the new
** ties as /api/v1/partners?from=Y&to=Y, the delegations and events as
** their lists (started in the year, not cancelled), for an anonymous caller
** and a signed-in one (a private delegation counts only for the latter).
** Malformed years are refused naming "year" with nothing stored. The CLI's
** PDF is a PDF and its workbook a zip holding xl/workbook.xml. The one
** delegation made here is synthetic.
*/
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { useServer, stopTest, qs, run, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const ctx = useServer();
const YEAR = 2023;          /* the demo year with most exchanges */

/* Every item of a list, page by page. */
async function all(p, params, opts = {}) {
  const items = [];
  let cursor = null;
  for (let i = 0; i < 100; i++) {
    const res = await ctx.api('GET', `${p}${qs({ ...params, limit: 500, ...(cursor ? { cursor } : {}) })}`, opts);
    assert.equal(res.status, 200, res.text);
    items.push(...res.json.items);
    cursor = res.json.next_cursor;
    if (!cursor) return items;
  }
  throw new Error('pagination did not end');
}

const count = (items, key) => items.reduce((m, x) => { for (const k of [].concat(key(x))) m[k] = (m[k] || 0) + 1; return m; }, {});
const nonZero = (o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== 0));
const inYear = (d, y) => typeof d === 'string' && d.slice(0, 4) === String(y);

test('exchanges by kind, field and partner agree with /api/v1/exchanges for the year', T, async () => {
  const rep = await ctx.api('GET', `/api/v1/reports/${YEAR}`);
  assert.equal(rep.status, 200, rep.text);
  assert.equal(rep.json.year, YEAR);
  const ex = await all('/api/v1/exchanges', { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` });
  assert.ok(ex.length > 5, `the demo has exchanges in ${YEAR}`);
  const x = rep.json.current.exchanges;
  assert.equal(x.total, ex.length);
  assert.deepEqual(nonZero(x.by_kind), count(ex, (e) => e.kind));
  assert.deepEqual(nonZero(x.by_field), count(ex.filter((e) => e.fields.length), (e) => e.fields));
  const byTie = count(ex, (e) => e.ties.map((t) => String(t.id)));
  assert.deepEqual(Object.fromEntries(x.by_partner.map((p) => [String(p.tie.id), p.count])), byTie);
  /* The previous year too, and the change between them. */
  const prev = await all('/api/v1/exchanges', { from: `${YEAR - 1}-01-01`, to: `${YEAR - 1}-12-31` });
  assert.equal(rep.json.previous.exchanges.total, prev.length);
  const ch = rep.json.change.find((c) => c.metric === 'exchanges');
  assert.deepEqual(ch, { metric: 'exchanges', current: ex.length, previous: prev.length, change: ex.length - prev.length });
});

test('new ties equal the partner list filtered by the year of establishment', T, async () => {
  for (const y of [YEAR, 1983]) {
    const rep = await ctx.api('GET', `/api/v1/reports/${y}`);
    assert.equal(rep.status, 200, rep.text);
    const list = await all('/api/v1/partners', { established_from: String(y), established_to: String(y) });
    assert.ok(list.length > 0, `the demo has ties established in ${y}`);
    assert.equal(rep.json.current.ties.new, list.length);
    assert.deepEqual(rep.json.current.ties.new_items.map((t) => t.tie.id).sort((a, b) => a - b),
      list.map((t) => t.id).sort((a, b) => a - b));
  }
});

test('delegations and events agree with their lists; a private delegation counts for signed-in callers only', T, async () => {
  const check = async (opts) => {
    const rep = await ctx.api('GET', `/api/v1/reports/${YEAR}`, opts);
    assert.equal(rep.status, 200, rep.text);
    const dg = (await all('/api/v1/delegations', {}, opts)).filter((d) => inYear(d.start, YEAR) && d.status !== 'cancelled');
    for (const dir of ['in', 'out']) {
      assert.equal(rep.json.current.delegations[dir].count, dg.filter((d) => d.direction === dir).length, dir);
    }
    const ev = (await all('/api/v1/events', { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` }, opts))
      .filter((e) => inYear(e.start, YEAR) && e.status !== 'cancelled');
    assert.equal(rep.json.current.events.total, ev.length);
    assert.deepEqual(rep.json.current.events.items.map((e) => e.id).sort(), ev.map((e) => e.id).sort());
    return rep.json;
  };
  const anon0 = await check({});
  const signed0 = await check({ token: ctx.token });
  assert.ok(anon0.notes.includes('public_only'));
  assert.ok(!signed0.notes.includes('public_only'));
  /* Health (levels that changed) for signed-in callers only. */
  assert.equal(anon0.current.ties.became_active, null);
  assert.equal(anon0.current.ties.fell_dormant_items, null);
  assert.ok(!anon0.change.some((c) => /became_active|fell_dormant/.test(c.metric)));
  assert.equal(typeof signed0.current.ties.became_active, 'number');
  assert.ok(signed0.change.some((c) => c.metric === 'ties_fell_dormant'));
  const tie = (await ctx.api('GET', '/api/v1/partners?limit=1')).json.items[0].id;
  const res = await ctx.api('POST', '/api/v1/delegations', { token: ctx.token, body: {
    direction: 'in', title_en: 'Synthetic private delegation (test)', status: 'planned', start: `${YEAR}-11-20`, public: false,
    size: 7, ties: [tie] } });
  assert.equal(res.status, 201, res.text);
  const anon1 = await check({});
  const signed1 = await check({ token: ctx.token });
  assert.equal(anon1.current.delegations.in.count, anon0.current.delegations.in.count);
  assert.equal(signed1.current.delegations.in.count, signed0.current.delegations.in.count + 1);
  assert.equal(signed1.current.delegations.in.people, signed0.current.delegations.in.people + 7);
});

test('malformed years are refused naming "year", nothing stored', T, async () => {
  const next = new Date().getUTCFullYear() + 1;
  for (const y of ['20x3', '99', '02023', '1899', String(next + 1), '%20']) {
    await ctx.rejected('GET', `/api/v1/reports/${y}`, {}, { status: 400, field: 'year' });
  }
  assert.equal((await ctx.api('GET', `/api/v1/reports/${next}`)).status, 200);
  await ctx.rejected('GET', `/api/v1/reports/${YEAR}?x=1`, {}, { status: 400 });
  assert.equal((await ctx.api('GET', '/reports/20x3')).status, 400);
  assert.equal((await ctx.api('GET', '/reports/1899.xlsx')).status, 400);
});

test('the years with records and the pages link each other', T, async () => {
  const years = await ctx.api('GET', '/api/v1/reports');
  assert.equal(years.status, 200, years.text);
  const ys = years.json.items.map((i) => i.year);
  assert.ok(ys.includes(YEAR) && ys.includes(1983));
  assert.deepEqual(ys, [...ys].sort((a, b) => b - a));
  const list = await ctx.api('GET', '/reports?lang=en');
  assert.equal(list.status, 200);
  assert.match(list.text, new RegExp(`<a href="/reports/${YEAR}">`));
  const page = await ctx.api('GET', `/reports/${YEAR}?lang=en`);
  assert.equal(page.status, 200);
  assert.match(page.text, /href="\/static\/report\.css"/);
  assert.match(page.text, new RegExp(`href="/reports/${YEAR}\\.xlsx"`));
  /* The page shows the API's figures. */
  const rep = (await ctx.api('GET', `/api/v1/reports/${YEAR}`)).json;
  const n = rep.change.find((c) => c.metric === 'exchanges').current;
  assert.match(page.text, new RegExp(`<tr data-metric="exchanges"><th scope="row">Exchanges</th><td class="num">${n}</td>`));
});

test('the XLSX download is a workbook', T, async () => {
  const res = await ctx.api('GET', `/reports/${YEAR}.xlsx`, { raw: true });
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.match(res.headers['content-disposition'], /attachment; filename="report-2023\.xlsx"/);
  const file = path.join(ctx.dir, 'web.xlsx');
  fs.writeFileSync(file, res.body);
  const z = await run('unzip', ['-Z1', file]);
  assert.equal(z.code, 0, z.stderr);
  assert.ok(z.stdout.split('\n').includes('xl/workbook.xml'), z.stdout);
});

test('youcheng report: json as the API, xlsx a workbook with numbers, pdf a PDF, html standalone', T, async () => {
  const j = await ctx.cli(['report', '--year', String(YEAR), '--format', 'json', '--db', ctx.db]);
  assert.equal(j.code, 0, j.stderr);
  const api = (await ctx.api('GET', `/api/v1/reports/${YEAR}`, { token: ctx.token })).json;
  assert.deepEqual(JSON.parse(j.stdout).change, api.change);

  const xlsx = path.join(ctx.dir, 'r.xlsx');
  let r = await ctx.cli(['report', '--year', String(YEAR), '--format', 'xlsx', '--out', xlsx, '--lang', 'en', '--db', ctx.db]);
  assert.equal(r.code, 0, r.stderr);
  const z = await run('unzip', ['-Z1', xlsx]);
  assert.equal(z.code, 0, z.stderr);
  const names = z.stdout.split('\n');
  assert.ok(names.includes('xl/workbook.xml'), z.stdout);
  assert.ok(names.filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).length >= 8, z.stdout);
  /* The summary sheet: the number of exchanges is a number cell (no t="s"). */
  const sheet = await run('unzip', ['-p', xlsx, 'xl/worksheets/sheet1.xml']);
  const n = api.change.find((c) => c.metric === 'exchanges').current;
  assert.match(sheet.stdout, new RegExp(`<c r="B6"[^>]*><v>${n}</v></c>`));

  const html = await ctx.cli(['report', '--year', String(YEAR), '--lang', 'en', '--db', ctx.db]);
  assert.equal(html.code, 0, html.stderr);
  assert.match(html.stdout, /^<!DOCTYPE html>/);
  assert.match(html.stdout, /<style>/);
  assert.doesNotMatch(html.stdout, /<script|<link |src="\//);

  const pdf = path.join(ctx.dir, 'r.pdf');
  r = await ctx.cli(['report', '--year', String(YEAR), '--format', 'pdf', '--out', pdf, '--db', ctx.db], { timeout: 120_000 });
  assert.equal(r.code, 0, r.stderr);
  const head = fs.readFileSync(pdf).subarray(0, 5).toString('latin1');
  assert.equal(head, '%PDF-');

  /* Without Chromium: a clear error, no file. */
  const none = path.join(ctx.dir, 'none.pdf');
  r = await ctx.cli(['report', '--year', String(YEAR), '--format', 'pdf', '--out', none, '--db', ctx.db],
    { env: { ...process.env, YC_CHROMIUM: '/nonexistent/chromium' } });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /needs Chromium/);
  assert.equal(fs.existsSync(none), false);

  r = await ctx.cli(['report', '--year', '20x3', '--db', ctx.db]);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /year/);
  r = await ctx.cli(['report', '--year', String(YEAR), '--format', 'doc', '--db', ctx.db]);
  assert.equal(r.code, 2);
});

stopTest(ctx);
