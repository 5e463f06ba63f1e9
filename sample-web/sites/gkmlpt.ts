/**
 * Archetype C, Guangdong 政府信息公开目录平台 (南山市人民政府): `/gkmlpt/index` is an empty shell
 * holding `window._CONFIG = {SID, TREE, ACTION}`; its own script fetches
 * `/gkmlpt/api/all/{catId}?page=N&sid=…` and draws the list, so the list exists only after
 * JavaScript runs (or for a crawler that calls the API). The API returns every article on page 1
 * and answers 404 for page=2, as some real sites do. Details `/gkmlpt/content/4/4688/post_4688997.html`
 * embed `window._CONFIG.DETAIL`; attachments `/attachment/0/88/88389/963149.pdf` with
 * `class="nfw-cms-attachment"`. The portal also has a static report-year tree
 * `/zwgk/zfxxgknb/bm/2023n/content/post_N.html` for departments.
 */
import { utf8 } from '../host.ts';
import { byDateDesc, columnIndex, esc, listHtml, shell, type Link } from '../page.ts';
import { publishEntries, type Entry, type Layout, type ReportEntry } from '../publish.ts';
import { fromGolden, generated, generatedGolden, type SiteBuild, type SiteDefinition } from '../site-build.ts';
import { generatedBytes } from '../generated-docs.ts';
import { nearMissTitles } from '../near-misses.ts';

const SITE = '南山市人民政府';
const SID = '755029';
const REPORT_CAT = 2961;
const GUIDE_CAT = 2950;

const postPath = (id: number) => `/gkmlpt/content/${Math.floor(id / 1e6)}/${Math.floor(id / 1e3)}/post_${id}.html`;

/** The shell's script: read the category from the hash, call the API, draw the list. */
const SHELL_SCRIPT = `(function(){
var cfg=window._CONFIG;var cat=parseInt((location.hash||'').slice(1),10)||cfg.TREE[0].id;
fetch('/gkmlpt/api/all/'+cat+'?page=1&sid='+cfg.SID).then(function(r){return r.json()}).then(function(d){
var ul=document.getElementById('gkml-list');ul.innerHTML='';
d.articles.forEach(function(a){var li=document.createElement('li');var x=document.createElement('a');x.href=a.url;x.title=a.title;x.textContent=a.title;li.appendChild(x);
var s=document.createElement('span');s.textContent=new Date(a.date*1000).toISOString().slice(0,10);li.appendChild(s);ul.appendChild(li);});
document.getElementById('gkml-count').textContent=d.total;});})();`;

export const gkmlptSite: SiteDefinition = {
  id: 'nanshan-gkmlpt',
  hosts: ['www'],
  build(b: SiteBuild) {
    const www = b.host('www');
    const nav: Link[] = [{ href: '/', text: '首页' }, { href: '/zwgk/', text: '政务公开' }, { href: `/gkmlpt/index#${REPORT_CAT}`, text: '政府信息公开' }];
    www.html('/', shell({ title: SITE, siteName: SITE, nav, main: `<ul><li><a href="/gkmlpt/index#${REPORT_CAT}">政府信息公开工作年度报告</a></li><li><a href="/zwgk/">政务公开</a></li></ul>` }));
    www.put('/robots.txt', { body: utf8('User-agent: *\nAllow: /\n'), contentType: 'text/plain' });

    let nextId = 4688997;
    const ids = new Map<Entry, number>();
    const idOf = (e: Entry) => {
      if (!ids.has(e)) ids.set(e, (nextId += 1013));
      return ids.get(e)!;
    };
    const layout: Layout = {
      host: www,
      detailPath: (e) => postPath(idOf(e)),
      attachmentPath: (_e, i, n, ext) => `/attachment/0/88/${88389 + i}/${963149 + i * 10 + n}.${ext}`,
      href: (p) => www.url(p),
      article: {
        siteName: SITE, nav, breadcrumb: [{ href: `/gkmlpt/index#${REPORT_CAT}`, text: '政府信息公开' }, '政府信息公开工作年度报告'],
        columnName: '政府信息公开工作年度报告', metaStyle: 'gkmlpt', bodyStyle: 'view',
      },
      indexPrefix: '006939748',
      siteName: SITE,
      // Detail pages embed their metadata for the platform's scripts, as the real ones do.
      decorate: (html, e) => html.replace('</head>', `<script>window._CONFIG = window._CONFIG || {}; window._CONFIG.DETAIL = ${JSON.stringify({ id: idOf(e), title: e.kind === 'near' ? e.miss.title : e.title, publisher: e.kind === 'report' ? e.agency : SITE })};</script>\n</head>`),
    };
    const report = (agency: string, year: number, date: string, extra: Partial<ReportEntry> = {}): ReportEntry => {
      const title = `${agency}${year}年政府信息公开工作年度报告`;
      return { kind: 'report', agency, year, title, date, body: 'tables', record: generated(`nanshan-${agency}-${year}`, { agency, year, title }, agency === SITE ? 'large' : 'small'), ...extra };
    };
    const misses = nearMissTitles(SITE, '南山市', 2023);
    const entries: Entry[] = [
      { ...report(SITE, 2023, '2024-03-30'), body: 'short', ...generatedGolden('nanshan-gov-2023'), attachments: [{ bytes: generatedBytes('nanshan-gov-2023'), ext: 'pdf', name: `${SITE}2023年政府信息公开工作年度报告.pdf`, style: 'nfw' }] },
      report(SITE, 2022, '2023-03-29'),
      { ...report(SITE, 2021, '2022-03-30'), ...fromGolden('002_53998b694067610d', { agency: SITE, year: 2021, title: `${SITE}2021年政府信息公开工作年度报告` }) },
      report('南山市发展和改革局', 2023, '2024-01-25'),
      report('南山市住房和城乡建设局', 2023, '2024-01-26', { style: 'word' }),
      { kind: 'near', miss: misses.find((m) => m.kind === 'notice')!, date: '2023-12-18', publisher: SITE, year: 2023 },
      { kind: 'near', miss: misses.find((m) => m.kind === 'rule-of-law')!, date: '2024-03-01', publisher: SITE, year: 2023 },
      { kind: 'near', miss: misses.find((m) => m.kind === 'performance')!, date: '2024-02-26', publisher: SITE, year: 2023 },
      { kind: 'near', miss: misses.find((m) => m.kind === 'statistics')!, date: '2024-03-15', publisher: SITE, year: 2023 },
    ];
    if (b.phase === 2) entries.push(report('南山市交通运输局', 2023, '2024-04-10'));
    const items = publishEntries(b, layout, entries);

    // The API: every article on page 1; page 2 is a 404 (the real platform's quirk).
    const articles = entries.map((e, i) => ({
      id: idOf(e), title: items[i]!.title, url: www.url(layout.detailPath(e, i)),
      date: Date.parse(`${e.date}T08:00:00+08:00`) / 1000, create_time: Date.parse(`${e.date}T08:00:00+08:00`) / 1000,
      identifier: `006939748/${e.date.slice(0, 4)}-${String(84 + i).padStart(5, '0')}`, publisher: e.kind === 'report' ? e.agency : SITE, document_number: '',
    })).sort((a, c) => c.date - a.date);
    www.onPrefix('/gkmlpt/api/all/', ({ url, send }) => {
      const cat = Number(url.pathname.split('/').pop());
      const page = Number(url.searchParams.get('page') ?? 1);
      const list = cat === REPORT_CAT ? articles : cat === GUIDE_CAT ? [] : null;
      if (list === null || page !== 1 || url.searchParams.get('sid') !== SID) {
        send({ status: 404, contentType: 'application/json', body: utf8('{"code":404,"msg":"not found"}') });
        return;
      }
      send({ contentType: 'application/json; charset=utf-8', body: utf8(JSON.stringify({ classify: { id: cat, name: '政府信息公开工作年度报告', post_count: list.length }, total: list.length, articles: list })) });
    });
    const config = { SID, TREE: [{ id: GUIDE_CAT, name: '政府信息公开指南' }, { id: REPORT_CAT, name: '政府信息公开工作年度报告' }, { id: 2955, name: '政府信息公开制度' }], ACTION: 'annualreport' };
    www.html('/gkmlpt/index', `<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开_${SITE}</title>
<script>window._CONFIG = ${JSON.stringify(config)};</script></head>
<body><div id="app"><div class="tabs">${config.TREE.map((t) => `<a href="#${t.id}" onclick="setTimeout(function(){location.reload()},0)">${esc(t.name)}</a>`).join(' ')}</div>
<div class="gkml-box">共 <em id="gkml-count">0</em> 条<ul id="gkml-list"></ul></div></div>
<script>${SHELL_SCRIPT}</script></body></html>`);
    // The static report-year tree: departments' 2023 reports, one folder per reporting year.
    const treeLayout: Layout = {
      ...layout,
      detailPath: (e, i) => `/zwgk/zfxxgknb/bm/${'year' in e ? e.year : 2023}n/content/post_${10095458 + i}.html`,
      attachmentPath: (_e, i, n, ext) => `/zwgk/zfxxgknb/bm/attachment/${i}_${n}.${ext}`,
      href: (p) => `./content/${p.split('/').pop()}`,
      article: { ...layout.article, breadcrumb: [{ href: '/zwgk/', text: '政务公开' }, { href: '/zwgk/zfxxgknb/', text: '政府信息公开年报' }, { href: '/zwgk/zfxxgknb/bm/', text: '部门' }, '2023年'], bodyStyle: 'trs', metaStyle: 'trs' },
    };
    const treeItems = publishEntries(b, treeLayout, [
      report('南山市教育局', 2023, '2024-01-19'),
      report('南山市民政局', 2023, '2024-01-22'),
      report('南山市教育局', 2022, '2023-01-18'),
    ]);
    const treeCrumbs = [{ href: '/zwgk/', text: '政务公开' }, { href: '/zwgk/zfxxgknb/', text: '政府信息公开年报' }];
    www.html('/zwgk/', shell({ title: '政务公开', siteName: SITE, nav, breadcrumb: ['政务公开'], main: columnIndex([{ href: '/zwgk/zfxxgkzn/', text: '政府信息公开指南' }, { href: '/zwgk/zfxxgknb/', text: '政府信息公开年报' }, { href: `/gkmlpt/index#${REPORT_CAT}`, text: '政府信息公开目录' }]) }));
    www.html('/zwgk/zfxxgknb/', shell({ title: '政府信息公开年报', siteName: SITE, nav, breadcrumb: treeCrumbs, main: columnIndex([{ href: './bm/', text: '部门' }, { href: `/gkmlpt/index#${REPORT_CAT}`, text: '市政府' }]) }));
    www.html('/zwgk/zfxxgknb/bm/', shell({ title: '部门', siteName: SITE, nav, breadcrumb: [...treeCrumbs, '部门'], main: columnIndex([{ href: './2023n/', text: '2023年' }, { href: './2022n/', text: '2022年' }]) }));
    // Folders are named after the reporting year here (the tree site F has publication-year folders).
    www.html('/zwgk/zfxxgknb/bm/2023n/', shell({ title: '2023年', siteName: SITE, nav, breadcrumb: [...treeCrumbs, '部门', '2023年'], main: listHtml(byDateDesc(treeItems.slice(0, 2))) }));
    www.html('/zwgk/zfxxgknb/bm/2022n/', shell({ title: '2022年', siteName: SITE, nav, breadcrumb: [...treeCrumbs, '部门', '2022年'], main: listHtml(treeItems.slice(2)) }));

    return {
      id: gkmlptSite.id, agency: SITE, region: '广东省', level: 'city', archetype: 'C-gkmlpt',
      description: 'Guangdong gkmlpt: JS-only list (shell + /gkmlpt/api/all JSON, page=2 is 404), post_N details with _CONFIG.DETAIL, nfw-cms-attachment PDF; static report-year tree bm/2023n/',
      startUrls: [www.url('/')],
      allowedHosts: [www.host],
      agencies: [{ name: SITE, level: 'city' }, ...['南山市发展和改革局', '南山市住房和城乡建设局', '南山市教育局', '南山市民政局', '南山市交通运输局'].map((name) => ({ name, level: 'department' as const }))],
      expectedYears: [2021, 2022, 2023],
    };
  },
};
