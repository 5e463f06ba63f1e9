/**
 * The validity self-check: a variant is ground truth only if its rendering still carries every
 * number of its golden record (tables 2-4), each as often as the record has it, and, for a PDF,
 * has the page size it asked for and — for a table cut across pages — spans the pages asked for.
 * A variant that fails is dropped with its reason: a person could not read those numbers either.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { GoldenRecord } from './records.ts';
import { recordNumbers } from './records.ts';

/** Numbers written in a text: 1,234 and 12.5 and 0; signs ignored (the record's are compared as absolute values). */
export function textNumbers(text: string): number[] {
  return [...text.matchAll(/\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/g)].map((m) => Number(m[0].replace(/,/g, '')));
}

const key = (n: number) => String(Math.round(Math.abs(n) * 1e6) / 1e6);

/**
 * The record's numbers that the text lacks (a multiset difference), e.g. `['235', '0 (×3)']`;
 * `inWords` are numbers the text states in words (未发生…: 0), counted as present.
 */
export function missingNumbers(record: GoldenRecord, text: string, inWords: number[] = []): string[] {
  const have = new Map<string, number>();
  for (const n of [...textNumbers(text), ...inWords]) have.set(key(n), (have.get(key(n)) ?? 0) + 1);
  const want = new Map<string, number>();
  for (const n of recordNumbers(record)) want.set(key(n), (want.get(key(n)) ?? 0) + 1);
  const missing: string[] = [];
  for (const [k, count] of want) {
    const short = count - (have.get(k) ?? 0);
    if (short > 0) missing.push(short > 1 ? `${k} (×${short})` : k);
  }
  return missing;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const decode = (s: string) => s.replace(/&(#x?[0-9a-f]+|\w+);/gi, (m, e: string) => (e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (ENTITIES[e] ?? m)));

/** The text of an HTML page as a reader sees it: every tag a break, so two cells never join. */
export function htmlText(html: string): string {
  return decode(html.replace(/<style[\s\S]*?<\/style>/gi, '').replace(/<[^>]+>/g, '\n'));
}

/** The text of a DOCX's body (word/document.xml), a break after every paragraph; runs of one paragraph join. */
export function docxText(path: string): string {
  const xml = execFileSync('unzip', ['-p', path, 'word/document.xml'], { maxBuffer: 64 << 20 }).toString('utf8');
  return decode(xml.replace(/<\/w:p>/g, '\n').replace(/<w:tab\/>/g, '\t').replace(/<[^>]+>/g, ''));
}

export const readText = (path: string) => readFileSync(path, 'utf8');

/** Text without white space, to find labels that a layout broke over lines. */
export const squash = (s: string) => s.replace(/\s+/g, '');

/**
 * How many pages a table spans in `pdftotext` output (pages split by form feeds): from the page
 * with `startText` to the last page holding `endText` (both compared without white space).
 */
export function pagesSpanned(text: string, startText: string, endText: string): number {
  const pages = text.split('\f').map(squash);
  const start = pages.findIndex((p) => p.includes(squash(startText)));
  let end = -1;
  pages.forEach((p, i) => { if (p.includes(squash(endText))) end = i; });
  return start < 0 || end < start ? 0 : end - start + 1;
}

/** Paper sizes in pt (portrait). */
export const PAPER: Record<'A4' | 'A3' | 'Letter', [number, number]> = { A4: [595.28, 841.89], A3: [841.89, 1190.55], Letter: [612, 792] };

export function sizeMatches(got: { width: number; height: number }, paper: 'A4' | 'A3' | 'Letter', landscape: boolean): boolean {
  const [w, h] = landscape ? [PAPER[paper][1], PAPER[paper][0]] : PAPER[paper];
  return Math.abs(got.width - w) < 3 && Math.abs(got.height - h) < 3;
}
