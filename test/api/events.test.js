'use strict';
/*
** events.test.js: the JSON API of events, invitations, series and
** networks and the participation matrix; the exchange a held event makes
** and the health it moves; private events and personal data kept from
** anonymous users in the API, the pages and the iCalendar feed.
**
** Every event, series, invitation and person these tests create is
** SYNTHETIC (names start with "Synthetic" or 合成); the ties are the demo's.
*/
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { useServer, stopTest, qs, allPartners, assertError, run, sqlWrite, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const ctx = useServer();

const WAKAYAMA = 1926004, COVENTRY = 2652221, SACRAMENTO = 5389489;

let ties = null;
async function tieId(geonames) {
  if (!ties) {
    const { items } = await allPartners(ctx);
    ties = {};
    for (const t of items) ties[t.city.id] = t.id;
  }
  assert.ok(ties[geonames], `no demo tie for GeoNames ${geonames}`);
  return ties[geonames];
}

const post = (p, body, token = ctx.token) => ctx.api('POST', p, { body, token });
const patch = (p, body, token = ctx.token) => ctx.api('PATCH', p, { body, token });
const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

async function newEvent(body) {
  const res = await post('/api/v1/events', body);
  assert.equal(res.status, 201, res.text);
  return res.json;
}

describe('events', () => {
  test('create, read, list, change, with every field', T, async () => {
    const ev = await newEvent({
      title_zh: '合成友城合作大会', title_en: 'Synthetic Friendship City Conference', kind: 'conference',
      start: '2025-09', end: '2025-09-21', status: 'confirmed', city_id: 1805753, place: 'Synthetic Hall',
      organisers: 'Synthetic Organiser', fields: ['culture', 'government'], reported_people: 1200,
      reported_countries: 47, sources: ['Synthetic source (test, 2025-09-19)'], links: ['https://example.org/synthetic'],
    });
    assert.equal(ev.status, 'confirmed');
    assert.equal(ev.start_precision, 'month');
    assert.equal(ev.end, '2025-09-21');
    assert.equal(ev.city.id, 1805753);
    assert.deepEqual(ev.fields, ['culture', 'government']);
    assert.equal(ev.reported_people, 1200);
    assert.equal(ev.exchange_id, null);
    const got = await ctx.api('GET', `/api/v1/events/${ev.id}`);
    assert.equal(got.status, 200);
    assert.equal(got.json.title_en, 'Synthetic Friendship City Conference');
    const l = await ctx.api('GET', `/api/v1/events${qs({ kind: 'conference', from: '2025', to: '2025' })}`);
    assert.equal(l.status, 200);
    assert.ok(l.json.items.some((x) => x.id === ev.id));
    const ch = await patch(`/api/v1/events/${ev.id}`, { place: null, edition: null, reported_people: 1201 });
    assert.equal(ch.status, 200, ch.text);
    assert.equal(ch.json.place, null);
    assert.equal(ch.json.reported_people, 1201);
    /* Upcoming: planned in the future, earliest first. */
    const a = await newEvent({ title_en: 'Synthetic upcoming A', kind: 'forum', start: day(40) });
    const b = await newEvent({ title_en: 'Synthetic upcoming B', kind: 'forum', start: day(20) });
    const up = await ctx.api('GET', '/api/v1/events?upcoming=1');
    const ids = up.json.items.map((x) => x.id);
    assert.ok(ids.indexOf(b.id) >= 0 && ids.indexOf(b.id) < ids.indexOf(a.id), 'upcoming, earliest first');
    assert.ok(!ids.includes(ev.id));
  });

  test('search: Chinese, pinyin, Traditional, English', T, async () => {
    const ev = await newEvent({ title_zh: '泉城合成音乐节', title_en: 'Synthetic Spring City Music Festival', kind: 'festival', start: '2024-08' });
    for (const q of ['泉城合成', 'quancheng', '樂節', 'music festival']) {
      const r = await ctx.api('GET', `/api/v1/events${qs({ q })}`);
      assert.equal(r.status, 200, r.text);
      assert.ok(r.json.items.some((x) => x.id === ev.id), `q=${q}`);
    }
  });

  test('bad input: 4xx naming the field, nothing stored', T, async () => {
    const ok = { title_en: 'Synthetic bad', kind: 'forum', start: '2024-05-10' };
    const cases = [
      [{ kind: 'forum', start: '2024' }, 400, 'title_en'],
      [{ ...ok, kind: 'party' }, 400, 'kind'],
      [{ ...ok, start: undefined }, 400, 'start'],
      [{ ...ok, start: '2024-02-30' }, 400, 'start'],
      [{ ...ok, end: '2024-05-09' }, 400, 'end'],
      [{ ...ok, start: day(30), status: 'held' }, 400, 'status'],
      [{ ...ok, status: 'done' }, 400, 'status'],
      [{ ...ok, series_id: 999999 }, 400, 'series_id'],
      [{ ...ok, edition: 2 }, 400, 'series_id'],
      [{ ...ok, city_id: 1 }, 400, 'city_id'],
      [{ ...ok, organisations: [999999] }, 400, 'organisations'],
      [{ ...ok, fields: ['music'] }, 400, 'fields'],
      [{ ...ok, public: 'yes' }, 400, 'public'],
      [{ ...ok, links: ['ftp://x'] }, 400, 'links'],
      [{ ...ok, colour: 'red' }, 400, 'colour'],
    ];
    for (const [body, status, field] of cases) {
      await ctx.rejected('POST', '/api/v1/events', { body, token: ctx.token }, { status, field });
    }
    await ctx.rejected('POST', '/api/v1/events', { body: ok }, { status: 401 });
    await ctx.rejected('POST', '/api/v1/events', { body: ok, token: ctx.viewerToken }, { status: 403 });
    for (const [p, field] of [['kind=party', 'kind'], ['upcoming=2', 'upcoming'], ['from=2024-13', 'from'],
      ['limit=0', 'limit'], ['series=x', 'series'], ['colour=red', 'colour'], ['from=2025&to=2024', 'to']]) {
      assertError(await ctx.api('GET', `/api/v1/events?${p}`), 400, field);
    }
    assertError(await ctx.api('GET', '/api/v1/events/999999'), 404);
  });
});

describe('invitations and the exchange of a held event', () => {
  test('held -> exchange for the attending ties -> their health rises; edits follow; cancelled -> none', T, async () => {
    const wak = await tieId(WAKAYAMA), cov = await tieId(COVENTRY), sac = await tieId(SACRAMENTO);
    const score = async (t) => (await ctx.api('GET', `/api/v1/partners/${t}/health`)).json.score;
    const ev = await newEvent({ title_zh: '合成论坛', title_en: 'Synthetic Forum', kind: 'forum', start: day(-10), status: 'confirmed',
      fields: ['education'] });
    const i1 = await post(`/api/v1/events/${ev.id}/invitations`, { tie_id: wak, status: 'accepted', size: 6, head: 'Synthetic Head' });
    assert.equal(i1.status, 201, i1.text);
    assert.match(i1.headers.location, new RegExp(`/api/v1/invitations/${i1.json.id}$`));
    const i2 = await post(`/api/v1/events/${ev.id}/invitations`, { tie_id: cov });
    assert.equal(i2.status, 201);
    assert.equal(i2.json.status, 'invited');
    /* Refused: unknown tie, org, person; duplicate; attendance before held; two invitees; the invitee changed. */
    const base = `/api/v1/events/${ev.id}/invitations`;
    await ctx.rejected('POST', base, { body: { tie_id: 999999 }, token: ctx.token }, { status: 400, field: 'tie_id' });
    await ctx.rejected('POST', base, { body: { org_id: 999999 }, token: ctx.token }, { status: 400, field: 'org_id' });
    await ctx.rejected('POST', base, { body: { person_id: 999999 }, token: ctx.token }, { status: 400, field: 'person_id' });
    await ctx.rejected('POST', base, { body: { tie_id: wak }, token: ctx.token }, { status: 409, field: 'tie_id' });
    await ctx.rejected('POST', base, { body: { tie_id: sac, status: 'attended' }, token: ctx.token }, { status: 400, field: 'status' });
    await ctx.rejected('POST', base, { body: { tie_id: sac, org_id: 1 }, token: ctx.token }, { status: 400 });
    await ctx.rejected('POST', base, { body: { tie_id: sac, size: -1 }, token: ctx.token }, { status: 400, field: 'size' });
    await ctx.rejected('POST', base, { body: { tie_id: sac, invited_on: day(5) }, token: ctx.token }, { status: 400, field: 'invited_on' });
    await ctx.rejected('PATCH', `/api/v1/invitations/${i1.json.id}`, { body: { status: 'attended' }, token: ctx.token },
      { status: 400, field: 'status' });
    await ctx.rejected('PATCH', `/api/v1/invitations/${i1.json.id}`, { body: { tie_id: cov }, token: ctx.token },
      { status: 400, field: 'tie_id' });
    await ctx.rejected('POST', '/api/v1/events/999999/invitations', { body: { tie_id: sac }, token: ctx.token }, { status: 404 });

    const before = { wak: await score(wak), cov: await score(cov) };
    let r = await patch(`/api/v1/events/${ev.id}`, { status: 'held' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.exchange_id, null, 'nobody attended yet');
    r = await patch(`/api/v1/invitations/${i1.json.id}`, { status: 'attended' });
    assert.equal(r.status, 200, r.text);
    const held = (await ctx.api('GET', `/api/v1/events/${ev.id}`)).json;
    assert.equal(held.ties_attended, 1);
    assert.ok(held.exchange_id, 'the held event made its exchange');
    const ex = (await ctx.api('GET', `/api/v1/exchanges/${held.exchange_id}`)).json;
    assert.equal(ex.kind, 'event');
    assert.equal(ex.event_id, ev.id);
    assert.equal(ex.date, ev.start);
    assert.equal(ex.title, '合成论坛 · Synthetic Forum');
    assert.deepEqual(ex.ties.map((t) => t.id), [wak]);
    assert.equal(ex.participants, 6);
    assert.ok((await score(wak)) > before.wak, 'the attending tie\'s health rises');
    assert.equal(await score(cov), before.cov, 'a tie only invited does not move');
    /* The owned exchange is changed through its event only. */
    await ctx.rejected('PATCH', `/api/v1/exchanges/${held.exchange_id}`, { body: { title: 'x' }, token: ctx.token },
      { status: 409, field: 'event_id' });
    await ctx.rejected('DELETE', `/api/v1/exchanges/${held.exchange_id}`, { token: ctx.token }, { status: 409, field: 'event_id' });
    const page = await ctx.api('GET', `/exchanges/${held.exchange_id}`);
    assert.match(page.text, new RegExp(`href="/events/${ev.id}"`));
    /* Back to planned: refused while held. */
    await ctx.rejected('PATCH', `/api/v1/events/${ev.id}`, { body: { status: 'planned' }, token: ctx.token }, { status: 400, field: 'status' });
    /* A second tie attends: the same exchange gets it. */
    r = await patch(`/api/v1/invitations/${i2.json.id}`, { status: 'attended' });
    assert.equal(r.status, 200);
    let ex2 = (await ctx.api('GET', `/api/v1/exchanges/${held.exchange_id}`)).json;
    assert.deepEqual(ex2.ties.map((t) => t.id).sort((a, b) => a - b), [wak, cov].sort((a, b) => a - b));
    /* Editing the event moves the exchange. */
    r = await patch(`/api/v1/events/${ev.id}`, { start: day(-11) });
    assert.equal(r.status, 200, r.text);
    ex2 = (await ctx.api('GET', `/api/v1/exchanges/${held.exchange_id}`)).json;
    assert.equal(ex2.date, day(-11));
    /* Deleting the event removes the exchange, and the health falls back. */
    r = await ctx.api('DELETE', `/api/v1/events/${ev.id}`, { token: ctx.token });
    assertError(r, 409, 'id');
    assert.match(r.json.error.message, /2 invitations refer to this event/);
    r = await ctx.api('DELETE', `/api/v1/events/${ev.id}?dependants=archive`, { token: ctx.token });
    assert.equal(r.status, 200);
    assertError(await ctx.api('GET', `/api/v1/exchanges/${held.exchange_id}`), 404);
    assertError(await ctx.api('GET', `/api/v1/invitations/${i1.json.id}`), 404);
    assert.equal(await score(wak), before.wak);

    /* A cancelled event leaves no exchange. */
    const ev2 = await newEvent({ title_en: 'Synthetic cancelled fair', kind: 'fair', start: day(-5), status: 'confirmed' });
    assert.equal((await post(`/api/v1/events/${ev2.id}/invitations`, { tie_id: sac, status: 'accepted' })).status, 201);
    r = await patch(`/api/v1/events/${ev2.id}`, { status: 'cancelled' });
    assert.equal(r.status, 200);
    assert.equal(r.json.exchange_id, null);
    const exs = await ctx.api('GET', `/api/v1/exchanges${qs({ tie: sac, kind: 'event' })}`);
    assert.ok(!exs.json.items.some((x) => x.event_id === ev2.id));
    await ctx.rejected('PATCH', `/api/v1/events/${ev2.id}`, { body: { status: 'held' }, token: ctx.token }, { status: 400, field: 'status' });
  });
});

describe('personal data and private events', () => {
  test('anonymous answers leave out private events, notes, heads and people (API, page, iCalendar)', T, async () => {
    const wak = await tieId(WAKAYAMA);
    const pub = await newEvent({ title_en: 'Synthetic public gathering', kind: 'other', start: day(15), notes: 'Synthetic internal note' });
    const priv = await newEvent({ title_en: 'Synthetic private meeting', kind: 'other', start: day(16), public: false });
    const inv = await post(`/api/v1/events/${pub.id}/invitations`, { tie_id: wak, head: 'Synthetic Headperson Zhang', notes: 'Synthetic note' });
    assert.equal(inv.status, 201);
    /* A synthetic person (the people API is another branch): straight into the table. */
    const w = await sqlWrite(ctx.db, "INSERT INTO person(name_en, created_at, updated_at) VALUES('Synthetic Personname Li', '2025-01-01', '2025-01-01')");
    assert.equal(w.code, 0, w.stderr);
    const pid = Number((await ctx.sql("SELECT id FROM person WHERE name_en='Synthetic Personname Li'")).trim());
    const pinv = await post(`/api/v1/events/${pub.id}/invitations`, { person_id: pid, status: 'invited' });
    assert.equal(pinv.status, 201, pinv.text);
    /* Signed in: everything. */
    let r = await ctx.api('GET', `/api/v1/events/${priv.id}`, { token: ctx.token });
    assert.equal(r.status, 200);
    r = await ctx.api('GET', `/api/v1/events/${pub.id}/invitations`, { token: ctx.token });
    assert.equal(r.json.items.length, 2);
    assert.ok(r.json.items.some((x) => x.head === 'Synthetic Headperson Zhang'));
    assert.ok(r.json.items.some((x) => x.person && x.person.name_en === 'Synthetic Personname Li'));
    assert.equal((await ctx.api('GET', `/api/v1/events/${pub.id}`, { token: ctx.token })).json.notes, 'Synthetic internal note');
    /* Anonymous: none of it. */
    assertError(await ctx.api('GET', `/api/v1/events/${priv.id}`), 404);
    r = await ctx.api('GET', '/api/v1/events?limit=500');
    assert.ok(!r.json.items.some((x) => x.id === priv.id));
    assert.ok(!JSON.stringify(r.json).includes('Synthetic internal note'));
    r = await ctx.api('GET', `/api/v1/events/${pub.id}`);
    assert.equal(r.json.notes, undefined);
    r = await ctx.api('GET', `/api/v1/events/${pub.id}/invitations`);
    assert.equal(r.json.items.length, 1);
    for (const k of ['head', 'head_person_id', 'notes']) assert.equal(r.json.items[0][k], undefined, k);
    assertError(await ctx.api('GET', `/api/v1/invitations/${pinv.json.id}`), 404);
    r = await ctx.api('GET', `/api/v1/invitations/${inv.json.id}`);
    assert.equal(r.json.head, undefined);
    for (const p of [`/events/${pub.id}`, '/events', '/calendar.ics', '/calendar', `/partners/${wak}`, '/participation',
      '/api/v1/calendar', `/api/v1/participation`]) {
      const t = (await ctx.api('GET', p)).text;
      for (const secret of ['Synthetic Headperson Zhang', 'Synthetic Personname Li', 'Synthetic private meeting', 'Synthetic internal note']) {
        assert.ok(!t.includes(secret), `${p} shows ${secret} to an anonymous user`);
      }
    }
    /* The public event is in the feed beside the anniversaries. */
    const ics = (await ctx.api('GET', '/calendar.ics')).text;
    assert.match(ics, /SUMMARY:Synthetic public gathering/);
    assert.match(ics, new RegExp(`UID:event-${pub.id}@youcheng`));
    assert.ok(!ics.includes(`event-${priv.id}@`));
    r = await ctx.api('GET', '/api/v1/calendar');
    assert.ok(r.json.items.some((x) => x.type === 'event' && x.event.id === pub.id));
    assertError(await ctx.api('GET', '/api/v1/events', { token: 'wrong-token-wrong-token' }), 401);
  });
});

describe('the exchanges of private events and delegations', () => {
  test('are left out of anonymous answers (exchange log, partner pages, portal), not of signed-in ones', T, async () => {
    const wak = await tieId(WAKAYAMA);
    const EV = 'Synthetic private forum held', DG = 'Synthetic private visit done';
    const ev = await newEvent({ title_en: EV, kind: 'forum', status: 'held', start: '2024-04-02', public: false });
    assert.equal((await post(`/api/v1/events/${ev.id}/invitations`, { tie_id: wak, status: 'attended' })).status, 201);
    const dg = await post('/api/v1/delegations', { direction: 'out', title_en: DG, start: '2024-04-20', status: 'done',
      ties: [wak], public: false });
    assert.equal(dg.status, 201, dg.text);
    const evEx = (await ctx.api('GET', `/api/v1/events/${ev.id}`, { token: ctx.token })).json.exchange_id;
    const dgEx = dg.json.exchange_id;
    assert.equal(typeof evEx, 'number');
    assert.equal(typeof dgEx, 'number');
    for (const id of [evEx, dgEx]) {
      assert.equal((await ctx.api('GET', `/api/v1/exchanges/${id}`, { token: ctx.token })).status, 200);
      assertError(await ctx.api('GET', `/api/v1/exchanges/${id}`), 404);
    }
    const ids = async (opts) => (await ctx.api('GET', `/api/v1/exchanges${qs({ tie: wak, limit: 500 })}`, opts)).json.items.map((x) => x.id);
    const mine = await ids({ token: ctx.token }), anon = await ids({});
    assert.ok(mine.includes(evEx) && mine.includes(dgEx), 'signed in: both');
    assert.ok(!anon.includes(evEx) && !anon.includes(dgEx), 'anonymous: neither');
    for (const p of [`/partners/${wak}`, `/portal/partners/${wak}`, `/en/portal/partners/${wak}`]) {
      const t = (await ctx.api('GET', p)).text;
      for (const secret of [EV, DG]) assert.ok(!t.includes(secret), `${p} shows ${secret} to an anonymous user`);
    }
  });
});

describe('series, networks and participation', () => {
  test('a network with members; the partner page and the layout see it', T, async () => {
    const wak = await tieId(WAKAYAMA);
    let r = await post('/api/v1/series', { kind: 'network', name_zh: '合成泉水城市联盟', name_en: 'Synthetic Alliance of Spring Cities',
      website: 'https://example.org/synthetic-alliance', sources: ['Synthetic source (test, 2025-01-01)'] });
    assert.equal(r.status, 201, r.text);
    const s = r.json;
    await ctx.rejected('POST', '/api/v1/series', { body: { kind: 'club', name_en: 'Synthetic' }, token: ctx.token }, { status: 400, field: 'kind' });
    await ctx.rejected('POST', '/api/v1/series', { body: { kind: 'series' }, token: ctx.token }, { status: 400, field: 'name_en' });
    await ctx.rejected('POST', '/api/v1/series', { body: { kind: 'series', name_en: 'x', website: 'example.org' }, token: ctx.token },
      { status: 400, field: 'website' });
    const un0 = (await ctx.api('GET', '/api/v1/layout/unnetworked')).json;
    assert.ok(un0.items.some((t) => t.id === wak));
    r = await post(`/api/v1/series/${s.id}/members`, { tie_id: wak, role: 'founding member', joined: '2020-05' });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.members.length, 1);
    assert.equal(r.json.members[0].tie_id, wak);
    await ctx.rejected('POST', `/api/v1/series/${s.id}/members`, { body: { tie_id: wak }, token: ctx.token }, { status: 409, field: 'tie_id' });
    await ctx.rejected('POST', `/api/v1/series/${s.id}/members`, { body: { city_id: 1 }, token: ctx.token }, { status: 400, field: 'city_id' });
    await ctx.rejected('POST', `/api/v1/series/${s.id}/members`, { body: { tie_id: wak, joined: day(30) }, token: ctx.token },
      { status: 400 });
    r = await post(`/api/v1/series/${s.id}/members`, { city_id: 2950159, role: 'member' });   /* Berlin: a city that is not a partner */
    assert.equal(r.status, 201, r.text);
    const un1 = (await ctx.api('GET', '/api/v1/layout/unnetworked')).json;
    assert.equal(un1.total, un0.total - 1);
    assert.ok(!un1.items.some((t) => t.id === wak));
    assert.match((await ctx.api('GET', `/partners/${wak}?lang=en`)).text, /Synthetic Alliance of Spring Cities/);
    assert.match((await ctx.api('GET', '/layout?lang=en')).text, /Partners in no network/);
    const members = (await ctx.api('GET', `/api/v1/series/${s.id}/members`)).json.items;
    assert.equal(members.length, 2);
    const berlin = members.find((m) => m.city && m.city.id === 2950159);
    r = await ctx.api('DELETE', `/api/v1/series/${s.id}/members/${berlin.id}`, { token: ctx.token });
    assert.equal(r.status, 200);
    await ctx.rejected('DELETE', `/api/v1/series/${s.id}/members/${berlin.id}`, { token: ctx.token }, { status: 404, field: 'member_id' });
    /* Editions. */
    const ev = await newEvent({ title_en: 'Synthetic Alliance meeting', kind: 'forum', start: '2024-06', series_id: s.id, edition: 1 });
    r = await ctx.api('GET', `/api/v1/series/${s.id}`);
    assert.deepEqual(r.json.editions.map((x) => x.id), [ev.id]);
    r = await ctx.api('GET', `/api/v1/series${qs({ kind: 'network', city: WAKAYAMA })}`);
    assert.ok(r.json.items.some((x) => x.id === s.id));
    assertError(await ctx.api('GET', '/api/v1/series?kind=club'), 400, 'kind');
  });

  test('participation matrix: cells, totals, ties never invited or never attending', T, async () => {
    const wak = await tieId(WAKAYAMA), cov = await tieId(COVENTRY);
    const s = (await post('/api/v1/series', { kind: 'series', name_en: 'Synthetic Matrix Series' })).json;
    const e1 = await newEvent({ title_en: 'Synthetic M1', kind: 'forum', start: '2023-03-01', status: 'held', series_id: s.id });
    const e2 = await newEvent({ title_en: 'Synthetic M2', kind: 'forum', start: '2023-09-01', status: 'held', series_id: s.id });
    await post(`/api/v1/events/${e1.id}/invitations`, { tie_id: wak, status: 'attended' });
    await post(`/api/v1/events/${e2.id}/invitations`, { tie_id: wak, status: 'declined' });
    await post(`/api/v1/events/${e2.id}/invitations`, { tie_id: cov, status: 'no_show' });
    const r = await ctx.api('GET', `/api/v1/participation${qs({ series: s.id, limit: 500 })}`);
    assert.equal(r.status, 200, r.text);
    const m = r.json;
    assert.deepEqual(m.events.map((x) => x.id), [e1.id, e2.id]);
    const row = (t) => m.rows.find((x) => x.tie_id === t);
    assert.deepEqual(row(wak).cells, ['attended', 'declined']);
    assert.equal(row(wak).invited, 2);
    assert.equal(row(wak).attended, 1);
    assert.deepEqual(row(cov).cells, [null, 'no_show']);
    assert.equal(m.never_attended.total, 1);
    assert.equal(m.never_attended.items[0].id, cov);
    assert.equal(m.never_invited.total, m.total - 2);
    const y = await ctx.api('GET', `/api/v1/participation${qs({ series: s.id, from: '2023-06', to: '2023' })}`);
    assert.deepEqual(y.json.events.map((x) => x.id), [e2.id]);
    const page = await ctx.api('GET', `/api/v1/participation${qs({ limit: 5 })}`);
    assert.equal(page.json.rows.length, 5);
    assert.ok(page.json.next_cursor);
    const next = await ctx.api('GET', `/api/v1/participation${qs({ limit: 5, cursor: page.json.next_cursor })}`);
    assert.ok(!next.json.rows.some((x) => page.json.rows.some((p) => p.tie_id === x.tie_id)));
    for (const [p, field] of [['events=0', 'events'], ['events=201', 'events'], ['from=2024&to=2023', 'to'], ['series=x', 'series'], ['limit=501', 'limit']]) {
      assertError(await ctx.api('GET', `/api/v1/participation?${p}`), 400, field);
    }
    const html = await ctx.api('GET', `/participation${qs({ series: s.id, lang: 'en' })}`);
    assert.equal(html.status, 200);
    assert.match(html.text, /Invited, never attending \(1\)/);
  });
});

describe('CLI', () => {
  test('event and series commands with --json and clear errors', T, async () => {
    let r = await ctx.cli(['series', 'add', '--kind', 'series', '--name-en', 'Synthetic CLI Series', '--json', '--db', ctx.db]);
    assert.equal(r.code, 0, r.stderr);
    const s = JSON.parse(r.stdout);
    r = await ctx.cli(['event', 'add', '--title-en', 'Synthetic CLI Event', '--kind', 'forum', '--start', '2024-04-02',
      '--status', 'held', '--series', String(s.id), '--json', '--db', ctx.db]);
    assert.equal(r.code, 0, r.stderr);
    const ev = JSON.parse(r.stdout);
    const wak = await tieId(WAKAYAMA);
    r = await ctx.cli(['event', 'invite', String(ev.id), '--tie', String(wak), '--status', 'attended', '--db', ctx.db]);
    assert.equal(r.code, 0, r.stderr);
    r = await ctx.cli(['event', 'show', String(ev.id), '--json', '--db', ctx.db]);
    assert.equal(JSON.parse(r.stdout).invitations.length, 1);
    assert.ok(JSON.parse(r.stdout).exchange_id);
    r = await ctx.cli(['event', 'add', '--title-en', 'Synthetic', '--kind', 'forum', '--start', '2024-04-02', '--end', '2024-04-01', '--db', ctx.db]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /\(end: invalid_range\)/);
    r = await ctx.cli(['event', 'invite', String(ev.id), '--tie', '999999', '--db', ctx.db]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /tie_id/);
    r = await ctx.cli(['event', 'matrix', '--series', String(s.id), '--db', ctx.db]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /attend/);
    r = await ctx.cli(['event', 'list', '--q', 'Synthetic CLI', '--db', ctx.db]);
    assert.match(r.stdout, /Synthetic CLI Event/);
    r = await ctx.cli(['series', 'member-add', String(s.id), '--tie', String(wak), '--role', 'host', '--json', '--db', ctx.db]);
    assert.equal(r.code, 0, r.stderr);
    r = await ctx.cli(['event', 'delete', String(ev.id), '--db', ctx.db]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /1 invitation refers to this event/);
    r = await ctx.cli(['delete', 'event', String(ev.id), '--with-dependants', '--db', ctx.db]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /archive entry \d+/);
  });
});

stopTest(ctx);
