'use strict';
/* layout.test.js: the layout pages in a browser: the coverage/gap map and
** its modes, gap tables and export, candidate cities with "propose as
** candidate tie", making one's own country list, the twin-data upload and
** the rows for review, the network pages; both languages, desktop and
** phone, with screenshots in test-out/screenshots/layout-*.png.
** The CSV rows uploaded here are synthetic test input (real GeoNames
** places, made-up pairs), labelled so in the file name. */
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { useFixture, waitDrawn, navigate, screenshot, unlabelled, duplicateIds, tidyCheck, withSource, run, BIN, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const fx = useFixture();

const CSV = 'city1,country1,lat1,lng1,city2,country2,lat2,lng2\n' +
  'Brest,Belarus,52.0976,23.7341,Zibo,China,36.7906,118.0633\n' +
  'Savyetski District (Minsk),Belarus,53.92,27.6,Laiwu (Jinan),China,36.2,117.67\n' +
  'Kisbucsafalvaxyz,Hungary,46.9,16.9,Brest,Belarus,52.09,23.73\n';

const text = (page, sel) => page.$eval(sel, (el) => el.textContent.replace(/\s+/g, ' ').trim());

async function tidy(p, cookie) {
  const r = await fx.get(p, { cookie });
  assert.equal(r.status, 200, `${p}: ${r.status}`);
  const t = await tidyCheck(r.text);
  assert.deepEqual(t.real, [], `tidy on ${p}:\n${withSource(r.text, t.real).join('\n')}`);
}

describe('layout pages', () => {
  before(async () => {
    /* Some twin data, so that the network and candidate pages have content. */
    const f = path.join(fx.dir, 'synthetic-twins.csv');
    fs.writeFileSync(f, CSV);
    const r = await run(BIN, ['import', 'twins', f, '--db', fx.db]);
    assert.equal(r.code, 0, r.stderr);
  }, T);

  for (const lang of ['zh', 'en']) {
    test(`coverage map and gaps (${lang}): drawn, modes switch, tables, no console errors`, T, async () => {
      const o = await fx.open({ lang });
      const { page, mon } = o;
      const res = await page.goto('/layout?list=neighbours');
      assert.equal(res.status(), 200);
      await waitDrawn(page, '#layoutmap');
      assert.equal(await page.isVisible('#map-modes'), true, 'the mode buttons show once the map is drawn');
      assert.equal(await page.getAttribute('#layoutmap', 'data-mode'), 'ties');
      await page.click('#map-modes button[data-mode="list:neighbours"]');
      assert.equal(await page.getAttribute('#layoutmap', 'data-mode'), 'list:neighbours');
      assert.equal(await page.getAttribute('#map-modes button[data-mode="list:neighbours"]', 'aria-pressed'), 'true');
      await page.click('#map-modes button[data-mode="gaps"]');
      assert.equal(await page.getAttribute('#layoutmap', 'data-mode'), 'gaps');
      const colours = await page.$eval('#layoutmap canvas', (c) => {
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        const s = new Set();
        for (let i = 0; i < d.length; i += 4 * 97) s.add(`${d[i]},${d[i + 1]},${d[i + 2]}`);
        return s.size;
      });
      assert.ok(colours > 3, `the map painted ${colours} colour(s)`);
      /* 20 neighbours; the gap rows are the neighbours without a working tie */
      const api = await fx.api('/api/v1/layout?list=neighbours');
      assert.equal(await page.$$eval('#gaps tbody tr', (r) => r.length), api.gaps.length);
      assert.equal(await page.$eval('#gaps tbody tr', (r) => r.getAttribute('data-iso2')), api.gaps[0].iso2);
      assert.equal(await text(page, '#kpi-ties'), String(api.totals.ties));
      assert.deepEqual(await unlabelled(page), []);
      assert.deepEqual(await duplicateIds(page), []);
      await screenshot(page, `layout-map-desktop-${lang}`);
      mon.assertClean(`/layout (${lang})`);
      await o.context.close();
      const ph = await fx.open({ lang, phone: true });
      await ph.page.goto('/layout');
      await waitDrawn(ph.page, '#layoutmap');
      const over = await ph.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(over <= 1, `the page is ${over}px wider than the phone screen`);
      await screenshot(ph.page, `layout-map-phone-${lang}`);
      ph.mon.assertClean(`/layout phone (${lang})`);
      await ph.context.close();
    });
  }

  test('pages pass tidy', T, async () => {
    for (const p of ['/layout', '/layout?list=bri', '/layout/candidates?country=BY', '/lists', '/lists/bri', '/twins',
      '/twins/review', '/network', '/network/countries/BY', '/network/cities/625144']) await tidy(p);
    const cookie = await fx.cookieFor();
    for (const p of ['/lists/new', '/layout/candidates?country=BY', '/twins', '/twins/review']) await tidy(p, cookie);
  });

  test('candidates: reasons shown, home-province flag, propose as candidate tie', T, async () => {
    const o = await fx.open({ lang: 'en' });
    await fx.login(o.context);
    const { page, mon } = o;
    await page.goto('/layout/candidates?country=BY&limit=10');
    const first = await page.$eval('#candidates li', (li) => ({ id: li.getAttribute('data-city'), name: li.querySelector('h3 a').textContent }));
    assert.ok(await page.$$eval('#candidates li', (l) => l.length) >= 3);
    /* Brest is twinned (synthetic) with Zibo in Shandong: flagged */
    const brest = await page.$('#candidates li:has(h3 a:text-is("Brest"))');
    assert.ok(brest, 'Brest is listed');
    assert.match(await brest.innerText(), /Zibo/);
    await screenshot(page, 'layout-candidates-desktop-en');
    const url = await navigate(page, () => page.click(`#candidates li[data-city="${first.id}"] button[type="submit"]`));
    assert.match(url.pathname, /^\/partners\/\d+$/);
    assert.equal(url.searchParams.get('flash'), 'created');
    const tie = await fx.api(`/api/v1/partners/${url.pathname.split('/')[2]}`);
    assert.equal(tie.kind, 'candidate');
    assert.equal(tie.status, 'proposed');
    assert.equal(String(tie.city.id), first.id);
    assert.match(tie.notes, /candidate ranking/);
    assert.match(tie.notes, /population/);
    assert.match(tie.sources[0], /^youcheng candidate ranking \d{4}-\d\d-\d\d$/);
    /* The city is no longer a candidate */
    await page.goto('/layout/candidates?country=BY&limit=10');
    assert.equal(await page.$(`#candidates li[data-city="${first.id}"]`), null);
    mon.assertClean('candidates');
    await o.context.close();
    const z = await fx.open({ lang: 'zh', phone: true });
    await z.page.goto('/layout/candidates?list=neighbours&limit=6');
    assert.equal(await z.page.$$eval('#candidates li', (l) => l.length), 6);
    await screenshot(z.page, 'layout-candidates-phone-zh');
    z.mon.assertClean('candidates zh');
    await z.context.close();
  });

  test('own country list: create, see it in the layout, edit, delete', T, async () => {
    const o = await fx.open({ lang: 'zh' });
    await fx.loginAdmin(o.context);       /* country lists are admins' */
    const { page, mon } = o;
    await page.goto('/lists/new');
    await page.fill('#key', 'sd_test');
    await page.fill('#name_zh', '测试清单（合成）');
    await page.fill('#name_en', 'Test list (synthetic)');
    await page.check('input[name="m"][value="KR"]');
    await page.check('input[name="m"][value="JP"]');
    await screenshot(page, 'layout-list-form-desktop-zh');
    let url = await navigate(page, () => page.click('form.form button[type="submit"]'));
    assert.equal(url.pathname, '/lists/sd_test');
    assert.equal(await page.$$eval('#members tbody tr', (r) => r.length), 2);
    await page.goto('/layout?list=sd_test');
    assert.match(await text(page, '#kpi-share'), /%$/);
    await page.goto('/lists/sd_test/edit');
    await page.uncheck('input[name="m"][value="JP"]');
    url = await navigate(page, () => page.click('form.form button[type="submit"]'));
    assert.equal(url.searchParams.get('flash'), 'saved');
    assert.equal(await page.$$eval('#members tbody tr', (r) => r.length), 1);
    /* A bad key is refused next to the field */
    await page.goto('/lists/new');
    await page.fill('#key', 'Bad Key');
    await page.fill('#name_zh', 'x');
    await page.fill('#name_en', 'x');
    mon.expect(400, /^\/lists\/new$/);
    await navigate(page, () => page.click('form.form button[type="submit"]'));
    assert.equal(await page.getAttribute('#key', 'aria-invalid'), 'true');
    assert.ok(await page.$('#err-key'));
    /* Built-in lists offer no edit */
    await page.goto('/lists/bri');
    assert.equal(await page.$('a[href="/lists/bri/edit"]'), null);
    await page.goto('/lists/sd_test/delete');
    url = await navigate(page, () => page.click('form button.danger'));
    assert.equal(url.pathname, '/lists');
    assert.equal((await fx.get('/api/v1/lists/sd_test')).status, 404);
    mon.assertClean('lists');
    await o.context.close();
  });

  test('twin data: upload (dry run, import, column mapping), review and fix by hand, network pages', T, async () => {
    const o = await fx.open({ lang: 'en' });
    await fx.login(o.context);
    const { page, mon } = o;
    const f = path.join(fx.dir, 'synthetic-upload.csv');
    fs.writeFileSync(f, 'city1,country1,lat1,lng1,city2,country2,lat2,lng2\n' +
      'Hrodna,Belarus,53.6884,23.8258,Zibo,China,36.7906,118.0633\n' +
      'Atlantisville,Narnia,,,Zibo,China,36.79,118.06\n');
    await page.goto('/twins');
    await page.setInputFiles('#file', f);
    await page.check('#dry_run');
    await navigate(page, () => page.click('form.upload button[type="submit"]'));
    assert.equal(await text(page, '#rep-rows'), '2');
    assert.match(await text(page, '#report'), /dry run/);
    await page.setInputFiles('#file', f);
    await navigate(page, () => page.click('form.upload button[type="submit"]'));
    assert.equal(await text(page, '#rep-new'), '1');
    assert.equal(await text(page, '#rep-unresolved'), '1');
    await screenshot(page, 'layout-twins-desktop-en');
    /* a bad file: clear report, nothing written */
    const bad = path.join(fx.dir, 'bad.csv');
    fs.writeFileSync(bad, 'name,place\nx,y\n');
    await page.setInputFiles('#file', bad);
    mon.expect(400, /^\/twins\/import$/);
    await navigate(page, () => page.click('form.upload button[type="submit"]'));
    assert.match(await text(page, '#report'), /header must be/);
    /* a file with other columns, with a column mapping (synthetic pairs) */
    const own = path.join(fx.dir, 'synthetic-own-columns.csv');
    fs.writeFileSync(own, 'Town,Land,Partner,Partner land\nMinsk,Belarus,Zibo,China\n');
    await page.setInputFiles('#file', own);
    await page.selectOption('#format', 'mapped');
    await page.fill('#map', 'city1=Town,country1=Land,city2=Partner,country2=Partner land');
    await navigate(page, () => page.click('form.upload button[type="submit"]'));
    assert.equal(await text(page, '#rep-rows'), '1');
    assert.equal(await text(page, '#rep-new'), '1');
    assert.match(await text(page, '#report'), /column mapping/);
    /* the old address of the review page leads to the new one */
    await page.goto('/twins/unresolved?category=unknown_country');
    assert.match(page.url(), /\/twins\/review\?reason=unknown_country$/);
    assert.match(await text(page, '#review'), /Atlantisville/);
    await screenshot(page, 'layout-review-desktop-en');
    /* fix it by hand: pick the city with the autocomplete */
    const rowId = await page.$eval('#review tbody tr', (tr) => tr.id.replace('row-', ''));
    await page.click(`#row-${rowId} td:nth-child(3) details.fix summary`);
    await page.fill(`#fix-${rowId}-1`, 'Hrodn');
    await page.waitForSelector(`#fix-${rowId}-1-list li`);
    await page.click(`#fix-${rowId}-1-list li >> nth=0`);
    assert.equal(await page.$eval(`#row-${rowId} td:nth-child(3) input[name="city_id"]`, (i) => i.value), '627904');
    await navigate(page, () => page.click(`#row-${rowId} td:nth-child(3) button[value="city"]`));
    assert.match(page.url(), /fixed=1/, await text(page, 'main'));
    assert.ok(await page.isVisible('#fixed'));
    assert.equal(await page.$(`#row-${rowId}`), null, 'the fixed row left the list');
    const fixes = await fx.api('/api/v1/twins/fixes');
    assert.equal(fixes.items[0].city_id, 627904);
    /* "not a city" for the made-up village of the fixture */
    await page.goto('/twins/review?reason=not_found');
    const vId = await page.$eval('#review tbody tr', (tr) => tr.id.replace('row-', ''));
    assert.match(await text(page, `#row-${vId}`), /Kisbucsafalvaxyz/);
    await page.click(`#row-${vId} td:nth-child(3) details.fix summary`);
    await navigate(page, () => page.click(`#row-${vId} td:nth-child(3) button[value="not_a_city"]`));
    assert.equal(await page.$(`#row-${vId}`), null);
    await page.goto('/twins/review?reason=not_a_city');
    assert.match(await text(page, '#review'), /Kisbucsafalvaxyz/);
    assert.deepEqual(await unlabelled(page), []);
    assert.deepEqual(await duplicateIds(page), []);
    await page.goto('/network/countries/BY');
    assert.ok(await page.$$eval('#connected tbody tr', (r) => r.length) >= 2);
    await page.goto('/network/cities/629634');     /* Brest */
    assert.equal(await text(page, '#kpi-china'), '1');
    assert.equal(await text(page, '#kpi-province'), '1');
    await screenshot(page, 'layout-network-city-desktop-en');
    mon.assertClean('twins and network');
    await o.context.close();
    const z = await fx.open({ lang: 'zh', phone: true });
    await z.page.goto('/twins/review');
    const over = await z.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(over <= 1, `the review page is ${over}px wider than the phone screen`);
    await screenshot(z.page, 'layout-review-phone-zh');
    await z.page.goto('/network/countries/BY');
    await screenshot(z.page, 'layout-network-country-phone-zh');
    z.mon.assertClean('network zh');
    await z.context.close();
  });
});
