/**
 * Provenance (issue 12): every number of every record of the corpus and of the generated
 * fixtures carries where it was read, and that place holds the number. Checked mechanically for
 * every cell: the provenance text reads as the record's value; for text, the named line of the
 * file holds that text; for PDF, the words poppler (an independent reader) finds inside the box on
 * the named page spell the number; for HTML/DOCX, the named table, row and column of the
 * document read again hold the text.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFile, readDocument } from '../../extract/index.ts';
import { parseCell } from '../../extract/mapper/numbers.ts';
import type { ReportRecord } from '../../extract/record.ts';
import { decodeBytes } from '../../text/decode.ts';
import { cells } from '../../scripts/score.mjs';
import { corpusDir } from '../support/corpus.ts';

const GENERATED = new URL('../fixtures/docs/generated/', import.meta.url).pathname;

const documents = [
  ...['seeds', 'real'].flatMap((f) => readdirSync(corpusDir(f as 'seeds' | 'real')).filter((n) => /\.(txt|html|pdf)$/.test(n)).map((n) => join(corpusDir(f as 'seeds' | 'real'), n))),
  // DOC/WPS are converted to DOCX and read by the DOCX reader: the DOCX files cover that path.
  ...readdirSync(GENERATED).filter((n) => /\.(pdf|docx)$/.test(n)).map((n) => join(GENERATED, n)),
];

/** The number keys of a record with a value (year, template and checks are not printed cells). */
function numberKeys(record: ReportRecord): [string, number][] {
  return [...(cells(record) as Map<string, unknown>)].filter(([k, v]) => typeof v === 'number' && k !== 'year').map(([k, v]) => [k, v as number]);
}

interface Word { page: number; x0: number; y0: number; x1: number; y1: number; text: string }

/** Every word poppler finds in a PDF, with its box in points (top-left origin). */
function popplerWords(path: string): Word[] {
  const html = execFileSync('pdftotext', ['-bbox', path, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const words: Word[] = [];
  let page = 0;
  for (const m of html.matchAll(/<page |<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    if (m[0].startsWith('<page')) page++;
    else words.push({ page, x0: +m[1]!, y0: +m[2]!, x1: +m[3]!, y1: +m[4]!, text: m[5]! });
  }
  return words;
}

const squeeze = (s: string) => s.replace(/[\s\u3000]+/g, '');

describe('provenance of every number points at text that holds it', () => {
  it('finds documents of every format', () => {
    const kinds = new Set(documents.map((d) => d.split('.').pop()));
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['docx', 'html', 'pdf', 'txt']));
  });
  for (const path of documents) {
    it(path.split('/').slice(-2).join('/'), async () => {
      const record = await extractFile(path);
      const keys = numberKeys(record);
      expect(keys.length).toBeGreaterThan(0);
      const prov = record.provenance ?? {};
      const bytes = readFileSync(path);
      const format = record.source.format;
      const lines = format === 'txt' ? decodeBytes(bytes).text.split(/\r\n|\r|\n/) : [];
      const words = format === 'pdf' ? popplerWords(path) : [];
      const doc = format === 'html' || format === 'docx' ? await readDocument(bytes, path) : null;
      const grids = doc ? doc.blocks.filter((b) => b.kind === 'grid') : [];
      const wrong: string[] = [];
      for (const [key, value] of keys) {
        const p = prov[key];
        if (!p) {
          wrong.push(`${key}: no provenance`);
          continue;
        }
        const read = parseCell(p.text);
        const fromSentence = record.template === 'freeform' && p.text.includes(String(value));
        if (!fromSentence && !(read.kind === 'number' && read.value === value)) wrong.push(`${key}: '${p.text}' does not read as ${value}`);
        if (format === 'txt') {
          if (!p.line || !squeeze(lines[p.line - 1] ?? '').includes(squeeze(p.text))) wrong.push(`${key}: line ${p.line} does not hold '${p.text}'`);
        } else if (format === 'pdf') {
          const [x0, y0, x1, y1] = p.box ?? [0, 0, 0, 0];
          const inside = words.filter((w) => w.page === p.page && (w.x0 + w.x1) / 2 >= x0 && (w.x0 + w.x1) / 2 <= x1 && (w.y0 + w.y1) / 2 >= y0 && (w.y0 + w.y1) / 2 <= y1);
          if (!p.box || !squeeze(inside.map((w) => w.text).join('')).includes(squeeze(p.text))) wrong.push(`${key}: page ${p.page} box ${JSON.stringify(p.box)} holds '${inside.map((w) => w.text).join(' ')}', not '${p.text}'`);
        } else {
          const cell = p.table && p.row && p.col ? grids[p.table - 1]?.rows[p.row - 1]?.[p.col - 1] : undefined;
          if (cell?.text !== p.text) wrong.push(`${key}: table ${p.table} row ${p.row} col ${p.col} holds '${cell?.text}', not '${p.text}'`);
        }
      }
      expect(wrong).toEqual([]);
    });
  }
});
