import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RawStore } from '../../crawlers/raw-store.ts';
import { Database } from '../../load/db.ts';
import { loadStore } from '../../load/loader.ts';
import { addJsonReport, goldenRecords, jsonExtract, loadAndKill, orphanRows, rowsPerReport, tableHashes, tempDir } from './helpers.ts';

describe('a load killed with SIGKILL in the middle of a batch', () => {
  it('leaves whole reports only, and the rerun completes to the same warehouse as an uninterrupted load', async () => {
    const dir = tempDir('kill');
    const store = new RawStore(join(dir, 'raw'));
    const golden = [...goldenRecords().values()];
    golden.forEach((record, i) => addJsonReport(store, { site_id: 'k', agency: `机关${i}`, year: record.year!, published: '2024-01-10' }, [{ content: record, url: `http://k.test/${i}.html` }]));

    const dbPath = join(dir, 'nianbao.duckdb');
    await loadAndKill(dbPath, store.dir);

    const reference = await Database.open(':memory:');
    await loadStore(reference, store, { extract: jsonExtract });
    const whole = await rowsPerReport(reference);

    const db = await Database.open(dbPath);
    try {
      // batch 1 committed, batch 2 never did: exactly one report, with all its rows, and nothing else
      const after = await rowsPerReport(db);
      expect([...after.keys()]).toHaveLength(1);
      for (const [id, counts] of after) expect(counts).toEqual(whole.get(id));
      expect(Object.values(await orphanRows(db)).every((n) => n === 0)).toBe(true);

      const rerun = await loadStore(db, store, { extract: jsonExtract });
      expect(rerun).toMatchObject({ upToDate: 1, loaded: golden.length - 1 });
      expect(await tableHashes(db)).toEqual(await tableHashes(reference));
    } finally {
      db.close();
      reference.close();
    }
  });
});
