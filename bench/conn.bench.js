#!/usr/bin/env node
// bench/conn.bench.js: a normal client against idle and slow-header
// attackers (issue 14, item 1; src/web/conn_guard.h). Run from the repo
// root: `node bench/conn.bench.js`.
//
// A server with its default limits (4000 connections, 256 per address,
// 10 s header deadline) and 2 threads on a copy of the demo database. The
// normal client asks GET /api/v1/partners?limit=5 on a fresh connection
// each time (as a first visit does), 300 times in a row, from 127.0.0.200:
//   reference: no attacker;
//   A. 1,000 idle sockets (4 addresses x 250, under the per-address cap);
//   B. 1,000 slow-header sockets, each sending a header byte a second;
//   C. 4,400 idle sockets from 20 addresses (more than the limit: the
//      guard closes the oldest waiting ones to let new clients in);
//   D. 300 sockets from one address (over the cap of 256).
// For each: the normal client's median and p99 (and the ratio to the
// reference), failures, and the connections the server holds (its sockets
// in /proc/PID/fd) at the end of the run. The runs start once the server
// has accepted the attackers' connections. A report, not a test.
'use strict';
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const common = require('../test/common.js');

const BIN = process.env.YC_BIN ? path.resolve(process.env.YC_BIN) : path.resolve(__dirname, '../youcheng');

function get(port, p) {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const s = net.connect({ port, host: '127.0.0.1', localAddress: '127.0.0.200' });
    let buf = '';
    const done = (ok) => { s.destroy(); resolve({ ok, ms: Number(process.hrtime.bigint() - t0) / 1e6 }); };
    const timer = setTimeout(() => done(false), 5000);
    s.on('data', (b) => {
      buf += b.toString('latin1');
      const end = buf.indexOf('\r\n\r\n');
      const m = end > 0 && /^HTTP\/1\.1 200[^]*Content-Length: (\d+)/i.exec(buf.slice(0, end));
      if (m && buf.length >= end + 4 + Number(m[1])) { clearTimeout(timer); done(true); }
    });
    s.on('error', () => { clearTimeout(timer); done(false); });
    s.on('close', () => { clearTimeout(timer); done(false); });
    s.write(`GET ${p} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
  });
}

function open(port, localAddress) {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1', localAddress });
    s.on('error', () => {});
    s.once('connect', () => resolve(s));
    s.once('error', () => resolve(null));
  });
}

const HEAD = 'GET /api/v1/partners HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ' + 'a'.repeat(100000);

async function attack(port, nAddr, nEach, slow) {
  const socks = [];
  for (let a = 0; a < nAddr; a++) {
    const batch = [];
    for (let i = 0; i < nEach; i++) batch.push(open(port, `127.0.${1 + Math.floor(a / 200)}.${1 + (a % 200)}`));
    socks.push(...(await Promise.all(batch)).filter(Boolean));
  }
  if (slow) {
    let i = 0;
    const tick = () => { i++; for (const s of socks) if (!s.destroyed) s.write(HEAD[i % HEAD.length]); };
    tick();
    socks.timer = setInterval(tick, 1000);
  }
  return socks;
}

const q = (a, f) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(f * s.length))]; };

function held(pid) {
  let n = 0;
  for (const f of fs.readdirSync(`/proc/${pid}/fd`)) {
    try { if (fs.readlinkSync(`/proc/${pid}/fd/${f}`).startsWith('socket:')) n++; } catch (e) { /* closed meanwhile */ }
  }
  return n - 1;   /* the listening socket */
}

async function main() {
  const { dir, db } = await common.freshDb(BIN, 'yc-bench-conn-');
  const srv = await common.startServe(BIN, db, { threads: 2, healthy: async (port) => (await get(port, '/healthz')).ok });
  const port = srv.port;
  const rows = [];
  let ref = null;
  try {
    for (const [name, nAddr, nEach, slow] of [['none', 0, 0, false], ['A. 1000 idle, 4 addresses', 4, 250, false],
      ['B. 1000 slow-header, 4 addresses', 4, 250, true], ['C. 4400 idle, 20 addresses', 20, 220, false],
      ['D. 300 idle, 1 address', 1, 300, false]]) {
      const socks = await attack(port, nAddr, nEach, slow);
      /* Measure once the server has accepted what it takes (its count of
      ** sockets stops changing), not while it is still accepting. */
      for (let i = 0, last = -1, n; i < 60 && (n = held(srv.proc.pid)) !== last; i++, last = n) await new Promise((r) => setTimeout(r, 50));
      const ms = [];
      let fail = 0;
      for (let i = 0; i < 300; i++) {
        const r = await get(port, '/api/v1/partners?limit=5');
        if (r.ok) ms.push(r.ms); else fail++;
      }
      const h = held(srv.proc.pid);
      const open_ = socks.filter((s) => !s.destroyed && !s.closed && s.readyState === 'open').length;
      clearInterval(socks.timer);
      for (const s of socks) s.destroy();
      const row = { name, sockets: socks.length, stillOpen: open_, held: h, p50: q(ms, 0.5), p99: q(ms, 0.99), fail };
      if (!ref) ref = row;
      rows.push(row);
      /* Let the server see the closes before the next run. */
      for (let i = 0; i < 50 && held(srv.proc.pid) > 2; i++) await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    srv.proc.kill('SIGTERM');
    await srv.exited;
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log('normal client: GET /api/v1/partners?limit=5, new connection each, 300 in a row (server: 2 threads, default limits)');
  console.log('attack                              attacker sockets  open at end  server holds  p50 ms   p99 ms  p99/ref  failed');
  for (const r of rows) {
    console.log(`${r.name.padEnd(36)}${String(r.sockets).padStart(16)}${String(r.stillOpen).padStart(13)}${String(r.held).padStart(14)}` +
      `${r.p50.toFixed(2).padStart(8)}${r.p99.toFixed(2).padStart(9)}${(r.p99 / ref.p99).toFixed(2).padStart(9)}${String(r.fail).padStart(8)}`);
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
