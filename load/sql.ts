/**
 * The only place nianbao quotes anything into SQL text. Values from documents, pages and the
 * command line travel as bound parameters or through the appender; what must sit in the SQL text
 * itself (a table name from the schema's constants, a COPY target path, a comment string) passes
 * through one of these two functions.
 */

/** A string literal: `'it''s'`. Refuses NUL, which DuckDB would cut the statement at. */
export function quotedString(value: string): string {
  if (value.includes('\0')) throw new Error(`cannot quote a string containing NUL: ${JSON.stringify(value)}`);
  return `'${value.replaceAll("'", "''")}'`;
}

/** An identifier: `"reports"`, `"a""b"`. */
export function quotedIdentifier(name: string): string {
  if (name.includes('\0')) throw new Error(`cannot quote an identifier containing NUL: ${JSON.stringify(name)}`);
  return `"${name.replaceAll('"', '""')}"`;
}
