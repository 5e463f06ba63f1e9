/**
 * What an attachment's content says (is it a report, for which year, under which title), read
 * once per SHA-256 with extract's readers and kept in `DATA/crawl-state/facts.jsonl`, so a second
 * night does not parse the same PDF again. A reader that is missing or a converter that is not
 * installed is not remembered as a fact about the document: the next run tries again.
 */
import { join } from 'node:path';
import { ConverterError, NianbaoError } from '../../errors.ts';
import type { Document } from '../../extract/document.ts';
import { readDocument } from '../../extract/index.ts';
import { reportEvidence, yearFromBody, type Evidence } from '../confirm.ts';
import { matchTitle } from '../match.ts';
import { KeyedLog } from './keyed-log.ts';

export interface DocumentFacts {
  sha256: string;
  evidence: Evidence;
  /** The reporting year the document's own title or body gives. */
  year: number | null;
  /** The report title printed in the document (its first line naming the report). */
  title: string | null;
  /** Why the document could not be read, when it could not. */
  error?: string;
}

/** The title and body lines worth reading for a title: a report's title is on its first page. */
const TITLE_SCAN_BLOCKS = 40;

/** A document's text: paragraphs and table cells in reading order. */
export function documentText(doc: Document): string {
  return doc.blocks.map((b) => (b.kind === 'paragraph' ? b.text : b.rows.map((r) => r.map((c) => c.text).join(' ')).join('\n'))).join('\n');
}

/** The first line of a document that names the report (its title), or its metadata title. */
function documentTitle(doc: Document): string | null {
  const candidates = [doc.meta.title, ...doc.blocks.slice(0, TITLE_SCAN_BLOCKS).map((b) => (b.kind === 'paragraph' ? b.text : ''))];
  for (const c of candidates) {
    if (c && c.length <= 80 && matchTitle(c)?.kind === 'report') return c.replace(/\s+/g, '');
  }
  return null;
}

export class DocumentFactsCache {
  private readonly log: KeyedLog<DocumentFacts>;

  constructor(stateDir: string) {
    this.log = new KeyedLog(join(stateDir, 'facts.jsonl'), (f) => f.sha256);
  }

  /** The facts of a stored document, read now if not known. `source` names it in errors. */
  async of(sha256: string, bytes: Uint8Array, source: string): Promise<DocumentFacts> {
    const known = this.log.get(sha256);
    if (known) return known;
    let facts: DocumentFacts;
    let remember = true;
    try {
      const doc = await readDocument(bytes, source, new URL(source).pathname);
      const text = documentText(doc);
      const title = documentTitle(doc);
      facts = { sha256, evidence: reportEvidence(text), year: (title ? matchTitle(title)?.year : null) ?? yearFromBody(text), title };
    } catch (err) {
      // A reader that is not there yet, or LibreOffice missing, says nothing about the bytes.
      remember = err instanceof NianbaoError && !(err instanceof ConverterError);
      facts = { sha256, evidence: 'none', year: null, title: null, error: err instanceof Error ? err.message : String(err) };
    }
    if (remember) this.log.set(facts);
    return facts;
  }

  flush(): void {
    this.log.flush();
  }
}
