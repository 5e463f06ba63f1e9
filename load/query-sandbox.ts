/**
 * The sandbox `nianbao query` runs people's SQL in. By default a query writes nothing anywhere
 * and fetches nothing; `--allow-files DIR` lets it read and write files under DIR, never the
 * warehouse. Four layers, because DuckDB's own switches leave holes (checked on DuckDB 1.5):
 *
 * 1. The warehouse is opened read-only, with no spill directory (`temp_directory = ''`), no
 *    extension auto-install/auto-load, no persistent secrets; then `allowed_directories` (DIR
 *    only), `enable_external_access = false` and `lock_configuration = true`, so no `SET` can
 *    undo it and no file outside DIR can be opened.
 * 2. Every statement's type is checked before it runs: by default only reading statements
 *    (SELECT and its DESCRIBE/SHOW/SUMMARIZE forms, EXPLAIN, SET VARIABLE, CALL); with
 *    `--allow-files` also COPY, EXPORT, ATTACH and DDL/DML on what is attached. DuckDB always
 *    allows the open database file itself (and its `.wal`) even with external access off, so
 *    `COPY … TO 'nianbao.duckdb' (USE_TMP_FILE false)` would pass layer 1: layer 2 refuses it.
 * 3. Functions that change the session or write although called from a SELECT
 *    (`enable_logging(storage_path=…)` even aborts the process, `checkpoint`, `query(…)`, which
 *    runs a string of SQL that cannot be checked) are refused by name, read from DuckDB's own
 *    parse tree (`json_serialize_sql`) or, when a statement has none, from its text.
 * 4. With `--allow-files`, DuckDB still allows the open database file, so the query runs on a
 *    private copy of the warehouse (deleted afterwards); DIR must not hold, or sit inside, the
 *    data directory, and no symbolic or hard link under DIR may lead into it (DuckDB follows
 *    links, and `..` is refused by DuckDB itself).
 */
import { copyFileSync, lstatSync, mkdtempSync, readdirSync, readlinkSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, isAbsolute, sep } from 'node:path';
import { DuckDBTypeId, StatementType } from '@duckdb/node-api';
import { UsageError } from '../errors.ts';
import { Database, plainValue } from './db.ts';
import { databasePath } from './paths.ts';
import { openReadOnly } from './read-only.ts';
import { quotedString } from './sql.ts';

/** A statement the sandbox will not run; `reason` says why, for the person who wrote it. */
export class RefusedStatementError extends UsageError {
  constructor(readonly statement: number, reason: string) {
    super(`statement ${statement} refused: ${reason}`);
  }
}

/** Statement types that only read. */
const READING = new Set<StatementType>([StatementType.SELECT, StatementType.EXPLAIN, StatementType.VARIABLE_SET, StatementType.CALL, StatementType.SET]);

/** What `--allow-files` adds: statements that write files under DIR, or attached databases and temporary objects. */
const WRITING_FILES = new Set<StatementType>([
  StatementType.COPY, StatementType.EXPORT, StatementType.ATTACH, StatementType.DETACH, StatementType.COPY_DATABASE,
  StatementType.CREATE, StatementType.CREATE_FUNC, StatementType.INSERT, StatementType.UPDATE, StatementType.DELETE,
  StatementType.MERGE_INTO, StatementType.DROP, StatementType.ALTER, StatementType.TRANSACTION,
]);

/**
 * Functions refused wherever they appear: they change the session's settings, write (logs,
 * profiles, checkpoints, other databases) or run SQL held in a string that cannot be checked.
 */
const REFUSED_FUNCTION = /^(enable_\w+|disable_\w+|verify_\w+|checkpoint|force_checkpoint|truncate_duckdb_logs|json_execute_serialized_sql|query|query_table|import_database|copy_database|check_peg_parser|add_parquet_key)$/i;
/** The same names called in text: `name(`, `"name" (`, with spaces or comments before the parenthesis. */
const REFUSED_CALL = new RegExp(`\\b(${REFUSED_FUNCTION.source.slice(2, -2)})"?(?:\\s|--[^\\n]*\\n|\\/\\*[\\s\\S]*?\\*\\/)*\\(`, 'i');

export function statementTypeName(type: StatementType): string {
  return (StatementType[type] ?? String(type)).replace(/_/g, ' ');
}

/** Why a statement of this type may not run, or null when it may. */
export function refusedType(type: StatementType, sql: string, allowFiles: boolean): string | null {
  if (type === StatementType.SET && !/^\s*(SET|RESET)\s+VARIABLE\b/i.test(sql)) {
    // configuration is locked anyway; say so before DuckDB does
    return `query cannot change DuckDB settings (${firstWords(sql)}): the configuration is locked`;
  }
  if (type === StatementType.CALL && /^\s*(FORCE\s+)?CHECKPOINT\b/i.test(sql)) return 'query does not checkpoint: the database is open read-only';
  if (READING.has(type)) return null;
  if (allowFiles && WRITING_FILES.has(type)) return null;
  if (WRITING_FILES.has(type)) {
    return `query is read-only and writes no files: ${statementTypeName(type)} statements are refused (with --allow-files DIR, files under DIR may be written)`;
  }
  if (type === StatementType.LOAD || type === StatementType.EXTENSION || type === StatementType.UPDATE_EXTENSIONS) {
    return `query installs and loads no extensions and fetches nothing (${firstWords(sql)})`;
  }
  return `query runs only reading statements: ${statementTypeName(type)} statements are refused`;
}

function firstWords(sql: string): string {
  const words = sql.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, ' ').trim().split(/\s+/).slice(0, 2).join(' ');
  return words.length > 40 ? `${words.slice(0, 40)}…` : words;
}

/** Every `function_name` in a serialized parse tree. */
function functionNames(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) functionNames(n, out);
  else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'function_name' && typeof v === 'string') out.push(v);
      else functionNames(v, out);
    }
  }
  return out;
}

/**
 * The refused function some statement of `sql` calls, or null. Reads DuckDB's parse tree when
 * every statement has one (SELECT and its forms), else the whole text (conservatively: a name in
 * a string followed by `(` counts too).
 */
export async function refusedFunction(db: Database, sql: string): Promise<string | null> {
  const json = await db.value<string>('SELECT json_serialize_sql(CAST($1 AS VARCHAR))', [sql]);
  const tree = JSON.parse(json ?? '{"error": true}') as { error: boolean };
  if (!tree.error) return functionNames(tree).find((n) => REFUSED_FUNCTION.test(n)) ?? null;
  return REFUSED_CALL.exec(sql)?.[1] ?? null;
}

const within = (child: string, parent: string) => {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/** Most entries `--allow-files` looks through for links into the data directory. */
export const MAX_ALLOWED_DIR_ENTRIES = 100_000;

/**
 * Checks `--allow-files DIR` against the data directory and returns DIR's real path: DIR must
 * exist, must not be or hold the data directory nor lie inside it, and no link under it may lead
 * into the data directory (a symbolic link to it or to something in it or above it, or a hard
 * link to one of its files).
 */
export function checkAllowedDirectory(dir: string, dataDir: string): string {
  let real: string;
  try {
    real = realpathSync(dir);
  } catch {
    throw new UsageError(`--allow-files ${dir}: no such directory`);
  }
  if (!statSync(real).isDirectory()) throw new UsageError(`--allow-files ${dir}: not a directory`);
  const data = realpathSync(dataDir);
  if (within(real, data) || within(data, real)) {
    throw new UsageError(`--allow-files ${dir}: ${within(real, data) ? 'is or lies inside' : 'holds'} the data directory ${data}; query never writes there`);
  }
  const guarded = new Set<string>();
  for (const name of readdirSync(data)) {
    const s = lstatSync(join(data, name));
    if (s.isFile()) guarded.add(`${s.dev}:${s.ino}`);
  }
  const warehouse = statSync(databasePath(data));
  guarded.add(`${warehouse.dev}:${warehouse.ino}`);
  const leadsIntoData = (target: string) => within(target, data) || within(data, target);
  let seen = 0;
  const stack = [real];
  while (stack.length > 0) {
    const current = stack.pop()!;
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (++seen > MAX_ALLOWED_DIR_ENTRIES) throw new UsageError(`--allow-files ${dir}: more than ${MAX_ALLOWED_DIR_ENTRIES} entries to check for links into the data directory; pass a smaller directory`);
      const path = join(current, entry.name);
      if (entry.isSymbolicLink()) {
        const literal = resolve(dirname(path), readlinkSync(path));
        let resolved: string | null = null;
        try {
          resolved = realpathSync(path);
        } catch {
          // a dangling link: its literal target still counts (the file may appear)
        }
        if (leadsIntoData(literal) || (resolved !== null && leadsIntoData(resolved))) {
          throw new UsageError(`--allow-files ${dir}: ${path} is a link into the data directory ${data}; remove it or pass another directory`);
        }
      } else if (entry.isDirectory()) {
        stack.push(path);
      } else if (entry.isFile()) {
        const s = lstatSync(path);
        if (s.nlink > 1 && guarded.has(`${s.dev}:${s.ino}`)) {
          throw new UsageError(`--allow-files ${dir}: ${path} is a hard link to a file of the data directory ${data}; remove it or pass another directory`);
        }
      }
    }
  }
  return real.endsWith(sep) ? real : real + sep;
}

export interface QuerySessionOptions {
  /** `--allow-files DIR`: files under DIR may be read and written. */
  allowFiles?: string;
  /** `--as-of DATE`: the views as of that date (load/read-only.ts). */
  asOf?: string;
}

export interface QuerySession {
  db: Database;
  allowFiles: boolean;
  /** Closes the database and removes the private copy, if any. */
  close(): void;
}

/** DuckDB settings given when the instance is created (they cannot be given later, or must not be). */
export const SANDBOX_CONFIG: Record<string, string> = {
  temp_directory: '',
  autoinstall_known_extensions: 'false',
  autoload_known_extensions: 'false',
  allow_community_extensions: 'false',
  allow_persistent_secrets: 'false',
};

/** Opens the warehouse for `query` inside the sandbox described above. */
export async function openQuerySession(dataDir: string, opts: QuerySessionOptions = {}): Promise<QuerySession> {
  let copyDir: string | null = null;
  let allowed: string | null = null;
  let db: Database;
  if (opts.allowFiles !== undefined) {
    // refuses a missing warehouse, a wrong schema or a writer holding the file, before anything is copied
    const original = await openReadOnly(dataDir);
    try {
      allowed = checkAllowedDirectory(opts.allowFiles, dataDir);
      copyDir = mkdtempSync(join(tmpdir(), 'nianbao-query-'));
      copyFileSync(realpathSync(databasePath(dataDir)), databasePath(copyDir));
    } catch (err) {
      if (copyDir) rmSync(copyDir, { recursive: true, force: true });
      throw err;
    } finally {
      original.close();
    }
    try {
      db = await openReadOnly(copyDir, { asOf: opts.asOf, config: SANDBOX_CONFIG });
    } catch (err) {
      rmSync(copyDir, { recursive: true, force: true });
      throw err;
    }
  } else {
    db = await openReadOnly(dataDir, { asOf: opts.asOf, config: SANDBOX_CONFIG });
  }
  try {
    if (allowed !== null) await db.run(`SET allowed_directories = [${quotedString(allowed)}]`);
    await db.run('SET enable_external_access = false');
    await db.run('SET lock_configuration = true');
  } catch (err) {
    db.close();
    if (copyDir) rmSync(copyDir, { recursive: true, force: true });
    throw err;
  }
  return {
    db,
    allowFiles: allowed !== null,
    close() {
      db.close();
      if (copyDir) rmSync(copyDir, { recursive: true, force: true });
    },
  };
}

/** One statement's result, as `query` prints it. */
export interface StatementResult {
  /** 1-based position in the SQL given. */
  statement: number;
  type: StatementType;
  columns: string[];
  rows: unknown[][];
}

/** Statement types whose result is worth printing (others answer only "Success" or an empty count). */
export const PRINTED_TYPES = new Set<StatementType>([
  StatementType.SELECT, StatementType.EXPLAIN, StatementType.CALL, StatementType.PRAGMA,
  StatementType.COPY, StatementType.INSERT, StatementType.UPDATE, StatementType.DELETE, StatementType.MERGE_INTO,
]);

/** `EXPLAIN [ANALYZE | (options)] inner`: the inner statement's text, or null when the prefix is not understood. */
function explained(sql: string): string | null {
  const m = /^\s*(?:(?:--[^\n]*\n|\/\*[\s\S]*?\*\/)\s*)*EXPLAIN\s+(?:ANALY[SZ]E\s+|\([^)]*\)\s*)?/i.exec(sql);
  return m ? sql.slice(m[0].length) : null;
}

/** Why statement number `n` (its type and text) may not run, or null; EXPLAIN is judged by what it explains (EXPLAIN ANALYZE runs it). */
async function refusal(session: QuerySession, n: number, type: StatementType, sql: string, depth = 0): Promise<string | null> {
  if (type === StatementType.EXPLAIN) {
    const inner = explained(sql);
    if (inner === null || depth > 0) return 'query cannot tell what this EXPLAIN explains';
    let innerType: StatementType;
    try {
      const extracted = await session.db.connection.extractStatements(inner);
      if (extracted.count !== 1) return 'query cannot tell what this EXPLAIN explains';
      innerType = (await extracted.prepare(0)).statementType;
    } catch (err) {
      throw statementError(n, err, session.allowFiles);
    }
    return refusal(session, n, innerType, inner, depth + 1);
  }
  return refusedType(type, sql, session.allowFiles);
}

/** A statement DuckDB would not prepare or run: its sandbox's refusals (a file outside the allowed directory) are refusals too. */
function statementError(n: number, err: unknown, allowFiles: boolean): UsageError {
  const message = err instanceof Error ? err.message : String(err);
  if (/^Permission Error/.test(message)) return new RefusedStatementError(n, `${message.split('\n')[0]} ${allowFiles ? '(only files under the --allow-files directory)' : '(query reads and writes no files; --allow-files DIR allows those under DIR)'}`);
  return new UsageError(`statement ${n} failed: ${message}`);
}

/** Names and SQL of the session's own views, to notice a statement that dropped or replaced one. */
async function viewSnapshot(db: Database): Promise<string> {
  return JSON.stringify(await db.all(`SELECT view_name, sql FROM duckdb_views() WHERE temporary ORDER BY view_name`));
}

/**
 * Runs the statements of `sql` one after the other, each checked before it runs, and yields each
 * one's result. A refused or failing statement throws (`RefusedStatementError`, `UsageError`)
 * after the earlier statements' results were yielded.
 */
export async function* runStatements(session: QuerySession, sql: string): AsyncGenerator<StatementResult> {
  const { db } = session;
  let extracted;
  try {
    extracted = await db.connection.extractStatements(sql);
  } catch (err) {
    throw new UsageError(`query failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (extracted.count === 0) throw new UsageError('query: no SQL statement given');
  // the text of each statement, for the checks that read text (DuckDB gives positions only in errors)
  const texts = statementTexts(sql, extracted.count);
  const fn = await refusedFunction(db, sql);
  if (fn) throw new UsageError(`query refused: it calls ${fn}(…), which changes the session, writes files or runs SQL that cannot be checked; nothing was run`);
  const views = session.allowFiles ? await viewSnapshot(db) : null;
  for (let i = 0; i < extracted.count; i++) {
    const n = i + 1;
    let prepared;
    try {
      prepared = await extracted.prepare(i);
    } catch (err) {
      throw statementError(n, err, session.allowFiles);
    }
    const type = prepared.statementType;
    const why = await refusal(session, n, type, texts[i] ?? sql);
    if (why) throw new RefusedStatementError(n, why);
    let reader;
    try {
      reader = await prepared.runAndReadAll();
    } catch (err) {
      throw statementError(n, err, session.allowFiles);
    }
    if (views !== null && (await viewSnapshot(db)) !== views) {
      throw new RefusedStatementError(n, "it dropped or replaced one of nianbao's views (in this session only; nothing was written)");
    }
    if (!PRINTED_TYPES.has(type) || (reader.columnCount === 1 && reader.columnNames()[0] === 'Success')) continue;
    const dateColumns = new Set(reader.columnTypes().flatMap((t, c) => (t.typeId === DuckDBTypeId.DATE ? [c] : [])));
    yield {
      statement: n,
      type,
      columns: reader.columnNames(),
      rows: reader.getRowsJS().map((values) => values.map((v, c) => plainValue(v, dateColumns.has(c)))),
    };
  }
}

/**
 * The text of each of `count` statements: `sql` split at top-level semicolons, when that gives
 * as many pieces as DuckDB's parser found; otherwise every statement is judged against the whole
 * text (stricter, never looser).
 */
function statementTexts(sql: string, count: number): string[] {
  if (count === 1) return [sql];
  const parts = splitStatements(sql);
  return parts.length === count ? parts : Array.from({ length: count }, () => sql);
}

/** Splits SQL text at top-level semicolons (outside quotes, comments and dollar quotes); empty pieces are dropped. */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i]!;
    if (ch === "'" || ch === '"') {
      const close = sql.indexOf(ch, i + 1);
      i = close < 0 ? sql.length : close + 1;
      continue;
    }
    if (ch === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? sql.length : nl + 1;
      continue;
    }
    if (ch === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      i = close < 0 ? sql.length : close + 2;
      continue;
    }
    if (ch === '$') {
      const m = /^\$([A-Za-z_]\w*)?\$/.exec(sql.slice(i));
      if (m) {
        const close = sql.indexOf(m[0], i + m[0].length);
        i = close < 0 ? sql.length : close + m[0].length;
        continue;
      }
    }
    if (ch === ';') {
      out.push(sql.slice(start, i));
      start = i + 1;
    }
    i++;
  }
  out.push(sql.slice(start));
  return out.filter((s) => s.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, '').trim() !== '');
}
