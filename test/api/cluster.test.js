'use strict';
/*
** cluster.test.js: two servers on one PostgreSQL database (issue 15, the
** production layout: N servers behind a balancer). A and B are two
** `youcheng serve` processes on the same database: a write through A is
** read through B at once, through B's response cache too (the answer
** cached on B, the write on A, B answers the new value); two conflicting
** writes with the same version (If-Match), one through each, end in one
** success and one 409; a session made by a login on A works on B; failed
** logins count across both (the throttle is the table login_attempt, in
** the database: src/core/auth.c, throttle_fail).
**
** The PostgreSQL lane's file (make api-pg: PG_ONLY_API_FILES in the
** Makefile; YC_TEST_ENGINE=pg). The SQLite suite does not list it; run on
** SQLite by hand it fails at once, saying so, rather than skip. Every
** record written here is synthetic.
*/
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const common = require('../common.js');
const { useServer, stopTest, request, BIN, TEST_TIMEOUT, SETUP_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };

if (common.ENGINE !== 'pg') {
  test('cluster.test.js runs in the PostgreSQL lane only', () => {
    assert.fail(`YC_TEST_ENGINE=${common.ENGINE}: this file is the PostgreSQL lane's (make api-pg); the SQLite suite leaves it out`);
  });
} else {
  const a = useServer();
  /* Server B: a second process on A's database (started in the describe's
  ** before hook: after useServer's, which makes A). */
  const b = {};
  const apiA = (m, p, o) => a.api(m, p, o);
  const apiB = (m, p, o) => b.api(m, p, o);
  const tag = `${process.pid}-${Date.now()}`;

  /* GET p on a server until its cache answers it (each worker thread may
  ** compute it once first): the answer, a hit. */
  async function cached(api, p) {
    for (let i = 0; i < 10; i++) {
      const r = await api('GET', p);
      assert.equal(r.status, 200, `${p}: ${r.text.slice(0, 300)}`);
      if (r.headers['x-cache'] === 'hit') return r;
    }
    assert.fail(`${p} never came from the cache`);
  }

  /* POST /login as the form does, on one server: {res, cookie}. */
  async function login(api, user, password) {
    const form = await api('GET', '/login');
    const t = [].concat(form.headers['set-cookie'] || []).find((c) => c.startsWith('yc_login='));
    const m = /name="csrf" value="([^"]+)"/.exec(form.text);
    assert.ok(t && m, 'GET /login gave no CSRF token and cookie');
    const body = new URLSearchParams({ user, password, next: '/', csrf: m[1] }).toString();
    const res = await api('POST', '/login', { body, headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: t.split(';')[0] } });
    const set = [].concat(res.headers['set-cookie'] || []).find((c) => c.startsWith('yc_session='));
    return { res, cookie: set ? set.split(';')[0] : null };
  }

  describe('two servers, one PostgreSQL database', () => {
    before(async () => {
      const srv = await common.startServe(BIN, a.db, {
        timeout: 120_000, args: ['--access-log', path.join(a.dir, 'access-b.log')],
        healthy: async (port) => (await request(port, 'GET', '/healthz')).status === 200,
      });
      Object.assign(b, srv);
      b.api = (method, p, opts) => request(srv.port, method, p, opts);
    }, { timeout: SETUP_TIMEOUT });
    after(async () => {
      if (b.proc && !b.out.exit) { b.proc.kill('SIGTERM'); await b.exited; }
    });

    test('both servers answer from the same database', T, async () => {
      assert.notEqual(a.port, b.port);
      const [ra, rb] = await Promise.all([apiA('GET', '/api/v1/partners?limit=100'), apiB('GET', '/api/v1/partners?limit=100')]);
      assert.equal(ra.status, 200, ra.text);
      assert.equal(rb.status, 200, rb.text);
      assert.ok(ra.json.total > 0, 'the demo data has ties');
      assert.deepEqual(rb.json, ra.json);
    });

    test("a partner's edit through A is read through B at once, past B's response cache", T, async () => {
      const list = await apiB('GET', '/api/v1/partners?limit=1');
      const url = `/api/v1/partners/${list.json.items[0].id}`;
      const old = await cached(apiB, url);
      const notes = `Synthetic note written through server A (${tag})`;
      assert.notEqual(old.json.notes, notes);
      const w = await apiA('PATCH', url, { body: { notes }, token: a.token });
      assert.equal(w.status, 200, w.text);
      assert.equal(w.json.notes, notes);
      const r = await apiB('GET', url);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.notes, notes, 'B answered the partner as it was before the write on A');
      assert.equal(r.headers['x-cache'], 'miss', "the write on A dropped B's cached answer");
      assert.deepEqual(r.json, w.json, 'B reads the record as A wrote it');
    });

    test('a new exchange through A is in B\'s list and readable on B at once', T, async () => {
      const tie = (await apiA('GET', '/api/v1/partners?limit=1')).json.items[0].id;
      const listBefore = await cached(apiB, '/api/v1/exchanges?limit=100');
      const w = await apiA('POST', '/api/v1/exchanges', {
        body: { title: `Synthetic cluster exchange ${tag}`, kind: 'culture', date: '2019', ties: [tie] }, token: a.token,
      });
      assert.equal(w.status, 201, w.text);
      assert.ok(!listBefore.json.items.some((x) => x.id === w.json.id));
      const one = await apiB('GET', `/api/v1/exchanges/${w.json.id}`);
      assert.equal(one.status, 200, one.text);
      assert.equal(one.json.title, `Synthetic cluster exchange ${tag}`);
      const listAfter = await apiB('GET', '/api/v1/exchanges?limit=100');
      assert.equal(listAfter.status, 200, listAfter.text);
      assert.equal(listAfter.json.total, listBefore.json.total + 1, 'B counts the new exchange');
      assert.ok(listAfter.json.items.some((x) => x.id === w.json.id), "the new exchange is in B's list");
    });

    test('two conflicting writes with the same version, one through each server: one saves, one is 409', T, async () => {
      const org = (await apiA('GET', '/api/v1/orgs?limit=1')).json.items[0];
      const url = `/api/v1/orgs/${org.id}`;
      for (let round = 0; round < 5; round++) {
        const cur = await apiB('GET', url, { token: a.token });
        assert.equal(cur.status, 200, cur.text);
        const v = cur.json.version;
        const texts = [`Synthetic: editor on A, round ${round} (${tag})`, `Synthetic: editor on B, round ${round} (${tag})`];
        const [ra, rb] = await Promise.all([
          apiA('PATCH', url, { body: { description: texts[0] }, token: a.token, headers: { 'If-Match': `"${v}"` } }),
          apiB('PATCH', url, { body: { description: texts[1] }, token: a.token, headers: { 'If-Match': `"${v}"` } }),
        ]);
        const statuses = [ra.status, rb.status].sort();
        assert.deepEqual(statuses, [200, 409], `round ${round}: A ${ra.status} ${ra.text.slice(0, 200)}; B ${rb.status} ${rb.text.slice(0, 200)}`);
        const [won, lost] = ra.status === 200 ? [ra, rb] : [rb, ra];
        const winner = ra.status === 200 ? texts[0] : texts[1];
        assert.equal(won.json.description, winner);
        assert.equal(lost.json.error.code, 'conflict');
        assert.equal(lost.json.error.field, 'version');
        assert.equal(lost.json.version, won.json.version, 'the 409 names the version the other write made');
        assert.equal(lost.json.current.description, winner, 'the 409 carries the record as the other write left it');
        for (const api of [apiA, apiB]) {
          const now = await api('GET', url, { token: a.token });
          assert.equal(now.json.description, winner);
          assert.equal(now.json.version, won.json.version);
        }
      }
    });

    test('a session made by a login on A works on B (reads and a write with its CSRF token)', T, async () => {
      const { res, cookie } = await login(apiA, 'alice', require('./lib').PASSWORD);
      assert.equal(res.status, 303, res.text.slice(0, 300));
      assert.ok(cookie, 'login on A set a session cookie');
      const me = await apiB('GET', '/api/v1/me', { headers: { Cookie: cookie } });
      assert.equal(me.status, 200, me.text);
      assert.equal(me.json.name, 'alice');
      const url = `/api/v1/partners/${(await apiB('GET', '/api/v1/partners?limit=1')).json.items[0].id}`;
      const agreement = `Synthetic agreement text via a session of A on B (${tag})`;
      const w = await apiB('PATCH', url, { body: { agreement }, headers: { Cookie: cookie, 'X-CSRF-Token': me.json.csrf } });
      assert.equal(w.status, 200, w.text);
      assert.equal((await apiA('GET', url)).json.agreement, agreement);
      /* Logged out on B: the cookie is dead on A too. */
      const out = await apiB('POST', '/logout', { body: new URLSearchParams({ csrf: me.json.csrf }).toString(),
        headers: { Cookie: cookie, 'X-CSRF-Token': me.json.csrf, 'Content-Type': 'application/x-www-form-urlencoded' } });
      assert.ok(out.status >= 300 && out.status < 400, `logout answered ${out.status}`);
      assert.equal((await apiA('GET', '/api/v1/me', { headers: { Cookie: cookie } })).status, 401);
    });

    test('failed logins count across both servers: 5 wrong passwords split over A and B lock the account on both', T, async () => {
      const user = `tom${process.pid % 10000}`;
      const r = await a.cli(['user', 'add', user, '--password-stdin', '--db', a.db], { input: 'tom passphrase 1\n' });
      assert.equal(r.code, 0, r.stderr);
      const order = [apiA, apiB, apiA, apiB, apiB];
      for (let i = 0; i < order.length; i++) {
        const { res } = await login(order[i], user, `wrong passphrase ${i}`);
        assert.equal(res.status, 401, `failed login ${i + 1} answered ${res.status}`);
      }
      /* The 6th attempt, on either server, right password or not: 429. */
      for (const [api, pw] of [[apiA, 'tom passphrase 1'], [apiB, 'tom passphrase 1'], [apiA, 'wrong passphrase 6']]) {
        const { res, cookie } = await login(api, user, pw);
        assert.equal(res.status, 429, `after 5 failures over both servers: ${res.status}`);
        assert.ok(Number(res.headers['retry-after']) > 0, JSON.stringify(res.headers));
        assert.equal(cookie, null);
      }
      /* Another account still logs in on both. */
      for (const api of [apiA, apiB]) assert.equal((await login(api, 'alice', require('./lib').PASSWORD)).res.status, 303);
    });

    test('server B stops cleanly on SIGTERM', T, async () => {
      b.proc.kill('SIGTERM');
      const e = await b.exited;
      assert.equal(e.signal, null, b.out.stderr);
      assert.equal(e.code, 0, b.out.stderr.slice(0, 4000));
      assert.ok(!common.sanitizerErrors(b.out.stderr), b.out.stderr.slice(0, 4000));
    });
  });

  stopTest(a);
}
