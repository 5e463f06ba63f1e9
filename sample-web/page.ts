/**
 * The HTML every sample site is made of: the page shell (head metas, header navigation, footer),
 * list items, the 政务公开 column pages with their decoy columns, and the detail page of an
 * article with its metadata table, breadcrumb, body container and attachments in every form
 * docs/SITES.md §0 lists. Archetype modules choose the variant; nothing here knows a host.
 */

export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface Link {
  href: string;
  text: string;
}

export interface ShellOptions {
  title: string;
  siteName: string;
  /** `<meta charset>`; null writes none (the no-charset host). */
  charset?: string | null;
  /** Extra `<meta name=… content=…>` pairs (ArticleTitle, PubDate…). */
  metas?: [string, string][];
  nav: Link[];
  /** Breadcrumb after 首页, as links or plain text. */
  breadcrumb?: (Link | string)[];
  main: string;
  /** Extra markup at the end of head (scripts, `<meta http-equiv="refresh">`). */
  head?: string;
  homeHref?: string;
}

/** A complete page: head metas, header with navigation, breadcrumb, main content, footer. */
export function shell(o: ShellOptions): string {
  const charset = o.charset === undefined ? 'utf-8' : o.charset;
  const metas = [['SiteName', o.siteName], ...(o.metas ?? [])].map(([n, c]) => `<meta name="${n}" content="${esc(c)}">`).join('\n');
  const crumbs = o.breadcrumb
    ? `<div class="position">当前位置：<a href="${o.homeHref ?? '/'}">首页</a>${o.breadcrumb.map((c) => ` &gt; ${typeof c === 'string' ? esc(c) : `<a href="${c.href}">${esc(c.text)}</a>`}`).join('')}</div>`
    : '';
  return `<!DOCTYPE html>
<html>
<head>
${charset ? `<meta charset="${charset}">` : ''}
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>${esc(o.title)}</title>
${metas}
<link rel="stylesheet" href="/images/common.css">
${o.head ?? ''}
</head>
<body>
<div class="top"><span>欢迎访问${esc(o.siteName)}</span> <a href="javascript:void(0)">无障碍浏览</a> <a href="javascript:void(0)">繁體</a></div>
<div class="header"><h1 class="logo">${esc(o.siteName)}</h1>
<ul class="nav">${o.nav.map((l) => `<li><a href="${l.href}">${esc(l.text)}</a></li>`).join('')}</ul></div>
<div class="container">
${crumbs}
${o.main}
</div>
<div class="footer"><p>主办：${esc(o.siteName)}办公室 &nbsp; 网站标识码：3213220037 &nbsp; <a href="http://beian.miit.gov.cn/">备案号：冀ICP备05012345号</a></p>
<p><a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a> | <a href="javascript:void(0)" onclick="window.print()">打印本页</a></p></div>
</body>
</html>
`;
}

export interface ListItem {
  href: string;
  /** The full title (a@title). */
  title: string;
  /** The visible text; lists truncate long titles with 「…」. Defaults to the title, truncated. */
  text?: string;
  date: string;
}

/** Visible list text: real lists cut titles at about 24 characters and keep the full one in @title. */
export const LIST_TEXT_LIMIT = 24;

export function truncate(title: string, limit = LIST_TEXT_LIMIT): string {
  const flat = title.replace(/\s+/g, '');
  return flat.length > limit ? `${flat.slice(0, limit)}…` : flat;
}

export function listItem(i: ListItem): string {
  return `<li><a href="${i.href}" target="_blank" title="${esc(i.title)}">${esc(i.text ?? truncate(i.title))}</a><span class="date">${i.date}</span></li>`;
}

/** Lists show the newest first. */
export const byDateDesc = (items: ListItem[]) => [...items].sort((a, b) => b.date.localeCompare(a.date));

export function listHtml(items: ListItem[], cls = 'list'): string {
  return `<ul class="${cls}">\n${items.map(listItem).join('\n')}\n</ul>`;
}

/** The decoy columns every 政务公开 page shows next to the annual-report column. */
export const DECOY_COLUMNS: { slug: string; text: string }[] = [
  { slug: 'zfxxgkzn', text: '政府信息公开指南' },
  { slug: 'zfxxgkzd', text: '政府信息公开制度' },
  { slug: 'fdzdgknr', text: '法定主动公开内容' },
  { slug: 'ysqgk', text: '依申请公开' },
  { slug: 'zwgkgzyd', text: '政务公开工作要点' },
];

/** A 政务公开 landing page: the column tree, the report column among the decoys. */
export function columnIndex(columns: Link[]): string {
  return `<div class="xxgk-nav"><h2>政府信息公开</h2>\n<ul class="column-tree">\n${columns.map((c) => `<li><a href="${c.href}">${esc(c.text)}</a></li>`).join('\n')}\n</ul></div>`;
}

/** How an attachment is linked from the body (docs/SITES.md §0). */
export type AttachmentStyle = 'a' | 'iframe' | 'embed' | 'object' | 'pdfjs' | 'onclick' | 'nfw';

export function attachmentHtml(href: string, name: string, style: AttachmentStyle): string {
  switch (style) {
    case 'a':
      return `<p class="fujian">附件：<a href="${href}" target="_blank">${esc(name)}</a></p>`;
    case 'nfw':
      return `<p><a class="nfw-cms-attachment" href="${href}">${esc(name)}</a></p>`;
    case 'iframe':
      return `<iframe src="${href}" width="100%" height="800" frameborder="0"></iframe>`;
    case 'embed':
      return `<embed src="${href}" type="application/pdf" width="100%" height="800">`;
    case 'object':
      return `<object data="${href}" type="application/pdf" width="100%" height="800"><a href="${href}">${esc(name)}</a></object>`;
    case 'pdfjs':
      return `<p><a href="/pdfjs/web/viewer.html?file=${encodeURIComponent(href)}" target="_blank">${esc(name)}（在线预览）</a></p>`;
    case 'onclick':
      return `<p><a href="javascript:void(0);" onclick="window.open('${href}')">${esc(name)}</a></p>`;
  }
}

/** The metadata block above the title, one variant per vendor family. */
export type MetaStyle = 'trs' | 'jcms' | 'gkmlpt' | 'platform' | 'vsb';

export interface ArticleMeta {
  title: string;
  publisher: string;
  date: string;
  indexNo: string;
  category?: string;
}

export function metaBlock(m: ArticleMeta, style: MetaStyle): string {
  const cat = m.category ?? '政府信息公开年报';
  switch (style) {
    case 'trs':
      return `<table class="xxgk_table"><tr><td>索引号：</td><td>${esc(m.indexNo)}</td><td>主题分类：</td><td>${esc(cat)}</td></tr>
<tr><td>发布机构：</td><td>${esc(m.publisher)}</td><td>发文日期：</td><td>${m.date}</td></tr>
<tr><td>名　　称：</td><td colspan="3">${esc(m.title.replace(/\s+/g, ''))}</td></tr></table>`;
    case 'jcms':
      return `<table class="xxgk_meta"><tr><th>索 引 号</th><td>${esc(m.indexNo)}</td><th>公开方式</th><td>主动公开</td></tr>
<tr><th>成文日期</th><td>${m.date}</td><th>发布机构</th><td>${esc(m.publisher)}</td></tr><tr><th>组配分类</th><td colspan="3">${esc(cat)}</td></tr></table>`;
    case 'gkmlpt':
      return `<div class="classify"><table><tr><td class="td-title">索引号：</td><td>${esc(m.indexNo)}</td><td class="td-title">分类：</td><td>${esc(cat)}</td></tr>
<tr><td class="td-title">发布机构：</td><td>${esc(m.publisher)}</td><td class="td-title">成文日期：</td><td>${m.date}</td></tr>
<tr><td class="td-title">名称：</td><td colspan="3">${esc(m.title)}</td></tr>
<tr><td class="td-title">文号：</td><td></td><td class="td-title">发布日期：</td><td>${m.date}</td></tr></table></div>`;
    case 'platform':
      return `<div class="xxgk-info"><span>索引号：${esc(m.indexNo)}</span><span>发布机构：${esc(m.publisher)}</span>
<span>生成日期：${m.date}</span><span>信息分类：${esc(cat)}</span><span>有效性：有效</span></div>`;
    case 'vsb':
      return `<div class="info">发布机构：${esc(m.publisher)} 索引号：${esc(m.indexNo)} 时间：${m.date} 【<a href="javascript:void(0)">下载Word</a>】【<a href="javascript:void(0)">下载PDF</a>】</div>`;
  }
}

/** Where the body sits: `.TRS_Editor`, `#zoom` between ContentStart/ContentEnd, `.trs_editor_view`. */
export type BodyStyle = 'trs' | 'zoom' | 'view' | 'article';

export function bodyContainer(inner: string, style: BodyStyle): string {
  switch (style) {
    case 'trs':
      return `<div class="TRS_Editor">\n${inner}\n</div>`;
    case 'zoom':
      return `<meta name="ContentStart"><div id="zoom">\n${inner}\n</div><meta name="ContentEnd">`;
    case 'view':
      return `<div class="trs_editor_view TRS_UEDITOR">\n${inner}\n</div>`;
    case 'article':
      return `<div class="article-content" id="zoomcon">\n${inner}\n</div>`;
  }
}

/** The title as the page prints it: some pages break it over two lines (docs/SITES.md §2). */
export function titleHtml(title: string): string {
  return `<h1 class="article-title">${esc(title).replace(/\n/g, '<br>')}</h1>`;
}
