'use strict';
/*
** review.test.js: review before publishing (issue 12, item 3). An editor
** creates records in review explicitly ("review": "draft"; the member role
** is another engineer's part); the steps submit, publish and return with a
** reason; what anonymous callers never see: lists, gets (404), search,
** match, offers, the dashboard and the partners CSV, and the response cache.
** Every record written here is synthetic.
*/
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { useServer, qs, run, sqlWrite, TEST_TIMEOUT } = require('./lib');
const common = require('../common.js');

const T = { timeout: TEST_TIMEOUT };
const ctx = useServer();

const TITLE = 'SYNTHETIC review test: zqxv robot welding cells';
const ORG = 'SYNTHETIC review test organisation Qwvexa';
const OFFER = 'SYNTHETIC review test offer: vqzarn precision castings';

const anon = (p) => ctx.api('GET', p);
const auth = (p) => ctx.api('GET', p, { token: ctx.token });
async function ok(method, p, body, status = 200, token = ctx.token) {
  const res = await ctx.api(method, p, { body, token });
  assert.equal(res.status, status, `${method} ${p}: ${res.text}`);
  return res.json;
}
const step = (base, id, body, token) => ok('POST', `${base}/${id}/review`, body, 200, token);

let opp, org, owner;

/* Write to the database behind the server's back (WAL: safe while it
** runs), recording the table written in table_gen as youcheng's own
** writers do (migration 019): the server's cache drops only the answers
** that read a table whose generation moved. */
async function write(query, table) {
  const gen = `INSERT INTO table_gen(name, gen) VALUES('${table}', (SELECT coalesce(max(gen), 0) + 1 FROM table_gen))` +
    ' ON CONFLICT(name) DO UPDATE SET gen=excluded.gen';
  /* PostgreSQL: the statement triggers record the generation themselves. */
  const r = common.ENGINE === 'pg' ? await sqlWrite(ctx.db, query)
    : await run(common.SQLITE3, [ctx.db, `BEGIN; ${query}; ${gen}; COMMIT;`], { timeout: 60_000 });
  assert.equal(r.code, 0, r.stderr);
}

describe('review before publishing', () => {
  test('records created in review are absent for anonymous callers, present with their state for signed-in ones', T, async () => {
    const orgs = await ok('GET', '/api/v1/orgs?limit=100');
    owner = orgs.items.find((o) => o.name_en === 'Jinan No.2 Machine Tool Group (Jier)');
    assert.ok(owner, 'demo organisation Jier');
    assert.equal(owner.review, 'published', 'existing organisations are published');
    opp = await ok('POST', '/api/v1/opportunities', {
      kind: 'offer', category: 'technology', direction: 'going_out', org_id: owner.id, industries: ['28'],
      title_en: TITLE, review: 'draft' }, 201);
    assert.equal(opp.review, 'draft');
    assert.equal(opp.status, 'open', 'the review state is separate from the lifecycle status');
    org = await ok('POST', '/api/v1/orgs', { name_en: ORG, type: 'enterprise', side: 'home', review: 'draft' }, 201);
    assert.equal(org.review, 'draft');
    /* An editor's record without "review" is published at once. */
    const pub = await ok('POST', '/api/v1/opportunities', {
      kind: 'request', category: 'culture', direction: 'bringing_in', org_id: owner.id, title_en: 'SYNTHETIC review test: published at once' }, 201);
    assert.equal(pub.review, 'published');
    /* ... and one created with status draft starts as a draft. */
    const d = await ok('POST', '/api/v1/opportunities', {
      kind: 'request', category: 'culture', direction: 'bringing_in', org_id: owner.id, status: 'draft',
      title_en: 'SYNTHETIC review test: lifecycle draft' }, 201);
    assert.equal(d.review, 'draft');
    assert.equal((await anon(`/api/v1/opportunities/${d.id}`)).status, 404);

    /* A published opportunity of an organisation in review is hidden with it. */
    const child = await ok('POST', '/api/v1/opportunities', {
      kind: 'offer', category: 'technology', direction: 'going_out', org_id: org.id, title_en: 'SYNTHETIC review test: owned by zqxw' }, 201);
    assert.equal(child.review, 'published');
    assert.equal((await anon(`/api/v1/opportunities/${child.id}`)).status, 404);
    assert.equal((await anon(`/api/v1/opportunities${qs({ q: 'zqxw' })}`)).json.total, 0);
    assert.deepEqual((await anon(`/api/v1/search${qs({ q: 'zqxw' })}`)).json.opportunities, []);
    assert.equal((await auth(`/api/v1/opportunities${qs({ q: 'zqxw' })}`)).json.total, 1);
    /* Anonymous: list, get, search, match, the org's offers and matches. */
    const q = qs({ q: 'zqxv' });
    assert.equal((await anon(`/api/v1/opportunities${q}`)).json.total, 0);
    assert.equal((await anon(`/api/v1/opportunities/${opp.id}`)).status, 404);
    assert.equal((await anon(`/api/v1/opportunities/${opp.id}/matches`)).status, 404);
    assert.equal((await anon(`/api/v1/orgs${qs({ q: 'Qwvexa' })}`)).json.total, 0);
    assert.equal((await anon(`/api/v1/orgs/${org.id}`)).status, 404);
    assert.equal((await anon(`/api/v1/orgs/${org.id}/offers`)).status, 404);
    assert.equal((await anon(`/api/v1/orgs/${org.id}/matches`)).status, 404);
    const s = await anon(`/api/v1/search${qs({ q: 'zqxv' })}`);
    assert.equal(s.status, 200);
    assert.deepEqual(s.json.opportunities, []);
    assert.deepEqual((await anon(`/api/v1/search${qs({ q: 'Qwvexa' })}`)).json.orgs, []);
    const all = await anon('/api/v1/opportunities?limit=500');
    assert.ok(all.json.items.every((x) => x.review === 'published' && !('review_note' in x)), 'anonymous items are published');
    assert.ok(!all.json.items.some((x) => x.id === opp.id));
    const m = await anon(`/api/v1/match${qs({ text: 'robot welding cells zqxv', limit: 50 })}`);
    assert.equal(m.status, 200, m.text);
    assert.ok(!m.json.items.some((x) => x.id === `opportunity:${opp.id}` || x.id === `org:${org.id}`), 'a draft in anonymous match');
    /* Signed in: the same records with their state. */
    const l = (await auth(`/api/v1/opportunities${q}`)).json;
    assert.deepEqual(l.items.map((x) => [x.id, x.review]), [[opp.id, 'draft']]);
    assert.equal((await auth(`/api/v1/orgs/${org.id}`)).json.review, 'draft');
    assert.deepEqual((await auth(`/api/v1/search${qs({ q: 'zqxv' })}`)).json.opportunities.map((x) => x.id), [opp.id]);
    /* Matches: what is in review is nobody's counterpart, for anyone. */
    const m2 = await auth(`/api/v1/match${qs({ text: 'robot welding cells zqxv', limit: 50 })}`);
    assert.ok(!m2.json.items.some((x) => x.id === `opportunity:${opp.id}`));
    assert.equal((await auth(`/api/v1/opportunities/${opp.id}/matches`)).status, 200, 'a draft\'s own matches for its editor');
  });

  test('the cache never serves a signed-in answer to an anonymous caller', T, async () => {
    const p = `/api/v1/opportunities${qs({ q: 'zqxv', limit: 5 })}`;
    assert.equal((await auth(p)).json.total, 1);
    assert.equal((await anon(p)).json.total, 0, 'anonymous after signed-in');
    assert.equal((await anon(p)).json.total, 0, 'anonymous again (a cached anonymous answer)');
    assert.equal((await auth(p)).json.total, 1, 'signed-in after a cached anonymous answer');
    const g = `/api/v1/orgs/${org.id}`;
    assert.equal((await auth(g)).status, 200);
    assert.equal((await anon(g)).status, 404);
    /* A signed-in page, then the anonymous page: no draft. */
    const cookie = (await ctx.login('alice', require('./lib').PASSWORD)).cookie;
    assert.ok(cookie);
    const page = await ctx.api('GET', '/opportunities?q=zqxv', { headers: { Cookie: cookie } });
    assert.match(page.text, /zqxv/);
    const pa = await anon('/opportunities?q=zqxv');
    assert.doesNotMatch(pa.text, /zqxv robot/);
    assert.equal((await anon(`/opportunities/${opp.id}`)).status, 404);
    assert.equal((await anon(`/orgs/${org.id}`)).status, 404);
    const dash = await anon('/');
    assert.equal(dash.status, 200);
    assert.ok(!dash.text.includes(TITLE) && !dash.text.includes(ORG), 'a draft on the anonymous dashboard');
    const signedDash = await ctx.api('GET', '/', { headers: { Cookie: cookie } });
    assert.ok(signedDash.text.includes(ORG) || signedDash.text.includes(TITLE), 'signed-in dashboard lists the drafts');
  });

  test('refused steps change nothing', T, async () => {
    const base = '/api/v1/opportunities';
    await ctx.rejected('POST', `${base}/${opp.id}/review`, { body: { action: 'publish' }, token: ctx.token },
      { status: 409, field: 'action', code: 'invalid_transition' });
    await ctx.rejected('POST', `${base}/${opp.id}/review`, { body: { action: 'return', reason: 'x' }, token: ctx.token },
      { status: 409, field: 'action', code: 'invalid_transition' });
    await ctx.rejected('POST', `${base}/${opp.id}/review`, { body: { action: 'submit' }, token: ctx.viewerToken },
      { status: 403 });
    await ctx.rejected('POST', `${base}/${opp.id}/review`, { body: { action: 'submit' } }, { status: 401 });
    await ctx.rejected('POST', `${base}/${opp.id}/review`, { body: { action: 'approve' }, token: ctx.token },
      { status: 400, field: 'action' });
    await ctx.rejected('POST', `${base}/${opp.id}/review`, { body: { action: 'submit', reason: 'why' }, token: ctx.token },
      { status: 400, field: 'reason' });
    await ctx.rejected('POST', `${base}/${opp.id}/review`, { body: { action: 'submit', extra: 1 }, token: ctx.token },
      { status: 400, field: 'extra' });
    await ctx.rejected('POST', `${base}/999999/review`, { body: { action: 'submit' }, token: ctx.token },
      { status: 404, field: 'id' });
    await ctx.rejected('PATCH', `${base}/${opp.id}`, { body: { review: 'published' }, token: ctx.token },
      { status: 400, field: 'review' });
    await ctx.rejected('POST', base, { body: { kind: 'offer', category: 'technology', direction: 'going_out', org_id: owner.id,
      title_en: 'SYNTHETIC x', review: 'returned' }, token: ctx.token }, { status: 400, field: 'review' });
    await ctx.rejected('GET', '/api/v1/review', {}, { status: 401 });
    await ctx.rejected('GET', '/api/v1/review?state=pending', { token: ctx.token }, { status: 400, field: 'state' });
  });

  test('submit, return with a reason, submit again, publish', T, async () => {
    const base = '/api/v1/opportunities';
    let r = await step(base, opp.id, { action: 'submit' });
    assert.deepEqual([r.kind, r.id, r.review, r.name_en], ['opportunity', opp.id, 'submitted', TITLE]);
    let queue = (await ok('GET', '/api/v1/review')).items;
    assert.ok(queue.some((x) => x.kind === 'opportunity' && x.id === opp.id && x.review === 'submitted'), 'in the queue');
    assert.ok(queue.every((x) => x.review === 'submitted'), 'the default queue is the submitted records');
    /* Returning needs a reason: none, blank, or over 1000 characters is refused. */
    await ctx.rejected('POST', `${base}/${opp.id}/review`, { body: { action: 'return' }, token: ctx.token }, { status: 400, field: 'reason' });
    await ctx.rejected('POST', `${base}/${opp.id}/review`, { body: { action: 'return', reason: '  ' }, token: ctx.token }, { status: 400, field: 'reason' });
    await ctx.rejected('POST', `${base}/${opp.id}/review`, { body: { action: 'return', reason: '理'.repeat(1001) }, token: ctx.token },
      { status: 400, field: 'reason' });
    const reason = 'SYNTHETIC reason: give a valid_until date, 有效期';
    r = await step(base, opp.id, { action: 'return', reason });
    assert.equal(r.review, 'returned');
    assert.equal(r.review_note, reason);
    assert.equal(r.review_by, 'alice');
    const got = (await auth(`${base}/${opp.id}`)).json;
    assert.deepEqual([got.review, got.review_note, got.review_by], ['returned', reason, 'alice']);
    assert.equal((await anon(`${base}/${opp.id}`)).status, 404, 'a returned record stays hidden');
    const mine = (await ok('GET', '/api/v1/review?mine=true&state=all')).items;
    assert.ok(mine.some((x) => x.id === opp.id && x.review === 'returned' && x.review_note === reason), 'the submitter sees the reason');
    r = await step(base, opp.id, { action: 'submit' });
    assert.equal(r.review, 'submitted');
    r = await step(base, opp.id, { action: 'publish' });
    assert.equal(r.review, 'published');
    assert.equal(r.review_note, null);
    /* Now public everywhere. */
    assert.equal((await anon(`${base}/${opp.id}`)).status, 200);
    assert.deepEqual((await anon(`${base}${qs({ q: 'zqxv' })}`)).json.items.map((x) => x.id), [opp.id]);
    assert.deepEqual((await anon(`/api/v1/search${qs({ q: 'zqxv' })}`)).json.opportunities.map((x) => x.id), [opp.id]);
    /* The steps are in the audit trail. */
    const rows = await ctx.sql(`SELECT action || ':' || json_extract(after, '$.state') FROM audit WHERE entity='opportunity' AND entity_id=${opp.id} AND action='review' ORDER BY id`);
    assert.deepEqual(rows.trim().split('\n'), ['review:submitted', 'review:returned', 'review:submitted', 'review:published']);
  });

  test('an organisation and its offers and needs', T, async () => {
    await step('/api/v1/orgs', org.id, { action: 'submit' });
    await step('/api/v1/orgs', org.id, { action: 'publish' });
    assert.equal((await anon(`/api/v1/orgs/${org.id}`)).json.review, 'published');
    assert.equal((await anon(`/api/v1/opportunities${qs({ q: 'zqxw' })}`)).json.total, 1, 'its opportunity with it');
    await ok('PUT', `/api/v1/orgs/${org.id}/offers`, { offers: [{ text_en: OFFER, industries: ['24'] }] });
    /* An editor's edit keeps the state: the offers are published. */
    assert.equal((await anon(`/api/v1/orgs/${org.id}/offers`)).json.offers.length, 1);
    await ctx.rejected('POST', `/api/v1/orgs/${org.id}/offers/review`, { body: { action: 'submit' }, token: ctx.token },
      { status: 409, code: 'invalid_transition' });
    /* Offers in review (as a member's edit leaves them: the member role is
    ** another part of the issue, so the state is set here directly). */
    await write(`INSERT INTO offer_review(org_id, review) VALUES(${org.id}, 'draft')`, 'offer_review');
    const a = (await anon(`/api/v1/orgs/${org.id}/offers`)).json;
    assert.deepEqual([a.offers, a.needs, a.review], [[], [], undefined], 'no offers in review for anonymous callers');
    assert.deepEqual((await anon(`/api/v1/search${qs({ q: 'vqzarn' })}`)).json.orgs, [], 'offers text in review found by search');
    const s = (await auth(`/api/v1/orgs/${org.id}/offers`)).json;
    assert.deepEqual([s.offers.length, s.review], [1, 'draft']);
    assert.deepEqual((await auth(`/api/v1/search${qs({ q: 'vqzarn' })}`)).json.orgs.map((x) => x.id), [org.id]);
    let r = await ok('POST', `/api/v1/orgs/${org.id}/offers/review`, { action: 'submit' });
    assert.deepEqual([r.kind, r.review], ['offers', 'submitted']);
    r = await ok('POST', `/api/v1/orgs/${org.id}/offers/review`, { action: 'publish' });
    assert.equal(r.review, 'published');
    assert.equal((await anon(`/api/v1/orgs/${org.id}/offers`)).json.offers.length, 1);
    assert.deepEqual((await anon(`/api/v1/search${qs({ q: 'vqzarn' })}`)).json.orgs.map((x) => x.id), [org.id]);
  });

  test('the CLI: list, submit, return, publish', T, async () => {
    const d = await ok('POST', '/api/v1/opportunities', {
      kind: 'offer', category: 'education', direction: 'going_out', org_id: owner.id, title_en: 'SYNTHETIC review test: cli', review: 'submitted' }, 201);
    assert.equal(d.review, 'submitted');
    let r = await ctx.cli(['review', 'list', '--json', '--db', ctx.db]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(JSON.parse(r.stdout).items.some((x) => x.id === d.id && x.kind === 'opportunity'));
    r = await ctx.cli(['review', 'return', 'opportunity', String(d.id), '--db', ctx.db]);
    assert.equal(r.code, 2, 'return without --reason');
    r = await ctx.cli(['review', 'return', 'opportunity', String(d.id), '--reason', 'SYNTHETIC: too short', '--db', ctx.db]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /returned\nreason: SYNTHETIC: too short/);
    r = await ctx.cli(['review', 'publish', 'opportunity', String(d.id), '--db', ctx.db]);
    assert.notEqual(r.code, 0, 'publish a returned one');
    assert.match(r.stderr, /invalid_transition|cannot publish/);
    r = await ctx.cli(['review', 'submit', 'opportunity', String(d.id), '--db', ctx.db]);
    assert.equal(r.code, 0, r.stderr);
    r = await ctx.cli(['review', 'publish', 'opportunity', String(d.id), '--json', '--db', ctx.db]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).review, 'published');
    r = await ctx.cli(['review', 'submit', 'thing', '1', '--db', ctx.db]);
    assert.equal(r.code, 2);
  });
});
