/**
 * `nianbao export`: every table and view as one Parquet or CSV file each, for R, pandas and
 * spreadsheets. Paths reach the COPY statement through `quotedString` only.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Database } from './db.ts';
import { quotedIdentifier, quotedString } from './sql.ts';
import { TABLES } from './tables.ts';
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

export async function exportAll(db: Database, outDir: string, format: ExportFormat): Promise<ExportedFile[]> {
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
    await db.run(`COPY (SELECT * FROM ${quotedIdentifier(name)}) TO ${quotedString(path)} ${COPY_OPTIONS[format]}`);
    const rows = (await db.value<number>(`SELECT count(*) FROM ${quotedIdentifier(name)}`)) ?? 0;
    files.push({ name, kind, path, rows });
  }
  return files;
}
