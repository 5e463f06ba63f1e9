/**
 * The shape of a nianbao configuration (`pipeline.config.ts`, or a `.ts`/`.json` file given with
 * `--config`), its defaults, and the one check every command runs at start. An unknown key or a
 * value of the wrong type is a ConfigError naming the file and the key.
 */
import { ConfigError } from '../errors.ts';

export type AgencyLevel = 'national' | 'province' | 'city' | 'county' | 'department' | 'township' | 'zone';
export const AGENCY_LEVELS: readonly AgencyLevel[] = ['national', 'province', 'city', 'county', 'department', 'township', 'zone'];

/** An agency expected to publish yearly reports (used for coverage: missing_reports). */
export interface AgencyConfig {
  name: string;
  level?: AgencyLevel;
  /** Overrides the configuration's `expectedYears` for this agency. */
  expectedYears?: number[];
}

export interface SiteConfig {
  /** Stable identifier (letters, digits, `-`, `_`); names the site in the data and on the command line. */
  id: string;
  /** The agency that runs the site (a county government); reports of its departments are attributed to them. */
  agency: string;
  region?: string;
  level?: AgencyLevel;
  /** Where discovery starts: the home page or the annual-report column. */
  startUrls: string[];
  /** Hosts the crawler may fetch from; defaults to the hosts of `startUrls`. */
  allowedHosts?: string[];
  /** `browser` renders list pages with Chromium; `auto` (default) does so only when a static page yields nothing. */
  render?: 'static' | 'browser' | 'auto';
  /** Agencies expected on this site besides `agency` (departments, towns, zones). */
  agencies?: AgencyConfig[];
  /** Overrides the configuration's `expectedYears` for every agency of this site. */
  expectedYears?: number[];
}

export interface PolitenessConfig {
  /** Requests in flight per host. */
  perHostConcurrency: number;
  /** Minimum pause between two requests to one host, in ms. */
  delayMs: number;
  /** Cap per host per minute (0 = no cap beyond delayMs). */
  maxRequestsPerMinute: number;
  userAgent: string;
  respectRobotsTxt: boolean;
  /** Hosts crawled at the same time (each still one request at a time by default). */
  globalConcurrency: number;
}

export interface LimitsConfig {
  /** Largest document stored, in bytes; larger ones are recorded as failures. */
  maxDocumentBytes: number;
  connectTimeoutMs: number;
  readTimeoutMs: number;
  /** Retries after the first attempt for 429, 5xx, resets and timeouts. */
  maxRetries: number;
  /** Base of the exponential backoff (1 s, 2 s, 4 s … plus jitter). */
  retryBaseMs: number;
  maxRedirects: number;
  /** List pages followed per column, at most. */
  maxListPages: number;
  /**
   * A site's budget for one run: at most this many requests queued and this many HTTP exchanges
   * made (retries, redirects, robots.txt and the browser's requests included). A site that reaches
   * it stops (its summary's `stoppedBy`); the other sites go on.
   */
  maxRequestsPerSite: number;
  /** Pages rendered in Chromium per site, at most (render: 'auto' renders only what static reading cannot). */
  maxRenderedPages: number;
  /** Time limit for one LibreOffice conversion. */
  convertTimeoutMs: number;
}

/**
 * How much a nightly run trusts what earlier runs saw. List pages are always fetched again; these
 * decide what else is asked. 0 means "every run": every stored document revalidated with a
 * conditional request (a 304 costs a request but no download), every site walked from its start.
 */
export interface IncrementalConfig {
  /** A stored document is reused without a request this long, then revalidated (If-None-Match / If-Modified-Since). */
  revalidateAfterHours: number;
  /** This long after a full walk from the start URLs, runs start from the list pages where reports were found. */
  rediscoverAfterHours: number;
}

/** How documents are read: worker threads, each with a heap cap, each document with a time limit (extract/pool/). */
export interface ExtractConfig {
  /** Documents read at once, each in its own worker thread; 0 = one per core. `--jobs` overrides it. */
  jobs: number;
  /** Heap cap of each worker (V8 old generation), in MB; a document that needs more fails with kind `resource-limit`. */
  workerHeapMb: number;
  /** Time one document may take once a worker starts on it, in ms; then the worker is stopped and replaced. */
  documentTimeoutMs: number;
}

export interface PathsConfig {
  /** Home of raw documents, crawl state, records and the database. */
  dataDir: string;
}

export interface PipelineConfig {
  sites: SiteConfig[];
  /** Years every agency is expected to have reported on (reporting years). */
  expectedYears: number[];
  politeness: PolitenessConfig;
  limits: LimitsConfig;
  incremental: IncrementalConfig;
  /** Always filled by resolveConfig; optional so configurations built in code need not name it. */
  extract?: ExtractConfig;
  paths: PathsConfig;
}

/** What a config file may give: every section optional, defaults fill the rest. */
export type PipelineConfigInput = {
  sites?: SiteConfig[];
  expectedYears?: number[];
  politeness?: Partial<PolitenessConfig>;
  limits?: Partial<LimitsConfig>;
  incremental?: Partial<IncrementalConfig>;
  extract?: Partial<ExtractConfig>;
  paths?: Partial<PathsConfig>;
};

export const DEFAULT_POLITENESS: PolitenessConfig = {
  perHostConcurrency: 1,
  delayMs: 1000,
  maxRequestsPerMinute: 30,
  userAgent: 'nianbao/0.1 (+https://github.com/nianbao; yearly disclosure report research crawler)',
  respectRobotsTxt: true,
  globalConcurrency: 8,
};

export const DEFAULT_LIMITS: LimitsConfig = {
  maxDocumentBytes: 50 * 1024 * 1024,
  connectTimeoutMs: 10_000,
  readTimeoutMs: 30_000,
  maxRetries: 3,
  retryBaseMs: 1000,
  maxRedirects: 5,
  maxListPages: 200,
  // About 2¾ hours at the default pace (30 a minute); a county portal with every department's reports needs ~1,500.
  maxRequestsPerSite: 5000,
  maxRenderedPages: 30,
  convertTimeoutMs: 60_000,
};

/** A week: a same-URL correction is seen within a week; a nightly run asks about a seventh of the stored documents. */
export const DEFAULT_INCREMENTAL: IncrementalConfig = { revalidateAfterHours: 7 * 24, rediscoverAfterHours: 7 * 24 };

/**
 * One worker per core; 384 MB of heap is half again what the 201-page PDF needs (256 MB) and
 * more than issue 16's 33 MB HTML table needs (about 220 MB); five minutes is five times LibreOffice's own limit.
 */
export const DEFAULT_EXTRACT: ExtractConfig = { jobs: 0, workerHeapMb: 384, documentTimeoutMs: 300_000 };

export const DEFAULT_PATHS: PathsConfig = { dataDir: 'data' };

/** Identity function that gives a config file its type. */
export function defineConfig(config: PipelineConfigInput): PipelineConfigInput {
  return config;
}

type Check = (value: unknown, key: string) => void;

function checker(source: string) {
  const fail = (key: string, reason: string): never => {
    throw new ConfigError(source, key, reason);
  };
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const exact = (v: unknown, key: string, allowed: readonly string[]) => {
    if (!isObj(v)) fail(key, 'must be an object');
    for (const k of Object.keys(v as object)) if (!allowed.includes(k)) fail(`${key}.${k}`, `unknown key (allowed: ${allowed.join(', ')})`);
  };
  const str: Check = (v, key) => {
    if (typeof v !== 'string' || !v.trim()) fail(key, 'must be a non-empty string');
  };
  const num = (min: number): Check => (v, key) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min) fail(key, `must be a number ≥ ${min}`);
  };
  const bool: Check = (v, key) => {
    if (typeof v !== 'boolean') fail(key, 'must be true or false');
  };
  const oneOf = (values: readonly string[]): Check => (v, key) => {
    if (typeof v !== 'string' || !values.includes(v)) fail(key, `must be one of ${values.join(', ')}`);
  };
  const years: Check = (v, key) => {
    if (!Array.isArray(v) || v.some((y) => !Number.isInteger(y) || y < 2000 || y > 2100)) fail(key, 'must be a list of years (2000–2100)');
  };
  const strings: Check = (v, key) => {
    if (!Array.isArray(v) || v.some((s) => typeof s !== 'string' || !s.trim())) fail(key, 'must be a list of non-empty strings');
  };
  const url: Check = (v, key) => {
    str(v, key);
    let u: URL | undefined;
    try {
      u = new URL(v as string);
    } catch {
      fail(key, `not a URL: ${JSON.stringify(v)}`);
    }
    if (u!.protocol !== 'http:' && u!.protocol !== 'https:') fail(key, 'must be an http(s) URL');
  };
  return { fail, isObj, exact, str, num, bool, oneOf, years, strings, url };
}

/**
 * Checks a config input and fills defaults. `source` names the file in error messages.
 * Throws ConfigError on the first problem, naming the key path (`sites[2].startUrls[0]`).
 */
export function resolveConfig(input: unknown, source: string): PipelineConfig {
  const c = checker(source);
  c.exact(input, '(config)', ['sites', 'expectedYears', 'politeness', 'limits', 'incremental', 'extract', 'paths']);
  const raw = input as PipelineConfigInput;

  const sites = raw.sites ?? [];
  if (!Array.isArray(sites)) c.fail('sites', 'must be a list');
  const ids = new Set<string>();
  // an empty entry (`[a,, b]` in a .ts config) is named, not left to fail later as a TypeError
  const noHoles = (list: unknown[], key: string) => {
    for (let i = 0; i < list.length; i++) if (!(i in list) || list[i] === undefined || list[i] === null) c.fail(`${key}[${i}]`, 'empty entry (two commas in a row?)');
  };
  noHoles(sites, 'sites');
  sites.forEach((s, i) => {
    const k = `sites[${i}]`;
    c.exact(s, k, ['id', 'agency', 'region', 'level', 'startUrls', 'allowedHosts', 'render', 'agencies', 'expectedYears']);
    c.str(s.id, `${k}.id`);
    if (!/^[A-Za-z0-9_-]+$/.test(s.id)) c.fail(`${k}.id`, 'letters, digits, - and _ only');
    if (ids.has(s.id)) c.fail(`${k}.id`, `duplicate site id ${s.id}`);
    ids.add(s.id);
    c.str(s.agency, `${k}.agency`);
    if (s.region !== undefined) c.str(s.region, `${k}.region`);
    if (s.level !== undefined) c.oneOf(AGENCY_LEVELS)(s.level, `${k}.level`);
    if (!Array.isArray(s.startUrls) || s.startUrls.length === 0) c.fail(`${k}.startUrls`, 'must be a non-empty list of URLs');
    s.startUrls.forEach((u, j) => c.url(u, `${k}.startUrls[${j}]`));
    if (s.allowedHosts !== undefined) c.strings(s.allowedHosts, `${k}.allowedHosts`);
    if (s.render !== undefined) c.oneOf(['static', 'browser', 'auto'])(s.render, `${k}.render`);
    if (s.expectedYears !== undefined) c.years(s.expectedYears, `${k}.expectedYears`);
    if (s.agencies !== undefined) {
      if (!Array.isArray(s.agencies)) c.fail(`${k}.agencies`, 'must be a list');
      noHoles(s.agencies, `${k}.agencies`);
      s.agencies.forEach((a, j) => {
        const ak = `${k}.agencies[${j}]`;
        c.exact(a, ak, ['name', 'level', 'expectedYears']);
        c.str(a.name, `${ak}.name`);
        if (a.level !== undefined) c.oneOf(AGENCY_LEVELS)(a.level, `${ak}.level`);
        if (a.expectedYears !== undefined) c.years(a.expectedYears, `${ak}.expectedYears`);
      });
    }
  });

  const expectedYears = raw.expectedYears ?? [];
  c.years(expectedYears, 'expectedYears');

  const politeness = { ...DEFAULT_POLITENESS, ...(raw.politeness ?? {}) };
  c.exact(raw.politeness ?? {}, 'politeness', Object.keys(DEFAULT_POLITENESS));
  c.num(1)(politeness.perHostConcurrency, 'politeness.perHostConcurrency');
  c.num(0)(politeness.delayMs, 'politeness.delayMs');
  c.num(0)(politeness.maxRequestsPerMinute, 'politeness.maxRequestsPerMinute');
  c.str(politeness.userAgent, 'politeness.userAgent');
  // a line break would end the User-Agent header and start another one (header injection)
  if (/[\x00-\x1f\x7f]/.test(politeness.userAgent)) c.fail('politeness.userAgent', 'must not contain a line break or other control character (CR, LF …): it would split the HTTP header');
  c.bool(politeness.respectRobotsTxt, 'politeness.respectRobotsTxt');
  c.num(1)(politeness.globalConcurrency, 'politeness.globalConcurrency');

  const limits = { ...DEFAULT_LIMITS, ...(raw.limits ?? {}) };
  c.exact(raw.limits ?? {}, 'limits', Object.keys(DEFAULT_LIMITS));
  for (const [key, min] of Object.entries({
    maxDocumentBytes: 1, connectTimeoutMs: 1, readTimeoutMs: 1, maxRetries: 0, retryBaseMs: 0, maxRedirects: 0, maxListPages: 1, maxRequestsPerSite: 1, maxRenderedPages: 0, convertTimeoutMs: 1,
  })) c.num(min)((limits as unknown as Record<string, unknown>)[key], `limits.${key}`);

  const incremental = { ...DEFAULT_INCREMENTAL, ...(raw.incremental ?? {}) };
  c.exact(raw.incremental ?? {}, 'incremental', Object.keys(DEFAULT_INCREMENTAL));
  c.num(0)(incremental.revalidateAfterHours, 'incremental.revalidateAfterHours');
  c.num(0)(incremental.rediscoverAfterHours, 'incremental.rediscoverAfterHours');

  const extract = { ...DEFAULT_EXTRACT, ...(raw.extract ?? {}) };
  c.exact(raw.extract ?? {}, 'extract', Object.keys(DEFAULT_EXTRACT));
  c.num(0)(extract.jobs, 'extract.jobs');
  if (!Number.isInteger(extract.jobs)) c.fail('extract.jobs', 'must be a whole number (0 = one per core)');
  c.num(32)(extract.workerHeapMb, 'extract.workerHeapMb');
  c.num(1)(extract.documentTimeoutMs, 'extract.documentTimeoutMs');

  const paths = { ...DEFAULT_PATHS, ...(raw.paths ?? {}) };
  c.exact(raw.paths ?? {}, 'paths', Object.keys(DEFAULT_PATHS));
  c.str(paths.dataDir, 'paths.dataDir');

  return { sites, expectedYears, politeness, limits, incremental, extract, paths };
}
