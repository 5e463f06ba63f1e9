#!/usr/bin/env node
// Scores extracted records against golden records (shape: docs/RECORD.md).
//
//   node score.mjs GOLDEN_DIR ACTUAL_DIR [--min PERCENT] [--quiet]
//
// GOLDEN_DIR holds NAME.expected.json or NAME.json files; ACTUAL_DIR holds the extractor's
// NAME.json for the same document NAME (the golden file's name without .expected/.json,
// which is the document's file name without its extension). Every number of
// active_disclosure, applications and review_litigation is one cell; year, template and the
// ok of each check are cells too. A cell the golden record has and the actual lacks is wrong;
// a row the actual invents is counted apart as "extra". The last line is the figure.
// Exit status: 0, or 1 where --min is given and the cell accuracy falls below it.
//
// Imported (the accuracy bench, test/bench/accuracy.bench.ts), it gives the same cell walk:
// `scoreRecord(golden, actual)` scores one record; nothing runs on import.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, basename } from 'node:path';
import { pathToFileURL } from 'node:url';

const docName = (file) => basename(file).replace(/\.expected\.json$/, '').replace(/\.json$/, '').replace(/\.[a-z0-9]+$/i, '');

export function cells(record) {
  const out = new Map();
  if (!record || typeof record !== 'object') return out;
  out.set('year', record.year ?? null);
  out.set('template', record.template ?? null);
  for (const [k, v] of Object.entries(record.active_disclosure ?? {})) {
    for (const [f, n] of Object.entries(v ?? {})) out.set(`active_disclosure.${k}.${f}`, n);
  }
  for (const [row, values] of Object.entries(record.applications ?? {})) {
    if (!Array.isArray(values)) continue;
    values.forEach((n, i) => out.set(`applications.${row}[${i}]`, n));
  }
  for (const [g, v] of Object.entries(record.review_litigation ?? {})) {
    for (const [f, n] of Object.entries(v ?? {})) out.set(`review_litigation.${g}.${f}`, n);
  }
  for (const c of record.checks ?? []) out.set(`check.${c.id}`, c.ok);
  return out;
}

export const same = (a, b) => (typeof a === 'number' && typeof b === 'number') ? Math.abs(a - b) < 1e-6 : a === b;

/**
 * One record against its golden record: `{ right, total, wrong, extra }` where `wrong` lists
 * the cells that differ ("key: want X got Y") and `extra` the cells the actual invents.
 * `actual` null (no record) gets every cell wrong.
 */
export function scoreRecord(golden, actual) {
  const want = cells(golden);
  const haveRecord = actual !== null && actual !== undefined;
  const got = haveRecord ? cells(actual) : new Map();
  let ok = 0; const wrong = [];
  for (const [k, v] of want) {
    // A cell the report does not print is null; leaving it out of the record says the same.
    if ((got.has(k) && same(got.get(k), v)) || (haveRecord && v === null && !got.has(k))) ok++;
    else wrong.push(`${k}: want ${JSON.stringify(v)} got ${got.has(k) ? JSON.stringify(got.get(k)) : 'nothing'}`);
  }
  const extra = [...got.keys()].filter((k) => !want.has(k) && !k.startsWith('check.'));
  return { right: ok, total: want.size, wrong, extra };
}

function main() {
const args = process.argv.slice(2);
const flag = (name) => { const i = args.indexOf(name); if (i < 0) return undefined; const v = args[i + 1]; args.splice(i, 2); return v; };
const min = flag('--min');
const quiet = args.includes('--quiet') && args.splice(args.indexOf('--quiet'), 1);
const [goldenDir, actualDir] = args;
if (!goldenDir || !actualDir) {
  console.error('usage: node score.mjs GOLDEN_DIR ACTUAL_DIR [--min PERCENT] [--quiet]');
  process.exit(2);
}

let right = 0, total = 0, extra = 0, exactDocs = 0, docs = 0, missingDocs = 0;
const goldenFiles = readdirSync(goldenDir).filter((f) => f.endsWith('.json')).sort();
for (const gf of goldenFiles) {
  const name = docName(gf);
  const golden = JSON.parse(readFileSync(join(goldenDir, gf), 'utf8'));
  const actualPath = join(actualDir, `${name}.json`);
  let actual = null;
  let note = '';
  if (existsSync(actualPath)) {
    try { actual = JSON.parse(readFileSync(actualPath, 'utf8')); } catch (e) { note = ` (unreadable: ${e.message})`; }
  } else { note = ' (no record)'; missingDocs++; }
  const s = scoreRecord(golden, actual);
  docs++; right += s.right; total += s.total; extra += s.extra.length;
  if (s.right === s.total && s.extra.length === 0) exactDocs++;
  if (!quiet) {
    console.log(`${name}: ${s.right}/${s.total} cells${s.extra.length ? `, ${s.extra.length} extra` : ''}${note}`);
    for (const w of s.wrong.slice(0, 8)) console.log(`    ${w}`);
    if (s.wrong.length > 8) console.log(`    … ${s.wrong.length - 8} more`);
  }
}
const pct = total ? (100 * right) / total : 0;
console.log(`documents: ${docs}, exact: ${exactDocs}, without a record: ${missingDocs}, extra cells: ${extra}`);
console.log(`cell accuracy: ${right}/${total} = ${pct.toFixed(2)}%`);
if (min !== undefined && pct < Number(min)) process.exit(1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
