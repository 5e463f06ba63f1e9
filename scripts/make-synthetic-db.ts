/**
 * A synthetic warehouse for benchmarks: N yearly reports (default 100,000) of made-up agencies,
 * their numbers from the sample web's record generator (every table of the year's template), with
 * about 5% failing a check, layout warnings, late publications and corrections (version 2) — and
 * a configuration whose agencies expect one more year than was generated, so
 * missing_reports has work to do. Deterministic: the same N gives the same file.
 *
 *   npx tsx scripts/make-synthetic-db.ts [--reports N] [--out FILE]
 */
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import type { AgencyLevel, PipelineConfig } from '../config/schema.ts';
import { DEFAULT_INCREMENTAL, DEFAULT_LIMITS, DEFAULT_PATHS, DEFAULT_POLITENESS } from '../config/schema.ts';
import type { Provenance, ReportRecord } from '../extract/record.ts';
import { syncConfig } from '../load/agencies.ts';
import { Database } from '../load/db.ts';
import { recordItem, type LoadItem } from '../load/load-item.ts';
import { writeItems } from '../load/writer.ts';
import { generateRecord, seededRandom } from '../sample-web/record-generator.ts';

export const DEFAULT_SYNTHETIC_REPORTS = 100_000;
/** Bumped when the generator changes what it writes, so a cached file of the old shape is rebuilt. */
export const SYNTHETIC_VERSION = 3;
/** Report versions per transaction when building the file. */
const BUILD_BATCH = 2000;
const YEARS = [2019, 2020, 2021, 2022, 2023];
const DEPARTMENTS = [
  '人民政府', '人民政府办公室', '发展和改革局', '教育局', '科学技术局', '工业和信息化局', '公安局', '民政局', '司法局', '财政局',
  '人力资源和社会保障局', '自然资源局', '生态环境局', '住房和城乡建设局', '交通运输局', '水利局', '农业农村局', '商务局', '文化和旅游局', '卫生健康委员会',
  '退役军人事务局', '应急管理局', '审计局', '市场监督管理局', '统计局', '医疗保障局', '林业局', '信访局', '城市管理局', '行政审批局',
  '数据资源局', '体育局', '档案馆', '地方金融监督管理局', '粮食和物资储备局', '消防救援大队', '税务局', '气象局', '经济技术开发区管理委员会', '城关镇人民政府',
];

const levelOf = (dept: number): AgencyLevel => (dept === 0 ? 'county' : DEPARTMENTS[dept]!.endsWith('管理委员会') ? 'zone' : DEPARTMENTS[dept]!.endsWith('镇人民政府') ? 'township' : 'department');
const siteCount = (reports: number) => Math.max(1, Math.ceil(reports / (DEPARTMENTS.length * YEARS.length)));

/** One report in this many is a corrected re-publication (version 2) of the report this many − 1 before it. */
const CORRECTION_EVERY = 50;
/** Share of reports whose table 3 does not add up (a failed check), and with a layout warning. */
const FAILING_SHARE = 0.05;
const WARNING_SHARE = 0.3;

/**
 * The i-th synthetic report version: slot i is site i / (departments × years), then department,
 * then year; every CORRECTION_EVERY-th slot instead holds version 2 of an earlier slot's report
 * (so its own agency-year is missing).
 */
export function syntheticReport(i: number): LoadItem {
  const rnd = seededRandom(`synthetic ${i}`);
  const correction = i % CORRECTION_EVERY === CORRECTION_EVERY - 1;
  const slot = correction ? i - (CORRECTION_EVERY - 1) : i;
  const year = YEARS[slot % YEARS.length]!;
  const dept = Math.floor(slot / YEARS.length) % DEPARTMENTS.length;
  const site = Math.floor(slot / (YEARS.length * DEPARTMENTS.length));
  const agency = dept === 0 ? `合成${site}县人民政府` : `合成${site}县${DEPARTMENTS[dept]}`;
  const small = (max: number) => Math.floor(rnd() * rnd() * (max + 1));
  // the sample web's generator: every table of the year's template, figures that pass every check
  const format = formatOf(i);
  const record = generateRecord(`synthetic ${i}`, {
    agency, year, title: `${agency}${year}年政府信息公开工作年度报告`, format,
    uri: `http://synthetic-${site}.test/zfxxgknb/${year + 1}01/t${i}.${format}`, size: dept === 0 ? 'large' : 'small',
    // the sample web types table 4 loosely (field → number); the shape is docs/RECORD.md's
  }) as unknown as ReportRecord;
  if (rnd() < FAILING_SHARE) {
    const processed = record.applications!.total_processed!;
    const printed = (processed[6] ?? 0) + 1;
    processed[6] = printed;
    record.checks = record.checks.map((c) => (c.id === 'applications.row_totals' ? { id: c.id, ok: false, detail: `total_processed: total ${printed} ≠ sum of the applicant columns ${printed - 1}` } : c));
  }
  record.provenance = syntheticProvenance(record);
  if (rnd() < WARNING_SHARE) record.warnings = ['table 3 header: 社会公益组织 broken over two lines, joined'];
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

/** Six reports in ten are PDFs, three web pages, one plain text (roughly the corpus's mix). */
const formatOf = (i: number): 'pdf' | 'html' | 'txt' => (i % 10 < 6 ? 'pdf' : i % 10 < 9 ? 'html' : 'txt');

/** The printed text of a figure, as a report prints it (fees with their decimals). */
const printed = (v: number): string => (Number.isInteger(v) ? String(v) : v.toFixed(4));

/**
 * Provenance of every number of a synthetic record, laid out as the extractor reports it for the
 * corpus (`nianbao extract` of test/fixtures/corpus/real): table 1 the disclosure table (a row per
 * item from row 3, columns from 2), table 2 the applications (from row 4, applicant columns 4–10),
 * table 3 review and litigation (row 4, a column per outcome). PDFs carry page and box (A4 points,
 * table 1 on page 2, table 2 over pages 3–4, table 3 on page 5), text documents the line number;
 * web pages only the grid position — as the readers do.
 */
export function syntheticProvenance(record: ReportRecord): Record<string, Provenance> {
  const format = record.source.format;
  const out: Record<string, Provenance> = {};
  let line = 40;
  const at = (key: string, value: number, table: number, row: number, col: number, page: number, top: number, x0: number, width: number) => {
    const p: Provenance = { text: printed(value), table, row, col };
    if (format === 'pdf') {
      p.page = page;
      p.box = [round1(x0), round1(top), round1(x0 + width), round1(top + 22.8)];
    } else if (format === 'txt') p.line = line;
    out[key] = p;
  };
  let row = 3;
  for (const [rowKey, fields] of Object.entries(record.active_disclosure ?? {})) {
    let col = 2;
    for (const [field, value] of Object.entries(fields)) {
      if (typeof value === 'number') at(`active_disclosure.${rowKey}.${field}`, value, 1, row, col, 2, 120 + row * 32.8, 231.3 + (col - 2) * 95.5, 95.5);
      col++;
    }
    row++;
    line += 2;
  }
  line += 6;
  row = 4;
  for (const [rowKey, values] of Object.entries(record.applications ?? {})) {
    const page = row < 22 ? 3 : 4;
    const top = page === 3 ? 90 + row * 22.8 : 60 + (row - 22) * 22.8;
    values.forEach((v, c) => {
      if (typeof v === 'number') at(`applications.${rowKey}[${c}]`, v, 2, row, 4 + c, page, top, 309.9 + c * 28.5, 28.5);
    });
    row++;
    line++;
  }
  line += 6;
  let col = 1;
  for (const [group, fields] of Object.entries(record.review_litigation ?? {})) {
    for (const [field, value] of Object.entries(fields ?? {})) {
      if (typeof value === 'number') at(`review_litigation.${group}.${field}`, value, 3, 4, col, 5, 437.5, 77.2 + (col - 1) * 31.9, 31.9);
      col++;
    }
  }
  return out;
}

const round1 = (v: number): number => Math.round(v * 10) / 10;

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
  return { sites, expectedYears: [...YEARS, 2024], politeness: DEFAULT_POLITENESS, limits: DEFAULT_LIMITS, incremental: DEFAULT_INCREMENTAL, paths: DEFAULT_PATHS };
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
