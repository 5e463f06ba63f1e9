/**
 * `nianbao site`: the warehouse as a static Chinese website — a plain folder that works from any
 * static host or from `file://`, offline (no CDN, no fetch: data files are scripts).
 *
 *   index.html            coverage: agencies × reporting years (client: filters, sort, CSV)
 *   agencies/<id>.html    one per agency: reports by year, charts, failed checks, anomalies
 *   reports/<id>.html     one per report version: the template's tables, checks, warnings, versions
 *   rankings.html         tables with the SQL that made them
 *   search.html           agency search over data/search.js
 *   method.html           what every word and number means
 *   assets/site.js|css    the one client script (ECharts inside, bundled by esbuild) and style
 *   archive/ab/<sha>.ext  the archived documents (copies from the raw store), when it is there
 *
 * HTML comes from Eta templates (site/templates) that escape every value by default; ids of
 * files are hashes or numbers, never scraped text.
 */
import { createHash } from 'node:crypto';
import { constants, copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';
import type { Database, Row } from '../load/db.ts';
import { bundleClient, CLIENT_CSS } from './bundle.ts';
import {
  agencyList, agencySeries, coverageRows, coverageTotals, dataDates, detectFeatures, reportDetails, reportVersions,
  type CoverageRow, type Features, type ReportDetail, type ReportVersion,
} from './data.ts';
import {
  APPLICANT_KEYS, APPLICANT_ZH, APPLICATION_ROWS, CHECK_ZH, LEVEL_ZH, NOT_FOUND_REASONS, OUTCOME_SERIES, OUTCOMES, PROCEEDINGS, REASON_ZH, ROW_LABEL_ZH,
  STATUS_ZH, TABLE2, checkZh, levelZh, t3LabelCells, type Status,
} from './labels.ts';
import { MIN_RECEIVED_FOR_RATE, rankings } from './rankings.ts';

export interface SiteOptions {
  out: string;
  /** The raw store (DATA/raw): its documents are copied to archive/ when given and present. */
  rawDir?: string;
  /** Report versions read per batch for the report pages. */
  batchSize?: number;
}

export interface SiteSummary {
  out: string;
  asOf: string;
  pages: { coverage: number; agencies: number; reports: number; other: number };
  archived: number;
  features: Features;
  bytes: number;
  largestPage: { path: string; bytes: number };
  /** Milliseconds per phase (bundle, data, reports, agencies, coverage, rest). */
  phases: Record<string, number>;
}

const TEMPLATES = join(dirname(fileURLToPath(import.meta.url)), 'templates');
const eta = new Eta({ views: TEMPLATES, autoEscape: true, cache: true, autoTrim: [false, 'nl'] });

/** File name of an agency page: a hash of its name (never the scraped name itself). */
export const agencyFile = (name: string): string => `agencies/${createHash('sha256').update(name).digest('hex').slice(0, 16)}.html`;
export const reportFile = (id: number): string => `reports/${id}.html`;

/** A link target from scraped data, only when it is plainly http(s). */
export const safeUrl = (u: string | null | undefined): string | null => (u && /^https?:\/\/[^\s]+$/i.test(u) ? u : null);

const ARCHIVE_EXT: Record<string, string> = { pdf: 'pdf', docx: 'docx', doc: 'doc', wps: 'wps', rtf: 'rtf', txt: 'txt', html: 'html.txt' };
/** Where a document is archived. Web pages are kept as text (`.html.txt`): their scripts must not run on the site's origin. */
export const archiveFile = (sha: string, format: string): string => `archive/${sha.slice(0, 2)}/${sha}.${ARCHIVE_EXT[format] ?? 'bin'}`;

/** JSON for a `<script>` element: nothing in it can close the element. */
export const scriptJson = (v: unknown): string =>
  JSON.stringify(v).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** One formatter (`toLocaleString` with a locale builds a new one per call: most of a report page's time). */
const INTEGER = new Intl.NumberFormat('zh-CN');
const num = (v: unknown): string => (v === null || v === undefined ? '—' : typeof v === 'number' ? (Number.isInteger(v) ? INTEGER.format(v) : String(v)) : String(v));
const pct = (v: unknown): string => (typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : '—');

interface Cell {
  status: Status;
  days: number | null;
  report: number | null;
  expected: boolean;
  reason: string | null;
}

function cellOf(r: CoverageRow): Cell {
  let status: Status;
  if (r.report_id !== null) status = r.first_published === null ? 'undated' : r.days_late !== null && r.days_late > 0 ? 'late' : 'ontime';
  else if (r.missing) status = r.reason && NOT_FOUND_REASONS.has(r.reason) ? 'notfound' : 'missing';
  else status = 'notdue';
  const days = status === 'late' ? r.days_late : status === 'missing' || status === 'notfound' ? r.days_overdue : null;
  return { status, days, report: r.report_id, expected: r.expected, reason: r.reason };
}

export const cellText = (c: Pick<Cell, 'status' | 'days'>): string =>
  c.status === 'late' ? `逾期 ${c.days} 天` : c.status === 'missing' ? `未发布（逾期 ${c.days} 天）` : STATUS_ZH[c.status];

class Writer {
  bytes = 0;
  largest = { path: '', bytes: 0 };
  private readonly dirs = new Set<string>();
  constructor(readonly out: string) {}
  write(path: string, content: string): void {
    const full = join(this.out, path);
    const dir = dirname(full);
    if (!this.dirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      this.dirs.add(dir);
    }
    const buf = Buffer.from(content, 'utf8');
    writeFileSync(full, buf);
    this.bytes += buf.length;
    if (path.endsWith('.html') && buf.length > this.largest.bytes) this.largest = { path, bytes: buf.length };
  }
}

export async function buildSite(db: Database, opts: SiteOptions): Promise<SiteSummary> {
  const w = new Writer(opts.out);
  mkdirSync(opts.out, { recursive: true });
  const phases: Record<string, number> = {};
  let lap = performance.now();
  const mark = (name: string) => {
    const now = performance.now();
    phases[name] = Math.round(now - lap);
    lap = now;
  };
  const features = await detectFeatures(db);
  const dates = await dataDates(db);
  const common = { asOf: dates.asOf, lastFetch: dates.lastFetch ?? dates.lastFound };
  const page = (name: string, root: string, title: string, kind: string, data: Record<string, unknown>) => {
    const html = eta.render('layout', { ...common, root, title, kind, body: eta.render(name, { ...common, root, ...data, h }) });
    // the templates' indentation is a fifth of a report page; only the rankings page has <pre>
    return kind === 'rankings' ? html : html.replace(/\n[ \t]+/g, '\n');
  };
  const h = { esc,num, pct, safeUrl, levelZh, checkZh, agencyFile, reportFile, archiveFile, cellText, STATUS_ZH, REASON_ZH, scriptJson };

  w.write('assets/site.js', await bundleClient());
  w.write('assets/site.css', CLIENT_CSS);
  mark('bundle');

  // ---- data common to several pages
  const coverage = await coverageRows(db, features);
  const versions = await reportVersions(db);
  const agencies = await agencyList(db);
  const series = await agencySeries(db, features);
  const agencyInfo = new Map<string, { name: string; site_id: string | null; region: string | null; level: string | null; configured: boolean }>();
  for (const a of agencies) agencyInfo.set(a.name, a);
  for (const r of coverage) if (!agencyInfo.has(r.agency)) agencyInfo.set(r.agency, { name: r.agency, site_id: null, region: r.region, level: r.level, configured: false });
  for (const v of versions) if (!agencyInfo.has(v.agency)) agencyInfo.set(v.agency, { name: v.agency, site_id: v.site_id, region: v.region, level: v.level, configured: false });
  const collator = new Intl.Collator('zh-CN');
  const names = [...agencyInfo.keys()].sort(collator.compare);
  mark('data');

  // ---- archive: copies of the documents in the raw store
  let archived = 0;
  const archivedSet = new Set<string>();
  const archive = (sha: string, format: string): string | null => {
    if (!opts.rawDir) return null;
    const rel = archiveFile(sha, format);
    if (archivedSet.has(rel)) return rel;
    const src = join(opts.rawDir, 'objects', sha.slice(0, 2), sha);
    if (!/^[0-9a-f]{64}$/.test(sha) || !existsSync(src)) return null;
    mkdirSync(dirname(join(opts.out, rel)), { recursive: true });
    copyFileSync(src, join(opts.out, rel), constants.COPYFILE_FICLONE);
    archivedSet.add(rel);
    archived++;
    return rel;
  };

  // ---- report pages, in batches of report ids
  const byReport = new Map<string, ReportVersion[]>();
  for (const v of versions) {
    const k = `${v.site_id}\u0000${v.agency}\u0000${v.year}`;
    (byReport.get(k) ?? byReport.set(k, []).get(k)!).push(v);
  }
  const primaryArchive = new Map<number, string | null>();
  const batch = opts.batchSize ?? 2000;
  for (let i = 0; i < versions.length; i += batch) {
    const chunk = versions.slice(i, i + batch);
    const details = await reportDetails(db, features, chunk[0]!.report_id, chunk[chunk.length - 1]!.report_id);
    for (const v of chunk) {
      const d = details.get(v.report_id) ?? emptyDetail();
      const docs = d.documents.map((doc) => ({ ...doc, archive: archive(doc.sha256, doc.format), url: safeUrl(doc.url), rawUrl: doc.url }));
      primaryArchive.set(v.report_id, docs.find((x) => x.is_primary)?.archive ?? docs[0]?.archive ?? null);
      const history = (byReport.get(`${v.site_id}\u0000${v.agency}\u0000${v.year}`) ?? []).slice().sort((a, b) => a.version - b.version);
      w.write(reportFile(v.report_id), page('report', '../', `${v.agency} ${v.year}年度报告`, 'report', {
        v, d, docs, history, tables: reportTables(v, d), provenance: provenanceOf(d, docs), agencyHref: agencyFile(v.agency), hasCells: !!features.cells,
      }));
    }
  }

  mark('reports');

  // ---- agency pages
  const group = <T extends { agency: string }>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) (m.get(r.agency) ?? m.set(r.agency, []).get(r.agency)!).push(r);
    return m;
  };
  const covBy = group(coverage);
  const verBy = group(versions);
  const volBy = group(series.volumes as (Row & { agency: string })[]);
  const refBy = group(series.refusals);
  const litBy = group(series.litigation);
  const failBy = group(series.failed);
  const anomBy = group(series.anomalies.filter((r): r is Row & { agency: string } => typeof r.agency === 'string'));
  const healthBy = new Map(series.crawlHealth.map((r) => [String(r.site_id), r]));
  for (const name of names) {
    const info = agencyInfo.get(name)!;
    const vers = verBy.get(name) ?? [];
    const years = [...new Set([...(covBy.get(name) ?? []).map((r) => r.year), ...vers.map((v) => v.year)])].sort((a, b) => b - a);
    const rows = years.map((year) => {
      const cov = (covBy.get(name) ?? []).find((r) => r.year === year);
      const current = vers.filter((v) => v.year === year && v.is_current).sort((a, b) => (a.first_published ?? '9').localeCompare(b.first_published ?? '9'))[0];
      return {
        year, cell: cov ? cellOf(cov) : null, report: current ?? null,
        versions: vers.filter((v) => v.year === year).length,
        archive: current ? primaryArchive.get(current.report_id) ?? null : null,
      };
    });
    const health = info.site_id ? healthBy.get(info.site_id) ?? null : null;
    w.write(agencyFile(name), page('agency', '../', name, 'agency', {
      name, info, rows, charts: agencyCharts(volBy.get(name) ?? [], refBy.get(name) ?? [], litBy.get(name) ?? []),
      failed: (failBy.get(name) ?? []).sort((a, b) => b.year - a.year || a.check_id.localeCompare(b.check_id)),
      anomalies: (anomBy.get(name) ?? []).map(anomalyText), hasAnomalies: !!features.anomalies, health: health ? healthText(health) : null,
    }));
  }

  mark('agencies');

  // ---- coverage (home page) and its data file
  const years = [...new Set(coverage.map((r) => r.year))].sort((a, b) => a - b);
  const regions = [...new Set(names.map((n) => agencyInfo.get(n)!.region).filter((r): r is string => !!r))].sort(collator.compare);
  const levels = [...new Set(names.map((n) => agencyInfo.get(n)!.level ?? 'unknown'))].sort();
  const covRows = names.filter((n) => covBy.has(n)).map((n) => {
    const info = agencyInfo.get(n)!;
    const cells = years.map((y) => {
      const r = covBy.get(n)!.find((x) => x.year === y);
      if (!r) return 0;
      const c = cellOf(r);
      return [c.status, c.days, c.report === null ? null : reportFile(c.report), c.expected ? 1 : 0, c.reason ? REASON_ZH[c.reason] ?? c.reason : null];
    });
    return [n, info.region ?? '', info.level ?? 'unknown', agencyFile(n), cells];
  });
  w.write('data/coverage.js', `window.NIANBAO_COVERAGE=${scriptJson({ asOf: dates.asOf, years, statuses: STATUS_ZH, levels: LEVEL_ZH, rows: covRows })};\n`);
  const totals = await coverageTotals(db);
  w.write('index.html', page('coverage', '', '覆盖情况：谁发布了年报，谁没有', 'coverage', { totals, years, regions, levels, features, agencyCount: covRows.length }));

  // ---- rankings, search, method
  const ranked = await rankings(db);
  w.write('rankings.html', page('rankings', '', '排行', 'rankings', { ...ranked, MIN_RECEIVED_FOR_RATE }));
  w.write('data/search.js', `window.NIANBAO_SEARCH=${scriptJson(names.map((n) => { const a = agencyInfo.get(n)!; return [n, a.region ?? '', levelZh(a.level), agencyFile(n)]; }))};\n`);
  w.write('search.html', page('search', '', '搜索机关', 'search', { count: names.length }));
  const deadlines = await db.all('SELECT level, from_year, to_year, due_month, due_day, basis FROM deadlines ORDER BY from_year, due_month, level');
  w.write('method.html', page('method', '', '方法说明', 'method', { features, deadlines, CHECK_ZH, REASON_ZH, LEVEL_ZH, MIN_RECEIVED_FOR_RATE }));

  mark('rest');
  return {
    phases, out: opts.out, asOf: dates.asOf, archived, features, bytes: w.bytes, largestPage: w.largest,
    pages: { coverage: 1, agencies: names.length, reports: versions.length, other: 3 },
  };
}

const emptyDetail = (): ReportDetail => ({ applications: new Map(), active: [], review: new Map(), checks: [], warnings: [], documents: [], errors: [], cells: [], cellTitles: null });

/** Units a failed check names in its detail ("granted: total 5 = 5 ≠ …; carried_over: …"). */
export function failedUnits(detail: string | null): string[] {
  return detail ? [...detail.matchAll(/(?:^|; )([a-z_]+): /g)].map((m) => m[1]!) : [];
}

/** The template's tables of one report version, each cell with its value and whether a failed check names it. */
function reportTables(v: ReportVersion, d: ReportDetail) {
  const bad = new Set<string>();
  for (const c of d.checks) {
    if (c.ok !== false) continue;
    for (const u of failedUnits(c.detail)) {
      if (c.check_id === 'applications.row_totals') for (let i = 0; i < 7; i++) bad.add(`t3:${u}:${i}`);
      else if (c.check_id === 'applications.balance' || c.check_id === 'applications.outcomes_sum') {
        const col = ['natural_person', 'commercial', 'research', 'social_org', 'legal_service', 'other', 'total'].indexOf(u);
        if (col >= 0) for (const row of d.applications.keys()) bad.add(`t3:${row}:${col}`);
      } else if (c.check_id === 'review_litigation.totals') for (const [o] of OUTCOMES) bad.add(`t4:${u}:${o}`);
    }
  }
  const active = new Map<string, Map<string, { value: number | null; text: string | null }>>();
  for (const a of d.active) (active.get(a.row_key) ?? active.set(a.row_key, new Map()).get(a.row_key)!).set(a.field, a);
  const layout = TABLE2[v.template ?? ''] ?? [];
  const used = new Set<string>();
  const t2 = layout
    .map((b) => ({
      fields: b.fields,
      rows: b.rows.filter(([k]) => active.has(k)).map(([k, label]) => {
        const fields = active.get(k)!;
        const cells = b.fields.map(([f]) => {
          used.add(`${k}.${f}`);
          const c = fields.get(f);
          const unit = f === 'amount' ? fields.get('amount_unit')?.text ?? null : null;
          if (f === 'amount') used.add(`${k}.amount_unit`);
          return c ? (c.value === null ? '—' : `${num(c.value)}${unit ? ` ${unit}` : ''}`) : '—';
        });
        return { key: k, label, cells };
      }),
    }))
    .filter((b) => b.rows.length);
  const t2other = d.active.filter((a) => !used.has(`${a.row_key}.${a.field}`)).map((a) => ({ row: a.row_key, field: a.field, value: a.value ?? a.text }));
  const t3rows = APPLICATION_ROWS.filter((r) => d.applications.has(r.key));
  const labelCells = t3LabelCells(t3rows.map((r) => r.key));
  const t3 = t3rows.map((r, i) => ({
    key: r.key, label: r.label, labels: labelCells[i]!, cells: d.applications.get(r.key)!.map((value, i) => ({ value, bad: bad.has(`t3:${r.key}:${i}`), col: i })),
  }));
  const t4 = d.review.size
    ? PROCEEDINGS.map(([g, label]) => ({ key: g, label, cells: OUTCOMES.map(([o, ol]) => ({ outcome: o, label: ol, value: d.review.get(g)?.[o] ?? null, bad: bad.has(`t4:${g}:${o}`) })) }))
    : [];
  return { t2, t2other, t3, t4, applicants: APPLICANT_ZH };
}

/** A `cells.key` as the scorer names cells → the report page's cell key (row:column). */
export function cellKey(key: string): string | null {
  let m = /^applications\.(\w+)\[(\d)\]$/.exec(key);
  if (m) return `${m[1]}:${APPLICANT_KEYS[Number(m[2])] ?? m[2]}`;
  m = /^(?:active_disclosure|review_litigation)\.(\w+)\.(\w+)$/.exec(key);
  return m ? `${m[1]}:${m[2]}` : null;
}

/**
 * Provenance of each figure, from the `cells` table where it exists (journalism branch): a cell
 * is keyed by `key` (applications.new_received[6], active_disclosure.regulations.issued,
 * review_litigation.review.total), or by a row (`row_key`/`row`/`proceeding`) and column
 * (`applicant_type`/`column`/`field`/`outcome`); where it was read (page, table/row/column, line,
 * printed text) is said in words and the link goes to the primary document's archived copy (a
 * PDF at its page).
 */
function provenanceOf(d: ReportDetail, docs: { sha256: string; archive: string | null; format: string; is_primary: boolean }[]): Map<string, { title: string; href: string | null }> {
  const out = new Map<string, { title: string; href: string | null }>();
  if (d.cellTitles) {
    // worded by DuckDB (site/data.ts cellTitlesSql); the link goes to the primary document
    const doc = docs.find((x) => x.is_primary) ?? docs[0];
    const base = doc?.archive ? `../${doc.archive}` : null;
    for (const key in d.cellTitles) {
      const [words, page] = d.cellTitles[key]!;
      out.set(key, { title: `出处：${words}`, href: base && doc!.format === 'pdf' && page !== null ? `${base}#page=${page}` : base });
    }
    return out;
  }
  const pick = (r: Row, names: string[]) => names.map((n) => r[n]).find((x) => x !== null && x !== undefined);
  const primary = docs.find((x) => x.is_primary) ?? docs[0];
  const known = new Set(['report_id', 'key', 'path', 'record_path', 'row_key', 'row', 'proceeding', 'applicant_type', 'column', 'col', 'field', 'outcome', 'value', 'count',
    'page', 'x0', 'y0', 'x1', 'y1', 'table_no', 'row_no', 'col_no', 'line_no', 'source_text', 'text', 'sha256', 'document_sha256']);
  for (const r of d.cells) {
    const path = pick(r, ['key', 'path', 'record_path']);
    const row = pick(r, ['row_key', 'row', 'proceeding']);
    const col = pick(r, ['applicant_type', 'column', 'col', 'field', 'outcome']);
    const key = typeof path === 'string' ? cellKey(path) : row !== undefined && col !== undefined ? `${row}:${col}` : null;
    if (!key) continue;
    const words: string[] = [];
    if (typeof r.page === 'number') words.push(`第 ${r.page} 页`);
    if (typeof r.table_no === 'number') words.push(`第 ${r.table_no} 个表格${typeof r.row_no === 'number' ? `第 ${r.row_no} 行` : ''}${typeof r.col_no === 'number' ? `第 ${r.col_no} 列` : ''}`);
    if (typeof r.line_no === 'number') words.push(`第 ${r.line_no} 行`);
    const text = pick(r, ['source_text', 'text']);
    if (text !== undefined) words.push(`原文“${String(text)}”`);
    for (const [k, v] of Object.entries(r)) if (!known.has(k) && v !== null && v !== undefined && typeof v !== 'object') words.push(`${k}: ${String(v)}`);
    const sha = pick(r, ['sha256', 'document_sha256']);
    const doc = docs.find((x) => x.sha256 === sha) ?? primary;
    const href = doc?.archive ? `../${doc.archive}${doc.format === 'pdf' && typeof r.page === 'number' ? `#page=${r.page}` : ''}` : null;
    out.set(key, { title: `出处：${words.join('，') || '见文档'}`, href });
  }
  return out;
}

interface ChartSpec {
  id: string;
  title: string;
  kind: 'line' | 'bar';
  stacked: boolean;
  years: number[];
  series: { name: string; data: (number | null)[] }[];
  description: string;
}

function agencyCharts(volumes: Row[], refusals: { year: number; reason: string; count: number }[], litigation: { year: number; proceeding: string; total: number | null }[]): ChartSpec[] {
  const charts: ChartSpec[] = [];
  const vol = [...volumes].sort((a, b) => (a.year as number) - (b.year as number));
  const vyears = vol.map((r) => r.year as number);
  const describe = (title: string, years: number[], series: ChartSpec['series']) =>
    `${title}：${years.map((y, i) => `${y}年 ${series.map((s) => `${s.name} ${s.data[i] ?? '未填'}`).join('，')}`).join('；')}`;
  if (vol.some((r) => r.received !== null)) {
    const series = [{ name: '新收申请', data: vol.map((r) => (r.received as number | null) ?? null) }];
    charts.push({ id: 'received', title: '收到的政府信息公开申请', kind: 'line', stacked: false, years: vyears, series, description: describe('新收申请', vyears, series) });
  }
  if (vol.some((r) => OUTCOME_SERIES.some(([k]) => r[k] !== null && r[k] !== undefined))) {
    const series = OUTCOME_SERIES.map(([k, name]) => ({ name, data: vol.map((r) => (r[k] as number | null) ?? null) })).filter((s) => s.data.some((x) => x !== null));
    charts.push({ id: 'outcomes', title: '办理结果', kind: 'bar', stacked: true, years: vyears, series, description: describe('办理结果', vyears, series) });
  }
  if (refusals.some((r) => r.count > 0)) {
    const years = [...new Set(refusals.map((r) => r.year))].sort((a, b) => a - b);
    const reasons = [...new Set(refusals.filter((r) => r.count > 0).map((r) => r.reason))];
    reasons.sort((a, b) => APPLICATION_ROWS.findIndex((r) => r.key === a) - APPLICATION_ROWS.findIndex((r) => r.key === b));
    const series = reasons.map((reason) => ({ name: ROW_LABEL_ZH[reason] ?? reason, data: years.map((y) => refusals.find((r) => r.year === y && r.reason === reason)?.count ?? null) }));
    charts.push({ id: 'refusals', title: '未予公开的理由（不予公开、无法提供、不予处理）', kind: 'bar', stacked: true, years, series, description: describe('理由', years, series) });
  }
  if (litigation.length) {
    const years = [...new Set(litigation.map((r) => r.year))].sort((a, b) => a - b);
    const series = PROCEEDINGS.map(([p, name]) => ({ name, data: years.map((y) => litigation.find((r) => r.year === y && r.proceeding === p)?.total ?? null) }));
    charts.push({ id: 'litigation', title: '行政复议与行政诉讼', kind: 'bar', stacked: false, years, series, description: describe('复议诉讼', years, series) });
  }
  return charts;
}

function anomalyText(r: Row): { year: unknown; text: string } {
  const skip = new Set(['agency', 'year', 'report_id', 'level', 'region', 'site_id']);
  const parts = Object.entries(r).filter(([k, v]) => !skip.has(k) && v !== null && v !== undefined && typeof v !== 'object').map(([k, v]) => `${k}: ${String(v)}`);
  return { year: r.year ?? null, text: parts.join('；') };
}

function healthText(r: Row): string {
  const parts = ['status', 'finished_at', 'started_at', 'pages', 'reports_found', 'errors', 'stopped_by']
    .filter((k) => r[k] !== null && r[k] !== undefined)
    .map((k) => `${k}: ${String(r[k])}`);
  return parts.join('；');
}
