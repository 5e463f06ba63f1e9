/**
 * The views of `views.sql`: (re)created on every read-write open of a database at the newest
 * schema version, so a new nianbao's view definitions replace an old file's. A read-only open
 * (query, status, export) cannot write them, so it creates them as temporary views of its own
 * session, which shadow the file's: the SQL that answers is always this nianbao's.
 */
import { readFileSync } from 'node:fs';
import type { Database } from './db.ts';
import { SCHEMA_VERSION } from './tables.ts';
import { commentViews } from './view-columns.ts';

const VIEWS_SQL = readFileSync(new URL('./views.sql', import.meta.url), 'utf8');

/** View names in definition order (the order `export` writes them and the README lists them). */
export const VIEW_NAMES: readonly string[] = [...VIEWS_SQL.matchAll(/^CREATE OR REPLACE VIEW (\w+)/gm)].map((m) => m[1]!);

/** Each view's description: the `--` comment lines right above its CREATE in views.sql, joined. */
export const VIEW_DESCRIPTIONS: ReadonlyMap<string, string> = new Map(
  [...VIEWS_SQL.matchAll(/((?:^--[^\n]*\n)+)CREATE OR REPLACE VIEW (\w+)/gm)].map((m) => [
    m[2]!,
    m[1]!.split('\n').map((l) => l.replace(/^--\s?/, '')).join(' ').replace(/\s+/g, ' ').trim(),
  ]),
);

/**
 * Creates the views when the file is at the newest schema (an older one lacks their tables);
 * `temporary` for a read-only session. Every view and view column gets its comment.
 */
export async function createViews(db: Database, version: number, temporary = false): Promise<void> {
  if (version < SCHEMA_VERSION) return;
  await db.run(temporary ? VIEWS_SQL.replace(/^CREATE OR REPLACE VIEW /gm, 'CREATE OR REPLACE TEMP VIEW ') : VIEWS_SQL);
  await commentViews(db, VIEW_NAMES, temporary, VIEW_DESCRIPTIONS);
}
