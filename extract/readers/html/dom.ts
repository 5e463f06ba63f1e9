/**
 * What the HTML reader needs to know about DOM nodes (domhandler, as cheerio's htmlparser2 mode
 * builds them): which elements are never read, which break text, which are hidden, and the words
 * in a class or id. Walks elsewhere are iterative, so nothing here recurses.
 */
import type { AnyNode, Element, Text, Comment } from 'domhandler';

export type { AnyNode, Element };

export const isElement = (n: AnyNode): n is Element => n.type === 'tag' || n.type === 'script' || n.type === 'style';
export const isText = (n: AnyNode): n is Text => n.type === 'text';
export const isComment = (n: AnyNode): n is Comment => n.type === 'comment';

/**
 * Elements whose content is never read as report text: code, styles, templates (inert until a
 * script clones them), form controls, embedded frames and media (their children are fallbacks),
 * `<noscript>` (a browser with scripts, like ours, does not show it; html.ts reads it only when
 * the page has no data table elsewhere) and `<title>` (read separately for the meta).
 */
const NEVER_READ = new Set([
  'script', 'style', 'template', 'noscript', 'title', 'textarea', 'select', 'option', 'optgroup', 'button', 'input',
  'datalist', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'svg', 'math', 'canvas', 'audio',
  'video', 'map', 'noembed', 'xmp', 'plaintext', 'link', 'meta', 'base',
]);

/** Elements that start and end a line of text (CSS display: block, list-item, table parts). */
export const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'dir',
  'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'listing', 'main', 'menu', 'nav', 'ol', 'p', 'pre',
  'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);

/** Heading level of h1–h6, else 0. */
export function headingLevel(el: Element): number {
  const n = el.name;
  return n.length === 2 && n[0] === 'h' && n[1]! >= '1' && n[1]! <= '6' ? n.charCodeAt(1) - 48 : 0;
}

/** Inline `style` declarations, property names lower-cased. */
export function inlineStyle(el: Element): Map<string, string> | null {
  const style = el.attribs['style'];
  if (!style) return null;
  const out = new Map<string, string>();
  for (const decl of style.split(';')) {
    const colon = decl.indexOf(':');
    if (colon > 0) out.set(decl.slice(0, colon).trim().toLowerCase(), decl.slice(colon + 1).trim().toLowerCase());
  }
  return out;
}

const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse))\s*(?:!\s*important\s*)?(?:;|$)/i;
const MAY_HIDE = /none|hidden|collapse/i;

/**
 * Hidden by the element itself: the `hidden` attribute, inline `display:none`,
 * `visibility:hidden|collapse` (any case, `!important` or not). A hidden copy of the tables with
 * other numbers must not be read (issue 16). Stylesheet rules are not consulted: media queries
 * hide sidebars on phones and show print versions, tabs hide what a click shows, and a wrong
 * guess there would drop a report; copies that disagree are flagged by the mapper instead.
 */
export function isHidden(el: Element): boolean {
  if (el.attribs['hidden'] !== undefined) return true;
  const style = el.attribs['style'];
  return style !== undefined && MAY_HIDE.test(style) && HIDDEN_STYLE.test(style);
}

/** True for elements that are never read (see NEVER_READ) or hidden. */
export function isUnread(el: Element): boolean {
  return NEVER_READ.has(el.name) || isHidden(el);
}

/** Class tokens of an element. */
export function classTokens(el: Element): string[] {
  const c = el.attribs['class'];
  return c ? c.split(/\s+/).filter(Boolean) : [];
}

/**
 * The words of an element's class and id tokens, lower-cased: `mainNav` → main, nav;
 * `bdsharebuttonbox` → bdsharebuttonbox; `article-header_1` → article, header, 1.
 */
export function nameWords(el: Element): string[] {
  const raw = `${el.attribs['class'] ?? ''} ${el.attribs['id'] ?? ''}`;
  if (raw.length < 2) return [];
  return raw
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[\s_\-.:]+/)
    .filter(Boolean);
}

/**
 * Pushes a node's children onto a depth-first work stack, last child first, so they pop in
 * document order. Every walk in the reader is iterative: 500 nested tables must not overflow.
 */
export function pushChildren(work: unknown[], node: { children: AnyNode[] }): void {
  for (let i = node.children.length - 1; i >= 0; i--) work.push(node.children[i]!);
}

/** The nearest common ancestor of two nodes (or the first, when one contains the other). */
export function commonAncestor(a: AnyNode, b: AnyNode): AnyNode {
  const seen = new Set<AnyNode>();
  for (let n: AnyNode | null = a; n; n = n.parent) seen.add(n);
  for (let n: AnyNode | null = b; n; n = n.parent) if (seen.has(n)) return n;
  return a;
}
