/**
 * Tesseract and pdftoppm as child processes with a time limit: the process is killed when the
 * limit passes, its output is bounded, and a missing binary is told apart from a failure.
 */
import { spawn } from 'node:child_process';

/** The tesseract binary: `NIANBAO_TESSERACT`, else `tesseract` on the PATH. */
export const tesseractBinary = () => process.env.NIANBAO_TESSERACT || 'tesseract';
/** The pdftoppm binary (poppler-utils): `NIANBAO_PDFTOPPM`, else `pdftoppm` on the PATH. */
export const pdftoppmBinary = () => process.env.NIANBAO_PDFTOPPM || 'pdftoppm';

/** The time limit of one OCR process: `NIANBAO_OCR_TIMEOUT_MS`, else 120 s. */
export function ocrTimeoutMs(): number {
  const env = Number(process.env.NIANBAO_OCR_TIMEOUT_MS);
  return Number.isFinite(env) && env > 0 ? env : 120_000;
}

/** What the Debian packages for OCR are called (named in errors when they are missing). */
export const OCR_PACKAGES = 'tesseract-ocr and tesseract-ocr-chi-sim';

/** Largest stdout kept (a TSV of a dense page is about 200 KB). */
const MAX_STDOUT_BYTES = 32 * 1024 * 1024;
const MAX_STDERR_CHARS = 2000;

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  missing: boolean;
}

/** Runs `command args` (no shell), killing it after `timeoutMs`. */
export function run(command: string, args: string[], timeoutMs = ocrTimeoutMs(), env?: NodeJS.ProcessEnv): Promise<RunResult> {
  return new Promise((resolve) => {
    const out: Buffer[] = [];
    let size = 0;
    let stderr = '';
    let timedOut = false;
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: env ? { ...process.env, ...env } : process.env });
    child.stdout.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_STDOUT_BYTES) out.push(c);
      else child.kill('SIGKILL');
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr = (stderr + c.toString('utf8')).slice(-MAX_STDERR_CHARS);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ code: null, signal: null, stdout: '', stderr: err.message, timedOut: false, missing: err.code === 'ENOENT' });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr, timedOut, missing: false });
    });
  });
}

/** One word of tesseract's TSV output, in the pixels of its image. */
export interface TsvWord {
  /** 1-based image number (for a list of images). */
  page: number;
  block: number;
  par: number;
  line: number;
  left: number;
  top: number;
  width: number;
  height: number;
  conf: number;
  text: string;
}

/** Tesseract's `tsv` output → its words (level 5 rows with text). */
export function parseTsv(tsv: string): TsvWord[] {
  const words: TsvWord[] = [];
  for (const row of tsv.split('\n').slice(1)) {
    const f = row.split('\t');
    if (f.length < 12 || f[0] !== '5') continue;
    const text = f.slice(11).join('\t').trim();
    if (!text) continue;
    words.push({ page: +f[1]!, block: +f[2]!, par: +f[3]!, line: +f[4]!, left: +f[6]!, top: +f[7]!, width: +f[8]!, height: +f[9]!, conf: +f[10]!, text });
  }
  return words;
}

/**
 * Tesseract on `image` (a file, or a text file listing image files) → TSV words. Tesseract's
 * own threads are off (`OMP_THREAD_LIMIT=1`): pages are read one per process, and threads only
 * contend with the worker pool. Throws with tesseract's words when it fails.
 */
export async function tesseractTsv(image: string, args: string[]): Promise<TsvWord[]> {
  const r = await run(tesseractBinary(), [image, 'stdout', ...args, 'tsv'], ocrTimeoutMs(), { OMP_THREAD_LIMIT: '1' });
  if (r.missing) throw new MissingToolError(`tesseract (${tesseractBinary()}) is not installed; install the Debian packages ${OCR_PACKAGES} or set NIANBAO_TESSERACT`);
  if (r.timedOut) throw new Error(`tesseract did not finish within ${ocrTimeoutMs()} ms; stopped`);
  if (r.code !== 0) throw new Error(`tesseract failed (${r.signal ? `killed by ${r.signal}` : `exit status ${r.code}`}): ${r.stderr.trim().slice(-500)}`);
  return parseTsv(r.stdout);
}

/** A program OCR needs is not installed. */
export class MissingToolError extends Error {}

/** True when tesseract runs and has the Chinese model (`chi_sim`); else the reason it cannot be used. */
export async function tesseractStatus(): Promise<true | string> {
  const r = await run(tesseractBinary(), ['--list-langs'], 30_000);
  if (r.missing) return `tesseract (${tesseractBinary()}) is not installed; install the Debian packages ${OCR_PACKAGES} or set NIANBAO_TESSERACT`;
  if (r.code !== 0) return `tesseract (${tesseractBinary()}) does not run (${r.timedOut ? 'timed out' : `exit status ${r.code}`}): ${r.stderr.trim().slice(-300)}`;
  if (!/^chi_sim$/m.test(r.stdout + r.stderr)) return `tesseract has no Chinese model (chi_sim); install the Debian package tesseract-ocr-chi-sim`;
  return true;
}
