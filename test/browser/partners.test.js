'use strict';
/* partners.test.js: the partner list (filters through the form, search,
** paging, CSV export), the partner page, the organisation pages and the
** 404 page, read-only over the demo data. */
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { useFixture, waitDrawn, navigate, partnerIds, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const fx = useFixture();

const text = (page, sel) => page.$eval(sel, (el) => el.textContent.replace(/\s+/g, ' ').trim());
/* The rows of table#partners: [{name, href, kind}] */
const rows = (page) => page.$$eval('table#partners tbody tr', (trs) => trs.map((tr) => {
  const a = tr.querySelector('td a');
  const badge = tr.querySelector('.badge[class*="kind-"]');
  return { name: a.textContent.trim(), href: a.getAttribute('href'), cell: tr.cells[0].textContent.replace(/\s+/g, ' ').trim(),
    kind: badge ? [...badge.classList].find((c) => c.startsWith('kind-')).slice(5) : null };
}));

/* Submit the filter form and wait for the list to load. */
function submitFilters(page) {
  return navigate(page, () => page.locator('form.filters button[type="submit"]').click());
}

/* Partner ids by English name, read once from the API. */
const ids = {};
let idsLoaded = null;
const loadIds = () => (idsLoaded = idsLoaded || partnerIds(fx).then((m) => Object.assign(ids, m)));

for (const lang of ['zh', 'en']) describe(lang === 'en' ? 'English' : '简体中文', () => {
  /* One browser page per language, shared by the tests below (each starts
  ** with mon.reset(): the checks are per test). */
  let o;
  before(async () => { await loadIds(); o = await fx.open(lang === 'en' ? { lang: 'en' } : {}); });
  after(async () => { if (o) await o.context.close(); });

  describe(`partner list (${lang})`, () => {

    test('all 31 ties, each row links to /partners/{id}', T, async () => {
      const { page, mon } = o;
      mon.reset();
      const res = await page.goto('/partners');
      assert.equal(res.status(), 200);
      assert.equal(await text(page, '#count'), lang === 'en' ? '31 in all' : '共 31 个');
      const r = await rows(page);
      assert.equal(r.length, 31);
      for (const x of r) assert.match(x.href, /^\/partners\/\d+$/);
      assert.equal(new Set(r.map((x) => x.href)).size, 31);
      /* The filter form has every filter, each with its name. */
      for (const [sel, name] of [['input', 'q'], ['select', 'kind'], ['select', 'status'], ['select', 'country'],
        ['select', 'continent'], ['input', 'established_from'], ['input', 'established_to'], ['select', 'sort']]) {
        assert.equal(await page.locator(`form.filters ${sel}[name="${name}"]`).count(), 1, `filter ${name}`);
      }
      /* The country select is over ISO2 codes. */
      const jp = await page.$eval('select[name="country"] option[value="JP"]', (op) => op.textContent);
      assert.equal(jp, lang === 'en' ? 'Japan' : '日本');
      mon.assertClean(`/partners (${lang})`);
    });

    test('kind = sister through the form: 12 rows, all sister; the CSV link carries the filter', T, async () => {
      const { page, mon } = o;
      mon.reset();
      await page.goto('/partners');
      await page.selectOption('select[name="kind"]', 'sister');
      await submitFilters(page);
      assert.equal(new URL(page.url()).searchParams.get('kind'), 'sister');
      const r = await rows(page);
      assert.equal(r.length, 12);
      assert.deepEqual([...new Set(r.map((x) => x.kind))], ['sister']);
      assert.equal(await text(page, '#count'), lang === 'en' ? '12 in all' : '共 12 个');
      /* The form shows the filter it applied. */
      assert.equal(await page.inputValue('select[name="kind"]'), 'sister');
      /* "Export CSV" = /partners.csv?<same filters>. */
      const link = page.getByRole('link', { name: lang === 'en' ? 'Export CSV' : '导出 CSV' });
      const href = await link.getAttribute('href');
      const u = new URL(href, fx.base);
      assert.equal(u.pathname, '/partners.csv');
      assert.equal(u.searchParams.get('kind'), 'sister');
      const csv = await page.request.get(href);
      assert.equal(csv.status(), 200);
      assert.match(csv.headers()['content-type'], /^text\/csv/);
      const lines = (await csv.text()).replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
      assert.equal(lines.length, 13, 'a header and 12 rows');
      mon.assertClean(`/partners?kind=sister (${lang})`);
    });

    test('country = JP through the form: Wakayama and Yamaguchi', T, async () => {
      const { page, mon } = o;
      mon.reset();
      await page.goto('/partners');
      await page.selectOption('select[name="country"]', 'JP');
      await submitFilters(page);
      const r = await rows(page);
      assert.equal(r.length, 2);
      const cells = r.map((x) => x.cell).sort().join(' | ');
      for (const n of ['Wakayama', '和歌山市', 'Yamaguchi', '山口市']) assert.ok(cells.includes(n), `${n} in ${cells}`);
      assert.deepEqual(r.map((x) => x.href).sort(), [`/partners/${ids.Wakayama}`, `/partners/${ids.Yamaguchi}`].sort());
      assert.equal(await text(page, '#count'), lang === 'en' ? '2 in all' : '共 2 个');
      mon.assertClean(`/partners?country=JP (${lang})`);
    });

    test('a Traditional-script search (薩克拉門托) finds the Simplified name (萨克拉门托市, Sacramento)', T, async () => {
      const { page, mon } = o;
      mon.reset();
      await page.goto('/partners');
      await page.fill('input[name="q"]', '薩克拉門托');
      await submitFilters(page);
      assert.equal(new URL(page.url()).searchParams.get('q'), '薩克拉門托');
      assert.equal(await page.inputValue('input[name="q"]'), '薩克拉門托', 'the search box keeps the query');
      const r = await rows(page);
      assert.equal(r.length, 1);
      assert.ok(r[0].cell.includes('萨克拉门托市') && r[0].cell.includes('Sacramento'), r[0].cell);
      assert.equal(r[0].href, `/partners/${ids.Sacramento}`);
      mon.assertClean(`/partners?q=薩克拉門托 (${lang})`);
    });

    test('a search that finds nothing says so', T, async () => {
      const { page, mon } = o;
      mon.reset();
      await page.goto('/partners');
      await page.fill('input[name="q"]', 'Atlantis-Nowhere');
      await submitFilters(page);
      assert.equal(await page.locator('table#partners').count(), 0);
      assert.equal(await text(page, '#count'), lang === 'en' ? '0 in all' : '共 0 个');
      assert.ok((await text(page, 'p.empty')).length > 0);
      mon.assertClean(`/partners?q=nothing (${lang})`);
    });

    test('an invalid filter (established_from=abc) answers 400 with an alert and keeps the form', T, async () => {
      const { page, mon } = o;
      mon.reset();
      mon.expect(400, /^\/partners\?/);
      await page.goto('/partners');
      await page.fill('input[name="established_from"]', 'abc');
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.url().includes('/partners?')),
        page.locator('form.filters button[type="submit"]').click(),
      ]);
      assert.equal(res.status(), 400);
      await page.waitForLoadState();
      assert.match(await text(page, '[role="alert"]'), lang === 'en' ? /date/i : /日期无效/);
      assert.equal(await page.inputValue('input[name="established_from"]'), 'abc');
      mon.assertClean(`/partners?established_from=abc (${lang})`);
    });

    test('the filter error names the field by its label, not its query-parameter name',
      { ...T },
      async () => {
        const { page, mon } = o;
        mon.reset();
        mon.expect(400, /^\/partners\?/);
        await page.goto('/partners?established_from=abc');
        const label = await text(page, 'label[for="established_from"]');
        const alert = await text(page, '[role="alert"]');
        assert.ok(!alert.includes('established_from'), `alert: ${alert}`);
        assert.ok(alert.includes(label), `alert "${alert}" does not name the field "${label}"`);
        mon.assertClean(`/partners?established_from=abc (${lang})`);
      });

    test('paging: limit=10 gives 10 rows and a next link; following it pages through all 31, and prev links back', T, async () => {
      const { page, mon } = o;
      mon.reset();
      await page.goto('/partners?limit=10');
      assert.equal(await page.locator('a[rel="prev"]').count(), 0, 'no prev link on the first page');
      const seen = [], pages = [];
      for (let i = 0; i < 5; i++) {
        const r = await rows(page);
        assert.ok(r.length <= 10);
        pages.push(r.map((x) => x.href));
        seen.push(...r.map((x) => x.href));
        assert.equal(await text(page, '#count'), lang === 'en' ? '31 in all' : '共 31 个');
        const next = page.locator('a[rel="next"]');
        if (!(await next.count())) break;
        const u = await navigate(page, () => next.click());
        /* An opaque keyset cursor (base64url), kept with the other parameters. */
        assert.match(u.searchParams.get('cursor'), /^[A-Za-z0-9_-]{8,}$/);
        assert.equal(u.searchParams.get('limit'), '10');
      }
      assert.equal(seen.length, 31);
      assert.equal(new Set(seen).size, 31, 'no row twice');
      /* Back from the last page: the same pages in reverse, then the first without a prev link. */
      for (let k = pages.length - 2; k >= 0; k--) {
        await navigate(page, () => page.locator('a[rel="prev"]').click());
        assert.deepEqual((await rows(page)).map((x) => x.href), pages[k], `page ${k + 1} again`);
      }
      assert.equal(await page.locator('a[rel="prev"]').count(), 0, 'no prev link back on the first page');
      assert.equal(await page.locator('a[rel="next"]').count(), 1);
      mon.assertClean(`/partners?limit=10 (${lang})`);
    });

    test('a row link opens the partner page', T, async () => {
      const { page, mon } = o;
      mon.reset();
      await page.goto('/partners?country=JP');
      const u = await navigate(page, () => page.locator('table#partners tbody a').first().click());
      assert.match(u.pathname, /^\/partners\/\d+$/);
      assert.match(await text(page, 'h1'), lang === 'en' ? /Wakayama|Yamaguchi/ : /和歌山市|山口市/);
      await waitDrawn(page, '#minimap');
      mon.assertClean(`row link (${lang})`);
    });
  });

  describe(`partner page (${lang})`, () => {
    test('Sacramento: facts, sources as links, organisations, mini map; no Edit/Delete when logged out', T, async () => {
      const { page, mon } = o;
      mon.reset();
      const res = await page.goto(`/partners/${ids.Sacramento}`);
      assert.equal(res.status(), 200);
      assert.match(await text(page, 'h1'), lang === 'en' ? /^Sacramento/ : /^萨克拉门托市/);
      const facts = await page.$$eval('dl.facts', (dls) => dls.map((d) => d.innerText).join('\n'));
      for (const s of ['Sacramento', '萨克拉门托市', '(US)', '1984-10-16']) assert.ok(facts.includes(s), `${s} in facts:\n${facts}`);
      /* Sources: URLs are links, other sources plain text. */
      const src = await page.$$eval('ol.sources li', (lis) => lis.map((li) => {
        const a = li.querySelector('a');
        return { text: li.textContent, href: a && a.getAttribute('href'), rel: a && a.getAttribute('rel') };
      }));
      assert.equal(src.length, 3);
      const links = src.filter((s) => s.href);
      assert.equal(links.length, 2, JSON.stringify(src));
      for (const l of links) {
        assert.match(l.href, /^https?:\/\//);
        assert.match(l.rel, /noopener/);
      }
      assert.ok(src.some((s) => !s.href && s.text.includes('2019-10-18')), 'the commentary is cited as text');
      /* Organisations of the tie link to their pages. */
      const orgs = await page.$$eval('ul.orgs a', (as) => as.map((a) => [a.getAttribute('href'), a.textContent.trim()]));
      assert.deepEqual(orgs.map((x) => x[0]).sort(), ['/orgs/1', '/orgs/2']);
      assert.ok(orgs.some((x) => x[1] === (lang === 'en' ? 'UC Davis School of Medicine' : '加州大学戴维斯分校医学院')), JSON.stringify(orgs));
      await waitDrawn(page, '#minimap');
      assert.equal(await page.locator(`a[href="/partners/${ids.Sacramento}/edit"]`).count(), 0);
      assert.equal(await page.locator(`a[href="/partners/${ids.Sacramento}/delete"]`).count(), 0);
      mon.assertClean(`/partners/${ids.Sacramento} (${lang})`);
    });

    test('match-score bars are as long as the score they show',
      { ...T },
      async () => {
        const { page, mon } = o;
        mon.reset();
        await page.goto(`/partners/${ids.Sacramento}`);
        const bars = await page.$$eval('.m-score', (els) => els.map((el) => {
          const outer = el.querySelector('.m-bar'), inner = outer && outer.firstElementChild;
          return { score: Number(el.querySelector('strong').textContent), cls: inner ? inner.className : null,
            ratio: inner ? inner.getBoundingClientRect().width / outer.getBoundingClientRect().width : null };
        }));
        /* Sacramento has a sourced profile (stem-cell research): its page
        ** lists its best counterparts (up to five), each with a score bar. */
        assert.ok(bars.length > 0, 'the Sacramento page shows no match scores (#profile-matches .m-score)');
        const wrong = bars.filter((b) => b.ratio === null || Math.abs(b.ratio * 100 - b.score) > 10)
          .map((b) => `score ${b.score}: bar ${Math.round(b.ratio * 100)}% (class "${b.cls}")`);
        assert.deepEqual(wrong, []);
        await waitDrawn(page, '#minimap');
        mon.assertClean(`/partners/${ids.Sacramento} matches (${lang})`);
      });

    test('a tie with a month-precision date and an unverified-type tie render', T, async () => {
      const { page, mon } = o;
      mon.reset();
      await page.goto(`/partners/${ids.Kharkiv}`);
      assert.ok((await page.innerText('main')).includes('2004-09'));
      await waitDrawn(page, '#minimap');
      await page.goto(`/partners/${ids.Marmaris}`);
      assert.equal(await page.locator('main .badge.unverified').count(), 1, 'unverified type is flagged');
      await waitDrawn(page, '#minimap');
      mon.assertClean(`Kharkiv, Marmaris (${lang})`);
    });
  });

  describe(`organisations (${lang})`, () => {
    test('list: table#orgs with the 8 demo organisations; a row opens the organisation page', T, async () => {
      const { page, mon } = o;
      mon.reset();
      const res = await page.goto('/orgs');
      assert.equal(res.status(), 200);
      const r = await page.$$eval('table#orgs tbody tr a', (as) => as.map((a) => [a.getAttribute('href'), a.textContent.trim()]));
      assert.equal(r.length, 8);
      for (const [h] of r) assert.match(h, /^\/orgs\/\d+$/);
      const want = lang === 'en' ? 'UC Davis School of Medicine' : '加州大学戴维斯分校医学院';
      assert.ok(r.some((x) => x[1] === want), JSON.stringify(r));
      const u = await navigate(page, () => page.locator('table#orgs a[href="/orgs/2"]').click());
      assert.equal(u.pathname, '/orgs/2');
      assert.equal(await text(page, 'h1'), want);
      const facts = await page.innerText('dl.facts');
      for (const s of ['UC Davis School of Medicine', '加州大学戴维斯分校医学院', 'US']) assert.ok(facts.includes(s), `${s} in ${facts}`);
      /* The partner tie it works in links back. */
      assert.ok(await page.locator(`main a[href="/partners/${ids.Sacramento}"]`).count() >= 1, 'the tie links back');
      mon.assertClean(`/orgs (${lang})`);
    });

    test('organisation page: URL sources are links, as on the partner page',
      { ...T },
      async () => {
        const { page, mon } = o;
        mon.reset();
        await page.goto('/orgs/2');
        const src = await page.$$eval('ol.sources li', (lis) => lis.map((li) => ({ text: li.textContent, a: !!li.querySelector('a[href^="http"]') })));
        const url = src.filter((s) => /^https?:\/\//.test(s.text));
        assert.ok(url.length > 0, 'org 2 has a URL source');
        for (const s of url) assert.ok(s.a, `"${s.text}" is not a link`);
        mon.assertClean(`/orgs/2 (${lang})`);
      });
  });

  describe(`404 page (${lang})`, () => {
    for (const p of ['/nope', '/partners/99999', '/orgs/99999']) {
      test(`${p}: status 404 in the site layout`, T, async () => {
        const { page, mon } = o;
        mon.reset();
        mon.expect(404, new RegExp(`^${p}$`));
        const res = await page.goto(p);
        assert.equal(res.status(), 404);
        assert.match(res.headers()['content-type'], /^text\/html/);
        assert.equal(await page.getAttribute('html', 'lang'), lang === 'en' ? 'en' : 'zh-Hans');
        assert.match(await text(page, 'h1'), lang === 'en' ? /^Page not found/ : /^页面不存在/);
        assert.equal(await page.locator('header.top nav a[href="/partners"]').count(), 1, 'site navigation');
        assert.equal(await page.locator('footer').count(), 1, 'site footer');
        assert.equal(await page.locator('main a[href="/"]').count(), 1, 'a way back');
        mon.assertClean(`${p} (${lang})`);
      });
    }
  });
});
