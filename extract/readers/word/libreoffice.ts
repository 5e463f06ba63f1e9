/**
 * LibreOffice headless as a converter: old Word (DOC), WPS and DOCX files that mammoth rejects
 * are converted to DOCX. Each conversion runs in a fresh temporary directory with its own
 * LibreOffice profile (`-env:UserInstallation`), so parallel conversions do not collide on the
 * profile lock; the input is written there under a fixed name (never the document's own name),
 * the process group is killed when the time limit passes, and the directory is always removed.
 *
 * LibreOffice fetches linked pictures from any host, so it runs without network and without
 * macros, DOCX input loses its external links first, and stale folders and processes of killed
 * runs are cleaned up (word/sandbox.ts).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_LIMITS } from '../../../config/schema.ts';
import { ConverterError } from '../../../errors.ts';
import { CONVERSION_DIR_PREFIX, cleanStaleConversions, networkIsolation, prepareConversionDir, trackGroup } from './sandbox.ts';
import { stripExternalRelationships } from './strip-external.ts';

/** The LibreOffice binary: `NIANBAO_SOFFICE`, else `soffice` on the PATH. */
export const sofficeBinary = () => process.env.NIANBAO_SOFFICE || 'soffice';

/** The time limit of one conversion: `NIANBAO_CONVERT_TIMEOUT_MS`, else the configuration default (limits.convertTimeoutMs). */
export function convertTimeoutMs(): number {
  const env = Number(process.env.NIANBAO_CONVERT_TIMEOUT_MS);
  return Number.isFinite(env) && env > 0 ? env : DEFAULT_LIMITS.convertTimeoutMs;
}

/** How much of LibreOffice's output is kept for an error message. */
const MAX_OUTPUT_CHARS = 2000;
/** How many stripped link targets a warning lists. */
const MAX_LISTED_LINKS = 3;

export interface ConvertOptions {
  /** Extension the input is given (LibreOffice picks its import filter partly by it): `doc`, `wps`, `docx`. */
  inputExtension: string;
  timeoutMs?: number;
}

export interface Converted {
  docx: Uint8Array;
  /** What a person may want to know about the conversion: links stripped, no network isolation. */
  warnings: string[];
}

/**
 * Converts a Word-family document to DOCX bytes. Throws ConverterError naming `source` when
 * LibreOffice is not installed (and what to install), times out, fails or writes nothing.
 */
export async function convertToDocx(bytes: Uint8Array, source: string, opts: ConvertOptions): Promise<Converted> {
  const timeoutMs = opts.timeoutMs ?? convertTimeoutMs();
  const warnings: string[] = [];
  const extension = opts.inputExtension.replace(/[^a-z0-9]/gi, '').toLowerCase() || 'bin';
  let input = bytes;
  if (extension === 'docx') {
    const stripped = stripExternalRelationships(bytes);
    input = stripped.bytes;
    if (stripped.removed.length) {
      const listed = stripped.removed.slice(0, MAX_LISTED_LINKS).join(', ');
      const more = stripped.removed.length > MAX_LISTED_LINKS ? ` and ${stripped.removed.length - MAX_LISTED_LINKS} more` : '';
      warnings.push(`LibreOffice: ${stripped.removed.length} external link(s) removed before conversion (${listed}${more}); never fetched`);
    }
  }
  const [isolation] = await Promise.all([networkIsolation(), cleanStaleConversions()]);
  if (!isolation.isolated) {
    warnings.push(
      `LibreOffice ran without network isolation (${isolation.how}); ${extension === 'docx' ? 'external links were stripped and ' : ''}its proxy points at a closed port. Run as root or allow unprivileged user namespaces to isolate it`,
    );
  }
  const dir = await mkdtemp(join(tmpdir(), CONVERSION_DIR_PREFIX));
  try {
    const profile = await prepareConversionDir(dir);
    const inputPath = join(dir, `input.${extension}`);
    const outDir = join(dir, 'out');
    await writeFile(inputPath, input);
    const args = [
      '--headless', '--norestore', '--nolockcheck', '--nodefault', '--nofirststartwizard',
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--convert-to', 'docx:MS Word 2007 XML', '--outdir', outDir, inputPath,
    ];
    const [command, ...prefix] = [...isolation.prefix, sofficeBinary()];
    const run = await runProcess(command!, [...prefix, ...args], timeoutMs);
    // Behind unshare, a missing LibreOffice is unshare's exit 127 ("failed to execute soffice").
    if (run.missing || (prefix.length > 0 && run.code === 127 && /failed to execute/i.test(run.output))) {
      throw new ConverterError(source, `LibreOffice (${sofficeBinary()}) is not installed; it converts DOC/WPS files: install the Debian package libreoffice-writer (apt-get install libreoffice-writer) or set NIANBAO_SOFFICE`);
    }
    if (run.timedOut) throw new ConverterError(source, `LibreOffice conversion to DOCX did not finish within ${timeoutMs} ms; stopped`);
    try {
      return { docx: await readFile(join(outDir, 'input.docx')), warnings };
    } catch {
      throw new ConverterError(source, `LibreOffice could not convert it to DOCX: ${failureCause(run)}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Lines LibreOffice prints on every run, whatever happens: never the cause of a failure. */
const NOISE = [
  /^Warning: failed to launch javaldx/i,
  /^javaldx/i,
  /^convert .* -> .* using filter/i,
  /^Fontconfig (warning|error)/i,
  /^\(process:\d+\): .*(Gtk|GLib|dbind)-WARNING/i,
  /^\s*$/,
];

/** Known messages → what they mean for a person. */
const MEANINGS: [RegExp, string][] = [
  [/source file could not be loaded/i, 'LibreOffice could not open it (damaged, encrypted, or not a Word/WPS document)'],
  [/no export filter/i, 'LibreOffice has no DOCX export filter (libreoffice-writer missing?)'],
];

/** Why a conversion wrote nothing: LibreOffice's own words without its noise, or its exit status. */
export function failureCause(run: Pick<ProcessResult, 'code' | 'signal' | 'output'>): string {
  const said = run.output.split(/\r?\n/).map((l) => l.trim()).filter((l) => !NOISE.some((re) => re.test(l)));
  const status = run.signal ? `killed by ${run.signal}` : `exit status ${run.code}`;
  const text = said.join(' | ').slice(-MAX_OUTPUT_CHARS);
  const meaning = MEANINGS.find(([re]) => re.test(text))?.[1];
  if (meaning) return `${meaning} (${text}; ${status})`;
  if (text) return `${text} (${status})`;
  return `LibreOffice wrote no output and gave no reason (${status})`;
}

interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  timedOut: boolean;
  missing: boolean;
}

/**
 * Runs a command in its own process group (soffice forks oosplash and soffice.bin). The group is
 * killed when the time limit passes, when the command ends (stragglers) and if this process exits
 * first; a run killed by a signal leaves it to the next run's clean-up (sandbox.ts).
 */
function runProcess(command: string, args: string[], timeoutMs: number): Promise<ProcessResult> {
  return new Promise((resolve) => {
    let output = '';
    let timedOut = false;
    const child = spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const release = child.pid ? trackGroup(child.pid) : () => undefined;
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-MAX_OUTPUT_CHARS);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      timedOut = true;
      release();
    }, timeoutMs);
    child.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      release();
      resolve({ code: null, signal: null, output: err.message, timedOut: false, missing: err.code === 'ENOENT' });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      release();
      resolve({ code, signal, output, timedOut, missing: false });
    });
  });
}
