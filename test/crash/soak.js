'use strict';
/*
** soak.js: `make soak`, the long crash tests (./crash.js). Rounds of
** concurrent API writes killed with kill -9, then imports killed at random
** moments over their whole run: the 25,917-pair Wikipedia-derived twin
** file through the CLI and its first 1,000,000 bytes (the API takes bodies
** of up to 1 MiB) through the API, a partner CSV of 1,000 synthetic ties
** through the CLI and the API. Then a summary: rounds, acknowledged writes,
** lost writes (must be 0), half-written imports (must be 0), time. Exit 1
** on any failure.
**
** Environment (or --name=value): YC_SOAK_WRITE_ROUNDS (20), YC_SOAK_WRITERS
** (4), YC_SOAK_KILL_MAX_MS (the latest kill of a write round, 3000),
** YC_SOAK_IMPORT_KILLS (15), YC_SOAK_TWIN_ROWS (0: the whole file),
** YC_SOAK_PARTNER_ROWS (1000), YC_CRASH_SEED (replay), YC_BIN,
** YC_SHARED_DATA.
*/
const crash = require('./crash.js');

function opt(name, def) {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  const v = a ? a.slice(name.length + 3) : process.env[`YC_SOAK_${name.toUpperCase().replace(/-/g, '_')}`];
  if (v === undefined || v === '') return def;
  if (!/^\d+$/.test(v)) { console.error(`soak: ${name}=${v}: not a number`); process.exit(2); }
  return Number(v);
}

async function main() {
  const seed = crash.seedFromEnv();
  const o = {
    writeRounds: opt('write-rounds', 20), writers: opt('writers', 4), killMaxMs: opt('kill-max-ms', 3000),
    importKills: opt('import-kills', 15), twinRows: opt('twin-rows', 0), partnerRows: opt('partner-rows', 1000),
  };
  const t0 = Date.now();
  const log = (s) => console.log(`  ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s  ${s}`);
  console.log(`soak: YC_CRASH_SEED=${seed} ${JSON.stringify(o)}`);
  let w = null, im = null, failed = null;
  try {
    if (o.writeRounds) {
      w = await crash.writeRounds({ rounds: o.writeRounds, writers: o.writers, seed, killMin: 100, killMax: o.killMaxMs, log });
    }
    if (o.importKills) {
      im = await crash.importRounds({ kinds: ['twins (CLI)', 'partners (CLI)', 'partners (API)', 'twins (API)'], kills: o.importKills,
        twinRows: o.twinRows, partnerRows: o.partnerRows, seed, log });
    }
  } catch (e) {
    failed = e;
  }
  const s = (x) => (x / 1000).toFixed(1);
  console.log('\nsoak summary');
  console.log(`  seed                         ${seed}`);
  if (w) {
    console.log(`  write rounds                 ${w.rounds} (${o.writers} writers, kill 100-${o.killMaxMs} ms after the first acknowledged write)`);
    console.log(`  acknowledged writes          ${w.acked}`);
    console.log(`  lost writes                  ${w.lost} (must be 0)`);
    console.log(`  in flight at a kill, applied ${w.inflightApplied}`);
    console.log(`  deletes checked (archive + audit) ${w.deleted}`);
    console.log(`  time                         ${s(w.ms)} s`);
  }
  if (im) {
    console.log(`  import kills                 ${im.kills} (${im.killed} before the import ended)`);
    for (const [k, v] of Object.entries(im.byKind)) {
      console.log(`    ${k.padEnd(16)} clean ${s(v.cleanMs)} s; ${v.kills} kills: nothing ${v.none}, whole ${v.all}`);
    }
    console.log(`  half-written imports         ${im.half} (must be 0)`);
    console.log(`  time                         ${s(im.ms)} s`);
  }
  console.log(`  total time                   ${s(Date.now() - t0)} s`);
  if (failed) {
    console.log(`\nsoak FAILED: ${failed.stack || failed}`);
    process.exit(1);
  }
  console.log('soak ok');
}

main();
