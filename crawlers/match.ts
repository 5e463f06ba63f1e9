/**
 * Is this title a yearly disclosure report (政府信息公开工作年度报告), and for which year?
 * docs/SITES.md §2 lists the forms to accept, §3 the near misses to reject. A title only makes a
 * candidate: the crawler confirms it by content (confirm.ts) before storing it as a report.
 */
import { foldText } from './fold.ts';

/** What a title says it is. */
export type TitleKind =
  /** A yearly report (政府信息公开工作年度报告 and its variants). */
  | 'report'
  /** Close to a report but not one by its words (工作总结): fetched and kept only if the content confirms it. */
  | 'loose'
  /** A page of many units' reports (「2023年度政府信息公开年报汇总」): a list, not a report. */
  | 'summary'
  /** An interpretation (文字解读, 图解) of a report: follow its links, never store it. */
  | 'interpretation';

export interface TitleMatch {
  kind: TitleKind;
  /** The reporting year the title names, or null (bare titles: the body says). */
  year: number | null;
  /** The title marks a re-publication: （更正）, （修订版）, 更正版. */
  correction: boolean;
}

/**
 * The report phrase, folded: 政府信息公开工作年度报告 with 政府 or 工作 dropped, 政务公开 for 政府信息公开,
 * 年报 for 年度报告 (政府信息公开年报). 信息公开年报 alone also names the column, so it only counts in a title.
 */
const REPORT_PHRASE = /(?:政府|政务)?信息公开(?:工作)?(?:年度)?(?:报告|年报)|政务公开(?:工作)?年度报告/;

/** Words that make a title about the report rather than the report (docs/SITES.md §3). */
const ABOUT_THE_REPORT =
  /格式|通知|印发|做好|编制|报送|部署|召开|会议|培训|制度|指南|要点|目录|考核|评议|督查|通报|检查|征求意见|申报|模板|范本|样本|说明会|发布会|工作推进|专栏|名单/;

/** An interpretation of a report: 解读, 图解, 问答, 一图读懂. */
const INTERPRETATION = /解读|图解|一图|读懂|问答|答记者问|政策解析/;

/** 汇总 pages list many units' reports. */
const SUMMARY = /汇总|汇编|合集|一览/;

/** A year report of another kind: 法治政府建设, 绩效, 决算, 统计公报, 工商/企业年报, 网站年度报表. */
const OTHER_REPORT = /法治政府|绩效|决算|预算|统计公报|企业年度|工商年报|网站工作年度报表|政务新媒体|报表/;

/** 工作总结 without the report phrase: the docs/SITES.md §3 neighbour held back unless its content confirms it. */
const LOOSE_PHRASE = /(?:政府|政务)?信息公开工作(?:总结|情况)/;

/** Suffixes marking a corrected re-publication. */
const CORRECTION = /更正|修订|修正|勘误|重新发布/;

/** Reporting years the crawler accepts: the 条例 of 2007 started the reports (2008). */
export const MIN_REPORT_YEAR = 2007;
export const MAX_REPORT_YEAR = 2100;

const CN_DIGIT: Record<string, string> = { 〇: '0', 零: '0', O: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };

/** 二〇二三 / 二零二三 → "2023" (4 Chinese digits before 年; the O of 二O二三 typed with a Latin letter too). */
export function chineseDigitsToArabic(s: string): string {
  return s.replace(/[〇零O一二三四五六七八九]{4}(?=年)/g, (m) => [...m].map((c) => CN_DIGIT[c] ?? c).join(''));
}

/** True for a year a report can be about. */
export const isReportYear = (y: number): boolean => Number.isInteger(y) && y >= MIN_REPORT_YEAR && y <= MAX_REPORT_YEAR;

/** The year a title names: the `YYYY年` nearest before the report phrase, else the first one. */
function titleYear(folded: string, phraseAt: number): number | null {
  const text = chineseDigitsToArabic(folded);
  let best: number | null = null;
  for (const m of text.matchAll(/(?<!\d)((?:19|20)\d{2})年/g)) {
    const y = Number(m[1]);
    if (!isReportYear(y)) continue;
    if (m.index! <= phraseAt || best === null) best = y;
    if (m.index! > phraseAt) break;
  }
  return best;
}

/**
 * Classifies a title (a link's text or `title` attribute, a page's ArticleTitle). Returns null for
 * anything that is not a report, a loose candidate, a summary page or an interpretation.
 */
export function matchTitle(title: string): TitleMatch | null {
  const folded = foldText(title).replace(/\.{3}|…+$/g, '');
  if (!folded) return null;
  const correction = CORRECTION.test(folded);
  const phrase = REPORT_PHRASE.exec(folded);
  if (!phrase) {
    const loose = LOOSE_PHRASE.exec(folded);
    if (!loose || ABOUT_THE_REPORT.test(folded) || INTERPRETATION.test(folded) || OTHER_REPORT.test(folded)) return null;
    return { kind: 'loose', year: titleYear(folded, loose.index), correction };
  }
  const year = titleYear(folded, phrase.index);
  if (INTERPRETATION.test(folded)) return { kind: 'interpretation', year, correction: false };
  if (SUMMARY.test(folded)) return { kind: 'summary', year, correction: false };
  if (ABOUT_THE_REPORT.test(folded) || OTHER_REPORT.test(folded.replace(REPORT_PHRASE, ''))) return null;
  return { kind: 'report', year, correction };
}

/** Column names of the report column (政府信息公开年报, 政府信息公开工作年度报告, 年度报告, 信息公开年报, 年报). */
const REPORT_COLUMN_NAME = /^(?:(?:政府|政务|部门|单位|乡镇|街道)?信息公开)?(?:工作)?(?:年度报告|年报)(?:专栏)?$|^(?:政府|政务)?信息公开(?:工作)?年度报告/;

/** Path segments seen for the report column (docs/SITES.md §0): zfxxgknb, xxgknb, gknb, nb, ndbg, bmnb, … */
const REPORT_COLUMN_SLUG = /^(?:[a-z]*xxgk[a-z]*nb|[a-z]*nb|[a-z]*ndbg|gknb\d{4}|zfxxgknb\d{4}|[a-z]*annualreport)(?:_\d+)?$/i;

/** True when a link text names the report column. */
export function isReportColumnName(text: string): boolean {
  const folded = foldText(text);
  // 专栏 names a column (年报专栏); the other words of ABOUT_THE_REPORT name notices.
  return folded.length <= 20 && REPORT_COLUMN_NAME.test(folded) && !ABOUT_THE_REPORT.test(folded.replace(/专栏$/, ''));
}

/** True when one of the URL's path segments is a report-column slug. */
export function hasReportColumnSlug(url: string): boolean {
  const segments = new URL(url).pathname.split('/').filter(Boolean).map((s) => s.replace(/\.\w+$/, ''));
  return segments.some((s) => REPORT_COLUMN_SLUG.test(s));
}

/** Names of the disclosure section that holds the report column (政务公开, 政府信息公开, 信息公开). */
const PORTAL_NAME = /^(?:政务公开|政府信息公开|信息公开|政务信息公开|政府信息公开专栏|政务公开专栏|公开目录|政府信息公开目录|信息公开目录)$/;

/** Slugs of the disclosure section (zwgk, zfxxgk, xxgk, gongkai, gkml). */
const PORTAL_SLUG = /^(?:zwgk|zfxxgk|xxgk|gongkai|gkml|gkmlpt|zfxxgkml|xxgkml|public)(?:_\d+)?$/i;

/** True when a link (text or URL) leads to the disclosure section. */
export function isPortalLink(text: string, url: string): boolean {
  if (PORTAL_NAME.test(foldText(text))) return true;
  const u = new URL(url);
  if (/^(?:xxgk|zwgk|gongkai)\./i.test(u.hostname)) return u.pathname === '/' || /^\/index\.\w+$/.test(u.pathname);
  // The link's own folder or file names the section (/zwgk/, /zfxxgk.htm), not a folder above it.
  const own = u.pathname.replace(/\/(?:index|default)\.\w+$/i, '/').split('/').filter(Boolean).pop()?.replace(/\.\w+$/, '');
  return !!own && PORTAL_SLUG.test(own);
}
