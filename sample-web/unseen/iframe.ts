/**
 * Unseen site 6, a small town site whose links are mostly not hrefs (松陵镇人民政府, `songling-iframe`).
 * Nothing needs JavaScript to be read, but few routes are `<a href>`:
 *
 * - the home page's menu is `<li onclick="location.href='/xxgk/index.html'">政务公开</li>` (no `<a>`);
 * - 政务公开 `/xxgk/index.html` links 政府信息公开年报 `/xxgk/nb/index.html` (plain link text);
 * - that column page holds only `<iframe src="list.html">` (no text, static src);
 * - the framed list `/xxgk/nb/list.html` (then `list_2.html`, linked by 下一页 / 上一页 `<a>`) is a
 *   table whose rows open with `<tr onclick="location.href='/xxgk/nb/<yyyymm>/t<yyyymmdd>_<n>.html'">`;
 *   the visible title is cut to 16 characters + "...", the full title in `<td title>`.
 *
 * A perfect crawl finds 3 reports (HTML): the town's 2023, 2022 and 2021. Near misses: its
 * 政府信息公开工作总结 (no template tables) and 政务新媒体工作年度报表.
 */
import { esc, shell, type Link, type ListItem } from '../page.ts';
import { publishEntries, type Entry, type Layout, type ReportEntry } from '../publish.ts';
import { generated, trsName, yyyymm, type SiteBuild, type SiteDefinition } from '../site-build.ts';
import { siteFiles, cut } from './common.ts';

const SITE = '松陵镇人民政府';
const PER_PAGE = 3;

function framedList(items: ListItem[], n: number, pages: number): string {
  const rows = items.map((it) => `<tr onclick="location.href='${it.href}'" style="cursor:pointer"><td class="bt" title="${esc(it.title)}">${esc(cut(it.title, 16))}</td><td class="rq">${it.date}</td></tr>`).join('\n');
  const name = (k: number) => (k === 1 ? 'list.html' : `list_${k}.html`);
  const pager = `<div class="fy">第${n}/${pages}页 ${n > 1 ? `<a href="${name(n - 1)}">上一页</a>` : ''} ${n < pages ? `<a href="${name(n + 1)}">下一页</a>` : ''}</div>`;
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>列表</title><style>td.bt{width:80%}</style></head>
<body><table class="lb" width="100%">
${rows}
</table>
${pager}</body></html>
`;
}

export const iframeSite: SiteDefinition = {
  id: 'songling-iframe',
  hosts: ['www'],
  build(b: SiteBuild) {
    const www = b.host('www');
    siteFiles(www);
    const nav: Link[] = [{ href: '/', text: '首页' }];
    const menu = [['政务公开', '/xxgk/index.html'], ['镇情概况', '/zqgk/index.html'], ['便民服务', '/bmfw/index.html']]
      .map(([text, href]) => `<li onclick="location.href='${href}'" style="cursor:pointer">${text}</li>`).join('');
    www.html('/', shell({ title: SITE, siteName: SITE, nav, main: `<div class="menu"><ul>${menu}</ul></div>\n<div class="news"><h2>松陵动态</h2><p>镇政府开展安全生产大检查。</p></div>` }));
    for (const [path, title] of [['/zqgk/index.html', '镇情概况'], ['/bmfw/index.html', '便民服务'], ['/xxgk/zfxxgkzn/index.html', '政府信息公开指南']]) {
      www.html(path!, shell({ title: `${title}_${SITE}`, siteName: SITE, nav, breadcrumb: [title!], main: `<p>${SITE}${title}。</p>` }));
    }
    const xxgk = { href: '/xxgk/index.html', text: '政务公开' };
    www.html('/xxgk/index.html', shell({ title: `政务公开_${SITE}`, siteName: SITE, nav, breadcrumb: ['政务公开'], main: `<div class="xxgk-menu"><a href="/xxgk/zfxxgkzn/index.html">政府信息公开指南</a> <a href="/xxgk/nb/index.html">政府信息公开年报</a></div>` }));
    www.html('/xxgk/nb/index.html', shell({ title: `政府信息公开年报_${SITE}`, siteName: SITE, nav, breadcrumb: [xxgk, '政府信息公开年报'], main: '<div class="nb-frame"><iframe src="list.html" width="100%" height="480" frameborder="0" scrolling="auto"></iframe></div>' }));

    const layout: Layout = {
      host: www,
      detailPath: (e, i) => `/xxgk/nb/${yyyymm(e.date)}/${trsName(e.date, 301 + i)}`,
      attachmentPath: () => {
        throw new Error('songling-iframe: no attachments');
      },
      href: (p) => p,
      article: { siteName: SITE, nav, breadcrumb: [xxgk, { href: '/xxgk/nb/index.html', text: '政府信息公开年报' }], columnName: '政府信息公开年报', metaStyle: 'vsb', bodyStyle: 'article' },
      indexPrefix: 'slz',
      siteName: SITE,
    };
    const report = (year: number, date: string, extra: Partial<ReportEntry> = {}): ReportEntry => {
      const title = `${SITE}${year}年政府信息公开工作年度报告`;
      return { kind: 'report', agency: SITE, year, title, date, body: 'tables', record: generated(`songling-${year}`, { agency: SITE, year, title }), ...extra };
    };
    const entries: Entry[] = [
      report(2023, '2024-01-26'),
      report(2022, '2023-01-20', { style: 'word' }),
      report(2021, '2022-01-25'),
      { kind: 'near', miss: { kind: 'summary', title: `${SITE}2023年政府信息公开工作总结` }, date: '2024-01-06', publisher: SITE, year: 2023 },
      { kind: 'near', miss: { kind: 'website-report', title: '松陵镇2023年政务新媒体工作年度报表' }, date: '2024-01-10', publisher: SITE, year: 2023 },
    ];
    const items = publishEntries(b, layout, entries).sort((x, c) => c.date.localeCompare(x.date));
    const pages = Math.ceil(items.length / PER_PAGE);
    for (let n = 1; n <= pages; n++) {
      www.html(n === 1 ? '/xxgk/nb/list.html' : `/xxgk/nb/list_${n}.html`, framedList(items.slice((n - 1) * PER_PAGE, n * PER_PAGE), n, pages));
    }

    return {
      id: iframeSite.id, agency: SITE, region: '江苏省', level: 'township', archetype: 'unseen-iframe',
      description: 'town site without hrefs on the route: home menu <li onclick=location.href>, column page = one text-less <iframe src>, framed list rows <tr onclick=location.href> with titles cut "..." (full in td@title); all static',
      startUrls: [www.url('/')],
      allowedHosts: [www.host],
      agencies: [{ name: SITE, level: 'township' }],
      expectedYears: [2021, 2022, 2023],
    };
  },
};
