/**
 * Table 4 (行政复议、行政诉讼): fifteen numbers, three groups of five (结果维持, 结果纠正, 其他结果,
 * 尚未审结, 总计). Printed as one row of fifteen, or as three tables of five under their own
 * headings, or as labelled rows; groups are taken from the heading or label where one names a
 * group, and in template order otherwise.
 */
import { REVIEW_FIELDS, REVIEW_GROUPS, type ReportRecord, type ReviewGroup } from '../record.ts';
import { parseCell } from './numbers.ts';
import { hasNumber, labelCells, table4GroupOf, valueCells, type Item } from './rows.ts';

type GroupKey = (typeof REVIEW_GROUPS)[number];
const GROUP_SIZE = REVIEW_FIELDS.length;

const isBlank = (t: string) => parseCell(t).kind !== 'number';

export function itemsToTable4(items: Item[]): { review_litigation: ReportRecord['review_litigation']; warnings: string[] } {
  const warnings: string[] = [];
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
      if (labelText) named = table4GroupOf(labelText);
      continue;
    }
    let vals = cells.map((c) => c.text);
    if (!row.grid.positional) {
      while (vals.length && isBlank(vals[vals.length - 1]!)) vals.pop();
      while (vals.length && isBlank(vals[0]!)) vals.shift();
    }
    if (vals.length > GROUP_SIZE * REVIEW_GROUPS.length) {
      while (vals.length > 15 && isBlank(vals[0]!)) vals.shift();
      while (vals.length > 15 && isBlank(vals[vals.length - 1]!)) vals.pop();
      if (vals.length > 15) {
        warnings.push(`table 4: a row of ${vals.length} values; the last 15 taken`);
        vals = vals.slice(-15);
      }
    }
    if (vals.length % GROUP_SIZE !== 0) {
      const padded = Math.ceil(vals.length / GROUP_SIZE) * GROUP_SIZE;
      warnings.push(`table 4: a row of ${vals.length} values, aligned right to ${padded} (总计 last)`);
      vals = [...Array<string>(padded - vals.length).fill(''), ...vals];
    }
    let at = nextFree(table4GroupOf(labelText) ?? named);
    for (let i = 0; i < vals.length; i += GROUP_SIZE) {
      if (at < 0) {
        warnings.push('table 4: more numbers than the three groups hold; the rest ignored');
        break;
      }
      got.set(REVIEW_GROUPS[at]!, vals.slice(i, i + GROUP_SIZE).map((t) => {
        const v = parseCell(t);
        return v.kind === 'number' ? v.value : null;
      }));
      at = nextFree(REVIEW_GROUPS[at]!);
    }
    named = null;
  }
  if (!got.size) return { review_litigation: null, warnings };
  const group = (k: GroupKey): ReviewGroup => {
    const v = got.get(k) ?? Array<null>(GROUP_SIZE).fill(null);
    return { upheld: v[0]!, corrected: v[1]!, other: v[2]!, pending: v[3]!, total: v[4]! };
  };
  const missing = REVIEW_GROUPS.filter((k) => !got.has(k));
  if (missing.length) warnings.push(`table 4: no numbers for ${missing.join(', ')}`);
  const blanks = [...got.values()].flat().filter((v) => v === null).length;
  if (blanks) warnings.push(`table 4: ${blanks} empty cell(s) read as null`);
  return { review_litigation: { review: group('review'), litigation_direct: group('litigation_direct'), litigation_after_review: group('litigation_after_review') }, warnings };
}
