/**
 * robots.txt kept across runs for a day (RFC 9309 §2.4: a crawler should not use a cached copy
 * for more than 24 hours), so a nightly run asks each host once, not once per run of a test.
 * Kept in `DATA/crawl-state/robots.jsonl` (the last line for an origin wins).
 */
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { appendJsonLines, readJsonLines } from '../raw-store.ts';
import { Journal } from './journal.ts';

export const ROBOTS_CACHE_MS = 24 * 3600_000;

export interface CachedRobots {
  origin: string;
  /** 'rules': `text` holds the file; 'allow-all': none (4xx). */
  status: 'rules' | 'allow-all';
  text: string;
  fetched_at: string;
}

export class RobotsCache {
  private readonly byOrigin = new Map<string, CachedRobots>();
  readonly path: string;
  private readonly journal = new Journal<CachedRobots>((lines) => appendJsonLines(this.path, lines));

  constructor(stateDir: string, private readonly maxAgeMs = ROBOTS_CACHE_MS) {
    mkdirSync(stateDir, { recursive: true });
    this.path = join(stateDir, 'robots.jsonl');
    for (const r of readJsonLines<CachedRobots>(this.path)) this.byOrigin.set(r.origin, r);
  }

  get(origin: string, now = Date.now()): CachedRobots | undefined {
    const r = this.byOrigin.get(origin);
    return r && now - Date.parse(r.fetched_at) < this.maxAgeMs ? r : undefined;
  }

  put(entry: CachedRobots): void {
    this.journal.append(entry);
    this.byOrigin.set(entry.origin, entry);
  }

  flush(): void {
    this.journal.flush();
  }
}
