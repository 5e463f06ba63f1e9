/**
 * A data directory holding real documents of the corpus in its raw store, extracted and loaded
 * by the real pipeline: what `explain`, the narrative checks and the anomalies view are tested on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RawStore, sha256Hex } from '../../crawlers/raw-store.ts';
import { Database } from '../../load/db.ts';
import { loadStore } from '../../load/loader.ts';
import { databasePath, rawStoreDir } from '../../load/paths.ts';

export interface StoredFile {
  path: string;
  site_id: string;
  agency: string;
  year: number;
  level?: string;
  url: string;
  format: 'pdf' | 'html' | 'txt' | 'docx';
}

/** Stores each file as one report's only document, loads the store into dataDir's database. */
export async function buildWarehouse(dataDir: string, files: StoredFile[]): Promise<void> {
  const store = new RawStore(rawStoreDir(dataDir));
  for (const f of files) {
    const bytes = readFileSync(f.path);
    const sha = store.put(bytes);
    store.logFetch({ site_id: f.site_id, url: f.url, final_url: f.url, status: 200, content_type: null, encoding: null, etag: null, last_modified: null, sha256: sha, bytes: bytes.length, fetched_at: '2025-02-01T00:00:00.000Z' });
    store.addReport({
      site_id: f.site_id, agency: f.agency, level: f.level ?? null, year: f.year, title: `${f.agency}${f.year}年政府信息公开工作年度报告`, url: f.url,
      published: `${f.year + 1}-01-20`, documents: [{ url: f.url, sha256: sha, format: f.format, role: 'body' }], version: 1,
      content_sha256: sha256Hex(Buffer.from(sha)), found_at: '2025-02-01T00:00:00.000Z', confidence: 'high',
    });
  }
  const db = await Database.open(databasePath(dataDir));
  try {
    await loadStore(db, store, {});
  } finally {
    db.close();
  }
}

export const dataPath = (dir: string, name: string) => join(dir, name);
