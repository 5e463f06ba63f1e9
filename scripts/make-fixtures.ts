/**
 * Regenerates the generated document fixtures in test/fixtures/docs/generated/ from the corpus
 * (test/fixtures/corpus), the way agencies make their attachments:
 *
 * - every report is first drawn as a plain HTML page with real tables: a text report from the
 *   text reader's grids (numbers right-aligned as the mapper reads them, group labels merged down
 *   as rowspans, empty label cells merged into their neighbour as colspans), a web page from its
 *   article as the HTML reader reads it (spans kept);
 * - Chromium prints the page to PDF (`<name>-chromium.pdf`, with its default header and footer:
 *   date, title, URL and page numbers on every page, as browser-printed reports have);
 * - LibreOffice imports the page into Writer and saves DOCX (`<name>-writer.docx`), exports that
 *   DOCX to PDF (`<name>-writer-pdf.pdf`) and to Word 97 (`<name>-word97.doc`). LibreOffice has no
 *   WPS export filter (it imports WPS through libwps only), so `<name>-renamed-doc.wps` is the DOC
 *   under a .wps name, as sites serve them;
 * - three layouts the readers must handle: table 3 broken across two pages with its header
 *   repeated (`page-break-chromium.pdf`), a landscape page (`landscape-chromium.pdf`) and a table
 *   drawn without any ruling lines (`no-rulings-chromium.pdf`);
 * - in bad/, documents that must fail with a clear reason: an encrypted PDF and a scanned one.
 *
 * Each fixture gets `<name>.expected.json`: its source document's golden record with `source`
 * changed. The output is committed; CI never runs this script (it needs Chromium and LibreOffice):
 *   npx tsx scripts/make-fixtures.ts
 * Chromium is /usr/bin/chromium unless NIANBAO_CHROMIUM says otherwise.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Block, Grid } from '../extract/document.ts';
import { isValueCell } from '../extract/mapper/numbers.ts';
import { readHtml } from '../extract/readers/html.ts';
import { textToDocument } from '../extract/readers/text.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const corpus = join(root, 'test', 'fixtures', 'corpus');
const out = join(root, 'test', 'fixtures', 'docs', 'generated');
const chromium = process.env.NIANBAO_CHROMIUM || '/usr/bin/chromium';
const work = mkdtempSync(join(tmpdir(), 'nianbao-fixtures-'));
/** LibreOffice and Chromium each get this long per document. */
const TOOL_TIMEOUT_MS = 120_000;

/**
 * Chromium embeds Noto CJK (an OpenType collection) as Type 3 outlines, ~600 KB a report;
 * WenQuanYi Zen Hei (TrueType) embeds as a CID subset a tenth of that, which keeps the fixtures small.
 */
const FONT_CSS = '*{font-family:"WenQuanYi Zen Hei",sans-serif !important}';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// ---------------------------------------------------------------------------------------------
// Text report → HTML page with real tables

interface HtmlCell {
  text: string;
  rowspan: number;
  colspan: number;
}

/** A top-level row label (一、本年新收…, 四、结转…) spans every label column and ends the groups. */
const TOP_LEVEL = /^[一二三四五六七八九十]、/;

/** A grid whose columns are true (HTML, DOCX) → the same table, spans rebuilt from the spanned copies. */
function positionalGridToTable(g: Grid, rulings: boolean): string {
  const isCopyOf = (r: number, c: number, r0: number, c0: number) => {
    const cell = g.rows[r]?.[c];
    return !!cell?.spanned && cell.originRow === r0 && cell.originCol === c0;
  };
  const body = g.rows
    .map((row, r) => {
      const cells: string[] = [];
      row.forEach((cell, c) => {
        if (cell.spanned) return;
        let colspan = 1;
        while (isCopyOf(r, c + colspan, r, c)) colspan++;
        let rowspan = 1;
        while (isCopyOf(r + rowspan, c, r, c)) rowspan++;
        cells.push(`<td${rowspan > 1 ? ` rowspan="${rowspan}"` : ''}${colspan > 1 ? ` colspan="${colspan}"` : ''}>${esc(cell.text)}</td>`);
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  return `<table${rulings ? ' border="1" style="border-collapse:collapse"' : ' style="border-collapse:collapse;border:none"'}>\n${body}\n</table>`;
}

/** One text grid → an HTML table whose value columns line up (right-aligned, 总计 last). */
function gridToTable(g: Grid, rulings: boolean): string {
  if (g.positional) return positionalGridToTable(g, rulings);
  const rows = g.rows.map((r) => r.map((c) => c.text.trim()));
  while (rows.length && rows[rows.length - 1]!.every((t) => !t)) rows.pop();
  const split = rows.map((r) => {
    const cells = [...r];
    while (cells.length && !cells[cells.length - 1]) cells.pop();
    let v = cells.length;
    while (v > 0 && cells[v - 1] && isValueCell(cells[v - 1]!) && /\d/.test(cells[v - 1]!)) v--;
    return { labels: cells.slice(0, v), values: cells.slice(v) };
  });
  const valueCount = Math.max(0, ...split.map((s) => s.values.length));
  const labelCols = Math.max(0, ...split.filter((s) => s.values.length).map((s) => s.labels.filter((t) => t).length ? s.labels.length : 0));
  const width = labelCols + valueCount;
  // The grid of cells; null where a span from above or the left covers the position.
  const table: (HtmlCell | null)[][] = [];
  /** The open group label (rowspan) of each label column but the last. */
  const groups: (HtmlCell | null)[] = Array(labelCols).fill(null);
  for (const { labels, values } of split) {
    const row: (HtmlCell | null)[] = [];
    if (!values.length) {
      // A heading row: its cells where the text had them, each widened over the empties after it.
      let last: HtmlCell | null = null;
      for (let c = 0; c < width; c++) {
        const text = labels[c] ?? '';
        if (text || !last) row.push((last = { text, rowspan: 1, colspan: 1 }));
        else {
          last.colspan++;
          row.push(null);
        }
      }
      groups.fill(null);
      table.push(row);
      continue;
    }
    const named = labels.map((t, i) => ({ t, i })).filter((x) => x.t);
    const place: (string | undefined)[] = Array(labelCols).fill(undefined);
    const topLevel = named.length === 1 && TOP_LEVEL.test(named[0]!.t);
    if (topLevel) place[0] = named[0]!.t;
    // The leaf label goes to the last label column, group labels stay where the text had them.
    else named.forEach((x, k) => (place[k === named.length - 1 ? labelCols - 1 : Math.min(x.i, labelCols - 2)] = x.t));
    if (topLevel) {
      groups.fill(null);
      row.push({ text: place[0]!, rowspan: 1, colspan: labelCols }, ...Array<null>(labelCols - 1).fill(null));
    } else {
      let pending = 0;
      for (let c = 0; c < labelCols; c++) {
        const text = place[c];
        if (text !== undefined) {
          const cell = { text, rowspan: 1, colspan: pending + 1 };
          row.splice(c - pending, pending, cell, ...Array<null>(pending).fill(null));
          pending = 0;
          if (c < labelCols - 1) {
            groups[c] = cell;
            for (let k = c + 1; k < labelCols; k++) groups[k] = null;
          }
        } else if (groups[c]) {
          groups[c]!.rowspan++;
          row.push(null);
        } else {
          pending++;
          row.push(null);
        }
      }
      if (pending) row.splice(labelCols - pending, pending, { text: '', rowspan: 1, colspan: pending }, ...Array<null>(pending - 1).fill(null));
    }
    // A row with fewer numbers than the table has columns: its first number spans the rest (表二's 本年处理决定数量).
    const gap = valueCount - values.length;
    values.forEach((v, k) => row.push({ text: v, rowspan: 1, colspan: k === 0 ? gap + 1 : 1 }, ...Array<null>(k === 0 ? gap : 0).fill(null)));
    table.push(row);
  }
  const style = rulings ? ' border="1" style="border-collapse:collapse"' : ' style="border-collapse:collapse;border:none"';
  const body = table
    .map((r, i) => {
      const tag = split[i]!.values.length ? 'td' : 'th';
      return `<tr>${r.filter((c): c is HtmlCell => !!c).map((c) => `<${tag}${c.rowspan > 1 ? ` rowspan="${c.rowspan}"` : ''}${c.colspan > 1 ? ` colspan="${c.colspan}"` : ''}>${esc(c.text)}</${tag}>`).join('')}</tr>`;
    })
    .join('\n');
  const headRows = split.findIndex((s) => s.values.length);
  if (headRows > 0) {
    const lines = body.split('\n');
    return `<table${style}>\n<thead>${lines.slice(0, headRows).join('\n')}</thead>\n<tbody>${lines.slice(headRows).join('\n')}</tbody>\n</table>`;
  }
  return `<table${style}>\n${body}\n</table>`;
}

interface PageStyle {
  rulings: boolean;
  landscape?: boolean;
  /** Blank space before table 3, so that it crosses a page break. */
  pushTable3?: string;
}

/** A Document from the text reader → a whole HTML page. */
function documentToHtml(blocks: Block[], title: string, style: PageStyle): string {
  let tables = 0;
  const parts = blocks.map((b) => {
    if (b.kind === 'paragraph') {
      const tag = b.heading ? `h${Math.min(b.heading + 1, 4)}` : 'p';
      return `<${tag}>${esc(b.text.replace(/^#+\s*/, ''))}</${tag}>`;
    }
    tables++;
    const push = style.pushTable3 && tables === 2 ? `<div style="height:${style.pushTable3}"></div>` : '';
    return push + gridToTable(b, style.rulings);
  });
  const css = [
    'body{font-size:12pt;margin:0}',
    FONT_CSS,
    'p{text-indent:2em;margin:0.3em 0}',
    'td,th{font-weight:normal;padding:3px 4px;text-align:center;vertical-align:middle;font-size:10pt}',
    style.rulings ? 'td,th{border:1px solid #000}' : 'td,th{border:none}',
    'tr{page-break-inside:avoid}',
    style.landscape ? '@page{size:A4 landscape;margin:15mm}' : '@page{size:A4;margin:20mm}',
  ].join('\n');
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${esc(title)}</title><style>${css}</style></head>\n<body>\n${parts.join('\n')}\n</body></html>\n`;
}

// ---------------------------------------------------------------------------------------------
// Tools

function printWithChromium(htmlPath: string, pdfPath: string): void {
  execFileSync(
    chromium,
    [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', `--user-data-dir=${join(work, 'chromium-profile')}`,
      `--print-to-pdf=${pdfPath}`, pathToFileURL(htmlPath).href,
    ],
    { stdio: 'ignore', timeout: TOOL_TIMEOUT_MS },
  );
}

/** LibreOffice headless: `input` → `format` (a --convert-to argument) in `outDir`; returns the output path. */
function convertWithLibreOffice(input: string, format: string, ext: string, outDir: string, inFilter?: string): string {
  execFileSync(
    'soffice',
    [
      '--headless', '--norestore', `-env:UserInstallation=${pathToFileURL(join(work, 'lo-profile')).href}`,
      ...(inFilter ? [`--infilter=${inFilter}`] : []), '--convert-to', format, '--outdir', outDir, input,
    ],
    { stdio: 'ignore', timeout: TOOL_TIMEOUT_MS },
  );
  const made = join(outDir, basename(input).replace(/\.[^.]+$/, `.${ext}`));
  if (!existsSync(made)) throw new Error(`LibreOffice did not convert ${input} to ${ext}`);
  return made;
}

/** Writes `<name>.expected.json`: the source's golden record with `source` naming the fixture. */
function writeGolden(golden: Record<string, unknown>, fixture: string): void {
  const format = fixture.split('.').pop()!;
  const record = { ...golden, source: { uri: fixture, format } };
  writeFileSync(join(out, fixture.replace(/\.[^.]+$/, '.expected.json')), JSON.stringify(record, null, 2) + '\n');
}

// ---------------------------------------------------------------------------------------------
// The corpus → fixtures

interface Source {
  stem: string;
  html: (style: PageStyle) => string;
  golden: Record<string, unknown>;
}

/**
 * The corpus reports. A text report is drawn from the text reader's grids; a saved web page from
 * its article as the HTML reader reads it (the saved page also carries site chrome and a
 * collector's "标题：…" block, which an agency's own attachment does not).
 */
async function sources(): Promise<Source[]> {
  const list: Source[] = [];
  for (const folder of ['seeds', 'real']) {
    const dir = join(corpus, folder);
    for (const name of readdirSync(dir)) {
      const m = /^(.*)\.(txt|html)$/.exec(name);
      if (!m || !existsSync(join(dir, `${m[1]}.expected.json`))) continue;
      const golden = JSON.parse(readFileSync(join(dir, `${m[1]}.expected.json`), 'utf8')) as Record<string, unknown>;
      const bytes = readFileSync(join(dir, name));
      const title = String(golden.title ?? '');
      const blocks = m[2] === 'html' ? (await readHtml(new Uint8Array(bytes), name)).blocks : textToDocument(bytes.toString('utf8')).blocks;
      list.push({ stem: m[1]!.replace(/_[0-9a-f]{16}$/, ''), golden, html: (style) => documentToHtml(blocks, title, style) });
    }
  }
  return list;
}

async function main(): Promise<void> {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const list = await sources();
  for (const src of list) {
    // Every fixture's name (without its extension) is unique, so each has its own golden record.
    const htmlPath = join(work, `${src.stem}.html`);
    writeFileSync(htmlPath, src.html({ rulings: true }));
    const save = (from: string, name: string) => {
      copyFileSync(from, join(out, name));
      writeGolden(src.golden, name);
    };
    printWithChromium(htmlPath, join(work, 'chromium.pdf'));
    save(join(work, 'chromium.pdf'), `${src.stem}-chromium.pdf`);
    const docx = convertWithLibreOffice(htmlPath, 'docx:MS Word 2007 XML', 'docx', work, 'HTML (StarWriter)');
    save(docx, `${src.stem}-writer.docx`);
    save(convertWithLibreOffice(docx, 'pdf:writer_pdf_Export', 'pdf', work), `${src.stem}-writer-pdf.pdf`);
    const doc = convertWithLibreOffice(docx, 'doc:MS Word 97', 'doc', work);
    save(doc, `${src.stem}-word97.doc`);
    save(doc, `${src.stem}-renamed-doc.wps`);
    console.log(`${src.stem}: chromium pdf, writer docx, writer pdf, word97 doc, renamed wps`);
  }

  // The special layouts, from seed 000 (tab-separated with merged cells).
  const seed = list.find((s) => s.stem === '000')!;
  const special: [string, PageStyle][] = [
    ['page-break', { rulings: true, pushTable3: '150mm' }],
    ['landscape', { rulings: true, landscape: true }],
    ['no-rulings', { rulings: false }],
  ];
  for (const [name, style] of special) {
    const htmlPath = join(work, `${name}.html`);
    writeFileSync(htmlPath, seed.html(style));
    printWithChromium(htmlPath, join(out, `${name}-chromium.pdf`));
    writeGolden(seed.golden, `${name}-chromium.pdf`);
    console.log(`${name}-chromium.pdf`);
  }

  makeBadFixtures(join(out, 'bad'));
  rmSync(work, { recursive: true, force: true });
}

/**
 * Documents that must fail clearly (no golden records): a password-protected PDF (LibreOffice's
 * PDF export with EncryptFile) and a scan, a PDF of one page that is only a picture (a page of
 * a generated report rendered by pdftoppm, printed by Chromium without its header and footer).
 */
function makeBadFixtures(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const note = join(work, 'note.html');
  writeFileSync(note, '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><p>加密的政府信息公开工作年度报告</p></body></html>');
  const options = JSON.stringify({ EncryptFile: { type: 'boolean', value: 'true' }, DocumentOpenPassword: { type: 'string', value: 'nianbao' } });
  copyFileSync(convertWithLibreOffice(note, `pdf:writer_pdf_Export:${options}`, 'pdf', work, 'HTML (StarWriter)'), join(dir, 'encrypted.pdf'));
  execFileSync('pdftoppm', ['-png', '-r', '40', '-f', '1', '-l', '1', '-singlefile', join(out, '000-chromium.pdf'), join(work, 'scan')], { timeout: TOOL_TIMEOUT_MS });
  const png = readFileSync(join(work, 'scan.png')).toString('base64');
  const scanHtml = join(work, 'scan.html');
  writeFileSync(scanHtml, `<!DOCTYPE html><html><body style="margin:0"><img style="width:100%" src="data:image/png;base64,${png}"></body></html>`);
  execFileSync(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--no-pdf-header-footer', `--user-data-dir=${join(work, 'chromium-profile')}`, `--print-to-pdf=${join(dir, 'scanned.pdf')}`, pathToFileURL(scanHtml).href], { stdio: 'ignore', timeout: TOOL_TIMEOUT_MS });
  console.log('bad/encrypted.pdf bad/scanned.pdf');
}

await main();
