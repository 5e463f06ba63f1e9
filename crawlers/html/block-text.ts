/**
 * The text of an element as a reader sees it: text nodes joined, a line break at every block and
 * table-cell boundary (cheerio's `.text()` runs `<td>发布机构：</td><td>清河县</td>` together),
 * scripts and styles dropped, and any element `skip` names left out. One walk, no cloning.
 */
import type { AnyNode, Element } from 'domhandler';

/** Elements that end a line of text. */
const BLOCK = new Set(['address', 'article', 'aside', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'title', 'option']);
/** Elements whose content is never text. */
const NEVER = new Set(['script', 'style', 'noscript', 'template', 'head']);

export type Skip = (el: Element) => boolean;

/** The lines of text under `roots`, trimmed, empty lines dropped. */
export function blockLines(roots: AnyNode[], skip: Skip = () => false): string[] {
  const parts: string[] = [];
  const walk = (nodes: AnyNode[]) => {
    for (const n of nodes) {
      if (n.type === 'text') parts.push((n as unknown as { data: string }).data);
      else if (n.type === 'tag' || n.type === 'script' || n.type === 'style') {
        const el = n as Element;
        const name = el.name.toLowerCase();
        if (NEVER.has(name) || skip(el)) continue;
        const block = BLOCK.has(name);
        if (block) parts.push('\n');
        walk(el.children);
        if (block) parts.push('\n');
      } else if (n.type === 'root') {
        walk((n as unknown as { children: AnyNode[] }).children);
      }
    }
  };
  walk(roots);
  return parts
    .join('')
    .split('\n')
    .map((l) => l.replace(/[\s\u00a0\u3000]+/g, ' ').trim())
    .filter(Boolean);
}

/** True when an element's class list or id holds one of `names`. */
export function hasClassOrId(el: Element, names: Set<string>): boolean {
  const id = el.attribs.id;
  if (id && names.has(id)) return true;
  const cls = el.attribs.class;
  return !!cls && cls.split(/\s+/).some((c) => names.has(c));
}
