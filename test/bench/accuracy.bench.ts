/**
 * Cell accuracy on unseen layouts (issue 9): K variants of every layout-variation class
 * (scripts/layout-variants) from a fixed seed, generated into a temporary folder, each extracted
 * through the public API (`extractFile`; a throw is a rejected document) and scored cell by cell
 * with scripts/score.mjs's own cell walk. Prints a table per class — variants, cells, cells
 * right, %, documents rejected, extra cells — and the overall figure.
 *
 *   npm run bench -- accuracy                 K = 10 per class
 *   npm run bench -- accuracy --count 4       K = 4 (or NIANBAO_ACCURACY_COUNT=4)
 *   NIANBAO_ACCURACY_SEED=7 NIANBAO_ACCURACY_KEEP=1 npm run bench -- accuracy
 *
 * With NIANBAO_ACCURACY_KEEP=1 the folder stays, with `accuracy.json` listing every wrong cell
 * of every variant, so a reader fix can start from the failures.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { extractFile } from '../../extract/index.ts';
import { scoreRecord } from '../../scripts/score.mjs';
import { CLASSES, generate, type VariantClass } from '../../scripts/layout-variants/index.ts';
import type { BenchRow } from './harness.ts';

const DEFAULT_COUNT = 10;
const argCount = (() => {
  const i = process.argv.indexOf('--count');
  return i >= 0 ? process.argv[i + 1] : undefined;
})();
const K = Number(argCount ?? process.env.NIANBAO_ACCURACY_COUNT ?? DEFAULT_COUNT);
const SEED = process.env.NIANBAO_ACCURACY_SEED ?? 'accuracy-1';

interface ClassScore {
  variants: number;
  dropped: number;
  cells: number;
  right: number;
  rejected: number;
  extra: number;
  exact: number;
  generateMs: number;
  extractMs: number;
}

export async function bench(): Promise<BenchRow[]> {
  if (!Number.isInteger(K) || K < 1) throw new Error(`accuracy bench: the count must be a positive integer, not ${argCount ?? process.env.NIANBAO_ACCURACY_COUNT}`);
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-accuracy-'));
  const keep = process.env.NIANBAO_ACCURACY_KEEP === '1';
  try {
    const t0 = performance.now();
    const result = await generate({ seed: SEED, count: K * CLASSES.length, outDir: dir, log: (l) => process.stderr.write(`accuracy: ${l}\n`) });
    const generateMs = performance.now() - t0;
    const scores = new Map<VariantClass, ClassScore>(CLASSES.map((c) => [c, { variants: 0, dropped: 0, cells: 0, right: 0, rejected: 0, extra: 0, exact: 0, generateMs: result.timings[c] ?? 0, extractMs: 0 }]));
    for (const d of result.dropped) scores.get(d.class)!.dropped++;
    const details: { id: string; class: string; rejected?: string; wrong: string[]; extra: string[] }[] = [];
    for (const v of result.variants) {
      const s = scores.get(v.class)!;
      const t = performance.now();
      let actual: unknown = null;
      let rejected: string | undefined;
      try {
        actual = await extractFile(v.file);
      } catch (e) {
        rejected = (e as Error).message;
        s.rejected++;
      }
      s.extractMs += performance.now() - t;
      const score = scoreRecord(v.record, actual);
      s.variants++;
      s.cells += score.total;
      s.right += score.right;
      s.extra += score.extra.length;
      if (score.right === score.total && !score.extra.length) s.exact++;
      if (rejected || score.wrong.length || score.extra.length) details.push({ id: v.id, class: v.class, rejected, wrong: score.wrong, extra: score.extra });
    }
    if (keep) writeFileSync(join(dir, 'accuracy.json'), JSON.stringify(details, null, 2) + '\n');

    const pct = (right: number, cells: number) => (cells ? (100 * right) / cells : 0);
    const all = [...scores.values()].reduce((a, s) => ({ cells: a.cells + s.cells, right: a.right + s.right, variants: a.variants + s.variants, rejected: a.rejected + s.rejected, extra: a.extra + s.extra, exact: a.exact + s.exact, dropped: a.dropped + s.dropped }), { cells: 0, right: 0, variants: 0, rejected: 0, extra: 0, exact: 0, dropped: 0 });
    const table = [
      ['class', 'variants', 'exact', 'cells', 'right', '%', 'rejected', 'extra', 'dropped', 'gen s/doc', 'extract s/doc'],
      ...[...scores].map(([c, s]) => [c, s.variants, s.exact, s.cells, s.right, pct(s.right, s.cells).toFixed(2), s.rejected, s.extra, s.dropped, (s.generateMs / 1000 / Math.max(1, s.variants + s.dropped)).toFixed(1), (s.extractMs / 1000 / Math.max(1, s.variants)).toFixed(2)].map(String)),
      ['overall', all.variants, all.exact, all.cells, all.right, pct(all.right, all.cells).toFixed(2), all.rejected, all.extra, all.dropped, (generateMs / 1000 / Math.max(1, all.variants + all.dropped)).toFixed(1), ''].map(String),
    ];
    const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => [...r[i]!].length)));
    console.log(`\nCell accuracy on layout variants (seed ${SEED}, ${K} per class${keep ? `, kept in ${dir}` : ''}):`);
    for (const [i, r] of table.entries()) {
      console.log(r.map((c, j) => (j === 0 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join('  '));
      if (i === 0 || i === table.length - 2) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
    }
    console.log('');
    return [
      ...[...scores].map(([c, s]) => ({ name: `cells right, ${c}`, value: pct(s.right, s.cells), unit: '%', target: '≥ 99', note: `${s.variants} variants, ${s.right}/${s.cells} cells, ${s.rejected} rejected` })),
      { name: 'cells right, all classes', value: pct(all.right, all.cells), unit: '%', target: '≥ 99.5', note: `${all.variants} variants (seed ${SEED}, ${K} per class), ${all.right}/${all.cells} cells, ${all.rejected} rejected, ${all.dropped} dropped by the validity check` },
      { name: 'variant generation', value: generateMs / 1000, unit: 's', note: `${all.variants + all.dropped} variants through Writer, Chromium, pdftotext, pdf2md` },
    ];
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}
