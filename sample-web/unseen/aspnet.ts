/**
 * Unseen site 3, an older ASP.NET WebForms 政务公开 platform (槐川县人民政府, `huaichuan-aspnet`).
 * Every page is GBK (`text/html; charset=gb2312` and `<meta charset="gb2312">`).
 *
 * Route: `/` (= `/Default.aspx`) → 政务公开 `/zwgk/Index.aspx` (link text). Its catalogue tree is
 * `<li onclick="location.href='Index.aspx?ClassID=26'">政府信息公开年报</li>` (no `<a>`), and the
 * page for a class, `/zwgk/Index.aspx?ClassID=26`, holds an `<iframe id="ifrList">` with no src
 * and no text: an inline script sets `src = 'GkList.aspx?ClassID=' + classId` when the page runs.
 *
 * The list in the iframe, `/zwgk/GkList.aspx?ClassID=26`, is a GridView (`<table id="GridView1">`)
 * inside `<form name="form1" method="post" action="./GkList.aspx?ClassID=26">` with `__EVENTTARGET`,
 * `__EVENTARGUMENT`, `__VIEWSTATE`, `__VIEWSTATEGENERATOR`, `__EVENTVALIDATION` and the standard
 * `__doPostBack`. Rows open with `<tr onclick="window.open('ShowArticle.aspx?ArticleID=N')">` (even
 * rows) or `<a href="javascript:void(0)" onclick="window.open('ShowArticle.aspx?ArticleID=N','_blank')">`
 * (odd rows); the visible title is cut to 18 characters + "...", the full title is in `<a title>`.
 * Five rows a page, three pages. The pager row links `javascript:__doPostBack('GridView1','Page$2')`
 * (quotes written `&#39;`), `Page$Next`, `Page$Last`, `Page$First`, `Page$Prev`. Pages 2 and 3 come
 * only from a POST of that form: `__EVENTTARGET=GridView1`, `__EVENTARGUMENT=Page$N` and the
 * `__VIEWSTATE` / `__EVENTVALIDATION` of the page posted from (MAC-checked; an argument the page
 * did not render, or a tampered or foreign state, answers 500 like ASP.NET's error page). A GET
 * with any query answers page 1.
 *
 * Details `/zwgk/ShowArticle.aspx?ArticleID=N` are static; attachments `./DownFile.aspx?fid=N`
 * answer `application/octet-stream` with `Content-Disposition: attachment;filename=%e6%a7%90…`
 * (HttpUtility.UrlEncode: UTF-8, lower-case hex, unquoted).
 *
 * A perfect crawl finds 8 reports (phase 2: 9): the county's 2023, 2022 and 2021 (PDF), 农业农村局
 * 2023 and 2022, 交通运输局 2023 (DOC), 市场监督管理局 2023, 城关镇 2022; phase 2 adds the county's
 * corrected 2023 report （更正） as version 2. Near misses: 政府网站工作年度报表, 法治政府建设年度报告,
 * the 编制发布 notice, 城关镇's 工作总结. No static HTML links a report: the list is reached only
 * through the script-set iframe.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { articlePage, type ArticleOptions } from '../article.ts';
import type { HandlerContext, StaticResource } from '../host.ts';
import { nearMissTitles } from '../near-misses.ts';
import { esc, shell, type Link } from '../page.ts';
import { publishEntries, type Entry, type Layout, type ReportEntry } from '../publish.ts';
import { generated, generatedGolden, type SiteBuild, type SiteDefinition } from '../site-build.ts';
import { generatedBytes } from '../generated-docs.ts';
import { siteFiles, cut, dispositionAspNet, gbk, plainPages } from './common.ts';

const SITE = '槐川县人民政府';
const PAGE_SIZE = 5;
const REPORT_CLASS = 26;
const CONTENT_TYPE = 'text/html; charset=gb2312';
/** The catalogue: class 0 is the platform's 最新信息 list shown when no class is chosen. */
const CLASSES: { id: number; name: string }[] = [
  { id: 21, name: '政府信息公开指南' }, { id: 22, name: '政府信息公开制度' }, { id: 23, name: '法定主动公开内容' },
  { id: REPORT_CLASS, name: '政府信息公开年报' }, { id: 27, name: '依申请公开' }, { id: 28, name: '政务公开工作要点' },
];
const className = (id: number) => (id === 0 ? '最新公开信息' : CLASSES.find((c) => c.id === id)?.name ?? '');

/** The server's machineKey: view state and event validation carry an HMAC, as ASP.NET's do. */
const MACHINE_KEY = 'huaichuan-gk-machineKey-validationKey';
const mac = (bytes: Buffer) => createHmac('sha1', MACHINE_KEY).update(bytes).digest();

/** `/wE…`: a 0xFF 0x01 header, the payload, a 20-byte MAC, base64. */
function seal(payload: string): string {
  const body = Buffer.concat([Buffer.from([0xff, 0x01]), Buffer.from(payload, 'utf8')]);
  return Buffer.concat([body, mac(body)]).toString('base64');
}

function unseal(value: string | null): string | null {
  if (!value) return null;
  const raw = Buffer.from(value, 'base64');
  if (raw.length < 23) return null;
  const body = raw.subarray(0, raw.length - 20);
  if (!timingSafeEqual(mac(body), raw.subarray(raw.length - 20)) || body[0] !== 0xff || body[1] !== 0x01) return null;
  return body.subarray(2).toString('utf8');
}

/** Event validation stores a hash of each postback the page rendered (target and argument). */
const eventHash = (classId: number, target: string, arg: string) => createHmac('sha1', MACHINE_KEY).update(`${classId}|${target}|${arg}`).digest('hex').slice(0, 8);

interface Row {
  articleId: number;
  title: string;
  date: string;
}

/** The pager arguments a page renders: numbers of the other pages, then First/Prev or Next/Last. */
function pagerArgs(pageIndex: number, pageCount: number): { arg: string; text: string }[] {
  if (pageCount <= 1) return [];
  const out: { arg: string; text: string }[] = [];
  if (pageIndex > 0) out.push({ arg: 'Page$First', text: '首页' }, { arg: 'Page$Prev', text: '上一页' });
  for (let k = 0; k < pageCount; k++) if (k !== pageIndex) out.push({ arg: `Page$${k + 1}`, text: String(k + 1) });
  if (pageIndex < pageCount - 1) out.push({ arg: 'Page$Next', text: '下一页' }, { arg: 'Page$Last', text: '尾页' });
  return out;
}

const postBack = (arg: string) => `javascript:__doPostBack(&#39;GridView1&#39;,&#39;${arg}&#39;)`;

/** The GridView page of a class at a page index, with its sealed state. */
function gridPage(classId: number, rows: Row[], pageIndex: number): string {
  const pageCount = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const args = pagerArgs(pageIndex, pageCount);
  const viewState = seal(`GridView1|ClassID=${classId}|PageIndex=${pageIndex}|PageCount=${pageCount}`);
  const validation = seal([eventHash(classId, '', ''), ...args.map((a) => eventHash(classId, 'GridView1', a.arg))].join(','));
  const slice = rows.slice(pageIndex * PAGE_SIZE, (pageIndex + 1) * PAGE_SIZE);
  const body = slice.map((r, k) => {
    const open = `ShowArticle.aspx?ArticleID=${r.articleId}`;
    const date = `<td align="center" style="width:90px;">${r.date}</td>`;
    return k % 2 === 0
      ? `<tr onclick="window.open('${open}')" onmouseover="this.style.backgroundColor='#eef5fb'" onmouseout="this.style.backgroundColor=''" style="cursor:pointer;">
<td align="left"><a href="javascript:void(0)" title="${esc(r.title)}">${esc(cut(r.title, 18))}</a></td>${date}</tr>`
      : `<tr style="background-color:#F7F7F7;">
<td align="left"><a href="javascript:void(0)" onclick="window.open('${open}','_blank')" title="${esc(r.title)}">${esc(cut(r.title, 18))}</a></td>${date}</tr>`;
  });
  const pager = pageCount > 1
    ? `<tr class="gv-pager"><td colspan="2"><table><tr><td>共${rows.length}条 第${pageIndex + 1}/${pageCount}页</td>${[
      ...args.filter((a) => a.arg === 'Page$First' || a.arg === 'Page$Prev'),
      ...Array.from({ length: pageCount }, (_, k) => (k === pageIndex ? { arg: '', text: String(k + 1) } : args.find((a) => a.arg === `Page$${k + 1}`)!)),
      ...args.filter((a) => a.arg === 'Page$Next' || a.arg === 'Page$Last'),
    ].map((a) => (a.arg ? `<td><a href="${postBack(a.arg)}">${a.text}</a></td>` : `<td><span>${a.text}</span></td>`)).join('')}</tr></table></td></tr>`
    : '';
  const empty = rows.length === 0 ? '<tr><td colspan="2" align="center">暂无信息</td></tr>' : '';
  return `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head><meta http-equiv="Content-Type" content="text/html; charset=gb2312" /><title>信息列表</title>
<link href="../css/gklist.css" rel="stylesheet" type="text/css" /></head>
<body>
<form name="form1" method="post" action="./GkList.aspx?ClassID=${classId}" id="form1">
<div class="aspNetHidden">
<input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="" />
<input type="hidden" name="__EVENTARGUMENT" id="__EVENTARGUMENT" value="" />
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="${viewState}" />
</div>
<script type="text/javascript">
//<![CDATA[
var theForm = document.forms['form1'];
if (!theForm) {
    theForm = document.form1;
}
function __doPostBack(eventTarget, eventArgument) {
    if (!theForm.onsubmit || (theForm.onsubmit() != false)) {
        theForm.__EVENTTARGET.value = eventTarget;
        theForm.__EVENTARGUMENT.value = eventArgument;
        theForm.submit();
    }
}
//]]>
</script>
<div class="aspNetHidden">
<input type="hidden" name="__VIEWSTATEGENERATOR" id="__VIEWSTATEGENERATOR" value="9A1C58E2" />
<input type="hidden" name="__EVENTVALIDATION" id="__EVENTVALIDATION" value="${validation}" />
</div>
<div class="gk-list">
<table class="gv" cellspacing="0" rules="rows" border="0" id="GridView1" style="width:100%;border-collapse:collapse;">
<tr class="gv-head"><th scope="col">信息名称</th><th scope="col">发布日期</th></tr>
${body.join('\n')}${empty}
${pager}
</table>
</div>
</form>
</body>
</html>
`;
}

/** ASP.NET's yellow screen, as a 500. */
function serverError(message: string): string {
  return `<html><head><title>${message}</title></head><body bgcolor="white"><span><h1>“/”应用程序中的服务器错误。<hr width=100% size=1 color=silver></h1>
<h2><i>${message}</i></h2></span><b>说明:</b> 执行当前 Web 请求期间，出现未经处理的异常。<br><br><b>异常详细信息:</b> System.Web.HttpException: ${message}</body></html>`;
}

export const aspNetSite: SiteDefinition = {
  id: 'huaichuan-aspnet',
  hosts: ['www'],
  build(b: SiteBuild) {
    const www = b.host('www');
    siteFiles(www, ['/images/common.css', '/css/gklist.css']);
    const put = (path: string, html: string) => www.put(path, { body: gbk(html), contentType: CONTENT_TYPE });
    const nav: Link[] = [
      { href: '/Default.aspx', text: '首页' }, { href: '/zwgk/Index.aspx', text: '政务公开' },
      { href: '/zwfw/Default.aspx', text: '政务服务' }, { href: '/hdjl/Default.aspx', text: '互动交流' },
    ];
    const page = { siteName: SITE, nav, charset: 'gb2312', homeHref: '/Default.aspx' };
    const home = shell({ ...page, title: SITE, main: `<div class="news"><h2>槐川要闻</h2><p>县政府召开2024年政务公开工作推进会。</p></div>\n<div class="quick"><a href="/zwgk/Index.aspx">政务公开</a> <a href="/zwfw/Default.aspx">政务服务</a></div>` });
    put('/', home);
    put('/Default.aspx', home);
    plainPages(put, SITE, nav, [{ path: '/zwfw/Default.aspx', title: '政务服务' }, { path: '/hdjl/Default.aspx', title: '互动交流' }], { charset: 'gb2312', homeHref: '/Default.aspx' });

    // The 政务公开 page for each class: catalogue tree (li + location.href) and the script-set iframe.
    const tree = CLASSES.map((c) => `<li onclick="location.href='Index.aspx?ClassID=${c.id}'" style="cursor:pointer;">${esc(c.name)}</li>`).join('\n');
    const classPage = (classId: number) => shell({
      ...page, title: `政务公开_${SITE}`, breadcrumb: [{ href: '/zwgk/Index.aspx', text: '政务公开' }, className(classId)],
      main: `<div class="gk-main"><div class="gk-left"><h3>政府信息公开目录</h3><ul class="gk-tree">
${tree}
</ul></div>
<div class="gk-right"><div class="gk-right-title"><span id="lblClassName">${esc(className(classId))}</span></div>
<iframe id="ifrList" name="ifrList" width="100%" height="560" frameborder="0" scrolling="no"></iframe></div></div>
<script type="text/javascript">
var classId = '${classId}';
function loadList(id) { document.getElementById('ifrList').src = 'GkList.aspx?ClassID=' + id; }
loadList(classId);
</script>`,
    });
    put('/zwgk/Index.aspx', classPage(0));
    for (const c of CLASSES) put(`/zwgk/Index.aspx?ClassID=${c.id}`, classPage(c.id));

    const crumbs = [{ href: '/zwgk/Index.aspx', text: '政务公开' }, { href: `/zwgk/Index.aspx?ClassID=${REPORT_CLASS}`, text: '政府信息公开年报' }];
    const article: Layout['article'] = { ...page, breadcrumb: crumbs, columnName: '政府信息公开年报', metaStyle: 'platform', bodyStyle: 'article' };
    const idOf = (i: number) => 2300 + i * 3;
    const layout: Layout = {
      host: www,
      detailPath: (_e, i) => `/zwgk/ShowArticle.aspx?ArticleID=${idOf(i)}`,
      attachmentPath: (_e, i, n) => `/zwgk/DownFile.aspx?fid=${5100 + i * 10 + n}`,
      href: (p) => p.slice('/zwgk/'.length),
      article,
      indexPrefix: '11370923004871236T',
      encode: gbk,
      contentType: CONTENT_TYPE,
      siteName: SITE,
    };
    const report = (agency: string, year: number, date: string, extra: Partial<ReportEntry> = {}): ReportEntry => {
      const title = extra.title ?? `${agency}${year}年政府信息公开工作年度报告`;
      return { kind: 'report', agency, year, title, date, body: 'tables', record: generated(`huaichuan-${agency}-${year}`, { agency, year, title }, agency === SITE ? 'large' : 'small'), ...extra };
    };
    const download = (name: string) => ({ disposition: dispositionAspNet(name), fileName: name });
    const misses = nearMissTitles(SITE, '槐川县', 2023);
    const miss = (kind: string) => misses.find((m) => m.kind === kind)!;
    const gov2021 = `${SITE}2021年政府信息公开工作年度报告`;
    const jtj2023 = '槐川县交通运输局2023年政府信息公开工作年度报告';
    const entries: Entry[] = [
      report(SITE, 2023, '2024-03-27'),
      report(SITE, 2022, '2023-03-29'),
      { ...report(SITE, 2021, '2022-03-30'), body: 'short', ...generatedGolden('huaichuan-gov-2021'), attachments: [{ bytes: generatedBytes('huaichuan-gov-2021'), ext: 'pdf', name: `${gov2021}.pdf`, style: 'a', download: download(`${gov2021}.pdf`) }] },
      report('槐川县农业农村局', 2023, '2024-01-25'),
      report('槐川县农业农村局', 2022, '2023-01-18', { style: 'word' }),
      { ...report('槐川县交通运输局', 2023, '2024-01-30'), body: 'short', ...generatedGolden('huaichuan-jtj-2023'), attachments: [{ bytes: generatedBytes('huaichuan-jtj-2023'), ext: 'doc', name: '年度报告全文.doc', style: 'a', download: download(`${jtj2023}.doc`) }] },
      report('槐川县市场监督管理局', 2023, '2024-01-22'),
      report('槐川县城关镇人民政府', 2022, '2023-01-12'),
      { kind: 'near', miss: miss('website-report'), date: '2024-01-10', publisher: SITE, year: 2023 },
      { kind: 'near', miss: miss('rule-of-law'), date: '2024-02-26', publisher: SITE, year: 2023 },
      { kind: 'near', miss: miss('notice'), date: '2023-12-12', publisher: SITE, year: 2023 },
      { kind: 'near', miss: { kind: 'summary', title: '槐川县城关镇人民政府2023年政府信息公开工作总结' }, date: '2024-01-08', publisher: '槐川县城关镇人民政府', year: 2023 },
    ];
    if (b.phase === 2) {
      // The county re-publishes its 2023 report with corrected figures; the original stays listed.
      (entries[0] as ReportEntry).current = false;
      entries.push({ ...report(SITE, 2023, '2024-04-12', { title: `${SITE}2023年政府信息公开工作年度报告（更正）`, record: generated('huaichuan-gov-2023-corrected', { agency: SITE, year: 2023, title: `${SITE}2023年政府信息公开工作年度报告（更正）` }, 'large') }), version: 2 });
    }
    const items = publishEntries(b, layout, entries);
    const reportRows: Row[] = items.map((it, i) => ({ articleId: idOf(i), title: it.title, date: it.date })).sort((x, y) => y.date.localeCompare(x.date));

    // Other classes: ordinary articles (neither reports nor near misses).
    const plainArticle = (articleId: number, title: string, date: string, text: string, classId: number): Row => {
      const o: ArticleOptions = { ...article, breadcrumb: [{ href: '/zwgk/Index.aspx', text: '政务公开' }, { href: `/zwgk/Index.aspx?ClassID=${classId}`, text: className(classId) }], columnName: className(classId), title, publisher: SITE, date, indexNo: `11370923004871236T/${date.slice(0, 4)}-${String(articleId).padStart(5, '0')}`, body: `<p style="text-indent:2em">${esc(text)}</p>` };
      put(`/zwgk/ShowArticle.aspx?ArticleID=${articleId}`, articlePage(o));
      return { articleId, title, date };
    };
    const guide = plainArticle(2101, `${SITE}政府信息公开指南（2023年修订）`, '2023-05-20', '为了保障公民、法人和其他组织依法获取政府信息，编制本指南。', 21);
    const rules = plainArticle(2102, `${SITE}政府信息公开保密审查制度`, '2022-08-15', '为规范政府信息公开保密审查工作，制定本制度。', 22);
    const budget = plainArticle(2103, '槐川县2024年县级部门预算公开', '2024-02-06', '根据预算法规定，现将县级部门预算予以公开。', 23);
    const key = plainArticle(2104, '槐川县2024年政务公开工作要点', '2024-03-15', '2024年全县政务公开工作要以习近平新时代中国特色社会主义思想为指导。', 28);
    const rowsOf = new Map<number, Row[]>([[0, [key, budget, guide]], [21, [guide]], [22, [rules]], [23, [budget]], [REPORT_CLASS, reportRows], [27, []], [28, [key]]]);

    const firstPages = new Map<number, StaticResource>();
    www.on('/zwgk/GkList.aspx', ({ req, res, url, body, send }: HandlerContext) => {
      const classId = Number(url.searchParams.get('ClassID') ?? 0);
      const rows = rowsOf.get(classId) ?? [];
      const answer = (status: number, html: string) => {
        const bytes = gbk(html);
        res.writeHead(status, { 'Content-Type': CONTENT_TYPE, 'Cache-Control': 'private', 'Content-Length': String(bytes.byteLength) });
        res.end(bytes);
      };
      if (req.method !== 'POST') {
        let first = firstPages.get(classId);
        if (!first) firstPages.set(classId, (first = { body: gbk(gridPage(classId, rows, 0)), contentType: CONTENT_TYPE }));
        return send(first);
      }
      const form = new URLSearchParams(body);
      const state = unseal(form.get('__VIEWSTATE'))?.match(/^GridView1\|ClassID=(\d+)\|PageIndex=(\d+)\|PageCount=(\d+)$/);
      if (!state || Number(state[1]) !== classId) return answer(500, serverError('验证视图状态 MAC 失败。Validation of viewstate MAC failed.'));
      const target = form.get('__EVENTTARGET') ?? '';
      const arg = form.get('__EVENTARGUMENT') ?? '';
      const allowed = unseal(form.get('__EVENTVALIDATION'))?.split(',') ?? [];
      if (!allowed.includes(eventHash(classId, target, target ? arg : ''))) return answer(500, serverError('回发或回调参数无效。Invalid postback or callback argument.'));
      const current = Number(state[2]);
      const count = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
      const next = !target ? current
        : arg === 'Page$Next' ? current + 1 : arg === 'Page$Prev' ? current - 1 : arg === 'Page$First' ? 0 : arg === 'Page$Last' ? count - 1 : Number(arg.slice('Page$'.length)) - 1;
      answer(200, gridPage(classId, rows, Math.min(count - 1, Math.max(0, next))));
    });

    return {
      id: aspNetSite.id, agency: SITE, region: '山东省', level: 'county', archetype: 'unseen-aspnet',
      description: 'ASP.NET WebForms, GBK: catalogue <li onclick=location.href>, list in a script-set <iframe> (GkList.aspx), GridView rows window.open with titles cut "..." (full in a@title), pages 2–3 only by __doPostBack POST with MAC-checked __VIEWSTATE/__EVENTVALIDATION; DownFile.aspx?fid= octet-stream attachments',
      startUrls: [www.url('/')],
      allowedHosts: [www.host],
      agencies: [
        { name: SITE, level: 'county' },
        ...['槐川县农业农村局', '槐川县交通运输局', '槐川县市场监督管理局'].map((name) => ({ name, level: 'department' as const })),
        { name: '槐川县城关镇人民政府', level: 'township' },
      ],
      expectedYears: [2021, 2022, 2023],
      renderOnly: true,
    };
  },
};
