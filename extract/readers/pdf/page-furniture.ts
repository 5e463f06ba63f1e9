/**
 * Running headers, footers and page numbers: text in the top and bottom bands of a page that is
 * a page number ("- 3 -", "第3页", "3/5", "— 2 —") or repeats on most pages at the same place.
 * They are left out of paragraphs and cells, and they must not stop a table that crosses a page
 * break from being joined.
 */
import type { LayoutSettings } from '../../layout/settings.ts';
import { fragmentsToLines, joinFragments, type Line } from './fragments-to-lines.ts';
import type { Fragment, PageContent } from './page-content.ts';

/** A whole line that is nothing but a page number, in the styles Chinese reports print. */
const PAGE_NUMBER = /^[-—–－_·\s]*(第\s*)?[0-9０-９]{1,4}\s*(页)?\s*([\/／]\s*[0-9]{1,4}|共\s*[0-9]{1,4}\s*页)?[-—–－_·\s]*$|^(page\s*)?[0-9]{1,4}\s*(of\s*[0-9]{1,4})?$/i;
/** Repeated lines are compared with their digits masked (page numbers inside headers change). */
const mask = (s: string) => s.replace(/\s+/g, '').replace(/[0-9０-９]+/g, '#');
/** Positions of a repeated line agree to this many points. */
const REPEAT_POSITION_TOLERANCE = 6;

interface BandLine {
  page: number;
  line: Line;
  key: string;
}

/** The fragments of all pages that are running headers, footers or page numbers. */
export function findFurniture(pages: readonly PageContent[], settings: LayoutSettings): Set<Fragment> {
  const out = new Set<Fragment>();
  const candidates: BandLine[] = [];
  for (const page of pages) {
    const band = settings.marginShare * page.height;
    const inBand = page.fragments.filter((f) => f.bottom <= band || f.top >= page.height - band);
    for (const line of fragmentsToLines(inBand, settings)) {
      const text = joinFragments(line.fragments, settings).trim();
      if (PAGE_NUMBER.test(text)) for (const f of line.fragments) out.add(f);
      else candidates.push({ page: page.number, line, key: mask(text) });
    }
  }
  if (pages.length < 2) return out;
  const byKey = new Map<string, BandLine[]>();
  for (const c of candidates) (byKey.get(c.key) ?? byKey.set(c.key, []).get(c.key)!).push(c);
  for (const same of byKey.values()) {
    const pagesWith = new Set(same.map((c) => c.page));
    if (pagesWith.size < Math.max(2, settings.repeatShare * pages.length)) continue;
    const top = same[0]!.line.top;
    if (!same.every((c) => Math.abs(c.line.top - top) <= REPEAT_POSITION_TOLERANCE)) continue;
    for (const c of same) for (const f of c.line.fragments) out.add(f);
  }
  return out;
}
