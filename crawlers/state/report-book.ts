/**
 * Turns the report candidates a site yielded into `reports.jsonl` lines. A report is identified
 * by (site_id, agency, year). Candidates of one report found under several URLs (the parent's
 * tree and the department's column, an HTML page and the same PDF on a 汇总 page) share a
 * document and become one; content already stored as some version adds nothing; new content is
 * the next version, ordered by published date with （更正） re-publications last. Candidates are
 * committed when their site is done, so a kill -9 loses at most the site in progress, which the
 * next run finds again.
 */
import { createHash } from 'node:crypto';
import type { RawStore, ReportDocument, ReportEntry } from '../raw-store.ts';

/** A report as one URL showed it, before de-duplication and versioning. */
export interface ReportCandidate {
  site_id: string;
  agency: string;
  region: string | null;
  level: string | null;
  year: number;
  title: string;
  url: string;
  published: string | null;
  documents: ReportDocument[];
  /**
   * One content key per document, what makes two copies the same: the SHA-256 of an attachment's
   * bytes, and of the article text for an HTML body (the page around it carries visit counters,
   * generation times and another site's navigation).
   */
  fingerprints: string[];
  /** The title marks a corrected re-publication. */
  correction: boolean;
  confidence: 'high' | 'low';
  /** Preference among copies of one report: the site's main host first. */
  rank: number;
}

export interface CommitResult {
  entries: ReportEntry[];
  /** Identities seen for the first time. */
  newReports: number;
  /** New versions of identities already stored. */
  newVersions: number;
  /** Distinct reports (identities) the candidates named. */
  reportsFound: number;
}

interface KnownVersion {
  version: number;
  fingerprints: Set<string>;
}

const identity = (r: { site_id: string; agency: string; year: number }) => `${r.site_id}\u0000${r.agency}\u0000${r.year}`;

/** SHA-256 over the sorted content keys: equal for equal content, whatever the URLs. */
export function contentSha(fingerprints: Iterable<string>): string {
  return createHash('sha256').update([...new Set(fingerprints)].sort().join('\n')).digest('hex');
}

export class ReportBook {
  private readonly known = new Map<string, KnownVersion[]>();

  /** `write` appends committed entries; by default straight to the store, the crawl passes a batching journal. */
  constructor(
    store: RawStore,
    private readonly write: (entries: ReportEntry[]) => void = (entries) => store.addReports(entries),
  ) {
    for (const e of store.reports()) this.remember(e);
  }

  private remember(e: ReportEntry): void {
    const list = this.known.get(identity(e)) ?? [];
    const fps = new Set(e.fingerprints ?? [e.content_sha256]);
    fps.add(e.content_sha256);
    list.push({ version: e.version, fingerprints: fps });
    this.known.set(identity(e), list);
  }

  /** True when every content key of `fps` belongs to one stored version of the report. */
  private isKnown(key: string, fps: string[]): boolean {
    const list = this.known.get(key);
    if (!list) return false;
    const sha = contentSha(fps);
    return list.some((v) => v.fingerprints.has(sha) || fps.every((f) => v.fingerprints.has(f)));
  }

  /** Versions stored for an identity so far. */
  versions(siteId: string, agency: string, year: number): number {
    return this.known.get(identity({ site_id: siteId, agency, year }))?.length ?? 0;
  }

  /** De-duplicates, versions and appends a site's candidates. */
  commit(candidates: ReportCandidate[], now = new Date()): CommitResult {
    const groups = new Map<string, ReportCandidate[]>();
    for (const c of candidates) {
      const key = identity(c);
      groups.set(key, [...(groups.get(key) ?? []), c]);
    }
    const result: CommitResult = { entries: [], newReports: 0, newVersions: 0, reportsFound: groups.size };
    for (const [key, group] of groups) {
      const fresh = mergeCopies(group).filter((copies) => !this.isKnown(key, copies.flatMap((c) => c.fingerprints)));
      fresh.sort((a, b) => order(a[0]!, b[0]!));
      let version = this.known.get(key)?.reduce((m, v) => Math.max(m, v.version), 0) ?? 0;
      if (fresh.length && version === 0) result.newReports++;
      for (const copies of fresh) {
        version++;
        if (version > 1) result.newVersions++;
        const primary = [...copies].sort((a, b) => Number(hasArticle(b)) - Number(hasArticle(a)) || b.documents.length - a.documents.length || a.rank - b.rank)[0]!;
        const fingerprints = [...new Set(copies.flatMap((c) => c.fingerprints))];
        const entry: ReportEntry = {
          site_id: primary.site_id,
          agency: primary.agency,
          region: primary.region,
          level: primary.level,
          year: primary.year,
          title: primary.title,
          url: primary.url,
          published: copies.map((c) => c.published).filter((p): p is string => !!p).sort()[0] ?? null,
          documents: primary.documents,
          version,
          content_sha256: contentSha(fingerprints),
          found_at: now.toISOString(),
          confidence: copies.some((c) => c.confidence === 'high') ? 'high' : 'low',
          fingerprints,
        };
        this.remember(entry);
        result.entries.push(entry);
      }
    }
    this.write(result.entries);
    return result;
  }
}

/** A copy found on an article page (title, date, metadata) rather than as a bare file on a 汇总 page. */
const hasArticle = (c: ReportCandidate) => c.documents.every((d) => d.url !== c.url);

/** Earlier publications first; a （更正） after the report it corrects. */
function order(a: ReportCandidate, b: ReportCandidate): number {
  return (a.published ?? '').localeCompare(b.published ?? '') || Number(a.correction) - Number(b.correction);
}

/** Groups candidates that share a document (copies of one version); a correction never joins the original. */
function mergeCopies(candidates: ReportCandidate[]): ReportCandidate[][] {
  const groups: ReportCandidate[][] = [];
  for (const c of candidates) {
    const joined = groups.filter((g) => g[0]!.correction === c.correction && g.some((o) => o.fingerprints.some((f) => c.fingerprints.includes(f))));
    const merged = [c, ...joined.flat()];
    for (const g of joined) groups.splice(groups.indexOf(g), 1);
    groups.push(merged);
  }
  return groups;
}
