/**
 * A guard before parsing: htmlparser2 keeps its open-element stack in an array it shifts and
 * unshifts, so each tag costs time proportional to the nesting depth. 500 nested tables
 * (~2,000 levels) parse in milliseconds, but a page of 100,000 unclosed `<div>`s takes seconds
 * and a 20 MB one would take hours; and every element costs memory. This linear pre-scan
 * estimates the depth the parser will reach (void elements, raw-text elements and the implied
 * closes of `<p>`, `<li>`, `<td>`, `<tr>` … are followed) and counts elements, and stops where
 * the page passes a limit: the reader parses the page up to there.
 */

/** Deeper than this is not a web page but an attack or a generator bug. */
export const DEFAULT_MAX_NESTING_DEPTH = 5000;

/**
 * Pages smaller than this skip the scan: at most ~50,000 tags, which even fully nested parse in
 * under a second, while the scan would cost every ordinary page a tenth of its reading time.
 */
const MIN_CHARS_TO_SCAN = 256 * 1024;

const VOID = new Set(['area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'input', 'isindex', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Elements whose content is text up to their end tag. */
const RAW_TEXT_END = new Map(['script', 'style', 'title', 'textarea', 'xmp'].map((n) => [n, new RegExp(`</${n}`, 'gi')]));
const CLOSES_P = ['p'];
/** Opening the key closes an open element of these names on top of the stack (htmlparser2's rules). */
const IMPLIED_CLOSE: Record<string, string[]> = {
  tr: ['tr', 'th', 'td'], th: ['th'], td: ['thead', 'th', 'td'], li: ['li'], option: ['option'], dd: ['dd', 'dt'],
  dt: ['dd', 'dt'], tbody: ['thead', 'tbody'], tfoot: ['thead', 'tbody'], p: CLOSES_P, div: CLOSES_P, table: CLOSES_P,
  ul: CLOSES_P, ol: CLOSES_P, h1: CLOSES_P, h2: CLOSES_P, h3: CLOSES_P, h4: CLOSES_P, h5: CLOSES_P, h6: CLOSES_P,
  section: CLOSES_P, article: CLOSES_P, pre: CLOSES_P, form: CLOSES_P, blockquote: CLOSES_P,
};

const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*>|<!--/g;

/** Limits on what the parser is given: deeper or larger markup is cut off where it passes them. */
export interface MarkupLimits {
  maxDepth: number;
  /**
   * Elements (start tags) parsed at most. The DOM, the scan and the grids cost some hundreds of
   * bytes an element: 400,000 table rows took 2.65 GB (issue 16). A Word-exported report page
   * has a few thousand elements; long list pages some tens of thousands.
   */
  maxElements: number;
}

export const DEFAULT_MARKUP_LIMITS: MarkupLimits = { maxDepth: DEFAULT_MAX_NESTING_DEPTH, maxElements: 200_000 };

/** Where a page passes a limit: the offset of the start tag that does, and which limit. */
export interface MarkupCut {
  at: number;
  reason: string;
  /** The nesting depth reached there. */
  depth: number;
}

/**
 * The nesting depth the parser would reach, or `limit + 1` as soon as it passes `limit`.
 * Pages under MIN_CHARS_TO_SCAN return 0 without scanning.
 */
export function nestingDepth(html: string, limit = DEFAULT_MAX_NESTING_DEPTH): number {
  if (html.length < MIN_CHARS_TO_SCAN) return 0;
  return scanMarkup(html, { maxDepth: limit, maxElements: Infinity }).depth;
}

/**
 * Where the page must be cut so that the parser sees at most `limits`: null when the whole page
 * fits (always for pages under MIN_CHARS_TO_SCAN, which cannot hold enough elements to matter).
 * Cutting keeps what comes before (a report followed by a runaway of markup is still read); the
 * parser closes what is open at the cut.
 */
export function markupCut(html: string, limits: MarkupLimits = DEFAULT_MARKUP_LIMITS): MarkupCut | null {
  if (html.length < MIN_CHARS_TO_SCAN) return null;
  const r = scanMarkup(html, limits);
  return r.cut;
}

function scanMarkup(html: string, limits: MarkupLimits): { depth: number; cut: MarkupCut | null } {
  const stack: string[] = [];
  const openCount = new Map<string, number>();
  const push = (name: string) => {
    stack.push(name);
    openCount.set(name, (openCount.get(name) ?? 0) + 1);
  };
  const pop = () => {
    const name = stack.pop()!;
    openCount.set(name, openCount.get(name)! - 1);
    return name;
  };
  let max = 0;
  let elements = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    if (m[0] === '<!--') {
      const end = html.indexOf('-->', TAG.lastIndex);
      if (end < 0) break;
      TAG.lastIndex = end + 3;
      continue;
    }
    const name = m[2]!.toLowerCase();
    if (m[1]) {
      // A close tag pops up to its open element, if one is open (htmlparser2 ignores it otherwise).
      if ((openCount.get(name) ?? 0) > 0) while (pop() !== name);
      continue;
    }
    if (++elements > limits.maxElements) {
      return { depth: max, cut: { at: m.index, depth: stack.length, reason: `more than ${limits.maxElements} elements` } };
    }
    if (VOID.has(name)) continue;
    const rawEnd = RAW_TEXT_END.get(name);
    if (rawEnd) {
      rawEnd.lastIndex = TAG.lastIndex;
      if (!rawEnd.exec(html)) break;
      TAG.lastIndex = rawEnd.lastIndex;
      continue;
    }
    const closes = IMPLIED_CLOSE[name];
    if (closes) while (stack.length > 0 && closes.includes(stack[stack.length - 1]!)) pop();
    push(name);
    if (stack.length > max) {
      max = stack.length;
      if (max > limits.maxDepth) return { depth: max, cut: { at: m.index, depth: max, reason: `nested more than ${limits.maxDepth} elements deep` } };
    }
  }
  return { depth: max, cut: null };
}
