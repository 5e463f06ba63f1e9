/**
 * The sample web: local imitations of real government sites (docs/SITES.md), each site on its own
 * 127.0.0.1 host(s), with a manifest of what a perfect crawl finds. The crawler's tests, the
 * warehouse's end-to-end test and the demo (`npm start`) run on it.
 *
 *   const web = await startSampleWeb({ rateLimitPerSecond: 0 });
 *   const config = resolveConfig(web.config, 'sample web');
 *   …crawl…; compare with web.expected(); web.setPhase(2); …crawl again…; await web.close();
 */
import type { SiteDefinition } from './site-build.ts';
import { buildSites, listenSites, phasedWeb, SAMPLE_MAX_DOCUMENT_BYTES } from './hosted-sites.ts';
import { trsSite } from './sites/trs.ts';
import { jcmsSite } from './sites/jcms.ts';
import { gkmlptSite } from './sites/gkmlpt.ts';
import { platformSite } from './sites/platform.ts';
import { gbkSite, noCharsetSite } from './sites/static.ts';
import { treeSite } from './sites/tree.ts';
import { blockedSites } from './sites/blocked.ts';
import { SyntheticWeb } from './synthetic.ts';
import type { RequestLogEntry, SampleWeb, SampleWebOptions } from './types.ts';

export type * from './types.ts';

/** Every hand-built site, one or more per archetype of docs/SITES.md §1. */
export const SITE_DEFINITIONS: SiteDefinition[] = [trsSite, jcmsSite, gkmlptSite, platformSite, gbkSite, noCharsetSite, treeSite, ...blockedSites];

export { EXPECTED_YEARS, SAMPLE_MAX_DOCUMENT_BYTES } from './hosted-sites.ts';

const DEFAULTS = { synthetic: 0, syntheticShape: 'town' as 'town' | 'county', phase: 1 as 1 | 2, latencyMs: 0, faults: true, rateLimitPerSecond: 2, dripMs: 2000, syntheticPortLimit: 1000 };

/** Starts every host, builds the sites for the requested phase and returns the manifest. */
export async function startSampleWeb(options: SampleWebOptions = {}): Promise<SampleWeb> {
  const o = { ...DEFAULTS, ...options };
  const requests: RequestLogEntry[] = [];
  const hostOptions = { latencyMs: o.latencyMs, rateLimitPerSecond: o.rateLimitPerSecond, log: requests };
  const hosted = await listenSites(SITE_DEFINITIONS, hostOptions, o.basePort ?? 0);
  const { all } = hosted;
  const synthetic = await SyntheticWeb.start(o.synthetic, { ...hostOptions, shape: o.syntheticShape, portLimit: o.syntheticPortLimit, basePort: o.basePort ? o.basePort + all.length : 0 }).catch(async (err: unknown) => {
    await Promise.all(all.map((h) => h.close()));
    throw err;
  });

  const buildOptions = { faults: o.faults, dripMs: o.dripMs, maxDocumentBytes: SAMPLE_MAX_DOCUMENT_BYTES };
  return phasedWeb({
    build: (phase) => buildSites(SITE_DEFINITIONS, hosted, phase, buildOptions),
    phase: o.phase,
    requests,
    extra: { sites: synthetic.sites, expected: () => synthetic.expected(), sharedHost: synthetic.sharedHost },
    async close() {
      await Promise.all([...all.map((h) => h.close()), synthetic.close()]);
    },
  });
}
