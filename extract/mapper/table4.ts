/**
 * Table 4 (行政复议、行政诉讼): fifteen numbers, three groups of five (结果维持, 结果纠正, 其他结果,
 * 尚未审结, 总计). Printed as one row of fifteen, or as three tables of five under their own
 * headings, or as labelled rows; groups are taken from the heading or label where one names a
 * group, and in template order otherwise.
 */
import { REVIEW_FIELDS, REVIEW_GROUPS, type Provenance, type ReportRecord, type ReviewGroup } from '../record.ts';
import { cellNote, isNumberLike, parseCell } from './numbers.ts';
import { cellProvenance, hasNumber, labelCells, table4GroupOf, table4GroupsIn, valueCells, type Item, type RowCell } from './rows.ts';

type GroupKey = (typeof REVIEW_GROUPS)[number];
const GROUP_SIZE = REVIEW_FIELDS.length;

// Junk ('x' in a number's place) holds a value's place: only blanks are layout.
const isBlank = (c: RowCell | undefined) => !c || !isNumberLike(c.text);
/** A blank printed as a mark ('/', '—'): it holds its cell's place in a row without positions. */
const isMark = (c: RowCell | undefined) => !!c && c.text.trim() !== '' && parseCell(c.text).kind === 'blank';

export function itemsToTable4(items: Item[]): { review_litigation: ReportRecord['review_litigation']; warnings: string[]; provenance: Record<string, Provenance> } {
  const warnings: string[] = [];
  const provenance: Record<string, Provenance> = {};
  const got = new Map<GroupKey, (number | null)[]>();
  let named: GroupKey | null = null;
  const nextFree = (from: GroupKey | null): number => {
    const start = from ? REVIEW_GROUPS.indexOf(from) : 0;
    for (let i = start; i < REVIEW_GROUPS.length; i++) if (!got.has(REVIEW_GROUPS[i]!)) return i;
    return -1;
  };
  for (const item of items) {
    if (item.kind === 'text') {
      named = table4GroupOf(item.text) ?? named;
      continue;
    }
    const row = item.row;
    const cells = valueCells(row);
    const labelText = labelCells(row).map((c) => c.text).join(' ');
    if (!hasNumber(cells)) {
      // A heading row naming one group announces its numbers; one naming several (the
      // 15-column header) announces none; one naming none (结果维持 …) changes nothing.
      const groups = table4GroupsIn(labelText);
      if (groups.size) named = groups.size === 1 ? [...groups][0]! : null;
      continue;
    }
    let vals: (RowCell | undefined)[] = [...cells];
    if (!row.grid.positional) {
      while (vals.length && isBlank(vals[vals.length - 1]) && !isMark(vals[vals.length - 1])) vals.pop();
      while (vals.length && isBlank(vals[0]) && !isMark(vals[0])) vals.shift();
    }
    // Blank cells at the ends that break the groups of five are layout, not values.
    while (vals.length % GROUP_SIZE !== 0 && isBlank(vals[0])) vals.shift();
    while (vals.length % GROUP_SIZE !== 0 && isBlank(vals[vals.length - 1])) vals.pop();
    const all = GROUP_SIZE * REVIEW_GROUPS.length;
    let note = '';
    if (vals.length > all) {
      while (vals.length > all && isBlank(vals[0])) vals.shift();
      while (vals.length > all && isBlank(vals[vals.length - 1])) vals.pop();
      if (vals.length > all) {
        note = `a row of ${vals.length} values; the last ${all} taken`;
        vals = vals.slice(-all);
      }
    }
    if (vals.length % GROUP_SIZE !== 0) {
      const padded = Math.ceil(vals.length / GROUP_SIZE) * GROUP_SIZE;
      note = `a row of ${vals.length} values, aligned right to ${padded} (总计 last)`;
      vals = [...Array<undefined>(padded - vals.length).fill(undefined), ...vals];
    }
    // A row of fifteen is the whole table, whatever group a heading above it named last.
    let at = nextFree(vals.length === all ? null : (table4GroupOf(labelText) ?? named));
    const filled: GroupKey[] = [];
    for (let i = 0; i < vals.length; i += GROUP_SIZE) {
      if (at < 0) {
        warnings.push('table 4: more numbers than the three groups hold; the rest ignored');
        break;
      }
      const group = REVIEW_GROUPS[at]!;
      got.set(group, vals.slice(i, i + GROUP_SIZE).map((c, j) => {
        const t = c?.text ?? '';
        if (c && t) provenance[`review_litigation.${group}.${REVIEW_FIELDS[j]}`] = cellProvenance(row, c);
        const note = t ? cellNote(t) : null;
        if (note) warnings.push(`table 4: ${group}.${REVIEW_FIELDS[j]} ${note}`);
        const v = parseCell(t);
        return v.kind === 'number' ? v.value : null;
      }));
      filled.push(REVIEW_GROUPS[at]!);
      at = nextFree(REVIEW_GROUPS[at]!);
    }
    if (note) warnings.push(`table 4: ${note} (${filled.join(', ')})`);
    named = null;
  }
  if (!got.size) return { review_litigation: null, warnings, provenance };
  const group = (k: GroupKey): ReviewGroup => {
    const v = got.get(k) ?? Array<null>(GROUP_SIZE).fill(null);
    return { upheld: v[0]!, corrected: v[1]!, other: v[2]!, pending: v[3]!, total: v[4]! };
  };
  const missing = REVIEW_GROUPS.filter((k) => !got.has(k));
  if (missing.length) warnings.push(`table 4: no numbers for ${missing.join(', ')}`);
  const blank = [...got].filter(([, v]) => v.includes(null)).map(([k]) => k);
  if (blank.length) warnings.push(`table 4: empty cell(s) read as null in ${blank.join(', ')}`);
  return { review_litigation: { review: group('review'), litigation_direct: group('litigation_direct'), litigation_after_review: group('litigation_after_review') }, warnings, provenance };
}
