/**
 * Archetype C, Guangdong 政府信息公开目录平台 (docs/SITES.md §1 C). The list page `…/gkmlpt/index#2961`
 * is an empty shell holding `window._CONFIG = {SID, TREE, ACTION}`; its script calls
 * `GET …/gkmlpt/api/all/{catId}?page=N&sid={SID}`. The crawler calls that API itself: the category
 * is the link's `#fragment`, else the TREE node named like the report column. The JSON answer is
 * read by json-list.ts (articles[].title/url/date, `total`); page 1 often holds everything and
 * page 2 is then a 404, so further pages are asked only while the total is not reached.
 */
import { foldText } from '../fold.ts';
import { isReportColumnName, matchTitle } from '../match.ts';
import type { ListPage, Listing } from './listing.ts';

interface TreeNode {
  id?: number | string;
  name?: string;
  children?: TreeNode[];
}

interface GkmlptConfig {
  SID?: string | number;
  TREE?: TreeNode[];
  ACTION?: string;
}

/** The object literal assigned to `window._CONFIG` (JSON as the platform writes it). */
function readConfig(html: string): GkmlptConfig | null {
  const at = html.search(/window\._CONFIG\s*=\s*\{/);
  if (at < 0) return null;
  const start = html.indexOf('{', at);
  let depth = 0;
  for (let i = start; i < html.length; i++) {
    const c = html[i];
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) {
      try {
        return JSON.parse(html.slice(start, i + 1)) as GkmlptConfig;
      } catch {
        return null;
      }
    }
  }
  return null;
}

function flatten(nodes: TreeNode[] = []): TreeNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

/** True when a TREE node is the annual-report category. */
function isReportNode(n: TreeNode): boolean {
  const name = n.name ?? '';
  return isReportColumnName(name) || matchTitle(name)?.kind === 'report' || /年报|年度报告/.test(foldText(name));
}

/** The API calls of a gkmlpt shell, or an empty listing when the page is not one. */
export function gkmlptListing(page: ListPage): Listing {
  const config = readConfig(page.html);
  if (!config?.SID) return { entries: [], requests: [] };
  const nodes = flatten(config.TREE);
  const fromFragment = page.fragment && /^\d+$/.test(page.fragment) ? [page.fragment] : [];
  const fromTree = nodes.filter(isReportNode).map((n) => String(n.id));
  const cats = [...new Set([...fromFragment, ...fromTree])].filter((c) => c && c !== 'undefined');
  // The API sits beside the shell: /gkmlpt/index → /gkmlpt/api/all/…, /dept/gkmlpt/index → /dept/gkmlpt/api/all/…
  const path = new URL(page.url).pathname;
  const root = path.includes('/gkmlpt/') ? path.slice(0, path.indexOf('/gkmlpt/') + '/gkmlpt/'.length) : '/gkmlpt/';
  return {
    entries: [],
    requests: cats.map((cat) => ({ url: new URL(`${root}api/all/${cat}?page=1&sid=${encodeURIComponent(String(config.SID))}`, page.url).href, kind: 'api' as const })),
  };
}
