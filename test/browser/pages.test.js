'use strict';
/*
** pages.test.js: every page in both languages.
**
**   - valid HTML: the served HTML (fetched with node:http) through
**     `tidy -q -e --show-warnings yes`; see tidyCheck() in lib.js for the
**     warnings that are ignored and why;
**   - in chromium at 1280 px: loads with no console error or warning, no
**     failed request, no unexpected status, no request to a host other
**     than 127.0.0.1; every control is labelled; no duplicate ids; one h1;
**     the interface strings are in the page's language;
**   - full-page screenshots at 1280 px (desktop) and 375 px (phone) in
**     test-out/screenshots/NAME-LANG-DEVICE.png; at 375 px, no horizontal
**     scrolling.
*/
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { useFixture, waitDrawn, screenshot, unlabelled, duplicateIds, tidyCheck, withSource, partnerIds,
  TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const fx = useFixture();

const ids = {};
let loaded = null;
const load = () => (loaded = loaded || partnerIds(fx).then(async (m) => {
  Object.assign(ids, m);
  ids.cursor10 = (await fx.api('/api/v1/partners?limit=10')).next_cursor;   /* a keyset cursor: page 2 */
}));

/* The pages of the issue. path may be a function (ids known at run time). */
const PAGES = [
  { name: 'dashboard', path: '/', drawn: ['#worldmap', '#chart-continent', '#chart-decade', '#chart-status'] },
  { name: 'partners', path: '/partners' },
  { name: 'partner', path: () => `/partners/${ids.Sacramento}`, drawn: ['#minimap'] },
  { name: 'orgs', path: '/orgs' },
  { name: 'org', path: '/orgs/2' },
  { name: 'login', path: '/login' },
  { name: 'partner-form', path: '/partners/new', login: true },
  { name: '404', path: '/nope', status: 404 },
];

/* More states, checked with tidy only. */
const MORE = [
  { name: 'partners-filtered', path: '/partners?kind=sister&country=JP&q=%E5%B1%B1&sort=name' },
  { name: 'partners-paged', path: () => `/partners?limit=10&cursor=${encodeURIComponent(ids.cursor10)}` },
  { name: 'partners-invalid-filter', path: '/partners?established_from=abc', status: 400 },
  { name: 'partner-month-date', path: () => `/partners/${ids.Kharkiv}` },
  { name: 'partner-404', path: '/partners/99999', status: 404 },
  { name: 'partner-edit', path: () => `/partners/${ids.Sacramento}/edit`, login: true },
  { name: 'partner-delete-confirm', path: () => `/partners/${ids.Sacramento}/delete`, login: true },
  { name: 'partner-form-error', login: true, status: 400, post: '/partners/new',
    form: { city: 'Bordeaux, FR', kind: 'sister', established: '2019-13-45', notes: 'a & b <i>', sources: 'x\ny' } },
  { name: 'login-failed', status: 401, post: '/login', form: { user: 'alice', password: 'wrong-password-1', next: '/' } },
  { name: 'orgs-filtered', path: '/orgs?type=enterprise&side=home' },
  { name: 'org-form', path: '/orgs/new', login: true },
  { name: 'org-edit', path: '/orgs/2/edit', login: true },
  { name: 'dashboard-logged-in', path: '/', login: true },
];

const pathOf = (p) => (typeof p.path === 'function' ? p.path() : p.path);
const LANGS = ['zh', 'en'];
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

let session = null;
async function sessionCookie() {
  session = session || await fx.cookieFor();
  return session;
}

/* The served HTML of a page: GET (or POST with the session's CSRF token). */
async function served(p, lang) {
  const cookies = [`yc_lang=${lang}`];
  if (p.login) cookies.push(await sessionCookie());
  const cookie = cookies.join('; ');
  let r;
  if (p.post) {
    const form = { ...p.form };
    if (p.post === '/login') {
      const t = await fx.loginToken();
      form.csrf = t.csrf;
      r = await fx.post(p.post, form, { cookie: `${cookie}; ${t.cookie}` });
    } else if (p.login) {
      const page = await fx.get('/partners/new', { cookie });
      const m = /name="csrf" value="([^"]+)"/.exec(page.text);
      assert.ok(m, 'a CSRF token in the form');
      form.csrf = m[1];
    }
    if (!r) r = await fx.post(p.post, form, { cookie });
  } else {
    r = await fx.get(pathOf(p), { cookie });
  }
  assert.equal(r.status, p.status || 200, `${p.post || pathOf(p)}: HTTP ${r.status}`);
  assert.match(r.headers['content-type'] || '', /^text\/html; charset=utf-8/i);
  return r.text;
}

describe('valid HTML (tidy)', () => {
  before(load);
  for (const lang of LANGS) {
    for (const p of [...PAGES, ...MORE]) {
      test(`${p.name} (${lang})`, T, async () => {
        const html = await served(p, lang);
        assert.match(html, /^<!DOCTYPE html>/i);
        assert.match(html, new RegExp(`<html lang="${lang === 'en' ? 'en' : 'zh-Hans'}">`));
        const r = await tidyCheck(html);
        assert.deepEqual(withSource(html, r.real), [], `tidy on ${p.name} (${lang}):\n${withSource(html, r.real).join('\n')}`);
      });
    }
  }
});

/* UI strings that must be translated: headings, labels, table heads,
** buttons, links of the header, options. Proper names in the data are not
** UI strings, so only these elements are looked at. */
function uiStrings(page) {
  return page.$$eval('h1, h2, h3, label, legend, th[scope="col"], button, .kpi-label, .kpi-note, header nav a, a.button, .count, .hint, .field-error, option, title, footer p, .skip',
    (els) => els.map((el) => ({ tag: el.tagName.toLowerCase(), cls: el.className, text: (el.tagName === 'TITLE' ? el.textContent : el.innerText || el.textContent).replace(/\s+/g, ' ').trim() }))
      .filter((x) => x.text));
}

/* Results at 375 px, checked by the last test, and the number of pages
** measured there (the last test fails if they were not all measured). */
const overflow = [];
let phoneChecked = 0;

for (const lang of LANGS) {
  describe(`every page in the browser (${lang})`, () => {
    let desk, phone;
    before(async () => {
      await load();
      desk = await fx.open({ lang });
      phone = await fx.open({ lang, phone: true });
    });
    after(async () => {
      if (desk) await desk.context.close();
      if (phone) await phone.context.close();
    });

    for (const p of PAGES) {
      test(`${p.name} (${lang}): clean load, labelled controls, screenshots at 1280 and 375 px`, T, async () => {
        for (const [device, o] of [['desktop', desk], ['phone', phone]]) {
          const { context, page, mon } = o;
          const path = pathOf(p);
          mon.reset();
          if (p.status) mon.expect(p.status, new RegExp(`^${path.replace(/[?]/g, '\\?')}$`));
          if (p.login) await fx.login(context);
          try {
            const res = await page.goto(path);
            assert.equal(res.status(), p.status || 200, `${path} (${device})`);
            for (const sel of p.drawn || []) await waitDrawn(page, sel);
            await page.evaluate(() => document.fonts.ready);
            assert.equal(await page.getAttribute('html', 'lang'), lang === 'en' ? 'en' : 'zh-Hans');
            if (device === 'desktop') {
              assert.ok((await page.title()).length > 0, 'a title');
              assert.equal(await page.locator('h1').count(), 1, 'one h1');
              assert.deepEqual(await unlabelled(page), [], 'controls without a label');
              assert.deepEqual(await duplicateIds(page), [], 'duplicate ids');
              assert.deepEqual(await page.$$eval('img:not([alt])', (is) => is.map((i) => i.src)), [], 'images without alt');
              /* Interface strings in the page's language. */
              const ui = await uiStrings(page);
              assert.ok(ui.length > 0, 'no interface strings found to check');
              const wrong = ui.filter((x) => {
                if (x.tag === 'option') return false;   /* country names etc. are data */
                if (lang === 'en') return CJK.test(x.text.replace(/简体中文|友城|youcheng · 友城/g, ''));
                return !CJK.test(x.text) && !/^(CSV|YYYY|[\d\s.,:%-]+)$/.test(x.text);
              }).map((x) => `<${x.tag} class="${x.cls}"> ${x.text}`);
              assert.deepEqual(wrong, [], `strings not in ${lang}`);
            }
            const w = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, view: window.innerWidth }));
            if (device === 'phone') {
              phoneChecked++;
              if (w.scroll > w.view) overflow.push(`${p.name} (${lang}): page is ${w.scroll} px wide at ${w.view} px`);
            }
            await screenshot(page, `${p.name}-${lang}-${device}`);
            mon.assertClean(`${p.name} (${lang}, ${device})`);
          } finally {
            if (p.login) await context.clearCookies({ name: 'yc_session' });
          }
        }
      });
    }
  });
}

test('no page scrolls horizontally at 375 px', T, () => {
  assert.equal(phoneChecked, PAGES.length * LANGS.length, 'every page was measured at 375 px');
  assert.deepEqual(overflow, []);
});
