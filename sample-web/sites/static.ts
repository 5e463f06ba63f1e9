/**
 * Archetype E, small static sites.
 *
 * 昇河镇 (博达 VSB, GBK): every page is GB18030 bytes with `<meta charset="gb2312">` and a
 * Content-Type header without charset; the agency name holds 昇 (GBK, not GB2312) and the report
 * bodies 䶮 and 𠮷 (GB18030 four-byte sequences), so only a GB18030 decoder reads them. `/` is a
 * ~160-byte JS shell (`location.replace`). Lists count down VSB-style: `zfxxgknb.htm`, then
 * `zfxxgknb/2.htm`, `zfxxgknb/1.htm`, linked by 下一页/尾页; articles `/info/13951/728740.htm`; one
 * report is a legacy `.doc`.
 *
 * 沭阳县发展和改革局 (no charset anywhere): `text/html` without charset and pages without a meta
 * charset (UTF-8 bytes); `?page=N` pagination with 下一页.
 * Its 2023 report is the real page from the corpus, served byte for byte.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import { utf8, type SampleHost } from '../host.ts';
import { nearMissTitles } from '../near-misses.ts';
import { byDateDesc, columnIndex, listItem, shell, type Link, type ListItem } from '../page.ts';
import { publishEntries, type Entry, type Layout } from '../publish.ts';
import { corpusGolden, fromGolden, generated, generatedGolden, type SiteBuild, type SiteDefinition } from '../site-build.ts';
import { corpusPath, generatedBytes } from '../generated-docs.ts';

/** A list page with numbered links plus 下一页 / 尾页, the only pagination some small sites have. */
function pagedList(items: ListItem[], perPage: number, pageHref: (n: number) => string, render: (list: string, pager: string, n: number) => string): { n: number; html: string }[] {
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  return Array.from({ length: pages }, (_, k) => {
    const n = k + 1;
    const list = `<ul class="list">\n${items.slice(k * perPage, n * perPage).map(listItem).join('\n')}\n</ul>`;
    const pager = `<div class="pb_sys_common">共${items.length}条 ${n}/${pages} ${n > 1 ? `<a href="${pageHref(1)}">首页</a> <a href="${pageHref(n - 1)}">上一页</a>` : ''} ${n < pages ? `<a href="${pageHref(n + 1)}">下一页</a> <a href="${pageHref(pages)}">尾页</a>` : ''}</div>`;
    return { n, html: render(list, pager, n) };
  });
}

const XINGHE = '昇河镇人民政府';

export const gbkSite: SiteDefinition = {
  id: 'xinghe-gbk',
  hosts: ['www'],
  build(b: SiteBuild) {
    const www = b.host('www');
    const gbk = (html: string) => new Uint8Array(iconv.encode(html, 'gb18030'));
    // The header names no charset: only the meta tag tells the encoding.
    const put = (path: string, html: string) => www.put(path, { body: gbk(html), contentType: 'text/html' });
    const nav: Link[] = [{ href: '/index.htm', text: '首页' }, { href: '/zfxxgk.htm', text: '政务公开' }, { href: '/zjxh.htm', text: '走进昇河' }];
    const page = (title: string, main: string, crumbs?: (Link | string)[]) => shell({ title, siteName: XINGHE, nav, main, breadcrumb: crumbs, charset: 'gb2312', homeHref: '/index.htm' });
    // About 160 bytes: a shell whose only content is a location.replace.
    www.html('/', '<html><head><script type="text/javascript">location.replace("/index.htm");</script></head><body></body></html>\n'.padEnd(160, ' '), 'text/html');
    put('/index.htm', page(XINGHE, '<div class="xxgk"><a href="/zfxxgk.htm">政府信息公开</a></div>'));
    put('/zfxxgk.htm', page('政务公开', columnIndex([
      { href: '/zfxxgk/zfxxgkzn.htm', text: '政府信息公开指南' }, { href: '/zfxxgk/fdzdgknr.htm', text: '法定主动公开内容' },
      { href: '/zfxxgk/zfxxgknb.htm', text: '政府信息公开年报' }, { href: '/zfxxgk/ysqgk.htm', text: '依申请公开' },
    ]), ['政务公开']));
    for (const [slug, text] of [['zfxxgkzn', '政府信息公开指南'], ['fdzdgknr', '法定主动公开内容'], ['ysqgk', '依申请公开']]) put(`/zfxxgk/${slug}.htm`, page(text!, `<p>${text}</p>`, [text!]));

    const crumbs = [{ href: '/zfxxgk.htm', text: '政务公开' }, { href: '/zfxxgk/zfxxgknb.htm', text: '政府信息公开年报' }];
    const layout: Layout = {
      host: www,
      detailPath: (_e, i) => `/info/13951/${728740 + i * 13}.htm`,
      attachmentPath: (_e, i, n, ext) => `/__local/8/AB/12/F0E1${i}${n}.${ext}`,
      href: (p) => `..${p}`,
      article: { siteName: XINGHE, nav, breadcrumb: crumbs, columnName: '政府信息公开年报', metaStyle: 'vsb', bodyStyle: 'article', charset: 'gb2312', homeHref: '/index.htm' },
      indexPrefix: 'xhz',
      encode: gbk,
      contentType: 'text/html',
      siteName: XINGHE,
    };
    // 䶮 and 𠮷 are outside GBK: a GBK-only decoder garbles this sentence.
    const rare = '镇党委书记王䶮带队赴𠮷林村、堃河村走访，听取群众对政务公开工作的意见建议。';
    const t = (y: number) => `${XINGHE}${y}年政府信息公开工作年度报告`;
    const misses = nearMissTitles(XINGHE, '昇河镇', 2023);
    const entries: Entry[] = [
      { kind: 'report', agency: XINGHE, year: 2023, title: t(2023), date: '2024-01-20', body: 'tables', extraSentence: rare, record: generated('xinghe-2023', { agency: XINGHE, year: 2023, title: t(2023) }) },
      { kind: 'report', agency: XINGHE, year: 2022, title: t(2022), date: '2023-01-19', body: 'short', ...generatedGolden('xinghe-2022'), attachments: [{ bytes: generatedBytes('xinghe-2022'), ext: 'doc', name: `${t(2022)}.doc`, style: 'a' }] },
      { kind: 'report', agency: XINGHE, year: 2021, title: `${XINGHE}2021 年政府信息公开工作年度报告`, date: '2022-01-21', body: 'tables', extraSentence: rare, ...fromGolden('002_53998b694067610d', { agency: XINGHE, year: 2021, title: t(2021) }) },
      { kind: 'near', miss: misses.find((m) => m.kind === 'summary')!, date: '2024-01-05', publisher: XINGHE, year: 2023 },
      { kind: 'near', miss: misses.find((m) => m.kind === 'final-accounts')!, date: '2023-09-05', publisher: XINGHE, year: 2023 },
      { kind: 'near', miss: misses.find((m) => m.kind === 'website-report')!, date: '2024-01-08', publisher: XINGHE, year: 2023 },
    ];
    const items = byDateDesc(publishEntries(b, layout, entries));
    // VSB counts down: page 1 is zfxxgknb.htm, then zfxxgknb/2.htm … zfxxgknb/1.htm.
    const PER = 2;
    const total = Math.ceil(items.length / PER);
    const vsbPath = (n: number) => (n === 1 ? '/zfxxgk/zfxxgknb.htm' : `/zfxxgk/zfxxgknb/${total - n + 1}.htm`);
    for (const p of pagedList(items, PER, vsbPath, (list, pager) => page('政府信息公开年报', `${list}\n${pager}`, crumbs))) {
      // Item links are relative to /zfxxgk/; pages under /zfxxgk/zfxxgknb/ need one level more.
      put(vsbPath(p.n), p.n === 1 ? p.html : p.html.replace(/href="\.\.\/info\//g, 'href="../../info/'));
    }
    www.put('/robots.txt', { body: utf8('User-agent: *\nDisallow:\n'), contentType: 'text/plain' });

    return {
      id: gbkSite.id, agency: XINGHE, region: '甘肃省天水市', level: 'township', archetype: 'E-static',
      description: 'VSB static GBK site: gb2312 meta, no header charset, GB18030-only characters, 160-byte location.replace shell, count-down pages with 下一页, legacy .doc attachment',
      startUrls: [www.url('/')],
      allowedHosts: [www.host],
      agencies: [{ name: XINGHE, level: 'township' }],
      expectedYears: [2021, 2022, 2023],
    };
  },
};

const SHUYANG = '沭阳县发展和改革局';

export const noCharsetSite: SiteDefinition = {
  id: 'shuyang-nocharset',
  hosts: ['www'],
  build(b: SiteBuild) {
    const www: SampleHost = b.host('www');
    const nav: Link[] = [{ href: '/', text: '首页' }, { href: '/sygfj/zfxxgk/', text: '政府信息公开' }];
    const page = (title: string, main: string, crumbs?: (Link | string)[]) => shell({ title, siteName: SHUYANG, nav, main, breadcrumb: crumbs, charset: null });
    const put = (path: string, html: string) => www.html(path, html, 'text/html');
    put('/', page(SHUYANG, '<p><a href="/sygfj/zfxxgk/">政府信息公开</a></p>'));
    put('/sygfj/zfxxgk/', page('政府信息公开', columnIndex([{ href: '/sygfj/zfxxgkzn/', text: '政府信息公开指南' }, { href: '/sygfj/gknb/', text: '信息公开年报' }]), ['政府信息公开']));
    const crumbs = [{ href: '/sygfj/zfxxgk/', text: '政府信息公开' }, { href: '/sygfj/gknb/', text: '信息公开年报' }];
    const hex = (s: string) => createHash('md5').update(s).digest('hex');
    const layout: Layout = {
      host: www,
      detailPath: (e, i) => `/sygfj/gknb/${e.date.slice(0, 7).replace('-', '')}/${hex(`shuyang-${i}`)}.shtml`,
      attachmentPath: (_e, i, n, ext) => `/sygfj/uploadfiles/${hex(`shuyang-file-${i}-${n}`)}.${ext}`,
      href: (p) => p,
      article: { siteName: SHUYANG, nav, breadcrumb: crumbs, columnName: '信息公开年报', metaStyle: 'trs', bodyStyle: 'article', charset: null },
      indexPrefix: '014314799',
      contentType: 'text/html',
      siteName: SHUYANG,
    };
    const t = (y: number) => `${SHUYANG}${y}年政府信息公开年度报告`;
    const entries: Entry[] = [
      { kind: 'report', agency: SHUYANG, year: 2022, title: t(2022), date: '2023-01-16', body: 'tables', record: generated('shuyang-2022', { agency: SHUYANG, year: 2022, title: t(2022) }) },
      { kind: 'report', agency: SHUYANG, year: 2021, title: t(2021), date: '2022-01-18', body: 'tables', style: 'word', record: generated('shuyang-2021', { agency: SHUYANG, year: 2021, title: t(2021) }) },
      { kind: 'near', miss: { kind: 'rule-of-law', title: `${SHUYANG}2023年法治政府建设年度报告` }, date: '2024-02-05', publisher: SHUYANG, year: 2023 },
    ];
    const items = publishEntries(b, layout, entries);
    // The 2023 report is the real page (Word-exported markup, rowspan=22), byte for byte.
    const realPath = '/sygfj/gknb/202401/2ecfb31a335f4d689220a3a23e24a986.shtml';
    www.put(realPath, { body: readFileSync(corpusPath('shuyang-fgj-2023.html')), contentType: 'text/html' });
    const real = corpusGolden('shuyang-fgj-2023');
    b.expect({ agency: SHUYANG, year: 2023, title: real.record.title, detailUrl: www.url(realPath), documentUrls: [www.url(realPath)], published: '2024-01-17', record: real.record, golden: real.golden });
    const all = byDateDesc([...items, { href: realPath, title: real.record.title, date: '2024-01-17' }]);
    const PER = 2;
    for (const p of pagedList(all, PER, (n) => `/sygfj/gknb/?page=${n}`, (list, pager) => page('信息公开年报', `${list}\n${pager}`, crumbs))) {
      put(`/sygfj/gknb/?page=${p.n}`, p.html);
      if (p.n === 1) put('/sygfj/gknb/', p.html);
    }
    www.put('/sygfj/zfxxgkzn/', { body: utf8(page('政府信息公开指南', '<p>指南</p>')), contentType: 'text/html' });
    return {
      id: noCharsetSite.id, agency: SHUYANG, region: '江苏省宿迁市', level: 'department', archetype: 'E-static',
      description: 'static department site with no charset anywhere (header or meta), ?page=N with 下一页, the real Word-exported report page from the corpus',
      startUrls: [www.url('/')],
      allowedHosts: [www.host],
      agencies: [{ name: SHUYANG, level: 'department' }],
      expectedYears: [2021, 2022, 2023],
    };
  },
};
