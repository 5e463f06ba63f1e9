/**
 * `nianbao explain`: one report's figures laid out as the template prints them (table 2 rows and
 * fields, table 3 rows × applicant columns, table 4 proceedings × outcomes), each with where it
 * was read (the `cells` table: PDF page and box, table/row/column, text line, printed text), plus
 * the source URL and the stored document's path in the raw store. Read from the warehouse only.
 */
import { join } from 'node:path';
import { UsageError } from '../errors.ts';
import { TABLE2_ROWS } from '../extract/mapper/labels.ts';
import { APPLICANT_COLUMNS, REVIEW_FIELDS, REVIEW_GROUPS } from '../extract/record.ts';
import type { Database } from './db.ts';

export interface ExplainedCell {
  /** 2, 3 or 4: the template's table. */
  table: 2 | 3 | 4;
  /** Row label as printed in the template (Chinese). */
  row: string;
  /** Column label (field, applicant type or outcome). */
  column: string;
  key: string;
  value: number | null;
  /** Unit text (table 2's amount_unit) where the value is text. */
  text: string | null;
  page: number | null;
  box: [number, number, number, number] | null;
  table_no: number | null;
  row_no: number | null;
  col_no: number | null;
  line_no: number | null;
  source_text: string | null;
}

export interface Explained {
  report_id: number;
  agency: string;
  year: number;
  version: number;
  template: string | null;
  title: string | null;
  url: string | null;
  source_url: string | null;
  source_format: string | null;
  source_sha256: string | null;
  /** Path of the stored primary document in the raw store (null when none). */
  stored_path: string | null;
  cells: ExplainedCell[];
  checks: { check_id: string; ok: boolean | null; detail: string | null }[];
}

/** What `explain` was asked for: a report id, or an agency (exact, else the one name containing it) and a year. */
export type ExplainTarget = { reportId: string } | { agency: string; year: number };

/** Parses the command's arguments: `<report id>` or `<agency> <year>`. */
export function explainTarget(args: string[]): ExplainTarget {
  if (args.length === 1 && /^-?\d+$/.test(args[0]!)) return { reportId: args[0]! };
  const year = args.length >= 2 ? args[args.length - 1]! : '';
  if (!/^\d{4}$/.test(year)) throw new UsageError('explain: give a report id, or an agency and a year (nianbao explain 洪泽区人民政府 2024)');
  return { agency: args.slice(0, -1).join(' '), year: Number(year) };
}

async function findReport(db: Database, target: ExplainTarget): Promise<Record<string, unknown>> {
  const cols = 'report_id, agency, year, version, template, title, url, source_url, source_format, source_sha256';
  if ('reportId' in target) {
    const rows = await db.all(`SELECT ${cols} FROM reports WHERE report_id = $1::BIGINT`, [target.reportId]);
    if (!rows.length) throw new UsageError(`explain: no report ${target.reportId} in the database`);
    return rows[0]!;
  }
  const exact = await db.all(`SELECT ${cols} FROM reports WHERE is_current AND year = $1 AND agency = $2`, [target.year, target.agency]);
  if (exact.length) return exact[0]!;
  const like = await db.all(`SELECT ${cols} FROM reports WHERE is_current AND year = $1 AND strpos(agency, $2) > 0 ORDER BY agency`, [target.year, target.agency]);
  if (like.length === 1) return like[0]!;
  if (!like.length) throw new UsageError(`explain: no report of ${target.agency} for ${target.year} in the database`);
  throw new UsageError(`explain: ${like.length} agencies match '${target.agency}' for ${target.year}: ${like.map((r) => `${String(r.agency)} (report ${String(r.report_id)})`).join(', ')}; name one or give its report id`);
}

const APPLICATION_LABEL_SQL = `SELECT key, label_zh, ordinal FROM labels WHERE dimension = $1`;

/** The report's figures with their provenance, in the template's order. */
export async function explainReport(db: Database, target: ExplainTarget, rawDir: string): Promise<Explained> {
  const r = await findReport(db, target);
  const id = String(r.report_id);
  const prov = new Map<string, Record<string, unknown>>();
  for (const c of await db.all(`SELECT key, page, x0, y0, x1, y1, table_no, row_no, col_no, line_no, source_text FROM cells WHERE report_id = $1::BIGINT`, [id])) prov.set(String(c.key), c);
  const labels = async (dimension: string) => new Map((await db.all(APPLICATION_LABEL_SQL, [dimension])).map((l) => [String(l.key), { zh: String(l.label_zh), ordinal: Number(l.ordinal) }]));
  const cells: ExplainedCell[] = [];
  const add = (table: 2 | 3 | 4, row: string, column: string, key: string, value: number | null, text: string | null = null) => {
    const p = prov.get(key);
    const box = p && p.x0 !== null ? ([p.x0, p.y0, p.x1, p.y1].map(Number) as [number, number, number, number]) : null;
    const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    cells.push({ table, row, column, key, value, text, page: n(p?.page), box, table_no: n(p?.table_no), row_no: n(p?.row_no), col_no: n(p?.col_no), line_no: n(p?.line_no), source_text: p ? ((p.source_text as string | null) ?? null) : null });
  };

  const t2 = await db.all(`SELECT row_key, field, value, text FROM active_disclosure WHERE report_id = $1::BIGINT`, [id]);
  const t2order = (k: string) => { const i = TABLE2_ROWS.findIndex((d) => d.key === k); return i < 0 ? TABLE2_ROWS.length : i; };
  for (const d of [...t2].sort((a, b) => t2order(String(a.row_key)) - t2order(String(b.row_key)))) {
    const def = TABLE2_ROWS.find((x) => x.key === d.row_key);
    add(2, def?.label ?? String(d.row_key), String(d.field), `active_disclosure.${String(d.row_key)}.${String(d.field)}`, d.value === null ? null : Number(d.value), (d.text as string | null) ?? null);
  }

  const rowLabels = await labels('application_row');
  const applicantLabels = await labels('applicant_type');
  const t3 = await db.all(`SELECT row_key, applicant_type, count FROM applications WHERE report_id = $1::BIGINT`, [id]);
  const ord3 = (k: string) => rowLabels.get(k)?.ordinal ?? 999;
  t3.sort((a, b) => ord3(String(a.row_key)) - ord3(String(b.row_key)) || APPLICANT_COLUMNS.indexOf(a.applicant_type as never) - APPLICANT_COLUMNS.indexOf(b.applicant_type as never));
  for (const a of t3) {
    const k = String(a.row_key);
    const col = String(a.applicant_type);
    add(3, rowLabels.get(k)?.zh ?? k, applicantLabels.get(col)?.zh ?? col, `applications.${k}[${APPLICANT_COLUMNS.indexOf(col as never)}]`, a.count === null ? null : Number(a.count));
  }

  const proceedings = await labels('proceeding');
  const outcomes = await labels('outcome');
  const t4 = await db.all(`SELECT proceeding, outcome, count FROM review_litigation WHERE report_id = $1::BIGINT`, [id]);
  t4.sort((a, b) => REVIEW_GROUPS.indexOf(a.proceeding as never) - REVIEW_GROUPS.indexOf(b.proceeding as never) || REVIEW_FIELDS.indexOf(a.outcome as never) - REVIEW_FIELDS.indexOf(b.outcome as never));
  for (const v of t4) {
    const g = String(v.proceeding);
    const f = String(v.outcome);
    add(4, proceedings.get(g)?.zh ?? g, outcomes.get(f)?.zh ?? f, `review_litigation.${g}.${f}`, v.count === null ? null : Number(v.count));
  }

  const checks = (await db.all(`SELECT check_id, ok, detail FROM checks WHERE report_id = $1::BIGINT ORDER BY check_id`, [id])).map((c) => ({ check_id: String(c.check_id), ok: (c.ok as boolean | null) ?? null, detail: (c.detail as string | null) ?? null }));
  const sha = (r.source_sha256 as string | null) ?? null;
  return {
    report_id: Number(r.report_id),
    agency: String(r.agency),
    year: Number(r.year),
    version: Number(r.version),
    template: (r.template as string | null) ?? null,
    title: (r.title as string | null) ?? null,
    url: (r.url as string | null) ?? null,
    source_url: (r.source_url as string | null) ?? null,
    source_format: (r.source_format as string | null) ?? null,
    source_sha256: sha,
    stored_path: sha && /^[0-9a-f]{64}$/.test(sha) ? join(rawDir, 'objects', sha.slice(0, 2), sha) : null,
    cells,
    checks,
  };
}

/** Where a cell was read, in a few words: `page 3 (483,497)-(517,520)`, `line 88`, `table 2 row 4 col 10`. */
export function whereText(c: ExplainedCell): string {
  const parts: string[] = [];
  if (c.page !== null) parts.push(`page ${c.page}`);
  if (c.box) parts.push(`(${Math.round(c.box[0])},${Math.round(c.box[1])})-(${Math.round(c.box[2])},${Math.round(c.box[3])})`);
  if (c.line_no !== null) parts.push(`line ${c.line_no}`);
  if (c.table_no !== null) parts.push(`table ${c.table_no} row ${c.row_no} col ${c.col_no}`);
  return parts.length ? parts.join(' ') : c.source_text !== null ? 'in the text' : 'no provenance';
}

/** Pads to a display width, counting CJK and fullwidth characters as two columns. */
function padWide(s: string, width: number): string {
  const w = [...s].reduce((n, ch) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
  return s + ' '.repeat(Math.max(1, width - w));
}

const TABLE_TITLES: Record<2 | 3 | 4, string> = {
  2: '二、主动公开政府信息情况',
  3: '三、收到和处理政府信息公开申请情况',
  4: '四、政府信息公开行政复议、行政诉讼情况',
};

/** The explanation as text: a header, then each table's rows with every cell's value, place and printed text. */
export function explainText(e: Explained): string {
  const out: string[] = [];
  out.push(`${e.agency} ${e.year} — report ${e.report_id} (version ${e.version}, template ${e.template ?? 'none'})`);
  if (e.title) out.push(`title:    ${e.title}`);
  if (e.url) out.push(`page:     ${e.url}`);
  out.push(`source:   ${e.source_url ?? '(none)'}${e.source_format ? ` (${e.source_format})` : ''}`);
  out.push(`stored:   ${e.stored_path ?? '(none)'}`);
  for (const t of [2, 3, 4] as const) {
    const cells = e.cells.filter((c) => c.table === t);
    if (!cells.length) continue;
    out.push('', TABLE_TITLES[t]);
    let row = '';
    for (const c of cells) {
      if (c.row !== row) {
        row = c.row;
        out.push(`  ${row}`);
      }
      const value = c.value !== null ? String(c.value) : c.text !== null ? c.text : '—';
      const printed = c.source_text !== null ? `  '${c.source_text}'` : '';
      out.push(`    ${padWide(c.column, 30)} ${value.padStart(8)}   ${whereText(c)}${printed}`);
    }
  }
  const failed = e.checks.filter((c) => c.ok === false);
  out.push('', `checks: ${e.checks.filter((c) => c.ok).length} passed, ${failed.length} failed`);
  for (const c of failed) out.push(`  ✗ ${c.check_id}${c.detail ? `: ${c.detail}` : ''}`);
  return out.join('\n');
}
