/**
 * The one table of printed labels → canonical keys (docs/REPORT_FORMAT.md). Readers never name a key;
 * checks, the loader's dimension tables and tests import from here. Matching is by signature:
 * the shortest substring that identifies a row in every printing seen (full and half-width
 * punctuation, missing numbering, 其他法律法规 vs 其他法律行政法规, the misprint 其他法律行政止公开),
 * with a bigram-similarity fallback that the mapper reports as a loose match.
 */
import { toSimplified } from '../../text/simplified.ts';
import type { ApplicantColumn } from '../record.ts';

/** Groups of table 3 rows. `results` is 三、本年度办理结果, the parent of the outcome groups. */
export type Table3Group = 'results' | 'denied' | 'unable' | 'rejected' | 'other';

export interface Table3Row {
  key: string;
  /** The label as the 2021 template prints it. */
  label: string;
  /** English name for people (dimension table, README). */
  english: string;
  /** The group the row sits in (sub-rows numbered 1., 2., …). */
  group?: Table3Group;
  /** Its ordinal inside the group. */
  n?: number;
  /** Substrings that identify the row (any one suffices). */
  signatures: string[];
  /** Match only when the core label equals a signature (for short, ambiguous words: 其他, 总计). */
  exact?: boolean;
  /** An outcome row (summed by applications.outcomes_sum). */
  outcome?: boolean;
}

export const TABLE3_ROWS: readonly Table3Row[] = [
  { key: 'new_received', label: '一、本年新收政府信息公开申请数量', english: 'new applications received', signatures: ['本年新收', '新收政府信息公开申请'] },
  { key: 'carried_over', label: '二、上年结转政府信息公开申请数量', english: 'carried over from last year', signatures: ['上年结转'] },
  { key: 'granted', label: '（一）予以公开', english: 'granted', signatures: ['予以公开'], outcome: true },
  { key: 'partially_granted', label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', english: 'partially granted', signatures: ['部分公开'], outcome: true },
  { key: 'denied_state_secret', label: '1.属于国家秘密', english: 'denied: state secret', group: 'denied', n: 1, signatures: ['国家秘密'], outcome: true },
  { key: 'denied_prohibited_by_law', label: '2.其他法律行政法规禁止公开', english: 'denied: prohibited by other laws', group: 'denied', n: 2, signatures: ['禁止公开', '其他法律'], outcome: true },
  { key: 'denied_three_safeties', label: '3.危及“三安全一稳定”', english: 'denied: endangers the three safeties and stability', group: 'denied', n: 3, signatures: ['三安全', '一稳定'], outcome: true },
  { key: 'denied_third_party', label: '4.保护第三方合法权益', english: 'denied: third-party rights', group: 'denied', n: 4, signatures: ['第三方'], outcome: true },
  { key: 'denied_internal_affairs', label: '5.属于三类内部事务信息', english: 'denied: internal affairs', group: 'denied', n: 5, signatures: ['内部事务'], outcome: true },
  { key: 'denied_process_info', label: '6.属于四类过程性信息', english: 'denied: process information', group: 'denied', n: 6, signatures: ['过程性'], outcome: true },
  { key: 'denied_enforcement_file', label: '7.属于行政执法案卷', english: 'denied: enforcement case file', group: 'denied', n: 7, signatures: ['执法案卷'], outcome: true },
  { key: 'denied_query_matter', label: '8.属于行政查询事项', english: 'denied: administrative query matter', group: 'denied', n: 8, signatures: ['查询事项'], outcome: true },
  { key: 'unable_not_held', label: '1.本机关不掌握相关政府信息', english: 'unable: information not held', group: 'unable', n: 1, signatures: ['不掌握'], outcome: true },
  { key: 'unable_needs_creation', label: '2.没有现成信息需要另行制作', english: 'unable: would need to be created', group: 'unable', n: 2, signatures: ['另行制作', '没有现成'], outcome: true },
  { key: 'unable_unclear', label: '3.补正后申请内容仍不明确', english: 'unable: request still unclear', group: 'unable', n: 3, signatures: ['仍不明确', '补正后申请'], outcome: true },
  { key: 'rejected_petition', label: '1.信访举报投诉类申请', english: 'not processed: petition or complaint', group: 'rejected', n: 1, signatures: ['信访', '举报投诉'], outcome: true },
  { key: 'rejected_duplicate', label: '2.重复申请', english: 'not processed: duplicate', group: 'rejected', n: 2, signatures: ['重复申请'], outcome: true },
  { key: 'rejected_publication', label: '3.要求提供公开出版物', english: 'not processed: asks for publications', group: 'rejected', n: 3, signatures: ['出版物'], outcome: true },
  { key: 'rejected_massive_repeat', label: '4.无正当理由大量反复申请', english: 'not processed: massive repeated requests', group: 'rejected', n: 4, signatures: ['大量反复', '反复申请'], outcome: true },
  { key: 'rejected_confirm_reissue', label: '5.要求行政机关确认或重新出具已获取信息', english: 'not processed: confirm or reissue', group: 'rejected', n: 5, signatures: ['重新出具', '确认或重'], outcome: true },
  { key: 'other_overdue_correction', label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', english: 'other: applicant did not complete the request', group: 'other', n: 1, signatures: ['逾期不补正', '不补正'], outcome: true },
  { key: 'other_overdue_fee', label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', english: 'other: fee not paid', group: 'other', n: 2, signatures: ['收费通知', '缴纳费用'], outcome: true },
  { key: 'other_other', label: '3.其他', english: 'other: other', group: 'other', n: 3, signatures: ['其他'], exact: true, outcome: true },
  { key: 'other', label: '（六）其他处理', english: 'other handling (one row)', signatures: ['其他处理'], exact: true, outcome: true },
  { key: 'total_processed', label: '（七）总计', english: 'total processed', signatures: ['总计', '合计'], exact: true },
  { key: 'carried_forward', label: '四、结转下年度继续办理', english: 'carried forward to next year', signatures: ['结转下年', '结转下一年'] },
];

export const TABLE3_BY_KEY = new Map(TABLE3_ROWS.map((r) => [r.key, r]));

/** The outcome rows in template order (granted … other_other, `other`). */
export const OUTCOME_KEYS = TABLE3_ROWS.filter((r) => r.outcome).map((r) => r.key);

/** Group headings of table 3, by their core label. */
export const TABLE3_GROUPS: readonly { group: Table3Group; cores: string[] }[] = [
  { group: 'results', cores: ['本年度办理结果', '本年办理结果', '办理结果'] },
  { group: 'denied', cores: ['不予公开'] },
  { group: 'unable', cores: ['无法提供'] },
  { group: 'rejected', cores: ['不予处理'] },
  { group: 'other', cores: ['其他处理', '其他'] },
];

/** The applicant columns' printed headings (header cells may be split: 社会公益 / 组织). */
export const APPLICANT_HEADERS: readonly { column: ApplicantColumn; label: string; english: string; signatures: string[]; exact?: boolean }[] = [
  { column: 'natural_person', label: '自然人', english: 'natural persons', signatures: ['自然人'] },
  { column: 'commercial', label: '商业企业', english: 'commercial enterprises', signatures: ['商业企业', '商业'] },
  { column: 'research', label: '科研机构', english: 'research institutions', signatures: ['科研机构', '科研'] },
  { column: 'social_org', label: '社会公益组织', english: 'public-interest organisations', signatures: ['社会公益', '公益组织'] },
  { column: 'legal_service', label: '法律服务机构', english: 'legal service providers', signatures: ['法律服务'] },
  { column: 'other', label: '其他', english: 'other organisations', signatures: ['其他'], exact: true },
  { column: 'total', label: '总计', english: 'total', signatures: ['总计', '合计'], exact: true },
];

/** Table 2 rows (both templates; the template decides which fields a row may hold). */
export interface Table2Row {
  key: string;
  label: string;
  english: string;
  signatures: string[];
  /** Match when the core equals a signature or ends with it (规章 must not match 规章制度建设). */
  exact?: boolean;
  fields2021?: string[];
  fields2019: string[];
}

export const TABLE2_ROWS: readonly Table2Row[] = [
  { key: 'regulations', label: '规章', english: 'regulations', signatures: ['规章'], exact: true, fields2021: ['issued', 'repealed', 'in_force'], fields2019: ['made', 'published', 'published_total'] },
  { key: 'normative_documents', label: '行政规范性文件', english: 'normative documents', signatures: ['规范性文件'], exact: true, fields2021: ['issued', 'repealed', 'in_force'], fields2019: ['made', 'published', 'published_total'] },
  { key: 'licensing', label: '行政许可', english: 'administrative licensing', signatures: ['行政许可'], exact: true, fields2021: ['decisions'], fields2019: ['items_prev_year', 'items_change', 'decisions'] },
  { key: 'other_services', label: '其他对外管理服务事项', english: 'other external management services', signatures: ['对外管理服务'], fields2019: ['items_prev_year', 'items_change', 'decisions'] },
  { key: 'punishment', label: '行政处罚', english: 'administrative punishment', signatures: ['行政处罚'], exact: true, fields2021: ['decisions'], fields2019: ['items_prev_year', 'items_change', 'decisions'] },
  { key: 'enforcement', label: '行政强制', english: 'administrative enforcement', signatures: ['行政强制'], exact: true, fields2021: ['decisions'], fields2019: ['items_prev_year', 'items_change', 'decisions'] },
  { key: 'fees', label: '行政事业性收费', english: 'administrative fees', signatures: ['事业性收费'], exact: true, fields2021: ['amount_10k_yuan'], fields2019: ['items_prev_year', 'items_change'] },
  { key: 'procurement', label: '政府集中采购', english: 'government procurement', signatures: ['集中采购'], exact: true, fields2019: ['projects', 'amount'] },
];

/** Table 2 column headings → field, with the template each heading belongs to. Order matters: specific first. */
export const TABLE2_FIELDS: readonly { field: string; template: '2021' | '2019'; signatures: string[] }[] = [
  { field: 'issued', template: '2021', signatures: ['本年制发'] },
  { field: 'repealed', template: '2021', signatures: ['本年废止', '废止件数'] },
  { field: 'in_force', template: '2021', signatures: ['现行有效'] },
  { field: 'decisions', template: '2021', signatures: ['本年处理决定'] },
  { field: 'amount_10k_yuan', template: '2021', signatures: ['本年收费金额', '收费金额'] },
  { field: 'made', template: '2019', signatures: ['新制作'] },
  { field: 'published', template: '2019', signatures: ['新公开数量', '本年新公开'] },
  { field: 'published_total', template: '2019', signatures: ['对外公开总'] },
  { field: 'items_prev_year', template: '2019', signatures: ['上一年项目', '上年项目'] },
  { field: 'items_change', template: '2019', signatures: ['增/减', '增减', '增(减)'] },
  { field: 'decisions', template: '2019', signatures: ['处理决定数量', '处理决定'] },
  { field: 'projects', template: '2019', signatures: ['采购项目数量', '采购项目'] },
  { field: 'amount', template: '2019', signatures: ['采购总金额', '采购金额'] },
];

/** Table-2 group headings (第二十条第（九）项 exists only in the 2019 template). */
export const TABLE2_ITEM_2019_ONLY = '第二十条第(九)项';

export const TABLE4_GROUPS: readonly { group: 'review' | 'litigation_direct' | 'litigation_after_review'; label: string; signatures: string[] }[] = [
  { group: 'litigation_after_review', label: '行政诉讼（复议后起诉）', signatures: ['复议后起诉'] },
  { group: 'litigation_direct', label: '行政诉讼（未经复议直接起诉）', signatures: ['直接起诉', '未经复议'] },
  { group: 'review', label: '行政复议', signatures: ['行政复议'] },
];

export const TABLE4_FIELDS: readonly { field: 'upheld' | 'corrected' | 'other' | 'pending' | 'total'; label: string; signatures: string[] }[] = [
  { field: 'upheld', label: '结果维持', signatures: ['结果维持', '维持'] },
  { field: 'corrected', label: '结果纠正', signatures: ['结果纠正', '纠正'] },
  { field: 'other', label: '其他结果', signatures: ['其他结果'] },
  { field: 'pending', label: '尚未审结', signatures: ['尚未审结', '未审结'] },
  { field: 'total', label: '总计', signatures: ['总计', '合计'] },
];

/** Markers that a text is a yearly report's table (also used to confirm a crawled candidate). */
export const REPORT_TABLE_MARKERS = ['第二十条第(一)项', '本列数据的勾稽关系', '本年新收政府信息公开申请数量', '上年结转政府信息公开申请数量', '结转下年度继续办理'];

// ---------------------------------------------------------------- normalisation and matching

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** Chinese numeral (一 … 十九) → number. */
export function chineseOrdinal(s: string): number | null {
  if (s.length === 1) return CN_DIGITS[s] ?? null;
  if (s.length === 2 && s[0] === '十') return 10 + (CN_DIGITS[s[1]!] ?? NaN);
  if (s.length === 2 && s[1] === '十') return (CN_DIGITS[s[0]!] ?? NaN) * 10;
  return null;
}

/** normLabel results, kept because the same labels and signatures are compared again and again. */
const NORM_CACHE = new Map<string, string>();
const NORM_CACHE_MAX = 50_000;

/**
 * A label for matching: simplified characters, fullwidth → ASCII (NFKC), no white space, no
 * quotes, the punctuation variants folded. Only for comparison; records keep what was printed.
 */
export function normLabel(s: string): string {
  const hit = NORM_CACHE.get(s);
  if (hit !== undefined) return hit;
  const out = toSimplified(s)
    .normalize('NFKC')
    .replace(/[\s\u00a0\u3000]+/g, '')
    .replace(/[“”"'‘’「」『』*#]/g, '')
    .replace(/[．。]/g, '.')
    .replace(/[，]/g, ',')
    .replace(/[〔【\[]/g, '(')
    .replace(/[〕】\]]/g, ')');
  if (NORM_CACHE.size >= NORM_CACHE_MAX) NORM_CACHE.clear();
  NORM_CACHE.set(s, out);
  return out;
}

export interface LabelSegment {
  /** The ordinal's level: 一、 (top), （一） (group), 1. (sub). */
  level?: 'top' | 'group' | 'sub';
  n?: number;
  /** The label without its ordinal, normalised, without trailing punctuation. */
  core: string;
  printed: string;
}

const ORDINAL_START = /([一二三四五六七八九十]{1,2})[、.]|\(([一二三四五六七八九十]{1,2})\)|(?<![\d.])(\d{1,2})[.、)](?![\d.])/g;

interface Ordinal {
  at: number;
  len: number;
  level: NonNullable<LabelSegment['level']>;
  n: number;
}

/** The ordinals of a normalised label that start a segment. */
function ordinalsOf(s: string): Ordinal[] {
  const out: Ordinal[] = [];
  for (const m of s.matchAll(ORDINAL_START)) {
    const at = m.index!;
    // 第二十条第(一)项, 第一项: an ordinal inside a phrase is not a row ordinal.
    if (s[at - 1] === '第' || s[at + m[0].length] === '项') continue;
    if (m[1] !== undefined) {
      // "一、" starts a label only at its start ("统一、规范" is a phrase).
      if (at === 0) out.push({ at, len: m[0].length, level: 'top', n: chineseOrdinal(m[1])! });
    } else if (m[2] !== undefined) out.push({ at, len: m[0].length, level: 'group', n: chineseOrdinal(m[2])! });
    else out.push({ at, len: m[0].length, level: 'sub', n: Number(m[3]) });
  }
  return out;
}

/**
 * Splits a (possibly combined) label at its ordinals: "三、本年度办理结果(三)不予公开1.属于国家秘密"
 * → three segments. Text copied from a PDF carries a whole row's labels in one cell.
 */
export function splitLabel(printed: string): LabelSegment[] {
  const s = normLabel(printed);
  const ords = ordinalsOf(s);
  const bounds = ords.map((o) => o.at);
  if (bounds[0] !== 0) bounds.unshift(0);
  const segs: LabelSegment[] = [];
  bounds.forEach((from, i) => {
    const to = bounds[i + 1] ?? s.length;
    const text = s.slice(from, to);
    const ord = ords.find((o) => o.at === from);
    const core = trimCore(ord ? text.slice(ord.len) : text);
    if (!core && !ord) return;
    segs.push(ord ? { level: ord.level, n: ord.n, core, printed: text } : { core, printed: text });
  });
  return segs.length ? segs : [{ core: '', printed: s }];
}

const trimCore = (s: string) => s.replace(/^[、.,:：;；]+|[、.,:：;；]+$/g, '');

/** Dice coefficient over character bigrams: 1 for equal strings, 0 for nothing shared. */
export function bigramSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const grams = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++) grams.set(a.slice(i, i + 2), (grams.get(a.slice(i, i + 2)) ?? 0) + 1);
  let shared = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const g = b.slice(i, i + 2);
    const n = grams.get(g) ?? 0;
    if (n > 0) {
      shared++;
      grams.set(g, n - 1);
    }
  }
  return (2 * shared) / (a.length - 1 + (b.length - 1));
}

/** True when `core` carries one of `signatures` (exactly, for `exact` entries). */
export function hasSignature(core: string, signatures: readonly string[], exact = false): boolean {
  const c = normLabel(core);
  return signatures.some((sig) => {
    const s = normLabel(sig);
    return exact ? c === s : c.includes(s);
  });
}
