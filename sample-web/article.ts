/**
 * The detail page of an article on a sample site: standard meta tags (ArticleTitle, PubDate,
 * ContentSource, ColumnName), the vendor's metadata block, breadcrumb, title, body container
 * and attachments. Reports and near misses use the same page, as real sites do.
 */
import { attachmentHtml, bodyContainer, esc, metaBlock, shell, titleHtml, type AttachmentStyle, type BodyStyle, type Link, type MetaStyle } from './page.ts';

export interface ArticleOptions {
  siteName: string;
  nav: Link[];
  breadcrumb: (Link | string)[];
  homeHref?: string;
  /** As printed; a `\n` breaks the printed title over two lines (the meta tag keeps one line). */
  title: string;
  publisher: string;
  /** YYYY-MM-DD. */
  date: string;
  indexNo: string;
  columnName: string;
  metaStyle: MetaStyle;
  bodyStyle: BodyStyle;
  /** Inner HTML of the body container. */
  body: string;
  attachments?: { href: string; name: string; style: AttachmentStyle }[];
  charset?: string | null;
  head?: string;
  /** Markup after the body (「点击查看解读」 links, related articles). */
  after?: string;
  category?: string;
}

export function articlePage(o: ArticleOptions): string {
  const oneLine = o.title.replace(/\s*\n\s*/g, '');
  const attachments = (o.attachments ?? []).map((a) => attachmentHtml(a.href, a.name, a.style)).join('\n');
  const main = `<div class="article">
${metaBlock({ title: oneLine, publisher: o.publisher, date: o.date, indexNo: o.indexNo, category: o.category }, o.metaStyle)}
${titleHtml(o.title)}
<div class="article-info"><span>发布时间：${o.date}</span><span>来源：${esc(o.publisher)}</span><span>访问次数：<em id="visits">1024</em></span><span>字号：<a href="javascript:void(0)">大</a> <a href="javascript:void(0)">中</a> <a href="javascript:void(0)">小</a></span></div>
${bodyContainer(o.body + (attachments ? `\n${attachments}` : ''), o.bodyStyle)}
${o.after ?? ''}
<div class="share"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>`;
  return shell({
    title: `${oneLine}_${o.siteName}`,
    siteName: o.siteName,
    charset: o.charset,
    metas: [
      ['ArticleTitle', oneLine],
      ['PubDate', `${o.date} 09:30`],
      ['ContentSource', o.publisher],
      ['ColumnName', o.columnName],
    ],
    nav: o.nav,
    breadcrumb: o.breadcrumb,
    homeHref: o.homeHref,
    head: o.head,
    main,
  });
}
