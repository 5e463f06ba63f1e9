/**
 * The text of an element as one line: inline markup joined without separators (Word exports split
 * numbers and labels across `<span>`s and `<font>`s: `2</span><span>3` is "23"), while block
 * elements and `<br>` inside it become one space, so a label wrapped in two `<p>`s reads as one
 * label ("商业 企业"). Used for table cells and title candidates. Iterative: cells may hold deep markup.
 */
import { BLOCK_TAGS, isElement, isText, isUnread, pushChildren, type AnyNode, type Element } from './dom.ts';
import { normaliseText } from './normalise-text.ts';

/** A private-use character standing for "a block starts or ends here". */
const BREAK = '\ue000';
const BREAKS = /\s*\ue000(?:\s*\ue000)*\s*/g;

/** The element's text on one line, white space normalised. */
export function flattenText(el: Element): string {
  const parts: string[] = [];
  // Block breaks are marked with BREAK, not a space: a space next to a source line break between
  // two Chinese characters would be dropped by normaliseText's segment-break rule.
  // `null` on the stack means "leaving a block element": its closing break.
  const work: (AnyNode | null)[] = [];
  pushChildren(work, el);
  while (work.length > 0) {
    const node = work.pop()!;
    if (node === null) {
      parts.push(BREAK);
    } else if (isText(node)) {
      parts.push(node.data);
    } else if (isElement(node) && !isUnread(node)) {
      if (node.name === 'br') {
        parts.push(BREAK);
        continue;
      }
      if (BLOCK_TAGS.has(node.name)) {
        parts.push(BREAK);
        work.push(null);
      }
      pushChildren(work, node);
    }
  }
  return normaliseText(parts.join('')).replace(BREAKS, ' ').trim();
}
