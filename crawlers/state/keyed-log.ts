/**
 * A map kept as an append-only JSON-lines file: read at start (the last line for a key wins),
 * changed by appending, written in batches (journal.ts). Every piece of crawl state is one.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { appendJsonLines, readJsonLines } from '../raw-store.ts';
import { Journal } from './journal.ts';

export class KeyedLog<T> {
  private readonly byKey = new Map<string, T>();
  private readonly journal: Journal<T>;

  constructor(
    readonly path: string,
    private readonly keyOf: (value: T) => string,
  ) {
    mkdirSync(dirname(path), { recursive: true });
    for (const v of readJsonLines<T>(path)) this.byKey.set(keyOf(v), v);
    this.journal = new Journal((lines) => appendJsonLines(path, lines));
  }

  get(key: string): T | undefined {
    return this.byKey.get(key);
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /** Records `value` under its key (appended at the next flush). */
  set(value: T): void {
    this.byKey.set(this.keyOf(value), value);
    this.journal.append(value);
  }

  /** Forgets a key: appends `tombstone` (a value the reader treats as absent) and drops it from the map. */
  delete(key: string, tombstone: T): void {
    if (!this.byKey.delete(key)) return;
    this.journal.append(tombstone);
  }

  flush(): void {
    this.journal.flush();
  }

  get size(): number {
    return this.byKey.size;
  }
}
