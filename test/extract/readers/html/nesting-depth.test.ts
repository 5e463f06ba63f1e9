import { describe, expect, it } from 'vitest';
import { nestingDepth } from '../../../../extract/readers/html/nesting-depth.ts';

/** Pads a page past the size under which the scan is skipped. */
const big = (html: string) => html + `<!--${' '.repeat(300 * 1024)}-->`;

describe('nestingDepth', () => {
  it('follows the parser: void elements, implied closes and raw text do not deepen the tree', () => {
    const html = big(`<div><p>a<p>b<p>c<ul><li>1<li>2</ul><br><img src=x><table><tr><td>1<td>2<tr><td>3</table><script>if (a<b) { '<div><div><div>' }</script></div>`);
    expect(nestingDepth(html)).toBe(4);
  });

  it('counts 500 nested tables as ~2,000 levels, under the limit', () => {
    const depth = nestingDepth(big('<table><tbody><tr><td>'.repeat(500) + 'x' + '</td></tr></tbody></table>'.repeat(500)));
    expect(depth).toBe(2000);
  });

  it('stops as soon as the limit is passed', () => {
    expect(nestingDepth(big('<div>'.repeat(1_000_000)), 5000)).toBe(5001);
  });

  it('skips small pages', () => {
    expect(nestingDepth('<div>'.repeat(10_000))).toBe(0);
  });
});
