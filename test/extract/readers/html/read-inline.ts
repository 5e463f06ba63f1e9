/** Test helpers: read an HTML string with the HTML reader and look at its blocks. */
import type { Document, Grid, Paragraph } from '../../../../extract/document.ts';
import { readHtml } from '../../../../extract/readers/html.ts';

export const read = (html: string, source = 'inline.html'): Promise<Document> => readHtml(Buffer.from(html, 'utf8'), source);
export const gridsOf = (doc: Document) => doc.blocks.filter((b): b is Grid => b.kind === 'grid');
export const paragraphsOf = (doc: Document) => doc.blocks.filter((b): b is Paragraph => b.kind === 'paragraph');
export const textsOf = (g: Grid) => g.rows.map((r) => r.map((c) => c.text));
/** A page whose body is `body`, with enough chrome around it to make the content root matter. */
export const page = (body: string, head = '') =>
  `<!DOCTYPE html><html><head><meta charset="utf-8">${head}</head><body><div class="nav"><a href="/">首页</a><a href="/zwgk">政务公开</a></div>${body}<div class="footer">版权所有</div></body></html>`;
