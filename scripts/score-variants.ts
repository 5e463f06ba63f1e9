/**
 * Scores the extractor on a folder the generator wrote (cli.ts --out DIR), per class, without
 * generating again: for reader work, where the same variants are read before and after a change.
 *
 *   npx tsx scripts/score-variants.ts DIR [--classes a,b] [--wrong]
 *
 * Prints variants, exact documents, cells, cells right and % per class and overall (the accuracy
 * bench's figures for the same variants); --wrong lists every wrong cell of every variant.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { extractFile } from '../extract/index.ts';
import { scoreRecord } from './score.mjs';
import { readManifest } from './layout-variants/generate.ts';
import { readFileSync } from 'node:fs';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { classes: { type: 'string' }, wrong: { type: 'boolean', default: false }, ids: { type: 'string' } } });
const dir = positionals[0];
if (!dir) {
  console.error('usage: npx tsx scripts/score-variants.ts DIR [--classes a,b] [--ids x,y] [--wrong]');
  process.exit(2);
}
const manifest = readManifest(dir);
if (!manifest) {
  console.error(`${dir}: no manifest.json`);
  process.exit(2);
}
const only = values.classes?.split(',');
const ids = values.ids?.split(',');
const by = new Map<string, { variants: number; exact: number; cells: number; right: number; rejected: number }>();
for (const v of manifest.variants) {
  if (only && !only.includes(v.class)) continue;
  if (ids && !ids.includes(v.id)) continue;
  const golden = JSON.parse(readFileSync(join(dir, v.golden), 'utf8'));
  let actual: unknown = null;
  let rejected = '';
  try {
    actual = await extractFile(join(dir, v.file));
  } catch (e) {
    rejected = (e as Error).message;
  }
  const s = scoreRecord(golden, actual);
  const c = by.get(v.class) ?? { variants: 0, exact: 0, cells: 0, right: 0, rejected: 0 };
  c.variants++;
  c.cells += s.total;
  c.right += s.right;
  if (rejected) c.rejected++;
  if (s.right === s.total && !s.extra.length) c.exact++;
  by.set(v.class, c);
  if (values.wrong && (rejected || s.wrong.length || s.extra.length)) {
    console.log(`${v.id} (${v.class}, ${v.file}, source ${JSON.stringify(v.source)})${rejected ? ` REJECTED: ${rejected}` : ''}`);
    for (const w of s.wrong) console.log(`  ${w}`);
    for (const x of s.extra) console.log(`  extra ${x}`);
  }
}
const pct = (r: number, t: number) => (t ? ((100 * r) / t).toFixed(2) : '-');
let [cells, right, variants, exact] = [0, 0, 0, 0];
for (const [k, c] of [...by].sort()) {
  console.log(`${k.padEnd(18)} ${String(c.variants).padStart(3)} variants ${String(c.exact).padStart(3)} exact ${String(c.right).padStart(6)}/${String(c.cells).padEnd(6)} ${pct(c.right, c.cells).padStart(6)} %${c.rejected ? `  ${c.rejected} rejected` : ''}`);
  cells += c.cells;
  right += c.right;
  variants += c.variants;
  exact += c.exact;
}
console.log(`${'overall'.padEnd(18)} ${String(variants).padStart(3)} variants ${String(exact).padStart(3)} exact ${String(right).padStart(6)}/${String(cells).padEnd(6)} ${pct(right, cells).padStart(6)} %`);
