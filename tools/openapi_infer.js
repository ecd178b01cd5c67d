#!/usr/bin/env node
'use strict';
/*
** openapi_infer.js: a first draft of a response schema for
** data/openapi/schemas.json, from real answers of a running server.
**
**   node tools/openapi_infer.js [--token TOKEN] [--items] URL...
**
** GETs every URL and prints one JSON schema that all the answers satisfy:
** the types seen (null added where a value was null; a value only ever
** null gets no type), the properties of objects with those present in
** every answer as required, array items merged. --items drafts the record
** schema of a list from the "items" of list answers ({items, total,
** next_cursor}). Read the draft before adding it: give it a description,
** tighten enums and formats, and loosen what the samples could not show
** (a property absent from every sample is not in the draft).
*/
const http = require('node:http');

const args = process.argv.slice(2);
let token = null;
let items = false;
const urls = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--token') token = args[++i];
  else if (args[i] === '--items') items = true;
  else urls.push(args[i]);
}
if (!urls.length) {
  console.error('usage: node tools/openapi_infer.js [--token TOKEN] [--items] URL...');
  process.exit(2);
}

const get = (url) => new Promise((resolve, reject) => {
  const headers = token ? { Authorization: `Bearer ${token}` } : {};
  http.get(url, { headers }, (res) => {
    const chunks = [];
    res.on('data', (b) => chunks.push(b));
    res.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (res.statusCode !== 200) reject(new Error(`${url}: ${res.statusCode} ${text.slice(0, 200)}`));
      else resolve(JSON.parse(text));
    });
  }).on('error', reject);
});

const typeOf = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array'
  : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v);

/* One schema for all the values. */
function infer(values) {
  const by = new Map();
  for (const v of values) {
    const t = typeOf(v);
    if (!by.has(t)) by.set(t, []);
    by.get(t).push(v);
  }
  if (by.has('integer') && by.has('number')) { by.get('number').push(...by.get('integer')); by.delete('integer'); }
  const types = [...by.keys()].filter((t) => t !== 'null');
  if (!types.length) return {};
  const s = { type: types.length === 1 && !by.has('null') ? types[0] : [...types, ...(by.has('null') ? ['null'] : [])] };
  if (by.has('object')) {
    const objs = by.get('object');
    const keys = [...new Set(objs.flatMap((o) => Object.keys(o)))];
    if (keys.some((k) => /^-?\d+$/.test(k)) || keys.length > 40) {
      s.additionalProperties = infer(objs.flatMap((o) => Object.values(o)));
    } else {
      s.properties = Object.fromEntries(keys.map((k) => [k, infer(objs.filter((o) => k in o).map((o) => o[k]))]));
      const req = keys.filter((k) => objs.every((o) => k in o));
      if (req.length) s.required = req;
    }
  }
  if (by.has('array')) s.items = infer(by.get('array').flat());
  return s;
}

(async () => {
  const answers = [];
  for (const u of urls) answers.push(await get(u));
  const values = items ? answers.flatMap((a) => a.items || []) : answers;
  console.log(JSON.stringify(infer(values), null, 1));
})().catch((e) => { console.error(`openapi_infer: ${e.message}`); process.exit(1); });
