/**
 * Just enough CSS to see tables drawn with `<div>`s: the `display` and grid properties an element
 * gets from its inline style or from simple class/id rules in the page's `<style>` blocks.
 * Rules inside at-rules (`@media print { … }`) are ignored: they apply only sometimes.
 * Nothing else of CSS is interpreted, and stylesheet `display:none` is never used to hide text.
 */
import { classTokens, inlineStyle, type Element } from './dom.ts';

/** The layout properties we read. */
export interface LayoutStyle {
  display?: string;
  gridTemplateColumns?: string;
  gridColumn?: string;
  gridRow?: string;
}

const PROPS: Record<string, keyof LayoutStyle> = {
  display: 'display',
  'grid-template-columns': 'gridTemplateColumns',
  'grid-column': 'gridColumn',
  'grid-row': 'gridRow',
};

/** Class and id rules of a page's style sheets. */
export class CssDisplay {
  private readonly byClass = new Map<string, LayoutStyle>();
  private readonly byId = new Map<string, LayoutStyle>();

  /** Reads the top-level rules of each style sheet text. */
  constructor(sheets: string[]) {
    for (const sheet of sheets) this.addSheet(sheet);
  }

  /** True when no rule sets any layout property (most pages): lookups can be skipped. */
  get empty(): boolean {
    return this.byClass.size === 0 && this.byId.size === 0;
  }

  /** The element's layout style: class rules, then id rules, then its inline style (later wins). */
  styleOf(el: Element): LayoutStyle {
    const out: LayoutStyle = {};
    if (!this.empty) {
      for (const c of classTokens(el)) Object.assign(out, this.byClass.get(c));
      const id = el.attribs['id'];
      if (id) Object.assign(out, this.byId.get(id));
    }
    const raw = el.attribs['style'];
    const inline = raw && (raw.includes('display') || raw.includes('grid')) ? inlineStyle(el) : null;
    if (inline) {
      for (const [prop, key] of Object.entries(PROPS)) {
        const v = inline.get(prop);
        if (v) out[key] = v;
      }
    }
    return out;
  }

  private addSheet(sheet: string): void {
    const css = sheet.replace(/\/\*[\s\S]*?\*\//g, '');
    let depth = 0;
    let selectorStart = 0;
    let blockStart = -1;
    let selector = '';
    for (let i = 0; i < css.length; i++) {
      const ch = css[i];
      if (ch === '{') {
        if (depth === 0) {
          selector = css.slice(selectorStart, i).trim();
          blockStart = i + 1;
        }
        depth++;
      } else if (ch === '}') {
        depth = Math.max(0, depth - 1);
        if (depth === 0) {
          if (blockStart >= 0 && !selector.startsWith('@')) this.addRule(selector, css.slice(blockStart, i));
          selectorStart = i + 1;
          blockStart = -1;
        }
      }
    }
  }

  private addRule(selectorList: string, body: string): void {
    const style: LayoutStyle = {};
    for (const decl of body.split(';')) {
      const colon = decl.indexOf(':');
      if (colon < 0) continue;
      const key = PROPS[decl.slice(0, colon).trim().toLowerCase()];
      if (key) style[key] = decl.slice(colon + 1).replace(/!important/i, '').trim().toLowerCase();
    }
    if (Object.keys(style).length === 0) return;
    for (const selector of selectorList.split(',')) {
      // Only the last compound selector counts (`.report .tr` styles `.tr`); pseudo-classes are skipped.
      const last = selector.trim().split(/[\s>+~]+/).pop() ?? '';
      if (last.includes(':') || last.includes('[')) continue;
      const m = /([.#])([\w-]+)$/.exec(last);
      if (!m) continue;
      const map = m[1] === '.' ? this.byClass : this.byId;
      map.set(m[2]!, { ...map.get(m[2]!), ...style });
    }
  }
}
