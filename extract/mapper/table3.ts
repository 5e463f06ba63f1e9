/**
 * Table 3 (收到和处理政府信息公开申请情况): rows matched to canonical keys by their labels, with
 * the group context (（三）不予公开 …) carried from group cells, rowspan copies and headings; the
 * seven applicant columns read by header position where a grid keeps its columns, and aligned
 * to the right (总计 is the last column) where a text row lost its leading cells.
 */
import { APPLICANT_COLUMNS, type ApplicantColumn, type ApplicantRow, type Provenance } from '../record.ts';
import {
  APPLICANT_HEADERS,
  TABLE3_GROUPS,
  TABLE3_ROWS,
  bigramSimilarity,
  normLabel,
  splitLabel,
  type LabelSegment,
  type Table3Group,
} from './labels.ts';
import { cellNote, isNumberLike, parseCell } from './numbers.ts';
import { pairInOrder } from './reading-choice.ts';
import { cellProvenance, hasNumber, labelCells, lastLabelIndex, valueCells, type Item, type Row, type RowCell } from './rows.ts';

/** Below this bigram similarity a label is not matched at all. */
const LOOSE_MATCH_MIN_SIMILARITY = 0.55;
const WIDTH = APPLICANT_COLUMNS.length;
/** A row with this many label cells and no numbers is a row of column headings. */
const MIN_HEADING_CELLS = 3;

export interface Table3Result {
  applications: Record<string, ApplicantRow> | null;
  warnings: string[];
  /** （六） was printed with its three sub-rows (a 2021-template marker). */
  otherSubRows: boolean;
  /** Where each number was read, keyed `applications.<row>[<column index>]`. */
  provenance: Record<string, Provenance>;
  /** How many times a reading was kept among several (by the checks, or the most literal): the record's confidence. */
  choices: number;
}

interface LeafMatch {
  key: string;
  loose?: string;
}

const GROUP_CORES = new Map<string, Table3Group>(TABLE3_GROUPS.flatMap((g) => g.cores.map((c) => [c, g.group] as const)));

/** The group a segment opens, if it is a group heading. "其他" is a group only as （六）其他. */
function segmentGroup(seg: LabelSegment): Table3Group | null {
  const g = GROUP_CORES.get(seg.core);
  if (!g) return null;
  if (seg.core === '其他' && seg.level !== 'group') return null;
  return g;
}

/** Matches a label segment to a table-3 row key, within the current group where that matters. */
export function matchTable3Leaf(seg: LabelSegment, group: Table3Group | null): LeafMatch | null {
  const core = seg.core;
  if (!core && seg.level === 'sub' && group && group !== 'results') return ordinalMatch(seg, group);
  if (!core) return null;
  const candidates = TABLE3_ROWS.filter((r) =>
    r.exact ? r.signatures.includes(core) : r.signatures.some((sig) => core.includes(sig)),
  );
  // 其他 alone is other_other only inside （六）; 其他处理 alone is the one-row `other`.
  const usable = candidates.filter((r) => r.key !== 'other_other' || group === 'other');
  if (usable.length) {
    const inGroup = usable.filter((r) => r.group && r.group === group);
    const pool = inGroup.length ? inGroup : usable;
    const best = pool.reduce((a, b) => (longestSig(b, core) > longestSig(a, core) ? b : a));
    return { key: best.key };
  }
  let best: { key: string; sim: number } | null = null;
  for (const r of TABLE3_ROWS) {
    if (r.exact) continue;
    if (group && group !== 'results' && seg.level === 'sub' && r.group !== group) continue;
    const want = splitLabel(r.label).at(-1)!.core;
    const sim = bigramSimilarity(core, want);
    if (!best || sim > best.sim) best = { key: r.key, sim };
  }
  if (best && best.sim >= LOOSE_MATCH_MIN_SIMILARITY) return { key: best.key, loose: `similar to ${TABLE3_ROWS.find((r) => r.key === best.key)!.label}` };
  if (seg.level === 'sub' && group && group !== 'results') return ordinalMatch(seg, group);
  return null;
}

function longestSig(r: (typeof TABLE3_ROWS)[number], core: string): number {
  return Math.max(...r.signatures.filter((s) => core.includes(s)).map((s) => s.length), 0);
}

function ordinalMatch(seg: LabelSegment, group: Table3Group): LeafMatch | null {
  const r = TABLE3_ROWS.find((x) => x.group === group && x.n === seg.n);
  return r ? { key: r.key, loose: `by its number ${seg.n}. under the group` } : null;
}

/** Group words that may run straight into their sub-row's label when a cell holds both without numbering. */
const GROUP_PREFIXES = TABLE3_GROUPS.filter((g) => g.group !== 'results').flatMap((g) => g.cores.filter((c) => c.length > 2).map((core) => ({ core, group: g.group })));

/**
 * A label cell's segments: split at its ordinals, and after a group word that runs into the
 * sub-row's label without one ("不予公开 属于国家秘密", "其他处理 其他").
 */
function labelSegments(text: string): LabelSegment[] {
  return splitLabel(text).flatMap((seg) => {
    const p = GROUP_PREFIXES.find((x) => seg.core.startsWith(x.core) && seg.core.length > x.core.length);
    if (!p) return [seg];
    const rest = seg.core.slice(p.core.length);
    return [{ ...seg, core: p.core, printed: p.core }, { core: rest, printed: rest }];
  });
}

/** Matches a label that was printed over two rows, joined again. */
function matchWrapped(text: string, group: Table3Group | null): LeafMatch | null {
  let found: LeafMatch | null = null;
  for (const seg of splitLabel(text)) found = segmentGroup(seg) ? found : (matchTable3Leaf(seg, group) ?? found);
  return found;
}

/** Column positions of the applicant columns, from a grid's header rows. */
function headerColumns(row: Row, into: Map<ApplicantColumn, number>): void {
  for (const c of row.cells) {
    if (c.colCopy || !c.text) continue;
    const t = normLabel(c.text);
    for (const h of APPLICANT_HEADERS) {
      const hit = h.exact ? h.signatures.includes(t) : h.signatures.some((s) => t.includes(s));
      if (hit && !into.has(h.column)) into.set(h.column, c.col);
    }
  }
}

interface ReadValues {
  values: ApplicantRow;
  /** The printed text each value was read from ('' where none). */
  texts: string[];
  /** The cell each value was read from (undefined where none). */
  cells: (RowCell | undefined)[];
  note?: string;
}

const toNumber = (text: string): number | null => {
  const v = parseCell(text);
  return v.kind === 'number' ? v.value : null;
};

/** Reads the seven numbers of a row. */
function readRow(row: Row, columns: Map<ApplicantColumn, number> | undefined): ReadValues {
  const cells = valueCells(row);
  const present = cells.filter((c) => parseCell(c.text).kind === 'number').length;
  if (row.grid.positional && columns && columns.size === WIDTH) {
    const byCol = new Map(row.cells.map((c) => [c.col, c] as const));
    const picked = APPLICANT_COLUMNS.map((col) => byCol.get(columns.get(col)!));
    const values = picked.map((c) => (c && !c.colCopy ? toNumber(c.text) : null));
    const got = values.filter((v) => v !== null).length;
    if (got === present && picked.every((c) => !c || c.col > lastLabelIndex(row) || c.text === '')) {
      return { values, texts: picked.map((c) => (c && !c.colCopy ? c.text : '')), cells: picked.map((c) => (c && !c.colCopy ? c : undefined)) };
    }
    // The header does not fit this row (a shifted or merged row): fall back to alignment.
  }
  return alignRight(cells, row.grid.positional);
}

/** Text rows lose leading cells but keep 总计 last: take the value cells and align them right. */
function alignRight(cells: RowCell[], positional: boolean): ReadValues {
  let from: (RowCell | undefined)[] = [...cells];
  // Junk ('x' where 总计 should be) holds a value's place: only blanks are layout.
  const isBlank = (c: RowCell | undefined) => !c || !isNumberLike(c.text);
  // A blank printed as a mark ('/', '—') holds its cell's place as a number does (geometry
  // first: 总计 printed '/' is still the last column); only empty trailing cells are layout.
  const isMark = (c: RowCell | undefined) => !!c && c.text.trim() !== '' && parseCell(c.text).kind === 'blank';
  if (!positional) while (from.length && isBlank(from[from.length - 1]) && !isMark(from[from.length - 1])) from.pop();
  if (from.length > WIDTH) while (from.length > WIDTH && isBlank(from[0])) from.shift();
  if (from.length > WIDTH) while (from.length > WIDTH && isBlank(from[from.length - 1])) from.pop();
  let note: string | undefined;
  if (from.length > WIDTH) {
    note = `${from.length} values, the last ${WIDTH} taken`;
    from = from.slice(-WIDTH);
  } else if (from.length < WIDTH) {
    note = `only ${from.length} value(s), aligned right (总计 last)`;
    from = [...Array<undefined>(WIDTH - from.length).fill(undefined), ...from];
  }
  const vals = from.map((c) => c?.text ?? '');
  const values = vals.map(toNumber);
  return { values, texts: vals, cells: from, note };
}

interface RowEnd {
  key: string;
  /** Grid and the leaf label's ordinal level: rows of one level share a layout (一、 / （一） / 1.). */
  layout: string;
  /** Column of the row's last number (its 总计). */
  end: number;
  label: string;
}

/**
 * Text rows whose 总计 is not in the column where the other rows of their kind (same grid, same
 * label level) have it: they lost or gained leading cells. Aligned right; a person may want to look.
 */
function shiftedRows(ends: RowEnd[]): string[] {
  const out: string[] = [];
  for (const layout of new Set(ends.map((e) => e.layout))) {
    const same = ends.filter((e) => e.layout === layout);
    const counts = new Map<number, number>();
    for (const e of same) counts.set(e.end, (counts.get(e.end) ?? 0) + 1);
    const [usual, n] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
    if (n < 2 || n === same.length) continue;
    for (const e of same) {
      if (e.end === usual) continue;
      const d = e.end - usual;
      out.push(`table 3: row '${e.label}' (${e.key}) has its numbers ${Math.abs(d)} cell(s) to the ${d < 0 ? 'left' : 'right'} of rows like it; aligned by 总计`);
    }
  }
  return out;
}

/** One warning for every empty cell read as null, naming rows and columns (all rows alike: said once). */
function blankWarning(blankRows: Map<string, ApplicantColumn[]>, rowCount: number): string {
  const n = [...blankRows.values()].reduce((a, c) => a + c.length, 0);
  const shapes = new Set([...blankRows.values()].map((c) => c.join(', ')));
  if (blankRows.size === rowCount && shapes.size === 1) return `table 3: ${n} empty cell(s) read as null: columns ${[...shapes][0]} in every row`;
  return `table 3: ${n} empty cell(s) read as null: ${[...blankRows].map(([k, c]) => `${k} (${c.join(', ')})`).join('; ')}`;
}

const fmtRow = (values: ApplicantRow) => values.map((v) => v ?? '-').join(' ');

/** Items of the table-3 section → the applications rows. */
export function itemsToTable3(items: Item[]): Table3Result {
  const warnings: string[] = [];
  const rows: Record<string, ApplicantRow> = {};
  const columnsByGrid = new Map<number, Map<ApplicantColumn, number>>();
  let lastColumns: { map: Map<ApplicantColumn, number>; width: number } | undefined;
  let group: Table3Group | null = null;
  let pending: { leaf: LeafMatch | null; text: string } | null = null;
  let otherSubRows = false;
  let choices = 0;
  const blankRows = new Map<string, ApplicantColumn[]>();
  /** Rows of numbers without a label, and the row labels printed without numbers, in reading order. */
  const orphans: { values: ApplicantRow; at: string }[] = [];
  const bareLabels: string[] = [];
  const noteBareLabel = (text: string) => {
    for (const seg of labelSegments(text)) {
      if (segmentGroup(seg)) continue;
      const m = matchTable3Leaf(seg, group);
      if (m && !m.loose) bareLabels.push(m.key);
    }
  };
  const ends: RowEnd[] = [];
  const provenance: Record<string, Provenance> = {};

  /** A header row: learn where the applicant columns are. */
  const learnColumns = (row: Row) => {
    if (!row.grid.positional) return;
    const map = columnsByGrid.get(row.gridNo) ?? new Map<ApplicantColumn, number>();
    headerColumns(row, map);
    if (!map.size) return;
    columnsByGrid.set(row.gridNo, map);
    if (map.size === WIDTH) lastColumns = { map, width: row.cells.length };
  };

  for (const item of items) {
    if (item.kind === 'text') {
      let isGroup = false;
      for (const seg of splitLabel(item.text)) {
        const g = segmentGroup(seg);
        if (g) {
          group = g;
          isGroup = true;
        }
      }
      noteBareLabel(item.text);
      // A line of label text between table rows: in text copied from a PDF, the first line of a
      // label wrapped in its cell ('一、本年新收政府信息公开申' / '请数量 53 6 0 …').
      const prev = pending as { leaf: LeafMatch | null; text: string } | null;
      pending = isGroup || item.heading ? null : { leaf: matchWrapped((prev?.text ?? '') + item.text, group), text: (prev?.text ?? '') + item.text };
      continue;
    }
    const row = item.row;
    const values = valueCells(row);
    const labels = labelCells(row);
    // A row of column headings (several labels, no numbers) names no row and no group, even
    // when a heading happens to read like one (项目 | 本年新收件数 | 不予公开 | …).
    if (!hasNumber(values) && labels.filter((c) => !c.rowCopy).length >= MIN_HEADING_CELLS) {
      learnColumns(row);
      pending = null;
      continue;
    }
    let leaf: LeafMatch | null = null;
    let leafText = '';
    let leafLevel = '';
    let groupOnly: Table3Group | null = null;
    // A leaf label moves the group context only when its row carries values: the column
    // headings of a stray header row (项目 | 本年新收件数 | …) must not end （六）.
    let leafGroup: Table3Group | null | undefined;
    for (const cell of labels) {
      for (const seg of labelSegments(cell.text)) {
        const g = segmentGroup(seg);
        if (g) {
          group = g;
          if (!cell.rowCopy) groupOnly = g;
          continue;
        }
        const m = matchTable3Leaf(seg, group);
        if (m) {
          leaf = m;
          leafText = cell.text;
          leafLevel = seg.level ?? '';
          leafGroup = TABLE3_ROWS.find((x) => x.key === m.key)!.group ?? null;
        }
      }
    }
    if (leafGroup !== undefined && (hasNumber(values) || values.length >= WIDTH - 1)) group = leafGroup;
    // A row of nothing but blanks is data only when it has (nearly) all seven cells: some
    // reports leave every zero blank (上海市人民政府办公厅 2019); a header row has one or two.
    if (!hasNumber(values) && !(leaf && values.length >= WIDTH - 1)) {
      // A label without numbers: either a header row, or a label wrapped onto two lines whose
      // numbers follow on the next row (PDF text: '5.要求行政机关确认或重' / '新出具已获取信息 0 0 …').
      const isHeader = labels.some((c) => APPLICANT_HEADERS.some((h) => (h.exact ? h.signatures.includes(normLabel(c.text)) : h.signatures.some((sig) => normLabel(c.text).includes(sig)))));
      const own = labels.filter((c) => !c.rowCopy).map((c) => c.text).join('');
      const prev = pending as { leaf: LeafMatch | null; text: string } | null;
      if (leaf && !leaf.loose && !isHeader) bareLabels.push(leaf.key);
      pending = !isHeader && own && !groupOnly ? { leaf: leaf ?? (prev ? matchWrapped(prev.text + own, group) : null), text: (prev?.text ?? '') + own } : null;
      learnColumns(row);
      continue;
    }
    if (leaf && pending && (leaf.loose || rows[leaf.key])) {
      // A loose or repeated match of a row whose label text follows a wrapped line of label
      // ('2.申请人逾期未按收费通知要求缴纳费用、行政' / '机关不再处理其政府信息公开申请 0 …'):
      // the two lines are one label when together they name a row not yet read.
      const own = labels.filter((c) => !c.rowCopy).map((c) => c.text).join('');
      const joined = matchWrapped(pending.text + own, group);
      if (joined && !joined.loose && !rows[joined.key]) {
        leaf = { key: joined.key, loose: `label wrapped: '${pending.text}' above '${own}'` };
        leafText = pending.text + own;
        group = TABLE3_ROWS.find((x) => x.key === joined.key)!.group ?? null;
      }
    }
    if (!leaf && pending && !groupOnly) {
      const own = labels.filter((c) => !c.rowCopy).map((c) => c.text).join('');
      const joined = pending.leaf ?? matchWrapped(pending.text + own, group);
      if (joined) {
        leaf = { key: joined.key, loose: `label wrapped: '${pending.text}' above its numbers` };
        leafText = pending.text + own;
        // The wrapped label names its group as a printed row does ('（六）其他处理1.申请人…' → 3.其他 below is other_other).
        group = TABLE3_ROWS.find((x) => x.key === joined.key)!.group ?? null;
      } else if (splitLabel(pending.text + own).some((seg) => segmentGroup(seg) === 'other')) {
        // （六）其他处理 wrapped above its numbers, printed as one row.
        leaf = { key: 'other', loose: `label wrapped: '${pending.text}' above its numbers` };
        leafText = pending.text + own;
      }
    }
    pending = null;
    if (!leaf && groupOnly === 'other') leaf = { key: 'other' };
    if (!leaf && !labels.length) {
      // Numbers without a label: their label may be printed apart, in the same order (below).
      orphans.push({ values: readRow(row, undefined).values, at: row.cells[0]?.at ?? `grid ${row.gridNo}` });
      continue;
    }
    if (!leaf) {
      const label = labels.map((c) => c.text).join(' ');
      warnings.push(`table 3: row ${label ? `'${label}'` : 'without a label'} at ${row.cells[0]?.at ?? `grid ${row.gridNo}`} not recognised; its numbers are not used`);
      continue;
    }
    if (leaf.key.startsWith('other_')) otherSubRows = true;
    if (leaf.loose) warnings.push(`table 3: label '${leafText}' matched loosely to ${leaf.key} (${leaf.loose})`);
    const cols =
      columnsByGrid.get(row.gridNo)?.size === WIDTH
        ? columnsByGrid.get(row.gridNo)
        : lastColumns && lastColumns.width === row.cells.length
          ? lastColumns.map
          : undefined;
    const read = readRow(row, cols);
    const first = rows[leaf.key];
    if (first) {
      // Two copies that disagree (a hidden copy, a table printed twice with a correction): a person must look.
      const same = first.every((v, i) => v === read.values[i]);
      warnings.push(
        same
          ? `table 3: ${leaf.key} printed twice; the first is kept`
          : `table 3: ${leaf.key} printed twice with different numbers (${fmtRow(first)} kept, ${fmtRow(read.values)} not used); check which is right`,
      );
      continue;
    }
    if (read.note) warnings.push(`table 3: row ${leaf.key}: ${read.note}`);
    read.texts.forEach((t, i) => {
      const note = t ? cellNote(t) : null;
      if (note) warnings.push(`table 3: ${leaf.key}.${APPLICANT_COLUMNS[i]} ${note}`);
    });
    const nullCols = APPLICANT_COLUMNS.filter((_, i) => read.values[i] === null);
    if (nullCols.length) blankRows.set(leaf.key, nullCols);
    rows[leaf.key] = read.values;
    read.cells.forEach((c, i) => {
      if (c && c.text) provenance[`applications.${leaf!.key}[${i}]`] = cellProvenance(row, c);
    });
    if (!row.grid.positional) {
      const lastNumber = values.filter((c) => parseCell(c.text).kind === 'number').at(-1);
      if (lastNumber) ends.push({ key: leaf.key, layout: `${row.gridNo}/${leafLevel}`, end: lastNumber.col, label: leafText });
    }
  }
  warnings.push(...shiftedRows(ends));
  if (orphans.length) {
    // A number block apart from its label block (pdftotext, converters): pair them in order,
    // choosing by the template's checks where the labels outnumber the rows.
    const unused = [...new Set(bareLabels)].filter((k) => !rows[k]);
    const paired = pairInOrder(orphans.map((o) => o.values), unused, rows);
    if (paired) {
      paired.keys.forEach((k, i) => (rows[k] = orphans[i]!.values));
      if (paired.how !== 'order') choices++;
      const how = paired.how === 'checks' ? `chosen among ${unused.length} labels printed apart by the template's checks` : paired.how === 'order' ? 'in order' : `in order (no other pairing of the ${unused.length} labels printed apart passes the checks alone)`;
      warnings.push(`table 3: ${orphans.length} row(s) of numbers without a label (${orphans.map((o) => o.at).join(', ')}) paired with labels printed apart, ${how}: ${paired.keys.join(', ')}`);
      for (const k of paired.keys) {
        const nullCols = APPLICANT_COLUMNS.filter((_, i) => rows[k]![i] === null);
        if (nullCols.length) blankRows.set(k, nullCols);
        if (k.startsWith('other_')) otherSubRows = true;
      }
    } else {
      for (const o of orphans) warnings.push(`table 3: row without a label at ${o.at} not recognised; its numbers are not used`);
    }
  }

  const found = Object.keys(rows);
  if (!found.length) return { applications: null, warnings, otherSubRows, provenance, choices };
  if (blankRows.size) warnings.push(blankWarning(blankRows, found.length));
  const ordered: Record<string, ApplicantRow> = {};
  for (const r of TABLE3_ROWS) if (rows[r.key]) ordered[r.key] = rows[r.key]!;
  if (ordered.other && otherSubRows) warnings.push('table 3: （六） printed both as one row and with sub-rows');
  return { applications: ordered, warnings, otherSubRows, provenance, choices };
}
