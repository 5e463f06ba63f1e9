/**
 * Archetype B, Hanweb 大汉 jcms (平山市人民政府): `/` is a `<meta refresh>` to the home page;
 * columns `/col/colNNN/index.html` whose first page is a `<datastore>` of CDATA records inside a
 * `<script type="text/xml">`; later pages only from a POST to
 * `/module/web/jpage/dataproxy.jsp?startrecord=…&endrecord=…&perpage=…` that answers 403 without
 * a Referer (GET `?page=N` works too; `/module/jpage/…` is a 404). Articles
 * `/art/2024/1/16/art_<col>_<id>.html` (month and day unpadded), attachments through
 * `downfile.jsp` (302 to `/attach/0/<hex>.pdf`). A department column paged server-side as
 * `index.html?uid=…&pageNum=N` lists the same articles again, one under the newer
 * `/col/colNNN/art/2024/art_<32hex>.html` path. Title variants: 繁體, 关于…, 年度, year first,
 * 政府 twice, without 政府, （PDF版）, （修订版）, 政务公开工作年度报告. The cookie `zh_choose_3=t` gets
 * every page in 繁體 (converted by OpenCC); the first request for one report resets the connection.
 */
import { createHash } from 'node:crypto';
import * as OpenCC from 'opencc-js/cn2t';
import { redirect, utf8 } from '../host.ts';
import { nearMissTitles } from '../near-misses.ts';
import { byDateDesc, columnIndex, DECOY_COLUMNS, listItem, shell, type Link, type ListItem } from '../page.ts';
import { publishEntries, type Entry, type Layout, type ReportEntry } from '../publish.ts';
import { fromGolden, generated, generatedGolden, type SiteBuild, type SiteDefinition } from '../site-build.ts';
import { generatedBytes } from '../generated-docs.ts';

const SITE = '平山市人民政府';
const REPORT_COL = 1229512345;
const DEPT_COL = 1229512346;
const PER_PAGE = 15;
const WEBID = 42;
const UNITID = 4012345;

let toTraditional: ((s: string) => string) | undefined;

/** The 简/繁 switch: Hanweb keeps the choice in the cookie `zh_choose_3` ('t' = 繁體) and converts every page. */
const TRADITIONAL_COOKIE = /(?:^|;\s*)zh_choose_3=t(?:;|$)/;

const hex32 = (s: string) => createHash('md5').update(s).digest('hex');

/** `/art/2024/1/16/art_1229512345_3901234.html`: Hanweb does not zero-pad month and day. */
function artPath(date: string, id: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return `/art/${y}/${m}/${d}/art_${REPORT_COL}_${id}.html`;
}

const record = (item: ListItem) => `<record><![CDATA[\n${listItem(item)}\n]]></record>`;

/** The inline datastore of a column's first page (what an HTML parser does not see as links). */
function datastore(items: ListItem[], columnid: number): string {
  const next = `/module/web/jpage/dataproxy.jsp?page=1&webid=${WEBID}&path=/&columnid=${columnid}&unitid=${UNITID}&webname=${encodeURIComponent(SITE)}&permissiontype=0`;
  return `<div id="${UNITID}"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="${next}"></a>]]></nextgroup>
<recordset>
${items.slice(0, PER_PAGE).map(record).join('\n')}
</recordset>
</datastore></script>
<script language="javascript" src="/module/web/jpage/jpage.js" totalRecord="${items.length}" perPage="${PER_PAGE}" unitid="${UNITID}" webid="${WEBID}" path="/" columnid="${columnid}"></script></div>`;
}

export const jcmsSite: SiteDefinition = {
  id: 'pingshan-jcms',
  hosts: ['www'],
  build(b: SiteBuild) {
    const www = b.host('www');
    const nav: Link[] = [{ href: '/index.html', text: '首页' }, { href: `/col/col1229000010/index.html`, text: '政务公开' }, { href: '/col/col1229000020/index.html', text: '政务服务' }];
    const crumbs = [{ href: '/col/col1229000010/index.html', text: '政务公开' }, { href: `/col/col${REPORT_COL}/index.html`, text: '政府信息公开年报' }];
    www.html('/', `<html><head><meta http-equiv="refresh" content="0;url=/index.html"></head><body></body></html>`);
    www.html('/index.html', shell({ title: SITE, siteName: SITE, nav, main: `<div class="zwgk"><a href="/col/col1229000010/index.html">政府信息公开</a></div>` }));
    www.put('/robots.txt', { body: utf8('User-agent: *\nDisallow: /cms/\n'), contentType: 'text/plain' });
    const columns: Link[] = [
      ...DECOY_COLUMNS.map((c, i) => ({ href: `/col/col12290000${30 + i}/index.html`, text: c.text })),
      { href: `/col/col${REPORT_COL}/index.html`, text: '政府信息公开年度报告' },
      { href: `/col/col${DEPT_COL}/index.html?uid=380055&pageNum=1`, text: '部门信息公开年报' },
    ];
    www.html('/col/col1229000010/index.html', shell({ title: `政府信息公开_${SITE}`, siteName: SITE, nav, breadcrumb: ['政府信息公开'], main: columnIndex(columns) }));
    DECOY_COLUMNS.forEach((c, i) => www.html(`/col/col12290000${30 + i}/index.html`, shell({ title: c.text, siteName: SITE, nav, breadcrumb: [c.text], main: `<p>${c.text}</p>` })));

    let serial = 3901234;
    const ids = new Map<Entry, number>();
    const layout: Layout = {
      host: www,
      detailPath: (e) => {
        if (!ids.has(e)) ids.set(e, serial++);
        return artPath(e.date, ids.get(e)!);
      },
      attachmentPath: (e, i, n, ext) => `/attach/0/${hex32(`${e.date}-${i}-${n}`)}.${ext}`,
      attachmentLink: (p) => `/module/download/downfile.jsp?classid=0&filename=${p.slice('/attach/0/'.length)}`,
      href: (p) => p,
      article: { siteName: SITE, nav, breadcrumb: crumbs, columnName: '政府信息公开年报', metaStyle: 'jcms', bodyStyle: 'zoom' },
      indexPrefix: '11330523002681234X',
      siteName: SITE,
    };
    www.setVariant({
      pick: (req, r) => (TRADITIONAL_COOKIE.test(req.headers.cookie ?? '') && (r.contentType ?? '').startsWith('text/html') ? 'zh-hant' : null),
      convert: (bytes) => utf8((toTraditional ??= OpenCC.Converter({ from: 'cn', to: 'tw' }))(new TextDecoder().decode(bytes))),
    });
    www.on('/module/download/downfile.jsp', ({ url, res }) => {
      const file = (url.searchParams.get('filename') ?? '').replace(/[^0-9a-z.]/g, '');
      res.writeHead(302, { Location: `/attach/0/${file}` });
      res.end();
    });

    const report = (agency: string, year: number, title: string, date: string, extra: Partial<ReportEntry> = {}): ReportEntry => ({
      kind: 'report', agency, year, title, date, body: 'tables', record: generated(`pingshan-${agency}-${year}`, { agency, year, title }, agency === SITE ? 'large' : 'small'), ...extra,
    });
    const interpretationPath = artPath('2024-3-30', 3901999);
    const misses = nearMissTitles(SITE, '平山市', 2023);
    const entries: Entry[] = [
      report(SITE, 2023, `${SITE}2023年政府信息公开工作年度报告`, '2024-03-29', { after: `<p class="jiedu"><a href="${interpretationPath}">点击查看解读</a></p>` }),
      report(SITE, 2022, `2022年${SITE}政府信息公开工作年度报告`, '2023-03-30'),
      report(SITE, 2021, `${SITE}2021年政府信息公开工作年度报告`, '2022-03-28'),
      { kind: 'report', agency: '平山市教育局', year: 2023, title: '平山市教育局2023年政府信息公开工作年度报告（PDF版）', date: '2024-01-16', body: 'short', ...generatedGolden('pingshan-jyj-2023'), attachments: [{ bytes: generatedBytes('pingshan-jyj-2023'), ext: 'pdf', name: '平山市教育局2023年政府信息公开工作年度报告.pdf', style: 'a' }] },
      report('平山市公安局', 2023, '平山市公安局2023年政府信息公開工作年度報告', '2024-01-19'),
      report('下河镇', 2023, '2023年下河镇政府信息公开工作年度报告', '2024-01-16'),
      report('平山市经济合作局', 2023, '平山市经济合作局关于2023年政府信息公开工作年度报告', '2024-01-22'),
      report('平山桃园开发区管委会', 2023, '平山桃园开发区管委会2023年信息公开工作年度报告', '2024-01-23'),
      report('太平镇人民政府', 2022, '太平镇人民政府2022年度政府信息公开工作年度报告', '2023-01-18'),
      { ...report('平山市审计局', 2022, '平山市审计局2022年政府信息公开工作年度报告（修订版）', '2023-02-10'), ...fromGolden('001_c779024abbc6666e', { agency: '平山市审计局', year: 2022, title: '平山市审计局2022年政府信息公开工作年度报告（修订版）' }) },
      report('平山市卫生健康委员会', 2023, '平山市卫生健康委员会2023年政务公开工作年度报告', '2024-01-26'),
      report('平山市司法局', 2021, '平山市司法局2021年政府信息公开年度报告', '2022-01-20', { style: 'word' }),
      { kind: 'near', miss: { kind: 'website-report', title: '平山市2023年政务新媒体工作年度报表' }, date: '2024-01-12', publisher: SITE, year: 2023 },
      { kind: 'near', miss: misses.find((m) => m.kind === 'meeting')!, date: '2023-12-05', publisher: SITE, year: 2023 },
      { kind: 'near', miss: misses.find((m) => m.kind === 'final-accounts')!, date: '2024-02-02', publisher: SITE, year: 2023 },
      { kind: 'near', miss: { kind: 'notice', title: '平山市人民政府办公室关于做好2022年政府信息公开工作年度报告编制发布工作的通知' }, date: '2022-12-16', publisher: SITE, year: 2022 },
      report('平山市统计局', 2022, '平山市统计局2022年政府信息公开工作年度报告', '2023-01-12'),
      report('平山市统计局', 2023, '平山市统计局2023年政府信息公开工作年度报告', '2024-01-12'),
    ];
    const items = byDateDesc(publishEntries(b, layout, entries));
    const interp = { kind: 'interpretation' as const, title: `图解：${SITE}2023年政府信息公开工作年度报告` };
    publishEntries(b, { ...layout, detailPath: () => interpretationPath }, [{ kind: 'near', miss: interp, date: '2024-03-30', publisher: SITE, year: 2023, reportHref: layout.detailPath(entries[0]!, 0) }]);

    const columnPage = (inner: string, title = '政府信息公开年度报告') => shell({ title: `${title}_${SITE}`, siteName: SITE, nav, breadcrumb: crumbs, main: `<div class="list-box"><h2>${title}</h2>\n${inner}</div>` });
    www.html(`/col/col${REPORT_COL}/index.html`, columnPage(datastore(items, REPORT_COL)));

    www.on('/module/web/jpage/dataproxy.jsp', ({ url, req, res, body, send }) => {
      const referer = req.headers.referer ?? '';
      if (!referer.includes('/col/col')) {
        // Real jcms answers garbage or nothing without the column page as Referer.
        res.writeHead(403, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end('<html><body>403 Forbidden: 非法请求</body></html>');
        return;
      }
      const form = new URLSearchParams(body);
      const columnid = Number(form.get('columnid') ?? url.searchParams.get('columnid'));
      if (columnid !== REPORT_COL) {
        send({ body: utf8('<?xml version="1.0" encoding="UTF-8"?><datastore><totalrecord>0</totalrecord><totalpage>0</totalpage><recordset></recordset></datastore>'), contentType: 'text/xml; charset=utf-8' });
        return;
      }
      const perpage = Number(url.searchParams.get('perpage') ?? PER_PAGE) || PER_PAGE;
      const page = Number(url.searchParams.get('page') ?? 0);
      const start = page > 0 ? (page - 1) * perpage + 1 : Number(url.searchParams.get('startrecord') ?? 1);
      const end = page > 0 ? start + perpage - 1 : Number(url.searchParams.get('endrecord') ?? start + perpage - 1);
      const slice = items.slice(Math.max(0, start - 1), Math.max(0, end));
      send({
        body: utf8(`<?xml version="1.0" encoding="UTF-8"?><datastore><totalrecord>${items.length}</totalrecord><totalpage>${Math.ceil(items.length / perpage)}</totalpage><recordset>${slice.map(record).join('')}</recordset></datastore>`),
        contentType: 'text/xml; charset=utf-8',
      });
    });

    // The department column: server-side pages, one article under the newer `art_<32hex>` path.
    const dept = entries.filter((e): e is ReportEntry => e.kind === 'report' && e.agency !== SITE);
    const newPath = `/col/col${DEPT_COL}/art/2024/art_${hex32('pingshan-police')}.html`;
    const police = dept.find((e) => e.agency === '平山市公安局')!;
    const policeUrl = www.url(layout.detailPath(police, 0));
    publishEntries(b, { ...layout, detailPath: () => newPath }, [{ ...police, copyOf: policeUrl }]);
    const expectedPolice = b.expected.find((e) => e.detailUrl === policeUrl)!;
    expectedPolice.alternateUrls = [www.url(newPath)];
    const deptItems = byDateDesc(dept.map((e) => ({ href: e === police ? newPath : layout.detailPath(e, 0), title: e.title, date: e.date })));
    const DEPT_PER_PAGE = 6;
    const pages = Math.ceil(deptItems.length / DEPT_PER_PAGE);
    for (let n = 1; n <= pages; n++) {
      const list = deptItems.slice((n - 1) * DEPT_PER_PAGE, n * DEPT_PER_PAGE).map(listItem).join('\n');
      const pager = Array.from({ length: pages }, (_, k) => (k + 1 === n ? `<span>${n}</span>` : `<a href="/col/col${DEPT_COL}/index.html?uid=380055&pageNum=${k + 1}">${k + 1}</a>`)).join(' ');
      const next = n < pages ? ` <a href="/col/col${DEPT_COL}/index.html?uid=380055&pageNum=${n + 1}">下一页</a>` : '';
      const html = columnPage(`<ul class="list">${list}</ul><div class="pager">${pager}${next}</div>`, '部门信息公开年报');
      www.html(`/col/col${DEPT_COL}/index.html?uid=380055&pageNum=${n}`, html);
      if (n === 1) www.html(`/col/col${DEPT_COL}/index.html`, html);
    }
    www.put('/col/col1229000099/index.html', redirect('/index.html'));
    if (b.opts.faults) {
      // A connection reset on the first request for the 2022 city report.
      const resetPath = layout.detailPath(entries[1]!, 1);
      www.fault(resetPath, { status: 0, failures: 1 });
      b.traps.flaky.push({ url: www.url(resetPath), status: 0, failures: 1 });
    }

    return {
      id: jcmsSite.id, agency: SITE, region: '浙江省', level: 'city', archetype: 'B-jcms',
      description: 'Hanweb jcms: meta refresh home, datastore CDATA first page, dataproxy.jsp POST (Referer required) for page 2, downfile.jsp 302, uid/pageNum department column, old and new art paths, many title variants',
      startUrls: [www.url('/')],
      allowedHosts: [www.host],
      agencies: [
        { name: SITE, level: 'city' },
        ...['平山市教育局', '平山市公安局', '平山市经济合作局', '平山市审计局', '平山市卫生健康委员会', '平山市司法局', '平山市统计局'].map((name) => ({ name, level: 'department' as const })),
        { name: '下河镇', level: 'township' }, { name: '太平镇人民政府', level: 'township' }, { name: '平山桃园开发区管委会', level: 'zone' },
      ],
      expectedYears: [2021, 2022, 2023],
    };
  },
};

