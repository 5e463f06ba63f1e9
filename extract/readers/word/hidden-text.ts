/**
 * Word's hidden text (`<w:vanish/>` in a run's properties) is not printed and not shown, but
 * mammoth reads it like any other run: a hidden copy of the tables with other numbers would be
 * read first (issue 16 item 8). Runs marked hidden are removed from the body parts before mammoth
 * sees them. Hidden text set by a style (`w:styles`) is not followed; runs nested in a text box
 * inside another run are judged on their own.
 */
import { inflateEntry, rawEntry, type ZipEntry } from './zip-directory.ts';
import { writeZip, type ZipPart } from './zip-write.ts';

/** The parts that hold text a reader shows: body, notes, headers and footers. */
const CONTENT_PART = /^word\/(?:document|footnotes|endnotes|comments|header\d*|footer\d*)\.xml$/i;
/** An innermost run: `<w:r>` or `<w:r …>` up to its `</w:r>`, with no run inside (any prefix). */
const RUN = /<([\w.-]+:)?r(?:\s[^>]*)?>(?:(?!<(?:[\w.-]+:)?r[\s>])[\s\S])*?<\/\1r>/g;
const RUN_PROPERTIES = /<(?:[\w.-]+:)?rPr(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?rPr>/;
const VANISH = /<(?:[\w.-]+:)?vanish\b([^>]*)\/?>/;
const VAL_OFF = /\bval\s*=\s*["'](?:0|false|off)["']/i;

/** True when a run's own properties hide it. */
function isHiddenRun(run: string): boolean {
  const props = RUN_PROPERTIES.exec(run)?.[1];
  if (!props) return false;
  const v = VANISH.exec(props);
  return !!v && !VAL_OFF.test(v[1] ?? '');
}

/** The XML without its hidden runs, and how many were removed. */
export function removeHiddenRuns(xml: string): { xml: string; removed: number } {
  let removed = 0;
  const out = xml.replace(RUN, (run) => {
    if (!isHiddenRun(run)) return run;
    removed++;
    return '';
  });
  return { xml: out, removed };
}

/** The archive with hidden runs removed from its content parts (the same bytes when there are none). */
export function withoutHiddenText(bytes: Uint8Array, entries: ZipEntry[]): { bytes: Uint8Array; removed: number } {
  let removed = 0;
  const changed = new Map<string, Uint8Array>();
  for (const e of entries) {
    if (!CONTENT_PART.test(e.name)) continue;
    const r = removeHiddenRuns(new TextDecoder().decode(inflateEntry(bytes, e)));
    if (r.removed) {
      removed += r.removed;
      changed.set(e.name, new TextEncoder().encode(r.xml));
    }
  }
  if (!removed) return { bytes, removed };
  const parts: ZipPart[] = entries.map((e) => {
    const data = changed.get(e.name);
    return data ? { name: e.name, data } : { name: e.name, raw: rawEntry(bytes, e), method: e.method, crc32: e.crc32, size: e.size };
  });
  return { bytes: writeZip(parts), removed };
}
