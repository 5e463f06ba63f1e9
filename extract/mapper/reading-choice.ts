/**
 * Check-guided reading (issue 9): where a table admits several readings, the template's own
 * checks (勾稽关系: balance, outcomes_sum, row_totals) are free labels. The candidates are built
 * by the caller; this module keeps the one under which the checks hold, and says which it chose.
 * It never changes a printed number: a candidate only decides which label a printed row of
 * numbers belongs to. When no candidate's checks hold, or several do, the most literal one (the
 * first) is kept and the checks stay as they fall.
 */
import { runChecks } from '../checks.ts';
import type { ApplicantRow } from '../record.ts';

/** More candidates than this are not tried: the literal reading is kept. */
export const MAX_CANDIDATES = 5000;

/** How many table-3 checks fail (false) for a set of rows. */
export function failedChecks(rows: Record<string, ApplicantRow>): number {
  return runChecks({ template: '2021', applications: rows, review_litigation: null }).filter((c) => c.ok === false).length;
}

/**
 * Rows of numbers printed apart from their labels, in the same order (a label block and a
 * number block): `rows` unlabelled rows, `labels` the row keys printed without numbers, both in
 * reading order. Every in-order pairing of the rows with a subsequence of the labels is a
 * candidate. Returns the pairing (row i → key) whose rows, added to `known`, pass the checks, and
 * how it was chosen; null when there are more rows than labels.
 */
export function pairInOrder(
  rows: ApplicantRow[],
  labels: string[],
  known: Record<string, ApplicantRow>,
): { keys: string[]; how: 'order' | 'checks' | 'literal' } | null {
  if (!rows.length || rows.length > labels.length) return null;
  const candidates: string[][] = [];
  const pick = (from: number, chosen: string[]) => {
    if (candidates.length > MAX_CANDIDATES) return;
    if (chosen.length === rows.length) {
      candidates.push(chosen);
      return;
    }
    for (let i = from; i <= labels.length - (rows.length - chosen.length); i++) pick(i + 1, [...chosen, labels[i]!]);
  };
  pick(0, []);
  if (candidates.length === 1) return { keys: candidates[0]!, how: 'order' };
  if (candidates.length > MAX_CANDIDATES) return { keys: candidates[0]!, how: 'literal' };
  const passing = candidates.filter((keys) => {
    const all = { ...known };
    keys.forEach((k, i) => (all[k] = rows[i]!));
    return failedChecks(all) === 0;
  });
  return passing.length === 1 ? { keys: passing[0]!, how: 'checks' } : { keys: candidates[0]!, how: 'literal' };
}
