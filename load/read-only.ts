/**
 * Opening the warehouse for reading (status, query, export, demo): the file must exist and be at
 * the schema this nianbao reads (otherwise the message says which command fixes it); the views
 * are this nianbao's, as temporary views of the session.
 */
import { existsSync } from 'node:fs';
import { UsageError } from '../errors.ts';
import { Database } from './db.ts';
import { databasePath } from './paths.ts';
import { schemaVersion } from './schema.ts';
import { SCHEMA_VERSION } from './tables.ts';
import { parseAsOf } from './status.ts';
import { createViews } from './views.ts';

export interface ReadOnlyOptions {
  /**
   * `--as-of DATE` (YYYY-MM-DD, checked): sets the session variable `as_of` the views read, so
   * status, query and export show the warehouse as of that date.
   */
  asOf?: string;
  /** DuckDB settings for the instance (query's sandbox gives some). */
  config?: Record<string, string>;
}

export async function openReadOnly(dataDir: string, opts: ReadOnlyOptions = {}): Promise<Database> {
  if (opts.asOf !== undefined) parseAsOf(opts.asOf);
  const path = databasePath(dataDir);
  if (!existsSync(path)) throw new UsageError(`no database at ${path}: run \`nianbao load\` (or \`nianbao run\`) first, or pass --data-dir`);
  const db = await Database.open(path, { readOnly: true, config: opts.config });
  const version = await schemaVersion(db);
  if (version !== SCHEMA_VERSION) {
    db.close();
    throw new UsageError(`${path} is at schema version ${version}, this nianbao reads ${SCHEMA_VERSION}: run \`nianbao load\` once to upgrade it`);
  }
  await createViews(db, version, true);
  if (opts.asOf !== undefined) await db.run('SET VARIABLE as_of = CAST($1 AS DATE)', [opts.asOf]);
  return db;
}
