/**
 * Table 2 (主动公开政府信息情况): rows 规章 … 政府集中采购 by label, their numbers assigned to the
 * fields named by the nearest column-heading row above (本年制发件数 …, or the 2019 template's
 * 本年新制作数量 …), or to the template's default fields where no heading row fits.
 */
import type { DisclosureRow, Provenance, Template } from '../record.ts';
import { TABLE2_FIELDS, TABLE2_ITEM_2019_ONLY, TABLE2_ROWS, normLabel, splitLabel, type Table2Row } from './labels.ts';
import { cellNote, isNumberLike, parseCell } from './numbers.ts';
import { cellProvenance, hasNumber, type Item, type Row, type RowCell } from './rows.ts';

interface HeaderField {
  field: string;
  template: '2021' | '2019';
  col: number;
  unit?: string;
}

interface Table2Raw {
  def: Table2Row;
  label: string;
  values: RowCell[];
  header: HeaderField[] | null;
  positional: boolean;
  row: Row;
}

export interface Table2Result {
  rows: Table2Raw[];
  /** Rows printed again after their first copy (compared with it, never used). */
  repeats: Table2Raw[];
  /** How many column headings of each template were seen (template rule 1). */
  markers: { '2021': number; '2019': number };
}

const UNIT_IN_TEXT = /(万元|元)/;

/** A table-2 row definition for a label cell, or null. */
function matchTable2Row(text: string): Table2Row | null {
  const core = splitLabel(text).map((s) => s.core).join('');
  for (const def of TABLE2_ROWS) {
    for (const sig of def.signatures) {
      const s = normLabel(sig);
      if (def.exact ? core === s || (core.endsWith(s) && core.length <= s.length + 2) : core.includes(s)) return def;
    }
  }
  return null;
}

function headerFields(cells: RowCell[]): HeaderField[] {
  const out: HeaderField[] = [];
  for (const c of cells) {
    if (c.colCopy || !c.text) continue;
    const t = normLabel(c.text);
    const f = TABLE2_FIELDS.find((x) => x.signatures.some((sig) => t.includes(normLabel(sig))));
    if (f) out.push({ field: f.field, template: f.template, col: c.col, unit: UNIT_IN_TEXT.exec(t)?.[1] });
  }
  return out;
}

/** Items of the table-2 section → raw rows and template markers. */
export function itemsToTable2(items: Item[]): Table2Result {
  const rows: Table2Raw[] = [];
  const repeats: Table2Raw[] = [];
  const markers = { '2021': 0, '2019': 0 };
  let header: HeaderField[] | null = null;
  for (const item of items) {
    const texts = item.kind === 'text' ? [item.text] : item.row.cells.filter((c) => !c.colCopy).map((c) => c.text);
    if (texts.some((t) => normLabel(t).includes(TABLE2_ITEM_2019_ONLY))) markers['2019']++;
    if (item.kind === 'text') continue;
    const cells = item.row.cells;
    if (texts.some((t) => normLabel(t).includes('第二十条'))) header = null;
    const labelAt = cells.findIndex((c) => !c.colCopy && c.text && parseCell(c.text).kind === 'text' && matchTable2Row(c.text));
    if (labelAt < 0) {
      const fields = headerFields(cells);
      if (fields.length && !hasNumber(cells)) {
        header = fields;
        for (const f of fields) markers[f.template]++;
      }
      continue;
    }
    const def = matchTable2Row(cells[labelAt]!.text)!;
    if (def.key === 'other_services' || def.key === 'procurement') markers['2019']++;
    const raw = { def, label: cells[labelAt]!.text, values: cells.slice(labelAt + 1).filter((c) => !c.colCopy), header, positional: item.row.grid.positional, row: item.row };
    if (rows.some((r) => r.def.key === def.key)) repeats.push(raw);
    else rows.push(raw);
  }
  return { rows, repeats, markers };
}

// Junk ('x' in a number's place) holds a value's place: only blanks are layout.
const isBlank = (c: RowCell) => !isNumberLike(c.text);

/**
 * The value cells of a row read in order: a text row may carry empty cells from merged label
 * columns before its numbers and after them; those are layout, dropped while the row holds more
 * cells than it has fields.
 */
function valuesInOrder(raw: Table2Raw, fields: number, warnings: string[]): RowCell[] {
  const vals = [...raw.values];
  while (vals.length > fields && isBlank(vals[vals.length - 1]!)) vals.pop();
  while (vals.length > fields && isBlank(vals[0]!)) vals.shift();
  if (vals.length > fields) warnings.push(`table 2: row '${raw.label}' has ${vals.length} values for ${fields} field(s); the first ${fields} read`);
  return vals;
}

/** Raw table-2 rows → active_disclosure for the decided template. */
export function table2ToDisclosure(res: Table2Result, template: Template): { active_disclosure: Record<string, DisclosureRow> | null; warnings: string[]; provenance: Record<string, Provenance> } {
  const warnings: string[] = [];
  const provenance: Record<string, Provenance> = {};
  if (template === 'freeform') return { active_disclosure: null, warnings, provenance };
  const out: Record<string, DisclosureRow> = {};
  for (const raw of res.rows) {
    const row = readDisclosureRow(raw, template, warnings, provenance);
    if (row) out[raw.def.key] = row;
  }
  for (const raw of res.repeats) {
    const first = out[raw.def.key];
    const again = first ? readDisclosureRow(raw, template, []) : null;
    if (!first || !again) continue;
    // Two copies that disagree (a hidden copy, a corrected table): a person must look.
    const same = Object.keys(first).every((k) => first[k] === again[k]);
    warnings.push(
      same
        ? `table 2: ${raw.def.key} printed twice; the first is kept`
        : `table 2: ${raw.def.key} printed twice with different numbers (${fmtRow(first)} kept, ${fmtRow(again)} not used); check which is right`,
    );
  }
  return { active_disclosure: Object.keys(out).length ? out : null, warnings, provenance };
}

const fmtRow = (row: DisclosureRow) => Object.entries(row).filter(([k]) => k !== 'amount_unit').map(([k, v]) => `${k} ${v ?? '-'}`).join(', ');

/** One raw row read for the template's fields, or null when the row does not belong to it. */
function readDisclosureRow(raw: Table2Raw, template: '2021' | '2019', warnings: string[], provenance?: Record<string, Provenance>): DisclosureRow | null {
  const allowed = template === '2021' ? raw.def.fields2021 : raw.def.fields2019;
  if (!allowed) {
    warnings.push(`table 2: row '${raw.label}' belongs to the 2019 template only; dropped from a ${template} record`);
    return null;
  }
  const fitting = raw.header && raw.header.length > 0 && raw.header.every((h) => allowed.includes(h.field) && h.template === template) ? raw.header : null;
  if (raw.header && !fitting) warnings.push(`table 2: the headings above '${raw.label}' do not fit it; read as ${allowed.join(', ')}`);
  const row: DisclosureRow = {};
  const fields = fitting ?? allowed.map((field) => ({ field, col: -1, template, unit: undefined as string | undefined }));
  const byOrder = fitting && raw.positional ? [] : valuesInOrder(raw, fields.length, warnings);
  fields.forEach((f, i) => {
    const cell = fitting && raw.positional ? raw.values.find((c) => c.col === f.col) : byOrder[i];
    const v = cell ? parseCell(cell.text) : null;
    if (provenance && cell && cell.text) provenance[`active_disclosure.${raw.def.key}.${f.field}`] = cellProvenance(raw.row, cell);
    if (v?.kind === 'number') {
      row[f.field] = v.value;
      if (v.chinese) warnings.push(`table 2: ${raw.def.key}.${f.field} ${cellNote(cell!.text)}`);
    } else {
      row[f.field] = null;
      warnings.push(`table 2: ${raw.def.key}.${f.field} ${!cell || v?.kind === 'blank' ? 'empty' : `'${cell.text}' is not a number`}, read as null`);
    }
    if (f.field === 'amount') {
      const unit = (v?.kind === 'number' ? v.unit : undefined) ?? f.unit;
      row.amount_unit = unit === '元' || unit === '万元' ? unit : null;
    }
  });
  return row;
}
