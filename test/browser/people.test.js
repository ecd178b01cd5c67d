'use strict';
/* people.test.js: the people list, a person's page, /friends, a
** delegation's page and the delegation form, in Chinese and English, at
** 1280 px and at 390 px (a phone), signed in; anonymous visitors are sent
** to the login page and see no name on the delegation page; erase on
** request through its confirm page. Screenshots:
** test-out/screenshots/people-PAGE-LANG-DEVICE.png. The people and the
** delegation are synthetic (made with the CLI). */
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { useFixture, navigate, screenshot, unlabelled, duplicateIds, run, BIN, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const fx = useFixture();
const PHONE390 = { width: 390, height: 844 };
const NAME = 'Synthetic Brambleton';
const NAME_ZH = '合成布兰';
let personId, delegationId, tieId;

async function cli(args) {
  const r = await run(BIN, [...args, '--json', '--db', fx.db]);
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/* No horizontal scrolling at the page's width. */
async function assertFits(page, what) {
  const w = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(w[0] <= w[1] + 1, `${what}: the page is ${w[0]} px wide in a ${w[1]} px window`);
}

describe('people and delegations pages', () => {
  before(async () => {
    const ties = await fx.api('/api/v1/partners?limit=500');
    tieId = ties.items.find((t) => t.city.id === 1926004).id;          /* Wakayama */
    personId = (await cli(['person', 'add', '--name-en', NAME, '--name-zh', NAME_ZH, '--title', 'Synthetic Director',
      '--city', '1926004', '--roles', 'official,friend', '--languages', 'ja,en', '--email', 'brambleton@example.org',
      '--friend-since', '2016'])).id;
    const other = (await cli(['person', 'add', '--name-en', 'Synthetic Member Two'])).id;
    delegationId = (await cli(['delegation', 'add', '--direction', 'in', '--start', '2025-04-08', '--end', '2025-04-10',
      '--tie', String(tieId), '--title-en', 'Synthetic delegation from Wakayama', '--title-zh', '合成和歌山代表团',
      '--head', 'Synthetic head text', '--head-person', String(personId), '--members', `${personId},${other}`,
      '--size', '8', '--fields', 'culture,tourism', '--status', 'done', '--purpose', 'Synthetic purpose'])).id;
    await cli(['delegation', 'item-add', String(delegationId), '--date', '2025-04-08', '--time', '09:00',
      '--title', 'Synthetic welcome meeting', '--place', 'Synthetic city hall']);
    await cli(['delegation', 'item-add', String(delegationId), '--date', '2025-04-09', '--title', 'Synthetic company visit',
      '--org', '1']);
  });

  test('anonymous: the people pages send to login; the delegation page names nobody', T, async () => {
    const o = await fx.open({ lang: 'zh' });
    for (const p of ['/people', `/people/${personId}`, '/friends']) {
      await o.page.goto(p);
      assert.match(new URL(o.page.url()).pathname, /^\/login$/, p);
    }
    await o.page.goto(`/delegations/${delegationId}`);
    const text = await o.page.textContent('main');
    assert.ok(text.includes('合成和歌山代表团'));
    assert.ok(!text.includes(NAME) && !text.includes(NAME_ZH) && !text.includes('Synthetic head text'));
    assert.equal(await o.page.$('#members'), null);
    await o.page.goto(`/partners/${tieId}`);
    assert.ok(await o.page.$('#tie-delegations'));
    assert.equal(await o.page.$('#tie-people'), null);
    o.mon.assertClean('anonymous pages');
    await o.context.close();
  });

  for (const lang of ['zh', 'en']) {
    for (const device of ['desktop', 'phone']) {
      test(`signed in (${lang}, ${device}): list, person, friends, delegation, form`, T, async () => {
        const o = await fx.open({ lang, viewport: device === 'phone' ? PHONE390 : undefined, phone: device === 'phone' });
        await fx.login(o.context);
        const { page } = o;
        const tag = `${lang}-${device}`;
        const shown = lang === 'zh' ? NAME_ZH : NAME;
        /* The list, searched by pinyin. */
        await page.goto('/people?q=hecheng');
        assert.equal(await page.textContent('h1'), lang === 'zh' ? '人员' : 'People');
        assert.ok((await page.textContent('#people')).includes(shown));
        await assertFits(page, `/people ${tag}`);
        await screenshot(page, `people-list-${tag}`);
        /* The person's page with their delegation. */
        await navigate(page, () => page.click(`#people a[href="/people/${personId}"]`));
        assert.ok((await page.textContent('h1')).includes(shown));
        assert.ok(await page.$(`a[href="/delegations/${delegationId}"]`));
        assert.ok(await page.$('a[href="mailto:brambleton@example.org"]'));
        assert.ok(await page.$('#erase'));
        await assertFits(page, `/people/ID ${tag}`);
        await screenshot(page, `people-person-${tag}`);
        /* Friends of the city. */
        await page.goto('/friends');
        assert.ok((await page.textContent('#friends')).includes(shown));
        await screenshot(page, `people-friends-${tag}`);
        /* The delegation: programme, members, its exchange. */
        await page.goto(`/delegations/${delegationId}`);
        const rows = await page.$$eval('#programme tbody tr', (trs) => trs.map((tr) => tr.textContent));
        assert.equal(rows.length, 2);
        assert.ok(rows[0].includes('Synthetic welcome meeting') && rows[0].includes('09:00'));
        assert.ok((await page.textContent('#members')).includes(shown));
        assert.ok((await page.textContent('#head')).includes('Synthetic head text'));
        assert.ok(await page.$('#exchange-link'));
        await assertFits(page, `/delegations/ID ${tag}`);
        await screenshot(page, `people-delegation-${tag}`);
        /* The list of delegations. */
        await page.goto('/delegations');
        assert.ok(await page.$(`#delegations a[href="/delegations/${delegationId}"]`));
        await assertFits(page, `/delegations ${tag}`);
        await screenshot(page, `people-delegations-${tag}`);
        /* The form: an end before the start is refused at the field. */
        await page.goto('/delegations/new');
        assert.deepEqual(await unlabelled(page), []);
        assert.deepEqual(await duplicateIds(page), []);
        await page.fill('#title_en', 'Synthetic form delegation');
        await page.fill('#start', '2031-05-10');
        await page.fill('#end', '2031-05-01');
        await page.check(`input[name="ties"][value="${tieId}"]`);
        o.mon.expect(400, /^\/delegations\/new$/);
        await navigate(page, () => page.click('form.form button[type=submit]'));
        assert.equal(await page.getAttribute('#end', 'aria-invalid'), 'true');
        const err = await page.textContent('#err-end');
        assert.ok(lang === 'zh' ? /[\u4e00-\u9fff]/.test(err) : /before/.test(err), err);
        await assertFits(page, `/delegations/new ${tag}`);
        await screenshot(page, `people-delegation-form-${tag}`);
        await page.goto('/people/new');
        assert.deepEqual(await unlabelled(page), []);
        await screenshot(page, `people-form-${tag}`);
        o.mon.assertClean(`people pages ${tag}`);
        await o.context.close();
      });
    }
  }

  test('erase on request through the confirm page', T, async () => {
    const o = await fx.open({ lang: 'en' });
    await fx.login(o.context);
    const { page } = o;
    await page.goto(`/people/${personId}`);
    await navigate(page, () => page.click('#erase'));
    assert.match(await page.textContent('main'), /cannot be undone/);
    await screenshot(page, 'people-erase-confirm-en-desktop');
    await navigate(page, () => page.click('#confirm-erase'));
    assert.equal(new URL(page.url()).pathname, `/people/${personId}`);
    assert.ok(await page.$('#erased'));
    assert.ok(!(await page.textContent('main')).includes(NAME));
    await page.goto(`/delegations/${delegationId}`);
    assert.ok(!(await page.textContent('main')).includes(NAME) && !(await page.textContent('main')).includes('Synthetic head text'));
    o.mon.assertClean('erase');
    await o.context.close();
  });
});
