'use strict';
/* members.test.js: an organisation's account (role member, issue 12, item
** 2) in a browser, in Chinese and English: the member sees Edit on their
** own organisation's page and not on another's; saving their own
** organisation works; a post to another's edit form is refused (403) and
** changes nothing. And the admin page sets where a user belongs (a unit,
** kept to it, or an organisation). The accounts are synthetic; the
** organisations are the demo's. */
const { test, describe, before } = require('node:test');
const assert = require('node:assert/strict');
const { useFixture, navigate, screenshot, run, BIN, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const fx = useFixture();
const PW = 'member passphrase (synthetic)';

async function cli(args, input) {
  const r = await run(BIN, [...args, '--db', fx.db], input ? { input } : {});
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

async function sql(q) {
  const r = await run('sqlite3', [fx.db, q]);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.trim();
}

async function signIn(o, user) {
  const c = await fx.cookieFor(user, PW);
  await o.context.addCookies([{ name: 'yc_session', value: c.slice(c.indexOf('=') + 1), url: fx.base, httpOnly: true, sameSite: 'Lax' }]);
}

describe('a member edits only their organisation', () => {
  let orgs;
  before(async () => {
    orgs = (await sql('SELECT id FROM org ORDER BY id LIMIT 2')).split('\n').map(Number);
    await cli(['user', 'add', 'member-one', '--role', 'member', '--org', String(orgs[0]), '--password-stdin'], `${PW}\n`);
    await cli(['user', 'add', 'root-members', '--role', 'admin', '--password-stdin'], `${PW}\n`);
    await cli(['user', 'add', 'district-editor', '--role', 'editor', '--password-stdin'], `${PW}\n`);
    await cli(['unit', 'add', '--name-zh', '测试区（合成）', '--name-en', 'Synthetic district', '--kind', 'district']);
  }, T);

  for (const lang of ['zh', 'en']) {
    test(`own organisation: Edit shown and saved; another's: no Edit, a post refused (${lang})`, T, async () => {
      const o = await fx.open({ lang });
      const { page, mon } = o;
      await signIn(o, 'member-one');
      let res = await page.goto(`/orgs/${orgs[0]}`);
      assert.equal(res.status(), 200);
      assert.equal(await page.locator(`.head-actions a[href="/orgs/${orgs[0]}/edit"]`).count(), 1);
      assert.equal(await page.locator(`.head-actions a[href="/orgs/${orgs[0]}/delete"]`).count(), 0, 'a member does not delete');
      await navigate(page, () => page.locator(`.head-actions a[href="/orgs/${orgs[0]}/edit"]`).click());
      await page.fill('textarea[name="description"]', `Synthetic note by the member (${lang})`);
      await navigate(page, () => page.locator('form button[type="submit"].primary').click());
      assert.equal(new URL(page.url()).pathname, `/orgs/${orgs[0]}`);
      await screenshot(page, `members-own-${lang}`);
      res = await page.goto(`/orgs/${orgs[1]}`);
      assert.equal(res.status(), 200);
      assert.equal(await page.locator(`.head-actions a[href="/orgs/${orgs[1]}/edit"]`).count(), 0);
      /* A crafted post to another organisation's form: refused, nothing changed. */
      const before = await sql(`SELECT coalesce(description, '') || updated_at FROM org WHERE id=${orgs[1]}`);
      mon.expect(403, new RegExp(`^/orgs/${orgs[1]}/edit$`));
      res = await page.goto(`/orgs/${orgs[1]}/edit`);
      if (res.status() === 200) {
        await page.fill('textarea[name="description"]', 'should not be saved (synthetic)');
        await page.locator('form button[type="submit"].primary').click();
        await page.waitForLoadState();
      }
      assert.equal(await sql(`SELECT coalesce(description, '') || updated_at FROM org WHERE id=${orgs[1]}`), before);
      mon.assertClean(`member ${lang}`);
      await o.context.close();
    });
  }

  test('the admin page sets where a user belongs', T, async () => {
    const o = await fx.open({ lang: 'en' });
    const { page, mon } = o;
    await signIn(o, 'root-members');
    const res = await page.goto('/admin/users');
    assert.equal(res.status(), 200);
    const row = page.locator('#users tr', { has: page.locator('th', { hasText: 'district-editor' }) });
    await row.locator('select[name="unit_id"]').selectOption({ label: 'Synthetic district' });
    await row.locator('input[name="own_unit_only"]').check();
    await navigate(page, () => row.locator('form.membership button').click());
    assert.equal(new URL(page.url()).pathname, '/admin/users');
    const u = JSON.parse(await cli(['user', 'list', '--json'])).items.find((x) => x.name === 'district-editor');
    assert.equal(typeof u.unit_id, 'number');
    assert.equal(u.own_unit_only, true);
    await screenshot(page, 'members-admin-en');
    mon.assertClean('admin membership');
    await o.context.close();
  });
});
