/**
 * LibreOffice headless as a converter: old Word (DOC), WPS and DOCX files that mammoth rejects
 * are converted to DOCX. Each conversion runs in a fresh temporary directory with its own
 * LibreOffice profile (`-env:UserInstallation`), so parallel conversions do not collide on the
 * profile lock; the input is written there under a fixed name (never the document's own name),
 * the process group is killed when the time limit passes, and the directory is always removed.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_LIMITS } from '../../../config/schema.ts';
import { ConverterError } from '../../../errors.ts';

/** The LibreOffice binary: `NIANBAO_SOFFICE`, else `soffice` on the PATH. */
export const sofficeBinary = () => process.env.NIANBAO_SOFFICE || 'soffice';

/** The time limit of one conversion: `NIANBAO_CONVERT_TIMEOUT_MS`, else the configuration default (limits.convertTimeoutMs). */
export function convertTimeoutMs(): number {
  const env = Number(process.env.NIANBAO_CONVERT_TIMEOUT_MS);
  return Number.isFinite(env) && env > 0 ? env : DEFAULT_LIMITS.convertTimeoutMs;
}

/** How much of LibreOffice's output is kept for an error message. */
const MAX_OUTPUT_CHARS = 2000;

export interface ConvertOptions {
  /** Extension the input is given (LibreOffice picks its import filter partly by it): `doc`, `wps`, `docx`. */
  inputExtension: string;
  timeoutMs?: number;
}

/**
 * Converts a Word-family document to DOCX bytes. Throws ConverterError naming `source` when
 * LibreOffice is not installed (and what to install), times out, fails or writes nothing.
 */
export async function convertToDocx(bytes: Uint8Array, source: string, opts: ConvertOptions): Promise<Uint8Array> {
  const timeoutMs = opts.timeoutMs ?? convertTimeoutMs();
  const dir = await mkdtemp(join(tmpdir(), 'nianbao-soffice-'));
  try {
    const input = join(dir, `input.${opts.inputExtension.replace(/[^a-z0-9]/gi, '') || 'bin'}`);
    const outDir = join(dir, 'out');
    await writeFile(input, bytes);
    const args = [
      '--headless', '--norestore', '--nolockcheck', '--nodefault', '--nofirststartwizard',
      `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
      '--convert-to', 'docx:MS Word 2007 XML', '--outdir', outDir, input,
    ];
    const run = await runProcess(sofficeBinary(), args, timeoutMs);
    if (run.missing) {
      throw new ConverterError(source, `LibreOffice (${sofficeBinary()}) is not installed; it converts DOC/WPS files: install the Debian package libreoffice-writer (apt-get install libreoffice-writer) or set NIANBAO_SOFFICE`);
    }
    if (run.timedOut) throw new ConverterError(source, `LibreOffice conversion to DOCX did not finish within ${timeoutMs} ms; stopped`);
    try {
      return await readFile(join(outDir, 'input.docx'));
    } catch {
      const said = run.output.trim().slice(-MAX_OUTPUT_CHARS);
      throw new ConverterError(source, `LibreOffice could not convert it to DOCX (exit ${run.code ?? run.signal})${said ? `: ${said}` : ''}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  timedOut: boolean;
  missing: boolean;
}

/** Runs a command in its own process group; on timeout the whole group (soffice forks oosplash and soffice.bin) is killed. */
function runProcess(command: string, args: string[], timeoutMs: number): Promise<ProcessResult> {
  return new Promise((resolve) => {
    let output = '';
    let timedOut = false;
    const child = spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-MAX_OUTPUT_CHARS);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const killGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch (err) {
        // ESRCH: the group is already gone, which is what we wanted; otherwise kill what we can.
        if ((err as NodeJS.ErrnoException).code !== 'ESRCH') child.kill('SIGKILL');
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, timeoutMs);
    child.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ code: null, signal: null, output: err.message, timedOut: false, missing: err.code === 'ENOENT' });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output, timedOut, missing: false });
    });
  });
}
