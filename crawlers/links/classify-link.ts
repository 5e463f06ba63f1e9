/**
 * Decides what to do with each link of a page (docs/SITES.md §0 route to the reports): follow the
 * disclosure section (政务公开, zwgk …) from navigation pages; open report columns (by name or
 * slug), their pages (pagers: 下一页, 尾页, numbers) and their sub-columns (by year, by kind of
 * unit, by unit); open report candidates (by title, matched in match.ts); take documents linked
 * from a 汇总 page as reports of their own. Everything else is ignored.
 */
import { foldText } from '../fold.ts';
import { hasReportColumnSlug, isPortalLink, isReportColumnName, matchTitle, type TitleMatch } from '../match.ts';
import { isHomePage } from '../url.ts';
import { isDocumentUrl, type PageLink } from '../html/page-links.ts';
import { isUnder, looksLikeArticleUrl, looksLikeColumnUrl } from './url-shape.ts';

/** How a page was reached: navigation toward the reports, or inside a report column. */
export type PageRole = 'nav' | 'list';

export type Follow =
  | { kind: 'detail'; url: string; title: string; match: TitleMatch; date?: string | null }
  | { kind: 'document'; url: string; title: string; match: TitleMatch | null; unit?: string | null; year?: number | null; date?: string | null }
  /** A page: `column` true for a new report column or sub-column, false for another page of the same list. */
  | { kind: 'page'; url: string; role: PageRole; column: boolean; fragment: string | null; summary?: TitleMatch };

/** Pager link texts. 首页 is left out: it is page 1, or the site's home page. */
const PAGER_TEXT = /^(?:下一?页|下页|后页|尾页|末页|最后一?页|上一?页|前页|next|last|prev(?:ious)?|[>»›]{1,2}|\d{1,4})$/i;
/** Sub-column names by year: 2023, 2023年, 2023年度, 2023年报. */
const YEAR_LABEL = /^(?:19|20)\d{2}(?:年度?)?(?:年报|报告|年度报告)?$/;
/** Sub-column names by kind of unit (docs/SITES.md §0: bm 部门, gq 各区, sbj 市本级, xzjd 乡镇街道, 街办). */
const UNIT_KIND_LABEL =
  /^(?:部门|(?:市|县|区)直(?:部门|单位)?|政府部门|(?:县|市)?政府工作部门|乡镇|街道|乡镇街道|镇街|镇(?:人民)?政府|街道办事处|街办|各区|各县(?:区|市)?|区县|县区|县市区|市本级|本级|开发区|园区|功能区|直属单位|单位|市政府|区政府|县政府|(?:部门|乡镇|街道|单位)(?:信息公开)?年报)$/;
/** Names of neighbour columns that never hold reports. */
const DECOY = /指南|制度|目录|要点|依申请|规定|办法|解读|动态|新闻|要闻|政策|公告|通知|征集|意见|互动|服务|办事|联系|地图|帮助|登录|注册|搜索/;
/** An agency-like unit name (下各镇, 清河县农业农村局, 淮安市公安局) as a sub-column. */
const UNIT_NAME = /(?:局|委员会|委|办公室|办|中心|院|镇|乡|街道|办事处|区|县|市|管委会|政府)$/;

const labelOf = (l: PageLink) => (l.title && l.title.length >= l.text.replace(/[.…]+$/, '').length ? l.title : l.text) || l.title || '';

export interface ClassifyOptions {
  pageUrl: string;
  role: PageRole;
  /** The page is a 汇总 page: its documents are reports of the units they name. */
  summary: TitleMatch | null;
  /** True when more navigation hops are allowed from this page. */
  canNavigate: boolean;
  /** True when sub-columns may still be opened below this page. */
  canDescend: boolean;
}

/** What to do with one link; null to ignore it. */
export function classifyLink(link: PageLink, o: ClassifyOptions): Follow | null {
  const label = labelOf(link).replace(/\s+/g, ' ').trim();
  const folded = foldText(label);
  const url = link.url;
  const fragment = link.fragment;

  if (isDocumentUrl(url)) {
    const match = matchTitle(label);
    if (o.summary) return { kind: 'document', url, title: label, match, unit: label || null, year: match?.year ?? o.summary.year, date: link.date ?? null };
    if (match && (match.kind === 'report' || match.kind === 'loose')) return { kind: 'document', url, title: label, match, date: link.date ?? null };
    return null;
  }
  // A frame on a report column is part of that page (the list often lives in it, with no link text).
  if (link.via === 'iframe' && o.role === 'list' && new URL(url).host === new URL(o.pageUrl).host) {
    return { kind: 'page', url, role: 'list', column: false, fragment };
  }
  const columnish = looksLikeColumnUrl(url);
  const match = matchTitle(label);
  const article = looksLikeArticleUrl(url);
  // 下一页, 尾页, 3 on a list page are its pager, whatever column slug their URLs hold.
  const pager = o.role === 'list' && PAGER_TEXT.test(folded) && !YEAR_LABEL.test(folded) && new URL(url).host === new URL(o.pageUrl).host;
  if (!article && !pager && (isReportColumnName(label) || (hasReportColumnSlug(url) && !DECOY.test(folded) && (columnish || !match)))) {
    if (!match || match.year === null || columnish) return { kind: 'page', url, role: 'list', column: true, fragment };
  }
  if (match) {
    switch (match.kind) {
      case 'report':
      case 'loose':
        // A report phrase on a folder link without a year names a column (洪泽区政府信息公开年报).
        if (columnish && match.year === null) return { kind: 'page', url, role: 'list', column: true, fragment };
        return { kind: 'detail', url, title: label, match, date: link.date ?? null };
      case 'summary':
        return { kind: 'page', url, role: 'list', column: true, fragment, summary: match };
      case 'interpretation':
        return { kind: 'page', url, role: 'list', column: true, fragment };
    }
  }
  if (isHomePage(url)) {
    // Another allowed host's home (a department's own site) is worth a look from navigation.
    return o.role === 'nav' && o.canNavigate && new URL(url).host !== new URL(o.pageUrl).host ? { kind: 'page', url, role: 'nav', column: false, fragment } : null;
  }
  if (o.role === 'nav') {
    if (o.canNavigate && isPortalLink(label, url) && !DECOY.test(folded)) return { kind: 'page', url, role: 'nav', column: false, fragment };
    return null;
  }
  // Inside a report column: its pages and its sub-columns.
  if (article) return null;
  if (PAGER_TEXT.test(folded) && new URL(url).host === new URL(o.pageUrl).host) return { kind: 'page', url, role: 'list', column: false, fragment };
  if (!o.canDescend || DECOY.test(folded)) return null;
  const under = isUnder(url, o.pageUrl);
  if (YEAR_LABEL.test(folded) || UNIT_KIND_LABEL.test(folded)) return { kind: 'page', url, role: 'list', column: true, fragment };
  if (under && (UNIT_NAME.test(folded) || url.endsWith('/'))) return { kind: 'page', url, role: 'list', column: true, fragment };
  return null;
}
