'use strict';
/*
** demo_privacy.test.js: no person's name of the demo data in any anonymous
** answer (issue 11, item 4). The demo keeps people in jinan_people.tsv and
** heads of delegations in the `head` columns of jinan_delegations.tsv and
** jinan_invitations.tsv: those are private. Its public texts name roles
** ("Wakayama's mayor", "济南市委书记"), never people.
**
** The names are read from the demo files: of every person the words of
** four or more letters of name_en, name_zh and name_native; of every head
** the whole value, its name (the part before the first comma, without
** parentheses), that name's words of four or more letters and the surname
** of a foreign name written in Chinese characters ("杰夫·哈里斯"). Every public
** answer of the demo is fetched anonymously: the lists and every record of
** the JSON API, the calendar (JSON, several windows, and iCalendar), the CSV
** exports, the search API (for each name and for role words) and the pages
** in both languages; none may contain a name. Then, signed in, the same
** names must be found in /api/v1/people and in the delegations' and
** invitations' heads, so the test cannot pass on an empty database; and the
** cached answers are fetched anonymously once more after the signed-in ones.
**
** Published news items (jinan_news.tsv, issue 13) are the exception: they
** restate public press texts, which name officials in their public roles as
** their sources do. Their titles and bodies are left out of the check (cut
** from every answer before it is searched), and an anonymous answer about
** them must carry no link to a person record.
*/
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { useServer, stopTest, qs, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const ctx = useServer();
const DEMO = path.join(__dirname, '../../data/demo');

/* The rows of a demo file as objects (comment lines start with '#'; the
** first other line names the columns; values hold no tab). */
function demoRows(file) {
  const lines = fs.readFileSync(path.join(DEMO, file), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
  const cols = lines[0].split('\t');
  return lines.slice(1).map((l) => {
    const v = l.split('\t');
    return Object.fromEntries(cols.map((c, i) => [c, v[i] || '']));
  });
}

/* Words of four or more letters (accents and hyphens kept: "Appéré",
** "Jae-joon"); "Dr." and initials are no names. */
const words = (s) => s.split(/\s+/).map((w) => w.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ''))
  .filter((w) => [...w.replace(/-/g, '')].length >= 4 && /^[\p{L}-]+$/u.test(w));

const people = demoRows('jinan_people.tsv');
const heads = [...demoRows('jinan_delegations.tsv'), ...demoRows('jinan_invitations.tsv')]
  .map((r) => r.head).filter(Boolean);

/* name -> where it comes from. */
const NAMES = new Map();
for (const p of people) {
  for (const w of words(p.name_en)) NAMES.set(w, `name_en of ${p.key}`);
  if (p.name_zh) NAMES.set(p.name_zh, `name_zh of ${p.key}`);
  if (p.name_native) NAMES.set(p.name_native, `name_native of ${p.key}`);
}
for (const h of heads) {
  const name = h.replace(/\s*\([^)]*\)/g, '').split(',')[0].trim();
  NAMES.set(h, 'a head');
  NAMES.set(name, 'a head');
  for (const w of words(name)) NAMES.set(w, `a word of the head "${name}"`);
  for (const z of name.match(/[\p{Script=Han}]{2,}/gu) || []) NAMES.set(z, `the head "${name}"`);
  /* A foreign name in Chinese characters, "杰夫·哈里斯" within a title: its surname after the dot. */
  for (const m of h.matchAll(/[·・]([\p{Script=Han}]{2,})/gu)) NAMES.set(m[1], `the surname in the head "${h}"`);
}

/* A name written in Latin letters is found as a whole word, case kept
** ("Long" is a name, "belongs" is not); any other script as a substring. */
const MATCHERS = [...NAMES.keys()].map((n) => ({
  n,
  re: /^[\p{Script=Latin}]/u.test(n)
    ? new RegExp(`(?<![\\p{L}\\p{N}])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u')
    : null,
}));
const found = (text) => MATCHERS.filter((m) => (m.re ? m.re.test(text) : text.includes(m.n))).map((m) => m.n);

/* The text of an answer as a reader gets it: JSON parsed (no \u escapes),
** iCalendar lines unfolded and unescaped. The search API echoes its query
** ("q"), which is left out: the results are what is checked. */
function readable(res) {
  if (res.json !== undefined) return JSON.stringify({ ...res.json, q: undefined });
  if (/text\/calendar/.test(res.headers['content-type'] || '')) {
    return res.text.replace(/\r?\n[ \t]/g, '').replace(/\\([,;\\])/g, '$1').replace(/\\n/gi, '\n');
  }
  return res.text;
}

/* The titles and bodies of the published news items, longest first, as
** they are and HTML-escaped: cut from answers before they are searched. */
let NEWS_TEXTS = [];
const escapeHtml = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const withoutNews = (text) => NEWS_TEXTS.reduce((t, n) => t.split(n).join(' '), text);

const fetched = [];        /* every anonymous URL, for the figures */
async function anonymous(p, { status = 200 } = {}) {
  const res = await ctx.api('GET', p);
  assert.equal(res.status, status, `anonymous GET ${p}: ${res.status} ${res.text.slice(0, 200)}`);
  const hits = found(withoutNews(readable(res)));
  assert.deepEqual(hits, [], `anonymous GET ${p} names ${hits.map((h) => `"${h}" (${NAMES.get(h)})`).join(', ')}`);
  fetched.push(p);
  return res;
}

/* Every item of a paged JSON list, following next_cursor. */
async function allItems(p) {
  const items = [];
  let cursor = null;
  for (let i = 0; i < 50; i++) {
    const sep = p.includes('?') ? '&' : '?';
    const res = await anonymous(cursor ? `${p}${sep}${qs({ cursor }).slice(1)}` : p);
    items.push(...res.json.items);
    cursor = res.json.next_cursor;
    if (!cursor) {
      if (typeof res.json.total === 'number') assert.equal(items.length, res.json.total, `${p}: every item`);
      return items;
    }
  }
  throw new Error(`${p}: paging did not end`);
}

const ids = {};

describe('no person of the demo in an anonymous answer', () => {
  test('the demo files name people: the names to look for', T, () => {
    assert.ok(people.length >= 15, `${people.length} people in jinan_people.tsv`);
    assert.ok(heads.length >= 25, `${heads.length} heads`);
    for (const n of ['Obana', '尾花正启', 'Lee Jae-joon', 'Jae-joon', 'Liu Qiang', '刘强', '孙述涛', 'Stoyanova', 'Logvinenko', 'Gribl']) {
      assert.ok(NAMES.has(n), `"${n}" is among the names`);
    }
    assert.ok(NAMES.size >= 80, `${NAMES.size} names`);
  });

  test('published news: public texts, without links to people', T, async () => {
    const news = (await ctx.api('GET', '/api/v1/news?limit=200')).json;
    assert.equal(news.items.length, news.total);
    assert.equal(news.total, demoRows('jinan_news.tsv').length, 'every demo news item is published');
    const texts = new Set();
    let personLinks = 0;
    for (const { id } of news.items) {
      const item = (await ctx.api('GET', `/api/v1/news/${id}`)).json;
      for (const k of ['title_zh', 'title_en', 'body_zh', 'body_en']) {
        if (item[k]) { texts.add(item[k]); texts.add(escapeHtml(item[k])); }
      }
      assert.deepEqual(item.links.filter((l) => l.type === 'person'), [], `anonymous /api/v1/news/${id}: no link to a person`);
      const page = await ctx.api('GET', `/news/${id}?lang=en`);
      assert.equal(page.status, 200);
      assert.doesNotMatch(page.text, /href="\/people\//, `anonymous /news/${id}: no link to a person`);
    }
    NEWS_TEXTS = [...texts].sort((a, b) => b.length - a.length);
    /* The exception is needed: the demo news name people (so this is not vacuous)... */
    const signedIn = await ctx.api('GET', '/api/v1/news?limit=200', { token: ctx.token });
    let withPeople = 0;
    for (const { id } of signedIn.json.items) {
      const item = (await ctx.api('GET', `/api/v1/news/${id}`, { token: ctx.token })).json;
      personLinks += item.links.filter((l) => l.type === 'person' && l.state === 'confirmed').length;
      if (found([item.title_zh, item.title_en, item.body_zh, item.body_en].join(' ')).length) withPeople++;
    }
    assert.ok(withPeople >= 5, `${withPeople} news items name demo people`);
    assert.ok(personLinks >= 5, `signed in, ${personLinks} confirmed links to people`);
  });

  test('JSON API: lists and every record', T, async () => {
    ids.events = (await allItems('/api/v1/events')).map((x) => x.id);
    ids.delegations = (await allItems('/api/v1/delegations')).map((x) => x.id);
    ids.exchanges = (await allItems('/api/v1/exchanges')).map((x) => x.id);
    ids.opportunities = (await allItems('/api/v1/opportunities')).map((x) => x.id);
    ids.partners = (await allItems('/api/v1/partners')).map((x) => x.id);
    ids.series = (await allItems('/api/v1/series')).map((x) => x.id);
    /* Every demo row of these files is in the answers. */
    assert.equal(ids.events.length, demoRows('jinan_events.tsv').length, 'every demo event is public');
    assert.equal(ids.delegations.length, demoRows('jinan_delegations.tsv').length, 'every demo delegation is public');
    assert.ok(ids.exchanges.length >= demoRows('jinan_exchanges.tsv').length + ids.delegations.length);
    assert.equal(ids.opportunities.length, demoRows('jinan_opportunities.tsv').length);
    assert.ok(ids.partners.length >= 30 && ids.series.length >= 5);
    ids.invitations = [];
    for (const id of ids.events) {
      await anonymous(`/api/v1/events/${id}`);
      const inv = await anonymous(`/api/v1/events/${id}/invitations`);
      ids.invitations.push(...inv.json.items.map((x) => x.id));
    }
    assert.equal(ids.invitations.length, demoRows('jinan_invitations.tsv').length, 'every demo invitation');
    for (const id of ids.invitations) await anonymous(`/api/v1/invitations/${id}`);
    for (const id of ids.delegations) await anonymous(`/api/v1/delegations/${id}`);
    for (const id of ids.exchanges) await anonymous(`/api/v1/exchanges/${id}`);
    for (const id of ids.opportunities) await anonymous(`/api/v1/opportunities/${id}`);
    for (const id of ids.partners) await anonymous(`/api/v1/partners/${id}`);
    for (const id of ids.series) {
      await anonymous(`/api/v1/series/${id}`);
      await anonymous(`/api/v1/series/${id}/members`);
    }
    await anonymous(`/api/v1/participation${qs({ events: 200, limit: 500 })}`);
    for (const p of ['/api/v1/projects', '/api/v1/orgs', '/api/v1/stats', '/api/v1/agreements']) await anonymous(p);
  });

  test('calendar (JSON and iCalendar) and CSV exports', T, async () => {
    let events = 0;
    for (const [from, to] of [[null, null], ['1983', '2002'], ['2003', '2022'], ['2023', '2042']]) {
      const w = from ? qs({ from, to }) : '';
      const c = await anonymous(`/api/v1/calendar${w}`);
      events += c.json.items.filter((x) => x.type === 'event').length;
      const ics = await anonymous(`/calendar.ics${w}`);
      assert.match(ics.text, /BEGIN:VCALENDAR/);
    }
    assert.equal(events, ids.events.length, 'the calendar windows hold every dated demo event');
    const csv = await anonymous('/partners.csv');
    assert.ok(csv.text.split('\n').length > ids.partners.length, 'every tie in the CSV');
    await anonymous('/partners.csv?status=active');
    for (const l of (await anonymous('/api/v1/lists')).json.items) await anonymous(`/layout/gaps.csv${qs({ list: l.key })}`);
  });

  test('search API: each name, and the role words that replaced them', T, async () => {
    for (const n of [...NAMES.keys()].filter((x) => x.length <= 60)) {
      await anonymous(`/api/v1/search${qs({ q: n, limit: 50 })}`);
    }
    let hits = 0;
    for (const q of ['mayor', '市长', '书记', 'Wakayama', 'Kazanlak', 'Suwon', 'Augsburg']) {
      const r = await anonymous(`/api/v1/search${qs({ q, limit: 50 })}`);
      hits += r.json.partners.length + r.json.orgs.length + r.json.opportunities.length;
    }
    assert.ok(hits >= 5, `${hits} search hits for the role and city words`);
  });

  test('pages, in Chinese and in English', T, async () => {
    for (const lang of ['zh', 'en']) {
      const l = qs({ lang });
      for (const p of ['/', '/events', '/delegations', '/exchanges', '/opportunities', '/partners', '/series',
        '/participation', '/calendar']) await anonymous(`${p}${l}`);
      /* The page repeats its query, so it is asked for roles, not names. */
      for (const q of ['mayor', '市长', 'Wakayama', '书记']) await anonymous(`/search${qs({ q, lang })}`);
      for (const id of ids.events) await anonymous(`/events/${id}${l}`);
      for (const id of ids.delegations) await anonymous(`/delegations/${id}${l}`);
      for (const id of ids.exchanges) await anonymous(`/exchanges/${id}${l}`);
      for (const id of ids.opportunities) await anonymous(`/opportunities/${id}${l}`);
      for (const id of ids.partners) await anonymous(`/partners/${id}${l}`);
      for (const id of ids.series) await anonymous(`/series/${id}${l}`);
    }
  });

  test('signed in, the names are there: people, heads of delegations and invitations', T, async () => {
    const auth = { token: ctx.token };
    let text = '';
    let cursor = null, n = 0;
    do {
      const r = await ctx.api('GET', `/api/v1/people${qs({ limit: 100, ...(cursor ? { cursor } : {}) })}`, auth);
      assert.equal(r.status, 200, r.text);
      n += r.json.items.length;
      text += JSON.stringify(r.json);
      cursor = r.json.next_cursor;
    } while (cursor);
    assert.equal(n, people.length, 'every demo person is listed');
    for (const id of ids.delegations) text += JSON.stringify((await ctx.api('GET', `/api/v1/delegations/${id}`, auth)).json);
    for (const id of ids.invitations) text += JSON.stringify((await ctx.api('GET', `/api/v1/invitations/${id}`, auth)).json);
    const all = new Set(found(text));
    const missing = [...NAMES.keys()].filter((x) => !all.has(x));
    assert.deepEqual(missing, [], 'every name checked above is in the database');
    /* Cached answers stay anonymous after signed-in requests. */
    for (const p of ['/api/v1/partners', `/api/v1/partners/${ids.partners[0]}`, '/api/v1/exchanges',
      '/api/v1/opportunities', '/api/v1/search?q=Obana', '/api/v1/delegations', `/api/v1/delegations/${ids.delegations[0]}`]) {
      await ctx.api('GET', p, auth);
      await anonymous(p);
    }
    console.log(`demo privacy: ${NAMES.size} names (${people.length} people, ${heads.length} heads); ` +
      `${fetched.length} anonymous answers checked (${new Set(fetched).size} distinct URLs)`);
  });
});

stopTest(ctx);
