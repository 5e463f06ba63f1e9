/**
 * Where each site's reports were found: the list pages and list API calls of its report columns
 * (the entry points). A later run within `rediscoverAfterMs` starts from them and fetches the
 * lists again without walking the home page and the 政务公开 section; an older state, a changed
 * start URL list or a site that could not be crawled means full discovery from the start URLs.
 * Kept in `DATA/crawl-state/sites.jsonl` (the last line for a site wins).
 */
import { join } from 'node:path';
import type { TitleMatch } from '../match.ts';
import { KeyedLog } from './keyed-log.ts';

/** How long a site's known report columns stand for a walk from its home page. */
export const DEFAULT_REDISCOVER_AFTER_MS = 7 * 24 * 3600_000;

/** A list page or list API call to fetch again. */
export interface EntryPoint {
  url: string;
  kind: 'page' | 'api';
  depth: number;
  column?: string;
  fragment?: string | null;
  summary?: TitleMatch | null;
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
}

export interface SiteState {
  site_id: string;
  discovered_at: string;
  start_urls: string[];
  entries: EntryPoint[];
}

export class SiteStateStore {
  private readonly log: KeyedLog<SiteState>;

  constructor(stateDir: string, private readonly rediscoverAfterMs = DEFAULT_REDISCOVER_AFTER_MS) {
    this.log = new KeyedLog(join(stateDir, 'sites.jsonl'), (s) => s.site_id);
  }

  /** The entry points to start a site from, or null when it needs full discovery. */
  entryPoints(siteId: string, startUrls: string[], now = Date.now()): EntryPoint[] | null {
    const s = this.log.get(siteId);
    if (!s || !s.entries.length || now - Date.parse(s.discovered_at) >= this.rediscoverAfterMs) return null;
    if (s.start_urls.join('\n') !== startUrls.join('\n')) return null;
    return s.entries;
  }

  /** Records the entry points a site's crawl fetched; `discoveredAt` is kept from the last full discovery. */
  put(siteId: string, startUrls: string[], entries: EntryPoint[], discoveredAt: Date): void {
    this.log.set({ site_id: siteId, discovered_at: discoveredAt.toISOString(), start_urls: startUrls, entries });
  }

  discoveredAt(siteId: string): string | undefined {
    return this.log.get(siteId)?.discovered_at;
  }

  flush(): void {
    this.log.flush();
  }
}
