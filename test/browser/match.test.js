'use strict';
/*
** match.test.js: the pages of the industry database and matchmaking in
** chromium: the opportunity marketplace (facets, search), an opportunity's
** page with its ranked, explained matches and interests, the forms, the
** matchmaking and search pages, the profile and offers sections of the
** partner and organisation pages and their editors. Each page: valid HTML
** (tidy), no console error or failed request, labelled controls, unique
** ids, one h1; screenshots at 1280 px and 375 px in both languages
** (test-out/screenshots/match-*.png). Opportunities created here are
** SYNTHETIC (their titles say so).
*/
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { useFixture, screenshot, unlabelled, duplicateIds, tidyCheck, withSource, partnerIds, navigate,
  TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const fx = useFixture();
let ids = {}, orgs = {}, cookie = '', opp = 0;

async function csrfOf(path) {
  const r = await fx.get(path, { cookie });
  assert.equal(r.status, 200, `${path}: ${r.status}`);
  const m = /name="csrf" value="([^"]+)"/.exec(r.text);
  assert.ok(m, `no CSRF field on ${path}`);
  return m[1];
}

/* Load PATH in chromium; check it; screenshot it. */
async function check(path, name, { lang = 'zh', phone = false, login = false, status = 200, shot = true } = {}) {
  const { context, page, mon } = await fx.open({ lang, phone });
  try {
    if (login) await fx.login(context);
    if (status !== 200) mon.expect(status, /./);
    const res = await page.goto(path);
    assert.equal(res.status(), status, `${path}: HTTP ${res.status()}`);
    mon.assertClean(path);
    assert.deepEqual(await unlabelled(page), [], `${path}: unlabelled controls`);
    assert.deepEqual(await duplicateIds(page), [], `${path}: duplicate ids`);
    assert.equal(await page.$$eval('h1', (a) => a.length), 1, `${path}: one h1`);
    if (phone) {
      const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(over <= 1, `${path}: scrolls sideways by ${over} px at 375 px`);
    }
    if (shot) await screenshot(page, `match-${name}-${lang}-${phone ? 'phone' : 'desktop'}`);
    return await page.content();
  } finally {
    await context.close();
  }
}

async function tidy(path, { login = false, status = 200 } = {}) {
  const r = await fx.get(path, { cookie: login ? cookie : undefined });
  assert.equal(r.status, status, `${path}: ${r.status}`);
  const t = await tidyCheck(r.text);
  assert.deepEqual(withSource(r.text, t.real), [], `${path}: tidy`);
}

describe('matchmaking pages', () => {
  test('set-up: a few SYNTHETIC opportunities through the form', T, async () => {
    ids = await partnerIds(fx);
    const o = await fx.api('/api/v1/orgs?limit=100');
    orgs = Object.fromEntries(o.items.map((x) => [x.name_en, x.id]));
    cookie = await fx.cookieFor();
    const rows = [
      { owner: `org:${orgs['Jinan No.2 Machine Tool Group (Jier)']}`, kind: 'request', category: 'technology', direction: 'bringing_in',
        industries: '28', target_countries: 'SE, DE', title_zh: '虚构示例：寻求工业机器人与自动化技术合作', title_en: 'SYNTHETIC example: robotics and automation partners wanted',
        description_zh: '虚构测试数据：引进焊接机器人与自动化产线技术。', valid_until: '2099-12-31', status: 'open' },
      { owner: `partner:${ids['Västerås']}`, kind: 'offer', category: 'technology', direction: 'bringing_in', industries: '28',
        target_countries: 'CN', title_en: 'SYNTHETIC example: robot cells for Chinese manufacturers',
        description_en: 'Synthetic test data: robot cell integration and training.', valid_until: '2099-06-30', status: 'open' },
      { owner: `org:${orgs['Yinfeng Group']}`, kind: 'request', category: 'health', direction: 'going_out', industries: '72, 86',
        target_countries: 'US', title_zh: '虚构示例：干细胞临床研究合作', description_zh: '虚构测试数据：寻求海外医院开展干细胞临床研究。', valid_until: '2099-01-31', status: 'open' },
      { owner: `org:${orgs['Sinotruk (China National Heavy Duty Truck Group)']}`, kind: 'offer', category: 'business', direction: 'going_out',
        industries: '29', target_countries: 'BY, RU', title_zh: '虚构示例：重型卡车出口', valid_until: '2001-01-01', status: 'open' },
    ];
    for (const row of rows) {
      const csrf = await csrfOf('/opportunities/new');
      const r = await fx.post('/opportunities/new', { ...row, csrf }, { cookie });
      assert.equal(r.status, 303, `POST /opportunities/new: ${r.status} ${r.text.slice(0, 300)}`);
      const m = /\/opportunities\/(\d+)/.exec(r.headers.location);
      if (!opp) opp = Number(m[1]);
    }
    const l = await fx.api('/api/v1/opportunities?status=expired');
    assert.equal(l.total, 1, 'the past one is expired');
  });

  /* Every page: tidy, then chromium in both languages; the main pages at
  ** both widths in both languages, the others in two of the four. */
  const PAGES = [
    ['opportunities', () => '/opportunities', 'all'],
    ['opportunity', () => `/opportunities/${opp}`, 'all'],
    ['match', () => `/match?text=${encodeURIComponent('机器人 自动化')}`, 'all'],
    ['partner-profile', () => `/partners/${ids.Sacramento}`, 'all'],
    ['match-en', () => '/match?text=stem+cells+regenerative+medicine&countries=US', 'two'],
    ['search', () => '/search?q=sacramento', 'two'],
    ['org-offers', () => `/orgs/${orgs['Danfoss Group']}`, 'two'],
    ['opp-form', () => '/opportunities/new', 'login'],
    ['profile-editor', () => `/partners/${ids.Leiden}/profile`, 'login'],
    ['offers-editor', () => `/orgs/${orgs['SICC (Shandong Tianyue Advanced Technology)']}/offers`, 'login'],
    ['followup', () => '/interests?days=0', 'login'],
  ];
  for (const [name, path, how] of PAGES) {
    test(`page ${name}: valid, clean, labelled; screenshots`, { timeout: 120_000 }, async () => {
      const login = how === 'login';
      await tidy(path(), { login });
      if (how === 'all') {
        for (const lang of ['zh', 'en']) {
          await check(path(), name, { lang });
          await check(path(), name, { lang, phone: true });
        }
      } else {
        await check(path(), name, { lang: 'zh', login });
        await check(path(), name, { lang: 'en', login, phone: true });
      }
    });
  }

  test('error states are valid HTML', T, async () => {
    await tidy('/match?text=x&limit=0', { status: 400 });
    await tidy('/opportunities?category=sports', { status: 400 });
    await tidy('/search');
    await tidy('/match');
  });

  test('the marketplace: facets filter, search finds across scripts', T, async () => {
    const { context, page, mon } = await fx.open({ lang: 'en' });
    try {
      /* The fixture's three open calls and the demo's open ones (data/demo/jinan_opportunities.tsv). */
      const open = (await fx.api('/api/v1/opportunities?status=open&limit=1')).total;
      assert.ok(open >= 1, `${open} open`);
      await page.goto('/opportunities');
      assert.match(await page.textContent('#count'), new RegExp(`^${open} `));
      await navigate(page, () => page.click('.m-facets a:has-text("Health")'));
      assert.match(page.url(), /category=health/);
      assert.match(await page.textContent('#count'), /^1 /);
      await navigate(page, () => page.click('.m-facets a:has-text("× All")'));
      assert.doesNotMatch(page.url(), /category=/);
      await page.fill('#q', '機器人');
      await navigate(page, () => page.press('#q', 'Enter'));
      assert.equal(await page.$$eval('#opportunities > li', (a) => a.length), 1);
      await page.goto('/opportunities');
      await navigate(page, () => page.click('.m-facets a:has-text("Expired")'));
      assert.match(await page.textContent('#count'), /^1 /);        /* its day has passed */
      mon.assertClean('marketplace');
    } finally { await context.close(); }
  });

  test('an opportunity shows ranked, explained matches; interest and follow-up', T, async () => {
    const { context, page, mon } = await fx.open({ lang: 'zh' });
    try {
      await fx.login(context);
      await page.goto(`/opportunities/${opp}`);
      const first = page.locator('#matches .m-result').first();
      assert.match(await first.locator('h3').textContent(), /Västerås|韦斯特拉|robot cells/);
      assert.ok(await first.locator('.m-why li').count() >= 2, 'an explanation');
      assert.match(await page.textContent('#matches'), /同一行业/);
      await page.selectOption('#org_id', String(orgs['Danfoss Group']));
      await page.fill('#message', '虚构测试：我们有意合作。');
      await navigate(page, () => page.click('#interests button[type=submit].primary'));
      assert.match(await page.textContent('.flash'), /合作意向已提交/);
      assert.match(await page.textContent('#interests'), /丹佛斯集团/);
      await page.goto('/interests?days=0');
      assert.equal(await page.$$eval('#followup tbody tr', (a) => a.length), 1);
      await page.goto(`/opportunities/${opp}`);
      await navigate(page, () => page.click('#interests form.m-inline button:has-text("接受")'));
      assert.match(await page.textContent('#interests'), /已接受/);
      await page.goto('/interests?days=0');
      assert.equal(await page.$$eval('#followup tbody tr', (a) => a.length), 0);
      mon.assertClean('opportunity');
    } finally { await context.close(); }
  });

  test('the forms: field errors in place, then a saved opportunity', T, async () => {
    const { context, page, mon } = await fx.open({ lang: 'en' });
    try {
      await fx.login(context);
      await page.goto('/opportunities/new');
      await page.fill('#title_en', 'SYNTHETIC example: vaccine development partners');
      await page.fill('#industries', '21, 7Z');
      mon.expect(400, /^\/opportunities\/new$/);
      await navigate(page, () => page.click('form.form button[type=submit]'));
      assert.match(await page.textContent('.alert'), /correct/);
      assert.equal(await page.getAttribute('#owner', 'aria-invalid'), 'true');        /* no owner chosen */
      assert.equal(await page.inputValue('#title_en'), 'SYNTHETIC example: vaccine development partners');
      await page.selectOption('#owner', `partner:${ids.Leiden}`);
      await navigate(page, () => page.click('form.form button[type=submit]'));
      assert.equal(await page.getAttribute('#industries', 'aria-invalid'), 'true');   /* 7Z is no ISIC code */
      assert.match(await page.textContent('.field-error'), /ISIC/);
      await page.fill('#industries', '21, 72');
      await page.selectOption('#category', 'research');
      await navigate(page, () => page.click('form.form button[type=submit]'));
      assert.match(page.url(), /\/opportunities\/\d+\?flash=created/);
      assert.match(await page.textContent('h1'), /vaccine development/);
      mon.assertClean('forms');
    } finally { await context.close(); }
  });

  test('the profile editor adds an item that the partner page shows', T, async () => {
    const { context, page, mon } = await fx.open({ lang: 'en' });
    try {
      await fx.login(context);
      await page.goto(`/partners/${ids.Regina}/profile`);
      await page.selectOption('#section', 'industries');
      await page.fill('#code', '08');
      await page.selectOption('#strength', '4');
      await page.fill('#text_en', 'SYNTHETIC test entry: potash mining in Saskatchewan.');
      await page.fill('#source', 'browser test (synthetic)');
      await navigate(page, () => page.click('#item-form button[type=submit]'));
      assert.match(page.url(), new RegExp(`/partners/${ids.Regina}\\?flash=saved`));
      assert.match(await page.textContent('#profile-industries'), /potash/);
      assert.ok(await page.locator('#profile-matches').count() === 1);
      mon.assertClean('profile editor');
    } finally { await context.close(); }
  });

  test('the match page: Chinese in, English-only profile out, with reasons', T, async () => {
    const { context, page, mon } = await fx.open({ lang: 'en' });
    try {
      await page.goto('/match');
      await page.fill('#text', '变频器 节能');
      await navigate(page, () => page.click('form.filters button[type=submit]'));
      assert.match(await page.textContent('#m-detected'), /27/);
      const names = await page.$$eval('.m-result h3 a', (a) => a.map((x) => x.textContent));
      assert.ok(names.slice(0, 3).some((n) => /Sønderborg|Danfoss/.test(n)), names.join(', '));
      assert.ok(await page.locator('.m-result .m-why li').count() > 3);
      mon.assertClean('match page');
    } finally { await context.close(); }
  });
});
