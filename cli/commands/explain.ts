/**
 * `nianbao explain <report id | agency year>`: a report's figures as the template lays them out,
 * each with where it was read (PDF page and box, table/row/column, text line, the printed text),
 * the source URL and the stored document's path. `--json` prints the same as JSON; `--html FILE`
 * writes a page showing the PDF pages with every cell's box drawn (load/explain-html.ts).
 */
import { loadConfig } from '../../config/load.ts';
import { explainReport, explainTarget, explainText } from '../../load/explain.ts';
import { rawStoreDir } from '../../load/paths.ts';
import { openReadOnly } from '../../load/read-only.ts';
import type { CommonOptions } from '../main.ts';

export interface ExplainOptions extends CommonOptions {
  target: string[];
  json?: boolean;
  html?: string;
}

export default async function explain(opts: ExplainOptions): Promise<number> {
  const target = explainTarget(opts.target);
  const config = await loadConfig(opts);
  const db = await openReadOnly(config.paths.dataDir);
  let e;
  try {
    e = await explainReport(db, target, rawStoreDir(config.paths.dataDir));
  } finally {
    db.close();
  }
  if (opts.html) {
    const { writeExplainHtml } = await import('../../load/explain-html.ts');
    const pages = await writeExplainHtml(e, opts.html);
    console.error(`nianbao: wrote ${opts.html} (${pages} page image(s))`);
  }
  console.log(opts.json ? JSON.stringify(e, null, 2) : explainText(e));
  return 0;
}
