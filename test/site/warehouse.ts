/**
 * The sample warehouse the site tests build: the synthetic sites of scripts/make-synthetic-db.ts
 * (40 agencies × 2019–2023 reports, 2024 expected and missing; corrections, failing checks,
 * late publications, warnings) plus the corpus seeds as reports of a second, configured site whose
 * documents are in the raw store (archived copies), one of them with a hostile title and agency
 * name (`<script>`), and one expected agency that never published.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RawStore } from '../../crawlers/raw-store.ts';
import type { ReportRecord } from '../../extract/record.ts';
import { syncConfig } from '../../load/agencies.ts';
import { Database } from '../../load/db.ts';
import { recordItem } from '../../load/load-item.ts';
import { databasePath, rawStoreDir } from '../../load/paths.ts';
import { writeItems } from '../../load/writer.ts';
import { syntheticConfig, syntheticReport } from '../../scripts/make-synthetic-db.ts';
import { CORPUS_DIR } from '../support/corpus.ts';
import { tempDir } from '../load/helpers.ts';

export const SYNTHETIC_REPORTS = 200;
export const HOSTILE_AGENCY = '<script>window.__pwned=1</script>样例局';
export const HOSTILE_TITLE = '样例局2021年年报<script>window.__pwned=2</script><img src=x onerror="window.__pwned=3">';
export const NEVER_PUBLISHED = '样例市从未发布局';

export async function buildSampleWarehouse(): Promise<string> {
  const dataDir = tempDir('site');
  const store = new RawStore(rawStoreDir(dataDir));
  const base = syntheticConfig(SYNTHETIC_REPORTS);
  const seeds = readdirSync(join(CORPUS_DIR, 'seeds')).filter((f) => f.endsWith('.expected.json')).sort();
  const seedRecords = seeds.map((f) => {
    const record = JSON.parse(readFileSync(join(CORPUS_DIR, 'seeds', f), 'utf8')) as ReportRecord;
    const docName = readdirSync(join(CORPUS_DIR, 'seeds')).find((d) => d.startsWith(f.replace('.expected.json', '')) && !d.endsWith('.expected.json'))!;
    const sha = store.put(readFileSync(join(CORPUS_DIR, 'seeds', docName)));
    return { ...record, source: { ...record.source, sha256: sha } } as ReportRecord;
  });
  const config = {
    ...base,
    sites: [
      ...base.sites,
      {
        id: 'sample-city', agency: '样例市人民政府', region: '样例省样例市', level: 'city' as const, startUrls: ['http://sample-city.test/'],
        agencies: [...seedRecords.map((r) => ({ name: r.agency!, level: 'department' as const })), { name: NEVER_PUBLISHED, level: 'department' as const }],
        expectedYears: [2021, 2022],
      },
    ],
  };
  const db = await Database.open(databasePath(dataDir));
  try {
    await syncConfig(db, config);
    const items = Array.from({ length: SYNTHETIC_REPORTS }, (_, i) => syntheticReport(i));
    for (const [k, r] of seedRecords.entries()) {
      items.push(recordItem(r, { site_id: 'sample-city', published: `${(r.year ?? 2021) + 1}-01-${String(10 + k).padStart(2, '0')}`, url: `http://sample-city.test/nb/${k}.html` }));
    }
    const hostile = { ...seedRecords[0]!, agency: HOSTILE_AGENCY, title: HOSTILE_TITLE } as ReportRecord;
    items.push(recordItem(hostile, { site_id: 'sample-city', published: '2022-03-01', url: 'javascript:alert(1)' }));
    await writeItems(db, items);
    await db.run('CHECKPOINT');
  } finally {
    db.close();
  }
  return dataDir;
}
