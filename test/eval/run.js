#!/usr/bin/env node
'use strict';
/*
** test/eval/run.js: the evaluation of the matching engine.
**
** Starts `youcheng serve` on a copy of the demo database (test/api/lib.js),
** loads the SYNTHETIC fixture (fixture.json: invented organisations and
** opportunities, each labelled synthetic) through the JSON API, runs every
** labelled query of queries.json through GET /api/v1/match (or
** /opportunities|orgs|partners/{id}/matches for a record), and reports:
**
**   P@5   precision at 5: expected counterparts among the first five
**         results, divided by 5 (the textbook definition; a query with
**         fewer than five expected counterparts cannot reach 1);
**   nP@5  the same divided by min(5, number expected): 1 when every
**         expected counterpart that fits is in the first five;
**   MRR   mean reciprocal rank of the first expected counterpart in the
**         first ten results (0 when none is there).
**
** Usage: node test/eval/run.js [--json]   (YC_BIN selects the binary)
** As a module: run() resolves {queries, p5, np5, mrr, perQuery, byLang}.
*/
const fs = require('node:fs');
const path = require('node:path');
const { startServer, qs } = require('../api/lib.js');

const FIXTURE = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixture.json'), 'utf8'));
const QUERIES = JSON.parse(fs.readFileSync(path.join(__dirname, 'queries.json'), 'utf8')).queries;

function dayOffset(spec) {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + Number(spec));
  return d.toISOString().slice(0, 10);
}

async function must(ctx, method, p, body) {
  const res = await ctx.api(method, p, { body, token: ctx.token });
  if (res.status >= 300) throw new Error(`${method} ${p}: ${res.status} ${res.text.slice(0, 300)}`);
  return res.json;
}

/* Load the fixture; returns the key -> "type:id" map of every counterpart. */
async function loadFixture(ctx) {
  const ids = {};
  /* Demo organisations by English name, partners by GeoNames id. */
  const orgs = await must(ctx, 'GET', '/api/v1/orgs?limit=500');
  for (const o of orgs.items) if (o.name_en) ids[`demo:${o.name_en}`] = `org:${o.id}`;
  const partners = await must(ctx, 'GET', '/api/v1/partners?limit=500');
  for (const t of partners.items) ids[`partner:${t.city.id}`] = `partner:${t.id}`;
  for (const o of FIXTURE.orgs) {
    const body = { type: o.type, side: o.side, city_id: o.city_id, industries: o.industries, description: o.description,
      notes: 'SYNTHETIC evaluation fixture (test/eval/fixture.json); not a real organisation.' };
    if (o.name_en) body.name_en = o.name_en;
    if (o.name_zh) body.name_zh = o.name_zh;
    const j = await must(ctx, 'POST', '/api/v1/orgs', body);
    ids[`org:${o.key}`] = `org:${j.id}`;
    if (o.offers || o.needs) await must(ctx, 'PUT', `/api/v1/orgs/${j.id}/offers`, { offers: o.offers || [], needs: o.needs || [] });
  }
  for (const x of FIXTURE.opportunities) {
    const owner = x.owner.startsWith('org:') ? ids[`demo:${x.owner.slice(4)}`] : ids[`org:${x.owner}`];
    if (!owner) throw new Error(`fixture: unknown owner ${x.owner}`);
    const body = { kind: x.kind, category: x.category, direction: x.direction, industries: x.industries,
      org_id: Number(owner.split(':')[1]), valid_until: dayOffset(x.valid_until), contact: 'synthetic fixture' };
    for (const k of ['title_zh', 'title_en', 'description_zh', 'description_en', 'target_countries', 'status']) if (x[k]) body[k] = x[k];
    const j = await must(ctx, 'POST', '/api/v1/opportunities', body);
    ids[`opp:${x.key}`] = `opportunity:${j.id}`;
  }
  return ids;
}

function resolve(ids, key) {
  const v = ids[key];
  if (!v) throw new Error(`queries.json: unknown key ${key}`);
  return v;
}

async function runQuery(ctx, ids, q) {
  let p;
  if (q.opportunity) p = `/api/v1/opportunities/${resolve(ids, `opp:${q.opportunity}`).split(':')[1]}/matches?limit=10`;
  else if (q.org) p = `/api/v1/orgs/${resolve(ids, q.org).split(':')[1]}/matches?limit=10`;
  else if (q.partner) p = `/api/v1/partners/${resolve(ids, q.partner).split(':')[1]}/matches?limit=10`;
  else {
    const params = { limit: '10' };
    for (const k of ['text', 'industries', 'direction', 'countries', 'kind', 'side']) if (q[k]) params[k] = q[k];
    p = `/api/v1/match${qs(params)}`;
  }
  const res = await ctx.api('GET', p);
  if (res.status !== 200) throw new Error(`${q.id}: ${p}: ${res.status} ${res.text.slice(0, 300)}`);
  return res.json.items.map((it) => `${it.type}:${it.id}`);
}

async function run() {
  const ctx = await startServer();
  try {
    const ids = await loadFixture(ctx);
    const perQuery = [];
    for (const q of QUERIES) {
      const want = new Set(q.expect.map((k) => resolve(ids, k)));
      const got = await runQuery(ctx, ids, q);
      const top5 = got.slice(0, 5);
      const hits5 = top5.filter((x) => want.has(x)).length;
      const first = got.findIndex((x) => want.has(x));
      const forbidden = [ids['opp:O12'], ids['opp:O13']].filter((x) => got.includes(x));
      perQuery.push({ id: q.id, lang: q.lang, p5: hits5 / 5, np5: hits5 / Math.min(5, want.size),
        rr: first >= 0 ? 1 / (first + 1) : 0, forbidden, got: got.slice(0, 5) });
    }
    const mean = (a, f) => a.reduce((s, x) => s + f(x), 0) / a.length;
    const byLang = {};
    for (const lang of [...new Set(perQuery.map((x) => x.lang))]) {
      const a = perQuery.filter((x) => x.lang === lang);
      byLang[lang] = { n: a.length, p5: mean(a, (x) => x.p5), np5: mean(a, (x) => x.np5), mrr: mean(a, (x) => x.rr) };
    }
    return { queries: perQuery.length, p5: mean(perQuery, (x) => x.p5), np5: mean(perQuery, (x) => x.np5),
      mrr: mean(perQuery, (x) => x.rr), byLang, perQuery, ids };
  } finally {
    await ctx.stop();
    await ctx.cleanup();
  }
}

module.exports = { run };

if (require.main === module) {
  run().then((r) => {
    if (process.argv.includes('--json')) { console.log(JSON.stringify(r, null, 2)); return; }
    const f = (x) => x.toFixed(3);
    console.log('query  lang     P@5   nP@5  RR     top five');
    for (const q of r.perQuery) {
      console.log(`${q.id.padEnd(6)} ${q.lang.padEnd(8)} ${f(q.p5)} ${f(q.np5)} ${f(q.rr)}  ${q.got.join(' ')}${q.forbidden.length ? '  FORBIDDEN ' + q.forbidden.join(' ') : ''}`);
    }
    for (const [lang, v] of Object.entries(r.byLang)) console.log(`${lang.padEnd(8)} n=${v.n}  P@5 ${f(v.p5)}  nP@5 ${f(v.np5)}  MRR ${f(v.mrr)}`);
    console.log(`ALL      n=${r.queries}  P@5 ${f(r.p5)}  nP@5 ${f(r.np5)}  MRR ${f(r.mrr)}`);
  }).catch((e) => { console.error(e); process.exit(1); });
}
