/**
 * Where the tests, the bench and the fixture scripts find the corpus: the real reports and seeds
 * with their hand-checked golden records, kept in the repository (test/fixtures/corpus/README.md
 * says where each came from) so that a clone stands alone.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** `test/fixtures/corpus/`, ending in a slash; its folders are `seeds/` and `real/`. */
export const CORPUS_DIR = fileURLToPath(new URL('../fixtures/corpus/', import.meta.url));
/** One folder of the corpus, ending in a slash. */
export const corpusDir = (folder: 'seeds' | 'real'): string => `${CORPUS_DIR}${folder}/`;

/** The corpus's folders (`seeds`, `real`, …): directories only, never its README. */
export function corpusFolders(): string[] {
  return readdirSync(CORPUS_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
}
