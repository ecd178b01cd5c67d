#!/usr/bin/env node
// bench/login.bench.js: the cost of logins and of failed-login floods
// (issue 12, item 7). Run from the repo root: `node bench/login.bench.js`.
//
// On a copy of the initialised demo database (test/common.js templateDb)
// with synthetic accounts, a server with 2 threads, it measures:
//   1. POST /login with a wrong password for a known user name and for an
//      unknown one (8 each, each name once, median and max): both verify an
//      argon2id hash, so the two should be alike (no user-name oracle).
//   2. A cached read (GET /api/v1/partners) from one client, 300 requests
//      in a row, median and p99: idle, then while 16 clients send wrong
//      passwords for 5 s (the throttle answers them 429 at once).
// A report, not a test: it prints figures and exits 0 when it could measure.
'use strict';
const http = require('node:http');
const path = require('node:path');
const common = require('../test/common.js');

const BIN = process.env.YC_BIN ? path.resolve(process.env.YC_BIN) : path.resolve(__dirname, '../youcheng');

function req(port, method, p, { body, headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const h = { ...headers };
    if (body !== undefined) h['Content-Length'] = String(Buffer.byteLength(body));
    const t0 = process.hrtime.bigint();
    const r = http.request({ host: '127.0.0.1', port, method, path: p, headers: h, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (b) => chunks.push(b));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString(),
        ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
    });
    r.on('error', reject);
    r.end(body);
  });
}

async function token(port) {
  const r = await req(port, 'GET', '/login');
  const c = [].concat(r.headers['set-cookie']).find((x) => x.startsWith('yc_login=')).split(';')[0];
  return { cookie: c, csrf: /name="csrf" value="([^"]+)"/.exec(r.text)[1] };
}

async function login(port, t, user, password) {
  const body = new URLSearchParams({ user, password, next: '/', csrf: t.csrf }).toString();
  return req(port, 'POST', '/login', { body, headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: t.cookie } });
}

const q = (a, f) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(f * s.length))]; };
const fmt = (x) => `${x.toFixed(2)} ms`;

async function main() {
  const { dir, db } = await common.freshDb(BIN, 'yc-bench-login-');
  for (let i = 0; i < 8; i++) {
    const r = await common.run(BIN, ['user', 'add', `bench${i}`, '--password-stdin', '--db', db], { input: 'synthetic bench passphrase\n' });
    if (r.code !== 0) throw new Error(r.stderr);
  }
  const srv = await common.startServe(BIN, db, { threads: 2, healthy: async (port) => (await req(port, 'GET', '/healthz')).status === 200 });
  const port = srv.port;
  try {
    const t = await token(port);
    const known = [], unknown = [];
    for (let i = 0; i < 8; i++) {
      const a = await login(port, t, `bench${i}`, 'wrong passphrase');
      const b = await login(port, t, `nobody${i}`, 'wrong passphrase');
      if (a.status !== 401 || b.status !== 401) throw new Error(`login answered ${a.status}/${b.status}`);
      known.push(a.ms); unknown.push(b.ms);
    }
    console.log('1. wrong password, one attempt per name (8 each)');
    console.log(`   known user:   median ${fmt(q(known, 0.5))}, max ${fmt(Math.max(...known))}`);
    console.log(`   unknown user: median ${fmt(q(unknown, 0.5))}, max ${fmt(Math.max(...unknown))}`);

    const reads = async (n) => { const a = []; for (let i = 0; i < n; i++) { const r = await req(port, 'GET', '/api/v1/partners'); if (r.status !== 200) throw new Error(`read ${r.status}`); a.push(r.ms); } return a; };
    await reads(20);
    const idle = await reads(300);
    let stop = false, n = 0;
    const codes = {};
    const flood = Array.from({ length: 16 }, async () => {
      while (!stop) { const r = await login(port, t, 'bench0', 'wrong passphrase'); codes[r.status] = (codes[r.status] || 0) + 1; n++; }
    });
    const t0 = Date.now();
    const busy = [];
    while (Date.now() - t0 < 5000) busy.push(...await reads(20));
    stop = true;
    await Promise.all(flood);
    console.log('2. cached read GET /api/v1/partners, one client');
    console.log(`   idle:                                 median ${fmt(q(idle, 0.5))}, p99 ${fmt(q(idle, 0.99))} (${idle.length})`);
    console.log(`   16 clients sending wrong passwords:   median ${fmt(q(busy, 0.5))}, p99 ${fmt(q(busy, 0.99))} (${busy.length})`);
    console.log(`   the flood: ${n} logins in 5 s, answers ${JSON.stringify(codes)}`);
  } finally {
    srv.proc.kill('SIGTERM');
    require('node:fs').rmSync(dir, { recursive: true, force: true });
  }
}
main().catch((e) => { console.error(e); process.exit(1); });
