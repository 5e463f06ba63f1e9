/**
 * `npm run bench`: runs every `test/bench/*.bench.ts` (or those named on the command line, e.g.
 * `npm run bench -- extract`) in this one process and prints one table of medians.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import type { BenchRow } from './harness.ts';

const dir = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

const rows: (BenchRow & { area: string })[] = [];
for (const f of files) {
  const area = f.replace(/\.bench\.ts$/, '');
  process.stderr.write(`bench: ${area}…\n`);
  const mod = (await import(pathToFileURL(join(dir, f)).href)) as { bench: () => Promise<BenchRow[]> };
  for (const row of await mod.bench()) rows.push({ area, ...row });
}

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));
const table = [['area', 'measure', 'value', 'unit', 'aim', 'how'], ...rows.map((r) => [r.area, r.name, fmt(r.value), r.unit, r.target ?? '', r.note ?? ''])];
const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => [...r[i]!].length)));
for (const [i, r] of table.entries()) {
  console.log(r.map((c, j) => c.padEnd(widths[j]!)).join('  ').trimEnd());
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
