'use strict';
/* dashboard.test.js: the dashboard in both languages (KPIs, reported
** figures, world map, charts, latest changes) and the language switch.
**
** The demo's own audit entries (projects, offers, the account) carry no
** links, so that the "latest changes" checks have records to check, one
** tie (Sacramento) and one organisation (/orgs/2) are edited first through
** the JSON API: a SYNTHETIC note is set and the old one put back. Counts,
** map and charts are unchanged by that. */
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { useFixture, waitDrawn, navigate, partnerIds, request, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const fx = useFixture();

/* The records edited before the dashboard is opened: their pages. Done
** once, from the first dashboard describe's `before` (root-level `before`
** hooks of node 20 run concurrently with the fixture's, so not there). */
const edited = [];
let editing = null;
const editRecords = () => (editing = editing || (async () => {
  const cookie = await fx.cookieFor();
  const me = await request(fx.port, 'GET', '/api/v1/me', { headers: { Cookie: cookie } });
  assert.equal(me.status, 200, me.text);
  const headers = { Cookie: cookie, 'X-CSRF-Token': JSON.parse(me.text).csrf, 'Content-Type': 'application/json' };
  const sacramento = (await partnerIds(fx)).Sacramento;
  for (const p of [`/api/v1/partners/${sacramento}`, '/api/v1/orgs/2']) {
    const old = await fx.api(p);
    for (const notes of ['SYNTHETIC test edit (test/browser/dashboard.test.js)', old.notes]) {
      const r = await request(fx.port, 'PATCH', p, { headers, body: JSON.stringify({ notes }) });
      assert.equal(r.status, 200, `PATCH ${p}: ${r.status} ${r.text.slice(0, 300)}`);
    }
    edited.push(p.replace('/api/v1', ''));
  }
})());

const CHARTS = ['#chart-continent', '#chart-decade', '#chart-status'];
const TITLES = { zh: '友城工作总览', en: 'Partner-city network overview' };
const LATEST = { zh: '最近更新', en: 'Latest changes' };

const text = (page, sel) => page.$eval(sel, (el) => el.textContent.replace(/\s+/g, ' ').trim());

/* Partner points (and the home city) that ECharts places outside the
** visible map area: [name (x,y)]. */
const offMap = (page) => page.evaluate(() => {
  const el = document.getElementById('worldmap');
  const chart = window.echarts.getInstanceByDom(el);
  const data = JSON.parse(document.getElementById('map-data').textContent);
  const w = el.clientWidth, h = el.clientHeight;
  const pts = [...data.points, { name: `home ${data.home.name}`, lng: data.home.lng, lat: data.home.lat }];
  return pts.map((p) => [p.name, chart.convertToPixel({ geoIndex: 0 }, [p.lng, p.lat])])
    .filter(([, [x, y]]) => !(x >= 0 && x <= w && y >= 0 && y <= h))
    .map(([n, [x, y]]) => `${n} (${Math.round(x)},${Math.round(y)}) outside ${w}x${h}`);
});

/* Open the dashboard in LANG and wait for the map and the three charts. */
async function openDashboard(lang) {
  const o = await fx.open(lang === 'en' ? { lang: 'en' } : {});
  const res = await o.page.goto('/');
  assert.equal(res.status(), 200);
  await waitDrawn(o.page, '#worldmap');
  for (const c of CHARTS) await waitDrawn(o.page, c);
  return o;
}

for (const lang of ['zh', 'en']) {
  describe(`dashboard (${lang})`, () => {
    /* One page per language, opened once: the tests only read it. */
    let o;
    before(async () => { await editRecords(); o = await openDashboard(lang); }, T);
    after(async () => { if (o) await o.context.close(); });

    test('title, KPI counts and the reported figures', T, async () => {
      const { page, mon } = o;
      assert.equal(await page.getAttribute('html', 'lang'), lang === 'en' ? 'en' : 'zh-Hans');
      assert.match(await text(page, 'h1'), new RegExp(`^${TITLES[lang]}`));
      assert.equal(await text(page, '#kpi-sister'), '12');
      assert.equal(await text(page, '#kpi-cooperation'), '16');
      assert.equal(await text(page, '#kpi-candidate'), '3');
      assert.equal(await text(page, '#kpi-total'), '31');
      /* The city's reported figures (29 sister + 63 cooperation as of
      ** 2024) next to the counts; never mixed into them. */
      const card = (id) => page.$eval(id, (el) => {
        const k = el.closest('.kpi');
        const r = k.querySelector('.kpi-reported');
        return { reported: r ? r.querySelector('strong').textContent.trim() : null, text: k.innerText.replace(/\s+/g, ' ') };
      });
      const sister = await card('#kpi-sister'), coop = await card('#kpi-cooperation');
      assert.equal(sister.reported, '29', `sister card: ${sister.text}`);
      assert.match(sister.text, /2024/, `sister card: ${sister.text}`);
      assert.equal(coop.reported, '63', `cooperation card: ${coop.text}`);
      assert.match(coop.text, /2024/, `cooperation card: ${coop.text}`);
      assert.match(sister.text, lang === 'en' ? /reported/ : /公布/, `sister card: ${sister.text}`);
      mon.assertClean(`/ (${lang})`);
    });

    test('world map and the three charts are drawn (canvas, data-rendered=1), no console errors, no failed requests', T, async () => {
      const { page, mon } = o;
      for (const sel of ['#worldmap', ...CHARTS]) {
        const box = await page.$eval(sel, (el) => { const r = el.getBoundingClientRect(); return { w: r.width, h: r.height }; });
        assert.ok(box.w > 100 && box.h > 100, `${sel} is ${box.w}x${box.h}`);
        assert.equal(await page.$$eval(`${sel} canvas`, (cs) => cs.length) > 0, true, `${sel} has a canvas`);
        assert.equal(await page.getAttribute(sel, 'data-rendered'), '1');
      }
      /* The map actually painted something: pixels of more than one colour. */
      const colours = await page.$eval('#worldmap canvas', (c) => {
        const ctx = c.getContext('2d');
        const d = ctx.getImageData(0, 0, c.width, c.height).data;
        const seen = new Set();
        for (let i = 0; i < d.length && seen.size < 10; i += 4 * 97) seen.add(`${d[i]},${d[i + 1]},${d[i + 2]},${d[i + 3]}`);
        return seen.size;
      });
      assert.ok(colours >= 3, `the world map canvas looks blank (${colours} colours)`);
      /* The map is fed the 29 ties (one point each) and the home city. */
      const data = JSON.parse(await page.$eval('#map-data', (el) => el.textContent));
      assert.equal(data.points.length, 31);
      assert.ok(data.home && data.home.name, 'the home city is on the map');
      assert.deepEqual(await offMap(page), [], 'points outside the map at 1280 px');
      /* The chart data tables stay in the page (usable without JS) and agree with the KPIs. */
      const statusSum = await page.$$eval('table.bars[data-chart="chart-status"] td.num', (tds) => tds.reduce((s, td) => s + Number(td.textContent), 0));
      assert.equal(statusSum, 31, 'the status chart sums to the 31 ties');
      const contSum = await page.$$eval('table.bars[data-chart="chart-continent"] td.num', (tds) => tds.reduce((s, td) => s + Number(td.textContent), 0));
      assert.equal(contSum, 31, 'the continent chart sums to the 31 ties');
      await page.waitForTimeout(200);   /* late console messages */
      mon.assertClean(`/ (${lang})`);
    });

    test('charts are drawn at the width of their card (no window resize needed)',
      { ...T },
      async () => {
        const { page, mon } = o;
        const sizes = await page.$$eval('.chart', (cs) => cs.map((c) => ({
          id: c.id, box: Math.round(c.getBoundingClientRect().width),
          canvas: Math.round(c.querySelector('canvas').getBoundingClientRect().width),
        })));
        assert.deepEqual(sizes.map((s) => `#${s.id}`).sort(), [...CHARTS].sort(), 'the three charts');
        for (const s of sizes) {
          assert.ok(s.canvas >= 0.9 * s.box, `#${s.id}: canvas ${s.canvas} px wide in a ${s.box} px container`);
        }
        mon.assertClean(`/ (${lang})`);
      });

    test(`"${LATEST[lang]}" list`, T, async () => {
      const { page, mon } = o;
      const h2 = await page.$$eval('h2', (hs) => hs.map((h) => h.textContent.trim()));
      assert.ok(h2.includes(LATEST[lang]), `headings: ${h2.join(' | ')}`);
      const section = page.locator('section.card', { has: page.locator('h2', { hasText: LATEST[lang] }) });
      const items = await section.locator('ul.changes li').count();
      assert.ok(items > 0 && items <= 10, `${items} latest changes`);
      /* Links of the entries lead to existing records; the two edited
      ** first are among them. */
      const hrefs = await section.locator('ul.changes a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      for (const h of edited) assert.ok(hrefs.includes(h), `${h} among the links of the latest changes: ${hrefs.join(' ')}`);
      for (const h of hrefs) assert.match(h, /^\/(partners|orgs|exchanges|events|delegations|projects|opportunities|news)\/\d+$/);
      mon.assertClean(`/ (${lang})`);
    });

    test(`"${LATEST[lang]}": each entry shows the name of its record`,
      { ...T },
      async () => {
        const { page, mon } = o;
        /* Later features add their own demo audit entries, so the latest
        ** ten may hold organisations, ties or neither: check every link. */
        const orgs = (await fx.api('/api/v1/orgs?limit=500')).items;
        const ties = (await fx.api('/api/v1/partners?limit=500')).items;
        const pick = (zh, en) => (lang === 'zh' ? (zh || en) : (en || zh));
        const name = {};
        for (const org of orgs) name[`/orgs/${org.id}`] = pick(org.name_zh, org.name_en);
        for (const t of ties) name[`/partners/${t.id}`] = t.label || pick(t.city.name_zh, t.city.name_en);
        const links = await page.$$eval('ul.changes a', (as) => as.map((a) => [a.getAttribute('href'), a.textContent.trim()]));
        const ours = links.filter(([href]) => href.startsWith('/orgs/') || href.startsWith('/partners/'));
        assert.ok(ours.some(([h]) => h.startsWith('/partners/')) && ours.some(([h]) => h.startsWith('/orgs/')),
          `a tie and an organisation among the latest changes: ${JSON.stringify(links)}`);
        const wrong = ours.filter(([href, t]) => t !== name[href]).map(([href, t]) => `${href}: "${t}", expected "${name[href]}"`);
        assert.deepEqual(wrong, []);
        mon.assertClean(`/ (${lang})`);
      });
  });
}

describe('dashboard at 375 px (phone)', () => {
  test('every partner point and the home city are inside the world map',
    { ...T },
    async () => {
      const { context, page, mon } = await fx.open({ phone: true });
      try {
        await page.goto('/');
        await waitDrawn(page, '#worldmap');
        assert.deepEqual(await offMap(page), []);
        mon.assertClean('/ at 375 px');
      } finally {
        await context.close();
      }
    });
});

describe('language switch', () => {
  test('click "English": html lang="en", English h1, the cookie keeps English on the next page; "简体中文" switches back', T, async () => {
    const { context, page, mon } = await fx.open();
    try {
      await page.goto('/');
      assert.equal(await page.getAttribute('html', 'lang'), 'zh-Hans');
      assert.match(await text(page, 'h1'), /^友城工作总览/);
      let u = await navigate(page, () => page.getByRole('link', { name: 'English', exact: true }).click());
      assert.equal(u.searchParams.get('lang'), 'en');
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.match(await text(page, 'h1'), /^Partner-city network overview/);
      const cookie = (await context.cookies()).find((c) => c.name === 'yc_lang');
      assert.ok(cookie, 'yc_lang cookie set');
      assert.equal(cookie.value, 'en');
      await waitDrawn(page, '#worldmap');

      /* Next page, reached through the navigation, without ?lang. */
      u = await navigate(page, () => page.locator('header nav a[href="/partners"]').click());
      assert.equal(u.pathname + u.search, '/partners');
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.match(await text(page, '#count'), /^31 in all$/);
      assert.match(await text(page, 'h1'), /^Partner/);

      /* And back. */
      u = await navigate(page, () => page.getByRole('link', { name: '简体中文', exact: true }).click());
      assert.equal(u.searchParams.get('lang'), 'zh');
      assert.equal(await page.getAttribute('html', 'lang'), 'zh-Hans');
      assert.match(await text(page, '#count'), /^共 31 个$/);
      await page.goto('/');
      assert.equal(await page.getAttribute('html', 'lang'), 'zh-Hans');
      assert.equal((await context.cookies()).find((c) => c.name === 'yc_lang').value, 'zh');
      await waitDrawn(page, '#worldmap');
      mon.assertClean('language switch');
    } finally {
      await context.close();
    }
  });

  test('the switch link keeps the current filters (/partners?kind=sister)', T, async () => {
    const { context, page, mon } = await fx.open();
    try {
      await page.goto('/partners?kind=sister');
      const u = await navigate(page, () => page.getByRole('link', { name: 'English', exact: true }).click());
      assert.equal(u.searchParams.get('lang'), 'en');
      assert.equal(u.pathname, '/partners');
      assert.equal(u.searchParams.get('kind'), 'sister');
      assert.equal(await text(page, '#count'), '12 in all');
      mon.assertClean('language switch on /partners');
    } finally {
      await context.close();
    }
  });
});
