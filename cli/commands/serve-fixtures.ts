/**
 * `nianbao serve-fixtures [--port N] [--synthetic N] [--unseen]`: serves the sample web
 * (sample-web/), or with `--unseen` the unseen web (sample-web/unseen/), on 127.0.0.1 until
 * interrupted, prints each site's start URL and writes a ready configuration (JSON, the shape of
 * pipeline.config.ts) to a temporary directory, so that `nianbao crawl --config <that file>` crawls it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../errors.ts';
import { startSampleWeb } from '../../sample-web/server.ts';
import { startUnseenWeb } from '../../sample-web/unseen/index.ts';

export interface ServeFixturesOptions {
  /** First of consecutive ports, one per host (0: free ports chosen by the system). */
  port?: string;
  synthetic?: string;
  /** Serve the unseen web (issue 8) instead of the sample web. */
  unseen?: boolean;
}

function count(value: string | undefined, name: string): number {
  const n = Number(value ?? 0);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number ≥ 0, got ${JSON.stringify(value)}`);
  return n;
}

export default async function serveFixtures(opts: ServeFixturesOptions): Promise<number> {
  const synthetic = count(opts.synthetic, 'synthetic');
  // Each site is its own host: --port is the first of consecutive ports, one per host.
  const basePort = count(opts.port, 'port');
  if (basePort > 65535) throw new UsageError(`--port must be at most 65535, got ${basePort}`);
  if (opts.unseen && synthetic > 0) throw new UsageError('--synthetic adds sites to the sample web; it cannot be used with --unseen');
  const web = opts.unseen ? await startUnseenWeb({ basePort }) : await startSampleWeb({ synthetic, basePort });
  const name = opts.unseen ? 'unseen-web' : 'sample-web';
  const dir = mkdtempSync(join(tmpdir(), `nianbao-${name}-`));
  const configPath = join(dir, `${name}.config.json`);
  writeFileSync(configPath, `${JSON.stringify(web.config, null, 2)}\n`);
  const handBuilt = web.sites.filter((s) => s.archetype !== 'synthetic');
  for (const s of handBuilt) console.log(`${s.id.padEnd(20)} ${s.archetype.padEnd(opts.unseen ? 16 : 11)} ${s.startUrls.join(' ')}`);
  if (synthetic > 0) console.log(`+ ${synthetic} synthetic sites (${web.sites.find((s) => s.archetype === 'synthetic')?.startUrls[0]} …)`);
  console.log(`${web.expected().length} reports expected; configuration: ${configPath}`);
  console.log('serving until Ctrl-C');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await web.close();
  return 0;
}
