'use strict';
/* candidates.test.js: the candidate cities in a browser (issue 10, item
** 6): the fit with the home city learned from the world twin network, the
** industry fit, the sub-city units left out, in Chinese and English, on a
** desktop and at phone width (screenshots in test-out/screenshots/
** candidates-*.png); marking a list expand on its page and seeing its
** covered countries in the layout. The whole public Wikipedia-derived twin
** file is imported first (the test fails, naming the file, when it is
** missing); the organisation and the exchange made here are synthetic
** test input, labelled so. */
const { test, describe, before } = require('node:test');
const assert = require('node:assert/strict');
const { sharedDataFile } = require('../common.js');
const { useFixture, navigate, screenshot, tidyCheck, withSource, run, BIN, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const fx = useFixture();
const HOUSTON = 4699066;

async function csrfFor(cookie, p) {
  const page = await fx.get(p, { cookie });
  const m = /name="csrf" value="([^"]+)"/.exec(page.text);
  assert.ok(m, `a CSRF token in ${p}`);
  return m[1];
}

describe('candidate cities', () => {
  before(async () => {
    const r = await run(BIN, ['import', 'twins', sharedDataFile('twin_cities_wikipedia_geocoded.csv'), '--db', fx.db]);
    assert.equal(r.code, 0, r.stderr);
    const cookie = await fx.cookieFor();
    const o = await fx.post('/orgs/new', { csrf: await csrfFor(cookie, '/orgs/new'), name_en: 'Houston Test Machinery (synthetic fixture)',
      type: 'enterprise', side: 'partner', city: 'Houston', city_id: String(HOUSTON), industries: '28' }, { cookie });
    assert.equal(o.status, 303, o.text.slice(0, 500));
  }, T);

  const want = {
    zh: { fit: /与济南市?同类的城市（PPLA，100 万–500 万人）的友城中，PPLA 城市占 \d+\.\d%/, summary: /匹配度学自世界友城网络/,
      industry: /与本市机构的共同产业：28 /, excluded: /未列入：已列城市的组成部分/, factor: '与本市的匹配度' },
    en: { fit: /cities like Jinan \(PPLA, 1–5 M people\) are twinned with PPLA cities \d+\.\d% of the time/,
      summary: /Fit learned from the world twin network/, industry: /in common with home organisations: 28 /,
      excluded: /Left out: parts of a listed city/, factor: 'Fit with our city' },
  };
  for (const lang of ['zh', 'en']) {
    for (const phone of [false, true]) {
      test(`the reasons in ${lang}${phone ? ' at phone width' : ''}`, T, async () => {
        const o = await fx.open({ lang, phone });
        const { page, mon } = o;
        const res = await page.goto('/layout/candidates?country=US&limit=30');
        assert.equal(res.status(), 200);
        const w = want[lang];
        assert.match(await page.innerText('#fit-summary'), w.summary);
        const phoenix = page.locator('#candidates li', { has: page.locator('h3 a', { hasText: /^Phoenix$|^凤凰城$/ }) });
        assert.equal(await phoenix.count(), 1, 'Phoenix is a candidate');
        const row = phoenix.locator('tr', { has: page.locator('th', { hasText: w.factor }) });
        assert.match(await row.innerText(), w.fit);
        const hou = page.locator(`#candidates li[data-city="${HOUSTON}"]`);
        assert.match(await hou.innerText(), w.industry);
        assert.match(await page.innerText('main'), w.excluded);
        assert.ok(await page.locator('#excluded li').count() > 0);
        if (phone) {
          const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(over <= 1, `no sideways scrolling at phone width (${over}px)`);
        }
        await phoenix.scrollIntoViewIfNeeded();
        await screenshot(page, `candidates-${phone ? 'phone' : 'desktop'}-${lang}`);
        mon.assertClean(`candidates ${lang}`);
        await o.context.close();
      });
    }
  }

  test('mark a list expand on its page; its covered countries rank', T, async () => {
    /* The US covered by a working tie: a synthetic exchange with Sacramento. */
    const cookie = await fx.cookieFor();
    const tie = (await fx.api('/api/v1/partners?limit=500')).items.find((t) => t.city.id === 5389489).id;
    const day = new Date(Date.now() - 10 * 86400000).toISOString().slice(0, 10);
    const ex = await fx.post('/exchanges/new', { csrf: await csrfFor(cookie, '/exchanges/new'), title: 'Synthetic delegation (test)',
      kind: 'delegation_out', date: day, ties: String(tie), sources: 'synthetic test entry' }, { cookie });
    assert.equal(ex.status, 303, ex.text.slice(0, 500));
    const o = await fx.open({ lang: 'en' });
    await fx.loginAdmin(o.context);       /* country lists are admins' */
    const { page, mon } = o;
    await page.goto('/lists/major');
    assert.equal(await page.getAttribute('#expand-state', 'data-expand'), '1', 'marked by its data (the 2019 commentary)');
    await navigate(page, () => page.click('#expand-toggle'));
    assert.equal(await page.getAttribute('#expand-state', 'data-expand'), '0');
    assert.match(await page.innerText('#expand-state'), /set by the office/);
    await page.goto('/layout?list=major');
    assert.equal(await page.locator('#expand-section').count(), 0);
    await page.goto('/lists/major');
    await navigate(page, () => page.click('#expand-toggle'));
    assert.equal(await page.getAttribute('#expand-state', 'data-expand'), '1');
    await page.goto('/layout?list=major');
    assert.equal(await page.locator('#expand tr[data-iso2="US"]').count(), 1, 'the US is listed to expand');
    await page.goto('/layout/candidates?list=major&limit=100');
    assert.match(await page.innerText('#expand-note'), /US/);
    assert.ok(await page.locator('#candidates li', { hasText: 'United States' }).count() > 0, 'US cities are proposed');
    mon.assertClean('expand');
    await o.context.close();
    for (const p of ['/layout/candidates?country=US', '/lists/major', '/layout?list=major']) {
      const r = await fx.get(p, { cookie });
      const t = await tidyCheck(r.text);
      assert.deepEqual(t.real, [], `tidy on ${p}:\n${withSource(r.text, t.real).join('\n')}`);
    }
  });
});
