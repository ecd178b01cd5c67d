'use strict';
/*
** news.test.js: the pages of news and documents in both languages.
**
**   - valid HTML (tidy) of the list, an item (anonymous and signed in) and
**     the form, zh and en;
**   - in chromium: clean load, labelled controls, no duplicate ids, one h1,
**     interface strings in the page's language, screenshots at 1280 px, the
**     list and an item also at phone width 390 px (no horizontal scrolling)
**     (test-out/screenshots/news-NAME-LANG-DEVICE.png);
**   - an item with the partners its text mentions: an editor confirms a
**     suggestion with its button, rejects another, and the partner's page
**     then lists the item for anonymous visitors.
**
** Every item written here is SYNTHETIC (titles start with "Synthetic" or
** 合成); the ties are the demo's.
*/
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { useFixture, screenshot, unlabelled, duplicateIds, tidyCheck, withSource, partnerIds, run, BIN, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const fx = useFixture();
const PHONE390 = { width: 390, height: 844 };
const LANGS = ['zh', 'en'];
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

const ids = {};
let ready = null;
/* Synthetic items through the CLI (the same core functions). */
async function setup() {
  Object.assign(ids, await partnerIds(fx));
  const cli = async (args, input) => {
    const r = await run(BIN, [...args, '--json', '--db', fx.db], input === undefined ? undefined : { input });
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    return JSON.parse(r.stdout);
  };
  ids.item = (await cli(['news', 'add', '--kind', 'press_release', '--lang', 'both', '--title-zh', '合成：萨城青年代表团访问',
    '--title-en', 'Synthetic: a youth delegation from Sacramento', '--date', '2024-07-15', '--status', 'published',
    '--source', 'Synthetic source, 2024-07-15 | https://example.org/synthetic', '--body-zh', '-'],
  '合成正文：**萨克拉门托**青年代表团与**和歌山**的学生一起参观。\n\n第二段。')).id;
  await cli(['news', 'edit', String(ids.item), '--body-en', '-'],
    'Synthetic text: the **Sacramento** youth delegation met students from Wakayama.\n\n- one\n- two');
  ids.draft = (await cli(['news', 'add', '--kind', 'speech', '--lang', 'en', '--title-en', 'Synthetic draft speech', '--date', '2024'])).id;
}
const load = () => (ready = ready || setup());

const PAGES = [
  { name: 'list', path: '/news', phone: true },
  { name: 'item', path: () => `/news/${ids.item}`, data: true, phone: true },
  { name: 'item-signed-in', path: () => `/news/${ids.item}`, data: true, login: true },
  { name: 'form', path: '/news/new', login: true },
];
const MORE = [
  { name: 'list-bad-year', path: '/news?year=20x4', status: 400 },
  { name: 'edit', path: () => `/news/${ids.item}/edit`, login: true },
  { name: 'draft-anonymous', path: () => `/news/${ids.draft}`, status: 404 },
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
  return page.$$eval(`${bData ? '' : 'h1, title, '}h2:not([lang] h2), label:not(.check), legend, th[scope="col"], button, a.button, .count, .hint, .note`,
    (els) => els.filter((el) => !el.closest('[lang]:not(html)'))
      .map((el) => ({ tag: el.tagName.toLowerCase(), cls: el.className,
        text: (el.tagName === 'TITLE' ? el.textContent : el.innerText || el.textContent).replace(/\s+/g, ' ').trim() }))
      .filter((x) => x.text));
}

const overflow = [];
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
        for (const [device, o] of p.phone ? [['desktop', desk], ['phone', phone]] : [['desktop', desk]]) {
          const { context, page, mon } = o;
          mon.reset();
          if (p.login) await fx.login(context);
          try {
            const res = await page.goto(pathOf(p));
            assert.equal(res.status(), 200, `${pathOf(p)} (${device})`);
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
            } else {
              const w = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, view: window.innerWidth }));
              if (w.scroll > w.view) overflow.push(`${p.name} (${lang}): ${w.scroll} px wide at ${w.view} px`);
            }
            await screenshot(page, `news-${p.name}-${lang}-${device}`);
            mon.assertClean(`${p.name} (${lang}, ${device})`);
          } finally {
            if (p.login) await context.clearCookies({ name: 'yc_session' });
          }
        }
      });
    }
  });
}

test('no news page scrolls horizontally at 390 px', T, () => {
  assert.deepEqual(overflow, []);
});

describe('what the pages show', () => {
  before(load);
  test('the item page: Markdown rendered, the page language first, no draft or suggestion for anonymous visitors', T, async () => {
    const r = await fx.get(`/news/${ids.item}?lang=en`);
    assert.match(r.text, /<article class="prose" lang="en" id="body-en"><p>Synthetic text: the <strong>Sacramento<\/strong>/);
    assert.ok(r.text.indexOf('id="body-en"') < r.text.indexOf('id="body-zh"'), 'English first on the English page');
    assert.match(r.text, /<li>one<\/li>/);
    assert.ok(!/suggested-links|upload-form/.test(r.text), 'no suggestions or forms for anonymous visitors');
    const zh = await fx.get(`/news/${ids.item}?lang=zh`);
    assert.ok(zh.text.indexOf('id="body-zh"') < zh.text.indexOf('id="body-en"'), 'Chinese first on the Chinese page');
    const list = await fx.get('/news?lang=en');
    assert.match(list.text, /Synthetic: a youth delegation from Sacramento/);
    assert.ok(!/Synthetic draft speech/.test(list.text), 'no draft in the anonymous list');
  });
});

describe('confirming suggestions', () => {
  let o;
  before(async () => {
    await load();
    o = await fx.open({ lang: 'en' });
    await fx.login(o.context);
  });
  after(async () => { if (o) await o.context.close(); });

  test('an editor confirms one suggestion and rejects another; the partner page lists the item', T, async () => {
    const { page, mon } = o;
    mon.reset();
    await page.goto(`/news/${ids.item}`);
    const sac = page.locator(`#link-tie-${ids.Sacramento}`), wak = page.locator(`#link-tie-${ids.Wakayama}`);
    assert.equal(await sac.count(), 1, 'Sacramento is suggested');
    assert.equal(await wak.count(), 1, 'Wakayama is suggested');
    await Promise.all([page.waitForURL(/flash=saved/), sac.locator('button.primary').click()]);
    assert.equal(await page.locator(`#confirmed-links a[href="/partners/${ids.Sacramento}"]`).count(), 1);
    /* The URL says flash=saved already: wait for the rejected link itself, not the URL. */
    await page.locator(`#link-tie-${ids.Wakayama} button:not(.primary)`).click();
    await page.locator(`#rejected-links a[href="/partners/${ids.Wakayama}"]`).waitFor({ state: 'attached' });
    assert.equal(await page.locator(`#link-tie-${ids.Wakayama}`).count(), 0);
    assert.equal(await page.locator(`#rejected-links a[href="/partners/${ids.Wakayama}"]`).count(), 1);
    assert.equal(await page.locator(`#confirmed-links a[href="/partners/${ids.Wakayama}"]`).count(), 0);
    mon.assertClean('confirming suggestions');
    /* Anonymous: the partner page lists the item, the other partner's does not. */
    const partner = await fx.get(`/partners/${ids.Sacramento}?lang=en`);
    assert.match(partner.text, new RegExp(`id="record-news"[\\s\\S]*href="/news/${ids.item}"`));
    const other = await fx.get(`/partners/${ids.Wakayama}?lang=en`);
    assert.ok(!new RegExp(`href="/news/${ids.item}"`).test(other.text));
  });
});
