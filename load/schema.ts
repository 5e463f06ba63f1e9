/**
 * Creates and migrates the warehouse schema. The file records its version in `schema_version`;
 * opening a file written by an older nianbao applies the missing steps in order, each in its own
 * transaction, so a file is always at one whole version. A step is derived from `tables.ts`: the
 * tables that version brought are created and the columns it added to older tables are appended,
 * then any data step it needs runs. Comments (Chinese and English) follow the declarations.
 */
import { UsageError } from '../errors.ts';
import type { Database } from './db.ts';
import { quotedIdentifier, quotedString } from './sql.ts';
import { SCHEMA_VERSION, TABLES, tableDef, type ColumnDef, type TableDef } from './tables.ts';
import { seedDimensions } from './dimensions.ts';

const sinceOf = (table: TableDef, column: ColumnDef) => column.since ?? table.since;

/** The row-key columns application_totals has at `version` (a later version may add keys). */
function totalsKeysAt(version: number): string[] {
  const table = tableDef('application_totals');
  return table.columns.filter((c) => c.name !== 'report_id' && sinceOf(table, c) <= version).map((c) => c.name);
}

/** Data steps a version needs beyond its DDL (backfills), run in the same transaction. */
const DATA_STEPS: Record<number, () => string[]> = {
  2: () => [
    // v2 brought the crawler's confidence; reports loaded before it were all confirmed by content
    `UPDATE reports SET confidence = 'high' WHERE confidence IS NULL AND template IN ('2019', '2021')`,
    // and the wide copy of table 3's total column, filled from the long table
    `INSERT INTO application_totals (report_id, ${totalsKeysAt(2).map(quotedIdentifier).join(', ')})
     SELECT report_id, ${totalsKeysAt(2).map((k) => `max(count) FILTER (WHERE row_key = ${quotedString(k)})`).join(', ')}
     FROM applications WHERE applicant_type = 'total' GROUP BY report_id`,
  ],
};

function columnSql(column: ColumnDef): string {
  return `${quotedIdentifier(column.name)} ${column.type}`;
}

/** The DDL of one version step. */
export function migrationStatements(version: number): string[] {
  const out: string[] = [];
  for (const table of TABLES) {
    if (table.since === version) {
      const columns = table.columns.filter((c) => sinceOf(table, c) <= version).map(columnSql);
      out.push(`CREATE TABLE IF NOT EXISTS ${quotedIdentifier(table.name)} (${columns.join(', ')})`);
    } else if (table.since < version) {
      for (const column of table.columns.filter((c) => sinceOf(table, c) === version)) {
        out.push(`ALTER TABLE ${quotedIdentifier(table.name)} ADD COLUMN IF NOT EXISTS ${columnSql(column)}`);
      }
    }
  }
  return out;
}

/** `COMMENT ON` for every table and column that exists at `version`. */
export function commentStatements(version: number): string[] {
  const out: string[] = [];
  for (const table of TABLES.filter((t) => t.since <= version)) {
    out.push(`COMMENT ON TABLE ${quotedIdentifier(table.name)} IS ${quotedString(`${table.zh} / ${table.en}`)}`);
    for (const column of table.columns.filter((c) => sinceOf(table, c) <= version)) {
      out.push(`COMMENT ON COLUMN ${quotedIdentifier(table.name)}.${quotedIdentifier(column.name)} IS ${quotedString(`${column.zh} / ${column.en}`)}`);
    }
  }
  return out;
}

/** The schema version of an open database (0 for an empty file). */
export async function schemaVersion(db: Database): Promise<number> {
  const exists = await db.value<number>(`SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = 'schema_version'`);
  if (!exists) return 0;
  return (await db.value<number>('SELECT max(version) FROM schema_version')) ?? 0;
}

/**
 * Brings the database to `target` (default: the newest version) and refreshes the dimension
 * tables. Returns the version the file is at. A file from a newer nianbao is refused rather than
 * guessed at.
 */
export async function migrate(db: Database, target = SCHEMA_VERSION): Promise<number> {
  if (target < 1 || target > SCHEMA_VERSION) throw new Error(`no schema version ${target} (this nianbao knows 1–${SCHEMA_VERSION})`);
  let current = await schemaVersion(db);
  if (current > SCHEMA_VERSION) {
    throw new UsageError(`${db.path} was written by a newer nianbao (schema version ${current}; this one knows up to ${SCHEMA_VERSION}): upgrade nianbao`);
  }
  if (current === 0) {
    await db.run(`CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at TIMESTAMPTZ NOT NULL)`);
    await db.run(`COMMENT ON TABLE schema_version IS ${quotedString('数据库结构版本 / schema versions applied to this file')}`);
  }
  while (current < target) {
    const next = current + 1;
    await db.transaction(async () => {
      for (const sql of [...migrationStatements(next), ...(DATA_STEPS[next]?.() ?? []), ...commentStatements(next)]) await db.run(sql);
      await db.run('INSERT INTO schema_version VALUES ($1, now())', [next]);
    });
    current = next;
  }
  await seedDimensions(db, current);
  return current;
}
