'use strict';
/*
** lib.js: the fixture shared by the browser test files.
**
** useFixture() registers `before`/`after` hooks on the calling test file:
**
**   before: a temp dir with a copy of the demo database (`youcheng init
**           --demo`, made once per binary and cached: see ../common.js),
**           the account alice (`user add --password-stdin`), `youcheng
**           serve` on a free loopback port (waits for /healthz 200), and
**           Debian's chromium through playwright-core. Each test file has
**           its own temp dir, database, port, server and browser, so
**           files may run concurrently (node --test --test-concurrency=N).
**   after:  closes the browser, stops the server with SIGTERM (SIGKILL
**           after a grace period) and removes the temp dir.
**
** The holder it returns has, once `before` has run:
**   base, port, db, dir          the server
**   browser                      the chromium instance
**   open({lang, phone})          a new context + page + Monitor
**                                (1280x800, or 375x812 phone emulation)
**   login(context)               log a context in as alice (the cookie
**   loginAdmin(context)          the same as the admin root-fx (admin-only pages)
**                                comes from POST /login over node:http)
**   get(path, {cookie})          a plain node:http GET (e.g. for tidy)
**   post(path, form, {cookie})   a urlencoded node:http POST
**   cookieFor(user, password)    "yc_session=..." through POST /login
**   loginToken()                 {cookie, csrf} of the login form (GET /login)
**   api(path)                    GET a JSON API path, parsed
**
** A Monitor records, for every page it watches: console errors and
** warnings, uncaught page errors, failed requests, responses >= 400 that
** were not announced with expect(), and every request whose host is not
** 127.0.0.1 (those are also aborted, so that a test never waits on the
** network). assertClean() fails on any of them.
**
** Environment: YC_BIN (the binary; default ../../youcheng), YC_CHROMIUM
** (default /usr/bin/chromium), YC_PHONE_DSF (pixel ratio of the 375 px
** phone screenshots, default 1).
**
** Only node built-ins and playwright-core are used.
*/
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const common = require('../common.js');
const { run, freePort } = common;

const ROOT = path.resolve(__dirname, '../..');
const BIN = process.env.YC_BIN ? path.resolve(process.env.YC_BIN) : path.resolve(__dirname, '../../youcheng');
const CHROMIUM = process.env.YC_CHROMIUM || '/usr/bin/chromium';
const SHOTS = path.join(ROOT, 'test-out', 'screenshots');

const USER = 'alice';
/* An admin for the admin-only pages (doc/roles.md): lists, thresholds, deleting ties. */
const ADMIN = 'root-fx';
const PASSWORD = 'correct-horse-9';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 812 };
/* Device pixel ratio of the phone emulation: 1 keeps the suite fast and
** the PNGs 375 px wide; YC_PHONE_DSF=2 gives sharper phone screenshots. */
const PHONE_DSF = Number(process.env.YC_PHONE_DSF) || 1;

/* Timeouts (ms). A page test must stay well under these. */
const START_TIMEOUT = 60_000;
const STOP_TIMEOUT = 15_000;
const SETUP_TIMEOUT = 180_000;
const TEST_TIMEOUT = 60_000;
const NAV_TIMEOUT = 20_000;

let chromium;
try {
  ({ chromium } = require('playwright-core'));
} catch (e) {
  ({ chromium } = require(path.join(ROOT, 'node_modules', 'playwright-core')));
}

/* One request with node:http; resolves {status, headers, text}. */
function request(port, method, p, { headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const h = { ...headers };
    if (body !== undefined) h['Content-Length'] = String(Buffer.byteLength(body));
    const req = http.request({ host: '127.0.0.1', port, method, path: p, headers: h, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (b) => chunks.push(b));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(NAV_TIMEOUT, () => req.destroy(new Error(`${method} ${p}: no answer`)));
    req.on('error', reject);
    req.end(body);
  });
}

/* Watches one page (and its context's requests). */
class Monitor {
  constructor(page, base) {
    this.base = base;
    this.console = [];      /* console errors and warnings */
    this.pageErrors = [];   /* uncaught exceptions */
    this.failed = [];       /* requests that failed */
    this.bad = [];          /* responses >= 400 not expected */
    this.external = [];     /* requests to a host other than 127.0.0.1 */
    this.dialogs = [];      /* alert/confirm/prompt that fired */
    this.expected = [];     /* [{status, re}] */
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') {
        const loc = m.location();
        /* Chromium logs every response >= 400 as a console error; those
        ** that were expected are no problem. */
        const st = /^Failed to load resource: the server responded with a status of (\d+)/.exec(m.text());
        if (st && loc && loc.url && this.isExpected(Number(st[1]), loc.url)) return;
        this.console.push(`${m.type()}: ${m.text()}${loc && loc.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
      }
    });
    page.on('pageerror', (e) => this.pageErrors.push(String(e && e.stack || e)));
    /* A request still running when the test leaves the page is cancelled
    ** by Chromium with net::ERR_ABORTED: that is the test's doing, not the
    ** page's. Requests are tagged with the number of main-frame
    ** navigations started before them. The favicon, which the browser
    ** itself fetches late and cancels on any navigation, is never counted
    ** when aborted. */
    this.navs = 0;
    this.navAt = new WeakMap();
    page.on('request', (r) => {
      if (r.isNavigationRequest() && r.frame() === page.mainFrame()) this.navs++;
      else this.navAt.set(r, this.navs);
    });
    page.on('requestfailed', (r) => {
      const f = r.failure();
      const err = f ? f.errorText : 'failed';
      if (err === 'net::ERR_ABORTED' && this.navAt.has(r) && this.navs > this.navAt.get(r)) return;
      if (err === 'net::ERR_ABORTED' && /\/favicon\.(svg|ico)$/.test(new URL(r.url()).pathname)) return;
      this.failed.push(`${r.method()} ${r.url()}: ${err}`);
    });
    page.on('response', (r) => {
      if (r.status() < 400 || this.isExpected(r.status(), r.url())) return;
      const u = new URL(r.url());
      this.bad.push(`${r.status()} ${r.request().method()} ${u.pathname}${u.search}`);
    });
    page.on('request', (r) => {
      const u = r.url();
      if (/^(data|blob|about):/.test(u)) return;
      let host;
      try { host = new URL(u).hostname; } catch (e) { host = '?'; }
      if (host !== '127.0.0.1' && !this.external.includes(u)) this.external.push(u);
    });
    page.on('dialog', (d) => { this.dialogs.push(`${d.type()}: ${d.message()}`); d.dismiss().catch(() => {}); });
  }

  /* Announce a response status: expect(404, /^\/nope$/) (the regexp is
  ** matched against path + query, decoded). */
  expect(status, re) { this.expected.push({ status, re }); }

  /* Forget what was recorded (a page reused for the next check). */
  reset() {
    for (const k of ['console', 'pageErrors', 'failed', 'bad', 'external', 'dialogs', 'expected']) this[k].length = 0;
  }

  isExpected(status, url) {
    let rel;
    try {
      const u = new URL(url);
      rel = decodeURIComponent(u.pathname + u.search);
    } catch (e) { return false; }
    return this.expected.some((x) => x.status === status && x.re.test(rel));
  }

  problems() {
    const p = [];
    for (const x of this.console) p.push(`console ${x}`);
    for (const x of this.pageErrors) p.push(`page error: ${x}`);
    for (const x of this.failed) p.push(`request failed: ${x}`);
    for (const x of this.bad) p.push(`unexpected HTTP ${x}`);
    for (const x of this.external) p.push(`request to a non-loopback host: ${x}`);
    for (const x of this.dialogs) p.push(`dialog fired: ${x}`);
    return p;
  }

  assertClean(what = 'page') {
    const p = this.problems();
    assert.deepEqual(p, [], `${what}: ${p.length} problem(s):\n  ${p.join('\n  ')}`);
  }
}

/* Open a new browser context and page. opts: {viewport, phone, lang,
** cookies: [{name, value}]}. Resolves {context, page, mon}. */
async function openPage(fx, { phone = false, viewport, lang, cookies = [] } = {}) {
  const context = await fx.browser.newContext({
    baseURL: fx.base,
    viewport: viewport || (phone ? PHONE : DESKTOP),
    deviceScaleFactor: phone ? PHONE_DSF : 1,
    isMobile: phone,
    hasTouch: phone,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    serviceWorkers: 'block',
  });
  context.setDefaultTimeout(NAV_TIMEOUT);
  context.setDefaultNavigationTimeout(NAV_TIMEOUT);
  /* Abort whatever is not loopback, and record it: the page's own
  ** 'request' events and this route (which also sees requests of other
  ** pages and workers of the context) both feed mon.external. */
  let mon = null;
  await context.route((url) => url.hostname !== '127.0.0.1', (route) => {
    const u = route.request().url();
    if (mon && !mon.external.includes(u)) mon.external.push(u);
    return route.abort('blockedbyclient');
  });
  const all = [...cookies];
  if (lang) all.push({ name: 'yc_lang', value: lang });
  if (all.length) await context.addCookies(all.map((c) => ({ ...c, url: fx.base })));
  const page = await context.newPage();
  mon = new Monitor(page, fx.base);
  return { context, page, mon };
}

/* The login form's CSRF token: GET /login sets the cookie yc_login and
** puts the same value in the form's csrf field. {cookie, csrf}. */
async function loginToken(fx) {
  const r = await request(fx.port, 'GET', '/login');
  const set = [].concat(r.headers['set-cookie'] || []).find((c) => c.startsWith('yc_login='));
  assert.ok(set, 'GET /login set no yc_login cookie');
  const m = /name="csrf" value="([^"]+)"/.exec(r.text);
  assert.ok(m, 'no csrf field in the login form');
  return { cookie: set.split(';')[0], csrf: m[1] };
}

/* Log in through POST /login with node:http; returns "yc_session=..." */
async function cookieFor(fx, user = USER, password = PASSWORD) {
  const { cookie, csrf } = await loginToken(fx);
  const body = new URLSearchParams({ user, password, next: '/', csrf }).toString();
  const r = await request(fx.port, 'POST', '/login', {
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie }, body,
  });
  assert.equal(r.status, 303, `POST /login answered ${r.status}`);
  const set = [].concat(r.headers['set-cookie'] || []).find((c) => c.startsWith('yc_session='));
  assert.ok(set, 'POST /login set no yc_session cookie');
  return set.split(';')[0];
}

/* Log a browser context in (cookie from POST /login): alice, or the admin. */
async function loginContext(fx, context, user = USER) {
  const c = await cookieFor(fx, user);
  const [name, value] = [c.slice(0, c.indexOf('=')), c.slice(c.indexOf('=') + 1)];
  await context.addCookies([{ name, value, url: fx.base, httpOnly: true, sameSite: 'Lax' }]);
}

/* Wait until an ECharts container has drawn: data-rendered="1" and a
** <canvas> of non-zero size inside. */
async function waitDrawn(page, sel) {
  await page.waitForSelector(`${sel}[data-rendered="1"] canvas`, { state: 'attached', timeout: NAV_TIMEOUT });
  const size = await page.$eval(`${sel} canvas`, (c) => ({ w: c.width, h: c.height }));
  assert.ok(size.w > 0 && size.h > 0, `${sel}: canvas is ${size.w}x${size.h}`);
}

/* Run ACTION (a click, a key press) that loads a new document, and wait
** until that document has loaded. Unlike waitForURL this cannot be
** satisfied by the old page when the new URL looks like the old one.
** Resolves the new URL. */
async function navigate(page, action) {
  await page.evaluate(() => { window.__ycOldDocument = true; });
  await action();
  await page.waitForFunction(() => !window.__ycOldDocument && document.readyState === 'complete', null, { timeout: NAV_TIMEOUT });
  return new URL(page.url());
}

/* Save a full-page screenshot test-out/screenshots/NAME.png. Names are
** unique within a run (each file prefixes its own, e.g. "layout-",
** "match-"); the file is written under a temporary name and renamed, so
** that files running concurrently never see or leave half a PNG. */
const shotsTaken = new Set();
async function screenshot(page, name) {
  assert.ok(!shotsTaken.has(name), `screenshot ${name}.png taken twice in this file`);
  shotsTaken.add(name);
  /* YC_SCREENSHOTS=0 (`make test`): not written; `make browser` writes them. */
  if (process.env.YC_SCREENSHOTS === '0') return;
  fs.mkdirSync(SHOTS, { recursive: true });
  const final = path.join(SHOTS, `${name}.png`);
  const part = `${final}.${process.pid}.part.png`;
  await page.screenshot({ path: part, fullPage: true, animations: 'disabled' });
  fs.renameSync(part, final);
}

/* Controls without a label: every input/select/textarea except hidden
** ones needs label[for=id], a wrapping <label>, aria-label or
** aria-labelledby. Returns descriptions of the offenders. */
function unlabelled(page) {
  return page.$$eval('input, select, textarea', (els) => els.filter((el) => {
    if (el.type === 'hidden') return false;
    if ((el.getAttribute('aria-label') || '').trim()) return false;
    const lb = el.getAttribute('aria-labelledby');
    if (lb && lb.split(/\s+/).every((id) => document.getElementById(id) && document.getElementById(id).textContent.trim())) return false;
    if (el.closest('label') && el.closest('label').textContent.trim()) return false;
    if (el.id) {
      const l = [...document.querySelectorAll('label[for]')].find((x) => x.htmlFor === el.id);
      if (l && l.textContent.trim()) return false;
    }
    return true;
  }).map((el) => `<${el.tagName.toLowerCase()} name="${el.name}" id="${el.id}">`));
}

/* Duplicate ids in the live DOM. */
function duplicateIds(page) {
  return page.evaluate(() => {
    const seen = new Map();
    for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) || 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([id, n]) => `${id} x${n}`);
  });
}

/*
** HTML Tidy 5.6 on a served page: `tidy -q -e --show-warnings yes`.
**
** Every error fails. A warning fails unless it is one of these, which are
** tidy's gaps, not faults of the page (tidy 5.6 predates them):
**   - `<x> proprietary attribute "A"` where A is a valid HTML5 / WAI-ARIA
**     1.1 attribute tidy's table lacks: aria-current (ARIA 1.1 state on the
**     current nav link), inputmode (HTML5 global attribute), enterkeyhint,
**     and the ARIA 1.1/1.2 attributes below.
**   - `<x> is not recognized!` / `discarding unexpected <x>` for HTML
**     elements newer than tidy: <search>, <slot>, <dialog> (none are used
**     today; listed so that adopting them is not a false alarm).
**   - `trimming empty <x>` for presentational containers (<span>, <div>,
**     <i>, <b>, <em>, <strong>, <small>: empty ones drawn by CSS, such as
**     bars and meters, are valid HTML and invisible to screen readers),
**     and for any element whose start tag gives it an accessible name or
**     hides it (aria-label, aria-labelledby, aria-hidden="true").
** Everything else is treated as real, e.g. missing or duplicate ids
** ("anchor already defined"), unescaped & ("unescaped & or unknown
** entity"), missing <title>, bad nesting, unclosed elements, and
** "trimming empty <x>" of an unnamed element that carries meaning (an
** empty <a>, <h2>, <label>, <button>, <p>, <li>, <dd>, <option>...).
*/
const TIDY_IGNORED_ATTRS = ['aria-current', 'inputmode', 'enterkeyhint', 'aria-description', 'aria-braillelabel',
  'aria-brailleroledescription'];
const TIDY_IGNORED_ELEMS = ['search', 'slot', 'dialog'];
const TIDY_EMPTY_OK = ['span', 'div', 'i', 'b', 'em', 'strong', 'small'];

/* The start tag at tidy's "line N column M" in HTML, or ''. */
function tagAt(html, msg) {
  const x = /^line (\d+) column (\d+)/.exec(msg);
  if (!x) return '';
  const line = html.split('\n')[Number(x[1]) - 1] || '';
  const rest = line.slice(Number(x[2]) - 1);
  return rest.startsWith('<') ? rest.slice(0, rest.indexOf('>') + 1) : '';
}

function tidyCheck(html) {
  return new Promise((resolve, reject) => {
    const child = spawn('tidy', ['-q', '-e', '--show-warnings', 'yes'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b) => { out += b; });
    child.stderr.on('data', (b) => { out += b; });
    child.on('error', reject);
    child.on('close', (code) => {
      const lines = out.split('\n').map((s) => s.trim()).filter(Boolean);
      const real = [], ignored = [];
      for (const l of lines) {
        let m = /proprietary attribute "([^"]+)"/.exec(l);
        if (m && TIDY_IGNORED_ATTRS.includes(m[1])) { ignored.push(l); continue; }
        m = /<([a-z0-9-]+)> is not recognized!|discarding unexpected <\/?([a-z0-9-]+)>/.exec(l);
        if (m && TIDY_IGNORED_ELEMS.includes(m[1] || m[2])) { ignored.push(l); continue; }
        m = /Warning: trimming empty <([a-z0-9]+)>/.exec(l);
        if (m && (TIDY_EMPTY_OK.includes(m[1]) || /\saria-(label|labelledby)="[^"]+"|\saria-hidden="true"/.test(tagAt(html, l)))) {
          ignored.push(l);
          continue;
        }
        real.push(l);
      }
      resolve({ code, real, ignored, out });
    });
    child.stdin.end(html);
  });
}

/* Add context lines from the HTML to tidy's "line N column M" messages. */
function withSource(html, msgs) {
  const src = html.split('\n');
  return msgs.map((m) => {
    const x = /^line (\d+) column (\d+)/.exec(m);
    if (!x) return m;
    const line = src[Number(x[1]) - 1] || '';
    const c = Number(x[2]) - 1;
    return `${m}\n      near: ${line.slice(Math.max(0, c - 60), c + 100)}`;
  });
}

async function startServer() {
  const { dir, db } = await common.freshDb(BIN, 'youcheng-browser-');
  const fx = { dir, db, bin: BIN, proc: null };
  const r = await run(BIN, ['user', 'add', USER, '--password-stdin', '--db', fx.db], { input: `${PASSWORD}\n` });
  assert.equal(r.code, 0, `user add ${USER}: ${r.stdout}${r.stderr}`);
  const ra = await run(BIN, ['user', 'add', ADMIN, '--role', 'admin', '--password-stdin', '--db', fx.db], { input: `${PASSWORD}\n` });
  assert.equal(ra.code, 0, `user add ${ADMIN}: ${ra.stdout}${ra.stderr}`);
  const srv = await common.startServe(BIN, fx.db, {
    threads: 2, timeout: START_TIMEOUT, poll: 50,
    healthy: async (port) => (await request(port, 'GET', '/healthz')).status === 200,
  });
  fx.proc = srv.proc;
  fx.port = srv.port;
  fx.base = `http://127.0.0.1:${fx.port}`;
  fx.out = srv.out;          /* {stdout, stderr, exit} of the server, as they come */
  fx.exited = srv.exited;
  return fx;
}

async function stopServer(fx) {
  if (fx.proc && !fx.out.exit) {
    fx.proc.kill('SIGTERM');
    const timer = setTimeout(() => fx.proc.kill('SIGKILL'), STOP_TIMEOUT);
    await fx.exited;
    clearTimeout(timer);
  }
  return fx.out ? fx.out.exit : null;
}

function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/* Register the fixture on the current test file. */
function useFixture() {
  const { before, after } = require('node:test');
  const fx = {};
  before(async () => {
    Object.assign(fx, await startServer());
    fx.browser = await launchBrowser();
    fx.open = (opts) => openPage(fx, opts);
    fx.get = (p, { cookie } = {}) => request(fx.port, 'GET', p, { headers: cookie ? { Cookie: cookie } : {} });
    fx.post = (p, form, { cookie } = {}) => request(fx.port, 'POST', p, {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(cookie ? { Cookie: cookie } : {}) },
      body: new URLSearchParams(form).toString(),
    });
    fx.api = async (p) => {
      const r = await request(fx.port, 'GET', p);
      assert.equal(r.status, 200, `GET ${p}: ${r.status} ${r.text.slice(0, 200)}`);
      return JSON.parse(r.text);
    };
    fx.cookieFor = (u, pw) => cookieFor(fx, u, pw);
    fx.loginToken = () => loginToken(fx);
    fx.login = (context) => loginContext(fx, context);
    fx.loginAdmin = (context) => loginContext(fx, context, ADMIN);
  }, { timeout: SETUP_TIMEOUT });
  after(async () => {
    if (fx.browser) await fx.browser.close().catch(() => {});
    const exit = await stopServer(fx);
    if (fx.dir) fs.rmSync(fx.dir, { recursive: true, force: true });
    /* SIGTERM must stop the server cleanly: exit code 0, not killed. */
    if (exit && (exit.signal !== null || exit.code !== 0)) {
      throw new Error(`youcheng serve did not stop cleanly on SIGTERM (${JSON.stringify(exit)}):\n${fx.out.stderr.slice(0, 2000)}`);
    }
  }, { timeout: STOP_TIMEOUT + 10_000 });
  return fx;
}

/* Partner ids by English city name, from the JSON API. */
async function partnerIds(fx) {
  const d = await fx.api('/api/v1/partners?limit=500');
  const m = {};
  for (const x of d.items) m[x.city.name_en] = x.id;
  return m;
}

/* Type q into the city autocomplete (#city) and wait for the suggestion list
** of the answer to q; returns the options' texts. */
async function suggest(page, q) {
  await page.locator('#city').fill('');
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/cities') && new URL(r.url()).searchParams.get('q') === q),
    page.locator('#city').pressSequentially(q, { delay: 20 }),
  ]);
  assert.equal(res.status(), 200);
  const answer = (await res.json()).items.map((c) => String(c.id));
  await res.finished();
  const list = page.locator('ul.suggest[role="listbox"]');
  await list.waitFor({ state: 'visible' });
  /* The list of the last answer (typing may have sent earlier queries;
  ** a city may match through an alternate name, so its text need not
  ** contain q): as many options as that answer has cities, the first
  ** one's English name shown. */
  const first = (await res.json()).items[0];
  assert.ok(first, `no city for ${q}`);
  await page.waitForFunction(([n, name]) => {
    const lis = [...document.querySelectorAll('ul.suggest li[role="option"]')];
    return lis.length === n && lis[0].textContent.includes(name);
  }, [answer.length, first.name_en]);
  assert.equal(await page.getAttribute('#city', 'aria-expanded'), 'true');
  return page.$$eval('ul.suggest li[role="option"]', (lis) => lis.map((li) => li.textContent));
}

module.exports = {
  BIN, ROOT, SHOTS, USER, PASSWORD, DESKTOP, PHONE, TEST_TIMEOUT, NAV_TIMEOUT,
  useFixture, startServer, stopServer, launchBrowser, openPage, Monitor, request, run,
  waitDrawn, navigate, screenshot, suggest, unlabelled, duplicateIds, tidyCheck, withSource, partnerIds,
  TIDY_IGNORED_ATTRS, TIDY_IGNORED_ELEMS, TIDY_EMPTY_OK,
};
