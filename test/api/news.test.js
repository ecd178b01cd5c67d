'use strict';
/*
** news.test.js: the JSON API of news and documents: create, read, list,
** publish, delete; what anonymous callers see (published items, confirmed
** links, no drafts' attachments); the mention finder's suggestions and
** their confirmation (also on the partner page); attachments checked by
** content (an .exe named .pdf, SVG with a script, oversized: refused,
** nothing stored) and served so that they never run; Markdown with raw
** HTML and javascript: links rendered safe; unknown mention ids; the CLI's
** mention finder and the loader of the demo's TSV format.
**
** Every item, text and file here is SYNTHETIC (titles start with
** "Synthetic" or 合成); the ties are the demo's.
*/
const { test, describe } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { useServer, stopTest, qs, allPartners, TEST_TIMEOUT } = require('./lib');

const T = { timeout: TEST_TIMEOUT };
const ctx = useServer();

const WAKAYAMA = 1926004, SACRAMENTO = 5389489;
let ties = null;
async function tieId(geonames) {
  if (!ties) {
    const { items } = await allPartners(ctx);
    ties = {};
    for (const t of items) ties[t.city.id] = t.id;
  }
  assert.ok(ties[geonames], `no demo tie for GeoNames ${geonames}`);
  return ties[geonames];
}

const post = (p, body, token = ctx.token) => ctx.api('POST', p, { body, token });
const patch = (p, body, token = ctx.token) => ctx.api('PATCH', p, { body, token });
async function newItem(body) {
  const res = await post('/api/v1/news', body);
  assert.equal(res.status, 201, res.text);
  return res.json;
}
const linkOf = (item, type, id) => item.links.find((l) => l.type === type && l.target_id === id);

/* Synthetic files. */
const PDF = Buffer.from('%PDF-1.4\n% synthetic test document\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(126, 0x90), Buffer.from('PE\0\0synthetic')]);
const SVG = Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>\n');

describe('news', () => {
  test('create, read, list, publish; anonymous callers see published items only', T, async () => {
    const item = await newItem({
      kind: 'press_release', lang: 'both', title_zh: '合成新闻稿', title_en: 'Synthetic press release',
      body_zh: '合成正文。', body_en: 'Synthetic body.', date: '2024-05', source: 'Synthetic source, 2024-05 | https://example.org/synthetic',
    });
    assert.equal(item.status, 'draft');
    assert.equal(item.date_precision, 'month');
    assert.equal(item.published_at, null);
    assert.deepEqual(item.attachments, []);
    /* Signed in: the draft is there. */
    let r = await ctx.api('GET', `/api/v1/news${qs({ q: '合成新闻稿' })}`, { token: ctx.token });
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.items.some((x) => x.id === item.id));
    /* Anonymous: not in the list, 404 on its own, status=draft is empty. */
    r = await ctx.api('GET', `/api/v1/news${qs({ q: '合成新闻稿' })}`);
    assert.equal(r.status, 200);
    assert.ok(!r.json.items.some((x) => x.id === item.id));
    assert.equal((await ctx.api('GET', `/api/v1/news/${item.id}`)).status, 404);
    assert.equal((await ctx.api('GET', '/api/v1/news?status=draft')).json.total, 0);
    assert.equal((await ctx.api('GET', `/news/${item.id}`)).status, 404);
    const dash = await ctx.api('GET', '/?lang=en');
    assert.ok(!dash.text.includes('Synthetic press release'), 'a draft in the anonymous latest changes');
    /* Publish. */
    r = await patch(`/api/v1/news/${item.id}`, { status: 'published' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, 'published');
    assert.ok(r.json.published_at);
    r = await ctx.api('GET', `/api/v1/news/${item.id}`);
    assert.equal(r.status, 200);
    assert.equal(r.json.title_en, 'Synthetic press release');
    r = await ctx.api('GET', `/api/v1/news${qs({ kind: 'press_release', year: '2024', lang: 'en' })}`);
    assert.ok(r.json.items.some((x) => x.id === item.id));
    r = await ctx.api('GET', `/api/v1/news${qs({ year: '2023' })}`);
    assert.ok(!r.json.items.some((x) => x.id === item.id));
    /* Its history (the record kit) and delete into the archive. */
    r = await ctx.api('GET', `/api/v1/news/${item.id}/history`, { token: ctx.token });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.items.length, 2);
    r = await ctx.api('DELETE', `/api/v1/news/${item.id}`, { token: ctx.token });
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.archive_id > 0);
    assert.equal((await ctx.api('GET', `/api/v1/news/${item.id}`, { token: ctx.token })).status, 404);
  });

  test('bad input is refused naming the field, nothing stored', T, async () => {
    const ok = { kind: 'news', lang: 'en', title_en: 'Synthetic item', date: '2024' };
    await ctx.rejected('POST', '/api/v1/news', { body: { ...ok, lang: 'zh' }, token: ctx.token }, { status: 400, field: 'title_zh' });
    await ctx.rejected('POST', '/api/v1/news', { body: { ...ok, kind: 'blog' }, token: ctx.token }, { status: 400, field: 'kind' });
    await ctx.rejected('POST', '/api/v1/news', { body: { ...ok, date: '2024-13' }, token: ctx.token }, { status: 400, field: 'date' });
    await ctx.rejected('POST', '/api/v1/news', { body: { ...ok, date: '2999' }, token: ctx.token }, { status: 400, field: 'date' });
    await ctx.rejected('POST', '/api/v1/news', { body: { ...ok, colour: 'red' }, token: ctx.token }, { status: 400, field: 'colour' });
    await ctx.rejected('GET', '/api/v1/news?year=24', {}, { status: 400, field: 'year' });
    await ctx.rejected('POST', '/api/v1/news', { body: ok }, { status: 401 });
  });

  test('mentions are suggested on save, confirmed by an editor, shown on both sides', T, async () => {
    const sac = await tieId(SACRAMENTO), wak = await tieId(WAKAYAMA);
    const item = await newItem({
      kind: 'news', lang: 'zh', title_zh: '合成：萨城代表团访问济南', date: '2024-06-01',
      body_zh: '合成正文：薩克拉門托市代表团与和歌山的友人在济南会面。', status: 'published',
    });
    const s = linkOf(item, 'tie', sac), w = linkOf(item, 'tie', wak);
    assert.ok(s && w, JSON.stringify(item.links));
    assert.equal(s.state, 'suggested');
    assert.equal(s.surface, '萨城');
    assert.equal(w.surface, '和歌山');
    assert.ok(!item.links.some((l) => l.type === 'tie' && l.name_en === 'Jinan'), 'the home city is no mention');
    /* Anonymous callers see no suggestion; the partner's list has no item yet. */
    let r = await ctx.api('GET', `/api/v1/news/${item.id}`);
    assert.deepEqual(r.json.links, []);
    assert.ok(!(await ctx.api('GET', `/api/v1/news?tie=${sac}`)).json.items.some((x) => x.id === item.id));
    /* Confirm Sacramento, reject Wakayama. */
    r = await ctx.api('PUT', `/api/v1/news/${item.id}/links`, { token: ctx.token,
      body: { links: [{ type: 'tie', id: sac, state: 'confirmed' }, { type: 'tie', id: wak, state: 'rejected' }] } });
    assert.equal(r.status, 200, r.text);
    assert.equal(linkOf(r.json, 'tie', sac).state, 'confirmed');
    assert.equal(linkOf(r.json, 'tie', wak).state, 'rejected');
    r = await ctx.api('GET', `/api/v1/news/${item.id}`);
    assert.deepEqual(r.json.links.map((l) => [l.type, l.target_id, l.state]), [['tie', sac, 'confirmed']]);
    assert.ok((await ctx.api('GET', `/api/v1/news?tie=${sac}`)).json.items.some((x) => x.id === item.id));
    /* The partner page lists it, for anonymous visitors too. */
    const page = await ctx.api('GET', `/partners/${sac}?lang=en`);
    assert.equal(page.status, 200);
    assert.match(page.text, new RegExp(`id="record-news"[\\s\\S]*href="/news/${item.id}"`));
    /* Saving again keeps the editor's decisions (rejected stays rejected). */
    r = await patch(`/api/v1/news/${item.id}`, { body_zh: '合成正文：和歌山与萨克拉门托。' });
    assert.equal(linkOf(r.json, 'tie', wak).state, 'rejected');
    assert.equal(linkOf(r.json, 'tie', sac).state, 'confirmed');
    /* Unknown mention ids: 400 naming the field, nothing changed. */
    await ctx.rejected('PUT', `/api/v1/news/${item.id}/links`, { token: ctx.token,
      body: { links: [{ type: 'tie', id: sac, state: 'rejected' }, { type: 'org', id: 987654321, state: 'confirmed' }] } },
    { status: 400, field: 'links[1].id' });
    await ctx.rejected('PUT', `/api/v1/news/${item.id}/links`, { token: ctx.token,
      body: { links: [{ type: 'city', id: sac, state: 'confirmed' }] } }, { status: 400, field: 'type' });
  });

  test('the mention finder: API and CLI give byte offsets, English on word boundaries', T, async () => {
    const text = 'Synthetic: Wakayama and SACRAMENTO met; Sacramentoville is not one. 萨城。';
    const r = await ctx.api('POST', '/api/v1/mentions', { body: { text } });
    assert.equal(r.status, 200, r.text);
    const found = r.json.mentions.map((m) => m.match);
    assert.deepEqual(found, ['Wakayama', 'SACRAMENTO', '萨城']);
    const buf = Buffer.from(text, 'utf8');
    for (const m of r.json.mentions) assert.equal(buf.subarray(m.start, m.end).toString('utf8'), m.match);
    const c = await ctx.cli(['news', 'mentions', '-', '--json', '--db', ctx.db], { input: text });
    assert.equal(c.code, 0, c.stderr);
    assert.deepEqual(JSON.parse(c.stdout), r.json);
    await ctx.rejected('POST', '/api/v1/mentions', { body: { words: text } }, { status: 400, field: 'words' });
  });

  test('attachments: checked by content, refused clearly, served so that they never run', T, async () => {
    const item = await newItem({ kind: 'report', lang: 'en', title_en: 'Synthetic report with files', date: '2023' });
    const url = `/api/v1/news/${item.id}/attachments`;
    let r = await ctx.api('POST', `${url}?filename=synthetic.pdf`, { body: PDF, token: ctx.token, headers: { 'Content-Type': 'application/octet-stream' } });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.mime, 'application/pdf');
    assert.equal(r.json.size, PDF.length);
    const aid = r.json.id;
    /* A draft's file is not served to anonymous callers. */
    assert.equal((await ctx.api('GET', `${url}/${aid}`)).status, 404);
    r = await ctx.api('GET', `${url}/${aid}`, { token: ctx.token, raw: true });
    assert.equal(r.status, 200);
    assert.ok(r.body.equals(PDF));
    assert.equal(r.headers['content-type'], 'application/pdf');
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
    assert.match(r.headers['content-disposition'], /^attachment; filename="synthetic\.pdf"/);
    assert.match(r.headers['content-security-policy'], /^sandbox/);
    const opt = { headers: { 'Content-Type': 'application/octet-stream' }, token: ctx.token };
    /* An .exe named .pdf, SVG with a script, a text named .pdf, no name, oversized. */
    await ctx.rejected('POST', `${url}?filename=report.pdf`, { ...opt, body: EXE }, { status: 400, field: 'file', code: 'unsupported_type' });
    await ctx.rejected('POST', `${url}?filename=map.svg`, { ...opt, body: SVG }, { status: 400, field: 'file', code: 'unsupported_type' });
    await ctx.rejected('POST', `${url}?filename=map.png`, { ...opt, body: SVG }, { status: 400, field: 'file' });
    await ctx.rejected('POST', `${url}?filename=notes.pdf`, { ...opt, body: Buffer.from('synthetic plain text\n') }, { status: 400, field: 'file', code: 'type_mismatch' });
    await ctx.rejected('POST', url, { ...opt, body: PDF }, { status: 400, field: 'filename' });
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024 + 1 - PDF.length, 0x20)]);
    await ctx.rejected('POST', `${url}?filename=big.pdf`, { ...opt, body: big }, { status: 413, field: 'file', code: 'too_large' });
    /* Published: anonymous callers get the file. */
    await patch(`/api/v1/news/${item.id}`, { status: 'published' });
    r = await ctx.api('GET', `${url}/${aid}`, { raw: true });
    assert.equal(r.status, 200);
    r = await ctx.api('GET', `/api/v1/news/${item.id}`);
    assert.deepEqual(r.json.attachments.map((a) => a.filename), ['synthetic.pdf']);
    r = await ctx.api('DELETE', `${url}/${aid}`, { token: ctx.token });
    assert.equal(r.status, 200, r.text);
    assert.equal((await ctx.api('GET', `${url}/${aid}`)).status, 404);
  });

  test('Markdown with raw HTML and a javascript: link is rendered safe', T, async () => {
    const item = await newItem({
      kind: 'news', lang: 'en', title_en: 'Synthetic unsafe Markdown', date: '2022-02-02', status: 'published',
      body_en: 'Synthetic **bold**.\n\n<script>alert("x")</script>\n\n<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1)) and [ok](https://example.org/synthetic)',
    });
    const r = await ctx.api('GET', `/news/${item.id}?lang=en`);
    assert.equal(r.status, 200);
    const body = r.text.slice(r.text.indexOf('id="body-en"'));
    assert.match(body, /<strong>bold<\/strong>/);
    assert.match(body, /href="https:\/\/example\.org\/synthetic"/);
    assert.doesNotMatch(r.text, /<script>alert/);
    assert.doesNotMatch(r.text, /onerror=/);
    assert.doesNotMatch(r.text, /javascript:/i);
  });

  test('the demo format loads (synthetic rows): items published, curated links confirmed, others suggested', T, async () => {
    const sac = await tieId(SACRAMENTO), wak = await tieId(WAKAYAMA);
    const news = '# Synthetic rows in the format of data/demo/jinan_news.tsv (test fixture, not facts)\n'
      + 'key\tdate\tkind\tlang\ttitle\tbody\tsource\n'
      + 'syn_1\t2021-03\tnews\tzh\t合成：萨城来访\t合成第一段，提到萨克拉门托。\\n\\n合成第二段，也提到和歌山。\tSynthetic source, 2021 | https://example.org/syn1\n'
      + 'syn_2\t2020\tspeech\ten\tSynthetic speech\tSynthetic text naming Wakayama.\tSynthetic source, 2020\n';
    const links = 'news_key\ttype\tref\tsurface\nsyn_1\ttie\t5389489\t萨城\n';
    const fn = path.join(ctx.dir, 'syn_news.tsv'), fl = path.join(ctx.dir, 'syn_links.tsv');
    fs.writeFileSync(fn, news);
    fs.writeFileSync(fl, links);
    let c = await ctx.cli(['news', 'load', fn, fl, '--json', '--db', ctx.db]);
    assert.equal(c.code, 0, c.stderr);
    assert.deepEqual(JSON.parse(c.stdout), { items: 2, links: 1 });
    c = await ctx.cli(['news', 'load', fn, fl, '--json', '--db', ctx.db]);
    assert.deepEqual(JSON.parse(c.stdout), { items: 0, links: 0 }, 'loading twice adds nothing');
    const r = await ctx.api('GET', `/api/v1/news${qs({ q: '合成：萨城来访' })}`, { token: ctx.token });
    const item = (await ctx.api('GET', `/api/v1/news/${r.json.items[0].id}`, { token: ctx.token })).json;
    assert.equal(item.status, 'published');
    assert.match(item.body_zh, /萨克拉门托。\n\n合成第二段/);
    assert.equal(linkOf(item, 'tie', sac).state, 'confirmed');
    assert.equal(linkOf(item, 'tie', sac).surface, '萨城');
    assert.equal(linkOf(item, 'tie', wak).state, 'suggested');
    /* A link to something that is not there is refused whole. */
    fs.writeFileSync(fl, 'news_key\ttype\tref\tsurface\nsyn_3\ttie\t5389489\t萨城\n');
    fs.writeFileSync(fn, news.replace(/syn_/g, 'syn_b').replace('syn_b1', 'syn_3'));
    fs.writeFileSync(fl, 'news_key\ttype\tref\tsurface\nsyn_3\torg\tNo Such Synthetic Org\tx\n');
    c = await ctx.cli(['news', 'load', fn, fl, '--db', ctx.db]);
    assert.notEqual(c.code, 0);
    assert.match(c.stderr, /jinan_news_links\.tsv:\d+: no org No Such Synthetic Org/);
  });
});

stopTest(ctx);
