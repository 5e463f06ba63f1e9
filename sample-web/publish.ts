/**
 * Publishes a column's entries on a host: for each report, near miss or trap link, the detail
 * page (and attachment) at the path the archetype's layout gives, and the list item pointing to
 * it. Reports are recorded in the manifest with their documents; near misses by title; dead links
 * as traps. Archetype modules describe entries and layouts and call this.
 */
import { articlePage, type ArticleOptions } from './article.ts';
import { notFound, utf8, type SampleHost, type StaticResource } from './host.ts';
import { nearMissBody, type NearMiss } from './near-misses.ts';
import { esc, shell, type AttachmentStyle, type Link, type ListItem } from './page.ts';
import { renderReportBody } from './render-report.ts';
import type { SiteBuild } from './site-build.ts';
import type { ExpectedRecord } from './types.ts';

export interface Attachment {
  bytes: Uint8Array;
  ext: 'pdf' | 'docx' | 'doc';
  /** The link text / file name shown. */
  name: string;
  style: AttachmentStyle;
  /** Served slowly (the drip-fed trap). */
  drip?: boolean;
  /** Not part of the report's documents (the oversized scan beside an HTML body). */
  extra?: boolean;
  /**
   * Served as a download endpoint serves it: `application/octet-stream` (or `contentType`) with
   * this `Content-Disposition` header, whose decoded file name is `fileName`.
   */
  download?: { disposition: string; fileName: string; contentType?: string };
}

export interface ReportEntry {
  kind: 'report';
  agency: string;
  year: number;
  /** As the detail page prints it (may hold `\n`). */
  title: string;
  /** The list's a@title when it differs from the page (truncation is automatic). */
  listTitle?: string;
  date: string;
  record: ExpectedRecord;
  golden?: string;
  /** 'tables': the body holds the report; 'short': a line plus the attachment; 'none': only the attachment. */
  body: 'tables' | 'short' | 'none';
  style?: 'plain' | 'word';
  attachments?: Attachment[];
  /** Publisher when the title omits the agency (bare titles). */
  publisher?: string;
  /** A breadcrumb naming the unit, instead of the column's. */
  crumbs?: (Link | string)[];
  version?: number;
  current?: boolean;
  /** Other URLs the same report is listed under (department copies). */
  alternateUrls?: string[];
  /** Set on a copy of a report recorded elsewhere (its canonical URL): served, not recorded again. */
  copyOf?: string;
  extraSentence?: string;
  after?: string;
}

export interface NearMissEntry {
  kind: 'near';
  miss: NearMiss;
  date: string;
  publisher: string;
  year: number;
  reportHref?: string;
}

/** A link whose target answers 404, 200 页面不存在, or never finishes. */
interface DeadLink {
  title: string;
  date: string;
}
export type DeadEntry = (DeadLink & { kind: '404' }) | (DeadLink & { kind: 'soft-404' }) | (DeadLink & { kind: 'stall' });

export type Entry = ReportEntry | NearMissEntry | DeadEntry;

export interface Layout {
  host: SampleHost;
  /** Absolute path of the i-th entry's detail page. */
  detailPath(e: Entry, i: number): string;
  /** Absolute path of an attachment of the i-th entry. */
  attachmentPath(e: ReportEntry, i: number, n: number, ext: string): string;
  /** The path a page links for an attachment stored at `path` (jcms: `downfile.jsp?…`, which 302s to it). */
  attachmentLink?(path: string): string;
  /** The href the list uses for a detail path (relative, absolute path or full URL). */
  href(detailPath: string): string;
  /** Everything of the article page but the entry's own fields. */
  article: Omit<ArticleOptions, 'title' | 'publisher' | 'date' | 'indexNo' | 'body' | 'attachments'>;
  /** Index numbers: `11130523MB0123456X/2024-000NN`. */
  indexPrefix: string;
  /** Last touch on a detail page's HTML (gkmlpt embeds the article's metadata as a script). */
  decorate?(html: string, e: Entry, i: number): string;
  /**
   * Serves an article instead of the static page at its detail path (a single-page portal answers
   * every path with its shell and the article from its API).
   */
  publish?(path: string, article: ArticleOptions, e: ReportEntry | NearMissEntry, i: number): void;
  /** Encodes a page (GBK sites); defaults to UTF-8. */
  encode?: (html: string) => Uint8Array;
  /** Content-Type of pages; null sends none. */
  contentType?: string | null;
  siteName: string;
}

const MIME: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  doc: 'application/msword',
};

/** Serves every entry of a column on its layout's host; returns the list items in entry order. */
export function publishEntries(b: SiteBuild, layout: Layout, entries: Entry[]): ListItem[] {
  const encode = layout.encode ?? utf8;
  const contentType = layout.contentType === undefined ? 'text/html; charset=utf-8' : layout.contentType;
  return entries.map((e, i) => {
    const page = (html: string): StaticResource => ({ body: encode(layout.decorate ? layout.decorate(html, e, i) : html), contentType });
    const path = layout.detailPath(e, i);
    const url = layout.host.url(path);
    if (e.kind === '404') {
      layout.host.put(path, notFound());
      b.traps.notFoundUrls.push(url);
      return { href: layout.href(path), title: e.title, date: e.date };
    }
    if (e.kind === 'soft-404') {
      layout.host.put(path, page(shell({ title: '页面不存在', siteName: layout.siteName, nav: layout.article.nav, main: '<div class="error"><h2>抱歉，您访问的页面不存在或已被删除！</h2><p><a href="/">返回首页</a></p></div>', charset: layout.article.charset })));
      b.traps.softNotFoundUrls.push(url);
      return { href: layout.href(path), title: e.title, date: e.date };
    }
    if (e.kind === 'stall') {
      b.traps.stallUrl = url;
      layout.host.on(path, stallHandler(b.opts.faults));
      return { href: layout.href(path), title: e.title, date: e.date };
    }
    const serve = (article: ArticleOptions, entry: ReportEntry | NearMissEntry) => {
      if (layout.publish) layout.publish(path, article, entry, i);
      else layout.host.put(path, page(articlePage(article)));
    };
    if (e.kind === 'near') {
      const body = nearMissBody(e.miss, e.publisher, e.year, e.reportHref);
      serve({ ...layout.article, title: e.miss.title, publisher: e.publisher, date: e.date, indexNo: indexNo(layout, e.date, i), body, category: '其他' }, e);
      b.nearMiss(e.miss.title);
      return { href: layout.href(path), title: e.miss.title, date: e.date };
    }
    const docs: string[] = [];
    const fileNames: Record<string, string> = {};
    const links = (e.attachments ?? []).map((a, n) => {
      const apath = layout.attachmentPath(e, i, n, a.ext);
      const linkPath = layout.attachmentLink?.(apath) ?? apath;
      const aurl = layout.host.url(linkPath);
      if (a.drip && b.opts.faults) {
        layout.host.on(apath, dripHandler(a.bytes, MIME[a.ext]!, b.opts.dripMs));
        b.traps.dripUrl = aurl;
      } else if (a.download) {
        layout.host.put(apath, { body: a.bytes, contentType: a.download.contentType ?? 'application/octet-stream', headers: { 'Content-Disposition': a.download.disposition } });
        fileNames[aurl] = a.download.fileName;
      } else {
        layout.host.put(apath, { body: a.bytes, contentType: MIME[a.ext]! });
      }
      if (a.extra) b.traps.oversizedUrls.push(aurl);
      else docs.push(aurl);
      return { href: linkPath === apath ? relativeTo(path, apath) : linkPath, name: a.name, style: a.style };
    });
    const publisher = e.publisher ?? e.agency;
    const body = e.body === 'tables'
      ? renderReportBody(e.record, { style: e.style, siteName: layout.siteName, extraSentence: e.extraSentence })
      : e.body === 'short' ? `<p style="text-indent:2em">${esc(e.title.replace(/\s*\n\s*/g, ''))}详见附件。</p>` : '';
    serve({ ...layout.article, ...(e.crumbs ? { breadcrumb: e.crumbs } : {}), title: e.title, publisher, date: e.date, indexNo: indexNo(layout, e.date, i), body, attachments: links, after: e.after }, e);
    const numbersIn = e.body === 'tables' ? url : (docs[0] ?? url);
    if (!e.copyOf) b.expect({
      agency: e.agency, year: e.year, title: e.title, detailUrl: url,
      documentUrls: e.body === 'none' ? docs : [url, ...docs],
      published: e.date, numbersIn, record: e.record, golden: e.golden,
      version: e.version, current: e.current, ...(e.alternateUrls ? { alternateUrls: e.alternateUrls } : {}),
      ...(Object.keys(fileNames).length ? { fileNames } : {}),
    });
    return { href: layout.href(path), title: e.listTitle ?? e.title.replace(/\s*\n\s*/g, ''), date: e.date };
  });
}

const indexNo = (l: Layout, date: string, i: number) => `${l.indexPrefix}/${date.slice(0, 4)}-${String(100 + i).padStart(5, '0')}`;

/** The relative href from a page to a file beside or below it (`./P0….pdf`), else the absolute path. */
export function relativeTo(fromPath: string, toPath: string): string {
  const dir = fromPath.slice(0, fromPath.lastIndexOf('/') + 1);
  return toPath.startsWith(dir) ? `./${toPath.slice(dir.length)}` : toPath;
}

/** Sends the bytes in small pieces spread over `totalMs`: the slow host of docs/SITES.md §4. */
function dripHandler(bytes: Uint8Array, type: string, totalMs: number) {
  const PIECES = 20;
  return async ({ res }: { res: import('node:http').ServerResponse }) => {
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': String(bytes.byteLength) });
    const step = Math.ceil(bytes.byteLength / PIECES);
    for (let at = 0; at < bytes.byteLength; at += step) {
      if (res.destroyed) return;
      res.write(bytes.subarray(at, at + step));
      await new Promise((r) => setTimeout(r, totalMs / PIECES));
    }
    res.end();
  };
}

/** Sends headers and a first few bytes, then nothing more until the client gives up (or `close()`). */
function stallHandler(faults: boolean) {
  return ({ res }: { res: import('node:http').ServerResponse }) => {
    if (!faults) {
      const nf = notFound();
      res.writeHead(404, { 'Content-Type': nf.contentType! });
      res.end(nf.body as Uint8Array);
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.write('<!DOCTYPE html><html><head><title>');
  };
}
