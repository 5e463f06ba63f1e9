/**
 * `nianbao extract` as a user runs it: a folder of mixed documents, some unreadable. Each bad one
 * gets a line on stderr naming it and the reason, the rest are written, the last line counts
 * both, and the exit status is 1.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReportRecord } from '../../extract/record.ts';
import { compareRecord } from '../support/compare-record.ts';
import { corpusDir } from '../support/corpus.ts';

const bin = fileURLToPath(new URL('../../bin/nianbao.js', import.meta.url));
const seeds = corpusDir('seeds');
const generated = fileURLToPath(new URL('../fixtures/docs/generated/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'nianbao-extract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('nianbao extract', () => {
  const docs = join(dir, 'docs');
  const out = join(dir, 'out');
  it('writes one record per readable document and names every unreadable one with its reason', async () => {
    rmSync(docs, { recursive: true, force: true });
    mkdirSync(docs);
    copyFileSync(join(seeds, '000_3e089bbee027005d.txt'), join(docs, 'no-extension'));
    copyFileSync(join(seeds, '002_53998b694067610d.txt'), join(docs, '002.txt'));
    copyFileSync(join(seeds, '002_53998b694067610d.expected.json'), join(docs, '002.expected.json'));
    writeFileSync(join(docs, 'README.md'), '# not a document\n');
    writeFileSync(join(docs, 'empty.txt'), '');
    writeFileSync(join(docs, 'junk.bin'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    writeFileSync(join(docs, 'notice.txt'), '关于做好2023年政府信息公开工作年度报告编制发布工作的通知\n各单位：请按时发布。\n');
    const r = await run('extract', docs, '--out', out);
    expect(r.code).toBe(1);
    expect(readdirSync(out).sort()).toEqual(['002.json', 'no-extension.json']);
    const rec = JSON.parse(readFileSync(join(out, '002.json'), 'utf8'));
    expect(rec).toMatchObject({ schema: 'govreport/1', source: { uri: '002.txt', format: 'txt' }, year: 2022, template: '2021' });
    const lines = r.stderr.trim().split('\n').filter((l) => !l.startsWith('npm warn'));
    expect(lines).toContain(`nianbao: ${join(docs, 'empty.txt')}: empty file (0 bytes)`);
    expect(lines.some((l) => l.startsWith(`nianbao: ${join(docs, 'junk.bin')}: unsupported format (binary)`))).toBe(true);
    expect(lines).toContain(`nianbao: ${join(docs, 'notice.txt')}: no report tables and no report figures in its text`);
    expect(lines.at(-1)).toBe('2 extracted, 3 failed');
  });

  it('prints one JSON record per line without --out, and exits 0 when all are read', async () => {
    const r = await run('extract', join(seeds, '001_c779024abbc6666e.txt'), join(seeds, '003_de27d4d4802e9364.txt'));
    expect(r.code).toBe(0);
    const records = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(records.map((x) => [x.agency, x.year])).toEqual([['淄博高新技术产业开发区', 2021], ['卫辉市科技和工业信息化局', 2021]]);
    expect(r.stderr.trim().split('\n').at(-1)).toBe('2 extracted, 0 failed');
  });

  it('reads a folder mixing .txt, .html (one saved as .txt), .pdf, .docx, .doc and .wps into correct records', async () => {
    const mixed = join(dir, 'mixed');
    const mixedOut = join(dir, 'mixed-out');
    mkdirSync(mixed);
    const sources: [string, string][] = [
      [join(seeds, '004_e6ee48d9f5f3b505.txt'), 'a.txt'],
      [join(seeds, '../real/shuyang-fgj-2023.html'), 'b.html'],
      [join(generated, '000-chromium.pdf'), 'c.pdf'],
      [join(generated, '001-writer.docx'), 'd.docx'],
      [join(generated, '002-word97.doc'), 'e.doc'],
      [join(generated, '003-renamed-doc.wps'), 'f.wps'],
      [join(seeds, '../real/shuyang-fgj-2023.html'), 'g.txt'],
      [join(seeds, '../real/hongze-2024.pdf'), 'h.pdf'],
    ];
    for (const [from, to] of sources) copyFileSync(from, join(mixed, to));
    const r = await run('extract', mixed, '--out', mixedOut);
    expect(r.stderr.trim().split('\n').at(-1)).toBe('8 extracted, 0 failed');
    expect(r.code).toBe(0);
    const golden = (from: string) => {
      const g = from.replace(/\.[a-z]+$/, '.expected.json');
      return JSON.parse(readFileSync(g, 'utf8')) as ReportRecord;
    };
    for (const [from, to] of sources) {
      const got = JSON.parse(readFileSync(join(mixedOut, to.replace(/\.[a-z]+$/, '.json')), 'utf8')) as ReportRecord;
      const want = golden(from);
      const diff = compareRecord({ ...want, source: got.source }, got);
      expect(diff, `${to} (from ${from})`).toEqual([]);
    }
    const html = JSON.parse(readFileSync(join(mixedOut, 'g.json'), 'utf8')) as ReportRecord;
    expect(html.source).toMatchObject({ uri: 'g.txt', format: 'html' });
    const wps = JSON.parse(readFileSync(join(mixedOut, 'f.json'), 'utf8')) as ReportRecord;
    expect(wps.source.format).toBe('wps');
  });

  it('names a missing input as a usage error (exit 2)', async () => {
    const r = await run('extract', join(dir, 'nope.txt'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(dir, 'nope.txt')}: no such file or directory`);
  });
});
