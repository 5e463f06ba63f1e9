/**
 * Child process of kill.test.ts: loads a JSON raw store one report per batch and, inside the
 * second batch's transaction (every row appended, COMMIT not yet sent), says so on stdout and
 * waits to be killed with SIGKILL.
 * Usage: tsx test/load/kill-child.ts DB_PATH RAW_DIR
 */
import { RawStore } from '../../crawlers/raw-store.ts';
import { Database } from '../../load/db.ts';
import { loadStore } from '../../load/loader.ts';
import { jsonExtract } from './helpers.ts';

const [dbPath, rawDir] = process.argv.slice(2);
if (!dbPath || !rawDir) throw new Error('usage: kill-child.ts DB_PATH RAW_DIR');
const db = await Database.open(dbPath);
await loadStore(db, new RawStore(rawDir), {
  extract: jsonExtract,
  batchSize: 1,
  beforeCommit: async (batch) => {
    if (batch < 2) return;
    process.stdout.write('in-transaction\n');
    // an interval keeps the event loop (and the open transaction) alive until the kill
    await new Promise(() => setInterval(() => {}, 1000));
  },
});
process.stdout.write('finished without being killed\n');
