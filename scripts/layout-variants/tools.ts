/**
 * The real tools agencies' documents pass through, driven in batches:
 * - LibreOffice Writer, headless (`soffice --convert-to`, its own profile directory, a time limit
 *   per batch, the whole process group killed when it is exceeded): HTML import → PDF, HTML →
 *   DOCX, DOCX → PDF (the invocations of scripts/make-fixtures.ts);
 * - Chromium's print to PDF through playwright-core (`page.pdf({ scale, format, landscape })`),
 *   the system Chromium with the project's flags (crawlers/browser.ts);
 * - poppler's `pdftotext` (with and without `-layout`) and `pdfinfo`;
 * - a PDF → Markdown converter, @opendocsg/pdf2md, in a child process (pdf2md-child.ts).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { browserLaunchOptions } from '../../crawlers/browser.ts';

/** Runs a program; resolves with its stdout, rejects naming it on a non-zero exit or when `timeoutMs` passes (the whole process group is killed). */
export function run(cmd: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`${cmd}: ${e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) reject(new Error(`${cmd} ${args.slice(-1)[0]}: no result within ${timeoutMs} ms`));
      else if (code !== 0) reject(new Error(`${cmd} exited with ${code}: ${err.trim().slice(0, 300)}`));
      else resolve(out);
    });
  });
}

/** LibreOffice gets this long to start plus this long per document of a batch. */
const SOFFICE_START_MS = 90_000;
const SOFFICE_PER_DOC_MS = 30_000;
const SOFFICE_BATCH = 12;

/**
 * LibreOffice headless: converts `inputs` to `target` (a --convert-to argument such as
 * 'pdf:writer_pdf_Export') into `outDir`, in batches sharing one Writer start. Returns each
 * input's output path, or the error that stopped it.
 */
export async function soffice(inputs: string[], target: string, ext: string, outDir: string, profileDir: string, inFilter?: string): Promise<Map<string, string | Error>> {
  mkdirSync(outDir, { recursive: true });
  const results = new Map<string, string | Error>();
  for (let i = 0; i < inputs.length; i += SOFFICE_BATCH) {
    const batch = inputs.slice(i, i + SOFFICE_BATCH);
    let failure: Error | null = null;
    try {
      await run('soffice', ['--headless', '--norestore', `-env:UserInstallation=${pathToFileURL(profileDir).href}`, ...(inFilter ? [`--infilter=${inFilter}`] : []), '--convert-to', target, '--outdir', outDir, ...batch], SOFFICE_START_MS + SOFFICE_PER_DOC_MS * batch.length);
    } catch (e) {
      failure = e as Error;
    }
    for (const input of batch) {
      const made = join(outDir, basename(input).replace(/\.[^.]+$/, `.${ext}`));
      results.set(input, existsSync(made) ? made : (failure ?? new Error(`LibreOffice did not convert ${basename(input)} to ${ext}`)));
    }
  }
  return results;
}

export interface ChromiumJob {
  html: string;
  pdf: string;
  scale: number;
  format: 'A4' | 'A3' | 'Letter';
  landscape: boolean;
  /** Chromium's own header and footer (date, title, URL, page numbers), as browser-printed reports have. */
  headerFooter: boolean;
  marginMm: number;
}

const CHROMIUM_PAGE_MS = 60_000;

/** Prints each page with one Chromium; a page that fails is reported, the others go on. */
export async function chromiumPrint(jobs: ChromiumJob[]): Promise<Map<string, string | Error>> {
  const results = new Map<string, string | Error>();
  if (!jobs.length) return results;
  const browser = await chromium.launch(browserLaunchOptions());
  try {
    const context = await browser.newContext({ offline: true });
    for (const job of jobs) {
      const page = await context.newPage();
      try {
        await page.goto(pathToFileURL(job.html).href, { timeout: CHROMIUM_PAGE_MS });
        const m = `${job.marginMm}mm`;
        await page.pdf({ path: job.pdf, scale: job.scale, format: job.format, landscape: job.landscape, displayHeaderFooter: job.headerFooter, margin: { top: m, bottom: m, left: m, right: m } });
        results.set(job.html, job.pdf);
      } catch (e) {
        results.set(job.html, new Error(`Chromium could not print ${basename(job.html)}: ${(e as Error).message.split('\n')[0]}`));
      } finally {
        await page.close();
      }
    }
  } finally {
    await browser.close();
  }
  return results;
}

const POPPLER_MS = 60_000;

/** `pdftotext [-layout]`: the text of a PDF, pages separated by form feeds. */
export async function pdftotext(pdf: string, layout: boolean): Promise<string> {
  return run('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', pdf, '-'], POPPLER_MS);
}

/** Page count and the first page's size in pt, from `pdfinfo`. */
export async function pdfinfo(pdf: string): Promise<{ pages: number; width: number; height: number }> {
  const out = await run('pdfinfo', [pdf], POPPLER_MS);
  const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(out);
  return { pages: Number(/Pages:\s+(\d+)/.exec(out)?.[1] ?? 0), width: Number(size?.[1] ?? 0), height: Number(size?.[2] ?? 0) };
}

const PDF2MD_PER_DOC_MS = 60_000;
const child = fileURLToPath(new URL('./pdf2md-child.ts', import.meta.url));

/** @opendocsg/pdf2md over `pairs` ([pdf, md]) in one child process; returns each PDF's Markdown path or error. */
export async function pdfToMarkdown(pairs: [string, string][], workDir: string): Promise<Map<string, string | Error>> {
  const results = new Map<string, string | Error>();
  if (!pairs.length) return results;
  const list = join(workDir, 'pdf2md-jobs.json');
  writeFileSync(list, JSON.stringify(pairs));
  let failure: Error | null = null;
  try {
    await run(process.execPath, ['--import', 'tsx', child, list], 30_000 + PDF2MD_PER_DOC_MS * pairs.length);
  } catch (e) {
    failure = e as Error;
  }
  const report = existsSync(`${list}.out`) ? (JSON.parse(readFileSync(`${list}.out`, 'utf8')) as Record<string, string>) : {};
  for (const [pdf, md] of pairs) results.set(pdf, existsSync(md) ? md : new Error(report[pdf] ?? failure?.message ?? `pdf2md wrote nothing for ${basename(pdf)}`));
  return results;
}
