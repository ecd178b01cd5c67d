'use strict';
/* exports.test.js: the "Export CSV / XLSX" buttons of the list pages
** (ui_export_buttons): clicked in the browser, they download the page's
** rows with its filters — the exchanges in Chinese on a desktop, the people
** (signed in) in English at phone width. */
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { useFixture, screenshot, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const fx = useFixture();
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/* Click the link named `name` and wait for its download: {name, body}. */
async function download(page, name) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
  assert.equal(await d.failure(), null);
  return { name: d.suggestedFilename(), body: fs.readFileSync(await d.path()) };
}

test('exchanges (zh): 导出 CSV downloads the filtered rows', T, async () => {
  const { context, page, mon } = await fx.open({});
  try {
    const res = await page.goto('/exchanges?kind=culture');
    assert.equal(res.status(), 200);
    await screenshot(page, 'exports-exchanges-zh');
    const list = await fx.api('/api/v1/exchanges?kind=culture&limit=500');
    const all = await fx.api('/api/v1/exchanges');
    assert.ok(list.total > 0 && list.total < all.total, 'the filter selects some');
    const { name, body } = await download(page, '导出 CSV');
    const m = /^exchanges-(.*)\.csv$/.exec(name);
    assert.ok(m && DAY.test(m[1]), name);
    const text = body.toString('utf8');
    assert.ok(text.startsWith('\uFEFFid,date,'), text.slice(0, 40));
    const lines = text.split('\r\n');
    const ids = list.items.map((x) => x.id);
    for (const id of ids) assert.ok(lines.some((l) => l.startsWith(`${id},`)), `exchange ${id} exported`);
    assert.equal(lines.filter((l) => /^\d+,"\d{4}/.test(l)).length, ids.length, 'no other rows');
    assert.equal(await page.getByRole('link', { name: '导出 XLSX' }).getAttribute('href'), '/exchanges.xlsx?kind=culture');
    mon.assertClean('/exchanges?kind=culture (zh)');
  } finally { await context.close(); }
});

test('people (en, phone, signed in): Export XLSX downloads a workbook', T, async () => {
  const { context, page, mon } = await fx.open({ lang: 'en', phone: true });
  try {
    await fx.login(context);
    const res = await page.goto('/people?role=official');
    assert.equal(res.status(), 200);
    await screenshot(page, 'exports-people-en-phone');
    const { name, body } = await download(page, 'Export XLSX');
    const m = /^people-(.*)\.xlsx$/.exec(name);
    assert.ok(m && DAY.test(m[1]), name);
    assert.equal(body.subarray(0, 4).toString('latin1'), 'PK\x03\x04', 'a zip file');
    assert.ok(body.includes(Buffer.from('xl/workbook.xml')), 'with xl/workbook.xml');
    assert.equal(await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href'), '/people.csv?role=official');
    mon.assertClean('/people?role=official (en, phone)');
  } finally { await context.close(); }
});
