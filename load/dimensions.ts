/**
 * The small constant tables: the Chinese and English label of every key (`labels`) and the
 * publication deadline of each level (`deadlines`). They are code, not data, so every read-write
 * open rewrites them; a newer nianbao with a new key or a corrected label fixes old files too.
 */
import type { AgencyLevel } from '../config/schema.ts';
import { APPLICANT_COLUMNS, REVIEW_FIELDS, REVIEW_GROUPS } from '../extract/record.ts';
import type { Database } from './db.ts';
import { put } from './append.ts';

export interface LabelRow {
  dimension: 'application_row' | 'application_group' | 'applicant_type' | 'proceeding' | 'outcome' | 'level';
  key: string;
  group_key: string | null;
  label_zh: string;
  label_en: string;
}

/**
 * Table 3's rows in printed order (docs/REPORT_FORMAT.md), with the outcome group each belongs to.
 * These are display names for people reading the warehouse; matching printed labels to keys is
 * the mapper's job and lives in extract/mapper.
 */
const APPLICATION_ROWS: [key: string, group: string | null, zh: string, en: string][] = [
  ['new_received', 'received', '本年新收政府信息公开申请数量', 'new applications received this year'],
  ['carried_over', 'received', '上年结转政府信息公开申请数量', 'applications carried over from the previous year'],
  ['granted', 'granted', '予以公开', 'granted'],
  ['partially_granted', 'partially_granted', '部分公开', 'partially granted'],
  ['denied_state_secret', 'denied', '不予公开：属于国家秘密', 'denied: state secret'],
  ['denied_prohibited_by_law', 'denied', '不予公开：其他法律行政法规禁止公开', 'denied: prohibited by other laws and administrative regulations'],
  ['denied_three_safeties', 'denied', '不予公开：危及“三安全一稳定”', 'denied: endangers national, public, economic security or social stability'],
  ['denied_third_party', 'denied', '不予公开：保护第三方合法权益', 'denied: protects the lawful rights of third parties'],
  ['denied_internal_affairs', 'denied', '不予公开：属于三类内部事务信息', 'denied: internal affairs information'],
  ['denied_process_info', 'denied', '不予公开：属于四类过程性信息', 'denied: process information'],
  ['denied_enforcement_file', 'denied', '不予公开：属于行政执法案卷', 'denied: administrative enforcement file'],
  ['denied_query_matter', 'denied', '不予公开：属于行政查询事项', 'denied: administrative query matter'],
  ['unable_not_held', 'unable', '无法提供：本机关不掌握相关政府信息', 'unable to provide: not held by this agency'],
  ['unable_needs_creation', 'unable', '无法提供：没有现成信息需要另行制作', 'unable to provide: would have to be newly created'],
  ['unable_unclear', 'unable', '无法提供：补正后申请内容仍不明确', 'unable to provide: still unclear after correction'],
  ['rejected_petition', 'rejected', '不予处理：信访举报投诉类申请', 'not processed: petition, report or complaint'],
  ['rejected_duplicate', 'rejected', '不予处理：重复申请', 'not processed: duplicate application'],
  ['rejected_publication', 'rejected', '不予处理：要求提供公开出版物', 'not processed: asks for a public publication'],
  ['rejected_massive_repeat', 'rejected', '不予处理：无正当理由大量反复申请', 'not processed: massive repeated applications without good reason'],
  ['rejected_confirm_reissue', 'rejected', '不予处理：要求行政机关确认或重新出具已获取信息', 'not processed: asks to confirm or reissue information already obtained'],
  ['other_overdue_correction', 'other', '其他处理：申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', 'other: applicant did not supply the correction in time'],
  ['other_overdue_fee', 'other', '其他处理：申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', 'other: applicant did not pay the fee in time'],
  ['other_other', 'other', '其他处理：其他', 'other: other'],
  ['other', 'other', '其他处理', 'other handling (printed as one row)'],
  ['total_processed', 'total', '总计', 'total processed'],
  ['carried_forward', 'carried_forward', '结转下年度继续办理', 'carried forward to the next year'],
];

/** The outcome groups of table 3 (`group_key` of its rows). */
const APPLICATION_GROUPS: [key: string, zh: string, en: string][] = [
  ['received', '收到申请', 'applications received'],
  ['granted', '予以公开', 'granted'],
  ['partially_granted', '部分公开', 'partially granted'],
  ['denied', '不予公开', 'denied'],
  ['unable', '无法提供', 'unable to provide'],
  ['rejected', '不予处理', 'not processed'],
  ['other', '其他处理', 'other handling'],
  ['total', '总计', 'total processed'],
  ['carried_forward', '结转下年度继续办理', 'carried forward'],
];

const APPLICANT_LABELS: Record<(typeof APPLICANT_COLUMNS)[number], [string, string]> = {
  natural_person: ['自然人', 'natural persons'],
  commercial: ['法人或其他组织：商业企业', 'commercial enterprises'],
  research: ['法人或其他组织：科研机构', 'research institutions'],
  social_org: ['法人或其他组织：社会公益组织', 'public-interest organisations'],
  legal_service: ['法人或其他组织：法律服务机构', 'legal service providers'],
  other: ['法人或其他组织：其他', 'other organisations'],
  total: ['总计', 'total'],
};

const PROCEEDING_LABELS: Record<(typeof REVIEW_GROUPS)[number], [string, string]> = {
  review: ['行政复议', 'administrative review'],
  litigation_direct: ['行政诉讼：未经复议直接起诉', 'lawsuit without prior review'],
  litigation_after_review: ['行政诉讼：复议后起诉', 'lawsuit after review'],
};

const OUTCOME_LABELS: Record<(typeof REVIEW_FIELDS)[number], [string, string]> = {
  upheld: ['结果维持', 'upheld'],
  corrected: ['结果纠正', 'corrected'],
  other: ['其他结果', 'other outcome'],
  pending: ['尚未审结', 'pending'],
  total: ['总计', 'total'],
};

/** Administrative levels (agencies.level), so a view can give the Chinese word beside the key. */
const LEVEL_LABELS: Record<AgencyLevel | 'unknown', [string, string]> = {
  national: ['国务院部门', 'State Council department'],
  province: ['省级人民政府', 'provincial government'],
  city: ['市级人民政府', 'city government'],
  county: ['县级人民政府', 'county-level government'],
  department: ['政府部门', 'government department'],
  township: ['乡镇人民政府', 'township government'],
  zone: ['开发区管理机构', 'development zone administration'],
  unknown: ['层级未知', 'level unknown'],
};

/** Table 3's row keys in printed order, with their labels (also the columns of application_totals). */
export const APPLICATION_ROW_LABELS: readonly { key: string; group_key: string | null; label_zh: string; label_en: string }[] = APPLICATION_ROWS.map(
  ([key, group_key, label_zh, label_en]) => ({ key, group_key, label_zh, label_en }),
);
export const APPLICATION_ROW_KEYS: readonly string[] = APPLICATION_ROWS.map(([key]) => key);

export function labelRows(): LabelRow[] {
  return [
    ...APPLICATION_ROWS.map(([key, group_key, label_zh, label_en]) => ({ dimension: 'application_row' as const, key, group_key, label_zh, label_en })),
    ...APPLICATION_GROUPS.map(([key, label_zh, label_en]) => ({ dimension: 'application_group' as const, key, group_key: null, label_zh, label_en })),
    ...APPLICANT_COLUMNS.map((key) => ({ dimension: 'applicant_type' as const, key, group_key: null, label_zh: APPLICANT_LABELS[key][0], label_en: APPLICANT_LABELS[key][1] })),
    ...REVIEW_GROUPS.map((key) => ({ dimension: 'proceeding' as const, key, group_key: key === 'review' ? 'review' : 'litigation', label_zh: PROCEEDING_LABELS[key][0], label_en: PROCEEDING_LABELS[key][1] })),
    ...REVIEW_FIELDS.map((key) => ({ dimension: 'outcome' as const, key, group_key: null, label_zh: OUTCOME_LABELS[key][0], label_en: OUTCOME_LABELS[key][1] })),
    ...Object.entries(LEVEL_LABELS).map(([key, [label_zh, label_en]]) => ({ dimension: 'level' as const, key, group_key: null, label_zh, label_en })),
  ];
}

export interface DeadlineRow {
  level: string;
  from_year: number;
  to_year: number;
  due_month: number;
  due_day: number;
  basis: string;
}

/** Reporting years from which the revised 条例 (国务院令第711号, in force 2019-05-15) applies. */
const REVISED_REGULATION_FIRST_YEAR = 2019;
const OPEN_END_YEAR = 9999;

/**
 * Deadlines, decided as follows (docs/REPORT_FORMAT.md, 条例第四十九条):
 * - departments of governments at county level and above publish by 31 January of the
 *   following year; development zones' 管委会 publish as units of their parent government and
 *   ministries (national) are departments of the State Council, so both take the same date;
 * - a local government's own report (province, city, county) is due 31 March;
 * - townships have no date in the 条例 (local notices set one); nianbao does not call a township
 *   late before 31 March, the latest date any level has;
 * - an agency of unknown level gets 31 January, the general deadline the issue names;
 * - before 2019 the old 条例 (第三十一条) gave every agency until 31 March.
 */
export function deadlineRows(): DeadlineRow[] {
  const jan31 = '条例第四十九条：县级以上人民政府部门每年1月31日前公布';
  const mar31 = '条例第四十九条：县级以上地方人民政府的年度报告3月31日前公布';
  const township = '条例未规定乡镇期限（由地方通知规定）；按最晚的3月31日计';
  const unknown = '层级未知：按一般期限1月31日计';
  const rows: DeadlineRow[] = [];
  const add = (level: string, month: number, day: number, basis: string) =>
    rows.push({ level, from_year: REVISED_REGULATION_FIRST_YEAR, to_year: OPEN_END_YEAR, due_month: month, due_day: day, basis });
  for (const level of ['department', 'zone', 'national']) add(level, 1, 31, jan31);
  for (const level of ['province', 'city', 'county']) add(level, 3, 31, mar31);
  add('township', 3, 31, township);
  add('unknown', 1, 31, unknown);
  for (const level of ['department', 'zone', 'national', 'province', 'city', 'county', 'township', 'unknown']) {
    rows.push({ level, from_year: 2000, to_year: REVISED_REGULATION_FIRST_YEAR - 1, due_month: 3, due_day: 31, basis: '旧条例第三十一条：每年3月31日前公布' });
  }
  return rows;
}

/** Rewrites the constant tables in one transaction. */
export async function seedDimensions(db: Database, version: number): Promise<void> {
  await db.transaction(async () => {
    await db.run('DELETE FROM labels');
    const labels = await db.appender('labels');
    const ordinals = new Map<string, number>();
    for (const row of labelRows()) {
      const ordinal = (ordinals.get(row.dimension) ?? 0) + 1;
      ordinals.set(row.dimension, ordinal);
      labels.appendVarchar(row.dimension);
      labels.appendVarchar(row.key);
      labels.appendInteger(ordinal);
      put.str(labels, row.group_key);
      labels.appendVarchar(row.label_zh);
      labels.appendVarchar(row.label_en);
      labels.endRow();
    }
    labels.closeSync();
    if (version < 2) return;
    await db.run('DELETE FROM deadlines');
    const deadlines = await db.appender('deadlines');
    for (const d of deadlineRows()) {
      deadlines.appendVarchar(d.level);
      deadlines.appendInteger(d.from_year);
      deadlines.appendInteger(d.to_year);
      deadlines.appendInteger(d.due_month);
      deadlines.appendInteger(d.due_day);
      deadlines.appendVarchar(d.basis);
      deadlines.endRow();
    }
    deadlines.closeSync();
  });
}
