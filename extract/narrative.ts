/**
 * Narrative against tables (issue 12): reports state key figures in prose as well
 * (总体情况: 全年共受理政府信息公开申请17件). The statements are read with their unit and tied to one
 * cell of the record; a check `narrative.<key>` compares the two, naming both numbers and both
 * places. A statement that cannot be tied to one cell is not compared:
 *
 * - a subset or another scope: 其中…, 涉及…, 各部门/各乡镇…, 上年/去年/同比 (another year), 累计;
 * - not one number: a range (10-20件, 10至20件), an approximation (约/近/余/多/超过), a percentage;
 * - the same figure stated twice with different numbers.
 *
 * Those are recorded as checks with `ok: null` ("not run") and the reason, so the parsed text is
 * kept without raising an alarm. Only template records are compared: a freeform record's figures
 * come from its prose already.
 */
import type { Document, Paragraph } from './document.ts';
import type { Check, Provenance, ReportRecord } from './record.ts';

interface Statement {
  /** The check's id suffix and what it compares. */
  id: string;
  /** Record cell keys whose sum the statement states. */
  keys: string[];
  /**
   * Other sums the same words are used for: 受理 may count the applications handled this year,
   * new and carried over together (受理749件 = 新收713 + 上年结转36). Agreeing with one is no alarm.
   */
  alternatives?: { keys: string[]; what: string }[];
  pattern: RegExp;
  what: string;
}

/** Up to this many characters between the subject words and the number (no digits, no clause break). */
const GAP = '[^，,。；;：:！？\\d]{0,14}?';
const NUM = '(\\d[\\d,，]*)\\s*';

const STATEMENTS: Statement[] = [
  {
    id: 'new_received',
    keys: ['applications.new_received[6]'],
    alternatives: [{ keys: ['applications.new_received[6]', 'applications.carried_over[6]'], what: 'new and carried over together' }],
    what: 'new applications received',
    pattern: new RegExp(`(?:新?收到|受理|接收|接到|新收)${GAP}(?:政府信息公开|依申请公开|信息公开)申请(?:共|合计|总计)?${GAP}${NUM}(件|个|条|份)`, 'g'),
  },
  {
    id: 'carried_over',
    keys: ['applications.carried_over[6]'],
    what: 'applications carried over from last year',
    pattern: new RegExp(`上年(?:度)?结转${GAP}${NUM}(件)`, 'g'),
  },
  {
    id: 'total_processed',
    keys: ['applications.total_processed[6]'],
    what: 'applications processed',
    pattern: new RegExp(`(?:办结|答复完毕|办理完毕|已答复)${GAP}(?:申请)?${GAP}${NUM}(件)`, 'g'),
  },
  {
    id: 'granted',
    keys: ['applications.granted[6]'],
    what: 'applications granted',
    pattern: new RegExp(`(?:予以公开|同意公开)${NUM}(件)`, 'g'),
  },
  {
    id: 'carried_forward',
    keys: ['applications.carried_forward[6]'],
    what: 'applications carried forward',
    pattern: new RegExp(`(?:结转(?:到|至)?下(?:一)?年(?:度)?|转下一年度)${GAP}${NUM}(件)`, 'g'),
  },
  {
    id: 'normative_documents_issued',
    keys: ['active_disclosure.normative_documents.issued'],
    what: 'normative documents issued',
    pattern: new RegExp(`(?:制发|印发|出台|制定)(?:行政)?规范性文件${GAP}${NUM}(件|个|份)`, 'g'),
  },
  {
    id: 'normative_documents_in_force',
    keys: ['active_disclosure.normative_documents.in_force'],
    what: 'normative documents in force',
    pattern: new RegExp(`现行有效(?:的)?(?:行政)?规范性文件${GAP}${NUM}(件|个|份)`, 'g'),
  },
  {
    id: 'review',
    keys: ['review_litigation.review.total'],
    what: 'administrative reviews',
    pattern: new RegExp(`行政复议(?:案件|申请)?${GAP}${NUM}(件|起|宗)`, 'g'),
  },
  {
    id: 'litigation',
    keys: ['review_litigation.litigation_direct.total', 'review_litigation.litigation_after_review.total'],
    what: 'lawsuits',
    pattern: new RegExp(`行政诉讼(?:案件)?${GAP}${NUM}(件|起|宗)`, 'g'),
  },
];

/** Words in the clause before the number that make the statement a subset or another scope. */
const SCOPE_WORDS = /其中|涉及|各部门|各乡镇|各街道|各单位|上年|去年|上一年|同比|较|累计|以来|分别|人次|占/;
/** Words right before or after the number that make it no single figure. */
const APPROX_BEFORE = /(?:约|近|超过|逾|共计约|大约)\s*$/;
const RANGE_OR_APPROX_AFTER = /^\s*(?:余|多|[-~～—至到]\s*\d|%|％)/;

interface Found {
  statement: Statement;
  value: number;
  sentence: string;
  place: Provenance;
  /** The reader's name for the paragraph (`paragraph 5`), for formats without positions. */
  at?: string;
  /** Why it is not compared; null when it is. */
  ambiguous: string | null;
}

/** The clause a match sits in: back to the previous clause break. */
function clauseBefore(text: string, index: number): string {
  const start = Math.max(...['。', '；', ';', '，', ','].map((c) => text.lastIndexOf(c, index - 1))) + 1;
  return text.slice(start, index);
}

function placeOf(p: Paragraph, sentence: string): Provenance {
  return { text: sentence, ...(p.pos ?? {}) };
}

/** Where a place is, in a few words. */
function placeText(p: Provenance | undefined, fallback: string): string {
  if (!p) return fallback;
  const parts: string[] = [];
  if (p.page !== undefined) parts.push(`page ${p.page}`);
  if (p.box) parts.push(`(${p.box.map((v) => Math.round(v)).join(',')})`);
  if (p.line !== undefined) parts.push(`line ${p.line}`);
  if (p.table !== undefined) parts.push(`table ${p.table} row ${p.row} col ${p.col}`);
  return parts.length ? parts.join(' ') : fallback;
}

/** Every statement of the document's paragraphs. */
export function findStatements(doc: Document): Found[] {
  const out: Found[] = [];
  for (const block of doc.blocks) {
    if (block.kind !== 'paragraph' || block.text.length > 5000) continue;
    const text = block.text;
    for (const st of STATEMENTS) {
      st.pattern.lastIndex = 0;
      for (const m of text.matchAll(st.pattern)) {
        const sentence = m[0];
        const value = Number(m[1]!.replace(/[,，]/g, ''));
        const numberAt = m.index + sentence.indexOf(m[1]!);
        const before = clauseBefore(text, m.index) + text.slice(m.index, numberAt);
        const after = text.slice(numberAt + m[1]!.length);
        let ambiguous: string | null = null;
        const scope = SCOPE_WORDS.exec(before);
        if (scope) ambiguous = `a subset or another scope ('${scope[0]}')`;
        else if (APPROX_BEFORE.test(text.slice(0, numberAt))) ambiguous = 'an approximation';
        else if (RANGE_OR_APPROX_AFTER.test(after.replace(/^\s*(件|个|条|份|起|宗)/, ''))) ambiguous = 'a range, approximation or share';
        else if (RANGE_OR_APPROX_AFTER.test(after)) ambiguous = 'a range, approximation or share';
        out.push({ statement: st, value, sentence: before.trim() + text.slice(numberAt, m.index + sentence.length), place: placeOf(block, sentence), at: block.at, ambiguous });
      }
    }
  }
  return out;
}

/** The record's value for a statement (the sum of its keys), or null when any is missing. */
function tableValue(record: Pick<ReportRecord, 'applications' | 'active_disclosure' | 'review_litigation'>, keys: string[]): number | null {
  let sum = 0;
  for (const key of keys) {
    let v: unknown = null;
    const app = /^applications\.(\w+)\[(\d)\]$/.exec(key);
    if (app) v = record.applications?.[app[1]!]?.[Number(app[2])];
    const ad = /^active_disclosure\.(\w+)\.(\w+)$/.exec(key);
    if (ad) v = record.active_disclosure?.[ad[1]!]?.[ad[2]!];
    const rl = /^review_litigation\.(\w+)\.(\w+)$/.exec(key);
    if (rl) v = (record.review_litigation as Record<string, Record<string, unknown>> | null)?.[rl[1]!]?.[rl[2]!];
    if (typeof v !== 'number') return null;
    sum += v;
  }
  return sum;
}

/**
 * The narrative checks of a template record: one per figure the prose states (the first
 * unambiguous statement of it), `ok` true/false with both numbers and places in the detail, or
 * null with the reason it is not compared.
 */
export function narrativeChecks(doc: Document, record: Pick<ReportRecord, 'template' | 'applications' | 'active_disclosure' | 'review_litigation' | 'provenance'>): Check[] {
  if (record.template === 'freeform') return [];
  const found = findStatements(doc);
  const checks: Check[] = [];
  for (const st of STATEMENTS) {
    const all = found.filter((f) => f.statement === st);
    if (!all.length) continue;
    const id = `narrative.${st.id}`;
    const clear = all.filter((f) => !f.ambiguous);
    const where = (f: Found) => `${placeText(f.place, f.at ?? 'in the text')}: '${f.sentence}'`;
    if (!clear.length) {
      checks.push({ id, ok: null, detail: `not compared: ${where(all[0]!)} is ${all[0]!.ambiguous}` });
      continue;
    }
    const values = new Set(clear.map((f) => f.value));
    if (values.size > 1) {
      checks.push({ id, ok: null, detail: `not compared: the text states ${st.what} as ${[...values].join(' and ')} (${clear.map(where).join('; ')})` });
      continue;
    }
    const f = clear[0]!;
    const table = tableValue(record, st.keys);
    if (table === null) {
      checks.push({ id, ok: null, detail: `not compared: the text says ${f.value} (${where(f)}); the table has no figure for ${st.keys.join(' + ')}` });
      continue;
    }
    const tablePlace = (keys: string[]) => keys.map((k) => `${k} ${placeText(record.provenance?.[k], 'in the table')}`).join(' + ');
    const alternative = table === f.value ? undefined : st.alternatives?.find((a) => tableValue(record, a.keys) === f.value);
    checks.push({
      id,
      ok: table === f.value || alternative !== undefined,
      detail: alternative
        ? `${st.what}: the text says ${f.value} (${where(f)}), the table's ${alternative.what} (${tablePlace(alternative.keys)}); its ${st.what} is ${table}`
        : `${st.what}: the text says ${f.value} (${where(f)}), the table says ${table} (${tablePlace(st.keys)})`,
    });
  }
  return checks;
}
