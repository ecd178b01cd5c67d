'use strict';
/*
** http_strict.test.js: requests a lax HTTP parser would get wrong (issue
** 14, item 7), sent byte for byte over raw sockets (node:net), and the
** redirect target of the login (item 5). See src/web/reqcheck.h.
*/
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const net = require('node:net');
const { useServer, stopTest, assertError, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const ctx = useServer();

/* Send the bytes, then read until the server closes (closed: true) or
** wait ms pass with the socket open (closed: false). Resolves the answers
** split into {status, headers, body} (bodies by Content-Length). */
function raw(data, { wait = 3000, keepWriting = null } = {}) {
  return new Promise((resolve) => {
    const s = net.connect(ctx.port, '127.0.0.1');
    const chunks = [];
    const t0 = Date.now();
    let done = false;
    const finish = (closed) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      s.destroy();
      resolve({ closed, ms: Date.now() - t0, answers: parse(Buffer.concat(chunks)) });
    };
    const timer = setTimeout(() => finish(false), wait);
    s.on('data', (b) => chunks.push(b));
    s.on('end', () => finish(true));
    s.on('close', () => finish(true));
    s.on('error', () => finish(true));
    s.write(data);
    if (keepWriting) keepWriting(s);
  });
}

function parse(buf) {
  const out = [];
  let at = 0;
  while (at < buf.length) {
    const end = buf.indexOf('\r\n\r\n', at);
    if (end < 0) break;
    const head = buf.subarray(at, end).toString('latin1').split('\r\n');
    const m = /^HTTP\/1\.[01] (\d{3})/.exec(head[0]);
    assert.ok(m, `not a status line: ${JSON.stringify(head[0])}`);
    const headers = {};
    for (const l of head.slice(1)) {
      const i = l.indexOf(':');
      headers[l.slice(0, i).toLowerCase()] = l.slice(i + 1).trim();
    }
    const n = Number(headers['content-length'] || 0);
    const body = buf.subarray(end + 4, end + 4 + n).toString('utf8');
    out.push({ status: Number(m[1]), headers, body, json: body.startsWith('{') ? JSON.parse(body) : null });
    at = end + 4 + n;
  }
  return out;
}

const HOST = 'Host: 127.0.0.1\r\n';
const health = `GET /healthz HTTP/1.1\r\n${HOST}\r\n`;

/* One refused request: a single answer with this status and code, then the
** connection closed (nothing after the head run as a request). */
async function refused(data, status, code) {
  const r = await raw(data);
  assert.equal(r.answers.length, 1, `${JSON.stringify(data.slice(0, 80))}: ${r.answers.length} answers: ${r.answers.map((a) => a.status)}`);
  assert.equal(r.answers[0].status, status, `${JSON.stringify(data.slice(0, 80))}: ${r.answers[0].body}`);
  if (code) assert.equal(r.answers[0].json.error.code, code);
  assert.ok(r.closed, `${JSON.stringify(data.slice(0, 80))}: connection left open`);
  return r.answers[0];
}

describe('message framing', () => {
  test('Content-Length with Transfer-Encoding is 400, the trailing bytes never run', T, async () => {
    const smuggled = `GET /api/v1/partners HTTP/1.1\r\n${HOST}\r\n`;
    await refused(`POST /api/v1/orgs HTTP/1.1\r\n${HOST}Authorization: Bearer ${ctx.token}\r\nContent-Type: application/json\r\n` +
      `Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n${smuggled}`, 400, 'ambiguous_length');
    await refused(`POST /api/v1/orgs HTTP/1.1\r\n${HOST}Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n${smuggled}`,
      400, 'ambiguous_length');
  });

  test('two different Content-Length are 400; Transfer-Encoding other than chunked is 400', T, async () => {
    await refused(`POST /api/v1/orgs HTTP/1.1\r\n${HOST}Content-Length: 2\r\nContent-Length: 40\r\n\r\n{}${health}`, 400, 'ambiguous_length');
    await refused(`POST /api/v1/orgs HTTP/1.1\r\n${HOST}Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n`, 400, 'unsupported_transfer_encoding');
    /* The same length twice is one length: the request reaches its route (401 without a token). */
    const r = await raw(`POST /api/v1/orgs HTTP/1.1\r\n${HOST}Content-Length: 2\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`);
    assert.equal(r.answers[0].status, 401);
  });

  test('requests pipelined after a POST body get their answers', T, async () => {
    const json = `POST /api/v1/orgs HTTP/1.1\r\n${HOST}Authorization: Bearer ${ctx.token}\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`;
    const chunked = `POST /api/v1/orgs HTTP/1.1\r\n${HOST}Authorization: Bearer ${ctx.token}\r\nContent-Type: application/json\r\n` +
      'Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n';
    const form = `POST /login HTTP/1.1\r\n${HOST}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 6\r\n\r\nuser=a`;
    const last = `GET /healthz HTTP/1.1\r\n${HOST}Connection: close\r\n\r\n`;
    const r = await raw(json + health + chunked + form + health + last);
    assert.deepEqual(r.answers.map((a) => a.status), [400, 200, 400, 403, 200, 200]);
    assert.ok(r.closed);
  });

  test('a Content-Length far over the limit is 413 before the body is sent', T, async () => {
    for (const [path, len, field] of [['/api/v1/orgs', '99999999999999', null], ['/api/v1/orgs', String((64 << 20) + 1), null],
      ['/api/v1/news/1/attachments?filename=a.pdf', String(100 << 20), 'file']]) {
      const a = await refused(`POST ${path} HTTP/1.1\r\n${HOST}Authorization: Bearer ${ctx.token}\r\nContent-Length: ${len}\r\n\r\n{`,
        413, 'body_too_large');
      assert.equal(a.json.error.field, field);
    }
    /* Over the limit but not absurd: read and dropped, then 413 on a
    ** connection that stays usable (a browser uploading a file too big
    ** must see the answer, not a reset connection). */
    const body = 'x'.repeat((1 << 20) + 1);
    const r = await raw(`POST /api/v1/orgs HTTP/1.1\r\n${HOST}Authorization: Bearer ${ctx.token}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${body.length}\r\n\r\n${body}GET /healthz HTTP/1.1\r\n${HOST}Connection: close\r\n\r\n`);
    assert.deepEqual(r.answers.map((a) => a.status), [413, 200]);
    assert.ok(r.closed);
  });
});

describe('request line and headers', () => {
  test('a raw NUL or control character in the target is 400 (the list is not served)', T, async () => {
    for (const target of ['/api/v1/partners\0/1', '/api/v1/partners\x01', '/api/v1/partners?q=a\x7f', '/healthz\0']) {
      await refused(`GET ${target} HTTP/1.1\r\n${HOST}\r\n`, 400, 'invalid_path');
    }
    for (const target of ['/api/v1/partners%01', '/api/v1/partners%0a/1', '/api/v1/partners%7F']) {
      assertError(await ctx.api('GET', target), 400, 'path', 'invalid_path');
    }
  });

  test('HTTP/1.1 without Host is 400 (HTTP/1.0 needs none); a bare CR in a header is 400', T, async () => {
    const r = await raw('GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n');
    assert.equal(r.answers[0].status, 400);
    const r10 = await raw('GET /healthz HTTP/1.0\r\n\r\n');
    assert.equal(r10.answers[0].status, 200);
    await refused(`GET /healthz HTTP/1.1\r\n${HOST}X-Note: a\rb\r\n\r\n`, 400, 'invalid_header');
    await refused(`GET /healthz HTTP/1.1\r\n${HOST}X-Note: a\x01b\r\n\r\n`, 400, 'invalid_header');
  });

  test('too many query parameters or too long a query is 400 naming the problem', T, async () => {
    for (const n of [101, 450, 1000, 4000]) {
      const q = Array(n).fill('x').join('&');
      const a = await refused(`GET /api/v1/partners?${q} HTTP/1.1\r\n${HOST}\r\n`, 400, 'too_many_parameters');
      assert.match(a.json.error.message, /100 parameters/);
    }
    await refused(`GET /api/v1/partners?q=${'a'.repeat(9000)} HTTP/1.1\r\n${HOST}\r\n`, 400, 'query_too_long');
    /* At the cap the query reaches the route, which names the parameter. */
    assertError(await ctx.api('GET', `/api/v1/partners?${Array(100).fill('x').join('&')}`), 400, 'x', 'unknown_parameter');
  });

  test('405 answers carry Allow with the methods of the path', T, async () => {
    const a = await ctx.api('DELETE', '/healthz');
    assert.equal(a.status, 405);
    assert.equal(a.headers.allow, 'GET, HEAD');
    const b = await ctx.api('PUT', '/api/v1/partners', { body: {}, token: ctx.token });
    assert.equal(b.status, 405);
    assert.deepEqual(b.headers.allow.split(', ').sort(), ['GET', 'HEAD', 'POST']);
    const c = await ctx.api('PUT', '/login');
    assert.equal(c.status, 405);
    assert.deepEqual(c.headers.allow.split(', ').sort(), ['GET', 'HEAD', 'POST']);
  });
});

describe('login redirect target (next)', () => {
  /* The value the login form carries on: what the POST redirects to. */
  async function formNext(next) {
    const res = await ctx.api('GET', `/login?next=${next}`);
    assert.equal(res.status, 200);
    const m = /name="next" value="([^"]*)"/.exec(res.text);
    assert.ok(m, 'no next field');
    return m[1].replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"');
  }

  test('anything but a local path becomes the home page', T, async () => {
    const off = ['/%09/evil.example/', '/%0a/evil.example/', '/%0d/evil.example/', '/%0d%0a/evil.example/', '%2F%2Fevil.example',
      '//evil.example', '/%2F/evil.example', '/%252F/evil.example', '/%5Cevil.example', '/%5C%5Cevil.example', '%5C%5Cevil.example',
      '/x%5Cy', 'https://evil.example/', 'https:evil.example', 'javascript:alert(1)', '%20/evil.example', '/%20/evil.example',
      '/%7F/evil.example', '/%2509/evil.example', 'evil.example', ''];
    for (const n of off) assert.equal(await formNext(n), '/', `next=${n}`);
    for (const [n, want] of [['/partners', '/partners'], ['%2Fpartners%2F1', '/partners/1'], ['/events%3Flang%3Den', '/events?lang=en'],
      ['/%E6%B5%8E%E5%8D%97', '/济南'], ['/en/portal', '/en/portal']]) {
      assert.equal(await formNext(n), want, `next=${n}`);
    }
  });

  test('the login redirects to a local next, and home for a bypass', T, async () => {
    const a = await ctx.login('alice', require('./lib').PASSWORD, { next: '/\t/evil.example/' });
    assert.equal(a.res.status, 303);
    assert.equal(a.res.headers.location, '/');
    const b = await ctx.login('alice', require('./lib').PASSWORD, { next: '/partners?lang=en' });
    assert.equal(b.res.headers.location, '/partners?lang=en');
  });
});

stopTest(ctx);
