/**
 * HTML text → a cheerio document, parsed with htmlparser2 (cheerio/slim): it is several times
 * faster than parse5 on the long, tag-soup pages government CMSs emit, and as forgiving.
 */
import { load } from 'cheerio/slim';
import type { CheerioAPI } from 'cheerio';

export function parseHtml(html: string): CheerioAPI {
  return load(html) as unknown as CheerioAPI;
}

/** True when text is data (JSON, JSONP, an XML document that is not XHTML) rather than an HTML page. */
export function isDataText(text: string): boolean {
  return /^\uFEFF?\s*(?:[{[]|[\w$.]+\s*\(\s*[{["]|<\?xml(?![\s\S]{0,300}<(?:!doctype\s+html|html)\b)|<datastore\b)/i.test(text.slice(0, 400));
}
