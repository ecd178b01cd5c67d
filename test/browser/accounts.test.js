'use strict';
/* accounts.test.js: the admin page /admin/users in a browser (issue 12,
** item 7), in Chinese and English, on a desktop and at phone width
** (screenshots test-out/screenshots/accounts-LANG-DEVICE.png): the users
** with role, state and last login, the tokens with name, created, last
** used and expiry; disable, enable, role change and token revoke through
** the page's forms (CSRF); an editor gets 403. The accounts are synthetic. */
const { test, describe, before } = require('node:test');
const assert = require('node:assert/strict');
const { useFixture, navigate, screenshot, tidyCheck, withSource, run, BIN, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const fx = useFixture();
const ADMIN = 'root-admin';
const ADMIN_PW = 'admin passphrase (synthetic)';

async function cli(args, input) {
  const r = await run(BIN, [...args, '--db', fx.db], input ? { input } : {});
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

async function adminPage(o) {
  const c = await fx.cookieFor(ADMIN, ADMIN_PW);
  await o.context.addCookies([{ name: 'yc_session', value: c.slice(c.indexOf('=') + 1), url: fx.base, httpOnly: true, sameSite: 'Lax' }]);
}

describe('/admin/users', () => {
  before(async () => {
    await cli(['user', 'add', ADMIN, '--role', 'admin', '--password-stdin'], `${ADMIN_PW}\n`);
    for (const lang of ['zh', 'en']) {
      await cli(['user', 'add', `bob-${lang}`, '--role', 'editor', '--password-stdin'], 'bob passphrase (synthetic)\n');
      await cli(['token', 'create', `bob-${lang}`, '--name', `bob laptop ${lang}`, '--expires', '90']);
    }
  }, T);

  const want = {
    zh: { title: '用户与令牌', role: '编辑', disabled: '已停用', active: '启用', disable: '停用', enable: '启用', revoke: '吊销',
      saved: '账户已更改。', revoked: '令牌已吊销。', never: '从未' },
    en: { title: 'Users and tokens', role: 'Editor', disabled: 'Disabled', active: 'Active', disable: 'Disable', enable: 'Enable',
      revoke: 'Revoke', saved: 'The account was changed.', revoked: 'The token was revoked.', never: 'never' },
  };
  for (const lang of ['zh', 'en']) {
    test(`users and tokens, disable, enable, role, revoke (${lang})`, T, async () => {
      const w = want[lang];
      const o = await fx.open({ lang });
      const { page, mon } = o;
      await adminPage(o);
      const res = await page.goto('/admin/users');
      assert.equal(res.status(), 200);
      assert.equal(await page.innerText('h1'), w.title);
      const row = page.locator(`#users tr`, { has: page.locator('th', { hasText: `bob-${lang}` }) });
      assert.equal(await row.count(), 1);
      assert.match(await row.innerText(), new RegExp(w.active));
      assert.match(await row.innerText(), new RegExp(w.never));
      assert.equal(await row.locator('select[name="role"]').inputValue(), 'editor');
      const tok = page.locator('#tokens tr', { hasText: `bob laptop ${lang}` });
      assert.equal(await tok.count(), 1);
      assert.match(await tok.innerText(), /\d{4}-\d\d-\d\d \d\d:\d\d UTC/);
      /* The tidy check of the served page. */
      const html = await page.content();
      const t = await tidyCheck(html);
      assert.deepEqual(withSource(html, t.real), [], `tidy:\n${withSource(html, t.real).join('\n')}`);
      await screenshot(page, `accounts-${lang}-desktop`);
      /* Disable: the state changes, the token goes. */
      await navigate(page, () => row.locator('button', { hasText: w.disable }).click());
      assert.equal(new URL(page.url()).pathname, '/admin/users');
      assert.equal(await page.innerText('.flash'), w.saved);
      assert.match(await row.innerText(), new RegExp(w.disabled));
      assert.equal(await page.locator('#tokens tr', { hasText: `bob laptop ${lang}` }).count(), 0);
      /* Enable and make a viewer. */
      await navigate(page, () => row.locator('button', { hasText: w.enable }).click());
      assert.match(await row.innerText(), new RegExp(w.active));
      await row.locator('select[name="role"]').selectOption('viewer');
      await navigate(page, () => row.locator('form:has(select[name="role"]) button').click());
      assert.equal(await row.locator('select[name="role"]').inputValue(), 'viewer');
      const api = JSON.parse(await cli(['user', 'list', '--json']));
      const bob = api.items.find((u) => u.name === `bob-${lang}`);
      assert.equal(bob.role, 'viewer');
      assert.equal(bob.disabled, false);
      /* Revoke a token through the page. */
      await cli(['token', 'create', `bob-${lang}`, '--name', `to revoke ${lang}`]);
      await page.goto('/admin/users');
      const r2 = page.locator('#tokens tr', { hasText: `to revoke ${lang}` });
      await navigate(page, () => r2.locator('button', { hasText: w.revoke }).click());
      assert.equal(await page.innerText('.flash'), w.revoked);
      assert.equal(await page.locator('#tokens tr', { hasText: `to revoke ${lang}` }).count(), 0);
      mon.assertClean(`/admin/users ${lang}`);
      await o.context.close();
    });

    test(`phone width, no sideways scrolling (${lang})`, T, async () => {
      const o = await fx.open({ lang, phone: true });
      await adminPage(o);
      const res = await o.page.goto('/admin/users');
      assert.equal(res.status(), 200);
      const over = await o.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(over <= 1, `no sideways scrolling at phone width (${over}px)`);
      await screenshot(o.page, `accounts-${lang}-phone`);
      o.mon.assertClean(`/admin/users phone ${lang}`);
      await o.context.close();
    });
  }

  test('an editor gets 403 on the page', T, async () => {
    const o = await fx.open({ lang: 'en' });
    await fx.login(o.context);
    o.mon.expect(403, /^\/admin\/users$/);
    const res = await o.page.goto('/admin/users');
    assert.equal(res.status(), 403);
    o.mon.assertClean('/admin/users as editor');
    await o.context.close();
  });
});
