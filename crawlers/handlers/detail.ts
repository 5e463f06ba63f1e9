/**
 * Report candidates: an article page with its body and attachments, or a bare document (a PDF
 * linked from a 汇总 page or straight from a list), whichever the URL serves. Every document is stored
 * once (crawl-context.ts); the candidate goes to the site's list and is committed when the site
 * is done. Interpretations (图解, 文字解读) are followed to the report, never stored as one.
 */
import type { Request } from '@crawlee/core';
import { FetchError, NotAReportError, NianbaoError, UnreadableDocumentError, UnsupportedFormatError } from '../../errors.ts';
import type { DocumentFormat } from '../../extract/document.ts';
import { sniffFormat } from '../../extract/sniff.ts';
import { reportEvidence } from '../confirm.ts';
import { pageText, type CrawlContext, type FetchedDocument } from '../crawl-context.ts';
import type { CrawlData } from '../crawl-data.ts';
import { foldText } from '../fold.ts';
import { detailFacts } from '../html/detail-facts.ts';
import { looksLikeJsShell } from '../html/js-shell.ts';
import type { CheerioAPI } from 'cheerio';
import { pageLinks, type PageLink } from '../html/page-links.ts';
import { classifyLink } from '../links/classify-link.ts';
import { parseHtml } from '../html/parse-html.ts';
import { isSoftNotFound } from '../http/page-signals.ts';
import { matchTitle, type TitleMatch } from '../match.ts';
import { sha256Hex, type ReportDocument } from '../raw-store.ts';
import type { SiteRun } from '../site-run.ts';
import type { DocumentFacts } from '../state/document-facts.ts';
import { hostOf, isHomePage, urlKey } from '../url.ts';
import { followPage } from './listing-follow.ts';
import { queueRender } from './render.ts';
import { decideReport, titleNamesAgency, type CandidateInput } from './report-decision.ts';

/** 【下载Word】【下载PDF】 buttons: conversions of the article's own text. */
const CONVERSION = /下载\s*(?:word|pdf|wps)|(?:word|pdf)\s*下载|转为?(?:word|pdf)/i;

/** Formats whose text the readers can give (the others are stored but not read). */
const READABLE: ReadonlySet<string> = new Set(['pdf', 'docx', 'doc', 'wps', 'txt']);

/** The format of stored bytes, or 'other' (spreadsheets, images, archives). */
function formatOf(doc: FetchedDocument): DocumentFormat | 'other' {
  try {
    return sniffFormat(doc.bytes, doc.finalUrl, new URL(doc.finalUrl).pathname);
  } catch {
    return 'other';
  }
}

/** What sniffing finds that is no document at all (spreadsheets are documents, if unread). */
const NOT_DOCUMENTS: ReadonlySet<string> = new Set(['image', 'executable', 'json', 'zip', 'binary']);

/**
 * Why bytes behind a report link are no document (a picture, a program, JSON, an archive, junk,
 * nothing), or null when they are one: such a candidate is not a report, whatever its link says.
 */
function notADocument(doc: FetchedDocument): string | null {
  try {
    sniffFormat(doc.bytes, doc.finalUrl, new URL(doc.finalUrl).pathname);
    return null;
  } catch (err) {
    if (err instanceof UnsupportedFormatError && NOT_DOCUMENTS.has(err.sniffed)) return err.reason;
    if (err instanceof UnreadableDocumentError) return err.reason;
    return null;
  }
}

const rankOf = (site: SiteRun, url: string) => (hostOf(url) === hostOf(site.config.startUrls[0]!) ? 0 : 1);

/** Records the outcome of a decision: a candidate, or a held-back / rejected page in failures.jsonl. */
function settle(ctx: CrawlContext, site: SiteRun, url: string, input: CandidateInput): void {
  const d = decideReport(site, input);
  if ('candidate' in d) site.addCandidate(d.candidate);
  else ctx.fail(site, url, new NotAReportError(url, d.rejected));
}

/**
 * A report candidate (DETAIL or DOCUMENT request): an article page with its body and attachments,
 * or a document that is the report itself, whichever the URL turns out to serve.
 */
export async function handleCandidate(ctx: CrawlContext, site: SiteRun, request: Request<CrawlData>): Promise<void> {
  const data = request.userData;
  const doc = await ctx.fetchDocument(site, request.url, { headers: data.referer ? { Referer: data.referer } : undefined });
  if (doc.finalUrl !== request.url && isHomePage(doc.finalUrl) && !isHomePage(request.url)) {
    ctx.fail(site, request.url, new FetchError(request.url, null, `redirected to the home page (${doc.finalUrl}): the article is gone`));
    return;
  }
  const notDocument = notADocument(doc);
  if (notDocument) {
    ctx.fail(site, request.url, new NotAReportError(request.url, `not a report: its bytes are no document (${notDocument})${data.hint?.title ? `, though linked as ${data.hint.title}` : ''}`));
    return;
  }
  const format = formatOf(doc);
  if (format !== 'html') return documentCandidate(ctx, site, data, doc, format);
  const { text } = pageText(doc);
  if (isSoftNotFound(text)) {
    ctx.fail(site, request.url, new FetchError(doc.finalUrl, 200, 'soft 404: the page says it does not exist (页面不存在)'));
    return;
  }
  await articleCandidate(ctx, site, data, request.url, doc.finalUrl, text, doc.sha256);
}

/** Report links that make a page without a year or report content a list. */
const MIN_LISTED_REPORTS = 2;

/** True when a page links report candidates the way a column does. */
function listsReports($: CheerioAPI, pageUrl: string): boolean {
  const options = { pageUrl, role: 'list' as const, summary: null, canNavigate: false, canDescend: false };
  let n = 0;
  for (const link of pageLinks($, pageUrl)) {
    const f = classifyLink(link, options);
    if ((f?.kind === 'detail' || f?.kind === 'document') && f.url !== pageUrl && ++n >= MIN_LISTED_REPORTS) return true;
  }
  return false;
}

/** Visible text below which an article page with no report evidence and no attachment is an empty shell. */
const SHELL_TEXT_CHARS = 200;

/**
 * An article page as a report candidate: its title, body and attachments. `html` is the page as
 * fetched, or as rendered (data.kind 'detail' from the browser); `sha256` the stored copy. A page
 * that is an empty shell (the article is drawn by script) goes to the browser first.
 */
export async function articleCandidate(ctx: CrawlContext, site: SiteRun, data: CrawlData, url: string, finalUrl: string, html: string, sha256: string): Promise<void> {
  const request = { url };
  const $ = parseHtml(html);
  const facts = detailFacts($, finalUrl);
  const doc = { finalUrl, sha256 };
  if (!data.renderAs && facts.attachments.length === 0 && reportEvidence(facts.bodyText) === 'none' && (data.viaBrowser || looksLikeJsShell($))) {
    const visible = $('body').clone().find('script, style, noscript').remove().end().text().replace(/\s+/g, '');
    if (visible.length < SHELL_TEXT_CHARS && queueRender(ctx, site, url, { role: data.role, depth: data.depth, referer: data.referer, hint: data.hint, renderAs: 'detail' }, 'article drawn by script')) return;
  }
  const pageMatch = facts.title ? matchTitle(facts.title) : null;
  if (pageMatch?.kind === 'interpretation' || pageMatch?.kind === 'summary') {
    // Not a report: follow its links to the report (an interpretation) or its documents (a 汇总 page).
    const summary = pageMatch.kind === 'summary' ? pageMatch : null;
    followPage(ctx, site, { ...data, kind: data.renderAs ? 'render' : 'page', role: 'list' }, doc.finalUrl, { entries: [], requests: [] }, facts.articleLinks, summary);
    return;
  }
  // A column linked like an article (政府信息公开年报 on an id-shaped URL): no year, no report
  // content, but report links of its own. Read it as the list it is.
  const year = pageMatch?.year ?? data.hint?.match?.year ?? null;
  if (year === null && reportEvidence(facts.bodyText) === 'none' && listsReports($, finalUrl)) {
    ctx.enqueue(site, url, { kind: 'page', role: 'list', depth: 0, column: urlKey(url), referer: data.referer, ...(data.viaBrowser || data.renderAs ? { viaBrowser: true } : {}) });
    return;
  }
  // The page's own title, unless it names no agency while the list's title did.
  const listTitle = data.hint?.title ?? null;
  const title = facts.title && (titleNamesAgency(facts.title) || !titleNamesAgency(listTitle)) ? facts.title : (listTitle ?? facts.title);
  const match: TitleMatch | null = (title ? matchTitle(title) : null) ?? pageMatch ?? data.hint?.match ?? null;

  const documents: ReportDocument[] = [];
  const fingerprints: string[] = [];
  if (facts.bodyHasContent) {
    documents.push({ url: request.url, sha256: doc.sha256, format: 'html', role: 'body' });
    fingerprints.push(sha256Hex(Buffer.from(foldText(facts.bodyText))));
  }
  const attachmentFacts: DocumentFacts[] = [];
  const seen = new Set<string>();
  for (const link of facts.attachments) {
    if (seen.has(link.url)) continue;
    seen.add(link.url);
    const att = await fetchAttachment(ctx, site, link, doc.finalUrl);
    if (!att) continue;
    const attFormat = formatOf(att);
    // A page, or no document at all (a picture, a program, JSON): not a document of the report.
    if (attFormat === 'html' || notADocument(att)) continue;
    documents.push({ url: att.url, sha256: att.sha256, format: attFormat, role: 'attachment' });
    // 【下载Word】【下载PDF】 are made from the article on each request: stored, but not what tells versions apart.
    if (!CONVERSION.test(link.text)) fingerprints.push(att.sha256);
    if (READABLE.has(attFormat)) attachmentFacts.push(await ctx.facts.of(att.sha256, att.bytes, att.url));
  }
  settle(ctx, site, request.url, {
    url: request.url,
    title,
    match,
    bodyText: facts.bodyText,
    bodyEvidence: reportEvidence(facts.bodyText),
    attachments: attachmentFacts,
    clues: { title, publisher: facts.publisher, breadcrumb: facts.breadcrumb, lead: facts.bodyText.slice(0, 300) },
    published: facts.published ?? data.hint?.date ?? null,
    documents,
    fingerprints,
    rank: rankOf(site, request.url),
  });
}

/** An attachment, trying the other readings of its link (pdf.js `file`) when the first fails. */
async function fetchAttachment(ctx: CrawlContext, site: SiteRun, link: PageLink, referer: string): Promise<FetchedDocument | null> {
  const urls = [link.url, ...(link.alternatives ?? [])];
  for (const [i, url] of urls.entries()) {
    if (!site.scope.allows(url)) continue;
    try {
      return await ctx.fetchDocument(site, url, { headers: { Referer: referer } });
    } catch (err) {
      const last = i === urls.length - 1;
      if (last || !(err instanceof FetchError && err.status === 404)) {
        ctx.fail(site, url, err);
        if (!(err instanceof NianbaoError)) throw err;
        return null;
      }
    }
  }
  return null;
}

/** A report that is a file of its own (汇总 page links, list links to PDFs), its title and year read from it. */
async function documentCandidate(ctx: CrawlContext, site: SiteRun, data: CrawlData, doc: FetchedDocument, format: DocumentFormat | 'other'): Promise<void> {
  const facts = READABLE.has(format) ? await ctx.facts.of(doc.sha256, doc.bytes, doc.url) : null;
  const hint = data.hint ?? {};
  const title = facts?.title ?? hint.title ?? null;
  // A document a 汇总 page lists is a report by the page's word, for the page's year.
  const fromSummary: TitleMatch | null = typeof hint.unit === 'string' && hint.year ? { kind: 'report', year: hint.year, correction: false } : null;
  const match = (title ? matchTitle(title) : null) ?? hint.match ?? fromSummary;
  settle(ctx, site, doc.url, {
    url: doc.url,
    title: facts?.title ?? (match?.kind === 'report' ? title : null),
    match,
    bodyText: '',
    bodyEvidence: 'none',
    attachments: facts ? [facts] : [],
    clues: { title: facts?.title ?? hint.title ?? null, publisher: hint.unit ?? null },
    published: hint.date ?? null,
    documents: [{ url: doc.url, sha256: doc.sha256, format, role: 'attachment' }],
    fingerprints: [doc.sha256],
    hintYear: hint.year ?? null,
    rank: rankOf(site, doc.url),
  });
}
