'use strict';
/*
** crash.js: kill -9 during writes and during imports, checked by outcome.
** Used by test/api/crash.test.js (a few seeded rounds in `make test`) and
** test/crash/soak.js (`make soak`: many rounds on the full data). Servers
** are started by the one fixture, ../api/lib.js (startServer, kill9,
** restart); the CLI runs through ../common.js (run, with killAfter).
**
** writeRounds: K writers (one sequence of requests each) create
** organisations and exchanges, edit them with If-Match and delete them
** through the API; at a seeded random moment the server gets SIGKILL, is
** started again on the same database and every record is compared with
** what the writers were told: each acknowledged write (2xx before the
** kill) is there with its content; the one request of each writer that
** was in flight may be there or not, but whole (its audit row, its search
** row). Then the next round goes on with the same records.
**
** importRounds: a clean import of each kind gives the reference (the row
** count of every table before and after, and its duration); then each
** round starts the same import on the same starting database and kills it
** (the CLI process, or the server during POST) at a seeded random moment
** in [0, 1.15] x the clean run's duration (by default): the counts must equal those before
** the import or those after the clean one, nothing in between.
**
** Every check that can run while a server has the database open is SQL
** through the sqlite3 shell (read-only): foreign keys, every record with
** its audit trail, search rows in step with their records; the whole file
** is verified by `youcheng check` (pages, foreign keys, every FTS5 index
** against its rows) when a run ends.
**
** The organisations, exchanges and partner ties written here are
** SYNTHETIC: real GeoNames cities with invented ties, labelled as such.
*/
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const common = require('../common.js');
const lib = require('../api/lib.js');

/* The seed: YC_CRASH_SEED to replay a failure, else a new one. */
function seedFromEnv() {
  const s = process.env.YC_CRASH_SEED;
  if (s !== undefined && s !== '') {
    if (!/^\d+$/.test(s)) throw new Error(`YC_CRASH_SEED=${s}: not a number`);
    return Number(s) >>> 0;
  }
  return (Date.now() ^ (process.pid << 16)) >>> 0;
}

const sqlq = (s) => `'${String(s).replace(/'/g, "''")}'`;
const lines = (out) => out.split('\n').filter(Boolean);

/* --- checks shared by both kinds of round -------------------------------- */

/* Problems SQL can see while a server runs: foreign keys, a record without
** an audit row, a record whose latest audit row is its delete, search rows
** out of step with their records (both ways). Resolves a list of strings. */
async function sqlProblems(db) {
  const out = [];
  out.push(...lines(await lib.sql(db, 'PRAGMA foreign_key_check')).map((l) => `foreign key: ${l}`));
  for (const t of ['org', 'exchange', 'tie']) {
    const r = await lib.sql(db, `SELECT '${t} ' || id || ' has no audit row' FROM ${t} WHERE id NOT IN (SELECT entity_id FROM audit WHERE entity='${t}');` +
      `SELECT '${t} ' || id || ' is there but its latest audit row is a delete' FROM ${t} x WHERE ` +
      `(SELECT action FROM audit WHERE entity='${t}' AND entity_id=x.id ORDER BY id DESC LIMIT 1)='delete';`);
    out.push(...lines(r));
  }
  for (const t of ['org', 'tie', 'event', 'person', 'news', 'opportunity']) {
    const r = await lib.sql(db, `SELECT '${t} ' || id || ' has no search row' FROM ${t} WHERE id NOT IN (SELECT id FROM ${t}_fts_docsize);` +
      `SELECT '${t}_fts row ' || id || ' has no ${t}' FROM ${t}_fts_docsize WHERE id NOT IN (SELECT id FROM ${t});`);
    out.push(...lines(r));
  }
  return out;
}

/* `youcheng check` on a database no process has open. */
async function fullCheck(db) {
  const r = await lib.yc(['check', '--db', db, '--json']);
  assert.ok(!common.sanitizerErrors(r.stderr), `youcheng check: sanitizer report:\n${r.stderr.slice(0, 3000)}`);
  assert.equal(r.code, 0, `youcheng check --db ${db} failed (exit ${r.code}): ${r.stderr}${r.stdout.slice(0, 2000)}`);
  assert.equal(JSON.parse(r.stdout).integrity, 'ok');
}

/* The row count of every table but the reference data (and the login
** bookkeeping), FTS5 shadow tables included: {table: n}. */
async function counts(db) {
  const names = lines(await lib.sql(db, "SELECT name FROM sqlite_master WHERE type='table' AND (name NOT LIKE 'city%' OR name='city_name_own') " +
    "AND name NOT IN ('country','country_border','industry','login_attempt','session','sqlite_sequence') AND coalesce(sql,'') NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name"));
  const q = names.map((n) => `SELECT ${sqlq(n)} || '|' || count(*) FROM "${n}"`).join(' UNION ALL ') + ';';
  const res = {};
  for (const l of lines(await lib.sql(db, q))) { const [n, c] = l.split('|'); res[n] = Number(c); }
  return res;
}

/* What differs between two count maps: "table a->b, ...". */
function countDiff(a, b) {
  return Object.keys({ ...a, ...b }).filter((k) => a[k] !== b[k]).map((k) => `${k} ${a[k]}->${b[k]}`).join(', ');
}

/* --- kill -9 during writes ----------------------------------------------- */

/* A record the writers made (or tried to): its type, the name or title
** that finds it, its id once known, the state acknowledged last, the
** request in flight when the server died (at most one a writer), and its
** version for If-Match. */
const TYPES = {
  org: { url: '/api/v1/orgs', key: 'name_en', table: 'org' },
  exchange: { url: '/api/v1/exchanges', key: 'title', table: 'exchange' },
};

function same(state, obs) {
  if (!state.exists || !obs.exists) return state.exists === obs.exists;
  return state.description === obs.description;
}
const show = (s) => (s.exists ? `present, description ${JSON.stringify(s.description)}` : 'absent');

/* One writer's sequence until the round's kill. */
async function writer(ctx, w, st, rng, recs, stats) {
  const mine = () => recs.filter((r) => r.writer === w && r.id && r.acked.exists && !r.pending);
  let n = 0;
  while (!st.killed) {
    const x = rng();
    const live = mine();
    let op;
    if (x < 0.35 || !live.length) op = { kind: 'create', type: rng() < 0.65 ? 'org' : 'exchange' };
    else if (x < 0.8) op = { kind: 'patch', rec: live[Math.floor(rng() * live.length)] };
    else op = { kind: 'delete', rec: live[Math.floor(rng() * live.length)] };
    const tag = `s${st.seed} r${st.round} w${w} n${n++}`;
    let rec, req;
    if (op.kind === 'create') {
      const description = `Synthetic crash-test record (${tag}), not a real ${op.type}`;
      rec = { type: op.type, writer: w, key: op.type === 'org' ? `Synthetic crash org ${tag}` : `Synthetic crash exchange ${tag}`,
        id: null, version: null, acked: { exists: false }, pending: { exists: true, description } };
      recs.push(rec);
      const body = op.type === 'org' ? { name_en: rec.key, type: 'enterprise', side: 'home', description }
        : { title: rec.key, kind: 'event', date: '2020', ties: [st.tie], description };
      req = ['POST', TYPES[op.type].url, { body, token: ctx.token }];
    } else if (op.kind === 'patch') {
      rec = op.rec;
      const description = `Synthetic crash-test edit (${tag})`;
      rec.pending = { exists: true, description };
      req = ['PATCH', `${TYPES[rec.type].url}/${rec.id}`, { body: { description }, token: ctx.token, headers: { 'If-Match': `"${rec.version}"` } }];
    } else {
      rec = op.rec;
      rec.pending = { exists: false };
      req = ['DELETE', `${TYPES[rec.type].url}/${rec.id}`, { token: ctx.token, headers: { 'If-Match': `"${rec.version}"` } }];
    }
    let res;
    try {
      res = await ctx.api(...req);
    } catch (e) {
      if (!st.killed) throw e;
      return;                       /* in flight at the kill: rec.pending stays */
    }
    if (res.status === 503) { rec.pending = null; stats.busy++; continue; }   /* refused: nothing written */
    assert.ok(res.status >= 200 && res.status < 300, `${req[0]} ${req[1]} (${tag}): ${res.status} ${res.text.slice(0, 300)}`);
    if (op.kind === 'create') rec.id = res.json.id;
    if (op.kind !== 'delete') {
      rec.version = res.json.version;
      assert.equal(res.json.description, rec.pending.description, `${req[0]} ${req[1]}: the answer's description`);
    }
    rec.acked = rec.pending;
    rec.pending = null;
    stats.acked++;
    st.acked++;
  }
}

/* Compare every record with what the database now holds (SQL: one
** statement a kind, however many records), and a few of them with what the
** server answers; resolves the problems found (strings) and brings each
** record to what it found. A record is found by its name, unique to it:
** ids are given again after a delete on a schema without AUTOINCREMENT. */
async function verifyRecords(ctx, recs, stats, seed, rng) {
  const problems = [];
  const rows = {};
  for (const [type, T] of Object.entries(TYPES)) {
    rows[type] = new Map();
    const q = `SELECT x.id || char(9) || x.${T.key} || char(9) || coalesce(x.description, '') || char(9) || coalesce(a.id, 0) || char(9) || ` +
      `coalesce(json_extract(a.after, '$.description'), '') || char(9) || coalesce(a.action, '') FROM ${T.table} x ` +
      `LEFT JOIN audit a ON a.id=(SELECT max(id) FROM audit WHERE entity='${type}' AND entity_id=x.id) WHERE x.${T.key} LIKE 'Synthetic crash % s${seed} %'`;
    for (const l of lines(await ctx.sql(q))) {
      const [id, key, desc, aid, adesc, action] = l.split('\t');
      if (rows[type].has(key)) problems.push(`${type} ${key}: two rows`);
      rows[type].set(key, { id: Number(id), desc, aid: Number(aid), adesc, action });
    }
  }
  /* Deleted records: their archive entry (the record's row first in its
  ** rows) and the delete's audit row, by type, id and name. */
  const gone = new Set(lines(await ctx.sql("SELECT a.entity || '|' || a.entity_id || '|' || n.v || '|' || (SELECT count(*) FROM audit WHERE action='delete' AND entity=a.entity " +
    "AND entity_id=a.entity_id AND coalesce(json_extract(before, '$.name_en'), json_extract(before, '$.title'))=n.v) FROM archive a, " +
    "(SELECT coalesce(json_extract(a2.rows, '$[0].r.name_en'), json_extract(a2.rows, '$[0].r.title')) AS v, a2.id FROM archive a2) n " +
    `WHERE n.id=a.id AND a.entity IN ('org','exchange') AND n.v LIKE 'Synthetic crash % s${seed} %';`)));
  for (const rec of recs) {
    const row = rows[rec.type].get(rec.key);
    if (!rec.id && !row) { rec.pending = null; continue; }       /* never created */
    const obs = row ? { exists: true, description: row.desc } : { exists: false };
    if (rec.id && row && row.id !== rec.id) problems.push(`${rec.type} ${rec.key}: id ${row.id}, acknowledged as ${rec.id}`);
    if (same(rec.acked, obs)) {
      /* the acknowledged state; a request in flight was not applied */
    } else if (rec.pending && same(rec.pending, obs)) {
      stats.inflightApplied++;
    } else {
      stats.lost++;
      problems.push(`${rec.type} ${rec.id} (${rec.key}): acknowledged ${show(rec.acked)}` +
        `${rec.pending ? `, in flight ${show(rec.pending)}` : ''}; found ${show(obs)}`);
    }
    if (row) {
      rec.id = row.id;
      rec.version = row.aid;
      /* The record and its audit trail changed together. */
      if (row.adesc !== row.desc || row.action === 'delete') problems.push(`${rec.type} ${row.id}: description ${row.desc}, its latest audit row ${row.aid} (${row.action}) ${row.adesc}`);
    } else if (rec.id && !rec.goneChecked) {
      /* Deleted (in this round, acknowledged or in flight): its archive
      ** entry and its audit row, once. */
      rec.goneChecked = true;
      stats.deleted++;
      if (!gone.has(`${rec.type}|${rec.id}|${rec.key}|1`)) problems.push(`${rec.type} ${rec.id} (${rec.key}) is gone without its archive entry and delete audit row`);
    }
    rec.acked = obs;
    rec.pending = null;
  }
  /* A few of them through the API: the server answers what the database holds. */
  const some = recs.filter((r) => r.id && r.acked.exists);
  for (let i = 0; i < Math.min(8, some.length); i++) {
    const rec = some[Math.floor(rng() * some.length)];
    const res = await ctx.api('GET', `${TYPES[rec.type].url}/${rec.id}`, { token: ctx.token });
    assert.equal(res.status, 200, `GET ${TYPES[rec.type].url}/${rec.id}: ${res.text.slice(0, 200)}`);
    assert.equal(res.json.description, rec.acked.description, `GET ${TYPES[rec.type].url}/${rec.id}`);
    assert.equal(res.json.version, rec.version, `GET ${TYPES[rec.type].url}/${rec.id}: version`);
  }
  return problems;
}

/*
** Rounds of writes and kills on one server and database. opts: rounds,
** writers, seed, killMin/killMax (ms after the writers start), log; ctx (a
** server of lib.startServer with 4 threads; else one is started and
** removed), check (`youcheng check` once the server has stopped). Ends with
** the server stopped by SIGTERM. Resolves {rounds, acked, lost,
** inflightApplied, deleted (checked for their archive entry), busy, ms};
** throws on any problem, naming the seed.
*/
async function writeRounds({ ctx: given, rounds, writers = 4, seed, killMin = 150, killMax = 900, check = true, log = () => {} }) {
  const t0 = Date.now();
  const rng = common.prng(seed);
  const ctx = given || await lib.startServer({ threads: 4 });
  const stats = { rounds: 0, acked: 0, lost: 0, inflightApplied: 0, deleted: 0, busy: 0, ms: 0 };
  const recs = [];
  try {
    const tie = Number(lines(await ctx.sql('SELECT min(id) FROM tie'))[0]);
    for (let round = 1; round <= rounds; round++) {
      const st = { seed, round, tie, killed: false, acked: 0 };
      const wait = killMin + Math.floor(rng() * (killMax - killMin));
      const seeds = Array.from({ length: writers }, () => Math.floor(rng() * 2 ** 32));
      const all = seeds.map((s, w) => writer(ctx, w, st, common.prng(s), recs, stats));
      /* The kill, once the first write of the round is acknowledged. */
      const tStart = Date.now();
      while (!st.acked && Date.now() - tStart < 60_000 && !ctx.out.exit) await common.sleep(5);
      assert.ok(!ctx.out.exit, `round ${round}: the server ended before the kill: ${JSON.stringify(ctx.out.exit)} ${ctx.out.stderr.slice(0, 2000)}`);
      assert.ok(st.acked, `round ${round}: no write acknowledged in 60 s`);
      await common.sleep(wait);
      st.killed = true;
      await ctx.kill9();
      await Promise.all(all);
      await ctx.restart();
      const h = await ctx.api('GET', '/healthz');
      assert.equal(h.status, 200, 'the server answers after the restart');
      const problems = [...await verifyRecords(ctx, recs, stats, seed, rng), ...await sqlProblems(ctx.db)];
      stats.rounds++;
      log(`write round ${round}: killed ${wait} ms after the first acknowledged write; ${st.acked} acknowledged this round; ` +
        `lost ${stats.lost} so far; deletes checked ${stats.deleted} so far; ${problems.length} problems`);
      assert.deepEqual(problems, [], `round ${round}: lost or half-written writes`);
    }
    const r = await ctx.stop();
    assert.equal(r.code, 0, `the server did not stop cleanly: ${r.stderr.slice(0, 2000)}`);
    assert.ok(!common.sanitizerErrors(r.stderr), `sanitizer report:\n${r.stderr.slice(0, 4000)}`);
    if (check) await fullCheck(ctx.db);
  } catch (e) {
    e.message = `YC_CRASH_SEED=${seed}: ${e.message}`;
    throw e;
  } finally {
    if (!given) await ctx.cleanup();
  }
  stats.ms = Date.now() - t0;
  return stats;
}

/* --- kill during import -------------------------------------------------- */

/* The first nRows data rows of the Wikipedia-derived twin file (all when
** nRows is 0), written to dir: its path. */
function twinSlice(dir, nRows) {
  const src = common.sharedDataFile('twin_cities_wikipedia_geocoded.csv');
  if (!nRows) return src;
  const all = fs.readFileSync(src, 'utf8').split('\n');
  const f = path.join(dir, `twins-${nRows}.csv`);
  fs.writeFileSync(f, all.slice(0, nRows + 1).join('\n') + '\n');
  return f;
}

/* The twin file for the API, whose bodies are at most 1 MiB: the rows of
** file that fit in 1,000,000 bytes (all when they do). */
function apiSlice(dir, file) {
  const text = fs.readFileSync(file, 'utf8');
  if (Buffer.byteLength(text) <= 1_000_000) return file;
  const all = text.split('\n');
  let n = 0, bytes = 0;
  while (n + 1 < all.length && bytes + Buffer.byteLength(all[n]) + 1 <= 1_000_000) bytes += Buffer.byteLength(all[n++]) + 1;
  const f = path.join(dir, `twins-api-${n - 1}.csv`);
  fs.writeFileSync(f, all.slice(0, n).join('\n') + '\n');
  return f;
}

/* A partner CSV of nRows SYNTHETIC candidate ties: the most populous
** GeoNames cities the home city has no tie with (real places, invented
** ties, labelled in their notes). */
async function partnerCsv(db, dir, nRows) {
  const ids = lines(await lib.sql(db, `SELECT id FROM city WHERE feature_code LIKE 'PPL%' AND id<>(SELECT value FROM meta WHERE key='home_city_id') ` +
    `AND id NOT IN (SELECT partner_city_id FROM tie) ORDER BY population DESC, id LIMIT ${nRows}`));
  assert.equal(ids.length, nRows);
  const f = path.join(dir, `partners-${nRows}.csv`);
  fs.writeFileSync(f, ['city_id,kind,notes', ...ids.map((id) => `${id},candidate,"Synthetic crash-test row: a real city, no such tie"`)].join('\n') + '\n');
  return f;
}

/*
** The kinds of import: how each runs on a database, killed after killAfter
** ms (undefined: to its end). Each resolves {ms, killed}.
*/
const IMPORTS = {
  'twins (CLI)': async (env, killAfter) => {
    const r = await lib.yc(['import', 'twins', env.twins, '--db', env.db], { killAfter });
    if (r.signal !== 'SIGKILL') assert.equal(r.code, 0, `import twins: ${r.stderr}`);
    return { ms: r.ms, killed: r.signal === 'SIGKILL' };
  },
  'partners (CLI)': async (env, killAfter) => {
    const r = await lib.yc(['import', 'partners', env.partners, '--db', env.db], { killAfter });
    if (r.signal !== 'SIGKILL') assert.equal(r.code, 0, `import partners: ${r.stderr}`);
    return { ms: r.ms, killed: r.signal === 'SIGKILL' };
  },
  'partners (API)': (env, killAfter) => apiImport(env, '/api/v1/import/partners?dry_run=0', env.partners, killAfter),
  'twins (API)': (env, killAfter) => apiImport(env, '/api/v1/import/twins', env.twinsApi, killAfter),
};

/* POST a CSV file to the server of env.ctx; kill -9 the server after
** killAfter ms (then the request fails: not an answer). */
async function apiImport(env, url, file, killAfter) {
  const { ctx } = env;
  const t0 = Date.now();
  let timer = null;
  let killing = null;
  if (killAfter !== undefined) timer = setTimeout(() => { killing = ctx.kill9(); }, killAfter);
  try {
    const res = await ctx.api('POST', url, { body: fs.readFileSync(file), token: ctx.token, headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
    assert.equal(res.status, 200, `POST ${url}: ${res.status} ${res.text.slice(0, 300)}`);
    clearTimeout(timer);
    return { ms: Date.now() - t0, killed: false };
  } catch (e) {
    if (!killing) throw e;
    await killing;
    return { ms: Date.now() - t0, killed: true };
  } finally {
    clearTimeout(timer);
    if (killing) await killing;
  }
}

/*
** Import kills: opts kinds (names of IMPORTS), kills (rounds in all, the
** kinds taken in turn), twinRows (0: the whole file), partnerRows, seed,
** spread (the kill moments: [lo, hi] times the clean run's duration),
** checkEach (`youcheng check` after every kill, else after the last),
** log; ctx (a server of lib.startServer, running or stopped: its database
** as it is is the start of every import; else one is started and removed).
** Resolves {kills, killed, none, all, half, byKind, ms}; throws on a
** half-written import, naming the seed.
*/
async function importRounds({ ctx: given, kinds, kills, twinRows = 0, partnerRows = 1000, seed, spread = [0, 1.15], checkEach = true, log = () => {} }) {
  const t0 = Date.now();
  const rng = common.prng(seed ^ 0x9e3779b9);
  const ctx = given || await lib.startServer();
  const stats = { kills: 0, killed: 0, none: 0, all: 0, half: 0, byKind: {}, ms: 0 };
  try {
    /* The starting database: the fixture's, stopped (its WAL folded in). */
    const r = await ctx.stop();
    assert.equal(r.code, 0, `the server did not stop cleanly: ${r.stderr.slice(0, 2000)}`);
    const start = path.join(ctx.dir, 'start.db');
    fs.copyFileSync(ctx.db, start);
    const env = { ctx, db: ctx.db, twins: twinSlice(ctx.dir, twinRows), partners: await partnerCsv(ctx.db, ctx.dir, partnerRows) };
    env.twinsApi = apiSlice(ctx.dir, env.twins);
    const reset = () => {
      for (const s of ['-wal', '-shm']) fs.rmSync(ctx.db + s, { force: true });
      fs.copyFileSync(start, ctx.db);
    };
    const before = await counts(start);
    const api = (k) => k.includes('(API)');
    /* The clean run of each kind: its counts and its time. */
    const ref = {};
    for (const k of kinds) {
      reset();
      if (api(k)) await ctx.restart();
      const c = await IMPORTS[k](env, undefined);
      if (api(k)) await ctx.kill9();
      const after = await counts(ctx.db);
      assert.notDeepEqual(after, before, `${k}: the clean import changed nothing`);
      ref[k] = { after, ms: c.ms };
      stats.byKind[k] = { kills: 0, none: 0, all: 0, cleanMs: c.ms };
      log(`clean import ${k}: ${c.ms} ms; ${countDiff(before, after)}`);
    }
    for (let i = 0; i < kills; i++) {
      const k = kinds[i % kinds.length];
      const at = Math.floor((spread[0] + rng() * (spread[1] - spread[0])) * ref[k].ms);
      reset();
      if (api(k)) await ctx.restart();
      const c = await IMPORTS[k](env, at);
      /* The kill moments follow the import's speed on this machine (which
      ** other work changes): an import that ended before its kill sets a
      ** shorter duration for the next kills of its kind. */
      if (!c.killed) ref[k].ms = Math.min(ref[k].ms, c.ms);
      /* After the kill: the server starts on the database and answers. */
      if (!api(k)) await ctx.restart();
      else if (!c.killed) await ctx.kill9().then(() => ctx.restart());
      else await ctx.restart();
      const h = await ctx.api('GET', '/api/v1/partners?limit=1');
      assert.equal(h.status, 200, `after the kill the server answers: ${h.status}`);
      const problems = await sqlProblems(ctx.db);
      const now = await counts(ctx.db);
      await ctx.kill9();
      const outcome = countDiff(now, before) === '' ? 'none' : countDiff(now, ref[k].after) === '' ? 'all' : 'half';
      stats.kills++;
      if (c.killed) stats.killed++;
      stats[outcome]++;
      stats.byKind[k].kills++;
      if (outcome !== 'half') stats.byKind[k][outcome]++;
      log(`import kill ${i + 1} ${k}: at ${at} ms${c.killed ? '' : ` (had finished in ${c.ms} ms)`}: ${outcome}`);
      assert.notEqual(outcome, 'half', `${k} killed at ${at} ms: half written: against none ${countDiff(before, now)}; against all ${countDiff(ref[k].after, now)}`);
      assert.deepEqual(problems, [], `${k} killed at ${at} ms`);
      if (checkEach || i === kills - 1) await fullCheck(ctx.db);
    }
  } catch (e) {
    e.message = `YC_CRASH_SEED=${seed}: ${e.message}`;
    throw e;
  } finally {
    if (given) await ctx.kill9();
    else await ctx.cleanup();
  }
  stats.ms = Date.now() - t0;
  return stats;
}

module.exports = { seedFromEnv, writeRounds, importRounds, IMPORTS, sqlProblems, fullCheck, counts };
