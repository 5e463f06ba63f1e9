import { describe, expect, it } from 'vitest';
import { runChecks } from '../../extract/checks.ts';
import type { ReportRecord } from '../../extract/record.ts';

const zero = () => [0, 0, 0, 0, 0, 0, 0];
const group = (upheld: number | null, corrected: number | null, other: number | null, pending: number | null, total: number | null) => ({ upheld, corrected, other, pending, total });
const base = (apps: Record<string, (number | null)[]>): Pick<ReportRecord, 'template' | 'applications' | 'review_litigation'> => ({
  template: '2021',
  applications: apps,
  review_litigation: { review: group(1, 0, 0, 0, 1), litigation_direct: group(0, 0, 0, 0, 0), litigation_after_review: group(0, 0, 0, 0, 0) },
});

describe('checks', () => {
  it('passes a report whose figures add up', () => {
    const r = base({ new_received: [5, 0, 0, 0, 0, 0, 5], carried_over: zero(), granted: [4, 0, 0, 0, 0, 0, 4], other: [1, 0, 0, 0, 0, 0, 1], total_processed: [5, 0, 0, 0, 0, 0, 5], carried_forward: zero() });
    expect(runChecks(r).map((c) => [c.id, c.ok])).toEqual([
      ['applications.balance', true],
      ['applications.outcomes_sum', true],
      ['applications.row_totals', true],
      ['review_litigation.totals', true],
    ]);
  });

  it('fails with a detail naming the column and both sides', () => {
    const r = base({ new_received: [5, 0, 0, 0, 0, 0, 5], carried_over: zero(), granted: [4, 0, 0, 0, 0, 0, 4], total_processed: [5, 0, 0, 0, 0, 0, 5], carried_forward: [1, 0, 0, 0, 0, 0, 1] });
    const [balance, outcomes] = runChecks(r);
    expect(balance).toEqual({ id: 'applications.balance', ok: false, detail: 'natural_person: new_received 5 + carried_over 0 = 5 ≠ total_processed 5 + carried_forward 1 = 6; total: new_received 5 + carried_over 0 = 5 ≠ total_processed 5 + carried_forward 1 = 6' });
    expect(outcomes!.ok).toBe(false);
    expect(outcomes!.detail).toContain('natural_person: total_processed 5 = 5 ≠ granted 4 = 4');
  });

  it('checks review totals per group (洪泽 2023: printed totals 0)', () => {
    const r = { ...base({}), review_litigation: { review: group(10, 1, 0, 0, 0), litigation_direct: group(0, 0, 0, 0, 0), litigation_after_review: group(5, 0, 0, 0, 0) } };
    const c = runChecks(r)[3]!;
    expect(c.ok).toBe(false);
    expect(c.detail).toBe('review: total 0 = 0 ≠ upheld 10 + corrected 1 + other 0 + pending 0 = 11; litigation_after_review: total 0 = 0 ≠ upheld 5 + corrected 0 + other 0 + pending 0 = 5');
  });

  it('counts null as 0 and says so; skips columns whose every operand is null', () => {
    const n = null;
    const r = base({ new_received: [26, n, n, n, n, n, 26], carried_over: [0, n, n, n, n, n, 0], granted: [26, n, n, n, n, n, 26], total_processed: [26, n, n, n, n, n, 26], carried_forward: [0, n, n, n, n, n, 0] });
    const [balance, , rowTotals] = runChecks(r);
    expect(balance).toEqual({ id: 'applications.balance', ok: true, detail: '5 of 7 with every operand null, not run' });
    expect(rowTotals).toEqual({ id: 'applications.row_totals', ok: true, detail: 'null operands counted as 0' });
  });

  it('does not run a check whose every operand is null, nor any check on a freeform record', () => {
    const n = null;
    const blank = [n, n, n, n, n, n, n];
    expect(runChecks(base({ new_received: blank, total_processed: blank }))[0]!.ok).toBeNull();
    expect(runChecks({ ...base({}), template: 'freeform' }).every((c) => c.ok === null)).toBe(true);
  });

  it('uses the （六） sub-rows, not a one-row `other`, when both are printed', () => {
    const r = base({ total_processed: [3, 0, 0, 0, 0, 0, 3], other: [3, 0, 0, 0, 0, 0, 3], other_overdue_correction: [1, 0, 0, 0, 0, 0, 1], other_overdue_fee: [1, 0, 0, 0, 0, 0, 1], other_other: [1, 0, 0, 0, 0, 0, 1] });
    expect(runChecks(r)[1]!.ok).toBe(true);
  });
});
