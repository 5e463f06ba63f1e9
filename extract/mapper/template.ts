/**
 * Which national format a report follows, decided as docs/REPORT_FORMAT.md says: by table 2's column
 * headings; failing those, by （六）'s sub-rows and the reporting year; "freeform" without tables.
 */
import type { Template } from '../record.ts';

export interface TemplateEvidence {
  markers: { '2021': number; '2019': number };
  hasTable2Rows: boolean;
  hasTable3Or4: boolean;
  otherSubRows: boolean;
  year: number | null;
}

/** The first year the 2021 format applied to (国办公开办函〔2021〕30号). */
const FIRST_2021_YEAR = 2021;

export function decideTemplate(e: TemplateEvidence): { template: Template; warning?: string } {
  const a = e.markers['2021'];
  const b = e.markers['2019'];
  if (a || b) {
    if (a && b) {
      const template: Template = a === b ? (e.year !== null && e.year < FIRST_2021_YEAR ? '2019' : '2021') : a > b ? '2021' : '2019';
      return { template, warning: `template: table 2 carries headings of both formats (2021: ${a}, 2019: ${b}); ${template} chosen` };
    }
    return { template: a ? '2021' : '2019' };
  }
  if (!e.hasTable2Rows && !e.hasTable3Or4) return { template: 'freeform' };
  if (e.otherSubRows) return { template: '2021', warning: 'template: no table-2 headings; （六） has sub-rows, so 2021' };
  if (e.year !== null && e.year < FIRST_2021_YEAR) return { template: '2019', warning: `template: no table-2 headings; reporting year ${e.year}, so 2019` };
  return { template: '2021', warning: `template: no table-2 headings; reporting year ${e.year ?? 'unknown'}, so 2021` };
}
