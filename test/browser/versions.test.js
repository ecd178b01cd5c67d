'use strict';
/* versions.test.js: no lost updates in the record forms (issue 12, item 6),
** in both languages. Two browser contexts open the edit form of the same
** organisation; the first saves; the second's submit is refused (409) and
** shows its own values kept, a notice naming who changed the record, and
** for each field whose stored value differs, the stored value beside it
** with "keep mine" / "take the stored value"; after choosing, the second
** submit saves. Then a stale delete: the page says the record changed and
** shows it now. Screenshots: test-out/screenshots/versions-conflict-LANG
** (1280 px) and versions-conflict-LANG-390 (390 px), versions-delete-LANG.
** Values written are synthetic. */
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { useFixture, navigate, screenshot, unlabelled, duplicateIds, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const fx = useFixture();
const CJK = /[\u4e00-\u9fff]/;

for (const [i, lang] of ['zh', 'en'].entries()) {
  describe(`a stale form submit (${lang})`, () => {
    let a, b, id;
    before(async () => {
      a = await fx.open({ lang });
      b = await fx.open({ lang });
      await fx.login(a.context);
      await fx.login(b.context);
      const orgs = await fx.api('/api/v1/orgs?limit=10');
      id = orgs.items[i].id;
    });
    after(async () => {
      if (a) await a.context.close();
      if (b) await b.context.close();
    });

    test('the second editor sees both values, chooses, and saves', T, async () => {
      const before = await fx.api(`/api/v1/orgs/${id}`);
      const edit = `/orgs/${id}/edit`;
      assert.equal((await a.page.goto(edit)).status(), 200);
      assert.equal((await b.page.goto(edit)).status(), 200);
      const v0 = await b.page.inputValue('input[name=_version]');
      assert.equal(Number(v0), before.version, 'the form carries the version');

      await a.page.fill('#description', `Synthetic description by the first editor (${lang})`);
      await navigate(a.page, () => a.page.click('form.form button[type=submit]'));
      assert.match(a.page.url(), new RegExp(`/orgs/${id}\\?flash=saved`));

      b.mon.reset();
      b.mon.expect(409, new RegExp(`^/orgs/${id}/edit$`));
      await b.page.fill('#description', `Synthetic description by the second editor (${lang})`);
      await b.page.fill('#website', `https://example.org/synthetic-${lang}`);
      await navigate(b.page, () => b.page.click('form.form button[type=submit]'));
      const notice = (await b.page.textContent('.alert.conflict')).trim();
      assert.match(notice, /alice/, 'the notice names who changed the record');
      assert.equal(CJK.test(notice), lang === 'zh', `"${notice}" is in the page language`);
      /* The second editor's values are kept; the stored ones stand beside them. */
      assert.equal(await b.page.inputValue('#description'), `Synthetic description by the second editor (${lang})`);
      assert.equal(await b.page.inputValue('#website'), `https://example.org/synthetic-${lang}`);
      assert.equal((await b.page.textContent('#stored-description .stored-value')).trim(),
        `Synthetic description by the first editor (${lang})`);
      assert.equal(await b.page.locator('#stored-website').count(), 1, 'website differs from the stored one too');
      assert.equal(await b.page.locator('#stored-name_en').count(), 0, 'fields that agree show nothing');
      assert.ok(Number(await b.page.inputValue('input[name=_version]')) > Number(v0), 'the form now carries the version now');
      assert.deepEqual(await unlabelled(b.page), [], 'every control has a label');
      assert.deepEqual(await duplicateIds(b.page), [], 'no id twice');
      await screenshot(b.page, `versions-conflict-${lang}`);
      await b.page.setViewportSize({ width: 390, height: 844 });
      const overflow = await b.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `no horizontal scrolling at 390 px (${overflow} px)`);
      await screenshot(b.page, `versions-conflict-${lang}-390`);
      await b.page.setViewportSize({ width: 1280, height: 800 });

      /* Take the stored description, keep one's own website. */
      await b.page.check('#stored-description input[value=stored]');
      await navigate(b.page, () => b.page.click('form.form button[type=submit]'));
      assert.match(b.page.url(), new RegExp(`/orgs/${id}\\?flash=saved`));
      const now = await fx.api(`/api/v1/orgs/${id}`);
      assert.equal(now.description, `Synthetic description by the first editor (${lang})`);
      assert.equal(now.website, `https://example.org/synthetic-${lang}`);
      assert.equal(now.name_en, before.name_en);
      b.mon.assertClean(`conflict (${lang})`);
      a.mon.assertClean(`first editor (${lang})`);
    });

    test('a stale delete: the page says the record changed and shows it now', T, async () => {
      const name = `Synthetic org to delete (${lang})`;
      await a.page.goto('/orgs/new');
      await a.page.fill('#name_en', name);
      const url = await navigate(a.page, () => a.page.click('form.form button[type=submit]'));
      const oid = Number(/\/orgs\/(\d+)/.exec(url.pathname)[1]);
      assert.equal((await a.page.goto(`/orgs/${oid}/delete`)).status(), 200);
      await b.page.goto(`/orgs/${oid}/edit`);
      await b.page.fill('#description', `Synthetic: changed before the delete (${lang})`);
      await navigate(b.page, () => b.page.click('form.form button[type=submit]'));

      a.mon.reset();
      a.mon.expect(409, new RegExp(`^/orgs/${oid}/delete$`));
      await navigate(a.page, () => a.page.click('form button.danger'));
      const notice = (await a.page.textContent('.alert.conflict')).trim();
      assert.equal(CJK.test(notice), lang === 'zh', `"${notice}" is in the page language`);
      assert.match(await a.page.textContent('.record-now'), new RegExp(`changed before the delete \\(${lang}\\)`));
      assert.equal((await fx.api(`/api/v1/orgs/${oid}`)).name_en, name, 'the stale delete deleted nothing');
      await screenshot(a.page, `versions-delete-${lang}`);
      /* Confirmed again, with the version now: deleted. */
      await navigate(a.page, () => a.page.click('form button.danger'));
      assert.match(a.page.url(), /\/orgs\?flash=deleted/);
      a.mon.assertClean(`stale delete (${lang})`);
    });

    test('the profile editor: replacing an item another editor changed meanwhile is refused, then saves', T, async () => {
      const ties = await fx.api('/api/v1/partners?limit=100');
      /* A text item (a resource, advantage or need): a save gives a
      ** section's items new ids, so the second editor's item is added anew. */
      let tie, item, sec;
      for (const t of ties.items) {
        const pr = await fx.api(`/api/v1/partners/${t.id}/profile`);
        sec = ['resources', 'advantages', 'needs'].find((k) => pr[k].length > 0);
        if (sec) { tie = t.id; item = pr[sec][0]; break; }
      }
      assert.ok(tie, 'a demo partner has a profile');
      const url = `/partners/${tie}/profile?item=${item.id}`;
      await a.page.goto(url);
      await b.page.goto(url);
      await a.page.fill('#text_en', `Synthetic description by the first editor (${lang})`);
      await navigate(a.page, () => a.page.click('#item-form button[type=submit]'));
      assert.match(a.page.url(), /flash=saved/);
      b.mon.reset();
      b.mon.expect(409, new RegExp(`^/partners/${tie}/profile$`));
      await b.page.fill('#text_en', `Synthetic description by the second editor (${lang})`);
      await navigate(b.page, () => b.page.click('#item-form button[type=submit]'));
      const alert = (await b.page.textContent('p.alert.conflict')).trim();
      assert.equal(CJK.test(alert), lang === 'zh', `"${alert}" is in the page language`);
      assert.equal(await b.page.inputValue('#text_en'), `Synthetic description by the second editor (${lang})`, 'the values are kept');
      assert.equal(await b.page.inputValue('#item-form input[name=item]'), '', 'the item is saved as a new one');
      const texts = async () => (await fx.api(`/api/v1/partners/${tie}/profile`))[sec].map((x) => x.text_en);
      const mid = await texts();
      assert.ok(mid.includes(`Synthetic description by the first editor (${lang})`));
      assert.ok(!mid.includes(`Synthetic description by the second editor (${lang})`), 'the stale save wrote nothing');
      await screenshot(b.page, `versions-profile-${lang}`);
      await navigate(b.page, () => b.page.click('#item-form button[type=submit]'));
      assert.match(b.page.url(), /flash=saved/);
      const now = await texts();
      assert.ok(now.includes(`Synthetic description by the first editor (${lang})`), 'the first editor\'s change is kept');
      assert.ok(now.includes(`Synthetic description by the second editor (${lang})`), 'the second editor\'s item is saved');
      b.mon.assertClean(`profile editor (${lang})`);
    });

    test('an invitation\'s status: a stale change is not saved and the event page says so', T, async () => {
      const events = await fx.api('/api/v1/events?limit=100');
      const all = [];
      for (const x of events.items) {
        const l = await fx.api(`/api/v1/events/${x.id}/invitations`);
        for (const y of l.items) if (y.status === 'attended') all.push({ ev: x.id, inv: y });
      }
      const { ev, inv } = all[i] || {};
      assert.ok(inv, 'a demo event has an invitation');
      await a.page.goto(`/events/${ev}`);
      await b.page.goto(`/events/${ev}`);
      const row = (pg) => pg.locator(`#inv-${inv.id}`);
      await row(a.page).locator('select[name=status]').selectOption('no_show');
      await navigate(a.page, () => row(a.page).locator('button[type=submit]').first().click());
      await row(b.page).locator('select[name=status]').selectOption('declined');
      await navigate(b.page, () => row(b.page).locator('button[type=submit]').first().click());
      assert.match(b.page.url(), /flash=changed/);
      const flash = (await b.page.textContent('.flash')).trim();
      assert.equal(CJK.test(flash), lang === 'zh', `"${flash}" is in the page language`);
      assert.equal(await row(b.page).locator('select[name=status]').inputValue(), 'no_show', 'the page shows the status now');
      const l = await fx.api(`/api/v1/events/${ev}/invitations`);
      assert.equal(l.items.find((y) => y.id === inv.id).status, 'no_show', 'the stale change was not saved');
      /* From the page as it is now, the change saves. */
      await row(b.page).locator('select[name=status]').selectOption('declined');
      await navigate(b.page, () => row(b.page).locator('button[type=submit]').first().click());
      assert.match(b.page.url(), /flash=saved/);
      const l2 = await fx.api(`/api/v1/events/${ev}/invitations`);
      assert.equal(l2.items.find((y) => y.id === inv.id).status, 'declined');
      a.mon.assertClean(`invitation (${lang})`);
      b.mon.assertClean(`invitation (${lang})`);
    });
  });
}
