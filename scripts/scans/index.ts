/**
 * The scan generator and its scorer (issue 14). Scans are made of the corpus's PDFs and of
 * generated reports (the layout-variation generator's Chromium and Writer PDFs, whose golden
 * records are known): each rasterised at 150 or 200 dpi, turned slightly, on grey paper with
 * noise and specks, JPEG-compressed, as an image-only PDF (scans/scan.ts). Seeded.
 *
 *   npx tsx scripts/scans/index.ts make --out DIR [--seed S] [--count N] [--corpus]
 *   npx tsx scripts/scans/index.ts score DIR [--wrong]
 *
 * The score: cells right (scripts/score.mjs), per resolution, and the misreads the checks cannot
 * see: wrong numbers in a record whose checks all hold (where the truth's checks hold too).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { extractFile } from '../../extract/index.ts';
import type { ReportRecord } from '../../extract/record.ts';
import { corpusDir } from '../../test/support/corpus.ts';
import { variantsFor } from '../layout-variants/index.ts';
import { scoreRecord } from '../score.mjs';
import { scanPdf, scanSettings, type ScanSettings } from './scan.ts';

export interface ScanEntry {
  id: string;
  /** The scan and its golden record, file names within the folder. */
  file: string;
  golden: string;
  /** What was scanned: a corpus file name or a layout variant's id. */
  source: string;
  settings: ScanSettings;
}

export interface MakeOptions {
  outDir: string;
  seed: string;
  /** Generated reports (Chromium and Writer PDFs, alternately). */
  count: number;
  /** Also scan the corpus's PDFs. */
  corpus: boolean;
}

/** Makes the scans into `outDir` with a manifest.json; returns its entries. */
export async function makeScans(opts: MakeOptions): Promise<ScanEntry[]> {
  mkdirSync(opts.outDir, { recursive: true });
  const sources: { id: string; pdf: string; record: unknown }[] = [];
  if (opts.corpus) {
    const real = corpusDir('real');
    for (const f of readdirSync(real).filter((f) => f.endsWith('.pdf')).sort()) {
      sources.push({ id: basename(f, '.pdf'), pdf: join(real, f), record: JSON.parse(readFileSync(join(real, f.replace(/\.pdf$/, '.expected.json')), 'utf8')) });
    }
  }
  const half = Math.ceil(opts.count / 2);
  const generated = [...(await variantsFor('chromium-pdf', opts.seed, half)), ...(opts.count > 1 ? await variantsFor('writer-pdf', opts.seed, opts.count - half) : [])];
  for (const v of generated) sources.push({ id: v.id, pdf: v.file, record: v.record });
  const entries: ScanEntry[] = [];
  for (const s of sources) {
    const key = `${opts.seed}:${s.id}`;
    const settings = scanSettings(key);
    const id = `scan-${s.id}-${settings.dpi}dpi`;
    writeFileSync(join(opts.outDir, `${id}.pdf`), await scanPdf(readFileSync(s.pdf), settings, key));
    writeFileSync(join(opts.outDir, `${id}.expected.json`), JSON.stringify(s.record, null, 2));
    entries.push({ id, file: `${id}.pdf`, golden: `${id}.expected.json`, source: s.id, settings });
  }
  writeFileSync(join(opts.outDir, 'manifest.json'), JSON.stringify({ seed: opts.seed, scans: entries }, null, 2));
  return entries;
}

export interface ScanScore {
  id: string;
  dpi: number;
  right: number;
  total: number;
  wrong: string[];
  rejected: string | null;
  confidence: string | null;
  /** Every check of the record holds (none false). */
  checksHold: boolean;
  /** Wrong numbers in a record whose checks hold while the truth's do too: misreads the checks cannot see. */
  unseen: number;
  record: ReportRecord | null;
}

const allHold = (r: { checks?: { ok: boolean | null }[] } | null) => !!r && (r.checks ?? []).every((c) => c.ok !== false);

/** Reads every scan of `dir` and scores it against its golden record. */
export async function scoreScans(dir: string): Promise<ScanScore[]> {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { scans: ScanEntry[] };
  const out: ScanScore[] = [];
  for (const e of manifest.scans) {
    const golden = JSON.parse(readFileSync(join(dir, e.golden), 'utf8'));
    let record: ReportRecord | null = null;
    let rejected: string | null = null;
    try {
      record = await extractFile(join(dir, e.file));
    } catch (err) {
      rejected = (err as Error).message;
    }
    const s = scoreRecord(golden, record);
    const numbersWrong = s.wrong.filter((w) => !w.startsWith('check.')).length;
    const checksHold = allHold(record);
    out.push({
      id: e.id, dpi: e.settings.dpi, right: s.right, total: s.total, wrong: s.wrong, rejected,
      confidence: record?.confidence ?? null, checksHold,
      unseen: checksHold && allHold(golden) ? numbersWrong : 0, record,
    });
  }
  return out;
}

/** Totals of a score list: cells right / total, records, unseen misreads. */
export function summarise(scores: readonly ScanScore[]) {
  const sum = (f: (s: ScanScore) => number) => scores.reduce((a, s) => a + f(s), 0);
  return {
    scans: scores.length,
    right: sum((s) => s.right),
    total: sum((s) => s.total),
    accuracy: sum((s) => s.total) ? sum((s) => s.right) / sum((s) => s.total) : 0,
    exact: scores.filter((s) => s.right === s.total).length,
    checksHold: scores.filter((s) => s.checksHold).length,
    unseenMisreads: sum((s) => s.unseen),
    rejected: scores.filter((s) => s.rejected).length,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [command, ...rest] = process.argv.slice(2);
  const { values, positionals } = parseArgs({
    args: rest, allowPositionals: true,
    options: { out: { type: 'string' }, seed: { type: 'string', default: 'scans-1' }, count: { type: 'string', default: '6' }, corpus: { type: 'boolean', default: false }, wrong: { type: 'boolean', default: false } },
  });
  if (command === 'make' && values.out) {
    const entries = await makeScans({ outDir: values.out, seed: values.seed!, count: Number(values.count), corpus: values.corpus! });
    for (const e of entries) console.log(`${e.file}  ${JSON.stringify(e.settings)}`);
  } else if (command === 'score' && positionals[0] && existsSync(join(positionals[0], 'manifest.json'))) {
    const scores = await scoreScans(positionals[0]);
    for (const s of scores) {
      console.log(`${s.id.padEnd(48)} ${String(s.right).padStart(4)}/${String(s.total).padEnd(4)} ${((100 * s.right) / s.total).toFixed(1).padStart(5)} %  checks ${s.checksHold ? 'hold' : 'fail'}  unseen misreads ${s.unseen}${s.rejected ? `  REJECTED ${s.rejected}` : ''}`);
      if (values.wrong) for (const w of s.wrong) console.log(`    ${w}`);
    }
    for (const dpi of [150, 200]) {
      const t = summarise(scores.filter((s) => s.dpi === dpi));
      if (t.scans) console.log(`${dpi} dpi: ${t.scans} scans, ${t.right}/${t.total} cells (${(100 * t.accuracy).toFixed(2)} %), ${t.exact} exact, ${t.checksHold} with all checks holding, ${t.unseenMisreads} unseen misreads`);
    }
    const t = summarise(scores);
    console.log(`all: ${t.scans} scans, ${t.right}/${t.total} cells (${(100 * t.accuracy).toFixed(2)} %), ${t.exact} exact, ${t.checksHold} with all checks holding, ${t.unseenMisreads} unseen misreads, ${t.rejected} rejected`);
  } else {
    console.error('usage: npx tsx scripts/scans/index.ts make --out DIR [--seed S] [--count N] [--corpus] | score DIR [--wrong]');
    process.exit(2);
  }
}
