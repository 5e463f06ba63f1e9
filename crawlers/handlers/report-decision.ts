/**
 * Is a candidate a report, and whose, for which year? docs/SITES.md §2's decision rule: the title
 * makes a candidate; the content (the HTML body or an attachment) confirms it with the template's
 * tables, or before 2019 with 政府信息公开 and application figures. A report title whose content
 * cannot confirm it (a scan, an unreadable file) is kept with confidence 'low'; a loose title
 * (工作总结) without confirmation is held back. The year comes from the title, else the body, else
 * the attachment, else the 汇总 page: never from a URL or a publication date.
 */
import { agencyFromTitle, resolveAgency, type AgencyClues } from '../agency.ts';
import { yearFromBody, type Evidence } from '../confirm.ts';
import type { TitleMatch } from '../match.ts';
import type { ReportDocument } from '../raw-store.ts';
import type { SiteRun } from '../site-run.ts';
import type { DocumentFacts } from '../state/document-facts.ts';
import type { ReportCandidate } from '../state/report-book.ts';

/** The last reporting year of free-form reports: the 2019 template made the tables the rule. */
export const LAST_FREEFORM_YEAR = 2018;

export interface CandidateInput {
  url: string;
  title: string | null;
  match: TitleMatch | null;
  bodyText: string;
  bodyEvidence: Evidence;
  attachments: DocumentFacts[];
  clues: AgencyClues;
  published: string | null;
  documents: ReportDocument[];
  fingerprints: string[];
  /** The year a 汇总 page gives its documents. */
  hintYear?: number | null;
  /** 0 for a copy on the site's main host, 1 elsewhere. */
  rank: number;
}

export type Decision = { candidate: ReportCandidate } | { rejected: string; low?: boolean };

/** Decides whether the input is a report of `site`, and builds its candidate. */
export function decideReport(site: SiteRun, input: CandidateInput): Decision {
  const year = input.match?.year ?? yearFromBody(input.bodyText) ?? input.attachments.find((a) => a.year !== null)?.year ?? input.hintYear ?? null;
  const evidences = [input.bodyEvidence, ...input.attachments.map((a) => a.evidence)];
  const template = evidences.includes('template');
  const freeform = evidences.includes('freeform') && year !== null && year <= LAST_FREEFORM_YEAR;
  const confirmed = template || freeform;
  if (!confirmed && input.match?.kind !== 'report') {
    return { rejected: `held back: the title is not a report title and the content has no report tables (${input.title ?? 'untitled'}; low confidence)`, low: true };
  }
  if (year === null) return { rejected: `no reporting year in the title or the body (${input.title ?? 'untitled'})` };
  if (!input.documents.length) return { rejected: 'no document of the report could be stored' };
  const agency = resolveAgency(input.clues, site.agencies) ?? site.config.agency;
  const title = (input.title ?? `${agency}${year}年政府信息公开工作年度报告`).replace(/\s*\n\s*/g, '').trim();
  return {
    candidate: {
      site_id: site.id,
      agency,
      region: site.config.region ?? null,
      level: site.levelOf(agency),
      year,
      title,
      url: input.url,
      published: input.published,
      documents: input.documents,
      fingerprints: input.fingerprints,
      correction: input.match?.correction ?? false,
      confidence: confirmed ? 'high' : 'low',
      rank: input.rank,
    },
  };
}

/** True when a title names its own agency (so a list's title is worth keeping over a bare page title). */
export const titleNamesAgency = (title: string | null | undefined): boolean => !!title && agencyFromTitle(title) !== null;
