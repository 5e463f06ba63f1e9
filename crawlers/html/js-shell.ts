/**
 * Does a list page hold its list only after JavaScript runs (docs/SITES.md §1 C/D: `<ul id="docList">`
 * plus `/gongkai/js/list.js`; JPaaS units)? Only asked of pages that yielded nothing statically;
 * a yes sends the page to Chromium.
 */
import type { CheerioAPI } from 'cheerio';

/** Containers a list script fills: empty, and named like a list. */
const LIST_CONTAINER = /list|doc|article|news|data|item|content|result|gk|xxgk|record|table/i;
/** Inline script that loads data: fetch, XMLHttpRequest, jQuery ajax, a JSONP script tag. */
const LOADS_DATA = /\bfetch\s*\(|XMLHttpRequest|\$\.(?:ajax|get|post|getJSON)\s*\(|axios|\.load\s*\(|createElement\(\s*['"]script/;

/** True when the page looks like a JavaScript shell around an empty list. */
export function looksLikeJsShell($: CheerioAPI): boolean {
  const externalScripts = $('script[src]').filter((_, el) => !/jquery|common|gov|stat|analytics|baidu|cnzz/i.test($(el).attr('src') ?? '')).length;
  const inlineLoader = $('script:not([src])').toArray().some((el) => LOADS_DATA.test($(el).html() ?? ''));
  if (!externalScripts && !inlineLoader) return false;
  const emptyContainer = $('ul, ol, tbody, div')
    .toArray()
    .some((el) => {
      const $el = $(el);
      const name = `${$el.attr('id') ?? ''} ${$el.attr('class') ?? ''}`;
      return LIST_CONTAINER.test(name) && $el.children().length === 0 && !$el.text().trim();
    });
  return emptyContainer || (inlineLoader && $('body').text().replace(/\s+/g, '').length < 400);
}
