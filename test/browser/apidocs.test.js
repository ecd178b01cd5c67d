'use strict';
/* apidocs.test.js: the API reference page /api/docs (issue 13, item 5) in
** a browser, in Chinese and English, on a desktop and at phone width
** (screenshots test-out/screenshots/apidocs-LANG-DEVICE.png): the chrome in
** the page's language, the endpoints grouped by tag, each opening to its
** parameters and answers, schema links that land on their schema, no request to
** another host, valid HTML (tidy), no sideways scrolling on a phone. */
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { useFixture, screenshot, tidyCheck, withSource, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const fx = useFixture();

const want = {
  zh: { title: 'API 参考', params: '参数', responses: '应答', footer: 'API 参考' },
  en: { title: 'API reference', params: 'Parameters', responses: 'Responses', footer: 'API reference' },
};

describe('/api/docs', () => {
  for (const lang of ['zh', 'en']) {
    test(`the reference, by tag, with its schemas (${lang})`, T, async () => {
      const w = want[lang];
      const o = await fx.open({ lang });
      const { page, mon } = o;
      const outside = [];
      page.on('request', (req) => { if (!req.url().startsWith(fx.base)) outside.push(req.url()); });
      await page.goto('/');
      await page.click(`footer a[href="/api/docs"]`);
      await page.waitForURL(/\/api\/docs$/);
      assert.equal(await page.innerText('h1'), w.title);
      /* Each endpoint is one line until opened. */
      const op = page.locator('#api_partner_list');
      assert.equal(await op.locator('table.params').isVisible(), false);
      assert.match(await op.locator('summary').innerText(), /GET\s+\/api\/v1\/partners/);
      await op.locator('summary').click();
      assert.equal(await op.locator('h4').first().innerText(), w.params);
      assert.ok(await op.locator('table.params tr', { hasText: 'established_from' }).count() === 1);
      assert.ok(await op.locator('h4', { hasText: w.responses }).count() === 1);
      assert.ok(await page.locator('h2#tag-events').count() === 1);
      /* A schema link lands on its schema. */
      await op.locator('a[href="#schema-PartnerList"]').first().click();
      await page.waitForURL(/#schema-PartnerList$/);
      assert.ok(await page.locator('#schema-PartnerList').isVisible());
      assert.deepEqual(outside, [], 'no request to another host');
      const html = await page.content();
      const t = await tidyCheck(html);
      assert.deepEqual(withSource(html, t.real), [], `tidy:\n${withSource(html, t.real).join('\n')}`);
      await screenshot(page, `apidocs-${lang}-desktop`);
      mon.assertClean(`/api/docs ${lang}`);
      await o.context.close();
    });
  }

  test('phone width, no sideways scrolling (zh)', T, async () => {
    const o = await fx.open({ lang: 'zh', phone: true });
    const res = await o.page.goto('/api/docs');
    assert.equal(res.status(), 200);
    const over = await o.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(over <= 1, `no sideways scrolling at phone width (${over}px)`);
    await screenshot(o.page, 'apidocs-zh-phone');
    o.mon.assertClean('/api/docs phone zh');
    await o.context.close();
  });
});
