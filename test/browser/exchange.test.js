'use strict';
/*
** exchange.test.js: the pages of the exchange log, projects, relationship
** health and the calendar, in both languages, and their forms.
**
**   - valid HTML (tidy) for each page and state, zh and en;
**   - in chromium: clean load, labelled controls, no duplicate ids, one h1,
**     interface strings in the page's language, screenshots at 1280 and
**     375 px (test-out/screenshots/exchange-NAME-LANG-DEVICE.png), no
**     horizontal scrolling at 375 px;
**   - forms: an exchange recorded, its errors shown next to the fields,
**     edited and deleted, with the partner page's health and timeline
**     following; a project created, moved between stages; thresholds
**     validated and changed; the less-developed filter; CSRF.
**
** Every exchange and project written here is SYNTHETIC (titles start with
** "Synthetic"); the demo rows shown are the real ones of data/demo.
*/
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { useFixture, screenshot, unlabelled, duplicateIds, tidyCheck, withSource, partnerIds, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const fx = useFixture();

const ids = {};
let loaded = null;
const load = () => (loaded = loaded || partnerIds(fx).then((m) => Object.assign(ids, m)));
const text = (page, sel) => page.$eval(sel, (el) => el.textContent.replace(/\s+/g, ' ').trim());
const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

const PAGES = [
  { name: 'exchanges', path: '/exchanges' },
  { name: 'exchange', path: '/exchanges/1', data: true },
  { name: 'projects', path: '/projects' },
  { name: 'project', path: '/projects/1', data: true },
  { name: 'health', path: '/health' },
  { name: 'calendar', path: '/calendar?months=60' },
  { name: 'partner', path: () => `/partners/${ids.Sacramento}` },
  { name: 'exchange-form', path: () => `/exchanges/new?tie=${ids.Sacramento}`, login: true },
  { name: 'project-form', path: '/projects/new', login: true },
  { name: 'health-editor', path: '/health?all=1', login: true },
];
const MORE = [
  { name: 'exchanges-filtered', path: '/exchanges?kind=event&field=government&from=2019&to=2019-10&substantive=0' },
  { name: 'exchanges-bad-filter', path: '/exchanges?from=2019-13', status: 400 },
  { name: 'health-filtered', path: '/health?level=dormant&flag=no_substantive&kind=cooperation&less_developed=1' },
  { name: 'health-bad-filter', path: '/health?level=asleep', status: 400 },
  { name: 'calendar-range', path: '/calendar?from=2027&to=2034' },
  { name: 'calendar-bad', path: '/calendar?from=2030&to=2029', status: 400 },
  { name: 'projects-tie', path: () => `/projects?tie=${ids['Västerås']}` },
  { name: 'exchange-edit', path: '/exchanges/1/edit', login: true },
  { name: 'exchange-delete-confirm', path: '/exchanges/1/delete', login: true },
  { name: 'project-edit', path: '/projects/1/edit', login: true },
  { name: 'exchange-404', path: '/exchanges/999999', status: 404 },
  { name: 'exchange-form-error', login: true, status: 400, post: '/exchanges/new',
    form: { title: 'a & b <i>', kind: 'delegation_in', date: '2019-13-45', participants: 'many', links: 'ftp://x' } },
  { name: 'project-form-error', login: true, status: 400, post: '/projects/new',
    form: { title: 'Synthetic <b>', stage: 'lead', start: '2025-05', end: '2024', milestones: 'a | b | c | d' } },
];

const pathOf = (p) => (typeof p.path === 'function' ? p.path() : p.path);
const LANGS = ['zh', 'en'];
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

let session = null;
async function sessionCookie() {
  session = session || await fx.cookieFor();
  return session;
}

async function csrfFor(cookie) {
  const page = await fx.get('/exchanges/new', { cookie });
  const m = /name="csrf" value="([^"]+)"/.exec(page.text);
  assert.ok(m, 'a CSRF token in the form');
  return m[1];
}

async function served(p, lang) {
  const cookies = [`yc_lang=${lang}`];
  if (p.login) cookies.push(await sessionCookie());
  const cookie = cookies.join('; ');
  let r;
  if (p.post) r = await fx.post(p.post, { ...p.form, csrf: await csrfFor(cookie) }, { cookie });
  else r = await fx.get(pathOf(p), { cookie });
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
        const r = await tidyCheck(html);
        assert.deepEqual(withSource(html, r.real), [], `tidy on ${p.name} (${lang}):\n${withSource(html, r.real).join('\n')}`);
        if (p.name === 'exchange-form-error') {
          /* Errors next to their fields; the input kept and escaped. */
          /* One error at a time (the first found), next to its field. */
          assert.match(html, /<p class="field-error" id="err-(date|participants|links|ties)">/);
          assert.match(html, /aria-invalid="true"/);
          assert.match(html, /value="a &amp; b &lt;i&gt;"/);
        }
        if (p.name === 'project-form-error') assert.match(html, /id="err-(end|milestones)"/);
      });
    }
  }
});

/* Interface strings (data such as partner and organisation names in the
** choice lists are left out). */
function uiStrings(page, bData) {
  return page.$$eval(`${bData ? '' : 'h1, title, '}h2, h3, h4, label:not(.check), legend, th[scope="col"], button, a.button, .count, .hint, .field-error, .note`,
    (els) => els.map((el) => ({ tag: el.tagName.toLowerCase(), cls: el.className,
      text: (el.tagName === 'TITLE' ? el.textContent : el.innerText || el.textContent).replace(/\s+/g, ' ').trim() }))
      .filter((x) => x.text));
}

/* Results at 375 px, checked by the test after these, and the number of
** pages measured there (that test fails if they were not all measured). */
const overflow = [];
let phoneChecked = 0;
for (const lang of LANGS) {
  describe(`pages in the browser (${lang})`, () => {
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
      test(`${p.name} (${lang}): clean load, labels, language, screenshots`, T, async () => {
        for (const [device, o] of [['desktop', desk], ['phone', phone]]) {
          const { context, page, mon } = o;
          mon.reset();
          if (p.login) await fx.login(context);
          try {
            const res = await page.goto(pathOf(p));
            assert.equal(res.status(), 200, `${pathOf(p)} (${device})`);
            await page.evaluate(() => document.fonts.ready);
            if (device === 'desktop') {
              assert.equal(await page.locator('h1').count(), 1, 'one h1');
              assert.deepEqual(await unlabelled(page), [], 'controls without a label');
              assert.deepEqual(await duplicateIds(page), [], 'duplicate ids');
              const ui = await uiStrings(page, p.data);  /* a record's title is data */
              assert.ok(ui.length > 0, 'no interface strings found to check');
              const wrong = ui.filter((x) => {
                const t = x.text.replace(/简体中文|youcheng · 友城|iCalendar|ISIC|ISO 4217|CNY|USD|EUR|wb_low|wb_lower_middle|YYYY[-A-Z]*|http:\/\/|https:\/\/|done/g, '');
                if (lang === 'en') return CJK.test(t);
                return !CJK.test(t) && !/^[\d\s.,:%/()–-]*$/.test(t);
              }).map((x) => `<${x.tag} class="${x.cls}"> ${x.text}`);
              assert.deepEqual(wrong, [], `strings not in ${lang}`);
            }
            const w = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, view: window.innerWidth }));
            if (device === 'phone') {
              phoneChecked++;
              if (w.scroll > w.view) overflow.push(`${p.name} (${lang}): ${w.scroll} px wide at ${w.view} px`);
            }
            await screenshot(page, `exchange-${p.name}-${lang}-${device}`);
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

describe('forms', () => {
  let o;
  before(async () => {
    await load();
    o = await fx.open({ lang: 'en' });
    await fx.loginAdmin(o.context);       /* the thresholds are admins' */
  });
  after(async () => { if (o) await o.context.close(); });

  test('record an exchange: errors next to the fields, then saved; health and timeline follow; edit; delete', T, async () => {
    const { page, mon } = o;
    mon.reset();
    const tie = ids.Sacramento;
    await page.goto(`/partners/${tie}`);
    assert.equal(await text(page, '#health .level-dormant'), 'Dormant');
    await page.goto(`/exchanges/new?tie=${tie}`);
    assert.equal(await page.isChecked(`input[name="ties"][value="${tie}"]`), true, 'the tie of ?tie= is ticked');
    mon.expect(400, /^\/exchanges\/new$/);
    await page.fill('#title', 'Synthetic trade mission to Sacramento');
    await page.selectOption('#kind', 'trade_mission');
    await page.fill('#date', day(5));
    await page.click('form.form button[type="submit"]');
    assert.equal(await page.getAttribute('#date', 'aria-invalid'), 'true');
    assert.match(await text(page, '#err-date'), /future/);
    assert.equal(await page.inputValue('#title'), 'Synthetic trade mission to Sacramento', 'input kept');
    await page.fill('#date', day(-10));
    await page.check('input[name="fields"][value="economy_trade"]');
    await page.fill('#participants', '14');
    await page.fill('#sources', 'synthetic test entry');
    await Promise.all([page.waitForURL(/\/exchanges\/\d+\?flash=created$/), page.click('form.form button[type="submit"]')]);
    const exId = Number(/\/exchanges\/(\d+)/.exec(page.url())[1]);
    assert.match(await text(page, '.flash'), /Created/);
    assert.match(await text(page, 'dl.facts'), /Substantive/);
    await page.goto(`/partners/${tie}`);
    assert.equal(await text(page, '#health .level-active'), 'Active');
    assert.match(await text(page, '#timeline'), /Synthetic trade mission to Sacramento/);
    /* Edit: mark it protocol. */
    await page.goto(`/exchanges/${exId}/edit`);
    await page.selectOption('#substantive', '0');
    await Promise.all([page.waitForURL(/flash=saved$/), page.click('form.form button[type="submit"]')]);
    assert.match(await text(page, 'dl.facts'), /Protocol.*Set for this entry/);
    /* Delete through the confirmation page. */
    await page.goto(`/exchanges/${exId}/delete`);
    await Promise.all([page.waitForURL(/\/exchanges\?flash=deleted$/), page.click('button.danger')]);
    assert.match(await text(page, '.flash'), /Deleted/);
    await page.goto(`/partners/${tie}`);
    assert.equal(await text(page, '#health .level-dormant'), 'Dormant');
    mon.assertClean('exchange forms');
  });

  test('the log filters', T, async () => {
    const { page, mon } = o;
    mon.reset();
    const all = (await fx.api('/api/v1/exchanges?limit=1')).total;
    const incoming = (await fx.api('/api/v1/exchanges?kind=delegation_in&limit=1')).total;
    assert.ok(all > incoming && incoming > 0, `${all} ${incoming}`);
    await page.goto('/exchanges');
    assert.match(await text(page, '#count'), new RegExp(`^${all} exchange`));
    await page.selectOption('#kind', 'delegation_in');
    await Promise.all([page.waitForURL(/kind=delegation_in/), page.click('form.filters button[type="submit"]')]);
    assert.match(await text(page, '#count'), new RegExp(`^${incoming} exchange`));
    await page.goto('/exchanges?kind=agreement&from=2006&to=2006');
    assert.equal(await page.locator('#exchanges tbody tr').count(), 1, 'the CPAFFC approval of the Kharkiv tie (2006-07-31)');
    mon.assertClean('log filters');
  });

  test('a project through the pipeline', T, async () => {
    const { page, mon } = o;
    mon.reset();
    const tie = ids['Leiden'];
    await page.goto('/projects/new');
    mon.expect(400, /^\/projects\/new$/);
    await page.fill('#title', 'Synthetic silicon-carbide pilot line');
    await page.selectOption('#stage', 'contact');
    await page.check(`input[name="ties"][value="${tie}"]`);
    await page.fill('#sectors', 'C, 26');
    await page.fill('#start', '2025-05');
    await page.fill('#end', '2024');
    await page.fill('#milestones', '2025-06 | Synthetic first visit | done\nSynthetic signing');
    await page.click('form.form button[type="submit"]');
    assert.equal(await page.getAttribute('#end', 'aria-invalid'), 'true');
    assert.ok((await text(page, '#err-end')).length > 0);
    await page.fill('#end', '2027');
    await Promise.all([page.waitForURL(/\/projects\/\d+\?flash=created$/), page.click('form.form button[type="submit"]')]);
    const pid = Number(/\/projects\/(\d+)/.exec(page.url())[1]);
    assert.equal(await page.locator('#milestones li').count(), 2);
    await page.goto('/projects');
    assert.match(await text(page, 'td[data-stage="contact"]'), /Synthetic silicon-carbide pilot line/);
    await page.goto(`/projects/${pid}/edit`);
    await page.selectOption('#stage', 'implementing');
    await Promise.all([page.waitForURL(/flash=saved$/), page.click('form.form button[type="submit"]')]);
    await page.goto(`/projects?tie=${tie}`);
    assert.match(await text(page, 'td[data-stage="implementing"]'), /Synthetic silicon-carbide pilot line/);
    assert.doesNotMatch(await text(page, 'td[data-stage="contact"]'), /Synthetic/);
    await page.goto(`/partners/${tie}`);
    assert.match(await text(page, '#tie-projects'), /Synthetic silicon-carbide pilot line/);
    const proj = await page.$$eval('#health-factors tr', (trs) => trs.map((t) => t.innerText).find((s) => /Projects in force/.test(s)));
    assert.match(proj, /5 \/ 10/);
    await page.goto(`/projects/${pid}/delete`);
    await Promise.all([page.waitForURL(/\/projects\?flash=deleted$/), page.click('button.danger')]);
    mon.assertClean('project forms');
  });

  test('thresholds: an invalid value is shown next to its field; a valid one is saved and shown', T, async () => {
    const { page, mon } = o;
    mon.reset();
    await page.goto('/health#thresholds');
    mon.expect(400, /^\/health\/thresholds$/);
    await page.fill('#thr-candidate-dormant_months', '3');
    await page.click('#thr-candidate button[type="submit"]');
    assert.equal(await page.getAttribute('#thr-candidate-dormant_months', 'aria-invalid'), 'true');
    assert.ok((await text(page, '#thr-candidate .field-error')).length > 0);
    /* Submit one kind's form and wait for the page it redirects to. */
    const save = async () => {
      const [res] = await Promise.all([
        page.waitForResponse((r) => new URL(r.url()).pathname === '/health/thresholds' && r.request().method() === 'POST'),
        page.click('#thr-candidate button[type="submit"]'),
      ]);
      assert.equal(res.status(), 303);
      await page.waitForURL(/flash=saved/);
      await page.waitForLoadState('load');
    };
    await page.fill('#thr-candidate-dormant_months', '18');
    await save();
    const row = await page.$$eval('#threshold-table tbody tr', (trs) => trs.map((t) => t.innerText.split('\t').map((s) => s.trim())));
    assert.equal(row[2][2], '18', JSON.stringify(row));
    await page.fill('#thr-candidate-dormant_months', '12');
    await save();
    mon.assertClean('thresholds');
  });

  test('the less-developed filter keeps only partners in low and lower-middle income countries', T, async () => {
    const { page, mon } = o;
    mon.reset();
    await page.goto('/health');
    const all = await page.locator('#attention tbody tr').count();
    await page.check('#less_developed');
    await Promise.all([page.waitForURL(/less_developed=1/), page.click('form.filters button[type="submit"]')]);
    const tags = await page.$$eval('#attention tbody tr', (trs) => trs.map((t) => (t.querySelector('.income') || {}).className || ''));
    assert.ok(tags.length > 0 && tags.length < all, `${tags.length} of ${all}`);
    for (const c of tags) assert.match(c, /income-wb_(low|lower_middle)\b/);
    mon.assertClean('less developed');
  });

  test('a form posted without the CSRF token is refused', T, async () => {
    const cookie = await sessionCookie();
    const r = await fx.post('/exchanges/new', { title: 'Synthetic', kind: 'event', date: '2020' }, { cookie });
    assert.equal(r.status, 403);
    const t = await fx.post('/health/thresholds', { kind: 'sister', dormant_months: '30' }, { cookie });
    assert.equal(t.status, 403);
  });

  test('the calendar page links a working iCalendar feed', T, async () => {
    const { page, mon } = o;
    mon.reset();
    await page.goto('/calendar?months=60');
    assert.ok(await page.locator('#calendar tbody tr').count() > 0);
    const href = await page.getAttribute('#ics', 'href');
    const r = await fx.get(href);
    assert.equal(r.status, 200);
    assert.match(r.headers['content-type'], /^text\/calendar/);
    assert.match(r.text, /^BEGIN:VCALENDAR\r\n/);
    mon.assertClean('calendar');
  });
});
