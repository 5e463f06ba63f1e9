/**
 * Reports without the template's tables (before 2019, and stragglers): the figures the text
 * states in sentences (共收到政府信息公开申请49件, 未发生行政复议) — what is stated, nothing more.
 * Every figure taken is named in a warning, so a person can check the sentence.
 */
import type { Document } from '../document.ts';
import type { ApplicantRow, Provenance, ReportRecord } from '../record.ts';

const NUM = '(\\d[\\d,，]*)';
const BEFORE = '[^，,。；;：:\\d]{0,12}?';

interface Figure {
  row: string;
  pattern: RegExp;
}

/** Sentence patterns → table-3 rows (总计 column only: the text does not split by applicant). */
const APPLICATION_FIGURES: Figure[] = [
  { row: 'new_received', pattern: new RegExp(`(?:共|累计|全年)?(?:收到|受理|接到|接收|新收)${BEFORE}(?:政府信息公开|依申请公开)?申请${BEFORE}${NUM}\\s*(?:件|个|条|份)`) },
  { row: 'carried_over', pattern: new RegExp(`上年结转${BEFORE}${NUM}\\s*件`) },
  { row: 'granted', pattern: new RegExp(`(?:予以公开|同意公开)${BEFORE}${NUM}\\s*件`) },
  { row: 'partially_granted', pattern: new RegExp(`部分公开${BEFORE}${NUM}\\s*件`) },
  { row: 'total_processed', pattern: new RegExp(`(?:办结|答复|办理完毕)${BEFORE}${NUM}\\s*件`) },
  { row: 'carried_forward', pattern: new RegExp(`(?:结转(?:到|至)?下(?:一)?年(?:度)?|转下一年度)${BEFORE}${NUM}\\s*件`) },
];

const NONE_RECEIVED = /(?:未|没有)(?:收到|受理|接到)(?:过)?(?:任何)?(?:政府信息公开|依申请公开)?申请/;
const NO_REVIEW = /(?:未|没有)(?:发生|出现)?[^。]{0,20}?行政复议/;
const NO_LITIGATION = /(?:未|没有)(?:发生|出现)?[^。]{0,20}?行政诉讼/;
const REPORT_WORDS = /(政府信息公开|政务公开)[^。]{0,20}(年度报告|年报|工作报告)/;

const n = (s: string) => Number(s.replace(/[,，]/g, ''));

/** Figures stated in the text; null when the text states none (then it is not a report we can use). */
export function freeformFigures(doc: Document, title: string | null): {
  applications: ReportRecord['applications'];
  review_litigation: ReportRecord['review_litigation'];
  warnings: string[];
  provenance: Record<string, Provenance>;
} | null {
  const text = doc.blocks.map((b) => (b.kind === 'paragraph' ? b.text : b.rows.map((r) => r.map((c) => c.text).join(' ')).join('\n'))).join('\n');
  if (!REPORT_WORDS.test(`${title ?? ''}\n${text}`)) return null;
  const warnings: string[] = [];
  const apps: Record<string, ApplicantRow> = {};
  const provenance: Record<string, Provenance> = {};
  const total = (v: number): ApplicantRow => [null, null, null, null, null, null, v];
  for (const f of APPLICATION_FIGURES) {
    const m = f.pattern.exec(text);
    if (m) {
      apps[f.row] = total(n(m[1]!));
      provenance[`applications.${f.row}[6]`] = sentenceProvenance(doc, m[0]);
      warnings.push(`freeform: ${f.row} total ${n(m[1]!)} taken from the sentence '${m[0]}'`);
    }
  }
  if (!apps.new_received && NONE_RECEIVED.test(text)) {
    apps.new_received = total(0);
    warnings.push(`freeform: new_received 0 from '${NONE_RECEIVED.exec(text)![0]}'`);
  }
  let review: ReportRecord['review_litigation'] = null;
  const noReview = NO_REVIEW.test(text);
  const noLitigation = NO_LITIGATION.test(text);
  if (noReview || noLitigation) {
    const zero = (yes: boolean) => ({ upheld: null, corrected: null, other: null, pending: null, total: yes ? 0 : null });
    review = { review: zero(noReview), litigation_direct: zero(noLitigation), litigation_after_review: zero(noLitigation) };
    warnings.push(`freeform: ${[noReview && 'no administrative review', noLitigation && 'no litigation'].filter(Boolean).join(', ')} stated; totals 0`);
  }
  if (!Object.keys(apps).length && !review) return null;
  warnings.push('freeform: no statistical tables; only the figures stated in the text are recorded, the rest is missing');
  return { applications: Object.keys(apps).length ? apps : null, review_litigation: review, warnings, provenance };
}

/** Where a sentence is printed: the first paragraph holding it (its page/box or line), else just the sentence. */
export function sentenceProvenance(doc: Document, sentence: string): Provenance {
  for (const b of doc.blocks) if (b.kind === 'paragraph' && b.text.includes(sentence)) return { text: sentence, ...(b.pos ?? {}) };
  return { text: sentence };
}
