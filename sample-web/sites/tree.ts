/**
 * Archetype F, a city portal hosting every unit's reports in one column tree (淮安市人民政府):
 * a publication-year tree (`/wzxxgknb/2024/` holds the 2023 reports, `/wzxxgknb/2025/` the 2024
 * ones) with sub-columns by kind of unit (`bm/` 部门, `xq/` 县区), a report-year tree by unit
 * (`/xxgknb/nbzl/bm_33093/hasgaj/2023n/`), and a 「2023年度政府信息公开年报汇总」 page linking
 * direct PDFs named by unit code (`qjp.pdf`, `hzq.pdf`). The district's own subdomain `hzq`
 * publishes the real 洪泽区 reports (corpus PDFs: `<embed>` and `window.open`), one of them also
 * linked from the 汇总 page.
 */
import { corpusPath, generatedBytes } from '../generated-docs.ts';
import { readFileSync } from 'node:fs';
import { byDateDesc, columnIndex, DECOY_COLUMNS, esc, listHtml, shell, type Link } from '../page.ts';
import { publishEntries, type Entry, type Layout, type ReportEntry } from '../publish.ts';
import { corpusGolden, generated, generatedGolden, trsName, yyyymm, type SiteBuild, type SiteDefinition } from '../site-build.ts';

const SITE = '淮安市人民政府';
const NB = '/zwgk/zfxxgk/wzxxgknb';
const NBZL = '/zwgk/zfxxgk/xxgknb/nbzl';

export const treeSite: SiteDefinition = {
  id: 'huaian-tree',
  hosts: ['www', 'hzq'],
  build(b: SiteBuild) {
    const www = b.host('www');
    const hzq = b.host('hzq');
    const nav: Link[] = [{ href: '/', text: '首页' }, { href: '/zwgk/zfxxgk/', text: '政务公开' }, { href: '/hdjl/', text: '互动交流' }];
    const page = (title: string, main: string, crumbs: (Link | string)[]) => shell({ title: `${title}_${SITE}`, siteName: SITE, nav, breadcrumb: crumbs, main });
    const c0 = { href: '/zwgk/zfxxgk/', text: '政务公开' };
    const c1 = { href: `${NB}/`, text: '政府信息公开年报' };
    www.html('/', shell({ title: SITE, siteName: SITE, nav, main: `<ul><li><a href="/zwgk/zfxxgk/">政府信息公开</a></li><li><a href="${hzq.url('/')}">洪泽区人民政府</a></li></ul>` }));
    www.html('/zwgk/zfxxgk/', page('政务公开', columnIndex([
      ...DECOY_COLUMNS.map((c) => ({ href: `/zwgk/zfxxgk/${c.slug}/`, text: c.text })),
      { href: `${NB}/`, text: '政府信息公开年报' }, { href: `${NBZL}/`, text: '年报总览（按单位）' },
    ]), ['政务公开']));
    for (const c of DECOY_COLUMNS) www.html(`/zwgk/zfxxgk/${c.slug}/`, page(c.text, `<p>${c.text}</p>`, [c0, c.text]));
    // Publication-year folders: "2024" holds the reports on 2023.
    www.html(`${NB}/`, page('政府信息公开年报', columnIndex([{ href: './2025/', text: '2025' }, { href: './2024/', text: '2024' }]), [c0, '政府信息公开年报']));

    const layout = (dir: string, crumbs: (Link | string)[], serial: number): Layout => ({
      host: www,
      detailPath: (e, i) => `${dir}${yyyymm(e.date)}/${trsName(e.date, serial + i)}`,
      attachmentPath: (e, i, n, ext) => `${dir}${yyyymm(e.date)}/P0${e.date.replace(/-/g, '')}${String(serial + i * 10 + n).padStart(15, '0')}.${ext}`,
      href: (p) => `.${p.slice(dir.length - 1)}`,
      article: { siteName: SITE, nav, breadcrumb: crumbs, columnName: '政府信息公开年报', metaStyle: 'trs', bodyStyle: 'trs' },
      indexPrefix: '11320800014153411E',
      siteName: SITE,
    });
    const report = (agency: string, year: number, date: string, extra: Partial<ReportEntry> = {}): ReportEntry => {
      const title = `${agency}${year}年政府信息公开工作年度报告`;
      return { kind: 'report', agency, year, title, date, body: 'tables', record: generated(`huaian-${agency}-${year}`, { agency, year, title }, agency === SITE ? 'large' : 'small'), ...extra };
    };

    // 2024/: the city's 2023 report, the 汇总 page, and the departments' sub-column.
    const y2024 = publishEntries(b, layout(`${NB}/2024/`, [c0, c1, '2024'], 5100), [report(SITE, 2023, '2024-03-26')]);
    const bm2024 = publishEntries(b, layout(`${NB}/2024/bm/`, [c0, c1, '2024', '部门'], 5200), [
      report('淮安市财政局', 2023, '2024-01-30'),
      report('淮安市生态环境局', 2023, '2024-02-06', { style: 'word' }),
      { kind: 'near', miss: { kind: 'summary', title: '淮安市生态环境局2023年政府信息公开工作总结' }, date: '2024-01-08', publisher: '淮安市生态环境局', year: 2023 },
    ]);
    www.html(`${NB}/2024/bm/`, page('部门', listHtml(byDateDesc(bm2024)), [c0, c1, '2024', '部门']));

    const hz = [
      { unit: '清江浦区', file: 'qjp.pdf', bytes: generatedBytes('huaian-qjp-2023'), ...generatedGolden('huaian-qjp-2023') },
      { unit: '洪泽区', file: 'hzq.pdf', bytes: new Uint8Array(readFileSync(corpusPath('hongze-2023.pdf'))), ...corpusGolden('hongze-2023') },
    ];
    const hzRows = hz.map((h) => `<tr><td>${esc(h.unit)}</td><td><a href="./${h.file}">${esc(h.unit)}</a></td></tr>`).join('');
    www.html(`${NB}/2024/hz.html`, page('2023年度政府信息公开年报汇总', `<h2>2023年度政府信息公开年报汇总</h2><table class="hz"><tr><th>单位</th><th>年报</th></tr>${hzRows}</table>`, [c0, c1, '2024', '年报汇总']));
    for (const h of hz) www.put(`${NB}/2024/${h.file}`, { body: h.bytes, contentType: 'application/pdf' });
    const qjp = hz[0]!;
    const qjpUrl = www.url(`${NB}/2024/${qjp.file}`);
    b.expect({ agency: qjp.record.agency, year: 2023, title: qjp.record.title, detailUrl: qjpUrl, documentUrls: [qjpUrl], published: '2024-02-28', record: qjp.record, golden: qjp.golden });

    www.html(`${NB}/2024/`, page('2024', `${columnIndex([{ href: './bm/', text: '部门' }, { href: './hz.html', text: '2023年度政府信息公开年报汇总' }])}\n${listHtml(y2024)}`, [c0, c1, '2024']));

    // 2025/: the city's 2024 report and the districts' sub-column, which links the subdomain.
    const y2025 = publishEntries(b, layout(`${NB}/2025/`, [c0, c1, '2025'], 5300), [report(SITE, 2024, '2025-03-25')]);
    const hzqList = `${hzq.url('/hzqzf/zfxxgknb/')}`;
    www.html(`${NB}/2025/`, page('2025', `${columnIndex([{ href: './xq/', text: '县区' }])}\n${listHtml(y2025)}`, [c0, c1, '2025']));
    www.html(`${NB}/2025/xq/`, page('县区', `<ul class="list"><li><a href="${hzqList}">洪泽区政府信息公开年报</a></li></ul>`, [c0, c1, '2025', '县区']));

    // The report-year tree by unit: 公安局, one folder per reporting year.
    const unit = `${NBZL}/bm_33093/hasgaj/`;
    www.html(`${NBZL}/`, page('年报总览', columnIndex([{ href: './bm_33093/hasgaj/', text: '淮安市公安局' }]), [c0, '年报总览']));
    const years = [2021, 2022, 2023];
    www.html(unit, page('淮安市公安局', columnIndex(years.map((y) => ({ href: `./${y}n/`, text: `${y}年度` }))), [c0, '年报总览', '淮安市公安局']));
    for (const y of years) {
      const dir = `${unit}${y}n/`;
      const items = publishEntries(b, layout(dir, [c0, '年报总览', '淮安市公安局', `${y}年度`], 5400 + y), [report('淮安市公安局', y, `${y + 1}-01-2${y - 2020}`)]);
      www.html(dir, page(`${y}年度`, listHtml(items), [c0, '年报总览', '淮安市公安局', `${y}年度`]));
    }

    buildHongze(b, hzq, www.url(`${NB}/2024/hzq.pdf`), hz[1]!);

    return {
      id: treeSite.id, agency: SITE, region: '江苏省淮安市', level: 'city', archetype: 'F-tree',
      description: 'city portal hosting all units: publication-year tree (2024/ holds 2023 reports), report-year tree by unit, 汇总 page of direct PDFs named by unit code, district subdomain with the real corpus PDFs (embed, window.open)',
      startUrls: [www.url('/')],
      allowedHosts: [www.host, hzq.host],
      agencies: [
        { name: SITE, level: 'city' },
        { name: '淮安市财政局', level: 'department' }, { name: '淮安市生态环境局', level: 'department' }, { name: '淮安市公安局', level: 'department' },
        { name: '淮安市清江浦区人民政府', level: 'county', expectedYears: [2023] },
        { name: '洪泽区人民政府', level: 'county', expectedYears: [2023] },
        { name: '淮安市洪泽区人民政府', level: 'county', expectedYears: [2024] },
      ],
      expectedYears: [2022, 2023, 2024],
    };
  },
};

/** 洪泽区's own site: the real 2023 (embed) and 2024 (window.open) reports from the corpus. */
function buildHongze(b: SiteBuild, hzq: import('../host.ts').SampleHost, parentPdfUrl: string, h2023: { bytes: Uint8Array; record: ReportEntry['record']; golden: string }): void {
  const SITE_HZ = '淮安市洪泽区人民政府';
  const nav: Link[] = [{ href: '/', text: '首页' }, { href: '/hzqzf/zfxxgknb/', text: '政府信息公开年报' }];
  const crumbs = [{ href: '/hzqzf/zfxxgknb/', text: '政府信息公开年报' }];
  hzq.html('/', shell({ title: SITE_HZ, siteName: SITE_HZ, nav, main: '<p><a href="/hzqzf/zfxxgknb/">政府信息公开年报</a></p>' }));
  const h2024 = corpusGolden('hongze-2024');
  const layout: Layout = {
    host: hzq,
    detailPath: (e, i) => `/hzqzf/zfxxgknb/${yyyymm(e.date)}/${trsName(e.date, 880 + i)}`,
    attachmentPath: (e, i, n, ext) => `/hzqzf/zfxxgknb/${yyyymm(e.date)}/P0${e.date.replace(/-/g, '')}0000000${i}${n}.${ext}`,
    href: (p) => `.${p.slice('/hzqzf/zfxxgknb'.length)}`,
    article: { siteName: SITE_HZ, nav, breadcrumb: crumbs, columnName: '政府信息公开年报', metaStyle: 'trs', bodyStyle: 'trs' },
    indexPrefix: '014153411',
    siteName: SITE_HZ,
  };
  const entries: Entry[] = [
    { kind: 'report', agency: h2024.record.agency, year: 2024, title: h2024.record.title, date: '2025-01-24', body: 'short', ...h2024, attachments: [{ bytes: new Uint8Array(readFileSync(corpusPath('hongze-2024.pdf'))), ext: 'pdf', name: '附件1.pdf', style: 'onclick' }] },
    { kind: 'report', agency: h2023.record.agency, year: 2023, title: h2023.record.title, date: '2024-01-26', body: 'none', record: h2023.record, golden: h2023.golden, attachments: [{ bytes: h2023.bytes, ext: 'pdf', name: '洪泽区2023年年报.pdf', style: 'embed' }], alternateUrls: [parentPdfUrl] },
  ];
  const items = publishEntries(b, layout, entries);
  hzq.html('/hzqzf/zfxxgknb/', shell({ title: `政府信息公开年报_${SITE_HZ}`, siteName: SITE_HZ, nav, breadcrumb: crumbs, main: listHtml(items) }));
}
