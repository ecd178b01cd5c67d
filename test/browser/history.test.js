'use strict';
/*
** history.test.js: a record's history page and the audit log in Chinese
** and English: readable field names, record types, actions and values in
** the page language, never an internal key; the "revert to this version"
** button (a form post with the CSRF token) brings the old values back and
** adds a revert entry; the audit log's filter form; valid HTML (tidy), no
** console errors, no unlabelled controls; screenshots in zh and en and at
** 390 px width (test-out/screenshots/history-*.png).
**
** Before the pages are opened, the tie Sacramento is edited twice through
** the JSON API (a SYNTHETIC note, then its status), so that its history has
** updates to show and a version to go back to.
*/
const { test, describe, before } = require('node:test');
const assert = require('node:assert/strict');
const { useFixture, navigate, screenshot, unlabelled, tidyCheck, withSource, partnerIds, request, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const fx = useFixture();
const NOTE = 'SYNTHETIC history note (test/browser/history.test.js)';
const PHONE390 = { width: 390, height: 844 };
const L = {
  zh: { title: '修改历史', status: '状态', notes: '备注', suspended: '暂停', active: '有效', update: '修改', revert: '恢复到此版本',
        reverted: '恢复旧版本', audit: '审计日志', tie: '友城关系', field: '字段' },
  en: { title: 'History', status: 'Status', notes: 'Notes', suspended: 'Suspended', active: 'Active', update: 'update', revert: 'Revert to this version',
        reverted: 'revert', audit: 'Audit log', tie: 'partner tie', field: 'Field' },
};
/* Internal keys that must never reach a page. */
const RAW = /\b(hf|entity|action|h|au)\.[a-z_]+\b|\bstatus_changed\b|\bkind_verified\b|\bcity_id\b|\bcreated_at\b|\bupdated_at\b/;

let tieId;
/* Once, from the describe's `before` (root-level `before` hooks run
** concurrently with the fixture's). */
const editTie = async () => {
  tieId = (await partnerIds(fx)).Sacramento;
  const cookie = await fx.cookieFor();
  const me = await request(fx.port, 'GET', '/api/v1/me', { headers: { Cookie: cookie } });
  const headers = { Cookie: cookie, 'X-CSRF-Token': JSON.parse(me.text).csrf, 'Content-Type': 'application/json' };
  for (const body of [{ notes: NOTE }, { status: 'suspended' }]) {
    const r = await request(fx.port, 'PATCH', `/api/v1/partners/${tieId}`, { headers, body: JSON.stringify(body) });
    assert.equal(r.status, 200, r.text.slice(0, 300));
  }
};

/* The visible text of the page's main content. */
const mainText = (page) => page.$eval('main', (el) => el.innerText);

async function checkPage(page, what) {
  const html = await page.content();
  const text = await mainText(page);
  const m = RAW.exec(text);
  assert.equal(m, null, `${what} shows the internal key ${m && m[0]}`);
  assert.deepEqual(await unlabelled(page), [], `${what}: controls without a label`);
  const t = await tidyCheck(html);
  assert.deepEqual(t.real, [], `${what}: tidy\n${withSource(html, t.real).join('\n')}`);
}

describe('history pages', () => {
  before(editTie, T);
  for (const lang of ['zh', 'en']) {
    test(`the history of a tie and the audit log (${lang})`, T, async () => {
      const o = await fx.open({ lang });
      await fx.login(o.context);
      const { page } = o;
      const l = L[lang];
      await page.goto(`/partners/${tieId}`);
      const link = page.locator(`.head-actions a[href="/partners/${tieId}/history"]`);
      assert.equal(await link.textContent(), l.title);
      await navigate(page, () => link.click());
      assert.match(await page.textContent('h1'), new RegExp(`^${l.title}`));
      const first = page.locator('li.entry').first();
      assert.match(await first.locator('.badge').textContent(), new RegExp(l.update));
      const rows = await first.locator('table.diff tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.innerText.trim())));
      assert.deepEqual(rows, [[l.status, l.active, l.suspended]]);
      const second = await page.locator('li.entry').nth(1).locator('table.diff tbody th').allTextContents();
      assert.deepEqual(second, [l.notes]);
      /* The header of the diff tables, the create's fields: all labels. */
      const ths = await page.locator('table.diff th').allTextContents();
      for (const th of ths) assert.doesNotMatch(th, /^[a-z_]+$/, `a field shown by its key: ${th}`);
      assert.ok(ths.includes(l.field));
      await checkPage(page, `history ${lang}`);
      await screenshot(page, `history-tie-${lang}`);

      await page.goto('/audit');
      assert.equal(await page.textContent('h1'), l.audit);
      await page.selectOption('#type', 'tie');
      await page.selectOption('#action', 'update');
      const url = await navigate(page, () => page.click('form.filters button[type=submit]'));
      assert.equal(url.searchParams.get('type'), 'tie');
      const types = await page.locator('li.entry .rtype').allTextContents();
      assert.ok(types.length >= 2);
      for (const t of types) assert.equal(t, l.tie);
      await checkPage(page, `audit ${lang}`);
      await screenshot(page, `history-audit-${lang}`);
      /* Dates the wrong way round: the form shows the error at the field. */
      o.mon.expect(400, /^\/audit\?from=/);
      const res = await page.goto('/audit?from=2026-02-01&to=2026-01-01');
      assert.equal(res.status(), 400);
      assert.equal(await page.getAttribute('#to', 'aria-invalid'), 'true');
      o.mon.assertClean(`history pages ${lang}`);
      await o.context.close();
    });
  }

  test('the revert button brings the old values back (390 px wide)', T, async () => {
    const o = await fx.open({ lang: 'zh', viewport: PHONE390, phone: true });
    await fx.login(o.context);
    const { page } = o;
    await page.goto(`/partners/${tieId}/history`);
    const n = await page.locator('li.entry').count();
    await screenshot(page, 'history-tie-zh-390');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `the page is ${width} px wide at 390`);
    /* The version before both edits: the tie's third entry (its profile's
    ** entries are named as such). */
    const target = page.locator('li.entry:not(:has(.rtype))').nth(2);
    const version = await target.getAttribute('id');
    await navigate(page, () => target.locator('form.revert button').click());
    assert.match(page.url(), /flash=reverted/);
    assert.ok(await page.locator('.flash').count());
    assert.equal(await page.locator('li.entry').count(), n + 1);
    const top = page.locator('li.entry').first();
    assert.equal(await top.locator('.badge').textContent(), L.zh.reverted);
    assert.match(await top.innerText(), new RegExp(`恢复到版本 ${version.slice(1)}`));
    const tie = await fx.api(`/api/v1/partners/${tieId}`);
    assert.equal(tie.status, 'active');
    assert.notEqual(tie.notes, NOTE);
    await screenshot(page, 'history-tie-reverted-zh-390');
    o.mon.assertClean('revert');
    await o.context.close();
  });
});
