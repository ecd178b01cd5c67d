'use strict';
/* forms.test.js: logging in (mouse and keyboard), adding a partner through
** the form with the city autocomplete, validation errors, editing, text
** that looks like HTML, deleting through the confirmation page, and the
** organisation form.
**
** The describe blocks run in order and share the server (a temp copy of
** the demo database): the partner added here (Lyon, FR, marked synthetic
** in its notes) stays; the second one (Toulouse, FR) is deleted at the
** end; the organisation added is synthetic too. */
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { useFixture, waitDrawn, navigate, screenshot, suggest, USER, PASSWORD, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const fx = useFixture();

const SYNTHETIC = 'Synthetic test record written by the browser test suite (test/browser/forms.test.js); not a real partnership.';
const XSS_NOTES = '<script>alert(1)</script>';
const XSS_LABEL = 'Toulouse <img src=x onerror=alert(2)>';

const text = (page, sel) => page.$eval(sel, (el) => el.textContent.replace(/\s+/g, ' ').trim());
const kpis = async (page) => {
  await page.goto('/');
  const k = {};
  for (const id of ['sister', 'cooperation', 'candidate', 'total']) k[id] = Number(await text(page, `#kpi-${id}`));
  await waitDrawn(page, '#worldmap');
  return k;
};

/* Fill #city without choosing a suggestion; waits for the autocomplete's
** request to finish (a form submitted earlier would abort it). */
async function fillCity(page, value) {
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/cities') && new URL(r.url()).searchParams.get('q') === value),
    page.fill('#city', value),
  ]);
  await res.finished();
  await page.waitForTimeout(50);
}

describe('log in', () => {
  test('/partners/new when logged out redirects to /login?next=/partners/new', T, async () => {
    const { context, page, mon } = await fx.open();
    try {
      const res = await page.goto('/partners/new');
      assert.equal(res.status(), 200);
      const u = new URL(page.url());
      assert.equal(u.pathname, '/login');
      assert.equal(u.searchParams.get('next'), '/partners/new');
      assert.equal(await page.locator('#user').count(), 1);
      mon.assertClean('/partners/new (logged out)');
    } finally {
      await context.close();
    }
  });

  test('a wrong password: status 401, an alert, the user name kept, not logged in', T, async () => {
    const { context, page, mon } = await fx.open();
    try {
      mon.expect(401, /^\/login$/);
      await page.goto('/login');
      await page.fill('#user', USER);
      await page.fill('#password', 'wrong-password-1');
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/login') && r.request().method() === 'POST'),
        page.locator('form.form button[type="submit"]').click(),
      ]);
      assert.equal(res.status(), 401);
      await page.waitForLoadState();
      assert.match(await text(page, '.alert[role="alert"]'), /用户名或密码错误/);
      assert.equal(await page.inputValue('#user'), USER);
      assert.equal(await page.inputValue('#password'), '', 'the password is not sent back');
      assert.equal(await page.locator('form.logout').count(), 0);
      assert.equal((await context.cookies()).filter((c) => c.name === 'yc_session').length, 0);
      mon.assertClean('/login wrong password');
    } finally {
      await context.close();
    }
  });

  for (const lang of ['zh', 'en']) {
    test(`log in with the form (${lang}): back to "next", header shows the user and a logout button; log out`, T, async () => {
      const { context, page, mon } = await fx.open(lang === 'en' ? { lang: 'en' } : {});
      try {
        await page.goto('/partners');
        let u = await navigate(page, () => page.locator('header a.login').click());
        assert.equal(u.pathname, '/login');
        assert.equal(u.searchParams.get('next'), '/partners');
        await page.fill('#user', USER);
        await page.fill('#password', PASSWORD);
        u = await navigate(page, () => page.locator('form.form button[type="submit"]').click());
        assert.equal(u.pathname + u.search, '/partners');
        assert.equal(await text(page, 'header .who'), lang === 'en' ? `Logged in as ${USER}` : `已登录：${USER}`);
        const logout = page.locator('header form.logout button[type="submit"]');
        assert.equal(await logout.innerText(), lang === 'en' ? 'Log out' : '退出');
        /* Logged in, the list offers "new". */
        assert.equal(await page.locator('main a[href="/partners/new"]').count(), 1);
        u = await navigate(page, () => logout.click());
        assert.equal(u.pathname, '/');
        assert.equal(await page.locator('header form.logout').count(), 0);
        assert.equal(await page.locator('header a.login').count(), 1);
        await waitDrawn(page, '#worldmap');
        mon.assertClean(`login/logout (${lang})`);
      } finally {
        await context.close();
      }
    });
  }

  test('the login form works from the keyboard alone (Tab, typing, Enter); the first Tab stop is the skip link', T, async () => {
    const { context, page, mon } = await fx.open();
    try {
      await page.goto('/login?next=/orgs');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.className), 'skip', 'first Tab stop');
      assert.ok(await page.locator('a.skip').isVisible(), 'the skip link shows when focused');
      let steps = 1;
      while (steps < 25 && await page.evaluate(() => document.activeElement.id) !== 'user') {
        await page.keyboard.press('Tab');
        steps++;
      }
      assert.equal(await page.evaluate(() => document.activeElement.id), 'user', `#user not reached in ${steps} Tab presses`);
      /* A visible focus indicator on the field. */
      const outline = await page.$eval('#user', (el) => getComputedStyle(el).outlineStyle);
      assert.notEqual(outline, 'none', 'focused #user has an outline');
      await page.keyboard.type(USER);
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'password');
      await page.keyboard.type(PASSWORD);
      const u = await navigate(page, () => page.keyboard.press('Enter'));
      assert.equal(u.pathname, '/orgs');
      assert.equal(await text(page, 'header .who'), `已登录：${USER}`);
      mon.assertClean('keyboard login');
    } finally {
      await context.close();
    }
  });
});

describe('add a partner through the form (logged in)', () => {
  let o, before29, lyonId;
  before(async () => {
    o = await fx.open();
    await fx.loginAdmin(o.context);       /* deleting a tie is admins' */
  });
  after(async () => { if (o) await o.context.close(); });

  test('the autocomplete: typing "Lyon" lists cities from /api/v1/cities; choosing one fills #city and #city_id', T, async () => {
    const { page, mon } = o;
    before29 = await kpis(page);
    assert.deepEqual(before29, { sister: 12, cooperation: 16, candidate: 3, total: 31 });
    await page.goto('/partners/new');
    assert.equal(await text(page, 'h1'), '新增友城');
    assert.equal(await page.getAttribute('#city', 'role'), 'combobox');
    const opts = await suggest(page, 'Lyon');
    assert.ok(opts.length >= 1 && opts.length <= 8, `${opts.length} options`);
    /* Chinese page: GeoNames' Chinese name, country and admin-1 region, then the name. */
    const i = opts.findIndex((t) => /^里昂（法国，Auvergne-Rhône-Alpes） Lyon(?![a-z])/.test(t));
    assert.ok(i >= 0, `no "里昂（法国，Auvergne-Rhône-Alpes） Lyon" among ${JSON.stringify(opts)}`);
    await screenshot(page, 'partner-form-autocomplete-zh-desktop');
    await page.locator('ul.suggest li[role="option"]').nth(i).click();
    assert.equal(await page.inputValue('#city'), 'Lyon, FR');
    assert.equal(await page.inputValue('#city_id'), '2996944');
    assert.ok(await page.locator('ul.suggest').isHidden(), 'the list closes');
    assert.equal(await page.getAttribute('#city', 'aria-expanded'), 'false');
    mon.assertClean('autocomplete');
  });

  test('submit: redirect to /partners/{id}?flash=created, the page shows the record', T, async () => {
    const { page, mon } = o;
    await page.selectOption('#kind', 'sister');
    await page.selectOption('#status', 'active');
    await page.locator('#kind_verified').uncheck();
    await page.fill('#established', '2024-05-20');
    await page.fill('#city_name_zh', '里昂');
    await page.fill('#notes', SYNTHETIC);
    await page.fill('#sources', 'Synthetic: no source (test data)\nhttps://www.lyon.fr/');
    const u = await navigate(page, () => page.locator('form button.primary[type="submit"]').click());
    assert.match(u.pathname, /^\/partners\/\d+$/);
    assert.equal(u.search, '?flash=created');
    lyonId = Number(u.pathname.split('/').pop());
    assert.ok((await text(page, 'p.flash')).length > 0, 'a flash message');
    assert.match(await text(page, 'h1'), /^里昂/);
    const main = await page.innerText('main');
    for (const s of ['Lyon', '里昂', '(FR)', '2024-05-20', SYNTHETIC]) assert.ok(main.includes(s), `${s} on the page`);
    assert.equal(await page.locator('main .badge.unverified').count(), 1, 'kind_verified unchecked: flagged');
    assert.equal(await page.locator('ol.sources a[href="https://www.lyon.fr/"]').count(), 1);
    await waitDrawn(page, '#minimap');
    /* Logged in: Edit and Delete. */
    assert.equal(await page.locator(`a[href="/partners/${lyonId}/edit"]`).count(), 1);
    assert.equal(await page.locator(`a[href="/partners/${lyonId}/delete"]`).count(), 1);
    mon.assertClean('create Lyon');
  });

  test('the new partner is listed on /partners and the dashboard counts rise by one', T, async () => {
    const { page, mon } = o;
    assert.ok(lyonId, 'created by the previous test');
    await page.goto('/partners');
    assert.equal(await text(page, '#count'), '共 32 个');
    assert.equal(await page.locator(`table#partners a[href="/partners/${lyonId}"]`).count(), 1);
    await page.goto('/partners?q=Lyon&kind=sister');
    assert.equal(await page.locator('table#partners tbody tr').count(), 1);
    const k = await kpis(page);
    assert.deepEqual(k, { ...before29, sister: before29.sister + 1, total: before29.total + 1 });
    /* The latest changes name it. */
    assert.equal(await page.locator(`ul.changes a[href="/partners/${lyonId}"]`).count(), 1);
    mon.assertClean('Lyon listed');
  });

  test('edit: the form is filled from the record; a change is saved (flash=saved)', T, async () => {
    const { page, mon } = o;
    await page.goto(`/partners/${lyonId}`);
    let u = await navigate(page, () => page.locator(`a[href="/partners/${lyonId}/edit"]`).click());
    assert.equal(u.pathname, `/partners/${lyonId}/edit`);
    assert.equal(await page.inputValue('#city'), 'Lyon, FR');
    assert.equal(await page.inputValue('#city_id'), '2996944');
    assert.equal(await page.inputValue('#kind'), 'sister');
    assert.equal(await page.inputValue('#established'), '2024-05-20');
    assert.equal(await page.inputValue('#notes'), SYNTHETIC);
    assert.equal(await page.isChecked('#kind_verified'), false);
    await page.fill('#agreement', 'Synthetic agreement text');
    u = await navigate(page, () => page.locator('form button.primary[type="submit"]').click());
    assert.equal(u.pathname + u.search, `/partners/${lyonId}?flash=saved`);
    assert.ok((await page.innerText('main')).includes('Synthetic agreement text'));
    assert.ok((await page.innerText('main')).includes(SYNTHETIC), 'the notes are unchanged');
    await waitDrawn(page, '#minimap');
    mon.assertClean('edit Lyon');
  });

  test('adding the same city again is refused next to the city field', T, async () => {
    const { page, mon } = o;
    mon.expect(409, /^\/partners\/new$/);
    mon.expect(400, /^\/partners\/new$/);
    await page.goto('/partners/new');
    await fillCity(page, 'Lyon, FR');
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/partners/new') && r.request().method() === 'POST'),
      page.locator('form button.primary[type="submit"]').click(),
    ]);
    assert.ok(res.status() === 409 || res.status() === 400, `status ${res.status()}`);
    await page.waitForLoadState();
    const err = page.locator('#city').locator('xpath=ancestor::div[contains(@class,"field")][1]').locator('p.field-error');
    assert.match(await err.innerText(), /已经是友城/);
    assert.equal(await page.getAttribute('#city', 'aria-invalid'), 'true');
    mon.assertClean('duplicate Lyon');
  });
});

describe('invalid input re-shows the form', () => {
  for (const lang of ['zh', 'en']) {
    test(`established "2019-13-45" (${lang}): status 400, the input kept, a field error under #established, aria-invalid`, T, async () => {
      const { context, page, mon } = await fx.open(lang === 'en' ? { lang: 'en' } : {});
      try {
        await fx.login(context);
        mon.expect(400, /^\/partners\/new$/);
        await page.goto('/partners/new');
        await suggest(page, 'Bordeaux');
        await page.keyboard.press('ArrowDown');
        assert.equal(await page.getAttribute('ul.suggest li[role="option"]:first-child', 'aria-selected'), 'true');
        await page.keyboard.press('Enter');
        assert.equal(await page.inputValue('#city'), 'Bordeaux, FR', 'chosen with the keyboard');
        const cityId = await page.inputValue('#city_id');
        assert.match(cityId, /^\d+$/);
        await page.selectOption('#kind', 'cooperation');
        await page.fill('#established', '2019-13-45');
        await page.fill('#notes', 'keep me: 保留');
        await page.fill('#sources', 'line one\nline two');
        const [res] = await Promise.all([
          page.waitForResponse((r) => r.url().endsWith('/partners/new') && r.request().method() === 'POST'),
          page.locator('form button.primary[type="submit"]').click(),
        ]);
        assert.equal(res.status(), 400);
        await page.waitForLoadState();
        assert.equal(await page.locator('.alert[role="alert"]').count(), 1);
        const field = page.locator('#established').locator('xpath=ancestor::div[contains(@class,"field")][1]');
        const err = field.locator('p.field-error');
        assert.equal(await err.count(), 1, 'one error in the field of #established');
        assert.match(await err.innerText(), lang === 'en' ? /Invalid date/ : /日期无效/);
        assert.equal(await page.locator('p.field-error').count(), 1, 'no other field errors');
        assert.equal(await page.getAttribute('#established', 'aria-invalid'), 'true');
        assert.equal(await page.getAttribute('#notes', 'aria-invalid'), null);
        /* The user's input is kept. */
        assert.equal(await page.inputValue('#established'), '2019-13-45');
        assert.equal(await page.inputValue('#city'), 'Bordeaux, FR');
        assert.equal(await page.inputValue('#city_id'), cityId);
        assert.equal(await page.inputValue('#kind'), 'cooperation');
        assert.equal(await page.inputValue('#notes'), 'keep me: 保留');
        assert.equal(await page.inputValue('#sources'), 'line one\nline two');
        await screenshot(page, `partner-form-error-${lang}-desktop`);
        /* Nothing was created. */
        assert.equal((await fx.api('/api/v1/partners?q=Bordeaux')).total, 0);
        mon.assertClean(`invalid date (${lang})`);
      } finally {
        await context.close();
      }
    });
  }

  test('the field error is announced with the field: #established is aria-describedby its error',
    { ...T },
    async () => {
      const { context, page, mon } = await fx.open();
      try {
        await fx.login(context);
        mon.expect(400, /^\/partners\/new$/);
        await page.goto('/partners/new');
        await fillCity(page, 'Bordeaux, FR');
        await page.fill('#established', '2019-13-45');
        await Promise.all([page.waitForResponse((r) => r.url().endsWith('/partners/new') && r.request().method() === 'POST'),
          page.locator('form button.primary[type="submit"]').click()]);
        await page.waitForLoadState();
        const errId = await page.getAttribute('p.field-error', 'id');
        const described = (await page.getAttribute('#established', 'aria-describedby') || '').split(/\s+/);
        assert.ok(errId && described.includes(errId), `aria-describedby="${described.join(' ')}", error id "${errId}"`);
        mon.assertClean('aria-describedby');
      } finally {
        await context.close();
      }
    });

  test('no city: "required" error under #city', T, async () => {
    const { context, page, mon } = await fx.open();
    try {
      await fx.login(context);
      mon.expect(400, /^\/partners\/new$/);
      await page.goto('/partners/new');
      await page.fill('#notes', 'no city given');
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/partners/new') && r.request().method() === 'POST'),
        page.locator('form button.primary[type="submit"]').click(),
      ]);
      assert.equal(res.status(), 400);
      await page.waitForLoadState();
      const err = page.locator('#city').locator('xpath=ancestor::div[contains(@class,"field")][1]').locator('p.field-error');
      assert.match(await err.innerText(), /必填/);
      assert.equal(await page.getAttribute('#city', 'aria-invalid'), 'true');
      assert.equal(await page.inputValue('#notes'), 'no city given');
      mon.assertClean('no city');
    } finally {
      await context.close();
    }
  });

  test('a form post without the CSRF token is refused (403) and changes nothing', T, async () => {
    const cookie = await fx.cookieFor();
    const before = (await fx.api('/api/v1/partners?limit=1')).total;
    const r = await fx.post('/partners/new', { city: 'Marseille, FR', kind: 'sister' }, { cookie });
    assert.equal(r.status, 403);
    assert.match(r.text, /<html/);
    assert.equal((await fx.api('/api/v1/partners?limit=1')).total, before);
  });
});

describe('text that looks like HTML is shown as text', () => {
  let o, id;
  before(async () => {
    o = await fx.open();
    await fx.loginAdmin(o.context);       /* deleting a tie is admins' */
  });
  after(async () => { if (o) await o.context.close(); });

  test(`notes "${XSS_NOTES}" and a label with an <img onerror>: shown literally, no dialog, no request`, T, async () => {
    const { page, mon } = o;
    await page.goto('/partners/new');
    await suggest(page, 'Toulouse');
    /* Chinese page: "图卢兹（法国，Occitanie） Toulouse" (GeoNames' Chinese name first). */
    await page.locator('ul.suggest li[role="option"]', { hasText: /^图卢兹（法国，Occitanie） Toulouse(?![a-z-])/ }).first().click();
    assert.equal(await page.inputValue('#city'), 'Toulouse, FR');
    await page.selectOption('#kind', 'candidate');
    await page.selectOption('#status', 'proposed');
    await page.fill('#label', XSS_LABEL);
    await page.fill('#notes', `${XSS_NOTES}\n${SYNTHETIC}`);
    const u = await navigate(page, () => page.locator('form button.primary[type="submit"]').click());
    assert.match(u.pathname, /^\/partners\/\d+$/);
    assert.equal(u.search, '?flash=created');
    id = Number(u.pathname.split('/').pop());
    await waitDrawn(page, '#minimap');
    const main = await page.$eval('main', (m) => m.textContent);
    assert.ok(main.includes(XSS_NOTES), 'the notes are shown as text');
    assert.ok(main.includes(XSS_LABEL), 'the label is shown as text');
    assert.equal(await page.locator('main script').count(), 0, 'no <script> element in main');
    assert.equal(await page.locator('main img').count(), 0, 'no <img> element in main');
    assert.equal(await text(page, 'h1'), `${XSS_LABEL} 法国`);
    /* Also where the label is listed: the list, the dashboard (map data, latest changes). */
    await page.goto('/partners?q=Toulouse');
    assert.equal(await text(page, `table#partners a[href="/partners/${id}"]`), XSS_LABEL);
    await page.goto('/');
    await waitDrawn(page, '#worldmap');
    assert.equal(await text(page, `ul.changes a[href="/partners/${id}"]`), XSS_LABEL);
    assert.equal(await page.locator('main img').count(), 0);
    const points = JSON.parse(await page.$eval('#map-data', (el) => el.textContent)).points;
    assert.ok(points.some((p) => p.name === XSS_LABEL), 'the map data carries the label as a string');
    /* Hover the point on the map would show the tooltip; app.js escapes it. */
    await page.waitForTimeout(200);
    assert.deepEqual(mon.dialogs, [], 'no dialog fired');
    mon.assertClean('HTML-looking text');
  });

  test('delete through the confirmation page: Cancel keeps it; Delete removes it everywhere', T, async () => {
    const { page, mon } = o;
    assert.ok(id, 'created by the previous test');
    const k0 = await kpis(page);
    await page.goto(`/partners/${id}`);
    let u = await navigate(page, () => page.locator(`a[href="/partners/${id}/delete"]`).click());
    assert.equal(u.pathname, `/partners/${id}/delete`);
    assert.equal(await text(page, 'h1'), '删除');
    assert.ok((await page.innerText('main')).includes(XSS_LABEL), 'the confirmation names the partner');
    assert.equal(await page.locator('main img').count(), 0);
    const form = page.locator(`main form[method="post"][action="/partners/${id}/delete"]`);
    assert.equal(await form.count(), 1);
    await screenshot(page, 'partner-delete-confirm-zh-desktop');
    /* Cancel first. */
    u = await navigate(page, () => page.getByRole('link', { name: '取消' }).click());
    assert.equal(u.pathname + u.search, `/partners/${id}`);
    assert.equal(await text(page, 'h1'), `${XSS_LABEL} 法国`);
    await waitDrawn(page, '#minimap');
    /* Then delete. */
    await page.goto(`/partners/${id}/delete`);
    u = await navigate(page, () => form.getByRole('button', { name: '删除' }).click());
    assert.equal(u.pathname + u.search, '/partners?flash=deleted');
    assert.ok((await text(page, 'p.flash')).length > 0);
    assert.equal(await page.locator(`table#partners a[href="/partners/${id}"]`).count(), 0);
    const k1 = await kpis(page);
    assert.deepEqual(k1, { ...k0, candidate: k0.candidate - 1, total: k0.total - 1 });
    mon.expect(404, new RegExp(`^/partners/${id}$`));
    const res = await page.goto(`/partners/${id}`);
    assert.equal(res.status(), 404);
    assert.deepEqual(mon.dialogs, []);
    mon.assertClean('delete');
  });
});

describe('organisation form', () => {
  test('/orgs/new: login first; then create a (synthetic) organisation with the city autocomplete and a partner tie', T, async () => {
    const { context, page, mon } = await fx.open();
    try {
      let res = await page.goto('/orgs/new');
      let u = new URL(page.url());
      assert.equal(u.pathname, '/login');
      assert.equal(u.searchParams.get('next'), '/orgs/new');
      await fx.login(context);
      res = await page.goto('/orgs/new');
      assert.equal(res.status(), 200);
      assert.equal(await text(page, 'h1'), '新增机构');
      await page.fill('#name_en', 'Synthetic Test Organisation');
      await page.fill('#name_zh', '测试机构（合成数据）');
      await page.selectOption('#type', 'association');
      await page.selectOption('#side', 'partner');
      await suggest(page, 'Sacramento');
      await page.locator('ul.suggest li[role="option"]', { hasText: /^Sacramento\b/ }).first().click();
      assert.match(await page.inputValue('#city_id'), /^\d+$/);
      await page.fill('#industries', '85');
      const tie = page.locator('fieldset label.check', { hasText: '萨克拉门托市' }).locator('input[name="partners"]');
      const tieId = await tie.getAttribute('value');
      await tie.check();
      await page.fill('#sources', SYNTHETIC);
      u = await navigate(page, () => page.locator('form button.primary[type="submit"]').click());
      assert.match(u.pathname, /^\/orgs\/\d+$/);
      assert.equal(await text(page, 'h1'), '测试机构（合成数据）');
      const main = await page.innerText('main');
      for (const s of ['Synthetic Test Organisation', '萨克拉门托市', '85']) assert.ok(main.includes(s), `${s} on the page`);
      assert.ok(await page.locator(`main a[href="/partners/${tieId}"]`).count() >= 1, 'the tie links back');
      /* ... and the partner page lists the organisation. */
      await page.goto(`/partners/${tieId}`);
      assert.ok(await page.locator(`ul.orgs a[href="${u.pathname}"]`).count() >= 1, 'the partner page lists the organisation');
      await waitDrawn(page, '#minimap');
      await page.goto('/orgs');
      assert.equal(await page.locator('table#orgs tbody tr').count(), 9);
      mon.assertClean('org form');
    } finally {
      await context.close();
    }
  });
});
