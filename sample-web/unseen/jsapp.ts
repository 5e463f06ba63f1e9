/**
 * Unseen site 1, a static city portal whose report column is a small JavaScript application
 * (柳江市人民政府, `liujiang-jsapp`).
 *
 * Route: `/` → 政务公开 `/zwgk/` (link text) → 政府信息公开年报 `/zwgk/zfxxgknb/` (link text). That
 * column page is the portal's page template with `<div id="app"></div>` and an inline script; it has
 * no `window._CONFIG` and no element named like a list. The script GETs
 * `/api/cms/article/page?catalogId=1187&current=N&size=8`, which answers a MyBatis-Plus page:
 * `{"code":0,"msg":"success","data":{"records":[{"articleId":5521034,"articleTitle":"…",
 * "publishDate":"2024-01-18","source":"…","hits":312}],"total":11,"size":8,"current":1,"pages":2}}`
 * (11 entries, newest first: 8 reports and 3 near misses; phase 2: 12). It builds
 * `<ul class="article-ul">` with links it makes from each record,
 * `/content/<yyyymm of publishDate>/<articleId>.html` (visible titles cut to 24 characters + 「…」,
 * the full title in `a@title`). Page 2 is reached by the pager the script draws
 * (`<a href="javascript:;" data-page="2">`), which fetches `current=2`; the page URL does not change.
 * Detail pages are static (TRS-like metadata, `.trs_editor_view` body); one report is a short
 * body plus a DOCX attachment `/upload/file/<yyyymm>/<articleId>_0.docx`.
 *
 * A perfect crawl finds 8 reports (phase 2: 9): the city's 2021–2023, 教育局 2023, 民政局 2023
 * (DOCX) and 2021, 财政局 2023, 卫生健康委员会 2022; 生态环境局 publishes nothing until phase 2
 * (its 2023 report, newest in the list). Near misses: the 编制发布 notice, 图解 of the 2023 report
 * (links to it), 政府网站工作年度报表. The static HTML holds no link to any report or near miss.
 */
import { utf8 } from '../host.ts';
import { nearMissTitles } from '../near-misses.ts';
import { columnIndex, DECOY_COLUMNS, shell, type Link } from '../page.ts';
import { publishEntries, type Entry, type Layout, type NearMissEntry, type ReportEntry } from '../publish.ts';
import { generated, generatedGolden, yyyymm, type SiteBuild, type SiteDefinition } from '../site-build.ts';
import { generatedBytes } from '../generated-docs.ts';
import { siteFiles, plainPages } from './common.ts';

const SITE = '柳江市人民政府';
const PLACE = '柳江市';
const CATALOG_ID = 1187;
const PAGE_SIZE = 8;

/** The column's application: fetch a page of the catalogue, draw the list and the pager into #app. */
const COLUMN_APP = `(function () {
  var CATALOG_ID = ${CATALOG_ID}, SIZE = ${PAGE_SIZE};
  var app = document.getElementById('app');
  function esc(s) { return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'); }
  function href(r) { return '/content/' + r.publishDate.replace(/-/g, '').slice(0, 6) + '/' + r.articleId + '.html'; }
  function cut(t) { return t.length > 24 ? t.slice(0, 24) + '\\u2026' : t; }
  function pager(d) {
    var h = '<div class="pagination"><span>共' + d.total + '条</span> ';
    if (d.current > 1) h += '<a href="javascript:;" data-page="' + (d.current - 1) + '">上一页</a> ';
    for (var i = 1; i <= d.pages; i++) h += i === d.current ? '<span class="cur">' + i + '</span> ' : '<a href="javascript:;" data-page="' + i + '">' + i + '</a> ';
    if (d.current < d.pages) h += '<a href="javascript:;" data-page="' + (d.current + 1) + '">下一页</a>';
    return h + '</div>';
  }
  function load(n) {
    app.innerHTML = '<p class="loading">加载中…</p>';
    fetch('/api/cms/article/page?catalogId=' + CATALOG_ID + '&current=' + n + '&size=' + SIZE)
      .then(function (r) { return r.json(); })
      .then(function (res) {
        var d = res.data, h = '<div class="column-body"><ul class="article-ul">';
        d.records.forEach(function (r) {
          h += '<li><a href="' + href(r) + '" target="_blank" title="' + esc(r.articleTitle) + '">' + esc(cut(r.articleTitle)) + '</a><span class="date">' + r.publishDate + '</span></li>';
        });
        app.innerHTML = h + '</ul>' + pager(d) + '</div>';
      })
      .catch(function () { app.innerHTML = '<p class="error">数据加载失败，请刷新重试。</p>'; });
  }
  app.addEventListener('click', function (ev) {
    var a = ev.target.closest('[data-page]');
    if (!a) return;
    ev.preventDefault();
    load(parseInt(a.getAttribute('data-page'), 10));
  });
  load(1);
})();`;

export const jsAppSite: SiteDefinition = {
  id: 'liujiang-jsapp',
  hosts: ['www'],
  build(b: SiteBuild) {
    const www = b.host('www');
    siteFiles(www);
    const nav: Link[] = [
      { href: '/index.html', text: '首页' }, { href: '/xwzx/', text: '新闻中心' }, { href: '/zwgk/', text: '政务公开' },
      { href: '/zwfw/', text: '政务服务' }, { href: '/hdjl/', text: '互动交流' },
    ];
    const home = shell({
      title: SITE, siteName: SITE, nav,
      main: `<div class="news"><h2>柳江要闻</h2><ul><li><a href="/xwzx/">市政府召开第45次常务会议</a></li></ul></div>
<div class="zwgk-box"><h2><a href="/zwgk/">政务公开</a></h2><p>政府信息公开指南 · 法定主动公开内容 · 依申请公开</p></div>`,
    });
    www.html('/', home);
    www.html('/index.html', home);
    plainPages((p, h) => www.html(p, h), SITE, nav, [{ path: '/xwzx/', title: '新闻中心' }, { path: '/zwfw/', title: '政务服务' }, { path: '/hdjl/', title: '互动交流' }]);
    const zwgk = shell({
      title: `政务公开_${SITE}`, siteName: SITE, nav, breadcrumb: ['政务公开'],
      main: columnIndex([...DECOY_COLUMNS.map((c) => ({ href: `/zwgk/${c.slug}/`, text: c.text })), { href: '/zwgk/zfxxgknb/', text: '政府信息公开年报' }]),
    });
    www.html('/zwgk/', zwgk);
    www.html('/zwgk/index.html', zwgk);
    plainPages((p, h) => www.html(p, h), SITE, nav, DECOY_COLUMNS.map((c) => ({ path: `/zwgk/${c.slug}/`, title: c.text })));

    const crumbs = [{ href: '/zwgk/', text: '政务公开' }, { href: '/zwgk/zfxxgknb/', text: '政府信息公开年报' }];
    const idOf = (i: number) => 5521034 + i * 17;
    const layout: Layout = {
      host: www,
      detailPath: (e, i) => `/content/${yyyymm(e.date)}/${idOf(i)}.html`,
      attachmentPath: (e, i, n, ext) => `/upload/file/${yyyymm(e.date)}/${idOf(i)}_${n}.${ext}`,
      href: (p) => p,
      article: { siteName: SITE, nav, breadcrumb: crumbs, columnName: '政府信息公开年报', metaStyle: 'trs', bodyStyle: 'view' },
      indexPrefix: '11450200MB1742235Q',
      siteName: SITE,
    };
    const report = (agency: string, year: number, date: string, extra: Partial<ReportEntry> = {}): ReportEntry => {
      const title = extra.title ?? `${agency}${year}年政府信息公开工作年度报告`;
      return { kind: 'report', agency, year, title, date, body: 'tables', record: generated(`liujiang-${agency}-${year}`, { agency, year, title }, agency === SITE ? 'large' : 'small'), ...extra };
    };
    const misses = nearMissTitles(SITE, PLACE, 2023);
    const miss = (kind: string) => misses.find((m) => m.kind === kind)!;
    const entries: Entry[] = [
      report(SITE, 2023, '2024-03-28'),
      report(SITE, 2022, '2023-03-27'),
      report(SITE, 2021, '2022-03-25', { style: 'word' }),
      report('柳江市教育局', 2023, '2024-01-19'),
      { ...report('柳江市民政局', 2023, '2024-01-22'), body: 'short', ...generatedGolden('liujiang-mzj-2023'), attachments: [{ bytes: generatedBytes('liujiang-mzj-2023'), ext: 'docx', name: '柳江市民政局2023年政府信息公开工作年度报告.docx', style: 'a' }] },
      report('柳江市民政局', 2021, '2022-01-20', { style: 'word' }),
      report('柳江市财政局', 2023, '2024-01-29', { title: '2023年柳江市财政局政府信息公开工作年度报告' }),
      report('柳江市卫生健康委员会', 2022, '2023-01-30'),
      { kind: 'near', miss: miss('notice'), date: '2023-12-15', publisher: SITE, year: 2023 },
      { kind: 'near', miss: { kind: 'interpretation', title: `图解：${SITE}2023年政府信息公开工作年度报告` }, date: '2024-03-29', publisher: SITE, year: 2023 },
      { kind: 'near', miss: miss('website-report'), date: '2024-01-12', publisher: SITE, year: 2023 },
    ];
    (entries.find((e) => e.kind === 'near' && e.miss.kind === 'interpretation') as NearMissEntry).reportHref = layout.detailPath(entries[0]!, 0);
    // Phase 2: a department late with its 2023 report (new entries go last: earlier ids stay).
    if (b.phase === 2) entries.push(report('柳江市生态环境局', 2023, '2024-04-08'));
    const items = publishEntries(b, layout, entries);

    const records = items.map((it, i) => ({ ...it, id: idOf(i), source: publisherOf(entries[i]!) }))
      .sort((a, c) => c.date.localeCompare(a.date))
      .map((it, k) => ({ articleId: it.id, articleTitle: it.title, publishDate: it.date, source: it.source, hits: 120 + ((it.id * 7 + k) % 400) }));
    www.on('/api/cms/article/page', ({ url, send }) => {
      const current = Math.max(1, Number(url.searchParams.get('current')) || 1);
      const size = Math.min(50, Math.max(1, Number(url.searchParams.get('size')) || 10));
      const list = Number(url.searchParams.get('catalogId')) === CATALOG_ID ? records : [];
      const data = { records: list.slice((current - 1) * size, current * size), total: list.length, size, current, pages: Math.ceil(list.length / size) };
      send({ contentType: 'application/json;charset=UTF-8', body: utf8(JSON.stringify({ code: 0, msg: 'success', data })) });
    });
    const column = shell({
      title: `政府信息公开年报_${SITE}`, siteName: SITE, nav, breadcrumb: crumbs,
      main: `<div class="column-box"><h2 class="column-name">政府信息公开年报</h2>\n<div id="app"></div>\n</div>\n<script>\n${COLUMN_APP}\n</script>`,
    });
    www.html('/zwgk/zfxxgknb/', column);
    www.html('/zwgk/zfxxgknb/index.html', column);

    return {
      id: jsAppSite.id, agency: SITE, region: '广西壮族自治区', level: 'city', archetype: 'unseen-jsapp',
      description: 'static portal whose report column is <div id="app"> + inline script: GET JSON page (records[].articleId/articleTitle/publishDate, 2 pages) built into links /content/<yyyymm>/<id>.html; pager drawn by the script',
      startUrls: [www.url('/')],
      allowedHosts: [www.host],
      agencies: [
        { name: SITE, level: 'city' },
        ...['柳江市教育局', '柳江市民政局', '柳江市财政局', '柳江市卫生健康委员会', '柳江市生态环境局'].map((name) => ({ name, level: 'department' as const })),
      ],
      expectedYears: [2021, 2022, 2023],
      renderOnly: true,
    };
  },
};

const publisherOf = (e: Entry) => (e.kind === 'report' ? e.agency : e.kind === 'near' ? e.publisher : SITE);
