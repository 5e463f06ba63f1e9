/**
 * A county portal whose report lists are JSON APIs that give each item only an id, a title and a
 * date (青石县人民政府, `qingshi-idlist`; issue 8). It is not one of the unseen web's 40 reports
 * (`startUnseenWeb({ definitions: [idListSite] })` serves it alone).
 *
 * Route: `/` → 政务公开 `/xxgk/` (link text) → two columns (link text):
 *
 * - 政府信息公开年报 `/xxgk/ndbg/`: `<ul id="dataList"></ul>` filled by an inline script that GETs
 *   `/api/content/list?channelId=2031&pageNo=N&pageSize=5`, answering
 *   `{"code":200,"message":"操作成功","data":{"list":[{"id":104231,"title":"…","publishTime":
 *   "2024-03-26 09:30:00"}],"total":7,"pageNo":1,"pageSize":5}}` (2 pages, newest first). The script
 *   builds each link with `Portal.detailUrl(item.id)`, defined in the site's shared
 *   `/js/portal.js` (`'/content/detail.html?id=' + id`), the same URLs the home page's news list
 *   links statically. Its pager is drawn by the script (`javascript:void(0)` links).
 * - 部门年报 `/xxgk/bmndbg/`: a template whose inline script `$.getJSON`-style GETs
 *   `/api/article/page?catId=2032&page=N&rows=20` (`{"total":5,"rows":[{"articleId":"88125",
 *   "name":"…","pubDate":"2024-01-25"}]}`, one page) and writes `'/art/' + row.articleId + '.html'`
 *   links: the pattern is in the page's own script text.
 *
 * Detail pages are server-rendered: `/content/detail.html?id=<id>` and `/art/<id>.html`. The static
 * HTML of the two columns links to no report.
 *
 * A perfect crawl finds 7 reports: the county's 2021–2023, 教育局 2023 and 2022, 卫生健康局 2023,
 * 自然资源局 2023. Near misses: the 编制发布 notice and a 解读 of the 2023 report (county list),
 * 政府网站工作年度报表 and a 2023 部门决算 (department list).
 */
import { utf8 } from '../host.ts';
import { nearMissTitles } from '../near-misses.ts';
import { columnIndex, DECOY_COLUMNS, shell, type Link } from '../page.ts';
import { publishEntries, type Entry, type Layout, type NearMissEntry, type ReportEntry } from '../publish.ts';
import { generated, type SiteBuild, type SiteDefinition } from '../site-build.ts';
import { plainPages, siteFiles } from './common.ts';

const SITE = '青石县人民政府';
const PLACE = '青石县';
const COUNTY_CHANNEL = 2031;
const DEPT_CATALOG = 2032;
const COUNTY_PAGE_SIZE = 5;

/** The site's shared script: small helpers every template includes. */
const PORTAL_JS = `/* 青石县政府门户 公共脚本 v2.3 */
var Portal = window.Portal || {};
Portal.detailUrl = function (id) { return '/content/detail.html?id=' + id; };
Portal.esc = function (s) { return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'); };
Portal.day = function (t) { return String(t || '').slice(0, 10); };
Portal.getJSON = function (url, cb) {
  var xhr = new XMLHttpRequest();
  xhr.open('GET', url, true);
  xhr.onreadystatechange = function () { if (xhr.readyState === 4 && xhr.status === 200) cb(JSON.parse(xhr.responseText)); };
  xhr.send();
};
window.Portal = Portal;
`;

/** The county column: fetch a page, draw the items and the pager. */
const COUNTY_LIST = `(function () {
  var channelId = ${COUNTY_CHANNEL}, pageSize = ${COUNTY_PAGE_SIZE};
  function render(pageNo) {
    Portal.getJSON('/api/content/list?channelId=' + channelId + '&pageNo=' + pageNo + '&pageSize=' + pageSize, function (res) {
      if (res.code !== 200) return;
      var d = res.data, html = '';
      for (var i = 0; i < d.list.length; i++) {
        var item = d.list[i];
        html += '<li><a href="' + Portal.detailUrl(item.id) + '" target="_blank" title="' + Portal.esc(item.title) + '">' + Portal.esc(item.title) + '</a><span class="time">' + Portal.day(item.publishTime) + '</span></li>';
      }
      document.getElementById('dataList').innerHTML = html;
      var pages = Math.ceil(d.total / d.pageSize), p = '<span>共' + d.total + '条 ' + pageNo + '/' + pages + '页</span>';
      if (pageNo > 1) p += '<a href="javascript:void(0)" onclick="goPage(' + (pageNo - 1) + ')">上一页</a>';
      if (pageNo < pages) p += '<a href="javascript:void(0)" onclick="goPage(' + (pageNo + 1) + ')">下一页</a>';
      document.getElementById('page').innerHTML = p;
    });
  }
  window.goPage = render;
  render(1);
})();`;

/** The department column: one request, rows written as /art/<id>.html links. */
const DEPT_LIST = `var catId = "${DEPT_CATALOG}";
window.onload = function () {
  Portal.getJSON("/api/article/page?catId=" + catId + "&page=1&rows=20", function (data) {
    var rows = data.rows || [], out = [];
    for (var i = 0; i < rows.length; i++) {
      out.push('<li><span class="date">' + rows[i].pubDate + '</span><a href="/art/' + rows[i].articleId + '.html" target="_blank">' + Portal.esc(rows[i].name) + '</a></li>');
    }
    document.getElementById("artList").innerHTML = out.join("");
  });
};`;

export const idListSite: SiteDefinition = {
  id: 'qingshi-idlist',
  hosts: ['www'],
  build(b: SiteBuild) {
    const www = b.host('www');
    siteFiles(www);
    www.put('/js/portal.js', { body: utf8(PORTAL_JS), contentType: 'application/javascript' });
    const head = '<script src="/js/portal.js"></script>';
    const nav: Link[] = [
      { href: '/', text: '首页' }, { href: '/xwzx/', text: '新闻中心' }, { href: '/xxgk/', text: '政务公开' }, { href: '/bsfw/', text: '办事服务' },
    ];
    // Server-rendered news on the home page: the portal's detail URLs, as the lists' script builds them.
    const news: { id: number; title: string; date: string }[] = [
      { id: 103877, title: '青石县召开2024年第3次县政府常务会议', date: '2024-03-12' },
      { id: 103902, title: '县领导调研春耕备耕工作', date: '2024-03-15' },
      { id: 104015, title: '青石县开展安全生产大检查', date: '2024-03-20' },
    ];
    for (const n of news) {
      www.html(`/content/detail.html?id=${n.id}`, shell({ title: `${n.title}_${SITE}`, siteName: SITE, nav, head, breadcrumb: ['新闻中心'], main: `<div class="article"><h1>${n.title}</h1><p class="info">发布时间：${n.date}</p><p>${n.title}。</p></div>` }));
    }
    const home = shell({
      title: SITE, siteName: SITE, nav, head,
      main: `<div class="news"><h2>青石要闻</h2><ul>${news.map((n) => `<li><a href="/content/detail.html?id=${n.id}">${n.title}</a><span>${n.date}</span></li>`).join('')}</ul></div>
<div class="gk"><h2><a href="/xxgk/">政务公开</a></h2></div>`,
    });
    www.html('/', home);
    www.html('/index.html', home);
    plainPages((p, h) => www.html(p, h), SITE, nav, [{ path: '/xwzx/', title: '新闻中心' }, { path: '/bsfw/', title: '办事服务' }], { head });
    www.html('/xxgk/', shell({
      title: `政务公开_${SITE}`, siteName: SITE, nav, head, breadcrumb: ['政务公开'],
      main: columnIndex([...DECOY_COLUMNS.map((c) => ({ href: `/xxgk/${c.slug}/`, text: c.text })), { href: '/xxgk/ndbg/', text: '政府信息公开年报' }, { href: '/xxgk/bmndbg/', text: '部门年报' }]),
    }));
    plainPages((p, h) => www.html(p, h), SITE, nav, DECOY_COLUMNS.map((c) => ({ path: `/xxgk/${c.slug}/`, title: c.text })), { head });

    const report = (agency: string, year: number, date: string): ReportEntry => {
      const title = `${agency}${year}年政府信息公开工作年度报告`;
      return { kind: 'report', agency, year, title, date, body: 'tables', record: generated(`qingshi-${agency}-${year}`, { agency, year, title }, agency === SITE ? 'large' : 'small') };
    };
    const misses = nearMissTitles(SITE, PLACE, 2023);
    const miss = (kind: string, publisher = SITE) => ({ ...misses.find((m) => m.kind === kind)!, title: misses.find((m) => m.kind === kind)!.title.replace(SITE, publisher) });
    const article = (crumb: Link) => ({ siteName: SITE, nav, breadcrumb: [{ href: '/xxgk/', text: '政务公开' }, crumb], columnName: crumb.text, metaStyle: 'trs' as const, bodyStyle: 'view' as const });

    // 政府信息公开年报: ids assigned as a CMS does, in order of entry.
    const countyEntries: Entry[] = [
      report(SITE, 2023, '2024-03-26'),
      { kind: 'near', miss: { kind: 'interpretation', title: `一图读懂${SITE}2023年政府信息公开工作年度报告` }, date: '2024-03-27', publisher: SITE, year: 2023 },
      report(SITE, 2022, '2023-03-24'),
      { kind: 'near', miss: miss('notice'), date: '2023-12-08', publisher: SITE, year: 2023 },
      report(SITE, 2021, '2022-03-30'),
    ];
    const countyId = (i: number) => 104231 - i * 173;
    const countyLayout: Layout = {
      host: www,
      detailPath: (_e, i) => `/content/detail.html?id=${countyId(i)}`,
      attachmentPath: (_e, i, n, ext) => `/uploadfiles/${countyId(i)}_${n}.${ext}`,
      href: (p) => p,
      article: article({ href: '/xxgk/ndbg/', text: '政府信息公开年报' }),
      indexPrefix: '001435120/2024',
      siteName: SITE,
    };
    (countyEntries[1] as NearMissEntry).reportHref = countyLayout.detailPath(countyEntries[0]!, 0);
    const countyItems = publishEntries(b, countyLayout, countyEntries);
    const countyList = countyItems
      .map((it, i) => ({ id: countyId(i), title: it.title, publishTime: `${it.date} 09:${String(10 + i).padStart(2, '0')}:00` }))
      .sort((x, y) => y.publishTime.localeCompare(x.publishTime));
    www.on('/api/content/list', ({ url, send }) => {
      const pageNo = Math.max(1, Number(url.searchParams.get('pageNo')) || 1);
      const pageSize = Math.min(50, Math.max(1, Number(url.searchParams.get('pageSize')) || 10));
      const list = Number(url.searchParams.get('channelId')) === COUNTY_CHANNEL ? countyList : [];
      const data = { list: list.slice((pageNo - 1) * pageSize, pageNo * pageSize), total: list.length, pageNo, pageSize };
      send({ contentType: 'application/json;charset=UTF-8', body: utf8(JSON.stringify({ code: 200, message: '操作成功', data })) });
    });
    const countyColumn = shell({
      title: `政府信息公开年报_${SITE}`, siteName: SITE, nav, head, breadcrumb: [{ href: '/xxgk/', text: '政务公开' }, '政府信息公开年报'],
      main: `<div class="list-box"><div class="list-title">政府信息公开年报</div><ul id="dataList"></ul><div id="page" class="page"></div></div>\n<script>\n${COUNTY_LIST}\n</script>`,
    });
    www.html('/xxgk/ndbg/', countyColumn);
    www.html('/xxgk/ndbg/index.html', countyColumn);

    // 部门年报
    const deptEntries: Entry[] = [
      report('青石县教育局', 2023, '2024-01-25'),
      report('青石县卫生健康局', 2023, '2024-01-23'),
      { kind: 'near', miss: miss('website-report'), date: '2024-01-15', publisher: SITE, year: 2023 },
      report('青石县自然资源局', 2023, '2024-01-19'),
      { kind: 'near', miss: miss('final-accounts', '青石县教育局'), date: '2023-09-01', publisher: '青石县教育局', year: 2023 },
      report('青石县教育局', 2022, '2023-01-18'),
    ];
    const deptId = (i: number) => 88125 - i * 41;
    const deptLayout: Layout = {
      host: www,
      detailPath: (_e, i) => `/art/${deptId(i)}.html`,
      attachmentPath: (_e, i, n, ext) => `/uploadfiles/art${deptId(i)}_${n}.${ext}`,
      href: (p) => p,
      article: article({ href: '/xxgk/bmndbg/', text: '部门年报' }),
      indexPrefix: '001435120/2024',
      siteName: SITE,
    };
    const deptItems = publishEntries(b, deptLayout, deptEntries);
    const deptRows = deptItems.map((it, i) => ({ articleId: String(deptId(i)), name: it.title, pubDate: it.date })).sort((x, y) => y.pubDate.localeCompare(x.pubDate));
    www.on('/api/article/page', ({ url, send }) => {
      const page = Math.max(1, Number(url.searchParams.get('page')) || 1);
      const rows = Math.min(100, Math.max(1, Number(url.searchParams.get('rows')) || 20));
      const list = url.searchParams.get('catId') === String(DEPT_CATALOG) ? deptRows : [];
      send({ contentType: 'application/json', body: utf8(JSON.stringify({ total: list.length, rows: list.slice((page - 1) * rows, page * rows) })) });
    });
    const deptColumn = shell({
      title: `部门年报_${SITE}`, siteName: SITE, nav, head, breadcrumb: [{ href: '/xxgk/', text: '政务公开' }, '部门年报'],
      main: `<div class="right-con"><h3>部门年报</h3><ul id="artList" class="art-list"></ul></div>\n<script type="text/javascript">\n${DEPT_LIST}\n</script>`,
    });
    www.html('/xxgk/bmndbg/', deptColumn);

    return {
      id: idListSite.id, agency: SITE, region: '四川省', level: 'county', archetype: 'unseen-idlist',
      description: 'county portal whose two report columns are filled by script from GET JSON lists giving only id, title and date; detail URLs /content/detail.html?id=<id> (built by a shared script, linked statically from the home page) and /art/<id>.html (in the column script)',
      startUrls: [www.url('/')],
      allowedHosts: [www.host],
      agencies: [
        { name: SITE, level: 'county' },
        ...['青石县教育局', '青石县卫生健康局', '青石县自然资源局'].map((name) => ({ name, level: 'department' as const })),
      ],
      expectedYears: [2021, 2022, 2023],
    };
  },
};
