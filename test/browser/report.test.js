'use strict';
/*
** report.test.js: the annual report pages over the demo data.
**   - /reports lists the years and links each report; the navigation has
**     its entry;
**   - /reports/2023 in zh and en: one h1, the summary table with the API's
**     figures, the ECharts bar charts drawn from the tables (canvas,
**     data-rendered=1), no console error or failed request, valid HTML
**     (tidy), screenshots;
**   - print emulation (media print): the navigation, header, footer and
**     the page's buttons are not shown, the sections start new pages;
**     screenshot;
**   - at phone width (375 px): nothing wider than the screen; screenshot.
*/
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { useFixture, waitDrawn, navigate, screenshot, tidyCheck, withSource, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const fx = useFixture();
const YEAR = 2023;
const CHARTS = ['#chart-kind', '#chart-field', '#chart-continent', '#chart-stage'];
const TITLES = { zh: `济南市 ${YEAR} 年度国际友城工作报告`, en: `Jinan: annual report ${YEAR}` };
const CJK = /[\u3400-\u9fff]/;

const text = (page, sel) => page.$eval(sel, (el) => el.textContent.replace(/\s+/g, ' ').trim());

test('/reports lists the years, each linked to its report; the navigation has its entry', T, async () => {
  const o = await fx.open({ lang: 'en' });
  try {
    const { page, mon } = o;
    assert.equal((await page.goto('/reports')).status(), 200);
    assert.equal(await page.locator('nav a[href="/reports"][aria-current="page"]').count(), 1);
    const years = await page.$$eval('#report-years a', (as) => as.map((a) => a.getAttribute('href')));
    const api = await fx.api('/api/v1/reports');
    assert.deepEqual(years, api.items.map((i) => `/reports/${i.year}`));
    const url = await navigate(page, () => page.click(`#report-years a[href="/reports/${YEAR}"]`));
    assert.equal(url.pathname, `/reports/${YEAR}`);
    assert.equal(await text(page, 'h1'), TITLES.en);
    mon.assertClean('/reports');
  } finally { await o.context.close(); }
});

for (const lang of ['zh', 'en']) {
  describe(`the report of ${YEAR} (${lang})`, () => {
    let o;
    before(async () => {
      o = await fx.open({ lang });
      const res = await o.page.goto(`/reports/${YEAR}`);
      assert.equal(res.status(), 200);
      for (const c of CHARTS) await waitDrawn(o.page, c);
    }, T);
    after(async () => { if (o) await o.context.close(); });

    test('title, summary with the API figures, charts drawn, clean load, screenshot', T, async () => {
      const { page, mon } = o;
      assert.equal(await page.locator('h1').count(), 1);
      assert.equal(await text(page, 'h1'), TITLES[lang]);
      assert.equal(await page.getAttribute('html', 'lang'), lang === 'en' ? 'en' : 'zh-Hans');
      const rep = await fx.api(`/api/v1/reports/${YEAR}`);
      for (const c of rep.change) {
        const cells = await page.$$eval(`tr[data-metric="${c.metric}"] td`, (tds) => tds.map((td) => td.textContent.trim()));
        assert.deepEqual(cells.slice(0, 2), [String(c.current), String(c.previous)], c.metric);
      }
      /* Headings in the page's language only. */
      const heads = await page.$$eval('h2, h3, th[scope="col"]', (els) => els.map((e) => e.textContent.trim()));
      const wrong = heads.filter((h) => (lang === 'en' ? CJK.test(h) : !CJK.test(h) && !/^[\d\s]+$/.test(h)));
      assert.deepEqual(wrong, [], `headings not in ${lang}`);
      for (const sel of CHARTS) {
        const box = await page.$eval(sel, (el) => { const r = el.getBoundingClientRect(); return { w: r.width, h: r.height }; });
        assert.ok(box.w > 100 && box.h > 100, `${sel} is ${box.w}x${box.h}`);
      }
      assert.equal(await page.getAttribute('#report-xlsx', 'href'), `/reports/${YEAR}.xlsx`);
      mon.assertClean(`/reports/${YEAR} (${lang})`);
      await screenshot(page, `report-${YEAR}-${lang}`);
    });

    test('print: no navigation, header, footer or buttons; sections on new pages; screenshot', T, async () => {
      const { page } = o;
      assert.equal(await page.isVisible('header.top nav'), true);
      await page.emulateMedia({ media: 'print' });
      try {
        for (const sel of ['header.top', 'header.top nav', 'footer.foot', '.report-actions', '#report-xlsx']) {
          assert.equal(await page.isVisible(sel), false, `${sel} is shown in print`);
        }
        assert.equal(await page.isVisible('#rpt-summary'), true);
        const breaks = await page.$$eval('.rpt-section', (els) => els.map((el) => [el.id, getComputedStyle(el).breakBefore]));
        assert.deepEqual(breaks.filter(([id, b]) => id !== 'rpt-summary' && b !== 'page'), [], 'sections that do not start a page');
        await screenshot(page, `report-${YEAR}-${lang}-print`);
      } finally {
        await page.emulateMedia({ media: 'screen' });
      }
    });
  });
}

test('phone width: nothing wider than the screen; screenshot', T, async () => {
  const o = await fx.open({ lang: 'en', phone: true });
  try {
    const { page, mon } = o;
    assert.equal((await page.goto(`/reports/${YEAR}`)).status(), 200);
    await waitDrawn(page, '#chart-kind');
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(wide <= 1, `the page is ${wide} px wider than the screen`);
    mon.assertClean(`/reports/${YEAR} (phone)`);
    await screenshot(page, `report-${YEAR}-phone`);
  } finally { await o.context.close(); }
});

test('valid HTML (tidy): /reports and /reports/YEAR in zh and en', T, async () => {
  for (const lang of ['zh', 'en']) {
    for (const p of ['/reports', `/reports/${YEAR}`]) {
      const r = await fx.get(p, { cookie: `yc_lang=${lang}` });
      assert.equal(r.status, 200, p);
      const t = await tidyCheck(r.text);
      assert.deepEqual(withSource(r.text, t.real), [], `tidy on ${p} (${lang})`);
    }
  }
});
