'use strict';
/*
** cli.test.js: the youcheng command line, run against a copy of the demo
** database while the server serves it (WAL: both may use it at once).
** The CSV rows here are SYNTHETIC FIXTURES (real GeoNames cities, invented ties).
*/
const { test, describe, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { useServer, stopTest, freshDb, yc, sql, sanitizerErrors, qs, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const ctx = useServer();
const COMMANDS = ['init', 'serve', 'user', 'token', 'partner', 'import', 'version'];

/* Run the binary; no sanitizer report is ever acceptable. */
async function cli(args, opts) {
  const r = await (ctx.cli ? ctx.cli(args, opts) : yc(args, opts));
  assert.ok(!sanitizerErrors(r.stderr), `youcheng ${args.join(' ')}: sanitizer report:\n${r.stderr.slice(0, 3000)}`);
  assert.equal(r.signal, null, `youcheng ${args.join(' ')} killed by ${r.signal}`);
  return r;
}
const dataLines = (out) => out.split('\n').filter((l) => /^\d+\s+(sister|cooperation|candidate)/.test(l));

/* A logical dump of the registry: the tables the demo data and the
** accounts live in (not the full-text indexes, whose pages may be rewritten
** with the same content, nor derived caches). table -> rows as text. */
const REGISTRY_TABLES = ['meta', 'country', 'country_border', 'city', 'city_name_own', 'industry', 'tie', 'tie_source', 'org', 'org_industry',
  'org_tie', 'org_source', 'reported_figure', 'user', 'token', 'session', 'audit'];
async function logicalDump(db) {
  const out = {};
  for (const t of REGISTRY_TABLES) out[t] = await sql(db, `SELECT * FROM "${t}" ORDER BY 1, 2`);
  return out;
}
function changedTables(a, b) {
  return Object.keys(a).filter((t) => a[t] !== b[t]);
}

describe('usage', () => {
  test('version', T, async () => {
    const r = await cli(['version']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^youcheng \d+\.\d+\.\d+\n$/);
  });

  test('--help lists every command and exits 0', T, async () => {
    for (const flag of ['--help', '-h', 'help']) {
      const r = await cli([flag]);
      assert.equal(r.code, 0, flag);
      assert.match(r.stdout, /Commands:/);
      for (const c of COMMANDS) assert.match(r.stdout, new RegExp(`youcheng ${c}\\b`), `${flag} mentions ${c}`);
    }
  });

  test('each command answers --help with its usage', T, async () => {
    for (const c of COMMANDS.filter((x) => x !== 'version')) {
      const r = await cli([c, '--help']);
      assert.equal(r.code, 0, `${c} --help: ${r.stderr}`);
      assert.match(r.stdout, new RegExp(`^youcheng ${c}\\b`), `${c} --help prints its synopsis`);
      assert.ok(r.stdout.split('\n').length >= 2, `${c} --help explains the command`);
    }
    const r = await cli(['partner', 'list', '-h']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^youcheng partner list/);
  });

  test('version --help prints its usage', { ...T }, async () => {
    const r = await cli(['version', '--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^youcheng version\b/);
  });

  test('no command, unknown command, unknown option: exit 2 with a message', T, async () => {
    let r = await cli([]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Commands:/);
    r = await cli(['bogus']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown command 'bogus'/);
    assert.equal(r.stdout, '');
    r = await cli(['partner', 'list', '--frobnicate', '--db', ctx.db]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown option --frobnicate/);
    r = await cli(['partner', '--db', ctx.db]);
    assert.equal(r.code, 2);
    r = await cli(['partner', 'frob', '--db', ctx.db]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown subcommand 'frob'/);
    r = await cli(['partner', 'list']);
    assert.equal(r.code, 2, 'no --db');
    assert.match(r.stderr, /--db/);
    r = await cli(['init']);
    assert.equal(r.code, 2);
    r = await cli(['serve', '--db', ctx.db, '--threads', '0']);
    assert.equal(r.code, 2);
    r = await cli(['serve', '--db', ctx.db, '--listen', 'nonsense']);
    assert.equal(r.code, 2);
    r = await cli(['partner', 'list', '--db', path.join(ctx.dir, 'missing.db')]);
    assert.notEqual(r.code, 0);
    assert.ok(!fs.existsSync(path.join(ctx.dir, 'missing.db')), 'a read command must not create a database');
  });
});

describe('partner list / show', () => {
  test('--kind sister lists the 12 sister cities', T, async () => {
    const r = await cli(['partner', 'list', '--db', ctx.db, '--kind', 'sister']);
    assert.equal(r.code, 0, r.stderr);
    const lines = dataLines(r.stdout);
    assert.equal(lines.length, 12);
    assert.match(r.stdout, /^ID\s+KIND\s+STATUS/);
    assert.match(r.stdout, /12 tie\(s\)/);
    assert.ok(lines.some((l) => /Sacramento, California, US\s+萨克拉门托市\s+US/.test(l)));
    assert.ok(lines.every((l) => /\bsister\b/.test(l) && !/sister\?/.test(l)));
    assert.ok(lines.some((l) => /\b2004-09\b.*Kharkiv/.test(l)));
  });

  test('--json parses: total 12, all sister', T, async () => {
    const r = await cli(['partner', 'list', '--kind', 'sister', '--json', '--db', ctx.db]);
    assert.equal(r.code, 0, r.stderr);
    const d = JSON.parse(r.stdout);
    assert.equal(d.total, 12);
    assert.equal(d.items.length, 12);
    assert.ok(d.items.every((x) => x.kind === 'sister' && x.kind_verified === true));
    assert.equal(d.next_cursor, null);
    const api = (await ctx.api('GET', `/api/v1/partners${qs({ kind: 'sister', limit: 500 })}`)).json;
    assert.deepEqual(d.items.map((x) => x.id), api.items.map((x) => x.id), 'CLI and API list the same ties');
  });

  test('other filters: cooperation marked "?", country, continent, dates, q', T, async () => {
    let r = await cli(['partner', 'list', '--kind', 'cooperation', '--db', ctx.db]);
    assert.equal(dataLines(r.stdout).length, 16);
    assert.equal(dataLines(r.stdout).filter((l) => /cooperation\?\s+unverified/.test(l)).length, 14, 'unverified kinds carry "?" and status unverified');
    assert.ok(dataLines(r.stdout).filter((l) => !/cooperation\?/.test(l)).every((l) => /Érd|Rostov/.test(l)), 'only the 2023 ties are of verified type');
    r = await cli(['partner', 'list', '--country', 'BY', '--json', '--db', ctx.db]);
    assert.deepEqual(JSON.parse(r.stdout).items.map((x) => x.city.name_en).sort(), ['Minsk', 'Vitebsk']);
    r = await cli(['partner', 'list', '--continent', 'africa', '--json', '--db', ctx.db]);
    assert.equal(JSON.parse(r.stdout).total, 2);
    r = await cli(['partner', 'list', '--from', '2000', '--to', '2005', '--json', '--db', ctx.db]);
    assert.equal(JSON.parse(r.stdout).total, 4);
    r = await cli(['partner', 'list', '--q', '和歌', '--json', '--db', ctx.db]);
    assert.deepEqual(JSON.parse(r.stdout).items.map((x) => x.city.name_en), ['Wakayama']);
    r = await cli(['partner', 'list', '--db', ctx.db]);
    assert.equal(dataLines(r.stdout).length, 31);
    assert.match(r.stdout, /Savyetski District \(Minsk\)/, 'the label is shown');
  });

  test('bad filter values exit 2 with a message naming the option', T, async () => {
    for (const [opt, val, word] of [['--country', 'us', 'country'], ['--country', 'USA', 'country'], ['--country', '1x', 'country'],
      ['--kind', 'twin', 'kind'], ['--status', 'dormant', 'status'], ['--continent', 'Europe', 'continent'],
      ['--from', '2019-13', 'established_from'], ['--sort', 'population', 'sort'], ['--limit', '0', 'limit']]) {
      const r = await cli(['partner', 'list', opt, val, '--db', ctx.db]);
      assert.equal(r.code, 2, `${opt} ${val}`);
      assert.match(r.stderr, new RegExp(word), `${opt} ${val}: ${r.stderr}`);
      assert.equal(r.stdout, '');
    }
  });

  test('partner show', T, async () => {
    const id = (await ctx.api('GET', `/api/v1/partners${qs({ country: 'US' })}`)).json.items[0].id;
    let r = await cli(['partner', 'show', String(id), '--db', ctx.db]);
    assert.equal(r.code, 0, r.stderr);
    const x = JSON.parse(r.stdout);
    assert.equal(x.city.name_en, 'Sacramento');
    assert.equal(x.organisations.length, 2);
    r = await cli(['partner', 'show', '999999', '--db', ctx.db]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /999999/);
    r = await cli(['partner', 'show', 'abc', '--db', ctx.db]);
    assert.equal(r.code, 2);
  });
});

describe('import partners', () => {
  let file, badFile;
  test('--dry-run reports and writes nothing', T, async () => {
    /* Synthetic fixture rows: Lyon and Osaka. */
    file = path.join(ctx.dir, 'synthetic.csv');
    fs.writeFileSync(file, 'city_id,city,country,kind,established,notes\n2996944,,,cooperation,2015,synthetic fixture\n,Osaka,Japan,sister,2016-04-01,synthetic fixture\n');
    const totalBefore = (await ctx.api('GET', '/api/v1/partners')).json.total;
    const before = await ctx.fingerprint();
    const r = await cli(['import', 'partners', file, '--dry-run', '--db', ctx.db]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /2 row\(s\), 2 created, 0 skipped/);
    assert.match(r.stdout, /dry run: nothing written/);
    assert.equal(await ctx.fingerprint(), before);
    assert.equal(totalBefore, 31);
  });

  test('a real import is seen at once by the running server (its cache is invalidated)', T, async () => {
    /* Warm the server's cache on every worker. */
    for (let i = 0; i < 8; i++) {
      assert.equal((await ctx.api('GET', '/api/v1/partners')).json.total, 31);
      assert.equal((await ctx.api('GET', '/api/v1/stats')).json.ties.total, 31);
    }
    const r = await cli(['import', 'partners', file, '--db', ctx.db]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /2 row\(s\), 2 created, 0 skipped/);
    assert.doesNotMatch(r.stdout, /dry run/);
    for (let i = 0; i < 16; i++) {
      assert.equal((await ctx.api('GET', '/api/v1/partners')).json.total, 33, `request ${i} saw stale data`);
      assert.equal((await ctx.api('GET', '/api/v1/stats')).json.ties.total, 33, `stats request ${i} saw stale data`);
    }
    const osaka = (await ctx.api('GET', `/api/v1/partners${qs({ q: 'Osaka' })}`)).json.items;
    assert.equal(osaka.length, 1);
    assert.deepEqual(osaka[0].established, { date: '2016-04-01', precision: 'day' });
    const actor = await sql(ctx.db, `SELECT actor FROM audit WHERE entity='tie' AND entity_id=${osaka[0].id}`);
    assert.equal(actor.trim(), 'cli');
  });

  test('importing the same file again skips every row', T, async () => {
    const before = await ctx.fingerprint();
    const r = await cli(['import', 'partners', file, '--db', ctx.db]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /2 row\(s\), 0 created, 2 skipped/);
    assert.equal(await ctx.fingerprint(), before);
    const j = await cli(['import', 'partners', file, '--dry-run', '--json', '--db', ctx.db]);
    assert.deepEqual(JSON.parse(j.stdout), { rows: 2, created: 0, skipped: 2, errors: [], dry_run: true });
  });

  test('a bad file exits 2, lists the row errors and writes nothing', T, async () => {
    badFile = path.join(ctx.dir, 'bad.csv');
    fs.writeFileSync(badFile, 'city_id,kind,established\n2988507,sister,2019-02-30\n2995469,twin,\n3031582,sister,2001\n');
    const before = await ctx.fingerprint();
    const r = await cli(['import', 'partners', badFile, '--db', ctx.db]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stdout, /row 2: established:/);
    assert.match(r.stdout, /row 3: kind:/);
    assert.match(r.stderr, /nothing imported/);
    assert.equal(await ctx.fingerprint(), before);
    const missing = await cli(['import', 'partners', path.join(ctx.dir, 'nope.csv'), '--db', ctx.db]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /nope\.csv/);
    const kind = await cli(['import', 'orgs', badFile, '--db', ctx.db]);
    assert.equal(kind.code, 2);
  });
});

describe('init, user, token', () => {
  let scratch;
  after(() => { if (scratch) fs.rmSync(scratch.dir, { recursive: true, force: true }); });

  test('init on an initialised database adds nothing ("0 new ties")', T, async () => {
    scratch = await freshDb();
    const before = await logicalDump(scratch.db);
    const r = await cli(['init', '--db', scratch.db, '--demo'], { timeout: 240_000 });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /0 migration\(s\) applied/);
    assert.match(r.stdout, /gazetteer: unchanged/);
    assert.match(r.stdout, /0 new ties/);
    assert.match(r.stdout, /0 new organisations/);
    const after = await logicalDump(scratch.db);
    assert.deepEqual(changedTables(before, after), [], 'init changed these tables');
    const list = await cli(['partner', 'list', '--json', '--db', scratch.db]);
    assert.equal(JSON.parse(list.stdout).total, 31);
  });

  test('init refuses another home city for a Jinan database', T, async () => {
    const r = await cli(['init', '--db', scratch.db, '--home-city', 'Lyon']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /home city/);
    const r2 = await cli(['init', '--db', scratch.db, '--home-city', 'Atlantis Nowhere']);
    assert.equal(r2.code, 2);
  });

  test('user add and token create errors', T, async () => {
    let r = await cli(['user', 'add', 'bob', '--password-stdin', '--db', scratch.db], { input: 'short\n' });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /password/);
    r = await cli(['user', 'add', 'bad name!', '--db', scratch.db]);
    assert.equal(r.code, 2);
    r = await cli(['user', 'add', 'carol', '--role', 'god', '--db', scratch.db]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /role/);
    r = await cli(['user', 'add', 'dave', '--password-stdin', '--db', scratch.db], { input: 'long enough password\n' });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /user dave added \(editor\)/);
    r = await cli(['user', 'add', 'dave', '--db', scratch.db]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /exists/);
    r = await cli(['token', 'create', 'nobody', '--db', scratch.db]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /nobody/);
    r = await cli(['token', 'create', 'dave', '--db', scratch.db]);
    assert.equal(r.code, 0);
    const tok = r.stdout.trim();
    assert.match(tok, /^yc_[A-Za-z0-9_-]{40,}$/);
    const r2 = await cli(['token', 'create', 'dave', '--db', scratch.db]);
    assert.notEqual(r2.stdout.trim(), tok, 'tokens are random');
    const stored = await sql(scratch.db, 'SELECT count(*) FROM token WHERE hash=CAST(' + "'" + tok.replace(/'/g, "''") + "'" + ' AS BLOB)');
    assert.equal(stored.trim(), '0', 'the token is not stored in clear');
  });
});

stopTest(ctx);
