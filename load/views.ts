/**
 * The views of `views.sql`: (re)created on every read-write open of a database at the newest
 * schema version, so a new nianbao's view definitions replace an old file's. A read-only open
 * (query, status, export) cannot write them, so it creates them as temporary views of its own
 * session, which shadow the file's: the SQL that answers is always this nianbao's.
 */
import { readFileSync } from 'node:fs';
import type { Database } from './db.ts';
import { SCHEMA_VERSION } from './tables.ts';

const VIEWS_SQL = readFileSync(new URL('./views.sql', import.meta.url), 'utf8');

/** View names in definition order (the order `export` writes them and the README lists them). */
export const VIEW_NAMES: readonly string[] = [...VIEWS_SQL.matchAll(/^CREATE OR REPLACE VIEW (\w+)/gm)].map((m) => m[1]!);

/** Creates the views when the file is at the newest schema (an older one lacks their tables); `temporary` for a read-only session. */
export async function createViews(db: Database, version: number, temporary = false): Promise<void> {
  if (version < SCHEMA_VERSION) return;
  await db.run(temporary ? VIEWS_SQL.replace(/^CREATE OR REPLACE VIEW /gm, 'CREATE OR REPLACE TEMP VIEW ') : VIEWS_SQL);
}
