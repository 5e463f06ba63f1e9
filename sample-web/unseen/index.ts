/**
 * The unseen web (issue 8): a second sample web whose sites have the shapes the first one lacks —
 * a report column that is a small JavaScript application, a single-page portal on a POST JSON
 * API, an ASP.NET WebForms platform (script-set iframe, onclick rows, __doPostBack pager), download
 * endpoints with Content-Disposition names, a `<select>` year picker under `<base href>`, and a
 * town site whose route is iframes and onclick rows. It was designed from real portals and the
 * issue's list of shapes, without reading how the crawler reads the first web. Each site file's
 * header says exactly what a perfect crawl finds there.
 *
 *   const web = await startUnseenWeb({ rateLimitPerSecond: 0 });
 *   const config = resolveConfig(web.config, 'unseen web');
 *   …crawl…; compare with web.expected() and web.missing(); await web.close();
 *
 * `render: 'static'` writes that mode into every site of `config`: the sites marked `renderOnly`
 * (liujiang-jsapp, tongxi-spa, huaichuan-aspnet) then have nothing a crawler can find.
 */
import { buildSites, listenSites, phasedWeb, SAMPLE_MAX_DOCUMENT_BYTES } from '../hosted-sites.ts';
import type { SiteDefinition } from '../site-build.ts';
import type { SiteConfig } from '../../config/schema.ts';
import type { RequestLogEntry, SampleWeb } from '../types.ts';
import { aspNetSite } from './aspnet.ts';
import { downloadSite } from './download.ts';
import { iframeSite } from './iframe.ts';
import { jsAppSite } from './jsapp.ts';
import { selectSite } from './select.ts';
import { spaSite } from './spa.ts';

export const UNSEEN_SITE_DEFINITIONS: SiteDefinition[] = [jsAppSite, spaSite, aspNetSite, downloadSite, selectSite, iframeSite];

export interface UnseenWebOptions {
  /** Which state to serve first (2: a late department report on liujiang-jsapp, a correction on huaichuan-aspnet). Default 1. */
  phase?: 1 | 2;
  /** Added to every response, in ms. Default 0. */
  latencyMs?: number;
  /** Per-host request rate above which a client earns 429 + Retry-After (SampleHost's token bucket). Default 2; 0 turns it off. */
  rateLimitPerSecond?: number;
  /** Listen on consecutive ports from this one, one per host in site order. Default: free ports from the OS. */
  basePort?: number;
  /** Written as `render` into every site of `config`. Default: not written (the crawler's default). */
  render?: NonNullable<SiteConfig['render']>;
  /** Serve these sites instead of the unseen web's six (a fixture site of its own: idlist.ts). */
  definitions?: SiteDefinition[];
}

/** An agency-year the configuration expects that no site of the web publishes. */
export interface MissingReport {
  siteId: string;
  agency: string;
  year: number;
}

export interface UnseenWeb extends SampleWeb {
  /** Every configured agency-year without a current report in this phase: what missing_reports must list. */
  missing(): MissingReport[];
}

const DEFAULTS = { phase: 1 as 1 | 2, latencyMs: 0, rateLimitPerSecond: 2 };

export async function startUnseenWeb(options: UnseenWebOptions = {}): Promise<UnseenWeb> {
  const o = { ...DEFAULTS, ...options };
  const requests: RequestLogEntry[] = [];
  const definitions = o.definitions ?? UNSEEN_SITE_DEFINITIONS;
  const hosted = await listenSites(definitions, { latencyMs: o.latencyMs, rateLimitPerSecond: o.rateLimitPerSecond, log: requests }, o.basePort ?? 0);
  const web = phasedWeb({
    // No transient faults here: this web is about shapes, the first one has the faults.
    build: (phase) => buildSites(definitions, hosted, phase, { faults: false, dripMs: 0, maxDocumentBytes: SAMPLE_MAX_DOCUMENT_BYTES }),
    phase: o.phase,
    requests,
    ...(o.render ? { siteConfig: { render: o.render } } : {}),
    async close() {
      await Promise.all(hosted.all.map((h) => h.close()));
    },
  });
  return Object.assign(web, {
    missing(): MissingReport[] {
      const have = new Set(web.expected().filter((e) => e.current).map((e) => `${e.siteId}|${e.agency}|${e.year}`));
      return web.sites.flatMap((s) => s.agencies.flatMap((a) => (a.expectedYears ?? s.expectedYears).map((year) => ({ siteId: s.id, agency: a.name, year }))))
        .filter((m) => !have.has(`${m.siteId}|${m.agency}|${m.year}`));
    },
  });
}
