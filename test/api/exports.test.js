'use strict';
/*
** exports.test.js: CSV and XLSX exports of every list view, and their round
** trips (core/export.c, web/ui_export.c). For each type: the CSV export
** imports back with dry_run as all rows unchanged; one changed cell is
** exactly one row updated (that column); the XLSX export is a zip with
** xl/workbook.xml and the header row. Filters give the page's row count;
** people and the audit log are for signed-in callers only; the formula
** guard writes '=1+1 and imports back the original value.
**
** Values written here (" (synthetic)" suffixes, "=1+1") are synthetic.
*/
const { test } = require('node:test');
const assert = require('node:assert/strict');
const zlib = require('node:zlib');
const { useServer, stopTest, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const ctx = useServer();
const CSV = { 'Content-Type': 'text/csv' };

/* Each type: its list API, the import route, and a column (early in the
** row, so that its cell is on the row's first line) whose text is changed. */
const TYPES = [
  { type: 'partners', api: '/api/v1/partners', imp: '/api/v1/import/partners', col: 'kind', change: (v) => (v === 'sister' ? 'cooperation' : 'sister') },
  { type: 'orgs', api: '/api/v1/orgs', imp: '/api/v1/import/orgs', col: 'name_en' },
  { type: 'exchanges', api: '/api/v1/exchanges', imp: '/api/v1/import/exchanges', col: 'title' },
  { type: 'projects', api: '/api/v1/projects', imp: '/api/v1/import/projects', col: 'title' },
  { type: 'opportunities', api: '/api/v1/opportunities', imp: '/api/v1/import/opportunities', col: 'title_en' },
  { type: 'events', api: '/api/v1/events', imp: '/api/v1/import/events', col: 'title_en' },
  { type: 'people', api: '/api/v1/people', imp: '/api/v1/import/people', col: 'name_en' },
  { type: 'delegations', api: '/api/v1/delegations', imp: '/api/v1/import/delegations', col: 'title_en' },
];

const today = () => new Date().toISOString().slice(0, 10);
const quote = (s) => `"${s.replace(/"/g, '""')}"`;

async function exportCsv(path, token = ctx.token) {
  const r = await ctx.api('GET', path, { token });
  assert.equal(r.status, 200, `${path}: ${r.text.slice(0, 300)}`);
  assert.match(r.headers['content-type'], /^text\/csv; charset=utf-8/);
  assert.deepEqual([...r.body.subarray(0, 3)], [0xEF, 0xBB, 0xBF], 'UTF-8 byte-order mark');
  return r;
}
async function dryRun(route, csv) {
  const r = await ctx.api('POST', `${route}?dry_run=1`, { token: ctx.token, body: csv, headers: CSV });
  assert.equal(r.status, 200, `${route}: ${r.text.slice(0, 500)}`);
  assert.equal(r.json.dry_run, true);
  return r.json;
}

/* The entries of a zip file (its central directory): {name: Buffer}. */
function unzip(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, 'a zip file (end of central directory)');
  const n = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = {};
  for (let i = 0; i < n; i++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50, 'central directory entry');
    const method = buf.readUInt16LE(p + 10), size = buf.readUInt32LE(p + 20);
    const nName = buf.readUInt16LE(p + 28), nExtra = buf.readUInt16LE(p + 30), nComment = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nName);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    out[name] = method === 8 ? zlib.inflateRawSync(data) : data;
    p += 46 + nName + nExtra + nComment;
  }
  return out;
}

for (const t of TYPES) {
  test(`${t.type}: CSV export imports back unchanged; one changed cell is one row updated; XLSX`, T, async () => {
    const list = await ctx.api('GET', `${t.api}?limit=500`, { token: ctx.token });
    assert.equal(list.status, 200);
    const total = list.json.total;
    assert.ok(total > 0, `the demo has ${t.type}`);

    const r = await exportCsv(`/${t.type}.csv`);
    assert.equal(r.headers['content-disposition'], `attachment; filename="${t.type}-${today()}.csv"`);
    assert.equal(r.headers['cache-control'], 'private, no-store', 'a signed-in export is not for shared caches');
    const csv = r.text;
    const header = csv.slice(1, csv.indexOf('\r\n')).split(',');
    assert.equal(header[0], 'id');
    assert.ok(header.includes(t.col));

    const rep = await dryRun(t.imp, csv);
    assert.deepEqual({ rows: rep.rows, created: rep.created, updated: rep.updated, unchanged: rep.unchanged, errors: rep.errors, changes: rep.changes },
      { rows: total, created: 0, updated: 0, unchanged: total, errors: [], changes: [] }, 'zero changes');

    /* One cell of one row changed. */
    const item = list.json.items.find((x) => typeof x[t.col] === 'string' && x[t.col].length);
    const old = item[t.col];
    const neu = t.change ? t.change(old) : `${old} (synthetic)`;
    const lines = csv.split('\r\n');
    const i = lines.findIndex((l) => l.startsWith(`${item.id},`));
    assert.ok(i > 0, `row of ${t.type} ${item.id}`);
    assert.ok(lines[i].includes(`,${quote(old)}`), `cell ${t.col} on the row's first line`);
    lines[i] = lines[i].replace(`,${quote(old)}`, `,${quote(neu)}`);
    const rep2 = await dryRun(t.imp, lines.join('\r\n'));
    assert.deepEqual(rep2.errors, []);
    assert.equal(rep2.updated, 1);
    assert.equal(rep2.unchanged, total - 1);
    assert.equal(rep2.changes.length, 1);
    assert.deepEqual({ ...rep2.changes[0], row: 0 }, { row: 0, id: item.id, outcome: 'updated', columns: [t.col] });
    assert.ok(rep2.changes[0].row >= 2, 'the row by its line number');
    const after = await ctx.api('GET', `${t.api}/${item.id}`, { token: ctx.token });
    assert.equal(after.json[t.col], old, 'a dry run writes nothing');

    /* XLSX: a zip with the workbook and the header row. */
    const x = await ctx.api('GET', `/${t.type}.xlsx`, { token: ctx.token, raw: true });
    assert.equal(x.status, 200);
    assert.equal(x.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.equal(x.headers['content-disposition'], `attachment; filename="${t.type}-${today()}.xlsx"`);
    const z = unzip(x.body);
    assert.ok(z['xl/workbook.xml'], 'xl/workbook.xml');
    const sheet = z['xl/worksheets/sheet1.xml'].toString('utf8');
    assert.match(sheet, /<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"\/>/, 'frozen header');
    const row1 = /<row r="1"[^>]*>(.*?)<\/row>/.exec(sheet)[1];
    for (const col of header) assert.ok(row1.includes(`<t>${col}</t>`), `header cell ${col}`);
    /* Bold: the header cells have a style whose font is bold; the data cells not. */
    const style = /<c r="A1" s="(\d+)"/.exec(row1);
    assert.ok(style, `header style: ${row1.slice(0, 120)}`);
    const styles = z['xl/styles.xml'].toString('utf8');
    const xf = [...styles.matchAll(/<xf [^>]*fontId="(\d+)"/g)].slice(1).map((m) => +m[1]);   /* cellXfs after the cellStyleXfs entry */
    const fonts = [...styles.matchAll(/<font>(.*?)<\/font>/g)].map((m) => m[1]);
    assert.ok(fonts[xf[+style[1]]].includes('<b/>'), 'the header font is bold');
    assert.equal((sheet.match(/<row r="/g) || []).length, total + 1, 'a row per record and the header');
    /* The id column is numbers, not text. */
    assert.match(sheet, new RegExp(`<c r="A2"( s="\\d+")?><v>\\d+</v></c>`));
  });
}

test('filters: an export has the rows of the page with the same query', T, async () => {
  for (const [page, api, type] of [['/partners.csv?kind=sister', '/api/v1/partners?kind=sister', 'partners'],
    ['/exchanges.csv?kind=culture&from=2015', '/api/v1/exchanges?kind=culture&from=2015', 'exchanges'],
    ['/events.csv?kind=conference', '/api/v1/events?kind=conference', 'events']]) {
    const total = (await ctx.api('GET', api)).json.total;
    const all = (await ctx.api('GET', api.replace(/\?.*/, ''))).json.total;
    assert.ok(total > 0 && total < all, `${api} filters (${total} of ${all})`);
    const rep = await dryRun(`/api/v1/import/${type}`, (await exportCsv(page)).text);
    assert.equal(rep.rows, total, `${page} has the rows of ${api}`);
    assert.equal(rep.unchanged, total);
  }
  /* A filter form's empty fields are filters not given (as on the page). */
  const form = await dryRun('/api/v1/import/partners', (await exportCsv('/partners.csv?q=&kind=sister&status=&country=&continent=&established_from=&established_to=&sort=established')).text);
  assert.equal(form.rows, (await ctx.api('GET', '/api/v1/partners?kind=sister')).json.total);
  /* The page's paging is ignored (every row), its other parameters kept; unknown ones refused. */
  const rep = await dryRun('/api/v1/import/partners', (await exportCsv('/partners.csv?limit=2&lang=en')).text);
  assert.equal(rep.rows, (await ctx.api('GET', '/api/v1/partners')).json.total);
  const bad = await ctx.api('GET', '/partners.csv?nonsense=1');
  assert.equal(bad.status, 400);
  const badKind = await ctx.api('GET', '/partners.csv?kind=nonsense');
  assert.equal(badKind.status, 400);
  assert.equal(badKind.json.error.field, 'kind');
});

test('people and the audit log: signed-in only; nothing personal for anonymous callers or from a cache', T, async () => {
  const signedIn = await exportCsv('/people.csv');
  const person = (await ctx.api('GET', '/api/v1/people?limit=1', { token: ctx.token })).json.items[0];
  assert.ok(signedIn.text.includes(person.name_en || person.name_zh));
  for (const path of ['/people.csv', '/people.xlsx', '/audit.csv', '/audit.xlsx']) {
    const r = await ctx.api('GET', path);
    assert.equal(r.status, 401, `${path} anonymous`);
    assert.ok(!r.text.includes(person.name_en || person.name_zh), `${path}: nothing personal`);
    assert.match(r.headers['content-type'], /^application\/json/);
  }
  const audit = await exportCsv('/audit.csv?type=tie');
  assert.match(audit.text, /^\uFEFFid,at,actor,action,entity,entity_id,/);
  assert.ok(!/\r\n\d+,[^,]*,[^,]*,[^,]*,"(?!tie")/.test(audit.text), 'filtered by type');
  /* An anonymous export of delegations leaves out the heads and notes (personal, internal). */
  const anon = await ctx.api('GET', '/delegations.csv');
  assert.equal(anon.status, 200);
  const hdr = anon.text.slice(1, anon.text.indexOf('\r\n')).split(',');
  assert.ok(!hdr.includes('head') && !hdr.includes('head_person_id') && !hdr.includes('notes'), hdr.join(','));
  assert.equal(anon.headers['cache-control'], undefined);
  /* Nor is the audit log importable. */
  const imp = await ctx.api('POST', '/api/v1/import/audit?dry_run=1', { token: ctx.token, body: audit.text, headers: CSV });
  assert.equal(imp.status, 404);
});

test('formula injection: =1+1 is exported as \'=1+1 and imports back as =1+1', T, async () => {
  const org = (await ctx.api('GET', '/api/v1/orgs?limit=1', { token: ctx.token })).json.items[0];
  const p = await ctx.api('PATCH', `/api/v1/orgs/${org.id}`, { token: ctx.token, body: { description: '=1+1' } });
  assert.equal(p.status, 200, p.text);
  const csv = (await exportCsv('/orgs.csv')).text;
  assert.ok(csv.includes(`,"'=1+1",`), 'guarded');
  assert.ok(!csv.includes(',"=1+1"'), 'never bare');
  const rep = await dryRun('/api/v1/import/orgs', csv);
  assert.equal(rep.unchanged, rep.rows, 'imports back as the original value');
  /* A real import of a change writes through the update (history). */
  const lines = csv.split('\r\n');
  const i = lines.findIndex((l) => l.startsWith(`${org.id},`));
  lines[i] = lines[i].replace(`,"'=1+1",`, ',"Synthetic description",');
  const r = await ctx.api('POST', '/api/v1/import/orgs', { token: ctx.token, body: lines.join('\r\n'), headers: CSV });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.changes, [{ row: i + 1, id: org.id, outcome: 'updated', columns: ['description'] }]);
  const g = await ctx.api('GET', `/api/v1/orgs/${org.id}`, { token: ctx.token });
  assert.equal(g.json.description, 'Synthetic description');
  const h = await ctx.api('GET', `/api/v1/orgs/${org.id}/history`, { token: ctx.token });
  assert.equal(h.status, 200);
  assert.equal(h.json.items[0].action, 'update');
});

test('import of an export: a derived column that disagrees names it; an empty id creates; an unknown id is refused', T, async () => {
  const csv = (await exportCsv('/partners.csv')).text;
  const lines = csv.split('\r\n');
  const tie = (await ctx.api('GET', '/api/v1/partners?limit=1')).json.items[0];
  const i = lines.findIndex((l) => l.startsWith(`${tie.id},`));
  const bad = lines.slice();
  bad[i] = bad[i].replace(`,${quote(tie.city.name_en)},`, ',"Synthetic Town",');
  let r = await ctx.api('POST', '/api/v1/import/partners?dry_run=1', { token: ctx.token, body: bad.join('\r\n'), headers: CSV });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'city_en');
  assert.deepEqual(r.json.report.errors.map((e) => [e.row, e.field, e.code]), [[i + 1, 'city_en', 'read_only']]);

  const orgs = (await exportCsv('/orgs.csv')).text.split('\r\n');
  const hdr = orgs[0].slice(1);
  r = await ctx.api('POST', '/api/v1/import/orgs?dry_run=1', { token: ctx.token, headers: CSV,
    body: `${hdr}\r\n${hdr.split(',').map((c) => ({ name_en: 'Synthetic new org', type: 'enterprise', side: 'home' }[c] || '')).join(',')}\r\n` });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.created, 1);
  assert.equal(r.json.changes[0].outcome, 'created');
  r = await ctx.api('POST', '/api/v1/import/orgs?dry_run=1', { token: ctx.token, headers: CSV, body: 'id,name_en\r\n999999,X\r\n' });
  assert.equal(r.status, 400);
  assert.equal(r.json.report.errors[0].code, 'not_found');
  /* The former partner format still imports (no id column). */
  r = await ctx.api('POST', '/api/v1/import/partners?dry_run=1', { token: ctx.token, headers: CSV, body: `city_id,kind\r\n${tie.city.id},sister\r\n` });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.skipped, 1);
});

test('CLI: youcheng export with filters, CSV and XLSX; youcheng import --dry-run of it', T, async () => {
  const r = await ctx.cli(['export', 'partners', '--kind', 'sister', '--db', ctx.db]);
  assert.equal(r.code, 0, r.stderr);
  const total = (await ctx.api('GET', '/api/v1/partners?kind=sister')).json.total;
  const file = `${ctx.dir}/sister.csv`;
  require('node:fs').writeFileSync(file, r.stdout);
  const i = await ctx.cli(['import', 'partners', file, '--dry-run', '--json', '--db', ctx.db]);
  assert.equal(i.code, 0, i.stderr);
  const rep = JSON.parse(i.stdout);
  assert.equal(rep.rows, total);
  assert.equal(rep.unchanged, total);
  const x = await ctx.cli(['export', 'delegations', '--format', 'xlsx', '--out', `${ctx.dir}/d.xlsx`, '--db', ctx.db]);
  assert.equal(x.code, 0, x.stderr);
  assert.ok(unzip(require('node:fs').readFileSync(`${ctx.dir}/d.xlsx`))['xl/workbook.xml']);
  const bad = await ctx.cli(['export', 'nonsense', '--db', ctx.db]);
  assert.equal(bad.code, 2);
});

stopTest(ctx);
