'use strict';
/*
** badinput.test.js: a corpus of bad requests. Each must answer 4xx with the
** error shape, leave the database byte-for-byte unchanged (sha256 of
** `sqlite3 .dump`) and leave the server answering /healthz.
*/
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const { useServer, stopTest, qs, assertError, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const ctx = useServer({ admin: true });

/* Synthetic fixture city for create attempts: Paris, no demo partner. */
const PARIS = 2988507;
const post = (body, extra = {}) => ['POST', '/api/v1/partners', { body, token: ctx.token, ...extra }];

describe('request bodies', () => {
  test('malformed JSON, non-objects, duplicate keys, empty body', T, async () => {
    const bodies = [
      '{"city_id": 2988507, "kind": "sister"', '{city_id: 1}', "{'city_id': 1}", '{"city_id": 1,}', 'nul',
      '[{"city_id": 2988507, "kind": "sister"}]', '[]', '"sister"', '42', 'null', 'true',
      '{"city_id": 2988507, "kind": "sister", "kind": "cooperation"}',
      '{"city_id": 2988507, "kind": "sister"} {"x": 1}',
      '{"city_id": 2988507, "kind": "sister", "label": "\\ud800"}',
      '{"city_id": 2988507, "kind": "sister", "label": "a\\u0000b"}',
      '[' .repeat(100000) + ']'.repeat(100000),
    ];
    for (const b of bodies) {
      await ctx.rejected(...post(b), { status: 400 });
    }
    await ctx.rejected('POST', '/api/v1/partners', { body: '', token: ctx.token }, { status: 400 });
    await ctx.rejected('POST', '/api/v1/orgs', { body: '[1,2]', token: ctx.token }, { status: 400 });
    await ctx.rejected('PATCH', '/api/v1/partners/1', { body: '{"notes": "a", "notes": "b"}', token: ctx.token }, { status: 400 });
  });

  test('wrong Content-Type', T, async () => {
    const body = JSON.stringify({ city_id: PARIS, kind: 'sister' });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'text/csv']) {
      await ctx.rejected(...post(body, { headers: { 'Content-Type': type } }), { status: 400 });
    }
  });

  test('wrong types name the field', T, async () => {
    const cases = [
      [{ city_id: 'abc', kind: 'sister' }, 'city_id'],
      [{ city_id: '2988507', kind: 'sister' }, 'city_id'],
      [{ city_id: true, kind: 'sister' }, 'city_id'],
      [{ city_id: [PARIS], kind: 'sister' }, 'city_id'],
      [{ city_id: 1e30, kind: 'sister' }, 'city_id'],
      [{ city_id: -5, kind: 'sister' }, 'city_id'],
      [{ city_id: PARIS, kind: 5 }, 'kind'],
      [{ city_id: PARIS, kind: ['sister'] }, 'kind'],
      [{ city_id: PARIS, kind: 'sister', sources: 'x' }, 'sources'],
      [{ city_id: PARIS, kind: 'sister', sources: [1] }, 'sources'],
      [{ city_id: PARIS, kind: 'sister', sources: [null] }, 'sources'],
      [{ city_id: PARIS, kind: 'sister', sources: [''] }, 'sources'],
      [{ city_id: PARIS, kind: 'sister', sources: { a: 'b' } }, 'sources'],
      [{ city_id: PARIS, kind: 'sister', kind_verified: 1 }, 'kind_verified'],
      [{ city_id: PARIS, kind: 'sister', kind_verified: 'true' }, 'kind_verified'],
      [{ city_id: PARIS, kind: 'sister', established: 2019 }, 'established'],
      [{ city_id: PARIS, kind: 'sister', established: ['2019'] }, 'established'],
      [{ city_id: PARIS, kind: 'sister', notes: 12 }, 'notes'],
      [{ city_id: PARIS, kind: 'sister', label: { en: 'x' } }, 'label'],
      [{ city_id: PARIS, kind: 'sister', status: true }, 'status'],
    ];
    for (const [body, field] of cases) await ctx.rejected(...post(body), { status: 400, field });
  });

  test('missing required fields and unknown fields', T, async () => {
    await ctx.rejected(...post({ kind: 'sister' }), { status: 400, field: 'city_id' });
    await ctx.rejected(...post({ city_id: PARIS }), { status: 400, field: 'kind' });
    await ctx.rejected(...post({}), { status: 400 });
    await ctx.rejected(...post({ city_id: PARIS, kind: 'sister', name: 'Paris' }), { status: 400, field: 'name' });
    await ctx.rejected(...post({ city_id: PARIS, kind: 'sister', Kind: 'sister' }), { status: 400, field: 'Kind' });
    await ctx.rejected(...post({ city_id: PARIS, kind: 'sister', established: { date: '2019', extra: 1 } }), { status: 400, field: 'established' });
    await ctx.rejected('POST', '/api/v1/orgs', { body: { type: 'park', side: 'home' }, token: ctx.token }, { status: 400, field: 'name_en' });
    await ctx.rejected('PATCH', '/api/v1/orgs/1', { body: { name: 'x' }, token: ctx.token }, { status: 400, field: 'name' });
  });

  test('invalid dates are 400 on "established"', T, async () => {
    for (const d of ['2019-13-45', '2019-02-30', '2019-00-10', '2019-04-31', '2019-12-32', '2019-13', '2019-00', '19-01-01',
      '2019/01/01', '2019-1-1', '20190101', ' 2019', '2019 ', '', 'yesterday', '２０１９', '2019-01-01T00:00:00Z', '1900-02-29']) {
      await ctx.rejected(...post({ city_id: PARIS, kind: 'sister', established: d }), { status: 400, field: 'established' });
    }
    await ctx.rejected('PATCH', '/api/v1/partners/1', { body: { established: '2019-02-30' }, token: ctx.token }, { status: 400, field: 'established' });
  });

  test('control characters, untrimmed and over-long strings', T, async () => {
    const cases = [
      [{ label: 'Paris\u0001' }, 'label'], [{ label: 'Par\nis' }, 'label'], [{ label: 'Paris\u001b[31m' }, 'label'],
      [{ city_name_zh: '巴黎\u0007' }, 'city_name_zh'], [{ sources: ['ok', 'bad\u0002'] }, 'sources'],
      [{ notes: 'bell\u0007' }, 'notes'], [{ label: '\tParis' }, 'label'],
      [{ notes: 'x'.repeat(20001) }, 'notes'], [{ agreement: 'y'.repeat(20001) }, 'agreement'],
      [{ notes: '文'.repeat(20001) }, 'notes'], [{ sources: ['s'.repeat(2001)] }, 'sources'],
      [{ city_name_zh: '巴'.repeat(101) }, 'city_name_zh'],
    ];
    for (const [extra, field] of cases) {
      await ctx.rejected(...post({ city_id: PARIS, kind: 'sister', ...extra }), { status: 400, field });
    }
    await ctx.rejected('POST', '/api/v1/orgs', { body: { name_en: 'Ctrl\u0003 Org', type: 'park', side: 'home' }, token: ctx.token }, { status: 400, field: 'name_en' });
  });

  test('invalid UTF-8 in the body', T, async () => {
    const bad = Buffer.concat([Buffer.from('{"city_id": 2988507, "kind": "sister", "label": "'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    await ctx.rejected(...post(bad), { status: 400 });
    const overlong = Buffer.concat([Buffer.from('{"city_id": 2988507, "kind": "sister", "notes": "'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]);
    await ctx.rejected(...post(overlong), { status: 400 });
    const truncated = Buffer.concat([Buffer.from('{"city_id": 2988507, "kind": "sister", "notes": "'), Buffer.from([0xe6, 0xb5]), Buffer.from('"}')]);
    await ctx.rejected(...post(truncated), { status: 400 });
    const surrogate = Buffer.concat([Buffer.from('{"city_id": 2988507, "kind": "sister", "notes": "'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]);
    await ctx.rejected(...post(surrogate), { status: 400 });
  });

  test('a body over 1 MiB is 413', T, async () => {
    const big = JSON.stringify({ city_id: PARIS, kind: 'sister', notes: 'x'.repeat((1 << 20) + 10) });
    await ctx.rejected(...post(big), { status: 413 });
    await ctx.rejected('PATCH', '/api/v1/partners/1', { body: big, token: ctx.token }, { status: 413 });
    await ctx.rejected('POST', '/api/v1/import/partners', { body: `city_id,kind\n${'1,sister\n'.repeat(130000)}`, token: ctx.token, headers: { 'Content-Type': 'text/csv' } }, { status: 413 });
  });

  test('unknown ids on writes are 404', T, async () => {
    await ctx.rejected('PATCH', '/api/v1/partners/999999', { body: { notes: 'x' }, token: ctx.token }, { status: 404 });
    await ctx.rejected('DELETE', '/api/v1/partners/999999', { token: ctx.token }, { status: 404 });
    await ctx.rejected('DELETE', '/api/v1/partners/abc', { token: ctx.token }, { status: 404 });
    await ctx.rejected('PATCH', '/api/v1/orgs/999999', { body: { notes: 'x' }, token: ctx.token }, { status: 404 });
    await ctx.rejected('DELETE', '/api/v1/orgs/999999', { token: ctx.token }, { status: 404 });
    await ctx.rejected('DELETE', '/api/v1/orgs/-1', { token: ctx.token }, { status: 404 });
    await ctx.rejected('DELETE', '/api/v1/orgs/9223372036854775807', { token: ctx.token }, { status: 404 });
    await ctx.rejected('DELETE', '/api/v1/partners/1e3', { token: ctx.token }, { status: 404 });
  });

  test('query parameters on writes are refused', T, async () => {
    await ctx.rejected('POST', '/api/v1/partners?dry_run=1', { body: { city_id: PARIS, kind: 'sister' }, token: ctx.token }, { status: 400, field: 'dry_run' });
    await ctx.rejected('DELETE', '/api/v1/partners/1?force=1', { token: ctx.token }, { status: 400, field: 'force' });
  });
});

describe('query strings and paths', () => {
  test('invalid UTF-8 in the query string', T, async () => {
    for (const p of ['/api/v1/partners?q=%FF', '/api/v1/partners?q=%C3%28', '/api/v1/orgs?q=%FF%FE', '/api/v1/cities?q=%FF',
      '/api/v1/partners?%FF=1', '/api/v1/partners?q=%ED%A0%80']) {
      assertError(await ctx.api('GET', p), 400);
    }
    await ctx.rejected('POST', '/api/v1/partners?x=%FF', { body: { city_id: PARIS, kind: 'sister' }, token: ctx.token }, { status: 400 });
    assert.equal((await ctx.api('GET', '/healthz')).status, 200);
  });

  test('invalid UTF-8 in the path', T, async () => {
    assertError(await ctx.api('GET', '/api/v1/partners/%FF'), 400);
    assertError(await ctx.api('GET', '/api/v1/%C0%AF'), 400);
  });

  test('unknown, repeated and malformed list parameters name the parameter', T, async () => {
    const cases = [
      ['foo=1', 'foo'], ['kind=sister&kind=sister', 'kind'], ['kind=twin', 'kind'], ['kind=Sister', 'kind'],
      ['status=dormant', 'status'], ['country=us', 'country'], ['country=USA', 'country'], ['country=U', 'country'],
      ['continent=Europe', 'continent'], ['continent=eurasia', 'continent'], ['established_from=2019-13', 'established_from'],
      ['established_from=19', 'established_from'], ['established_to=2019-02-30', 'established_to'],
      ['established_from=2010&established_to=2000', 'established_to'], ['sort=population', 'sort'], ['sort=--name', 'sort'],
      ['limit=0', 'limit'], ['limit=501', 'limit'], ['limit=-1', 'limit'], ['limit=1.5', 'limit'], ['limit=', 'limit'],
      ['limit=99999999999999999999', 'limit'], ['cursor=abc', 'cursor'], ['cursor=-10', 'cursor'],
      [`q=${'x'.repeat(201)}`, 'q'], [`q=${'x'.repeat(1001)}`, 'q'], ['Kind=sister', 'Kind'],
    ];
    for (const [query, field] of cases) {
      assertError(await ctx.api('GET', `/api/v1/partners?${query}`), 400, field);
    }
  });

  test('SQL injection in q is inert', T, async () => {
    const injections = ["'; DROP TABLE tie; --", "x' UNION SELECT name, pw_hash FROM user --", '1); DELETE FROM tie; --',
      "' OR '1'='1", 'sacramento" OR 1=1 --', 'NEAR(a b)', '* OR *', 'names:sacramento', '^sacramento', '\\'];
    const before = await ctx.fingerprint();
    for (const q of injections) {
      const res = await ctx.api('GET', `/api/v1/partners${qs({ q })}`);
      assert.equal(res.status, 200, `q=${q}: ${res.text.slice(0, 200)}`);
      assert.ok(res.json.total < 31, `q=${q} must not match everything`);
      const orgs = await ctx.api('GET', `/api/v1/orgs${qs({ q })}`);
      assert.equal(orgs.status, 200, `orgs q=${q}`);
      const cities = await ctx.api('GET', `/api/v1/cities${qs({ q })}`);
      assert.equal(cities.status, 200, `cities q=${q}`);
    }
    assert.equal((await ctx.api('GET', `/api/v1/partners${qs({ q: "'; DROP TABLE tie; --" })}`)).json.total, 0);
    assert.equal((await ctx.api('GET', `/api/v1/partners${qs({ q: "x' UNION SELECT name, pw_hash FROM user --" })}`)).json.total, 0);
    assert.equal(await ctx.fingerprint(), before, 'searching changed the database');
    assert.equal((await ctx.api('GET', '/api/v1/partners')).json.total, 31);
  });

  test("q=' OR 1=1 -- is treated as words, not SQL", T, async () => {
    /* Search is prefix matching on every word, so the words "or", "1", "1"
    ** may match real text (Kharkiv's notes hold "...chorography.org..." and
    ** "13th"); what matters is that the quote, "=" and "--" change nothing. */
    const inj = (await ctx.api('GET', `/api/v1/partners${qs({ q: "' OR 1=1 --" })}`)).json;
    const words = (await ctx.api('GET', `/api/v1/partners${qs({ q: 'or 1 1' })}`)).json;
    assert.ok(inj.total < 31, 'not all ties');
    assert.deepEqual(inj.items.map((x) => x.id), words.items.map((x) => x.id));
  });

  test('empty q does not crash', T, async () => {
    for (const p of ['/api/v1/partners?q=', '/api/v1/orgs?q=', '/api/v1/partners?q', '/api/v1/partners?q=%20%20']) {
      const res = await ctx.api('GET', p);
      assert.equal(res.status, 200, `${p}: ${res.text}`);
      assert.equal(res.json.total, 0);
    }
    assertError(await ctx.api('GET', '/api/v1/cities?q='), 400, 'q');
    assert.equal((await ctx.api('GET', '/healthz')).status, 200);
  });

  test('static path traversal is 404', T, async () => {
    for (const p of ['/static/../../etc/passwd', '/static/%2e%2e%2fMakefile', '/static/..%2f..%2fetc%2fpasswd', '/static/%2e%2e/Makefile',
      '/static/.hidden', '/static/..', '/static/app.css/..', '/static//etc/passwd', '/static/%00app.css']) {
      const res = await ctx.api('GET', p);
      /* An encoded NUL is refused as a bad path (400) before routing. */
      const want = p.includes('%00') ? 400 : 404;
      assert.equal(res.status, want, `${p} answered ${res.status}`);
      assert.ok(!/root:|CFLAGS/.test(res.text), `${p} leaked a file`);
    }
  });

  test('an encoded NUL in the path is not silently cut off', { ...T }, async () => {
    const res = await ctx.api('GET', '/static/app.css%00.js');
    assert.ok(res.status === 400 || res.status === 404, `answered ${res.status}`);
  });

  test('unknown API path is a 404 JSON error; wrong method is 405', T, async () => {
    assertError(await ctx.api('GET', '/api/v1/nothing'), 404, 'path');
    await ctx.rejected('PUT', '/api/v1/partners', { body: { city_id: PARIS, kind: 'sister' }, token: ctx.token }, { status: 405 });
    await ctx.rejected('PUT', '/api/v1/partners/1', { body: { notes: 'x' }, token: ctx.token }, { status: 405 });
    await ctx.rejected('POST', '/api/v1/stats', { body: {}, token: ctx.token }, { status: 405 });
    assertError(await ctx.api('TRACE', '/api/v1/partners'), 405);
  });
});

describe('stored verbatim, never executed', () => {
  test('SQL and HTML in text fields round-trip exactly', T, async () => {
    const body = {
      city_id: PARIS, kind: 'cooperation',
      label: "Robert'); DROP TABLE tie;-- (synthetic)",
      notes: '<script>alert("x")</script> \' OR 1=1 -- "; DELETE FROM org; \\ %s %n {{7*7}} 😀 中文',
      agreement: '</textarea><img src=x onerror=alert(1)>',
      sources: ["' UNION SELECT pw_hash FROM user --", '<b>bold</b>'],
    };
    const before = await ctx.fingerprint();
    const res = await ctx.api('POST', '/api/v1/partners', { body, token: ctx.token });
    assert.equal(res.status, 201, res.text);
    assert.notEqual(await ctx.fingerprint(), before, 'the fingerprint sees a write (so "unchanged" checks can fail)');
    for (const k of ['label', 'notes', 'agreement', 'sources']) assert.deepEqual(res.json[k], body[k], k);
    assert.ok(res.text.includes('<script>alert(\\"x\\")</script>') || res.text.includes('\\u003cscript'), 'notes are JSON-encoded, not altered');
    const get = await ctx.api('GET', `/api/v1/partners/${res.json.id}`);
    for (const k of ['label', 'notes', 'agreement', 'sources']) assert.deepEqual(get.json[k], body[k], k);
    assert.match(get.headers['content-type'], /^application\/json/);
    assert.equal((await ctx.api('GET', '/api/v1/partners')).json.total, 32, 'no table was dropped');
    assert.equal((await ctx.api('GET', '/api/v1/orgs')).json.total, 8, 'no organisation was deleted');
    const found = await ctx.api('GET', `/api/v1/partners${qs({ q: 'Robert' })}`);
    assert.deepEqual(found.json.items.map((x) => x.id), [res.json.id]);
    const del = await ctx.api('DELETE', `/api/v1/partners/${res.json.id}`, { token: ctx.adminToken });
    assert.equal(del.status, 200);
  });

  test('exactly 20000 characters of notes are accepted', T, async () => {
    const notes = '文'.repeat(20000);
    const res = await ctx.api('POST', '/api/v1/partners', { body: { city_id: PARIS, kind: 'cooperation', notes }, token: ctx.token });
    assert.equal(res.status, 201, res.text.slice(0, 300));
    assert.equal(res.json.notes, notes);
    assert.equal((await ctx.api('DELETE', `/api/v1/partners/${res.json.id}`, { token: ctx.adminToken })).status, 200);
  });
});

describe('robustness', () => {
  test('many concurrent bad and good requests leave the server healthy', T, async () => {
    const before = await ctx.fingerprint();
    const reqs = [];
    for (let i = 0; i < 40; i++) {
      reqs.push(ctx.api('GET', `/api/v1/partners${qs({ q: `sacra${i % 3 ? '' : 'mento'}` })}`));
      reqs.push(ctx.api('POST', '/api/v1/partners', { body: '{"broken":', token: ctx.token }));
      reqs.push(ctx.api('GET', '/api/v1/partners?q=%FF'));
      reqs.push(ctx.api('GET', `/api/v1/cities${qs({ q: '濟(jì)南' })}`));
    }
    const res = await Promise.all(reqs);
    for (let i = 0; i < res.length; i += 4) {
      assert.equal(res[i].status, 200);
      assert.equal(res[i].json.items[0].city.name_en, 'Sacramento');
      assertError(res[i + 1], 400);
      assertError(res[i + 2], 400);
      assert.equal(res[i + 3].json.items[0].id, 1805753);
    }
    assert.equal(await ctx.fingerprint(), before);
    assert.equal((await ctx.api('GET', '/healthz')).status, 200);
  });

  test('a client that disconnects mid-body does not hurt the server', T, async () => {
    const net = require('node:net');
    await new Promise((resolve) => {
      const s = net.connect(ctx.port, '127.0.0.1', () => {
        s.write(`POST /api/v1/partners HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ctx.token}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"city_id":`);
        setTimeout(() => { s.destroy(); resolve(); }, 100);
      });
      s.on('error', resolve);
    });
    const garbage = await new Promise((resolve) => {
      const s = net.connect(ctx.port, '127.0.0.1', () => s.write('GARBAGE / HTTP/9.9\r\n\r\n\u0000\u0001\r\n\r\n'));
      let out = '';
      s.on('data', (d) => { out += d; });
      s.on('close', () => resolve(out));
      s.on('error', () => resolve(out));
      setTimeout(() => s.destroy(), 2000);
    });
    assert.ok(garbage === '' || /^HTTP\/1\.[01] [45]\d\d/.test(garbage), `garbage request answered: ${garbage.slice(0, 100)}`);
    assert.equal((await ctx.api('GET', '/healthz')).status, 200);
    assert.equal((await ctx.api('GET', '/api/v1/partners')).json.total, 31);
  });
});

stopTest(ctx);
