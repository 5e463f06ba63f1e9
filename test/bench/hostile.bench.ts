/**
 * The runaway documents of issue 16, each extracted in a child process of its own (so the peak
 * RSS is its own): peak memory over the child's baseline (the loaded readers and the file's
 * bytes), and wall time, medians of three runs. The documents are generated
 * (test/hostile/support/hostile-docs.ts); the hostile test suite asserts generous bounds on the
 * same measurements, this table gives the figures.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, type BenchRow } from './harness.ts';
import { bigTableHtml, deepNestingAfterReportHtml, millionRowDocx, oneLineText, repeatedRowsText } from '../hostile/support/hostile-docs.ts';

const CHILD = fileURLToPath(new URL('../hostile/support/measure-child.ts', import.meta.url));
const RUNS = 3;

const CASES: [string, string, () => Uint8Array][] = [
  ['DOCX, 1,000,000 one-cell rows (185 KB, 57 MB declared)', 'rows.docx', () => millionRowDocx()],
  ['HTML, report + table of 400,000 rows (32 MB)', 'table.html', () => bigTableHtml()],
  ['HTML, report + nesting 20,000 deep (1.2 MB)', 'deep.html', () => deepNestingAfterReportHtml()],
  ['text, one 5 MB line of numbers', 'line.txt', () => oneLineText()],
  ['text, 200,000 copies of a table-3 row (12 MB)', 'rows.txt', () => repeatedRowsText()],
];

export async function bench(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-bench-hostile-'));
  const rows: BenchRow[] = [];
  try {
    for (const [name, file, make] of CASES) {
      const path = join(dir, file);
      writeFileSync(path, make());
      const runs = Array.from({ length: RUNS }, () => {
        const r = spawnSync(process.execPath, ['--max-old-space-size=1536', '--import', 'tsx', CHILD, path], { encoding: 'utf8', timeout: 600_000 });
        if (r.status !== 0) throw new Error(`${file}: the child failed (${r.signal ?? r.status}): ${r.stderr.slice(-500)}`);
        return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { ok: boolean; ms: number; peakRssMb: number; baselineRssMb: number; inputMb: number };
      });
      const peak = median(runs.map((r) => r.peakRssMb - r.baselineRssMb));
      const inputMb = runs[0]!.inputMb;
      const outcome = runs[0]!.ok ? 'read' : 'refused';
      rows.push({ name: `${name}: peak RSS over baseline`, value: peak, unit: 'MB', target: `≤ 10 × ${inputMb} MB + c`, note: `${outcome}; median of ${RUNS} children` });
      rows.push({ name: `${name}: time`, value: median(runs.map((r) => r.ms)), unit: 'ms', note: `median of ${RUNS}` });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
