'use strict';
/* archive.test.js: deletes that lose nothing in a browser (issue 12, item
** 5), in Chinese and English, on a desktop and at phone width (screenshots
** test-out/screenshots/archive-*.png): a tie's delete page offers to end
** the tie first and lists what refers to it with a box to tick; ending it
** works from there; deleting it with its dependants leads to the archive,
** where an admin restores it and lands on the tie again. The admin account
** is synthetic. */
const { test, describe, before } = require('node:test');
const assert = require('node:assert/strict');
const { useFixture, navigate, screenshot, tidyCheck, withSource, run, BIN, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const fx = useFixture();
const ADMIN = 'root-archive';
const ADMIN_PW = 'archive admin passphrase (synthetic)';

async function cli(args, input) {
  const r = await run(BIN, [...args, '--db', fx.db], input ? { input } : {});
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

async function asAdmin(o) {
  const c = await fx.cookieFor(ADMIN, ADMIN_PW);
  await o.context.addCookies([{ name: 'yc_session', value: c.slice(c.indexOf('=') + 1), url: fx.base, httpOnly: true, sameSite: 'Lax' }]);
}

/* Two demo ties with exchanges of their own, one per language. */
async function busyTies() {
  const r = await run('sqlite3', [fx.db, "SELECT t.id FROM tie t WHERE t.status<>'ended' ORDER BY (SELECT count(*) FROM exchange x"
    + " WHERE x.ties=CAST(t.id AS TEXT) AND x.event_id IS NULL AND x.delegation_id IS NULL) DESC, t.id LIMIT 3"]);
  return r.stdout.trim().split('\n').map(Number);
}

describe('deleting a tie, the archive, restoring', () => {
  let ties;
  before(async () => {
    await cli(['user', 'add', ADMIN, '--role', 'admin', '--password-stdin'], `${ADMIN_PW}\n`);
    ties = await busyTies();
  }, T);

  const want = {
    zh: { end: '终止关系，而不是删除', deps: '以下记录引用了它', box: '一并删除这些记录', ex: '交流记录', del: '删除',
      archive: '回收站（已删除的记录）', restore: '恢复', restored: '已恢复。', ended: '友城关系已标记为终止。' },
    en: { end: 'End the tie instead', deps: 'These records refer to it', box: 'Delete these with it', ex: 'Exchanges', del: 'Delete',
      archive: 'Archive of deleted records', restore: 'Restore', restored: 'Restored.', ended: 'The tie is marked as ended.' },
  };
  ['zh', 'en'].forEach((lang, k) => {
    test(`delete page, archive and restore (${lang})`, T, async () => {
      const w = want[lang];
      const tie = ties[k];
      const o = await fx.open({ lang });
      const { page, mon } = o;
      await asAdmin(o);
      let res = await page.goto(`/partners/${tie}/delete`);
      assert.equal(res.status(), 200);
      assert.equal(await page.innerText('#end-tie h2'), w.end);
      assert.match(await page.innerText('main'), new RegExp(w.deps));
      assert.match(await page.innerText('ul.dependants'), new RegExp(`${w.ex}: \\d+`));
      const html = await page.content();
      const t = await tidyCheck(html);
      assert.deepEqual(withSource(html, t.real), [], `tidy:\n${withSource(html, t.real).join('\n')}`);
      await screenshot(page, `archive-delete-${lang}-desktop`);
      /* The box must be ticked: the browser does not send the form without it. */
      await page.locator('form:has(input[name="dependants"]) button.danger').click();
      assert.equal(new URL(page.url()).pathname, `/partners/${tie}/delete`);
      await page.locator('input[name="dependants"]').check();
      await navigate(page, () => page.locator('form:has(input[name="dependants"]) button.danger').click());
      assert.equal(new URL(page.url()).pathname, '/partners');
      mon.expect(404, new RegExp(`^/partners/${tie}$`));
      res = await page.goto(`/partners/${tie}`);
      assert.equal(res.status(), 404);
      /* The archive lists it; restore leads back to the tie. */
      res = await page.goto('/archive');
      assert.equal(res.status(), 200);
      assert.equal(await page.innerText('h1'), w.archive);
      const row = page.locator('#archive tr', { has: page.locator(`a[href^="/archive/"]`) }).first();
      assert.match(await row.innerText(), new RegExp(`${w.ex}: \\d+`));
      await screenshot(page, `archive-list-${lang}-desktop`);
      await navigate(page, () => row.locator('button', { hasText: w.restore }).click());
      assert.equal(new URL(page.url()).pathname, `/partners/${tie}`);
      assert.equal(await page.innerText('.flash'), w.restored);
      mon.assertClean(`archive ${lang}`);
      await o.context.close();
    });

    test(`end the tie from its delete page; phone width (${lang})`, T, async () => {
      const w = want[lang];
      const tie = ties[2];
      const o = await fx.open({ lang, phone: true });
      await asAdmin(o);
      const res = await o.page.goto(`/partners/${tie}/delete`);
      assert.equal(res.status(), 200);
      const over = await o.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(over <= 1, `no sideways scrolling at phone width (${over}px)`);
      await screenshot(o.page, `archive-delete-${lang}-phone`);
      if (lang === 'en') {
        await o.page.fill('#ended', '2024-11');
        await navigate(o.page, () => o.page.locator('#end-tie button').click());
        assert.equal(new URL(o.page.url()).pathname, `/partners/${tie}`);
        assert.equal(await o.page.innerText('.flash'), w.ended);
        const api = JSON.parse(await cli(['partner', 'show', String(tie), '--json']));
        assert.equal(api.status, 'ended');
        assert.equal(api.ended, '2024-11');
      }
      o.mon.assertClean(`end tie ${lang}`);
      await o.context.close();
    });
  });
});
