/**
 * Unseen site 2, a portal built as a single-page application (桐溪区人民政府, `tongxi-spa`).
 *
 * Every path of the host that is not an API, the bundle or an upload answers the same
 * ~640-byte shell: `<div id="app"></div>` and `<script src="/static/js/app.js">`. The script routes
 * by history (`/`, `/channel/<columnId>`, `/article/<id>`; links carry `data-route` and go through
 * `history.pushState`) and draws everything from a POST JSON API (`Content-Type: application/json`
 * required: a GET answers 405, a form body 415; every answer is `{"code":200,"msg":"操作成功","data":…}`):
 *
 * - `POST /api/portal/menu` `{"siteId":"txq"}` → `data`: the menu tree, nodes
 *   `{id, name, code, parentId, url?, children[]}`. Top level: 首页 (`url: "/"`), 新闻动态,
 *   政务公开 (code `zwgk`; children 政府信息公开指南, 政府信息公开制度, 法定主动公开内容,
 *   政府信息公开年报 (code `zfxxgknb`), 政务公开工作要点), 政务服务, 互动交流. A node with children is
 *   drawn as a list of its children; a leaf as an article list.
 * - `POST /api/portal/articles` `{"columnId","pageNo","pageSize"}` → `data`:
 *   `{list:[{id, title, publishTime:"2024-01-18 09:30:00", source, columnId}], total, pageNo, pageSize, totalPage}`.
 *   The app asks 6 a page; the report column has 11 entries (2 pages). Its pager is Element-style:
 *   `<button class="btn-prev|btn-next">` and `<ul class="el-pager"><li class="number">2</li>`, with
 *   click handlers only; the URL does not change.
 * - `POST /api/portal/article` `{"id"}` → `data`: `{id, title, publishTime, source, indexNo, columnId,
 *   columnName, content (HTML: the report tables, or a line), attachments:[{fileName, fileUrl}]}`
 *   (`code: 404`, `data: null` for an unknown id). Attachments are static files
 *   `/upload/<yyyy>/<mm>/<dd>/<32hex>.pdf|docx` served with their real Content-Type.
 *
 * Route of a browser user: `/` → 政务公开 (nav) → 政府信息公开年报 → a title → `/article/<id>`.
 * A report's detail URL is `/article/<id>`: the shell, whose rendered DOM holds the report.
 *
 * A perfect crawl finds 8 reports: the district's 2023 (HTML) and 2022 (PDF, short body) and 2021,
 * 发展和改革局 2023, 人力资源和社会保障局 2023 (DOCX, short body), 城市管理局 2022, 文昌街道办事处 2023
 * and 2022. Near misses: 法治政府建设年度报告, 政府网站工作年度报表, 文字解读 of the 2023 report
 * (its content links `/article/<id>` of the report). Nothing in any static HTML names a column.
 */
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { utf8, type HandlerContext, type StaticResource } from '../host.ts';
import { nearMissTitles } from '../near-misses.ts';
import { publishEntries, type Entry, type Layout, type ReportEntry } from '../publish.ts';
import { generated, generatedGolden, type SiteBuild, type SiteDefinition } from '../site-build.ts';
import { generatedBytes } from '../generated-docs.ts';
import { siteFiles } from './common.ts';

const SITE = '桐溪区人民政府';
const PAGE_SIZE = 6;

const col = (n: number) => `161273918293000${1000 + n}`;
const COL = { home: col(1), news: col(2), zwgk: col(3), guide: col(31), rules: col(32), fdzdgk: col(33), nb: col(34), gzyd: col(35), zwfw: col(4), hdjl: col(5) };

interface MenuNode {
  id: string;
  name: string;
  code: string;
  parentId: string;
  url?: string;
  children: MenuNode[];
}

const node = (id: string, name: string, code: string, parentId = '0', children: MenuNode[] = [], url?: string): MenuNode => ({ id, name, code, parentId, ...(url ? { url } : {}), children });

const MENU: MenuNode[] = [
  node(COL.home, '首页', 'sy', '0', [], '/'),
  node(COL.news, '新闻动态', 'xwdt'),
  node(COL.zwgk, '政务公开', 'zwgk', '0', [
    node(COL.guide, '政府信息公开指南', 'zfxxgkzn', COL.zwgk),
    node(COL.rules, '政府信息公开制度', 'zfxxgkzd', COL.zwgk),
    node(COL.fdzdgk, '法定主动公开内容', 'fdzdgknr', COL.zwgk),
    node(COL.nb, '政府信息公开年报', 'zfxxgknb', COL.zwgk),
    node(COL.gzyd, '政务公开工作要点', 'zwgkgzyd', COL.zwgk),
  ]),
  node(COL.zwfw, '政务服务', 'zwfw'),
  node(COL.hdjl, '互动交流', 'hdjl'),
];

const APP_CSS = '.tx-nav{display:flex;list-style:none}.tx-nav-item{margin:0 1em}.el-pager{display:inline-flex;list-style:none}.el-pager li{cursor:pointer;padding:0 .5em}.el-pager li.active{color:#c00}';

/** The shell every page path answers (styles inline: a page load is the shell, the bundle and the API calls). */
const SHELL = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="X-UA-Compatible" content="IE=edge"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${SITE}</title><style>${APP_CSS}</style></head><body><noscript><strong>本网站需要启用JavaScript才能正常访问，请开启浏览器的JavaScript功能。</strong></noscript><div id="app"></div><script src="/static/js/app.js"></script></body></html>\n`;

/** The bundle: a history router drawing the menu, column lists, pager and articles from the POST API. */
const APP_JS = `/*! tongxi-portal v2.3.1 */
(function () {
  'use strict';
  var SITE_NAME = ${JSON.stringify(SITE)}, PAGE_SIZE = ${PAGE_SIZE};
  var app = document.getElementById('app');
  var tree = null;
  function esc(s) { return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;'); }
  function post(url, body) {
    return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json;charset=UTF-8' }, body: JSON.stringify(body || {}) })
      .then(function (r) { if (!r.ok) throw new Error(url + ' ' + r.status); return r.json(); })
      .then(function (j) { if (j.code !== 200) throw new Error(j.msg); return j.data; });
  }
  function loadMenu() {
    return tree ? Promise.resolve(tree) : post('/api/portal/menu', { siteId: 'txq' }).then(function (d) { tree = d; return d; });
  }
  function find(nodes, test, trail) {
    for (var i = 0; i < nodes.length; i++) {
      var n = nodes[i], here = trail.concat([n]);
      if (test(n)) return here;
      var deeper = n.children && n.children.length ? find(n.children, test, here) : null;
      if (deeper) return deeper;
    }
    return null;
  }
  function nodePath(n) { return n.url || '/channel/' + n.id; }
  function link(path, text) { return '<a href="' + path + '" data-route>' + esc(text) + '</a>'; }
  function frame(crumbs, inner) {
    var nav = tree.map(function (n) { return '<li class="tx-nav-item">' + link(nodePath(n), n.name) + '</li>'; }).join('');
    var bc = crumbs.length ? '<div class="tx-crumb">当前位置：' + link('/', '首页') + crumbs.map(function (c) { return ' &gt; ' + (c.path ? link(c.path, c.name) : esc(c.name)); }).join('') + '</div>' : '';
    app.innerHTML = '<header class="tx-header"><div class="tx-logo">' + esc(SITE_NAME) + '</div><ul class="tx-nav">' + nav + '</ul></header>'
      + '<main class="tx-main">' + bc + inner + '</main><footer class="tx-footer">主办：' + esc(SITE_NAME) + '办公室　网站标识码：4503020012</footer>';
  }
  function crumbsOf(trail, linkLast) {
    return trail.map(function (n, k) { return { name: n.name, path: linkLast || k < trail.length - 1 ? nodePath(n) : null }; });
  }
  function item(a) { return '<li>' + link('/article/' + a.id, a.title) + '<span class="tx-time">' + esc(a.publishTime.slice(0, 10)) + '</span></li>'; }
  function home() {
    var news = find(tree, function (n) { return n.code === 'xwdt'; }, []);
    return post('/api/portal/articles', { columnId: news[0].id, pageNo: 1, pageSize: 5 }).then(function (d) {
      document.title = SITE_NAME;
      frame([], '<section class="tx-home-news"><h2>新闻动态</h2><ul>' + d.list.map(item).join('') + '</ul></section>');
    });
  }
  function channel(id) {
    var trail = find(tree, function (n) { return n.id === id; }, []);
    if (!trail) return notFound();
    var col = trail[trail.length - 1];
    document.title = col.name + '_' + SITE_NAME;
    if (col.children && col.children.length) {
      frame(crumbsOf(trail, false), '<div class="tx-sub"><h2>' + esc(col.name) + '</h2><ul>' + col.children.map(function (c) { return '<li>' + link(nodePath(c), c.name) + '</li>'; }).join('') + '</ul></div>');
      return;
    }
    frame(crumbsOf(trail, false), '<div class="tx-list-box"><h2>' + esc(col.name) + '</h2><ul class="tx-list"></ul><div class="el-pagination"></div></div>');
    function page(n) {
      return post('/api/portal/articles', { columnId: id, pageNo: n, pageSize: PAGE_SIZE }).then(function (d) {
        app.querySelector('.tx-list').innerHTML = d.list.length ? d.list.map(item).join('') : '<li class="tx-empty">暂无数据</li>';
        var pages = Math.max(1, Math.ceil(d.total / d.pageSize));
        var h = '<span class="el-pagination__total">共 ' + d.total + ' 条</span><button type="button" class="btn-prev"' + (n <= 1 ? ' disabled' : '') + '>上一页</button><ul class="el-pager">';
        for (var k = 1; k <= pages; k++) h += '<li class="number' + (k === n ? ' active' : '') + '">' + k + '</li>';
        h += '</ul><button type="button" class="btn-next"' + (n >= pages ? ' disabled' : '') + '>下一页</button>';
        var pager = app.querySelector('.el-pagination');
        pager.innerHTML = h;
        pager.querySelector('.btn-prev').onclick = function () { page(n - 1); };
        pager.querySelector('.btn-next').onclick = function () { page(n + 1); };
        Array.prototype.forEach.call(pager.querySelectorAll('.el-pager li'), function (li) {
          li.onclick = function () { page(parseInt(li.textContent, 10)); };
        });
      });
    }
    return page(1);
  }
  function article(id) {
    return post('/api/portal/article', { id: id }).then(function (a) {
      var trail = find(tree, function (n) { return n.id === a.columnId; }, []) || [];
      var files = (a.attachments || []).map(function (f) { return '<li><a href="' + esc(f.fileUrl) + '" target="_blank">' + esc(f.fileName) + '</a></li>'; }).join('');
      document.title = a.title + '_' + SITE_NAME;
      frame(crumbsOf(trail, true).concat([{ name: '正文' }]), '<article class="tx-detail"><h1 class="tx-detail-title">' + esc(a.title) + '</h1>'
        + '<div class="tx-detail-info"><span>索引号：' + esc(a.indexNo) + '</span><span>发布机构：' + esc(a.source) + '</span><span>发布时间：' + esc(a.publishTime) + '</span></div>'
        + '<div class="tx-detail-content" id="zoom">' + a.content + '</div>'
        + (files ? '<div class="tx-detail-files"><p>附件：</p><ul>' + files + '</ul></div>' : '') + '</article>');
    }, notFound);
  }
  function notFound() {
    document.title = '页面不存在_' + SITE_NAME;
    frame([{ name: '页面不存在' }], '<div class="tx-404">抱歉，您访问的页面不存在或已被删除。</div>');
  }
  function route() {
    var p = location.pathname, m;
    loadMenu().then(function () {
      if (p === '/' || p === '/index.html') return home();
      if ((m = /^\\/channel\\/(\\w+)\\/?$/.exec(p))) return channel(m[1]);
      if ((m = /^\\/article\\/(\\w+)\\/?$/.exec(p))) return article(m[1]);
      return notFound();
    }).catch(function () { app.innerHTML = '<div class="tx-error">网络繁忙，请稍后再试。</div>'; });
  }
  document.addEventListener('click', function (ev) {
    var a = ev.target.closest ? ev.target.closest('a[data-route]') : null;
    if (!a || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
    ev.preventDefault();
    history.pushState(null, '', a.getAttribute('href'));
    window.scrollTo(0, 0);
    route();
  });
  window.addEventListener('popstate', route);
  route();
})();
`;


/** The app's favicon (browsers ask for it with every page): one 1×1 PNG in an ICO directory. */
const FAVICON = (() => {
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
  const head = Buffer.alloc(22);
  head.writeUInt16LE(1, 2); // type: icon
  head.writeUInt16LE(1, 4); // one image
  head.writeUInt8(1, 6); // 1×1
  head.writeUInt8(1, 7);
  head.writeUInt16LE(1, 10); // planes
  head.writeUInt16LE(32, 12); // bits per pixel
  head.writeUInt32LE(png.length, 14);
  head.writeUInt32LE(22, 18);
  return new Uint8Array(Buffer.concat([head, png]));
})();

/** An article as the API gives it. */
interface ApiArticle {
  id: string;
  title: string;
  publishTime: string;
  source: string;
  indexNo: string;
  columnId: string;
  columnName: string;
  content: string;
  attachments: { fileName: string; fileUrl: string }[];
}

const hex32 = (s: string) => createHash('md5').update(s).digest('hex');

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = utf8(JSON.stringify(value));
  res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', 'Cache-Control': 'no-store', 'Content-Length': String(body.byteLength) });
  res.end(body);
}

/** A Spring-style POST JSON endpoint: 405 to other methods, 415 to other bodies, 400 to bad JSON. */
function postApi(answer: (body: Record<string, unknown>) => { code: number; msg: string; data: unknown }) {
  return ({ req, res, url, body }: HandlerContext) => {
    const springError = (status: number, error: string) => sendJson(res, status, { timestamp: new Date().toISOString(), status, error, path: url.pathname });
    if (req.method !== 'POST') return springError(405, 'Method Not Allowed');
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return springError(415, 'Unsupported Media Type');
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return springError(400, 'Bad Request');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return springError(400, 'Bad Request');
    sendJson(res, 200, answer(parsed as Record<string, unknown>));
  };
}

export const spaSite: SiteDefinition = {
  id: 'tongxi-spa',
  hosts: ['www'],
  build(b: SiteBuild) {
    const www = b.host('www');
    siteFiles(www, []);
    const shell: StaticResource = { body: utf8(SHELL), contentType: 'text/html; charset=utf-8' };
    www.put('/static/js/app.js', { body: utf8(APP_JS), contentType: 'application/javascript; charset=utf-8' });
    www.put('/favicon.ico', { body: FAVICON, contentType: 'image/x-icon' });
    www.onPrefix('/', ({ send }) => send(shell));

    const articles = new Map<string, ApiArticle>();
    const lists = new Map<string, { id: string; title: string; publishTime: string; source: string; columnId: string }[]>();
    const listed = (columnId: string, a: ApiArticle) => {
      const list = lists.get(columnId) ?? [];
      list.push({ id: a.id, title: a.title, publishTime: a.publishTime, source: a.source, columnId });
      lists.set(columnId, list);
    };

    // The news and the guide: articles that are neither reports nor near misses.
    const plain: [string, string, string, string][] = [
      [COL.news, '区政府召开第十二次常务会议', '2024-03-25', '会议研究了优化营商环境、城市更新等工作。'],
      [COL.news, '桐溪区开展春季防汛检查', '2024-03-18', '区领导带队检查重点河段和在建工地。'],
      [COL.news, '文昌街道举办政策宣讲进社区活动', '2024-03-12', '宣讲惠民政策二十余项。'],
      [COL.guide, `${SITE}政府信息公开指南（2023年修订）`, '2023-06-30', '本指南根据《中华人民共和国政府信息公开条例》编制。'],
    ];
    plain.forEach(([columnId, title, date, text], k) => {
      const a: ApiArticle = {
        id: `1745201349800${String(100000 + k * 4217)}`, title, publishTime: `${date} 10:00:00`, source: SITE, indexNo: `11450302MB0554012K/${date.slice(0, 4)}-${String(k + 1).padStart(5, '0')}`,
        columnId, columnName: MENU.flatMap((n) => [n, ...n.children]).find((n) => n.id === columnId)!.name, content: `<p>${text}</p>`, attachments: [],
      };
      articles.set(a.id, a);
      listed(columnId, a);
    });

    const idOf = (i: number) => `174520134987${String(6500000 + i * 1373)}`;
    const layout: Layout = {
      host: www,
      detailPath: (_e, i) => `/article/${idOf(i)}`,
      attachmentPath: (e, i, n, ext) => `/upload/${e.date.replace(/-/g, '/')}/${hex32(`tongxi-${i}-${n}`)}.${ext}`,
      href: (p) => p,
      article: { siteName: SITE, nav: [], breadcrumb: [], columnName: '政府信息公开年报', metaStyle: 'platform', bodyStyle: 'article' },
      indexPrefix: '11450302MB0554012K',
      siteName: SITE,
      publish(path, a) {
        const id = path.slice('/article/'.length);
        articles.set(id, {
          id, title: a.title.replace(/\s*\n\s*/g, ''), publishTime: `${a.date} 09:30:00`, source: a.publisher, indexNo: a.indexNo,
          columnId: COL.nb, columnName: '政府信息公开年报', content: a.body, attachments: (a.attachments ?? []).map((x) => ({ fileName: x.name, fileUrl: x.href })),
        });
      },
    };
    const report = (agency: string, year: number, date: string, extra: Partial<ReportEntry> = {}): ReportEntry => {
      const title = `${agency}${year}年政府信息公开工作年度报告`;
      return { kind: 'report', agency, year, title, date, body: 'tables', record: generated(`tongxi-${agency}-${year}`, { agency, year, title }, agency === SITE ? 'large' : 'small'), ...extra };
    };
    const misses = nearMissTitles(SITE, '桐溪区', 2023);
    const entries: Entry[] = [
      report(SITE, 2023, '2024-03-29'),
      { ...report(SITE, 2022, '2023-03-30'), body: 'short', ...generatedGolden('tongxi-gov-2022'), attachments: [{ bytes: generatedBytes('tongxi-gov-2022'), ext: 'pdf', name: `${SITE}2022年政府信息公开工作年度报告.pdf`, style: 'a' }] },
      report(SITE, 2021, '2022-03-28'),
      report('桐溪区发展和改革局', 2023, '2024-01-23'),
      { ...report('桐溪区人力资源和社会保障局', 2023, '2024-01-26'), body: 'short', ...generatedGolden('tongxi-rsj-2023'), attachments: [{ bytes: generatedBytes('tongxi-rsj-2023'), ext: 'docx', name: '桐溪区人力资源和社会保障局2023年政府信息公开工作年度报告.docx', style: 'a' }] },
      report('桐溪区城市管理局', 2022, '2023-01-31', { style: 'word' }),
      report('桐溪区文昌街道办事处', 2023, '2024-01-18'),
      report('桐溪区文昌街道办事处', 2022, '2023-01-16'),
      { kind: 'near', miss: misses.find((m) => m.kind === 'rule-of-law')!, date: '2024-02-28', publisher: SITE, year: 2023 },
      { kind: 'near', miss: misses.find((m) => m.kind === 'website-report')!, date: '2024-01-15', publisher: SITE, year: 2023 },
      { kind: 'near', miss: { kind: 'interpretation', title: `文字解读：${SITE}2023年政府信息公开工作年度报告` }, date: '2024-03-30', publisher: SITE, year: 2023, reportHref: `/article/${idOf(0)}` },
    ];
    publishEntries(b, layout, entries);
    for (const a of [...articles.values()].filter((x) => x.columnId === COL.nb)) listed(COL.nb, a);
    for (const list of lists.values()) list.sort((x, y) => y.publishTime.localeCompare(x.publishTime));

    www.on('/api/portal/menu', postApi(() => ({ code: 200, msg: '操作成功', data: MENU })));
    www.on('/api/portal/articles', postApi((q) => {
      const pageNo = Math.max(1, Math.floor(Number(q.pageNo)) || 1);
      const pageSize = Math.min(50, Math.max(1, Math.floor(Number(q.pageSize)) || 10));
      const list = lists.get(String(q.columnId ?? '')) ?? [];
      return { code: 200, msg: '操作成功', data: { list: list.slice((pageNo - 1) * pageSize, pageNo * pageSize), total: list.length, pageNo, pageSize, totalPage: Math.ceil(list.length / pageSize) } };
    }));
    www.on('/api/portal/article', postApi((q) => {
      const a = articles.get(String(q.id ?? ''));
      return a ? { code: 200, msg: '操作成功', data: a } : { code: 404, msg: '文章不存在', data: null };
    }));

    return {
      id: spaSite.id, agency: SITE, region: '广西壮族自治区柳江市', level: 'county', archetype: 'unseen-spa',
      description: 'single-page portal: every path answers one shell + /static/js/app.js; history routes /channel/<id>, /article/<id>; menu, lists (2 pages, button pager) and articles from POST JSON /api/portal/{menu,articles,article}; attachments as fileUrl in the JSON',
      startUrls: [www.url('/')],
      allowedHosts: [www.host],
      agencies: [
        { name: SITE, level: 'county' },
        ...['桐溪区发展和改革局', '桐溪区人力资源和社会保障局', '桐溪区城市管理局'].map((name) => ({ name, level: 'department' as const })),
        { name: '桐溪区文昌街道办事处', level: 'township' },
      ],
      expectedYears: [2021, 2022, 2023],
      renderOnly: true,
    };
  },
};

