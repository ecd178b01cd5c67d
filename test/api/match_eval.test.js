'use strict';
/*
** match_eval.test.js: the matching engine's evaluation (test/eval) as a
** test. It loads the SYNTHETIC fixture, runs the 60 labelled queries (Chinese,
** Traditional Chinese, English, codes only, and records) and fails when
** precision@5 or MRR fall below the levels set from the first honest
** measurement (2026-11-29: P@5 0.403, nP@5 0.897, MRR 0.831 over 60
** queries), with a small margin. Expired and draft opportunities must
** never appear.
*/
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { run } = require('../eval/run.js');

const FLOOR = { p5: 0.38, np5: 0.85, mrr: 0.80 };

test('matching quality: precision@5 and MRR over the labelled queries', { timeout: 600_000 }, async () => {
  const r = await run();
  const f = (x) => x.toFixed(3);
  console.log(`# eval: ${r.queries} queries  P@5 ${f(r.p5)}  nP@5 ${f(r.np5)}  MRR ${f(r.mrr)}`);
  for (const [lang, v] of Object.entries(r.byLang)) console.log(`#   ${lang}: n=${v.n}  P@5 ${f(v.p5)}  nP@5 ${f(v.np5)}  MRR ${f(v.mrr)}`);
  assert.ok(r.queries >= 40, 'at least 40 labelled queries');
  assert.ok(r.byLang.zh && r.byLang.zh.n >= 15 && r.byLang.en && r.byLang.en.n >= 15, 'both languages');
  const bad = r.perQuery.filter((q) => q.forbidden.length);
  assert.deepEqual(bad.map((q) => q.id), [], 'an expired or draft opportunity was matched');
  assert.ok(r.p5 >= FLOOR.p5, `P@5 ${f(r.p5)} < ${FLOOR.p5}`);
  assert.ok(r.np5 >= FLOOR.np5, `nP@5 ${f(r.np5)} < ${FLOOR.np5}`);
  assert.ok(r.mrr >= FLOOR.mrr, `MRR ${f(r.mrr)} < ${FLOOR.mrr}`);
  /* Cross-language: every Chinese query finds something expected in the top five. */
  const zhMiss = r.perQuery.filter((q) => q.lang.startsWith('zh') && q.np5 === 0).map((q) => q.id);
  assert.deepEqual(zhMiss, [], 'Chinese queries with nothing expected in the top five');
});
