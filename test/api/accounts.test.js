'use strict';
/*
** accounts.test.js: accounts, sessions and login throttling (issue 12,
** item 7). A password change and a disable end the user's session and
** token (401 after); failed logins are throttled (the 6th attempt of an
** account answers 429 with Retry-After at once, while another client's
** read is still answered 200); an unknown and a known user name are
** refused alike; sessions end idle and absolute, tokens at their expiry;
** last_used is written on use; the password policy names `password`;
** editors and viewers get 403 on every admin route and change nothing.
** Every account here is synthetic.
*/
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const common = require('../common.js');
const { useServer, stopTest, assertError, run, sqlWrite, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const ctx = useServer();
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
const ADMIN_PW = 'admin passphrase (synthetic)';

/* Write to the database behind the server's back. */
async function write(query) {
  const r = await sqlWrite(ctx.db, query);
  assert.equal(r.code, 0, r.stderr);
}

async function addUser(name, password, role = 'editor') {
  const r = await ctx.cli(['user', 'add', name, '--role', role, '--password-stdin', '--db', ctx.db], { input: `${password}\n` });
  assert.equal(r.code, 0, r.stderr);
}

async function tokenFor(name, extra = []) {
  const r = await ctx.cli(['token', 'create', name, ...extra, '--db', ctx.db]);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.trim();
}

const login = (user, password) => ctx.login(user, password);

const me = (o) => ctx.api('GET', '/api/v1/me', o);

let adminToken;

describe('accounts', () => {
  test('set-up: an admin with a named token', T, async () => {
    await addUser('ada', ADMIN_PW, 'admin');
    adminToken = await tokenFor('ada', ['--name', 'test runner']);
    const res = await me({ token: adminToken });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.role, 'admin');
  });

  test('password policy: too short, the user name, a common password; errors name password', T, async () => {
    await addUser('polly', 'polly passphrase 1');
    for (const [pw, code] of [['short pw', 'too_short'], ['Polly.Wolly', null], ['polly', 'too_short'], ['1234567890', 'common_password'],
      ['Password123', 'common_password'], ['iloveyou123', 'common_password']]) {
      const r = await ctx.cli(['user', 'passwd', pw === 'Polly.Wolly' ? 'Polly.Wolly' : 'polly', '--password-stdin', '--db', ctx.db], { input: `${pw}\n` });
      if (code === null) continue;   /* no such user: covered by the same-name case below */
      assert.notEqual(r.code, 0, pw);
      assert.match(r.stderr, new RegExp(`\\(password: ${code}\\)`), `${pw}: ${r.stderr}`);
    }
    await addUser('sam.name', 'another passphrase');
    const r = await ctx.cli(['user', 'passwd', 'sam.name', '--password-stdin', '--db', ctx.db], { input: 'SAM.NAME\n' });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /\(password: too_short\)|\(password: same_as_name\)/);
    const r2 = await ctx.cli(['user', 'add', 'samantha.long', '--password-stdin', '--db', ctx.db], { input: 'samantha.long\n' });
    assert.match(r2.stderr, /\(password: same_as_name\)/);
    const { res } = await login('polly', 'polly passphrase 1');   /* nothing changed */
    assert.equal(res.status, 303);
  });

  test('user passwd ends the old session and token: 401 after', T, async () => {
    await addUser('pat', 'pat passphrase 1');
    const tok = await tokenFor('pat');
    const { res, cookie } = await login('pat', 'pat passphrase 1');
    assert.equal(res.status, 303);
    assert.equal((await me({ headers: { Cookie: cookie } })).status, 200);
    assert.equal((await me({ token: tok })).status, 200);
    const r = await ctx.cli(['user', 'passwd', 'pat', '--password-stdin', '--db', ctx.db], { input: 'pat passphrase 2\n' });
    assert.equal(r.code, 0, r.stderr);
    assertError(await me({ headers: { Cookie: cookie } }), 401);
    assertError(await me({ token: tok }), 401);
    assert.equal((await login('pat', 'pat passphrase 1')).res.status, 401);
    assert.equal((await login('pat', 'pat passphrase 2')).res.status, 303);
  });

  test('disable (API) ends session and token; a disabled user cannot log in; enable lets them in', T, async () => {
    await addUser('dora', 'dora passphrase 1');
    const tok = await tokenFor('dora');
    const { cookie } = await login('dora', 'dora passphrase 1');
    const id = Number((await ctx.sql("SELECT id FROM user WHERE name='dora'")).trim());
    let res = await ctx.api('PATCH', `/api/v1/users/${id}`, { token: adminToken, body: { disabled: true } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.disabled, true);
    assertError(await me({ headers: { Cookie: cookie } }), 401);
    assertError(await me({ token: tok }), 401);
    assert.equal((await login('dora', 'dora passphrase 1')).res.status, 401);
    res = await ctx.api('PATCH', `/api/v1/users/${id}`, { token: adminToken, body: { disabled: false, role: 'viewer' } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.role, 'viewer');
    const l = await login('dora', 'dora passphrase 1');
    assert.equal(l.res.status, 303);
    assert.equal((await me({ headers: { Cookie: l.cookie } })).json.role, 'viewer');
    assertError(await me({ token: tok }), 401);      /* tokens stay revoked */
    /* CLI: disable/enable/role by name. */
    let r = await ctx.cli(['user', 'disable', 'dora', '--db', ctx.db]);
    assert.equal(r.code, 0, r.stderr);
    assertError(await me({ headers: { Cookie: l.cookie } }), 401);
    r = await ctx.cli(['user', 'enable', 'dora', '--db', ctx.db]);
    assert.equal(r.code, 0, r.stderr);
    r = await ctx.cli(['user', 'role', 'dora', 'editor', '--json', '--db', ctx.db]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).role, 'editor');
    r = await ctx.cli(['user', 'role', 'dora', 'god', '--db', ctx.db]);
    assert.match(r.stderr, /\(role: invalid_value\)/);
    r = await ctx.cli(['user', 'list', '--db', ctx.db]);
    assert.match(r.stdout, /dora\s+editor\s+active/);
  });

  test('bad PATCH bodies name the field and change nothing', T, async () => {
    const id = Number((await ctx.sql("SELECT id FROM user WHERE name='polly'")).trim());
    await ctx.rejected('PATCH', `/api/v1/users/${id}`, { token: adminToken, body: { role: 'owner' } }, { status: 400, field: 'role' });
    await ctx.rejected('PATCH', `/api/v1/users/${id}`, { token: adminToken, body: { disabled: 'yes' } }, { status: 400, field: 'disabled' });
    await ctx.rejected('PATCH', `/api/v1/users/${id}`, { token: adminToken, body: { password: 'x' } }, { status: 400, field: 'password' });
    await ctx.rejected('PATCH', '/api/v1/users/99999', { token: adminToken, body: { role: 'viewer' } }, { status: 404 });
    const self = Number((await ctx.sql("SELECT id FROM user WHERE name='ada'")).trim());
    await ctx.rejected('PATCH', `/api/v1/users/${self}`, { token: adminToken, body: { disabled: true } }, { status: 400, field: 'disabled' });
  });

  test('the login form carries a CSRF token: without it, or without its cookie, 403 and no session', T, async () => {
    const body = new URLSearchParams({ user: 'polly', password: 'polly passphrase 1', next: '/' }).toString();
    let res = await ctx.api('POST', '/login', { body, headers: FORM });
    assert.equal(res.status, 403);
    assert.equal([].concat(res.headers['set-cookie'] || []).filter((c) => c.startsWith('yc_session=')).length, 0);
    res = await ctx.api('POST', '/login', { body: `${body}&csrf=${'a'.repeat(43)}`, headers: { ...FORM, Cookie: `yc_login=${'b'.repeat(43)}` } });
    assert.equal(res.status, 403);
    const form = await ctx.api('GET', '/login');
    assert.match(form.text, /name="csrf" value="[A-Za-z0-9_-]{43}"/);
    assert.match([].concat(form.headers['set-cookie']).join('\n'), /yc_login=[A-Za-z0-9_-]{43}; Path=\/login; HttpOnly; SameSite=Lax/);
  });

  test('logout deletes the session on the server', T, async () => {
    const { cookie } = await login('polly', 'polly passphrase 1');
    const m = await me({ headers: { Cookie: cookie } });
    const n0 = Number((await ctx.sql("SELECT count(*) FROM session s JOIN user u ON u.id=s.user_id WHERE u.name='polly'")).trim());
    const res = await ctx.api('POST', '/logout', { body: new URLSearchParams({ csrf: m.json.csrf }).toString(), headers: { ...FORM, Cookie: cookie } });
    assert.equal(res.status, 303);
    const n1 = Number((await ctx.sql("SELECT count(*) FROM session s JOIN user u ON u.id=s.user_id WHERE u.name='polly'")).trim());
    assert.equal(n1, n0 - 1);
    assertError(await me({ headers: { Cookie: cookie } }), 401);
  });

  test('sessions end idle (12 h) and absolute (7 days)', T, async () => {
    let { cookie } = await login('polly', 'polly passphrase 1');
    assert.equal((await me({ headers: { Cookie: cookie } })).status, 200);
    await write("UPDATE session SET last_seen=strftime('%Y-%m-%dT%H:%M:%SZ','now','-13 hours') WHERE user_id=(SELECT id FROM user WHERE name='polly')");
    assertError(await me({ headers: { Cookie: cookie } }), 401);
    ({ cookie } = await login('polly', 'polly passphrase 1'));
    await write("UPDATE session SET expires_at=strftime('%Y-%m-%dT%H:%M:%SZ','now','-1 minute') WHERE user_id=(SELECT id FROM user WHERE name='polly')");
    assertError(await me({ headers: { Cookie: cookie } }), 401);
  });

  test('tokens: name, created, last_used written on use, expiry (401 after), revoke', T, async () => {
    const tok = await tokenFor('polly', ['--name', 'ci job', '--expires', '30']);
    let res = await ctx.api('GET', '/api/v1/tokens?user=polly', { token: adminToken });
    assert.equal(res.status, 200, res.text);
    const t = res.json.items.find((x) => x.name === 'ci job');
    assert.ok(t, res.text);
    assert.equal(t.user, 'polly');
    assert.equal(t.last_used, null);
    assert.match(t.created_at, /^\d{4}-\d\d-\d\dT/);
    assert.ok(t.expires_at > t.created_at);
    assert.equal((await me({ token: tok })).status, 200);
    res = await ctx.api('GET', '/api/v1/tokens?user=polly', { token: adminToken });
    assert.match(res.json.items.find((x) => x.id === t.id).last_used, /^\d{4}-\d\d-\d\dT/);
    const list = await ctx.cli(['token', 'list', '--user', 'polly', '--db', ctx.db]);
    assert.match(list.stdout, /ci job/);
    await write(`UPDATE token SET expires_at='2001-01-01T00:00:00Z' WHERE id=${t.id}`);
    assertError(await me({ token: tok }), 401);
    const tok2 = await tokenFor('polly', ['--name', 'to revoke']);
    res = await ctx.api('GET', '/api/v1/tokens', { token: adminToken });
    const t2 = res.json.items.find((x) => x.name === 'to revoke');
    res = await ctx.api('DELETE', `/api/v1/tokens/${t2.id}`, { token: adminToken });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json, { id: t2.id, deleted: true });
    assertError(await me({ token: tok2 }), 401);
    await ctx.rejected('DELETE', `/api/v1/tokens/${t2.id}`, { token: adminToken }, { status: 404 });
    await ctx.rejected('GET', '/api/v1/tokens?user=nobody', { token: adminToken }, { status: 400, field: 'user' });
    await ctx.rejected('GET', '/api/v1/tokens?x=1', { token: adminToken }, { status: 400, field: 'x' });
    const bad = await ctx.cli(['token', 'create', 'polly', '--expires', '0', '--db', ctx.db]);
    assert.equal(bad.code, 2);
  });

  test('GET /api/v1/users: users with role, state, last login and tokens', T, async () => {
    const res = await ctx.api('GET', '/api/v1/users', { token: adminToken });
    assert.equal(res.status, 200, res.text);
    const ada = res.json.items.find((u) => u.name === 'ada');
    assert.equal(ada.role, 'admin');
    assert.equal(ada.disabled, false);
    assert.ok(ada.tokens.some((t) => t.name === 'test runner'));
    const polly = res.json.items.find((u) => u.name === 'polly');
    assert.match(polly.last_login, /^\d{4}-/);
    assert.equal(res.json.total, res.json.items.length);
    assert.ok(!JSON.stringify(res.json).includes('pw_hash') && !JSON.stringify(res.json).includes('argon2'));
  });

  test('editors and viewers: 403 on every admin route, nothing changed; anonymous 401', T, async () => {
    const id = Number((await ctx.sql("SELECT id FROM user WHERE name='polly'")).trim());
    const tid = Number((await ctx.sql('SELECT min(id) FROM token')).trim());
    for (const token of [ctx.token, ctx.viewerToken]) {
      await ctx.rejected('GET', '/api/v1/users', { token }, { status: 403 });
      await ctx.rejected('GET', '/api/v1/tokens', { token }, { status: 403 });
      await ctx.rejected('PATCH', `/api/v1/users/${id}`, { token, body: { role: 'admin' } }, { status: 403 });
      await ctx.rejected('PATCH', `/api/v1/users/${id}`, { token, body: { disabled: true } }, { status: 403 });
      await ctx.rejected('DELETE', `/api/v1/tokens/${tid}`, { token }, { status: 403 });
    }
    await ctx.rejected('GET', '/api/v1/users', {}, { status: 401 });
    await ctx.rejected('GET', '/api/v1/tokens', {}, { status: 401 });
    await ctx.rejected('PATCH', `/api/v1/users/${id}`, { body: { role: 'admin' } }, { status: 401 });
    await ctx.rejected('DELETE', `/api/v1/tokens/${tid}`, {}, { status: 401 });
    /* The page and its forms, signed in as the editor alice. */
    const { cookie } = await login('alice', require('./lib').PASSWORD);
    const csrf = (await me({ headers: { Cookie: cookie } })).json.csrf;
    const page = await ctx.api('GET', '/admin/users', { headers: { Cookie: cookie } });
    assert.equal(page.status, 403);
    const fp = await ctx.fingerprint();
    let res = await ctx.api('POST', `/admin/users/${id}`, { body: new URLSearchParams({ csrf, role: 'admin' }).toString(), headers: { ...FORM, Cookie: cookie } });
    assert.equal(res.status, 403);
    res = await ctx.api('POST', '/admin/tokens/revoke', { body: new URLSearchParams({ csrf, id: String(tid) }).toString(), headers: { ...FORM, Cookie: cookie } });
    assert.equal(res.status, 403);
    assert.equal(await ctx.fingerprint(), fp);
    /* The admin's page lists the users and tokens. */
    const a = await login('ada', ADMIN_PW);
    const ok = await ctx.api('GET', '/admin/users', { headers: { Cookie: a.cookie } });
    assert.equal(ok.status, 200);
    assert.match(ok.text, /polly/);
    assert.match(ok.text, /test runner/);
  });

  test('throttle: the 6th wrong password answers 429 with Retry-After at once; another client reads 200', T, async () => {
    await addUser('tom', 'tom passphrase 1');
    for (let i = 0; i < 5; i++) {
      const { res } = await login('tom', `wrong passphrase ${i}`);
      assert.equal(res.status, 401, `attempt ${i + 1}`);
    }
    const [sixth, right, read] = await Promise.all([
      login('tom', 'wrong passphrase 6'),
      login('tom', 'tom passphrase 1'),
      ctx.api('GET', '/api/v1/partners?limit=5'),
    ]);
    assert.equal(sixth.res.status, 429);
    assert.ok(Number(sixth.res.headers['retry-after']) > 0, JSON.stringify(sixth.res.headers));
    assert.equal(sixth.cookie, null);
    assert.equal(right.res.status, 429, 'the right password is refused while locked');
    assert.equal(read.status, 200);
    /* Another account still logs in. */
    assert.equal((await login('polly', 'polly passphrase 1')).res.status, 303);
    /* An unknown name is refused like a known one (both verify a hash: test_auth.c auth-7). */
    const a = await login('no-such-user', 'wrong passphrase x');
    const b = await login('polly', 'wrong passphrase x');
    assert.equal(a.res.status, 401);
    assert.equal(b.res.status, 401);
    const same = (t, name) => t.replaceAll(name, 'X').replace(/name="csrf" value="[^"]+"/, '');
    assert.equal(same(a.res.text, 'no-such-user'), same(b.res.text, 'polly'));
  });

  stopTest(ctx);
});
