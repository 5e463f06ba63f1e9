/**
 * The layout-variation generator's command line:
 *
 *   npx tsx scripts/layout-variants/cli.ts --seed 1 --count 300 --out /tmp/variants [--classes writer-pdf,pdf-markdown] [--keep-work]
 *
 * Writes `<id>.<ext>` and `<id>.expected.json` per variant and `manifest.json` (every choice,
 * dropped variants with their reasons, time per class) to the --out folder. Exit status 0, or 2
 * on a bad argument. Score an extraction of the folder with scripts/score.mjs, or run
 * `npm run bench -- accuracy`.
 */
import { parseArgs } from 'node:util';
import { CLASS_INFO, CLASSES, generate, type VariantClass } from './generate.ts';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    count: { type: 'string', default: String(CLASSES.length * 2) },
    out: { type: 'string' },
    classes: { type: 'string' },
    'keep-work': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help || !values.out) {
  console.error('usage: npx tsx scripts/layout-variants/cli.ts --seed N --count N --out DIR [--classes a,b] [--keep-work]\n\nclasses:');
  for (const [c, what] of Object.entries(CLASS_INFO)) console.error(`  ${c.padEnd(18)} ${what}`);
  process.exit(values.help ? 0 : 2);
}
const count = Number(values.count);
if (!Number.isInteger(count) || count < 1) {
  console.error(`--count must be a positive integer, not ${values.count}`);
  process.exit(2);
}
const classes = values.classes ? (values.classes.split(',').map((c) => c.trim()) as VariantClass[]) : undefined;
const bad = (classes ?? []).filter((c) => !CLASSES.includes(c));
if (bad.length) {
  console.error(`unknown class ${bad.join(', ')}; classes: ${CLASSES.join(', ')}`);
  process.exit(2);
}
const t0 = Date.now();
const result = await generate({ seed: values.seed!, count, classes, outDir: values.out, keepWork: values['keep-work'], log: (l) => console.error(l) });
const byClass = new Map<string, { kept: number; dropped: number }>();
for (const v of result.variants) byClass.set(v.class, { kept: (byClass.get(v.class)?.kept ?? 0) + 1, dropped: byClass.get(v.class)?.dropped ?? 0 });
for (const d of result.dropped) byClass.set(d.class, { kept: byClass.get(d.class)?.kept ?? 0, dropped: (byClass.get(d.class)?.dropped ?? 0) + 1 });
for (const [c, n] of byClass) console.log(`${c.padEnd(18)} ${String(n.kept).padStart(4)} variants, ${n.dropped} dropped, ${((result.timings[c] ?? 0) / 1000).toFixed(1)} s`);
for (const d of result.dropped) console.log(`dropped ${d.id}: ${d.reason}`);
console.log(`${result.variants.length} variants in ${values.out} (seed ${result.seed}) in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
