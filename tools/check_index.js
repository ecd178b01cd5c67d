#!/usr/bin/env node
'use strict';
/*
** check_index.js: proves the route and command index complete.
**
**   node tools/check_index.js [--bin PATH] [--root DIR] [--write]
**
** (--root: the tree to check, default the one this script is in.)
** Reads the tables from the binary (`youcheng help --json`: the one route
** table of src/web/routes.c and the one command table of
** src/cli/commands.c) and fails, printing each problem, when
**   - a route's handler is not defined in src/web/*.c or not declared in a
**     src/web/*.h header;
**   - an "API:"/"WEBPAGE:" marker in src/web/*.c is not directly above a
**     handler, names another method or path than the table gives that
**     handler, uses API: for a page or WEBPAGE: for an API route, or sits
**     above a function the table does not route; or a routed handler has
**     no marker;
**   - a non-static function with the handler signature (Req*, Resp*) is
**     routed nowhere (the UI kit's helpers declared in ui.h excepted);
**   - a route has no description, appears twice, or can never be reached
**     because an earlier route of the same method matches all its paths;
**   - an API route (/api/..., /healthz) has no heading in doc/api.md, or a
**     heading there names a route the table does not have;
**   - doc/index.md (every route, page and command, generated from the
**     tables) is out of date (--write regenerates it);
**   - a command or import kind is missing from `youcheng --help`, does not
**     answer `--help` with its synopsis and a description, has no
**     "COMMAND:" marker in src/cli/*.c (or a marker names no command), or
**     a cmd_* function of src/cli is in no table entry.
** Exit status 1 when anything is missing; run by `make check-index`.
*/
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync, spawnSync } = require('node:child_process');

const args = process.argv.slice(2);
const iRoot = args.indexOf('--root');
const ROOT = path.resolve(iRoot >= 0 ? args[iRoot + 1] : path.join(__dirname, '..'));
const bWrite = args.includes('--write');
const iBin = args.indexOf('--bin');
const BIN = path.resolve(iBin >= 0 ? args[iBin + 1] : process.env.YC_BIN || path.join(ROOT, 'youcheng'));
const problems = [];
const problem = (where, msg) => problems.push(`${where}: ${msg}`);
const read = (f) => fs.readFileSync(path.join(ROOT, f), 'utf8');
const files = (dir, ext) => fs.readdirSync(path.join(ROOT, dir)).filter((f) => f.endsWith(ext)).sort().map((f) => `${dir}/${f}`);

/* A route path with any "{name}" written "{}", query and remarks dropped. */
const normPath = (p) => p.replace(/[?#].*$/, '').replace(/\{[^}/]*\}/g, '{}');
const isApi = (p) => p.startsWith('/api/') || p === '/healthz';
const key = (m, p) => `${m} ${normPath(p)}`;

let index;
try {
  index = JSON.parse(execFileSync(BIN, ['help', '--json'], { encoding: 'utf8', maxBuffer: 16 << 20 }));
} catch (err) {
  console.error(`check-index: cannot read the index from ${BIN} help --json: ${err.message}`);
  process.exit(2);
}
const routes = index.routes;

/* ---- the web sources: handler definitions and markers ---------------- */
const HANDLER_DEF = /^(static\s+)?void\s+(\w+)\s*\(\s*Req\s*\*\s*\w*\s*,\s*Resp\s*\*\s*\w*\s*\)\s*(\{|$)/;
const MARKER = /^\s*(?:\/\*+|\*\*)\s*(API|WEBPAGE):\s+(\S+)\s+(\/\S*)/;
const isCommentOrBlank = (l) => /^\s*($|\/\*|\*|\*\/)/.test(l);

const defs = new Map();      /* handler name -> {file, line, bStatic} */
const markers = [];          /* {file, line, kind, method, path, handler|null} */
for (const f of files('src/web', '.c')) {
  const lines = read(f).split('\n');
  const pending = [];
  lines.forEach((l, i) => {
    const m = MARKER.exec(l);
    if (m) { pending.push({ file: f, line: i + 1, kind: m[1], method: m[2], path: m[3], handler: null }); return; }
    const d = HANDLER_DEF.exec(l);
    if (d) {
      if (!d[1]) defs.set(d[2], { file: f, line: i + 1, bStatic: false });
      for (const mk of pending.splice(0)) { mk.handler = d[2]; markers.push(mk); }
      return;
    }
    if (!isCommentOrBlank(l)) for (const mk of pending.splice(0)) markers.push(mk);
  });
  markers.push(...pending);
}
const headers = files('src/web', '.h').map((f) => [f, read(f)]);
const kitHeader = headers.find(([f]) => f === 'src/web/ui.h');
const declaredIn = (name, text) => new RegExp(`\\bvoid\\s+${name}\\s*\\(\\s*Req\\s*\\*`).test(text);

/* ---- routes against handlers and markers ------------------------------ */
const routesOf = new Map();  /* handler -> [route key] */
const seen = new Set();
routes.forEach((r, i) => {
  const k = key(r.method, r.path);
  const where = `route ${k} (${r.handler})`;
  if (seen.has(k)) problem(where, 'appears twice in aRoute');
  seen.add(k);
  if (!r.description || !r.description.trim()) problem(where, 'has no description in aRoute');
  if (!routesOf.has(r.handler)) routesOf.set(r.handler, []);
  routesOf.get(r.handler).push(k);
  if (!defs.has(r.handler)) problem(where, `handler ${r.handler} is not defined (non-static) in src/web/*.c`);
  if (!headers.some(([, t]) => declaredIn(r.handler, t))) problem(where, `handler ${r.handler} is not declared in any src/web/*.h`);
  /* An earlier route of the same method that matches every path of this one. */
  const segs = normPath(r.path).split('/');
  for (const q of routes.slice(0, i)) {
    if (q.method !== r.method) continue;
    const qs = normPath(q.path).split('/');
    if (qs.length === segs.length && qs.every((s, j) => s === segs[j] || (s === '{}' && segs[j] !== ''))) {
      problem(where, `is never reached: ${q.method} ${q.path} (${q.handler}) comes first and matches all its paths`);
      break;
    }
  }
});

for (const mk of markers) {
  const where = `${mk.file}:${mk.line}`;
  const k = key(mk.method, mk.path);
  if (!mk.handler) { problem(where, `marker "${mk.kind}: ${mk.method} ${mk.path}" is not directly above a handler (void NAME(Req*, Resp*))`); continue; }
  const want = isApi(normPath(mk.path)) ? 'API' : 'WEBPAGE';
  if (mk.kind !== want) problem(where, `marker "${mk.kind}: ${mk.method} ${mk.path}" should say ${want}:`);
  const rk = routesOf.get(mk.handler);
  if (!rk) problem(where, `marker "${mk.kind}: ${k}" is above ${mk.handler}, which aRoute does not route`);
  else if (!rk.includes(k)) problem(where, `marker says ${k} but aRoute routes ${mk.handler} as ${rk.join(', ')}`);
}
for (const [h, rk] of routesOf) {
  const mine = markers.filter((mk) => mk.handler === h).map((mk) => key(mk.method, mk.path));
  const d = defs.get(h);
  for (const k of rk) if (d && !mine.includes(k)) problem(`${d.file}:${d.line}`, `${h} handles ${k} but has no "${isApi(k.split(' ')[1]) ? 'API' : 'WEBPAGE'}: ${k}" marker above it`);
}
for (const [h, d] of defs) {
  if (routesOf.has(h) || (kitHeader && declaredIn(h, kitHeader[1]))) continue;
  problem(`${d.file}:${d.line}`, `${h} has the handler signature but no route (add it to aRoute, or make it static)`);
}

/* ---- doc/api.md: a heading per API route ------------------------------- */
const apiDoc = read('doc/api.md').split('\n');
const documented = new Map();   /* key -> line */
apiDoc.forEach((l, i) => {
  if (!/^#{2,4}\s/.test(l)) return;
  for (const m of l.matchAll(/`(GET|POST|PUT|PATCH|DELETE)\s+(\/[^`\s]*)`/g)) documented.set(key(m[1], m[2]), i + 1);
});
for (const r of routes) {
  const k = key(r.method, r.path);
  if (isApi(r.path) && !documented.has(k)) problem('doc/api.md', `no heading for ${k} (${r.handler}: ${r.description})`);
}
for (const [k, line] of documented) {
  if (!seen.has(k)) problem(`doc/api.md:${line}`, `heading names ${k}, which is not in aRoute`);
}

/* ---- doc/index.md: generated from the tables ---------------------------- */
function indexMarkdown() {
  const out = [];
  const cell = (s) => String(s).replace(/\|/g, '\\|');
  out.push('# Route and command index', '',
    'Generated by `make doc-index` from the route table (`src/web/routes.c`)',
    'and the command table (`src/cli/commands.c`); do not edit. `make',
    'check-index` (run by `make test`) fails when this file is out of date,',
    'when an API route has no section in `doc/api.md`, or when a handler\'s',
    '`API:`/`WEBPAGE:` marker disagrees with the table. Flags: *write* needs a',
    'bearer token or a session with its CSRF token; *cache* answers are kept',
    'until the next write; *nav* pages are in the header navigation.', '');
  const table = (title, list, intro) => {
    out.push(`## ${title}`, '');
    if (intro) out.push(intro, '');
    out.push('| method | path | flags | what | handler |', '| --- | --- | --- | --- | --- |');
    for (const r of list) {
      const flags = [r.write && 'write', r.cache && 'cache', r.nav && `nav (${r.nav})`].filter(Boolean).join(', ');
      out.push(`| ${r.method} | \`${cell(r.path)}\` | ${flags} | ${cell(r.description)} | \`${r.handler}\` |`);
    }
    out.push('');
  };
  table('JSON API', routes.filter((r) => isApi(r.path)), 'Parameters, answers and errors: `doc/api.md`.');
  table('Pages', routes.filter((r) => !isApi(r.path)),
    'Server-rendered HTML in Chinese or English (`?lang=`); form posts need a session and its CSRF field.');
  out.push('## Commands', '', '`youcheng --help` lists them; `youcheng COMMAND --help` prints each text below.', '');
  for (const c of index.commands) {
    out.push(`### ${c.name}`, '', '```', c.help);
    for (const k of c.kinds || []) out.push('', k.help);
    out.push('```', '');
  }
  return out.join('\n');
}
const indexFile = path.join(ROOT, 'doc/index.md');
const wantIndex = indexMarkdown();
if (bWrite) fs.writeFileSync(indexFile, wantIndex);
const haveIndex = fs.existsSync(indexFile) ? fs.readFileSync(indexFile, 'utf8') : '';
if (!haveIndex) {
  problem('doc/index.md', 'missing: run `make doc-index`');
} else if (haveIndex !== wantIndex) {
  const have = new Set(haveIndex.split('\n'));
  const want = new Set(wantIndex.split('\n'));
  const lacks = [...want].filter((l) => l.trim() && !have.has(l));
  const stale = [...have].filter((l) => l.trim() && !want.has(l));
  for (const l of lacks.slice(0, 40)) problem('doc/index.md', `lacks: ${l}`);
  for (const l of stale.slice(0, 40)) problem('doc/index.md', `stale: ${l}`);
  if (!lacks.length && !stale.length) problem('doc/index.md', 'lines out of order');
  problem('doc/index.md', 'out of date: run `make doc-index`');
}

/* ---- commands ------------------------------------------------------------- */
const run = (argv) => spawnSync(BIN, argv, { encoding: 'utf8' });
const usage = run(['--help']);
if (usage.status !== 0) problem('youcheng --help', `exits ${usage.status}`);
const leaves = [];   /* [words, entry] */
for (const c of index.commands) {
  if (c.kinds) for (const k of c.kinds) leaves.push([[c.name, k.name], k]);
  else leaves.push([[c.name], c]);
}
const esc = (z) => z.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
for (const [words] of leaves) {
  const name = `youcheng ${words.join(' ')}`;
  if (!new RegExp(`^  ${esc(name)}\\b`, 'm').test(usage.stdout || '')) problem('youcheng --help', `does not list ${name}`);
}
for (const [words] of [...leaves, ...index.commands.filter((c) => c.kinds).map((c) => [[c.name], c])]) {
  const name = `youcheng ${words.join(' ')}`;
  const h = run([...words, '--help']);
  const lines = (h.stdout || '').split('\n');
  if (h.status !== 0) problem(`${name} --help`, `exits ${h.status}: ${(h.stderr || '').trim().split('\n')[0]}`);
  else if (!lines[0].startsWith(name)) problem(`${name} --help`, `does not start with its synopsis "${name} ...": ${lines[0]}`);
  else if (!lines.some((l) => /^  \S/.test(l))) problem(`${name} --help`, 'has no description (a line indented by two spaces)');
}
/* COMMAND: markers and cmd_* functions of src/cli. */
const want = new Set(leaves.map(([w]) => w.join(' ')));
const marked = new Map();
const cliFiles = files('src/cli', '.c');
const commandsC = read('src/cli/commands.c');
for (const f of cliFiles) {
  read(f).split('\n').forEach((l, i) => {
    const m = /^\s*(?:\/\*+|\*\*)\s*COMMAND:\s+(.+?)\s*(\*\/)?\s*$/.exec(l);
    if (m) {
      marked.set(m[1], `${f}:${i + 1}`);
      if (!want.has(m[1])) problem(`${f}:${i + 1}`, `marker "COMMAND: ${m[1]}" names no command or import kind of aCommand`);
    }
    const d = /^int\s+(cmd_\w+)\s*\(\s*int\s+\w*\s*,\s*char\s*\*\*\s*\w*\s*\)\s*\{/.exec(l);
    if (d && !new RegExp(`\\b${d[1]}\\b`).test(commandsC)) problem(`${f}:${i + 1}`, `${d[1]} is in no entry of the command table (src/cli/commands.c)`);
  });
}
for (const w of want) if (!marked.has(w)) problem('src/cli', `no "COMMAND: ${w}" marker above the code of youcheng ${w}`);

/* ---- report ---------------------------------------------------------------- */
if (problems.length) {
  console.error(`check-index: ${problems.length} problem(s):`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log(`check-index: ${routes.length} routes (${routes.filter((r) => isApi(r.path)).length} API, documented in doc/api.md), `
  + `${markers.length} markers, ${leaves.length} commands and import kinds: all indexed${bWrite ? '; doc/index.md written' : ''}`);
