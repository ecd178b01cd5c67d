'use strict';
/*
** mentions_eval.test.js: the mention finder measured on the labelled set of
** real texts (issue 13): data/demo/jinan_news.tsv (50 restated public texts
** about Jinan and its partners, each cited) and their curated labels,
** data/demo/jinan_news_links.tsv. Two parts:
**
** 1. The labelled set is well-formed: at least 45 texts (15 Simplified
**    Chinese, 5 Traditional, 15 English), some without any label (they test
**    precision), known kinds and dates, a source with a URL on every row;
**    every label's surface in its text and its record in the demo database
**    (a tie of the home city by the partner's GeoNames id, an organisation
**    or a person by name_en, an event by its key in jinan_events.tsv); and
**    tools/check_news_links.js finds no demo name in a text without its
**    label.
** 2. The finder (POST /api/v1/mentions, signed in: people are found only
**    for signed-in callers) of a server on a fresh copy of the demo database,
**    on every text's title and body; the mentions found map to (type, ref)
**    through the database like the labels. (`youcheng news mentions FILE`
**    is the same core function, tested in cli and news tests; one server
**    instead of a process per text keeps the suite fast under ASan.)
**    Micro precision and recall over the (text, type, ref) pairs must reach
**    the issue's targets, precision >= 0.9 and recall >= 0.85. The figures,
**    and every text's misses and false hits, are printed ("# mentions: ...").
**    Until the finder is in the build this fails with "mention finder
**    missing".
*/
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const lib = require('./lib.js');

const DEMO = path.resolve(__dirname, '../../data/demo');
const TARGET = { precision: 0.9, recall: 0.85 };
const KINDS = new Set(['news', 'press_release', 'speech', 'agreement', 'report', 'photo_story']);
const TYPES = new Set(['tie', 'org', 'event', 'person']);

/* A TSV file of the demo set: {head, rows}; '#' lines are comments. */
function readTsv(name) {
  const lines = fs.readFileSync(path.join(DEMO, name), 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const data = lines.filter((l) => !l.startsWith('#'));
  const head = data.shift().split('\t');
  const rows = data.map((l, i) => {
    const f = l.split('\t');
    assert.equal(f.length, head.length, `${name}: data row ${i + 1} has ${f.length} fields, not ${head.length}`);
    return Object.fromEntries(head.map((h, j) => [h, f[j]]));
  });
  return { head, rows };
}

const news = readTsv('jinan_news.tsv');
const links = readTsv('jinan_news_links.tsv');
const HOME = Number(readTsv('jinan_home.tsv').rows[0].geonames_id);

/* The text the finder reads: title, blank line, body (the loader turns the
** two characters \n into a newline). */
const textOf = (n) => `${n.title}\n\n${n.body.replace(/\\n/g, '\n')}`;

/* Written in Traditional characters: common Traditional-only characters. */
const TRADITIONAL = /[國與為會這個們來時說對開學發關經濟產業務際區縣歲兩場團體雙長]/u;

/* The demo database's records as (type, id) -> ref: ties of the home city
** by the partner's GeoNames id, organisations and people by name_en, events
** by their key in jinan_events.tsv (the database keeps no key: matched on
** the titles). One sqlite3 process. */
async function recordRefs(db) {
  const T = "|| char(9) ||";
  const q = `SELECT 'tie' ${T} id ${T} partner_city_id ${T} '' FROM tie WHERE home_city_id = ${HOME}
    UNION ALL SELECT 'org' ${T} id ${T} coalesce(name_en, '') ${T} '' FROM org
    UNION ALL SELECT 'person' ${T} id ${T} coalesce(name_en, '') ${T} '' FROM person
    UNION ALL SELECT 'event' ${T} id ${T} coalesce(title_zh, '') ${T} coalesce(title_en, '') FROM event;`;
  const out = await lib.sql(db, q);
  const eventKey = new Map(readTsv('jinan_events.tsv').rows.map((e) => [`${e.title_zh}\t${e.title_en}`, e.key]));
  const refs = new Map();
  for (const line of out.split('\n')) {
    if (!line) continue;
    const [type, id, a, b] = line.split('\t');
    const ref = type === 'event' ? eventKey.get(`${a}\t${b}`) : a;
    if (ref !== undefined && ref !== '') refs.set(`${type}\t${id}`, ref);
  }
  return refs;
}

test('the labelled set: enough real texts in each script, each cited, every label in its text and in the demo database', { timeout: lib.SETUP_TIMEOUT }, async () => {
  assert.deepEqual(news.head, ['key', 'date', 'kind', 'lang', 'title', 'body', 'source']);
  assert.deepEqual(links.head, ['news_key', 'type', 'ref', 'surface']);
  const keys = new Set();
  const count = { zh: 0, 'zh-Hant': 0, en: 0 };
  for (const n of news.rows) {
    assert.ok(/^[a-z0-9_]+$/.test(n.key) && !keys.has(n.key), `key ${n.key}: unique, [a-z0-9_]`);
    keys.add(n.key);
    assert.ok(/^\d{4}(-\d{2}(-\d{2})?)?$/.test(n.date), `${n.key}: date ${n.date}`);
    assert.ok(KINDS.has(n.kind), `${n.key}: kind ${n.kind}`);
    assert.ok(n.lang === 'zh' || n.lang === 'en', `${n.key}: lang ${n.lang}`);
    assert.ok(n.title && n.body, `${n.key}: title and body`);
    assert.ok(/https?:\/\/\S+/.test(n.source), `${n.key}: the source has a URL`);
    count[n.lang === 'zh' && TRADITIONAL.test(textOf(n)) ? 'zh-Hant' : n.lang]++;
  }
  assert.ok(news.rows.length >= 45, `${news.rows.length} texts`);
  assert.ok(count.zh >= 15 && count['zh-Hant'] >= 5 && count.en >= 15, `texts by script: ${JSON.stringify(count)}`);

  const byKey = new Map(news.rows.map((n) => [n.key, n]));
  const seen = new Set();
  for (const l of links.rows) {
    const n = byKey.get(l.news_key);
    assert.ok(n, `label of an unknown text ${l.news_key}`);
    assert.ok(TYPES.has(l.type), `${l.news_key}: type ${l.type}`);
    const id = `${l.news_key}\t${l.type}\t${l.ref}`;
    assert.ok(!seen.has(id), `label twice: ${id}`);
    seen.add(id);
    assert.ok(textOf(n).includes(l.surface), `${l.news_key}: surface '${l.surface}' is not in the text`);
  }
  const unlabelled = news.rows.filter((n) => !links.rows.some((l) => l.news_key === n.key));
  assert.ok(unlabelled.length >= 3, `${unlabelled.length} texts without any label (precision needs some)`);
  assert.ok(links.rows.length >= 60, `${links.rows.length} labels`);

  /* No demo name in a text without its label (tools/check_news_links.js:
  ** plain search of every name form, Traditional text through ICU's uconv,
  ** which libicu-dev brings). */
  const chk = await lib.run(process.execPath, [path.resolve(__dirname, '../../tools/check_news_links.js')], { timeout: 60_000 });
  assert.equal(chk.code, 0, `tools/check_news_links.js:\n${chk.stdout}${chk.stderr}`);
  assert.match(chk.stdout, / 0 errors\n$/);

  /* Every label names a record of the demo database. */
  const { dir, db } = await lib.freshDb();
  try {
    const known = new Set([...(await recordRefs(db))].map(([k, ref]) => `${k.split('\t')[0]}\t${ref}`));
    assert.ok(known.size > 50, `${known.size} records`);
    const missing = links.rows.filter((l) => !known.has(`${l.type}\t${l.ref}`)).map((l) => `${l.news_key} ${l.type} ${l.ref}`);
    assert.deepEqual(missing, [], 'labels of records the demo database does not have');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test(`mention finder: precision >= ${TARGET.precision} and recall >= ${TARGET.recall} on the labelled texts`, { timeout: lib.SETUP_TIMEOUT }, async () => {
  const srv = await lib.startServer();
  try {
    const refs = await recordRefs(srv.db);
    const expected = new Set(links.rows.map((l) => `${l.news_key}\t${l.type}\t${l.ref}`));
    const got = new Set();
    const unresolved = [];
    for (const n of news.rows) {
      const r = await srv.api('POST', '/api/v1/mentions', { token: srv.token, body: { text: textOf(n) } });
      const out = r.json;
      if (r.status !== 200 || !out || !Array.isArray(out.mentions)) {
        assert.fail(`mention finder missing: POST /api/v1/mentions did not answer {"mentions":[...]} ` +
          `(${r.status}): ${r.text.slice(0, 300)}`);
      }
      for (const m of out.mentions) {
        assert.ok(TYPES.has(m.type), `${n.key}: mention of type ${m.type}`);
        /* An ambiguous name is offered unresolved (no id): not a link. */
        if (m.id === undefined || m.id === null) { unresolved.push(`${n.key} ${m.type} '${m.match}'`); continue; }
        const ref = refs.get(`${m.type}\t${m.id}`);
        assert.ok(ref !== undefined, `${n.key}: ${m.type} id ${m.id} ('${m.match}') is not a record of the demo database`);
        got.add(`${n.key}\t${m.type}\t${ref}`);
      }
    }
    const tp = [...got].filter((x) => expected.has(x)).length;
    const precision = got.size ? tp / got.size : 0;
    const recall = tp / expected.size;
    const f = (x) => x.toFixed(3);
    console.log(`mentions: ${news.rows.length} texts, ${expected.size} labelled, ${got.size} found, ${tp} right: ` +
      `precision ${f(precision)}, recall ${f(recall)}`);
    /* The held-out split (doc/news.md, "How well it finds"): the keys
    ** sorted, half A the 1st, 3rd, ... (rules were designed on its misses),
    ** half B the 2nd, 4th, ... (the honest estimate). */
    const sorted = news.rows.map((n) => n.key).sort();
    for (const [name, half] of [['A', sorted.filter((_, i) => i % 2 === 0)], ['B', sorted.filter((_, i) => i % 2 === 1)]]) {
      const keys = new Set(half);
      const inHalf = (x) => keys.has(x.split('\t')[0]);
      const e = [...expected].filter(inHalf), g = [...got].filter(inHalf);
      const t = g.filter((x) => expected.has(x)).length;
      console.log(`  half ${name} (${half.length} texts): ${e.length} labelled, ${g.length} found, ${t} right: ` +
        `precision ${f(g.length ? t / g.length : 0)}, recall ${f(e.length ? t / e.length : 0)}`);
    }
    for (const type of TYPES) {
      const e = [...expected].filter((x) => x.split('\t')[1] === type);
      const g = [...got].filter((x) => x.split('\t')[1] === type);
      const t = g.filter((x) => expected.has(x)).length;
      console.log(`  ${type}: ${e.length} labelled, ${g.length} found, ${t} right`);
    }
    for (const n of news.rows) {
      const miss = [...expected].filter((x) => x.startsWith(`${n.key}\t`) && !got.has(x));
      const extra = [...got].filter((x) => x.startsWith(`${n.key}\t`) && !expected.has(x));
      const show = (x) => {
        const [, type, ref] = x.split('\t');
        const l = links.rows.find((y) => y.news_key === n.key && y.type === type && y.ref === ref);
        return `${type} ${ref}${l ? ` '${l.surface}'` : ''}`;
      };
      if (miss.length) console.log(`  missed   ${n.key}: ${miss.map(show).join('; ')}`);
      if (extra.length) console.log(`  false    ${n.key}: ${extra.map(show).join('; ')}`);
    }
    for (const u of unresolved) console.log(`  unresolved ${u}`);
    assert.ok(precision >= TARGET.precision, `precision ${f(precision)} < ${TARGET.precision}`);
    assert.ok(recall >= TARGET.recall, `recall ${f(recall)} < ${TARGET.recall}`);
    const stop = await srv.stop();
    assert.ok(!lib.sanitizerErrors(stop.stderr), `sanitizer report:\n${stop.stderr.slice(0, 4000)}`);
    assert.equal(stop.code, 0, `server exit code ${stop.code}`);
  } finally {
    await srv.cleanup();
  }
});
