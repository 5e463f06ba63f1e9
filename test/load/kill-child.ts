/**
 * Child process of the kill -9 tests: loads a raw store one report per batch and, inside the
 * second batch's transaction (every row appended, COMMIT not yet sent), says so on stdout and
 * waits to be killed with SIGKILL.
 * Usage: tsx test/load/kill-child.ts DB_PATH RAW_DIR [--config FILE] [--extract json|real]
 *   --extract json: the stored objects are record JSON (test/load); real: the extract stage (e2e).
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/load.ts';
import { RawStore } from '../../crawlers/raw-store.ts';
import { Database } from '../../load/db.ts';
import { loadStore } from '../../load/loader.ts';
import { jsonExtract } from './helpers.ts';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { config: { type: 'string' }, extract: { type: 'string', default: 'json' } } });
const [dbPath, rawDir] = positionals;
if (!dbPath || !rawDir) throw new Error('usage: kill-child.ts DB_PATH RAW_DIR [--config FILE] [--extract json|real]');
const config = values.config ? await loadConfig({ config: values.config }) : null;
const db = await Database.open(dbPath);
await loadStore(db, new RawStore(rawDir), {
  config,
  extract: values.extract === 'real' ? undefined : jsonExtract,
  batchSize: 1,
  beforeCommit: async (batch) => {
    if (batch < 2) return;
    process.stdout.write('in-transaction\n');
    // an interval keeps the event loop (and the open transaction) alive until the kill
    await new Promise(() => setInterval(() => {}, 1000));
  },
});
process.stdout.write('finished without being killed\n');
