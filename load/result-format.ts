/**
 * Query results in the formats `nianbao query --format` prints, the DuckDB CLI's modes:
 * `table` (aligned columns for a terminal), `csv` and `tsv` (a header row, then one line per row),
 * `json` (JSON Lines: one object per row), `markdown` (a pipe table) and `line` (one `column = value`
 * line per cell, a blank line between rows, for wide rows).
 */
import { cellText, displayWidth, renderTable } from './text-table.ts';

export const RESULT_FORMATS = ['table', 'csv', 'tsv', 'json', 'markdown', 'line'] as const;
export type ResultFormat = (typeof RESULT_FORMATS)[number];

export interface FormatOptions {
  /** Widest a `table` may print (the terminal's width); undefined: no cut. */
  maxWidth?: number;
}

/** A cell as text for the plain-text formats: NULL is empty, numbers and strings as they are, the rest as JSON. */
function plain(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A TSV field: backslash, tab and line breaks escaped (`\\`, `\t`, `\n`, `\r`), as PostgreSQL's text format does. */
function tsvField(text: string): string {
  return text.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);
}

function markdownCell(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replace(/\r?\n/g, '<br>');
}

/** Plain values for JSON: what `plainValue` gives already is JSON-safe. */
function jsonLine(columns: readonly string[], row: readonly unknown[]): string {
  return JSON.stringify(Object.fromEntries(columns.map((c, i) => [c, row[i] ?? null])));
}

/** One statement's result in `format`, ending without a newline (empty for `json` with no rows). */
export function formatResult(columns: readonly string[], rows: readonly (readonly unknown[])[], format: ResultFormat, opts: FormatOptions = {}): string {
  switch (format) {
    case 'table':
      return `${renderTable(columns, rows, { maxCellWidth: Infinity, maxWidth: opts.maxWidth })}\n(${rows.length} row${rows.length === 1 ? '' : 's'})`;
    case 'csv':
      return [columns, ...rows.map((r) => r.map(plain))].map((r) => r.map((v) => csvField(String(v))).join(',')).join('\n');
    case 'tsv':
      return [columns, ...rows.map((r) => r.map(plain))].map((r) => r.map((v) => tsvField(String(v))).join('\t')).join('\n');
    case 'json':
      return rows.map((r) => jsonLine(columns, r)).join('\n');
    case 'markdown': {
      const numeric = columns.map((_, i) => rows.length > 0 && rows.every((r) => r[i] === null || r[i] === undefined || typeof r[i] === 'number'));
      return [
        `| ${columns.map(markdownCell).join(' | ')} |`,
        `|${numeric.map((n) => (n ? '---:' : '---')).join('|')}|`,
        ...rows.map((r) => `| ${r.map((v) => markdownCell(plain(v))).join(' | ')} |`),
      ].join('\n');
    }
    case 'line': {
      const width = Math.max(0, ...columns.map(displayWidth));
      return rows
        .map((r) => columns.map((c, i) => `${' '.repeat(width - displayWidth(c))}${c} = ${cellText(r[i])}`).join('\n'))
        .join('\n\n');
    }
  }
}
