'use strict';
/*
** delegations.test.js: /api/v1/delegations over the demo data: create,
** read, change, delete; every bad input a 4xx naming its field with
** nothing stored; a delegation that is done becomes the exchange log's
** record of the visit (and the tie's health rises), changed with it,
** removed when cancelled or deleted; heads, members and notes only for
** signed-in callers; private delegations hidden from anonymous ones. The
** delegations and people made here are synthetic.
*/
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { useServer, qs, allPartners, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const ctx = useServer();

let ties;                        /* partner city id -> tie id */
const WAKAYAMA = 1926004, COVENTRY = 2652221;
let head, member;                /* synthetic people */

const auth = () => ({ token: ctx.token });
async function create(body) {
  const res = await ctx.api('POST', '/api/v1/delegations', { body, ...auth() });
  assert.equal(res.status, 201, res.text);
  assert.equal(res.headers.location, `/api/v1/delegations/${res.json.id}`);
  return res.json;
}
async function health(tie) {
  const res = await ctx.api('GET', `/api/v1/partners/${tie}/health`);
  assert.equal(res.status, 200, res.text);
  return res.json;
}
async function exchangesOf(tie) {
  const res = await ctx.api('GET', `/api/v1/exchanges${qs({ tie })}`);
  assert.equal(res.status, 200, res.text);
  return res.json.items;
}
function base(extra = {}) {
  return { direction: 'in', title_en: 'Synthetic delegation', start: '2031-05-10', end: '2031-05-12',
    ties: [ties[WAKAYAMA]], ...extra };
}

describe('delegations', () => {
  test('setup: ties and two synthetic people', T, async () => {
    ties = Object.fromEntries((await allPartners(ctx)).items.map((x) => [x.city.id, x.id]));
    assert.ok(ties[WAKAYAMA] && ties[COVENTRY], 'the demo has Wakayama and Coventry');
    for (const name of ['Synthetic Headperson', 'Synthetic Member']) {
      const res = await ctx.api('POST', '/api/v1/people', { body: { name_en: name }, ...auth() });
      assert.equal(res.status, 201, res.text);
      if (!head) head = res.json; else member = res.json;
    }
  });

  test('a planned delegation with programme and members, read back', T, async () => {
    const d = await create(base({ head: 'Synthetic Head, mayor', head_person_id: head.id, size: 12,
      members: [member.id, { person_id: head.id, role: 'head' }], purpose: 'Synthetic purpose',
      fields: ['culture', 'education'], public: true, notes: 'internal note',
      programme: [{ date: '2031-05-10', time: '09:30', title: 'Welcome', place: 'City hall' },
        { date: '2031-05-12', title: 'Factory visit' }],
      sources: ['synthetic test data'] }));
    assert.equal(d.status, 'planned');
    assert.equal(d.start, '2031-05-10');
    assert.equal(d.start_precision, 'day');
    assert.equal(d.upcoming, true);
    assert.equal(d.exchange_id, null);
    assert.deepEqual(d.fields, ['education', 'culture']);
    assert.deepEqual(d.ties.map((t) => t.id), [ties[WAKAYAMA]]);
    assert.deepEqual(d.programme.map((i) => [i.date, i.time, i.title, i.place]),
      [['2031-05-10', '09:30', 'Welcome', 'City hall'], ['2031-05-12', null, 'Factory visit', null]]);
    assert.equal(d.head, 'Synthetic Head, mayor');
    assert.equal(d.head_person.name_en, 'Synthetic Headperson');
    assert.deepEqual(d.members.map((m) => [m.name_en, m.role]).sort(),
      [['Synthetic Headperson', 'head'], ['Synthetic Member', null]]);
    /* The list: upcoming, filters. */
    let res = await ctx.api('GET', `/api/v1/delegations${qs({ when: 'upcoming', tie: ties[WAKAYAMA] })}`);
    assert.equal(res.status, 200, res.text);
    assert.ok(res.json.items.some((x) => x.id === d.id));
    res = await ctx.api('GET', `/api/v1/delegations${qs({ when: 'past' })}`);
    assert.ok(!res.json.items.some((x) => x.id === d.id));
    res = await ctx.api('GET', `/api/v1/delegations${qs({ direction: 'out' })}`);
    assert.ok(!res.json.items.some((x) => x.id === d.id));
    /* The people's history names the delegation. */
    res = await ctx.api('GET', `/api/v1/people/${head.id}`, auth());
    assert.deepEqual(res.json.delegations.map((x) => [x.id, x.role]), [[d.id, 'head']]);
  });

  test('anonymous callers: no head, members or notes; private delegations hidden', T, async () => {
    const d = await create(base({ title_en: 'Synthetic public visit', head: 'Synthetic Head Text', head_person_id: head.id,
      members: [member.id], notes: 'internal note' }));
    let res = await ctx.api('GET', `/api/v1/delegations/${d.id}`);
    assert.equal(res.status, 200);
    for (const k of ['head', 'head_person', 'members', 'notes']) assert.ok(!(k in res.json), `anonymous answer has ${k}`);
    assert.ok(!res.text.includes('Synthetic Head') && !res.text.includes('Synthetic Member'));
    res = await ctx.api('GET', '/api/v1/delegations');
    assert.ok(!res.text.includes('Synthetic Head') && !res.text.includes('internal note'));
    /* A bad token is an anonymous answer, not someone's. */
    res = await ctx.api('GET', `/api/v1/delegations/${d.id}`, { token: 'not-a-token' });
    assert.ok(!('members' in res.json));
    const p = await create(base({ title_en: 'Synthetic private visit', public: false }));
    res = await ctx.api('GET', `/api/v1/delegations/${p.id}`);
    assert.equal(res.status, 404);
    res = await ctx.api('GET', '/api/v1/delegations');
    assert.ok(!res.json.items.some((x) => x.id === p.id));
    res = await ctx.api('GET', `/api/v1/delegations/${p.id}`, auth());
    assert.equal(res.status, 200);
    assert.equal(res.json.public, false);
  });

  test('bad input: 400 naming the field, nothing stored', T, async () => {
    const cases = [
      [{ ...base(), end: '2031-05-01' }, 'end', 'invalid_range'],
      [{ ...base(), status: 'done' }, 'status', 'in_future'],
      [{ ...base(), ties: [] }, 'ties', 'required'],
      [{ ...base(), ties: undefined }, 'ties', 'required'],
      [{ ...base(), ties: [999999] }, 'ties', 'unknown_tie'],
      [{ ...base(), direction: 'sideways' }, 'direction', 'invalid_value'],
      [{ ...base(), direction: undefined }, 'direction', 'required'],
      [{ ...base(), start: '2031-02-30' }, 'start'],
      [{ ...base(), start: undefined }, 'start', 'required'],
      [{ ...base(), title_en: undefined }, 'title_en', 'required'],
      [{ ...base(), status: 'maybe' }, 'status', 'invalid_value'],
      [{ ...base(), members: [999999] }, 'members', 'unknown_person'],
      [{ ...base(), members: [1, 1] }, 'members'],
      [{ ...base(), head_person_id: 999999 }, 'head_person_id', 'unknown_person'],
      [{ ...base(), event_id: 999999 }, 'event_id', 'unknown_event'],
      [{ ...base(), size: -1 }, 'size'],
      [{ ...base(), fields: ['cooking'] }, 'fields', 'invalid_value'],
      [{ ...base(), programme: [{ date: '2031-05-20', title: 'Too late' }] }, 'programme', 'out_of_range'],
      [{ ...base(), programme: [{ date: '2031-05-11', time: '25:00', title: 'Bad time' }] }, 'programme', 'invalid_time'],
      [{ ...base(), programme: [{ date: '2031-05-11' }] }, 'programme', 'required'],
      [{ ...base(), programme: [{ date: '2031-05-11', title: 'x', org_id: 999999 }] }, 'programme', 'unknown_org'],
      [{ ...base(), public: 'yes' }, 'public'],
      [{ ...base(), colour: 'red' }, 'colour', 'unknown_field'],
    ];
    /* members [1, 1]: person 1 exists when the setup ran first. */
    cases[12][0].members = [head.id, head.id];
    for (const [body, field, code] of cases) {
      await ctx.rejected('POST', '/api/v1/delegations', { body, ...auth() }, { status: 400, field, code });
    }
    /* Without credentials: 401, nothing stored. */
    await ctx.rejected('POST', '/api/v1/delegations', { body: base() }, { status: 401 });
  });

  test('done -> an exchange of kind delegation_in, health rises; edits follow; cancelled -> no exchange', T, async () => {
    const tie = ties[COVENTRY];
    const before = await health(tie);
    const nBefore = (await exchangesOf(tie)).length;
    const d = await create({ direction: 'in', title_en: 'Synthetic done visit', start: '2026-01', ties: [tie], size: 7,
      fields: ['economy_trade'], status: 'approved' });
    assert.equal(d.exchange_id, null, 'approved is not yet in the log');
    let res = await ctx.api('PATCH', `/api/v1/delegations/${d.id}`, { body: { status: 'done' }, ...auth() });
    assert.equal(res.status, 200, res.text);
    assert.equal(typeof res.json.exchange_id, 'number');
    const exId = res.json.exchange_id;
    let ex = await ctx.api('GET', `/api/v1/exchanges/${exId}`);
    assert.equal(ex.status, 200, ex.text);
    assert.equal(ex.json.kind, 'delegation_in');
    assert.equal(ex.json.date, '2026-01');
    assert.equal(ex.json.precision, 'month');
    assert.equal(ex.json.participants, 7);
    assert.equal(ex.json.title, 'Synthetic done visit');
    assert.equal(ex.json.delegation_id, d.id);
    assert.deepEqual(ex.json.ties.map((t) => t.id), [tie]);
    assert.equal((await exchangesOf(tie)).length, nBefore + 1);
    const after = await health(tie);
    assert.ok(after.score > before.score, `health ${before.score} -> ${after.score}`);
    /* The owned exchange cannot be edited by hand. */
    res = await ctx.api('PATCH', `/api/v1/exchanges/${exId}`, { body: { title: 'x' }, ...auth() });
    assert.equal(res.status, 409);
    /* An edit of the delegation changes its exchange. */
    res = await ctx.api('PATCH', `/api/v1/delegations/${d.id}`, { body: { size: 9, direction: 'out' }, ...auth() });
    assert.equal(res.status, 200, res.text);
    ex = await ctx.api('GET', `/api/v1/exchanges/${res.json.exchange_id}`);
    assert.equal(ex.json.participants, 9);
    assert.equal(ex.json.kind, 'delegation_out');
    /* Cancelled: the exchange is gone, health back. */
    res = await ctx.api('PATCH', `/api/v1/delegations/${d.id}`, { body: { status: 'cancelled' }, ...auth() });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.exchange_id, null);
    assert.equal((await exchangesOf(tie)).length, nBefore);
    assert.equal((await health(tie)).score, before.score);
    /* Done again, then deleted: the exchange goes with it. */
    res = await ctx.api('PATCH', `/api/v1/delegations/${d.id}`, { body: { status: 'done' }, ...auth() });
    assert.equal(typeof res.json.exchange_id, 'number');
    res = await ctx.api('DELETE', `/api/v1/delegations/${d.id}`, auth());
    assert.equal(res.json.id, d.id);
    assert.equal(res.json.deleted, true);
    assert.equal(typeof res.json.archive_id, 'number');
    assert.equal((await exchangesOf(tie)).length, nBefore);
    assert.equal((await ctx.api('GET', `/api/v1/delegations/${d.id}`)).status, 404);
    const rows = await ctx.sql(`SELECT count(*) FROM exchange WHERE delegation_id=${d.id}`);
    assert.equal(rows.trim(), '0');
  });

  test('a change that is refused leaves the delegation and its exchange as they were', T, async () => {
    const d = await create({ direction: 'out', title_en: 'Synthetic done trip', start: '2025-03-02', ties: [ties[WAKAYAMA]],
      status: 'done' });
    assert.equal(typeof d.exchange_id, 'number');
    await ctx.rejected('PATCH', `/api/v1/delegations/${d.id}`, { body: { start: '2099-01-01' }, ...auth() },
      { status: 400, field: 'status', code: 'in_future' });
    await ctx.rejected('PATCH', `/api/v1/delegations/${d.id}`, { body: { end: '2025-03-01' }, ...auth() },
      { status: 400, field: 'end' });
    await ctx.rejected('PATCH', `/api/v1/delegations/${d.id}`, { body: { ties: [] }, ...auth() }, { status: 400, field: 'ties' });
    await ctx.rejected('PATCH', '/api/v1/delegations/999999', { body: { size: 1 }, ...auth() }, { status: 404 });
  });

  test('the CLI: add, item-add, member-add, status, errors naming the field', T, async () => {
    let r = await ctx.cli(['delegation', 'add', '--direction', 'out', '--start', '2030-04-01', '--end', '2030-04-03',
      '--tie', String(ties[WAKAYAMA]), '--title-en', 'Synthetic CLI trip', '--json', '--db', ctx.db]);
    assert.equal(r.code, 0, r.stderr);
    const id = JSON.parse(r.stdout).id;
    r = await ctx.cli(['delegation', 'item-add', String(id), '--date', '2030-04-02', '--time', '10:00', '--title', 'Meeting',
      '--db', ctx.db]);
    assert.equal(r.code, 0, r.stderr);
    r = await ctx.cli(['delegation', 'item-add', String(id), '--date', '2030-05-02', '--title', 'Late', '--db', ctx.db]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /programme: out_of_range/);
    r = await ctx.cli(['delegation', 'member-add', String(id), String(member.id), '--role', 'interpreter', '--db', ctx.db]);
    assert.equal(r.code, 0, r.stderr);
    r = await ctx.cli(['delegation', 'status', String(id), 'done', '--db', ctx.db]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /status: in_future/);
    r = await ctx.cli(['delegation', 'show', String(id), '--db', ctx.db]);
    const d = JSON.parse(r.stdout);
    assert.deepEqual(d.programme.map((i) => i.title), ['Meeting']);
    assert.deepEqual(d.members.map((m) => [m.id, m.role]), [[member.id, 'interpreter']]);
    r = await ctx.cli(['delegation', 'list', '--when', 'upcoming', '--json', '--db', ctx.db]);
    assert.ok(JSON.parse(r.stdout).items.some((x) => x.id === id));
  });
});
