'use strict';
/*
** people.test.js: /api/v1/people: personal data only for signed-in
** callers (401 without credentials, the pages send to the login page);
** create, read, search (Chinese, pinyin, English), filters, change,
** delete; every bad input a 400 naming its field with nothing stored;
** no person's name in any anonymous answer (API lists and records, pages,
** CSV, iCalendar, search); erase on request leaves no personal field in
** the database, audit trail included. Every person here is synthetic
** (made-up names that occur nowhere else).
*/
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { useServer, qs, allPartners, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const ctx = useServer();
const auth = () => ({ token: ctx.token });

/* Synthetic, distinctive values: none occurs in the demo data. */
const NAME_EN = 'Xylophant Quimbleworth';
const NAME_ZH = '夔翥龢';
const NAME_NATIVE = 'Ксилофант Квимблворт';
const EMAIL = 'xylophant.quimbleworth@example.org';
const PHONE = '+49 30 5550199';
const TITLE = 'Zanzibarian Undersecretary';
const NOTE = 'Plumquistery remark';
const HEAD_TEXT = 'Xylophant Q., deputy mayor';
const SECRETS = [NAME_EN, 'Xylophant', 'Quimbleworth', NAME_ZH, NAME_NATIVE, EMAIL, PHONE, TITLE, NOTE];

let ties, person, deleg;
const WAKAYAMA = 1926004;

function assertNoSecret(text, where) {
  for (const s of SECRETS) assert.ok(!text.includes(s), `${where} shows "${s}"`);
}

describe('people', () => {
  test('anonymous callers: 401 from the API, the login page from the pages', T, async () => {
    for (const p of ['/api/v1/people', '/api/v1/people/1']) {
      const res = await ctx.api('GET', p);
      assert.equal(res.status, 401, `${p}: ${res.text}`);
      assert.equal(res.json.error.code, 'unauthenticated');
    }
    for (const p of ['/people', '/people/1', '/people/new', '/friends', '/people/1/erase']) {
      const res = await ctx.api('GET', p);
      assert.equal(res.status, 303, p);
      assert.match(res.headers.location, /^\/login\?next=/);
    }
    await ctx.rejected('POST', '/api/v1/people', { body: { name_en: NAME_EN } }, { status: 401 });
  });

  test('create with every field, read back, history', T, async () => {
    ties = Object.fromEntries((await allPartners(ctx)).items.map((x) => [x.city.id, x.id]));
    const res = await ctx.api('POST', '/api/v1/people', { ...auth(), body: {
      name_en: NAME_EN, name_zh: NAME_ZH, name_native: NAME_NATIVE, title: TITLE, city_id: WAKAYAMA,
      languages: ['ja', 'en'], roles: ['official', 'friend'], email: EMAIL, phone: PHONE, address: '1 Synthetic Street',
      friend_since: '2015-04', notes: NOTE, sources: ['synthetic test data'] } });
    assert.equal(res.status, 201, res.text);
    person = res.json;
    assert.equal(res.headers.location, `/api/v1/people/${person.id}`);
    assert.equal(person.erased, false);
    assert.equal(person.city.id, WAKAYAMA);
    assert.equal(person.city.tie_id, ties[WAKAYAMA]);
    assert.deepEqual(person.languages, ['ja', 'en']);
    assert.deepEqual(person.roles, ['official', 'friend']);
    assert.equal(person.friend_since_precision, 'month');
    assert.deepEqual(person.delegations, []);
    assert.deepEqual(person.events, []);
    const get = await ctx.api('GET', `/api/v1/people/${person.id}`, auth());
    assert.deepEqual(get.json, person);
    /* A viewer may read people too (signed in). */
    const v = await ctx.api('GET', `/api/v1/people/${person.id}`, { token: ctx.viewerToken });
    assert.equal(v.status, 200);
    /* A public delegation headed by them, with them as member. */
    const d = await ctx.api('POST', '/api/v1/delegations', { ...auth(), body: { direction: 'in', title_en: 'Synthetic visit of a friend',
      start: '2025-06-02', ties: [ties[WAKAYAMA]], head: HEAD_TEXT, head_person_id: person.id, members: [person.id],
      status: 'done', size: 3 } });
    assert.equal(d.status, 201, d.text);
    deleg = d.json;
    const h = await ctx.api('GET', `/api/v1/people/${person.id}`, auth());
    assert.deepEqual(h.json.delegations.map((x) => [x.id, x.direction, x.status]), [[deleg.id, 'in', 'done']]);
  });

  test('search in Chinese, pinyin and English; filters', T, async () => {
    const find = async (params) => {
      const res = await ctx.api('GET', `/api/v1/people${qs(params)}`, auth());
      assert.equal(res.status, 200, res.text);
      return res.json.items.map((x) => x.id);
    };
    assert.deepEqual(await find({ q: NAME_ZH }), [person.id]);
    assert.deepEqual(await find({ q: 'kuizhu' }), [person.id]);        /* 夔翥 in pinyin */
    assert.deepEqual(await find({ q: 'quimble' }), [person.id]);
    assert.deepEqual(await find({ q: 'Zanzibarian' }), [person.id]);   /* the title */
    assert.ok((await find({ role: 'friend' })).includes(person.id));
    assert.ok(!(await find({ role: 'university' })).includes(person.id));
    assert.ok((await find({ city: WAKAYAMA })).includes(person.id));
    assert.ok((await find({ tie: ties[WAKAYAMA] })).includes(person.id));
    assert.ok(!(await find({ city: 2950159 })).includes(person.id));
    const res = await ctx.api('GET', `/api/v1/people${qs({ role: 'friend', sort: 'friend_since' })}`, auth());
    assert.ok(res.json.items.every((x) => x.roles.includes('friend')));
    for (const [params, field] of [[{ role: 'king' }, 'role'], [{ city: 'x' }, 'city'], [{ sort: 'age' }, 'sort'],
      [{ limit: '0' }, 'limit'], [{ colour: 'red' }, 'colour']]) {
      const r = await ctx.api('GET', `/api/v1/people${qs(params)}`, auth());
      assert.equal(r.status, 400, JSON.stringify(params));
      assert.equal(r.json.error.field, field);
    }
  });

  test('bad input: 400 naming the field, nothing stored', T, async () => {
    const ok = { name_en: 'Synthetic Person' };
    const cases = [
      [{}, 'name_en', 'required'],
      [{ title: 'Only a title' }, 'name_en', 'required'],
      [{ ...ok, email: 'not-an-address' }, 'email', 'invalid_email'],
      [{ ...ok, email: 'a@b' }, 'email', 'invalid_email'],
      [{ ...ok, email: 'a b@example.org' }, 'email', 'invalid_email'],
      [{ ...ok, phone: 'call me' }, 'phone', 'invalid_phone'],
      [{ ...ok, phone: '12' }, 'phone', 'invalid_phone'],
      [{ ...ok, phone: '12+345678' }, 'phone', 'invalid_phone'],
      [{ ...ok, languages: ['xx'] }, 'languages', 'invalid_language'],
      [{ ...ok, languages: ['english'] }, 'languages'],
      [{ ...ok, languages: ['en', 'en'] }, 'languages', 'duplicate_item'],
      [{ ...ok, roles: ['king'] }, 'roles', 'invalid_value'],
      [{ ...ok, roles: ['friend', 'friend'] }, 'roles', 'duplicate_item'],
      [{ ...ok, org_id: 999999 }, 'org_id', 'unknown_org'],
      [{ ...ok, city_id: 1 }, 'city_id', 'unknown_city'],
      [{ ...ok, friend_since: '2015-13' }, 'friend_since'],
      [{ ...ok, friend_since: '2999' }, 'friend_since', 'in_future'],
      [{ ...ok, name_en: ' padded ' }, 'name_en', 'untrimmed'],
      [{ ...ok, shoe_size: 44 }, 'shoe_size', 'unknown_field'],
    ];
    for (const [body, field, code] of cases) {
      await ctx.rejected('POST', '/api/v1/people', { body, ...auth() }, { status: 400, field, code });
    }
    await ctx.rejected('PATCH', `/api/v1/people/${person.id}`, { body: { email: 'nope' }, ...auth() },
      { status: 400, field: 'email' });
    await ctx.rejected('POST', '/api/v1/people', { body: ok, token: ctx.viewerToken }, { status: 403 });
  });

  test('change and delete', T, async () => {
    let res = await ctx.api('POST', '/api/v1/people', { ...auth(), body: { name_zh: '测试人员甲', roles: ['university'] } });
    assert.equal(res.status, 201, res.text);
    const id = res.json.id;
    res = await ctx.api('PATCH', `/api/v1/people/${id}`, { ...auth(), body: { title: 'Dean', roles: null, name_en: 'Test Person A' } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.title, 'Dean');
    assert.deepEqual(res.json.roles, []);
    assert.equal(res.json.name_zh, '测试人员甲');
    res = await ctx.api('DELETE', `/api/v1/people/${id}`, auth());
    assert.equal(res.json.id, id);
    assert.equal(res.json.deleted, true);
    assert.equal((await ctx.api('GET', `/api/v1/people/${id}`, auth())).status, 404);
    const audit = await ctx.sql(`SELECT group_concat(action) FROM (SELECT action FROM audit WHERE entity='person' AND entity_id=${id} ORDER BY id)`);
    assert.equal(audit.trim(), 'create,update,delete');
  });

  test('no personal data in any anonymous answer', T, async () => {
    const tie = ties[WAKAYAMA];
    const paths = ['/', '/?lang=en', '/partners', `/partners/${tie}`, `/partners/${tie}?lang=en`, '/delegations',
      `/delegations/${deleg.id}`, `/delegations/${deleg.id}?lang=en`, '/exchanges', `/exchanges/${deleg.exchange_id}`, '/events',
      '/search?q=quimble', '/search?q=kuizhu', '/calendar', '/calendar.ics', '/partners.csv', '/health', '/orgs',
      '/api/v1/partners', `/api/v1/partners/${tie}`, '/api/v1/delegations', `/api/v1/delegations/${deleg.id}`,
      '/api/v1/exchanges', `/api/v1/exchanges/${deleg.exchange_id}`, '/api/v1/search?q=quimble', '/api/v1/search?q=%E5%A4%94',
      '/api/v1/calendar', '/api/v1/health', `/api/v1/partners/${tie}/health`, '/api/v1/stats', '/api/v1/events',
      '/api/v1/people', `/api/v1/people/${person.id}`, '/people', `/people/${person.id}`, '/friends'];
    for (const p of paths) {
      const res = await ctx.api('GET', p);
      assert.ok(res.status < 500, `${p}: ${res.status}`);
      assertNoSecret(res.text, `anonymous GET ${p}`);
    }
    /* The search queries above do find the person when signed in (the test can fail). */
    const found = await ctx.api('GET', `/api/v1/people${qs({ q: 'quimble' })}`, auth());
    assert.deepEqual(found.json.items.map((x) => x.id), [person.id]);
    /* The same answers signed in do show them. */
    const res = await ctx.api('GET', `/api/v1/delegations/${deleg.id}`, auth());
    assert.ok(res.text.includes(HEAD_TEXT) && res.text.includes(NAME_EN));
    /* Twice, so that a cached answer would be served the second time. */
    for (const p of ['/api/v1/delegations', `/api/v1/delegations/${deleg.id}`, '/api/v1/search?q=quimble']) {
      assertNoSecret((await ctx.api('GET', p)).text, `anonymous GET ${p} after a signed-in one`);
    }
  });

  test('erase on request: no personal field left anywhere in the database', T, async () => {
    /* A change first, so that the audit has before and after. */
    let res = await ctx.api('PATCH', `/api/v1/people/${person.id}`, { ...auth(), body: { title: `${TITLE} (acting)` } });
    assert.equal(res.status, 200, res.text);
    res = await ctx.api('POST', `/api/v1/people/${person.id}/erase`, auth());
    assert.equal(res.status, 200, res.text);
    const x = res.json;
    assert.equal(x.erased, true);
    assert.equal(typeof x.erased_at, 'string');
    assert.equal(x.name_en, null);
    /* What they took part in stays. */
    assert.deepEqual(x.delegations.map((d) => d.id), [deleg.id]);
    const d = await ctx.api('GET', `/api/v1/delegations/${deleg.id}`, auth());
    assert.equal(d.json.head, null);
    assert.equal(d.json.head_person.erased, true);
    assert.deepEqual(d.json.members.map((m) => [m.id, m.erased, m.name_en]), [[person.id, true, null]]);
    /* Every table of the database, audit trail and search index included. */
    const dump = await ctx.dump();
    assert.ok(dump.includes('Synthetic visit of a friend'), 'the dump has the delegation');
    assertNoSecret(dump, 'the database after erase');
    assert.ok(!dump.includes(HEAD_TEXT), 'the head text is gone');
    const audit = await ctx.sql(`SELECT count(*) FROM audit WHERE entity='person' AND entity_id=${person.id} AND action='erase'`);
    assert.equal(audit.trim(), '1');
    res = await ctx.api('GET', `/api/v1/people${qs({ q: 'quimble' })}`, auth());
    assert.deepEqual(res.json.items, []);
    await ctx.rejected('PATCH', `/api/v1/people/${person.id}`, { body: { name_en: 'Back' }, ...auth() }, { status: 409, field: 'id' });
    await ctx.rejected('POST', `/api/v1/people/${person.id}/erase`, auth(), { status: 409, code: 'already_erased' });
    await ctx.rejected('POST', '/api/v1/people/999999/erase', auth(), { status: 404 });
  });

  test('the CLI: add, list, show, erase; errors name the field', T, async () => {
    let r = await ctx.cli(['person', 'add', '--name-en', 'Synthetic Cli Person', '--languages', 'de,en', '--roles', 'association',
      '--json', '--db', ctx.db]);
    assert.equal(r.code, 0, r.stderr);
    const id = JSON.parse(r.stdout).id;
    r = await ctx.cli(['person', 'add', '--name-en', 'X', '--email', 'bad', '--db', ctx.db]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /\(email: invalid_email\)/);
    r = await ctx.cli(['person', 'list', '--role', 'association', '--json', '--db', ctx.db]);
    assert.ok(JSON.parse(r.stdout).items.some((x) => x.id === id));
    r = await ctx.cli(['person', 'erase', String(id), '--db', ctx.db]);
    assert.equal(r.code, 0, r.stderr);
    r = await ctx.cli(['person', 'show', String(id), '--db', ctx.db]);
    assert.equal(JSON.parse(r.stdout).erased, true);
  });
});
