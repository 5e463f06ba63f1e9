/**
 * Archetype A, TRS WCM static county portal (清河县人民政府): `/zwgk/zfxxgknb/index.html` +
 * `index_1.html` … paged by `createPageHTML(n, cur, "index", "html")`, details at
 * `./YYYYMM/tYYYYMMDD_N.html`, attachments `./P0….pdf` beside them. Holds most title variants and
 * near misses, a 404 and a soft-404 in the list, a stalled link, the drip-fed PDF, an oversized
 * scan, a folder URL without `/` (301), a dead column (301 to home), a mirror copy on a foreign
 * host, and the department subdomain `nyj` (flaky: 500 and 429 before 200) listing one report
 * the parent lists too. Phase 2 corrects the county's 2023 report and adds a new one.
 */
import { redirect, utf8, type SampleHost } from '../host.ts';
import { nearMissTitles } from '../near-misses.ts';
import { byDateDesc, columnIndex, DECOY_COLUMNS, shell, type Link } from '../page.ts';
import { CREATE_PAGE_HTML, trsColumn } from './trs-column.ts';
import { publishEntries, type Attachment, type Entry, type Layout, type NearMissEntry, type ReportEntry } from '../publish.ts';
import { fromGolden, generated, generatedGolden, trsName, yyyymm, type SiteBuild, type SiteDefinition } from '../site-build.ts';
import { generatedBytes } from '../generated-docs.ts';

const SITE = '清河县人民政府';
const PLACE = '清河县';
const PER_PAGE = 8;

export const trsSite: SiteDefinition = {
  id: 'qinghe-trs',
  hosts: ['www', 'nyj'],
  foreignHosts: ['mirror'],
  build(b: SiteBuild) {
    const www = b.host('www');
    const nyj = b.host('nyj');
    const mirror = b.host('mirror');
    const nav: Link[] = [
      { href: '/index.html', text: '首页' }, { href: '/xwzx/', text: '新闻中心' },
      // A folder URL without its slash: the server answers 301 to `/zwgk/`.
      { href: '/zwgk', text: '政务公开' }, { href: '/zwfw/', text: '政务服务' }, { href: '/hdjl/', text: '互动交流' },
    ];
    const head = `<script>${CREATE_PAGE_HTML}</script>`;
    const crumbs = [{ href: '/zwgk/', text: '政务公开' }, { href: '/zwgk/zfxxgknb/', text: '政府信息公开年报' }];

    const home = shell({
      title: SITE, siteName: SITE, nav,
      main: `<div class="news"><h2>清河要闻</h2><ul><li><a href="/xwzx/202401/t20240110_4410001.html">县政府召开常务会议</a></li></ul></div>
<div class="links"><h2>部门网站</h2><ul><li><a href="${nyj.url('/')}">清河县农业农村局</a></li></ul></div>`,
    });
    www.html('/', home);
    www.html('/index.html', home);
    www.put('/zwgk', redirect('/zwgk/'));
    www.put('/robots.txt', { body: utf8('User-agent: *\nDisallow: /search/\n'), contentType: 'text/plain' });
    const columns: Link[] = [
      ...DECOY_COLUMNS.map((c) => ({ href: `./${c.slug}/`, text: c.text })),
      { href: './zfxxgknb/', text: '政府信息公开年报' },
      { href: './ndbg/', text: '历年年度报告（旧版）' },
      { href: './bmxxgk/', text: '部门信息公开' },
    ];
    const zwgk = shell({ title: `政务公开_${SITE}`, siteName: SITE, nav, breadcrumb: ['政务公开'], main: columnIndex(columns) });
    www.html('/zwgk/', zwgk);
    www.html('/zwgk/index.html', zwgk);
    // A dead column: the CMS moved it and now sends every visitor to the home page.
    www.put('/zwgk/ndbg/', redirect('/'));
    for (const c of DECOY_COLUMNS) {
      www.html(`/zwgk/${c.slug}/`, shell({ title: c.text, siteName: SITE, nav, breadcrumb: [{ href: '/zwgk/', text: '政务公开' }, c.text], main: `<div class="content"><h2>${c.text}</h2><p>${PLACE}${c.text}（2023年修订）。</p></div>` }));
    }
    www.html('/zwgk/bmxxgk/', shell({ title: '部门信息公开', siteName: SITE, nav, breadcrumb: [{ href: '/zwgk/', text: '政务公开' }, '部门信息公开'], main: `<ul><li><a href="${nyj.url('/')}">清河县农业农村局</a></li></ul>` }));

    const layout: Layout = {
      host: www,
      detailPath: (e, i) => `/zwgk/zfxxgknb/${yyyymm(e.date)}/${trsName(e.date, 4417000 + i * 37)}`,
      attachmentPath: (e, i, n, ext) => `/zwgk/zfxxgknb/${yyyymm(e.date)}/P0${e.date.replace(/-/g, '')}${String(556677889900 + i * 1000 + n).padStart(15, '0')}.${ext}`,
      href: (p) => `.${p.slice('/zwgk/zfxxgknb'.length)}`,
      article: { siteName: SITE, nav, breadcrumb: crumbs, columnName: '政府信息公开年报', metaStyle: 'trs', bodyStyle: 'trs', head },
      indexPrefix: '11130523MB0123456X',
      siteName: SITE,
    };

    const county = (year: number, date: string, seed = `qinghe-gov-${year}`, title = `${SITE}${year}年政府信息公开工作年度报告`): Entry => ({
      kind: 'report', agency: SITE, year, title, date, body: 'tables', record: generated(seed, { agency: SITE, year, title }, 'large'),
    });
    const nyjDoc = generatedGolden('qinghe-nyj-2023');
    const nyjPdf = { bytes: generatedBytes('qinghe-nyj-2023'), ext: 'pdf' as const, name: '清河县农业农村局2023年年报.pdf', style: 'a' as const };
    const nyjCopyPath = '/zfxxgk/zfxxgknb/202401/t20240118_998.html';
    const misses = nearMissTitles(SITE, PLACE, 2023);
    const miss = (kind: string) => misses.find((m) => m.kind === kind)!;
    const seed000 = (t: string) => fromGolden('000_3e089bbee027005d', { agency: '清河县水利局', year: 2023, title: t });
    const seed004 = (t: string) => fromGolden('004_e6ee48d9f5f3b505', { agency: '清河县财政局', year: 2023, title: t });
    const seed003 = fromGolden('003_de27d4d4802e9364', { agency: '清河县教育局', year: 2022, title: '政府信息公开工作年度报告' });
    const big = new Uint8Array(b.opts.maxDocumentBytes + 1024 * 1024);
    big.set(utf8('%PDF-1.4\n% oversized scan\n'));

    const entries: Entry[] = [
      county(2023, '2024-03-28'),
      { kind: 'report', agency: '清河县农业农村局', year: 2023, title: '清河县农业农村局2023年政府信息公开工作年度报告', date: '2024-01-18', body: 'short', ...nyjDoc, attachments: [nyjPdf], alternateUrls: [nyj.url(nyjCopyPath)] },
      { kind: 'report', agency: '清河县水利局', year: 2023, title: '二〇二三年清河县水利局政府信息公开工作年度报告', date: '2024-01-22', body: 'tables', ...seed000('二〇二三年清河县水利局政府信息公开工作年度报告') },
      { kind: 'report', agency: '清河县财政局', year: 2023, title: '清河县财政局２０２３年政府信息公开工作年度报告', date: '2024-01-25', body: 'tables', style: 'word', ...seed004('清河县财政局２０２３年政府信息公开工作年度报告') },
      { kind: 'report', agency: '清河县民政局', year: 2023, title: '清河县民政局2023年政府信息公开工作年度报告（全文）', date: '2024-01-26', body: 'short', ...generatedGolden('qinghe-mzj-2023'), attachments: [{ bytes: generatedBytes('qinghe-mzj-2023'), ext: 'docx', name: '清河县民政局2023年政府信息公开工作年度报告.docx', style: 'a' }] },
      { kind: 'report', agency: '清河县自然资源和规划局', year: 2023, title: '清河县自然资源和规划局2023年政府信息公开工作年度报告', date: '2024-01-29', body: 'none', ...generatedGolden('qinghe-zrzy-2023'), attachments: [{ bytes: generatedBytes('qinghe-zrzy-2023'), ext: 'pdf', name: '清河县自然资源和规划局2023年政府信息公开工作年度报告.pdf', style: 'pdfjs' }] },
      { kind: 'report', agency: '清河县发展和改革局', year: 2023, title: '清河县发展和改革局\n2023年政府信息公开工作年度报告', date: '2024-01-30', body: 'none', ...generatedGolden('qinghe-fgj-2023'), attachments: [{ bytes: generatedBytes('qinghe-fgj-2023'), ext: 'pdf', name: '年报.pdf', style: 'iframe', drip: true }] },
      { kind: 'report', agency: '清河县行政审批局', year: 2023, title: '清河县行政审批局2023年政府信息公开工作年度报告', date: '2024-01-31', body: 'tables', record: generated('qinghe-xzsp-2023', { agency: '清河县行政审批局', year: 2023, title: '清河县行政审批局2023年政府信息公开工作年度报告' }), attachments: [{ bytes: big, ext: 'pdf', name: '清河县行政审批局2023年年报（扫描版）.pdf', style: 'a', extra: true }] },
      { kind: 'near', miss: miss('notice'), date: '2023-12-20', publisher: SITE, year: 2023 },
      { kind: 'near', miss: miss('website-report'), date: '2024-01-15', publisher: SITE, year: 2023 },
      { kind: 'near', miss: miss('summary'), date: '2024-01-10', publisher: SITE, year: 2023 },
      { kind: 'near', miss: miss('rule-of-law'), date: '2024-02-20', publisher: SITE, year: 2023 },
      county(2022, '2023-03-20'),
      { kind: 'near', miss: { kind: 'interpretation', title: `图解：${SITE}2022年政府信息公开工作年度报告` }, date: '2023-03-21', publisher: SITE, year: 2022 },
      // A bare title: the agency is only in 发布机构 and the breadcrumb, the year only in the body (the URL says 2023).
      { kind: 'report', agency: '清河县教育局', year: 2022, title: '政府信息公开工作年度报告', publisher: '清河县教育局', date: '2023-01-20', body: 'tables', ...seed003, crumbs: [{ href: '/zwgk/', text: '政务公开' }, '部门', '清河县教育局', { href: '/zwgk/zfxxgknb/', text: '政府信息公开年报' }] },
      { kind: 'report', agency: '清河县住房和城乡建设局', year: 2023, title: '二○二三年清河县住房和城乡建设局政府信息公开年报', date: '2024-01-24', body: 'tables', record: generated('qinghe-zjj-2023', { agency: '清河县住房和城乡建设局', year: 2023, title: '二○二三年清河县住房和城乡建设局政府信息公开年报' }) },
      { kind: '404', title: '清河县卫生健康局2022年政府信息公开工作年度报告', date: '2023-01-28' },
      { kind: 'soft-404', title: '清河县市场监督管理局2022年政府信息公开工作年度报告', date: '2023-01-29' },
      { kind: 'stall', title: `${SITE}2020年政府信息公开工作年度报告`, date: '2021-03-30' },
      county(2021, '2022-03-25'),
    ];
    const interpretation = entries.find((e) => e.kind === 'near' && e.miss.kind === 'interpretation') as NearMissEntry;
    const gov2022 = entries.findIndex((e) => e.kind === 'report' && e.agency === SITE && e.year === 2022);
    interpretation.reportHref = layout.detailPath(entries[gov2022]!, gov2022);
    if (b.phase === 2) {
      // The county re-publishes its 2023 report with corrected figures; the original stays listed.
      // New entries go last so every page published in phase 1 keeps its URL.
      const title = `${SITE}2023年政府信息公开工作年度报告（更正）`;
      (entries[0] as ReportEntry).current = false;
      entries.push(
        { ...(county(2023, '2024-04-15', 'qinghe-gov-2023-corrected', title) as ReportEntry), version: 2 },
        { kind: 'report', agency: '清河县退役军人事务局', year: 2023, title: '清河县退役军人事务局2023年政府信息公开工作年度报告', date: '2024-04-20', body: 'tables', record: generated('qinghe-tyjr-2023', { agency: '清河县退役军人事务局', year: 2023, title: '清河县退役军人事务局2023年政府信息公开工作年度报告' }) },
      );
    }
    const items = byDateDesc(publishEntries(b, layout, entries));
    // The column links a copy of the 2022 report on a mirror host outside the site.
    const mirrorPath = '/gov/qinghe/2022/t20230320.html';
    mirror.html(mirrorPath, `<html><head><meta charset="utf-8"><title>${SITE}2022年政府信息公开工作年度报告</title></head><body><h1>${SITE}2022年政府信息公开工作年度报告</h1><p>转载</p></body></html>`);
    b.traps.forbiddenUrls.push(mirror.url(mirrorPath));
    trsColumn(www, '/zwgk/zfxxgknb/', items, PER_PAGE, (list, pager) => shell({
      title: `政府信息公开年报_${SITE}`, siteName: SITE, nav, head, breadcrumb: crumbs,
      main: `<div class="list-box"><h2>政府信息公开年报</h2>\n${list}\n${pager}</div>\n<div class="related">相关链接：<a href="${mirror.url(mirrorPath)}">${SITE}2022年政府信息公开工作年度报告（转载）</a></div>`,
    }));

    buildNyj(b, nyj, nyjPdf, nyjDoc, nyjCopyPath, www.url(layout.detailPath(entries[1]!, 1)), layout);

    return {
      id: trsSite.id, agency: SITE, region: '河北省邢台市', level: 'county', archetype: 'A-trs',
      description: 'TRS static county portal: createPageHTML pagination, title variants, near misses, 404/soft-404/stall links, drip-fed and oversized PDFs, mirror copy; department subdomain nyj is flaky',
      startUrls: [www.url('/'), nyj.url('/')],
      allowedHosts: [www.host, nyj.host],
      agencies: [
        { name: SITE, level: 'county' },
        ...['清河县农业农村局', '清河县水利局', '清河县住房和城乡建设局', '清河县财政局', '清河县民政局', '清河县自然资源和规划局', '清河县发展和改革局', '清河县行政审批局', '清河县教育局', '清河县卫生健康局', '清河县市场监督管理局', '清河县退役军人事务局']
          .map((name) => ({ name, level: 'department' as const })),
      ],
      expectedYears: [2021, 2022, 2023],
    };
  },
};

/** The 农业农村局 subdomain: its own column (2021–2023), flaky on its list and first detail page. */
function buildNyj(b: SiteBuild, nyj: SampleHost, pdf: Attachment, doc: ReturnType<typeof generatedGolden>, copyPath: string, canonical: string, parent: Layout): void {
  const SITE_NYJ = '清河县农业农村局';
  const nav: Link[] = [{ href: '/', text: '首页' }, { href: '/zfxxgk/', text: '政府信息公开' }];
  const crumbs = [{ href: '/zfxxgk/', text: '政府信息公开' }, { href: '/zfxxgk/zfxxgknb/', text: '政府信息公开年报' }];
  nyj.html('/', shell({ title: SITE_NYJ, siteName: SITE_NYJ, nav, main: '<p><a href="/zfxxgk/">政府信息公开</a></p>' }));
  nyj.html('/zfxxgk/', shell({ title: '政府信息公开', siteName: SITE_NYJ, nav, breadcrumb: ['政府信息公开'], main: columnIndex([{ href: '/zfxxgk/zfxxgkzn/', text: '政府信息公开指南' }, { href: '/zfxxgk/zfxxgknb/', text: '政府信息公开年报' }]) }));
  const layout: Layout = {
    ...parent,
    host: nyj,
    detailPath: (e, i) => (i === 0 ? copyPath : `/zfxxgk/zfxxgknb/${yyyymm(e.date)}/${trsName(e.date, 998 + i)}`),
    attachmentPath: (e, i, n, ext) => `/zfxxgk/zfxxgknb/${yyyymm(e.date)}/P0${e.date.replace(/-/g, '')}${String(77 + i * 10 + n).padStart(15, '0')}.${ext}`,
    href: (p) => `.${p.slice('/zfxxgk/zfxxgknb'.length)}`,
    article: { ...parent.article, siteName: SITE_NYJ, nav, breadcrumb: crumbs },
    siteName: SITE_NYJ,
  };
  const t = (y: number) => `${SITE_NYJ}${y}年政府信息公开工作年度报告`;
  const items = publishEntries(b, layout, [
    { kind: 'report', agency: SITE_NYJ, year: 2023, title: t(2023), date: '2024-01-18', body: 'short', ...doc, attachments: [pdf], copyOf: canonical },
    { kind: 'report', agency: SITE_NYJ, year: 2022, title: `2022年${SITE_NYJ}政府信息公开工作年度报告`, date: '2023-01-16', body: 'tables', record: generated('qinghe-nyj-2022', { agency: SITE_NYJ, year: 2022, title: t(2022) }) },
    { kind: 'report', agency: SITE_NYJ, year: 2021, title: t(2021), date: '2022-01-14', body: 'tables', style: 'word', record: generated('qinghe-nyj-2021', { agency: SITE_NYJ, year: 2021, title: t(2021) }) },
  ]);
  trsColumn(nyj, '/zfxxgk/zfxxgknb/', items, PER_PAGE, (list, pager) => shell({ title: `政府信息公开年报_${SITE_NYJ}`, siteName: SITE_NYJ, nav, head: parent.article.head, breadcrumb: crumbs, main: `${list}\n${pager}` }));
  if (b.opts.faults) {
    nyj.fault('/zfxxgk/zfxxgknb/index.html', { status: 500, failures: 2 });
    nyj.fault('/zfxxgk/zfxxgknb/', { status: 500, failures: 2 });
    nyj.fault(copyPath, { status: 429, failures: 1, retryAfterSeconds: 1 });
    b.traps.flaky.push(
      { url: nyj.url('/zfxxgk/zfxxgknb/'), status: 500, failures: 2 },
      { url: nyj.url('/zfxxgk/zfxxgknb/index.html'), status: 500, failures: 2 },
      { url: nyj.url(copyPath), status: 429, failures: 1 },
    );
  }
}
