/**
 * The command line as a cron job and its operator meet it (issue 15): one writer per data
 * directory (lock file, --wait, stale lock taken over), a reader holding the DuckDB file during
 * `run`, every exit status, an unwritable or mistyped data directory, timestamps and failure
 * reasons in a log, failures.jsonl as one row per URL and reason, Ctrl-C. Every crawl runs as
 * `nianbao` in a child process against a one-site web served by this test on 127.0.0.1.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../cli/lock.ts';
import { PROGRESS_SECONDS_ENV } from '../../cli/log.ts';
import { RawStore } from '../../crawlers/raw-store.ts';
import { EXIT, exitStatusOf, UsageError, LockedError, DataDirError, ConfigError, FetchError } from '../../errors.ts';
import { Database } from '../../load/db.ts';
import { databasePath, rawStoreDir } from '../../load/paths.ts';
import { tempDir } from '../load/helpers.ts';
import { opsConfig, startOpsSite, type OpsSite } from './ops-site.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin', 'nianbao.js');
const TIMEOUT_MS = 600_000;
const STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z /;

interface Ran {
  code: number | null;
  out: string;
  err: string;
}

interface Child {
  done: Promise<Ran>;
  kill(signal: NodeJS.Signals): void;
  /** What it has written to stderr so far. */
  err(): string;
}

/** Starts `nianbao ...args` (stdout and stderr piped: not terminals). */
function start(args: string[], opts: { prefix?: string[]; env?: Record<string, string> } = {}): Child {
  const [cmd, ...pre] = opts.prefix ?? [process.execPath];
  const child = spawn(cmd!, [...pre, ...(opts.prefix ? [process.execPath] : []), BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const done = new Promise<Ran>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
  return { done, kill: (s) => child.kill(s), err: () => err };
}

const nianbao = (...args: string[]) => start(args).done;

const sites: OpsSite[] = [];
afterEach(async () => {
  while (sites.length) await sites.pop()!.close();
});

async function setUp(siteOpts: Parameters<typeof startOpsSite>[0] = {}, configExtra: Record<string, unknown> = {}) {
  const site = await startOpsSite(siteOpts);
  sites.push(site);
  const work = tempDir('ops');
  const config = join(work, 'config.json');
  writeFileSync(config, JSON.stringify(opsConfig(site.url, configExtra)));
  const data = join(work, 'data');
  return { site, work, config, data, args: ['--config', config, '--data-dir', data] };
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 20));
}

describe('one writer per data directory', () => {
  it('a second run while the first holds the lock exits at once with 3, or waits with --wait', async () => {
    const { site, data, args } = await setUp({ gate: true });
    const first = start(['run', ...args]);
    await site.reportAsked; // the first run is crawling, its lock taken
    const lock = JSON.parse(readFileSync(join(data, LOCK_FILE), 'utf8')) as { pid: number; host: string; command: string; startedAt: string };
    expect(lock).toMatchObject({ command: 'run' });
    expect(Number.isInteger(lock.pid)).toBe(true);

    const asked = site.requests.length;
    const second = await nianbao('run', ...args);
    expect(second.code).toBe(EXIT.locked);
    expect(second.err).toContain(`data directory is in use by \`nianbao run\` (pid ${lock.pid}`);
    expect(second.err).toContain('--wait');
    expect(site.requests.length).toBe(asked); // the second sent no request

    const waiting = start(['load', '--wait', ...args]);
    site.release();
    const firstRan = await first.done;
    expect(firstRan.code, firstRan.err).toBe(EXIT.ok);
    const waited = await waiting.done;
    expect(waited.err).toContain(`waiting for \`nianbao run\` (pid ${lock.pid}`);
    expect(waited.code, waited.err).toBe(EXIT.ok);
    expect(waited.out).toContain('1 already loaded');
    expect(existsSync(join(data, LOCK_FILE))).toBe(false);
    // one crawl's lines in the raw store: the report once
    expect(new RawStore(rawStoreDir(data)).reports()).toHaveLength(1);
  }, TIMEOUT_MS);

  it('takes over the stale lock of a process that is gone, and says so', async () => {
    const { data, args } = await setUp();
    mkdirSync(data, { recursive: true });
    // a pid that surely does not run: a child that has exited
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const stale = { pid: Number(gone.stdout), host: (await import('node:os')).hostname(), command: 'run', startedAt: '2026-01-01T03:15:00.000Z' };
    writeFileSync(join(data, LOCK_FILE), JSON.stringify(stale));
    const r = await nianbao('crawl', ...args);
    expect(r.err).toContain(`took over the stale lock ${join(data, LOCK_FILE)} of \`nianbao run\` (pid ${stale.pid}`);
    expect(r.err).toContain('is not running');
    expect(r.code, r.err).toBe(EXIT.ok);
    expect(existsSync(join(data, LOCK_FILE))).toBe(false);
  }, TIMEOUT_MS);
});

describe('a reader holding the database', () => {
  it('run: the crawl is kept, the load retries, fails naming the cause, prints the summary; the next load picks it up', async () => {
    const { data, args } = await setUp();
    mkdirSync(data);
    const init = await nianbao('load', '--init', ...args);
    expect(init.code, init.err).toBe(EXIT.ok);
    const reader = await Database.open(databasePath(data), { readOnly: true });
    let r: Ran;
    try {
      r = await nianbao('run', '--db-wait', '1', ...args);
    } finally {
      reader.close();
    }
    expect(r.code).toBe(EXIT.locked);
    expect(r.err).toContain('is held by another process; retrying for up to 1 s (--db-wait)');
    expect(r.err).toContain('another process has the database open');
    expect(r.err).toContain('A reader blocks the load too');
    expect(r.err).toContain('the next `nianbao load` (or `run`) loads them');
    expect(r.out).toMatch(/shuyang +ok +\d+/); // the crawl's summary all the same
    expect(r.out).toContain('load: not done');
    expect(new RawStore(rawStoreDir(data)).reports()).toHaveLength(1);

    const next = await nianbao('load', ...args);
    expect(next.code, next.err).toBe(EXIT.ok);
    expect(next.out).toContain('1 report version in the raw store; 0 already loaded');
    expect(next.out).toContain('1 loaded (0 without figures)');
  }, TIMEOUT_MS);
});

describe('exit statuses', () => {
  it('2 for every usage and configuration error; 0 for help', async () => {
    const { config, data, args } = await setUp();
    const usage: string[][] = [
      ['bogus'],
      [],
      ['export', '--config', config],
      ['export', '--format', 'xml', '--out', data],
      ['query'],
      ['load', '--db-wait', 'soon', ...args],
      ['crawl', '--bogus', ...args],
      ['status', '--as-of', '31/12/2024', ...args],
    ];
    for (const a of usage) {
      const r = await nianbao(...a);
      expect(r.code, `${a.join(' ')}: ${r.err}`).toBe(EXIT.usage);
    }
    expect((await nianbao('--help')).code).toBe(EXIT.ok);
    expect((await nianbao('run', '--help')).code).toBe(EXIT.ok);

    const noSites = join(data, '..', 'none.json');
    writeFileSync(noSites, '{"sites": []}');
    const none = await nianbao('run', '--config', noSites, '--data-dir', data);
    expect(none.code).toBe(EXIT.usage);
    expect(none.err).toContain('no sites configured');
    expect(none.err).toContain('--config my.config.ts');
    expect(existsSync(data)).toBe(false);
  }, TIMEOUT_MS);

  it('a mistyped --data-dir is not created by load, reextract, status or query (2); crawl and run create it', async () => {
    const { data, args } = await setUp();
    for (const cmd of [['load'], ['reextract'], ['status'], ['query', 'SELECT 1']]) {
      const r = await nianbao(...cmd, ...args);
      expect(r.code, `${cmd[0]}: ${r.err}`).toBe(EXIT.usage);
      expect(existsSync(data), cmd[0]).toBe(false);
    }
    expect((await nianbao('load', ...args)).err).toContain('no such data directory');
  }, TIMEOUT_MS);

  it('0 all well; 1 a site with fetch errors; 4 nothing could be crawled', async () => {
    const ok = await setUp();
    const r0 = await nianbao('crawl', ...ok.args);
    expect(r0.code, r0.out + r0.err).toBe(EXIT.ok);

    const broken = await setUp({ brokenLink: true });
    const r1 = await nianbao('crawl', ...broken.args);
    expect(r1.code, r1.out + r1.err).toBe(EXIT.someFailed);

    const blocked = await setUp({ forbidAll: true });
    const r4 = await nianbao('run', ...blocked.args);
    expect(r4.code, r4.out + r4.err).toBe(EXIT.nothingCrawled);
    expect(r4.out).toMatch(/shuyang +robots/);
  }, TIMEOUT_MS);

  it('maps errors to statuses: 2 usage/config, 3 locked/unwritable, 1 input, 70 a bug', () => {
    expect(exitStatusOf(new UsageError('x'))).toBe(2);
    expect(exitStatusOf(new ConfigError('c.json', null, 'x'))).toBe(2);
    expect(exitStatusOf(new DataDirError('d', 'missing', true))).toBe(2);
    expect(exitStatusOf(new DataDirError('d', 'cannot write d'))).toBe(3);
    expect(exitStatusOf(new LockedError('d', 'x'))).toBe(3);
    expect(exitStatusOf(new FetchError('http://x/', 404, 'x'))).toBe(1);
    expect(exitStatusOf(new TypeError('x'))).toBe(70);
  });
});

describe('an unwritable data directory', () => {
  it('says "cannot write DIR" with status 3 before any request (run) and for load', async () => {
    const { site, data, args } = await setUp();
    mkdirSync(join(data, 'raw'), { recursive: true });
    // the data directory read-only, as a read-only mount makes it (root ignores file modes)
    const readOnly = (cmd: string[]) =>
      start(cmd, { prefix: ['unshare', '-rm', 'sh', '-c', `mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" "$0" && exec "$@"`, data] }).done;
    for (const cmd of [['run', ...args], ['load', ...args], ['crawl', ...args]]) {
      const r = await readOnly(cmd);
      expect(r.code, `${cmd[0]}: ${r.err}`).toBe(EXIT.locked);
      expect(r.err).toContain(`cannot write ${data}: read-only file system`);
      expect(r.err).not.toContain('internal error');
    }
    expect(site.requests).toEqual([]);
  }, TIMEOUT_MS);
});

describe('logs', () => {
  it('timestamps every line when not a terminal, ends with the failure reasons and the file, counts held-back pages apart', async () => {
    const { data, args } = await setUp({ brokenLink: true });
    const r = await nianbao('run', ...args);
    expect(r.code).toBe(EXIT.someFailed);
    for (const line of [...r.out.split('\n'), ...r.err.split('\n')].filter(Boolean)) expect(line).toMatch(STAMP);
    expect(r.out).toMatch(/failures: 1 \(fetch 1\); most frequent:\n\S+ +1 +fetch: HTTP 404: .*\(e\.g\. http:\/\/127\.0\.0\.1:\d+\/zfxxgknb\/missing\.html\)/);
    expect(r.out).toContain('held back (pages that are not reports, soft 404s; not errors): 1');
    expect(r.out).toContain(`every failure, one line per URL and reason: ${join(data, 'failures.jsonl')}`);
    // errors 1 (the 404), held back 1 (the soft 404)
    expect(r.out).toMatch(/shuyang +ok +\d+ +\d+ +1 +1 +0 +\d+ +0 +1 +1/);

    // the same failures again: failures.jsonl keeps one row per URL and reason, counting runs
    const again = await nianbao('crawl', '--json', ...args);
    expect(() => JSON.parse(again.out)).not.toThrow(); // JSON on stdout is not stamped
    const lines = readFileSync(join(data, 'failures.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { source: string; count: number; held_back?: boolean });
    expect(lines.map((l) => new URL(l.source).pathname).sort()).toEqual(['/zfxxgknb/gone.html', '/zfxxgknb/missing.html']);
    expect(lines.map((l) => l.count)).toEqual([2, 2]);
    expect(lines.find((l) => l.source.endsWith('gone.html'))!.held_back).toBe(true);
  }, TIMEOUT_MS);
});

describe('a stalled URL in the log', () => {
  // NIANBAO_PROGRESS_SECONDS shortens the log's heartbeat (30 s by default) so that the test need not wait
  for (const command of ['crawl', 'run']) {
    it(`${command}: the periodic line names the URL in flight for longer than the interval, with how long`, async () => {
      const { site, args } = await setUp({ gate: true });
      const child = start([command, ...args], { env: { [PROGRESS_SECONDS_ENV]: '0.2' } });
      await site.reportAsked;
      const stalled = new RegExp(`waiting on ${site.url.replace(/[.]/g, '\\.')}zfxxgknb/t1\\.html \\(shuyang, (\\d+\\.\\d) s\\)`);
      // the line comes while the page is held: the test waits for it before letting the page answer
      await until(() => stalled.test(child.err()));
      site.release();
      const r = await child.done;
      expect(r.code, r.err).toBe(EXIT.ok);
      const line = r.err.split('\n').find((l) => stalled.test(l))!;
      expect(line).toMatch(STAMP);
      expect(Number(stalled.exec(line)![1])).toBeGreaterThanOrEqual(0.2);
    }, TIMEOUT_MS);
  }

  it('a bad NIANBAO_PROGRESS_SECONDS is a usage error naming it', async () => {
    const { args } = await setUp();
    const r = await start(['crawl', ...args], { env: { [PROGRESS_SECONDS_ENV]: 'soon' } }).done;
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toContain('NIANBAO_PROGRESS_SECONDS=soon: expected a positive number of seconds');
  }, TIMEOUT_MS);
});

describe('Ctrl-C', () => {
  it('marks the unfinished site interrupted, keeps what was stored, exits 130', async () => {
    const { site, data, args } = await setUp({ gate: true });
    const run = start(['run', ...args]);
    await site.reportAsked;
    run.kill('SIGINT');
    site.release();
    const r = await run.done;
    expect(r.code, r.err).toBe(EXIT.interrupted);
    expect(r.out).toMatch(/shuyang +interrupted/);
    expect(r.out).toContain('(interrupted)');
    const runs = readFileSync(join(data, 'raw', 'runs.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { status: string });
    expect(runs.map((x) => x.status)).toEqual(['interrupted']);
    expect(existsSync(join(data, LOCK_FILE))).toBe(false);
  }, TIMEOUT_MS);
});
