/**
 * The warehouse connection: a DuckDB file (or `:memory:`) opened through a static async factory,
 * its schema brought up to date on a read-write open, and queries that take their values as
 * bound parameters only. Results come back as plain JSON-safe rows (DuckDB's BIGINT/HUGEINT as
 * numbers where they fit, dates as `YYYY-MM-DD`), never as BigInt.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBInstance, DuckDBTypeId, type DuckDBAppender, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { LockedError } from '../errors.ts';
import { migrate } from './schema.ts';
import { createViews } from './views.ts';

export type SqlParams = DuckDBValue[] | Record<string, DuckDBValue>;
export type Row = Record<string, unknown>;

export interface OpenOptions {
  /** Open without write access (another process may hold the write lock only if it also reads). */
  readOnly?: boolean;
  /** Migrate only up to this schema version (tests build old files with it); default: the newest. */
  schemaVersion?: number;
  /** DuckDB settings for the instance (strings, as DuckDB takes them), e.g. query's sandbox. */
  config?: Record<string, string>;
}

export class Database {
  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    readonly readOnly: boolean,
  ) {}

  /**
   * Opens (creating if needed) the database at `path`. A read-write open applies every pending
   * migration and (re)creates the views, so a file written by an older nianbao is upgraded here.
   */
  static async open(path: string, opts: OpenOptions = {}): Promise<Database> {
    const readOnly = opts.readOnly ?? false;
    if (path !== ':memory:' && !readOnly) mkdirSync(dirname(path), { recursive: true });
    let instance: DuckDBInstance;
    try {
      const config = { ...(readOnly ? { access_mode: 'READ_ONLY' } : {}), ...opts.config };
      instance = await DuckDBInstance.create(path, Object.keys(config).length > 0 ? config : undefined);
    } catch (err) {
      // DuckDB lets one process write a file (or several read it): a load or run in progress holds it
      const message = err instanceof Error ? err.message : String(err);
      if (/lock/i.test(message)) {
        throw new LockedError(path, `is in use by another process (${readOnly ? 'a load or run writing it' : 'a load or run, or any reader: a writer needs the file to itself'}): ${message}`, { cause: err });
      }
      throw err;
    }
    const connection = await instance.connect();
    const db = new Database(path, instance, connection, readOnly);
    if (!readOnly) {
      try {
        const version = await migrate(db, opts.schemaVersion);
        await createViews(db, version);
      } catch (err) {
        db.close();
        throw err;
      }
    }
    return db;
  }

  async run(sql: string, params?: SqlParams): Promise<void> {
    await this.connection.run(sql, params);
  }

  /** Rows as plain objects (see `plainValue`). */
  async all<T extends Row = Row>(sql: string, params?: SqlParams): Promise<T[]> {
    const reader = await this.connection.runAndReadAll(sql, params);
    const dateColumns = new Set(reader.columnTypes().flatMap((t, i) => (t.typeId === DuckDBTypeId.DATE ? [i] : [])));
    const names = reader.columnNames();
    return reader.getRowsJS().map((values) => {
      const row: Row = {};
      values.forEach((v, i) => {
        row[names[i]!] = plainValue(v, dateColumns.has(i));
      });
      return row as T;
    });
  }

  /** Column names and rows of a query, for printing. */
  async table(sql: string, params?: SqlParams): Promise<{ columns: string[]; rows: unknown[][] }> {
    const reader = await this.connection.runAndReadAll(sql, params);
    const dateColumns = new Set(reader.columnTypes().flatMap((t, i) => (t.typeId === DuckDBTypeId.DATE ? [i] : [])));
    return {
      columns: reader.columnNames(),
      rows: reader.getRowsJS().map((values) => values.map((v, i) => plainValue(v, dateColumns.has(i)))),
    };
  }

  /** The first column of the first row, or null. */
  async value<T = unknown>(sql: string, params?: SqlParams): Promise<T | null> {
    const rows = await this.table(sql, params);
    return (rows.rows[0]?.[0] ?? null) as T | null;
  }

  /**
   * Runs `fn` inside one transaction: committed when it resolves, rolled back when it throws.
   * Appenders created inside write into the same transaction, so a process killed before the
   * COMMIT leaves nothing of it in the file.
   */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    await this.run('BEGIN TRANSACTION');
    let result: T;
    try {
      result = await fn();
    } catch (err) {
      await this.run('ROLLBACK');
      throw err;
    }
    await this.run('COMMIT');
    return result;
  }

  /** An appender on a table of the main schema; the caller closes it (which flushes). */
  async appender(table: string): Promise<DuckDBAppender> {
    return this.connection.createAppender(table);
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/** BigInt → number when exact (else its decimal string); DATE → `YYYY-MM-DD`; other Dates → ISO; lists and structs recursively. */
export function plainValue(value: unknown, isDate = false): unknown {
  if (typeof value === 'bigint') return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  if (value instanceof Date) return isDate ? value.toISOString().slice(0, 10) : value.toISOString();
  if (Array.isArray(value)) return value.map((v) => plainValue(v));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainValue(v)]));
  }
  return value;
}
