#!/usr/bin/env node
// bench/mention.bench.js: the mention finder alone (issue 13, item 1): a
// 5,000-character synthetic text, p50/p99 in the binary against the
// same-run reference of a plain scan of the text. Step 2 of
// bench/news.bench.js (see there); run from the repo root.
'use strict';
process.argv.push('--mentions-only');
require('./news.bench.js');
