/**
 * Whose report is it? The configured agency when the page names one (site.agency or one of
 * site.agencies, matched tolerantly: 县信访局 for 清河县信访局, 太平镇政府 for 太平镇人民政府,
 * 管委会 for 管理委员会), otherwise the name the page gives. A department's report on a county
 * site belongs to the department: the title's own name wins over the site's, and a longer name
 * (清河县人民政府办公室) is not its prefix (清河县人民政府).
 */
import { foldText } from './fold.ts';

/** What the page says about its author, most specific first. */
export interface AgencyClues {
  /** The report title (ArticleTitle, h1, list text). */
  title?: string | null;
  /** 发布机构 / 来源 / ContentSource. */
  publisher?: string | null;
  /** Breadcrumb texts, home first. */
  breadcrumb?: string[];
  /** The first paragraphs of the body (「XX局2023年政府信息公开工作年度报告」 heading, 本报告由XX编制). */
  lead?: string | null;
}

/** Suffixes that make a string an agency name (局, 委员会, 人民政府, 镇, 街道办事处, 管委会 …). */
const AGENCY_SUFFIX = /(?:政府|局|委员会|委|办公室|办|室|中心|院|会|镇|乡|街道|办事处|区|县|市|旗|所|队|站|厅|部|署|处|馆|社|行|集团|公司)$/;

/** Words around the name in a title: 关于, 的, years, the report phrase and what follows it. */
const REPORT_PHRASE_AND_AFTER = /(?:(?:政府|政务)?信息公开(?:工作)?(?:年度)?(?:报告|年报)|政务公开(?:工作)?年度报告|(?:政府|政务)?信息公开工作(?:总结|情况)).*$/;
const YEAR = /(?:(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})年度?/g;

/** Folded forms that mean the same agency: 人民政府 = 政府, 管理委员会 = 管委会, 办事处 dropped. */
function canonical(name: string): string {
  return foldText(name)
    .replace(/管理委员会/g, '管委会')
    .replace(/人民政府/g, '政府')
    .replace(/街道办事处$/, '街道')
    .replace(/^中共/, '');
}

/** Place-name endings: a read name may drop the leading place (县信访局, 信访局 for 清河县信访局). */
const PLACE_END = /[省市县区镇乡旗]$/;

/** True when `read` and `configured` are the same name once folded (人民政府 = 政府, 管委会 = 管理委员会). */
export function sameAgencyExactly(read: string, configured: string): boolean {
  const a = canonical(read);
  return !!a && a === canonical(configured);
}

/**
 * True when `read` names the agency `configured`: the same name, or the same without 政府 after a
 * place (下各镇 for 下各镇人民政府, 清江浦区 for 淮安市清江浦区人民政府), or without the leading
 * place names (县信访局, 信访局 for 清河县信访局).
 */
export function sameAgency(read: string, configured: string): boolean {
  if (sameAgencyExactly(read, configured)) return true;
  const strip = (s: string) => (/[省市县区镇乡旗]政府$/.test(s) ? s.slice(0, -2) : s);
  const a = strip(canonical(read));
  const b = strip(canonical(configured));
  if (!a || !b) return false;
  if (a === b) return true;
  if (a.length < 2 || !b.endsWith(a)) return false;
  const dropped = b.slice(0, b.length - a.length);
  if (PLACE_END.test(dropped)) return true;
  // 县信访局: the read name keeps only the kind of place (县) of the dropped one (清河县).
  const kept = a.replace(/^[县区市]/, '');
  return kept !== a && b.endsWith(kept) && PLACE_END.test(b.slice(0, b.length - kept.length));
}

/** The agency a title names: what stands before the report phrase, years and 关于 removed. */
export function agencyFromTitle(title: string): string | null {
  const folded = foldText(title).replace(YEAR, '');
  const m = REPORT_PHRASE_AND_AFTER.exec(folded);
  if (!m) return null;
  const name = folded
    .slice(0, m.index)
    .replace(/关于$|的$/g, '')
    .replace(/^[(（【\[].*?[)）】\]]/, '')
    .replace(/[:：,，、\-—_|]+$/, '')
    .replace(/^[:：,，、\-—_|]+/, '');
  return name && AGENCY_SUFFIX.test(name) ? name : null;
}

/** The unit a breadcrumb names: the last crumb that looks like an agency (下各镇, 清河县农业农村局). */
function agencyFromBreadcrumb(crumbs: string[]): string | null {
  for (let i = crumbs.length - 1; i >= 0; i--) {
    const c = foldText(crumbs[i]!);
    if (c && c.length <= 30 && AGENCY_SUFFIX.test(c) && !/信息公开|政务公开|年报|年度报告|首页|栏目|部门|乡镇|街道$|各区/.test(c)) return c;
  }
  return null;
}

/** The first agency named at the start of the body: 「XX局2023年政府信息公开工作年度报告」. */
function agencyFromLead(lead: string): string | null {
  const head = foldText(lead).slice(0, 200);
  return agencyFromTitle(head);
}

/**
 * The agency of a report. The title's own name wins (a department's report on a county site is
 * the department's), as the configured spelling when it names a configured agency; without one,
 * the first of publisher, breadcrumb and lead that names a configured agency, else the first name
 * read. Null when no clue names an agency.
 */
export function resolveAgency(clues: AgencyClues, configured: string[]): string | null {
  const match = (name: string) => configured.find((c) => sameAgencyExactly(name, c)) ?? configured.find((c) => sameAgency(name, c));
  const fromTitle = clues.title ? agencyFromTitle(clues.title) : null;
  if (fromTitle) return match(fromTitle) ?? fromTitle;
  const read = [
    clues.publisher ? foldText(clues.publisher) : null,
    clues.breadcrumb ? agencyFromBreadcrumb(clues.breadcrumb) : null,
    clues.lead ? agencyFromLead(clues.lead) : null,
  ].filter((n): n is string => !!n);
  for (const name of read) {
    const hit = match(name);
    if (hit) return hit;
  }
  return read.find((n) => AGENCY_SUFFIX.test(n)) ?? null;
}
