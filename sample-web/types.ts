/**
 * The contract of the sample web: what `startSampleWeb` takes and gives back. The crawler's tests,
 * the warehouse's end-to-end test and the demo read these shapes; change them only additively.
 */
import type { AgencyConfig, AgencyLevel, PipelineConfigInput } from '../config/schema.ts';

export interface SampleWebOptions {
  /** Also serve N generated TRS-like sites (deterministic from their index). Default 0. */
  synthetic?: number;
  /**
   * The generated sites' size. 'town' (default): the site's own 2–4 yearly reports, one list
   * page on most sites. 'county': a county portal's column as real ones are, the county
   * government's and twelve departments' reports for three years (39), fifteen to a list page.
   */
  syntheticShape?: 'town' | 'county';
  /** Which state of the web to serve first (2 = after a correction and a new report). Default 1. */
  phase?: 1 | 2;
  /** Added to every response, in ms (imitates a distant server). Default 0. */
  latencyMs?: number;
  /**
   * Transient faults: the flaky paths (429 then 200, 500 then 200), the drip-fed and the stalled
   * responses. Default true. Robots, challenge pages, redirects and 404s are site content and
   * stay on either way.
   */
  faults?: boolean;
  /**
   * Per-host request rate above which a client earns 429 + Retry-After, in requests per second
   * (a token bucket allowing short bursts of twice that). Default 2; 0 turns it off (benchmarks).
   */
  rateLimitPerSecond?: number;
  /** How long the drip-fed attachment takes to arrive, in ms. Default 2000. */
  dripMs?: number;
  /**
   * Listen on consecutive ports from this one (hand-built hosts in a fixed order, then synthetic
   * ones) so URLs stay the same between runs. Default: every host takes a free port from the OS.
   */
  basePort?: number;
  /**
   * Synthetic sites beyond this count share one server and are told apart by a path prefix
   * `/s/<n>/` (see `SampleWeb.sharedSyntheticHost`). Default 1000.
   */
  syntheticPortLimit?: number;
}

/** docs/SITES.md §1 archetype, or 'synthetic' for generated sites, 'blocked' for the robots/challenge sites. */
export type Archetype = 'A-trs' | 'B-jcms' | 'C-gkmlpt' | 'D-platform' | 'E-static' | 'F-tree' | 'blocked' | 'synthetic' | UnseenArchetype;

/** The unseen web's shapes (sample-web/unseen/, issue 8): built from real portals, not from the crawler. */
export type UnseenArchetype = 'unseen-jsapp' | 'unseen-spa' | 'unseen-aspnet' | 'unseen-download' | 'unseen-select' | 'unseen-iframe' | 'unseen-idlist';

export interface SampleSite {
  id: string;
  agency: string;
  region: string;
  level: AgencyLevel;
  archetype: Archetype;
  /** One line on what the site imitates and which traps it holds. */
  description: string;
  startUrls: string[];
  /** `127.0.0.1:PORT` of every host the crawler may fetch from for this site. */
  allowedHosts: string[];
  /** Agencies expected to publish on this site (some on purpose have no report for some years). */
  agencies: AgencyConfig[];
  expectedYears: number[];
  /**
   * No report of this site can be reached from its static HTML: every route to one is made by
   * the pages' scripts, so a crawl with `render: 'static'` finds nothing here.
   */
  renderOnly?: boolean;
}

/** The numbers a hosted report carries, in the shape of docs/RECORD.md (without checks' details). */
export interface ExpectedRecord {
  schema: 'govreport/1';
  source: { uri: string; format: 'html' | 'pdf' | 'docx' | 'doc' | 'txt' };
  title: string;
  agency: string;
  year: number;
  template: '2021' | '2019';
  active_disclosure: Record<string, Record<string, number | string | null>>;
  applications: Record<string, (number | null)[]>;
  review_litigation: Record<'review' | 'litigation_direct' | 'litigation_after_review', Record<string, number | null>>;
  checks: { id: string; ok: boolean | null; detail?: string }[];
  warnings: string[];
}

export interface ExpectedReport {
  siteId: string;
  agency: string;
  /** The year reported on (not the year of publication). */
  year: number;
  /** The full title as the detail page (or document) gives it. */
  title: string;
  /** The canonical detail page, or the document itself for reports linked as bare files (汇总 pages). */
  detailUrl: string;
  /**
   * The documents of the report the crawler must store: the detail page when its body holds the
   * tables or a short text, then each attachment. A crawler may store more (a viewer-only page).
   */
  documentUrls: string[];
  /** Other URLs listing the very same report (a department's own copy, a pagination alias). */
  alternateUrls?: string[];
  /**
   * Documents served by a download endpoint: the file name its `Content-Disposition` header
   * gives, decoded (document URL → name). The URL may carry no extension; the bytes tell the format.
   */
  fileNames?: Record<string, string>;
  /** 1, or 2 for a corrected re-publication (phase 2). */
  version: number;
  /** false for a version superseded by a later one (phase 2's original of the corrected report). */
  current: boolean;
  /** ISO date the site shows as published. */
  published: string;
  /** Which document carries the numbers (the detail page or an attachment URL). */
  numbersIn: string;
  /** Path of the golden record file whose numbers the report carries (copied corpus record or generated). */
  golden?: string;
  /** The expected record itself: title, agency and year as hosted, numbers from `golden` or generated. */
  record: ExpectedRecord;
}

export interface RequestLogEntry {
  /** ms since the epoch. */
  time: number;
  /** `127.0.0.1:PORT`. */
  host: string;
  method: string;
  /** Path and query as requested. */
  path: string;
  status: number;
  ifNoneMatch?: string;
  ifModifiedSince?: string;
  referer?: string;
  userAgent?: string;
}

/** URLs and hosts the crawler's tests can assert on. */
export interface SampleWebTraps {
  /** Linked but never to be fetched: copies on a mirror host outside allowedHosts, robots-disallowed paths. */
  forbiddenUrls: string[];
  /** Hosts no crawler should fetch from beyond robots.txt (a whole site under `Disallow: /`). */
  robotsBlockedHosts: string[];
  /** Hosts whose every page is a JS challenge (412 瑞数 / 521 加速乐). */
  challengeHosts: string[];
  /** Flaky paths: the first `failures` requests answer `status`, later ones 200. */
  flaky: { url: string; status: number; failures: number }[];
  /** Attachments larger than the configured `limits.maxDocumentBytes`. */
  oversizedUrls: string[];
  /** A response that drips out slowly but completes. */
  dripUrl: string;
  /** A response that never completes (the crawler's read timeout must end it); not a report. */
  stallUrl: string;
  /** Links in lists that answer 404, and pages that answer 200 with 页面不存在. */
  notFoundUrls: string[];
  softNotFoundUrls: string[];
}

export interface SampleWeb {
  sites: SampleSite[];
  /** Ready for `resolveConfig`: every site, expected years, the document size limit the traps rely on. */
  config: PipelineConfigInput;
  /** The reports a perfect crawl finds in the current phase. */
  expected(): ExpectedReport[];
  /** Titles listed on the sites that are not yearly reports and must not be taken. */
  nearMisses: string[];
  traps: SampleWebTraps;
  /**
   * Set when synthetic sites beyond `syntheticPortLimit` share one server: its `127.0.0.1:PORT`.
   * Those sites are told apart by the path prefix `/s/<n>/` in their start URLs.
   */
  sharedSyntheticHost: string | null;
  phase: 1 | 2;
  setPhase(p: 1 | 2): void;
  /** Every request to every host, in arrival order. */
  requests: RequestLogEntry[];
  close(): Promise<void>;
}
