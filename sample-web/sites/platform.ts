/**
 * Archetype D, a provincial 政务公开 platform with opaque IDs (历下区, Shandong style): the
 * district portal `/` answers 301 to the platform host, which 302s to the site's page (a redirect
 * chain across two allowed hosts). The report channel is a JS shell (`<ul id="docList">` plus
 * `/gongkai/js/list.js`) whose script fetches `/api/gk/list?channelId=…&pageNo=N&pageSize=15`;
 * details are `/gongkai/site_<slug>/channel_<24hex>/doc_<24hex>.html`. robots.txt disallows
 * `/module/`, and the page links the 年报 module `/module/xxgk/xxgkAnnualReport.jsp?…` (a second
 * view of the same reports that must not be fetched). Near misses include the notice that prints
 * the template's tables with empty cells.
 */
import { createHash } from 'node:crypto';
import { redirect, utf8 } from '../host.ts';
import { byDateDesc, columnIndex, DECOY_COLUMNS, shell, type Link } from '../page.ts';
import { publishEntries, type Entry, type Layout, type ReportEntry } from '../publish.ts';
import { generated, type SiteBuild, type SiteDefinition } from '../site-build.ts';

const SITE = '济南市历下区人民政府';
const SLUG = 'site_lixiaqu';
const hex24 = (s: string) => createHash('sha1').update(s).digest('hex').slice(0, 24);
const CHANNEL = hex24('lixia-nb');
const PAGE_SIZE = 15;

/** The platform's list script: fetch a page of the channel from the API, draw it and the pager. */
const LIST_JS = `(function(){
var s=document.currentScript;var ch=s.getAttribute('data-channel');
function load(n){fetch('/api/gk/list?channelId='+ch+'&pageNo='+n+'&pageSize=${PAGE_SIZE}').then(function(r){return r.json()}).then(function(d){
var ul=document.getElementById('docList');ul.innerHTML='';
d.data.list.forEach(function(a){var li=document.createElement('li');var x=document.createElement('a');x.href=a.url;x.title=a.title;x.textContent=a.title;li.appendChild(x);var t=document.createElement('span');t.textContent=a.publishDate;li.appendChild(t);ul.appendChild(li);});
var p=document.getElementById('pager');p.innerHTML='';for(var i=1;i<=d.data.totalPage;i++){(function(k){var b=document.createElement('a');b.href='javascript:void(0)';b.textContent=k;b.onclick=function(){load(k)};p.appendChild(b);})(i);}
});}
load(1);})();`;

export const platformSite: SiteDefinition = {
  id: 'lixia-platform',
  hosts: ['portal', 'gongkai'],
  build(b: SiteBuild) {
    const portal = b.host('portal');
    const gk = b.host('gongkai');
    const base = `/gongkai/${SLUG}`;
    // The chain: portal 301 → platform 302 → the site's page.
    portal.put('/', redirect(gk.url('/gongkai/')));
    gk.put('/gongkai/', redirect(`${base}/index.html`, 302));
    gk.put('/robots.txt', { body: utf8('User-agent: *\nDisallow: /module/\n'), contentType: 'text/plain' });
    const nav: Link[] = [{ href: `${base}/index.html`, text: '首页' }, { href: `${base}/index.html`, text: '政府信息公开' }];
    const listPath = `${base}/channel_${CHANNEL}/index.html`;
    const moduleUrl = (area: string, year: number) => `/module/xxgk/xxgkAnnualReport.jsp?area=${area}&fbtime=${year}`;
    const columns: Link[] = [
      ...DECOY_COLUMNS.map((c) => ({ href: `${base}/channel_${hex24(c.slug)}/index.html`, text: c.text })),
      { href: listPath, text: '政府信息公开年报' },
      { href: moduleUrl('LX370102', 2023), text: '年报专栏' },
    ];
    gk.html(`${base}/index.html`, shell({ title: `${SITE}政府信息公开`, siteName: SITE, nav, breadcrumb: ['政府信息公开'], main: columnIndex(columns) }));
    for (const c of DECOY_COLUMNS) gk.html(`${base}/channel_${hex24(c.slug)}/index.html`, shell({ title: c.text, siteName: SITE, nav, breadcrumb: [c.text], main: `<p>${c.text}</p>` }));
    for (const year of [2021, 2022, 2023]) {
      gk.html(moduleUrl('LX370102', year), shell({ title: `${year}年度报告`, siteName: SITE, nav, main: `<p>${SITE}${year}年政府信息公开工作年度报告</p>` }));
      b.traps.forbiddenUrls.push(gk.url(moduleUrl('LX370102', year)));
    }

    const layout: Layout = {
      host: gk,
      detailPath: (e, i) => `${base}/channel_${CHANNEL}/doc_${hex24(`${e.date}-${i}`)}.html`,
      attachmentPath: (e, i, n, ext) => `${base}/channel_${CHANNEL}/file_${hex24(`${e.date}-${i}-${n}`)}.${ext}`,
      href: (p) => gk.url(p),
      article: { siteName: SITE, nav, breadcrumb: [{ href: `${base}/index.html`, text: '政府信息公开' }, { href: listPath, text: '政府信息公开年报' }], columnName: '政府信息公开年报', metaStyle: 'platform', bodyStyle: 'zoom' },
      indexPrefix: '11370102MB2858467P',
      siteName: SITE,
    };
    const units = ['济南市历下区人民政府', '历下区教育和体育局', '历下区民政局', '历下区财政局', '历下区解放路街道办事处', '历下区姚家街道办事处'];
    const entries: Entry[] = [];
    for (const year of [2021, 2022, 2023]) {
      units.forEach((agency, k) => {
        const title = `${agency}${year}年政府信息公开工作年度报告`;
        const date = `${year + 1}-01-${String(10 + k * 3).padStart(2, '0')}`;
        entries.push({ kind: 'report', agency, year, title, date, body: 'tables', record: generated(`lixia-${agency}-${year}`, { agency, year, title }, k === 0 ? 'large' : 'small') } satisfies ReportEntry);
      });
    }
    const report2022 = entries.findIndex((e) => e.kind === 'report' && e.year === 2022 && e.agency === SITE);
    entries.push(
      { kind: 'near', miss: { kind: 'template-notice', title: '国务院办公厅政府信息与政务公开办公室关于印发《中华人民共和国政府信息公开工作年度报告格式》的通知' }, date: '2021-09-29', publisher: SITE, year: 2021 },
      { kind: 'near', miss: { kind: 'interpretation', title: `文字解读：${SITE}2022年政府信息公开工作年度报告` }, date: '2023-01-12', publisher: SITE, year: 2022, reportHref: layout.href(layout.detailPath(entries[report2022]!, report2022)) },
    );
    const items = byDateDesc(publishEntries(b, layout, entries));

    gk.html(listPath, shell({
      title: `政府信息公开年报_${SITE}`, siteName: SITE, nav, breadcrumb: [{ href: `${base}/index.html`, text: '政府信息公开' }, '政府信息公开年报'],
      main: `<div class="gk-list"><ul id="docList"></ul><div id="pager"></div></div>\n<script src="/gongkai/js/list.js" data-channel="${CHANNEL}"></script>`,
    }));
    gk.put('/gongkai/js/list.js', { body: utf8(LIST_JS), contentType: 'application/javascript; charset=utf-8' });
    gk.on('/api/gk/list', ({ url, send }) => {
      const pageNo = Math.max(1, Number(url.searchParams.get('pageNo') ?? 1) || 1);
      const pageSize = Math.min(100, Math.max(1, Number(url.searchParams.get('pageSize') ?? PAGE_SIZE) || PAGE_SIZE));
      const list = url.searchParams.get('channelId') === CHANNEL ? items : [];
      const page = list.slice((pageNo - 1) * pageSize, pageNo * pageSize).map((x) => ({ title: x.title, url: x.href, publishDate: x.date, publisher: SITE }));
      send({ contentType: 'application/json; charset=utf-8', body: utf8(JSON.stringify({ code: 200, data: { total: list.length, pageNo, pageSize, totalPage: Math.ceil(list.length / pageSize), list: page } })) });
    });

    return {
      id: platformSite.id, agency: SITE, region: '山东省济南市', level: 'county', archetype: 'D-platform',
      description: 'provincial platform: redirect chain portal 301 → platform 302, JS shell list from /api/gk/list (2 pages of 15), opaque doc_<24hex> ids, robots disallows /module/ (linked annual-report module), template notice near miss',
      startUrls: [portal.url('/')],
      allowedHosts: [portal.host, gk.host],
      agencies: units.map((name, k) => ({ name, level: k === 0 ? ('county' as const) : name.endsWith('办事处') ? ('township' as const) : ('department' as const) })),
      expectedYears: [2021, 2022, 2023],
    };
  },
};
