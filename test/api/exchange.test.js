'use strict';
/*
** exchange.test.js: the JSON API of the exchange log, projects,
** agreements, relationship health, thresholds, the calendar and its
** iCalendar feed (parsed back here), and the CSV import.
**
** The demo rows checked are the real ones of data/demo (the 2019
** commentary); every exchange and project these tests create is SYNTHETIC
** (titles start with "Synthetic").
*/
const { test, describe } = require('node:test');
const fs = require('node:fs');
const path = require('node:path');
const assert = require('node:assert/strict');
const { useServer, stopTest, qs, allPartners, assertError, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const ctx = useServer({ admin: true });

const SACRAMENTO = 5389489, VASTERAS = 2664454, SONDERBORG = 2613102, RENNES = 2983990;

/* Dates relative to today (UTC). */
function day(offsetDays) {
  return new Date(Date.now() + offsetDays * 86400000).toISOString().slice(0, 10);
}
function addMonths(iso, n) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 10);
}

let ties = null;   /* GeoNames id -> tie id */
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

/* Requests that must all be refused (4xx, error shape, field named): the
** database must be byte-for-byte unchanged after the whole batch (one
** sqlite3 .dump before and after: dumping per request would be slow), and
** the server still healthy. Each case: [method, path, opts, {status, field}]. */
async function refusedAll(cases) {
  const before = await ctx.fingerprint();
  for (const [method, p, opts, want] of cases) {
    const res = await ctx.api(method, p, opts);
    assertError(res, want.status, want.field, want.code);
  }
  assert.equal(await ctx.fingerprint(), before, 'a refused request changed the database');
  const h = await ctx.api('GET', '/healthz');
  assert.equal(h.status, 200);
}

describe('demo data', () => {
  test('the projects and the dated exchange the 2019 commentary names, with no invented dates', T, async () => {
    const r = await ctx.api('GET', '/api/v1/projects');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.total, 3);
    const byTitle = Object.fromEntries(r.json.items.map((p) => [p.title, p]));
    const yinfeng = r.json.items.find((p) => /Yinfeng/.test(p.title));
    const robot = r.json.items.find((p) => /Oriental Robot Valley/.test(p.title));
    const danfoss = r.json.items.find((p) => /Danfoss/.test(p.title));
    assert.ok(yinfeng && robot && danfoss, Object.keys(byTitle).join(' | '));
    assert.equal(yinfeng.stage, 'signed');
    assert.equal(robot.stage, 'negotiation');
    for (const p of [yinfeng, robot, danfoss]) {
      assert.equal(p.start, null);
      assert.equal(p.end, null);
      assert.equal(p.value, null);
      assert.deepEqual(p.milestones, []);
      assert.ok(p.sources.some((s) => /2019-10-18/.test(s)), 'cites the commentary');
    }
    assert.deepEqual(yinfeng.ties.map((t) => t.id), [await tieId(SACRAMENTO)]);
    assert.deepEqual(robot.ties.map((t) => t.id), [await tieId(VASTERAS)]);
    assert.deepEqual(danfoss.ties.map((t) => t.id), [await tieId(SONDERBORG)]);
    assert.deepEqual(yinfeng.organisations.map((o) => o.name_en).sort(), ['UC Davis School of Medicine', 'Yinfeng Group']);
    /* The dated exchanges of the public record (data/demo/jinan_exchanges.tsv); the 2019
    ** conference is an event now (jinan_events.tsv), not an exchange. */
    const ex = await ctx.api('GET', '/api/v1/exchanges?limit=500');
    assert.equal(ex.status, 200);
    /* One per row of the file, one per held event that a tie attended, one per delegation done. */
    const rows = fs.readFileSync(path.join(__dirname, '../../data/demo/jinan_exchanges.tsv'), 'utf8')
      .split('\n').filter((l) => l && !l.startsWith('#')).length - 1;
    const byEvent = Number(await ctx.sql("SELECT count(DISTINCT e.id) FROM event e JOIN invitation i ON i.event_id=e.id" +
      " WHERE e.status='held' AND i.status='attended' AND i.tie_id IS NOT NULL"));
    const byDelegation = Number(await ctx.sql("SELECT count(*) FROM delegation WHERE status='done'"));
    assert.ok(rows >= 15 && byEvent >= 10 && byDelegation >= 30, `${rows} ${byEvent} ${byDelegation}`);
    assert.equal(ex.json.items.filter((x) => !x.event_id && !x.delegation_id).length, rows);
    assert.equal(ex.json.items.filter((x) => x.event_id).length, byEvent);
    assert.equal(ex.json.items.filter((x) => x.delegation_id).length, byDelegation);
    assert.equal(ex.json.total, rows + byEvent + byDelegation);
    for (const x of ex.json.items) {
      assert.ok(x.sources.length >= 1 && x.sources.every((s) => s.length > 10), `${x.title}: cites its source`);
      assert.equal(x.date.length, { year: 4, month: 7, day: 10 }[x.precision], `${x.title}: ${x.date} ${x.precision}`);
      assert.ok(x.ties.length >= 1, `${x.title}: names the partner`);
    }
    assert.ok(!ex.json.items.some((x) => x.date === '2019-10-17'), 'the 2019 conference is no longer an exchange');
    const kharkiv = ex.json.items.find((x) => x.date === '2006-07-31');
    assert.equal(kharkiv.kind, 'agreement');
    assert.match(kharkiv.sources[0], /shandong-chorography/);
  });

  test('a project in force counts in its tie\'s health', T, async () => {
    const h = await ctx.api('GET', `/api/v1/partners/${await tieId(SACRAMENTO)}/health`);
    assert.equal(h.status, 200, h.text);
    const proj = h.json.factors.find((f) => f.factor === 'projects');
    assert.equal(proj.value, 1);
    assert.equal(proj.points, 5);
    assert.equal(h.json.score, h.json.factors.reduce((s, f) => s + f.points, 0));
    assert.equal(h.json.level, 'dormant', 'its last exchange (2014-03) is older than the dormancy threshold');
    assert.deepEqual(h.json.flags, ['dormant', 'no_substantive']);
  });
});

describe('exchanges', () => {
  test('create, read, update, list with filters, delete; health follows', T, async () => {
    const tie = await tieId(SACRAMENTO);
    const before = (await ctx.api('GET', `/api/v1/partners/${tie}/health`)).json;
    const date = day(-20);
    let r = await post('/api/v1/exchanges', {
      title: 'Synthetic medical delegation', kind: 'delegation_out', date, ties: [tie],
      fields: ['health', 'science_technology'], participants: 6, sources: ['synthetic test entry'],
      links: ['https://example.org/synthetic-report.pdf'],
    });
    assert.equal(r.status, 201, r.text);
    assert.match(r.headers.location, /^\/api\/v1\/exchanges\/\d+$/);
    const ex = r.json;
    assert.equal(ex.substantive, false, 'a delegation is protocol by default');
    assert.equal(ex.substantive_default, false);
    assert.deepEqual(ex.fields, ['science_technology', 'health']);
    assert.equal(ex.participants, 6);
    assert.deepEqual(ex.ties.map((t) => t.id), [tie]);

    const after = (await ctx.api('GET', `/api/v1/partners/${tie}/health`)).json;
    assert.equal(after.level, 'active');
    assert.ok(after.score > before.score, `${after.score} > ${before.score}`);
    assert.equal(after.last_exchange, date);
    assert.ok(after.flags.includes('no_substantive'));

    r = await ctx.api('PATCH', `/api/v1/exchanges/${ex.id}`, { body: { substantive: true }, token: ctx.token });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.substantive, true);
    assert.equal(r.json.substantive_overridden, true);
    assert.equal(r.json.title, 'Synthetic medical delegation', 'a PATCH keeps the other fields');
    const after2 = (await ctx.api('GET', `/api/v1/partners/${tie}/health`)).json;
    assert.ok(!after2.flags.includes('no_substantive'));
    assert.equal(after2.last_substantive, date);

    for (const [params, want] of [
      [{ tie }, true], [{ kind: 'delegation_out' }, true], [{ kind: 'delegation_in' }, false],
      [{ field: 'health' }, true], [{ field: 'sports' }, false], [{ substantive: '1' }, true], [{ substantive: '0' }, false],
      [{ from: date.slice(0, 4) }, true], [{ to: '2019' }, false], [{ from: date.slice(0, 7), to: date.slice(0, 7) }, true],
    ]) {
      const l = await ctx.api('GET', `/api/v1/exchanges${qs(params)}`);
      assert.equal(l.status, 200, l.text);
      assert.equal(l.json.items.some((x) => x.id === ex.id), want, JSON.stringify(params));
    }
    r = await ctx.api('DELETE', `/api/v1/exchanges/${ex.id}`, { token: ctx.token });
    assert.equal(r.status, 200);
    assert.equal((await ctx.api('GET', `/api/v1/exchanges/${ex.id}`)).status, 404);
    const back = (await ctx.api('GET', `/api/v1/partners/${tie}/health`)).json;
    assert.equal(back.score, before.score);
    assert.equal(back.level, before.level);
  });

  test('a year stays a year; the score counts it at 1 July', T, async () => {
    const tie = await tieId(RENNES);
    const year = String(new Date().getUTCFullYear() - 2);
    const r = await post('/api/v1/exchanges', { title: 'Synthetic cultural week', kind: 'culture', date: year, ties: [tie] });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.date, year);
    assert.equal(r.json.precision, 'year');
    assert.deepEqual(r.json.fields, ['culture'], 'the kind implies its field');
    const h = (await ctx.api('GET', `/api/v1/partners/${tie}/health`)).json;
    assert.equal(h.last_exchange, year);
    const rec = h.factors.find((f) => f.factor === 'recency');
    assert.equal(rec.since, year);
    /* Whole months from 1 July of that year to today. */
    const now = new Date();
    let months = (now.getUTCFullYear() - Number(year)) * 12 + (now.getUTCMonth() - 6);
    if (now.getUTCDate() < 1) months -= 1;
    assert.equal(rec.value, months);
    await ctx.api('DELETE', `/api/v1/exchanges/${r.json.id}`, { token: ctx.token });
  });

  test('bad input is refused with the field named; nothing changes', T, async () => {
    const tie = await tieId(SACRAMENTO);
    const base = { title: 'Synthetic x', kind: 'event', date: '2020', ties: [tie] };
    const cases = [
      [{ ...base, kind: 'visit' }, 'kind'],
      [{ ...base, ties: [999999] }, 'ties'],
      [{ ...base, kind: 'delegation_in', ties: [] }, 'ties'],
      [{ ...base, date: day(1) }, 'date'],
      [{ ...base, date: String(new Date().getUTCFullYear() + 1) }, 'date'],
      [{ ...base, date: '2019-02-29' }, 'date'],
      [{ ...base, date: 2019 }, 'date'],
      [{ ...base, kind: 'agreement', date: '2020-06', expires: '2020-01' }, 'expires'],
      [{ ...base, expires: '2030' }, 'expires'],
      [{ ...base, fields: ['music'] }, 'fields'],
      [{ ...base, participants: -1 }, 'participants'],
      [{ ...base, substantive: 'yes' }, 'substantive'],
      [{ ...base, organisations: [987654] }, 'organisations'],
      [{ ...base, project_id: 987654 }, 'project_id'],
      [{ ...base, links: ['javascript:alert(1)'] }, 'links'],
      [{ ...base, colour: 'red' }, 'colour'],
      [{ ...base, title: '' }, 'title'],
    ];
    const all = cases.map(([body, field]) => ['POST', '/api/v1/exchanges', { body, token: ctx.token }, { status: 400, field }]);
    all.push(['POST', '/api/v1/exchanges', { body: base }, { status: 401 }]);
    all.push(['POST', '/api/v1/exchanges', { body: base, token: ctx.viewerToken }, { status: 403 }]);
    all.push(['PATCH', '/api/v1/exchanges/999999', { body: { title: 'Synthetic y' }, token: ctx.token }, { status: 404 }]);
    all.push(['DELETE', '/api/v1/exchanges/abc', { token: ctx.token }, { status: 404 }]);
    for (const q of ['kind=visit', 'field=music', 'from=2019-13', 'to=x', 'from=2020&to=2019', 'substantive=maybe',
      'tie=abc', 'limit=0', 'sort=title', 'colour=red']) {
      all.push(['GET', `/api/v1/exchanges?${q}`, {}, { status: 400, field: q.split('=')[0] === 'from' && q.includes('&') ? 'to' : q.split('=')[0] }]);
    }
    await refusedAll(all);
    /* A duplicate (same date, kind, title, ties) conflicts. */
    const r = await post('/api/v1/exchanges', { ...base, title: 'Synthetic once' });
    assert.equal(r.status, 201, r.text);
    await ctx.rejected('POST', '/api/v1/exchanges', { body: { ...base, title: 'Synthetic once' }, token: ctx.token }, { status: 409 });
    await ctx.api('DELETE', `/api/v1/exchanges/${r.json.id}`, { token: ctx.token });
  });
});

describe('agreements and projects', () => {
  test('an agreement expiring soon is listed and flags its tie', T, async () => {
    const tie = await tieId(VASTERAS);
    const expires = addMonths(day(0), 3);
    const r = await post('/api/v1/exchanges', {
      title: 'Synthetic letter of intent, phase 2; draft\\final', kind: 'agreement', date: day(-40), expires, ties: [tie],
    });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.substantive, true, 'an agreement is substantive by default');
    let a = await ctx.api('GET', '/api/v1/agreements?expiring_within_months=6');
    assert.equal(a.status, 200);
    assert.ok(a.json.items.some((x) => x.id === r.json.id && x.in_force === true));
    a = await ctx.api('GET', '/api/v1/agreements?expiring_within_months=1');
    assert.ok(!a.json.items.some((x) => x.id === r.json.id));
    const h = (await ctx.api('GET', `/api/v1/partners/${tie}/health`)).json;
    assert.ok(h.flags.includes('agreement_expiring'), JSON.stringify(h.flags));
    assert.equal(h.next_expiry, expires);
    const list = await ctx.api('GET', '/api/v1/health?flag=agreement_expiring');
    assert.ok(list.json.items.some((x) => x.tie.id === tie));
    assert.ok(list.json.items.every((x) => x.flags.includes('agreement_expiring')));
    await refusedAll([
      ['GET', '/api/v1/agreements?expiring_within_months=0', {}, { status: 400, field: 'expiring_within_months' }],
      ['GET', '/api/v1/agreements?tie=x', {}, { status: 400, field: 'tie' }],
    ]);
    ctx.agreementId = r.json.id;
  });

  test('projects: create with milestones, filter by stage and tie, update, delete', T, async () => {
    const tie = await tieId(SONDERBORG);
    let r = await post('/api/v1/projects', {
      title: 'Synthetic district heating pilot', stage: 'lead', ties: [tie], sectors: ['D', '35'], value: 1250000,
      currency: 'EUR', start: '2025-03', milestones: [{ title: 'Synthetic feasibility study', date: '2025-06', done: true }, { title: 'Synthetic signing' }],
    });
    assert.equal(r.status, 201, r.text);
    const p = r.json;
    assert.deepEqual(p.sectors.map((s) => s.code), ['35', 'D']);
    assert.equal(p.milestones.length, 2);
    assert.equal(p.milestones[0].precision, 'month');
    assert.equal(p.in_force, false);
    r = await ctx.api('GET', `/api/v1/projects?stage=lead&tie=${tie}`);
    assert.deepEqual(r.json.items.map((x) => x.id), [p.id]);
    const h0 = (await ctx.api('GET', `/api/v1/partners/${tie}/health`)).json.factors.find((f) => f.factor === 'projects');
    r = await ctx.api('PATCH', `/api/v1/projects/${p.id}`, { body: { stage: 'implementing' }, token: ctx.token });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.in_force, true);
    assert.equal(r.json.milestones.length, 2, 'PATCH keeps the milestones');
    const h1 = (await ctx.api('GET', `/api/v1/partners/${tie}/health`)).json.factors.find((f) => f.factor === 'projects');
    assert.equal(h1.value, h0.value + 1);
    await refusedAll([
      ['PATCH', `/api/v1/projects/${p.id}`, { body: { end: '2024-12' }, token: ctx.token }, { status: 400, field: 'end' }],
      ['POST', '/api/v1/projects', { body: { title: 'Synthetic', stage: 'dreaming' }, token: ctx.token }, { status: 400, field: 'stage' }],
      ['POST', '/api/v1/projects', { body: { title: 'Synthetic', sectors: ['ZZ'] }, token: ctx.token }, { status: 400, field: 'sectors' }],
      ['POST', '/api/v1/projects', { body: { title: 'Synthetic', value: 5 }, token: ctx.token }, { status: 400, field: 'currency' }],
      ['POST', '/api/v1/projects', { body: { title: 'Synthetic', ties: [424242] }, token: ctx.token }, { status: 400, field: 'ties' }],
      ['POST', '/api/v1/projects', { body: { title: 'Synthetic', milestones: [{ title: 'x', date: '2024-13' }] }, token: ctx.token }, { status: 400, field: 'milestones' }],
      ['POST', '/api/v1/projects', { body: { stage: 'lead' }, token: ctx.token }, { status: 400, field: 'title' }],
      ['GET', '/api/v1/projects?stage=dreaming', {}, { status: 400, field: 'stage' }],
      ['DELETE', '/api/v1/projects/999999', { token: ctx.token }, { status: 404 }],
    ]);
    r = await ctx.api('DELETE', `/api/v1/projects/${p.id}`, { token: ctx.token });
    assert.equal(r.status, 200);
    assert.equal((await ctx.api('GET', `/api/v1/projects/${p.id}`)).status, 404);
  });
});

describe('health', () => {
  test('list: most urgent first, filters, less developed partners from the income-group lists', T, async () => {
    let r = await ctx.api('GET', '/api/v1/health?limit=500');
    assert.equal(r.status, 200, r.text);
    const all = r.json.items;
    assert.equal(r.json.total, all.length);
    assert.equal(all.length, 31, 'every demo tie has a health entry');
    for (let i = 1; i < all.length; i++) assert.ok(all[i - 1].urgency >= all[i].urgency, 'sorted by urgency');
    for (const x of all) {
      assert.ok(x.score >= 0 && x.score <= 100);
      assert.ok(['active', 'cooling', 'dormant'].includes(x.level));
      if (x.flags.includes('dormant')) assert.equal(x.level, 'dormant');
      assert.equal(x.reasons.length, x.flags.length);
    }
    r = await ctx.api('GET', '/api/v1/health?level=dormant&limit=500');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.items.length, all.filter((x) => x.level === 'dormant').length, 'level=dormant keeps every dormant tie');
    assert.ok(r.json.items.length > 0, 'the demo has dormant ties');
    assert.ok(r.json.items.every((x) => x.level === 'dormant'));
    r = await ctx.api('GET', '/api/v1/health?flag=no_substantive&limit=500');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.items.length, all.filter((x) => x.flags.includes('no_substantive')).length);
    assert.ok(r.json.items.length > 0, 'the demo has ties without a substantive exchange');
    assert.ok(r.json.items.every((x) => x.flags.includes('no_substantive')));
    r = await ctx.api('GET', '/api/v1/health?less_developed=1&limit=500');
    assert.equal(r.status, 200);
    const want = (await ctx.sql(
      "SELECT t.id FROM tie t JOIN city c ON c.id=t.partner_city_id WHERE c.country IN (SELECT m.iso2 FROM country_list_member m"
      + " JOIN country_list l ON l.id=m.list_id WHERE l.key IN ('wb_low','wb_lower_middle')) ORDER BY t.id;"))
      .split('\n').filter(Boolean).map(Number);
    assert.deepEqual(r.json.items.map((x) => x.tie.id).sort((a, b) => a - b), want);
    /* The World Bank income lists are built in (data/lists): always loaded. */
    assert.equal(r.json.income_lists_loaded, true);
    assert.ok(want.length > 0, 'the demo has partners in lower-middle-income countries');
    for (const x of r.json.items) assert.ok(['wb_low', 'wb_lower_middle'].includes(x.income_group), x.income_group);
    const bad = ['level=asleep', 'flag=cold', 'less_developed=yes', 'attention=2', 'kind=twin', 'sort=age', 'limit=501', 'x=1']
      .map((q) => ['GET', `/api/v1/health?${q}`, {}, { status: 400, field: q.split('=')[0] }]);
    bad.push(['GET', '/api/v1/partners/999999/health', {}, { status: 404 }]);
    await refusedAll(bad);
  });

  test('thresholds: shown, validated, editable with authentication; scores follow', T, async () => {
    let r = await ctx.api('GET', '/api/v1/health/thresholds');
    assert.equal(r.status, 200);
    assert.deepEqual(r.json.items.map((x) => x.kind), ['sister', 'cooperation', 'candidate']);
    const sister = r.json.items[0];
    assert.equal(sister.dormant_months, 24);
    const P = '/api/v1/health/thresholds';
    await refusedAll([
      ['PATCH', P, { body: { kind: 'sister', dormant_months: 30 } }, { status: 401 }],
      ['PATCH', P, { body: { kind: 'sister', dormant_months: 30 }, token: ctx.viewerToken }, { status: 403 }],
      ['PATCH', P, { body: { kind: 'sister', dormant_months: 6 }, token: ctx.token }, { status: 400, field: 'dormant_months' }],
      ['PATCH', P, { body: { kind: 'sister', dormant_months: '30' }, token: ctx.token }, { status: 400, field: 'dormant_months' }],
      ['PATCH', P, { body: { kind: 'sister', dormant_months: 1000 }, token: ctx.token }, { status: 400, field: 'dormant_months' }],
      ['PATCH', P, { body: { kind: 'twin', dormant_months: 30 }, token: ctx.token }, { status: 400, field: 'kind' }],
      ['PATCH', P, { body: { kind: 'sister', naps: 3 }, token: ctx.token }, { status: 400, field: 'naps' }],
      ['PATCH', P, { body: { kind: 'sister' }, token: ctx.token }, { status: 400 }],
      ['PATCH', P, { body: '[1]', token: ctx.token }, { status: 400 }],
    ]);
    /* A sister tie whose last exchange was 18 months ago: cooling at the
    ** defaults (12 < 18 < 24), active once cooling_months is 20. */
    const tie = await tieId(RENNES);
    const ex = await post('/api/v1/exchanges', { title: 'Synthetic visit 18 months ago', kind: 'delegation_in', date: addMonths(day(0), -18), ties: [tie] });
    assert.equal(ex.status, 201, ex.text);
    assert.equal((await ctx.api('GET', `/api/v1/partners/${tie}/health`)).json.level, 'cooling');
    r = await ctx.api('PATCH', '/api/v1/health/thresholds', { body: { kind: 'sister', cooling_months: 20 }, token: ctx.adminToken });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.cooling_months, 20);
    const h = (await ctx.api('GET', `/api/v1/partners/${tie}/health`)).json;
    assert.equal(h.level, 'active');
    assert.equal(h.thresholds.cooling_months, 20);
    const listed = (await ctx.api('GET', '/api/v1/health?limit=500')).json.items.find((x) => x.tie.id === tie);
    assert.equal(listed.level, 'active', 'stored scores were recomputed');
    r = await ctx.api('PATCH', '/api/v1/health/thresholds', { body: { kind: 'sister', cooling_months: 12 }, token: ctx.adminToken });
    assert.equal(r.status, 200);
    await ctx.api('DELETE', `/api/v1/exchanges/${ex.json.id}`, { token: ctx.token });
  });
});

/* A small RFC 5545 reader: unfolds lines, splits name;params:value,
** unescapes TEXT. Throws on anything malformed. */
function parseIcs(text) {
  assert.ok(text.endsWith('\r\n'), 'ends with CRLF');
  const raw = text.slice(0, -2).split('\r\n');
  for (const l of raw) {
    assert.ok(!l.includes('\n') && !l.includes('\r'), `bare line break in ${JSON.stringify(l)}`);
    assert.ok(Buffer.byteLength(l, 'utf8') <= 75, `line longer than 75 octets: ${l}`);
  }
  const lines = [];
  for (const l of raw) {
    if (l.startsWith(' ') || l.startsWith('\t')) lines[lines.length - 1] += l.slice(1);
    else lines.push(l);
  }
  const unescape = (v) => v.replace(/\\([\\;,nN])/g, (m, c) => (c === 'n' || c === 'N' ? '\n' : c));
  const root = { name: 'ROOT', props: [], children: [] };
  const stack = [root];
  for (const l of lines) {
    const m = /^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=[^:;]*)*):(.*)$/.exec(l);
    assert.ok(m, `not a content line: ${l}`);
    const [, name, params, value] = m;
    if (name === 'BEGIN') {
      const c = { name: value, props: [], children: [] };
      stack[stack.length - 1].children.push(c);
      stack.push(c);
    } else if (name === 'END') {
      assert.equal(stack.pop().name, value, 'BEGIN/END match');
    } else {
      /* Unescaped , ; in TEXT would be separators: check they are escaped. */
      if (['SUMMARY', 'DESCRIPTION', 'X-WR-CALNAME'].includes(name)) {
        assert.ok(!/(^|[^\\])(\\\\)*[,;]/.test(value), `unescaped , or ; in ${name}: ${value}`);
      }
      stack[stack.length - 1].props.push({ name, params, value: unescape(value) });
    }
  }
  assert.equal(stack.length, 1, 'all components closed');
  assert.equal(root.children.length, 1);
  return root.children[0];
}

describe('calendar', () => {
  test('anniversaries keep their precision; major ones marked; window validated', T, async () => {
    const y = new Date().getUTCFullYear();
    const r = await ctx.api('GET', `/api/v1/calendar${qs({ from: `${y}`, to: `${y + 10}` })}`);
    assert.equal(r.status, 200, r.text);
    const anniversaries = r.json.items.filter((i) => i.type === 'anniversary');
    assert.ok(anniversaries.length > 0, 'ten years hold anniversaries of the demo ties');
    for (const x of anniversaries) {
      assert.equal(x.years % 5, 0);
      assert.equal(x.major, x.years % 10 === 0);
      assert.equal(x.precision, x.established.length === 4 ? 'year' : x.established.length === 7 ? 'month' : 'day');
      assert.equal(x.date.length, x.established.length, 'a year-only date gives a year-only anniversary');
      assert.ok(x.letter_by < x.start || x.letter_lead_months === 0);
    }
    /* Rennes: established 2002 (year only) -> every fifth year (2027,
    ** 2032, ...), year only; any window of eleven years holds two or three. */
    const rennesId = await tieId(RENNES);
    const rennes = r.json.items.filter((x) => x.type === 'anniversary' && x.tie.id === rennesId);
    const wantYears = [];
    for (let yr = 2007; yr <= y + 10; yr += 5) if (yr >= y) wantYears.push(String(yr));
    assert.ok(wantYears.length >= 2, wantYears.join());
    assert.deepEqual(rennes.map((x) => x.date), wantYears, 'the Rennes anniversaries in the window');
    for (const x of rennes) assert.equal(x.precision, 'year');
    const sorted = r.json.items.map((x) => x.start);
    assert.deepEqual(sorted, [...sorted].sort());
    await refusedAll([
      ['GET', '/api/v1/calendar?from=2030&to=2029', {}, { status: 400, field: 'to' }],
      ['GET', '/api/v1/calendar?months=0', {}, { status: 400, field: 'months' }],
      ['GET', '/api/v1/calendar?from=2000&to=2099', {}, { status: 400, field: 'to' }],
      ['GET', '/api/v1/calendar?from=yesterday', {}, { status: 400, field: 'from' }],
      ['GET', '/api/v1/calendar?when=now', {}, { status: 400, field: 'when' }],
      ['GET', '/calendar.ics?months=abc', {}, { status: 400, field: 'months' }],
    ]);
  });

  test('/calendar.ics is valid iCalendar and says what the JSON says', T, async () => {
    const y = new Date().getUTCFullYear();
    const from = `${y}-01-01`, to = `${y + 10}-12-31`;
    const res = await ctx.api('GET', `/calendar.ics${qs({ from, to })}`, { raw: true });
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^text\/calendar/);
    const cal = parseIcs(res.text);
    assert.equal(cal.name, 'VCALENDAR');
    const prop = (c, n) => c.props.find((p) => p.name === n);
    assert.equal(prop(cal, 'VERSION').value, '2.0');
    assert.ok(prop(cal, 'PRODID'));
    const json = (await ctx.api('GET', `/api/v1/calendar${qs({ from, to })}`)).json;
    const events = cal.children.filter((c) => c.name === 'VEVENT');
    assert.equal(events.length, json.items.length);
    assert.ok(events.length > 0, 'the feed has events');
    const uids = new Set();
    let nYear = 0, nAnniversary = 0;
    for (const ev of events) {
      const uid = prop(ev, 'UID').value;
      assert.ok(!uids.has(uid), 'UIDs are unique');
      uids.add(uid);
      assert.match(prop(ev, 'DTSTAMP').value, /^\d{8}T\d{6}Z$/);
      const start = prop(ev, 'DTSTART'), end = prop(ev, 'DTEND');
      assert.equal(start.params, ';VALUE=DATE');
      assert.match(start.value, /^\d{8}$/);
      assert.ok(end.value > start.value);
      const item = json.items.find((i) => i.uid === uid);
      assert.ok(item, `no JSON item for ${uid}`);
      assert.equal(start.value, item.start.replace(/-/g, ''));
      const precision = prop(ev, 'X-YOUCHENG-PRECISION').value;
      assert.equal(precision, item.precision);
      if (precision === 'year') {
        nYear++;
        assert.ok(start.value.endsWith('0101') && end.value === `${Number(start.value.slice(0, 4)) + 1}0101`, 'a year-only date spans its year');
        assert.match(prop(ev, 'SUMMARY').value, /year only/);
      }
      if (item.type === 'anniversary') {
        nAnniversary++;
        const alarm = ev.children.find((c) => c.name === 'VALARM');
        assert.ok(alarm, 'anniversaries carry a VALARM for the letters');
        assert.equal(prop(alarm, 'TRIGGER').value.slice(0, 8), item.letter_by.replace(/-/g, ''));
      }
    }
    /* Both kinds of checks above ran: Rennes (2002, year only) has year-only
    ** anniversaries in any ten years. */
    assert.ok(nYear > 0, 'a year-only event was checked');
    assert.ok(nAnniversary > 0, 'an anniversary was checked');
    /* The agreement made above, with , ; and \ in its title, round-trips. */
    const exp = events.find((ev) => prop(ev, 'UID').value === `exchange-${ctx.agreementId}-expiry@youcheng`);
    assert.ok(exp, 'the expiring agreement is in the feed');
    assert.match(prop(exp, 'SUMMARY').value, /Synthetic letter of intent, phase 2; draft\\final/);
    assert.ok(prop(exp, 'DESCRIPTION').value.includes('\n'), 'newlines escaped as \\n and read back');
  });
});

describe('CSV import', () => {
  test('dry run reports rows and would-create; errors name row and field; then imports', T, async () => {
    const tie = await tieId(SACRAMENTO);
    const good = 'date,kind,title,partner_city_id,fields,substantive\r\n'
      + `2018-04,delegation_in,Synthetic back-filled visit,${SACRAMENTO},health,\r\n`
      + `2016,education,"Synthetic exchange of students, semester",${SACRAMENTO},,1\r\n`;
    const before = await ctx.fingerprint();
    let r = await ctx.api('POST', '/api/v1/import/exchanges?dry_run=1', { body: good, token: ctx.token, headers: { 'Content-Type': 'text/csv' } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.rows, 2);
    assert.equal(r.json.would_create, 2);
    assert.equal(r.json.created, 0);
    assert.equal(r.json.dry_run, true);
    assert.equal(await ctx.fingerprint(), before, 'a dry run writes nothing');
    const bad = 'date,kind,title,tie_id\n'
      + `2018,delegation_in,Synthetic fine,${tie}\n`
      + `2018,parade,Synthetic wrong kind,${tie}\n`
      + `2018-02-30,event,Synthetic wrong date,${tie}\n`
      + '2018,event,Synthetic wrong tie,777777\n';
    const { res } = await ctx.rejected('POST', '/api/v1/import/exchanges', { body: bad, token: ctx.token, headers: { 'Content-Type': 'text/csv' } }, { status: 400 });
    assert.deepEqual(res.json.report.errors.map((e) => [e.row, e.field]), [[3, 'kind'], [4, 'date'], [5, 'tie_id']]);
    r = await ctx.api('POST', '/api/v1/import/exchanges', { body: good, token: ctx.token, headers: { 'Content-Type': 'text/csv' } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.created, 2);
    r = await ctx.api('POST', '/api/v1/import/exchanges', { body: good, token: ctx.token, headers: { 'Content-Type': 'text/csv' } });
    assert.equal(r.json.created, 0);
    assert.equal(r.json.skipped, 2, 'rows already recorded are skipped');
    const l = await ctx.api('GET', `/api/v1/exchanges${qs({ tie, from: '2016', to: '2016' })}`);
    assert.equal(l.json.items[0].title, 'Synthetic exchange of students, semester');
    assert.equal(l.json.items[0].substantive, true);
    await refusedAll([
      ['POST', '/api/v1/import/exchanges?dry_run=maybe', { body: good, token: ctx.token }, { status: 400, field: 'dry_run' }],
      ['POST', '/api/v1/import/exchanges', { body: good }, { status: 401 }],
      ['POST', '/api/v1/import/exchanges', { body: 'date,kind,title,tie_id\n"2018,event', token: ctx.token }, { status: 400 }],
      ['POST', '/api/v1/import/exchanges', { body: '', token: ctx.token }, { status: 400 }],
    ]);
  });
});

describe('command line', () => {
  test('exchange add/list, health, thresholds, calendar, import --dry-run, project list', T, async () => {
    const db = ['--db', ctx.db];
    const tie = await tieId(VASTERAS);
    let r = await ctx.cli(['exchange', 'add', '--tie', String(tie), '--kind', 'online_meeting', '--date', day(-3),
      '--title', 'Synthetic video call on robotics', '--fields', 'science_technology,economy_trade', '--substantive', 'yes', ...db]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^exchange \d+ added/);
    r = await ctx.cli(['exchange', 'list', '--tie', String(tie), '--json', ...db]);
    assert.equal(r.code, 0, r.stderr);
    const list = JSON.parse(r.stdout);
    const call = list.items.find((x) => x.title === 'Synthetic video call on robotics');
    assert.ok(call && call.substantive === true && call.fields.length === 2);
    r = await ctx.cli(['exchange', 'list', '--kind', 'online_meeting', ...db]);
    assert.match(r.stdout, /Synthetic video call on robotics/);
    r = await ctx.cli(['exchange', 'add', '--tie', String(tie), '--kind', 'visit', '--date', '2020', '--title', 'Synthetic', ...db]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /kind/);
    r = await ctx.cli(['exchange', 'add', '--tie', String(tie), '--kind', 'event', '--date', day(30), '--title', 'Synthetic', ...db]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /future/);

    r = await ctx.cli(['health', '--level', 'dormant', '--json', ...db]);
    assert.equal(r.code, 0, r.stderr);
    const h = JSON.parse(r.stdout);
    assert.ok(h.items.length > 0 && h.items.every((x) => x.level === 'dormant'));
    r = await ctx.cli(['health', ...db]);
    assert.match(r.stdout, /most urgent first/);
    r = await ctx.cli(['health', '--tie', String(tie), ...db]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /score \d+\/100, active/);
    assert.match(r.stdout, /recency\s+30\/30/);
    r = await ctx.cli(['health', '--flag', 'nonsense', ...db]);
    assert.equal(r.code, 2);
    r = await ctx.cli(['health', '--recompute', ...db]);
    assert.match(r.stdout, /health of \d+ tie\(s\) recomputed in [\d.]+ s/);
    r = await ctx.cli(['health', 'thresholds', ...db]);
    assert.match(r.stdout, /^KIND/);
    assert.match(r.stdout, /sister\s+12\s+24\s+36/);
    r = await ctx.cli(['health', 'thresholds', 'set', 'sister', 'dormant_months=6', ...db]);
    assert.equal(r.code, 2, 'dormant must exceed cooling');

    r = await ctx.cli(['calendar', '--months', '60', ...db]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /years/);
    r = await ctx.cli(['calendar', '--months', '60', '--ics', ...db]);
    assert.match(r.stdout, /^BEGIN:VCALENDAR\r\n/);
    assert.match(r.stdout, /END:VCALENDAR\r\n$/);
    r = await ctx.cli(['calendar', '--from', '2030', '--to', '2029', ...db]);
    assert.equal(r.code, 2);

    const file = path.join(ctx.dir, 'synthetic-exchanges.csv');
    fs.writeFileSync(file, `date,kind,title,partner_city_id\n2015-06,culture,Synthetic concert tour,${VASTERAS}\n2015,event,Synthetic fair,999\n`);
    r = await ctx.cli(['import', 'exchanges', file, '--dry-run', ...db]);
    assert.equal(r.code, 2);
    assert.match(r.stdout, /2 row\(s\), 1 would be created/);
    assert.match(r.stdout, /row 3: partner_city_id:/);
    fs.writeFileSync(file, `date,kind,title,partner_city_id\n2015-06,culture,Synthetic concert tour,${VASTERAS}\n`);
    r = await ctx.cli(['import', 'exchanges', file, '--dry-run', ...db]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /dry run: nothing written/);

    r = await ctx.cli(['project', 'list', ...db]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Oriental Robot Valley/);
    assert.match(r.stdout, /3 project\(s\)/);
  });
});

stopTest(ctx);
