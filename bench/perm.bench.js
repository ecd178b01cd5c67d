#!/usr/bin/env node
// bench/perm.bench.js: the cost of the role matrix on a write (issue 12,
// item 2). Run from the repo root: `node bench/perm.bench.js`.
//
// PATCH /api/v1/exchanges/{id} (a one-field change: participants), sent
// one at a time by one client, timed from request to answer, 3 rounds x
// 100 requests per server, the servers taking turns round by round:
//   base   the build before the role matrix (YC_BASE_BIN, default
//          the main worktree's youcheng), as an editor
//   after  this build, as an editor (perm_check at the top of audit_log)
//   unit   this build, as an editor kept to their own unit (the record is
//          of their unit: the before and after JSON are compared too)
// Each server on its own copy of its own initialised demo database
// (test/common.js), 2 threads. Target: after p50 < 1.5 x base p50.
// A report, not a test: prints figures, exits 0 when it could measure.
'use strict';
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const common = require('../test/common.js');

const BIN = process.env.YC_BIN ? path.resolve(process.env.YC_BIN) : path.resolve(__dirname, '../youcheng');
/* The main worktree's build: beside this one (../main) or one level up (worktrees under wt/). */
const BASE = process.env.YC_BASE_BIN ? path.resolve(process.env.YC_BASE_BIN)
  : ['../../main/youcheng', '../../../main/youcheng'].map((p) => path.resolve(__dirname, p)).find((p) => fs.existsSync(p)) || '../main/youcheng';
const ROUNDS = 3, PER_ROUND = 100;

function req(port, method, p, { body, token } = {}) {
  return new Promise((resolve, reject) => {
    const h = {};
    if (token) h.Authorization = `Bearer ${token}`;
    if (body !== undefined) { h['Content-Type'] = 'application/json'; h['Content-Length'] = String(Buffer.byteLength(body)); }
    const t0 = process.hrtime.bigint();
    const r = http.request({ host: '127.0.0.1', port, method, path: p, headers: h, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (b) => chunks.push(b));
      res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString(),
        ms: Number(process.hrtime.bigint() - t0) / 1e6 }));
    });
    r.on('error', reject);
    r.end(body);
  });
}

const q = (a, f) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(f * s.length))]; };
const cli = async (bin, args) => {
  const r = await common.run(bin, args);
  if (r.code !== 0) throw new Error(`${path.basename(bin)} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
};

/* A server of bin on a fresh demo database, with an editor token (and, when
** bUnit, an own-unit editor's), and an exchange the editor may change. */
async function setup(bin, bUnit, tag) {
  const { dir, db } = await common.freshDb(bin, `yc-bench-perm-${tag}-`);
  await cli(bin, ['user', 'add', 'benched', '--db', db]);
  const tokens = { editor: await cli(bin, ['token', 'create', 'benched', '--db', db]) };
  const srv = await common.startServe(bin, db, { threads: 2, healthy: async (port) => (await req(port, 'GET', '/healthz')).status === 200 });
  const items = JSON.parse((await req(srv.port, 'GET', '/api/v1/exchanges?limit=50')).text).items;
  let id = 0;
  for (const x of items) {
    const r = await req(srv.port, 'PATCH', `/api/v1/exchanges/${x.id}`, { body: JSON.stringify({ participants: 1 }), token: tokens.editor });
    if (r.status === 200) { id = x.id; break; }
  }
  if (!id) throw new Error(`${tag}: no exchange an editor may change`);
  if (bUnit) {
    await cli(bin, ['user', 'add', 'benchunit', '--db', db]);
    await cli(bin, ['unit', 'add', '--name-zh', '基准测试单位（合成）', '--kind', 'department', '--db', db]);
    await cli(bin, ['user', 'unit', 'benchunit', '1', '--db', db]);
    await cli(bin, ['user', 'own-unit', 'benchunit', 'on', '--db', db]);
    tokens.unit = await cli(bin, ['token', 'create', 'benchunit', '--db', db]);
    const r = await req(srv.port, 'PATCH', `/api/v1/exchanges/${id}`, { body: JSON.stringify({ unit_id: 1 }), token: tokens.editor });
    if (r.status !== 200) throw new Error(`unit on the exchange: ${r.status} ${r.text}`);
  }
  return { dir, srv, tokens, id, ms: {} };
}

async function round(s, who, n, k0) {
  const a = s.ms[who] || (s.ms[who] = []);
  for (let i = 0; i < n; i++) {
    const r = await req(s.srv.port, 'PATCH', `/api/v1/exchanges/${s.id}`, { body: JSON.stringify({ participants: 2 + ((k0 + i) % 500) }), token: s.tokens[who] });
    if (r.status !== 200) throw new Error(`${who}: ${r.status} ${r.text}`);
    a.push(r.ms);
  }
}

async function main() {
  for (const b of [BIN, BASE]) if (!fs.existsSync(b)) { console.error(`perm.bench: no binary ${b} (set YC_BIN / YC_BASE_BIN)`); process.exit(1); }
  const base = await setup(BASE, false, 'base');
  const cur = await setup(BIN, true, 'cur');
  try {
    for (let k = 0; k < ROUNDS; k++) {
      await round(base, 'editor', PER_ROUND, k * PER_ROUND);
      await round(cur, 'editor', PER_ROUND, k * PER_ROUND);
      await round(cur, 'unit', PER_ROUND, k * PER_ROUND);
    }
    const row = (name, a) => `${name.padEnd(34)} p50 ${q(a, 0.5).toFixed(2).padStart(6)} ms   p99 ${q(a, 0.99).toFixed(2).padStart(6)} ms   (n=${a.length})`;
    const b50 = q(base.ms.editor, 0.5), a50 = q(cur.ms.editor, 0.5), u50 = q(cur.ms.unit, 0.5);
    console.log(`PATCH /api/v1/exchanges/{id}, one client, ${ROUNDS} x ${PER_ROUND} per case, servers taking turns`);
    console.log(row(`base (${path.relative(process.cwd(), BASE)})`, base.ms.editor));
    console.log(row('after: editor', cur.ms.editor));
    console.log(row('after: own-unit editor', cur.ms.unit));
    const mark = (x) => (x < 1.5 ? 'ok' : 'MISS');
    console.log(`ratio p50 after/base ${(a50 / b50).toFixed(2)} (${mark(a50 / b50)}), own-unit/base ${(u50 / b50).toFixed(2)} (${mark(u50 / b50)}); target < 1.5`);
  } finally {
    for (const s of [base, cur]) {
      s.srv.proc.kill('SIGTERM');
      await s.srv.exited;
      fs.rmSync(s.dir, { recursive: true, force: true });
    }
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
