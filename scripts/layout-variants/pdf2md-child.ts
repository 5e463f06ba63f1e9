/**
 * PDF → Markdown with @opendocsg/pdf2md (the converter behind the pdf-to-markdown web tool,
 * ~110,000 npm downloads a month), run as a child of the generator:
 *
 *   node --import tsx scripts/layout-variants/pdf2md-child.ts JOBS.json
 *
 * JOBS.json is a list of [pdf, md] pairs; each PDF's Markdown is written to its md path, and
 * the errors, by PDF, to JOBS.json.out. pdf2md reads PDFs through unpdf, whose bundled pdf.js
 * wants Node 22; it is pointed at the project's own pdfjs-dist (legacy build, Node 20), which
 * unpdf opens with `isEvalSupported: false`. Offline: nothing is fetched.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// pdf2md is CommonJS and requires unpdf's CommonJS build: define pdf.js on that same instance.
const require = createRequire(import.meta.url);
const pdf2md = require('@opendocsg/pdf2md') as (pdf: Uint8Array) => Promise<string>;
const { definePDFJSModule } = require('unpdf') as typeof import('unpdf');

const jobs = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as [string, string][];
await definePDFJSModule(() => import('pdfjs-dist/legacy/build/pdf.mjs'));
const errors: Record<string, string> = {};
for (const [pdf, md] of jobs) {
  try {
    const markdown = await pdf2md(new Uint8Array(readFileSync(pdf)));
    writeFileSync(md, markdown);
  } catch (e) {
    errors[pdf] = `pdf2md could not convert ${pdf}: ${(e as Error).message}`;
  }
}
writeFileSync(`${process.argv[2]}.out`, JSON.stringify(errors));
