/**
 * Confirms a candidate by its content: a title only says "maybe" (docs/SITES.md §2 decision rule).
 * A yearly report carries the template's tables (第二十条第（一）项, 本列数据的勾稽关系,
 * 本年新收政府信息公开申请数量 …) or, before 2019, 政府信息公开 with application figures in its
 * sentences. The reporting year comes from the body when the title has none (统计期限…2021年).
 */
import { REPORT_TABLE_MARKERS } from '../extract/mapper/labels.ts';
import { foldText } from './fold.ts';
import { chineseDigitsToArabic, isReportYear } from './match.ts';

/** How a text was confirmed, for the record and the logs. */
export type Evidence = 'template' | 'freeform' | 'none';

/** Folded markers; a text folded with foldText contains them verbatim when it is a template report. */
const TEMPLATE_MARKERS = REPORT_TABLE_MARKERS.map(foldText);

/** Pre-2019 free-form reports state their figures in sentences: 共收到政府信息公开申请49件. */
const FREEFORM_FIGURES = /申请[^。;；]{0,24}?\d+(?:件|条|份|人次|次)|\d+(?:件|条|份)[^。;；]{0,12}申请/;

/** What a document's text says about it being a report. */
export function reportEvidence(text: string): Evidence {
  const folded = foldText(text);
  if (TEMPLATE_MARKERS.some((m) => folded.includes(m))) return 'template';
  if (folded.includes('政府信息公开') && FREEFORM_FIGURES.test(folded)) return 'freeform';
  return 'none';
}

/** The year is stated near the top (title, first paragraph, 统计期限); later text cites other years. */
const BODY_YEAR_SCAN_CHARS = 20_000;

/** The statistics period sentence: 统计期限自2021年1月1日起至2021年12月31日止. */
const PERIOD = /(?:统计期限|统计时限|统计期间|统计区间|数据统计)[^。]{0,16}?((?:19|20)\d{2})年/;
/** A whole calendar year written as a range: 2021年1月1日至2021年12月31日. */
const YEAR_RANGE = /((?:19|20)\d{2})年1月1日(?:起)?(?:至|到|-|—|~)\1年12月31日/;
/** The report phrase with its year: 2021年(度)政府信息公开工作年度报告, 2021年度报告. */
const YEAR_BEFORE_PHRASE = /((?:19|20)\d{2})年度?[^。]{0,20}?(?:信息公开(?:工作)?(?:年度)?(?:报告|年报)|年度报告)/;

/**
 * The reporting year a body names, or null: the statistics period first, then a whole-year date
 * range, then the year written just before the report phrase. Publication dates (2022年1月20日
 * alone) and URLs are never used.
 */
export function yearFromBody(text: string): number | null {
  const folded = chineseDigitsToArabic(foldText(text.slice(0, BODY_YEAR_SCAN_CHARS)));
  for (const re of [PERIOD, YEAR_RANGE, YEAR_BEFORE_PHRASE]) {
    const m = re.exec(folded);
    if (m && isReportYear(Number(m[1]))) return Number(m[1]);
  }
  return null;
}
