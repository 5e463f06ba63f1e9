/**
 * Fuzzes extraction with mutations of the corpus (issue 16) and reports, per class of mutation,
 * how many records came out exact / flagged / rejected / silently wrong. The aim is 0 silently
 * wrong: a damaged document may be refused, or read with a failed check or a warning, but never
 * read into wrong numbers that look right.
 *
 *     npx tsx scripts/fuzz.ts [--seed N] [--per-class N] [--class a,b] [--json] [--out DIR]
 *
 * Documents: every document of test/fixtures/corpus/ with a golden record (texts, the web page,
 * PDFs), and the DOCX renderings of the seeds in test/fixtures/docs/generated/ (for the classes
 * that need an archive or Word XML). Each is extracted unmutated first (its baseline, which must
 * match its golden record).
 *
 * Classes (`--per-class` mutations of each document the class applies to; seeded, repeatable):
 * - number-swap: the sentinel map first. Every number standing alone in a table cell (a text cell,
 *   an HTML text node, a Word `<w:t>`) is replaced by a distinct sentinel (7000001, 7000002, …)
 *   and the document is extracted once: a sentinel found at a record path maps that path to its
 *   cell, and the cell's original number must equal the golden value there. A mutation then swaps
 *   the numbers of two mapped cells, or gives one mapped cell a new value; the truth is the golden
 *   record with the same change at the mapped paths.
 * - byte-flip: one to three bytes changed (never into or out of an ASCII digit: changing a digit
 *   changes what the document says, which number-swap covers); the truth is the golden record.
 * - truncation: the file cut at a random point past its first half; the truth is the golden record.
 * - hidden-copy: a copy of the tables with every number doubled, hidden the ways a browser or
 *   Word hides (inline display:none in any case, visibility:hidden, the hidden attribute,
 *   <template>, <noscript>, w:vanish), placed before the real tables; the truth is the golden record.
 * - zip-trick: a second word/document.xml (numbers doubled) after or before the real one, the same
 *   part under another case or with a backslash, a local header naming another part, a central
 *   directory entry pointing at another entry's data; the truth is the golden record.
 *
 * Outcomes, for each mutated document:
 * - exact: extraction succeeded and the record's year, template and every number of tables 2-4
 *   (active_disclosure, applications, review_litigation) equal the truth.
 * - rejected: extraction threw (the document is refused with a reason; nothing is loaded from it).
 * - flagged: not exact, and the record says something is off: a check failed (`ok: false`), or the
 *   record carries a warning the unmutated document's record does not (counts like "(×3)" aside).
 * - silently wrong: not exact, no check failed, and no warning beyond the unmutated document's.
 *   Missing numbers count as wrong: a table that vanished without a word is silently wrong.
 *
 * The table is printed (or JSON with --json); every silently wrong case is listed with what
 * differs, and written to --out DIR (the mutated bytes and the record) when given. The exit status
 * is 1 when any record is silently wrong.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { extractBytes } from '../extract/index.ts';
import { APPLICANT_COLUMNS, REVIEW_FIELDS, REVIEW_GROUPS, type ReportRecord } from '../extract/record.ts';
import { inflateEntry, rawEntry, readZipDirectory } from '../extract/readers/word/zip-directory.ts';
import { writeZip, type ZipPart } from '../extract/readers/word/zip-write.ts';
import { rng } from './layout-variants/random.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const CORPUS = join(root, 'test', 'fixtures', 'corpus');
const GENERATED = join(root, 'test', 'fixtures', 'docs', 'generated');

const CLASSES = ['number-swap', 'byte-flip', 'truncation', 'hidden-copy', 'zip-trick'] as const;
type FuzzClass = (typeof CLASSES)[number];
type Outcome = 'exact' | 'flagged' | 'rejected' | 'silently wrong';
const OUTCOMES: Outcome[] = ['exact', 'flagged', 'rejected', 'silently wrong'];

const { values: args } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    'per-class': { type: 'string', default: '8' },
    class: { type: 'string' },
    json: { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});
const perClass = Math.max(1, Number(args['per-class']));
const wanted = new Set((args.class?.split(',') ?? CLASSES) as FuzzClass[]);

// Seeded, so a run can be repeated.
const seeded = rng(`fuzz:${args.seed}`);
const pick = seeded.pick;
const between = seeded.int;

interface Doc {
  name: string;
  kind: 'txt' | 'html' | 'pdf' | 'docx';
  bytes: Uint8Array;
  golden: ReportRecord;
}

function corpusDocs(): Doc[] {
  const out: Doc[] = [];
  const add = (dir: string, f: string, kind: Doc['kind']) => {
    const stem = f.replace(/\.[^.]+$/, '');
    out.push({ name: f, kind, bytes: new Uint8Array(readFileSync(join(dir, f))), golden: JSON.parse(readFileSync(join(dir, `${stem}.expected.json`), 'utf8')) });
  };
  for (const folder of ['seeds', 'real']) {
    const dir = join(CORPUS, folder);
    for (const f of readdirSync(dir).sort()) {
      const kind = /\.(txt|html|pdf)$/.exec(f)?.[1] as Doc['kind'] | undefined;
      if (kind) add(dir, f, kind);
    }
  }
  for (const f of readdirSync(GENERATED).filter((f) => /^\d+-writer\.docx$/.test(f)).sort()) add(GENERATED, f, 'docx');
  return out;
}

// ---------- the numbers of a record, by path ----------

type Paths = Map<string, number | null>;

/** Every number of tables 2-4 by path (`applications.new_received.total`), nulls included. */
function numbersOf(r: Pick<ReportRecord, 'active_disclosure' | 'applications' | 'review_litigation'>): Paths {
  const out: Paths = new Map();
  for (const [row, fields] of Object.entries(r.active_disclosure ?? {})) {
    for (const [f, v] of Object.entries(fields)) if (f !== 'amount_unit') out.set(`active_disclosure.${row}.${f}`, typeof v === 'number' ? v : null);
  }
  for (const [row, values] of Object.entries(r.applications ?? {})) values.forEach((v, i) => out.set(`applications.${row}.${APPLICANT_COLUMNS[i]}`, v));
  for (const g of REVIEW_GROUPS) for (const f of REVIEW_FIELDS) if (r.review_litigation) out.set(`review_litigation.${g}.${f}`, r.review_litigation[g][f]);
  return out;
}

/** What differs between the truth and a record: year, template, and numbers (missing ones too). */
function differences(truth: { year: number | null; template: string; numbers: Paths }, got: ReportRecord): string[] {
  const out: string[] = [];
  if (got.year !== truth.year) out.push(`year: want ${truth.year} got ${got.year}`);
  if (got.template !== truth.template) out.push(`template: want ${truth.template} got ${got.template}`);
  const have = numbersOf(got);
  for (const [p, want] of truth.numbers) {
    const v = have.get(p);
    if (want === null && (v === null || v === undefined)) continue;
    if (v === undefined || v === null || want === null || Math.abs(v - want) > 1e-6) out.push(`${p}: want ${want} got ${v === undefined ? 'nothing' : v}`);
  }
  for (const [p, v] of have) if (!truth.numbers.has(p) && v !== null) out.push(`${p}: want nothing got ${v}`);
  return out;
}

// ---------- number cells of a document ----------

interface Token {
  start: number;
  end: number;
  value: string;
}

/** Numbers standing alone in a cell: the positions that can be swapped. */
function numberTokens(kind: Doc['kind'], text: string): Token[] {
  const out: Token[] = [];
  const re =
    kind === 'txt'
      ? /(?<=^|[\t|])[ \u3000]*(\d+(?:\.\d+)?)[ \u3000]*(?=$|[\t|])|(?<=^|[^\S\n]{1,8})(\d+(?:\.\d+)?)(?=[^\S\n]+\d|[^\S\n]*$)/gm
      : kind === 'html'
        ? />\s*(\d+(?:\.\d+)?)\s*</g
        : /<w:t(?:\s[^>]*)?>\s*(\d+(?:\.\d+)?)\s*<\/w:t>/g;
  for (const m of text.matchAll(re)) {
    const value = m[1] ?? m[2]!;
    const start = m.index + m[0].indexOf(value);
    // A year in running text ("2021 年") is not a cell.
    if (/^\s*年/.test(text.slice(start + value.length, start + value.length + 3))) continue;
    out.push({ start, end: start + value.length, value });
  }
  return out;
}

function splice(text: string, tokens: Token[], values: Map<number, string>): string {
  let out = '';
  let at = 0;
  tokens.forEach((t, i) => {
    const v = values.get(i);
    if (v === undefined) return;
    out += text.slice(at, t.start) + v;
    at = t.end;
  });
  return out + text.slice(at);
}

/** A DOCX with its document.xml replaced. */
function withDocumentXml(bytes: Uint8Array, xml: string): Uint8Array {
  return writeZip(
    readZipDirectory(bytes).map((e): ZipPart =>
      e.name === 'word/document.xml' ? { name: e.name, data: Buffer.from(xml) } : { name: e.name, raw: rawEntry(bytes, e), method: e.method, crc32: e.crc32, size: e.size },
    ),
  );
}

function documentXml(bytes: Uint8Array): string {
  const e = readZipDirectory(bytes).find((x) => x.name === 'word/document.xml')!;
  return new TextDecoder().decode(inflateEntry(bytes, e));
}

/** The editable text of a document (txt and html as UTF-8, docx its document.xml) and how to put it back. */
function editable(doc: Doc): { text: string; rebuild: (t: string) => Uint8Array } | null {
  if (doc.kind === 'pdf') return null;
  if (doc.kind === 'docx') return { text: documentXml(doc.bytes), rebuild: (t) => withDocumentXml(doc.bytes, t) };
  return { text: new TextDecoder().decode(doc.bytes), rebuild: (t) => new TextEncoder().encode(t) };
}

interface SentinelMap {
  tokens: Token[];
  /** Token index → the record path its number lands at. */
  path: Map<number, string>;
  /** Paths where the sentinel run found a cell whose number is not the golden value (a baseline misreading). */
  conflicts: string[];
}

const SENTINEL_BASE = 7_000_001;

async function sentinelMap(doc: Doc): Promise<SentinelMap | null> {
  const e = editable(doc);
  if (!e) return null;
  const tokens = numberTokens(doc.kind, e.text);
  const values = new Map(tokens.map((_, i) => [i, String(SENTINEL_BASE + i)]));
  let record: ReportRecord;
  try {
    record = await extractBytes(e.rebuild(splice(e.text, tokens, values)), { uri: doc.name });
  } catch {
    return null;
  }
  const golden = numbersOf(doc.golden);
  const path = new Map<number, string>();
  const conflicts: string[] = [];
  for (const [p, v] of numbersOf(record)) {
    const i = v === null ? -1 : v - SENTINEL_BASE;
    if (i < 0 || i >= tokens.length) continue;
    if (Number(tokens[i]!.value) !== golden.get(p)) conflicts.push(`${p}: cell ${tokens[i]!.value}, golden ${golden.get(p)}`);
    else path.set(i, p);
  }
  return { tokens, path, conflicts };
}

// ---------- mutations ----------

interface Mutation {
  cls: FuzzClass;
  what: string;
  bytes: Uint8Array;
  /** Path → the number the mutation makes true there (for number-swap); none: the golden record is the truth. */
  truthChanges?: Map<string, number>;
}

function numberSwaps(doc: Doc, map: SentinelMap): Mutation[] {
  const e = editable(doc)!;
  const mapped = [...map.path.keys()];
  const out: Mutation[] = [];
  for (let n = 0; n < perClass && mapped.length >= 2; n++) {
    const i = pick(mapped);
    const ti = map.tokens[i]!;
    if (n % 2 === 0) {
      const others = mapped.filter((j) => map.tokens[j]!.value !== ti.value);
      if (!others.length) continue;
      const j = pick(others);
      const tj = map.tokens[j]!;
      out.push({
        cls: 'number-swap',
        what: `swap ${map.path.get(i)} (${ti.value}) and ${map.path.get(j)} (${tj.value})`,
        bytes: e.rebuild(splice(e.text, map.tokens, new Map([[i, tj.value], [j, ti.value]]))),
        truthChanges: new Map([[map.path.get(i)!, Number(tj.value)], [map.path.get(j)!, Number(ti.value)]]),
      });
    } else {
      const v = String(Number(ti.value) + between(1, 40));
      out.push({
        cls: 'number-swap',
        what: `set ${map.path.get(i)} from ${ti.value} to ${v}`,
        bytes: e.rebuild(splice(e.text, map.tokens, new Map([[i, v]]))),
        truthChanges: new Map([[map.path.get(i)!, Number(v)]]),
      });
    }
  }
  return out;
}

const isDigit = (b: number) => b >= 0x30 && b <= 0x39;

function byteFlips(doc: Doc): Mutation[] {
  const out: Mutation[] = [];
  for (let n = 0; n < perClass; n++) {
    const bytes = Buffer.from(doc.bytes);
    const flips: string[] = [];
    for (let k = between(1, 3); k > 0; k--) {
      let at = between(0, bytes.length - 1);
      for (let tries = 0; isDigit(bytes[at]!) && tries < 100; tries++) at = between(0, bytes.length - 1);
      if (isDigit(bytes[at]!)) continue;
      let to = bytes[at]!;
      while (to === bytes[at] || isDigit(to)) to = between(0, 255);
      flips.push(`@${at} 0x${bytes[at]!.toString(16)}→0x${to.toString(16)}`);
      bytes[at] = to;
    }
    out.push({ cls: 'byte-flip', what: flips.join(', '), bytes: new Uint8Array(bytes) });
  }
  return out;
}

function truncations(doc: Doc): Mutation[] {
  const out: Mutation[] = [];
  for (let n = 0; n < perClass; n++) {
    const at = between(Math.floor(doc.bytes.length / 2), doc.bytes.length - 1);
    out.push({ cls: 'truncation', what: `cut at ${at} of ${doc.bytes.length}`, bytes: doc.bytes.slice(0, at) });
  }
  return out;
}

const doubled = (s: string) => s.replace(/>([^<]*)</g, (_m, t: string) => `>${t.replace(/\d+/g, (d) => String(Number(d) * 2))}<`);

const HTML_HIDERS: [string, (x: string) => string][] = [
  ['display:none', (x) => `<div style="display:none">${x}</div>`],
  ['DISPLAY: NONE', (x) => `<div style="DISPLAY: NONE">${x}</div>`],
  ['display:none !important', (x) => `<div style="display: none !important">${x}</div>`],
  ['visibility:hidden', (x) => `<div style="visibility:hidden">${x}</div>`],
  ['hidden attribute', (x) => `<section hidden>${x}</section>`],
  ['<template>', (x) => `<template>${x}</template>`],
  ['<noscript>', (x) => `<noscript>${x}</noscript>`],
  ['hidden tables', (x) => x.replace(/<table/gi, '<table style="display:none"')],
];

function hiddenCopies(doc: Doc): Mutation[] {
  if (doc.kind === 'html') {
    const page = new TextDecoder().decode(doc.bytes);
    const tables = [...page.matchAll(/<table[\s\S]*?<\/table>/gi)].map((m) => m[0]).join('\n');
    const at = page.search(/<table/i);
    return HTML_HIDERS.slice(0, perClass).map(([how, wrap]) => ({ cls: 'hidden-copy', what: how, bytes: new TextEncoder().encode(page.slice(0, at) + wrap(doubled(tables)) + page.slice(at)) }));
  }
  if (doc.kind === 'docx') {
    const xml = documentXml(doc.bytes);
    const start = xml.indexOf('<w:body>') + '<w:body>'.length;
    const end = xml.lastIndexOf('<w:sectPr');
    const body = xml.slice(start, end < 0 ? xml.lastIndexOf('</w:body>') : end);
    const hidden = doubled(body).replace(/<w:r(\s[^>]*)?>(<w:rPr>)?/g, (_m, a: string | undefined, p: string | undefined) => (p ? `<w:r${a ?? ''}><w:rPr><w:vanish/>` : `<w:r${a ?? ''}><w:rPr><w:vanish/></w:rPr>`));
    return [{ cls: 'hidden-copy', what: 'w:vanish', bytes: withDocumentXml(doc.bytes, xml.slice(0, start) + hidden + xml.slice(start)) }];
  }
  return [];
}

function zipTricks(doc: Doc): Mutation[] {
  if (doc.kind !== 'docx') return [];
  const bytes = doc.bytes;
  const entries = readZipDirectory(bytes);
  const parts = entries.map((e): ZipPart => ({ name: e.name, raw: rawEntry(bytes, e), method: e.method, crc32: e.crc32, size: e.size }));
  const evil: ZipPart = { name: 'word/document.xml', data: Buffer.from(doubled(documentXml(bytes))) };
  const tricks: [string, () => Uint8Array][] = [
    ['second document.xml after', () => writeZip([...parts, evil])],
    ['second document.xml before', () => writeZip([evil, ...parts])],
    ['same part in other case', () => writeZip([...parts, { ...evil, name: 'WORD/document.xml' }])],
    ['same part with a backslash', () => writeZip([...parts, { ...evil, name: 'word\\document.xml' }])],
    ['local header names another part', () => {
      const b = Buffer.from(writeZip(parts));
      const e = readZipDirectory(b).find((x) => x.name === 'word/document.xml')!;
      b.write('W', e.localHeaderOffset + 30, 'latin1');
      return new Uint8Array(b);
    }],
    ['directory entry pointing at another entry', () => {
      const b = Buffer.from(writeZip([...parts, { name: 'word/extra.xml', data: Buffer.from('<x/>') }]));
      const all = readZipDirectory(b);
      // Point the last directory entry (word/extra.xml) at document.xml's data: two names, one part.
      const doc = all.find((x) => x.name === 'word/document.xml')!;
      const eocd = b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
      let p = b.readUInt32LE(eocd + 16);
      for (let i = 0; i < all.length - 1; i++) p += 46 + b.readUInt16LE(p + 28) + b.readUInt16LE(p + 30) + b.readUInt16LE(p + 32);
      b.writeUInt32LE(doc.localHeaderOffset, p + 42);
      return new Uint8Array(b);
    }],
  ];
  // Not random: every trick once per archive, whatever --per-class says.
  return tricks.map(([what, make]) => ({ cls: 'zip-trick', what, bytes: make() }));
}

// ---------- running ----------

const strip = (w: string) => w.replace(/ \(×\d+\)$/, '');
/** Silently wrong cases written to --out so far (their file names; drawing from the PRNG would change the run). */
let written = 0;

interface Result {
  doc: string;
  cls: FuzzClass;
  what: string;
  outcome: Outcome;
  why: string;
}

async function classify(doc: Doc, baseline: ReportRecord, m: Mutation): Promise<Result> {
  const truthNumbers = numbersOf(doc.golden);
  for (const [p, v] of m.truthChanges ?? []) truthNumbers.set(p, v);
  const truth = { year: doc.golden.year, template: doc.golden.template, numbers: truthNumbers };
  let record: ReportRecord;
  try {
    record = await extractBytes(m.bytes, { uri: doc.name });
  } catch (err) {
    return { doc: doc.name, cls: m.cls, what: m.what, outcome: 'rejected', why: (err as Error).message.slice(0, 200) };
  }
  const diff = differences(truth, record);
  if (!diff.length) return { doc: doc.name, cls: m.cls, what: m.what, outcome: 'exact', why: '' };
  const failed = record.checks.filter((c) => c.ok === false).map((c) => c.id);
  const known = new Set(baseline.warnings.map(strip));
  const fresh = record.warnings.filter((w) => !known.has(strip(w)));
  const why = `${diff.slice(0, 3).join('; ')}${diff.length > 3 ? ` (+${diff.length - 3})` : ''}`;
  if (failed.length || fresh.length) return { doc: doc.name, cls: m.cls, what: m.what, outcome: 'flagged', why: `${why} | ${failed.length ? `failed ${failed.join(', ')}` : `warned: ${fresh[0]}`}` };
  if (args.out) {
    mkdirSync(args.out, { recursive: true });
    const stem = `${basename(doc.name)}.${m.cls}.${++written}`;
    writeFileSync(join(args.out, stem + doc.name.slice(doc.name.lastIndexOf('.'))), m.bytes);
    writeFileSync(join(args.out, `${stem}.record.json`), JSON.stringify({ what: m.what, diff, record }, null, 2));
  }
  return { doc: doc.name, cls: m.cls, what: m.what, outcome: 'silently wrong', why };
}

async function main(): Promise<number> {
  const docs = corpusDocs();
  const results: Result[] = [];
  const notes: string[] = [];
  for (const doc of docs) {
    const baseline = await extractBytes(doc.bytes, { uri: doc.name });
    const base = differences({ year: doc.golden.year, template: doc.golden.template, numbers: numbersOf(doc.golden) }, baseline);
    if (base.length) notes.push(`${doc.name}: the unmutated document differs from its golden record (${base[0]}); its mutations are judged against the golden record anyway`);
    const mutations: Mutation[] = [];
    if (wanted.has('number-swap')) {
      const map = await sentinelMap(doc);
      if (map) {
        if (map.conflicts.length) notes.push(`${doc.name}: sentinel map conflicts: ${map.conflicts.slice(0, 3).join('; ')}`);
        notes.push(`${doc.name}: ${map.path.size} of ${numbersOf(doc.golden).size} numbers mapped to a cell (${map.tokens.length} number cells)`);
        mutations.push(...numberSwaps(doc, map));
      }
    }
    if (wanted.has('byte-flip')) mutations.push(...byteFlips(doc));
    if (wanted.has('truncation')) mutations.push(...truncations(doc));
    if (wanted.has('hidden-copy')) mutations.push(...hiddenCopies(doc));
    if (wanted.has('zip-trick')) mutations.push(...zipTricks(doc));
    for (const m of mutations) {
      results.push(await classify(doc, baseline, m));
      process.stderr.write('.');
    }
  }
  process.stderr.write('\n');
  const table = CLASSES.filter((c) => wanted.has(c)).map((cls) => {
    const of = results.filter((r) => r.cls === cls);
    return { class: cls, mutations: of.length, ...Object.fromEntries(OUTCOMES.map((o) => [o, of.filter((r) => r.outcome === o).length])) } as Record<string, string | number>;
  });
  const total = { class: 'all', mutations: results.length, ...Object.fromEntries(OUTCOMES.map((o) => [o, results.filter((r) => r.outcome === o).length])) } as Record<string, string | number>;
  const silent = results.filter((r) => r.outcome === 'silently wrong');
  if (args.json) {
    console.log(JSON.stringify({ seed: Number(args.seed), perClass, table: [...table, total], silent, notes }, null, 2));
  } else {
    const rows = [['class', 'mutations', ...OUTCOMES], ...[...table, total].map((r) => [String(r.class), String(r.mutations), ...OUTCOMES.map((o) => String(r[o]))])];
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    console.log(`fuzz: seed ${args.seed}, ${perClass} per class and document, ${docs.length} documents`);
    for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
    for (const n of notes) console.log(`note: ${n}`);
    for (const s of silent) console.log(`SILENTLY WRONG ${s.doc} ${s.cls} [${s.what}]: ${s.why}`);
  }
  return silent.length ? 1 : 0;
}

process.exitCode = await main();
