/**
 * `nianbao explain --html FILE`: one self-contained page showing a report's figures with their
 * provenance. For a PDF, every page that holds a figure is rendered with poppler's `pdftoppm`
 * (embedded as a PNG data URI) and each cell's box is drawn over it, titled with its key and
 * value, so a reader sees the number on the page. Every other format gets the table of figures
 * with table/row/column or line. All text from the document is HTML-escaped.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NianbaoError } from '../errors.ts';
import { whereText, type ExplainedCell, type Explained } from './explain.ts';

/** Rendering resolution: twice PDF points, shown at half size so one CSS pixel is one point. */
const DPI = 144;
const SCALE = DPI / 72;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** One page of the PDF as PNG bytes, with its size in pixels (read from the PNG header). */
function renderPage(pdf: string, page: number, dir: string): { png: Buffer; width: number; height: number } {
  const prefix = join(dir, `p${page}`);
  try {
    execFileSync(process.env.NIANBAO_PDFTOPPM ?? 'pdftoppm', ['-f', String(page), '-l', String(page), '-r', String(DPI), '-png', '-singlefile', pdf, prefix], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 });
  } catch (err) {
    throw new NianbaoError(pdf, `page ${page} could not be rendered with pdftoppm (poppler-utils): ${err instanceof Error ? err.message : String(err)}`);
  }
  const png = readFileSync(`${prefix}.png`);
  return { png, width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const valueText = (c: ExplainedCell) => (c.value !== null ? String(c.value) : (c.text ?? '—'));

/** Writes the page; returns how many PDF page images it holds. */
export async function writeExplainHtml(e: Explained, file: string): Promise<number> {
  const pages = [...new Set(e.cells.filter((c) => c.page !== null && c.box).map((c) => c.page!))].sort((a, b) => a - b);
  const canRender = e.source_format === 'pdf' && e.stored_path !== null && existsSync(e.stored_path);
  const figures: string[] = [];
  if (canRender && pages.length) {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-explain-'));
    try {
      for (const page of pages) {
        const { png, width, height } = renderPage(e.stored_path!, page, dir);
        const boxes = e.cells
          .filter((c) => c.page === page && c.box)
          .map((c) => {
            const [x0, y0, x1, y1] = c.box!;
            return `<a class="cell" href="#${esc(c.key)}" data-key="${esc(c.key)}" title="${esc(`${c.row} · ${c.column} = ${valueText(c)}`)}" style="left:${x0}px;top:${y0}px;width:${Math.max(1, x1 - x0)}px;height:${Math.max(1, y1 - y0)}px"></a>`;
          });
        figures.push(
          `<figure class="page" id="page-${page}" style="width:${width / SCALE}px;height:${height / SCALE}px">` +
            `<img alt="page ${page}" width="${width / SCALE}" height="${height / SCALE}" src="data:image/png;base64,${png.toString('base64')}">` +
            boxes.join('') +
            `<figcaption>page ${page}</figcaption></figure>`,
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const rows = e.cells.map(
    (c) =>
      `<tr id="${esc(c.key)}"><td>${c.table}</td><td>${esc(c.row)}</td><td>${esc(c.column)}</td><td class="n">${esc(valueText(c))}</td>` +
      `<td>${c.page !== null ? `<a href="#page-${c.page}">${esc(whereText(c))}</a>` : esc(whereText(c))}</td><td>${esc(c.source_text ?? '')}</td></tr>`,
  );
  const failed = e.checks.filter((c) => c.ok === false).map((c) => `<li>${esc(c.check_id)}${c.detail ? `: ${esc(c.detail)}` : ''}</li>`);
  const html = `<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>${esc(`${e.agency} ${e.year}`)} — nianbao explain</title>
<style>
body{font-family:sans-serif;margin:1em}
.page{position:relative;margin:1em 0;border:1px solid #999;padding:0}
.page img{position:absolute;left:0;top:0}
.cell{position:absolute;box-sizing:border-box;border:2px solid rgba(220,0,0,.85);background:rgba(255,0,0,.08)}
.cell:hover{background:rgba(255,0,0,.3)}
figcaption{position:absolute;right:4px;top:4px;background:#fff;font-size:12px}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;font-size:13px}.n{text-align:right}
tr:target{background:#ffd}
</style></head><body>
<h1>${esc(`${e.agency} ${e.year}`)}</h1>
<p>report ${e.report_id} · version ${e.version} · template ${esc(e.template ?? 'none')}</p>
<p>source: ${e.source_url ? `<a href="${esc(e.source_url)}">${esc(e.source_url)}</a>` : '(none)'} ${e.source_format ? `(${esc(e.source_format)})` : ''}<br>stored: <code>${esc(e.stored_path ?? '(none)')}</code></p>
${failed.length ? `<h2>Failed checks</h2><ul>${failed.join('')}</ul>` : ''}
${figures.join('\n')}
<h2>Figures</h2>
<table><thead><tr><th>table</th><th>row</th><th>column</th><th>value</th><th>where</th><th>printed</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
</body></html>
`;
  writeFileSync(file, html);
  return figures.length;
}
