/**
 * Dates and timestamps from crawled metadata, checked before they reach a DATE or TIMESTAMPTZ
 * column: the appender would reject an impossible date ("2024-02-30") and fail the batch, so an
 * invalid value becomes null and the caller records a warning.
 */

/** `YYYY-MM-DD` (a longer ISO string is cut to its date) when it is a real calendar date, else null. */
export function isoDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ])/.exec(value.trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** An ISO timestamp (UTC, `…Z`) when `value` parses as one within years 1–9999 (what DuckDB takes), else null. */
export function isoTimestamp(value: unknown): string | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return null;
  const iso = new Date(ms).toISOString();
  // "9999-12-31T24:00:00Z" parses to +010000-01-01, which JavaScript writes with six digits
  return /^\d{4}-/.test(iso) ? iso : null;
}
