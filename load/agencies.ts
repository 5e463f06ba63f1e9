/**
 * The `sites` and `agencies` tables: what the configuration lists (rewritten from it at every
 * load, so an edited configuration takes effect) plus every agency a report names that the
 * configuration does not (configured = false), so each report has its agency's level and region.
 */
import type { PipelineConfig } from '../config/schema.ts';
import type { Database } from './db.ts';
import { put } from './append.ts';

export interface AgencyRow {
  site_id: string;
  name: string;
  region: string | null;
  level: string | null;
  expected_years: number[];
}

/**
 * The configured agencies: each site's own agency and the agencies it lists. Expected years come
 * from the agency, else the site, else the configuration; a site listing its own agency again
 * overrides the site-level entry.
 */
export function configuredAgencies(config: PipelineConfig): AgencyRow[] {
  const rows = new Map<string, AgencyRow>();
  for (const site of config.sites) {
    const siteYears = site.expectedYears ?? config.expectedYears;
    rows.set(`${site.id}\u0000${site.agency}`, { site_id: site.id, name: site.agency, region: site.region ?? null, level: site.level ?? null, expected_years: siteYears });
    for (const agency of site.agencies ?? []) {
      rows.set(`${site.id}\u0000${agency.name}`, {
        site_id: site.id,
        name: agency.name,
        region: site.region ?? null,
        level: agency.level ?? null,
        expected_years: agency.expectedYears ?? siteYears,
      });
    }
  }
  return [...rows.values()];
}

/**
 * Agencies named by reports (all of them, or only the current batch's) that have no row yet. The
 * level and region come from a configured agency of the same name on another site, else from the
 * crawler's guess.
 */
export function foundAgenciesSql(onlyBatch: boolean): string {
  return `
INSERT INTO agencies
SELECT r.site_id, r.agency,
  coalesce(min(c.region), min(r.crawler_region)),
  coalesce(min(c.level), min(r.crawler_level)),
  NULL, false
FROM reports r
LEFT JOIN agencies c ON c.configured AND c.name = r.agency
WHERE NOT EXISTS (SELECT 1 FROM agencies a WHERE a.site_id = r.site_id AND a.name = r.agency)
  ${onlyBatch ? 'AND r.report_id IN (SELECT report_id FROM load_batch)' : ''}
GROUP BY r.site_id, r.agency`;
}

/** Rewrites `sites` and the configured `agencies` from the configuration, in one transaction. */
export async function syncConfig(db: Database, config: PipelineConfig): Promise<void> {
  await db.transaction(async () => {
    await db.run('DELETE FROM sites');
    const sites = await db.appender('sites');
    for (const site of config.sites) {
      sites.appendVarchar(site.id);
      sites.appendVarchar(site.agency);
      put.str(sites, site.region);
      put.str(sites, site.level);
      put.strs(sites, site.startUrls);
      put.ints(sites, site.expectedYears ?? config.expectedYears);
      sites.endRow();
    }
    sites.closeSync();

    await db.run('DELETE FROM agencies');
    const agencies = await db.appender('agencies');
    for (const a of configuredAgencies(config)) {
      agencies.appendVarchar(a.site_id);
      agencies.appendVarchar(a.name);
      put.str(agencies, a.region);
      put.str(agencies, a.level);
      put.ints(agencies, a.expected_years);
      agencies.appendBoolean(true);
      agencies.endRow();
    }
    agencies.closeSync();
    await db.run(foundAgenciesSql(false));
  });
}
