/**
 * Issue 16, smaller items: a process killed with SIGKILL mid-conversion leaves its
 * `nianbao-soffice-*` folder and LibreOffice running; the next run removes folders whose owner
 * is dead and kills what still runs on them, and leaves live conversions alone. A failed
 * conversion quotes LibreOffice's cause, not "failed to launch javaldx".
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ConverterError } from '../../errors.ts';
import { extractBytes } from '../../extract/index.ts';
import { failureCause } from '../../extract/readers/word/libreoffice.ts';
import { CONVERSION_DIR_PREFIX, cleanStaleConversions } from '../../extract/readers/word/sandbox.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const base = mkdtempSync(join(tmpdir(), 'nianbao-hostile-clean-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(what: string, pred: () => boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** LibreOffice processes whose command line mentions `needle`. */
function officeProcesses(needle: string): number[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8');
        return cmd.includes(needle) && cmd.includes('fake-soffice') && !cmd.includes('--input-type');
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** A DOC only LibreOffice reads: extracting it starts a conversion. */
const OLE_DOC = 'new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])';

/**
 * Starts a nianbao process (running `script` after importing extractBytes) whose LibreOffice is a
 * fake that never finishes (`fakeName`.mjs; its command line carries the conversion folder, as
 * soffice.bin's does), with its temporary folder `tmp`.
 */
function runWithFakeOffice(tmp: string, fakeName: string, script: string) {
  mkdirSync(tmp);
  const fake = join(base, `${fakeName}.mjs`);
  writeFileSync(fake, '#!/usr/bin/env node\nsetInterval(() => {}, 1000);\n');
  chmodSync(fake, 0o755);
  const code = `import { extractBytes } from ${JSON.stringify(join(ROOT, 'extract/index.ts'))};\n${script}`;
  return spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: ROOT,
    env: { ...process.env, TMPDIR: tmp, NIANBAO_SOFFICE: fake, NIANBAO_CONVERT_TIMEOUT_MS: '600000' },
    stdio: 'ignore',
  });
}

describe('the next run cleans up after a run killed with SIGKILL', () => {
  it('removes the dead run’s folder and kills its LibreOffice; keeps live and young folders', async () => {
    const tmp = join(base, 'tmp');
    const run = runWithFakeOffice(tmp, 'fake-soffice', `await extractBytes(${OLE_DOC}, { uri: 'slow.doc' });`);
    const folders = () => readdirSync(tmp).filter((n) => n.startsWith(CONVERSION_DIR_PREFIX));
    await until('the conversion to start', () => folders().length === 1 && officeProcesses(join(tmp, folders()[0]!)).length > 0);
    const folder = join(tmp, folders()[0]!);
    expect(JSON.parse(readFileSync(join(folder, 'owner.json'), 'utf8')).pid).toBe(run.pid);
    const office = officeProcesses(folder);

    run.kill('SIGKILL');
    await until('the run to die', () => !alive(run.pid!));
    // What a SIGKILL leaves: the folder, and LibreOffice in its own process group.
    expect(existsSync(folder)).toBe(true);
    expect(office.every(alive)).toBe(true);

    // A live conversion (this process owns it), a young folder without owner (mid-setup), an old one (an older nianbao).
    const live = join(tmp, `${CONVERSION_DIR_PREFIX}live`);
    mkdirSync(live);
    writeFileSync(join(live, 'owner.json'), JSON.stringify({ pid: process.pid, started: null }));
    const young = join(tmp, `${CONVERSION_DIR_PREFIX}young`);
    mkdirSync(young);
    const old = join(tmp, `${CONVERSION_DIR_PREFIX}old`);
    mkdirSync(old);
    utimesSync(old, new Date(Date.now() - 2 * 3600_000), new Date(Date.now() - 2 * 3600_000));
    const unrelated = join(tmp, 'someone-elses-folder');
    mkdirSync(unrelated);

    const removed = await cleanStaleConversions(tmp);
    expect(removed.sort()).toEqual([folder, old].sort());
    expect(existsSync(folder)).toBe(false);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(live) && existsSync(young) && existsSync(unrelated)).toBe(true);
    await until('the orphaned LibreOffice to be killed', () => !office.some(alive), 60_000);
  }, 600_000);
});

describe('a run that exits mid-conversion', () => {
  it('kills the LibreOffice process group it started when it exits', async () => {
    const tmp = join(base, 'tmp-exit');
    const run = runWithFakeOffice(
      tmp,
      'fake-soffice-exit',
      `import { readdirSync, readFileSync } from 'node:fs';
      extractBytes(${OLE_DOC}, { uri: 'slow.doc' }).catch(() => {});
      const started = () => readdirSync('/proc').some((p) => { try { return readFileSync('/proc/' + p + '/cmdline', 'utf8').includes('fake-soffice-exit.mjs\\0--headless'); } catch { return false; } });
      const t = setInterval(() => { if (started()) { clearInterval(t); process.exit(0); } }, 100);`,
    );
    const code = await new Promise<number | null>((resolve) => run.on('close', resolve));
    expect(code).toBe(0);
    // It did start LibreOffice (a process group of its own, which outlives its parent unless killed).
    expect(readdirSync(tmp).filter((n) => n.startsWith(CONVERSION_DIR_PREFIX))).toHaveLength(1);
    await until('its LibreOffice to be gone', () => officeProcesses(tmp).length === 0, 60_000);
  }, 600_000);
});

describe('a failed conversion names its cause', () => {
  it('LibreOffice’s own words, without the javaldx noise', () => {
    const output = 'Warning: failed to launch javaldx - java may not function correctly\nError: source file could not be loaded\n';
    expect(failureCause({ code: 0, signal: null, output })).toBe(
      'LibreOffice could not open it (damaged, encrypted, or not a Word/WPS document) (Error: source file could not be loaded; exit status 0)',
    );
    expect(failureCause({ code: 81, signal: null, output: 'Warning: failed to launch javaldx - java may not function correctly\nUser installation could not be completed\n' })).toBe(
      'User installation could not be completed (exit status 81)',
    );
  });

  it('its exit status when it said nothing but the noise', () => {
    expect(failureCause({ code: null, signal: 'SIGSEGV', output: 'Warning: failed to launch javaldx - java may not function correctly\n' })).toBe(
      'LibreOffice wrote no output and gave no reason (killed by SIGSEGV)',
    );
  });

  it('a real failure: a DOC LibreOffice cannot open', async () => {
    const err = await extractBytes(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), { uri: 'tiny.doc' }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(ConverterError);
    expect(err!.message).toMatch(/^tiny\.doc: LibreOffice could not convert it to DOCX: LibreOffice could not open it \(damaged, encrypted, or not a Word\/WPS document\)/);
    expect(err!.message).not.toMatch(/javaldx/);
  }, 600_000);
});
