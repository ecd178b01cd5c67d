'use strict';
/*
** roles.test.js: the role matrix (doc/roles.md, src/core/perm.c) walked
** whole. Every write route of the route table (asked from the binary:
** `youcheng help --json`, routes with write: true) x every role (anonymous,
** viewer, member, editor, own-unit editor, admin) x own/other record where
** ownership matters. Each answer is asserted; on a refusal, the record's
** GET and the audit count are the same as before. A write route missing
** from CASES below fails the test until it is added to the matrix.
**
** Fixture rows made here (units, organisations, records) are synthetic.
*/
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const { useServer, BIN, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT * 2 };
const ctx = useServer({ admin: true });

const ROLES = ['anonymous', 'viewer', 'member', 'editor', 'unit_editor', 'admin'];
const CSV = { 'Content-Type': 'text/csv' };
let n = 0;
const uniq = () => `${process.pid}-${++n}`;

/* The fixture: two units, two organisations (the member's own and
** another), a pool of cities no tie has, tokens per role. */
const F = {};

async function as(role, method, path, body, headers) {
  const token = { anonymous: undefined, viewer: ctx.viewerToken, member: F.memberToken, editor: ctx.token,
    unit_editor: F.unitToken, admin: ctx.adminToken }[role];
  return ctx.api(method, path, { body, token, headers });
}
async function make(method, path, body, headers) {
  const r = await ctx.api(method, path, { body, token: ctx.adminToken, headers });
  assert.ok(r.status === 200 || r.status === 201, `fixture ${method} ${path}: ${r.status} ${r.text}`);
  return r.json;
}
const city = () => F.cities.pop();
const newTie = async () => (await make('POST', '/api/v1/partners', { city_id: city(), kind: 'cooperation', notes: 'synthetic' })).id;
const newOrg = async () => (await make('POST', '/api/v1/orgs', { name_en: `Synthetic org ${uniq()}`, type: 'enterprise', side: 'home' })).id;
const unitOf = (scope) => (scope === 'own' ? F.unitOwn : F.unitOther);
const orgOf = (scope) => (scope === 'own' ? F.orgOwn : F.orgOther);
const oppBody = (scope) => ({ kind: 'offer', category: 'business', direction: 'going_out', title_en: `Synthetic opportunity ${uniq()}`,
  org_id: orgOf(scope), unit_id: unitOf(scope) });
const newOpp = async (scope) => (await make('POST', '/api/v1/opportunities', oppBody(scope))).id;
const exBody = (scope) => ({ title: `Synthetic exchange ${uniq()}`, kind: 'culture', date: '2020', ties: [F.tie], unit_id: unitOf(scope) });
const pjBody = (scope) => ({ title: `Synthetic project ${uniq()}`, unit_id: unitOf(scope) });
const evBody = (scope) => ({ title_en: `Synthetic event ${uniq()}`, kind: 'forum', start: '2020-05-10', unit_id: unitOf(scope) });
const nwBody = (scope) => ({ kind: 'news', lang: 'en', title_en: `Synthetic news ${uniq()}`, date: '2020-05', unit_id: unitOf(scope) });
const newNews = async (scope) => (await make('POST', '/api/v1/news', nwBody(scope))).id;
const dgBody = (scope) => ({ direction: 'in', title_en: `Synthetic delegation ${uniq()}`, start: '2020-06-01', ties: [F.tie], unit_id: unitOf(scope) });
/* An interest made by org `by` in an opportunity of org `of`. */
const newInterest = async (by, of) => {
  const opp = (await make('POST', '/api/v1/opportunities', { ...oppBody('other'), org_id: of })).id;
  return (await make('POST', `/api/v1/opportunities/${opp}/interests`, { org_id: by, message: 'synthetic interest' })).id;
};

/* Each write route: how to make a request that would succeed for an
** admin (scope: "own" = of the member's organisation / the own-unit
** editor's unit; "other" = not), its success status, and the rule:
** admin (admin only), editor (editors and admins), unit (own-unit editors
** on their unit's records), member (members on their organisation's). */
const CASES = {
  'POST /api/v1/partners': { ok: 201, rule: 'editor', req: async () => ['/api/v1/partners', { city_id: city(), kind: 'cooperation' }] },
  'PATCH /api/v1/partners/{}': { ok: 200, rule: 'editor', req: async () => [`/api/v1/partners/${F.tie}`, { notes: `synthetic ${uniq()}` }], get: (p) => p },
  'DELETE /api/v1/partners/{}': { ok: 200, rule: 'admin', req: async () => [`/api/v1/partners/${await newTie()}`], get: (p) => p },
  'POST /api/v1/orgs': { ok: 201, rule: 'editor', req: async () => ['/api/v1/orgs', { name_en: `Synthetic org ${uniq()}`, type: 'enterprise', side: 'home' }] },
  'PATCH /api/v1/orgs/{}': { ok: 200, rule: 'member', req: async (s) => [`/api/v1/orgs/${orgOf(s)}`, { notes: `synthetic ${uniq()}` }], get: (p) => p },
  'DELETE /api/v1/orgs/{}': { ok: 200, rule: 'editor', req: async () => [`/api/v1/orgs/${await newOrg()}`], get: (p) => p },
  'PUT /api/v1/cities/{}': { ok: 200, rule: 'editor', req: async () => [`/api/v1/cities/${F.tieCity}`, { name_zh: `合成${n++}` }], get: (p) => p },
  'POST /api/v1/import/partners': { ok: 200, rule: 'editor', csv: true, req: async () => ['/api/v1/import/partners', `city_id,kind\n${city()},cooperation\n`] },
  'PATCH /api/v1/users/{}': { ok: 200, rule: 'admin', req: async () => [`/api/v1/users/${F.victorId}`, { disabled: false }] },
  'DELETE /api/v1/tokens/{}': { ok: 200, rule: 'admin', req: async () => [`/api/v1/tokens/${await F.newToken()}`] },
  'POST /api/v1/units': { ok: 201, rule: 'admin', req: async () => ['/api/v1/units', { name_zh: `合成单位${uniq()}`, kind: 'zone' }] },
  'PATCH /api/v1/units/{}': { ok: 200, rule: 'admin', req: async () => [`/api/v1/units/${F.unitOther}`, { name_en: `Synthetic unit ${uniq()}` }], get: (p) => p },
  'DELETE /api/v1/units/{}': { ok: 200, rule: 'admin', req: async () => [`/api/v1/units/${(await make('POST', '/api/v1/units', { name_zh: `合成单位${uniq()}`, kind: 'zone' })).id}`], get: (p) => p },
  'POST /api/v1/opportunities': { ok: 201, rule: 'member+unit', req: async (s) => ['/api/v1/opportunities', oppBody(s)] },
  'PATCH /api/v1/opportunities/{}': { ok: 200, rule: 'member+unit', req: async (s) => [`/api/v1/opportunities/${await newOpp(s)}`, { title_en: `Synthetic ${uniq()}` }], get: (p) => p },
  'DELETE /api/v1/opportunities/{}': { ok: 200, rule: 'member+unit', req: async (s) => [`/api/v1/opportunities/${await newOpp(s)}`], get: (p) => p },
  'POST /api/v1/opportunities/{}/interests': { ok: 201, rule: 'member', req: async (s) => {
    const opp = await newOpp('other');
    return [`/api/v1/opportunities/${opp}/interests`, { org_id: s === 'own' ? F.orgOwn : F.orgThird, message: 'synthetic interest' }];
  } },
  'PATCH /api/v1/interests/{}': { ok: 200, rule: 'member', req: async (s) => [`/api/v1/interests/${s === 'own' ? await newInterest(F.orgOwn, F.orgOther) : await newInterest(F.orgThird, F.orgOther)}`, { status: 'forwarded' }] },
  'PUT /api/v1/partners/{}/profile': { ok: 200, rule: 'editor', req: async () => [`/api/v1/partners/${F.tie}/profile`, {}], get: (p) => p },
  'PATCH /api/v1/partners/{}/profile': { ok: 200, rule: 'editor', req: async () => [`/api/v1/partners/${F.tie}/profile`, {}], get: (p) => p },
  'PUT /api/v1/orgs/{}/offers': { ok: 200, rule: 'member', req: async (s) => [`/api/v1/orgs/${orgOf(s)}/offers`, { offers: [{ text_en: `Synthetic offer ${uniq()}` }] }], get: (p) => p },
  'PATCH /api/v1/orgs/{}/offers': { ok: 200, rule: 'member', req: async (s) => [`/api/v1/orgs/${orgOf(s)}/offers`, { needs: [{ text_en: `Synthetic need ${uniq()}` }] }], get: (p) => p },
  'POST /api/v1/import/profiles': { ok: 200, rule: 'editor', csv: true, req: async () => ['/api/v1/import/profiles',
    `city,country,section,code,strength,text_en,source,reviewed\nRegina,CA,needs,,,SYNTHETIC need ${uniq()},test (synthetic),2024-01-02\n`] },
  /* An opportunity imported by an own-unit editor is their unit's (the default). */
  'POST /api/v1/import/opportunities': { ok: 200, rule: 'editor', unitDefault: true, csv: true, req: async () => ['/api/v1/import/opportunities',
    `kind,category,direction,title_en,org_id\noffer,business,going_out,Synthetic imported ${uniq()},${F.orgThird}\n`] },
  'POST /api/v1/exchanges': { ok: 201, rule: 'unit', req: async (s) => ['/api/v1/exchanges', exBody(s)] },
  'PATCH /api/v1/exchanges/{}': { ok: 200, rule: 'unit', req: async (s) => [`/api/v1/exchanges/${(await make('POST', '/api/v1/exchanges', exBody(s))).id}`, { participants: 12 }], get: (p) => p },
  'DELETE /api/v1/exchanges/{}': { ok: 200, rule: 'unit', req: async (s) => [`/api/v1/exchanges/${(await make('POST', '/api/v1/exchanges', exBody(s))).id}`], get: (p) => p },
  'POST /api/v1/projects': { ok: 201, rule: 'unit', req: async (s) => ['/api/v1/projects', pjBody(s)] },
  'PATCH /api/v1/projects/{}': { ok: 200, rule: 'unit', req: async (s) => [`/api/v1/projects/${(await make('POST', '/api/v1/projects', pjBody(s))).id}`, { notes: 'synthetic' }], get: (p) => p },
  'DELETE /api/v1/projects/{}': { ok: 200, rule: 'unit', req: async (s) => [`/api/v1/projects/${(await make('POST', '/api/v1/projects', pjBody(s))).id}`], get: (p) => p },
  'PATCH /api/v1/health/thresholds': { ok: 200, rule: 'admin', req: async () => ['/api/v1/health/thresholds', { kind: 'sister', cooling_months: 12 + (n++ % 5) }] },
  /* The import of an export (ui_export.c): a row with an empty id creates an organisation. */
  'POST /api/v1/import/{}': { ok: 200, rule: 'editor', csv: true, req: async () => ['/api/v1/import/orgs',
    `id,name_en,type,side\n,Synthetic imported org ${uniq()},enterprise,home\n`] },
  'POST /api/v1/import/exchanges': { ok: 200, rule: 'editor', csv: true, req: async () => ['/api/v1/import/exchanges',
    `date,kind,title,partner_city_id\n2019,culture,Synthetic imported ${uniq()},${F.tieCity}\n`] },
  'POST /api/v1/people': { ok: 201, rule: 'editor', req: async () => ['/api/v1/people', { name_en: `Synthetic Person ${uniq()}` }] },
  'PATCH /api/v1/people/{}': { ok: 200, rule: 'editor', req: async () => [`/api/v1/people/${F.person}`, { notes: `synthetic ${uniq()}` }], get: (p) => p },
  'DELETE /api/v1/people/{}': { ok: 200, rule: 'editor', req: async () => [`/api/v1/people/${(await make('POST', '/api/v1/people', { name_en: `Synthetic P ${uniq()}` })).id}`], get: (p) => p },
  'POST /api/v1/people/{}/erase': { ok: 200, rule: 'editor', req: async () => [`/api/v1/people/${(await make('POST', '/api/v1/people', { name_en: `Synthetic E ${uniq()}` })).id}/erase`, {}] },
  'POST /api/v1/delegations': { ok: 201, rule: 'unit', req: async (s) => ['/api/v1/delegations', dgBody(s)] },
  'PATCH /api/v1/delegations/{}': { ok: 200, rule: 'unit', req: async (s) => [`/api/v1/delegations/${(await make('POST', '/api/v1/delegations', dgBody(s))).id}`, { notes: 'synthetic' }], get: (p) => p },
  'DELETE /api/v1/delegations/{}': { ok: 200, rule: 'unit', req: async (s) => [`/api/v1/delegations/${(await make('POST', '/api/v1/delegations', dgBody(s))).id}`], get: (p) => p },
  'POST /api/v1/events': { ok: 201, rule: 'unit', req: async (s) => ['/api/v1/events', evBody(s)] },
  'PATCH /api/v1/events/{}': { ok: 200, rule: 'unit', req: async (s) => [`/api/v1/events/${(await make('POST', '/api/v1/events', evBody(s))).id}`, { notes: 'synthetic' }], get: (p) => p },
  'DELETE /api/v1/events/{}': { ok: 200, rule: 'unit', req: async (s) => [`/api/v1/events/${(await make('POST', '/api/v1/events', evBody(s))).id}`], get: (p) => p },
  'POST /api/v1/news': { ok: 201, rule: 'unit', req: async (s) => ['/api/v1/news', nwBody(s)] },
  'PATCH /api/v1/news/{}': { ok: 200, rule: 'unit', req: async (s) => [`/api/v1/news/${await newNews(s)}`, { source: 'synthetic' }], get: (p) => p },
  'DELETE /api/v1/news/{}': { ok: 200, rule: 'unit', req: async (s) => [`/api/v1/news/${await newNews(s)}`], get: (p) => p },
  'PUT /api/v1/news/{}/links': { ok: 200, rule: 'unit', req: async (s) => [`/api/v1/news/${await newNews(s)}/links`,
    { links: [{ type: 'tie', id: F.tie, state: 'confirmed' }] }], get: (p) => p.replace(/\/links$/, '') },
  'POST /api/v1/news/{}/attachments': { ok: 201, rule: 'unit', req: async (s) => [`/api/v1/news/${await newNews(s)}/attachments?filename=synthetic.txt`,
    'Synthetic attachment text.\n'], get: (p) => p.replace(/\/attachments\?.*$/, '') },
  'DELETE /api/v1/news/{}/attachments/{}': { ok: 200, rule: 'unit', req: async (s) => {
    const id = await newNews(s);
    const a = await make('POST', `/api/v1/news/${id}/attachments?filename=synthetic.txt`, `Synthetic attachment ${uniq()}\n`);
    return [`/api/v1/news/${id}/attachments/${a.id}`];
  }, get: (p) => p.replace(/\/attachments\/\d+$/, '') },
  'POST /api/v1/events/{}/invitations': { ok: 201, rule: 'editor', req: async () => [`/api/v1/events/${(await make('POST', '/api/v1/events', evBody('own'))).id}/invitations`, { tie_id: F.tie }] },
  'PATCH /api/v1/invitations/{}': { ok: 200, rule: 'editor', req: async () => [`/api/v1/invitations/${await F.newInvitation()}`, { status: 'accepted' }], get: (p) => p },
  'DELETE /api/v1/invitations/{}': { ok: 200, rule: 'editor', req: async () => [`/api/v1/invitations/${await F.newInvitation()}`], get: (p) => p },
  'POST /api/v1/series': { ok: 201, rule: 'editor', req: async () => ['/api/v1/series', { kind: 'network', name_en: `Synthetic network ${uniq()}` }] },
  'PATCH /api/v1/series/{}': { ok: 200, rule: 'editor', req: async () => [`/api/v1/series/${F.series}`, { description: `synthetic ${uniq()}` }], get: (p) => p },
  'DELETE /api/v1/series/{}': { ok: 200, rule: 'editor', req: async () => [`/api/v1/series/${(await make('POST', '/api/v1/series', { kind: 'series', name_en: `Synthetic S ${uniq()}` })).id}`], get: (p) => p },
  'POST /api/v1/series/{}/members': { ok: 201, rule: 'editor', req: async () => [`/api/v1/series/${(await make('POST', '/api/v1/series', { kind: 'network', name_en: `Synthetic N ${uniq()}` })).id}/members`, { org_id: F.orgThird }] },
  'DELETE /api/v1/series/{}/members/{}': { ok: 200, rule: 'editor', req: async () => {
    const s = (await make('POST', '/api/v1/series', { kind: 'network', name_en: `Synthetic M ${uniq()}` })).id;
    const m = (await make('POST', `/api/v1/series/${s}/members`, { org_id: F.orgThird })).members[0].id;
    return [`/api/v1/series/${s}/members/${m}`];
  } },
  'POST /api/v1/lists': { ok: 201, rule: 'admin', req: async () => ['/api/v1/lists', { key: `syn_${n++}`, name_en: 'Synthetic list', name_zh: '合成清单', source: 'synthetic', members: ['KR'] }] },
  'PATCH /api/v1/lists/{}': { ok: 200, rule: 'admin', req: async () => [`/api/v1/lists/${F.list}`, { notes: `synthetic ${uniq()}` }], get: (p) => p },
  'DELETE /api/v1/lists/{}': { ok: 200, rule: 'admin', req: async () => [`/api/v1/lists/${(await make('POST', '/api/v1/lists', { key: `syn_${n++}`, name_en: 'Synthetic list', name_zh: '合成清单', source: 'synthetic', members: ['KR'] })).key}`], get: (p) => p },
  'POST /api/v1/import/twins': { ok: 200, rule: 'editor', csv: true, req: async () => [`/api/v1/import/twins?source=synthetic-${uniq()}`,
    'city1,country1,lat1,lng1,city2,country2,lat2,lng2\nMinsk,Belarus,53.9,27.5667,Sacramento,United States,38.5816,-121.4944\n'] },
  /* Revert a record to an earlier version: editors (a tie has no unit). */
  'POST /api/v1/{}/{}/revert': { ok: 200, rule: 'editor', req: async () => {
    const t = await newTie();
    await make('PATCH', `/api/v1/partners/${t}`, { notes: `synthetic ${uniq()}` });
    const h = await make('GET', `/api/v1/partners/${t}/history`);
    return [`/api/v1/partners/${t}/revert`, { to: h.items[h.items.length - 1].id }];
  }, get: (p) => p.replace(/\/revert$/, '') },
  /* Review: a member submits their organisation's draft opportunity; editors publish. */
  'POST /api/v1/opportunities/{}/review': { ok: 200, rule: 'member+unit', req: async (s) => {
    const id = (await make('POST', '/api/v1/opportunities', { ...oppBody(s), review: 'draft' })).id;
    return [`/api/v1/opportunities/${id}/review`, { action: 'submit' }];
  }, get: (p) => p.replace(/\/review$/, '') },
  'POST /api/v1/orgs/{}/review': { ok: 200, rule: 'editor', req: async () => {
    const id = (await make('POST', '/api/v1/orgs', { name_en: `Synthetic org ${uniq()}`, type: 'enterprise', side: 'home', review: 'submitted' })).id;
    return [`/api/v1/orgs/${id}/review`, { action: 'publish' }];
  }, get: (p) => p.replace(/\/review$/, '') },
  'POST /api/v1/orgs/{}/offers/review': { ok: 200, rule: 'editor', req: async () => {
    /* The member changes their offers (a draft) and submits them; editors return or publish. */
    let r = await as('member', 'PUT', `/api/v1/orgs/${F.orgOwn}/offers`, { offers: [{ text_en: `Synthetic offer ${uniq()}` }] });
    assert.equal(r.status, 200, r.text);
    r = await as('member', 'POST', `/api/v1/orgs/${F.orgOwn}/offers/review`, { action: 'submit' });
    assert.equal(r.status, 200, r.text);
    return [`/api/v1/orgs/${F.orgOwn}/offers/review`, { action: 'return', reason: 'synthetic: please add a source' }];
  }, get: (p) => p.replace(/\/review$/, '') },
  /* Deleted records: restore and purge are admins' (an organisation deleted for the case). */
  'POST /api/v1/archive/{}/restore': { ok: 200, rule: 'admin', req: async () => [`/api/v1/archive/${(await make('DELETE', `/api/v1/orgs/${await newOrg()}`)).archive_id}/restore`] },
  'DELETE /api/v1/archive/{}': { ok: 200, rule: 'admin', req: async () => [`/api/v1/archive/${(await make('DELETE', `/api/v1/orgs/${await newOrg()}`)).archive_id}`] },
  'POST /api/v1/twins/fixes': { ok: 200, rule: 'editor', req: async () => ['/api/v1/twins/fixes', { name: `Syntheticville${uniq()}`, country: 'Hungary', not_a_city: true }] },
};

/* The status role should get on scope's record under rule. */
function expected(c, role, scope) {
  if (role === 'anonymous') return 401;
  if (role === 'viewer') return 403;
  if (role === 'admin') return c.ok;
  if (role === 'editor') return c.rule === 'admin' ? 403 : c.ok;
  if (role === 'unit_editor' && c.unitDefault) return c.ok;
  if (role === 'unit_editor') return (c.rule === 'unit' || c.rule === 'member+unit') && scope === 'own' ? c.ok : 403;
  if (role === 'member') return (c.rule === 'member' || c.rule === 'member+unit') && scope === 'own' ? c.ok : 403;
  throw new Error(role);
}

const auditCount = async () => Number((await ctx.sql('SELECT count(*) FROM audit')).trim());

test('set-up: units, organisations, a member and an own-unit editor', T, async () => {
  F.unitOwn = (await make('POST', '/api/v1/units', { name_zh: '合成测试局', name_en: 'Synthetic Test Bureau', kind: 'department' })).id;
  F.unitOther = (await make('POST', '/api/v1/units', { name_zh: '合成测试区', name_en: 'Synthetic Test District', kind: 'district' })).id;
  F.orgOwn = await newOrg();
  F.orgOther = await newOrg();
  F.orgThird = await newOrg();
  F.cities = (await ctx.sql("SELECT id FROM city WHERE population>100000 AND id NOT IN (SELECT partner_city_id FROM tie) ORDER BY id LIMIT 80"))
    .trim().split('\n').map(Number);
  assert.ok(F.cities.length >= 40, 'enough cities for the fixture');
  F.tie = await newTie();
  F.tieCity = (await ctx.api('GET', `/api/v1/partners/${F.tie}`)).json.city.id;
  F.person = (await make('POST', '/api/v1/people', { name_en: 'Synthetic Fixture Person' })).id;
  F.series = (await make('POST', '/api/v1/series', { kind: 'network', name_en: 'Synthetic fixture network' })).id;
  F.list = (await make('POST', '/api/v1/lists', { key: 'syn_fixture', name_en: 'Synthetic list', name_zh: '合成清单', source: 'synthetic', members: ['KR'] })).key;
  const ev = (await make('POST', '/api/v1/events', evBody('own'))).id;
  F.newInvitation = async () => (await make('POST', `/api/v1/events/${ev}/invitations`, { org_id: await newOrg() })).id;
  const db = ['--db', ctx.db];
  let r = await ctx.cli(['user', 'add', 'mia', '--role', 'member', '--org', String(F.orgOwn), ...db]);
  assert.equal(r.code, 0, r.stderr);
  r = await ctx.cli(['user', 'add', 'uma', ...db]);
  assert.equal(r.code, 0, r.stderr);
  r = await ctx.cli(['user', 'unit', 'uma', String(F.unitOwn), ...db]);
  assert.equal(r.code, 0, r.stderr);
  r = await ctx.cli(['user', 'own-unit', 'uma', 'on', ...db]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /own unit only/);
  F.memberToken = (await ctx.cli(['token', 'create', 'mia', ...db])).stdout.trim();
  F.unitToken = (await ctx.cli(['token', 'create', 'uma', ...db])).stdout.trim();
  F.victorId = Number((await ctx.sql("SELECT id FROM user WHERE name='victor'")).trim());
  F.newToken = async () => {
    await ctx.cli(['token', 'create', 'victor', '--name', `syn${uniq()}`, ...db]);
    return Number((await ctx.sql('SELECT max(id) FROM token')).trim());
  };
  /* Membership answers in the user's JSON and the rules of membership. */
  const users = (await ctx.api('GET', '/api/v1/users', { token: ctx.adminToken })).json.items;
  const uma = users.find((u) => u.name === 'uma');
  assert.equal(uma.unit_id, F.unitOwn);
  assert.equal(uma.own_unit_only, true);
  const mia = users.find((u) => u.name === 'mia');
  assert.equal(mia.role, 'member');
  assert.equal(mia.org_id, F.orgOwn);
  r = await ctx.api('PATCH', `/api/v1/users/${mia.id}`, { body: { unit_id: F.unitOwn }, token: ctx.adminToken });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'unit_id');
  r = await ctx.api('PATCH', `/api/v1/users/${mia.id}`, { body: { org_id: null }, token: ctx.adminToken });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.error.field, 'org_id');
});

test('every write route is in the matrix', T, async () => {
  const routes = JSON.parse(execFileSync(BIN, ['help', '--json'], { encoding: 'utf8', maxBuffer: 16 << 20 })).routes
    .filter((r) => r.write).map((r) => `${r.method} ${r.path}`);
  assert.ok(routes.length >= 50);
  const missing = routes.filter((k) => !CASES[k]);
  assert.deepEqual(missing, [], 'write routes without a row in the role matrix test (and doc/roles.md)');
  assert.deepEqual(Object.keys(CASES).filter((k) => !routes.includes(k)), [], 'cases for routes that are gone');
});

test('every write route x every role x own/other record', T, async () => {
  let nReq = 0;
  for (const [key, c] of Object.entries(CASES)) {
    const method = key.split(' ')[0];
    const scoped = c.rule === 'unit' || c.rule === 'member' || c.rule === 'member+unit';
    for (const role of ROLES) {
      for (const scope of scoped && (role === 'member' || role === 'unit_editor') ? ['own', 'other'] : ['own']) {
        const [path, body] = await c.req(scope);
        const want = expected(c, role, scope);
        const headers = c.csv ? CSV : undefined;
        const before = want >= 400 ? { audit: await auditCount(), rec: c.get ? (await ctx.api('GET', c.get(path), { token: ctx.adminToken })).text : null } : null;
        const r = await as(role, method, path, body, headers);
        nReq++;
        /* An import refused row by row answers 400 import_failed with the
        ** rows' "forbidden" errors (nothing imported). */
        const rowRefusal = c.csv && want === 403 && r.status === 400 && r.json.report
          && r.json.report.errors.length > 0 && r.json.report.errors.every((x) => x.code === 'forbidden');
        if (!rowRefusal) assert.equal(r.status, want, `${key} as ${role} (${scope}): ${r.status} ${r.text.slice(0, 300)}`);
        if (before) {
          if (want === 403 && !rowRefusal) assert.equal(r.json.error.code, 'forbidden', `${key} as ${role}`);
          assert.equal(await auditCount(), before.audit, `${key} as ${role} (${scope}) wrote to the audit trail`);
          if (c.get) assert.equal((await ctx.api('GET', c.get(path), { token: ctx.adminToken })).text, before.rec, `${key} as ${role} (${scope}) changed the record`);
        }
      }
    }
  }
  assert.ok(nReq > 300, `${nReq} requests`);
});

test('an own-unit editor\'s new record is their unit\'s; lists show the unit', T, async () => {
  const r = await as('unit_editor', 'POST', '/api/v1/exchanges', { title: `Synthetic default unit ${uniq()}`, kind: 'culture', date: '2021', ties: [F.tie] });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.unit_id, F.unitOwn);
  assert.deepEqual(r.json.unit, { id: F.unitOwn, name_zh: '合成测试局', name_en: 'Synthetic Test Bureau' });
  const list = (await ctx.api('GET', '/api/v1/exchanges?limit=500', { token: ctx.adminToken })).json.items;
  assert.ok(list.some((x) => x.id === r.json.id && x.unit_id === F.unitOwn));
  /* Moving a record out of one's unit is refused. */
  const moved = await as('unit_editor', 'PATCH', `/api/v1/exchanges/${r.json.id}`, { unit_id: F.unitOther });
  assert.equal(moved.status, 403);
  const bad = await as('admin', 'PATCH', `/api/v1/exchanges/${r.json.id}`, { unit_id: 999999 });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.error.field, 'unit_id');
});

test('lists filter by the responsible unit (API and pages)', T, async () => {
  const made = {
    exchanges: (await make('POST', '/api/v1/exchanges', exBody('own'))).id,
    events: (await make('POST', '/api/v1/events', evBody('own'))).id,
    delegations: (await make('POST', '/api/v1/delegations', dgBody('own'))).id,
    projects: (await make('POST', '/api/v1/projects', pjBody('own'))).id,
    opportunities: (await make('POST', '/api/v1/opportunities', { ...oppBody('own'), status: 'open' })).id,
  };
  for (const [list, id] of Object.entries(made)) {
    const own = await as('admin', 'GET', `/api/v1/${list}?unit=${F.unitOwn}&limit=500`);
    assert.equal(own.status, 200, own.text);
    assert.ok(own.json.items.length > 0 && own.json.items.every((x) => x.unit_id === F.unitOwn), `${list}: only the unit's`);
    assert.ok(own.json.items.some((x) => x.id === id), `${list}: the unit's record is listed`);
    const other = await as('admin', 'GET', `/api/v1/${list}?unit=${F.unitOther}&limit=500`);
    assert.ok(!other.json.items.some((x) => x.id === id), `${list}: not under another unit`);
    const bad = await as('admin', 'GET', `/api/v1/${list}?unit=x`);
    assert.equal(bad.status, 400, `${list}: ${bad.text}`);
    assert.equal(bad.json.error.field, 'unit');
    const page = await as('admin', 'GET', `/${list}?unit=${F.unitOwn}&lang=en`);
    assert.equal(page.status, 200, `/${list}?unit=: ${page.status}`);
  }
  /* The dashboard of the unit: its records by type, linked to the filtered lists. */
  const dash = await ctx.api('GET', `/?unit=${F.unitOwn}&lang=en`);
  assert.equal(dash.status, 200);
  const n = await ctx.sql(`SELECT count(*) FROM exchange WHERE unit_id=${F.unitOwn}`);
  assert.match(dash.text, new RegExp(`<a href="/exchanges\\?unit=${F.unitOwn}">${n.trim()}</a>`));
  /* What an anonymous visitor counts is what the lists show them: no private event. */
  await make('POST', '/api/v1/events', { ...evBody('own'), public: false });
  const dash2 = await ctx.api('GET', `/?unit=${F.unitOwn}&lang=en`);
  const pub = await ctx.sql(`SELECT count(*) FROM event WHERE unit_id=${F.unitOwn} AND public=1`);
  const all = await ctx.sql(`SELECT count(*) FROM event WHERE unit_id=${F.unitOwn}`);
  assert.notEqual(pub.trim(), all.trim());
  assert.match(dash2.text, new RegExp(`<a href="/events\\?unit=${F.unitOwn}">${pub.trim()}</a>`));
  assert.equal((await ctx.api('GET', '/?unit=999999')).status, 404);
  assert.equal((await ctx.api('GET', '/?unit=x')).status, 400);
});

test('a unit in use is not deleted; the message names what refers to it', T, async () => {
  const r = await as('admin', 'DELETE', `/api/v1/units/${F.unitOwn}`);
  assert.equal(r.status, 409, r.text);
  assert.match(r.json.error.message, /1 user/);
  assert.match(r.json.error.message, /exchanges/);
  const list = (await ctx.api('GET', `/api/v1/units?q=${encodeURIComponent('ceshi')}`)).json;
  assert.deepEqual(list.items.map((u) => u.id).sort(), [F.unitOwn, F.unitOther].sort(), 'pinyin search');
});
