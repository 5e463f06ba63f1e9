/**
 * The views' columns documented as the tables' are (tables.ts): a short Chinese name (the column
 * header of `export --labels zh`) and an English description, written with `COMMENT ON COLUMN`
 * (DuckDB keeps comments on view columns, temporary views too) so `duckdb_columns()` documents
 * every view. A column declared for no view takes the comment of the table column of that name
 * (reports first), so a view added later is documented as far as its columns come from tables.
 */
import type { Database } from './db.ts';
import { APPLICATION_ROW_LABELS } from './dimensions.ts';
import { quotedIdentifier, quotedString } from './sql.ts';
import { TABLES, type ColumnDef } from './tables.ts';

export interface ViewColumnDoc {
  zh: string;
  en: string;
}

/** Columns that mean the same in every view that has them. */
const COMMON: Record<string, ViewColumnDoc> = {
  agency: { zh: '机关', en: 'reporting agency' },
  year: { zh: '报告年度', en: 'year reported on (not the year of publication)' },
  level: { zh: '层级', en: 'administrative level (province/city/county/department/township/zone/national); decides the deadline' },
  level_zh: { zh: '层级名称', en: 'the level in Chinese (labels, dimension level)' },
  region: { zh: '地区', en: 'region, as configured' },
  site_id: { zh: '网站', en: 'site where the report was found (configuration id)' },
  report_id: { zh: '报告版本标识', en: 'report version (reports.report_id)' },
  url: { zh: '报告网址', en: 'the report’s page on the site (cite this)' },
  source_url: { zh: '文档网址', en: 'URL of the document the figures come from' },
  title: { zh: '标题', en: 'title as listed on the site' },
  published: { zh: '发布日期', en: 'publication date' },
  deadline: { zh: '公开期限', en: 'publication deadline (31 January for departments, 31 March for governments; see deadlines)' },
  template: { zh: '格式', en: 'template: 2021, 2019 or freeform' },
  as_of: { zh: '截至日期', en: 'the date the view is computed as of (SET VARIABLE as_of, or today)' },
  reading_confidence: {
    zh: '读数可信度',
    en: 'exact = every table read by one literal reading; chosen = a reading chosen by the checks; partial = cells missing; ocr = some numbers read by OCR (WHERE reading_confidence = \'exact\' keeps literal readings only)',
  },
};

/** Table 3's rows as application_volumes names them (总计 column). */
const rowDoc = (key: string, en?: string): ViewColumnDoc => {
  const label = APPLICATION_ROW_LABELS.find((r) => r.key === key)!;
  return { zh: label.label_zh, en: en ?? `${label.label_en} (table 3, 总计 column)` };
};

/** Per view, the columns COMMON does not cover (or that mean something else there). */
export const VIEW_COLUMNS: Record<string, Record<string, ViewColumnDoc>> = {
  current_reports: {
    version: { zh: '版本', en: 'version, 1 = first publication' },
    parser_version: { zh: '解析器版本', en: 'parser version that extracted it' },
    source_format: { zh: '文档格式', en: 'format of the document the figures come from' },
    source_sha256: { zh: '文档哈希', en: 'SHA-256 of that document (its name in the raw store)' },
    confidence: { zh: '识别可信度', en: 'high = recognised by its tables, low = by the title only' },
    configured: { zh: '是否配置', en: 'the agency is listed in the configuration' },
    first_published: { zh: '首次发布日期', en: 'first publication over all versions (what lateness is judged on)' },
    checks_failed: { zh: '未通过校验数', en: 'checks of the report that fail' },
  },
  application_volumes: {
    received: rowDoc('new_received', 'new applications received this year (table 3, 总计 column)'),
    carried_over: rowDoc('carried_over'),
    granted: rowDoc('granted'),
    partially_granted: rowDoc('partially_granted'),
    denied: { zh: '不予公开', en: 'denied: the sum of the eight 不予公开 reasons' },
    ...Object.fromEntries(APPLICATION_ROW_LABELS.filter((r) => r.key.startsWith('denied_')).map((r) => [r.key, rowDoc(r.key)])),
    unable_to_provide: { zh: '无法提供', en: 'unable to provide: the sum of its three reasons' },
    not_processed: { zh: '不予处理', en: 'not processed: the sum of its five reasons' },
    other: { zh: '其他处理', en: 'other handling: its one row, or the sum of its three sub-rows' },
    total_processed: rowDoc('total_processed', 'applications answered this year, 总计: granted + partially granted + denied + unable + not processed + other; the denominator of the rates'),
    carried_forward: rowDoc('carried_forward'),
    grant_rate: { zh: '予以公开率', en: 'granted / total_processed (null when total_processed is 0 or not printed)' },
    grant_or_partial_rate: { zh: '公开率（含部分公开）', en: '(granted + partially_granted) / total_processed' },
  },
  refusal_reasons: {
    category: { zh: '类别', en: 'denied (不予公开), unable (无法提供) or rejected (不予处理)' },
    category_zh: { zh: '类别名称', en: 'the category in Chinese' },
    reason: { zh: '理由', en: 'the reason’s key (labels, dimension application_row)' },
    reason_zh: { zh: '理由名称', en: 'the reason in Chinese, as table 3 prints it' },
    count: { zh: '件数', en: 'applications (table 3, 总计 column)' },
  },
  litigation: {
    proceeding: { zh: '程序', en: 'review, litigation_direct or litigation_after_review' },
    proceeding_zh: { zh: '程序名称', en: 'the proceeding in Chinese' },
    upheld: { zh: '结果维持', en: 'upheld' },
    corrected: { zh: '结果纠正', en: 'corrected' },
    other: { zh: '其他结果', en: 'other outcome' },
    pending: { zh: '尚未审结', en: 'pending' },
    total: { zh: '总计', en: 'total' },
  },
  expected_reports: {
    reported: { zh: '是否已发布', en: 'a report (any version) was found for this agency and year' },
  },
  missing_reports: {
    days_overdue: { zh: '逾期天数', en: 'days from the deadline to as_of' },
    reason: { zh: '缺失原因', en: 'why no report is there: site-not-crawled, site-blocked, nothing-found-on-site or other-years-found' },
  },
  late_reports: {
    published: { zh: '首次发布日期', en: 'first publication over all versions' },
    days_late: { zh: '迟延天数', en: 'days from the deadline to the first publication' },
  },
  crawl_health: {
    agency: { zh: '网站所属机关', en: 'agency that runs the site' },
    status: { zh: '抓取结果', en: 'the latest crawl outcome: ok, robots, js-challenge, failed, nothing-found, interrupted or not-crawled' },
    runs: { zh: '抓取次数', en: 'crawls of the site on record' },
    last_ok_at: { zh: '最近成功时间', en: 'when a crawl of the site last finished ok' },
  },
  anomalies: {
    key: { zh: '数字', en: 'the figure, keyed as in cells (applications.<row>[6], review_litigation.<proceeding>.total, active_disclosure.<row>.<field>; copied: the table)' },
    flag: { zh: '异常类型', en: 'swing (×5 or ÷5 and a change of at least 20), drop_to_zero (0 after three non-zero years), copied (a whole table equal to the previous year’s), continuity (上年结转 ≠ last year’s 结转下年度)' },
    value: { zh: '本年数值', en: 'the figure this year' },
    prev_year: { zh: '对比年度', en: 'the year compared with' },
    prev_value: { zh: '对比年度数值', en: 'the figure that year (continuity: last year’s carried_forward)' },
    prev_report_id: { zh: '对比报告版本', en: 'report version of the year compared with (reports.report_id)' },
    strength: { zh: '强度', en: 'how strong: the size of the change (copied: the number of cells copied); orders the list' },
    series: { zh: '历年序列', en: 'the figure over the years: a list of {year, value}' },
  },
  unknown_publication_date: {
    found_at: { zh: '发现时间', en: 'when the crawler found this version' },
  },
  failed_checks: {
    check_id: { zh: '校验', en: 'check id (applications.balance, …)' },
    detail: { zh: '说明', en: 'the row or column and both sides of the equation' },
  },
  coverage: {
    expected: { zh: '应发布', en: 'configured agency-years expected' },
    reported: { zh: '已发布', en: 'expected agency-years with a report' },
    missing: { zh: '缺失', en: 'expected, no report, deadline passed (as of as_of)' },
    not_looked_at: { zh: '未能查看', en: 'missing, but the site was blocked or not crawled: nothing is known' },
    not_yet_due: { zh: '未到期', en: 'expected, no report, deadline not yet passed' },
    reports: { zh: '已入库报告', en: 'current reports loaded, configured agencies or not' },
    unlisted: { zh: '未配置机关报告', en: 'reports of agencies not in the configuration' },
    late: { zh: '迟延', en: 'reports first published after their deadline' },
    failing_checks: { zh: '校验未通过', en: 'reports with a failing check' },
  },
};

/** Tables searched for a column a view does not declare: the report's own columns first. */
const FALLBACK_TABLES = ['reports', 'agencies', 'application_totals', 'checks', 'review_litigation'];

function tableColumn(name: string): ColumnDef | undefined {
  const ordered = [...TABLES].sort((a, b) => rank(a.name) - rank(b.name));
  for (const t of ordered) {
    const c = t.columns.find((col) => col.name === name);
    if (c) return c;
  }
  return undefined;
}
const rank = (table: string) => (FALLBACK_TABLES.includes(table) ? FALLBACK_TABLES.indexOf(table) : FALLBACK_TABLES.length);

/** A view column's documentation: declared, common, or its table column's; undefined when none. */
export function viewColumnDoc(view: string, column: string): ViewColumnDoc | undefined {
  const declared = VIEW_COLUMNS[view]?.[column] ?? COMMON[column];
  if (declared) return declared;
  const c = tableColumn(column);
  return c ? { zh: c.zh, en: c.en } : undefined;
}

/**
 * Comments on the views (`descriptions`: view → text) and on every column of the views that
 * exist (the temporary ones when `temporary`).
 */
export async function commentViews(db: Database, views: readonly string[], temporary: boolean, descriptions: ReadonlyMap<string, string> = new Map()): Promise<void> {
  if (views.length === 0) return;
  const columns = await db.all<{ view: string; column: string }>(
    `SELECT table_name AS view, column_name AS "column" FROM duckdb_columns()
     WHERE table_name IN (${views.map(quotedString).join(', ')}) AND (database_name = 'temp') = $1 ORDER BY table_name, column_index`,
    [temporary],
  );
  const schema = temporary ? 'temp.' : '';
  const statements: string[] = [];
  for (const view of views) {
    const text = descriptions.get(view);
    if (text) statements.push(`COMMENT ON VIEW ${schema}${quotedIdentifier(view)} IS ${quotedString(text)}`);
  }
  for (const { view, column } of columns) {
    const doc = viewColumnDoc(view, column);
    if (doc) statements.push(`COMMENT ON COLUMN ${schema}${quotedIdentifier(view)}.${quotedIdentifier(column)} IS ${quotedString(`${doc.zh} / ${doc.en}`)}`);
  }
  if (statements.length > 0) await db.run(statements.join(';\n'));
}
