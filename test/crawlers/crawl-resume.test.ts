/**
 * kill -9 in the middle of a crawl, then run again: the crawl completes, nothing is lost and no
 * document is stored twice. The crawl runs as `nianbao crawl` in a child process against the
 * sample web served by this test; the result is compared with a clean run's raw store.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { RawStore } from '../../crawlers/raw-store.ts';
import { startSampleWeb, type SampleWeb } from '../../sample-web/server.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin', 'nianbao.js');

/** Runs `nianbao crawl` in a child; `killAfterObjects` kills it with SIGKILL once that many documents are stored. */
function runCrawl(configPath: string, dataDir: string, killAfterObjects?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'crawl', '--config', configPath, '--data-dir', dataDir, '--json'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let timer: NodeJS.Timeout | undefined;
    if (killAfterObjects !== undefined) {
      timer = setInterval(() => {
        if (objects(dataDir).length >= killAfterObjects) child.kill('SIGKILL');
      }, 20);
    }
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearInterval(timer);
      resolve({ code, signal, stderr });
    });
  });
}

function objects(dataDir: string): string[] {
  const dir = join(dataDir, 'raw', 'objects');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((d) => readdirSync(join(dir, d)).filter((f) => !f.endsWith('.tmp')));
}

const versions = (dataDir: string) => new RawStore(join(dataDir, 'raw')).reports().map((r) => `${r.site_id}|${r.agency}|${r.year}|v${r.version}|${r.content_sha256}`);

describe('resuming after kill -9', () => {
  let web: SampleWeb | undefined;
  const dirs: string[] = [];
  afterAll(async () => {
    await web?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('completes after a SIGKILL with the same raw store as a clean run, nothing stored twice', async () => {
    web = await startSampleWeb({ rateLimitPerSecond: 0, faults: false });
    const work = mkdtempSync(join(tmpdir(), 'nianbao-resume-'));
    dirs.push(work);
    const configPath = join(work, 'config.json');
    writeFileSync(configPath, JSON.stringify({
      ...web.config,
      politeness: { delayMs: 5, maxRequestsPerMinute: 0, globalConcurrency: 8 },
      limits: { ...web.config.limits, readTimeoutMs: 2000, retryBaseMs: 20, maxRetries: 2 },
    }));
    const clean = join(work, 'clean');
    const resumed = join(work, 'resumed');

    const cleanRun = await runCrawl(configPath, clean);
    // status 1: the sample web's robots-forbidden and challenge sites cannot be crawled (the rest were)
    expect(cleanRun.code, cleanRun.stderr).toBe(1);
    const cleanObjects = objects(clean).sort();
    expect(cleanObjects.length).toBeGreaterThan(40);

    const killed = await runCrawl(configPath, resumed, Math.floor(cleanObjects.length / 3));
    expect(killed.signal).toBe('SIGKILL');
    const stored = objects(resumed).length;
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(cleanObjects.length);

    const again = await runCrawl(configPath, resumed);
    expect(again.code, again.stderr).toBe(1);

    expect(objects(resumed).sort()).toEqual(cleanObjects);
    const got = versions(resumed);
    expect(new Set(got).size).toBe(got.length);
    expect(got.sort()).toEqual(versions(clean).sort());
    const identities = got.map((v) => v.split('|').slice(0, 4).join('|'));
    expect(new Set(identities).size).toBe(identities.length);
  });
});
