/**
 * A wrong number must not pass silently. Golden tables are damaged the ways real exports damage
 * them (a cell dropped, a row shifted, two numbers merged into one cell, a number split over two
 * cells); every damaged record must either still come out right for the damaged row, or carry a
 * failed check, or a warning naming the row.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isValueCell, parseCell } from '../../extract/mapper/numbers.ts';
import { documentToRecord } from '../../extract/mapper/index.ts';
import { textToDocument } from '../../extract/readers/text.ts';
import type { ReportRecord } from '../../extract/record.ts';
import { CORPUS_DIR } from '../support/corpus.ts';

const corpus = CORPUS_DIR;
/** Text documents whose tables are tab-separated or Markdown pipe tables (cells split by one separator). */
const documents = ['seeds', 'real'].flatMap((dir) =>
  readdirSync(corpus + dir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => `${dir}/${f}`),
);

type Damage = (cells: string[]) => string[] | null;
const numberIdx = (cells: string[]) => cells.map((c, i) => (parseCell(c).kind === 'number' ? i : -1)).filter((i) => i >= 0);

const DAMAGES: Record<string, Damage> = {
  'drop a cell': (cells) => {
    const i = numberIdx(cells)[1];
    return i === undefined ? null : cells.filter((_, j) => j !== i);
  },
  'shift the row right': (cells) => ['', ...cells],
  'shift the row left': (cells) => (cells[0] === '' ? cells.slice(1) : null),
  'merge two numbers into one cell': (cells) => {
    const [a, b] = numberIdx(cells);
    return a === undefined || b === undefined ? null : [...cells.slice(0, a), cells[a]! + cells[b]!, ...cells.slice(b + 1)];
  },
  'split a number over two cells': (cells) => {
    const i = numberIdx(cells).find((j) => cells[j]!.length >= 2);
    if (i === undefined) return null;
    return [...cells.slice(0, i), cells[i]!.slice(0, 1), cells[i]!.slice(1), ...cells.slice(i + 1)];
  },
};

const extract = (text: string) => documentToRecord(textToDocument(text), { uri: 'damaged.txt', format: 'txt' });

/** The row keys whose values differ between two records, over tables 3 and 4. */
function changed(golden: ReportRecord, got: ReportRecord): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(golden.applications ?? {})) if (JSON.stringify(got.applications?.[k]) !== JSON.stringify(v)) out.push(k);
  for (const [k, v] of Object.entries(golden.review_litigation ?? {})) if (JSON.stringify(got.review_litigation?.[k as 'review']) !== JSON.stringify(v)) out.push(k);
  return out;
}

const sepOf = (line: string) => (line.includes('\t') ? '\t' : '|');
const numbersIn = (line: string) => line.split(sepOf(line)).filter((c) => c.trim() && isValueCell(c) && /\d/.test(c)).length;
let splitsTried = 0;

describe('damaged tables never pass silently', () => {
  it('has text documents to damage', () => expect(documents.length).toBeGreaterThanOrEqual(5));
  for (const doc of documents) {
    const text = readFileSync(corpus + doc, 'utf8');
    const golden = JSON.parse(readFileSync(corpus + doc.replace(/\.txt$/, '.expected.json'), 'utf8')) as ReportRecord;
    const lines = text.split('\n');
    // Rows of separated cells with numbers: table 3's rows (seven numbers), table 4's (five or fifteen).
    const targets = lines.map((l, i) => (numbersIn(l) >= 5 ? i : -1)).filter((i) => i >= 0);
    if (!targets.length) continue;
    for (const [name, damage] of Object.entries(DAMAGES)) {
      it(`${doc}: ${name}, in each of ${targets.length} rows`, () => {
        let tried = 0;
        for (const i of targets) {
          const sep = sepOf(lines[i]!);
          const cells = damage(lines[i]!.split(sep).map((c) => (sep === '|' ? c.trim() : c)));
          if (!cells) continue;
          tried++;
          if (name.startsWith('split')) splitsTried++;
          const damaged = [...lines.slice(0, i), cells.join(sep === '|' ? ' | ' : sep), ...lines.slice(i + 1)].join('\n');
          const got = extract(damaged);
          const wrong = changed(golden, got);
          if (!wrong.length) continue;
          const failed = got.checks.some((c) => c.ok === false);
          const warned = wrong.every((k) => got.warnings.some((w) => w.includes(k)));
          expect(failed || warned, `line ${i + 1} '${lines[i]!.slice(0, 30)}…' damaged (${name}) changed ${wrong.join(', ')} without a failed check or a warning`).toBe(true);
        }
        if (!name.startsWith('split')) expect(tried).toBeGreaterThan(0);
      });
    }
  }
  it('split at least one multi-digit number somewhere', () => expect(splitsTried).toBeGreaterThan(0));
});
