/**
 * Starting and building a set of hand-built sites: one listening SampleHost per host label of
 * every site definition, then, for a phase, every site built on its hosts with the manifest
 * collected (expected reports, near misses, traps). The sample web (server.ts) and the unseen web
 * (unseen/index.ts) are both made of these.
 */
import { SampleHost, type HostOptions } from './host.ts';
import type { SiteConfig } from '../config/schema.ts';
import { emptyTraps, SiteBuild, type BuildOptions, type SiteDefinition } from './site-build.ts';
import type { ExpectedReport, RequestLogEntry, SampleSite, SampleWeb, SampleWebTraps } from './types.ts';

/** The reporting years the configuration expects (coverage and missing_reports). */
export const EXPECTED_YEARS = [2021, 2022, 2023];

/** `limits.maxDocumentBytes` in the config; the sample web's oversized scan is 1 MB larger. */
export const SAMPLE_MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

export interface HostedSites {
  /** Every host in listening order (the site definitions' hosts, then their foreign hosts). */
  all: SampleHost[];
  /** Hosts of each site by label. */
  hostsOf: Map<string, Record<string, SampleHost>>;
}

export interface BuiltSites {
  sites: SampleSite[];
  expected: ExpectedReport[];
  nearMisses: string[];
  traps: SampleWebTraps;
}

/**
 * Starts a host for every label of every definition. `basePort` 0: each takes a free port from
 * the OS; otherwise consecutive ports from it. On failure every started host is closed again.
 */
export async function listenSites(defs: SiteDefinition[], hostOptions: HostOptions, basePort = 0): Promise<HostedSites> {
  const all: SampleHost[] = [];
  const hostsOf = new Map<string, Record<string, SampleHost>>();
  try {
    for (const def of defs) {
      const hosts: Record<string, SampleHost> = {};
      for (const label of [...def.hosts, ...(def.foreignHosts ?? [])]) {
        const h = new SampleHost(`${def.id}/${label}`, hostOptions);
        all.push(h);
        await h.listen(basePort ? basePort + all.length - 1 : 0);
        hosts[label] = h;
      }
      hostsOf.set(def.id, hosts);
    }
  } catch (err) {
    await Promise.all(all.map((h) => h.close()));
    throw err;
  }
  return { all, hostsOf };
}

/** Empties every host and builds every site for `phase`, collecting the manifest. */
export function buildSites(defs: SiteDefinition[], hosted: HostedSites, phase: 1 | 2, opts: BuildOptions): BuiltSites {
  for (const h of hosted.all) {
    h.reset();
    h.clearFaults();
  }
  const built: BuiltSites = { sites: [], expected: [], nearMisses: [], traps: emptyTraps() };
  const { traps } = built;
  for (const def of defs) {
    const b = new SiteBuild(def.id, hosted.hostsOf.get(def.id)!, phase, opts);
    built.sites.push(def.build(b));
    built.expected.push(...b.expected);
    built.nearMisses.push(...b.nearMisses);
    for (const key of ['forbiddenUrls', 'robotsBlockedHosts', 'challengeHosts', 'flaky', 'oversizedUrls', 'notFoundUrls', 'softNotFoundUrls'] as const) {
      (traps[key] as unknown[]).push(...b.traps[key]);
    }
    traps.dripUrl ||= b.traps.dripUrl;
    traps.stallUrl ||= b.traps.stallUrl;
  }
  built.nearMisses = [...new Set(built.nearMisses)];
  return built;
}

export interface PhasedWebOptions {
  /** Builds every hand-built site for a phase (on hosts already listening). */
  build(phase: 1 | 2): BuiltSites;
  phase: 1 | 2;
  requests: RequestLogEntry[];
  /** Sites served beside the hand-built ones, the same in both phases (the synthetic sites). */
  extra?: { sites: SampleSite[]; expected(): ExpectedReport[]; sharedHost: string | null };
  /** Written into every site of the config (`render`). */
  siteConfig?: Partial<SiteConfig>;
  close(): Promise<void>;
}

/**
 * The SampleWeb contract over hand-built sites: the manifest of the current phase, rebuilt by
 * `setPhase`, and a config listing every site with the expected years and the document size limit.
 */
export function phasedWeb(o: PhasedWebOptions): SampleWeb {
  let phase = o.phase;
  let built = o.build(phase);
  const sites = [...built.sites, ...(o.extra?.sites ?? [])];
  return {
    sites,
    config: {
      sites: sites.map((s) => ({
        id: s.id, agency: s.agency, region: s.region, level: s.level,
        startUrls: s.startUrls, allowedHosts: s.allowedHosts, agencies: s.agencies, expectedYears: s.expectedYears,
        ...o.siteConfig,
      })),
      expectedYears: EXPECTED_YEARS,
      limits: { maxDocumentBytes: SAMPLE_MAX_DOCUMENT_BYTES },
    },
    expected: () => [...built.expected, ...(o.extra?.expected() ?? [])],
    get nearMisses() {
      return built.nearMisses;
    },
    get traps() {
      return built.traps;
    },
    sharedSyntheticHost: o.extra?.sharedHost ?? null,
    get phase() {
      return phase;
    },
    setPhase(p: 1 | 2) {
      if (p === phase) return;
      phase = p;
      built = o.build(phase);
    },
    requests: o.requests,
    close: o.close,
  };
}
