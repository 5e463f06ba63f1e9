/**
 * The layout-variation generator (issue 9): renders corpus golden records, generated records and
 * pre-2019 free-form reports through the tools agencies use, with seeded choices of layout, and
 * writes each variant's document, its golden record (`<id>.expected.json`) and a manifest.
 *
 *   const result = await generate({ seed: 1, count: 300, outDir: '/tmp/variants' });
 *
 * Variant `i` belongs to class `classes[i % classes.length]` and is that class's `j`-th
 * (j = floor(i / classes.length)); every choice it makes comes from the seed, its class and j,
 * so a class's variants are the same whatever other classes are generated with it
 * (`variantsFor`). The tools run in batches (one Writer start per dozen documents, one Chromium,
 * one pdf2md process).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { freeformHtml, freeformReport, freeformText } from './freeform.ts';
import { corpusRecords, generatedSource, shortHash, type BlankMode, type GoldenRecord, type SourceRecord } from './records.ts';
import { rng, type Rng } from './random.ts';
import { chooseBreaks, drawLayout, HEADING_3, renderReportHtml, table3BodyRows, type HtmlLayout } from './render-html.ts';
import { chromiumPrint, pdfinfo, pdftotext, pdfToMarkdown, soffice, type ChromiumJob } from './tools.ts';
import { docxText, htmlText, missingNumbers, pagesSpanned, PAPER, readText, sizeMatches } from './validity.ts';

/** The variation classes, and what each one varies. */
export const CLASS_INFO = {
  html: 'the agency\'s own HTML page: fonts, widths, spans, blanks, header forms (no tool)',
  'chromium-pdf': 'Chromium print to PDF: scale 0.5–1.25, A4/A3/Letter, portrait/landscape, margins, browser header/footer on or off',
  'writer-pdf': 'LibreOffice Writer HTML import → PDF, column widths as the page asks: A4/A3, portrait/landscape, fonts, padding',
  'writer-pdf-narrow': 'the same with the label columns (and often the value columns) squeezed: Writer wraps labels and header cells one or two characters per line',
  'writer-docx': 'LibreOffice Writer HTML import → DOCX (the .docx itself)',
  'docx-pdf': 'HTML → DOCX → PDF, both steps in Writer',
  'long-table': 'table 3 cut across 5–10 pages, one or two rows a page (Chromium forced breaks or Writer tall rows), header repeated fully, in part or not at all',
  'blank-cells': 'records with blank (null) cells: short rows such as 规章 | 22 | | 235, half or all zeros left blank, printed empty, "/", "—" or "－"; HTML, Chromium, Writer or DOCX→PDF',
  pdftotext: 'pdftotext (no -layout) of a Chromium, Writer or DOCX→PDF rendering',
  'pdftotext-layout': 'pdftotext -layout of the same kinds of PDF',
  'pdf-markdown': 'PDF → Markdown by @opendocsg/pdf2md of the same kinds of PDF',
  'pre2019-freeform': '2008–2018 reports without the template tables, figures in sentences; HTML, text, Chromium or Writer PDF, pdftotext',
} as const;

export type VariantClass = keyof typeof CLASS_INFO;
export const CLASSES = Object.keys(CLASS_INFO) as VariantClass[];

/** How the document is made from the HTML. */
export type Route = 'html' | 'txt' | 'chromium' | 'writer' | 'writer-docx' | 'docx-writer';
export type TextTool = 'pdftotext' | 'pdftotext-layout' | 'pdf2md';

export interface VariantPlan {
  id: string;
  class: VariantClass;
  /** This variant's place within its class. */
  index: number;
  source: { name: string; kind: SourceRecord['kind']; traits: string[]; inWords?: number[] };
  /** The golden record (its `source` is set when the file is written). */
  record: GoldenRecord;
  route: Route;
  /** A text made from the PDF, when the variant is text. */
  text: TextTool | null;
  /** The document's extension. */
  ext: 'html' | 'pdf' | 'docx' | 'txt' | 'md';
  layout: HtmlLayout | null;
  chromium: Omit<ChromiumJob, 'html' | 'pdf'> | null;
  /** Free-form report settings (pre2019-freeform). */
  freeform: { seed: string; font: string; bodyPt: number; marginMm: number; indent: string } | null;
  /** Choices changed so that a person could read the result (e.g. blanks marked where the output keeps no cell positions). */
  fixed: string[];
}

export interface Variant extends Omit<VariantPlan, 'record'> {
  /** The document and its golden record, absolute paths. */
  file: string;
  golden: string;
  record: GoldenRecord;
  /** For a PDF (or a text made from one): its page count; for a cut table, the pages table 3 spans. */
  pages: number | null;
  tablePages: number | null;
}

export interface Dropped {
  id: string;
  class: VariantClass;
  reason: string;
}

export interface GenerateOptions {
  seed: number | string;
  count: number;
  /** Default: every class. */
  classes?: VariantClass[];
  outDir: string;
  /** Keep the intermediate HTML/PDF files under `<outDir>/.work`. Default false. */
  keepWork?: boolean;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

export interface GenerateResult {
  seed: string;
  outDir: string;
  variants: Variant[];
  dropped: Dropped[];
  /** Wall time per class, ms (a batched tool's time shared among the documents of its batch). */
  timings: Record<string, number>;
}

// ---------------------------------------------------------------------------------------------
// Planning: pure, from the seed

const PDF_ROUTES: Route[] = ['chromium', 'writer', 'docx-writer'];

function pickSource(seed: string, cls: VariantClass, j: number, r: Rng): SourceRecord {
  if (cls === 'pre2019-freeform') return freeformReport(`${seed}:${j}`).source;
  const corpus = corpusRecords();
  if (cls === 'blank-cells') {
    const withBlanks = corpus.filter((c) => c.traits.includes('blanks'));
    if (j % 4 === 0 && withBlanks.length) return withBlanks[(j / 4) % withBlanks.length]!;
    return generatedSource(`${seed}:${cls}:${j}`, { blanks: r.pick<BlankMode>(['short-row', 'some-zeros', 'all-zeros']) });
  }
  // Corpus and generated records in turn; the corpus in a per-class rotation, so every class
  // renders every corpus report once it has twice as many variants as the corpus has reports.
  if (j % 2 === 0) {
    const offset = parseInt(shortHash(`${seed}:${cls}`), 16) % corpus.length;
    return corpus[(j / 2 + offset) % corpus.length]!;
  }
  return generatedSource(`${seed}:${cls}:${j}`);
}

/** One variant's choices. */
export function planVariant(seedIn: number | string, cls: VariantClass, j: number): VariantPlan {
  const seed = String(seedIn);
  const r = rng(`${seed}:${cls}:${j}`);
  const src = pickSource(seed, cls, j, r);
  const id = `${cls}-${String(j).padStart(3, '0')}-${src.name}`;
  const plan: VariantPlan = {
    id,
    class: cls,
    index: j,
    source: { name: src.name, kind: src.kind, traits: src.traits, ...(src.inWords?.length ? { inWords: src.inWords } : {}) },
    // The source's warnings describe its original document, not this rendering.
    record: { ...(JSON.parse(JSON.stringify(src.record)) as GoldenRecord), warnings: [] },
    route: 'html',
    text: null,
    ext: 'html',
    layout: null,
    chromium: null,
    freeform: null,
    fixed: [],
  };
  if (cls === 'pre2019-freeform') {
    plan.freeform = { seed: `${seed}:${j}`, font: r.pick(['仿宋_GB2312, serif', '宋体, serif', '"WenQuanYi Zen Hei", sans-serif']), bodyPt: r.pick([12, 14, 16]), marginMm: r.int(15, 30), indent: r.pick(['', '\u3000\u3000', '    ', '\t']) };
    const as = r.pick(['html', 'txt', 'chromium', 'writer', 'pdftotext'] as const);
    if (as === 'pdftotext') {
      plan.route = r.pick(['chromium', 'writer']);
      plan.text = 'pdftotext';
      plan.ext = 'txt';
    } else {
      plan.route = as;
      plan.ext = as === 'html' ? 'html' : as === 'txt' ? 'txt' : 'pdf';
    }
    if (plan.route === 'chromium') plan.chromium = chromiumChoices(r, null);
    return plan;
  }
  const textTool: Partial<Record<VariantClass, TextTool>> = { pdftotext: 'pdftotext', 'pdftotext-layout': 'pdftotext-layout', 'pdf-markdown': 'pdf2md' };
  const positionless = cls === 'pdftotext' || cls === 'pdf-markdown';
  switch (cls) {
    case 'html':
      plan.route = 'html';
      break;
    case 'chromium-pdf':
      plan.route = 'chromium';
      break;
    case 'writer-pdf':
    case 'writer-pdf-narrow':
      plan.route = 'writer';
      break;
    case 'writer-docx':
      plan.route = 'writer-docx';
      break;
    case 'docx-pdf':
      plan.route = 'docx-writer';
      break;
    case 'long-table':
      plan.route = r.pick(['chromium', 'writer'] as const);
      break;
    case 'blank-cells':
      plan.route = r.pick(['html', 'chromium', 'writer', 'docx-writer'] as const);
      break;
    default:
      plan.route = r.pick(PDF_ROUTES);
      plan.text = textTool[cls]!;
  }
  const layout = drawLayout(r, {
    narrowLabels: cls === 'writer-pdf-narrow' ? true : cls === 'writer-pdf' || cls === 'long-table' ? false : undefined,
    breaks: cls === 'long-table' ? (plan.route === 'chromium' ? 'forced' : 'tall') : null,
  });
  if (layout.breaks) layout.breaks.starts = chooseBreaks(r, table3BodyRows(plan.record, layout).length, layout.breaks.pages);
  const hasBlank = [...Object.values(plan.record.applications ?? {}), ...[...Object.values(plan.record.active_disclosure ?? {}), ...Object.values(plan.record.review_litigation ?? {})].map((item) => Object.values(item ?? {}))].some((cells) => cells.includes(null));
  if (positionless && hasBlank && layout.blank === '') {
    // A person reading `规章 22 235` cannot tell which cell was empty: mark the blanks.
    layout.blank = '—';
    plan.fixed.push('blank cells printed as — (an empty cell leaves no trace in a text without positions)');
  }
  plan.layout = layout;
  if (plan.route === 'chromium') plan.chromium = chromiumChoices(r, layout);
  plan.ext = plan.text === 'pdf2md' ? 'md' : plan.text ? 'txt' : plan.route === 'html' ? 'html' : plan.route === 'writer-docx' ? 'docx' : 'pdf';
  return plan;
}

function chromiumChoices(r: Rng, layout: HtmlLayout | null): NonNullable<VariantPlan['chromium']> {
  return {
    scale: r.pick([0.5, 0.6, 0.7, 0.8, 0.9, 1, 1, 1.1, 1.25]),
    format: layout && r.chance(0.85) ? layout.page.size : r.pick(['A4', 'Letter'] as const),
    landscape: layout ? layout.page.landscape : false,
    headerFooter: r.chance(0.5),
    marginMm: layout ? layout.page.marginMm : r.int(10, 25),
  };
}

/** The plans of `count` variants over `classes`, round robin. */
export function planVariants(seed: number | string, count: number, classes: VariantClass[] = CLASSES): VariantPlan[] {
  const unknown = classes.filter((c) => !(c in CLASS_INFO));
  if (unknown.length) throw new Error(`layout variants: unknown class ${unknown.join(', ')} (classes: ${CLASSES.join(', ')})`);
  return Array.from({ length: count }, (_, i) => planVariant(seed, classes[i % classes.length]!, Math.floor(i / classes.length)));
}

/** The HTML a plan starts from (deterministic: the same plan gives the same bytes). */
export function planHtml(plan: VariantPlan): string {
  if (plan.freeform) return freeformHtml(freeformReport(plan.freeform.seed), plan.freeform.font, plan.freeform.bodyPt, plan.freeform.marginMm);
  return renderReportHtml(plan.record, plan.layout!);
}

// ---------------------------------------------------------------------------------------------
// Rendering through the tools

export async function generate(opts: GenerateOptions): Promise<GenerateResult> {
  const seed = String(opts.seed);
  const log = opts.log ?? (() => {});
  const plans = planVariants(seed, opts.count, opts.classes ?? CLASSES);
  const outDir = opts.outDir;
  const work = join(outDir, '.work');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const timings: Record<string, number> = {};
  const charge = (plan: VariantPlan, ms: number) => (timings[plan.class] = (timings[plan.class] ?? 0) + ms);
  /** Times a batch and shares its time among its plans. */
  const batch = async <T>(members: VariantPlan[], fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const out = await fn();
    const each = (performance.now() - t0) / Math.max(1, members.length);
    for (const m of members) charge(m, each);
    return out;
  };

  const dropped: Dropped[] = [];
  const failed = new Map<string, string>();
  const fail = (plan: VariantPlan, reason: string) => { if (!failed.has(plan.id)) failed.set(plan.id, reason); };
  const htmlPath = (p: VariantPlan) => join(work, `${p.id}.html`);
  const txtPath = (p: VariantPlan) => join(work, `${p.id}.txt`);

  // 1. The HTML (and text) of every variant.
  for (const plan of plans) {
    const t0 = performance.now();
    writeFileSync(htmlPath(plan), planHtml(plan));
    if (plan.freeform && plan.route === 'txt') writeFileSync(txtPath(plan), freeformText(freeformReport(plan.freeform.seed), plan.freeform.indent));
    charge(plan, performance.now() - t0);
  }

  // 2. PDFs and DOCX.
  const pdfOf = new Map<string, string>();
  const docxOf = new Map<string, string>();
  const profile = join(work, 'lo-profile');
  const writerPlans = plans.filter((p) => p.route === 'writer');
  if (writerPlans.length) {
    log(`Writer: ${writerPlans.length} HTML → PDF`);
    const res = await batch(writerPlans, () => soffice(writerPlans.map(htmlPath), 'pdf:writer_pdf_Export', 'pdf', join(work, 'writer-pdf'), profile, 'HTML (StarWriter)'));
    for (const p of writerPlans) settle(res.get(htmlPath(p))!, p, pdfOf, fail);
  }
  const docxPlans = plans.filter((p) => p.route === 'writer-docx' || p.route === 'docx-writer');
  if (docxPlans.length) {
    log(`Writer: ${docxPlans.length} HTML → DOCX`);
    const res = await batch(docxPlans, () => soffice(docxPlans.map(htmlPath), 'docx:MS Word 2007 XML', 'docx', join(work, 'docx'), profile, 'HTML (StarWriter)'));
    for (const p of docxPlans) settle(res.get(htmlPath(p))!, p, docxOf, fail);
    const toPdf = docxPlans.filter((p) => p.route === 'docx-writer' && docxOf.has(p.id));
    if (toPdf.length) {
      log(`Writer: ${toPdf.length} DOCX → PDF`);
      const res2 = await batch(toPdf, () => soffice(toPdf.map((p) => docxOf.get(p.id)!), 'pdf:writer_pdf_Export', 'pdf', join(work, 'docx-pdf'), profile));
      for (const p of toPdf) settle(res2.get(docxOf.get(p.id)!)!, p, pdfOf, fail);
    }
  }
  const chromiumPlans = plans.filter((p) => p.route === 'chromium');
  if (chromiumPlans.length) {
    log(`Chromium: ${chromiumPlans.length} pages → PDF`);
    mkdirSync(join(work, 'chromium'), { recursive: true });
    const jobs = chromiumPlans.map((p) => ({ html: htmlPath(p), pdf: join(work, 'chromium', `${p.id}.pdf`), ...p.chromium! }));
    const res = await batch(chromiumPlans, () => chromiumPrint(jobs));
    for (const p of chromiumPlans) settle(res.get(htmlPath(p))!, p, pdfOf, fail);
  }

  // 3. Texts made from the PDFs.
  const textOf = new Map<string, string>();
  for (const p of plans.filter((p) => p.text && p.text !== 'pdf2md' && pdfOf.has(p.id))) {
    const t0 = performance.now();
    try {
      writeFileSync(join(work, `${p.id}.${p.ext}`), await pdftotext(pdfOf.get(p.id)!, p.text === 'pdftotext-layout'));
      textOf.set(p.id, join(work, `${p.id}.${p.ext}`));
    } catch (e) {
      fail(p, (e as Error).message);
    }
    charge(p, performance.now() - t0);
  }
  const mdPlans = plans.filter((p) => p.text === 'pdf2md' && pdfOf.has(p.id));
  if (mdPlans.length) {
    log(`pdf2md: ${mdPlans.length} PDF → Markdown`);
    const res = await batch(mdPlans, () => pdfToMarkdown(mdPlans.map((p) => [pdfOf.get(p.id)!, join(work, `${p.id}.md`)]), work));
    for (const p of mdPlans) settle(res.get(pdfOf.get(p.id)!)!, p, textOf, fail);
  }

  // 4. Place each document, check it, write its golden record.
  const variants: Variant[] = [];
  for (const plan of plans) {
    const t0 = performance.now();
    const file = join(outDir, `${plan.id}.${plan.ext}`);
    const golden = join(outDir, `${plan.id}.expected.json`);
    const made = plan.text ? textOf.get(plan.id) : plan.route === 'html' ? htmlPath(plan) : plan.route === 'txt' ? txtPath(plan) : plan.route === 'writer-docx' ? docxOf.get(plan.id) : pdfOf.get(plan.id);
    if (!made || failed.has(plan.id)) {
      dropped.push({ id: plan.id, class: plan.class, reason: failed.get(plan.id) ?? 'no document was made' });
      continue;
    }
    const check = await checkVariant(plan, made, pdfOf.get(plan.id));
    if (check.problem) {
      dropped.push({ id: plan.id, class: plan.class, reason: check.problem });
      rmSync(file, { force: true });
      rmSync(golden, { force: true });
      charge(plan, performance.now() - t0);
      continue;
    }
    copyFileSync(made, file);
    const record: GoldenRecord = { ...plan.record, source: { uri: `${plan.id}.${plan.ext}`, format: plan.ext === 'md' ? 'txt' : plan.ext } };
    writeFileSync(golden, JSON.stringify(record, null, 2) + '\n');
    variants.push({ ...plan, file, golden, record, pages: check.pages, tablePages: check.tablePages });
    charge(plan, performance.now() - t0);
  }
  const result: GenerateResult = { seed, outDir, variants, dropped, timings };
  writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest(result, opts), null, 2) + '\n');
  if (!opts.keepWork) rmSync(work, { recursive: true, force: true });
  log(`${variants.length} variants written, ${dropped.length} dropped`);
  return result;
}

function settle(res: string | Error, plan: VariantPlan, into: Map<string, string>, fail: (p: VariantPlan, reason: string) => void): void {
  if (res instanceof Error) fail(plan, res.message);
  else into.set(plan.id, res);
}

/** The validity self-check of one variant (validity.ts): every number there, the page size and page span asked for. */
async function checkVariant(plan: VariantPlan, made: string, pdf: string | undefined): Promise<{ problem: string | null; pages: number | null; tablePages: number | null }> {
  let pages: number | null = null;
  let tablePages: number | null = null;
  const problems: string[] = [];
  if (pdf) {
    const info = await pdfinfo(pdf);
    pages = info.pages;
    const raw = await pdftotext(pdf, false);
    const missing = missingNumbers(plan.record, raw, plan.source.inWords);
    if (missing.length) problems.push(`the PDF's text lacks ${missing.slice(0, 6).join(', ')}${missing.length > 6 ? ` and ${missing.length - 6} more` : ''}`);
    const paper = plan.chromium ? plan.chromium.format : plan.layout ? plan.layout.page.size : 'A4';
    const landscape = plan.chromium ? plan.chromium.landscape : plan.layout ? plan.layout.page.landscape : false;
    if (!sizeMatches(info, paper, landscape)) problems.push(`page size ${info.width}×${info.height} pt, asked for ${paper}${landscape ? ' landscape' : ''} (${PAPER[paper].join('×')})`);
    if (plan.layout?.breaks) {
      tablePages = pagesSpanned(raw, HEADING_3, '结转下年度继续办理');
      const want = plan.layout.breaks.pages;
      if (tablePages < want) problems.push(`table 3 spans ${tablePages} pages, asked for ${want}`);
    }
  }
  if (!pdf || plan.text) {
    const text = plan.ext === 'html' ? htmlText(readText(made)) : plan.ext === 'docx' ? docxText(made) : readText(made);
    const missing = missingNumbers(plan.record, text, plan.source.inWords);
    if (missing.length) problems.push(`the ${plan.ext} lacks ${missing.slice(0, 6).join(', ')}${missing.length > 6 ? ` and ${missing.length - 6} more` : ''}`);
  }
  return { problem: problems.length ? problems.join('; ') : null, pages, tablePages };
}

function manifest(result: GenerateResult, opts: GenerateOptions) {
  return {
    generator: 'scripts/layout-variants',
    seed: result.seed,
    count: opts.count,
    classes: opts.classes ?? CLASSES,
    variants: result.variants.map((v) => ({
      id: v.id,
      class: v.class,
      index: v.index,
      file: `${v.id}.${v.ext}`,
      golden: `${v.id}.expected.json`,
      source: v.source,
      route: v.route,
      text: v.text,
      layout: v.layout,
      chromium: v.chromium,
      freeform: v.freeform,
      fixed: v.fixed,
      pages: v.pages,
      tablePages: v.tablePages,
    })),
    dropped: result.dropped,
    timingsMs: Object.fromEntries(Object.entries(result.timings).map(([k, v]) => [k, Math.round(v)])),
  };
}

/** Reads a manifest written by `generate`. */
export function readManifest(outDir: string): ReturnType<typeof manifest> | null {
  const path = join(outDir, 'manifest.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as ReturnType<typeof manifest>) : null;
}

