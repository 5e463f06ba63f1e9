/**
 * robots.txt kept across runs for a day (RFC 9309 §2.4: a crawler should not use a cached copy
 * for more than 24 hours), so a nightly run asks each host once, not once per run of a test.
 * Kept in `DATA/crawl-state/robots.jsonl` (the last line for an origin wins).
 */
import { join } from 'node:path';
import { KeyedLog } from './keyed-log.ts';

export const ROBOTS_CACHE_MS = 24 * 3600_000;

export interface CachedRobots {
  origin: string;
  /** 'rules': `text` holds the file; 'allow-all': none (4xx). */
  status: 'rules' | 'allow-all';
  text: string;
  fetched_at: string;
}

export class RobotsCache {
  private readonly log: KeyedLog<CachedRobots>;

  constructor(stateDir: string, private readonly maxAgeMs = ROBOTS_CACHE_MS) {
    this.log = new KeyedLog(join(stateDir, 'robots.jsonl'), (r) => r.origin);
  }

  get(origin: string, now = Date.now()): CachedRobots | undefined {
    const r = this.log.get(origin);
    return r && now - Date.parse(r.fetched_at) < this.maxAgeMs ? r : undefined;
  }

  put(entry: CachedRobots): void {
    this.log.set(entry);
  }

  flush(): void {
    this.log.flush();
  }
}
