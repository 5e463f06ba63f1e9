/**
 * `nianbao export`: every table and view as one Parquet or CSV file each, for R, pandas and
 * spreadsheets. Paths reach the COPY statement through `quotedString` only. For people: CSV with
 * a UTF-8 byte-order mark (`--excel`: Excel otherwise reads UTF-8 as the local code page) and
 * Chinese column headers (`--labels zh`: the views' and tables' documented names).
 */
import { createReadStream, createWriteStream, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Database } from './db.ts';
import { quotedIdentifier, quotedString } from './sql.ts';
import { TABLES, tableDef } from './tables.ts';
import { viewColumnDoc } from './view-columns.ts';
import { VIEW_NAMES } from './views.ts';

export type ExportFormat = 'parquet' | 'csv';

export interface ExportedFile {
  name: string;
  kind: 'table' | 'view';
  path: string;
  rows: number;
}

/** COPY options per format: Parquet compressed with zstd; CSV with a header row, UTF-8. */
const COPY_OPTIONS: Record<ExportFormat, string> = {
  parquet: '(FORMAT parquet, COMPRESSION zstd)',
  csv: '(FORMAT csv, HEADER true)',
};

export interface ExportOptions {
  /** Start each CSV file with a UTF-8 byte-order mark (for Excel). */
  bom?: boolean;
  /** Column headers in this language instead of the column names. */
  labels?: 'zh';
}

/** A table column's Chinese header: its documented name up to the first explanation (（…）, a comma, a colon before Latin text). */
export function shortZh(zh: string): string {
  const cut = zh.split(/[（(，；]/)[0]!.trim();
  const colon = /^([^：]+)：(?=.*[A-Za-z])/.exec(cut);
  return (colon ? colon[1]! : cut).trim() || zh;
}

/** The Chinese header of each column of a table or view; a header two columns share is told apart by the column name. */
function chineseHeaders(name: string, kind: 'table' | 'view', columns: readonly string[]): string[] {
  const headers = columns.map((c) => {
    if (kind === 'view') return viewColumnDoc(name, c)?.zh ?? c;
    const def = name === 'schema_version' ? undefined : tableDef(name).columns.find((col) => col.name === c);
    return def ? shortZh(def.zh) : c;
  });
  return headers.map((h, i) => (headers.indexOf(h) !== i || headers.lastIndexOf(h) !== i ? `${h}（${columns[i]}）` : h));
}

const SCHEMA_VERSION_HEADERS: Record<string, string> = { version: '结构版本', applied_at: '升级时间' };

export async function exportAll(db: Database, outDir: string, format: ExportFormat, opts: ExportOptions = {}): Promise<ExportedFile[]> {
  const dir = resolve(outDir);
  mkdirSync(dir, { recursive: true });
  const objects: { name: string; kind: 'table' | 'view' }[] = [
    { name: 'schema_version', kind: 'table' },
    ...TABLES.map((t) => ({ name: t.name, kind: 'table' as const })),
    ...VIEW_NAMES.map((name) => ({ name, kind: 'view' as const })),
  ];
  const files: ExportedFile[] = [];
  for (const { name, kind } of objects) {
    const path = join(dir, `${name}.${format}`);
    let select = `SELECT * FROM ${quotedIdentifier(name)}`;
    if (opts.labels === 'zh') {
      // the columns as this session resolves the name (a read-only session's temporary view first)
      const unique = (await db.table(`SELECT * FROM ${quotedIdentifier(name)} LIMIT 0`)).columns;
      const headers = name === 'schema_version' ? unique.map((c) => SCHEMA_VERSION_HEADERS[c] ?? c) : chineseHeaders(name, kind, unique);
      select = `SELECT ${unique.map((c, i) => `${quotedIdentifier(c)} AS ${quotedIdentifier(headers[i]!)}`).join(', ')} FROM ${quotedIdentifier(name)}`;
    }
    if (format === 'csv' && opts.bom) {
      // DuckDB writes no byte-order mark: the mark, then DuckDB's file
      const part = `${path}.part`;
      await db.run(`COPY (${select}) TO ${quotedString(part)} ${COPY_OPTIONS[format]}`);
      writeFileSync(path, '\uFEFF');
      await pipeline(createReadStream(part), createWriteStream(path, { flags: 'a' }));
      rmSync(part);
    } else {
      await db.run(`COPY (${select}) TO ${quotedString(path)} ${COPY_OPTIONS[format]}`);
    }
    const rows = (await db.value<number>(`SELECT count(*) FROM ${quotedIdentifier(name)}`)) ?? 0;
    files.push({ name, kind, path, rows });
  }
  return files;
}
