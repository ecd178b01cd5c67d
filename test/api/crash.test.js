'use strict';
/*
** crash.test.js: kill -9 during writes and during imports, the short
** version (../crash/crash.js does the work; `make soak` runs the long one).
** Three rounds of four concurrent API writers killed at a seeded random
** moment: every acknowledged write is there after the restart, nothing
** half-written. Then two imports killed at a seeded random moment, each
** started on the database the write rounds left (the twins import of the
** first 1,500 rows of the Wikipedia-derived file through the CLI, a partner
** CSV of 150 synthetic ties through the API): all or nothing. The whole
** file is verified by `youcheng check` after the last kill (the imports
** start from a copy of the write rounds' database: one check covers both).
** The seed is printed; YC_CRASH_SEED=N replays it.
*/
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { useServer } = require('./lib');
const crash = require('../crash/crash.js');

const ctx = useServer({ threads: 4 });
const seed = crash.seedFromEnv();
const log = (s) => console.log(`# ${s}`);
log(`YC_CRASH_SEED=${seed}`);

test('kill -9 during concurrent writes: every acknowledged write survives, nothing half-written', { timeout: 600_000 }, async () => {
  const r = await crash.writeRounds({ ctx, rounds: 3, writers: 4, seed, killMin: 100, killMax: 500, check: false, log });
  log(`write rounds: ${r.rounds}, acknowledged ${r.acked}, lost ${r.lost}, in flight and applied ${r.inflightApplied}, ${r.ms} ms`);
  assert.equal(r.rounds, 3);
  assert.equal(r.lost, 0);
  assert.ok(r.acked >= 3, `only ${r.acked} writes acknowledged: the rounds tested nothing`);
});

test('kill -9 during imports: all or nothing; then the database is intact', { timeout: 600_000 }, async () => {
  const r = await crash.importRounds({ ctx, kinds: ['twins (CLI)', 'partners (API)'], kills: 2, twinRows: 1500, partnerRows: 150,
    seed, spread: [0.05, 0.9], checkEach: false, log });
  log(`import kills: ${r.kills} (${r.killed} before the end), none ${r.none}, all ${r.all}, half ${r.half}, ${r.ms} ms`);
  assert.equal(r.half, 0);
  assert.equal(r.kills, 2);
});
