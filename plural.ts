/**
 * Counts in messages: "1 error", "2 errors" (never "1 errors").
 */

/** `n` (with thousands separators) and the noun, singular when n is 1; `plural` for irregular nouns (default: noun + "s"). */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun : plural}`;
}
