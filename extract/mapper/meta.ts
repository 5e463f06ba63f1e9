/**
 * Title, agency and reporting year. The title is the document's own (meta) title or the first
 * report-title line of the body, joined when printed over two lines (agency / year + 报告); the
 * year is the year reported on (2022年度, 二〇二二年), from the title, else the body's 统计期限;
 * the agency is what the title prints before the year.
 */
import type { Document } from '../document.ts';

/** A title line is at most this long. */
const MAX_TITLE_CHARS = 80;
/** The agency line above a title printed over two lines is at most this long. */
const MAX_AGENCY_LINE_CHARS = 40;
/** How many leading paragraphs may hold the title. */
const TITLE_SEARCH_BLOCKS = 12;

const TITLE_WORDS = /(年度报告|年报|年度工作报告|工作报告|年度報告|年報)/;
const CN_YEAR_DIGITS: Record<string, string> = { 〇: '0', '○': '0', 零: '0', Ｏ: '0', O: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };

/** Removes white space and Markdown markers; fullwidth digits to ASCII. */
export function cleanTitle(s: string): string {
  return s
    .replace(/[\s\u00a0\u3000]+/g, '')
    .replace(/^#+/, '')
    .replace(/\*\*/g, '')
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** The first year written as 2022年 / 2022年度 / 二〇二二年 in `s`, and where it starts and ends. */
export function findYear(s: string): { year: number; index: number; end: number } | null {
  const t = s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const m = /((?:19|20)\d{2})\s*年/.exec(t);
  const cn = /([二一][〇○零ＯO一二三四五六七八九]{3})\s*年/.exec(t);
  const arabic = m ? { year: Number(m[1]), index: m.index, end: m.index + m[0].length } : null;
  const chinese = cn ? { year: Number([...cn[1]!].map((c) => CN_YEAR_DIGITS[c] ?? '').join('')), index: cn.index, end: cn.index + cn[0].length } : null;
  const best = [arabic, chinese].filter((x): x is NonNullable<typeof x> => !!x && x.year >= 1990 && x.year <= 2100).sort((a, b) => a.index - b.index)[0];
  return best ?? null;
}

function isTitleLine(s: string): boolean {
  // Longer printed text cannot clean down to a title (cleaning drops white space and marks only).
  if (s.length > 20 * MAX_TITLE_CHARS) return false;
  const t = cleanTitle(s);
  return t.length <= MAX_TITLE_CHARS && TITLE_WORDS.test(t) && /(政府信息|信息公开|政务公开|政府信息公開|資訊公開)/.test(t);
}

/** The body's title: the first report-title line, joined with the agency line above it where split. */
export function bodyTitle(doc: Document): string | null {
  const paras: string[] = [];
  for (const b of doc.blocks.slice(0, TITLE_SEARCH_BLOCKS)) {
    if (b.kind !== 'paragraph') break;
    paras.push(b.text);
  }
  const i = paras.findIndex(isTitleLine);
  if (i < 0) return null;
  let title = cleanTitle(paras[i]!);
  const prev = i > 0 ? cleanTitle(paras[i - 1]!) : '';
  const yearFirst = findYear(title)?.index === 0;
  if (yearFirst && prev && prev.length <= MAX_AGENCY_LINE_CHARS && !/[。，,.；;：:（）()]/.test(prev) && !findYear(prev)) {
    title = prev + title;
  }
  return title;
}

/** Picks the title: the document's own when it names agency and year, else the body's when that does. */
export function chooseTitle(doc: Document): string | null {
  const own = doc.meta.title ? cleanTitle(doc.meta.title) : null;
  const body = bodyTitle(doc);
  const complete = (t: string | null) => !!t && !!findYear(t) && !!agencyFromTitle(t);
  if (complete(own)) return own;
  if (complete(body)) return body;
  return own ?? body;
}

/** The agency printed before the year ("…局2023年…"), or between the year and 政府信息公开. */
export function agencyFromTitle(title: string | null): string | null {
  if (!title) return null;
  const y = findYear(title);
  if (!y) return null;
  let before = title.slice(0, y.index).replace(/关于$/, '').replace(/[《“"]+$/, '');
  if (!before) {
    const after = title.slice(y.end).replace(/^度/, '');
    const m = /^(.*?)(政府信息公开|信息公开|政务公开|政府信息公開)/.exec(after);
    before = m ? m[1]! : '';
  }
  return before || null;
}

/** The statistics period the body states (统计期限自2021年1月1日起…), or the body's most frequent 20XX年. */
export function yearFromBody(doc: Document): number | null {
  const text = doc.blocks.filter((b) => b.kind === 'paragraph').map((b) => (b.kind === 'paragraph' ? b.text : '')).join('\n');
  const period = /(?:统计期限|统计时限|统计期间|数据统计)[^。]{0,20}?((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日/.exec(text) ?? /((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日\s*(?:起)?\s*至\s*\1\s*年\s*12\s*月\s*31\s*日/.exec(text);
  if (period) return Number(period[1]);
  const counts = new Map<number, number>();
  for (const m of text.matchAll(/((?:19|20)\d{2})\s*年度?/g)) counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
  return best ? best[0] : null;
}
