/**
 * Builds the generated attachment documents of the sample web (generated-docs.ts): for each,
 * a record from its seed, the report rendered as HTML, printed to PDF by Chromium or converted
 * to DOCX/DOC by LibreOffice, and the record written beside it as `<name>.expected.json`.
 *
 *   npx tsx sample-web/build-assets.ts [name…]
 *
 * Run by hand when the list changes; the outputs are committed, so the server needs neither
 * Chromium nor LibreOffice. Chromium is `/usr/bin/chromium` unless NIANBAO_CHROMIUM says otherwise.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GENERATED_DIR, GENERATED_DOCS, generatedGoldenPath, generatedPath, type GeneratedDoc } from './generated-docs.ts';
import { generateRecord } from './record-generator.ts';
import { renderReportDocument } from './render-report.ts';

const CHROMIUM = process.env.NIANBAO_CHROMIUM ?? '/usr/bin/chromium';
/** LibreOffice filter names for each target format. */
const SOFFICE_FILTER = { docx: 'docx:MS Word 2007 XML', doc: 'doc:MS Word 97' } as const;

function build(doc: GeneratedDoc, work: string): void {
  const record = generateRecord(`generated:${doc.name}`, {
    agency: doc.agency, year: doc.year, title: doc.title, uri: `${doc.name}.${doc.format}`, format: doc.format, size: doc.size,
  });
  const html = join(work, `${doc.name}.html`);
  writeFileSync(html, renderReportDocument(record));
  if (doc.format === 'pdf') {
    execFileSync(CHROMIUM, ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--print-to-pdf=${generatedPath(doc.name)}`, `file://${html}`], { stdio: 'ignore', timeout: 60_000 });
  } else {
    execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${work}/lo-profile`, '--convert-to', SOFFICE_FILTER[doc.format], '--outdir', work, html], { stdio: 'ignore', timeout: 120_000 });
    renameSync(join(work, `${doc.name}.${doc.format}`), generatedPath(doc.name));
  }
  writeFileSync(generatedGoldenPath(doc.name), `${JSON.stringify(record, null, 2)}\n`);
  console.log(`${doc.name}.${doc.format}: ${record.agency} ${record.year}`);
}

const only = process.argv.slice(2);
mkdirSync(GENERATED_DIR, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'nianbao-assets-'));
try {
  for (const doc of GENERATED_DOCS) if (only.length === 0 || only.includes(doc.name)) build(doc, work);
} finally {
  rmSync(work, { recursive: true, force: true });
}
