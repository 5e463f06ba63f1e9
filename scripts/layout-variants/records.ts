/**
 * The records the layout variants are drawn from: every corpus golden record
 * (test/fixtures/corpus/*\/*.expected.json, rendered from the record, not from the original
 * document) and generated records (sample-web/record-generator.ts) given a seeded "flavour":
 * 2021 or 2019 template, zeros, large numbers, decimals in fees, (六) printed as one row, and
 * blank cells (null) where agencies leave a zero cell empty (`规章 | 22 | | 235`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateRecord, OUTCOME_ROWS_2019, OUTCOME_ROWS_2021 } from '../../sample-web/record-generator.ts';
import { CORPUS_DIR } from '../../test/support/corpus.ts';
import type { Rng } from './random.ts';
import { rng } from './random.ts';

export type Cell = number | null;

/** A golden record in the shape of docs/RECORD.md (what every variant's `*.expected.json` holds). */
export interface GoldenRecord {
  schema: 'govreport/1';
  source: { uri: string; format: 'html' | 'pdf' | 'docx' | 'doc' | 'txt' };
  title: string;
  agency: string;
  year: number;
  template: '2021' | '2019' | 'freeform';
  active_disclosure: Record<string, Record<string, number | string | null>> | null;
  applications: Record<string, Cell[]> | null;
  review_litigation: Partial<Record<ReviewGroup, Record<string, Cell>>> | null;
  checks: { id: CheckId; ok: boolean | null; detail?: string }[];
  warnings: string[];
}

export type ReviewGroup = 'review' | 'litigation_direct' | 'litigation_after_review';
export const REVIEW_GROUPS: ReviewGroup[] = ['review', 'litigation_direct', 'litigation_after_review'];
export const REVIEW_FIELDS = ['upheld', 'corrected', 'other', 'pending', 'total'] as const;
export const CHECK_IDS = ['applications.balance', 'applications.outcomes_sum', 'applications.row_totals', 'review_litigation.totals'] as const;
export type CheckId = (typeof CHECK_IDS)[number];

/** Every outcome row key of table 3 (both templates), in printed order. */
export const OUTCOME_ROWS: readonly string[] = [...OUTCOME_ROWS_2021, 'other'];
export { OUTCOME_ROWS_2019, OUTCOME_ROWS_2021 };

/** Where a variant's numbers come from. */
export interface SourceRecord {
  /** A short name used in variant file names: the corpus document's name, or `gen-<hash>`. */
  name: string;
  kind: 'corpus' | 'generated' | 'freeform';
  record: GoldenRecord;
  /** What is special about the numbers (`blanks:short-row`, `large`, `zeros`, `other-one-row`, …). */
  traits: string[];
  /** Numbers the text states in words, not digits (未发生…行政复议: every count of table 4 is 0). */
  inWords?: number[];
}

// ---------------------------------------------------------------------------------------------
// The template's checks, computed independently of the extractor (docs/REPORT_FORMAT.md): a null
// operand counts as 0; a check whose every operand is null is not run (ok: null); a freeform
// record runs no check.

const val = (v: Cell | undefined) => (typeof v === 'number' ? v : 0);
const allNull = (vs: (Cell | undefined)[]) => vs.every((v) => v === null || v === undefined);

export function templateChecks(r: Pick<GoldenRecord, 'template' | 'applications' | 'review_litigation'>): { id: CheckId; ok: boolean | null }[] {
  if (r.template === 'freeform') return CHECK_IDS.map((id) => ({ id, ok: null }));
  const apps = r.applications ?? {};
  const verdict = (results: boolean[]) => (results.length ? results.every(Boolean) : null);
  const col = (key: string, c: number) => apps[key]?.[c];
  const balance: boolean[] = [];
  const outcomes: boolean[] = [];
  const outcomeKeys = OUTCOME_ROWS.filter((k) => apps[k]);
  for (let c = 0; c < 7; c++) {
    const ops = [col('new_received', c), col('carried_over', c), col('total_processed', c), col('carried_forward', c)];
    if (!allNull(ops)) balance.push(Math.abs(val(ops[0]) + val(ops[1]) - val(ops[2]) - val(ops[3])) < 1e-9);
    const parts = outcomeKeys.map((k) => col(k, c));
    if (!allNull([col('total_processed', c), ...parts])) outcomes.push(Math.abs(val(col('total_processed', c)) - parts.reduce<number>((s, v) => s + val(v), 0)) < 1e-9);
  }
  const rows: boolean[] = [];
  for (const values of Object.values(apps)) {
    if (!Array.isArray(values) || allNull(values)) continue;
    rows.push(Math.abs(val(values[6]) - values.slice(0, 6).reduce<number>((s, v) => s + val(v), 0)) < 1e-9);
  }
  const groups: boolean[] = [];
  for (const g of REVIEW_GROUPS) {
    const grp = r.review_litigation?.[g];
    if (!grp) continue;
    const ops = REVIEW_FIELDS.map((f) => grp[f]);
    if (allNull(ops)) continue;
    groups.push(val(grp.total) === val(grp.upheld) + val(grp.corrected) + val(grp.other) + val(grp.pending));
  }
  return [
    { id: 'applications.balance', ok: verdict(balance) },
    { id: 'applications.outcomes_sum', ok: verdict(outcomes) },
    { id: 'applications.row_totals', ok: verdict(rows) },
    { id: 'review_litigation.totals', ok: verdict(groups) },
  ];
}

// ---------------------------------------------------------------------------------------------
// The corpus

let corpusCache: SourceRecord[] | undefined;

/** Every corpus golden record, sorted by name. */
export function corpusRecords(): SourceRecord[] {
  if (corpusCache) return corpusCache;
  const out: SourceRecord[] = [];
  for (const folder of readdirSync(CORPUS_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    for (const f of readdirSync(join(CORPUS_DIR, folder)).filter((f) => f.endsWith('.expected.json')).sort()) {
      const record = JSON.parse(readFileSync(join(CORPUS_DIR, folder, f), 'utf8')) as GoldenRecord;
      const name = f.replace(/\.expected\.json$/, '').replace(/_[0-9a-f]{16}$/, '');
      const traits = ['corpus'];
      if (Object.values(record.applications ?? {}).some((row) => row.includes(null))) traits.push('blanks');
      out.push({ name, kind: 'corpus', record, traits });
    }
  }
  return (corpusCache = out);
}

// ---------------------------------------------------------------------------------------------
// Generated records

const PLACES = ['清河县', '平山市', '南山区', '桃源县', '临川市', '白河县', '江宁区', '东城街道', '龙泉镇', '永安市', '石门县', '青山区'];
const UNITS = ['人民政府', '人民政府办公室', '教育局', '民政局', '自然资源和规划局', '农业农村局', '市场监督管理局', '住房和城乡建设局', '人力资源和社会保障局', '卫生健康委员会', '交通运输局', '生态环境局'];

export function agencyName(r: Rng): string {
  const place = r.pick(PLACES);
  return /街道|镇$/.test(place) ? (r.chance(0.5) ? `${place}办事处` : place.endsWith('镇') ? `${place}人民政府` : `${place}办事处`) : `${place}${r.pick(UNITS)}`;
}

export type BlankMode = 'none' | 'short-row' | 'some-zeros' | 'all-zeros';

export interface GeneratedOptions {
  /** How zero cells are left blank (null). Default: mostly none. */
  blanks?: BlankMode;
}

/** A short stable hash of a string (FNV-1a), for file names. */
export const shortHash = (s: string) => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0').slice(0, 6);
};

/** A generated record with a seeded flavour; its checks are recomputed (they hold, or are null where every operand is blank). */
export function generatedSource(seed: string, opts: GeneratedOptions = {}): SourceRecord {
  const r = rng(`record:${seed}`);
  const traits: string[] = ['generated'];
  const template = r.chance(0.6) ? '2021' : '2019';
  const year = template === '2021' ? r.int(2021, 2025) : r.int(2019, 2020);
  const agency = agencyName(r);
  const size = r.chance(0.3) ? 'large' : 'small';
  const base = generateRecord(`numbers:${seed}`, { agency, year, template, title: `${agency}${year}年政府信息公开工作年度报告`, uri: '', format: 'html', size });
  const record = JSON.parse(JSON.stringify(base)) as GoldenRecord;
  traits.push(template, size);
  const apps = record.applications!;
  const ad = record.active_disclosure!;
  const rl = record.review_litigation!;
  const zeros = r.chance(0.1);
  if (zeros) {
    // A report that is one table of zeros (seeds 002, 003): zero is a value.
    for (const row of Object.values(apps)) row.fill(0);
    for (const g of REVIEW_GROUPS) for (const f of REVIEW_FIELDS) rl[g]![f] = 0;
    for (const item of Object.values(ad)) for (const [k, v] of Object.entries(item)) if (typeof v === 'number') item[k] = 0;
    traits.push('zeros');
  } else {
    if (r.chance(0.15)) {
      // Large numbers: every table-3 cell times k keeps every check.
      const k = r.int(11, 97);
      for (const row of Object.values(apps)) row.forEach((v, i) => (row[i] = val(v) * k));
      traits.push('large');
    }
    if (r.chance(0.25)) {
      // Big counts of licences and penalties (a county government: 517645, 693957).
      for (const key of ['licensing', 'punishment'] as const) if (ad[key]) ad[key]!.decisions = r.int(10_000, 999_999);
      traits.push('large-disclosure');
    }
    if (template === '2021' && r.chance(0.35)) {
      // Regulations made, none repealed: the short row `规章 | 22 | 0 | 235`.
      ad.regulations = { issued: r.int(1, 30), repealed: 0, in_force: r.int(40, 400) };
      traits.push('regulations');
    }
  }
  if (template === '2021' && r.chance(0.15)) {
    // (六) printed as one row in a 2021-template report (seed 001, hongze).
    const sum = apps.other_overdue_correction!.map((v, i) => val(v) + val(apps.other_overdue_fee![i]) + val(apps.other_other![i]));
    const rebuilt: Record<string, Cell[]> = {};
    for (const [k, v] of Object.entries(apps)) {
      if (k === 'other_overdue_correction') rebuilt.other = sum;
      else if (k !== 'other_overdue_fee' && k !== 'other_other') rebuilt[k] = v;
    }
    record.applications = rebuilt;
    traits.push('other-one-row');
  }
  const blanks = opts.blanks ?? r.weighted<BlankMode>([['none', 0.85], ['short-row', 0.05], ['some-zeros', 0.05], ['all-zeros', 0.05]]);
  if (blanks !== 'none') {
    blankZeros(record, blanks, r);
    traits.push(`blanks:${blanks}`);
  }
  record.checks = templateChecks(record);
  record.source = { uri: '', format: 'html' };
  return { name: `gen-${shortHash(seed)}`, kind: 'generated', record, traits };
}

/**
 * Leaves zero cells blank (null), as agencies do: `short-row` blanks a zero in one or two
 * table-2 rows (`规章 | 22 | | 235`) and a few table-3 zeros; `some-zeros` about half the zeros
 * of tables 2-4; `all-zeros` every zero, 总计 cells included (上海市人民政府办公厅 2019).
 * Only zeros are blanked, so every check that held still holds (a null counts as 0).
 */
function blankZeros(record: GoldenRecord, mode: BlankMode, r: Rng): void {
  const ad = record.active_disclosure!;
  const p = mode === 'all-zeros' ? 1 : mode === 'some-zeros' ? 0.5 : 0;
  for (const [key, item] of Object.entries(ad)) {
    if (key === 'procurement') continue; // its amount carries the unit; a blank there has none
    for (const [f, v] of Object.entries(item)) if (v === 0 && r.chance(p)) item[f] = null;
  }
  if (mode === 'short-row') {
    // Make sure at least one short row has a blank between two numbers.
    const row = ad.regulations ?? ad.normative_documents;
    if (row) {
      const fields = Object.keys(row);
      if (fields.length >= 3) {
        if (typeof row[fields[0]!] !== 'number' || row[fields[0]!] === 0) row[fields[0]!] = r.int(1, 40);
        if (typeof row[fields[2]!] !== 'number' || row[fields[2]!] === 0) row[fields[2]!] = r.int(41, 400);
        row[fields[1]!] = null;
      }
    }
  }
  const pApps = mode === 'short-row' ? 0.08 : p;
  for (const row of Object.values(record.applications ?? {})) row.forEach((v, i) => { if (v === 0 && r.chance(pApps)) row[i] = null; });
  for (const g of REVIEW_GROUPS) {
    const grp = record.review_litigation?.[g];
    if (grp) for (const f of REVIEW_FIELDS) if (grp[f] === 0 && r.chance(mode === 'short-row' ? 0 : p)) grp[f] = null;
  }
}

/** The numbers a record carries (tables 2-4), each once per cell; the validity check looks for every one. */
export function recordNumbers(record: GoldenRecord): number[] {
  const out: number[] = [];
  for (const item of Object.values(record.active_disclosure ?? {})) for (const v of Object.values(item ?? {})) if (typeof v === 'number') out.push(v);
  for (const row of Object.values(record.applications ?? {})) for (const v of row) if (typeof v === 'number') out.push(v);
  for (const grp of Object.values(record.review_litigation ?? {})) for (const v of Object.values(grp ?? {})) if (typeof v === 'number') out.push(v);
  return out;
}
