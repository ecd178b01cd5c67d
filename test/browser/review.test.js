'use strict';
/* review.test.js: review before publishing in a browser (issue 12, item
** 3), in Chinese and English, on a desktop and at 390 px (screenshots
** test-out/screenshots/review-LANG-*.png): an editor's queue of submitted
** records, returning one with a reason, the submitter seeing the state and
** the reason on the record's page and on /review, submitting again,
** publishing; anonymous visitors get 404 until then. The submitter here is
** a second editor (the member role is another part of the issue); the
** records are synthetic. */
const { test, describe, before } = require('node:test');
const assert = require('node:assert/strict');
const { useFixture, navigate, screenshot, tidyCheck, withSource, run, request, BIN, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const fx = useFixture();
const SUBMITTER = 'sam-submitter';
const SUBMITTER_PW = 'sam passphrase (synthetic)';
let token;
const opp = {};

async function cli(args, input) {
  const r = await run(BIN, [...args, '--db', fx.db], input ? { input } : {});
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}
async function api(method, p, body) {
  const r = await request(fx.port, method, p, {
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  assert.ok(r.status < 300, `${method} ${p}: ${r.status} ${r.text}`);
  return JSON.parse(r.text);
}
async function as(o, user, pw) {
  const c = await fx.cookieFor(user, pw);
  await o.context.addCookies([{ name: 'yc_session', value: c.slice(c.indexOf('=') + 1), url: fx.base, httpOnly: true, sameSite: 'Lax' }]);
}

const want = {
  zh: { title: '审核', draft: '草稿', submitted: '待审核', returned: '已退回', published: '已发布', ret: '退回', publish: '发布', submit: '提交审核',
    done: '审核操作已保存。', reasonWas: '退回理由：', reason: '虚构理由：请补充有效期和联系人。' },
  en: { title: 'Review', draft: 'Draft', submitted: 'Submitted', returned: 'Returned', published: 'Published', ret: 'Return', publish: 'Publish',
    submit: 'Submit for review', done: 'The review step is saved.', reasonWas: 'Reason for the return:',
    reason: 'SYNTHETIC reason: give a valid_until date and a contact.' },
};

describe('/review', () => {
  before(async () => {
    await cli(['user', 'add', SUBMITTER, '--role', 'editor', '--password-stdin'], `${SUBMITTER_PW}\n`);
    token = await cli(['token', 'create', SUBMITTER]);
    const orgs = JSON.parse((await request(fx.port, 'GET', '/api/v1/orgs?limit=100')).text).items;
    const owner = orgs.find((x) => x.name_en === 'Yinfeng Group');
    for (const lang of ['zh', 'en']) {
      const o = await api('POST', '/api/v1/opportunities', {
        kind: 'offer', category: 'health', direction: 'going_out', org_id: owner.id, review: 'draft',
        title_en: `SYNTHETIC review browser test (${lang})`, title_zh: `虚构审核测试机会（${lang}）` });
      assert.equal(o.review, 'draft');
      assert.equal((await api('POST', `/api/v1/opportunities/${o.id}/review`, { action: 'submit' })).review, 'submitted');
      opp[lang] = o.id;
    }
  }, T);

  for (const lang of ['zh', 'en']) {
    test(`queue, return with a reason, the submitter sees it, submit, publish (${lang})`, T, async () => {
      const w = want[lang];
      const id = opp[lang];
      /* Anonymous: not there. */
      const anon = await fx.open({ lang });
      anon.mon.expect(404, new RegExp(`^/opportunities/${id}$`));
      assert.equal((await anon.page.goto(`/opportunities/${id}`)).status(), 404);
      /* The editor's queue. */
      const ed = await fx.open({ lang });
      await fx.login(ed.context);
      const { page } = ed;
      assert.equal((await page.goto('/review')).status(), 200);
      assert.equal(await page.innerText('h1'), w.title);
      const row = page.locator(`#review-opportunity-${id}`);
      assert.equal(await row.count(), 1);
      assert.match(await row.innerText(), new RegExp(w.submitted));
      const html = await page.content();
      const t = await tidyCheck(html);
      assert.deepEqual(withSource(html, t.real), [], `tidy:\n${withSource(html, t.real).join('\n')}`);
      await screenshot(page, `review-${lang}-queue`);
      /* Return with a reason. */
      await row.locator('textarea[name="reason"]').fill(w.reason);
      await navigate(page, () => row.locator('button', { hasText: w.ret }).click());
      assert.equal(new URL(page.url()).pathname, '/review');
      assert.equal(await page.innerText('.flash'), w.done);
      assert.equal(await page.locator(`#review-opportunity-${id}`).count(), 0, 'no longer in the submitted queue');
      /* The submitter: the state and the reason on the record's page and on /review. */
      const sub = await fx.open({ lang });
      await as(sub, SUBMITTER, SUBMITTER_PW);
      assert.equal((await sub.page.goto(`/opportunities/${id}`)).status(), 200);
      const box = sub.page.locator('#review-opportunity');
      assert.match(await box.innerText(), new RegExp(w.returned));
      assert.match(await box.innerText(), new RegExp(w.reasonWas));
      assert.ok((await box.innerText()).includes(w.reason));
      await screenshot(sub.page, `review-${lang}-returned`);
      assert.equal((await sub.page.goto('/review?mine=true&state=all')).status(), 200);
      const mine = sub.page.locator(`#review-opportunity-${id}`);
      assert.ok((await mine.innerText()).includes(w.reason), 'the reason on /review');
      /* Submit again from the record's page; the editor publishes. */
      await sub.page.goto(`/opportunities/${id}`);
      await navigate(sub.page, () => sub.page.locator('#review-opportunity button', { hasText: w.submit }).click());
      assert.equal(new URL(sub.page.url()).pathname, `/opportunities/${id}`);
      assert.match(await sub.page.locator('#review-opportunity').innerText(), new RegExp(w.submitted));
      await page.goto('/review');
      await navigate(page, () => page.locator(`#review-opportunity-${id} button`, { hasText: w.publish }).click());
      assert.equal(await page.innerText('.flash'), w.done);
      /* Now public. */
      assert.equal((await anon.page.goto(`/opportunities/${id}`)).status(), 200);
      assert.equal(await anon.page.locator('#review-opportunity').count(), 0, 'no review box for anonymous visitors');
      for (const o of [anon, ed, sub]) { o.mon.assertClean(`/review ${lang}`); await o.context.close(); }
    });

    test(`a new organisation saved as a draft from the form (${lang})`, T, async () => {
      const o = await fx.open({ lang });
      await fx.login(o.context);
      await o.page.goto('/orgs/new');
      const name = `SYNTHETIC review form organisation (${lang})`;
      await o.page.fill('#name_en', name);
      await o.page.selectOption('#type', 'enterprise');
      await o.page.selectOption('#side', 'home');
      assert.equal(await o.page.inputValue('#review'), 'published', 'an editor publishes at once by default');
      await o.page.selectOption('#review', 'draft');
      const url = await navigate(o.page, () => o.page.locator('form button[type="submit"]').last().click());
      const m = /^\/orgs\/(\d+)$/.exec(url.pathname);
      assert.ok(m, url.pathname);
      assert.match(await o.page.locator('#review-org').innerText(), new RegExp(want[lang].draft));
      const anon = await fx.open({ lang });
      anon.mon.expect(404, new RegExp(`^/orgs/${m[1]}$`));
      assert.equal((await anon.page.goto(`/orgs/${m[1]}`)).status(), 404);
      for (const x of [o, anon]) { x.mon.assertClean(`/orgs/new draft ${lang}`); await x.context.close(); }
    });

    test(`390 px wide, no sideways scrolling (${lang})`, T, async () => {
      /* A record in the queue, so that the table and its forms are there. */
      const o2 = await api('POST', '/api/v1/opportunities', {
        kind: 'request', category: 'education', direction: 'bringing_in', org_id: (await api('GET', `/api/v1/opportunities/${opp[lang]}`)).owner.id,
        review: 'submitted', title_en: `SYNTHETIC review phone test with a rather long title to wrap (${lang})` });
      const o = await fx.open({ lang, phone: true, viewport: { width: 390, height: 844 } });
      await fx.login(o.context);
      assert.equal((await o.page.goto('/review')).status(), 200);
      assert.equal(await o.page.locator(`#review-opportunity-${o2.id}`).count(), 1);
      const over = await o.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(over <= 1, `no sideways scrolling at 390 px (${over}px)`);
      await screenshot(o.page, `review-${lang}-phone`);
      o.mon.assertClean(`/review phone ${lang}`);
      await o.context.close();
    });
  }
});
