/**
 * Unseen site 4, a county portal on a JSP CMS whose attachments sit behind download endpoints
 * (榆台县人民政府, `yutai-download`).
 *
 * Route: `/` → 政务公开 `/zwgk/` (link text) → 政府信息公开年度报告 `/zwgk/ndbg/list.jsp?channelId=85`
 * (link text). The list shows 5 a page; page 2 comes only from a POST of one of the pager's static
 * forms (no script): `<form method="post" action="list.jsp?channelId=85">` with hidden
 * `channelId=85` and `pageNo=2` and a submit button 下一页 (or 尾页; on page 2: 首页 / 上一页 with
 * `pageNo=1`), plus a jump form with a text field `pageNo` and a submit 跳转. The server reads `pageNo`
 * from the POST body only: `GET list.jsp?channelId=85&pageNo=2` answers page 1.
 * Details `/zwgk/ndbg/content.jsp?id=N` (static; list links are relative `content.jsp?id=N`).
 *
 * Attachments, all `Content-Type: application/octet-stream`, the format only in the bytes:
 * - `/common/download.jsp?id=<32hex>` with `Content-Disposition: attachment; filename*=UTF-8''%E6%A6%86…pdf` (RFC 5987);
 * - `/common/download.jsp?id=<32hex>` with `attachment;filename="<raw GBK bytes>.docx"`;
 * - `/attach/download/<16hex>` (no extension in the URL) with `attachment;filename="%E6%A6%86….doc"`
 *   (URLEncoder, percent-encoded UTF-8 inside a plain filename);
 * - `/attach/download/<16hex>` with raw GBK bytes naming the file without any extension (a PDF).
 * Those reports' detail pages have a one-line body plus the attachment.
 *
 * A perfect crawl finds 7 reports: the county's 2023 (PDF), 2022 and 2021 (HTML), 住房和城乡建设局
 * 2023 (DOCX), 自然资源局 2022 (DOC), 水务局 2023 (PDF) and 2022 (HTML). Near misses:
 * 法治政府建设年度报告, the notice printing the report template with empty cells.
 */
import type { HandlerContext, StaticResource } from '../host.ts';
import { utf8 } from '../host.ts';
import { columnIndex, DECOY_COLUMNS, esc, listItem, shell, type Link, type ListItem } from '../page.ts';
import { publishEntries, type Attachment, type Entry, type Layout, type ReportEntry } from '../publish.ts';
import { generated, generatedGolden, type SiteBuild, type SiteDefinition } from '../site-build.ts';
import { generatedBytes } from '../generated-docs.ts';
import { siteFiles, dispositionGbkRaw, dispositionRfc5987, dispositionUrlEncoded, plainPages } from './common.ts';

const SITE = '榆台县人民政府';
const CHANNEL = 85;
const PAGE_SIZE = 5;

/** The pager's forms: one per button, each posting its page number; and the jump form. */
function pagerForms(n: number, pages: number, total: number): string {
  const form = (pageNo: number, label: string) => `<form method="post" action="list.jsp?channelId=${CHANNEL}" class="page-form"><input type="hidden" name="channelId" value="${CHANNEL}"><input type="hidden" name="pageNo" value="${pageNo}"><input type="submit" value="${label}" class="page-btn"></form>`;
  const buttons = [
    ...(n > 1 ? [form(1, '首页'), form(n - 1, '上一页')] : []),
    ...(n < pages ? [form(n + 1, '下一页'), form(pages, '尾页')] : []),
  ];
  const jump = `<form method="post" action="list.jsp?channelId=${CHANNEL}" class="page-form">转到第<input type="text" name="pageNo" value="${n}" size="2">页<input type="hidden" name="channelId" value="${CHANNEL}"><input type="submit" value="跳转" class="page-btn"></form>`;
  return `<div class="pagebar"><span>共${total}条记录 当前第${n}/${pages}页</span>\n${buttons.join('\n')}\n${jump}</div>`;
}

export const downloadSite: SiteDefinition = {
  id: 'yutai-download',
  hosts: ['www'],
  build(b: SiteBuild) {
    const www = b.host('www');
    siteFiles(www);
    const nav: Link[] = [{ href: '/index.html', text: '首页' }, { href: '/zwgk/', text: '政务公开' }, { href: '/bsfw/', text: '办事服务' }, { href: '/gzcy/', text: '公众参与' }];
    const home = shell({ title: SITE, siteName: SITE, nav, main: '<div class="home"><h2>今日榆台</h2><p>县委常委会召开会议传达学习全国两会精神。</p></div>' });
    www.html('/', home);
    www.html('/index.html', home);
    plainPages((p, h) => www.html(p, h), SITE, nav, [{ path: '/bsfw/', title: '办事服务' }, { path: '/gzcy/', title: '公众参与' }, ...DECOY_COLUMNS.map((c) => ({ path: `/zwgk/${c.slug}/`, title: c.text }))]);
    const listUrl = `/zwgk/ndbg/list.jsp?channelId=${CHANNEL}`;
    www.html('/zwgk/', shell({ title: `政务公开_${SITE}`, siteName: SITE, nav, breadcrumb: ['政务公开'], main: columnIndex([...DECOY_COLUMNS.map((c) => ({ href: `/zwgk/${c.slug}/`, text: c.text })), { href: listUrl, text: '政府信息公开年度报告' }]) }));

    const crumbs = [{ href: '/zwgk/', text: '政务公开' }, { href: listUrl, text: '政府信息公开年度报告' }];
    const idOf = (i: number) => 3301 + i * 7;
    const fileOf = new Map<Entry, string>();
    const layout: Layout = {
      host: www,
      detailPath: (_e, i) => `/zwgk/ndbg/content.jsp?id=${idOf(i)}`,
      attachmentPath: (e) => fileOf.get(e)!,
      href: (p) => p.slice('/zwgk/ndbg/'.length),
      article: { siteName: SITE, nav, breadcrumb: crumbs, columnName: '政府信息公开年度报告', metaStyle: 'jcms', bodyStyle: 'zoom' },
      indexPrefix: '11610826MB1937550C',
      siteName: SITE,
    };
    const report = (agency: string, year: number, date: string, extra: Partial<ReportEntry> = {}): ReportEntry => {
      const title = `${agency}${year}年政府信息公开工作年度报告`;
      return { kind: 'report', agency, year, title, date, body: 'tables', record: generated(`yutai-${agency}-${year}`, { agency, year, title }, agency === SITE ? 'large' : 'small'), ...extra };
    };
    /** A report whose detail page is one line plus a generated document behind a download endpoint. */
    const downloaded = (name: string, date: string, path: string, linkText: string, disposition: string, fileName: string): ReportEntry => {
      const golden = generatedGolden(name);
      const attachment: Attachment = { bytes: generatedBytes(name), ext: golden.record.source.format as Attachment['ext'], name: linkText, style: 'a', download: { disposition, fileName } };
      const entry: ReportEntry = { ...report(golden.record.agency, golden.record.year, date), body: 'short', ...golden, attachments: [attachment] };
      fileOf.set(entry, path);
      return entry;
    };
    const gov2023 = `${SITE}2023年政府信息公开工作年度报告.pdf`;
    const zjj2023 = '榆台县住房和城乡建设局2023年政府信息公开工作年度报告.docx';
    const zrzy2022 = '榆台县自然资源局2022年政府信息公开工作年度报告.doc';
    const slj2023 = '榆台县水务局2023年年报';
    const entries: Entry[] = [
      downloaded('yutai-gov-2023', '2024-03-26', '/common/download.jsp?id=8a8a80ab8d3f21c4018d45e6a0b2000f', gov2023, dispositionRfc5987(gov2023), gov2023),
      report(SITE, 2022, '2023-03-28'),
      report(SITE, 2021, '2022-03-29', { style: 'word' }),
      downloaded('yutai-zjj-2023', '2024-01-24', '/common/download.jsp?id=8a8a80ab8d3f21c4018d4c1e2f6a0013', '年度报告（Word版）', dispositionGbkRaw(zjj2023), zjj2023),
      downloaded('yutai-zrzy-2022', '2023-01-20', '/attach/download/5f2c9e7a1b3d4c8e', zrzy2022, dispositionUrlEncoded(zrzy2022), zrzy2022),
      downloaded('yutai-slj-2023', '2024-01-29', '/attach/download/7d41b0c3e9a25f16', '点击下载', dispositionGbkRaw(slj2023), slj2023),
      report('榆台县水务局', 2022, '2023-01-19'),
      { kind: 'near', miss: { kind: 'rule-of-law', title: `${SITE}2023年法治政府建设年度报告` }, date: '2024-02-22', publisher: SITE, year: 2023 },
      { kind: 'near', miss: { kind: 'template-notice', title: '国务院办公厅政府信息与政务公开办公室关于印发《中华人民共和国政府信息公开工作年度报告格式》的通知' }, date: '2021-09-30', publisher: SITE, year: 2021 },
    ];
    const items: ListItem[] = publishEntries(b, layout, entries).sort((x, y) => y.date.localeCompare(x.date));

    const pages = Math.ceil(items.length / PAGE_SIZE);
    const listPage = (n: number) => shell({
      title: `政府信息公开年度报告_${SITE}`, siteName: SITE, nav, breadcrumb: [crumbs[0]!, '政府信息公开年度报告'],
      main: `<div class="list-box"><h2>政府信息公开年度报告</h2>\n<ul class="list">\n${items.slice((n - 1) * PAGE_SIZE, n * PAGE_SIZE).map(listItem).join('\n')}\n</ul>\n${pagerForms(n, pages, items.length)}</div>`,
    });
    const first: StaticResource = { body: utf8(listPage(1)), contentType: 'text/html; charset=utf-8' };
    const empty: StaticResource = { body: utf8(shell({ title: `栏目不存在_${SITE}`, siteName: SITE, nav, main: `<p>${esc('栏目不存在或已删除。')}</p>` })), contentType: 'text/html; charset=utf-8', status: 404 };
    www.on('/zwgk/ndbg/list.jsp', ({ req, res, url, body, send }: HandlerContext) => {
      const form = req.method === 'POST' ? new URLSearchParams(body) : new URLSearchParams();
      const channel = Number(form.get('channelId') ?? url.searchParams.get('channelId'));
      if (channel !== CHANNEL) return send(empty);
      if (req.method !== 'POST') return send(first);
      const n = Math.min(pages, Math.max(1, Math.floor(Number(form.get('pageNo'))) || 1));
      const bytes = utf8(listPage(n));
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache', 'Content-Length': String(bytes.byteLength) });
      res.end(bytes);
    });

    return {
      id: downloadSite.id, agency: SITE, region: '陕西省', level: 'county', archetype: 'unseen-download',
      description: 'JSP portal: list paged only by static POST forms (pageNo in the body); attachments behind download.jsp?id= and extension-less /attach/download/<hex> as application/octet-stream with Content-Disposition names (RFC 5987, raw GBK, URL-encoded, no extension)',
      startUrls: [www.url('/')],
      allowedHosts: [www.host],
      agencies: [
        { name: SITE, level: 'county' },
        ...['榆台县住房和城乡建设局', '榆台县自然资源局', '榆台县水务局'].map((name) => ({ name, level: 'department' as const })),
      ],
      expectedYears: [2021, 2022, 2023],
    };
  },
};
