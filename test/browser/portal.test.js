'use strict';
/*
** portal.test.js: the public portal (/portal in Chinese, /en/portal in
** English; src/web/ui_portal.c).
**
** First, records that must never reach the public are written through the
** JSON API (all SYNTHETIC): a draft opportunity, one under review, a
** published one of an unpublished organisation, that organisation (working
** with Sacramento), a private event that was held with Sacramento
** attending (its exchange carries its title), a private delegation that is
** done (the same), a person of Sacramento with an e-mail address and a
** phone number, internal notes on the tie and on a public event. Then:
**
**   - the crawl: from /portal and /en/portal, every same-site link under
**     the portal is followed anonymously; every page answers 200 with valid
**     HTML (HTML Tidy, as the other pages), its title, description, Open
**     Graph tags and hreflang links; none holds any of those strings, a
**     health score, a form that posts, an edit or delete link, a sign-in
**     link, or a link to the internal pages; candidate ties have no page;
**   - a signed-in visitor gets the same bytes as an anonymous one;
**   - in the browser: the home page (zh), a partner page (en) and "how to
**     cooperate" at phone width (390 px), with the maps drawn, nothing
**     failing, and screenshots; the print stylesheet hides the navigation.
*/
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const {
  useFixture, waitDrawn, request, run, BIN, tidyCheck, withSource, partnerIds, screenshot, TEST_TIMEOUT,
} = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const fx = useFixture();

const SACRAMENTO_CITY = 5389489;
/* Strings that must appear on no portal page. */
const SECRET = {
  oppDraft: 'SYNTHETIC portal draft opportunity QX7',
  oppSubmitted: 'SYNTHETIC portal opportunity under review QX8',
  oppOfDraftOrg: 'SYNTHETIC portal opportunity of an unpublished organisation QX9',
  orgDraft: 'SYNTHETIC portal unpublished organisation QX1',
  eventPrivate: 'SYNTHETIC portal private event QX2',
  eventNote: 'SYNTHETIC portal internal event note QX3',
  delegationPrivate: 'SYNTHETIC portal private delegation QX4',
  personName: 'SYNTHETIC Portal Person QX5',
  personEmail: 'qx5.portal@example.org',
  personPhone: '+1 555 0100 7788',
  tieNote: 'SYNTHETIC portal internal tie note QX6',
  newsDraft: 'SYNTHETIC portal draft news about Sacramento QX10',
};
/* Strings that must appear (the public counterparts). */
const PUBLIC_EVENT = 'SYNTHETIC portal public event QP1';
const PUBLIC_NEWS = 'SYNTHETIC portal published news about Sacramento QP3';
const PUBLIC_OPP = 'SYNTHETIC portal published opportunity QP2';
/* The health card of the staff pages, in both languages. */
const HEALTH = /健康度|关系健康|Tie health|Relationship health|health score/i;

let sac;                 /* Sacramento's tie id */
let candidates = [];     /* ids of candidate ties */
let ready = null;

/* The setup, once (node 20 runs root-level before hooks concurrently with
** the fixture's, so each describe awaits this). */
const setup = () => (ready = ready || (async () => {
  const tok = await run(BIN, ['token', 'create', 'alice', '--db', fx.db]);
  assert.equal(tok.code, 0, tok.stderr);
  const auth = { Authorization: `Bearer ${tok.stdout.trim()}`, 'Content-Type': 'application/json' };
  const call = async (method, p, body, want = [200, 201]) => {
    const r = await request(fx.port, method, p, { headers: auth, body: JSON.stringify(body) });
    assert.ok(want.includes(r.status), `${method} ${p}: ${r.status} ${r.text.slice(0, 300)}`);
    return JSON.parse(r.text);
  };
  sac = (await partnerIds(fx)).Sacramento;
  const all = await fx.api('/api/v1/partners?limit=500');
  candidates = all.items.filter((t) => t.kind === 'candidate').map((t) => t.id);
  assert.ok(candidates.length > 0, 'the demo has candidate ties');

  await call('PATCH', `/api/v1/partners/${sac}`, { notes: SECRET.tieNote });
  const org = await call('POST', '/api/v1/orgs', { name_en: SECRET.orgDraft, type: 'enterprise', side: 'partner',
    partners: [sac], review: 'draft' });
  assert.equal(org.review, 'draft');
  const opp = { kind: 'offer', category: 'technology', direction: 'bringing_in', partner_id: sac, industries: ['28'],
    description_en: 'Synthetic test record.' };
  assert.equal((await call('POST', '/api/v1/opportunities', { ...opp, title_en: SECRET.oppDraft, review: 'draft' })).review, 'draft');
  assert.equal((await call('POST', '/api/v1/opportunities', { ...opp, title_en: SECRET.oppSubmitted, review: 'submitted' })).review, 'submitted');
  const o3 = await call('POST', '/api/v1/opportunities', { ...opp, partner_id: undefined, org_id: org.id, title_en: SECRET.oppOfDraftOrg });
  assert.equal(o3.review, 'published', 'published itself; its owner is not');
  await call('POST', '/api/v1/opportunities', { ...opp, title_en: PUBLIC_OPP });

  /* A private event held with Sacramento attending, and a public one with an internal note. */
  const priv = await call('POST', '/api/v1/events', { title_en: SECRET.eventPrivate, kind: 'forum', status: 'held',
    start: '2024-05-10', public: false });
  await call('POST', `/api/v1/events/${priv.id}/invitations`, { tie_id: sac, status: 'attended' });
  const pub = await call('POST', '/api/v1/events', { title_en: PUBLIC_EVENT, kind: 'festival', status: 'held',
    start: '2024-06-01', notes: SECRET.eventNote });
  await call('POST', `/api/v1/events/${pub.id}/invitations`, { tie_id: sac, status: 'attended' });
  /* A private delegation that is done: an exchange of the log. */
  const dg = await call('POST', '/api/v1/delegations', { direction: 'in', title_en: SECRET.delegationPrivate,
    start: '2024-03-05', status: 'done', ties: [sac], public: false });
  assert.equal(typeof dg.exchange_id, 'number', 'the done delegation made an exchange');
  /* News about Sacramento: a draft and a published item, each linked to it by an editor. */
  for (const [title, status] of [[SECRET.newsDraft, 'draft'], [PUBLIC_NEWS, 'published']]) {
    const n = await call('POST', '/api/v1/news', { kind: 'news', date: '2024-07-01', title_en: title,
      body_en: 'Synthetic test record about Sacramento.', status });
    await call('PUT', `/api/v1/news/${n.id}/links`, { links: [{ type: 'tie', id: sac, state: 'confirmed' }] });
  }
  await call('POST', '/api/v1/people', { name_en: SECRET.personName, email: SECRET.personEmail, phone: SECRET.personPhone,
    city_id: SACRAMENTO_CITY, roles: ['official'] });
})());

const unescape = (s) => s.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
const meta = (html, attr, name) => {
  const m = new RegExp(`<meta ${attr}="${name}" content="([^"]*)">`).exec(html);
  return m ? unescape(m[1]) : null;
};

describe('portal crawl (anonymous)', () => {
  const pages = new Map();   /* path -> html */
  before(async () => {
    await setup();
    const queue = ['/portal', '/en/portal'];
    const seen = new Set(queue);
    while (queue.length) {
      const p = queue.shift();
      const r = await request(fx.port, 'GET', p);
      assert.equal(r.status, 200, `GET ${p}: ${r.status}`);
      assert.match(r.headers['content-type'], /^text\/html; charset=utf-8/, p);
      pages.set(p, { html: r.text, headers: r.headers });
      for (const m of r.text.matchAll(/\shref="([^"]*)"/g)) {
        const href = unescape(m[1]).replace(/#.*$/, '');
        if (!href.startsWith('/') || href.startsWith('//')) continue;
        if (!/^\/(en\/)?portal(\/|\?|$)/.test(href)) continue;
        if (!seen.has(href)) { seen.add(href); queue.push(href); }
      }
      assert.ok(seen.size < 400, 'the crawl stays small');
    }
  }, { timeout: 120_000 });

  test('reaches every kind of page in both languages', T, () => {
    const paths = [...pages.keys()];
    for (const pre of ['/portal', '/en/portal']) {
      for (const want of ['', '/partners', `/partners/${sac}`, '/news', '/events', '/cooperate', '/partners?continent=europe']) {
        assert.ok(paths.includes(pre + want), `the crawl did not reach ${pre + want}: ${paths.join(' ')}`);
      }
    }
    const partners = paths.filter((p) => /^\/portal\/partners\/\d+$/.test(p));
    assert.ok(partners.length >= 20, `only ${partners.length} partner pages linked`);
    const news = paths.filter((p) => /^\/portal\/news\/\d+$/.test(p));
    assert.ok(news.length >= 50, `only ${news.length} news pages linked (the demo publishes 50)`);
  });

  test('every page: valid HTML, titles, description, Open Graph, hreflang', T, async () => {
    for (const [p, { html, headers }] of pages) {
      const en = p.startsWith('/en/');
      const t = await tidyCheck(html);
      assert.deepEqual(t.real, [], `${p}: tidy:\n${withSource(html, t.real).join('\n')}`);
      assert.match(html, en ? /<html lang="en"/ : /<html lang="zh-Hans"/, p);
      const title = unescape(/<title>([^<]*)<\/title>/.exec(html)[1]);
      assert.ok(en ? title.endsWith("Jinan's partner cities") : title.endsWith('济南国际友城'), `${p}: title ${title}`);
      assert.ok((meta(html, 'name', 'description') || '').length > 10, `${p}: description`);
      assert.ok(meta(html, 'property', 'og:title'), `${p}: og:title`);
      assert.ok(meta(html, 'property', 'og:description'), `${p}: og:description`);
      assert.match(meta(html, 'property', 'og:type') || '', /^(website|article)$/, `${p}: og:type`);
      const path = p.replace(/\?.*$/, '');
      assert.equal(meta(html, 'property', 'og:url'), `${fx.base}${path}`, `${p}: og:url`);
      assert.equal(meta(html, 'property', 'og:locale'), en ? 'en_US' : 'zh_CN', `${p}: og:locale`);
      assert.equal(meta(html, 'property', 'og:locale:alternate'), en ? 'zh_CN' : 'en_US', `${p}: og:locale:alternate`);
      const zhPath = en ? path.slice(3) : path;
      assert.ok(html.includes(`<link rel="alternate" hreflang="zh-Hans" href="${fx.base}${zhPath}">`), `${p}: hreflang zh`);
      assert.ok(html.includes(`<link rel="alternate" hreflang="en" href="${fx.base}/en${zhPath}">`), `${p}: hreflang en`);
      assert.match(headers['cache-control'] || '', /public/, `${p}: Cache-Control`);
      assert.ok(html.includes('href="/static/portal.css"') && !html.includes('/static/app.css'), `${p}: its own stylesheet`);
    }
  });

  test('nothing internal: drafts, private records, people, notes, health, edit forms, sign-in', T, () => {
    for (const [p, { html }] of pages) {
      const text = unescape(html);
      for (const [k, s] of Object.entries(SECRET)) assert.ok(!text.includes(s), `${p} shows ${k}: ${s}`);
      assert.doesNotMatch(text, HEALTH, `${p} shows a health score`);
      assert.doesNotMatch(html, /<form[^>]*method="post"/i, `${p} has a form that posts`);
      assert.doesNotMatch(html, /<(input|button)[^>]*(csrf|delete|edit)/i, `${p} has an edit or delete control`);
      for (const m of html.matchAll(/\s(?:href|action)="([^"]*)"/g)) {
        const href = unescape(m[1]);
        if (href.startsWith('/') && !href.startsWith('//')) {
          assert.doesNotMatch(href, /\/(edit|delete|login|logout|revert|history)(\/|\?|$)/, `${p} links to ${href}`);
          assert.match(href, /^\/(en\/)?portal(\/|\?|#|$)|^\/static\//, `${p} links to the internal page ${href}`);
        }
      }
      for (const id of candidates) {
        assert.ok(!html.includes(`/portal/partners/${id}"`), `${p} links to candidate tie ${id}`);
      }
    }
  });

  test('the public counterparts are there; candidates and unknown ids are 404', T, async () => {
    const sacZh = pages.get(`/portal/partners/${sac}`).html;
    assert.ok(sacZh.includes(PUBLIC_EVENT), 'Sacramento lists the public event it attended');
    assert.ok(sacZh.includes(PUBLIC_NEWS), 'Sacramento lists the published news linked to it');
    assert.ok(pages.get('/en/portal/news').html.includes(PUBLIC_NEWS), 'the news page lists it');
    assert.ok(pages.get('/en/portal/cooperate').html.includes(PUBLIC_OPP), 'the published opportunity is listed');
    for (const id of candidates) {
      assert.equal((await request(fx.port, 'GET', `/portal/partners/${id}`)).status, 404, `candidate tie ${id}`);
    }
    for (const p of ['/portal/partners/999999', '/en/portal/partners/0', '/portal/partners/x']) {
      const r = await request(fx.port, 'GET', p);
      assert.ok(r.status === 404 || r.status === 400, `${p}: ${r.status}`);
      assert.ok(r.text.includes('/static/portal.css'), `${p}: the portal's own error page`);
    }
  });

  test('a signed-in visitor gets the same page as an anonymous one', T, async () => {
    const cookie = await fx.cookieFor();
    for (const p of ['/portal/cooperate', `/en/portal/partners/${sac}`, '/portal/events']) {
      const signed = await request(fx.port, 'GET', p, { headers: { Cookie: cookie } });
      assert.equal(signed.status, 200);
      assert.equal(signed.text, pages.get(p).html, `${p}: signed-in and anonymous answers differ`);
    }
  });

  test('search by pinyin, English and Chinese', T, async () => {
    for (const q of ['sakelamentuo', 'Sacramento', '萨克拉门托']) {
      const r = await request(fx.port, 'GET', `/en/portal/partners?q=${encodeURIComponent(q)}`);
      assert.equal(r.status, 200);
      assert.ok(r.text.includes(`href="/en/portal/partners/${sac}"`), `q=${q} finds Sacramento`);
      assert.match(r.text, /id="count">1 cities</, `q=${q}: one city`);
    }
  });
});

describe('portal in the browser', () => {
  before(setup, { timeout: 120_000 });

  test('home (zh): counts, map drawn, links to the partner pages', T, async () => {
    const { context, page, mon } = await fx.open();
    try {
      const res = await page.goto('/portal');
      assert.equal(res.status(), 200);
      await waitDrawn(page, '#worldmap');
      const all = await fx.api('/api/v1/partners?limit=500');
      const n = (k) => String(all.items.filter((t) => t.kind === k).length);
      assert.equal((await page.textContent('#n-sister')).trim(), n('sister'));
      assert.equal((await page.textContent('#n-cooperation')).trim(), n('cooperation'));
      assert.equal(await page.getAttribute('#worldmap', 'data-href'), '/portal/partners/');
      assert.equal(await page.title(), '济南国际友城');
      await screenshot(page, 'portal-home-zh');
      mon.assertClean('/portal');
    } finally { await context.close(); }
  });

  test('a partner page (en): the city, the tie, milestones, its mini map; print hides the navigation', T, async () => {
    const { context, page, mon } = await fx.open();
    try {
      const res = await page.goto(`/en/portal/partners/${sac}`);
      assert.equal(res.status(), 200);
      await waitDrawn(page, '#minimap');
      assert.match(await page.textContent('h1'), /^Sacramento/);
      assert.match(await page.title(), /^Sacramento — Jinan's partner cities$/);
      assert.ok(await page.locator('#milestones li').count() >= 3);
      await screenshot(page, 'portal-partner-en');
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.locator('.pnav').isVisible(), false, 'no navigation in print');
      mon.assertClean(`/en/portal/partners/${sac}`);
    } finally { await context.close(); }
  });

  test('how to cooperate (zh) at phone width: no sideways scrolling', T, async () => {
    const { context, page, mon } = await fx.open({ phone: true, viewport: { width: 390, height: 844 } });
    try {
      const res = await page.goto('/portal/cooperate');
      assert.equal(res.status(), 200);
      assert.ok(await page.locator('article.popp').count() >= 1, 'opportunities listed');
      const w = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(w <= 390, `the page is ${w} px wide at 390 px`);
      await screenshot(page, 'portal-cooperate-zh-phone');
      mon.assertClean('/portal/cooperate');
    } finally { await context.close(); }
  });
});
