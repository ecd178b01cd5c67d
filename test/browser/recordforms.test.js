'use strict';
/* recordforms.test.js: the forms of every record type (partner,
** organisation, exchange, project, opportunity, country list, profile and
** offers editors, health thresholds) in both languages at 1280 and 375 px:
** the empty form, then a post with an invalid field. Checks the form kit
** (ui_field): the error stands in its field, in the page language; its
** control has aria-invalid="true" and is aria-describedby the error and
** its hint; every id named by aria-describedby exists once; every control
** is labelled. Screenshots: test-out/screenshots/form-NAME[-error]-LANG-DEVICE.png
** (of the thresholds: their section).
** Nothing is written: every post is refused. */
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { useFixture, navigate, screenshot, unlabelled, duplicateIds, SHOTS, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const fx = useFixture();
const CJK = /[\u4e00-\u9fff]/;

/* path: the form; fill: makes the post invalid; submit: its button; field:
** the control whose error is expected. */
const FORMS = [
  { name: 'partner', path: '/partners/new', field: '#city', fill: async () => {} },
  { name: 'org', path: '/orgs/new', field: '#industries', fill: async (page) => {
    await page.fill('#name_en', 'Synthetic org of the form test');
    await page.fill('#industries', '26, 7Z');
  } },
  { name: 'exchange', path: '/exchanges/new', field: '#date', fill: async (page) => {
    await page.fill('#title', 'Synthetic exchange of the form test');
    await page.fill('#date', '2099-01-01');
  } },
  { name: 'project', path: '/projects/new', field: '#end', fill: async (page) => {
    await page.fill('#title', 'Synthetic project of the form test');
    await page.fill('#start', '2024-05');
    await page.fill('#end', '2023');
  } },
  { name: 'opportunity', path: '/opportunities/new', field: '#owner', fill: async (page) => {
    await page.fill('#title_en', 'Synthetic opportunity of the form test');
  } },
  { name: 'list', path: '/lists/new', field: '#key', fill: async (page) => {
    await page.fill('#key', 'Bad Key');
    await page.fill('#name_en', 'Synthetic list');
  } },
  { name: 'profile', path: '/partners/1/profile', field: '#code', submit: '#item-form button[type=submit]', fill: async (page) => {
    await page.selectOption('#section', 'industries');
    await page.fill('#code', '7Z');
    await page.selectOption('#strength', '3');
    await page.fill('#source', 'synthetic');
  } },
  { name: 'offers', path: '/orgs/1/offers', field: '#industries', submit: '#item-form button[type=submit]', fill: async (page) => {
    await page.fill('#text_en', 'Synthetic offer');
    await page.fill('#industries', '7Z');
  } },
  { name: 'thresholds', path: '/health', post: '/health/thresholds', field: '#thr-sister-dormant_months', shot: '#thresholds',
    submit: '#thr-sister button[type=submit]', fill: async (page) => {
      await page.fill('#thr-sister-dormant_months', '3');
    } },
];

/* The screenshot of a form: the page, or element f.shot of it. */
async function shoot(page, f, name) {
  if (!f.shot) return screenshot(page, name);
  await page.locator(f.shot).screenshot({ path: path.join(SHOTS, `${name}.png`), animations: 'disabled' });
}

/* The ids that aria-describedby names, each of which must exist once. */
function describedIds(page) {
  return page.$$eval('[aria-describedby]', (els) => els.flatMap((el) => el.getAttribute('aria-describedby').split(/\s+/)
    .map((id) => ({ id, n: document.querySelectorAll(`[id="${id}"]`).length, by: el.id || el.tagName }))));
}

for (const lang of ['zh', 'en']) {
  for (const device of ['desktop', 'phone']) {
    describe(`record forms (${lang}, ${device})`, () => {
      let o;
      before(async () => {
        o = await fx.open({ lang, phone: device === 'phone' });
        await fx.login(o.context);
      });
      after(async () => { if (o) await o.context.close(); });

      for (const f of FORMS) {
        test(`${f.name}: the form, then an invalid post with the error at ${f.field}`, T, async () => {
          const { page, mon } = o;
          mon.reset();
          mon.expect(400, new RegExp(`^${f.post || f.path}$`));
          const res = await page.goto(f.path);
          assert.equal(res.status(), 200);
          assert.deepEqual(await unlabelled(page), [], 'every control has a label');
          assert.deepEqual(await duplicateIds(page), [], 'no id twice');
          for (const d of await describedIds(page)) assert.equal(d.n, 1, `${d.by}: aria-describedby "${d.id}"`);
          await shoot(page, f, `form-${f.name}-${lang}-${device}`);

          await f.fill(page);
          await navigate(page, () => page.click(f.submit || 'form.form button[type=submit]'));
          const errs = page.locator('p.field-error');
          assert.equal(await errs.count(), 1, 'one field error');
          const errId = await errs.first().getAttribute('id');
          assert.match(errId || '', /^err-/);
          const field = page.locator(f.field);
          assert.equal(await field.getAttribute('aria-invalid'), 'true', `${f.field} aria-invalid`);
          const described = ((await field.getAttribute('aria-describedby')) || '').split(/\s+/);
          assert.ok(described.includes(errId), `${f.field} aria-describedby="${described.join(' ')}" names ${errId}`);
          /* The error stands in the field's wrapper, after the control. */
          const wrapper = field.locator('xpath=ancestor::*[contains(@class,"field")][1]');
          assert.equal(await wrapper.locator(`#${errId}`).count(), 1, 'the error is in the field');
          const msg = (await errs.first().textContent()).trim();
          assert.ok(msg.length > 0);
          assert.equal(CJK.test(msg), lang === 'zh', `"${msg}" is in the page language (${lang})`);
          for (const d of await describedIds(page)) assert.equal(d.n, 1, `${d.by}: aria-describedby "${d.id}"`);
          await shoot(page, f, `form-${f.name}-error-${lang}-${device}`);
          mon.assertClean(`${f.name} (${lang}, ${device})`);
        });
      }
    });
  }
}
