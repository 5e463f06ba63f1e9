/**
 * A synthetic warehouse for benchmarks: N yearly reports (default 100,000) of made-up agencies,
 * shaped like real ones — table 3 with every row and column, table 4, table 2 of the year's
 * template, four checks (about 5% failing), warnings, late publications, corrections (version 2)
 * — and a configuration whose agencies expect one more year than was generated, so
 * missing_reports has work to do. Deterministic: the same N gives the same file.
 *
 *   npx tsx scripts/make-synthetic-db.ts [--reports N] [--out FILE]
 */
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import type { AgencyLevel, PipelineConfig } from '../config/schema.ts';
import { DEFAULT_LIMITS, DEFAULT_PATHS, DEFAULT_POLITENESS } from '../config/schema.ts';
import { APPLICANT_COLUMNS, REVIEW_GROUPS, type ReportRecord } from '../extract/record.ts';
import { syncConfig } from '../load/agencies.ts';
import { Database } from '../load/db.ts';
import { APPLICATION_ROW_KEYS } from '../load/dimensions.ts';
import { recordItem, type LoadItem } from '../load/load-item.ts';
import { writeItems } from '../load/writer.ts';

export const DEFAULT_SYNTHETIC_REPORTS = 100_000;
/** Report versions per transaction when building the file. */
const BUILD_BATCH = 2000;
const YEARS = [2019, 2020, 2021, 2022, 2023];
const DEPARTMENTS = [
  '人民政府', '人民政府办公室', '发展和改革局', '教育局', '科学技术局', '工业和信息化局', '公安局', '民政局', '司法局', '财政局',
  '人力资源和社会保障局', '自然资源局', '生态环境局', '住房和城乡建设局', '交通运输局', '水利局', '农业农村局', '商务局', '文化和旅游局', '卫生健康委员会',
  '退役军人事务局', '应急管理局', '审计局', '市场监督管理局', '统计局', '医疗保障局', '林业局', '信访局', '城市管理局', '行政审批局',
  '数据资源局', '体育局', '档案馆', '地方金融监督管理局', '粮食和物资储备局', '消防救援大队', '税务局', '气象局', '经济技术开发区管理委员会', '城关镇人民政府',
];

/** mulberry32: a small seeded PRNG, so the file is the same on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticReport {
  item: LoadItem;
  /** Rows the writer appends for it. */
  rows: number;
}

const levelOf = (dept: number): AgencyLevel => (dept === 0 ? 'county' : DEPARTMENTS[dept]!.endsWith('管理委员会') ? 'zone' : DEPARTMENTS[dept]!.endsWith('镇人民政府') ? 'township' : 'department');
const siteCount = (reports: number) => Math.max(1, Math.ceil(reports / (DEPARTMENTS.length * YEARS.length)));

/** One report in this many is a corrected re-publication (version 2) of the report this many − 1 before it. */
const CORRECTION_EVERY = 50;

/**
 * The i-th synthetic report version: slot i is site i / (departments × years), then department,
 * then year; every CORRECTION_EVERY-th slot instead holds version 2 of an earlier slot's report
 * (so its own agency-year is missing).
 */
export function syntheticReport(i: number): LoadItem {
  const rnd = prng(i * 2654435761);
  const correction = i % CORRECTION_EVERY === CORRECTION_EVERY - 1;
  const slot = correction ? i - (CORRECTION_EVERY - 1) : i;
  const year = YEARS[slot % YEARS.length]!;
  const dept = Math.floor(slot / YEARS.length) % DEPARTMENTS.length;
  const site = Math.floor(slot / (YEARS.length * DEPARTMENTS.length));
  const agency = dept === 0 ? `合成${site}县人民政府` : `合成${site}县${DEPARTMENTS[dept]}`;
  const template = year >= 2021 ? '2021' : '2019';
  const small = (max: number) => Math.floor(rnd() * rnd() * (max + 1));

  // table 3: outcome rows per applicant column, then the totals that make the checks pass
  const outcomeKeys = APPLICATION_ROW_KEYS.filter((k) => !['new_received', 'carried_over', 'total_processed', 'carried_forward'].includes(k))
    .filter((k) => (template === '2021' ? k !== 'other' : !k.startsWith('other_')));
  const applications: Record<string, (number | null)[]> = {};
  const columns = APPLICANT_COLUMNS.length - 1;
  const processed = new Array<number>(columns).fill(0);
  for (const key of outcomeKeys) {
    const row = Array.from({ length: columns }, (_, c) => small(c === 0 ? (key === 'granted' ? 400 : 40) : 4));
    row.forEach((v, c) => (processed[c]! += v));
    applications[key] = row;
  }
  const carriedOver = Array.from({ length: columns }, (_, c) => small(c === 0 ? 20 : 1));
  const carriedForward = carriedOver.map((v) => v + small(10));
  const received = processed.map((p, c) => p + carriedForward[c]! - carriedOver[c]!);
  Object.assign(applications, { new_received: received, carried_over: carriedOver, total_processed: processed, carried_forward: carriedForward });
  for (const row of Object.values(applications)) row.push(row.reduce<number>((s, v) => s + (v ?? 0), 0));
  const failing = rnd() < 0.05;
  if (failing) applications.total_processed![6]! += 1;

  const group = () => {
    const [upheld, corrected, other, pending] = [small(8), small(3), small(2), small(2)];
    return { upheld, corrected, other, pending, total: upheld + corrected + other + pending };
  };
  const review_litigation = Object.fromEntries(REVIEW_GROUPS.map((g) => [g, group()])) as ReportRecord['review_litigation'];
  const active_disclosure: ReportRecord['active_disclosure'] =
    template === '2021'
      ? {
          regulations: { issued: small(3), repealed: small(2), in_force: small(40) },
          normative_documents: { issued: small(20), repealed: small(10), in_force: small(200) },
          licensing: { decisions: small(5000) }, punishment: { decisions: small(2000) }, enforcement: { decisions: small(300) },
          fees: { amount_10k_yuan: Math.round(rnd() * 1e8) / 1e4 },
        }
      : {
          regulations: { made: small(3), published: small(3), published_total: small(40) },
          normative_documents: { made: small(20), published: small(20), published_total: small(200) },
          licensing: { items_prev_year: small(50), items_change: small(6) - 3, decisions: small(5000) },
          other_services: { items_prev_year: small(20), items_change: small(4) - 2, decisions: small(500) },
          punishment: { items_prev_year: small(60), items_change: small(4) - 2, decisions: small(2000) },
          enforcement: { items_prev_year: small(10), items_change: small(2) - 1, decisions: small(300) },
          fees: { items_prev_year: small(5), items_change: 0 },
          procurement: { projects: small(10), amount: small(1_000_000), amount_unit: '元' },
        };
  const record: ReportRecord = {
    schema: 'govreport/1',
    source: { uri: `http://synthetic-${site}.test/zfxxgknb/${year + 1}01/t${i}.html`, format: 'html' },
    title: `${agency}${year}年政府信息公开工作年度报告`,
    agency,
    year,
    template,
    active_disclosure,
    applications,
    review_litigation,
    checks: [
      { id: 'applications.balance', ok: !failing, ...(failing ? { detail: `total: ${received[0]} + ${carriedOver[0]} ≠ total_processed + carried_forward` } : {}) },
      { id: 'applications.outcomes_sum', ok: !failing },
      { id: 'applications.row_totals', ok: !failing },
      { id: 'review_litigation.totals', ok: true },
    ],
    warnings: rnd() < 0.3 ? ['table 3 header: 社会公益组织 broken over two lines, joined'] : [],
  };
  // most publish in January; about one in eight in February or later; corrections in spring
  const late = rnd() < 0.125;
  const month = correction ? 4 + small(1) : late ? 2 + small(2) : 1;
  const day = 1 + Math.floor(rnd() * (month === 1 ? 31 : 28));
  const published = `${year + 1}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return recordItem(record, {
    site_id: `synthetic-${site}`,
    version: correction ? 2 : 1,
    published,
    found_at: `${year + 1}-${correction ? '06' : '04'}-01T00:00:00.000Z`,
    level: levelOf(dept),
    region: `合成省合成${site}县`,
  });
}

/** The configuration of the synthetic sites: every department expects 2019–2024 (2024 is never generated). */
export function syntheticConfig(reports: number): PipelineConfig {
  const sites = Array.from({ length: siteCount(reports) }, (_, s) => ({
    id: `synthetic-${s}`,
    agency: `合成${s}县人民政府`,
    region: `合成省合成${s}县`,
    level: 'county' as const,
    startUrls: [`http://synthetic-${s}.test/`],
    agencies: DEPARTMENTS.slice(1).map((d, k) => ({ name: `合成${s}县${d}`, level: levelOf(k + 1) })),
  }));
  return { sites, expectedYears: [...YEARS, 2024], politeness: DEFAULT_POLITENESS, limits: DEFAULT_LIMITS, paths: DEFAULT_PATHS };
}

/** Writes `reports` synthetic reports to a new file at `path` (replacing it); returns the rows written. */
export async function makeSyntheticDb(path: string, reports = DEFAULT_SYNTHETIC_REPORTS, onProgress?: (done: number) => void): Promise<number> {
  for (const p of [path, `${path}.wal`]) if (existsSync(p)) rmSync(p);
  const db = await Database.open(path);
  let rows = 0;
  try {
    await syncConfig(db, syntheticConfig(reports));
    for (let start = 0; start < reports; start += BUILD_BATCH) {
      const items: LoadItem[] = [];
      for (let i = start; i < Math.min(reports, start + BUILD_BATCH); i++) items.push(syntheticReport(i));
      rows += (await writeItems(db, items)).rows;
      onProgress?.(Math.min(reports, start + BUILD_BATCH));
    }
    await db.run('CHECKPOINT');
  } finally {
    db.close();
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { reports: { type: 'string', default: String(DEFAULT_SYNTHETIC_REPORTS) }, out: { type: 'string', default: 'data/synthetic.duckdb' } } });
  const n = Number(values.reports);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--reports must be a positive whole number, not ${values.reports}`);
  const out = resolve(values.out!);
  const t0 = performance.now();
  const rows = await makeSyntheticDb(out, n, (done) => process.stderr.write(`\r${done}/${n} reports`));
  process.stderr.write('\n');
  console.log(`${out}: ${n} reports, ${rows} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
