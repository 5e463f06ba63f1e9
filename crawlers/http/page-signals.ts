/**
 * What a response is, beyond its status: an anti-bot challenge (docs/SITES.md §4: 瑞数 412 with `$_ts`,
 * 加速乐 521 with `__jsl_clearance`, Aliyun `acw_sc__v2`), a 200 「访问过于频繁」 block page, a soft
 * 404 (200 with 页面不存在), or a JavaScript/meta-refresh redirect shell. Reads the first bytes
 * only: these pages are small, and a report is never one of them.
 */
import type { IncomingHttpHeaders } from 'node:http';

/** Challenge and block pages are short; a body beyond this is content. */
const SIGNAL_SCAN_BYTES = 16 * 1024;
/** A redirect shell is a few hundred bytes (about 160 on real sites); beyond this a page is content. */
const REDIRECT_SHELL_MAX_BYTES = 4 * 1024;
/** Visible text of a redirect shell ("正在跳转…"); a page with more text is content with a script in it. */
const REDIRECT_SHELL_MAX_TEXT = 200;

/** Markers of the JavaScript challenges, with the vendor named in the error. */
const CHALLENGES: { vendor: string; statuses: number[] | 'any'; body?: RegExp; cookie?: RegExp }[] = [
  { vendor: '瑞数 (412 $_ts)', statuses: [412, 202, 200], body: /\$_ts\s*=|\$_ts\.|FSSBBIl1UgzbN7N80S/, cookie: /FSSBBIl1UgzbN7N80S/ },
  { vendor: '加速乐 (521 __jsl_clearance)', statuses: [521, 200], body: /__jsl_clearance|__jsluid/, cookie: /__jsluid|__jsl_clearance/ },
  { vendor: 'Aliyun (acw_sc__v2)', statuses: 'any', body: /acw_sc__v2|acw_sc_v2/, cookie: /acw_sc__v2|acw_tc/ },
];

const head = (body: Uint8Array) => Buffer.from(body.subarray(0, SIGNAL_SCAN_BYTES)).toString('latin1');
const headUtf8 = (body: Uint8Array) => Buffer.from(body.subarray(0, SIGNAL_SCAN_BYTES)).toString('utf8');

/** The challenge vendor when a response is an anti-bot JavaScript challenge, else null. */
export function challengeVendor(status: number, headers: IncomingHttpHeaders, body: Uint8Array): string | null {
  const text = head(body);
  const cookies = ([] as string[]).concat(headers['set-cookie'] ?? []).join('; ');
  for (const c of CHALLENGES) {
    if (c.statuses !== 'any' && !c.statuses.includes(status)) continue;
    const byBody = c.body?.test(text) ?? false;
    // A challenge cookie alone, on a page that is otherwise content, is not a challenge (acw_tc on every response).
    const byCookie = (c.cookie?.test(cookies) ?? false) && (status === 412 || status === 521) && body.length < SIGNAL_SCAN_BYTES;
    if (byBody && body.length < SIGNAL_SCAN_BYTES * 4) return c.vendor;
    if (byCookie) return c.vendor;
  }
  return null;
}

/** 「访问过于频繁」 and kin: a rate-limit page served with 200. */
const BLOCK_PAGE = /访问过于频繁|访问太频繁|请求过于频繁|访问频率过快|操作过于频繁|访问受限|请稍后再试|频繁访问/;

/** True when a 200 response is a rate-limit block page (short, and says so). */
export function isBlockPage(body: Uint8Array): boolean {
  if (body.length >= SIGNAL_SCAN_BYTES) return false;
  const text = headUtf8(body);
  // A page says so in its visible text; a script or data file only quotes the words in an error message.
  if (/^\uFEFF?\s*</.test(text)) return BLOCK_PAGE.test(visibleText(text));
  return text.length < BLOCK_TEXT_MAX_CHARS && BLOCK_PAGE.test(text);
}

/** A block page sent as plain text is a sentence or two. */
const BLOCK_TEXT_MAX_CHARS = 300;

/** 页面不存在 and kin: a missing page served with 200. */
const SOFT_404 = /页面不存在|您访问的页面不存在|页面已删除|该页面已被删除|信息已删除|文章不存在|找不到(?:该|您要访问的)?页面|页面未找到|404\s*(?:Not\s*Found|错误|页面)|Page Not Found|稿件已撤|已被撤稿|内容已过期/i;

/**
 * True when an HTML page says it does not exist. Only the page's own short text counts: a real
 * report never consists of such a sentence, but a long article may quote one.
 */
export function isSoftNotFound(text: string): boolean {
  const compact = visibleText(text);
  return compact.length < SOFT_404_MAX_TEXT && SOFT_404.test(compact);
}

/** A soft-404 page says little; a page with more visible text than this is content. */
const SOFT_404_MAX_TEXT = 2000;

/** The text a reader sees in an HTML page, white space removed (scripts, styles and tags dropped). */
function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>|<!--[\s\S]*?-->/gi, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, '');
}

/**
 * The target of a redirect shell: `location.replace('…')`, `location.href = '…'`,
 * `window.location = '…'` or `<meta http-equiv="refresh" content="0;url=…">` in a small page.
 * Returns the raw href (relative or absolute) or null.
 */
export function softRedirectTarget(body: Uint8Array): string | null {
  if (body.length > REDIRECT_SHELL_MAX_BYTES) return null;
  const text = headUtf8(body);
  if (visibleText(text).length > REDIRECT_SHELL_MAX_TEXT) return null;
  const meta = /<meta[^>]+http-equiv\s*=\s*["']?refresh["']?[^>]*content\s*=\s*["']?\s*\d*\s*;?\s*url\s*=\s*['"]?([^"'>\s]+)/i.exec(text);
  if (meta) return meta[1]!;
  // Only a script that runs on load redirects: `onclick="location.href='…'"` on a row or menu item is a link.
  const scripts = [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1]).join('\n');
  const js =
    /(?:window\.|self\.|top\.|document\.)?location(?:\.href)?\s*(?:=|\.replace\(|\.assign\()\s*["']([^"']+)["']/.exec(scripts);
  return js ? js[1]! : null;
}
