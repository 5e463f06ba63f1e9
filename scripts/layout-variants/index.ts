/**
 * The layout-variation generator's public face (issue 9). `generate` renders variants into a
 * folder; `variantsFor` gives a test the variants of one class, generated once per seed, count
 * and generator source into a cache folder under the system's temporary directory, and reused
 * while none of those change:
 *
 *   import { variantsFor } from '../../scripts/layout-variants/index.ts';
 *   const variants = await variantsFor('writer-pdf-narrow', 'reader-1', 6);
 *   for (const v of variants) {
 *     const record = await extractFile(v.file);      // the document
 *     expect(compareRecord(v.record, record)).toEqual([]);  // v.record: its golden record
 *   }
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPUS_DIR } from '../../test/support/corpus.ts';
import { generate, planVariant, readManifest, type Variant, type VariantClass } from './generate.ts';

export { CLASS_INFO, CLASSES, generate, planVariant, planVariants, planHtml, readManifest } from './generate.ts';
export type { Dropped, GenerateOptions, GenerateResult, Variant, VariantClass, VariantPlan } from './generate.ts';
export { templateChecks, corpusRecords, generatedSource, recordNumbers } from './records.ts';
export type { GoldenRecord } from './records.ts';
export { freeformReport } from './freeform.ts';
export { missingNumbers } from './validity.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const recordGenerator = fileURLToPath(new URL('../../sample-web/record-generator.ts', import.meta.url));

/** A hash of everything a variant depends on: this folder's code, the record generator, the corpus's golden records. */
function sourceHash(): string {
  const h = createHash('sha256');
  for (const f of readdirSync(here).filter((f) => f.endsWith('.ts')).sort()) h.update(f).update(readFileSync(join(here, f)));
  h.update(readFileSync(recordGenerator));
  for (const d of readdirSync(CORPUS_DIR, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const f of readdirSync(join(CORPUS_DIR, d.name)).filter((f) => f.endsWith('.expected.json')).sort()) h.update(f).update(readFileSync(join(CORPUS_DIR, d.name, f)));
  }
  return h.digest('hex').slice(0, 12);
}

/** Where `variantsFor` keeps its folders (NIANBAO_VARIANTS_CACHE overrides). */
export const variantsCacheDir = () => process.env.NIANBAO_VARIANTS_CACHE || join(tmpdir(), 'nianbao-layout-variants');

/**
 * The first `n` variants of class `cls` for `seed` (the same ones `generate` makes for that class
 * with any other classes), minus those the validity self-check dropped. Generated on first use;
 * later calls, in this process or another, read the cached folder.
 */
export async function variantsFor(cls: VariantClass, seed: number | string, n: number): Promise<Variant[]> {
  const dir = join(variantsCacheDir(), `${cls}-${seed}-${n}-${sourceHash()}`);
  if (!readManifest(dir)) {
    const building = `${dir}.${process.pid}.tmp`;
    rmSync(building, { recursive: true, force: true });
    mkdirSync(building, { recursive: true });
    await generate({ seed, count: n, classes: [cls], outDir: building });
    rmSync(dir, { recursive: true, force: true });
    try {
      renameSync(building, dir);
    } catch {
      // Another process finished the same folder first; its copy is as good.
      rmSync(building, { recursive: true, force: true });
    }
  }
  const manifest = readManifest(dir)!;
  return manifest.variants.map((m) => {
    const plan = planVariant(seed, cls, m.index);
    const file = join(dir, m.file);
    const golden = join(dir, m.golden);
    if (!existsSync(file) || !existsSync(golden)) throw new Error(`layout variants: ${file} is missing from the cache; delete ${dir}`);
    return { ...plan, file, golden, record: JSON.parse(readFileSync(golden, 'utf8')), pages: m.pages, tablePages: m.tablePages };
  });
}
