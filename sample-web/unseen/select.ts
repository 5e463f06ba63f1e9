/**
 * Unseen site 5, a city department whose report column picks the year with a `<select>`
 * (枫港市生态环境局, `fenggang-select`).
 *
 * Every page of the host carries `<base href="http://HOST/">` (the CMS template's), and its links
 * are written relative to that base, not to the page: on `/xxgk/index.html` the link
 * `xxgk/zfxxgknb/index.html` means `/xxgk/zfxxgknb/index.html` (resolved against the page it
 * would be `/xxgk/xxgk/zfxxgknb/index.html`, a 404).
 *
 * Route: `/` → 信息公开 `xxgk/index.html` (link text) → 政府信息公开年报 `xxgk/zfxxgknb/index.html`
 * (link text). The column page lists nothing: it holds
 * `<select name="nb_year" onchange="location.href=this.value">` whose options are the year
 * sub-columns, one written relative to the base (`xxgk/zfxxgknb/2023/index.html`), one as an
 * absolute path (`/xxgk/zfxxgknb/2022/index.html`), one as a full URL (`http://HOST/xxgk/zfxxgknb/2021/index.html`),
 * after a first option `value=""` (请选择年度). Each year page repeats the picker and lists that
 * year's reports with base-relative links `xxgk/zfxxgknb/<year>/<yyyymm>/t<yyyymmdd>_<n>.html`.
 *
 * A perfect crawl finds 6 reports (HTML bodies): the bureau's 2023, 2022 and 2021, 北湖分局 2023 and
 * 2022, 西塘分局 2023. Near misses (2023 page): the bureau's 法治政府建设年度报告 and 图解 of its 2023
 * report (which links the report, base-relative).
 */
import { nearMissTitles } from '../near-misses.ts';
import { columnIndex, listHtml, shell, type Link } from '../page.ts';
import { publishEntries, type Entry, type Layout, type ReportEntry } from '../publish.ts';
import { generated, trsName, yyyymm, type SiteBuild, type SiteDefinition } from '../site-build.ts';
import { siteFiles, plainPages } from './common.ts';

const SITE = '枫港市生态环境局';
const YEARS = [2023, 2022, 2021];

export const selectSite: SiteDefinition = {
  id: 'fenggang-select',
  hosts: ['www'],
  build(b: SiteBuild) {
    const www = b.host('www');
    siteFiles(www);
    const head = `<base href="${www.url('/')}">`;
    // Every href below is relative to the base: no leading slash.
    const nav: Link[] = [{ href: 'index.html', text: '首页' }, { href: 'xwdt/index.html', text: '新闻动态' }, { href: 'xxgk/index.html', text: '信息公开' }, { href: 'hdjl/index.html', text: '互动交流' }];
    const page = (title: string, main: string, breadcrumb?: (Link | string)[]) => shell({ title: `${title}_${SITE}`, siteName: SITE, nav, head, homeHref: 'index.html', breadcrumb, main });
    const home = shell({ title: SITE, siteName: SITE, nav, head, main: '<div class="home"><h2>环境要闻</h2><p>市生态环境局部署2024年大气污染防治工作。</p></div>' });
    www.html('/', home);
    www.html('/index.html', home);
    plainPages((p, h) => www.html(p, h), SITE, nav, [{ path: '/xwdt/index.html', title: '新闻动态' }, { path: '/hdjl/index.html', title: '互动交流' }, { path: '/xxgk/zfxxgkzn/index.html', title: '政府信息公开指南' }, { path: '/xxgk/fdzdgknr/index.html', title: '法定主动公开内容' }], { head, homeHref: 'index.html' });
    const xxgk = { href: 'xxgk/index.html', text: '信息公开' };
    const column = { href: 'xxgk/zfxxgknb/index.html', text: '政府信息公开年报' };
    www.html('/xxgk/index.html', page('信息公开', columnIndex([
      { href: 'xxgk/zfxxgkzn/index.html', text: '政府信息公开指南' }, { href: 'xxgk/fdzdgknr/index.html', text: '法定主动公开内容' }, column,
    ]), [xxgk.text]));

    // The year picker: three ways of writing the option URL.
    const optionValue = (y: number) => (y === 2023 ? `xxgk/zfxxgknb/${y}/index.html` : y === 2022 ? `/xxgk/zfxxgknb/${y}/index.html` : www.url(`/xxgk/zfxxgknb/${y}/index.html`));
    const picker = (selected?: number) => `<div class="nb-year">年度：<select name="nb_year" id="nb_year" onchange="location.href=this.value">
<option value="">--请选择年度--</option>
${YEARS.map((y) => `<option value="${optionValue(y)}"${y === selected ? ' selected="selected"' : ''}>${y}年度</option>`).join('\n')}
</select></div>`;
    const columnHtml = page('政府信息公开年报', `<div class="nb-box"><h2>政府信息公开年报</h2>\n${picker()}\n<p class="nb-tip">请选择年度查看本局及下属分局政府信息公开工作年度报告。</p></div>`, [xxgk, column.text]);
    www.html('/xxgk/zfxxgknb/', columnHtml);
    www.html('/xxgk/zfxxgknb/index.html', columnHtml);

    const report = (agency: string, year: number, date: string, extra: Partial<ReportEntry> = {}): ReportEntry => {
      const title = `${agency}${year}年政府信息公开工作年度报告`;
      return { kind: 'report', agency, year, title, date, body: 'tables', record: generated(`fenggang-${agency}-${year}`, { agency, year, title }), ...extra };
    };
    const misses = nearMissTitles(SITE, '枫港市', 2023);
    const byYear = new Map<number, Entry[]>([
      [2023, [
        report(SITE, 2023, '2024-01-15'),
        report('枫港市生态环境局北湖分局', 2023, '2024-01-18'),
        report('枫港市生态环境局西塘分局', 2023, '2024-01-22'),
        { kind: 'near', miss: misses.find((m) => m.kind === 'rule-of-law')!, date: '2024-02-20', publisher: SITE, year: 2023 },
      ]],
      [2022, [report(SITE, 2022, '2023-01-16', { style: 'word' }), report('枫港市生态环境局北湖分局', 2022, '2023-01-19')]],
      [2021, [report(SITE, 2021, '2022-01-14')]],
    ]);
    let serial = 88230;
    for (const y of YEARS) {
      const dir = `/xxgk/zfxxgknb/${y}/`;
      const yearCrumbs = [xxgk, column, `${y}年度`];
      const layout: Layout = {
        host: www,
        detailPath: (e, i) => `${dir}${yyyymm(e.date)}/${trsName(e.date, serial + i)}`,
        attachmentPath: () => {
          throw new Error('fenggang-select: no attachments (a base-relative attachment link would need its own path)');
        },
        href: (p) => p.slice(1),
        article: { siteName: SITE, nav, head, homeHref: 'index.html', breadcrumb: [xxgk, column, { href: `xxgk/zfxxgknb/${y}/index.html`, text: `${y}年度` }], columnName: '政府信息公开年报', metaStyle: 'trs', bodyStyle: 'trs' },
        indexPrefix: '11440500MB2C61847D',
        siteName: SITE,
      };
      const entries = byYear.get(y)!;
      // The interpretation links the bureau's 2023 report (the year's first entry), base-relative.
      if (y === 2023) entries.push({ kind: 'near', miss: { kind: 'interpretation', title: `图解：${SITE}2023年政府信息公开工作年度报告` }, date: '2024-01-16', publisher: SITE, year: 2023, reportHref: layout.detailPath(entries[0]!, 0).slice(1) });
      const items = publishEntries(b, layout, entries).sort((x, c) => c.date.localeCompare(x.date));
      serial += 100;
      const html = page(`${y}年度`, `<div class="nb-box"><h2>政府信息公开年报 · ${y}年度</h2>\n${picker(y)}\n${listHtml(items)}</div>`, yearCrumbs);
      www.html(dir, html);
      www.html(`${dir}index.html`, html);
    }

    return {
      id: selectSite.id, agency: SITE, region: '广东省枫港市', level: 'department', archetype: 'unseen-select',
      description: `department site: <base href> on every page with base-relative links; year sub-columns reached only through <select onchange="location.href=this.value"> options (base-relative, absolute-path and full URLs)`,
      startUrls: [www.url('/')],
      allowedHosts: [www.host],
      agencies: [{ name: SITE, level: 'department' }, { name: '枫港市生态环境局北湖分局', level: 'department' }, { name: '枫港市生态环境局西塘分局', level: 'department' }],
      expectedYears: [2021, 2022, 2023],
    };
  },
};
