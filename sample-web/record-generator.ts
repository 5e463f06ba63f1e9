/**
 * Deterministic report records for the sample web: from a seed string, the numbers of a yearly
 * report that satisfy every check of docs/REPORT_FORMAT.md (balance, outcomes sum, row totals, review
 * totals), in the 2021 template or, for reporting years up to 2020, the 2019 one. The same seed
 * always gives the same record, so the expected results are reproducible.
 */
import type { ExpectedRecord } from './types.ts';

/** A seeded PRNG (mulberry32) over an FNV-1a hash of the seed string. */
export function seededRandom(seed: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The outcome rows of table 3 in printed order, 2021 template ((六) as three sub-rows). */
export const OUTCOME_ROWS_2021 = [
  'granted', 'partially_granted',
  'denied_state_secret', 'denied_prohibited_by_law', 'denied_three_safeties', 'denied_third_party',
  'denied_internal_affairs', 'denied_process_info', 'denied_enforcement_file', 'denied_query_matter',
  'unable_not_held', 'unable_needs_creation', 'unable_unclear',
  'rejected_petition', 'rejected_duplicate', 'rejected_publication', 'rejected_massive_repeat', 'rejected_confirm_reissue',
  'other_overdue_correction', 'other_overdue_fee', 'other_other',
] as const;

/** The 2019 template (and some 2021 reports) print (六) as one row, `other`. */
export const OUTCOME_ROWS_2019 = [...OUTCOME_ROWS_2021.slice(0, -3), 'other'] as const;

/** Relative weights of the outcomes: most requests are granted or the information is not held. */
const OUTCOME_WEIGHT: Record<string, number> = {
  granted: 10, partially_granted: 2, unable_not_held: 4, denied_process_info: 1, denied_third_party: 1,
  rejected_petition: 1, rejected_duplicate: 1, unable_needs_creation: 1, other_other: 1, other: 1,
};

export interface GenerateOptions {
  agency: string;
  year: number;
  title: string;
  /** Defaults to '2019' for years ≤ 2020, '2021' after. */
  template?: '2021' | '2019';
  /** Where the numbers will be served (the record's source.uri). */
  uri: string;
  format: ExpectedRecord['source']['format'];
  /** Scale of the figures: a county government receives more requests than a town. */
  size?: 'small' | 'large';
}

const COLUMNS = 6;

/** A record with generated numbers that pass every check. */
export function generateRecord(seed: string, o: GenerateOptions): ExpectedRecord {
  const rnd = seededRandom(seed);
  const int = (max: number) => Math.floor(rnd() * (max + 1));
  const template = o.template ?? (o.year <= 2020 ? '2019' : '2021');
  const big = o.size === 'large';
  const rows = template === '2021' ? OUTCOME_ROWS_2021 : OUTCOME_ROWS_2019;

  const applications: Record<string, number[]> = {};
  const table: Record<string, number[]> = { new_received: [], carried_over: [], total_processed: [], carried_forward: [] };
  for (const r of rows) table[r] = [];
  for (let c = 0; c < COLUMNS; c++) {
    // Natural persons file most requests; companies some; the other columns are mostly zero.
    const scale = c === 0 ? (big ? 120 : 25) : c === 1 ? (big ? 12 : 3) : rnd() < 0.7 ? 0 : 2;
    const received = int(scale);
    const carried = rnd() < 0.3 ? int(c === 0 ? 4 : 1) : 0;
    const forward = Math.min(received + carried, rnd() < 0.4 ? int(c === 0 ? 5 : 1) : 0);
    const processed = received + carried - forward;
    table.new_received!.push(received);
    table.carried_over!.push(carried);
    table.total_processed!.push(processed);
    table.carried_forward!.push(forward);
    const split = splitByWeight(processed, rows, rnd);
    for (const r of rows) table[r]!.push(split[r]!);
  }
  const order = ['new_received', 'carried_over', ...rows, 'total_processed', 'carried_forward'];
  for (const key of order) {
    const cells = table[key]!;
    applications[key] = [...cells, cells.reduce((a, b) => a + b, 0)];
  }

  const group = () => {
    const g = { upheld: int(big ? 6 : 2), corrected: rnd() < 0.3 ? int(2) : 0, other: rnd() < 0.2 ? 1 : 0, pending: rnd() < 0.3 ? int(2) : 0 };
    return { ...g, total: g.upheld + g.corrected + g.other + g.pending };
  };

  return {
    schema: 'govreport/1',
    source: { uri: o.uri, format: o.format },
    title: o.title,
    agency: o.agency,
    year: o.year,
    template,
    active_disclosure: template === '2021' ? disclosure2021(int, rnd, big) : disclosure2019(int, rnd, big),
    applications,
    review_litigation: { review: group(), litigation_direct: group(), litigation_after_review: group() },
    checks: ['applications.balance', 'applications.outcomes_sum', 'applications.row_totals', 'review_litigation.totals'].map((id) => ({ id, ok: true })),
    warnings: [],
  };
}

function splitByWeight(n: number, rows: readonly string[], rnd: () => number): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(rows.map((r) => [r, 0]));
  const weighted = rows.map((r) => [r, OUTCOME_WEIGHT[r] ?? 0.15] as const);
  const total = weighted.reduce((a, [, w]) => a + w, 0);
  for (let i = 0; i < n; i++) {
    let x = rnd() * total;
    for (const [r, w] of weighted) {
      x -= w;
      if (x <= 0) {
        out[r]!++;
        break;
      }
    }
    if (x > 0) out.granted!++;
  }
  return out;
}

function disclosure2021(int: (n: number) => number, rnd: () => number, big: boolean) {
  const issued = int(big ? 12 : 4);
  const repealed = int(3);
  // Fees are in 万元 with up to four decimals, as printed (本年收费金额（单位：万元，保留4位小数）).
  const fee = rnd() < 0.5 ? 0 : Math.round(rnd() * (big ? 9000 : 300) * 10000) / 10000;
  return {
    regulations: { issued: big ? int(2) : 0, repealed: 0, in_force: big ? int(20) : 0 },
    normative_documents: { issued, repealed, in_force: issued + int(big ? 80 : 20) },
    licensing: { decisions: int(big ? 9000 : 400) },
    punishment: { decisions: int(big ? 900 : 60) },
    enforcement: { decisions: int(big ? 200 : 10) },
    fees: { amount_10k_yuan: fee },
  };
}

function disclosure2019(int: (n: number) => number, rnd: () => number, big: boolean) {
  const items = () => {
    const prev = int(big ? 300 : 40);
    const change = int(10) - 5;
    return { items_prev_year: prev, items_change: change, decisions: int(big ? 3000 : 200) };
  };
  const made = int(big ? 30 : 6);
  const rules = big ? int(3) : 0;
  return {
    regulations: { made: rules, published: rules, published_total: rules + (big ? int(60) : 0) },
    normative_documents: { made, published: made, published_total: made + int(big ? 300 : 60) },
    licensing: items(),
    other_services: items(),
    punishment: items(),
    enforcement: items(),
    fees: { items_prev_year: int(12), items_change: int(4) - 2 },
    procurement: { projects: int(12), amount: rnd() < 0.3 ? 0 : int(900) * 1000, amount_unit: '元' },
  };
}
