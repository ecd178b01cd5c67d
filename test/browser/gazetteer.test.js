'use strict';
/* gazetteer.test.js: the city autocomplete over the GeoNames gazetteer
** (Chinese names, admin-1 names that tell namesakes apart) and a city's
** Chinese name card on /network/cities/{id}, where a user sets the
** office's own name; in Chinese and English, on a desktop and a phone. */
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { useFixture, navigate, screenshot, suggest, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const fx = useFixture();

const text = (page, sel) => page.$eval(sel, (el) => el.textContent.replace(/\s+/g, ' ').trim());

describe('the city autocomplete', () => {
  test('Chinese page: 莫斯科 finds Moscow, shown with country (zh)', T, async () => {
    const { context, page, mon } = await fx.open({ lang: 'zh' });
    try {
      await fx.login(context);
      await page.goto('/partners/new');
      const opts = await suggest(page, '莫斯科');
      assert.match(opts[0], /^莫斯科（俄罗斯） Moscow/);
      await screenshot(page, 'gazetteer-autocomplete-zh-desktop');
      await page.locator('ul.suggest li[role="option"]').first().click();
      assert.equal(await page.inputValue('#city_id'), '524901');
      mon.assertClean('autocomplete zh');
    } finally { await context.close(); }
  });

  test('English page: Springfield, told apart by state', T, async () => {
    const { context, page, mon } = await fx.open({ lang: 'en' });
    try {
      await fx.login(context);
      await page.goto('/partners/new');
      const opts = await suggest(page, 'Springfield');
      assert.ok(opts.some((t) => t.startsWith('Springfield, Missouri, US')), JSON.stringify(opts));
      assert.ok(opts.some((t) => t.startsWith('Springfield, Massachusetts, US')), JSON.stringify(opts));
      assert.ok(opts.some((t) => t.startsWith('Springfield, Illinois, US')), JSON.stringify(opts));
      await screenshot(page, 'gazetteer-autocomplete-en-desktop');
      mon.assertClean('autocomplete en');
    } finally { await context.close(); }
  });

  test('phone width: 濟南 (Traditional) finds Jinan with its province', T, async () => {
    const { context, page, mon } = await fx.open({ lang: 'zh', phone: true });
    try {
      await fx.login(context);
      await page.goto('/partners/new');
      const opts = await suggest(page, '濟南');
      assert.match(opts[0], /^济南市（中国，山东省） Jinan/);   /* the demo office's own name */
      const box = await page.locator('ul.suggest').boundingBox();
      assert.ok(box.x >= 0 && box.x + box.width <= 376, `suggestions fit the screen: ${JSON.stringify(box)}`);
      await screenshot(page, 'gazetteer-autocomplete-zh-phone');
      mon.assertClean('autocomplete phone');
    } finally { await context.close(); }
  });
});

describe('a city\'s Chinese name', () => {
  test('the card shows GeoNames\' names; the form sets the office\'s own, then GeoNames\' again (en)', T, async () => {
    const { context, page, mon } = await fx.open({ lang: 'en' });
    try {
      await fx.login(context);
      await page.goto('/network/cities/5391959');    /* San Francisco */
      assert.match(await text(page, '#name-zh'), /^旧金山 \(from GeoNames\)$/);
      assert.match(await text(page, '#city-name'), /三藩市/);
      assert.match(await text(page, 'h1'), /California/);
      await page.fill('#name_zh', '三藩市');
      let u = await navigate(page, () => page.locator('#city-name button.primary').click());
      assert.equal(u.pathname, '/network/cities/5391959');
      assert.equal(u.search, '?flash=saved');
      assert.match(await text(page, '#name-zh'), /^三藩市 \(this office's own\)$/);
      await screenshot(page, 'gazetteer-city-name-en-desktop');
      const api = await fx.api('/api/v1/cities?q=' + encodeURIComponent('三藩市'));
      assert.equal(api.items[0].id, 5391959);
      assert.equal(api.items[0].name_zh, '三藩市');
      u = await navigate(page, () => page.locator('#city-name button[name="clear"]').click());
      assert.equal(u.search, '?flash=saved');
      assert.match(await text(page, '#name-zh'), /^旧金山 \(from GeoNames\)$/);
      mon.assertClean('city name en');
    } finally { await context.close(); }
  });

  test('a value without Chinese characters is refused; phone width (zh)', T, async () => {
    const { context, page, mon } = await fx.open({ lang: 'zh', phone: true });
    try {
      await fx.login(context);
      await page.goto('/network/cities/5391959');
      assert.match(await text(page, 'h1'), /旧金山/);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 376, `no horizontal scrolling: ${width}px`);
      await screenshot(page, 'gazetteer-city-name-zh-phone');
      await page.fill('#name_zh', 'San Francisco');
      mon.expect(400, /^\/network\/cities\/5391959\/name$/);
      await navigate(page, () => page.locator('#city-name button.primary').click());
      assert.match(await text(page, 'main'), /name_zh|中文|汉字/);
      await page.goto('/network/cities/5391959');
      assert.match(await text(page, '#name-zh'), /^旧金山/);
      mon.assertClean('city name zh');
    } finally { await context.close(); }
  });
});
