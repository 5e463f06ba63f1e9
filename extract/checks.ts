/**
 * The arithmetic the template itself states (勾稽关系, docs/REPORT_FORMAT.md). A failed check is data:
 * the numbers stay as printed and `detail` names the column or row and both sides. A null operand
 * counts as 0 and the detail says so; a check whose every operand is null is not run (ok: null),
 * and no check runs on a freeform record.
 */
import { OUTCOME_KEYS } from './mapper/labels.ts';
import { APPLICANT_COLUMNS, REVIEW_FIELDS, REVIEW_GROUPS, type ApplicantRow, type Check, type ReportRecord } from './record.ts';

export const CHECK_IDS = ['applications.balance', 'applications.outcomes_sum', 'applications.row_totals', 'review_litigation.totals'] as const;

const EPSILON = 1e-6;

interface Side {
  text: string;
  value: number;
  nulls: number;
  operands: number;
}

/** Sums named operands, null as 0, and writes them out: "granted 26 + partially_granted 0". */
function side(operands: [string, number | null | undefined][]): Side {
  let value = 0;
  let nulls = 0;
  const parts: string[] = [];
  for (const [name, v] of operands) {
    if (v === null || v === undefined) nulls++;
    else value += v;
    parts.push(name ? `${name} ${v ?? 'null'}` : `${v ?? 'null'}`);
  }
  return { text: parts.join(' + '), value, nulls, operands: operands.length };
}

/** Runs one family of equations; each unit (column, row, group) gives a left and right side. */
function run(id: string, units: { name: string; left: Side; right: Side }[]): Check {
  const live = units.filter((u) => u.left.nulls + u.right.nulls < u.left.operands + u.right.operands);
  if (!live.length) return { id, ok: null, detail: 'every operand is null (nothing printed); not run' };
  const failed = live.filter((u) => Math.abs(u.left.value - u.right.value) > EPSILON);
  const skipped = units.length - live.length;
  const nullNote = live.some((u) => u.left.nulls || u.right.nulls) ? 'null operands counted as 0' : '';
  const skipNote = skipped ? `${skipped} of ${units.length} with every operand null, not run` : '';
  const notes = [nullNote, skipNote].filter(Boolean).join('; ');
  if (!failed.length) return notes ? { id, ok: true, detail: notes } : { id, ok: true };
  const detail = failed
    .map((u) => `${u.name}: ${u.left.text} = ${fmt(u.left.value)} ≠ ${u.right.text} = ${fmt(u.right.value)}`)
    .join('; ');
  return { id, ok: false, detail: notes ? `${detail} (${notes})` : detail };
}

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : String(Number(v.toFixed(6))));

function applicationChecks(apps: Record<string, ApplicantRow>): Check[] {
  const cell = (row: string, i: number) => apps[row]?.[i] ?? null;
  const balance = APPLICANT_COLUMNS.map((col, i) => ({
    name: col,
    left: side([['new_received', cell('new_received', i)], ['carried_over', cell('carried_over', i)]]),
    right: side([['total_processed', cell('total_processed', i)], ['carried_forward', cell('carried_forward', i)]]),
  }));
  const hasSubRows = Object.keys(apps).some((k) => k.startsWith('other_'));
  const outcomes = OUTCOME_KEYS.filter((k) => apps[k] && (hasSubRows ? k !== 'other' : !k.startsWith('other_')));
  const outcomesSum = APPLICANT_COLUMNS.map((col, i) => ({
    name: col,
    left: side([['total_processed', cell('total_processed', i)]]),
    right: side(outcomes.map((k) => [k, cell(k, i)] as [string, number | null])),
  }));
  const rowTotals = Object.entries(apps).map(([key, values]) => ({
    name: key,
    left: side([['total', values[6]]]),
    right: side(APPLICANT_COLUMNS.slice(0, 6).map((c, i) => [c, values[i]] as [string, number | null])),
  }));
  return [run('applications.balance', balance), run('applications.outcomes_sum', outcomesSum), run('applications.row_totals', rowTotals)];
}

/** The four checks of the template for a record. */
export function runChecks(record: Pick<ReportRecord, 'template' | 'applications' | 'review_litigation'>): Check[] {
  if (record.template === 'freeform') {
    return CHECK_IDS.map((id) => ({ id, ok: null, detail: 'freeform report: the identities belong to the template tables; not run' }));
  }
  const apps = record.applications
    ? applicationChecks(record.applications)
    : CHECK_IDS.slice(0, 3).map((id) => ({ id, ok: null, detail: 'no table 3; not run' }));
  const rl = record.review_litigation;
  const review: Check = rl
    ? run(
        'review_litigation.totals',
        REVIEW_GROUPS.map((g) => ({
          name: g,
          left: side([['total', rl[g].total]]),
          right: side(REVIEW_FIELDS.slice(0, 4).map((f) => [f, rl[g][f]] as [string, number | null])),
        })),
      )
    : { id: 'review_litigation.totals', ok: null, detail: 'no table 4; not run' };
  return [...apps, review];
}
