'use strict';
/*
** openapi.js: checks the answers of the JSON API against its OpenAPI 3.1
** document (GET /api/v1/openapi.json, built by the server from its route
** table). lib.js's request() passes every answer to an /api/v1 path
** through check(), so every API test validates what it receives.
**
**   makeValidator(doc)  -> {find(method, path), check(method, path, res)}
**     find: the operation of a request: its path template (the template
**       with the most literal segments wins, as the route table's order
**       makes the server do) and method; null when none.
**     check: throws an AssertionError naming the request and ajv's errors
**       when the answer does not match the schema the document gives for
**       its status (or "default") and content type, when the status is not
**       documented, or when the path has no operation and the answer is
**       not an error answer (Error schema).
**
** The document's component schemas are added to one ajv instance (ajv 8,
** JSON Schema 2020-12, with ajv-formats) once per document; each
** response schema is compiled on first use and kept, so a test process
** compiles a schema once.
*/
const assert = require('node:assert/strict');
const Ajv2020 = require('ajv/dist/2020');
const addFormats = require('ajv-formats');

const cache = new Map();            /* document text -> validator */

function makeValidator(doc) {
  const key = JSON.stringify(doc);
  if (cache.has(key)) return cache.get(key);
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  /* The components as one schema, so that "#/components/schemas/X" refs
  ** resolve: each response schema is compiled as a ref into it. */
  ajv.addSchema({ $id: 'yc:openapi', components: doc.components }, 'yc:openapi');
  const compiled = new Map();
  const validatorOf = (schema) => {
    const k = JSON.stringify(schema);
    let v = compiled.get(k);
    if (!v) {
      const s = JSON.parse(k.replaceAll('"#/components/', '"yc:openapi#/components/'));
      v = ajv.compile(s);
      compiled.set(k, v);
    }
    return v;
  };
  /* Path templates, most literal segments first. */
  const templates = Object.keys(doc.paths).map((t) => {
    const segs = t.split('/');
    const rx = new RegExp(`^${segs.map((s) => (/^\{[^}]+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))).join('/')}$`);
    return { t, rx, literal: segs.filter((s) => !/^\{/.test(s)).length };
  }).sort((a, b) => b.literal - a.literal);

  function find(method, path) {
    const p = path.split('?')[0];
    const m = method.toLowerCase() === 'head' ? 'get' : method.toLowerCase();
    for (const { t, rx } of templates) {
      if (!rx.test(p)) continue;
      const op = doc.paths[t][m];
      if (op) return { template: t, method: m, op };
    }
    return null;
  }

  function fail(method, path, res, msg) {
    if (path.length > 200) path = `${path.slice(0, 200)}...`;
    assert.fail(`OpenAPI: ${method} ${path} answered ${res.status}: ${msg}\n  body: ${(res.text || '').slice(0, 400)}`);
  }

  function check(method, path, res) {
    if (method.toUpperCase() === 'HEAD') return;
    /* Answered by libmicrohttpd before any route: URI or headers too long. */
    if (res.status === 414 || res.status === 431) return;
    const ctype = res.headers['content-type'] || '';
    const isJson = /^application\/json/.test(ctype);
    let body = res.json;
    if (isJson && body === undefined && res.text && res.text.length) {
      try { body = JSON.parse(res.text); } catch (e) { fail(method, path, res, `not JSON: ${e.message}`); }
    }
    const f = find(method, path);
    if (!f) {
      /* No operation: only an error answer (404 unknown path, 405 method). */
      if (res.status < 400) fail(method, path, res, 'the document has no operation for this request');
      if (isJson) run(validatorOf({ $ref: '#/components/schemas/Error' }), method, path, res, body, 'Error');
      return;
    }
    const r = f.op.responses[String(res.status)] || f.op.responses.default;
    if (!r) fail(method, path, res, `status ${res.status} is not documented for ${f.method.toUpperCase()} ${f.template}`);
    if (!r.content) {
      if (res.text && res.text.length) fail(method, path, res, `${f.method.toUpperCase()} ${f.template} ${res.status} documents no body`);
      return;
    }
    // A media type, or a range (*/* or image/*: a file whose type is found from its content).
    const mt = Object.keys(r.content).find((t) => ctype.startsWith(t) || t === '*/*' || (t.endsWith('/*') && ctype.startsWith(t.slice(0, -1))));
    if (!mt) fail(method, path, res, `content type '${ctype}' is not documented (${Object.keys(r.content).join(', ')})`);
    if (!/json/.test(mt)) return;
    run(validatorOf(r.content[mt].schema), method, path, res, body, `${f.method.toUpperCase()} ${f.template} ${res.status}`);
  }

  function run(v, method, path, res, body, what) {
    if (v(body)) return;
    const errs = v.errors.slice(0, 8).map((e) => `${e.instancePath || '/'} ${e.message}${e.params && e.params.additionalProperty ? ` (${e.params.additionalProperty})` : ''}`);
    fail(method, path, res, `does not match the schema of ${what}:\n  ${errs.join('\n  ')}`);
  }

  const v = { find, check, doc };
  cache.set(key, v);
  return v;
}

module.exports = { makeValidator };
