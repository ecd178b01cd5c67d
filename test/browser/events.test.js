'use strict';
/*
** events.test.js: the pages of events, series and networks and the
** participation matrix, in both languages, and their forms.
**
**   - valid HTML (tidy) of each page, zh and en;
**   - in chromium: clean load, labelled controls, no duplicate ids, one h1,
**     interface strings in the page's language, screenshots at 1280 px and
**     at phone width 390 px (test-out/screenshots/events-NAME-LANG-DEVICE.png),
**     no horizontal scrolling at 390 px;
**   - forms: an event created (its errors next to the fields), a tie
**     invited and marked attended once the event is held, the exchange
**     link appearing; a network and a member from the series page.
**
** Every event, series and invitation written here is SYNTHETIC (names
** start with "Synthetic" or 合成); the ties are the demo's.
*/
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { useFixture, screenshot, unlabelled, duplicateIds, tidyCheck, withSource, partnerIds, run, BIN, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const fx = useFixture();
const PHONE390 = { width: 390, height: 844 };
const LANGS = ['zh', 'en'];
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

const ids = {};
let ready = null;
/* Synthetic data through the CLI (the same core functions): a series, a
** held event with invitations, a planned one. */
async function setup() {
  Object.assign(ids, await partnerIds(fx));
  const cli = async (...args) => {
    const r = await run(BIN, [...args, '--json', '--db', fx.db]);
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    return JSON.parse(r.stdout);
  };
  ids.series = (await cli('series', 'add', '--kind', 'network', '--name-zh', '合成泉水城市联盟', '--name-en', 'Synthetic Spring Cities Alliance')).id;
  await cli('series', 'member-add', String(ids.series), '--tie', String(ids.Sacramento), '--role', 'founding member', '--joined', '2019');
  ids.held = (await cli('event', 'add', '--title-zh', '合成友城合作大会', '--title-en', 'Synthetic Friendship City Conference',
    '--kind', 'conference', '--status', 'held', '--start', day(-30), '--end', day(-28), '--series', String(ids.series),
    '--edition', '1', '--city', '1805753', '--place', 'Synthetic Hall', '--fields', 'culture,government',
    '--reported-people', '1200', '--sources', 'Synthetic source (test, 2025-01-01)')).id;
  await cli('event', 'invite', String(ids.held), '--tie', String(ids.Sacramento), '--status', 'attended', '--size', '5');
  await cli('event', 'invite', String(ids.held), '--tie', String(ids.Coventry), '--status', 'declined');
  ids.planned = (await cli('event', 'add', '--title-zh', '合成青少年营', '--title-en', 'Synthetic Youth Camp', '--kind', 'youth_camp',
    '--start', day(40).slice(0, 7))).id;
  await cli('event', 'invite', String(ids.planned), '--tie', String(ids.Sacramento), '--status', 'invited');
}
const load = () => (ready = ready || setup());

const PAGES = [
  { name: 'events', path: '/events' },
  { name: 'events-upcoming', path: '/events?upcoming=1' },
  { name: 'event', path: () => `/events/${ids.held}`, data: true },
  { name: 'event-signed-in', path: () => `/events/${ids.held}`, data: true, login: true },
  { name: 'event-form', path: '/events/new', login: true },
  { name: 'series-list', path: '/series' },
  { name: 'series', path: () => `/series/${ids.series}`, data: true },
  { name: 'participation', path: '/participation' },
];
const MORE = [
  { name: 'events-bad-filter', path: '/events?from=2019-13', status: 400 },
  { name: 'event-edit', path: () => `/events/${ids.held}/edit`, login: true },
  { name: 'series-form', path: '/series/new', login: true },
  { name: 'partner', path: () => `/partners/${ids.Sacramento}` },
  { name: 'event-404', path: '/events/999999', status: 404 },
];
const pathOf = (p) => (typeof p.path === 'function' ? p.path() : p.path);

let session = null;
const sessionCookie = async () => (session = session || await fx.cookieFor());

describe('valid HTML (tidy)', () => {
  before(load);
  for (const lang of LANGS) {
    for (const p of [...PAGES, ...MORE]) {
      test(`${p.name} (${lang})`, T, async () => {
        const cookies = [`yc_lang=${lang}`];
        if (p.login) cookies.push(await sessionCookie());
        const r = await fx.get(pathOf(p), { cookie: cookies.join('; ') });
        assert.equal(r.status, p.status || 200, `${pathOf(p)}: HTTP ${r.status}`);
        const t = await tidyCheck(r.text);
        assert.deepEqual(withSource(r.text, t.real), [], `tidy on ${p.name} (${lang})`);
      });
    }
  }
});

function uiStrings(page, bData) {
  return page.$$eval(`${bData ? '' : 'h1, title, '}h2, h3, label:not(.check), legend, th[scope="col"]:not(.ev-col), button, a.button, .count, .hint, .note`,
    (els) => els.map((el) => ({ tag: el.tagName.toLowerCase(), cls: el.className,
      text: (el.tagName === 'TITLE' ? el.textContent : el.innerText || el.textContent).replace(/\s+/g, ' ').trim() }))
      .filter((x) => x.text));
}

const overflow = [];
let phoneChecked = 0;
for (const lang of LANGS) {
  describe(`pages in the browser (${lang})`, () => {
    let desk, phone;
    before(async () => {
      await load();
      desk = await fx.open({ lang });
      phone = await fx.open({ lang, phone: true, viewport: PHONE390 });
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
              const wrong = (await uiStrings(page, p.data)).filter((x) => {
                const t = x.text.replace(/简体中文|youcheng · 友城|YYYY[-A-Z]*|https?:\/\/|\/ /g, '');
                if (lang === 'en') return CJK.test(t);
                return !CJK.test(t) && !/^[\d\s.,:%/()–-]*$/.test(t);
              }).map((x) => `<${x.tag} class="${x.cls}"> ${x.text}`);
              assert.deepEqual(wrong, [], `strings not in ${lang}`);
            }
            if (device === 'phone') {
              phoneChecked++;
              const w = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, view: window.innerWidth }));
              if (w.scroll > w.view) overflow.push(`${p.name} (${lang}): ${w.scroll} px wide at ${w.view} px`);
            }
            await screenshot(page, `events-${p.name}-${lang}-${device}`);
            mon.assertClean(`${p.name} (${lang}, ${device})`);
          } finally {
            if (p.login) await context.clearCookies({ name: 'yc_session' });
          }
        }
      });
    }
  });
}

test('no page scrolls horizontally at 390 px', T, () => {
  assert.equal(phoneChecked, PAGES.length * LANGS.length, 'every page was measured at 390 px');
  assert.deepEqual(overflow, []);
});

describe('what the pages show', () => {
  before(load);
  test('the event page: dates, series, invitations, the exchange it made; anonymous users see no heads', T, async () => {
    const r = await fx.get(`/events/${ids.held}?lang=en`);
    assert.match(r.text, /Synthetic Friendship City Conference/);
    assert.match(r.text, new RegExp(`href="/series/${ids.series}"`));
    assert.match(r.text, /id="invitation-table"/);
    assert.match(r.text, /id="event-exchange" href="\/exchanges\/\d+"/);
    assert.ok(!/invite-form/.test(r.text), 'no forms for anonymous users');
    const list = await fx.get('/events?lang=en');
    assert.match(list.text, /Synthetic Youth Camp/);
    assert.match(list.text, /<h2 class="month-head">/);
    const m = await fx.get('/participation?lang=en');
    assert.match(m.text, /id="matrix"/);
    assert.match(m.text, /Never invited \(\d+\)/);
    const partner = await fx.get(`/partners/${ids.Sacramento}?lang=en`);
    assert.match(partner.text, /id="tie-events"/);
    assert.match(partner.text, /Synthetic Spring Cities Alliance/);
  });
});

describe('forms', () => {
  let o;
  before(async () => {
    await load();
    o = await fx.open({ lang: 'en' });
    await fx.login(o.context);
  });
  after(async () => { if (o) await o.context.close(); });

  test('create an event: errors next to the field, then saved; invite; hold; attended; the exchange appears', T, async () => {
    const { page, mon } = o;
    mon.reset();
    mon.expect(400, /^\/events\/new$/);
    await page.goto('/events/new');
    await page.fill('#title_en', 'Synthetic Browser Forum');
    await page.selectOption('#kind', 'forum');
    await page.fill('#start', day(-3));
    await page.fill('#end', day(-5));
    await page.click('button[type="submit"].primary');
    await page.waitForSelector('#err-end');
    assert.match(await page.textContent('#err-end'), /\S/);
    assert.equal(await page.getAttribute('#end', 'aria-invalid'), 'true');
    await page.fill('#end', day(-2));
    await Promise.all([page.waitForURL(/\/events\/\d+\?flash=created/), page.click('button[type="submit"].primary')]);
    const id = Number(/\/events\/(\d+)/.exec(page.url())[1]);
    /* Invite a tie from the event page. */
    await page.selectOption('#tie_id', String(ids.Coventry));
    await Promise.all([page.waitForURL(/flash=saved/), page.click('#invite-form button[type="submit"]')]);
    assert.match(await page.textContent('#invitation-table'), /Coventry/);
    /* Hold the event, then mark the invitation attended. */
    await page.goto(`/events/${id}/edit`);
    await page.selectOption('#status', 'held');
    await Promise.all([page.waitForURL(/flash=saved/), page.click('button[type="submit"].primary')]);
    await page.goto(`/events/${id}`);            /* a URL without flash=saved, so the wait below waits */
    const sel = page.locator('#invitation-table select').first();
    await sel.selectOption('attended');
    await Promise.all([page.waitForURL(/flash=saved/), page.locator('#invitation-table form.inline button[type="submit"]').first().click()]);
    assert.equal(await page.locator('#event-exchange').count(), 1, 'the held event made its exchange');
    await screenshot(page, 'events-held-with-exchange-en-desktop');
    mon.assertClean('event form');
  });

  test('a network from the form, a member from its page', T, async () => {
    const { page, mon } = o;
    mon.reset();
    await page.goto('/series/new');
    await page.selectOption('#kind', 'network');
    await page.fill('#name_en', 'Synthetic Browser Network');
    await Promise.all([page.waitForURL(/\/series\/\d+\?flash=created/), page.click('button[type="submit"].primary')]);
    await page.selectOption('#tie_id', String(ids.Coventry));
    await page.fill('#role', 'member');
    await Promise.all([page.waitForURL(/flash=saved/), page.click('#member-form button[type="submit"]')]);
    assert.match(await page.textContent('#member-table'), /Coventry/);
    mon.assertClean('series form');
  });
});
