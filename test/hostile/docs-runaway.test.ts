/**
 * Issue 16 items 4 and 6: documents that ran away with memory, the stack or the whole run. Each
 * is generated here, then extracted in a child process (test/hostile/support/measure-child.ts)
 * under a 1.5 GB heap limit, which reports its peak RSS. Each must end normally, its memory
 * bounded by ten times the document plus a constant (generous bounds: exact figures are in the
 * bench, `npm run bench -- hostile`), with the outcome a person needs: the report read and the
 * cut named, or the document refused with its reason. No timing is asserted.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bigTableHtml, deeplyNestedDocx, deepNestingAfterReportHtml, millionRowDocx, oneLineText, repeatedRowsText } from './support/hostile-docs.ts';

const CHILD = fileURLToPath(new URL('./support/measure-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Peak memory over the child's baseline may be at most 10 × the document plus this (MB). */
const CONSTANT_MB = 256;
const HEAP_LIMIT_MB = 1536;
const TIMEOUT_MS = 600_000;

const dir = mkdtempSync(join(tmpdir(), 'nianbao-hostile-runaway-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Measured {
  ok: boolean;
  reason?: string;
  record?: { year: number | null; agency: string | null; new_received: (number | null)[] | null; checks: (boolean | null)[]; warnings: string[] };
  peakRssMb: number;
  baselineRssMb: number;
  inputMb: number;
}

/** Writes the document and extracts it in a child under the heap limit; the child must end normally. */
function measure(name: string, bytes: Uint8Array): Measured {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const r = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_LIMIT_MB}`, '--import', 'tsx', CHILD, file], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    maxBuffer: 64 * 1024 * 1024,
  });
  expect(r.signal, r.stderr.slice(-2000)).toBeNull();
  expect(r.status, r.stderr.slice(-2000)).toBe(0);
  const m = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Measured;
  expect(m.peakRssMb - m.baselineRssMb, `peak ${m.peakRssMb} MB over a baseline of ${m.baselineRssMb} MB for ${m.inputMb} MB`).toBeLessThanOrEqual(10 * m.inputMb + CONSTANT_MB);
  return m;
}

const SHUYANG_RECEIVED = [26, null, null, null, null, null, 26];

describe('runaways end, bounded, with their reason', () => {
  it('a 185 KB DOCX of a million one-cell rows (57 MB declared) is refused before mammoth builds it', () => {
    const m = measure('rows.docx', millionRowDocx());
    expect(m.inputMb).toBeLessThan(0.2);
    expect(m.ok).toBe(false);
    expect(m.reason).toBe('rows.docx: DOCX too large to read safely: more than 20000 table rows (by word/document.xml); not parsed');
  }, TIMEOUT_MS);

  it('a DOCX nesting 100,000 content controls is refused before mammoth recurses into it', () => {
    const m = measure('deep.docx', deeplyNestedDocx());
    expect(m.ok).toBe(false);
    expect(m.reason).toBe('deep.docx: DOCX too large to read safely: XML nested more than 1000 elements deep (by word/document.xml); not parsed');
  }, TIMEOUT_MS);

  it('a 32 MB page whose report is followed by a table of 400,000 rows: the report is read, the cut named', () => {
    const m = measure('table.html', bigTableHtml());
    expect(m.inputMb).toBeGreaterThan(30);
    expect(m.ok).toBe(true);
    expect(m.record!.new_received).toEqual(SHUYANG_RECEIVED);
    expect(m.record!.checks).toEqual([true, true, true, true]);
    expect(m.record!.warnings[0]).toMatch(/^HTML more than 200000 elements from character \d+ of \d+; only the page before it is read$/);
  }, TIMEOUT_MS);

  it('a page over 256K characters nested 20,000 deep after the report: the report is read, not rejected', () => {
    const m = measure('deep.html', deepNestingAfterReportHtml());
    expect(m.ok).toBe(true);
    expect(m.record!.new_received).toEqual(SHUYANG_RECEIVED);
    expect(m.record!.warnings[0]).toMatch(/^HTML nested more than 5000 elements deep from character \d+ of \d+; only the page before it is read$/);
  }, TIMEOUT_MS);

  it('a 5 MB single line of numbers is running text, not 2.6 million cells', () => {
    const m = measure('line.txt', oneLineText());
    expect(m.inputMb).toBe(5);
    expect(m.ok).toBe(false);
    expect(m.reason).toBe('line.txt: no report tables and no report figures in its text');
  }, TIMEOUT_MS);

  it('200,000 copies of a table-3 row no longer overflow the stack: the document is read up to the cell limit', () => {
    const m = measure('rows.txt', repeatedRowsText());
    expect(m.ok).toBe(true);
    expect(m.record!.new_received).toEqual([3, 0, 0, 0, 0, 0, 3]);
    expect(m.record!.warnings).toContain('text: more than 250000 table cells; read up to line 25037, the rest is not read');
    expect(m.record!.warnings).toContain('table 3: new_received printed twice; the first is kept (×24990)');
    // Table 4 lay beyond the cut: said, not silently missing.
    expect(m.record!.warnings).toContain('table 4 (行政复议、行政诉讼): not found; its numbers are missing');
  }, TIMEOUT_MS);
});
