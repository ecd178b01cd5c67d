#!/usr/bin/env node
'use strict';
/*
** check_news_links.js: double-checks the curated mention labels of the demo
** news (data/demo/jinan_news_links.tsv) against the texts
** (data/demo/jinan_news.tsv) by plain search, independently of the mention
** finder in C.
**
**   node tools/check_news_links.js [--draft]
**
** For every news row (title + body; rows in Traditional characters are
** turned into Simplified by ICU's Traditional-Simplified transliterator,
** `uconv -x`, from icu-devtools) it looks for every name form of every demo
** record: ties (jinan_ties.tsv: name_en, name_zh with and without 市,
** label), organisations (jinan_orgs.tsv: name_en, name_zh and the parts in
** brackets), events (jinan_events.tsv: title_zh, title_en) and people
** (jinan_people.tsv: name_zh, name_en, name_native). English forms match
** case-insensitively on word boundaries. It reports
**   ERROR  a label whose surface is not in its text, a label of an unknown
**          record, a duplicate label, a news key that does not exist;
**   ERROR  a name form found in a text that no label covers and that
**          NOT_MENTIONS below does not explain (a missed label);
**   note   labels that no plain name form finds (surface variants such as
**          萨克市 or 奥斯博格市: the finder needs aliases for them).
** Exit status 1 when there is an ERROR. --draft prints the labels that plain
** search suggests, as TSV rows, for a new text.
*/
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const DEMO = path.resolve(__dirname, '../data/demo');

/* Name forms found in a text that are not mentions of the record, with the
** reason. Key: news key, then the form as found (after Traditional ->
** Simplified). */
const NOT_MENTIONS = {
  qingdao_jp_consulate_week_2025: {
    '和歌山': 'Wakayama Prefecture (和歌山县), a partner of Shandong province, not the city of Wakayama',
    '山口': 'Yamaguchi Prefecture (山口县), a partner of Shandong province, not the city of Yamaguchi',
  },
};

/* A TSV file of the demo set: its header row after the '#' comments. */
function readTsv(name) {
  const lines = fs.readFileSync(path.join(DEMO, name), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
  const head = lines.shift().split('\t');
  return lines.map((l) => {
    const f = l.split('\t');
    const o = {};
    head.forEach((h, i) => { o[h] = f[i] === undefined ? '' : f[i]; });
    return o;
  });
}

/* Every name form of every record: [{type, ref, form}]. */
function nameForms() {
  const out = [];
  const add = (type, ref, form) => {
    form = (form || '').trim();
    if (form.length >= 2) out.push({ type, ref, form });
  };
  for (const t of readTsv('jinan_ties.tsv')) {
    add('tie', t.geonames_id, t.name_en);
    add('tie', t.geonames_id, t.name_zh);
    if (t.name_zh.endsWith('市')) add('tie', t.geonames_id, t.name_zh.slice(0, -1));
    add('tie', t.geonames_id, t.label.replace(/\s*\(.*\)$/, ''));
  }
  for (const o of readTsv('jinan_orgs.tsv')) {
    for (const n of [o.name_en, o.name_zh]) {
      const m = /^(.*?)\s*[(（](.*)[)）]\s*$/.exec(n);
      if (m) { add('org', o.name_en, m[1]); add('org', o.name_en, m[2]); } else add('org', o.name_en, n);
    }
  }
  for (const e of readTsv('jinan_events.tsv')) {
    add('event', e.key, e.title_zh);
    add('event', e.key, e.title_en);
  }
  for (const p of readTsv('jinan_people.tsv')) {
    add('person', p.name_en, p.name_zh);
    add('person', p.name_en, p.name_en);
    add('person', p.name_en, p.name_native);
  }
  return out;
}

/* Traditional -> Simplified through ICU (one uconv call for all texts). */
function toSimplified(texts) {
  const SEP = '\u0001';
  const out = execFileSync('uconv', ['-f', 'utf-8', '-t', 'utf-8', '-x', 'Traditional-Simplified'],
    { input: texts.join(SEP) }).toString('utf8');
  const parts = out.split(SEP);
  if (parts.length !== texts.length) throw new Error('uconv changed the number of texts');
  return parts;
}

const isLatin = (s) => /^[\x20-\x7e\u00c0-\u024f]+$/.test(s);
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/* Positions where FORM occurs in TEXT (English: case-insensitive, on word
** boundaries). */
function occurrences(text, form) {
  const re = isLatin(form)
    ? new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(form)}(?![\\p{L}\\p{N}])`, 'giu')
    : new RegExp(escapeRe(form), 'gu');
  const pos = [];
  let m;
  while ((m = re.exec(text)) !== null) pos.push([m.index, m.index + m[0].length]);
  return pos;
}

/* Every occurrence of every form in TEXT; a form inside a longer one of
** another record (和歌山市 inside an event title) counts too. */
function found(text, forms) {
  const hits = [];
  for (const f of forms) for (const [s, e] of occurrences(text, f.form)) hits.push({ ...f, s, e });
  return hits;
}

function main() {
  const draft = process.argv.includes('--draft');
  const news = readTsv('jinan_news.tsv');
  const links = readTsv('jinan_news_links.tsv');
  const forms = nameForms();
  const known = new Set(forms.map((f) => `${f.type}\t${f.ref}`));
  const raw = news.map((n) => `${n.title}\n${n.body.replace(/\\n/g, '\n')}`);
  const simp = toSimplified(raw);
  const errors = [], notes = [];
  const byKey = new Map(news.map((n, i) => [n.key, i]));
  const labelled = new Map();
  for (const l of links) {
    const i = byKey.get(l.news_key);
    if (i === undefined) { errors.push(`unknown news key ${l.news_key}`); continue; }
    const id = `${l.news_key}\t${l.type}\t${l.ref}`;
    if (labelled.has(id)) errors.push(`duplicate label ${id.replace(/\t/g, ' ')}`);
    labelled.set(id, l);
    if (!known.has(`${l.type}\t${l.ref}`)) errors.push(`${l.news_key}: unknown ${l.type} '${l.ref}'`);
    if (!raw[i].includes(l.surface)) errors.push(`${l.news_key}: surface '${l.surface}' (${l.type} ${l.ref}) is not in the text`);
  }
  let nHits = 0;
  news.forEach((n, i) => {
    /* The first occurrence of each record, the longest form there. */
    const hits = found(simp[i], forms).sort((a, b) => a.s - b.s || b.e - a.e);
    const seen = new Set();
    for (const h of hits) {
      const id = `${n.key}\t${h.type}\t${h.ref}`;
      if (seen.has(id)) continue;
      seen.add(id);
      nHits++;
      if (labelled.has(id)) continue;
      const why = (NOT_MENTIONS[n.key] || {})[h.form];
      if (why) { notes.push(`${n.key}: '${h.form}' is not ${h.type} ${h.ref}: ${why}`); continue; }
      if (draft) console.log(`${n.key}\t${h.type}\t${h.ref}\t${raw[i].slice(h.s, h.e)}`);
      else errors.push(`${n.key}: '${h.form}' found (${h.type} ${h.ref}) but not labelled`);
    }
    for (const [id, l] of labelled) {
      if (l.news_key === n.key && !seen.has(id)) notes.push(`${n.key}: ${l.type} ${l.ref} labelled from the variant '${l.surface}' (no plain name form matches)`);
    }
  });
  if (draft) return 0;
  for (const s of notes) console.log(`note  ${s}`);
  for (const s of errors) console.log(`ERROR ${s}`);
  const langs = {};
  news.forEach((n, i) => {
    /* Traditional: several characters change (ICU also turns the odd
    ** Simplified one, 大阪 -> 大坂, so one is not enough). */
    let changed = 0;
    for (let j = 0; j < raw[i].length && j < simp[i].length; j++) if (raw[i][j] !== simp[i][j]) changed++;
    const k = n.lang === 'zh' && changed >= 5 ? 'zh-Hant' : n.lang;
    langs[k] = (langs[k] || 0) + 1;
  });
  const noLabel = news.filter((n) => !links.some((l) => l.news_key === n.key)).length;
  console.log(`${news.length} texts (${Object.entries(langs).map(([k, v]) => `${k} ${v}`).join(', ')}), ` +
    `${links.length} labels, ${noLabel} texts without any label, ${notes.length} notes, ${errors.length} errors`);
  return errors.length ? 1 : 0;
}

process.exitCode = main();
