/**
 * Reports without the template's tables (before 2019, and stragglers): the figures the text
 * states in sentences (共收到政府信息公开申请49件, 未发生行政复议) — what is stated, nothing more.
 * Every figure taken is named in a warning, so a person can check the sentence.
 */
import type { Document } from '../document.ts';
import type { ApplicantRow, Provenance, ReportRecord } from '../record.ts';

const NUM = '(\\d[\\d,，]*)';
const BEFORE = '[^，,。；;：:\\d]{0,12}?';
/** The same, not across a list's 、 (行政复议、提起行政诉讼的情况 is a heading, not a figure). */
const BEFORE_NO_LIST = '[^，,。；;：:、\\d]{0,12}?';

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
  { row: 'unable_not_held', pattern: new RegExp(`(?:信息不存在|本机关不掌握)${BEFORE}${NUM}\\s*件`) },
  { row: 'unable_unclear', pattern: new RegExp(`申请内容不明确${BEFORE}${NUM}\\s*件`) },
  { row: 'rejected_duplicate', pattern: new RegExp(`重复申请${BEFORE}${NUM}\\s*件`) },
  { row: 'total_processed', pattern: new RegExp(`(?:办结|答复|办理完毕)${BEFORE}${NUM}\\s*件`) },
  { row: 'carried_forward', pattern: new RegExp(`(?:结转(?:到|至)?下(?:一)?年(?:度)?|转下一年度)${BEFORE}${NUM}\\s*件`) },
  // 另有3件因在法定答复期限内，结转下年度办理: the figure before the words.
  { row: 'carried_forward', pattern: new RegExp(`${NUM}\\s*件[^。；;\\d]{0,20}?(?:结转(?:到|至)?下(?:一)?年(?:度)?|转下一年度)`) },
];

/** 其中自然人申请287件: the 自然人 column of new_received. */
const NATURAL_PERSON = new RegExp(`自然人${BEFORE}${NUM}\\s*件`);
/** 被申请行政复议3件，其中维持原行政行为2件、纠正1件 */
const REVIEW = new RegExp(`行政复议${BEFORE_NO_LIST}${NUM}\\s*件`);
const REVIEW_UPHELD = new RegExp(`维持${BEFORE}${NUM}\\s*件`);
const REVIEW_CORRECTED = new RegExp(`纠正${BEFORE}${NUM}\\s*件`);
/** 未经复议直接提起行政诉讼1件 (a bare 被提起行政诉讼N件 names no group). */
const LITIGATION_DIRECT = new RegExp(`(?:未经复议|直接)${BEFORE}行政诉讼${BEFORE}${NUM}\\s*件`);
/** 被提起行政诉讼0件: litigation of no kind. */
const LITIGATION_ANY = new RegExp(`行政诉讼${BEFORE_NO_LIST}${NUM}\\s*件`);
const NONE_RECEIVED = /(?:未|没有)(?:收到|受理|接到)(?:过)?(?:任何)?(?:政府信息公开|依申请公开)?申请/;
const NO_REVIEW = /(?:未(?!经)|没有)(?:发生|出现)?[^。]{0,20}?行政复议/;
const NO_LITIGATION = /(?:未(?!经)|没有)(?:发生|出现)?[^。]{0,20}?行政诉讼/;
const REPORT_WORDS = /(政府信息公开|政务公开)[^。]{0,20}(年度报告|年报|工作报告)/;

const n = (s: string) => Number(s.replace(/[,，]/g, ''));

/** Figures stated in the text; null when the text states none (then it is not a report we can use). */
export function freeformFigures(doc: Document, title: string | null): {
  applications: ReportRecord['applications'];
  review_litigation: ReportRecord['review_litigation'];
  warnings: string[];
  provenance: Record<string, Provenance>;
} | null {
  const lines = doc.blocks.map((b) => (b.kind === 'paragraph' ? b.text : b.rows.map((r) => r.map((c) => c.text).join(' ')).join('\n'))).join('\n');
  // A sentence wrapped over lines (text taken from a PDF: '被提起行政诉' / '讼0件。') is one sentence.
  const text = lines.replace(/([^\s。；;！？!?])\n+(?=\S)/g, '$1');
  if (!REPORT_WORDS.test(`${title ?? ''}\n${text}`)) return null;
  const warnings: string[] = [];
  const apps: Record<string, ApplicantRow> = {};
  const provenance: Record<string, Provenance> = {};
  const total = (v: number): ApplicantRow => [null, null, null, null, null, null, v];
  for (const f of APPLICATION_FIGURES) {
    if (apps[f.row]) continue;
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
  const natural = apps.new_received ? NATURAL_PERSON.exec(text) : null;
  if (natural) {
    apps.new_received![0] = n(natural[1]!);
    warnings.push(`freeform: new_received natural_person ${n(natural[1]!)} taken from the sentence '${natural[0]}'`);
  }
  // A group stated as none (未发生…, 0件) is 0 in every count; a stated figure fills its total
  // (and 维持/纠正 where the sentence names them); a group not stated stays null.
  type Group = { upheld: number | null; corrected: number | null; other: number | null; pending: number | null; total: number | null };
  const empty = (): Group => ({ upheld: null, corrected: null, other: null, pending: null, total: null });
  const none = (): Group => ({ upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 });
  const groups = { review: empty(), litigation_direct: empty(), litigation_after_review: empty() };
  let stated = false;
  const noReview = NO_REVIEW.exec(text);
  const noLitigation = NO_LITIGATION.exec(text);
  if (noReview) groups.review = none();
  if (noLitigation) {
    groups.litigation_direct = none();
    groups.litigation_after_review = none();
  }
  if (noReview || noLitigation) {
    stated = true;
    warnings.push(`freeform: ${[noReview && 'no administrative review', noLitigation && 'no litigation'].filter(Boolean).join(', ')} stated ('${(noReview ?? noLitigation)![0]}'); every count 0`);
  }
  const rev = noReview ? null : REVIEW.exec(text);
  if (rev) {
    stated = true;
    const total = n(rev[1]!);
    if (total === 0) groups.review = none();
    else {
      groups.review.total = total;
      // 其中维持…/纠正… in the same sentence.
      const rest = text.slice(rev.index + rev[0].length).split(/[。；;]/)[0]!;
      const up = REVIEW_UPHELD.exec(rest);
      const co = REVIEW_CORRECTED.exec(rest);
      if (up) groups.review.upheld = n(up[1]!);
      if (co) groups.review.corrected = n(co[1]!);
    }
    warnings.push(`freeform: review total ${total} taken from the sentence '${rev[0]}'`);
  }
  const direct = noLitigation ? null : LITIGATION_DIRECT.exec(text);
  if (direct) {
    stated = true;
    const total = n(direct[1]!);
    if (total === 0) groups.litigation_direct = none();
    else groups.litigation_direct.total = total;
    warnings.push(`freeform: litigation_direct total ${total} taken from the sentence '${direct[0]}'`);
  }
  const bare = noLitigation ? null : LITIGATION_ANY.exec(text);
  if (bare && !direct && n(bare[1]!) === 0) {
    // 被提起行政诉讼0件: no litigation of either kind.
    stated = true;
    groups.litigation_direct = none();
    groups.litigation_after_review = none();
    warnings.push(`freeform: no litigation stated ('${bare[0]}'); every count 0`);
  }
  // Only the groups the text speaks of: a group it does not mention is absent, not null-filled.
  const spoken = Object.fromEntries(Object.entries(groups).filter(([, g]) => Object.values(g).some((v) => v !== null)));
  const review = (stated && Object.keys(spoken).length ? spoken : null) as ReportRecord['review_litigation'];
  if (!Object.keys(apps).length && !review) return null;
  warnings.push('freeform: no statistical tables; only the figures stated in the text are recorded, the rest is missing');
  return { applications: Object.keys(apps).length ? apps : null, review_litigation: review, warnings, provenance };
}

/** Where a sentence is printed: the first paragraph holding it (its page/box or line), else just the sentence. */
export function sentenceProvenance(doc: Document, sentence: string): Provenance {
  for (const b of doc.blocks) if (b.kind === 'paragraph' && b.text.includes(sentence)) return { text: sentence, ...(b.pos ?? {}) };
  return { text: sentence };
}
