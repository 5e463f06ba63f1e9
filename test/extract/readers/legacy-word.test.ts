/**
 * DOC and WPS through LibreOffice: converted in a temporary directory that is removed after,
 * with a clear error when LibreOffice is missing or too slow.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConverterError, NianbaoError } from '../../../errors.ts';
import type { Grid } from '../../../extract/document.ts';
import { extractBytes } from '../../../extract/index.ts';
import { readLegacyWord } from '../../../extract/readers/legacy-word.ts';

const generated = fileURLToPath(new URL('../../fixtures/docs/generated/', import.meta.url));
// Conversions in this file make their temporary folders under a TMPDIR of their own, so folders of
// conversions running at the same time in other test files (or other processes) are not counted.
const ownTmp = mkdtempSync(join(tmpdir(), 'nianbao-legacy-word-test-'));
const savedTmp = process.env.TMPDIR;
beforeAll(() => {
  process.env.TMPDIR = ownTmp;
});
afterAll(() => {
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
  rmSync(ownTmp, { recursive: true, force: true });
});
const tempDirs = () => readdirSync(ownTmp).filter((n) => n.startsWith('nianbao-soffice-'));
const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as Error);

afterEach(() => {
  delete process.env.NIANBAO_SOFFICE;
  delete process.env.NIANBAO_CONVERT_TIMEOUT_MS;
});

describe('readLegacyWord', () => {
  it('reads a Word 97 DOC and leaves no temporary directory behind', async () => {
    const before = tempDirs();
    const path = `${generated}001-word97.doc`;
    const doc = await readLegacyWord(new Uint8Array(readFileSync(path)), path);
    expect(doc.format).toBe('doc');
    const grids = doc.blocks.filter((b): b is Grid => b.kind === 'grid');
    expect(grids.some((g) => g.rows.some((r) => r.some((c) => c.text === '5953.02496')))).toBe(true);
    expect(tempDirs()).toEqual(before);
  });

  it('says a .wps file is WPS', async () => {
    const path = `${generated}002-renamed-doc.wps`;
    const doc = await readLegacyWord(new Uint8Array(readFileSync(path)), path);
    expect(doc.format).toBe('wps');
  });

  it('names the package to install when LibreOffice is missing', async () => {
    process.env.NIANBAO_SOFFICE = '/nonexistent/soffice';
    const err = await failure(readLegacyWord(new Uint8Array(readFileSync(`${generated}001-word97.doc`)), 'report.doc'));
    expect(err).toBeInstanceOf(ConverterError);
    expect(err!.message).toMatch(/^report\.doc: LibreOffice .* is not installed.*libreoffice-writer/);
  });

  it('stops a conversion that takes longer than the limit and cleans up', async () => {
    const before = tempDirs();
    process.env.NIANBAO_CONVERT_TIMEOUT_MS = '50';
    const err = await failure(readLegacyWord(new Uint8Array(readFileSync(`${generated}001-word97.doc`)), 'slow.doc'));
    expect(err).toBeInstanceOf(ConverterError);
    expect(err!.message).toMatch(/slow\.doc: LibreOffice conversion to DOCX did not finish within 50 ms/);
    expect(tempDirs()).toEqual(before);
  });

  it('turns junk in an OLE2 container into a clear failure, never a record', async () => {
    // LibreOffice imports what it cannot recognise as plain text, so junk comes out as a
    // document without tables, which the mapper refuses.
    const junk = new Uint8Array(Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(2048, 7)]));
    const err = await failure(extractBytes(junk, { uri: 'junk.doc' }));
    expect(err).toBeInstanceOf(NianbaoError);
    expect(err!.message).toMatch(/^junk\.doc: /);
  });
});
