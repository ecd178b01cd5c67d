'use strict';
/*
** check_tools.test.js: the two build-time checks fail when they should.
**   tools/check_index.js  passes on the tree; on a copy of the tree with a
**                         document, a marker, a handler or a command marker
**                         broken it fails and names each one.
**   tools/hpcheck.c       on a fixture file of wrong hp() calls it names the
**                         argument count, the unknown conversion, the
**                         format that is not a literal, the unknown key and
**                         the request data given to %R; the copy it writes
**                         does not compile, each wrong type at its line;
**                         a translation whose zh and en conversions differ
**                         is named.
** No server is needed; the fixtures are SYNTHETIC.
*/
const { test, describe, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '../..');
const BIN = process.env.YC_BIN || path.join(ROOT, 'youcheng');
const T = { timeout: 120_000 };
const run = (cmd, argv, opts = {}) => spawnSync(cmd, argv, { encoding: 'utf8', ...opts });

let tmp;
before(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yc-check-')); });
after(() => { if (tmp) fs.rmSync(tmp, { recursive: true, force: true }); });

describe('check_index.js', () => {
  const index = (root) => run('node', [path.join(ROOT, 'tools/check_index.js'), '--bin', BIN, '--root', root]);

  test('passes on the tree', T, () => {
    const r = index(ROOT);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /all indexed/);
  });

  test('fails on a broken copy, naming each problem', T, () => {
    const root = path.join(tmp, 'tree');
    for (const d of ['src/web', 'src/cli', 'doc']) fs.cpSync(path.join(ROOT, d), path.join(root, d), { recursive: true });
    const edit = (f, from, to) => {
      const p = path.join(root, f);
      const s = fs.readFileSync(p, 'utf8');
      assert.ok(s.includes(from), `${f} has ${from}`);
      fs.writeFileSync(p, s.replace(from, to));
    };
    edit('doc/api.md', '### `GET /api/v1/me`', '### Who am I');
    edit('doc/api.md', '### `GET /api/v1/stats`', '### `GET /api/v1/statistics`');
    edit('src/web/api_layout.c', '/* API: GET /api/v1/lists */', '/* API: GET /api/v1/list */');
    fs.appendFileSync(path.join(root, 'src/web/api_ref.c'), '\n/* API: GET /api/v1/extra */\nvoid api_extra(Req *r, Resp *p){ (void)r; (void)p; }\n');
    edit('src/cli/cmd_user.c', '** COMMAND: version\n', '');
    edit('doc/index.md', '| GET | `/api/v1/countries`', '| GET | `/api/v1/nations`');
    const r = index(root);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    const want = [
      /doc\/api\.md: no heading for GET \/api\/v1\/me/,
      /doc\/api\.md:\d+: heading names GET \/api\/v1\/statistics, which is not in aRoute/,
      /src\/web\/api_layout\.c:\d+: marker says GET \/api\/v1\/list but aRoute routes api_lists as GET \/api\/v1\/lists/,
      /src\/web\/api_ref\.c:\d+: marker "API: GET \/api\/v1\/extra" is above api_extra, which aRoute does not route/,
      /src\/web\/api_ref\.c:\d+: api_extra has the handler signature but no route/,
      /src\/cli: no "COMMAND: version" marker/,
      /doc\/index\.md: out of date: run `make doc-index`/,
    ];
    for (const re of want) assert.match(r.stderr, re);
  });
});

describe('hpcheck', () => {
  let tool;
  const fixture = (name, text) => { const p = path.join(tmp, name); fs.mkdirSync(path.dirname(p), { recursive: true }); fs.writeFileSync(p, text); return p; };

  before(() => {
    tool = path.join(tmp, 'hpcheck');
    const r = run('cc', ['-O1', '-std=c17', '-Wall', '-Wextra', '-o', tool, path.join(ROOT, 'tools/hpcheck.c')]);
    assert.equal(r.status, 0, r.stderr);
    fixture('i18n/x.tsv', 'key\tzh\ten\nk.count\t共 %s 个\t%s in all\nk.swap\t%2$d 个月 %1$d 次\t%d in %d months\nk.bad\t共 %d 个\t%s in all\n');
  });

  test('names wrong calls, and the compiler each wrong type', T, () => {
    const src = fixture('src/page.c', [
      '/* SYNTHETIC fixture for test/api/check_tools.test.js. */',
      'typedef struct Buf Buf;',
      'typedef struct Req { const char *zLang; } Req;',
      'void hp(Buf *b, const char *zFmt, ...);',
      'const char *tr(const char *zLang, const char *zKey);',
      '#define T(r, k) tr((r)->zLang, (k))',
      'const char *param(Req *r, const char *zName);',
      'int snprintf(char *z, unsigned long n, const char *zFmt, ...) __attribute__((format(printf, 3, 4)));',
      'static const char *checked(int bOn){ return bOn ? " checked" : ""; }',
      'void page(Req *r, Buf *b, const char *zName, int n, long long big){',
      '  char z[64];',
      '  hp(b, "<p>%d</p>", zName);',                    // 12: type (compiler)
      '  hp(b, "<p>%s %s</p>", zName);',                 // 13: count
      '  hp(b, "<p>%x</p>", n);',                        // 14: unknown conversion
      '  hp(b, zName);',                                 // 15: not a literal
      '  hp(b, "<b%R>", param(r, "q"));',                // 16: request data to %R
      '  hp(b, "<b%R>%s", checked(n), zName);',          // 17: fine
      '  hp(b, T(r, "k.count"), n);',                    // 18: type, from the English text
      '  hp(b, T(r, "k.none"));',                        // 19: unknown key
      '  hp(b, "%D %d", big, (int)big);',                // 20: fine
      '  snprintf(z, sizeof z, T(r, "k.swap"), zName, n);', // 21: -Wformat on the English text
      '  hp(b, "%s", z);',
      '}',
      '',
    ].join('\n'));
    const out = path.join(tmp, 'out');
    const r = run(tool, ['-i', path.join(tmp, 'i18n'), '-o', out, 'src/page.c'], { cwd: tmp });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    const want = [
      /src\/page\.c:13: hp\(\) has 1 argument\(s\) for the 2 conversion\(s\)/,
      /src\/page\.c:14: hp\(\) format: unknown conversion %x/,
      /src\/page\.c:15: hp\(\) format `zName` is not a string literal or T\(r, "key"\)/,
      /src\/page\.c:16: hp\(\) %R argument 1 may carry request data into raw HTML: param\(\) is not known/,
      /src\/page\.c:19: hp\(\) format: T\(r, "k\.none"\): no such key/,
    ];
    for (const re of want) assert.match(r.stdout, re);
    assert.doesNotMatch(r.stdout, /page\.c:(12|17|18|20|21):/);
    const cc = run('cc', ['-std=c17', '-fsyntax-only', '-Werror=format', path.join(out, 'src/page.c')], { cwd: tmp });
    assert.notEqual(cc.status, 0);
    assert.match(cc.stderr, /src\/page\.c:12:\d+: error: static assertion failed: "hp\(\): %d takes an int"/);
    assert.match(cc.stderr, /src\/page\.c:18:\d+: error: static assertion failed: "hp\(\): %s takes a char\*"/);
    assert.match(cc.stderr, /src\/page\.c:21:\d+: error: format '%d' expects argument of type 'int', but argument 4 has type 'const char \*'|src\/page\.c:21:\d+: error: format ‘%d’ expects argument of type ‘int’, but argument 4 has type ‘const char \*’/);
    assert.doesNotMatch(cc.stderr, /page\.c:(17|20):/);
  });

  test('names a translation whose zh and en conversions differ', T, () => {
    const r = run(tool, ['-i', path.join(tmp, 'i18n')]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /x\.tsv:4: k\.bad: the zh text's conversions \(d\) differ from the en text's \(s\)/);
    assert.doesNotMatch(r.stdout, /k\.(count|swap)/);
  });

  test('passes on the tree', T, () => {
    const r = run(tool, ['-i', 'data/i18n', ...fs.readdirSync(path.join(ROOT, 'src/web')).filter((f) => f.endsWith('.c')).map((f) => `src/web/${f}`)], { cwd: ROOT });
    assert.equal(r.status, 0, r.stdout);
    assert.equal(run(tool, ['-i', 'data/i18n'], { cwd: ROOT }).status, 0);
  });
});
