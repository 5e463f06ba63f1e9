/**
 * The warehouse's tables, declared once: name, type and a Chinese and English comment for every
 * column, and the schema version that brought each table or column. `schema.ts` turns this into
 * CREATE/ALTER statements and `COMMENT ON` (so `duckdb_columns()` documents itself), the writer
 * appends in this column order, and the README's schema section is read from it.
 *
 * Rules that keep migrations simple: a column added later (`since` > its table's) is declared
 * after every older column of its table, because `ALTER TABLE … ADD COLUMN` appends at the end and
 * the appender writes by position.
 */

import { APPLICATION_ROW_LABELS } from './dimensions.ts';

export interface ColumnDef {
  name: string;
  /** DuckDB type as written in DDL. */
  type: string;
  zh: string;
  en: string;
  /** Schema version that added the column; defaults to the table's. */
  since?: number;
}

export interface TableDef {
  name: string;
  zh: string;
  en: string;
  /** Schema version that added the table. */
  since: number;
  columns: ColumnDef[];
}

/** The newest schema version this nianbao writes. */
export const SCHEMA_VERSION = 5;

const reportId: ColumnDef = { name: 'report_id', type: 'BIGINT', zh: '报告版本标识（reports.report_id）', en: 'report version (reports.report_id)' };

export const TABLES: TableDef[] = [
  {
    name: 'sites',
    since: 1,
    zh: '配置的网站',
    en: 'configured sites',
    columns: [
      { name: 'site_id', type: 'VARCHAR', zh: '网站标识', en: 'site identifier from the configuration' },
      { name: 'agency', type: 'VARCHAR', zh: '网站所属机关', en: 'agency that runs the site' },
      { name: 'region', type: 'VARCHAR', zh: '地区', en: 'region' },
      { name: 'level', type: 'VARCHAR', zh: '层级（province/city/county/department/township/zone/national）', en: 'administrative level' },
      { name: 'start_urls', type: 'VARCHAR[]', zh: '起始网址', en: 'where discovery starts' },
      { name: 'expected_years', type: 'INTEGER[]', zh: '应有年报的年度', en: 'reporting years expected from the site’s agencies' },
    ],
  },
  {
    name: 'agencies',
    since: 1,
    zh: '机关：配置的机关与报告中出现的机关',
    en: 'agencies: configured ones and those found in reports',
    columns: [
      { name: 'site_id', type: 'VARCHAR', zh: '所属网站', en: 'site the agency belongs to' },
      { name: 'name', type: 'VARCHAR', zh: '机关名称', en: 'agency name' },
      { name: 'region', type: 'VARCHAR', zh: '地区', en: 'region' },
      { name: 'level', type: 'VARCHAR', zh: '层级，决定公开期限（见 deadlines）', en: 'administrative level; decides the publication deadline (see deadlines)' },
      { name: 'expected_years', type: 'INTEGER[]', zh: '应有年报的年度（仅配置的机关）', en: 'reporting years expected (configured agencies only)' },
      { name: 'configured', type: 'BOOLEAN', zh: '是否在配置中列出', en: 'listed in the configuration (false: only found in reports)' },
    ],
  },
  {
    name: 'reports',
    since: 1,
    zh: '年度报告的每个版本（更正后重新发布即新版本）',
    en: 'every version of every yearly report (a corrected re-publication is a new version)',
    columns: [
      { name: 'report_id', type: 'BIGINT', zh: '报告版本标识（由网站、机关、年度、版本算出）', en: 'report version id (derived from site, agency, year, version)' },
      { name: 'site_id', type: 'VARCHAR', zh: '发现该报告的网站', en: 'site where the report was found' },
      { name: 'agency', type: 'VARCHAR', zh: '报告机关', en: 'reporting agency' },
      { name: 'year', type: 'INTEGER', zh: '报告年度（非发布年份）', en: 'year reported on (not the year of publication)' },
      { name: 'version', type: 'INTEGER', zh: '版本号，1 为首次发布', en: 'version, 1 = first publication' },
      { name: 'is_current', type: 'BOOLEAN', zh: '是否为该机关该年度的现行版本（视图只用现行版本）', en: 'the current version for this agency and year (the views use only these)' },
      { name: 'title', type: 'VARCHAR', zh: '网站列出的标题', en: 'title as listed on the site' },
      { name: 'url', type: 'VARCHAR', zh: '详情页网址', en: 'detail page URL' },
      { name: 'published', type: 'DATE', zh: '发布日期', en: 'publication date' },
      { name: 'found_at', type: 'TIMESTAMPTZ', zh: '爬虫发现时间', en: 'when the crawler found this version' },
      { name: 'content_sha256', type: 'VARCHAR', zh: '全部文档哈希的哈希（区分版本）', en: 'hash over the document hashes (what tells versions apart)' },
      { name: 'template', type: 'VARCHAR', zh: '格式：2021、2019 或 freeform；无法提取时为空', en: 'template: 2021, 2019 or freeform; null when no document could be extracted' },
      { name: 'parser_version', type: 'INTEGER', zh: '提取所用解析器版本', en: 'parser version that extracted it' },
      { name: 'source_sha256', type: 'VARCHAR', zh: '主文档的 SHA-256', en: 'SHA-256 of the primary document (the one the figures come from)' },
      { name: 'source_url', type: 'VARCHAR', zh: '主文档网址', en: 'URL of the primary document' },
      { name: 'source_format', type: 'VARCHAR', zh: '主文档格式', en: 'format of the primary document' },
      { name: 'printed_title', type: 'VARCHAR', zh: '文档中印的标题', en: 'title as printed in the document' },
      { name: 'printed_agency', type: 'VARCHAR', zh: '文档中印的机关名称', en: 'agency as printed in the document' },
      { name: 'printed_year', type: 'INTEGER', zh: '文档中印的年度', en: 'year as printed in the document' },
      { name: 'crawler_level', type: 'VARCHAR', zh: '爬虫判断的层级', en: 'level as the crawler guessed it' },
      { name: 'crawler_region', type: 'VARCHAR', zh: '爬虫判断的地区', en: 'region as the crawler guessed it' },
      { name: 'confidence', type: 'VARCHAR', zh: '识别可信度：high 由表格确认，low 仅凭标题', en: 'how the crawler recognised it: high = confirmed by the tables, low = by the title only', since: 2 },
      {
        name: 'reading_confidence',
        type: 'VARCHAR',
        zh: '读数可信度：exact 逐字读出、chosen 由勾稽关系选定读法、partial 有缺失单元格、ocr 含 OCR 读数；旧解析器提取的为空',
        en: 'how far the figures can be trusted as read (docs/RECORD.md): exact = one literal reading, chosen = a reading chosen by the checks, partial = cells missing, ocr = some numbers read by OCR; null for records extracted before it existed',
        since: 5,
      },
    ],
  },
  {
    name: 'documents',
    since: 1,
    zh: '报告的原始文档（正文网页与附件）',
    en: 'raw documents of each report version (HTML body and attachments)',
    columns: [
      reportId,
      { name: 'sha256', type: 'VARCHAR', zh: '文档内容的 SHA-256（原始库中的文件名）', en: 'SHA-256 of the bytes (their name in the raw store)' },
      { name: 'url', type: 'VARCHAR', zh: '文档网址', en: 'document URL' },
      { name: 'role', type: 'VARCHAR', zh: 'body 正文 / attachment 附件', en: 'body or attachment' },
      { name: 'format', type: 'VARCHAR', zh: '格式（html/pdf/docx/doc/wps/txt/other）', en: 'format' },
      { name: 'fetched_at', type: 'TIMESTAMPTZ', zh: '抓取时间（首次）', en: 'when it was first fetched' },
      { name: 'published', type: 'DATE', zh: '发布日期', en: 'publication date' },
      { name: 'bytes', type: 'BIGINT', zh: '字节数', en: 'size in bytes' },
      { name: 'is_primary', type: 'BOOLEAN', zh: '是否为主文档（数据取自主文档）', en: 'the primary document (the report’s figures come from it)' },
      { name: 'template', type: 'VARCHAR', zh: '该文档提取出的格式；提取失败为空', en: 'template extracted from this document; null when extraction failed' },
      { name: 'cells_filled', type: 'INTEGER', zh: '提取出的表格数字个数', en: 'table cells with a number in this document’s record' },
      { name: 'checks_passed', type: 'INTEGER', zh: '通过的勾稽校验个数', en: 'checks that pass in this document’s record' },
    ],
  },
  {
    name: 'active_disclosure',
    since: 1,
    zh: '表二 主动公开政府信息情况（长表）',
    en: 'table 2, proactive disclosure (long form)',
    columns: [
      reportId,
      { name: 'row_key', type: 'VARCHAR', zh: '行（regulations、licensing 等）', en: 'row key (regulations, licensing, …)' },
      { name: 'field', type: 'VARCHAR', zh: '栏目（issued、decisions、amount_10k_yuan 等，随格式而异）', en: 'field (issued, decisions, amount_10k_yuan, …; depends on the template)' },
      { name: 'value', type: 'DOUBLE', zh: '数值；未填为空', en: 'number; null when not printed' },
      { name: 'text', type: 'VARCHAR', zh: '文字值（仅 amount_unit 单位）', en: 'text value (amount_unit only)' },
    ],
  },
  {
    name: 'applications',
    since: 1,
    zh: '表三 收到和处理政府信息公开申请情况（长表）',
    en: 'table 3, applications received and how they ended (long form)',
    columns: [
      reportId,
      { name: 'row_key', type: 'VARCHAR', zh: '行（见 labels，dimension = application_row）', en: 'row key (see labels, dimension application_row)' },
      { name: 'applicant_type', type: 'VARCHAR', zh: '申请人类型（见 labels，dimension = applicant_type）', en: 'applicant type (see labels, dimension applicant_type)' },
      { name: 'count', type: 'INTEGER', zh: '件数；报告未填为空', en: 'count; null when the report leaves the cell empty' },
    ],
  },
  {
    name: 'application_totals',
    since: 2,
    zh: '表三总计列：每个报告版本一行、每行一列（applications 中 applicant_type = total 的宽表副本，供视图快速查询）',
    en: 'table 3’s total column: one row per report version, one column per row key (a wide copy of applications where applicant_type = total, for fast views)',
    columns: [reportId, ...APPLICATION_ROW_LABELS.map(({ key, label_zh, label_en }) => ({ name: key, type: 'INTEGER', zh: `${label_zh}（总计）`, en: `${label_en} (total)` }))],
  },
  {
    name: 'review_litigation',
    since: 1,
    zh: '表四 行政复议、行政诉讼情况（长表）',
    en: 'table 4, administrative review and litigation (long form)',
    columns: [
      reportId,
      { name: 'proceeding', type: 'VARCHAR', zh: 'review 行政复议 / litigation_direct 未经复议直接起诉 / litigation_after_review 复议后起诉', en: 'review, litigation_direct or litigation_after_review' },
      { name: 'outcome', type: 'VARCHAR', zh: 'upheld 结果维持 / corrected 结果纠正 / other 其他结果 / pending 尚未审结 / total 总计', en: 'upheld, corrected, other, pending or total' },
      { name: 'count', type: 'INTEGER', zh: '件数；未填为空', en: 'count; null when not printed' },
    ],
  },
  {
    name: 'cells',
    since: 4,
    zh: '每个数字的出处：页码与位置（PDF）、表格行列（HTML/DOCX）、行号（文本）及印出的文字（长表）',
    en: 'provenance of every number: page and box (PDF), table, row and column (HTML/DOCX), line (text) and the printed text (long form)',
    columns: [
      reportId,
      { name: 'key', type: 'VARCHAR', zh: '单元格键（与评分脚本相同，如 applications.new_received[6]）', en: 'cell key, as the scorer names cells (applications.new_received[6], active_disclosure.regulations.issued, review_litigation.review.total)' },
      { name: 'value', type: 'DOUBLE', zh: '记录中的数值；未填为空', en: 'the number in the record; null when the cell is blank' },
      { name: 'page', type: 'INTEGER', zh: 'PDF 页码（从 1 起）', en: 'PDF page (1-based)' },
      { name: 'x0', type: 'DOUBLE', zh: 'PDF 单元格左边（磅，页面左上角为原点）', en: 'PDF box left, in points from the upright page’s top-left corner' },
      { name: 'y0', type: 'DOUBLE', zh: 'PDF 单元格上边（磅）', en: 'PDF box top, in points' },
      { name: 'x1', type: 'DOUBLE', zh: 'PDF 单元格右边（磅）', en: 'PDF box right, in points' },
      { name: 'y1', type: 'DOUBLE', zh: 'PDF 单元格下边（磅）', en: 'PDF box bottom, in points' },
      { name: 'table_no', type: 'INTEGER', zh: '文档中第几个表格（从 1 起）', en: 'table index in the document (1-based)' },
      { name: 'row_no', type: 'INTEGER', zh: '展开合并单元格后的行（从 1 起）', en: 'row in the expanded grid (1-based)' },
      { name: 'col_no', type: 'INTEGER', zh: '展开合并单元格后的列（从 1 起）', en: 'column in the expanded grid (1-based)' },
      { name: 'line_no', type: 'INTEGER', zh: '文本文件的行号（从 1 起）', en: 'line of a text document (1-based)' },
      { name: 'source_text', type: 'VARCHAR', zh: '印出的单元格文字（或文中句子）', en: 'the printed cell text (or the sentence, for a figure stated in prose)' },
    ],
  },
  {
    name: 'labels',
    since: 1,
    zh: '键的中文与英文名称（维度表）',
    en: 'Chinese and English label of every key (dimension table)',
    columns: [
      { name: 'dimension', type: 'VARCHAR', zh: 'application_row 表三行、application_group 表三分组、applicant_type 申请人类型、proceeding 复议诉讼、outcome 结果、level 层级', en: 'application_row, application_group, applicant_type, proceeding, outcome or level' },
      { name: 'key', type: 'VARCHAR', zh: '键', en: 'key as used in the tables' },
      { name: 'ordinal', type: 'INTEGER', zh: '报告中的顺序', en: 'order in the printed report' },
      { name: 'group_key', type: 'VARCHAR', zh: '所属分组（如 denied 不予公开）', en: 'group (e.g. denied) where the key belongs to one' },
      { name: 'label_zh', type: 'VARCHAR', zh: '中文名称', en: 'Chinese label' },
      { name: 'label_en', type: 'VARCHAR', zh: '英文名称', en: 'English label' },
    ],
  },
  {
    name: 'checks',
    since: 1,
    zh: '勾稽关系校验结果',
    en: 'results of the template’s arithmetic checks',
    columns: [
      reportId,
      { name: 'check_id', type: 'VARCHAR', zh: '校验标识（如 applications.balance）', en: 'check id (applications.balance, …)' },
      { name: 'ok', type: 'BOOLEAN', zh: '是否通过；未运行为空', en: 'passed; null when not run' },
      { name: 'detail', type: 'VARCHAR', zh: '未通过时的说明（哪一行或列，等式两边）', en: 'for a failure: the row or column and both sides of the equation' },
    ],
  },
  {
    name: 'warnings',
    since: 1,
    zh: '提取与入库时的提示',
    en: 'what was odd about a report’s layout or its loading',
    columns: [
      reportId,
      { name: 'ordinal', type: 'INTEGER', zh: '序号', en: 'position' },
      { name: 'origin', type: 'VARCHAR', zh: 'record 提取 / loader 入库', en: 'record (extraction) or loader' },
      { name: 'message', type: 'VARCHAR', zh: '内容', en: 'message' },
    ],
  },
  {
    name: 'extract_errors',
    since: 1,
    zh: '无法读取或提取的文档',
    en: 'documents that could not be read or extracted',
    columns: [
      reportId,
      { name: 'sha256', type: 'VARCHAR', zh: '文档 SHA-256', en: 'document SHA-256' },
      { name: 'url', type: 'VARCHAR', zh: '文档网址', en: 'document URL' },
      { name: 'kind', type: 'VARCHAR', zh: '错误类型（unsupported-format、unreadable、not-a-report、needs-ocr 等）', en: 'error kind (unsupported-format, unreadable, not-a-report, needs-ocr, …)' },
      { name: 'reason', type: 'VARCHAR', zh: '原因', en: 'reason' },
      { name: 'parser_version', type: 'INTEGER', zh: '解析器版本', en: 'parser version that failed' },
    ],
  },
  {
    name: 'crawl_log',
    since: 2,
    zh: '抓取日志（fetch-log.jsonl）',
    en: 'crawl log (fetch-log.jsonl)',
    columns: [
      { name: 'seq', type: 'INTEGER', zh: '日志中的行序', en: 'position in the log' },
      { name: 'site_id', type: 'VARCHAR', zh: '网站', en: 'site' },
      { name: 'url', type: 'VARCHAR', zh: '请求网址', en: 'requested URL' },
      { name: 'final_url', type: 'VARCHAR', zh: '重定向后的网址', en: 'URL after redirects' },
      { name: 'status', type: 'INTEGER', zh: 'HTTP 状态码（0 为无响应）', en: 'HTTP status (0: no response)' },
      { name: 'content_type', type: 'VARCHAR', zh: '内容类型（Content-Type）', en: 'Content-Type header' },
      { name: 'encoding', type: 'VARCHAR', zh: '解码所用字符集', en: 'charset the text was decoded with' },
      { name: 'etag', type: 'VARCHAR', zh: '实体标签（ETag）', en: 'ETag header' },
      { name: 'last_modified', type: 'VARCHAR', zh: '最后修改时间（Last-Modified）', en: 'Last-Modified header' },
      { name: 'sha256', type: 'VARCHAR', zh: '保存内容的 SHA-256', en: 'SHA-256 of the stored body' },
      { name: 'bytes', type: 'BIGINT', zh: '字节数', en: 'size in bytes' },
      { name: 'fetched_at', type: 'TIMESTAMPTZ', zh: '抓取时间', en: 'when it was fetched' },
      { name: 'error', type: 'VARCHAR', zh: '失败原因（robots、js-challenge、soft-404 等）', en: 'why nothing usable came back (robots, js-challenge, soft-404, …)' },
    ],
  },
  {
    name: 'deadlines',
    since: 2,
    zh: '年报公开期限（按层级与年度）',
    en: 'publication deadlines by level and reporting year',
    columns: [
      { name: 'level', type: 'VARCHAR', zh: '层级；unknown 为未知层级', en: 'level; unknown for agencies of unknown level' },
      { name: 'from_year', type: 'INTEGER', zh: '适用的首个报告年度', en: 'first reporting year it applies to' },
      { name: 'to_year', type: 'INTEGER', zh: '适用的最后报告年度', en: 'last reporting year it applies to' },
      { name: 'due_month', type: 'INTEGER', zh: '次年截止月', en: 'month of the following year it is due' },
      { name: 'due_day', type: 'INTEGER', zh: '截止日', en: 'day it is due' },
      { name: 'basis', type: 'VARCHAR', zh: '依据', en: 'legal basis or decision' },
    ],
  },
  {
    name: 'crawl_runs',
    since: 3,
    zh: '每次抓取每个网站的结果（raw/runs.jsonl）',
    en: 'the outcome of every crawl run for every site (raw/runs.jsonl)',
    columns: [
      { name: 'run_id', type: 'VARCHAR', zh: '抓取运行标识（开始时间与进程号）', en: 'crawl run id (its start time and pid)' },
      { name: 'site_id', type: 'VARCHAR', zh: '网站', en: 'site' },
      { name: 'status', type: 'VARCHAR', zh: '结果：ok、robots（robots.txt 禁止）、js-challenge（反爬挑战）、failed、nothing-found、interrupted', en: 'outcome: ok, robots (forbidden by robots.txt), js-challenge (anti-bot challenge), failed, nothing-found or interrupted' },
      { name: 'pages', type: 'INTEGER', zh: '抓取的页面数', en: 'pages fetched' },
      { name: 'requests', type: 'INTEGER', zh: 'HTTP 请求数（含重试、重定向、robots.txt）', en: 'HTTP exchanges (retries, redirects and robots.txt included)' },
      { name: 'rendered', type: 'INTEGER', zh: '浏览器渲染的页面数', en: 'pages rendered in Chromium' },
      { name: 'reports_found', type: 'INTEGER', zh: '找到的年报数', en: 'reports found' },
      { name: 'errors', type: 'INTEGER', zh: '错误数（详见 failures.jsonl）', en: 'errors (each in failures.jsonl)' },
      { name: 'held_back', type: 'INTEGER', zh: '有意未收录的页面数（非年报、软 404），不算错误', en: 'pages held back on purpose (not reports, soft 404s); not errors' },
      { name: 'stopped_by', type: 'VARCHAR', zh: '使抓取提前停止的限额', en: 'the budget that stopped the site early, if any' },
      { name: 'started_at', type: 'TIMESTAMPTZ', zh: '该网站开始抓取时间', en: 'when the site’s crawl started' },
      { name: 'finished_at', type: 'TIMESTAMPTZ', zh: '该网站结束抓取时间', en: 'when the site’s crawl finished' },
    ],
  },
];

/** Tables whose rows belong to one report version (deleted and rewritten together). */
export const REPORT_TABLES = ['reports', 'documents', 'active_disclosure', 'applications', 'application_totals', 'review_litigation', 'checks', 'warnings', 'extract_errors', 'cells'] as const;

export function tableDef(name: string): TableDef {
  const def = TABLES.find((t) => t.name === name);
  if (!def) throw new Error(`no table ${name} in the schema`);
  return def;
}
