'use strict';
/* auth.test.js: bearer tokens, roles, sessions with CSRF; reads are public. */
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { useServer, stopTest, qs, assertError, PASSWORD, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const ctx = useServer({ admin: true });

/* Every write route, with a body that would succeed for an editor. The
** city 2988507 (Paris) is a synthetic fixture: it is no demo partner. */
const WRITES = [
  ['POST', '/api/v1/partners', { city_id: 2988507, kind: 'cooperation', notes: 'synthetic fixture' }],
  ['PATCH', '/api/v1/partners/1', { notes: 'changed by an intruder' }],
  ['DELETE', '/api/v1/partners/1', undefined],
  ['POST', '/api/v1/orgs', { name_en: 'Intruder Org (synthetic)', type: 'enterprise', side: 'home' }],
  ['PATCH', '/api/v1/orgs/1', { notes: 'changed by an intruder' }],
  ['DELETE', '/api/v1/orgs/1', undefined],
  ['POST', '/api/v1/import/partners', 'city_id,kind\n2988507,cooperation\n'],
];
const importHeaders = (m, p) => (p.includes('import') ? { 'Content-Type': 'text/csv' } : {});

describe('GET /api/v1/me', () => {
  test('401 without credentials, with a WWW-Authenticate challenge', T, async () => {
    const res = await ctx.api('GET', '/api/v1/me');
    assertError(res, 401);
    assert.match(res.headers['www-authenticate'] || '', /^Bearer/);
  });

  test('the token owner and role', T, async () => {
    let res = await ctx.api('GET', '/api/v1/me', { token: ctx.token });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.name, 'alice');
    assert.equal(res.json.role, 'editor');
    assert.ok(!('csrf' in res.json), 'no CSRF token for bearer auth');
    res = await ctx.api('GET', '/api/v1/me', { token: ctx.viewerToken });
    assert.equal(res.status, 200);
    assert.deepEqual(res.json, { name: 'victor', role: 'viewer' });
  });

  test('bad credentials are 401', T, async () => {
    const bad = [
      { Authorization: 'Bearer garbage' },
      { Authorization: 'Bearer ' },
      { Authorization: `Bearer ${ctx.token}x` },
      { Authorization: `Bearer ${ctx.token.slice(0, -1)}` },
      { Authorization: `Bearer ${'A'.repeat(5000)}` },
      { Authorization: `Basic ${Buffer.from('alice:' + PASSWORD).toString('base64')}` },
      { Authorization: ctx.token },
      { Cookie: 'yc_session=garbage' },
      { Cookie: `yc_session=${ctx.token}` },
    ];
    for (const headers of bad) assertError(await ctx.api('GET', '/api/v1/me', { headers }), 401, undefined);
  });

  test('the Bearer scheme is case-insensitive', T, async () => {
    const res = await ctx.api('GET', '/api/v1/me', { headers: { Authorization: `bearer ${ctx.token}` } });
    assert.equal(res.status, 200);
    assert.equal(res.json.name, 'alice');
  });
});

describe('writes need an editor', () => {
  test('no token: 401, nothing written', T, async () => {
    for (const [m, p, body] of WRITES) {
      await ctx.rejected(m, p, { body, headers: importHeaders(m, p) }, { status: 401 });
    }
  });

  test('a garbage or malformed token: 401, nothing written', T, async () => {
    for (const [m, p, body] of WRITES) {
      await ctx.rejected(m, p, { body, token: 'yc_notarealtokenatallnotarealtokenatall123', headers: importHeaders(m, p) }, { status: 401 });
    }
    await ctx.rejected('POST', '/api/v1/partners', { body: WRITES[0][2], headers: { Authorization: 'Token abc' } }, { status: 401 });
  });

  test('a viewer token: 403, nothing written', T, async () => {
    for (const [m, p, body] of WRITES) {
      const { error } = await ctx.rejected(m, p, { body, token: ctx.viewerToken, headers: importHeaders(m, p) }, { status: 403 });
      assert.equal(error.code, 'forbidden');
    }
  });

  test('authentication is checked before the body is parsed', T, async () => {
    await ctx.rejected('POST', '/api/v1/partners', { body: '{not json' }, { status: 401 });
    await ctx.rejected('POST', '/api/v1/partners', { body: '{not json', token: ctx.viewerToken }, { status: 403 });
  });

  test('reads are public', T, async () => {
    for (const p of ['/api/v1/partners', '/api/v1/partners/1', '/api/v1/orgs', '/api/v1/orgs/1', '/api/v1/countries',
      `/api/v1/cities${qs({ q: 'Jinan' })}`, '/api/v1/cities/1805753', '/api/v1/industries', '/api/v1/stats', '/healthz']) {
      const res = await ctx.api('GET', p);
      assert.equal(res.status, 200, `${p}: ${res.text.slice(0, 200)}`);
    }
    /* A bad token on a public read is ignored, not an error. */
    assert.equal((await ctx.api('GET', '/api/v1/partners', { token: 'garbage' })).status, 200);
  });

  test('an editor token writes, and the audit trail names the user', T, async () => {
    const res = await ctx.api('POST', '/api/v1/partners', { body: WRITES[0][2], token: ctx.token });
    assert.equal(res.status, 201, res.text);
    const audit = await ctx.sql(`SELECT actor || '|' || coalesce(CAST(user_id AS TEXT),'') FROM audit WHERE entity='tie' AND entity_id=${res.json.id}`);
    const uid = (await ctx.sql("SELECT id FROM user WHERE name='alice'")).trim();
    assert.equal(audit.trim(), `alice|${uid}`);
    const del = await ctx.api('DELETE', `/api/v1/partners/${res.json.id}`, { token: ctx.adminToken });
    assert.equal(del.status, 200);
  });

  test('a token made while the server runs works at once', T, async () => {
    const r = await ctx.cli(['token', 'create', 'victor', '--db', ctx.db]);
    assert.equal(r.code, 0, r.stderr);
    const tok = r.stdout.trim();
    const me = await ctx.api('GET', '/api/v1/me', { token: tok });
    assert.equal(me.status, 200);
    assert.equal(me.json.name, 'victor');
    assert.notEqual(tok, ctx.viewerToken);
  });
});

describe('sessions (POST /login) and CSRF', () => {
  let cookie, csrf;
  const form = (o) => new URLSearchParams(o).toString();

  test('a wrong password is refused and sets no cookie', T, async () => {
    const { res } = await ctx.login('alice', 'wrong password');
    assert.equal(res.status, 401);
    assert.equal(res.headers['set-cookie'], undefined);
    const { res: res2 } = await ctx.login('nobody', PASSWORD);
    assert.equal(res2.status, 401);
  });

  test('login sets an HttpOnly session cookie; /me returns the CSRF token', T, async () => {
    const { res } = await ctx.login('alice', PASSWORD);
    assert.ok(res.status === 302 || res.status === 303, `login answered ${res.status}`);
    const set = [].concat(res.headers['set-cookie'] || []).join('\n');
    const m = /yc_session=([^;]+);/.exec(set);
    assert.ok(m, `no session cookie in ${set}`);
    assert.match(set, /HttpOnly/);
    assert.match(set, /SameSite=(Lax|Strict)/);
    cookie = `yc_session=${m[1]}`;
    const me = await ctx.api('GET', '/api/v1/me', { headers: { Cookie: cookie } });
    assert.equal(me.status, 200, me.text);
    assert.equal(me.json.name, 'alice');
    assert.equal(typeof me.json.csrf, 'string');
    assert.ok(me.json.csrf.length >= 20);
    csrf = me.json.csrf;
  });

  test('a session write without or with a wrong X-CSRF-Token is 403, nothing written', T, async () => {
    const body = { notes: 'CSRF attempt' };
    const { error } = await ctx.rejected('PATCH', '/api/v1/partners/1', { body, headers: { Cookie: cookie } }, { status: 403 });
    assert.equal(error.code, 'csrf');
    await ctx.rejected('PATCH', '/api/v1/partners/1', { body, headers: { Cookie: cookie, 'X-CSRF-Token': `${csrf}x` } }, { status: 403 });
    await ctx.rejected('PATCH', '/api/v1/partners/1', { body, headers: { Cookie: cookie, 'X-CSRF-Token': '' } }, { status: 403 });
    await ctx.rejected('DELETE', '/api/v1/orgs/1', { headers: { Cookie: cookie, 'X-CSRF-Token': csrf.slice(1) } }, { status: 403 });
  });

  test('a session write with the CSRF token succeeds', T, async () => {
    const before = (await ctx.api('GET', '/api/v1/partners/1')).json;
    const res = await ctx.api('PATCH', '/api/v1/partners/1', { body: { agreement: 'Agreement text (synthetic)' }, headers: { Cookie: cookie, 'X-CSRF-Token': csrf } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.agreement, 'Agreement text (synthetic)');
    const back = await ctx.api('PATCH', '/api/v1/partners/1', { body: { agreement: before.agreement }, headers: { Cookie: cookie, 'X-CSRF-Token': csrf } });
    assert.equal(back.status, 200);
    assert.equal(back.json.agreement, before.agreement);
  });

  test('after logout the cookie no longer authenticates', T, async () => {
    const res = await ctx.api('POST', '/logout', { body: form({ csrf }), headers: { Cookie: cookie, 'X-CSRF-Token': csrf, 'Content-Type': 'application/x-www-form-urlencoded' } });
    assert.ok(res.status >= 300 && res.status < 400, `logout answered ${res.status}`);
    assertError(await ctx.api('GET', '/api/v1/me', { headers: { Cookie: cookie } }), 401);
    await ctx.rejected('PATCH', '/api/v1/partners/1', { body: { notes: 'x' }, headers: { Cookie: cookie, 'X-CSRF-Token': csrf } }, { status: 401 });
  });
});

stopTest(ctx);
