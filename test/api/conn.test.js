'use strict';
/*
** conn.test.js: idle and slow clients cannot take the server's connections
** (issue 14, item 1; src/web/conn_guard.h). The server runs with small
** limits so that the test stays small: 64 connections, 12 per address, a
** 1 s header deadline (and body grace), 1 KiB/s minimum body rate.
** Attackers come from other loopback addresses (Linux routes 127/8 to lo).
*/
const { test } = require('node:test');
const assert = require('node:assert/strict');
const net = require('node:net');
const { useServer, stopTest, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const MAX = 64, PER_IP = 12;
const ctx = useServer({ args: ['--max-connections', String(MAX), '--max-per-ip', String(PER_IP), '--header-timeout', '1',
  '--min-body-rate', '1024'] });

/* A socket from localAddress; resolves once connected. s.closedAt is set
** (ms since the epoch) when the server closes it. */
function open(localAddress) {
  return new Promise((resolve, reject) => {
    const s = net.connect({ port: ctx.port, host: '127.0.0.1', localAddress });
    s.gone = new Promise((r) => s.on('close', () => { s.closedAt = Date.now(); r(); }));
    s.on('error', () => {});
    s.once('connect', () => resolve(s));
    s.once('error', reject);
  });
}

/* One request on a fresh socket from localAddress; resolves {status, ms}. */
function get(path, localAddress) {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const s = net.connect({ port: ctx.port, host: '127.0.0.1', localAddress });
    let buf = '';
    s.on('data', (b) => {
      buf += b.toString('latin1');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(buf);
      if (m && buf.includes('\r\n\r\n')) { s.destroy(); resolve({ status: Number(m[1]), ms: Date.now() - t0 }); }
    });
    s.on('error', reject);
    s.on('close', () => reject(new Error(`closed without an answer after ${Date.now() - t0} ms: ${JSON.stringify(buf)}`)));
    s.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
  });
}

/* Write one byte of data every ms until the socket closes. */
function trickle(s, data, ms) {
  let i = 0;
  const tick = () => {
    if (s.destroyed || i >= data.length) return;
    s.write(data.slice(i, ++i));
    s.timer = setTimeout(tick, ms);
  };
  tick();
}

const SLOW_HEAD = 'GET /api/v1/partners HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ' + 'a'.repeat(1000);

test('idle and slow-header sockets from one and from several addresses: a normal client still gets in', T, async () => {
  const base = await get('/api/v1/partners?limit=5', '127.0.0.100');
  assert.equal(base.status, 200);
  const socks = [];
  /* One address: more idle sockets than its cap. */
  for (let i = 0; i < 2 * PER_IP; i++) socks.push(await open('127.0.0.1').catch(() => null));
  /* Six more addresses: slow headers, together more than the global limit. */
  for (let a = 2; a <= 7; a++) {
    for (let i = 0; i < PER_IP; i++) {
      const s = await open(`127.0.0.${a}`).catch(() => null);
      if (s) { trickle(s, SLOW_HEAD, 100); socks.push(s); }
    }
  }
  const attackers = socks.filter(Boolean);
  assert.ok(attackers.length >= MAX, `only ${attackers.length} attacker sockets connected`);
  /* A normal client, several times over while the attack lasts (the
  ** header deadline of 1 s has not closed the attackers yet). */
  const times = [];
  for (let i = 0; i < 10; i++) {
    const r = await get('/api/v1/partners?limit=5', `127.0.0.${100 + (i % 3)}`);
    assert.equal(r.status, 200);
    times.push(r.ms);
  }
  const open_ = attackers.filter((s) => !s.closedAt).length;
  for (const s of attackers) { clearTimeout(s.timer); s.destroy(); }
  assert.ok(Math.max(...times) < 900, `normal client took ${times.join(', ')} ms (no attacker: ${base.ms} ms)`);
  /* The server held what it could: no more than its limit stayed open. */
  assert.ok(open_ <= MAX, `${open_} attacker sockets left open`);
});

test('per-address cap: sockets over it are closed at once', T, async () => {
  const socks = [];
  for (let i = 0; i < PER_IP + 8; i++) socks.push(await open('127.0.0.9'));
  /* The first PER_IP stay; the 8 after them are closed by the server. */
  const t0 = Date.now();
  await Promise.all(socks.slice(PER_IP).map((s) => s.gone));
  assert.ok(Date.now() - t0 < 900, `closing took ${Date.now() - t0} ms`);
  assert.ok(socks.slice(0, PER_IP).every((s) => !s.closedAt || s.closedAt - t0 > 500), 'a socket under the cap closed early');
  for (const s of socks) s.destroy();
});

test('a request head trickled a byte at a time is cut off at the header deadline', T, async () => {
  const s = await open('127.0.0.10');
  const t0 = Date.now();
  trickle(s, SLOW_HEAD, 100);
  await s.gone;
  clearTimeout(s.timer);
  const ms = s.closedAt - t0;
  assert.ok(ms >= 900 && ms < 2500, `closed after ${ms} ms (deadline 1000 ms)`);
});

test('an idle keep-alive connection is closed after the header deadline', T, async () => {
  const s = await open('127.0.0.11');
  let answered = 0;
  s.on('data', () => { if (!answered) answered = Date.now(); });
  s.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
  await s.gone;
  assert.ok(answered, 'no answer');
  const ms = s.closedAt - answered;
  assert.ok(ms >= 900 && ms < 2500, `closed ${ms} ms after the answer`);
});

test('a body trickled at 1 byte/s is cut off within grace + length/rate', T, async () => {
  const before = await ctx.api('GET', '/api/v1/orgs?limit=1');
  const s = await open('127.0.0.12');
  const body = JSON.stringify({ name_en: 'Trickle Org (synthetic)', name_zh: '慢速机构（合成）', kind: 'company' }).padEnd(1000, ' ');
  s.write(`POST /api/v1/orgs HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${ctx.token}\r\n` +
    `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`);
  const t0 = Date.now();
  trickle(s, body, 1000);
  await s.gone;
  clearTimeout(s.timer);
  const ms = s.closedAt - t0;
  assert.ok(ms >= 900 && ms < 2500, `closed after ${ms} ms`);
  const after = await ctx.api('GET', '/api/v1/orgs?limit=1');
  assert.equal(after.json.total, before.json.total, 'the cut-off request wrote');
});

stopTest(ctx);
